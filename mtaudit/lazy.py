"""Modules imported on first attribute access, for modules whose import must stay cheap.

``from mtaudit.lazy import pandas as pd`` behaves as ``import pandas as pd`` except that
pandas (about 0.3 s) is imported when ``pd.DataFrame`` or any other name is first used,
so ``mtaudit checks`` and ``mtaudit --help``, which import the report package but build no
table, never load it.
"""

from __future__ import annotations

import importlib
import types


class LazyModule(types.ModuleType):
    """A stand-in for a module; each attribute is fetched once, then read directly."""

    def __getattr__(self, name: str):
        value = getattr(importlib.import_module(self.__name__), name)
        setattr(self, name, value)
        return value


pandas = LazyModule("pandas")
