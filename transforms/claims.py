"""Claims in one article: direct quotes with their speakers, reported claims, and statements of amounts.

Pure: the article text, its spaCy ``Doc`` and its resolved mentions in, ``Claim`` records out, in text order and
never overlapping. A paragraph is a line of the text (cleaned bodies separate paragraphs by a blank line).

**quote** (``claim_type='quote'``): the words inside quotation marks, “…”, "…", «…», and ‘…’ outside those.

- Marks pair per paragraph. Whether a mark opens or closes is read from the characters beside it; the glyph
  decides only when those are ambiguous. A mark left open costs at most its own paragraph (the quote runs to the
  paragraph's end) — except when the next paragraph re-opens with a mark, the newswire way of running a quote over
  several paragraphs: then the quote goes on there, and the whole is one claim.
- A quote split around its attribution ("“A,” she said. “B.”") is one claim from the start of A to the end of B;
  its ``claim_text`` holds the attribution between the parts.
- The speaker, in this order: the attribution after the quote ("…,” Altman said", "…,” said Smith, the mayor",
  "…,” the company said in a statement", "…,” according to X", or at the end of a sentence the quote opens);
  the subject of the verb of speech the quote depends on in its sentence ("Altman said: “…”", "…, saying, “…”",
  "pointed out that OpenAI was itself a “little up-and-comer”"; a participle's subject is the sentence's);
  a colon ("Altman: “…”", "Lopez was blunt: “…”"); the sentence's subject for an unattributed fragment of
  ``MIN_FRAGMENT_WORDS`` words or more ("Roe called the plan “a bold and necessary step”"). A quote that opens a
  sentence takes the speaker of the sentence before it in the paragraph ("Wiig says it is over. “…”"), or the
  person that sentence is about ("McConnell was blunt. “…”").
- A pronoun ("he said") is the nearest person before it who was a subject or a speaker in this or the previous
  two paragraphs (else the nearest person named), skipping people whose first name or honorific says another
  gender. A description keeps its words in ``speaker_text`` ("a campaign spokesman" names nobody); "the company"
  is the organisation named last before it; "the senator" or "the Pentagon chief" the person last given that
  title, else the person last the subject or speaker.
- A quote with no attribution of its own is the previous quote's speaker's when it follows an attributed quote in
  the same paragraph, or when it is all of its paragraph and the paragraph before ended with an attributed quote.
  One that opens the paragraph after a question standing as a paragraph of its own (an interviewer's: "For
  financial reasons?") is the answer of the person last quoted.
  Otherwise it is a claim with no speaker if it reads as speech (whole sentences), and no claim if it does not.
- Not claims: one or two quoted words without an attribution right beside them, or not starting a sentence
  (scare quotes and terms: "very bold", "the reverse,"); titles in Title Case ("Gone With the Wind").

**reported** (``claim_type='reported'``): indirect speech and attributed claims — "X said (that) …", "…, X said",
"X told reporters …", "X reported / found / revealed that …", "according to X, …", "…, according to X", "as per
the report by X, …". The claim is the reported clause; the speaker is the subject of the verb of speech, or the
source (pronouns and descriptions as for quotes). A sentence that holds a quote claim is left to the quote.

**statement** (``claim_type='statement'``): a sentence (spaCy's) that states an amount
(``transforms.amounts.find_amounts``) and names an entity, and is in no quote or reported claim. No speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from transforms.amounts import find_amounts
from transforms.entities import FEMALE_HONORIFICS, MALE_HONORIFICS, TITLE_WORDS, Mention

# ---------------------------------------------------------------------------------------------- vocabulary

MIN_QUOTE_WORDS = 3  # a shorter quote needs its attribution right beside it ("“Absolutely not,” she said")
MAX_QUESTION_WORDS = 40  # an interviewer's question in a paragraph of its own is at most this long
MIN_FRAGMENT_WORDS = 5  # a quoted fragment with no verb of speech is its sentence subject's from this many words
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART")  # spaCy often tags newspapers WORK_OF_ART
STATEMENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")


def _forms(*verbs: str) -> tuple[str, ...]:
    """Every form of each "base third past participle" line."""
    return tuple(form for line in verbs for form in line.split())


# verbs of speech, in the forms they take around quotes
SPEECH_VERBS = _forms(
    "say says said saying", "tell tells told telling", "add adds added adding", "explain explains explained",
    "explaining", "write writes wrote writing", "argue argues argued arguing", "note notes noted noting",
    "insist insists insisted insisting", "continues continued continuing", "ask asks asked asking",
    "reply replies replied replying", "respond responds responded responding", "recall recalls recalled recalling",
    "declare declares declared declaring", "announce announces announced announcing",
    "acknowledge acknowledges acknowledged acknowledging", "admit admits admitted admitting",
    "emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising",
    "stress stresses stressed stressing", "tweet tweets tweeted tweeting", "post posts posted posting",
    "remark remarks remarked remarking", "observe observes observed observing",
    "conclude concludes concluded concluding", "suggest suggests suggested suggesting",
    "predict predicts predicted predicting", "warn warns warned warning", "claim claims claimed claiming",
    "state states stated stating", "concede concedes conceded conceding", "caution cautions cautioned cautioning",
    "complain complains complained complaining", "joke jokes joked joking", "quip quips quipped quipping",
    "lament laments lamented lamenting", "shout shouts shouted shouting", "yell yells yelled yelling",
    "testify testifies testified testifying", "allege alleges alleged alleging",
    "maintain maintains maintained maintaining", "vow vows vowed vowing", "pledge pledges pledged pledging",
    "promise promises promised promising", "confirm confirms confirmed confirming", "deny denies denied denying",
    "contend contends contended contending", "counter counters countered countering", "urge urges urged urging",
    "reiterate reiterates reiterated reiterating", "assert asserts asserted asserting", "agree agrees agreed",
    "exclaim exclaims exclaimed", "retort retorts retorted", "muse muses mused", "boast boasts boasted boasting",
    "recount recounts recounted recounting", "report reports reported reporting", "reveal reveals revealed",
    "describe describes described describing", "elaborate elaborates elaborated elaborating", "wonder wondered",
    "read reads", "pointed", "points", "pointing", "went", "goes",
)
_PARTICLE = {"pointed": "out", "points": "out", "pointing": "out", "went": "on", "goes": "on"}  # "pointed out"
# verbs that introduce a reported clause ("X said the plan failed"): speech and findings, not the vague ones
REPORTING_VERBS = frozenset(SPEECH_VERBS) - frozenset(
    _forms("post posts posted posting", "describe describes described describing", "read reads", "ask asks asked",
           "continues continued continuing", "wonder wondered", "went", "goes", "tweet tweets tweeting",
           "recount recounts recounted recounting", "joke jokes joking", "shout shouts shouted shouting",
           "muse muses mused", "pledge pledges pledged pledging", "promise promises promised promising",
           "vow vows vowed vowing", "urge urges urged urging", "agree agrees agreed", "yell yells yelled yelling")
) | frozenset(_forms("find finds found", "estimate estimates estimated", "disclose discloses disclosed",
                     "indicate indicates indicated", "signal signals signaled signalled", "show shows showed"))

_CUE_FORMS = {*SPEECH_VERBS, *(v.capitalize() for v in SPEECH_VERBS if v.endswith("ing"))}  # "Declaring “…”"
_CUE_ALTERNATION = "|".join(sorted(
    {rf"{re.escape(v)}\s+{_PARTICLE[v.lower()]}" if v.lower() in _PARTICLE else re.escape(v) for v in _CUE_FORMS},
    key=len, reverse=True,
))
_CUE = re.compile(rf"\b(?:{_CUE_ALTERNATION})\b")  # case-sensitive: "States" in "United States" is no cue
_CUE_BESIDE = re.compile(rf"(?:\b(?:{_CUE_ALTERNATION})\s*[,:]?|:)\s*$")  # "said: “" / "Altman: “"
_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "attr", "appos", "poss"})

PRONOUNS = {"he": "male", "she": "female", "they": None, "i": None, "we": None}
# descriptions of a speaker: "a spokesman", "the company", "officials", "two people familiar with the matter"
_DETERMINER = r"(?:a|an|the|his|her|their|its|our|one|two|three|several|some|many|other|another|both|senior|top)"
_NOMINAL = re.compile(
    rf"^(?:{_DETERMINER}\b|(?:officials|police|authorities|analysts|experts|critics|sources|witnesses|residents|"
    r"prosecutors|investigators|lawyers|researchers|scientists|economists|protesters|organizers|organisers|"
    r"supporters|opponents|aides|officers|observers|doctors|voters|people|staff|employees|workers)\b)",
    re.I,
)
# the head of a description that stands for the organisation named last: "the company said"
ORG_NOUNS = frozenset(
    """company firm group bank agency ministry department organisation organization party union league club
    network newspaper paper airline carrier automaker carmaker retailer startup start-up court council committee
    board university school hospital charity campaign government administration commission office regulator
    institute foundation fund lender insurer manufacturer maker chain developer publisher broadcaster studio""".split()
)
# the head of a description that stands for one person: "the senator", "the Pentagon chief", "the Conservative MP"
PERSON_ROLES = TITLE_WORDS | frozenset({"mp", "lawmaker", "legislator", "coach", "manager", "owner", "star", "actor",
                                        "actress", "singer", "author", "writer", "executive", "chief", "boss"})
# roles often left unnamed: "the spokesman" is one who was named with that title, or nobody named
UNNAMED_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "officer", "aide", "adviser",
                           "advisor", "analyst", "economist", "attorney", "lawyer", "source", "investor"})
_NOT_SPEAKERS = frozenset({"it", "this", "that", "which", "who", "there", "what", "these", "those", "he's", "she's"})

# "according to X" / "as per the report by X" / "as reported by X"
_SOURCE_CUE = (r"according\s+to|as\s+reported\s+by|as\s+per(?:\s+(?:the|a))?(?:\s+\w+)?"
               r"(?:\s+(?:report|reports|reporting|data|analysis|statement))?(?:\s+(?:by|from|of|in))?")
_REPORTED_BEFORE = re.compile(rf"^\s*(?P<cue>{_SOURCE_CUE}|citing|per)\s+", re.I)
_REPORTED_AFTER = re.compile(r",?\s*(?P<cue>according\s+to|as\s+reported\s+by)\s+", re.I)
_ACCORDING_TO = re.compile(r"(?P<cue>according\s+to|as\s+reported\s+by)\s+", re.I)
SOURCE_REACH = 30  # the source must be named within this many characters after "according to"

# quotation marks: double ones pair first; single curly ones are quotes only outside them
_DOUBLE_MARKS = "“”\"„«»"
_OPENING_GLYPHS = "“„«‘"
_CLOSING_GLYPHS = "”»’"
_PUNCT_BESIDE_MARK = frozenset(".,;:!?…)]}—–-")  # a closing mark may stand before these
_SMALL_WORDS = frozenset("a an the and or of in on at to for with by from as but nor vs".split())  # in titles

# sentence ends, and the full stops that end no sentence
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[A-Z“\"‘(])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Jr|Sr|Prof|No|Rev|Capt|Sgt|Maj|"
                           r"Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|vs|U\.S|U\.K|U\.N))\.$")


@dataclass(frozen=True)
class Claim:
    claim_type: str  # quote | reported | statement
    char_start: int  # into body_text; body_text[char_start:char_end] == claim_text
    char_end: int
    claim_text: str
    cue: str | None  # the attribution cue: said, saying, according to, … (None when the speaker is inferred)
    speaker: Mention | None  # the mention that names the speaker (its canonical name decides the entity)
    speaker_text: str | None = None  # how the attribution names the speaker: "Altman", "she", "a spokesman"


def article_claims(doc, body_text: str, mentions: list[Mention]) -> list[Claim]:
    """Quotes, reported claims and statements of one article, in text order; no two overlap."""
    ctx = _Context(doc, body_text, mentions)
    quotes = find_quotes(ctx)
    reported = find_reported(ctx, quotes)
    statements = find_statements(ctx, quotes + reported)
    return sorted(quotes + reported + statements, key=lambda c: (c.char_start, c.char_end))


# ---------------------------------------------------------------------------------------------- the article


class _Context:
    """One article and what the rules look up in it: paragraphs, tokens by offset, mentions, quoted spans, speakers
    found so far, and (cached) who is a person, a subject, of which gender."""

    def __init__(self, doc, text: str, mentions: list[Mention]):
        self.doc, self.text = doc, text
        self.mentions = sorted(mentions, key=lambda m: m.char_start)
        self.paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        self._token_at = {t.idx: t for t in doc}
        self.quoted: list[tuple[int, int]] = []  # [opening mark, closing mark + 1) of every quote; by find_quotes
        self.speakers: set[Mention] = set()  # speakers of the quotes attributed so far
        self._genders: dict[Mention, str | None] = {}
        self._subjects: dict[Mention, bool] = {}

    def paragraph_of(self, pos: int) -> int:
        """The paragraph holding ``pos`` (the one before, for a position between paragraphs)."""
        return max(0, bisect_right(self._paragraph_starts, pos) - 1)

    def paragraph_start(self, i: int) -> int:
        return self.paragraphs[i][0] if self.paragraphs else 0

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def mention_at(self, pos: int) -> Mention | None:
        return next((m for m in self.mentions if m.char_start <= pos < m.char_end), None)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that may name a speaker in [start, end), outside quotes."""
        return [m for m in self.mentions if start <= m.char_start and m.char_end <= end
                and m.label in SPEAKER_LABELS and not self.in_quote(m.char_start)]

    def token_near(self, pos: int):
        """The token starting at ``pos``, or the one holding it."""
        tok = self._token_at.get(pos)
        if tok is None:
            span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
            tok = span[0] if span is not None and len(span) else None
        return tok

    def gender(self, m: Mention) -> str | None:
        """'male' / 'female' from an honorific before the name or in its forms, else from a first name that is
        clearly one or the other ("Kim", mostly female, is no evidence against "he")."""
        if m not in self._genders:
            self._genders[m] = _gender(self.text, m)
        return self._genders[m]

    def is_person(self, m: Mention) -> bool:
        """A PERSON mention, or a full name spaCy tagged otherwise ("tomato farmer Lana Boatwright" as ORG)."""
        return m.label == "PERSON" or len(m.canonical.split()) >= 2 and _is_first_name(m.canonical.split()[0])

    def is_subject(self, m: Mention) -> bool:
        if m not in self._subjects:
            span = self.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
            self._subjects[m] = span is not None and any(t.dep_ in ("nsubj", "nsubjpass") for t in span)
        return self._subjects[m]


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


def _cue_word(cue: str) -> str:
    return " ".join(cue.casefold().split())


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Where the sentence holding ``pos`` starts (not before ``floor``): after the last full stop before it."""
    last = floor
    for m in _SENTENCE_BREAK.finditer(text, floor, min(len(text), pos + 1)):
        if m.end() <= pos and not _ABBREVIATION.search(text[floor : m.start() + 1]):
            last = m.end()
    return last


def _clause_end(rest: str) -> int:
    """Where the clause at the start of ``rest`` ends: a full stop (not an abbreviation's), ! ? ; : or a quotation
    mark."""
    for m in re.finditer(r"[.!?;:](?=\s|$|[“\"‘])|[“\"]", rest):
        if m.group() != "." or not _ABBREVIATION.search(rest[: m.end()]):
            return m.start()
    return len(rest)


def _first_comma(clause: str, start: int) -> int:
    """The end of the speaker's words in ``clause`` after ``start``: the first comma, or the clause's end."""
    comma = clause.find(",", start)
    return len(clause) if comma < 0 else comma


# ---------------------------------------------------------------------------------------------- speakers


@dataclass(frozen=True)
class _Speaker:
    mention: Mention | None  # the entity, when one is named or resolved
    text: str | None  # the words of the attribution that name the speaker


NOBODY = _Speaker(None, None)


def _best_mention(ctx: _Context, found: list[Mention]) -> Mention | None:
    """The speaker among names: a person before an organisation, and never a possessor or a modifier ("Bolger’s
    lawyer, Jeremy Robinson", "Gmail inventor Paul Buchheit") when another name is there."""
    modifiers = [m for m in found if ctx.text[m.char_end : m.char_end + 2] in ("’s", "'s") or _modifies(ctx, m)]
    found = [m for m in found if m not in modifiers] or found
    people = [m for m in found if m.label == "PERSON"]
    return (people or found or [None])[0]


def _modifies(ctx: _Context, m: Mention) -> bool:
    """Whether the mention modifies the noun after it ("Tesla CEO", "Gmail inventor") rather than heads a phrase."""
    last = ctx.token_near(m.char_end - 1)
    return last is not None and last.dep_ in ("compound", "poss", "amod") and last.head.i > last.i


def _speaker_words(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """Who the words in [start, end) name: a mention, a pronoun, a description; None when they name nobody."""
    words = ctx.text[start:end].strip(" ,;—–-\n")
    if not words:
        return None
    offset = start + ctx.text[start:end].index(words)
    first = words.split()[0].casefold()
    if words.casefold() in PRONOUNS:
        return _pronoun_speaker(ctx, words, offset)
    found = ctx.mentions_in(offset, offset + len(words))
    if found and (found[0].char_start - offset <= 25 or _NOMINAL.match(words)):
        m = _best_mention(ctx, found)
        return _reading(ctx, m, words, offset) or _Speaker(m, m.surface if m.char_start - offset <= 25 else words)
    if _NOMINAL.match(words) and len(words.split()) <= 10 and first not in _NOT_SPEAKERS:
        return _nominal_speaker(ctx, words, offset)
    if words[:1].isupper() and len(words.split()) <= 4 and first not in _NOT_SPEAKERS:
        return _Speaker(_named_before(ctx, words, offset), words)  # a name spaCy did not tag here
    return None


def _speaker_of_token(ctx: _Context, tok) -> _Speaker | None:
    """The speaker a subject token names: its mention, a pronoun, or the description it heads."""
    if tok is None or tok.lower_ in _NOT_SPEAKERS:
        return None
    if tok.lower_ in PRONOUNS:
        return _pronoun_speaker(ctx, tok.text, tok.idx)
    m = ctx.mention_at(tok.idx)
    if m is not None and m.label in SPEAKER_LABELS and m.label != "GPE" and not ctx.in_quote(m.char_start):
        return _Speaker(m, m.surface)
    line_start = ctx.text.rfind("\n", 0, tok.idx) + 1
    line_end = ctx.text.find("\n", tok.idx)
    left = max(tok.left_edge.idx, line_start)  # the subject's words, on its own line and outside quotes
    right = min(tok.right_edge.idx + len(tok.right_edge), len(ctx.text) if line_end < 0 else line_end)
    marks = [i for i in range(left, tok.idx) if ctx.text[i] in _DOUBLE_MARKS]
    left = marks[-1] + 1 if marks else left
    words = ctx.text[left : tok.idx + len(tok)]
    found = ctx.mentions_in(left, right)
    if found:
        m = _best_mention(ctx, found)
        phrase = ctx.text[left:right] if len(ctx.text[left:right].split()) <= 10 else m.surface
        return (_reading(ctx, m, words, left) if len(words.split()) <= 8 else None) or _Speaker(m, phrase)
    if tok.text[:1].isupper() and len(words.split()) <= 3:
        return _Speaker(_named_before(ctx, words, left), words)  # a name spaCy did not tag here
    if len(words.split()) <= 8 and not ctx.in_quote(left):
        return _nominal_speaker(ctx, words, left)
    return None


def _reading(ctx: _Context, m: Mention, words: str, pos: int) -> _Speaker | None:
    """A better reading of the words (at ``pos``) that name a speaker, when the best name in them, ``m``, is no
    person: a name spaCy missed at their end ("Gmail inventor Paul Buchheit"), or a description that stands for a
    person ("the Pentagon chief") or for nobody named ("one Republican senator", "the senator from Vermont")."""
    if m.label == "PERSON":
        return None
    untagged = re.search(r"(?:\b[A-Z][\w’'-]+\s+)+[A-Z][\w’'-]+$", words)
    if untagged and not ctx.mentions_in(pos + untagged.start(), pos + len(words)):
        return _Speaker(_named_before(ctx, untagged.group(), pos), words)
    if _NOMINAL.match(words):
        described = _nominal_speaker(ctx, words, pos)
        if described.mention is not None and described.mention.label == "PERSON" or m.label in ("NORP", "GPE"):
            return described
    return None


def _nominal_speaker(ctx: _Context, words: str, pos: int) -> _Speaker:
    """A description: "the company" is the organisation named last before it; "the senator", "the Pentagon chief"
    the person last given that title, else the person last the subject or speaker; "a spokesman" names nobody."""
    w = [x.strip(",.") for x in words.casefold().split()]
    if w[0] == "the" and len(w) <= 6:
        if w[-1] in ORG_NOUNS and len(w) == 2:
            orgs = [m for m in ctx.mentions
                    if m.char_end <= pos and m.label == "ORG" and not ctx.in_quote(m.char_start)]
            if orgs:
                return _Speaker(orgs[-1], words)
        elif role := next((x for x in w[1:] if x in PERSON_ROLES), None):
            people = [m for m in ctx.mentions
                      if m.char_end <= pos and m.label == "PERSON" and not ctx.in_quote(m.char_start)]
            titled = [m for m in people if _has_title(ctx, m, role)]
            untitled = None if role in UNNAMED_ROLES else _antecedent(ctx, pos, None, recent_only=True)
            m = titled[-1] if titled else untitled
            if m is not None:
                return _Speaker(m, words)
    return _Speaker(None, words)


def _named_before(ctx: _Context, words: str, pos: int) -> Mention | None:
    """The person named in full before ``pos`` whose surname ``words`` ends with ("Cross" for "Shannon Cross")."""
    last = words.split()[-1].strip(",.")
    for m in reversed([m for m in ctx.mentions if m.char_end <= pos and ctx.is_person(m)]):
        if len(m.canonical.split()) >= 2 and m.canonical.split()[-1] == last:
            return m
    return None


def _has_title(ctx: _Context, m: Mention, title: str) -> bool:
    before = ctx.text[max(0, m.char_start - 40) : m.char_start].casefold().split()[-3:]
    return title in before or any(title in f.casefold().split() for f in m.alias_forms)


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as gender_guesser  # first-name genders from a published name list

    return gender_guesser.Detector(case_sensitive=False)


def _gender(text: str, m: Mention) -> str | None:
    words = [text[max(0, m.char_start - 6) : m.char_start]] + [f.split()[0] for f in m.alias_forms if f.split()]
    for w in words:
        w = w.strip().split()[-1].casefold().rstrip(".") if w.strip() else ""
        if w in FEMALE_HONORIFICS:
            return "female"
        if w in MALE_HONORIFICS:
            return "male"
    guess = _gender_detector().get_gender(m.canonical.split()[0])
    return guess if guess in ("male", "female") else None


def _is_first_name(word: str) -> bool:
    return _gender_detector().get_gender(word) != "unknown"


def _pronoun_speaker(ctx: _Context, pronoun: str, pos: int) -> _Speaker:
    """ "he" / "she": the person it stands for; "they", "I", "we" stay words."""
    if pronoun.casefold() not in ("he", "she"):
        return _Speaker(None, pronoun)
    return _Speaker(_antecedent(ctx, pos, PRONOUNS[pronoun.casefold()]), pronoun)


def _antecedent(ctx: _Context, pos: int, gender: str | None, recent_only: bool = False) -> Mention | None:
    """The person a pronoun at ``pos`` stands for: the nearest before it (outside quotes) who was a subject or a
    speaker in this or the previous two paragraphs, else (unless ``recent_only``) the nearest named. One whose
    first name or honorific says another gender does not fit; None when no one fits."""
    people = [m for m in ctx.mentions if m.char_end <= pos and not ctx.in_quote(m.char_start) and ctx.is_person(m)
              and (gender is None or ctx.gender(m) in (gender, None))]
    floor = ctx.paragraph_start(max(0, ctx.paragraph_of(pos) - 2))
    recent = [m for m in people if m.char_start >= floor and (m in ctx.speakers or ctx.is_subject(m))]
    # a lone word the tagger took for a person ("Bridesmaids", a film) yields to a person of the pronoun's gender
    if gender is not None and any(ctx.gender(m) == gender for m in recent):
        recent = [m for m in recent if ctx.gender(m) is not None or len(m.canonical.split()) > 1]
    return (recent or ([] if recent_only else people) or [None])[-1]


def _subject_of(tok, limit: int = 6):
    """The subject of ``tok``'s clause, climbing from participles and complements to the verb that has one."""
    for _ in range(limit):
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or tok.head.i == tok.i:
            return subject
        tok = tok.head
    return None


def _sentence_subject(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The speaker the subject of [start, end) names: the root's subject first, then the others in text order."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    subjects = sorted((t for t in span if t.dep_ in ("nsubj", "nsubjpass")), key=lambda t: t.head.dep_ != "ROOT")
    return next((who for who in map(lambda t: _speaker_of_token(ctx, t), subjects) if who is not None), None)


def _is_verb(ctx: _Context, pos: int) -> bool:
    """Whether the cue word at ``pos`` is used as a verb: "notes" in "she notes", not in "his notes"."""
    tok = ctx.token_near(pos)
    return tok is None or tok.dep_ not in _NOUN_DEPS


def _cue_tokens(ctx: _Context, start: int, end: int) -> list:
    """The verbs of speech in [start, end), outside quotes, in text order."""
    tokens = (ctx.token_near(m.start()) for m in _CUE.finditer(ctx.text, start, end) if not ctx.in_quote(m.start()))
    return [t for t in tokens if t is not None and t.dep_ not in _NOUN_DEPS]


def _speaker_of_cue(ctx: _Context, cue, sentence: int) -> _Speaker | None:
    """The subject of a verb of speech; for a participle ("…, saying, “…”") the subject of the highest clause
    above it in the sentence ("Altman agreed with the view that regulation should not …, adding, “…”")."""
    who = None
    if cue.lower_.endswith("ing"):
        subject, tok = None, cue
        for _ in range(8):
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                            and sentence <= c.idx < cue.idx and not ctx.in_quote(c.idx)), subject)
            if tok.head.i == tok.i or tok.head.idx < sentence:
                break
            tok = tok.head
        who = _speaker_of_token(ctx, subject) if subject is not None else None
    if who is None:
        who = _speaker_of_token(ctx, _subject_of(cue))
    if who is None:  # the parse found no subject: the name nearest before the cue in its sentence
        found = ctx.mentions_in(sentence, cue.idx)
        who = _Speaker(found[-1], found[-1].surface) if found else None
    return who


# ---------------------------------------------------------------------------------------------- quotation marks


@dataclass
class _Span:
    """The inside of one pair of quotation marks (or of marks re-opened over several paragraphs)."""

    open_mark: int  # offset of the opening mark
    start: int  # first character inside
    end: int  # one past the last character inside
    close_mark: int | None  # offset of the closing mark; None when the paragraph ended first

    @property
    def last(self) -> int:
        """The closing mark, or the end of an unclosed quote."""
        return self.close_mark if self.close_mark is not None else self.end


def _mark_role(text: str, i: int, para_start: int, para_end: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``i``, by the characters beside it, else its glyph."""
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    can_open = not nxt.isspace() and (prev.isspace() or not prev.isalnum() and prev not in ".,;!?")
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _PUNCT_BESIDE_MARK or nxt in "\"”’")
    if can_open != can_close:
        return "open" if can_open else "close"
    glyph = text[i]
    return "open" if glyph in _OPENING_GLYPHS else "close" if glyph in _CLOSING_GLYPHS else "either"


def _trim_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


def _pair_double(text: str, paragraphs: list[tuple[int, int]]) -> list[_Span]:
    """Pairs of double quotation marks, per paragraph; a quote left open goes on in a paragraph that re-opens."""
    spans: list[_Span] = []
    carried: _Span | None = None  # the quote left open at the end of the previous paragraph
    for pi, (ps, pe) in enumerate(paragraphs):
        marks = [i for i in range(ps, pe) if text[i] in _DOUBLE_MARKS]
        opened: _Span | None = None
        if carried is not None:
            if marks and not text[ps : marks[0]].strip() and _mark_role(text, marks[0], ps, pe) != "close":
                opened, marks = carried, marks[1:]  # re-opened: the same quote goes on
            else:
                spans.append(carried)
            carried = None
        for i in marks:
            role = _mark_role(text, i, ps, pe)
            if opened is None and role in ("open", "either"):
                opened = _Span(i, i + 1, pe, None)
            elif opened is not None and role in ("close", "either"):
                opened.end, opened.close_mark = i, i
                spans.append(opened)
                opened = None
            elif opened is not None:  # a second opening mark: the first is never closed
                opened.end = _trim_end(text, opened.start, i)
                spans.append(opened)
                opened = _Span(i, i + 1, pe, None)
        if opened is not None:
            opened.end = _trim_end(text, opened.start, pe)
            reopens = pi + 1 < len(paragraphs) and text[slice(*paragraphs[pi + 1])].lstrip()[:1] in _DOUBLE_MARKS
            if reopens:
                carried = opened
            else:
                spans.append(opened)
    if carried is not None:
        spans.append(carried)
    return [s for s in spans if s.end > s.start]


def _pair_single(text: str, paragraphs: list[tuple[int, int]], taken: list[_Span]) -> list[_Span]:
    """‘…’ pairs outside double quotes. ’ is also the apostrophe: a closing one never stands inside a word, and
    one beside punctuation is taken before one after a plural ("‘The workers’ union is strong,’ she said")."""
    spans = []
    for ps, pe in paragraphs:
        i = text.find("‘", ps, pe)
        while i >= 0:
            inside_double = any(s.open_mark <= i <= s.last for s in taken)
            nxt = text.find("‘", i + 1, pe)
            closers = [j for j in range(i + 2, pe if nxt < 0 else nxt)
                       if text[j] == "’" and _mark_role(text, j, ps, pe) == "close"]
            if closers and not inside_double and _mark_role(text, i, ps, pe) == "open":
                beside = [j for j in closers if text[j - 1] in ".,!?…" or text[j + 1 : j + 2] in (*",.;:!?", "")]
                j = (beside or closers)[0]
                spans.append(_Span(i, i + 1, j, j))
                nxt = text.find("‘", j + 1, pe)
            i = nxt
    return spans


# ---------------------------------------------------------------------------------------------- quotes


@dataclass
class _Quote:
    span: _Span
    paragraph: int  # where it opens
    speaker: _Speaker = NOBODY
    cue: str | None = None
    how: str | None = None  # after | trailing | before | colon | subject | continued | answer | None (unattributed)
    attribution_end: int | None = None  # where the attribution after the quote ends


def _set(q: _Quote, who: _Speaker, cue: str | None, how: str, attribution_end: int | None = None) -> None:
    q.speaker, q.cue, q.how, q.attribution_end = who, cue, how, attribution_end


def find_quotes(ctx: _Context) -> list[Claim]:
    text = ctx.text
    double = _pair_double(text, ctx.paragraphs)
    spans = sorted(double + _pair_single(text, ctx.paragraphs, double), key=lambda s: s.open_mark)
    ctx.quoted = [(s.open_mark, s.last + 1) for s in spans]
    quotes = [_Quote(s, ctx.paragraph_of(s.open_mark)) for s in spans]
    for k, q in enumerate(quotes):
        next_open = quotes[k + 1].span.open_mark if k + 1 < len(quotes) else len(text)
        previous_end = ctx.quoted[k - 1][1] if k > 0 else 0
        if q.span.close_mark is None or not _attribution_after(ctx, q, next_open):
            _attribution_before(ctx, q, max(ctx.paragraph_start(q.paragraph), previous_end))
        if q.speaker.mention is not None:
            ctx.speakers.add(q.speaker.mention)
    _carry_speakers(ctx, quotes)
    return _quote_claims(ctx, quotes)


# ------------------------------------------------------------------- the attribution after a quote


def _attribution_after(ctx: _Context, q: _Quote, next_open: int) -> bool:
    """'…,” Altman said.' / '…,” said Smith, the mayor.' / '…,” she added.' / '…,” according to X.' / '“…” by the
    agency, Crowley said.' (a quote that opens its sentence, attributed at the sentence's end)."""
    text, span = ctx.text, q.span
    limit = min(ctx.paragraphs[ctx.paragraph_of(span.end)][1], next_open)
    start = span.close_mark + 1
    pos = start + re.match(r"[,.!?…]*\s*(?:[—–-]+\s*)?", text[start:limit]).end()
    rest = text[pos:limit]
    end = _clause_end(rest)
    clause, before_quote = rest[:end], rest[end : end + 1] in _DOUBLE_MARKS
    inner_end = text[span.start : span.end].rstrip(" '’\"")[-1:]
    closes = inner_end in ".,;:!?…—–-" or bool(text[start:pos].strip())  # the quote ends a clause
    ends_sentence = inner_end in ".!?…" or text[start:pos].strip().startswith(".")
    found, how = _attribution_words(ctx, pos, clause, not closes, ends_sentence, before_quote), "after"
    if found is None and _opens_sentence(ctx, q):
        for comma in reversed([m.end() for m in re.finditer(r",\s*", clause)]):
            found, how = _attribution_words(ctx, pos + comma, clause[comma:], False, True), "trailing"
            if found is not None:
                break
    if found is None:
        return False
    _set(q, *found, how, pos + len(clause))
    return True


def _attribution_words(ctx: _Context, pos: int, clause: str, strict: bool, ends_sentence: bool,
                       before_quote: bool = False) -> tuple[_Speaker, str] | None:
    """(speaker, cue) when ``clause`` (at ``pos``) attributes what came before it: "according to X", "said X",
    "X said …". ``strict``: the sentence goes on after the quote, so only a bare name or pronoun may stand before
    the cue; ``ends_sentence``: the quote ended its sentence, so the words before the cue must be the cue's
    subject; ``before_quote``: another quote follows the clause."""
    m = _ACCORDING_TO.match(clause)
    if m:
        who = _speaker_words(ctx, pos + m.end(), pos + _first_comma(clause, m.end()))
        return None if who is None else (who, _cue_word(m.group("cue")))
    cue = _CUE.match(clause)  # inversion: "said Smith", "said Smith, the mayor", "added the spokesman"
    if cue is not None:
        who = _speaker_words(ctx, pos + cue.end(), pos + _first_comma(clause, cue.end()))
        if who is not None and not (who.mention is None and who.text and who.text.casefold().split()[0] in
                                    ("in", "on", "at", "that", "to", "by", "for", "with", "during", "after")):
            return who, _cue_word(cue.group())
    for cue in _CUE.finditer(clause):  # "Altman said", "the company said in a statement", "Roe, 52, told"
        if cue.start() == 0 or not _is_verb(ctx, pos + cue.start()):
            continue
        if ends_sentence and len(clause[cue.end() :].split(",")[0]) > 40:
            return None  # a new sentence about what someone said, not this quote's attribution
        if before_quote and clause[cue.end() :].strip(" ,") in ("that", ":", "saying", "as saying"):
            return None  # "Cueto responded that “…": the cue introduces the next quote
        between = re.sub(r"\s+(?:also|then|later|again|further|previously|once|simply|quickly|had|has|have|would|"
                         r"will|\w+ly)\s*$", "", clause[: cue.start()])
        who = _speaker_words(ctx, pos, pos + len(between))
        if who is None or _words(between) > 14:
            return None
        bare = between.strip()
        if ends_sentence and not (_subject_starts_at(ctx, pos + cue.start(), pos) and (
                who.mention is not None or _NOMINAL.match(bare) or bare.casefold() in PRONOUNS)):
            return None  # "“….” Tesla did as he’d promised" / "“….” Not everyone agrees": not an attribution
        if strict and not (bare.casefold() in PRONOUNS
                           or who.mention is not None and _words(bare) <= 4 and bare[:1].isupper()):
            return None
        return who, _cue_word(cue.group())
    return None


def _subject_starts_at(ctx: _Context, cue_pos: int, start: int) -> bool:
    """Whether the subject of the verb at ``cue_pos`` is the phrase that starts at ``start``."""
    cue, first = ctx.token_near(cue_pos), ctx.token_near(start)
    if cue is None or first is None:
        return False
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.left_edge.i <= first.i <= subject.i


def _opens_sentence(ctx: _Context, q: _Quote) -> bool:
    before = ctx.text[ctx.paragraph_start(q.paragraph) : q.span.open_mark].rstrip()
    return not before or before[-1] in ".!?\"”’"


# ------------------------------------------------------------------- the attribution before a quote


def _attribution_before(ctx: _Context, q: _Quote, floor: int) -> None:
    """ "Altman said: “…" / "…, saying, “…" / "According to X, “…" / "Altman: “…" / "Roe called it “…" / a
    sentence before the quote that introduces it."""
    text, open_mark = ctx.text, q.span.open_mark
    para_start = ctx.paragraph_start(q.paragraph)
    sentence = _sentence_start(text, open_mark, para_start)
    start = max(sentence, floor)  # the words since the previous quote
    region = text[start:open_mark]
    if not region.strip() and start == para_start and q.paragraph > 0:
        ps, pe = ctx.paragraphs[q.paragraph - 1]
        if text[ps:pe].rstrip().endswith(":"):  # "Altman said in a statement:" and the quote as a paragraph
            sentence = start = _sentence_start(text, pe, ps)
            region, open_mark = text[start:pe], pe
    if not re.search(r"\w", region):
        if start > para_start and start >= floor:  # "Wiig says it was the past. “I was not a good student.”"
            _attribution_by_sentence_before(ctx, q, max(floor, para_start), start)
        return
    m = re.search(rf"\b(?P<cue>{_SOURCE_CUE})\s+", region, re.I)
    if m and m.group("cue").casefold().startswith(("according", "as")):
        who = _speaker_words(ctx, start + m.end(), start + _first_comma(region, m.end()))
        if who is not None:
            _set(q, who, _cue_word(m.group("cue")), "before")
            return
    cue = _governing_cue(ctx, sentence, start, open_mark, q.span.start)
    if cue is not None:
        who = _speaker_of_cue(ctx, cue, sentence)
        if who is not None:
            _set(q, who, _cue_word(_CUE.match(text, cue.idx).group()), "before")
            return
    stripped = region.rstrip()
    if stripped.endswith(":"):  # "Altman: “…" / "Lopez was blunt: “…"
        who = _speaker_words(ctx, start, start + len(stripped) - 1)
        if who is None or who.mention is None:
            who = _sentence_subject(ctx, start, start + len(stripped)) or who
        if who is not None:
            _set(q, who, None, "colon")
            return
    if q.span.close_mark is not None and _words(text[q.span.start : q.span.end]) >= MIN_FRAGMENT_WORDS:
        who = _sentence_subject(ctx, start, open_mark)  # a partial quote: the sentence's subject said it
        if who is not None and (who.mention is not None or who.text and who.text.casefold() in PRONOUNS):
            _set(q, who, None, "subject")


def _governing_cue(ctx: _Context, sentence: int, region: int, open_mark: int, inside: int):
    """The verb of speech the quote depends on: the nearest one before it in its sentence whose clause holds the
    quote ("He said the party opposes “…”"), else the last one since the previous quote."""
    cues = _cue_tokens(ctx, sentence, open_mark)
    first = ctx.token_near(inside)
    if first is not None:
        for tok in reversed(cues):
            if tok.left_edge.i <= first.i <= tok.right_edge.i and tok.i < first.i:
                return tok
    in_region = [t for t in cues if t.idx >= region]
    return in_region[-1] if in_region else None


def _attribution_by_sentence_before(ctx: _Context, q: _Quote, floor: int, end: int) -> None:
    """A quote that opens a sentence is the speaker's whose words the sentence before it (in the same paragraph)
    reports ("Wiig says it was all in the past. “I was not a good student.”"), else the person that sentence is
    about ("McConnell was blunt. “It's not going to happen.”")."""
    start = _sentence_start(ctx.text, max(floor, end - 1), floor)
    cues = _cue_tokens(ctx, start, end)
    if cues:
        who = _speaker_of_cue(ctx, cues[-1], start)
        if who is not None and (who.mention is not None or who.text and who.text.casefold() in PRONOUNS):
            _set(q, who, None, "before")
            return
    who = _sentence_subject(ctx, start, end)
    if who is not None and who.mention is not None and ctx.is_person(who.mention):
        _set(q, who, None, "before")


# ------------------------------------------------------------------- quotes with no attribution of their own


def _carry_speakers(ctx: _Context, quotes: list[_Quote]) -> None:
    """An unattributed quote after an attributed one in the same paragraph, or all of its paragraph right after a
    paragraph that ended with an attributed quote, is the same speaker's. One that opens the paragraph after an
    interviewer's question is the answer of the person quoted last."""
    interviewee = NOBODY
    for prev, q in zip([None, *quotes], quotes):
        if prev is not None and prev.how not in (None, "subject") and prev.speaker.mention is not None \
                and ctx.is_person(prev.speaker.mention):
            interviewee = prev.speaker
        if q.how is None and interviewee.mention is not None and _answers_question(ctx, q):
            _set(q, interviewee, None, "answer")
            continue
        if prev is None or q.how is not None or prev.how in (None, "subject"):
            continue
        prev_paragraph = ctx.paragraph_of(prev.span.last)
        after_prev = ctx.text[prev.attribution_end or prev.span.last : ctx.paragraphs[prev_paragraph][1]]
        if prev_paragraph == q.paragraph or (prev_paragraph == q.paragraph - 1 and _alone_in_paragraph(ctx, q)
                                             and not after_prev.strip(" .,;\"”’")):
            _set(q, prev.speaker, None, "continued")


def _answers_question(ctx: _Context, q: _Quote) -> bool:
    """Whether the quote opens the paragraph after a question that is a paragraph of its own: the interviewer's
    ("But hasn't she had to turn down lots of offers?" / "“I mean. Yes, no. …”"). A quoted question ends with its
    closing mark, so it is none."""
    if q.paragraph == 0 or ctx.text[ctx.paragraph_start(q.paragraph) : q.span.open_mark].strip():
        return False
    start, end = ctx.paragraphs[q.paragraph - 1]
    question = ctx.text[start:end].strip()
    return question.endswith("?") and _words(question) <= MAX_QUESTION_WORDS


def _alone_in_paragraph(ctx: _Context, q: _Quote) -> bool:
    pe = ctx.paragraphs[ctx.paragraph_of(q.span.last)][1]
    before = ctx.text[ctx.paragraph_start(q.paragraph) : q.span.open_mark]
    return not before.strip() and not ctx.text[q.span.last + 1 : pe].strip(" .,;")


# ------------------------------------------------------------------- claims


def _quote_claims(ctx: _Context, quotes: list[_Quote]) -> list[Claim]:
    """The quotes that are claims; a quote split around its attribution is one claim."""
    text = ctx.text
    kept = [q for q in quotes if _is_claim(ctx, q)]
    claims: list[Claim] = []
    k = 0
    while k < len(kept):
        q = kept[k]
        while k + 1 < len(kept) and _continues(ctx, q, kept[k + 1]):
            k += 1
        start = q.span.start
        end = _trim_end(text, start, kept[k].span.end)
        claims.append(Claim("quote", start, end, text[start:end], q.cue, q.speaker.mention, q.speaker.text))
        k += 1
    return claims


def _is_claim(ctx: _Context, q: _Quote) -> bool:
    inside = ctx.text[q.span.start : q.span.end]
    n = _words(inside)
    if n == 0:
        return False
    if n < MIN_QUOTE_WORDS:  # "“Absolutely not,” she said" is a claim; "very bold" or "the reverse," is a term
        before = ctx.text[max(0, q.span.open_mark - 40) : q.span.open_mark]
        beside = q.how == "after" or q.how in ("before", "colon") and bool(_CUE_BESIDE.search(before))
        return beside and inside.lstrip()[:1].isupper() and not _is_title(inside)
    if q.how is None:
        return _is_speech(inside)
    return not _is_title(inside)


def _is_speech(inside: str) -> bool:
    """Whether an unattributed quote reads as something said: whole sentences ("“One one-thousand.”",
    "“We don't know. Nobody does.”"), not a title or a phrase."""
    inside = inside.strip()
    return (_words(inside) >= 2 and inside[:1].isupper() and inside.rstrip(" '’\"")[-1:] in ".!?…"
            and not _is_title(inside))


def _is_title(inside: str) -> bool:
    """Title Case ("Gone With the Wind", "In the Plex,"), the way books, songs, shows and slogans are quoted."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", inside) if not re.fullmatch(r"I(?:['’]\w+)?", w)]
    content = [w for i, w in enumerate(words) if i == 0 or w.casefold() not in _SMALL_WORDS]
    return 2 <= len(content) <= 10 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _continues(ctx: _Context, a: _Quote, b: _Quote) -> bool:
    """Whether B is the second part of A, split around A's attribution ("“A,” she said. “B.”") or right after A,
    in the same paragraph and with no other speaker."""
    same_speaker = b.speaker == a.speaker if b.how == "continued" else b.how is None or (
        b.speaker.mention is not None and b.speaker.mention == a.speaker.mention)
    if not same_speaker or a.span.close_mark is None:
        return False
    if ctx.paragraph_of(a.span.close_mark) != ctx.paragraph_of(b.span.open_mark):
        return False
    gap_start = a.attribution_end if a.how == "after" and a.attribution_end else a.span.close_mark + 1
    gap = ctx.text[gap_start : b.span.open_mark]
    return not re.sub(r"\b(?:and|adding|continuing|before adding|then)\b", "", gap).strip(" .,;:—–-")


# ---------------------------------------------------------------------------------------------- reported


def find_reported(ctx: _Context, quotes: list[Claim]) -> list[Claim]:
    """Reported claims, at most one per sentence, in sentences that hold no quote (a scare quote may be there)."""
    claims = (_source_claim(ctx, s, e) or _speech_claim(ctx, s, e) for s, e in _sentences(ctx, quotes))
    return [c for c in claims if c is not None]


def _sentences(ctx: _Context, claims: list[Claim]):
    """spaCy's sentences, cut at line breaks (spaCy may run past one), that overlap none of ``claims`` and lie
    mostly outside quotation marks."""
    taken = [(c.char_start, c.char_end) for c in claims]
    for sent in ctx.doc.sents:
        for part in re.finditer(r"[^\n]+", ctx.text[sent.start_char : sent.end_char]):
            s, e = sent.start_char + part.start(), sent.start_char + part.end()
            quoted = sum(min(e, qe) - max(s, qs) for qs, qe in ctx.quoted if qs < e and s < qe)
            if not any(ts < e and s < te for ts, te in taken) and quoted <= (e - s) / 2:
                yield s, e


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the spaces and punctuation around it, but with the mark that closes a quote in it."""
    start += len(text[start:end]) - len(text[start:end].lstrip(" ,;:—–-"))
    full = end
    while end > start and text[end - 1] in " ,;:.—–-":
        end -= 1
    if sum(text[i] in _DOUBLE_MARKS for i in range(start, end)) % 2:
        end = next((i + 1 for i in range(end, full) if text[i] in _DOUBLE_MARKS), end)
    return start, end


def _reported(ctx: _Context, cs: int, ce: int, cue: str, who: _Speaker) -> Claim | None:
    cs, ce = _clause(ctx.text, cs, ce)
    if ce - cs <= 10 or _words(ctx.text[cs:ce]) < 3:
        return None
    return Claim("reported", cs, ce, ctx.text[cs:ce], cue, who.mention, who.text)


def _source_claim(ctx: _Context, s: int, e: int) -> Claim | None:
    """ "According to X, …" / "As per the report by X, …" / "…, according to X." """
    text = ctx.text
    m = _REPORTED_BEFORE.match(text[s:e])
    if m:
        source = _first_source(ctx, s + m.end(), e)
        comma = text.find(",", source.char_end, e) if source is not None else -1
        if comma > 0:
            return _reported(ctx, comma + 1, e, _cue_word(m.group("cue")), _Speaker(source, source.surface))
    m = _REPORTED_AFTER.search(text, s, e)
    if m and m.start() > s:
        source = _first_source(ctx, m.end(), e)
        if source is not None:
            return _reported(ctx, s, m.start(), _cue_word(m.group("cue")), _Speaker(source, source.surface))
    return None


def _first_source(ctx: _Context, start: int, end: int) -> Mention | None:
    found = ctx.mentions_in(start, min(end, start + SOURCE_REACH + 60))
    return found[0] if found and found[0].char_start <= start + SOURCE_REACH else None


def _speech_claim(ctx: _Context, s: int, e: int) -> Claim | None:
    """ "X said (that) …" / "…, X said." / "X told reporters …" / "A report found that …": the clause a verb of
    speech governs, attributed to the verb's subject."""
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    for tok in span if span is not None else ():
        if tok.lower_ not in REPORTING_VERBS:
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and s <= c.idx < e]
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        who = _speaker_of_token(ctx, subject) if clauses and subject is not None else None
        if who is None:
            continue
        clause = clauses[0]
        tokens = [t for t in clause.subtree if t.dep_ != "mark" or t.head.i != clause.i]  # without its "that"
        cs, ce = max(s, tokens[0].idx), min(e, tokens[-1].idx + len(tokens[-1]))
        while ce < e and ctx.text[ce] in ".,;:!?\"”’":  # the punctuation after it, for a quote it closes
            ce += 1
        if cs <= subject.idx < ce:
            continue  # a misparse: the speaker inside the clause
        claim = _reported(ctx, cs, ce, tok.lower_, who)
        if claim is not None:
            return claim
    return None


# ---------------------------------------------------------------------------------------------- statements


def find_statements(ctx: _Context, claims: list[Claim]) -> list[Claim]:
    """Sentences stating an amount and naming an entity, outside every quote and reported claim."""
    amounts = find_amounts(ctx.text)
    named = [m for m in ctx.mentions if m.label in STATEMENT_LABELS]
    out = []
    for s, e in _sentences(ctx, claims):
        s, e = _clause(ctx.text, s, e)
        has_amount = any(s <= a.char_start and a.char_end <= e for a in amounts)
        if e > s and has_amount and any(s <= m.char_start and m.char_end <= e for m in named):
            end = e + 1 if e < len(ctx.text) and ctx.text[e] in ".!?" else e  # the full stop is the sentence's
            out.append(Claim("statement", s, end, ctx.text[s:end], None, None, None))
    return out
