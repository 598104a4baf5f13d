"""Organisations: hand-written Kazakh, Russian and English cases for every rule."""
from __future__ import annotations

import pytest

from pipeline.extract import kk_ner
from pipeline.extract.organisations import (
    complete_ru_spans, extract_organisations, find_urls, initials, key_word, nominative_kk,
    nominative_ru,
)
from pipeline.model import Analysis, Source
from pipeline.normalize import normalize


def analyse(text: str) -> Analysis:
    return Analysis(source=Source("t.txt", "t", "", "txt", "utf-8", text), view=normalize(text))


def orgs(text: str, **kw):
    kw.setdefault("use_crf", False)
    return extract_organisations(analyse(text), **kw)


def by_name(found, canonical):
    hits = [o for o in found if o.canonical == canonical]
    assert hits, f"{canonical!r} not in {[o.canonical for o in found]}"
    assert len(hits) == 1
    return hits[0]


@pytest.mark.parametrize("text,canonical,legal_form", [
    # «...» РҚҰ: quoted name, legal form after
    ("«Медиацияны дамыту орталығы» РҚҰ 2015 жылы құрылды.", "Медиацияны дамыту орталығы", "РҚҰ"),
    # РҚҰ «...»: legal form before, case ending inside the quotes
    ("Біз РҚҰ «Медиацияны дамыту орталығының» есебін қарадық.", "Медиацияны дамыту орталығы", "РҚҰ"),
    # «...» ҚҰ
    ("Ауылда «Бірлік» ҚҰ жұмыс істейді.", "Бірлік", "ҚҰ"),
    # ЖШС with a case ending on the legal form
    ("Келісімге «Алем Консалтинг» ЖШС-мен қол қойылды.", "Алем Консалтинг", "ЖШС"),
    # a quoted name ending in a head noun, no legal form
    ("Ол «Халықаралық құқық қорғау орталығы» туралы айтты.", "Халықаралық құқық қорғау орталығы", None),
    # a descriptor ending in a head noun after the quote
    # the descriptor after a quoted name is not part of the name (it goes to ``descriptor``)
    ("Кездесуге «Нұр Отан» партиясының өкілдері келді.", "Нұр Отан", None),
    ("Сондай-ақ «Келісу» кәсіби медиаторлар одағы қатысты.", "Келісу", None),
    # an unquoted name ending in a head noun, in a case form
    ("Деректерді Ұлттық экономика министрлігінің сайтынан алдық.", "Ұлттық экономика министрлігі", None),
    ("Зерттеу Назарбаев университетінде жүргізілді.", "Назарбаев университеті", None),
    ("Бұл жұмысты Қазақстан Халқы Ассамблеясына тапсырды.", "Қазақстан Халқы Ассамблеясы", None),
    ("Есепті Білім және ғылым министрлігі дайындады.", "Білім және ғылым министрлігі", None),
])
def test_organisations_kk_forms(text, canonical, legal_form):
    o = by_name(orgs(text), canonical)
    assert o.legal_form == legal_form
    assert o.lang == "kk"


@pytest.mark.parametrize("text,canonical", [
    # a Latin-script (transliterated) name in quotes, in a table row
    ("3 «Astana zangerlik jane mediatsiia ortalygy» 9", "Astana zangerlik jane mediatsiia ortalygy"),
    ("Кестеде «Astana- zangerlik jane mediatsiia ortalygy» бар.",
     "Astana- zangerlik jane mediatsiia ortalygy"),
])
def test_organisations_latin_script_names(text, canonical):
    by_name(orgs(text), canonical)


def test_organisations_kk_case_forms_and_abbreviation_merge():
    text = ("Қазақстан Халқы Ассамблеясы маңызды рөл атқарады. ҚХА-ның міндеті қоғамдық келісім. "
            "Ассамблеяның жұмысы артты. Қазақстан Халықтар Ассамблеясы форум өткізді. "
            "ҚХА медиаторларды даярлайды.")
    found = orgs(text)
    assert len(found) == 1
    o = found[0]
    assert o.abbr == "ҚХА"
    assert {"Қазақстан Халқы Ассамблеясы", "Қазақстан Халықтар Ассамблеясы", "Ассамблеяның",
            "ҚХА-ның", "ҚХА"} <= set(o.aliases)
    assert len(o.mentions) == 5


def test_organisations_kk_similar_names_kept_apart():
    text = ("«Медиацияны дамыту орталығы» РҚҰ және «Медиацияны дамыту орталығы» Ассоциациясы "
            "бірлесіп жұмыс істейді. РҚҰ «Медиацияны дамыту орталығымен» келісім жасалды.")
    found = orgs(text)
    kinds = sorted((o.canonical, o.legal_form or "", o.descriptor or "") for o in found)
    assert kinds == [("Медиацияны дамыту орталығы", "", "ассоциация"),
                     ("Медиацияны дамыту орталығы", "РҚҰ", "")]
    rqu = [o for o in found if o.legal_form == "РҚҰ"][0]
    assert len(rqu.mentions) == 2


@pytest.mark.parametrize("text,abbr,canonical", [
    # defined in brackets
    ("Ұлттық кәсіпкерлер палатасы (ҰКП) жиын өткізді. ҰКП өкілі сөйледі.", "ҰКП",
     "Ұлттық кәсіпкерлер палатасы"),
    # the initials of a name in the same text
    ("Еуразиялық экономикалық одақ туралы. ЕЭО елдері келісті.", "ЕЭО", "Еуразиялық экономикалық одақ"),
    # Russian
    ("Ассамблея народа Казахстана провела сессию. АНК поддержала инициативу.", "АНК",
     "Ассамблея народа Казахстана"),
])
def test_organisations_abbreviation_linked(text, abbr, canonical):
    o = by_name(orgs(text), canonical)
    assert o.abbr == abbr
    assert any(m.text.startswith(abbr) for m in o.mentions)


@pytest.mark.parametrize("text", [
    "Елбасы медиация мәселесіне үлкен зер салды.",
    "БАҚ-ы арқылы насихаттау қажет.",
    "ЖОО -да кәсіби медиаторларды дайындау керек.",
    "Билік органдарына ұсыныс жасаймыз.",
    "Оның құрылымдары: медиация кеңестері, қоғамдық келісім кеңестері.",
    "Қазақстан Республикасы жаһандану процесінің субъектісі.",
    "Медиациялық орталықтардың жұмысын насихаттау қажет.",
    "Ұлыбританияда 89%, АҚШ-та 90%.",
    "Электронные СМИ, такие как новостные порталы.",
])
def test_organisations_not_organisations(text):
    assert orgs(text) == []


@pytest.mark.parametrize("text,url,canonical", [
    # a table row: name, a number, the site
    ("1 «Халықаралық құқық қорғау орталығы» ҚҰ 31 http://www.mpc-\n\ninfo.kz/kk/\n2 келесі",
     "http://www.mpc-info.kz/kk/", "Халықаралық құқық қорғау орталығы"),
    ("Сайты: «Медиацияны дамыту орталығы» РҚҰ 89 http://mediator-kz.com/",
     "http://mediator-kz.com/", "Медиацияны дамыту орталығы"),
    ("Подробнее: ТОО «Ромашка», сайт www.romashka.kz.", "www.romashka.kz", "Ромашка"),
])
def test_organisations_url_attached(text, url, canonical):
    o = by_name(orgs(text), canonical)
    assert o.url == url


def test_organisations_url_goes_to_its_row():
    text = ("1 «Алтын» ҚҰ 5 www.altyn.kz\n2 «Күміс» ҚҰ 7 www.kumis.kz")
    found = orgs(text)
    assert {o.canonical: o.url for o in found} == {"Алтын": "www.altyn.kz", "Күміс": "www.kumis.kz"}


@pytest.mark.parametrize("text,canonical,legal_form", [
    ("Ассамблея народа Казахстана провела сессию в Астане.", "Ассамблея народа Казахстана", None),
    ("Министерство юстиции Республики Казахстан сообщило об этом.",
     "Министерство юстиции Республики Казахстан", None),
    ("Это заявили в Министерстве иностранных дел РФ.", "Министерство иностранных дел РФ", None),
    ("Договор подписало ТОО «Ромашка».", "Ромашка", "ТОО"),
])
def test_organisations_ru_whole_names(text, canonical, legal_form):
    o = by_name(orgs(text), canonical)
    assert o.legal_form == legal_form
    assert o.lang == "ru"


@pytest.mark.parametrize("text,canonical", [
    ("The Ministry of Justice supports mediation.", "Ministry of Justice"),
    ("It was discussed at the Assembly of People of Kazakhstan.", "Assembly of People of Kazakhstan"),
])
def test_organisations_en_names(text, canonical):
    by_name(orgs(text), canonical)


@pytest.mark.parametrize("word,nominative", [
    ("Ассамблеясының", "Ассамблеясы"), ("орталығымен", "орталығы"), ("Үкіметтің", "Үкімет"),
    ("министрлігінде", "министрлігі"), ("ҚХА-ның", "ҚХА"), ("палата", "палата"),
])
def test_organisations_kk_nominative(word, nominative):
    assert nominative_kk(word) == nominative


@pytest.mark.parametrize("a,b", [("Халқы", "Халықтар"), ("орталығының", "орталығы"),
                                 ("Ассамблеяның", "Ассамблеясы")])
def test_organisations_key_word_merges_forms(a, b):
    assert key_word(a) == key_word(b)


@pytest.mark.parametrize("phrase,nominative", [
    ("Министерства юстиции", "Министерство юстиции"),
    ("Государственной думы", "Государственная дума"),
    ("Ассамблее народа Казахстана", "Ассамблея народа Казахстана"),
])
def test_organisations_ru_nominative(phrase, nominative):
    assert nominative_ru(phrase) == nominative


@pytest.mark.parametrize("text,spans,expected", [
    # ORG + genitive place
    ("Министерство юстиции Республики Казахстан", [(0, 20, "ORG"), (21, 41, "LOC")],
     ["Министерство юстиции Республики Казахстан"]),
    # a known organisation that NER calls a place
    ("Евросоюз принял решение", [(0, 8, "LOC")], ["Евросоюз"]),
    # a descriptor before the name is part of the mention
    ("акции компании Microsoft выросли", [(15, 24, "ORG")], ["компании Microsoft"]),
    # a parenthesised abbreviation is a mention of its own
    ("Комитет защиты журналистов (КЗЖ) заявил", [(0, 32, "ORG")], ["Комитет защиты журналистов", "КЗЖ"]),
    # not an organisation after шаттл
    ("шаттл «Дискавери» стартовал", [(7, 16, "ORG")], []),
])
def test_organisations_ru_completion(text, spans, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, spans)]
    assert sorted(got) == sorted(expected)


def test_organisations_initials():
    assert initials("Қазақстан Халқы Ассамблеясы") == "ҚХА"
    assert initials("Министерство труда и социальной защиты") == "МТСЗ"


def test_organisations_find_urls_joins_broken_lines():
    assert find_urls("сайт http://mediation- soglasie.vprave.kz 2") == [
        (5, 41, "http://mediation-soglasie.vprave.kz")]


def test_organisations_offsets_and_ids():
    text = ("Медиацияның дамуында Қазақстан Халқы Ассамблеясы маңызды рөл атқарады.\n"
            "Кестеде «Медиацияны дамыту \nорталығы» РҚҰ 89 http://mediator-kz.com/.\n\n"
            "Министерство юстиции Республики Казахстан поддержало закон.")
    found = orgs(text)
    assert len(found) == 3
    for n, o in enumerate(found, 1):
        assert o.org_id == f"t:o{n}"
        assert o.canonical and "«" not in o.canonical
        for m in o.mentions:
            assert text[m.start:m.end] == m.text
            assert m.doc_id


@pytest.mark.parametrize("text", ["", "   \n", "«»", "«", "ҚҚҚ ҚҚ Қ", "\x00\u200b😀 ☃ http://", "ТОО", "»«"])
def test_organisations_odd_input_never_raises(text):
    assert isinstance(orgs(text), list)


def test_organisations_crf_model_tags_kazakh_org():
    tagger = kk_ner.load_tagger()
    assert tagger is not None, "models/kk_org_crf.{json,npz} missing"
    words = "Денсаулық сақтау министрлігі жаңа ереже дайындады .".split()
    labels = tagger.tag(words)
    assert ("ORGANISATION", 0, 3) in kk_ner.spans(labels)


def test_organisations_crf_model_rule_features():
    """The shipped Kazakh model reads where the Kazakh rules put a name."""
    tagger = kk_ner.load_tagger()
    assert tagger is not None
    assert tagger.use_rules
    words = [w for _, _, w in kk_ner.tokenize("«Бөбек» қорының директоры сөз сөйледі.")]
    rules = kk_ner.rule_features(words)
    assert rules[1] and rules[1][0].startswith("rule=B-")  # the name inside the quotes
    feats = tagger.features(words)
    assert any(k.startswith("rule=") for k in feats[1])
    # word clusters (an experimental option of the trainer) add c<g>=<id> features
    with_cl = kk_ner.sentence_features(words, None, {kk_ner.stem("қорының"): (1, 2, 3)})
    assert "c1=2" in with_cl[3] and "c=none" in with_cl[0] and "-1:c2=3" in with_cl[4]
    assert kk_ner.rule_features([]) == []


@pytest.mark.parametrize("word,stem", [("орталығының", "орталығ"), ("Ассамблеясы", "ассамблея"),
                                       ("халықтар", "халық")])
def test_organisations_kk_stem(word, stem):
    assert kk_ner.stem(word) == stem


@pytest.mark.parametrize("word", ["орталығының", "министрлігі", "одағы", "Ассоциациясы", "кеңесі", "партиясы", "қоры", "агенттігі"])
def test_organisations_kk_heads(word):
    assert kk_ner.is_head(word)


def test_organisations_ru_sentences_batched_once(monkeypatch):
    calls = []
    from pipeline.extract import organisations as mod
    real = mod.load_ru_ner()

    class Spy:
        def map(self, texts):
            calls.append(len(texts))
            return real.map(texts)

    text = "Министерство юстиции сообщило.\nАссамблея народа Казахстана провела сессию."
    extract_organisations(analyse(text), use_crf=False, ru_ner=Spy())
    assert calls == [2]


@pytest.mark.parametrize("text", [
    # quoted titles and subjects are no organisations, whatever the tagger says
    "Сонымен бірге, «Саясаттану», «Халықаралық қатынастар» мамандықтары бойынша «Медиация» "
    "пәнін оқытуды ұсынамыз.",
    # a plural head names a class of organisations
    "№ Медиация орталықтарының атауы Кәсіби медиаторлар саны Сайты",
])
def test_organisations_crf_candidates_filtered(text):
    assert orgs(text, use_crf=True) == []


def test_organisations_sample_article():
    from pathlib import Path
    from pipeline import process
    path = Path(__file__).resolve().parent.parent / "corpus" / "000_c56d3abc32b6f588.txt"
    text = path.read_text(encoding="utf-8")
    a = process(text, source_id="s")
    found = extract_organisations(a)
    names = [o.canonical for o in found]
    kinds = [(o.canonical, o.legal_form, o.descriptor) for o in found]
    assert len(kinds) == len(set(kinds))
    # the Kazakh tagger decides the spans; the URLs go to the organisations it finds
    assert sum(o.url is not None for o in found) >= 2
    assert [o.abbr for o in found if o.abbr] == ["ҚХА"]
    assert sorted(o.legal_form for o in found if o.legal_form) == sorted(["ҚҰ", "РҚҰ"])
    lowered = " ".join(names).lower()
    for generic in ("бақ", "жоо", "елбасы", "билік органдары", "медиация кеңестері", "сми"):
        assert generic not in lowered.split() and generic not in names
    for o in found:
        for m in o.mentions:
            assert text[m.start:m.end] == m.text


def test_organisations_ru_crf_model_keeps_whole_names():
    """The Russian CRF (off by default) loads from JSON + npz and keeps a completed name whole."""
    from pipeline.extract import ru_ner
    from pipeline.resources import MODELS
    tagger = ru_ner.load_tagger(str(MODELS / ru_ner.MODEL_STEM))
    assert tagger is not None, "models/ru_org_crf.{json,npz} missing"
    assert ru_ner.load_tagger() is None  # not used unless enabled
    text = "Министерство юстиции Республики Казахстан сообщило об этом."
    spans = [(0, 20, "ORG"), (21, 41, "LOC")]
    got = ru_ner.org_spans(text, spans, complete_ru_spans(text, spans), tagger)
    assert [text[s:e] for s, e in got] == ["Министерство юстиции Республики Казахстан"]


@pytest.mark.parametrize("text, canonical, mentions", [
    # a name recurring without its descriptor joins the organisation
    ("Немецкий автомобильный концерн «Фольксваген» строит завод. В настоящее время "
     "«Фольксваген» имеет 3% рынка.", "Немецкий автомобильный концерн Фольксваген",
     ["Немецкий автомобильный концерн «Фольксваген", "Фольксваген"]),
    # a descriptor noun alone refers back to the organisation it headed
    ("Немецкий автомобильный концерн «Фольксваген» строит завод. Об этом заявил шеф концерна "
     "Бернд Пишетсридер.", "Немецкий автомобильный концерн Фольксваген",
     ["Немецкий автомобильный концерн «Фольксваген", "концерна"]),
    ("Сборная России по хоккею выиграла чемпионат. Путин поздравил сборную с победой.",
     "Сборная России по хоккею", ["Сборная России по хоккею", "сборную"]),
    # the original Latin-script name in brackets after the name
    ("Немецкий автомобильный концерн «Фольксваген» (Volkswagen) планирует построить завод.",
     "Немецкий автомобильный концерн Фольксваген",
     ["Немецкий автомобильный концерн «Фольксваген", "Volkswagen"]),
])
def test_organisations_ru_document_mentions(text, canonical, mentions):
    o = by_name(orgs(text), canonical)
    assert [m.text for m in o.mentions] == mentions


@pytest.mark.parametrize("text, absent", [
    # a name the document gives to a shuttle is no organisation anywhere in it
    ("Шаттл «Дискавери» стартовал. После «Дискавери» полетит другой корабль.", "Дискавери"),
    # a generic noun is not linked back: компания, банк are often some other organisation
    ("Компания «Ромашка» открыла офис. Крупнейший банк мира купил другую компанию.", "банк"),
    # a plural descriptor names a class
    ("Концерн «Фольксваген» строит завод. Долг государственных концернов растёт.", "концернов"),
])
def test_organisations_ru_document_mentions_not(text, absent):
    for o in orgs(text):
        assert absent not in [m.text for m in o.mentions]


@pytest.mark.parametrize("text, spans, expected", [
    # an organisation completed with another one in the genitive: both
    ("член Палаты представителей Конгресса США от штата",
     [(5, 26, "ORG"), (27, 36, "ORG"), (37, 40, "LOC")],
     ["Палаты представителей Конгресса США", "Конгресса США"]),
    ("директор Института этнологии и антропологии РАН", [(9, 43, "ORG"), (44, 47, "ORG")],
     ["Института этнологии и антропологии РАН", "РАН"]),
    # a known organisation that NER calls a place, after a generic head
    ("заявление администрации Кремля", [(24, 30, "LOC")], ["администрации Кремля", "Кремля"]),
    # a place in the genitive is no organisation of its own
    ("Министерство юстиции Республики Казахстан", [(0, 20, "ORG"), (21, 41, "LOC")],
     ["Министерство юстиции Республики Казахстан"]),
])
def test_organisations_ru_completion_nested(text, spans, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, spans, nested=True)]
    assert sorted(got) == sorted(expected)
    assert [text[s:e] for s, e in complete_ru_spans(text, spans)] == [expected[0]]


@pytest.mark.parametrize("text, spans, expected", [
    # descriptors: федерация, комиссия, комитет, служба, завод, магазин …
    ("президент международной шахматной федерации ФИДЕ", [(44, 48, "ORG")],
     ["международной шахматной федерации ФИДЕ"]),
    ("контакты с организаторами захвата завода Visteon в Белфасте", [(41, 48, "ORG")],
     ["завода Visteon"]),
    # a name in the genitive after it is the body the descriptor belongs to, not its name
    ("глава комитета Совета Федерации по экономической политике", [(15, 31, "ORG")],
     ["Совета Федерации"]),
])
def test_organisations_ru_descriptor_apposition(text, spans, expected):
    assert [text[s:e] for s, e in complete_ru_spans(text, spans)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Особенно печально, что японское правительство не только финансирует", ["японское правительство"]),
    ("Московские власти обещали, что велодорожка", ["Московские власти"]),
    ("отверг предложенную ему американскими властями сделку", ["американскими властями"]),
    # not a place adjective
    ("государственное правительство", []),
    # a span already found is left alone
    ("Российские власти", []),
])
def test_organisations_ru_adjective_heads(text, expected):
    from pipeline.extract.organisations import ru_adjective_heads
    taken = [(0, 17)] if text == "Российские власти" else []
    assert [text[s:e] for s, e in ru_adjective_heads(text, taken)] == expected


@pytest.mark.parametrize("text, spans, expected", [
    # a body of an organisation: the phrase and the organisation
    ("оправдываться перед комитетом ООН против пыток", [(30, 33, "ORG")],
     ["комитетом ООН", "ООН"]),
    # a descriptor in apposition: one mention
    ("акции компании Microsoft выросли", [(15, 24, "ORG")], ["компании Microsoft"]),
])
def test_organisations_ru_body_descriptors(text, spans, expected):
    assert sorted(text[s:e] for s, e in complete_ru_spans(text, spans, nested=True)) == sorted(expected)


def test_organisations_ru_adjective_heads_need_complement():
    from pipeline.extract.organisations import ru_adjective_heads
    text = "в российском министерстве финансов утверждают"
    assert ru_adjective_heads(text, []) == []


@pytest.mark.parametrize("text, spans, expected", [
    ("у здания мэрии Москвы на площади", [(15, 21, "LOC")], ["мэрии Москвы"]),
    ("В понедельник делегация США прибыла", [(24, 27, "LOC")], ["делегация США"]),
])
def test_organisations_ru_generic_head_places(text, spans, expected):
    assert [text[s:e] for s, e in complete_ru_spans(text, spans)] == expected


@pytest.mark.parametrize("text, expected", [
    # a quoted name after a body noun is an organisation of its own
    ("интервью Русской службе «Голоса Америки» лидер",
     ["Русской службе «Голоса Америки", "«Голоса Америки"]),
    # a descriptor + quoted name inside a longer name
    ("сопредседатель московского отделения движения «Солидарность» Михаил",
     ["московского отделения движения «Солидарность", "движения «Солидарность"]),
])
def test_organisations_ru_quoted_inner(text, expected):
    s = text.index(expected[0])
    spans = [(s, s + len(expected[0]), "ORG")]
    assert sorted(text[a:b] for a, b in complete_ru_spans(text, spans, nested=True)) == sorted(expected)


@pytest.mark.parametrize("text, spans, expected", [
    # the remit after по, the seat after при
    ("группа, включающая ГУ МЧС России по Санкт-Петербургу, была создана",
     [(19, 21, "ORG"), (22, 25, "ORG"), (26, 32, "LOC"), (36, 52, "LOC")],
     ["ГУ МЧС России по Санкт-Петербургу", "МЧС России"]),
    ("сообщил представитель Следственного комитета при прокуратуре Владимир Маркин",
     [(22, 44, "ORG"), (61, 76, "PER")], ["Следственного комитета при прокуратуре"]),
    ("заседание Совета при Президенте РФ по развитию информационного общества глава",
     [(10, 34, "ORG")], ["Совета при Президенте РФ по развитию информационного общества"]),
    # stops before a person
    ("начальника Главного управления МВД по Москве Юрия Девяткина",
     [(11, 34, "ORG"), (45, 59, "PER")], ["Главного управления МВД по Москве"]),
    # not after a bare abbreviation
    ("заместитель администратора НАСА по космическим полётам Билл", [(27, 31, "ORG")], ["НАСА"]),
    # what a body is against; a preposition after the run is no part of it
    ("выступил перед Комитетом ООН против пыток в Женеве", [(15, 28, "ORG"), (44, 50, "LOC")],
     ["Комитетом ООН против пыток"]),
])
def test_organisations_ru_remit(text, spans, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, spans, nested=True, extend=True)]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize("text", [
    "По сообщению российских СМИ, утром в понедельник ультраправые собрались у посольства.",
    "По сообщению оппозиционных СМИ Беларуси, после оглашения приговора начались протесты.",
])
def test_organisations_ru_not_org_with_place(text):
    assert not [o for o in orgs(text) if "СМИ" in o.canonical]


def test_organisations_ru_descriptor_and_bare_name_merge():
    found = orgs("Компания Vestas закрыла завод. Рабочий из цеха Vestas рассказал об этом.")
    o = by_name(found, "Компания Vestas")
    assert [m.text for m in o.mentions] == ["Компания Vestas", "Vestas"]


@pytest.mark.parametrize("text, spans, adds, blocks", [
    # a Latin-script source after a report verb or a source phrase
    ("Об этом сообщает newsportal.ru со ссылкой на полицию.", [], ["newsportal.ru"], []),
    ("Согласно Nielsen, продажи упали.", [], ["Nielsen"], []),
    ("По данным marketWatch, акции росли.", [], ["marketWatch"], []),
    # the object of a deal
    ("Сделка закрыта: покупка 2Wire обошлась в миллиард.", [], ["2Wire"], []),
    ("инвесторы скупали акции Tesla всю неделю", [], ["Tesla"], []),
    # the publisher between a piece of writing and its title; the title is no organisation
    ("Подробнее читайте в статье Новой газеты «Холодное лето» на сайте.", [],
     ["Новой газеты"], ["«Холодное лето»"]),
    # left alone: a Roman numeral, a Cyrillic source, a person natasha found, a span taken
    ("сообщает XX съезд", [], [], []),
    ("сообщает Марина", [], [], []),
    ("как сообщает John Smith, сделка", [(13, 23, "PER")], [], []),
    ("в статье Ивана Петрова «Зима» сказано", [(9, 22, "PER")], [], ["«Зима»"]),
    # after интервью the quote is the medium spoken to: it stays
    ("в интервью «Вечерней Москве» он сказал", [], [], []),
    # a quote right after the noun may be the publisher: nothing cleared
    ("в статье «Коммерсанта» говорится", [], [], []),
    # a platform where words are put is the medium, not an organisation: cleared
    ("Министр написал в Telegram, что встреча отменена.", [(18, 26, "ORG")], [], ["Telegram"]),
    ("Снимки появились в микроблоге Tumblr вчера.", [(30, 36, "ORG")], [], ["Tumblr"]),
    # a possessive between the preposition and the platform; a platform with its readers
    ("Мэр ответил в своём Telegram на вопросы.", [(20, 28, "ORG")], [], ["Telegram"]),
    ("У певицы 3 млн подписчиков в TikTok.", [(29, 35, "ORG")], [], ["TikTok"]),
    # the same platform acting, or after в without a verb of posting, stays
    ("Telegram заблокировал канал.", [(0, 8, "ORG")], [], []),
    ("Он работал в Yandex пять лет.", [(13, 19, "ORG")], [], []),
    # the elected body after the office of its member, with its level or its place
    ("Выступил депутат районного собрания села Ивановка Пётр Сидоров.", [(50, 62, "PER")],
     ["районного собрания села Ивановка"], []),
    ("Её избрали депутатом краевой думы.", [], ["краевой думы"], []),
    # a bare body names no level: left to news NER
    ("Он стал спикером парламента.", [], [], []),
])
def test_organisations_ru_context_spans(text, spans, adds, blocks):
    from pipeline.extract.organisations import ru_context_spans
    a, b = ru_context_spans(text, spans, [])
    assert [text[s:e] for s, e in a] == adds
    assert [text[s:e] for s, e in b] == blocks


def test_organisations_ru_context_spans_taken():
    from pipeline.extract.organisations import ru_context_spans
    text = "Согласно Nielsen, продажи упали."
    assert ru_context_spans(text, [], [(9, 16)]) == ([], [])


@pytest.mark.parametrize("text, spans, expected", [
    # later items of a list of quoted names after a noun that makes them no organisation
    ("в кинотеатрах «Родина», «Нева» и «Заря» пройдут показы",
     [(15, 21, "ORG"), (25, 29, "ORG"), (34, 38, "ORG")], []),
    ("стартуют шаттлы «Буран» (в мае) и «Энергия» (в июне)",
     [(17, 22, "ORG"), (35, 42, "ORG")], []),
    ("запланирован полёт «Прогресса» к станции", [(20, 29, "ORG")], []),
    # a list after a descriptor of organisations is left alone
    ("в партиях «Родина», «Яблоко» и «Заря» прошли съезды",
     [(11, 17, "ORG"), (21, 27, "ORG"), (32, 36, "ORG")], ["Яблоко", "Заря"]),
])
def test_organisations_ru_not_descriptor_lists(text, spans, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, spans)]
    assert [g for g in got if "Родина" not in g] == expected


def test_organisations_ru_list_start():
    from pipeline.extract.organisations import _ru_list_start
    text = "шаттлы «Буран» (в мае) и «Энергия» стартуют"
    s = text.index("Энергия")
    assert _ru_list_start(text, s) == text.index("«Буран")
    assert _ru_list_start(text, text.index("Буран")) == text.index("Буран")
    assert _ru_list_start("компания Microsoft", 9) == 9


def test_organisations_ru_document_not_names_listed():
    text = ("На орбиту полетят шаттлы «Буран» и «Энергия». После «Энергии» программа "
            "закончится.")
    for o in orgs(text):
        assert not any("Энерги" in m.text for m in o.mentions)


@pytest.mark.parametrize("text, spans, adds", [
    # a lower-case ministry named by its remit, with a place after it or an adjective before it
    ("Вчера министерство транспорта Чехии объявило тендер.", [(30, 35, "LOC")],
     ["министерство транспорта Чехии"]),
    ("В немецком министерстве юстиции отказались.", [], ["немецком министерстве юстиции"]),
    ("письмо из министерства внутренних дел РК пришло", [], ["министерства внутренних дел РК"]),
    ("министерству по делам гражданской обороны поручено", [],
     ["министерству по делам гражданской обороны"]),
    # left alone: no remit, a person after the remit, a capitalised name natasha found
    ("он вернулся в министерство, где работал", [], []),
    ("сотрудник министерства Иван Петров", [(23, 34, "PER")], []),
    ("глава министерства финансов Алексей Смирнов заявил", [(28, 43, "PER")],
     ["министерства финансов"]),
])
def test_organisations_ru_ministry_remit(text, spans, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, spans, [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, spans, expected", [
    # a kind of place in the genitive, then the place natasha found
    ("Решением Суда Ленинского района города Самары иск отклонён",
     [(9, 31, "ORG"), (39, 45, "LOC")], ["Суда Ленинского района города Самары"]),
    # not any word between: a verb or a preposition keeps them apart
    ("Суд Ленинского района отказал Самаре", [(0, 21, "ORG"), (30, 36, "LOC")],
     ["Суд Ленинского района"]),
])
def test_organisations_ru_place_kind_completion(text, spans, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, spans)]
    assert got == expected


@pytest.mark.parametrize("text, spans, adds", [
    # an ordinal, adjectives and the noun of a numbered body, with whose body it is
    ("Командир 21-й долговременной экспедиции вернулся", [], ["21-й долговременной экспедиции"]),
    ("в составе восьмой экспедиции МКС работали", [(29, 32, "ORG")], ["восьмой экспедиции МКС"]),
    ("служил в 5-й танковой армии", [], ["5-й танковой армии"]),
    # left alone: an ordinal before other nouns, a verb between, a person
    ("в третьей главе книги", [], []),
    ("на 2-й день экспедиции", [], []),
    ("первой ушла армия", [], []),
])
def test_organisations_ru_numbered_bodies(text, spans, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, b = ru_context_spans(text, spans, [(s, e) for s, e, _ in spans])
    assert [text[s:e] for s, e in a] == adds


def test_organisations_ru_numbered_body_ordinal_before_org():
    text = "части 3-го Белорусского фронта наступали"
    spans = [(11, 30, "ORG")]
    assert [text[s:e] for s, e in complete_ru_spans(text, spans)] == ["3-го Белорусского фронта"]


@pytest.mark.parametrize("text, absent", [
    # a name under a motto or in a settlement is no organisation anywhere in the document
    ("Кампания идёт под девизом Big Change. Сайт Big Change открыт.", "Big Change"),
    ("Завод строят в посёлке Заречный. Рабочие едут в Заречный каждый день.", "Заречный"),
])
def test_organisations_ru_not_descriptor_nouns(text, absent):
    for o in orgs(text):
        assert absent not in [m.text for m in o.mentions]


def test_organisations_ru_not_descriptor_same_sentence():
    from pipeline.extract.organisations import ru_document_mentions  # noqa: F401
    # a non-organisation noun ending the sentence before does not describe the next name
    text = ("Акция прошла в городе. «Яблоко» провело митинг. Партия «Яблоко» довольна.")
    assert any("Яблоко" in m.text for o in orgs(text) for m in o.mentions)


def _spans_of(text, names):
    out = []
    for name, typ in names:
        s = text.index(name)
        out.append((s, s + len(name), typ))
    return out


@pytest.mark.parametrize("text, names, expected", [
    # a body noun before an organisation in the genitive: the body and the organisation
    ("Доклад направлен в антимонопольную комиссию Европейского союза вчера",
     [("Европейского союза", "ORG")],
     ["антимонопольную комиссию Европейского союза", "Европейского союза"]),
    ("Об этом сообщила пресс-служба Национальной хоккейной лиги.",
     [("Национальной хоккейной лиги", "ORG")],
     ["пресс-служба Национальной хоккейной лиги", "Национальной хоккейной лиги"]),
    ("Решение принял президиум Российской академии наук на заседании",
     [("Российской академии наук", "ORG")],
     ["президиум Российской академии наук", "Российской академии наук"]),
    ("Он был членом наблюдательного совета Сбербанка до 2015 года",
     [("Сбербанка", "ORG")], ["наблюдательного совета Сбербанка", "Сбербанка"]),
    ("Он окончил исторический факультет Казанского университета в 1990 году",
     [("Казанского университета", "ORG")],
     ["исторический факультет Казанского университета", "Казанского университета"]),
    # with the remit after it
    ("глава комитета Государственной думы по бюджету Иван Петров",
     [("Государственной думы", "ORG"), ("Иван Петров", "PER")],
     ["комитета Государственной думы по бюджету", "Государственной думы"]),
    # other descriptors are still not prepended to a genitive name
    ("встреча с представителями Конгресса США прошла", [("Конгресса США", "ORG")],
     ["Конгресса США"]),
])
def test_organisations_ru_body_of_genitive_org(text, names, expected):
    spans = _spans_of(text, names)
    got = [text[s:e] for s, e in complete_ru_spans(text, spans, nested=True, extend=True)]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize("text, names, adds", [
    # the press office of a person or of an office is an organisation
    ("Пресс-служба Собянина сообщила о переносе", [("Собянина", "PER")],
     ["Пресс-служба Собянина"]),
    ("как сообщила пресс-служба губернатора Самарской области, решение принято",
     [("Самарской области", "LOC")], ["пресс-служба губернатора Самарской области"]),
    ("Об этом сообщила пресс-служба премьер-министра.", [], ["пресс-служба премьер-министра"]),
    # not when a verb or a preposition follows
    ("пресс-служба сообщила об этом", [], []),
    ("в пресс-службе нам ответили", [], []),
])
def test_organisations_ru_press_office(text, names, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, _spans_of(text, names), [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, present", [
    # a Russian legal form of a state body before a quoted name
    ("Воду проверяет ГУП «Мосводоканал» каждую неделю.", "ГУП «Мосводоканал»"),
    ("Занятия ведёт МБУ «Центр досуга» в субботу.", "МБУ «Центр досуга»"),
])
def test_organisations_ru_state_legal_forms(text, present):
    assert present.rstrip("»") in [m.text.rstrip("»") for o in orgs(text) for m in o.mentions]


@pytest.mark.parametrize("text, present, absent", [
    # a name in the genitive after a non-organisation noun owns the thing: it stays
    ("Пробы берёт станция «Мосводоканала» у реки. ГУП «Мосводоканал» их проверяет.",
     "ГУП «Мосводоканал»", None),
    # an apposition after such a noun still names the thing, not an organisation
    ("Экипаж станции «Мир» вернулся. «Мир» работал 15 лет.", None, "Мир"),
])
def test_organisations_ru_possessor_after_not_descriptor(text, present, absent):
    found = [m.text for o in orgs(text) for m in o.mentions]
    if present:
        assert present in found
    if absent:
        assert not any(absent in f for f in found)


@pytest.mark.parametrize("text, adds", [
    # a descriptor noun (and its adjectives) before a quoted name
    ("Лидер молодёжной партии «Free Minds» выступил", ["молодёжной партии «Free Minds»"]),
    ("Газета «Новая жизнь» пишет об этом", ["Газета «Новая жизнь»"]),
    # not a lower-case quote, not a body noun, not a non-descriptor
    ("компания «по-прежнему» молчит", []),
    ("книга «Война и мир» вышла", []),
])
def test_organisations_ru_descriptor_quote(text, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, [], [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, names, adds", [
    # a government or an administration named after its head
    ("Правительство Мишустина утвердило план", [("Мишустина", "PER")],
     ["Правительство Мишустина"]),
    ("сообщили в администрации губернатора Кузнецова вчера", [("Кузнецова", "PER")],
     ["администрации губернатора Кузнецова"]),
    ("на заседании кабинета Шольца решили", [("Шольца", "PER")], ["кабинета Шольца"]),
    # without a person it is left to the other rules
    ("администрации президента стало известно", [], []),
    ("Кабинет Иванов покинул в шесть", [("Иванов", "PER")], []),
])
def test_organisations_ru_body_of_head(text, names, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, _spans_of(text, names), [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, names, adds", [
    # a foreign name in apposition after a descriptor, missed or misread by news NER
    ("пилоты команды Уильямс-Рено финишировали", [("Уильямс-Рено", "LOC")],
     ["команды Уильямс-Рено"]),
    ("Дети из центра Эль-Шарк поступают в гимназии", [("Эль-Шарк", "LOC")],
     ["центра Эль-Шарк"]),
    ("Он вступил в профсоюз Юнайт весной", [], ["профсоюз Юнайт"]),
    # a place in the genitive owns what the noun names; a person; a dictionary word
    ("Он работает в центре Москвы", [("Москвы", "LOC")], []),
    ("акции компании Петрова", [("Петрова", "PER")], []),
    ("В центре Внимания", [], []),
])
def test_organisations_ru_descriptor_name(text, names, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, _spans_of(text, names), [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, names, adds", [
    # a government office named by its adjectives, with the country after it
    ("глава внешнеполитического ведомства Франции заявил", [("Франции", "LOC")],
     ["внешнеполитического ведомства Франции"]),
    ("налоговое ведомство направило запрос", [], ["налоговое ведомство"]),
    ("Вчера государственный департамент США выслал ноту", [("США", "LOC")],
     ["государственный департамент США"]),
    # not without an adjective, not after a pronoun, not a plural class of offices
    ("ведомство направило запрос", [], []),
    ("Именно это ведомство стало", [], []),
    ("силовые ведомства вели дело", [], []),
])
def test_organisations_ru_office_adjectives(text, names, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, _spans_of(text, names), [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, names, adds", [
    # a diplomatic mission named by where it is
    ("пикет прошёл у китайского посольства в Берлине вечером", [("Берлине", "LOC")],
     ["китайского посольства в Берлине"]),
    ("открытие постоянного представительства в Казани", [("Казани", "LOC")],
     ["постоянного представительства в Казани"]),
    # not a mission (a task) and not without a place natasha found
    ("миссия в Сирии завершена", [("Сирии", "LOC")], []),
    ("посольство в пятницу закрыто", [], []),
])
def test_organisations_ru_mission_place(text, names, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, _spans_of(text, names), [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, names, adds", [
    # an Arabic name with its article, capitalised mid-sentence
    ("в эфире Аль-Арабии сообщили о переговорах", [], ["Аль-Арабии"]),
    ("боевики Аль-Шабаб напали на базу", [], ["Аль-Шабаб"]),
    # run into the person after it by news NER
    ("лидер Аль-Каиды Айман аз-Завахири заявил", [("Аль-Каиды Айман аз-Завахири", "PER")],
     ["Аль-Каиды"]),
    # part of a person's name, or the person itself
    ("президент Абдель Фаттах Аль-Сиси заявил", [], []),
    ("глава МИД Аль-Малики прибыл", [("Аль-Малики", "PER")], []),
])
def test_organisations_ru_arabic_article_names(text, names, adds):
    from pipeline.extract.organisations import ru_context_spans
    a, _ = ru_context_spans(text, _spans_of(text, names), [])
    assert [text[s:e] for s, e in a] == adds


@pytest.mark.parametrize("text, names, expected", [
    # the person a body is named after, also when news NER stops at им.
    ("солисты Театра им. Евгения Вахтангова выступили",
     [("Театра им.", "ORG"), ("Евгения Вахтангова", "PER")], ["Театра им. Евгения Вахтангова"]),
    ("в Музее имени Андрея Рублёва открыта выставка",
     [("Музее", "ORG"), ("Андрея Рублёва", "PER")], ["Музее имени Андрея Рублёва"]),
    # the number of a convocation
    ("депутаты Государственной думы восьмого созыва собрались",
     [("Государственной думы", "ORG")], ["Государственной думы восьмого созыва"]),
    ("члены Верховного совета 12-го созыва", [("Верховного совета", "ORG")],
     ["Верховного совета 12-го созыва"]),
    # not any word before созыва
    ("депутаты Государственной думы нового созыва", [("Государственной думы", "ORG")],
     ["Государственной думы"]),
])
def test_organisations_ru_named_after_and_convocation(text, names, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, _spans_of(text, names), nested=True,
                                                   extend=True)]
    assert got == expected


def test_organisations_ru_no_sentence_break_after_initial_or_im():
    text = "Спектакль покажут в Театре им. Йозефа Бойса в Берлине."
    found = [m.text for o in orgs(text) for m in o.mentions]
    assert not any(f.endswith("им.") for f in found)


@pytest.mark.parametrize("text, names, expected", [
    # a plural descriptor names a class the organisation is one of
    ("глава отдела серверов и сетей IBM рассказал", [("IBM", "ORG")], ["IBM"]),
    # but coordinated names after it, or a descriptor before it, keep it
    ("слияние компаний Dell и EMC", [("Dell", "ORG"), ("EMC", "ORG")],
     ["компаний Dell", "EMC"]),
    ("акции группы компаний Michelin", [("Michelin", "ORG")], ["группы компаний Michelin"]),
])
def test_organisations_ru_plural_descriptor(text, names, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, _spans_of(text, names), nested=True,
                                                   extend=True)]
    assert got == expected


@pytest.mark.parametrize("text, names, expected", [
    # a person's title that news NER read as an organisation of its own, or took into one
    ("Замглавы Федеральной налоговой службы Иван Петров заявил",
     [("Замглавы", "ORG"), ("Федеральной налоговой службы", "ORG"), ("Иван Петров", "PER")],
     ["Федеральной налоговой службы"]),
    ("Председатель Союза журналистов Олег Смирнов выступил",
     [("Председатель Союза журналистов", "ORG"), ("Олег Смирнов", "PER")],
     ["Союза журналистов"]),
    # a pronoun at the start of a sentence that news NER read as an organisation
    ("Её поддержал съезд партии.", [("Её", "ORG")], []),
    ("Эта компания выросла.", [("Эта", "ORG")], []),
    # a name that is no title stays whole
    ("Банк развития Казахстана выдал кредит", [("Банк развития Казахстана", "ORG")],
     ["Банк развития Казахстана"]),
])
def test_organisations_ru_person_title_or_pronoun_left_out(text, names, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, _spans_of(text, names), nested=True,
                                                   extend=True)]
    assert got == expected


@pytest.mark.parametrize("text, names, expected", [
    # relational adjectives before a name that starts with a capitalised descriptor
    ("решение государственной Комиссии по делам молодёжи вступило в силу",
     [("Комиссии по делам молодёжи", "ORG")], ["государственной Комиссии по делам молодёжи"]),
    ("сотрудник епархиального Отдела по связям с общественностью",
     [("Отдела по связям с общественностью", "ORG")],
     ["епархиального Отдела по связям с общественностью"]),
    # qualitative, pronominal and time adjectives are not part of the name
    ("решение новой Комиссии по делам молодёжи", [("Комиссии по делам молодёжи", "ORG")],
     ["Комиссии по делам молодёжи"]),
    ("решение этой Комиссии по делам молодёжи", [("Комиссии по делам молодёжи", "ORG")],
     ["Комиссии по делам молодёжи"]),
    ("члены бывшей Комиссии по делам молодёжи", [("Комиссии по делам молодёжи", "ORG")],
     ["Комиссии по делам молодёжи"]),
    # nor before a name that does not start with a descriptor
    ("акции государственной Роснефти выросли", [("Роснефти", "ORG")], ["Роснефти"]),
])
def test_organisations_ru_relational_adjectives_before_descriptor(text, names, expected):
    got = [text[s:e] for s, e in complete_ru_spans(text, _spans_of(text, names), nested=True,
                                                   extend=True)]
    assert got == expected


# an invented article opening: the affiliation line names the author's institution
@pytest.mark.parametrize("text, canonical", [
    ("Тарихи сана және ұлттық бірегейлік\n\nА. Б. Сәрсенов\n"
     "Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан\ne-mail: a@b.kz\n\n"
     "Аңдатпа. Мақалада Қазақстан Республикасының Үкіметі туралы айтылады.\n",
     "Әл-Фараби атындағы Қазақ ұлттық университеті"),
])
def test_organisations_affiliation_role(text, canonical):
    from pipeline import process
    a = process(text)
    roles = {o.canonical: o.role for o in a.organisations}
    assert roles.get(canonical) == "affiliation", roles
    assert [r for c, r in roles.items() if c != canonical] == [None] * (len(roles) - 1)


@pytest.mark.parametrize("text, descriptor, legal_form, mention", [
    ("Ол «Қазақмыс» корпорациясына барды.", "корпорация", None, "Қазақмыс"),
    ("«Самұрық» АҚ жұмыс істейді.", None, "АҚ", "Самұрық"),
])
def test_organisations_quoted_name_without_descriptor(text, descriptor, legal_form, mention):
    found = orgs(text, use_crf=True)
    assert [(o.descriptor, o.legal_form, [m.text for m in o.mentions]) for o in found] == [
        (descriptor, legal_form, [mention])]


@pytest.mark.parametrize("text, person", [
    ("Агментаев С.А.", True), ("С.Б. Балтабаев", True), ("(Агментаев С.А.)", True),
    ("Министерство юстиции", False), ("ҚХА", False),
])
def test_organisations_person_with_initials(text, person):
    from pipeline.extract.organisations import person_with_initials
    assert person_with_initials(text) is person


def test_organisations_state_bodies_list():
    from pipeline.extract.org_common import state_bodies
    bodies = state_bodies()
    assert len(bodies) >= 20
    assert all(b.kk and b.ru and b.acts for b in bodies)
    assert len({b.kk for b in bodies}) == len(bodies)
    gov = [b for b in bodies if b.ru == "Правительство Республики Казахстан"]
    assert gov and gov[0].kk == "Қазақстан Республикасының Үкіметі"


@pytest.mark.parametrize("seg, start, end, name, want", [
    ("Управление делами Президента</td> x", 0, 32, "Управление делами Президента</td",
     "Управление делами Президента"),
    ("Управление Делами ### 1 x", 0, 23, "Управление Делами ### 1", "Управление Делами"),
])
def test_organisations_span_stops_at_markup(seg, start, end, name, want):
    from pipeline.extract.organisations import _cut_markup
    d = {"start": start, "end": end, "name": name}
    _cut_markup(seg, d)
    assert d["name"] == want and seg[d["start"]:d["end"]] == want


def test_organisations_ru_heading_word():
    from pipeline.extract.org_ru import heading_word
    from pipeline.extract.org_ru_words import sentence_of
    # a dictionary common noun alone on its line is a heading
    assert heading_word(sentence_of("Отчёт"), 0, 5)
    # a name alone is not; nor a common noun in a longer sentence
    assert not heading_word(sentence_of("Газпром."), 0, 7)
    assert not heading_word(sentence_of("Почта работает."), 0, 5)


@pytest.mark.parametrize("text, place, adds", [
    # a descriptor, what it is of, the place it belongs to
    ("Пресс-служба Федерация бобслея России сообщила о наборе.", "России",
     ["Федерация бобслея России"]),
    # without what it is of, or with a kind of place, no organisation
    ("Мы гуляли в историческом центре Москвы.", "Москвы", []),
    ("Мы гуляли в центре города Москвы.", "Москвы", []),
])
def test_organisations_ru_descriptor_place(text, place, adds):
    from pipeline.extract.org_ru_context import context_spans
    s = text.index(place)
    a, _ = context_spans(text, [(s, s + len(place), "LOC")], [])
    assert [text[x:y] for x, y in a] == adds


@pytest.mark.parametrize("text, person, adds", [
    # a one-word name news NER took for a person, which the dictionary does not know as one
    ("письма поддержки от профсоюза Юнайт.", "Юнайт", ["профсоюза Юнайт"]),
    # a person's name the dictionary knows, or a two-word name, stays a person
    ("спектакль театра Фоменко понравился.", "Фоменко", []),
    ("шеф концерна Бернд Пишетсридер заявил", "Бернд Пишетсридер", []),
])
def test_organisations_ru_descriptor_name_not_person(text, person, adds):
    from pipeline.extract.org_ru_context import context_spans
    s = text.index(person)
    a, _ = context_spans(text, [(s, s + len(person), "PER")], [])
    assert [text[x:y] for x, y in a] == adds


def test_organisations_ru_reads_the_analysis_tokens():
    import dataclasses

    from pipeline.analyze import process
    from pipeline.extract.organisations import _ru_sentences, _units

    text = "Министерство юстиции Республики Казахстан сообщило о проверке."
    a = process(text)
    # a lemma only the analysis has: the rules must read it from there
    a.tokens = [dataclasses.replace(a.tokens[0], lemma="министерство-x")] + list(a.tokens[1:])
    vtext = a.view.text
    units = _units(a)
    ru = [u for u, x in enumerate(units) if x[1] == "ru"]
    sents = _ru_sentences(a, vtext, units, ru)
    words = [w for u in ru for w in sents[u].words]
    toks = [t for t in a.tokens if any(ch.isalnum() for ch in t.norm)]
    # the rules see the words and lemmas the language layer chose, not a parse of their own
    assert [(w.text, w.lemma) for w in words] == [(t.norm, t.lemma) for t in toks]
    assert words[0].lemma == "министерство-x"


def test_russian_sentence_gets_no_kazakh_rules():
    """A Russian sentence is read by the Russian rules only: a legal form before a quoted name
    and abbreviations count, a Roman numeral is not an abbreviation, and a Russian word that
    spells a Kazakh head noun (университет) opens no Kazakh name."""
    from pipeline.extract.org_ru import form_candidates
    from pipeline.extract.org_ru_words import sentence_of

    found = form_candidates(sentence_of("В XXI веке ТОО «Кайнар» и МВД открыли Университет Нархоз."))
    assert [(d["name"], d["legal_form"], d["kind"]) for d in found] == [
        ("Кайнар", "ТОО", "name"), ("МВД", None, "abbr")]


def test_organisations_ru_comma_parts():
    from pipeline.extract.org_ru import comma_parts

    text = "(Partido Verde Nacional, PVN)"
    assert [text[s:e] for s, e in comma_parts(text, 1, len(text) - 1)] == ["Partido Verde Nacional", "PVN"]
    text = "Банк развития, ОАО"  # no comma and abbreviation inside the span: it stays
    assert comma_parts(text, 0, 13) == [(0, 13)]
    assert comma_parts("ГКНБ", 0, 4) == [(0, 4)]


@pytest.mark.parametrize("text,expected", [
    # a clause verb ends a name (outside quotes), or a name starts after it
    ("Областной маслихат РЕШИЛ:", "Областной маслихат"),
    ("Окончил философский факультет МГУ", "философский факультет МГУ"),
    ("Комиссия по оценке считается", "Комиссия по оценке"),
    # a character reference of markup left in the text ends it
    ("ППБ&quot;", "ППБ"),
    # the act a body issued is not part of the body's name
    ("Постановлением Правительства Республики Казахстан", "Правительства Республики Казахстан"),
    # numbers, place adjectives, adverbs alone and headings in capitals are no name
    ("15", None),
    ("«15»", None),
    ("Алматинского", None),
    ("Ежеквартально", None),
    ("ОХРАНОЙ ТРУДА", None),
    # a word and a number joined by a hyphen designate a model or a disease: no name
    ("Zika-16", None),
    ("Ан-148", None),
    # one letter and a number is a group by its number of members; a quoted one is a name
    ("G-7", "G-7"),
    ("«Радио-7»", "«Радио-7»"),
    # names left whole: a verb inside quotes, a participle, capitals with a head noun, an
    # adjective standing for a name, a programme named after a body
    ("радиостанция «Говорит Москва»", "радиостанция «Говорит Москва»"),
    ("Организации Объединённых Наций", "Организации Объединённых Наций"),
    ("МИНИСТЕРСТВО ЮСТИЦИИ", "МИНИСТЕРСТВО ЮСТИЦИИ"),
    ("Большого", "Большого"),
    ("Программы развития ООН", "Программы развития ООН"),
])
def test_organisations_ru_name_part(text, expected):
    from pipeline.extract.org_ru import name_part
    from pipeline.extract.org_ru_words import sentence_of

    got = name_part(sentence_of(text), 0, len(text))
    assert (text[got[0]:got[1]] if got else None) == expected


@pytest.mark.parametrize("text,absent", [
    ("Руководствуясь законом, Алматинский областной маслихат РЕШИЛ:", "РЕШИЛ"),
    ("Приложение к решению от «15» июля 2003 года № 35-205", "15"),
    ("Расширять пропаганду спорта как средства &quot;активной защиты&quot; от травматизма.", "quot"),
    ("III. КОНТРОЛЬ ЗА УСЛОВИЯМИ И ОХРАНОЙ ТРУДА", "ТРУДА"),
])
def test_organisations_ru_no_junk(text, absent):
    """What an act's layout leaves in a Russian sentence is no organisation: an operative verb in
    capitals, the day of a date in quotes, a character reference, a heading in capitals."""
    found = orgs(text)
    assert not [o for o in found if absent in o.canonical or any(absent in m.text for m in o.mentions)]


@pytest.mark.parametrize("text,expected", [
    # persons named by their office, or by a surname and initials, are not bodies
    ("Генеральных директоров Алматинского", None),
    ("Председатель Комитета по бюджету", "Комитета по бюджету"),
    ("Булекбаева Н.Д", None),
    ("Н.Д. Булекбаева", None),
    # an office alone, or with the kind of place it serves, names persons, not a body; a
    # document that opens the span is none either
    ("Акима", None),
    ("Акимы районов и городов", None),
    ("Решению Акима области", None),
    ("Решением Правительства", "Правительства"),
    # a body whose adjective is also a title's (генеральный), a team with a letter
    ("Генеральная прокуратура", "Генеральная прокуратура"),
    ("Группа А", "Группа А"),
])
def test_organisations_ru_name_part_persons(text, expected):
    from pipeline.extract.org_ru import name_part
    from pipeline.extract.org_ru_words import sentence_of

    got = name_part(sentence_of(text), 0, len(text))
    assert (text[got[0]:got[1]] if got else None) == expected


@pytest.mark.parametrize("text,expected", [
    # a body noun with its remit and a level adjective or a kind of place after it
    ("Областной комитет ветеринарии обеспечивает контроль.", ["Областной комитет ветеринарии"]),
    ("Поручить департаменту сельского хозяйства области подготовить план.",
     ["департаменту сельского хозяйства области"]),
    ("Районный комитет по делам молодёжи проводит семинар.", ["Районный комитет по делам молодёжи"]),
    # a state body noun with a level adjective alone
    ("Районный маслихат утвердил бюджет.", ["Районный маслихат"]),
    # in the plural, the bodies of every district: a class, no organisation
    ("Открыть пункты приёма в районных акиматах.", []),
    # no level and no place: a department of anything; a level without a remit
    ("В отделе продаж работают пять человек.", []),
    ("Городское управление ведёт учёт.", []),
    # a body named by a field the state administers alone, as a table of an act lists them
    ("Ответственные: управления здравоохранения, внутренних дел.", ["управления здравоохранения"]),
    ("Контроль возложить на отдел образования.", ["отдел образования"]),
    # not a capitalised body whose genitive is a verbal noun's object, nor a remit cut short
    ("После рассмотрения Комиссией результатов оценки.", []),
    ("Работу ведёт служба управления персоналом.", []),
])
def test_organisations_ru_state_bodies(text, expected):
    from pipeline.extract.org_ru import ru_state_bodies

    assert [text[s:e] for s, e in ru_state_bodies(text)] == expected


def test_organisations_ru_state_bodies_in_acts_only():
    """An act names the bodies it charges in common nouns; a news text's common nouns are left
    to news NER."""
    act = ("Решение районного маслихата\n\nРайонный маслихат РЕШИЛ:\n\n"
           "1. Поручить департаменту сельского хозяйства области подготовить план.")
    from pipeline.analyze import process

    a = process(act)
    assert any(d.act for d in a.documents), "the text is not read as an act"
    names = [o.canonical for o in a.organisations]
    assert "департамент сельского хозяйства области" in names
    news = process("Вчера департамент сельского хозяйства области сообщил о посевной.")
    assert not any(d.act for d in news.documents)
    assert "департамент сельского хозяйства области" not in [o.canonical for o in news.organisations]


@pytest.mark.parametrize("text,at,expected", [
    ("Комитет по развитию информационного общества", 7, "Комитет по развитию информационного общества"),
    # a phrase that points within the text is no remit
    ("Комиссия по оценке по следующей формуле", 18, None),
    ("Комиссия по этим вопросам", 8, None),
])
def test_organisations_ru_remit_not_reference(text, at, expected):
    from pipeline.extract.org_ru_words import remit_end, sentence_of

    e = remit_end(sentence_of(text), at, [])
    assert (text[:e] if e else None) == expected
