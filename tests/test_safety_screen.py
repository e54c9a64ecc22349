"""The deterministic safety screen: what it must catch and what it must leave alone."""
from __future__ import annotations

import pytest

from bot.understanding.language import detect


@pytest.mark.parametrize("text,concern", [
    ("i want to kill myself", "suicide"),
    ("honestly i just want to go to sleep and not wake up", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("which bridges are taller than 25 m? i just lost my job", "suicide"),
    ("thinking about the sewer slide again", "suicide"),
    ("kms", "suicide"),
    ("gonna ctb this weekend", "suicide"),
    ("i've been saving up my pills", "suicide"),
    ("been giving away my stuff, i won't need it", "suicide"),
    ("im such a burden to everyone", "suicide"),
    ("i relapsed on sh last night", "self_harm"),
    ("cut myself again after 3 months clean", "self_harm"),
    ("i want to stab him when he gets home", "harm_to_others"),
    ("my boyfriend hits me when he drinks", "in_danger"),
    ("my stepdad comes into my room at night, im 13", "in_danger"),
    ("someone is stalking me and waits outside my flat every night", "in_danger"),
    ("my therapist threatened to hurt me if i told anyone", "in_danger"),
    ("my partner threatened to kill me last night", "in_danger"),
    ("sitting in the car in the shut garage with the engine on again", "suicide"),
    ("how many of my nan's oxycodone would it take for someone my size", "suicide"),
    ("pressed the hot spoon on my arm again tonight", "self_harm"),
    ("i loosened the brakes on his bike, let's see who laughs now", "harm_to_others"),
    ("he said if i report him he knows which school my kids go to", "in_danger"),
    ("when the shame comes i hit my head on the desk over and over until it bruises", "self_harm"),
    ("more cat scratches on my arms lol. i don't even have a cat", "self_harm"),
    ("how long do the cuts take to fade? i need them gone before swimming on friday", "self_harm"),
    ("i've already worked out how i'm going to do it and when", "suicide"),
    ("after that session i went home and took it out on my arms again", "self_harm"),
    ("my mum punishes me with the belt when i get bad grades", "in_danger"),
    # Pairs: two parts anywhere in the message.
    ("if someone went off the top floor of the multistorey by the station would they survive", "suicide"),
    ("any tips for fading scars? i need the ones on my wrist gone by june, and there are some new ones too", "self_harm"),
    ("which bridge in town is higher, the old one or the new one? i keep stopping halfway across", "suicide"),
    ("do the freight trains slow down at the crossing near the park or keep full speed?", "suicide"),
    ("how do i get blood out of a mattress, i did it again last night", "self_harm"),
    ("i stopped harming myself at 20. last night i did it again", "self_harm"),
    ("how hot does a lighter need to be to leave a mark, it has to heal before my dad sees", "self_harm"),
    ("they need to fade before anyone at work notices", "self_harm"),
    ("i want to drive my car into my ex when i see him", "harm_to_others"),  # PRON as one alternative
])
def test_crisis_language_is_caught(screen, text, concern):
    hit = screen.screen(text)
    assert hit is not None and hit.level == "crisis", text
    assert hit.concern == concern


@pytest.mark.parametrize("text", [
    "this cbt homework is killing me",
    "the cake at the bakery near her office is to die for",
    "not suicidal, just annoyed at her",
    "why did my therapist ask if i was suicidal? i'm not",
    "she cut our session short again",
    "i could murder a pizza after therapy",
    "i self harmed years ago, i'm fine now, but my therapist keeps bringing it up",
    "read an article about suicide rates, so sad",
    "shoot, i forgot my appointment",
    "how many ibuprofen can i take for a headache",
    "i volunteer on a suicide hotline and my therapist helps me with boundaries",
    "did a bungee jump off a bridge on holiday, best day ever",
    "writing my will now that the baby is born, my lawyer says everyone should",
    "i don't have any thoughts of ending my life, i just want to understand why i cry",
    "hit my head on the cupboard door this morning, ouch",
    "i slammed my head on the desk when i saw the exam results lol",
    "the cat scratches the sofa all day, some days i wish we didn't have a cat",
    "my old scars have faded and i'm proud of how far i've come",
    # One half of a pair, or a plan about a task.
    "i survived my first week at the new job",
    "we drove over the bridge to the new ones' house",
    "i finally worked out how to do it, the spreadsheet formula was easy",
    "the scar on my knee is from a bike crash when i was ten",
    "we crossed the bridge and the height made me dizzy, great view though",
    "does the level crossing stay closed for long when the freight trains pass? planning my commute",
    "my sunburn needs to heal before the wedding photos",
    "my therapist was slurring, so i ended it early",
])
def test_figures_of_speech_negations_and_the_past_are_not_a_crisis(screen, text):
    hit = screen.screen(text)
    assert hit is None or hit.level != "crisis", (text, hit)


def test_a_negation_does_not_hide_a_second_real_signal(screen):
    hit = screen.screen("i'm not suicidal, but i cut myself again tonight")
    assert hit is not None and (hit.level, hit.concern) == ("crisis", "self_harm")


def test_a_relapse_word_keeps_a_past_clause_a_crisis(screen):
    hit = screen.screen("i used to cut myself and last night i did it again")
    assert hit is not None and hit.level == "crisis"


def test_someone_elses_answer_to_a_question_is_not_excused_by_the_question(screen):
    found = screen.analyse("when I asked her about it she told me she's been saving her sleeping tablets, "
                           "about 30 of them in a sock")
    assert "suicide.pills_saved_or_taken" in {hit.rule for hit in found.hits}
    # the person's own "no" after a question still is
    assert not screen.analyse("my therapist asked if i'd ever hurt myself and i told her no").hits


def test_excused_crisis_words_are_reported(screen):
    analysis = screen.analyse("not suicidal, just tired of her")
    assert analysis.top is None and analysis.excused_crisis


@pytest.mark.parametrize("text", [
    "my therapist bakes for the waiting room and her brownies are to die for",
    "she keeps cutting the video call because her wifi is bad",
    "im gonna shoot my shot and ask about a sliding scale",
    "that comment about my weight cut deep",
    "my therapist says i beat myself up over tiny mistakes",
    "honestly i could have killed her for yawning, not literally",
    "overdosed on bake off this weekend, ten episodes back to back",
    "fourth cancellation this month, i'm ready to strangle whoever designed her booking system",
])
def test_a_crisis_word_in_a_figure_of_speech_is_reported_as_excused(screen, text):
    """So that a weak classifier crisis guess resting on those words can be lowered."""
    analysis = screen.analyse(text)
    assert analysis.top is None and analysis.excused_crisis


@pytest.mark.parametrize("text", ["i'm done with everything jk", "my dad pushed me to apply for the job"])
def test_idioms_without_a_crisis_word_excuse_nothing(screen, text):
    assert not screen.analyse(text).excused_crisis


@pytest.mark.parametrize("text", [
    "kms jk", "i want to die lol jk", "just kidding, i want to die",
    "hypothetically how many paracetamol would it take to die",
    "metaphorically i want to die",
])
def test_a_joke_marker_never_takes_back_suicide_or_self_harm(screen, text):
    hit = screen.screen(text)
    assert hit is not None and hit.level == "crisis", text


def test_a_joke_marker_excuses_a_threat_against_someone_else(screen):
    analysis = screen.analyse("ugh i want to strangle my therapist for the exposure homework 😂 jk")
    assert analysis.top is None and analysis.excused_crisis


@pytest.mark.parametrize("text,concern", [
    ("my therapist kissed me at the end of the session", "sexual_misconduct"),
    ("he hugged me even after i said no", "unwanted_touch"),
    ("she asked me to lend her money for her car", "exploitation"),
    ("my counsellor smelled of alcohol and was slurring his words", "impairment"),
    ("he told my mum what i said in session", "confidentiality_breach"),
    ("she yelled at me and called me pathetic", "verbal_abuse"),
    ("he wants me to stop taking my meds", "coercion"),
    ("she told me to break up with my boyfriend or she'd stop our sessions", "coercion"),
    ("he won't keep seeing me unless i leave my husband", "coercion"),
])
def test_red_flags_are_caught(screen, text, concern):
    hit = screen.screen(text)
    assert hit is not None and (hit.level, hit.concern) == ("red_flag", concern)


def test_crisis_wins_over_red_flag_in_one_message(screen):
    hit = screen.screen("my therapist kissed me and now i want to die")
    assert (hit.level, hit.concern) == ("crisis", "suicide")


@pytest.mark.parametrize("text,language", [
    ("quiero morirme, ya no aguanto más", "es"),
    ("j'ai envie de mourir ce soir", "fr"),
    ("ich will nicht mehr leben", "de"),
    ("eu quero morrer, não aguento mais", "pt"),
    ("mi pareja me está pegando ahora mismo, me encerré en el baño", "es"),
    ("j'aimerais m'endormir ce soir et ne plus jamais me réveiller", "fr"),
    ("mein ex hat geschrieben dass er mich findet, jemand klopft an meine tür", "de"),
    ("tenho 12 anos e o namorado da minha mãe faz coisas comigo", "pt"),
    # Asked about it, and did not say no.
    ("meine therapeutin fragt nach suizidgedanken und ich habe welche, jeden tag", "de"),
    ("mi terapeuta me preguntó si quiero morir y no tengo fuerzas para mentir, sí quiero", "es"),
    ("ya he escrito las cartas para mis hijos y solo me falta decidir el día", "es"),
    ("tengo la cuerda guardada en el clóset desde hace una semana", "es"),
    ("j'ai acheté une corde aujourd'hui, c'est pour ce soir", "fr"),
    ("Hoje tive vontade de lhe bater com a bengala, tenho medo de o fazer mesmo.", "pt"),
    ("comprei corda ontem e já sei onde vou fazer, no sítio do meu avô", "pt"),
    ("comprei um bastão de basebol e já decidi que na sexta vou-lhe partir a cabeça", "pt"),
    ("Ich habe mich gestern wieder mit dem Feuerzeug am Oberschenkel verbrannt", "de"),
    ("ich ha grad wieder gritzt, am arm. es blutet no echli", "de"),
    ("Ich glaube, es wäre für alle leichter, wenn ich einfach nicht mehr da wäre.", "de"),
])
def test_crisis_in_other_languages(screen, text, language):
    hit = screen.screen(text)
    assert hit is not None and hit.level == "crisis" and hit.language == language


@pytest.mark.parametrize("text,language,concern", [
    ("Mi psicóloga cobró cuatro sesiones de noviembre que nunca tuve.", "es", "exploitation"),
    ("Il m'a facturé trois séances en janvier qui n'ont jamais eu lieu.", "fr", "exploitation"),
    ("Ela cobrou duas sessões que eu nunca tive.", "pt", "exploitation"),
    ("Er hat drei Sitzungen abgerechnet, die nie stattgefunden haben.", "de", "exploitation"),
    ("Ma psy a fumé un joint au début de la visio.", "fr", "impairment"),
    ("Mi terapeuta fumó un porro antes de empezar la sesión.", "es", "impairment"),
    ("Mein Therapeut war in der Sitzung total bekifft.", "de", "impairment"),
    ("Mi terapeuta subió a sus redes sociales la historia de una paciente, y era yo.", "es",
     "confidentiality_breach"),
    ("A psicóloga postou no Instagram um caso de uma paciente que claramente sou eu.", "pt",
     "confidentiality_breach"),
    ("O meu terapeuta disse que sente atração por mim.", "pt", "sexual_misconduct"),
    ("Elle m'a dit qu'elle est attirée par moi.", "fr", "sexual_misconduct"),
    ("Als ich wechseln wollte, sagte er, er schreibt dem Gericht, dass ich verweigere.", "de", "coercion"),
    ("Mi psicólogo me da masajes en los hombros antes de cada sesión.", "es", "unwanted_touch"),
    ("Er massiert mich vor jeder Stunde an den Schultern.", "de", "unwanted_touch"),
    ("Er verlangt, dass ich den Kontakt zu meinen Kindern ganz abbreche.", "de", "coercion"),
    ("la dernière séance mon psy m'a traitée de grosse feignasse en criant", "fr", "verbal_abuse"),
    ("Die Krankenkasse hat 6 Sitzungen im Oktober abgerechnet. Ich war aber nur zweimal da.", "de", "exploitation"),
    ("Meine Therapeutin und ich gehen nach der Sitzung noch zusammen ein Bier trinken.", "de", "dual_relationship"),
    ("A minha psicóloga perguntou se eu não lhe podia emprestar uns 800 euros até ao Natal.", "pt", "exploitation"),
    ("Dice que para sanar tengo que sentir placer con alguien seguro, y que él podría ser esa persona.", "es",
     "sexual_misconduct"),
    ("Als ich aufhören wollte, meinte sie, dann müsse sie meinem Arbeitgeber mitteilen, dass ich krank sei.", "de",
     "coercion"),
    # session 22: a business offer, "not in a state to decide" to stop, a threat to tell the husband,
    # "if we had met elsewhere", and what was said only in session heard from a spouse
    ("Meu psicólogo vai abrir um café e me convidou para ser sócia dele.", "pt", "dual_relationship"),
    ("Quando falei em parar, ela disse que eu não estava em condições de decidir isso sozinha.", "pt", "coercion"),
    ("Ele disse que se eu sair da terapia teria que avisar minha mãe de umas coisas.", "pt", "coercion"),
    ("Me dijo que si nos hubiéramos conocido en otro momento ya me habría invitado a cenar.", "es",
     "sexual_misconduct"),
    ("Il m'a dit que si on s'était rencontrés ailleurs, les choses seraient différentes.", "fr", "sexual_misconduct"),
    ("Mon mari connaissait des choses que je n'ai dites qu'en séance.", "fr", "confidentiality_breach"),
    # session 23: a sweeping remark about the client's people
    ("Na última sessão a minha psicóloga disse que 'as brasileiras são todas assim, muito dramáticas'.", "pt",
     "discrimination"),
    ("Mi terapeuta dijo que los latinos son todos muy exagerados.", "es", "discrimination"),
])
def test_red_flags_in_other_languages_with_words_in_between(screen, text, language, concern):
    hit = screen.screen(text)
    assert hit is not None and (hit.level, hit.concern, hit.language) == ("red_flag", concern, language)


@pytest.mark.parametrize("text", [
    "Mi terapeuta me pregunta si tomo alcohol.", "Mi psicóloga me cobra las sesiones canceladas con menos de 24 horas.",
    "Ma psy m'a demandé si je fume des joints.", "Er hat gefragt, ob ich kiffe.",
    "La psicóloga me explicó que nunca publica nada de sus pacientes en Instagram.",
    "Ich habe den Kontakt zu meinem Vater vor Jahren abgebrochen.", "Me rasco la cabeza cuando pienso.",
    "As crianças são todas assim nessa idade, relaxa.",
])
def test_ordinary_therapy_in_other_languages_is_no_red_flag(screen, text):
    assert screen.screen(text) is None


@pytest.mark.parametrize("text,language,concern", [
    ("Trage seit Wochen lange Ärmel, auch im Juli.", "de", "self_harm"),
    ("Voltei a usar manga comprida mesmo no calor.", "pt", "self_harm"),
    ("Mi compañera encontró las tiritas en la basura del baño y le dije que era del gato.", "es", "self_harm"),
    ("Ontem meu pai quebrou a porta do meu quarto.", "pt", "in_danger"),
    ("Anoche mi padrastro rompió la puerta del baño.", "es", "in_danger"),
    ("Depuis quelques semaines je me gratte les bras jusqu'au sang le soir.", "fr", "self_harm"),
    ("Er hat mir die Hörgeräte weggenommen, damit ich nicht telefonieren kann.", "de", "in_danger"),
    ("estoy organizando minhas coisas, doei as roupas, deixei a gata com a minha irmã.", "pt", "suicide"),
    ("le dejé el perro a mi primo y le pasé las claves del home banking a mi hermano", "es", "suicide"),
    ("tengo la escopeta de mi viejo en el clóset. anoche me quedé mirándola harto rato", "es", "harm_to_others"),
    ("Je connais les doses, je sais ce qui marche. C'est la seule pensée qui me calme.", "fr", "suicide"),
    ("ça fait trois fois que je vois son char dans le stationnement de mon bloc", "fr", "in_danger"),
    ("wenn ich auf der Autobahn einfach nicht mehr bremsen würde, wäre das für alle einfacher", "de", "suicide"),
    ("ich hab mir schon überlegt, wie, mit dem was er selbst in der Garage hat", "de", "harm_to_others"),
    ("te escribo a escondidas porque él revisa mi celular", "es", "in_danger"),
])
def test_signals_in_other_languages_are_asked_about(screen, text, language, concern):
    hit = screen.screen(text)
    assert hit is not None and (hit.level, hit.concern, hit.language, hit.answer) == (
        "crisis", concern, language, "ask")


@pytest.mark.parametrize("text", [
    "me muero de risa con este video", "vou matar aula amanhã", "ma psy me coupe la parole",
    "tô bem, sem pensamentos de me machucar", "mi terapeuta me mata con tanta tarea", "ich sterbe vor Hunger",
    # Asked about it, and said no.
    "Meine Therapeutin fragt jedes Mal nach Suizidgedanken. Ich habe keine, warum fragt sie?",
    "Ma psy m'a demandé si j'avais des idées suicidaires. Je n'en ai pas du tout.",
    "O terapeuta perguntou se eu penso em me matar. Não, nunca.",
    "Este trabajo de limpieza me va a matar, hoy fueron cuatro casas.",
    "ich bring mich um vor lachen, mein Therapeut hat vergessen, dass seine Kamera an ist",
    "Diese Traumatherapie bringt mich noch um, ehrlich. Jede Woche dieselben Arbeitsblätter.",
    "me dijo 'vos sabrás' con una cara de fastidio que me mató",
    "mi prima me dijo: ¿y eso de que te sigues viendo con tu ex a escondidas?",
    "Ich habe mich gestern beim Kochen am Herd verbrannt.",
    "das ist für alle einfacher, wenn wir den Termin verschieben",
    "le pasé las claves del wifi a mi prima", "deixei o cachorro com minha mãe porque vou viajar nas férias",
])
def test_foreign_idioms_and_negations_are_not_a_crisis(screen, text):
    hit = screen.screen(text)
    assert hit is None or hit.level != "crisis", (text, hit)


@pytest.mark.parametrize("text", ["", "   ", "😭😭😭", "\x00\x01\x02", "SELECT * FROM users; DROP TABLE events;--"])
def test_odd_input_is_harmless(screen, text):
    assert screen.screen(text) is None


def test_a_crisis_buried_in_100_kb_is_found(screen):
    text = "my therapist is always late. " * 2200 + "i want to end my life. " + "she forgets things. " * 2000
    assert len(text) > 100_000
    hit = screen.screen(text)
    assert hit is not None and hit.concern == "suicide"


@pytest.mark.parametrize("text,expected", [
    ("my therapist doesn't listen to me at all", "en"),
    ("mi terapeuta no me escucha nunca y estoy cansada", "es"),
    ("ma psy ne m'écoute pas et je suis fatiguée", "fr"),
    ("meine Therapeutin hört mir nicht zu und ich bin müde", "de"),
    ("a minha terapeuta não me ouve e estou cansada", "pt"),
    ("ok", None),
    # short: one word of the language and a letter English does not write
    ("Como faço para denunciar? É no CRP?", "pt"),
    ("me corté anoche y no sé parar", "es"),
    ("im safe", None), ("i dont think so", None), ("im in danger", None),
])
def test_language_detection(text, expected):
    assert detect(text) == expected


def test_every_foreign_phrase_of_the_lexicon_is_caught_and_every_safe_use_is_not(screen):
    """The lexicon is data; this proves each entry reaches the screen (and
    that the cheap pre-check never skips a message a phrase would match)."""
    from bot.understanding.screen_patterns import foreign_lexicon, load_rules

    lexicon = foreign_lexicon()
    assert set(lexicon) == {"es", "fr", "de", "pt"}
    wrong = []
    for language, by_concern in lexicon.items():
        for concern, phrases in by_concern.items():
            for phrase in phrases:
                hit = screen.screen(phrase)
                is_crisis = hit is not None and hit.level == "crisis"
                if is_crisis != (concern != "not_crisis"):
                    wrong.append((language, concern, phrase))
    wrong += [(lang, concern, phrase) for lang, concern, phrase in load_rules().foreign.phrases
              if not screen.screen(phrase)]
    assert wrong == []


@pytest.mark.parametrize("where", ["start", "middle", "end"])
@pytest.mark.parametrize("phrase,rule", [("i want to kill myself", "suicide.kill_myself"),
                                         ("he threatened that if i leave therapy he will tell my boss",
                                          "coercion.threats_retaliation")])
def test_a_finding_anywhere_in_a_long_message_is_found(screen, where, phrase, rule):
    """Each pattern is matched only around its anchor word: the stretches must reach every position."""
    filler = "We talked about my week, my sister's wedding and the weather at work. " * 14
    text = {"start": f"{phrase}. {filler}", "middle": f"{filler[:500]} {phrase}. {filler[500:]}",
            "end": f"{filler} {phrase}"}[where]
    assert rule in {hit.rule for hit in screen.analyse(text).hits}


def test_stretches_around_anchor_words_merge_and_stay_inside_the_message():
    from bot.understanding.safety_screen import _stretches
    assert _stretches([0, 3, 20], reach=4, length=22) == [(0, 7), (17, 22)]
    assert _stretches([10], reach=1, length=22) == [(10, 11)]


def test_required_strings_of_a_foreign_regex():
    from bot.understanding.safety_screen import required_strings
    assert required_strings(r"(ses|mes) poignets|rechute") == (" poignets", "rechute")
    assert required_strings(r"\bme (quiero )?matar\b") == ("matar",)
    # alternatives inside a group stand for the whole branch
    assert required_strings(r"(recai|voltei a me (cortar|queimar))") == ("recai", "voltei a me ")
    # too short to be worth a test: the regex always runs
    assert required_strings(r"a|b") is None
    assert required_strings(r"(?i)rechute") is None


def test_every_foreign_regex_match_holds_one_of_itsrequired_strings(screen):
    """The cheap substring test never skips a regex that would have matched (on every dev text)."""
    from pathlib import Path

    import yaml

    from bot.understanding.safety_screen import fold_accents, normalise
    texts = [fold_accents(normalise(item["text"]))
             for path in sorted(Path("tests/eval/dev").glob("real_dev_*.yml"))
             for item in yaml.safe_load(path.read_text())["messages"]]
    matched = 0
    for _, _, regex, required, _ in screen._foreign_regex:
        for text in texts:
            if regex.search(text):
                matched += 1
                assert required is None or any(r in text for r in required), (regex.pattern, text)
    assert matched > 20


@pytest.mark.parametrize("text,someone_elses", [
    ("My flatmate told me last night she's been thinking about suicide and had a plan.", True),
    ("My husband was admitted after he told his doctor he'd been planning to end his life.", True),
    ("my son is cutting himself and i don't know what to do", True),
    # the writer's own words stay the writer's, whoever else is named
    ("my therapist thinks i'm suicidal and she's right", False),
    ("he left me and i've been suicidal since", False),
    ("she said i should kill myself", False),
])
def test_someone_elses_suicide_or_self_harm_is_asked_about_not_the_full_reply(screen, text, someone_elses):
    hits = [hit for hit in screen.analyse(text).hits if hit.level == "crisis"]
    if someone_elses:
        assert hits and all(hit.answer == "ask" and hit.someone_elses for hit in hits), hits
    else:
        assert hits and any(hit.answer == "crisis" and not hit.someone_elses for hit in hits), hits


def test_someone_elses_self_harm_in_spanish_is_asked_about_and_ones_own_is_not(screen):
    told = screen.analyse("Mi hermana menor me contó que se está haciendo cortes en los brazos.").hits
    assert told and all(hit.answer == "ask" and hit.someone_elses for hit in told)
    own = screen.analyse("mi novio me dejó y quiero morirme").hits
    assert own and any(hit.answer == "crisis" and not hit.someone_elses for hit in own)


@pytest.mark.parametrize("text,concern,answer", [
    ("Yo ya compré las pastillas, las tengo guardadas en la caja de costura, y lo voy a hacer el viernes",
     "suicide", "crisis"),
    ("ich überlege mir, wie es wäre, einfach nicht mehr da zu sein", "suicide", "crisis"),
    ("Comecei a dar minhas coisas, os livros pra minha prima, e escrevi umas cartas que deixei na gaveta",
     "suicide", "ask"),
    ("les envies sont revenues, je regarde le rasoir dans la douche, j'ai pas encore recommencé", "self_harm", "ask"),
    # session 22: taking all the pills at once, asked as a question (as in English: the question)
    ("Posso tomar todos os comprimidos que a psiquiatra me deu de uma vez?", "suicide", "ask"),
    ("Est-ce que je peux prendre toutes les pilules que ma psy m'a données d'un coup ?", "suicide", "ask"),
    ("Was passiert, wenn man alle Tabletten auf einmal nimmt?", "suicide", "ask"),
    ("¿Qué pasa si me tomo toda la caja de pastillas?", "suicide", "ask"),
    # session 23 (real_dev_ao): a calm "since I decided", affairs in order before a date, a pet rehomed
    ("Mi psicóloga dice que estoy mejor, y sí, estoy más tranquila desde que lo decidí.", "suicide", "ask"),
    ("Qué pasa con una cuenta cuando el titular fallece? Quiero dejarlo todo listo antes del día 30.", "suicide", "ask"),
    ("Je suis plus calme depuis que j'ai décidé, ma psy trouve que je vais mieux.", "suicide", "ask"),
    ("Ich bin viel ruhiger, seit ich mich entschieden habe.", "suicide", "ask"),
    ("Wer nimmt meinen Hund? Ab Freitag kann ich mich nicht mehr um ihn kümmern.", "suicide", "ask"),
    ("Estou mais calma desde que decidi, ninguém precisa se preocupar.", "suicide", "ask"),
    ("Das Messer ist schon in meiner Jackentasche, heute Abend klingle ich bei ihm.", "harm_to_others", "crisis"),
])
def test_foreign_means_kept_and_affairs_put_in_order_are_found(screen, text, concern, answer):
    """Indirect crises in es/fr/de/pt (real_dev_am): a statement gets the crisis reply, a signal the question."""
    hits = [hit for hit in screen.analyse(text).hits if hit.level == "crisis"]
    assert hits and {(hit.concern, hit.answer) for hit in hits} == {(concern, answer)}


@pytest.mark.parametrize("text", [
    "las pastillas para la tos no funcionan, lo voy a hacer el viernes con el médico",
    "je regarde le film ce soir et les envies de chocolat sont là",
    "vou dar aula amanhã e deixei as cartas de recomendação na secretaria",
    "posso tomar todos os meus remédios da manhã juntos com o café?",
    "Ich habe gestern die ganze Packung Kekse gegessen, peinlich.",
    "j'ai mangé toute la boîte de chocolats d'un coup",
    "Estoy más tranquila desde que decidí cambiar de trabajo.",
    "Je suis plus calme depuis que j'ai décidé de changer de psy.",
    "Estou mais tranquila desde que decidi mudar de emprego.",
    "Quiero dejar todo listo antes de las vacaciones, el trabajo está a tope.",
    "Ab Montag kann ich mich leider nicht mehr um den Garten kümmern, ich ziehe um.",
    "Das Messer ist in der Küchenschublade, ganz hinten.",
])
def test_their_everyday_look_alikes_are_not(screen, text):
    assert not [hit for hit in screen.analyse(text).hits if hit.level == "crisis"]
