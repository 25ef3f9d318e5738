"""False friends in German MT: a German word used in the sense of its English look-alike.

"Er bekam krank" (received) for "he became ill", "eine sensible Entscheidung" (sensitive)
for "a sensible decision", "eventuell gewann er" (possibly) for "eventually he won". A word
alone proves nothing: each pattern in a curated table (``mtaudit/data/de/false_friends.json``,
sources named per entry) pairs the word with context that only fits the English sense, or
with a named grammatical condition below, so the check fires only then.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import json_data
from mtaudit.lang.german import clauses, noun_readings, role_gender, verb_lemmas
from mtaudit.lang.german_cases import (
    adjective_form,
    determiner,
    determiner_readings,
    reliable_readings,
)
from mtaudit.lang.tagging import Tagged, _lock, is_finite_verb, tag, tagger

_REGEX_KEYS = ("clause_re", "unless_re", "next_re")


@lru_cache(maxsize=1)
def _patterns() -> list[dict]:
    patterns = json_data("de/false_friends.json")["patterns"]
    return [
        {
            **p,
            **{f"_{k}": re.compile(p[k]) for k in _REGEX_KEYS if p.get(k)},
            "default": p.get("default", True),
        }
        for p in patterns
    ]


def _lemmas(clause: list[Tagged]) -> dict[str, Tagged]:
    """Lemmas of a clause (lowercased), separable verbs joined, first occurrence kept."""
    found: dict[str, Tagged] = {}
    for item in clause:
        found.setdefault(item.lemma.lower(), item)
    found.update({k: v for k, v in verb_lemmas(clause).items() if k not in found})
    return found


def _text(items: list[Tagged]) -> str:
    return " ".join(f"{t.lemma.lower()}/{t.pos}" for t in items)


# --------------------------------------------------------------------------- tense of verbs

_PRETERITE_SUFFIXES = {"te", "ten", "test", "tet", "ete", "eten", "etest", "etet"}
_PRESENT_IRREGULAR = {"wird", "kann", "weiß", "will", "muss", "darf", "mag", "tritt", "soll"}
_UMLAUTS = set("äöüÄÖÜ")


@lru_cache(maxsize=20_000)
def is_preterite(form: str) -> bool:
    """True for a preterite indicative form ("gewann", "wurde", "überquerte", "war").

    From HanTa's morpheme analysis: a weak -te suffix, or an ablaut stem ("gewann", "ging")
    without a present-tense suffix; umlauted ablaut stems are subjunctive ("käme", "würde")
    or present ("hält"), and the modal-like presents "kann", "wird", "weiß" are left out.
    """
    low = form.lower()
    if low in {"war", "waren", "warst", "wart"}:
        return True
    if low in _PRESENT_IRREGULAR:
        return False
    try:
        with _lock:
            stem, morphs, _ = tagger("de").analyze(form, taglevel=3)
    except Exception:  # noqa: BLE001 - an unanalysable word is simply not a preterite
        return False
    verbal = [(m, t) for m, t in morphs if t.startswith("V")]  # skip prefixes ("unter")
    if not verbal:
        return False
    root, kind = verbal[-1]
    suffix = "".join(m for m, t in morphs if t == "SUF_FIN")
    if suffix in _PRETERITE_SUFFIXES:
        return True
    if not kind.endswith("_VAR") or (set(root) & _UMLAUTS and not set(stem) & _UMLAUTS):
        return False
    return suffix in {"", "e", "en"}


def _past_narrative(clause: list[Tagged], *, full_verb: bool) -> bool:
    """The clause narrates a past fact: a preterite indicative finite verb (a full verb when
    ``full_verb``), no modal, no subjunctive, no future "werden" + infinitive."""
    finite = [t for t in clause if is_finite_verb(t, "de")]
    if not finite or any(t.pos.startswith("VM") for t in clause):
        return False
    if any(t.pos == "VV(INF)" for t in clause) and any(t.lemma == "werden" for t in finite):
        return False
    pool = [t for t in finite if t.pos.startswith("VV")] if full_verb else finite
    return any(is_preterite(t.text) for t in pool)


# ------------------------------------------------------------------ bekommen used as werden

_PP_POS = {"APPR", "APPRART"}
_NP_INNER = {"ART", "ADJ(A)", "CARD", "PPOSAT", "PIAT", "PIDAT", "PDAT", "ADV"}
_ACCUSATIVE_PRONOUNS = {"ihn", "sie", "es", "uns", "euch", "mich", "dich", "ihnen", "ihm", "ihr"}
_NOMINATIVE_PRONOUNS = {"ich", "du", "er", "wir"}
# "zum Geburtstag bekommen", "zu Gesicht bekommen": fixed phrases that are not "werden zu".
_ZU_PHRASES = {
    "geburtstag",
    "weihnachten",
    "belohnung",
    "geschenk",
    "verfügung",
    "gesicht",
    "abschied",
    "strafe",
    "frühstück",
    "essen",
    "mittag",
    "abendessen",
    "hochzeit",
    "ostern",
    "jubiläum",
    "trost",
    "ausgleich",
    "dank",
    "lohn",
    "preis",
}


def _in_pp(clause: list[Tagged], k: int) -> bool:
    """Is the noun at ``k`` inside a prepositional phrase, an attribute of the noun before
    it ("das Drum Magazin", "eine Brutstätte poetischer Kritik") or a second conjunct ("die
    Wolle und der Kersey")? Such nouns add no argument of their own."""
    j = k - 1
    while j >= 0 and clause[j].pos in _NP_INNER:
        j -= 1
    return j >= 0 and clause[j].pos in _PP_POS | {"NN", "NE", "NNA", "KON"}


def _argument_count(clause: list[Tagged]) -> int:
    """Noun phrases and pronouns outside prepositional phrases: subject and objects."""
    count = 0
    for k, item in enumerate(clause):
        noun = item.pos in {"NN", "NE", "NNA"} and not _in_pp(clause, k)
        if noun or item.pos in {"PPER", "PIS", "PDS", "PRELS", "PWS", "PRF"}:
            count += 1
    return count


def _nominative_only(words: list[Tagged]) -> bool:
    """A determiner, adjectives and a noun whose agreeing readings are all nominative
    ("ein regelmäßiger Mitwirkender", "der neue Trainer")."""
    if len(words) < 2 or words[0].pos != "ART" or not words[-1].pos.startswith("NN"):
        return False
    paradigm = determiner(words[0].text)
    readings = determiner_readings(words[0].text) & reliable_readings(words[-1].text)
    if paradigm is None or not readings:
        return False
    for adj in words[1:-1]:
        readings = {
            r for r in readings if adjective_form(adj.text, paradigm.declension, *r) == adj.text
        }
    return bool(readings) and {c for c, _, _ in readings} == {"nom"}


def _noun_phrase_at(clause: list[Tagged], k: int) -> list[Tagged]:
    """The determiner, adjectives and noun starting at ``k`` (empty when there is none)."""
    j = k + 1
    while j < len(clause) and clause[j].pos == "ADJ(A)":
        j += 1
    return clause[k : j + 1] if j < len(clause) and clause[j].pos in {"NN", "NNA"} else []


def _bekommen_copula(clause: list[Tagged], word: Tagged, _sentence: list[Tagged]) -> bool:
    """'bekommen' where only 'werden' fits: a predicate instead of an object.

    (a) "zu einem/zum X" with no object at all in the clause ("Die Hülle bekommt zu einem
    Samenmantel"); (b) a nominative pronoun beside a nominative-only noun phrase ("Er bekam
    ein Unitarier"); (c) a bare singular role noun ("Im Januar bekam er Dozent").
    """
    i = clause.index(word)
    rest = clause[i + 1 :]
    for k, item in enumerate(rest):
        if item.pos not in _PP_POS or item.lemma.lower() != "zu":
            continue
        head = next((t for t in rest[k + 1 :] if t.pos.startswith("NN")), None)
        if head is None or head.lemma.lower() in _ZU_PHRASES:
            return False
        plural = {n for _, n, _ in reliable_readings(head.text)} == {"pl"}
        if item.pos == "APPR" and not plural and rest[k + 1].pos != "ART":
            return False  # "zu Hause", "zu Weihnachten"; "zu Hauptprodukten" is plural
        return _argument_count(clause) <= 1
    before = clause[:i]
    subject = any(t.text.lower() in _NOMINATIVE_PRONOUNS and t.pos == "PPER" for t in clause) or (
        bool(before)
        and before[0].pos in {"NE", "ART", "NN", "PPOSAT"}
        and all(t.pos in _NP_INNER | {"NN", "NE"} for t in before)
    )
    if subject:
        for k, item in enumerate(rest):
            if item.pos == "ART" and _nominative_only(_noun_phrase_at(rest, k)):
                return True
    for k, item in enumerate(clause):
        if item.pos != "NN" or k == 0 or role_gender(item.text) is None:
            continue
        prev = clause[k - 1]
        nxt = clause[k + 1] if k + 1 < len(clause) else None
        numbers = {n for _, n, _ in noun_readings(item.text)}
        if (
            prev.pos in {"PPER", "VV(FIN)", "ADV"}
            and numbers == {"sg"}
            and (nxt is None or not nxt.text[:1].isupper())
        ):
            return True
    return False


# ----------------------------------------------------------------------- also, fast, wer

_PLACE_NOUNS = {
    "stadt",
    "dorf",
    "land",
    "region",
    "ort",
    "hauptstadt",
    "gegend",
    "provinz",
    "hotel",
    "haus",
    "zimmer",
    "raum",
    "halle",
    "stadion",
    "kirche",
    "schule",
    "insel",
    "hafen",
    "bezirk",
    "viertel",
    "tal",
    "küste",
    "gebiet",
    "staat",
}
_QUESTION_VERBS = {
    "fragen",
    "wissen",
    "erfahren",
    "klären",
    "sagen",
    "zeigen",
    "entscheiden",
    "herausfinden",
    "überlegen",
    "rätseln",
    "erklären",
    "verraten",
    "bestimmen",
    "unklar",
    "unbekannt",
    "frage",
}
_LOCATIVE = {"in", "nach", "aus", "bei", "an", "auf", "zu"}


def _wer_after_place(clause: list[Tagged], word: Tagged, sentence: list[Tagged]) -> bool:
    """ ", wer" right after a place ("in Westindien, wer er lebte"): a relative clause about a
    place is introduced by "wo"; "wer" there is English "where". Indirect questions after
    verbs of asking and knowing ("Er fragte in Paris, wer kommt") are left alone."""
    i = next(k for k, t in enumerate(sentence) if t.start == word.start)
    if word.text.lower() != "wer" or i < 2 or sentence[i - 1].pos != "$,":
        return False
    before = sentence[: i - 1]
    if _two_subjects(sentence[i + 1 :]):
        return True
    last = before[-1]
    lemma = last.lemma.lower()
    place = lemma in _PLACE_NOUNS or lemma.endswith(tuple(_PLACE_NOUNS))
    if last.pos == "NE" or (last.pos == "NN" and not reliable_readings(last.text)):
        k = len(before) - 2
        while k >= 0 and before[k].pos in {"NE", "NN", "ART", "ADJ(A)"}:
            k -= 1
        place = k >= 0 and before[k].pos in _PP_POS and before[k].lemma.lower() in _LOCATIVE
    if not place:
        return False
    return not any(
        t.lemma.lower() in _QUESTION_VERBS or t.text.lower() in _QUESTION_VERBS for t in before
    )


_COPULAS = {"sein", "werden", "bleiben", "heißen", "scheinen", "gelten"}


def _two_subjects(rest: list[Tagged]) -> bool:
    """After "wer": another subject whose verb is no copula. "wer er lebte" (wer and er both
    nominative) or "wer sie kopulierten" (plural verb, so "sie" is the subject and "wer"
    would be an object, which it cannot be) is ungrammatical; "wer er ist" is fine."""
    clause = []
    for item in rest:
        if item.pos in {"$,", "$.", "KOUS"}:
            break
        clause.append(item)
    finite = [t for t in clause if is_finite_verb(t, "de")]
    if len(finite) != 1 or any(t.lemma in _COPULAS for t in clause if t.pos.startswith("VA")):
        return False
    verb = finite[-1]
    if verb.lemma in _COPULAS:
        return False
    pronouns = [t.text.lower() for t in clause if t.pos == "PPER" and t.start < verb.start]
    if any(p in _NOMINATIVE_PRONOUNS for p in pronouns):
        return True
    plural = verb.text.lower().endswith("n") or verb.text.lower() == "sind"
    return plural and "sie" in pronouns and not verb.pos.startswith("VM")


def _also_initial(clause: list[Tagged], word: Tagged, sentence: list[Tagged]) -> bool:
    """Sentence-initial "Also" + a noun phrase + the finite verb: "Also Polizisten schlugen
    ...". Sentence adverb "also" takes the first position itself ("Also schlugen ..."), and
    "also" + pronoun is spoken style ("Also ich finde ..."), so only noun phrases count."""
    words = [t for t in sentence if t.pos != "$("]
    if not words or words[0].start != word.start or len(words) < 3:
        return False
    if words[1].pos not in {"ART", "NN", "ADJ(A)", "PPOSAT", "PIAT", "PIDAT", "PDAT", "CARD"}:
        return False
    for item in words[1:]:
        if is_finite_verb(item, "de"):
            return True
        if item.pos not in _NP_INNER | {"NN", "NE"}:
            return False
    return False


def _clause_final(clause: list[Tagged], word: Tagged, sentence: list[Tagged]) -> bool:
    """The word ends its clause and no contrast follows ("fast, aber nicht ganz")."""
    i = next(k for k, t in enumerate(sentence) if t.start == word.start)
    rest = sentence[i + 1 : i + 3]
    if not rest or rest[0].pos == "$.":
        return True
    return rest[0].pos == "$," and (
        len(rest) < 2 or rest[1].lemma.lower() not in {"aber", "doch", "jedoch", "sondern", "oder"}
    )


_REGIONS = {"osten", "westen", "norden", "süden", "eltern"}


def _meinung_of_verb_noun(clause: list[Tagged], word: Tagged, _sentence: list[Tagged]) -> bool:
    """ "die Meinung des Eingreifens": an opinion of a nominalised verb, which holds none."""
    i = clause.index(word)
    rest = clause[i + 1 :]
    if not rest or rest[0].text != "des":
        return False
    head = next((t for t in rest[1:] if t.pos != "ADJ(A)"), None)
    return (
        head is not None
        and head.pos.startswith("NN")
        and head.text.endswith("ens")
        and head.lemma.lower().endswith("en")
        and head.lemma.lower() not in _REGIONS
    )


_CONDITIONS: dict[str, Callable[[list[Tagged], Tagged, list[Tagged]], bool]] = {
    "past_narrative": lambda c, w, s: _past_narrative(c, full_verb=False),
    "past_narrative_full": lambda c, w, s: _past_narrative(c, full_verb=True),
    "copula": _bekommen_copula,
    "wer_after_place": _wer_after_place,
    "also_initial": _also_initial,
    "clause_final": _clause_final,
    "meinung_of_verb_noun": _meinung_of_verb_noun,
}


def _replacement(pattern: dict, word: Tagged) -> str | None:
    """The intended German for the false friend, in the word's form where the table says."""
    low = word.text.lower()
    new = None
    if pattern.get("participle") and word.pos.endswith("(PP)"):
        new = pattern["participle"]
    elif low in (pattern.get("forms") or {}):
        new = pattern["forms"][low]
    elif pattern.get("stem") and low.startswith(pattern["stem"][0]):
        new = pattern["stem"][1] + low[len(pattern["stem"][0]) :]
    if new is None:
        return None
    return new[:1].upper() + new[1:] if word.text[:1].isupper() else new


class _FalseFriendBase(Check):
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    _default_entries = True

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = tag(sent.tokens, "de")
        sentence_text = _text(tagged)
        parts = list(clauses(tagged))
        seen: set[int] = set()
        for clause in parts:
            lemmas = _lemmas(clause)
            text = _text(clause)
            following = _text([t for t in tagged if t.start >= clause[-1].end][:3])
            names = {t.start for t in clause if t.pos == "NE"}
            for pattern in _patterns():
                if pattern["default"] != self._default_entries:
                    continue
                word = next(
                    (
                        lemmas[t]
                        for t in (pattern["trigger"], *pattern.get("lemmas", ()))
                        if t in lemmas
                    ),
                    None,
                )
                if word is None or word.start in seen or self._in_name(word, clause, names):
                    continue
                scope = sentence_text if pattern.get("scope") == "sentence" else text
                if "_clause_re" in pattern and not pattern["_clause_re"].search(scope):
                    continue
                if "_unless_re" in pattern and pattern["_unless_re"].search(scope):
                    continue
                if "_next_re" in pattern and not pattern["_next_re"].search(following):
                    continue
                condition = pattern.get("condition")
                if condition and not _CONDITIONS[condition](clause, word, tagged):
                    continue
                seen.add(word.start)
                fix = _replacement(pattern, word)
                yield self.finding(
                    f'"{word.text}" means "{pattern["means"]}", not "{pattern["english"]}"; '
                    f"use {pattern['use']}",
                    word.start,
                    word.end,
                    confidence=0.9 if sent.rt_touches(word.start, word.end) else 0.75,
                    replacements=[fix] if fix else [],
                )

    @staticmethod
    def _in_name(word: Tagged, clause: list[Tagged], names: set[int]) -> bool:
        """A noun that is part of a proper name ("Stadium Arcadium") rather than the word."""
        if word.pos != "NN":
            return False
        i = clause.index(word)
        neighbours = clause[max(0, i - 1) : i] + clause[i + 1 : i + 2]
        return any(t.start in names for t in neighbours)


@register
class FalseFriend(_FalseFriendBase):
    id = "DE-SENSE-001"
    name = "false friend"
    summary = "A German word used in the sense of a similar English word it does not share."
    explanation = (
        "Look-alike words invite word-for-word MT errors: 'bekommen' means to receive, not to "
        "become; 'eventuell' possibly, not eventually; 'sensibel' sensitive, not sensible; "
        "'Gift' poison, not a present. Each entry of a curated table (sources: textbook and "
        "teaching lists of English-German false friends, meanings checked against Duden) names "
        "a word and a context that only fits the English sense: a predicative adjective after "
        "'bekommen', 'eventuell' with a narrated past fact, 'sondern also', a birthday near "
        "'Gift', ', wer' after a place. The message says what the German word means and the "
        "replacement is the intended word."
    )
    bad_example = "Nach der Impfung mit der zweiten Dose des Impfstoffs fühlte sie sich müde."
    good_example = "Nach der zweiten Dosis des Impfstoffs fühlte sie sich müde."


@register
class FalseFriendLoose(_FalseFriendBase):
    id = "DE-SENSE-002"
    name = "false friend (register or weak context)"
    summary = "A false-friend reading that Duden accepts or that the context only suggests."
    explanation = (
        "Entries of the false-friend table whose English sense is accepted in some German "
        "('realisieren, dass ...' is recorded by Duden as educated usage) or whose context "
        "only suggests it ('aber also der ...' for 'but also the ...'). Worth a look in MT "
        "output; a language model should confirm each finding."
    )
    bad_example = "Erst später realisierte er, dass der Zug längst abgefahren war."
    good_example = "Erst später begriff er, dass der Zug längst abgefahren war."
    default_enabled = False
    lm_confirmed = True
    _default_entries = False
    off_reason = (
        "The English sense is accepted German for some entries ('realisieren' = erkennen is "
        "in Duden as educated usage), and the context of others ('aber also') is only "
        "suggestive. Measured: 0 of 4,784 dev and 0 of 4,683 test clean sentences; recall "
        "on de.false_friend (dev) 0.3% of 300. The words are rare in the clean sample, so "
        "the clean figure says little; a language model should confirm each finding."
    )
