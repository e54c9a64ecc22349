"""The numpy all-MiniLM-L6-v2 encoder: refuses files that are not the pinned ones, and embeds well.

build/minilm is made by `make` (python -m bot.understanding.sentence_encoder) before the tests run.
"""
from __future__ import annotations

import os
import shutil
import zipfile

import numpy as np
import pytest

from bot.understanding.sentence_encoder import (
    DIMENSION,
    MODEL_DIR,
    ModelIntegrityError,
    SentenceEncoder,
    default_encoder,
    install,
)

FILES = ("model.safetensors", "tokenizer.json", "config.json")


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return default_encoder()


def cosine(encoder: SentenceEncoder, a: str, b: str) -> float:
    first, second = encoder.encode([a, b])
    return float(first @ second)


def model_copy(tmp_path):
    """A copy of build/minilm whose small files can be edited (the weights are linked, not copied)."""
    copy = tmp_path / "minilm"
    copy.mkdir()
    os.symlink(MODEL_DIR / "model.safetensors", copy / "model.safetensors")
    for name in ("tokenizer.json", "config.json"):
        shutil.copy(MODEL_DIR / name, copy / name)
    return copy


def test_the_installed_files_load(tmp_path):
    assert SentenceEncoder(model_copy(tmp_path)).encode(["hello"]).shape == (1, DIMENSION)


def test_a_config_with_one_byte_flipped_is_refused(tmp_path):
    copy = model_copy(tmp_path)
    data = bytearray((copy / "config.json").read_bytes())
    at = data.index(b"384")
    data[at] = ord("2")  # hidden_size 284
    (copy / "config.json").write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="config.json"):
        SentenceEncoder(copy)


def test_a_tokenizer_with_one_byte_appended_is_refused(tmp_path):
    copy = model_copy(tmp_path)
    with open(copy / "tokenizer.json", "ab") as handle:
        handle.write(b" ")
    with pytest.raises(ModelIntegrityError, match="tokenizer.json"):
        SentenceEncoder(copy)


def test_a_missing_file_is_refused_with_the_command_that_restores_it(tmp_path):
    copy = model_copy(tmp_path)
    (copy / "config.json").unlink()
    with pytest.raises(ModelIntegrityError, match="python -m bot.understanding.sentence_encoder"):
        SentenceEncoder(copy)


def test_install_copies_the_official_files_once(tmp_path):
    target = install(tmp_path / "fresh")
    for name in FILES:
        assert (target / name).read_bytes() == (MODEL_DIR / name).read_bytes()
    before = {name: (target / name).stat().st_mtime_ns for name in FILES}
    install(target)
    assert {name: (target / name).stat().st_mtime_ns for name in FILES} == before


def test_install_restores_a_tampered_file(tmp_path):
    target = install(tmp_path / "fresh")
    (target / "config.json").write_text("{}")
    install(target)
    assert (target / "config.json").read_bytes() == (MODEL_DIR / "config.json").read_bytes()


def test_install_refuses_a_package_whose_files_are_not_the_official_ones(tmp_path, monkeypatch):
    # a look-alike package first on sys.path, its model.zip holding other files
    package = tmp_path / "site" / "all_minilm_l6_v2"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    with zipfile.ZipFile(package / "model.zip", "w") as archive:
        archive.writestr("config.json", (MODEL_DIR / "config.json").read_bytes())
        archive.writestr("tokenizer.json", (MODEL_DIR / "tokenizer.json").read_bytes() + b"\n")
        archive.writestr("model.safetensors", b"not the weights")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    target = tmp_path / "out"
    with pytest.raises(ModelIntegrityError):
        install(target)
    assert not target.exists() or not any(target.iterdir())


def test_embeddings_are_384_d_unit_vectors(encoder):
    vectors = encoder.encode(["I don't trust my therapist any more", "ok", "", "Wie geht's?"])
    assert vectors.shape == (4, DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(encoder):
    assert encoder.encode([]).shape == (0, DIMENSION)


def test_padding_does_not_change_a_sentence(encoder):
    short = "my therapist laughed at me"
    long = ("I have been seeing the same therapist for almost three years now and lately every session "
            "feels like she is somewhere else, checking the clock, forgetting what I told her last week, "
            "and I cannot tell whether this is a rough patch we could talk about or a sign to leave.")
    alone = encoder.encode([short])[0]
    together = encoder.encode([long, short, "ok"])
    np.testing.assert_allclose(together[1], alone, atol=1e-4)
    np.testing.assert_allclose(together[0], encoder.encode([long])[0], atol=1e-4)


def test_order_and_batch_size_do_not_change_the_embeddings(encoder):
    texts = [f"session {i}: " + "she keeps cancelling " * (i % 5) for i in range(9)]
    np.testing.assert_allclose(encoder.encode(texts, batch_size=2), encoder.encode(texts[::-1])[::-1], atol=1e-4)


@pytest.mark.parametrize("text, paraphrase, unrelated", [
    ("how do I complain about my therapist", "where can I report a counsellor", "what is CBT"),
    ("my therapist touched me inappropriately", "my counsellor made unwanted physical contact",
     "how much does a session cost"),
    ("I feel like my therapist does not listen to me", "my counsellor never seems to hear what I say",
     "can I get therapy online"),
    ("my therapist keeps cancelling our sessions", "my counsellor keeps calling off our appointments",
     "is it normal to cry in therapy"),
])
def test_paraphrases_are_closer_than_unrelated_questions(encoder, text, paraphrase, unrelated):
    assert cosine(encoder, text, paraphrase) > cosine(encoder, text, unrelated)


def test_known_values_of_the_official_model(encoder):
    assert 0.5 < cosine(encoder, "A man is eating food.", "A man is eating a piece of bread.") < 0.95
    assert cosine(encoder, "A man is eating food.", "The girl is carrying a baby.") < 0.2


def test_a_long_text_is_truncated_not_refused(encoder):
    text = ("After every session I leave feeling smaller than when I came in, and I keep wondering "
            "whether that is part of the work or a sign that something is wrong. ") * 14
    assert len(text) > 2000
    assert len(encoder.token_ids([text])[0]) == 256
    vector = encoder.encode([text])
    assert vector.shape == (1, DIMENSION)
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
    # what lies past the 256th word piece does not count
    np.testing.assert_allclose(encoder.encode([text + " Completely different ending about cats."])[0], vector[0],
                               atol=1e-5)
