"""SARIF 2.1.0: findings as code-scanning results, shown inline on the lines they point at.

- Rules come from the registry, each with a ``helpUri`` to its section of the catalogue
  (``docs/checks.md#<id>`` by default; ``docs_url`` sets the base, e.g. a published copy).
- Results carry the finding's region (text files: exact lines and columns in code points;
  bilingual files: the line of the unit's ``<trans-unit>``/``<segment>`` element or table
  row; the unit's id as a ``logicalLocation``), ``fixes`` from its replacements (text
  files only, where the region is exact) and a ``partialFingerprints`` entry that survives
  unrelated edits.
- Findings suppressed inline or by a baseline stay in the log with ``suppressions`` (kind
  ``inSource`` / ``external``), so code scanning shows them as dismissed, not gone.
- The invocation lists gate failures and unreadable inputs (level ``error``) and the stages
  that did not run (round trip, language model; level ``warning``) as notifications.
"""

from __future__ import annotations

from pathlib import Path

from mtaudit import __version__
from mtaudit.reports.findings import (
    display_path,
    fingerprint,
    is_bilingual,
    iter_findings,
    line_column,
    skipped_stages,
)
from mtaudit.reports.reviewer import sentence_hash

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"critical": "error", "major": "warning", "minor": "note"}
DEFAULT_DOCS_URL = "docs/checks.md"
__all__ = ["SARIF_LEVEL", "SARIF_SCHEMA", "help_uri", "line_column", "sarif"]


def _uri(path: Path) -> str:
    """Repository-relative URI when the file is under the working directory (what CI wants)."""
    shown = display_path(path)
    return shown if not shown.startswith("/") else Path(shown).as_uri()


def help_uri(rule: str, docs_url: str | None = None) -> str:
    """The rule's section of the check catalogue: ``<docs_url>#<id in lower case>``."""
    return f"{(docs_url or DEFAULT_DOCS_URL).rstrip('#')}#{rule.lower()}"


def _rule(cid: str, registry: dict, docs_url: str | None) -> dict:
    cls = registry.get(cid)
    rule = {"id": cid}
    if cls is not None:
        rule |= {
            "name": cls.name,
            "shortDescription": {"text": cls.summary},
            "fullDescription": {"text": cls.explanation},
            "help": {
                "text": f"{cls.explanation}\nBad: {cls.bad_example}\nGood: {cls.good_example}"
            },
            "helpUri": help_uri(cid, docs_url),
            "defaultConfiguration": {"level": SARIF_LEVEL[cls.severity]},
            "properties": {"category": cls.category, "tags": [cls.category]},
        }
    return rule


def _region(record: dict, bilingual: bool) -> dict:
    if bilingual:
        return {
            "startLine": record["line"],
            "endLine": record["end_line"],
            "snippet": {"text": record["text"]},
        }
    return {
        "startLine": record["line"],
        "startColumn": record["column"],
        "endLine": record["end_line"],
        "endColumn": record["end_column"],
        "snippet": {"text": record["text"]},
    }


def _fixes(record: dict, uri: str, region: dict) -> list[dict]:
    deleted = {k: v for k, v in region.items() if k != "snippet"}
    return [
        {
            "description": {"text": f"Replace {record['text']!r} with {text!r}"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": uri},
                    "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": text}}],
                }
            ],
        }
        for text in record["replacements"]
    ]


def _suppression(record: dict, uri: str) -> dict:
    s = record["suppression"]
    out = {"kind": s["kind"], "status": "accepted", "justification": s["justification"]}
    if s.get("line") and s["source"] == "inline":
        out["location"] = {
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": s["line"]},
            }
        }
    return out


def _location(row, uri: str, region: dict) -> dict:
    """The physical location, and for a unit with an id (XLIFF, PO, TMX) the unit as a
    logical location."""
    out = {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
    unit_id = getattr(row, "unit_id", "")
    if isinstance(unit_id, str) and unit_id:
        out["logicalLocations"] = [
            {"name": unit_id, "fullyQualifiedName": f"{row.doc}/{unit_id}", "kind": "element"}
        ]
    return out


def _result(result, row, record: dict, index: dict[str, int]) -> dict:
    bilingual = is_bilingual(row)
    uri = _uri(result.paths.get(row.doc, Path(row.doc)))
    region = _region(record, bilingual)
    out = {
        "ruleId": record["rule"],
        "ruleIndex": index[record["rule"]],
        "level": SARIF_LEVEL.get(record["severity"], "warning"),
        "message": {"text": f"{record['message']} (sentence risk {row.risk:.2f}, {row.verdict})"},
        "locations": [_location(row, uri, region)],
        "partialFingerprints": {
            "mtaudit/v1": f"{row.doc}:{sentence_hash(row.text)}:{record['rule']}",
            "mtaudit/v2": fingerprint(record, row),
        },
        "properties": {
            "category": record["category"],
            "confidence": record["confidence"],
            "sentId": record["sent_id"],
            "risk": record["risk"],
            "verdict": record["verdict"],
        },
    }
    if record["replacements"] and not bilingual:
        out["fixes"] = _fixes(record, uri, region)
    if "suppression" in record:
        out["suppressions"] = [_suppression(record, uri)]
    return out


def sarif(
    result,
    exit_code: int = 0,
    reasons: list[str] = (),
    successful: bool = True,
    docs_url: str | None = None,
) -> dict:
    """SARIF log: rules from the registry, one result per finding (suppressed ones marked);
    ``reasons`` (why a gate failed, unreadable inputs) become error notifications and the
    skipped stages warning notifications of the invocation."""
    from mtaudit.checks import load_all

    registry = load_all()
    found = [(row, record) for row, _, record in iter_findings(result)]
    found += [(row, record) for row, _, record in iter_findings(result, suppressed=True)]
    fired = sorted({record["rule"] for _, record in found})
    index = {cid: i for i, cid in enumerate(fired)}
    notifications = [
        {"level": "error", "message": {"text": reason}, "descriptor": {"id": "mtaudit/gate"}}
        for reason in reasons
    ] + [
        {"level": "warning", "message": {"text": note}, "descriptor": {"id": "mtaudit/skipped"}}
        for note in skipped_stages(result)
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtaudit",
                        "version": __version__,
                        **({"informationUri": docs_url} if docs_url else {}),
                        "rules": [_rule(cid, registry, docs_url) for cid in fired],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(result, row, record, index) for row, record in found],
                "invocations": [
                    {
                        "executionSuccessful": successful,
                        "exitCode": exit_code,
                        "toolExecutionNotifications": notifications,
                    }
                ],
            }
        ],
    }
