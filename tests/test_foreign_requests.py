"""Reporting, finding a therapist, proof and registration asked in es/fr/de/pt (bot/understanding/foreign_requests.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.understanding import foreign_requests
from bot.dialogue.knowledge import topics


@pytest.mark.parametrize("text,language,topic", [
    ("¿Cómo denuncio a mi psicóloga en México?", "es", "report_to_board"),
    ("quiero poner una queja contra mi terapeuta", "es", "report_to_board"),
    ("Comment porter plainte contre mon psy ?", "fr", "report_to_board"),
    ("Je veux signaler ma thérapeute à l'ordre", "fr", "report_to_board"),
    ("Wo kann ich mich über meinen Therapeuten beschweren?", "de", "report_to_board"),
    ("Como faço queixa do meu psicólogo?", "pt", "report_to_board"),
    ("Wo finde ich eine neue Psychotherapeutin?", "de", "directories"),
    ("Onde posso procurar um psicólogo?", "pt", "directories"),
    ("e como eu acho um psicólogo que respeite a minha fé", "pt", "directories"),
    # short questions on proof or registration, without naming the therapist
    ("Preciso de provas? Foi tudo falado, não tem nada por escrito", "pt", "evidence_for_complaint"),
    ("¿Necesito pruebas para poner la queja?", "es", "evidence_for_complaint"),
    ("Il me faut des preuves ?", "fr", "evidence_for_complaint"),
    ("Brauche ich dafür Beweise?", "de", "evidence_for_complaint"),
    ("¿Cómo sé si de verdad tiene cédula profesional?", "es", "report_to_board"),
    ("Wie finde ich heraus, ob sie überhaupt approbiert ist?", "de", "report_to_board"),
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


@pytest.mark.parametrize("text,language", [
    ("¿Dónde la puedo denunciar? Estoy en Guadalajara", "es"),
    ("Como faço para denunciar? É no CRP?", "pt"),
    ("Kann man sich in Österreich eigentlich über sowas beschweren?", "de"),
    ("Où est-ce que je peux porter plainte ?", "fr"),
])
def test_a_short_question_about_reporting_mid_conversation_needs_no_therapist_word(text, language):
    assert foreign_requests.topic_of(text, language) == "report_to_board"


@pytest.mark.parametrize("text,language", [
    ("¿Debo denunciar a mi tío?", "es"),                    # someone else: not the therapist's bodies
    ("Soll ich mich bei ihr melden?", "de"),                # "melden" is also "get in touch"
    ("Je veux signaler un problème avec ma box internet", "fr"),  # not a question
    ("¿Dónde la puedo denunciar? " + "Pasó algo más. " * 20, "es"),  # a long message is not a short question
])
def test_a_bare_reporting_word_is_not_enough_elsewhere(text, language):
    assert foreign_requests.topic_of(text, language) is None


@pytest.mark.parametrize("text,language", [
    ("¿Estoy exagerando? Ella dice que lo hace para educar a la gente", "es"),
    ("Elle est gentille pourtant, je pense qu'elle voulait juste m'aider financièrement", "fr"),
    ("Vielleicht wollte sie nur helfen und ich übertreibe", "de"),
    ("Será que ele só estava sendo sincero? Ele é evangélico", "pt"),
])
def test_doubting_oneself_in_another_language_is_found(text, language):
    assert foreign_requests.doubts(text, language)


@pytest.mark.parametrize("text,language", [
    ("Mi psicóloga llega tarde a todas las sesiones", "es"),
    ("Estoy exagerando?", "fr"),  # the phrase of another language
    ("Pourtant " + "je lui ai tout raconté depuis le début, chaque semaine, " * 6, "fr"),  # a long message
])
def test_other_messages_are_no_doubt(text, language):
    assert not foreign_requests.doubts(text, language)


@pytest.mark.parametrize("text,language", [
    # a story that mentions writing, not a short question
    ("Mi psicóloga me pidió que le escribiera todo por escrito cada semana y ya no sé si sirve de algo, "
     "siento que no avanzamos y cada sesión es igual que la anterior, no sé qué hacer", "es"),
    ("Meine Mutter hat Beweise gefunden, dass mein Bruder lügt?", "de"),  # names somebody else
])
def test_proof_words_elsewhere_are_no_request(text, language):
    assert foreign_requests.topic_of(text, language) is None


def test_every_topic_read_in_another_language_is_answered_in_it():
    """A topic found in es/fr/de/pt must have its answer in that language, not the English one."""
    responses = {}
    for path in (Path(__file__).resolve().parent.parent / "data" / "nlu" / "knowledge").glob("*.yml"):
        responses.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
    data = yaml.safe_load(foreign_requests._FILE.read_text(encoding="utf-8"))
    for topic in set(data["topics"]) | set(data["bare_topics"]):
        variants = responses[f"utter_knowledge/{topic}"]
        languages = {c["value"] for v in variants for c in v.get("condition") or [] if c.get("name") == "language"}
        assert languages >= {"es", "fr", "de", "pt"}, topic


# One question per topic and language for the ten topics added in session 18 (foreign_requests.yml);
# each names the therapist, as a question in a conversation about therapy does.
@pytest.mark.parametrize("text,language,topic", [
    ("lo que le cuento a mi psicólogo es confidencial?", "es", "confidentiality_basics"),
    ("est ce que ce que je dis à ma psy reste confidentiel ?", "fr", "confidentiality_basics"),
    ("bleibt alles, was ich meiner Therapeutin erzähle, vertraulich?", "de", "confidentiality_basics"),
    ("o que eu conto pro meu psicólogo fica em sigilo?", "pt", "confidentiality_basics"),
    ("en qué casos mi psicóloga puede romper el secreto profesional?", "es", "confidentiality_limits"),
    ("dans quels cas le psy peut lever le secret professionnel ?", "fr", "confidentiality_limits"),
    ("wann darf mein therapeut die schweigepflicht brechen?", "de", "confidentiality_limits"),
    ("em que casos a psicóloga pode quebrar o sigilo?", "pt", "confidentiality_limits"),
    ("tengo 15 años, mi psicóloga le va a contar a mis padres lo q le digo?", "es", "minors_parents"),
    ("j'ai 15 ans, ma psy va tout dire à mes parents ?", "fr", "minors_parents"),
    ("ich bin 15, erzählt meine therapeutin meinen eltern alles?", "de", "minors_parents"),
    ("tenho 15 anos, a psicóloga vai contar tudo pros meus pais?", "pt", "minors_parents"),
    ("debería contarle a mi psicóloga que me autolesiono?", "es", "telling_your_therapist"),
    ("est ce que je dois dire à ma psy que je me scarifie ?", "fr", "telling_your_therapist"),
    ("soll ich meiner therapeutin sagen, dass ich mich ritze?", "de", "telling_your_therapist"),
    ("devo contar pra minha psicóloga que eu me corto?", "pt", "telling_your_therapist"),
    ("qué pasa si llamo a una línea de crisis, me mandan a la policía?", "es", "calling_a_crisis_line"),
    ("qu'est ce qui se passe si j'appelle une ligne d'écoute, ils envoient la police ?", "fr", "calling_a_crisis_line"),
    ("was passiert, wenn ich beim krisentelefon anrufe, schicken die die polizei?", "de", "calling_a_crisis_line"),
    ("o que acontece se eu ligar pra uma linha de crise, eles chamam a polícia?", "pt", "calling_a_crisis_line"),
    ("puedo cambiar de psicóloga si no me siento cómoda?", "es", "change_therapist"),
    ("est ce que je peux changer de psy si le courant passe pas ?", "fr", "change_therapist"),
    ("darf ich meine therapeutin wechseln, wenn es nicht passt?", "de", "change_therapist"),
    ("posso trocar de psicóloga se não me sinto à vontade?", "pt", "change_therapist"),
    ("tuve una mala experiencia con una psicóloga, vale la pena volver a terapia?", "es", "return_after_bad_experience"),
    ("j'ai eu une mauvaise expérience avec un psy, ça vaut le coup de retourner en thérapie ?", "fr", "return_after_bad_experience"),
    ("ich hatte eine schlechte erfahrung mit einer therapeutin, soll ich es nochmal mit therapie versuchen?", "de", "return_after_bad_experience"),
    ("tive uma má experiência com uma psicóloga, vale a pena voltar pra terapia?", "pt", "return_after_bad_experience"),
    ("cuánto dura normalmente una terapia con psicólogo?", "es", "how_long_therapy"),
    ("combien de temps dure une thérapie avec un psy ?", "fr", "how_long_therapy"),
    ("wie lange dauert eine therapie beim psychologen normalerweise?", "de", "how_long_therapy"),
    ("quanto tempo dura uma terapia com psicólogo?", "pt", "how_long_therapy"),
    ("mi psicólogo me cobró una sesión q cancelé, es normal?", "es", "fees_cancellation"),
    ("mon psy m'a fait payer une séance que j'ai annulée, c'est normal ?", "fr", "fees_cancellation"),
    ("mein therapeut will die abgesagte stunde bezahlt haben, ist das normal?", "de", "fees_cancellation"),
    ("meu psicólogo cobrou uma sessão que eu cancelei, isso é normal?", "pt", "fees_cancellation"),
    ("cuál es la diferencia entre psicólogo y psiquiatra?", "es", "therapist_vs_psychiatrist"),
    ("c'est quoi la différence entre psychologue et psychiatre ?", "fr", "therapist_vs_psychiatrist"),
    ("was ist der unterschied zwischen psychologe und psychiater?", "de", "therapist_vs_psychiatrist"),
    ("qual a diferença entre psicólogo e psiquiatra?", "pt", "therapist_vs_psychiatrist"),
])
def test_more_questions_in_another_language_find_their_topic(text, language, topic):
    assert foreign_requests.topic_of(text, language) == topic
