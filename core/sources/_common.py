"""What every input kind shares: the reader contract and reading a whole file as text.

A reader turns one open binary stream into Articles (or Unreadable items naming the
problem); the table in :mod:`copydesk.sources` maps file extensions to readers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, Literal, NamedTuple

from copydesk.errors import not_utf8_at
from copydesk.models import Article, Unreadable
from copydesk.suppress import comment_spans

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: UTF-32's byte order marks; the little-endian one begins with UTF-16's, so they are looked for first.
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
#: UTF-8's byte order mark: dropped where it starts a file (one or more of them) or a JSONL line.
UTF8_BOM = b"\xef\xbb\xbf"


def skip_boms(handle: IO[bytes]) -> None:
    """Move ``handle`` past the UTF-8 byte order marks at its position, one or more (a tool that adds one to a file holding one)."""
    at = handle.tell()
    while handle.read(3) == UTF8_BOM:
        at += 3
    handle.seek(at)


#: Any byte order mark but UTF-8's: a file starting with one is UTF-16 or UTF-32, not UTF-8.
WIDE_BOMS = UTF32_BOMS + UTF16_BOMS


def bom_encoding(data: bytes) -> str | None:
    """``utf-32`` or ``utf-16`` when ``data`` starts with that encoding's byte order mark (UTF-32 looked for first), else None."""
    if data.startswith(UTF32_BOMS):
        return "utf-32"
    return "utf-16" if data.startswith(UTF16_BOMS) else None


#: A character that is text: neither white space nor a C0 or C1 control character (NUL, BEL, ...).
_TEXT = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]")


def blank(text: str) -> bool:
    r"""Whether ``text`` holds only white space and control characters: binary debris (``\u0000``), no writing."""
    return _TEXT.search(text) is None


def no_words(text: str) -> bool:
    """Whether ``text`` is only white space, control characters and closed HTML comments (``<!-- ... -->``): no text to score.

    A comment is no words of the article (a suppression comment is blanked before scoring),
    so a body or text field of nothing else is as empty as one of white space; so are
    control characters (NULs from a binary blob), which no reader scores. One pass, in
    linear time; a ``<!--`` left unclosed is text.
    """
    pos = 0
    for start, end in comment_spans(text):
        if not blank(text[pos:start]):
            return False
        pos = end
    return blank(text[pos:])  # an unclosed ``<!--`` is text


class Deferred:
    """An item whose reading is finished where it is scored (a worker process): :meth:`read` gives the Article.

    What a reader found on its own (where the item is, a problem with the file or the
    line as a whole) is known already; the rest (decoding and parsing the record) is left
    to :meth:`read`, so the run's main process does not do it for every article.
    """

    __slots__ = ()

    def read(self) -> Article | Unreadable:
        """The Article, or the Unreadable naming what is wrong with it (as the plain reader would have said)."""
        raise NotImplementedError


#: ``read(handle, path, sources)``: ``sources`` is the ``[sources]`` configuration table.
Read = Callable[[IO[bytes], str, Mapping[str, Any]], Iterator[Article | Unreadable]]
#: A reader that may leave items' reading to where they are scored (:class:`Deferred`).
ReadDeferred = Callable[[IO[bytes], str, Mapping[str, Any]], Iterator[Article | Unreadable | Deferred]]
#: How a copy of a stream in a format is bounded (:mod:`copydesk.sources._spool`).
Spooling = Literal["article", "lines", "file"]


@dataclass(frozen=True)
class InputFormat:
    """An input kind: its name (``source.format``, ``stdin_format``), its reader, and how it is spooled.

    ``spool`` says how much of standard input or a pipe in this format is copied for the
    batch pass's second read: ``article`` (one article, read whole: ``max_bytes``),
    ``lines`` (records at line breaks: ``max_spool_bytes``, cut after a whole line) or
    ``file`` (records in a file read at random: ``max_spool_bytes``, else unreadable).
    ``deferred``, when there is one, reads the same items as ``read`` but leaves each
    record's parsing to :meth:`Deferred.read` (the scoring pass's worker processes).
    """

    name: str
    read: Read
    spool: Spooling = "article"
    #: The reader that leaves each record's parsing to where it is scored (None: :attr:`read` does it all).
    deferred: ReadDeferred | None = None


class Decoded(NamedTuple):
    """A whole file's decoded text and where it came from."""

    text: str
    path: str
    format: str
    encoding: str = "utf-8"
    detected: bool = False


def decode(data: bytes, fallback: bool, declared: str | None = None) -> tuple[str, str, bool] | str:
    """Decode bytes: UTF-8 (BOM stripped), else the ``declared`` encoding, else a detected one; or a problem string.

    An encoding the input declares (an HTML page's ``<meta charset>``) is taken as a browser
    takes it, not guessed (its flag is False), when the bytes decode in it without error.
    """
    if not data.strip():
        return "empty file"
    if (wide := bom_encoding(data)) is not None:
        return _decode_wide(data, wide, fallback)
    if b"\x00" in data[:8192]:
        return "binary file (contains NUL bytes)"
    whole = data
    while data.startswith(UTF8_BOM):  # one or more: a tool that adds one to a file holding one
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 ({not_utf8_at(whole, exc)})"
        if not fallback:
            return reason
    if declared is not None:
        try:
            return data.decode(declared), declared, False
        except (UnicodeDecodeError, LookupError):  # a codec that is no text encoding: as if none was declared
            pass
    if (western := read_western(data)) is not None:
        return western[0], western[1], True
    found = detect(data)
    if isinstance(found, str):
        return f"{reason}, and {found}"
    return found[0], found[1], True


def detect(data: bytes) -> tuple[str, str] | str:
    """``(text, encoding)`` as charset-normalizer decodes ``data``; or why no encoding is taken.

    A best guess in which charset-normalizer recognises no language (its coherence is 0)
    is refused as unsure: on a short text it is a guess among look-alikes (one sentence
    of KOI8-R Cyrillic reads as Japanese cp932 there), and scoring its mojibake would
    grade text nobody wrote. Longer text (a few sentences) gives it a language to go by.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return "its encoding could not be detected"
    if best.coherence <= 0.0:
        return (
            "its encoding could not be detected with confidence"
            f" (its best guess, {best.encoding}, gives text in no language it recognises)"
        )
    return str(best), best.encoding


#: The encoding named for UTF-8 text holding stray bytes, each read as Windows-1252.
STRAY_BYTES = "utf-8+cp1252"
#: The encoding named for text with no UTF-8 sequence and few bytes above 0x7F, read as Windows-1252.
WESTERN = "windows-1252"
_STRAY = re.compile("[\udc80-\udcff]")
_UTF8_LETTER = re.compile("[^\x00-\x7f\udc80-\udcff]")
_ASCII = bytes(range(128))


def _stray(match: re.Match[str]) -> str:
    """One undecodable byte (a surrogate escape) read as Windows-1252, or as Latin-1 where 1252 leaves it unassigned."""
    raw = bytes([ord(match.group()) - 0xDC00])
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_western(data: bytes) -> tuple[str, str] | None:
    """Bytes that are not UTF-8, read the way English copy almost always is; None for anything else.

    Text whose valid UTF-8 characters beyond ASCII are at least as many as its invalid
    bytes is UTF-8 with strays (a Windows-1252 apostrophe pasted into a UTF-8 story; text in
    another multi-byte encoding such as Shift_JIS forms a valid UTF-8 sequence only now and
    then): it stays UTF-8 and only each
    stray byte is read as Windows-1252 (``utf-8+cp1252``), so one bad byte cannot turn
    every other accent and dash into another code page's letters. Text with no UTF-8
    sequence and at most a quarter of its bytes above 0x7F is Western single-byte copy,
    read as Windows-1252 (a superset of Latin-1's printable characters), where a detector
    guessing from a few bytes picks Central European, Baltic or Thai code pages. Anything
    else (Cyrillic, Greek or East Asian text, say) is left to charset-normalizer.
    """
    text = data.decode("utf-8", "surrogateescape")
    if len(_UTF8_LETTER.findall(text)) >= len(_STRAY.findall(text)):
        return _STRAY.sub(_stray, text), STRAY_BYTES
    if 4 * len(data.translate(None, _ASCII)) > len(data):
        return None
    return _STRAY.sub(_stray, text), WESTERN


def _decode_wide(data: bytes, encoding: str, fallback: bool) -> tuple[str, str, bool] | str:
    """Bytes after a UTF-16 or UTF-32 byte order mark, decoded; or a problem string (text holding NULs is binary)."""
    name = encoding.upper()
    if not fallback:
        return f"not valid UTF-8 (a {name} byte order mark)"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        return f"not valid {name} after its byte order mark (byte {exc.start + 1} of the file: {exc.reason})"
    if "\x00" in text[:8192]:
        return f"binary file (contains NUL characters after a {name} byte order mark)"
    return text, encoding, True


def read_whole(
    handle: IO[bytes],
    path: str,
    fmt: str,
    sources: Mapping[str, Any],
    declares: Callable[[bytes], str | None] | None = None,
) -> Decoded | Unreadable:
    """A whole file as text, refused when larger than ``max_bytes`` or undecodable.

    ``declares`` reads the encoding the file itself declares (an HTML page's charset), if any.
    """
    max_bytes = int(sources["max_bytes"])
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Unreadable(path, f"larger than sources.max_bytes ({max_bytes} bytes)", format=fmt)
    declared = declares(data) if declares is not None else None
    decoded = decode(data, bool(sources["encoding_fallback"]), declared)
    if isinstance(decoded, str):
        return Unreadable(path, decoded, format=fmt)
    return Decoded(decoded[0], path, fmt, decoded[1], decoded[2])
