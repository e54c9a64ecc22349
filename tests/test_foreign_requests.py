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


# Session 19: twelve more topics. Modalities, online therapy, a first session, feeling worse,
# questions to ask and finding a good fit are mostly asked without naming a therapist
# (foreign_requests.yml, `without_therapist`), so about half of these name none.
@pytest.mark.parametrize("text,language,topic", [
    ("¿cómo sé si un psicólogo es bueno para mí?", "es", "find_fit"),
    ("¿Cómo elijo una buena terapeuta? Nunca he ido a terapia", "es", "find_fit"),
    ("¿qué debo buscar en un psicólogo?", "es", "find_fit"),
    ("comment savoir si un psy est fait pour moi ?", "fr", "find_fit"),
    ("comment choisir son psychologue quand on n'y connaît rien ?", "fr", "find_fit"),
    ("Woran erkenne ich, ob eine Therapeutin zu mir passt?", "de", "find_fit"),
    ("Worauf sollte ich bei der Suche nach einem Therapeuten achten?", "de", "find_fit"),
    ("como saber se um psicólogo é bom pra mim?", "pt", "find_fit"),
    ("como escolher uma psicóloga? tenho medo de errar", "pt", "find_fit"),
    ("la thérapie en visio, ça marche ?", "fr", "online_therapy"),
    ("consulter un psy en ligne, c'est aussi bien qu'au cabinet ?", "fr", "online_therapy"),
    ("¿la terapia online funciona igual que la presencial?", "es", "online_therapy"),
    ("¿es fiable un psicólogo por videollamada?", "es", "online_therapy"),
    ("Bringt eine Therapie per Video genauso viel?", "de", "online_therapy"),
    ("Ist Onlinetherapie überhaupt seriös?", "de", "online_therapy"),
    ("terapia online funciona mesmo?", "pt", "online_therapy"),
    ("é melhor fazer terapia presencial ou online?", "pt", "online_therapy"),
    ("¿qué es la TCC?", "es", "cbt"),
    ("¿La terapia cognitivo-conductual sirve para la ansiedad?", "es", "cbt"),
    ("c'est quoi une TCC ?", "fr", "cbt"),
    ("les thérapies cognitivo-comportementales, ça marche vraiment ?", "fr", "cbt"),
    ("Was ist eine kognitive Verhaltenstherapie?", "de", "cbt"),
    ("Wie läuft eine Verhaltenstherapie ab?", "de", "cbt"),
    ("o que é TCC?", "pt", "cbt"),
    ("terapia cognitivo-comportamental funciona pra depressão?", "pt", "cbt"),
    ("was ist eigentlich EMDR?", "de", "emdr"),
    ("Meine Therapeutin will mit Augenbewegungen arbeiten, was ist das?", "de", "emdr"),
    ("¿qué es el EMDR?", "es", "emdr"),
    ("mi psicóloga me propone EMDR para el trauma, ¿cómo funciona?", "es", "emdr"),
    ("l'EMDR c'est de l'hypnose ?", "fr", "emdr"),
    ("TCC ou EMDR pour un trauma ?", "fr", "emdr"),  # EMDR named: not CBT's answer
    ("EMDR funciona para trauma?", "pt", "emdr"),
    ("minha terapeuta quer fazer EMDR, como é uma sessão?", "pt", "emdr"),
    ("¿cómo funciona la terapia de pareja?", "es", "couples_family"),
    ("¿la terapia familiar sirve con un adolescente?", "es", "couples_family"),
    ("une thérapie de couple, ça sert à quoi ?", "fr", "couples_family"),
    ("est-ce qu'un thérapeute familial prend parti pour les parents ?", "fr", "couples_family"),
    ("Wie läuft eine Paartherapie ab?", "de", "couples_family"),
    ("Was bringt eine Familientherapie?", "de", "couples_family"),
    ("terapia de casal funciona?", "pt", "couples_family"),
    ("como funciona a terapia familiar?", "pt", "couples_family"),
    ("¿qué pasa en la primera sesión con el psicólogo?", "es", "first_session"),
    ("tengo mi primera consulta de terapia mañana, ¿qué me van a preguntar?", "es", "first_session"),
    ("ça se passe comment, une première séance chez le psy ?", "fr", "first_session"),
    ("j'ai mon premier rendez-vous avec une psychologue jeudi, je dois préparer quelque chose ?", "fr", "first_session"),
    ("Was passiert im Erstgespräch beim Psychotherapeuten?", "de", "first_session"),
    ("Wie läuft die erste Therapiestunde ab?", "de", "first_session"),
    ("como é a primeira sessão de terapia?", "pt", "first_session"),
    ("o que acontece na primeira consulta com a psicóloga?", "pt", "first_session"),
    ("¿es normal sentirme peor después de la terapia?", "es", "feeling_worse"),
    ("desde que empecé con la psicóloga estoy peor", "es", "feeling_worse"),
    ("je me sens plus mal depuis que je vois ma psy, c'est normal ?", "fr", "feeling_worse"),
    ("je sors lessivée de chaque séance, c'est normal ?", "fr", "feeling_worse"),
    ("Nach jeder Sitzung bin ich total aufgewühlt, ist das normal?", "de", "feeling_worse"),
    ("Seit der Therapie geht es mir schlechter", "de", "feeling_worse"),
    ("é normal sair pior da sessão?", "pt", "feeling_worse"),
    ("a terapia piora antes de melhorar?", "pt", "feeling_worse"),
    ("é normal a psicóloga ficar calada?", "pt", "silence_in_sessions"),
    ("meu psicólogo não fala nada, só fica me olhando", "pt", "silence_in_sessions"),
    ("¿por qué mi psicólogo se queda callado tanto rato?", "es", "silence_in_sessions"),
    ("en las sesiones hay silencios muy largos, ¿es normal?", "es", "silence_in_sessions"),
    ("ma psy ne dit rien pendant les séances, c'est normal ?", "fr", "silence_in_sessions"),
    ("il y a de longs silences en séance et je ne sais pas quoi faire", "fr", "silence_in_sessions"),
    ("Meine Therapeutin schweigt oft minutenlang. Warum?", "de", "silence_in_sessions"),
    ("Mein Psychologe sagt kaum was, ist das Absicht?", "de", "silence_in_sessions"),
    ("¿puedo hacerle un regalo a mi psicóloga?", "es", "gifts"),
    ("¿está bien regalarle algo a mi terapeuta al terminar?", "es", "gifts"),
    ("est-ce que je peux offrir un cadeau à ma psy ?", "fr", "gifts"),
    ("comment remercier ma psychologue à la fin de la thérapie ?", "fr", "gifts"),
    ("Darf ich meiner Therapeutin zum Abschied etwas schenken?", "de", "gifts"),
    ("Kann ich meinem Therapeuten Pralinen mitbringen?", "de", "gifts"),
    ("posso dar um presente pra minha psicóloga?", "pt", "gifts"),
    ("é estranho levar uma lembrancinha pra terapeuta no Natal?", "pt", "gifts"),
    ("la terapia me ayudó mucho, ¿cómo se lo agradezco a mi psicóloga?", "es", "gifts"),
    ("¿qué preguntas le hago a un psicólogo antes de empezar?", "es", "questions_to_ask"),
    ("¿qué le debo preguntar a una terapeuta en la primera llamada?", "es", "questions_to_ask"),
    ("quelles questions poser à un psy avant de commencer ?", "fr", "questions_to_ask"),
    ("qu'est-ce que je peux lui demander au premier appel, à la psychologue ?", "fr", "questions_to_ask"),
    ("Welche Fragen sollte ich einer Therapeutin im Erstgespräch stellen?", "de", "questions_to_ask"),
    ("Was sollte ich einen Psychotherapeuten vor der Therapie fragen?", "de", "questions_to_ask"),
    ("quais perguntas fazer pro psicólogo antes de começar?", "pt", "questions_to_ask"),
    ("o que eu devo perguntar numa primeira conversa com uma terapeuta?", "pt", "questions_to_ask"),
    ("¿qué es la terapia psicodinámica?", "es", "psychodynamic"),
    ("¿el psicoanálisis sirve de algo hoy en día?", "es", "psychodynamic"),
    ("c'est quoi la psychanalyse, on s'allonge vraiment sur un divan ?", "fr", "psychodynamic"),
    ("ma psy parle de transfert, ça veut dire quoi ?", "fr", "psychodynamic"),
    ("Was ist tiefenpsychologisch fundierte Psychotherapie?", "de", "psychodynamic"),
    ("Ist eine psychodynamische Therapie was für mich?", "de", "psychodynamic"),
    ("o que é a terapia psicodinâmica?", "pt", "psychodynamic"),
    ("psicanálise funciona?", "pt", "psychodynamic"),
    ("¿hay psicólogas que entiendan mi fe?", "es", "identity_fit"),
    ("quiero una terapeuta que respete mi identidad, ¿es raro pedirlo?", "es", "identity_fit"),
    ("je voudrais une psy qui comprenne ma culture", "fr", "identity_fit"),
    ("c'est bizarre de vouloir un thérapeute LGBT friendly ?", "fr", "identity_fit"),
    ("Gibt es Therapeutinnen, die queer sind?", "de", "identity_fit"),
    ("Ich hätte gern eine Psychologin, die meine Kultur versteht. Darf ich danach fragen?", "de", "identity_fit"),
    ("quero uma psicóloga negra, é estranho pedir isso?", "pt", "identity_fit"),
    ("é normal querer um terapeuta que entenda minha religião?", "pt", "identity_fit"),
])
def test_the_session_19_topics_are_found_in_another_language(text, language, topic):
    assert foreign_requests.topic_of(text, language) == topic


# Near misses: a neighbouring topic, a red flag or a crisis that only looks like one of them.
@pytest.mark.parametrize("text,language,expected", [
    ("¿puedo cambiar de psicóloga si no es buena para mí?", "es", "change_therapist"),               # find_fit
    ("tuve una mala experiencia, ¿cómo elijo un psicólogo esta vez?", "es", "return_after_bad_experience"),
    ("mi psicóloga dice que es bueno para mí que nos veamos fuera de la consulta", "es", None),      # a red flag
    ("Wo finde ich eine neue Psychotherapeutin?", "de", "directories"),
    ("¿hay una línea de crisis online?", "es", "calling_a_crisis_line"),                             # online_therapy
    ("Kann ich den Termin bei meiner Therapeutin online absagen?", "de", None),
    ("¿qué diferencia hay entre la DBT y la TCC?", "es", None),                                      # cbt: DBT
    ("c'est quoi la différence entre la TCC et la thérapie comportementale dialectique ?", "fr", None),
    ("meu TCC da faculdade é sobre ansiedade, pode me ajudar?", "pt", None),                         # a thesis
    ("Meine Verhaltenstherapeutin hat die Stunde berechnet, obwohl ich abgesagt habe", "de", None),  # not cbt
    ("fiz a transferência pro psicólogo pelo pix, ele diz que não recebeu", "pt", None),             # psychodynamic
    ("¿Debería denunciar a nuestro terapeuta de pareja?", "es", "report_to_board"),                 # couples_family
    ("mon mari me frappe, est-ce qu'une thérapie de couple peut aider ?", "fr", None),              # violence
    ("¿se paga la primera sesión si la cancelo?", "es", None),                                       # first_session: fees
    ("Nach der ersten Sitzung geht es mir schlechter", "de", "feeling_worse"),
    ("depois da terapia me sinto pior e penso em me matar", "pt", None),                             # feeling_worse: crisis
    ("me siento peor con las pastillas que me dio la psiquiatra", "es", "therapist_vs_psychiatrist"),
    ("Darf meine Therapeutin ihre Schweigepflicht brechen?", "de", "confidentiality_limits"),       # silence
    ("mi psicóloga no me contesta los mensajes, ¿es normal?", "es", None),
    ("mi psicólogo me cobró una sesión cancelada, ¿me tiene que regalar la siguiente?", "es", "fees_cancellation"),  # gifts
    ("mi psicóloga me pidió que le regalara un reloj caro", "es", None),                             # a red flag
    ("a minha psicóloga não é muito presente nas sessões", "pt", None),
    ("¿qué preguntas me va a hacer la psicóloga?", "es", None),                                      # questions_to_ask
    ("Welche Fragen stellt mir die Therapeutin im Erstgespräch?", "de", "first_session"),
    ("meu psicólogo disse que ser gay é pecado", "pt", None),                                        # identity_fit: a red flag
    ("e como eu acho um psicólogo que respeite a minha fé", "pt", "directories"),
    # a red flag or a crisis told in the words of a topic
    ("en la primera sesión mi psicólogo me tocó la pierna", "es", None),
    ("In der ersten Sitzung hat mich der Therapeut umarmt", "de", None),
    ("je fais une TCC et mon psy me touche", "fr", None),
    ("estoy en TCC y tengo ganas de morir", "es", None),
    ("mi psicóloga de pareja se acuesta con mi marido", "es", None),
    ("meu psicólogo me deu um presente caro", "pt", None),
    # somebody else's silence
    ("mi madre no habla conmigo desde que empecé terapia", "es", None),
    ("Mein Mann schweigt, seit ich in Therapie bin", "de", None),
])
def test_near_misses_of_the_session_19_topics_go_elsewhere(text, language, expected):
    assert foreign_requests.topic_of(text, language) == expected
