"""Generate the bad-input set into a folder: ``python tests/badinput/make_badinput.py OUT [--big]``.

Every file is made here (nothing binary is committed). ``EXPECTED`` says, for
each file name, what derek must make of it: ``ok`` (a correct result) or the
ingest error code of the row it must produce. ``--big`` adds the 200 MB text
file (written lazily, in chunks, so making it costs no memory).
"""
from __future__ import annotations

import argparse
import io
import os
import random
import sys
import zipfile
import zlib
from pathlib import Path

KK = ("Қазақстан Республикасында 2017 жылы медиаторлар саны 30 057 өтінішті қарады. "
      "Азаматтық қоғам институттары мемлекетпен диалог жүргізеді. ")
RU = ("В 2019 году число медиаторов в Казахстане выросло на 15%. "
      "Гражданское общество ведёт диалог с государством. ")
EN = "The number of mediators grew by 15% in 2019. Civil society holds a dialogue with the state. "

# file name -> "ok" or the ingest error code expected (E0xx, see pipeline/ingest.py)
EXPECTED: dict[str, str] = {
    "empty.txt": "E002",
    "spaces only.txt": "E002",
    "noise.txt": "E010",
    "truncated.pdf": "E024",
    "encrypted.pdf": "E023",
    "image_only.pdf": "E020",
    "not_a_pdf.pdf": "E021",
    "bomb.docx": "E032",
    "bomb.pdf": "E026",
    "not_a_zip.docx": "E031",
    "zip_not_docx.docx": "E031",
    "nul_and_surrogates.txt": "ok",
    "nul_and_surrogates_utf16.txt": "ok",
    "long_line_5mb.txt": "ok",
    "enc_utf8.txt": "ok",
    "enc_utf8_sig.txt": "ok",
    "enc_utf16.txt": "ok",
    "enc_utf16_le.txt": "ok",
    "enc_utf16_be.txt": "ok",
    "enc_cp1251_ru.txt": "ok",
    "enc_cp1251_kk.txt": "ok",
    "enc_koi8_r.txt": "ok",
    "enc_kz1048.txt": "ok",
    "enc_utf32.txt": "ok",
    "enc_shift_jis_unsupported.txt": "E011",
    "file with spaces.txt": "ok",
    "Қазақ мақаласы №1.txt": "ok",
    "Статья..итог.txt": "ok",
    "..hidden..txt": "ok",
    "good.pdf": "ok",
    "good.docx": "ok",
    "loop/a.txt": "E004",  # a.txt -> b.txt -> a.txt
    "loop/b.txt": "E004",
    "huge_page.pdf": "E027",  # one page of 100 000 lines: refused before its layout is built
}
BIG = "big_200mb.txt"  # with --big: refused by size (E003)

# text each "ok" file must decode to (a substring check; None: only "it is read")
DECODED: dict[str, str] = {
    "enc_utf8.txt": KK, "enc_utf8_sig.txt": KK, "enc_utf16.txt": KK, "enc_utf16_le.txt": KK,
    "enc_utf16_be.txt": RU, "enc_cp1251_ru.txt": RU, "enc_koi8_r.txt": RU, "enc_kz1048.txt": KK, "enc_utf32.txt": KK,
    "enc_cp1251_kk.txt": "Казакстан Республикасында",  # written with Russian look-alikes, as old files are
}


def _article(lang: str = "kk", n: int = 6) -> str:
    body = {"kk": KK, "ru": RU, "en": EN}[lang]
    return "ТАҚЫРЫП: АЗАМАТТЫҚ ҚОҒАМ ЖӘНЕ МЕДИАЦИЯ\n\n" + "\n".join(body for _ in range(n)) + "\n"


def _pdf_bytes(lines: list[str]) -> bytes:
    import matplotlib
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = A4[1] - 40
    c.setFont("DejaVu", 9)
    for line in lines:
        c.drawString(30, y, line)
        y -= 12
    c.save()
    return buf.getvalue()


def _image_pdf() -> bytes:
    """A page holding only a picture (a scan without OCR)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    img = Image.fromarray((rng.random((200, 300)) * 255).astype("uint8"), mode="L")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 50, 400, width=300, height=200)
    c.save()
    return buf.getvalue()


def _encrypted_pdf(plain: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for p in PdfReader(io.BytesIO(plain)).pages:
        w.add_page(p)
    w.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_bomb() -> bytes:
    """A DOCX-shaped zip whose document.xml unpacks to 1 GB of zeros (about 1 MB packed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
    return buf.getvalue()


def _pdf_bomb(size: int = 1 << 30) -> bytes:
    """A one-page PDF whose content stream is 1 GB of spaces, Flate-compressed to about 1 MB."""
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(z.compress(chunk) for _ in range(size // len(chunk))) + z.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _raw_pdf(objs: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def huge_page_pdf(lines: int = 100_000, *, size: float = 1, leading: float = 0.008) -> bytes:
    """A one-page PDF whose page shows ``lines`` lines of text (~6 MB of content, ~350 kB packed).

    Built by hand (a standard font, nothing embedded): pdfminer needs ~10 kB per character to
    lay such a page out, so reading it unchecked takes over 10 GB.
    """
    body = bytearray(b"BT /F1 %g Tf %g TL 10 800 Td\n" % (size, leading))
    for i in range(lines):  # ' moves to the next line and shows the string
        body += b"(Line %d: the number of mediators grew by %d%% in %d.) '\n" % (i, i % 97, 1990 + i % 35)
    body += b"ET\n"
    packed = zlib.compress(bytes(body), 9)
    return _raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def make(out: Path, *, big: bool = False) -> dict[str, str]:
    """Write the set into ``out``; return EXPECTED (plus the big file when made)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)

    def w(name: str, data: bytes) -> None:
        p = out / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)

    w("empty.txt", b"")
    w("spaces only.txt", b" \n\t\n   \r\n")
    w("noise.txt", bytes(rng.getrandbits(8) for _ in range(64 * 1024)))
    good_pdf = _pdf_bytes(["Қазақстан Республикасында 2017 жылы медиаторлар саны 30 057 болды.",
                           "Азаматтық қоғам институттары мемлекетпен диалог жүргізеді."])
    w("good.pdf", good_pdf)
    w("truncated.pdf", good_pdf[: len(good_pdf) // 3])
    w("encrypted.pdf", _encrypted_pdf(good_pdf))
    w("image_only.pdf", _image_pdf())
    w("not_a_pdf.pdf", ("Бұл PDF емес, жай мәтін.\n" * 20).encode("utf-8"))
    w("bomb.pdf", _pdf_bomb())
    w("huge_page.pdf", huge_page_pdf())
    w("good.docx", _docx_bytes([KK, RU]))
    w("bomb.docx", _zip_bomb())
    w("not_a_zip.docx", bytes(rng.getrandbits(8) for _ in range(4096)))
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("readme.txt", "not a word document")
    w("zip_not_docx.docx", zbuf.getvalue())

    # NUL bytes and lone surrogates inside otherwise good text
    t = _article("kk")
    mid = len(t) // 2
    w("nul_and_surrogates.txt",
      t[:mid].encode() + b"\x00\x00" + "\ud800".encode("utf-8", "surrogatepass") + t[mid:].encode()
      + "\udfff".encode("utf-8", "surrogatepass") + b"\x00")
    w("nul_and_surrogates_utf16.txt",
      (t[:mid] + "\x00\ud83d" + t[mid:] + "\udc00").encode("utf-16", "surrogatepass"))

    # one 5 MB line: sentences without a single line break
    line = (KK.replace("\n", " ") * (5 * 2**20 // len(KK.encode()) + 1)).encode()[: 5 * 2**20]
    w("long_line_5mb.txt", line.decode("utf-8", "ignore").encode())

    # every supported encoding, and two that are not
    w("enc_utf8.txt", _article("kk").encode("utf-8"))
    w("enc_utf8_sig.txt", _article("kk").encode("utf-8-sig"))
    w("enc_utf16.txt", _article("kk").encode("utf-16"))
    w("enc_utf16_le.txt", _article("kk").encode("utf-16-le"))
    w("enc_utf16_be.txt", (RU * 6).encode("utf-16-be"))
    w("enc_cp1251_ru.txt", (RU * 6).encode("cp1251"))
    # Kazakh letters that CP1251 lacks are written as their Russian look-alikes, as old files do
    kk1251 = _article("kk").translate(str.maketrans("ҚқҒғҢңӨөҰұҮүҺһӘәІі", "КкГгНнОоУуУуҺһАаIi"))
    w("enc_cp1251_kk.txt", kk1251.replace("Һ", "Х").replace("һ", "х").encode("cp1251"))
    w("enc_koi8_r.txt", (RU * 6).encode("koi8-r"))
    w("enc_kz1048.txt", _article("kk").encode("kz1048"))
    w("enc_utf32.txt", _article("kk").encode("utf-32"))
    w("enc_shift_jis_unsupported.txt", ("日本語のテキストです。政治学の論文。" * 40).encode("shift_jis"))

    # awkward names
    for name in ("file with spaces.txt", "Қазақ мақаласы №1.txt", "Статья..итог.txt", "..hidden..txt"):
        w(name, _article("ru" if "Статья" in name else "kk").encode())

    # a symlink loop
    loop = out / "loop"
    loop.mkdir(exist_ok=True)
    for a, b in (("a.txt", "b.txt"), ("b.txt", "a.txt")):
        p = loop / a
        if p.is_symlink() or p.exists():
            p.unlink()
        os.symlink(b, p)
    d = loop / "self"
    if not d.is_symlink():
        os.symlink(".", d)  # a folder that contains itself

    expected = dict(EXPECTED)
    if big:
        make_big(out / BIG)
        expected[BIG] = "E003"
    return expected


# what derek must make of each file of make_hostile(): an error code, "skipped:<code>" (a warning
# row, the file not read) or "ok"; names are the manifest's readable paths
HOSTILE: dict[str, str] = {
    "fifo.txt": "E006",  # a named pipe: opening it for reading would wait for a writer forever
    "zero.txt": "E006",  # a link to /dev/zero: reading it never ends
    "outside.txt": "skipped:E007",  # a link to a file outside the input folder
    "b\\xff.txt": "ok",  # a file name that is not UTF-8 (the byte 0xff)
    "ok.txt": "ok",
}
SECRET = "SECRET-LINE-THAT-MUST-NOT-BE-COPIED"


def make_hostile(out: Path, outside: Path) -> dict[str, str]:
    """Files that are not what their names say, in ``out``; ``outside`` (not under ``out``) gets
    the file that the link ``outside.txt`` points to. Returns HOSTILE."""
    out.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    os.mkfifo(out / "fifo.txt")
    os.symlink("/dev/zero", out / "zero.txt")
    secret = outside / "secret.txt"
    secret.write_text(f"{SECRET}\n" + _article("ru"), encoding="utf-8")
    os.symlink(secret.resolve(), out / "outside.txt")
    with open(os.path.join(os.fsencode(out), b"b\xff.txt"), "wb") as f:
        f.write(_article("kk").encode("utf-8"))
    (out / "ok.txt").write_text(_article("ru"), encoding="utf-8")
    return dict(HOSTILE)


def make_big(path: Path, size: int = 200 * 2**20) -> Path:
    """A 200 MB UTF-8 text file, written in 1 MB chunks."""
    if path.exists() and path.stat().st_size == size:
        return path
    chunk = (KK * (2**20 // len(KK.encode()) + 1)).encode()[: 2**20]
    chunk = chunk.decode("utf-8", "ignore").encode().ljust(2**20, b" ")
    with open(path, "wb") as f:
        for _ in range(size // len(chunk)):
            f.write(chunk)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--big", action="store_true", help="also write the 200 MB text file")
    args = ap.parse_args(argv)
    exp = make(Path(args.out), big=args.big)
    for name, code in sorted(exp.items()):
        print(f"{code:5} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
