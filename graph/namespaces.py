"""The vocabularies claimgraph writes, as pyoxigraph terms, and the prefixes bound in every output.

>>> KG.Claim.value
'https://w3id.org/claimgraph/ontology#Claim'
>>> PREFIXES["prov"]
'http://www.w3.org/ns/prov#'
"""

from __future__ import annotations

import pyoxigraph as ox


class Namespace:
    """Attribute access to IRIs under a base: ``KG.Claim`` is ``<…ontology#Claim>``."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return ox.NamedNode(self.base + name)

    def term(self, name: str) -> ox.NamedNode:
        """The IRI for a name that is not a Python identifier."""
        return ox.NamedNode(self.base + name)


ONTOLOGY_IRI = "https://w3id.org/claimgraph/ontology#"
KG = Namespace(ONTOLOGY_IRI)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
WD = Namespace("http://www.wikidata.org/entity/")


def prefixes(base_iri: str = "https://w3id.org/claimgraph/") -> dict[str, str]:
    """Prefixes for serialisation, with the minted namespaces under ``base_iri``."""
    return {
        "kg": ONTOLOGY_IRI,
        "ent": f"{base_iri}entity/",
        "claim": f"{base_iri}claim/",
        "doc": f"{base_iri}doc/",
        "rdf": RDF.base,
        "rdfs": RDFS.base,
        "owl": OWL.base,
        "skos": SKOS.base,
        "xsd": XSD.base,
        "prov": PROV.base,
        "dcterms": DCTERMS.base,
        "wd": WD.base,
    }


PREFIXES = prefixes()
