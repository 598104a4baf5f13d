"""Numeric claims: number forms, qualifiers, units, attributes and non-claims (kk, ru, en)."""
from __future__ import annotations

import os
import sys
import warnings

import pytest

from pipeline.extract.numbers import parse_number, scan_numbers
from pipeline.extract.numeric import claims_of_text, kk_stem
from pipeline.extract.numeric_lex import Word, lemma_of
from pipeline.extract.numeric_measured import adjective_form

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def one(text, lang):
    cs = claims_of_text(text, lang)
    assert len(cs) == 1, cs
    return cs[0]


# ---------------------------------------------------------------- number forms

@pytest.mark.parametrize(
    "raw,lang,value",
    [
        ("30 057", "kk", 30057),
        ("1 700", "kk", 1700),
        ("1\u2009700", "ru", 1700),
        ("1\u202f700", "ru", 1700),
        ("12,5", "kk", 12.5),
        ("12,5", "ru", 12.5),
        ("1.5", "ru", 1.5),
        ("1.500.000", "ru", 1500000),
        ("1,500", "en", 1500),
        ("1,500,000", "en", 1500000),
        ("0,86", "kk", 0.86),
    ],
)
def test_numeric_parse_number(raw, lang, value):
    assert parse_number(raw, lang) == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence,lang,text,value,value_max",
    [
        ("Ұйымдар саны 30 057 болды.", "kk", "30 057", 30057, None),
        ("Жалпы 1\u00a0700 адам қатысты.", "kk", "1\u00a0700", 1700, None),
        ("Бюджет 12,5 млрд теңге құрады.", "kk", "12,5 млрд теңге", 12.5e9, None),
        ("Бюджет составил 1,5 млн рублей.", "ru", "1,5 млн рублей", 1.5e6, None),
        ("Зарегистрировано 2,5 тыс. обращений.", "ru", "2,5 тыс.", 2500, None),
        ("В опросе участвовали 154 тысячи человек.", "ru", "154 тысячи", 154000, None),
        ("Шығын 3 миллиард теңгеге жетті.", "kk", "3 миллиард теңгеге", 3e9, None),
        ("Істердің 70-80%-ы медиациямен шешіледі.", "kk", "70-80%-ы", 70, 80),
        ("Доля составляет 70–80 %.", "ru", "70–80 %", 70, 80),
        ("Бағасы 500000 – 700000 теңге.", "kk", "500000 – 700000 теңге", 500000, 700000),
        ("Получили от 5 до 10 % голосов.", "ru", "5 до 10 %", 5, 10),
        ("Көрмеге жиырма бес мектеп қатысты.", "kk", "жиырма бес", 25, None),
        ("Форумға үш мың адам келді.", "kk", "үш мың", 3000, None),
        ("На форум пришли три тысячи человек.", "ru", "три тысячи", 3000, None),
        ("Ауылда жеті жүз елу тұрғын бар.", "kk", "жеті жүз елу", 750, None),
    ],
)
def test_numeric_number_forms(sentence, lang, text, value, value_max):
    c = one(sentence, lang)
    assert c["text"] == text
    assert c["value"] == pytest.approx(value)
    assert c["value_max"] == value_max


@pytest.mark.parametrize(
    "sentence,lang,text,value",
    [
        ("Жобаға 3000-ға жуық волонтер тартылды.", "kk", "3000-ға", 3000),
        ("Халықтың 50%-ы қолдады.", "kk", "50%-ы", 50),
        ("1000-нан астам семинар өтті.", "kk", "1000-нан", 1000),
        ("126-дан астам сұхбат берілді.", "kk", "126-дан", 126),
        ("Орталық құрамы 1700-ге жуық маманнан тұрады.", "kk", "1700-ге", 1700),
        ("Шығын 30 %-ке өсті.", "kk", "30 %-ке", 30),
    ],
)
def test_numeric_kazakh_suffix_stays_with_number(sentence, lang, text, value):
    c = one(sentence, lang)
    assert (c["text"], c["value"]) == (text, value)


# ---------------------------------------------------------------- qualifiers

@pytest.mark.parametrize(
    "sentence,lang,qualifier",
    [
        ("Шамамен 300 адам келді.", "kk", "approx"),
        ("Жобаға 3000-ға жуық волонтер тартылды.", "kk", "approx"),
        ("2017 жылы шамамен 3000-ға жуық медиатор жұмыс істеді.", "kk", "approx"),
        ("Ол 100000 теңгедей төлеген.", "kk", "approx"),
        ("Ауылда жүздей үй бар.", "kk", "approx"),
        ("Около 12 тысяч человек вышли на митинг.", "ru", "approx"),
        ("Примерно 40 организаций подписали меморандум.", "ru", "approx"),
        ("Порядка 200 депутатов проголосовали.", "ru", "approx"),
        ("50-ден астам алаң ашылды.", "kk", "more_than"),
        ("Облыста 20 мыңнан астам жас бар.", "kk", "more_than"),
        ("Более 30 партий зарегистрированы.", "ru", "more_than"),
        ("Свыше 500 наблюдателей работали на выборах.", "ru", "more_than"),
        ("Больше 70 % опрошенных против.", "ru", "more_than"),
        ("Менее 10 % граждан доверяют партиям.", "ru", "less_than"),
        ("Не менее 5 человек пострадали.", "ru", "at_least"),
        ("Кемінде 5 адам зардап шекті.", "kk", "at_least"),
        ("Не более 3 кандидатов допускаются.", "ru", "at_most"),
        ("Шығын 30 пайызға дейін өсті.", "kk", "exact"),  # the level reached (= выросли до 30 %), no bound
        ("Шығын 30 пайызға дейін болуы мүмкін.", "kk", "at_most"),
        ("Бітетін істер 70-80%-ды құрайды.", "kk", "range"),
        ("Явка составила 60–65 % избирателей.", "ru", "range"),
        ("Оларда 90 ұйым бар.", "kk", "exact"),
    ],
)
def test_numeric_qualifier(sentence, lang, qualifier):
    assert one(sentence, lang)["qualifier"] == qualifier


# ---------------------------------------------------------------- units and currencies

@pytest.mark.parametrize(
    "sentence,lang,unit,currency",
    [
        ("Халықтың 89%-ы қолдады.", "kk", "percent", None),
        ("Халықтың 15 пайызы қолдады.", "kk", "percent", None),
        ("Поддержали 65 процентов жителей.", "ru", "percent", None),
        ("Жалақы 300 000 теңге болды.", "kk", "money", "KZT"),
        ("Бағасы 450 тг.", "kk", "money", "KZT"),
        ("Бағасы 450 ₸ болды.", "kk", "money", "KZT"),
        ("Ущерб составил 20 млн рублей.", "ru", "money", "RUB"),
        ("Штраф 5000 руб. был уплачен.", "ru", "money", "RUB"),
        ("Инвестиции составили $27 млн.", "ru", "money", "USD"),
        ("Экспорт 5,3 миллиард АҚШ долларына жетті.", "kk", "money", "USD"),
        ("Кредит на 100 долларов выдан.", "ru", "money", "USD"),
        ("Облыста 597 медиатор бар.", "kk", "count", None),
        ("В перестрелке 28 апреля 2 человека были убиты.", "ru", "count", None),
        ("Жол ұзындығы 425 шақырым.", "kk", "other", None),
        ("Собрано 8000 тонн зерна.", "ru", "other", None),
        ("Кезекте 4 сағат тұрдық.", "kk", "other", None),
        ("Переговоры длились 12 часов.", "ru", "other", None),
    ],
)
def test_numeric_unit(sentence, lang, unit, currency):
    c = one(sentence, lang)
    assert (c["unit"], c["currency"]) == (unit, currency)


# ---------------------------------------------------------------- measured, subject, year, period

@pytest.mark.parametrize(
    "sentence,lang,measured",
    [
        ("2017 жылы шамамен 3000-ға жуық кәсіби емес медиаторлар жұмыс істеді.", "kk", "медиатор"),
        ("Орталық 894 дөңгелек үстелдер ұйымдастырды.", "kk", "дөңгелек үстел"),
        ("Биыл 1000-нан астам өткізілген семинарлар болды.", "kk", "семинар"),
        ("126-дан астам телеарналарға берілген сұхбаттар жарияланды.", "kk", "сұхбат"),
        ("Облыста 45 мектеп салынды.", "kk", "мектеп"),
        ("Шешілетін істер Еуропа елдерінде 70-80%-ды құрайды.", "kk", "іс"),
        ("Медиаторларының саны 597 адамды құрайды.", "kk", "медиатор"),
        ("В регионе работают 120 некоммерческих организаций.", "ru", "организация"),
        ("Проведено 15 круглых столов.", "ru", "круглый стол"),
        ("Более 154 тысяч человек вышли на улицы.", "ru", "человек"),
        ("About 70% of firms took part.", "en", "firm"),
        ("More than 30 parties were registered.", "en", "party"),
    ],
)
def test_numeric_measured(sentence, lang, measured):
    assert one(sentence, lang)["measured"] == measured


@pytest.mark.parametrize(
    "sentence,lang,measured",
    [
        ("2014 жылы 90 ұйым болса, 2018 жылы – 105, ал 2019 жылы – 120 ұйым болды.", "kk", ["ұйым", "ұйым", "ұйым"]),
        ("В 2017 году поступило 300 жалоб, в 2018 году – 450.", "ru", ["жалоба", "жалоба"]),
    ],
)
def test_numeric_measured_elliptical_figure_takes_neighbours(sentence, lang, measured):
    assert [c["measured"] for c in claims_of_text(sentence, lang)] == measured


@pytest.mark.parametrize(
    "sentence,lang,subject",
    [
        ("Ұлыбританияда 89%-ды құрайды.", "kk", "Ұлыбритания"),
        ("Бітетін істер Еуропа елдерінде 70-80%-ды құрайды.", "kk", "Еуропа елдері"),
        ("Қазақстанда 120 партия тіркелген.", "kk", "Қазақстан"),
        ("В России зарегистрировано 30 партий.", "ru", "Россия"),
        ("«Медиацияны дамыту орталығы» РҚҰ құрамы 1700-ге жуық медиатордан тұрады.", "kk", "Медиацияны дамыту орталығы"),
        ("Облыста 45 мектеп салынды.", "kk", None),
    ],
)
def test_numeric_subject(sentence, lang, subject):
    assert one(sentence, lang)["subject"] == subject


@pytest.mark.parametrize(
    "sentence,lang,year,period",
    [
        ("2017 жылы 30 057 өтініш келіп түсті.", "kk", 2017, None),
        ("В 2018 году поступило 450 жалоб.", "ru", 2018, None),
        ("2019 жылдың бірінші жартыжылдығында 16 217 өтініш түсті.", "kk", 2019, "2019-H1"),
        ("2020 жылдың екінші тоқсанында 40 ұйым ашылды.", "kk", 2020, "2020-Q2"),
        ("В первом полугодии 2019 года зарегистрировано 1200 обращений.", "ru", 2019, "2019-H1"),
        ("2019 жылдың наурыз айында 12 ұйым тіркелді.", "kk", 2019, "2019-03"),
        ("Облыста 45 мектеп салынды.", "kk", None, None),
    ],
)
def test_numeric_year_and_period(sentence, lang, year, period):
    c = one(sentence, lang)
    assert (c["year"], c["period"]) == (year, period)


# ---------------------------------------------------------------- not claims

@pytest.mark.parametrize(
    "sentence,lang",
    [
        ("Заң елімізде 2011 жылы қабылданды.", "kk"),
        ("Закон принят в 2011 году.", "ru"),
        ("2014–2018 жж. аралығында зерттелді.", "kk"),
        ("Қазақстан-2050 стратегиясында айтылған.", "kk"),
        ("Стратегия «Казахстан-2050» определяет цели.", "ru"),
        ("Қазақстан Республикасының 2010-2020 жылдарға арналған Құқықтық саясат тұжырымдамасы.", "kk"),
        ("1 – кесте", "kk"),
        ("Кесте 2 бойынша қорытынды жасадық.", "kk"),
        ("Таблица 2 показывает динамику.", "ru"),
        ("Рис. 3 иллюстрирует рост.", "ru"),
        ("Бұл туралы айтылған [1].", "kk"),
        ("Об этом писали ранее [3, с. 45].", "ru"),
        ("1.Технологический аспект заключается в регулировании.", "ru"),
        ("2) содержательный аспект.", "ru"),
        ("Деректер келтірілген [5, б. 12].", "kk"),
        ("См. с. 45 монографии.", "ru"),
        ("Сайлау 5 мамырда өтті.", "kk"),
        ("Выборы прошли 12 марта.", "ru"),
        ("Закон № 401-IV принят парламентом.", "ru"),
        ("Қаулы 2030-ыншы жылға дейін әрекет етеді.", "kk"),
        ("В 90-х годах ситуация изменилась.", "ru"),
        ("2 жыл бұрын ашылды.", "kk"),
        ("Екі тарап келісімге келді.", "kk"),
        ("Ол ұйымның бір бағыты болды.", "kk"),
        ("Бұл өңірді Кіші жүз рулары мекендеген.", "kk"),
        ("Сайт: http://mediator-kz.com/2019/05", "kk"),
        ("ӘОЖ 32.019.5", "kk"),
        ("Дело возбуждено по части 2 статьи 185 УК.", "ru"),
        ("Ол Қылмыстық кодекстің 3 бабы бойынша кінәлі деп танылды.", "kk"),
        ("Заявление приурочено к 75-летию Победы.", "ru"),
        ("Вышел альбом «4:44».", "ru"),
        ("Хабарды сағат 21 : 30-да көріңіз.", "kk"),
        ("Кадрлар тамыздың 19-ы күні түсірілген.", "kk"),
        ("Топ таңғы 7-ден бері жұмыс істеп жатыр.", "kk"),
        ("Начало в 10:30 по местному времени.", "ru"),
        ("05 утверждении положения", "ru"),  # a leading zero: a scan of `Об`, a code
        ("Анықтама телефоны: 41-22-07, 8 (7282) 41-22-08.", "kk"),  # phone numbers
    ],
)
def test_numeric_not_a_claim(sentence, lang):
    assert claims_of_text(sentence, lang) == []


@pytest.mark.parametrize(
    "sentence,lang,value",
    [
        ("Выплачено 0,5 млн тенге.", "ru", 500000),  # a zero before the decimal comma is an amount
        ("№ 5 мектепте 1200 оқушы оқиды.", "kk", 1200),
    ],
)
def test_numeric_still_a_claim(sentence, lang, value):
    assert [c["value"] for c in claims_of_text(sentence, lang)] == [value]


@pytest.mark.parametrize(
    "sentence,lang,values",
    [
        # Kazakh writes an ordinal in digits with a hyphen before its noun: a place in a series
        ("Бағдарламаның 3-бөлімінде көрсетілген шаралар орындалады.", "kk", []),
        ("5-сынып оқушыларына тест өткізілді.", "kk", []),
        ("Есеп 2-тоқсанда беріледі.", "kk", []),
        ("Есеп айдың 5-күніне дейін беріледі.", "kk", []),
        ("Мектептің 10-сыныбында 25 оқушы бар.", "kk", [25]),
        # an ending of the number itself, a measure, a qualifier, an adjective of measure: figures
        ("Іс-шараға 100-ден астам адам қатысты.", "kk", [100]),
        ("Жоспар 10-күндік мерзімде орындалады.", "kk", [10]),
        ("Отбасына 3-бөлмелі пәтер берілді.", "kk", [3]),
        ("Жиынға 5-шақты адам келді.", "kk", [5]),
        ("Қатысушылардың 26-сына сертификат берілді.", "kk", [26]),  # endings of the number's name
        ("Оның 45-іне үй берілді.", "kk", [45]),
        # Russian: a singular noun in the locative or dative after a cardinal other than one
        ("Тестирование проведено в 5 классе.", "ru", []),
        ("На 3 этапе будет построено 20 школ.", "ru", [20]),
        ("Центры открыты в 3 районах и в 21 районе.", "ru", [3, 21]),
        ("Провёл 14 боев, из них 11 нокаутом.", "ru", [14, 11]),
    ],
)
def test_numeric_ordinal_in_digits(sentence, lang, values):
    assert [c["value"] for c in claims_of_text(sentence, lang)] == values


@pytest.mark.parametrize(
    "sentence,lang,values",
    [
        ("Кеңеске қырықтан астам адам қатысты.", "kk", [40]),  # a number word in a case
        ("Облыста отызға жуық мектеп бар.", "kk", [30]),
        ("Проверено свыше двадцати учреждений.", "ru", [20]),  # a noun in -ий, no ordinal
        ("Он занял двадцать первое место.", "ru", []),  # an ordinal
        ("Ол он бірінші орында.", "kk", []),
    ],
)
def test_numeric_number_words_in_context(sentence, lang, values):
    assert [c["value"] for c in claims_of_text(sentence, lang)] == values


@pytest.mark.parametrize(
    "kk,ru,fields",
    [
        # a comparative right before the number (ru), after its ablative (kk)
        ("жалақысы 3000 теңгеден төмен отбасылар", "семьи с заработной платой ниже 3000 тенге", (3000, "money", "less_than")),
        # the unit after a qualifier that follows the number (kk)
        ("500 мыңнан астам теңге бөлінді", "выделено более 500 тысяч тенге", (500000, "money", "more_than")),
        # a multiple: kk `есе` in a case, ru the qualifier before `в`
        ("мектептер саны екі есеге жуық өсті", "количество школ выросло почти в два раза", (2, "count", "approx")),
        ("мектептер саны екі еседен астам өсті", "количество школ выросло более чем в два раза", (2, "count", "more_than")),
    ],
)
def test_numeric_comparatives_kk_ru(kk, ru, fields):
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["unit"], a["qualifier"]) == (b["value"], b["unit"], b["qualifier"]) == fields


def test_numeric_comparative_difference_is_no_change_kk_ru():
    # `15 пайызға артық` = `на 15 процентов больше`: a difference; артты (rose) is a change
    a, b = one("15 пайызға артық қаражат бөлінді", "kk"), one("выделено на 15 процентов больше средств", "ru")
    assert (a["value"], a["change"]) == (b["value"], b["change"]) == (15, None)
    assert one("табыс 15 пайызға артты", "kk")["change"] == "increase"


# ---------------------------------------------------------------- helpers

@pytest.mark.parametrize(
    "word,stem",
    [("медиаторлардан", "медиатор"), ("күнін", "күн"), ("елдерінде", "ел"), ("істер", "іс"), ("ұйым", "ұйым"),
     ("адамды", "адам"), ("орталығы", "орталық"), ("дауы", "дау")],
)
def test_numeric_kk_stem(word, stem):
    assert kk_stem(word) == stem


@pytest.mark.parametrize(
    "text,lemma,upos,feats,want",
    [
        ("медиаторлар", "медиатор", "NOUN", "Case=Nom|Number=Plur", "медиатор"),  # the layer's lemma
        ("айдай", "ай", "NOUN", "Case=Nom", "ай"),  # the layer's lemma, not the similative form
        ("алаң", "ала", "NOUN", "Case=Nom|Number[psor]=Sing|Person[psor]=2", "алаң"),  # no `your` counted
        ("қаламы", "қалам", "NOUN", "Case=Nom|Number[psor]=Sing|Person[psor]=3", "қалам"),
        ("жұмыстар", "жұмыстар", "X", "", "жұмыс"),  # unanalysed: the endings come off
        ("кездесу", "кездес", "VERB", "", "кездесу"),  # a verbal noun keeps its form
    ],
)
def test_numeric_lemma_of_reads_the_layer(text, lemma, upos, feats, want):
    assert lemma_of(Word(0, len(text), text, lemma=lemma, upos=upos, feats=feats), "kk") == want


@pytest.mark.parametrize("text,lang", [("", "kk"), ("\x00\ufeff%%% --- ,,, 12..", "ru"), ("١٢٣ 𝟙𝟚 ½", "en"), ("[", "kk")])
def test_numeric_odd_input_does_not_raise(text, lang):
    claims_of_text(text, lang)
    scan_numbers(text, lang)


# ---------------------------------------------------------------- through the pipeline

@pytest.fixture(scope="module")
def sample():
    from pipeline import process

    text = open(os.path.join(ROOT, "corpus", "000_c56d3abc32b6f588.txt"), encoding="utf-8").read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return process(text, source_id="sample")


def test_numeric_offsets_and_ids_hold_on_the_sample(sample):
    text = sample.source.text
    assert sample.claims
    ids = [c.claim_id for c in sample.claims]
    assert len(set(ids)) == len(ids)
    for c in sample.claims:
        assert text[c.start : c.end] == c.text
        assert c.claim_id.startswith(c.doc_id + ":c")
        assert c.unit in ("count", "percent", "money", "other")
        assert c.qualifier in ("exact", "approx", "more_than", "less_than", "at_least", "at_most", "range")
        assert c.where in ("text", "table")


@pytest.mark.parametrize("text", ["", "   \n\n", "2019", "[1] [2]", "Ұйымдар 12 %%% ₸₸ $"])
def test_numeric_process_odd_sources(text):
    from pipeline import process

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = process(text, source_id="odd")
    for c in a.claims:
        assert a.source.text[c.start : c.end] == c.text


@pytest.mark.parametrize("threshold", [{"precision": 0.9, "recall": 0.9, "attribute_accuracy": 0.9}])
def test_numeric_sample_meets_thresholds(threshold):
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import numeric_sample_eval

    r = numeric_sample_eval.evaluate()
    assert r["precision"] >= threshold["precision"], r
    assert r["recall"] >= threshold["recall"], r
    assert r["attribute_accuracy"] >= threshold["attribute_accuracy"], r
    assert r["non_claims_emitted"] == 0, r


@pytest.mark.parametrize(
    "text,named",
    [("заболели вирусом ABC-CoV-3", True), ("в школе № 12", True), ("фильм «Тундра-77", True), ("саммит G7", True),
     ("около 12", False), ("в 2019", False), ("сумма 5", False), ("(15", False)],
)
def test_numeric_recall_leaves_names_out(text, named):
    """The number recall's gold leaves out what the contract does not count (identifiers, names)."""
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import numeric_recall

    start = len(text) - len(text.split()[-1].split("-")[-1].lstrip("«(G"))
    assert numeric_recall.named_number(text, start) is named


# ---------------------------------------------------------------- what a figure means (invented sentences)

@pytest.mark.parametrize(
    "text,lang,fields",
    [
        ("Өтілі 15 жылдан кем емес болуы тиіс.", "kk", {"qualifier": "at_least", "unit": "other"}),
        ("Стаж не менее 15 лет.", "ru", {"qualifier": "at_least", "unit": "other"}),
        ("Мерзімі 10 жылдан астам.", "kk", {"qualifier": "more_than"}),
        ("Произошло сокращение ВВП на 3,1 %.", "ru", {"change": "decrease", "qualifier": "exact"}),
        ("Экспорт 4,2 %-ға өсті.", "kk", {"change": "increase"}),
        ("В 2005–2020 годах выпуск рос в среднем на 5 %.", "ru",
         {"period": "2005/2020", "year": None, "aggregate": "mean", "change": "increase"}),
        ("Жыл сайын 33,5 мың оқиға тіркеледі.", "kk", {"aggregate": "annual", "measured": "оқиға"}),
        ("На 1 января 2020 года в реестре было 300 медиаторов.", "ru", {"as_of": "2020-01-01", "year": 2020}),
        ("2020 жылғы 1 қаңтардағы жағдай бойынша тізілімде 300 медиатор болды.", "kk",
         {"as_of": "2020-01-01", "year": 2020}),
        ("Бар болғаны 14% құрайды.", "kk", {"measured": None}),
        ("21-ден 33 балға дейін - «қанағаттанарлық».", "kk", {"value": 21, "value_max": 33, "qualifier": "range"}),
        ("в течение десяти рабочих дней", "ru", {"unit": "other", "measured": "день"}),
        ("65 % опрошенных поддержали реформу.", "ru", {"measured": "опрошенный", "measured_phrase": "опрошенных"}),
        ("3000-ға жуық кәсіби емес медиаторлар жұмыс істейді.", "kk",
         {"measured": "медиатор", "measured_phrase": "кәсіби емес медиаторлар", "qualifier": "approx"}),
        ("Студенттердің 70 пайыздан астамы жатақханада тұрады.", "kk", {"qualifier": "more_than", "unit": "percent"}),
        ("Қатысушылардың 400-ге жуығы жастар.", "kk", {"qualifier": "approx"}),
        ("Жәрдемақы 14 жасқа толмаған балаларға беріледі.", "kk", {"qualifier": "less_than", "unit": "other"}),
        ("Пособие выплачивается на детей, не достигших 14 лет.", "ru", {"qualifier": "less_than", "unit": "other"}),
    ],
)
def test_numeric_meaning(text, lang, fields):
    c = one(text, lang)
    for k, v in fields.items():
        assert c[k] == v, (k, c)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Сырқаттанушылық 2001 жылғы 40 пайыздан 2004 жылы 25 пайызға дейін азаяды.", "kk"),
        ("Заболеваемость снизится с 40 процентов в 2001 году до 25 процентов в 2004 году.", "ru"),
    ],
)
def test_numeric_from_to_years_kk_ru(text, lang):
    """A Kazakh year in the relative form before a figure is that figure's (`2001 жылғы 40 пайыздан`)."""
    a, b = claims_of_text(text, lang)
    assert (a["value"], a["year"], b["value"], b["year"]) == (40, 2001, 25, 2004)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Доля выросла с 12% в 2016 году до 18,5% в 2019 году.", "ru"),
        ("Үлесі 12%-дан 18,5%-ға дейін артты.", "kk"),
    ],
)
def test_numeric_from_to_pair(text, lang):
    a, b = claims_of_text(text, lang)
    assert (a["value"], b["value"]) == (12, 18.5)
    assert b["from_value"] == 12 and b["change"] == "increase"
    assert a["qualifier"] == b["qualifier"] == "exact"
    if lang == "ru":
        assert (a["year"], b["year"], b["from_year"]) == (2016, 2019, 2016)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Осы Әдістеменің 14-тармағында көрсетілген тұлғалар.", "kk"),  # a part of a legal text
        ("Үкіметінің 2001 ж. 29- желтоқсандағы қаулысы.", "kk"),  # a date
        ("келесі айдың 5-не дейін басқармаға ұсынады.", "kk"),  # a day of the month
        ("тоқсан қорытындысы бойынша бағалау жүргізіледі.", "kk"),  # the quarter, not 90
        ("производит сверку до 20 числа месяца.", "ru"),
        ('<td colspan="2">Барлығы</td>', "kk"),  # markup
        ("11\\. Шешім жарияланған күннен бастап қолданысқа енгізіледі.", "kk"),  # an escaped list number
        ("Решение 8-230 от 3 августа 2000 г.", "ru"),  # the number of a document, dated
        ("решением 5-122 от 6.06.96 г. утверждено", "ru"),
    ],
)
def test_numeric_not_a_claim(text, lang):
    assert claims_of_text(text, lang) == []


@pytest.mark.parametrize(
    "text,lang,year",
    [
        ("В 2018 году – 105, в 2019 году – 120 организаций.", "ru", [2018, 2019]),
        ("2017 жылы 30 057 өтініш түсті.", "kk", [2017]),
        ("Бағдарлама 1998 жылы қабылданды; іс-шараларға 40 адам қатысты.", "kk", [None]),  # another clause
    ],
)
def test_numeric_year_in_clause(text, lang, year):
    assert [c["year"] for c in claims_of_text(text, lang)] == year


@pytest.mark.parametrize(
    "kk,ru,qualifier",
    [
        ("Кемінде 5 адам келді.", "Не менее 5 человек пришли.", "at_least"),
        ("5 адамнан кем емес болуы тиіс.", "Не менее 5 человек пришли.", "at_least"),
        ("Кем дегенде 5 адам келді.", "Не менее 5 человек пришли.", "at_least"),
        ("5 мың адамнан кем болмауы тиіс.", "Не менее 5 тысяч человек.", "at_least"),
        ("Саны 5 адамнан аспайды.", "Не более 5 человек пришли.", "at_most"),
        ("5 адамға дейін қабылданады.", "До 5 человек пришли.", "at_most"),
        ("Шамамен 5 мың адам келді.", "Около 5 тысяч человек пришли.", "approx"),
        ("5000-ға жуық адам келді.", "Почти 5 тысяч человек пришли.", "approx"),
        ("5 мың адам шамасында келді.", "Порядка 5 тысяч человек пришли.", "approx"),
        ("5 мыңнан астам адам келді.", "Свыше 5 тысяч человек пришли.", "more_than"),
        ("5 мыңнан артық адам келді.", "Более 5 тысяч человек пришли.", "more_than"),
    ],
)
def test_numeric_qualifiers_agree_kk_ru(kk, ru, qualifier):
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["qualifier"]) == (b["value"], b["qualifier"]) and a["qualifier"] == qualifier


@pytest.mark.parametrize(
    "text,lang,value,end",
    [
        ("расходы - 12664094 тыс.тенге.", "ru", 12664094000, "тыс.тенге"),  # a sentence dot is no part of the unit
        ("Қорғауға 2,5 млрд.теңге бөлінді.", "kk", 2500000000, "млрд.теңге"),  # the abbreviation keeps its dot
        ("Выделено 5 млн. руб.", "ru", 5000000, "млн. руб."),
    ],
)
def test_numeric_unit_after_abbreviation(text, lang, value, end):
    c = one(text, lang)
    assert (c["value"], c["unit"]) == (value, "money") and c["text"].endswith(end)


def test_numeric_kk_deiingi_is_at_most():
    # `5 жасқа дейінгі балалар` (children under five) = `детей в возрасте до 5 лет`
    a, b = one("5 жасқа дейінгі балаларды иммунизациялау.", "kk"), one("Иммунизация детей в возрасте до 5 лет.", "ru")
    assert (a["value"], a["qualifier"]) == (b["value"], b["qualifier"]) == (5, "at_most")


def test_numeric_kk_article_is_a_reference():
    assert claims_of_text("Кодекстің 5 бапқа сәйкес шешім қабылданды.", "kk") == []


@pytest.mark.parametrize(
    "text,lang,measured",
    [
        ("а) табыс салығы бойынша: Ақсу ауданы 121 мың теңге, Алакөл ауданы 488 мың теңге.", "kk", "салық"),
        ("а) по подоходному налогу: Аксуского района 121 тыс.тенге, Алакольского района 488 тыс.тенге.", "ru", "налог"),
        ("Расходы по программе: 500 тыс. тенге.", "ru", None),  # the lead does not open with `по`
    ],
)
def test_numeric_amounts_of_a_list_measure_its_lead(text, lang, measured):
    assert {c["measured"] for c in claims_of_text(text, lang)} == {measured}


@pytest.mark.parametrize(
    "kk,ru",
    [
        ("Көмек айлық есептік көрсеткіштің 4 есе мөлшерінде төленеді.", "Помощь выплачивается в размере четырехкратного месячного расчетного показателя."),
        ("Көмек айлық есептік көрсеткіштің 10 есе мөлшерінде төленеді.", "Помощь выплачивается в десятикратном размере расчетного показателя."),
    ],
)
def test_numeric_multiple_kk_ru(kk, ru):
    # a Russian compound of a multiple (`четырехкратного`) states the figure Kazakh writes `4 есе`
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["unit"]) == (b["value"], b["unit"])


def test_numeric_compound_of_a_kind_is_no_multiple():
    assert claims_of_text("Подписано трехстороннее соглашение.", "ru") == []


@pytest.mark.parametrize(
    "kk,ru",
    [
        ("Төлем екі есе мөлшерінде төленеді.", "Цены выросли в два раза."),  # a multiple however small
        ("Құжаттар 10 күндік мерзімде ұсынылады.", "Документы представляются в 10-дневный срок."),  # a span of time
    ],
)
def test_numeric_value_and_unit_agree_kk_ru(kk, ru):
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["unit"]) == (b["value"], b["unit"])


@pytest.mark.parametrize(
    "kk,ru,qualifier",
    [
        ("18 жастан асқан азаматтар", "граждане старше 18 лет", "more_than"),
        ("18 жасқа толмаған балалар", "дети моложе 18 лет", "less_than"),
        ("63 жастан аспаған адамдар", "лица не старше 63 лет", "at_most"),
    ],
)
def test_numeric_age_qualifiers_kk_ru(kk, ru, qualifier):
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["qualifier"]) == (b["value"], b["qualifier"]) and a["qualifier"] == qualifier


def test_numeric_one_and_a_half_kk_ru():
    a, b = one("бір жарым миллион теңге бөлінсін", "kk"), one("выделить полтора миллиона тенге", "ru")
    assert (a["value"], a["unit"]) == (b["value"], b["unit"]) == (1500000, "money")


def test_numeric_remark_in_brackets_does_not_part_a_range():
    # `(қоса алғанда)` / `(включительно)` (inclusive) stands between the range and its unit or `дейін`
    a = one("106 балдан 130 балға (қоса алғанда) дейін – «тиімді».", "kk")
    b = one("от 106 до 130 (включительно) баллов - «эффективно».", "ru")
    assert (a["value"], a["value_max"], a["unit"], a["qualifier"]) == (b["value"], b["value_max"], b["unit"], b["qualifier"]) \
        == (106, 130, "other", "range")
    assert b["measured"] == "балл"


@pytest.mark.parametrize(
    "text,lang",
    [
        ("осы Ереженің 3, 4 және 5-тармақтарында көзделген", "kk"),  # the kind named once, after the list
        ("Заңның 1 және 2 тармақтарына сәйкес", "kk"),
        ("согласно пунктам 2.1, 2.2 настоящих Правил", "ru"),
        # the abbreviations of the parts of a legal text (invented citations)
        ("в соответствии с п. 5 ст. 6 Закона", "ru"),
        ("согласно пп. 3 п. 2 и ч. 4 гл. 2 Правил", "ru"),
    ],
)
def test_numeric_listed_references(text, lang):
    assert claims_of_text(text, lang) == []


def test_numeric_listed_figures_stay():
    assert [c["value"] for c in claims_of_text("Облыста 120 мектеп және 45 аурухана бар.", "kk")] == [120, 45]


@pytest.mark.parametrize(
    "kk,ru,unit,qualifier",
    [
        ("ай сайын 1,5 айлық есептік көрсеткіш мөлшерінде", "ежемесячно в размере 1,5 месячного расчетного показателя", "count", "exact"),
        ("2 айлық есептік көрсеткіштен аспайтын көмек", "помощь не более 2 месячных расчетных показателей", "count", "at_most"),
        ("табысы күнкөріс деңгейінің 40 пайызынан аспайтын", "доход не превышает 40 процентов прожиточного минимума", "percent", "at_most"),
        ("жалақы айына 6000 теңгеден кем болмауы тиіс", "заработная плата должна быть не ниже 6000 тенге в месяц", "money", "at_least"),
    ],
)
def test_numeric_legal_terms_and_verbal_qualifiers_kk_ru(kk, ru, unit, qualifier):
    # `айлық есептік көрсеткіш` (МРП) is a term, not a span of months
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["unit"], a["qualifier"]) == (b["value"], b["unit"], b["qualifier"])
    assert (a["unit"], a["qualifier"]) == (unit, qualifier)


@pytest.mark.parametrize(
    "kk,ru,fields",
    [
        ("жұмыссыздық деңгейі 4,5%-ға дейін төмендейді", "уровень безработицы снизится до 4,5%", (4.5, "exact", "decrease")),
        ("мемлекеттік тілдің үлесін 25 пайызға дейін арттыру", "увеличить долю государственного языка до 25 процентов", (25, "exact", "increase")),
        ("14 жастан 29 жасқа дейінгі жастар", "молодежь в возрасте от 14 до 29 лет", (14, "range", None)),
        ("орманның үлесін 2010 жылға қарай 8 пайызға жеткізу", "довести долю лесов до 8 процентов к 2010 году", (8, "exact", None)),
        # a time between the verb and its figure takes no room
        ("2003 жылға қарай жұмыссыздық деңгейін 3 пайызға дейін төмендету",
         "Снизить уровень безработицы к 2003 году до 3 процентов", (3, "exact", "decrease")),
    ],
)
def test_numeric_level_reached_and_age_range_kk_ru(kk, ru, fields):
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["qualifier"], a["change"]) == (b["value"], b["qualifier"], b["change"]) == fields


def test_numeric_anniversary_and_year_forms_kk():
    assert claims_of_text("Ұлы Отан соғысының 60 жылдығына арналған іс-шаралар", "kk") == []
    assert [c["value"] for c in claims_of_text("саны 2002 жылмен салыстырғанда 1,2 мың адамға азаяды", "kk")] == [1200]


@pytest.mark.parametrize(
    "text,lang,value",
    [
        ("Выдать саженцы по 1000 штук каждому хозяйству.", "ru", 1000),  # a preposition, then a counted noun: no year
        ("Рост составил 20 % в 2019 году.", "ru", 20),
        ("Цены выросли в полтора раза.", "ru", 1.5),  # a multiple however small
        ("Количество рабочих мест возросло на 1200.", "ru", 1200),  # the size of a change, no year
    ],
)
def test_numeric_counted_after_a_preposition(text, lang, value):
    assert [c["value"] for c in claims_of_text(text, lang)] == [value]


def test_numeric_kk_count_after_a_date():
    # Kazakh writes the year before the month (`1999 жылғы 1 қаңтар`): a number after the month counts
    a, b = one("1999 жылғы 1 қаңтарға 1500 бас мал", "kk"), one("на 1 января 1999 года 1500 голов скота", "ru")
    assert (a["value"], a["year"]) == (b["value"], b["year"]) == (1500, 1999)


def test_numeric_year_over_a_span_of_time_kk_ru():
    # `2002 жылдың 9 айында` is one date: the year is the time of the figure after it too
    kk = claims_of_text("Облыста 2002 жылдың 9 айында 2500 адам жұмысқа орналастырылды", "kk")
    ru = claims_of_text("В области за 9 месяцев 2002 года трудоустроено 2500 человек", "ru")
    assert [(c["value"], c["year"]) for c in kk] == [(c["value"], c["year"]) for c in ru] == [(9, 2002), (2500, 2002)]


@pytest.mark.parametrize(
    "kk,ru,value",
    [
        ("1 млн. 200 мың теңге бөлінсін", "выделить 1 млн. 200 тыс. тенге", 1200000),  # an amount in two orders
        ("санақшының 1 күнгі жалақысы", "оплата счетчика за 1 день", 1),
    ],
)
def test_numeric_amount_orders_and_day_kk_ru(kk, ru, value):
    a, b = one(kk, "kk"), one(ru, "ru")
    assert (a["value"], a["unit"]) == (b["value"], b["unit"]) and a["value"] == value


def test_numeric_two_amounts_stay_two():
    assert [c["value"] for c in claims_of_text("выделено 5 млн., затем 200 тыс. тенге", "ru")] == [5000000, 200000]


def test_numeric_kk_tenge_in_russian_spelling():
    c = one("Көмек 5000 тенге мөлшерінде төленеді.", "kk")  # `тенге`, as Kazakh texts typed without ң write it
    assert (c["value"], c["unit"], c["currency"]) == (5000, "money", "KZT")


@pytest.mark.parametrize(
    "text,value,span",
    [
        ("Олардың бесеуі сотқа жүгінді.", 5, "бесеуі"),  # a collective numeral with a possessive
        ("алтауы келді", 6, "алтауы"),  # `алтау` is a number word of its own, not алт + -ау
        ("жүздей адам", 100, "жүздей"),  # similative: about a hundred
        ("екі мыңнан астам", 2000, "екі мыңнан"),  # ablative on the last word only
    ],
)
def test_numeric_kk_number_word_endings(text, value, span):
    got = [(e.value, text[e.start : e.end]) for e in scan_numbers(text, "kk")]
    assert got == [(value, span)]


def test_numeric_kk_adjective_form():
    assert [adjective_form(w) for w in ("медиациялық", "сыртқы", "заңсыз", "саяси", "адам", "істер")] == \
        [True, True, True, True, False, False]


@pytest.mark.parametrize(
    "text,qualifier",
    [
        ("50-ден артық адам қатысты", "more_than"),  # the ablative: more than 50
        ("бағасы 80 балдан төмен болса", "less_than"),
        ("жалақысы 30000 теңгеден жоғары", "more_than"),
        ("өткен жылмен салыстырғанда 15 %-ға артық", "exact"),  # the dative: by 15 % more
        ("сатылым 2 есе артық болды", "exact"),  # в 2 раза больше
        ("облыста 5 жоғары оқу орны бар", "exact"),  # five universities
    ],
)
def test_numeric_kk_comparative_needs_the_ablative(text, qualifier):
    assert one(text, "kk")["qualifier"] == qualifier


@pytest.mark.parametrize(
    "text,lang,values",
    [
        # a day and a month with a date's ending: of 28 January
        ("Үкіметтің 2002 ж. 28.01-дегі № 137 қаулысына сәйкес 5 мектеп салынды.", "kk", [5]),
        ("1 тарау. Жалпы ережелер", "kk", []),  # Глава 1: a chapter's heading
        ("1999 ж 6-сәуірдегі шешім бойынша 40 адам алынды.", "kk", [40]),  # ж. without its dot
        ("Балалардың суда жүзе білмейтіндігі анықталды.", "kk", []),  # жүз- to swim, no hundred
        ("Апатта жүзге жуық адам зардап шекті.", "kk", [100]),  # the number's own dative
        ("ақысын айдың 20=шы жұлдызына дейін төлейді, 2=ші көше, 15 адам", "kk", [15]),  # `=` for `-`
        ("В соответствии со статьями 5, 13, 18, 19 Закона выделено 7 единиц техники.", "ru", [7]),
        ("Заңның 5, 13, 18 және 19 баптарына сәйкес 7 бірлік техника бөлінді.", "kk", [7]),
    ],
)
def test_numeric_parts_dates_and_scans_are_no_claims(text, lang, values):
    assert [c["value"] for c in claims_of_text(text, lang)] == values


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Возврат производится не свыше 50% от остатков на счетах.", "ru"),  # not more than
        ("Қайтарым шоттағы қалдықтың 50%-нан асырмай жүргізіледі.", "kk"),  # not letting it exceed
        ("Өтемақы 30 мың теңгеден аспай төленеді.", "kk"),  # not exceeding
    ],
)
def test_numeric_negated_exceeding_is_at_most(text, lang):
    assert one(text, lang)["qualifier"] == "at_most"


@pytest.mark.parametrize(
    "text,lang,values",
    [
        ("Отчёт представляется в 3-х экземплярах.", "ru", [3]),  # трех: a cardinal's ending
        ("в 90-х годах открылись 5-х классы", "ru", []),  # девяностых, пятых: ordinals
        ("Есеп 3 данада ұсынылады.", "kk", [3]),
        ("Семинар пройдёт со 2 по 15 марта.", "ru", []),  # a span of days
        ("Семинар наурыздың 2-нен 15-не дейін өтеді.", "kk", []),
        ("Төлем ай сайын 5-күніне дейін жүргізіледі.", "kk", []),  # by the 5th day: до 5 числа
        ("Комиссия жылына екі рет жиналады.", "kk", [2]),  # два раза в год
        ("Комиссия собирается два раза в год.", "ru", [2]),
    ],
)
def test_numeric_cardinal_endings_spans_of_days_and_how_often(text, lang, values):
    assert [c["value"] for c in claims_of_text(text, lang)] == values


def test_numeric_kk_act_named_after_its_number():
    # решения № 3-83: the session and the decision, without the number sign
    text = "Облыс әкімінің «Өзгертулер енгізу туралы» 3-83 шешімдерінің күші жойылсын, 40 адам жұмысқа алынсын."
    assert [c["value"] for c in claims_of_text(text, "kk")] == [40]


@pytest.mark.parametrize(
    "text,values",
    [
        ("Үстіміздегі жылғы сүуірдің 20-на дейін 40 адам жіберілсін.", [40]),  # сәуірдің misread
        ("Қазақтың 20 батыры аталды.", [20]),  # қазақ is a word of its own, no misread қазан
    ],
)
def test_numeric_kk_month_misread_by_one_letter(text, values):
    assert [c["value"] for c in claims_of_text(text, "kk")] == values


@pytest.mark.parametrize(
    "text,lang,unit",
    [
        ("Райымбек ауданы 442 мың геңге бөлінді.", "kk", "money"),  # теңге misread after мың
        ("Выделено 442 тыс. тснге.", "ru", "money"),
        ("Облыста 442 мың адам тұрады.", "kk", "count"),  # no currency
    ],
)
def test_numeric_currency_misread_after_a_scale(text, lang, unit):
    assert one(text, lang)["unit"] == unit


@pytest.mark.parametrize(
    "text,field,want",
    [
        ("Проверки проводятся не реже 1 раза в год.", "qualifier", "at_least"),  # жылына кемінде 1 рет
        ("Проверки проводятся не чаще 2 раз в год.", "qualifier", "at_most"),
        ("Ответ дается в 10-ти дневный срок.", "unit", "other"),  # the compound written apart
        ("Пособие выплачивается в размере 5-кратного месячного расчетного показателя.", "unit", "count"),
    ],
)
def test_numeric_ru_how_often_and_a_time_compound_written_apart(text, field, want):
    assert one(text, "ru")[field] == want


@pytest.mark.parametrize(
    "text,qualifier",
    [
        ("Шаруашылықтарда 5 мың бас малдан астам бар.", "more_than"),  # более 5 тыс. голов скота
        ("Ауданда 500 түп көшеттен аса отырғызылды.", "more_than"),
    ],
)
def test_numeric_kk_qualifier_after_classifier_and_ablative(text, qualifier):
    assert one(text, "kk")["qualifier"] == qualifier
