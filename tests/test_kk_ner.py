"""Kazakh CRF tagger helpers (pipeline.extract.kk_ner): stacked second pass, document context."""
from __future__ import annotations

from pipeline.extract import kk_ner

ORG = "ORGANISATION"


def test_context_features_reads_other_sentences_only():
    doc = [["Бөбек", "қоры", "ашылды"], ["Бөбекке", "барды"], ["Бөбек", "қорының", "басшысы"]]
    lab = [["B-" + ORG, "I-" + ORG, "O"], ["O", "O"], ["O", "O", "O"]]
    ctx = kk_ner.context_features(doc, lab, 2)
    assert len(ctx) == 3 and [len(c) for c in ctx] == [3, 2, 3]
    # the name of sentence 0, matched by stems in sentence 2 (another case form)
    assert ctx[2][0] == ["dc=B-" + ORG, "ds=" + ORG]
    assert ctx[2][1] == ["dc=I-" + ORG, "ds=" + ORG]
    assert ctx[2][2] == []
    # a sentence's own labels are not its context
    assert ctx[0] == [[], [], []]
    assert ctx[1][0] == ["ds=" + ORG]


def test_context_features_window():
    doc = [["Бөбек", "қоры"], ["ал"], ["Бөбек"]]
    lab = [["B-" + ORG, "I-" + ORG], ["O"], ["O"]]
    assert kk_ner.context_features(doc, lab, 1)[2] == [[]]
    assert kk_ner.context_features(doc, lab, 2)[2] == [["ds=" + ORG]]  # a part of a name
    assert kk_ner.context_features(doc, lab, 0)[2] == [[]]
    assert kk_ner.context_features([], [], 3) == []


def test_stack_features_adds_first_pass_labels():
    feats = [{"bias": 1.0, "w=a": 1.0}, {"bias": 1.0}, {"bias": 1.0}]
    out = kk_ner.stack_features(feats, ["B-" + ORG, "I-" + ORG, "O"], [["ds=PERSON"], [], []])
    assert out[0] == {"bias": 1.0, "w=a": 1.0, "p1=B-" + ORG: 1.0, "1:p1=I-" + ORG: 1.0,
                      "ds=PERSON": 1.0}
    assert out[1]["-1:p1=B-" + ORG] == 1.0 and out[1]["1:p1=O"] == 1.0
    assert "p1=O" in out[2] and not any(k.startswith("1:") for k in out[2])
    assert feats[0] == {"bias": 1.0, "w=a": 1.0}  # input untouched
    assert "ds=PERSON" not in kk_ner.stack_features(feats, ["O"] * 3)[0]


def _toy_tagger(tmp_path, stacked: bool):
    labels = ["O", "B-" + ORG, "I-" + ORG]
    state = {("bias", "O"): 1.0, ("w=бөбек", "B-" + ORG): 2.0}
    trans = {("B-" + ORG, "I-" + ORG): 1.0}
    stack = None
    if stacked:
        # pass 2 follows the document context only
        stack = {"labels": labels, "state": {("bias", "O"): 1.0, ("ds=" + ORG, "B-" + ORG): 5.0},
                 "trans": {}, "window": 3}
    stem = tmp_path / ("toy_stack" if stacked else "toy")
    kk_ner.save_tagger(stem, labels, state, trans, {"rule_features": False}, {}, None, stack)
    return kk_ner.load_tagger(str(stem))


def test_save_load_without_stack_unchanged(tmp_path):
    tg = _toy_tagger(tmp_path, False)
    assert tg.stack is None
    assert tg.tag(["Бөбек", "келді"]) == ["B-" + ORG, "O"]
    doc = [["Бөбек", "келді"], [], ["жоқ"]]
    assert tg.tag_document(doc) == [tg.tag(w) for w in doc]


def test_save_load_with_stack(tmp_path):
    tg = _toy_tagger(tmp_path, True)
    assert tg.stack is not None and tg.stack_window == 3
    doc = [["Бөбек", "келді"], ["Бөбекке", "бардық"]]
    # sentence 1's first word is in a name that pass 1 found in sentence 0
    assert tg.tag_document(doc) == [["O", "O"], ["B-" + ORG, "O"]]
    assert tg.tag(["Бөбек", "келді"]) == ["O", "O"]  # alone: no context
    assert tg.tag([]) == [] and tg.tag_document([]) == []


def test_extra_features():
    words = ["«", "Бөбек", "»", "балалар", "қорының", "директоры", ",", "ал"]
    ex = kk_ner.extra_features(words)
    assert len(ex) == len(words)
    assert "end=ының" in ex[4] and "end=ы" in ex[5]
    assert "qpos=only" in ex[1] and not any(e.startswith("qpos") for e in ex[3])
    assert "hd=3" in ex[1] and "hdst=қор" in ex[1] and "hd=1" in ex[3]
    assert not any(e.startswith("hd=") for e in ex[5])  # a comma ends the phrase
    ex2 = kk_ner.extra_features(["«", "Қара", "жол", "сөз", "»"])
    assert [e for e in ex2[1] + ex2[2] + ex2[3] if e.startswith("qpos")] == [
        "qpos=first", "qpos=mid", "qpos=last"]
    assert kk_ner.extra_features([]) == []


def test_conj_features():
    words = ["«", "Бөбек", "»", "қорының", "директоры"]
    cf = kk_ner.conj_features(words)
    assert len(cf) == len(words)
    assert "sb+=бөбек|»" in cf[1] and "sb-=»|қор" in cf[3]
    assert "cp=QCQ" in cf[1] and "cp+=CQH" in cf[1]  # a capitalised quoted word, then a head noun
    assert "ql=1" in cf[1] and "ql=1|H" in cf[1]
    assert not any(f.startswith("ql=") for f in cf[3])
    assert kk_ner.conj_features([]) == []


def test_dict_features_and_lexicons():
    lex = {"t": kk_ner.lower_stems([["Бүгін", "ұлттық", "банкі", "ашылды"],
                                    ["Ол", "ұлттық", "банкке", "барды"]])}
    assert "ұлттық" in lex["t"] and "банк" in lex["t"] and "бүгін" not in lex["t"]
    df = kk_ner.dict_features(["Ұлттық", "Банкі", "Назарбаев"], lex)
    assert "clx=t" in df[0] and "1:clx=t" in df[0]
    assert df[2] == ["clx=none", "-1:clx=t"]
    assert "адам" in kk_ner.hand_lexicon() or len(kk_ner.hand_lexicon()) > 500
    assert set(kk_ner.named_lexicons(["h", "t"], {"t": ["банк"]})) == {"h", "t"}


def test_save_load_conj_and_lexicons(tmp_path):
    labels = ["O", "B-" + ORG, "I-" + ORG]
    state = {("bias", "O"): 1.0, ("clx=none", "B-" + ORG): 0.5, ("cp=^CH", "B-" + ORG): 2.0}
    stem = tmp_path / "toy_lex"
    kk_ner.save_tagger(stem, labels, state, {}, {"rule_features": False, "conj_features": True,
                                                "dict_features": ["t"]},
                       {}, None, None, lexicons={"t": {"банк"}})
    tg = kk_ner.load_tagger(str(stem))
    assert tg.use_conj and tg.lexicons == {"t": frozenset({"банк"})}
    f = tg.features(["Бөбек", "банкі"])
    assert "cp=^CH" in f[0] and "clx=none" in f[0] and "lx=t" in f[1]
    assert tg.tag(["Бөбек", "банкі"])[0] == "B-" + ORG


# ---------------------------------------------------------------- bodies of the state by grammar

import pytest  # noqa: E402

from pipeline.extract.org_kk import kk_state_bodies  # noqa: E402


@pytest.mark.parametrize("text, name", [
    # a level adjective and a body noun with its possessive, in a case form
    ("Жұмысты облыстық қаржы басқармасына тапсырсын.", "облыстық қаржы басқармасы"),
    # a place name in the genitive
    ("Қарағанды облысының әкімдігі шешім шығарды.", "Қарағанды облысының әкімдігі"),
    # a capitalised word at a sentence start and a body noun
    ("Әділет министрлігі хабарлады.", "Әділет министрлігі"),
    # a field of work named before the body: 'X жөніндегі'
    ("Нұрланов Б. - жер ресурстарын басқару жөніндегі облыстық комитеттің төрағасы",
     "жер ресурстарын басқару жөніндегі облыстық комитет"),
])
def test_state_bodies_found(text, name):
    assert name in [d["name"] for d in kk_state_bodies(text)]


@pytest.mark.parametrize("text", [
    "Бөлімнің меңгерушісі келді.",  # a common noun in the genitive governs the body noun
    "Облыстық басқармалар жұмыс істейді.",  # a plural names a class
    "Мұнда басқарма бар.",  # no level word, no name
])
def test_state_bodies_not_found(text):
    assert kk_state_bodies(text) == []


def test_state_bodies_through_the_product():
    from pipeline import process
    act = ("Облыс әкімі ШЕШІМ ЕТТІ:\n\n1. Бақылау облыстық қаржы басқармасына жүктелсін.\n")
    news = "Бүгін облыстық қаржы басқармасына барды.\n"
    names = lambda t: [o.canonical for o in process(t, source_id="s").organisations]  # noqa: E731
    assert "облыстық қаржы басқармасы" in names(act)
    # a level word places a body in any text, not only in an act
    assert "облыстық қаржы басқармасы" in names(news)


def test_rule_features_mark_a_state_body():
    words = ["Жұмыс", "облыстық", "қаржы", "басқармасына", "тапсырылды", "."]
    feats = kk_ner.rule_features(words)
    assert "rule=B-body" in feats[1] and "rule=I-body" in feats[3]
    assert not any(f.endswith("-body") for f in feats[0] + feats[4])


def test_roman_numeral():
    assert kk_ner.roman_numeral("IV") and kk_ner.roman_numeral("XII")
    assert kk_ner.roman_numeral("ІІ")  # the Kazakh letter І typed for the Latin I
    assert not kk_ner.roman_numeral("ҚХА") and not kk_ner.roman_numeral("IIII")
    assert not kk_ner.roman_numeral("") and not kk_ner.roman_numeral("ВИ")


def test_tidy_labels_cuts_org_spans():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a section number alone is no name; before a name it is left out
    assert kk_ner.tidy_labels(["III", "."], [B, I]) == [O, O]
    assert kk_ner.tidy_labels(["II", ".", "Орман", "қоры"], [B, I, I, I]) == [O, O, B, I]
    # person - post: the name starts after the dash
    words = ["Серікбаев", "Н", ".", "-", "облыстық", "қаржы", "басқармасының", "бастығы"]
    assert kk_ner.tidy_labels(words, [B, I, I, I, I, I, I, O]) == [O, O, O, O, B, I, I, O]
    # a title closed by 'about' is not an organisation
    words = ["«", "Жер", "қатынастары", "туралы", "»", "Заңы"]
    assert kk_ner.tidy_labels(words, [O, B, I, I, O, O]) == [O] * 6
    # other spans and other types stay as they are
    assert kk_ner.tidy_labels(["Ұлттық", "банк", "-", "I"], [B, I, O, "B-LAW"]) == [B, I, O, "B-LAW"]
    assert kk_ner.tidy_labels(["IV", "тоқсан"], ["B-DATE", "I-DATE"]) == ["B-DATE", "I-DATE"]


def test_tidy_labels_document_words():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a document word at a name's edge is the text the sentence speaks of, or a heading
    words = ["Осы", "Шешім", "аудандық", "мәслихаттың", "отырысында"]
    assert kk_ner.tidy_labels(words, [O, B, I, I, O]) == [O, O, B, I, O]
    words = ["Аудандық", "Мәслихаты", "ШЕШІМ", "қабылдады"]
    assert kk_ner.tidy_labels(words, [B, I, I, O]) == [B, I, O, O]
    # a heading word alone is no name
    assert kk_ner.tidy_labels(["іс-шаралар", "ЖОСПАРЫ"], [O, B]) == [O, O]


def test_tidy_labels_markup():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    words = ["Білім", "басқармасы", "<", "/", "td", ">", "<", "td", ">", "Өрт"]
    assert kk_ner.tidy_labels(words, [B] + [I] * 9) == [B, I] + [O] * 8
    words = ["IV", ".", "<", "td", ">", "Салық", "комитеті"]
    assert kk_ner.tidy_labels(words, [B] + [I] * 6) == [O] * 5 + [B, I]
    words = ["Еңбек", "қорғау", "&", "quot", ";", "заңы"]
    assert kk_ner.tidy_labels(words, [B, I, I, I, I, O]) == [B, I, O, O, O, O]
    assert kk_ner.markup_words(["a", "<", "b"]) == [False, False, False]  # no closing >


def test_tidy_labels_web_address():
    # a list of sites printed as a table: the address and the row's number are no part of a name
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    words = ["www.bilim-", "ortalygy.kz", "/", "kz", "/", "3", "«", "Достық", "»"]
    assert kk_ner.tidy_labels(words, [B] + [I] * 8) == [O] * 7 + [B, I]  # quotes go later
    words = ["http", ":", "/", "/", "adal.kz", "Адал", "қоры"]
    assert kk_ner.tidy_labels(words, [B] + [I] * 6) == [O] * 5 + [B, I]
    # a number inside a name stays: 5 арна, №1 мектеп
    words = ["Бүгін", "5", "арна", "телеарнасы", "хабарлады"]
    assert kk_ner.tidy_labels(words, [O, B, I, I, O]) == [O, B, I, I, O]


def test_tidy_labels_label_alone():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a table cell or a form's field that says nothing but a label
    assert kk_ner.tidy_labels(["Іс-шара", "атауы"], [B, I]) == [O, O]
    assert kk_ner.tidy_labels(["Ескертпе", ":"], [B, O]) == [O, O]
    cells = ["<", "td", ">", "Сомасы", "<", "/", "td", ">", "<", "td", ">", "Тариф", "<", "/", "td", ">"]
    assert kk_ner.tidy_labels(cells, [O] * 3 + [B] + [O] * 12) == [O] * 16
    # a cell naming a body, or a name inside a sentence, stays
    assert kk_ner.tidy_labels(["Облыстық", "салық", "комитеті"], [B, I, I]) == [B, I, I]
    assert kk_ner.tidy_labels(["Ескертпе", "берді"], [B, O]) == [B, O]


@pytest.mark.parametrize("after", [["әнін", "тыңдадық"], ["ордені", "берілді"],
                                   ["ұялы", "қосымшасын", "жүктедік"], ["деген", "брендпен", "сатылады"]])
def test_tidy_labels_quoted_thing(after):
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a quoted name whose noun in apposition names a work, an award or a product
    words = ["«", "Ақ", "желкен", "»"] + after
    assert kk_ner.tidy_labels(words, [O, B, I] + [O] * (len(after) + 1)) == [O] * len(words)


@pytest.mark.parametrize("after", [["қорының", "әні"], ["газетіне", "жазды"], ["хабарлады"], ["бүгін", "ашылды"]])
def test_tidy_labels_quoted_organisation_stays(after):
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # an organisation's head noun, a newspaper, a verb or nothing after the quotes
    words = ["«", "Ақ", "желкен", "»"] + after
    labels = [O, B, I] + [O] * (len(after) + 1)
    assert kk_ner.tidy_labels(words, labels) == labels
    # an unquoted name before the same noun is its possessor: Үкімет жоспары
    assert kk_ner.tidy_labels(["Үкімет", "жоспарын", "бекітті"], [B, O, O]) == [B, O, O]


def test_tidy_labels_table_cells():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a name never crosses a table cell: the span is cut at each separator
    words = ["|", "Тұрақты", "|", "Облыстық", "мәдениет", "басқармасы", "|"]
    assert kk_ner.tidy_labels(words, [O, B, I, I, I, I, O]) == [O, O, O, B, I, I, O]
    # a table's headings in capitals and cells of common words are no names
    words = ["|", "ІС-ШАРАЛАР", "|", "Орындалу", "мерзімі", "|"]
    assert kk_ner.tidy_labels(words, [O, B, I, I, I, O]) == [O] * 6
    # an abbreviation alone in its cell stays a name
    words = ["|", "Жоспар", "|", "СЭС", "|"]
    assert kk_ner.tidy_labels(words, [O, O, O, B, O]) == [O, O, O, B, O]
    # outside a table the same words are left to the tagger
    assert kk_ner.tidy_labels(["Облыстық", "мәдениет", "басқармасы"], [B, I, I]) == [B, I, I]


def test_tidy_labels_bracket_level_and_two_bodies():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a bracket opened after a body and not closed in the span holds its head, not its name
    words = ["Аудандық", "жер", "бөлімі", "(", "Серікова", "А.Б", ".", ")", "тексерсін"]
    assert kk_ner.tidy_labels(words, [B, I, I, I, I, I, O, O, O]) == [B, I, I] + [O] * 6
    # a bracket closed inside the span stays part of the name
    words = ["Дүниежүзілік", "сауда", "ұйымы", "(", "ДСҰ", ")"]
    assert kk_ner.tidy_labels(words, [B, I, I, I, I, I]) == [B, I, I, I, I, I]
    # a span cut at a level adjective goes on to its body noun, or is no name
    words = ["|", "Жамбыл", "облыстық", "мәдениет", "басқармасы", "|"]
    assert kk_ner.tidy_labels(words, [O, B, I, O, O, O]) == [O, B, I, I, I, O]
    words = ["|", "Жамбыл", "облыстық", "өрт", "сөндіру", "қызметі", "|"]
    assert kk_ner.tidy_labels(words, [O, B, I, O, O, O, O]) == [O] * 7
    # a body in the nominative followed by a level word ends one name; the next opens another
    words = ["Облыстық", "сәулет", "басқармасы", "Аудандық", "жер", "бөлімі"]
    assert kk_ner.tidy_labels(words, [B, I, I, I, I, I]) == [B, I, I, B, I, I]


def test_tidy_labels_bare_body_noun_qualifies_the_next():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # сот before орындаушысы is the bailiff's 'court', a qualifier: no body is named
    words = ["Жеке", "сот", "орындаушысы", "келді"]
    assert kk_ner.tidy_labels(words, [B, I, O, O]) == [O] * 4
    # a union's countries still name the union (KazNERD: Еуропалық одақ елдері)
    words = ["Еуропалық", "одақ", "елдері", "келісті"]
    assert kk_ner.tidy_labels(words, [B, I, O, O]) == [B, I, O, O]


def test_tidy_labels_span_inside_a_phrase():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a span that began inside a bracket starts after the bracket closes
    words = ["(", "бұдан", "әрі", "ТЖ", ")", "Облыстық", "сот"]
    assert kk_ner.tidy_labels(words, [O, O, O, B, I, I, I]) == [O] * 5 + [B, I]
    # a name before a level adjective qualifies what follows: no name without a body noun there
    words = ["|", "Шалқар", "Орталық", "аудандық", "емханасы", "|"]
    assert kk_ner.tidy_labels(words, [O, B, I, O, O, O]) == [O] * 6
    words = ["Жамбыл", "Орталық", "аудандық", "әкімдігі"]
    assert kk_ner.tidy_labels(words, [B, I, O, O]) == [B, I, I, I]
    # an owner in the genitive before a level adjective stays a name
    words = ["Ұлттық", "банктің", "облыстық", "филиалы"]
    assert kk_ner.tidy_labels(words, [B, I, O, O]) == [B, I, O, O]
    # a letter alone names nothing
    assert kk_ner.tidy_labels(["N", "5", "шешім"], [B, O, O]) == [O, O, O]


def test_tidy_labels_level_adjective_opens_the_name():
    B, I, O = "B-" + ORG, "I-" + ORG, "O"
    # a common noun opening the sentence before a level adjective is the sentence's, not the name's
    words = ["1", ".", "Зейнетақы", "аудандық", "тексеру", "комиссиясының", "шешімімен", "төленеді"]
    assert kk_ner.tidy_labels(words, [O, O, B, I, I, I, O, O]) == [O, O, O, B, I, I, O, O]
    # a capital inside the sentence is a name's (the district Бостандық)
    words = ["Ол", "Бостандық", "аудандық", "полиция", "басқармасына", "барды"]
    assert kk_ner.tidy_labels(words, [O, B, I, I, I, O]) == [O, B, I, I, I, O]
    # letters apart from each other name nothing
    assert kk_ner.tidy_labels(["(", "I-Т", "есебі", ")"], [O, B, O, O]) == [O, O, O, O]
    # a quoted grade is no organisation
    words = ["«", "Қанағаттанарлық", "»", "баға", "алды"]
    assert kk_ner.tidy_labels(words, [O, B, O, O, O]) == [O] * 5


def test_a_name_coordinated_with_a_tagged_name():
    # the items of one list are of one kind: a capitalised name ending in a body noun, listed
    # with a name the tagger found, is an organisation too; alone in a sentence it is left to the tagger
    from pipeline.extract.organisations import coordinated
    s = "Жиынға Адал қоры, Жастар бастамалары орталығы және Еуразия институты қатысты."
    tagged = [{"start": s.index("Адал"), "end": s.index(",")}]
    d = {"start": s.index("Жастар"), "end": s.index(" және")}
    assert coordinated(s, d, tagged)
    d = {"start": s.index("Еуразия"), "end": s.index(" қатысты")}
    assert not coordinated(s, d, tagged)  # the next item is no tagged name: only its neighbour counts
    assert not coordinated(s, d, [])
    lower = "«Адал» қоры, облыстық білім басқармасы"
    assert not coordinated(lower, {"start": 13, "end": len(lower)}, [{"start": 1, "end": 5}])


def test_an_act_is_read_with_the_act_tagger(monkeypatch):
    # an official act names bodies by the acts' convention: its Kazakh sentences go to the act
    # model (models/kk_org_act_crf), any other text to the general one
    from pipeline import process
    from pipeline.extract import organisations

    used = []
    monkeypatch.setattr(organisations.kk_ner, "act_tagger", lambda: used.append("act") or kk_ner.load_tagger())
    monkeypatch.setattr(organisations.kk_ner, "load_tagger", lambda *a: used.append("general") or None)
    act = ("Алматы облыстық мәслихатының 2001 жылғы 5 наурыздағы № 12-3 шешімі\n\n"
           "Облыстық мәслихат ШЕШІМ ҚАБЫЛДАДЫ:\n\n1. Облыстық қаржы басқармасы есеп берсін.\n")
    process(act, source_id="a")
    news = "Бүгін облыстық қаржы басқармасы есеп берді.\n"
    n = len(used)
    process(news, source_id="n")
    assert "act" in used[:n] and used[n:] == ["general"]


def test_the_act_tagger_is_shipped():
    assert kk_ner.act_tagger() is not None and kk_ner.act_tagger() is not kk_ner.load_tagger()
