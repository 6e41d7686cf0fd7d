"""Entity mentions in one article: from spaCy's NER to clean, resolved mentions.

The steps, each a small function, in the order ``article_mentions`` runs them:

1. ``ner_spans``: spaCy entities of the name types, split at line breaks and commas, trimmed of bullets,
   punctuation and possessives ("Vance’s" -> "Vance"), and dropped inside headings.
2. ``strip_roles``: titles and roles before a person's name leave the mention ("OpenAI CEO Sam Altman" ->
   "Sam Altman"); the organisation before a role becomes an ORG mention ("Tesla CEO Elon Musk" -> "Tesla").
3. ``propagate``: a name tagged once is a mention wherever else it occurs in the article, and so is the
   surname of a full name ("Musk" after "Elon Musk"), when no other person shares it.
4. ``resolve``: acronyms defined in parentheses become aliases of their long form; surnames and first names
   resolve to the one full name that carries them; country forms resolve to one place name.

Everything here is pure: text and a spaCy ``Doc`` in, ``Mention`` records out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from transforms.places import canonical_place

# spaCy/OntoNotes labels that name things; numbers, dates and amounts are handled in amounts.py
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})

# titles, honorifics and roles that may stand before a person's name (compared case-insensitively)
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady rev rev. fr fr.
    president vice prime minister secretary senator sen sen. representative rep rep. congressman congresswoman
    governor gov gov. mayor judge justice chancellor king queen prince princess pope sheikh emir
    general gen gen. colonel col col. admiral captain capt capt. lieutenant sergeant commissioner ambassador
    chairman chairwoman chair chief executive ceo cfo coo cto founder co-founder cofounder director head boss
    spokesman spokeswoman spokesperson leader speaker attorney deputy former acting incoming outgoing
    analyst economist professor officer minister-designate candidate nominee billionaire investor
    """.split()
)
# occupations that stand before a name like a title ("Farmer Chad Smith", "registered dietitian Trista Best");
# ones that are also given names ("Baker Mayfield", "Hunter Biden", "Mason Mount") are left out
OCCUPATION_WORDS = frozenset(
    """
    farmer rancher nurse teacher chef coach pastor priest rabbi imam cardinal dietitian nutritionist
    doctor physician surgeon dentist pharmacist therapist psychologist psychiatrist paramedic firefighter
    sheriff detective trooper deputy constable inspector superintendent principal lawmaker legislator
    councilman councilwoman councillor councilor alderman assemblyman assemblywoman activist author artist
    actor actress singer rapper comedian designer architect engineer scientist researcher historian novelist
    poet filmmaker entrepreneur businessman businesswoman journalist reporter columnist photographer
    veteran student resident survivor witness lawyer prosecutor economist strategist pollster epidemiologist
    virologist biologist chemist physicist quarterback striker midfielder goalkeeper
    """.split()
)
MIN_VARIANT_CHARS = 4  # first names this long one letter apart are one name spelt two ways ("Stacy", "Stacey")
# generational suffixes, not surnames: "Kelly Oubre Jr." is an Oubre
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# roles that link an organisation to the person after them: "Tesla CEO Elon Musk"
ORG_ROLE_WORDS = frozenset({"ceo", "cfo", "coo", "cto", "founder", "co-founder", "cofounder", "chairman",
                            "chairwoman", "chair", "chief", "president", "spokesman", "spokeswoman",
                            "spokesperson", "boss", "owner", "director", "head"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "madam", "lady", "dame"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})
_ELECT = re.compile(r"-(elect|designate)$", re.I)
_LEADING_JUNK = re.compile(r"^[\s\-–—•*·>\"“”‘’'(\[:;,.]+")
_TRAILING_JUNK = re.compile(r"[\s\-–—\"“”‘’'()\[\]:;,.!?]+$")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_WORD = re.compile(r"\S+")
_ACRONYM_DEF = re.compile(r"((?:[\w.&'’-]+\s+){1,8}?)\(([A-Z][A-Za-z0-9&.]{1,9})\)")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros|Dept|Gov|Univ)\.)$")
_ACRONYM_STOPWORDS = frozenset({"of", "and", "the", "for", "on", "in", "&", "to", "de"})


@dataclass(frozen=True)
class Mention:
    """One mention of a named entity in ``body_text``: ``body_text[char_start:char_end] == surface``."""

    char_start: int
    char_end: int
    surface: str
    label: str
    canonical: str  # the name this mention resolves to within the article
    resolution: str = "exact"  # exact | short_form | acronym | place | propagated
    alias_forms: tuple[str, ...] = ()  # other forms seen for it here, e.g. "President-elect Donald Trump"


def article_mentions(doc, body_text: str, heading_spans: tuple[tuple[int, int], ...] = ()) -> list[Mention]:
    """All named-entity mentions of one article, cleaned and resolved within the article."""
    spans = ner_spans(doc, body_text, heading_spans)
    spans = strip_roles(spans, body_text)
    spans = propagate(spans, body_text, heading_spans)
    return resolve(spans, body_text)


# ---------------------------------------------------------------------------------------------- 1. NER spans


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past bullets, quotes, punctuation and a trailing possessive."""
    surface = text[start:end]
    lead = _LEADING_JUNK.match(surface)
    if lead:
        start += lead.end()
    while True:
        surface = text[start:end]
        tail = _TRAILING_JUNK.search(surface)
        poss = _POSSESSIVE.search(surface)
        if tail and tail.start() > 0 and not surface.endswith("."):
            end = start + tail.start()
        elif tail and surface.endswith(".") and not _ABBREVIATION_END.search(surface):
            end = start + tail.start()  # a full stop, but not the one in "U.S." or "Inc."
        elif poss and poss.start() > 0:
            end = start + poss.start()
        else:
            return start, end


_LOWER_TAIL = re.compile(r"(?:\s+[a-z][a-z'’-]*)+$")  # "Meghan cry", "Harry said": words the tagger took in
_GERUND_HEAD = re.compile(r"^[A-Z][a-z]{2,}ing\s+(?=[A-Z])")  # "Taking Archie": a sentence's first verb


def _person_core(text: str, start: int, end: int) -> tuple[int, int]:
    """A PERSON span without the lower-case words spaCy sometimes runs on into ("Meghan cry") and without a
    capitalised gerund it takes in at a sentence start ("Taking Archie"); names keep inner particles ("van")."""
    surface = text[start:end]
    tail = _LOWER_TAIL.search(surface)
    if tail and tail.start() > 0:
        end = start + tail.start()
        surface = text[start:end]
    head = _GERUND_HEAD.match(surface)
    if head and _gender_detector().get_gender(surface.split()[0]) == "unknown":
        start += head.end()
    return start, end


def _is_name(surface: str) -> bool:
    return any(ch.isupper() for ch in surface) and any(ch.isalpha() for ch in surface)


def ner_spans(doc, body_text: str, heading_spans=()) -> list[Mention]:
    """spaCy's name entities, split at line breaks, commas, semicolons and pipes (a table row's cells), trimmed,
    outside headings."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for m in re.finditer(r"[^\n,;|]+", ent.text):  # "Fox Business, Altman" is two mentions
            start, end = trim(body_text, ent.start_char + m.start(), ent.start_char + m.end())
            if ent.label_ == "PERSON":
                start, end = _person_core(body_text, start, end)
            surface = body_text[start:end]
            if end <= start or not _is_name(surface) or _overlaps(start, end, heading_spans):
                continue
            out.append(Mention(start, end, surface, ent.label_, surface))
    return out


# ---------------------------------------------------------------------------------------------- 2. roles


def _is_title(word: str) -> bool:
    w = _ELECT.sub("", word.casefold().strip(",")) if word else ""
    return w in TITLE_WORDS or w.rstrip(".") in TITLE_WORDS or w in OCCUPATION_WORDS


def _surname(name: str) -> str:
    """The last word of a person's name that is no generational suffix: "Kelly Oubre Jr." -> "Oubre"."""
    words = name.split()
    while len(words) > 2 and words[-1].casefold().rstrip(".") in NAME_SUFFIXES:
        words.pop()
    return words[-1]


def _words_before(text: str, pos: int, limit: int = 6) -> list[re.Match]:
    """The words right before ``pos`` on the same line, nearest last."""
    line_start = text.rfind("\n", 0, pos) + 1
    return list(_WORD.finditer(text, line_start, pos))[-limit:]


def strip_roles(mentions: list[Mention], text: str) -> list[Mention]:
    """Drop titles and roles from person names; record the titled form as an alias; find the ORG of a role."""
    out: list[Mention] = []
    mentions = [_shrink_past_titles(m, text) for m in mentions]
    taken = [(m.char_start, m.char_end) for m in mentions]
    for m in mentions:
        if m.label == "PERSON":
            before = _words_before(text, m.char_start)
            titles: list[re.Match] = []
            for w in reversed(before):
                if _is_title(w.group()) and w.group()[0].isupper():
                    titles.insert(0, w)
                else:
                    break
            if titles:
                m = replace(m, alias_forms=m.alias_forms + (text[titles[0].start() : m.char_end],))
                org = _org_before_role(text, before, titles, taken)
                if org:
                    out.append(org)
                    taken.append((org.char_start, org.char_end))
        out.append(m)
    return out


def _shrink_past_titles(m: Mention, text: str) -> Mention:
    """A PERSON span that holds titles ("OpenAI CEO Sam Altman") keeps only the name after the last title."""
    if m.label != "PERSON":
        return m
    words = list(_WORD.finditer(m.surface))
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if _is_title(w.group())), default=0)
    if not cut:
        return m
    start = m.char_start + words[cut].start()
    return replace(m, char_start=start, surface=text[start : m.char_end], canonical=text[start : m.char_end])


def _org_before_role(text: str, before: list[re.Match], titles: list[re.Match], taken) -> Mention | None:
    """'Tesla CEO Elon Musk' -> an ORG mention for 'Tesla' when a capitalised run precedes an org role."""
    if not any(_ELECT.sub("", t.group().casefold()) in ORG_ROLE_WORDS for t in titles):
        return None
    idx = before.index(titles[0])
    run: list[re.Match] = []
    for w in reversed(before[:idx]):
        word = w.group()
        if re.fullmatch(r"[A-Z][\w&.'’-]*", word) and not _is_title(word) and word not in {"The", "A", "An"}:
            run.insert(0, w)
        else:
            break
        if len(run) == 3:
            break
    if not run:
        return None
    start, end = trim(text, run[0].start(), run[-1].end())
    if end <= start or _overlaps(start, end, taken):
        return None
    surface = text[start:end]
    return Mention(start, end, surface, "ORG", surface, resolution="exact")


# ---------------------------------------------------------------------------------------------- 3. propagate


def _occurrences(text: str, name: str):
    pattern = r"(?<![\w.-])" + re.escape(name) + r"(?![\w-]|\.\w)"
    for m in re.finditer(pattern, text):
        yield m.start(), m.end()


def propagate(mentions: list[Mention], text: str, heading_spans=()) -> list[Mention]:
    """Tag the other occurrences of names tagged once, and of unambiguous surnames of full names."""
    taken = [(m.char_start, m.char_end) for m in mentions] + list(heading_spans)
    labels: dict[str, Counter] = {}
    for m in mentions:
        labels.setdefault(m.surface, Counter())[m.label] += 1
    full_names = {m.canonical for m in mentions if m.label == "PERSON" and len(m.canonical.split()) >= 2}
    surname_owners: dict[str, set[str]] = {}
    for name in full_names:
        surname_owners.setdefault(_surname(name), set()).add(name)
    names = {s: c.most_common(1)[0][0] for s, c in labels.items()}
    for surname, owners in surname_owners.items():
        if len(owners) == 1 and surname not in names:
            names[surname] = "PERSON"
    added: list[Mention] = []
    for name, label in sorted(names.items(), key=lambda kv: -len(kv[0])):  # longest first
        for start, end in _occurrences(text, name):
            if not _overlaps(start, end, taken):
                added.append(Mention(start, end, name, label, name, resolution="propagated"))
                taken.append((start, end))
    return sorted(mentions + added, key=lambda m: m.char_start)


# ---------------------------------------------------------------------------------------------- 4. resolve


def acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in parentheses, e.g. {'DOGE': 'Department of Government Efficiency'}.

    A long form in lower case ('artificial intelligence (AI)') is returned too: it marks a common noun."""
    found: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        acronym = m.group(2)
        letters = [ch for ch in acronym if ch.isalpha()]
        words = m.group(1).split()
        # walk back from the parenthesis, matching the acronym's letters to word initials from the end
        i, j = len(words) - 1, len(letters) - 1
        while i >= 0 and j >= 0:
            word = words[i].strip(",.;:")
            if word and word[0].casefold() == letters[j].casefold():
                j -= 1
            elif word.casefold() not in _ACRONYM_STOPWORDS:
                break
            i -= 1
        long_form = [w.strip(",.;:") for w in words[i + 1 :]]
        # a long form never starts with a small word: in "Maritime and Marine Operations (AMO)" the "and" took
        # the A that "Maritime" lacks, which would define AMO as "and Marine Operations"
        if j < 0 and long_form[0].casefold() not in _ACRONYM_STOPWORDS:
            found[acronym] = " ".join(long_form)
    return found


def resolve(mentions: list[Mention], text: str) -> list[Mention]:
    """Give every mention its canonical name within the article."""
    defined = acronyms(text)
    out: list[Mention] = []
    for m in mentions:
        long_form = defined.get(m.surface)
        if long_form is not None:
            if not _is_proper(long_form):
                continue  # "artificial intelligence (AI)": a common noun, not a named entity
            m = replace(m, canonical=_strip_the(long_form), resolution="acronym")
        elif m.label in {"GPE", "LOC"}:
            place = canonical_place(m.surface)
            if place is not None:
                m = replace(m, canonical=place, label="GPE", resolution="place")
        out.append(m)
    return _resolve_short_forms([_drop_leading_the(m) for m in out], text)


def _is_proper(phrase: str) -> bool:
    """Every word but the small ones capitalised.

    "Department of Government Efficiency" is a name; "Artificial intelligence" opening a sentence is not."""
    words = [w for w in phrase.split() if w.casefold() not in _ACRONYM_STOPWORDS]
    return bool(words) and all(w[0].isupper() for w in words)


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name)


def _drop_leading_the(m: Mention) -> Mention:
    return replace(m, canonical=_strip_the(m.canonical))


def _person_key(name: str) -> tuple[str, str]:
    """(first, last) of a full name, middle names and initials left out: "Donald J. Trump" -> (donald, trump)."""
    return name.split()[0].casefold().replace(".", ""), _surname(name).casefold().replace(".", "")


def _unify_full_names(mentions: list[Mention]) -> list[Mention]:
    """Full names that differ only in middle names or initials are one name: the form written most often."""
    forms: dict[tuple[str, str], Counter] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.canonical.split()) >= 2:
            forms.setdefault(_person_key(m.canonical), Counter())[m.canonical] += 1
    best = {key: min(c, key=lambda n: (-c[n], len(n), n)) for key, c in forms.items()}
    unified = [replace(m, canonical=best[_person_key(m.canonical)])
               if m.label == "PERSON" and len(m.canonical.split()) >= 2 else m for m in mentions]
    return _unify_spellings(unified)


def _unify_spellings(mentions: list[Mention]) -> list[Mention]:
    """Full names with one surname whose first names are one letter apart ("Stacey Sullivan", then "Stacy
    Sullivan") are one person spelt two ways: the form written most often, else first. Names of two genders
    ("Daniel" and "Daniela") stay apart."""
    counts = Counter(m.canonical for m in mentions if m.label == "PERSON" and len(m.canonical.split()) >= 2)
    groups: list[list[str]] = []
    for name in counts:  # first written first
        group = next((g for g in groups if any(_spelt_apart(name, other) for other in g)), None)
        if group is None:
            groups.append([name])
        else:
            group.append(name)
    target = {}
    for group in groups:
        keep = max(group, key=lambda n: (counts[n], -group.index(n)))
        target.update({name: keep for name in group if name != keep})
    if not target:
        return mentions
    return [replace(m, canonical=target[m.canonical]) if m.label == "PERSON" and m.canonical in target else m
            for m in mentions]


def _spelt_apart(a: str, b: str) -> bool:
    first_a, last_a = _person_key(a)
    first_b, last_b = _person_key(b)
    if last_a != last_b or first_a == first_b or min(len(first_a), len(first_b)) < MIN_VARIANT_CHARS:
        return False
    genders = {_gender_detector().get_gender(first_a), _gender_detector().get_gender(first_b)}
    return Levenshtein.distance(first_a, first_b) == 1 and not {"male", "female"} <= genders


def _given_names(words: list[str]) -> bool:
    """Do ``words`` open a person's name: a known first name, then capitalised names or initials ("Amanda A.")?
    "older", "GM" or a team's name ("Browns") before a name do not."""
    return (
        _gender_detector().get_gender(words[0]) != "unknown"
        and all(w[0].isupper() for w in words)
    )


def _honorific_gender(m: Mention) -> str | None:
    """'female' for "Mrs. Clinton", 'male' for "Mr. Clinton", else None."""
    for form in m.alias_forms:
        word = form.split()[0].casefold().rstrip(".")
        if word in FEMALE_HONORIFICS:
            return "female"
        if word in MALE_HONORIFICS:
            return "male"
    return None


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as gender_guesser  # first-name genders from a published name list

    return gender_guesser.Detector(case_sensitive=False)


def _owners_of_gender(owners: set[str], gender: str | None) -> set[str]:
    """The owners whose first name is usually of ``gender`` ("Mrs. Clinton": Hillary, not Bill)."""
    if gender is None:
        return set()
    detector = _gender_detector()
    return {name for name in owners if detector.get_gender(name.split()[0]).removeprefix("mostly_") == gender}


def _nearest_owner(people: list[Mention], owners: set[str], pos: int, text: str) -> set[str]:
    """The one owner named in full in a later paragraph than every other owner, before ``pos``; else none."""
    last: dict[str, int] = {}
    for p in people:
        if p.canonical in owners and p.char_end <= pos:
            last[p.canonical] = max(last.get(p.canonical, -1), p.char_start)
    if not last:
        return set()
    ranked = sorted(last.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1:
        return {ranked[0][0]}  # the others are named only after it
    (best, best_pos), (_, second_pos) = ranked[0], ranked[1]
    return {best} if "\n\n" in text[second_pos:best_pos] else set()


def _resolve_short_forms(mentions: list[Mention], text: str) -> list[Mention]:
    """One-word names resolve to the full name they belong to, in the article.

    - A surname (or else a first name) that one full person name carries resolves to that person.
    - One that several carry (Hillary and Bill Clinton) goes to the one an honorific fits ("Mrs. Clinton":
      the one whose first name is a woman's), else to the person named in full nearest before it, when the
      others were last named in full in an earlier paragraph; otherwise it stays unresolved.
    - A one-word ORG that opens a longer organisation name ("Ford" beside "Ford Motor") is that organisation,
      when the article named it in full first. One it names on its own first is an organisation of its own:
      "Google" before "Google Toolbar", "Apple" before "Apple TV".
    """
    mentions = _unify_full_names(mentions)
    people = [m for m in mentions if m.label == "PERSON" and len(m.canonical.split()) >= 2]
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for m in people:
        first, last = m.canonical.split()[0].casefold(), _surname(m.canonical).casefold()
        by_last.setdefault(last, set()).add(m.canonical)
        by_first.setdefault(first, set()).add(m.canonical)
    full_names = {m.canonical for m in people}
    org_heads: dict[str, set[str]] = {}
    first_named: dict[str, int] = {}  # an organisation's canonical name, or a one-word ORG's key -> where it first is
    for m in sorted(mentions, key=lambda m: m.char_start):
        if m.label != "ORG":
            continue
        words = m.canonical.split()
        if len(words) >= 2:
            org_heads.setdefault(words[0].casefold(), set()).add(m.canonical)
            first_named.setdefault(m.canonical, m.char_start)
        else:
            first_named.setdefault(words[0].casefold(), m.char_start)
    out = []
    for m in mentions:
        words = m.canonical.split()
        if len(words) >= 2 and m.label == "PERSON":
            # "Kostro Miller" or "Oubre Jr." after "Amanda A. Kostro Miller" and "Kelly Oubre Jr.": the end of
            # one longer name the article gives
            longer = {n for n in full_names if len(n.split()) > len(words) and n.split()[-len(words):] == words
                      and _given_names(n.split()[: -len(words)])}
            if len(longer) == 1:
                how = "short_form" if m.resolution == "exact" else m.resolution
                m = replace(m, canonical=longer.pop(), resolution=how)
            out.append(m)
            continue
        if len(words) != 1 or m.resolution in ("acronym", "place"):  # "Jordan" the country stays a country
            out.append(m)
            continue
        key = words[0].casefold()
        how = "short_form" if m.resolution == "exact" else m.resolution
        if m.label == "ORG" and len(org_heads.get(key, ())) == 1:
            (org,) = org_heads[key]
            if first_named[org] < first_named[key]:
                out.append(replace(m, canonical=org, resolution=how))
                continue
        owners = by_last.get(key) or by_first.get(key) or set()
        if len(owners) > 1:
            owners = _owners_of_gender(owners, _honorific_gender(m)) or owners
        if len(owners) > 1:
            owners = _nearest_owner(people, owners, m.char_start, text)
        if len(owners) == 1:
            (name,) = owners
            m = replace(m, canonical=name, label="PERSON", resolution=how)
        out.append(m)
    return out
