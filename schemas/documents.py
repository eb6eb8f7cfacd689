"""Tables about articles: documents and the entities found in them."""

from __future__ import annotations

from schemas.base import INGEST_DATE, RUN_ID, Column, Rule, TableSchema

_CONTAINERS = ("txt", "html", "md", "jsonl")
SOURCE_FORMATS = (*_CONTAINERS, *(f"{c}.gz" for c in _CONTAINERS))

DOCUMENTS = TableSchema(
    name="documents",
    description="One cleaned article per row.",
    key=("doc_id",),
    columns=(
        Column(
            "doc_id",
            "string",
            nullable=False,
            description="sha256 prefix of the document's canonical bytes (see source_sha256)",
        ),
        Column(
            "source_file",
            "string",
            nullable=False,
            description="path relative to input; '#L<n>' adds the line of a JSON Lines record",
        ),
        Column(
            "source_sha256",
            "string",
            nullable=False,
            description="sha256 of the file (decompressed) or of the JSON Lines record "
            "re-serialised as compact key-sorted JSON",
        ),
        Column("title", "string", severity="warning"),
        Column("author", "string"),
        Column("publisher", "string"),
        Column("published_date", "date", min=None),
        Column("language", "string", nullable=False, severity="warning"),
        Column("text", "string", nullable=False, description="clean article body"),
        Column("raw_chars", "int64", nullable=False, min=1),
        Column("clean_chars", "int64", nullable=False, min=1),
        Column("encoding", "string", nullable=False),
        Column("metadata_sources", "string", description="JSON: field -> how it was found"),
        Column("boilerplate_lines", "int64", nullable=False, min=0),
        Column(
            "source_format",
            "string",
            allowed=SOURCE_FORMATS,
            description="container format: txt, html, md, jsonl; '.gz' appended when gzipped",
        ),
        Column("url", "string", description="article URL (front matter, JSON field, HTML)"),
        Column(
            "duplicate_of",
            "string",
            description="doc_id of the earlier copy of the same story (MinHash near-duplicate)",
        ),
        INGEST_DATE,
        RUN_ID,
    ),
    rules=(
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "raw_chars", "column_B": "clean_chars", "or_equal": True},
            severity="warning",
            why="cleaning removes text (paragraph breaks may add a few characters)",
        ),
        Rule(
            "ExpectColumnValueLengthsToEqual",
            {"column": "source_sha256", "value": 64},
            why="a sha256 hex digest",
        ),
    ),
)

ENTITIES = TableSchema(
    name="entities",
    description="Named entities found in the clean text, with offsets into documents.text.",
    key=("doc_id", "start_char", "end_char", "label"),
    columns=(
        Column("doc_id", "string", nullable=False),
        Column("text", "string", nullable=False),
        Column("label", "string", nullable=False),
        Column("canonical", "string", nullable=False),
        Column("start_char", "int64", nullable=False, min=0),
        Column("end_char", "int64", nullable=False, min=1),
        INGEST_DATE,
    ),
    rules=(
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "end_char", "column_B": "start_char"},
            why="a span has positive length",
        ),
    ),
)
