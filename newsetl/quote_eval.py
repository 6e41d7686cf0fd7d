"""Quote evaluation: direct-quote recall, precision and named-speaker recall on a hand-annotated quote set,
newsetl's claims next to textacy's ``direct_quotations``.

    newsetl eval --only quotes [--quotes-set DIR] [--details]    # `make eval` runs it with the cleaning corpora

A quote set is a directory with ``texts/<id>.txt`` (an article's body text) and ``annotations.json``::

    {"about": "...", "articles": {"<id>": {"corpus": "...", "page": "...", "url": "...", "quotes": [
        {"text": "the quote, without its quotation marks", "start": 123, "speaker": "Jane Doe" | null,
         "speaker_kind": "person|org|nominal|unknown", "speaker_text": "a spokesman" | null}]}}}

``start`` is a character offset into the text file's exact content. A quote split around its cue is two gold
quotes; a quote that runs over several paragraphs is one.

Two systems read the same texts:

* ``newsetl``: the project's pipeline (``flows.news_etl.load_nlp``, then ``transforms.entities.article_mentions``
  and ``transforms.claims.article_claims``); its claims of type ``quote``, the speaker's canonical name;
* ``textacy``: ``textacy.extract.triples.direct_quotations`` over the full en_core_web_sm pipeline (it needs the
  tagger and lemmatizer newsetl's pipeline leaves out); the speaker is its tokens' text as written, so a pronoun
  stays a pronoun. textacy gives up on an article with an odd number of quotation marks (it raises): that article
  counts zero predictions and the error is listed with ``--details``.

Matching is on characters, with quotation marks, punctuation and white space stripped from both ends of every span
and only non-space characters counted:

- a gold quote is *found* when at least half of its characters lie inside predicted quotes (one prediction may
  cover both parts of a split quote and the cue between them);
- a predicted quote is *correct* when at least half of its characters lie inside gold quotes, or when it covers at
  least half of some gold quote (so a prediction that merges a split quote with its cue still counts);
- a gold quote by a named person (``speaker_kind`` "person") has the right speaker when it is found and the
  prediction covering most of it names the same person (:func:`same_person`).

``quote_recall`` = found / gold quotes; ``quote_precision`` = correct / predicted quotes; ``speaker_recall`` =
person quotes with the right speaker / person quotes.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from newsetl.evaluation import (
    NEWSETL,
    QUOTE_SET_KIND,
    QUOTE_SYSTEM_NAMES,
    ROOT,
    TEXTACY,
    Failure,
    Score,
    squash_space,
)

DEFAULT_QUOTES_DIR = ROOT / "tests" / "fixtures" / "quotes-dev"

# metric key -> what it measures; the order is the report's order
QUOTE_METRICS: dict[str, str] = {
    "quote_recall": "gold quotes found (half their characters inside predicted quotes)",
    "quote_precision": "predicted quotes that are quotes (half inside gold quotes, or covering half of one)",
    "speaker_recall": "quotes by a named person found with that person as the speaker",
}
MIN_SHARE = 0.5  # the share of characters that makes a quote found, or a prediction correct
PERSON = "person"
SPEAKER_KINDS = ("person", "org", "nominal", "unknown")

HONORIFICS = frozenset({
    "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend",
    "hon", "jr", "sr", "ii", "iii", "iv",  # generational suffixes too: "Martin Luther King Jr." is King
})
PRONOUNS = frozenset({
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "one", "who",
    "his", "hers", "its", "their", "theirs",
})
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
SNIPPET_WIDTH = 70


# ================================================================================================
# The quote set
# ================================================================================================


@dataclass(frozen=True)
class GoldQuote:
    text: str  # exactly article_text[start:end], without the quotation marks
    start: int
    speaker: str | None
    speaker_kind: str  # person | org | nominal | unknown
    speaker_text: str | None = None  # the words naming the speaker in the text ("a spokesman", "she")

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class QuoteArticle:
    corpus: str  # the quote set's directory name
    name: str  # the article id, the stem of texts/<id>.txt
    text: str
    quotes: tuple[GoldQuote, ...]
    url: str | None = None
    source: str | None = None  # the annotation's "corpus": where the text comes from


def _gold_quote(raw: dict) -> GoldQuote:
    kind = raw.get("speaker_kind") or "unknown"
    if kind not in SPEAKER_KINDS:
        raise ValueError(f"speaker_kind {kind!r} is none of {SPEAKER_KINDS}")
    return GoldQuote(raw["text"], int(raw["start"]), raw.get("speaker") or None, kind, raw.get("speaker_text"))


def load_quote_set(directory: str | Path) -> list[QuoteArticle]:
    """Every annotated article of a quote set, in id order. Raises ValueError naming every gold quote whose text is
    not at its offset (a gold set that does not hold together would score nonsense)."""
    directory = Path(directory)
    data = json.loads((directory / "annotations.json").read_text(encoding="utf-8"))
    articles, problems = [], []
    for name, entry in sorted(data["articles"].items()):
        # bytes, decoded: the offsets are into the file's exact content (no newline translation)
        text = (directory / "texts" / f"{name}.txt").read_bytes().decode("utf-8")
        quotes = []
        for i, raw in enumerate(entry.get("quotes", [])):
            try:
                quote = _gold_quote(raw)
            except (KeyError, ValueError) as exc:
                problems.append(f"{name} quote {i}: {type(exc).__name__}: {exc}")
                continue
            if text[quote.start : quote.end] != quote.text:
                problems.append(f"{name} quote {i}: {_short(quote.text)!r} is not at offset {quote.start} "
                                f"(found there: {_short(text[quote.start : quote.end])!r})")
            quotes.append(quote)
        articles.append(QuoteArticle(directory.name, name, text, tuple(quotes), entry.get("url"), entry.get("corpus")))
    if problems:
        raise ValueError(f"{directory}: gold quotes that do not match their text:\n  " + "\n  ".join(problems))
    return articles


# ================================================================================================
# Scoring functions (pure)
# ================================================================================================


class Predicted(NamedTuple):
    start: int  # character offsets of a direct quote in the article text
    end: int
    speaker: str | None  # the speaker's name as the system gives it; None = no speaker
    speaker_text: str | None = None  # how the text names the speaker ("he", "a spokesman"), for the details only


def _is_edge_junk(char: str) -> bool:
    """Quotation marks, other punctuation and white space: not part of what a quote says."""
    return char.isspace() or unicodedata.category(char).startswith("P")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved inwards past quotation marks, punctuation and white space at both ends."""
    start, end = max(0, start), min(len(text), end)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    return start, end


def span_chars(text: str, start: int, end: int) -> frozenset[int]:
    """The positions of the non-space characters of the trimmed span: what is measured."""
    start, end = trim_span(text, start, end)
    return frozenset(i for i in range(start, end) if not text[i].isspace())


def share(part: frozenset[int], cover: frozenset[int]) -> float:
    """How much of ``part`` lies in ``cover`` (0.0 for an empty part)."""
    return len(part & cover) / len(part) if part else 0.0


def _union(sets: Iterable[frozenset[int]]) -> frozenset[int]:
    return frozenset().union(*sets)


def found_flags(gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]]) -> list[bool]:
    """For each gold quote: are at least half of its characters inside predicted quotes (all of them together)."""
    covered = _union(predicted)
    return [share(g, covered) >= MIN_SHARE for g in gold]


def correct_flags(gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]]) -> list[bool]:
    """For each prediction: is at least half of it inside gold quotes, or does it cover half of one gold quote."""
    gold_chars = _union(gold)
    return [bool(p) and (share(p, gold_chars) >= MIN_SHARE or any(share(g, p) >= MIN_SHARE for g in gold))
            for p in predicted]


def name_tokens(name: str | None) -> tuple[str, ...]:
    """A name as words to compare: possessive dropped, NFKC, case-folded, punctuation as spaces, honorifics and
    generational suffixes dropped. ``"Dr. Sam Altman's"`` -> ``("sam", "altman")``."""
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", name or "")).casefold()
    text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
    return tuple(word for word in text.split() if word not in HONORIFICS)


def _names_agree(a: str, b: str) -> bool:
    """"sam" and "sam", or an initial and a name it starts ("s" and "sam")."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_person(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted speaker name is the gold person: the same words (see :func:`name_tokens`), or the same
    last word with first names that do not conflict: the predicted name is a bare surname, or the gold first name
    (or its initial) is among the predicted words before the surname, which lets a title or role stand first. So
    "Altman", "S. Altman" and "Chief Executive Sam Altman" are "Sam Altman"; "Ann Altman" is not. No name, or a
    pronoun, is never the person."""
    got, want = name_tokens(predicted), name_tokens(gold)
    if not got or not want or (len(got) == 1 and got[0] in PRONOUNS):
        return False
    if got == want:
        return True
    if got[-1] != want[-1]:
        return False
    return len(got) == 1 or len(want) == 1 or any(_names_agree(word, want[0]) for word in got[:-1])


def _short(text: str | None, width: int = SNIPPET_WIDTH) -> str:
    text = squash_space(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _show_speaker(prediction: Predicted) -> str:
    """The predicted speaker for the details: its name, and the words that named it when they differ."""
    name = repr(prediction.speaker) if prediction.speaker else "(no speaker)"
    written = prediction.speaker_text
    return f"{name} (as {written!r})" if written and written != prediction.speaker else name


@dataclass
class ArticleScore:
    page: QuoteArticle  # named `page` like the cleaning's PageScore, so the reports list both alike
    system: str
    counts: dict[str, tuple[int, int]]  # metric -> (hits, n) on this article
    failures: list[Failure] = field(default_factory=list)


def score_article(article: QuoteArticle, predictions: Sequence[Predicted], system: str = NEWSETL,
                  error: str | None = None) -> ArticleScore:
    """Counts and failures of one system's predictions on one article (``error``: the system raised, and its
    predictions are empty)."""
    text = article.text
    gold = [span_chars(text, q.start, q.end) for q in article.quotes]
    predicted = [span_chars(text, p.start, p.end) for p in predictions]
    found = found_flags(gold, predicted)
    correct = correct_flags(gold, predicted)
    failures = [Failure("error", error, "no exception")] if error else []
    speaker_hits = n_person = 0
    for quote, chars, is_found in zip(article.quotes, gold, found):
        if not is_found:
            covered = share(chars, _union(predicted))
            failures.append(Failure("missed", f"{covered:.0%} covered" if covered else "(not found)",
                                    repr(_short(quote.text))))
        if quote.speaker_kind != PERSON:
            continue
        n_person += 1
        if not is_found:
            continue
        best = predictions[max(range(len(predicted)), key=lambda i: (len(chars & predicted[i]), -i))]
        if same_person(best.speaker, quote.speaker):
            speaker_hits += 1
        else:
            expected = f"{quote.speaker!r} for {_short(quote.text, 40)!r}"
            failures.append(Failure("speaker", _show_speaker(best), expected))
    for prediction, ok in zip(predictions, correct):
        if not ok:
            failures.append(Failure("spurious", repr(_short(text[prediction.start : prediction.end])),
                                    "(no gold quote there)"))
    counts = {
        "quote_recall": (sum(found), len(gold)),
        "quote_precision": (sum(correct), len(predicted)),
        "speaker_recall": (speaker_hits, n_person),
    }
    return ArticleScore(article, system, counts, failures)


def total_scores(article_scores: Iterable[ArticleScore]) -> dict[str, Score]:
    """Each metric's hits and n summed over the articles (every metric is reported, even at n = 0)."""
    totals = {metric: [0, 0] for metric in QUOTE_METRICS}
    for article_score in article_scores:
        for metric, (hits, n) in article_score.counts.items():
            totals[metric][0] += hits
            totals[metric][1] += n
    return {metric: Score(hits, n) for metric, (hits, n) in totals.items()}


# ================================================================================================
# Systems
# ================================================================================================


@dataclass(frozen=True)
class Prediction:
    quotes: tuple[Predicted, ...] = ()
    error: str | None = None  # "ExcType: message" when the system raised on the article


def newsetl_quotes(doc, text: str) -> list[Predicted]:
    """newsetl's direct quotes: the claims of type "quote", with the speaker's canonical name (and the words that
    named it, where the claim records them)."""
    from transforms.claims import article_claims
    from transforms.entities import article_mentions

    mentions = article_mentions(doc, text, heading_spans=())
    return [Predicted(c.char_start, c.char_end, c.speaker.canonical if c.speaker else None,
                      getattr(c, "speaker_text", None) or (c.speaker.surface if c.speaker else None))
            for c in article_claims(doc, text, mentions) if c.claim_type == "quote"]


def textacy_quotes(doc, text: str) -> list[Predicted]:
    """textacy's direct quotations: the content span (quotation marks included) and the speaker's tokens as
    written, from the first to the last. Raises ValueError on an odd number of quotation marks."""
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        first, last = triple.speaker[0], triple.speaker[-1]
        out.append(Predicted(triple.content.start_char, triple.content.end_char, doc[first.i : last.i + 1].text))
    return out


def predict(system: str, doc, text: str) -> Prediction:
    """One system's quotes for one article; an article the system fails on counts zero predictions."""
    if system == TEXTACY:
        try:
            return Prediction(tuple(textacy_quotes(doc, text)))
        except ValueError as exc:  # textacy bails out on unbalanced quotation marks (and a language it lacks)
            return Prediction(error=f"ValueError: {exc}")
    try:
        return Prediction(tuple(newsetl_quotes(doc, text)))
    except Exception as exc:  # noqa: BLE001 -- a crash on one article is a wrong answer (the gate test fails on it)
        return Prediction(error=f"{type(exc).__name__}: {exc}")


def load_pipelines(model: str, systems: Sequence[str]) -> dict[str, Any]:
    """The spaCy pipeline each system reads: newsetl the flow's own (``flows.news_etl.load_nlp``: no tagger,
    attribute ruler or lemmatizer), textacy the full ``model`` (its cue verbs need POS tags and lemmas)."""
    pipelines = {}
    if NEWSETL in systems:
        from flows.news_etl import load_nlp

        pipelines[NEWSETL] = load_nlp(model)
    if TEXTACY in systems:
        import spacy

        pipelines[TEXTACY] = spacy.load(model)
    return pipelines


# ================================================================================================
# Running
# ================================================================================================


@dataclass
class QuoteSetResult:
    """One quote set's scores, shaped like ``evaluation.CorpusResult`` so the same reports and floors take it."""

    corpus: str  # the quote set's directory name: its key in the baseline's floors
    n_pages: int  # articles
    n_gold: int  # gold quotes
    scores: dict[str, dict[str, Score]]  # system -> metric -> Score
    seconds: dict[str, float]  # system -> time spent parsing and extracting
    pages: dict[str, list[ArticleScore]]  # system -> per-article scores
    kind: str = QUOTE_SET_KIND

    @property
    def metrics(self) -> dict[str, str]:
        return QUOTE_METRICS

    @property
    def description(self) -> str:
        return f"{self.corpus} (quote set, {self.n_pages} articles, {self.n_gold} gold quotes"


def evaluate_quote_set(articles: Sequence[QuoteArticle], systems: Sequence[str] = QUOTE_SYSTEM_NAMES,
                       model: str | None = None, pipelines: dict[str, Any] | None = None) -> QuoteSetResult:
    """Run each system over every article (one ``nlp.pipe`` per system) and score it. ``pipelines`` (system ->
    spaCy pipeline) defaults to :func:`load_pipelines` of ``model``, by default ``Settings.from_env().spacy_model``."""
    if not articles:
        raise ValueError("empty quote set")
    if pipelines is None:
        from newsetl.settings import Settings

        pipelines = load_pipelines(model or Settings.from_env().spacy_model, systems)
    per_article: dict[str, list[ArticleScore]] = {}
    seconds: dict[str, float] = {}
    for system in systems:
        started = time.perf_counter()
        docs = pipelines[system].pipe(a.text for a in articles)
        predictions = [predict(system, doc, a.text) for a, doc in zip(articles, docs)]
        seconds[system] = time.perf_counter() - started
        per_article[system] = [score_article(a, p.quotes, system, p.error) for a, p in zip(articles, predictions)]
    scores = {system: total_scores(per_article[system]) for system in systems}
    n_gold = sum(len(a.quotes) for a in articles)
    return QuoteSetResult(articles[0].corpus, len(articles), n_gold, scores, seconds, per_article)
