"""claimgraph: articles in Chinese, English or both become an RDF graph of entities and sourced claims."""

__version__ = "0.1.0"
