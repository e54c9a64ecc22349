"""Reporting and finding a therapist asked in es/fr/de/pt (bot/foreign_requests.py)."""
from __future__ import annotations

import pytest

from bot import foreign_requests
from bot.knowledge import topics


@pytest.mark.parametrize("text,language,topic", [
    ("¿Cómo denuncio a mi psicóloga en México?", "es", "report_to_board"),
    ("quiero poner una queja contra mi terapeuta", "es", "report_to_board"),
    ("Comment porter plainte contre mon psy ?", "fr", "report_to_board"),
    ("Je veux signaler ma thérapeute à l'ordre", "fr", "report_to_board"),
    ("Wo kann ich mich über meinen Therapeuten beschweren?", "de", "report_to_board"),
    ("Como faço queixa do meu psicólogo?", "pt", "report_to_board"),
    ("Wo finde ich eine neue Psychotherapeutin?", "de", "directories"),
    ("Onde posso procurar um psicólogo?", "pt", "directories"),
])
def test_a_request_in_another_language_names_its_topic(text, language, topic):
    assert foreign_requests.topic_of(text, language) == topic
    assert topic in topics()


@pytest.mark.parametrize("text,language", [
    ("Mi terapeuta es muy amable pero a veces llega tarde", "es"),  # about a therapist, no request
    ("Je veux signaler un problème avec ma box internet", "fr"),    # a request, not about a therapist
    ("¿Cómo denuncio a mi psicóloga en México?", "en"),             # only for the languages it knows
    ("¿Cómo denuncio a mi psicóloga en México?", None),
])
def test_nothing_else_is_read_as_a_request(text, language):
    assert foreign_requests.topic_of(text, language) is None
