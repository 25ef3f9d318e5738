"""Suppressions: inline ``mtaudit: ignore`` directives, per-file ignores and the baseline.

Every way of silencing a finding is applied here, in one place, after the checks ran and
before scoring, so each suppressed finding is dropped from the scores *and* counted (the
summary's ``suppressed`` block) instead of disappearing:

- **Inline directives** (source ``inline``, SARIF kind ``inSource``) are comments in the
  audited text. The parser is generic over comment syntaxes (:data:`SYNTAXES`): HTML/Markdown
  ``<!-- mtaudit: ignore DE-GRAM-001 -->`` anywhere on a line, and ``# mtaudit: ignore RULE``
  (also ``#. …``) as a whole line, which is a PO translator comment. In bilingual files the
  directive is the text of a note on the unit (XLIFF ``<note>mtaudit: ignore RULE</note>``).
  ``ignore`` with no rule (or ``ALL``) means every rule; rules are ids or prefixes as for
  ``--ignore``; words after the rules are the justification
  (``<!-- mtaudit: ignore REP-001 quoted verbatim -->``).
- **Scope.** A directive that shares its line with text covers that line. A directive on a
  line of its own covers its line and the paragraph that holds the next non-blank line (the
  segmenter's paragraph: a blank-line block of a Markdown file, one line of a file with one
  segment per line). A unit note covers its whole unit. Findings inside the comment itself
  are always suppressed: a directive is not translation.
- **per-file-ignores** (config, ruff semantics: ``{"drafts/*" = ["LANG-MIX"]}``) work like
  ``--ignore`` for matching files: the findings are dropped and counted (source
  ``per-file-ignores``) but not listed as suppressed results.
- **Baseline** (source ``baseline``, SARIF kind ``external``): see :mod:`mtaudit.baseline`.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mtaudit.checks.base import Finding
from mtaudit.reports.reviewer import sentence_hash

SOURCES = ("inline", "baseline", "per-file-ignores")
SUPPRESSION_KIND = {"inline": "inSource", "baseline": "external"}
"""SARIF ``suppression.kind`` per source (per-file ignores are not listed as results)."""

_RULE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\Z")
_BODY = r"mtaudit:[ \t]*ignore(?![\w-])(?P<body>[^\n]*?)"


@dataclass(frozen=True)
class CommentSyntax:
    """How one comment syntax carries a directive; ``pattern`` has a ``body`` group."""

    name: str
    pattern: re.Pattern[str]


SYNTAXES: tuple[CommentSyntax, ...] = (
    CommentSyntax("html", re.compile(r"<!--[ \t]*" + _BODY + r"[ \t]*-->")),
    CommentSyntax("hash", re.compile(r"(?m)^[ \t]*#\.?[ \t]*" + _BODY + r"[ \t]*$")),
)
"""Comment syntaxes searched in monolingual text; add one here to support another format."""
_NOTE = re.compile(r"^[ \t]*" + _BODY + r"[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Directive:
    """One ``mtaudit: ignore`` directive: which rules, where, and why."""

    rules: tuple[str, ...]
    """Ids or prefixes; empty means every rule."""
    start: int
    end: int
    line: int
    standalone: bool
    syntax: str
    text: str
    reason: str = ""

    def covers(self, rule: str) -> bool:
        return not self.rules or rule_matches(rule, self.rules)

    def justification(self) -> str:
        what = ", ".join(self.rules) or "all rules"
        return f"{self.text.strip()} (ignore {what}{'; ' + self.reason if self.reason else ''})"


def rule_matches(rule: str, patterns: Iterable[str]) -> bool:
    """``rule`` is one of ``patterns`` or starts with one as an id prefix (``DE-GRAM``)."""
    return any(
        p.upper() == "ALL" or rule == p or rule.startswith(p.rstrip("-") + "-") for p in patterns
    )


def _rules_and_reason(body: str) -> tuple[tuple[str, ...], str]:
    tokens = [t for t in re.split(r"[\s,]+", body.strip()) if t]
    rules = []
    for i, token in enumerate(tokens):
        if not _RULE.match(token):
            return tuple(rules), " ".join(tokens[i:])
        if token != "ALL":
            rules.append(token)
        else:
            return (), " ".join(tokens[i + 1 :])
    return tuple(rules), ""


def parse_directives(text: str, syntaxes: Sequence[CommentSyntax] = SYNTAXES) -> list[Directive]:
    """Every directive in ``text``, in order; ``line`` is 1-based."""
    if "mtaudit:" not in text:
        return []
    found = []
    for syntax in syntaxes:
        for m in syntax.pattern.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            alone = not (text[line_start : m.start()].strip() or text[m.end() : line_end].strip())
            rules, reason = _rules_and_reason(m.group("body"))
            found.append(
                Directive(
                    rules=rules,
                    start=m.start(),
                    end=m.end(),
                    line=text.count("\n", 0, m.start()) + 1,
                    standalone=alone,
                    syntax=syntax.name,
                    text=m.group(0).strip(),
                    reason=reason,
                )
            )
    return sorted(found, key=lambda d: d.start)


def note_directives(note: str, line: int = 0) -> list[Directive]:
    """Directives in the note of a bilingual unit (``mtaudit: ignore RULE``, one per line)."""
    out = []
    for m in _NOTE.finditer(note or ""):
        rules, reason = _rules_and_reason(m.group("body"))
        out.append(Directive(rules, 0, 0, line, True, "note", m.group(0).strip(), reason))
    return out


@dataclass(frozen=True)
class Scope:
    """Document offsets ``[start, end)`` a directive covers; ``own`` is the comment itself."""

    start: int
    end: int
    directive: Directive
    own: bool = False


def scopes(text: str, rows: pd.DataFrame, directives: Sequence[Directive]) -> list[Scope]:
    """Where each directive applies (see the module docstring); ``rows`` are the document's
    sentence rows (``start``, ``end``, ``para_id``)."""
    out = []
    starts = rows["start"].tolist()
    ends = rows["end"].tolist()
    paras = rows["para_id"].tolist()
    for d in directives:
        out.append(Scope(d.start, d.end, d, own=True))
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line_end = len(text) if line_end < 0 else line_end
        end = line_end
        if d.standalone:
            nxt = line_end
            while nxt < len(text) and text[nxt] in " \t\r\n\f\u00a0":
                nxt += 1
            held = [i for i, e in enumerate(ends) if e > nxt and starts[i] >= line_start]
            if held:
                first = min(held, key=lambda i: starts[i])
                same = [ends[i] for i in range(len(ends)) if paras[i] == paras[first]]
                end = max(end, *same)
        out.append(Scope(line_start, end, d))
    return out


@dataclass(frozen=True)
class PerFileIgnores:
    """``per-file-ignores``: glob → rules, as ruff. A glob is matched against the document
    name, the path relative to ``root`` (the config file's folder, else the working
    directory), the file name and the absolute path; ``!glob`` applies to files that do
    not match."""

    patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path | None = None

    @classmethod
    def coerce(
        cls, value: PerFileIgnores | Mapping[str, Sequence[str]] | None, root: Path | None = None
    ) -> PerFileIgnores | None:
        if value is None or isinstance(value, PerFileIgnores):
            return value
        pairs = []
        for glob, rules in value.items():
            rules = [rules] if isinstance(rules, str) else list(rules)
            pairs.append((str(glob), tuple(r for item in rules for r in _split(item))))
        return cls(tuple(pairs), root)

    def rules(self) -> list[str]:
        return [r for _, rules in self.patterns for r in rules]

    def rules_for(self, doc: str, path: Path | None) -> tuple[str, ...]:
        names = {doc}
        if path is not None:
            absolute = Path(os.path.abspath(path))
            names |= {path.name, absolute.as_posix()}
            root = Path(os.path.abspath(self.root or Path.cwd()))
            if absolute.is_relative_to(root):
                names.add(absolute.relative_to(root).as_posix())
        out: list[str] = []
        for glob, rules in self.patterns:
            negated = glob.startswith("!")
            hit = any(fnmatch.fnmatch(n, glob.lstrip("!")) for n in names)
            if hit != negated:
                out.extend(rules)
        return tuple(out)


def _split(value: str) -> list[str]:
    return [v.strip() for v in str(value).split(",") if v.strip()]


def check_rule_ids(rules: Iterable[str], known: Iterable[str], what: str) -> None:
    """A ValueError naming ``what`` when a rule matches no check (a typo must not pass)."""
    known = list(known)
    for rule in rules:
        if rule.upper() != "ALL" and not any(rule_matches(k, [rule]) for k in known):
            raise ValueError(f"{what}: unknown check id or prefix: {rule!r} (see `mtaudit checks`)")


@dataclass
class SuppressionReport:
    """What was suppressed: per table row the suppressed findings (as dicts with a
    ``suppression`` entry, for SARIF), and counts by source and rule."""

    rows: list[list[dict]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    directive_rows: list[int] = field(default_factory=list)
    """Positions of table rows that hold nothing but directives (not translation)."""

    def by_source(self, source: str) -> Counter:
        return Counter({r: n for (s, r), n in self.counts.items() if s == source})

    def summary(self) -> dict:
        """The summary's ``suppressed`` block (always present, zeros when nothing was)."""
        by_rule: Counter = Counter()
        for (_, rule), n in self.counts.items():
            by_rule[rule] += n
        return {
            "total": sum(self.counts.values()),
            "by_source": {s: sum(self.by_source(s).values()) for s in SOURCES},
            "by_rule": dict(sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_source_and_rule": {
                s: dict(sorted(self.by_source(s).items())) for s in SOURCES if self.by_source(s)
            },
        }


def _record(f: Finding, source: str, justification: str, line: int = 0) -> dict:
    return f.as_dict() | {
        "suppression": {
            "kind": SUPPRESSION_KIND[source],
            "source": source,
            "justification": justification,
            **({"line": line} if line else {}),
        }
    }


def _inline_scopes(
    table: pd.DataFrame, texts: Mapping[str, str], warn
) -> tuple[dict[int, list], list[int]]:
    """Row position → the scopes (or unit directives) that may suppress its findings, and
    the positions of rows that hold nothing but directives."""
    out: dict[int, list] = {}
    only_directives: list[int] = []
    notes = table["unit_note"] if "unit_note" in table else pd.Series(None, index=table.index)
    lines = table["unit_line"] if "unit_line" in table else pd.Series(0, index=table.index)
    positions = pd.Series(range(len(table)), index=table.index)
    bilingual = notes.map(lambda v: isinstance(v, str)).astype(bool)
    chosen = zip(positions[bilingual], notes[bilingual], lines[bilingual], strict=True)
    for pos, note, line in chosen:
        directives = note_directives(note, int(line) if line == line else 0)
        if directives:
            out[pos] = [("unit", d) for d in directives]
    mono = table[~bilingual]
    for doc, rows in mono.groupby("doc", sort=False):
        text = texts.get(doc, "")
        directives = parse_directives(text)
        if not directives:
            continue
        warn(doc, directives)
        found = scopes(text, rows, directives)
        for pos, start, end in zip(positions[rows.index], rows["start"], rows["end"], strict=True):
            mine = [s for s in found if s.start < max(end, start + 1) and start < s.end]
            if mine:
                out[pos] = mine
            own = [s for s in mine if s.own]
            if own:
                rest = text[start:end]
                for s in sorted(own, key=lambda s: -s.start):
                    a, b = max(s.start, start) - start, min(s.end, end) - start
                    rest = rest[:a] + rest[b:]
                if not rest.strip():
                    only_directives.append(pos)
    return out, only_directives


def apply_suppressions(
    table: pd.DataFrame,
    findings: list[list[Finding]],
    texts: Mapping[str, str],
    paths: Mapping[str, Path] | None = None,
    *,
    per_file_ignores: PerFileIgnores | None = None,
    baseline=None,
    inline: bool = True,
    known_rules: Iterable[str] = (),
    warn=None,
) -> tuple[list[list[Finding]], SuppressionReport]:
    """Drop suppressed findings (row-aligned with ``table``); return the rest and the report.

    Order: per-file ignores, then inline directives, then the baseline; a finding is
    counted once, under the first that suppresses it. ``warn(doc, message)`` is told about
    directives naming a rule that matches no check (``known_rules``) nor any finding.
    """
    paths = paths or {}
    known = set(known_rules) | {f.check_id for found in findings for f in found}

    def check_directives(doc: str, directives: list[Directive]) -> None:
        for d in directives:
            bad = [r for r in d.rules if not any(rule_matches(k, [r]) for k in known)]
            if bad and warn is not None:
                names = ", ".join(bad)
                warn(doc, f"line {d.line}: `mtaudit: ignore` names no known check: {names}")

    inline_at, directive_rows = (
        _inline_scopes(table, texts, check_directives) if inline else ({}, [])
    )
    report = SuppressionReport(rows=[[] for _ in range(len(table))], directive_rows=directive_rows)
    ignores_by_doc: dict[str, tuple[str, ...]] = {}
    kept_all = []
    rows = zip(table["doc"], table["text"], findings, strict=True)
    for pos, (doc, text, found) in enumerate(rows):
        if not found:
            kept_all.append(found)
            continue
        if per_file_ignores is not None and doc not in ignores_by_doc:
            ignores_by_doc[doc] = per_file_ignores.rules_for(doc, paths.get(doc))
        ignored = ignores_by_doc.get(doc, ())
        here = inline_at.get(pos, ())
        h = sentence_hash(text) if baseline is not None else ""
        kept = []
        for f in found:
            if ignored and rule_matches(f.check_id, ignored):
                report.counts["per-file-ignores", f.check_id] += 1
                continue
            hit = _inline_hit(f, here)
            if hit is not None:
                report.counts["inline", f.check_id] += 1
                report.rows[pos].append(_record(f, "inline", hit.justification(), hit.line))
                continue
            if baseline is not None and baseline.suppresses(doc, h, f.check_id):
                report.counts["baseline", f.check_id] += 1
                report.rows[pos].append(_record(f, "baseline", f"baseline {baseline.path}"))
                continue
            kept.append(f)
        kept_all.append(kept)
    return kept_all, report


def _inline_hit(f: Finding, here: Sequence) -> Directive | None:
    for item in here:
        if isinstance(item, tuple):  # ("unit", directive): the whole unit
            if item[1].covers(f.check_id):
                return item[1]
        elif item.start <= f.start < item.end and (item.own or item.directive.covers(f.check_id)):
            return item.directive
    return None
