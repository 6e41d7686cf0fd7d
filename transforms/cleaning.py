"""Cleaning: turn one news article (HTML page or plain text) into a :class:`CleanArticle`.

Everything here is a pure function of its text arguments: no file or network I/O, no NLP models
beyond py3langid. Two entry points:

* :func:`clean_html` runs trafilatura for the main text and metadata, then the same line filters
  as plain text (boilerplate, bylines, "read next" blocks) over its paragraphs.
* :func:`clean_plaintext` handles text with one paragraph per line. Every rule is general: a line
  is dropped because of what it *is* (a promotion, a photo credit, a footer, a byline ...), never
  because of which site it came from.

``body_text`` always holds the kept paragraphs unchanged (only surrounding white space is stripped),
joined by exactly one blank line, so character offsets into it are stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import py3langid
import tldextract
import trafilatura
from trafilatura.settings import set_date_params
from trafilatura.xml import xmltotxt

__all__ = ["CleanArticle", "clean_html", "clean_plaintext", "detect_language"]

PARAGRAPH_SEPARATOR = "\n\n"

# --- size thresholds -------------------------------------------------------------------------
MAX_TITLE_WORDS = 20  # a headline is at most this long
MAX_HEADING_WORDS = 12  # a section heading is at most this long
MIN_PARAGRAPH_WORDS = 6  # a "real paragraph" sentence (ends a read-next block) is at least this long
MAX_CREDIT_WORDS = 10  # a photo-credit line naming an agency is at most this long
MAX_SPONSOR_WORDS = 15  # "brought to you by X" alone marks a footer only on a short line
MAX_BYLINE_WORDS = 20
MIN_LANGUAGE_LETTERS = 20  # below this, language detection is a guess: return None
MIN_PRECISION_CHARS = 200  # a precision extraction shorter than this triggers the recall retry
CAPITALISED_SHARE = 0.75  # share of content words that must be capitalised in a heading

# --- characters --------------------------------------------------------------------------------
TERMINAL_PUNCTUATION = ".!?…"
HEADING_BAD_ENDINGS = TERMINAL_PUNCTUATION + ":;,"
CLOSING_MARKS = "\"'”’»)]}*_ \u00a0"  # ignored when looking at how a line ends

# --- word lists --------------------------------------------------------------------------------
# Words a title-cased heading may leave in lower case.
MINOR_WORDS = frozenset(
    "a an the and or nor but for of in on at to by with from as vs vs. via per into onto over under "
    "amid after before about up off out than its is are be was were if so yet".split()
)
# Words that never belong to a person's name in a byline.
NON_NAME_WORDS = frozenset(
    "the a an staff editor editors editorial reporter reporters writer writers correspondent news team "
    "desk press agency wire contributor contributors admin guest our their times post daily weekly "
    "associated reuters bloomberg ai bot monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "today yesterday tomorrow morning evening night week month year end".split()
)
# Lower-case name particles allowed inside a name ("Ludwig van Beethoven").
NAME_PARTICLES = frozenset("de da di del della der den van von la le du dos das bin bint al el ibn st. y".split())
# Words that may join capitalised words inside a publisher name ("The Times of India").
PUBLISHER_CONNECTORS = frozenset("of and & the for".split())
# Words that end a publisher name taken from a footer.
PUBLISHER_STOP_WORDS = frozenset("all some rights reserved copyright".split())
CORPORATE_SUFFIXES = frozenset("inc inc. ltd ltd. llc llc. corp corp. co co. gmbh plc limited".split())
# Lines that are boilerplate all by themselves (compared case-folded, without punctuation).
LONE_BOILERPLATE = frozenset(
    {
        "advertisement",
        "sponsored",
        "sponsored content",
        "story continues below",
        "story continues below advertisement",
        "continue reading",
        "share this article",
        "share",
        "print",
        "comments",
    }
)
# Stock-photo and wire agencies named in photo-credit lines.
PHOTO_AGENCIES = (
    "shutterstock",
    "getty images",
    "getty",
    "istock",
    "istockphoto",
    "alamy",
    "ap photo",
    "ap images",
    "associated press",
    "reuters",
    "afp",
    "epa",
    "epa-efe",
    "unsplash",
    "pexels",
    "adobe stock",
    "dreamstime",
    "depositphotos",
    "wikimedia commons",
    "imago",
    "sipa",
)

# --- line patterns -----------------------------------------------------------------------------
BULLET_RE = re.compile(r"^[-–—•*▪●·]\s+")

# Calls to action, anchored at the start of a line or sentence so that reporting about people who
# "sign up" or "subscribe" is not mistaken for a promotion.
_CTA_VERBS = (
    r"register(?:\s+(?:here|now|today|for\s+free|for\s+(?:the|our|this)|to)\b)",
    r"sign[ -]?up\b",
    r"subscribe\b",
    r"click\b",
    r"tap\s+here\b",
    r"download\s+(?:the|our|it|now)\b",
    r"get\s+(?:the\s+latest|our|your\s+free|free|access|instant)\b",
    r"join\s+(?:us|now|today|our|free)\b",
    r"don[’']?t\s+miss\b",
    r"follow\s+us\b",
    r"(?:claim|grab|reserve)\s+your\b",
    r"try\s+(?:it\s+)?(?:free|now)\b",
)
CTA_RE = re.compile(r"(?:^|[.!?…]\s+|[|:–—]\s*)(?:" + "|".join(_CTA_VERBS) + ")", re.IGNORECASE)
CTA_ANYWHERE_RE = re.compile(
    r"\b(?:click|tap|register|sign[ -]?up|subscribe)\s+here\b|\bget\s+the\s+latest\b"
    r"|\bdownload\s+(?:the|our)\s+(?:\w+\s+)?app\b",
    re.IGNORECASE,
)
# Weaker promotional cues: enough to drop a bullet, not a paragraph.
WEAK_PROMO_RE = re.compile(
    r"\bfree\b.{0,40}?\b(?:event|webinar|masterclass|workshop|trial|report|e-?book|guide|newsletter)s?\b"
    r"|\blimited[- ]time\b|\b(?:exclusive|special)\s+offer\b|\b(?:promo|coupon|discount)\s+code\b",
    re.IGNORECASE,
)
# "Also Read: <headline>" style cross-links.
ALSO_READ_RE = re.compile(
    r"^(?:also\s+read|read\s+also|read\s+more|read\s+next|related|see\s+also|recommended|don[’']?t\s+miss"
    r"|must\s+read|trending|watch|listen|more\s+reading|further\s+reading)\s*[:：|–—-]\s*\S",
    re.IGNORECASE,
)
# A heading that introduces a list of other articles; it and the headlines after it go.
RELATED_HEADING_RE = re.compile(
    r"^(?:read\s+next|read\s+more|related(?:\s+(?:articles?|stories|coverage|content|posts|news|reading|links))?"
    r"|more\s+from\b.{0,50}|more\s+(?:stories|news|coverage)|more\s+on\s+this\s+story"
    r"|(?:you|we\s+think\s+you)\s+(?:may|might)\s+also\s+(?:like|enjoy)|recommended(?:\s+(?:for\s+you|reading|stories))?"
    r"|trending(?:\s+(?:now|stories))?|most\s+(?:read|popular)|further\s+reading|what\s+to\s+read\s+next"
    r"|editor[’']?s\s+picks|see\s+also|top\s+stories)\s*:?$",
    re.IGNORECASE,
)
# "Photo: ...", "Image credit Reuters", "Credit: ...", "Photograph by ...".
CREDIT_PREFIX_RE = re.compile(
    r"^\(?(?:photo(?:graph)?s?|images?|pictures?|illustration|credits?|pictured)"
    r"(?:\s*[:/|–—-]|\s+(?:credits?|courtesy|by|via|source)\b)",
    re.IGNORECASE,
)
COURTESY_RE = re.compile(r"^\(?(?:courtesy|handout)\b", re.IGNORECASE)  # "Courtesy G4", "Courtesy of the family"
_AGENCIES = "|".join(re.escape(a) for a in PHOTO_AGENCIES)
AGENCY_RE = re.compile(rf"\b(?:{_AGENCIES})\b", re.IGNORECASE)
AGENCY_AT_END_RE = re.compile(rf"\b(?:{_AGENCIES})\W*$", re.IGNORECASE)
# "This content was partially produced with the help of AI tools ..."
AI_DISCLOSURE_RE = re.compile(
    r"^(?:this|the|parts\s+of\s+this|portions\s+of\s+this|some\s+of\s+this)\s+(?:\w+\s+){0,2}?"
    r"(?:content|article|story|post|report|piece|summary|text|translation)\b.{0,60}?"
    r"\b(?:produced|generated|written|created|drafted|assisted|translated|prepared|summari[sz]ed)\b.{0,40}?"
    r"\b(?:with|by|using|through)\b.{0,30}?"
    r"(?:(?-i:\bAI\b)|\bA\.I\.|\bartificial\s+intelligence\b|\blarge\s+language\s+models?\b|\bautomat)",
    re.IGNORECASE,
)
# Publisher footers: copyright, rights reserved, investment-advice disclaimers.
FOOTER_RE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s+(?:©\s*)?\d{4}|\ball\s+rights\s+reserved\b"
    r"|\bdoes\s+not\s+(?:provide|offer|constitute|give)\s+(?:\w+\s+)?(?:investment|financial|legal)\s+advice\b"
    r"|\bnot\s+(?:intended\s+as|to\s+be\s+construed\s+as)\s+(?:investment|financial)\s+advice\b",
    re.IGNORECASE,
)
SPONSOR_RE = re.compile(r"\bbrought\s+to\s+you\s+by\b", re.IGNORECASE)

# Bylines. Group "names" holds everything after the "by".
BYLINE_RE = re.compile(
    r"^(?:(?:originally\s+)?(?:written|reported|posted|published|compiled|story|words)\s+)?by\s*[:–—-]?\s*(?P<names>.+)$",
    re.IGNORECASE,
)
AUTHOR_LABEL_RE = re.compile(r"^(?:authors?|writers?|words)\s*:\s*(?P<names>.+)$", re.IGNORECASE)
# "Reporting by A and B in London; Editing by C" -> the reporters only.
REPORTING_RE = re.compile(
    r"^(?:additional\s+)?(?:reporting|writing)\s+by\s*:?\s*(?P<names>[^;|]+?)\s*(?:[;|].*)?$", re.IGNORECASE
)
PLACE_SUFFIX_RE = re.compile(r"\s+in\s+[A-Z][\w .,-]*$")
NAME_SEPARATOR_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
NAME_TOKEN_RE = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’.][^\W\d_]+)*\.?$")

# Publisher hints in footers.
COPYRIGHT_PREFIX_RE = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*", re.IGNORECASE
)
PUBLISHED_BY_RE = re.compile(
    r"\bpublished\s+by\s+(?P<name>[A-Z][\w.&'’ -]{0,40}?)\s+(?:editors|staff|newsroom|team|editorial)\b"
)
DISCLAIMER_RE = re.compile(
    r"(?:^|[.!?]\s+)(?P<name>[A-Z][\w.&'’ -]{0,40}?)\s+does\s+not\s+(?:provide|offer|give)\s+(?:\w+\s+)?"
    r"(?:investment|financial)\s+advice"
)
DOMAIN_TOKEN_RE = re.compile(r"\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}\b")
# "Headline | Site Name", "Headline - Site Name" ...
TITLE_SEPARATOR_RE = re.compile(r"\s+(?:\||-|–|—|·|::|»)\s+")
# Metadata author strings that name nobody, and prefixes some sites put before a name.
GENERIC_AUTHORS = frozenset(
    "staff agencies admin administrator editor editors editorial unknown anonymous guest team".split()
    + ["no author", "editorial staff", "staff writer", "staff reporter", "news desk"]
)
AUTHOR_PREFIX_RE = re.compile(r"^(?:view\s+all\s+posts\s+by|posts\s+by|posted\s+by|written\s+by|by)\s*:?\s+", re.I)
HTML_LANG_RE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?![A-Za-z])", re.IGNORECASE)

# suffix_list_urls=() keeps tldextract on its bundled snapshot (no download); cache_dir=None: no disk cache.
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
DATE_OUTPUT_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


@dataclass(frozen=True)
class CleanArticle:
    body_text: str  # paragraphs separated by exactly one blank line ("\n\n"); no leading/trailing whitespace
    title: str | None
    authors: tuple[str, ...]
    published_at: datetime | None  # timezone-aware (UTC) when known
    published_at_source: str | None  # e.g. "trafilatura"; None when published_at is None
    site_name: str | None
    domain: str | None  # registered domain, e.g. "benzinga.com"
    url: str | None
    language: str | None  # ISO 639-1, e.g. "en"
    headings: tuple[str, ...]  # section headings kept inside body_text, in order
    heading_spans: tuple[tuple[int, int], ...]  # (start, end) offsets of each heading inside body_text
    extraction_method: str  # "trafilatura" | "trafilatura_fallback" | "plaintext"


# ================================================================================================
# Small text predicates
# ================================================================================================


def _words(line: str) -> list[str]:
    return line.split()


def _last_mark(line: str) -> str:
    """The last character of a line once closing quotes, brackets and emphasis marks are ignored."""
    return line.rstrip(CLOSING_MARKS)[-1:]


def _is_bullet(line: str) -> bool:
    return bool(BULLET_RE.match(line))


def _strip_bullet(line: str) -> str:
    return BULLET_RE.sub("", line, count=1)


def _ends_sentence(line: str) -> bool:
    mark = _last_mark(line)
    return bool(mark) and mark in TERMINAL_PUNCTUATION


def _is_real_paragraph(line: str) -> bool:
    """A line of running text: a full sentence of some length, or simply too long for a headline."""
    n_words = len(_words(line))
    return n_words > MAX_TITLE_WORDS or (_ends_sentence(line) and n_words >= MIN_PARAGRAPH_WORDS)


def _is_mostly_capitalised(line: str) -> bool:
    """Title case: the first word and most content words start with a capital letter or a digit."""
    words = [w.strip("\"'“”‘’()[]") for w in _words(line)]
    words = [w for w in words if any(c.isalnum() for c in w)]
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    content = [w for w in words if w.casefold() not in MINOR_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised / len(content) >= CAPITALISED_SHARE


def _looks_like_headline(line: str) -> bool:
    """Rule 1: a short line without terminal punctuation that is not a bullet."""
    return (
        not _is_bullet(line)
        and 0 < len(_words(line)) <= MAX_TITLE_WORDS
        and not _ends_sentence(line)
        and any(c.isalpha() for c in line)
    )


def _looks_like_heading(line: str) -> bool:
    """Rule 2 (shape only): short, title-cased, not a bullet, no closing . ! ? : ; , punctuation."""
    mark = _last_mark(line)
    return (
        not _is_bullet(line)
        and 0 < len(_words(line)) <= MAX_HEADING_WORDS
        and bool(mark)
        and mark not in HEADING_BAD_ENDINGS
        and _is_mostly_capitalised(line)
    )


def _can_follow_heading(line: str) -> bool:
    """A heading must be followed by running text or by a bullet list."""
    return _is_bullet(line) or _is_real_paragraph(line)


# ================================================================================================
# Boilerplate (rule 4)
# ================================================================================================


def _is_promo(core: str, is_bullet: bool) -> bool:
    """Calls to action anywhere; weaker promotional cues only on bullets."""
    if CTA_RE.search(core) or CTA_ANYWHERE_RE.search(core):
        return True
    return is_bullet and bool(WEAK_PROMO_RE.search(core))


def _is_photo_credit(core: str) -> bool:
    """A "Photo: ..." or "Image credit ..." line, or a short line crediting a stock or wire agency."""
    if CREDIT_PREFIX_RE.match(core) and len(_words(core)) <= 2 * MAX_CREDIT_WORDS:
        return True
    text = core.strip("()[] ")
    if len(_words(text)) > MAX_CREDIT_WORDS:
        return False
    if COURTESY_RE.match(text):
        return not _ends_sentence(text) or len(_words(text)) <= 3
    if not AGENCY_RE.search(text):
        return False
    if "/" in text:  # "Shutterstock/Photo Agency", "AP Photo/Evan Vucci", "Jane Doe/Reuters"
        return True
    # The line is just the agency, or ends with it ("Bloomberg via Getty Images"), and is no sentence.
    ends_with_agency = bool(AGENCY_AT_END_RE.search(text))
    return ends_with_agency and (len(_words(text)) <= 3 or not _ends_sentence(text))


def _is_footer(core: str) -> bool:
    if FOOTER_RE.search(core):
        return True
    return bool(SPONSOR_RE.search(core)) and len(_words(core)) <= MAX_SPONSOR_WORDS


def _boilerplate_kind(line: str) -> str | None:
    """Why a line is boilerplate ("promo", "also_read", "credit", "ai", "footer", "lone"), or None."""
    core = _strip_bullet(line)
    if core.casefold().strip(" .:!-–—|") in LONE_BOILERPLATE:
        return "lone"
    if _is_footer(core):
        return "footer"
    if AI_DISCLOSURE_RE.search(core):
        return "ai"
    if ALSO_READ_RE.match(core):
        return "also_read"
    if _is_photo_credit(core):
        return "credit"
    if _is_promo(core, _is_bullet(line)):
        return "promo"
    return None


# ================================================================================================
# Bylines (rule 3)
# ================================================================================================


def _looks_like_name(text: str) -> bool:
    """Two to five name-like tokens: capitalised words or initials, with lower-case particles inside."""
    tokens = _words(text)
    if not 2 <= len(tokens) <= 5:
        return False
    for i, token in enumerate(tokens):
        folded = token.casefold()
        if folded in NON_NAME_WORDS:
            return False
        if folded in NAME_PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if not (NAME_TOKEN_RE.match(token) and token[0].isupper()):
            return False
    return True


def _split_names(text: str) -> tuple[str, ...] | None:
    """Split "A and B, C" into names. Trailing affiliations ("Reuters", "Staff Writer") are dropped;
    anything else that is not a name rejects the whole byline (None)."""
    text = text.split("|")[0].strip().rstrip(".")
    parts = [p.strip(" .") for p in NAME_SEPARATOR_RE.split(text) if p.strip(" .")]
    names: list[str] = []
    for part in parts:
        if _looks_like_name(part):
            names.append(part)
        elif names and len(_words(part)) <= 3 and part[:1].isupper():
            continue  # an affiliation after the names
        else:
            return None
    return tuple(names) or None


def _parse_byline(line: str) -> tuple[str, ...] | None:
    """Authors named by a byline line ("By Jane Doe and John Roe", "Reporting by A; Editing by B")."""
    if len(_words(line)) > MAX_BYLINE_WORDS:
        return None
    reporting = REPORTING_RE.match(line)
    if reporting:
        return _split_names(PLACE_SUFFIX_RE.sub("", reporting.group("names")))
    match = BYLINE_RE.match(line) or AUTHOR_LABEL_RE.match(line)
    return _split_names(match.group("names")) if match else None


# ================================================================================================
# Publisher hints (rule 5)
# ================================================================================================


def _registered_domain(host_or_url: str) -> str | None:
    """The registered domain ("benzinga.com") of a URL or host name, from the bundled suffix list."""
    parts = _TLD_EXTRACT(host_or_url)
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}".lower()


def _leading_publisher_name(text: str) -> str | None:
    """The capitalised name at the start of ``text``, up to the end of its sentence."""
    taken: list[str] = []
    for token in _words(text):
        bare = token.rstrip(".,;:")
        ends_sentence = bare != token
        if not bare or bare.casefold() in PUBLISHER_STOP_WORDS:
            break
        if not (bare[0].isupper() or (taken and bare.casefold() in PUBLISHER_CONNECTORS)):
            break
        taken.append(bare)
        if ends_sentence:
            break
    while taken and (taken[-1].casefold() in PUBLISHER_CONNECTORS or taken[-1].casefold() in CORPORATE_SUFFIXES):
        taken.pop()
    return " ".join(taken) or None


def _publisher_from_footer(lines: Iterable[str]) -> tuple[str | None, str | None]:
    """(site_name, domain) named by footer lines: "© 2025 Example.com", "published by X editors" ..."""
    names: list[str] = []
    domain: str | None = None
    for line in lines:
        for match in COPYRIGHT_PREFIX_RE.finditer(line):
            name = _leading_publisher_name(line[match.end() :])
            if name:
                names.append(name)
        for pattern in (PUBLISHED_BY_RE, DISCLAIMER_RE):
            names.extend(m.group("name").strip() for m in pattern.finditer(line))
        for token in DOMAIN_TOKEN_RE.findall(line):
            domain = domain or _registered_domain(token)
    site_name = None
    for name in names:
        if DOMAIN_TOKEN_RE.fullmatch(name) and _registered_domain(name):
            domain = domain or _registered_domain(name)
            site_name = site_name or _TLD_EXTRACT(name).domain  # "Benzinga.com" -> "Benzinga"
        else:
            site_name = site_name or name
        if site_name:
            break
    return site_name, domain


# ================================================================================================
# Line filtering and body assembly (shared by HTML and plain text)
# ================================================================================================


@dataclass
class _Filtered:
    """Lines left after dropping boilerplate, plus what the dropped lines told us."""

    lines: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    footer_lines: list[str] = field(default_factory=list)


def _filter_lines(lines: Iterable[str]) -> _Filtered:
    """Drop boilerplate lines, bylines and "Read Next" blocks (rules 3 and 4)."""
    out = _Filtered()
    in_related_block = False
    for line in lines:
        # A byline wins over the credit rule ("By Ana Ruiz, Reuters"), except inside a list of
        # other articles, where it belongs to one of them.
        names = None if in_related_block else _parse_byline(line)
        if names:
            out.authors.extend(n for n in names if n not in out.authors)
            continue
        kind = _boilerplate_kind(line)
        if kind:
            if kind in ("footer", "ai"):
                out.footer_lines.append(line)
            continue
        if RELATED_HEADING_RE.match(line):
            in_related_block = True
            continue
        if in_related_block:
            if not _is_real_paragraph(line):
                continue  # a headline in the list of other articles
            in_related_block = False
        out.lines.append(line)
    return out


def _heading_indexes(paragraphs: Sequence[str]) -> list[int]:
    """Indexes of paragraphs that are section headings: heading-shaped and followed by text or bullets."""
    return [
        i
        for i in range(len(paragraphs) - 1)
        if _looks_like_heading(paragraphs[i]) and _can_follow_heading(paragraphs[i + 1])
    ]


def _assemble(
    paragraphs: Sequence[str], heading_indexes: Iterable[int]
) -> tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Join paragraphs with one blank line; return (body_text, headings, heading_spans)."""
    wanted = set(heading_indexes)
    headings: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for i, paragraph in enumerate(paragraphs):
        if i in wanted:
            headings.append(paragraph)
            spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), tuple(headings), tuple(spans)


def _nonempty_lines(text: str) -> list[str]:
    """Lines of ``text`` with surrounding white space stripped; blank lines removed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# ================================================================================================
# Language
# ================================================================================================


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` from py3langid, or None when the text is too short to tell."""
    if sum(c.isalpha() for c in text or "") < MIN_LANGUAGE_LETTERS:
        return None
    code, _score = py3langid.classify(text)
    return code or None


def _html_lang(html: str) -> str | None:
    """The two-letter primary subtag of ``<html lang="...">``, if any."""
    match = HTML_LANG_RE.search(html[:20000])
    if match and len(match.group(1)) == 2:
        return match.group(1).lower()
    return None


# ================================================================================================
# Plain text
# ================================================================================================


def clean_plaintext(text: str) -> CleanArticle:
    """Clean an article given as plain text, one paragraph per line.

    The first line is the title when it looks like a headline; bylines become authors; promotions,
    cross-links, photo credits, AI disclosures and footers are dropped (a footer may name the
    publisher); title-cased short lines followed by text are kept as headings.
    """
    filtered = _filter_lines(_nonempty_lines(text or ""))
    paragraphs = filtered.lines
    title = None
    if paragraphs and _looks_like_headline(paragraphs[0]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    body, headings, spans = _assemble(paragraphs, _heading_indexes(paragraphs))
    site_name, domain = _publisher_from_footer(filtered.footer_lines)
    return CleanArticle(
        body_text=body,
        title=title,
        authors=tuple(filtered.authors),
        published_at=None,
        published_at_source=None,
        site_name=site_name,
        domain=domain,
        url=None,
        language=detect_language(body),
        headings=headings,
        heading_spans=spans,
        extraction_method="plaintext",
    )


# ================================================================================================
# HTML
# ================================================================================================


def _extract(html: str, url: str | None, **mode: bool):  # -> trafilatura Document | None
    """One trafilatura run with metadata; ``mode`` picks favor_precision / favor_recall."""
    date_params = {**set_date_params(True), "outputformat": DATE_OUTPUT_FORMAT}
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=date_params,
        **mode,
    )


def _extract_best(html: str, url: str | None):  # -> (Document | None, method)
    """Precision first; when that yields (almost) nothing, retry favouring recall."""
    doc = _extract(html, url, favor_precision=True)
    if doc is not None and len(doc.text or "") >= MIN_PRECISION_CHARS:
        return doc, "trafilatura"
    retry = _extract(html, url, favor_recall=True)
    if retry is not None and len(retry.text or "") > len((doc.text or "") if doc is not None else ""):
        return retry, "trafilatura_fallback"
    return doc, "trafilatura_fallback"


def _parse_date(value: str | None) -> datetime | None:
    """trafilatura's date string as an aware UTC datetime (naive dates are taken as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _compact(text: str | None) -> str:
    """Case-folded letters and digits only, for loose comparisons of names."""
    return "".join(c for c in (text or "").casefold() if c.isalnum())


def _split_authors(value: str | None, site_name: str | None) -> list[str]:
    """trafilatura joins authors as "A; B". Drop prefixes like "Posted by", generic entries like
    "Staff" or "No Author", and the publisher when people are named too ("Rob Picheta; CNN")."""
    authors: list[str] = []
    for name in (value or "").split(";"):
        name = AUTHOR_PREFIX_RE.sub("", name.strip()).strip()
        if name and name.casefold() not in GENERIC_AUTHORS and name not in authors:
            authors.append(name)
    people = [name for name in authors if _compact(name) != _compact(site_name)]
    return people or authors


def _strip_site_suffix(title: str, site_name: str | None, domain: str | None) -> str:
    """Drop a trailing " | Site Name" (or " - site", matching the site name or domain label)."""
    site_keys = {key for key in (_compact(site_name), _compact(domain.split(".")[0] if domain else None)) if key}
    site = _compact(site_name)
    for separator in TITLE_SEPARATOR_RE.finditer(title):
        head, suffix = title[: separator.start()], _compact(title[separator.end() :])
        if len(_words(head)) < 2:
            continue
        if suffix in site_keys or (len(suffix) >= 4 and site.startswith(suffix)):
            return head
    return title


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _html_heading_texts(doc) -> list[str]:
    """Texts of the ``<head>`` elements trafilatura kept in its body tree."""
    if doc is None or doc.body is None:
        return []
    return [" ".join(xmltotxt(el, False).split()) for el in doc.body.iter("head")]


def clean_html(html: str, url: str | None = None) -> CleanArticle:
    """Clean an HTML page with trafilatura: main text, title, authors, date, site name, language.

    The body gets the same line filters as plain text. A headline repeated as the first body
    paragraph is removed (it is the title); ``<h2>``-style headings trafilatura kept become headings.
    """
    html = html or ""
    doc, method = _extract_best(html, url)
    meta = doc if doc is not None else trafilatura.extract_metadata(html, default_url=url)
    filtered = _filter_lines(_nonempty_lines(doc.text or "") if doc is not None else [])

    footer_site, footer_domain = _publisher_from_footer(filtered.footer_lines)
    site_name = (meta.sitename or "").strip() or footer_site
    page_url = url or meta.url or None
    domain = (_registered_domain(page_url) if page_url else None) or footer_domain
    raw_title = (meta.title or "").strip()
    title = _strip_site_suffix(raw_title, site_name, domain) or None

    paragraphs = filtered.lines
    if title and paragraphs and (_same_text(paragraphs[0], title) or _same_text(paragraphs[0], raw_title)):
        paragraphs = paragraphs[1:]  # the headline repeated at the top of the body
    heading_texts = {h.casefold() for h in _html_heading_texts(doc)}
    heading_indexes = [i for i, p in enumerate(paragraphs) if " ".join(p.split()).casefold() in heading_texts]
    body, headings, spans = _assemble(paragraphs, heading_indexes)

    published_at = _parse_date(meta.date)
    return CleanArticle(
        body_text=body,
        title=title,
        authors=tuple(_split_authors(meta.author, site_name) or filtered.authors),
        published_at=published_at,
        published_at_source="trafilatura" if published_at else None,
        site_name=site_name,
        domain=domain,
        url=page_url,
        language=meta.language or _html_lang(html) or detect_language(body),
        headings=headings,
        heading_spans=spans,
        extraction_method=method,
    )
