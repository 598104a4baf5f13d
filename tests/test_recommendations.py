"""Recommendations: cues, classifier, clause trimming, proposal lists, the sample article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import process
from pipeline.extract import recommendations as R
from pipeline.extract.recommendations import extract_recommendations

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "000_c56d3abc32b6f588.txt"


@pytest.fixture(scope="module")
def sample():
    text = SAMPLE.read_text(encoding="utf-8")
    a = process(text, source_id="sample", stages=())
    return text, a, extract_recommendations(a)


def _recs_in(recs, text, start_marker, end_marker):
    lo = text.index(start_marker)
    hi = text.index(end_marker, lo)
    return [r for r in recs if lo <= r.start < hi]


# ---------------------------------------------------------------- the model

def test_recommendations_model_is_json():
    d = json.loads(R.MODEL_PATH.read_text(encoding="utf-8"))
    assert {"weights", "intercept", "threshold", "classes"} <= set(d)
    assert set(d["classes"]) == {"none", "proposal", "demand", "directive"}
    assert R.load_model() is not None


def test_recommendations_classifier_switch(monkeypatch):
    monkeypatch.setenv("DEREK_REC_CLASSIFIER", "off")
    assert R.load_model.__wrapped__() is None


# ---------------------------------------------------------------- cues

@pytest.mark.parametrize("text,lang,cues", [
    ("Заңға өзгерістер енгізуді ұсынамыз.", "kk", ["ұсынамыз"]),
    ("Мемлекет қолдау көрсетуі тиіс.", "kk", ["тиіс"]),
    ("Бұл мәселе мемлекеттің назарын қажет етеді.", "kk", []),           # requires: a statement of need
    ("Зерттеудің қажеттілігі туындап отыр.", "kk", []),                   # қажеттілігі is not қажет
    ("Президент реформа керек екенін айтты.", "kk", []),                  # someone else's words
    ("Ол кезде бірінші кезекте сенімді қалпына келтіру керек еді.", "kk", []),  # past
    ("Необходимо создать единый реестр.", "ru", ["Необходимо"]),
    ("Следует отметить, что закон был принят.", "ru", []),               # discourse formula
    ("Ол ертерек келген болса керек.", "kk", []),                          # conditional + керек: a guess
    ("Бұл жерде бір жайтты атап өту керек.", "kk", []),                   # discourse formula
    ("Айта кеткен жөн, жол былтыр жөнделді.", "kk", []),                  # discourse formula
    ("Роста цен ожидать не следует.", "ru", []),                           # a forecast
    ("Вода необходима для жизни.", "ru", []),                              # importance, not a measure
    ("Для этого необходимы новые меры.", "ru", ["необходимы"]),
    ("Реформа должна была завершиться в 2020 году.", "ru", []),           # past obligation
    ("Осы шешім қол қойылған күнінен бастап қолданысқа енгізіледі және ресми жариялануға тиіс.", "kk", []),  # = подлежит опубликованию
    ("Бұл мәселе жан-жақты талқылануға тиіс.", "kk", ["тиіс"]),
    ("It should be noted that turnout fell.", "en", []),
    ("We propose to create a register.", "en", ["We propose"]),
])
def test_recommendations_cues(text, lang, cues):
    assert [c.text for c in R.find_cues(text, lang)] == cues


# ---------------------------------------------------------------- classifier (sentence decision)

@pytest.mark.parametrize("text,lang", [
    ("Облыс әкімдіктері жанынан жастармен жұмыс жөніндегі кеңестер құруды ұсынамыз.", "kk"),
    ("Жергілікті бюджеттің жобасын қоғамдық талқылауға міндетті түрде шығару қажет.", "kk"),
    ("Сайлау учаскелерінің тізімін алдын ала жариялау тәртібін заңда бекіту керек.", "kk"),
    ("Считаем необходимым ввести обязательную публикацию протоколов общественных советов.", "ru"),
    ("Предлагаем создать единую платформу для электронных петиций граждан.", "ru"),
])
def test_recommendations_accepts_proposals(text, lang):
    ok, score = R.is_recommendation(process(text, source_id="sentence"), lang)
    assert ok, score


@pytest.mark.parametrize("text,lang", [
    ("Бұл тақырыпты зерттеудің өзектілігі сайлау жүйесінің өзгеруімен байланысты.", "kk"),   # motivation
    ("Мақалада жергілікті өзін-өзі басқарудың даму кезеңдері қарастырылады.", "kk"),          # what the article does
    ("Бұқаралық ақпарат құралдары сайлау науқанында маңызды рөл атқарады.", "kk"),            # role
    ("Жаңа бағдарлама жастар арасындағы жұмыссыздықты азайтады деп күтілуде.", "kk"),         # prediction
    ("В статье рассматриваются особенности партийной системы Казахстана.", "ru"),              # what the article does
    ("Актуальность исследования обусловлена ростом протестной активности.", "ru"),            # motivation
    ("Следует подчеркнуть, что опрос проводился только в городах.", "ru"),                    # discourse formula
    ("Это позволит повысить явку избирателей на местных выборах.", "ru"),                     # effect
])
def test_recommendations_rejects_non_proposals(text, lang):
    ok, score = R.is_recommendation(process(text, source_id="sentence"), lang)
    assert not ok, score


@pytest.mark.parametrize("text,lang,expected", [
    ("Аудандарда жастар орталықтарын ашу керек деп санаймыз.", "kk", True),      # we consider
    ("Аудандарда жастар орталықтарын ашу керек деп санайды.", "kk", False),      # they consider
    ("Ғалымдардың айтуынша, жастар орталықтарын ашу керек деп санаймыз.", "kk", False),  # someone else speaks
    ("Предлагаем открыть в районах молодежные центры.", "ru", True),
    ("Эксперты предлагают открыть в районах молодежные центры.", "ru", False),
    ("Считаем необходимым открыть в районах молодежные центры.", "ru", True),
])
def test_recommendations_explicit_author(text, lang, expected):
    cues = R.find_cues(text, lang)
    assert any(R.is_explicit(text, c, lang) for c in cues) is expected


# ---------------------------------------------------------------- kinds and verb forms

@pytest.mark.parametrize("cue,lang,kind", [
    ("ұсынамыз", "kk", "proposal"), ("керек", "kk", "demand"), ("тапсырамын", "kk", "directive"),
    ("міндеттеймін", "kk", "directive"), ("Предлагаем", "ru", "proposal"), ("необходимо", "ru", "demand"),
    ("Поручить", "ru", "directive"), ("рекомендовано", "ru", "directive"),
])
def test_recommendations_cue_kind(cue, lang, kind):
    assert R.cue_kind(cue, lang) == kind


@pytest.mark.parametrize("word,upos,expected", [
    ("бекітілсін", "VERB", True), ("салсын", "VERB", True), ("қамтамасыз", "NOUN", False),
    ("БТП-сын", "NOUN", False), ("жасайды", "VERB", False),
])
def test_recommendations_kk_jussive(word, upos, expected):
    assert R.kk_jussive(word, upos) is expected


@pytest.mark.parametrize("words,lemmas,upos,expected", [
    (["Утвердить", "программу"], ["утвердить", "программа"], ["VERB", "NOUN"], 0),
    (["Акимам", "районов", "принять", "меры"], ["аким", "район", "принять", "мера"], ["NOUN", "NOUN", "VERB", "NOUN"], 2),
    (["Комиссия", "решила", "создать", "группу"], ["комиссия", "решить", "создать", "группа"], ["NOUN", "VERB", "VERB", "NOUN"], None),
])
def test_recommendations_ru_leading_infinitive(words, lemmas, upos, expected):
    assert R.ru_leading_infinitive(words, lemmas, upos, [""] * len(words)) == expected


# invented sentences of the kinds real text holds (the figures are measured on real sentences,
# bench/eval_recommendations.py)
@pytest.mark.parametrize("text,lang,kind", [
    ("Ауылдарға интернет жүргізу керек.", "kk", "demand"),
    ("Шағын бизнеске салықты азайтқан жөн.", "kk", "demand"),
    ("Министрлікке бағдарламаны қайта қарауды тапсырамын.", "kk", "directive"),
    ("Әкімдерге ай сайын есеп беруді міндеттеймін.", "kk", "directive"),
    ("Облыстық білім басқармасы жаңа мектептің құрылысын қамтамасыз етсін.", "kk", "directive"),
    ("Обеспечить своевременную выплату пособий.", "ru", "directive"),
    ("Поручить акимам районов принять меры по ремонту школ.", "ru", "directive"),
])
def test_recommendations_kinds(text, lang, kind):
    assert [k for _, _, k in R.classify(process(text, source_id="sentence"), lang)] == [kind]


@pytest.mark.parametrize("text,lang", [
    ("Заң бойынша әр сайлаушы құжатын көрсетуі тиіс.", "kk"),       # an existing rule described
    ("По закону арендатор должен платить налог.", "ru"),            # an existing rule described
    ("Болжам бойынша баға өсуі тиіс.", "kk"),                       # a forecast
    ("Ввод жилья должен составить 2 млн м².", "ru"),                 # a target
])
def test_recommendations_rules_and_forecasts_are_not(text, lang):
    assert R.classify(process(text, source_id="sentence"), lang) == []


@pytest.mark.parametrize("text", [
    "Жалпы шетелдіктер жұмыс істеу үшін қандай іріктеуден өтулері керек?",   # a question
    "Нужно ли повышать налоги?",                                              # a question
])
def test_recommendations_questions_are_not(text):
    assert R.classify(process(text, source_id="sentence"), "kk" if "ә" in text or "ш" in text and "Ж" in text else "ru") == []


# ---------------------------------------------------------------- trimming

@pytest.mark.parametrize("text,lang,expected", [
    ("Сондықтан, мәслихаттардың өкілеттігін кеңейтуді ұсынамыз, бұл бақылауды күшейтеді.", "kk",
     "мәслихаттардың өкілеттігін кеңейтуді ұсынамыз"),
    ("Қорытындылай келе, заң жұмысын жалғастыруы керек деп ойлаймын.", "kk",
     "заң жұмысын жалғастыруы керек"),
    ("Таким образом, необходимо создать реестр медиаторов, поскольку это повысит доверие.", "ru",
     "необходимо создать реестр медиаторов"),
    ("На наш взгляд, государству следует поддержать НКО.", "ru", "государству следует поддержать НКО"),
])
def test_recommendations_clause_span(text, lang, expected):
    cue = R.find_cues(text, lang)[0]
    a, b = R.clause_span(text, cue, lang)
    assert text[a:b] == expected


# ---------------------------------------------------------------- lists and offsets on processed text

LIST_KK = (
    "Зерттеу нәтижелері бойынша төмендегідей ұсыныстар жасаймыз:\n"
    "• Ауылдық округтерде медиация пункттерін ашу;\n"
    "• Медиаторлардың біліктілігін арттыру бағдарламасын әзірлеу.\n"
    "Бұл шаралар қоғамдағы келісімді нығайтады.\n"
)
LIST_PLAIN = (
    "Орталық өз қызметі барысында:\n"
    "• 120 семинар өткізді;\n"
    "• 45 кездесу ұйымдастырды.\n"
)


LIST_RU = (
    "Для развития медиации в регионах предлагаем следующие меры:\n"
    "1) создать единый реестр медиаторов;\n"
    "2) расширить сеть центров медиации.\n"
    "Реализация этих мер потребует времени.\n"
)


@pytest.mark.parametrize("text,expected", [
    (LIST_RU, ["создать единый реестр медиаторов", "расширить сеть центров медиации"]),
    (LIST_KK, ["Ауылдық округтерде медиация пункттерін ашу",
               "Медиаторлардың біліктілігін арттыру бағдарламасын әзірлеу"]),
    (LIST_PLAIN, []),
])
def test_recommendations_list_items(text, expected):
    a = process(text, source_id="t", stages=())
    recs = extract_recommendations(a)
    assert [r.text for r in recs] == expected
    assert all(a.source.text[r.start:r.end] == r.text for r in recs)


@pytest.mark.parametrize("text", ["", "   \n\n", "\u0000\ufffd\u202e✓✓ 12 ;;", "•\n•\n:"])
def test_recommendations_odd_input(text):
    a = process(text, source_id="odd", stages=())
    assert extract_recommendations(a) == []


# ---------------------------------------------------------------- the sample article

def test_recommendations_sample_offsets_and_ids(sample):
    text, a, recs = sample
    assert recs
    for r in recs:
        assert text[r.start:r.end] == r.text
        assert r.rec_id.startswith(r.doc_id + ":r")
        assert r.cue
    assert len({r.rec_id for r in recs}) == len(recs)


@pytest.mark.parametrize("item_start", [
    "Медиаторлық орталықтардың бірыңғай",
    "Медиация саясатынын жүргізудің",
    "Билік органдарына медиаторлар",
    "Медиациялық орталықтардың атқарылып",
    "Шетел тәжірибелерімен алмаса",
    "Сонымен бірге, «Саясаттану»",
])
def test_recommendations_sample_closing_list(sample, item_start):
    text, _, recs = sample
    lo = text.index(item_start)
    hi = text.find("•", lo)
    hi = hi if hi > 0 else text.index("Сөз соңында", lo)
    assert any(lo <= r.start < hi for r in recs), item_start


@pytest.mark.parametrize("ends_with", ["ықпал етуі қажет", "жалғастыруы керек"])
def test_recommendations_sample_closing_demands(sample, ends_with):
    _, _, recs = sample
    assert any(" ".join(r.text.split()).endswith(ends_with) for r in recs)


@pytest.mark.parametrize("start_marker,end_marker", [
    ("Annotation.", "Қазақстан Республикасы жаһандану"),               # what the abstract will do
    ("Сондықтан саяси медиацияны", "Соңғы жылдары"),                      # why the study is needed
    ("Медиацияның Қазақстанда", "ҚХА-ның негізін"),                       # plays an important role
    ("Жанжалдың", "Медиациямен шешіліп"),                                 # describes the need
    ("Сол себепті де елімізде", "Бүгінгі таңда Қазақстан"),               # interested
    ("Өзінің қызметі барсында", "3 – кесте"),                             # a list of facts, not proposals
    ("Сөз соңында айтарымыз", "Сондықтан, елдегі"),                       # someone else's words
    ("Өйткені медиацияның", "Государственная информационная"),            # a prediction
    ("Государственная информационная", "Среди объектов"),                 # descriptions of roles and facts
])
def test_recommendations_sample_non_recommendations(sample, start_marker, end_marker):
    text, _, recs = sample
    assert _recs_in(recs, text, start_marker, end_marker) == []


# ---------------------------------------------------------------- the evaluation (smoke slice)

def test_recommendations_eval_smoke(tmp_path):
    import sys as _sys

    _sys.path.insert(0, str(ROOT / "bench"))
    import common
    import eval_recommendations

    if common.data_dir() is None or not (common.data_dir() / "kzlaw").exists():
        pytest.skip("data absent")
    res = eval_recommendations.evaluate(tmp_path, smoke=True)
    names = [r["figure"] for r in res]
    assert any("Kazakh precision" in n for n in names) and any("kzlaw" in n for n in names)
    assert all({"tune", "check", "n_tune", "n_check", "target", "command"} <= set(r) for r in res)
    # the smoke slice holds labelled directives of two acts: derek must find some of them
    found = [r for r in res if "recall" in r["figure"] and "Russian" in r["figure"]][0]
    assert (found["tune"] or 0) + (found["check"] or 0) > 0


# ---------------------------------------------------------------- blocks of a sentence, item forms

def test_recommendations_block_cuts_tables_and_markdown():
    s = "Утвердить план.</td>\n<td>1998</td>"
    assert [s[a:b] for a, b in R.block_cuts(s)] == ["</td>\n<td>", "</td>"]
    assert R.block_cuts("ұсыныстарды қорғауға \n\nшығаруымызға болады:") == []  # a PDF line break
    s = "Утвердить тарифы:\n\nза счет средств"
    assert [s[a:b] for a, b in R.block_cuts(s)] == ["\n\n"]
    s = "## Жалпы ережелер\nМәтін"
    assert [s[a:b] for a, b in R.block_cuts(s)] == ["\n"]


def test_recommendations_table_cells_are_read_one_by_one():
    text = ("<table>\n<tr>\n<td>1.</td>\n<td>Провести анализ травматизма.</td>\n<td>2000 год</td>\n</tr>\n"
            "<tr>\n<td>2.</td>\n<td>Организовать семинары для врачей.</td>\n<td>2001 год</td>\n</tr>\n</table>\n")
    recs = extract_recommendations(process(text, source_id="table"))
    assert len(recs) == 2
    assert all("<" not in r.text for r in recs)
    assert all(r.text.startswith(("Провести", "Организовать")) for r in recs)


@pytest.mark.parametrize("words,upos,expected", [
    (["Аумақтарды", "талдау", "жасау"], ["NOUN", "NOUN", "VERB"], 2),
    (["қаржыландыруды", "қамтамасыз", "ету", ";"], ["VERB", "ADJ", "NOUN", "PUNCT"], 2),
    (["байланыс", "желісін", "құру", ";", "(", "азаматтардың", "алуы", ")"],
     ["NOUN", "NOUN", "VERB", "PUNCT", "PUNCT", "NOUN", "VERB", "PUNCT"], 2),
    (["Облыстық", "денсаулық", "сақтау", ",", "басқармалары"], ["ADJ", "NOUN", "VERB", "PUNCT", "NOUN"], None),
])
def test_recommendations_kk_item_closed_by_verbal_noun(words, upos, expected):
    assert R.measure_head(words, upos, "kk") == expected


def _token_spans(text):
    """The language layer's token spans of a one-sentence text."""
    a = process(text, source_id="t", stages=())
    return [(t.start, t.end) for s in a.sentences for t in a.tokens_of(s.sent_id)]


@pytest.mark.parametrize("text,expected", [
    ("Жұмыс нәтижесінде мынадай шаралар қажет:", "қажет"),
    ("Оқытуды қажет деп танылған сәттен бастап құжаттар ұсынылғанда төленеді:", None),
    ("Төмендегідей ұсыныстарды қорғауға шығаруымызға болады:", "ұсыныстарды"),
])
def test_recommendations_kk_intro_cue_must_close_the_clause(text, expected):
    assert R.is_intro(text, "kk", _token_spans(text)) == expected


def test_recommendations_ru_initial_is_no_verb():
    words = ["Отделу", "(", "Тюмебаев", "Е", ".", "С", ".", ")", "провести", "закуп"]
    upos = ["NOUN", "PUNCT", "PROPN", "VERB", "PUNCT", "ADP", "PUNCT", "PUNCT", "VERB", "NOUN"]
    lemmas = [w.lower() for w in words]
    assert R.ru_leading_infinitive(words, lemmas, upos, [""] * len(words)) == 8


def test_recommendations_kk_attributive_tiisti_is_no_cue():
    assert [c.text for c in R.find_cues("Тиісті шаралар қабылдансын.", "kk")] == []
    assert [c.text for c in R.find_cues("Есеп беруі тиісті.", "kk")] == ["тиісті"]


_KK_ORDERED_LIST = ("Бұйрық шығарамын:\n\n1. Қоса беріліп отырған:\n\n"
                    "1) «Кеңес беру» стандарты осы бұйрықтың 1-қосымшасына сәйкес;\n\n"
                    "2) «Ақпарат беру» стандарты осы бұйрықтың 2-қосымшасына сәйкес {verb}.\n\n"
                    "2. Бақылау орынбасарға жүктелсін.\n")


def test_recommendations_kk_list_closed_by_an_order():
    """Kazakh is verb-final: the jussive that closes the last item orders every item of the list."""
    text = _KK_ORDERED_LIST.format(verb="бекітілсін")
    recs = extract_recommendations(process(text, source_id="t", stages=()))
    found = [r.text for r in recs]
    assert any("Кеңес беру" in t for t in found)
    assert any("Ақпарат беру" in t for t in found)
    assert all(r.kind == "directive" for r in recs)
    assert not any(t.startswith("Қоса беріліп") for t in found)  # the intro names no measure


def test_recommendations_kk_list_not_closed_by_an_order():
    text = _KK_ORDERED_LIST.format(verb="бекітілген")
    recs = extract_recommendations(process(text, source_id="t", stages=()))
    assert not any("Кеңес беру" in r.text for r in recs)


@pytest.mark.parametrize("text,expected", [
    ("1) осы бұйрықтың", "num)"), ("3. Осы бұйрықтың", "num."), ("а) облыс", "letter)"),
    ("- облыс", "dash"), ("Облыс әкімі", None),
])
def test_recommendations_list_marker(text, expected):
    assert R.marker(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Умение планировать работу.", None),
    ("Способность работать в команде.", None),
    ("Разработка плана призвана служить основой решений.", None),  # a short participle is the predicate
    ("Акимам районов обеспечить выплату пособий.", "обеспечить"),
    ("Контроль за исполнением настоящего решения возложить на заместителя.", "возложить"),
])
def test_recommendations_ru_infinitive_after_a_nominative_noun_orders_nothing(text, expected):
    a = process(text, source_id="t", stages=())
    toks = [t for s in a.sentences for t in a.tokens_of(s.sent_id)]
    i = R.ru_leading_infinitive([t.norm for t in toks], [t.lemma for t in toks], [t.upos for t in toks],
                                [t.feats for t in toks])
    assert (None if i is None else toks[i].norm) == expected


# ---------------------------------------------------------------- a plan's table, in either language

_PLAN = {
    "kk": ("<table>\n<tr>\n<td>№</td>\n<td>Іс-шаралар</td>\n<td>Мерзімі</td>\n</tr>\n"
           "<tr>\n<td>1.</td>\n<td>Аудандарда іс-әрекеттер жоспарын жасау</td>\n<td>1998 ж.</td>\n</tr>\n"
           "<tr>\n<td>2.</td>\n<td>Аумақтарды егумен қамту жөнінде ай сайын талдау жасау</td>\n<td>1999 ж.</td>\n</tr>\n"
           "<tr>\n<td>3.</td>\n<td>Құқықтық ақпарат беру</td>\n<td>2000 ж.</td>\n</tr>\n</table>\n"),
    "ru": ("<table>\n<tr>\n<td>№</td>\n<td>Мероприятия</td>\n<td>Сроки</td>\n</tr>\n"
           "<tr>\n<td>1.</td>\n<td>Разработать план действий в районах</td>\n<td>1998 г.</td>\n</tr>\n"
           "<tr>\n<td>2.</td>\n<td>Ежемесячно проводить анализ охвата прививками</td>\n<td>1999 г.</td>\n</tr>\n"
           "<tr>\n<td>3.</td>\n<td>Правовое информирование</td>\n<td>2000 г.</td>\n</tr>\n</table>\n"),
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_recommendations_plan_rows_are_directives_in_both_languages(lang):
    """A numbered row's cell that names a measure (Russian infinitive, Kazakh verbal noun acting on
    something) is a directive whatever the model says; a service's name is not; a row's number
    and its term are no recommendations."""
    recs = extract_recommendations(process(_PLAN[lang], source_id="plan"))
    assert len(recs) == 2
    assert all(r.kind == "directive" and r.score == 1.0 for r in recs)
    assert not any(t in r.text for r in recs for t in ("ақпарат беру", "информирование", "1998", "1."))


def test_recommendations_plan_cell_needs_a_numbered_row():
    """The same cell in a table's heading row (no number before it) is left to the model."""
    text = "<table>\n<tr>\n<td>Аудандарда іс-әрекеттер жоспарын жасау</td>\n<td>1998 ж.</td>\n</tr>\n</table>\n"
    a = process(text, source_id="head")
    assert not any(it.order for it in R.sentence_items(a))


def test_recommendations_number_cells_are_no_list_items():
    """A list opened inside a cell ends with the cell; a cell holding a row's number is no item."""
    text = ("<table>\n<tr>\n<td>22.</td>\n<td>Рекомендовать акимам восстановить санаторные группы в районах:</td>\n"
            "<td>Аксуский - 35 мест</td>\n<td>Акимы районов</td>\n</tr>\n"
            "<tr>\n<td>23.</td>\n<td>до 1.08.98г.</td>\n<td>Главные врачи районов</td>\n</tr>\n</table>\n")
    recs = extract_recommendations(process(text, source_id="t"))
    assert [r.text[:13] for r in recs] == ["Рекомендовать"]


def test_recommendations_ru_intro_needs_a_word_of_obligation():
    """``должности`` is no ``должны``: its list is not a list of demands."""
    text = ("3. Оценка проводится по результатам деятельности служащего на занимаемой должности:\n\n"
            "1) по итогам квартала - не позднее десятого числа месяца;\n\n"
            "2) по итогам года - не позднее двадцать пятого декабря.\n")
    assert extract_recommendations(process(text, source_id="t")) == []


@pytest.mark.parametrize("text,expected", [
    ("Жас отбасының қуанышына әріптестері де құтты болсын айта келді.", False),  # a wish
    ("Аудан әкімдері облыс әкімшілігіне мәлімет беретін болсын.", True),         # an order
])
def test_recommendations_kk_wish_is_no_order(text, expected):
    a = process(text, source_id="t", stages=())
    toks = [t for s in a.sentences for t in a.tokens_of(s.sent_id)]
    forms = R.directive_forms([t.norm for t in toks], [t.lemma for t in toks], [t.upos for t in toks],
                              [t.feats for t in toks], "kk")
    assert any(toks[i].lemma == "бол" for i in forms) == expected


def test_recommendations_signature_in_bold_is_no_list_item():
    """``**Аким области**`` is Markdown emphasis, not a ``*`` bullet: the signature after a list of
    recommendations is no item of it."""
    assert R.marker("**М.Хасенов**") is None and R.marker("* пункт") == "dash"
    text = ("# О бюджете области\n\nВо исполнение Закона о бюджетной системе областной Маслихат решил:\n\n"
            "1. Утвердить областной бюджет на 2001 год согласно приложению.\n\n2. Рекомендовать Акиму области:\n\n"
            "- определить лимит численности исполнительных органов;\n\n- обеспечить финансирование мероприятий.\n\n"
            "**Председатель сессии областного Маслихата**\n\n**М.Хасенов**\n")
    recs = extract_recommendations(process(text, source_id="t"))
    assert recs and not any("Хасенов" in r.text or "Председатель" in r.text for r in recs)


@pytest.mark.parametrize("lang,text", [
    ("kk", "Заңға өзгерістер енгізу қажет."),
    ("kk", "Бүгін облыста жаңа мектеп ашылды."),
    ("ru", "Предлагаем закрепить эту норму в законе."),
    ("ru", "Следует отметить, что закон принят."),
    ("ru", "Вчера в городе открылась новая школа."),
])
def test_recommendation_cues_joined_pattern_finds_a_sentence_iff_one_cue_does(lang, text):
    # the sentences without a cue are skipped by one search of all cue patterns joined
    from pipeline.extract import rec_cues

    low = text.lower()
    one = any(rx.search(low) for rx in rec_cues._regexes(lang, "cues"))
    assert (rec_cues._any_cue(lang).search(low) is not None) == one


# ---------------------------------------------------------------- an intro that orders its items

_ORDER_LIST = {
    "ru": ("ПРИКАЗЫВАЮ:\n\n1. Утвердить прилагаемые Правила.\n\n"
           "2. Департаменту юстиции обеспечить:\n\n"
           "1) государственную регистрацию настоящего приказа;\n\n"
           "2) размещение настоящего приказа на интернет-ресурсе министерства.\n\n"
           "3. Контроль за исполнением настоящего приказа возложить на заместителя министра.\n"),
    "kk": ("БҰЙЫРАМЫН:\n\n1. Қоса беріліп отырған Қағидалар бекітілсін.\n\n"
           "2. Әділет департаменті:\n\n"
           "1) осы бұйрықтың мемлекеттік тіркелуін;\n\n"
           "2) осы бұйрықтың министрліктің интернет-ресурсында орналастырылуын қамтамасыз етсін.\n\n"
           "3. Осы бұйрықтың орындалуын бақылау министрдің орынбасарына жүктелсін.\n"),
}


def test_recommendations_ordering_intro_and_its_items_count_as_the_items():
    """Russian opens the order (``обеспечить: 1) ...; 2) ...``), Kazakh closes it (``1) ...; 2) ...
    қамтамасыз етсін``): one record per item in both, the Russian intro joined to its first item."""
    got = {lang: extract_recommendations(process(text, source_id="t", stages=())) for lang, text in _ORDER_LIST.items()}
    assert len(got["ru"]) == len(got["kk"]) == 4
    assert all(r.kind == "directive" for recs in got.values() for r in recs)
    joined = got["ru"][1]
    assert joined.text.startswith("Департаменту юстиции обеспечить") and "регистрацию" in joined.text
    assert got["ru"][2].text.startswith("размещение") and got["ru"][2].score == 1.0


def test_recommendations_rule_stated_by_an_intro_is_one_order():
    """``Установить, что ... за счет:`` states one rule whose list is its content, and a sum of money
    is a figure of an order: no item becomes an order of its own."""
    v = R.SentenceView(None, "Установить, что доходы бюджетов районов формируются за счет:", [], [], [], [], [])
    assert not R.orders_objects(v, "ru")
    v = R.SentenceView(None, "Кірістері мына түсімдерден қалыптасады деп белгіленсін:", [], [], [], [], [])
    assert not R.orders_objects(v, "kk")
    v = R.SentenceView(None, "Күші жойылды деп танылсын:", [], [], [], [], [])
    assert R.orders_objects(v, "kk")  # the formula that voids acts: its items are the acts voided
    item = R.SentenceView(None, "- учреждений образования в сумме 2609757 тыс.тенге;", [], [], [], [], [])
    assert not R.order_part(item, "ru")
    assert R.order_part(R.SentenceView(None, "1) государственную регистрацию;", [], [], [], [], []), "ru")


def test_recommendations_kk_clause_final_jussive_read_as_a_noun():
    """Kazakh is verb-final: the word before the stop in the jussive ending is the order, even where
    the tagger reads its stem as a noun or adjective (қара- "review" / қара "black")."""
    a = process("Комитет жолаушылар тасымалдау тарифтерін қайта қарасын.", source_id="t", stages=())
    toks = [t for s in a.sentences for t in a.tokens_of(s.sent_id)]
    got = R.directive_forms([t.norm for t in toks], [t.lemma for t in toks], [t.upos for t in toks],
                            [t.feats for t in toks], "kk")
    assert [toks[i].norm for i in got] == ["қарасын"]
