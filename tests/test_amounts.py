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
        "In 2019, the firm had 500 employees.",
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


def test_ranges_are_not_half_matched():
    assert find_amounts("$5-10 million") == []
    assert find_amounts("rose 3-5%") == []
    assert [a.raw_text for a in find_amounts("$5 million-$10 million")] == [
        "$5 million",
        "$10 million",
    ]


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
