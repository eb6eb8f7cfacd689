"""Stage 3, extract: spaCy over the clean texts, in batches, the model loaded once.

``annotate`` streams ``(document, Doc)`` pairs from ``nlp.pipe`` so later stages (entities,
events) read the same parse: nothing is parsed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from nightwire.models import CleanDocument, Entity
from nightwire.nlp import canonical_name

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Labels worth keeping for event data; numbers and ordinals live in the events table.
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW", "DATE"}
)


def annotate(
    nlp: Language,
    documents: Iterable[CleanDocument],
    *,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[CleanDocument, Doc]]:
    """Run the pipeline over every document's clean text, preserving order."""
    pairs = ((doc.text, doc) for doc in documents)
    for parsed, document in nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        yield document, parsed


def entities_from_doc(doc_id: str, parsed: Doc) -> list[Entity]:
    """Entities with character offsets into the clean text and a canonical name."""
    return [
        Entity(
            doc_id=doc_id,
            text=ent.text,
            label=ent.label_,
            canonical=canonical_name(ent.text),
            start_char=ent.start_char,
            end_char=ent.end_char,
        )
        for ent in parsed.ents
        if ent.label_ in ENTITY_LABELS
    ]
