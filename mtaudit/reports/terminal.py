"""What mtaudit prints in a terminal: the audit summary, the gate verdict, the check list."""

from __future__ import annotations

import textwrap

from mtaudit.translate.models import INSTALL_HINT


def render_summary(result, top: int = 10) -> str:
    """Round-trip status, worst documents first, then worst sentences, then the totals."""
    lines = []
    rt = result.roundtrip
    if not rt.ran:
        lines += [f"! round trip skipped: {rt.reason}", f"  {INSTALL_HINT}", ""]
    lm = result.summary.get("lm", {})
    if lm and not lm.get("ran"):
        hint = lm.get("how_to_enable", "")
        lines += [
            f"! language model skipped: {lm.get('reason', '')}",
            *([f"  {hint}"] if hint else []),
            "",
        ]
    docs = result.documents.sort_values(["garbled_share", "mean_risk"], ascending=False)
    lines.append(f"{'verdict':8} {'garbled':>7} {'review':>6} {'audited':>7} {'risk':>5}  document")
    for d in docs.itertuples():
        extra = f"  [{d.errors}]" if d.errors else (f"  ({d.warnings})" if d.warnings else "")
        lines.append(
            f"{d.verdict:8} {d.garbled:7d} {d.review:6d} {d.audited:7d} "
            f"{d.mean_risk:5.2f}  {d.doc}{extra}"
        )
    flagged = result.sentences[result.sentences["verdict"].isin(["garbled", "review"])]
    t = result.summary["totals"]
    if len(flagged) and top > 0:  # the totals count them all, also when only the worst are kept
        lines += ["", f"worst sentences (of {t['garbled'] + t['review']} flagged):"]
        for s in flagged.sort_values("risk", ascending=False).head(top).itertuples():
            text = textwrap.shorten(" ".join(s.text.split()), 110, placeholder=" …")
            lines.append(f"  {s.risk:.2f} {s.verdict:7} {s.doc}#{s.sent_id}: {text}")
            for issue in s.issues.split(" | ")[:4]:
                lines.append(f"         - {textwrap.shorten(issue, 120, placeholder=' …')}")
    lines += [
        "",
        f"{t['documents']} documents, {t['audited']} sentences audited: "
        f"{t['garbled']} garbled, {t['review']} to review, {t['ok']} ok, "
        f"{t['skipped']} skipped; {t['documents_with_errors']} unreadable",
    ]
    lines += suppression_lines(result.summary)
    return "\n".join(lines)


def suppression_lines(summary: dict) -> list[str]:
    """How many findings a baseline, inline directives and per-file ignores suppressed."""
    by_source = summary.get("suppressed", {}).get("by_source", {})
    out = []
    baseline = summary.get("baseline")
    if baseline is not None:
        n = by_source.get("baseline", baseline.get("suppressed", 0))
        out.append(
            f"baseline {baseline.get('file', '')}: {n} finding{'s' * (n != 1)} suppressed "
            f"({baseline.get('entries', 0)} entries)"
        )
    if by_source.get("inline"):
        n = by_source["inline"]
        out.append(f"{n} finding{'s' * (n != 1)} suppressed inline (mtaudit: ignore)")
    if by_source.get("per-file-ignores"):
        n = by_source["per-file-ignores"]
        out.append(f"{n} finding{'s' * (n != 1)} dropped by per-file-ignores")
    return out


def render_gate(result, outcome) -> str:
    """One line with the verdict and totals, then every reason."""
    t = result.summary["totals"]
    from mtaudit.reports.findings import skipped_stages

    head = (
        f"gate {'passed' if outcome.passed else 'FAILED'}: {t['documents']} documents, "
        f"{t['audited']} sentences audited, {t['garbled']} garbled, {t['review']} to review"
    )
    notes = [f"  ! {note}" for note in skipped_stages(result)]
    notes += [f"  ! {line}" for line in suppression_lines(result.summary)]
    return "\n".join([head, *(f"  - {r}" for r in outcome.reasons), *notes])


def render_checks(described: list[dict]) -> str:
    """Every check with its id, scope, explanation and examples, for ``mtaudit checks``."""
    out = []
    for d in described:
        state = "on" if d["default_enabled"] else f"off by default: {d['off_reason']}"
        if d.get("lm_confirmed"):
            state += " On with the language model, which must confirm each fix."
        out.append(
            f"{d['id']}  {d['name']}  [{'/'.join(d['langs'])}; {d['category']}; "
            f"{d['severity']}; {state}]"
        )
        out.append(
            textwrap.indent(textwrap.fill(d["summary"] + " " + d["explanation"], 96), "    ")
        )
        out.append(f"    bad:  {d['bad_example']}\n    good: {d['good_example']}\n")
    return "\n".join(out) + ("\n" if out else "")
