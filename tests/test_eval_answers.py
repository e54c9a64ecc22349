"""The single-message scoring of make eval: the figures issue 11's targets are stated in."""
from __future__ import annotations

from tests.eval.answers import Message, SetScore, score_set


def test_per_level_precision_and_recall_count_the_question_as_a_crisis_answer():
    messages = [Message("a", "crisis", "suicide", "clear"), Message("b", "crisis", "suicide", "unclear"),
                Message("c", "none", "none"), Message("d", "red_flag", "coercion"), Message("e", "rupture", "pace")]
    results = [("crisis reply", "crisis", "suicide"), ("question", "none", "none"), ("question", "none", "none"),
               ("rupture", "rupture", "pace"), ("rupture", "rupture", "pace")]
    score, _ = score_set("t", "dev", messages, results)
    assert (score.caught, score.false_question, score.red_flags_low) == (2, 1, 1)
    line = score.per_level_line()
    # crisis: 3 crisis answers, 2 right; red flag: none answered; rupture: 2 answered, 1 right
    assert "crisis 0.667 / 1.000 (2)" in line and "red_flag - / 0.000 (1)" in line
    assert "rupture 0.500 / 1.000 (1)" in line and "none - / 0.000 (1)" in line
    pooled = SetScore.pooled("p", "dev", [score, score])
    assert pooled.levels[("crisis", "crisis")] == 4


def test_the_manifest_reads_as_yaml_and_names_every_set():
    """tests/eval/MANIFEST.yml says what each set is; a set it does not name has no provenance."""
    import fnmatch
    from pathlib import Path

    import yaml

    folder = Path(__file__).resolve().parent / "eval"
    named = [part.strip() for entry in yaml.safe_load((folder / "MANIFEST.yml").read_text(encoding="utf-8"))["sets"]
             for part in str(entry["file"]).split(",")]
    on_disk = sorted(path.relative_to(folder).as_posix() for path in folder.glob("*/*.yml"))
    unnamed = [path for path in on_disk if not any(fnmatch.fnmatch(path, pattern) for pattern in named)]
    assert unnamed == []
