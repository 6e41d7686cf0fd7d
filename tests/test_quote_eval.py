"""The quote evaluation (newsetl/quote_eval.py): the matching rules, the speaker rule, and the runners on the
two-article set in tests/fixtures/quotes-mini/ (an invented text with a split quote, one with a multi-paragraph
quote whose odd number of quotation marks makes textacy give up)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsetl import evaluation as ev
from newsetl import quote_eval as qe
from newsetl.evaluation import NEWSETL, TEXTACY, Score
from newsetl.quote_eval import GoldQuote, Predicted, QuoteArticle

MINI = Path(__file__).resolve().parent / "fixtures" / "quotes-mini"

# ------------------------------------------------------------------------------------------------
# Spans
# ------------------------------------------------------------------------------------------------


def test_trim_span_strips_quotation_marks_punctuation_and_space_at_the_edges_only():
    text = '  “We will win, and soon,” she said.'
    start, end = qe.trim_span(text, 0, text.index(" she"))
    assert text[start:end] == "We will win, and soon"  # the inner comma stays
    assert qe.trim_span(text, 3, 3) == (3, 3)
    assert qe.trim_span("“ ” ...", 0, 7) == (7, 7)  # nothing but marks: empty
    assert qe.trim_span("abc", -5, 99) == (0, 3)  # clamped to the text


def test_span_chars_counts_non_space_characters_of_the_trimmed_span():
    text = '"a b\n\nc"'
    assert qe.span_chars(text, 0, len(text)) == frozenset({1, 3, 6})
    assert qe.span_chars(text, 0, 1) == frozenset()


def _article(text: str, *quotes: tuple[str, str | None, str]) -> QuoteArticle:
    """An article whose gold quotes are given as (quote text, speaker, speaker kind), found in ``text``."""
    gold = tuple(GoldQuote(q, text.index(q), speaker, kind) for q, speaker, kind in quotes)
    return QuoteArticle("test", "a1", text, gold)


def _span(text: str, part: str, speaker: str | None = None) -> Predicted:
    start = text.index(part)
    return Predicted(start, start + len(part), speaker)


# ------------------------------------------------------------------------------------------------
# Found / correct
# ------------------------------------------------------------------------------------------------

TEXT = "“Alpha beta gamma delta,” Jane Doe said. “Epsilon zeta eta theta.” Then the meeting closed at noon."


def test_a_gold_quote_is_found_when_half_of_its_characters_are_predicted():
    article = _article(TEXT, ("Alpha beta gamma delta,", "Jane Doe", "person"))
    # "Alpha beta" is 9 of the 19 non-space characters: not found; "Alpha beta gam" is 12: found
    assert qe.score_article(article, [_span(TEXT, "Alpha beta")]).counts["quote_recall"] == (0, 1)
    assert qe.score_article(article, [_span(TEXT, "Alpha beta gam")]).counts["quote_recall"] == (1, 1)
    # two predictions together cover it
    two = [_span(TEXT, "Alpha beta"), _span(TEXT, "gamma")]
    assert qe.score_article(article, two).counts["quote_recall"] == (1, 1)


def test_quotation_marks_and_punctuation_do_not_count_against_a_prediction():
    article = _article(TEXT, ("Alpha beta gamma delta,", "Jane Doe", "person"))
    with_marks = _span(TEXT, "“Alpha beta gamma delta,”")
    assert qe.score_article(article, [with_marks]).counts == {
        "quote_recall": (1, 1), "quote_precision": (1, 1), "speaker_recall": (0, 1)}


def test_a_prediction_mostly_outside_gold_quotes_is_spurious():
    article = _article(TEXT, ("Alpha beta gamma delta,", "Jane Doe", "person"))
    spurious = _span(TEXT, "Then the meeting closed at noon.")
    overlapping = _span(TEXT, "delta,” Jane Doe said. “Epsilon")  # 5 of 25 characters in a gold quote
    score = qe.score_article(article, [spurious, overlapping])
    assert score.counts["quote_precision"] == (0, 2)
    assert [f.field for f in score.failures].count("spurious") == 2
    assert any(f.field == "missed" for f in score.failures)  # delta alone is not half the gold quote


def test_a_prediction_merging_a_split_quote_with_its_cue_finds_both_parts_and_is_correct():
    text = "“Yes,” said the long-serving chief executive of the company, Jane Doe, “we will.”"
    article = _article(text, ("Yes,", "Jane Doe", "person"), ("we will.", "Jane Doe", "person"))
    merged = Predicted(0, len(text), "Jane Doe")
    gold_chars = frozenset().union(*(qe.span_chars(text, q.start, q.end) for q in article.quotes))
    assert qe.share(qe.span_chars(text, 0, len(text)), gold_chars) < qe.MIN_SHARE  # mostly cue
    score = qe.score_article(article, [merged])
    assert score.counts == {"quote_recall": (2, 2), "quote_precision": (1, 1), "speaker_recall": (2, 2)}
    assert not score.failures


def test_found_and_correct_flags_directly():
    gold = [frozenset(range(0, 10)), frozenset(range(20, 30))]
    predicted = [frozenset(range(5, 12)), frozenset(range(40, 50)), frozenset()]
    assert qe.found_flags(gold, predicted) == [True, False]
    assert qe.correct_flags(gold, predicted) == [True, False, False]  # an empty prediction is never correct


# ------------------------------------------------------------------------------------------------
# Speakers
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Sam Altman", "Sam Altman", True),
        ("sam altman", "Sam Altman", True),  # case
        ("Altman", "Sam Altman", True),  # a bare surname
        ("Mr. Altman", "Sam Altman", True),  # honorific dropped
        ("Dr. Sam Altman's", "Sam Altman", True),  # honorific and possessive
        ("S. Altman", "Sam Altman", True),  # an initial does not conflict
        ("Martin Luther King Jr.", "Martin Luther King", True),  # generational suffix
        ("Sam Altman", "Altman", True),  # gold gives only the surname
        ("Ann Altman", "Sam Altman", False),  # first names conflict
        ("Sam", "Sam Altman", False),  # a first name is not the person
        ("Secretary Robert Gates", "Robert Gates", True),  # a title or role before the full name
        ("Google engineer and Gmail inventor Paul Buchheit", "Paul Buchheit", True),
        ("Fed President Thomas Hoenig", "Thomas M. Hoenig", True),  # a middle initial left out
        ("Franklin Roosevelt", "James Roosevelt Jr.", False),
        ("Pentagon chief", "Robert Gates", False),
        ("journalist John Joseph", "John Joseph O’Neill", False),
        ("Meghan cry", "Meghan", False),
        ("OpenAI", "Sam Altman", False),
        ("he", "Sam Altman", False),  # a pronoun is wrong
        ("She", "Maria Lopez", False),
        ("he", "Lin He", False),  # even where it spells the surname
        ("He", "He", False),
        (None, "Sam Altman", False),  # no speaker is wrong
        ("", "Sam Altman", False),
        ("Sam Altman", None, False),
    ],
)
def test_same_person(predicted, gold, same):
    assert qe.same_person(predicted, gold) is same


def test_name_tokens():
    assert qe.name_tokens("Prof. Jean-Luc O’Neill’s") == ("jean", "luc", "o", "neill")
    assert qe.name_tokens(None) == ()


def test_speaker_recall_counts_person_quotes_found_with_the_right_name():
    text = "“Alpha beta gamma delta,” Jane Doe said. “We do not comment on rumours,” the company said."
    article = _article(text, ("Alpha beta gamma delta,", "Jane Doe", "person"),
                       ("We do not comment on rumours,", "Acme", "org"))
    right = [_span(text, "Alpha beta gamma delta,", "Doe"), _span(text, "We do not comment on rumours,", None)]
    assert qe.score_article(article, right).counts["speaker_recall"] == (1, 1)  # the org quote is not counted
    pronoun = qe.score_article(article, [_span(text, "Alpha beta gamma delta,", "she")])
    assert pronoun.counts["speaker_recall"] == (0, 1)
    (failure,) = [f for f in pronoun.failures if f.field == "speaker"]
    assert failure.got == "'she'" and "'Jane Doe'" in failure.expected
    as_written = qe.score_article(article, [Predicted(*_span(text, "Alpha beta gamma delta,")[:2], "John Roe", "he")])
    assert [f.got for f in as_written.failures if f.field == "speaker"] == ["'John Roe' (as 'he')"]
    unnamed = qe.score_article(article, [_span(text, "Alpha beta gamma delta,")])
    assert unnamed.counts["speaker_recall"] == (0, 1)
    assert any(f.field == "speaker" and f.got == "(no speaker)" for f in unnamed.failures)


def test_a_missed_person_quote_has_no_speaker_hit_even_with_the_right_name_nearby():
    article = _article(TEXT, ("Alpha beta gamma delta,", "Jane Doe", "person"))
    score = qe.score_article(article, [_span(TEXT, "Alpha", "Jane Doe")])
    assert score.counts["speaker_recall"] == (0, 1)


def test_the_speaker_is_taken_from_the_prediction_covering_most_of_the_quote():
    article = _article(TEXT, ("Alpha beta gamma delta,", "Jane Doe", "person"))
    predictions = [_span(TEXT, "Alpha", "John Roe"), _span(TEXT, "beta gamma delta", "Jane Doe")]
    assert qe.score_article(article, predictions).counts["speaker_recall"] == (1, 1)
    predictions = [_span(TEXT, "Alpha beta gamma", "John Roe"), _span(TEXT, "delta", "Jane Doe")]
    assert qe.score_article(article, predictions).counts["speaker_recall"] == (0, 1)


# ------------------------------------------------------------------------------------------------
# Empty inputs, errors, totals
# ------------------------------------------------------------------------------------------------


def test_empty_inputs():
    nothing = QuoteArticle("test", "a0", "No quotes here.", ())
    score = qe.score_article(nothing, [])
    assert score.counts == {"quote_recall": (0, 0), "quote_precision": (0, 0), "speaker_recall": (0, 0)}
    assert not score.failures
    spurious = qe.score_article(nothing, [Predicted(0, 9, "X")])
    assert spurious.counts["quote_precision"] == (0, 1)
    article = _article(TEXT, ("Alpha beta gamma delta,", "Jane Doe", "person"))
    missed = qe.score_article(article, [])
    assert missed.counts == {"quote_recall": (0, 1), "quote_precision": (0, 0), "speaker_recall": (0, 1)}
    assert [f.field for f in missed.failures] == ["missed"]
    assert qe.total_scores([]) == {metric: Score(0, 0) for metric in qe.QUOTE_METRICS}


def test_an_error_is_listed_and_its_article_counts_no_prediction():
    article = _article(TEXT, ("Alpha beta gamma delta,", "Jane Doe", "person"))
    score = qe.score_article(article, [], TEXTACY, error="ValueError: 3 quotation marks found")
    assert score.counts["quote_recall"] == (0, 1)
    assert score.failures[0].field == "error" and "3 quotation marks" in score.failures[0].got


def test_textacy_giving_up_is_caught_narrowly(monkeypatch):
    def unbalanced(doc, text):
        raise ValueError("5 quotation marks found, indicating an unclosed quotation")

    def broken(doc, text):
        raise KeyError("bug")

    monkeypatch.setattr(qe, "textacy_quotes", unbalanced)
    assert qe.predict(TEXTACY, None, "") == qe.Prediction((), "ValueError: 5 quotation marks found, indicating an "
                                                              "unclosed quotation")
    monkeypatch.setattr(qe, "textacy_quotes", broken)
    with pytest.raises(KeyError):  # anything else in textacy is a bug of ours, not a wrong answer
        qe.predict(TEXTACY, None, "")
    monkeypatch.setattr(qe, "newsetl_quotes", broken)
    assert qe.predict(NEWSETL, None, "").error == "KeyError: 'bug'"


def test_totals_add_up_over_articles():
    a = qe.ArticleScore(None, NEWSETL, {"quote_recall": (1, 2), "quote_precision": (1, 1), "speaker_recall": (0, 1)})
    b = qe.ArticleScore(None, NEWSETL, {"quote_recall": (2, 3), "quote_precision": (2, 4), "speaker_recall": (1, 1)})
    assert qe.total_scores([a, b]) == {"quote_recall": Score(3, 5), "quote_precision": Score(3, 5),
                                       "speaker_recall": Score(1, 2)}


# ------------------------------------------------------------------------------------------------
# The quote set
# ------------------------------------------------------------------------------------------------


def test_load_the_mini_set():
    articles = qe.load_quote_set(MINI)
    assert [a.name for a in articles] == ["mini-001", "mini-002"]
    assert all(a.corpus == "quotes-mini" for a in articles)
    assert [len(a.quotes) for a in articles] == [4, 2]
    multi = articles[1].quotes[1]
    assert "\n\n“We will" in multi.text and articles[1].text[multi.start : multi.end] == multi.text


def _write_set(directory: Path, text: str, quotes: list[dict]) -> Path:
    (directory / "texts").mkdir(parents=True)
    (directory / "texts" / "x.txt").write_bytes(text.encode("utf-8"))
    doc = {"about": "test", "articles": {"x": {"corpus": "c", "page": "p", "url": None, "quotes": quotes}}}
    (directory / "annotations.json").write_text(json.dumps(doc), encoding="utf-8")
    return directory


def test_load_rejects_gold_quotes_that_are_not_at_their_offset(tmp_path):
    text = "Intro.\r\n“Quoted words here,” she said."  # offsets into the exact bytes: \r\n is two characters
    good = {"text": "Quoted words here,", "start": 9, "speaker": "Ann Lee", "speaker_kind": "person"}
    (article,) = qe.load_quote_set(_write_set(tmp_path / "good", text, [good]))
    assert article.quotes[0].end == 27
    bad = {**good, "start": 8}
    with pytest.raises(ValueError, match="x quote 0: 'Quoted words here,' is not at offset 8"):
        qe.load_quote_set(_write_set(tmp_path / "bad", text, [bad]))
    with pytest.raises(ValueError, match="speaker_kind 'human'"):
        qe.load_quote_set(_write_set(tmp_path / "kind", text, [{**good, "speaker_kind": "human"}]))


class _FakeNLP:
    """Stands in for a spaCy pipeline: pipe() yields the texts themselves as the 'docs'."""

    def pipe(self, texts):
        yield from texts


def test_evaluate_quote_set_runs_each_system_over_every_article(monkeypatch):
    articles = qe.load_quote_set(MINI)

    def first_gold_quote(doc, text):  # a system that finds exactly the first gold quote of each article
        article = next(a for a in articles if a.text == doc)
        quote = article.quotes[0]
        return [Predicted(quote.start, quote.end, quote.speaker)]

    monkeypatch.setattr(qe, "newsetl_quotes", first_gold_quote)
    result = qe.evaluate_quote_set(articles, (NEWSETL,), pipelines={NEWSETL: _FakeNLP()})
    assert (result.corpus, result.n_pages, result.n_gold, result.kind) == ("quotes-mini", 2, 6, ev.QUOTE_SET_KIND)
    assert result.scores[NEWSETL] == {"quote_recall": Score(2, 6), "quote_precision": Score(2, 2),
                                      "speaker_recall": Score(2, 5)}
    with pytest.raises(ValueError, match="empty quote set"):
        qe.evaluate_quote_set([], (NEWSETL,), pipelines={})


# ------------------------------------------------------------------------------------------------
# The real systems on the mini set (spaCy, textacy)
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini_result():
    return qe.evaluate_quote_set(qe.load_quote_set(MINI))


def test_textacy_on_the_mini_set(mini_result):
    by_name = {p.page.name: p for p in mini_result.pages[TEXTACY]}
    # mini-002's multi-paragraph quote leaves an odd number of quotation marks: textacy gives up on the article
    assert [f.field for f in by_name["mini-002"].failures][0] == "error"
    assert by_name["mini-002"].counts["quote_precision"] == (0, 0)
    # in mini-001 it finds the split quote's two parts with "Altman" as the speaker
    assert by_name["mini-001"].counts["quote_recall"][0] >= 2
    assert by_name["mini-001"].counts["speaker_recall"][0] >= 2


def test_newsetl_on_the_mini_set_runs_the_real_pipeline(mini_result):
    scores = mini_result.scores[NEWSETL]
    assert not [f for p in mini_result.pages[NEWSETL] for f in p.failures if f.field == "error"]
    assert scores["quote_recall"].n == 6 and scores["quote_recall"].hits >= 3
    assert scores["quote_precision"].n >= 3


def test_the_report_shows_the_quote_table(mini_result, capsys):
    from rich.console import Console

    floors = {"quotes-mini": {"quote_recall": 0.5}}
    markdown = ev.render_markdown([mini_result], floors, details=True)
    assert "**quotes-mini (quote set, 2 articles, 6 gold quotes; newsetl" in markdown
    assert "| metric | what | newsetl | textacy | Δ | floor |" in markdown
    assert "| 0.500 |" in markdown.split("quote_recall", 1)[1].split("\n", 1)[0]
    assert "#### textacy · quotes-mini:" in markdown and "- error: got ValueError" in markdown
    data = ev.results_json([mini_result], details=True)
    assert set(data["quote_sets"]["quotes-mini"]["scores"]) == {NEWSETL, TEXTACY}
    assert data["corpora"] == {}
    ev.render_table([mini_result], floors, True, Console(width=200, highlight=False))
    out = capsys.readouterr().out
    assert "speaker_recall" in out and "of 2 articles with failures" in out


def test_baseline_keeps_the_floors_of_what_a_run_did_not_measure(mini_result, tmp_path):
    path = tmp_path / "baseline.json"
    cleaning = ev.CorpusResult("goose3", ev.GOOSE3_KIND, 1, {NEWSETL: {"body_start": Score(7, 10)}},
                               {NEWSETL: 0.0}, {NEWSETL: []})
    assert ev.write_baseline([cleaning], path) == []
    assert ev.write_baseline([mini_result], path) == []  # a quotes-only run
    doc = json.loads(path.read_text())
    assert doc["floors"]["goose3"] == {"body_start": 0.7}
    assert set(doc["floors"]["quotes-mini"]) == set(qe.QUOTE_METRICS)
    assert set(doc["reference"][TEXTACY]["quotes-mini"]) == set(qe.QUOTE_METRICS)
    assert ev.check_floors([mini_result], {"quotes-mini": doc["floors"]["quotes-mini"]}) == []


def test_cli_runs_only_the_quotes(capsys):
    assert ev.main(["--only", "quotes", "--quotes-set", str(MINI), "--format", "json", "--system", "textacy"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["corpora"] == {} and list(data["quote_sets"]["quotes-mini"]["scores"]) == [TEXTACY]
    assert ev.main(["--only", "quotes", "--quotes-set", str(MINI / "texts")]) == 2  # not a quote set
    assert "not a quote set" in capsys.readouterr().err
