"""``alliance``: one entry point for the project's commands."""
from __future__ import annotations

import sys


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "run":
        from bot.serve.run import main as run
        return run()
    if command == "shell":
        from bot.serve.shell import main as shell
        return shell()
    if command in ("migrate", "export", "erase", "purge"):
        from bot.store.commands import main as store
        return store(sys.argv[1:])
    if command == "build-spacy":
        from bot.understanding.build_spacy import build
        print(build())
        return 0
    print("usage: alliance [run|shell|migrate|export ID|erase ID|purge|build-spacy]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
