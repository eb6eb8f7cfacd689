"""Stage 2, clean: raw documents -> cleaned articles with metadata and language.

Wraps the boilerplate remover (``nightwire.clean``) with the night-level context it needs
(lines repeated across the night's documents) and the checks that send unusable results to
quarantine instead of downstream.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from nightwire.clean import clean_text, find_repeated_lines
from nightwire.models import CleanDocument, QuarantineRecord, RawDocument

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Below this probability the language is reported as undetermined ("und", ISO 639-2).
MIN_LANGUAGE_CONFIDENCE = 0.6
UNDETERMINED = "und"


@dataclass
class CleanBatch:
    documents: list[CleanDocument] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)


@lru_cache(maxsize=1)
def _language_identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability, or ("und", p) when the text is too unclear."""
    lang, prob = _language_identifier().classify(text[:5000])
    return (lang if prob >= MIN_LANGUAGE_CONFIDENCE else UNDETERMINED), float(prob)


def clean_documents(
    raw_documents: Sequence[RawDocument], *, min_clean_chars: int, repeat_min_docs: int = 3
) -> CleanBatch:
    repeated = find_repeated_lines((d.raw_text for d in raw_documents), min_docs=repeat_min_docs)
    batch = CleanBatch()
    for raw in raw_documents:
        result = clean_text(raw.raw_text, repeated_lines=repeated)
        if len(result.text) < min_clean_chars:
            batch.quarantined.append(
                QuarantineRecord(
                    raw.source_file,
                    "clean",
                    f"too little article text after removing boilerplate: "
                    f"{len(result.text)} characters (minimum {min_clean_chars})",
                    raw.source_sha256,
                )
            )
            continue
        language, _ = detect_language(result.text)
        batch.documents.append(
            CleanDocument(
                doc_id=raw.doc_id,
                source_file=raw.source_file,
                source_sha256=raw.source_sha256,
                title=result.title,
                author=result.author,
                publisher=result.publisher,
                published_date=result.published_date,
                language=language,
                text=result.text,
                raw_chars=len(raw.raw_text),
                clean_chars=len(result.text),
                encoding=raw.encoding,
                metadata_sources=json.dumps(result.provenance, sort_keys=True),
                boilerplate_lines=len(result.dropped),
            )
        )
    return batch
