"""Finding and reading inputs: files, folders (recursively) and text files that list sources.

Every input found ends up either as an ``InputRef`` to read or as a ``Rejected`` with the reason it was not,
so nothing in a folder is skipped silently.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from newsetl.settings import Settings

HTML_SUFFIXES = (".html.gz", ".htm.gz", ".html", ".htm")
TEXT_SUFFIXES = (".txt",)
REMOTE_PREFIXES = ("http://", "https://")


@dataclass(frozen=True)
class InputRef:
    ref: str  # the file path (or URL) the article is read from
    kind: str  # "html" or "text"


@dataclass(frozen=True)
class Rejected:
    input_ref: str
    stage: str  # a quarantine stage: discover | read | clean | nlp
    reason: str


class InputError(Exception):
    """An input that cannot be read; the message is the quarantine reason."""


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def _suffix(path: Path) -> str:
    """'.pdf', '.tar.gz', or '(none)': the suffix that made a file unsupported."""
    name = path.name.lower()
    match = re.search(r"(\.[a-z0-9]{1,8})?(\.[a-z0-9]{1,8})$", name)
    if not match:
        return "(none)"
    return match.group(0) if match.group(2) == ".gz" and match.group(1) else match.group(2)


# a line of a source list: a URL, or a path with no spaces that has a folder part or a known suffix
_SOURCE_LINE = re.compile(r"^(?:https?://\S+|\S*/\S*|\S+\.(?:html?|html?\.gz|txt|warc|warc\.gz))$", re.I)


def _is_source_list(path: Path) -> bool:
    """A .txt file whose every non-empty line is a URL or a file path lists sources; it is no article."""
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return False
    return bool(lines) and all(_SOURCE_LINE.match(line) for line in lines)


def discover(sources: list[str], settings: Settings) -> tuple[list[InputRef], list[Rejected]]:
    """The inputs named by ``sources`` (files, folders, lists of sources), in a stable order."""
    found: list[InputRef] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()

    def add_file(path: Path) -> None:
        ref = str(path)
        if ref in seen:
            return
        seen.add(ref)
        kind = _kind(path)
        if kind is None:
            rejected.append(Rejected(ref, "discover", f"unsupported file type {_suffix(path)}: newsetl reads "
                                                      ".html, .htm, .html.gz and .txt"))
        elif kind == "text" and _is_source_list(path):
            base = path.parent
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    visit(line.strip(), base)
        else:
            found.append(InputRef(ref, kind))

    def visit(source: str, base: Path | None = None) -> None:
        if source.startswith(REMOTE_PREFIXES) or source.lower().endswith((".warc", ".warc.gz")):
            if source not in seen:
                seen.add(source)
                rejected.append(Rejected(source, "discover", "URLs, feeds, sitemaps and WARC files are not "
                                                             "supported yet: give a local file or folder"))
            return
        path = Path(source)
        if base is not None and not path.is_absolute():
            path = base / path  # a list's relative lines are relative to the list
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") and child.is_dir():
                    rejected.append(Rejected(str(child), "discover", "hidden folder, not read"))
                elif child.is_dir() or child.is_file():
                    visit(str(child))
        elif path.is_file():
            add_file(path)
        elif source not in seen:
            seen.add(source)
            rejected.append(Rejected(source, "discover", "no such file or folder"))

    for source in sources:
        visit(source)
    return found, rejected


def read_input(item: InputRef, settings: Settings) -> str:
    """The input's text, decoded; raises ``InputError`` with the reason when it cannot be read."""
    path = Path(item.ref)
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            raise InputError(f"file is {size} bytes, over the limit of {settings.max_input_bytes} "
                             "(NEWSETL_MAX_INPUT_BYTES)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc}") from exc
    if item.ref.lower().endswith(".gz"):
        data = gunzip(data, settings.max_input_bytes)
    if not data.strip():
        raise InputError("the file is empty")
    if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        raise InputError("the file is binary, not text or HTML")
    return decode_text(data)


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress every member of a gzip file, at most ``limit`` bytes of output; ``InputError`` when the file is
    not gzip, is corrupt, ends before its end-of-stream marker (truncated), or decompresses to over ``limit``."""
    out, rest = bytearray(), data
    while rest:
        stream = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
        try:
            out += stream.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise InputError(f"cannot read the file: not valid gzip data ({exc})") from exc
        if len(out) > limit:
            raise InputError(f"file decompresses to over {limit} bytes, the limit (NEWSETL_MAX_INPUT_BYTES)")
        if not stream.eof:
            raise InputError("cannot read the file: the gzip data is truncated (it ends before its "
                             "end-of-stream marker)")
        rest = stream.unused_data.lstrip(b"\x00")  # the next member, if any (zero padding is allowed)
    return bytes(out)


# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">, near the top
_DECLARED_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I)
MAX_FOREIGN_LETTER_SHARE = 0.3  # cp1252 text with more non-ASCII letters than this is some other encoding


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    foreign = sum(1 for ch in letters if not ch.isascii())
    return not letters or foreign / len(letters) <= MAX_FOREIGN_LETTER_SHARE


def decode_text(data: bytes) -> str:
    """Bytes to text. In order: a UTF-16 or UTF-8 byte-order mark; UTF-8; the charset an HTML page declares;
    cp1252 when it reads as Latin-script text (western European pages that are not UTF-8); charset-normalizer's
    detection (Cyrillic, Greek, CJK ... single- and multi-byte encodings); latin-1, which decodes anything."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and declared not in ("utf-8", "utf-16"):  # a page declaring UTF-8 but failing it is mislabelled
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
        if _looks_latin(text):
            return text
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("latin-1")
