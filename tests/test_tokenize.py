from __future__ import annotations

import pytest

from pipeline.morph.tokenize import tokenize


def _toks(s: str, lang: str = "kk") -> list[str]:
    return [s[a:b] for a, b in tokenize(s, lang)]


@pytest.mark.parametrize("text,expected", [
    ("ҚХА-ның негізін", ["ҚХА-ның", "негізін"]),
    ("3000-ға жуық", ["3000-ға", "жуық"]),
    ("оның 50%-ы медиация", ["оның", "50%-ы", "медиация"]),
    ("2017 жылы 30 057 өтініш", ["2017", "жылы", "30 057", "өтініш"]),
    ("болды[1].", ["болды", "[1]", "."]),
    ("т.б. мамандықтары", ["т.б.", "мамандықтары"]),
    ("2019 ж. бірінші", ["2019", "ж.", "бірінші"]),
    ("Еуропада 70-80%-ды", ["Еуропада", "70-80%-ды"]),
    ("бірлескен іс-шараларды", ["бірлескен", "іс-шараларды"]),
    ("сайт http://mediator-kz.com/ бар", ["сайт", "http://mediator-kz.com/", "бар"]),
    ("«Келісу» одағы", ["«", "Келісу", "»", "одағы"]),
])
def test_tokenize_kazakh_keeps_words_whole(text, expected):
    assert _toks(text, "kk") == expected


@pytest.mark.parametrize("text,expected", [
    ("в 2018 году 1,5 млн руб.", ["в", "2018", "году", "1,5", "млн", "руб."]),
    ("и т.д. см. выше", ["и", "т.д.", "см.", "выше"]),
])
def test_tokenize_russian(text, expected):
    assert _toks(text, "ru") == expected


def test_tokenize_table_row_numbers_stay_apart():
    assert _toks("2014 545  551     1096") == ["2014", "545", "551", "1096"]


@pytest.mark.parametrize("text,expected", [
    ("Kazakhstan’s legislation, e.g. mediation.", ["Kazakhstan", "’s", "legislation", ",", "e.g.", "mediation", "."]),
    ("It doesn't work", ["It", "does", "n't", "work"]),
    ("O'Brien said they're ready in the U.S. now", ["O'Brien", "said", "they", "'re", "ready", "in", "the", "U.S.",
                                                    "now"]),
    ("state-owned firms can't", ["state-owned", "firms", "ca", "n't"]),
])
def test_tokenize_english_clitics(text, expected):
    assert _toks(text, "en") == expected


def test_plain_tokens_keep_what_the_organisation_taggers_were_trained_on():
    from pipeline.extract.kk_words import tokenize as kk_words_tokenize
    from pipeline.morph.tokenize import plain_tokens

    s = "Д.С. Иванов ҚХА-ның ___ 2000-2001ж т.б."
    assert [s[a:b] for a, b in plain_tokens(s)] == ["Д.С", ".", "Иванов", "ҚХА-ның", "___", "2000-2001ж", "т.б", "."]
    assert [w for _, _, w in kk_words_tokenize(s)] == [s[a:b] for a, b in plain_tokens(s)]


def test_tokenize_remembered_spans_are_a_new_list_each_time():
    # a sentence's spans are remembered: the list handed out is the caller's own
    s = "Білім және ғылым министрлігі 2020 ж. 15 мың оқушыны қабылдады."
    first = tokenize(s)
    first.append((0, 0))
    again = tokenize(s)
    assert again == first[:-1] and again is not first
    long_text = " ".join([s] * 100)  # longer than a sentence: worked out, not remembered
    assert len(tokenize(long_text)) == 100 * len(again)
