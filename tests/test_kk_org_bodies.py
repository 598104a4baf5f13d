"""Kazakh bodies of the state named by grammar (org_kk.kk_state_bodies): remits listed with
commas, objects of verbal nouns, a Markdown quote's line breaks, document words."""
import pytest

from pipeline.extract.org_kk import document_word, kk_state_bodies, quote_line_words, verbal_noun


def names(text):
    return [d["name"] for d in kk_state_bodies(text)]


@pytest.mark.parametrize("text, expected", [
    # remits listed with a comma and the objects of verbal nouns (жұмыспен қамту, халықты қорғау)
    ("3. Аудандық білім, жұмыспен қамту және халықты әлеуметтік қорғау бөлімі есеп берсін.",
     ["Аудандық білім, жұмыспен қамту және халықты әлеуметтік қорғау бөлімі"]),
    # a comma after a body's head parts two bodies
    ("Облыстық әділет басқармасы, салық және кеден басқармасы тексерсін.",
     ["Облыстық әділет басқармасы"]),
    # an italic Markdown quote broken into lines
    ("Орындаушы: аудандық қаржы*  \n> *және экономика*  \n> *басқармасы.",
     ["аудандық қаржы және экономика басқармасы"]),
    # a document word opens no name
    ("Осы Шешім аудандық мәслихаттың отырысында қаралды.", ["аудандық мәслихат"]),
])
def test_state_bodies(text, expected):
    assert names(text) == expected


def test_plural_object_of_a_verbal_noun_in_the_remit():
    # жер ресурстарын басқару: 'managing land resources', the plural object in the accusative
    assert names("Алматы облысының жер ресурстарын басқару комитеті шешім қабылдады.") == [
        "Алматы облысының жер ресурстарын басқару комитеті"]
    # a plural noun in the accusative with no verbal noun after it governs nothing of a name
    assert names("Облыс ресурстарын комитет бөлді.") == []


@pytest.mark.parametrize("text, expected", [
    ("Облыстық білім басқармасы 312 млн теңге бөлді.", ["Облыстық білім басқармасы"]),
    ("Алматы облысының жер ресурстарын басқару комитеті шешім қабылдады.",
     ["Алматы облысының жер ресурстарын басқару комитеті"]),
    ("Аудандық мәслихат жаңа бюджетті бекітті.", ["Аудандық мәслихат"]),
    # a postposition after a dropped sentence-initial word opens no name
    ("Сол бойынша қалалық білім бөлімінен комиссия құрылды.", ["қалалық білім бөлімі"]),
    # a capital alone places no body: left to the tagger outside an act
    ("Әділет министрлігі хабарлады.", []),
    # a plural body noun with a level word names a class: аудандық әкімдіктер
    ("Аудандық әкімдіктер есеп берсін.", []),
])
def test_placed_bodies(text, expected):
    assert [d["name"] for d in kk_state_bodies(text, placed=True)] == expected


def test_placed_bodies_through_the_product_outside_an_act():
    from pipeline import process
    text = ("Облыстық білім басқармасы 312 млн теңге бөлді.\n"
            "Қаржы облыстық қаржы басқармасына аударылды.\n"
            "Алматы облысының жер ресурстарын басқару комитеті шешім қабылдады.\n"
            "Аудандық мәслихат жаңа бюджетті бекітті.\n"
            "Жергілікті атқарушы органдар мен облыстардың әкімдіктері есеп берсін.\n")
    got = {o.canonical for o in process(text, source_id="s").organisations}
    assert got == {"Облыстық білім басқармасы", "облыстық қаржы басқармасы",
                   "Алматы облысының жер ресурстарын басқару комитеті", "Аудандық мәслихат"}


def test_no_body_without_level_or_capital():
    assert names("Биыл ауылда жұмыспен қамту және халықты әлеуметтік қорғау бөлімі құрылды.") == []


def test_document_word_and_verbal_noun():
    assert document_word("ЖОСПАРЫ") and document_word("Ережесі") and not document_word("басқармасы")
    assert verbal_noun("қорғау", "NOUN", "Case=Nom") and not verbal_noun("келді", "VERB", "VerbForm=Fin")


def test_quote_line_words_keep_emphasis_boundary():
    ws = [(0, 0, w) for w in ["Ахметов", "*", "*", "Аудандық", "*", ">", "*", "сот"]]
    assert [w for _, _, w in quote_line_words(ws)] == ["Ахметов", "*", "*", "Аудандық", "сот"]


def test_remit_is_a_noun_phrase_before_its_postposition():
    # an accusative object with no verbal noun after it, and a verbal noun that a remit's noun
    # follows, belong to the sentence, not to the body's remit
    assert names("Есепті ақпаратты төтенше жағдайлар жөніндегі облыстық басқармаға берсін.") == [
        "төтенше жағдайлар жөніндегі облыстық басқарма"]
    assert names("Орындалуына бақылау жасау орман шаруашылығы жөніндегі облыстық басқармаға жүктелсін.") == [
        "орман шаруашылығы жөніндегі облыстық басқарма"]
    # the object of the remit's verbal noun stays
    assert names("Жұмысты мүлікті басқару жөніндегі облыстық комитет тексерсін.") == [
        "мүлікті басқару жөніндегі облыстық комитет"]


def test_bare_body_noun_before_a_possessed_noun_is_no_head():
    # жеке сот орындаушылары: the private bailiffs; сот qualifies them
    assert names("Облыс бойынша жеке сот орындаушыларының құрамы бекітілсін.") == []
