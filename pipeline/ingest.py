"""Bytes to text: plain text in any of the supported encodings, PDF and DOCX.

Every failure is an :class:`IngestError` with a numbered code and a message a
reader without a programming background can act on.
"""
from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import stat
import time
import zlib
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import Source

FORMATS = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".docx": "docx",
           ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep one bad file from eating the machine."""

    max_bytes: int = 64 * 1024 * 1024  # larger files are refused before they are read
    # the analysis holds ~180 bytes per character at its peak (measured: 5 M characters of
    # Kazakh -> 0.9 GB, 30 s), so 5 M characters keep one source under 1 GB; an article is
    # ~50 000 characters, a whole journal issue 1-3 M
    max_chars: int = 5_000_000
    max_pages: int = 2000
    max_unzipped_bytes: int = 200 * 1024 * 1024  # DOCX: total uncompressed size
    max_zip_ratio: float = 200.0  # DOCX: uncompressed / compressed
    max_pdf_inflated: int = 512 * 1024 * 1024  # PDF: total size of its compressed streams unpacked
    max_seconds: float = 600.0  # PDF: text extraction time
    # PDF: characters one page may hold, checked from the page's content before its layout is built
    # (a dense printed page holds 3 000-6 000; pdfminer's layout costs ~10 kB per character, so one
    # page of 100 000 lines would take over 10 GB)
    max_page_chars: int = 100_000


class IngestError(Exception):
    """A source that cannot be read; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path, *, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file read in 1 MB chunks (a refused 200 MB file costs no memory)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def source_format(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def read_source(path: Path, *, source_id: str, limits: Limits = Limits(), rel: str | None = None) -> Source:
    """Read one file into a :class:`Source` or raise :class:`IngestError`.

    Only a regular file is read: a FIFO, device or socket (also behind a symbolic link, such as a
    ``*.txt`` link to ``/dev/zero``) is refused before a byte is read, so it can never block.
    """
    fmt = source_format(path) or "txt"
    fd = open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size == 0:
            raise IngestError("E002", "the file is empty (0 bytes): there is nothing to read.")
        if size > limits.max_bytes:
            raise IngestError(
                "E003",
                f"the file is {size / 2**20:.0f} MB, larger than the {limits.max_bytes / 2**20:.0f} MB limit; "
                "split it into articles or raise --max-mb.",
            )
        if fmt == "txt" and size > 4 * limits.max_chars:  # a character is at most 4 bytes: refused unread
            raise IngestError(
                "E005",
                f"the text has at least {size / 4e6:.0f} million characters, more than the {limits.max_chars / 1e6:.0f} "
                "million one source may hold; split it into articles.",
            )
        try:
            data = _read_fd(fd, limits.max_bytes)
        except OSError as e:
            raise IngestError("E001", f"the file cannot be read ({e.strerror or e}).") from None
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:  # grew while it was read
        raise IngestError("E003", f"the file grew past the {limits.max_bytes / 2**20:.0f} MB limit while it was read; "
                                  "split it into articles or raise --max-mb.")
    digest = sha256_bytes(data)
    pages: tuple[int, ...] = ()
    if fmt == "pdf":
        text, pages = pdf_text(data, limits=limits)
        encoding = None
    elif fmt == "docx":
        text = docx_text(data, limits=limits)
        encoding = None
    elif fmt in ("md", "html"):  # the text of the markup (pipeline/formats.py); offsets index it
        from pipeline.formats import to_text

        raw, encoding = decode_text(data)
        text = to_text(raw, fmt)
    else:
        text, encoding = decode_text(data)
    if len(text) > limits.max_chars:
        raise IngestError(
            "E005",
            f"the text has {len(text) / 1e6:.1f} million characters, more than the {limits.max_chars / 1e6:.0f} "
            "million one source may hold; split it into articles.",
        )
    text = clean_text(text)
    if not text.strip():
        if fmt == "pdf":
            raise IngestError("E020", "the PDF has no text layer (a scanned image?); run OCR first.")
        raise IngestError("E002", "the file holds no text, only spaces, line breaks or control characters.")
    return Source(path=rel or str(path), source_id=source_id, sha256=digest, format=fmt,
                  encoding=encoding, text=text, pages=pages)


def open_regular(path: str | Path) -> int:
    """A read-only descriptor of ``path`` if it is a regular file (links followed); else IngestError.

    Opened without blocking (a FIFO with no writer would block an ordinary open forever) and checked
    on the open descriptor, so the file cannot be swapped between the check and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise IngestError("E004", "the file is a symbolic link that leads back to itself (a link loop); "
                                      "point it at a real file or remove it.") from None
        if e.errno == errno.ENOENT and os.path.islink(path):
            raise IngestError("E004", "the file is a symbolic link to a file that does not exist.") from None
        if e.errno == errno.ENXIO:  # a socket
            raise IngestError("E006", NOT_REGULAR) from None
        raise IngestError("E001", f"the file cannot be opened ({e.strerror or e}).") from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as e:
        os.close(fd)
        raise IngestError("E001", f"the file cannot be opened ({e.strerror or e}).") from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise IngestError("E006", NOT_REGULAR)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


NOT_REGULAR = ("this is not a regular file (a pipe, device, socket or folder, perhaps behind a link); "
               "derek reads files only.")


def _read_fd(fd: int, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of an open file (one more tells that it grew past the limit)."""
    chunks = []
    left = max_bytes + 1
    while left > 0:
        block = os.read(fd, min(left, 1 << 20))
        if not block:
            break
        chunks.append(block)
        left -= len(block)
    return b"".join(chunks)


def regular_sha256(path: str | Path) -> str | None:
    """SHA-256 of ``path`` if it is a readable regular file, else None (never blocks on a FIFO or device)."""
    try:
        fd = open_regular(path)
    except IngestError:
        return None
    h = hashlib.sha256()
    try:
        while block := os.read(fd, 1 << 20):
            h.update(block)
    except OSError:
        return None
    finally:
        os.close(fd)
    return h.hexdigest()


# --- plain text -------------------------------------------------------------

_CYR_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
# the most frequent Cyrillic letters of Russian and Kazakh text
_FREQUENT = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёәғқңөұүһі")


def _cyrillic_score(text: str) -> float:
    """Share of letters that are lower-case Cyrillic in a natural pattern."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    lower = sum(c in _CYR_LOWER for c in letters)
    return lower / len(letters)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes; return (text, encoding name). Raises IngestError when not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32"), "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16"
    # UTF-16 without BOM: every other byte NUL in ASCII-heavy text, or Cyrillic high bytes 0x04
    if len(data) >= 4:
        even_nul = data[1::2].count(0) / max(1, len(data[1::2]))
        odd_nul = data[0::2].count(0) / max(1, len(data[0::2]))
        even_04 = data[1::2].count(4) / max(1, len(data[1::2]))
        odd_04 = data[0::2].count(4) / max(1, len(data[0::2]))
        if len(data) % 2 == 0 and (even_nul + even_04 > 0.6) and odd_nul < 0.05:
            return _strict(data, "utf-16-le"), "utf-16-le"
        if len(data) % 2 == 0 and (odd_nul + odd_04 > 0.6) and even_nul < 0.05:
            return _strict(data, "utf-16-be"), "utf-16-be"
    if _looks_binary(data):
        raise IngestError("E010", "the file is not text (binary content); is it a misnamed PDF, image or archive?")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
    # CP1251; KZ-1048 (CP1251 with the Kazakh letters, Windows' Kazakh code page); KOI8-R.
    # The best-scoring decoding wins; on a tie the earlier one (plain CP1251 for Russian text).
    best = None
    for rank, enc in enumerate(("cp1251", "kz1048", "koi8-r")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        key = (round(_cyrillic_score(text), 4), -rank)
        if best is None or key > best[0]:
            best = (key, enc, text)
    if best is not None and best[0][0] >= 0.5:
        return best[2], best[1]
    raise IngestError(
        "E011",
        "the text encoding is not one derek reads (UTF-8, UTF-16, UTF-32, CP1251, KZ-1048, KOI8-R); "
        "save the file as UTF-8 and run again.",
    )


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few invalid bytes (a lone surrogate, a cut character): the text without them.

    Accepted when valid multi-byte characters outnumber the invalid bytes twenty to one
    (in a CP1251 or KOI8-R file almost every letter is an invalid byte).
    """
    text = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    wide = sum(1 for c in text if c > "\x7f" and not "\udc80" <= c <= "\udcff")
    if wide >= 20 * bad:
        return text  # the escapes are lone surrogates: clean_text drops them
    return None


def _strict(data: bytes, enc: str) -> str:
    try:
        # UTF-16/32 may carry lone surrogates (a cut emoji): kept here, dropped by clean_text
        return data.decode(enc, "surrogatepass" if enc.startswith("utf-") and enc[4:6] in ("16", "32") else "strict")
    except UnicodeDecodeError:
        raise IngestError("E011", f"the file claims {enc} but is not valid {enc}; save it again as UTF-8.") from None


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if not head:
        return False
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")):
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return ctrl / len(head) > 0.02


_CTRL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufeff]")


def clean_text(text: str) -> str:
    """Drop control characters, lone surrogates and BOMs; keep newlines, tabs and form feeds.

    This is the text every offset indexes (written to ``out/text/``).
    """
    text = _CTRL.sub("", text)
    return unicodedata.normalize("NFC", text) if not unicodedata.is_normalized("NFC", text) else text


# --- PDF --------------------------------------------------------------------

def pdf_text(data: bytes, *, limits: Limits) -> tuple[str, tuple[int, ...]]:
    """Text of every page in reading order; pages start at the returned offsets."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not data.startswith(b"%PDF"):
        if b"%PDF" not in data[:1024]:
            raise IngestError("E021", "the file is named .pdf but is not a PDF.")
    _check_pdf_streams(data, limits)
    parts: list[str] = []
    seps: list[str] = []
    starts: list[int] = []
    pos = 0
    t0 = time.monotonic()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.max_pages:
                raise IngestError("E022", f"the PDF has {len(pdf.pages)} pages, more than the {limits.max_pages} page limit.")
            for page in pdf.pages:
                if time.monotonic() - t0 > limits.max_seconds:
                    raise IngestError("E025", f"reading the PDF's text took longer than {limits.max_seconds:.0f} s "
                                              f"(stopped at page {len(parts) + 1}); the file may be damaged.")
                n = page_chars_bound(page.page_obj, limits.max_page_chars)
                if n > limits.max_page_chars:
                    raise IngestError("E027", f"page {len(parts) + 1} of the PDF holds about {n:,} characters, more "
                                              f"than the {limits.max_page_chars:,} one page may hold: refused as too "
                                              "large (a damaged or generated file?).")
                t = page_text(page)
                if parts:  # pages apart by a blank line; a table that goes on over the page break by a newline
                    seps.append("\n" if _table_goes_on(parts[-1], t) else "\n\n")
                    pos += len(seps[-1])
                starts.append(pos)
                parts.append(t)
                pos += len(t)
                page.flush_cache()
                if pos > limits.max_chars:
                    raise IngestError("E005", f"the PDF's text passes {limits.max_chars / 1e6:.0f} million characters "
                                              f"by page {len(parts)}, more than one source may hold; split it into "
                                              "articles.")
    except IngestError:
        raise
    except PDFPasswordIncorrect:
        raise IngestError("E023", "the PDF is password-protected; save an unprotected copy.") from None
    except MemoryError:
        raise IngestError("E026", "the PDF needs more memory than derek allows for one file; it may be damaged.") from None
    except RecursionError:
        raise IngestError("E024", "the PDF is damaged and cannot be read (its objects refer to each other in a loop).") from None
    except Exception as e:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e.__cause__ or e
        if isinstance(inner, PDFPasswordIncorrect):
            raise IngestError("E023", "the PDF is password-protected; save an unprotected copy.") from None
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(e).lower():
            raise IngestError("E023", "the PDF is password-protected; save an unprotected copy.") from None
        raise IngestError("E024", f"the PDF is damaged or truncated and cannot be read ({name}).") from None
    return "".join(sep + t for sep, t in zip([""] + seps, parts)), tuple(starts)


def _table_goes_on(page: str, nxt: str) -> bool:
    """True when ``page`` ends with a table row and ``nxt`` starts with one of as many cells (a ruled
    table printed over a page break: one table, so that the rows of the next page keep its header)."""
    last = page.rstrip("\n").rpartition("\n")[2]
    first = nxt.lstrip("\n").partition("\n")[0]
    rows = [ln for ln in (last, first) if ln.startswith("| ") and ln.endswith(" |")]
    return len(rows) == 2 and last.count(" | ") == first.count(" | ")


_PDF_TEXT = {"x_tolerance": 1.5, "y_tolerance": 3}


def page_text(page) -> str:
    """The text of a PDF page in reading order; a ruled table (a rule around every cell, at least two
    rows and two columns) written as derek writes Markdown, HTML and DOCX tables: one row a line,
    ``| cell | cell |``, a merged cell repeated in every row and column it covers, a blank line
    before and after. Text above, between and below tables is read as before.

    Read as plain lines, a table's cells ran into one another and lost their header (amounts lost
    their unit; row numbers were read as figures).
    """
    tables = []
    if page.rects or page.lines:  # a ruled table needs rules
        try:
            tables = [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.columns) >= 2]
        except Exception:  # a page whose rules pdfplumber cannot take as a table: read as text
            tables = []
    if not tables:
        return page.extract_text(**_PDF_TEXT) or ""
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(outside)
    left, ptop, right, pbottom = page.bbox
    parts: list[str] = []
    y = ptop
    for t in tables:
        top, bottom = t.bbox[1], t.bbox[3]
        if top > y:
            parts.append(rest.crop((left, y, right, top)).extract_text(**_PDF_TEXT) or "")
        parts.append(_table_text(t))
        y = max(y, bottom)
    if pbottom > y:
        parts.append(rest.crop((left, y, right, pbottom)).extract_text(**_PDF_TEXT) or "")
    return "\n\n".join(p.strip("\n") for p in parts if p.strip())


def _table_text(table) -> str:
    """``| cell | cell |`` lines of a pdfplumber table; a place a merged cell covers (``None`` in
    ``extract()``) takes the text of the cell drawn over it."""
    rows = table.extract(**_PDF_TEXT)
    text_of = {}
    for row, texts in zip(table.rows, rows):
        for bbox, tx in zip(row.cells, texts):
            if bbox is not None:
                text_of[bbox] = tx or ""
    cols = [c.bbox for c in table.columns]
    out = []
    for row, texts in zip(table.rows, rows):
        cy = (row.bbox[1] + row.bbox[3]) / 2
        cells = []
        for j, (bbox, tx) in enumerate(zip(row.cells, texts)):
            if bbox is None and j < len(cols):
                cx = (cols[j][0] + cols[j][2]) / 2
                tx = next((v for (x0, top, x1, bottom), v in text_of.items()
                           if x0 <= cx <= x1 and top <= cy <= bottom), "")
            # a cell's lines joined by a space; after a hyphen by nothing (санитарлық-|эпидемиологиялық, 2019-|2020)
            tx = re.sub(r"(?<=[^\W_]-)[ \t]*\n\s*(?=[^\W_])", "", tx or "")
            cells.append(" ".join(tx.split()).replace("|", "/"))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


# a string operand of a content stream: a literal string (one level of nested parentheses) or a hex string
_PDF_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>", re.S)


def page_chars_bound(page_obj, cap: int) -> int:
    """An upper bound on the characters a PDF page shows: the bytes of the strings in its content
    streams and in the form XObjects it draws (every character shown costs at least one byte of a
    string, two hex digits in a hex string). Counting stops once it passes ``cap``.

    Reading the strings of a page costs its unpacked content (a few MB); building pdfminer's layout
    of a page costs ~10 kB per character, which is what this check guards.

    A page that shows ``(Hello) Tj`` and ``<48656c6c6f> Tj``: 5 + 5 = 10.
    """
    from pdfminer.pdftypes import PDFStream, resolve1

    total = 0
    seen: set[int] = set()

    def count(stream) -> None:
        nonlocal total
        if not isinstance(stream, PDFStream) or id(stream) in seen or total > cap:
            return
        seen.add(id(stream))
        data = stream.get_data() or b""
        for m in _PDF_STRING.finditer(data):
            s = m.group()
            total += len(s) - 2 if s[:1] == b"(" else (len(s) - 2) // 2
            if total > cap:
                return
        res = resolve1(stream.attrs.get("Resources")) if hasattr(stream, "attrs") else None
        forms(res)

    def forms(res, depth: int = 0) -> None:
        if not isinstance(res, dict) or depth > 8:
            return
        xobjects = resolve1(res.get("XObject"))
        if isinstance(xobjects, dict):
            for ref in xobjects.values():
                x = resolve1(ref)
                if isinstance(x, PDFStream) and getattr(resolve1(x.attrs.get("Subtype")), "name", None) == "Form":
                    count(x)

    try:
        for s in page_obj.contents or ():
            count(resolve1(s))
        forms(resolve1(page_obj.resources))
    except Exception:  # a damaged stream: pdfminer reports it (as a damaged PDF) when it reads the page
        pass
    return total


_STREAM = re.compile(rb"stream\r?\n")


def _check_pdf_streams(data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose compressed streams unpack to more than ``limits.max_pdf_inflated`` (a PDF bomb).

    Each Flate stream (``stream`` .. ``endstream``) is inflated in 1 MB steps and
    only counted, so the check holds a few MB at most; other streams are skipped.
    """
    total = 0
    step = 1 << 20
    view = memoryview(data)
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if not m:
            return
        a = m.end()
        b = data.find(b"endstream", a)
        if b < 0:
            b = len(data)
        pos = max(b, a)
        if b - a < 2 or data[a] & 0x0F != 8 or ((data[a] << 8) | data[a + 1]) % 31:
            continue  # not a zlib header
        d = zlib.decompressobj()
        buf = view[a:b]
        try:
            while buf:
                total += len(d.decompress(buf, step))
                if total > limits.max_pdf_inflated:
                    raise IngestError(
                        "E026",
                        f"the PDF's compressed content unpacks to more than {limits.max_pdf_inflated / 2**20:.0f} MB "
                        f"({total / max(1, len(data)):.0f}x its size): refused as a possible PDF bomb.",
                    )
                if d.eof:
                    break
                buf = d.unconsumed_tail
        except zlib.error:
            continue


# --- DOCX -------------------------------------------------------------------

def docx_text(data: bytes, *, limits: Limits) -> str:
    """Paragraphs and tables of a DOCX in document order, each a block between blank lines (a Word
    paragraph is a paragraph: a signature line stays apart from the name under it; empty
    paragraphs are left out).

    A table is written as Markdown and HTML tables are (``pipeline/formats.py``): one row a line,
    ``| cell | cell |`` (a ``|`` inside a cell as ``/``, a merged cell repeated in every row and
    column it covers), with a blank line before and after, so that its header and units are read as
    a table's are.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise IngestError("E031", "the file is named .docx but is not a Word document (not a zip archive).") from None
    except Exception as e:  # a damaged archive: NotImplementedError (odd zip version), ValueError, EOFError ...
        raise IngestError("E033", f"the Word document is damaged and cannot be read ({type(e).__name__}).") from None
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if total > limits.max_unzipped_bytes or total / packed > limits.max_zip_ratio:
            raise IngestError(
                "E032",
                f"the Word document unpacks to {total / 2**20:.0f} MB ({total / packed:.0f}x its size): "
                "refused as a possible zip bomb.",
            )
        if "word/document.xml" not in zf.namelist():
            raise IngestError("E031", "the file is a zip archive but not a Word document (no word/document.xml).")
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        d = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for block in d.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = DocxParagraph(block, d).text
                if text.strip():
                    blocks.append(text)
            elif tag == "tbl":
                rows = ["| " + " | ".join(" ".join(c.text.split()).replace("|", "/") for c in row.cells) + " |"
                        for row in DocxTable(block, d).rows]
                if rows:
                    blocks.append("\n".join(rows))
        return "\n\n".join(blocks)
    except IngestError:
        raise
    except Exception as e:
        raise IngestError("E033", f"the Word document is damaged and cannot be read ({type(e).__name__}).") from None
