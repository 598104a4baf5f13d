"""Tables: captions, broken and vertical headers, rows, collapsed empty cells, cells as claims."""
from __future__ import annotations

import os
import warnings

import pytest

from pipeline.extract.tables import _join_fragments, _split_header

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROSE_KK = "Кестеден көріп отырғанымыздай, ұйымдар саны жыл сайын тұрақты түрде өсіп келеді және бұл оң үрдіс."
PROSE_RU = "Как видно из таблицы, крупнейшей организацией остаётся ассоциация юристов страны и её филиалы."

GRID_KK = f"""Кіріспе сөйлем осында тұр.

2 – кесте

Облыстағы үкіметтік емес ұйымдардың саны

Жылдар Қоғамдық бірлестіктер Қорлар Мекемелер Барлығы

2019 120  40     160

2020 130  45  15  190

2021 150  50  20  220

Ескерту - статистика комитетінің деректері [7]

{PROSE_KK}
"""

PLACES_RU = f"""Введение к разделу.

Таблица 1 – Доверие к партиям

Алматы Астана Шымке

нт

45% 38% 50-55%

Источник: данные опроса [2]

{PROSE_RU}
"""

TEXT_ROWS_RU = f"""Введение к разделу.

Таблица 3

№ Название организации Число членов

1 «Ассоциация юристов

Казахстана» ОЮЛ

250

2 «Союз медиаторов» 120

{PROSE_RU}
"""

REGIONS_RU = f"""Введение к разделу.

Таблица 4 – Число партийных организаций по регионам

Регион 2019 2020

Алматинская область 120 135

Северо-Казахстанская

область 45 50

Всего 165 185

Примечание – составлено автором [9]

{PROSE_RU}
"""

DASHES_KK = f"""Кіріспе сөйлем осында тұр.

5 – кесте

Сайлауға қатысу деңгейі, пайызбен

Алматы Астана Шымкент

2019 62% – 71%

2021 58% 64% –

{PROSE_KK}
"""

VERTICAL_KK = "Кіріспе сөйлем осында тұр.\n\n1 – кесте\n\nПартиялардағы мүшелер саны, мың адам\n\n" + "\n".join("Барлығы") + "\n \n" + "\n".join("Әйелдер") + f"\n\n2020 500  200\n\n2021 540  230\n\n{PROSE_KK}\n"


def run(text):
    from pipeline import process

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return process(text, source_id="t")


@pytest.mark.parametrize(
    "parts,joined",
    [
        (["Ұлыбритан", "ия ", "АҚШ "], "Ұлыбритания АҚШ"),
        (["Қытай Еуропа ", "елдерінде ", "Қазақста", "н "], "Қытай Еуропа елдерінде Қазақстан"),
        (["Численность насе-", "ления"], "Численность населения"),
    ],
)
def test_tables_join_broken_header_lines(parts, joined):
    assert _join_fragments(parts) == joined


@pytest.mark.parametrize(
    "header,cells",
    [
        ("Қылмыстық істер Азаматтық істер Еңбек дауы", ["Қылмыстық істер", "Азаматтық істер", "Еңбек дауы"]),
        ("№ Название организации Число членов", ["№", "Название организации", "Число членов"]),
    ],
)
def test_tables_split_header_at_capitals(header, cells):
    assert _split_header(header) == cells


@pytest.mark.parametrize("text,number,caption", [
    (GRID_KK, 2, "Облыстағы үкіметтік емес ұйымдардың саны"),
    (PLACES_RU, 1, "Доверие к партиям"),
    (TEXT_ROWS_RU, 3, None),
])
def test_tables_caption_and_number(text, number, caption):
    a = run(text)
    assert [t.number for t in a.tables] == [number]
    assert a.tables[0].caption == caption
    t = a.tables[0]
    assert a.source.text[t.start : t.end].lstrip().startswith(str(number)) or "Таблица" in a.source.text[t.start : t.end]


@pytest.mark.parametrize(
    "text,columns,rows",
    [
        (
            GRID_KK,
            ("Жылдар", "Қоғамдық бірлестіктер", "Қорлар", "Мекемелер", "Барлығы"),
            (("2019", "120", "40", None, "160"), ("2020", "130", "45", "15", "190"), ("2021", "150", "50", "20", "220")),
        ),
        (PLACES_RU, ("Алматы", "Астана", "Шымкент"), (("45%", "38%", "50-55%"),)),
        (
            TEXT_ROWS_RU,
            ("№", "Название организации", "Число членов"),
            (("1", "«Ассоциация юристов Казахстана» ОЮЛ", "250"), ("2", "«Союз медиаторов»", "120")),
        ),
        (VERTICAL_KK, ("", "Барлығы", "Әйелдер"), (("2020", "500", "200"), ("2021", "540", "230"))),
        (DASHES_KK, ("", "Алматы", "Астана", "Шымкент"), (("2019", "62%", None, "71%"), ("2021", "58%", "64%", None))),
        (
            REGIONS_RU,
            ("Регион", "2019", "2020"),
            (("Алматинская область", "120", "135"), ("Северо-Казахстанская область", "45", "50"), ("Всего", "165", "185")),
        ),
    ],
)
def test_tables_columns_and_rows(text, columns, rows):
    t = run(text).tables[0]
    assert t.columns == columns
    assert t.rows == rows


@pytest.mark.parametrize("text,note", [(GRID_KK, "Ескерту - статистика комитетінің деректері [7]"), (TEXT_ROWS_RU, None)])
def test_tables_note(text, note):
    assert run(text).tables[0].note == note


@pytest.mark.parametrize(
    "text,cell,row,column,year,subject,unit,cite",
    [
        (GRID_KK, "160", "2019", "Барлығы", 2019, None, "count", "[7]"),
        (GRID_KK, "15", "2020", "Мекемелер", 2020, None, "count", "[7]"),
        (PLACES_RU, "38%", None, "Астана", None, "Астана", "percent", "[2]"),
        (TEXT_ROWS_RU, "250", "«Ассоциация юристов Казахстана» ОЮЛ", "Число членов", None, "Ассоциация юристов Казахстана", "count", None),
        (REGIONS_RU, "50", "Северо-Казахстанская область", "2020", 2020, "Северо-Казахстанская область", "count", "[9]"),
        (REGIONS_RU, "185", "Всего", "2020", 2020, None, "count", "[9]"),
        (DASHES_KK, "64%", "2021", "Астана", 2021, "Астана", "percent", None),
    ],
)
def test_tables_cells_are_claims(text, cell, row, column, year, subject, unit, cite):
    a = run(text)
    cs = [c for c in a.claims if c.where == "table" and c.text == cell]
    assert len(cs) == 1, [c.text for c in a.claims]
    c = cs[0]
    assert (c.row, c.column, c.year, c.subject, c.unit, c.cite) == (row, column, year, subject, unit, cite)
    assert c.table == a.tables[0].number
    assert a.source.text[c.start : c.end] == c.text


@pytest.mark.parametrize("text", [GRID_KK, TEXT_ROWS_RU, VERTICAL_KK])
def test_tables_labels_and_row_numbers_are_not_claims(text):
    a = run(text)
    table_texts = {c.text for c in a.claims if c.where == "table"}
    assert not table_texts & {"1", "2", "3", "2019", "2020", "2021"}
    # nothing inside a table is claimed twice (as text and as a cell)
    spans = [(c.start, c.end) for c in a.claims]
    assert len(spans) == len(set(spans))


@pytest.mark.parametrize("text,value,value_max,qualifier", [(PLACES_RU, 50, 55, "range")])
def test_tables_range_cell(text, value, value_max, qualifier):
    c = [c for c in run(text).claims if c.where == "table" and c.value_max][0]
    assert (c.value, c.value_max, c.qualifier) == (value, value_max, qualifier)


def test_tables_sample_article():
    text = open(os.path.join(ROOT, "corpus", "000_c56d3abc32b6f588.txt"), encoding="utf-8").read()
    a = run(text)
    assert [t.number for t in a.tables] == [1, 2, 3]
    t3 = a.tables[2]
    assert t3.columns[1:3] == ("Қылмыстық істер", "Азаматтық істер")
    # the grand-total row lands in the total column: the sum of that column
    total_row = t3.rows[-1]
    col = t3.columns.index("Жалпы медиация саны")
    assert total_row[col] == "54229"
    assert sum(int(r[col]) for r in t3.rows[:-1]) == 54229


@pytest.mark.parametrize("text", ["", "1 – кесте", "Таблица 1\n\n\n", "1 – кесте\n\nА Б\n\n1 2 3 4 5 6\n\n7"])
def test_tables_odd_input_does_not_raise(text):
    a = run(text)
    for c in a.claims:
        assert a.source.text[c.start : c.end] == c.text


PIPE_KK = """Кіріспе сөйлем осында тұр.

1 – кесте. Аудандар бойынша шығындар

| № | Аудан | Адам саны | Құны теңге есебімен |
|---|---|---|---|
| 1 | 2 | 3 | 4 |
| 1. | Ақсу | 1779 | 108216 |
| 2. | Алакөл | 1200 | 317856 |

Қорытынды сөйлем осында тұр.
"""


@pytest.mark.parametrize("text", [PIPE_KK])
def test_tables_pipe_table_cells_are_claims(text):
    import pipeline

    a = pipeline.process(text)
    assert len(a.tables) == 1 and a.tables[0].number == 1
    cells = [c for c in a.claims if c.where == "table"]
    got = sorted((c.value, c.unit, c.currency, c.row, c.column) for c in cells)
    assert got == sorted([
        (1779, "count", None, "Ақсу", "Адам саны"), (108216, "money", "KZT", "Ақсу", "Құны теңге есебімен"),
        (1200, "count", None, "Алакөл", "Адам саны"), (317856, "money", "KZT", "Алакөл", "Құны теңге есебімен"),
    ])
    assert all(text[c.start:c.end] == c.text for c in cells)
    assert not [c for c in a.claims if c.where == "text" and c.start > text.index("| №")
                and c.end < text.index("Қорытынды")]


PIPE_NUMBERED = """Кіріспе сөйлем осында тұр.

| № | Іс-шаралар | Мерзімі | Қаражат, мың теңге |
|---|---|---|---|
| 1 | Тіл курстарын ұйымдастыру | 2003 ж. | 450 |
| 2 | Оқулықтар сатып алу | 2004 ж. | 1200 |

Қорытынды сөйлем осында тұр.
"""


@pytest.mark.parametrize("text", [PIPE_NUMBERED.replace("| № |", "|  |"), PIPE_NUMBERED])
def test_tables_row_numbers_are_not_claims(text):
    import pipeline

    a = pipeline.process(text)
    cells = sorted(c.value for c in a.claims if c.where == "table")
    assert cells == [450000, 1200000]


@pytest.mark.parametrize(
    "header,year",
    [("Жұмыс көлемі / 1999 ж. / алаң (га)", 1999), ("Соның ішінде (мың дана) / 1.01.1998 ж. бары", 1998),
     ("Наличие на 1.01.98г.", 1998), ("Кол-во саженцев (тыс.шт.)", None),
     ("2003 жыл (мың теңге)", 2003), ("2004 год, тыс. тенге", 2004)],
)
def test_tables_year_of_header(header, year):
    from pipeline.extract.table_headers import year_of_header

    assert year_of_header(header) == year


@pytest.mark.parametrize(
    "header,lang,scale",
    [("екпе көшет (мың дана)", "kk", 1000), ("в т.ч. по годам (тыс. шт.)", "ru", 1000), ("млн.тенге", "ru", 1e6),
     ("на 1000 человек", "ru", 1), ("Тариф в тенге", "ru", 1)],
)
def test_tables_scale_of_header(header, lang, scale):
    from pipeline.extract.table_headers import scale_of_header

    assert scale_of_header(header, lang) == scale


PIPE_TOTAL_RU = """Вводное предложение здесь.

| Хозяйство | Всего посадочного материала | в т.ч. по годам (тыс. шт.) / 1998г | в т.ч. по годам (тыс. шт.) / 1999г |
|---|---|---|---|
| Первое | 300 | 100 | 200 |
| Второе | 90 | 40 | 50 |

Заключительное предложение здесь.
"""

PIPE_DATES_RU = """Вводное предложение здесь.

| № | Мероприятие | Срок исполнения | Сумма, тыс. тенге |
|---|---|---|---|
| 1. | Провести анализ привитости | 01.08.98 | 450 |
| 2. | Составить план иммунизации | 15.06.98 | 120 |

Заключительное предложение здесь.
"""


def test_tables_total_column_takes_the_scale_of_its_parts():
    import pipeline

    a = pipeline.process(PIPE_TOTAL_RU)
    got = sorted((c.row, c.value) for c in a.claims if c.where == "table" and c.column.startswith("Всего"))
    assert got == [("Второе", 90000), ("Первое", 300000)]


def test_tables_date_cells_are_not_claims():
    import pipeline

    a = pipeline.process(PIPE_DATES_RU)
    assert sorted(c.value for c in a.claims if c.where == "table") == [120000, 450000]


PIPE_AMOUNTS_KK = """2001 жылға субвенция мөлшері бекітілсін, оның ішінде:

| Ақсу ауданына | 102509 мың теңге |
|---|---|
| Алакөл ауданына | 154662 мың теңге |
| Балқаш ауданына | 111507 мың теңге; |

Қорытынды сөйлем осында тұр.
"""


def test_tables_cells_with_their_unit_are_claims():
    import pipeline

    a = pipeline.process(PIPE_AMOUNTS_KK)
    got = sorted((c.value, c.unit, c.currency) for c in a.claims if c.where == "table")
    assert [v for v, _, _ in got] == [102509000, 111507000, 154662000]
    assert all(u == "money" and cur == "KZT" for _, u, cur in got)


PIPE_UNITS = {
    "kk": """Бағдарламаның көрсеткіштері.

| Көрсеткіштер | Өлшем бірлігі | 2001 ж. | 2002 ж. |
|---|---|---|---|
| Жұмыссыздар саны | адам | 12500 | 11000 |
| Жұмыссыздық деңгейі | % | 5,2 | 4,8 |
| Қаржыландыру | млн. теңге | 120 | 150 |
""",
    "ru": """Показатели программы.

| Показатели | Единица измерения | 2001 г. | 2002 г. |
|---|---|---|---|
| Численность безработных | человек | 12500 | 11000 |
| Уровень безработицы | % | 5,2 | 4,8 |
| Финансирование | млн. тенге | 120 | 150 |
""",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_tables_a_column_of_units_gives_each_row_its_unit(lang):
    # `| Жұмыссыздық деңгейі | % | 5,2 |`: the unit column names the unit and scale of the row;
    # a column of a year names no measured thing, the row of an indicator does
    import pipeline

    a = pipeline.process(PIPE_UNITS[lang])
    got = [(c.value, c.unit, c.year, c.measured is not None) for c in a.claims if c.where == "table"]
    assert got == [(12500, "count", 2001, True), (11000, "count", 2002, True),
                   (5.2, "percent", 2001, True), (4.8, "percent", 2002, True),
                   (120000000, "money", 2001, True), (150000000, "money", 2002, True)]


PIPE_GROUPED = {
    "kk": """Аудандарға бөлінетін қаражат.

| Аудандар | Сомасы, мың теңге |
|---|---|
| Ақсу ауданы | 12 500 |
| Алакөл ауданы | 37 500 |
""",
    "ru": """Средства, выделяемые районам.

| Районы | Сумма, тыс. тенге |
|---|---|
| Аксуский район | 12 500 |
| Алакольский район | 37 500 |
""",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_tables_cells_with_thousands_grouped_by_spaces_are_claims(lang):
    import pipeline

    a = pipeline.process(PIPE_GROUPED[lang])
    got = sorted((c.value, c.unit) for c in a.claims if c.where == "table")
    assert got == [(12500000, "money"), (37500000, "money")]


PIPE_ROW_SCALE = {
    "kk": """Білім беру көрсеткіштері.

| Көрсеткіштер | 2002 ж. | 2003 ж. |
|---|---|---|
| Оқушылар саны, мың адам | 45,5 | 46,2 |
| Сот баллистикалық сараптамасы | 2 | 3 |
""",
    "ru": """Показатели образования.

| Показатели | 2002 г. | 2003 г. |
|---|---|---|
| Количество учащихся, тыс. человек | 45,5 | 46,2 |
| Судебная баллистическая экспертиза | 2 | 3 |
""",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_tables_a_row_names_its_scale_after_a_comma(lang):
    # `| Оқушылар саны, мың адам | 45,5 |`: 45 500 persons; a label without a comma names no unit
    # (`баллистикалық` begins as `балл` does)
    import pipeline

    a = pipeline.process(PIPE_ROW_SCALE[lang])
    got = sorted((c.value, c.unit) for c in a.claims if c.where == "table")
    assert got == [(2, "count"), (3, "count"), (45500, "count"), (46200, "count")]


def test_tables_row_numbers_written_with_their_dots():
    # `| 1. | ... |`, `| 2 | ... |`: a numbering column, the dot or not; its numbers are no claims
    import pipeline

    text = """Акциз ставкалары.

|  | Қызмет түрлері | Ставкасы |
|---|---|---|
| 1. | Ойын үстелі | 130 |
| | Ойын автоматы | 5 |
| 2 | Лотерея | 10 |
"""
    got = sorted(c.value for c in pipeline.process(text).claims if c.where == "table")
    assert got == [5, 10, 130]


def test_tables_caption_wrapped_at_page_width():
    # PDF text: a table's caption over two lines with no break between; its unit is on the first
    from pipeline.analyze import process

    text = ("Облыстық бюджет туралы.\n\n"
            "*мың теңгемен ағымдағы жылдың шығындар сметасы бойынша көмекті қамтамасыз ету үшiн\n"
            "облыстық бюджет қаржысы есебiнен\n\n"
            "|  | Сомасы |\n| 1. Облыстық аурухана | 1 200 |\n| 2. Аудандық аурухана | 900 |\n")
    a = process(text)
    assert a.tables[0].caption.startswith("мың теңгемен") and a.tables[0].caption.endswith("есебiнен")
    assert sorted((c.value, c.unit) for c in a.claims) == [(900000, "money"), (1200000, "money")]
    # a sentence ended on the line before stays out of the caption
    text = text.replace("Облыстық бюджет туралы.\n\n", "Облыстық бюджет туралы.\n")
    assert process(text).tables[0].caption.startswith("мың теңгемен")
