"""Behaviour of the Russian analyser (pipeline.morph.ru); runs without ../shared."""
from __future__ import annotations

import pytest

from pipeline.morph import ru, ru_candidates, ru_choose, ru_names, ru_rules_names


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
    # a hashtag keeps its whole form as lemma (UD convention), even when it is a word form
    (["Снова", "с", "#друзьями", "!"], 2, "#друзьями", "X"),
    (["Лето", "#облака", "#море"], 1, "#облака", "X"),
    (["Едем", "#наморе", "!"], 1, "#наморе", "X"),
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


def test_morph_ru_rerank_inference_matches_training_features():
    """The fast scorer and the feature dicts the trainer sees give the same scores."""
    np = pytest.importorskip("numpy")
    from pipeline.morph import ru_rerank

    ru.analyze(["Он", "был", "в", "Москве", "."])  # load the models
    weights = {"u=NOUN": 0.5, "oc=VERB|VERB": -0.3, "sh=title|PROPN": 0.7, "prior": 0.2,
               "prior|ADJ": -0.1, "lm": 0.4, "lm|NOUN": 0.1, "lu|VERB": 0.3, "prev=ADP|PROPN": 1.1,
               "next=EOS|NOUN": -0.2, "short|ADJ": 0.9, "pass|VERB": 0.4, "voc|NOUN": 0.3,
               "g=Geox|PROPN": 0.8, "le=ва|PROPN": 0.2, "fe=ве|NOUN": -0.4}
    rr = ru_rerank.Reranker(weights, np)
    tg = ru._tagger()
    words = ["Он", "был", "в", "Москве", "."]
    P = tg.probs([words])[0]
    ctx = ru._sentence_context(P) or [ru_choose._context_of(p) for p in P]
    cands, M, prior = ru._candidates("москве", "title")
    um, prv, nxt, short, passive = ctx[3]
    logmass = np.log(M @ P[3] + ru._EPS)
    ui = np.array([ru_rerank.UPOS_INDEX[c.upos] for c in cands])
    logupos = np.log(um[ui] + ru._EPS)
    base = logmass + ru.PRIOR_WEIGHT * prior
    static, ui2 = rr.static(("москве", "title"), "москве", "title", cands, prior, ru_choose._in_vocab)
    fast = rr.score(base, static, ui2, logmass, logupos, prv, nxt, short, passive)
    dicts = [dict(a, **b) for a, b in zip(
        ru_rerank.static_features("москве", "title", cands, prior, ru_choose._in_vocab),
        ru_rerank.dynamic_features(cands, base, logmass, logupos, ru_rerank.CTX[prv],
                                   ru_rerank.CTX[nxt], short, passive))]
    slow = [f["_base"] + sum(weights.get(k, 0.0) * v for k, v in f.items() if k != "_base")
            for f in dicts]
    assert np.allclose(fast, slow, atol=1e-3)


def test_morph_ru_rerank_model_missing_or_off(tmp_path):
    """A missing or disabled reranker model falls back to the base scorer, never raises."""
    import subprocess
    import sys

    code = ("from pipeline.morph import ru; "
            "print(ru.analyze(['Он', 'был', 'в', 'Москве', '.'])[3])")
    for val in ("off", str(tmp_path / "missing.json")):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**__import__("os").environ, "DEREK_RU_RERANK": val})
        assert "Москва" in out.stdout


@pytest.mark.parametrize("words,i,lemma,pos", [
    # an unknown name is declined back to the nominative (Мопертюи stays, Олафа -> Олаф)
    (["Пьер", "Мопертюи", "приехал", "."], 1, "Мопертюи", "PROPN"),
    (["Мы", "встретили", "Олафа", "."], 2, "Олаф", "PROPN"),
])
def test_morph_ru_unknown_names(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


# Predicative -о words (words of the state category): ADJ with the full-adjective lemma
# when they are the clause's predicate, ADV (lemma = form) when they modify something.
@pytest.mark.parametrize("words,i,lemma,pos", [
    (["Сейчас", "трудно", "найти", "работу", "."], 1, "трудный", "ADJ"),   # before an infinitive
    (["Вчера", "было", "очень", "холодно", "."], 3, "холодный", "ADJ"),     # after a copula
    (["Очень", "красиво", "!"], 1, "красивый", "ADJ"),                       # verbless clause
    (["Безумно", "красиво", "!"], 0, "безумно", "ADV"),                      # modifies the next
    (["Безумно", "красиво", "!"], 1, "красивый", "ADJ"),
    (["Понятно", ",", "что", "он", "прав", "."], 0, "понятный", "ADJ"),      # X, что ...
    (["Мне", "грустно", "стало", "."], 1, "грустный", "ADJ"),               # copula after
    (["Было", "жарко", "и", "темно", "."], 3, "темный", "ADJ"),             # coordinated
    (["Он", "усердно", "работает", "."], 1, "усердно", "ADV"),              # modifies a verb
    (["Видимо", ",", "он", "ушёл", "."], 0, "видимо", "ADV"),               # parenthetical
    (["Особенно", "в", "горах", "."], 0, "особенно", "ADV"),                # before a preposition
    (["Было", "окончательно", "отменено", "рабство", "."], 1, "окончательно", "ADV"),
])
def test_morph_ru_predicative_o_words(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


# Two dictionary lemmas of one part of speech with the same tags: the word in common use
# (longer navec vector) wins: большой over больший, основной over основный, полк over полок.
@pytest.mark.parametrize("words,i,lemma", [
    (["Большая", "часть", "людей", "ушла", "."], 0, "большой"),
    (["Это", "основные", "правила", "."], 1, "основной"),
    (["Он", "служил", "в", "полку", "."], 3, "полк"),
    (["Они", "купили", "цветы", "."], 2, "цветок"),
])
def test_morph_ru_common_lemma_breaks_ties(words, i, lemma):
    assert lemmas(words)[i] == lemma


# A short form pymorphy knows only as a short adjective: read as VERB it is a short
# passive participle whose lemma is the verb (развит -> развить); a form that is no
# participle (зыбко) has no VERB reading at all.
@pytest.mark.parametrize("word,verb", [
    ("развит", "развить"), ("похоронен", "похоронить"), ("одет", "одеть"),
    ("разбиты", "разбить"), ("отделен", "отделить"),
    ("зыбко", None), ("чуток", None), ("должен", None),
])
def test_morph_ru_short_participle_verb(word, verb):
    assert ru_candidates._short_participle_verb(word) == verb


@pytest.mark.parametrize("words,i,lemma,pos", [
    (["Он", "был", "похоронен", "в", "Москве", "."], 2, "похоронить", "VERB"),
    (["Мох", "хорошо", "развит", "."], 2, "развить", "VERB"),
    (["Рай", "невозвратимо", "длится", "."], 1, "невозвратимо", "ADV"),
])
def test_morph_ru_short_participle_in_context(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


# A dictionary name (Geox, Name, Surn...) is PROPN with a capitalised lemma even when it
# is written in lower case; a common-noun homonym keeps its own reading (роза / Роза).
@pytest.mark.parametrize("words,i,lemma,pos", [
    (["Он", "жил", "в", "пруссии", "."], 3, "Пруссия", "PROPN"),
    (["У", "неё", "роза", "в", "руке", "."], 2, "роза", "NOUN"),
    (["Роза", "пришла", "домой", "."], 0, "Роза", "PROPN"),
])
def test_morph_ru_dictionary_name_is_propn(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


# Superlatives in наи- are adjectives in their own right: their lemma is their own
# masculine nominative (наилучших -> наилучший), like the -ейш-/-айш- forms.
@pytest.mark.parametrize("words,i,lemma", [
    (["Наибольшая", "часть", "ушла", "."], 0, "наибольший"),
    (["Это", "наилучших", "результатов", "."], 1, "наилучший"),
    (["Это", "важнейшая", "задача", "."], 1, "важнейший"),
])
def test_morph_ru_nai_superlative(words, i, lemma):
    assert lemmas(words)[i] == lemma


# names the dictionary lacks, declined back by analogy with the dictionary's names
# (pipeline/data/ru/name_endings.tsv) and the case the context wants
@pytest.mark.parametrize("words,i,lemma", [
    (["Он", "работал", "вместе", "с", "Крамбергом", "."], 4, "Крамберг"),          # -ом: instrumental
    (["Письмо", "было", "адресовано", "Фолькерсону", "."], 3, "Фолькерсон"),     # -у: dative
    (["Дом", "принадлежал", "семье", "Дрожжемятовых", "."], 3, "Дрожжемятов"),   # -овых: plural surname
    (["Книга", "Шнапфельда", "вышла", "в", "1900", "году", "."], 1, "Шнапфельд"),  # -а: genitive
    (["Мы", "говорили", "о", "Вельтмиллере", "."], 3, "Вельтмиллер"),            # -е: locative
    (["Он", "жил", "у", "Вальтраудеты", "."], 3, "Вальтраудета"),                 # -ы: a-stem genitive
    (["Выступил", "премьер", "Мбеки", "."], 2, "Мбеки"),                          # indeclinable -и
    (["Статья", "посвящена", "Бруноло", "Кастелли", "."], 3, "Кастелли"),
])
def test_morph_ru_unknown_name_nominative(words, i, lemma):
    assert ru.analyze(words)[i] == (lemma, "PROPN")


def test_morph_ru_name_endings_table_shipped():
    table = ru_names._name_endings()
    assert table, "pipeline/data/ru/name_endings.tsv missing"
    total, rows = table["ова"]
    assert total > 100 and any(cut == "а" and add == "" for cut, add, _, _ in rows)


@pytest.mark.parametrize("words,i,expected", [
    (["Об", "этом", "рассказал", "Пётр", "Молоток", "."], 4, ("Молоток", "PROPN")),
    (["Мы", "пришли", "к", "Ивану", "Молотку", "."], 4, ("Молоток", "PROPN")),
])
def test_morph_ru_byname_after_first_name(words, i, expected):
    assert ru.analyze(words)[i] == expected


@pytest.mark.parametrize("words,row", [
    (["Анне", "Цветы"], [("Анна", "PROPN"), ("цветок", "NOUN")]),      # plural noun: no byname
    (["Ивана", "Столу"], [("Иван", "PROPN"), ("стол", "NOUN")]),        # cases differ
    (["Иван", "Российской"], [("Иван", "PROPN"), ("российский", "ADJ")]),  # no noun
])
def test_morph_ru_byname_needs_agreeing_noun(words, row):
    before = list(row)
    ru._bynames(words, row)
    assert row == before


@pytest.mark.parametrize("words,i,expected", [
    # an -ский word the dictionary lacks, before a noun it agrees with: an adjective
    (["Он", "служил", "викарием", "Кряжмельского", "деканата", "."], 3, ("кряжмельский", "ADJ")),
    (["Учился", "в", "Брамбургском", "и", "Лейпцигском", "университетах", "."], 2, ("брамбургский", "ADJ")),
    # no noun to modify: a surname
    (["Об", "этом", "сообщил", "Кряжмельский", "."], 3, ("Кряжмельский", "PROPN")),
])
def test_morph_ru_unknown_ski_adjective(words, i, expected):
    assert ru.analyze(words)[i] == expected


@pytest.mark.parametrize("words,i,expected", [
    (["Замок", "построил", "Пьер", "де", "Кастельмор", "."], 3, ("Де", "PART")),
    (["Его", "звали", "Жиль", "де", "Лаваль", "."], 2, ("Жиль", "PROPN")),      # not the verb жилить
    (["Подвиг", "Жанны", "д", "'", "Арк", "."], 2, ("Д", "PART")),
    (["Он", "де", "не", "знал", "."], 1, ("де", "PART")),                     # the reporting particle
])
def test_morph_ru_nobiliary_particle(words, i, expected):
    assert ru.analyze(words)[i] == expected


@pytest.mark.parametrize("words,i,lemma", [
    (["Приехал", "Сергей", "Юрьевич", "."], 2, "Юрьевич"),        # not pymorphy's Юриевич
    (["Мы", "говорили", "с", "Петром", "Юрьевичем", "."], 4, "Юрьевич"),
])
def test_morph_ru_patronymic_keeps_spelling(words, i, lemma):
    assert ru.analyze(words)[i] == (lemma, "PROPN")


@pytest.mark.parametrize("words,i,lemma", [
    (["Скорость", "шины", "6", "Гигабрит", "в", "секунду", "."], 3, "Гигабрит"),  # no *Гигабрита
    (["Там", "жили", "семь", "Шнапфельт", "."], 3, "Шнапфельт"),
])
def test_morph_ru_bare_unknown_name_is_no_genitive_plural(words, i, lemma):
    assert ru.analyze(words)[i][0] == lemma


@pytest.mark.parametrize("words,i,expected", [
    # after a generic noun a name stands in apposition in the nominative
    (["Он", "жил", "у", "города", "Кавасумика", "."], 4, ("Кавасумика", "PROPN")),
    (["Лидер", "партии", "Мвамбога", "выступил", "."], 2, ("Мвамбога", "PROPN")),
    (["Дом", "стоит", "у", "села", "Ложка", "."], 4, ("Ложка", "PROPN")),   # a common word as a place name
    # no generic noun before: declined back as usual
    (["Книга", "Шнапфельда", "вышла", "."], 1, ("Шнапфельд", "PROPN")),
])
def test_morph_ru_name_in_apposition(words, i, expected):
    assert ru.analyze(words)[i] == expected


def test_morph_ru_designators_shipped():
    assert {"город", "река", "партия"} <= ru_rules_names._designators()


@pytest.mark.parametrize("sym", ["%", "№"])
def test_morph_ru_percent_and_number_signs_are_sym(sym):
    assert ru.analyze(["Рост", "5", sym, "."])[2] == (sym, "SYM")


@pytest.mark.parametrize("words,i", [
    (["Собака", "лает", "тяв", "тяв", "."], 2),
    (["Вдали", "слышалось", "ыгррх", "."], 2),
])
def test_morph_ru_lower_case_unknown_word_is_no_name(words, i):
    lemma, upos = ru.analyze(words)[i]
    assert upos != "PROPN" and lemma == words[i]


@pytest.mark.parametrize("words,i,lemma", [
    (["Дааааа", ",", "это", "так", "."], 0, "да"),
    (["Мы", "поздравляяяем", "вас", "!"], 1, "поздравлять"),
    (["Сегодня", "хорошооо", "."], 1, "хорошо"),
])
def test_morph_ru_lengthened_letters(words, i, lemma):
    assert ru.analyze(words)[i][0] == lemma


def test_morph_ru_unstretch_keeps_unknown():
    assert ru._unstretch("Ыыыыкс") == "Ыыыыкс"


@pytest.mark.parametrize("words,lemma", [
    (["Карпелоны", "(", ")", "--", "горная", "система", "."], "Карпелоны"),
    (["Брамбурга", "--", "река", "в", "Европе", "."], "Брамбурга"),
])
def test_morph_ru_definition_headword_is_nominative(words, lemma):
    assert ru.analyze(words)[0] == (lemma, "PROPN")


@pytest.mark.parametrize("words,i,lemma", [
    (["Желаем", "вам", "счастья", "."], 2, "счастье"),
    (["Она", "любит", "ожерелья", "."], 2, "ожерелье"),
    (["В", "предгорьях", "живут", "люди", "."], 1, "предгорье"),
])
def test_morph_ru_ye_noun_keeps_form_spelling(words, i, lemma):
    assert ru.analyze(words)[i] == (lemma, "NOUN")


@pytest.mark.parametrize("words,i,expected", [
    (["Выступил", "Тимофей", "Григорьевич", "Ковшиков", "."], 3, ("Ковшиков", "PROPN")),  # not ковшик
    (["Гол", "забил", "Марко", "Пило", "."], 3, ("Пило", "PROPN")),                         # not пить
])
def test_morph_ru_surname_after_first_name(words, i, expected):
    assert ru.analyze(words)[i] == expected


@pytest.mark.parametrize("words,i", [
    (["Он", "финишировал", "3-им", "."], 2),
    (["С", "14-го", "века", "."], 1),
])
def test_morph_ru_numeral_with_ordinal_ending(words, i):
    lemma, upos = ru.analyze(words)[i]
    assert upos == "ADJ" and lemma == words[i].split("-")[0] + "-й"


@pytest.mark.parametrize("words,i,expected", [
    (["Отряд", "искал", "уцелевших", "."], 2, None),                                # after a verb: unchanged
    (["Начался", "поиск", "уцелевших", "."], 2, ("уцелевший", "NOUN")),
    (["Он", "прошёл", "мимо", "смотрящих", "на", "него", "людей", "."], 3, None),   # its noun follows
])
def test_morph_ru_substantivised_participle(words, i, expected):
    got = ru.analyze(words)[i]
    if expected is None:
        assert got[1] != "NOUN"
    else:
        assert got == expected


@pytest.mark.parametrize("words,i,lemma,pos", [
    # весь agreeing with a nominal is DET весь
    (["Мы", "прочитали", "все", "книги", "."], 2, "весь", "DET"),
    (["Он", "знает", "всех", "соседей", "."], 2, "весь", "DET"),
    (["Он", "поблагодарил", "всех", "пришедших", "."], 2, "весь", "DET"),
    # without one it is the pronoun
    (["Спасибо", "всем", ",", "друзья", "!"], 1, "все", "PRON"),
    (["Он", "думал", "обо", "всём", ",", "что", "видел", "."], 3, "всё", "PRON"),
    (["Она", "всё", "рассказала", "."], 1, "всё", "PRON"),
    # всё же / всё ещё / всё + comparative: the adverb всё
    (["Он", "всё", "же", "пришёл", "."], 1, "всё", "ADV"),
    (["Он", "все", "еще", "ждёт", "."], 1, "всё", "ADV"),
    (["Становилось", "всё", "холоднее", "."], 1, "всё", "ADV"),
])
def test_morph_ru_total_determiner_and_pronoun(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma", [
    # a noun whose singular the dictionary marks only as informal is lemmatised in the plural
    (["Он", "надел", "тёплые", "гамаши", "."], 3, "гамаши"),
    (["Он", "расплатился", "наличными", "деньгами", "."], 3, "деньги"),
    # an ordinary plural keeps the singular lemma
    (["На", "столе", "лежали", "книги", "."], 3, "книга"),
])
def test_morph_ru_plural_only_in_standard_use(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a participle the dictionary also lists as an adjective: read as ADJ, the adjective's lemma
    (["Он", "говорил", "сдержанным", "тоном", "."], 2, "сдержанный", "ADJ"),
    (["Мы", "встретили", "образованных", "людей", "."], 2, "образованный", "ADJ"),
    # read as VERB (a participle with its own dependents), the verb's lemma
    (["Письмо", ",", "написанное", "им", "вчера", ",", "пропало", "."], 2, "написать", "VERB"),
])
def test_morph_ru_lexicalised_participles(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # after a transitive verb, before a dative/instrumental noun: the verb's object
    (["Он", "научил", "его", "плаванию", "."], 2, "он", "PRON"),
    (["Она", "накрыла", "их", "скатертью", "."], 2, "они", "PRON"),
    # a reflexive verb takes no object: possessive
    (["Он", "гордился", "её", "успехами", "."], 2, "ее", "DET"),
    # postposed possessive after its noun
    (["Дом", "его", "стоял", "у", "реки", "."], 1, "его", "DET"),
    # after a noun inside a prepositional phrase: the pronoun object of what follows
    (["К", "вечеру", "их", "отпустили", "."], 2, "они", "PRON"),
    # before an accusative noun after a verb: still the possessive
    (["Я", "видел", "его", "машину", "."], 2, "его", "DET"),
])
def test_morph_ru_possessive_or_object(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma", [
    # a reply that opens with the addressee's handle: the next word starts the sentence
    (["@some_user", "Хорошооо", ",", "договорились", "!"], 1, "хорошо"),
    (["@some_user", "Спасибооо", "!"], 1, "спасибо"),
])
def test_morph_ru_handle_opens_sentence(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a predicative comparative is ADJ with the positive adjective as lemma
    (["Вода", "стала", "ещё", "холоднее", "."], 3, "холодный", "ADJ"),
    (["Цены", "здесь", "выше", ",", "чем", "в", "городе", "."], 2, "высокий", "ADJ"),
    # one that modifies a verb stays an adverb
    (["Он", "бегает", "быстрее", "меня", "."], 2, "быстро", "ADV"),
])
def test_morph_ru_predicative_comparatives(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a dative experiencer right before, no verb in the clause: the -о word is the predicate
    (["Дедушке", "скучно", "без", "внуков", "."], 1, "скучный", "ADJ"),
    (["Нам", "весело", "в", "лесу", "."], 1, "веселый", "ADJ"),
    # with a verb in the clause it modifies the verb
    (["Нам", "весело", "поют", "птицы", "."], 1, "весело", "ADV"),
])
def test_morph_ru_predicative_after_dative(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma", [
    # каков / таков: short-only pronouns, their own lemma (not the bookish каковой / таковой)
    (["Какова", "цена", "вопроса", "?"], 0, "каков"),
    (["Таковы", "правила", "игры", "."], 0, "таков"),
    (["Таков", "наш", "ответ", "."], 0, "таков"),
])
def test_morph_ru_pronominal_short_forms(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words,i,lemma", [
    # next to a personal or reflexive pronoun of the same case: the emphatic сам
    (["Он", "верит", "только", "себе", "самому", "."], 4, "сам"),
    (["Она", "видела", "самого", "себя", "в", "зеркале", "."], 2, "сам"),
    (["Мы", "говорили", "о", "нём", "самом", "."], 4, "сам"),
    # before a noun it is самый
    (["Мы", "дошли", "до", "самого", "конца", "."], 3, "самый"),
    (["На", "самом", "деле", "всё", "просто", "."], 1, "самый"),
])
def test_morph_ru_emphatic_sam(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a verbless clause closed by a comma: the -о word ending it is its predicate
    (["Сразу", "заметно", ",", "он", "устал", "."], 1, "заметный", "ADJ"),
    (["Отсюда", "не", "видно", ",", "кто", "пришёл", "."], 2, "видный", "ADJ"),
    # with a finite verb in the clause it modifies the verb
    (["Он", "шёл", "медленно", ",", "а", "она", "бежала", "."], 2, "медленно", "ADV"),
    # the same before a colon or semicolon
    (["Здесь", "очень", "тихо", ":", "никого", "нет", "."], 2, "тихий", "ADJ"),
    (["Теперь", "всё", "ясно", ";", "он", "ушёл", "."], 2, "ясный", "ADJ"),
    # alone before the comma it is parenthetical; after a bare conjunction it is no clause of its own
    (["Видимо", ",", "он", "устал", "."], 0, "видимо", "ADV"),
    (["Но", "напрасно", ":", "он", "ушёл", "."], 1, "напрасно", "ADV"),
])
def test_morph_ru_predicative_before_comma(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # before an infinitive at the head of a subordinate clause (after что) it is the predicate
    (["Я", "знаю", ",", "что", "с", "ним", "легко", "договориться", "."], 6, "легкий", "ADJ"),
    # after чтобы it modifies the infinitive
    (["Он", "спешил", ",", "чтобы", "быстро", "закончить", "."], 4, "быстро", "ADV"),
])
def test_morph_ru_predicative_in_subordinate_clause(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # exclamative как right before a clause-final -о word: still the predicate
    (["Ой", ",", "как", "весело", "!"], 3, "веселый", "ADJ"),
    # a concessive conjunction earlier in the clause keeps it an adverb
    (["Он", "ушёл", ",", "хотя", "нередко", "и", "весело", "."], 6, "весело", "ADV"),
])
def test_morph_ru_predicative_after_exclamative_kak(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a neuter singular subject and no verb in the clause: the -о word agrees with it (predicate)
    (["Мы", "поняли", ",", "что", "это", "место", "опасно", "для", "жизни", "."], 6, "опасный", "ADJ"),
    (["Озеро", "глубоко", "и", "холодно", "."], 1, "глубокий", "ADJ"),
    # a finite verb in the clause: it modifies the verb
    (["Солнце", "ярко", "светит", "."], 1, "ярко", "ADV"),
    (["Письмо", "пришло", "быстро", "."], 2, "быстро", "ADV"),
])
def test_morph_ru_predicative_agrees_with_neuter_subject(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a capitalised common noun alone in quotes inside a sentence is a title or name
    (["Мы", "жили", "в", "отеле", "«", "Изумруд", "»", "."], 5, "Изумруд", "PROPN"),
    (["Он", "читал", "роман", "«", "Воскресение", "»", "."], 4, "Воскресение", "PROPN"),
    # a lower-case quoted word stays a common noun
    (["Он", "назвал", "это", "«", "игрой", "»", "."], 4, "игра", "NOUN"),
])
def test_morph_ru_quoted_title(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a comparative right before a number compares a quantity: an adverb, even in a verbless clause
    (["Его", "зарплата", "меньше", "500", "рублей", "."], 2, "меньше", "ADV"),
    # without the number it is the predicate
    (["Река", "стала", "шире", "."], 2, "широкий", "ADJ"),
])
def test_morph_ru_comparative_before_number(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a predicative -о word the tagger read as VERB, before an infinitive at the head of its
    # clause: the predicate short adjective
    (["Нужно", "признать", ",", "что", "мы", "ошиблись", "."], 0, "нужный", "ADJ"),
    # можно has no adjective reading and is left alone
    (["Можно", "войти", "?"], 0, "можно", "ADV"),
])
def test_morph_ru_predicative_read_as_verb(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # an infinitive coordinated with one in the previous clause: the -о word before it modifies it
    (["Он", "должен", "читать", "книги", ",", "внимательно", "изучать", "их", "."], 5, "внимательно", "ADV"),
    # an infinitive at the head of a clause without such a chain: predicate
    (["Трудно", "сказать", ",", "кто", "прав", "."], 0, "трудный", "ADJ"),
])
def test_morph_ru_predicative_coordinated_infinitive(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a relative adjective (no Qual mark in the dictionary) has no predicative -о form: adverb
    (["Отчёты", "сдаём", ",", "и", "так", "ежеквартально", "."], 5, "ежеквартально", "ADV"),
    # a qualitative one in the same position is the predicate
    (["Очень", "красиво", "!"], 1, "красивый", "ADJ"),
])
def test_morph_ru_relative_adjective_adverb(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # все without ё next to a predicative neuter short adjective: всё (everything)
    (["В", "романе", "интересно", "все", "--", "сюжет", "и", "язык", "."], 3, "всё", "PRON"),
    # no such predicate: the plural pronoun stays
    (["Все", "ушли", "домой", "."], 0, "все", "PRON"),
])
def test_morph_ru_total_pronoun_with_neuter_predicate(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma", [
    # an indefinite written without its hyphen takes the indefinite's lemma
    (["Есть", "ли", "какие", "либо", "вопросы", "?"], 2, "какой-либо"),
    (["Кто", "нибудь", "знает", "ответ", "?"], 0, "кто-нибудь"),
    # the conjunction либо ... либо is untouched
    (["Либо", "он", ",", "либо", "я", "."], 1, "он"),
])
def test_morph_ru_split_indefinites(words, i, lemma):
    assert lemmas(words)[i] == lemma


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a comparative before an infinitive (всего between) in a clause without a finite verb: predicate
    (["Весной", "лучше", "всего", "сажать", "картофель", "."], 1, "хороший", "ADJ"),
    # after чтобы it modifies the infinitive
    (["Он", "ушёл", ",", "чтобы", "скорее", "вернуться", "."], 4, "скорее", "ADV"),
])
def test_morph_ru_comparative_before_infinitive(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a dative experiencer earlier in a clause with no finite verb and no other predicative word
    (["Кому", "в", "деревне", "жить", "весело", "?"], 4, "веселый", "ADJ"),
    # надо is the predicate there: the -о word modifies the infinitive
    (["Мне", "надо", "работать", "быстро", ",", "а", "он", "спит", "."], 3, "быстро", "ADV"),
])
def test_morph_ru_predicative_with_earlier_experiencer(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # the reflexive -ся after a vowel (verse, dialect): the standard -сь form's analysis
    (["Гости", "долго", "прощалися", "у", "ворот", "."], 2, "прощаться", "VERB"),
    (["Он", "сидел", ",", "улыбаяся", "нам", "."], 3, "улыбаться", "VERB"),
    # -ться written for -тся
    (["Завтра", "друзья", "встретяться", "в", "парке", "."], 2, "встретиться", "VERB"),
    # ь written for the separating ъ after a prefix
    (["Кот", "сьел", "всю", "рыбу", "."], 1, "съесть", "VERB"),
    (["Мы", "ждали", "у", "подьезда", "."], 3, "подъезд", "NOUN"),
    # dictionary words are left as they are
    (["Она", "любит", "учиться", "."], 2, "учиться", "VERB"),
])
def test_morph_ru_variant_spellings(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # an indefinite in -то written apart: the interrogative takes the indefinite's lemma
    (["Мы", "когда", "то", "жили", "у", "моря", "."], 1, "когда-то", "ADV"),
    (["Кто", "то", "звонил", "тебе", "вечером", "."], 0, "кто-то", "PRON"),
    # the hyphen left on the first part
    (["Как-", "то", "раз", "мы", "пошли", "в", "лес", "."], 0, "как-то", "ADV"),
    # not the conjunction что before the demonstrative, not before a comma, not before a
    # neuter noun то could modify
    (["Он", "сказал", ",", "что", "то", "письмо", "пропало", "."], 3, "что", "SCONJ"),
    (["Это", "было", "как", "то", ",", "так", "и", "другое", "."], 2, "как", "SCONJ"),
    (["Когда", "то", "время", "придёт", ",", "узнаешь", "."], 0, "когда", "SCONJ"),
])
def test_morph_ru_split_indefinites_to(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,lemma,pos", [
    # a softened comparative right after its noun is a postposed attribute: ADJ, positive lemma
    (["Положи", "в", "корзину", "грибы", "покрупнее", "."], 4, "крупный", "ADJ"),
    (["нарисуй", "мне", "домик", "побольше"], 3, "большой", "ADJ"),
    # elsewhere an adverb with the positive adverb as lemma
    (["Заходите", "к", "нам", "почаще", "!"], 3, "часто", "ADV"),
    # no positive adverb in the dictionary: the form stays
    (["Дай", "денег", "побольше", "."], 2, "побольше", "ADV"),
])
def test_morph_ru_softened_comparative(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


@pytest.mark.parametrize("words,i,adjective", [
    # a word the dictionary lacks gets no guessed masculine short adjective (*трбрый, *скрбрый)
    (["сердце", "моё", "трбр", "и", "крбрд"], 2, "трбрый"),
    (["и", "ветер", "скрбр", "гудит"], 2, "скрбрый"),
])
def test_morph_ru_no_guessed_masculine_short_adjective(words, i, adjective):
    lemma, pos = ru.analyze(words)[i]
    assert pos != "ADJ" and lemma != adjective


def test_morph_ru_dictionary_masculine_short_adjective_kept():
    # a dictionary word keeps its masculine short form reading
    assert ru.analyze(["Он", "был", "рад", "гостям", "."])[2] == ("рад", "ADJ")


@pytest.mark.parametrize("words,i,lemma,pos", [
    # between a participle and the noun it agrees with: the participle's object (PRON)
    (["Мы", "обсуждали", "волнующие", "её", "вопросы", "."], 3, "она", "PRON"),
    (["В", "окружающем", "их", "мире", "всё", "было", "тихо", "."], 2, "они", "PRON"),
    # the noun does not agree with the participle: it is the participle's object and его its
    # possessive
    (["Он", "читал", "книгу", ",", "отражающую", "его", "взгляды", "."], 5, "его", "DET"),
])
def test_morph_ru_pronoun_object_of_participle(words, i, lemma, pos):
    assert ru.analyze(words)[i] == (lemma, pos)


# ------------------------------------------------------------- features and the word API

from pipeline import morph  # noqa: E402
from pipeline.morph.ru_feats import grammemes_of, ud_feats  # noqa: E402


@pytest.mark.parametrize("pos,grammemes,feats", [
    ("NOUN", {"NOUN", "inan", "femn", "sing", "gent"}, "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
    ("VERB", {"VERB", "perf", "plur", "past", "indc", "intr"}, "Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin"),
    ("ADJS", {"ADJS", "Qual", "femn", "sing"}, "Degree=Pos|Gender=Fem|Number=Sing|Variant=Short"),
    ("INFN", {"INFN", "impf", "intr"}, "Aspect=Imp|VerbForm=Inf"),
])
def test_morph_ru_ud_feats(pos, grammemes, feats):
    assert ud_feats(pos, frozenset(grammemes)) == feats


@pytest.mark.parametrize("words,i,lemma,upos,feat", [
    (["Она", "купила", "две", "книги", "."], 3, "книга", "NOUN", "Number="),
    (["Министерство", "юстиции", "сообщило", "."], 1, "юстиция", "NOUN", "Case=Gen"),
    (["Они", "стали", "сильнее", "."], 1, "стать", "VERB", "Tense=Past"),
    (["Производство", "стали", "выросло", "."], 1, "сталь", "NOUN", "Case=Gen"),
])
def test_morph_ru_feats_follow_the_reading_in_context(words, i, lemma, upos, feat):
    w = morph.analyze_phrase(words, "ru")[i]
    assert (w.lemma, w.upos) == (lemma, upos)
    assert feat in w.feats


@pytest.mark.parametrize("words", [["В", "2014", "году", "«", "ООО", "»", "."]])
def test_morph_ru_no_feats_for_punctuation_and_digits(words):
    out = morph.analyze_phrase(words, "ru")
    assert [w.feats for w in out][1] == "" and out[3].feats == ""
    assert "Case=" in out[2].feats


@pytest.mark.parametrize("words,expected", [
    (["Министерства", "юстиции"], ["Министерство", "юстиции"]),
    (["Государственной", "думы"], ["Государственная", "дума"]),
    (["Уголовному", "кодексу", "РФ"], ["Уголовный", "кодекс", "РФ"]),
    # a head the dictionary lacks agrees with its adjectives: masculine genitive, not a feminine "-а"
    (["Алматинского", "областного", "Маслихата"], ["Алматинский", "областной", "Маслихат"]),
    (["Жамбылского", "районного", "акимата"], ["Жамбылский", "районный", "акимат"]),
])
def test_morph_ru_nominative_phrase(words, expected):
    assert morph.nominative_phrase(words, "ru") == expected


@pytest.mark.parametrize("word,feats,expected", [
    ("министерства", "Case=Nom", "министерство"),
    ("думы", {"Case": "Dat"}, "думе"),
])
def test_morph_ru_inflect(word, feats, expected):
    assert morph.inflect(word, feats, "ru") == expected


@pytest.mark.parametrize("feats", ["Tense=Past|Foo=Bar"])
def test_morph_ru_inflect_rejects_unknown_feature(feats):
    with pytest.raises(ValueError, match="E110"):
        grammemes_of(feats)


@pytest.mark.parametrize("word", ["стали"])
def test_morph_ru_readings_out_of_context(word):
    rs = morph.readings(word, "ru")
    assert {r.lemma for r in rs} >= {"стать", "сталь"}
    assert any(r.pos == "NOUN" and "gent" in r.grammemes and "Case=Gen" in r.feats for r in rs)
    assert morph.readings("2014", "ru") == ()


@pytest.mark.parametrize("lang", ["ru"])
def test_morph_one_analyser_per_process(lang):
    assert morph.morph_analyzer() is morph.morph_analyzer()
    assert morph.backend(lang).morph_analyzer() is morph.morph_analyzer()


def test_morph_ru_taggers_share_navec_words():
    """The morphology and NER taggers read words through navec's one word index (not a copy
    each), and encode a word to the same id as their own vocabulary would."""
    from natasha import NewsNERTagger

    from pipeline.morph import ru_base

    emb = ru_base.news_embedding()
    morph_vocab = ru_base._tagger().encoder.words_vocab
    ner_vocab = ru_base.ner_tagger().infer.encoder.words_vocab
    assert morph_vocab.item_ids is emb.vocab.word_ids and ner_vocab.item_ids is emb.vocab.word_ids
    own = NewsNERTagger(emb).infer.encoder.words_vocab
    for w in ("министерство", "москва", "кваркозябра", "<pad>"):
        assert ner_vocab.encode(w) == own.encode(w)
    assert (ner_vocab.unk_id, ner_vocab.pad_id) == (own.unk_id, own.pad_id)


@pytest.mark.parametrize("form, lemma", [
    ("деньгами", "деньги"),  # every singular form is informal (деньга): the plural is the lemma
    ("странами", "страна"),  # a standard singular: the usual lemma
    ("людьми", "человек"),  # suppletive: the dictionary's singular
    ("выборами", "выборы"),  # plural only: no singular form at all
])
def test_plural_noun_lemma(form, lemma):
    from pipeline.morph.ru_base import morph_analyzer
    from pipeline.morph.ru_candidates import _plural_lemma

    p = next(x for x in morph_analyzer().parse(form) if x.tag.POS == "NOUN" and "plur" in x.tag.grammemes)
    assert _plural_lemma(p) == lemma
