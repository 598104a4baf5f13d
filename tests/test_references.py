from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.references import AUTHOR_CITE, NUMERIC_CITE, parse_entry

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("entry,authors,year,title,venue", [
    ("1. Сәрсенов Б.Қ. Партиялар жүйесі // Саясат. – 2017. – № 3. – 12-20 б.",
     ["Сәрсенов Б.Қ."], 2017, "Партиялар жүйесі", "Саясат"),
    ("[2] Омаров А.А., Ким В.В. Выборы в регионах. – Астана: Фолиант, 2020. – 180 с.",
     ["Омаров А.А.", "Ким В.В."], 2020, "Выборы в регионах", None),
])
def test_references_parse_entry(entry, authors, year, title, venue):
    e = parse_entry(entry)
    assert (e["authors"], e["year"], e["title"], e["venue"]) == (authors, year, title, venue)


@pytest.mark.parametrize("text,found", [
    ("болды [3].", "[3]"), ("деп жазады [4, 25 б.].", "[4, 25 б.]"), ("отмечает [1, с. 25]", "[1, с. 25]"),
    ("см. [2; 5]", "[2; 5]"), ("жылы 2019 [2019 жыл]", None),
])
def test_references_numeric_markers(text, found):
    m = NUMERIC_CITE.search(text)
    assert (m.group() if m else None) == found


def test_references_author_year_marker():
    assert AUTHOR_CITE.search("(Смағұлов, 2019)").groups() == ("Смағұлов", "2019")


def test_references_fixture_entries_and_markers_linked():
    import pipeline

    a = pipeline.process((FIXTURES / "article_ru_tomsk.txt").read_text(encoding="utf-8"))
    assert [(r.n, r.year) for r in a.references] == [(1, 2018), (2, 2019)]
    assert [(c.text, c.ref_id) for c in a.citations] == [("[1]", a.references[0].ref_id),
                                                         ("[2, с. 25]", a.references[1].ref_id)]
    cited = [c for c in a.claims if c.cite == "[1]"]
    assert cited and all(c.cite_ref == a.references[0].ref_id for c in cited)
    for r in a.references:
        assert a.text[r.start:r.end] == r.text
