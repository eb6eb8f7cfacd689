"""The L3S-GN1 boilerplate gold (Kohlschuetter et al., WSDM 2010) and a token-bag scorer.

Each page exists twice: ``original/<id>.html`` (the crawled page) and ``annotated/<id>.html``
(the same page with every text block wrapped in ``<span class="x-nc-selN">``: 0 not content,
1 headline, 2 full text, 3 supplemental, 4 related, 5 comments; text outside every span was
left unselected, i.e. not content). Elements marked ``x-nc-invisible`` (and scripts, styles)
are invisible to a reader and count for nothing.

The article is headline + full text (classes 1 and 2). Annotated files replaced non-ASCII
characters with '?', so tokens are normalised to lower-cased ``[a-z0-9]+`` runs (an accented
word splits the same way on both sides) and compared as bags (multisets): a token counts as
correct as many times as it occurs in both the output and the gold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml.etree import _Element

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "dev" / "l3s-gn1"
ARTICLE_LABELS = frozenset({1, 2})

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
_SEL_RE = re.compile(r"\bx-nc-sel(\d)\b")
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "head", "title", "template"})


def tokens(text: str) -> Counter[str]:
    """The normalised token bag of ``text``."""
    return Counter(t.lower() for t in _TOKEN_RE.findall(text))


def _walk(el: _Element, label: int | None, out: dict[int | None, list[str]]) -> None:
    if not isinstance(el.tag, str):  # comments and processing instructions: no text
        return
    cls = el.get("class") or ""
    if el.tag.lower() in _INVISIBLE_TAGS or "x-nc-invisible" in cls:
        return
    m = _SEL_RE.search(cls)
    if m:
        label = int(m.group(1))
    if el.text:
        out.setdefault(label, []).append(el.text)
    for child in el:
        _walk(child, label, out)
        if child.tail:  # the tail belongs to this element, not to the child
            out.setdefault(label, []).append(child.tail)


def labelled_text(annotated_html: bytes) -> dict[int | None, list[str]]:
    """Visible text blocks of an annotated page by label (None: outside every span)."""
    root = lxml.html.document_fromstring(annotated_html)
    out: dict[int | None, list[str]] = {}
    _walk(root, None, out)
    return out


def gold_tokens(annotated_html: bytes) -> Counter[str]:
    """Token bag of the article (headline + full text) of an annotated page."""
    blocks = labelled_text(annotated_html)
    bag: Counter[str] = Counter()
    for label in ARTICLE_LABELS:
        for block in blocks.get(label, []):
            bag.update(tokens(block))
    return bag


@dataclass(frozen=True)
class Page:
    page_id: str
    original: str  # the raw page, decoded
    gold: Counter[str]


def iter_pages(root: Path = DEFAULT_DIR, *, limit: int | None = None) -> Iterator[Page]:
    """Pages with both an original and an annotated copy, in file-name order."""
    names = sorted(p.name for p in (root / "annotated").glob("*.html"))
    for name in names[:limit]:
        original = root / "original" / name
        if not original.is_file():
            continue
        yield Page(
            page_id=name.removesuffix(".html"),
            # Every original in the set is valid UTF-8 (the WARC conversion wrote it so).
            original=original.read_bytes().decode("utf-8", errors="replace"),
            gold=gold_tokens((root / "annotated" / name).read_bytes()),
        )


@dataclass(frozen=True)
class Score:
    """Token-level precision/recall/F1, micro (pooled tokens) and macro (mean of pages)."""

    pages: int
    precision: float
    recall: float
    f1: float
    macro_precision: float
    macro_recall: float
    macro_f1: float
    empty_outputs: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[Counter[str], Counter[str]]]) -> Score:
    """Score (output bag, gold bag) pairs. An empty output scores P = R = F1 = 0 on its page."""
    matched = produced = expected = 0
    ps: list[float] = []
    rs: list[float] = []
    fs: list[float] = []
    empty = 0
    for out, gold in pairs:
        m = sum((out & gold).values())
        n_out, n_gold = sum(out.values()), sum(gold.values())
        matched, produced, expected = matched + m, produced + n_out, expected + n_gold
        empty += n_out == 0
        p = m / n_out if n_out else 0.0
        r = m / n_gold if n_gold else 0.0
        ps.append(p)
        rs.append(r)
        fs.append(_f1(p, r))
    n = len(fs)
    if n == 0:
        raise ValueError("nothing to score")
    precision = matched / produced if produced else 0.0
    recall = matched / expected if expected else 0.0
    return Score(
        pages=n,
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        macro_precision=sum(ps) / n,
        macro_recall=sum(rs) / n,
        macro_f1=sum(fs) / n,
        empty_outputs=empty,
    )
