"""Patterns of the deterministic safety screen, by level and concern.

Each pattern is a tiny token language compiled into a spaCy ``Matcher``
pattern by :mod:`bot.safety_screen` (see ``compile_pattern`` there):

* ``word``     the token's lemma (lookup lemmas, lowercased text) is ``word``
* ``a|b|c``    any of these lemmas
* ``=word``    the exact lowercased text (for slang the lemmatizer would bend)
* ``word?``    optional token
* ``*``        one optional token of any kind; ``**`` up to three
* ``PRON``     a person: me/him/her/them/someone/my partner... (also one alternative: ``PRON|anyone``)

Patterns are deliberately first-person and concrete: "kill myself" fires,
"this homework is killing me" does not. Recall wins over precision: the
evaluation set of hard negatives is what keeps these honest.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import yaml

FOREIGN_LEXICON = Path(__file__).resolve().parent / "screen_foreign.yml"
FOREIGN_RED_FLAGS = Path(__file__).resolve().parent / "screen_foreign_red_flags.yml"


def foreign_lexicon() -> Dict[str, Dict[str, List[str]]]:
    """Crisis phrases and safe uses per language (es/fr/de/pt), kept as data in screen_foreign.yml.

    The file is required: a screen that silently lost its foreign phrases
    would miss crises without anyone noticing.
    """
    return yaml.safe_load(FOREIGN_LEXICON.read_text(encoding="utf-8"))


def foreign_red_flags() -> Dict[str, Dict[str, List[str]]]:
    """Red-flag phrases per language (es/fr/de/pt), kept as data in screen_foreign_red_flags.yml."""
    return yaml.safe_load(FOREIGN_RED_FLAGS.read_text(encoding="utf-8"))

_SELF = "myself|self|meself|mysel"
_DIE = "die|dead|death"
_ME = "i|im|i'm|ive|i've|id|i'd|ill|i'll"
#: Medicines people name when they ask how much would be too much.
_DRUGS = ("paracetamol|tylenol|acetaminophen|ibuprofen|advil|aspirin|oxycodone|oxy|oxys|codeine|morphine|fentanyl|"
          "tramadol|xanax|valium|diazepam|lorazepam|ativan|klonopin|ambien|zopiclone|seroquel|quetiapine|lithium|insulin|"
          "amitriptyline|sertraline|zoloft|prozac|fluoxetine|citalopram|venlafaxine|benadryl|melatonin|opioid|opioids|"
          "painkiller|painkillers|sleeping_pill|sleeping_pills|antidepressant|antidepressants")

CRISIS_PATTERNS: Dict[str, List[str]] = {
    "suicide": [
        f"kill|off|end|hang|drown|shoot|poison|gas {_SELF}",
        "kill|off ** myself",
        "=kms", "=kys", "=ctb", "catch|catching the bus", "=unalive", "unalive ** myself|me",
        "=sewerslide", "sewer slide", "=su1c1de", "=suicide", "=suicidal", "=suicidally",
        "take|end my own? life", "my life ** over|end", "end it all", "=end|=ending it",
        "want|wish|hope|like * to die|dead",
        "want|wish|hope to * die",
        "wish * be|were|was dead",
        "wish * never * bear|born",
        "better off dead",
        "better off without me", "better * without me", "happier without me", "easier without me", "easy|easier|better|happier * life|lives * without me",
        "not|never wake up", "not want * wake up", "go to sleep and not|never",
        "sleep forever", "not want to be here anymore|anymore",
        "not want to be here", "not want to exist", "stop exist|existing",
        "not want to live", "not want to be alive", "no reason to live",
        "nothing to live for", "no point * live|living|alive|go|going on",
        "no point in anything", "not see the point anymore",
        "not see the point of live|living|life|anything|going",
        "can not go on", 
        "be a burden", "such a burden", "just a burden", "burden to everyone|everybody|anyone|them",
        "will not be * problem|burden|around * much|for|long",
        "will not be around", "not be around * much_longer|long|for_long",
        "goodbye letter|note|message|video", "suicide note", "write|wrote|writing * goodbye|note to",
        "say|said|saying goodbye to everyone|everybody|all",
        "this is goodbye", "=goodbye forever", "last message|time * talk|talking|hear|see", "my last message", "last message to",
        "give|giving|gave away my * stuff|thing|things|belongings|possession|possessions|cat|dog|pet",
        "give|giving|gave away all my",
        "who * take|get my cat|dog|pet|stuff|things * when|after * gone",
        "save|saving|stockpile|stockpiling|hoard|hoarding|collect|collecting * pill|pills|meds|medication|tablets|sleeping",
        "how many * pill|pills|tablets|paracetamol|tylenol|advil|ibuprofen|sleeping|meds|mg * to|would|kill|overdose|die|lethal|od",
        "overdose|=od on", "lethal dose", "work|worked|figure|figured|plan|planned out how i ** do it", "take all my pill|pills|meds",
        "bridge|bridges|building|buildings|cliff|roof|rooftop * tall|taller|high|higher|highest|tallest",
        "tall|tallest|high|highest bridge|bridges|building|buildings|roof|cliff",
        "jump|jumping in_front", "jump|jumping * off|from * bridge|roof|building|balcony|cliff",
        "step in front of * train|bus|car|truck", "throw myself",
        "buy|buying|bought|get|got * rope|gun|noose", "noose", "hang|hanging myself",
        "slit * wrist|wrists|throat",
        "plan|planning|plans * to * kill|end|die",
        
        "thought|thoughts|thinking * of|about * death|dying|suicide|ending|killing|end",
        "disappear forever", "=disappear * permanently",
        "not be here * tomorrow|next_week|much_longer|for_long",
        "everyone * better off", "world * better without me", "rather be dead",
        "rather not exist", "tired of live|living|being_alive|life",
        "done with life|living|everything", "life * not worth * living|it",
        "=suicide|suicidal * thought|thoughts|ideation|plan",
        "my * overdose|=od|attempt", "suicide attempt", "attempt|attempted * suicide|to kill",
        "=unaliving|=unalived|=unalive", "kill|hurt|harm|cut|end * herself|himself|themselves|themself",
        "give|gave|giving * my * cat|dog|pet|stuff|things|belongings * to",
        "tell|telling|told * everyone|everybody * i love them", "tell my * * i be|am sorry",
        "whole|entire * box|bottle|pack|packet|strip|jar", "take|swallow|swallowed|took NUM * pill|pills|tablets|tablet|meds",
        "have|got * the pill|pills|tablets|rope|gun * in_front|ready|right_here|with_me",
        "take|took|swallow * them all", "how high * * fall|drop|jump|be_sure|to_die|survive", "how far * fall|drop|jump|down",
        "how many * floor|floors|storey|storeys|stories * enough|up|to", "high enough * to|fall|die",
        "self inflicted", "life insurance * suicide|pay|payout|self",
        "not|will not need * it|this|anything * after|anymore|much_longer",
        "keep|keeps|kept * think|thinking * about * gun|pill|pills|rope|bridge|train|tracks|jumping|ending|dying", "gun|rope|pills ** ** keep|keeps * think|thinking|looking",
        "permanent kind|sleep|solution", "sleep|sleeping * for good", "go to sleep * never|forever",
        "write|wrote|writing|make|made|update|updated * my will", "everything|affairs * in order",
        "password|passwords ** ** brother|sister|mom|mum|dad|family|need", "train|tracks|track|railway|bridge ** ** call|calling|pull|pulling",
        "drive|drove|driving|crash|swerve * into * tree|wall|traffic|truck|oncoming|river",
        "walk|step * into * traffic", "not see * myself * here|around|alive", "still being here|around|alive",
        "dog|cat|pet|pets ** good_home|new_home|looked_after|taken_care", "carbon monoxide", "=painless",
        "soon * will not be * around|here|problem|burden|costing|bother", "say|said * my goodbye|goodbyes",
        "almost|nearly|soon * over * peaceful|for good", "stand|standing|sit|sitting on * roof|ledge|edge|bridge|railing",
        "=done * =pretending|=fighting|=trying|=living", "can not do this anymore", "the end of me", "least_painful|quickest|easiest|painless * way * to * go|die|end", "not for a story",
        "if i left|leave|go * it|this|the * world|all", "plan and a date", "i * got a plan", "have a plan and|now", "said nothing * meant it", "picked|chose|chosen|set * a|the date ** not|havent|told", "world * keep_spinning|go_on * without_me|if_i",
    ],
    "self_harm": [
        f"cut|cutting|burn|burning|hurt|hurting|harm|harming|hit|hitting|scratch|scratching|punch|punching|bite|biting|starve|starving {_SELF}",
        f"cut|burn|hurt|harm|hit|scratch * {_SELF} again",
        "self harm|harm|hurt|injury|injure",
        "self -? harm|harming|harmed|injury|injure", "=selfharm", "=sh",
        "take|takes|took|taking it out on my arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|body|stomach|hand|hands",
        "heal|fade before my? PRON|anyone|anybody|school|work * see|sees|notice|notices|spot|spots",
        "use|used to * cut|burn|harm|hurt", "i =cut|=burned|=burnt|=harmed myself|again|deep|deeper|tonight|today",
        "relapse|relapsed|relapsing * on|with * =sh",
        "relapse|relapsed|relapsing * cut|cutting|harm|harming|self",
        "blade|blades|razor|razors * again|arm|arms|thigh|thighs|skin|wrist",
        "cut|cutting * my arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin",
        "burn|burning * my arm|arms|skin|hand|leg with",
        "urge|urges * cut|hurt|harm|burn|to",
        "clean * day|days|month|months|year * and|but * slip|slipped|relapse|relapsed|cut",
        "fresh cut|cuts", "hide|hiding * my scar|scars|cut|cuts",
        "bang|banging * my head * wall|walls",
        "scratch|scratches|scratched ** ** i do|dont n't|not? even? have|own a cat|cats|kitten",  # the cat cover story
        "hit|hitting|bang|banging|slam|slamming my head ** table|desk|wall|floor|door ** until|whenever|times|again|bleed|blood|bruise",
        "pick|picking * skin * until|till * bleed",
        "razor|razors|blade|blades|scissors|sharpener|lighter * again|not_for|tonight|trick|helps|old|calm",
        "probably|should * need|needed * stitches", "scar|scars|mark|marks|cuts|burns * hide|hiding|under|sleeve|sleeves|watch|bracelet",
        "cuts|burns|marks * fade|fading|faded",  # fresh injuries; old scars fading are healing
        "long sleeves * july|summer|heat|hot|august|june", "=barcode", "clean streak|days * end|ended|broke|over|reset",
        "punish * myself", "deep one|ones|cut|cuts", "old coping * method|way|habit", "feel the sting|pain * calm|numb|release",
        "touch|touching|hold|holding * hot * pan|iron|stove", "hate my body * hurt|cut|burn|punish", "bite|biting|bit * my * own? * arm|arms|hand|hands|wrist * hard|until|bruise|bruises|bleed",
        "new|fresh * cut|cuts|burn|burns|marks", "need * to * see|feel * red|blood|pain * feel",
        "plaster|plasters|bandage|bandages|band-aids|plasters * so * not * see|notice", "bloody tissues", "white lines", "hurt myself on purpose",
    ],
    "harm_to_others": [
        "want|go|plan|planning|ready|about * to kill|hurt|stab|shoot|strangle|murder|poison|beat * PRON",
        "go|will * kill|hurt|stab|shoot|strangle|murder|poison PRON",
        "will * kill|hurt|stab|shoot|strangle|murder PRON",
        "make|making * PRON * pay|suffer|bleed",
        "hurt|hurting|harm|harming * someone|somebody|people * badly|bad|seriously|really",
        "urge|urges|thoughts * to * hurt|kill|stab|harm|strangle * PRON",
        "thinking|think * about * hurt|hurting|kill|killing|stab|stabbing|strangle|strangling * PRON",
        "bring|bringing|brought * gun|knife * to * school|work|office|session|house|place",
        "shoot|shooting up * school|work|place|office",
        "get|got|buy|bought|have * gun|knife * for * PRON",
        "get back at * PRON * hurt|kill|knife|gun", "plan|plans|planning * to * harm|hurt|kill * anyone|someone|people|him|her|them",
        "=harm * to * others", "hurt * my * baby|kid|kids|child|children|son|daughter",
        "have|has|had * it coming", "get|gets * what * come|coming * to", "make * sure * regret|regrets",
        "regret * it|this * know", "know|knows * where * she|he|they * live|lives|work|works|sleep",
        "sharpen|sharpened * knife|blade * for|bag|pocket|ready|tonight|him|her", "rifle|gun|knife|weapon * sorted|ready|loaded|bag|locker|car",
        "antifreeze|poison|arsenic|rat_poison ** take|for|grown|put|kill|man|woman|him|her", "cut * brake|brakes * line|lines",
        "burn down * house|place|school", "pillow over * face", "write|wrote|written * down * his|her|their * address",
        "run|running|ram|drive * my car * into * PRON|guy|guys|them", "not|will not * make it to * birthday|weekend|christmas",
        "not be hurting anyone", "not|will not * survive|see * the|this|next * weekend|week|sunday|monday|birthday",
        "finally notice|notice me * monday|tomorrow|school",
        "bring|bringing|take|taking * gun|pistol|rifle|knife|weapon|dad's|dads * to * school|work|session|office|class",
        "break|breaking|smash|smashing * her|his|their|your * jaw|neck|legs|face|skull",
        "bring|bringing|take|taking * the|a|my * hammer|bat|axe|machete|crowbar", "one more word|time ** bring|bringing|kill|hurt|stab|hit|smash", "look like an accident", "rat_poison|antifreeze|poison * in|into * coffee|drink|food|tea", "coffee|drink|food|tea ** ** rat_poison|antifreeze|poison", "list * names * school|work|monday", "push|pushing * people|someone|him|her * onto|in_front * tracks|train|traffic", "shoot|stab|kill|hurt * them all|everyone|everybody",
    ],
    "in_danger": [
        "PRON * hit|hits|hitting|beat|beats|beating|punch|punches|punched|kick|kicks|kicked|choke|chokes|choked|strangle|strangled|slap|slaps|slapped * me",
        "PRON * threaten|threatens|threatened|threatening * to * kill|hurt|beat|harm|hit * me",
        "PRON * going to|gonna * kill|hurt|beat * me",
        "PRON * will * kill|hurt me",
        "threaten|threatens|threatened * to * kill|hurt * me",
        "afraid|scared|terrified|frightened * of * PRON",
        "afraid|scared|terrified * to * go * home",
        "not * safe * at|in * home|house|there|here",
        "not feel|feeling safe",
        "lock|locks|locked * me * in|up",
        "stalk|stalks|stalking|stalked|stalker", "follow|follows|following|followed * me * home|everywhere|around|work|car",
        "track|tracks|tracking * my * phone|location|car",
        "outside my * house|door|window|work|flat|apartment * again|every|will_not|all",
        "touch|touches|touched|touching * me * where|there|private|under|night|bed|room",
        "come|comes|came|coming * into|in * my * room|bed * at * night",
        "make|makes|made * me * touch", "abuse|abuses|abused|abusing * me",
        "molest|molests|molested|molesting|rape|raped|raping|rapes",
        "sexually * abuse|abused|abusing|assault|assaulted",
        "PRON * hurt|hurts|hurting * me", "domestic * violence|abuse",
        "be * 11|12|13|14|15|16 * and * my * dad|stepdad|uncle|mom|mum|brother|cousin|coach|teacher",
        "be * being abused", "in an abusive",
        "PRON * has|have|got * a * gun|knife * and|threat|threaten|threatened",
        "have|need * to * hide * from * PRON",
        "therapist * threaten|threatened|threatens * to * hurt|kill|harm|hit",
        "if i stop replying|answering|texting", "car|man|guy|someone * outside my * again|every|house|flat|apartment|window",
        "our * special? secret", "secret * kick|kicked|trouble|tell|hurt", "kick|kicked * off * if i tell",
        "makeup|make-up|concealer * over|cover * mark|marks|bruise|bruises", "check|checks|checking * my phone * every|night|day",
        "take|took|takes * my * bank_card|money|passport|keys|car_keys", "no_one|nobody * would believe me",
        "chair * against|under * door|handle", "keep|keeps * show|showing up", "not * be|go * at|back * home",
        "fake accounts|account * messaging|message|messages|following", "know|knows * my * new? * address",
        "know|knows * where i live", "tell * hospital|doctor|nurse|teacher * i fell|fell|tripped",
        "not allowed to * eat|leave|call", "hide|hiding * in * car|closet|bathroom|room|garage",
        "kid|kids|children * not|never * see me", "gun|knife * in the house", "photo|photos|pictures|video * of me * through|window|without",
        "make|makes|made * me do * stuff|things", "stay after * class|school|practice * secret",
        "make sure * i can not * walk|talk|leave", "kept|keep|keeps|locked * in * house|room|basement",
        "threaten|threatened|threatens * me * with * knife|gun|weapon|bat|hammer", "parent|parents|mom|mum|dad|father|mother * beat|beats|hit|hits * me",
        "hurt|hurts|touch|touches|beat|beats * her|him * what do i do",
        "if i leave|go|tell ** find_me|kill_me|hurt_me|worse|do_worse", "help * he|she|they * back|here|outside|coming|home",
        "protective|restraining order", "unsafe at|in home|house", "lay|laid * a? hand|hands on me", "when he|she * gets back * finish|finishing|deal", "last time * he|she * hit|hurt|beat|choked", "he|she|they * read|reads|check|checks * everything|all_my", "say|said|saying * bye|goodbye * to * bot|everyone|you", "bridge ** open|edge|nets|net|walkway|railing|fence|jump", "kill * then me", "hold|holds|held|pin|pins|pinned me down", "can not breathe",
        "lock|locked|locks * the? door * not * let me", "not let me * leave|go|out", "have me committed", "commit me",
        "take|takes|took * my * pension|money|benefits * not|food", "not give me * food",
        "hit|hits|beat|beats|whip|whips|discipline|disciplines|punish|punishes|smack|smacks * me|us * with * belt|stick|cord|hanger|fist|buckle",
        "too deep * not_an_accident|bleeding|stitches", "stop * cut|bleeding * deep", "bruise|bruises * all_the_time|every_week|again|says|always|everywhere", "push|pushed|shove|shoved|throw|threw|pin|pinned * me|us * down|into|against|to * stairs|wall|floor|door|ground",
    ],
}


#: Crisis patterns that are signals, not statements: hopelessness, being a
#: burden, means or a lethal dose asked about without a stated intent, affairs
#: put in order. Alone they get the direct question (TAXONOMY.md, "The risk
#: check"), not the full crisis reply; anything clearer in the same message,
#: or a confident classifier, still gives the crisis reply.
ASK_ONLY: Dict[str, List[str]] = {
    "suicide": [
        "no point * live|living|alive|go|going on", "no point in anything", "not see the point anymore",
        "not see the point of live|living|life|anything|going", "can not go on",
        "be a burden", "such a burden", "just a burden", "burden to everyone|everybody|anyone|them",
        "tired of live|living|being_alive|life", "done with life|living|everything", "can not do this anymore",
        "=done * =pretending|=fighting|=trying|=living", "the end of me",
        "thought|thoughts|thinking * of|about * death|dying|suicide|ending|killing|end",
        "disappear forever", "=disappear * permanently",
        "how many * pill|pills|tablets|paracetamol|tylenol|advil|ibuprofen|sleeping|meds|mg * to|would|kill|overdose|die|lethal|od",
        "lethal dose", "how much|many * insulin|paracetamol|tylenol|acetaminophen ** enough|lethal|kill|die",
        "how much|many ** insulin|paracetamol|tylenol ** enough|lethal",
        f"how much|many ** {_DRUGS} ** would it take", "lethal|fatal|deadly amount|amounts|dosage|quantity|level",
        f"lethal|fatal|deadly * of * {_DRUGS}", f"{_DRUGS} ** ** lethal|fatal|deadly", f"{_DRUGS} ** kill|die",
        f"how much|many ** {_DRUGS} ** to die|kill|overdose|od", f"how much|many ** {_DRUGS} ** someone|my size|weight",
        "bridge|bridges|building|buildings|cliff|roof|rooftop * tall|taller|high|higher|highest|tallest",
        "tall|tallest|high|highest bridge|bridges|building|buildings|roof|cliff",
        "buy|buying|bought|get|got * rope|gun|noose",
        "keep|keeps|kept * think|thinking * about * gun|pill|pills|rope|bridge|train|tracks|jumping|ending|dying",
        "gun|rope|pills ** ** keep|keeps * think|thinking|looking",
        "write|wrote|writing|make|made|update|updated * my will", "everything|affairs * in order",
        "password|passwords ** ** brother|sister|mom|mum|dad|family|need",
        "dog|cat|pet|pets ** good_home|new_home|looked_after|taken_care",
        "give|giving|gave away my * stuff|thing|things|belongings|possession|possessions|cat|dog|pet",
        "give|giving|gave away all my", "give|gave|giving * my * cat|dog|pet|stuff|things|belongings * to",
        "who * take|get my cat|dog|pet|stuff|things * when|after * gone",
        "not|will not need * it|this|anything * after|anymore|much_longer",
        "life insurance * suicide|pay|payout|self", "=painless",
        "how many * floor|floors|storey|storeys|stories * enough|up|to",
    ],
    "self_harm": [
        "urge|urges * cut|hurt|harm|burn|to", "old coping * method|way|habit", "long sleeves * july|summer|heat|hot|august|june",
        "punish * myself", "feel the sting|pain * calm|numb|release", "hide|hiding * my scar|scars|cut|cuts",
        "scar|scars|mark|marks|cuts|burns * hide|hiding|under|sleeve|sleeves|watch|bracelet",
    ],
    "harm_to_others": [
        "have|has|had * it coming", "get|gets * what * come|coming * to", "make * sure * regret|regrets",
        "regret * it|this * know",
    ],
    "in_danger": [
        "afraid|scared|terrified|frightened * of * PRON", "not feel|feeling safe",
        "check|checks|checking * my phone * every|night|day", "track|tracks|tracking * my * phone|location|car",
        "take|took|takes * my * bank_card|money|passport|keys|car_keys", "no_one|nobody * would believe me",
    ],
}

#: Means and threats described, not named: a car running in a closed garage,
#: tampering with someone's gas or brakes, medicine withheld on purpose, a
#: threat to where the children are. Each is concrete enough that the benign
#: readings are rare.
CRISIS_PATTERNS["suicide"] += [
    "garage ** engine|exhaust|car * on|running|idling|started", "engine on|running ** garage", "exhaust * hose|pipe",
    "how much|many * insulin|paracetamol|tylenol|acetaminophen ** enough|lethal|kill|die",
    "this is my goodbye", "bridge ** net|nets|barrier|barriers|railing|railings * yet|still|finish|finished|open",
    "stop being here|around|alive", "fly|go|goes|pass * straight? through ** reasons",
    "rope|ropes|noose ** already|ready|bought|boot|trunk", "ask|asking after what", "ask|asking because of what",
    "so i can finally stop|go",
    "train|trains|station|viaduct|express ** ** ** after the news|bad news|for reasons|uh reasons",
    "asking after the|some news|bad news", "asking * because|cause|cuz * of * the news|what happened",
    "net|nets|barrier|barriers|railing|railings ** bridge", "how much|many ** insulin|paracetamol|tylenol ** enough|lethal",
    f"how much|many ** {_DRUGS} ** would it take", "lethal|fatal|deadly amount|amounts|dosage|quantity|level",
    f"lethal|fatal|deadly * of * {_DRUGS}", f"{_DRUGS} ** ** lethal|fatal|deadly", f"{_DRUGS} ** kill|die",
    f"how much|many ** {_DRUGS} ** to die|kill|overdose|od", f"how much|many ** {_DRUGS} ** someone|my size|weight",
]
CRISIS_PATTERNS["self_harm"] += [
    "carve|carving|carved * into * my? arm|arms|leg|legs|skin|wrist|wrists|thigh|thighs|stomach|hip|hips",
    "need|have to cut|burn * to get through|tonight|again",
    "cut|cuts ** too deep", "not|wasnt|wasn't an accident",
    "hide|hiding|cover|covering ** fresh scar|scars|cut|cuts|marks|burns", "blade|blades out of * sharpener|razor|razors",
    "cut|cuts|scar|scars|marks|burns ** look|looking * fresh", "back * with * my? old? friend? * the? razor|blade|blades",
    "razor|razors|blade|blades ** how i * get through|cope",
    "spoon|lighter|cigarette|cigarettes|iron|match|matches ** on|against|to my * arm|arms|skin|wrist|wrists|leg|legs|thigh|thighs",
]
CRISIS_PATTERNS["harm_to_others"] += [
    "where * live|lives ** regret", "wipe * smirk|grin|smile * off", "names ** where * live|lives",
    "find|found|figure|figured out where PRON live|lives", "when i ** waiting by|outside|at * PRON car|house|home|door|office",
    "ex|lover|boss|husband|wife|boyfriend|girlfriend|partner|neighbour|neighbor|coworker|stepdad|stepfather * be|is going|gonna * to? disappear|vanish",
    "PRON * 'accidentally'|accidentally * fell|fall|falls|trip|tripped|slipped * down|off", "push|pushing|shove|shoving PRON * down the stairs",
    "bring|bringing|take|taking ** gun|guns|knife|weapon|rifle|pistol * in|into|to * school|work|class",
    "bring|bringing ** gun|guns|rifle|pistol|weapon in",
    "teach ** ** lesson ** ** petrol|gasoline|gun|knife|bat|lighter", "know|knows where PRON park|parks",
    "skip|skipping|skipped|withhold|withholding|withheld * PRON? insulin|meds|medication|medicine|pills ** on purpose",
    "loosen|loosened|loosening|tamper|tampered|tampering * with? PRON? * gas|brake|brakes|fitting|fittings",
    "cut|cutting * PRON? brake|brakes|brake_lines", "finish the job",
]
CRISIS_PATTERNS["in_danger"] += [
    "if i * report|tell|leave ** know|knows * where|which",
    "say|says|said i can not leave the * flat|house|apartment|home|room",
    "not let me leave the * flat|house|apartment|home",
    "knife|gun|blade to my throat|neck|head", "next time * will not stop|miss",
    "say|says|said * PRON * be|is|'s going|gonna * to? kill|hurt|beat me", "going|gonna * to? kill me this time",
    "last time * mean|meant|end|ended * a&e|hospital|er|stitches|emergency",
]


RED_FLAG_PATTERNS: Dict[str, List[str]] = {
    "sexual_misconduct": [
        "kiss|kissed|kissing * me", "sex|sexual with me|him|her|them|us", "have|had|having sex with", "sexual|sexually * comment|comments|remark|remarks|advance|advances|joke|jokes|relationship|contact|favour|favours|favor|favors|touch|touching|innuendo|explicit|suggestive|inappropriate", "sexually", "=sexting|=sext|nudes|nude", "send * photo|photos|pic|pics|picture * of|in * me|myself|body|underwear|bikini",
        "sleep with|slept with", "ask|asks|asked me out", "on a date", "go|went|going out with * me",
        "romantic|romantically|romance", "special connection|bond", "in love with me", "love with me",
        "attracted|attraction to me", "flirt|flirts|flirting|flirted", "turn|turned * on",
        "my body|breast|breasts|boob|boobs|ass|butt|legs * comment|comments|comment|look|looks|sexy|hot",
        "sexy|hot * I|me|look|looked", "undress|undressed|naked", "girlfriend|boyfriend * should|could|would",
        "touch|touched|touching * my * breast|breasts|chest|thigh|thighs|butt|leg|crotch",
        "leave|left * his|her * wife|husband|partner * for me",
        "snap|snapchat|instagram|whatsapp|text|texts|texted|dm|dms|message|messaged * me * late_at_night|how_much_he_cares|miss_me|dream|beautiful|cute|sexy|gorgeous",
    ],
    "unwanted_touch": [
        "hug|hugged|hugs|hugging * me * even|after|though|when|without|every|no|didn't|not",
        "not * want|like|ask * hug|hugged|touch|touched|hold|held",
        "said|told|say * no * hug|hugged|touch|touched|still|anyway",
        "touch|touched|touches|touching * my * arm|arms|hand|hands|knee|knees|back|shoulder|hair|face|neck",
        "hold|holds|held|holding * my * hand|hands",
        "rub|rubs|rubbed|rubbing * my", "sit|sat|sitting * next to me * touch|close",
        "bodywork|massage * without * asking|consent|permission", "without * asking|consent|permission * touch|touched|hug|hugged|hold|held", "massage|massaged", "without asking * touch|hug", "put|puts * his|her * hand|hands|arm * on me|my",
    ],
    "dual_relationship": [
        "be|become friends|friend", "hang|hanging out * with * me|us|after|outside", "add|added|adds|follow|followed|follows * me on * instagram|insta|ig|facebook|fb|tiktok|snapchat|twitter|linkedin|social|whatsapp|threads|bluesky",
        "friend request", "business * together|with * me|partner|deal|idea|venture", "work for * him|her|them", "hire|hired|employ|employed * me",
        "job * at * his|her|their", "babysit|babysitting|petsit", "help * move|moving", "do * favor|favour|favors|favours",
        "invite|invited|invites * me * party|wedding|dinner|drinks|coffee|lunch|house|home|church|event|bbq",
        "my * party|wedding * came|come|invite", "drinks * after", "meet|met|meeting * outside * session|sessions|therapy",
        "dm|dms|dmed|message|messages|texted|texts * me * personal|late|night|instagram", "his|her|their personal * number|phone|account",
    ],
    "confidentiality_breach": [
        "told|tell|tells|telling|share|shared|sharing|repeat|repeated * my * mom|mum|dad|parents|wife|husband|partner|boss|friend|friends|family|school|church|employer * what i|about",
        "=told|=tells|=shared|=repeated * what i * said|told",
        "talk|talks|talked|talking|gossip|gossips|gossiped * about * other|another * client|clients|patient|patients",
        "other|another * client|clients|patient|patients * name|names|secrets|story|stories|problems",
        "share|shared|send|sent|gave|give * my * notes|records|file|files|information",
        "post|posted * about * me|session|sessions", "my secret|secrets * to",
        "breach|broke|break * confidentiality",
        "introduce|introduced * me * as * client|patient", "client|patient * i * told * you * about",
    ],
    "verbal_abuse": [
        "yell|yells|yelled|yelling|scream|screams|screamed|screaming|shout|shouts|shouted|shouting * at * me",
        "call|calls|called|calling * me * stupid|idiot|pathetic|worthless|crazy|lazy|fat|ugly|dumb|loser|useless|psycho|retard|whore|slut|drama|attention",
        "swear|swears|swore|cursed|curse * at me", "mock|mocks|mocked|mocking|laugh|laughs|laughed|laughing * at * me",
        "humiliate|humiliates|humiliated|humiliating", "belittle|belittles|belittled|belittling", "insult|insults|insulted|insulting",
        "slam|slams|slammed * door|table|desk|fist", "threw|throw|throws * at", "intimidate|intimidates|intimidated|intimidating",
        "pathetic|worthless|disgusting * of * me|I",
    ],
    "exploitation": [
        "borrow|borrowed|lend|lent|loan|loaned * money|him|her|them", "invest|invested|investing|investment|crypto",
        "ask|asks|asked|asking * me * for * money|cash|loan|gift|gifts|payment|tip",
        "bill|billed|billing|charge|charged|charging * for * session|sessions|appointment|appointments|time * didn't|not|never|missed|cancel|cancelled|i * wasn't",
        "sell|sells|selling|sold * me * supplement|supplements|product|products|oil|oils|course|courses|book|books|program|coaching|mlm",
        "buy * his|her|their * supplement|supplements|product|products|course|courses|book|program",
        "gift|gifts|present|presents * expect|expects|expected|demand|demanded|want|wants",
        "=mlm", "pyramid scheme", "pay|paid * in cash * extra", "=venmo|=cashapp|=paypal * personal|extra|him|her",
        "inheritance", "put|leave|name * in * =will|=wills", "bank_account|credit_card * details|number",
    ],
    "discrimination": [
        "slur|slurs", "n - word", "f - word", "faggot|fag|dyke|tranny|retard|retarded|spic|chink|kike|nigger|negro",
        "pray * gay_away|the_gay", "conversion therapy", "cure|fix|fixed|change * me * gay|lesbian|bi|trans|queer|sexuality|orientation",
        "stop * being * gay|lesbian|bi|trans|queer", "not * real * gender|trans|identity|disorder",
        "disgusting|sin|sinful|abomination|phase * gay|trans|queer|sexuality|religion|muslim|jewish|hijab",
        "=illegals", "jewish|jews|muslim|muslims|black|asian|asians|gay|gays|lesbians|trans|immigrants|mexicans|arabs|indians|africans|latinos|hindus|disabled|autistic * people|families|folks|men|women|kids? * be * always|all|naturally|too|so * lazy|controlling|aggressive|violent|stupid|greedy|dramatic|backwards|cheap|dangerous|dirty", "joke|jokes|joked * about * immigrant|immigrants|muslims|jews|gays|refugees|black|disabled", "people like you|me|us", "your|my * kind|people|race|culture|religion * are|is * lazy|violent|stupid|backwards|primitive|dangerous",
        "go back to * your|my * country", "wheelchair|disability|disabled|autism|autistic * excuse|faking|fake|burden|lazy",
        "racist|sexist|homophobic|transphobic|bigoted|ableist * comment|comments|remark|remarks|joke|jokes|slur|slurs|thing|things|stuff|to_me|about_me", "be * racist|sexist|homophobic|transphobic|bigoted|ableist", "=bigot",
        "deadname|deadnamed|deadnaming|misgender|misgendered|misgendering * on_purpose|deliberately|keep|keeps|refuse|refuses",
    ],
    "impairment": [
        "=drunk|=tipsy|=wasted|=hungover|=intoxicated|=sloshed", "smell|smelt|smelled|smells|stink|stank * of|like * alcohol|booze|wine|beer|weed|liquor|whiskey",
        "high|=stoned|=baked|=wasted * during|in * session|sessions|appointment|zoom|call",
        "slur|slurs|slurred|slurring * words|speech|word|his|her",
        "drink|drinks|drinking|drank * during|in * session|sessions|zoom|call|appointment",
        "=pass|passed * out|asleep * session|during", "fell asleep * during|in * session|middle",
        "bottle|wine|beer|joint|vape * on|in * desk|camera|screen|session|zoom",
        "pupil|pupils|eyes * huge|pinned|red|bloodshot", "high as", "on drugs|=coke|cocaine|pills * session|during|when",
    ],
    "coercion": [
        "stop|quit * take|taking * my * meds|medication|medications|antidepressant|antidepressants|pills|lithium|ssri|ssris",
        "stop|quit|off * my * meds|medication|medications|antidepressant|antidepressants|lithium|ssri|ssris",
        "cut|cutting * off * my? * family|parents|mom|mum|dad|friends|sister|brother|partner|husband|wife",
        "not * allowed * to * see|talk|leave|stop|quit",
        "will not|refuse|refuses|refused * let * me * leave|stop|quit|end|go",
        "threaten|threatens|threatened|threatening * if * i * leave|quit|stop|complain|report|tell",
        "if * i * leave|quit|stop|complain|report * will|he'll|she'll|they'll * tell|report|release|post|sue|ruin|hurt",
        "join * his|her|their * church|religion|group|faith|cult|retreat",
        "convert|become * christian|muslim|catholic|religious", "pray|praying * with * him|her|them * or",
        "make|makes|made|force|forces|forced|pressure|pressures|pressured|pressuring * me * to",
        "break|breaking up with * my|your * partner|boyfriend|girlfriend|husband|wife|bf|gf * or|unless",
        "or|unless * he|she|they * will|'ll|ll * end|stop|drop * therapy|treatment|sessions|seeing",
        "unless * i * dump|leave|ditch * my * partner|boyfriend|girlfriend|husband|wife|bf|gf",
        "can not * leave * therapy|him|her|them", "punish|punished|punishes|retaliate|retaliated|retaliation|revenge", "=payback", "send|sent|told|wrote * my * doctor|gp|employer|boss|referrer * lie|lies",
        "sign * contract|agreement * can't|not|cannot|leave|quit", "guilt|guilted|guilts * me * leave|leaving|quit|quitting|stop",
    ],
}

#: Phrases that cancel a crisis match they overlap: explicit negations.
NEGATION_PATTERNS: List[str] = [
    "not|never suicidal", "not|never be|feel|feeling suicidal", "not|never really suicidal",
    "no suicidal|suicide thought|thoughts|intent|plan|plans|ideation",
    "not|never want|plan|go to die|kill|hurt|harm", "not|never really want|plan to die|kill|hurt|harm",
    "never|not would|will|could kill|hurt|harm|cut myself|anyone|anybody",
    "would|will never kill|hurt|harm|cut|do",
    "not in danger", "not unsafe", "no plan|plans|intention|intent|desire|wish to harm|hurt|kill",
    "not go|going to do|act on * it|anything", "not think|thinking about|of kill|killing|hurt|hurting|suicide|dying|death|harm|harming",
    "not|never self -? harm|harmed|harming", "not|never cut|cutting|harm|harming myself",
    "not harm|hurt myself|anyone",
    "no thought|thoughts|urge|urges|plan|plans|history of|about self|harm|hurt|suicide|kill|killing|die|dying|end|ending|cut|cutting",
    "no thought|thoughts|urge|urges|plan|plans|history of|about self -? harm|harming",
    "never do|did|done that|it|this to myself",
    "no self -? harm|harming", "not have|had * any? thought|thoughts|plan|plans|urge|urges|intention",
    "never|not * lay|laid|put * a? hand|hands|finger on",
    "not|never have|had * any? thought|thoughts|urge|urges|plan|plans|intention|intentions of|about ** "
    "end|ending|kill|killing|hurt|hurting|harm|harming|self|cut|cutting|suicide|die|dying|take|taking|life",
    "not|never have|had * any? self -? harm|suicidal|suicide",
    "zero thought|thoughts|urge|urges|intention of|about ** hurt|hurting|harm|harming|kill|killing|end|ending|suicide|self|die|dying",
    "no wish|intention|desire|plan|urge to act on",
]

#: Markers that place a crisis phrase in a resolved past, clause by clause
#: ("i used to cut, years ago"); a clause with a relapse word is never excused.
PAST_PATTERNS: List[str] = [
    "year|years|month|months * ago", "long time ago", "long ago", "use to", "used to", "back when",
    "when i be|was * little|young|younger|kid|teen|teenager|child|small|NUM", "as a * teen|teenager|kid|child",
    "in * high school|uni|university|college", "in the past", "long over", "=got * through", "last year",
    "in YEAR", "have not|has not * in * year|years|month|months",
    "we made up", "old scar|scars|marks", "scar|scars|marks * be|are|have * faded|fading|healed",
    "in my twenties|teens|thirties|forties", "year|years|month|months free|clean from", "year|years since i last",
    "back in year|grade|school|uni",
]
#: Markers that a crisis phrase is talked about, not lived: a question
#: someone asked, a form, fiction, news or study ("my therapist asked if i
#: ever think about hurting myself"), clause by clause like PAST_PATTERNS.
META_PATTERNS: List[str] = [
    "ask|asks|asked|asking * * if|whether|about", "question|questions|questionnaire|form|intake|assessment|screening|checklist * about|on|had|asked",
    "=article|=articles|=documentary|=game|=games|=story|=stories|=novel|=book|=books|=show|=shows|=movie|=movies|=film|=films|=episode|=series|=podcast|=news|=lecture",
    "character|characters|=npc|=npcs", "study|studying|research|prevention|statistics|rates|awareness",
    "difference between", "what be|is * suicidal ideation", "call of the void",
    "=thriller|=villain|=screenplay|=plot|=fiction|=scene|=chapter|=realistic|=plausible|=historically",
]
#: Joke markers: they excuse only threats against others in their clause ("i'll
#: strangle him, jk"). Said of oneself ("kms jk", "hypothetically, how many
#: pills...") they are a known way of taking a disclosure back, so they never
#: excuse suicide or self-harm.
JOKE_PATTERNS: List[str] = [
    "=jk", "just kidding|joking", "=metaphorically|=figuratively|=hypothetically",
]
RELAPSE_WORDS: List[str] = ["yes", "yeah", "honestly", "actually",
    "again", "relapse", "relapsed", "return", "returned", "tonight", "lately", "recently", "today", "still", "start", "started",
]

#: Phrases that are figures of speech: a crisis match inside one is ignored.
#: Two patterns that mean danger only together, anywhere in one message
#: ("if someone went off the top floor of the multistorey would they survive";
#: "tips for fading scars? ... and there are some new ones"). The pair is
#: judged where its second part is: a guard, past or meta clause there excuses it.
CRISIS_PAIRS: Dict[str, List[Tuple[str, str]]] = {
    "suicide": [
        ("survive", "top_floor|roof|rooftop|multistorey|multi_-_storey|car_park|carpark|parking_garage|balcony|cliff|"
                    "bridge|storey|storeys|metre|metres|meter|meters"),
        ("bridge|bridges", "how_high|how_tall|tallest|highest|higher|taller|terms_of_height|height_of|heights_of"),
        ("freight|crossing|level_crossing|tracks|railway_line", "full_speed|top_speed|slow_down|how_fast|without_stopping"),
    ],
    "self_harm": [
        ("scar|scars|cut|cuts|wrist|wrists", "new|fresh|more ones"),
        ("blood|bleeding|bled|stitches", "did|done it again"),
        (f"harm|hurt|cut|burn|burned|burnt {_SELF}", "did|done it again"),
    ],
}

#: Crisis words that an idiom below can use figuratively; an idiom with one of
#: them excuses a weak classifier crisis guess (see SafetyScreen._screen_chunk).
FIGURATIVE_CRISIS_WORDS: List[str] = (
    "die dying dead death kill killing killed killer murder murdered strangle strangled throttle cut cuts cutting "
    "shoot shot beat beating overdose overdosed "
    "suicide suicidal od harm self bungee stalking".split()
)

IDIOM_PATTERNS: List[str] = [
    "shoot|shooting|shot myself in the foot", "bungee|bungy ** jump|jumping|jumped ** bridge|cliff|crane",
    "suicide|suicidal hotline|helpline|line|prevention|awareness|squad|question|questions|screening|protocol|risk|training|call|calls",
    "kill|killing myself with kindness|work|overtime", "after|since a suicide in", "goodbye letter|letters to my * old|younger|past|former self",
    "affairs * in order before * operation|surgery|trip|move|deployment|travel|procedure",
    "deer|red_deer stalking", "will ** pension|pensions|wedding|marriage|mortgage",
    "affairs * in order ** ** will|pension|pensions|wedding|marriage|mortgage|operation|surgery",
    "kill|killed|killing myself getting|trying|rushing|running|working", "kill|killed|killing myself to get",
    "self -? harm protocol|policy|training|awareness|module|workshop|screening|question|questions",
    "my will ** lawyer|daughter|son|baby|born|kids|children|solicitor|mortgage|responsible",
    "die|dying * of|from embarrassment|shame|laughter|boredom|cringe", "emotional self -? harm",
    "cut me down|back|short|off", "shoot me a|an|the * link|message|text|email|dm|note|line",
    "kill|murder me for|if * say|saying|tell|telling|ask|asking|this|that|late|forget|forgot",
    "go|going|will * =murder|=kill me * forgot|forget|late|slides|homework|report", "kill for a|an|some",
    "=strangle * this|the * printer|laptop|computer|phone|wifi", "dead tired", "shot * film|video|photo|movie",
    "boss|mum|mom|teacher|manager|coach|parents|sister|brother|friend|friends ** kill|murder me",
    "=push|=pushes|=pushing|=pushed me to|toward|towards", "=pushing me",
    "safe enough", "feel|feeling safe * with * to open|share|talk", "safe opening|sharing|talking", "safe to open|share|talk", "=jk", "just kidding|joking",
    "=killing myself with * work|hours|weeks|job|shifts|studying|overtime", "be =killing me", "=killing me", "=kills me that|when|how", "killing it", "to die for", "die|dying * of|from * laughter|laughing|embarrassment|boredom|shame|cringe",
    "dying to", "could|would * murder * a|some|pizza|burger|coffee|drink|beer",
    "killer|killers", "shoot * forget|forgot|miss|missed|late|wrong", "cut * session|sessions|short|time|me_off|off", "cut * corners|ties|back",
    "cut|cuts deep", "beat|beating|beats myself up", "could|would have|of * killed|strangled|murdered PRON",
    "strangle|kill|murder|throttle|shoot whoever * designed|invented|made|wrote|built|thought_of|came_up|scheduled",
    "cut|cuts|cutting * call|calls|video|zoom|connection|wifi", "shoot|shooting * my|your|his|her|their shot",
    "dead tired", "=deadline|=deadlines", "dead end", "dead - end", "kill|killing time", "kill|killing some|the|a_bit_of|an_hour|the_day time",
    "overdose|overdosed|=od * on * care|coffee|caffeine|sugar|netflix|chocolate|tv|work|sun|vitamin|vitamins|bake|baking|episode|episodes|series|show|shows|boxset|box_set|reality|cake|candy|sweets", "=bungee", "suicide * squad|mission|doors|sprint|run", "bridge * the gap|gaps", "burn * out|burnout|bridge|bridges",
    "beat * me * to it", "hit me up|back", "punch * line", "jump * in|into|at",
]

#: Crisis phrases in other languages: (language, concern, phrase). Matched on
#: lowercased text, token by token; accents are kept.
FOREIGN_CRISIS_PHRASES: List[Tuple[str, str, str]] = [
    ("es", "suicide", "quiero morir"), ("es", "suicide", "quiero morirme"), ("es", "suicide", "me quiero morir"),
    ("es", "suicide", "me quiero matar"), ("es", "suicide", "quiero matarme"), ("es", "suicide", "suicidarme"),
    ("es", "suicide", "suicidio"), ("es", "suicide", "quitarme la vida"), ("es", "suicide", "no quiero vivir"),
    ("es", "suicide", "no quiero seguir viviendo"), ("es", "suicide", "ya no quiero estar aquí"),
    ("es", "suicide", "acabar con todo"), ("es", "suicide", "acabar con mi vida"), ("es", "suicide", "mejor sin mí"),
    ("es", "suicide", "no despertar"), ("es", "suicide", "desaparecer para siempre"), ("es", "suicide", "ganas de morir"),
    ("es", "self_harm", "hacerme daño"), ("es", "self_harm", "cortarme"), ("es", "self_harm", "me corto"),
    ("es", "self_harm", "me corté"), ("es", "self_harm", "autolesión"), ("es", "self_harm", "autolesiones"),
    ("es", "self_harm", "lastimarme"), ("es", "harm_to_others", "voy a matarlo"), ("es", "harm_to_others", "voy a matarla"),
    ("es", "in_danger", "me pega"), ("es", "in_danger", "me golpea"), ("es", "in_danger", "me va a matar"),
    ("es", "in_danger", "me amenaza"), ("es", "in_danger", "no estoy a salvo"), ("es", "in_danger", "no estoy segura en casa"),
    ("es", "in_danger", "no estoy seguro en casa"), ("es", "in_danger", "me sigue a todas partes"), ("es", "in_danger", "abusa de mí"),
    ("es", "in_danger", "me toca"), ("es", "in_danger", "me maltrata"),
    ("fr", "suicide", "me suicider"), ("fr", "suicide", "envie de mourir"),
    ("fr", "suicide", "veux mourir"), ("fr", "suicide", "me tuer"), ("fr", "suicide", "en finir"),
    ("fr", "suicide", "plus envie de vivre"), ("fr", "suicide", "mettre fin à mes jours"), ("fr", "suicide", "mieux sans moi"),
    ("fr", "suicide", "ne plus me réveiller"), ("fr", "suicide", "disparaître pour toujours"), ("fr", "suicide", "je veux mourir"),
    ("fr", "self_harm", "me faire du mal"), ("fr", "self_harm", "me scarifier"), ("fr", "self_harm", "scarifie"),
    ("fr", "self_harm", "me couper"), ("fr", "self_harm", "automutilation"), ("fr", "self_harm", "me mutiler"),
    ("fr", "harm_to_others", "vais le tuer"), ("fr", "harm_to_others", "vais la tuer"),
    ("fr", "in_danger", "me frappe"), ("fr", "in_danger", "me bat"), ("fr", "in_danger", "va me tuer"),
    ("fr", "in_danger", "me menace"), ("fr", "in_danger", "pas en sécurité"), ("fr", "in_danger", "me suit partout"),
    ("fr", "in_danger", "me touche"), ("fr", "in_danger", "me harcèle"),
    ("de", "suicide", "umbringen"), ("de", "suicide", "will sterben"), ("de", "suicide", "möchte sterben"),
    ("de", "suicide", "nicht mehr leben"), ("de", "suicide", "suizid"), ("de", "suicide", "selbstmord"),
    ("de", "suicide", "suizidgedanken"), ("de", "suicide", "das leben nehmen"), ("de", "suicide", "besser ohne mich"),
    ("de", "suicide", "nicht mehr aufwachen"), ("de", "suicide", "allem ein ende"), ("de", "suicide", "will nicht mehr"),
    ("de", "suicide", "sterben wollen"),
    ("de", "self_harm", "ritze mich"), ("de", "self_harm", "ritzen"), ("de", "self_harm", "mir wehtun"),
    ("de", "self_harm", "mir weh tun"), ("de", "self_harm", "selbstverletzung"), ("de", "self_harm", "verletze mich"),
    ("de", "harm_to_others", "bringe ihn um"), ("de", "harm_to_others", "bringe sie um"),
    ("de", "in_danger", "schlägt mich"), ("de", "in_danger", "bringt mich um"), ("de", "in_danger", "droht mir"),
    ("de", "in_danger", "nicht sicher"), ("de", "in_danger", "verfolgt mich"), ("de", "in_danger", "fasst mich an"),
    ("de", "in_danger", "missbraucht mich"),
    ("pt", "suicide", "me matar"), ("pt", "suicide", "quero morrer"), ("pt", "suicide", "suicídio"),
    ("pt", "suicide", "suicidar"), ("pt", "suicide", "me suicidar"), ("pt", "suicide", "não quero mais viver"),
    ("pt", "suicide", "nao quero mais viver"), ("pt", "suicide", "acabar com tudo"), ("pt", "suicide", "tirar minha vida"),
    ("pt", "suicide", "tirar a minha vida"), ("pt", "suicide", "melhor sem mim"), ("pt", "suicide", "não acordar mais"),
    ("pt", "suicide", "vontade de morrer"),
    ("pt", "self_harm", "me cortar"), ("pt", "self_harm", "me corto"), ("pt", "self_harm", "me machucar"),
    ("pt", "self_harm", "automutilação"), ("pt", "self_harm", "me ferir"),
    ("pt", "harm_to_others", "vou matar ele"), ("pt", "harm_to_others", "vou matá-lo"),
    ("pt", "in_danger", "me bate"), ("pt", "in_danger", "vai me matar"), ("pt", "in_danger", "me ameaça"),
    ("pt", "in_danger", "não estou segura"), ("pt", "in_danger", "não estou seguro"), ("pt", "in_danger", "me persegue"),
    ("pt", "in_danger", "me toca"), ("pt", "in_danger", "abusa de mim"),
]


#: Crisis language in Spanish, French, German and Portuguese, as regular
#: expressions over lowercased text with accents removed. The English
#: classifier cannot read these languages, so this layer carries them alone:
#: stems, not whole sentences, to catch the many ways of saying each thing.
FOREIGN_CRISIS_REGEX: List[Tuple[str, str, str]] = [
    ("es", "suicide", r"\b(quiero|quisiera|deseo|ganas de) morir|\bmorirme\b|\bmatarme\b|\bme (quiero )?matar\b|\bsuicidarme|\bsuicidio|quitarme la vida|acabar con (todo|mi vida)|no (quiero )?(seguir )?vivir|no quiero estar aqui|no despertar|mejor sin mi|(ser|soy) (una )?(carga|peso)|regal\w* (todas )?mis cosas|no (las|los|lo|la) voy a necesitar|cartas? de despedida|me despedi de todos|(puente|edificio|azotea)\w* .*(alto|altura|sobrevivir)|cuant\w* pastillas|pastillas .*(guardando|juntando|acumul)"),
    ("es", "self_harm", r"\bcortarme\b|\bme (volvi a )?cort(o|e|aba|ar)\b|hacerme dano|lastimarme|autolesi|quemarme|me quem(o|e)\b|\bme golpeo\b"),
    ("es", "harm_to_others", r"\b(voy a|quiero|pienso) matar(lo|la|le)?\b|\bmatar a (mi|ese|esa|el|la)\b|\bva a pagar\b|se donde vive|tengo (el|un) (cuchillo|arma|pistola)"),
    ("es", "in_danger", r"\bme (pega|pego|golpea|golpeo|maltrata|amenaza|amenazo|sigue|persigue|acosa|toca|obliga|encierra|ahorca|estrangul)\w*|me va a matar|\bme mata\b|abusa\w* de mi|no estoy (a salvo|segur[oa])|tengo miedo de (volver|ir) a casa|me viol"),
    ("fr", "suicide", r"\bme suicider|\bsuicidaire|envie de mourir|veux mourir|\bme tuer\b|en finir|plus envie de vivre|mettre fin a mes jours|mieux sans moi|ne plus me reveiller|(un|plus un) fardeau|lettres? d'adieu|dire adieu|medicaments de cote|combien de (cachets|comprimes|medicaments)|(pont|immeuble|toit)\w* .*(haut|hauteur)|je ne serai plus la"),
    ("fr", "self_harm", r"\bscarifi|me faire du mal|\bme couper\b|\bme coupe\b|automutil|\bme mutiler|\bme brule\b|\bme bruler\b|me taillad"),
    ("fr", "harm_to_others", r"\b(vais|veux|envie de) (le |la |les )?tuer\b|envie de tuer|\bva regretter\b|j'ai tout prepare|sais ou (il|elle) habite"),
    ("fr", "in_danger", r"\bme (frappe|bat|menace|suit|harcele|touche|viole|enferme|etrangle)\b|va me tuer|pas en securite|peur de rentrer|m'a (frappe|battu|etrangle|menace)"),
    ("de", "suicide", r"umbringen|will sterben|mochte sterben|sterben wollen|nicht mehr leben|\bsuizid|selbstmord|das leben nehmen|besser ohne mich|nicht mehr aufwach|allem ein ende|will nicht mehr|(eine )?last (fur|sein)|verabschiedet|abschiedsbrief|wie viele tabletten|tabletten (gesammelt|sammeln|horten)|(brucke|hochhaus|dach)\w* .*(hoch|hohe)"),
    ("de", "self_harm", r"\britze|\britzen\b|mir (weh|wehtun|weh tun)|selbstverletz|verletze mich|schneide mich|verbrenne mich"),
    ("de", "harm_to_others", r"bringe (ihn|sie) um|(werde|will) (ihn|sie) (umbringen|toten)|nicht uberleben|weiss, wo er wohnt|weiss wo (er|sie) wohnt|messer (dabei|eingesteckt)"),
    ("de", "in_danger", r"schlagt mich|bringt mich um|droht mir|verfolgt mich|fasst mich an|missbraucht mich|hat mich (gewurgt|geschlagen|bedroht|eingesperrt)|nicht sicher (zu hause|daheim)|angst nach hause"),
    ("pt", "suicide", r"\bme matar\b|quero morrer|\bsuicidio|\bsuicidar|nao quero mais viver|acabar com tudo|tirar (a )?minha (propria )?vida|melhor sem mim|nao acordar|(um )?peso (pra|para) (ninguem|todos)|cartas? de despedida|dei (todas )?as minhas coisas|(ponte|predio)\w* .*(alt[ao])|vontade de morrer|quantos comprimidos"),
    ("pt", "self_harm", r"\bme cortar\b|\bme corto\b|\bme cortei\b|me machucar|automutila|me ferir|me queimar|me queimei"),
    ("pt", "harm_to_others", r"\bvou matar\b|vou mata-l|\bnao vai ver o proximo\b|sei onde ele (mora|trabalha)|sei onde ela (mora|trabalha)"),
    ("pt", "in_danger", r"\bme (bate|bateu|ameaca|ameacou|persegue|perseguindo|toca|tocou|estupr)\w*|vai me matar|abusa de mim|nao estou segur[ao]|medo de voltar pra casa|esta me perseguindo"),
]

#: Weapons and plans in other languages (stems, accents removed).
FOREIGN_CRISIS_REGEX += [
    ("es", "suicide", r"no quiero seguir aqui|juntando pastillas|que (la|lo|me) perdon\w+|(este|el) finde es el momento|ya no estare"),
    ("es", "self_harm", r"manga larga .*(sabes|calor|grados)|me (hice|hago) (cortes|heridas)"),
    ("es", "harm_to_others", r"\b(cuchillo|navaja|pistola|arma)\b.*(arreglar|matar|pagar|serio|cole|escuela|trabajo)|arreglar cuentas|hacer(le|les)? pagar"),
    ("es", "in_danger", r"no me deja salir|me quito el (celular|movil|telefono)|me encierra|a escondidas"),
    ("fr", "suicide", r"(de quelle|quelle) hauteur .*(sauter|tomber)|sauter .*(ne pas se rater|pont|toit)|tout regle|ils seraient mieux sans moi"),
    ("fr", "self_harm", r"(ses|mes) poignets|c'est tout frais|n'arrive plus a (s'|m')arreter"),
    ("fr", "harm_to_others", r"faire payer|(pris|prendre) le couteau|\bcouteau\b.*(tuer|payer|ce soir)|ne se releve plus|j'ai failli le faire"),
    ("fr", "in_danger", r"l'enferme|m'enferme|lui prend son argent|a peur de (lui|rentrer)|me prend (mon|mes) (argent|telephone|cles)"),
    ("de", "suicide", r"ohne mich .*besser dran|alles geregelt|kommt zu meiner schwester|nicht mehr da sein"),
    ("de", "self_harm", r"geritzt|\bklinge\b|schneide mich|mich (wieder )?verletzt"),
    ("de", "harm_to_others", r"bring\w* .* um\b|\b(axt|messer|waffe|pistole)\b.*(bereit|dabei|mitnehmen|um\b)|zundet .* an"),
    ("de", "in_danger", r"kontrolliert mein handy|bringt er mich um|dann tut es weh|schlagt (mich|uns)|sperrt mich ein"),
    ("pt", "suicide", r"nao (quero|aguento) mais (ficar|estar) aqui|juntando (remedios|comprimidos)|me despedi de todos"),
    ("pt", "self_harm", r"me cort\w*|\blamina\b"),
    ("pt", "harm_to_others", r"acabar com a vida (daquele|dele|dela|desse)|comprei a arma|\b(canivete|faca|arma|revolver)\b.*(escola|matar|dar um jeito|hoje)|dar um jeito n(o|a|ele|ela)"),
    ("pt", "in_danger", r"trancou a porta|pegou o celular|nao me deixa sair|me tranca|me espanca"),
]

#: Broader forms, by grammar rather than by phrase: a verb of violence with a
#: first-person object ("me está pegando", "m'a enfermée", "schubst mich"),
#: sleep that should not end, a plan or a place chosen, pills put aside, a
#: child describing what an adult does. Other languages get no classifier,
#: so this layer errs towards safety.
FOREIGN_CRISIS_REGEX += [
    ("es", "suicide", r"no (volver a )?despertar(me)?|dormir(me)? (para siempre|y no)|(dar|poner)(le)? (un )?fin a (todo|mi vida)|"
                      r"ya (lo )?(tengo|elegi) (todo )?(pensado|planeado|el lugar|el dia)|(no|ya no) (voy a )?estar (aqui|mas)|"
                      r"(ahorrando|guardando|juntando|escondiendo) .{0,25}(pastillas|medicamentos|pildoras)|"
                      r"(pastillas|pildoras|medicamentos) .{0,30}(suficientes|bastan|alcanzan)|desaparecer (de una vez|para siempre)"),
    ("es", "self_harm", r"me (volvi a |vuelvo a )?(cort|quem|lastim|ras(gu|c)|golpe)(o|e|ando|aba)\b|recai\w*|cuchilla|"
                        r"(marcas|cicatrices|cortes) (en|de) (mis|los) (brazos|piernas|munecas)"),
    ("es", "harm_to_others", r"va a saber quien soy|(lo|la) (tengo|tenemos) todo planeado|(ganas|impulso) de (pegar|golpear|sacudir|ahogar|lastimar)|"
                             r"le (voy a|quiero) (hacer dano|pegar|romper)|(se|va a) arrepentir"),
    ("es", "in_danger", r"\bme (esta|estan|viene|va|sigue) (pegando|golpeando|amenazando|siguiendo|persiguiendo|ahorcando|tocando)|"
                        r"me (encerre|escondi) en|(viene|entra|se mete) (a|en) mi (cuarto|cama|habitacion)|me (quito|quita) el (celular|telefono|movil)|"
                        r"si (se lo )?cuento .{0,30}(matar|pegar|hacer dano|lastimar)|tengo 1[0-7] anos .{0,60}(toca|pega|hace cosas|obliga)|"
                        r"(apunto|apunta) con (un|una|el|la) (arma|pistola|cuchillo)|me (empuj|estrangul|ahorc)\w*"),
    ("fr", "suicide", r"(ne )?plus (jamais )?me reveiller|m'endormir (pour toujours|et ne plus)|(mets|mis|garde|stocke|accumule)\w* de cote .{0,30}"
                      r"(somnifere|medicament|cachet|comprime)|(somniferes|cachets|comprimes|medicaments) .{0,40}(assez|suffisant)|"
                      r"(un )?poids pour (tout le monde|ma famille|les autres)|(j'ai|c'est) (choisi|decide) (le jour|la date|l'endroit)|"
                      r"plus (la|la) (demain|bientot)|disparaitre (pour de bon|definitivement)"),
    ("fr", "self_harm", r"\bme (suis |re)?(coupe|brule|griffe|tape|frappe)e?s?\b.{0,20}(bras|jambes|poignets|cuisses|sang)|rechute|lame de rasoir|"
                        r"cacher (mes|les) (cicatrices|marques|coupures)"),
    ("fr", "harm_to_others", r"envie de (frapper|secouer|etrangler|taper|noyer) (mon|ma|le|la)|failli (le|la) (secouer|frapper|etrangler)|"
                             r"(il|elle) va (le )?(payer|regretter)|l'attendre devant (chez|son)"),
    ("fr", "in_danger", r"m'a (enferme|frappe|battu|menace|viole|pousse|etrangle|pris mon telephone)\w*|(saura|sait) ou (me trouver|j'habite)|"
                        r"m'attend (devant|en bas)|vient dans (ma chambre|mon lit)|(dans ma chambre|la nuit) .{0,30}(beau-pere|oncle|pere)|"
                        r"me (suit|suivait) depuis|j'ai 1[0-7] ans .{0,60}(touche|frappe|croit pas)"),
    ("de", "suicide", r"nicht mehr (auf)?wachen|fur immer (schlafen|einschlafen)|(tabletten|pillen|medikamente) .{0,40}(gesammelt|gehortet|reichen|genug)|"
                      r"(tag|datum|ort) (schon )?(ausgesucht|gewahlt|festgelegt)|nicht mehr (hier|da) sein|allen zur last"),
    ("de", "self_harm", r"(wieder|ruckfall) .{0,20}(geritzt|geschnitten|verbrannt)|mich (selbst )?(geschnitten|verbrannt|geschlagen)|narben (verstecken|verdecken)"),
    ("de", "harm_to_others", r"wird (schon )?sehen,? was (sie|er) davon hat|warte ich (vor|auf) (ihr|ihm|ihrer|seiner|ihrem|seinem)|"
                             r"(lust|drang) (ihn|sie|es|das baby) zu (schlagen|schutteln|wurgen)|(ihn|sie) (fertig|kalt) machen"),
    ("de", "in_danger", r"(schubst|stosst|wurgt|tritt|bedroht|beruhrt|vergewaltigt|sperrt|schlagt) mich|(er|sie) mich findet|"
                        r"nimmt mir .{0,30}(geld|rente|handy) weg|klopft .{0,30}an (meine|die) tur|hat mich (eingesperrt|geschubst|gewurgt|angefasst)|"
                        r"bin 1[0-7] .{0,60}(fasst|schlagt|kommt nachts)"),
    ("pt", "suicide", r"dar (um )?fim (em|a|na) (tudo|minha vida)|(ja )?escolhi o (lugar|dia)|(so|sou) um peso|"
                      r"melhor (quando|se) eu nao (estiver|existir)|nao (vou )?estar mais aqui|dormir e nao acordar|"
                      r"(guardando|juntando|escondendo) .{0,25}(remedios|comprimidos|pilulas)"),
    ("pt", "self_harm", r"(recai|voltei a me (cortar|machucar|queimar))|escond\w* (as )?(marcas|cicatrizes|cortes)|gilete"),
    ("pt", "harm_to_others", r"(vontade|impulso) de (bater|sacudir|machucar|sufocar) (no|na|o|a|meu|minha)|(ele|ela) vai (pagar|se arrepender)"),
    ("pt", "in_danger", r"apontou (a|uma) (arma|faca)|da proxima vez nao erra|faz coisas comigo|se eu contar .{0,40}(machuca|mata|bate)|"
                        r"me (esta|ta) (batendo|ameacando|seguindo|perseguindo)|tenho 1[0-7] anos .{0,60}(toca|bate|faz coisas)|"
                        r"(me )?(empurrou|enforcou|sufocou)( me)?"),
]


FOREIGN_CRISIS_REGEX += [
    ("es", "suicide", r"(guardadas|guardado|guardo) (las |unas )?(pastillas|pildoras)|me las tomo todas|tomarme todas las"),
    ("fr", "harm_to_others", r"couteau .{0,40}dans mon sac|(mis|pris) (le|un) couteau"),
    ("pt", "harm_to_others", r"acabo com (ele|ela)|deixei a faca"),
    ("de", "in_danger", r"\bumbringt\b|bringt uns (alle )?um|hat (mama|mutti|meine mutter) (geschlagen|verprugelt)|ich bin im schrank"),
    ("pt", "in_danger", r"entra no meu quarto (de|a) noite|se eu contar ele"),
    ("de", "suicide", r"das leben (zu )?nehmen|leben (zu )?beenden"),
    ("pt", "suicide", r"sumir (pra|para) sempre|separei (os|uns) (comprimidos|remedios)"),
    ("es", "self_harm", r"esconder (las |mis )?(marcas|cicatrices|cortes)|sin comer porque no (me lo )?merezco"),
    ("fr", "self_harm", r"(achete|rachete) des lames"),
    ("de", "self_harm", r"(monaten|wochen|jahren|tagen) clean .{0,40}wieder angefangen|wieder angefangen .{0,40}\barm\b"),
    ("fr", "harm_to_others", r"achete (une arme|un pistolet|un fusil|un couteau)"),
    ("de", "harm_to_others", r"treppe (runter|hinunter)(zu)?(stossen|schubsen)|(runter|hinunter)zu(stossen|schubsen)"),
    ("fr", "in_danger", r"(mis|verse) (quelque chose|un truc) dans mon verre|drogue (mon verre|ma boisson)"),
    ("pt", "in_danger", r"\bme seguindo\b|me persegu"),
    ("fr", "suicide", r"plus envie d'etre (la|ici)|(ecrit|laisse) des lettres (pour|a) (ma|mes|mon)"),
    ("pt", "suicide", r"pular (da|de uma|do|de um) (ponte|predio|janela|penhasco|viaduto)|pensei em como fazer"),
    ("fr", "self_harm", r"me suis (encore |de nouveau )?(brule|coupe|griffe|scarifie)e?"),
    ("fr", "harm_to_others", r"envie de (lui|leur) faire (vraiment )?(du )?mal"),
    ("de", "harm_to_others", r"(messer|waffe|pistole|axt) gekauft|wird('s| es) (noch )?bereuen"),
]

#: A foreign crisis match right after one of these (within a few words) is an
#: explicit negation: "no es que quiera morirme", "ich bin nicht suizidal".
FOREIGN_NEGATION_REGEX = (
    r"(\bno es que\b|\bno soy\b|\bno estoy\b|\bno tengo\b|\bsin\b|\bnicht\b|\bkein\w*\b|\bohne\b|\bne suis pas\b|"
    r"\bpas\b|\bsans\b|\bjamais\b|\bnunca\b|\bsem\b|\bnao (sou|estou|e que|quero|tenho)\b)[^.!?]{0,25}$"
    r"|\b(nao|no|ne|nicht|kein|jamais|nunca)\s+$"
)

#: A crisis phrase someone asked about, and the person said no ("Ma psy m'a
#: demandé si j'avais des idées suicidaires. Je n'en ai pas du tout"): the
#: question must come just before the phrase and the "no" just after it.
FOREIGN_ASKED_REGEX = r"\b(pregunt\w*|demand\w*|fragt\w*|gefragt|pergunt\w*|questionnaire|cuestionario|fragebogen)\b[^.!?]{0,40}$"
FOREIGN_DENIED_REGEX = (
    r"^\w*\W{0,3}(ich habe keine|habe ich keine|keine|nein|nie|je n'en ai pas|je n'ai pas|non|pas du tout|aucune?|"
    r"no tengo|no,|nunca|ninguna?|nao tenho|nao,|nenhuma?|jamais)(?!\w)"
)

#: Foreign hyperbole that sounds like a threat ("meu chefe vai me matar se eu
#: chegar atrasado", "vou matar aula", "me coupe la parole"): a danger match
#: that overlaps one of these is not taken.
FOREIGN_IDIOM_REGEX = (
    r"\b(chefe|jefe|chef|boss|mae|madre|mere|mutter|mama|profe|prof|professeur|lehrer|terapeuta|psy)\b.{0,20}"
    r"(vai me matar|me va a matar|va a matarme|me mata con|me (tue|tuent) avec|va me tuer|bringt mich (noch )?um)"
    r"|\b(ce boulot|ce travail|diese prufung|dieser job|este trabajo|esse trabalho)\b.{0,12}(me tue|bringt mich|me mata)"
    r"|\bmatar (a )?(aula|o tempo|el tiempo|tempo|saudade|la sed|a sede|el hambre|a fome)"
    r"|(einsatz|anruf|notruf|fall) nach einem (suizid|selbstmord)"
    r"|\btuer le temps|\bme coupe la parole|\bme (mata|matan|esta matando|ta matando) (de|con) (risa|rir|tarea|trabajo|calor)"
)
