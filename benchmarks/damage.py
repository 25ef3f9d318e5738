"""Damage types for the held-out detection benchmark (``bench_detection.py``).

A *damage type* is a way machine translation garbles a sentence, named for the damage
(``de.word_order.v2``), not for the check meant to catch it: several checks may catch one
damage type, or none. Each type has a language, a one-line description and an
``inject(sentence, rng) -> str | None`` that applies the damage to any clean sentence and
returns None when the sentence offers no place for it.

The rules are general transformations found with HanTa tags (STTS for German, CLAWS5 for
English), the ``german_nouns`` table (Wiktionary), wordfreq and regular expressions. None of
them lists sentences, and none reads ``mtaudit/data`` or the seed texts: this suite must stay
independent of the project's lexicons so it can measure them. Where a damage is lexical
(false friends, calques, untranslated nouns, near-synonyms) the word list is small and its
outside source is named in a comment above it.

    from benchmarks.damage import DAMAGES
    DAMAGES["de.word_order.v2"].inject("Danach sind wir gegangen.", random.Random(1))
    # -> "Danach wir sind gegangen."
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import top_n_list, zipf_frequency

try:  # the module layout of mtaudit is being reorganised; accept both homes
    from mtaudit.lang.tagging import Tagged, is_finite_verb, tag
    from mtaudit.lang.tokens import tokens
except ImportError:  # pragma: no cover - older layout
    from mtaudit.nlp import Tagged, is_finite_verb, tag
    from mtaudit.text import tokens

Injector = Callable[[str, random.Random], "str | None"]


@dataclass(frozen=True)
class Damage:
    """One damage type: ``inject`` returns the damaged sentence or None."""

    name: str
    lang: str
    description: str
    inject: Injector


DAMAGES: dict[str, Damage] = {}


def damage(name: str, lang: str, description: str) -> Callable[[Injector], Injector]:
    """Register the decorated function as damage type ``name``."""

    def deco(fn: Injector) -> Injector:
        if name in DAMAGES:
            raise ValueError(f"damage type {name} registered twice")
        DAMAGES[name] = Damage(name, lang, description, fn)
        return fn

    return deco


def damages_for(lang: str) -> list[Damage]:
    return [d for d in DAMAGES.values() if d.lang == lang]


# ---------------------------------------------------------------------------------- helpers


@lru_cache(maxsize=20_000)
def _tag_cached(s: str, lang: str) -> tuple[Tagged, ...]:
    return tuple(tag(tokens(s), lang))


def _tag(s: str, lang: str = "de") -> list[Tagged]:
    return list(_tag_cached(s, lang))


def _sub(s: str, start: int, end: int, new: str) -> str:
    return s[:start] + new + s[end:]


def _case_like(new: str, old: str) -> str:
    """``new`` with the first letter upper-cased when ``old`` starts upper-case."""
    if old[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def _pick_site(rng: random.Random, s: str, sites: list[tuple[int, int, str]]) -> str | None:
    """Apply one (start, end, replacement) site chosen at random; None when none or no-op."""
    if not sites:
        return None
    start, end, new = rng.choice(sites)
    out = _sub(s, start, end, new)
    return out if out != s else None


def _regex_sites(
    s: str, rules: list[tuple[str, str]], flags: int = 0
) -> list[tuple[int, int, str]]:
    """Every match of every (pattern, template) rule, as substitution sites."""
    sites = []
    for pattern, template in rules:
        for m in re.finditer(pattern, s, flags):
            new = m.expand(template)
            sites.append((m.start(), m.end(), _case_like(new, m.group())))
    return sites


# German noun table (german_nouns, from Wiktionary, CC BY-SA 4.0), read independently of
# mtaudit's own helpers so the suite does not move when the checks' helpers change.

_CASES = {"nominativ": "nom", "genitiv": "gen", "dativ": "dat", "akkusativ": "acc"}


@lru_cache(maxsize=1)
def _nouns():
    from german_nouns.lookup import Nouns

    return Nouns()


@lru_cache(maxsize=100_000)
def noun_readings(word: str) -> frozenset[tuple[str, str, str]]:
    """(case, number, gender) readings of a German noun form; empty when unknown."""
    out = set()
    for entry in _nouns()[word]:
        genders = {entry.get(k) for k in ("genus", "genus 1", "genus 2", "genus 3")} - {None}
        for key, form in (entry.get("flexion") or {}).items():
            parts = key.replace("*", "").split()
            if form != word or len(parts) < 2 or parts[0] not in _CASES:
                continue
            number = "pl" if parts[1] == "plural" else "sg"
            for gender in genders if number == "sg" else {""}:
                out.add((_CASES[parts[0]], number, gender))
    return frozenset(out)


def noun_genders(word: str) -> frozenset[str]:
    """Genders of ``word`` read as a singular noun form."""
    return frozenset(g for _, n, g in noun_readings(word) if n == "sg")


def _numbers(word: str) -> set[str]:
    return {n for _, n, _ in noun_readings(word)}


_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


# ------------------------------------------------------------------ German: word order

# Nominative personal pronouns that can open a subject phrase.
_NOM_PRON = {"ich", "du", "er", "sie", "es", "wir", "ihr", "man"}
_DET_POS = {"ART", "PPOSAT", "PDAT", "PIAT"}
_INSIDE_NP = {"ADJ(A)", "ADV", "CARD", "ADJ(D)", "PIAT"}
# Vorfeld openers that are not the subject: adverbs, pronominal adverbs, prepositional
# phrases, predicative adjectives, wh-adverbs.
_VORFELD = {"ADV", "PROAV", "APPR", "APPRART", "ADJ(D)", "PWAV"}
# Subordinating conjunctions (a closed class; HanTa tags some of them APPR or KOKOM).
_SUBORDINATORS = {
    "als",
    "wenn",
    "weil",
    "obwohl",
    "nachdem",
    "während",
    "bevor",
    "da",
    "sobald",
    "falls",
    "seit",
    "seitdem",
    "ob",
    "dass",
    "damit",
    "indem",
    "sodass",
    "bis",
    "solange",
    "wie",
}
# Focus particles: fronted with the subject they stay grammatical ("Auch er ging").
_FOCUS = {
    "auch",
    "nur",
    "sogar",
    "selbst",
    "noch",
    "schon",
    "erst",
    "gerade",
    "bereits",
    "eben",
    "allein",
    "besonders",
    "vor",
    "nicht",
    "ja",
    "doch",
    "wohl",
    "mal",
    "so",
}


def _subject_end(tg: list[Tagged], i: int) -> int | None:
    """Last index of a subject-like phrase that starts at ``i`` (pronoun, name, det … noun)."""
    if i >= len(tg):
        return None
    t = tg[i]
    if t.pos == "PPER" and t.text.lower() in _NOM_PRON:
        return i
    if t.pos == "NE":
        j = i
        while j + 1 < len(tg) and tg[j + 1].pos == "NE":
            j += 1
        return j
    if t.pos in _DET_POS:
        j = i + 1
        while j < len(tg) and tg[j].pos in _INSIDE_NP and j - i < 5:
            j += 1
        if j < len(tg) and tg[j].pos in {"NN", "NE"}:
            while j + 1 < len(tg) and tg[j + 1].pos == "NE":
                j += 1
            return j
    return None


def _move_after(s: str, tg: list[Tagged], verb: int, after: int) -> str:
    """Move token ``verb`` to just after token ``after`` (after < verb or after > verb)."""
    v = tg[verb]
    if after > verb:  # remove the verb, then insert further right
        without = s[: v.start] + s[tg[verb + 1].start :]
        shift = tg[verb + 1].start - v.start
        pos = tg[after].end - shift
        return without[:pos] + " " + v.text + without[pos:]
    out = s[: tg[verb - 1].end] + s[v.end :]
    pos = tg[after].end
    return out[:pos] + " " + v.text + out[pos:]


@damage(
    "de.word_order.v2",
    "de",
    "main clause with a non-subject first: the finite verb moves after the subject "
    "('Danach sind wir gegangen' -> 'Danach wir sind gegangen')",
)
def de_v2(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    k = 0
    while k < len(tg) and tg[k].pos == "$(":
        k += 1
    if k >= len(tg):
        return None
    sites: list[tuple[int, int]] = []
    if tg[k].pos in _VORFELD:
        for v in range(k + 1, len(tg)):
            if tg[v].pos in {"$,", "$.", "KOUS", "KON"}:
                break
            if is_finite_verb(tg[v], "de"):
                end = _subject_end(tg, v + 1)
                if end is not None and end + 1 < len(tg):
                    sites.append((v, end))
                break
    if tg[k].pos == "KOUS" or tg[k].text.lower() in _SUBORDINATORS:
        # "Als er kam, sahen wir ihn" -> "Als er kam, wir sahen ihn"
        comma = next((i for i in range(k + 1, len(tg)) if tg[i].pos == "$,"), None)
        if (
            comma is not None
            and comma + 2 < len(tg)
            and is_finite_verb(tg[comma + 1], "de")
            and is_finite_verb(tg[comma - 1], "de")
        ):
            end = _subject_end(tg, comma + 2)
            if end is not None and end + 1 < len(tg):
                sites.append((comma + 1, end))
    subj = _subject_end(tg, k)
    if subj is not None and subj + 1 < len(tg) and is_finite_verb(tg[subj + 1], "de"):
        # "Er ging dann nach Hause" -> "Dann er ging nach Hause": an adverb fronted before
        # the subject, the way English word order carries over
        for a in range(subj + 2, len(tg)):
            if tg[a].pos in {"$,", "$.", "KOUS", "KON"}:
                break
            if tg[a].pos in {"ADV", "PROAV"} and tg[a].text.lower() not in _FOCUS:
                sites.append((k, -a))
    if not sites:
        return None
    verb, end = rng.choice(sites)
    if end < 0:  # front the adverb at -end before the subject that starts at ``verb``
        adv, first = tg[-end], tg[verb]
        rest = s[: tg[-end - 1].end] + s[adv.end :]
        head = (
            first.text
            if first.pos in {"NE", "NN"} or first.text == "Sie"
            else (first.text[:1].lower() + first.text[1:])
        )
        word = adv.text[:1].upper() + adv.text[1:]
        return rest[: first.start] + word + " " + head + rest[first.end :]
    return _move_after(s, tg, verb, end)


def _sub_clauses(tg: list[Tagged]) -> list[tuple[int, int, int, int]]:
    """(opener, verbs_start, clause_end, finite) for subordinate and relative clauses that
    end in their verb complex: opener = index of the subordinator or relative pronoun,
    verbs_start..clause_end (exclusive) the clause-final verbs, finite the finite one."""
    out = []
    for k, t in enumerate(tg):
        relative = t.pos in {"PRELS", "PRELAT"} and k and tg[k - 1].pos in {"$,", "APPR"}
        if t.pos != "KOUS" and t.text.lower() not in _SUBORDINATORS and not relative:
            continue
        end = k + 1
        while (
            end < len(tg)
            and not tg[end].pos.startswith("$")
            and tg[end].pos not in {"KOUS", "KON", "PRELS"}
        ):
            end += 1
        v = end
        while v - 1 > k and (tg[v - 1].pos.startswith("V") or tg[v - 1].pos == "PTKZU"):
            v -= 1
        finite = [i for i in range(v, end) if is_finite_verb(tg[i], "de")]
        if v == end or not finite or v - k < 2:
            continue
        out.append((k, v, end, finite[-1]))
    return out


@damage(
    "de.word_order.verb_final",
    "de",
    "finite verb of a subordinate or relative clause moved from the clause end to after "
    "its subject ('obwohl sie keine Zeit hatte' -> 'obwohl sie hatte keine Zeit')",
)
def de_verb_final(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    sites = []
    for k, v, _end, fin in _sub_clauses(tg):
        subj = _subject_end(tg, k + 1)
        if subj is not None and subj + 1 < v:
            sites.append((fin, subj))
        elif v > k + 1:
            sites.append((fin, k))
    if not sites:
        return None
    fin, after = rng.choice(sites)
    return _move_after(s, tg, fin, after)


@damage(
    "de.truncated.subclause",
    "de",
    "sentence cut off inside a subordinate or relative clause, before its verbs "
    "('Er sagte, dass die Regierung die Steuern erhöhen werde.' -> '… die Steuern.')",
)
def de_truncated(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    clauses = _sub_clauses(tg)
    if not clauses:
        return None
    _k, v, _end, _fin = rng.choice(clauses)
    return s[: tg[v - 1].end].rstrip(" ,;:") + "."


@damage(
    "de.omission.clause_verb",
    "de",
    "the clause-final verbs of a subordinate or relative clause are dropped, the "
    "sentence goes on ('den ich gestern gesehen habe, wohnt' -> 'den ich gestern, wohnt')",
)
def de_drop_clause_verbs(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    clauses = _sub_clauses(tg)
    if not clauses:
        return None
    _k, v, end, _fin = rng.choice(clauses)
    return s[: tg[v - 1].end] + s[tg[end - 1].end :]


# -------------------------------------------------------------- German: case after prepositions

# Standard German grammar (Duden Grammatik; any textbook table of "Präpositionen mit Dativ /
# mit Akkusativ"): these prepositions always govern the dative or the accusative.
_DAT_PREPS = {"mit", "aus", "von", "bei", "zu", "nach", "seit", "gegenüber"}
_ACC_PREPS = {"ohne", "für", "durch", "gegen", "um"}
_DAT_TO_WRONG = {
    "der": ["die"],
    "den": ["die"],
    "einer": ["eine"],
    "dem": ["den", "das"],
    "einem": ["einen", "ein"],
}
_ACC_TO_WRONG = {
    "den": ["dem"],
    "die": ["der", "den"],
    "das": ["dem"],
    "einen": ["einem"],
    "eine": ["einer"],
    "ein": ["einem"],
}
_POSS = re.compile(r"^(mein|dein|sein|ihr|unser|euer|kein)(e|em|en|er|es)?$", re.IGNORECASE)


def _wrong_case(prep: str, word: str) -> list[str]:
    low = word.lower()
    table = _DAT_TO_WRONG if prep in _DAT_PREPS else _ACC_TO_WRONG
    if low in table:
        return table[low]
    m = _POSS.match(low)
    if not m:
        return []
    stem, ending = m.group(1), m.group(2) or ""
    if prep in _DAT_PREPS:
        wrong = {"em": ["en", ""], "er": ["e"], "en": ["e"]}.get(ending, [])
    else:
        wrong = {"en": ["em"], "e": ["er"], "": ["em"]}.get(ending, [])
    return [stem + w for w in wrong]


@damage(
    "de.case.preposition",
    "de",
    "article or possessive after a dative/accusative preposition put in the wrong case "
    "('mit dem Auto' -> 'mit das Auto', 'für die Kinder' -> 'für der Kinder')",
)
def de_prep_case(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    sites = []
    for prep, det in zip(tg, tg[1:], strict=False):
        p = prep.text.lower()
        if prep.pos != "APPR" or p not in _DAT_PREPS | _ACC_PREPS:
            continue
        if det.pos not in {"ART", "PPOSAT", "PIAT"}:
            continue
        for wrong in _wrong_case(p, det.text):
            sites.append((det.start, det.end, _case_like(wrong, det.text)))
    return _pick_site(rng, s, sites)


# ----------------------------------------------------------------- German: false friends

# English–German false friends, from Wikipedia, "List of false friends" (English–German
# entries) and de.wikipedia "Liste falscher Freunde": the right German word is replaced by
# the German look-alike of the English word (become -> bekommen, eventually -> eventuell,
# actually -> aktuell, sensible -> sensibel, also -> also, billion -> Billion, gift -> Gift,
# brave -> brav, meaning -> Meinung, caution -> Kaution, note -> Note, rent -> Rente,
# ordinary -> ordinär, where -> wer, will -> will).
_WERDEN_TO_BEKOMMEN = {
    "wird": "bekommt",
    "wurde": "bekam",
    "wurden": "bekamen",
    "werden": "bekommen",
    "werde": "bekomme",
    "wirst": "bekommst",
    "würde": "bekäme",
    "würden": "bekämen",
}
_WERDEN_TO_WOLLEN = {
    "wird": "will",
    "werden": "wollen",
    "werde": "will",
    "wirst": "willst",
    "würde": "wollte",
    "würden": "wollten",
}
_FF_WORDS = [  # (pattern of the right German word, false friend); endings are kept
    (r"\b(?:schließlich|letztendlich|letztlich)\b", "eventuell"),
    (r"\b(?:tatsächlich|eigentlich)(e[nmrs]?)?\b", r"aktuell\1"),
    (r"\bauch\b", "also"),
    (r"\b(?:vernünftig|sinnvoll)(e[nmrs]?)?\b", r"sensibl\1"),  # sensibel, sensible
    (r"\bMilliarde\b", "Billion"),
    (r"\bMilliarden\b", "Billionen"),
    (r"\bGeschenk(e|en|es|s)?\b", r"Gift\1"),
    (r"\bmutig(e[nmrs]?)?\b", r"brav\1"),
    (r"\bBedeutung(en)?\b", r"Meinung\1"),
    (r"\bVorsicht\b", "Kaution"),
    (r"\bNotiz(en)?\b", r"Note\1"),
    (r"\bMiete(n)?\b", r"Rente\1"),
    (r"\bgewöhnlich(e[nmrs]?)\b", r"ordinär\1"),
]


def _clause_of(tg: list[Tagged], i: int) -> list[Tagged]:
    lo = i
    while lo > 0 and tg[lo - 1].pos not in {"$,", "$.", "KOUS", "PRELS"}:
        lo -= 1
    hi = i
    while hi + 1 < len(tg) and tg[hi + 1].pos not in {"$,", "$.", "KOUS", "PRELS"}:
        hi += 1
    return tg[lo : hi + 1]


@damage(
    "de.false_friend",
    "de",
    "a German word replaced by the German look-alike of its English translation "
    "(wurde krank -> bekam krank, schließlich -> eventuell, tatsächlich -> aktuell, "
    "auch -> also, vernünftig -> sensibel, Milliarde -> Billion, wird kommen -> will "
    "kommen …)",
)
def de_false_friend(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    sites: list[tuple[int, int, str]] = []
    for i, t in enumerate(tg):
        if t.lemma != "werden" or not is_finite_verb(t, "de"):
            continue
        clause = _clause_of(tg, i)
        pos = {c.pos for c in clause}
        low = t.text.lower()
        if "VV(PP)" in pos or "VA(PP)" in pos or "VM(PP)" in pos:
            continue  # passive
        if pos & {"VV(INF)", "VA(INF)", "VM(INF)"}:
            if low in _WERDEN_TO_WOLLEN:
                sites.append((t.start, t.end, _case_like(_WERDEN_TO_WOLLEN[low], t.text)))
        elif low in _WERDEN_TO_BEKOMMEN and pos & {"ADJ(D)", "NN"}:
            sites.append((t.start, t.end, _case_like(_WERDEN_TO_BEKOMMEN[low], t.text)))
    low_start = s[:1].lower() + s[1:]  # lets adverbs match at the sentence start
    for pattern, template in _FF_WORDS:
        noun = template[:1].isupper()
        for m in re.finditer(pattern, s if noun else low_start):
            if not noun and m.start() and s[m.start()].isupper():
                continue
            new = m.expand(template)
            new = "sensibel" if new == "sensibl" else new
            sites.append((m.start(), m.end(), _case_like(new, s[m.start() : m.end()])))
    for t in tg:  # where -> wer ("die Stadt, wo er lebt" -> "die Stadt, wer er lebt")
        if t.text.lower() == "wo" and t.pos in {"PWAV", "PRELS", "ADV"}:
            sites.append((t.start, t.end, _case_like("wer", t.text)))
    return _pick_site(rng, s, sites)


# ------------------------------------------------------------------- German: name gender


def _deumlaut(w: str) -> str:
    return w.translate(str.maketrans("ÄÖÜäöü", "AOUaou"))


@lru_cache(maxsize=50_000)
def role_gender(word: str) -> str | None:
    """'f' for a feminine person noun in -in with a masculine base (Bürgermeisterin), 'm'
    for a masculine noun whose -in form is a feminine noun (Präsident); else None."""
    if not word[:1].isupper() or not word.isalpha():
        return None
    genders = noun_genders(word)
    if genders == {"f"} and word.endswith("in") and len(word) > 5:
        base = word[:-2]
        if any(noun_genders(b) == {"m"} for b in (base, _deumlaut(base))):
            return "f"
    if genders == {"m"} and noun_genders(word + "in") == {"f"}:
        return "m"
    return None


def _role_mentions(tg: list[Tagged]) -> list[tuple[int, str]]:
    """(index, gender) of gendered person nouns: role nouns and Herr/Frau before a name."""
    out = []
    for i, t in enumerate(tg):
        if t.text in {"Herr", "Herrn", "Frau"} and i + 1 < len(tg) and tg[i + 1].pos == "NE":
            out.append((i, "f" if t.text == "Frau" else "m"))
        elif t.pos == "NN" and (g := role_gender(t.text)) and "sg" in _numbers(t.text):
            out.append((i, g))
    return out


_REL_SWAP = {
    "f": {"die": "der", "der": "dem", "deren": "dessen"},
    "m": {"der": "die", "den": "die", "dem": "der", "dessen": "deren"},
}


def _back_reference(tg: list[Tagged], i: int, gender: str, stop: int) -> tuple | None:
    """The first word after a role noun at ``i`` that refers back to it, with its
    other-gender form: a relative pronoun right after it (names in between allowed), a
    possessive, or a subject pronoun ("er"; "sie" before a singular verb)."""
    j = i + 1
    while j < len(tg) and tg[j].pos == "NE":
        j += 1
    if j + 1 < len(tg) and tg[j].pos == "$," and tg[j + 1].pos in {"PRELS", "PRELAT"}:
        rel = tg[j + 1]
        new = _REL_SWAP[gender].get(rel.text)
        return (rel, new) if new else None
    for n in range(i + 1, stop):
        t = tg[n]
        low = t.text.lower()
        if t.pos == "PPOSAT" and gender == "f" and low.startswith("ihr"):
            return t, _case_like("sein" + low[3:], t.text)
        if t.pos == "PPOSAT" and gender == "m" and low.startswith("sein"):
            return t, _case_like("ihr" + low[4:], t.text)
        if t.pos == "PPER" and gender == "m" and low == "er":
            return t, _case_like("sie", t.text)
        if (
            t.pos == "PPER"
            and gender == "f"
            and low == "sie"
            and tg[n - 1].pos not in {"APPR", "APPRART"}  # "auf sie" is accusative
            and n + 1 < len(tg)
            and (is_finite_verb(tg[n + 1], "de") and not tg[n + 1].text.endswith("n"))
        ):
            return t, _case_like("er", t.text)
    return None


@damage(
    "de.gender.role_reference",
    "de",
    "a word that refers back to a gendered person noun takes the other gender: "
    "relative pronoun, possessive or pronoun ('Die Bürgermeisterin, die …' -> '…, der "
    "…'; '… ihren Plan' -> '… seinen Plan'; 'Der Minister … er' -> '… sie')",
)
def de_gender_reference(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    sites = []
    mentions = _role_mentions(tg)
    for n, (i, gender) in enumerate(mentions):
        stop = mentions[n + 1][0] if n + 1 < len(mentions) else len(tg)
        found = _back_reference(tg, i, gender, stop)
        if found:
            sites.append((found[0].start, found[0].end, found[1]))
    return _pick_site(rng, s, sites)


# ------------------------------------------------------------ German: English name spellings

# German vs English romanisation, after the comparison tables in Wikipedia, "Romanization
# of Russian" (Duden German vs BGN/PCGS English columns) and "Romanization of Arabic": German
# writes tsch/sch/dsch/ch/w/j/s/z where English writes ch/sh/j/kh/v/y/z/ts.
_SLAVIC_END = re.compile(r"(?:ow|ew|owa|ewa|ij|yj|ow[sz]?ki|ew[sz]?ki|itsch|owna|ewna)s?$")
_SLAVIC_START = re.compile(r"^(?:Wl|Wj|Tsch|Schtsch)")


def english_romanisation(name: str) -> str | None:
    """English-style spelling of a name in German transliteration (Tschechow -> Chekhov),
    or None when the name shows no sign of German transliteration (a Slavic ending or
    start, or Arabic "Dsch-")."""
    slavic = bool(_SLAVIC_END.search(name) or _SLAVIC_START.search(name))
    arabic = name.startswith("Dsch")
    if not (slavic or arabic):
        return None
    w = name.replace("schtsch", "\x01").replace("Schtsch", "\x02")
    w = w.replace("tsch", "\x03").replace("Tsch", "\x04")
    w = w.replace("dsch", "\x05").replace("Dsch", "\x06")
    w = w.replace("sch", "\x07").replace("Sch", "\x08")
    w = w.replace("ch", "kh").replace("Ch", "Kh")
    if slavic:
        w = w.replace("w", "v").replace("W", "V")
        w = re.sub(r"(?<=[aeiouy])s(?=[aeiouy])", "z", w)
        w = w.replace("z", "ts") if "z" in name else w
        w = re.sub(r"^J(?=[aeiouä])", "Y", w)
        w = re.sub(r"ij(s?)$", r"y\1", w)
        w = w.replace("j", "y")
    for code, text in {
        "\x01": "shch",
        "\x02": "Shch",
        "\x03": "ch",
        "\x04": "Ch",
        "\x05": "j",
        "\x06": "J",
        "\x07": "sh",
        "\x08": "Sh",
    }.items():
        w = w.replace(code, text)
    return w if w != name else None


@damage(
    "de.names.english_spelling",
    "de",
    "a name in German transliteration spelled the English way (Wladimir -> Vladimir, "
    "Tschechow -> Chekhov, Lawrow -> Lavrov, Dschidda -> Jidda)",
)
def de_english_names(s: str, rng: random.Random) -> str | None:
    names = sorted(
        {
            t.text
            for t in _tag(s)
            if len(t.text) >= 4
            and t.text[:1].isupper()
            and t.text.isalpha()
            and (t.pos == "NE" or not noun_readings(t.text))
        }
    )
    options = [
        (n, e) for n in names if zipf_frequency(n, "en") < 2.5 and (e := english_romanisation(n))
    ]
    if not options:
        return None
    name, english = rng.choice(options)
    return re.sub(rf"\b{name}\b", english, s)


# The same tables read the other way: English (BGN/PCGS) to German (Duden) romanisation.
_EN_SLAVIC_END = re.compile(r"(?:ov|ev|ova|eva|sky|skiy|skaya|enko|vich|ovna|evna|yev|yov)s?$")
_EN_SLAVIC_START = re.compile(r"^(?:Vl|Zh|Kh|Shch|Ts|Yu|Ya|Ye)")


def german_romanisation(name: str) -> str | None:
    """German-style spelling of a name in English romanisation (Chekhov -> Tschechow), or
    None when the name shows no sign of English romanisation of Russian/Ukrainian."""
    if not (_EN_SLAVIC_END.search(name) or _EN_SLAVIC_START.search(name)):
        return None
    w = name.replace("shch", "\x01").replace("Shch", "\x02")
    w = w.replace("kh", "\x03").replace("Kh", "\x04")
    w = w.replace("Tch", "\x06").replace("tch", "\x05")
    w = w.replace("ch", "\x05").replace("Ch", "\x06")
    w = w.replace("sh", "\x07").replace("Sh", "\x08")
    w = w.replace("zh", "\x09").replace("Zh", "\x0b")
    w = w.replace("ts", "z").replace("Ts", "Z")
    w = re.sub(r"(?<=[aeiou])s(?=[aeiou])", "ss", w)
    w = w.replace("v", "w").replace("V", "W")
    w = re.sub(r"^Y(?=[aeiou])", "J", w)
    w = re.sub(r"sky(s?)$", r"ski\1", w)
    w = re.sub(r"(?<=[aeiou])y(?=[aeiou]|$)", "j", w)
    for code, text in {
        "\x01": "schtsch",
        "\x02": "Schtsch",
        "\x03": "ch",
        "\x04": "Ch",
        "\x05": "tsch",
        "\x06": "Tsch",
        "\x07": "sch",
        "\x08": "Sch",
        "\x09": "sch",
        "\x0b": "Sch",
    }.items():
        w = w.replace(code, text)
    return w if w != name else None


@damage(
    "en.names.german_spelling",
    "en",
    "a Russian/Ukrainian name in English romanisation spelled the German way "
    "(Chekhov -> Tschechow, Vladimir -> Wladimir, Gorbachev -> Gorbatschew)",
)
def en_german_names(s: str, rng: random.Random) -> str | None:
    names = sorted(
        {
            m.group()
            for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", s)
            if zipf_frequency(m.group(), "en") < 3.5
        }
    )
    options = [(n, g) for n in names if (g := german_romanisation(n))]
    if not options:
        return None
    name, german = rng.choice(options)
    return re.sub(rf"\b{name}\b", german, s)


# ---------------------------------------------------------------------- spacing (both)


def _space_after_hyphen(s: str, rng: random.Random) -> str | None:
    sites = [(m.start(), m.end(), "- ") for m in re.finditer(r"(?<=\w)-(?=[^\W\d_]{2})", s)]
    return _pick_site(rng, s, sites)


def _missing_space_after_comma(s: str, rng: random.Random) -> str | None:
    sites = [(m.start(), m.end(), ",") for m in re.finditer(r"(?<=[^\W\d_]), (?=[^\W\d_])", s)]
    return _pick_site(rng, s, sites)


def _space_before_punct(s: str, rng: random.Random) -> str | None:
    sites = [
        (m.start(), m.end(), " " + m.group())
        for m in re.finditer(r"(?<=[^\W\d_])(?:[,;:!?]|\.$)", s)
    ]
    return _pick_site(rng, s, sites)


for _lang in ("de", "en"):
    damage(
        f"{_lang}.spacing.after_hyphen",
        _lang,
        "a space after the hyphen of a compound ('EU-Kommission' -> 'EU- Kommission')",
    )(_space_after_hyphen)
    damage(
        f"{_lang}.spacing.after_comma",
        _lang,
        "the space after a comma between words dropped ('Gewinn, aber' -> 'Gewinn,aber')",
    )(_missing_space_after_comma)
    damage(
        f"{_lang}.spacing.before_punct",
        _lang,
        "a space before a comma, colon, semicolon or final mark ('Haus,' -> 'Haus ,')",
    )(_space_before_punct)


# ----------------------------------------------------------- German: untranslated nouns

# Frequent German news nouns (picked from the top of wordfreq's German list) with their
# first-sense English glosses as given in the English Wiktionary entries and in FreeDict's
# deu-eng dictionary; written for this suite, not taken from mtaudit/data.
_EN_NOUNS: dict[str, tuple[str, str]] = {
    "Regierung": ("government", "governments"),
    "Land": ("country", "countries"),
    "Stadt": ("city", "cities"),
    "Jahr": ("year", "years"),
    "Woche": ("week", "weeks"),
    "Haus": ("house", "houses"),
    "Gebäude": ("building", "buildings"),
    "Forscher": ("researcher", "researchers"),
    "Wissenschaftler": ("scientist", "scientists"),
    "Unternehmen": ("company", "companies"),
    "Polizei": ("police", "police"),
    "Kind": ("child", "children"),
    "Frau": ("woman", "women"),
    "Mann": ("man", "men"),
    "Bericht": ("report", "reports"),
    "Gericht": ("court", "courts"),
    "Wahl": ("election", "elections"),
    "Krieg": ("war", "wars"),
    "Geld": ("money", "money"),
    "Schule": ("school", "schools"),
    "Studie": ("study", "studies"),
    "Ergebnis": ("result", "results"),
    "Frage": ("question", "questions"),
    "Spiel": ("game", "games"),
    "Mannschaft": ("team", "teams"),
    "Spieler": ("player", "players"),
    "Familie": ("family", "families"),
    "Arbeit": ("work", "work"),
    "Tag": ("day", "days"),
    "Monat": ("month", "months"),
    "Welt": ("world", "worlds"),
    "Leben": ("life", "lives"),
    "Krankenhaus": ("hospital", "hospitals"),
    "Arzt": ("doctor", "doctors"),
    "Straße": ("street", "streets"),
    "Auto": ("car", "cars"),
    "Zug": ("train", "trains"),
    "Flughafen": ("airport", "airports"),
    "Markt": ("market", "markets"),
    "Preis": ("price", "prices"),
    "Steuer": ("tax", "taxes"),
    "Gesetz": ("law", "laws"),
    "Partei": ("party", "parties"),
    "Wähler": ("voter", "voters"),
    "Zeuge": ("witness", "witnesses"),
    "Opfer": ("victim", "victims"),
    "Angriff": ("attack", "attacks"),
    "Waffe": ("weapon", "weapons"),
    "Soldat": ("soldier", "soldiers"),
    "Grenze": ("border", "borders"),
    "Flüchtling": ("refugee", "refugees"),
    "Vertrag": ("treaty", "treaties"),
    "Entscheidung": ("decision", "decisions"),
    "Gefängnis": ("prison", "prisons"),
    "Richter": ("judge", "judges"),
    "Anwalt": ("lawyer", "lawyers"),
    "Zeitung": ("newspaper", "newspapers"),
    "Nachricht": ("message", "messages"),
    "Buch": ("book", "books"),
    "Lied": ("song", "songs"),
    "Künstler": ("artist", "artists"),
    "Kirche": ("church", "churches"),
    "Insel": ("island", "islands"),
    "Fluss": ("river", "rivers"),
    "Berg": ("mountain", "mountains"),
    "Wald": ("forest", "forests"),
    "Wetter": ("weather", "weather"),
    "Sturm": ("storm", "storms"),
    "Feuer": ("fire", "fires"),
    "Wasser": ("water", "water"),
    "Luft": ("air", "air"),
    "Strom": ("electricity", "electricity"),
    "Universität": ("university", "universities"),
    "Lehrer": ("teacher", "teachers"),
    "Bürger": ("citizen", "citizens"),
    "Gemeinde": ("community", "communities"),
    "Bevölkerung": ("population", "populations"),
    "Wirtschaft": ("economy", "economies"),
    "Kunde": ("customer", "customers"),
    "Mitarbeiter": ("employee", "employees"),
    "Arbeiter": ("worker", "workers"),
    "Schiff": ("ship", "ships"),
    "Flugzeug": ("plane", "planes"),
    "Hund": ("dog", "dogs"),
    "Pferd": ("horse", "horses"),
    "Vogel": ("bird", "birds"),
    "Tier": ("animal", "animals"),
    "Baum": ("tree", "trees"),
    "Garten": ("garden", "gardens"),
    "Zimmer": ("room", "rooms"),
    "Tür": ("door", "doors"),
    "Fenster": ("window", "windows"),
    "Brief": ("letter", "letters"),
    "Sicherheit": ("security", "security"),
    "Gesundheit": ("health", "health"),
    "Krankheit": ("disease", "diseases"),
    "Impfstoff": ("vaccine", "vaccines"),
    "Gewinn": ("profit", "profits"),
    "Verlust": ("loss", "losses"),
    "Umfrage": ("survey", "surveys"),
    "Ausstellung": ("exhibition", "exhibitions"),
    "Sieg": ("victory", "victories"),
    "Niederlage": ("defeat", "defeats"),
    "Verein": ("club", "clubs"),
    "Tor": ("goal", "goals"),
    "Rennen": ("race", "races"),
    "Grund": ("reason", "reasons"),
    "Behörde": ("authority", "authorities"),
    "Ministerium": ("ministry", "ministries"),
    "Botschaft": ("embassy", "embassies"),
    "Freund": ("friend", "friends"),
    "Nachbar": ("neighbour", "neighbours"),
    "Dorf": ("village", "villages"),
    "Küste": ("coast", "coasts"),
    "Brücke": ("bridge", "bridges"),
    "Gefahr": ("danger", "dangers"),
    "Unfall": ("accident", "accidents"),
    "Verletzung": ("injury", "injuries"),
    "Tod": ("death", "deaths"),
    "Mord": ("murder", "murders"),
    "Ermittlung": ("investigation", "investigations"),
    "Strafe": ("penalty", "penalties"),
    "Urteil": ("verdict", "verdicts"),
    "Versuch": ("attempt", "attempts"),
    "Erfolg": ("success", "successes"),
    "Hilfe": ("help", "help"),
    "Unterstützung": ("support", "support"),
    "Lösung": ("solution", "solutions"),
    "Vorschlag": ("proposal", "proposals"),
    "Ausschuss": ("committee", "committees"),
    "Sitzung": ("meeting", "meetings"),
    "Rede": ("speech", "speeches"),
    "Kandidat": ("candidate", "candidates"),
    "Krise": ("crisis", "crises"),
    "Gesellschaft": ("society", "societies"),
    "Kraftwerk": ("power plant", "power plants"),
    "Erde": ("earth", "earth"),
    "Sprache": ("language", "languages"),
    "Geschichte": ("history", "histories"),
    "Schauspieler": ("actor", "actors"),
    "Sänger": ("singer", "singers"),
    "Bühne": ("stage", "stages"),
    "Staat": ("state", "states"),
    "Bauer": ("farmer", "farmers"),
    "Schüler": ("pupil", "pupils"),
    "Eltern": ("parents", "parents"),
    "Vater": ("father", "fathers"),
    "Mutter": ("mother", "mothers"),
    "Sohn": ("son", "sons"),
    "Tochter": ("daughter", "daughters"),
}
_PLURAL_CUES = {
    "die",
    "den",
    "der",
    "viele",
    "vielen",
    "mehrere",
    "einige",
    "alle",
    "beiden",
    "keine",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "zehn",
    "hundert",
    "tausende",
}


@damage(
    "de.untranslated_noun",
    "de",
    "a German noun left in English ('die Forscher' -> 'die Researchers', "
    "'ein neues Gebäude' -> 'ein neues building')",
)
def de_untranslated_noun(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    sites = []
    for i, t in enumerate(tg):
        if t.pos != "NN" or t.lemma not in _EN_NOUNS:
            continue
        numbers = _numbers(t.text)
        if not numbers:
            continue
        prev = tg[i - 1].text.lower() if i else ""
        plural = numbers == {"pl"} or (
            numbers == {"sg", "pl"}
            and (prev in _PLURAL_CUES or tg[i - 1].pos == "CARD")
            and not noun_genders(t.text) - {"m", "n"}
            and prev != "der"
        )
        sg, pl = _EN_NOUNS[t.lemma]
        english = pl if plural else sg
        english = english[:1].upper() + english[1:] if rng.random() < 0.5 else english
        sites.append((t.start, t.end, english))
    return _pick_site(rng, s, sites)


@damage(
    "de.lowercase_noun",
    "de",
    "a German common noun written in lower case ('das Haus' -> 'das haus')",
)
def de_lowercase_noun(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    sites = [
        (t.start, t.start + 1, t.text[0].lower())
        for i, t in enumerate(tg)
        if i
        and t.pos == "NN"
        and len(t.text) >= 3
        and t.text[:1].isupper()
        and t.text[1:].islower()
        and t.text.isalpha()
        and tg[i - 1].pos != "$."
    ]
    return _pick_site(rng, s, sites)


_CONNECTORS = {
    "aber",
    "doch",
    "denn",
    "und",
    "sondern",
    "jedoch",
    "deshalb",
    "daher",
    "trotzdem",
    "dann",
    "so",
    "allerdings",
    "außerdem",
    "dennoch",
}


@damage(
    "de.semicolon_capital",
    "de",
    "a capital letter after a semicolon ('…; aber' -> '…; Aber'; a comma before a "
    "connector becomes '; Aber')",
)
def de_semicolon_capital(s: str, rng: random.Random) -> str | None:
    sites = [(m.start(1), m.end(1), m.group(1).upper()) for m in re.finditer(r";\s+([a-zäöü])", s)]
    if not sites:
        for m in re.finditer(r",\s+([a-zäöü]+)\b", s):
            if m.group(1) in _CONNECTORS:
                word = m.group(1)
                sites.append((m.start(), m.end(), "; " + word[0].upper() + word[1:]))
    return _pick_site(rng, s, sites)


@lru_cache(maxsize=1)
def _compound_pool() -> tuple[str, ...]:
    """Frequent simple German nouns (wordfreq's top 6,000 German words that the Wiktionary
    noun table knows as singular nouns of one gender, 4–9 letters)."""
    pool = []
    for w in top_n_list("de", 6000):
        cap = w[:1].upper() + w[1:]
        if (
            w.isalpha()
            and 4 <= len(w) <= 9
            and len(noun_genders(cap)) == 1
            and cap in {f for e in _nouns()[cap] for f in [e.get("lemma")]}
        ):
            pool.append(cap)
    return tuple(pool)


@damage(
    "de.nonsense_compound",
    "de",
    "a noun glued to an unrelated frequent noun into a compound that does not exist "
    "('Regierung' -> 'Fensterregierung')",
)
def de_nonsense_compound(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    nouns = [t for t in tg if t.pos == "NN" and t.text.isalpha() and len(t.text) >= 4]
    if not nouns:
        return None
    target = rng.choice(nouns)
    pool = _compound_pool()
    low = s.lower()
    for _ in range(20):
        head = rng.choice(pool)
        glued = head + target.text.lower()
        if head.lower() in low or target.text.lower() in head.lower():
            continue
        if zipf_frequency(glued, "de") == 0 and not noun_readings(glued):
            return _sub(s, target.start, target.end, glued)
    return None


# ---------------------------------------------------------------------- repetition (both)


def _word_spans(s: str) -> list[re.Match]:
    return list(_WORD_TOKEN.finditer(s))


def _repeat_word(s: str, rng: random.Random) -> str | None:
    spans = [m for m in _word_spans(s) if len(m.group()) >= 2]
    if not spans:
        return None
    m = rng.choice(spans)
    return s[: m.end()] + " " + m.group() + s[m.end() :]


def _repeat_phrase(s: str, rng: random.Random) -> str | None:
    spans = _word_spans(s)
    size = rng.choice([2, 3, 4])
    starts = [
        i
        for i in range(len(spans) - size + 1)
        if re.fullmatch(r"[\w\s'’-]+", s[spans[i].start() : spans[i + size - 1].end()])
    ]
    if not starts:
        return None
    i = rng.choice(starts)
    a, b = spans[i].start(), spans[i + size - 1].end()
    return s[:b] + " " + s[a:b] + s[b:]


for _lang in ("de", "en"):
    damage(
        f"{_lang}.repetition.word",
        _lang,
        "one word written twice ('die die Regierung', 'the the government')",
    )(_repeat_word)
    damage(
        f"{_lang}.repetition.phrase",
        _lang,
        "a phrase of 2–4 words written twice in a row ('in der Stadt in der Stadt')",
    )(_repeat_phrase)


# ---------------------------------------------------------------------- German: tautology


_ACC_ART = {"m": ("einen", "den"), "f": ("eine", "die"), "n": ("ein", "das")}


def _cognate_noun(lemma: str) -> tuple[str, str] | None:
    """The noun derived from a verb lemma (entscheiden -> Entscheidung, fragen -> Frage,
    planen -> Plan), with its gender, when the Wiktionary table knows it."""
    if not lemma.isalpha() or len(lemma) < 5:
        return None
    stem = lemma[:-1] if lemma.endswith(("ern", "eln")) else lemma[:-2]
    if not lemma.endswith("en") and not lemma.endswith(("ern", "eln")):
        return None
    for noun in (stem.capitalize() + "ung", stem.capitalize() + "e", stem.capitalize()):
        genders = noun_genders(noun)
        if len(genders) != 1 or noun not in {e.get("lemma") for e in _nouns()[noun]}:
            continue
        de, en = zipf_frequency(noun, "de"), zipf_frequency(noun, "en")
        # -ung nouns are regular; a bare stem or stem+e is the cognate only when it is a
        # frequent German word (Frage, Arbeit, Spiel), not a homonym (fliegen/Fliege)
        if (noun.endswith("ung") and de >= 2.5) or (de >= 4.0 and de > en):
            return noun, next(iter(genders))
    return None


_NO_TAUT = {"sein", "haben", "werden", "geben", "sagen", "gehen", "kommen", "lassen"}


@damage(
    "de.tautology",
    "de",
    "a verb given its own derived noun as object ('entschied' -> 'entschied eine "
    "Entscheidung', 'hat gefragt' -> 'hat eine Frage gefragt')",
)
def de_tautology(s: str, rng: random.Random) -> str | None:
    tg = _tag(s)
    sites = []
    for i, t in enumerate(tg):
        if not t.pos.startswith("VV") or t.lemma in _NO_TAUT:
            continue
        found = _cognate_noun(t.lemma)
        if found is None:
            continue
        noun, gender = found
        art = _ACC_ART[gender][rng.randrange(2)]
        final = i + 1 >= len(tg) or tg[i + 1].pos.startswith("$") or not is_finite_verb(t, "de")
        if final:
            at = tg[i - 1] if i and tg[i - 1].pos == "PTKZU" else t  # before "zu ändern"
            sites.append((at.start, at.start, f"{art} {noun} "))
        else:
            sites.append((t.end, t.end, f" {art} {noun}"))
    return _pick_site(rng, s, sites)


# ------------------------------------------------------------------ German: idiom calques

# Word-for-word calques of English idioms, from the published lists of anglicism calques:
# Bastian Sick, "Der Dativ ist dem Genitiv sein Tod" vol. 1 (2004) ("Sinn machen",
# "einmal mehr", "in 2004", "erinnern" without "sich an", "realisieren" for "erkennen") and
# de.wikipedia "Anglizismus", section "Lehnübersetzungen" ("am Ende des Tages",
# "nicht länger", "ich bin nicht sicher").
_CALQUES: list[tuple[str, str]] = [
    (r"\bergibt\b(.{0,30}?)\bSinn\b", r"macht\1Sinn"),
    (r"\bergeben\b(.{0,30}?)\bSinn\b", r"machen\1Sinn"),
    (r"\bergab\b(.{0,30}?)\bSinn\b", r"machte\1Sinn"),
    (r"\bSinn (zu )?ergeben\b", r"Sinn \1machen"),
    (r"\b(?:wieder einmal|erneut)\b", "einmal mehr"),
    (r"\b(?:im Jahr|im Jahre) ((?:1[89]|20)\d\d)\b", r"in \1"),
    (r"\b(?:letztendlich|letzten Endes)\b", "am Ende des Tages"),
    (r"\b(erinner(?:e|t|te|ten|n|st)) (?:mich|dich|sich|uns|euch) an\b", r"\1"),
    (r"\berkannte(n?), dass\b", r"realisierte\1, dass"),
    (r"\berkennt, dass\b", "realisiert, dass"),
    (r"\bnicht mehr\b(?! als)", "nicht länger"),
    (r"\b(bin|ist|sind|war|waren) (?:mir|sich|uns) (nicht )?sicher\b", r"\1 \2sicher"),
]


@damage(
    "de.idiom_calque",
    "de",
    "an idiomatic German phrase replaced by a word-for-word calque of the English one "
    "('ergibt Sinn' -> 'macht Sinn', 'im Jahr 2019' -> 'in 2019', 'nicht mehr' -> "
    "'nicht länger', 'erinnert sich an' -> 'erinnert')",
)
def de_idiom_calque(s: str, rng: random.Random) -> str | None:
    return _pick_site(rng, s, _regex_sites(s, _CALQUES))


# ------------------------------------------------------------------ fragments (both)


def _cut_after(s: str, lang: str, rng: random.Random, pos: set[str], words: set[str]) -> str | None:
    tg = _tag(s, lang)
    wordlike = [i for i, t in enumerate(tg) if t.text[:1].isalnum()]
    if len(wordlike) < 7:
        return None
    lo, hi = wordlike[3], wordlike[-3]
    sites = [i for i in range(lo, hi) if tg[i].pos in pos or tg[i].text.lower() in words]
    if not sites:
        return None
    i = rng.choice(sites)
    return s[: tg[i].end] + "."


@damage(
    "de.fragment.cut",
    "de",
    "sentence cut after a preposition, article or conjunction in mid-sentence "
    "('… mit der Regierung über die Steuern.' -> '… mit der.')",
)
def de_fragment_cut(s: str, rng: random.Random) -> str | None:
    return _cut_after(s, "de", rng, {"APPR", "APPRART", "ART", "KOUS", "KON"}, set())


@damage(
    "en.fragment.cut",
    "en",
    "sentence cut mid-way after a preposition, article, 'that' or a conjunction "
    "('… in the park near the river.' -> '… in the park near.'; '… said that.')",
)
def en_fragment_cut(s: str, rng: random.Random) -> str | None:
    return _cut_after(s, "en", rng, {"PRP", "PRF", "AT0", "CJT", "CJS", "CJC"}, {"that"})


# ------------------------------------------------------------------- English: calques

# German-speaker interference errors, from M. Swan & B. Smith (eds.), "Learner English",
# 2nd ed., Cambridge UP 2001, chapter "German speakers" (since + duration with the present,
# become for get/receive, it gives for there is, make a photo, will for want) and
# Wikipedia "Denglisch" / "List of false friends" (meet a decision, have right).
_GET_TO_BECOME = {
    "get": "become",
    "gets": "becomes",
    "got": "became",
    "getting": "becoming",
    "receive": "become",
    "receives": "becomes",
    "received": "became",
    "receiving": "becoming",
}
_MAKE_FORMS = {
    "take": "make",
    "takes": "makes",
    "took": "made",
    "taken": "made",
    "taking": "making",
    "have": "make",
    "has": "makes",
    "had": "made",
    "throw": "make",
    "throws": "makes",
    "threw": "made",
    "thrown": "made",
    "hold": "make",
    "holds": "makes",
    "held": "made",
}
_DURATION = r"(?:\w+ ){0,2}(?:years?|months?|weeks?|days?|hours?|decades?|minutes?)\b"
_EN_CONSTRUCTIONS: list[tuple[str, str]] = [
    (r"\b[Tt]here (?:is|are)\b", "it gives"),
    (r"\b[Tt]here (?:was|were)\b", "it gave"),
    (r"\b(make|makes|made|making) (a|the|this|that|their|his|her|its|our|no) decision", "MEET"),
    (r"\b(take|takes|took|taken|taking) place\b", "FIND"),
    (r"\b(am|is|are|was|were) right\b(?= *[,.;]| to say| about)", "HAVE"),
    (r"\b(wants?|wanted) to\b", "WILL"),
    (
        r"\b((?:\w+ )?(?:years?|months?|weeks?|days?|hours?|decades?|minutes?)) ago\b",
        r"before \1",
    ),  # vor zwei Jahren
    (r"\blast night\b", "yesterday night"),  # gestern Nacht
    (r"\bthis morning\b", "today morning"),  # heute Morgen
    (r"\bin recent (years|months|weeks|days|decades)\b", r"in the last \1"),
    # uncountable in English, countable in German (Informationen, Ratschläge, Beweise …)
    (
        r"\b(information|advice|evidence|research|equipment|furniture|knowledge|homework)\b"
        r"(?! \w+s\b)",
        r"\1s",
    ),
]
_MEET = {"make": "meet", "makes": "meets", "made": "met", "making": "meeting"}
_FIND = {"take": "find", "takes": "finds", "took": "found", "taken": "found", "taking": "finding"}
_HAVE = {"am": "have", "is": "has", "are": "have", "was": "had", "were": "had"}
_WILL = {"want": "will", "wants": "will", "wanted": "would"}


def _en_construction_sites(s: str) -> list[tuple[int, int, str]]:
    sites = []
    for pattern, template in _EN_CONSTRUCTIONS:
        for m in re.finditer(pattern, s):
            word = m.group(1).lower() if m.groups() else ""
            if template == "MEET":
                new = _MEET[word] + m.group()[len(word) :]
            elif template == "FIND":
                new = _FIND[word] + " place"
            elif template == "HAVE":
                new = _HAVE[word] + " right"
            elif template == "WILL":
                new = _WILL[word]
            else:
                new = m.expand(template)
            sites.append((m.start(), m.end(), _case_like(new, m.group())))
    return sites


@damage(
    "en.calque.construction",
    "en",
    "German constructions in English: 'there are' -> 'it gives', 'got a letter' -> "
    "'became a letter', 'has been waiting for two hours' -> 'is waiting since two "
    "hours', 'take a photo' -> 'make a photo', 'made a decision' -> 'met a decision'",
)
def en_calque_construction(s: str, rng: random.Random) -> str | None:
    tg = _tag(s, "en")
    sites = _en_construction_sites(s)
    for t, nxt in zip(tg, tg[1:], strict=False):  # bekommen: get/receive + object
        if t.text.lower() in _GET_TO_BECOME and nxt.pos in {"AT0", "DPS", "CRD", "DT0"}:
            sites.append((t.start, t.end, _case_like(_GET_TO_BECOME[t.text.lower()], t.text)))
        if t.text.lower() in _MAKE_FORMS and nxt.pos in {"AT0", "DPS"}:
            after = s[nxt.end :].lstrip().lower()
            if re.match(r"(?:\w+ )?(?:photo|picture|photograph|party|break|walk|shower)", after):
                sites.append((t.start, t.end, _case_like(_MAKE_FORMS[t.text.lower()], t.text)))
    for t, nxt in zip(tg, tg[1:], strict=False):  # die meisten Leute -> the most people
        if (
            t.text.lower() == "most"
            and nxt.pos == "NN2"
            and not re.search(r"\bthe\s*$", s[: t.start], re.IGNORECASE)
        ):
            sites.append((t.start, t.end, _case_like("the most", t.text)))
    for m in re.finditer(rf"\b(has|have|had) been\b(.{{0,40}}?)\bfor ({_DURATION})", s):
        aux = {"has": "is", "have": "are", "had": "was"}[m.group(1)]
        sites.append((m.start(), m.end(), f"{aux}{m.group(2)}since {m.group(3)}"))
    return _pick_site(rng, s, sites)


# Preposition calques from the same sources (depend von -> depend from, interessiert an/für
# -> interested for, verheiratet mit -> married with, stolz auf -> proud on, Angst vor ->
# afraid before, bestehen aus -> consist out of, teilnehmen an -> take part at, ähnlich wie
# -> similar as, denken an -> think on, im Fernsehen -> in television, auf dem Bild -> on
# the picture).
_EN_PREPS: list[tuple[str, str]] = [
    (r"\b(depend|depends|depended|depending) on\b", r"\1 from"),
    (r"\b(interested) in\b", r"\1 for"),
    (r"\b(married) to\b", r"\1 with"),
    (r"\b(proud) of\b", r"\1 on"),
    (r"\b(afraid) of\b", r"\1 before"),
    (r"\b(consist|consists|consisted|consisting) of\b", r"\1 out of"),
    (r"\b(take|takes|took|taken|taking) part in\b", r"\1 part at"),
    (r"\b(similar) to\b", r"\1 as"),
    (r"\b(think|thinks|thought|thinking) of\b", r"\1 on"),
    (r"\bon (television|TV)\b", r"in \1"),
    (r"\bin the (picture|photo)\b", r"on the \1"),
    (r"\b(responsible) for\b", r"\1 about"),
    (r"\b(arrived?|arrives|arriving) in\b", r"\1 to"),
]


@damage(
    "en.calque.preposition",
    "en",
    "the German preposition carried into an English collocation ('depends on' -> "
    "'depends from', 'interested in' -> 'interested for', 'consists of' -> 'consists "
    "out of', 'arrived in' -> 'arrived to')",
)
def en_calque_preposition(s: str, rng: random.Random) -> str | None:
    return _pick_site(rng, s, _regex_sites(s, _EN_PREPS))


# ------------------------------------------------------------- English: collocation swaps

# Near-synonyms of frequent collocates, as grouped in WordNet 3.0 synsets and Roget's
# Thesaurus (1911 edition, Project Gutenberg): the swap keeps the meaning of the word but
# breaks the collocation it sits in (heavy rain -> weighty rain, make a decision -> do a
# decision, strong tea -> powerful tea). Some swaps stay acceptable English in some
# contexts; that is part of what this damage type measures.
_ADJ_SYN = {
    "heavy": "weighty",
    "strong": "powerful",
    "high": "tall",
    "low": "short",
    "big": "large",
    "fast": "quick",
    "quick": "fast",
    "deep": "profound",
    "close": "near",
    "busy": "occupied",
    "major": "grand",
    "hard": "difficult",
    "heavily": "weightily",
    "strongly": "powerfully",
}
_VERB_SYN = {
    "make": "do",
    "makes": "does",
    "made": "did",
    "making": "doing",
    "do": "make",
    "does": "makes",
    "did": "made",
    "doing": "making",
    "take": "grab",
    "takes": "grabs",
    "took": "grabbed",
    "taken": "grabbed",
    "taking": "grabbing",
    "give": "hand",
    "gives": "hands",
    "gave": "handed",
    "given": "handed",
    "giving": "handing",
    "pay": "give",
    "pays": "gives",
    "paid": "gave",
    "paying": "giving",
    "raise": "lift",
    "raises": "lifts",
    "raised": "lifted",
    "raising": "lifting",
    "commit": "do",
    "commits": "does",
    "committed": "did",
    "keep": "hold",
    "keeps": "holds",
    "kept": "held",
    "keeping": "holding",
    "hold": "keep",
    "holds": "keeps",
    "held": "kept",
    "holding": "keeping",
    "draw": "pull",
    "draws": "pulls",
    "drew": "pulled",
    "drawn": "pulled",
    "tell": "say",
    "tells": "says",
    "told": "said",
    "telling": "saying",
    "win": "gain",
    "wins": "gains",
    "won": "gained",
    "play": "act",
    "plays": "acts",
    "played": "acted",
    "playing": "acting",
}


@damage(
    "en.collocation.synonym",
    "en",
    "a collocate swapped for a near-synonym that breaks the collocation ('heavy traffic'"
    " -> 'weighty traffic', 'make a decision' -> 'do a decision', 'strong tea' -> "
    "'powerful tea', 'take place' -> 'grab place')",
)
def en_collocation(s: str, rng: random.Random) -> str | None:
    tg = _tag(s, "en")
    sites = []
    for i, t in enumerate(tg[:-1]):
        low = t.text.lower()
        nxt = tg[i + 1]
        if low in _ADJ_SYN and t.pos.startswith("AJ") and nxt.pos in {"NN1", "NN2", "NN0"}:
            sites.append((t.start, t.end, _case_like(_ADJ_SYN[low], t.text)))
        if low in _VERB_SYN and t.pos.startswith("V"):
            window = tg[i + 1 : i + 4]
            if (
                window
                and (window[0].pos in {"AT0", "DPS", "NN1", "NN2", "AJ0", "DT0"})
                and any(w.pos in {"NN1", "NN2", "NN0"} for w in window)
            ):
                sites.append((t.start, t.end, _case_like(_VERB_SYN[low], t.text)))
    return _pick_site(rng, s, sites)


# ------------------------------------------------------------------- English: agreement


def _en_3sg(base: str) -> str:
    irregular = {"have": "has", "be": "is", "do": "does", "go": "goes"}
    if base in irregular:
        return irregular[base]
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


_TO_SG = {"are": "is", "were": "was", "have": "has", "do": "does"}
_TO_PL = {"is": "are", "was": "were", "has": "have", "does": "do"}
# Collective nouns that British English also construes with a plural verb ("the government
# are"), after Quirk et al., "A Comprehensive Grammar of the English Language" (1985) §5.108:
# a plural verb after them is no damage.
_COLLECTIVE = {
    "government",
    "company",
    "team",
    "police",
    "committee",
    "family",
    "staff",
    "club",
    "party",
    "council",
    "group",
    "board",
    "public",
    "crowd",
    "audience",
    "band",
    "jury",
    "majority",
    "minority",
    "couple",
    "squad",
    "side",
    "management",
    "firm",
    "union",
    "cabinet",
    "parliament",
    "crew",
    "class",
    "population",
}
_ATTRACT = {
    "PRF",
    "PRP",
    "AT0",
    "AJ0",
    "NN1",
    "NN2",
    "NN0",
    "CRD",
    "DPS",
    "NP0",
    "AJC",
    "AJS",
    "POS",
    "DT0",
}


@damage(
    "en.agreement.subject_verb",
    "en",
    "the verb disagrees with its subject, often across a prepositional phrase ('The "
    "results of the study show' -> 'The results of the study shows')",
)
def en_agreement(s: str, rng: random.Random) -> str | None:
    tg = _tag(s, "en")
    sites = []
    for i, t in enumerate(tg):
        if t.pos not in {"NN1", "NN2"} or i == 0 or tg[i - 1].pos not in {"AT0", "DPS", "DT0"}:
            continue
        if i >= 2 and tg[i - 2].pos not in {"PUN", "CJC", "CJS", "CJT", "PUQ", "PUL", "AV0"}:
            continue  # the noun phrase must open a clause, not be an object or in a PP
        if i >= 3 and tg[i - 2].pos == "CJC" and tg[i - 3].pos in {"NN1", "NN2", "NP0", "NN0"}:
            continue  # "Tinamous and their eggs have": coordinated subject
        if i + 1 < len(tg) and tg[i + 1].pos in {"NN1", "NN2"}:
            continue  # not the head of a compound
        j = i + 1
        if j < len(tg) and tg[j].pos in {"PRF", "PRP"}:  # attractor: "of the study"
            while j < len(tg) and tg[j].pos in _ATTRACT and j - i < 8:
                j += 1
        if j >= len(tg) or any(x.text.lower() in {"and", "or"} for x in tg[i:j]):
            continue
        v = tg[j]
        low = v.text.lower()
        if t.pos == "NN2":
            if low in _TO_SG and v.pos in {"VBB", "VBD", "VHB", "VDB"}:
                sites.append((v.start, v.end, _TO_SG[low]))
            elif v.pos == "VVB":
                sites.append((v.start, v.end, _en_3sg(v.lemma.lower())))
        else:
            if t.text.lower() in _COLLECTIVE:
                continue
            if low in _TO_PL and v.pos in {"VBZ", "VBD", "VHZ", "VDZ"}:
                sites.append((v.start, v.end, _TO_PL[low]))
            elif v.pos == "VVZ" and v.lemma.isalpha():
                sites.append((v.start, v.end, v.lemma.lower()))
    return _pick_site(rng, s, sites)
