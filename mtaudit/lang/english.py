"""English analysis shared by the EN checks: noun and verb number, subjects and their verbs.

Machine translation from German breaks subject-verb agreement in two ways: next to the verb
("the plan were") and across a post-modifier, where the verb agrees with the nearest noun
instead of the head ("the results of the study shows", attraction errors in the sense of
Bock & Miller 1991). :func:`subject_verb_pairs` finds clause-initial noun phrases with their
head, an optional prepositional post-modifier and the finite verb right after them, on the
CLAWS tags of :func:`mtaudit.lang.tagging.tag`. Nouns whose grammatical number does not
decide the verb's (collective, quantity and plural-looking singular nouns) come from
``data/generic/en_noun_number.tsv``.

The module also inflects the verbs of suggested fixes (:func:`inflect`, :func:`participle`,
:func:`verb_in_number`), so a finding on "made a photo" can offer "took a photo".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.data import table
from mtaudit.lang.frequency import zipf_frequency
from mtaudit.lang.tagging import Tagged, tagger

SINGULAR = "sg"
PLURAL = "pl"


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


DETERMINER_TAGS = frozenset({"AT0", "DPS", "DT0"})
_MODIFIER_TAGS = ("AJ0", "AJC", "AJS", "ORD", "CRD")
NOUN_TAGS = frozenset({"NN1", "NN2"})
_PP_PREPOSITIONS = word_set(
    "of in for with from on at about between among to by under over within without across "
    "around near behind beyond inside outside against towards toward per"
)
"""Prepositions that post-modify a noun ("the rise in prices"); temporal ones (after,
before, since, until) often open a clause instead and are left out."""
ACCOMPANIMENT = word_set("with along together plus including alongside besides")
"""'The minister, along with his aides, are ...': notional plural concord is common and
accepted (Quirk et al. 1985 §10.40), so no attraction error is reported across these."""
_PP_INNER = frozenset({"AT0", "DPS", "DT0", "AJ0", "AJC", "AJS", "ORD", "CRD", "NN1", "NN2"})
_PP_INNER |= frozenset({"NN0", "NP0", "POS", "AV0"})
CLAUSE_OPENERS = word_set(
    "and but or nor because while when whenever if although though since as so that whereas "
    "after before until once where unless than"
)
PARTITIVES = word_set("one each")
"""Pronouns that head a partitive subject and stay singular: "one of the reasons is"."""
FOCUS_ADVERBS = word_set("even only also just especially particularly perhaps maybe often now then")
_CLOSERS = frozenset(")]\"”’'")
_PUNCT_OPEN = frozenset(',;:(—–-"“”‘’«»')
SUBJUNCTIVE_TRIGGERS = word_set(
    "if though unless whether wish suppose supposing imagine lest demand demanded demands "
    "insist insisted insists recommend recommended recommends suggest suggested suggests "
    "require required requires request requested propose proposed proposes urge urged "
    "essential vital important necessary crucial imperative advisable order ordered"
)
"""Words that license a subjunctive ("if the plan were", "insisted that the company pay")."""
SAME_PAST_AND_BASE = word_set(
    "put cut set hit let hurt cost shut spread split quit read bet cast burst thrust "
    "broadcast forecast upset bid rid shed slit spit wed fit knit beat lit"
)
"""Verbs whose base form is also their past: "the man put" is past tense, not a plural."""


_IRREGULAR = word_set("men women children feet teeth mice geese oxen lice brethren")
RARE_ZIPF = 2.0
"""Nouns rarer than this (wordfreq Zipf scale) get a guessed tag ("the janjaweed are", "a
peplos"), so their number is not trusted."""
COMMON_ZIPF = 3.6
"""A capitalised head ("the Emperor", "the Trust") is taken for a common noun only when its
lower-case form is this frequent; rarer ones are names or ethnonyms ("the Aleut", "the
Navajo") that take a plural verb in their singular form."""


@lru_cache(maxsize=1)
def noun_classes() -> dict[str, str]:
    """Lower-cased noun -> class: collective, quantity, singular_s, invariant or measure."""
    return {row["word"]: row["class"] for row in table("generic/en_noun_number.tsv")}


def noun_number(t: Tagged) -> str | None:
    """Number ("sg" or "pl") of a common noun whose number decides its verb's, else None.

    Tagger guesses are not trusted: rare words, plurals without a lemma of their own or
    without -s ("echinus", "dude"), singulars ending in consonant + s ("palps").
    """
    low = t.text.lower()
    kind = noun_classes().get(low, "")
    if t.pos not in NOUN_TAGS or not t.text.isalpha() or kind in {"singular_s", "invariant"}:
        return None
    if t.pos == "NN2":
        if zipf_frequency(low, "en") < RARE_ZIPF:
            return None  # "a peplos": a guessed plural
        regular = low.endswith("s") and not low.endswith(("us", "is", "ss"))
        return PLURAL if t.lemma.lower() != low and (regular or low in _IRREGULAR) else None
    if re.search(r"[^aeiousy]s$", low) or low == "cannot" or zipf_frequency(low, "en") < RARE_ZIPF:
        return None  # rare words get a guessed tag: "the janjaweed are"
    return SINGULAR


def _common_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


def has_reading(word: str, prefix: str, margin: float = 3.0) -> bool:
    """True when HanTa's lexicon gives ``word`` a tag starting with ``prefix`` ("VVZ", "VV",
    "AJ", "NN1") whose score is within ``margin`` of its best tag's."""
    scores = tagger("en").tag_word(word)
    if not scores:
        return False
    best = max(score for _, score in scores)
    return any(tag.startswith(prefix) and score >= best - margin for tag, score in scores)


def noun_reading(word: str) -> bool:
    """True when ``word`` may well be a singular noun ("show", "supply", "need")."""
    return has_reading(word, "NN1")


_SG_FORMS = {"is", "was", "has", "does", "isn't", "wasn't", "hasn't", "doesn't"}
_PL_FORMS = {"are", "were", "have", "do", "aren't", "weren't", "haven't", "don't"}


def verb_number(t: Tagged) -> str | None:
    """Number a finite verb form shows: is/has/VVZ singular, are/have/VVB plural, else None."""
    low = t.text.lower()
    if low == "cannot":
        return None
    if low in _SG_FORMS and t.pos in {"VBZ", "VBD", "VHZ", "VDZ"}:
        return SINGULAR
    if low in _PL_FORMS and t.pos in {"VBB", "VBD", "VHB", "VDB", "VHI", "VDI"}:
        return PLURAL
    if t.pos == "VVZ" and low.endswith("s") and t.text.isalpha():
        return SINGULAR
    if t.pos in {"VVB", "VVI"} and t.text.isalpha() and low not in SAME_PAST_AND_BASE:
        return PLURAL
    return None


def clause_initial(tagged: list[Tagged], i: int) -> bool:
    """True when token i opens a clause: sentence start, after a clause mark or conjunction.

    After "and"/"or" a noun phrase is often the second half of a coordinated subject ("the
    cat and the dog are"), so a conjunction right after a nominal word does not count.
    """
    if i == 0:
        return True
    prev = tagged[i - 1]
    low = prev.text.lower()
    if prev.text in _PUNCT_OPEN or prev.text in {".", "!", "?"}:
        return True
    if prev.pos == "AV0" and low in FOCUS_ADVERBS:
        return clause_initial(tagged, i - 1)  # "but even an election is ..."
    if low not in CLAUSE_OPENERS or not prev.pos.startswith("CJ"):
        return False  # "since the start of the year": a preposition, not a conjunction
    if low in {"and", "or", "nor"} and i >= 2:
        before = tagged[i - 2]
        if before.pos[:2] in {"NN", "NP", "PN", "AJ", "CR", "OR"} or before.text in _CLOSERS:
            return False  # "the cat and the dog are", "Garth (Heston) and his son were"
    return not (low == "that" and prev.pos == "DT0")


@dataclass(frozen=True)
class SubjectVerb:
    """A clause-initial noun phrase, its head noun, and the finite verb that follows it.

    ``attractor`` is the last noun of a prepositional post-modifier between head and verb
    ("the results *of the study* shows"), None when the verb follows the head directly.
    """

    det: int
    head: int
    verb: int
    head_number: str
    verb_number: str
    preposition: int | None = None
    attractor: int | None = None

    @property
    def disagrees(self) -> bool:
        return self.head_number != self.verb_number


def _negated(t: Tagged) -> bool:
    return t.text.lower().endswith(("n't", "n’t"))


def _noun_phrase_end(tagged: list[Tagged], i: int, limit: int = 6) -> int | None:
    """Index of the head noun of the noun phrase whose determiner is at i, or None."""
    j = i + 1
    while j < len(tagged) and j - i <= limit:
        t = tagged[j]
        if t.pos.startswith(_MODIFIER_TAGS) or (t.pos == "AV0" and j + 1 < len(tagged)):
            j += 1
            continue
        if t.pos in {"VVN", "VVG"} and j + 1 < len(tagged) and tagged[j + 1].pos in NOUN_TAGS:
            j += 1  # "the selected candidates", "the remaining members"
            continue
        break
    k = j
    while k < len(tagged) and tagged[k].pos in NOUN_TAGS | {"NN0"} and k - i <= limit + 3:
        if _negated(tagged[k]):
            break  # "doesn't", which the tagger may read as a noun
        k += 1
    if k == j:
        return None
    if tagged[k - 1].text.lower().endswith(("'s", "’s")):
        return None  # "the company's new shares": the genitive is not the head
    return k - 1


def _post_modifier(tagged: list[Tagged], h: int, limit: int = 8) -> tuple[int, int, int] | None:
    """(preposition, last noun, next index) of the prepositional phrases after head h."""
    j = h + 1
    if j >= len(tagged) or tagged[j].pos not in {"PRF", "PRP"}:
        return None
    prep = j
    last_noun = None
    while j < len(tagged) and j - h <= limit:
        t = tagged[j]
        low = t.text.lower()
        if t.pos in {"PRF", "PRP"} and low in _PP_PREPOSITIONS:
            j += 1
            continue
        if t.pos in _PP_INNER and low not in {"and", "or", "cannot"} and not _negated(t):
            if t.pos == "NP0" and tagged[j - 1].pos in NOUN_TAGS | {"NN0"}:
                return None  # "the kinds of citations Wikipedia seeks are": a relative clause
            if t.pos in NOUN_TAGS | {"NN0", "NP0"}:
                last_noun = j
            j += 1
            continue
        break
    if last_noun is None or j >= len(tagged) or last_noun != j - 1:
        return None
    return prep, last_noun, j


_VERB_CONTINUATION = frozenset({"AT0", "DPS", "DT0", "PNP", "TO0", "CRD", "XX0", "AVP", "AV0"})


def _compound_reading(tagged: list[Tagged], v: int, strict: bool) -> bool:
    """True when a base form after a noun may be the second half of a compound noun.

    "the reality show Keeping Up ..." is a noun compound; "the reeve find the relic" is a
    verb, which the following determiner or pronoun shows. ``strict`` (after a
    prepositional phrase, "an analysis of the oil spill along ...") asks that for every base
    form, since the tagger's lexicon lacks the noun reading of many verbs.
    """
    if tagged[v].pos not in {"VVB", "VVI"}:
        return False
    nxt = tagged[v + 1].pos if v + 1 < len(tagged) else ""
    nominal = noun_reading(tagged[v].text.lower())
    if strict:
        return nxt not in _VERB_CONTINUATION - {"AVP", "AV0"} and (nominal or nxt != "AV0")
    return nominal and nxt not in _VERB_CONTINUATION


def subject_verb_pairs(tagged: list[Tagged]) -> list[SubjectVerb]:
    """Clause-initial determiner + noun phrase (+ prepositional phrase) + finite verb.

    Only noun phrases that open a clause count, so objects and phrases inside adverbials
    ("in the end", "after the talks") are never taken for subjects; an adverb between
    subject and verb is allowed ("the results clearly show").
    """
    pairs = []
    for i, t in enumerate(tagged):
        partitive = t.text.lower() in PARTITIVES and i + 1 < len(tagged)
        partitive = partitive and tagged[i + 1].text.lower() == "of"
        if not (t.pos in DETERMINER_TAGS or partitive) or not clause_initial(tagged, i):
            continue
        if partitive:
            h, number = i, SINGULAR  # "one of the reasons is", "each of the members has"
        else:
            h = _noun_phrase_end(tagged, i)
            if h is None:
                continue
            head = tagged[h]
            if (
                head.text[:1].isupper()
                and h > 0
                and (not _common_word(head.text) or head.pos == "NN2")
            ):
                continue  # a name, title or ethnonym: "The Simpsons is", "the Aleut carve"
            if len(head.text) < 3:
                continue
            number = noun_number(head)
            if number is None:
                continue
        pp = _post_modifier(tagged, h)
        if partitive and pp is None:
            continue
        v = pp[2] if pp else h + 1
        adverb = tagged[v] if v < len(tagged) else None
        if adverb is not None and adverb.pos == "AV0" and adverb.text.isalpha():
            v += 1  # "the results clearly show"; not "wouldn't", which the tagger calls AV0
        if v >= len(tagged) or (tagged[v].text[:1].isupper() and v > 0):
            continue  # a capitalised verb is part of a title: "The Turtle Fear the Turtle"
        capitalised = pp and tagged[h].text[:1].isupper() and h > 0
        if capitalised and any(w.text[:1].isupper() for w in tagged[pp[0] : pp[2]]):
            continue  # "The Times of India confirms": a name
        vnum = verb_number(tagged[v])
        if vnum is None or (vnum == PLURAL and _compound_reading(tagged, v, bool(pp))):
            continue
        pairs.append(
            SubjectVerb(i, h, v, number, vnum, pp[0] if pp else None, pp[1] if pp else None)
        )
    return pairs


_TO_SINGULAR = {
    "are": "is",
    "were": "was",
    "have": "has",
    "do": "does",
    "aren't": "isn't",
    "weren't": "wasn't",
    "haven't": "hasn't",
    "don't": "doesn't",
}
_TO_PLURAL = {v: k for k, v in _TO_SINGULAR.items()}


def third_singular(base: str) -> str:
    """Third person singular present of a base form: go -> goes, try -> tries."""
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if base in irregular:
        return irregular[base]
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if len(base) > 1 and base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def case_like(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def verb_in_number(t: Tagged, number: str) -> str | None:
    """The form of finite verb ``t`` in ``number`` ("shows" -> "show"), or None."""
    low = t.text.lower()
    if number == SINGULAR:
        if low in _TO_SINGULAR:
            return case_like(_TO_SINGULAR[low], t.text)
        if t.pos in {"VVB", "VVI"}:
            return case_like(third_singular(low), t.text)
    else:
        if low in _TO_PLURAL:
            return case_like(_TO_PLURAL[low], t.text)
        if t.pos == "VVZ" and t.lemma.isalpha():
            return case_like(t.lemma.lower(), t.text)
    return None


# ------------------------------------------------------------------ inflection of fixes

_IRREGULAR_VERBS = {
    # base: (3sg, past, past participle, -ing)
    "be": ("is", "was", "been", "being"),
    "have": ("has", "had", "had", "having"),
    "do": ("does", "did", "done", "doing"),
    "go": ("goes", "went", "gone", "going"),
    "get": ("gets", "got", "got", "getting"),
    "give": ("gives", "gave", "given", "giving"),
    "take": ("takes", "took", "taken", "taking"),
    "make": ("makes", "made", "made", "making"),
    "throw": ("throws", "threw", "thrown", "throwing"),
    "hold": ("holds", "held", "held", "holding"),
    "find": ("finds", "found", "found", "finding"),
    "tell": ("tells", "told", "told", "telling"),
    "think": ("thinks", "thought", "thought", "thinking"),
    "put": ("puts", "put", "put", "putting"),
    "turn": ("turns", "turned", "turned", "turning"),
}
_IRREGULAR_PAST = (
    "become became become; begin began begun; bring brought brought; build built built; "
    "buy bought bought; come came come; drive drove driven; eat ate eaten; "
    "fall fell fallen; feel felt felt; fight fought fought; fly flew flown; "
    "forget forgot forgotten; grow grew grown; hang hung hung; hear heard heard; "
    "keep kept kept; know knew known; lead led led; leave left left; lie lay lain; "
    "lose lost lost; mean meant meant; meet met met; pay paid paid; ride rode ridden; "
    "rise rose risen; run ran run; say said said; see saw seen; sell sold sold; "
    "send sent sent; show showed shown; sit sat sat; sleep slept slept; "
    "speak spoke spoken; spend spent spent; stand stood stood; swim swam swum; "
    "teach taught taught; wear wore worn; win won won; write wrote written; "
    "stick stuck stuck; sing sang sung; shine shone shone; seek sought sought; "
    "cast cast cast; set set set; shed shed shed; strike struck struck; "
    "break broke broken; bear bore borne; draw drew drawn; catch caught caught; "
    "lodge lodged lodged"
)


def _regular_ing(base: str) -> str:
    return (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"


def _regular(base: str, form: int) -> str:
    if form == 0:
        return third_singular(base)
    if form in (1, 2):
        if base.endswith("e"):
            return base + "d"
        if len(base) > 1 and base.endswith("y") and base[-2] not in "aeiou":
            return base[:-1] + "ied"
        return base + "ed"
    return _regular_ing(base)


for _entry in _IRREGULAR_PAST.split("; "):
    _base, _past, _participle = _entry.split()
    _IRREGULAR_VERBS.setdefault(
        _base, (third_singular(_base), _past, _participle, _regular_ing(_base))
    )


_FORM_OF_TAG = {"Z": 0, "D": 1, "N": 2, "G": 3}


def participle(base: str) -> str:
    """Past participle of a base form: live -> lived, know -> known."""
    forms = _IRREGULAR_VERBS.get(base)
    return forms[2] if forms else _regular(base, 2)


def inflect(base: str, like: Tagged, subject: str = "") -> str:
    """``base`` in the form of the verb ``like`` ("take" like "made" -> "took").

    ``subject`` (a preceding pronoun) picks the person of "be": "I have right" -> "I am".
    """
    tag = like.pos
    form = _FORM_OF_TAG.get(tag[2:3]) if tag[:1] == "V" and len(tag) == 3 else None
    if form is None and like.text.lower() in {"has", "is", "does"}:
        form = 0
    subject = subject.lower()
    if base == "be" and form in (None, 1):
        plural = subject in {"you", "we", "they"}
        if form == 1:
            word = "were" if plural else "was"
        else:
            word = "am" if subject == "i" else "are" if plural or not subject else "is"
        return case_like(word, like.text)
    if form is None:
        return case_like(base, like.text)
    forms = _IRREGULAR_VERBS.get(base)
    word = forms[form] if forms else _regular(base, form)
    return case_like(word, like.text)
