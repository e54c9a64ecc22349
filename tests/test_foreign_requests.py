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
    # a story that mentions writing, not a short question: since session 22 it is measuring_progress
    # (test_near_misses_of_the_session_22_topics_go_elsewhere), still not a question about proof
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
    ("¿qué diferencia hay entre la DBT y la TCC?", "es", "dbt"),                                     # cbt: DBT (session 22: its own topic)
    ("c'est quoi la différence entre la TCC et la thérapie comportementale dialectique ?", "fr", "dbt"),
    ("meu TCC da faculdade é sobre ansiedade, pode me ajudar?", "pt", None),                         # a thesis
    ("Meine Verhaltenstherapeutin hat die Stunde berechnet, obwohl ich abgesagt habe", "de",
     "fees_cancellation"),                                                                        # not cbt
    ("fiz a transferência pro psicólogo pelo pix, ele diz que não recebeu", "pt", None),             # psychodynamic
    ("¿Debería denunciar a nuestro terapeuta de pareja?", "es", "report_to_board"),                 # couples_family
    ("mon mari me frappe, est-ce qu'une thérapie de couple peut aider ?", "fr", None),              # violence
    ("¿se paga la primera sesión si la cancelo?", "es", "fees_cancellation"),                        # not first_session
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


# Session 22: 37 more topics (foreign_requests.yml, after all the earlier ones). Each needs a question and
# leaves red flags and crises alone; the questions below were written for these tests, at least one per
# topic and language.
@pytest.mark.parametrize("text,language,topic", [
    ('¿cómo termino la terapia con mi psicóloga?', 'es', 'how_to_end'),
    ('quiero dejar la terapia pero no sé cómo decírselo a mi psicólogo', 'es', 'how_to_end'),
    ('comment dire à ma psy que je veux arrêter la thérapie ?', 'fr', 'how_to_end'),
    ('Wie beende ich meine Therapie, ohne dass es komisch wird?', 'de', 'how_to_end'),
    ('como eu encerro a terapia com a minha psicóloga?', 'pt', 'how_to_end'),
    ('¿puedo escribirle a mi psicóloga entre sesiones?', 'es', 'contact_between_sessions'),
    ('¿está mal mandarle mensajes a mi terapeuta por WhatsApp?', 'es', 'contact_between_sessions'),
    ('est-ce que je peux envoyer un message à ma psy entre deux séances ?', 'fr', 'contact_between_sessions'),
    ('Darf ich meiner Therapeutin zwischen den Sitzungen schreiben?', 'de', 'contact_between_sessions'),
    ('posso mandar mensagem pra minha psicóloga fora da sessão?', 'pt', 'contact_between_sessions'),
    ('¿es normal que mi psicóloga me pregunte si tengo pensamientos suicidas?', 'es', 'asked_about_suicide'),
    ("est-ce normal que ma psy me demande si j'ai des idées suicidaires ?", 'fr', 'asked_about_suicide'),
    ('Warum fragt mich meine Therapeutin jede Stunde nach Suizidgedanken?', 'de', 'asked_about_suicide'),
    ('por que a psicóloga me perguntou se eu já pensei em suicídio?', 'pt', 'asked_about_suicide'),
    ('en terapia me preguntaron si alguna vez pensé en hacerme daño, ¿por qué?', 'es', 'asked_about_suicide'),
    ('¿cómo me quejo de mi psicóloga si no estoy conforme con cómo me trató?', 'es', 'how_to_complain'),
    ('comment me plaindre de mon psy ?', 'fr', 'how_to_complain'),
    ('Ich bin mit meinem Therapeuten unzufrieden, an wen kann ich mich wenden?', 'de', 'how_to_complain'),
    ('estou insatisfeita com a minha psicóloga, a quem posso recorrer?', 'pt', 'how_to_complain'),
    ('¿puedo pedir una segunda opinión sobre el diagnóstico que me dio mi psicóloga?', 'es', 'second_opinion'),
    ('est-ce que je peux demander un second avis sans quitter ma psy ?', 'fr', 'second_opinion'),
    ('Kann ich eine Zweitmeinung einholen, ohne meinen Therapeuten zu verlassen?', 'de', 'second_opinion'),
    ('posso pedir uma segunda opinião sem largar a terapia?', 'pt', 'second_opinion'),
    ('¿puedo hacer una pausa en la terapia por un par de meses?', 'es', 'taking_a_break'),
    ('est-ce que je peux faire une pause dans ma thérapie ?', 'fr', 'taking_a_break'),
    ('Kann ich meine Therapie für ein paar Monate pausieren?', 'de', 'taking_a_break'),
    ('posso dar um tempo na terapia?', 'pt', 'taking_a_break'),
    ('¿puedo dejar de ir a la psicóloga sin avisarle?', 'es', 'stop_without_telling'),
    ('je peux arrêter ma thérapie sans rien dire à mon psy ?', 'fr', 'stop_without_telling'),
    ('Kann ich einfach nicht mehr hingehen, ohne es meiner Therapeutin zu sagen?', 'de', 'stop_without_telling'),
    ('posso parar a terapia sem avisar o psicólogo?', 'pt', 'stop_without_telling'),
    ('¿hay terapia gratis o barata si no tengo dinero?', 'es', 'low_cost_options'),
    ("je n'ai pas les moyens de payer un psy, il y a des séances gratuites ?", 'fr', 'low_cost_options'),
    ('Gibt es günstige Psychotherapie, wenn ich wenig Geld habe?', 'de', 'low_cost_options'),
    ('onde tem terapia de graça ou com preço social?', 'pt', 'low_cost_options'),
    ('¿qué formación tiene que tener un psicólogo?', 'es', 'credentials'),
    ("un psychopraticien, c'est un vrai psy ?", 'fr', 'credentials'),
    ('Ist ein Heilpraktiker für Psychotherapie ein richtiger Therapeut?', 'de', 'credentials'),
    ('coach é a mesma coisa que psicólogo?', 'pt', 'credentials'),
    ('¿es normal que todavía no confíe en mi psicóloga después de tres sesiones?', 'es', 'alliance_forms'),
    ("je n'ai pas encore confiance en ma psy, c'est normal ?", 'fr', 'alliance_forms'),
    ('Ist es normal, dass ich meinem Therapeuten noch nicht vertraue?', 'de', 'alliance_forms'),
    ('é normal ainda não ter vínculo com a psicóloga?', 'pt', 'alliance_forms'),
    ('no hice las tareas que me mandó la psicóloga, ¿qué hago?', 'es', 'homework'),
    ("je n'ai pas fait les exercices que ma psy m'a donnés, c'est grave ?", 'fr', 'homework'),
    ('Ich habe die Hausaufgaben von meiner Therapeutin nicht gemacht. Ist das schlimm?', 'de', 'homework'),
    ('não fiz a tarefa que a psicóloga passou, e agora?', 'pt', 'homework'),
    ('¿puedo pedirle un abrazo a mi psicóloga?', 'es', 'hugs_touch'),
    ('est-ce que je peux demander un câlin à ma psy ?', 'fr', 'hugs_touch'),
    ('Darf ich meine Therapeutin zum Abschied umarmen?', 'de', 'hugs_touch'),
    ('é estranho pedir um abraço pro meu psicólogo?', 'pt', 'hugs_touch'),
    ('¿puedo dejar los antidepresivos de golpe?', 'es', 'medication_questions'),
    ("est-ce que je peux arrêter mes antidépresseurs d'un coup ?", 'fr', 'medication_questions'),
    ('Kann ich meine Antidepressiva einfach absetzen?', 'de', 'medication_questions'),
    ('posso parar de tomar o antidepressivo de uma vez?', 'pt', 'medication_questions'),
    ('¿es normal que mi psicóloga me hable de su vida?', 'es', 'self_disclosure'),
    ("mon psy me parle de ses problèmes, c'est normal ?", 'fr', 'self_disclosure'),
    ('Meine Therapeutin erzählt viel von sich selbst, ist das normal?', 'de', 'self_disclosure'),
    ('é normal o terapeuta falar da vida pessoal dele?', 'pt', 'self_disclosure'),
    ('¿qué es la DBT?', 'es', 'dbt'),
    ("la thérapie comportementale dialectique, c'est pour qui ?", 'fr', 'dbt'),
    ('Was ist DBT?', 'de', 'dbt'),
    ('o que é DBT?', 'pt', 'dbt'),
    ('¿qué es la terapia de aceptación y compromiso?', 'es', 'act'),
    ("c'est quoi la thérapie ACT ?", 'fr', 'act'),
    ('Wie funktioniert eine ACT-Therapie?', 'de', 'act'),
    ('terapia ACT funciona pra ansiedade?', 'pt', 'act'),
    ('¿cómo funciona la terapia de grupo?', 'es', 'group_therapy'),
    ('une thérapie de groupe, ça se passe comment ?', 'fr', 'group_therapy'),
    ('Bringt eine Gruppentherapie genauso viel wie Einzeltherapie?', 'de', 'group_therapy'),
    ('terapia em grupo funciona?', 'pt', 'group_therapy'),
    ('¿qué pasa después de poner la queja? ¿tengo que ir a terapia mientras tanto?', 'es', 'after_a_report'),
    ('comment ça se passe après la plainte, est-ce que la thérapie continue ?', 'fr', 'after_a_report'),
    ('Was passiert nach der Beschwerde? Muss ich die Therapie abbrechen?', 'de', 'after_a_report'),
    ('o que acontece depois da denúncia? posso continuar a terapia?', 'pt', 'after_a_report'),
    ('¿lo que hizo mi psicólogo es poco ético?', 'es', 'unsure_if_reportable'),
    ("est-ce que c'est contraire à la déontologie, ce que fait ma psy ?", 'fr', 'unsure_if_reportable'),
    ('Ist das, was mein Therapeut gemacht hat, unethisch?', 'de', 'unsure_if_reportable'),
    ('o que meu psicólogo fez foi antiético?', 'pt', 'unsure_if_reportable'),
    ('¿cómo le digo a mi psicóloga que algo de las sesiones no me gusta?', 'es', 'feedback_to_therapist'),
    ('comment dire à ma psy que sa façon de faire ne me convient pas ?', 'fr', 'feedback_to_therapist'),
    ('Wie sage ich meiner Therapeutin, dass mich etwas an den Sitzungen stört?', 'de', 'feedback_to_therapist'),
    ('como falar pra minha psicóloga que eu não gostei da última sessão?', 'pt', 'feedback_to_therapist'),
    ('¿puedo pedir mi historia clínica a mi psicóloga?', 'es', 'records_access'),
    ('est-ce que je peux demander à voir mon dossier chez mon psy ?', 'fr', 'records_access'),
    ('Darf ich meine Patientenakte bei meiner Therapeutin einsehen?', 'de', 'records_access'),
    ('posso pedir uma cópia do meu prontuário pra psicóloga?', 'pt', 'records_access'),
    ('¿qué es el consentimiento informado en terapia?', 'es', 'informed_consent'),
    ('quels sont mes droits quand je commence une thérapie ?', 'fr', 'informed_consent'),
    ('Muss mich mein Therapeut über die Behandlung aufklären?', 'de', 'informed_consent'),
    ('quais são meus direitos na terapia?', 'pt', 'informed_consent'),
    ('¿cómo es la llamada de valoración gratuita con una psicóloga?', 'es', 'consultation_call'),
    ('comment se passe un appel découverte avec un psy ?', 'fr', 'consultation_call'),
    ('Was sage ich beim kostenlosen Kennenlerngespräch mit einer Therapeutin?', 'de', 'consultation_call'),
    ('como é a conversa inicial gratuita com o psicólogo?', 'pt', 'consultation_call'),
    ('¿para el TOC necesito un psicólogo especializado?', 'es', 'specialist_needed'),
    ("pour l'anorexie, il faut un psy spécialisé ?", 'fr', 'specialist_needed'),
    ('Brauche ich für eine Essstörung einen spezialisierten Therapeuten?', 'de', 'specialist_needed'),
    ('pra TOC preciso de um psicólogo especialista?', 'pt', 'specialist_needed'),
    ('¿cómo convenzo a mi hermano de ir al psicólogo?', 'es', 'help_someone_find'),
    ("comment convaincre mon fils d'aller voir un psy ?", 'fr', 'help_someone_find'),
    ('Wie kann ich meinen Bruder überzeugen, zu einem Therapeuten zu gehen?', 'de', 'help_someone_find'),
    ('como ajudar minha amiga a procurar terapia?', 'pt', 'help_someone_find'),
    ('¿por qué mi psicóloga me pregunta tanto por mi infancia?', 'es', 'intake_questions'),
    ("pourquoi ma psy m'a posé plein de questions sur mon enfance ?", 'fr', 'intake_questions'),
    ('Warum fragt meine Therapeutin so viel über meine Kindheit?', 'de', 'intake_questions'),
    ('por que a psicóloga me fez tantas perguntas sobre a minha família?', 'pt', 'intake_questions'),
    ('¿cómo sé si la terapia está funcionando?', 'es', 'measuring_progress'),
    ('comment savoir si ma thérapie fonctionne ?', 'fr', 'measuring_progress'),
    ('Woran erkenne ich, ob die Therapie wirkt?', 'de', 'measuring_progress'),
    ('como saber se a terapia está funcionando?', 'pt', 'measuring_progress'),
    ('¿qué es la terapia centrada en la persona?', 'es', 'person_centred'),
    ("c'est quoi l'approche centrée sur la personne en thérapie ?", 'fr', 'person_centred'),
    ('Was ist eine personzentrierte Psychotherapie?', 'de', 'person_centred'),
    ('o que é a abordagem centrada na pessoa na terapia?', 'pt', 'person_centred'),
    ('¿qué es la terapia IFS?', 'es', 'ifs'),
    ("c'est quoi l'IFS en thérapie ?", 'fr', 'ifs'),
    ('Meine Therapeutin arbeitet mit IFS, was ist das?', 'de', 'ifs'),
    ('o que é terapia IFS?', 'pt', 'ifs'),
    ('¿qué es la terapia de esquemas?', 'es', 'schema_therapy'),
    ("la thérapie des schémas, c'est quoi ?", 'fr', 'schema_therapy'),
    ('Wie läuft eine Schematherapie ab?', 'de', 'schema_therapy'),
    ('o que é terapia do esquema?', 'pt', 'schema_therapy'),
    ('¿qué tipo de terapia es mejor para la ansiedad?', 'es', 'which_modality'),
    ('quelle thérapie est la plus efficace pour la dépression ?', 'fr', 'which_modality'),
    ('Welche Therapieform ist bei Angststörungen am besten?', 'de', 'which_modality'),
    ('qual abordagem de terapia é melhor pra depressão?', 'pt', 'which_modality'),
    ('mi psicóloga me quiere derivar, ¿es normal?', 'es', 'therapist_ends_referral'),
    ("ma psy m'a orientée vers un confrère, pourquoi ?", 'fr', 'therapist_ends_referral'),
    ('Meine Therapeutin will die Therapie beenden und verweist mich an einen Kollegen. Warum?', 'de', 'therapist_ends_referral'),
    ('a minha psicóloga quer me encaminhar, é normal?', 'pt', 'therapist_ends_referral'),
    ('¿por qué mi psicóloga toma notas durante la sesión?', 'es', 'note_taking'),
    ('pourquoi mon psy prend des notes pendant la séance ?', 'fr', 'note_taking'),
    ('Warum schreibt meine Therapeutin alles mit?', 'de', 'note_taking'),
    ('o que a psicóloga tanto anota durante a sessão?', 'pt', 'note_taking'),
    ('mi psicóloga se va de vacaciones un mes, ¿qué hago mientras?', 'es', 'therapist_breaks'),
    ('ma psy part en vacances un mois, comment je fais ?', 'fr', 'therapist_breaks'),
    ('Mein Therapeut ist drei Wochen im Urlaub, was mache ich bis dahin?', 'de', 'therapist_breaks'),
    ('minha psicóloga vai tirar férias, o que eu faço nesse tempo?', 'pt', 'therapist_breaks'),
    ('¿es normal llorar en cada sesión de terapia?', 'es', 'crying_in_session'),
    ("c'est normal de pleurer chez le psy ?", 'fr', 'crying_in_session'),
    ('Ist es normal, in der Therapie zu weinen?', 'de', 'crying_in_session'),
    ('é normal chorar na terapia?', 'pt', 'crying_in_session'),
    ('¿puedo seguir a mi psicóloga en Instagram?', 'es', 'social_media'),
    ("mon psy n'a pas accepté ma demande d'ami sur Facebook, c'est normal ?", 'fr', 'social_media'),
    ('Darf ich meiner Therapeutin auf Instagram folgen?', 'de', 'social_media'),
    ('encontrei minha psicóloga no mercado e ela fingiu que não me viu, é normal?', 'pt', 'social_media'),
    ('¿puedo preguntarle a mi psicóloga cuál es mi diagnóstico?', 'es', 'diagnosis_questions'),
    ("mon psy ne veut pas me dire mon diagnostic, c'est normal ?", 'fr', 'diagnosis_questions'),
    ('Darf ich meine Therapeutin nach meiner Diagnose fragen?', 'de', 'diagnosis_questions'),
    ('a psicóloga tem que me dizer meu diagnóstico?', 'pt', 'diagnosis_questions'),
    ('¿es normal llamar a la psicóloga cuando tengo un mal día?', 'es', 'contact_between_sessions'),
    ('kann ich meinen Therapeuten auch außerhalb der Stunden anrufen?', 'de', 'contact_between_sessions'),
    ("c'est normal que ma psy ne veuille pas que je lui écrive ?", 'fr', 'contact_between_sessions'),
    ('a terapeuta perguntou se eu penso em me machucar, isso é normal?', 'pt', 'asked_about_suicide'),
    ('wie sage ich meinem Therapeuten, dass ich aufhören will?', 'de', 'how_to_end'),
    ('como digo pra minha psicóloga que quero parar a terapia?', 'pt', 'how_to_end'),
    ('je voudrais arrêter ma thérapie, comment je fais ?', 'fr', 'how_to_end'),
    ('kann ich die Therapie einfach abbrechen, ohne Bescheid zu sagen?', 'de', 'stop_without_telling'),
    ("est-ce que je dois me justifier si j'arrête la thérapie ?", 'fr', 'stop_without_telling'),
    ('¿tengo que explicarle a mi psicóloga por qué lo dejo?', 'es', 'stop_without_telling'),
    ('est-ce que je peux voir mon psy toutes les deux semaines au lieu de chaque semaine ?', 'fr', 'taking_a_break'),
    ('posso fazer sessões quinzenais em vez de semanais?', 'pt', 'taking_a_break'),
    ('¿existen psicólogos con tarifa social?', 'es', 'low_cost_options'),
    ('est-ce que la sécu rembourse le psy ?', 'fr', 'low_cost_options'),
    ('Zahlt die Krankenkasse eine Psychotherapie?', 'de', 'low_cost_options'),
    ('o SUS oferece terapia de graça?', 'pt', 'low_cost_options'),
    ('tenho vergonha de chorar na frente da psicóloga, é normal?', 'pt', 'crying_in_session'),
    ('Ich fange in jeder Sitzung an zu weinen, ist das normal?', 'de', 'crying_in_session'),
    ('¿mi psicóloga puede grabar las sesiones?', 'es', 'note_taking'),
    ('Meine Therapeutin will die Sitzungen aufnehmen, muss ich zustimmen?', 'de', 'note_taking'),
    ('mi psicólogo es muy cerrado y no me da abrazos, ¿los psicólogos pueden abrazar?', 'es', 'hugs_touch'),
    ('est-ce que les psys ont le droit de faire des câlins ?', 'fr', 'hugs_touch'),
    ('Dürfen Therapeuten ihre Patienten umarmen?', 'de', 'hugs_touch'),
    ('Ich habe das Gefühl, in der Therapie nicht voranzukommen. Woran merke ich Fortschritte?', 'de', 'measuring_progress'),
    ('¿es normal que mi psicólogo no me salude por la calle?', 'es', 'social_media'),
    ('Meine Therapeutin hat mich im Supermarkt nicht gegrüßt, ist das normal?', 'de', 'social_media'),
    ('mi psicóloga tiene baja de maternidad, ¿qué pasa con mi terapia?', 'es', 'therapist_breaks'),
    ('a psicóloga cancela muito as sessões, é normal?', 'pt', 'therapist_breaks'),
    ('¿tengo derecho a ver lo que escribe mi psicóloga sobre mí?', 'es', 'records_access'),
    ('Mein Therapeut erzählt mir ständig von seiner Scheidung. Ist das okay?', 'de', 'self_disclosure'),
    ('est-ce que je peux demander à ma psy si elle a des enfants ?', 'fr', 'self_disclosure'),
    ('¿Cuándo se crea el vínculo con la terapeuta?', 'es', 'alliance_forms'),
    ('Wozu sind die Übungen zwischen den Sitzungen gut?', 'de', 'homework'),
    ('as tarefas entre as sessões são obrigatórias?', 'pt', 'homework'),
    ('Terapia do esquema funciona pra borderline?', 'pt', 'schema_therapy'),
    ('¿es normal que mi psicóloga me pregunte si bebo alcohol?', 'es', 'intake_questions'),
])
def test_the_session_22_topics_are_found_in_another_language(text, language, topic):
    assert foreign_requests.topic_of(text, language) == topic


# Near misses: a red flag or a crisis in the words of a session-22 topic (the therapist hugs, writes, asks
# for money; yes to being asked about suicide; every pill at once), a statement that asks nothing, the
# English word "act", and questions the earlier topics keep.
@pytest.mark.parametrize("text,language,expected", [
    ('mi psicólogo me abrazó aunque le dije que no', 'es', None),
    ('mi psicóloga me abraza al final de cada sesión, ¿es normal?', 'es', None),
    ("ma psy m'a demandé de l'argent", 'fr', None),
    ("mon psy m'a demandé de lui prêter de l'argent, c'est normal ?", 'fr', None),
    ('ich will nicht mehr leben', 'de', None),
    ('Meine Therapeutin hat mich umarmt, obwohl ich nein gesagt habe. Darf sie das?', 'de', None),
    ('o meu psicólogo me abraçou e eu fiquei desconfortável, é normal?', 'pt', None),
    ('mi psicólogo me escribe por WhatsApp todas las noches, ¿es normal?', 'es', None),
    ("mon psy m'envoie des messages le soir, c'est normal ?", 'fr', None),
    ('meu psicólogo me manda mensagem de madrugada, é normal?', 'pt', None),
    ('mi psicóloga me preguntó si pienso en suicidarme y le dije que sí', 'es', None),
    ("ma psy m'a demandé si j'ai des idées suicidaires, j'ai envie de mourir", 'fr', None),
    ('quiero dejar la terapia y desaparecer', 'es', None),
    ('je veux arrêter ma thérapie et en finir', 'fr', None),
    ('posso parar a terapia? não quero mais viver', 'pt', None),
    ('¿puedo tomarme todas las pastillas de golpe?', 'es', None),
    ('Soll ich alle Tabletten auf einmal nehmen?', 'de', None),
    ('mi psicólogo me sigue en Instagram y me escribe, ¿es normal?', 'es', None),
    ('meu psicólogo me seguiu no Instagram e me chamou pra sair', 'pt', None),
    ('mein Therapeut will sich privat mit mir treffen, er hat mir auf Instagram geschrieben', 'de', None),
    ('mi psicólogo me grabó sin mi permiso, ¿es legal?', 'es', None),
    ('mi psicóloga me pidió dinero prestado, ¿es ético?', 'es', None),
    ('mi psicóloga me pide que le limpie la casa como tarea, ¿es normal?', 'es', None),
    ('meu psicólogo fala da vida sexual dele nas sessões', 'pt', None),
    ('mi psicóloga me hizo llorar humillándome, ¿es normal?', 'es', None),
    ('mi psicóloga no me contesta los mensajes, ¿es normal?', 'es', None),
    ('Mi psicóloga me manda tareas cada semana', 'es', None),
    ('Meine Therapeutin macht im August Urlaub.', 'de', None),
    ('¿cómo actúo si mi psicóloga llega tarde?', 'es', None),
    ('the act of therapy, ¿qué opinas?', 'es', None),
    ('¿Cómo denuncio a mi psicóloga en México?', 'es', 'report_to_board'),
    ('¿Dónde la puedo denunciar? Estoy en Guadalajara', 'es', 'report_to_board'),
    ('Kann man sich in Österreich eigentlich über sowas beschweren?', 'de', 'report_to_board'),
    ('¿Cómo sé si mi psicólogo tiene cédula profesional?', 'es', 'report_to_board'),
    ('debería contarle a mi psicóloga que me autolesiono?', 'es', 'telling_your_therapist'),
    ('¿puedo cambiar de psicóloga si no me siento cómoda?', 'es', 'change_therapist'),
    ('cuánto dura normalmente una terapia con psicólogo?', 'es', 'how_long_therapy'),
    ('mi psicólogo me cobró una sesión q cancelé, es normal?', 'es', 'fees_cancellation'),
    ('Wo finde ich eine neue Psychotherapeutin?', 'de', 'directories'),
    ('¿qué es la TCC?', 'es', 'cbt'),
    ('¿cómo funciona la terapia de pareja?', 'es', 'couples_family'),
    ('¿es normal sentirme peor después de la terapia?', 'es', 'feeling_worse'),
    ('¿puedo hacerle un regalo a mi psicóloga?', 'es', 'gifts'),
    ('la thérapie en visio, ça marche ?', 'fr', 'online_therapy'),
    ('¿hay una línea de crisis online?', 'es', 'calling_a_crisis_line'),
    ('mi psicóloga quiere terminar la terapia, ¿por qué?', 'es', 'therapist_ends_referral'),
    ('¿puedo dejar la terapia un tiempo?', 'es', 'taking_a_break'),
    ('¿qué diferencia hay entre la DBT y la TCC?', 'es', 'dbt'),
    ('Mi psicóloga me pidió que le escribiera todo por escrito cada semana y ya no sé si sirve de algo, siento que no avanzamos y cada sesión es igual que la anterior, no sé qué hacer', 'es', 'measuring_progress'),
    ("mon psy veut qu'on se voie en dehors des séances, c'est normal ?", 'fr', None),
    ("mon psy m'écrit tous les soirs entre les séances, c'est normal ?", 'fr', None),
    ('Mein Therapeut schreibt mir zwischen den Sitzungen private Nachrichten, ist das normal?', 'de', None),
    ('meu psicólogo pediu dinheiro emprestado, é normal?', 'pt', None),
    ('o psicólogo me chamou pra sair, é normal?', 'pt', None),
    ('Meine Therapeutin will, dass ich ihr Geld leihe, ist das normal?', 'de', None),
    ("Ma psy m'a demandé si j'avais déjà pensé au suicide et j'ai dit oui", 'fr', None),
    ("pourquoi mon psy me demande toujours si j'ai des idées noires ?", 'fr', 'telling_your_therapist'),
    ('mi psicóloga me dijo que deje la medicación, ¿es normal?', 'es', 'therapist_vs_psychiatrist'),
    ("c'est quoi l'ACT ?", 'fr', None),
    ('Ich habe eine Frage zu ACT', 'de', None),
    ('meu psicólogo quer encerrar o tratamento e me indicar outra profissional, por quê?', 'pt', 'change_therapist'),
])
def test_near_misses_of_the_session_22_topics_go_elsewhere(text, language, expected):
    assert foreign_requests.topic_of(text, language) == expected


def test_dark_thoughts_in_french_are_not_a_question_about_a_black_therapist():
    """"idées noires" (dark thoughts) is not "noire" (Black), which identity_fit reads."""
    assert foreign_requests.topic_of("Ma psy m'a demandé si j'avais des idées noires, est-ce normal ?", "fr") \
        != "identity_fit"
    assert foreign_requests.topic_of("Est-ce que je peux demander une psy noire ?", "fr") == "identity_fit"


@pytest.mark.parametrize("text,language", [
    ("Mais on a vraiment un lien spécial. Elle dit que ce n'est pas interdit si on arrête la thérapie d'abord. "
     "C'est vrai?", "fr"),
    ("Dice que tenemos una conexión especial y que no está prohibido si termino la terapia, ¿es verdad?", "es"),
])
def test_grooming_talk_is_no_knowledge_question(text, language):
    """(In French it is read as doubting a red flag; in Spanish the screen's red-flag phrases take it.)"""
    assert foreign_requests.topic_of(text, language) is None


def test_grooming_talk_still_reaches_how_to_report():
    text = "Dice que tenemos una conexión especial. ¿Cómo denuncio a mi psicólogo?"
    assert foreign_requests.topic_of(text, "es") == "report_to_board"


# Session 23: older topics asked without naming a therapist ("Combien de temps dure une thérapie ?"),
# and how long therapy lasts told apart from how soon one knows it fits.
@pytest.mark.parametrize("text,language,topic", [
    ("Combien de temps dure une thérapie en général ?", "fr", "how_long_therapy"),
    ("Une psychothérapie, ça dure combien de temps normalement ?", "fr", "how_long_therapy"),
    ("¿Cuánto tiempo suele durar una terapia?", "es", "how_long_therapy"),
    ("¿Cuántas sesiones de terapia voy a necesitar para la ansiedad?", "es", "how_long_therapy"),
    ("Wie lange dauert eine Psychotherapie normalerweise?", "de", "how_long_therapy"),
    ("Quanto tempo dura uma terapia, em média?", "pt", "how_long_therapy"),
    ("Darf mein Therapeut anderen erzählen, was ich ihm sage?", "de", "confidentiality_basics"),
    ("¿Me puede cobrar la sesión si la cancelo el mismo día?", "es", "fees_cancellation"),
    ("C'est normal de se sentir plus mal au début d'une thérapie ?", "fr", "feeling_worse"),
    ("¿Cuántas sesiones hacen falta para saber si encajo con mi psicóloga?", "es", "alliance_forms"),
    ("Au bout de combien de séances on sait si ça colle avec son psy ?", "fr", "alliance_forms"),
    ("Nach wie vielen Sitzungen weiß man, ob es mit dem Therapeuten passt?", "de", "alliance_forms"),
    ("Depois de quantas sessões a gente sabe se vai dar certo com o terapeuta?", "pt", "alliance_forms"),
])
def test_older_topics_are_found_without_a_therapist_named(text, language, topic):
    assert foreign_requests.topic_of(text, language) == topic


@pytest.mark.parametrize("text,language", [
    ("¿Cuánto tiempo tarda el tren de Sevilla a Madrid?", "es"),
    ("Combien de temps dure le trajet jusqu'à Lyon ?", "fr"),
    ("Wie lange dauert der Flug nach Lissabon?", "de"),
    ("Quanto tempo dura a viagem de ônibus até o Porto?", "pt"),
    ("Me cobraron la cancelación del hotel, ¿es normal?", "es"),
])
def test_how_long_and_fees_questions_about_other_things_are_no_topic(text, language):
    assert foreign_requests.topic_of(text, language) is None


@pytest.mark.parametrize("text,language,topic", [
    ("Psychiatre, psychologue, psychothérapeute... je m'y perds. Lequel consulter pour une dépression légère ?", "fr",
     "therapist_vs_psychiatrist"),
    ("¿Qué es eso de mover los ojos para tratar el trauma? Me lo ofrecieron para mi estrés postraumático.", "es", "emdr"),
    ("Je voudrais aller voir quelqu'un d'autre mais j'ai peur de vexer ma thérapeute. J'ai le droit ?", "fr",
     "change_therapist"),
    ("No puedo mover los ojos del móvil, soy adicta", "es", None),
    ("Ma psy veut que j'aille voir quelqu'un d'autre pour mes médicaments", "fr", "therapist_vs_psychiatrist"),
])
def test_more_older_topics_in_their_own_words(text, language, topic):
    assert foreign_requests.topic_of(text, language) == topic
