from __future__ import annotations

import pytest

from pipeline.segment import _language_runs, caption_number, find_table_regions, segment, sentence_spans, split_sentences

KK = ("Қазақстан Республикасы жаһандану процесінің субъектісі ретінде әлемдік деңгейде орын алып жатқан "
      "құбылыстардан тыс қала алмайды. Соңғы жылдары дауларды шешуде компромисс іздеу қоғамның дамуын "
      "қамтамасыз етуде тиімді шешімдердің бірі болуда.\n")
RU = ("Государственная информационная политика оказывает комплексное влияние на развитие государства, "
      "общества и отношений. Кроме того, она стимулирует развитие общественных организаций и их "
      "социальную деятельность.\n")
EN = "Annotation. This article describes the development of political mediation in the country.\n"


def _shape(text: str):
    _, docs, _ = segment(text, source_id="t")
    return [(d.lang, d.title, [(s.kind, s.lang) for s in d.sections]) for d in docs]


@pytest.mark.parametrize("text,expected", [
    ("САЯСИ МЕДИАЦИЯНЫҢ ПЕРСПЕКТИВАЛАРЫ\n\n" + EN + "\n" + KK,
     [("kk", "САЯСИ МЕДИАЦИЯНЫҢ ПЕРСПЕКТИВАЛАРЫ", [("title", "kk"), ("abstract", "en"), ("body", "kk")])]),
    (KK + "\n" + RU, [("kk", None, [("body", "kk")]), ("ru", None, [("body", "ru")])]),
    ("ИНФОРМАЦИОННАЯ ПОЛИТИКА ГОСУДАРСТВА\n\nАннотация. " + RU + "Ключевые слова: политика, СМИ\n\n" + RU
     + "Литература\n\n1. Иванов И. Политика. М., 2010.\n",
     [("ru", "ИНФОРМАЦИОННАЯ ПОЛИТИКА ГОСУДАРСТВА",
       [("title", "ru"), ("abstract", "ru"), ("keywords", "ru"), ("body", "ru"), ("references", "ru")])]),
    ("", []),
])
def test_segment_documents_and_sections(text, expected):
    assert _shape(text) == expected


@pytest.mark.parametrize("line,number", [
    ("1 – кесте", 1), ("3 - кесте ", 3), ("Таблица 2", 2), ("Table 4. Results", 4), ("Кесте 5", 5),
    ("1 кестеде көрсетілген", None), ("Мәселен, 2014 жылы", None),
])
def test_segment_caption_number(line, number):
    assert caption_number(line) == number


def test_segment_table_region_ends_at_note():
    text = ("Мәтін.\n1 – кесте\nЕлдер үлесі\nАҚШ Қытай\n90% 30%\nЕскерту - дерек-көздерге негізделген [3]\n"
            "Шет мемлекеттер тәжірибесі көрсеткендей, медиация институтының дамуы қоғамға оң әсерін тигізеді.\n")
    (a, b, n), = find_table_regions(text)
    assert n == 1 and text[a:b].startswith("1 – кесте") and text[a:b].endswith("[3]")


@pytest.mark.parametrize("text,lang,expected", [
    ("Бірінші сөйлем. Екінші сөйлем.", "kk", ["Бірінші сөйлем.", "Екінші сөйлем."]),
    ("2019 жылы – 120 ұйым болды[1]. Осы ұйымдар", "kk", ["2019 жылы – 120 ұйым болды[1].", "Осы ұйымдар"]),
    ("Ж. Әбенов айтты. Т.б. жоқ", "kk", ["Ж. Әбенов айтты.", "Т.б. жоқ"]),
    ("т.б. мамандықтары бойынша оқыту. Себебі", "kk", ["т.б. мамандықтары бойынша оқыту.", "Себебі"]),
    ("В 2018 г. было много. Это т.е. всё.", "ru", ["В 2018 г. было много.", "Это т.е. всё."]),
    ("Мы говорим «Стоп.» Потом идём.", "ru", ["Мы говорим «Стоп.»", "Потом идём."]),
])
def test_segment_sentence_spans(text, lang, expected):
    assert [text[a:b] for a, b in sentence_spans(text, lang)] == expected


def test_segment_sentences_index_source_and_carry_language():
    text = "МАҚАЛА ТАҚЫРЫБЫ ОСЫНДАЙ\n\n" + EN + "\n" + KK + "\n" + RU
    view, docs, paras = segment(text, source_id="t")
    sents = split_sentences(view, text, docs, paras)
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert [s.lang for s in sents if s.section == "abstract"] == ["en", "en"]
    assert {s.lang for s in sents if s.doc_id == "t:d2"} == {"ru"}


@pytest.mark.parametrize("text,terms", [
    ("КАЗАХСТАН И РЕГИОН\n\nТекст статьи о политике в регионе и о партиях. Он достаточно длинный, чтобы быть "
     "телом статьи, и продолжается дальше.\n\nKeywords:\nparties, region, society\n\nЛитература\n"
     "1. Иванов И. Политика. М., 2010.\n", ("parties", "region", "society")),
])
def test_segment_keywords_section_after_the_head_is_metadata(text, terms):
    _, docs, _ = segment(text, source_id="t")
    assert [k.terms for k in docs[0].keywords] == [terms]
    kw = next(s for s in docs[0].sections if s.kind == "keywords")
    assert text[kw.start:kw.end] == "Keywords:\nparties, region, society"


@pytest.mark.parametrize("text,langs", [
    # a short sentence without a Kazakh-only letter goes on in the language of the run before it
    ("Бұл мәселені зерттеу қажет болды. Мысалы, 2020 жылы.", ["kk"]),
    ("Бұл мәселені зерттеу қажет болды. Это предложение написано по-русски и довольно длинное.", ["kk", "ru"]),
    # opening the paragraph, it takes the language of the run after it
    ("Ескерту. Күші жойылды - облыс әкімінің 2003 жылғы шешімімен.", ["kk"]),
    ("Итоги ясны.", ["other"]),  # alone, too little to tell: the paragraphs around it decide
])
def test_segment_language_runs_short_sentence_keeps_the_run(text, langs):
    assert [lang for _, _, lang in _language_runs(text)] == langs


@pytest.mark.parametrize("line,expected", [
    ("Приложение N 1", True),  # a Latin N for the number sign, as old acts print it
    ("Приложение № 2 к решению акима области", True),
    ("2-қосымша", True),
    ("Приложение содержит перечень мероприятий, утвержденных акимом области.", False),
])
def test_segment_annex_header(line, expected):
    from pipeline.normalize import is_annex_header

    assert is_annex_header(line) is expected


def test_segment_short_paragraph_takes_the_language_around_it():
    text = ("Облыс әкімдігі аудандардағы әлеуметтік нысандардың құрылысын жалғастыру туралы шешім қабылдады.\n\n"
            "- ата-аналар;\n\nОблыс әкімі\n\nХасенов\n")
    view, docs, paras = segment(text, source_id="t")
    sents = split_sentences(view, text, docs, paras)
    assert {s.lang for s in sents} == {"kk"}


@pytest.mark.parametrize("text,lang,first", [
    ("Бұл тұжырымды зерттеулер растайды [2, б. 41]. Партиялар саны өсті.", "kk",
     "Бұл тұжырымды зерттеулер растайды [2, б. 41]."),
    ("Этот вывод подтверждают исследования [3, с. 112]. Доля партий выросла.", "ru",
     "Этот вывод подтверждают исследования [3, с. 112]."),
    ("Этот вывод подтверждают исследования (Иванов, 2019, с. 7). Доля выросла.", "ru",
     "Этот вывод подтверждают исследования (Иванов, 2019, с. 7)."),
    ("Это верно (так и есть). 2020 год был трудным.", "ru", "Это верно (так и есть)."),  # no abbreviation
])
def test_segment_page_locator_in_brackets_is_no_sentence_end(text, lang, first):
    a, b = sentence_spans(text, lang)[0]
    assert text[a:b] == first


@pytest.mark.parametrize("text", [
    # in the body: the view keeps the line break after "с." (a stop ends the line)
    "Как отмечают исследователи, партийная\nсистема неустойчива [2, с.\n15]. Далее.\n\nВ стране действует 7 партий.",
    # in a wrapped abstract of the front matter
    "УДК 323\nИ.И. Иванов\nКазахский национальный университет, Алматы\nПАРТИИ КАЗАХСТАНА\nАннотация. В статье "
    "рассматриваются партии. Как отмечают исследователи, система неустойчива [2, с.\n15]. Ключевые слова: "
    "партии.\n\nВ стране действует 7 партий.",
])
def test_segment_citation_broken_over_two_lines_is_read_whole(text):
    import pipeline

    a = pipeline.process(text)
    assert [c.text for c in a.claims] == ["7"]
    assert any(s.text.endswith("[2, с.\n15].") for s in a.sentences)


def test_segment_reference_list_goes_on_over_page_furniture():
    body = ("В опросе участвовали 1200 человек, из них 45% выразили доверие партиям. Этот результат "
            "согласуется с предыдущими исследованиями.\n")
    head = "Вестник науки. № 2. 2021\n"  # the running head of every page
    page1 = head + body * 3 + "Список литературы\n"
    text = page1 + head + "1. Иванов И.И. Партии. – Алматы, 2018. – 240 с.\n"
    _, docs, _ = segment(text, source_id="t", pages=(0, len(page1)))
    kinds = [(s.kind, text[s.start:s.end][:12]) for s in docs[0].sections]
    assert kinds[-3:] == [("references", "Список литер"), ("furniture", "Вестник наук"), ("references", "1. Иванов И.")]
