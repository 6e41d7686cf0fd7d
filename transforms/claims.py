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
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART")  # spaCy often tags newspapers WORK_OF_ART
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
_CUE_WORDS = "|".join(sorted(map(re.escape, CUE_VERBS), key=len, reverse=True))
_CUE = re.compile(r"\b(" + _CUE_WORDS + r")\b", re.I)
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")
_PRONOUN = re.compile(r"\b(he|she|they)\b", re.I)
# "…,” Altman said" / "…,” said Altman" / "…,” he added": the attribution right after a closing quote
_WHO = r"[^,.;:“”\"\n]{1,60}"
_AFTER = re.compile(
    rf"^[,.!?—–-]?\s*(?:(?P<cue1>{_CUE_WORDS})\s+(?P<who1>{_WHO})|(?P<who2>{_WHO}?)\s+(?P<cue2>{_CUE_WORDS}))\b", re.I
)
# "according to X, …" / "As per the report by X, …"
_REPORTED_BEFORE = re.compile(
    r"^\s*(?P<cue>according to|as reported by|citing|per|"
    r"as per(?: the| a)?(?: \w+)?(?: report| reports| reporting| data| analysis)?(?: by| from| of| in)?)\s+",
    re.I,
)
_REPORTED_AFTER = re.compile(r",?\s*(?P<cue>according to|as reported by)\s+", re.I)
SOURCE_REACH = 30  # the source must be named within this many characters after "according to"
_REPORTED_VERB = re.compile(
    r"\s+(?P<cue>reported|reports|reveals|revealed|found|finds|said in a report)\s+that\s+", re.I
)
_STATEMENT = re.compile(
    r"\s+(?P<cue>said|says|stated|told [\w ]{1,30}?|argued|claimed|warned|believes|insisted)\s+that\s+", re.I
)


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
    """The grammatical subject in [start, end): a mention, a pronoun ("he", "she", "they"), or None.

    The subject of the sentence's root wins; failing that (the small model often misparses long sentences),
    the first subject in the span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass")]
    subjects.sort(key=lambda t: t.head.dep_ != "ROOT")  # stable: root subjects first, then in text order
    for tok in subjects:
        for m in mentions:
            if m.char_start <= tok.idx < m.char_end:
                return m
        if tok.lower_ in ("he", "she", "they"):
            return tok.lower_
    return None


# ---------------------------------------------------------------------------------------------- quotes


UNNAMED = "unnamed"  # an attribution with a cue but no named speaker: "…,” the company said."
PRONOUN = "pronoun"


def find_quotes(doc, text: str, mentions: list[Mention]) -> list[Claim]:
    spans = [m.span(1) if m.group(1) is not None else m.span(2) for m in _QUOTE.finditer(text)]
    quoted = [(s - 1, e + 1) for s, e in spans]
    claims: list[Claim] = []
    last_speaker: Mention | None = None
    for (start, end), (qs, qe) in zip(spans, quoted):
        end = start + len(text[start:end].rstrip(" ,"))  # "…,” Altman said": the comma is not what was said
        if len(text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        para_start, para_end = _paragraph_bounds(text, start)
        speaker, cue = _attribution_after(text, qe, para_end, mentions, quoted)
        if speaker is None:
            speaker, cue = _attribution_before(doc, text, qs, para_start, mentions, quoted)
        if speaker == PRONOUN:
            speaker = _antecedent(doc, qs, mentions, quoted, last_speaker)
        if speaker is None and claims and claims[-1].char_end >= para_start and claims[-1].speaker is not None:
            speaker, cue = claims[-1].speaker, cue or claims[-1].cue  # continues the quote before it
        if speaker is None and cue is None:
            continue  # an unattributed phrase in quotation marks: a title or a scare quote, not a claim
        named = speaker if isinstance(speaker, Mention) else None
        claims.append(Claim("quote", start, end, text[start:end], cue, named))
        last_speaker = named or last_speaker
    return claims


def _attribution_after(text, quote_end, para_end, mentions, quoted):
    """'…,” Altman said.' -> (mention, 'said'); '…,” he said.' -> (PRONOUN, 'said')."""
    window = text[quote_end : min(para_end, quote_end + 80)]
    m = _AFTER.match(window)
    if not m:
        return None, None
    group = "1" if m.group("who1") else "2"
    cue = m.group("cue" + group).lower()
    who_start, who_end = quote_end + m.start("who" + group), quote_end + m.end("who" + group)
    if _PRONOUN.fullmatch(text[who_start:who_end].strip()):
        return PRONOUN, cue
    found = _speakers_in(mentions, who_start, who_end, quoted)
    return (_prefer_person(found) if found else UNNAMED), cue


def _attribution_before(doc, text, quote_start, para_start, mentions, quoted):
    """'Altman …, saying, “…' -> (the sentence's subject, 'saying')."""
    prev_quote_end = max([e for s, e in quoted if e <= quote_start] + [para_start])
    start = _sentence_start(doc, quote_start, max(para_start, prev_quote_end))
    before = text[start:quote_start]
    cues = list(_CUE.finditer(before))
    cue = cues[-1].group(1).lower() if cues else None
    if cue is None and not re.search(r"\w", before):
        return None, None  # the quote opens the sentence and nothing after it attributes it
    subject = _subject(doc, start, quote_start, mentions)
    if subject in ("he", "she", "they"):
        return PRONOUN, cue
    if isinstance(subject, Mention) and subject.label in SPEAKER_LABELS:
        return subject, cue  # a partial quote with no cue verb is still the subject's
    found = _speakers_in(mentions, start, quote_start, quoted)
    if not found:
        return (UNNAMED, cue) if cue else (None, None)
    return _prefer_person(found), cue


def _antecedent(doc, pos, mentions, quoted, last_speaker: Mention | None) -> Mention | None:
    """'He': the later of the last quote's speaker and the last person who was a sentence's subject."""
    subject = None
    for sent in doc.sents:
        if sent.end_char > pos:
            break
        found = _subject(doc, sent.start_char, sent.end_char, mentions)
        if isinstance(found, Mention) and found.label == "PERSON" and not _inside(found.char_start, quoted):
            subject = found
    candidates = [m for m in (last_speaker, subject) if m is not None]
    if candidates:
        return max(candidates, key=lambda m: m.char_start)
    people = [m for m in mentions if m.label == "PERSON" and m.char_end <= pos and not _inside(m.char_start, quoted)]
    return people[-1] if people else None


# ---------------------------------------------------------------------------------------------- reported


def find_reported(doc, text: str, mentions: list[Mention], quoted) -> list[Claim]:
    """Reported claims and statements, one per sentence outside quotation marks."""
    claims: list[Claim] = []
    for sent in doc.sents:
        for part in re.finditer(r"[^\n]+", text[sent.start_char : sent.end_char]):  # spaCy may run past a break
            s, e = sent.start_char + part.start(), sent.start_char + part.end()
            if any(qs < e and s < qe for qs, qe in quoted):
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
            subject = _prefer_person(_speakers_in(mentions, s, s + m.start(), quoted))
            if subject is not None:
                cs, ce = _clause(text, s + m.end(), e)
                if ce - cs > 10:
                    return Claim(claim_type, cs, ce, text[cs:ce], m.group("cue").lower(), subject)
    return None


def _first_speaker(mentions, start, end, quoted) -> Mention | None:
    found = _speakers_in(mentions, start, min(end, start + SOURCE_REACH + 60), quoted)
    return found[0] if found and found[0].char_start <= start + SOURCE_REACH else None
