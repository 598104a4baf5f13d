"""Behaviour of the Russian analyser (pipeline.morph.ru); runs without ../shared."""
from __future__ import annotations

import pytest

from pipeline.morph import ru


def lemmas(words):
    return [lemma for lemma, _ in ru.analyze(words)]


def upos(words):
    return [u for _, u in ru.analyze(words)]


@pytest.mark.parametrize("words,i,lemma,pos", [
    (["Мама", "мыла", "раму", "."], 1, "мыть", "VERB"),
    (["Он", "был", "в", "Москве", "в", "2010", "году", "."], 1, "быть", "AUX"),
    (["Он", "был", "в", "Москве", "в", "2010", "году", "."], 3, "Москва", "PROPN"),
    (["Он", "был", "в", "Москве", "в", "2010", "году", "."], 6, "год", "NOUN"),
    (["Прошло", "пять", "лет", "."], 2, "год", "NOUN"),
    (["Решившие", "совершить", "путешествие", "ребята", "уехали", "."], 0, "решить", "VERB"),
])
def test_morph_ru_lemma_in_context(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma", [
    (["Я", "гуляю", "во", "дворе", "."], 2, "во"),
    (["Мы", "говорили", "со", "студентами", "."], 2, "со"),
])
def test_morph_ru_preposition_keeps_form(words, i, lemma):
    assert ru.analyze(words)[i] == (lemma, "ADP")


@pytest.mark.parametrize("words,i,lemma,pos", [
    (["Я", "видел", "его", "книгу", "."], 2, "его", "DET"),
    (["Я", "видел", "его", "вчера", "."], 2, "он", "PRON"),
    (["Они", "любят", "свою", "страну", "."], 2, "свой", "DET"),
    (["Это", "было", "давно", "."], 0, "это", "PRON"),
])
def test_morph_ru_pronoun_and_determiner(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma", [
    (["Он", "ещё", "здесь", "."], 1, "еще"),
    (["Всё", "хорошо", "."], 0, "всё"),
    (["Зелёный", "лист", "упал", "."], 0, "зеленый"),
])
def test_morph_ru_yo_as_in_ud(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words,i,lemma,pos", [
    (["Президент", "России", "выступил", "."], 1, "Россия", "PROPN"),
    (["Санкции", "США", "против", "РФ", "."], 1, "США", "PROPN"),
    (["Учёный", "И.", "Иванов", "приехал", "."], 1, "И", "PROPN"),
])
def test_morph_ru_proper_noun_capitalisation(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    (["В", "2010", "году", "рост", "составил", "5,5", "%", "."], 1, "2010", None),
    (["В", "2010", "году", "рост", "составил", "5,5", "%", "."], 5, "5,5", "NUM"),
    (["В", "2010", "году", "рост", "составил", "5,5", "%", "."], 7, ".", "PUNCT"),
    (["Статья", "опубликована", "в", "Journal", "of", "Politics", "."], 4, "of", None),
    (["Смотри", "https://example.org/a", "!"], 1, "https://example.org/a", "X"),
    (["Отдых", "#море", "😊"], 1, "#море", "X"),
    (["Отдых", "#море", "😊"], 2, "😊", "SYM"),
])
def test_morph_ru_shapes(words, i, lemma, pos):
    got_lemma, got_pos = ru.analyze(words)[i]
    assert got_lemma == lemma
    if pos:
        assert got_pos == pos


@pytest.mark.parametrize("words,i,lemma", [
    (["в", "XX", "в.", "и", "т.", "д."], 2, "век"),
    (["в", "XX", "в.", "и", "т.", "д."], 4, "так"),
    (["в", "XX", "в.", "и", "т.", "д."], 5, "далее"),
    (["Население", "—", "5", "тыс.", "человек", "."], 3, "тысяча"),
    (["Она", "живёт", "в", "г.", "Алматы", "."], 3, "город"),
])
def test_morph_ru_abbreviations(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words,i,lemma", [
    (["Это", "лучшие", "годы", "."], 1, "лучший"),
    (["Он", "должна", "прийти"], 1, "должен"),
    (["Мария", "Петровна", "пришла", "."], 1, "Петровна"),
    (["Мы", "поговорили", "с", "Марией", "Петровной", "."], 4, "Петровна"),
])
def test_morph_ru_ud_conventions(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words", [
    [], [""], [" "], ["..."], ["123"], ["ABC"], ["слово"], ["Ива́н"], ["\u200b"], ["-"],
    ["a" * 300], ["т."], ["#"], ["@"], ["ЁЁЁ"], ["1960-х"],
])
def test_morph_ru_never_raises(words):
    out = ru.analyze(words)
    assert len(out) == len(words)
    assert all(isinstance(lem, str) and isinstance(pos, str) for lem, pos in out)


@pytest.mark.parametrize("sentences", [
    [["Мама", "мыла", "раму", "."], [], ["Он", "был", "там", "."]],
    [["Один"]] * 70,
])
def test_morph_ru_analyze_many_matches_analyze(sentences):
    many = ru.analyze_many(sentences)
    assert len(many) == len(sentences)
    for s, got in zip(sentences, many):
        assert got == ru.analyze(s)


@pytest.mark.parametrize("word", ["Ива́н"])
def test_morph_ru_stress_marks_stripped(word):
    assert lemmas([word, "пришёл"])[0] == "Иван"


def test_morph_ru_import_is_cheap():
    import subprocess
    import sys

    code = "import sys, pipeline.morph.ru; print('natasha' in sys.modules, 'pymorphy3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
