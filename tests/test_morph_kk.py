"""Kazakh morphological analyser (pipeline.morph.kk): lemmas and UPOS, KTB conventions."""
from __future__ import annotations

import pytest

from pipeline.morph import kk
from pipeline.morph.kk_suffixes import harmony, segment


@pytest.mark.parametrize("word,lemma", [
    ("келіншектермен", "келіншек"),
    ("медиаторлар", "медиатор"),
    ("медиаторлардың", "медиатор"),
    ("медиаторларға", "медиатор"),
    ("Ассамблеясының", "Ассамблея"),
    ("Сәрсенбайға", "Сәрсенбай"),
    ("ҚХА-ның", "ҚХА"),
])
def test_morph_kk_nominal_chain(word, lemma):
    assert kk.lemmatize_word(word) == lemma


@pytest.mark.parametrize("word,lemma", [
    ("орнына", "орын"),
    ("халқының", "халық"),
    ("аузымен", "ауыз"),
])
def test_morph_kk_vowel_drop_restored(word, lemma):
    assert kk.lemmatize_word(word) == lemma


@pytest.mark.parametrize("word,lemma", [
    ("шыққан", "шық"),
    ("айтушы", "айт"),
    ("қолдайды", "қолда"),
    ("жасайды", "жаса"),
    ("айтты", "айт"),
    ("сатылып", "сат"),
    ("бермеді", "бер"),
    ("оқиды", "оқы"),
    ("шығады", "шық"),
    ("тауып", "тап"),
])
def test_morph_kk_verbal_chain(word, lemma):
    assert kk.lemmatize_word(word) == lemma


@pytest.mark.parametrize("word", ["жұмысшы", "әнші", "ұлттық", "мемлекеттік", "саяси"])
def test_morph_kk_derivation_kept(word):
    assert kk.lemmatize_word(word) == word


@pytest.mark.parametrize("words,expected", [
    (["Шолпан", "Сәрсенбайға", "шыққан", "."],
     [("Шолпан", "PROPN"), ("Сәрсенбай", "PROPN"), ("шық", "VERB"), (".", "PUNCT")]),
    (["Бала", "туса", "."], [("бала", "NOUN"), ("ту", "VERB"), (".", "PUNCT")]),
    (["жаңа", "заң", "қабылданды"], [("жаңа", "ADJ"), ("заң", "NOUN"), ("қабылда", "VERB")]),
    (["ол", "келді", "және", "кетті"], [("ол", "PRON"), ("кел", "VERB"), ("және", "CCONJ"), ("кет", "VERB")]),
])
def test_morph_kk_sentence(words, expected):
    assert kk.analyze(words) == expected


@pytest.mark.parametrize("word,upos", [
    ("30 057", "NUM"), ("3000-ға", "NUM"), ("50%-ы", "NUM"), ("[", "PUNCT"), ("«", "PUNCT"),
    ("2015", "NUM"), ("II", "NUM"),
])
def test_morph_kk_shapes(word, upos):
    assert kk.analyze([word])[0][1] == upos


@pytest.mark.parametrize("word,lemma", [("3000-ға", "3000"), ("50%-ы", "50%"), ("т.б.", "т.б.")])
def test_morph_kk_number_and_abbreviation_lemmas(word, lemma):
    assert kk.analyze([word])[0][0] == lemma


@pytest.mark.parametrize("words", [[], [""], ["-"], ["ҚР-ның", "[1]", "Obama", "x-"], ["ыыыы"], ["…", "—"]])
def test_morph_kk_never_raises(words):
    out = kk.analyze(words)
    assert len(out) == len(words)
    assert all(isinstance(l, str) and isinstance(u, str) for l, u in out)


@pytest.mark.parametrize("word,h", [("бала", "b"), ("келін", "f"), ("студент", "f")])
def test_morph_kk_harmony(word, h):
    assert harmony(word) == h


@pytest.mark.parametrize("word,stem", [("кітабы", "кітап"), ("жүрегі", "жүрек")])
def test_morph_kk_voicing_candidates(word, stem):
    assert stem in {c.stem for c in segment(word)}


@pytest.mark.parametrize("word,lemma", [
    ("келгендей", "кел"),      # similative -дай after a participle
    ("жарадай", "жара"),       # ... after a noun
    ("биылғы", "биыл"),        # -ғы adjective of a time adverb
    ("қазіргі", "қазір"),
    ("ішінде", "іш"),          # pronominal -нде needs the possessive: іш-і-нде
    ("атын", "ат"),            # two-letter nouns
    ("кешені", "кешен"),       # no accusative on an adverb (кеше)
    ("түсінбеймін", "түсін"),  # lexicalised reflexive kept
    ("орналасқан", "орналас"), # lexicalised reciprocal kept
    ("жоспарланып", "жоспарла"),  # passive -н of a -ла verb stripped
    ("бағынады", "бағын"),
    ("стильдерін", "стиль"),   # silent soft sign before a suffix
])
def test_morph_kk_added_rules(word, lemma):
    assert kk.lemmatize_word(word) == lemma


@pytest.mark.parametrize("words,expected", [
    (["заңдарға", "қол", "қойды"], [("заң", "NOUN"), ("қол", "X"), ("қой", "VERB")]),
    (["сезім", "пайда", "болды"], [("сезім", "NOUN"), ("пайда", "X"), ("бол", "VERB")]),
    (["өсіп", "келе", "жатқан"], [("өс", "VERB"), ("кел", "AUX"), ("жат", "AUX")]),
    (["одан", "басқа"], [("ол", "PRON"), ("басқа", "ADP")]),
    (["басқа", "елдер"], [("басқа", "ADJ"), ("ел", "NOUN")]),
])
def test_morph_kk_context_rules(words, expected):
    assert kk.analyze(words) == expected


@pytest.mark.parametrize("word,lemma", [
    ("Көші-қон", "көші-қон"), ("Премьер-Министрге", "премьер-министр"), ("ҚХА-ның", "ҚХА"),
])
def test_morph_kk_hyphenated_case(word, lemma):
    assert kk.analyze([word])[0][0] == lemma


@pytest.mark.parametrize("words,expected", [
    (["жаңа", "толқулар", "басталды"], ("толқу", "NOUN")),       # plural verbal noun is a noun
    (["біз", "қуанышты", "мыз"], ("қуанышты", "ADJ")),           # no accusative before a copula
    (["ол", "кітап", "алды", "."], ("ал", "VERB")),               # ... nor at a sentence's end
    (["Сіз", "халықпен", "бірге", "жасаңыздар"], ("жаса", "VERB")),  # polite plural imperative
])
def test_morph_kk_context_readings(words, expected):
    i = {"толқу": 1, "қуанышты": 1, "ал": 2, "жаса": 3}[expected[0]]
    assert kk.analyze(words)[i] == expected


def test_morph_kk_own_is_det_before_noun():
    assert kk.analyze(["өз", "жұмысын"])[0] == ("өз", "DET")


@pytest.mark.parametrize("words,i,feats", [
    (["мектептерінде"], 0, "Case=Loc|Number=Plur|Number[psor]=Plur,Sing|Person[psor]=3"),
    (["медиаторлардың"], 0, "Case=Gen|Number=Plur"),
    (["кітап"], 0, "Case=Nom"),
    (["ҚХА-ның"], 0, "Case=Gen"),
    (["ол", "келмеді"], 1, "Mood=Ind|Number=Sing|Person=3|Polarity=Neg|Tense=Past|VerbForm=Fin"),
    (["ол", "жазып", "отыр"], 1, "Aspect=Perf|VerbForm=Conv"),
    (["және"], 0, ""),
])
def test_morph_kk_feats(words, i, feats):
    assert kk.tag(words)[i][2] == feats


def test_morph_kk_tag_many_matches_analyze():
    sents = [["Бала", "кітап", "оқиды", "."], ["жаңа", "заң", "қабылданды"]]
    tagged = kk.tag_many(sents)
    assert [[(l, u) for l, u, _ in row] for row in tagged] == [kk.analyze(s) for s in sents]


@pytest.mark.parametrize("form,listed", [("ның", True), ("нда", True), ("ға", True), ("лар", False), ("сы", False)])
def test_morph_kk_case_endings_from_the_table(form, listed):
    assert (form in kk.case_endings()) is listed
    assert form in kk.case_endings(possessive=True, plural=True)


def test_morph_kk_case_endings_longest_first():
    e = kk.case_endings()
    assert [len(x) for x in e] == sorted((len(x) for x in e), reverse=True)


@pytest.mark.parametrize("form,lemma,upos,reachable", [
    ("мектептерді", "мектеп", "NOUN", True),
    ("өсті", "өст", "VERB", False),   # the grammar reads өс+ті: an annotation slip is not taken
    ("былай", "бұл", "PRON", True),   # closed-class readings are taken as listed
])
def test_morph_kk_seen_form_needs_the_grammar(form, lemma, upos, reachable):
    assert (kk._seen_form(form, lemma, upos) is not None) is reachable


@pytest.mark.parametrize("word,lemma,tags", [
    ("корпорациясына", "корпорация", ("P3", "DAT")),  # an induced list holds the whole word as a stem
    ("кітапханасына", "кітапхана", ("P3", "DAT")),
    ("өмірінде", "өмір", ("P3", "LOC")),
])
def test_morph_kk_case_after_possessive_is_no_stem(word, lemma, tags):
    stem, kind, got, _ = kk._best(word)
    assert (stem, kind, got) == (lemma, "N", tags)


def test_morph_kk_case_after_possessive_trusts_listed_stems():
    from pipeline.morph.kk_suffixes import Cand
    listed = Cand("бала", "N", (), frozenset())  # a hand-written stem is not re-read
    assert kk._case_after_possessive(listed, segment("бала")) is None
    induced = Cand("корпорациясына", "N", (), frozenset())
    assert kk._case_after_possessive(induced, segment("корпорациясына")).stem == "корпорация"


@pytest.mark.parametrize("words,i,expected", [
    (["Ол", "«Қазақмыс»", "корпорациясына", "барды", "."], 3, ("бар", "VERB")),  # бар is also ADJ
    (["Ол", "үйге", "барды"], 2, ("бар", "VERB")),
    (["Оның", "үйі", "барды", "көрді"], 2, ("бар", "ADJ")),  # an object before its verb stays nominal
])
def test_morph_kk_accusative_cannot_close_a_clause(words, i, expected):
    assert kk.analyze(words)[i] == expected


@pytest.mark.parametrize("word,lemma", [("иран", "иран"), ("ирандағы", "иран"), ("әзірбайжандар", "әзірбайжан")])
def test_morph_kk_lower_case_word_is_no_name(word, lemma):
    assert kk.analyze(["ол", word])[1] == (lemma, "NOUN")
    assert kk.analyze(["ол", word.capitalize()])[1][1] == "PROPN"


@pytest.mark.parametrize("words,i,expected", [
    (["Ол", "үйге", "келді", "де", ",", "кітабын", "алды", "."], 3, ("да", "CCONJ")),  # after a finite verb
    (["Ол", "келеді", "де", "кетеді", "."], 2, ("да", "CCONJ")),
    (["Ол", "да", "үйге", "келді", "."], 1, ("да", "ADV")),  # after a nominal: 'also'
])
def test_morph_kk_da_after_a_finite_verb_joins_clauses(words, i, expected):
    assert kk.analyze(words)[i] == expected


def test_morph_kk_finite_reads_verb_feats():
    assert kk._finite("V:PAST") and kk._finite("V:NEG+PRES")
    assert not kk._finite("V:VN") and not kk._finite("V:CONVP") and not kk._finite("N:ACC")


@pytest.mark.parametrize("words,i,expected", [
    (["Ол", "неліктен", "келді", "?"], 1, ("неліктен", "ADV")),  # interrogative adverb
    (["Заңға", "сәйкес", "шешім", "қабылданды", "."], 1, ("сәйкес", "ADP")),  # postposition of the dative
    (["Ол", "кейде", "келеді", "."], 1, ("кейде", "ADV")),
    (["Осылайша", "жұмыс", "аяқталды", "."], 0, ("осылайша", "ADV")),
    (["Әлгі", "кісі", "келді", "."], 0, ("әлгі", "DET")),
])
def test_morph_kk_closed_class_words(words, i, expected):
    assert kk.analyze(words)[i] == expected
