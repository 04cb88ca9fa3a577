"""claimgraph: articles in Chinese, English or both become an RDF graph of entities and sourced claims.

The public API is small and imports nothing heavy until used:

>>> import graph
>>> graph.__version__
'0.1.0'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from graph.build import build, extract
    from graph.claims import Claim
    from graph.settings import Settings

_LAZY = {"build": "graph.build", "extract": "graph.build", "build_to_file": "graph.build",
         "run_build": "graph.build", "Claim": "graph.claims", "Settings": "graph.settings",
         "to_networkx": "graph.network"}


def __getattr__(name: str) -> Any:
    # Lazy so that `import graph` stays cheap (spaCy and jieba load only when a build starts).
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["Claim", "Settings", "__version__", "build", "build_to_file", "extract", "run_build", "to_networkx"]
