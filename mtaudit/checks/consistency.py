"""Name consistency (CONSIST-NAME-*): one name spelled two ways in one document.

MT transliterates the same foreign name differently from sentence to sentence
("Gorbachev" / "Gorbatschow", "Khrushchev" / "Khrushchov"). Spellings are compared after a
transliteration-aware normalisation (German "tsch"/"w"/"j" vs English "ch"/"v"/"y"), so only
variants of one sound pattern meet; inflected forms ("Merkels"), two distinct common words and
common nouns (german-nouns table, or words the document also writes in lower case) are not
variants: "Amtskollegin" / "Amtskollegen" are two forms of a noun, not two spellings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations

from mtaudit.checks.base import Check, DocumentView, Finding, register
from mtaudit.lang.caching import WORD_FORMS
from mtaudit.lang.frequency import zipf_frequency
from mtaudit.lang.german import noun_readings, noun_table

_NAME = re.compile(r"\b[A-ZÄÖÜ][a-zäöüßéèáíóúç]{3,}(?:['’]s)?\b")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zäöüß][a-zäöüßéèáíóúç]{3,}\b")
_RULES = [  # order matters: longest German clusters first
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("dsh", "j"),
    ("dzh", "j"),
    ("zh", "j"),
    ("ck", "k"),
    ("ph", "f"),
    ("ou", "u"),
    ("ij", "i"),
    ("yj", "i"),
    ("iy", "i"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("ä", "a"),
    ("ö", "o"),
    ("ü", "u"),
    ("ue", "u"),
    ("ß", "ss"),
    ("é", "e"),
    ("è", "e"),
    ("á", "a"),
    ("í", "i"),
    ("ó", "o"),
    ("ú", "u"),
    ("ç", "c"),
]
_INFLECTION = ("s", "es", "e", "en", "er", "n", "ern", "ns", "ische", "ischen")
_COMMON_WORD = 3.5


@lru_cache(maxsize=WORD_FORMS)
def normalise(name: str) -> str:
    """Collapse spelling differences that transliteration systems disagree on."""
    out = name.lower()
    for a, b in _RULES:
        out = out.replace(a, b)
    out = re.sub(r"i+", "i", out)
    out = re.sub(r"(.)\1", r"\1", out)
    return re.sub(r"(ov|ev|ow|ew|of|ef)$", "ov", out)


def _base(token: str) -> str:
    return re.sub(r"['’]s$", "", token)


def _stems(spots: dict[str, list]) -> list[tuple[str, str]]:
    """(name, stem) for each name that is an inflected form of a shorter name of ``spots``
    (longest names first; the stem is the first such name met in the text), as the name
    folds into it: a name folded away is no stem for a later one.

    Looks up the few stems a name's inflection endings allow instead of comparing it with
    every other name, which made long documents quadratic.
    """
    order = {n: i for i, n in enumerate(spots)}
    by_lower: dict[str, list[str]] = defaultdict(list)
    for n in spots:
        by_lower[n.lower()].append(n)
    left, out = set(spots), []
    for name in sorted(spots, key=len, reverse=True):
        low = name.lower()
        candidates = [
            n
            for ending in _INFLECTION
            if low.endswith(ending)
            for n in by_lower.get(low[: -len(ending)], ())
            if n in left and len(n) < len(name) and _inflected(n, name)
        ]
        if candidates:
            out.append((name, min(candidates, key=order.__getitem__)))
            left.discard(name)
    return out


def _inflected(a: str, b: str) -> bool:
    short, long_ = sorted((a.lower(), b.lower()), key=len)
    return long_.startswith(short) and long_[len(short) :] in _INFLECTION


@lru_cache(maxsize=WORD_FORMS)
def _zipf(word: str, lang: str) -> float:
    return zipf_frequency(word.lower(), lang)


def _one_edit_apart(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1, in linear time (all this check needs)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


_NAME_KINDS = {"Vorname", "Nachname", "Toponym", "Eigenname"}


@lru_cache(maxsize=WORD_FORMS)
def common_noun(word: str, lang: str) -> bool:
    """A German common noun, not a name: a form the german-nouns table lists under an entry
    that is no first name, surname or place (Passagiere, Algerier), or a compound whose tail
    of five letters or more it knows (Amtskollegin, Steuerbeamter)."""
    if lang != "de":
        return False
    entries = noun_table()[word]
    if entries:
        return any(not _NAME_KINDS & set(e.get("pos") or ()) for e in entries)
    # a tail of five letters or more: "-berg", "-gram" are too short to tell a name apart
    return any(noun_readings(word[cut:].capitalize()) for cut in range(3, len(word) - 4))


def variants(a: str, b: str, lang: str, lowercase: frozenset[str] = frozenset()) -> bool:
    """True when two capitalised words look like two spellings of one name.

    Only names have spellings: a word the document also writes in lower case, or a German
    common noun (any of its forms: Amtskollegin/Amtskollegen, Passagiers/Passagiere), is
    vocabulary, and two forms of it are inflection, not two spellings."""
    if a == b or _inflected(a, b):
        return False
    if {a.lower(), b.lower()} & lowercase or common_noun(a, lang) or common_noun(b, lang):
        return False
    if min(_zipf(a, lang), _zipf(b, lang)) >= _COMMON_WORD:
        return False  # two ordinary words ("Hand"/"Hans"), not one name
    na, nb = normalise(a), normalise(b)
    if min(len(na), len(nb)) < 5:
        return False
    if na == nb:
        return True
    return len(na) >= 7 and na[:3] == nb[:3] and _one_edit_apart(na, nb)


@register
class NameSpelling(Check):
    id = "CONSIST-NAME-001"
    name = "name-spelled-two-ways"
    category = "Terminology/Inconsistent"
    severity = "minor"
    summary = "One name is spelled two ways in the same document."
    explanation = (
        'A reader cannot tell whether "Tschaikowski" and "Tchaikovsky" are one person. MT '
        "often switches between the German and the English transliteration of a name. Each "
        "spelling that is rarer in the document is reported against the commoner one."
    )
    bad_example = "Tschaikowski schrieb das Ballett 1876. Später dirigierte Tchaikovsky es."
    good_example = "Tschaikowski schrieb das Ballett 1876. Später dirigierte Tschaikowski es."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        spots: dict[str, list[tuple[int, int]]] = {}
        lowercase = frozenset(
            w.lower() for sent in doc.sentences for w in _LOWER_WORD.findall(sent.text)
        )
        for sent in doc.sentences:
            for m in _NAME.finditer(sent.text):
                name = _base(m.group())
                spots.setdefault(name, []).append((sent.start + m.start(), sent.start + m.end()))
        for name, stem in _stems(spots):  # "Gorbatschows" counts as "Gorbatschow"
            spots[stem].extend(spots.pop(name))
        counts = Counter({name: len(v) for name, v in spots.items()})
        reported: set[str] = set()
        # Variants share their first three normalised letters: compare within those groups
        # only, so long documents stay linear instead of comparing every pair of names.
        groups: dict[str, list[str]] = defaultdict(list)
        for name in sorted(spots):
            groups[normalise(name)[:3]].append(name)
        pairs = (p for group in groups.values() for p in combinations(group, 2))
        for a, b in sorted(pairs):
            if not variants(a, b, doc.lang, lowercase):
                continue
            major, minor = sorted((a, b), key=lambda n: (-counts[n], spots[n][0]))
            if minor in reported:
                continue
            reported.add(minor)
            for start, end in spots[minor]:
                yield self.finding(
                    f'"{minor}" and "{major}" look like two spellings of one name', start, end
                )
