"""Sentence fragments (FRAG-*): broken sentence boundaries and verbless sentences.

When MT or sentence alignment cuts a clause in the wrong place, the pieces show up as a
sentence starting in lower case ("... over it. meeting with the mayor.") or as a sentence
with no finite verb. Headlines are verbless by design, so lines without final punctuation
are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtaudit.checks.base import Check, DocumentView, Finding, SentenceView, register
from mtaudit.lang.tagging import Tagged, is_finite_verb, tag
from mtaudit.lang.tokens import Token

_END = ".!?"
_CLOSERS = "\"“”«»)'’"
_MIN_WORDS_VERBLESS = 6


def _first_word(sent: SentenceView) -> Token | None:
    """The first word if the sentence opens with it (after at most quotes or brackets)."""
    for tok in sent.tokens:
        if tok.is_word():
            return tok
        if tok.text not in "\"“„«»‚'([":
            return None
    return None


def _in_running_text(sent: SentenceView, doc_text: str) -> bool:
    """True when what precedes the sentence ended a sentence (or nothing precedes it)."""
    before = doc_text[: sent.start].rstrip(" \t").rstrip(_CLOSERS)
    if not before or before.endswith("\n"):
        return True
    return before[-1] in _END and not before.endswith(("...", "…"))


def _starts_lower(sent: SentenceView, doc_text: str) -> Token | None:
    """The lower-case first word of a sentence that should have started with a capital."""
    word = _first_word(sent)
    if word is None or not word.text[0].islower() or not word.text[0].isalpha():
        return None
    if any(c.isupper() for c in word.text) or not _in_running_text(sent, doc_text):
        return None  # "iPhone", "eBay", or a continuation after ":" / "..."
    return word


def _has_finite_verb(sent: SentenceView) -> bool:
    """Finite verb present; English "-ed" forms count too, the tagger confuses VVD and VVN."""
    return any(
        is_finite_verb(t, sent.lang) or (sent.lang == "en" and t.pos == "VVN")
        for t in tag(sent.tokens, sent.lang)
    )


def _ends_like_sentence(sent: SentenceView) -> bool:
    return sent.text.rstrip().rstrip(_CLOSERS)[-1:] in _END


class _FragmentCheck(Check):
    """Shared document loop: fragment checks need the text before each sentence."""

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        for sent in doc.sentences:
            if sent.lang in self.langs:
                yield from self.check_in_context(sent, doc.text)

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        raise NotImplementedError


@register
class LowercaseStart(_FragmentCheck):
    id = "FRAG-001"
    name = "lowercase-sentence-start"
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "A sentence in running text starts with a lower-case letter."
    explanation = (
        "After a full stop the next sentence starts with a capital. A lower-case start means "
        "the sentence boundary is wrong: a clause was cut off and split from its sentence. "
        'Words that are written with an inner capital ("iPhone") and continuations after a '
        "colon or an ellipsis are skipped."
    )
    bad_example = "The museum reopened on Sunday. and visitors queued for hours."
    good_example = "The museum reopened on Sunday, and visitors queued for hours."

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        word = _starts_lower(sent, doc_text)
        if word is not None and _has_finite_verb(sent):
            yield self.finding(
                f'sentence starts with lower-case "{word.text}"', word.start, word.end
            )


@register
class VerblessSentence(_FragmentCheck):
    id = "FRAG-002"
    name = "verbless-sentence"
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "A full sentence (with a final full stop) that has no finite verb."
    explanation = (
        "A sentence of six or more words ending in a full stop but without any finite verb is "
        "usually a clause whose verb MT dropped. Headlines and captions are left alone: they "
        "have no final punctuation."
    )
    bad_example = "Der Minister nach langen Verhandlungen mit den Gewerkschaften am Freitag."
    good_example = "Der Minister einigte sich am Freitag mit den Gewerkschaften."
    default_enabled = False
    off_reason = (
        'Edited news text has verbless sentences ("More on that later.", lists, datelines) '
        "and the tagger misses some finite verbs, so precision on clean text stays below 90%."
    )

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        words = sent.words
        if len(words) < _MIN_WORDS_VERBLESS or not _ends_like_sentence(sent):
            return
        if _starts_lower(sent, doc_text) is None and not _has_finite_verb(sent):
            yield self.finding(
                f'no finite verb in "{words[0].text} ... {words[-1].text}"',
                words[0].start,
                words[-1].end,
                confidence=0.6,
            )


@register
class GluedFragment(_FragmentCheck):
    id = "FRAG-003"
    name = "cut-off-clause"
    category = "Fluency/Grammar"
    severity = "major"
    summary = "A lower-case, verbless piece of text stands as its own sentence."
    explanation = (
        'A "sentence" that starts in lower case and has no finite verb ("... talked it over. '
        'meeting with the mayor.") is a clause that was cut off from its sentence and glued '
        "to the wrong place; the meaning of both pieces is usually damaged."
    )
    bad_example = "The governor talked it over. meeting with the mayor."
    good_example = "The governor talked it over in a meeting with the mayor."

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        word = _starts_lower(sent, doc_text)
        if word is not None and not _has_finite_verb(sent):
            last = sent.words[-1]
            shown = word.text if last.start == word.start else f"{word.text} … {last.text}"
            yield self.finding(
                f'"{shown}" is a lower-case fragment without a verb',
                word.start,
                last.end,
            )


# Words an English sentence cannot end on (Huddleston & Pullum, The Cambridge Grammar of the
# English Language, ch. 7 and 15): articles and possessive determiners, conjunctions, and
# prepositions, which need an object unless they are stranded. Stranding is legitimate after
# a verb in a relative, wh- or infinitival clause ("the house we looked at", "what are you
# waiting for", "nothing to write with"), after a passive participle ("was dealt with"),
# an adjective ("proud of") or a particle ("look up to"); adverb particles end phrasal verbs
# ("came in", "turned it off", "drags on").
_CUT_DETERMINERS = frozenset({"the", "a", "an", "every", "its", "their", "our", "your"})
_CUT_CONJUNCTIONS = frozenset(
    {"and", "or", "nor", "but", "because", "although", "whereas", "unless", "whether", "than"}
)
# Never stranded in edited text, never particles.
_CUT_ALWAYS = frozenset(
    {"during", "despite", "including", "amid", "amidst", "via", "per", "regarding"}
    | {"concerning", "unlike", "towards", "toward", "onto", "until", "throughout"}
)
# Prepositions that strand only in the constructions above.
_CUT_STRANDABLE = frozenset(
    {"of", "with", "from", "at", "for", "into", "upon", "among", "amongst", "between"}
)
# Prepositions that are also adverbs or particles ("came near", "voted against", "let the
# dog in"): a cut only after a name, a number, a determiner or a comma.
_CUT_ADVERBIAL = frozenset(
    {"near", "against", "without", "within", "in", "on", "by", "over", "under", "as", "to"}
    | {"about", "through"}
)
_STRANDING = frozenset(
    {"which", "who", "whom", "what", "whose", "whatever", "whichever", "where", "how", "than"}
)
_STRANDING_NOUNS = frozenset(
    {"care", "advantage", "use", "fun", "track", "sight", "note", "hold", "notice", "account"}
    | {"rid", "sense", "touch", "contact", "pace", "terms", "grips", "time", "way"}
)
_BUT_PREPOSITION = frozenset({"all", "anything", "nothing", "everything", "none", "everyone"})
_THAT_COMPLEMENTISER = frozenset(
    {"so", "such", "now", "given", "except", "provided", "providing", "assuming", "fact"}
)
# Words that head a complex preposition with "to" ("according to", "due to", "in order to").
_TO_HEADS = frozenset(
    {"according", "due", "prior", "thanks", "contrary", "owing", "pursuant", "similar"}
    | {"addition", "order", "response", "relation", "regard", "respect", "compared", "next"}
    | {"adjacent", "external", "equal", "identical", "comparable", "akin", "opposite"}
    | {"close", "relating", "pertaining", "belonging"}
)
_NOUNS = frozenset({"NN0", "NN1", "NN2", "NP0"})
_NUMBERS = frozenset({"CRD", "ORD"})
_ADJECTIVES = frozenset({"AJ0", "AJC", "AJS"})
_PRONOUN_POS = frozenset({"PNP", "PNX"})
_COMMA_LIKE = frozenset({",", ";", ":"})
# Verbs that take a that-clause but no demonstrative object: "he opined that." is cut, "he
# denied that." may not be.
_CLAUSE_ONLY_VERBS = frozenset(
    {"opined", "opines", "insisted", "insists", "asserted", "asserts", "contended", "contends"}
    | {"reckoned", "reckons", "hoped", "hopes", "remarked", "stressed", "emphasised"}
    | {"emphasized", "presume", "presumed", "assume", "assumed"}
)
_PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they", "it"})


def _zero_relative(words: list[Tagged]) -> bool:
    """A noun followed by a subject pronoun: a relative clause without a relative word
    ("the house we looked at", "the people she works with")."""
    return any(
        a.pos in {"NN0", "NN1", "NN2", "NP0", "PNI"} and b.text.lower() in _PRONOUNS
        for a, b in zip(words, words[1:], strict=False)
    )


def _licensed(words: list[Tagged]) -> bool:
    """Something before the last word can strand a preposition: a wh-word, a relative clause
    without a relative word, an infinitival relative ("nothing to write with", "something to
    be proud of"), an idiom ("made fun of", "taken care of"), "worth" ("worth fighting for")."""
    earlier = words[:-1]
    if any(t.text.lower() in _STRANDING for t in earlier) or _zero_relative(earlier):
        return True
    for j in range(max(1, len(words) - 5), len(words) - 1):
        if words[j].pos == "TO0" and words[j - 1].pos in _NOUNS | {"PNI"}:
            return True
    before, second = words[-2], words[-3]
    if before.text.lower() in _STRANDING_NOUNS and second.pos.startswith("V"):
        return True
    return any(t.text.lower() == "worth" for t in words[-4:-1])


def _inside_phrase(words: list[Tagged]) -> bool:
    """The noun phrase before the last word is the object of a preposition ("at her debut
    in."), so the last word is no particle of a phrasal verb ("turned the lights on.")."""
    k = len(words) - 2
    while k >= 0 and words[k].pos in _NOUNS | _NUMBERS | _ADJECTIVES | {"AT0", "DPS", "POS"}:
        k -= 1
    return k >= 0 and words[k].pos in {"PRP", "PRF"}


def _en_cut_end(tagged: list[Tagged]) -> tuple[Tagged, str] | None:
    """The last word of an English sentence cut in mid-phrase, and what it is; None when the
    sentence ends on a word that can end it."""
    ending = [t for t in tagged if t.text not in _CLOSERS]
    if len(ending) < 4 or ending[-1].text != "." or not ending[-2].text[:1].isalnum():
        return None
    if ending[-3].text in {".", "-", "/", "'"}:
        return None  # "a.k.a.", "U.S."
    words = [t for t in ending if t.text[:1].isalnum() or t.text in _COMMA_LIKE]
    if len(words) < 3:
        return None
    last, before = words[-1], words[-2]
    low = last.text
    if low != low.lower():
        return None  # "Vitamin A.", titles in title case
    pause = before.text in _COMMA_LIKE or before.pos in {"CJC", "CJS"}
    prev = before.text.lower()
    if low in _CUT_DETERMINERS:
        return last, "a determiner"
    if len(words) < 4:
        return None
    if low in _CUT_CONJUNCTIONS:
        if low == "but" and prev in _BUT_PREPOSITION:
            return None
        return last, "a conjunction"
    if low in {"yet", "while", "when", "where"} and (
        before.text in _COMMA_LIKE or (low != "yet" and before.pos in _NOUNS)
    ):
        return last, "a conjunction"  # "… with a pitchfork while." but "for a while."
    if low == "as" and (
        prev in {"such", "well"}
        or pause
        or before.pos in _NOUNS | _NUMBERS | _PRONOUN_POS
        or before.pos.startswith("VV")
    ):
        return last, '"as" without what follows'  # "such as.", "known as.", "worked as."
    if low == "that":
        if prev in _THAT_COMPLEMENTISER or prev in _CLAUSE_ONLY_VERBS:
            return last, '"that" without its clause'
        if before.pos in {"NN1", "NN2"} and not _licensed(words):
            return last, '"that" without its clause'
        return None
    if low in _CUT_ALWAYS or (pause and (low in _CUT_STRANDABLE or low in _CUT_ADVERBIAL)):
        return last, "a preposition without its object"
    if _licensed(words):
        return None
    object_before = before.pos in _NOUNS | _NUMBERS | _PRONOUN_POS
    if low in _CUT_STRANDABLE:
        verb = before.pos.startswith("V") and before.pos != "VVN"  # "was dealt with"
        if object_before or verb or before.pos in _ADJECTIVES:
            return last, "a preposition without its object"  # "he apologised for."
        return None
    if low == "to":
        if prev in _TO_HEADS or object_before:
            return last, "a preposition without its object"
        return None
    if low == "by" and (object_before or before.pos == "VVN"):
        return last, "a preposition without its object"  # "escorted by.", "the Wind by."
    if low not in _CUT_ADVERBIAL:
        return None
    allowed = _NOUNS | _NUMBERS if low not in {"over", "under"} else {"NP0"} | _NUMBERS
    if before.pos in _NUMBERS or (before.pos in allowed and _inside_phrase(words)):
        return last, "a preposition without its object"  # but "a yarn over", "let the dog in"
    return None


@register
class CutMidPhrase(Check):
    id = "FRAG-004"
    name = "sentence-cut-mid-phrase"
    langs = frozenset({"en"})
    category = "Accuracy/Omission"
    severity = "major"
    summary = "An English sentence stops after a word that needs more: 'near.', 'the.', 'and.'"
    explanation = (
        "A sentence that ends on an article, a conjunction, a complementiser 'that' or a "
        "preposition that needs an object ('... in the park near.', '... the minister said "
        "so that.', '... and.') was cut: the translation or the sentence split lost its end. "
        "Prepositions strand legitimately after verbs, adjectives and particles ('the house "
        "we looked at', 'proud of', 'look up to') and in relative clauses ('which he had no "
        "involvement with'), so a final preposition counts only after a noun, a number or a "
        "determiner in a sentence without a wh-word; particles of phrasal verbs ('came in', "
        "'drags on') never count. Lines without a final full stop are left alone."
    )
    bad_example = "The children played in the park near."
    good_example = "The children played in the park near the river."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        found = _en_cut_end(tag(sent.tokens, "en"))
        if found is None:
            return
        last, what = found
        yield self.finding(
            f'the sentence ends on "{last.text}", {what}: its end was cut',
            last.start,
            last.end,
            confidence=0.85,
        )
