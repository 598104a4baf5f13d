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
