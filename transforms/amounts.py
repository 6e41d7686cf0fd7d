"""Find amounts (money, percentages, counts) stated in English news text.

Pure module: no I/O, no NLP models; only ``re`` and ``dataclasses``.

    >>> [a.raw_text for a in find_amounts("Sales rose 5% to about $1.5bn.")]
    ['5%', 'about $1.5bn']

What is recognised
------------------
* money    -- ``$500 billion``, ``US$5 million``, ``€20bn``, ``£3bn``, ``$2.5M``,
              ``Rs 500 crore``, ``USD 30 million``, ``500 million dollars``,
              ``5 million euros``, ``1.2 trillion yen``, ``a billion dollars``,
              ``two million euros``, ``half a billion dollars``,
              ``a quarter of a million dollars``, ``two and a half billion
              euros``; coins: ``99¢``, ``50 cents``, ``450p``, ``50 pence``
              (a hundredth of USD or GBP; not ``720p`` or ``50 Cent``)
* percent  -- ``5%``, ``5.5 percent``, ``12 per cent``, ``2 percentage points``,
              ``Sixty-six percent``, ``-1.0 percent``
* count    -- a number followed by a plural noun (the noun is part of
              ``raw_text``), if the number has a scale word (``3 million
              people``, ``two million people``), or is at least 1,000
              (``1,200 jobs``), or the noun is one news counts (``COUNT_NOUNS``:
              ``12 people``, ``500 employees``, ``a dozen workers``).
* ranges   -- ``$10-20 million``, ``$5m-$10m``, ``between $2 and $18``,
              ``between 5% and 7%``, ``3-5%``, ``5 to 10 percent``,
              ``10 to 15 people``: ONE amount whose ``value`` is the LOWER bound
              and ``value_high`` the upper bound; it is approximate.  An
              unscaled first number takes the second's scale (``$10-20 million``
              is 10e6 to 20e6).  "from X to Y" is a change, not a range: two
              amounts; so is "rose 0.25 percentage point to 5.5%" (a change in
              points, then a level).  The bounds must ascend: ``52%-48%`` is
              two percentages, never ``-48%``; so is a split written once
              (``52-48%``, ``60-40 percent``: descending shares that add up
              to at most 100), the first one ``52``.
* vague    -- ``hundreds of millions of dollars`` (money), ``thousands of
              people``, ``tens of thousands of followers``, ``dozens of people``
              (count), ``several hundred pounds``, ``a few thousand workers``:
              ``value`` is None and the amount is approximate.
* hedges   -- ``about``, ``nearly``, ``more than``, ``an estimated``,
              ``north of`` ... in front of an amount are included in
              ``raw_text`` and set ``is_approximate``; the value is the number
              stated (a bound for "more than", "up to").

``value`` is in units: currency units for money (``$1.5bn`` is 1.5e9), percent
points for percent (``12%`` is 12.0), items for counts.  ``currency`` is the
ISO 4217 code.

How it works
------------
Each shape of amount has one regex (the ``*_PATTERN`` constants), composed
from a few named pieces (``NUMBER``, ``QUANTITY``, ``HEDGE``, ...) that are
in turn built from the word tables below.  Every pattern is run over each
line of the text that holds a digit or a number word (an amount never spans
a line break); each hit goes through a small ``_build_*`` function that
computes the value and can veto it (e.g. bare years).  Overlapping hits are then
resolved leftmost-longest: the earliest start wins, then the longest span,
then money > percent > count.

What is not an amount
---------------------
* years (``in 2020``, ``2019-2020 seasons``), dates, times (``10:30``),
  phone numbers, ordinals (``21st``), ``@handles``, ``#tags``;
* model numbers and names: a number glued to a word (``COVID-19``, ``F-35``,
  ``A380s``) or, for a count under 1,000, right after a capitalised word or a
  month (``iPhone 12 users``, ``Windows 10 users``, ``Nov. 29 staff``) or
  before a capitalised noun (``10 People Who ...``);
* units of measure and time (``200,000 years``, ``16 million metric tons``,
  ``75 pounds`` of weight, ``5,000 miles``): the schema has no kind for them;
* rate denominators (``25 cases per 100,000 people``);
* ``pounds`` without a scale word (``lost 75 pounds``) or followed by "of"
  (``5 million pounds of beef``) is weight; ``£`` and ``5 million pounds``
  are money.

Deliberately not supported (see the tests for the exact behaviour)
------------------------------------------------------------------
* spelled-out numbers without a scale word in counts (``two men``, ``three
  streets``: too common in prose to be a stated figure); ``a dozen`` and
  ``two dozen`` are supported for the nouns in ``COUNT_NOUNS``;
* a scaled number with no noun or currency (``a population of 3 million.``);
* currency symbols written after the number (``20 €``, ``10$``);
* a detached one-letter scale (``$5 m`` gives ``$5``; ``$5m``, ``$5 bn``
  and ``$5 million`` work);
* ambiguity: ``$`` is always USD, ``¥`` always JPY, ``Rs`` always INR, ``¢``
  and "cents" always USD cents, ``p`` and "pence" always GBP pence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Amount:
    raw_text: str  # exactly text[char_start:char_end]
    char_start: int
    char_end: int
    value: float | None  # money: currency units; percent: points; count: items. A range's lower bound
    currency: str | None  # ISO 4217 code for money, else None
    kind: str  # "money" | "percent" | "count"
    is_approximate: bool
    value_high: float | None = None  # a range's upper bound; None for a single amount


# --------------------------------------------------------------------------
# Word tables
# --------------------------------------------------------------------------

# Scale words, as powers of ten.  Full words follow the number after a space
# or hyphen ("5 million", "5-million"); abbreviations are attached to it
# ("5m", "3.2B"), or for two- and three-letter ones also after a space ("1.5 bn").
SCALE_WORDS = {
    "hundred": 2,
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
# Spelled-out numbers, used before a scale word ("two million", "forty-five
# thousand") and before "percent" ("Sixty-six percent").
WORD_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
WORD_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Only before a scale word: "a million people", "half a billion dollars", "a quarter of a million dollars",
# "one and a half million people".
ARTICLE_NUMBERS = {
    "a": 1, "an": 1, "half a": 0.5, "a half": 0.5, "half of a": 0.5,
    "a quarter of a": 0.25, "quarter of a": 0.25, "three quarters of a": 0.75, "three-quarters of a": 0.75,
    "a third of a": 1 / 3, "one third of a": 1 / 3, "two thirds of a": 2 / 3, "two-thirds of a": 2 / 3,
    "one-third of a": 1 / 3,
    **{f"{word} and a half": value + 0.5 for word, value in WORD_UNITS.items() if 1 <= value <= 9},
}  # fmt: skip

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

# Coins written after the number: "99¢", "99 cents", "450p", "50 pence" (a hundredth of the currency unit).
MINOR_UNITS = {"¢": "USD", "cent": "USD", "cents": "USD", "p": "GBP", "pence": "GBP", "penny": "GBP"}
# "720p" is a video resolution, not pence
VIDEO_LINES = ("144", "240", "360", "480", "576", "720", "1080", "1440", "2160", "4320")

# Words in front of an amount that make it approximate (or a bound).
HEDGE_WORDS = (
    "about", "around", "approximately", "approx.", "roughly", "some",
    "nearly", "almost", "close to", "circa", "an estimated", "estimated",
    "more than", "less than", "fewer than", "over", "under", "above", "below",
    "just over", "just under", "well over", "well under", "north of",
    "at least", "at most", "up to", "upwards of", "upward of", "in excess of",
    "as much as", "as many as", "as little as", "as few as",
)
# "over" is no hedge after these verbs ("fork over $20", "taking over 100%").
PHRASAL_OVER_VERBS = (
    "fork", "forks", "forked", "forking", "hand", "hands", "handed", "handing",
    "take", "takes", "took", "taken", "taking", "turn", "turns", "turned", "turning",
    "pass", "passed", "passing", "hold", "held", "carry", "carried",
)

# Vague multiples: "(tens of) thousands of ...", "several hundred ...".
VAGUE_PREFIXES = ("tens", "hundreds", "dozens")
VAGUE_WORDS = ("dozens", "hundreds", "thousands", "millions", "billions", "trillions")
FEW_WORDS = ("several", "a few", "a couple of")

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
    "so", "not", "no", "if", "when", "then", "there", "here", "will",
    "would", "can", "could", "should", "may", "might", "must", "do", "did",
)
# Nouns that make a count of any size ("12 people", "10 to 15 people"); other
# nouns need a scale word or at least 1,000 ("6 picks" is no stated figure).
COUNT_NOUNS = (
    "people", "persons", "men", "women", "children", "kids", "adults", "babies",
    "workers", "employees", "staff", "staffers", "jobs", "personnel",
    "soldiers", "troops", "officers", "civilians", "fighters", "militants",
    "students", "teachers", "doctors", "nurses", "patients",
    "victims", "deaths", "casualties", "injuries", "cases", "infections", "fatalities",
    "passengers", "residents", "migrants", "refugees", "immigrants", "protesters", "demonstrators",
    "voters", "users", "customers", "subscribers", "members", "households", "families", "homes",
)
# Units of measure and time: a number of them is no count.
UNIT_NOUNS = (
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades",
    "centuries", "nights", "mornings", "weekends", "times",
    "miles", "kilometres", "kilometers", "kms", "metres", "meters", "feet", "inches",
    "yards", "acres", "hectares", "tons", "tonnes", "kilos", "kilograms", "grams",
    "pounds", "ounces", "litres", "liters", "gallons", "barrels", "degrees",
    "calories", "watts", "kilowatts", "megawatts", "gigawatts", "bytes",
    "megabytes", "gigabytes", "terabytes", "mph",
)
# Capitalised words that may stand right before a count ("The 500 employees",
# "About 1,000 Marines"); any other capitalised word there makes the number
# part of a name ("iPhone 12 users", "Boeing 737 jets").
CAPITALISED_BEFORE_COUNT = (
    "the", "a", "an", "and", "but", "or", "of", "in", "on", "at", "for", "with", "by", "from", "to",
    "all", "only", "just", "another", "those", "these", "its", "their", "his", "her", "our", "my", "your",
    "last", "this", "that", "some", "about", "around", "nearly", "almost", "over", "more", "roughly",
    "approximately", "up", "at", "least", "since", "after", "before", "when", "while", "if", "as", "so",
    "then", "now", "today", "yesterday", "including", "among", "between", "both", "out", "than",
)
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)
# Words right before "pounds" that make it weight.
WEIGHT_VERBS = ("lost", "lose", "loses", "losing", "gained", "gain", "gains", "gaining",
                "weigh", "weighs", "weighed", "weighing")
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

# Not inside a word or number, not right after a currency symbol, and not in
# a handle, tag, time, path or phone number ("@1377", "#5", "10:30", "+44").
START = r"(?<![\w.,$€£¥₹@#:/+])"

# 5 | 5.5 | 1,250,000 | 1,00,000 (Indian grouping) -- never stopping
# mid-number, and never the tail of "COVID-19" or "737-800".
NUMBER_BODY = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]+)(?:\.[0-9]+)?(?![.,]?[0-9])"
NUMBER = rf"(?<!\w[-–]){NUMBER_BODY}"
_UNITS_1_9 = _alternation(w for w, v in WORD_UNITS.items() if 1 <= v <= 9)
WORD_NUMBER = (
    rf"(?:(?:{_alternation(WORD_TENS)})(?:[-\s](?:{_UNITS_1_9}))?|(?:{_alternation(WORD_UNITS)}))(?![\w-])"
)
ARTICLE_NUMBER = rf"(?:{_alternation(ARTICLE_NUMBERS)})"
DOZEN = rf"(?:a\s+half-dozen|half\s+a\s+dozen|a\s+dozen|(?P<dozens>{WORD_NUMBER})\s+dozen)"

SCALE = rf"(?:{_alternation(SCALE_WORDS)})\b"
SCALE_ABBREVIATION = (
    rf"\s?(?:{_alternation(a for a in SCALE_ABBREVIATIONS if len(a) > 1)})"
    rf"|(?:{_alternation(a for a in SCALE_ABBREVIATIONS if len(a) == 1)})"
)


def _quantity(tag: str = "", range_start: bool = False, dozen: bool = False) -> str:
    """A number with an optional scale: "5", "5m", "1.5 bn", "5 million", "5-million", "5 lakh crore", or a
    spelled-out number with a scale: "two million", "a billion", "half a billion".

    Groups are suffixed with ``tag`` so that a range can hold two quantities. The start of a range ("5-10")
    is not a quantity, unless ``range_start``. ``dozen`` also allows "a dozen" (only counts use it).
    """
    scale = rf"{SCALE}(?:\s+{SCALE})?"
    number = NUMBER_BODY if tag else NUMBER  # a range's second number follows its "-"
    digits = rf"(?P<num{tag}>{number})(?:(?P<abbr{tag}>{SCALE_ABBREVIATION})\b|(?:\s+|-)(?P<scale{tag}>{scale}))?"
    words = rf"(?P<wnum{tag}>{WORD_NUMBER}|{ARTICLE_NUMBER})(?:\s+|-)(?P<wscale{tag}>{scale})"
    alternatives = [digits, words]
    if dozen:
        alternatives.append(rf"(?P<dozen{tag}>{DOZEN})")
    end = r"(?!\w)" if range_start else r"(?!\w)(?![-–][0-9])"
    return rf"(?:{'|'.join(alternatives)}){end}"


QUANTITY = _quantity()

HEDGE = rf"(?P<hedge>(?<!\w)(?:{_alternation(HEDGE_WORDS)})\s+|~\s?)"
# A range's opening: "between", or a hedge ("about $10-20 million").
RANGE_OPEN = rf"(?:(?P<between>between\s+)|{HEDGE})?"
# "5-10", "5 - 10", "5 to 10", "5 and 10" (the last only after "between").
RANGE_SEP = r"(?P<sep>[ \u00a0]?[-–—][ \u00a0]?|\s+to\s+|\s+and\s+)"

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
PERCENT_WORD_SIGN = r"(?:percentage\s+points?|percent|per\s?cent)\b"
# A minus sign right before a percentage: "-1.0 percent" (not the "-" of a range, "3-5%").
SIGN = r"(?P<sign>(?<![\w%])[-−](?=[0-9]))?"  # not the "-" of "52%-48%"
VAGUE_QUANTITY = rf"(?:(?:{_alternation(VAGUE_PREFIXES)})\s+of\s+)?(?:{_alternation(VAGUE_WORDS)})"
FEW_QUANTITY = rf"(?:{_alternation(FEW_WORDS)})\s+{SCALE}(?:\s+{SCALE})?"

# --------------------------------------------------------------------------
# Patterns, one per shape of amount
# --------------------------------------------------------------------------

MONEY_PREFIXED_PATTERN = rf"{START}{HEDGE}?(?P<cur>{CURRENCY_PREFIX})\s?{QUANTITY}"
MONEY_SUFFIXED_PATTERN = rf"{START}{HEDGE}?{QUANTITY}\s+(?P<curword>{CURRENCY_WORD})"
PERCENT_PATTERN = (
    rf"{START}{HEDGE}?(?:{SIGN}(?P<num>{NUMBER})\s?{PERCENT_SIGN}|(?P<wnum>{WORD_NUMBER})\s+{PERCENT_WORD_SIGN})"
)
COUNT_PATTERN = rf"{START}{HEDGE}?{_quantity(dozen=True)}\s+{NOUN_PHRASE}"
# lower case only: "50 Cent" is a rapper
MINOR_UNIT_PATTERN = (
    rf"{START}{HEDGE}?(?P<num>{NUMBER})"
    r"(?-i:\s?(?P<sign>¢)|(?P<letter>p)(?!\.?m\b)|\s+(?P<word>cents?|pence|penny))(?!\w)"
)
VAGUE_PATTERN = (
    rf"{START}{HEDGE}?(?:{VAGUE_QUANTITY}\s+of|(?P<few>{FEW_QUANTITY}))"
    rf"\s+(?:(?P<curword>{CURRENCY_WORD})|{NOUN_PHRASE})"
)
MONEY_PREFIXED_RANGE_PATTERN = (
    rf"{START}{RANGE_OPEN}(?P<cur>{CURRENCY_PREFIX})\s?{_quantity(range_start=True)}"
    rf"{RANGE_SEP}(?:(?P<cur2>{CURRENCY_PREFIX})\s?)?{_quantity('2')}"
)
MONEY_SUFFIXED_RANGE_PATTERN = (
    rf"{START}{RANGE_OPEN}{_quantity(range_start=True)}{RANGE_SEP}{_quantity('2')}\s+(?P<curword>{CURRENCY_WORD})"
)
PERCENT_RANGE_PATTERN = (
    rf"{START}{RANGE_OPEN}(?P<num>{NUMBER})(?P<pct1>\s?{PERCENT_SIGN})?{RANGE_SEP}(?P<num2>{NUMBER_BODY})\s?{PERCENT_SIGN}"
)
COUNT_RANGE_PATTERN = rf"{START}{RANGE_OPEN}{_quantity(range_start=True)}{RANGE_SEP}{_quantity('2')}\s+{NOUN_PHRASE}"


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


def _word_value(words: str) -> float:
    """ "sixty-six" -> 66, "a" -> 1, "half a" -> 0.5."""
    if re.fullmatch(ARTICLE_NUMBER, words.strip(), re.IGNORECASE):
        return _lookup(ARTICLE_NUMBERS, words)
    total = 0
    for part in re.split(r"[-\s]+", words.strip()):
        table = WORD_TENS if re.fullmatch(_alternation(WORD_TENS), part, re.IGNORECASE) else WORD_UNITS
        total += _lookup(table, part)
    return total


def _currency_from_word(word: str) -> str:
    if word in CURRENCY_CODES:
        return word
    return _lookup(CURRENCY_WORDS, word, plural=True)


def _group(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)


def _exponent(m: re.Match, tag: str = "") -> int | None:
    """The power of ten of the quantity's scale; None when it has none."""
    if abbr := _group(m, f"abbr{tag}"):
        return _lookup(SCALE_ABBREVIATIONS, abbr)
    scale = _group(m, f"scale{tag}") or _group(m, f"wscale{tag}")
    if scale:
        return sum(_lookup(SCALE_WORDS, w) for w in scale.split())
    return None


def _has_scale(m: re.Match, tag: str = "") -> bool:
    return _exponent(m, tag) is not None


def _number(m: re.Match, tag: str = "", exponent: int | None = None) -> float:
    """The matched number times its scale (or ``exponent`` when it has none), e.g. "1.5bn" -> 1.5e9."""
    own = _exponent(m, tag)
    exponent = own if own is not None else (exponent or 0)
    if num := _group(m, f"num{tag}"):
        # Parse "1.5e9" rather than computing 1.5 * 1e9, so 3.2bn is exactly 3.2e9.
        return float(f"{num.replace(',', '')}e{exponent}")
    if dozen := _group(m, f"dozen{tag}"):
        if dozens := _group(m, "dozens"):
            return _word_value(dozens) * 12.0
        return 6.0 if "half" in dozen.lower() else 12.0
    return float(f"{_word_value(m[f'wnum{tag}'])}e{exponent}")


def _is_bare_year(m: re.Match, tag: str = "") -> bool:
    """True for an unscaled 4-digit number in 1900-2100 ("2018 results")."""
    num = _group(m, f"num{tag}")
    return bool(num) and not _has_scale(m, tag) and len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100


def _word_before(m: re.Match, position: int | None = None) -> str:
    """The word right before the match (or before ``position``), "" when none."""
    before = re.search(r"(\S+)\s+$", m.string[: m.start() if position is None else position])
    return before.group(1) if before else ""


def _start(m: re.Match) -> int:
    """Where the amount starts: after a hedge that is none ("fork over $20")."""
    hedge = _group(m, "hedge")
    if hedge and hedge.strip().lower() == "over" and _word_before(m).lower() in PHRASAL_OVER_VERBS:
        return m.end("hedge")
    return m.start()


def _amount(m: re.Match, value, currency, kind, approximate=None, value_high=None) -> Amount:
    start = _start(m)
    if approximate is None:
        approximate = _group(m, "hedge") is not None and start == m.start()
    return Amount(m.string[start : m.end()], start, m.end(), value, currency, kind, approximate, value_high)


def _is_weight(m: re.Match, scaled: bool) -> bool:
    """ "lost 75 pounds", "475 pounds of cocaine": pounds of weight, not money."""
    if not re.fullmatch(r"pounds?", (_group(m, "curword") or "").strip(), re.IGNORECASE):
        return False
    if re.match(r"\s+of\b", m.string[m.end() :]) or _word_before(m).lower() in WEIGHT_VERBS:
        return True
    return not scaled


def _build_money_prefixed(m: re.Match) -> Amount | None:
    cur = m["cur"]
    currency = cur if cur in CURRENCY_CODES else CURRENCY_PREFIXES[cur]
    return _amount(m, _number(m), currency, "money")


def _build_money_suffixed(m: re.Match) -> Amount | None:
    if _is_bare_year(m) or _is_weight(m, _has_scale(m)):  # "in 2020 dollars", "lost 75 pounds"
        return None
    return _amount(m, _number(m), _currency_from_word(m["curword"]), "money")


def _build_percent(m: re.Match) -> Amount | None:
    if m["wnum"]:
        return _amount(m, float(_word_value(m["wnum"])), None, "percent")
    value = float(m["num"].replace(",", ""))
    return _amount(m, -value if m["sign"] else value, None, "percent")


def _build_minor_unit(m: re.Match) -> Amount | None:
    unit = m["sign"] or m["letter"] or m["word"]
    if m["letter"] and m["num"] in VIDEO_LINES:
        return None
    return _amount(m, float(m["num"].replace(",", "")) / 100, MINOR_UNITS[unit], "money")


def _is_name_before(m: re.Match) -> bool:
    """A capitalised word right before the number makes it part of a name or date: "iPhone 12", "Windows 10",
    "Nov. 29"."""
    if _group(m, "hedge") or _group(m, "between"):
        return False
    word = _word_before(m)
    if word.lower().rstrip(".") in MONTHS:
        return True
    if not re.fullmatch(r"[\w-]*[A-Z][\w-]*", word):
        return False  # "Apple's 2,000 employees", "(1,000 people", "In 2018, 5,000 workers", "Monday. 500 people"
    return word.lower() not in CAPITALISED_BEFORE_COUNT


def _count_rejected(m: re.Match, value: float, scaled: bool) -> bool:
    """Why a number before a plural noun is no count (see the module docstring)."""
    noun = m["noun"]
    if noun.lower() in UNIT_NOUNS or _word_before(m).lower() in ("per", "every"):  # "cases per 100,000 people"
        return True
    if scaled or value >= 1000:
        return False
    # a small number: only a whole number of people and the like, not in a name or title ("10 People Who ...")
    return (noun.lower() not in COUNT_NOUNS or noun[0].isupper() or value != int(value) or _is_name_before(m))


def _build_count(m: re.Match) -> Amount | None:
    if _is_bare_year(m):
        return None
    scaled = _has_scale(m)
    value = _number(m)
    if _count_rejected(m, value, scaled) or (_group(m, "dozen") and m["noun"].lower() not in COUNT_NOUNS):
        return None
    return _amount(m, value, None, "count")


def _build_vague(m: re.Match) -> Amount | None:
    if m["curword"]:
        if _is_weight(m, scaled=True):  # "hundreds of pounds of cocaine"
            return None
        return _amount(m, None, _currency_from_word(m["curword"]), "money", True)
    if m["noun"].lower() in UNIT_NOUNS or _word_before(m).lower() in ("per", "every"):  # "millions of years"
        return None
    return _amount(m, None, None, "count", True)


def _range_bounds(m: re.Match) -> tuple[float, float] | None:
    """(low, high) of a range match, or None when it is no range.

    An unscaled first number takes the second's scale ("$10-20 million"). "and" needs "between"; "from X to Y"
    is a change, not a range; the bounds must ascend; years are no bounds ("2019-2020").
    """
    sep = m["sep"].strip().lower()
    if sep == "and" and not m["between"]:
        return None
    if sep == "to" and not m["between"] and re.search(r"\bfrom\s+$", m.string[: m.start()], re.IGNORECASE):
        return None
    if _is_bare_year(m) or _is_bare_year(m, "2"):
        return None
    high = _number(m, "2")
    low = _number(m, "", exponent=_exponent(m, "2"))
    return (low, high) if low < high else None


def _build_money_prefixed_range(m: re.Match) -> Amount | None:
    currency = m["cur"] if m["cur"] in CURRENCY_CODES else CURRENCY_PREFIXES[m["cur"]]
    if m["cur2"] and (m["cur2"] if m["cur2"] in CURRENCY_CODES else CURRENCY_PREFIXES[m["cur2"]]) != currency:
        return None
    bounds = _range_bounds(m)
    return None if bounds is None else _amount(m, bounds[0], currency, "money", True, bounds[1])


def _build_money_suffixed_range(m: re.Match) -> Amount | None:
    bounds = _range_bounds(m)
    if bounds is None or _is_weight(m, _has_scale(m, "2")):
        return None
    return _amount(m, bounds[0], _currency_from_word(m["curword"]), "money", True, bounds[1])


def _build_percent_range(m: re.Match) -> Amount | tuple[Amount, Amount] | None:
    if not m["pct1"] and _is_bare_year(m):  # "in 2019 to 5%"
        return None
    sep = m["sep"].strip().lower()
    if (sep == "and" and not m["between"]) or (
        sep == "to" and not m["between"] and re.search(r"\bfrom\s+$", m.string[: m.start()], re.IGNORECASE)
    ):
        return None
    if m["pct1"] and _is_points(m["pct1"]) != _is_points(m.group(0)[m.end("num2") - m.start():]):
        return None  # "rose 0.25 percentage point to 5.5%": a change and a level, not a range
    low, high = float(m["num"].replace(",", "")), float(m["num2"].replace(",", ""))
    if low < high:
        return _amount(m, low, None, "percent", True, high)
    if not m["pct1"] and m["sep"].strip() in ("-", "–", "—") and low + high <= 100:
        return _split(m)  # "a 52-48% vote": the shares of one whole
    return None


def _split(m: re.Match) -> tuple[Amount, Amount]:
    """A split written once ("52-48%"): the first share (its hedge included) and the second with the sign."""
    start, cut = _start(m), m.end("num")
    first = Amount(m.string[start:cut], start, cut, float(m["num"].replace(",", "")), None, "percent",
                   _group(m, "hedge") is not None and start == m.start())
    second_start = m.start("num2")
    second = Amount(m.string[second_start : m.end()], second_start, m.end(), float(m["num2"].replace(",", "")),
                    None, "percent", False)
    return first, second


def _is_points(sign: str) -> bool:
    return "point" in sign.lower()


def _build_count_range(m: re.Match) -> Amount | None:
    bounds = _range_bounds(m)
    if bounds is None or _count_rejected(m, bounds[1], _has_scale(m, "2")):
        return None
    return _amount(m, bounds[0], None, "count", True, bounds[1])


_RULES = [
    (re.compile(pattern, re.IGNORECASE), build)
    for pattern, build in (
        (MONEY_PREFIXED_PATTERN, _build_money_prefixed),
        (MONEY_SUFFIXED_PATTERN, _build_money_suffixed),
        (VAGUE_PATTERN, _build_vague),
        (PERCENT_PATTERN, _build_percent),
        (COUNT_PATTERN, _build_count),
        (MINOR_UNIT_PATTERN, _build_minor_unit),
        (MONEY_PREFIXED_RANGE_PATTERN, _build_money_prefixed_range),
        (MONEY_SUFFIXED_RANGE_PATTERN, _build_money_suffixed_range),
        (PERCENT_RANGE_PATTERN, _build_percent_range),
        (COUNT_RANGE_PATTERN, _build_count_range),
    )
]
_KIND_PRIORITY = {"money": 0, "percent": 1, "count": 2}
# Every amount holds one of these; lines without any are not scanned (most of a news text).
_ANCHOR_WORDS = [*SCALE_WORDS, *VAGUE_WORDS, "dozen", "percent", "per cent", "pct"]
_ANCHOR = re.compile(rf"[0-9]|\b(?:{_alternation(_ANCHOR_WORDS)})", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")


def find_amounts(text: str) -> list[Amount]:
    """All amounts in ``text``, sorted by ``char_start`` and non-overlapping.

    An amount never spans a line break. Overlaps are resolved leftmost-longest: the earliest start wins, then
    the longest span, then money over percent over count.
    """
    candidates = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if not _ANCHOR.search(text, start, end):
            continue
        for pattern, build in _RULES:
            for m in pattern.finditer(text, start, end):
                built = build(m)
                candidates += built if isinstance(built, tuple) else [built] if built is not None else []
    candidates.sort(key=lambda a: (a.char_start, -(a.char_end - a.char_start), _KIND_PRIORITY[a.kind]))
    chosen: list[Amount] = []
    for amount in candidates:
        if not chosen or amount.char_start >= chosen[-1].char_end:
            chosen.append(amount)
    return chosen
