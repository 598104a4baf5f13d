"""The normalised view keeps a map back to every source offset."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize


def _check_map(src: str, view) -> None:
    assert len(view.src) == len(view.text) + 1
    assert list(view.src) == sorted(view.src)
    for i, ch in enumerate(view.text):
        if ch not in " \n":
            s = src[view.src[i]]
            assert s == ch or s.isascii() or not s.isalpha() or ch != s.lower()  # homoglyph or same char


@pytest.mark.parametrize("src,expected", [
    ("жыл cанап өсуде", "жыл санап өсуде"),  # Latin c inside a Cyrillic word
    ("Hello world", "Hello world"),  # a real Latin word stays
    ("мемлекеттің басқа-\n\nруы жақсы", "мемлекеттің басқаруы жақсы"),  # hyphenated across a line
    ("бірлескен іс-\nшараларды", "бірлескен іс-шараларды"),  # a real compound keeps its hyphen
    ("http://www.mpc-\ninfo.kz/kk/", "http://www.mpc-info.kz/kk/"),  # a URL split at its own hyphen
    # an abbreviation takes its case ending after a hyphen: ЖОО-|ның stays ЖОО-ның
    ("Бұл ЖОО-\nның жоспары", "Бұл ЖОО-ның жоспары"),
    # paired adjectives keep their hyphen (both in -лық/-лік), a word broken in -лық is joined
    ("әлеуметтік-\nэкономикалық даму", "әлеуметтік-экономикалық даму"),
    ("ауыл шаруашы-\nлық өнімі", "ауыл шаруашылық өнімі"),
    # Russian: joined when the dictionary knows the joined word, kept when both parts are words
    ("проблемы разви-\nтия региона", "проблемы развития региона"),
    ("социально-\nполитические процессы", "социально-политические процессы"),
    ("он сказал по-\nказахски", "он сказал по-казахски"),
    ("бірінші жол\n\nекінші жол", "бірінші жол екінші жол"),  # lines of one paragraph
    ("Бірінші сөйлем.\n\nЕкінші абзац басталады", "Бірінші сөйлем.\nЕкінші абзац басталады"),
    ("Й", "Й"),
])
def test_normalize_view_text(src, expected):
    v = normalize(src)
    assert v.text == expected
    _check_map(src, v)


def test_normalize_vertical_header_read_as_words():
    src = "Қ\nы\n\nл\nм\n\nы\nст\n\nы\nқ\n\n \n\nіс\nт\nер\n\n \n\nА\nза\n\nм\nа\nт\nт\nы\n\nқ\n і\n\nст\nер\n"
    v = normalize(src)
    assert v.text.strip() == "Қылмыстық істер Азаматтық істер"
    _check_map(src, v)


def test_normalize_combining_marks_compose():
    src = "и\u0306гі"
    v = normalize(src)
    assert v.text == "йгі"
    s, e = v.to_source(0, 1)
    assert src[s:e] == "и\u0306"


@pytest.mark.parametrize("src", ["", "\n\n\n", " ", "a", "\x0c", "2014 545  551     1096\n2015 408  1852"])
def test_normalize_odd_input_keeps_map(src):
    v = normalize(src)
    assert len(v.src) == len(v.text) + 1


@pytest.mark.parametrize("src", ["Бірінші сөйлем.\n\nЕкінші абзац", "бірінші жол\nекінші жол", "2014 545\n2015 408"])
def test_normalize_from_source_finds_the_line_start(src):
    v = normalize(src)
    start = src.rindex("\n") + 1
    i = v.from_source(start)
    assert v.text[i] == src[start]


@pytest.mark.parametrize("src,expected", [
    ("Astana Hub IT-стартаптар", "Astana Hub IT-стартаптар"),  # each part of a hyphenated word in its own script
    ("IT-cтартаптар", "IT-стартаптар"),  # a look-alike in the Cyrillic part is fixed, the Latin part stays
    ("Hello, мир", "Hello, мир"),  # no Latin letter touches a Cyrillic one
])
def test_normalize_homoglyphs_by_word_part(src, expected):
    v = normalize(src)
    assert v.text == expected
    _check_map(src, v)
