"""Find amounts (money, percentages, counts) stated in English news text.

Pure module: no I/O, no NLP models; only ``re`` and ``dataclasses``.

    >>> [a.raw_text for a in find_amounts("Sales rose 5% to about $1.5bn.")]
    ['5%', 'about $1.5bn']

What is recognised
------------------
* money    -- ``$500 billion``, ``US$5 million``, ``€20bn``, ``Rs 500 crore``,
              ``USD 30 million``, ``500 million dollars``, ``20 billion euros``
* percent  -- ``5%``, ``5.5 percent``, ``12 per cent``, ``2 percentage points``
* count    -- a number followed by a plural noun, if the number has a scale
              word (``3 million people``) or is at least 1,000
              (``1,200 jobs``).  The noun is part of ``raw_text``.
* vague    -- ``hundreds of millions of dollars`` (money) or
              ``thousands of people`` (count): ``value`` is None and the
              amount is approximate.
* hedges   -- ``about``, ``nearly``, ``more than``, ``an estimated`` ... in
              front of an amount are included in ``raw_text`` and set
              ``is_approximate``.

How it works
------------
Each shape of amount has one regex (the ``*_PATTERN`` constants), composed
from a few named pieces (``NUMBER``, ``QUANTITY``, ``HEDGE``, ...) that are
in turn built from the word tables below.  Every pattern is run over the
whole text; each hit goes through a small ``_build_*`` function that computes
the value and can veto it (e.g. bare years).  Overlapping hits are then
resolved leftmost-longest: the earliest start wins, then the longest span,
then money > percent > count.

Deliberately not supported (see the tests for the exact behaviour)
------------------------------------------------------------------
* spelled-out numbers (``two million people``, ``a billion dollars``,
  ``half a billion``) and ``several/a few million dollars``;
* ranges (``$5-10 million`` and ``3-5%`` give nothing; ``$5m-$10m`` gives
  both ends) and signs (``-5%`` gives 5.0);
* a scaled number with no noun or currency (``a population of 3 million.``);
* currency symbols written after the number (``20 €``);
* a detached one-letter scale (``$5 m`` gives ``$5``; ``$5m``, ``$5 bn``
  and ``$5 million`` work);
* ambiguity: ``$`` is always USD, ``¥`` always JPY, ``Rs`` always INR,
  and ``pounds`` always GBP (``300 pounds`` of weight is read as money).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Amount:
    raw_text: str  # exactly text[char_start:char_end]
    char_start: int
    char_end: int
    value: float | None  # money: currency units; percent: points; count: items
    currency: str | None  # ISO 4217 code for money, else None
    kind: str  # "money" | "percent" | "count"
    is_approximate: bool


# --------------------------------------------------------------------------
# Word tables
# --------------------------------------------------------------------------

# Scale words, as powers of ten.  Full words follow the number after a space
# or hyphen ("5 million", "5-million"); abbreviations are attached to it
# ("5m", "3.2B"), or for two- and three-letter ones also after a space ("1.5 bn").
SCALE_WORDS = {
    "thousand": 3,
    "lakh": 5,
    "lakhs": 5,
    "million": 6,
    "crore": 7,
    "crores": 7,
    "billion": 9,
    "trillion": 12,
}
SCALE_ABBREVIATIONS = {
    "k": 3,
    "m": 6,
    "mn": 6,
    "mln": 6,
    "b": 9,
    "bn": 9,
    "tn": 12,
    "trn": 12,
}

# Written before the number ("$5", "US$5", "Rs 500", "USD 30").  Case-sensitive.
CURRENCY_PREFIXES = {
    "$": "USD",
    "US$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "S$": "SGD",
    "NZ$": "NZD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₩": "KRW",
    "RMB": "CNY",
}
# fmt: off
# ISO codes may stand before or after the number ("USD 30m", "30m USD").
CURRENCY_CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "AUD", "CAD", "CHF",
    "HKD", "SGD", "NZD", "KRW", "BRL", "RUB", "ZAR", "MXN",
)
# Written after the number ("500 million dollars").  Case-insensitive; a
# plural "s" is optional.  Spaces match any whitespace.
CURRENCY_WORDS = {
    "dollar": "USD",
    "US dollar": "USD",
    "U.S. dollar": "USD",
    "American dollar": "USD",
    "Australian dollar": "AUD",
    "Canadian dollar": "CAD",
    "Hong Kong dollar": "HKD",
    "Singapore dollar": "SGD",
    "New Zealand dollar": "NZD",
    "euro": "EUR",
    "pound": "GBP",
    "pounds sterling": "GBP",
    "pound sterling": "GBP",
    "British pound": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "Indian rupee": "INR",
    "Swiss franc": "CHF",
    "rouble": "RUB",
    "ruble": "RUB",
}

# Words in front of an amount that make it approximate (or a bound).
HEDGE_WORDS = (
    "about", "around", "approximately", "approx.", "roughly", "some",
    "nearly", "almost", "close to", "circa",
    "more than", "less than", "fewer than", "over", "under",
    "just over", "just under", "well over", "well under",
    "at least", "at most", "up to", "upwards of", "in excess of",
    "as much as", "as many as", "estimated", "an estimated",
)

# Vague multiples: "(tens of) thousands of ...".
VAGUE_PREFIXES = ("tens", "hundreds", "dozens")
VAGUE_WORDS = ("hundreds", "thousands", "millions", "billions", "trillions")

# Plural nouns not ending in "s", and "s"-words that are not plural nouns.
IRREGULAR_PLURALS = (
    "people", "children", "men", "women", "staff", "personnel",
    "police", "cattle", "livestock", "data",
)
S_WORDS_NOT_PLURAL = (
    "as", "was", "has", "its", "yes", "does", "always", "perhaps",
    "whereas", "towards", "afterwards",
)
# Function words that cannot sit between a number and its noun.
FUNCTION_WORDS = (
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "and", "or", "but", "than", "per", "as", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "its", "their", "his",
    "her", "our", "this", "that", "these", "those", "who", "which",
)
# fmt: on


def _alternation(options) -> str:
    """Regex matching any of the literal options, longest first.

    A space in an option matches any run of whitespace.
    """
    ordered = sorted(options, key=len, reverse=True)
    return "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in ordered)


# --------------------------------------------------------------------------
# Regex pieces (all patterns are compiled with re.IGNORECASE)
# --------------------------------------------------------------------------

# Not inside a word or number, and not right after a currency symbol.
START = r"(?<![\w.,$€£¥₹])"

# 5 | 5.5 | 1,250,000 | 1,00,000 (Indian grouping) -- never stopping
# mid-number, and never the tail of "COVID-19" or "737-800".
NUMBER = (
    r"(?<!\w[-–])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]+)"
    r"(?:\.[0-9]+)?(?![.,]?[0-9])"
)

# A number with an optional scale: "5", "5m", "1.5 bn", "5 million",
# "5-million", "5 lakh crore".  One-letter abbreviations must touch the
# number.  The start of a range ("5-10") is not a quantity.
SCALE = rf"(?:{_alternation(SCALE_WORDS)})\b"
SCALE_ABBREVIATION = (
    rf"\s?(?:{_alternation(a for a in SCALE_ABBREVIATIONS if len(a) > 1)})"
    rf"|(?:{_alternation(a for a in SCALE_ABBREVIATIONS if len(a) == 1)})"
)
QUANTITY = (
    rf"(?P<num>{NUMBER})"
    rf"(?:(?P<abbr>{SCALE_ABBREVIATION})\b"
    rf"|(?:\s+|-)(?P<scale>{SCALE}(?:\s+{SCALE})?))?"
    r"(?!\w)(?![-–][0-9])"
)

HEDGE = rf"(?P<hedge>(?<!\w)(?:{_alternation(HEDGE_WORDS)})\s+|~\s?)"

CURRENCY_PREFIX = rf"(?-i:{_alternation([*CURRENCY_PREFIXES, *CURRENCY_CODES])})"
CURRENCY_WORD = rf"(?:(?:{_alternation(CURRENCY_WORDS)})s?|(?-i:{_alternation(CURRENCY_CODES)}))\b"

PLURAL_NOUN = (
    rf"(?:{_alternation(IRREGULAR_PLURALS)}"
    rf"|(?!(?:{_alternation(S_WORDS_NOT_PLURAL)})\b)[a-z]{{2,}}s(?<!ss)(?<!us)(?<!is))\b"
)
# Up to two modifiers between number and noun ("1,200 new full-time jobs");
# lazy, so the first plural noun ends the phrase ("230 million units beat estimates").
MODIFIER = rf"(?!(?:{_alternation(FUNCTION_WORDS)})\b)[a-z]+(?:-[a-z]+)*"
NOUN_PHRASE = rf"(?:{MODIFIER}\s+){{0,2}}?(?P<noun>{PLURAL_NOUN})"

PERCENT_SIGN = r"(?:%|(?:percentage\s+points?|percent|per\s?cent|pct)\b)"
VAGUE_QUANTITY = rf"(?:(?:{_alternation(VAGUE_PREFIXES)})\s+of\s+)?(?:{_alternation(VAGUE_WORDS)})"

# --------------------------------------------------------------------------
# Patterns, one per shape of amount
# --------------------------------------------------------------------------

MONEY_PREFIXED_PATTERN = rf"{START}{HEDGE}?(?P<cur>{CURRENCY_PREFIX})\s?{QUANTITY}"
MONEY_SUFFIXED_PATTERN = rf"{START}{HEDGE}?{QUANTITY}\s+(?P<curword>{CURRENCY_WORD})"
PERCENT_PATTERN = rf"{START}{HEDGE}?(?P<num>{NUMBER})\s?{PERCENT_SIGN}"
COUNT_PATTERN = rf"{START}{HEDGE}?{QUANTITY}\s+{NOUN_PHRASE}"
VAGUE_PATTERN = rf"{START}{VAGUE_QUANTITY}\s+of\s+(?:(?P<curword>{CURRENCY_WORD})|{NOUN_PHRASE})"


# --------------------------------------------------------------------------
# Turning matches into Amounts
# --------------------------------------------------------------------------


def _lookup(table: dict, word: str, plural: bool = False):
    """``table[word]``, comparing words the way the patterns do.

    That is case-insensitively, with any whitespace for a space, and with an
    optional plural "s" if ``plural``.  (Plain ``word.lower()`` is not enough:
    under re.IGNORECASE "ı" matches "i" and "ſ" matches "s".)
    """
    suffix = "s?" if plural else ""
    for key, value in table.items():
        if re.fullmatch(_alternation([key]) + suffix, word.strip(), re.IGNORECASE):
            return value
    raise KeyError(word)


def _currency_from_word(word: str) -> str:
    if word in CURRENCY_CODES:
        return word
    return _lookup(CURRENCY_WORDS, word, plural=True)


def _has_scale(m: re.Match) -> bool:
    return bool(m["abbr"] or m["scale"])


def _number(m: re.Match) -> float:
    """The matched number times its scale, e.g. "1.5bn" -> 1.5e9."""
    if m["abbr"]:
        exponent = _lookup(SCALE_ABBREVIATIONS, m["abbr"])
    else:
        exponent = sum(_lookup(SCALE_WORDS, w) for w in (m["scale"] or "").split())
    # Parse "1.5e9" rather than computing 1.5 * 1e9, so 3.2bn is exactly 3.2e9.
    return float(f"{m['num'].replace(',', '')}e{exponent}")


def _is_bare_year(m: re.Match) -> bool:
    """True for an unscaled 4-digit number in 1900-2100 ("2018 results")."""
    num = m["num"]
    return not _has_scale(m) and len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100


def _amount(m: re.Match, value, currency, kind, approximate=None) -> Amount:
    if approximate is None:
        approximate = m["hedge"] is not None
    return Amount(m[0], m.start(), m.end(), value, currency, kind, approximate)


def _build_money_prefixed(m: re.Match) -> Amount | None:
    cur = m["cur"]
    currency = cur if cur in CURRENCY_CODES else CURRENCY_PREFIXES[cur]
    return _amount(m, _number(m), currency, "money")


def _build_money_suffixed(m: re.Match) -> Amount | None:
    if _is_bare_year(m):  # "in 2020 dollars"
        return None
    return _amount(m, _number(m), _currency_from_word(m["curword"]), "money")


def _build_percent(m: re.Match) -> Amount | None:
    return _amount(m, float(m["num"].replace(",", "")), None, "percent")


def _build_count(m: re.Match) -> Amount | None:
    value = _number(m)
    if _is_bare_year(m) or (not _has_scale(m) and value < 1000):  # "6 picks"
        return None
    return _amount(m, value, None, "count")


def _build_vague(m: re.Match) -> Amount | None:
    if m["curword"]:
        return _amount(m, None, _currency_from_word(m["curword"]), "money", True)
    return _amount(m, None, None, "count", True)


_RULES = [
    (re.compile(pattern, re.IGNORECASE), build)
    for pattern, build in (
        (MONEY_PREFIXED_PATTERN, _build_money_prefixed),
        (MONEY_SUFFIXED_PATTERN, _build_money_suffixed),
        (VAGUE_PATTERN, _build_vague),
        (PERCENT_PATTERN, _build_percent),
        (COUNT_PATTERN, _build_count),
    )
]
_KIND_PRIORITY = {"money": 0, "percent": 1, "count": 2}


def find_amounts(text: str) -> list[Amount]:
    """All amounts in ``text``, sorted by ``char_start`` and non-overlapping.

    Overlaps are resolved leftmost-longest: the earliest start wins, then the
    longest span, then money over percent over count.
    """
    candidates = [
        amount for pattern, build in _RULES for m in pattern.finditer(text) if (amount := build(m)) is not None
    ]
    candidates.sort(key=lambda a: (a.char_start, -(a.char_end - a.char_start), _KIND_PRIORITY[a.kind]))
    chosen: list[Amount] = []
    for amount in candidates:
        if not chosen or amount.char_start >= chosen[-1].char_end:
            chosen.append(amount)
    return chosen
