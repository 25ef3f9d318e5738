"""mtaudit: find garbled machine-translated sentences in German and English text, and say why."""

import os as _os

# llama.cpp's OpenMP threads spin while they wait; on a busy machine two spinning threads ran
# 3-10x slower than one. Passive waiting must be set before OpenMP starts (torch or llama.cpp).
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__version__ = "0.1.0"

_RENAMED = {"no_cache": ("use_cache", False), "no_roundtrip": ("roundtrip", False)}
_LISTS = ("select", "ignore", "extend_select", "include", "exclude", "languages")


def audit(paths, **options):
    """Audit files and folders: a path (str or Path) or a list of them.

    Options are the command line's long flags with underscores (``no_roundtrip=True``,
    ``select="DE,REP"`` or a list, ``ignore``, ``extend_select``, ``baseline`` as a path,
    ``review_threshold``, ``segmentation``, ``pairs`` as paths, ``source_file`` with
    ``target_file``, ``pivot`` as ``{"de": "fr"}`` or ``["de=fr"]``, ``config`` to read a
    config file, ``out`` to write the reports too), or any keyword of
    :func:`mtaudit.pipeline.audit` (``settings``, ``per_file_ignores``, …). A flag
    ``no_X=True`` switches off the pipeline's option ``X``. Returns an
    :class:`~mtaudit.pipeline.AuditResult`: ``.sentences``, ``.documents``, ``.findings``
    (one row per finding, README "Finding fields") and ``.summary``.
    """
    from mtaudit.pipeline import audit as _audit

    kwargs, out = _pipeline_options(options)
    result = _audit(paths, **kwargs)
    if out is not None:
        write_reports(result, out)
    return result


def _pipeline_options(options: dict) -> tuple[dict, object]:
    """Command-line style options as keyword arguments of :func:`mtaudit.pipeline.audit`."""
    import inspect
    from pathlib import Path

    from mtaudit.pipeline import AuditRun

    known = set(inspect.signature(AuditRun).parameters) - {"paths"}
    options = dict(options)
    out = options.pop("out", None)
    options.pop("quiet", None)
    kwargs: dict = {}
    config = options.pop("config", None)
    if config is not None:
        from mtaudit.config import load

        kwargs |= load(config).audit_kwargs()
    source_col = options.pop("source_col", "source")
    target_col = options.pop("target_col", "target")
    source_file, target_file = options.pop("source_file", None), options.pop("target_file", None)
    for name, value in options.items():
        if name in _RENAMED or (name.startswith("no_") and name[3:] in known):
            target, off = _RENAMED.get(name, (name[3:], False))
            kwargs[target] = off if value else not off
        elif name in known:
            kwargs[name] = value
        else:
            raise TypeError(
                f"mtaudit.audit() got an unknown option {name!r} (options are the long flags "
                f"of `mtaudit audit` with underscores, or: {', '.join(sorted(known))})"
            )
    for name in _LISTS:
        if isinstance(kwargs.get(name), str):
            kwargs[name] = [v.strip() for v in kwargs[name].split(",") if v.strip()]
    if isinstance(kwargs.get("baseline"), (str, Path)):
        from mtaudit.baseline import Baseline

        kwargs["baseline"] = Baseline.load(kwargs["baseline"])
    if isinstance(kwargs.get("pivot"), (list, tuple)):
        kwargs["pivot"] = dict(v.split("=", 1) for v in kwargs["pivot"])
    pairs = kwargs.get("pairs")
    if pairs is not None or source_file or target_file:
        from mtaudit.bilingual import PairSource

        pairs = [pairs] if isinstance(pairs, (str, Path)) else list(pairs or ())
        specs = [
            p if isinstance(p, PairSource) else PairSource(Path(p), None, source_col, target_col)
            for p in pairs
        ]
        if bool(source_file) != bool(target_file):
            raise ValueError("source_file and target_file go together")
        if source_file:
            specs.append(PairSource(Path(source_file), Path(target_file)))
        kwargs["pairs"] = specs
    return kwargs, out


def write_reports(result, out):
    """Write sentences.csv, documents.csv, findings.csv, summary.json and html/ to ``out``;
    returns the paths written (see :func:`mtaudit.reports.write_reports`)."""
    from mtaudit.reports import write_reports as _write

    return _write(result, out)


__all__ = ["__version__", "audit", "write_reports"]
