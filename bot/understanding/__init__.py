"""Reading a message: what it is about, how serious it is, which language it is in.

The Rasa NLU components of config.yml live here: the tf-idf intent classifier
(``intent_classifier``) and knowledge selector (``knowledge_selector``), the
safety decision (``screen_component``) with the deterministic screen it runs
(``safety_screen``; its rules are data in ``screen_rules/`` and
``screen_foreign*.yml``, loaded by ``screen_patterns``), the message cues
(``context``, ``context_cues.yml``), the language guess (``language``),
questions asked in es/fr/de/pt (``foreign_requests``), the payload guard
(``payload_guard``), the triage taxonomy every reading is named by
(``taxonomy``), and ``build_spacy``, which builds the blank spaCy pipeline
they start from. It may import ``bot.common`` only: dialogue, replies and
serve build on it, never the other way.
"""
