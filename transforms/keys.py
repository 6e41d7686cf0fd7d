"""Stable surrogate keys and content hashes.

A key is a hash of the natural key, so loading the same input again yields the same keys and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def stable_key(*parts: object) -> int:
    """A signed 64-bit key derived from the natural key ``parts`` (fits DuckDB BIGINT)."""
    text = json.dumps(parts, ensure_ascii=False, default=str)  # None, "", 1 and "1" stay distinct
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def normalise_text(text: str) -> str:
    """NFKC, straight quotes, one space, lower case: the form two copies of one article share."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip().casefold()


def content_hash(body_text: str) -> str:
    """sha256 of the normalised body: equal for the same article read from two places."""
    return hashlib.sha256(normalise_text(body_text).encode("utf-8")).hexdigest()


def name_key(name: str) -> str:
    """The form of an entity name that matching uses: no accents, punctuation or leading 'the'; initials joined."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text.replace("\u2019", "'").replace("'", ""))
    text = _SPACE.sub(" ", text).strip().casefold()
    text = re.sub(r"\b(\w) (?=\w\b)", r"\1", text)  # initials: "J.D. Vance" and "JD Vance" are "jd vance"
    return re.sub(r"^the ", "", text)


def claim_match_text(text: str) -> str:
    """The form two copies of one claim share: lower case, letters, digits and single spaces only."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", re.sub(r"[^\w\s]|_", "", text)).strip()
