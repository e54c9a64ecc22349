"""The screen's rules are data (bot/understanding/screen_rules/): every record's examples run through the real screen,
and a malformed record is refused at load with its id in the message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.understanding.screen_patterns import RULES_DIR, load_rules

RULES = load_rules()
MATCHES = [(rule.id, text) for rule in RULES.rules for text in rule.matches]
MATCH_IDS = [f"{rule.id}[{i}]" for rule in RULES.rules for i, _ in enumerate(rule.matches)]
NON_MATCHES = [(rule.id, text) for rule in RULES.rules for text in rule.does_not_match]
NON_MATCH_IDS = [f"{rule.id}[{i}]" for rule in RULES.rules for i, _ in enumerate(rule.does_not_match)]


@pytest.mark.parametrize("rule_id,text", MATCHES, ids=MATCH_IDS)
def test_a_record_finds_each_of_its_matches(screen, rule_id, text):
    hits = screen.analyse(text).hits
    assert rule_id in {hit.rule for hit in hits}, (text, [hit.rule for hit in hits])


@pytest.mark.parametrize("rule_id,text", NON_MATCHES, ids=NON_MATCH_IDS)
def test_a_record_does_not_find_its_near_misses(screen, rule_id, text):
    hits = screen.analyse(text).hits
    assert rule_id not in {hit.rule for hit in hits}, text


GUARD_EXAMPLES = [(guard.id, text, True) for guard in RULES.guards for text in guard.matches] + [
    (guard.id, text, False) for guard in RULES.guards for text in guard.does_not_match]


@pytest.mark.parametrize("guard_id,text,matches", GUARD_EXAMPLES,
                         ids=[f"{g}[{'matches' if m else 'does_not_match'}:{t[:30]}]" for g, t, m in GUARD_EXAMPLES])
def test_a_guard_matches_its_examples(screen, guard_id, text, matches):
    assert (guard_id in screen.matched_ids(text)) == matches, text


def test_a_finding_names_its_record_and_takes_the_records_answer(screen):
    by_id = RULES.by_id()
    hit = screen.screen("i feel like such a burden to my parents")
    assert hit.rule == "suicide.burden" and hit.answer == by_id["suicide.burden"].answer == "ask"
    hit = screen.screen("i've been saving up my pills for a few weeks now")
    assert hit.rule == "suicide.pills_saved_or_taken" and hit.answer == "crisis"


def test_every_concern_of_both_levels_has_records():
    from bot.understanding.taxonomy import CONCERNS

    found = {(rule.level, rule.concern) for rule in RULES.rules}
    assert found == {(level, concern) for level in ("crisis", "red_flag") for concern in CONCERNS[level]}


# -- malformed records ------------------------------------------------------
@pytest.fixture()
def rules_copy(tmp_path) -> Path:
    folder = tmp_path / "screen_rules"
    shutil.copytree(RULES_DIR, folder)
    return folder


def _edit(folder: Path, file: str, rule_id: str, change) -> None:
    path = folder / file
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(next(record for record in records if record["id"] == rule_id), records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("change,message", [
    (lambda r, _: r.update(level="emergency"), "unknown level"),
    (lambda r, _: r.update(concern="suicde"), "unknown crisis concern"),
    (lambda r, _: r.pop("why"), "missing why"),
    (lambda r, _: r.pop("patterns"), "needs patterns or pairs"),
    (lambda r, _: r.update(answer="maybe"), "answer must be one of"),
    (lambda r, _: r.update(matches=r["matches"][:1]), "matches needs at least 2"),
    (lambda r, _: r.update(does_not_match=[]), "missing does_not_match"),
    (lambda r, _: r.update(does_not_matches=["typo"]), "unknown fields"),
    (lambda r, _: r.update(concern="self_harm"), "belongs in crisis_self_harm.yml"),
    (lambda r, records: records.append(dict(r)), "duplicate id"),
    (lambda r, _: r["patterns"].append(r["patterns"][0]), "is also in"),
    (lambda r, _: r.update(done_by_anyone=True), "red-flag records only"),
], ids=["level", "concern", "missing-why", "no-patterns", "answer", "too-few-matches", "no-near-miss",
        "unknown-field", "wrong-file", "duplicate-id", "repeated-pattern", "done-by-anyone-on-crisis"])
def test_a_malformed_record_is_refused_with_its_id(rules_copy, change, message):
    _edit(rules_copy, "crisis_suicide.yml", "suicide.burden", change)
    with pytest.raises(ValueError, match=message) as refused:
        load_rules(rules_copy)
    assert "suicide.burden" in str(refused.value)


def test_a_red_flag_cannot_ask(rules_copy):
    _edit(rules_copy, "red_flag_coercion.yml", "coercion.medication", lambda r, _: r.update(answer="ask"))
    with pytest.raises(ValueError, match="coercion.medication"):
        load_rules(rules_copy)


def test_a_malformed_guard_is_refused_with_its_id(rules_copy):
    path = rules_copy / "guards.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["guards"][0]["kind"] = "sarcasm"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ValueError, match=data["guards"][0]["id"]):
        load_rules(rules_copy)


def test_a_missing_or_misnamed_file_is_refused(rules_copy):
    (rules_copy / "crisis_self_harm.yml").rename(rules_copy / "crisis_selfharm.yml")
    with pytest.raises(ValueError, match="crisis_selfharm.yml"):
        load_rules(rules_copy)
