"""The learned relation scorer: label mapping, pair features, the spaCy component, training and evaluation.

Importing the package is cheap; :mod:`graph.relation_scorer.component` registers the ``claimgraph_relation_scorer``
factory when imported (``graph.hybrid`` does that lazily, only when a build uses the model).

>>> from graph.relation_scorer.labels import SCORER_LABELS
>>> SCORER_LABELS[0]
'none'
"""

from graph.exceptions import ClaimgraphError


class ModelMissingError(ClaimgraphError, FileNotFoundError):
    """The relation scorer model a build or evaluation asked for is not on disk."""


class TrainingDataError(ClaimgraphError, ValueError):
    """The training data folder or files are missing or empty."""


class ExtractorModeError(ClaimgraphError, ValueError):
    """An extractor was asked for a mode it does not run."""
