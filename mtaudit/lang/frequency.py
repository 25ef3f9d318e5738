"""wordfreq's Zipf frequencies, imported on first use.

Importing wordfreq costs about 0.25 s (langcodes' tables, ftfy, numpy), and loading a
language's word list on the first look-up more; commands that never look a word up
(``mtaudit --help``, ``mtaudit checks``) should pay for neither.
"""

from __future__ import annotations

_zipf = None


def zipf_frequency(word: str, lang: str, *args, **kwargs) -> float:
    """:func:`wordfreq.zipf_frequency`, same arguments and result."""
    global _zipf
    if _zipf is None:
        from wordfreq import zipf_frequency as real

        _zipf = real
    return _zipf(word, lang, *args, **kwargs)
