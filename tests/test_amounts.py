"""Tests for transforms.amounts.find_amounts."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from transforms.amounts import SCALE_WORDS, Amount, find_amounts


def only(text: str) -> Amount:
    """The single amount found in ``text``."""
    amounts = find_amounts(text)
    assert len(amounts) == 1, amounts
    return amounts[0]


def summary(text: str) -> list[tuple]:
    return [(a.raw_text, a.value, a.currency, a.kind, a.is_approximate) for a in find_amounts(text)]


# --------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("$500 billion", 500_000_000_000.0, "USD"),
        ("$1 million", 1e6, "USD"),
        ("$200 million", 2e8, "USD"),
        ("$1.5bn", 1.5e9, "USD"),
        ("$3.2B", 3.2e9, "USD"),
        ("$40m", 4e7, "USD"),
        ("$50K", 5e4, "USD"),
        ("US$5 million", 5e6, "USD"),
        ("€20 billion", 2e10, "EUR"),
        ("€1.5 bn", 1.5e9, "EUR"),
        ("£3.5m", 3.5e6, "GBP"),
        ("¥100", 100.0, "JPY"),
        ("₹250", 250.0, "INR"),
        ("Rs 500 crore", 5e9, "INR"),
        ("Rs. 3 lakh", 3e5, "INR"),
        ("Rs 5 lakh crore", 5e12, "INR"),
        ("HK$2.4 billion", 2.4e9, "HKD"),
        ("500 million dollars", 5e8, "USD"),
        ("20 billion euros", 2e10, "EUR"),
        ("1.2 trillion yen", 1.2e12, "JPY"),
        ("5 million U.S. dollars", 5e6, "USD"),
        ("40 million Australian dollars", 4e7, "AUD"),
        ("$1,250,000", 1_250_000.0, "USD"),
        ("USD 30 million", 3e7, "USD"),
        ("30m USD", 3e7, "USD"),
        ("a $5-million deal", 5e6, "USD"),
    ],
)
def test_money(text, value, currency):
    amount = only(text)
    assert amount.kind == "money"
    assert amount.value == value
    assert amount.currency == currency
    assert amount.is_approximate is False


def test_money_raw_text_and_offsets_in_sentence():
    text = "The company raised $500 billion last year."
    amount = only(text)
    assert amount.raw_text == "$500 billion"
    assert (amount.char_start, amount.char_end) == (19, 31)
    assert text[amount.char_start : amount.char_end] == amount.raw_text


def test_currency_prefix_is_part_of_raw_text():
    assert only("It paid US$5 million.").raw_text == "US$5 million"
    assert only("It paid Rs 500 crore.").raw_text == "Rs 500 crore"


def test_currency_word_is_part_of_raw_text():
    assert only("worth 500 million dollars today").raw_text == "500 million dollars"


def test_scaled_decimal_is_exact():
    # 3.2 * 1e9 would give 3200000000.0000005
    assert only("$3.2bn").value == 3_200_000_000.0


def test_indian_digit_grouping():
    assert only("Rs 1,00,000").value == 100_000.0


def test_money_followed_by_plural_noun_stays_money():
    assert summary("It sold $5 million bonds.") == [("$5 million", 5e6, "USD", "money", False)]


# --------------------------------------------------------------------------
# Vague money
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, currency",
    [
        ("hundreds of millions of dollars", "USD"),
        ("billions of dollars", "USD"),
        ("tens of thousands of dollars", "USD"),
        ("millions of euros", "EUR"),
        ("billions of U.S. dollars", "USD"),
    ],
)
def test_vague_money(text, currency):
    amount = only(f"It cost {text}, officials said.")
    assert amount.raw_text == text
    assert amount.value is None
    assert amount.currency == currency
    assert amount.kind == "money"
    assert amount.is_approximate is True


def test_vague_count():
    assert summary("thousands of people marched") == [("thousands of people", None, None, "count", True)]


# --------------------------------------------------------------------------
# Hedges
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("about $5 million", 5e6, "money"),
        ("nearly $2 billion", 2e9, "money"),
        ("more than $10 million", 1e7, "money"),
        ("roughly 30%", 30.0, "percent"),
        ("almost 1,000 people", 1000.0, "count"),
        ("an estimated $3 billion", 3e9, "money"),
        ("over 50 percent", 50.0, "percent"),
        ("up to 40%", 40.0, "percent"),
        ("~$5m", 5e6, "money"),
        ("More than 2 million users", 2e6, "count"),
    ],
)
def test_hedged_amounts_are_approximate_and_keep_value(text, value, kind):
    amount = only(f"Officials said {text} on Monday.")
    assert amount.raw_text == text
    assert amount.value == value
    assert amount.kind == kind
    assert amount.is_approximate is True


def test_hedge_word_must_be_a_whole_word():
    # "over" inside "moreover" is not a hedge
    assert summary("moreover 5% fell") == [("5%", 5.0, None, "percent", False)]


# --------------------------------------------------------------------------
# Percent
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("5%", 5.0),
        ("5 %", 5.0),
        ("5.5 percent", 5.5),
        ("12 per cent", 12.0),
        ("3.5 pct", 3.5),
        ("2 percentage points", 2.0),
    ],
)
def test_percent(text, value):
    amount = only(f"Sales rose {text} in March.")
    assert amount.raw_text == text
    assert amount.value == value
    assert amount.kind == "percent"
    assert amount.currency is None
    assert amount.is_approximate is False


# --------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("3 million people", 3e6),
        ("1,200 jobs", 1200.0),
        ("2.5 billion users", 2.5e9),
        ("1000 jobs", 1000.0),
        ("10,000 children", 10_000.0),
        ("1,200 new full-time jobs", 1200.0),
    ],
)
def test_count(text, value):
    amount = only(f"The plan affects {text} nationwide.")
    assert amount.raw_text == text
    assert amount.value == value
    assert amount.kind == "count"
    assert amount.currency is None
    assert amount.is_approximate is False


@pytest.mark.parametrize(
    "text",
    [
        "He made 6 picks in the draft.",
        "The fund looks for 10X winners.",
        "Elections are due in 2024.",
        "The 2018 results were weak.",
        "In 2019, the firm won 500 awards.",  # under 1,000 and not a noun news counts
        "The deal closed on July 23, 2021.",
        "It happened on 23 July.",
        "A population of 3 million.",  # no noun: not supported
        "COVID-19 cases rose.",
        "Boeing 737-800 jets",
        "the 1950s",
    ],
)
def test_not_amounts(text):
    assert find_amounts(text) == []


def test_year_is_not_a_count_but_following_amount_is():
    assert summary("In 2018, 5,000 workers quit.") == [("5,000 workers", 5000.0, None, "count", False)]


def test_bare_year_before_currency_word_is_not_money():
    assert find_amounts("prices in 2020 dollars") == []


def test_count_stops_at_first_plural_noun():
    assert only("sold 230 million units beat estimates").raw_text == "230 million units"


def test_count_needs_plural_noun():
    assert find_amounts("the 1,000 is a milestone") == []


# --------------------------------------------------------------------------
# Word boundaries, ranges, unicode
# --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["abc$5m", "x1,000 people", "A380s", "mp3", "B2B"])
def test_no_match_inside_words(text):
    assert find_amounts(text) == []


def test_ranges_are_never_half_matched():
    # one amount for the whole range, never its second half alone ("10 million" of "$5-10 million")
    assert [a.raw_text for a in find_amounts("$5-10 million")] == ["$5-10 million"]
    assert [a.raw_text for a in find_amounts("rose 3-5%")] == ["3-5%"]
    assert [a.raw_text for a in find_amounts("$5 million-$10 million")] == ["$5 million-$10 million"]


def test_curly_quotes_and_unicode_offsets():
    text = "Café “owner” said ‘about $5 million’ — or 5 %\u00a0— for 3\u00a0million people…"
    amounts = find_amounts(text)
    assert [a.raw_text for a in amounts] == ["about $5 million", "5 %", "3\u00a0million people"]
    for a in amounts:
        assert text[a.char_start : a.char_end] == a.raw_text
    assert amounts[2].value == 3e6


def test_multiple_amounts_sorted_and_non_overlapping():
    text = (
        "Acme said revenue rose 12 per cent to $1.5bn, adding 1,200 jobs, "
        "while rivals lost hundreds of millions of dollars."
    )
    assert summary(text) == [
        ("12 per cent", 12.0, None, "percent", False),
        ("$1.5bn", 1.5e9, "USD", "money", False),
        ("1,200 jobs", 1200.0, None, "count", False),
        ("hundreds of millions of dollars", None, "USD", "money", True),
    ]


def test_empty_text():
    assert find_amounts("") == []


def test_amount_is_frozen():
    amount = only("$5m")
    with pytest.raises(AttributeError):
        amount.value = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_NEWSY_TEXT = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(
            [
                "$",
                "€",
                "US$",
                "Rs ",
                " ",
                "-",
                ",",
                ".",
                "%",
                " percent",
                " million",
                "bn",
                " people",
                " dollars",
                "about ",
                "hundreds of ",
                "2024",
                "1,000",
                "5.5",
                " to ",
                "between ",
                " and ",
                "two",
                "a dozen",
            ]
        ),
        st.integers(0, 10**7).map(str),
    ),
    max_size=20,
).map("".join)


@given(_NEWSY_TEXT)
@example("Costs hit “about $5 million” and 5% of 1,200 jobs")
def test_property_offsets_slice_back_and_spans_do_not_overlap(text):
    amounts = find_amounts(text)
    previous_end = 0
    for a in amounts:
        assert text[a.char_start : a.char_end] == a.raw_text
        assert a.char_start >= previous_end
        assert a.char_start < a.char_end
        assert a.kind in {"money", "percent", "count"}
        assert (a.currency is not None) == (a.kind == "money")
        if a.value_high is not None:  # a range: lower bound < upper bound, approximate
            assert a.value is not None and a.value < a.value_high and a.is_approximate
        previous_end = a.char_end


_SCALES_ASCENDING = sorted(SCALE_WORDS, key=SCALE_WORDS.get)


@given(
    st.decimals(min_value=1, max_value=999, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=1, max_value=999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(_SCALES_ASCENDING),
)
def test_property_value_scaling_is_monotonic(a, b, scale):
    """value(x scale) == x * 10**exp, and ordering of x is preserved."""
    value_a = only(f"${a} {scale}").value
    value_b = only(f"${b} {scale}").value
    assert value_a == pytest.approx(float(a) * 10 ** SCALE_WORDS[scale])
    if a < b:
        assert value_a < value_b
    elif a == b:
        assert value_a == value_b
    # A bigger scale word never gives a smaller value.
    higher = [s for s in _SCALES_ASCENDING if SCALE_WORDS[s] > SCALE_WORDS[scale]]
    for bigger in higher:
        assert only(f"${a} {bigger}").value > value_a


# --------------------------------------------------------------------------
# The shapes of issue 5, one test each
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("€20m", 2e7, "EUR"),
        ("£3bn", 3e9, "GBP"),
        ("US$1.5bn", 1.5e9, "USD"),
        ("$2.5M", 2.5e6, "USD"),
        ("5 million euros", 5e6, "EUR"),
        ("a billion dollars", 1e9, "USD"),
        ("two million euros", 2e6, "EUR"),
        ("half a billion dollars", 5e8, "USD"),
        ("fined 5 million pounds", 5e6, "GBP"),
        ("500 pounds sterling", 500.0, "GBP"),
    ],
)
def test_more_money(text, value, currency):
    amount = only(text)
    assert (amount.kind, amount.value, amount.currency, amount.is_approximate) == ("money", value, currency, False)


@pytest.mark.parametrize(
    "text, value",
    [
        ("12 percent", 12.0),
        ("12 percentage points", 12.0),
        ("Sixty-six percent", 66.0),
        ("zero percent", 0.0),
        ("one per cent", 1.0),
        ("-1.0 percent", -1.0),
        ("−2.5%", -2.5),
    ],
)
def test_more_percent(text, value):
    amount = only(f"The rate was {text} last year.")
    assert (amount.raw_text, amount.kind, amount.value) == (text, "percent", value)


@pytest.mark.parametrize(
    "text, value",
    [
        ("3,000 workers", 3000.0),
        ("two million people", 2e6),
        ("forty-five thousand workers", 45_000.0),
        ("a million chickens", 1e6),
        ("two hundred thousand homes", 200_000.0),
        ("12 people", 12.0),  # small numbers count for people and the like
        ("500 employees", 500.0),
        ("30 Democratic House members", 30.0),
        ("a dozen people", 12.0),
        ("two dozen soldiers", 24.0),
    ],
)
def test_more_counts(text, value):
    amount = only(f"Officials said {text} were affected.")
    assert (amount.raw_text, amount.kind, amount.value, amount.is_approximate) == (text, "count", value, False)


@pytest.mark.parametrize(
    "text",
    [
        "He made 6 picks and 12 assists.",  # small, and not nouns of people
        "They met two men and three women.",  # spelled-out small numbers are prose, not figures
        "The CNN list of “10 People Who Don’t Matter” ran in 2010.",  # a title
        "About 25.9 new cases were recorded.",  # no fraction of a case
        "a dozen eggs",
    ],
)
def test_small_numbers_that_are_no_counts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "iPhone 12 users complained.",
        "Windows 10 users complained.",
        "Boeing 737 passengers waited.",
        "F-35 jets flew over.",
        "COVID-19 patients recovered.",
        "Section 230 cases are pending.",
        "The meeting is on Nov. 29 so staff can prepare.",
        "Call 555-1234 now.",
        "Call +44 20 7946 0958 today.",
        "It starts at 10:30 and ends at 11:45.",
        "The 21st century began.",
        "Jane Doe, 27, and her 3rd place.",
        "a 27-year-old driver",
        "He lives at 221 Baker Street.",
        "Buildings including @1377 Apartments.",
        "the 2019-2020 seasons",
    ],
)
def test_names_dates_times_phones_ordinals_are_no_amounts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "It began 200,000 years ago.",
        "The site is some 2,000 miles away.",
        "It will emit 16 million metric tons of CO2.",
        "Made of 91,000 tons of marble.",
        "millions of years of evolution",
        "She lost 75 pounds on the diet.",
        "Agents found 475 pounds of cocaine.",
        "5 million pounds of beef were recalled.",
        "hundreds of pounds of cocaine",
    ],
)
def test_units_of_measure_and_weight_are_no_amounts(text):
    assert find_amounts(text) == []


def test_rate_denominator_is_no_count():
    assert summary("There were 1,200 cases per 100,000 people.") == [("1,200 cases", 1200.0, None, "count", False)]


def test_phrasal_over_is_no_hedge():
    assert summary("unless you fork over $20 a year") == [("$20", 20.0, "USD", "money", False)]
    assert summary("taking over 100% of sales") == [("100%", 100.0, None, "percent", False)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("north of $5 billion", 5e9),
        ("more than a million people", 1e6),
        ("up to a million chickens", 1e6),
        ("about a dozen workers", 12.0),
        ("some 500 local residents", 500.0),
    ],
)
def test_more_hedges(text, value):
    amount = only(f"Reports said {text} were involved.")
    assert (amount.raw_text, amount.value, amount.is_approximate) == (text, value, True)


@pytest.mark.parametrize(
    "text, currency, kind",
    [
        ("several hundred pounds", "GBP", "money"),
        ("a few million dollars", "USD", "money"),
        ("a few thousand workers", None, "count"),
        ("dozens of people", None, "count"),
        ("tens of thousands of followers", None, "count"),
    ],
)
def test_more_vague_amounts(text, currency, kind):
    amount = only(f"It involved {text}, officials said.")
    assert (amount.raw_text, amount.value, amount.currency, amount.kind, amount.is_approximate) == (
        text, None, currency, kind, True)


# --------------------------------------------------------------------------
# Ranges: one amount, value = lower bound, value_high = upper bound, approximate
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, low, high, currency, kind",
    [
        ("$10-20 million", 1e7, 2e7, "USD", "money"),  # the first number takes the second's scale
        ("$10–20m", 1e7, 2e7, "USD", "money"),
        ("$5m-$10m", 5e6, 1e7, "USD", "money"),
        ("$500m-$1bn", 5e8, 1e9, "USD", "money"),
        ("$5 million to $10 million", 5e6, 1e7, "USD", "money"),
        ("between $2 and $18", 2.0, 18.0, "USD", "money"),
        ("$50 - $100", 50.0, 100.0, "USD", "money"),
        ("10 to 20 million dollars", 1e7, 2e7, "USD", "money"),
        ("USD 30-40 million", 3e7, 4e7, "USD", "money"),
        ("between 5% and 7%", 5.0, 7.0, None, "percent"),
        ("5 to 10 percent", 5.0, 10.0, None, "percent"),
        ("3-5%", 3.0, 5.0, None, "percent"),
        ("between 0 and 0.25 percent", 0.0, 0.25, None, "percent"),
        ("10 to 15 people", 10.0, 15.0, None, "count"),
        ("2,000-3,000 workers", 2000.0, 3000.0, None, "count"),
        ("between 10,000 and 20,000 people", 10_000.0, 20_000.0, None, "count"),
        ("about $10-20 million", 1e7, 2e7, "USD", "money"),
    ],
)
def test_ranges(text, low, high, currency, kind):
    amount = only(f"Estimates put it at {text} this year.")
    assert amount.raw_text == text
    assert (amount.value, amount.value_high, amount.currency, amount.kind) == (low, high, currency, kind)
    assert amount.is_approximate is True


@pytest.mark.parametrize(
    "text, raw",
    [
        ("rose from 60 percent to 75 percent", ["60 percent", "75 percent"]),  # a change, not a range
        ("grew from $5m to $10m", ["$5m", "$10m"]),
        ("fell 10% to 5%", ["10%", "5%"]),  # bounds must ascend
        ("$5 million to €10 million", ["$5 million", "€10 million"]),  # two currencies
        ("5% and 7%", ["5%", "7%"]),  # "and" only after "between"
        ("in 2019 to 5%", ["5%"]),
    ],
)
def test_not_ranges(text, raw):
    amounts = find_amounts(text)
    assert [a.raw_text for a in amounts] == raw
    assert all(a.value_high is None for a in amounts)


def test_single_amounts_have_no_upper_bound():
    assert only("$5 million").value_high is None


def test_an_amount_never_spans_a_line_break():
    assert find_amounts("He said 5 million\npeople came.") == []
    assert summary("Line one.\n\nIt cost $5 million.\nNext: 12%") == [
        ("$5 million", 5e6, "USD", "money", False),
        ("12%", 12.0, None, "percent", False),
    ]


@pytest.mark.parametrize(
    "text, value, currency, kind",
    [
        ("a quarter of a million dollars", 2.5e5, "USD", "money"),
        ("three-quarters of a billion dollars", 7.5e8, "USD", "money"),
        ("two and a half billion euros", 2.5e9, "EUR", "money"),
        ("A quarter of a million people", 2.5e5, None, "count"),
        ("one and a half million people", 1.5e6, None, "count"),
    ],
)
def test_fractions_of_a_scale_word(text, value, currency, kind):
    amount = only(f"{text} were at stake.")
    assert (amount.raw_text, amount.value, amount.currency, amount.kind) == (text, value, currency, kind)


@pytest.mark.parametrize(
    "text, value, currency",
    [("99¢", 0.99, "USD"), ("50 cents", 0.5, "USD"), ("450p", 4.5, "GBP"), ("50 pence", 0.5, "GBP")],
)
def test_coins_are_hundredths_of_the_currency(text, value, currency):
    amount = only(f"A loaf now costs {text} more.")
    assert (amount.raw_text, amount.value, amount.currency, amount.kind) == (text, value, currency, "money")


@pytest.mark.parametrize("text", ["streamed in 720p", "in 1080p HD", "at 4p.m. on Friday", "50 Cent played a set"])
def test_resolutions_times_and_rappers_are_no_coins(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    "text, raw, values",
    [
        ("raised rates by 0.25 percentage point to 5.5%", ["0.25 percentage point", "5.5%"], [0.25, 5.5]),
        ("up 2 percentage points to 40 percent", ["2 percentage points", "40 percent"], [2.0, 40.0]),
        ("the vote split 52%-48% for leaving", ["52%", "48%"], [52.0, 48.0]),  # never -48%
        ("the vote split 52-48% for leaving", ["52", "48%"], [52.0, 48.0]),  # a split written once
        ("a 60–40 percent majority", ["60", "40 percent"], [60.0, 40.0]),
        ("polls put it at 45-42% for now", ["45", "42%"], [45.0, 42.0]),
    ],
)
def test_a_change_in_points_then_a_level_and_a_split_are_two_percentages(text, raw, values):
    amounts = find_amounts(text)
    assert [a.raw_text for a in amounts] == raw
    assert [a.value for a in amounts] == values
    assert all(a.value_high is None for a in amounts)


@pytest.mark.parametrize(
    "text, raw",
    [("rose 70-45% in a year", []), ("fell 2020-19% short", []), ("grew from 10 to 5% a year", ["5%"])],
)
def test_descending_bounds_that_cannot_be_shares_are_no_split(text, raw):
    """Shares of one whole add up to 100 at most, and "to" writes a change, not a split."""
    assert [a.raw_text for a in find_amounts(text)] == raw
