"""Page metadata for news articles: title, authors, publication date, site name, canonical URL, description.

:func:`page_metadata` is a pure function of an HTML string (no network, no file I/O). It reads the ways news
pages mark up their metadata, most trusted first:

* schema.org JSON-LD (``NewsArticle``/``Article``/``BlogPosting``/... including ``@graph`` and lists, with
  ``@id`` references resolved) and schema.org microdata (``itemprop``);
* Open Graph / Facebook ``article:*`` properties, Twitter cards, Dublin Core, Parse.ly and Sailthru tags;
* the visible page: the article's ``<h1>``, hNews / ``rel=author`` / byline elements, ``<time>`` elements, and
  the article header (the lines around the headline): its "By ..." line, its "Published ..." line or dateline;
* finally a date in the URL path and htmldate's heuristics.

Dates labelled "Updated" / "Last modified" (and modified-time fields) are never taken for the publication date.

Every rule is about how pages mark metadata up, never about one site.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from itertools import chain
from urllib.parse import urljoin, urlsplit

import lxml.html
import tldextract
from dateutil import parser as date_parser
from lxml import etree

__all__ = ["PageMetadata", "page_metadata", "parse_date", "split_authors"]


@dataclass(frozen=True)
class PageMetadata:
    title: str | None
    authors: tuple[str, ...]
    published_at: datetime | None  # timezone-aware UTC; a bare date is midnight UTC
    published_at_source: str | None  # e.g. "json-ld:datePublished", "meta:article:published_time", "url"
    site_name: str | None
    url: str | None  # canonical URL (link rel=canonical / og:url), else the given url
    description: str | None
    # The publication date on the publisher's own calendar (the page's UTC offset, not UTC): what the page
    # shows its readers. It differs from published_at.date() for stories published late in the evening west
    # of Greenwich (or early in the morning east of it).
    published_date: date | None = None
    # where the authors came from: "json-ld", "meta:<name>", "byline", "author-box", "header",
    # "organisation" when the page credits an organisation, desk or wire rather than a person, or
    # "site-name" when a personal site is named after its owner ("Gregory Szorc's Digital Home")
    authors_source: str | None = None
    # The article's text as the page declares it in JSON-LD (``articleBody``), one paragraph per item: the
    # text of a page that draws its body with scripts. Often a single paragraph; sometimes only a teaser.
    article_body: tuple[str, ...] = ()
    # Every summary the page declares for itself (its meta descriptions, then JSON-LD's), ``description`` first.
    # A CMS often copies it into an image's description, so a paragraph that repeats it is no caption.
    descriptions: tuple[str, ...] = ()


# ================================================================================================
# Constants
# ================================================================================================

MIN_YEAR, MAX_YEAR = 1990, 2100
ZONE_OFFSET_HOURS = (-12, 13)  # the UTC offsets of the world's time zones (a publisher's day lies within them)
MAX_TITLE_CHARS = 400
MAX_NAME_TOKENS = 5
MAX_BYLINE_WORDS = 30  # a byline element longer than this (after cleanup) is a bio or an article, not a byline

# schema.org types whose headline / author / datePublished describe the article itself.
ARTICLE_TYPE_RE = re.compile(r"(?:article|posting|report|newsarticle|blogposting|hentry)$", re.IGNORECASE)
PAGE_TYPES = frozenset(
    t.casefold()
    for t in (
        "WebPage ItemPage AboutPage ProfilePage QAPage FAQPage CollectionPage MediaObject VideoObject "
        "Recipe HowTo Review CreativeWork Blog Event Course Book Episode Question"
    ).split()
)
ORG_TYPES = frozenset(
    t.casefold()
    for t in "Organization NewsMediaOrganization Corporation LocalBusiness WebSite GovernmentOrganization "
    "EducationalOrganization NGO OnlineBusiness Brand".split()
)

# Words that mark an organisation, a desk or a role rather than a person.
ORG_WORDS = frozenset(
    """news newsroom press staff team editorial editors agency agencies desk wire wires service services reports
    media magazine newspaper journal gazette tribune herald online digital network networks channel radio tv
    television broadcasting publishing publications publication group inc ltd llc plc corp corporation company
    foundation institute university college association society council committee department ministry office
    bureau government commission authority center centre club league union board partners associates
    newsletter blog website site contributors correspondents writers reporters program programme project
    initiative lab labs laboratory studio studios productions campaign coalition alliance fund trust federation
    collective academy school hospital party family kitchen developers engineers engineering marketing
    organization organisation times chronicle examiner courier inquirer""".split()
)
# News and wire agencies that appear where a byline would be.
WIRE_AGENCIES = frozenset(
    """ap afp upi reuters dpa ani pti ians efe ansa tass xinhua kyodo jiji yonhap bernama bloomberg
    """.split()
    + ["associated press", "press association", "agence france presse", "agence france-presse", "wire services"]
)
# Job titles that follow or precede a name in a byline ("Jane Doe, Senior Writer", "Staff Reporter Jane Doe"):
# the role nouns, and the words that qualify them (only stripped next to a role noun: "Jennifer Head" stays).
ROLE_WORDS = frozenset(
    """editor writer reporter correspondent columnist contributor staff photographer photojournalist producer
    anchor analyst critic director professor lecturer researcher fellow attorney lawyer founder cofounder
    co-founder ceo president intern freelancer journalist author blogger manager officer coordinator strategist
    specialist consultant expert scientist physician nutritionist dietitian""".split()
)
ROLE_MODIFIERS = frozenset(
    """senior chief managing executive associate assistant deputy special political national international
    foreign business science health sports tech technology investigative general digital data audience features
    opinion travel food culture arts education local contributing freelance guest head lead registered certified
    staff visiting adjunct""".split()
)
# Author strings that name nobody.
GENERIC_AUTHORS = frozenset(
    """admin administrator author authors editor editors editorial unknown anonymous guest team staff user
    webmaster root none null undefined na n/a contributor contributors""".split()
    + [
        "no author",
        "editorial staff",
        "editorial team",
        "editorial board",
        "staff writer",
        "staff reporter",
        "news desk",
        "web desk",
        "guest author",
        "guest post",
        "site admin",
        "the editors",
        "by",
        "profile",
        "view profile",
        "full profile",
        "bio",
        "about",
        "about me",
        "about us",
        "home",
        "contact",
        "contact us",
        "more",
        "read more",
        "follow",
        "subscribe",
        "login",
        "log in",
        "sign in",
        "email",
        "share",
        "all posts",
        "all articles",
        "articles",
        "posts",
        "stories",
        "archive",
        "archives",
        "agencies",
        "agency",
        "wires",
        "wire services",
        "news agencies",
        "news service",
    ]
)
# Words that never belong to a person's name: page furniture and function words ("About DW", "Letters to the").
NON_NAME_WORDS = frozenset(
    """the to of a an and or about view more read all posts follow contact share profile home menu search letters
    says said via photo photos video image images click here my your our his her their this that is are was were
    welcome hello comments comment reply login logout register subscribe page articles stories latest get rss feed
    on at in for from with by sign signin signup log account newsletter print email e-mail tweet bookmark listen
    name required optional""".split()
)
DOMAIN_NAME_RE = re.compile(
    r"[a-z0-9-]{2,}\.(?:com|net|org|info|biz|co|io|gov|edu|news|tv|me|us|uk|ca|au|in|de|fr|nl|ie|nz|za)\b",
    re.IGNORECASE,
)
# Lower-case particles inside names ("Ludwig van Beethoven", "Jose de la Cruz").
NAME_PARTICLES = frozenset("de da di del della der den van von la le du dos das bin bint al el ibn y ter ten".split())
NAME_SUFFIXES = {"jr": "Jr", "jr.": "Jr.", "sr": "Sr", "sr.": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
# Words of date/time lines that sometimes share a byline element.
MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
WEEKDAYS = "mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"

# --- regular expressions -----------------------------------------------------------------------------------------
WS_RE = re.compile(r"\s+")
ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# markup inside a JSON-LD articleBody: what ends a paragraph, and any tag
BODY_MARKUP_RE = re.compile(r"</?(?:p|br|div|h[1-6]|li|ul|ol|blockquote|a|em|strong|b|i|span)\b[^>]*>", re.IGNORECASE)
BODY_BREAK_TAG_RE = re.compile(r"<br\s*/?>|</(?:p|div|h[1-6]|li|blockquote)\s*>", re.IGNORECASE)
MARKUP_TAG_RE = re.compile(r"<[^>]+>")
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE_RE = re.compile(r"(?<![\w@])@\w{1,30}")
# "By", "Posted by", "Written by", "Story by", "Words:" ... at the start of a byline.
BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:originally\s+)?(?:posted|written|reported|reporting|additional\s+reporting|writing|published|"
    r"compiled|story|words|text|article|"
    r"contributed|submitted|created|photos?\s+and\s+text|report)\s+)?by\b\s*[:\-–—]?\s*"
    r"|^\s*(?:authors?|writers?|words|text|reporter|byline|contributor|posted|written)\s*[:\-–—]\s*"
    r"|^\s*(?:view\s+all\s+)?posts?\s+by\s+",
    re.IGNORECASE,
)
# Everything from here to the end of a byline is a date, an update note or a share widget.
BYLINE_TAIL_RE = re.compile(
    r"\s*(?:[|•·/–—-]\s*)?(?:\b(?:on|at)\s+)?\b(?:updated|published|posted|last\s+(?:updated|modified)|modified|posted\s+on|"
    r"published\s+on|on\s+(?:" + WEEKDAYS + r")|(?:" + WEEKDAYS + r")\b,?|(?:" + MONTHS + r")\.?\s+\d{1,2}\b|"
    r"\d{1,2}\s+(?:" + MONTHS + r")\b|\d{1,2}[/.]\s?\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|"
    r"\d+\s+(?:min(?:ute)?s?|hours?|days?)\s+(?:read|ago)|follow\b|share\b|email\s+the\s+author|"
    r"email\b|e-mail\b|contact\b|facebook\b|twitter\b|linkedin\b|instagram\b|more\s+(?:articles|stories|posts)\b|"
    r"see\s+all\b|read\s+more\b|view\s+(?:all|more|profile|my)\b|about\s+the\s+author|show\s+more\b|"
    r"(?:editing|edited|graphics|photos?|photography|video|produced|illustrations?|design|translated)\s+by\b).*$",
    re.IGNORECASE,
)
PARENTHESISED_RE = re.compile(r"\([^()]{0,40}\)")
SPLIT_NAMES_RE = re.compile(r"\s*(?:,|;|&|\||\s/\s|\s[-–—]\s|\band\b|\bwith\b|\+)\s*", re.IGNORECASE)
# "Jane Doe for The Guardian", "Jane Doe from Reuters", "Jane Doe in London": the affiliation goes.
AFFILIATION_RE = re.compile(r"\s+(?i:for|from|of|at|in)\s+(?:(?i:the)\s+)?[A-Z].*$")
# "Posted on September 21, 2020 by Adi Tzlil": the names follow the last "by".
LATE_BY_RE = re.compile(r"^(?P<pre>.{0,60}?)\bby\s*:?\s+(?P<names>[^\W\d_].*)$", re.IGNORECASE)
NAME_TOKEN_RE = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_][^\W\d_'’.\-]*(?:[-'’.][^\W\d_]+)*\.?$")
SENTENCE_PUNCT_RE = re.compile(r"[!?:\"“”()\[\]{}<>=*#]")

# Date labels in the article header. The publication date follows "Published", "Posted on", "First published",
# "Originally created"; an update time follows "Updated", "Last modified" and is never the publication date.
PUBLISHED_LABEL_RE = re.compile(
    r"\b(?:(?:first|originally)\s+)?(?:published|posted|created|publication\s+date|"
    r"date\s+published)\b(?:\s+(?:on|at))?\s*:?",
    re.IGNORECASE,
)
UPDATED_LABEL_RE = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|edited|revised)\b(?:\s+(?:on|at))?\s*:?", re.IGNORECASE
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
# A date written out on the page, with the time and zone that may follow ("| 4:35 PM ET", ", 5:00PM EST").
DATE_TEXT_RE = re.compile(
    r"(?<![\w/.-])(?:(?:" + WEEKDAYS + r")\.?,?\s+)?"
    r"(?:(?:" + MONTHS + r")\.?\s+" + _DAY + r",?\s+" + _YEAR
    + r"|" + _DAY + r"\.?\s+(?:of\s+)?(?:" + MONTHS + r")\.?,?\s+" + _YEAR
    + r"|" + _YEAR + r"-\d{2}-\d{2}"
    + r"|(?P<num>\d{1,2}([/.])\s?\d{1,2}\2(?:" + _YEAR + r"|\d{2})))(?![\d/])"
    r"(?:\s*[,|–—-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?-i:(?:" + "|".join(sorted({"UTC", "GMT", "BST", "CET", "CEST", "EET", "EEST", "IST", "JST", "KST",
    "HKT", "SGT", "AEST", "AEDT", "EST", "EDT", "ET", "CST", "CDT", "CT", "MST", "MDT", "MT", "PST", "PDT", "PT"},
    key=len, reverse=True)) + r"))\b)?)?",
    re.IGNORECASE,
)
TWO_DIGIT_YEAR_PIVOT = 70  # "14" is 2014, "98" is 1998
MAX_DATE_LINE_WORDS = 15  # a longer line with a date in it is a sentence, not a dateline
MAX_DATELINE_OTHER_WORDS = 10  # an unlabelled dateline has at most this many words besides its date
SENTENCE_END_RE = re.compile(r"[a-z]{2,}[.!?][\"”’']?\s*$")  # "... said so." is a sentence, not a dateline

DATE_IN_URL_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[/_.-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
POST_ID_RE = re.compile(r"post-\d+$")
DATE_IN_URL_SECTION_RE = re.compile(  # a section between the year and the day: /2010/POLITICS/08/13/
    r"/(?P<y>(?:19|20)\d{2})/[a-z][a-z-]*/(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])/", re.IGNORECASE
)
DATE_IN_URL_NAMED_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<m>" + MONTHS + r")/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$)", re.IGNORECASE
)
ISO_DATE_RE = re.compile(
    r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:[.,]\d+)?)?\s*"
    r"(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$",
    re.IGNORECASE,
)
GMT_OFFSET_RE = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2}):?(\d{2})?\b", re.IGNORECASE)
PARENTHESES_RE = re.compile(r"\([^)]*\)")
HAS_DAY_RE = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?!\d)")

# Title separators between a headline and a site name: "Headline | Site", "Site - Headline", "Site: Headline".
TITLE_SEP_RE = re.compile(r"\s+(?:[|•·—–~»«‹›/\\]|::|-{1,2}|:)\s+|\s*[|•·»«]\s*|:\s+")

# Meta names (lower-cased) by field, most trusted first.
META_TITLE_KEYS = tuple(
    "og:title twitter:title twitter:text:title parsely-title sailthru.title dc.title dcterms.title citation_title "
    "title headline".split()
)
META_AUTHOR_KEYS = tuple(
    "author article:author article:author_name parsely-author sailthru.author sailthru.byline_name dc.creator "
    "dc:creator dcterms.creator citation_author byl og:author og:article:author article:author:name authors "
    "creator".split()
)
# Any other meta name for an author or a byline ("search.byline", "cxenseparse:author", "twitter:creator"): its
# names count only when they are shaped like a person's, since such fields often hold a handle or an account.
META_AUTHOR_KEY_RE = re.compile(r"(?:author|authors|byline|creator|writer)(?:[._:-]?names?)?$")
# Publication-date meta names, most trusted first; then any other name that says "published", "pubdate" or
# "issued" (META_DATE_KEY_RE: "pub_date", "dcsext.articlefirstpublished"); then the vague ones. Modified-time
# names (article:modified_time, og:updated_time, dateModified, last-modified ...) are never read.
META_DATE_KEYS = tuple(
    "article:published_time og:article:published_time og:published_time datepublished date_published "
    "dc.date.issued dcterms.issued dc.date.created dcterms.created sailthru.date article_date_original".split()
)
META_DATE_KEY_RE = re.compile(r"pub(?:lish(?:ed)?|lication)?[._:-]?(?:date|time)|published$|issued$")
META_NOT_DATE_KEY_RE = re.compile(r"publisher|modif|updat|expir|revis")
META_VAGUE_DATE_KEYS = tuple(
    "dc.date dcterms.date dc:date citation_date date displaydate datecreated created release_date timestamp".split()
)
APP_NAME_KEYS = ("application-name", "apple-mobile-web-app-title")
MAX_APP_NAME_WORDS = 6  # a longer "application-name" is the story's headline, not the site's name
META_SITE_KEYS = tuple(
    "og:site_name application-name apple-mobile-web-app-title publisher sitename twitter:app:name:iphone "
    "al:ios:app_name al:android:app_name copyright".split()
)

GENERIC_SUBDOMAINS = frozenset(
    "www www1 www2 www3 blog blogs news edition mobile beta amp web home english global live secure static".split()
)

# suffix_list_urls=() keeps tldextract on its bundled snapshot (no download); cache_dir=None: no disk cache.
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


# ================================================================================================
# Text helpers
# ================================================================================================


def _clean(text: object) -> str:
    """Unescape HTML entities (twice: JSON-LD often double-encodes), drop zero-width marks, collapse white space."""
    if not isinstance(text, str):
        return ""
    text = html_lib.unescape(html_lib.unescape(text)) if "&" in text else text
    text = ZERO_WIDTH_RE.sub("", text).replace("\u00a0", " ")
    return WS_RE.sub(" ", text).strip()


def _key(text: str | None) -> str:
    """A loose comparison key: case-folded letters and digits without accents ("Nestlé" -> "nestle")."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def _words_key(text: str | None) -> str:
    """Like :func:`_key` but keeps word boundaries."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table td th tr ul time span a".split()
)


def _text(el) -> str:
    """Visible text of an element, with a space at every element boundary (so "By<b>Jane</b>" stays apart)."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "noscript", "template", "svg", "button", "select"):
            if node.tail:
                parts.append(node.tail)
            return
        if tag:
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
            if tag in _BLOCK_TAGS or tag in ("img", "i", "b", "em", "strong"):
                parts.append(" ")
        if node.tail:
            parts.append(node.tail)

    if el.text:
        parts.append(el.text)
    for child in el:
        walk(child)
    return _clean("".join(parts))


def _plain_text(el) -> str:
    """Text of an element joined without extra spaces (headlines with inline markup), then cleaned. A <time> in a
    heading dates it ("<h1>Issue 162 <time>March 1st 2018</time></h1>"): no part of its words."""
    try:
        texts = el.xpath(".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)"
                         " and not(ancestor::time[ancestor::h1 or ancestor::h2])]")
    except (etree.XPathError, ValueError):
        return ""
    return _clean(" ".join(t for t in texts if isinstance(t, str)) if _has_block_children(el) else "".join(texts))


def _has_block_children(el) -> bool:
    return any(
        isinstance(child.tag, str) and child.tag in ("br", "div", "p", "span", "small", "h2", "h3", "time")
        for child in el.iter()
        if child is not el
    )


# ================================================================================================
# Parsing
# ================================================================================================


# "<script src=... />": a browser ignores the slash and reads the script up to "</script>"; lxml closes the element
# there and shows the code that follows as page text
SELF_CLOSED_SCRIPT_RE = re.compile(r"<(script|style)\b([^<>]*?)\s*/>", re.IGNORECASE)


def open_self_closed_scripts(html: str) -> str:
    """``html`` with each self-closed ``<script/>`` or ``<style/>`` left open, as a browser reads it."""
    return SELF_CLOSED_SCRIPT_RE.sub(r"<\1\2>", html)


def _parse_html(html: str):
    if not html or not html.strip():
        return None
    text = open_self_closed_scripts(XML_DECL_RE.sub("", html, count=1))
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        try:
            return lxml.html.document_fromstring(text.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return None


MEDIA_ITEM_TYPE_RE = re.compile(r"(?:image|video|audio|media)object$", re.IGNORECASE)


def _in_media_item(el) -> bool:
    """Is ``el`` a property of a picture, video or sound (its nearest microdata item is an ImageObject ...)?"""
    for node in el.iterancestors():
        if node.get("itemscope") is not None or node.get("itemtype"):
            return bool(MEDIA_ITEM_TYPE_RE.search((node.get("itemtype") or "").rstrip("/")))
    return False


def _in_item_list(el) -> bool:
    """Is ``el`` a property of an item in a list of other stories or videos (an ItemList's entries)?"""
    return any(
        re.search(r"(?:ItemList|ListItem)/?$", node.get("itemtype") or "") or node.get("itemprop") == "itemListElement"
        for node in el.iterancestors()
    )


def _registered_domain(host_or_url: str | None) -> str | None:
    if not host_or_url:
        return None
    parts = _TLD_EXTRACT(host_or_url)
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}".lower()


class _Page:
    """Everything read from one page, collected once."""

    def __init__(self, tree, url: str | None) -> None:
        self.tree = tree
        self.given_url = url
        self.metas: dict[str, list[str]] = {}
        self._read_metas()
        for key in APP_NAME_KEYS:  # a CMS that fills the app name with each story's headline (MSN)
            if key in self.metas:
                self.metas[key] = [v for v in self.metas[key] if len(v.split()) <= MAX_APP_NAME_WORDS]
        self.ld_objects: list[dict] = []
        self._ld_by_id: dict[str, dict] = {}
        self._read_json_ld()
        self.articles = [o for o in self.ld_objects if _is_article(o)]
        self.pages = [o for o in self.ld_objects if _types(o) & PAGE_TYPES]
        self.url = self._canonical_url()
        self.articles.sort(key=lambda obj: not self._describes_this_page(obj))  # stable: page order otherwise
        self.domain = _registered_domain(self.url) or _registered_domain(url)
        self.site_name = self._site_name()
        self.site_names: list[str] = []
        self.site_keys = self._site_keys()

    # --- meta tags -------------------------------------------------------------------------------------------
    def _read_metas(self) -> None:
        for meta in self.tree.iter("meta"):
            content = meta.get("content")
            if content is None:
                content = meta.get("value")
            if content is None:
                continue
            content = _clean(content)
            if not content:
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = meta.get(attr)
                if attr == "itemprop" and (_in_media_item(meta) or _in_item_list(meta)):
                    continue  # a picture's microdata (its "author" is the photographer), or another story's
                if key:
                    # '“google-site-verification”' style typos: strip quotes.
                    for k in key.split():
                        k = k.strip("\"'“”").lower()
                        self.metas.setdefault(k, []).append(content)
        # Parse.ly's older tag holds its fields as JSON: <meta name="parsely-page" content='{"author": ...}'>
        for raw in self.metas.get("parsely-page", []):
            data = _load_json(raw)
            value = (data.get("authors") or data.get("author")) if isinstance(data, dict) else None
            for name in value if isinstance(value, list) else [value]:
                if isinstance(name, str) and name.strip():
                    self.metas.setdefault("parsely-author", []).append(_clean(name))

    def meta(self, key: str) -> str | None:
        values = self.metas.get(key)
        return values[0] if values else None

    # --- JSON-LD ---------------------------------------------------------------------------------------------
    def _read_json_ld(self) -> None:
        for script in self.tree.iter("script"):
            kind = (script.get("type") or "").strip().lower()
            if kind != "application/ld+json":
                continue
            data = _load_json(script.text or "")
            if data is None:
                continue
            for obj in _flatten_ld(data):
                self.ld_objects.append(obj)
                node_id = obj.get("@id")
                if isinstance(node_id, str) and node_id not in self._ld_by_id:
                    self._ld_by_id[node_id] = obj

    def resolve(self, value):
        """Follow a JSON-LD ``{"@id": ...}`` reference to the full node when the page defines it."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
            return self._ld_by_id.get(value["@id"], value)
        return value

    def _describes_this_page(self, obj: dict) -> bool:
        """Does a JSON-LD node point at this page (``url`` / ``@id`` / ``mainEntityOfPage``)? Pages that also
        describe related stories list those after (or before) their own."""
        targets = {_url_key(u) for u in (self.url, self.given_url) if u}
        if not targets:
            return False
        refs = [obj.get("url"), obj.get("@id"), obj.get("mainEntityOfPage")]
        for ref in refs:
            if isinstance(ref, dict):
                ref = ref.get("@id") or ref.get("url")
            if isinstance(ref, str) and _url_key(ref) in targets:
                return True
        return False

    # --- URL and site ----------------------------------------------------------------------------------------
    def _canonical_url(self) -> str | None:
        for link in self.tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            href = (link.get("href") or "").strip()
            if "canonical" in rel and href:
                if self.given_url and not href.startswith(("http://", "https://")):
                    href = urljoin(self.given_url, href)  # a relative canonical link
                if href.startswith(("http://", "https://")):
                    return href
        og = self.meta("og:url")
        if og and og.startswith(("http://", "https://")):
            return og
        return self.given_url

    def _site_name(self) -> str | None:
        candidates: list[str] = []
        og = self.meta("og:site_name")
        if og:
            candidates.append(og)
        for obj in self.articles + self.pages:
            publisher = self.resolve(obj.get("publisher"))
            if isinstance(publisher, list) and publisher:
                publisher = self.resolve(publisher[0])
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and _clean(name):
                candidates.append(_clean(name))
                break
        for obj in self.ld_objects:
            if _types(obj) & {"website"} and isinstance(obj.get("name"), str) and _clean(obj["name"]):
                candidates.append(_clean(obj["name"]))
                break
        for key in ("application-name", "apple-mobile-web-app-title"):
            value = self.meta(key)
            if value:
                candidates.append(value)
        for name in candidates:
            if not URL_RE.match(name) and len(name) <= 100:
                return name
        return None

    def _site_keys(self) -> set[str]:
        """Compact forms of every name this site goes by: og:site_name, publisher, app names, domain label."""
        names: list[str] = []
        for key in META_SITE_KEYS:
            names.extend(self.metas.get(key, []))
        for obj in self.ld_objects:
            if _types(obj) & ORG_TYPES:
                for field in ("name", "alternateName", "legalName"):
                    if isinstance(obj.get(field), str):
                        names.append(obj[field])
        for obj in self.articles + self.pages:
            publisher = self.resolve(obj.get("publisher"))
            for pub in publisher if isinstance(publisher, list) else [publisher]:
                pub = self.resolve(pub)
                if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                    names.append(pub["name"])
                elif isinstance(pub, str):
                    names.append(pub)
        for key in ("twitter:site",):
            for handle in self.metas.get(key, []):
                names.append(handle.lstrip("@"))
        self.site_names = sorted({_clean(n) for n in names if n and len(n) <= 100}, key=len, reverse=True)
        keys = {_key(n) for n in names if n and len(n) <= 100}
        keys |= {k[3:] for k in keys if k.startswith("the") and len(k) > 6}
        for url in (self.url, self.given_url):
            parts = _TLD_EXTRACT(url) if url else None
            if parts and parts.domain:
                keys.add(_key(parts.domain))
                keys.add(_key(f"{parts.domain}.{parts.suffix}"))
                label = parts.subdomain.split(".")[-1] if parts.subdomain else ""
                if len(label) >= 4 and label not in GENERIC_SUBDOMAINS:  # "tonedeaf.thebrag.com"
                    keys.add(_key(label))
        return {k for k in keys if len(k) >= 2}

    def is_site(self, text: str) -> bool:
        """Does ``text`` name this site (its site name, publisher, domain)?"""
        key = _key(text)
        if not key:
            return False
        for site in self.site_keys:
            if key == site:
                return True
            if len(key) >= 4 and site.startswith(key):
                return True  # "Guardian" for "guardiannews"
            if len(site) >= 3 and key.startswith(site) and len(key) - len(site) <= 6:
                return True  # "Salon.com" for "salon"
            if len(site) >= 5 and site in key and len(key) <= len(site) + 12:
                return True
        return False


def _url_key(url: str) -> str:
    """A URL without scheme, "www.", query, fragment and trailing slash, for comparisons."""
    url = re.sub(r"^https?://(?:www\.)?", "", url.strip().lower())
    return re.split(r"[?#]", url, maxsplit=1)[0].rstrip("/")


def _load_json(text: str):
    text = text.strip()
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text)
    text = re.sub(r"^\s*<!--|-->\s*$", "", text).strip()
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    # Common breakage: trailing commas, several objects back to back, stray semicolons.
    repaired = re.sub(r",\s*([}\]])", r"\1", text).rstrip(";")
    try:
        return json.loads(repaired, strict=False)
    except ValueError:
        pass
    try:
        return json.loads("[" + re.sub(r"}\s*{", "},{", repaired) + "]", strict=False)
    except ValueError:
        return None


def _flatten_ld(data, depth: int = 0) -> Iterator[dict]:
    """Every typed node of a JSON-LD document: top-level lists, ``@graph`` members, ``mainEntity``."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten_ld(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten_ld(data["@graph"], depth + 1)
        if "@type" in data or "headline" in data or "datePublished" in data:
            yield data
        for key in ("mainEntity", "mainEntityOfPage", "itemReviewed", "hasPart"):
            value = data.get(key)
            if isinstance(value, (dict, list)):
                yield from _flatten_ld(value, depth + 1)


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    out: set[str] = set()
    for v in values:
        if isinstance(v, str):
            out.add(v.rsplit("/", 1)[-1].rsplit(":", 1)[-1].casefold())
    return out


def _is_article(obj: dict) -> bool:
    return any(ARTICLE_TYPE_RE.search(t) for t in _types(obj))


# ================================================================================================
# Title
# ================================================================================================


def _strip_site(title: str, page: _Page) -> str:
    """Remove site-name prefixes and suffixes ("Headline | Site", "Site - Headline", "Site: Headline").

    A part goes only when it names the site (site name, publisher, domain); once a site suffix is gone,
    short section labels before it with the same separator go too ("Headline | Education | Site").
    A colon only separates a site *prefix*, so "Coronavirus: £1,000 fine ..." keeps its first part.
    """
    title = _clean(title)
    for name in page.site_names:
        # Site names that contain separators themselves ("WSVN 7News | Miami News, Weather, Sports").
        if len(name) >= 4 and TITLE_SEP_RE.search(name):
            low = title.casefold()
            if low.endswith(name.casefold()):
                head = title[: len(title) - len(name)]
                stripped = head.rstrip(" |•·—–~»«‹›/\\:-")
                if stripped != head.rstrip() and _key(stripped):  # a separator stood before the name
                    title = stripped
    site_separator: str | None = None
    while True:
        seps = list(TITLE_SEP_RE.finditer(title))
        if not seps:
            break
        last = seps[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        colon_subtitle = last.group().strip() == ":" and not last.group()[0].isspace()  # "Headline: subtitle"
        if not colon_subtitle and last.group().strip() and _key(head) and _is_site_part(tail, page):
            title, site_separator = head, last.group().strip()
            continue
        first = seps[0]
        head, tail = title[: first.start()].strip(), title[first.end() :].strip()
        if len(_key(tail)) >= 4 and _is_site_part(head, page):
            title = tail
            continue
        break
    # Section labels left of a stripped site suffix: "Headline | Education" (same separator, short label).
    while site_separator and site_separator in "|-–—·•»":
        seps = list(TITLE_SEP_RE.finditer(title))
        if not seps or seps[-1].group().strip() != site_separator:
            break
        head, tail = title[: seps[-1].start()].strip(), title[seps[-1].end() :].strip()
        if len(tail.split()) > 3 or any(c.isdigit() for c in tail) or len(head.split()) < 4:
            break
        title = head
    return title


def _is_site_part(part: str, page: _Page) -> bool:
    return not _key(part) or page.is_site(part)


def _title_candidates(page: _Page) -> list[tuple[str, str]]:
    """(source, text) pairs of declared titles, most trusted first."""
    out: list[tuple[str, str]] = []
    for obj in page.articles:
        for field in ("headline", "name", "alternativeHeadline"):
            value = obj.get(field)
            if isinstance(value, list) and value:
                value = value[0]
            if isinstance(value, str) and _clean(value):
                out.append((f"json-ld:{field}", _clean(value)))
                break
    for key in META_TITLE_KEYS:
        for value in page.metas.get(key, []):
            out.append((f"meta:{key}", value))
    for el in page.tree.xpath('//*[@itemprop="headline"][not(self::meta)]')[:3]:
        text = _plain_text(el)
        if text:
            out.append(("itemprop:headline", text))
    for obj in page.pages:
        for field in ("headline", "name"):
            value = obj.get(field)
            if isinstance(value, str) and _clean(value) and not _types(obj) & {"videoobject", "mediaobject"}:
                out.append((f"json-ld:{field}", _clean(value)))
                break
    for el in page.tree.iter("title"):
        if el.getparent() is not None and el.getparent().tag == "svg":
            continue
        text = _plain_text(el)
        if text:
            out.append(("title", text))
            break
    return [(src, text) for src, text in out if len(text) <= MAX_TITLE_CHARS and _key(text)]


_HEADLINE_CLASS_XPATH = (
    "//*[self::h1 or self::h2 or self::h3 or self::div or self::span or self::p or self::header]"
    "[@itemprop='headline' or @itemprop='name' and ancestor::*[@itemtype][1][contains(@itemtype, 'Article')"
    " or contains(@itemtype, 'BlogPosting')]"
    " or re:test(@class, '(^|[\\s_-])(entry|post|article|story|page|content)[_-]?(title|headline)([\\s_-]|$)', 'i')"
    " or re:test(@class, '(^|\\s)headline(\\s|$)', 'i')]"
    " | //header//h2"  # a post whose <h1> is the site's name prints its headline as the header's <h2>
)
_REGEX_NS = {"re": "http://exslt.org/regular-expressions"}


SEARCH_BOX_TOKEN_RE = re.compile(r"^(?:search|search[-_].*|.*[-_]search|no[-_]results?)$", re.IGNORECASE)


def _in_search_box(el) -> bool:
    """Inside a search box or its results ("No matches for your search", an <h1> of a hidden overlay)?"""
    return any(SEARCH_BOX_TOKEN_RE.match(t) for node in el.iterancestors() if node.tag not in ("body", "html")
               for t in _tokens(node))  # a body "has-search" flag marks no box


def _h1_texts(page: _Page) -> list[str]:
    """Texts of the page's <h1> elements, in document order; not the site's banner."""
    out = []
    for el in page.tree.iter("h1"):
        text = _plain_text(el).rstrip(" ¶")  # a permalink's pilcrow (Sphinx) is no part of the heading
        if text and _key(text) and len(text) <= MAX_TITLE_CHARS and not _in_search_box(el) \
                and not _links_home(el, page):
            out.append(text)
    return out


HOME_PATH_RE = re.compile(r"^(?:\.{0,2}/)*(?:index\.(?:html?|php))?$")  # "/", "./", "../index.html"


def _links_home(el, page: _Page) -> bool:
    """Is the <h1> all one link to the site's home page: the banner of a blog or manual ("<h1><a
    href="index.html">evolve extension for Mercurial</a></h1>"), whatever name the page gives its site?"""
    links = el.findall(".//a")
    if len(links) != 1 or _words_key(_plain_text(links[0])) != _words_key(_plain_text(el)):
        return False
    href = (links[0].get("href") or "").strip()
    if not href or href.startswith("#"):
        return False
    parts = urlsplit(href)
    if parts.query or not HOME_PATH_RE.match(parts.path):
        return False
    return not parts.netloc or page.domain is None or _registered_domain(href) == page.domain


MIN_LONE_H1_WORDS = 3  # a shorter lone <h1> is more likely a section or blog name than the headline
SECTION_HEADING_WORDS = (2, 20)  # a first <h2> this long can title a page that names only its site


def _first_section_heading(page: _Page) -> str | None:
    """The first <h2> outside navigation, asides and footers that is no site name."""
    for el in page.tree.iter("h2"):
        text = _plain_text(el)
        low, high = SECTION_HEADING_WORDS
        if (text and low <= len(text.split()) <= high and _container_kind(el) != "excluded"
                and not page.is_site(text)):
            return text
    return None


def _headline_texts(page: _Page) -> list[str]:
    """Other visible headline elements: "entry-title" / "post-title" / itemprop=headline (blogs whose <h1>
    is the blog's name)."""
    out = []
    try:
        elements = page.tree.xpath(_HEADLINE_CLASS_XPATH, namespaces=_REGEX_NS)
    except (etree.XPathError, ValueError):
        return out
    for el in elements[:10]:
        if el.tag == "h1" or _container_kind(el) == "excluded":
            continue
        text = _plain_text(el)
        if text and _key(text) and len(text) <= MAX_TITLE_CHARS and len(text.split()) <= 40:
            out.append(text)
    return out


def _words_pattern(text: str) -> str:
    words = re.findall(r"\w+", text)
    return r"\W*".join(re.escape(w) for w in words)


# A separator after a headline ("Headline - Series", "Headline : Site") and before one ("Blog: Headline").
_SEP_AFTER = r"(?:\s+(?:[|•·—–~»«‹›/\\:]|::|-{1,2})\s+|\s*[|•·»«]\s*)"
_SEP_BEFORE = r"(?:\s+(?:[|•·—–~»«‹›/\\]|::|-{1,2}|:)\s+|\s*[|•·»«]\s*|:\s+)"


def _affix_of(h1: str, declared: str) -> bool:
    """Is ``declared`` the <h1> plus a separated prefix or suffix ("H1 - Series", "Blog: H1")?"""
    if len(re.findall(r"\w+", h1)) < 2:
        return False
    pattern = _words_pattern(h1)
    if re.match(r"^\W*" + pattern + r"\W*?" + _SEP_AFTER + r"\S", declared, re.IGNORECASE):
        return True
    return bool(re.search(r"\S" + _SEP_BEFORE + r"\W*" + pattern + r"\W*$", declared, re.IGNORECASE))


def _title_parts(page: _Page) -> list[str]:
    """The parts of the page's <title> between separators ("Headline | Blog | Site")."""
    title = page.tree.find(".//title")
    return [part.strip() for part in TITLE_SEP_RE.split(_clean(title.text_content()))] if title is not None else []


def _names_title_section(h1: str, page: _Page) -> bool:
    """Does ``h1`` start with a part of the <title> after its first: the blog or section the page belongs to?"""
    parts = [_words_key(part) for part in _title_parts(page)]
    key = _words_key(h1)
    return any(part and (key == part or key.startswith(part + " ")) for part in parts[1:])


def _best_title(page: _Page) -> str | None:
    candidates = _title_candidates(page)
    stripped = [(src, _strip_site(text, page)) for src, text in candidates]
    stripped = [(src, text) for src, text in stripped if _key(text) and not page.is_site(text)]
    all_h1s = _h1_texts(page)
    h1s = [h for h in all_h1s if not page.is_site(h)]
    visible = h1s + [h for h in _headline_texts(page) if not page.is_site(h)]
    declared_keys = {_words_key(text) for _, text in stripped} | {_words_key(t) for _, t in candidates}

    # 1. The visible headline: an <h1> (or entry-title) that some declared title agrees with.
    for h1 in visible:
        if _words_key(h1) in declared_keys:
            return _strip_site(h1, page) or h1
    # 2. An <h1> that wraps a declared title ("Section | Headline", "Headline Subtitle") -> the declared title;
    #    but a declared title cut short ("Headline that goes on ...") yields to the full <h1>.
    for h1 in h1s:
        hk = _words_key(h1)
        for _, text in stripped:
            tk = _words_key(text)
            if len(tk.split()) >= 3 and (hk.startswith(tk + " ") or hk.endswith(" " + tk)):
                return h1 if re.search(r"(?:\.\.\.|…)\W*$", text) else text
    # 3. A declared title that is an <h1> plus a separated affix ("Headline - Series - Site") -> the <h1>.
    for h1 in visible:
        for _, text in candidates:
            if _affix_of(h1, text):
                return h1
    # 4. A declared title the page prints as a sub-heading (<h2>, <h3>) where no <h1> matches one: the <h1> is
    #    a section's or the site's banner ("Allergies Health Center" over an <h2> "Babies Who Eat Peanuts ...").
    sub_headings = [_plain_text(el) for el in page.tree.iter("h2", "h3") if _container_kind(el) != "excluded"]
    printed = {_words_key(h) for h in sub_headings}
    for _, text in stripped:
        if len(_words_key(text).split()) >= MIN_LONE_H1_WORDS and _words_key(text) in printed:
            return text
    #    With no <h1> but the site's banner, a sub-heading that starts the declared title ("Conversations with a
    #    Cryptid" in "<title>Conversations with a Cryptid - Chapter 1 - Author - Fandom [Archive of Our Own]").
    if not h1s:
        for heading in sub_headings:
            if len(_words_key(heading).split()) >= MIN_LONE_H1_WORDS and any(
                re.match(r"^\W*" + _words_pattern(heading) + r"\W*?" + _SEP_AFTER + r"\S", text, re.IGNORECASE)
                for _, text in candidates
            ):
                return heading
    # 5. The page's one <h1> (printed once, or once per layout: desktop and mobile), which no declared title
    #    matched: the headline readers see, where the declared titles are a social or search variant ("Hill:
    #    Meyer, Saban grandstanding about agents").
    #    Not when the <h1> is the blog or section the <title> names after the headline ("Headline - The
    #    Schmooze - Forward.com" over an <h1> "The Schmooze: Your Jewish Pop Culture Fix").
    shown = {_words_key(_plain_text(el)) for el in page.tree.iter("h1") if _container_kind(el) != "excluded"}
    one_h1 = len(shown - {""}) == 1
    if (one_h1 and h1s and len(_words_key(h1s[0]).split()) >= MIN_LONE_H1_WORDS
            and not _names_title_section(h1s[0], page)):
        return h1s[0]
    # 6. The most trusted declared title.
    if stripped:
        return stripped[0][1]
    # 7. The page's only headline; a page whose every title is its site's name and that has no headline
    #    element is titled by its first section heading; else whatever the page calls itself.
    if len(all_h1s) == 1 and h1s:
        return h1s[0]
    if not all_h1s and not visible and (heading := _first_section_heading(page)):
        return heading
    if candidates:
        return candidates[0][1].strip(" |•·—–~»«‹›/\\:-") or None
    return h1s[0] if h1s else None


# ================================================================================================
# The article header: the visible lines around the headline
# ================================================================================================

# Tags that start a new visible line; inline tags (span, a, b ...) do not.
_LINE_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table td th tr ul".split()
)
_INVISIBLE_TAGS = frozenset("script style noscript template svg button select iframe textarea".split())
HEADER_LINES_BEFORE = 3  # lines above the headline that still belong to its header (a date over the headline)
HEADER_LINES_AFTER = 40  # the byline and the date come within this many lines ...
HEADER_WORDS_AFTER = 300  # ... and this many words after the headline (a standfirst and a caption may come first)
HEADER_DATE_LINES = 10  # an unlabelled date counts only this close under the headline (or on the line above)
BYLINE_DATE_LINES = 2  # ... or this close under the byline


@dataclass
class _Header:
    """The visible lines of the article header in reading order, each (text, element holding it): up to
    HEADER_LINES_BEFORE above the headline and the lines after it; and the ``<time>`` elements after it."""

    before: list[tuple[str, object]]
    after: list[tuple[str, object]]
    times: list[object]
    anchor: object = None  # the headline element

    def lines(self) -> Iterator[tuple[int, str, str]]:
        """(distance from the headline, text, next line's text): the lines after the headline (1, 2, ...) first,
        then those above it (-1, -2, ...)."""
        for i, (text, _el) in enumerate(self.after):
            yield i + 1, text, self.after[i + 1][0] if i + 1 < len(self.after) else ""
        for i in range(len(self.before) - 1, -1, -1):
            yield i - len(self.before), self.before[i][0], self.before[i + 1][0] if i + 1 < len(self.before) else ""


def _headline_element(page: _Page, title: str | None):
    """The element that prints the headline: a heading whose text is the title, else the page's only <h1>."""
    key = _words_key(title)
    if key and not page.is_site(title):
        for xpath in ("//h1", "//h2 | //h3 | //*[@itemprop='headline'][not(self::meta)]"):
            for el in page.tree.xpath(xpath):
                if _words_key(_plain_text(el)) == key and _container_kind(el) != "excluded":
                    return el
    h1s = [el for el in page.tree.iter("h1") if _key(_plain_text(el)) and not _in_search_box(el)]
    if len(h1s) == 1 and not page.is_site(_plain_text(h1s[0])):
        return h1s[0]
    return None


def _article_header(page: _Page, title: str | None) -> _Header | None:
    """The lines just above and below the headline, split where the page starts a new line (so "By Jane Doe<br>
    Example News" is two lines). Lines in comments, teasers (marked as such, or under a heading that links to
    another page), navigation and captions are left out."""
    anchor = _headline_element(page, title)
    body = page.tree.find("body")
    if anchor is None or body is None:
        return None
    before: list[tuple[str, object]] = []
    after: list[tuple[str, object]] = []
    times: list[object] = []
    parts: list[str] = []
    owner = None
    seen_anchor = False
    lines_after = words_after = 0

    def flush() -> bool:
        """End the current line; True once the header is complete."""
        nonlocal parts, owner, lines_after, words_after
        text = _clean("".join(parts))
        if text and owner is not None:
            if not seen_anchor:
                before.append((text, owner))
                del before[:-HEADER_LINES_BEFORE]
            elif _container_kind(owner) != "excluded":
                lines_after += 1  # a teaser's line is left out, but the header ends as far down either way
                words_after += len(text.split())
                if not _under_teaser_heading(owner, page):
                    after.append((text, owner))
        parts, owner = [], None
        return lines_after >= HEADER_LINES_AFTER or words_after >= HEADER_WORDS_AFTER

    def add(text: str | None, el) -> None:
        nonlocal owner
        if text:
            parts.append(text)
            if owner is None and text.strip():
                owner = el

    # Comments come as their own events (a "start" never shows them): the text after one is still on the line,
    # as in a React page's "On <!-- -->6/13/2018<!-- --> by <!-- -->Jane Doe".
    walker = etree.iterwalk(body, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event in ("comment", "pi"):
            add(el.tail, el.getparent())
        elif event == "start":
            if not tag or tag in _INVISIBLE_TAGS or el is anchor:
                walker.skip_subtree()
                if el is anchor:
                    flush()
                    seen_anchor = True
                continue
            if tag in _LINE_TAGS and flush():
                break
            if tag == "time" and seen_anchor and _container_kind(el) != "excluded":
                times.append(el)  # not an embedded post's time ("A photo posted by ... on <time>", a blockquote)
            parts.append(" ")  # "<a>Jane Doe</a><span>Staff Writer</span>" are two pieces
            add(el.text, el)
        else:
            if (tag in _LINE_TAGS or el is anchor) and flush():
                break
            parts.append(" ")
            if el is not body:
                add(el.tail, el.getparent())
    else:
        flush()
    before = [(text, el) for text, el in before if _container_kind(el) != "excluded"]
    return _Header(before, after, times, anchor)


def _header_byline(header: _Header, page: _Page) -> list[str]:
    """Names on the first byline of the article header: "By Jane Doe", "By: <a>Jane Doe</a><br>News Editor",
    "Posted on May 3, 2020 by Jane Doe", or "By" with the names on the next line."""
    for _distance, text, next_text in header.lines():
        if re.fullmatch(r"by\s*:?", text, re.IGNORECASE):
            text = f"{text} {next_text}"
        if len(text.split()) > MAX_BYLINE_WORDS:
            continue
        if BYLINE_PREFIX_RE.match(text) or _names_after_date(text):
            names = split_authors(text, page, strict=True)
            if names:
                return names
        handle = _handle_byline(text, page)
        if handle:
            return [handle]
    return []


# "By @jdoe", "On 6/13/2018 by @jdoe": a byline that credits only a user's handle.
HANDLE_BYLINE_RE = re.compile(r"^(?P<pre>.{0,60}?)\bby\s*:?\s*(?P<handle>@\w{2,30})\.?$", re.IGNORECASE)


def _handle_byline(text: str, page: _Page) -> str | None:
    """The handle a header byline credits when it names nobody else (blogs and platforms sign posts so), unless
    it is the site's own account."""
    m = HANDLE_BYLINE_RE.match(text)
    if m is None or (m["pre"].strip() and not _dated_prefix(m["pre"])):
        return None
    return None if page.is_site(m["handle"][1:]) else m["handle"]


_FOOTER_LINE_TAGS = ("p", "div", "span", "small", "li", "address")


def _footer_byline(header: _Header, page: _Page) -> list[str]:
    """Names on a "Posted by Jane Doe." line in the ``<footer>`` of the ``<article>`` that holds the headline: blogs
    and static sites sign a post under its text, out of the header's reach."""
    article = next(header.anchor.iterancestors("article"), None) if header.anchor is not None else None
    if article is None:
        return []
    for footer in article.iter("footer"):
        if _container_kind(footer) == "excluded":
            continue
        for el in footer.iter(*_FOOTER_LINE_TAGS):
            text = _text(el)
            if len(text.split()) <= MAX_BYLINE_WORDS and BYLINE_PREFIX_RE.match(text):
                names = split_authors(text, page, strict=True)
                if names:
                    return names
    return []


def _dated_parts(text: str) -> list[tuple[str, str]]:
    """A header line cut at its date labels, as (kind, text): "bare" before any label, then "published" after
    "Published" / "Posted on" / "First published", "updated" after "Updated" / "Last modified"."""
    labels = sorted(
        [(m.start(), m.end(), "published") for m in PUBLISHED_LABEL_RE.finditer(text) if _is_label(text, m)]
        + [(m.start(), m.end(), "updated") for m in UPDATED_LABEL_RE.finditer(text)]
    )
    out = [("bare", text[: labels[0][0]] if labels else text)]
    for i, (_start, end, kind) in enumerate(labels):
        out.append((kind, text[end : labels[i + 1][0] if i + 1 < len(labels) else len(text)]))
    return out


def _is_label(text: str, m: re.Match) -> bool:
    """A "published" that labels a date ("Published: ...", "PUBLISHED", "| posted on", "posted on" opening the
    line), not a verb in a sentence ("the report published on March 3 ...")."""
    before = text[: m.start()].rstrip()
    return not before or before[-1] in ",;|•·—–-" or text[m.start()].isupper() or m.group().rstrip().endswith(":")


def _date_in_text(text: str, page: _Page) -> datetime | None:
    """The first written-out date in ``text`` ("Wednesday, 21 Sep 2011 | 4:35 PM ET", "May 19, 2020", "2020-05-19",
    "11/18/2011"), with its time and zone when given. A numeric day and month that could be either way round
    ("12/10/2020") count only when the URL settles which."""
    m = DATE_TEXT_RE.search(text)
    if not m:
        return None
    if not m["num"]:
        return _parse_date_local(m.group(0))
    first, second, year = (int(x) for x in re.findall(r"\d+", m["num"]))
    if year < 100:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900  # "12.29.14"
    if second > 12 >= first:
        day, month = second, first  # 11/18/2011, 12.29.14
    elif "." in m["num"] or first > 12 or first == second:
        day, month = first, second  # 18.11.2011, 18/11/2011
    else:  # 12/10/2020: the URL settles which
        url_day = _url_date(page.url) or _url_date(page.given_url)
        if url_day is None or url_day.year != year or {url_day.month, url_day.day} != {first, second}:
            return None
        day, month = url_day.day, url_day.month
    return _parse_date_local(f"{year:04d}-{month:02d}-{day:02d} {m.group(0)[m.end('num') - m.start():]}".strip())


def _is_update_time(el) -> bool:
    """A <time> that shows when the story was updated: so marked by its class or itemprop, or right after an
    "Updated" label."""
    marks = " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("id"))))
    if re.search(r"updat|modif", marks, re.IGNORECASE):
        return True
    preceding = " ".join(el.xpath("preceding::text()[position() <= 2]"))
    return bool(re.search(UPDATED_LABEL_RE.pattern + r"\s*$", preceding[-40:], re.IGNORECASE))


def _is_dateline(line: str, part: str) -> bool:
    """A line that is there to show its date ("Case Study August 12, 2010, 5:00PM EST", "By Jane Doe | 18.11.2011"):
    few other words, and not a sentence."""
    other_words = len(line.split()) - len(DATE_TEXT_RE.search(part).group().split())
    return other_words <= MAX_DATELINE_OTHER_WORDS and not SENTENCE_END_RE.search(line)


def _header_dates(header: _Header, page: _Page) -> list[tuple[datetime, str]]:
    """(date, source) the article header shows, most telling first: the first date after a "Published" label,
    the first <time> element, the first date line right by the headline, and last the first date after an
    "Updated" label: a page that shows only when it was updated ("TNN | Updated: Oct 9, 2019, 11:05 IST") was
    out by then, and that beats htmldate's guess from a copyright line. Only short lines count: a date inside
    a sentence is what the story is about."""
    labelled = bare = updated = byline_at = None
    for distance, text, _next in header.lines():
        if len(text.split()) > MAX_DATE_LINE_WORDS:
            continue
        if byline_at is None and distance > 0 and BYLINE_PREFIX_RE.match(text):
            byline_at = distance
        # by the headline, or on the byline or the lines under it (a recipe's standfirst may come first)
        near = -1 <= distance <= HEADER_DATE_LINES or (
            byline_at is not None and 0 <= distance - byline_at <= BYLINE_DATE_LINES
        )
        for kind, part in _dated_parts(text):
            if kind == "updated" and updated is None and near:
                updated = _date_in_text(part, page)
            found = _date_in_text(part, page) if kind != "updated" else None
            if found is not None and kind == "published" and labelled is None:
                labelled = found
            if found is not None and kind == "bare" and bare is None and near:
                bare = found if _is_dateline(text, part) else None
    timed = next(
        (found for el in header.times if not _is_update_time(el) and (found := _parse_date_local(el.get("datetime")))),
        None,
    )
    dates = ((labelled, "header:published"), (timed, "header:time"), (bare, "header:date"), (updated, "header:updated"))
    return [(d, src) for d, src in dates if d]


# ================================================================================================
# Authors
# ================================================================================================


def _fix_case(name: str) -> str:
    """Title-case a name written in capitals ("GRACE ZOKOVITCH" -> "Grace Zokovitch", "O'BRIEN" -> "O'Brien")."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return name
    out_tokens = []
    tokens = name.split()
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in NAME_SUFFIXES:
            out_tokens.append(NAME_SUFFIXES[low])
        elif 0 < i < len(tokens) - 1 and low in NAME_PARTICLES:
            out_tokens.append(low)
        elif re.fullmatch(r"(?:[^\W\d_]\.)+", token):
            out_tokens.append(token)  # initials "T.V."
        else:
            out_tokens.append(_cap_word(low))
    return " ".join(out_tokens)


def _cap_word(word: str) -> str:
    # capitalise after hyphens and apostrophes: "o'brien" -> "O'Brien", "tremayne-pengelly" -> "Tremayne-Pengelly"
    pieces = re.split(r"([-'’])", word)
    out = []
    for i, piece in enumerate(pieces):
        if piece in ("-", "'", "’") or not piece:
            out.append(piece)
            continue
        if i >= 2 and pieces[i - 1] in ("'", "’") and len(piece) <= 1:
            out.append(piece)  # "o'neil's" style possessive "s"
            continue
        cap = piece[:1].upper() + piece[1:]
        if re.match(r"^mc[a-z]{2,}$", piece):  # "McDonald"; "Mac" is left alone ("Machado", "Mackey")
            cap = "Mc" + piece[2:].capitalize()
        out.append(cap)
    return "".join(out)


def _has_org_word(text: str, page: _Page | None = None) -> bool:
    """Does ``text`` contain a word that marks an organisation ("News", "Press", "Foundations", the site's
    own name as one word: "ACLU Racial Justice Program", "7 News WSVN")?"""
    words = [w for w in re.split(r"[^\w]+", text.casefold()) if w]
    if any(w in ORG_WORDS or (w.endswith("s") and w[:-1] in ORG_WORDS) for w in words):
        return True
    if page is not None and len(words) > 1:
        # A site-styled token ("WSVN", "PhillyVoice") inside the name; ordinary name case ("Lemire" on
        # lemire.me) is left alone: personal sites carry their author's name.
        return any(_site_styled(t, page) for t in text.split())
    return False


def _site_styled(token: str, page: _Page) -> bool:
    """A token in the site's own styling ("WSVN", "PhillyVoice") that names the site."""
    styled = token.isupper() or re.search(r"[a-z][A-Z]", token)
    return bool(styled) and len(_key(token)) >= 3 and _key(token) in page.site_keys


def _person_shaped(name: str) -> bool:
    """Two to four capitalised name tokens ("Pamela Anderson", "Jose de la Cruz"), not an acronym or "The X"."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 4 or tokens[0].casefold() in ("the", "a", "an"):
        return False
    for i, token in enumerate(tokens):
        if token.casefold() in NAME_PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if not NAME_TOKEN_RE.match(token) or not token[0].isupper():
            return False
    return not all(t.isupper() and len(t) <= 4 for t in tokens)


def _names_site(name: str, page: _Page | None) -> bool:
    """A name that is the site's own name. Personal sites are named after their author ("Pamela Anderson",
    "Matthew Davis's Blog"), so a person-shaped name is kept even then."""
    return page is not None and page.is_site(name) and (name.isupper() or not _person_shaped(name))


def _valid_name(name: str, page: _Page | None, strict: bool) -> bool:
    """Is ``name`` (already cleaned) a person's name? ``strict`` for text found in the page body."""
    if not name or len(name) > 60:
        return False
    folded = name.casefold().strip(" .")
    if folded in GENERIC_AUTHORS:
        return False
    if SENTENCE_PUNCT_RE.search(name) or EMAIL_RE.search(name) or URL_RE.search(name):
        return False
    tokens = name.split()
    if not 1 <= len(tokens) <= MAX_NAME_TOKENS:
        return False
    if len(tokens) == 1 and (folded in ROLE_MODIFIERS or _is_role(folded)):
        return False
    if folded in WIRE_AGENCIES or (len(tokens) == 1 and name.isupper() and len(name) <= 5):
        return False  # "AP", "Reuters", an acronym ("IWB") is an organisation
    if DOMAIN_NAME_RE.search(name) or any(
        t.casefold() in NON_NAME_WORDS and not (0 < i < len(tokens) - 1 and t.casefold() in NAME_PARTICLES)
        for i, t in enumerate(tokens)
    ):
        return False
    if _has_org_word(name, page) or _names_site(name, page):
        return False
    if any(ch.isdigit() for ch in name) and (strict or len(tokens) > 1):
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    if strict:
        if len(tokens) < 2 and not (len(tokens) == 1 and tokens[0][:1].isupper() and len(tokens[0]) >= 3):
            return False
        for i, token in enumerate(tokens):
            low = token.casefold()
            if low in NAME_PARTICLES and 0 < i < len(tokens) - 1:
                continue
            if _is_role(low):
                return False
            if not NAME_TOKEN_RE.match(token) or not token[0].isupper():
                return False
    else:
        lower_tokens = [t for t in tokens if t[:1].islower() and t.casefold() not in NAME_PARTICLES]
        if len(lower_tokens) > 1 or (lower_tokens and len(tokens) == 1 and len(tokens[0]) < 3):
            return False
        if any(_is_role(t.casefold()) for t in tokens):
            return False
    return True


def _is_role(word: str) -> bool:
    word = word.casefold().strip(".,")
    return word in ROLE_WORDS or (word.endswith("s") and word[:-1] in ROLE_WORDS)


def _is_role_part(word: str) -> bool:
    return _is_role(word) or word.casefold().strip(".,") in ROLE_MODIFIERS


def _strip_roles(part: str) -> str:
    """Drop job titles around a name: "Senior Writer Jane Doe" / "Jane Doe Staff Writer" -> "Jane Doe";
    "Leah C. Stokes Assistant professor of political science" -> "Leah C. Stokes"; a part that is only a
    job title ("Health Reporter") -> ""."""
    tokens = part.split()
    start = 0
    while start < len(tokens) and _is_role_part(tokens[start]):
        start += 1
    if any(_is_role(t) for t in tokens[:start]):
        tokens = tokens[start:]
    for i in range(1, len(tokens)):
        if _is_role_part(tokens[i]):
            j = i
            while j < len(tokens) and _is_role_part(tokens[j]):
                j += 1
            if any(_is_role(t) for t in tokens[i:j]):
                tokens = tokens[:i]
                break
    return " ".join(tokens)


MAX_DATED_PREFIX_WORDS = 2  # words besides the date and its labels before a late "by" ("Story from June 2020 by")
DATE_LABEL_WORDS_RE = re.compile(
    r"\b(?:posted|published|written|updated|originally|first|last|on|at|ago|" + MONTHS + "|" + WEEKDAYS + r")\b",
    re.IGNORECASE,
)


def _names_after_date(text: str) -> str | None:
    """The names of a byline that starts with its date: "Posted on September 21, 2020 by Adi Tzlil"."""
    late = LATE_BY_RE.match(text)
    return late["names"] if late and _dated_prefix(late["pre"]) else None


def _dated_prefix(pre: str) -> bool:
    """Is the text before a late "by" a date and its labels ("Posted on September 21, 2020", "3 hours ago")? A link
    credit in the text ("Announcing Flutter beta 1: Build native apps by Seth Ladd") has more before its "by"."""
    if not re.search(r"\d|posted|published|written|updated|" + MONTHS, pre, re.IGNORECASE):
        return False
    rest = DATE_LABEL_WORDS_RE.sub(" ", DATE_TEXT_RE.sub(" ", pre))
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= MAX_DATED_PREFIX_WORDS


def _byline_core(text: str) -> str:
    """An author string without its furniture: links, e-mail addresses and handles, the "By" prefix (or the
    date before a late "by"), and the date, update note or share widget after the names."""
    text = _clean(text)
    text = URL_RE.sub(" ", text)
    text = EMAIL_RE.sub(" ", text)
    text = HANDLE_RE.sub(" ", text)
    text = WS_RE.sub(" ", text).strip(" -–—|:,;")
    prefixed = False
    for _ in range(2):
        stripped = BYLINE_PREFIX_RE.sub("", text).strip(" -–—|:,;")
        prefixed = prefixed or stripped != text
        text = stripped
    if not prefixed:
        text = _names_after_date(text) or text
    return BYLINE_TAIL_RE.sub("", text).strip(" -–—|:,;/")


def split_authors(text: str, page: _Page | None = None, strict: bool = False) -> list[str]:
    """Person names in one author string ("By Jane Doe and John Roe | Site", "A, Staff Writer; B")."""
    # a bracketed aside is no name: "Jane Doe (AP)", "Richard (R.J.) Eskow", "Jane Doe (@jdoe)"
    text = " ".join(PARENTHESISED_RE.sub(" ", _byline_core(text)).split())
    if not text or text.casefold().strip(" .") in GENERIC_AUTHORS or _names_site(text, page):
        return []  # "No Author", "Jobs & Hire" (the site itself)
    names: list[str] = []
    for raw in SPLIT_NAMES_RE.split(text):
        part = BYLINE_PREFIX_RE.sub("", raw.strip(" -–—").lstrip(".")).strip(" -–—").lstrip(".")
        if not part or part.casefold().rstrip(".") in GENERIC_AUTHORS:
            continue
        part = AFFILIATION_RE.sub("", part).strip(" -–—").lstrip(".").strip()
        part = re.sub(r"^(?:dr|prof|mr|mrs|ms|mx|sir)\.?\s+", "", part, flags=re.IGNORECASE)
        part = _strip_roles(part)
        tokens = part.split()
        while len(tokens) > 2 and page is not None and _site_styled(tokens[-1], page):
            tokens.pop()  # "Adam Aaronson PhillyVoice (Staff)"
        part = " ".join(tokens)
        if names and part.casefold() in NAME_SUFFIXES:
            names[-1] = f"{names[-1]} {NAME_SUFFIXES[part.casefold()]}"  # "Perry Bacon, Jr."
            continue
        if part.endswith(".") and not re.search(r"(?:\b[A-Z]|\b(?i:jr|sr|st))\.$", part):
            part = part.rstrip(".").strip()
        if _valid_name(part, page, strict) and _valid_name(_fix_case(part), page, strict):
            names.append(_fix_case(part))
    if page is not None and len(names) > 1:
        people = [n for n in names if not page.is_site(n)]
        names = people or names  # "Rob Picheta, CNN": the site's name is not one of the authors
    return names


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = _key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


def _ld_author_names(value, page: _Page) -> list[str]:
    """Names in a JSON-LD ``author``: strings, Person objects (by ``@id`` too), lists of either.
    Organisation-typed authors name nobody."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        item = page.resolve(item)
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and not _types(item) & ORG_TYPES:
            name = item.get("name")
            if isinstance(name, dict):
                name = name.get("@value")
            if not isinstance(name, (str, list)) and isinstance(item.get("givenName"), str):
                name = f"{item['givenName']} {item.get('familyName') or ''}"
            out.extend(n for n in (name if isinstance(name, list) else [name]) if isinstance(n, str))
    return out


# Class / id tokens of containers whose names are not the article's authors (comment threads, teasers ...).
_EXCLUDED_CONTAINER_RE = re.compile(
    r"^(?:comments?|comment[-_].*|.*[-_]comments?|commentlist|respond|reply|replies|disqus.*|"
    r"related.*|.*[-_]related.*|recommend.*|.*[-_]recommend.*|more[-_]?(?:from|stories|articles|news).*|"
    r"read[-_]?(?:next|more|also).*|also[-_]?read.*|outbrain.*|taboola.*|trending.*|popular.*|most[-_].*|"
    r"promo.*|newsletter.*|sidebar|sidebar[-_].*|site[-_]footer|page[-_]footer|global[-_]footer|"
    r"footer|colophon|teasers?|.*[-_]teasers?|cards?|.*[-_]cards?|carousel.*|slider.*|playlist.*|"
    r"(?:wp-)?caption.*|.*[-_]caption|credits?|.*[-_]credits?|photo[-_]?credit.*|"
    r"nav|navbar|navigation|menu|menu[-_]items?|hamburger.*|"
    r"(?!(?:no|has|with|without)[-_]).*[-_](?:nav|navbar|navigation|menu))$",  # not a layout flag: "no-sub-nav"
    re.IGNORECASE,
)
# Tokens of an element (or its close ancestors) that hold pictures, bios and links rather than the byline.
_NON_BYLINE_TOKEN_RE = re.compile(
    r"avatar|image|img|photo|picture|thumb|bio\b|bio[-_]|[-_]bio|biography|description|desc\b|[-_]desc|"
    r"social|share|follow|icon|logo|tooltip|popup|modal|more[-_]?posts|all[-_]?posts|count"
    r"|authori[sz]|authority",  # "authorization": the log-in box
    re.IGNORECASE,
)
# Author boxes (usually after the article): a second-tier source.
_AUTHOR_BOX_RE = re.compile(
    r"author[-_]?(?:box|info|card|profile|about|wrap(?:per)?|details|block|section|panel|bio)|about[-_]?(?:the[-_]?)?author"
    r"|post[-_]?author[-_]?(?:box|info)|abh_|saboxplugin|molongui",
    re.IGNORECASE,
)


def _tokens(el) -> list[str]:
    return " ".join(filter(None, (el.get("class"), el.get("id")))).split()


def _container_kind(el) -> str | None:
    """The kind of container around ``el``: "excluded" inside comments, teasers, menus, site footers and asides
    outside the article; "box" inside an author box; else None."""
    kind = None
    node = el
    depth = 0
    in_article = False
    while node is not None and node.tag not in ("body", "html"):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("article", "main"):
            in_article = True
        if tag in ("nav", "figcaption", "figure", "blockquote") or (tag == "form" and not _is_page_form(node)):
            return "excluded"
        if tag == "aside" and not _inside(node, ("article",)):
            return "excluded"  # an aside inside the article is its rail: byline, date, sharing
        if tag == "footer" and not in_article and not _inside(node, ("article", "main")):
            return "excluded"
        tokens = _tokens(node)
        # The article's own wrapper lists its taxonomy ("hentry tag-news promo_status-promo"): not a block kind.
        post_wrapper = "hentry" in tokens or "type-post" in tokens
        if depth < 15 and not post_wrapper and any(_EXCLUDED_CONTAINER_RE.match(t) for t in tokens):
            return "excluded"
        if any(_AUTHOR_BOX_RE.search(t) for t in tokens):
            kind = "box"
        node = node.getparent()
        depth += 1
    return kind


def _is_page_form(form) -> bool:
    """A <form> that wraps the page rather than a comment or search box: ASP.NET pages put everything, the
    headline included, in one <form>."""
    return next(form.iter("h1"), None) is not None


def _inside(el, tags: tuple[str, ...]) -> bool:
    node = el.getparent()
    while node is not None:
        if node.tag in tags:
            return True
        node = node.getparent()
    return False


# A link to an author's page.
_AUTHOR_HREF = (
    "(contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/reporters/')"
    " or contains(@href, '/reporter/') or contains(@href, '/writers/') or contains(@href, '/writer/')"
    " or contains(@href, '/byline/') or contains(@href, '/columnists/') or contains(@href, '/contributors/')"
    " or contains(@href, '/contributor/') or contains(@href, '/people/') or contains(@href, '/staff/')"
    " or contains(@href, '/profile/') or contains(@href, '/journalists/') or contains(@href, '/journalist/')"
    " or contains(@href, '?author='))"
)
_BYLINE_XPATH = (
    "//*[@rel='author' or contains(concat(' ', normalize-space(@rel), ' '), ' author ')"
    " or @itemprop='author' or @itemprop='creator'"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'byline')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'author')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'writer')"
    " or contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'byline')"
    " or contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'author')"
    " or contains(translate(@data-testid, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'byline')"
    " or contains(translate(@data-component, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'byline')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' vcard ')"
    " or (self::a and " + _AUTHOR_HREF + ")]"
)


MAX_TEASER_DEPTH = 4  # ancestors searched for the heading a byline sits under
MAX_SECTION_DEPTH = 8  # ancestors searched for a "Related articles" heading over a list of teasers
# A heading that introduces a list of other articles, matched against the whole heading: the cleaning drops it and
# the headlines after it, and a byline under it belongs to one of those articles, not to this page's.
RELATED_HEADING_RE = re.compile(
    r"^(?:read\s+next|read\s+more|read\s+more\s+(?:from|by|about|on)\s+.{1,50}?:"
    r"|related(?:\s+(?:articles?|stories|coverage|content|posts|news|reading|links))?"
    r"|more\s+from\b.{0,50}|more\s+on\s+this\s+story|more\s+(?:stories|articles|news)\s+(?:(?:on|in|about)\s+.{1,50}|like\s+this)"
    r"|(?:you|we\s+think\s+you)\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)"
    r"|recommended(?:\s+(?:for\s+you|reading|stories))?"
    r"|trending(?:\s+(?:now|stories))?|most\s+(?:read|popular|viewed|shared)|further\s+reading|what\s+to\s+read\s+next"
    r"|editor[’']?s[’']?\s+(?:picks|choice|recommendations)|see\s+also|top\s+stories"
    r"|(?:more|other)\s+(?:[\w’'&-]+\s+){0,3}?(?:stories|news|articles|coverage)"  # "More Great WIRED Stories"
    r"|(?:recommended|suggested|sponsored|promoted)\s+(?:links|stories|content|videos|for\s+you)|around\s+the\s+web"
    # the same headings in other languages: Portuguese, Spanish, French, German, Italian, Dutch, Indonesian
    r"|(?:você\s+)?(?:também\s+)?pode\s+gostar(?:\s+também)?|leia\s+(?:também|mais)|veja\s+também|mais\s+lidas?"
    r"|(?:posts|artigos|not[íi]cias|mat[ée]rias|art[íi]culos|entradas|noticias)\s+relacionad[oa]s"
    r"|(?:también\s+)?te\s+puede\s+interesar|lo\s+más\s+le[íi]do|lee\s+también|te\s+recomendamos"
    r"|(?:à\s+)?lire\s+aussi|articles\s+similaires|sur\s+le\s+même\s+sujet|les\s+plus\s+lus"
    r"|vous\s+(?:aimerez|pourriez)\s+(?:aussi|également)(?:\s+aimer)?|voir\s+aussi"
    r"|das\s+könnte\s+(?:sie|dich)\s+auch\s+interessieren|(?:weitere|ähnliche)\s+artikel|mehr\s+zum\s+thema"
    r"|meistgelesen|lesen\s+sie\s+auch|siehe\s+auch"
    r"|(?:ti\s+)?potrebbe\s+(?:anche\s+)?interessarti|articoli\s+correlati|leggi\s+anche|i\s+più\s+letti|vedi\s+anche"
    r"|lees\s+ook|gerelateerde\s+artikelen|meest\s+gelezen"
    r"|baca\s+juga|(?:berita|artikel)\s+terkait)\s*(?:[.…]{1,3}|:)?$",
    re.IGNORECASE,
)


def _path_key(url: str) -> str:
    return _url_key(url).partition("/")[2]


def _under_teaser_heading(el, page: _Page) -> bool:
    """Is ``el`` the byline of a teaser: the nearest heading above it, within a few ancestors, is a link to
    another page ("<h3><a href='/other-story'>Other story</a></h3><div class='byline'>by ...")? The article's own
    headline is an <h1>, or links to the page itself."""
    here = [u for u in (page.url, page.given_url) if u]
    if not here:
        return False
    near = set()  # el's close ancestors: the heading must sit inside one of them
    node = el.getparent()
    while node is not None and node.tag not in ("body", "html") and len(near) < MAX_TEASER_DEPTH:
        near.add(node)
        node = node.getparent()
    found = el.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]")
    if not found or not any(a in near for a in found[0].iterancestors()):
        return False
    heading = found[0]
    links = heading.xpath(".//a[@href]")
    if heading.tag == "h1" or not links or _key(_text(links[0])) != _key(_text(heading)):
        return False
    href = links[0].get("href", "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return False
    target = urljoin(here[0], href)
    return not any(_url_key(target) == _url_key(u) or _path_key(target) == _path_key(u) for u in here)


def _in_related_section(el) -> bool:
    """Is ``el`` in a list of other articles: under a "Related articles" / "More stories" heading that heads one
    of its ancestors?"""
    found = el.xpath("preceding::*[self::h2 or self::h3 or self::h4][1]")
    if not found or not RELATED_HEADING_RE.match(_text(found[0])):
        return False
    ancestors = list(el.iterancestors())[:MAX_SECTION_DEPTH]
    return any(a in ancestors for a in found[0].iterancestors())


MIN_MENTION_SENTENCE_WORDS = 8  # "The <a>Jane Doe</a> Initiative consists of three parts:" is a sentence


def _mentioned_in_text(el) -> bool:
    """A link to a person's page inside running text ("The <a href="/people/...">Andrew Lloyd Webber</a>
    Initiative consists of three parts:"): someone the story mentions, not its author. A byline line says "By",
    or is short, or is no sentence."""
    if el.tag != "a" or "author" in (el.get("rel") or "").split() or el.get("itemprop") in ("author", "creator"):
        return False
    block = next((a for a in el.iterancestors() if a.tag in _LINE_TAGS), None)
    if block is None:
        return False
    text = _text(block)
    n_words = len(text.split())
    if n_words > MAX_BYLINE_WORDS:
        return True
    sentence = n_words >= MIN_MENTION_SENTENCE_WORDS and re.search(r"\w[.!?:][\"”’')]*\s*$", text)
    return bool(sentence) and not BYLINE_PREFIX_RE.match(text) and not _names_after_date(text)


IMAGE_CREDIT_RE = re.compile(
    r"^\W*(?:(?:lead|top|header|featured)\s+)?(?:image|photo|photograph|picture|illustration|video)s?"
    r"\s*(?:credits?|courtesy(?:\s+of)?|by)?\s*[:|(]",
    re.IGNORECASE,
)


def _byline_elements(page: _Page) -> list[tuple[int, object]]:
    """(tier, element) for byline-like elements: tier 0 in the article's header area, tier 1 in author boxes."""
    try:
        elements = page.tree.xpath(_BYLINE_XPATH)
    except etree.XPathError:
        return []
    out = []
    for el in elements:
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style", "img", "body", "html"):
            continue
        own = _tokens(el)
        if any(_NON_BYLINE_TOKEN_RE.search(t) for t in own) and not any("byline" in t.lower() for t in own):
            continue
        kind = _container_kind(el)
        if kind == "excluded" or _under_teaser_heading(el, page) or _in_related_section(el):
            continue
        if kind != "box" and _mentioned_in_text(el):  # an author box's bio links its author in a sentence
            continue
        parent = el.getparent()
        if parent is not None and parent.tag not in ("body", "html") and IMAGE_CREDIT_RE.match(_text(parent)):
            continue  # "(Image credits: <a href="/authors/henry">Henry Chen</a>; ...)": the photographers
        out.append((1 if kind == "box" else 0, el))
    out.sort(key=lambda pair: pair[0])  # stable: document order within a tier
    return out


def _byline_names(el, page: _Page) -> list[str]:
    """Names in one byline element: its hCard/microdata name parts when it has them, else its text."""
    names: list[str] = []
    for sub in el.xpath(".//*[@itemprop='name'] | .//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]"):
        text = (sub.get("content") or "") if sub.tag == "meta" else _text(sub)
        names.extend(split_authors(text, page, strict=False))
    if names:
        return names
    if el.tag == "meta":
        return []
    # A list of authors each marked as one ("<li><div rel="author">By Jane Doe</div><div>Close Follow on
    # Twitter</div></li><li><div rel="author">John Roe</div>..."): each marked element names one.
    marked = el.xpath(".//*[contains(concat(' ', normalize-space(@rel), ' '), ' author ') or @itemprop='author']")
    if len(marked) > 1:
        names = [name for sub in marked for name in split_authors(_text(sub), page, strict=True)]
        if names:
            return names
    links = el.xpath(".//a[@rel='author' or " + _AUTHOR_HREF + "]")
    if len(links) > 1:  # "By <a>Jane Doe</a> @jdoe <a>John Roe</a>": each link names one author
        names = [name for link in links for name in split_authors(_text(link), page, strict=True)]
        if names:
            return names
    text = _text(el)
    if not text or len(text.split()) > MAX_BYLINE_WORDS:
        return []
    names = split_authors(text, page, strict=True)
    parent = el.getparent()
    if names and el.tag == "a" and parent is not None and parent.tag not in ("body", "html"):
        # A link to an author page inside "By <a>A</a> and <a>B</a>": the whole line names them all.
        line = _text(parent)
        if len(line.split()) <= 15:
            around = split_authors(line, page, strict=True)
            if {_key(n) for n in names} <= {_key(n) for n in around}:
                return around
    return names


def _author_candidates(page: _Page, header: _Header | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(source, names) from every kind of author markup and the article header's byline, most trusted first."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for obj in page.articles:
        value = obj.get("author") or obj.get("creator")
        if value:
            names = [n for name in _ld_author_names(value, page) for n in split_authors(name, page)]
            if names:
                out.append(("json-ld", _dedupe(names)))
                break
    other_keys = [k for k in page.metas if k not in META_AUTHOR_KEYS and META_AUTHOR_KEY_RE.search(k)]
    for key in META_AUTHOR_KEYS + tuple(other_keys):
        names = []
        for value in page.metas.get(key, []):
            if URL_RE.match(value) or value.startswith("/"):
                continue
            found = split_authors(value, page)
            names.extend(n for n in found if key in META_AUTHOR_KEYS or _person_shaped(n))
        if names:
            out.append((f"meta:{key}", _dedupe(names)))
    tiers_done: set[int] = set()
    for tier, el in _byline_elements(page):
        if tier in tiers_done:
            continue
        names = _byline_names(el, page)
        if names:
            out.append(("byline" if tier == 0 else "author-box", _dedupe(names)))
            tiers_done.add(tier)
    names = _header_byline(header, page) if header is not None else []
    if names:
        out.append(("header", _dedupe(names)))
    names = _footer_byline(header, page) if header is not None else []
    if names:
        out.append(("footer", _dedupe(names)))
    for obj in page.pages:
        value = obj.get("author") or obj.get("creator")
        if value:
            names = [n for name in _ld_author_names(value, page) for n in split_authors(name, page)]
            if names:
                out.append(("json-ld", _dedupe(names)))
                break
    return out


MAX_CREDIT_TOKENS = 6  # an organisation credited as author ("Wikimedia Foundation", "Bureau of Labor Statistics")
CREDIT_CONNECTORS = frozenset(("of", "for", "the", "and", "&"))


ACCOUNT_WORDS = frozenset("staff contributor contributors admin administrator webmaster user".split())
# A newsroom's staff ("TMZ Staff", "HLNF Staff Report") credits the organisation.
STAFF_CREDIT_RE = re.compile(r"^(?P<org>.+?)\s+staff(?:\s+reports?)?$", re.IGNORECASE)


def _credit_name(text: str) -> str | None:
    """An organisation, desk or wire that a byline credits ("By Wikimedia Foundation", "JIJI", "ET
    Online", a newsroom's "TMZ Staff" or "Our Foreign Staff"), or None for furniture: a bare "Staff", an account,
    "Unknown", "Agencies", a role, a date, a URL, a sentence."""
    text = _byline_core(text).rstrip(" .")
    tokens = text.split()
    folded = text.casefold()
    if not tokens or len(tokens) > MAX_CREDIT_TOKENS or len(text) > 60 or folded in GENERIC_AUTHORS:
        return None
    if SENTENCE_PUNCT_RE.search(text) or DOMAIN_NAME_RE.search(text) or any(ch.isdigit() for ch in text):
        return None
    staff = STAFF_CREDIT_RE.match(text)  # a newsroom's staff: the organisation's own credit
    named = staff["org"].split() if staff else tokens
    own_desk = staff is not None and len(named) > 1 and named[0].casefold() == "our"  # "Our Foreign Staff"
    if own_desk:
        tokens = tokens[1:]
    elif any(t.casefold() in ACCOUNT_WORDS for t in named) or all(
        _is_role_part(t) or t.casefold() in GENERIC_AUTHORS for t in named
    ):
        return None  # "Staff", "CH Contributor" (an account), "Staff Writer", "Health Reporter"
    # Every word capitalised but the connectors of names ("Bureau of Labor Statistics"): "Staff and news
    # service reports", "Publié par Unknown" and a menu's "By Course or Type" are not credits.
    if any(not t[:1].isupper() and t not in CREDIT_CONNECTORS for t in tokens) or tokens[-1] in CREDIT_CONNECTORS:
        return None
    if any(t.casefold() in NON_NAME_WORDS and t.casefold() not in CREDIT_CONNECTORS for t in tokens):
        return None  # page furniture: "Letters To The Editor", "View Profile", "More Stories"
    return text


def _credits_author(el) -> bool:
    """Does a byline element say it names the author: "By ...", rel="author", itemprop="author"? A
    "byline" box holding "CBS News February 24, 2020" only dates the story."""
    if "author" in (el.get("rel") or "").split() or el.get("itemprop") in ("author", "creator"):
        return True
    nodes = (el, el.getparent())
    return any(BYLINE_PREFIX_RE.match(_text(n)) for n in nodes if n is not None and n.tag not in ("body", "html"))


def _header_credits(page: _Page, header: _Header | None) -> list[str]:
    """Credits printed under the headline without a "By": a wire agency on a line of its own ("JIJI",
    often styled as a credit), or a desk with the story's date on the next line ("ET Online |" over
    "09 Jun 2020, 02:32 PM IST")."""
    if header is None:
        return []
    out: list[str] = []
    for el in header.anchor.xpath("following::*[position() <= 12]") if header.anchor is not None else ():
        text = _text(el).strip(" |-–—•·")
        if text.casefold() in WIRE_AGENCIES:
            out.append(text)
            break
    for distance, text, next_text in header.lines():
        if not 0 < distance <= 2:
            break
        text = text.strip(" |-–—•·")
        if (
            len(text.split()) <= 3
            and _has_org_word(text)
            and not page.is_site(text)
            and DATE_TEXT_RE.search(next_text)
            and not DATE_TEXT_RE.search(text)
        ):
            out.append(text)
    return out


def _organisation_credit(page: _Page, header: _Header | None) -> tuple[str, ...]:
    """The organisation the article's own author markup credits, when it credits no person: a JSON-LD
    ``author`` that is not typed as an Organization (CMSs put the publisher there), the author meta tags,
    a byline that says "By" or rel="author", a wire or desk credit under the headline. A story "By
    Wikimedia Foundation" or from the JIJI wire has that author; the publisher's name in a person's
    byline ("Rob Picheta, CNN") never gets here."""
    raw: list[str] = []
    for obj in page.articles[:1]:
        value = obj.get("author") or obj.get("creator")
        if value:
            raw.extend(_ld_author_names(value, page))  # Organization-typed ones left out: CMSs put the publisher there
    for key in META_AUTHOR_KEYS:
        raw.extend(page.metas.get(key, []))
    for tier, el in _byline_elements(page):
        if tier == 0 and el.tag != "meta" and _credits_author(el):
            raw.append(_text(el))
    for _distance, text, _next in header.lines() if header is not None else ():
        credit = text if BYLINE_PREFIX_RE.match(text) else _names_after_date(text)  # "… 7:11 AM PST BY TMZ STAFF"
        if credit:
            raw.append(credit)
    raw.extend(_header_credits(page, header))
    about = _about_page_names(page)
    for text in raw:
        if len(text.split()) > MAX_BYLINE_WORDS:
            continue
        names = [c for part in re.split(r"\s*;\s*", text) if (c := _credit_name(part)) and _key(c) not in about]
        if names:
            return _dedupe(names)
    return ()


ABOUT_PAGE_RE = re.compile(r"^/(?:about|about-?us|who-?we-?are|our-?company)/?$", re.IGNORECASE)


def _about_page_names(page: _Page) -> set[str]:
    """Keys of the names that link to the site's "About us" page: a byline "By Betty Crocker Kitchens" linked
    there credits the publisher, not an author."""
    names = set()
    for a in page.tree.xpath("//a[@href]"):
        path = re.sub(r"^(?:https?:)?//[^/]+", "", a.get("href").strip()).split("?")[0].split("#")[0]
        if ABOUT_PAGE_RE.match(path):
            names.add(_key(_text(a)))
    return names


OWNED_SITE_RE = re.compile(  # a personal site named after its owner: "Gregory Szorc's Digital Home"
    r"^(?P<name>.+?)['’]s\s+(?:(?:personal|digital|official|little|web|tech|dev|photo|travel)\s+)?"
    r"(?:blog|weblog|home\s*page|home|web\s*site|site|journal|notes|notebook|corner|place|musings|ramblings)$",
    re.IGNORECASE,
)


def _site_owner(page: _Page) -> str | None:
    """The person a personal site is named after, from a part of its site name or of its <title>
    ("Gregory Szorc's Digital Home | Mercurial's Journey ...", "Daniel Lemire's blog")."""
    site_parts = [part.strip() for part in TITLE_SEP_RE.split(page.site_name or "")]  # "example.org - Ann Lee's blog"
    for text in [*site_parts, *_title_parts(page)]:
        m = OWNED_SITE_RE.match(text)
        if m and _person_shaped(m.group("name")) and _valid_name(m.group("name"), None, strict=True):
            return _fix_case(m.group("name"))
    return None


def _authors(page: _Page, header: _Header | None = None) -> tuple[tuple[str, ...], str | None]:
    """The author list most sources agree on; ties go to the most trusted source.

    Sources disagree mostly when a CMS field holds the account that posted the story (a web producer)
    while the byline and the analytics tags name the reporters: agreement picks the reporters.
    With no person named anywhere, the organisation the byline credits is the author ("organisation"),
    and failing that the person a personal site is named after ("site-name").
    """
    candidates = _author_candidates(page, header)
    if not candidates:
        credit = _organisation_credit(page, header)
        if credit:
            return credit, "organisation"
        owner = _site_owner(page)
        return ((owner,), "site-name") if owner else ((), None)
    keys = [{_key(n) for n in names} for _, names in candidates]

    def support(i: int) -> int:
        return sum(1 for j in range(len(candidates)) if j != i and keys[i] & keys[j])

    best = max(range(len(candidates)), key=lambda i: (support(i), -i))
    # A fuller list that contains the chosen one (JSON-LD naming only the first of two reporters), when
    # what it adds are people: "By A and B | WASHINGTON" adds a dateline, not a third reporter.
    for i in range(len(candidates)):
        added = [n for n in candidates[i][1] if _key(n) not in keys[best]]
        if keys[i] > keys[best] and support(i) >= 1 and all(_person_shaped(n) for n in added):
            best = i
    # And the other way round: a list padded with credits ("Jane Doe, Ann Lee, Bo Park using MAC Cosmetics",
    # the story's photo and styling credits in a CMS field) yields to the byline it contains.
    for i in range(len(candidates)):
        extra = [n for n in candidates[best][1] if _key(n) not in keys[i]]
        if keys[i] < keys[best] and support(i) >= 1 and not all(_person_shaped(n) for n in extra):
            best = i
            break
    return candidates[best][1], candidates[best][0]


# ================================================================================================
# Dates
# ================================================================================================


def parse_date(value: str | None) -> datetime | None:
    """A date string as an aware UTC datetime; a bare date is midnight UTC. None when unparseable or implausible."""
    parsed = _parse_date_local(value)
    return parsed.astimezone(UTC) if parsed is not None else None


def _parse_date_local(value: str | None) -> datetime | None:
    """Like :func:`parse_date` but keeps the page's own UTC offset (its calendar date is the publisher's)."""
    if not value or not isinstance(value, str):
        return None
    text = _clean(value)
    if not text or len(text) > 80:
        return None
    parsed = _parse_iso(text)
    if parsed is None:
        if re.fullmatch(r"\d{9,13}", text):  # epoch seconds / milliseconds
            seconds = int(text) / (1000 if len(text) > 11 else 1)
            try:
                parsed = datetime.fromtimestamp(seconds, tz=UTC)
            except (OverflowError, OSError, ValueError):
                return None
        else:
            parsed = _parse_loose(text)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if not MIN_YEAR <= parsed.astimezone(UTC).year <= MAX_YEAR:
        return None
    return parsed


def _parse_iso(text: str) -> datetime | None:
    m = ISO_DATE_RE.match(text)
    if not m:
        return None
    try:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        hh, mm, ss = int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0)
        if hh == 24:
            hh = 0
        result = datetime(y, mo, d, hh, mm, min(ss, 59))
    except ValueError:
        return None
    tz = (m["tz"] or "").upper()
    if tz in ("Z", "UTC", "GMT"):
        return result.replace(tzinfo=UTC)
    if tz:
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 14 or minutes >= 60:
            return result.replace(tzinfo=UTC)
        return result.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    return result


_DEFAULT_DATE = datetime(1900, 1, 1)
# Zone abbreviations news pages print after times ("9:49 am EST"); IST is India's (the common use on news sites).
_TZ_ABBREVIATIONS = {
    name: int(float(hours) * 3600)
    for name, hours in (
        pair.split("=")
        for pair in (
            "UTC=0 GMT=0 Z=0 WET=0 BST=1 CET=1 WAT=1 CEST=2 EET=2 SAST=2 EEST=3 MSK=3 EAT=3 IST=5.5 PKT=5 ICT=7 "
            "WIB=7 HKT=8 SGT=8 PHT=8 AWST=8 JST=9 KST=9 AEST=10 AEDT=11 NZST=12 NZDT=13 AST=-4 ADT=-3 EST=-5 EDT=-4 "
            "ET=-5 CST=-6 CDT=-5 CT=-6 MST=-7 MDT=-6 MT=-7 PST=-8 PDT=-7 PT=-8 AKST=-9 AKDT=-8 HST=-10"
        ).split()
    )
}


def _parse_loose(text: str) -> datetime | None:
    """RFC 2822 and human dates ("Fri, 30 Oct 2020 07:45:02 GMT", "Tue Feb 20 2018 01:00:00 GMT+0100 (CET)")."""
    text = PARENTHESES_RE.sub(" ", text)
    # "GMT+0100" means one hour ahead of UTC; dateutil reads POSIX-style "GMT+1" the other way round.
    text = GMT_OFFSET_RE.sub(lambda m: f" {m.group(1)}{int(m.group(2)):02d}{m.group(3) or '00'}", text)
    text = re.sub(r"\b(?:at|@|on|published|updated|posted)\b", " ", text, flags=re.IGNORECASE)
    text = WS_RE.sub(" ", text).strip(" ,|")
    if not re.search(r"(?:19|20)\d{2}", text):
        return None
    without_year = re.sub(r"(?:19|20)\d{2}", " ", text)
    if not HAS_DAY_RE.search(re.sub(r"\d{1,2}:\d{2}(?::\d{2})?", " ", without_year)):
        return None  # a month or a year alone is not a date
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil warns about zone names it does not know; they are ignored
        try:
            parsed = date_parser.parse(text, default=_DEFAULT_DATE, fuzzy=False, tzinfos=_TZ_ABBREVIATIONS)
        except (ValueError, OverflowError, TypeError):
            try:
                parsed = date_parser.parse(text, default=_DEFAULT_DATE, fuzzy=True, tzinfos=_TZ_ABBREVIATIONS)
            except (ValueError, OverflowError, TypeError):
                return None
    if parsed.year == 1900:
        return None
    return parsed


def _ld_dates(objs: list[dict], fields: tuple[str, ...], vague: bool) -> Iterator[tuple[str, str, bool]]:
    for obj in objs:
        for field in fields:
            value = obj.get(field)
            if isinstance(value, list) and value:
                value = value[0]
            if isinstance(value, str):
                yield f"json-ld:{field}", value, vague


def _date_candidates(page: _Page) -> Iterator[tuple[str, str, bool]]:
    """(source, raw value, vague) for the original publication date, most trusted first. Vague ones (a bare
    "date" meta, a WebPage's date) come last and yield to a date the article header labels "Published"."""
    yield from _ld_dates(page.articles, ("datePublished", "dateCreated"), vague=False)
    other_keys = [
        k for k in page.metas
        if k not in META_DATE_KEYS and META_DATE_KEY_RE.search(k) and not META_NOT_DATE_KEY_RE.search(k)
    ]
    for key in (*META_DATE_KEYS, *other_keys):
        for value in page.metas.get(key, []):
            yield f"meta:{key}", value, False
    for el in page.tree.xpath(
        "//*[@itemprop='datePublished' or @itemprop='dateCreated'][not(self::meta)]"
        " | //time[@pubdate] | //*[contains(concat(' ', normalize-space(@class), ' '), ' published ')]"
        " | //abbr[contains(@class, 'published')]"
    ):
        if _container_kind(el) == "excluded":
            continue  # a comment's or a teaser's date
        for attr in ("datetime", "content", "title", "data-datetime"):
            value = el.get(attr)
            if value:
                yield f"html:{el.tag}[{attr}]", value, False
                break
        else:
            yield f"html:{el.tag}", _text(el), False
    for key in META_VAGUE_DATE_KEYS:
        for value in page.metas.get(key, []):
            yield f"meta:{key}", value, True
    yield from _ld_dates(page.pages, ("datePublished", "dateCreated", "uploadDate"), vague=True)


def _url_date(url: str | None) -> datetime | None:
    if not url:
        return None
    path = re.sub(r"^https?://[^/]+", "", url)
    m = DATE_IN_URL_RE.search(path) or DATE_IN_URL_SECTION_RE.search(path)
    if m:
        try:
            return datetime(int(m["y"]), int(m["m"]), int(m["d"]), tzinfo=UTC)
        except ValueError:
            return None
    m = DATE_IN_URL_NAMED_RE.search(path)
    if m:
        try:
            return date_parser.parse(f"{m['d']} {m['m']} {m['y']}", default=_DEFAULT_DATE).replace(tzinfo=UTC)
        except (ValueError, OverflowError):
            return None
    return None


def _htmldate(html: str, page: _Page) -> datetime | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate ships with trafilatura
        return None

    def search(extensive: bool) -> str | None:
        return find_date(
            html,
            extensive_search=extensive,
            original_date=True,
            url=page.url or page.given_url,
            min_date=datetime(MIN_YEAR, 1, 1),
            max_date=datetime(MAX_YEAR, 12, 31),
        )

    try:
        found = search(extensive=True)
        # The extensive search fills a missing day with 01: "© 2011" gives 2011-01-01, "2019/09" 2019-09-01.
        # Such a day counts only when the page's markup states it (the plain search finds it too).
        if found and found.endswith("-01") and search(extensive=False) != found:
            return None
    except Exception:  # noqa: BLE001 - htmldate can raise on odd markup; a heuristic must never break the page
        return None
    return _parse_date_local(found) if found else None


def _looks_like_article(page: _Page) -> bool:
    """Any sign that the page is one article (not a home page, a listing or a service page)?"""
    if page.articles or (page.meta("og:type") or "").lower() in ("article", "blog", "news", "blogposting"):
        return True
    if any(key.startswith("article:") for key in page.metas):
        return True
    try:
        # one WordPress-style post container (id="post-524") is a single post; a listing has one per post
        post_ids = [i for i in page.tree.xpath("//*[starts-with(@id, 'post-')]/@id") if POST_ID_RE.match(i)]
        if len(post_ids) == 1:
            return True
        return bool(
            page.tree.xpath(
                "(//article | //time | //*[@itemprop='articleBody' or @itemprop='datePublished']"
                " | //*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')"
                " or contains(concat(' ', normalize-space(@class), ' '), ' type-post ')"
                " or contains(@class, 'entry-content') or contains(@class, 'post-content')"
                " or contains(@class, 'article-body') or contains(@class, 'article-content')"
                " or contains(@class, 'articlebody') or contains(@class, 'articlecontent')"
                " or contains(@class, 'article__body') or contains(@class, 'article__content')"
                " or contains(@class, 'story-body') or contains(@class, 'story-content')"
                " or contains(@class, 'post-body') or contains(@class, 'entry-body')])[1]"
            )
        )
    except etree.XPathError:
        return False


def _published(html: str, page: _Page, header: _Header | None = None) -> tuple[datetime | None, str | None]:
    """The original publication date (with the page's own UTC offset) and where it came from. Most trusted first:
    the dates the page declares for the article (JSON-LD, meta, microdata, hNews); the date its header labels
    "Published"; the URL's date; vaguer declared dates; a <time> or a date line by the headline; an "Updated"
    date when the header shows no other; htmldate's guess. A page that does not look like one article takes no
    unlabelled date from its text."""
    vague: list[tuple[datetime, str]] = []
    for source, raw, is_vague in _date_candidates(page):
        parsed = _parse_date_local(raw)
        if parsed is not None and not is_vague:
            return parsed, source
        if parsed is not None:
            vague.append((parsed, source))
    shown = _header_dates(header, page) if header is not None else []
    ranked = [(d, source) for d, source in shown if source == "header:published"]
    found = _url_date(page.url) or _url_date(page.given_url)
    if found is not None:
        ranked.append((found, "url"))
    # A vague date on 1 January with no time ("01/01/2004" in a recipe's "datecreated") stands for a year, or for
    # nothing: a date the header shows beats it.
    year_only = [(d, source) for d, source in vague[:1] if (d.month, d.day, d.time()) == (1, 1, time(0))]
    ranked += [v for v in vague[:1] if v not in year_only]
    # A home page or a listing shows some date, rarely the right one; a byline under the headline marks an article.
    if _looks_like_article(page) or (header is not None and _header_byline(header, page)):
        ranked += [(d, source) for d, source in shown if source != "header:published"]
        if not ranked and not year_only:
            found = _htmldate(html, page)
            ranked += [(found, "htmldate")] if found is not None else []
    ranked += year_only
    return ranked[0] if ranked else (None, None)


DATE_ELEMENTS_XPATH = "//time | //*[@itemprop='datePublished' or @itemprop='dateCreated'][not(self::meta)]"
MAX_DATE_TEXT_CHARS = 60  # a date element's text longer than this holds more than its date


def _calendar_date(published: datetime, page: _Page, header: _Header | None) -> date:
    """The publisher's calendar date. A time stated in UTC may fall on the next or the previous day there; the
    publisher's day is then the one the page gives the same moment with its own offset, else the day its article
    header shows or its URL files the story under (/2023/11/08/ for 2023-11-09T04:30Z) when some time zone is
    on that day at that moment."""
    local = published.date()
    if published.utcoffset() != timedelta(0) or published.time() == time(0):
        return local  # the page's own offset, or a bare date
    times = header.times if header is not None else []
    declared = (raw for _source, raw, _vague in _date_candidates(page))
    # the text a date element shows: <time datetime="2014-12-18T01:01:00Z">December 17, 2014 at 08:01PM EST</time>
    texts = (text for el in page.tree.xpath(DATE_ELEMENTS_XPATH) if len(text := _text(el)) <= MAX_DATE_TEXT_CHARS)
    for raw in chain(declared, (el.get("datetime") for el in times), texts):
        other = _parse_date_local(raw)
        if other is not None and other.utcoffset() and abs((other - published).total_seconds()) <= 60:
            return other.date()
    shown = [d for d, _source in _header_dates(header, page)][:1] if header is not None else []
    earliest, latest = (published + timedelta(hours=h) for h in ZONE_OFFSET_HOURS)  # the day somewhere on Earth
    for day in (*shown, _url_date(page.url) or _url_date(page.given_url)):
        if day is not None and earliest.date() <= day.date() <= latest.date():
            return day.date()
    return local


# ================================================================================================
# Entry point
# ================================================================================================


def _article_body(page: _Page) -> tuple[str, ...]:
    """The paragraphs of the ``articleBody`` of the page's JSON-LD article. When several articles carry one
    (a section page listing stories), only one that says it is this page counts.

    Some publishers put markup in it: a line break, or the end of a paragraph, heading or list item,
    ends a paragraph there, and the other tags go.
    """
    bodies = [(obj, body) for obj in page.articles if (body := _declared_text(obj.get("articleBody")))]
    if len({body for _obj, body in bodies}) > 1:  # one article declared twice (theme and SEO plugin) is one
        bodies = [(obj, body) for obj, body in bodies if page._describes_this_page(obj)]
    if not bodies:
        return ()
    body = bodies[0][1]
    if "&lt;" in body:  # markup escaped once more
        body = html_lib.unescape(body)
    if BODY_MARKUP_RE.search(body):
        body = MARKUP_TAG_RE.sub("", BODY_BREAK_TAG_RE.sub("\n", body))
    return tuple(paragraph for paragraph in map(_clean, body.splitlines()) if paragraph)


def _declared_text(value) -> str:
    """A JSON-LD text property: a string, or a list of strings (one per paragraph)."""
    if isinstance(value, list):
        value = "\n".join(part for part in value if isinstance(part, str))
    return value if isinstance(value, str) and value.strip() else ""


def _descriptions(page: _Page) -> tuple[str, ...]:
    """The summaries the page declares for itself, most trusted first: meta tags, then the article's JSON-LD."""
    found = [v for key in ("og:description", "description", "twitter:description", "dc.description")
             for v in page.metas.get(key, ()) if v]
    found += [_clean(v) for obj in page.articles if isinstance(v := obj.get("description"), str) and _clean(v)]
    return tuple(dict.fromkeys(found))


def page_metadata(html: str, url: str | None = None, tree=None) -> PageMetadata:
    """Title, authors, original publication date, site name, canonical URL and description of a page.

    ``tree`` may be an lxml tree of ``html`` the caller already parsed; it is only read, never changed.
    """
    html = html or ""
    if tree is None:
        tree = _parse_html(html)
    elif hasattr(tree, "getroot"):
        tree = tree.getroot()
    if tree is None:
        published = _url_date(url)
        return PageMetadata(
            None, (), published, "url" if published else None, None, url, None, published.date() if published else None
        )
    page = _Page(tree, url)
    title = _best_title(page)
    header = _article_header(page, title)
    authors, authors_source = _authors(page, header)
    published, source = _published(html, page, header)
    descriptions = _descriptions(page)
    return PageMetadata(
        title=title,
        authors=authors,
        published_at=published.astimezone(UTC) if published is not None else None,
        published_at_source=source,
        site_name=page.site_name,
        url=page.url,
        description=descriptions[0] if descriptions else None,
        published_date=_calendar_date(published, page, header) if published is not None else None,
        authors_source=authors_source,
        article_body=_article_body(page),
        descriptions=descriptions,
    )
