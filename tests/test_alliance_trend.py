"""Reading the alliance check-in history (bot/dialogue/alliance_trend.py): the advice follows the history,
not today alone."""
from __future__ import annotations

import pytest

from bot.dialogue.alliance_trend import Scores, read, score_of, trend


def test_first_check_ins_that_look_fine_are_framed_as_early():
    assert read([Scores(3, 4, 3)]).response == "utter_check_in_early"
    assert read([Scores(3, 4, 3), Scores(4, 4, 3)]).response == "utter_check_in_early"


def test_a_low_part_means_raise_it_and_names_the_lowest_part():
    reading = read([Scores(4, 2, 3)])
    assert (reading.response, reading.part) == ("utter_check_in_raise_it", "goals")


def test_a_fall_since_last_time_means_raise_it_even_when_nothing_is_low_yet():
    reading = read([Scores(5, 5, 5), Scores(5, 5, 5), Scores(4, 4, 3)])
    assert (reading.response, reading.part) == ("utter_check_in_raise_it", "method")


def test_several_low_check_ins_in_a_row_make_a_better_fit_worth_weighing():
    history = [Scores(2, 2, 3), Scores(2, 3, 2), Scores(1, 2, 2)]
    assert read(history).response == "utter_check_in_better_fit"
    # one good check-in in between breaks the run
    assert read([Scores(2, 2, 3), Scores(4, 4, 4), Scores(1, 2, 2)]).response == "utter_check_in_raise_it"


def test_a_steady_alliance_after_the_first_sessions():
    assert read([Scores(4, 4, 4)] * 4).response == "utter_check_in_steady"


def test_no_history_is_an_error():
    with pytest.raises(ValueError):
        read([])


def test_the_trend_shows_each_part_over_the_last_ten_check_ins():
    history = [Scores(1, 2, 3)] * 3 + [Scores(b, 3, 4) for b in (1, 2, 3, 4, 5, 4, 3, 2, 1, 5)]
    lines = trend(history).splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("feeling understood") and lines[0].endswith("1 → 2 → 3 → 4 → 5 → 4 → 3 → 2 → 1 → 5")
    assert lines[2].endswith(" → ".join(["4"] * 10))


@pytest.mark.parametrize("typed,score", [
    ("4", 4), ("4/5", 4), ("3 out of 5", 3), ("a 2 I guess", 2), ("5!", 5),
    ("6", None), ("10", None), ("2 or 3", None), ("good", None), ("", None),
])
def test_a_score_is_read_from_a_button_or_typed_text(typed, score):
    assert score_of(typed) == score
