"""Behaviour tests for flows.inputs: discovering inputs in a folder tree and reading them."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from flows.inputs import InputError, InputRef, discover, read_input
from newsetl.settings import Settings

SETTINGS = Settings()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    write(root / "a.html", "<html><body><p>Article A</p></body></html>")
    write(root / "b.htm", "<p>Article B</p>")
    write(root / "c.html.gz", gzip.compress(b"<p>Article C</p>"))
    write(root / "d.txt", "Acme opened a plant in Ohio on Monday.\n\nJane Roe said it would hire 500 people.")
    write(root / "e.pdf", b"%PDF-1.4 fake")
    write(root / "nested" / "deeper" / "f.HTML", "<p>Article F</p>")
    write(root / "nested" / "notes.docx", b"PK\x03\x04")
    write(root / ".hidden.html", "<p>hidden</p>")
    write(root / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    return root


def refs(items) -> set[str]:
    return {i.ref if isinstance(i, InputRef) else i.input_ref for i in items}


# ---------------------------------------------------------------------------------------------- discover


def test_every_file_in_a_tree_is_found_or_rejected_with_a_reason(tree):
    found, rejected = discover([str(tree)], SETTINGS)
    files = {str(p) for p in tree.rglob("*") if p.is_file()}
    assert refs(found) | refs(rejected) == files
    assert not refs(found) & refs(rejected)
    assert all(r.stage == "discover" and r.reason for r in rejected)


def test_supported_files_are_found_with_their_kind(tree):
    found, _ = discover([str(tree)], SETTINGS)
    kinds = {Path(i.ref).relative_to(tree).as_posix(): i.kind for i in found}
    assert kinds == {
        "a.html": "html", "b.htm": "html", "c.html.gz": "html", "d.txt": "text", "nested/deeper/f.HTML": "html",
        ".hidden.html": "html",
    }


def test_unsupported_files_are_rejected_naming_the_type(tree):
    _, rejected = discover([str(tree)], SETTINGS)
    reasons = {Path(r.input_ref).name: r.reason for r in rejected}
    assert set(reasons) == {"e.pdf", "notes.docx", ".DS_Store"}
    assert reasons["e.pdf"].startswith("unsupported file type .pdf")
    assert reasons["notes.docx"].startswith("unsupported file type .docx")
    assert reasons[".DS_Store"].startswith("unsupported file type (none)")


def test_order_is_stable_and_sorted(tree):
    first = discover([str(tree)], SETTINGS)
    assert discover([str(tree)], SETTINGS) == first
    found = [i.ref for i in first[0]]
    assert found == sorted(found)


def test_a_missing_path_is_rejected_and_a_url_is_named_for_fetching(tree, tmp_path):
    missing = str(tmp_path / "no-such-folder")
    found, rejected = discover([missing, "https://example.com/news/1?utm_source=x", str(tree / "a.html")], SETTINGS)
    assert found == [InputRef("https://example.com/news/1", "auto", origin="url"),
                     InputRef(str(tree / "a.html"), "html")]
    assert [(r.input_ref, r.reason) for r in rejected] == [(missing, "no such file or folder")]


def test_the_same_file_named_twice_is_one_input(tree):
    found, rejected = discover([str(tree / "a.html"), str(tree), str(tree / "a.html")], SETTINGS)
    assert [i.ref for i in found].count(str(tree / "a.html")) == 1
    assert len(found) == len({i.ref for i in found})
    assert len(rejected) == len({r.input_ref for r in rejected})


def test_a_file_named_by_relative_and_absolute_path_is_one_input(tree, monkeypatch):
    monkeypatch.chdir(tree.parent)
    found, _ = discover([f"{tree.name}/a.html", str(tree / "a.html"), str(tree / ".." / tree.name / "a.html")],
                        SETTINGS)
    assert [i.ref for i in found] == [str(tree / "a.html")]  # one input, by its absolute path


def test_source_list_names_files_folders_and_urls(tmp_path):
    write(tmp_path / "x" / "one.html", "<p>one</p>")
    write(tmp_path / "x" / "two.txt", "Two is an article about Acme and Ohio with enough words.")
    write(tmp_path / "elsewhere" / "three.htm", "<p>three</p>")
    listing = write(
        tmp_path / "x" / "sources.txt",
        f"one.html\n\n  {tmp_path / 'elsewhere'}  \nhttps://example.com/feed.xml\n",
    )
    found, rejected = discover([str(listing)], SETTINGS)
    assert [(Path(i.ref).name, i.kind) for i in found if i.origin == "file"] == [("one.html", "html"),
                                                                                 ("three.htm", "html")]
    assert [(i.ref, i.origin) for i in found if i.origin == "url"] == [("https://example.com/feed.xml", "url")]
    assert rejected == []
    # the list itself is not an article
    assert str(listing) not in refs(found) | refs(rejected)


def test_source_list_with_comments_is_a_list_and_names_what_it_cannot_find(tmp_path):
    write(tmp_path / "x" / "one.html", "<p>one</p>")
    listing = write(tmp_path / "x" / "tonight.txt", "# my sources for tonight\none.html\n\n# gone\nmissing.txt\n")
    found, rejected = discover([str(listing)], SETTINGS)
    assert [Path(i.ref).name for i in found] == ["one.html"]
    assert [(r.input_ref, r.reason) for r in rejected] == [
        (str(tmp_path / "x" / "missing.txt"), f"no such file or folder (listed in {listing})")]


def test_a_link_back_up_the_tree_is_not_walked_again(tmp_path):
    write(tmp_path / "news" / "a.html", "<p>a</p>")
    write(tmp_path / "news" / "sub" / "b.html", "<p>b</p>")
    write(tmp_path / "news" / "z.html", "<p>z</p>")
    (tmp_path / "news" / "sub" / "loop").symlink_to("..")
    (tmp_path / "news" / ".cache").mkdir()
    found, rejected = discover([str(tmp_path / "news")], SETTINGS)
    assert [Path(i.ref).relative_to(tmp_path / "news").as_posix() for i in found] == ["a.html", "sub/b.html", "z.html"]
    assert [(Path(r.input_ref).name, r.reason) for r in rejected] == [(".cache", "hidden folder, not read")]


def test_a_broken_link_or_a_pipe_is_rejected_with_the_reason(tmp_path):
    write(tmp_path / "news" / "a.html", "<p>a</p>")
    (tmp_path / "news" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "news" / "pipe.txt")  # reading it would wait for a writer forever
    found, rejected = discover([str(tmp_path / "news")], SETTINGS)
    assert [Path(i.ref).name for i in found] == ["a.html"]
    assert [(r.input_ref, r.reason) for r in rejected] == [
        (str(tmp_path / "news" / "gone.txt"), f"broken symbolic link: {tmp_path / 'nowhere.txt'} does not exist"),
        (str(tmp_path / "news" / "pipe.txt"), "not a regular file or folder (a device, pipe or socket)")]


def test_source_list_inside_a_scanned_folder_adds_no_duplicates(tmp_path):
    write(tmp_path / "a.html", "<p>a</p>")
    write(tmp_path / "b.html", "<p>b</p>")
    write(tmp_path / "list.txt", "a.html\nb.html\n")
    found, rejected = discover([str(tmp_path)], SETTINGS)
    assert sorted(Path(i.ref).name for i in found) == ["a.html", "b.html"]
    assert rejected == []


def test_source_list_that_lists_itself_terminates(tmp_path):
    write(tmp_path / "a.html", "<p>a</p>")
    write(tmp_path / "list.txt", "list.txt\na.html\n")
    found, rejected = discover([str(tmp_path / "list.txt")], SETTINGS)
    assert [Path(i.ref).name for i in found] == ["a.html"]
    assert rejected == []


def test_text_file_that_is_not_a_list_is_an_article(tmp_path):
    # one line names an existing file, the other is prose: an article, not a source list
    write(tmp_path / "a.html", "<p>a</p>")
    note = write(tmp_path / "note.txt", "a.html\nAcme said on Monday that it would hire 500 people.\n")
    found, _ = discover([str(note)], SETTINGS)
    assert found == [InputRef(str(note), "text")]


def test_source_list_paths_are_relative_to_the_list(tmp_path, monkeypatch):
    write(tmp_path / "cwd" / "a.html", "<p>wrong</p>")
    write(tmp_path / "lists" / "a.html", "<p>right</p>")
    listing = write(tmp_path / "lists" / "sources.txt", "a.html\n")
    monkeypatch.chdir(tmp_path / "cwd")
    found, _ = discover([str(listing)], SETTINGS)
    assert [Path(i.ref).resolve() for i in found] == [(tmp_path / "lists" / "a.html").resolve()]


def test_a_warc_that_gives_no_page_is_rejected_with_the_reason(tmp_path):
    warc = write(tmp_path / "crawl.warc.gz", b"\x1f\x8b")  # WARC inputs: tests/test_sources.py
    found, rejected = discover([str(warc)], SETTINGS)
    assert found == []
    assert [(r.input_ref, r.stage) for r in rejected] == [(str(warc), "discover")]
    assert "WARC file" in rejected[0].reason


def test_empty_folder_gives_nothing(tmp_path):
    assert discover([str(tmp_path)], SETTINGS) == ([], [])


# ---------------------------------------------------------------------------------------------- read_input


def read(path: Path, settings: Settings = SETTINGS) -> str:
    kind = "text" if path.name.endswith(".txt") else "html"
    return read_input(InputRef(str(path), kind), settings)


def test_reads_utf8_html_and_gzip(tree):
    assert read(tree / "a.html") == "<html><body><p>Article A</p></body></html>"
    assert read(tree / "c.html.gz") == "<p>Article C</p>"
    assert read(tree / "d.txt").startswith("Acme opened")


def test_decodes_cp1252(tmp_path):
    text = "Caf\u00e9 owner said \u201cbusiness is good\u201d \u2013 \u20ac5 a cup."
    path = write(tmp_path / "w.txt", text.encode("cp1252"))
    assert b"\xe9" in path.read_bytes()  # really cp1252 bytes, not UTF-8
    assert read(path) == text


def test_utf8_is_preferred_over_cp1252(tmp_path):
    text = "Zoë Roe said “naïve” plans cost €5."
    assert read(write(tmp_path / "u.txt", text)) == text


def test_bytes_cp1252_cannot_read_still_decode(tmp_path):
    # 0x81 is undefined in cp1252 and invalid in UTF-8: charset detection (or latin-1) still gives text
    text = read(write(tmp_path / "l.txt", b"Acme \x81 plant"))
    assert text.startswith("Acme ") and text.endswith(" plant") and len(text) == 12


@pytest.mark.parametrize("encoding", ["cp1251", "cp1253", "koi8-r"])
def test_non_latin_single_byte_encodings_are_detected(tmp_path, encoding):
    text = {"cp1253": "Ο πρωθυπουργός δήλωσε την Πέμπτη ότι οι συνομιλίες θα συνεχιστούν στην Αθήνα. "}.get(
        encoding, "Президент заявил в четверг, что переговоры продолжатся на следующей неделе в Москве. ") * 3
    assert read(write(tmp_path / "r.txt", text.encode(encoding))) == text


def test_the_charset_an_html_page_declares_is_used(tmp_path):
    body = "東京の市場では株価が上昇し、投資家は新しい政策に期待を寄せている。"
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><p>{body}</p>'
    assert body in read(write(tmp_path / "j.html", html.encode("shift_jis")))


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", gzip.compress(b"  \n")])
def test_empty_file_is_an_error(tmp_path, data):
    name = "e.html.gz" if data.startswith(b"\x1f\x8b") else "e.txt"
    with pytest.raises(InputError, match="empty"):
        read(write(tmp_path / name, data))


def test_binary_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read(write(tmp_path / "b.html", b"<p>\x00\x01\x02\xff</p>"))


def test_too_large_file_is_an_error(tmp_path):
    path = write(tmp_path / "big.html", "<p>eleven bytes and more</p>")
    with pytest.raises(InputError, match="over the limit of 10"):
        read(path, Settings(max_input_bytes=10))
    assert read(path, Settings(max_input_bytes=10_000)).startswith("<p>")


def test_file_at_the_limit_is_read(tmp_path):
    path = write(tmp_path / "ten.txt", "0123456789")
    assert read(path, Settings(max_input_bytes=10)) == "0123456789"


@pytest.mark.parametrize(
    "data",
    [
        b"<p>not gzip at all</p>",  # no gzip header
        gzip.compress(b"<p>hello world</p>" * 50)[:40],  # truncated
        gzip.compress(b"<p>hello world</p>" * 50)[:-8] + b"\x00" * 8,  # bad CRC
    ],
    ids=["not-gzip", "truncated", "bad-crc"],
)
def test_bad_gzip_is_an_error(tmp_path, data):
    with pytest.raises(InputError, match="cannot read"):
        read(write(tmp_path / "bad.html.gz", data))


def test_corrupt_deflate_stream_is_an_error(tmp_path):
    data = bytearray(gzip.compress(b"<p>hello world</p>" * 50))
    data[10] = 0xFF  # the first deflate block: invalid block type
    with pytest.raises(InputError):
        read(write(tmp_path / "bad.html.gz", bytes(data)))


def test_size_limit_applies_to_the_decompressed_data(tmp_path):
    path = write(tmp_path / "bomb.html.gz", gzip.compress(b"<p>" + b"a" * 100_000 + b"</p>"))
    assert path.stat().st_size < 1_000
    with pytest.raises(InputError):
        read(path, Settings(max_input_bytes=1_000))


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read(tmp_path / "gone.html")



def test_truncated_gzip_is_an_error_even_when_its_start_decompresses(tmp_path):
    page = "".join(f"<p>Route {i} serves stop {i * 7919 % 10007}.</p>" for i in range(2000)).encode()
    data = gzip.compress(page)
    assert len(data) > 3000
    data = data[: len(data) // 2]
    with pytest.raises(InputError, match="truncated"):
        read(write(tmp_path / "cut.html.gz", data))


def test_every_member_of_a_multi_member_gzip_is_read(tmp_path):
    data = gzip.compress(b"<p>first part</p>") + gzip.compress(b"<p>second part</p>")
    assert read(write(tmp_path / "two.html.gz", data)) == "<p>first part</p><p>second part</p>"
