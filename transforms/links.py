"""URLs and the documents that list them: canonical URLs, RSS/Atom feeds, sitemaps, sitemap indexes, URL lists.

Pure: bytes and strings in, URLs out. Fetching is ``flows/fetch.py``'s job (never feedparser's or trafilatura's:
they would go around the safe fetcher), and ``flows/sources.py`` decides what to fetch.

* ``canonical_url``: the one form of a URL that input refs, fetch state and article URLs use: http(s) only, host
  lower-cased (an IDN in Unicode), default port, fragment and credentials dropped, an empty path as ``/``,
  tracking parameters (``utm_*``, ``fbclid``, ``ref`` ...) stripped and the rest sorted by courlan.
* ``parse_listing``: what a fetched document lists, if it lists anything: a feed's entries (feedparser), a
  sitemap's pages, a sitemap index's sitemaps (lxml, no entities, no network), or a plain list of URLs.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import feedparser
import tldextract
from courlan.clean import clean_query, decode_punycode
from lxml import etree

DEFAULT_PORTS = {"http": 80, "https": 443}
# characters a path keeps as they are: RFC 3986 pchar and '/', plus '%' (already-encoded octets stay encoded)
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_CONTROL = "".join(map(chr, range(0x21)))
_HOST = re.compile(r"[\w.:%-]+")  # a host name (an IDN too), an IPv4 or an IPv6 address (urlsplit drops brackets)
MAX_LISTED = 50_000  # the sitemap protocol's limit per file; a longer document is cut there
GZIP_MAGIC = b"\x1f\x8b"

# suffix_list_urls=() keeps tldextract on its bundled snapshot (no download); cache_dir=None: no disk cache
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def canonical_url(url: str, base: str | None = None) -> str | None:
    """``url`` (joined to ``base`` when relative) in canonical form, or None when it is no http(s) URL with a host.

    >>> canonical_url("HTTPS://Example.COM:443/news/a.html?utm_source=rss&b=2&a=1#comments")
    'https://example.com/news/a.html?a=1&b=2'
    """
    url = re.sub(r"[\r\n\t]+", "", (url or "").strip(_CONTROL))  # a URL broken over lines in a feed or list
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a bad port or IPv6 literal
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in DEFAULT_PORTS or not host or not _HOST.fullmatch(host):
        return None
    host = decode_punycode(host.rstrip("."))
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    return urlunsplit((scheme, netloc, path, clean_query(parts.query), ""))


def site_domain(url: str) -> str | None:
    """The site a URL belongs to: its registered domain ("bbc.co.uk" for news.bbc.co.uk), else its host
    ("127.0.0.1", "localhost"); None for no URL."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    parts = _TLD_EXTRACT(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}".lower()
    return host.lower()


def is_url(line: str) -> bool:
    return bool(re.fullmatch(r"https?://\S+", line.strip(), flags=re.I))


@dataclass(frozen=True)
class Listing:
    """What a fetched document lists: ``kind`` is ``feed`` (entries), ``sitemap`` (pages), ``sitemap_index``
    (sitemaps) or ``list`` (one URL a line: pages, feeds or sitemaps). ``urls`` are canonical and distinct, in
    the order to take them: a feed's order, a sitemap's newest ``lastmod`` first (the document's order among
    equal or missing dates)."""

    kind: str
    urls: tuple[str, ...]


LISTING_KINDS = ("feed", "sitemap", "sitemap_index", "list")


def _gunzip(data: bytes, limit: int) -> bytes | None:
    """A gzipped document (a ``sitemap.xml.gz``) decompressed, at most ``limit`` bytes; None when it is not."""
    stream = zlib.decompressobj(wbits=31)
    try:
        out = stream.decompress(data, limit + 1)
    except zlib.error:
        return None
    return out if len(out) <= limit else None


def _local(tag: object) -> str:
    """The local name of an element ('urlset' for '{http://www.sitemaps.org/...}urlset'); '' for comments."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml_root(data: bytes):
    """The parsed XML document's root element, or None. No entity expansion, no DTD or network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _distinct(urls, base: str) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for url in urls:
        canonical = canonical_url(url, base) if url else None
        if canonical and canonical != canonical_url(base):
            out.setdefault(canonical, None)
        if len(out) >= MAX_LISTED:
            break
    return tuple(out)


def _lastmod(text: str | None) -> float:
    """A sitemap ``lastmod`` (W3C datetime: a day or a full timestamp) as a sort key; 0 when absent or unreadable."""
    if not text:
        return 0.0
    text = text.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return 0.0
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()  # a day alone: its UTC midnight


def _sitemap(root, base: str) -> Listing:
    entries = []
    for position, element in enumerate(e for e in root if _local(e.tag) == "url"):
        fields = {_local(child.tag): (child.text or "").strip() for child in element}
        if fields.get("loc"):
            entries.append((-_lastmod(fields.get("lastmod")), position, fields["loc"]))
    return Listing("sitemap", _distinct((loc for *_, loc in sorted(entries)), base))


def _sitemap_index(root, base: str) -> Listing:
    locs = []
    for element in root:
        if _local(element.tag) == "sitemap":
            locs += [(child.text or "").strip() for child in element if _local(child.tag) == "loc"]
    return Listing("sitemap_index", _distinct(locs, base))


def _feed(data: bytes, base: str, content_type: str | None) -> Listing:
    headers = {"content-location": base}
    if content_type:
        headers["content-type"] = content_type
    # a file-like object: given bytes or a str, feedparser first tries them as a file name or a URL to open
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False)
    links = []
    for entry in parsed.entries:
        link = entry.get("feedburner_origlink") or entry.get("link")
        if not link:
            guid = entry.get("id") or ""
            link = guid if is_url(guid) else None
        links.append(link)
    return Listing("feed", _distinct(links, base))


def parse_listing(data: bytes, url: str, content_type: str | None = None, *,
                  max_bytes: int = 50_000_000) -> Listing | None:
    """What the document at ``url`` lists, or None when it lists nothing (an article page, an image ...).

    RSS 0.9x/1.0/2.0 and Atom feeds, sitemaps (``<urlset>``) and sitemap indexes (``<sitemapindex>``), gzipped
    or not, and plain text with one http(s) URL a line (a text sitemap, or a list of sources). Relative URLs are
    joined to ``url``; the document's own URL is left out.
    """
    if data[:2] == GZIP_MAGIC:
        data = _gunzip(data, max_bytes) or b""
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if head.startswith(b"<"):
        if re.match(rb"<(?:!doctype\s+html|html)\b", head, flags=re.I):
            return None
        root = _xml_root(data)
        if root is None:
            return None
        name = _local(root.tag)
        if name == "urlset":
            return _sitemap(root, url)
        if name == "sitemapindex":
            return _sitemap_index(root, url)
        if name in ("rss", "feed", "rdf"):
            return _feed(data, url, content_type)
        return None
    if (content_type or "").split(";")[0].strip().lower() not in ("", "text/plain"):
        return None
    lines = [line.strip() for line in data.decode("utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if lines and all(is_url(line) for line in lines):
        return Listing("list", _distinct(lines, url))
    return None
