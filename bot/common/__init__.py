"""What every layer may use: the settings, the curated facts and pseudonyms for the logs.

``settings`` loads ``.env`` and knows the project's root and the servers'
settings; ``resources`` is the one reader of the curated facts in
``data/resources/`` (crisis lines, reporting bodies, directories, country
names), which the safety decision, the NLG and the actions all use;
``privacy_log`` turns a sender id into the keyed pseudonym the logs show. It
is the bottom layer: it may import no other bot package, and any of them may
import it.
"""
