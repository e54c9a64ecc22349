"""Short ruptures in es/fr/de/pt (bot/understanding/foreign_ruptures.py): named by their plain phrases."""
from __future__ import annotations

import pytest

from bot.understanding.foreign_ruptures import concern_of


@pytest.mark.parametrize("text,language,concern", [
    ("Mi psicóloga siempre llega tarde y mira el móvil mientras hablo.", "es", "reliability"),
    ("Ma psy ne me comprend pas du tout.", "fr", "misunderstood"),
    ("Meine Therapeutin versteht mich einfach nicht.", "de", "misunderstood"),
    ("Não sinto conexão nenhuma com a minha terapeuta.", "pt", "no_connection"),
    ("Mit meinem Therapeuten drehen wir uns im Kreis, wir kommen nicht weiter.", "de", "stuck"),
    ("Mon thérapeute ne dit presque rien pendant toute la séance.", "fr", "style"),
    ("Mi terapeuta es muy cara y ya no me alcanza.", "es", "practical"),
    ("Meine Therapeutin hat heute achtmal aufs Handy geschaut, während ich geredet habe.", "de", "reliability"),
    # said with slang, short names for the therapist and words in between
    ("la psicóloga me ha cancelado 4 veces este mes, siempre una hora antes", "es", "reliability"),
    ("minha psi quer que eu fale disso logo e parece que tá com pressa", "pt", "pace"),
    ("minha analista não fala NADA, parece que tô falando com a parede", "pt", "style"),
    ("ma psy a déménagé son cabinet, ça me fait 1h15 de bus", "fr", "practical"),
    ("Meine Therapeutin gibt mir Arbeitsblaetter und Gedankenprotokolle, das ist wie in der Schule", "de", "method"),
    ("mi psicóloga me dijo 'vos sabrás' con una cara de fastidio", "es", "judged"),
])
def test_a_plain_complaint_about_a_named_therapist_names_its_concern(text, language, concern):
    assert concern_of(text, language) == concern


@pytest.mark.parametrize("text,language", [
    # the same complaint about someone who is not a therapist
    ("Mi jefe no me entiende y siempre llega tarde a las reuniones.", "es"),
    ("Mon copain ne me comprend pas.", "fr"),
    # the therapist named, nothing wrong
    ("Meine Therapeutin hat mir sehr geholfen, ich bin dankbar.", "de"),
    ("A minha psicóloga cobra as faltas, estava no contrato.", "pt"),
    # the right words in another language than the one given
    ("Ma psy ne me comprend pas.", "es"),
])
def test_nothing_else_is_read_as_a_rupture(text, language):
    assert concern_of(text, language) is None
