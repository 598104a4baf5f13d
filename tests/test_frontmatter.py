from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.frontmatter import ends_in_finite_verb, find_articles
from pipeline.frontmatter_act import find_act
from pipeline.frontmatter_lines import (
    author_with_rest, clean_doi, find_codes, is_caps_title, is_furniture, is_heading_line, is_prose, is_reference_entry,
    is_breadcrumb, is_running_head, is_term_list, is_title_like, names_line,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("line,expected", [
    ("ӘОЖ 32.019.5", [("UDC", "32.019.5")]),
    ("МРНТИ 11.25.19", [("IRSTI", "11.25.19")]),
    ("УДК 94(574):323", [("UDC", "94(574):323")]),
    ("JEL F50, O10", [("JEL", "F50, O10")]),
    ("Научная статья УДК 321", [("UDC", "321")]),
    ("EDN: ABCDEF", [("other", "ABCDEF")]),
    ("Удк бар ма?", []),
])
def test_frontmatter_find_codes(line, expected):
    assert [(c["scheme"], c["value"]) for c in find_codes(line)] == expected


@pytest.mark.parametrize("raw,doi", [
    ("https://doi.org/10.1234/ABC.5.", "10.1234/abc.5"),
    ("10.5555/x-1", "10.5555/x-1"),
])
def test_frontmatter_clean_doi(raw, doi):
    assert clean_doi(raw) == doi


@pytest.mark.parametrize("line,names", [
    ("Ахметов А.Б.1, Серікова Г.2", ["Ахметов А.Б.", "Серікова Г."]),
    ("Т. М. Омаров, Д. Қ. Бекова", ["Т. М. Омаров", "Д. Қ. Бекова"]),
    ("Айгүл Серікқызы Нұрланова", ["Айгүл Серікқызы Нұрланова"]),
    ("Авторы: Смирнов П.Р., Ким О.", ["Смирнов П.Р.", "Ким О."]),
    ("ИВАНОВ Иван Иванович", ["ИВАНОВ Иван Иванович"]),  # a surname printed in capitals
    ("А.Б. СЕЙТҚАЛИ, Н.Қ. Омарова", ["А.Б. СЕЙТҚАЛИ", "Н.Қ. Омарова"]),
    ("Авторы: Серік Жұмабаев", ["Серік Жұмабаев"]),  # after a label, a name and a surname
    ("Серік Жұмабаев", None),  # without one, two capitalised words may be anything
    ("Қарағанды университеті им. Е. Бөкетова", None),
    ("Мақалада саяси жүйе қарастырылады.", None),
])
def test_frontmatter_names_line(line, names):
    got = names_line(line)
    assert (None if got is None else [n for _, _, n in got]) == names


@pytest.mark.parametrize("fn,line,expected", [
    (is_caps_title, "САЯСИ ЖҮЙЕ ЖӘНЕ ПАРЛАМЕНТ", True),
    (is_caps_title, "САЯСАТ", False),
    (is_running_head, "Хабаршы. Саясаттану сериясы. № 3 (45). 2021", True),
    (is_running_head, "Vol. 12 No. 1 pp. 15-30", True),
    (is_running_head, "Елдегі партиялар саны өсті.", False),
    (is_running_head, "ПРОБЛЕМЫ ЭКОНОМИКИ, N 3 (81), 2022", True),
    # a sentence going on over a wrapped line, with a date and a number in it, is no issue line
    (is_running_head, "мақсатында облыс әкімінің 2001 жылғы 12 наурыздағы № 3-45 шешімін орындау үшін", False),
    (is_running_head, "pp. 225-236.", True),
    (is_reference_entry, "Иванов И.И. Партии Казахстана. – Алматы: Наука, 2018. – 240 с.", True),
    (is_reference_entry, "2. Smith J. Parties. London, 2010.", True),
    (is_reference_entry, "Экономика", False),
    (is_furniture, "1523", True),
    (is_furniture, "Басты бет » Мақалалар »", True),
    (is_furniture, "Авторы:", True),
    (is_furniture, "Партиялар туралы заң", False),
    (is_prose, "Мақалада елдегі саяси партиялардың қызметі, олардың қоғамдағы рөлі мен сайлауға "
               "қатысуы, парламенттегі орны және азаматтардың сенімі жан-жақты қарастырылады.", True),
    (is_prose, "Security Issues of the Central Asian Region on the Modern Stage of Regional Cooperation", False),
])
def test_frontmatter_line_rules(fn, line, expected):
    assert fn(line) is expected


ARTICLE_KK = (
    "ӘОЖ 32.019.5\n"
    "Ахметов А.Б.1, Серікова Г.2\n"
    "1 Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан\n"
    "2 Астана медицина университеті, Астана, Қазақстан\n"
    "ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАРДЫҢ\n"
    "ДАМУ КЕЗЕҢДЕРІ\n"
    "Аңдатпа. Мақалада елдегі саяси партиялардың даму кезеңдері мен олардың қоғамдағы рөлі қарастырылады.\n"
    "Түйін сөздер: партия, сайлау, парламент.\n\n"
    "Тәуелсіздік жылдары елде партиялар жүйесі қалыптасты. 2021 жылы парламентке 3 партия өтті, "
    "сайлауға сайлаушылардың 63%-ы қатысты. Бұл туралы зерттеушілер бірнеше рет жазған.\n\n"
    "Партиялардың қызметі заңмен реттеледі. Олардың саны жыл сайын өзгеріп отырады, "
    "ал қоғамның сенімі әртүрлі деңгейде.\n\n"
    "Әдебиеттер\n"
    "1. Сәрсенов Б. Партиялар. – Алматы, 2015. – 200 б.\n"
)


def test_frontmatter_article_parts_invented():
    arts = find_articles(ARTICLE_KK)
    assert len(arts) == 1
    a = arts[0]
    assert [t["text"] for t in a.titles] == ["ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАРДЫҢ\nДАМУ КЕЗЕҢДЕРІ"]
    assert [(x["name"], x["affiliations"]) for x in a.authors] == [("Ахметов А.Б.", [1]), ("Серікова Г.", [2])]
    assert [x["text"] for x in a.affiliations] == ["Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан",
                                                   "Астана медицина университеті, Астана, Қазақстан"]
    assert [(c["scheme"], c["value"]) for c in a.codes] == [("UDC", "32.019.5")]
    assert [k["terms"] for k in a.keywords] == [["партия", "сайлау", "парламент"]]
    assert ARTICLE_KK[a.body_start:].startswith("Тәуелсіздік жылдары")


def test_frontmatter_journal_issue_one_document_per_article():
    from pipeline.segment import segment

    body = "Партиялардың қызметі заңмен реттеледі. Олардың саны жыл сайын өзгеріп отырады, " \
           "ал қоғамның сенімі әртүрлі деңгейде.\n\n"
    article = ARTICLE_KK.replace("Әдебиеттер\n", body * 12 + "Әдебиеттер\n")  # an article of 2 000 characters
    issue = "\n".join([article.replace("ӘОЖ 32.019.5", f"ӘОЖ 32.019.{i}") for i in range(3)])
    _, docs, _ = segment(issue, source_id="t")
    assert len(docs) == 3
    assert [d.codes[0].value for d in docs] == ["32.019.0", "32.019.1", "32.019.2"]
    assert all(d.title == "ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАРДЫҢ ДАМУ КЕЗЕҢДЕРІ" for d in docs)


def test_frontmatter_fixture_through_process():
    import pipeline

    text = (FIXTURES / "article_ru_tomsk.txt").read_text(encoding="utf-8")
    a = pipeline.process(text)
    assert len(a.documents) == 1
    d = a.documents[0]
    assert d.title.startswith("ПОЛИТИЧЕСКИЙ КРИЗИС В КАЗАХСТАНЕ") and d.title.endswith("И УРЕГУЛИРОВАНИЯ")
    assert [x.name for x in d.authors] == ["Сергей Владимирович Бирюков", "Сергей Николаевич Чирун"]
    assert d.doi == "10.17223/1998863х/71/21"
    assert [c.text for c in d.codes] == ["УДК 321"]
    kinds = {s.kind for s in d.sections}
    assert {"furniture", "metadata", "title", "authors", "affiliation", "abstract", "keywords", "body"} <= kinds
    body = next(s for s in d.sections if s.kind == "body")
    # no number of the front matter (year, issue, pages, code, DOI, markers) is a claim
    assert a.claims and all(c.start >= body.start for c in a.claims)
    assert {c.text for c in a.claims} >= {"7", "63%"}


@pytest.mark.parametrize("text,kind,issuer,number", [
    ("Тақырып туралы\n\nЖұмыстарды жүргізу мақсатында облыс Әкімі ШЕШІМ ҚАБЫЛДАДЫ:\n\n1. Бекітілсін.\n",
     "decision", "Әкімі", None),
    ("О мерах\n\nВ целях развития отрасли Аким области РЕШИЛ:\n\n1. Утвердить план.\n", "decision", "Аким области", None),
    ("Об утверждении правил\n\nВ соответствии с Законом ПРИКАЗЫВАЮ:\n\n1. Утвердить.\n\n"
     "Приложение 1 к приказу Министра от 1 июля 2015 года № 427\n\nПравила\n", "order", None, "427"),
    ("Мақалада саяси жүйе қарастырылады.\n", None, None, None),
])
def test_frontmatter_act_of_an_official_document(text, kind, issuer, number):

    act = find_act(text, 0, len(text))
    assert (act and act["kind"], act and act["issuer"], act and act["number"]) == (kind, issuer, number)


def test_frontmatter_annex_sections_of_an_act():
    from pipeline.segment import segment

    text = ("Об утверждении правил\n\nВ соответствии с Законом ПРИКАЗЫВАЮ:\n\n1. Утвердить прилагаемые правила.\n\n"
            "Министр\n\nПриложение 1\n\nк приказу Министра\n\nПравила оказания помощи\n\n1. Помощь оказывается "
            "гражданам, доход которых ниже прожиточного минимума.\n")
    _, docs, _ = segment(text, source_id="t")
    assert len(docs) == 1 and docs[0].act is not None and docs[0].act.kind == "order"
    kinds = [s.kind for s in docs[0].sections]
    assert kinds[-1] == "annex" and "body" in kinds
    annex = next(s for s in docs[0].sections if s.kind == "annex")
    assert text[annex.start:].startswith("Приложение 1")


def _pdf_with_running_heads(path, pages: list[list[str]], head: str, foot: str):
    """A real PDF (reportlab) whose every page prints ``head`` at the top and ``foot`` (with the page
    number) at the bottom."""
    import matplotlib
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for n, lines in enumerate(pages, 1):
        c.setFont("DejaVu", 9)
        c.drawString(30, height - 30, head)
        y = height - 60
        for line in lines:
            c.drawString(30, y, line)
            y -= 12
        c.drawString(30, 25, f"{foot} {n}")
        c.showPage()
    c.save()
    return path


def test_frontmatter_pdf_running_heads_give_no_facts(tmp_path):
    pytest.importorskip("reportlab")
    from pipeline.analyze import analyze_source
    from pipeline.ingest import read_source

    body = [["Бірінші бөлім. Елде саяси партиялар жүйесі қалыптасты. Сайлауға сайлаушылардың 63%-ы қатысты,",
             "ал парламентке үш партия өтті. Бұл туралы зерттеушілер бірнеше рет жазған."],
            ["Екінші бөлімде партиялардың қызметі заңмен реттелетіні айтылады. Олардың",
             "саны жыл сайын өзгеріп отырады, ал қоғамның сенімі әртүрлі."],
            ["Үшінші бөлімде сайлау жүйесінің тарихы қарастырылады. Алғашқы сайлау",
             "тәуелсіздіктің алғашқы жылдарында өтті."],
            ["Төртінші бөлімде қорытынды жасалады: партиялар жүйесі әлі де дамып келеді."]]
    head = "ҚазҰУ Хабаршысы. Саясаттану сериясы. № 2 (45). 2021"
    foot = "ISSN 1563-0269 • Қазақстан Республикасының 2020 жылғы № 15 Заңы • бет"
    pdf = _pdf_with_running_heads(tmp_path / "a.pdf", body, head, foot)
    src = read_source(pdf, source_id="a")
    assert len(src.pages) == 4
    a = analyze_source(src)
    furn = [(s.start, s.end) for d in a.documents for s in d.sections if s.kind == "furniture"]
    for start in [i for i in range(len(src.text)) if src.text.startswith(head, i)]:
        assert any(x <= start < y for x, y in furn)
    inside = lambda x: any(f0 <= x < f1 for f0, f1 in furn)  # noqa: E731
    assert not [c for c in a.claims if inside(c.start)]
    assert not [s for s in a.fact_sentences() if inside(s.start)]  # what extractors read holds none of them
    assert not any(inside(s.start) for s in a.sentences if s.text.startswith("Екінші"))  # the body is kept
    assert [c.text for c in a.claims if c.text.startswith("63")]


@pytest.mark.parametrize("head,title", [
    ("Вестник университета. № 3. 2022\nDOI: 10.1234/abc.2022.3\nСаяси партиялардың қоғамдағы рөлі мен олардың сайлау\n"
     "жүйесіндегі орны\nА.Б. Ахметов\nӘл-Фараби атындағы Қазақ ұлттық университеті, Алматы\n",
     "Саяси партиялардың қоғамдағы рөлі мен олардың сайлау\nжүйесіндегі орны"),
])
def test_frontmatter_two_line_title_in_sentence_case(head, title):
    body = ("Аңдатпа. Мақалада елдегі саяси партиялардың даму кезеңдері мен олардың қоғамдағы рөлі "
            "жан-жақты қарастырылады.\n\nТәуелсіздік жылдары елде партиялар жүйесі қалыптасты, ал "
            "сайлауға сайлаушылардың көпшілігі қатысты.\n")
    a = find_articles(head + body)[0]
    assert [t["text"] for t in a.titles] == [title]


def test_frontmatter_keywords_list_wrapped_onto_next_line():
    text = ("САЯСИ ЖҮЙЕ ЖӘНЕ ПАРЛАМЕНТ\nА.Б. Ахметов\nӘл-Фараби атындағы Қазақ ұлттық университеті, Алматы\n"
            "Түйін сөздер: саяси жүйе, парламент, сайлау, партиялар,\nазаматтық қоғам, мемлекет\n\n"
            "Тәуелсіздік жылдары елде партиялар жүйесі қалыптасты, ал сайлауға сайлаушылардың көпшілігі "
            "қатысты. Бұл үдеріс әлі де жалғасып келеді.\n")
    a = find_articles(text)[0]
    assert [k["terms"] for k in a.keywords] == [["саяси жүйе", "парламент", "сайлау", "партиялар",
                                                  "азаматтық қоғам", "мемлекет"]]
    assert text[a.keywords[0]["start"]:a.keywords[0]["end"]].endswith("мемлекет")


@pytest.mark.parametrize("text,authors", [
    ("ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАР\nАйгерім Сәрсенова\nӘл-Фараби атындағы Қазақ ұлттық университеті, Алматы\n"
     "Аңдатпа. Мақалада елдегі партиялардың даму кезеңдері қарастырылады.\n", ["Айгерім Сәрсенова"]),
    ("ЦЕНТРАЛЬНАЯ АЗИЯ И РЕГИОН\nЦентральная Азия\nАннотация. В статье рассматривается регион.\n", []),
])
def test_frontmatter_two_word_name_over_affiliation(text, authors):
    assert [x["name"] for x in find_articles(text)[0].authors] == authors


KK_ABSTRACT = ("Мақалада елдегі саяси партиялардың даму кезеңдері мен олардың қоғамдағы рөлі жан-жақты "
               "қарастырылады, сайлау науқандарындағы орны талданады.\n")
KK_BODY = ("Тәуелсіздік жылдары елде партиялар жүйесі қалыптасты, ал сайлауға сайлаушылардың көпшілігі "
           "қатысты. Бұл үдеріс әлі де жалғасып келеді.\n")
RU_BODY = ("После обретения независимости в стране сложилась партийная система, а в выборах участвовало "
           "большинство избирателей. Этот процесс продолжается и сегодня.\n")


@pytest.mark.parametrize("head,titles", [
    # a line in capitals that opens with a conjunction goes on with the title, whatever its language alone
    ("ӘОЖ 32.001\nА.С. Нұрланова\nЕуразия ұлттық университеті, Астана\n\nҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАР\n"
     "МЕН ПАРЛАМЕНТАРИЗМ\n\n", ["ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАР\nМЕН ПАРЛАМЕНТАРИЗМ"]),
    # a short line between two lines of the title is of it, although it ends in a colon
    ("УДК 342.4\n\nКОНСТИТУЦИОННЫЕ РЕФОРМЫ\nВ РЕСПУБЛИКЕ КАЗАХСТАН:\nИТОГИ И ПЕРСПЕКТИВЫ\n\nА.Б. Абенов\n\n",
     ["КОНСТИТУЦИОННЫЕ РЕФОРМЫ\nВ РЕСПУБЛИКЕ КАЗАХСТАН:\nИТОГИ И ПЕРСПЕКТИВЫ"]),
    # a title wrapped before a name
    ("УДК 327\n\nГосударственная политика в сфере межэтнических отношений\nРеспублики Казахстан\n\n"
     "С.К. Омаров\nИнститут философии, Алматы\n\n",
     ["Государственная политика в сфере межэтнических отношений\nРеспублики Казахстан"]),
    # the journal's section printed in capitals under its running head is no title
    ("ВЕСТНИК ЭКОНОМИКИ, N 2 (78), 2021\nЭКОНОМИЧЕСКАЯ ТЕОРИЯ\n\nИВАНОВ Иван Иванович\nпрофессор кафедры экономики\n\n"
     "ЭКОНОМИЧЕСКАЯ ИНТЕГРАЦИЯ В ЕВРАЗИИ\n\n", ["ЭКОНОМИЧЕСКАЯ ИНТЕГРАЦИЯ В ЕВРАЗИИ"]),
])
def test_frontmatter_title_layouts(head, titles):
    a = find_articles(head + KK_ABSTRACT + "Түйін сөздер: партия, сайлау.\n\n" + KK_BODY)[0]
    assert [t["text"] for t in a.titles] == titles


def test_frontmatter_author_after_a_label_with_degree():
    (x, y, name), rest = author_with_rest("Автор: Иванов Иван Иванович, кандидат политических наук")
    assert name == "Иванов Иван Иванович" and rest == y


@pytest.mark.parametrize("header", ["Ключевые слова и фразы:", "Кілтті сөздер:", "Keywords and phrases:"])
def test_frontmatter_keywords_header_variants(header):
    text = "САЯСИ ЖҮЙЕ ЖӘНЕ ПАРЛАМЕНТ\nА.Б. Ахметов\n\n" + KK_ABSTRACT + header + " партия, сайлау.\n\n" + KK_BODY
    a = find_articles(text)[0]
    assert [k["terms"] for k in a.keywords] == [["партия", "сайлау"]]


def test_frontmatter_issue_article_without_front_matter_after_a_reference_list():
    from pipeline.segment import segment

    refs = "Список литературы\n1. Иванов И.И. Партии. – Алматы, 2018. – 240 с.\n2. Петров П.П. Выборы. – М., 2019.\n\n"
    first = ARTICLE_KK.replace("Әдебиеттер\n", KK_BODY * 12 + "Әдебиеттер\n") + "\n"
    second = RU_BODY * 12 + refs  # an article printed without its front matter
    _, docs, _ = segment(first + second + first, source_id="t")
    assert len(docs) == 3
    assert (first + second + first)[docs[1].start:].startswith("После обретения")


def test_frontmatter_menu_item_named_like_a_reference_list_opens_none():
    import pipeline

    text = ("Главная\nПолитология\nЛитература\nЭкономика\n\nРоль партий в политической системе\n\n"
            + RU_BODY + "В опросе участвовали 1200 человек, из них 45% выразили доверие партиям.\n")
    a = pipeline.process(text)
    assert "references" not in {s.kind for d in a.documents for s in d.sections}
    assert {"1200", "45%"} <= {c.text for c in a.claims}


@pytest.mark.parametrize("line,expected", [
    ("2019 жылғы облыстық бюджет туралы", True),  # an act's title may open with its year
    ('О мерах по реализации Указа Президента "О Программе развития".', True),  # a stop after a quoted name
    ("Партиялар саны жыл сайын өсіп келеді.", False),  # a sentence
    ("Хандық 1465 жылы құрылған еді.", False),  # a short last word
    ("Бағдарлама 2020-2025 жж.", True),  # an abbreviation's stop
    ("2019 жылы партиялар саны өсті. Бұл маңызды.", False),
])
def test_frontmatter_heading_line_of_a_text_without_front_matter(line, expected):
    assert is_heading_line(line, None) is expected


def test_frontmatter_title_in_capitals_right_before_the_body():
    text = "• Іздеу\n\nАУМАҚТЫҚ МАРКЕТИНГ ЖӘНЕ ӨҢІР\n\n" + KK_ABSTRACT.strip() + " " + KK_BODY
    assert [t["text"] for t in find_articles(text)[0].titles] == ["АУМАҚТЫҚ МАРКЕТИНГ ЖӘНЕ ӨҢІР"]


def test_frontmatter_title_in_capitals_and_one_in_sentence_case():
    text = ("БЕЗОПАСНОСТЬ ЦЕНТРАЛЬНОЙ АЗИИ\nЕ.А. Иванова\nКыргызский национальный университет, Бишкек\n"
            "Аннотация. В статье рассматривается безопасность региона и его место в политике держав.\n"
            "Ключевые слова: безопасность, регион.\n"
            "Security of Central Asia in a Changing World\nE.A. Ivanova\nKyrgyz National University, Bishkek\n"
            "Abstract: The article reviews the security of the region and its place in the policy of powers.\n"
            "Keywords: security, region.\n\n" + RU_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == [
        "БЕЗОПАСНОСТЬ ЦЕНТРАЛЬНОЙ АЗИИ", "Security of Central Asia in a Changing World"]


def test_frontmatter_institution_line_takes_no_title_as_its_wrapped_end():
    text = ("Айгерім Сәрсенова\nӘл-Фараби атындағы Қазақ ұлттық университеті\nЦифрлық саяси коммуникация\n"
            + KK_ABSTRACT + "Түйін сөздер: коммуникация, медиа.\n" + KK_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == ["Цифрлық саяси коммуникация"]


def test_frontmatter_name_in_capitals_is_an_author_not_a_title():
    text = ("ВЕСТНИК ЭКОНОМИКИ, N 3 (79), 2021\nРЕГИОНАЛЬНАЯ ЭКОНОМИКА\nСЕРІКОВ АЙДОС БОЛАТҰЛЫ\n"
            "доктор экономических наук, профессор, Экономический университет\n"
            "ТОРГОВЛЯ СТРАН ЕВРАЗИЙСКОГО СОЮЗА\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [x["name"] for x in a.authors] == ["СЕРІКОВ АЙДОС БОЛАТҰЛЫ"]
    assert [t["text"] for t in a.titles] == ["ТОРГОВЛЯ СТРАН ЕВРАЗИЙСКОГО СОЮЗА"]


def test_frontmatter_kazakh_authors_label():
    assert [n for _, _, n in names_line("Авторлар: Серікбаева Ә.Н., Жақсылықов Б.Т.")] == [
        "Серікбаева Ә.Н.", "Жақсылықов Б.Т."]


@pytest.mark.parametrize("line,expected", [
    ("азаматтық қоғам, мемлекет", True),
    ("Азия.", True),  # the last term alone
    ("Мақалада жүйе талданады. Зерттеуге 300 адам қатысты.", False),  # two sentences
    ("Мақалада мемлекеттік қызметтегі цифрландырудың мүмкіндіктері мен тәуекелдері жан-жақты талданады", False),
])
def test_frontmatter_term_list_line(line, expected):
    assert is_term_list(line) is expected


def test_frontmatter_keywords_line_without_a_stop_takes_no_prose_after_it():
    text = ("Мемлекеттік қызметтегі цифрландыру: мүмкіндіктер мен тәуекелдер\nАвторлар: Серікбаева Ә.Н.\n"
            "Түйінді сөздер: цифрландыру, мемлекеттік қызмет, электрондық үкімет\n"
            "Мақалада мемлекеттік қызметтегі цифрландырудың мүмкіндіктері талданады. Зерттеуге 300 қызметші "
            "қатысты.\n\n" + KK_BODY)
    a = find_articles(text)[0]
    assert [text[k["start"]:k["end"]] for k in a.keywords] == [
        "Түйінді сөздер: цифрландыру, мемлекеттік қызмет, электрондық үкімет"]
    assert [x["name"] for x in a.authors] == ["Серікбаева Ә.Н."]


def test_frontmatter_body_only_article_after_a_reference_list_is_body():
    from pipeline.segment import segment

    refs = "Список литературы\n1. Иванов И.И. Партии. – Алматы, 2018. – 240 с.\n2. Петров П.П. Выборы. – М., 2019.\n\n"
    first = ARTICLE_KK.replace("Әдебиеттер\n", KK_BODY * 12 + "Әдебиеттер\n") + "\n"
    text = first + RU_BODY * 12 + refs
    _, docs, _ = segment(text, source_id="t")
    assert len(docs) == 2
    assert [s.kind for s in docs[1].sections] == ["body", "references"]


def test_frontmatter_code_line_after_a_reference_list_opens_a_short_article():
    from pipeline.frontmatter_lines import later_starts as _later_starts

    refs = "Әдебиеттер\n1. Иванов И.И. Партии. – Алматы, 2018. – 240 с.\n2. Петров П.П. Выборы. – М., 2019.\n\n"
    second = ("ӘОЖ 323.1\nБ.Қ. Жұмабекова\nЕуразия ұлттық университеті, Астана\nЖАСТАРДЫҢ САЯСИ БЕЛСЕНДІЛІГІ\n"
              "Аңдатпа. " + KK_ABSTRACT + KK_BODY * 6)
    text = KK_BODY * 7 + refs + second  # the first article is shorter than 1 500 characters
    assert [text[s:s + 8] for s in _later_starts(text)] == ["ӘОЖ 323."]


@pytest.mark.parametrize("line,expected", [
    ("Басты бет / Мақалалар / Тарих", True),
    ("Главная > Журнал > Архив номеров", True),
    ("партия / сайлау", False),  # two parts
    ("ЦЕНТРАЛЬНАЯ АЗИЯ / КАЗАХСТАН / РЕГИОН", False),  # a keywords list in capitals
    ("Право и политика / Выпуск 1 / Статья опубликована в журнале с высоким индексом", False),
])
def test_frontmatter_breadcrumb(line, expected):
    assert is_breadcrumb(line) is expected


def test_frontmatter_breadcrumb_is_no_title():
    text = ("Басты бет / Мақалалар / Тарих\nАлаш қозғалысы және ұлттық мемлекеттілік идеясы\n12.04.2021\n"
            + KK_ABSTRACT + KK_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == ["Алаш қозғалысы және ұлттық мемлекеттілік идеясы"]


@pytest.mark.parametrize("line,expected", [
    ("Елдегі партиялар саны өсті", True),
    ("Партиялар санының өсуі", False),
    ("Партиялар саны неге өсті?", False),  # a question may be a title
    ("Партии играют важную роль", False),  # Kazakh only
])
def test_frontmatter_ends_in_finite_verb(line, expected):
    assert ends_in_finite_verb(line) is expected


def test_frontmatter_text_opening_with_a_kazakh_sentence_has_no_title():
    text = ("Қазақстан Республикасының тәуелсіздік алуы елдің саяси жүйесін түбегейлі өзгертті\n"
            + KK_BODY + KK_BODY)
    assert find_articles(text)[0].titles == []


def test_frontmatter_short_first_sentence_of_the_body_is_no_furniture():
    import pipeline

    text = ("УДК 323\nИ.И. Иванов\nКазахский национальный университет, Алматы\nПАРТИИ КАЗАХСТАНА\n"
            "Аннотация. В статье рассматриваются партии Казахстана.\nКлючевые слова: партии.\n\n"
            "В стране действует 7 партий.")
    a = pipeline.process(text)
    assert [c.text for c in a.claims] == ["7"]


@pytest.mark.parametrize("header", ["Kлючевые cлова:", "Түйін cөздер:"])  # Latin K and c printed for Cyrillic
def test_frontmatter_keywords_header_with_latin_lookalikes(header):
    text = "САЯСИ ЖҮЙЕ ЖӘНЕ ПАРЛАМЕНТ\nА.Б. Ахметов\n\n" + KK_ABSTRACT + header + " партия, сайлау.\n\n" + KK_BODY
    a = find_articles(text)[0]
    assert [k["terms"] for k in a.keywords] == [["партия", "сайлау"]]


def test_frontmatter_code_label_with_a_latin_lookalike():
    assert [(c["scheme"], c["value"]) for c in find_codes("YДК 323.1(574)")] == [("UDC", "323.1(574)")]



@pytest.mark.parametrize("keywords,line", [
    ("Ключевые слова: внешняя политика, многовекторность,\nЦентральная Азия, безопасность.\n",
     "Ключевые слова: внешняя политика, многовекторность,\nЦентральная Азия, безопасность."),  # broken after a comma
    ("Ключевые слова:\nвнешняя политика; многовекторность;\nЦентральная Азия.\n",
     "Ключевые слова:\nвнешняя политика; многовекторность;\nЦентральная Азия."),
    ("Ключевые слова: внешняя политика, многовекторность, безопасность, интеграция, Центральная\nАзия.\n",
     "Ключевые слова: внешняя политика, многовекторность, безопасность, интеграция, Центральная\nАзия."),  # last term
    ("Ключевые слова: внешняя политика, многовекторность.\nЦентральная Азия в мировой политике\n",
     "Ключевые слова: внешняя политика, многовекторность."),  # a closed list takes no title after it
])
def test_frontmatter_keywords_list_wrapped_before_a_capital(keywords, line):
    text = ("УДК 327\nН.Б. Абенова\nЕвразийский национальный университет, Астана\nВнешняя политика Казахстана\n"
            "Аннотация: Статья посвящена анализу внешней политики Республики Казахстан.\n" + keywords + "\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [text[k["start"]:k["end"]] for k in a.keywords] == [line]


@pytest.mark.parametrize("header", ["Түйін сөз:", "Кілт сөз:", "Key terms:"])
def test_frontmatter_keywords_header_singular_variants(header):
    text = "САЯСИ ЖҮЙЕ ЖӘНЕ ПАРЛАМЕНТ\nА.Б. Ахметов\n\n" + KK_ABSTRACT + header + " партия, сайлау.\n\n" + KK_BODY
    assert [k["terms"] for k in find_articles(text)[0].keywords] == [["партия", "сайлау"]]


@pytest.mark.parametrize("first", [
    "Қазақ хандығы 1465 жылы құрылған еді.",  # a stop after a short word is a sentence end too
    "«Тәуелсіздік – ең қымбат қазына» деген сөз бар.",
    "Бүгінгі таңда жастар саясаты өзекті мәселе болып отыр",  # an auxiliary closes the predicate
])
def test_frontmatter_first_sentence_of_a_text_without_front_matter_is_no_title(first):
    assert find_articles(first + "\n" + KK_BODY + KK_BODY)[0].titles == []


def test_frontmatter_title_printed_again_after_a_repository_summary():
    import pipeline

    text = ("Гражданское общество в Казахстане: проблемы становления\n\n"
            "Анализ процесса становления гражданского общества в Казахстане. Роль неправительственных "
            "организаций и партий в развитии гражданского общества.\n\n"
            "Рубрика\tПолитология\nДата добавления\t15.03.2017\nРазмер файла\t24,7 K\n\n"
            "Гражданское общество в Казахстане: проблемы становления\n\nОмаров Б.К.\n\n" + RU_BODY)
    a = pipeline.process(text)
    assert [x.name for x in a.documents[0].authors] == ["Омаров Б.К."]
    assert [t.text for t in a.documents[0].titles] == ["Гражданское общество в Казахстане: проблемы становления"]
    assert "24,7" not in {c.text for c in a.claims}  # the site's fields are furniture


@pytest.mark.parametrize("line", ["- Ключевые слова: молодежь, ценности.", "• Ключевые слова: молодежь, ценности.",
                                  "**Ключевые слова:** молодежь, ценности."])
def test_frontmatter_keywords_header_after_a_bullet_or_in_emphasis(line):
    text = ("Ценностные установки молодежи России и Казахстана\n- Авторы: Шнарбекова М.К., Васильева Е.И.\n"
            "Аннотация. В статье рассматриваются ценностные установки молодежи.\n" + line + "\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [k["terms"] for k in a.keywords] == [["молодежь", "ценности"]]
    assert text[a.keywords[0]["start"]:].startswith("Ключевые слова") or text[a.keywords[0]["start"]:].startswith("**")


def test_frontmatter_bare_keywords_header_takes_no_prose_after_it():
    text = ("Ценностные установки молодежи\n- Авторы: Шнарбекова М.К.\nАннотация. В статье рассматриваются установки.\n"
            "Ключевые слова:\n" + RU_BODY)
    assert find_articles(text)[0].keywords == []


@pytest.mark.parametrize("title", [
    "ҚАЗАҚСТАННЫҢ ҚАЗІРГІ КЕЗЕҢДЕГІ\nСАЯСИ ПАРТИЯЛАР",  # a short line without a Kazakh letter
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ СЫРТҚЫ\nПОЛИТИКАСЫ",  # one word on the last line
    "АЛАШ ОРДА\nҮКІМЕТІНІҢ ҚҰРЫЛУЫ",  # a short first line
])
def test_frontmatter_title_in_capitals_with_a_short_line(title):
    text = "ӘОЖ 32.001\nА.С. Нұрланова\nЕуразия ұлттық университеті, Астана\n" + title + "\n" + KK_ABSTRACT + \
        "Түйін сөздер: партия, сайлау.\n\n" + KK_BODY
    assert [t["text"] for t in find_articles(text)[0].titles] == [title]


def test_frontmatter_journal_section_over_a_title_stays_apart():
    text = ("Хабаршы. Саясаттану сериясы. № 2 (45). 2021\nСАЯСАТТАНУ\nҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАР\n"
            "А.С. Нұрланова\n" + KK_ABSTRACT + "Түйін сөздер: партия, сайлау.\n\n" + KK_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == ["ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАР"]


@pytest.mark.parametrize("title", [
    "Межэтнические отношения в Казахстане:\nопыт, проблемы и перспективы",  # a subtitle after a colon
    "Межэтнические отношения в Казахстане:\nОпыт, проблемы и перспективы",
    "Роль политических партий в модернизации политической системы\nРеспублики Казахстан в условиях глобализации",
])
def test_frontmatter_sentence_case_title_over_two_lines(title):
    text = ("УДК 32.001\nА.С. Иванова\nЕвразийский национальный университет, Астана\n" + title + "\n"
            "Аннотация. В статье рассматриваются этапы развития политических партий и их роль в обществе.\n"
            "Ключевые слова: партия, выборы.\n\n" + RU_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == [title]


@pytest.mark.parametrize("line,name", [
    ("Иванов И.И., к.полит.н.", "Иванов И.И."),  # an abbreviated degree
    ("Омаров Б.К., т.ғ.к., доцент", "Омаров Б.К."),
    ("Автор: Ахметова Д.С., КазНУ им. аль-Фараби", "Ахметова Д.С."),  # after a label, whatever follows
    ("А.Б. Сейтқали (Алматы, Казахстан)", "А.Б. Сейтқали"),  # a place in brackets
])
def test_frontmatter_author_line_with_what_follows_the_name(line, name):
    got = author_with_rest(line)
    assert got is not None and got[0][2] == name


def test_frontmatter_sentence_naming_an_author_is_no_author_line():
    assert author_with_rest("Как отметил А.Б. Сейтқали (2019), партии растут.") is None


@pytest.mark.parametrize("tail,found", [
    ("жүйе талданады Кілт сөздер: саясат, жүйе.", True),  # a capitalised header with its colon, no stop before
    ("жүйе талданады (2019). Кілт сөздер: саясат, жүйе.", True),  # after a closing bracket
    ("жүйе талданады, кілт сөздер: саясат.", False),  # words of the sentence
])
def test_frontmatter_keywords_header_inside_an_abstract_line(tail, found):
    text = ("ӘОК930.323 Саяси жүйелердің қалыптасуы\n\nДүйсебай Асмарал, әл-Фараби атындағы Қазақ Ұлттық университеті\n\n"
            "Мақалада автор Қазақстандағы саяси жүйелердің қалыптасуы мен дамуына салыстырмалы талдау жасап, "
            "зерттеушілердің пікірлерін көрсетеді және " + tail + "\nText:\n\n" + KK_BODY)
    a = find_articles(text)[0]
    assert [text[k["start"]:k["end"]] for k in a.keywords] == (["Кілт сөздер: саясат, жүйе."] if found else [])


# an invented article: code, title in capitals, author, affiliation, abstract, keywords, body
_ARTICLE = """ӘОЖ 32.019.5

ҚАЗАҚСТАН ХАЛҚЫ АССАМБЛЕЯСЫНЫҢ БІТІМГЕРШІЛІК РӨЛІ

А.Б. Сейітов

Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан

Аңдатпа. Мақалада саяси медиацияның даму жолдары қарастырылады.

Түйін сөздер: медиация, саясат.

Кіріспе

Медиация туралы заң 2011 жылы қабылданды. Бұл мәселені Әділет министрлігі қарады. Қазақстанда медиация
институты соңғы он жылда қарқынды дамып келеді, медиаторлар саны жыл сайын артып отыр.
"""


def test_frontmatter_a_date_label_in_a_sentence_is_a_verb():
    """``қабылданды`` (accepted) labels a date only before a colon or a date: in the body's first
    sentence it is a verb, and the sentence stays whole in the body."""
    import pipeline

    a = pipeline.process(_ARTICLE)
    body = [sec for d in a.documents for sec in d.sections if sec.kind == "body"]
    assert body and a.source.text[body[0].start:].startswith("Медиация туралы заң 2011 жылы қабылданды.")


def test_frontmatter_article_title_names_no_organisation_a_news_title_does():
    import pipeline

    a = pipeline.process(_ARTICLE)
    titles = [(sec.start, sec.end) for d in a.documents for sec in d.sections if sec.kind == "title"]
    assert titles
    in_title = [m for o in a.organisations for m in o.mentions if any(x <= m.start < y for x, y in titles)]
    assert in_title == [] and "Әділет министрлігі" in {o.canonical for o in a.organisations}
    news = pipeline.process("Сбербанк повысил ставки по вкладам\n\nСтавки по вкладам выросли на два процента "
                            "с понедельника, сообщили в пресс-службе банка.\n")
    assert [sec.kind for d in news.documents for sec in d.sections][0] == "title"
    assert "Сбербанк" in {o.canonical for o in news.organisations}


def test_frontmatter_title_printed_again_without_the_site_label():
    text = ("Главная / Рефераты / Право\nСтатья: Избирательные системы стран Центральной Азии\n"
            "Сравнение избирательных систем стран региона за годы независимости. Роль партий в выборах.\n"
            "Рубрика\tПраво\nДата добавления\t03.04.2016\n\n"
            "Избирательные системы стран Центральной Азии\nЖумабаева К.Т.\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [x["name"] for x in a.authors] == ["Жумабаева К.Т."]
    assert [t["text"] for t in a.titles] == ["Избирательные системы стран Центральной Азии"]


def test_frontmatter_title_of_each_language_over_its_abstract():
    text = ("ӘОЖ 32.001\nБ.Қ. Ержанова\nЕуразия ұлттық университеті, Астана, Қазақстан\n"
            "Жастардың саяси белсенділігі:\nөңірлік ерекшеліктер\nАңдатпа\n"
            "Мақалада жастардың саяси белсенділігі мен оның өңірлік ерекшеліктері қарастырылады.\n"
            "Түйін сөздер\nжастар, белсенділік, өңір\n"
            "Political activity of youth: regional features\nAbstract\n"
            "The article considers the political activity of youth and its regional features.\n"
            "Key words\nyouth, activity, region\n\n" + KK_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == [
        "Жастардың саяси белсенділігі:\nөңірлік ерекшеліктер", "Political activity of youth: regional features"]


def test_frontmatter_latin_byline_over_the_english_title():
    text = ("УДК 32.001\nГульнара Маратовна Сейткали\nЕвразийский национальный университет, Астана\n"
            "ПАРТИЙНЫЕ СИСТЕМЫ ЦЕНТРАЛЬНОЙ АЗИИ\nАннотация: В статье сравниваются партийные системы региона.\n"
            "Ключевые слова: партия, система.\nGulnara Seitkali\nPARTY SYSTEMS OF CENTRAL ASIA\n"
            "Abstract: The article compares the party systems of the region.\nKeywords: party, system.\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [x["name"] for x in a.authors] == ["Гульнара Маратовна Сейткали", "Gulnara Seitkali"]
    # a title-case line over a title without a byline in Cyrillic before it stays no author
    other = text.replace("Гульнара Маратовна Сейткали\n", "")
    assert "Gulnara Seitkali" not in [x["name"] for x in find_articles(other)[0].authors]



@pytest.mark.parametrize("head,title", [
    ("Саяси жүйе\n25.11.2020\nСАЯСИ ЖҮЙЕ ЖӘНЕ АЗАМАТТЫҚ ҚОҒАМ\n", "САЯСИ ЖҮЙЕ ЖӘНЕ АЗАМАТТЫҚ ҚОҒАМ"),  # a section, a date
    ("ЖЕРГІЛІКТІ БАСҚАРУ ЖҮЙЕСІНІҢ РЕФОРМАСЫ\n12.03.2021\n", "ЖЕРГІЛІКТІ БАСҚАРУ ЖҮЙЕСІНІҢ РЕФОРМАСЫ"),  # a date under it
    ("Мақалалар\nЖергілікті басқару жүйесінің реформасы\n12.03.2021\n", "Жергілікті басқару жүйесінің реформасы"),
    ("Тарих\nМЕМЛЕКЕТТІК БАСҚАРУ ЖҮЙЕСІ ЖӘНЕ\nОНЫҢ РЕФОРМАЛАНУЫ\n", "МЕМЛЕКЕТТІК БАСҚАРУ ЖҮЙЕСІ ЖӘНЕ\nОНЫҢ РЕФОРМАЛАНУЫ"),
])
def test_frontmatter_site_page_title_among_short_lines(head, title):
    a = find_articles(head + KK_BODY)[0]
    assert [t["text"] for t in a.titles] == [title]
    assert (head + KK_BODY)[a.body_start:] == KK_BODY  # the body is not taken into the head


@pytest.mark.parametrize("head", ["Кіріспе\n", "Мақалалар\n12.03.2021\n",
                                  "Мақалалар\nЕлдегі партиялар саны өсті\n12.03.2021\n"])  # a sentence: no title
def test_frontmatter_short_lines_over_the_text_give_no_title(head):
    assert find_articles(head + KK_BODY)[0].titles == []


_RU_HEAD_TAIL = ("Аннотация. В статье рассматриваются этапы развития политических партий и их роль в обществе.\n"
                 "Ключевые слова: партия, выборы.\n\n")
_RU_TITLE = "Политические партии Казахстана в условиях модернизации"


@pytest.mark.parametrize("line,names", [
    ("А.Б. Ахметов, ORCID 0000-0002-1825-0097", ["А.Б. Ахметов"]),  # the ORCID after the name is a field of its own
    ("Ахметов А.Б.a, Серикова Г.К.b", ["Ахметов А.Б.", "Серикова Г.К."]),  # letters as affiliation markers
    ("Арман Ахметов", ["Арман Ахметов"]),  # two words over the affiliation, under the title: no end of the title
])
def test_frontmatter_author_line_under_the_title(line, names):
    text = ("УДК 32.001\n" + _RU_TITLE + "\n" + line + "\nЕвразийский национальный университет, Астана, Казахстан\n"
            + _RU_HEAD_TAIL + RU_BODY)
    a = find_articles(text)[0]
    assert [x["name"] for x in a.authors] == names
    assert [t["text"] for t in a.titles] == [_RU_TITLE]


def test_frontmatter_no_author_found_the_title_is_no_institution_line():
    text = ("УДК 32.001\n" + _RU_TITLE + "\nЕвразийский национальный университет, Астана, Казахстан\n"
            + _RU_HEAD_TAIL + RU_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == [_RU_TITLE]


@pytest.mark.parametrize("title", [
    "Партии и выборы в Казахстане в 1991–2021 годах",  # years count as words, not as figures
    "Партии и выборы в Казахстане (1991–2021 гг.)",
    "Роль университетов в развитии гражданского общества Казахстана",  # an institution's word under the affiliation
])
def test_frontmatter_title_under_the_affiliation(title):
    text = ("УДК 32.001\nА.Б. Ахметов\nЕвразийский национальный университет им. Л.Н. Гумилева, Астана, Казахстан\n"
            + title + "\n" + _RU_HEAD_TAIL + RU_BODY)
    a = find_articles(text)[0]
    assert [t["text"] for t in a.titles] == [title]
    assert [x["text"] for x in a.affiliations] == ["Евразийский национальный университет им. Л.Н. Гумилева, Астана, Казахстан"]


def test_frontmatter_line_with_many_figures_is_no_title():
    assert not is_title_like("Том 27, № 2, 2023, С. 112-130")


def test_frontmatter_kazakh_title_under_the_affiliation_naming_universities():
    title = "Университеттердің азаматтық қоғамды дамытудағы рөлі"
    text = ("ӘОЖ 32.001\nА.Б. Ахметова\nәл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан\n" + title
            + "\n" + KK_ABSTRACT + "Түйін сөздер: партия, сайлау.\n\n" + KK_BODY)
    assert [t["text"] for t in find_articles(text)[0].titles] == [title]


def test_frontmatter_authors_label_under_a_title_is_no_end_of_it():
    text = ("Главная » Архив » № 2 (45) 2021\n" + _RU_TITLE + "\nАвторы\nАхметов А.Б.\nЕвразийский национальный университет\n"
            "Аннотация\nВ статье рассматриваются этапы развития политических партий и их роль в обществе.\n"
            "Ключевые слова:\nпартия, выборы\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [t["text"] for t in a.titles] == [_RU_TITLE] and [x["name"] for x in a.authors] == ["Ахметов А.Б."]


def test_frontmatter_full_name_in_capitals_surname_last_is_an_author():
    """A name printed in capitals in the order of address (given name, patronymic, surname), with the
    author's degree and post after it, is an author, not prose that would start the body."""
    text = ("DOI: 10.1234/abcd-2021-2-6-29\nУСТОЙЧИВОСТЬ ПОЛИТИЧЕСКИХ СИСТЕМ\n"
            "ДМИТРИЙ ВИКТОРОВИЧ ИВАНОВ, кандидат политических наук, доцент кафедры сравнительной политологии "
            "Московского государственного университета (Москва, Россия)\n"
            "Аннотация. В статье рассматриваются этапы развития политических партий и их роль в обществе.\n"
            "Ключевые слова: партия, выборы.\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [x["name"] for x in a.authors] == ["ДМИТРИЙ ВИКТОРОВИЧ ИВАНОВ"]
    assert text[a.body_start:] == RU_BODY


def test_frontmatter_journal_section_under_the_doi_line_is_no_title():
    text = ("DOI: 10.1234/abcd-2021-2-6-29\nПОЛИТИЧЕСКИЕ ИНСТИТУТЫ\nД.В. ИВАНОВ, Н.П. СЕРГЕЕВА\n"
            "УСТОЙЧИВОСТЬ ПОЛИТИЧЕСКОЙ СИСТЕМЫ\nРЕСПУБЛИКИ КАЗАХСТАН\n"
            "Аннотация. В статье рассматриваются этапы развития политических партий и их роль в обществе.\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [t["text"] for t in a.titles] == ["УСТОЙЧИВОСТЬ ПОЛИТИЧЕСКОЙ СИСТЕМЫ\nРЕСПУБЛИКИ КАЗАХСТАН"]


@pytest.mark.parametrize("line,names", [
    ("А.Б. Иванова1 (ORCID: 0000-0002-1234-5678), С.К. Петров2", ["А.Б. Иванова", "С.К. Петров"]),
    ("Иванова Анна Сергеевна¹, https://orcid.org/0000-0002-1234-5678", ["Иванова Анна Сергеевна"]),
    ("Айгерім Нұрланова¹ https://orcid.org/0000-0001-2345-6789", ["Айгерім Нұрланова"]),
    ("Айгерім Нұрланова1, Болат Ахметов2*", ["Айгерім Нұрланова", "Болат Ахметов"]),  # a marker on each name
    ("Ivanova Anna¹, Petrov Sergey²", ["Ivanova Anna", "Petrov Sergey"]),
])
def test_frontmatter_authors_with_markers_and_orcid(line, names):
    text = ("УДК 32.001\nПОЛИТИЧЕСКИЕ ПАРТИИ КАЗАХСТАНА\n" + line + "\n"
            "¹Евразийский национальный университет им. Л.Н. Гумилева, Астана, Казахстан\n"
            "Аннотация. В статье рассматриваются этапы развития политических партий и их роль в обществе.\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [x["name"] for x in a.authors] == names
    assert a.orcids == [o for o in ("0000-0002-1234-5678", "0000-0001-2345-6789") if o in line]


@pytest.mark.parametrize("line", ["Центральная Азия и Россия", "Стратегия Казахстан 2050"])
def test_frontmatter_two_capitalised_words_without_markers_are_no_names(line):
    assert names_line(line) is None


def test_frontmatter_abstract_over_several_lines_without_a_header():
    """Lines of prose with no blank line between them, right over the keywords, are the abstract
    (printed without a header), not the body's start."""
    abstract = ("В статье рассматриваются особенности электорального поведения граждан Казахстана в период "
                "с 2015 по 2021 год, когда в стране прошли парламентские и президентские выборы.\n"
                "Авторы анализируют данные общенациональных опросов и выявляют основные факторы, влияющие на "
                "выбор избирателей, среди которых возраст, место проживания и уровень образования.\n"
                "Сделан вывод о том, что партийная идентификация в Казахстане остается слабой, а голосование "
                "носит преимущественно персонифицированный характер.\n")
    text = ("УДК 32.001\nПОЛИТИЧЕСКИЕ ПАРТИИ КАЗАХСТАНА\nА.Б. Иванова\n"
            "Евразийский национальный университет им. Л.Н. Гумилева, Астана, Казахстан\n\n"
            + abstract + "Ключевые слова: партия, выборы.\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert text[a.body_start:] == RU_BODY
    assert [r.kind for r in a.regions if r.start >= text.index(abstract)][:3] == ["abstract"] * 3


def test_frontmatter_keywords_list_broken_inside_a_term_before_a_capital():
    kw = "Ключевые слова: безопасность, интеграция, Центральная\nАзия, регион, сотрудничество."
    text = ("ПОЛИТИЧЕСКИЕ ПАРТИИ КАЗАХСТАНА\nА.Б. Иванова\nЕвразийский национальный университет, Астана\n"
            "Аннотация. В статье рассматриваются этапы развития политических партий и их роль в обществе.\n"
            + kw + "\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [text[k["start"]:k["end"]] for k in a.keywords] == [kw]
    assert a.keywords[0]["terms"][2:4] == ["Центральная Азия", "регион"]


def test_frontmatter_keywords_list_takes_no_affiliation_after_it():
    text = ("ПОЛИТИЧЕСКИЕ ПАРТИИ КАЗАХСТАНА\nА.Б. Иванова\n"
            "Аннотация. В статье рассматриваются этапы развития политических партий и их роль в обществе.\n"
            "Ключевые слова: безопасность, интеграция, Центральная\n"
            "Евразийский национальный университет, Астана, Казахстан.\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [text[k["start"]:k["end"]] for k in a.keywords] == ["Ключевые слова: безопасность, интеграция, Центральная"]


def test_frontmatter_title_with_a_subtitle_in_small_letters_naming_no_institution():
    text = ("УДК 32.001\nА.Б. Иванова1\n1Евразийский национальный университет им. Л.Н. Гумилева, Астана, Казахстан\n"
            "e-mail: ivanova@example.kz\n\nРегиональная политика Казахстана:\nинституты и практики\n\n"
            "Аннотация\nВ статье рассматриваются этапы развития региональной политики и её институты.\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [t["text"] for t in a.titles] == ["Региональная политика Казахстана:\nинституты и практики"]


@pytest.mark.parametrize("opening", [
    # a line wrapped at the page width that ends in a conjunction goes on: no heading
    "СМИ, относящиеся к разряду печатных: общественно-политические газеты и\n\nжурналы; во-вторых, электронные СМИ, "
    "такие как новостные порталы и сети интернет.\n\n",
    # a note under a table, citing its source, is no heading
    "Ескерту - дерек-көздерге негізделіп құрылған [5]\n\n",
    "Составлено по данным официальной статистики [5]\n\n",
])
def test_frontmatter_text_opening_with_a_broken_line_or_a_note_has_no_title(opening):
    text = opening + RU_BODY + "\n" + RU_BODY
    a = find_articles(text)[0]
    assert a.titles == []


@pytest.mark.parametrize("line,expected", [
    ("Печатные газеты и", True), ("Партии и выборы в", True), ("Партиялар мен сайлау туралы", False),
    ("Саяси партиялар мен", True), ("Партии и выборы", False),
])
def test_frontmatter_line_ending_in_a_conjunction_or_preposition(line, expected):
    from pipeline.frontmatter import ends_open

    assert ends_open(line) is expected


def test_frontmatter_sentence_in_small_letters_naming_a_journal_is_no_running_head():
    assert not is_running_head("журналы; во-вторых, электронные СМИ, такие как интернет-ресурсы")
    assert is_running_head("Журнал политических исследований, 2021")


def test_frontmatter_long_title_printed_with_the_repository_label_is_no_body():
    """A repository page prints the title again with its subject label; a long title in sentence case
    makes that line as long as prose, yet it is the page's furniture: the counters, keywords, author
    and abstract after it stay front matter."""
    title = ("Банковский сектор стран Евразийского экономического союза и Национальный банк Республики "
             "Казахстан: возможности интеграции")
    text = (f"Научная статья на тему '{title}'\n\n{title} Текст научной статьи по специальности «Экономика и бизнес»\n\n"
            "CC BY\n312\n45\nКлючевые слова\nбанковский сектор / интеграция / banking sector\n\n"
            "Аннотация научной статьи по экономике и бизнесу, автор научной работы — Иванова Анна Сергеевна\n\n" + RU_BODY)
    a = find_articles(text)[0]
    assert [t["text"] for t in a.titles] == [title]
    assert [x["name"] for x in a.authors] == ["Иванова Анна Сергеевна"]
    assert [text[k["start"]:k["end"]] for k in a.keywords] == ["Ключевые слова\nбанковский сектор / интеграция / banking sector"]
    assert a.body_start > text.index("Аннотация")


@pytest.mark.parametrize("line,names,affiliation", [
    ("Иванова А.С., Петров Б.К., Евразийский национальный университет им. Л.Н. Гумилева",
     ["Иванова А.С.", "Петров Б.К."], "Евразийский национальный университет им. Л.Н. Гумилева"),
    ("Иванова А.С. и Петров Б.К., магистранты Евразийского национального университета",
     ["Иванова А.С.", "Петров Б.К."], "Евразийского национального университета"),
])
def test_frontmatter_several_authors_before_their_institution_on_one_line(line, names, affiliation):
    text = ("ПОЛИТИЧЕСКИЕ ПАРТИИ КАЗАХСТАНА\n" + line + "\n" + _RU_HEAD_TAIL + RU_BODY)
    a = find_articles(text)[0]
    assert [x["name"] for x in a.authors] == names
    assert [x["text"] for x in a.affiliations] == [affiliation]


def test_frontmatter_keywords_between_slashes_wrapped_in_capitals():
    # a repository's list between slashes, in capitals, wrapped onto a line that reads as a title:
    # the list goes on with its slashes, and the line is no title
    from pipeline.analyze import process

    text = ("СТАТЬЯ О ПРАВЕ НАРОДОВ\n\nАннотация. Статья рассматривает принципы права народов.\n"
            "Ключевые слова\nПРИНЦИП РАВНОПРАВИЯ / ПРИНЦИПЫ МЕЖДУНАРОДНОГО ПРАВА / ПРАВО НА\n"
            "САМООПРЕДЕЛЕНИЕ / НАЦИЯ / НАРОД\nТекст научной работы\n"
            "Право народов на самоопределение является одним из основных принципов.")
    doc = process(text).documents[0]
    assert doc.keywords[0].terms == ("ПРИНЦИП РАВНОПРАВИЯ", "ПРИНЦИПЫ МЕЖДУНАРОДНОГО ПРАВА",
                                     "ПРАВО НА САМООПРЕДЕЛЕНИЕ", "НАЦИЯ", "НАРОД")
    assert [t.text for t in doc.titles] == ["СТАТЬЯ О ПРАВЕ НАРОДОВ"]


def test_frontmatter_abstract_wrapped_at_page_width_before_keywords():
    # PDF text: an abstract with no header, wrapped at the page's width (each line too short to read
    # as prose alone), right above its keywords: the block is the abstract, the keywords are found
    from pipeline.frontmatter import find_articles

    text = ("ӘОЖ 32.001\n"
            "ҚАЗАҚСТАНДАҒЫ ЖЕРГІЛІКТІ ӨЗІН-ӨЗІ БАСҚАРУ\n"
            "Мақалада жергілікті өзін-өзі басқарудың қалыптасуы мен дамуы\n"
            "қарастырылып, оның негізгі кезеңдері салыстырмалы түрде талданады. Ауыл\n"
            "әкімдерінің сайлауы мен бюджеттік дербестік мәселелері де сөз болады.\n"
            "Кілт сөздер: жергілікті басқару, әкім, сайлау, бюджет.\n"
            "\n"
            "Кіріспе\n\n"
            "Қазақстанда жергілікті басқару жүйесі соңғы жылдары едәуір өзгерді.\n")
    art = find_articles(text)[0]
    assert [k["terms"] for k in art.keywords] == [["жергілікті басқару", "әкім", "сайлау", "бюджет"]]
    abstract = [text[r.start:r.end] for r in art.regions if r.kind == "abstract"]
    assert abstract and abstract[0].startswith("Мақалада") and abstract[-1].endswith("сөз болады.")


def test_frontmatter_authors_wrapped_inside_a_name():
    # PDF text: the line of authors wrapped at the page's width inside the last name
    from pipeline.frontmatter import find_articles

    text = ("УДК 321\n"
            "ПАРТИЙНАЯ СИСТЕМА КАЗАХСТАНА\n"
            "Арман Серикович Омаров1, Елена Викторовна Ким2, Данияр\n"
            "Болатович Сейтказин3\n"
            "1 Евразийский национальный университет, Астана, Казахстан\n"
            "Аннотация. В статье рассматривается партийная система Казахстана.\n")
    art = find_articles(text)[0]
    assert [" ".join(a["name"].split()) for a in art.authors] == [
        "Арман Серикович Омаров", "Елена Викторовна Ким", "Данияр Болатович Сейтказин"]


def test_frontmatter_repository_page_wrapped_at_page_width():
    # a repository page printed to PDF: its title in quotes and its author's initials wrapped onto
    # the next line
    from pipeline.frontmatter import find_articles

    text = ("Научная статья на тему 'Местное самоуправление в Казахстане: опыт и\n"
            "перспективы'\n"
            "Местное самоуправление в Казахстане: опыт и перспективы Текст научной статьи по\n"
            "специальности «Политологические науки»\n"
            "Аннотация научной статьи по политологическим наукам, автор научной работы — Ахметов А., Серикова\n"
            "Б.Е.\n"
            "В статье рассматривается опыт местного самоуправления в Казахстане и его перспективы.\n")
    art = find_articles(text)[0]
    titles = [" ".join(text[r.start:r.end].split()) for r in art.regions if r.kind == "title"]
    assert titles == ["Местное самоуправление в Казахстане: опыт и перспективы"]
    assert [" ".join(a["name"].split()) for a in art.authors] == ["Ахметов А.", "Серикова Б.Е."]


def test_frontmatter_act_title_wrapped_at_page_width():
    # an act printed to PDF: its title wrapped over two lines, the note under it, then the preamble;
    # the title is both lines, and the acts of the preamble are facts of the body
    from pipeline.analyze import process

    text = ("Облыстық жастар саясаты басқармасының «Жастар үйі» коммуналдық мекемесін\n"
            "құру туралы\n"
            "Ескерту. Күші жойылды - Алматы облысы әкімінің 12.05.2005 № 5-41 шешімімен.\n"
            "Қазақстан Республикасы Үкіметінің 2001 жылғы 15 наурыздағы № 345 қаулысын\n"
            "жүзеге асыру мақсатында облыс әкімі шешім етті:\n"
            "1. Облыстық жастар саясаты басқармасының «Жастар үйі» мекемесі құрылсын.\n")
    a = process(text)
    assert [d.title for d in a.documents] == [
        "Облыстық жастар саясаты басқармасының «Жастар үйі» коммуналдық мекемесін құру туралы"]
    assert ("resolution", "345", 2001) in {(x.kind, x.number, x.year) for x in a.legal_acts}
