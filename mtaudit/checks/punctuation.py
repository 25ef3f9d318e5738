"""Spacing and punctuation damage (PUNCT-*), the debris MT and text extraction leave behind.

Detokenisation slips ("US -Präsidenten", "U. S.", "word ,"), glued sentences ("end.Next")
and quotation marks that lose their partner are cheap to find with patterns. Quotes and
brackets are balanced per paragraph, not per sentence, because a quotation may run over
several sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.checks.base import Check, DocumentView, Finding, SentenceView, register
from mtaudit.data import table

_UPPER = "A-ZÄÖÜ"
_LOWER = "a-zäöüß"


@lru_cache(maxsize=1)
def _spaced_abbreviations() -> frozenset[str]:
    return frozenset(row["abbreviation"] for row in table("generic/spaced_abbreviations.tsv"))


@register
class SpaceBeforeHyphen(Check):
    id = "PUNCT-001"
    name = "space-before-compound-hyphen"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = "A space splits a hyphenated compound before its hyphen."
    explanation = (
        'MT detokenisers often leave a space before the hyphen of a compound: "EU -Kommission", '
        '"pro -government". A hyphen glued to the following word but not to the preceding one '
        'is neither a dash (spaces on both sides) nor a suspended compound ("Haupt- und").'
    )
    bad_example = "Die EU -Kommission legte am Montag einen Entwurf vor."
    good_example = "Die EU-Kommission legte am Montag einen Entwurf vor."

    _RE = re.compile(rf"(\w+) -([{_UPPER}{_LOWER}]\w*)")

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for m in self._RE.finditer(sent.text):
            yield self.finding(
                f'"{m.group(0)}": space before the hyphen of a compound',
                sent.start + m.start(),
                sent.start + m.end(),
            )


@register
class SplitAbbreviation(Check):
    id = "PUNCT-002"
    name = "split-abbreviation"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = 'An initialism is split by a space ("U. S." for "U.S.").'
    explanation = (
        '"U. S." or "U. K." with a space is a tokeniser artefact. German spaced abbreviations '
        'such as "z. B." and "d. h." are correct and skipped, and so are personal initials '
        'followed by a name ("J. R. Ewing").'
    )
    bad_example = "The U. S. delegation arrived late."
    good_example = "The U.S. delegation arrived late."

    _RE = re.compile(rf"(?<![\w.])[{_UPPER}]\. [{_UPPER}]\.(?: [{_UPPER}]\.)?(?! ?[{_UPPER}])")

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for m in self._RE.finditer(sent.text):
            if m.group(0).lower() in _spaced_abbreviations():
                continue
            yield self.finding(
                f'"{m.group(0)}": initialism split by a space',
                sent.start + m.start(),
                sent.start + m.end(),
            )


@register
class SpaceBeforePunctuation(Check):
    id = "PUNCT-003"
    name = "space-before-punctuation"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = "A space before a comma, full stop or other closing punctuation."
    explanation = (
        '"word ," and "word ." are detokenisation errors. Ellipses (" ..."), dashes '
        '(" – ") and decimal numbers (" .5") are skipped.'
    )
    bad_example = "Die Preise stiegen , die Löhne nicht ."
    good_example = "Die Preise stiegen, die Löhne nicht."

    _RE = re.compile(r"(\w+) +([,.;:!?])(?![.\w])")

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for m in self._RE.finditer(sent.text):
            yield self.finding(
                f'"{m.group(0)}": space before "{m.group(2)}"',
                sent.start + m.start(),
                sent.start + m.end(),
            )


@register
class PunctuationDebris(Check):
    id = "PUNCT-004"
    name = "punctuation-debris"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = 'Doubled or stray punctuation (". .", ",,", a quote mark standing alone).'
    explanation = (
        'Sentence splitting and MT leave debris: a full stop twice ("end. ."), two commas, a '
        "comma before a full stop, or a quotation mark with spaces on both sides that belongs "
        'to no word ("... situation. “"). Ellipses and "?!" are fine.'
    )
    bad_example = "Er kam spät an. . Dann ging er wieder."
    good_example = "Er kam spät an. Dann ging er wieder."

    _RE = re.compile(r"(?<![.])[.] +[.](?![.])|,\s*[,.;]|;\s*[;,.]|:\s*[:;,]|(?<=\w)\.\.(?!\.)")

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for m in self._RE.finditer(sent.text):
            yield self.finding(
                f'"{m.group(0)}": doubled punctuation',
                sent.start + m.start(),
                sent.start + m.end(),
            )

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        for ev in _scan(doc):
            if ev.kind == "stray":
                yield self.finding(
                    f'"{ev.char}" stands alone, attached to no word', ev.start, ev.start + 1
                )


@register
class MissingSpaceAfterPunctuation(Check):
    id = "PUNCT-005"
    name = "missing-space-after-punctuation"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = 'Two sentences or clauses glued together without a space ("end.Next").'
    explanation = (
        "A full stop, question mark, exclamation mark or comma directly followed by a capital "
        "letter word means two units were glued together. Web addresses, decimal numbers and "
        'abbreviations like "U.S." are skipped because they have no lower-case word before '
        "the mark."
    )
    bad_example = "The vote was postponed.The council will meet again in May."
    good_example = "The vote was postponed. The council will meet again in May."

    _RE = re.compile(
        rf"(?<![\w.@/])(\w*[{_LOWER}]{{2}})([.!?,;])([{_UPPER}][{_LOWER}]+)(?![\w.@/])"
    )

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for m in self._RE.finditer(sent.text):
            yield self.finding(
                f'"{m.group(0)}": no space after "{m.group(2)}"',
                sent.start + m.start(),
                sent.start + m.end(),
            )


# --- paragraph-level balance of quotation marks and brackets ---------------------------------

_QUOTES = '"“”„«»'
_OPEN_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSE_BRACKETS = {v: k for k, v in _OPEN_BRACKETS.items()}
_LIST_MARKER = re.compile(r"(?:^|\s)\w{1,2}\)$")


@dataclass(frozen=True)
class _Event:
    kind: str  # "unclosed", "unopened", "stray", "bracket"
    char: str
    start: int


def _paragraphs(doc: DocumentView) -> list[tuple[int, str]]:
    """(offset, text) per paragraph; falls back to one paragraph per sentence without text."""
    if not doc.text:
        return [(s.start, s.text) for s in doc.sentences]
    out, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _quote_role(text: str, i: int) -> str:
    """Opening, closing or stray, judged by what touches the mark on each side."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "„":
        return "open"
    space_before = before.isspace() or before in "([{—–-/"
    space_after = after.isspace() or after in ".,;:!?)]}—–"
    if space_before and space_after:
        return "stray"
    if space_before or (i == 0):
        return "open"
    if space_after or after in _QUOTES:
        return "close"
    return "open" if before in _QUOTES else "close"


def _starts_with_quote(text: str) -> bool:
    return text.lstrip()[:1] in _QUOTES


def _scan(doc: DocumentView) -> list[_Event]:
    return _scan_paragraphs(tuple(_paragraphs(doc)))


@lru_cache(maxsize=256)
def _scan_paragraphs(paragraphs: tuple[tuple[int, str], ...]) -> list[_Event]:
    events: list[_Event] = []
    for n, (offset, text) in enumerate(paragraphs):
        if not any(ch.isalpha() for ch in text):
            continue  # "[" or "(1)" alone: segmentation debris, no parenthetical to break
        quotes: list[int] = []
        brackets: list[int] = []
        for i, ch in enumerate(text):
            if ch in _QUOTES:
                role = _quote_role(text, i)
                if role == "stray":
                    events.append(_Event("stray", ch, offset + i))
                elif role == "open":
                    quotes.append(i)
                elif quotes:
                    quotes.pop()
                else:
                    events.append(_Event("unopened", ch, offset + i))
            elif ch in _OPEN_BRACKETS:
                brackets.append(i)
            elif ch in _CLOSE_BRACKETS:
                if brackets and text[brackets[-1]] == _CLOSE_BRACKETS[ch]:
                    brackets.pop()
                elif not _LIST_MARKER.search(text[: i + 1]) and text[i - 1 : i] not in ":;":
                    events.append(_Event("bracket", ch, offset + i))
        continued = n + 1 < len(paragraphs) and _starts_with_quote(paragraphs[n + 1][1])
        if not continued:
            events.extend(_Event("unclosed", text[i], offset + i) for i in quotes)
        events.extend(_Event("bracket", text[i], offset + i) for i in brackets)
    return events


@register
class UnbalancedBracket(Check):
    id = "PUNCT-006"
    name = "unbalanced-bracket"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = "A bracket that is never closed, or closed without being opened, in its paragraph."
    explanation = (
        "A parenthesis or square bracket without its partner in the same paragraph usually "
        'means MT dropped or moved part of a parenthetical. List markers such as "a)" and '
        'emoticons are skipped, and so are paragraphs without letters ("[" alone is debris of '
        "segmentation or markup, not a broken parenthetical)."
    )
    bad_example = "The agency (which was founded in 1990 said it would appeal."
    good_example = "The agency (which was founded in 1990) said it would appeal."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        for ev in _scan(doc):
            if ev.kind == "bracket":
                yield self.finding(
                    f'"{ev.char}" has no partner in its paragraph', ev.start, ev.start + 1
                )


@register
class UnclosedQuote(Check):
    id = "PUNCT-007"
    name = "unclosed-quote"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = "A quotation opens and is never closed in its paragraph."
    explanation = (
        "Quotation marks are balanced over the whole paragraph, so a quote that spans several "
        "sentences is fine, and so is a quote continued in the next paragraph (which then opens "
        "with a quotation mark, as English style requires)."
    )
    bad_example = "Sie sagte: „Wir werden nicht nachgeben. Danach verließ sie den Saal."
    good_example = "Sie sagte: „Wir werden nicht nachgeben.“ Danach verließ sie den Saal."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        for ev in _scan(doc):
            if ev.kind == "unclosed":
                yield self.finding(
                    f'quotation opened by "{ev.char}" is never closed', ev.start, ev.start + 1
                )


@register
class UnopenedQuote(Check):
    id = "PUNCT-008"
    name = "quote-tail-without-opening"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = "A quotation closes although none was opened earlier in the paragraph."
    explanation = (
        'A quotation\'s tail without its beginning ("... of others,” the minister said.") '
        "shows that MT or sentence alignment lost the start of the quote."
    )
    bad_example = "The bridge will reopen in the spring,” the engineer said."
    good_example = "“The bridge will reopen in the spring,” the engineer said."

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        for ev in _scan(doc):
            if ev.kind == "unopened":
                yield self.finding(
                    f'closing "{ev.char}" has no opening quotation mark before it',
                    ev.start,
                    ev.start + 1,
                )


# Words that may follow the hyphen of a suspended compound ("Ein- und Ausgang",
# "Vor- oder Nachteile", "pre- and post-war", "Kazak- von den Karabach-Teppichen").
_SUSPENSION_WORDS = frozenset(
    [
        "und",
        "oder",
        "bis",
        "sowie",
        "bzw",
        "beziehungsweise",
        "respektive",
        "resp",
        "u",
        "o",
        "als",
        "wie",
        "noch",
        "statt",
        "anstatt",
        "versus",
        "vs",
        "von",
        "zu",
        "gegenüber",
        "plus",
        "and",
        "or",
        "nor",
        "to",
        "than",
        "as",
        "through",
        "via",
        "&",
        "/",
    ]
)
_LINK = re.compile(r"^(?:https?://|www\.)|@|://")


@register
class SpaceAfterHyphen(Check):
    id = "PUNCT-009"
    lm_judges = False  # dev: the LM rejected 29 of 40 true PUNCT-009 findings
    name = "space-after-compound-hyphen"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = 'A space splits a hyphenated compound after its hyphen ("EU- Kommission").'
    explanation = (
        "A hyphen glued to the preceding word and followed by a space and a word that "
        'continues the compound ("EU- Kommission", "self- driving") is a detokenisation or '
        "line-break slip. Suspended compounds are correct and skipped: the hyphen is then "
        'followed by a conjunction or preposition ("Ein- und Ausgang", "Vor- oder Nachteile", '
        '"Kazak- von den Karabach-Teppichen", "pre- and post-war") or by a comma '
        '("Haupt-, Neben- und Realschule"). The last member of such a chain is joined as '
        'usual: "Luft- und U- Boot-Angriffe" is a slip for "U-Boot-Angriffe".'
    )
    bad_example = "Die EU- Kommission legte am Montag einen Entwurf vor."
    good_example = "Die Ein- und Ausfuhr von Waren wurde am Montag erleichtert."

    _RE = re.compile(r"(?<![\w-])(\w+(?:-\w+)*)- ([^\W\d_][\w'’-]*)")

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for m in self._RE.finditer(sent.text):
            nxt = m.group(2).lower().rstrip(".")
            if nxt in _SUSPENSION_WORDS:
                continue
            if _LINK.search(sent.text[max(0, m.start() - 40) : m.end()]):
                continue
            yield self.finding(
                f'"{m.group(0)}": space after the hyphen of a compound',
                sent.start + m.start(),
                sent.start + m.end(),
                replacements=[f"{m.group(1)}-{m.group(2)}"],
            )


@register
class MissingSpaceAfterComma(Check):
    id = "PUNCT-010"
    name = "missing-space-after-comma"
    category = "Fluency/Punctuation"
    severity = "minor"
    summary = 'No space after a comma between two words ("Gewinn,aber").'
    explanation = (
        "A comma glued to the next word is a detokenisation or editing slip. Only commas "
        "between letters count, so decimals (3,5), thousands (1,000) and number lists "
        "(1,2-Dichlorethan) are fine, and so are lists of single letters (x,y-Achse), web "
        "addresses and e-mail addresses. A comma before a capitalised word is left to "
        "PUNCT-005 (glued clauses)."
    )
    bad_example = "Der Umsatz stieg um zehn Prozent,aber der Gewinn sank."
    good_example = "Der Umsatz stieg um 3,5 Prozent, aber der Gewinn sank."

    _RE = re.compile(r"(?<![\w.@/])([^\W\d_]+),([^\W\d_]+)")

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for m in self._RE.finditer(sent.text):
            left, right = m.group(1), m.group(2)
            if (len(left) < 2 and len(right) < 3) or (len(right) < 2 and right not in "aAI"):
                continue  # "x,y-Achse", "i,j": lists of single letters ("me,I" counts)
            if MissingSpaceAfterPunctuation._RE.match(sent.text, m.start()):
                continue  # "won,Smith": PUNCT-005 reports it
            chunk_start = sent.text.rfind(" ", 0, m.start()) + 1
            chunk_end = sent.text.find(" ", m.end())
            chunk = sent.text[chunk_start : chunk_end if chunk_end >= 0 else len(sent.text)]
            if _LINK.search(chunk) or chunk.count(",") > 2:
                continue  # an address, or a packed list ("a,b,c,d") that is meant so
            yield self.finding(
                f'"{m.group(0)}": no space after the comma',
                sent.start + m.start(),
                sent.start + m.end(),
                replacements=[f"{left}, {right}"],
            )
