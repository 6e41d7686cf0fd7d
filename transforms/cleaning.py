"""Cleaning: turn one news article (HTML page or plain text) into a :class:`CleanArticle`.

Everything here is a pure function of its text arguments: no file or network I/O, no NLP models
beyond py3langid. Two entry points:

* :func:`clean_html` runs trafilatura for the main text and metadata (twice: with its defaults and
  favouring precision, keeping the default run's lines that precision confirms or that stand on
  their own), falls back to readability-lxml when that finds (almost) nothing, drops what the page
  marks as figure captions and lists of links, then applies the same line filters as plain text
  (boilerplate, bylines, "read next" blocks) over its paragraphs.
* :func:`clean_plaintext` handles text with one paragraph per line, or wrapped at a fixed width
  (joined back into paragraphs first). Every rule is general: a line is dropped because of what it
  *is* (a promotion, a photo credit, a footer, a byline ...), never because of which site it came
  from.

``body_text`` always holds the kept paragraphs unchanged (only surrounding white space is stripped),
joined by exactly one blank line, so character offsets into it are stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import SequenceMatcher
from itertools import takewhile

import lxml.html
import py3langid
import tldextract
import trafilatura
from lxml import etree
from readability import Document as ReadabilityDocument
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from transforms.metadata import (
    RELATED_HEADING_RE,
    ROLE_WORDS,
    PageMetadata,
    open_self_closed_scripts,
    page_metadata,
)

__all__ = ["CleanArticle", "clean_html", "clean_input", "clean_plaintext", "detect_language"]

PARAGRAPH_SEPARATOR = "\n\n"

# --- size thresholds -------------------------------------------------------------------------
MAX_TITLE_WORDS = 20  # a headline is at most this long
MAX_HEADING_WORDS = 12  # a section heading is at most this long
MAX_LEAD_LINES = 3  # the headline repeated in an HTML body is among its first lines
MIN_TITLE_PART_WORDS = 3  # one side of "Headline - Site" must be this long to count as the headline
MIN_HEADLINE_RUN = 3  # this many headline-like lines in a row are a list of other articles
MIN_LISTED_HEADLINE_WORDS = 4  # ... each at least this long
MAX_LABEL_WORDS = 4  # a line like "Episode Description:" above the text is a label
MAX_TAIL_LABEL_WORDS = 3  # a label ending the text ("In Video:", "Photos:"); "Here's the statement:" is text
MIN_PARAGRAPH_WORDS = 6  # a "real paragraph" sentence (ends a read-next block) is at least this long
MAX_CREDIT_WORDS = 10  # a photo-credit line naming an agency is at most this long
MAX_SPONSOR_WORDS = 15  # "brought to you by X" alone marks a footer only on a short line
MAX_BYLINE_WORDS = 20
MAX_BANNER_WORDS = 60  # a cookie banner or newsletter promo is at most this long
MAX_META_WORDS = 20  # a metadata line ("Tags: ...", a date) is at most this long
MAX_JOB_TITLE_WORDS = 6  # a job title under a byline ("CNBC Executive News Editor") is at most this long
# plain text wrapped at a fixed width is wrapped at 60-80 characters: never narrower or wider than these
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 40, 100
MIN_WRAP_BREAKS = 3  # ... and has at least this many breaks forced by the width in the middle of a sentence
MIN_LANGUAGE_LETTERS = 20  # below this, language detection is a guess: return None
MIN_DETECT_CHARS = 200  # a body this long is detected for its language rather than trusting <html lang>
MIN_PRECISION_CHARS = 200  # a precision extraction shorter than this is not trusted
PRECISION_SHARE = 0.5  # nor one with less than this share of the default extraction's text
MIN_BODY_CHARS = 250  # a body shorter than this (after the filters) makes the second extractor try
SECOND_EXTRACTOR_GAIN = 1.5  # the second extractor wins when it finds this many times more text
CAPITALISED_SHARE = 0.75  # share of content words that must be capitalised in a heading

# --- characters --------------------------------------------------------------------------------
TERMINAL_PUNCTUATION = ".!?…"
HEADING_BAD_ENDINGS = TERMINAL_PUNCTUATION + ":;,"
SENTENCE_BREAK_MARKS = TERMINAL_PUNCTUATION + ":;"  # a line ending with one of these may end a paragraph
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
        "story continued below",
        "story continues below advertisement",
        "continue reading",
        "share this article",
        "share",
        "print",
        "comments",
        "ad",
        "ads",
        "adchoices",
        "paid content",
        "paid post",
        "partner content",
        "article continues below",
        "article continues below advertisement",
        "article continues after advertisement",
        "story continues after advertisement",
        "continue reading below",
        "scroll to continue",
        "scroll to continue with content",
        "skip to content",
        "skip to main content",
        "main content",
        "back to top",
        "return to top",
        "top of page",
        "next",
        "previous",
        "next article",
        "previous article",
        "next story",
        "previous story",
        "loading",
        "see more",
        "show more",
        "view more",
        "load more",
        "read full article",
        "read the full article",
        "read the full story",
        "listen to this article",
        "sponsored ads",
        "sponsored links",
        "sponsored stories",
        "promoted stories",
        "promoted content",
        "ads by google",
    }
)
# Lines that are a credit and nothing else, under a photo ("Agencies", the Indian press's wire credit).
CREDIT_LINES = frozenset({"agencies", "file photo", "file image", "representative image", "representational image",
                          "representational photo", "image for representation"})
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
HYPHEN_BREAK_RE = re.compile(r"[^\W\d_]-$")  # "well-" at the end of a wrapped line: the word goes on ("well-known")

# Calls to action, anchored at the start of a line or sentence so that reporting about people who
# "sign up" or "subscribe" is not mistaken for a promotion.
_CTA_VERBS = (
    r"register(?:\s+(?:here|now|today|for\s+free|for\s+(?:the|our|this)|to)\b)",
    r"sign[ -]?up\b",
    r"subscribe\b",
    r"click(?:\s+(?:here|to|below|now|the\s+(?:link|button|box|banner|image|icon))\b|\s*$)",
    r"tap\s+here\b",
    r"download\s+(?:the|our|it|now)\b",
    r"get\s+(?:the\s+latest|our|your\s+free|free|access|instant|(?:\w+\s+)?(?:alerts|notifications)\b)\b",
    r"join\s+(?:us|now|today|our|free)\b",
    r"don[’']?t\s+miss\b",
    r"follow\s+us\b",
    r"(?:claim|grab|reserve)\s+your\s+(?:\w+\s+)?(?:spot|seat|place|copy|ticket|tickets|discount|offer|free)\b",
    r"try\s+(?:it\s+)?(?:free|now)\b",
)
CTA_RE = re.compile(r"(?:^|[.!?…]\s+|[|:–—]\s*)(?:" + "|".join(_CTA_VERBS) + ")", re.IGNORECASE)
# Anywhere in a line of banner length (MAX_BANNER_WORDS): a paragraph this long is the story, which may
# mention that you "get the latest thread when everyone responds".
CTA_ANYWHERE_RE = re.compile(
    r"\b(?:click|tap|register|sign[ -]?up|subscribe)\s+here\b"
    r"|\bget\s+the\s+latest\s+(?:\w+\s+){0,2}?(?:news|updates?|headlines|stories|alerts|deals|offers|coverage)\b"
    r"|\bdownload\s+(?:the|our)\s+(?:\w+\s+)?apps?\b|\bplease\s+(?:subscribe|sign\s+up|register|log\s*in|sign\s+in)\b"
    r"|\balready\s+(?:a\s+)?(?:subscriber|member)\b.{0,60}\b(?:log|sign)\s*in\b",
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
    r"^[(\[]?(?:also\s+read|read\s+also|read\s+more|read\s+next|related|see\s+also|recommended|don[’']?t\s+miss"
    r"|must\s+read|trending|watch|listen|more\s+reading|further\s+reading"
    r"|leia\s+também|lee\s+también|(?:à\s+)?lire\s+aussi|leggi\s+anche|lesen\s+sie\s+auch|lees\s+ook|baca\s+juga)"
    r"\s*[:：|–—-]\s*\S"
    r"|^[(\[]?(?:read|more|see|next|previous|related\s+(?:article|story|video)|more\s+from\s+[\w ]{1,40}?"
    r"|read\s+the\s+(?:full\s+)?(?:story|report|article)"
    r"|(?:also|more)\s+on\s+[\w ]{1,30}?)\s*[:：]\s*\S",
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
# In-page navigation: "Go back to top", "Skip to: Start of Article", "Jump to navigation".
SKIP_NAV_RE = re.compile(
    r"^(?:(?:go|jump|scroll)\s+)?(?:back|return)\s+to\s+(?:the\s+)?top(?:\s+of\s+(?:the\s+)?page)?$"
    r"|^(?:skip|jump)\s+to\s*:?\s*(?:the\s+)?(?:main\s+)?(?:content|navigation|menu|search|footer|comments"
    r"|start\s+of\s+(?:the\s+)?(?:article|content|story))$"
    # a video player's label: "Play Video - 2:46"
    r"|^(?:play|watch)\s+(?:the\s+)?video(?:\s*[-–—:|]?\s*\d{1,2}:\d{2})?$",
    re.IGNORECASE,
)
LONE_PARTS_RE = re.compile(r"\s*[.|•·]\s+|\s+[|•·]\s*")  # "Go Back to Top. Skip To: Start of Article."
# Publisher footers: copyright, rights reserved, investment-advice disclaimers.
FOOTER_RE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s+(?:©\s*)?\d{4}|\ball\s+rights\s+reserved\b"
    r"|\bdoes\s+not\s+(?:provide|offer|constitute|give)\s+(?:\w+\s+)?(?:investment|financial|legal)\s+advice\b"
    r"|\bnot\s+(?:intended\s+as|to\s+be\s+construed\s+as)\s+(?:investment|financial)\s+advice\b",
    re.IGNORECASE,
)
SPONSOR_RE = re.compile(r"\bbrought\s+to\s+you\s+by\b", re.IGNORECASE)
# Newsletter and subscription promotions. A short line naming a newsletter is a promo heading
# ("Morning Briefing Newsletter"); a longer one needs a call to action next to it.
NEWSLETTER_RE = re.compile(r"\bnewsletters?\b", re.IGNORECASE)
NEWSLETTER_ACTION_RE = re.compile(
    r"\b(?:sign(?:ing)?[ -]?up|subscri(?:be|ption)|inbox|e-?mail\s+address|delivered|free|register|receive"
    r"|get\s+(?:the|our))\b",
    re.IGNORECASE,
)
INBOX_RE = re.compile(r"\b(?:straight|directly|right)?\s*(?:to|in|into)\s+your\s+inbox\b", re.IGNORECASE)
# Cookie and consent banners.
COOKIE_RE = re.compile(
    r"\b(?:(?:we|this\s+(?:web)?site|our\s+(?:web)?site|this\s+page)\s+uses?\s+cookies"
    r"|cookies?\s+(?:policy|settings|preferences|consent|notice|statement)"
    r"|(?:accept|allow|reject|manage)\s+(?:all\s+)?(?:cookies|tracking)"
    r"|by\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web)?site"
    r"|(?:agree|consent)\s+to\s+(?:the\s+|our\s+)?(?:use\s+of\s+cookies|privacy\s+(?:policy|notice)"
    r"|terms\s+of\s+(?:use|service))"
    r"|i\s+have\s+read\s+and\s+(?:understood|agree|accept)"
    r"|do\s+not\s+(?:show|display)\s+this\s+(?:message|again)|if\s+you\s+accept\s+this\s+notice"
    r"|your\s+(?:choice|preferences?)\s+will\s+be\s+saved)\b",
    re.IGNORECASE,
)
# Comment sections: "Leave a comment", "12 comments", "Log in to comment", "Comments are closed" ...
COMMENTS_RE = re.compile(
    r"^(?:\d[\d,.]*k?\s+(?:comments?|replies|responses)\b"
    r"|(?:leave|post|add|write|submit)\s+(?:a\s+|your\s+)?(?:comment|reply|response)\b"
    r"|(?:view|show|hide|load|read|see|open|jump\s+to)\s+(?:all\s+|the\s+|more\s+)?(?:\d[\d,]*\s+)?"
    r"(?:comments?|discussion)\b"
    r"|comments?\s*(?:\(\d+\)|\d+)\s*$"
    r"|comments\s+are\s+(?:closed|disabled|moderated)|commenting\s+(?:is\s+)?(?:closed|disabled)"
    r"|join\s+the\s+(?:conversation|discussion|debate)\b"
    r"|be\s+the\s+first\s+to\s+comment|there\s+are\s+no\s+comments"
    r"|you\s+must\s+be\s+logged\s+in\s+to|your\s+email\s+address\s+will\s+not\s+be\s+published)"
    r"|\b(?:log|sign)\s*(?:in|up)\s+to\s+(?:comment|reply|post\s+a\s+comment|join\s+the\s+(?:conversation|discussion))\b"
    r"|(?:^|\|\s*)(?:view|show|\d+)\s+comments?\s*$"
    r"|\bcomments?\b.{0,120}\b(?:will\s+not|won[’']t)\s+be\s+(?:approved|published)\b"  # a moderation policy
    # the same in Portuguese, Spanish, French, German and Italian: the policy, "Leave a comment", and the
    # comment form's "Your email address will not be published"
    r"|\bcoment[áa]rios?\b.{0,120}\bn[ãa]o\s+ser[ãa]o?\s+(?:aprovad|publicad)|\bcomentarios?\b.{0,120}\bno\s+ser[áa]n?\s+"
    r"(?:aprobad|publicad)|^(?:deixe|deja|escribe)\s+(?:um|un|tu|seu|o\s+seu)\s+coment[áa]rio"
    r"|^laisser\s+un\s+commentaire|^(?:hinterlasse|schreibe)\s+einen\s+kommentar|^lascia\s+un\s+commento"
    r"|\b(?:endereço\s+de\s+e-?mail|dirección\s+de\s+correo(?:\s+electrónico)?|adresse\s+(?:e-?mail|de\s+messagerie)"
    r"|e-?mail-adresse|indirizzo\s+(?:e-?mail|email))\s+(?:não\s+será|no\s+será|ne\s+sera\s+pas|wird\s+nicht"
    r"|non\s+sarà)\s+(?:publicad|publiée|veröffentlicht|pubblicat)",
    re.IGNORECASE,
)
# Social follow and share lines.
FOLLOW_RE = re.compile(
    r"^(?:follow|like|find|join|connect\s+with|get)\s+(?:\S+\s+){0,5}?on\s+(?:twitter|facebook|instagram|x|linkedin"
    r"|tiktok|youtube|threads|bluesky|mastodon|telegram|whatsapp|google\s+news)\b",
    re.IGNORECASE,
)
SOCIAL_WORDS = frozenset(
    "share shares sharing this article story post page via on to email e-mail mail print tweet pin it facebook "
    "twitter x linkedin whatsapp reddit pinterest telegram messenger flipboard tumblr copy link url sms save "
    "bookmark and or the with friends friend send gift".split()
)
SOCIAL_CUE_WORDS = frozenset(
    "share sharing tweet facebook twitter linkedin whatsapp reddit pinterest flipboard".split()
)
# Reader-feedback promos and affiliate disclosures.
FEEDBACK_RE = re.compile(
    r"\b(?:submit|send|write)\s+(?:us\s+)?(?:a|your)\s+letter\s+to\s+the\s+editor\b"
    r"|\bwe\s+(?:want|would\s+love|['’]d\s+love)\s+to\s+hear\s+(?:from\s+you|what\s+you\s+think)\b"
    r"|^[\"“'‘]?(?:questions|comments|feedback)\?.{0,40}\b(?:e-?mail|contact|write\s+to)\s+us\b"
    r"|\b(?:got|have)\s+a\s+(?:news\s+|story\s+)?tip\?"
    r"|^(?:tell|let)\s+us\s+what\s+you\s+think\b(?!\s+(?:of|about)\s+\w+\s+\w)",  # not "... think of the plan"
    re.IGNORECASE,
)
# A content-management shortcode the site failed to render: "[button link=...]Send us YOUR kit review[/button]".
SHORTCODE_RE = re.compile(r"^\[(?P<tag>[a-z_][\w-]*)\b[^\]]*\].*\[/(?P=tag)\]$", re.IGNORECASE)
# how to reach the writer: "Jemele Hill can be reached at ...", "You can send him an e-mail"
CONTACT_RE = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,4}(?:can|may)\s+be\s+(?:reached|contacted|e-?mailed)\s+(?:at|by|via|on)\b"
    r"|\byou\s+can\s+(?:send\s+(?:him|her|them)\s+an?\s+e-?mail|e-?mail\s+(?:him|her|them)|(?:reach|follow)\s+(?:him|her|them))\b"
    r"|^(?:follow|e-?mail|contact|reach)\s+(?:him|her|them|the\s+(?:author|writer|reporter))\s+(?:at|on|via)\b"
    r"|^(?:twitter|x|instagram|threads|bluesky|mastodon|tiktok)\s*:\s*@[\w.]+$",  # "Twitter: @howardblume"
    re.IGNORECASE,
)
DISCLOSURE_RE = re.compile(
    r"\bwe\s+may\s+(?:receive|earn|get)\s+(?:a\s+)?(?:small\s+)?(?:compensation|commission|share\s+of\s+sales)\b"
    r"|\b(?:contains?|includes?|may\s+contain)\s+(?:affiliate\s+links|references\s+to\s+products)\b"
    r"|\baffiliate\s+(?:commission|links?\s+(?:policy|disclosure))\b",
    re.IGNORECASE,
)
# Metadata shown as a line of its own: "Tags: ...", "Category : Press Releases", "Updated: ...".
META_LABEL_RE = re.compile(
    r"^(?:categor(?:y|ies)|tags?|tagged(?:\s+with)?|topics?|filed\s+(?:under|in)|posted\s+(?:in|under)"
    r"|categor[ií]as?|cat[ée]gorie|kategor(?:ie|i)|rubri(?:k|que)"  # pt, es, it, fr, de, nl, id
    r"|(?:first\s+|last\s+)?(?:published|updated|modified|posted)(?:\s+(?:on|at|date))?|release\s+date"
    r"|news\s+date|publication\s+date|date(?:\s+created)?|created(?:\s+on)?|read(?:ing)?\s+time)\s*:",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?"
    # Portuguese, Spanish, French, German, Italian, Dutch and Indonesian names ("mars" left out: the planet)
    r"|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro"
    r"|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre"
    r"|janvier|février|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|januar|februar|märz|juni|juli|oktober|dezember"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|januari|februari|maart|maret|mei|augustus|agustus|desember"
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    r"|(?:segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?|sábado|domingo"
    r"|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
    r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|senin|selasa|rabu|kamis|jumat|sabtu"
)
DATE_PART_RE = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS}|am|pm|a\.m|p\.m|utc|gmt|[ecmp][sd]t|bst|cest?|at|on|updated|published|posted"
    r"|modified|last|first|\d+(?:st|nd|rd|th)?"
    r"|de|del|às|à|le|el|um|em|en|alle|ore|h|uhr|pukul|wib|il|op"
    r"|mars"  # only in a line that DATE_CUE_RE found a date in: "12 mars 2019"
    r"|publicado|publié|veröffentlicht|pubblicato|gepubliceerd|diterbitkan"
    r"|atualizado|actualizado|mis\s+à\s+jour|aktualisiert|aggiornato|bijgewerkt|diperbarui"
    r")\b\.?|[\d/:.,|•·\-–—()]+",  # "22 de janeiro de 2018 às 0:13"
    re.IGNORECASE,
)
# A line that only gives a date and time: it names a month or weekday or has a numeric date, and
# nothing is left of it once these parts are removed.
DATE_CUE_RE = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{1,2}}:\d{{2}}\b"
    r"|\b\d{1,2}\s+mars\s+\d{4}\b",
    re.IGNORECASE,
)
COUNTER_RE = re.compile(r"^\d+\s*(?:/|of)\s*\d+$", re.IGNORECASE)  # "2/5", "3 of 12": a slideshow counter
# A line that is only a web address or domain name ("BVINEWS.COM").
URL_LINE_RE = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|org|net|co|io|news|info|gov|edu|tv|uk|au|ca|in)/?$",
    re.IGNORECASE,
)

# Bylines. Group "names" holds everything after the "by".
BYLINE_RE = re.compile(
    r"^(?:(?:(?:originally\s+)?(?:written|reported|posted|published|compiled|story|words)\s+)?by"
    # "Publicado por", "Publié par", "Geschrieben von", "Scritto da", "Geplaatst door", "Ditulis oleh" ...
    r"|(?:publicado|escrito|postado|publié|écrit|rédigé|veröffentlicht|geschrieben|pubblicato|scritto"
    r"|geplaatst|geschreven|ditulis|diposting|dipublikasikan)\s+(?:por|par|von|da|door|oleh))"
    r"\s*[:–—-]?\s*(?P<names>.+)$",
    re.IGNORECASE,
)
DATED_BYLINE_RE = re.compile(r"^(?P<date>.+?)\s+by\s*[:–—-]?\s*(?P<names>.+)$", re.IGNORECASE)
AUTHOR_LABEL_RE = re.compile(r"^(?:authors?|writers?|words)\s*:\s*(?P<names>.+)$", re.IGNORECASE)
# "Reporting by A and B in London; Editing by C" -> the reporters only.
REPORTING_RE = re.compile(
    r"^(?:additional\s+)?(?:reporting|writing)\s+by\s*:?\s*(?P<names>[^;|]+?)\s*(?:[;|].*)?$", re.IGNORECASE
)
PLACE_SUFFIX_RE = re.compile(r"\s+in\s+[A-Z][\w .,-]*$")
# A job and where it is done, after a name in a byline: "Software Engineer on Google Play", "Editor at Large".
_JOB_WORDS = ROLE_WORDS | {"engineer", "developer", "designer", "architect", "evangelist", "advocate", "programmer"}
ROLE_AT_ORG_RE = re.compile(
    rf"^(?:[A-Z][\w-]*\s+){{0,3}}(?i:{'|'.join(sorted(_JOB_WORDS))})\s+(?:on|at|for|with|of)\s+(?:the\s+)?"
    r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}$"
)
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
HTML_LANG_RE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?![A-Za-z])", re.IGNORECASE)

# suffix_list_urls=() keeps tldextract on its bundled snapshot (no download); cache_dir=None: no disk cache.
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True)
class CleanArticle:
    body_text: str  # paragraphs separated by exactly one blank line ("\n\n"); no leading/trailing whitespace;
    # a code block is one paragraph that keeps its line breaks
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
    extraction_method: str  # "trafilatura" | "trafilatura_fallback" | "readability" | "json-ld" | "plaintext"
    published_date: date | None = None  # the publication day on the publisher's own calendar (its UTC offset)
    authors_source: str | None = None  # see PageMetadata.authors_source; "byline" for a plain-text byline


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
    """Calls to action in a line no longer than a banner (:data:`MAX_BANNER_WORDS`); weaker promotional cues
    only on bullets."""
    if (CTA_RE.search(core) or CTA_ANYWHERE_RE.search(core)) and len(_words(core)) <= MAX_BANNER_WORDS:
        return True
    return is_bullet and bool(WEAK_PROMO_RE.search(core))


def _is_photo_credit(core: str) -> bool:
    """A "Photo: ..." or "Image credit ..." line, or a short line crediting a stock or wire agency."""
    if CREDIT_PREFIX_RE.match(core) and len(_words(core)) <= 2 * MAX_CREDIT_WORDS:
        return True
    text = core.strip("()[] ")
    if len(_words(text)) > MAX_CREDIT_WORDS:
        return False
    if text.casefold().strip(" .:|") in CREDIT_LINES:
        return True
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


def _is_lone(core: str) -> bool:
    """Page furniture with nothing else on the line: "Advertisement", "Go Back to Top. Skip To: Start of Article."."""
    if not any(c.isalnum() for c in core):
        return True
    parts = [p.casefold().strip(" .:!-–—|") for p in LONE_PARTS_RE.split(core)]
    return all(p in LONE_BOILERPLATE or SKIP_NAV_RE.match(p) for p in parts if p)


def _boilerplate_kind(line: str) -> str | None:
    """Why a line is boilerplate ("promo", "also_read", "credit", "ai", "footer", "lone", "contact", "markup", ...),
    or None."""
    core = _strip_bullet(line)
    if _is_lone(core):
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
    if _is_newsletter_promo(core) or FEEDBACK_RE.search(core) or FOLLOW_RE.match(core):
        return "promo"
    if DISCLOSURE_RE.search(core):
        return "disclosure"
    if CONTACT_RE.search(core) and len(_words(core)) <= MAX_BANNER_WORDS:
        return "contact"
    if COOKIE_RE.search(core) and len(_words(core)) <= MAX_BANNER_WORDS:
        return "cookie"
    if COMMENTS_RE.search(core) and len(_words(core)) <= MAX_META_WORDS:
        return "comments"
    if _is_share_line(core):
        return "share"
    if SHORTCODE_RE.match(core):
        return "markup"
    if _is_meta_line(core) or _meta_strip_authors(core) is not None:
        return "meta"
    return None


def _is_newsletter_promo(core: str) -> bool:
    """ "Morning Briefing Newsletter", "Sign up for our newsletter ...", "... straight to your inbox"."""
    n_words = len(_words(core))
    if NEWSLETTER_RE.search(core):
        if n_words <= MAX_CREDIT_WORDS and not _ends_sentence(core.rstrip("!")):
            return True
        return n_words <= MAX_BANNER_WORDS and bool(NEWSLETTER_ACTION_RE.search(core))
    return n_words <= MAX_BANNER_WORDS and bool(INBOX_RE.search(core))


def _is_share_line(core: str) -> bool:
    """A line made only of sharing words and network names ("Share on Facebook", "Tweet | Email")."""
    tokens = [t for t in re.split(r"[^\w-]+", core.casefold()) if t]
    return bool(tokens) and all(t in SOCIAL_WORDS for t in tokens) and any(t in SOCIAL_CUE_WORDS for t in tokens)


def _is_meta_line(core: str) -> bool:
    """A metadata line ("Tags: ...", "Updated: ..."), a bare date or time, or a bare web address."""
    if len(_words(core)) > MAX_META_WORDS:
        return False
    if META_LABEL_RE.match(core) or URL_LINE_RE.match(core) or COUNTER_RE.match(core):
        return True
    return _is_date_line(core)


def _is_date_line(core: str) -> bool:
    """A bare date or time, perhaps labelled: "Tuesday 15 October 2019", "Posted on March 3, 2020 at 9:00"."""
    return bool(DATE_CUE_RE.search(core)) and not DATE_PART_RE.sub(" ", core).strip(" .,:;|-–—")


META_STRIP_SEPARATOR_RE = re.compile(r"\s+[|•·–—-]\s+")


def _meta_strip_authors(core: str) -> tuple[str, ...] | None:
    """The authors named in a strip of metadata: a date, a byline and labelled fields between separators
    ("05/10/2018 - Posted by: Jane Doe - Category: Health - Tags: sad"), every part of it metadata; None when
    the line is no such strip."""
    parts = META_STRIP_SEPARATOR_RE.split(core)
    if len(parts) < 2:
        return None
    authors: list[str] = []
    for part in parts:
        names = _parse_byline(part)
        if names is None and not _is_meta_line(part):
            return None
        authors.extend(names or ())
    return tuple(authors)


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
        elif names and ((len(_words(part)) <= 3 and part[:1].isupper()) or ROLE_AT_ORG_RE.match(part)):
            continue  # an affiliation after the names: "Reuters", "Software Engineer on Google Play"
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
    if match is None:  # a date, then the byline: "Tuesday 15 October 2019 by Bradley M. Kuhn"
        match = DATED_BYLINE_RE.match(line)
        if match is not None and not _is_date_line(match.group("date")):
            return None
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


def _is_job_title(line: str) -> bool:
    """A line that is only a job title ("CNBC Executive News Editor", "Staff Writer"): a few words ending in a
    role, no sentence."""
    words = _words(line)
    return 0 < len(words) <= MAX_JOB_TITLE_WORDS and words[-1].casefold() in ROLE_WORDS and not _ends_sentence(line)


# A label on a line of its own over a list of tags: "Tags", "Tagged with:", "Etiquetas", "Schlagwörter".
TAGS_LABEL_RE = re.compile(
    r"^(?:tags?|tagged(?:\s+(?:with|in))?|keywords|etiquetas|tags\s+relacionadas|marcadores|palavras-chave"
    r"|palabras\s+clave|mots[- ]clés|schlagwörter|parole\s+chiave)\s*:?$",
    re.IGNORECASE,
)
MAX_TAG_WORDS = 6  # a tag is a short phrase
TAG_SEPARATOR_RE = re.compile(r"\s*[,|•·]\s*")


def _is_tag_list(line: str) -> bool:
    """A line of short phrases separated by commas, pipes or bullets, and no sentence: a list of tags."""
    items = [item for item in TAG_SEPARATOR_RE.split(line.strip()) if item]
    return len(items) >= 2 and all(len(item.split()) <= MAX_TAG_WORDS for item in items) and not _ends_sentence(line)


def _filter_lines(lines: Iterable[str]) -> _Filtered:
    """Drop boilerplate lines, bylines, job titles above the text or under a byline, and "Read Next" blocks
    (rules 3 and 4)."""
    out = _Filtered()
    in_related_block = after_tags_label = False
    after_byline = seen_text = False
    for line in lines:
        if (after_byline or not seen_text) and _is_job_title(line):
            after_byline = False
            continue
        seen_text = seen_text or _is_real_paragraph(line)
        # A byline wins over the credit rule ("By Ana Ruiz, Reuters"), except inside a list of
        # other articles, where it belongs to one of them.
        names = None if in_related_block else _parse_byline(line) or _meta_strip_authors(_strip_bullet(line))
        after_byline = bool(names)
        if names:
            out.authors.extend(n for n in names if n not in out.authors)
            continue
        if TAGS_LABEL_RE.match(line):
            after_tags_label = True
            continue  # "Tags" on a line of its own, and the list of tags under it
        if after_tags_label and _is_tag_list(line):
            after_tags_label = False
            continue
        after_tags_label = False
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


def _is_wrap_break(line: str, next_line: str, width: int) -> bool:
    """Whether the break after ``line`` was forced by wrapping at ``width``: the next line's first word
    would not have fitted on it."""
    first_word = next_line.split(maxsplit=1)[0]
    return len(line) + 1 + len(first_word) > width


def _reflowed_lines(text: str) -> list[str]:
    """The non-empty lines of ``text`` (stripped), with hard wrapping undone.

    Text wrapped at a fixed width (an e-mail, a wire story, a ``fmt``-ed file) breaks its paragraphs
    into lines no longer than the width. The text counts as wrapped when its longest line is between
    ``MIN_WRAP_WIDTH`` and ``MAX_WRAP_WIDTH`` long and most breaks between two non-blank lines were
    forced in the middle of a sentence (the next line's first word would not have fitted). Then a line
    joins the one before it when the break was forced, unless it starts a list item or is indented
    deeper than the line before (outside a list item). A blank line always ends a paragraph, and a
    word broken at its hyphen is joined back. Text with one paragraph per line (the seeds) is
    returned line by line.
    """
    raw = [line.rstrip() for line in (text or "").splitlines()]
    width = max((len(line) for line in raw), default=0)
    pairs = [(a, b) for a, b in zip(raw, raw[1:]) if a.strip() and b.strip()]
    # a forced break in the middle of a sentence is the mark of wrapping: a line with a whole paragraph ends one
    mid_sentence = sum(_is_wrap_break(a, b, width) and _last_mark(a) not in SENTENCE_BREAK_MARKS for a, b in pairs)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH or mid_sentence < MIN_WRAP_BREAKS or mid_sentence * 2 < len(pairs):
        return _nonempty_lines(text or "")
    paragraphs: list[str] = []
    previous = ""  # the line before, as in the text; "" after a blank line
    for line in raw:
        words = line.strip()
        if not words:
            previous = ""
            continue
        if previous and _is_wrap_break(previous, line, width) and not _is_bullet(words) and not (
            # a line indented deeper than the one before starts a paragraph (or a quoted block), unless
            # it goes on with a list item
            _indent(line) > _indent(previous) and not _is_bullet(paragraphs[-1])
        ):
            joint = "" if HYPHEN_BREAK_RE.search(paragraphs[-1]) else " "
            paragraphs[-1] += joint + words
        else:
            paragraphs.append(words)
        previous = line
    return paragraphs


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def clean_plaintext(text: str) -> CleanArticle:
    """Clean an article given as plain text, one paragraph per line (text wrapped at a fixed width is
    joined back into paragraphs first: :func:`_reflowed_lines`).

    The first line is the title when it looks like a headline; bylines become authors; promotions,
    cross-links, photo credits, AI disclosures and footers are dropped (a footer may name the
    publisher); title-cased short lines followed by text are kept as headings.
    """
    filtered = _filter_lines(_reflowed_lines(text))
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
        authors_source="byline" if filtered.authors else None,
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


def _extract(page, url: str | None, *, with_metadata: bool = True, **mode: bool):  # -> Document | None
    """One trafilatura run; ``page`` is the parsed page (trafilatura gets a copy: it prunes the tree it
    is given) or None; ``mode`` picks favor_precision / favor_recall."""
    if page is None:
        return None
    # the date comes from transforms/metadata.py: trafilatura's own date search is kept to its cheap form
    date_params = set_date_params(False)
    return trafilatura.bare_extraction(
        deepcopy(page),
        url=url,
        with_metadata=with_metadata,
        include_comments=False,
        include_tables=True,
        date_extraction_params=date_params,
        **mode,
    )


@dataclass(frozen=True)
class _Line:
    """One line of the extracted body, with what the HTML said about it."""

    text: str
    heading: int = 0  # 1-6 for a line from an <h1>-<h6> heading, 0 otherwise


_HEAD_MARKS = "\u2460\u2461\u2462\u2463\u2464\u2465\u2466"  # circled 1-7: heading level markers
_BREAK_MARK = "\u246a"  # circled 11: the text after a line break (<br>) inside a block
_CODE_LINE_MARK = "\u246b"  # circled 12: a line break inside a code block (<pre>)
_ITEM_BREAK_MARK = "\u246c"  # circled 13: the text after a line break inside a list item
_MARKS_RE = re.compile(f"[{_HEAD_MARKS}{_BREAK_MARK}{_CODE_LINE_MARK}{_ITEM_BREAK_MARK}]")
_SOURCE_BREAK_RE = re.compile(r"\s*\n\s*")  # a line break in the page's source, and the indent around it
# Inline elements of trafilatura's XML (and of the HTML it hands back when its fallback wins): text on both
# sides of one of them belongs to the same line.
_INLINE_TAGS = frozenset(
    "hi ref del code a span b i em strong small sup sub u abbr cite q mark time font s strike big tt kbd".split()
)


def _code_text(text: str) -> str:
    """Text in a code block, kept on one line of the flattened text: its line breaks become markers."""
    return _MARKS_RE.sub("", text).replace("\n", _CODE_LINE_MARK)


def _is_code_block(text: str) -> bool:
    """Only a code block keeps line breaks inside a line of the body (:func:`_code_rows`)."""
    return "\n" in text


def _code_rows(text: str) -> str:
    """A code block's text with its blank lines and trailing spaces gone (a blank line separates paragraphs
    in body_text); indents stay."""
    return "\n".join(row.rstrip() for row in text.split("\n") if row.strip())


def _flowing_text(text: str, inline_before: bool = True, inline_after: bool = True) -> str:
    """Text outside code: a line break in the page's source is a space, as a browser shows it. A break at
    either end stays when a block (or nothing) is on that side (``inline_before`` / ``inline_after`` say
    whether inline text is): there the line ends anyway."""
    text = _MARKS_RE.sub("", text)
    core = text.strip()
    if not core:
        return " " if inline_before and inline_after else text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if inline_before and "\n" in lead:
        lead = " "
    if inline_after and "\n" in trail:
        trail = " "
    return lead + _SOURCE_BREAK_RE.sub(" ", core) + trail


def _preformatted_texts(page) -> frozenset[str]:  # page: the parsed page (lxml) or None
    """The texts of the page's <pre> blocks (normalised), which trafilatura turns into <code> or <quote>."""
    if page is None:
        return frozenset()
    return frozenset(text for text in (_norm(pre.text_content()) for pre in page.iter("pre")) if text)


def _body_lines(body, preformatted: frozenset[str] = frozenset()) -> list[_Line]:  # body: trafilatura's XML body
    """Flatten trafilatura's body tree (or None) to text lines as its txt output does, noting which lines
    are headings and of which level (marker characters survive the flattening). A line break inside a
    sentence ("... in the<br>middle of a sentence") does not end the paragraph: such lines are joined.

    Outside code, a line break in the page's source is a space, as a browser shows it: a paragraph
    wrapped at 72 columns stays one paragraph. A code block keeps its lines, as one paragraph: one of the
    page's <pre> blocks (``preformatted``, from :func:`_preformatted_texts`), which trafilatura makes a
    <code> or a <quote>, or a <code> of several lines."""
    if body is None:
        return []
    tree = deepcopy(body)
    tree.tail = None
    code_blocks = set()
    for el in tree.iter("code", "quote"):
        text = "".join(el.itertext())
        if _norm(text) in preformatted or (el.tag == "code" and "\n" in text.strip()):
            code_blocks.add(el)

    def inline(el) -> bool:
        return el is not None and el.tag in _INLINE_TAGS and el not in code_blocks

    for el in tree.iter():
        inside_code = any(ancestor in code_blocks for ancestor in el.iterancestors())
        if el.text:
            if inside_code or el in code_blocks:
                el.text = _code_text(el.text)
            else:
                el.text = _flowing_text(el.text, inline(el), inline(el[0]) if len(el) else inline(el))
        if el.tail:
            if inside_code:
                el.tail = _code_text(el.tail)
            else:
                following = el.getnext() if el.getnext() is not None else el.getparent()
                el.tail = _flowing_text(el.tail, inline(el), inline(following))
    for head in tree.iter("head"):
        rend = head.get("rend") or ""
        level = int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 6
        head.text = _HEAD_MARKS[level] + (head.text or "")
    for line_break in tree.iter("lb"):
        in_item = any(ancestor.tag == "item" for ancestor in line_break.iterancestors())
        line_break.tail = (_ITEM_BREAK_MARK if in_item else _BREAK_MARK) + (line_break.tail or "")
    lines: list[_Line] = []
    for raw in xmltotxt(tree, False).splitlines():
        text = _code_rows(_MARKS_RE.sub("", raw.replace(_CODE_LINE_MARK, "\n"))).strip()
        if not text:
            continue
        previous = lines[-1] if lines else None
        after_break = raw.lstrip()[:1] in (_BREAK_MARK, _ITEM_BREAK_MARK)
        joins_sentence = (
            after_break
            and text[0].islower()
            and previous is not None
            and _last_mark(previous.text) not in SENTENCE_BREAK_MARKS
        )
        # A list item stays one paragraph, its other line breaks kept: "- Ferries<br>Every hour from 6 am." keeps
        # its second line under its marker, not as a paragraph of its own.
        joins_item = raw.lstrip().startswith(_ITEM_BREAK_MARK) and previous is not None and _is_bullet(previous.text)
        if joins_sentence or joins_item:
            lines[-1] = _Line(f"{previous.text}{' ' if joins_sentence else chr(10)}{text}", previous.heading)
            continue
        marks = [_HEAD_MARKS.index(c) for c in raw if c in _HEAD_MARKS]
        lines.append(_Line(text, marks[0] if marks else 0))
    return lines


# ================================================================================================
# HTML page hints: link and caption texts
# ================================================================================================

MAX_CAPTION_WORDS = 40  # a figure caption is at most this long
PRINTED_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)  # a line that is a web address
MIN_CAPTION_PART_WORDS = 5  # a line this long found inside a caption is part of it
MIN_ALT_WORDS = 3  # a line repeating an image's description this long is its caption (a shorter one may head a slide)
_CAPTION_XPATH = (
    "//figcaption|//*[contains(@class, 'caption') or contains(@class, 'credit') or contains(@id, 'caption')]"
)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class _PageHints:
    """What the HTML page says about texts trafilatura may have kept: which are whole links, which are
    figure captions or photo credits (or repeat an image's description), which are the blurbs of teasers
    for other stories, which are the items of a list of other stories under a heading that says so."""

    link_texts: frozenset[str] = frozenset()
    caption_texts: tuple[str, ...] = ()
    blurb_texts: frozenset[str] = frozenset()
    related_texts: frozenset[str] = frozenset()
    alt_texts: frozenset[str] = frozenset()  # an image's description, which a caption under it often repeats
    card_texts: frozenset[str] = frozenset()  # a paragraph inside a link: the excerpt on a card for another page
    # the summary the page declares (PageMetadata.descriptions), which a CMS often copies into an image's
    # description or caption: the story's first paragraph, when it repeats it, is no caption
    summary_texts: frozenset[str] = frozenset()


def _page_hints(tree, summaries: Iterable[str] = ()) -> _PageHints:  # tree: the parsed page (lxml) or None
    if tree is None:
        return _PageHints()
    links = frozenset(t for t in (_norm(a.text_content()) for a in tree.iter("a")) if t)
    captions = []
    for el in tree.xpath(_CAPTION_XPATH):
        text = _norm(el.text_content())
        if text and len(text.split()) <= MAX_CAPTION_WORDS and len(el.findall(".//p")) <= 1:
            captions.append(text)
    alts = (_norm(img.get("alt") or "") for img in tree.iter("img"))
    alt_texts = frozenset(text for text in alts if len(text.split()) >= MIN_ALT_WORDS)
    # one paragraph in a link is a card's excerpt; many are an unclosed <a> that the parser stretched over a text
    cards = (_norm(block.text_content()) for block in tree.xpath("//a[count(.//p) = 1]//p"))
    card_texts = frozenset(text for text in cards if text)
    summary_texts = frozenset(_norm(text) for text in summaries)
    return _PageHints(
        links, tuple(captions), _teaser_blurbs(tree), _related_list_items(tree), alt_texts, card_texts, summary_texts
    )


MAX_LIST_HEADING_WORDS = 8  # the heading of a list of other stories is at most this long
SEE_ALSO_RE = re.compile(  # "See also" and its translations head a section of the text in documentation
    r"(?:see\s+also|veja\s+também|voir\s+aussi|siehe\s+auch|vedi\s+anche|véase\s+también)\b", re.IGNORECASE
)


def _related_list_items(tree) -> frozenset[str]:
    """Texts of a list of other stories that the page labels as one, after a short heading that names such a
    list (:data:`RELATED_HEADING_RE`: "More Great WIRED Stories", "Related", "Trending Now", "Você pode
    gostar..."): the items of a ``<ul>`` or ``<ol>`` right after it, with a link in every item, and the
    teaser cards of a run of ``<article>`` elements right after it (at least :data:`MIN_RELATED_CARDS`).
    Extractors often drop the heading, a styled ``<div>``, and keep the items, whose headlines are only
    partly links ("YouTubers must unionize, <a>no matter what Google says</a>"), or the cards' excerpts,
    which read as running text; so no whole-link rule catches them. "See also" is left out: in
    documentation and READMEs it heads a section of the text."""
    items: set[str] = set()
    for listing in tree.iter("ul", "ol"):
        entries = listing.findall("li")
        if _names_related_list(_previous_element(listing)) and entries and all(
            entry.find(".//a") is not None for entry in entries
        ):
            items.update(t for t in (_norm(entry.text_content()) for entry in entries) if t)
    for card in tree.iter("article"):
        before = _previous_element(card)
        if (before is not None and before.tag == "article") or not _names_related_list(before):
            continue  # not the first card of a run under a "Related" heading
        cards = [card] + list(takewhile(lambda el: el.tag == "article", _next_elements(card)))
        if len(cards) >= MIN_RELATED_CARDS:
            for each in cards:
                blocks = [each, *each.iter(*_LEAF_BLOCK_TAGS)]
                items.update(t for t in (_norm(block.text_content()) for block in blocks) if t)
    return frozenset(items)


MIN_RELATED_CARDS = 2  # this many <article> cards after a "Related" heading are a list of other stories
_SKIPPED_SIBLING_TAGS = frozenset({"script", "style", "noscript", "template", "ins"})  # scripts, ad slots


def _previous_element(el):
    """The element before ``el`` among its siblings, passing over scripts, ad slots and comments."""
    for sibling in el.itersiblings(preceding=True):
        if isinstance(sibling.tag, str) and sibling.tag not in _SKIPPED_SIBLING_TAGS:
            return sibling
    return None


def _next_elements(el) -> Iterator:
    """The elements after ``el`` among its siblings, passing over scripts, ad slots and comments."""
    return (s for s in el.itersiblings() if isinstance(s.tag, str) and s.tag not in _SKIPPED_SIBLING_TAGS)


def _names_related_list(heading) -> bool:
    """Is ``heading`` a short heading that names a list of other stories (not a "See also")?"""
    if heading is None:
        return False
    label = " ".join(heading.text_content().split())
    return bool(
        label
        and len(label.split()) <= MAX_LIST_HEADING_WORDS
        and RELATED_HEADING_RE.match(label)
        and not SEE_ALSO_RE.match(label)
    )


MAX_BLURB_WORDS = 40  # a teaser's blurb under its linked headline is at most this long
MIN_TEASERS = 3  # this many linked headlines with a blurb each, in a row, are a list of other stories
_LEAF_BLOCK_TAGS = ("p", "li", "dd", "dt", "div", "h2", "h3", "h4", "h5", "h6", "td")
_NESTED_BLOCK_TAGS = frozenset(_LEAF_BLOCK_TAGS) | frozenset(
    "h1 blockquote section article ul ol dl table tr header footer aside figure figcaption".split()
)
_NOT_LEAF_TAGS = _NESTED_BLOCK_TAGS | {"script", "style", "noscript", "template"}  # a block holding one is no leaf
MIN_LINK_SHARE = 0.9  # a block whose text is this much link text is a link (a teaser's headline)


def _text_blocks(tree) -> list[tuple[object, str, str]]:
    """The page's innermost text blocks in reading order, each as (element, kind, text): kind "link" when
    its text is a link, "text" when it has no link, "mixed" otherwise."""
    blocks = []
    for el in tree.iter(*_LEAF_BLOCK_TAGS):
        if any(isinstance(d.tag, str) and d.tag in _NOT_LEAF_TAGS for d in el.iterdescendants()):
            continue
        text = " ".join(el.text_content().split())
        if not text:
            continue
        linked = " ".join(" ".join(a.text_content().split()) for a in el.iter("a"))
        kind = "text" if not linked else "link" if len(linked) >= MIN_LINK_SHARE * len(text) else "mixed"
        blocks.append((el, kind, text))
    return blocks


def _teaser_blurbs(tree) -> frozenset[str]:
    """Blurbs of a list of teasers: a linked headline, then a short unlinked text, the same pair of tags
    at least :data:`MIN_TEASERS` times in a row ("<li><a>Top CEO Schools</a></li><li>Not every CEO is a
    college grad ...</li>"). Extractors drop the linked headlines but often keep the blurbs."""
    blocks = _text_blocks(tree)
    blurbs: set[str] = set()
    i = 0
    while i < len(blocks):
        j, run, shape = i, [], None
        while j + 1 < len(blocks) and blocks[j][1] == "link" and blocks[j + 1][1] == "text":
            pair_shape = (blocks[j][0].tag, blocks[j + 1][0].tag)
            if len(blocks[j + 1][2].split()) > MAX_BLURB_WORDS or shape not in (None, pair_shape):
                break
            shape = pair_shape
            run.append(blocks[j + 1][2])
            j += 2
            while j + 1 < len(blocks) and blocks[j][1] == "link" and blocks[j + 1][1] == "link":
                j += 1  # a teaser with more than one link (headline, section, "more")
        if len(run) >= MIN_TEASERS:
            blurbs.update(_norm(text) for text in run)
            i = j
        else:
            i += 1
    return frozenset(blurbs)


def _drop_teaser_tail(lines: Sequence[_Line], hints: _PageHints) -> list[_Line]:
    """Drop teaser blurbs (see :func:`_teaser_blurbs`) that end the text, below the article; boilerplate
    lines among them are passed over. Inside the text such a run is left alone: it may be a roundup
    whose summaries are the article."""
    if not hints.blurb_texts:
        return list(lines)
    end = len(lines)
    drop = set()
    while end > 0:
        line = lines[end - 1]
        if _norm(_strip_bullet(line.text)) in hints.blurb_texts:
            drop.add(end - 1)
        elif _boilerplate_kind(line.text) is None:
            break
        end -= 1
    return [line for i, line in enumerate(lines) if i not in drop]


def _is_caption(line: str, hints: _PageHints) -> bool:
    text = _norm(line)
    if text in hints.summary_texts:
        return False
    if text in hints.caption_texts or text in hints.alt_texts:
        return True
    return len(text.split()) >= MIN_CAPTION_PART_WORDS and any(text in caption for caption in hints.caption_texts)


def _is_related_item(line: str, hints: _PageHints) -> bool:
    return _norm(_strip_bullet(line)) in hints.related_texts


def _drop_by_page_hints(lines: Sequence[_Line], hints: _PageHints) -> list[_Line]:
    """Drop figure captions, the items of lists of other stories, paragraphs the page wraps in a link (cards for
    other pages), lines that are whole links (other articles, navigation) when they come in a run or are no
    sentence, and the blurbs of teasers that end the text.
    Headings stay: many pages link their own section headings, and so do links whose text is the address
    itself ("http://amzn.to/2iJFhRj" under a product, a source): menus and story lists print names, not
    addresses."""
    linked = [
        not line.heading and _norm(_strip_bullet(line.text)) in hints.link_texts and not PRINTED_URL_RE.match(line.text)
        for line in lines
    ]
    kept = []
    for i, line in enumerate(lines):
        if not line.heading and (_is_caption(line.text, hints) or _is_related_item(line.text, hints)):
            continue
        if not line.heading and _norm(line.text) in hints.card_texts:
            continue  # a paragraph the page wraps in a link: a card for another page
        if linked[i]:
            in_run = (i > 0 and linked[i - 1]) or (i + 1 < len(lines) and linked[i + 1])
            if in_run or not _ends_sentence(line.text):
                continue
        kept.append(line)
    return _drop_teaser_tail(kept, hints)


# ================================================================================================
# Second extractor: readability-lxml
# ================================================================================================

# Block-level tags: each starts a new line when readability's HTML is flattened to text.
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li blockquote pre td th tr section article ul ol dl dd dt figure figcaption "
    "table header footer aside main address".split()
)
_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}


# C0 control characters other than tab, newline and carriage return: no HTML or XML text may hold them, and lxml
# refuses a text that does ("All strings must be XML compatible"), which made readability log a traceback and give up
CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _readability_lines(html: str) -> list[_Line]:
    """Main text by readability-lxml, one line per block; list items get trafilatura's "- " marker."""
    html = CONTROL_CHARS_RE.sub("", html)
    if not html.strip():
        return []
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except (ValueError, etree.LxmlError):  # readability's Unparseable is a ValueError
        return []
    etree.strip_elements(tree, "script", "style", "noscript", with_tail=False)
    lines: list[_Line] = []
    for block in tree.iter():
        if not isinstance(block.tag, str) or block.tag not in _BLOCK_TAGS:
            continue
        if any(ancestor.tag == "pre" for ancestor in block.iterancestors()):
            continue  # part of a code block, which is one paragraph
        if block.tag == "pre":  # a code block keeps its lines, as one paragraph
            code = _code_rows(block.text_content()).strip()
            if code:
                lines.append(_Line(code))
            continue
        # Text of this block that is not inside a nested block: its own text and its inline children.
        # A line break in the source is a space; a <br> or a nested block ends a line.
        parts = [_flowing_text(block.text or "")]
        for child in block:
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                parts.append("\n")
            elif child.tag == "br":
                parts.append("\n")
            else:
                parts.append(_flowing_text(child.text_content()) if isinstance(child.tag, str) else "")
            parts.append(_flowing_text(child.tail or ""))
        for raw in "".join(parts).split("\n"):
            text = " ".join(raw.split())
            if not text:
                continue
            if block.tag == "li":
                text = f"- {text}"
            lines.append(_Line(text, _HEADING_TAGS.get(block.tag, 0)))
    return lines


def _text_chars(lines: Iterable[_Line]) -> int:
    return sum(len(line.text) for line in lines)


# The signature under an embedded post: "— Jane Doe (@janedoe) December 13, 2016".
POST_SIGNATURE_RE = re.compile(r"^[—–-]\s*.{1,80}?\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$")


def _confirmed_lines(lines: Sequence[_Line], precise: Sequence[_Line]) -> list[_Line]:
    """Lines of the default extraction that the precision extraction kept too, or that stand on their
    own: running text, a section heading (<h2>-<h6>) over running text, a sentence that introduces what
    follows it (a quotation, a list: "Abu Hurairah reported that the Prophet said:"), a list item, an
    embedded post and its signature (:data:`POST_SIGNATURE_RE`), whose text is short and often ends with a
    link ("No, that is not normal pic.twitter.com/DaFByrAX3O"). A code block counts as confirmed when the
    precision run has most of its words in one line: that run sometimes drops a word of it. What goes are
    the short extras only the default run keeps: headlines, decks, datelines, link labels."""
    confirmed = {line.text for line in precise}
    kept = []
    for i, line in enumerate(lines):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        if (
            line.text in confirmed
            or (_is_code_block(line.text) and _is_covered(line, precise))
            or _is_real_paragraph(line.text)
            or _is_bullet(line.text)
            or (line.heading > 1 and _is_real_paragraph(following))
            or (not line.heading and _is_lead_in(line.text) and bool(following))
            or (not line.heading and bool(POST_SIGNATURE_RE.match(following) or POST_SIGNATURE_RE.match(line.text)))
        ):
            kept.append(line)
    return kept


def _agreed_lines(lines: Sequence[_Line], precise: Sequence[_Line]) -> list[_Line]:
    """The default extraction's lines that the precision one confirms or that stand on their own
    (:func:`_confirmed_lines`), with the paragraphs and list items that only the precision extraction found
    put in where they belong: the default run sometimes loses a block in the middle of the story (an
    embedded post, the list item after it). Short lines only the precision run has stay out."""
    alone = [line for line in precise if _is_real_paragraph(line.text) or _is_bullet(line.text)]
    return _merge_lines(_confirmed_lines(lines, precise), alone)


def _is_lead_in(line: str) -> bool:
    """A sentence of some length that ends with a colon: it introduces what follows."""
    return _last_mark(line) == ":" and len(_words(line)) >= MIN_PARAGRAPH_WORDS


MIN_COVER_SHARE = 0.8  # a line whose words are this much inside one line of the other extraction repeats it


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _is_covered(line: _Line, others: Sequence[_Line]) -> bool:
    """Whether ``line`` repeats (most of) one of ``others``: the same text with a link or two missing."""
    words = _words_of(line.text)
    if not words:
        return True
    for other in others:
        vocabulary = set(_words_of(other.text))
        if sum(word in vocabulary for word in words) >= MIN_COVER_SHARE * len(words):
            return True
    return False


def _merge_lines(base: Sequence[_Line], extra: Sequence[_Line]) -> list[_Line]:
    """``base`` with the lines only ``extra`` has inserted where they belong, unless they repeat a line
    of ``base`` (a precision run sometimes keeps a block the default run misses, such as a list)."""
    matcher = SequenceMatcher(None, [line.text for line in base], [line.text for line in extra], autojunk=False)
    merged: list[_Line] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        merged.extend(base[i1:i2])
        if tag in ("insert", "replace"):
            merged.extend(line for line in extra[j1:j2] if not _is_covered(line, base))
    return merged


def _join_drop_caps(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Put a drop cap back into its word: ``<span>T</span><p>urkey, Poland ...`` reads "Turkey, Poland".

    A drop cap is an element holding one capital letter and nothing else, right before a paragraph that
    starts with a lower-case letter. Left alone, extractors drop the letter or make it a line of its own.
    """
    for cap in list(tree.iter("span", "div", "p", "b", "strong")):
        letter = (cap.text or "").strip()
        if len(letter) != 1 or not letter.isupper() or len(cap) or (cap.tail or "").strip():
            continue
        paragraph = cap.getnext()
        if paragraph is None or paragraph.tag != "p":
            continue
        first = next((el for el in paragraph.iter() if (el.text or "").strip()), None)
        if first is None or not first.text.lstrip()[:1].islower():
            continue
        first.text = letter + first.text.lstrip()
        cap.getparent().remove(cap)


MIN_ORPHAN_WORDS = 10  # text this long left after a nested block, among paragraphs, is a paragraph of its own
MIN_SIBLING_PARAGRAPHS = 2  # ... when its container holds at least this many <p> paragraphs
_ORPHAN_AFTER_TAGS = ("div", "ul", "ol", "table", "section", "aside", "figure")


def _rescue_orphan_text(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Give text stranded after a nested block its own paragraph. A paragraph that holds a block
    (``<p><div>photo</div>SAN FRANCISCO (AP) — Steve Jobs ...</p>``) is closed by the parser at the
    block, and its text is left as the block's tail, which extractors skip: often the lead paragraph."""
    for block in list(tree.iter(*_ORPHAN_AFTER_TAGS)):
        tail = block.tail or ""
        parent = block.getparent()
        if parent is None or len(tail.split()) < MIN_ORPHAN_WORDS:
            continue
        if sum(1 for child in parent if child.tag == "p") < MIN_SIBLING_PARAGRAPHS:
            continue
        paragraph = lxml.html.Element("p")
        paragraph.text = tail.strip()
        block.tail = None
        block.addnext(paragraph)


_INLINE_TAGS = frozenset("a abbr b bdi cite code em font i mark q s small span strong sub sup time u".split())


def _wrap_leading_text(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Give the leading text of a ``<div>`` laid out with ``<br>`` line breaks its own paragraph. In
    ``<div class="content">Following the ... <em><a>DigiTimes</a></em>. A preview ...<br><br>The report
    ...</div>`` the text before the first break is the lead paragraph, and extractors that take the page's
    larger container lose a div's own text. The text and the inline elements up to the first ``<br>`` or
    block become a ``<p>`` when they hold at least :data:`MIN_ORPHAN_WORDS` words."""
    for div in list(tree.iter("div")):
        if not (div.text or "").strip() or div.find("br") is None:
            continue
        run = []
        for child in div:
            if not isinstance(child.tag, str) or child.tag not in _INLINE_TAGS:
                break
            run.append(child)
        words = len(div.text.split()) + sum(len(el.text_content().split()) + len((el.tail or "").split()) for el in run)
        if words < MIN_ORPHAN_WORDS:
            continue
        paragraph = lxml.html.Element("p")
        paragraph.text, div.text = div.text, None
        for el in run:
            paragraph.append(el)  # moves it, with its tail
        div.insert(0, paragraph)


COMMENT_TOKENS = frozenset({"comment", "comments", "commentlist"})  # a class or id word naming a comment section
_CLASS_WORD_RE = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")  # "visitors_comment_block", "userComments"
_COMMENT_SECTION_TAGS = ("div", "section", "aside", "ol", "ul")
_ARTICLE_MARKERS = ".//h1|.//article|.//*[@itemprop='articleBody' or @itemprop='headline']"
_FORUM_RE = re.compile(r'"@type"\s*:\s*(?:"|\[[^\]]*")DiscussionForumPosting"')


def _names_comments(element) -> bool:
    words = {w.casefold() for value in (element.get("class"), element.get("id")) if value
             for w in _CLASS_WORD_RE.findall(value)}
    return not words.isdisjoint(COMMENT_TOKENS)


def _drop_comment_sections(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Remove the readers' comments: blocks whose class or id has the word "comment(s)" ("comment-list",
    "visitors_comment_block", "userComments"; not "commentary"). trafilatura removes only those whose class
    *starts* with it, and others end up in the article text. A block holding the headline or the article
    itself is kept, and so is every block on a forum page (schema.org DiscussionForumPosting), where the
    comments are the content."""
    if any(_FORUM_RE.search(script.text or "") for script in tree.iterfind('.//script[@type="application/ld+json"]')):
        return
    for element in list(tree.iter(*_COMMENT_SECTION_TAGS)):
        if element.getparent() is None or not _names_comments(element) or element.xpath(_ARTICLE_MARKERS):
            continue
        element.drop_tree()  # its tail, text of the parent, stays


_EMBED_WRAPPER_RE = re.compile(r"social|share|viral|embed|tweet|twitter", re.IGNORECASE)


def _free_embedded_posts(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Take an embedded post (``<blockquote class="twitter-tweet">``) out of the wrapper a layout puts it in
    (``<div class="social-media-embed">``): extractors discard anything whose class says "social" or "share"
    as a share widget, and the quoted post, part of the story, goes with it. Only wrappers that hold nothing
    but the post are taken away."""
    for post in list(tree.xpath("//blockquote[contains(@class, 'twitter-tweet')]")):
        text = _norm(post.text_content())
        wrapper = None
        for ancestor in post.iterancestors():
            names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
            if not _EMBED_WRAPPER_RE.search(names) or _norm(ancestor.text_content()) != text:
                break
            wrapper = ancestor
        if wrapper is not None and wrapper.getparent() is not None:
            post.tail = wrapper.tail
            wrapper.getparent().replace(wrapper, post)


# "Click to tweet" boxes (WordPress's Social Warfare, Better Click To Tweet, CoSchedule ...): a sentence of the
# story set off as a quote, with a button that shares it.
_TWEETABLE_RE = re.compile(r"click-?to-?tweet", re.IGNORECASE)
_TWEETABLE_QUOTE_RE = re.compile(r"ctt-text|tweet-?quote", re.IGNORECASE)
_TWEETABLE_BUTTON_RE = re.compile(r"ctt-btn|ctt-button|tweet-?(?:button|btn)", re.IGNORECASE)
MAX_TWEETABLE_WORDS = 80  # a tweet is at most 280 characters: a longer element is a page or post so marked


def _is_tweetable_box(el) -> bool:  # el: an lxml element
    return bool(_TWEETABLE_RE.search(el.get("class") or "")) and len(el.text_content().split()) <= MAX_TWEETABLE_WORDS


def _free_tweetable_quotes(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Turn a "click to tweet" box into a plain paragraph of its quote. The box is a link (or holds one) that
    shares the sentence, so extractors drop it as a link and the sentence, part of the story, goes with it;
    its "Click To Tweet" button is no text of the story."""
    for box in list(tree.xpath("//*[@class]")):
        if not _is_tweetable_box(box) or any(_is_tweetable_box(ancestor) for ancestor in box.iterancestors()):
            continue
        quotes = [el for el in box.iter() if _TWEETABLE_QUOTE_RE.search(el.get("class") or "")]
        buttons = {_norm(el.text_content()) for el in box.iter() if _TWEETABLE_BUTTON_RE.search(el.get("class") or "")}
        parts = [el.text_content() for el in quotes] or [t for t in box.itertext() if _norm(t) not in buttons]
        text = " ".join(" ".join(parts).split())
        outer = box  # and the link that holds nothing else
        while (parent := outer.getparent()) is not None and parent.tag == "a" and (
            _norm(parent.text_content()) == _norm(box.text_content())
        ):
            outer = parent
        if outer.getparent() is None:
            continue
        if text:
            paragraph = lxml.html.Element("p")
            paragraph.text, paragraph.tail = text, outer.tail
            outer.getparent().replace(outer, paragraph)
        else:  # a lone button
            outer.drop_tree()


def _drop_repeated_table_headers(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Drop a table footer that repeats the table's header (``<tfoot>`` with the ``<thead>`` row again, which
    long tables show under their rows): extracted, the header row would be printed twice."""
    for footer in list(tree.iter("tfoot")):
        header = footer.getparent().find("thead") if footer.getparent() is not None else None
        if header is not None and _norm(footer.text_content()) == _norm(header.text_content()):
            footer.drop_tree()


# A subheading that the page marks by its class only: <div class="pf_subheadline">, "subhead", "crosshead" ...
SUBHEAD_CLASS_RE = re.compile(r"sub-?_?head|cross-?head|zwischentitel|intertit", re.IGNORECASE)
MAX_SUBHEAD_WORDS = 25  # a longer block so classed is a deck or a paragraph


def _promote_classed_subheads(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Make a subheading written as a classed ``<div>`` between two paragraphs an ``<h3>``. Extractors drop
    a short ``<div>`` of bare text among paragraphs, and with it the question a Q&A section asks ("Who pays
    the cost of a tariff?"). Subheads of the page's header and menus (no paragraph on both sides) stay."""

    def is_paragraph(el) -> bool:
        return el is not None and el.tag == "p" and bool(el.text_content().strip())

    for block in list(tree.iter("div")):
        text = block.text_content().split()
        if (
            SUBHEAD_CLASS_RE.search(block.get("class") or "")
            and 0 < len(text) <= MAX_SUBHEAD_WORDS
            and not any(child.tag in _BLOCK_TAGS for child in block.iterdescendants())
            and is_paragraph(block.getprevious())
            and is_paragraph(block.getnext())
        ):
            block.tag = "h3"
            del block.attrib["class"]  # extractors drop any block whose class says "headline", as the page title


_TABLE_PART_TAGS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def _unwrap_layout_tables(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Turn layout tables into plain blocks. A page laid out with a table, which holds paragraphs of running
    text in a cell, is extracted as table rows: the cell's paragraphs are flattened into one line together
    with the menus and story lists beside them. Such a table becomes ``<div>``s; so does every table around
    the text, and the boxes nested in it. Data tables stay tables: those whose cells hold no paragraphs of
    running text, and inside a layout those with rows of cells (a table of figures in the story)."""
    layouts = {
        table for table in tree.iter("table")
        if any(_running_paragraphs(cell) >= MIN_BODY_PART_PARAGRAPHS for cell in table.iter("td", "th"))
    }
    nested = {table for layout in layouts for table in layout.iter("table")} - layouts
    kept = {table for table in nested if _has_data_rows(table)}
    parts = [  # a layout table and everything table-like in it, but for the data tables inside it
        part for table in layouts for part in table.iter(*_TABLE_PART_TAGS)
        if not any(owner in kept for owner in (part, *part.iterancestors("table")))
    ]
    for part in parts:
        part.tag = "div"


MIN_DATA_ROWS = 2  # a table with this many rows of two cells or more holds data, not a layout's box


def _has_data_rows(table) -> bool:
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table")) is table]
    return sum(len([cell for cell in row if cell.tag in ("td", "th")]) >= 2 for row in rows) >= MIN_DATA_ROWS


BODY_CLASS_RE = re.compile(r"(?:article|story|post|entry)[-_]*(?:body|content|text)|^body(?:[-_]|$)", re.IGNORECASE)
_BODY_PART_TAGS = ("div", "section")
MIN_BODY_PART_PARAGRAPHS = 2  # a block of an article body holds this many paragraphs of running text (a teaser one)


def _running_paragraphs(element) -> int:
    return sum(1 for p in element.iter("p") if _is_real_paragraph(" ".join(p.text_content().split())))


def _join_split_bodies(tree) -> None:  # tree: the parsed page (lxml), changed in place
    """Put an article body split into several containers back into one. Some layouts cut the body into
    blocks of the same class with advertisements or a rail between them (``<div class="body article__body">``
    three times); extractors take the first block and lose the rest of the article. The later blocks'
    contents move, in order, to the end of the first. Only blocks whose class names an article body
    (:data:`BODY_CLASS_RE`), that each hold paragraphs of running text (a teaser card holds one blurb at
    most), that are not inside one another and that belong to one story (the same ``<article>``, no ``<h1>``
    between them: a page that loads the next story below keeps it apart) are joined."""
    stories: dict[tuple, list] = {}  # parts of one story: the same class, <article> and headline above them
    for part in tree.iter(*_BODY_PART_TAGS):
        classes = " ".join((part.get("class") or "").split())
        if not any(BODY_CLASS_RE.search(token) for token in classes.split()):
            continue
        if _running_paragraphs(part) >= MIN_BODY_PART_PARAGRAPHS:
            article = next(part.iterancestors("article"), None)
            stories.setdefault((classes, article, part.xpath("count(preceding::h1)")), []).append(part)
    for parts in stories.values():
        if len(parts) < 2 or any(other in part.iterancestors() for part in parts for other in parts):
            continue
        first = parts[0]
        for part in parts[1:]:
            if part.text and part.text.strip():
                paragraph = lxml.html.Element("p")
                paragraph.text = part.text
                first.append(paragraph)
            for child in list(part):
                first.append(child)
            part.drop_tree()


def _html_body(html: str, url: str | None, declared: PageMetadata):  # -> (Document | None, method, lines, hints)
    """The body lines of a page, how they were found, and what the page says about them (:class:`_PageHints`).

    trafilatura runs twice: with its defaults (which already compare its own extraction with its
    bundled readability and jusText fallbacks) and favouring precision. When the precision run found
    a fair share of the text, the default run's lines are kept where precision confirms them or they
    stand on their own, and the paragraphs only the precision run found are put in ("trafilatura").
    Otherwise the default run is taken whole, with any block only the precision run found merged in
    ("trafilatura_fallback"). When even that leaves (almost) nothing after the boilerplate filters,
    readability-lxml gets a try ("readability") and wins if it finds clearly more; then so does the
    text the page ``declared`` in JSON-LD ("json-ld": a page that draws its body with scripts may
    carry it only there; ``declared`` is the page's :class:`PageMetadata`). Readers' comment sections
    are cut from the page first, and captions and lists of links the page marks as such go in every case.
    """
    page = load_html(html) if html.strip() else None
    if page is not None:
        _join_drop_caps(page)
        _rescue_orphan_text(page)
        _wrap_leading_text(page)
        _drop_comment_sections(page)
        _unwrap_layout_tables(page)
        _drop_repeated_table_headers(page)
        _promote_classed_subheads(page)
        _join_split_bodies(page)
        _free_embedded_posts(page)
        _free_tweetable_quotes(page)
    doc = _extract(page, url)
    precise_doc = _extract(page, url, with_metadata=False, favor_precision=True)
    preformatted = _preformatted_texts(page)
    lines = _body_lines(doc.body, preformatted) if doc is not None else []
    precise = _body_lines(precise_doc.body, preformatted) if precise_doc is not None else []
    if _text_chars(precise) >= max(MIN_PRECISION_CHARS, PRECISION_SHARE * _text_chars(lines)):
        lines, method = _agreed_lines(lines, precise), "trafilatura"
    else:
        lines, method = _merge_lines(lines, precise), "trafilatura_fallback"
    hints = _page_hints(page, declared.descriptions)
    lines = _drop_by_page_hints(lines, hints)
    kept_chars = _kept_chars(lines)
    if kept_chars < MIN_BODY_CHARS:
        from_json_ld = [_Line(text) for text in declared.article_body]
        others = ((_readability_lines(html), "readability"), (from_json_ld, "json-ld"))
        for other, other_method in others:
            other = _drop_by_page_hints(other, hints)
            other_chars = _kept_chars(other)
            if other_chars >= max(MIN_PRECISION_CHARS, SECOND_EXTRACTOR_GAIN * kept_chars):
                lines, method, kept_chars = other, other_method, other_chars
    return doc, method, lines, hints


def _kept_chars(lines: Sequence[_Line]) -> int:
    """How much text of ``lines`` the boilerplate filters keep."""
    return sum(len(text) for text in _filter_lines(line.text for line in lines).lines)


# ================================================================================================
# HTML body: lists of other articles and the repeated headline
# ================================================================================================


def _is_listed_headline(line: str) -> bool:
    core = _strip_bullet(line)
    return (
        len(_words(core)) >= MIN_LISTED_HEADLINE_WORDS
        and "|" not in core
        and _looks_like_headline(core)
        and _is_mostly_capitalised(core)
    )


MIN_LINKED_SHARE = 0.5  # a link whose text is this much of a line makes it a linked line ("<a>Headline</a> - May 2")


def _carries_link(line: str, hints: _PageHints) -> bool:
    """Whether the line is linked on the page: a link's text makes up at least half of it, or holds it whole."""
    text = _norm(_strip_bullet(line))
    return bool(text) and any(
        text in link or (len(link) >= MIN_LINKED_SHARE * len(text) and link in text) for link in hints.link_texts
    )


def _drop_headline_runs(paragraphs: Sequence[str], hints: _PageHints) -> list[str]:
    """Drop runs of title-cased headline-like lines that are links on the page (at least half of them):
    lists of other articles without a heading. A run of lines without links is the article's own list:
    tour dates ("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL"), a schedule, a line-up."""
    kept: list[str] = []
    run: list[str] = []
    for paragraph in [*paragraphs, ""]:  # the empty sentinel closes a run at the end
        if paragraph and _is_listed_headline(paragraph):
            run.append(paragraph)
            continue
        if len(run) < MIN_HEADLINE_RUN or 2 * sum(_carries_link(line, hints) for line in run) < len(run):
            kept.extend(run)
        run = []
        if paragraph:
            kept.append(paragraph)
    return kept


def _drop_lead(paragraphs: Sequence[str], titles: Iterable[str | None]) -> list[str]:
    """Drop the headline repeated at the top of the body (whole, or one side of "Headline - Site"),
    with any short lines above it (kicker, section name), bare labels ("Summary:") above the first
    paragraph of running text, and a bare label that ends the text."""
    candidates = set()
    for title in titles:
        if title:
            candidates.add(_norm(title))
            candidates.update(
                _norm(part) for part in TITLE_SEPARATOR_RE.split(title) if len(_words(part)) >= MIN_TITLE_PART_WORDS
            )
    out = list(paragraphs)
    for i, paragraph in enumerate(out[:MAX_LEAD_LINES]):
        if _is_real_paragraph(paragraph) and _norm(paragraph) not in candidates:
            break
        if _norm(paragraph) in candidates:
            out = out[i + 1 :]
            break
    while out and _is_bare_label(out[0]):
        out = out[1:]
    while out and _is_bare_label(out[-1]) and len(_words(out[-1])) <= MAX_TAIL_LABEL_WORDS:
        out.pop()  # "In Video:" at the very end: what it introduced (a player, a list) is gone
    return out


def _is_bare_label(paragraph: str) -> bool:
    return not _is_real_paragraph(paragraph) and paragraph.endswith(":") and len(_words(paragraph)) <= MAX_LABEL_WORDS


def _compact(text: str | None) -> str:
    """Case-folded letters and digits only, for loose comparisons of names."""
    return "".join(c for c in (text or "").casefold() if c.isalnum())


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


def clean_input(raw: str, kind: str) -> CleanArticle:
    """Clean one input of ``kind`` "html" or "text" (see ``flows.inputs.InputRef.kind``)."""
    return clean_html(raw) if kind == "html" else clean_plaintext(raw)


def clean_html(html: str, url: str | None = None) -> CleanArticle:
    """Clean an HTML page with trafilatura: main text, title, authors, date, site name, language.

    The body (see :func:`_html_body`) gets the same line filters as plain text, then lists of
    title-cased headlines go, and so does the headline repeated near the top of the body (it is the
    title); ``<h2>``-style headings the extractor kept become headings.
    """
    html = open_self_closed_scripts(html or "")
    page = page_metadata(html, url)
    doc, method, body_lines, hints = _html_body(html, url, page)
    meta = doc if doc is not None else trafilatura.extract_metadata(html, default_url=url)
    filtered = _filter_lines(line.text for line in body_lines)

    footer_site, footer_domain = _publisher_from_footer(filtered.footer_lines)
    site_name = page.site_name or (meta.sitename or "").strip() or footer_site
    page_url = page.url or url or meta.url or None
    domain = (_registered_domain(page_url) if page_url else None) or footer_domain
    raw_title = (meta.title or "").strip()
    title = page.title or _strip_site_suffix(raw_title, site_name, domain) or None

    paragraphs = _drop_lead(_drop_headline_runs(filtered.lines, hints), (title, raw_title))
    heading_texts = {" ".join(line.text.split()).casefold() for line in body_lines if line.heading}
    heading_indexes = [i for i, p in enumerate(paragraphs) if " ".join(p.split()).casefold() in heading_texts]
    body, headings, spans = _assemble(paragraphs, heading_indexes)

    return CleanArticle(
        body_text=body,
        title=title,
        authors=tuple(page.authors or filtered.authors),
        authors_source=page.authors_source if page.authors else ("byline" if filtered.authors else None),
        published_at=page.published_at,  # None when nothing reliable was found: no guessing
        published_at_source=page.published_at_source,
        published_date=page.published_date or (page.published_at.date() if page.published_at else None),
        site_name=site_name,
        domain=domain,
        url=page_url,
        # the text decides when there is enough of it; templates often declare a default lang
        language=detect_language(body) if len(body) >= MIN_DETECT_CHARS else (
            meta.language or _html_lang(html) or detect_language(body)),
        headings=headings,
        heading_spans=spans,
        extraction_method=method,
    )
