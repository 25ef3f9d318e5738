"""Shared morphology: one HanTa tagger per language, loaded once, results cached per sentence.

Several check families need lemmas and part-of-speech tags (finite verbs, role nouns,
idioms matched on lemmas). Tagging is the slowest step of the checks (~4k tokens/s), so
every family must go through :func:`tag` and share its cache instead of tagging again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.lang.caching import SENTENCES, WORD_FORMS
from mtaudit.lang.tokens import Token

_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
_lock = threading.Lock()
MAX_WORD_CHARS = 64
"""HanTa's morphological analysis grows faster than linearly with a word's length; longer
tokens (no real word is: German's longest dictionary words have about 60 letters) are not
analysed but tagged as non-words, so one garbage token cannot stall an audit."""
_NON_WORD = {"de": "XY", "en": "UNC"}
_STAND_IN = "X"


@dataclass(frozen=True)
class Tagged:
    """A word with its lemma and tag: STTS for German (``VV(FIN)``), CLAWS for English."""

    text: str
    start: int
    end: int
    lemma: str
    pos: str


@lru_cache(maxsize=2)
def tagger(lang: str):
    """The HanTa tagger for ``lang`` ("de" or "en"); loading takes about 0.2 s.

    HanTa analyses every word form afresh in every sentence; its per-word analyses
    (``_tag_word``: tag probabilities, ``_analyze``: the lemma for a tag) are pure functions
    of the form, so they are memoised per form. Results are identical; a 4,000-sentence
    German sample tags 22% faster cold and 14x faster for forms seen before.
    ``analyze_forward``, the morphological analysis of a form HanTa's lexicon lacks (0.6 ms),
    is memoised per lower-cased form too, for a document's worth of forms: the sentence
    tagger and the word look-ups of :mod:`mtaudit.lang.lexicon` call ``_tag_word`` with
    other arguments for the same form (a quarter of the analyses of a German news sample
    were repeats).
    """
    from HanTa import HanoverTagger

    model = HanoverTagger.HanoverTagger(_MODELS[lang])
    model.analyze_forward = lru_cache(maxsize=SENTENCES)(model.analyze_forward)
    model._tag_word = lru_cache(maxsize=WORD_FORMS)(model._tag_word)
    model._analyze = lru_cache(maxsize=WORD_FORMS)(model._analyze)
    return model


@lru_cache(maxsize=SENTENCES)
def _tag_words(lang: str, words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    long = {i for i, w in enumerate(words) if len(w) > MAX_WORD_CHARS}
    plain = [_STAND_IN if i in long else w for i, w in enumerate(words)]
    with _lock:
        tagged = tagger(lang).tag_sent(plain, taglevel=1)
    return tuple(
        (words[i], _NON_WORD[lang]) if i in long else (lemma, pos)
        for i, (_, lemma, pos) in enumerate(tagged)
    )


def tag(tokens: list[Token], lang: str) -> list[Tagged]:
    """Lemma and POS for each token (pass words and punctuation: the tagger uses both)."""
    if not tokens or lang not in _MODELS:
        return []
    return list(_tagged(lang, tuple(tokens)))


@lru_cache(maxsize=SENTENCES)  # the checks ask for one sentence's tags about 25 times
def _tagged(lang: str, tokens: tuple[Token, ...]) -> tuple[Tagged, ...]:
    tagged = _tag_words(lang, tuple(t.text for t in tokens))
    return tuple(
        Tagged(t.text, t.start, t.end, lemma, pos)
        for t, (lemma, pos) in zip(tokens, tagged, strict=True)
    )


def is_finite_verb(item: Tagged, lang: str) -> bool:
    """True for a finite verb form: STTS ``V?(FIN)``/``V?(IMP)``, CLAWS VBZ/VVD/VM0 and kin."""
    if lang == "de":
        return item.pos.startswith("V") and ("FIN" in item.pos or "IMP" in item.pos)
    return item.pos in {
        "VBB",
        "VBD",
        "VBZ",
        "VDB",
        "VDD",
        "VDZ",
        "VHB",
        "VHD",
        "VHZ",
        "VM0",
        "VVB",
        "VVD",
        "VVZ",
    }
