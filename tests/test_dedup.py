"""Near-duplicate detection (nightwire.dedup): MinHash + LSH, canonical copies, prior nights."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nightwire.dedup import (
    DEFAULT_THRESHOLD,
    Candidate,
    NearDuplicateIndex,
    canonical_order,
    link_near_duplicates,
    minhash,
    shingles,
    signature_bytes,
    signature_from_bytes,
)

WIRE = [
    "BAGHDAD (Reuters) - Islamic State militants attacked government buildings in the northern "
    "Iraqi city of Kirkuk on Friday, killing at least 46 people, most of them members of the "
    "security forces, officials said.",
    "The attack began before dawn when gunmen entered the city from several directions and "
    "occupied a hotel under construction and a number of empty buildings.",
    "Security forces said they had killed or captured most of the attackers by the evening, "
    "but clashes continued in several neighbourhoods after nightfall.",
    "The assault appeared aimed at diverting attention from the offensive on Mosul, which "
    "Iraqi troops and Kurdish Peshmerga fighters launched on Monday.",
    "Residents said loudspeakers on mosques urged people to stay indoors while helicopters "
    "flew over the southern districts of the city.",
    "A curfew was imposed across the province and roads into Kirkuk were closed, a police "
    "spokesman told reporters at a news conference in the afternoon.",
]
OTHER = (
    "The central bank kept interest rates unchanged on Thursday, citing a slowdown in "
    "consumer spending and weaker exports over the summer months, and signalled that it "
    "could cut borrowing costs before the end of the year if inflation stays low. Economists "
    "had expected the decision, although two members of the committee voted for a cut."
)


def story(*, lead: str = "", drop_last: bool = False) -> str:
    paragraphs = WIRE[:-1] if drop_last else WIRE
    return "\n\n".join([lead, *paragraphs] if lead else paragraphs)


def test_shingles_and_deterministic_signatures() -> None:
    assert shingles("One two three") == {b"one two three"}
    assert len(shingles("a b c d e f g")) == 3
    assert shingles("") == set()
    assert (minhash(WIRE[0]).hashvalues == minhash(WIRE[0]).hashvalues).all()
    restored = signature_from_bytes(signature_bytes(minhash(story())))
    assert restored.jaccard(minhash(story())) == 1.0


def test_same_wire_story_on_two_sites_is_linked_to_the_earlier_copy() -> None:
    site_a = Candidate("a", story(), date(2016, 10, 21), "site_a.html")
    site_b = Candidate(
        "b",
        story(lead="Our correspondent reports from northern Iraq.", drop_last=True),
        date(2016, 10, 22),
        "site_b.html",
    )
    unrelated = Candidate("c", OTHER, date(2016, 10, 20), "bank.txt")
    links = link_near_duplicates([site_b, unrelated, site_a])
    assert set(links) == {"b"}
    canonical, similarity = links["b"]
    assert canonical == "a"
    assert DEFAULT_THRESHOLD <= similarity < 1.0


def test_canonical_copy_is_the_earliest_then_undated_then_by_source() -> None:
    docs = [
        Candidate("x", story(), None, "a.txt"),
        Candidate("y", story(), date(2016, 10, 23), "z.txt"),
        Candidate("z", story(), date(2016, 10, 23), "b.txt"),
    ]
    assert [d.doc_id for d in canonical_order(docs)] == ["z", "y", "x"]
    links = link_near_duplicates(docs)
    assert {k: v[0] for k, v in links.items()} == {"y": "z", "x": "z"}  # chains collapse


def test_prior_nights_index_links_and_is_not_modified() -> None:
    prior = NearDuplicateIndex()
    prior.add_texts([("old", story()), ("bank", OTHER)])
    assert len(prior) == 2
    tonight = [
        Candidate("new", story(drop_last=True), date(2016, 10, 25), "n.txt"),
        Candidate("fresh", WIRE[0] + " " + OTHER, date(2016, 10, 25), "f.txt"),
    ]
    links = link_near_duplicates(tonight, prior=prior)
    assert {k: v[0] for k, v in links.items()} == {"new": "old"}
    assert len(prior) == 2 and "new" not in prior


def test_threshold_decides() -> None:
    half = "\n\n".join(WIRE[:3]) + "\n\n" + OTHER
    docs = [Candidate("a", story(), date(2016, 1, 1)), Candidate("b", half, date(2016, 1, 2))]
    assert link_near_duplicates(docs) == {}
    assert set(link_near_duplicates(docs, threshold=0.2)) == {"b"}


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_batches(n: int) -> None:
    assert link_near_duplicates([Candidate("a", story())][:n]) == {}


def test_prior_index_is_read_from_earlier_published_nights(tmp_path: Path) -> None:
    from nightwire.publish import Warehouse
    from nightwire.tables import to_arrow
    from schemas import TABLES
    from tasks.ingest import prior_index

    def row(doc_id: str, text: str, duplicate_of: str | None = None) -> dict[str, object]:
        return {
            "doc_id": doc_id,
            "source_file": f"{doc_id}.txt",
            "source_sha256": doc_id * 16,
            "language": "en",
            "text": text,
            "raw_chars": len(text),
            "clean_chars": len(text),
            "encoding": "utf-8",
            "boilerplate_lines": 0,
            "duplicate_of": duplicate_of,
            "run_id": "r",
        }

    warehouse = Warehouse(tmp_path)
    nights = {
        date(2016, 10, 20): [row("old", story()), row("copy", story(), "old")],
        date(2016, 10, 22): [row("later", OTHER)],
    }
    for night, rows in nights.items():
        warehouse.stage("r", TABLES["documents"], night, to_arrow(TABLES["documents"], rows))
        warehouse.commit("r", night, ["documents"])
    index = prior_index(tmp_path, date(2016, 10, 21))
    assert index is not None
    assert "old" in index and "copy" not in index and "later" not in index  # originals, earlier
    links = link_near_duplicates([Candidate("new", story(drop_last=True))], prior=index)
    assert links["new"][0] == "old"
    assert prior_index(tmp_path, date(2016, 10, 20)) is None
