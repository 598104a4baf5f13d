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


# invented sentences: a Russian sentence holding one Kazakh name stays Russian; Kazakh stays Kazakh
@pytest.mark.parametrize("text,lang", [
    ("Сведения опубликованы в информационно-правовой системе «Әділет» в установленном порядке.", "ru"),
    ("Вчера Қасым-Жомарт Тоқаев провёл совещание с членами правительства.", "ru"),
    ("Утвердить на 2002 год следуюіцие нормативы распределения доходов.", "ru"),  # a stray letter of a scan
    ("Мемлекет басшысы Қасым-Жомарт Тоқаев Үкімет мүшелерімен кеңес өткізді.", "kk"),
    ("Бұл жүйе «Әділет» деп аталады.", "kk"),
    ("Гүлжан Көленқызы, Александра Салмина, Эдуард Кон.", "kk"),  # names only: no Russian clause to read
    ("Вчера Тоқаев и Әбдірайым подписали соглашение о сотрудничестве.", "ru"),  # two names, both capitalised
    ("Указ подписал Қасым-Жомарт Тоқаев в Ақорде.", "ru"),
    ("В общем, құлап жатыр.", "kk"),  # a lowercase Kazakh word is Kazakh text, not a name
])
def test_langid_one_foreign_name_does_not_flip_a_sentence(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text,units", [
    ("в системе «Әділет» работает", ["в", "системе", "«Әділет»", "работает"]),
    ("подписал Б. Әбдірайым вчера", ["подписал", "Б. Әбдірайым", "вчера"]),
])
def test_langid_name_units(text, units):
    from pipeline.langid import name_units

    assert [text[a:b] for a, b in name_units(text)] == units


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_langid_process_lang_sets_every_sentence(lang):
    from pipeline import process

    a = process("Мемлекет басшысы кеңес өткізді. Правительство утвердило план. The plan was adopted.", lang=lang)
    assert {s.lang for s in a.sentences} == {lang}
    assert {t.lang for t in a.tokens} == {lang} and {d.lang for d in a.documents} == {lang}


def test_langid_process_lang_auto_detects_per_sentence():
    from pipeline import process

    a = process("Мемлекет басшысы Үкімет мүшелерімен кеңес өткізді.\n\nПравительство утвердило план мероприятий на год.")
    assert [s.lang for s in a.sentences] == ["kk", "ru"]


def test_langid_process_rejects_an_unknown_lang():
    from pipeline import process

    with pytest.raises(ValueError, match="E202"):
        process("Текст.", lang="de")


def test_langid_russian_sentence_with_a_kazakh_name_keeps_its_lemmas():
    """The researcher's case: the sentence is read as Russian, so its words are lemmatised as Russian."""
    from pipeline import process

    a = process("Вчера Қасым-Жомарт Тоқаев провёл совещание с членами правительства.")
    assert [s.lang for s in a.sentences] == ["ru"]
    lemmas = {t.text: t.lemma for t in a.tokens}
    assert lemmas["провёл"] == "провести" and lemmas["членами"] == "член"


def test_langid_eval_smoke(tmp_path):
    """bench/eval_langid.py on a tiny slice: figures of the evaluation interface (skipped without the data)."""
    import importlib.util
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[1] / "bench"
    sys.path.insert(0, str(bench))
    try:
        from common import data_dir

        if data_dir() is None:
            pytest.skip("data absent")
        spec = importlib.util.spec_from_file_location("eval_langid", bench / "eval_langid.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        figures = mod.evaluate(tmp_path, smoke=True)
    finally:
        sys.path.remove(str(bench))
    assert figures
    for f in figures:
        assert set(f) >= {"figure", "tune", "check", "n_tune", "n_check", "target", "command"}
        assert all(0 <= v <= 1 for v in (f["tune"], f["check"]) if v is not None)


@pytest.mark.parametrize("text,lang", [
    ('<td colspan="6">Объем работ</td>', "ru"),  # the tag's Latin letters are not English
    ('<td rowspan="2">Орындалу мерзімі</td>', "kk"),
    ("&quot;Тіл халқының тарихы&quot; атты конференция", "kk"),
])
def test_langid_markup_has_no_language(text, lang):
    assert detect_language(text) == lang


def test_langid_a_text_asked_again_is_not_sent_to_lingua_again(monkeypatch):
    from pipeline import langid

    calls = []

    def counting(text, allowed):
        calls.append(text)
        return "kk"

    monkeypatch.setattr(langid, "_lingua", counting)
    langid._detect_remembered.cache_clear()
    text = "Бала мектепке барады жаз бойы"  # no Kazakh-only letter: lingua decides
    assert langid.detect_language(text) == langid.detect_language(text) == "kk"
    assert langid.detect_language(text, default="ru") == "kk"
    assert len(calls) == 2  # once per (text, default)
    langid._detect_remembered.cache_clear()
