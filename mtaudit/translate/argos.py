"""Translator backend on an installed Argos Translate package, driven through CTranslate2 directly.

argostranslate's own ``translate()`` splits text with MiniSBD/stanza models that it downloads
at first use; mtaudit already segments sentences, so it feeds the package's CTranslate2 model
and SentencePiece tokenizer itself, in length-sorted batches, with bounded decoding length.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import ctranslate2
import sentencepiece

from mtaudit.translate.base import ModelMissing, Translation, Translator
from mtaudit.translate.models import installed_packages, packages_dir, version_key

if TYPE_CHECKING:
    from argostranslate.package import Package

    from mtaudit.translate.cache import TranslationCache

log = logging.getLogger(__name__)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _file_digest(path: Path) -> str:
    """Short sha256 of a model file, remembered by (size, mtime) in the cache folder.

    Hashing a real model (~100 MB) costs a noticeable part of a cached re-audit, and the
    digest only changes when the file does.
    """
    from mtaudit.translate.cache import default_cache_dir

    stat = path.stat()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    memo_path = default_cache_dir() / "model-digests.json"
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    if key in memo:
        return memo[key]
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    memo[key] = digest.hexdigest()[:12]
    try:
        memo_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo_path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo), encoding="utf-8")
        os.replace(tmp, memo_path)
    except OSError as exc:  # a memo is an optimisation, never a failure
        log.debug("cannot remember model digest: %s", exc)
    return memo[key]


class ArgosTranslator:
    """One direction of one installed Argos package (implements the Translator protocol).

    Inputs longer than ``max_input_tokens`` SentencePiece tokens are truncated rather than
    rejected; ``truncated`` counts how many inputs were cut so callers can report it.
    """

    def __init__(
        self,
        package: Package | str | Path,
        *,
        beam_size: int = 2,
        max_batch_size: int = 32,
        max_input_tokens: int = 400,
        intra_threads: int | None = None,
    ) -> None:
        if isinstance(package, (str, Path)):
            from argostranslate.package import Package

            package = Package(Path(package))
        path = Path(package.package_path)
        self.package_path = path
        self.source: str = package.from_code
        self.target: str = package.to_code
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.max_input_tokens = max_input_tokens
        self.truncated = 0
        self.target_prefix: list[str] = (
            [package.target_prefix] if getattr(package, "target_prefix", "") else []
        )
        name = package.code or f"translate-{self.source}_{self.target}"
        # Decoding settings change outputs, so they belong in the cache identity too.
        self.model_id: str = (
            f"argos:{name}:{package.package_version or '0'}:"
            f"{_file_digest(path / 'model' / 'model.bin')}:b{beam_size}:t{max_input_tokens}"
        )
        self._sp = sentencepiece.SentencePieceProcessor(
            model_file=str(path / "sentencepiece.model")
        )
        self._intra_threads = intra_threads or _cores()

    @cached_property
    def _model(self) -> ctranslate2.Translator:
        """Loaded on first use: a fully cached re-audit never pays for loading the model."""
        return ctranslate2.Translator(
            str(self.package_path / "model"),
            device="cpu",
            compute_type="auto",
            inter_threads=1,
            intra_threads=self._intra_threads,
        )

    def __repr__(self) -> str:
        return f"ArgosTranslator({self.model_id!r})"

    def _encode(self, texts: Sequence[str]) -> list[list[str]]:
        """Tokenize; cut overlong inputs to max_input_tokens and count them."""
        encoded = self._sp.encode(list(texts), out_type=str)
        cut = 0
        for i, tokens in enumerate(encoded):
            if len(tokens) > self.max_input_tokens:
                encoded[i] = tokens[: self.max_input_tokens]
                cut += 1
        if cut:
            self.truncated += cut
            log.warning(
                "%s: truncated %d input(s) to %d tokens", self.model_id, cut, self.max_input_tokens
            )
        return encoded

    def _decode(self, tokens: list[str]) -> str:
        n = len(self.target_prefix)
        if n and tokens[:n] == self.target_prefix:
            tokens = tokens[n:]
        return self._sp.decode_pieces(tokens).strip()

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Indices grouped by similar length, so each batch gets its own decoding bound."""
        order = sorted(range(len(lengths)), key=lengths.__getitem__)
        step = self.max_batch_size
        return [order[i : i + step] for i in range(0, len(order), step)]

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        """Translate each text as one segment; empty or blank texts give ("", 0.0)."""
        results = [Translation("", 0.0)] * len(texts)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        tokens = self._encode([texts[i] for i in todo])
        for batch in self._batches([len(t) for t in tokens]):
            source = [tokens[j] for j in batch]
            longest = max(len(t) for t in source)
            outputs = self._model.translate_batch(
                source,
                target_prefix=[self.target_prefix] * len(source) if self.target_prefix else None,
                max_batch_size=self.max_batch_size,
                beam_size=self.beam_size,
                # length_penalty=1 makes the returned score the mean log-prob per token.
                length_penalty=1.0,
                return_scores=True,
                replace_unknowns=True,
                # A degenerate model must not loop: bound the output by the input length.
                max_decoding_length=2 * longest + 10,
            )
            for j, out in zip(batch, outputs, strict=True):
                tokens_out = out.hypotheses[0]
                results[todo[j]] = Translation(
                    self._decode(tokens_out), self._mean_log_prob(out.scores[0], len(tokens_out))
                )
        return results

    def _mean_log_prob(self, score: float, hypothesis_length: int) -> float:
        """CTranslate2's score leaves the forced prefix's log-prob out of the sum but counts
        it in the length; rescale so it is the mean over generated tokens, as score() gives."""
        n = len(self.target_prefix)
        if not n:
            return float(score)
        length = hypothesis_length + 1  # the end token
        return float(score) * length / max(length - n, 1)

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """Forced decoding: mean log-prob per target token (end token included)."""
        if len(sources) != len(targets):
            raise ValueError(f"{len(sources)} sources but {len(targets)} targets")
        if not sources:
            return []
        src = self._encode(sources)
        tgt = [self.target_prefix + t for t in self._encode(targets)]
        results = self._model.score_batch(
            src, tgt, max_batch_size=self.max_batch_size, offset=len(self.target_prefix)
        )
        return [sum(r.log_probs) / len(r.log_probs) if r.log_probs else 0.0 for r in results]


def _find_package(source: str, target: str) -> Package | None:
    matches = [p for p in installed_packages() if (p.from_code, p.to_code) == (source, target)]
    return max(matches, key=lambda p: version_key(p.package_version), default=None)


def available_pairs() -> list[tuple[str, str]]:
    """Language pairs (source, target) with an installed package."""
    return sorted({(p.from_code, p.to_code) for p in installed_packages()})


def load_translator(
    source: str, target: str, *, cache: TranslationCache | None = None, beam_size: int = 2
) -> Translator:
    """The translator for source->target, cached if a cache is given; ModelMissing if none."""
    package = _find_package(source, target)
    if package is None:
        raise ModelMissing(
            f"No {source}->{target} translation model is installed (looked in {packages_dir()}). "
            f"Install one with `mtaudit models install {source} {target}` (needs internet), "
            f"or offline with `mtaudit models install FILE.argosmodel` "
            f"(e.g. translate-{source}_{target}-1_0.argosmodel copied from another machine)."
        )
    translator = ArgosTranslator(package, beam_size=beam_size)
    if cache is None:
        return translator
    from mtaudit.translate.cache import CachedTranslator

    return CachedTranslator(translator, cache)
