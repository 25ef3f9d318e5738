"""German clause structure: clause segments, their openers and where the finite verb stands.

German fixes the finite verb's position by clause type, and English does not, so word-for-word
MT breaks it in three visible ways:

* a main clause with a fronted adverb, prepositional phrase or time phrase must put the finite
  verb second ("Danach sind wir gegangen"); English keeps subject-verb ("Danach wir sind");
* a clause opened by a subordinator (dass, weil, obwohl …) or a relative pronoun puts the
  finite verb last ("weil er krank ist"); English keeps it after the subject ("weil er ist
  krank");
* a cut sentence leaves a subordinate or relative clause without any verb ("Der Bericht, den
  die Kommission am Freitag.").

The functions here find the pieces on HanTa's STTS tags: :func:`segments` cuts a sentence at
clause punctuation and names each piece's opener; :func:`subject_end` and
:func:`vorfeld_end` find a subject phrase and a fronted non-subject constituent;
:func:`v2_break` and :func:`v2_after_subclause` report a subject before the finite verb of a
main clause, :func:`verb_not_last` (strict) and :func:`late_verb_anywhere` (loose) a finite
verb before words of its subordinate clause, :func:`verbless_clauses` a subordinate or
relative clause with no verb, :func:`dangling_end` a sentence that ends on an article,
preposition or conjunction. They decide on forms only (tags, the closed class of
subordinators, noun readings from the Wiktionary table), never on meaning, and answer "not
sure" (None) rather than guess. The grammar is the standard topological field model of
German word order (Vorfeld, finite verb in the left bracket, verb-final clauses) as taught in
any reference grammar, e.g. Duden, Die Grammatik.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mtaudit.lang.german import _determiner_readings, _strong_readings, compound_readings
from mtaudit.lang.tagging import Tagged, _lock, is_finite_verb, tagger

# Subordinating conjunctions that open a verb-final clause whatever HanTa tags them ("bis" is
# often KON, "seit" APPR). Left out: "als", "wie", "da", "während", "seit", "bis", "damit",
# which are also prepositions, comparison particles or adverbs; they count only when tagged
# KOUS (see :func:`opens_subordinate`).
SUBORDINATORS = frozenset(
    {
        "dass",
        "daß",
        "weil",
        "obwohl",
        "obgleich",
        "obschon",
        "wenngleich",
        "nachdem",
        "bevor",
        "ehe",
        "sobald",
        "sofern",
        "sooft",
        "falls",
        "sodass",
        "indem",
        "ob",
        "wenn",
        "wohingegen",
    }
)
AMBIGUOUS_SUBORDINATORS = frozenset(
    {"als", "wie", "da", "während", "seit", "seitdem", "bis", "damit", "soweit", "solange"}
)
"""Subordinators that are also prepositions, particles or adverbs: trusted only as KOUS."""

# Relative and interrogative adverbs that open a verb-final clause after a comma ("…, wobei er
# betonte", "…, wo sie lebt", "…, weshalb"), and the w-pronouns of indirect questions.
W_OPENERS = frozenset(
    {
        "wo",
        "wobei",
        "wodurch",
        "womit",
        "worauf",
        "woraufhin",
        "woran",
        "worin",
        "wovon",
        "wozu",
        "wofür",
        "wogegen",
        "woher",
        "wohin",
        "weshalb",
        "weswegen",
        "warum",
        "wieso",
        "wann",
        "was",
        "wer",
        "wen",
        "wem",
        "wessen",
    }
)
# Conjunctions that stand before the first position and leave word order alone ("Aber wir
# sind gegangen", "Doch er kam nicht").
POSITION_ZERO = frozenset({"und", "oder", "aber", "denn", "sondern", "doch", "allein", "nur"})
# Nominative personal pronouns that can be a subject; "ihr" is left out (also dative and
# possessive).
NOMINATIVE_PRONOUNS = frozenset({"ich", "du", "er", "sie", "es", "wir", "man"})
# Words that modify a following subject rather than standing alone in the Vorfeld: focus
# particles and degree words ("Auch wir sind gegangen", "Fast alle Kinder kamen", "Schon
# die Römer kannten das"), and position-zero words.
SUBJECT_MODIFIERS = frozenset(
    {
        "auch",
        "nur",
        "sogar",
        "selbst",
        "noch",
        "schon",
        "bereits",
        "erst",
        "gerade",
        "eben",
        "allein",
        "besonders",
        "insbesondere",
        "vor",
        "zumindest",
        "wenigstens",
        "mindestens",
        "höchstens",
        "ausgerechnet",
        "lediglich",
        "bloß",
        "einzig",
        "ebenfalls",
        "ebenso",
        "genau",
        "ganz",
        "halb",
        "fast",
        "beinahe",
        "nahezu",
        "rund",
        "etwa",
        "ca",
        "circa",
        "knapp",
        "gut",
        "ungefähr",
        "annähernd",
        "jeweils",
        "je",
        "weder",
        "sowohl",
        "entweder",
        "vornehmlich",
        "hauptsächlich",
        "vorwiegend",
        "überwiegend",
        "ausschließlich",
        "namentlich",
        "speziell",
        "zumal",
        "so",
        "also",
        "ja",
        "nein",
        "nun",
        "außer",
        "zusammen",
        "gemeinsam",
        "sprich",
        "nämlich",
        "mehr",
        "weniger",
        "über",
        "unter",
    }
)
# Postposed adverbs that close a time phrase ("Zwei Tage später", "Kurz danach").
TIME_CLOSERS = frozenset({"später", "danach", "darauf", "zuvor", "davor", "früher", "lang"})
TIME_NOUNS = frozenset(
    {
        "Tag",
        "Tage",
        "Tages",
        "Woche",
        "Wochen",
        "Monat",
        "Monate",
        "Jahr",
        "Jahre",
        "Jahres",
        "Jahren",
        "Tagen",
        "Monaten",
        "Jahrzehnten",
        "Jahrhunderts",
        "Nachmittag",
        "Vormittag",
        "Mittag",
        "Abend",
        "Morgen",
        "Nacht",
        "Sommer",
        "Winter",
        "Herbst",
        "Frühjahr",
        "Frühling",
        "Wochenende",
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
        "Mal",
        "Stunde",
        "Stunden",
        "Minute",
        "Minuten",
        "Jahrzehnt",
        "Jahrzehnte",
        "Jahrhundert",
        "Saison",
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    }
)

_DETERMINERS = {"ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "PWAT"}
_NP_INSIDE = {"ADJ(A)", "ADJ(D)", "ADV", "CARD", "PIAT", "PIDAT", "PPOSAT", "PTKNEG"}
_PREPOSITIONS = {"APPR", "APPRART"}
_QUOTES = set("\"'„“”‚‘’«»›‹")
_BREAKS = {",", ";", ":", "–", "—", "-", "(", ")", "[", "]", "!", "?", "…"}
_RELATIVE_FORMS = {"der", "die", "das", "dem", "den", "denen", "deren", "dessen"}
_CLAUSE_END_WORDS = {"ADJ(D)", "PTKVZ", "VV(PP)", "VA(PP)", "VM(PP)", "VV(INF)", "VA(INF)"}


def is_verb(item: Tagged) -> bool:
    """Any verb form (finite, infinitive, participle, zu-infinitive)."""
    return item.pos.startswith("V")


def _is_break(items: list[Tagged], i: int) -> bool:
    """A clause break: comma, semicolon, colon, dash, bracket, ! ?, and a full stop that
    ends a sentence.

    A full stop inside a segmented sentence mostly follows an abbreviation or an ordinal
    ("am 5. Mai", "z. B."); it breaks only after a word of four or more letters that is no
    abbreviation and before a capital (a sentence end the segmenter missed).
    """
    text = items[i].text
    if text == ".":
        if all(t.text in _QUOTES or t.text in {".", ")", "]"} for t in items[i + 1 :]):
            return True
        # a sentence end the segmenter missed: "… gestrichen wird. Der Backstop …"
        prev, nxt = items[i - 1] if i else None, items[i + 1]
        return (
            prev is not None
            and prev.text.isalpha()
            and len(prev.text) >= 4
            and prev.text.lower() not in _ABBREVIATIONS
            and nxt.text[:1].isupper()
        )
    return text in _BREAKS or text == "..."


def content(tagged: list[Tagged]) -> list[Tagged]:
    """The tagged sentence without quotation marks (HanTa tags them ``$(`` or ``FM``); a title
    in quotes stays one stretch of words ("als „Rabbi“ bezeichnet")."""
    return [t for t in tagged if t.text not in _QUOTES]


@dataclass(frozen=True)
class Segment:
    """A stretch of a sentence between clause punctuation, and what opens it.

    ``kind``: "sub" (subordinator), "rel" (relative pronoun, possibly after a preposition),
    "w" (w-word after a comma), "inf" (um/ohne/statt … zu), "main" (the sentence-initial
    stretch without an opener) or "rest" (anything else: continuations, lists, parentheses).
    ``first`` is the index of the opener (the subordinator or the relative pronoun) or of the
    first word; ``start``/``end`` the item range, ``end`` the index of the break (or
    ``len(items)``); ``conj`` a position-zero conjunction before the opener.
    """

    kind: str
    start: int
    first: int
    end: int
    conj: str = ""

    def ends_sentence(self, items: list[Tagged]) -> bool:
        return self.end >= len(items) or items[self.end].text in {".", "!", "?"}

    def break_text(self, items: list[Tagged]) -> str:
        return items[self.end].text if self.end < len(items) else ""


def opens_subordinate(items: list[Tagged], i: int) -> bool:
    """True when the word at ``i`` is a subordinating conjunction in this context: one of the
    unambiguous ones, or an ambiguous one ("als", "seit", "während" …) tagged KOUS."""
    item = items[i]
    word = item.text.lower()
    if word in SUBORDINATORS:
        return item.pos in {"KOUS", "KON", "ADV", "APPR", "PWAV", "KOKOM"} or word != "ob"
    if i + 1 < len(items) and items[i + 1].pos in {"APPR", "APPRART", "CARD"}:
        return False  # "bis zum Stausee", "seit 1990": prepositions
    return word in AMBIGUOUS_SUBORDINATORS and item.pos == "KOUS"


def _opener(items: list[Tagged], start: int, end: int, after_comma: bool) -> tuple[str, int, str]:
    """(kind, index of the opener, position-zero conjunction) of the stretch [start, end)."""
    i, conj = start, ""
    if i < end and items[i].text.lower() in {"und", "oder", "aber", "sondern", "denn", "doch"}:
        conj, i = items[i].text.lower(), i + 1
    if i >= end:
        return "rest", start, conj
    item = items[i]
    if opens_subordinate(items, i):
        return "sub", i, conj
    if (  # "Als die Glocke läutete, …": a clause that ends in its finite verb
        item.text.lower() == "als"
        and start == 0
        and end < len(items)
        and items[end].text == ","
        and end - i > 2
        and is_finite_verb(items[end - 1], "de")
        and nominative_np_end(items, i + 1, end) is not None
    ):
        return "sub", i, conj
    if (
        item.text.lower() in AMBIGUOUS_SUBORDINATORS
        and i + 1 < end
        and _after_ambiguous_subject(items, item.text.lower(), i + 1, end) is not None
    ):
        return "sub", i, conj  # "während er schlief", "während wuchsen Magnolien"
    # "auch wenn", "selbst wenn", "nur weil", "kurz nachdem", "ohne dass", "so dass"
    if (
        i + 1 < end
        and item.pos in {"ADV", "ADJ(D)", "APPR", "KOUI", "PTKNEG"}
        and opens_subordinate(items, i + 1)
    ):
        return "sub", i + 1, conj
    if item.pos == "KOUI":
        return "inf", i, conj
    if after_comma and item.pos in {"PRELS", "PRELAT"}:
        return "rel", i, conj
    if after_comma and not conj and _pds_relative(items, i, end):
        return "rel", i, conj
    if (
        after_comma
        and item.pos in _PREPOSITIONS
        and i + 1 < end
        and (items[i + 1].pos in {"PRELS", "PRELAT", "PWS"} or _pds_relative(items, i + 1, end))
    ):
        return "rel", i + 1, conj
    if after_comma and item.text.lower() in W_OPENERS and item.pos in {"PWAV", "PWS", "PRELS"}:
        return "w", i, conj
    if start == 0:
        return "main", i, conj
    return "rest", i, conj


def _pds_relative(items: list[Tagged], i: int, end: int) -> bool:
    """ "…, die führte zu …": HanTa reads a relative pronoun before a finite verb as a
    demonstrative (PDS). "das" counts only right after a neuter noun: "…, das heißt …",
    "…, das entspricht 5 %" are main clauses."""
    item = items[i]
    if item.pos != "PDS" or i + 1 >= end or not is_finite_verb(items[i + 1], "de"):
        return False
    word = item.text.lower()
    if word != "das":
        return word in _RELATIVE_FORMS
    # "…, ein Enzym, das ist an … beteiligt": only after a neuter noun, not "das heißt"
    before = items[i - 2] if i >= 2 and items[i - 1].text == "," else None
    if before is None or before.pos != "NN" or items[i + 1].lemma in {"heißen", "bedeuten"}:
        return False
    genders = {g for _, n, g in compound_readings(before.text) if n == "sg"}
    return genders == {"n"}


def segments(items: list[Tagged]) -> list[Segment]:
    """Cut a sentence (quotes removed, see :func:`content`) into clause stretches.

    A stretch ends at clause punctuation; a subordinator inside a stretch ("Er sagte dass
    …", no comma) starts a new one, so each stretch has at most one opener.
    """
    out: list[Segment] = []
    start, after_comma = 0, False
    for i in range(len(items) + 1):
        if i == len(items) or _is_break(items, i):
            if i > start:
                out.extend(_split_at_subordinators(items, start, i, after_comma))
            after_comma = i < len(items) and items[i].text in {",", "(", "–", "—", "-", ";"}
            start = i + 1
    return out


def _split_at_subordinators(items, start: int, end: int, after_comma: bool) -> list[Segment]:
    kind, first, conj = _opener(items, start, end, after_comma)
    for k in range(first + 1, end):
        if items[k].pos == "KOUS" and opens_subordinate(items, k):
            cut = k
            if k - 1 > first and items[k - 1].pos in {"ADV", "APPR", "KOUI", "KON"}:
                cut = k - 1
            head = Segment(kind, start, first, cut, conj)
            return [head, *_split_at_subordinators(items, cut, end, True)]
    return [Segment(kind, start, first, end, conj)]


def _readings(det: Tagged) -> set[tuple[str, str, str]] | None:
    """Case/number/gender readings of a determiner or a quantifier ("beider", "vieler")."""
    found = _determiner_readings(det.text)
    if found is None and det.pos in {"PIAT", "PIDAT"}:
        found = _strong_readings(det.text)
    return found


def _np_case_fits(det: Tagged, noun: Tagged, case: str) -> bool | None:
    """Whether a determiner and its noun agree on a reading in ``case``; None when unknown."""
    allowed = _readings(det)
    if allowed is None:
        return None
    if not any(r[0] == case for r in allowed):
        return False
    if noun.pos != "NN":
        return None
    readings = compound_readings(noun.text)
    if not readings:
        return None
    return any(r in allowed and r[0] == case for r in readings)


def nominative_np_end(items: list[Tagged], i: int, stop: int) -> int | None:
    """Index after a noun phrase at ``i`` that can be nominative: determiner, attributes,
    noun (with names and genitive attributes after it); None when there is none or when the
    determiner and noun agree on no nominative reading ("dem Haus", "der Woche", "dieses
    Jahres")."""
    if i >= stop or items[i].pos not in _DETERMINERS:
        return None
    if items[i].text.lower() in {"deren", "dessen", "wessen"}:
        return None
    j = i + 1
    while j < stop and items[j].pos in _NP_INSIDE and j - i < 6:
        j += 1
    if j >= stop or items[j].pos not in {"NN", "NE"}:
        return None
    if _np_case_fits(items[i], items[j], "nom") is False:
        return None
    return _np_tail(items, j + 1, stop)


def _np_tail(items: list[Tagged], j: int, stop: int, *, nouns_after_names: bool = False) -> int:
    """Extend a noun phrase over names and genitive attributes ("der Rat der Stadt Wien",
    "im Laufe ihrer Entwicklung"); a genitive-capable phrase with an unknown noun counts."""
    while j < stop:
        item, prev = items[j], items[j - 1]
        if item.pos == "NE" and (prev.pos == "CARD" or prev.text in TIME_NOUNS):
            break  # "Im Jahr 2005 Harding plädierte": the name starts the next phrase
        if (
            item.pos == "NE"
            or (item.pos == "CARD" and prev.pos in {"NN", "NE"})
            or (nouns_after_names and item.pos == "NN" and prev.pos == "NE")
        ):
            j += 1
            continue
        if item.pos in _DETERMINERS:
            k = j + 1
            while k < stop and items[k].pos in _NP_INSIDE:
                k += 1
            if k < stop and items[k].pos in {"NN", "NE"}:
                fits = _np_case_fits(item, items[k], "gen")
                if fits or (fits is None and any(r[0] == "gen" for r in _readings(item) or ())):
                    j = k + 1
                    continue
        break
    return j


def _genitive_tail(items: list[Tagged], j: int, stop: int) -> int:
    """Index after a genitive phrase at ``j`` ("nördlich dieses Übergangs"), else ``j``."""
    if j < stop and items[j].pos in _DETERMINERS:
        k = j + 1
        while k < stop and items[k].pos in _NP_INSIDE:
            k += 1
        if k < stop and items[k].pos == "NN" and _np_case_fits(items[j], items[k], "gen"):
            return _np_tail(items, k + 1, stop)
    return j


def subject_end(items: list[Tagged], i: int, stop: int, *, names: bool = True) -> int | None:
    """Index after a subject phrase that starts at ``i``: a nominative personal pronoun, a
    noun phrase with a nominative reading, or (with ``names``) a run of names; else None."""
    if i >= stop:
        return None
    item = items[i]
    if item.pos == "PPER":
        return i + 1 if item.text.lower() in NOMINATIVE_PRONOUNS else None
    if item.pos == "PIS" and item.text.lower() in {"man", "jemand", "niemand"}:
        return i + 1
    if item.pos == "NE":
        if not names:
            return None
        j = i + 1
        while j < stop and items[j].pos == "NE":
            j += 1
        return _np_tail(items, j, stop)
    return nominative_np_end(items, i, stop)


def is_pronoun_subject(items: list[Tagged], i: int) -> bool:
    return items[i].pos == "PPER" and items[i].text.lower() in NOMINATIVE_PRONOUNS


def _np_end_any(items: list[Tagged], i: int, stop: int) -> int | None:
    """Index after any noun phrase (or pronoun, or number) at ``i``: the object of a
    preposition; genitive attributes and names after the noun are included."""
    if i >= stop:
        return None
    if items[i].pos in {"PPER", "PDS", "PIS", "PRF", "PPOSS"}:
        return i + 1
    j = i
    while j < stop and (items[j].pos in _DETERMINERS | _NP_INSIDE) and j - i < 7:
        j += 1
    if j < stop and items[j].pos in {"NN", "NE"}:
        return _np_tail(items, j + 1, stop, nouns_after_names=True)  # "den Galapagos Inseln"
    if j > i and items[j - 1].pos == "ADJ(A)" and items[j - 1].text[:1].isupper():
        return _np_tail(items, j, stop)  # a nominalised adjective HanTa left ADJA
    if j > i and items[j - 1].pos == "CARD":  # "seit 1990", "bis 2005"
        return _np_tail(items, j, stop)
    if j == i + 1 and items[i].pos == "ADV":  # "bis heute", "seit gestern"
        return j
    return None


def vorfeld_end(items: list[Tagged], i: int, stop: int) -> int | None:
    """Index after a clearly non-subject constituent at ``i`` that can fill the Vorfeld: an
    adverb (or a few: "Bald darauf"), a predicative adjective, a prepositional phrase (with
    attached phrases), a time phrase ("Letzte Woche", "Zwei Jahre später"); None when the
    words at ``i`` are none of these or could belong to the subject ("Auch wir", "Fast
    alle", "Über 100 Menschen")."""
    if i >= stop:
        return None
    item = items[i]
    word = item.text.lower()
    nxt = items[i + 1] if i + 1 < stop else None
    if word in _DEGREE_WORDS and nxt is not None and nxt.pos == "PPER":
        return i + 1  # "Etwa er spendete …": no number for "etwa" to modify
    if word in {"über", "unter"} and nxt is not None and nxt.pos != "CARD":
        return _pp_end(items, i, stop)  # "Über Weihnachten", but "Über 100 Menschen"
    if word in SUBJECT_MODIFIERS or word in POSITION_ZERO or opens_subordinate(items, i):
        return None
    if word in AMBIGUOUS_SUBORDINATORS and item.pos not in _PREPOSITIONS:
        return None
    if item.pos in {"ADV", "PROAV", "ADJ(D)"}:
        j = i + 1
        while (
            j < stop
            and j - i < 3
            and items[j].pos in {"ADV", "PROAV"}
            and items[j].text.lower() not in SUBJECT_MODIFIERS
        ):
            j += 1
        if j < stop and items[j].pos in {"CARD", "KOKOM"}:
            return None  # "Knapp 100 Menschen", "Anders als …"
        if item.pos == "ADJ(D)":
            return _genitive_tail(items, j, stop)  # "Nördlich dieses Übergangs"
        return j
    if item.pos in _PREPOSITIONS:
        return _pp_end(items, i, stop)
    # time phrase: "Letzte Woche", "Jeden Tag", "Zwei Tage später", "Eines Tages"
    j = i
    while j < stop and items[j].pos in {"ART", "PDAT", "PIAT", "PIDAT", "ADJ(A)", "CARD"}:
        if j - i >= 3:
            return None
        j += 1
    if j > i and j < stop and items[j].pos == "NN" and items[j].text in TIME_NOUNS:
        j += 1
        if j < stop and items[j].text.lower() in TIME_CLOSERS:
            j += 1
        return j
    return None


_AMOUNTS = frozenset(
    {"mehr", "weniger", "viele", "wenige", "viel", "wenig", "zahlreiche", "unzählige"}
    | {"etliche", "mehrere", "einige", "alle", "beide", "manche"}
)
_DEGREE_WORDS = frozenset(
    {"etwa", "rund", "fast", "knapp", "ungefähr", "circa", "ca", "annähernd", "beinahe"}
    | {"nahezu", "mindestens", "höchstens", "zumindest", "wenigstens"}
)
_POSTPOSITIONS = {"nach", "zufolge", "gegenüber", "entlang", "hindurch", "her", "lang"}


def _pp_end(items: list[Tagged], i: int, stop: int) -> int | None:
    """Index after a prepositional phrase at ``i``, with further phrases attached to it
    ("Nach dem Streit mit seinem Bruder"); None when its object is not clear."""
    word = items[i].text.lower()
    if word == "als" and i + 1 < stop and items[i + 1].pos == "NN":
        return i + 2  # "Als Athlet": a bare role noun
    if word in {"als", "wie"}:
        return None  # comparison or subordinator
    j = _np_end_any(items, i + 1, stop)
    if j is None:
        if i + 1 < stop and items[i + 1].pos in _PREPOSITIONS:  # "bis zum Ende"
            return _pp_end(items, i + 1, stop)
        return None
    if word in AMBIGUOUS_SUBORDINATORS:
        # "Seit dem Krieg" is a phrase; "Seit die Stadt …" might be a clause
        first = items[i + 1]
        if first.pos == "PPER" or (
            first.pos in _DETERMINERS and any(r[0] == "nom" for r in _readings(first) or ())
        ):
            return None
    while j < stop and items[j].text.lower() in _POSTPOSITIONS and items[j].pos != "APPR":
        j += 1
    if j < stop and (items[j].text.lower() in TIME_CLOSERS or items[j].pos == "PROAV"):
        j += 1  # "Zwei Jahre später", "Im Gegensatz dazu"
    if j < stop and items[j].pos in _PREPOSITIONS:
        return _pp_end(items, j, stop)
    return j


@dataclass(frozen=True)
class V2Break:
    """A main clause with a fronted constituent and then subject before the finite verb."""

    vorfeld: tuple[int, int]
    subject: tuple[int, int]
    verb: int


def _bare_noun(item: Tagged) -> bool:
    """A noun without a determiner that can be a subject after a fronted adverb; not a time
    or measure noun that belongs to the adverb ("Heute Abend", "Damals Student")."""
    return (
        item.pos == "NN"
        and item.text not in TIME_NOUNS
        and not any(case != "nom" for case, _, _ in compound_readings(item.text))
        and item.text[:1].isupper()
    )


def v2_break(items: list[Tagged]) -> V2Break | None:
    """The sentence-initial clause's verb-second violation, if its words show one.

    Fires on "Vorfeld + subject + finite verb + more": the Vorfeld clearly no subject (see
    :func:`vorfeld_end`), the subject a nominative pronoun or noun phrase, the finite verb
    right after it. After a lone adverb a finite verb directly before a comma is left alone:
    the stretch may be a subordinate clause whose subordinator HanTa read as an adverb
    ("Seitdem er kam, …").
    """
    segs = segments(items)
    if not segs or segs[0].kind != "main" or items[-1].text == "?":
        return None
    seg = segs[0]
    k = seg.first
    if items[k].text.lower() in POSITION_ZERO and k + 1 < seg.end:
        k += 1
    vf = vorfeld_end(items, k, seg.end)
    if vf is None:
        return None
    head = items[vf - 1]
    adverb = items[k].pos in {"ADV", "PROAV", "ADJ(D)"}
    names = adverb or head.pos == "CARD" or head.text in TIME_NOUNS
    if adverb and (
        items[vf].pos in {"PIAT", "PIDAT", "PIS", "CARD"} or items[vf].text.lower() in _AMOUNTS
    ):
        return None  # "Immer mehr Menschen", "Sehr viele Leute": the adverb grades an amount
    subj = subject_end(items, vf, seg.end, names=names)
    if subj is None and adverb and _bare_noun(items[vf]):
        subj = vf + 1  # "Daher Jefferson favorisierte": a name HanTa tagged NN
    if subj is None or subj >= seg.end or not is_finite_verb(items[subj], "de"):
        return None
    if "IMP" in items[subj].pos:
        return None
    lone_adverb = vf == k + 1 and items[k].pos in {"ADV", "PROAV", "ADJ(D)"}
    if subj + 1 >= seg.end and not seg.ends_sentence(items) and lone_adverb:
        return None
    return V2Break((k, vf), (vf, subj), subj)


def v2_after_subclause(items: list[Tagged]) -> V2Break | None:
    """A fronted subordinate clause followed by subject + finite verb + more ("Nachdem er
    gegangen war, wir haben gegessen"): after a fronted clause the finite verb comes first."""
    segs = segments(items)
    if len(segs) < 2 or items[-1].text == "?":
        return None
    first = segs[0]
    if first.kind != "sub" or first.first != first.start:
        return None
    words = items[first.first + 1 : first.end]
    if len(words) < 2 or not is_verb(words[-1]) or not any(is_finite_verb(t, "de") for t in words):
        return None
    if first.break_text(items) != ",":
        return None
    opener = items[first.first].text.lower()
    if opener in {"wenn", "falls", "sofern"} and any(
        t.pos == "PPER" and t.text in {"Sie", "du", "Du", "ihr", "Ihr"} for t in words
    ):
        return None  # "Falls Sie Fragen haben, wir helfen gern": a speech-act conditional
    nxt = segs[1]
    if nxt.kind != "rest" or nxt.start != first.end + 1:
        return None
    i = nxt.start
    subj = subject_end(items, i, nxt.end)
    if subj is None or subj + 1 >= nxt.end or not is_finite_verb(items[subj], "de"):
        return None
    if not any(not is_verb(t) for t in items[subj + 1 : nxt.end]):
        return None  # "…, die Vögel singen, …": a second verb-final clause
    return V2Break((first.start, first.end), (i, subj), subj)


@dataclass(frozen=True)
class LateVerb:
    """A subordinate clause whose finite verb is not at its end."""

    segment: Segment
    verb: int
    tail: tuple[int, int]
    """Item range after the verb that belongs before it."""


def late_verb_anywhere(items: list[Tagged], seg: Segment) -> LateVerb | None:
    """Looser than :func:`verb_not_last`: the first finite verb anywhere in a subordinate or
    relative clause with words after it that belong before it ("die sich als würde tödlich
    erweisen", "die der Kultur gab eine Stimme"). Extraposed phrases ("weil er gewartet hat
    auf den Bus") and clauses that lost their comma make this less certain."""
    if seg.kind not in {"sub", "rel", "w"} or items[-1].text == "?":
        return None
    opener = items[seg.first]
    if opener.text.lower() in {"als", "wie"} | AMBIGUOUS_SUBORDINATORS:
        return None
    start = seg.first + 1
    if start < seg.end and items[start].pos in {"NN", "NE"} and seg.kind != "sub":
        return None
    verb_at = next((k for k in range(start, seg.end) if is_finite_verb(items[k], "de")), None)
    if verb_at is None or "IMP" in items[verb_at].pos:
        return None
    if any(items[k].pos in {"KON", "KOKOM", "KOUS", "KOUI"} for k in range(start, verb_at)):
        return None
    tail_end = _tail_end(items, verb_at + 1, seg.end)
    if tail_end is None:
        return None
    return LateVerb(seg, verb_at, (verb_at + 1, tail_end))


def verb_not_last(items: list[Tagged], seg: Segment) -> LateVerb | None:
    """The finite verb of a subordinate or relative clause with words after it that should
    precede it ("weil er ist krank", "die führte zu hohen Verlusten").

    Only where the finite verb stands right after the opener's subject (or right after the
    opener), the way English order carries over. Words that may follow the finite verb are
    left alone: more verbs ("obwohl er es hätte wissen müssen"), a comparison ("als/wie …"),
    a zu-infinitive, a coordinated clause ("dass er kam und sie ging"), another subordinator.
    After an ambiguous subordinator ("als", "während", "seit" …) only a pronoun subject counts:
    "Während dieser Zeit stritt er" is a prepositional phrase.
    """
    if seg.kind not in {"sub", "rel", "w"} or (seg.kind == "w" and items[-1].text == "?"):
        return None
    opener = items[seg.first]
    word = opener.text.lower()
    i = seg.first + 1
    if i >= seg.end:
        return None
    if seg.kind in {"rel", "w"}:
        if items[i].pos in {"NN", "NE"} and opener.pos != "PRELAT":
            return None  # "…, die Howling Commandos brachen auf": an article, not a pronoun
        if opener.pos == "PRELAT":  # "deren Mitglieder …"
            j = i
            while j < seg.end and items[j].pos in _NP_INSIDE:
                j += 1
            if j >= seg.end or items[j].pos not in {"NN", "NE"}:
                return None
            i = j + 1
        verb_at = i
        subj = subject_end(items, i, seg.end, names=False)
        if subj is not None and subj < seg.end and is_finite_verb(items[subj], "de"):
            verb_at = subj
    elif word in AMBIGUOUS_SUBORDINATORS:
        verb_at = _after_ambiguous_subject(items, word, i, seg.end)
        if verb_at is None:
            return None
    else:
        subj = subject_end(items, i, seg.end)
        verb_at = subj if subj is not None else i
    if verb_at >= seg.end or not is_finite_verb(items[verb_at], "de"):
        return None
    if "IMP" in items[verb_at].pos:
        return None
    tail_end = _tail_end(items, verb_at + 1, seg.end)
    if tail_end is None:
        return None
    return LateVerb(seg, verb_at, (verb_at + 1, tail_end))


# Prepositions among the ambiguous subordinators and the cases they govern: after them a noun
# phrase that can have one of these cases may be the preposition's object, not a subject.
_PREPOSITION_CASES = {"während": {"gen", "dat"}, "seit": {"dat"}}


def _after_ambiguous_subject(items: list[Tagged], word: str, i: int, end: int) -> int | None:
    """Where the finite verb should stand after an ambiguous subordinator and its subject
    ("während er schlief", "seit die Stadt …"), None when the words may be a prepositional
    phrase or an adverb ("Während dieser Zeit stritt er", "Seitdem hat sie …")."""
    if is_pronoun_subject(items, i):
        return i + 1
    if word in {"als", "wie"}:
        return None
    if is_finite_verb(items[i], "de"):  # "während heiratet sein Mann", "bis ist mehr bekannt"
        return i if word in {"während", "bis"} and "IMP" not in items[i].pos else None
    subj = nominative_np_end(items, i, end)
    if subj is None:
        return None
    if word in _PREPOSITION_CASES:
        head = next((k for k in range(i + 1, subj) if items[k].pos in {"NN", "NE"}), None)
        if head is None or items[head].pos != "NN":
            return None
        cases = {r[0] for r in compound_readings(items[head].text) & (_readings(items[i]) or set())}
        if not cases or cases & _PREPOSITION_CASES[word]:
            return None
    return subj


def _tail_end(items: list[Tagged], j: int, end: int) -> int | None:
    """End of the words after a finite verb that belong before it; None when nothing after
    it is out of place (only verbs, a comparison, a zu-infinitive, a coordinated clause)."""
    if j >= end:
        return None
    first = items[j]
    if first.pos in {"KOUS", "KOUI", "PTKZU", "KON", "VV(IZU)"}:
        return None
    if first.pos == "KOKOM" or first.text.lower() in {"als", "wie"}:
        # "weil er mehr verdient als sie" is fine; "der ist als Kid Flash bekannt" is not
        return end if items[end - 1].pos in _CLAUSE_END_WORDS else None
    k = j
    misplaced = False
    while k < end:
        t = items[k]
        if t.pos in {"KON", "KOKOM", "KOUS"} or t.text.lower() in {"als", "wie"}:
            break
        if is_finite_verb(t, "de") and "IMP" not in t.pos:
            rest = items[k + 1 : end]
            stop = next((n for n, r in enumerate(rest) if not is_verb(r)), len(rest))
            if stop < len(rest) and rest[stop].pos not in {"KON", "KOKOM"}:
                return None  # a second finite verb inside: a parse we do not follow
            # else a participle HanTa read as finite ("war … frustriert und …")
        if not is_verb(t) and t.pos != "PTKZU":
            misplaced = True
        k += 1
    return k if misplaced else None


def has_verb(items: list[Tagged], start: int, end: int) -> bool:
    """Any verb form among items[start:end]; HanTa's imperatives inside a clause are nearly
    always misread nouns ("die Schnalle" VVIMP) and do not count."""
    return any(is_verb(t) and "IMP" not in t.pos for t in items[start:end])


@lru_cache(maxsize=20_000)
def may_be_verb(word: str) -> bool:
    """True when HanTa's lexicon allows a verb reading of ``word`` or does not know it: its
    tags in context are not always right ("erstach" ADJD, "verwenden" ADJD at a clause end)."""
    with _lock:
        readings = tagger("de").tag_word(word)
    if not readings or readings[0][1] < -25:  # unknown to the lexicon
        return True
    return any(tag.startswith("V") and "IMP" not in tag for tag, _ in readings)


def _misread_verb(item: Tagged) -> bool:
    """A clause-final word HanTa probably misread: a lower-case "noun" or name, an
    attributive adjective with no noun after it, a predicative adjective with a verb reading
    ("abschnitten" NN, "kodifizierten" ADJA, "verwenden" ADJD)."""
    if item.text[:1].islower() and item.pos in {"NN", "NE", "ADJ(A)", "XY", "FM", "NNI"}:
        return True
    return item.pos == "ADJ(D)" and may_be_verb(item.text)


_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "dr", "st", "nr", "co", "inc", "jr", "sr", "ca", "bzw", "vgl", "prof", "hl"}
)


def _abbreviation_end(item: Tagged, before: Tagged | None) -> bool:
    """A last word that ends in an abbreviation or ordinal point the segmenter cut at ("der
    191.", "M.I.A.", "jr.")."""
    word = item.text
    if not word.isalpha() and item.pos != "CARD":
        return True
    if item.pos == "CARD":  # "in der 16.", "am 5." but not "bis Januar 1932."
        return before is None or before.pos in _DETERMINERS | _PREPOSITIONS
    return len(word) <= 2 or (len(word) > 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


@dataclass(frozen=True)
class VerblessClause:
    """A subordinate or relative clause that ends without any verb."""

    segment: Segment
    last: int
    """Index of the clause's last word."""
    resumed: bool
    """True when a main-clause verb follows the comma ("Edgar, der nach dem Sturm, trifft");
    False when the clause ends the sentence ("…, den die Kommission am Freitag.")."""


_ARTICLE_USE = {"NN", "NE", "ADJ(A)", "CARD", "PIAT", "PIS", "PIDAT", "XY", "FM"}


# Subordinators after which a bare noun is a subject, not an elliptical predicate ("ob Mann
# oder Frau", "obwohl Katholik" are elliptical).
_BARE_SUBJECT_OPENERS = frozenset(
    {"dass", "daß", "weil", "nachdem", "bevor", "bis", "indem", "sodass", "während", "da"}
)
_QUANTIFIER_SUBJECTS = frozenset(
    {"viele", "einige", "alle", "beide", "manche", "mehrere", "wenige"}
)


def _article_use(item: Tagged) -> bool:
    """The word after a "relative pronoun" shows it is an article ("den höchsten", "die
    meisten", "dem 7. Mai", "die Minister")."""
    return item.pos in _ARTICLE_USE or (item.pos == "ADJ(D)" and item.text.endswith("sten"))


def _early_subject(items: list[Tagged], seg: Segment) -> bool:
    """A subject right after the subordinator, or after a pronoun or adverb ("dass ihm der
    Mann", "obwohl sich die Lage"); a name further on may be anything."""
    k = seg.first + 1
    bare = items[seg.first].text.lower() in _BARE_SUBJECT_OPENERS
    for _ in range(3):
        if k >= seg.end:
            return False
        if subject_end(items, k, seg.end) is not None:
            return True
        if items[k].pos in {"PIS"} and items[k].text.lower() in _QUANTIFIER_SUBJECTS:
            return True
        if bare and (items[k].pos == "NN" or (items[k].pos == "CARD" and k + 1 < seg.end)):
            return True  # "dass Feminismus …", "dass heute 72 Flüge …"
        if items[k].pos not in {"PRF", "PPER", "ADV"}:
            return False
        k += 1
    return False


def verbless_clauses(items: list[Tagged]) -> list[VerblessClause]:
    """Subordinate and relative clauses with no verb at all, where the sentence shows the
    verb is missing rather than elided: the clause ends the sentence, or a comma and the
    finite verb of the main clause follow it.

    Elliptical clauses are left alone: a subordinate clause needs a subject to count
    ("wenn möglich", "obwohl erst 17 Jahre alt" have none), "als"/"wie" clauses are
    comparisons ("mehr als die Hälfte"). A clause that breaks at a comma before another
    clause may go on after it ("dass der Mann, den ich sah, krank ist"), so only a comma
    before a finite verb counts.
    """
    segs = segments(items)
    if items and items[-1].text == "?":
        return []
    out = []
    for n, seg in enumerate(segs):
        if seg.kind not in {"sub", "rel", "w"}:
            continue
        opener = items[seg.first]
        if seg.kind == "w" and opener.text.lower() in {"was", "wer", "wen", "wem", "wessen"}:
            continue
        body = items[seg.first + 1 : seg.end]
        words = [t for t in body if t.text[:1].isalnum()]
        if not words or has_verb(items, seg.first + 1, seg.end):
            continue
        if opener.text.lower() in {"als", "wie"} or opener.pos in {"KOKOM"}:
            continue
        if seg.kind in {"sub", "w"} and not _early_subject(items, seg):
            continue
        if seg.kind == "rel" and opener.pos != "PRELAT" and _article_use(body[0]):
            continue  # "…, die Minister und …", "…, dem 7. Mai, …": an article, not a pronoun
        last = seg.end - 1
        while last > seg.first and not items[last].text[:1].isalnum():
            last -= 1
        if _misread_verb(items[last]):
            continue
        if seg.ends_sentence(items) and items[seg.end - 1].text not in {")", "]"}:
            if seg.end < len(items) and items[seg.end].text != ".":
                continue  # "!" ends exclamations and headlines
            if _abbreviation_end(items[last], items[last - 1] if last else None):
                continue
            out.append(VerblessClause(seg, last, False))
            continue
        nxt = segs[n + 1] if n + 1 < len(segs) else None
        if seg.break_text(items) != "," or nxt is None or nxt.start != seg.end + 1:
            continue
        # the main clause goes on: "…, trifft …", "…, und verwundete …"
        k = nxt.start + 1 if nxt.conj in {"und", "oder", "aber"} else nxt.start
        if (
            nxt.kind == "rest"
            and k < nxt.end
            and is_finite_verb(items[k], "de")
            and "IMP" not in items[k].pos
        ):
            out.append(VerblessClause(seg, last, True))
    return out


# Words a German sentence cannot end on: articles, prepositions that are never separable
# verb particles, coordinating and subordinating conjunctions (Duden, Die Grammatik).
CUT_ARTICLES = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "eines", "einer"}
)
CUT_PREPOSITIONS = frozenset(
    {
        "von",
        "vom",
        "im",
        "am",
        "zum",
        "zur",
        "beim",
        "ins",
        "ans",
        "aufs",
        "für",
        "ohne",
        "seit",
        "wegen",
        "trotz",
        "während",
        "zwischen",
        "gemäß",
        "innerhalb",
        "außerhalb",
        "aufgrund",
        "anhand",
        "bezüglich",
        "anstatt",
        "infolge",
        "mittels",
        "namens",
        "unweit",
        "in",
        "mit",
        "bei",
        "unter",
        "neben",
        "aus",
        "nach",
        "zu",
        "auf",
        "über",
        "durch",
        "um",
        "an",
        "vor",
        "hinter",
        "gegen",
        "bis",
        "einschließlich",
        "ausschließlich",
    }
)
# Prepositions above that are also separable particles or postpositions ("Er kam an", "fiel
# um", "meiner Meinung nach"): a cut only when HanTa tags them as prepositions and the word
# before is an article, a noun or a name.
PARTICLE_PREPOSITIONS = frozenset(
    {"mit", "bei", "unter", "aus", "nach", "zu", "auf", "über", "durch", "um", "an", "vor"}
    | {"hinter"}
)
CUT_CONJUNCTIONS = frozenset({"und", "oder", "sowie", "sondern", "bzw", "beziehungsweise"})
CUT_SUBORDINATORS = frozenset(
    {"dass", "daß", "weil", "obwohl", "nachdem", "sodass", "ob", "indem", "falls", "bevor"}
)


def dangling_end(items: list[Tagged]) -> int | None:
    """Index of the last word when a sentence ends on a word that needs more after it (an
    article, a preposition, a conjunction, a relative pronoun: "… mit der.", "… und.",
    "…, die."); None otherwise.

    Only sentences with a final full stop count (headlines and list items have none);
    prepositions that double as verb particles ("Er kam an.", "fiel um.") count only after a
    noun, a name or an article and when HanTa tags them as prepositions.
    """
    if len(items) < 4 or items[-1].text != ".":
        return None
    last = len(items) - 2
    word, item = items[last].text, items[last]
    low = word.lower()
    before = items[last - 1]
    if not word[:1].isalpha() or word[:1].isupper() or before.text in {".", ":", "(", "-", "/"}:
        return None
    if low in CUT_ARTICLES:
        # after a preposition, a conjunction or a comma the word cannot be a pronoun that
        # ends the sentence ("mit der.", "gegen die.", "und die.", "…, die.")
        after = before.pos in {"APPR", "APPRART", "KON", "KOKOM"} or before.text == ","
        if low in {"des", "den", "einen", "einem", "eines"}:
            return last  # never a sentence-final pronoun in written German
        return last if item.pos == "ART" or (after and low != "ein") else None
    if low in {"als", "wie"}:
        return last if item.pos in {"KOKOM", "KOUS", "APPR"} else None
    if low in CUT_CONJUNCTIONS or low in CUT_SUBORDINATORS:
        return last if item.pos in {"KON", "KOUS"} else None
    if low in CUT_PREPOSITIONS:
        if low in PARTICLE_PREPOSITIONS:
            if item.pos not in {"APPR", "APPRART"}:
                return None
            if before.pos not in {"ART", "NN", "NE", "ADJ(A)", "CARD"} and before.text != ",":
                return None
        return last
    return None
