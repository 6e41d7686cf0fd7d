"""Claims in one article: direct quotes with their speakers, reported claims and indirect statements.

- **quote**: text inside quotation marks, of at least ``MIN_QUOTE_WORDS`` words, attributed to a speaker found
  after the quote ("…,” Altman said), before it in the same sentence ("Altman …, saying, “…”"; the sentence's
  subject wins over other names), by a pronoun ("He added, “…”" -> the last speaker or subject), or as the
  continuation of the previous quote in the same paragraph.
- **reported**: a sentence attributed to a source: "according to X", "as per the report by X", "X reported that …".
- **statement**: indirect speech: "X said that …".

Pure: the article text, its spaCy ``Doc`` and its resolved mentions in, ``Claim`` records out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.entities import Mention

MIN_QUOTE_WORDS = 3
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
# cue verbs of speech, in the forms they take around quotes
CUE_VERBS = (
    "said", "says", "say", "saying", "stated", "states", "stating", "added", "adds", "adding", "explained",
    "explains", "explaining", "told", "tells", "telling", "wrote", "writes", "writing", "noted", "notes", "noting",
    "argued", "argues", "arguing", "asked", "asks", "asking", "claimed", "claims", "claiming", "warned", "warns",
    "warning", "insisted", "insists", "insisting", "continued", "continues", "countered", "counters", "replied",
    "replies", "recalled", "recalls", "declared", "declares", "announced", "announces", "acknowledged",
    "admitted", "emphasized", "emphasised", "stressed", "posted", "tweeted", "remarked", "observed",
    "pointed out", "pointing out", "points out", "concluded", "suggested", "suggests", "believes", "predicted",
)
_CUE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, CUE_VERBS), key=len, reverse=True)) + r")\b", re.I)
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")
_PRONOUN = re.compile(r"\b(he|she|they)\b", re.I)
# "…,” Altman said" / "…,” said Altman" / "…,” he added": the attribution right after a closing quote
_AFTER = re.compile(r"^[,.!?—–-]?\s*(?:(?P<cue1>" + _CUE.pattern[3:-3] + r")\s+(?P<who1>[^,.;:“”\"]{1,60}?)|"
                    r"(?P<who2>[^,.;:“”\"]{1,60}?)\s+(?P<cue2>" + _CUE.pattern[3:-3] + r"))\b", re.I)
_REPORTED_BEFORE = re.compile(
    r"^\s*(?P<cue>according to|as per(?: the| a)?(?: \w+)?(?: report| reports| reporting| data| analysis)?(?: by| from| of| in)?|"
    r"as reported by|citing|per)\s+", re.I)
_REPORTED_AFTER = re.compile(r",?\s*(?P<cue>according to|as reported by|citing)\s+", re.I)
_REPORTED_VERB = re.compile(r"\s+(?P<cue>reported|reports|reveals|revealed|found|finds|said in a report)\s+that\s+", re.I)
_STATEMENT = re.compile(r"\s+(?P<cue>said|says|stated|told [\w ]{1,30}?|argued|claimed|warned|believes|insisted)\s+that\s+", re.I)


@dataclass(frozen=True)
class Claim:
    claim_type: str  # quote | reported | statement
    char_start: int  # into body_text; body_text[char_start:char_end] == claim_text
    char_end: int
    claim_text: str
    cue: str | None
    speaker: Mention | None  # the mention that names the speaker (its canonical name decides the entity)


def article_claims(doc, body_text: str, mentions: list[Mention]) -> list[Claim]:
    quotes = find_quotes(doc, body_text, mentions)
    quoted = [(q.char_start - 1, q.char_end + 1) for q in quotes]
    return quotes + find_reported(doc, body_text, mentions, quoted)


# ---------------------------------------------------------------------------------------------- helpers


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def _speakers_in(mentions: list[Mention], start: int, end: int, quoted) -> list[Mention]:
    return [m for m in mentions if start <= m.char_start and m.char_end <= end and m.label in SPEAKER_LABELS
            and not _inside(m.char_start, quoted)]


def _prefer_person(candidates: list[Mention]) -> Mention | None:
    people = [m for m in candidates if m.label == "PERSON"]
    return (people or candidates or [None])[0]


def _sentence_start(doc, pos: int, floor: int) -> int:
    for sent in doc.sents:
        if sent.start_char <= pos < sent.end_char + 1:
            return max(sent.start_char, floor)
    return floor


def _subject(doc, start: int, end: int, mentions: list[Mention]) -> Mention | str | None:
    """The grammatical subject in [start, end): a mention, or a pronoun string, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            for m in mentions:
                if m.char_start <= tok.idx < m.char_end:
                    return m
            if tok.lower_ in ("he", "she", "they"):
                return tok.lower_
    return None


# ---------------------------------------------------------------------------------------------- quotes


def find_quotes(doc, text: str, mentions: list[Mention]) -> list[Claim]:
    spans = [(m.start(1) if m.group(1) is not None else m.start(2), m.end(1) if m.group(1) is not None else m.end(2))
             for m in _QUOTE.finditer(text)]
    quoted = [(s - 1, e + 1) for s, e in spans]
    claims: list[Claim] = []
    last_speaker: Mention | None = None
    last_subject: Mention | None = None
    for (start, end), (qs, qe) in zip(spans, quoted):
        inner = text[start:end]
        if len(inner.split()) < MIN_QUOTE_WORDS:
            continue
        para_start, para_end = _paragraph_bounds(text, start)
        speaker, cue = _attribution_after(text, qe, para_end, mentions, quoted)
        if speaker is None:
            speaker, cue, subject = _attribution_before(doc, text, qs, para_start, mentions, quoted)
            if isinstance(subject, Mention):
                last_subject = subject
        if speaker == "pronoun":
            speaker = last_speaker or last_subject or _nearest_person(mentions, qs, quoted)
        if speaker is None and claims and claims[-1].char_end >= para_start and claims[-1].speaker is not None:
            speaker, cue = claims[-1].speaker, cue or claims[-1].cue  # continues the quote before it
        if speaker is None and cue is None:
            continue  # an unattributed phrase in quotation marks: a title or a scare quote, not a claim
        claims.append(Claim("quote", start, end, inner, cue, speaker if isinstance(speaker, Mention) else None))
        if isinstance(speaker, Mention):
            last_speaker = speaker
    return claims


def _attribution_after(text, quote_end, para_end, mentions, quoted):
    """'…,” Altman said.' -> (mention, 'said')."""
    window = text[quote_end:min(para_end, quote_end + 80)]
    m = _AFTER.match(window)
    if not m:
        return None, None
    cue = (m.group("cue1") or m.group("cue2")).lower()
    who_start = quote_end + (m.start("who1") if m.group("who1") else m.start("who2"))
    who_end = quote_end + (m.end("who1") if m.group("who1") else m.end("who2"))
    who = text[who_start:who_end]
    if _PRONOUN.fullmatch(who.strip()):
        return "pronoun", cue
    found = _speakers_in(mentions, who_start, who_end, quoted)
    return (_prefer_person(found), cue) if found else (None, None)


def _attribution_before(doc, text, quote_start, para_start, mentions, quoted):
    """'Altman …, saying, “…' -> (subject mention, 'saying', subject)."""
    prev_quote_end = max([e for s, e in quoted if e <= quote_start] + [para_start])
    start = _sentence_start(doc, quote_start, max(para_start, prev_quote_end))
    before = text[start:quote_start]
    cues = list(_CUE.finditer(before))
    cue = cues[-1].group(1).lower() if cues else None
    if cue is None and not before.rstrip().endswith(":"):
        # a partial quote with no cue verb is still attributed to the sentence's subject
        if not re.search(r"\w", before):
            return None, None, None
    subject = _subject(doc, start, quote_start, mentions)
    if subject in ("he", "she", "they"):
        return "pronoun", cue or ":", None
    if isinstance(subject, Mention) and subject.label in SPEAKER_LABELS:
        return subject, cue, subject
    found = _speakers_in(mentions, start, quote_start, quoted)
    if cue is None and not found:
        return None, None, None
    return _prefer_person(found), cue, None


def _nearest_person(mentions, pos, quoted) -> Mention | None:
    people = [m for m in mentions if m.label == "PERSON" and m.char_end <= pos and not _inside(m.char_start, quoted)]
    return people[-1] if people else None


# ---------------------------------------------------------------------------------------------- reported


def find_reported(doc, text: str, mentions: list[Mention], quoted) -> list[Claim]:
    """Reported claims and statements, one per sentence outside quotation marks."""
    claims: list[Claim] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        if any(qs < e and s < qe for qs, qe in quoted) or "\n\n" in text[s:e]:
            continue
        claim = _reported_in(text, s, e, mentions, quoted)
        if claim is not None:
            claims.append(claim)
    return claims


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    start += len(text[start:end]) - len(text[start:end].lstrip(" ,"))
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return start, end


def _reported_in(text: str, s: int, e: int, mentions, quoted) -> Claim | None:
    sentence = text[s:e]
    m = _REPORTED_BEFORE.match(sentence)
    if m:  # "As per the report by The Wall Street Journal, Altman … ."
        source = _first_speaker(mentions, s + m.end(), e, quoted)
        if source is not None:
            comma = text.find(",", source.char_end, e)
            if comma > 0:
                cs, ce = _clause(text, comma + 1, e)
                if ce - cs > 10:
                    return Claim("reported", cs, ce, text[cs:ce], m.group("cue").lower().strip(), source)
    m = _REPORTED_AFTER.search(sentence)
    if m and m.start() > 0:  # "…, according to Reuters."
        source = _first_speaker(mentions, s + m.end(), e, quoted)
        if source is not None:
            cs, ce = _clause(text, s, s + m.start())
            return Claim("reported", cs, ce, text[cs:ce], m.group("cue").lower().strip(" ,"), source)
    for pattern, claim_type in ((_REPORTED_VERB, "reported"), (_STATEMENT, "statement")):
        m = pattern.search(sentence)
        if m:  # "Reuters reported that …" / "Altman said that …"
            subjects = [x for x in _speakers_in(mentions, s, s + m.start(), quoted)]
            if subjects:
                cs, ce = _clause(text, s + m.end(), e)
                if ce - cs > 10:
                    return Claim(claim_type, cs, ce, text[cs:ce], m.group("cue").lower(), subjects[-1])
    return None


def _first_speaker(mentions, start, end, quoted) -> Mention | None:
    found = _speakers_in(mentions, start, end, quoted)
    return found[0] if found else None
