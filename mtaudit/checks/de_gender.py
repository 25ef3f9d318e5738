"""Gender coherence of person mentions in German.

English role nouns ("minister", "spokesperson") carry no gender, German ones do
("Ministerin"/"Minister"), and English pronouns are resolved differently. MT therefore
writes "Umweltministerin Anna Meier ... seinem Vorschlag" or "Bundeskanzler Angela ...".
Checks link a person mention (gendered role noun or "Herr"/"Frau" apposed to a name) to
the pronouns after it, to other mentions of the same name, and to a first-name list,
and fire only where no other antecedent could explain the disagreement.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.checks.base import Check, DocumentView, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang.german import (
    first_name_gender,
    grammar_data,
    noun_genders,
    noun_readings,
    role_gender,
    verb_number,
)
from mtaudit.lang.german_cases import determiner_readings
from mtaudit.lang.tagging import Tagged, is_finite_verb, tag

_TITLES = {"herr": "m", "herrn": "m", "frau": "f"}
_WORD = {"f": "feminine", "m": "masculine"}
# Third-person singular pronouns by gender; possessives are matched on the lemma.
_PRONOUNS = {"m": {"er", "ihn", "ihm"}, "f": {"sie", "ihr"}}
_POSSESSIVE = {"m": "sein", "f": "ihr"}


@dataclass(frozen=True)
class Mention:
    """A person named with a gender marker: "Umweltministerin Anna Meier", "Herr Meier"."""

    marker: Tagged
    gender: str
    names: tuple[Tagged, ...]

    @property
    def start(self) -> int:
        return self.marker.start

    @property
    def end(self) -> int:
        return self.names[-1].end

    @property
    def surname(self) -> str:
        return self.names[-1].text

    @property
    def first_name(self) -> str | None:
        first = self.names[0].text
        return first if len(self.names) > 1 or first_name_gender(first) else None

    def text(self, sent: SentenceView) -> str:
        return sent.span(self.start, self.end)


def _is_name(item: Tagged) -> bool:
    """NE, or a capitalised word that is no known noun (HanTa tags unknown surnames as
    verbs or adjectives: "Holt", "Lang")."""
    return item.text[:1].isupper() and (item.pos == "NE" or not noun_readings(item.text))


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    """Particles inside a name ("de", "van", "bin"); "von"/"zu" are left out, since after a
    name they are mostly prepositions ("Präsident Macron von Frankreich")."""
    rows = {row["particle"] for row in table("generic/name_particles.tsv")}
    return frozenset(rows - {"von", "vom", "zu", "zur", "zum"})


def mentions(tagged: list[Tagged]) -> list[Mention]:
    """Gender-marked person mentions: a role noun or title directly followed by a name."""
    found = []
    for i, item in enumerate(tagged):
        gender = _TITLES.get(item.text.lower()) if item.text[:1].isupper() else None
        titled = gender is not None
        if gender is None and item.pos in {"NN", "NE"}:
            gender = role_gender(item.text)  # "Richter" opening a sentence is tagged NE
        if gender is None:
            continue
        names: list[Tagged] = []
        window = tagged[i + 1 : i + 6]
        for k, nxt in enumerate(window):
            # "Louis de Freycinet": a particle between names belongs to the name
            particle = (
                names
                and nxt.text in _name_particles()
                and k + 1 < len(window)
                and _is_name(window[k + 1])
            )
            # after "Herr"/"Frau" even a noun is a surname ("Frau Sommer")
            if not (particle or _is_name(nxt) or (titled and not names and nxt.pos == "NN")):
                break
            names.append(nxt)
        determined = i > 0 and tagged[i - 1].pos in {"ART", "PPOSAT", "PDAT"}
        if names and not (determined and names[-1].text.endswith("s")):
            found.append(Mention(item, gender, tuple(names)))  # not "der Managerin Müllers"
    return found


def _blocks(item: Tagged, pronoun_gender: str) -> bool:
    """Could this word be what a pronoun of ``pronoun_gender`` refers to instead?"""
    if item.pos in {"PIS", "PDS"}:
        return True  # "jeder muss seinen Beitrag leisten"
    if item.pos == "NE" or (item.pos == "NN" and not noun_readings(item.text)):
        return first_name_gender(item.text) != ("m" if pronoun_gender == "f" else "f")
    if item.pos != "NN":
        return False
    readings = noun_readings(item.text)
    genders = {g for _, n, g in readings if n == "sg"}
    if pronoun_gender == "m":
        return bool(genders & {"m", "n"})
    return "f" in genders or any(n == "pl" for _, n, _ in readings)


def _pronoun_gender(item: Tagged) -> str | None:
    """Gender of a third-person singular pronoun or possessive, read leniently ("ihr" too)."""
    if item.pos == "PPOSAT":
        return next((g for g, lemma in _POSSESSIVE.items() if item.lemma.lower() == lemma), None)
    if item.pos == "PPER":
        return next((g for g, words in _PRONOUNS.items() if item.text.lower() in words), None)
    return None


def _clearly(item: Tagged, nxt: Tagged | None, gender: str) -> bool:
    """A pronoun that can only be a singular person of ``gender``.

    "sie"/"ihr" are also plural and formal, so for "she" only "sie" before a singular
    finite verb counts.
    """
    if _pronoun_gender(item) != gender:
        return False
    if gender == "m":
        return True
    return (
        item.text == "sie"
        and nxt is not None
        and is_finite_verb(nxt, "de")
        and not nxt.text.endswith("n")
    )


def _tag(sent: SentenceView) -> list[Tagged]:
    return tag(sent.tokens, "de")


@register
class RolePronounGender(Check):
    id = "DE-GENDER-001"
    name = "pronoun contradicts a gendered person mention"
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A feminine person mention is followed by a masculine pronoun, or the reverse."
    explanation = (
        "German role nouns and titles fix a person's gender ('Umweltministerin Anna Meier', "
        "'Herr Kraus'). MT resolves English 'his/her/its' on its own and often writes the "
        "wrong one. The check links a gender-marked name to the first pronoun or possessive "
        "of the other gender in the same or next sentence, and fires only when no other noun "
        "or name that could take that pronoun stands between them or earlier in the sentence."
    )
    bad_example = "Intendantin Anna Meier stellte seinen Spielplan in Bremen vor."
    good_example = "Intendantin Anna Meier stellte ihren Spielplan in Bremen vor."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        tagged = [_tag(s) for s in doc.sentences]
        for si, sent in enumerate(doc.sentences):
            for mention in mentions(tagged[si]):
                found = self._contradiction(mention, tagged[si], tagged[si + 1 : si + 2])
                if found is not None:
                    other = "f" if mention.gender == "m" else "m"
                    yield self.finding(
                        f'"{mention.text(sent)}" ({_WORD[mention.gender]}) is referred to as '
                        f'"{found.text}" ({_WORD[other]})',
                        found.start,
                        found.end,
                        confidence=0.8,
                    )

    @staticmethod
    def _contradiction(
        mention: Mention, words: list[Tagged], following: list[list[Tagged]]
    ) -> Tagged | None:
        other = "f" if mention.gender == "m" else "m"
        own = {mention.marker.start, *(n.start for n in mention.names)}
        stream = [*words, *(t for sent in following for t in sent)]
        for i, item in enumerate(stream):
            if item.start in own:
                continue
            nxt = stream[i + 1] if i + 1 < len(stream) else None
            if item.start > mention.end and _clearly(item, nxt, other):
                return item
            if _blocks(item, other) or _pronoun_gender(item) is not None:
                return None  # another antecedent, or the person is referred to correctly
        return None


@register
class NameGenderConflict(Check):
    id = "DE-GENDER-002"
    name = "one person, two genders"
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "The same name is marked feminine in one place and masculine in another."
    explanation = (
        "Within one document a person keeps one gender: 'Präsidentin Meier' and later "
        "'Präsident Meier' or 'Herr Meier' is an MT inconsistency. Mentions are grouped by "
        "surname (and first name when both give one); the check fires on the mentions that "
        "disagree with the document's majority, or with the first mention on a tie."
    )
    bad_example = "Ministerin Laura Brandt reiste ab. Später sagte Minister Brandt, es sei gut."
    good_example = "Ministerin Laura Brandt reiste ab. Später sagte Ministerin Brandt, es sei gut."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        groups: dict[str, list[tuple[Mention, SentenceView]]] = {}
        for sent in doc.sentences:
            for mention in mentions(_tag(sent)):
                groups.setdefault(mention.surname, []).append((mention, sent))
        for group in groups.values():
            firsts = {m.first_name for m, _ in group if m.first_name}
            genders = [m.gender for m, _ in group]
            if len(firsts) > 1 or len(set(genders)) < 2:
                continue  # two different people, or no conflict
            majority = max(("f", "m"), key=lambda g: (genders.count(g), g == genders[0]))
            ref_m, ref_s = next((m, s) for m, s in group if m.gender == majority)
            for mention, sent in group:
                if mention.gender != majority:
                    yield self.finding(
                        f'"{mention.text(sent)}" ({_WORD[mention.gender]}) names the same '
                        f'person as "{ref_m.text(ref_s)}" ({_WORD[majority]})',
                        mention.start,
                        mention.end,
                        confidence=0.8,
                    )


@register
class FirstNameRoleGender(Check):
    id = "DE-GENDER-003"
    name = "role noun contradicts the first name"
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A gendered role noun or title stands before a first name of the other gender."
    explanation = (
        "'Bundeskanzler Angela ...' or 'Sprecherin Thomas ...' shows that MT picked the "
        "default gender of an English role noun. First names come from a list of names that "
        "are unambiguous in US census data (public domain); names that are used for both "
        "genders are not listed, so the check stays silent on them."
    )
    bad_example = "Bürgermeister Karen Holt eröffnete die Brücke."
    good_example = "Bürgermeisterin Karen Holt eröffnete die Brücke."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for mention in mentions(_tag(sent)):
            first = mention.first_name
            gender = first_name_gender(first) if first else None
            if gender and gender != mention.gender:
                yield self.finding(
                    f'"{mention.marker.text}" ({_WORD[mention.gender]}) before the '
                    f'{_WORD[gender]} first name "{first}"',
                    mention.start,
                    mention.end,
                    confidence=0.85,
                )


# --- DE-GENDER-004: the subject's gender against what refers back to it ---------------------

# Prepositions whose names/nouns are places or times, never owners ("in Paris", "nach Rom").
_LOCATIVE = {"in", "im", "ins", "nach", "aus", "am", "durch"}
# A comma followed by these keeps the main subject: "um ... zu" takes it as implicit subject,
# adverbial clauses usually repeat it. "dass", bare commas (reported speech) and relative
# clauses bring in other people, so the scan stops there.
_INFINITIVAL = {"um", "ohne", "statt", "anstatt"}
_ADVERBIAL = {
    "weil",
    "da",
    "nachdem",
    "bevor",
    "obwohl",
    "obgleich",
    "sobald",
    "seit",
    "seitdem",
    "indem",
    "ehe",
    "solange",
}
_MONTHS = {
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
}
_STOPS = {"$(", "$.", "PRELS", "PRELAT", "PWS", "PWAT", "PWAV", "KOUS", "KOKOM"}
_OWNER_POS = {"PIS", "PDS", "PIAT", "PRELS"}  # "jeder ... seinen", "man ... sein"


def _other(gender: str) -> str:
    return "f" if gender == "m" else "m"


def _plural_verb(item: Tagged) -> bool:
    """Plural finite verb forms end in -en/-ern/-eln ("waren", "wandern"), or are "sind"."""
    word = item.text.lower()
    return word == "sind" or word.endswith(("en", "ern", "eln"))


def _tail_genders(word: str) -> frozenset[str] | None:
    """Genders of a noun's singular readings, unknown compounds by their longest known tail;
    None when no tail is known (callers then assume it could be an owner)."""
    for k in range(0, max(1, len(word) - 3)):
        tail = word[k:] if k == 0 else word[k:].capitalize()
        readings = noun_readings(tail)
        if readings:
            return frozenset(g for _, n, g in readings if n == "sg") | (
                frozenset({"pl"}) if any(n == "pl" for _, n, _ in readings) else frozenset()
            )
    return None


def _could_own(item: Tagged, gender: str, prep: str | None, subject: str) -> bool:
    """Could ``item`` be the antecedent of a pronoun/possessive of ``gender``?

    Names after a locative preposition and time nouns are places and dates; a name whose
    first-name gender is the subject's cannot take the other gender's pronoun.
    """
    if item.pos in _OWNER_POS:
        return True
    unknown_name = item.text[:1].isupper() and item.pos.startswith(("ADJ", "VV", "FM", "XY"))
    if item.pos == "NE" or unknown_name:  # HanTa tags unknown surnames as verbs/adjectives
        if prep in _LOCATIVE:
            return False
        return first_name_gender(item.text) != subject
    if not item.pos.startswith("NN"):
        return False
    if item.text in _time_nouns():
        return False
    genders = _tail_genders(item.text)
    if genders is None:
        return True
    if gender == "m":
        return bool(genders & {"m", "n"})
    return bool(genders & {"f", "pl"})


def _is_person(item: Tagged) -> bool:
    """A masculine person noun, inflected or not ("Präsidenten", "Kollegen"): its lemma has a
    feminine -in counterpart."""
    lemma = item.lemma if item.lemma[:1].isupper() else item.text
    if role_gender(lemma) == "m" or role_gender(item.text) == "m":
        return True
    return lemma.endswith("e") and noun_genders(lemma[:-1] + "in") == {"f"}


@lru_cache(maxsize=1)
def _time_nouns() -> frozenset[str]:
    return frozenset(grammar_data()["time_nouns"])


def _article_fits(item: Tagged, gender: str) -> bool:
    """A determiner before a nominative role noun: "die/eine" feminine, "der/ein" masculine."""
    word = item.text.lower()
    return word in ({"die", "eine"} if gender == "f" else {"der", "ein"})


def subject_position(tagged: list[Tagged], mention: Mention) -> bool:
    """True when the mention is the subject of the sentence's main clause.

    Either it opens the sentence ("(Japans) (neue) Ministerin X traf ...": determiner,
    adjectives and a genitive name may come first) and a finite verb follows the name, or it
    stands right after the finite verb of a main clause whose first field is only an adverb
    or a prepositional phrase ("Am Montag traf Ministerin X ...").
    """
    i = next(k for k, t in enumerate(tagged) if t.start == mention.marker.start)
    k = next(k for k, t in enumerate(tagged) if t.start == mention.names[-1].start) + 1
    j = i
    while j > 0 and (
        tagged[j - 1].pos == "ADJ(A)"
        or (tagged[j - 1].pos == "NE" and tagged[j - 1].text.endswith("s"))
    ):
        j -= 1
    if j > 0 and tagged[j - 1].pos == "ART":
        if not _article_fits(tagged[j - 1], mention.gender):
            return False
        j -= 1
    before = [t for t in tagged[:j] if t.pos != "$("]
    if (
        before
        and before[-1].pos == "KON"
        and before[-1].text.lower() in {"und", "aber", "doch"}
        and (len(before) == 1 or before[-2].pos == "$,")
    ):
        before = []  # "..., und der Bandit warnt ...": a new main clause begins
    if not before:
        return k < len(tagged) and is_finite_verb(tagged[k], "de")
    verb, field = before[-1], before[:-1]
    if not is_finite_verb(verb, "de") or not field:
        return False
    if field[-1].pos == "$," and field[0].pos in {"KOUS", "KOUI", "APPR"}:
        # "Um zu gewinnen, muss ein Wrestler ...": a clause fills the first field; one that
        # names someone else ("Als er ankam, traf Ministerin X seinen Bruder") may own it
        other = _other(mention.gender)
        return not any(_blocks(t, other) or _pronoun_gender(t) is not None for t in field)
    allowed = {"ADV", "APPR", "APPRART", "ART", "ADJ(A)", "ADJ(D)", "NN", "NE", "CARD", "PAV"}
    return field[0].pos in {"ADV", "APPR", "APPRART", "PAV", "ADJ(D)"} and all(
        t.pos in allowed for t in field
    )


@dataclass(frozen=True)
class BackReference:
    """A pronoun or possessive that refers back to a subject mention."""

    item: Tagged
    next_sentence: bool


def _scan(
    words: list[Tagged],
    subject: str,
    *,
    stop_at_clauses: bool,
    new_sentence: bool = False,
    lenient: bool = False,
) -> tuple[Tagged | None, bool]:
    """Walk ``words`` looking for a back-reference of the other gender.

    Returns (reference, open): the reference found, or None; ``open`` is False when the walk
    met another possible antecedent, a pronoun of the subject's own gender or (with
    ``stop_at_clauses``) a clause that may be about someone else. Personal pronouns count in
    a ``new_sentence`` and right after an adverbial subordinator; in the subject's own clause
    "ihn/ihm" cannot be the subject (that would be "sich"). ", wo" after a place keeps the
    subject ("kehrte nach Bonn zurück, wo er ..."). With ``lenient`` a lowercase "ihr-"
    possessive counts for a masculine subject too (it may also be plural or refer to someone
    outside the sentence, so only DE-GENDER-006 uses it).
    """
    other = _other(subject)
    adverbial_start = new_sentence
    prep: str | None = None
    thing = False  # a masculine/neuter thing inside a prepositional phrase was passed
    for i, item in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        word = item.text.lower()
        if item.pos == "$,":
            if thing:
                return None, False  # "über den Haushalt, um seine Lücken ...": too far to tell
            prep, adverbial_start = None, False
            follow = nxt.text.lower() if nxt else ""
            if follow in _INFINITIVAL or (nxt is not None and nxt.pos == "KON"):
                continue
            if follow in _ADVERBIAL or follow == "wo":
                continue
            if nxt is not None and is_finite_verb(nxt, "de"):
                continue  # "..., traf seinen Kollegen": the same subject goes on
            if stop_at_clauses:
                return None, False
            continue
        if item.pos == "KOUS" and word in _ADVERBIAL:
            adverbial_start = True
            continue
        if item.pos == "PWAV" and word == "wo" and i and words[i - 1].pos == "$,":
            adverbial_start = True  # ", wo er ...": a place clause about the subject
            continue
        if (
            item.pos == "$."
            and i
            and words[i - 1].pos == "CARD"
            and nxt is not None
            and nxt.text.lower() in _MONTHS
        ):
            continue  # "am 17. Mai": an ordinal date, not the end of the sentence
        if item.pos in _STOPS:
            if item.pos == "$." or stop_at_clauses:
                return None, item.pos == "$." and not thing
            continue
        gender = _pronoun_gender(item)
        if gender == subject or (item.pos == "PPER" and word in {"es", "man"}):
            return None, False
        if gender == other:
            possessive = item.pos == "PPOSAT" and (
                other == "m" or (lenient and item.text[:1].islower())
            )
            if possessive:
                prev = words[i - 1] if i else None
                if (
                    prev is not None
                    and prev.pos == "KON"
                    and i > 1
                    and _could_own(words[i - 2], other, None, subject)
                ):
                    return None, False  # "in Japan und seinen Nachbarländern"
                return (item, True) if not (thing and new_sentence) else (None, False)
            if thing:
                return None, False  # "über den Vertrag, weil er ...": "er" may be the thing
            if new_sentence and item.pos == "PPER" and word in {"ihn", "ihm"}:
                return item, True
            if adverbial_start and item.pos == "PPER" and word in {"er", "sie"}:
                before = [words[i - 1]] if new_sentence and i else []
                verb = next(
                    (t for t in [*before, *words[i + 1 :]] if is_finite_verb(t, "de")), None
                )
                if word == "er" or (verb is not None and not _plural_verb(verb)):
                    return item, True
            return None, False  # ihn/ihm: binding rules out the subject; "ihr-": too vague
        if item.pos in {"APPR", "APPRART"}:
            prep = word
        elif not (
            item.pos.startswith(("NN", "NE", "ART", "ADJ", "CARD", "PPOSAT")) or item.pos == "PIAT"
        ):
            prep = None
        adverbial_start = adverbial_start and new_sentence
        if _could_own(item, other, prep, subject):
            if not (prep and item.pos.startswith("NN") and not _is_person(item)):
                return None, False
            thing = True  # possessives still count, unless coordinated with it (see above)
    return None, not thing


def _lead(words: list[Tagged]) -> list[Tagged]:
    """The first field of a sentence plus the word after its finite verb ("Dort traf er")."""
    for i, item in enumerate(words):
        if is_finite_verb(item, "de"):
            return words[: i + 2]
    return words[:2]


def back_reference(
    mention: Mention, words: list[Tagged], following: list[Tagged], lenient: bool = False
) -> BackReference | None:
    """The first pronoun/possessive of the other gender that can only mean the subject."""
    after = [t for t in words if t.start >= mention.end]
    found, open_ = _scan(after, mention.gender, stop_at_clauses=True, lenient=lenient)
    if found is not None:
        return BackReference(found, False)
    if not following:
        return None
    # next sentence: the whole rest of this one must hold no other antecedent
    _, clear = _scan(after, mention.gender, stop_at_clauses=False)
    if not clear:
        return None
    lead = _lead(following)
    found, _ = _scan(lead, mention.gender, stop_at_clauses=True, new_sentence=True, lenient=lenient)
    if found is None:
        return None
    if found.text.lower() == "sie":
        pos = lead.index(found)
        verb = next((t for t in lead[pos - 1 : pos + 2] if is_finite_verb(t, "de")), None)
        if verb is None or _plural_verb(verb):
            return None  # plural or formal "Sie"
    elif found.pos == "PPER" and found.text.lower() != "er":
        return None
    return BackReference(found, True)


@register
class SubjectBackReference(Check):
    id = "DE-GENDER-004"
    name = "back-reference contradicts the subject's gender"
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = (
        "A gendered role noun + name is the subject, and a later possessive or pronoun "
        "of the other gender refers back to it."
    )
    explanation = (
        "MT picks the gender of 'minister' and of 'his/her' independently, so 'Japans "
        "Handelsministerin Kenji Tanaka ... um mit seinem Amtskollegen zu sprechen' is common. "
        "When a role noun (or Herr/Frau) with a name is the main-clause subject, a 'sein-' "
        "possessive later in the clause or in an 'um ... zu' clause, or 'er'/'sein-' opening "
        "the next sentence, refers back to it; so does 'er'/'sie' after an adverbial "
        "subordinator ('weil', 'indem', 'nachdem' ...) or after ', wo' following a place "
        "('kehrte nach Bonn zurück, wo er ...'). The check stays silent when another masculine "
        "or neuter noun or name could own the possessive (place names after 'in/nach/aus' and "
        "time nouns excepted), inside relative, 'dass' and reported clauses, and where "
        "DE-GENDER-001 already reports the same mention. For a masculine subject only "
        "'sie' with a singular verb counts: 'ihr-' may be plural or formal, so it is skipped. "
        "The finding spans the role noun through the name."
    )
    bad_example = "Perus Handelsministerin Peter Lund flog nach Oslo, um seinen Kollegen zu sehen."
    good_example = "Perus Handelsminister Peter Lund flog nach Oslo, um seinen Kollegen zu sehen."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        tagged = [_tag(s) for s in doc.sentences]
        for si, sent in enumerate(doc.sentences):
            following = tagged[si + 1] if si + 1 < len(tagged) else []
            for mention in mentions(tagged[si]):
                if not subject_position(tagged[si], mention):
                    continue
                if RolePronounGender._contradiction(mention, tagged[si], [following]):
                    continue  # DE-GENDER-001 reports it already
                ref = back_reference(mention, tagged[si], following)
                if ref is None:
                    continue
                other = _other(mention.gender)
                where = "in the next sentence " if ref.next_sentence else ""
                confidence = 0.65 if ref.next_sentence else 0.75
                if sent.rt_touches(mention.marker.start, mention.marker.end):
                    confidence += 0.1
                yield self.finding(
                    f'"{mention.marker.text}" ({_WORD[mention.gender]}) but "{ref.item.text}" '
                    f"({_WORD[other]}) {where}refers back to the same person",
                    mention.start,
                    mention.end,
                    confidence=confidence,
                )


# --- DE-GENDER-005: a relative pronoun of the other gender right after a person -------------

_REL_MASCULINE = {"der", "den", "dem", "dessen"}
_REL_FEMININE = {"die", "der", "deren"}
# Relative pronouns that can only refer to a singular antecedent of the other gender, with
# the right form for the antecedent's gender (case kept).
_REL_WRONG = {
    "m": {"die": ("der", "den"), "deren": ("dessen",)},
    "f": {"dem": ("der",), "dessen": ("deren",), "den": ("die",), "der": ("die",)},
}
_SUBJECT_PRONOUNS = {"ich", "du", "er", "sie", "es", "wir", "ihr", "man"}


@dataclass(frozen=True)
class RelativeAntecedent:
    """A gendered, singular person noun phrase right before ", der/die/dessen/deren"."""

    marker: Tagged
    gender: str
    first: int  # index of the phrase's first token
    names: tuple[Tagged, ...]


def _singular_person(tagged: list[Tagged], comma: int) -> RelativeAntecedent | None:
    """The role noun (or Herr/Frau) and names ending at ``comma`` - 1, when the words make it
    a singular person of one gender that the relative clause must refer to.

    Left out: a phrase that is a genitive or "von" attribute of a noun before it ("der Sohn
    der Ministerin, der ...": the relative may mean the son), a coordination ("der Kanzler
    und die Ministerin, die ..."), a plural or case-ambiguous phrase ("der Lehrer" may be a
    genitive plural), and a first name of the other gender (DE-GENDER-003 reports that)."""
    k = comma - 1
    names: list[Tagged] = []
    while k >= 0 and len(names) < 3 and _is_name(tagged[k]) and not role_gender(tagged[k].text):
        names.insert(0, tagged[k])
        k -= 1
    if k < 0:
        return None
    marker = tagged[k]
    gender = _TITLES.get(marker.text.lower()) if marker.text[:1].isupper() else None
    if gender is None and marker.pos in {"NN", "NE"}:
        gender = role_gender(marker.text)
    if gender is None:
        return None
    j = k - 1
    while j >= 0 and tagged[j].pos == "ADJ(A)":
        j -= 1
    det = tagged[j] if j >= 0 and tagged[j].pos in {"ART", "PPOSAT", "PDAT", "PIAT"} else None
    first = j if det is not None else j + 1
    readings = noun_readings(marker.text)
    if det is not None:
        readings = readings & determiner_readings(det.text)
        if first == 0:  # "Der Sprecher, die ...": no genitive plural opens a sentence
            readings = {r for r in readings if r[0] != "gen"}
    numbers = {n for _, n, _ in readings}
    if not names and (det is None or numbers != {"sg"}):
        return None
    if names and "sg" not in numbers:
        return None
    before = tagged[first - 1] if first > 0 else None
    if before is not None and (
        before.pos in {"NN", "NE", "KON"} or (before.pos == "APPR" and before.text == "von")
    ):
        return None
    if names:
        given = first_name_gender(names[0].text) if len(names) > 1 else None
        if given and given != gender:
            return None
    return RelativeAntecedent(marker, gender, first, tuple(names))


def _relative_clause(tagged: list[Tagged], start: int) -> list[Tagged]:
    out = []
    for item in tagged[start:]:
        if item.pos in {"$,", "$.", "$("}:
            break
        out.append(item)
    return out


def _has_other_subject(clause: list[Tagged]) -> bool:
    """Could a word of the relative clause (after the pronoun) be its subject?"""
    for k, item in enumerate(clause[1:], 1):
        if item.pos == "PPER" and item.text.lower() in _SUBJECT_PRONOUNS:
            return True
        if item.pos in {"PIS", "PDS", "PWS"}:
            return True
        if item.pos in {"NN", "NE", "NNA"}:
            j = k - 1
            while j > 0 and clause[j].pos in {"ART", "ADJ(A)", "CARD", "PPOSAT", "PIAT", "ADV"}:
                j -= 1
            if clause[j].pos not in {"APPR", "APPRART"}:
                return True
    return False


@register
class RelativePronounGender(Check):
    id = "DE-GENDER-005"
    name = "relative pronoun contradicts a gendered person"
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A relative pronoun right after a gendered person takes the other gender."
    explanation = (
        "English 'who' has no gender; German 'der/die/dessen/deren' must agree with the "
        "person. MT writes 'Bürgermeisterin Anna Berg, dessen Amtszeit ...' or 'ein "
        "erfahrener Richter, die ...'. The check takes a role noun or Herr/Frau with its "
        "names right before ', der/die/...', whose article or names make it one singular "
        "person, and fires when the pronoun cannot refer to that person: 'die'/'deren' after "
        "a man, 'dem'/'dessen'/'den' after a woman, and 'der' after a woman when nothing "
        "else in the relative clause can be its subject (then 'der' is a masculine "
        "nominative, not a feminine dative). Phrases that are the genitive or 'von' attribute "
        "of another noun, coordinations and first names of the other gender are left alone."
    )
    bad_example = "Bürgermeisterin Anna Berg, dessen Amtszeit im Mai endet, eröffnete die Brücke."
    good_example = "Bürgermeisterin Anna Berg, deren Amtszeit im Mai endet, eröffnete die Brücke."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = _tag(sent)
        for i, item in enumerate(tagged):
            if item.pos not in {"PRELS", "PRELAT"} or i < 2 or tagged[i - 1].pos != "$,":
                continue
            rel = item.text.lower()
            nxt = tagged[i + 1] if i + 1 < len(tagged) else None
            if item.pos == "PRELS" and nxt is not None and nxt.pos in {"NN", "ADJ(A)"}:
                continue  # "…, die Regierung und …": an article, not a pronoun
            person = _singular_person(tagged, i - 1)
            if person is None or rel not in _REL_WRONG[person.gender]:
                continue
            clause = _relative_clause(tagged, i)
            fixes = _REL_WRONG[person.gender][rel]
            if rel in {"der", "die"}:
                other = _has_other_subject(clause)
                if rel == "der" and other:
                    continue  # "die Ministerin, der er dankte": a feminine dative
                if rel == "die":  # "der" as subject, "den" when another word is the subject
                    nominative = any(
                        t.pos == "PPER" and t.text.lower() in {"ich", "du", "er", "wir"}
                        for t in clause
                    )
                    fixes = fixes[1:] if nominative else fixes if other else fixes[:1]
            phrase = sent.span(
                tagged[person.first].start, (person.names or (person.marker,))[-1].end
            )
            yield self.finding(
                f'"{item.text}" refers to "{phrase}" ({_WORD[person.gender]}) but is '
                f"{'feminine or plural' if person.gender == 'm' else 'masculine'}; "
                f'use "{fixes[0]}"',
                item.start,
                item.end,
                confidence=0.8,
                replacements=[_like(f, item.text) for f in fixes],
            )


def _like(word: str, model: str) -> str:
    return word.capitalize() if model[:1].isupper() else word


# --- DE-GENDER-006: the same for a role noun without a name, and "ihr-" after a man ----------


def role_subjects(tagged: list[Tagged]) -> list[Mention]:
    """Person mentions that may be a clause subject: named ones (see :func:`mentions`) and a
    gendered role noun with an article that makes it singular ("der Wrestler", "eine
    Ärztin"; not "der Lehrer", which may be a genitive plural)."""
    found = mentions(tagged)
    named = {m.marker.start for m in found}
    for i, item in enumerate(tagged):
        if item.pos != "NN" or item.start in named:
            continue
        gender = role_gender(item.text)
        if gender is None:
            continue
        j = i - 1
        while j >= 0 and tagged[j].pos == "ADJ(A)":
            j -= 1
        if j < 0 or tagged[j].pos != "ART" or not _article_fits(tagged[j], gender):
            continue
        readings = noun_readings(item.text) & determiner_readings(tagged[j].text)
        nxt = tagged[i + 1] if i + 1 < len(tagged) else None
        if nxt is not None and is_finite_verb(nxt, "de") and verb_number(nxt.text) == "sg":
            readings = {r for r in readings if r[1] == "sg"}  # "Der Lehrer lobte": no plural
        if readings and all(n == "sg" and g == gender for _, n, g in readings):
            found.append(Mention(item, gender, (item,)))
    return found


@register
class RoleBackReferenceLoose(Check):
    id = "DE-GENDER-006"
    name = "back-reference contradicts a role-noun subject"
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = (
        "A gendered role noun is the subject, with or without a name, and a later pronoun or "
        "possessive of the other gender refers back to it; 'ihr-' after a man counts too."
    )
    explanation = (
        "DE-GENDER-004 needs a name after the role noun and leaves 'ihr-' after a masculine "
        "subject alone, because 'ihr' is also plural and formal. This wider check takes any "
        "singular role-noun subject ('Der Wrestler drückt ihren Unterarm ...') and also reads "
        "a lowercase 'ihr-' possessive as 'her' when no feminine or plural noun, name or "
        "pronoun stands before it in the sentence. The same walk as DE-GENDER-004 decides what "
        "could be another antecedent, and the check is silent when the previous sentence holds "
        "a noun, name or pronoun that could own the possessive. Mentions that DE-GENDER-001 or "
        "-004 already report are skipped."
    )
    bad_example = "Der Wrestler drückt dann ihren Unterarm gegen die Kehle des Gegners."
    good_example = "Der Wrestler drückt dann seinen Unterarm gegen die Kehle des Gegners."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        tagged = [_tag(s) for s in doc.sentences]
        for si, sent in enumerate(doc.sentences):
            following = tagged[si + 1] if si + 1 < len(tagged) else []
            for mention in role_subjects(tagged[si]):
                if not subject_position(tagged[si], mention):
                    continue
                named = mention.names[-1] is not mention.marker
                if named and (
                    RolePronounGender._contradiction(mention, tagged[si], [following])
                    or back_reference(mention, tagged[si], following)
                ):
                    continue  # DE-GENDER-001 or DE-GENDER-004 reports it
                ref = back_reference(mention, tagged[si], following, lenient=True)
                if ref is None:
                    continue
                other = _other(mention.gender)
                if si and any(
                    _blocks(t, other) or _pronoun_gender(t) == other for t in tagged[si - 1]
                ):
                    continue  # the previous sentence may hold the owner ("Ein Junge kam ...")
                where = "in the next sentence " if ref.next_sentence else ""
                yield self.finding(
                    f'"{mention.text(sent)}" ({_WORD[mention.gender]}) but "{ref.item.text}" '
                    f"({_WORD[other]}) {where}refers back to the same person",
                    ref.item.start,
                    ref.item.end,
                    confidence=0.55 if ref.next_sentence else 0.65,
                    replacements=_swap_possessive(ref.item),
                )


def _swap_possessive(item: Tagged) -> list[str]:
    """ "ihren" -> "seinen", "seine" -> "ihre", "er" -> "sie", "sie" -> "er"."""
    low = item.text.lower()
    if item.pos == "PPOSAT":
        if low.startswith("ihr"):
            return [_like("sein" + low[3:], item.text)]
        if low.startswith("sein"):
            return [_like("ihr" + low[4:], item.text)]
        return []
    return [_like(new, item.text)] if (new := {"er": "sie", "sie": "er"}.get(low)) else []
