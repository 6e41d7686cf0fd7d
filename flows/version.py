"""The version of newsetl's analysis, so that an upgrade reaches the articles already loaded.

An input the warehouse holds unchanged is normally skipped (``transforms.incremental.is_unchanged``). But when the
cleaning, the NLP or the rules change (a new release, a local edit of ``transforms/``), its article was made by the
old code: its authors, entities and claims are stale. ``input_state.analysis_version`` records the version that made
each input's article; an input made by another version is read and analysed again, and its new rows replace the
old ones (same article key when the text is the same, ``replaced_article`` when it changed).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

TRANSFORMS_DIR = Path(__file__).resolve().parent.parent / "transforms"
# the libraries whose output the warehouse stores: a new release of one changes the text, entities or dates
LIBRARIES = ("trafilatura", "htmldate", "justext", "readability-lxml", "spacy")


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


@lru_cache(maxsize=8)
def analysis_version(spacy_model: str) -> str:
    """A 16-hex digest of the ``transforms/`` sources, the versions of the libraries they call, and the spaCy
    pipeline's name and package version."""
    digest = hashlib.sha256()
    for path in sorted(TRANSFORMS_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in (*LIBRARIES, spacy_model):  # a pipeline package is named after its pipeline
        digest.update(f"{name}=={_installed(name)}\0".encode())
    return digest.hexdigest()[:16]
