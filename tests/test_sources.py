"""Sources: canonical URLs, feeds, sitemaps and lists (pure), the sources file, WARC inputs, fetch state, and the
flow over a small news site served on 127.0.0.1 (tests/fixtures/site) with ETag / Last-Modified and 304s.

The helpers here (``serve_site``, ``site_files``, ``write_warc``) are shared with tests/test_nightly.py.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.fetch import FetchError, FetchResult, RecordedFetcher
from flows.inputs import (
    InputRef,
    SourcesFileError,
    SourceSpec,
    discover,
    parse_sources,
    read_input,
    read_sources_file,
)
from flows.sources import Fetched, expand_sources, fetch_pages, prepare
from newsetl.settings import Settings
from schemas.tables import TABLES
from tests.conftest import FIXTURES, ROOT, local_http_server
from transforms.incremental import (
    InputSeen,
    KnownInput,
    KnownSource,
    Outcome,
    input_state_frame,
    source_state_frame,
    unchanged_rows,
)
from transforms.keys import stable_key
from transforms.links import canonical_url, parse_listing, site_domain

SITE = FIXTURES / "site"
PAGES = SITE / "pages"
FEED_PAGES = ["miami-dade-crash", "curry-challenge", "census-electoral-map", "salon-investigation"]  # /news/
SITEMAP_PAGES = ["travel-corridors", "louvre-chardin", "casual-contracts"]  # /world/
WARC_PAGES = ["self-isolation-fines", "android-ransomware", "facebook-page-scams", "st-louis-park-mayor",
              "microsoft-carbon"]
SETTINGS = Settings(allow_private_hosts=True, host_delay=0.0)


# --- a small news site on 127.0.0.1 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    path: str
    status: int
    conditional: bool  # the request carried If-None-Match or If-Modified-Since


@dataclass
class Site:
    """What the server holds (``files``: path -> (body, content type, Last-Modified)) and what it was asked."""

    port: int = 0
    files: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    ignores_validators: set[str] = field(default_factory=set)  # paths answered 200 whatever the request says

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def put(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            modified: datetime | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        when = modified or datetime(2025, 3, 15, 6, 0, tzinfo=UTC)
        self.files[path] = (data, content_type, format_datetime(when, usegmt=True))

    def hits(self, path: str | None = None) -> list[Hit]:
        return [h for h in self.log if path is None or h.path == path]

    def bodies_sent(self) -> list[str]:
        """Paths answered with a 200 body, robots.txt aside."""
        return [h.path for h in self.log if h.status == 200 and h.path != "/robots.txt"]


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


@contextmanager
def serve_site() -> Iterator[Site]:
    """A ``Site`` on 127.0.0.1 and a free port, answering conditional GETs with 304, stopped on leaving."""
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            entry = site.files.get(path)
            if entry is None:
                site.log.append(Hit(path, 404, False))  # logged before answering: the client may read it at once
                self._send(404, b"not found", "text/plain", {})
                return
            body, content_type, modified = entry
            etag = etag_of(body)
            if_none_match, if_modified = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            conditional = bool(if_none_match or if_modified)
            fresh = (if_none_match == etag) if if_none_match else (if_modified == modified)
            status = 304 if conditional and fresh and path not in site.ignores_validators else 200
            headers = {"ETag": etag, "Last-Modified": modified}
            site.log.append(Hit(path, status, conditional))
            self._send(status, b"" if status == 304 else body, content_type, headers)

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

    with local_http_server(Handler) as port:
        site.port = port
        yield site


def page(slug: str) -> bytes:
    return (PAGES / f"{slug}.html").read_bytes()


def site_files(site: Site) -> Site:
    """Put the fixture site on ``site``: robots.txt, feed.xml (4 pages under /news/), sitemap.xml (3 pages under
    /world/) and sitemap_index.xml."""
    site.put("/robots.txt", (SITE / "robots.txt").read_bytes(), "text/plain")
    for name, content_type in (("feed.xml", "application/rss+xml"), ("sitemap.xml", "application/xml"),
                               ("sitemap_index.xml", "application/xml")):
        site.put(f"/{name}", (SITE / name).read_text().replace("{base}", site.base), content_type)
    for slug in FEED_PAGES:
        site.put(f"/news/{slug}.html", page(slug))
    for slug in SITEMAP_PAGES:
        site.put(f"/world/{slug}.html", page(slug))
    return site


def warc_url(slug: str) -> str:
    return f"https://news.example.org/{slug}.html"


def write_warc(path: Path, slugs: list[str], *, extras: bool = True) -> Path:
    """A gzipped WARC with one HTML response record per slug (a request record before each), and, with ``extras``,
    records that are no articles: an image response, a 404 page and a metadata record."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(url: str, body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8"):
            headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        for slug in slugs:
            request = StatusAndHeaders(f"GET /{slug}.html HTTP/1.1", [("Host", "news.example.org")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(warc_url(slug), "request", http_headers=request))
            response(warc_url(slug), page(slug))
        if extras:
            response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
            response("https://news.example.org/gone.html", b"<h1>Not found</h1>", status="404 Not Found")
            writer.write_record(writer.create_warc_record("https://news.example.org/", "metadata",
                                                          payload=io.BytesIO(b"crawl: test"),
                                                          warc_content_type="text/plain"))
    return path


def rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


# --- canonical URLs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "want"), [
    ("HTTPS://Example.COM:443/News/a.html?utm_source=rss&b=2&a=1&fbclid=X#comments",
     "https://example.com/News/a.html?a=1&b=2"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com:8080/x?ref=home", "http://example.com:8080/x"),
    ("http://127.0.0.1:8000/news/a b.html\n", "http://127.0.0.1:8000/news/a%20b.html"),
    ("https://exa\nmple.com/x", "https://example.com/x"),
    ("http://bad host/", None),
    ("https://xn--bcher-kva.example/x", "https://bücher.example/x"),
    ("https://user:secret@example.com/x", "https://example.com/x"),
    ("https://example.com/p%C3%A9/caf\u00e9", "https://example.com/p%C3%A9/caf%C3%A9"),
    ("ftp://example.com/file", None),
    ("mailto:news@example.com", None),
    ("not a url", None),
    ("http://[::1]:99999/", None),
])
def test_canonical_url(url, want):
    assert canonical_url(url) == want


def test_canonical_url_joins_relative_links_and_is_idempotent():
    assert canonical_url("../b.html?utm_medium=x", "https://example.com/news/2025/a.html") == \
        "https://example.com/news/b.html"
    for url in ("https://example.com/News/a.html?a=1&b=2", "http://127.0.0.1:8000/news/x.html"):
        assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_site_domain():
    assert site_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert site_domain("http://127.0.0.1:8000/x") == "127.0.0.1"
    assert site_domain("http://localhost/x") == "localhost"
    assert site_domain("") is None


# --- feeds, sitemaps and lists ----------------------------------------------------------------------------------


def test_rss_feed_lists_its_entries_canonical_in_order():
    feed = (SITE / "feed.xml").read_text().replace("{base}", "http://127.0.0.1:9").encode()
    listing = parse_listing(feed, "http://127.0.0.1:9/feed.xml", "application/rss+xml")
    assert listing.kind == "feed"
    assert listing.urls == tuple(f"http://127.0.0.1:9/news/{slug}.html" for slug in FEED_PAGES)


def test_atom_feed_and_feed_entries_without_a_link():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>a</title><link rel="alternate" href="2025/a.html"/><id>urn:a</id></entry>
      <entry><title>b</title><id>https://example.com/b.html</id></entry>
      <entry><title>c</title><id>urn:uuid:1234</id></entry></feed>"""
    listing = parse_listing(atom, "https://example.com/feeds/atom.xml")
    assert listing.kind == "feed"
    assert listing.urls == ("https://example.com/feeds/2025/a.html", "https://example.com/b.html")


def test_sitemap_lists_newest_first_and_an_index_its_sitemaps():
    sitemap = (SITE / "sitemap.xml").read_text().replace("{base}", "http://h.example").encode()
    listing = parse_listing(sitemap, "http://h.example/sitemap.xml")
    assert listing.kind == "sitemap"
    assert listing.urls == ("http://h.example/world/casual-contracts.html", "http://h.example/world/louvre-chardin.html",
                            "http://h.example/world/travel-corridors.html")
    index = (SITE / "sitemap_index.xml").read_text().replace("{base}", "http://h.example").encode()
    assert parse_listing(index, "http://h.example/sitemap_index.xml") == \
        parse_listing(gzip.compress(index), "http://h.example/sitemap_index.xml.gz")
    assert parse_listing(index, "http://h.example/sitemap_index.xml").urls == ("http://h.example/sitemap.xml",)


def test_text_lists_and_what_lists_nothing():
    text = b"# my sources\nhttps://example.com/feed.xml\n\nhttps://example.com/a.html?utm_campaign=x\n"
    assert parse_listing(text, "https://example.com/list.txt", "text/plain") == \
        parse_listing(text, "https://example.com/list.txt")
    assert parse_listing(text, "https://example.com/list.txt").urls == ("https://example.com/feed.xml",
                                                                         "https://example.com/a.html")
    assert parse_listing(page("curry-challenge"), "https://example.com/a.html", "text/html") is None
    assert parse_listing(b"Acme said on Monday it would hire 500 people.", "https://example.com/a.txt") is None
    assert parse_listing(b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "https://e.com/x") is None
    assert parse_listing(b"/etc/passwd", "https://example.com/x") is None  # bytes are never opened as a file name


def test_xml_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("https://evil.example/leaked")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url>'
           '<url><loc>https://example.com/ok.html</loc></url></urlset>').encode()
    assert parse_listing(xxe, "https://example.com/sitemap.xml").urls == ("https://example.com/ok.html",)


# --- the sources file -------------------------------------------------------------------------------------------


def test_the_sample_sources_file_lists_the_samples():
    specs = read_sources_file(ROOT / "samples" / "sources.toml")
    assert specs == [SourceSpec(str(ROOT / "samples" / "."), "auto")]


def test_sources_file_entries_and_options(tmp_path):
    specs = parse_sources("""
        [[source]]
        url = "https://example.com/feed.xml"
        type = "feed"
        name = "Example News"
        max_items = 5
        [[source]]
        path = "crawl.warc.gz"
        [[source]]
        path = "/abs/list.txt"
        type = "list"
    """, tmp_path)
    assert specs == [SourceSpec("https://example.com/feed.xml", "feed", "Example News", 5),
                     SourceSpec(str(tmp_path / "crawl.warc.gz")), SourceSpec("/abs/list.txt", "list")]


@pytest.mark.parametrize(("text", "message"), [
    ("[[source]]\nurl = 'https://e.com/f'\nmax_item = 3", "unknown key(s) max_item"),
    ("[[source]]\nurl = 'https://e.com/f'\npath = 'x'", "exactly one of `url` and `path`"),
    ("[[source]]\nname = 'x'", "exactly one of `url` and `path`"),
    ("[[source]]\nurl = 'https://e.com/f'\ntype = 'warc'", "type 'warc' is not one of"),
    ("[[source]]\nurl = 'ftp://e.com/f'", "is not an http:// or https:// URL"),
    ("[[source]]\nurl = 'https://e.com/f'\nmax_items = 0", "`max_items` must be a positive integer"),
    ("[[source]]\nurl = 'https://e.com/f'\nname = ''", "`name` must be a non-empty string"),
    ("[feeds]\nurl = 'https://e.com/f'", "unknown top-level key(s) feeds"),
    ("[[source]\nurl = ", "is not valid TOML"),
])
def test_sources_file_errors_say_where_and_why(tmp_path, text, message):
    with pytest.raises(SourcesFileError, match="source") as info:
        parse_sources(text, tmp_path, "sources.toml")
    assert message in str(info.value) and str(info.value).startswith("sources.toml")


# --- discovery: URLs, lists, WARC files -------------------------------------------------------------------------


def test_urls_are_named_for_fetching_canonical_and_once(tmp_path):
    listing = tmp_path / "sources.txt"
    listing.write_text("https://example.com/feed.xml?utm_source=x\nhttps://EXAMPLE.com/feed.xml\n")
    found, rejected = discover([str(listing), SourceSpec("https://example.com/s.xml", "sitemap", "Ex", 3),
                                "http://bad host/"], SETTINGS)
    assert found == [InputRef("https://example.com/feed.xml", "auto", origin="url"),
                     InputRef("https://example.com/s.xml", "sitemap", origin="url", name="Ex", max_items=3)]
    assert [(r.input_ref, r.stage) for r in rejected] == [("http://bad host/", "discover")]


def test_a_warc_gives_one_input_per_html_response(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz", WARC_PAGES[:3])
    found, rejected = discover([str(warc)], SETTINGS)
    assert rejected == []
    assert [(i.ref, i.origin, i.kind, i.source) for i in found] == \
        [(warc_url(slug), "warc", "html", str(warc)) for slug in WARC_PAGES[:3]]
    assert [read_input(i, SETTINGS) for i in found] == [page(slug).decode() for slug in WARC_PAGES[:3]]


def test_a_damaged_warc_keeps_its_first_records_and_says_why(tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    warc = write_warc(tmp_path / "crawl.warc.gz", WARC_PAGES[:2], extras=False)
    with open(warc, "rb") as handle:
        records = ArchiveIterator(handle)
        offsets = [records.get_record_offset() for _ in records]  # request, response, request, response
    damaged = tmp_path / "damaged.warc.gz"  # the last response overwritten by junk
    damaged.write_bytes(warc.read_bytes()[:offsets[-1]] + b"this is no WARC record\r\n" * 20)
    found, rejected = discover([str(damaged)], SETTINGS)
    assert [i.ref for i in found] == [warc_url(WARC_PAGES[0])]
    assert [(r.input_ref, r.stage) for r in rejected] == [(str(damaged), "discover")]
    assert rejected[0].reason.startswith("cannot read the WARC file: ArchiveLoadFailed")
    (tmp_path / "empty.warc").write_bytes(b"")
    assert [r.reason for r in discover([str(tmp_path / "empty.warc")], SETTINGS)[1]] == [
        "no response record with an HTML page (2xx) in the WARC file (0 records)"]


def test_a_sources_file_in_a_folder_is_a_list_not_an_input(tmp_path):
    (tmp_path / "a.html").write_bytes(page("curry-challenge"))
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.html").write_bytes(page("louvre-chardin"))
    (tmp_path / "sources.toml").write_text('[[source]]\npath = "more"\n[[source]]\nurl = "https://example.com/f"\n')
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    found, rejected = discover([str(tmp_path)], SETTINGS)
    assert [(Path(i.ref).name if i.origin == "file" else i.ref) for i in found] == \
        ["a.html", "b.html", "https://example.com/f"]
    assert [(Path(r.input_ref).name, r.reason[:20]) for r in rejected] == [("pyproject.toml", "not a sources file: ")]


# --- fetch state (pure) -----------------------------------------------------------------------------------------

NOW = datetime(2025, 3, 16, 2, 0, tzinfo=UTC)
BEFORE = datetime(2025, 3, 15, 2, 0, tzinfo=UTC)


def test_input_state_rows_remember_the_version_loaded():
    known = {"u1": KnownInput("u1", 11, "c1", "r1", '"e1"', "lm1", BEFORE),
             "u2": KnownInput("u2", 22, "c2", "r2", '"e2"', "lm2", BEFORE)}
    seen = [InputSeen("u1", "url", "feed", 304), InputSeen("u2", "url", "feed", 200, '"e9"', None, "r9", "c9"),
            InputSeen("u3", "url", "feed", 200, '"e3"', None, "r3", "c3"), InputSeen("f", "file", raw_hash="rf")]
    outcomes = {"u1": Outcome("unchanged", 11), "u2": Outcome("quarantined", reason="clean: no article text"),
                "u3": Outcome("loaded", 33), "f": Outcome("quarantined", reason="read: the file is empty")}
    frame = input_state_frame(seen, outcomes, known, "run-2", NOW)
    assert frame.schema == TABLES["input_state"].schema
    got = {r["input_ref"]: r for r in frame.iter_rows(named=True)}
    # unchanged: the version loaded, with the new status; quarantined: still the last good version
    assert (got["u1"]["etag"], got["u1"]["raw_hash"], got["u1"]["article_key"], got["u1"]["status"],
            got["u1"]["changed_at"]) == ('"e1"', "r1", 11, 304, BEFORE)
    assert (got["u2"]["etag"], got["u2"]["raw_hash"], got["u2"]["content_hash"], got["u2"]["article_key"],
            got["u2"]["outcome"]) == ('"e2"', "r2", "c2", 22, "quarantined")
    assert (got["u3"]["etag"], got["u3"]["content_hash"], got["u3"]["article_key"], got["u3"]["changed_at"]) == \
        ('"e3"', "c3", 33, NOW)
    assert (got["f"]["article_key"], got["f"]["reason"], got["f"]["changed_at"]) == (None, "read: the file is empty",
                                                                                     None)
    from schemas.suites import validate_tables

    assert validate_tables({"input_state": frame})["input_state"].success


def test_unchanged_rows_reuse_the_duplicate_key():
    frame = unchanged_rows([("u1", 11, "u1")])
    assert frame.schema == TABLES["article_duplicate"].schema
    assert frame.row(0, named=True) == {"duplicate_key": stable_key("duplicate", "u1", 11), "input_ref": "u1",
                                        "url": "u1", "article_key": 11, "similarity": 1.0, "method": "unchanged"}
    assert unchanged_rows([]).height == 0


def test_source_state_rows_keep_what_a_failed_source_listed():
    from transforms.incremental import SourceSeen

    known = {"f": KnownSource("f", "feed", ("a", "b"), 2, '"e"', "lm", "h", BEFORE)}
    seen = [SourceSeen("f", "feed", None, 503, "HTTP 503", None, None, None, ("a", "b"), 2, False)]
    frame = source_state_frame(seen, known, "run-2", NOW)
    [row] = frame.iter_rows(named=True)
    assert (row["etag"], row["body_hash"], row["item_urls"], row["error"], row["changed_at"]) == \
        ('"e"', "h", ["a", "b"], "HTTP 503", BEFORE)
    from schemas.suites import validate_tables

    assert validate_tables({"source_state": frame})["source_state"].success


# --- expanding sources (recorded fetcher, no network) -----------------------------------------------------------

BASE = "https://news.example"


def recorded(url: str, body: bytes, content_type: str, etag: str | None = None) -> FetchResult:
    headers = {"content-type": content_type, **({"etag": etag} if etag else {})}
    return FetchResult(url=url, status=200, headers=headers, body=body, fetched_at=NOW, requested_url=url)


def feed_bytes(base: str = BASE) -> bytes:
    return (SITE / "feed.xml").read_text().replace("{base}", base).encode()


def test_a_feed_lists_its_pages_and_an_unchanged_feed_lists_them_again_unrequested():
    feed_url = f"{BASE}/feed.xml"
    fetcher = RecordedFetcher({feed_url: recorded(feed_url, feed_bytes(), "application/rss+xml", '"f1"')})
    remote = [InputRef(feed_url, "auto", origin="url", max_items=3)]
    first = expand_sources(remote, {}, {}, fetcher, SETTINGS)
    assert [p.ref for p in first.pages] == [f"{BASE}/news/{slug}.html" for slug in FEED_PAGES[:3]]
    assert not any(p.source_unchanged for p in first.pages)
    [state] = first.sources
    assert (state.kind, state.n_listed, len(state.item_urls), state.etag, state.changed) == ("feed", 4, 3, '"f1"', True)
    known = {feed_url: KnownSource(feed_url, "feed", state.item_urls, 4, '"f1"', None, state.body_hash, BEFORE)}
    second = expand_sources(remote, known, {}, fetcher, SETTINGS)  # the recording answers 304 to "f1"
    assert [p.ref for p in second.pages] == [p.ref for p in first.pages]
    assert all(p.source_unchanged for p in second.pages) and not second.sources[0].changed


def test_an_index_a_page_and_failures():
    index_url, sitemap_url, page_url = f"{BASE}/sitemap_index.xml", f"{BASE}/sitemap.xml", f"{BASE}/a.html"
    fetcher = RecordedFetcher({
        index_url: recorded(index_url, (SITE / "sitemap_index.xml").read_text().replace("{base}", BASE).encode(),
                            "application/xml"),
        sitemap_url: recorded(sitemap_url, (SITE / "sitemap.xml").read_text().replace("{base}", BASE).encode(),
                              "application/xml"),
        page_url: recorded(page_url, page("curry-challenge"), "text/html"),
        f"{BASE}/img.png": recorded(f"{BASE}/img.png", b"\x89PNG", "image/png"),
        f"{BASE}/gone.xml": FetchError("HTTP 404 Not Found", status=404),
    })
    remote = [InputRef(u, t, origin="url") for u, t in ((index_url, "auto"), (page_url, "auto"),
                                                        (f"{BASE}/img.png", "auto"), (f"{BASE}/gone.xml", "feed"))]
    out = expand_sources(remote, {}, {}, fetcher, SETTINGS)
    assert [p.ref for p in out.pages] == [f"{BASE}/world/{s}.html" for s in reversed(SITEMAP_PAGES)] + [page_url]
    assert [p.source for p in out.pages] == [sitemap_url] * 3 + [""]
    assert set(out.prefetched) == {page_url}  # fetched once, to find out what it was
    assert [(s.url, s.kind) for s in out.sources] == [(index_url, "sitemap_index"), (sitemap_url, "sitemap"),
                                                       (f"{BASE}/gone.xml", "feed")]
    assert [(r.input_ref, r.stage, r.reason) for r in out.rejected] == [
        (f"{BASE}/img.png", "read", "unsupported content type image/png: newsetl reads HTML and plain-text pages"),
        (f"{BASE}/gone.xml", "fetch", "HTTP 404 Not Found")]


def test_the_members_of_a_list_are_asked_several_hosts_at_once():
    list_url = f"{BASE}/urls.txt"
    members = ["https://a.example/1.html", "https://a.example/2.html", "https://b.example/1.html"]
    recordings = {list_url: recorded(list_url, "\n".join(members).encode(), "text/plain"),
                  **{url: recorded(url, page("curry-challenge"), "text/html") for url in members}}
    both_hosts_asking = threading.Barrier(2, timeout=3)

    class TwoHostsAtOnce(RecordedFetcher):
        """Answers a host's first page only while the other host's first page is being asked for too."""

        def fetch(self, url: str, **validators: str | None) -> FetchResult:
            if url.endswith("/1.html"):
                both_hosts_asking.wait()  # BrokenBarrierError when the hosts are asked one after the other
            return super().fetch(url, **validators)

    out = expand_sources([InputRef(list_url, "list", origin="url")], {}, {}, TwoHostsAtOnce(recordings),
                         replace(SETTINGS, fetch_workers=2))
    assert [p.ref for p in out.pages] == members  # in the list's order, each fetched once to find out what it was
    assert set(out.prefetched) == set(members) and not out.rejected


def test_known_pages_are_asked_for_conditionally_and_unchanged_ones_not_parsed():
    url = f"{BASE}/news/a.html"
    fetcher = RecordedFetcher({url: recorded(url, page("curry-challenge"), "text/html", '"p1"')})
    item = InputRef(url, "page", origin="url", source=f"{BASE}/feed.xml")
    fetched, seen, rejected = fetch_pages([item], {}, {}, fetcher)
    first = prepare(item, fetched, {}, SETTINGS)
    assert first.article is not None and first.article.domain == "news.example"
    known = {url: KnownInput(url, 1, first.seen.content_hash, first.seen.raw_hash, '"p1"')}
    fetched, _, _ = fetch_pages([item], known, {}, fetcher)
    assert fetched[url].status == 304 and prepare(item, fetched, known, SETTINGS).unchanged == known[url]
    # listed by an unchanged feed and known: not requested at all
    quiet = InputRef(url, "page", origin="url", source_unchanged=True)
    fetched, _, _ = fetch_pages([quiet], known, {}, fetcher)
    assert fetched[url].status is None and fetcher.requests == [url, url]
    # the same bytes without validators (a server that ignores them): unchanged by the bytes' hash, not parsed
    bare = {url: KnownInput(url, 1, "other", first.seen.raw_hash)}
    fetched, _, _ = fetch_pages([item], bare, {}, RecordedFetcher({url: recorded(url, page("curry-challenge"),
                                                                                 "text/html")}))
    assert prepare(item, fetched, bare, SETTINGS).unchanged == bare[url]
    # a new page under a known URL is cleaned for the NLP; a failed fetch is a fetch rejection
    changed = {url: Fetched(url, 200, page("louvre-chardin"), "text/html")}
    assert prepare(item, changed, known, SETTINGS).article.title.startswith("LVMH")
    _, seen, rejected = fetch_pages([InputRef(f"{BASE}/missing", "page", origin="url")], {}, {}, fetcher)
    assert [(r.stage, s.status) for r, s in zip(rejected, seen)] == [("fetch", None)]


# --- the flow over the local site -------------------------------------------------------------------------------


@pytest.fixture
def live(monkeypatch):
    """The live fetcher may reach 127.0.0.1, with no delay between requests."""
    monkeypatch.setenv("NEWSETL_ALLOW_PRIVATE_HOSTS", "1")
    monkeypatch.setenv("NEWSETL_HOST_DELAY", "0")
    monkeypatch.delenv("NEWSETL_FETCH_RECORDINGS", raising=False)


def counts(warehouse: Path) -> dict[str, int]:
    tables = ("dim_article", "article_fingerprint", "fact_mention", "fact_claim", "bridge_claim_entity",
              "fact_amount", "dim_source")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def test_the_second_run_asks_conditionally_and_loads_nothing(prefect_harness, live, tmp_path):
    from flows.news_etl import news_etl

    warehouse = tmp_path / "w.duckdb"
    with serve_site() as site:
        site_files(site)
        sources = [f"{site.base}/feed.xml", f"{site.base}/sitemap_index.xml"]
        first = news_etl(sources=sources, warehouse=str(warehouse))
        assert (first.n_inputs, first.n_loaded, first.n_duplicates, first.n_quarantined) == (7, 7, 0, 0)
        assert sorted(site.bodies_sent()) == sorted(
            ["/feed.xml", "/sitemap_index.xml", "/sitemap.xml"] + [f"/news/{s}.html" for s in FEED_PAGES]
            + [f"/world/{s}.html" for s in SITEMAP_PAGES])
        before = counts(warehouse)
        site.log.clear()
        second = news_etl(sources=sources, warehouse=str(warehouse))
        # the feed, the index and the sitemap answered 304; no page was asked for
        assert [(h.path, h.status, h.conditional) for h in site.log if h.path != "/robots.txt"] == [
            ("/feed.xml", 304, True), ("/sitemap_index.xml", 304, True), ("/sitemap.xml", 304, True)]
    assert (second.n_inputs, second.n_loaded, second.n_duplicates, second.n_unchanged) == (7, 0, 7, 7)
    assert counts(warehouse) == before
    assert rows(warehouse, "select method, count(*) from article_duplicate group by 1") == [("unchanged", 7)]
    assert rows(warehouse, "select count(*), count(distinct source_key) from dim_article") == [(7, 1)]
    assert rows(warehouse, "select domain, name from dim_source") == [("127.0.0.1", "Harbor Gazette")]
    states = dict(rows(warehouse, "select source_url, source_kind || ':' || status from source_state"))
    assert states == {f"{site.base}/feed.xml": "feed:304", f"{site.base}/sitemap_index.xml": "sitemap_index:304",
                      f"{site.base}/sitemap.xml": "sitemap:304"}
    # the article URLs are canonical: the feed's tracking parameters, fragment and relative link are gone
    assert sorted(u for (u,) in rows(warehouse, "select input_ref from dim_article where input_ref like '%/news/%'")) \
        == sorted(f"{site.base}/news/{s}.html" for s in FEED_PAGES)


def test_a_changed_feed_and_page_load_what_changed_and_replace_the_old_version(prefect_harness, live, tmp_path):
    from flows.news_etl import news_etl

    warehouse = tmp_path / "w.duckdb"
    with serve_site() as site:
        site_files(site)
        site.ignores_validators.add("/news/curry-challenge.html")  # always 200: recognised by its bytes
        feed = f"{site.base}/feed.xml"
        news_etl(sources=[feed], warehouse=str(warehouse))
        old_key = rows(warehouse, f"select article_key from dim_article where input_ref = "
                                  f"'{site.base}/news/census-electoral-map.html'")[0][0]
        # a fifth story in the feed, a rewritten page, a page that now fails, and robots.txt closing one
        extra = f"<item><title>x</title><link>{site.base}/news/louvre-chardin.html</link></item>"
        private = f"<item><title>y</title><link>{site.base}/private/memo.html</link></item>"
        site.put("/feed.xml", site.files["/feed.xml"][0].decode().replace("</channel>", extra + private +
                                                                            "</channel>"), "application/rss+xml")
        site.put("/news/louvre-chardin.html", page("louvre-chardin"))
        site.put("/private/memo.html", page("travel-corridors"))
        site.put("/news/census-electoral-map.html", page("st-louis-park-mayor"),
                 modified=datetime(2025, 3, 16, 1, 0, tzinfo=UTC))
        del site.files["/news/salon-investigation.html"]
        site.log.clear()
        second = news_etl(sources=[feed], warehouse=str(warehouse))
        statuses = {h.path: h.status for h in site.log}
    assert statuses == {"/robots.txt": 200, "/feed.xml": 200, "/news/miami-dade-crash.html": 304,
                        "/news/curry-challenge.html": 200, "/news/census-electoral-map.html": 200,
                        "/news/salon-investigation.html": 404, "/news/louvre-chardin.html": 200}
    assert (second.n_inputs, second.n_loaded, second.n_duplicates, second.n_unchanged, second.n_quarantined) == \
        (6, 2, 2, 2, 2)
    reasons = dict(rows(warehouse, "select input_ref, stage || ': ' || reason from quarantine"))
    assert reasons == {f"{site.base}/news/salon-investigation.html": "fetch: HTTP 404 Not Found",
                       f"{site.base}/private/memo.html": "fetch: disallowed by robots.txt"}
    # the rewritten page replaced its article: one article for that URL, the old one's rows are gone everywhere
    [(key, title)] = rows(warehouse, f"select article_key, title from dim_article "
                                     f"where input_ref = '{site.base}/news/census-electoral-map.html'")
    assert key != old_key and title == "St. Louis Park elects Somali American mayor"
    for table in ("dim_article", "article_fingerprint", "fact_mention", "fact_claim", "fact_amount",
                  "article_duplicate", "input_state"):
        assert rows(warehouse, f"select count(*) from {table} where article_key = {old_key}") == [(0,)], table
    assert rows(warehouse, "select count(*) from bridge_claim_entity anti join fact_claim using (claim_key)") == [(0,)]
    assert rows(warehouse, "select count(*) from dim_article") == [(5,)]  # 4 + the new story; the 404 one kept
    state = dict(rows(warehouse, "select input_ref, outcome from input_state"))
    assert state[f"{site.base}/news/salon-investigation.html"] == "quarantined"
    assert state[f"{site.base}/news/census-electoral-map.html"] == "loaded"


def test_recorded_responses_replay_offline(prefect_harness, monkeypatch, tmp_path):
    """NEWSETL_FETCH_RECORDINGS: the flow fetches through a RecordedFetcher, with no network."""
    from flows.news_etl import news_etl

    article, moved, gone = f"{BASE}/2025/03/curry.html", f"{BASE}/old-link", f"{BASE}/gone"
    RecordedFetcher({
        article: recorded(article, page("curry-challenge"), "text/html; charset=utf-8", '"curry-v1"'),
        moved: recorded(article, page("curry-challenge"), "text/html; charset=utf-8"),  # redirected, no ETag
        gone: FetchError("HTTP 410 Gone", status=410),
    }).save(tmp_path / "recordings")
    monkeypatch.setenv("NEWSETL_FETCH_RECORDINGS", str(tmp_path / "recordings"))
    warehouse = tmp_path / "w.duckdb"
    first = news_etl(sources=[article, moved, gone], warehouse=str(warehouse))
    assert (first.n_inputs, first.n_loaded, first.n_duplicates, first.n_quarantined) == (3, 1, 1, 1)
    assert first.quarantine_reasons == {"fetch: HTTP 410 Gone": 1}
    second = news_etl(sources=[article, moved, gone], warehouse=str(warehouse))  # 304 to the article's ETag
    assert (second.n_inputs, second.n_loaded, second.n_duplicates, second.n_unchanged) == (3, 0, 2, 2)
    assert rows(warehouse, "select input_ref, status, outcome from input_state order by 1") == [
        (article, 304, "unchanged"), (moved, 200, "unchanged")]


def test_a_text_too_long_for_one_article_is_quarantined_before_the_nlp(tmp_path):
    paragraph = ("The council voted on Tuesday to expand the bus network, adding three routes that will serve the "
                 "northern suburbs from next spring, officials said after the meeting.")
    path = tmp_path / "book.txt"
    path.write_text("Bus Network Grows\n\n" + "\n\n".join([paragraph] * 40), encoding="utf-8")
    item = InputRef(str(path), "text")
    assert prepare(item, {}, {}, SETTINGS).article is not None  # 6,500 characters: an article
    rejected = prepare(item, {}, {}, replace(SETTINGS, max_body_chars=5000)).rejected
    assert rejected is not None and (rejected.input_ref, rejected.stage) == (str(path), "clean")
    assert rejected.reason.startswith("the text is too long for one article (")
    assert "over the limit of 5000, NEWSETL_MAX_BODY_CHARS" in rejected.reason


def test_the_longest_text_newsetl_analyses_is_one_its_spacy_model_accepts():
    from flows.news_etl import load_nlp

    assert Settings().max_body_chars <= load_nlp(Settings().spacy_model).max_length
