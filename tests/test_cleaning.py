"""Tests for transforms.cleaning: one synthetic example per plain-text rule, the HTML path, and properties.

All texts are synthetic (written in the style of real news inputs); nothing here reads /work/shared.
"""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms import cleaning
from transforms.cleaning import CleanArticle, clean_html, clean_plaintext, detect_language

FIXTURES = Path(__file__).parent / "fixtures" / "cleaning"

PARA_1 = (
    "The harbour authority approved a new container terminal on Monday, ending a two-year dispute "
    "with local fishing crews over access to the northern quay."
)
PARA_2 = (
    "Officials said the terminal would open in 2027 and employ about 600 people, though unions "
    "warned that many of the jobs would be temporary."
)
PARA_3 = (
    "Critics said the plan ignored flood risks, and several residents’ groups vowed to appeal the decision in court."
)


def doc(*lines: str) -> str:
    """A plain-text article: one paragraph per line, no trailing newline."""
    return "\n".join(lines)


def paragraphs(article: CleanArticle) -> list[str]:
    return article.body_text.split("\n\n") if article.body_text else []


# --------------------------------------------------------------------------------------------
# Rule 1: title
# --------------------------------------------------------------------------------------------


def test_headline_first_line_becomes_title_and_leaves_body():
    headline = "Port Authority Backs New Terminal Amid Fishing Dispute"
    article = clean_plaintext(doc(headline, PARA_1, PARA_2))
    assert article.title == headline
    assert paragraphs(article) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "first_line",
    [
        PARA_1,  # a sentence
        "- Harbour terminal approved after a two-year fight.",  # a bullet
        "Port authority backs the terminal.",  # short but ends with a full stop
        " ".join(["Word"] * 25),  # too long for a headline
    ],
)
def test_no_title_when_text_opens_with_sentence_or_bullet(first_line):
    article = clean_plaintext(doc(first_line, PARA_1, PARA_2))
    assert article.title is None
    assert paragraphs(article)[0] == first_line


def test_title_skips_leading_boilerplate():
    article = clean_plaintext(doc("Photo: Harbour Authority", "Harbour Terminal Approved", PARA_1))
    assert article.title == "Harbour Terminal Approved"
    assert paragraphs(article) == [PARA_1]


# --------------------------------------------------------------------------------------------
# Rule 2: headings
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Rivera’s Plan for U.S. Port Expansion",
        "Key Takeaways",
        "Obstacles Ahead: Floods and Finances",
        "The Stakes in the U.S.-EU Shipping Rivalry",
        "What Comes Next",
    ],
)
def test_heading_stays_in_body_and_is_listed(heading):
    article = clean_plaintext(doc("Harbour Terminal Approved", PARA_1, heading, PARA_2))
    assert article.headings == (heading,)
    assert paragraphs(article) == [PARA_1, heading, PARA_2]
    ((start, end),) = article.heading_spans
    assert article.body_text[start:end] == heading


@pytest.mark.parametrize(
    "line",
    [
        "Here is what the officials said:",  # ends with a colon
        "The Port Will Open Soon.",  # ends with a full stop
        "Is This The End For Fishing Crews?",  # ends with a question mark
        "the quieter side of the harbour",  # not capitalised
        "- Harbour Expansion Plans",  # a bullet
        "This Heading Has Far Too Many Words To Be A Real Section Heading In Any Article",
    ],
)
def test_non_headings(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert article.headings == ()
    assert line in paragraphs(article)


def test_heading_needs_a_paragraph_after_it():
    # Two heading-like lines in a row: only the second (followed by text) is a heading; a final
    # heading-like line is no heading either.
    article = clean_plaintext(doc(PARA_1, "Harbour Politics", "The Mayor Responds", PARA_2, "Closing Notes"))
    assert article.headings == ("The Mayor Responds",)


def test_heading_may_introduce_a_bullet_list():
    bullets = ["- The terminal opens in 2027.", "- About 600 people will work there."]
    article = clean_plaintext(doc(PARA_1, "Key Takeaways", *bullets, PARA_3))
    assert article.headings == ("Key Takeaways",)
    assert paragraphs(article) == [PARA_1, "Key Takeaways", *bullets, PARA_3]


def test_heading_spans_slice_back_for_several_headings():
    text = doc("Harbour Terminal Approved", PARA_1, "The Vote", PARA_2, "Reaction From Residents", PARA_3)
    article = clean_plaintext(text)
    assert article.headings == ("The Vote", "Reaction From Residents")
    assert [article.body_text[s:e] for s, e in article.heading_spans] == list(article.headings)
    assert article.heading_spans[0][0] == len(PARA_1) + 2


# --------------------------------------------------------------------------------------------
# Rule 3: bylines
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Originally Written by: Tomas Lindqvist", ("Tomas Lindqvist",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("Written by Jane Doe", ("Jane Doe",)),
        ("Reporting by Ana Ruiz; Editing by Mark Hale", ("Ana Ruiz",)),
        ("Reporting by Ana Ruiz and Lee Chan in Lisbon; Editing by Mark Hale", ("Ana Ruiz", "Lee Chan")),
        ("By Ana Ruiz, Lee Chan", ("Ana Ruiz", "Lee Chan")),
        ("By Ana Ruiz, Reuters", ("Ana Ruiz",)),
        ("BY: Ludwig van Dijk", ("Ludwig van Dijk",)),
        ("Publicado por: Clarissa Borba", ("Clarissa Borba",)),
        ("Geschrieben von Anna Schmidt", ("Anna Schmidt",)),
        ("Ditulis oleh Budi Santoso", ("Budi Santoso",)),
        ("May 5, 2020 - By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde", ("Clarissa Borba",)),
        ("Tuesday 15 October 2019 by Bradley M. Kuhn", ("Bradley M. Kuhn",)),
        ("Posted on March 3, 2020 at 09:11 by Jane Doe.", ("Jane Doe",)),
        ("Posted by Andrew Hayden, Software Engineer on Google Play", ("Andrew Hayden",)),
        ("By Jane Doe, Senior Editor at The Harbour Times", ("Jane Doe",)),
    ],
)
def test_byline_becomes_authors_and_leaves_body(byline, authors):
    for text in (doc(PARA_1, PARA_2, byline), doc(byline, PARA_1, PARA_2)):
        article = clean_plaintext(text)
        assert article.authors == authors
        assert paragraphs(article) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the terminal will handle a million containers.",
        "By Tuesday",
        "Written by hand, the letter was delivered to the mayor.",
        "By Staff Reporter",
        "Publicado por la Comisión Europea en 2019, el informe recomienda cerrar el puerto.",
        "March 2019 by the city council",
        "By Jane Doe, who covers the harbour for the paper",
    ],
)
def test_byline_rejects_non_names(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert article.authors == ()
    assert line in paragraphs(article)


# --------------------------------------------------------------------------------------------
# Rule 4: boilerplate
# --------------------------------------------------------------------------------------------

PROMO_LINES = [
    "Want the full picture? Register Here.",
    "Sign up for our morning briefing.",
    "Subscribe now to get unlimited access.",
    "Click here to read the full report.",
    "Download the Harbour Times app for breaking news.",
    "Get the latest port news delivered to your inbox.",
    "- Ana Ruiz’s model has flagged 5X winners—see her next picks at a free June 3 event. Register Here.",
    "- Join our free masterclass on shipping stocks",
]


@pytest.mark.parametrize("line", PROMO_LINES)
def test_promotional_lines_are_dropped(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert paragraphs(article) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "line",
    [
        "More than 2,000 residents signed up for the consultation, the council said.",
        "The service has 40,000 subscribers, most of them small shipping firms.",
        "The museum will hold a free community event on Saturday to mark the opening.",
        "Users can register for the scheme from next week, officials said.",
        "If you stay on the copy list, you will get the latest thread when everyone replies, so there is no need "
        "to answer every message at once.",
        # a call to action inside a paragraph of running text longer than any banner: the paragraph is the story
        " ".join([PARA_1, PARA_2, "Readers who want the report can click here for the full text.", PARA_3]),
    ],
)
def test_reporting_about_signups_is_kept(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert line in paragraphs(article)


@pytest.mark.parametrize(
    "line",
    [
        "Also Read: Fishing Crews Vow To Block Terminal Site",
        "Read More: Harbour Chief Resigns After Audit",
        "Related: Why Ports Are Racing To Expand",
        "See also: The Great Container Shortage",
    ],
)
def test_cross_link_lines_are_dropped(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert paragraphs(article) == [PARA_1, PARA_2]


@pytest.mark.parametrize("marker", ["Read Next", "Related Articles", "More from Harbour Times", "You may also like"])
def test_read_next_block_is_dropped_up_to_next_paragraph(marker):
    text = doc(
        PARA_1,
        PARA_2,
        marker,
        "Rivera Vs Crews: Old Allies Fall Out: ‘He Never Listens’",
        "Why Container Rates Keep Climbing",
        PARA_3,
    )
    article = clean_plaintext(text)
    assert paragraphs(article) == [PARA_1, PARA_2, PARA_3]


def test_read_next_block_at_the_end():
    article = clean_plaintext(doc(PARA_1, PARA_2, "Read Next", "Harbour Chief Quits: ‘Enough Is Enough’"))
    assert paragraphs(article) == [PARA_1, PARA_2]
    assert "Enough" not in article.body_text


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Harbour Authority",
        "Image credit: Ana Ruiz",
        "Image credit Reuters",
        "Shutterstock/Photo Agency",
        "Getty Images",
        "AP Photo/Lee Chan",
        "Reuters/Ana Ruiz",
        "Ana Ruiz/Getty Images",
        "Bloomberg via Getty Images",
        "Credit: Lee Chan for The Harbour Times",
        "(Photo by Lee Chan/AFP)",
        "Courtesy Harbour Authority",
        "Agencies",
        "File photo",
        "(Representational image)",
    ],
)
def test_photo_credits_are_dropped(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert paragraphs(article) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported the deal on Monday, citing two people familiar with it.",
        "The photo was taken by a Reuters photographer.",
        "Federal agencies",  # a heading
        "Three agencies said the file photo was genuine.",
    ],
)
def test_sentences_naming_agencies_are_kept(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert line in paragraphs(article)


def test_headline_starting_with_agency_name_is_kept_as_heading():
    article = clean_plaintext(doc(PARA_1, "Getty Images Sues Harbour Startup", PARA_2))
    assert article.headings == ("Getty Images Sues Harbour Startup",)


@pytest.mark.parametrize(
    "line",
    [
        "This content was partially produced with the help of AI tools and was reviewed by our editors.",
        "This article was generated with AI assistance.",
        "Parts of this story were drafted using artificial intelligence and checked by a reporter.",
    ],
)
def test_ai_disclosures_are_dropped(line):
    article = clean_plaintext(doc(PARA_1, PARA_2, line))
    assert paragraphs(article) == [PARA_1, PARA_2]


def test_reporting_about_ai_is_kept():
    line = "The report found that AI tools produced most of the new code at the port’s software unit."
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert line in paragraphs(article)


@pytest.mark.parametrize(
    "line",
    [
        "© 2024 Example News",
        "Copyright 2023 Harbour Media Ltd. All rights reserved.",
        "Harbour Wire does not provide investment advice.",
        "Port data brought to you by Harbour Wire",
    ],
)
def test_publisher_footers_are_dropped(line):
    article = clean_plaintext(doc(PARA_1, PARA_2, line))
    assert paragraphs(article) == [PARA_1, PARA_2]


# --------------------------------------------------------------------------------------------
# Rule 5: publisher from footers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "site_name", "domain"),
    [
        (
            "Market News and Data brought to you by Harbourline APIs© 2025 Harbourline.com. "
            "Harbourline does not provide investment advice. All rights reserved.",
            "Harbourline",
            "harbourline.com",
        ),
        ("© 2024 Example News", "Example News", None),
        ("Copyright 2023 Harbour Media Ltd. All rights reserved.", "Harbour Media", None),
        (
            "This content was partially produced with the help of AI tools and was reviewed and "
            "published by Quayside editors.",
            "Quayside",
            None,
        ),
    ],
)
def test_footer_names_the_publisher(footer, site_name, domain):
    article = clean_plaintext(doc(PARA_1, PARA_2, footer))
    assert (article.site_name, article.domain) == (site_name, domain)
    assert paragraphs(article) == [PARA_1, PARA_2]


def test_no_footer_no_publisher():
    article = clean_plaintext(doc(PARA_1, PARA_2))
    assert (article.site_name, article.domain, article.url) == (None, None, None)


# --------------------------------------------------------------------------------------------
# Rule 6: summary bullets; rule 7: method and language
# --------------------------------------------------------------------------------------------


def test_summary_bullets_stay_promos_go():
    bullets = [
        "- The harbour authority approved a new container terminal.",
        "- The project ties the port to a $2 billion federal programme.",
    ]
    promo = "- Lee Chan’s picks beat the market—claim your spot at a free May 9 webinar."
    article = clean_plaintext(doc(*bullets, promo, PARA_1, PARA_2))
    assert article.title is None
    assert paragraphs(article) == [*bullets, PARA_1, PARA_2]


def test_method_and_language():
    article = clean_plaintext(doc(PARA_1, PARA_2))
    assert article.extraction_method == "plaintext"
    assert article.language == "en"
    assert article.published_at is None and article.published_at_source is None


def test_detect_language():
    assert detect_language(PARA_1 + " " + PARA_2) == "en"
    german = (
        "Die Hafenbehörde hat am Montag ein neues Containerterminal genehmigt und damit einen langen Streit beendet."
    )
    assert detect_language(german) == "de"
    assert detect_language("Hi there") is None
    assert detect_language("") is None


# --------------------------------------------------------------------------------------------
# Body shape
# --------------------------------------------------------------------------------------------


def test_paragraphs_are_kept_verbatim_and_blank_lines_normalised():
    text = "\r\n\n  " + PARA_1 + "  \r\n\r\n\r\n" + PARA_2 + "\n\n\n" + PARA_3 + "\n"
    article = clean_plaintext(text)
    assert article.body_text == "\n\n".join([PARA_1, PARA_2, PARA_3])


def test_empty_text():
    article = clean_plaintext("")
    assert article.body_text == "" and article.title is None and article.language is None


QUOTE_PARA = (
    '"We will not accept a terminal built for a handful of shipping lines," said Maria Keller, a spokeswoman '
    "for the fishing co-operative, adding that well-known crews had been ignored."
)


def wrapped(*paragraphs_: str, width: int = 72, indent: str = "") -> str:
    """A plain-text article wrapped at a fixed width, paragraphs separated by a blank line."""
    return "\n\n".join(textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent, break_long_words=False)
                       for p in paragraphs_)


@pytest.mark.parametrize("width", [60, 72, 80])
def test_text_wrapped_at_a_fixed_width_is_joined_back_into_paragraphs(width):
    text = "Harbour Terminal Approved\n\nBy Jane Doe\n\n" + wrapped(PARA_1, QUOTE_PARA, PARA_2, width=width)
    article = clean_plaintext(text)
    assert article.title == "Harbour Terminal Approved"
    assert article.authors == ("Jane Doe",)
    assert paragraphs(article) == [PARA_1, QUOTE_PARA, PARA_2]


def test_wrapped_text_keeps_list_items_indented_blocks_and_short_lines_apart():
    item = "- The terminal opens in 2027 and will employ about 600 people, most of them on temporary contracts."
    quoted = "The quay belongs to the fishing crews and always will, whatever the authority decides this year."
    text = "\n".join([
        wrapped(PARA_1),
        "",
        "Key Points",
        wrapped(item, width=72).replace("\n", "\n  "),  # a list item's second line is indented under its text
        "- Short item.",
        wrapped(quoted, indent="    "),
        "",
        wrapped(PARA_2),
    ])
    assert paragraphs(clean_plaintext(text)) == [PARA_1, "Key Points", item, "- Short item.", quoted, PARA_2]


def test_word_broken_at_its_hyphen_is_joined_back():
    hyphenated = (
        "Officials said the terminal would open in 2027, though unions warned that most of the jobs would be "
        "short-term and badly paid."
    )
    text = wrapped(PARA_1, hyphenated, PARA_3, width=54)
    assert "short-\nterm" in text  # textwrap broke the word at its hyphen
    assert paragraphs(clean_plaintext(text)) == [PARA_1, hyphenated, PARA_3]


@pytest.mark.parametrize(
    "lines",
    [
        # one short paragraph per line: no break was forced by a width
        [
            "The harbour authority approved a new container terminal on Monday after a long dispute.",
            "The authority said the vote was close but final.",
            "Officials said the terminal would open in 2027 and employ about 600 people in all.",
            "Crews will appeal.",
        ],
        # one sentence per line, each nearly as long as the longest: the breaks are forced, but at a sentence's end
        [
            "The harbour authority approved the new container terminal on Monday evening.",
            "Fishing crews said they would take the decision to the regional court at once.",
            "Officials expect the terminal to open in 2027 and to employ about 600 people.",
            "Unions warned that many of the new jobs at the terminal would be temporary.",
        ],
        # lines of nearly one length, but longer than any wrapping width
        [PARA_1 + " " + PARA_3, PARA_2 + " " + PARA_3, PARA_3 + " " + PARA_1],
    ],
)
def test_text_with_one_paragraph_per_line_is_not_joined(lines):
    assert paragraphs(clean_plaintext("\n".join(lines))) == lines


# --------------------------------------------------------------------------------------------
# Seed-like synthetic articles (fixtures)
# --------------------------------------------------------------------------------------------


def _fixture_lines(name: str) -> tuple[str, list[str]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, [line.strip() for line in text.splitlines() if line.strip()]


def test_headline_style_article_keeps_its_content():
    text, lines = _fixture_lines("headline_article.txt")
    article = clean_plaintext(text)
    assert article.title == lines[0]
    assert article.authors == ("Priya Raman",)
    assert article.site_name is None
    assert article.headings == (
        "Chen’s Plan for U.S. Chip Independence",
        "Rivals Court the Commerce Department",
        "Hurdles Ahead: Permits and Politics",
        "Key Points",
    )
    # Everything except the headline and the byline is real content and stays, in order.
    assert paragraphs(article) == lines[1:-1]
    assert "Originally Written by" not in article.body_text


def test_bullet_style_article_keeps_content_and_drops_boilerplate():
    text, lines = _fixture_lines("bullets_article.txt")
    article = clean_plaintext(text)
    assert article.title is None
    assert article.authors == ()
    assert (article.site_name, article.domain) == ("Harbourline", "harbourline.com")
    content = [
        line
        for line in lines
        if line.startswith(("- Maria", "- Halcyon", "Maria", "What Happened", "According", "Halcyon", "Why It"))
    ]
    assert len(content) == 7
    assert paragraphs(article) == content
    for dropped in (
        "Dan Okafor",
        "Register Here",
        "Also Read:",
        "Read Next",
        "Burns Every Bridge",
        "Getty Images",
        "partially produced with the help of AI tools",
        "All rights reserved",
    ):
        assert dropped not in article.body_text


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

HTML_PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new bridge across the harbour, ending a debate that has "
    "lasted for more than a decade.",
    "The bridge will carry two tram lines and a cycle path, and it is designed to cut journey times between the "
    "old town and the port district by half.",
    "What Comes Next",
    "Construction is expected to begin next spring, officials said, and the project will cost about 40 million "
    "euros according to the council's budget office.",
    "Residents who live near the site will be consulted before the final design is chosen, the mayor told "
    "reporters after the vote.",
]


def test_clean_html_article_page():
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    article = clean_html(html, url="https://news.example-gazette.co.uk/city/harbour-bridge")
    assert article.extraction_method == "trafilatura"
    assert article.title == "Council Approves New Harbour Bridge"  # " | Example Gazette" removed
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.published_at == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert article.published_at.tzinfo is not None
    assert article.published_at_source == "meta:article:published_time"
    assert article.site_name == "Example Gazette"
    assert article.domain == "example-gazette.co.uk"
    assert article.url == "https://news.example-gazette.co.uk/city/harbour-bridge"
    assert article.language == "en"
    assert paragraphs(article) == HTML_PARAGRAPHS  # no navigation, no footer, no repeated <h1>
    assert article.headings == ("What Comes Next",)
    assert [article.body_text[s:e] for s, e in article.heading_spans] == ["What Comes Next"]


def test_clean_html_without_url_uses_page_url():
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    article = clean_html(html)
    assert article.url == "https://news.example-gazette.co.uk/city/harbour-bridge"
    assert article.domain == "example-gazette.co.uk"


def test_clean_html_falls_back_to_recall(monkeypatch):
    real = cleaning.trafilatura.bare_extraction

    def precision_finds_nothing(*args, **kwargs):
        return None if kwargs.get("favor_precision") else real(*args, **kwargs)

    monkeypatch.setattr(cleaning.trafilatura, "bare_extraction", precision_finds_nothing)
    article = clean_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    assert article.extraction_method == "trafilatura_fallback"
    assert HTML_PARAGRAPHS[0] in article.body_text


def test_clean_html_empty_page():
    article = clean_html("<html><body></body></html>")
    assert article.body_text == ""
    assert article.published_at is None and article.published_at_source is None
    assert article.extraction_method == "trafilatura_fallback"


def test_clean_html_uses_html_lang_and_byline_fallbacks():
    body = "".join(f"<p>{p}</p>" for p in (PARA_1, PARA_2, PARA_3))
    html = (
        '<html lang="en-US"><head><title>Port News</title></head>'
        f"<body><article>{body}<p>By Ana Ruiz</p></article></body></html>"
    )
    article = clean_html(html, url="https://www.portnews.com/a/1")
    assert article.language == "en"
    assert article.authors == ("Ana Ruiz",)
    assert article.domain == "portnews.com"
    assert "By Ana Ruiz" not in article.body_text


# --------------------------------------------------------------------------------------------
# Boilerplate: newsletters, cookies, comments, sharing, ads, metadata lines, disclosures
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Morning Briefing Newsletter",
        "Newsletters",
        "Sign up for our free newsletter and get the day's top stories.",
        "Subscribe to our newsletter:",
        "Get the best of our journalism delivered straight to your inbox.",
        "To keep reading, please subscribe to The Harbour Times.",
        "Already a subscriber? Log in for immediate access to this story.",
        "Join now or renew to get:",
        "Get reporter alerts",
    ],
)
def test_newsletter_and_subscription_promos_are_dropped(line):
    article = clean_plaintext(doc(PARA_1, line, PARA_2))
    assert paragraphs(article) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "line",
    [
        "The paper said its weekly newsletter now reaches two million readers, up from 1.2 million in 2022.",
        "Subscribers to the port's freight service will pay about 4% more from January, the authority said.",
    ],
)
def test_reporting_about_newsletters_and_subscriptions_is_kept(line):
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience on our site.",
        "This website uses cookies. By continuing to use this site, you agree to our use of cookies.",
        "Accept all cookies",
        "Manage cookie preferences",
        "I have read and understood the privacy notice. Do not show this message again.",
        "If you accept this notice, your choice will be saved and the page will refresh.",
    ],
)
def test_cookie_banners_are_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line))) == [PARA_1]


def test_reporting_about_cookies_is_kept():
    line = "The regulator fined the retailer for placing tracking cookies on shoppers' phones without asking first."
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    [
        "Leave a comment",
        "Leave a Reply",
        "12 Comments",
        "Comments (4)",
        "View Comments",
        "Show all 230 comments",
        "Log in to comment",
        "You must be logged in to post a comment.",
        "Comments are closed.",
        "Join the conversation",
        "Be the first to comment",
        "January 13, 2020 at 08:45 AM | categories: Python | View Comments",
        "Comments that are abusive or off topic will not be approved.",
        "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito não serão aprovados pelo moderador.",
        "Deixe um comentário",
        "Votre adresse e-mail ne sera pas publiée.",
    ],
)
def test_comment_section_lines_are_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line))) == [PARA_1]


@pytest.mark.parametrize(
    "line",
    [
        "The minister declined to comment on the report, saying the inquiry had not finished its work.",
        "Residents left 300 comments on the proposal during the six-week consultation.",
    ],
)
def test_reporting_about_comments_is_kept(line):
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    [
        "Share on Facebook",
        "Share this article",
        "Tweet",
        "Facebook Twitter LinkedIn Email",
        "Share via Email | Print",
        "Follow us on Twitter",
        "Follow The Harbour Times on Twitter and Instagram @HarbourTimes for the latest news.",
        "Get Harbour Business on Twitter and Facebook!",
    ],
)
def test_share_and_follow_lines_are_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line))) == [PARA_1]


def test_reporting_about_social_networks_is_kept():
    line = "Facebook shares fell 4% on Tuesday after the company warned that advertising revenue would slow."
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Sponsored Ads", "Skip to main content",
     "Go Back to Top. Skip To: Start of Article.", "Advertisement | Back to top", "Story Continued Below", "Next",
     "- Previous", "Play Video - 2:46"],
)
def test_advertisement_and_navigation_labels_are_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line, PARA_2))) == [PARA_1, PARA_2]


def test_a_sentence_that_starts_like_navigation_is_kept():
    line = "Go back to the top of the hill, the ranger said. Skip to the end and the trail is closed."
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    [
        "Updated: June 13, 2019",
        "Published on 12 March 2024, 08:00 GMT",
        "August 31, 2021",
        "04/19/13",
        "Tags: Politics, Harbour, Transport",
        "Category : Press Releases",
        "Date created : 2015-05-12",
        "2/5",
        "WWW.HARBOURNEWS.COM",
        "—————————",
        "segunda-feira, 22 de janeiro de 2018 às 0:13",
        "Montag, 3. Juni 2019 um 10:30 Uhr",
        "Mei 2020",
        "12 mars 2019",
        "05/10/2018 - Posted by: Clarissa Borba - Category: Health - Tags: sad",
        "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad",
        "Veröffentlicht am 3. Juni 2019 | Kategorie: Politik",
    ],
)
def test_metadata_lines_are_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line, PARA_2))) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "line",
    [
        "The mayor - who was re-elected in May - said the bridge would open to trams in 2026.",
        "Mars - the red planet - will be closer to Earth in March 2025 than at any time this decade, NASA says.",
    ],
)
def test_a_line_split_by_dashes_that_is_not_all_metadata_is_kept(line):
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line, PARA_2)))


@pytest.mark.parametrize("label", ["Tags", "Tagged with:", "Etiquetas"])
def test_a_tags_label_and_the_list_under_it_are_dropped(label):
    tags = "harbour bridge, city council, port of Harbourtown, tolls"
    assert paragraphs(clean_plaintext(doc(PARA_1, label, tags, PARA_2))) == [PARA_1, PARA_2]


def test_a_sentence_after_a_tags_label_is_kept():
    line = "Tags, tolls and gates were all on the agenda, and the council, in the end, approved them all."
    assert line in paragraphs(clean_plaintext(doc(PARA_1, "Tags", line)))


def test_a_sentence_asking_for_views_on_a_subject_is_kept():
    line = "Tell us what you think of the harbour bridge plan before the council votes on Friday."
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    [
        "On August 31, 2021, the authority signed the contract.",
        "Domingo Pérez said the port would close in May.",
        "Em 22 de janeiro de 2018 a autoridade assinou o contrato.",
    ],
)
def test_sentences_with_dates_are_kept(line):
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    [
        "We may earn a commission when you buy through links on our site.",
        "This post contains affiliate links.",
        "We want to hear what you think about this article. Submit a letter to the editor.",
        "Submit your letter to the editor via this form.",
        '"Questions? Comments? Email us at',
        "Tell us what YOU think...",
        '[button link="http://www.example.com/submit-review/" type="big"] Send us YOUR review[/button]',
    ],
)
def test_disclosures_and_feedback_promos_are_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line))) == [PARA_1]


@pytest.mark.parametrize(
    "line",
    [
        "Jemele Hill can be reached at jemele@example.com.",
        "Ana Ruiz is the transport reporter for the Harbour Gazette. You can send her an e-mail; follow her on X.",
        "Contact the author at ana.ruiz@example.com or on Signal.",
        "Twitter: @anaruiz",
    ],
)
def test_how_to_reach_the_writer_is_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line))) == [PARA_1]


def test_how_to_reach_someone_else_is_kept():
    line = "Readers who saw the crash should call the police, who said they can be reached at any hour."
    assert line in paragraphs(clean_plaintext(doc(PARA_1, line)))


@pytest.mark.parametrize(
    "line",
    [
        "Read: Two Storms Are Worse Than One",
        "(MORE: The Best Photos Of The Harbour Festival)",
        "Next: Seeking A New Home",
        "More from Harbour Life: Ten walks along the coast",
        "Baca juga: Jembatan pelabuhan disetujui dewan kota",
        "Lesen Sie auch: Hafenbrücke genehmigt",
    ],
)
def test_more_cross_link_lines_are_dropped(line):
    assert paragraphs(clean_plaintext(doc(PARA_1, line))) == [PARA_1]


@pytest.mark.parametrize(
    "marker",
    [
        "Editors' Recommendations",
        "Recommended for you",
        "More Stories",
        "Read more from Ana Ruiz:",
        "Most Viewed",
        "More stories about the harbour",
        "You might also be interested in:",
    ],
)
def test_more_related_headings_start_a_block(marker):
    article = clean_plaintext(doc(PARA_1, marker, "Port Strike Ends After Two Weeks", "Tram Fares To Rise"))
    assert paragraphs(article) == [PARA_1]


@pytest.mark.parametrize("heading", ["More About This Bridge", "More on the budget"])
def test_a_section_heading_that_starts_with_more_is_kept(heading):
    assert paragraphs(clean_plaintext(doc(PARA_1, heading, PARA_2))) == [PARA_1, heading, PARA_2]


# --------------------------------------------------------------------------------------------
# HTML body: precision confirmation, page hints, headline lists, the repeated headline
# --------------------------------------------------------------------------------------------


def page(*blocks: str, title: str = "Harbour Bridge Approved") -> str:
    """A minimal article page with the given body HTML blocks."""
    return f"<html><head><title>{title}</title></head><body><article>{''.join(blocks)}</article></body></html>"


PAGE_PARAGRAPHS = [f"<p>{p}</p>" for p in HTML_PARAGRAPHS if p != "What Comes Next"]
PAGE_TEXTS = [p for p in HTML_PARAGRAPHS if p != "What Comes Next"]
URL = "https://news.example-gazette.co.uk/city/harbour-bridge"


def test_boilerplate_article_page_keeps_only_the_story():
    html = (FIXTURES / "boilerplate_article.html").read_text(encoding="utf-8")
    article = clean_html(html, url="https://www.riversidecourier.example/farming/water")
    assert article.extraction_method == "trafilatura"
    assert article.title == "Valley Farmers Win Fight Over River Water"
    body = paragraphs(article)
    assert body[0].startswith("Farmers in the lower valley won")
    assert body[-1].startswith("The ruling takes effect next month")
    assert article.headings == ("A Long Dispute",)
    for dropped in (
        "cookies",
        "Updated",
        "Share on Facebook",
        "Advertisement",
        "Apple trees in an orchard",
        "Newsletter",
        "commission",
        "Related",
        "Drought Forces Orchards",
        "Comments",
        "Leave a comment",
        "Log in to comment",
        "All rights reserved",
    ):
        assert dropped not in article.body_text


def test_figure_caption_repeated_in_the_text_is_dropped():
    caption = "Workers inspect the old harbour crossing before its demolition next year."
    html = page(
        PAGE_PARAGRAPHS[0],
        f"<p>{caption}</p>",
        *PAGE_PARAGRAPHS[1:],
        f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>",
    )
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS


def test_caption_text_outside_figures_is_kept():
    line = "Workers inspect the old harbour crossing before its demolition next year."
    html = page(PAGE_PARAGRAPHS[0], f"<p>{line}</p>", *PAGE_PARAGRAPHS[1:])
    assert line in paragraphs(clean_html(html, url=URL))


READER_COMMENTS = [
    "I could not disagree more with the council, the bridge is a waste of public money and nobody asked us.",
    "Posted by: Harbour Resident, 12 May 2023 | 09:15",
    "The old crossing has served us for sixty years, why would anyone replace it now when it still works fine?",
    "Posted by: Tom from Eastside, 12 May 2023 | 11:40",
]


def page_with_comments(section_attributes: str, head: str = "") -> str:
    """A story without <article> markup whose readers' comments follow its text in the same container, in a
    section with the given attributes: trafilatura alone keeps them as article text."""
    comments = "".join(f"<div class='visitor_text'><p>{text}</p><p class='common_date'>{posted}</p></div>"
                       for text, posted in zip(READER_COMMENTS[::2], READER_COMMENTS[1::2], strict=True))
    return (f"<html><head><title>Harbour Bridge Approved</title>{head}</head><body><div class='main'>"
            f"<div class='story'><h1>Harbour Bridge Approved</h1>{''.join(PAGE_PARAGRAPHS)}<div {section_attributes}>"
            f"<h3>Readers' comments (2)</h3>{comments}</div></div></div></body></html>")


def test_a_job_title_above_the_text_is_dropped_but_not_one_within_it():
    def story(*lines: str) -> str:
        return (f"<html><head><title>Harbour Bridge Approved</title></head><body><article><h1>Harbour Bridge Approved"
                f"</h1>{''.join(f'<p>{line}</p>' for line in lines)}</article></body></html>")

    under_byline = story("By: <a href='/id/1'>Jane Doe</a><br>Gazette Executive News Editor", *PAGE_TEXTS)
    above_text = story("Gazette Executive News Editor", *PAGE_TEXTS)
    for html in (under_byline, above_text):
        assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS
    within = story(*PAGE_TEXTS[:2], "Senior Editor", *PAGE_TEXTS[2:])
    assert "Senior Editor" in paragraphs(clean_html(within, url=URL))


@pytest.mark.parametrize("attributes", ["class='visitors_comment_block'", "id='userComments'",
                                        "class='block comments-area'", "class='commentlist'"])
def test_readers_comments_are_not_article_text(attributes):
    body = clean_html(page_with_comments(attributes), url=URL).body_text
    assert PAGE_TEXTS[0] in body and PAGE_TEXTS[-1] in body
    assert not any(comment in body for comment in READER_COMMENTS)


def test_commentary_and_forum_posts_are_kept():
    commentary = clean_html(page_with_comments("class='commentary'"), url=URL).body_text
    assert READER_COMMENTS[0] in commentary  # "commentary" is no comment section
    forum = '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "x"}</script>'
    assert READER_COMMENTS[0] in clean_html(page_with_comments("class='comment-list'", head=forum), url=URL).body_text


@pytest.mark.parametrize("headline", ["<h1>Harbour Bridge Approved</h1>",
                                      "<h2 itemprop='headline'>Harbour Bridge Approved</h2>"])
def test_a_comment_named_block_holding_the_article_is_kept(headline):
    html = (f"<html><head><title>Harbour Bridge Approved</title></head><body><div class='post-with-comments'>"
            f"{headline}{''.join(PAGE_PARAGRAPHS)}</div></body></html>")
    article = clean_html(html, url=URL)
    assert paragraphs(article) == PAGE_TEXTS
    assert article.extraction_method == "trafilatura"  # not rescued by the second extractor: never removed


def test_run_of_linked_title_cased_headlines_is_dropped():
    headlines = [
        "Port Strike Ends After Two Weeks Of Talks",
        "Tram Fares To Rise Again In January",
        "Mayor Unveils Plan For New Waterfront Park",
    ]
    teasers = [f"<p><a href='/{i}'>{headline}</a> - October 10, 2020</p>" for i, headline in enumerate(headlines)]
    html = page(*PAGE_PARAGRAPHS, *teasers)
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS


def test_run_of_title_cased_lines_without_links_is_the_articles_own_list():
    dates = [
        "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
        "June 10 -- Bridgestone Arena, Nashville, TN",
        "June 14 -- PNC Music Pavilion, Charlotte, NC",
    ]
    html = page(*PAGE_PARAGRAPHS[:2], f"<p>{'<br>'.join(dates)}</p>", *PAGE_PARAGRAPHS[2:])
    assert paragraphs(clean_html(html, url=URL)) == [*PAGE_TEXTS[:2], *dates, *PAGE_TEXTS[2:]]


def test_two_title_cased_lines_are_no_list():
    lines = ["Port Strike Ends After Two Weeks Of Talks", "Tram Fares To Rise Again In January"]
    html = page(*PAGE_PARAGRAPHS, *(f"<p>{h}</p>" for h in lines), "<p>The harbour reopens on Monday.</p>")
    assert paragraphs(clean_html(html, url=URL))[-3:-1] == lines


def test_headline_repeated_below_a_kicker_is_dropped_with_it():
    html = page(
        "<p>City News</p><p>Harbour Bridge Approved</p>",
        *PAGE_PARAGRAPHS,
        title="Harbour Bridge Approved | Example Gazette",
    )
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS


def test_headline_repeated_without_the_authors_suffix_is_dropped():
    html = page("<p>Harbour Bridge Approved</p>", *PAGE_PARAGRAPHS, title="Harbour Bridge Approved - Jane Doe")
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS


def test_label_above_the_text_is_dropped():
    html = page("<p>Episode Description:</p>", *PAGE_PARAGRAPHS)
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS


def test_label_ending_the_text_is_dropped():
    # the video player it introduced is not text
    html = page(*PAGE_PARAGRAPHS, "<p>In Video:</p>")
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS
    # a longer lead-in is the writer's sentence, whatever followed it
    html = page(*PAGE_PARAGRAPHS, "<p>Read the council's full statement:</p>")
    assert paragraphs(clean_html(html, url=URL))[-1] == "Read the council's full statement:"


def test_line_break_inside_a_sentence_does_not_split_the_paragraph():
    broken = (
        "<p>The council voted on Tuesday to approve a new bridge across the harbour,<br>"
        "ending a debate that has lasted for more than a decade.</p>"
    )
    poem = "<p>Harbour lights are burning<br>Ships are coming home</p>"
    article = clean_html(page(broken, *PAGE_PARAGRAPHS, poem), url=URL)
    assert paragraphs(article)[0] == (
        "The council voted on Tuesday to approve a new bridge across the harbour, "
        "ending a debate that has lasted for more than a decade."
    )
    assert paragraphs(article)[-2:] == ["Harbour lights are burning", "Ships are coming home"]


def test_a_line_break_inside_a_list_item_keeps_the_item_one_paragraph():
    items = (
        "<ul><li><strong>Ferries</strong><br>Every hour from 6 am, and every half hour at weekends.</li>"
        "<li>Trams<br>Every ten minutes.<br>Night trams on Fridays, and<br>on holidays.</li></ul>"
    )
    article = clean_html(page(*PAGE_PARAGRAPHS, items, "<p>Tolls<br>pay for it.</p>"), url=URL)
    assert paragraphs(article)[-3:] == [
        "- Ferries\nEvery hour from 6 am, and every half hour at weekends.",
        "- Trams\nEvery ten minutes.\nNight trams on Fridays, and on holidays.",  # a break inside a sentence: a space
        "Tolls pay for it.",  # outside a list, a break inside a sentence is still a space
    ]


def test_lines_that_only_the_default_run_keeps_must_stand_on_their_own():
    lines = [cleaning._Line(t) for t in ("Harbour Life", PARA_1, "Short teaser", "- a list item", "Port Plans", PARA_2)]
    lines[4] = cleaning._Line("Port Plans", heading=2)
    precise = [cleaning._Line(PARA_1)]
    kept = [line.text for line in cleaning._confirmed_lines(lines, precise)]
    assert kept == [PARA_1, "- a list item", "Port Plans", PARA_2]


def test_a_sentence_introducing_what_follows_stands_on_its_own():
    lead_in = "Abu Hurairah reported that the Prophet said:"
    lines = [cleaning._Line(t) for t in (PARA_1, lead_in, "Love your friend moderately", "Read more:", PARA_2)]
    kept = [line.text for line in cleaning._confirmed_lines(lines, [cleaning._Line(PARA_1)])]
    assert kept == [PARA_1, lead_in, PARA_2]  # a short label ("Read more:") and the quoted fragment still go
    last = [cleaning._Line(PARA_1), cleaning._Line(lead_in)]
    assert [line.text for line in cleaning._confirmed_lines(last, [])] == [PARA_1]  # it introduces nothing


def test_paragraphs_only_the_precision_run_found_are_put_in_where_they_belong():
    lines = [cleaning._Line(t) for t in (PARA_1, PARA_3)]
    precise = [cleaning._Line(t) for t in (PARA_1, PARA_2, "Short teaser", "- a list item", PARA_3)]
    agreed = [line.text for line in cleaning._agreed_lines(lines, precise)]
    assert agreed == [PARA_1, PARA_2, "- a list item", PARA_3]


def test_fallback_merges_blocks_only_the_precision_run_found():
    base = [cleaning._Line(t) for t in (PARA_1, PARA_2, PARA_3)]
    garbled = PARA_2.replace("about 600 people, ", "")  # the same paragraph with a link's text missing
    extra = [cleaning._Line(t) for t in (PARA_1, "- 2 tablespoons vegetable oil", garbled, PARA_3)]
    merged = [line.text for line in cleaning._merge_lines(base, extra)]
    assert merged == [PARA_1, PARA_2, "- 2 tablespoons vegetable oil", PARA_3]  # the garbled copy is left out


def test_whole_link_lines_are_dropped_in_runs_or_when_no_sentence():
    tree = cleaning.load_html(
        "<html><body><a href='/1'>Port Strike Ends</a><a href='/2'>Tram fares to rise.</a>"
        "<a href='/3'>Read the report.</a><a href='/4'>Harbour Plans</a><a href='/5'>Port Plans</a></body></html>"
    )
    lines = [
        cleaning._Line(PARA_1),
        cleaning._Line("- Port Strike Ends"),
        cleaning._Line("Tram fares to rise."),
        cleaning._Line(PARA_2),
        cleaning._Line("Read the report."),  # a whole link, but a sentence on its own: kept
        cleaning._Line(PARA_3),
        cleaning._Line("Harbour Plans", heading=2),  # a linked heading: kept
        cleaning._Line("Port Plans"),  # a lone link that is no sentence: dropped
    ]
    kept = [line.text for line in cleaning._drop_by_page_hints(lines, cleaning._page_hints(tree))]
    assert kept == [PARA_1, PARA_2, "Read the report.", PARA_3, "Harbour Plans"]


def test_a_link_that_prints_its_address_is_no_navigation():
    tree = cleaning.load_html(
        "<html><body><p>1) Harbour Bridge Model<br><a href='http://amzn.to/2iJF'>http://amzn.to/2iJF</a></p>"
        "<p>2) Tram Map Poster<br><a href='http://amzn.to/2hZf'>http://amzn.to/2hZf</a></p>"
        "<p><a href='/port'>Port Plans</a></p></body></html>"
    )
    texts = [PARA_1, "1) Harbour Bridge Model", "http://amzn.to/2iJF", "2) Tram Map Poster", "http://amzn.to/2hZf",
             "Port Plans"]
    lines = [cleaning._Line(t) for t in texts]
    kept = [line.text for line in cleaning._drop_by_page_hints(lines, cleaning._page_hints(tree))]
    assert kept == texts[:-1]  # the addresses stay (a product's, a source's); a lone linked name still goes


def test_text_stranded_after_a_nested_block_becomes_a_paragraph():
    lead = "HARBOURTOWN (AP) — The council approved the harbour bridge on Tuesday after a vote that ended two years."
    tree = cleaning.load_html(page(f"<p><div class='photo'><img src='bridge.jpg'></div>{lead}</p>", *PAGE_PARAGRAPHS))
    cleaning._rescue_orphan_text(tree)
    photo = tree.find(".//div[@class='photo']")
    assert photo.tail is None
    assert photo.getnext().tag == "p" and photo.getnext().text == lead
    assert [p.text for p in tree.iter("p")][-len(PAGE_TEXTS):] == PAGE_TEXTS


def test_short_or_lone_stranded_text_is_left_alone():
    short = page("<p><div class='photo'></div>Photo: Ana Ruiz</p>", *PAGE_PARAGRAPHS)
    alone = page("<div><div class='photo'></div>Text after a block in a container without paragraphs at all.</div>")
    for html in (short, alone):
        tree = cleaning.load_html(html)
        cleaning._rescue_orphan_text(tree)
        assert tree.find(".//div[@class='photo']").tail


def test_the_leading_text_of_a_div_with_line_breaks_becomes_a_paragraph():
    lead = "The council approved the bridge on Tuesday, <em><a href='/v'>the clerk said</a></em>. Work starts in May."
    tree = cleaning.load_html(f"<html><body><div class='content'>{lead}<br><br>Tolls pay for it.</div></body></html>")
    cleaning._wrap_leading_text(tree)
    div = tree.find(".//div[@class='content']")
    assert not (div.text or "").strip()
    assert div[0].tag == "p"
    assert div[0].text_content() == "The council approved the bridge on Tuesday, the clerk said. Work starts in May."
    assert div[1].tag == "br" and "Tolls pay for it." in div.text_content()


def test_short_leading_text_or_a_div_without_breaks_is_left_alone():
    for html in ("<div class='content'>Posted by Ana Ruiz<br><br>More text after it.</div>",
                 "<div class='content'>A div of running text that has no line breaks in it at all, just words.</div>"):
        tree = cleaning.load_html(f"<html><body>{html}</body></html>")
        cleaning._wrap_leading_text(tree)
        assert tree.find(".//div[@class='content']").find("p") is None


CARD_EXCERPT = "Night tolls are an automatic setting that takes advantage of the new gates on the harbour bridge."


def test_a_paragraph_wrapped_in_a_link_is_a_card_for_another_page():
    card = f"<a href='/guide'><p>{CARD_EXCERPT}</p></a>"
    hints = cleaning._page_hints(cleaning.load_html(page(*PAGE_PARAGRAPHS, card)))
    lines = [cleaning._Line(text) for text in (CARD_EXCERPT, *PAGE_TEXTS)]
    assert [line.text for line in cleaning._drop_by_page_hints(lines, hints)] == PAGE_TEXTS


def test_paragraphs_under_an_unclosed_link_stay():
    unclosed = page("<a href='/port'>Port", *PAGE_PARAGRAPHS)  # the parser stretches the <a> over the text
    hints = cleaning._page_hints(cleaning.load_html(unclosed))
    assert not hints.card_texts


def split_body_page(part_class: str, second_part: str) -> str:
    first = "".join(PAGE_PARAGRAPHS[:2])
    return (
        f"<html><body><div class='{part_class}'>{first}</div><div class='ad'>Advertisement</div>"
        f"<aside>Most popular</aside><div class='{part_class}'>{second_part}</div></body></html>"
    )


def test_an_article_body_split_by_advertisements_is_joined():
    rest = "".join(PAGE_PARAGRAPHS[2:])
    tree = cleaning.load_html(split_body_page("body article__body", rest))
    cleaning._join_split_bodies(tree)
    parts = tree.xpath("//div[@class='body article__body']")
    assert len(parts) == 1
    assert [p.text for p in parts[0].iter("p")] == PAGE_TEXTS
    assert tree.xpath("//aside")  # what stood between the parts stays where it was
    article = clean_html(split_body_page("body article__body", rest), url=URL)
    assert PAGE_TEXTS[-1] in article.body_text and PAGE_TEXTS[0] in article.body_text


@pytest.mark.parametrize(
    ("part_class", "second_part"),
    [
        ("sidebar-box", "".join(PAGE_PARAGRAPHS[2:])),  # the class names no article body
        # a teaser card of the same class holds a linked section name and a headline, no running text
        ("article-text", "<p><a href='/tags/election'>Election</a></p><h1>Mayor Wins Second Term</h1>"),
    ],
)
def test_only_article_body_parts_with_running_text_are_joined(part_class, second_part):
    tree = cleaning.load_html(split_body_page(part_class, second_part))
    cleaning._join_split_bodies(tree)
    assert len(tree.xpath(f"//div[@class='{part_class}']")) == 2


def test_the_next_story_loaded_below_is_not_joined():
    rest = "".join(PAGE_PARAGRAPHS[2:])
    next_story = split_body_page("article-body", rest).replace("<aside>", "<aside><h1>Tram Fares To Rise</h1>")
    in_articles = (
        f"<html><body><article><div class='article-body'>{''.join(PAGE_PARAGRAPHS[:2])}</div></article>"
        f"<article><div class='article-body'>{rest}</div></article></body></html>"
    )
    for html in (next_story, in_articles):
        tree = cleaning.load_html(html)
        cleaning._join_split_bodies(tree)
        assert len(tree.xpath("//div[@class='article-body']")) == 2


TWEET = (
    "<blockquote class='twitter-tweet'><p lang='en'>The bridge vote is a win for every commuter in this city."
    "</p>— Ana Ruiz (@anaruiz) November 18, 2019</blockquote>"
)


def test_an_embedded_post_is_taken_out_of_its_social_wrapper():
    html = page(*PAGE_PARAGRAPHS[:2], f"<div class='social-media-embed'>{TWEET}</div>", *PAGE_PARAGRAPHS[2:])
    tree = cleaning.load_html(html)
    cleaning._free_embedded_posts(tree)
    assert not tree.xpath("//div[@class='social-media-embed']")
    assert tree.xpath("//blockquote")[0].getparent().tag == "article"
    assert "a win for every commuter" in clean_html(html, url=URL).body_text


def test_an_embedded_posts_text_stays_even_when_short_and_ending_with_a_link():
    lines = [cleaning._Line(t) for t in (
        PARA_1,
        "Nobody told us why this plane is circling Manhattan. https://t.co/MHL4wktbCH",
        "— Tom Namako (@TomNamako) December 13, 2016",
        "Military plane over Manhattan #usaf pic.twitter.com/WqTydmmKaT",
        "— Jason Rabinowitz (@AirlineFlyer) Dec. 13, 2016",
        "Harbour Bridge Approved",  # a headline only the default run keeps still goes
        PARA_2,
    )]
    kept = [line.text for line in cleaning._confirmed_lines(lines, [lines[0], lines[-1]])]
    assert kept == [line.text for line in lines if line.text != "Harbour Bridge Approved"]


def test_a_paragraph_wrapped_in_the_source_stays_one_paragraph():
    # a browser shows a line break inside <p> as a space; a link that starts a source line is no link-only line
    wrapped = ("<p>The harbour authority approved a new container terminal on Monday, ending a\n"
               "two-year dispute with <em>local\nfishing crews</em>. The plan was first filed in\n"
               "<a href='/2019/plan'>March 2019</a>\nas <code>plan.pdf</code>, and revised twice\nsince then.</p>")
    body = paragraphs(clean_html(page(PAGE_PARAGRAPHS[0], wrapped, *PAGE_PARAGRAPHS[1:]), url=URL))
    assert ("The harbour authority approved a new container terminal on Monday, ending a two-year dispute with local "
            "fishing crews. The plan was first filed in March 2019 as plan.pdf, and revised twice since then."
            ) in body


def test_a_line_break_before_a_block_still_ends_the_line():
    # a metadata strip left as loose text before the story's first paragraph stays a line of its own
    html = page("<h1>Harbour Bridge Approved</h1>",
                "<small><b>05/10/2018</b> - Published by: Clarissa Borba - Category: <a href='/c'>City</a>\n</small>"
                "\n\n", *PAGE_PARAGRAPHS)
    body = paragraphs(clean_html(html, url=URL))
    assert body[0] == PAGE_TEXTS[0]


CODE_SAMPLES = {
    "a plain <pre>": "<pre><code>function greet(target) {\n  if (!target) {\n    return;\n  }\n});\n\n"
                     "greet('Kate');\n</code></pre>",
    "highlighted code": "<pre class='code'><span class='k'>function</span> greet(target) {\n  <span>if</span> "
                        "(!target) {\n    <span>return</span>;\n  }\n});\n\ngreet(<span class='s'>'Kate'</span>);\n"
                        "</pre>",
}


@pytest.mark.parametrize("code", CODE_SAMPLES.values(), ids=CODE_SAMPLES.keys())
def test_a_code_block_keeps_its_lines_as_one_paragraph(code):
    html = page(*PAGE_PARAGRAPHS[:2], "<p>The function that greets visitors reads as follows in the new code base:</p>",
                code, *PAGE_PARAGRAPHS[2:])
    body = paragraphs(clean_html(html, url=URL))
    assert "function greet(target) {\n  if (!target) {\n    return;\n  }\n});\ngreet('Kate');" in body


def test_the_second_extractor_also_joins_wrapped_lines_and_keeps_code_blocks():
    intro = "<p>The function that greets\nvisitors reads as follows in the <em>new\ncode</em> base:</p>"
    html = page(*PAGE_PARAGRAPHS[:2], intro, CODE_SAMPLES["a plain <pre>"], *PAGE_PARAGRAPHS[2:])
    lines = [line.text for line in cleaning._readability_lines(html)]
    assert "The function that greets visitors reads as follows in the new code base:" in lines
    assert "function greet(target) {\n  if (!target) {\n    return;\n  }\n});\ngreet('Kate');" in lines


def test_a_table_of_figures_inside_a_layout_table_stays_a_table():
    html = ("<html><head><title>Harbour Bridge Approved</title></head><body><table><tr><td><a href='/'>Home</a><br>"
            "<a href='/news'>News</a></td><td><h1>Harbour Bridge Approved</h1>" + "".join(PAGE_PARAGRAPHS[:2]) +
            "<table><tr><th>Stage</th><th>Date</th></tr><tr><td>Design chosen</td><td>May 2026</td></tr>"
            "<tr><td>Construction starts</td><td>March 2027</td></tr></table>" + "".join(PAGE_PARAGRAPHS[2:]) +
            "</td></tr></table></body></html>")
    tree = cleaning.load_html(html)
    cleaning._unwrap_layout_tables(tree)
    assert [" ".join(table.xpath("string()").split()) for table in tree.iter("table")] == [
        "StageDateDesign chosenMay 2026Construction startsMarch 2027"
    ]
    body = paragraphs(clean_html(html, url=URL))
    assert "| Construction starts | March 2027 |" in body
    assert body[-1] == PAGE_TEXTS[-1]


def test_a_share_bar_holding_more_than_the_post_is_left_alone():
    tree = cleaning.load_html(page(*PAGE_PARAGRAPHS, f"<div class='share-bar'>{TWEET}<a href='/share'>Share</a></div>"))
    cleaning._free_embedded_posts(tree)
    assert tree.xpath("//div[@class='share-bar']/blockquote")


QUOTE = "A bridge that carries trams cuts the commute for every worker on the east bank."
TWEETABLE_QUOTES = {
    "Social Warfare": (
        "<a href='https://twitter.com/share?text=A+bridge' rel='nofollow'><span class='sw-click-to-tweet'>"
        f"<span class='sw-ctt-text'>{QUOTE}</span><span class='sw-ctt-btn'>Click To Tweet<i></i></span></span></a>"
    ),
    "Better Click To Tweet": (
        "<span class='bctt-click-to-tweet'><span class='bctt-ctt-text'>"
        f"<a href='https://twitter.com/intent/tweet?text=A+bridge'>{QUOTE}</a></span>"
        "<a href='https://twitter.com/intent/tweet?text=A+bridge' class='bctt-ctt-btn'>Click To Tweet</a></span>"
    ),
    "a widget without a quote element": (
        f"<div class='tm-click-to-tweet'><a href='https://ctt.ec/x1'>{QUOTE}</a>"
        "<a href='https://ctt.ec/x1' class='tm-ctt-btn'>Click To Tweet</a></div>"
    ),
}


@pytest.mark.parametrize("widget", TWEETABLE_QUOTES.values(), ids=TWEETABLE_QUOTES.keys())
def test_a_click_to_tweet_quote_is_kept_as_a_paragraph_without_its_button(widget):
    html = page(*PAGE_PARAGRAPHS[:2], widget, *PAGE_PARAGRAPHS[2:])
    lines = clean_html(html, url=URL).body_text.split("\n\n")
    assert QUOTE in lines
    assert not any("Click To Tweet" in line for line in lines)


def test_a_page_whose_body_is_marked_for_tweetable_quotes_keeps_its_layout():
    html = page(*PAGE_PARAGRAPHS[:2], TWEETABLE_QUOTES["Social Warfare"], *PAGE_PARAGRAPHS[2:])
    tree = cleaning.load_html(html.replace("<body>", "<body class='single click-to-tweet-enabled'>"))
    cleaning._free_tweetable_quotes(tree)
    assert [p.text_content() for p in tree.xpath("//article/p")] == [*PAGE_TEXTS[:2], QUOTE, *PAGE_TEXTS[2:]]


def test_a_lone_click_to_tweet_button_goes():
    button = "<span class='bctt-ctt-btn click-to-tweet'>Click To Tweet</span>"
    html = page(*PAGE_PARAGRAPHS[:2], button, *PAGE_PARAGRAPHS[2:])
    tree = cleaning.load_html(html)
    cleaning._free_tweetable_quotes(tree)
    assert "Click To Tweet" not in tree.text_content()
    assert len(tree.xpath("//article/p")) == len(PAGE_PARAGRAPHS)


def test_a_table_footer_repeating_the_header_row_goes():
    row = "<tr><th>Pos</th><th>Player</th><th>Plays</th></tr>"
    table = (f"<table><thead>{row}</thead><tfoot>{row}</tfoot><tbody><tr><td>DL</td><td>Larry Ogunjobi</td>"
             "<td>63</td></tr></tbody></table>")
    tree = cleaning.load_html(page(*PAGE_PARAGRAPHS, table))
    cleaning._drop_repeated_table_headers(tree)
    assert not tree.xpath("//tfoot") and tree.xpath("//thead/tr")
    totals = table.replace(f"<tfoot>{row}</tfoot>", "<tfoot><tr><td>Total</td><td></td><td>63</td></tr></tfoot>")
    tree = cleaning.load_html(page(*PAGE_PARAGRAPHS, totals))
    cleaning._drop_repeated_table_headers(tree)
    assert tree.xpath("//tfoot")  # a footer of totals stays


def test_a_subheading_marked_only_by_its_class_is_kept_as_a_heading():
    subhead = "<div class='pf_subheadline'>Our ruling</div>"
    article = clean_html(page(*PAGE_PARAGRAPHS[:2], subhead, *PAGE_PARAGRAPHS[2:]), url=URL)
    assert paragraphs(article) == [*PAGE_TEXTS[:2], "Our ruling", *PAGE_TEXTS[2:]]


def test_a_classed_subhead_outside_the_running_text_is_no_heading():
    tree = cleaning.load_html(page("<div class='subHead'>Subscribe Sign In</div>", *PAGE_PARAGRAPHS))
    cleaning._promote_classed_subheads(tree)
    assert not tree.xpath("//h3")


TEASERS = (
    ("/strike", "Port Strike Ends", "Dockers return to work after a week of talks with the port authority."),
    ("/fares", "Tram Fares", "The city will raise tram fares by ten cents in January."),
    ("/bridge", "Bridge Vote", "Councillors approve the harbour bridge by 31 votes to 12."),
)
BLURBS = [f"- {blurb}" for _, _, blurb in TEASERS]


def teaser_hints(teasers=TEASERS, last_blurb_tag="li"):
    """The page hints of an article followed by a list of teasers (linked headline, then blurb)."""
    tags = ["li"] * (len(teasers) - 1) + [last_blurb_tag]
    items = [
        f"<ul><li><a href='{href}'>{title}</a></li></ul><div><{tag}>{blurb}</{tag}></div>"
        for (href, title, blurb), tag in zip(teasers, tags)
    ]
    page = f"<html><body><article>{''.join(PAGE_PARAGRAPHS)}</article><div>{''.join(items)}</div></body></html>"
    return cleaning._page_hints(cleaning.load_html(page))


def test_teaser_blurbs_below_the_text_are_dropped():
    lines = [cleaning._Line(t) for t in (PARA_1, PARA_2, "Questions? Comments? Email us at news@example.com", *BLURBS)]
    kept = [line.text for line in cleaning._drop_by_page_hints(lines, teaser_hints())]
    assert kept == [PARA_1, PARA_2, "Questions? Comments? Email us at news@example.com"]  # the filters drop the promo


def test_teaser_blurbs_inside_the_text_stay():
    lines = [cleaning._Line(t) for t in (PARA_1, *BLURBS, PARA_2)]  # a roundup: the summaries are the article
    assert [line.text for line in cleaning._drop_by_page_hints(lines, teaser_hints())] == [PARA_1, *BLURBS, PARA_2]


def test_a_list_of_teasers_needs_three_alike():
    assert len(teaser_hints().blurb_texts) == 3
    assert not teaser_hints(TEASERS[:2]).blurb_texts
    assert not teaser_hints(last_blurb_tag="p").blurb_texts  # the third pair is built differently


def test_a_line_repeating_an_images_description_is_its_caption():
    figure = (
        "<div align='center'><img src='/bezels.jpg' alt='The slimmer bezels of the new laptop'><br>"
        "<span class='minor2 small gray'>The slimmer bezels of the new laptop</span></div>"
    )
    html = page(*PAGE_PARAGRAPHS[:2], figure, *PAGE_PARAGRAPHS[2:])
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS


SAD_FILM_LEAD = "Watching a sad film releases endorphins, a new study of cinema audiences has found."


@pytest.mark.parametrize(
    "summary",
    [
        f"<meta name='description' content='{SAD_FILM_LEAD}'>",
        f"<meta name='twitter:description' content='{SAD_FILM_LEAD}'>",
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "description": "{SAD_FILM_LEAD}"}}</script>',
    ],
)
def test_a_first_paragraph_repeating_the_pages_summary_is_no_caption(summary):
    # a CMS copied the story's summary into a later photo's description and caption
    lead = SAD_FILM_LEAD
    figure = f"<figure><img src='/crowd.jpg' alt='{lead}'><figcaption>© Archive Photos {lead}</figcaption></figure>"
    html = page(f"<p><strong>{lead}</strong></p>", *PAGE_PARAGRAPHS, figure).replace("</title>", f"</title>{summary}")
    assert paragraphs(clean_html(html, url=URL)) == [lead, *PAGE_TEXTS]
    without_summary = page(f"<p><strong>{lead}</strong></p>", *PAGE_PARAGRAPHS, figure)
    assert paragraphs(clean_html(without_summary, url=URL)) == PAGE_TEXTS  # otherwise it repeats a caption


def test_a_short_image_description_is_no_caption():
    hints = cleaning._page_hints(cleaning.load_html(page("<img src='/a.jpg' alt='Powerful package'>")))
    assert not hints.alt_texts  # a two-word line like this may head a slide


def test_a_page_laid_out_in_a_table_keeps_its_paragraphs_apart():
    menu = "<td><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></td>"
    html = (
        "<html><head><title>Harbour Bridge Approved</title></head><body><table><tr>"
        f"{menu}<td>{''.join(PAGE_PARAGRAPHS)}</td></tr></table></body></html>"
    )
    assert paragraphs(clean_html(html, url=URL)) == PAGE_TEXTS


def test_a_data_table_stays_a_table():
    tree = cleaning.load_html(page(*PAGE_PARAGRAPHS, "<table><tr><td>Tolls</td><td>2 euros</td></tr></table>"))
    cleaning._unwrap_layout_tables(tree)
    assert tree.xpath("//table/tr/td")


RELATED_ITEMS = (
    "Dockers vote to end the strike, <a href='/strike'>union leaders say</a>",
    "Tram fares rise again. <a href='/fares'>Here is why</a>",
    "<a href='/bridge'>Could the old bridge be saved?</a>",
)


def related_list_page(heading: str, items=RELATED_ITEMS) -> str:
    listing = "".join(f"<li>{item}</li>" for item in items)
    return page(*PAGE_PARAGRAPHS, f"<div class='heading-h3'>{heading}</div><ul>{listing}</ul>")


@pytest.mark.parametrize("heading", ["More Great Gazette Stories", "Related", "Trending Now"])
def test_a_list_under_a_related_stories_heading_is_dropped(heading):
    body = clean_html(related_list_page(heading), url=URL).body_text
    assert PAGE_TEXTS[-1] in body
    for dropped in ("Dockers vote to end the strike", "Tram fares rise again", "Could the old bridge"):
        assert dropped not in body


def test_a_list_under_other_headings_stays():
    other = clean_html(related_list_page("What the Council Decided"), url=URL)
    assert "Dockers vote to end the strike" in other.body_text
    see_also = cleaning._page_hints(cleaning.load_html(related_list_page("See also")))  # a section of a README
    assert not see_also.related_texts
    unlinked = cleaning._page_hints(cleaning.load_html(related_list_page("Related", ("Dockers vote", "Tram fares"))))
    assert not unlinked.related_texts


@pytest.mark.parametrize(
    "heading", ["Você pode gostar...", "Artículos relacionados", "À lire aussi", "Das könnte Sie auch interessieren"]
)
def test_related_headings_in_other_languages_name_a_list(heading):
    hints = cleaning._page_hints(cleaning.load_html(related_list_page(heading)))
    assert cleaning._norm("Tram fares rise again. Here is why") in hints.related_texts
    see_also = cleaning._page_hints(cleaning.load_html(related_list_page("Veja também")))
    assert not see_also.related_texts


CARD_EXCERPTS = (
    "The dockers voted on Monday to end the strike after the port offered a new contract to all crews …",
    "Tram fares rise again next month, the third rise this year, and the council says more may follow …",
)


def related_cards_page(heading: str, cards=CARD_EXCERPTS) -> str:
    """A post whose end holds a heading and other posts' teaser cards, each an <article> nested in the post."""
    teasers = "".join(
        f"<article class='post'><a href='/p{i}'><img src='/p{i}.jpg' alt=''></a><p>{text}</p></article>"
        f"<script>ads.push({i})</script>"
        for i, text in enumerate(cards)
    )
    return page(*PAGE_PARAGRAPHS, f"<h3>{heading}</h3>{teasers}")


@pytest.mark.parametrize("heading", ["You may also like", "Você pode gostar..."])
def test_teaser_cards_under_a_related_heading_are_dropped(heading):
    body = clean_html(related_cards_page(heading), url=URL).body_text
    assert PAGE_TEXTS[-1] in body
    for excerpt in CARD_EXCERPTS:
        assert excerpt[:40] not in body


def test_articles_under_other_headings_stay():
    hints = cleaning._page_hints(cleaning.load_html(related_cards_page("Live updates")))  # a live blog's posts
    assert not hints.related_texts
    single = cleaning._page_hints(cleaning.load_html(related_cards_page("Related", CARD_EXCERPTS[:1])))
    assert not single.related_texts


# --------------------------------------------------------------------------------------------
# HTML: the second extractor
# --------------------------------------------------------------------------------------------

READABILITY_PAGE = (
    "<html><head><title>Harbour Bridge Approved</title></head><body>"
    "<div id='story'><h2>What Comes Next</h2>"
    + "".join(PAGE_PARAGRAPHS)
    + "<ul><li>The bridge opens in 2027.</li><li>It will cost 40 million euros.</li></ul></div></body></html>"
)


def test_second_extractor_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(cleaning.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    article = clean_html(READABILITY_PAGE, url=URL)
    assert article.extraction_method == "readability"
    assert paragraphs(article) == [
        "What Comes Next",
        *PAGE_TEXTS,
        "- The bridge opens in 2027.",
        "- It will cost 40 million euros.",
    ]
    assert article.headings == ("What Comes Next",)
    assert article.title == "Harbour Bridge Approved"  # metadata still comes from trafilatura's own pass


def test_second_extractor_reads_a_page_with_stray_control_characters(monkeypatch, caplog):
    monkeypatch.setattr(cleaning.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    # a vertical tab after a comment: lxml's cleaner, merging the comment's tail, refused the text
    html = READABILITY_PAGE.replace("<div id='story'>", "<div id='story'><!-- ad slot -->\x0b")
    article = clean_html(html, url=URL)
    assert article.extraction_method == "readability"
    assert paragraphs(article)[1:] == [*PAGE_TEXTS, "- The bridge opens in 2027.", "- It will cost 40 million euros."]
    assert not [r for r in caplog.records if r.name.startswith("readability")]  # no traceback logged


def test_code_after_a_self_closed_script_is_not_page_text():
    # a browser ignores the slash in <script/> and reads the code as script; lxml alone shows it as text
    code = "(function() { document.addEventListener('load', function() { var rating = 4; }); })();"
    html = page(PAGE_PARAGRAPHS[0], f'<script type="text/javascript"/>{code}</script>', *PAGE_PARAGRAPHS[1:])
    article = clean_html(html, url=URL)
    assert "addEventListener" not in article.body_text
    assert paragraphs(article) == PAGE_TEXTS


def test_second_extractor_must_find_clearly_more(monkeypatch):
    monkeypatch.setattr(cleaning.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    article = clean_html(page("<p>Too short to be an article.</p>"), url=URL)
    assert article.extraction_method == "trafilatura_fallback"
    assert article.body_text == ""


def test_second_extractor_not_tried_when_trafilatura_finds_the_story(monkeypatch):
    def fail(html):
        raise AssertionError("readability must not run")

    monkeypatch.setattr(cleaning, "_readability_lines", fail)
    article = clean_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    assert article.extraction_method == "trafilatura"


def test_second_extractor_survives_unparseable_pages():
    assert cleaning._readability_lines("") == []
    assert cleaning._readability_lines("<html></html>") == []


# What a script-drawn page shows without its scripts: a caption and a subscription wall, enough text that
# trafilatura keeps it (and does not look further), all of it dropped by the filters.
PAYWALL_SHELL = (
    "<article><figure><img src='dawn.jpg'><figcaption>The harbour at dawn on Monday, as the council met to vote on "
    "the new bridge across it. Photo: AP</figcaption></figure>"
    "<p>Subscribe now for unlimited access to our journalism, our newsletters and the full archive of the Gazette.</p>"
    "<p>Sign up for our free newsletter to get the latest news from the harbour straight to your inbox every "
    "morning.</p><p>Already a subscriber? Log in to keep reading. By registering, you agree to our terms and our "
    "privacy policy.</p></article>"
)


def script_drawn_page(article_body: object, shell: str = PAYWALL_SHELL) -> str:
    """A page that draws its story with scripts: the HTML has a shell, the text is only in JSON-LD."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour Bridge Approved",
          "author": {"@type": "Person", "name": "Jane Doe"}, "articleBody": article_body}
    return (f"<html><head><title>Harbour Bridge Approved</title><script type='application/ld+json'>{json.dumps(ld)}"
            f"</script></head><body>{shell}<script>window.render()</script></body></html>")


@pytest.mark.parametrize(
    "article_body",
    [
        "\n\n".join(PAGE_TEXTS),  # paragraphs separated by newlines
        "".join(f"<p>{text}</p>" for text in PAGE_TEXTS),  # markup
        "".join(f"&lt;p&gt;{text}&lt;/p&gt;" for text in PAGE_TEXTS),  # markup escaped once more
        PAGE_TEXTS,  # a list of paragraphs
    ],
)
def test_text_only_in_json_ld_is_the_body_when_the_page_shows_none(article_body):
    article = clean_html(script_drawn_page(article_body), url=URL)
    assert article.extraction_method == "json-ld"
    assert paragraphs(article) == PAGE_TEXTS
    assert article.authors == ("Jane Doe",)


def test_json_ld_text_as_one_paragraph_and_through_the_line_filters():
    body = " ".join(PAGE_TEXTS)
    article = clean_html(script_drawn_page(body + "\nSign up for our newsletter to get the latest news."), url=URL)
    assert article.extraction_method == "json-ld"
    assert paragraphs(article) == [body]


def test_json_ld_text_does_not_replace_a_body_the_page_shows():
    teaser = "The city council approved the harbour bridge on Monday after a long debate."
    shown = "<article>" + "".join(PAGE_PARAGRAPHS) + "</article>"
    article = clean_html(script_drawn_page(teaser, shell=PAYWALL_SHELL + shown), url=URL)
    assert article.extraction_method == "trafilatura"
    assert paragraphs(article) == PAGE_TEXTS
    # nor does a teaser, longer than what little the page shows
    short = clean_html(script_drawn_page(teaser, shell=PAYWALL_SHELL.replace("</article>", "<p>Bridge vote "
                                                                                          "today.</p></article>")))
    assert short.extraction_method != "json-ld"


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

LINE_POOL = [
    PARA_1,
    PARA_2,
    PARA_3,
    "Key Takeaways",
    "Obstacles Ahead: Floods and Finances",
    "Rivera’s Plan for U.S. Port Expansion",
    "- The terminal opens in 2027.",
    "- Join our free webinar. Register Here.",
    "Read Next",
    "Harbour Chief Quits: ‘Enough Is Enough’",
    "Also Read: Crews Vow To Fight On",
    "Shutterstock/Photo Agency",
    "Originally Written by: Tomas Lindqvist",
    "© 2024 Example News. All rights reserved.",
    "",
    "   ",
]

line_documents = st.lists(
    st.one_of(st.sampled_from(LINE_POOL), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)),
    max_size=14,
).map("\n".join)


def _check_shape(article: CleanArticle) -> None:
    body = article.body_text
    assert "\n\n\n" not in body
    assert body == body.strip()
    assert len(article.headings) == len(article.heading_spans)
    for heading, (start, end) in zip(article.headings, article.heading_spans, strict=True):
        assert body[start:end] == heading
        assert (start == 0 or body[start - 2 : start] == "\n\n") and (end == len(body) or body[end : end + 2] == "\n\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_documents)
def test_property_spans_and_paragraph_shape(text):
    article = clean_plaintext(text)
    _check_shape(article)
    lines = [line.strip() for line in text.splitlines()]
    # kept verbatim: a paragraph is a source line, or consecutive lines joined back when the text looked wrapped
    runs = {" ".join(lines[i:j]) for i in range(len(lines)) for j in range(i + 1, len(lines) + 1) if all(lines[i:j])}
    for paragraph in paragraphs(article):
        assert paragraph in runs
        assert paragraph  # no empty paragraphs
    assert article.extraction_method == "plaintext"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_property_any_text_is_handled(text):
    _check_shape(clean_plaintext(text))


html_blocks = st.lists(
    st.tuples(st.sampled_from(["p", "h2", "li", "figcaption", "div"]), st.sampled_from([t for t in LINE_POOL if t])),
    max_size=10,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_blocks)
def test_property_html_bodies_keep_the_paragraph_shape(blocks):
    html = page(*(f"<{tag}>{text}</{tag}>" for tag, text in blocks))
    article = clean_html(html, url=URL)
    _check_shape(article)
    assert article.extraction_method in {"trafilatura", "trafilatura_fallback", "readability", "json-ld"}


@pytest.mark.parametrize(("cap", "kept"), [("T", "Turkey, Poland and the Caribbean"), ("x", "urkey, Poland and the")])
def test_drop_cap_rejoins_its_word(cap, kept):
    paragraph = ("<p><a href='/t'>urkey</a>, Poland and the Caribbean islands have been removed from the list of "
                 "travel corridors this week, officials said on Thursday evening.</p>")
    html = (f"<html><body><article><h1>Quarantine list grows again</h1><div><span class='d'>{cap}</span>{paragraph}"
            "<p>Travellers arriving from those places after 4am on Saturday must self-isolate for 14 days, "
            "the transport secretary said.</p></div></article></body></html>")
    body = clean_html(html).body_text
    assert body.startswith(kept)  # only a lone capital letter before a lower-case paragraph is a drop cap
