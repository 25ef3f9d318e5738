"""SARIF 2.1.0: findings as code-scanning results, shown inline on the lines they point at."""

from __future__ import annotations

from pathlib import Path

from mtaudit import __version__
from mtaudit.reports.reviewer import sentence_hash

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"critical": "error", "major": "warning", "minor": "note"}


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _uri(path: Path) -> str:
    """Repository-relative URI when the file is under the working directory (what CI wants)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()


def _rule(cid: str, registry: dict) -> dict:
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
            "defaultConfiguration": {"level": SARIF_LEVEL[cls.severity]},
            "properties": {"category": cls.category, "tags": [cls.category]},
        }
    return rule


def sarif(result, exit_code: int = 0, reasons: list[str] = (), successful: bool = True) -> dict:
    """SARIF log: rules from the registry, one result per finding with its location;
    ``reasons`` (why a gate failed) become invocation notifications."""
    from mtaudit.checks import load_all

    registry = load_all()
    fired = sorted(
        {f["id"] for fs in result.sentences["findings"] for f in fs}
        if len(result.sentences)
        else set()
    )
    index = {cid: i for i, cid in enumerate(fired)}
    results = []
    for r in result.sentences.itertuples():
        text = result.texts.get(r.doc, "")
        for f in r.findings:
            line, col = line_column(text, f["start"])
            end_line, end_col = line_column(text, f["end"])
            results.append(
                {
                    "ruleId": f["id"],
                    "ruleIndex": index[f["id"]],
                    "level": SARIF_LEVEL.get(f["severity"], "warning"),
                    "message": {
                        "text": f"{f['message']} (sentence risk {r.risk:.2f}, {r.verdict})"
                    },
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": _uri(result.paths.get(r.doc, Path(r.doc)))
                                },
                                "region": {
                                    "startLine": line,
                                    "startColumn": col,
                                    "endLine": end_line,
                                    "endColumn": end_col,
                                    "snippet": {"text": text[f["start"] : f["end"]]},
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {
                        "mtaudit/v1": f"{r.doc}:{sentence_hash(r.text)}:{f['id']}"
                    },
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtaudit",
                        "version": __version__,
                        "rules": [_rule(cid, registry) for cid in fired],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": successful,
                        "exitCode": exit_code,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": reason}} for reason in reasons
                        ],
                    }
                ],
            }
        ],
    }
