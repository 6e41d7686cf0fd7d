"""Place names: the many ways the press writes a country resolve to one name.

Country names, official names and codes come from pycountry (ISO 3166); the common press forms that ISO does
not list ("U.S.", "America", "Britain") are in ``PRESS_FORMS``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

PRESS_FORMS = {
    "us": "United States", "u s": "United States", "usa": "United States", "u s a": "United States",
    "america": "United States", "united states of america": "United States", "the states": "United States",
    "uk": "United Kingdom", "u k": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "uae": "United Arab Emirates", "u a e": "United Arab Emirates",
    "south korea": "South Korea", "north korea": "North Korea", "russia": "Russia", "iran": "Iran",
    "syria": "Syria", "vietnam": "Vietnam", "taiwan": "Taiwan", "laos": "Laos", "bolivia": "Bolivia",
    "venezuela": "Venezuela", "tanzania": "Tanzania", "moldova": "Moldova", "czech republic": "Czechia",
    "holland": "Netherlands", "the netherlands": "Netherlands", "ivory coast": "Côte d'Ivoire",
    "turkey": "Turkey", "turkiye": "Turkey", "burma": "Myanmar", "cape verde": "Cabo Verde",
    "swaziland": "Eswatini", "east timor": "Timor-Leste", "drc": "Democratic Republic of the Congo",
    "dr congo": "Democratic Republic of the Congo", "republic of korea": "South Korea", "kosovo": "Kosovo",
    "palestine": "Palestine", "vatican": "Vatican City", "czechia": "Czechia",
    "mainland china": "China", "prc": "China", "eu": "European Union", "e u": "European Union",
}
# ISO names that differ from the names the press uses
_PREFERRED = {
    "Korea, Republic of": "South Korea", "Korea, Democratic People's Republic of": "North Korea",
    "Russian Federation": "Russia", "Iran, Islamic Republic of": "Iran", "Syrian Arab Republic": "Syria",
    "Viet Nam": "Vietnam", "Taiwan, Province of China": "Taiwan", "Bolivia, Plurinational State of": "Bolivia",
    "Venezuela, Bolivarian Republic of": "Venezuela", "Tanzania, United Republic of": "Tanzania",
    "Moldova, Republic of": "Moldova", "Türkiye": "Turkey", "Palestine, State of": "Palestine",
    "Congo, The Democratic Republic of the": "Democratic Republic of the Congo", "Holy See (Vatican City State)":
    "Vatican City", "Lao People's Democratic Republic": "Laos",
}


def _key(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip()


@lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        display = _PREFERRED.get(c.name, getattr(c, "common_name", None) or c.name)
        for form in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if form:
                names[_key(form)] = display
    return names


def canonical_place(surface: str) -> str | None:
    """The one name of a country written any common way, or None when it is not a known country."""
    key = _key(surface)
    if key in PRESS_FORMS:
        return PRESS_FORMS[key]
    return _iso_names().get(key)
