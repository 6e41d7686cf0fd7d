"""The cleaning evaluation: the scoring rules, and the gate that newsetl's scores, on the cleaning corpora and on
the quote dev set, never drop below their floors.

The corpora are the fixture copies in tests/fixtures/corpus/ (gzipped pages), the quote set is
tests/fixtures/quotes-dev/ (its scoring rules are tested in tests/test_quote_eval.py); nothing outside the
repository is read. The floors are in tests/fixtures/eval-baseline.json; after an improvement raise them with
``python -m newsetl.evaluation --write-baseline`` (never lower them to make this pass).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsetl import evaluation as ev
from newsetl import quote_eval as qe
from newsetl.evaluation import Extraction, Page, Score

# ------------------------------------------------------------------------------------------------
# Scoring rules (fast)
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("  Hello,   World! ", "hello world"),
        ("Chapter 1: Prologue - Murdered", "chapter 1 prologue murdered"),  # "-" is punctuation (Pd)
        ("Don’t “quote” me", "don t quote me"),  # typographic quotes and apostrophes
        ("ＦＵＬＬ\u00a0ｗｉｄｔｈ ﬁle", "full width file"),  # NFKC: full-width letters, no-break space, ligature
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # case-folding, not just lower()
        ("Céline Dion", "céline dion"),  # accents are kept
        ("", ""),
        (None, ""),
    ],
)
def test_normalise(raw, normalised):
    assert ev.normalise(raw) == normalised


def test_titles_match_after_normalisation_only():
    assert ev.title_matches("Tweet of the Week #67: Dealing With Chikan", "tweet of the week 67 dealing with chikan")
    assert not ev.title_matches("What we do", "What we do - Creative Commons")
    assert not ev.title_matches(None, "A title")


@pytest.mark.parametrize(
    ("gold", "names"),
    [
        ("Sarah Hinger; Sylvia Torres-Guillén", ("Sarah Hinger", "Sylvia Torres-Guillén")),
        ("JESSICA HOLLY, GAIL LEVY, 7 NEWS WSVN", ("JESSICA HOLLY", "GAIL LEVY", "7 NEWS WSVN")),
        ("Glen Owen and Brendan Carlin", ("Glen Owen", "Brendan Carlin")),
        ("Perry Bacon Jr.", ("Perry Bacon Jr.",)),
        ("Jose de la Cruz", ("Jose de la Cruz",)),  # "and" only as a whole word
        ("Alexandra Tremayne-Pengelly", ("Alexandra Tremayne-Pengelly",)),
        (["Nathan Parker", "Varun Khaneja"], ("Nathan Parker", "Varun Khaneja")),  # a list is already split
        ("T. V. Raman ", ("T. V. Raman",)),
        ("", ()),
        (None, ()),
    ],
)
def test_split_gold_authors(gold, names):
    assert ev.split_gold_authors(gold) == names


def test_authors_are_compared_as_sets_of_normalised_names():
    gold = ev.split_gold_authors("Sarah Hinger; Sylvia Torres-Guillén")
    assert ev.authors_match(("sylvia torres guillén", "SARAH HINGER"), gold)  # order, case, punctuation
    assert ev.authors_match(("Sarah Hinger", "Sarah Hinger", "Sylvia Torres-Guillén"), gold)  # a set
    assert not ev.authors_match(("Sarah Hinger",), gold)  # one missing
    assert not ev.authors_match(("Sarah Hinger", "Sylvia Torres-Guillén", "ACLU"), gold)  # one too many
    assert not ev.authors_match(("Sarah Hinger; Sylvia Torres-Guillén",), gold)  # one joined name is not two


def test_empty_gold_means_the_right_answer_is_nothing():
    assert ev.authors_match((), ev.split_gold_authors(""))
    assert not ev.authors_match(("Betty Crocker Kitchens",), ev.split_gold_authors(""))
    assert ev.date_matches(None, "")
    assert not ev.date_matches("2004-01-01", "")
    assert not ev.date_matches(None, "2019-06-13")
    assert ev.date_matches("2019-06-13", "2019-06-13")


def test_snippets_and_prefix_ignore_white_space_only():
    body = "First paragraph  here.\n\nSecond\u00a0paragraph,\nwrapped."
    assert ev.snippet_found("paragraph here. Second paragraph,", body)
    assert not ev.snippet_found("second paragraph", body)  # case matters
    assert ev.starts_with(body, "First paragraph here.\n Second")
    assert not ev.starts_with(body, "paragraph here")  # found, but not at the start
    assert not ev.starts_with("", "First")


def _page(**kw) -> Page:
    base = {"corpus": "c", "kind": ev.TRAFILATURA_KIND, "name": "p", "html_path": Path("p.html"), "url": None}
    return Page(**{**base, **kw})


def test_score_trafilatura_page():
    page = _page(with_snippets=("kept text", "lost text"), without_snippets=("menu item",), has_metadata=True,
                 title="A Title", authors=("Ann Lee", "Bo Park"), date="2020-01-02")
    result = Extraction(body="kept text and a menu item", title="a title!", authors=("Bo Park", "Ann Lee"),
                        date="2020-01-03")
    score = ev.score_page(page, ev.NEWSETL, result)
    assert score.counts == {"with_found": (1, 2), "without_kept_out": (0, 1), "snippet_precision": (1, 2),
                            "title": (1, 1), "authors": (1, 1), "date": (0, 1)}  # precision: 1 found, 1 leaked
    assert {f.field for f in score.failures} == {"with_found", "without_kept_out", "date"}
    date_failure = next(f for f in score.failures if f.field == "date")
    assert "2020-01-03" in date_failure.got and "2020-01-02" in date_failure.expected


def test_unannotated_pages_and_empty_gold_titles_do_not_count_for_metadata():
    score = ev.score_page(_page(with_snippets=("x",)), ev.NEWSETL, Extraction(body="x", title="T"))
    assert set(score.counts) == {"with_found", "without_kept_out", "snippet_precision"}
    annotated_without_title = _page(has_metadata=True, title="")
    score = ev.score_page(annotated_without_title, ev.NEWSETL, Extraction(title="Some page title"))
    assert "title" not in score.counts and score.counts["authors"] == (1, 1) and score.counts["date"] == (1, 1)


def test_score_goose3_page():
    page = _page(kind=ev.GOOSE3_KIND, body_start="The article\nstarts here.")
    ok = ev.score_page(page, ev.NEWSETL, Extraction(body="The article starts here. And goes on."))
    assert ok.counts == {"body_start": (1, 1), "body_found": (1, 1)} and not ok.failures
    late = ev.score_page(page, ev.NEWSETL, Extraction(body="Menu\n\nThe article starts here."))
    assert late.counts == {"body_start": (0, 1), "body_found": (1, 1)}
    assert "'Menu'" in late.failures[0].got


def test_a_page_that_raises_is_wrong_on_every_metric():
    page = _page(with_snippets=("a",), without_snippets=("b",), has_metadata=True, title="T", date="")
    score = ev.score_page(page, ev.NEWSETL, Extraction(error="ValueError: boom"))
    assert all(hits == 0 for hits, _n in score.counts.values())  # even the "no date" that None would match
    assert [f.field for f in score.failures] == ["error"]

    def boom(html, url):
        raise ValueError("boom")

    original = ev.SYSTEMS[ev.NEWSETL]
    ev.SYSTEMS[ev.NEWSETL] = boom
    try:
        assert ev.extract(ev.NEWSETL, "<html></html>", None).error == "ValueError: boom"
    finally:
        ev.SYSTEMS[ev.NEWSETL] = original


def test_floor3_rounds_down_exactly():
    assert Score(7, 10).floor3 == 0.7  # not 0.699 from float error
    assert Score(2, 3).floor3 == 0.666
    assert Score(235, 252).floor3 == 0.932
    assert Score(0, 0).floor3 == 0.0


def _result(corpus: str, **scores: Score) -> ev.CorpusResult:
    return ev.CorpusResult(corpus, ev.TRAFILATURA_KIND, 1, {ev.NEWSETL: scores}, {ev.NEWSETL: 0.0}, {ev.NEWSETL: []})


def test_check_floors_names_every_problem():
    results = [_result("a", title=Score(7, 10), date=Score(5, 10))]
    floors = {"a": {"title": 0.7, "date": 0.6, "authors": 0.5}, "b": {"title": 0.1}}
    problems = ev.check_floors(results, floors)
    assert any("a / date" in p and "below its floor 0.6" in p for p in problems)
    assert any("a / authors" in p and "missing from the results" in p for p in problems)  # a floor cannot vanish
    assert any(p.startswith("b: corpus missing") for p in problems)
    assert not any("a / title" in p for p in problems)  # exactly at the floor is fine
    assert ev.check_floors([_result("a", title=Score(7, 10))], {"a": {}}) == [
        f"a / title: measured but has no floor (add it: {ev.REFRESH_COMMAND})"
    ]


def test_write_baseline_never_lowers_a_floor_silently(tmp_path):
    path = tmp_path / "baseline.json"
    results = [_result("a", title=Score(7, 10))]
    assert ev.write_baseline(results, path) == []
    assert json.loads(path.read_text())["floors"] == {"a": {"title": 0.7}}
    worse = [_result("a", title=Score(6, 10))]
    assert ev.write_baseline(worse, path) == ["a / title: 0.7 -> 0.6"]
    assert json.loads(path.read_text())["floors"] == {"a": {"title": 0.7}}  # unchanged
    assert ev.write_baseline(worse, path, allow_lower=True) == []
    assert json.loads(path.read_text())["floors"] == {"a": {"title": 0.6}}


def test_load_corpus_detects_the_snippet_and_goose3_layouts_and_reads_plain_or_gzipped_html(tmp_path):
    traf = tmp_path / "traf"
    (traf / "html").mkdir(parents=True)
    (traf / "expected").mkdir()
    (traf / "html" / "one.html").write_text("<p>café</p>", encoding="utf-8")
    (traf / "html" / "two.html.gz").write_bytes(gzip.compress(b"<p>two</p>"))
    gold = {"url": "https://x.test/1", "with": ["café"], "without": [], "has_metadata_annotation": True,
            "title": "One", "author": "A and B", "date": "2020-01-01"}
    (traf / "expected" / "one.json").write_text(json.dumps(gold))
    (traf / "expected" / "two.json").write_text(json.dumps({"url": None, "with": ["two"], "without": []}))
    one, two = ev.load_corpus(traf)
    assert (one.kind, one.corpus, one.authors, one.html()) == (ev.TRAFILATURA_KIND, "traf", ("A", "B"), "<p>café</p>")
    assert (two.has_metadata, two.html()) == (False, "<p>two</p>")

    goose = tmp_path / "goose"
    (goose / "html").mkdir(parents=True)
    (goose / "expected").mkdir()
    (goose / "html" / "test_a.html.gz").write_bytes(gzip.compress(b"<p>x</p>"))
    (goose / "expected" / "test_a.json").write_text(json.dumps({"url": "u", "expected": {"cleaned_text": "x"}}))
    (page,) = ev.load_corpus(goose)
    assert (page.kind, page.body_start, page.url) == (ev.GOOSE3_KIND, "x", "u")
    assert not page.has_metadata


def test_a_goose3_corpus_takes_its_hand_annotation_from_annotations_json(tmp_path):
    goose = tmp_path / "goose"
    (goose / "html").mkdir(parents=True)
    (goose / "expected").mkdir()
    for name in ("test_a", "test_b"):
        (goose / "html" / f"{name}.html.gz").write_bytes(gzip.compress(b"<p>x</p>"))
        (goose / "expected" / f"{name}.json").write_text(json.dumps({"url": "u", "expected": {"cleaned_text": "x"}}))
    annotation = {"test_a": {"title": " A title ", "author": "Ann Lee and Bo Chan", "date": "2012-03-04",
                             "body": "One two three four five.", "notes": "."}}
    (goose / ev.ANNOTATION_FILE).write_text(json.dumps(annotation))
    a, b = ev.load_corpus(goose)
    assert (a.has_metadata, a.title, a.authors, a.date) == (True, "A title", ("Ann Lee", "Bo Chan"), "2012-03-04")
    assert not b.has_metadata  # a page the file does not name is scored on its body only

    assert (a.body, b.body) == ("One two three four five.", None)

    right = Extraction(body="x One two three four five.",  # 1 extra 4-gram of 3
                       title="A Title", authors=("Bo Chan", "Ann Lee"), date="2012-03-04")
    counts = ev.score_page(a, ev.NEWSETL, right).counts
    assert counts == {"body_start": (1, 1), "body_found": (1, 1), "body_precision": (2 / 3, 1), "body_recall": (1.0, 1),
                      "title": (1, 1), "authors": (1, 1), "date": (1, 1)}
    wrong = ev.score_page(a, ev.NEWSETL, dataclasses.replace(right, authors=("Ann Lee",), date=None))
    assert (wrong.counts["authors"], wrong.counts["date"]) == ((0, 1), (0, 1))
    assert [f.field for f in wrong.failures] == ["body_f1", "authors", "date"]  # the body's F1 is 0.8
    assert set(ev.score_page(b, ev.NEWSETL, right).counts) == {"body_start", "body_found"}


def test_body_overlap_counts_word_4grams_and_weighs_every_page_the_same():
    gold = "One two three four five six."  # 3 shingles
    assert ev.body_overlap(gold, gold) == (1.0, 0.0, 0.0)
    assert ev.body_overlap(gold, gold.upper()) == (0.0, 0.5, 0.5)  # case is kept, as the benchmark keeps it
    tp, fp, fn = ev.body_overlap(gold, gold + " Related: seven eight")  # 3 shingles more, all extra
    assert (tp, fp, fn) == (0.5, 0.5, 0.0)
    long_gold = " ".join(f"w{i}" for i in range(1003))  # 1000 shingles
    assert ev.body_overlap(long_gold, long_gold + " x y z") == (1000 / 1003, 3 / 1003, 0.0)  # 3 extra of 1003
    assert ev.body_overlap("", "") == (0.0, 0.0, 0.0)
    assert ev.shingles("just three words") == {("just", "three", "words"): 1}  # a short text is one short gram


@pytest.mark.parametrize(
    ("overlap", "expected"),
    [
        ((1.0, 0.0, 0.0), (1.0, 1.0)),
        ((0.5, 0.5, 0.0), (0.5, 1.0)),
        ((0.0, 0.0, 1.0), (None, 0.0)),  # nothing extracted: no precision to average, recall 0
        ((0.0, 1.0, 0.0), (0.0, None)),  # no gold body: no recall to average
        ((0.0, 0.0, 0.0), (None, None)),  # both empty: the page is not counted
    ],
)
def test_overlap_precision_recall(overlap, expected):
    assert ev.overlap_precision_recall(*overlap) == expected


def test_f1_scores_are_harmonic_means_and_their_floors_round_down():
    f1 = ev.harmonic_mean(Score(238, 244), Score(238, 252))  # the snippets: precision found/(found+leaked)
    assert f1.n == 252 and f1.value == pytest.approx(2 * (238 / 244) * (238 / 252) / (238 / 244 + 238 / 252))
    assert (f1.floor3, f1.support) == (0.959, "n=252")
    assert ev.harmonic_mean(Score(0, 3), Score(0, 3)).value == 0.0
    assert Score(2.9999999, 3).floor3 == 0.999 and Score(1.5, 2).floor3 == 0.75


ARTICLE = """<html><head><title>Harbour plan approved | Example News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Harbour plan approved</h1>
<p>The city council approved the harbour redevelopment plan on Tuesday after a debate that lasted six hours.</p>
<p>Supporters said the plan would bring two thousand jobs to the waterfront over the next ten years.</p>
<p>Opponents argued that the cost had doubled since the first proposal and that residents were not consulted.</p>
<p>The mayor said construction would begin in the spring and that the first piers would open next autumn.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm closes the bridge again</a></li>
<li><a href="/b">Local team wins the cup final</a></li></ul></aside>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""
ARTICLE_BODY = ("The city council approved the harbour redevelopment plan on Tuesday after a debate that lasted six "
                "hours.\nSupporters said the plan would bring two thousand jobs to the waterfront over the next ten "
                "years.\nOpponents argued that the cost had doubled since the first proposal and that residents were "
                "not consulted.\nThe mayor said construction would begin in the spring and that the first piers would "
                "open next autumn.")


def test_article_benchmark_layout_is_read_and_scored_with_its_own_measure(tmp_path):
    bench = tmp_path / "article-extraction-benchmark"
    (bench / "html").mkdir(parents=True)
    (bench / "html" / "good.html.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (bench / "html" / "wrong.html").write_text(ARTICLE, encoding="utf-8")
    truth = {"good": {"articleBody": ARTICLE_BODY, "url": "https://example.test/harbour"},
             "wrong": {"articleBody": "A gold body about something else entirely, which no extractor can find here."}}
    (bench / ev.GROUND_TRUTH_FILE).write_text(json.dumps(truth))

    good, wrong = ev.load_corpus(bench)
    assert (good.kind, good.name, good.url, good.body) == (ev.ARTICLE_BENCHMARK_KIND, "good",
                                                          "https://example.test/harbour", ARTICLE_BODY)
    assert good.html() == wrong.html() == ARTICLE

    result = ev.evaluate_corpus([good, wrong])
    for system in (ev.NEWSETL, ev.BARE):
        scores = result.scores[system]
        assert list(scores) == ["body_precision", "body_recall", "body_f1"]
        assert scores["body_recall"].n == 2 and scores["body_recall"].value == pytest.approx(0.5)  # 1 and 0
        assert 0.45 < scores["body_precision"].value <= 0.5  # the good page is (nearly) exact, the wrong one 0
        p, r = scores["body_precision"].value, scores["body_recall"].value
        assert scores["body_f1"].value == pytest.approx(2 * p * r / (p + r))
        failed = {ps.page.name: ps.failures for ps in result.pages[system] if ps.failures}
        assert list(failed) == ["wrong"] and failed["wrong"][0].field == "body_f1"
    newsetl_good = result.pages[ev.NEWSETL][0].counts
    assert newsetl_good == {"body_precision": (1.0, 1), "body_recall": (1.0, 1)}  # no menu, heading or footer


def test_newsetl_date_is_the_published_at_day(monkeypatch):
    import transforms.cleaning as cleaning

    article = cleaning.clean_plaintext("Headline here\nSome body text that is long enough to be a paragraph.")
    dated = dataclasses.replace(article, published_at=datetime(2020, 5, 17, 23, 30, tzinfo=UTC))
    monkeypatch.setattr(cleaning, "clean_html", lambda html, url=None: dated)
    assert ev.run_newsetl("<html></html>", None).date == "2020-05-17"


# ------------------------------------------------------------------------------------------------
# The fixture corpora and the gate (runs newsetl on ~118 pages: some seconds)
# ------------------------------------------------------------------------------------------------


def test_fixture_corpora_are_complete():
    corpora = {d.name: d for d in ev.default_corpora()}
    assert set(corpora) == {"trafilatura-eval-dev", "goose3"}
    for directory in corpora.values():
        assert (directory / "LICENSE.txt").is_file() and (directory / "README.md").is_file()
        assert not list((directory / "html").glob("*.html"))  # every page gzipped
    sizes = {name: len(ev.load_corpus(d)) for name, d in corpora.items()}
    assert sizes == {"trafilatura-eval-dev": 85, "goose3": 33}


@pytest.fixture(scope="module")
def newsetl_results():
    return ev.evaluate(ev.default_corpora(), systems=(ev.NEWSETL,))


@pytest.fixture(scope="module")
def quote_results():
    """newsetl's quotes on the dev set, through the flow's spaCy pipeline (``load_nlp`` is cached: a model another
    test loaded is reused). Empty while there is no set: then a floor that names it fails the gate."""
    if not (qe.DEFAULT_QUOTES_DIR / "annotations.json").is_file():
        return []
    return [qe.evaluate_quote_set(qe.load_quote_set(qe.DEFAULT_QUOTES_DIR), systems=(ev.NEWSETL,))]


def test_newsetl_scores_stay_at_or_above_their_floors(newsetl_results, quote_results):
    floors = ev.load_baseline()["floors"]
    assert floors, "tests/fixtures/eval-baseline.json has no floors"
    problems = ev.check_floors([*newsetl_results, *quote_results], floors)
    assert not problems, (
        "cleaning quality below the floors in tests/fixtures/eval-baseline.json "
        "(`make eval ARGS=--details` shows the failing pages):\n  " + "\n  ".join(problems)
    )


def test_no_page_makes_the_cleaning_raise(newsetl_results):
    errors = [f"{p.page.corpus}/{p.page.name}: {f.got}" for r in newsetl_results for p in r.pages[ev.NEWSETL]
              for f in p.failures if f.field == "error"]
    assert not errors, "\n".join(errors)


def test_the_quote_set_has_floors_and_no_article_makes_the_claims_raise(quote_results):
    for result in quote_results:
        assert set(ev.load_baseline()["floors"].get(result.corpus, {})) == set(qe.QUOTE_METRICS)
    errors = [f"{p.page.corpus}/{p.page.name}: {f.got}" for r in quote_results for p in r.pages[ev.NEWSETL]
              for f in p.failures if f.field == "error"]
    assert not errors, "\n".join(errors)
