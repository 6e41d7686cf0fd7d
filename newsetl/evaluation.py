"""Cleaning evaluation: how well ``clean_html`` finds an article's text and metadata, next to bare trafilatura;
and the runner of the quote evaluation (``newsetl/quote_eval.py``: direct quotes and speakers, next to textacy).

    python -m newsetl.evaluation [--corpus DIR ...] [--quotes-set DIR] [--only cleaning|quotes]
                                 [--format table|json|markdown] [--details]
    newsetl eval ...                      # the same; `make eval` runs it on tests/fixtures/corpus/* and quotes-dev
    python -m newsetl.evaluation --write-baseline   # after an improvement: raise the floors of the gate test

Two systems run on the same pages in one run:

* ``newsetl``: ``transforms.cleaning.clean_html(html, url=...)``;
* ``bare trafilatura``: ``trafilatura.bare_extraction(html, url=..., with_metadata=True)`` with its defaults.

Three corpus layouts are read (pages as ``html/NAME.html`` or ``html/NAME.html.gz``):

* *trafilatura-eval*: ``expected/NAME.json`` with ``with`` / ``without`` snippets for the body, and for
  ``has_metadata_annotation`` pages the hand-checked ``title``, ``author`` and ``date``;
* *goose3*: ``expected/NAME.json`` with ``expected.cleaned_text``, the start of the body, and optionally one
  ``annotations.json`` mapping NAME to a hand-made ``{"title", "author", "date", "body"}`` annotation: the
  metadata in the conventions of the trafilatura-eval layout, the whole article body in the article-benchmark's
  (``tests/fixtures/corpus/goose3/`` has one: a set the rules were not written on);
* *article-benchmark*: one ``ground-truth.json`` mapping each NAME to ``{"articleBody": ..., "url": ...}``, the
  layout of the standard article-body benchmark (github.com/scrapinghub/article-extraction-benchmark: point
  ``--corpus`` at a clone of it).

Metrics (each is hits / n, summed over the pages of a corpus, unless said otherwise):

- ``with_found``: ``with`` snippets found in the body (white space normalised) / all ``with`` snippets;
- ``without_kept_out``: ``without`` snippets absent from the body / all ``without`` snippets;
- ``snippet_f1``: the two as one figure, the way trafilatura's own evaluation scores its pages: precision =
  ``with`` found / (``with`` found + ``without`` leaked), recall = ``with_found``;
- ``title``: annotated pages whose title matches after :func:`normalise` (an empty gold title is not counted);
- ``authors``: annotated pages whose SET of normalised author names matches (empty gold = no author);
- ``date``: annotated pages whose publication day (``published_date``, the day on the publisher's calendar,
  which is ``published_date_key``) is the gold ``YYYY-MM-DD`` ("" = no date);
- ``body_start``: goose3 pages whose body begins with ``cleaned_text`` (white space normalised);
- ``body_found``: goose3 pages whose body contains ``cleaned_text`` anywhere (diagnostic: found but not at the
  start means extra text before the article);
- ``body_precision`` / ``body_recall`` / ``body_f1``: pages with a whole gold body (article-benchmark pages, goose3
  pages annotated with one), the article benchmark's own measure. Each
  text is cut into word 4-grams (words are runs of word characters, case kept); a page's true positives, false
  positives and false negatives are the multiset overlap, normalised by their sum so that every page weighs the
  same; precision and recall are the means over the pages (a page whose prediction is empty has no precision) and
  F1 is their harmonic mean.

A page whose extraction raises counts as wrong on every metric. ``tests/test_eval_gate.py`` fails when a newsetl
score (cleaning or quotes) drops below its floor in ``tests/fixtures/eval-baseline.json``. Floors are only ever
raised; ``--write-baseline`` replaces the entries of the corpora and quote set it measured and keeps the others.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import math
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from flows.inputs import decode_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_ROOT = ROOT / "tests" / "fixtures" / "corpus"
BASELINE_PATH = ROOT / "tests" / "fixtures" / "eval-baseline.json"
REFRESH_COMMAND = "python -m newsetl.evaluation --write-baseline"

NEWSETL = "newsetl"
BARE = "bare trafilatura"
TEXTACY = "textacy"  # the anchor of the quote evaluation (newsetl/quote_eval.py)
SYSTEM_NAMES = (NEWSETL, BARE)  # on the cleaning corpora
QUOTE_SYSTEM_NAMES = (NEWSETL, TEXTACY)  # on the quote set

CLEANING, QUOTES = "cleaning", "quotes"  # --only values
QUOTE_SET_KIND = "quote-set"  # the kind of a quote set's result (newsetl/quote_eval.py)

TRAFILATURA_KIND = "trafilatura-eval"
GOOSE3_KIND = "goose3"
ARTICLE_BENCHMARK_KIND = "article-benchmark"
GROUND_TRUTH_FILE = "ground-truth.json"  # the article-benchmark layout's gold bodies
ANNOTATION_FILE = "annotations.json"  # goose3 layout: optional hand-made title / author / date / body per page

# metric key -> what it measures; the order is the report's order
METRICS: dict[str, dict[str, str]] = {
    TRAFILATURA_KIND: {
        "with_found": "`with` snippets found in the body",
        "without_kept_out": "`without` snippets kept out of the body",
        "snippet_f1": "F1 of the snippets (precision: found / (found + leaked))",
        "title": "title right (annotated pages)",
        "authors": "author set right (annotated pages)",
        "date": "date right (annotated pages)",
    },
    GOOSE3_KIND: {
        "body_start": "body starts with the expected text",
        "body_found": "expected start found anywhere in the body",
        "body_precision": "word 4-gram precision against the annotated body (page mean)",
        "body_recall": "word 4-gram recall against the annotated body (page mean)",
        "body_f1": "harmonic mean of body_precision and body_recall",
        "title": "title right (annotated pages)",
        "authors": "author set right (annotated pages)",
        "date": "date right (annotated pages)",
    },
    ARTICLE_BENCHMARK_KIND: {
        "body_precision": "word 4-gram precision against the gold body (page mean)",
        "body_recall": "word 4-gram recall against the gold body (page mean)",
        "body_f1": "harmonic mean of body_precision and body_recall",
    },
}
# derived metric -> the (precision, recall) metrics it is the harmonic mean of
F1_OF = {"body_f1": ("body_precision", "body_recall"), "snippet_f1": ("snippet_precision", "with_found")}
BODY_F1_SHOWN_BELOW = 0.9  # --details lists the pages with a gold body whose own F1 is under this

GOLD_AUTHOR_SEPARATOR_RE = re.compile(r"\s*[,;]\s+|\s+and\s+", re.IGNORECASE)
SNIPPET_WIDTH = 70  # characters of text shown around a failure


# ================================================================================================
# Corpus
# ================================================================================================


@dataclass(frozen=True)
class Page:
    corpus: str  # the corpus directory's name
    kind: str  # TRAFILATURA_KIND | GOOSE3_KIND
    name: str  # file stem, e.g. "abc13.com-Copperfield" or "test_cnn1"
    html_path: Path
    url: str | None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    has_metadata: bool = False  # title / authors / date are annotated
    title: str = ""
    authors: tuple[str, ...] = ()  # gold names, already split; () = no author
    date: str = ""  # "YYYY-MM-DD"; "" = no date
    body_start: str | None = None  # goose3: the expected start of the body
    body: str | None = None  # article-benchmark: the whole gold body

    def html(self) -> str:
        data = self.html_path.read_bytes()
        if self.html_path.name.endswith(".gz"):
            data = gzip.decompress(data)
        return decode_text(data)




def split_gold_authors(gold: str | Sequence[str] | None) -> tuple[str, ...]:
    """The annotated author string as names: split on ", ", "; " and " and "; a list is taken as is."""
    if not gold:
        return ()
    parts = list(gold) if isinstance(gold, list | tuple) else GOLD_AUTHOR_SEPARATOR_RE.split(gold)
    return tuple(part.strip() for part in parts if part and part.strip())


def _html_file(directory: Path, name: str) -> Path:
    for candidate in (directory / "html" / f"{name}.html", directory / "html" / f"{name}.html.gz"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no html/{name}.html or html/{name}.html.gz in {directory}")


def corpus_kind(directory: Path) -> str:
    """Which layout ``directory`` holds, from its ground-truth file or the shape of its expected JSON."""
    if (directory / GROUND_TRUTH_FILE).is_file():
        return ARTICLE_BENCHMARK_KIND
    for path in sorted((directory / "expected").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data.get("expected"), dict):
            return GOOSE3_KIND
        if "with" in data or "without" in data:
            return TRAFILATURA_KIND
    raise ValueError(f"{directory}: not a corpus (expected/*.json with `with`/`without` or `expected.cleaned_text`, "
                     f"or a {GROUND_TRUTH_FILE})")


def _load_article_benchmark(directory: Path) -> list[Page]:
    truth = json.loads((directory / GROUND_TRUTH_FILE).read_text(encoding="utf-8"))
    return [Page(corpus=directory.name, kind=ARTICLE_BENCHMARK_KIND, name=name,
                 html_path=_html_file(directory, name), url=item.get("url"), body=item.get("articleBody") or "")
            for name, item in sorted(truth.items())]


def _gold_metadata(item: dict | None) -> dict:
    """The Page fields of one hand-made title / author / date annotation (none when ``item`` is None)."""
    if item is None:
        return {}
    return {"has_metadata": True, "title": (item.get("title") or "").strip(),
            "authors": split_gold_authors(item.get("author")), "date": (item.get("date") or "").strip()}


def _gold_annotation(item: dict | None) -> dict:
    """The Page fields of one annotations.json entry: its metadata, and its body when it has one."""
    fields = _gold_metadata(item)
    if item is not None and isinstance(item.get("body"), str):
        fields["body"] = item["body"]
    return fields


def load_corpus(directory: str | Path) -> list[Page]:
    """Every page of a corpus directory, in name order, whichever of the three layouts it uses."""
    directory = Path(directory)
    kind = corpus_kind(directory)
    if kind == ARTICLE_BENCHMARK_KIND:
        return _load_article_benchmark(directory)
    pages = []
    annotation_path = directory / ANNOTATION_FILE
    annotations = json.loads(annotation_path.read_text(encoding="utf-8")) if annotation_path.is_file() else {}
    for path in sorted((directory / "expected").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = path.stem
        common = {"corpus": directory.name, "kind": kind, "name": name, "html_path": _html_file(directory, name)}
        if kind == GOOSE3_KIND:
            expected = data.get("expected") or {}
            url = data.get("url") or expected.get("final_url")
            pages.append(Page(**common, url=url, body_start=expected.get("cleaned_text") or None,
                              **_gold_annotation(annotations.get(name))))
        else:
            pages.append(
                Page(
                    **common,
                    url=data.get("url"),
                    with_snippets=tuple(s for s in data.get("with", []) if s.strip()),
                    without_snippets=tuple(s for s in data.get("without", []) if s.strip()),
                    **_gold_metadata(data if data.get("has_metadata_annotation") else None),
                )
            )
    return pages


def default_corpora() -> list[Path]:
    return sorted(p for p in DEFAULT_CORPUS_ROOT.iterdir()
                  if p.is_dir() and ((p / "expected").is_dir() or (p / GROUND_TRUTH_FILE).is_file()))


# ================================================================================================
# Scoring functions
# ================================================================================================


def normalise(text: str | None) -> str:
    """For titles and names: Unicode NFKC, case-folded, punctuation (categories P*) to spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
    return " ".join(text.split())


def squash_space(text: str | None) -> str:
    """Runs of white space (newlines, tabs, no-break spaces ...) to one space, ends stripped."""
    return " ".join((text or "").split())


def title_matches(got: str | None, gold: str) -> bool:
    return normalise(got) == normalise(gold)


def author_set(names: Iterable[str]) -> frozenset[str]:
    return frozenset(n for n in (normalise(name) for name in names) if n)


def authors_match(got: Iterable[str], gold: Sequence[str]) -> bool:
    """Same set of normalised names; an empty gold means the right answer is no author at all."""
    return author_set(got) == author_set(gold)


def date_matches(got: str | None, gold: str) -> bool:
    """``got`` is "YYYY-MM-DD" or None; a gold "" means the right answer is None."""
    return (got or "") == (gold or "")


def snippet_found(snippet: str, body: str) -> bool:
    return squash_space(snippet) in squash_space(body)


def starts_with(body: str, expected_start: str) -> bool:
    return squash_space(body).startswith(squash_space(expected_start))


WORD_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter:
    """The multiset of word ``size``-grams of ``text`` (a text shorter than ``size`` words is one shorter gram)."""
    words = WORD_RE.findall(text or "")
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)) if words[i : i + size])


def body_overlap(gold: str | None, got: str | None) -> tuple[float, float, float]:
    """(true positives, false positives, false negatives) of ``got``'s 4-grams against ``gold``'s, divided by their
    sum, so that a long page weighs no more than a short one; (0, 0, 0) when both are empty."""
    want, have = shingles(gold), shingles(got)
    tp, fp, fn = sum((want & have).values()), sum((have - want).values()), sum((want - have).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def overlap_precision_recall(tp: float, fp: float, fn: float) -> tuple[float | None, float | None]:
    """A page's precision and recall; None where the page has nothing to measure it on (no prediction for
    precision, no gold for recall). Nothing missing and nothing extra is a perfect page."""
    if fp == fn == 0 and tp:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


# ================================================================================================
# Systems
# ================================================================================================


@dataclass(frozen=True)
class Extraction:
    body: str = ""
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # "YYYY-MM-DD"
    error: str | None = None  # "ExcType: message" when the system raised


def run_newsetl(html: str, url: str | None) -> Extraction:
    from transforms.cleaning import clean_html

    article = clean_html(html, url=url)
    # the day the page shows (the warehouse's published_date_key), not the UTC day of published_at
    day = article.published_date or (article.published_at.date() if article.published_at else None)
    published = day.isoformat() if day else None
    return Extraction(article.body_text or "", article.title, tuple(article.authors), published)


def run_bare_trafilatura(html: str, url: str | None) -> Extraction:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return Extraction()
    authors = tuple(a.strip() for a in (doc.author or "").split("; ") if a.strip())
    return Extraction(doc.text or "", doc.title, authors, (doc.date or "")[:10] or None)


SYSTEMS: dict[str, Callable[[str, str | None], Extraction]] = {NEWSETL: run_newsetl, BARE: run_bare_trafilatura}
SYSTEM_OPTIONS = {"newsetl": NEWSETL, "bare": BARE, "textacy": TEXTACY}  # --system values


def extract(system: str, html: str, url: str | None) -> Extraction:
    try:
        return SYSTEMS[system](html, url)
    except Exception as exc:  # noqa: BLE001 -- one page's failure is a wrong answer, not a failed evaluation
        return Extraction(error=f"{type(exc).__name__}: {exc}")


# ================================================================================================
# Scoring pages
# ================================================================================================


@dataclass(frozen=True)
class Failure:
    field: str  # a metric key, or "error"
    got: str
    expected: str


@dataclass
class PageScore:
    page: Page
    system: str
    counts: dict[str, tuple[int, int]]  # metric -> (hits, n) on this page
    failures: list[Failure] = field(default_factory=list)


def _short(text: str | None, width: int = SNIPPET_WIDTH) -> str:
    text = squash_space(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _show(value: str | None) -> str:
    return "(none)" if not value else repr(value)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _divergence(body: str, expected: str) -> tuple[str, str]:
    """Where a body stops following the expected start: (got, expected) from a little before that point."""
    got, want = squash_space(body), squash_space(expected)
    at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    start = max(0, at - 20)
    prefix = "…" if start else ""
    return prefix + got[start : start + SNIPPET_WIDTH], prefix + want[start : start + SNIPPET_WIDTH]


def score_page(page: Page, system: str, result: Extraction) -> PageScore:
    counts: dict[str, tuple[int, int]] = {}
    failures: list[Failure] = []
    if page.kind == TRAFILATURA_KIND:
        found = [s for s in page.with_snippets if snippet_found(s, result.body)]
        leaked = [s for s in page.without_snippets if snippet_found(s, result.body)]
        counts["with_found"] = (len(found), len(page.with_snippets))
        counts["without_kept_out"] = (len(page.without_snippets) - len(leaked), len(page.without_snippets))
        counts["snippet_precision"] = (len(found), len(found) + len(leaked))  # only behind snippet_f1
        failures += [Failure("with_found", "(missing)", repr(s)) for s in page.with_snippets if s not in found]
        failures += [Failure("without_kept_out", "(in the body)", repr(s)) for s in leaked]
    elif page.body_start:
        ok_start = starts_with(result.body, page.body_start)
        ok_found = snippet_found(page.body_start, result.body)
        counts["body_start"] = (int(ok_start), 1)
        counts["body_found"] = (int(ok_found), 1)
        if not ok_start:
            got, want = _divergence(result.body, page.body_start)
            if ok_found:
                offset = squash_space(result.body).find(squash_space(page.body_start))
                before = _short(squash_space(result.body)[:offset])
                got = f"{before!r} ({offset} characters) before the expected text"
                failures.append(Failure("body_start", got, "nothing before it"))
            else:
                failures.append(Failure("body_start", repr(got), repr(want)))
    if page.body is not None:  # article-benchmark pages; goose3 pages with an annotated body
        precision, recall = overlap_precision_recall(*body_overlap(page.body, result.body))
        if precision is not None:
            counts["body_precision"] = (precision, 1)
        if recall is not None:
            counts["body_recall"] = (recall, 1)
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        if recall is not None and f1 < BODY_F1_SHOWN_BELOW:
            failures.append(Failure("body_f1", f"{f1:.3f} (precision {_ratio(precision)}, recall {recall:.3f})",
                                    f"at least {BODY_F1_SHOWN_BELOW}"))
    if page.has_metadata:
        if page.title:
            ok = title_matches(result.title, page.title)
            counts["title"] = (int(ok), 1)
            if not ok:
                failures.append(Failure("title", _show(result.title), repr(page.title)))
        ok = authors_match(result.authors, page.authors)
        counts["authors"] = (int(ok), 1)
        if not ok:
            failures.append(Failure("authors", _show("; ".join(result.authors)), _show("; ".join(page.authors))))
        ok = date_matches(result.date, page.date)
        counts["date"] = (int(ok), 1)
        if not ok:
            failures.append(Failure("date", _show(result.date), _show(page.date)))
    if result.error:
        counts = {metric: (0, n) for metric, (_hits, n) in counts.items()}
        failures = [Failure("error", result.error, "no exception")]
    return PageScore(page, system, counts, failures)


# ================================================================================================
# Running and totals
# ================================================================================================


@dataclass(frozen=True)
class Score:
    hits: float  # a count of hits, or, for a page mean (body_precision ...), the sum of the pages' values
    n: int

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else 0.0

    @property
    def is_count(self) -> bool:
        return isinstance(self.hits, int)

    @property
    def floor3(self) -> float:
        """The score rounded DOWN to 3 decimals; counts in integer arithmetic (no 0.7 -> 0.699 float surprises)."""
        if not self.n:
            return 0.0
        if self.is_count:
            return (self.hits * 1000 // self.n) / 1000
        return math.floor(round(self.value * 1000, 6)) / 1000

    @property
    def support(self) -> str:
        """What the score stands on: "hits/n" for a count, "n" (pages) for a mean."""
        return f"{self.hits}/{self.n}" if self.is_count else f"n={self.n}"


def harmonic_mean(precision: Score, recall: Score) -> Score:
    """F1 of two scores, as a Score over the recall's support (the gold: snippets, pages), so that every system's
    F1 on a corpus stands on the same n."""
    p, r, n = precision.value, recall.value, recall.n
    return Score(2 * p * r / (p + r) * n if p + r else 0.0, n)


@dataclass
class CorpusResult:
    corpus: str
    kind: str
    n_pages: int
    scores: dict[str, dict[str, Score]]  # system -> metric -> Score
    seconds: dict[str, float]  # system -> time spent extracting
    pages: dict[str, list[PageScore]]  # system -> per-page scores

    @property
    def metrics(self) -> dict[str, str]:
        return METRICS[self.kind]

    @property
    def description(self) -> str:
        return f"{self.corpus} ({self.kind} layout, {self.n_pages} pages"


def evaluate_corpus(pages: Sequence[Page], systems: Sequence[str] = SYSTEM_NAMES) -> CorpusResult:
    """Run each system on every page and total the metrics."""
    if not pages:
        raise ValueError("empty corpus")
    per_page: dict[str, list[PageScore]] = {s: [] for s in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for page in pages:
        html = page.html()
        for system in systems:
            started = time.perf_counter()
            result = extract(system, html, page.url)
            seconds[system] += time.perf_counter() - started
            per_page[system].append(score_page(page, system, result))
    kind = pages[0].kind
    scores: dict[str, dict[str, Score]] = {}
    for system in systems:
        totals: dict[str, list] = {}
        for page_score in per_page[system]:
            for metric, (hits, n) in page_score.counts.items():
                total = totals.setdefault(metric, [0, 0])
                total[0] += hits
                total[1] += n
        measured = {metric: Score(hits, n) for metric, (hits, n) in totals.items() if n}
        for f1, (precision, recall) in F1_OF.items():
            if f1 in METRICS[kind] and precision in measured and recall in measured:
                measured[f1] = harmonic_mean(measured[precision], measured[recall])
        scores[system] = {metric: measured[metric] for metric in METRICS[kind] if metric in measured}
    return CorpusResult(pages[0].corpus, kind, len(pages), scores, seconds, per_page)


def evaluate(corpora: Iterable[str | Path] | None = None, systems: Sequence[str] = SYSTEM_NAMES) -> list[CorpusResult]:
    return [evaluate_corpus(load_corpus(d), systems) for d in (corpora or default_corpora())]


class EvalResult(Protocol):
    """What the floors and the reports read of a result: a cleaning corpus's (:class:`CorpusResult`) or a quote
    set's (``newsetl.quote_eval.QuoteSetResult``)."""

    corpus: str  # the key of its floors in the baseline
    kind: str
    n_pages: int
    scores: dict[str, dict[str, Score]]  # system -> metric -> Score
    seconds: dict[str, float]
    pages: dict[str, list]  # system -> per-page (per-article) scores, each with .page and .failures

    @property
    def metrics(self) -> dict[str, str]: ...  # metric key -> what it measures, in the report's order

    @property
    def description(self) -> str: ...  # the caption's start: name, kind and size


# ================================================================================================
# Floors (the gate test) and the baseline file
# ================================================================================================


def load_baseline(path: Path = BASELINE_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def check_floors(results: Sequence[EvalResult], floors: dict[str, dict[str, float]],
                 system: str = NEWSETL) -> list[str]:
    """Every problem with ``system``'s scores against the floors: a score below its floor, a floor whose metric or
    corpus is missing from the results, or a measured metric without a floor. Empty when all is well."""
    measured = {r.corpus: r.scores.get(system, {}) for r in results}
    problems = []
    for corpus, corpus_floors in sorted(floors.items()):
        if corpus not in measured:
            problems.append(f"{corpus}: corpus missing from the results (it has floors for {sorted(corpus_floors)})")
            continue
        for metric, floor in sorted(corpus_floors.items()):
            score = measured[corpus].get(metric)
            if score is None:
                problems.append(f"{corpus} / {metric}: missing from the results (floor {floor})")
            elif score.value + 1e-12 < floor:
                problems.append(f"{corpus} / {metric}: {score.value:.3f} ({score.support}) is below its "
                                f"floor {floor}")
    for corpus, scores in sorted(measured.items()):
        for metric in sorted(set(scores) - set(floors.get(corpus, {}))):
            problems.append(f"{corpus} / {metric}: measured but has no floor (add it: {REFRESH_COMMAND})")
    return problems


BASELINE_ABOUT = (
    "Floors for tests/test_eval_gate.py: newsetl's score on each cleaning corpus and quote set and metric, rounded "
    f"DOWN to 3 decimals. Only ever raise them: after an improvement run `{REFRESH_COMMAND}` (it refuses to lower a "
    "floor unless given --allow-lower; a run of some corpora only leaves the others' entries as they are). "
    "`reference` holds the other systems' scores (rounded) for comparison: bare trafilatura on the cleaning "
    "corpora, textacy on the quote sets; `counts` the hits/n behind each newsetl score."
)


def baseline_document(results: Sequence[EvalResult]) -> dict:
    """The baseline file: newsetl's scores rounded down as floors, their hits/n, the other systems for reference."""
    doc: dict = {"about": BASELINE_ABOUT, "floors": {}, "counts": {}, "reference": {}}
    for r in results:
        doc["floors"][r.corpus] = {m: s.floor3 for m, s in r.scores[NEWSETL].items()}
        doc["counts"][r.corpus] = {m: s.support for m, s in r.scores[NEWSETL].items()}
        for system, scores in r.scores.items():
            if system != NEWSETL:
                doc["reference"].setdefault(system, {})[r.corpus] = {m: round(s.value, 3) for m, s in scores.items()}
    return doc


def merge_baseline(old: dict, new: dict) -> dict:
    """``new``, plus the entries of ``old`` for the corpora ``new`` did not measure (a run of some corpora leaves
    the others' floors alone). Corpora in name order, so the file does not churn."""
    measured = set(new["floors"])

    def merged(old_section: dict, new_section: dict) -> dict:
        kept = {corpus: v for corpus, v in old_section.items() if corpus not in measured}
        return dict(sorted({**kept, **new_section}.items()))

    old_reference, new_reference = old.get("reference", {}), new["reference"]
    return {
        **new,
        "floors": merged(old.get("floors", {}), new["floors"]),
        "counts": merged(old.get("counts", {}), new["counts"]),
        "reference": {system: merged(old_reference.get(system, {}), new_reference.get(system, {}))
                      for system in sorted(set(old_reference) | set(new_reference))},
    }


def write_baseline(results: Sequence[EvalResult], path: Path = BASELINE_PATH, allow_lower: bool = False) -> list[str]:
    """Write the baseline (the corpora measured here replaced, the others kept); returns the floors that would go
    down, and writes nothing, unless ``allow_lower``."""
    new = baseline_document(results)
    old = load_baseline(path) if path.exists() else {}
    lowered = []
    for corpus, floors in sorted(old.get("floors", {}).items()):
        if corpus not in new["floors"]:
            continue
        for metric, floor in sorted(floors.items()):
            value = new["floors"][corpus].get(metric)
            if value is None or value < floor:
                lowered.append(f"{corpus} / {metric}: {floor} -> {'(gone)' if value is None else value}")
    if lowered and not allow_lower:
        return lowered
    path.write_text(json.dumps(merge_baseline(old, new), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return []


# ================================================================================================
# Reports
# ================================================================================================


def _cell(score: Score | None) -> str:
    return "—" if score is None else f"{score.value:.3f} ({score.support})"


def _delta(r: EvalResult, metric: str) -> str:
    """newsetl minus the other system (bare trafilatura, textacy), when both ran."""
    other = next((s for s in r.scores if s != NEWSETL), None)
    ours = r.scores.get(NEWSETL, {}).get(metric)
    theirs = r.scores.get(other, {}).get(metric) if other else None
    if ours is None or theirs is None:
        return ""
    return f"{ours.value - theirs.value:+.3f}"


def _rows(r: EvalResult, floors: dict[str, dict[str, float]]) -> list[list[str]]:
    """One row per metric: metric, what it measures, each system's score (hits/n), Δ, floor."""
    systems = list(r.scores)
    rows = []
    for metric, what in r.metrics.items():
        if not any(metric in r.scores[s] for s in systems):
            continue
        floor = floors.get(r.corpus, {}).get(metric)
        rows.append([metric, what, *(_cell(r.scores[s].get(metric)) for s in systems),
                     *([_delta(r, metric)] if len(systems) > 1 else []), "" if floor is None else f"{floor:.3f}"])
    return rows


def _headers(r: EvalResult) -> list[str]:
    systems = list(r.scores)
    return ["metric", "what", *systems, *(["Δ"] if len(systems) > 1 else []), "floor"]


def _caption(r: EvalResult) -> str:
    timing = ", ".join(f"{s} {r.seconds[s]:.1f} s" for s in r.scores)
    return f"{r.description}; {timing})"


def failures_by_page(r: EvalResult, system: str) -> list:
    return [p for p in r.pages[system] if p.failures]


def render_table(results: Sequence[EvalResult], floors: dict, details: bool, console) -> None:
    from rich.markup import escape
    from rich.table import Table

    for r in results:
        headers = _headers(r)
        del headers[1]  # the meanings go in a legend below: the table stays narrow
        table = Table(title=_caption(r), title_justify="left")
        for header in headers:
            table.add_column(header, no_wrap=True)
        for row in _rows(r, floors):
            del row[1]
            table.add_row(*(escape(c) for c in row))
        console.print(table)
        legend = "; ".join(f"{m}: {what}" for m, what in r.metrics.items())
        console.print(f"[dim]{escape(legend)}[/]\n")
    if details:
        for r in results:
            for system in r.scores:
                failed = failures_by_page(r, system)
                console.print(f"\n[bold]{escape(system)} · {escape(r.corpus)}[/]: {len(failed)} of {r.n_pages} "
                              f"{'articles' if r.kind == QUOTE_SET_KIND else 'pages'} with failures", highlight=False)
                for page_score in failed:
                    console.print(f"  {page_score.page.name}  {page_score.page.url or ''}", markup=False,
                                  soft_wrap=True)
                    for f in page_score.failures:
                        console.print(f"    {f.field:<17} got      {f.got}\n    {'':<17} expected {f.expected}",
                                      markup=False, soft_wrap=True)


def render_markdown(results: Sequence[EvalResult], floors: dict, details: bool) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    lines = []
    for r in results:
        headers = _headers(r)
        lines += [f"**{_caption(r)}**", "", "| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in _rows(r, floors)]
        lines.append("")
    if details:
        for r in results:
            for system in r.scores:
                failed = failures_by_page(r, system)
                unit = "articles" if r.kind == QUOTE_SET_KIND else "pages"
                lines += [f"#### {system} · {r.corpus}: {len(failed)} of {r.n_pages} {unit} with failures", ""]
                for page_score in failed:
                    lines.append(f"- `{page_score.page.name}`")
                    lines += [f"  - {f.field}: got {esc(f.got)}, expected {esc(f.expected)}"
                              for f in page_score.failures]
                lines.append("")
    return "\n".join(lines)


def results_json(results: Sequence[EvalResult], details: bool) -> dict:
    """``corpora``: the cleaning corpora; ``quote_sets``: the quote sets (``pages`` are articles there)."""
    out: dict = {"corpora": {}, "quote_sets": {}}
    for r in results:
        entry: dict = {
            "kind": r.kind,
            "pages": r.n_pages,
            "seconds": {s: round(t, 2) for s, t in r.seconds.items()},
            "scores": {s: {m: {"score": round(sc.value, 4), "hits": round(sc.hits, 4), "n": sc.n}
                           for m, sc in ms.items()}
                       for s, ms in r.scores.items()},
        }
        if details:
            entry["failures"] = {
                s: {p.page.name: [{"field": f.field, "got": f.got, "expected": f.expected} for f in p.failures]
                    for p in failures_by_page(r, s)}
                for s in r.scores
            }
        out["quote_sets" if r.kind == QUOTE_SET_KIND else "corpora"][r.corpus] = entry
    return out


# ================================================================================================
# Command line (also `newsetl eval`)
# ================================================================================================


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", action="append", metavar="DIR",
                        help="corpus directory; repeatable (default: every directory in tests/fixtures/corpus/)")
    parser.add_argument("--quotes-set", metavar="DIR",
                        help="quote set: a directory of texts/*.txt and annotations.json "
                             "(default: tests/fixtures/quotes-dev)")
    parser.add_argument("--only", choices=(CLEANING, QUOTES),
                        help="run only the cleaning corpora, or only the quote set (default: both)")
    parser.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    parser.add_argument("--details", action="store_true",
                        help="list each page's failures (title/author/date got vs expected) and each article's quote "
                             "failures (missed, spurious, wrong speaker)")
    parser.add_argument("--system", action="append", choices=sorted(SYSTEM_OPTIONS),
                        help="run only this system (bare = bare trafilatura, on the cleaning; textacy, on the quotes); "
                             "repeatable (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a newsetl score is below its floor in tests/fixtures/eval-baseline.json")
    parser.add_argument("--write-baseline", action="store_true",
                        help="write newsetl's scores (rounded down) as the new floors; only ever raise them")
    parser.add_argument("--allow-lower", action="store_true", help="with --write-baseline: let floors go down")


def _quote_results(args: argparse.Namespace, systems: Sequence[str]) -> list[EvalResult]:
    """The quote set's result, or none: not asked for, or the default set is not there yet (said on stderr).
    Raises FileNotFoundError for a --quotes-set that is not a quote set, ValueError for a gold set that does not
    match its texts."""
    from newsetl import quote_eval

    if args.only == CLEANING or not systems:
        return []
    directory = Path(args.quotes_set) if args.quotes_set else quote_eval.DEFAULT_QUOTES_DIR
    if not (directory / "annotations.json").is_file():
        if args.quotes_set:
            raise FileNotFoundError(f"{directory}: no annotations.json, not a quote set")
        print(f"no quote set at {directory.relative_to(ROOT)}: quotes not evaluated", file=sys.stderr)
        return []
    return [quote_eval.evaluate_quote_set(quote_eval.load_quote_set(directory), systems)]


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    chosen = {SYSTEM_OPTIONS[s] for s in args.system} if args.system else set(SYSTEM_OPTIONS.values())
    cleaning_systems = tuple(s for s in SYSTEM_NAMES if s in chosen)
    quote_systems = tuple(s for s in QUOTE_SYSTEM_NAMES if s in chosen)
    if args.write_baseline and NEWSETL not in chosen:
        print("--write-baseline needs the newsetl system", file=sys.stderr)
        return 2
    corpora = [Path(c) for c in args.corpus] if args.corpus else default_corpora()
    results: list[EvalResult] = []
    if args.only != QUOTES and cleaning_systems:
        results += evaluate(corpora, cleaning_systems)
    try:
        results += _quote_results(args, quote_systems)
    except (FileNotFoundError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if not results:
        print("nothing to evaluate: no corpus or quote set for the systems chosen", file=sys.stderr)
        return 2
    floors = load_baseline().get("floors", {}) if BASELINE_PATH.exists() else {}
    console = Console(highlight=False)
    if args.format == "json":
        print(json.dumps(results_json(results, args.details), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(render_markdown(results, floors, args.details))
    else:
        render_table(results, floors, args.details, console)
    status = 0
    if args.check:
        # a run of some corpora or another quote set checks only their floors; a full run checks every floor
        partial = bool(args.corpus or args.only or args.quotes_set)
        checked = {r.corpus for r in results}
        problems = check_floors(results, {c: f for c, f in floors.items() if c in checked or not partial})
        for problem in problems:
            print(f"below the floor: {problem}", file=sys.stderr)
        status = 1 if problems else 0
    if args.write_baseline:
        lowered = write_baseline(results, allow_lower=args.allow_lower)
        if lowered:
            print("not written: these floors would go down (fix the regression, or pass --allow-lower):\n  "
                  + "\n  ".join(lowered), file=sys.stderr)
            return 1
        print(f"wrote {BASELINE_PATH.relative_to(ROOT)}", file=sys.stderr)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsetl.evaluation", description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
