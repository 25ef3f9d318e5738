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
from importlib import resources

from mtaudit.checks.base import Check, DocumentView, Finding, SentenceView, register
from mtaudit.checks.de_grammar import noun_genders, noun_readings
from mtaudit.nlp import Tagged, is_finite_verb, tag

_UMLAUT = str.maketrans("äöüÄÖÜ", "aouAOU")
_TITLES = {"herr": "m", "herrn": "m", "frau": "f"}
_WORD = {"f": "feminine", "m": "masculine"}
# Third-person singular pronouns by gender; possessives are matched on the lemma.
_PRONOUNS = {"m": {"er", "ihn", "ihm"}, "f": {"sie", "ihr"}}
_POSSESSIVE = {"m": "sein", "f": "ihr"}


@lru_cache(maxsize=50_000)
def role_gender(word: str) -> str | None:
    """ "f" for a feminine person noun with a masculine base (Sprecherin/Sprecher),
    "m" for a masculine one with a feminine counterpart (Präsident/Präsidentin), else None.

    Unknown compounds are decided by their longest known tail ("Vizeaußenministerin").
    """
    for k in range(0, max(1, len(word) - 4)):
        tail = word[k:] if k == 0 else word[k:].capitalize()
        if not noun_readings(tail):
            continue
        genders = noun_genders(tail)
        if genders == {"f"} and tail.endswith("in"):
            base = tail[:-2]
            if any("m" in noun_genders(b) for b in (base, base.translate(_UMLAUT))):
                return "f"
        feminine = (tail + "in", _umlauted(tail) + "in")
        if genders == {"m"} and any(noun_genders(f) == {"f"} for f in feminine):
            return "m"
        return None
    return None


def _umlauted(word: str) -> str:
    """Arzt -> Ärzt: feminine role nouns often umlaut the last stem vowel."""
    for i in range(len(word) - 1, -1, -1):
        if word[i] in "aou":
            return word[:i] + {"a": "ä", "o": "ö", "u": "ü"}[word[i]] + word[i + 1:]
    return word


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    path = resources.files("mtaudit").joinpath("data/de/first_names.tsv")
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    return {name: gender.strip() for name, gender in rows[1:]}


def first_name_gender(name: str) -> str | None:
    """Gender of an unambiguous first name; the GPL gender-guesser is used only if installed."""
    found = _first_names().get(name.capitalize())
    if found:
        return found
    try:
        import gender_guesser.detector as gd  # optional extra (GPL-3), never required
    except ImportError:
        return None
    return {"male": "m", "female": "f"}.get(_guesser(gd).get_gender(name))


@lru_cache(maxsize=1)
def _guesser(module):
    return module.Detector(case_sensitive=False)


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
        names = []
        for nxt in tagged[i + 1:i + 4]:
            # after "Herr"/"Frau" even a noun is a surname ("Frau Sommer")
            if not (_is_name(nxt) or (titled and not names and nxt.pos == "NN")):
                break
            names.append(nxt)
        determined = i > 0 and tagged[i - 1].pos in {"ART", "PPOSAT", "PDAT"}
        if names and not (determined and names[-1].text.endswith("s")):
            found.append(Mention(item, gender, tuple(names)))  # not "der Managerin Müllers"
    return found


def _blocks(item: Tagged, pronoun_gender: str) -> bool:
    """Could this word be what a pronoun of ``pronoun_gender`` refers to instead?"""
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
    return (item.text == "sie" and nxt is not None and is_finite_verb(nxt, "de")
            and not nxt.text.endswith("n"))


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
    bad_example = "Außenministerin Anna Meier stellte seinen Plan in Brüssel vor."
    good_example = "Außenministerin Anna Meier stellte ihren Plan in Brüssel vor."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        tagged = [_tag(s) for s in doc.sentences]
        for si, sent in enumerate(doc.sentences):
            for mention in mentions(tagged[si]):
                found = self._contradiction(mention, tagged[si], tagged[si + 1:si + 2])
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
    def _contradiction(mention: Mention, words: list[Tagged],
                       following: list[list[Tagged]]) -> Tagged | None:
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
