"""A folder of hostile inputs and one good article, through the real flow: the run succeeds, the good article is
loaded once, every bad file has a quarantine row with its precise reason, and the counts add up."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import duckdb
import pytest

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
GOOD = next(SEEDS.glob("000_*.txt"))
SIZE_CAP = 200_000
BODY_CAP = 20_000  # characters of cleaned text (NEWSETL_MAX_BODY_CHARS; spaCy's limit, 1,000,000, by default)

RUSSIAN = ("Президент России заявил в четверг, что переговоры с соседними странами продолжатся на следующей неделе "
           "в Москве. По словам министра, стороны обсудят торговлю, энергетику и безопасность региона. ") * 4
GERMAN = ("<html lang='de'><head><title>Regierung plant neue Reform</title></head><body><article>"
          "<h1>Regierung plant neue Reform</h1>"
          + "<p>Die Bundesregierung hat am Donnerstag in Berlin eine umfassende Reform des Rentensystems vorgestellt. "
            "Nach Angaben des Ministeriums sollen die Beiträge in den kommenden Jahren schrittweise steigen.</p>" * 4
          + "</article></body></html>")
ARTICLE_PARAGRAPH = ("<p>The city council voted on Tuesday to expand the bus network, adding three routes that will "
                     "serve the northern suburbs from next spring, officials said after the meeting.</p>")


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    (folder / "copies").mkdir(parents=True)
    shutil.copy(GOOD, folder / "good.txt")
    shutil.copy(GOOD, folder / "copies" / "same-article-again.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.html").write_bytes(bytes(range(256)) * 8)
    (folder / "russian-cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (folder / "german.html").write_text(GERMAN, encoding="utf-8")
    numbered = "".join(f"<p>Route {i} serves stop {i * 7919 % 10007}.</p>" for i in range(2000)).encode()
    (folder / "truncated.html.gz").write_bytes(gzip.compress(numbered)[:3000])
    paragraph = "The council voted on Tuesday to expand the bus network, officials said after the meeting."
    (folder / "book.txt").write_text("Bus Network Grows\n\n" + "\n\n".join([paragraph] * 300))  # 27,000 chars
    (folder / "huge.html").write_text("<html><body>" + ARTICLE_PARAGRAPH * (SIZE_CAP // 100) + "</body></html>")
    (folder / "nested.html").write_text("<html><body>" + "<div>" * 30_000 + ARTICLE_PARAGRAPH + "</body></html>")
    (folder / "no-article.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/about'>About</a></nav>"
        "<footer>© 2024 Example Media. All rights reserved.</footer></body></html>")
    (folder / "data.json").write_text(json.dumps({"title": "not an article"}))
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "photo-named-as-page.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    return folder


def test_hostile_inputs_are_loaded_duplicates_or_quarantined_with_reasons(prefect_harness, hostile_folder,
                                                                            tmp_path, monkeypatch):
    from flows.news_etl import news_etl

    monkeypatch.setenv("NEWSETL_MAX_INPUT_BYTES", str(SIZE_CAP))
    monkeypatch.setenv("NEWSETL_MAX_BODY_CHARS", str(BODY_CAP))
    warehouse = tmp_path / "news.duckdb"
    summary = news_etl(sources=[str(hostile_folder)], warehouse=str(warehouse))

    assert summary.status == "success"
    assert summary.n_inputs == 14
    assert summary.n_inputs == summary.n_loaded + summary.n_duplicates + summary.n_quarantined
    assert (summary.n_loaded, summary.n_duplicates, summary.n_non_english) == (3, 1, 2)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = dict(con.execute("select input_ref, language from dim_article").fetchall())
        reasons = dict(con.execute("select input_ref, stage || ': ' || reason from quarantine").fetchall())
        duplicates = [r for (r,) in con.execute("select input_ref from article_duplicate").fetchall()]
    names = {ref: str(Path(ref).relative_to(hostile_folder)) for ref in [*loaded, *duplicates]}
    same_story = {"good.txt", "copies/same-article-again.txt"}  # the first found is loaded, the other is a dup
    assert sorted(names[ref] for ref in duplicates) == sorted(same_story - {names[r] for r in loaded})
    assert sorted((names[ref] in same_story, lang) for ref, lang in loaded.items()) == [
        (False, "de"), (False, "ru"), (True, "en")]
    by_file = {Path(ref).name: reason for ref, reason in reasons.items()}
    assert by_file["empty.txt"] == "read: the file is empty"
    assert by_file["junk.html"] == "read: the file is binary, not text or HTML"
    assert by_file["photo-named-as-page.html"] == "read: the file is binary, not text or HTML"
    assert by_file["truncated.html.gz"].startswith("read: cannot read the file: the gzip data is truncated")
    assert by_file["huge.html"].startswith("read: file is ") and f"over the limit of {SIZE_CAP}" in by_file["huge.html"]
    assert by_file["book.txt"].startswith("clean: the text is too long for one article (")
    assert by_file["nested.html"].startswith("clean: no article text found")
    assert by_file["no-article.html"].startswith("clean: no article text found")
    assert by_file["data.json"].startswith("discover: unsupported file type .json")
    assert by_file["photo.png"].startswith("discover: unsupported file type .png")
    assert len(by_file) == 10
