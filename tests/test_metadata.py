"""Tests for transforms.metadata: one small synthetic page per rule, plus properties of the author cleanup.

Every page here is synthetic (written in the style of real news markup); nothing reads /work/shared.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.metadata import PageMetadata, page_metadata, parse_date, split_authors


def page(head: str = "", body: str = "", ld: object | None = None) -> str:
    """A minimal HTML page: extra <head> markup, an optional JSON-LD block, and a body."""
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld is not None else ""
    return f"<!DOCTYPE html><html><head>{head}{script}</head><body>{body}</body></html>"


def meta(key: str, value: str, attr: str = "property") -> str:
    return f'<meta {attr}="{key}" content="{value}">'


# ================================================================================================
# Title
# ================================================================================================


def test_the_h1_of_a_search_box_is_no_headline():
    search = ('<div class="section hidden" id="search"><div class="no-results"><h1>No matches for your search</h1>'
              "<p>Try again.</p></div></div>")
    html = page(meta("og:title", "Monastero Santa Rosa Hotel and Spa on the Amalfi Coast")
                + "<title>Monastero Santa Rosa Hotel and Spa on the Amalfi Coast - Cool Hunting</title>",
                f"<article><p>Text of the story.</p></article>{search}")
    assert page_metadata(html).title == "Monastero Santa Rosa Hotel and Spa on the Amalfi Coast"
    flagged = page(body="<h1>Ports reopen after the storm</h1><p>Text.</p>")
    flagged = flagged.replace("<body>", '<body class="has-search">')
    assert page_metadata(flagged).title == "Ports reopen after the storm"


def test_json_ld_headline_beats_title_with_site_suffix():
    html = page(
        "<title>Storm closes ports along the coast - Example News</title>",
        ld={"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm closes ports along the coast"},
    )
    assert page_metadata(html).title == "Storm closes ports along the coast"


def test_headline_inside_graph_and_lists():
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example Daily"},
            [{"@type": ["BlogPosting"], "headline": "Council approves the new bridge"}],
        ],
    }
    assert page_metadata(page(ld=ld)).title == "Council approves the new bridge"


@pytest.mark.parametrize(
    ("title", "site_meta", "url", "expected"),
    [
        ("Harbour reopens after storm | BBC News", meta("og:site_name", "BBC News"), None,
         "Harbour reopens after storm"),
        ("Harbour reopens after storm - CNN.com", "", "https://edition.cnn.com/x", "Harbour reopens after storm"),
        ("Example Times: Harbour reopens after storm", meta("og:site_name", "Example Times"), None,
         "Harbour reopens after storm"),
        ("Harbour reopens after storm | Politics | The Example Post", meta("og:site_name", "The Example Post"), None,
         "Harbour reopens after storm"),
        ("Harbour reopens after storm – Example Post", meta("og:site_name", "The Example Post"), None,
         "Harbour reopens after storm"),
    ],
)
def test_site_name_suffixes_and_prefixes_are_stripped(title, site_meta, url, expected):
    html = page(f"<title>{title}</title>{site_meta}")
    assert page_metadata(html, url=url).title == expected


def test_colon_subtitle_and_unrelated_dash_part_are_kept():
    html = page(
        "<title>Coronavirus: £1,000 fine for false reports - a guide</title>" + meta("og:site_name", "The Independent")
    )
    assert page_metadata(html).title == "Coronavirus: £1,000 fine for false reports - a guide"


def test_json_ld_node_describing_this_page_beats_a_related_story():
    ld = [
        {"@type": "NewsArticle", "headline": "Another story", "url": "https://example.com/news/other"},
        {"@type": "NewsArticle", "headline": "Ports reopen", "mainEntityOfPage": {"@id": "https://example.com/news/ports"}},
    ]
    assert page_metadata(page(ld=ld), url="https://www.example.com/news/ports/").title == "Ports reopen"


def test_visible_h1_that_a_declared_title_agrees_with_wins():
    # og:title is a social-media variant; the JSON-LD headline matches the headline printed on the page.
    html = page(
        meta("og:title", "Why polarization is not the problem") + "<title>Why polarization is not the problem</title>",
        "<h1>Example Magazine</h1>"
        "<article><h1>The GOP Is the Problem. Is Identity Politics the Solution?</h1></article>",
        ld={"@type": "Article", "headline": "The GOP Is the Problem. Is Identity Politics the Solution?"},
    )
    assert page_metadata(html).title == "The GOP Is the Problem. Is Identity Politics the Solution?"


def test_h1_with_section_label_yields_the_declared_title():
    html = page(meta("og:title", "Brothel busted in Boston"), "<h1>Local News | Brothel busted in Boston</h1>")
    assert page_metadata(html).title == "Brothel busted in Boston"


def test_declared_title_with_series_suffix_yields_the_h1():
    html = page(
        meta("og:title", "Chapter 1: Prologue - Murdered - Melas") + meta("og:site_name", "Royal Road"),
        "<h1>Chapter 1: Prologue - Murdered</h1>",
    )
    assert page_metadata(html).title == "Chapter 1: Prologue - Murdered"


def test_the_pages_one_h1_beats_declared_titles_that_differ_from_it():
    # the declared titles are a social variant and a longer search title; the page prints the <h1>
    head = (meta("og:title", "Hill: Meyer, Saban grandstanding about agents")
            + "<title>Florida, Alabama grandstanding? Urban Meyer, Nick Saban take stands - ESPN</title>")
    html = page(head, '<div class="headline"><h1>Florida, Alabama grandstanding?</h1></div><p>Text.</p>')
    assert page_metadata(html).title == "Florida, Alabama grandstanding?"
    # a short lone <h1> is a section or blog name: the declared title stays
    assert page_metadata(page(head, "<h1>College Football</h1><p>Text.</p>")).title == (
        "Hill: Meyer, Saban grandstanding about agents")
    # two <h1>s: which one is the headline is not clear, so the declared title stays
    two = page(head, "<h1>Florida, Alabama grandstanding?</h1><h1>More from the columnists</h1>")
    assert page_metadata(two).title == "Hill: Meyer, Saban grandstanding about agents"


def test_one_headline_printed_twice_for_two_layouts_beats_a_social_title():
    head = (meta("og:title", "An ode to the probe as it plummets to its death")
            + "<title>The probe ends its mission as it flings itself into a comet | Example</title>")
    headline = "An Ode to the Probe as It Flings Itself Into a Comet"
    body = (f'<header class="global-header"><div class="hide-mob"><h1>{headline}</h1></div></header>'
            # the post's wrapper lists its taxonomy; "promo_status-promo" is no promo block
            f'<main><div class="post hentry tag-space promo_status-promo"><h1 class="post-title">{headline}</h1>'
            "<p>Text.</p></div></main>"
            '<aside class="prefooter"><div class="article-group"><h1>More Science</h1></div></aside>')
    assert page_metadata(page(head, body)).title == headline


def test_a_declared_title_printed_as_an_h2_beats_a_lone_h1_banner():
    body = ("<h1>Allergies Health Center</h1><div id='textArea'><h2>Babies Who Eat Peanuts Early May Avoid Allergy</h2>"
            "<p>Text.</p></div>")
    html = page("<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>", body)
    assert page_metadata(html).title == "Babies Who Eat Peanuts Early May Avoid Allergy"


def test_a_lone_h1_that_names_the_blog_of_the_title_is_not_the_headline():
    head = (meta("og:title", "The adorable reason you can set your alert sound to hummus")
            + "<title>Why does the chat app say hummus? - The Schmooze – Forward.com</title>")
    html = page(head, "<h1>The Schmooze: Your Jewish Pop Culture Fix</h1><p>Text.</p>")
    assert page_metadata(html).title == "The adorable reason you can set your alert sound to hummus"


def test_the_headers_h2_is_the_headline_when_the_h1_is_the_site_name():
    head = (meta("og:site_name", "The Harbour Insider") + meta("og:title", "Council embarrassed in a HUGE way!")
            + meta("sailthru.title", "Harbour bridge approved after a decade of debate", "name"))
    body = ("<h1>The Harbour Insider</h1><article class='post hentry'><header class='article-header'>"
            "<h2>Harbour bridge approved after a decade of debate</h2></header><p>Text.</p></article>")
    assert page_metadata(page(head, body)).title == "Harbour bridge approved after a decade of debate"


def test_an_app_name_that_is_the_headline_is_no_site_name():
    headline = "This Is Your Brain On Sad Movies; Plus 5 Films To Cry To"
    head = meta("application-name", headline, "name") + f"<title>{headline}</title>"
    body = (f'<div class="articlecontent"><h1>{headline}</h1><div><span class="time">9/21/2016</span>'
            '<span class="authorname-txt">Jane Doe</span></div><p>Text.</p></div>')
    result = page_metadata(page(head, body))
    assert (result.title, result.site_name, result.published_date) == (headline, None, date(2016, 9, 21))


def test_title_entities_and_white_space_are_cleaned():
    html = page(ld={"@type": "NewsArticle", "headline": "Arnault&#8217;s  LVMH \n gives &amp; takes"})
    assert page_metadata(html).title == "Arnault’s LVMH gives & takes"


def test_blog_with_site_name_h1_uses_the_entry_title():
    html = page(
        "<title>Gregory's Digital Home | Reflections on Python 3</title>",
        '<h1>Gregory\'s Digital Home</h1><div class="post"><h2 class="entry-title">Reflections on Python 3</h2></div>',
    )
    assert page_metadata(html, url="https://gregorys.example/blog/x").title == "Reflections on Python 3"


def test_page_titled_only_by_its_site_name_takes_its_first_section_heading():
    head = "<title>Harbour Ferries -</title>" + meta("og:site_name", "Harbour Ferries")
    body = ("<nav><h2>Plan your journey</h2></nav><h1></h1><div class='content'><h2>Replacement Buses This "
            "Weekend</h2><p>Buses replace the ferries on Saturday.</p><h2>Tickets</h2></div>")
    url = "https://ferries.example/advice"
    assert page_metadata(page(head, body), url=url).title == "Replacement Buses This Weekend"
    with_headline = page(head, "<h1>Ferry Timetable Changes</h1>" + body)
    assert page_metadata(with_headline, url=url).title == "Ferry Timetable Changes"
    no_heading = page(head, "<p>Buses replace the ferries on Saturday.</p>")
    assert page_metadata(no_heading, url=url).title == "Harbour Ferries"


# ================================================================================================
# Authors
# ================================================================================================


def test_json_ld_author_objects_lists_and_id_references():
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {
                "@type": "NewsArticle",
                "headline": "Ports reopen",
                "author": [{"@id": "#jane"}, {"@type": "Person", "name": "John Roe"}, "Ann Lee"],
            },
        ],
    }
    assert page_metadata(page(ld=ld)).authors == ("Jane Doe", "John Roe", "Ann Lee")


def test_organisation_as_only_author_gives_no_authors():
    ld = {"@type": "NewsArticle", "headline": "Ports reopen", "author": {"@type": "Organization", "name": "Example"}}
    html = page(meta("author", "Staff", "name"), ld=ld)
    assert page_metadata(html).authors == ()


def test_byline_by_jane_and_john_with_site_suffix():
    html = page(
        meta("og:site_name", "Example Herald"),
        '<article><h1>Ports reopen</h1><p class="byline">By JANE DOE and John Roe | Example Herald</p>'
        "<p>Text.</p></article>",
    )
    assert page_metadata(html).authors == ("Jane Doe", "John Roe")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Jane Doe, Senior Writer", ("Jane Doe",)),
        ("Posted by Jane Doe on March 3, 2020", ("Jane Doe",)),
        ("Written by Jane Doe | jdoe@example.com", ("Jane Doe",)),
        ("By Jane Doe @janedoe Updated 10:42 am", ("Jane Doe",)),
        ("Posted on September 21, 2020 by Jane Doe", ("Jane Doe",)),
        ("Jane Doe, Staff Attorney, Racial Justice Program & John Roe, Director", ("Jane Doe", "John Roe")),
        ("Reporting by Jane Doe; Editing by John Roe", ("Jane Doe",)),
        ("Jane Doe for The Example Post", ("Jane Doe",)),
        ("By PHILLIP RAWLS 10/ 5/11 09:19 PM ET", ("Phillip Rawls",)),
        ("By Staff", ()),
        ("Reuters", ()),
        ("No Author", ()),
        ("https://example.com/author/jane", ()),
        ("By JANE DOE (AP) and John Roe (Reuters)", ("Jane Doe", "John Roe")),
        ("Richard (R.J.) Roe", ("Richard Roe",)),
        ("Author: Jane Doe (eg)", ("Jane Doe",)),
        ("Posted by Harbour Developers", ()),  # the team behind a product blog
        ("Sign In | Sign Up | Subscribe", ()),
    ],
)
def test_split_authors_cleans_bylines(byline, expected):
    assert tuple(split_authors(byline)) == expected


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("GRACE ZOKOVITCH", "Grace Zokovitch"),
        ("DANIEL O'BRIEN", "Daniel O'Brien"),
        ("RONALD MCDONALD", "Ronald McDonald"),
        ("JOSE DE LA CRUZ", "Jose de la Cruz"),
        ("ALEXANDRA TREMAYNE-PENGELLY", "Alexandra Tremayne-Pengelly"),
        ("PERRY BACON JR.", "Perry Bacon Jr."),
        ("Jessica DeFino", "Jessica DeFino"),  # mixed case is left alone
    ],
)
def test_names_in_capitals_are_title_cased(raw, fixed):
    assert split_authors(raw) == [fixed]


def test_meta_author_sources_url_values_ignored_and_duplicates_merged():
    html = page(
        meta("article:author", "https://www.facebook.com/example")
        + meta("author", "Jane Doe", "name")
        + meta("parsely-author", "jane doe", "name")
    )
    assert page_metadata(html).authors == ("Jane Doe",)


def test_agreeing_sources_beat_a_lone_cms_account():
    # JSON-LD names the account that posted the story; the byline and the analytics tags name the reporters.
    ld = {"@type": "NewsArticle", "headline": "Crash", "author": {"@type": "Person", "name": "Web Producer Kim"}}
    html = page(
        meta("parsely-author", "Jane Doe", "name") + meta("parsely-author", "John Roe", "name"),
        '<article><div class="article-byline">By Jane Doe, John Roe</div></article>',
        ld=ld,
    )
    assert page_metadata(html).authors == ("Jane Doe", "John Roe")


def test_comment_authors_and_related_bylines_are_ignored():
    html = page(
        body=(
            '<article><h1>Ports reopen</h1><p>Text.</p></article>'
            '<aside class="related"><span class="byline">By Other Writer</span></aside>'
            '<ol class="comment-list"><li><cite class="comment-author">Bob Smith</cite></li></ol>'
        )
    )
    assert page_metadata(html).authors == ()


def test_author_page_link_and_rel_author():
    html = page(body='<article><h1>T</h1><p>By <a href="/reporters/jane-doe">Jane Doe</a></p></article>')
    assert page_metadata(html).authors == ("Jane Doe",)
    html = page(body='<article><h1>T</h1><a rel="author" href="/u/1">John Roe</a></article>')
    assert page_metadata(html).authors == ("John Roe",)


def test_site_name_is_dropped_next_to_a_person():
    html = page(meta("og:site_name", "CNN") + meta("author", "Rob Picheta, CNN", "name"))
    assert page_metadata(html).authors == ("Rob Picheta",)


def test_by_line_under_the_headline_without_byline_markup():
    html = page(
        body=(
            "<h1>Workers leave the state</h1><p>Farm owners say few workers showed up this week.</p>"
            '<p><span class="bold">By JANE DOE</span> <span>&nbsp;</span> 10/ 5/11 09:19 PM ET</p>'
            "<p>Text of the story.</p>"
        )
    )
    assert page_metadata(html).authors == ("Jane Doe",)


def test_by_line_whose_job_title_is_on_the_next_line():
    html = page(
        body=(
            '<h1>Fed statement</h1><span class="sbhd">By: <a href="/id/1">Jane Doe</a><br>Executive News Editor'
            "</span><p>Text.</p>"
        )
    )
    assert page_metadata(html).authors == ("Jane Doe",)
    html = page(body="<h1>Fed statement</h1><div>By</div><div>Jane Doe</div><p>Text.</p>")
    assert page_metadata(html).authors == ("Jane Doe",)


def test_by_lines_away_from_the_headline_are_not_bylines():
    teaser = '<aside><p>By Other Writer</p></aside>'
    filler = "<p>" + "word " * 320 + "</p>"
    html = page(body=f"<h1>Ports reopen</h1>{teaser}{filler}<p>By John Roe</p>")
    assert page_metadata(html).authors == ()


def test_the_byline_of_a_teaser_under_a_heading_linking_elsewhere_is_not_the_pages():
    url = "https://radio.example/shows/tech/friday-april-19"
    teaser = ('<div class="row"><h3><a href="/topics/tech/smart-guns">Are smart guns ready?</a></h3>'
              '<div class="byline">by <a href="/people/david-gura">David Gura</a></div><p>Technology exists.</p></div>')
    html = page(body=f"<h1>Tech for Friday, April 19</h1><p>Listen to the show.</p>{teaser}")
    assert page_metadata(html, url=url).authors == ()
    # a post's own heading that links to the post itself (a permalink) keeps its byline
    post = ('<div class="post"><h2 class="entry-title"><a href="/shows/tech/friday-april-19/">Tech for Friday</a></h2>'
            '<div class="byline">by <a href="/people/jane-doe">Jane Doe</a></div><p>Listen to the show.</p></div>')
    assert page_metadata(page(body=post), url=url).authors == ("Jane Doe",)


def test_author_links_in_one_line_name_all_its_authors():
    html = page(body='<div><p>By <a href="/author/jane-doe">Jane Doe</a> and '
                     '<a href="/author/jo">John Roe</a></p></div>')
    assert page_metadata(html).authors == ("Jane Doe", "John Roe")


def test_each_author_link_in_one_byline_is_one_author():
    html = page(
        body=(
            '<h1>T</h1><div class="author">By <div><a href="/author/jane-doe">Jane Doe</a></div>'
            '<a href="https://twitter.com/jd">@jd</a><div><a href="/author/john-roe">John Roe</a></div></div>'
        )
    )
    assert page_metadata(html).authors == ("Jane Doe", "John Roe")


MENU = ('<div class="hamburger-nav"><ul class="hamburger-nav__list"><li class="menu-item">'
        '<a href="https://example.com/people/static/h/mobile/">Mobile Apps</a></li></ul></div>')
LOG_IN_BOX = ('<div id="authorization"><a href="/signin">Sign In</a>| <a href="/register">Sign Up</a>|'
              ' <a href="/subscribe">Subscribe</a></div>')


@pytest.mark.parametrize(
    ("noise", "byline"),
    [
        (MENU, '<p class="article-header__byline">By <a href="/author/jane-doe/" rel="author">Jane Doe</a></p>'),
        (LOG_IN_BOX, '<div class="author_fmt">By <a rel="author" href="/jane-doe">Jane Doe, MA</a></div>'),
    ],
    ids=["menu links to site sections", "log-in box"],
)
def test_a_menu_or_a_log_in_box_is_no_byline(noise, byline):
    html = page(body=f"{noise}<article><h1>Ports reopen</h1>{byline}<p>Text.</p></article>")
    assert page_metadata(html).authors == ("Jane Doe",)


def test_a_byline_in_the_articles_side_rail_counts():
    rail = ('<aside class="left-rail"><div class="content-byline">By <a href="/contributor/jane-doe">'
            "Jane Doe</a></div></aside>")
    html = page(body=f'<article><header><h1>Ports reopen</h1></header><div class="column">{rail}'
                     "<p>Text.</p></div></article>")
    assert page_metadata(html).authors == ("Jane Doe",)
    # an aside outside the article is still a sidebar
    sidebar = page(body='<article><h1>Ports reopen</h1><p>Text.</p></article>'
                        '<aside><div class="byline">By <a href="/author/jo">John Roe</a></div></aside>')
    assert page_metadata(sidebar).authors == ()


def test_a_dateline_after_the_byline_is_no_third_author():
    head = meta("author", "Jane Doe and John Roe", "name")
    body = '<h1>Fed lifts rates</h1><div>By Jane Doe and John Roe | WASHINGTON</div><p>Text.</p>'
    assert page_metadata(page(head, body)).authors == ("Jane Doe", "John Roe")


def test_each_element_marked_as_an_author_names_one():
    overlay = ('<div class="author-overlay"><a class="close" href="#">Close</a>'
               '<a href="/author/{slug}">More from {first}</a></div>')
    byline = ('<ul class="authors"><li><div rel="author" class="author"><span>By</span> Jane Doe</div>'
              + overlay.format(slug="jane_doe", first="Jane") + '</li><li><div rel="author" class="author">'
              "John Roe</div>" + overlay.format(slug="john_roe", first="John")
              + '</li><li><div rel="author" class="author">ANA RUIZ</div></li></ul>')
    html = page(body=f"<article><h1>Ports reopen</h1>{byline}<p>Text.</p></article>")
    assert page_metadata(html).authors == ("Jane Doe", "John Roe", "Ana Ruiz")


def test_author_feed_and_archive_links_name_nobody():
    byline = ('<div id="author-byline"><p class="byline">By <a href="/author/jane-doe/">Jane Doe</a></p>'
              '<div class="author-flyout"><ul><li><a href="/author/jane-doe/">View author archive</a></li>'
              '<li><a href="/author/jane-doe/feed/">Get author RSS feed</a></li></ul></div></div>')
    html = page(body=f"<article><h1>Ports reopen</h1>{byline}<p>Text.</p></article>")
    assert page_metadata(html).authors == ("Jane Doe",)


def test_the_photographer_in_a_pictures_microdata_is_no_author():
    picture = ('<div itemscope itemtype="http://schema.org/ImageObject">'
               '<meta itemprop="author" content="Ann Lee | The Denver Post | Getty Images"></div>')
    html = page(meta("author", "Jane Doe", "name"),
                f'<article itemscope itemtype="http://schema.org/NewsArticle"><h1>Coal loses steam</h1>{picture}'
                "<p>Text.</p></article>")
    assert page_metadata(html).authors == ("Jane Doe",)
    # the article's own microdata still counts
    own = page(body='<article itemscope itemtype="http://schema.org/NewsArticle"><h1>Coal</h1>'
                    '<meta itemprop="author" content="Jane Doe"><p>Text.</p></article>')
    assert page_metadata(own).authors == ("Jane Doe",)


def test_people_the_story_links_to_are_no_authors():
    body = ('<article><h1>Theatre wing launches scholarships</h1><div class="byline"><span>By Example News Desk'
            '</span></div><p>The <a href="/people/Ann-Lee/">Ann Lee</a> Initiative consists of three separate '
            'components:</p><p>The <a href="/people/Bo-Park/">Bo Park</a> Foundation gave the money for the '
            "scholarships, the wing said on Tuesday, and more is to come next year.</p></article>")
    assert page_metadata(page(body=body)).authors == ("Example News Desk",)
    # a bio in the author box links its author inside a sentence, and that still names the author
    bio = ('<div id="authorinfobox"><p><b><a href="/author/jane-doe/">Jane Doe</a></b> is a reporter who covers '
           "smart speakers, phones and the people who make them for the site.</p></div>")
    html = page(body=f"<article><h1>Which speaker should you buy?</h1><p>Text.</p></article>{bio}")
    assert page_metadata(html).authors == ("Jane Doe",)


@pytest.mark.parametrize(
    "heading", ["Related articles", "Most Viewed", "More stories about class", "You might also be interested in"]
)
def test_bylines_under_a_related_articles_heading_are_other_stories(heading):
    related = (f'<div class="home_archives"><h2 class="block-title">{heading}</h2><div class="items-wrap">'
               '<div class="block_home_post"><div class="post-content"><div class="title"><a href="/other">The new '
               'mysteries of class</a></div><div class="title3"><a href="/author/geoff-dench" class="post_format">'
               "Geoff Dench</a> / December 18, 2004</div></div></div></div></div>")
    html = page(body=f"<h1>An old dream</h1><p>By Jane Doe</p><p>Text.</p>{related}")
    assert page_metadata(html, url="https://example.com/magazine/old-dream").authors == ("Jane Doe",)


def test_a_list_padded_with_credits_yields_to_the_byline():
    head = meta("sailthru.author", "Jane Doe, Ann Lee, Bo Park using MAC Cosmetics", "name")
    html = page(head, '<article><h1>Party tees</h1><div class="byline">Jane Doe</div><p>Text.</p></article>')
    assert page_metadata(html).authors == ("Jane Doe",)


def test_other_author_meta_names_need_a_person_shaped_name():
    assert page_metadata(page(meta("search.byline", "Jane Doe", "name"))).authors == ("Jane Doe",)
    assert page_metadata(page(meta("twitter:creator", "Jane Doe", "name"))).authors == ("Jane Doe",)
    assert page_metadata(page(meta("twitter:creator", "janedoe99", "name"))).authors == ()
    assert page_metadata(page(meta("twitter:creator", "@janedoe", "name"))).authors == ()


def test_family_and_kitchen_brands_are_not_people():
    ld = {"@type": "Recipe", "name": "Rice", "author": {"@type": "Person", "name": "Example Family"}}
    assert page_metadata(page(ld=ld)).authors == ()
    assert split_authors("Example Kitchens") == []


# ================================================================================================
# Dates
# ================================================================================================


def test_date_published_beats_date_modified():
    ld = {
        "@type": "NewsArticle",
        "headline": "Ports",
        "dateModified": "2021-03-14T20:10:50Z",
        "datePublished": "2021-03-08T11:15:28Z",
    }
    meta_ = page_metadata(page(meta("article:modified_time", "2021-03-15T00:00:00Z"), ld=ld))
    assert meta_.published_at == datetime(2021, 3, 8, 11, 15, 28, tzinfo=UTC)
    assert meta_.published_at_source == "json-ld:datePublished"


def test_timezone_offsets_become_utc_and_keep_the_local_calendar_date():
    html = page(meta("article:published_time", "2023-11-08T21:24:10.336533-05:00"))
    result = page_metadata(html)
    assert result.published_at == datetime(2023, 11, 9, 2, 24, 10, tzinfo=UTC)
    assert result.published_at.tzinfo is UTC
    assert result.published_date == date(2023, 11, 8)
    assert result.published_at_source == "meta:article:published_time"


def test_calendar_date_follows_the_url_when_the_page_states_utc():
    html = page(meta("article:published_time", "2023-11-09T05:30:59+00:00"))
    result = page_metadata(html, url="https://news.example.com/2023/11/08/mayor-elected/")
    assert result.published_at == datetime(2023, 11, 9, 5, 30, 59, tzinfo=UTC)
    assert result.published_date == date(2023, 11, 8)


def test_time_element_with_itemprop_date_published():
    html = page(body='<article><time itemprop="datePublished" datetime="2019-12-23">Dec 23</time></article>')
    result = page_metadata(html)
    assert result.published_at == datetime(2019, 12, 23, tzinfo=UTC)
    assert result.published_at_source.startswith("html:time")


def test_comment_timestamps_are_not_publication_dates():
    html = page(
        body=(
            '<article><h1>T</h1><p>Text.</p></article><div id="comments">'
            '<time pubdate datetime="2018-03-26T13:09:00+05:30">March 26</time></div>'
        )
    )
    assert page_metadata(html).published_at_source != "html:time[datetime]"


def test_url_date_when_the_page_declares_none():
    result = page_metadata(page(body="<p>No dates here.</p>"), url="https://news.example.com/2019/05/07/ports-reopen/")
    assert result.published_at == datetime(2019, 5, 7, tzinfo=UTC)
    assert result.published_at_source == "url"
    sectioned = page_metadata(page(body="<p>No dates.</p>"), url="http://www.cnn.com/2010/POLITICS/08/13/x/index.html")
    assert (sectioned.published_at, sectioned.published_at_source) == (datetime(2010, 8, 13, tzinfo=UTC), "url")


def test_a_single_wordpress_post_is_an_article_so_the_date_under_its_headline_counts():
    post = ('<div class="post" id="post-{n}"><h1>Only One Lyrics</h1>'
            '<div class="date">January 29th, 2013 in <a href="/category/pop">Pop</a></div><p>Lyrics.</p></div>')
    single = page_metadata(page("<title>Only One Lyrics</title>", post.format(n=524)))
    assert (single.published_date, single.published_at_source) == (date(2013, 1, 29), "header:date")
    listing = page("<title>Only One Lyrics</title>", post.format(n=524) + post.format(n=523))
    assert page_metadata(listing).published_date is None  # a listing of posts: whose date is it?


def test_header_published_label_wins_and_updated_is_never_taken():
    html = page(
        body=(
            "<h1>Fed statement</h1><div>Updated: Friday, 23 Sep 2011</div>"
            '<div class="tool_datetime">Published: <span>Wednesday, 21 Sep 2011 | 4:35 PM ET</span></div><p>Text.</p>'
        )
    )
    result = page_metadata(html)
    assert result.published_date == date(2011, 9, 21)
    assert result.published_at == datetime(2011, 9, 21, 21, 35, tzinfo=UTC)
    assert result.published_at_source == "header:published"
    html = page(body="<h1>Docker builds</h1><p>Last updated 04 Jun 2020, originally created 17 Jun 2019</p>")
    assert page_metadata(html).published_date == date(2019, 6, 17)
    html = page(body="<article><h1>Docker builds</h1><p>Updated: June 4, 2020</p><p>Text.</p></article>")
    assert page_metadata(html).published_at_source != "header:date"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("August 13, 2010 -- Updated 2308 GMT", date(2010, 8, 13)),  # the part before the update label
        ("Published: 11/18/2011 2:27 AM Last Modified: 11/19/2011 4:06 AM", date(2011, 11, 18)),
        ("By Jane Doe | 18.11.2011", date(2011, 11, 18)),  # dots: day first
        ("Thursday, November 9, 2023 4:41AM", date(2023, 11, 9)),
        ("Posted on January 29th, 2013 in Pop", date(2013, 1, 29)),
        ("By Jane Doe • 12.29.14", date(2014, 12, 29)),  # a two-digit year; the 29 can only be the day
    ],
)
def test_dates_written_out_in_the_header(line, expected):
    html = page(body=f"<article><h1>Ports reopen</h1><p>{line}</p><p>Text.</p></article>")
    assert page_metadata(html).published_date == expected


def test_numeric_header_date_that_could_be_either_way_round_needs_the_url():
    html = page(body="<article><h1>Ports reopen</h1><p>By Jane Doe | 12/10/2020</p></article>")
    assert not (page_metadata(html).published_at_source or "").startswith("header")  # left to htmldate
    html = page(body="<article><h1>Ports reopen</h1><p>By Jane Doe | 12/10/2020</p></article>")
    assert page_metadata(html, url="https://example.com/2020/10/12/ports").published_date == date(2020, 10, 12)


def test_date_line_just_above_the_headline():
    html = page(body='<span class="strap">Case Study August 12, 2010, 5:00PM EST</span><h1>Queen of the Uncool</h1>'
                     '<p class="byline">By Jane Doe</p><p>Text.</p>')
    result = page_metadata(html)
    assert result.published_at == datetime(2010, 8, 12, 22, 0, tzinfo=UTC)
    assert result.published_date == date(2010, 8, 12)


def test_header_time_element_unless_it_is_the_update_time():
    html = page(
        body=(
            '<article><h1>Ports reopen</h1><time class="updated" datetime="2020-05-21T10:00:00Z">May 21</time>'
            '<time datetime="2020-05-19T10:00:00-04:00">May 19</time><p>Text.</p></article>'
        )
    )
    assert page_metadata(html).published_date == date(2020, 5, 19)
    html = page(body='<article><h1>Ports</h1><span>Updated </span><time datetime="2020-05-21">May 21</time></article>')
    assert page_metadata(html).published_at_source in (None, "htmldate")


def test_the_time_of_an_embedded_post_is_not_the_articles():
    embed = ('<blockquote class="instagram-media"><p>A photo posted by Jane (@jane) on '
             '<time datetime="2016-12-05T17:10:10+00:00">Dec 5, 2016</time></p></blockquote>')
    html = page(body=f"<article><h1>Ports reopen</h1>{embed}<p>Text.</p></article>")
    assert page_metadata(html).published_at_source != "header:time"
    dated = page(body=f'<article><h1>Ports reopen</h1><time datetime="2016-12-07T15:53:00-05:00">Dec 7</time>'
                      f"{embed}<p>Text.</p></article>")
    assert page_metadata(dated).published_date == date(2016, 12, 7)


def test_an_updated_date_only_when_the_header_shows_no_other():
    line = '<div class="byline"><a href="/author/jane-doe">Jane Doe</a> | TNN | Updated: Oct 9, 2019, 11:05 IST</div>'
    html = page(body=f"<article><h1>Ports reopen</h1>{line}<p>Text.</p><footer>© 2019/09 Example</footer></article>")
    result = page_metadata(html)
    assert (result.published_date, result.published_at_source) == (date(2019, 10, 9), "header:updated")
    published = page(meta("article:published_time", "2019-10-01T08:00:00+05:30"),
                     f"<article><h1>Ports reopen</h1>{line}<p>Text.</p></article>")
    assert page_metadata(published).published_date == date(2019, 10, 1)


def test_a_utc_time_falls_on_the_day_the_pages_date_element_shows():
    body = "".join(f"<p>Paragraph {n} of the story, which goes on for a while.</p>" for n in range(40))
    html = page(meta("article:published_time", "2014-12-18 01:01:00 UTC"),
                f'<article><h1>Spoilers</h1>{body}<time datetime="2014-12-18T01:01:00Z">December 17, 2014 at '
                "08:01PM EST</time> by Rachel Evans</article>")
    result = page_metadata(html)
    assert result.published_at == datetime(2014, 12, 18, 1, 1, tzinfo=UTC)
    assert result.published_date == date(2014, 12, 17)  # 8:01 pm in New York


def test_the_dates_of_a_list_of_other_stories_are_not_the_pages():
    videos = ('<ul itemscope itemtype="http://schema.org/ItemList"><li itemprop="itemListElement" itemscope>'
              '<meta itemprop="datePublished" content="2014-11-20T16:00:49Z"><a href="/v/1">Other video</a></li></ul>')
    html = page(body=f'<article><h1>Oscar Isaac on his new film</h1>{videos}<time itemprop="datePublished" '
                     'datetime="2014-12-29T16:00-05:00">Published December 29, 2014</time><p>Text.</p></article>')
    assert page_metadata(html).published_date == date(2014, 12, 29)


def test_a_vague_first_of_january_stands_for_a_year_and_yields_to_the_headers_date():
    html = page(meta("datecreated", "01/01/2004", "name"),
                "<article><h1>Pineapple cake</h1><p>Updated June 13, 2019</p><p>Text of the recipe.</p></article>")
    assert page_metadata(html).published_date == date(2019, 6, 13)
    alone = page(meta("datecreated", "01/01/2004", "name"), "<article><h1>Pineapple cake</h1><p>Text.</p></article>")
    assert page_metadata(alone).published_date == date(2004, 1, 1)  # nothing better: it still counts
    dated = page(meta("date", "2019-06-01", "name"),
                 "<article><h1>Pineapple cake</h1><p>Updated June 13, 2019</p><p>Text.</p></article>")
    assert page_metadata(dated).published_date == date(2019, 6, 1)  # any other vague date still beats "Updated"


def test_a_date_right_under_the_byline_counts_however_far_down_the_byline_is():
    standfirst = "".join(f"<p>Step {n} of the recipe, in a few words.</p>" for n in range(12))
    html = page(body=f"<article><h1>Pineapple cake</h1>{standfirst}<p>By Jane Doe</p><p>Updated June 13, 2019</p>"
                     "<p>Text of the recipe.</p></article>")
    result = page_metadata(html)
    assert (result.published_date, result.published_at_source) == (date(2019, 6, 13), "header:updated")
    unsigned = page(body=f"<article><h1>Pineapple cake</h1>{standfirst}<p>Updated June 13, 2019</p>"
                         "<p>Text of the recipe.</p></article>")
    assert page_metadata(unsigned).published_at_source != "header:updated"  # too far from the headline


def test_a_page_wrapped_in_one_form_still_has_a_header():
    # ASP.NET pages put the whole page in one <form>; a comment form stays out of the header
    article = ("<h1>Plan draws opposition</h1><p>By World's Editorial Writers</p>"
               "<p>Published: 11/18/2011 2:27 AM</p><p>Text of the editorial.</p>")
    result = page_metadata(page(body=f'<form id="aspnetForm" method="post"><div>{article}</div></form>'))
    assert result.authors == ("World's Editorial Writers",)
    assert result.published_date == date(2011, 11, 18)
    comment = page(body='<article><h1>Plan draws opposition</h1><p>Text.</p></article>'
                        '<form class="reply"><p>By Jane Doe</p><p>Published: 11/19/2011</p></form>')
    assert page_metadata(comment).authors == ()


def test_a_credit_linked_to_the_sites_about_page_is_the_publisher():
    byline = '<p>By <a href="https://www.example.com/about-us">Example Kitchens</a></p>'
    html = page(body=f"<article><h1>Pineapple cake</h1>{byline}<p>Text of the recipe.</p></article>")
    assert page_metadata(html).authors == ()
    desk = byline.replace("/about-us", "/author/example-kitchens")
    html = page(body=f"<article><h1>Pineapple cake</h1>{desk}<p>Text of the recipe.</p></article>")
    assert page_metadata(html).authors == ("Example Kitchens",)


def test_a_day_htmldate_fills_in_from_a_copyright_year_is_no_date():
    html = page(body="<article><h1>Save money on groceries</h1><p>Plan your meals for the week.</p>"
                     "<footer>© 2011 Example Corp</footer></article>")
    assert page_metadata(html).published_date is None


def test_dates_in_sentences_and_far_above_the_headline_are_not_publication_dates():
    html = page(
        body=(
            "<div>Friday, August 13, 2010</div><nav><a>Home</a></nav><div>Politics</div><div>Elections</div>"
            "<article><h1>Ports reopen</h1><p>The port, which opened on March 3, 2001, closed again this week after"
            " the storm.</p><p>The report published on March 4, 2001 said so.</p></article>"
        )
    )
    assert page_metadata(html).published_at_source in (None, "htmldate")


def test_home_pages_take_only_labelled_dates_from_their_text():
    html = page(body="<h1>Weekly digest</h1><div>May 19, 2020</div><div>Latest stories</div>")
    assert page_metadata(html).published_at is None
    html = page(body="<h1>Weekly digest</h1><div>Published May 19, 2020</div><div>Latest stories</div>")
    assert page_metadata(html).published_date == date(2020, 5, 19)


def test_declared_dates_beat_the_header_and_the_header_beats_vague_ones():
    header = "<article><h1>Ports reopen</h1><p>Published: May 19, 2020</p></article>"
    declared = page(meta("article:published_time", "2020-05-18T10:00:00Z"), header)
    assert page_metadata(declared).published_date == date(2020, 5, 18)
    vague = page(meta("date", "2020-06-01", "name"), header)
    assert page_metadata(vague).published_date == date(2020, 5, 19)
    vague_and_url = page(meta("date", "2020-06-01", "name"))
    assert page_metadata(vague_and_url, url="https://example.com/2020/05/17/ports").published_date == date(2020, 5, 17)


def test_other_publication_meta_names_and_publisher_is_not_a_date():
    html = page(meta("publisher", "2019-01-01", "name") + meta("pub_date", "20100812", "name"))
    result = page_metadata(html)
    assert result.published_date == date(2010, 8, 12)
    assert result.published_at_source == "meta:pub_date"


def test_calendar_date_follows_the_header_when_the_page_states_utc():
    ld = {"@type": "NewsArticle", "headline": "Mayor elected", "datePublished": "2023-11-09T05:30:59Z"}
    html = page(body="<h1>Mayor elected</h1><div>PUBLISHED: November 8, 2023 at 11:30 p.m.</div>", ld=ld)
    result = page_metadata(html)
    assert result.published_at == datetime(2023, 11, 9, 5, 30, 59, tzinfo=UTC)
    assert result.published_date == date(2023, 11, 8)


def test_calendar_date_from_the_same_moment_stated_with_the_local_offset():
    ld = {"@type": "NewsArticle", "headline": "Crash", "datePublished": "2023-11-09T02:35:28+00:00"}
    html = page(body='<h1>Crash</h1><time datetime="2023-11-08T21:35:28-05:00">Nov 8</time>', ld=ld)
    assert page_metadata(html).published_date == date(2023, 11, 8)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-01-28T05:55:52-05:00", datetime(2020, 1, 28, 10, 55, 52, tzinfo=UTC)),
        ("2020-09-28T12:41:29.000Z", datetime(2020, 9, 28, 12, 41, 29, tzinfo=UTC)),
        ("2020-09-26T22:00:27+0100", datetime(2020, 9, 26, 21, 0, 27, tzinfo=UTC)),
        ("2023-10-27 03:00:00", datetime(2023, 10, 27, 3, 0, tzinfo=UTC)),
        ("2019-12-03", datetime(2019, 12, 3, tzinfo=UTC)),
        ("Fri, 30 Oct 2020 07:45:02 GMT", datetime(2020, 10, 30, 7, 45, 2, tzinfo=UTC)),
        ("Tue Feb 20 2018 01:00:00 GMT+0100 (Central European Standard Time)", datetime(2018, 2, 20, tzinfo=UTC)),
        ("June 12, 2020 9:49 am EST", datetime(2020, 6, 12, 14, 49, tzinfo=UTC)),
        ("1579500318000", datetime(2020, 1, 20, 6, 5, 18, tzinfo=UTC)),
        ("March 2020", None),  # no day
        ("1985-06-01", None),  # implausibly early
        ("2150-06-01", None),  # implausibly late
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


# ================================================================================================
# Site, URL, description, empty pages, trees
# ================================================================================================


def test_site_name_canonical_url_and_description():
    html = page(
        meta("og:site_name", "Example Herald")
        + '<link rel="canonical" href="https://www.example.com/a/1">'
        + meta("og:description", "Ports reopened on Monday.")
    )
    result = page_metadata(html, url="https://m.example.com/a/1?utm=x")
    assert result.site_name == "Example Herald"
    assert result.url == "https://www.example.com/a/1"
    assert result.description == "Ports reopened on Monday."


def test_every_summary_the_page_declares_is_kept_meta_tags_first():
    reopened, over, voted = "Ports reopened on Monday.", "The port strike is over.", "Dockers voted to end the strike."
    ld = {"@type": "NewsArticle", "headline": "H", "description": voted}
    head = meta("og:description", reopened) + meta("description", reopened, "name")
    result = page_metadata(page(head + meta("twitter:description", over, "name"), ld=ld))
    assert result.descriptions == (reopened, over, voted)  # the same summary twice counts once
    assert result.description == reopened
    assert page_metadata(page(ld=ld)).description == voted
    assert page_metadata(page()).descriptions == ()


def test_publisher_name_from_json_ld_when_no_og_site_name():
    ld = {"@type": "NewsArticle", "headline": "H", "publisher": {"@type": "Organization", "name": "Example Gazette"}}
    assert page_metadata(page(ld=ld)).site_name == "Example Gazette"


def story(url: str, text: str) -> dict:
    return {"@type": "NewsArticle", "headline": text[:20], "url": url, "articleBody": text}


HERE = "https://www.example.com/news/ports-reopen"


@pytest.mark.parametrize(
    ("ld", "expected"),
    [
        (story(HERE, "Ports reopened on Monday.\n\nShips queued."), ("Ports reopened on Monday.", "Ships queued.")),
        # the same article declared twice, by a theme and an SEO plugin
        ([{"@type": "NewsArticle", "articleBody": "Ports reopened."}] * 2, ("Ports reopened.",)),
        # a section page's list of stories: only the one that says it is this page
        ([story("https://www.example.com/news/other", "Other story."), story(HERE, "Ports reopened.")],
         ("Ports reopened.",)),
        ({"@graph": [story("https://www.example.com/a", "Story A."), story("https://www.example.com/b", "Story B.")]},
         ()),
        ({"@type": "NewsArticle", "articleBody": ["Ports reopened.", 7, "Ships queued."]},
         ("Ports reopened.", "Ships queued.")),
        ({"@type": "NewsArticle", "articleBody": "<p>Ports&nbsp;<b>reopened</b>.</p><p>Ships queued.</p>"},
         ("Ports reopened.", "Ships queued.")),
        ({"@type": "WebSite", "articleBody": "Not an article."}, ()),
    ],
)
def test_article_body_declared_in_json_ld(ld, expected):
    assert page_metadata(page(ld=ld), url=HERE).article_body == expected


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "plain text", '<script type="application/ld+json">{bad'])
def test_nothing_known_gives_none(html):
    result = page_metadata(html)
    assert result == PageMetadata(None, (), None, None, None, None, None)


def test_broken_json_ld_is_repaired_or_skipped():
    html = page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ports reopen",}</script>')
    assert page_metadata(html).title == "Ports reopen"


def test_a_parsed_tree_can_be_passed_in():
    html = page("<title>Ports reopen | Example Herald</title>" + meta("og:site_name", "Example Herald"))
    tree = lxml.html.document_fromstring(html)
    assert page_metadata(html, tree=tree).title == "Ports reopen"
    assert page_metadata(html, tree=tree.getroottree()).title == "Ports reopen"


# ================================================================================================
# Properties
# ================================================================================================

NAME = st.sampled_from(
    ["Jane Doe", "JOHN ROE", "Ann-Marie Lee", "Jose de la Cruz", "T. V. Raman", "Siobhán O'Neill", "Bo Li"]
)
PREFIX = st.sampled_from(["", "By ", "by ", "BY ", "Posted by ", "Written by: ", "Story by ", "Words: ", "By: "])
SEPARATOR = st.sampled_from([", ", " and ", " & ", "; ", " | ", " / "])
SUFFIX = st.sampled_from(["", " | Example News", ", Staff Writer", " - Updated 10:42 am", " @handle", " Reuters"])


@settings(max_examples=300, deadline=None)
@given(PREFIX, st.lists(NAME, min_size=1, max_size=3), SEPARATOR, SUFFIX)
def test_bylines_never_yield_by_prefixes_or_empty_names(prefix, names, separator, suffix):
    authors = split_authors(prefix + separator.join(names) + suffix)
    assert authors  # at least one of the names survives
    for author in authors:
        assert author.strip() == author and author
        assert not author.casefold().startswith("by ")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_author_strings_never_yield_by_prefixes_or_empty_names(text):
    for author in split_authors(text):
        assert author and author.strip() == author
        assert not author.casefold().startswith("by ")


@settings(max_examples=100, deadline=None)
@given(PREFIX, st.lists(NAME, min_size=1, max_size=3), SEPARATOR)
def test_page_authors_never_have_by_prefixes_or_empty_names(prefix, names, separator):
    byline = f'<div class="byline">{prefix}{separator.join(names)}</div>'
    html = page(body=f"<article><h1>Ports reopen</h1>{byline}</article>")
    authors = page_metadata(html).authors
    assert authors
    assert all(a and not a.casefold().startswith("by ") for a in authors)
    assert len({a.casefold() for a in authors}) == len(authors)


# ================================================================================================
# Authors: organisations credited in place of a person
# ================================================================================================


def test_an_organisation_the_byline_credits_is_the_author_when_no_person_is_named():
    html = page(
        meta("og:site_name", "Wikimedia Foundation"),
        '<article><h1>Access restored</h1><span>By <a rel="author" href="/news/author/wmf/">Wikimedia '
        "Foundation</a></span><p>Text of the story.</p></article>",
    )
    result = page_metadata(html)
    assert result.authors == ("Wikimedia Foundation",)
    assert result.authors_source == "organisation"


def test_a_wire_credit_under_the_headline_is_the_author():
    html = page(
        body='<header><h1>Masks stolen from hospital</h1><p class="credit">JIJI</p></header><p>KOBE - Text.</p>'
    )
    assert page_metadata(html).authors == ("JIJI",)


def test_a_desk_over_the_date_line_is_the_author():
    html = page(
        body='<h1>The phone is here</h1><div class="publisher">ET Online<span>|</span></div>'
        "<div>09 Jun 2020, 02:32 PM IST</div><p>Text of the story, long enough to be a paragraph.</p>"
    )
    assert page_metadata(html).authors == ("ET Online",)


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="byline">CBS News February 24, 2020, 7:57 AM</div>',  # a date box, not a credit
        '<div class="author-name"><span>By Staff Writer</span></div>',
        '<div class="post-author">Publié par <span>Unknown</span></div>',
        '<div class="byline">By Staff and news service reports</div>',
        '<div class="author">by <b>CH Contributor</b></div>',  # a site's shared account
    ],
)
def test_furniture_in_a_byline_is_no_organisation_credit(byline):
    html = page(body=f"<article><h1>Ports reopen</h1>{byline}<p>Text of the story.</p></article>")
    assert page_metadata(html).authors == ()


@pytest.mark.parametrize("byline, expected", [
    ("By TMZ Staff", ("TMZ Staff",)),
    ("By HLNF Staff Report", ("HLNF Staff Report",)),
    ("By Example News Staff", ("Example News Staff",)),
    ("By Our Foreign Staff", ("Our Foreign Staff",)),  # the paper's own desk
    ("By Staff", ()),
    ("By Our Staff", ()),
])
def test_a_newsrooms_staff_is_an_organisation_credit(byline, expected):
    html = page(body=f'<article><h1>Ports reopen</h1><div class="byline">{byline}</div><p>Text.</p></article>')
    result = page_metadata(html)
    assert (result.authors, result.authors_source) == (expected, "organisation" if expected else None)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<title>Gregory Szorc's Digital Home | Mercurial's Journey to Python 3</title>", ("Gregory Szorc",)),
        (meta("og:site_name", "Ana Ruiz’s blog") + "<title>Notes on trams</title>", ("Ana Ruiz",)),
        ("<title>Joe's Blog | Notes on trams</title>", ()),  # one word: a nickname, or a shop
        ("<title>The Gardener's Notebook | Notes on roses</title>", ()),
        ("<title>Ana Ruiz's Kitchen | Roast chicken</title>", ()),  # not a kind of personal site
    ],
)
def test_a_personal_site_named_after_its_owner_gives_the_author(head, expected):
    result = page_metadata(page(head, "<article><h1>Notes on trams</h1><p>Text of the post.</p></article>"))
    assert result.authors == expected
    assert result.authors_source == ("site-name" if expected else None)


def test_the_owner_named_in_a_part_of_the_site_name_is_the_author():
    head = meta("og:site_name", "pixelmonkey.org - Andrew Montalenti&#039;s blog") + "<title> » Going mobile</title>"
    result = page_metadata(page(head, "<article><h2>Going mobile</h2><p>Text of the post.</p></article>"))
    assert (result.authors, result.authors_source) == (("Andrew Montalenti",), "site-name")


def test_a_print_button_in_the_byline_is_no_part_of_the_name():
    byline = ('<div id="Byline"><div class="EmailPrint"><a class="PrintLink" href="/print.html">Print</a></div>'
              '<a href="/user/lberry/"><span class="Avatar">Lucy Berry | lberry@al.com</span></a> By '
              '<span class="author vcard"><a href="/user/lberry/posts.html">Lucy Berry | lberry@al.com</a></span>'
              "</div>")
    html = page(body=f"<article><h1>Hockey and skate jam next month</h1>{byline}<p>Text.</p></article>")
    assert page_metadata(html).authors == ("Lucy Berry",)


def test_the_author_in_parselys_json_tag_counts():
    tag = """<meta name="parsely-page" content='{"title": "Gift guide", "author": "Carrie McBride"}'>"""
    result = page_metadata(page(tag, "<article><h1>Gift guide</h1><p>Text of the guide.</p></article>"))
    assert (result.authors, result.authors_source) == (("Carrie McBride",), "meta:parsely-author")


def test_links_in_an_image_credit_line_are_no_byline():
    credits = ('<small>(Image credits: <a href="/authors/henry">Henry Chen</a>; '
               '<a href="/authors/ashley">Ashley Anderson</a>)</small>')
    html = page(body=f"<article><h1>Gift guide</h1><p>Text of the guide.</p>{credits}</article>")
    assert page_metadata(html).authors == ()


def test_a_contact_form_label_in_an_author_box_is_no_name():
    box = ('<div class="author-contact"><label class="field-label name">Name<span>(required)</span></label>'
           '<input type="text"></div>')
    html = page(body=f'<article><h1>Surfer survives shark</h1><p class="byline">By Fox News</p><p>Text.</p>{box}'
                     "</article>")
    assert page_metadata(html).authors == ("Fox News",)


def test_a_byline_beats_the_owner_of_the_site():
    html = page(
        "<title>Gregory Szorc's Digital Home | Notes</title>",
        '<article><h1>Notes</h1><p class="byline">By Ana Ruiz</p><p>Text of the guest post.</p></article>',
    )
    assert page_metadata(html).authors == ("Ana Ruiz",)


def test_a_menu_entry_starting_with_by_is_no_credit():
    html = page(body='<h1>Roast chicken</h1><ul><li><a href="/c">By Course or Type</a></li></ul><p>Text.</p>')
    assert page_metadata(html).authors == ()


def test_a_person_anywhere_beats_an_organisation_credit():
    html = page(
        meta("author", "Jane Doe", "name"),
        '<article><h1>Ports reopen</h1><p class="credit">Reuters</p><p>Text of the story.</p></article>',
    )
    result = page_metadata(html)
    assert result.authors == ("Jane Doe",)
    assert result.authors_source == "meta:author"


def test_a_column_label_in_the_byline_is_no_organisation_credit():
    html = page(body='<article><h1>Readers write</h1><div class="byline">By <a href="/author/letters/">Letters To The '
                     "Editor</a></div><p>Text of the letters.</p></article>")
    assert page_metadata(html).authors == ()


def test_a_posted_by_line_in_the_articles_footer_is_its_byline():
    long_text = "<p>" + "Words of the post that run on for a long while. " * 80 + "</p>"
    html = page(body=f'<article><h1>Standalone binaries</h1>{long_text}'
                     '<footer><div><img src="/a.jpg" alt=""><p>Posted by Alon Zakai.</p></div>'
                     '<a href="/share">Retweet this article!</a></footer></article>'
                     '<footer id="footer"><p>Posted by the V8 team</p></footer>')
    result = page_metadata(html)
    assert (result.authors, result.authors_source) == (("Alon Zakai",), "footer")


def test_the_sites_footer_signs_no_post():
    long_text = "<p>" + "Words of the post that run on for a long while. " * 80 + "</p>"
    html = page(body=f'<article><h1>Standalone binaries</h1>{long_text}</article>'
                     '<footer><p>Written by Ada Lovelace and friends</p></footer>')
    assert page_metadata(html).authors == ()


def test_text_after_a_comment_in_the_header_stays_on_its_line():
    """React pages put <!-- --> between the pieces of one line: the date and the byline after them count."""
    html = page(meta("article:published_time", "2018-06-12T23:00:00.000Z"),
                "<article><h1>Content depth</h1><ul><li><small>On <!-- -->6/13/2018<!-- --> by <!-- -->Lazhar "
                "Ichir</small></li></ul><p>Text of the post.</p></article>")
    result = page_metadata(html)
    assert str(result.published_date) == "2018-06-13"  # the day the page shows for 23:00 UTC
    assert result.authors == ("Lazhar Ichir",)


@pytest.mark.parametrize("line, expected", [
    ("On 6/13/2018 by @lazharichir", ("@lazharichir",)),
    ("By @jdoe", ("@jdoe",)),
    ("By @examplenews", ()),  # the site's own account
    ("Photo by @snapper", ()),  # a credit for something else
])
def test_a_header_byline_with_only_a_handle_credits_the_handle(line, expected):
    html = page(meta("og:site_name", "Example News"),
                f"<article><h1>Content depth</h1><p><small>{line}</small></p><p>Text of the post.</p></article>")
    assert page_metadata(html, "https://examplenews.com/blog/depth").authors == expected


def test_a_link_credit_in_the_text_is_no_byline_even_with_a_digit_before_its_by():
    html = page(body='<article><h1>Issue 162</h1><p>Welcome to this week\'s links.</p>'
                     '<p><a href="/x">Announcing Flutter beta 1: Build beautiful native apps</a> by '
                     '<a href="/y">Seth Ladd</a></p></article>')
    assert page_metadata(html).authors == ()


@pytest.mark.parametrize("href", ["index.html", "/", "https://example.org/"])
def test_an_h1_that_links_home_is_the_sites_banner(href):
    html = page("<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>",
                f'<div class="header"><h1><a href="{href}"><span>evolve extension for Mercurial</span></a></h1></div>'
                '<div class="section"><h1>Evolve: Shared Mutable History<a class="headerlink" href="#e">¶</a></h1>'
                "<p>Text of the manual.</p></div>")
    assert page_metadata(html, "https://example.org/doc/user-guide.html").title == "Evolve: Shared Mutable History"


def test_an_h1_that_links_to_its_own_story_is_the_headline():
    html = page("<title>Ports reopen after the storm — Example blog</title>",
                '<h1><a href="https://example.org/2020/05/ports-reopen">Ports reopen after the storm</a></h1>'
                "<p>Text of the story.</p>")
    assert page_metadata(html, "https://example.org/2020/05/ports-reopen").title == "Ports reopen after the storm"


def test_an_organisation_in_the_author_meta_is_no_person_and_yields_to_the_byline():
    html = page(meta("author", "Organization for Transformative Works", "name"),
                '<h1><a href="/">Archive of Our Own</a></h1><div><h2 class="title heading">Conversations with a Cryptid'
                '</h2><h3 class="byline heading"><a rel="author" href="/users/AMournful">AMournfulHowl</a></h3>'
                "<p>Text of the work.</p></div>")
    assert page_metadata(html).authors == ("AMournfulHowl",)


def test_a_staff_credit_after_the_date_line_is_an_organisation_credit():
    html = page(body="<article><h1>Pearl dress stolen</h1><div>2/26/2015 7:11 AM PST BY TMZ STAFF</div>"
                     "<p>Text of the story.</p></article>")
    result = page_metadata(html)
    assert (result.authors, result.authors_source) == (("TMZ STAFF",), "organisation")


def test_a_sub_heading_that_starts_the_title_is_the_headline_when_only_the_banner_is_an_h1():
    html = page("<title>Conversations with a Cryptid - Chapter 1 - AMournfulHowl - Fandom [Archive of Our Own]</title>",
                '<h1><a href="/">Archive of Our Own</a></h1><aside><h2>Site news and updates</h2></aside>'
                '<div><h2 class="title heading">Conversations with a Cryptid</h2><p>Text of the work.</p></div>')
    assert page_metadata(html).title == "Conversations with a Cryptid"


def test_a_newspapers_name_left_of_a_role_is_no_second_author():
    html = page(body='<article><h1>Halibut and Whole Foods</h1><div class="article-byline"><span>By</span>'
                     '<div class="name vcard"><a href="/author/ben/" rel="author" class="fn">Benjamin Romano</a></div>'
                     '<div class="title vcard"><span class="fn">Seattle Times business reporter</span></div></div>'
                     "<p>Text of the story.</p></article>")
    assert page_metadata(html).authors == ("Benjamin Romano",)


def test_a_time_inside_the_headline_dates_it_and_is_no_part_of_the_title():
    html = page("<title>Indie iOS Focus Weekly - Issue 162</title>"
                + meta("og:title", "Xcode's unofficial performance tests, raising your rates, & more"),
                '<article><h1><a href="/issues/162#start">Issue 162 <i><time class="published" datetime="2018-03-01">'
                "March 1st 2018</time></i></a></h1><p>Welcome to this week's links.</p></article>")
    result = page_metadata(html)
    assert (result.title, str(result.published_date)) == ("Issue 162", "2018-03-01")


def test_the_author_meta_naming_the_newsroom_credits_it_when_no_person_is_named():
    html = page(meta("og:article:author", "BBC News") + meta("og:site_name", "BBC News"),
                "<article><h1>Obama admits gun laws are his biggest frustration</h1><p>Text.</p></article>")
    result = page_metadata(html, "http://www.bbc.com/news/world-us-canada-33646704")
    assert (result.authors, result.authors_source) == (("BBC News",), "organisation")
