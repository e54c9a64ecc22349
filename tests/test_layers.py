"""bot/ is layered, and imports point one way (issue 16).

Every module under bot/ is read with ``ast`` (nothing is imported or run), and
each import of another bot package must be one that its package may make. The
rule is written once, here, as data; each package's ``__init__`` docstring
says the same in its "may import" sentence, and a test keeps the two equal.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

BOT = Path(__file__).resolve().parent.parent / "bot"

#: package of bot/ -> the other packages of bot/ its modules may import (its own modules it always may)
MAY_IMPORT: Dict[str, FrozenSet[str]] = {
    "common": frozenset(),
    "store": frozenset({"common"}),
    "understanding": frozenset({"common"}),
    "dialogue": frozenset({"common", "understanding"}),
    "replies": frozenset({"common", "understanding", "dialogue", "store"}),
    "channels": frozenset({"common", "store"}),
    "serve": frozenset({"common", "store", "understanding", "dialogue", "replies", "channels"}),
    "cluster": frozenset({"common", "store", "understanding", "dialogue", "replies", "channels", "serve"}),
}

#: Imports against the rule that are there today, each with why it was left:
#: (importing module, imported module) -> reason. Remove an entry when its import goes.
KNOWN_EXCEPTIONS: Dict[Tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(BOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> List[Tuple[str, Path]]:
    return sorted((_module_name(path), path) for path in BOT.rglob("*.py") if "__pycache__" not in path.parts)


def _imports(module: str, path: Path) -> Iterator[Tuple[str, int]]:
    """Every module this one imports, absolute, with its line (``from bot import x`` gives ``bot.x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "bot":
                for alias in node.names:
                    yield f"bot.{alias.name}", node.lineno
            else:
                yield target, node.lineno


def _package(module: str) -> Optional[str]:
    """``bot.dialogue.knowledge`` -> ``dialogue``; ``None`` outside bot/ (and for ``bot`` itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "bot" else None


def _wrong_way() -> List[Tuple[str, int, str]]:
    found = []
    for module, path in _modules():
        own = _package(module)
        for target, line in _imports(module, path):
            theirs = _package(target)
            if theirs is None or theirs == own or own is None:
                continue
            if theirs not in MAY_IMPORT.get(own, frozenset()):
                found.append((module, line, target))
    return found


def test_every_module_is_in_a_package_the_rule_names():
    loose = [str(path.relative_to(BOT.parent)) for module, path in _modules()
             if module != "bot" and _package(module) not in MAY_IMPORT]
    assert loose == [], "give each of these a package of bot/ and a line in MAY_IMPORT"
    assert all((BOT / package / "__init__.py").is_file() for package in MAY_IMPORT)


def test_imports_point_one_way():
    wrong = [f"{module}:{line} imports {target}" for module, line, target in _wrong_way()
             if (module, target) not in KNOWN_EXCEPTIONS]
    assert wrong == [], "an import against the layers (see MAY_IMPORT and the package docstrings)"


def test_the_known_exceptions_are_still_there():
    there = {(module, target) for module, _, target in _wrong_way()}
    gone = [pair for pair in KNOWN_EXCEPTIONS if pair not in there]
    assert gone == [], "this import is gone: remove it from KNOWN_EXCEPTIONS"


def test_the_rule_has_no_cycle():
    def reach(package: str, seen: Set[str]) -> Set[str]:
        for other in MAY_IMPORT[package] - seen:
            seen.add(other)
            reach(other, seen)
        return seen

    assert [package for package in MAY_IMPORT if package in reach(package, set())] == []


def test_each_package_docstring_says_what_the_rule_says():
    for package, allowed in MAY_IMPORT.items():
        doc = ast.get_docstring(ast.parse((BOT / package / "__init__.py").read_text(encoding="utf-8"))) or ""
        sentence = re.search(r"may\s+import(.*?)(?:\.\s|\.$)", doc, re.DOTALL)
        assert sentence, f"bot/{package}/__init__.py should say what it may import"
        named = set(re.findall(r"``bot\.(\w+)``", sentence.group(1)))
        assert named == set(allowed), f"bot/{package}/__init__.py: its docstring and MAY_IMPORT disagree"


def test_the_reader_sees_imports_of_every_form(tmp_path):
    """``import``, ``from bot import x`` and relative imports are all read, and a wrong one is caught."""
    probe = tmp_path / "probe.py"
    probe.write_text("import bot.serve.run\nfrom bot import replies\nfrom ..dialogue import knowledge\n"
                     "from . import language\nimport yaml\n", encoding="utf-8")
    found = sorted(target for target, _ in _imports("bot.understanding.probe", probe))
    assert found == ["bot.dialogue", "bot.replies", "bot.serve.run", "bot.understanding", "yaml"]
    assert {_package(target) for target in found} - MAY_IMPORT["understanding"] - {"understanding", None} == {
        "dialogue", "replies", "serve"}
