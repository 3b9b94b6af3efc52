"""Stand-ins for modules a library imports but a run never uses: the real module is imported the
first time anything reads an attribute of it.

Great Expectations 1.24 imports scipy.stats and altair when it is imported, for expectations and
charts fazhi does not use (KL divergence, KS tests); importing them is a large share of a short
`fazhi run` (measured in docs/architecture.md). importlib.util.LazyLoader does not help
here: the import system reads the module's __spec__ on every `import`, which makes LazyLoader load it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types


class _Deferred(types.ModuleType):
    """A module in sys.modules that imports the real one when an attribute it lacks is read."""

    def __init__(self, name: str, spec: importlib.machinery.ModuleSpec) -> None:
        super().__init__(name)
        self.__spec__ = spec  # what the import system checks; with it an `import` returns this module

    def __getattr__(self, attribute: str):
        return getattr(self._load(), attribute)

    def _load(self) -> types.ModuleType:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        module = importlib.import_module(name)
        parent, _, child = name.rpartition(".")
        if parent and getattr(sys.modules.get(parent), child, None) is self:
            setattr(sys.modules[parent], child, module)
        return module


def defer(*names: str) -> None:
    """Put a stand-in for each module not imported yet (and installed) into sys.modules."""
    for name in names:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)  # imports the parent package, not the module
        except ImportError:
            continue
        if spec is None:
            continue
        module = _Deferred(name, spec)
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:  # `from parent import child` reads the attribute before it looks in sys.modules
            setattr(sys.modules[parent], child, module)
