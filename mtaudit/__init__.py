"""mtaudit: find garbled machine-translated sentences in German and English text, and say why."""

__version__ = "0.1.0"


def audit(paths, **options):
    """Audit files and folders; see :func:`mtaudit.pipeline.audit` for the options."""
    from mtaudit.pipeline import audit as _audit

    return _audit(paths, **options)


__all__ = ["__version__", "audit"]
