"""The clean stage (nightwire.prepare + nightwire.html_clean): every format to a documents row."""

from __future__ import annotations

import gzip
import json
import logging
from datetime import date
from pathlib import Path

import pytest

from nightwire.clean_sites import (
    publisher_from_url,
    registrable_domain,
    strip_site_suffix,
    unwrap_url,
)
from nightwire.html_clean import clean_html, extract_html, repair_html
from nightwire.ingest import ingest
from nightwire.models import CleanDocument, RawDocument
from nightwire.prepare import clean_documents, parse_published

MAX = 5_000_000
PARAS = [
    "Islamic State militants attacked government buildings in the northern Iraqi city of "
    "Kirkuk on Friday, killing at least 46 people, most of them members of the security "
    "forces, officials said.",
    "The attack began before dawn when gunmen entered the city from several directions and "
    "occupied a hotel under construction and a number of empty buildings nearby.",
    "Security forces said they had killed or captured most of the attackers by the evening, "
    "but clashes continued in several neighbourhoods after nightfall.",
    "\u201cThe situation is under control,\u201d the provincial governor told reporters, adding "
    "that a curfew would remain in force until Saturday morning.",
    "The assault appeared aimed at diverting attention from the offensive on Mosul, which Iraqi "
    "troops and Kurdish Peshmerga fighters launched on Monday.",
]
TITLE = "Islamic State attacks Kirkuk, killing dozens"
OTHER = (
    "The central bank kept interest rates unchanged on Thursday, citing a slowdown in "
    "consumer spending and weaker exports over the summer months, and signalled that it "
    "could cut borrowing costs before the end of the year if inflation stays low."
)


def page(paras: list[str] = PARAS, *, title: str = TITLE, site: str = "Daily Planet") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paras[:2])
    rest = "\n".join(f"<p>{p}</p>" for p in paras[2:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2016-10-21T09:30:00Z"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
</header><main><article><h1>{title}</h1><p class="byline">By Jane Doe</p>
<figure><img src="k.jpg"><figcaption>Smoke over Kirkuk. Photo: AFP/Getty Images</figcaption>
</figure>
{body}
<p>Advertisement</p>
<p>Sign up for our newsletter to get the latest news every morning</p>
{rest}
<p>{paras[1]}</p>
<div class="share">Share this article on Facebook Twitter Email</div></article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Mosul offensive enters
second week</a></li><li><a href="/b">Peshmerga advance on Bashiqa</a></li></ul></aside>
<section id="comments"><h3>3 comments</h3><div class="comment"><p>John | 21/10/2016
Terrible news, thoughts with the families of all those killed.</p></div></section></main>
<footer><p>&copy; 2016 Daily Planet. All rights reserved.</p></footer></body></html>"""


def raw(text: str, *, markup: str = "text", fmt: str = "txt", **kw: object) -> RawDocument:
    name = str(kw.pop("name", f"doc.{fmt}"))
    digest = (name * 64)[:64]
    return RawDocument(
        doc_id=digest[:16],
        source_file=name,
        source_sha256=digest,
        raw_text=text,
        encoding="utf-8",
        raw_bytes=len(text),
        fmt=fmt,
        markup=markup,
        **kw,  # type: ignore[arg-type]
    )


def only(batch_docs: list[CleanDocument]) -> CleanDocument:
    (doc,) = batch_docs
    return doc


# --- HTML -----------------------------------------------------------------------------


def test_html_page_is_cleaned_by_trafilatura_plus_the_line_classifier() -> None:
    result = clean_html(page(), url="https://www.dailyplanet.example/world/kirkuk")
    paragraphs = result.text.split("\n\n")
    assert paragraphs == PARAS  # nothing else, and the repeated paragraph only once
    for junk in ("Home", "Sign in", "Advertisement", "newsletter", "Related", "Terrible news"):
        assert junk not in result.text
    assert result.title == TITLE
    assert result.author == "Jane Doe"
    assert result.published_date == date(2016, 10, 21)
    assert result.publisher == "Daily Planet"
    assert result.provenance == {
        "title": "html_meta",
        "author": "html_meta",
        "published_date": "html_meta",
        "publisher": "html_meta",
    }
    reasons = dict((line, why) for line, why in result.dropped)
    assert reasons["Advertisement"] == "meta_label"
    assert reasons[PARAS[1]] == "duplicate_paragraph"


def test_known_outlet_url_names_the_publisher_over_the_site_name() -> None:
    result = clean_html(page(site="World News"), url="https://uk.reuters.com/article/idUS1")
    assert (result.publisher, result.provenance["publisher"]) == ("Reuters", "url_domain")


def test_broken_markup_is_repaired_before_extraction() -> None:
    unclosed = page().replace("</title>", "", 1)
    assert PARAS[0] in extract_html(unclosed).text  # lxml alone would lose the whole page
    cut_doctype = "<!DOCTYPE htm\n" + page().split("\n", 1)[1]
    assert repair_html(cut_doctype).lstrip().startswith("<html")
    assert PARAS[0] in clean_html(cut_doctype).text
    assert clean_html("").text == ""
    assert clean_html("<html><body></body></html>").text == ""


# --- every format through clean_documents ---------------------------------------------


def test_mixed_formats_night(tmp_path: Path) -> None:
    md = (
        "---\npost_title: >\n  Kirkuk attack kills 46 &#8211; Reuters\n"
        "post_date: 2016-10-21 11:02:40\nauthor: Staff Writer\noriginal_link:\n  - >\n"
        "    http://feeds.reuters.com/~r/Reuters/worldNews/~3/x/story01.htm\n---\n [ad_1]\n"
        "<br><div>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>\n<br>[ad_2]\n"
        '<br><a href="http://feeds.reuters.com/x">Source </a>\n'
    )
    jsonl = "\n".join(
        [
            json.dumps(
                {
                    "title": "Kirkuk under curfew",
                    "text": "\n\n".join(PARAS[2:] + PARAS[:2]),
                    "url": "https://www.bbc.co.uk/news/world-1",
                    "published": "22/10/2016",
                }
            ),
            "{oops",
            json.dumps({"html": page(PARAS[::-1]), "url": "https://www.aljazeera.com/news/1"}),
        ]
    )
    (tmp_path / "post.md.gz").write_bytes(gzip.compress(md.encode()))
    (tmp_path / "page.html").write_text(page(), encoding="utf-8")
    (tmp_path / "night.jsonl").write_text(jsonl, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Too short to be an article.", encoding="utf-8")
    ingested = ingest(tmp_path, max_bytes=MAX)
    assert [q.source_file for q in ingested.quarantined] == ["night.jsonl#L2"]
    batch = clean_documents(ingested.documents, min_clean_chars=200)
    docs = {d.source_file: d for d in batch.documents}
    assert sorted(docs) == ["night.jsonl#L1", "night.jsonl#L3", "page.html", "post.md.gz"]
    assert [q.source_file for q in batch.quarantined] == ["short.txt"]

    post = docs["post.md.gz"]
    assert post.source_format == "md.gz"
    assert post.title == "Kirkuk attack kills 46"  # " – Reuters" names the publisher
    assert post.published_date == date(2016, 10, 21)
    assert (post.publisher, post.author) == ("Reuters", None)
    assert post.url == "http://feeds.reuters.com/~r/Reuters/worldNews/~3/x/story01.htm"
    assert json.loads(post.metadata_sources) == {
        "title": "front_matter",
        "published_date": "front_matter",
        "publisher": "url_domain",
    }
    assert post.text.split("\n\n") == PARAS
    assert "Source" not in post.text and "[ad_" not in post.text

    line1 = docs["night.jsonl#L1"]
    assert line1.source_format == "jsonl"
    assert (line1.title, line1.publisher) == ("Kirkuk under curfew", "BBC")
    assert line1.published_date == date(2016, 10, 22)  # day first
    assert json.loads(line1.metadata_sources)["title"] == "jsonl_field"

    line3 = docs["night.jsonl#L3"]
    assert (line3.publisher, line3.url) == ("Al Jazeera", "https://www.aljazeera.com/news/1")
    assert line3.author == "Jane Doe"

    # the same story four times: the earliest copy (2016-10-21; ties by source name) is
    # canonical and the three others point at it
    originals = [d for d in docs.values() if d.duplicate_of is None]
    assert [d.source_file for d in originals] == ["night.jsonl#L3"]
    assert all(d.duplicate_of == originals[0].doc_id for d in docs.values() if d.duplicate_of)
    assert sum(1 for d in docs.values() if d.duplicate_of) == 3
    assert all(d.language == "en" for d in docs.values())


def test_non_english_articles_are_kept_with_their_language() -> None:
    german = (
        "Anschlag in Kirkuk\n\n"
        "Kämpfer der Terrormiliz Islamischer Staat haben am Freitag die nordirakische Stadt "
        "Kirkuk angegriffen und dabei mindestens 46 Menschen getötet, wie Behörden mitteilten.\n\n"
        "Die Angreifer drangen vor Sonnenaufgang aus mehreren Richtungen in die Stadt ein und "
        "besetzten ein Hotel sowie mehrere leerstehende Gebäude in der Nähe des Zentrums."
    )
    french = [
        "Des combattants du groupe État islamique ont attaqué vendredi la ville de Kirkouk, "
        "dans le nord de l'Irak, tuant au moins 46 personnes selon les autorités locales.",
        "Les assaillants sont entrés dans la ville avant l'aube par plusieurs directions et ont "
        "occupé un hôtel en construction ainsi que plusieurs bâtiments vides du centre.",
    ]
    html = page(french, title="Attaque de l'État islamique à Kirkouk", site="Le Quotidien")
    batch = clean_documents(
        [
            raw(german, name="de.txt"),
            raw(html.replace('lang="en"', 'lang="fr"'), markup="html", fmt="html", name="fr.html"),
        ],
        min_clean_chars=150,
    )
    docs = {d.source_file: d for d in batch.documents}
    assert docs["de.txt"].language == "de"
    assert "mindestens 46 Menschen" in docs["de.txt"].text
    assert docs["fr.html"].language == "fr"
    assert docs["fr.html"].text.split("\n\n") == french
    assert docs["fr.html"].title == "Attaque de l'État islamique à Kirkouk"


def test_near_duplicate_pair_is_linked_via_duplicate_of() -> None:
    copy = "\n\n".join(["Our correspondent reports from northern Iraq.", *PARAS[:-1]])
    batch = clean_documents(
        [
            raw(page(), markup="html", fmt="html", name="b_site.html"),
            raw(
                "Kirkuk attack\n\n" + copy, name="a_later.txt", metadata={"published": "2016-10-22"}
            ),
            raw("Central bank holds rates\n\n" + OTHER, name="c_other.txt"),
        ],
        min_clean_chars=200,
    )
    docs = {d.source_file: d for d in batch.documents}
    assert docs["b_site.html"].duplicate_of is None  # published 2016-10-21: the earlier copy
    assert docs["a_later.txt"].duplicate_of == docs["b_site.html"].doc_id
    assert docs["c_other.txt"].duplicate_of is None


def test_repeated_lines_are_found_on_the_text_the_cleaner_sees() -> None:
    planet = "Download the Daily Planet app for breaking alerts"
    docs = [
        raw(
            page([f"{p} ({n})" for p in PARAS[:3]] + [planet], title=f"Story {n} about Kirkuk"),
            markup="html",
            fmt="html",
            name=f"{n}.html",
        )
        for n in range(3)
    ]
    batch = clean_documents(docs, min_clean_chars=100)
    assert len(batch.documents) == 3
    assert all(planet not in d.text for d in batch.documents)


# --- helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://feeds.reuters.com/~r/Reuters/worldNews/~3/x", ("Reuters", "url_domain")),
        ("https://www.wired.com/2016/05/x/", ("Wired", "url_domain")),
        ("http://news.bbc.co.uk/2/hi/x.stm", ("BBC", "url_domain")),
        ("http://abcnews.go.com/International/x", ("ABC News", "url_domain")),
        ("http://fox8.com/2016/05/30/x/", ("fox8.com", "url_host")),
        ("https://www.example.co.uk/a", ("example.co.uk", "url_host")),
        (
            "http://news.google.com/news/url?sa=t&#038;fd=R&#038;url=http://www.cnn.com/2016/x/",
            ("CNN", "url_domain"),
        ),
        ("not a url", None),
        (None, None),
    ],
)
def test_publisher_from_url(url: str | None, expected: tuple[str, str] | None) -> None:
    assert publisher_from_url(url) == expected


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        (
            "Jakarta attacks kill 2 – New York Times",
            ("The New York Times",),
            "Jakarta attacks kill 2",
        ),
        ("Gunmen kill 3 | BBC News", ("BBC",), "Gunmen kill 3"),
        (
            "Gunmen kill 3 - Soccer - Sport",
            ("Belfast Telegraph",),
            "Gunmen kill 3 - Soccer - Sport",
        ),
        ("Kirkuk: the aftermath", ("Reuters",), "Kirkuk: the aftermath"),
        ("No suffix at all", ("Reuters", None), "No suffix at all"),
    ],
)
def test_strip_site_suffix(title: str, names: tuple[str | None, ...], expected: str) -> None:
    assert strip_site_suffix(title, names) == expected


def test_url_helpers() -> None:
    assert unwrap_url("http://news.google.com/news/url?url=https://x.org/a&amp;b=1") == (
        "https://x.org/a"
    )
    assert registrable_domain("a.b.example.com.au") == "example.com.au"
    assert registrable_domain("localhost") == "localhost"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-01-10 21:45:06", date(2016, 1, 10)),
        ("2016-10-25T14:05:00Z", date(2016, 10, 25)),
        ("15/5/2016", date(2016, 5, 15)),
        ("October 25, 2016", date(2016, 10, 25)),
        ("soon", None),
    ],
)
def test_parse_published(value: str, expected: date | None) -> None:
    assert parse_published(value) == expected


# --- the team's corpora (skipped where absent) ----------------------------------------


def test_l3s_pages_beat_trafilatura_on_a_sample(shared_dir: Path) -> None:
    from bench.l3s_eval import evaluate
    from bench.l3s_gold import iter_pages

    gold_dir = shared_dir / "dev" / "l3s-gn1"
    if not (gold_dir / "annotated").is_dir():
        pytest.skip("L3S-GN1 gold not available")
    logging.disable(logging.WARNING)
    try:
        pages = list(iter_pages(gold_dir, limit=25))
        results = evaluate(pages, ["nightwire (title + body)", "trafilatura default"])
    finally:
        logging.disable(logging.NOTSET)
    ours, base = results["nightwire (title + body)"][0], results["trafilatura default"][0]
    print(f"\nL3S sample of {ours.pages}: nightwire F1 {ours.f1:.3f}, trafilatura {base.f1:.3f}")
    assert ours.f1 >= 0.90
    assert ours.f1 >= base.f1
    assert ours.macro_f1 >= base.macro_f1


def test_news2016_posts_clean_with_metadata(shared_dir: Path, tmp_path: Path) -> None:
    posts = sorted((shared_dir / "corpus" / "news2016" / "posts").glob("*.md"))
    if len(posts) < 400:
        pytest.skip("news2016 corpus incomplete")
    for post in posts[::100]:
        (tmp_path / post.name).write_bytes(post.read_bytes())
    ingested = ingest(tmp_path, max_bytes=MAX)
    batch = clean_documents(ingested.documents, min_clean_chars=200)
    assert len(batch.documents) >= 0.95 * len(ingested.documents)
    for doc in batch.documents:
        sources = json.loads(doc.metadata_sources)
        assert doc.title and sources["title"] == "front_matter"
        assert doc.published_date and sources["published_date"] == "front_matter"
        assert doc.publisher and sources["publisher"] in {"url_domain", "url_host"}
        assert "[ad_" not in doc.text and "&#8211;" not in doc.title
        assert doc.source_format == "md" and doc.url
