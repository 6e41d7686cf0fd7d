"""Sources over the network, the sources file, and incremental reading (I/O; the flow's tasks call these).

* ``source_specs``: the ``--source`` arguments and the entries of a sources file (``flows.inputs.read_sources_file``:
  TOML ``[[source]]`` entries, a ``url`` or a ``path`` with ``type``, ``name``, ``max_items``; see
  ``samples/sources.toml``).
* ``expand_sources``: each URL source fetched once (conditionally, with the ETag / Last-Modified of
  ``source_state``) and found out: an RSS/Atom feed, a sitemap, a sitemap index (its sitemaps fetched in turn),
  a list of URLs (its members asked several hosts at once), or an article page. A feed or sitemap that answers
  304, or the same bytes, lists what it listed last time, and those of its pages the warehouse holds are not
  requested at all.
* ``fetch_pages``: article URLs, each a conditional GET with the validators of ``input_state``; several hosts at
  once (``NEWSETL_FETCH_WORKERS``), one host's pages one after another.
* ``prepare``: one input read (or its fetched body taken), recognised as unchanged by its bytes or by its cleaned
  text, else cleaned for the NLP.

Every fetch goes through ``flows/fetch.py`` (timeouts, size cap, private-address guard, robots.txt, per-host
delay, and retries with backoff inside the fetcher: the Prefect tasks that call these do not retry on top).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from flows.fetch import Fetcher, FetchError, FetchResult, HttpFetcher, RecordedFetcher
from flows.inputs import (
    HTML_TYPES,
    InputError,
    InputRef,
    Raw,
    Rejected,
    SourceSpec,
    check_raw,
    decode_body,
    read_raw,
    read_sources_file,
)
from newsetl.settings import Settings
from transforms.cleaning import CleanArticle, clean_html, clean_plaintext
from transforms.incremental import InputSeen, KnownInput, KnownSource, SourceSeen, is_unchanged
from transforms.keys import content_hash
from transforms.links import Listing, parse_listing, site_domain

MAX_DEPTH = 3  # nesting of lists and sitemap indexes followed: a list of sitemap indexes of sitemaps
MIN_BODY_CHARS = 80  # a cleaned body shorter than this is no article
TEXT_TYPES = ("text/plain",)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the sources file ---------------------------------------------------------------------------------------


def source_specs(sources: list[str] | None, sources_file: str | None) -> list[SourceSpec]:
    """The ``--source`` arguments, then the sources file's entries."""
    specs = [SourceSpec(s) for s in sources or []]
    if sources_file:
        specs += read_sources_file(sources_file)
    return specs


def make_fetcher(settings: Settings) -> Fetcher:
    """The run's one fetcher: live (``HttpFetcher``), or ``RecordedFetcher`` over NEWSETL_FETCH_RECORDINGS."""
    if settings.fetch_recordings:
        return RecordedFetcher(Path(settings.fetch_recordings))
    return HttpFetcher(settings)


# --- fetched pages ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    """What asking for one article URL gave: a body (200), nothing new (304), or no request at all."""

    ref: str
    status: int | None  # None: not requested (listed by an unchanged feed or sitemap, and known)
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    url: str = ""  # the final URL, after redirects

    @property
    def unchanged(self) -> bool:
        return self.status is None or self.status == 304

    @classmethod
    def of(cls, ref: str, result: FetchResult) -> Fetched:
        return cls(ref, result.status, result.body, result.content_type, result.etag, result.last_modified,
                   result.url)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _page_type_problem(content_type: str | None) -> str | None:
    """Why a response is no page to clean (an image, a PDF ...), or None."""
    media = _media_type(content_type)
    if media in ("", *HTML_TYPES, *TEXT_TYPES):
        return None
    return f"unsupported content type {media}: newsetl reads HTML and plain-text pages"


# --- fetching: several hosts at once ----------------------------------------------------------------------------


Request = tuple[str, str | None, str | None]  # a URL, and the ETag and Last-Modified that make it conditional


def fetch_many(fetcher: Fetcher, requests: list[Request], workers: int) -> dict[str, FetchResult | FetchError]:
    """Each request's response (or the ``FetchError`` it raised), by URL. Up to ``workers`` hosts are asked at
    once, each host's URLs one after another (the fetcher keeps the delay between them), so a slow site holds up
    only its own pages."""
    by_host: dict[str, list[Request]] = {}
    for request in requests:
        by_host.setdefault(_host(request[0]), []).append(request)

    def get_all(host_requests: list[Request]) -> list[tuple[str, FetchResult | FetchError]]:
        return [(request[0], _fetch_one(fetcher, request)) for request in host_requests]

    results: dict[str, FetchResult | FetchError] = {}
    if not by_host:
        return results
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(by_host)))) as pool:
        for host_results in pool.map(get_all, by_host.values()):
            results.update(host_results)
    return results


def _fetch_one(fetcher: Fetcher, request: Request) -> FetchResult | FetchError:
    url, etag, last_modified = request
    try:
        return fetcher.fetch(url, etag=etag, last_modified=last_modified)
    except FetchError as exc:
        return exc


def _host(url: str) -> str:
    """The host of ``url``, "" when it has none or is malformed (the fetcher then says what is wrong with it)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _validators(state: KnownInput | KnownSource | None) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified that make a request for a known input or source conditional."""
    return (state.etag, state.last_modified) if state is not None else (None, None)


# --- URL sources ------------------------------------------------------------------------------------------------


@dataclass
class Expansion:
    """What the URL sources gave: article pages, some already fetched, the sources' state, the failures."""

    pages: list[InputRef] = field(default_factory=list)
    prefetched: dict[str, Fetched] = field(default_factory=dict)  # pages fetched to find out what a URL was
    sources: list[SourceSeen] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)  # sources that could not be had (each counts as an input)
    notes: list[str] = field(default_factory=list)  # one line per source, for the run log


def expand_sources(remote: list[InputRef], known_sources: Mapping[str, KnownSource],
                   known_inputs: Mapping[str, KnownInput], fetcher: Fetcher, settings: Settings) -> Expansion:
    """Fetch the URL sources and list their article pages (see the module docstring), in order, each page once."""
    out = Expansion()
    visited: set[str] = set()
    page_refs: set[str] = set()
    answered: dict[str, FetchResult | FetchError] = {}  # the members of a list, fetched together (fetch_many)

    def add_page(url: str, parent: str, name: str | None, source_unchanged: bool) -> None:
        if url not in page_refs:
            page_refs.add(url)
            out.pages.append(InputRef(url, "page", origin="url", source=parent, name=name,
                                      source_unchanged=source_unchanged))

    def is_page(url: str, declared: str) -> bool:
        """An article, declared so or a page the warehouse holds: fetch_pages asks for it, conditionally."""
        return declared == "page" or (declared == "auto" and url not in known_sources and url in known_inputs)

    def visit(url: str, declared: str, name: str | None, max_items: int | None, parent: str, depth: int,
              budget: list[int] | None = None) -> None:
        if url in visited:
            return
        visited.add(url)
        prev = known_sources.get(url)
        if is_page(url, declared):
            add_page(url, parent, name, False)
            return
        if depth > MAX_DEPTH:
            out.rejected.append(Rejected(url, "discover", f"nested too deep: more than {MAX_DEPTH} levels of lists "
                                                          "and sitemap indexes are not followed"))
            return
        result = answered.pop(url) if url in answered else _fetch_one(fetcher, (url, *_validators(prev)))
        if isinstance(result, FetchError):
            out.rejected.append(Rejected(url, "fetch", result.reason))
            if prev is not None or declared in ("feed", "sitemap", "list"):
                kind = prev.source_kind if prev else declared
                out.sources.append(SourceSeen(url, kind, name, result.status, result.reason, None, None, None,
                                              prev.item_urls if prev else (), prev.n_listed if prev else 0, False))
            out.notes.append(f"{url}: fetch failed: {result.reason}")
            return
        body_hash = None if result.not_modified else sha256(result.body)
        if prev is not None and (result.not_modified or body_hash == prev.body_hash):
            listing, n_listed, changed = Listing(prev.source_kind, prev.item_urls), prev.n_listed, False
        elif result.not_modified:
            out.rejected.append(Rejected(url, "fetch", "HTTP 304 Not Modified to a request that was not conditional"))
            return
        else:
            listing = parse_listing(result.body, result.url, result.content_type, max_bytes=settings.max_input_bytes)
            if listing is None:
                if declared == "auto":  # no feed, sitemap or list: an article page, already fetched
                    problem = _page_type_problem(result.content_type)
                    if problem:
                        out.rejected.append(Rejected(url, "read", problem))
                    else:
                        add_page(url, parent, name, False)
                        out.prefetched[url] = Fetched.of(url, result)
                    return
                media = _media_type(result.content_type) or "no Content-Type"
                out.rejected.append(Rejected(url, "discover", f"not a {declared}: no RSS/Atom feed, sitemap or list "
                                                              f"of URLs in the response ({media})"))
                return
            n_listed, changed = len(listing.urls), True
        cap = max_items or settings.max_items
        listed = listing.urls if listing.kind in ("sitemap_index", "list") else listing.urls[:cap]
        out.sources.append(SourceSeen(url, listing.kind, name, result.status, None, result.etag, result.last_modified,
                                      body_hash, listed, n_listed, changed))
        out.notes.append(f"{url}: {listing.kind}, {'changed' if changed else f'unchanged (HTTP {result.status})'}, "
                         f"{len(listed)} of {n_listed} URLs taken")
        if listing.kind == "sitemap_index":
            budget = budget if budget is not None else [cap]
            for child in listed:
                if budget[0] <= 0:
                    break
                visit(child, "sitemap", name, max_items, url, depth + 1, budget)
        elif listing.kind == "list":
            if depth + 1 <= MAX_DEPTH:  # what each member is takes a request: the hosts are asked at once
                asked = [c for c in dict.fromkeys(listed) if c not in visited and not is_page(c, "auto")]
                answered.update(fetch_many(fetcher, [(c, *_validators(known_sources.get(c))) for c in asked],
                                           settings.fetch_workers))
            for child in listed:
                visit(child, "auto", name, max_items, url, depth + 1)
        else:
            budget = budget if budget is not None else [cap]
            for page in listed[: max(budget[0], 0)]:
                add_page(page, url, name, not changed)
            budget[0] -= min(len(listed), max(budget[0], 0))

    for item in remote:
        visit(item.ref, item.kind, item.name, item.max_items, "", 0)
    return out


def fetch_pages(items: list[InputRef], known: Mapping[str, KnownInput], prefetched: Mapping[str, Fetched],
                fetcher: Fetcher, workers: int = 1) -> tuple[dict[str, Fetched], list[InputSeen], list[Rejected]]:
    """The article URLs among ``items``: a known page listed by an unchanged feed or sitemap is not requested; a
    page fetched while expanding its source is not requested again; any other is a GET, conditional when known,
    ``workers`` hosts at once (:func:`fetch_many`).
    Returns the fetched pages by ref, and for failed fetches what was seen and the rejection (stage fetch), both
    in the order of ``items``."""
    fetched: dict[str, Fetched] = {}
    to_get: list[InputRef] = []
    for item in items:
        if item.origin != "url":
            continue
        k = known.get(item.ref)
        if item.source_unchanged and k is not None:
            fetched[item.ref] = Fetched(item.ref, None, etag=k.etag, last_modified=k.last_modified)
        elif item.ref in prefetched:
            fetched[item.ref] = prefetched[item.ref]
        else:
            to_get.append(item)
    requests = [(item.ref, *_validators(known.get(item.ref))) for item in to_get]
    results = fetch_many(fetcher, requests, workers)
    seen: list[InputSeen] = []
    rejected: list[Rejected] = []
    for item in to_get:
        result = results[item.ref]
        if isinstance(result, FetchError):
            rejected.append(Rejected(item.ref, "fetch", result.reason))
            seen.append(InputSeen(item.ref, "url", item.source, status=result.status))
        else:
            fetched[item.ref] = Fetched.of(item.ref, result)
    return fetched, seen, rejected


# --- reading and cleaning one input -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """One input made ready: cleaned for the NLP, or unchanged, or rejected; and what was seen of it."""

    seen: InputSeen | None  # None for a URL whose fetch failed (fetch_pages saw it)
    article: CleanArticle | None = None
    unchanged: KnownInput | None = None
    rejected: Rejected | None = None


def _clean(text: str, kind: str, url: str | None) -> CleanArticle:
    if kind == "text":
        article = clean_plaintext(text)
        return replace(article, url=article.url or url) if url else article
    return clean_html(text, url)


def _attribute(article: CleanArticle, item: InputRef, url: str | None) -> CleanArticle:
    """A page read from a URL belongs to the URL's site when it names none (a host without a registered domain,
    such as 127.0.0.1, is its own site); a source's configured name is its publisher's name."""
    domain = article.domain or (site_domain(url) if url else None)
    return replace(article, domain=domain, site_name=item.name or article.site_name)


def prepare(item: InputRef, fetched: Mapping[str, Fetched], known: Mapping[str, KnownInput],
            settings: Settings) -> Prepared:
    """Read one input, or take its fetched page; recognise it as unchanged by its bytes (before parsing) or by its
    cleaned text (before the NLP); else return it cleaned."""
    k = known.get(item.ref)
    if item.origin == "url":
        page = fetched.get(item.ref)
        if page is None:
            return Prepared(None)
        seen = InputSeen(item.ref, "url", item.source, page.status, page.etag, page.last_modified)
        if page.unchanged:
            if k is not None:
                return Prepared(seen, unchanged=k)
            return Prepared(seen, rejected=Rejected(item.ref, "fetch", "HTTP 304 Not Modified to a request that "
                                                                       "was not conditional"))
        problem = _page_type_problem(page.content_type)
        if problem:
            return Prepared(seen, rejected=Rejected(item.ref, "read", problem))
        raw, kind, url, what = Raw(page.body, page.content_type), "html", page.url or item.ref, "page"
        if _media_type(page.content_type) in TEXT_TYPES:
            kind = "text"
    else:
        seen = InputSeen(item.ref, item.origin, item.source)
        try:
            raw = read_raw(item, settings)
        except InputError as exc:
            return Prepared(seen, rejected=Rejected(item.ref, "read", str(exc)))
        kind, url, what = item.kind, (item.ref if item.origin == "warc" else None), "file"
    seen = replace(seen, raw_hash=sha256(raw.data))
    if is_unchanged(k, raw_hash=seen.raw_hash):
        return Prepared(seen, unchanged=k)
    try:
        check_raw(raw.data, what)
    except InputError as exc:
        return Prepared(seen, rejected=Rejected(item.ref, "read", str(exc)))
    try:
        article = _attribute(_clean(decode_body(raw.data, raw.content_type), kind, url), item, url)
    except Exception as exc:  # noqa: BLE001 -- one bad page must not stop the batch; it is quarantined
        return Prepared(seen, rejected=Rejected(item.ref, "clean", f"cleaning failed: {type(exc).__name__}: {exc}"))
    if len(article.body_text) < MIN_BODY_CHARS:
        return Prepared(seen, rejected=Rejected(item.ref, "clean", f"no article text found ({len(article.body_text)} "
                                                                   f"characters after cleaning, fewer than "
                                                                   f"{MIN_BODY_CHARS})"))
    if len(article.body_text) > settings.max_body_chars:
        return Prepared(seen, rejected=Rejected(
            item.ref, "clean", f"the text is too long for one article ({len(article.body_text)} characters after "
                               f"cleaning, over the limit of {settings.max_body_chars}, NEWSETL_MAX_BODY_CHARS)"))
    seen = replace(seen, content_hash=content_hash(article.body_text))
    if is_unchanged(k, content_hash=seen.content_hash):
        return Prepared(seen, unchanged=k)
    return Prepared(seen, article=article)
