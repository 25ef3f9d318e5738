"""Build tiny but real Argos Translate packages (.argosmodel) for tests and benchmarks.

Real de<->en packages cannot be downloaded here, so the loading and decoding code is exercised
against a package built the same way: a SentencePiece model, a CTranslate2 Transformer with
small random (seeded) weights and a metadata.json, zipped with one top-level folder. The
translations are gibberish by design; the plumbing around them is what gets tested.
"""

from __future__ import annotations

import io
import json
import random
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import TransformerSpec, common_spec

LANG_NAMES = {"de": "German", "en": "English"}
TARGET_PREFIXES = ("__de__", "__en__")
"""Reserved as single pieces so a package may declare one as its metadata target_prefix."""

_DE_SUBJECTS = [
    "Der Minister",
    "Die Ärztin",
    "Unser Nachbar",
    "Eine Lehrerin",
    "Das Kind",
    "Die Regierung",
    "Der Bürgermeister",
    "Die Forscherin",
    "Ein Student",
    "Die Firma",
    "Der Zug",
    "Die Stadt",
]
_DE_VERBS = [
    "besucht",
    "kritisiert",
    "erklärt",
    "verlässt",
    "begrüßt",
    "übernimmt",
    "plant",
    "untersucht",
    "beschreibt",
    "öffnet",
    "schließt",
    "unterstützt",
]
_DE_OBJECTS = [
    "den Bahnhof",
    "die Schule",
    "das neue Gesetz",
    "einen Vertrag",
    "die Brücke",
    "das Krankenhaus",
    "den Haushalt",
    "die Ausstellung",
    "ein Projekt",
    "die Grenze",
]
_DE_TAILS = [
    "am Montag",
    "trotz des Regens",
    "seit drei Jahren",
    "im Februar",
    "ohne Erfolg",
    "mit großer Mehrheit",
    "nach langer Diskussion",
    "zum ersten Mal",
    "in Berlin",
    "heute",
]
_EN_SUBJECTS = [
    "The minister",
    "The doctor",
    "Our neighbour",
    "A teacher",
    "The child",
    "The government",
    "The mayor",
    "The researcher",
    "A student",
    "The company",
    "The train",
    "The city",
]
_EN_VERBS = [
    "visits",
    "criticises",
    "explains",
    "leaves",
    "welcomes",
    "takes over",
    "plans",
    "examines",
    "describes",
    "opens",
    "closes",
    "supports",
]
_EN_OBJECTS = [
    "the station",
    "the school",
    "the new law",
    "a contract",
    "the bridge",
    "the hospital",
    "the budget",
    "the exhibition",
    "a project",
    "the border",
]
_EN_TAILS = [
    "on Monday",
    "despite the rain",
    "for three years",
    "in February",
    "without success",
    "by a large majority",
    "after a long debate",
    "for the first time",
    "in London",
    "today",
]


def generate_sentences(n: int, seed: int = 0) -> list[str]:
    """Return n template sentences, alternating German and English, numbers included."""
    rng = random.Random(seed)
    sentences = []
    for i in range(n):
        if i % 2 == 0:
            parts = (_DE_SUBJECTS, _DE_VERBS, _DE_OBJECTS, _DE_TAILS)
        else:
            parts = (_EN_SUBJECTS, _EN_VERBS, _EN_OBJECTS, _EN_TAILS)
        words = [rng.choice(p) for p in parts]
        if rng.random() < 0.3:
            words.append(f"({rng.randint(1, 2030)})")
        end = rng.choice([".", ".", ".", "!", "?"])
        sentences.append(" ".join(words) + end)
    return sentences


def train_sentencepiece(vocab_size: int = 320, seed: int = 0) -> bytes:
    """Train a small unigram SentencePiece model on generated mixed de/en text."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(generate_sentences(600, seed)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        user_defined_symbols=list(TARGET_PREFIXES),
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _fill(rng: np.random.Generator, *shape: int, scale: float = 0.2) -> np.ndarray:
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def _linear(spec: common_spec.LinearSpec, rng: np.random.Generator, out: int, inp: int) -> None:
    # Toy sizes keep the original scale (test outputs stay as they were); real sizes need
    # 1/sqrt(fan-in) so activations stay bounded and decoding behaves like a model's.
    spec.weight = _fill(rng, out, inp, scale=0.2 if inp <= 64 else inp**-0.5)
    spec.bias = _fill(rng, out, scale=0.02)


def _norm(spec: common_spec.LayerNormSpec, dim: int) -> None:
    spec.gamma = np.ones(dim, dtype=np.float32)
    spec.beta = np.zeros(dim, dtype=np.float32)


def build_ctranslate2_model(
    out_dir: Path,
    vocab: list[str],
    *,
    seed: int,
    d_model: int = 32,
    ffn: int = 64,
    num_layers: int = 1,
    num_heads: int = 2,
) -> None:
    """Write a Transformer with random weights to out_dir (model.bin etc.).

    The defaults make a 1-layer, 2-head toy for tests; benchmarks ask for Argos's real size
    (6 layers, 8 heads, d_model 512, ffn 2048) to time decoding honestly.
    """
    rng = np.random.default_rng(seed)
    spec = TransformerSpec.from_config(num_layers=num_layers, num_heads=num_heads)
    v = len(vocab)
    spec.encoder.embeddings[0].weight = _fill(rng, v, d_model)
    spec.decoder.embeddings.weight = _fill(rng, v, d_model)
    for stack in (spec.encoder, spec.decoder):
        _norm(stack.layer_norm, d_model)
        for layer in stack.layer:
            attentions = [layer.self_attention]
            if hasattr(layer, "attention"):
                attentions.append(layer.attention)
            for att in attentions:
                _norm(att.layer_norm, d_model)
                if len(att.linear) == 2:  # self-attention: fused QKV, output
                    _linear(att.linear[0], rng, 3 * d_model, d_model)
                else:  # cross-attention: query, fused KV, output
                    _linear(att.linear[0], rng, d_model, d_model)
                    _linear(att.linear[1], rng, 2 * d_model, d_model)
                _linear(att.linear[-1], rng, d_model, d_model)
            _norm(layer.ffn.layer_norm, d_model)
            _linear(layer.ffn.linear_0, rng, ffn, d_model)
            _linear(layer.ffn.linear_1, rng, d_model, ffn)
    _linear(spec.decoder.projection, rng, v, d_model)
    # Make </s> moderately likely so random outputs stop after a handful of tokens.
    spec.decoder.projection.bias[vocab.index("</s>")] = 2.0
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def build_package(
    dest_dir: Path,
    source: str,
    target: str,
    *,
    sp_model: bytes | None = None,
    seed: int = 0,
    package_version: str = "0.1",
    target_prefix: str = "",
    model_size: dict | None = None,
) -> Path:
    """Build translate-{source}_{target}-{version}.argosmodel in dest_dir and return its path.

    ``model_size`` passes d_model, ffn, num_layers and num_heads to the model builder.
    """
    sp_model = sp_model if sp_model is not None else train_sentencepiece()
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    folder = f"translate-{source}_{target}-{package_version.replace('.', '_')}"
    metadata = {
        "package_version": package_version,
        "argos_version": "1.11",
        "from_code": source,
        "from_name": LANG_NAMES.get(source, source),
        "to_code": target,
        "to_name": LANG_NAMES.get(target, target),
        "code": f"translate-{source}_{target}",
        "type": "translate",
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    dest_dir.mkdir(parents=True, exist_ok=True)
    archive = dest_dir / f"{folder}.argosmodel"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / folder
        build_ctranslate2_model(root / "model", vocab, seed=seed, **(model_size or {}))
        (root / "sentencepiece.model").write_bytes(sp_model)
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text("Tiny random test model; output is gibberish.\n")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(Path(tmp)).as_posix())
    return archive


def build_pair(dest_dir: Path) -> dict[tuple[str, str], Path]:
    """Build de->en and en->de packages sharing one SentencePiece model (as real ones may)."""
    sp_model = train_sentencepiece()
    return {
        ("de", "en"): build_package(dest_dir, "de", "en", sp_model=sp_model, seed=1),
        ("en", "de"): build_package(dest_dir, "en", "de", sp_model=sp_model, seed=2),
    }
