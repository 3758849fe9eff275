"""Reading files from the open web: each hostile file gives text or one clear line, never a traceback."""
from __future__ import annotations

import os
import sys

import pytest

from store.reader import MAX_BYTES, UnreadableFile, decode_bytes, read_article_text
from tests.hostile import big_file, hostile


def reason(path) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_article_text(path)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.parametrize(
    "name, expected",
    [
        ("binary.png", "binary file (PNG image)"),
        ("binary.bin", "binary file"),
        ("empty.txt", "empty file"),
        ("whitespace.txt", "empty file"),
    ],
)
def test_unreadable_fixture_gives_its_reason(name, expected):
    assert expected in reason(hostile(name))


def test_zero_filled_file_is_binary_not_text(tmp_path):
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\x00" * 5000)
    assert "binary" in reason(path)


@pytest.mark.parametrize(
    "magic, kind",
    [(b"%PDF-1.7\n", "PDF"), (b"PK\x03\x04", "ZIP"), (b"\x1f\x8b\x08\x00", "gzip"), (b"\x7fELF\x02\x01", "executable")],
)
def test_binary_formats_are_named(tmp_path, magic, kind):
    path = tmp_path / "report.txt"
    path.write_bytes(magic + os.urandom(2000))
    assert kind in reason(path)


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(20000)))
    assert reason(path)


def test_folder_is_refused(tmp_path):
    assert "folder" in reason(tmp_path)


def test_missing_file_is_refused(tmp_path):
    assert "No such file" in reason(tmp_path / "gone.txt")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied_is_refused(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Militants seized the crossing.")
    path.chmod(0)
    try:
        assert "Permission denied" in reason(path)
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in reason(fifo)


def test_device_is_refused_without_reading_forever():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    assert "not a regular file" in reason("/dev/zero")


def test_fifty_megabyte_file_is_refused_by_the_size_cap(tmp_path):
    path = big_file(tmp_path / "huge.txt", 50)
    message = reason(path)
    assert "too large" in message and "MiB" in message
    assert path.stat().st_size > MAX_BYTES  # left untouched


def test_the_size_cap_message_gives_size_and_cap_in_one_unit(tmp_path):
    path = tmp_path / "just_over.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 100_000))
    assert reason(path) == "too large (20.10 MiB; the cap is 20 MiB)"


def test_one_line_of_five_megabytes_is_read(tmp_path):
    path = big_file(tmp_path / "oneline.txt", 5, one_line=True)
    text = read_article_text(path)
    assert len(text) > 5_000_000
    assert text.count("\n") == 4  # the front matter's lines only


@pytest.mark.parametrize(
    "name, expected",
    [
        ("cp1252.txt", "Café talk, naïve hopes – “quoted” €5 fees."),
        ("cp1252.txt", "Al-Waleed – “the last crossing”"),
        ("latin1.txt", "Le café à Montréal était très fréquenté."),
        ("utf16_bom.txt", "Ça, naïve – “quoted”."),
        ("utf8_bom.txt", "Militants seize Al-Waleed – “BOM”"),
    ],
)
def test_encodings_decode_to_the_right_characters(name, expected):
    text = read_article_text(hostile(name))
    assert expected in text
    assert not text.startswith("\ufeff")
    assert "\ufffd" not in text


def test_mixed_line_endings_become_newlines():
    text = read_article_text(hostile("mixed_endings.txt"))
    assert "\r" not in text
    assert "between Iraq and Syria, officers said on Monday" in text
    assert "they said.\n" in text
    assert text.count("\n") >= 8  # every line kept as a line


def test_utf16_without_bom_is_decoded():
    text = decode_bytes("Militants seized the Rabia crossing on Sunday.".encode("utf-16-le"))
    assert text == "Militants seized the Rabia crossing on Sunday."


def test_utf32_with_bom_is_decoded():
    assert decode_bytes("Militants – Rabia".encode("utf-32")) == "Militants – Rabia"


def test_short_cp1252_snippet_is_cp1252():
    assert decode_bytes("naïve café – “yes”".encode("cp1252")) == "naïve café – “yes”"


def test_arabic_in_utf8_and_cp1256():
    arabic = "سيطر مسلحون على معبر الوليد الحدودي يوم الأحد"
    assert decode_bytes(arabic.encode()) == arabic
    assert decode_bytes(arabic.encode("cp1256")) == arabic


def test_text_with_a_few_controls_is_still_text():
    """Hostile text (escapes, a NUL, BELs) is read; the sanitizer deals with it, not the reader."""
    text = read_article_text(hostile("escapes.txt"))
    assert "\x1b[2J" in text and "\x00" in text
    assert "Al-Waleed border post" in text


def test_reader_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "a.txt"
    data = "Militants – seized\r\nthe crossing".encode("cp1252")
    path.write_bytes(data)
    read_article_text(path)
    assert path.read_bytes() == data


def test_permission_denied_is_one_line_even_as_root(tmp_path, monkeypatch):
    """Root reads every file, so the refusal the kernel would give a user is injected here."""
    from pathlib import Path

    path = tmp_path / "secret.txt"
    path.write_text("Militants seized the crossing.")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    assert reason(path) == "Permission denied"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_arabic_in_utf16_without_bom_is_decoded(encoding):
    arabic = "سيطر مسلحون على معبر الوليد الحدودي يوم الأحد، حسب ضابطين في حرس الحدود.\n" * 3
    assert decode_bytes(arabic.encode(encoding)) == arabic


@pytest.mark.parametrize("start", ["MZ Bab al-Hawa", "BZh crossing", "PK forces at Rabia"])
def test_text_beginning_like_a_file_signature_is_still_text(start):
    text = f"{start}: militants seized the crossing on Sunday.\n"
    assert decode_bytes(text.encode()) == text


def test_windows_executable_is_refused_by_its_control_bytes(tmp_path):
    path = tmp_path / "setup.txt"
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200))
    assert "binary" in reason(path)


def test_symlink_to_a_device_is_refused(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    link = tmp_path / "report.txt"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in reason(link)


def test_symlink_loop_is_refused_in_one_line(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert "symbolic links" in reason(a)
