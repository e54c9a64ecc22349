"""Build the blank English spaCy pipeline that Rasa's SpacyNLP loads.

No pretrained spaCy pipeline for spaCy 3.4 may be downloaded here, so we build
the one we need from parts on the package index: the English tokenizer and
the lookup lemmatizer whose tables come from spacy-lookups-data. It is saved
to disk and named by path in config.yml.
"""
from __future__ import annotations

import sys
from pathlib import Path

import spacy

DEFAULT_PATH = Path("build/spacy/en_alliance")


def build(path: Path = DEFAULT_PATH) -> Path:
    """Create and save the pipeline; returns where it was saved."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "en_alliance"
    nlp.meta["description"] = "Blank English tokenizer with lookup lemmas for Alliance."
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH))
