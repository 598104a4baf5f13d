from __future__ import annotations

import pytest

from pipeline.langid import detect_language


@pytest.mark.parametrize("text,lang", [
    ("Медиаторлар саны", "kk"),
    ("Мәселен, 2014 жылы", "kk"),
    ("Бұл тізімге кіреді", "kk"),
    ("Число медиаторов", "ru"),
    ("Существуют такие аспекты государственной политики, как:", "ru"),
    ("Кроме того, она стимулирует развитие общественных организаций.", "ru"),
    ("the article examines", "en"),
    ("Annotation. This article describes the development of mediation.", "en"),
    ("Қазақстан Республикасының Конституциясы", "kk"),
    ("2014 545 551", "other"),
    ("", "other"),
])
def test_langid_routes_short_lines(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text,expected", [
    ("Число медиаторов в стране растёт с каждым годом", True),  # в, с
    ("Он не знал, что делать, и ушёл", True),  # что, и (он, не are Kazakh forms too)
    ("Мемлекет басшысы тапсырма берді", False),  # Kazakh without a Kazakh-only letter
    ("Сатып алып жатырмыз және сол жерде отырмыз", False),  # Kazakh closed-class word
    ("Стропило окрашено в красный цвет", False),  # one function word is not enough
])
def test_langid_russian_function_word_shortcut(text, expected):
    from pipeline.langid import _russian_by_words

    assert _russian_by_words(text) is expected


@pytest.mark.parametrize("text", [
    "Мемлекет басшысы тапсырма берді, сол себепті барлығы дайын",
    "Аралассын деген оймен сатып алып жатырмыз",
])
def test_langid_kazakh_without_kazakh_letters_still_asks_lingua(text):
    assert detect_language(text) == "kk"
