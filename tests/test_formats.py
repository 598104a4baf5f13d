from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.formats import html_to_text, markdown_to_text, table_rows


@pytest.mark.parametrize("md,text", [
    ("# Шешім туралы\n\n1\\. Бекітілсін.", "Шешім туралы\n\n1. Бекітілсін."),
    ("Мәтін &quot;Нұр&quot; *қосымша* __қалың__", 'Мәтін "Нұр" қосымша қалың'),
    ('<a id="p1"></a>\n\n2\\. Келесі тармақ.', "2. Келесі тармақ."),
    ("```\nКод   жолы\n```", "Код   жолы"),
    ("| Аудан | Сома |\n|---|---|\n| Еңбекші | 1 200 |\n", "| Аудан | Сома |\n| Еңбекші | 1 200 |"),
    ("", ""),
    # a hard line break (two spaces at the end of a line) is one newline; a blank line is a block boundary
    ("> *Облыс әкімінің*  \n> *№ 2-46 шешіміне*\n\nМәтін.", "Облыс әкімінің\n№ 2-46 шешіміне\n\nМәтін."),
])
def test_formats_markdown_to_text(md, text):
    assert markdown_to_text(md) == text


def test_formats_html_table_spans_repeated():
    import lxml.html

    t = lxml.html.fromstring(
        "<table><tr><td rowspan='2'>Аудан</td><td colspan='2'>Сома</td></tr>"
        "<tr><td>2001</td><td>2002</td></tr></table>")
    assert table_rows(t) == [["Аудан", "Сома", "Сома"], ["Аудан", "2001", "2002"]]


def test_formats_markdown_with_html_table_has_blank_lines_around():
    md = ("Кесте алдында.\n\n<table><tr><td>а</td><td>б</td></tr><tr><td>1</td><td>2</td></tr></table>\n\n"
          "Кестеден кейін.")
    assert markdown_to_text(md) == "Кесте алдында.\n\n| а | б |\n| 1 | 2 |\n\nКестеден кейін."


def test_formats_html_main_text_without_menus_scripts_styles():
    html = ("<html><head><title>T</title><style>p{color:red}</style></head><body>"
            "<div class='top-menu'><a>Басты бет</a></div><nav>Мақалалар</nav>"
            "<script>var x = 1;</script>"
            "<div id='content'><h1>Саяси жүйе</h1><p>Бірінші&nbsp;абзац.</p><p>Екінші абзац.</p></div>"
            "<footer>© 2024</footer></body></html>")
    assert html_to_text(html) == "Саяси жүйе\n\nБірінші абзац.\n\nЕкінші абзац."


@pytest.mark.parametrize("html", ["", "<!-- only a comment -->", "<?xml version='1.0'?>"])
def test_formats_html_empty_or_odd_input_gives_text_not_error(html):
    assert isinstance(html_to_text(html), str)


def test_formats_ingest_reads_md_and_html(tmp_path):
    from pipeline.ingest import read_source

    (tmp_path / "a.md").write_text("# Тақырып\n\nМәтін 1\\. бөлім.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Мәтін &amp; бөлім</p>", encoding="utf-8")
    a = read_source(tmp_path / "a.md", source_id="a")
    b = read_source(tmp_path / "b.html", source_id="b")
    assert (a.format, a.text) == ("md", "Тақырып\n\nМәтін 1. бөлім.")
    assert (b.format, b.text) == ("html", "Мәтін & бөлім")


def test_formats_a_blank_line_of_markdown_ends_a_paragraph():
    """In text rendered from Markdown or HTML a blank line is a block boundary: a signature block's
    lines (invented) stay paragraphs of their own, though none ends with a full stop, and no sentence
    runs from a name into the next line; lines joined by a hard line break go on as one paragraph (an
    annex's heading names its act across three lines)."""
    from pipeline.analyze import BLOCK_FORMATS
    from pipeline.normalize import normalize

    text = markdown_to_text("**Сессия төрағасы**\n\n**А. Бекқалиев**\n\n**Мәслихат хатшысы**\n\n"
                            "> *Облыс әкімінің*  \n> *2003 жылғы 15 шілдедегі*  \n> *№ 35-205 шешіміне*\n")
    assert {"md", "html"} <= BLOCK_FORMATS
    assert normalize(text, blank_breaks=True).text.split("\n") == [
        "Сессия төрағасы", "А. Бекқалиев", "Мәслихат хатшысы", "Облыс әкімінің 2003 жылғы 15 шілдедегі № 35-205 шешіміне"]
    assert "Бекқалиев Мәслихат" in normalize(text).text  # plain text: blank lines alone decide nothing


def test_formats_docx_table_read_as_the_markdown_and_html_tables_are():
    """A Word table (invented) is written as derek writes Markdown and HTML tables: a row a line,
    ``| cell | cell |``, a merged cell repeated, a blank line around, so its header and units are
    read as a table's (cells joined by tabs were read as prose: amounts lost their unit)."""
    import io

    import docx

    from pipeline.ingest import Limits, docx_text

    d = docx.Document()
    d.add_paragraph("Кесте алдында.")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "Аудан"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "Сома, мың теңге"
    t.cell(1, 1).text, t.cell(1, 2).text = "2001", "2002"
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text = "Еңбекші | Қазақ", "1 200", "1 350"
    d.add_paragraph("Кестеден кейін.")
    buf = io.BytesIO()
    d.save(buf)
    html = ("<p>Кесте алдында.</p><table><tr><td rowspan='2'>Аудан</td><td colspan='2'>Сома, мың теңге</td></tr>"
            "<tr><td>2001</td><td>2002</td></tr><tr><td>Еңбекші | Қазақ</td><td>1 200</td><td>1 350</td></tr></table>"
            "<p>Кестеден кейін.</p>")
    assert docx_text(buf.getvalue(), limits=Limits()) == (
        "Кесте алдында.\n\n| Аудан | Сома, мың теңге | Сома, мың теңге |\n| Аудан | 2001 | 2002 |\n"
        "| Еңбекші / Қазақ | 1 200 | 1 350 |\n\nКестеден кейін.")
    assert html_to_text(html).split("\n\n")[1] == docx_text(buf.getvalue(), limits=Limits()).split("\n\n")[1]


def _dejavu() -> None:
    """Register matplotlib's DejaVuSans (Cyrillic) with reportlab as ``DejaVu``."""
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
                                                 / "DejaVuSans.ttf")))


def test_formats_ruled_pdf_table_read_as_the_markdown_and_html_tables_are(tmp_path):
    """A ruled table of a PDF (invented: a rule around every cell, one cell merged over two rows,
    one over two columns) is written as derek writes Markdown, HTML and DOCX tables; the text
    above and below it stays as it was (plain lines printed cells one after another and lost the
    header: amounts without their unit)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from pipeline.ingest import Limits, pdf_text

    _dejavu()
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 9)
    c.drawString(30, 800, "Кесте алдында.")
    xs, ys = (30, 200, 300, 400), (780, 765, 750, 735)  # column edges; row tops and the bottom
    # (x0, x1, top, bottom, text): "Аудан" over rows 1-2, "Сома" over columns 2-3
    cells = [(0, 1, 0, 2, "Аудан"), (1, 3, 0, 1, "Сома, мың теңге"), (1, 2, 1, 2, "2001"), (2, 3, 1, 2, "2002"),
             (0, 1, 2, 3, "Еңбекші | Қазақ"), (1, 2, 2, 3, "1 200"), (2, 3, 2, 3, "1 350")]
    for x0, x1, top, bottom, text in cells:
        c.rect(xs[x0], ys[bottom], xs[x1] - xs[x0], ys[top] - ys[bottom], stroke=1, fill=0)
        c.drawString(xs[x0] + 2, ys[top] - 11, text)
    c.drawString(30, 710, "Кестеден кейін.")
    c.save()
    text, pages = pdf_text(path.read_bytes(), limits=Limits())
    assert text == ("Кесте алдында.\n\n| Аудан | Сома, мың теңге | Сома, мың теңге |\n| Аудан | 2001 | 2002 |\n"
                    "| Еңбекші / Қазақ | 1 200 | 1 350 |\n\nКестеден кейін.")
    assert pages == (0,)


def test_formats_pdf_rules_that_hold_no_table_leave_the_text_as_it_was(tmp_path):
    """A frame around a paragraph and an underline (rules, but no grid of two rows and two
    columns) change nothing: the page is read as plain lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from pipeline.ingest import Limits, pdf_text

    _dejavu()
    path = tmp_path / "f.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 9)
    c.rect(25, 770, 300, 45, stroke=1, fill=0)
    c.drawString(30, 800, "Бірінші жол, 2020 жылы 45 мектеп.")
    c.drawString(30, 785, "Екінші жол.")
    c.line(30, 760, 200, 760)
    c.drawString(30, 745, "Үшінші жол.")
    c.save()
    assert pdf_text(path.read_bytes(), limits=Limits())[0] == \
        "Бірінші жол, 2020 жылы 45 мектеп.\nЕкінші жол.\nҮшінші жол."


def test_formats_ruled_pdf_table_over_a_page_break_is_one_table(tmp_path):
    """A ruled table (invented) whose rows go on over a page break is one table, so the rows of the
    second page keep the header's unit; page starts still index the text; a cell's line broken after
    a hyphen is joined without a space."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from pipeline.ingest import Limits, pdf_text

    _dejavu()
    path = tmp_path / "p.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)

    def rows(rs: list[tuple[str, str]], top: float) -> None:
        c.setFont("DejaVu", 9)
        for i, (a, b) in enumerate(rs):
            y = top - 15 * i
            c.rect(30, y - 15, 150, 15, stroke=1, fill=0)
            c.rect(180, y - 15, 100, 15, stroke=1, fill=0)
            c.drawString(32, y - 11, a)
            c.drawString(182, y - 11, b)

    c.setFont("DejaVu", 9)
    c.drawString(30, 800, "млн теңге")
    rows([("Аудан", "Сома"), ("Еңбекшіқазақ", "39,0")], 790)
    c.showPage()
    rows([("Талғар", "30,5")], 800)
    c.rect(30, 760, 150, 25, stroke=1, fill=0)  # the next row, two lines high
    c.rect(180, 760, 100, 25, stroke=1, fill=0)
    c.setFont("DejaVu", 9)
    c.drawString(32, 775, "Санитарлық-")
    c.drawString(32, 765, "эпидемиологиялық")
    c.drawString(182, 775, "4,0")
    c.showPage()
    c.save()
    text, pages = pdf_text(path.read_bytes(), limits=Limits())
    assert text == ("млн теңге\n\n| Аудан | Сома |\n| Еңбекшіқазақ | 39,0 |\n| Талғар | 30,5 |\n"
                    "| Санитарлық-эпидемиологиялық | 4,0 |")
    assert text[pages[1]:].startswith("| Талғар |")


def test_formats_docx_paragraphs_are_blocks():
    """A Word paragraph is a paragraph (invented signature block): each is a block between blank
    lines, read with the blank-line breaks of Markdown and HTML, so a signature line is not joined
    to the name under it; empty paragraphs add nothing."""
    import io

    import docx

    from pipeline.analyze import BLOCK_FORMATS
    from pipeline.ingest import Limits, docx_text

    d = docx.Document()
    for line in ("Сессия төрағасы", "Б. Ахметов", "", "Облыстық мәслихаттың хатшысы"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    assert docx_text(buf.getvalue(), limits=Limits()) == "Сессия төрағасы\n\nБ. Ахметов\n\nОблыстық мәслихаттың хатшысы"
    assert "docx" in BLOCK_FORMATS
