"""Finding and reading inputs: files, folders (recursively), WARC files, URLs and text files that list sources.

Every input found ends up either as an ``InputRef`` to read or as a ``Rejected`` with the reason it was not,
so nothing in a folder is skipped silently. URLs are only named here (canonical, as ``InputRef`` with origin
``url``): ``flows/sources.py`` fetches them and finds out whether each is a page, a feed, a sitemap or a list.
A WARC file gives one input per response record that carries an HTML page (2xx); its other records (requests,
metadata, images, redirects) are no articles and are not inputs.
"""

from __future__ import annotations

import codecs
import os
import re
import tomllib
import zlib
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsetl.settings import Settings
from transforms.links import canonical_url

HTML_SUFFIXES = (".html.gz", ".htm.gz", ".html", ".htm")
TEXT_SUFFIXES = (".txt",)
WARC_SUFFIXES = (".warc", ".warc.gz")
REMOTE_PREFIXES = ("http://", "https://")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# what a source may be declared as (sources file ``type``): URLs are pages, feeds, sitemaps or lists, found out
# from the response when "auto"; paths are files or folders, WARC files or lists, told by their suffix when "auto"
URL_TYPES = ("auto", "page", "feed", "sitemap", "list")
PATH_TYPES = ("auto", "path", "warc", "list")


@dataclass(frozen=True)
class SourceSpec:
    """One source as a run is given it: a ``--source`` argument, or an entry of a sources file."""

    location: str  # a URL, or a file or folder path
    type: str = "auto"  # URL_TYPES for a URL, PATH_TYPES for a path
    name: str | None = None  # the publisher name of its articles (dim_source.name), over what the pages say
    max_items: int | None = None  # most article URLs taken from a feed or sitemap (default Settings.max_items)

    @property
    def is_url(self) -> bool:
        return self.location.strip().lower().startswith(REMOTE_PREFIXES)


@dataclass(frozen=True)
class InputRef:
    ref: str  # the file path, or the canonical URL of a page or of a WARC record's target
    kind: str  # "html" or "text" (files, WARC records); a URL's URL_TYPES ("page" once it is known to be an article)
    origin: str = "file"  # "file", "url" or "warc" (a record of a WARC file)
    path: str = ""  # for a WARC record: the WARC file
    offset: int = -1  # for a WARC record: its offset in the WARC file
    source: str = ""  # the feed, sitemap, list or WARC file it was found in; "" when named directly
    name: str | None = None  # SourceSpec.name of the source it came from
    max_items: int | None = None  # SourceSpec.max_items, for a URL that may turn out to be a feed or sitemap
    source_unchanged: bool = False  # listed by a feed or sitemap that did not change: not requested when known


@dataclass(frozen=True)
class Rejected:
    input_ref: str
    stage: str  # a quarantine stage: discover | fetch | read | clean | nlp
    reason: str


@dataclass(frozen=True)
class Raw:
    """An input's bytes as read, before decoding."""

    data: bytes
    content_type: str | None = None  # the HTTP Content-Type (a URL or a WARC record), None for files


class InputError(Exception):
    """An input that cannot be read; the message is the quarantine reason."""


# --- sources files ------------------------------------------------------------------------------------------


class SourcesFileError(ValueError):
    """A sources file that cannot be used; the message says where and why."""


SOURCE_KEYS = {"url", "path", "type", "name", "max_items"}


def read_sources_file(path: str | Path) -> list[SourceSpec]:
    """The sources a TOML sources file lists, paths made absolute against the file's folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"cannot read the sources file {path}: {exc}") from exc
    return parse_sources(text, path.resolve().parent, str(path))


def parse_sources(text: str, base: Path, where: str = "sources file") -> list[SourceSpec]:
    """``[[source]]`` entries: exactly one of ``url`` / ``path``; optional ``type`` (a URL: auto, page, feed,
    sitemap, list; a path: auto, path, warc, list), ``name`` (the publisher name of its articles) and
    ``max_items`` (most article URLs taken from a feed or sitemap). Unknown keys are errors: a typo would
    otherwise be ignored silently."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"{where} is not valid TOML: {exc}") from exc
    unknown = set(data) - {"source"}
    if unknown:
        raise SourcesFileError(f"{where}: unknown top-level key(s) {', '.join(sorted(unknown))}; list sources as "
                               "[[source]] tables")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourcesFileError(f"{where}: `source` must be an array of tables ([[source]])")
    specs = []
    for number, entry in enumerate(entries, 1):
        here = f"{where}, source {number}"
        unknown = set(entry) - SOURCE_KEYS
        if unknown:
            raise SourcesFileError(f"{here}: unknown key(s) {', '.join(sorted(unknown))} (allowed: "
                                   f"{', '.join(sorted(SOURCE_KEYS))})")
        if ("url" in entry) == ("path" in entry):
            raise SourcesFileError(f"{here}: give exactly one of `url` and `path`")
        location = entry.get("url", entry.get("path"))
        if not isinstance(location, str) or not location.strip():
            raise SourcesFileError(f"{here}: `url` / `path` must be a non-empty string")
        kind = entry.get("type", "auto")
        allowed = URL_TYPES if "url" in entry else PATH_TYPES
        if kind not in allowed:
            raise SourcesFileError(f"{here}: type {kind!r} is not one of {', '.join(allowed)}")
        if "url" in entry and canonical_url(location) is None:
            raise SourcesFileError(f"{here}: {location!r} is not an http:// or https:// URL")
        name = entry.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise SourcesFileError(f"{here}: `name` must be a non-empty string")
        max_items = entry.get("max_items")
        if max_items is not None and (isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 1):
            raise SourcesFileError(f"{here}: `max_items` must be a positive integer")
        if "path" in entry and not Path(location).expanduser().is_absolute():
            location = str(base / Path(location).expanduser())
        specs.append(SourceSpec(location.strip(), kind, name.strip() if name else None, max_items))
    return specs


# --- discovery -----------------------------------------------------------------------------------------------


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
_SOURCE_LINE = re.compile(r"^(?:https?://\S+|\S*/\S*|\S+\.(?:html?|html?\.gz|txt|warc|warc\.gz|toml))$", re.I)


def _is_source_list(path: Path) -> bool:
    """A .txt file whose every line is a URL or a file path, a blank line or a ``#`` comment lists sources; it is
    no article."""
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError):
        return False
    lines = [line for line in lines if line and not line.startswith("#")]
    return bool(lines) and all(_SOURCE_LINE.match(line) for line in lines)


def discover(sources: list[str | SourceSpec], settings: Settings) -> tuple[list[InputRef], list[Rejected]]:
    """The inputs named by ``sources``, in a stable order: files, folders, WARC records and lists of sources, read
    here; URLs as ``InputRef(origin="url")`` for ``flows/sources.py`` to fetch. Local and cheap: no network."""
    found: list[InputRef] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    seen_files: set[str] = set()
    seen_folders: set[str] = set()  # real paths: a link back up the tree (a loop) is not walked again

    def reject(ref: str, reason: str) -> None:
        if ref not in seen:
            seen.add(ref)
            rejected.append(Rejected(ref, "discover", reason))

    def add_file(path: Path, spec: SourceSpec) -> None:
        # a file's ref is its absolute path: one file named two ways ("samples/a.txt", a list's absolute line) is
        # one input, and a nightly run from another folder still recognises what it loaded before
        ref = os.path.abspath(path)
        real = str(path.resolve())
        if ref in seen or real in seen_files:
            return
        seen.add(ref)
        seen_files.add(real)
        if path.name.lower().endswith(".toml"):  # a sources file: like a list, it is no input itself
            try:
                listed = read_sources_file(path)
            except SourcesFileError as exc:
                rejected.append(Rejected(ref, "discover", f"not a sources file: {exc}"))
                return
            for entry in listed:
                visit(entry)
            return
        if spec.type == "warc" or path.name.lower().endswith(WARC_SUFFIXES):
            items, problem = warc_inputs(path, spec)
            found.extend(i for i in items if i.ref not in seen)
            seen.update(i.ref for i in items)
            if problem:
                rejected.append(Rejected(ref, "discover", problem))
            return
        kind = _kind(path)
        if spec.type == "list" or (kind == "text" and _is_source_list(path)):
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                rejected.append(Rejected(ref, "discover", f"cannot read the list of sources: {exc}"))
                return
            for line in lines:
                line = line.strip()
                if line and not line.startswith("#"):
                    visit(SourceSpec(line, name=spec.name, max_items=spec.max_items), listed_in=path)
        elif kind is None:
            rejected.append(Rejected(ref, "discover", f"unsupported file type {_suffix(path)}: newsetl reads "
                                                      ".html, .htm, .html.gz, .txt, .warc, .warc.gz and sources "
                                                      "files (.toml)"))
        else:
            found.append(InputRef(ref, kind, name=spec.name))

    def add_url(spec: SourceSpec) -> None:
        url = canonical_url(spec.location)
        if url is None:
            reject(spec.location, "invalid URL: newsetl fetches http:// and https:// URLs with a host name")
        elif url not in seen:
            seen.add(url)
            found.append(InputRef(url, spec.type, origin="url", name=spec.name, max_items=spec.max_items))

    def visit(spec: SourceSpec, listed_in: Path | None = None) -> None:
        if spec.is_url:
            add_url(spec)
            return
        path = Path(spec.location)
        if listed_in is not None and not path.is_absolute():
            path = listed_in.parent / path  # a list's relative lines are relative to the list
        where = f" (listed in {listed_in})" if listed_in is not None else ""
        if path.is_dir():
            real = str(path.resolve())
            if real in seen_folders:
                return  # a link to a folder already walked: its files are inputs once, under their first path
            seen_folders.add(real)
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") and child.is_dir():
                    reject(str(child), "hidden folder, not read")
                else:
                    visit(SourceSpec(str(child), name=spec.name, max_items=spec.max_items))
        elif path.is_file():
            add_file(path, spec)
        elif path.is_symlink():
            reject(os.path.abspath(path), f"broken symbolic link: {os.readlink(path)} does not exist{where}")
        elif path.exists():
            reject(os.path.abspath(path), f"not a regular file or folder (a device, pipe or socket){where}")
        else:
            reject(spec.location if listed_in is None else os.path.abspath(path), f"no such file or folder{where}")

    for source in sources:
        visit(source if isinstance(source, SourceSpec) else SourceSpec(source))
    return found, rejected


def _is_html(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() in HTML_TYPES


def warc_inputs(path: Path, spec: SourceSpec) -> tuple[list[InputRef], str | None]:
    """One input per response record of the WARC file that carries an HTML page with a 2xx status, by its target
    URL (canonical); the first record of a URL wins. Also the reason the file could not be read to its end, if
    it could not (the records before the problem are still inputs)."""
    items: list[InputRef] = []
    refs: set[str] = set()
    n_records = 0
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                n_records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                if not status.startswith("2") or not _is_html(record.http_headers.get_header("Content-Type")):
                    continue
                url = canonical_url(record.rec_headers.get_header("WARC-Target-URI") or "")
                if url is None or url in refs:
                    continue
                refs.add(url)
                items.append(InputRef(url, "html", origin="warc", path=str(path), offset=records.get_record_offset(),
                                      source=str(path), name=spec.name))
    except (OSError, ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
        return items, f"cannot read the WARC file: {type(exc).__name__}: {exc}"
    if not items:  # a WARC that gives nothing says so, rather than vanish from the run
        return items, f"no response record with an HTML page (2xx) in the WARC file ({n_records} records)"
    return items, None


def read_input(item: InputRef, settings: Settings) -> str:
    """The input's text, decoded; raises ``InputError`` with the reason when it cannot be read."""
    raw = read_raw(item, settings)
    check_raw(raw.data)
    return decode_body(raw.data, raw.content_type)


def read_raw(item: InputRef, settings: Settings) -> Raw:
    """A local input's bytes: a file (gunzipped when .gz) or a WARC record's HTTP payload (de-chunked and
    decoded of its Content-Encoding); ``InputError`` with the reason when it cannot be read."""
    if item.origin == "warc":
        return _read_warc_record(item, settings)
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
    return Raw(data)


def _read_warc_record(item: InputRef, settings: Settings) -> Raw:
    limit = settings.max_input_bytes
    try:
        with open(item.path, "rb") as handle:
            handle.seek(item.offset)
            record = next(iter(ArchiveIterator(handle)))
            data = record.content_stream().read(limit + 1)
            content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
    except (OSError, StopIteration, ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read the WARC record at offset {item.offset} of {item.path}: "
                         f"{type(exc).__name__}: {exc}") from exc
    if len(data) > limit:
        raise InputError(f"the WARC record's page is over the limit of {limit} bytes (NEWSETL_MAX_INPUT_BYTES)")
    return Raw(data, content_type)


def check_raw(data: bytes, what: str = "file") -> None:
    """``InputError`` for an input (a "file", a "page") that is empty or binary."""
    if not data.strip():
        raise InputError(f"the {what} is empty")
    if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        raise InputError(f"the {what} is binary, not text or HTML")


_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{2,40})", re.I)


def decode_body(data: bytes, content_type: str | None = None) -> str:
    """Bytes to text: the charset of an HTTP Content-Type header when it names one that decodes the bytes,
    else ``decode_text``."""
    match = _HEADER_CHARSET.search(content_type or "")
    if match:
        try:
            return data.decode(codecs.lookup(match.group(1)).name)
        except (LookupError, UnicodeDecodeError):
            pass
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
