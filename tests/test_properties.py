"""Property-based tests (hypothesis) of every stage over random Unicode text.

For any input: no exception, offsets valid, ``source_text[start:end] == text`` for
every record, and the same output for the same input.

Examples per test: ``DEREK_HYPOTHESIS=fuzz`` runs 10 000 (bench: ``bench/fuzz.py --engine
hypothesis`` or ``DEREK_HYPOTHESIS=fuzz pytest tests/test_properties.py``); the default
keeps the suite fast.
"""
from __future__ import annotations

import dataclasses
import json
import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.analyze import process
from pipeline.ingest import clean_text
from pipeline.langid import detect_language
from pipeline.morph.tokenize import tokenize
from pipeline.normalize import normalize
from pipeline.resources import load_map
from pipeline.segment import segment, sentence_spans

PROFILE = os.environ.get("DEREK_HYPOTHESIS", "ci")
_N = {"fuzz": 10_000, "ci": None}[PROFILE]


def examples(ci: int) -> settings:
    """``ci`` examples in the normal suite, 10 000 under DEREK_HYPOTHESIS=fuzz."""
    return settings(max_examples=_N or ci, deadline=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# --- strategies ---------------------------------------------------------------------------------

# pieces of the articles derek reads: words, numbers, punctuation, line structure, headers, captions
FRAGMENTS = [
    "Қазақстан", "Республикасында", "медиаторлар", "саны", "ҚХА-ның", "3000-ға", "жуық", "өтініш", "т.б.", "ж.",
    "Медиация", "институттары", "В", "2019", "году", "число", "выросло", "на", "15%", "г.", "т.е.", "Закон",
    "«О медиации»", "the", "number", "of", "mediators", "grew", "by", "70-80%", "30 057", "1,5 млн", "[1]",
    "[2, 3]", "(2017)", "—", "–", "-", ".", ",", ";", ":", "!", "?", "…", "»", "«", "\"", " ", " ", " ", "\n",
    "\n", "\n\n", "-\n", "\r\n", "\t", "\u00a0", "\u202f", "\f", "1 – кесте", "Таблица 2", "Ескерту:",
    "Аңдатпа.", "Түйін сөздер:", "Ключевые слова:", "Әдебиеттер", "Литература", "Annotation.",
    "ҚАЗАҚСТАНДАҒЫ САЯСИ МЕДИАЦИЯ", "А\nқ\nп\nа\nр", "cанап", "Hеліне", "e\u0301", "и\u0306", "\u0301",
    "http://www.mpc-info.kz/kk/", "name@mail.kz", "https://x.ru/a.b.", "ЖШС", "АҚ", "ООО «Ромашка»",
    "2017 4197 7298 1435", "    12", "1.", "2)", "•", "ұсынамыз", "необходимо", "should", "%", "№",
    "\x00", "\ud800", "\ufeff", "\u200b", "\u2028", "\x85", "\x1c", "ǅ", "ß", "İ", "ﬁ", "𝐀", "😀",
]

_chars = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)  # surrogates and controls included
raw_text = st.text(_chars, max_size=200)
piece_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(_chars, max_size=3)), max_size=60).map("".join)
# Cyrillic-heavy text of letters, digits, punctuation and line structure
script_text = st.text(st.sampled_from(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ"
    "abcdeHKMOPTXcopx0123456789 .,;:!?-–—«»\"()[]%\n\n\n\t\u00a0\u0301"), max_size=400)
any_text = st.one_of(raw_text, piece_text, script_text)


# --- checks ------------------------------------------------------------------------------------------


def check_spans(obj, source: str, path: str = "a") -> int:
    """Every record (dataclass or dict) with start/end has valid offsets; with text too, the slice is it.

    Returns the number of records checked.
    """
    n = 0
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        obj = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        if "start" in obj and "end" in obj and isinstance(obj["start"], int):
            s, e = obj["start"], obj["end"]
            assert 0 <= s <= e <= len(source), (path, s, e, len(source))
            if isinstance(obj.get("text"), str):
                assert source[s:e] == obj["text"], (path, source[s:e], obj["text"])
            n += 1
        for k, v in obj.items():
            if isinstance(v, (dict, list, tuple)) or dataclasses.is_dataclass(v):
                n += check_spans(v, source, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            n += check_spans(v, source, f"{path}[{i}]")
    return n


def check_view(view, text: str) -> None:
    assert len(view.src) == len(view.text) + 1
    assert all(0 <= x <= len(text) for x in view.src)
    assert all(a <= b for a, b in zip(view.src, view.src[1:])), "view offsets go backwards"
    hg = load_map("common/homoglyphs.txt")
    for i, ch in enumerate(view.text):
        if ch.isspace():
            continue
        s = text[view.src[i]]
        # the same character, its homoglyph fix, or a composition that starts with it (Ô + ̀ -> Ồ)
        d = unicodedata.normalize("NFD", ch)
        assert ch in (s, hg.get(s)) or any(x and d.startswith(unicodedata.normalize("NFD", x))
                                           for x in (s, hg.get(s))), (i, ch, s)


# --- stages ----------------------------------------------------------------------------------------


@examples(300)
@given(any_text)
def test_properties_clean_text(text):
    t = clean_text(text)
    assert clean_text(t) == t
    assert not any("\ud800" <= c <= "\udfff" or c == "\x00" for c in t)


@examples(300)
@given(any_text)
def test_properties_normalize(text):
    v = normalize(text)
    check_view(v, text)
    for i in range(0, len(v.text) + 1, max(1, len(v.text) // 7)):
        for j in (i, min(len(v.text), i + 3), len(v.text)):
            s, e = v.to_source(i, j)
            assert 0 <= s <= e <= len(text)
        assert 0 <= v.from_source(v.src[i]) <= i
    assert normalize(text) == v


@examples(200)
@given(any_text)
def test_properties_segment(text):
    view, documents, paragraphs = segment(text, source_id="p")
    check_view(view, text)
    check_spans(documents, text)
    check_spans(paragraphs, text)
    for d in documents:
        for s in d.sections:
            assert d.start <= s.start <= s.end <= d.end
    for a, b in zip(paragraphs, paragraphs[1:]):
        assert a.end <= b.start
    assert segment(text, source_id="p") == (view, documents, paragraphs)


@examples(300)
@given(any_text)
def test_properties_langid(text):
    lang = detect_language(text)
    assert lang in ("kk", "ru", "en", "other")
    assert detect_language(text) == lang
    assert detect_language(text, default="kk") in ("kk", "ru", "en", "other")


@pytest.mark.parametrize("lang", ["kk", "ru", "en", "other"])
@examples(150)
@given(text=any_text)
def test_properties_tokenize(lang, text):
    spans = tokenize(text, lang)
    prev = 0
    covered = set()
    for a, b in spans:
        assert prev <= a < b <= len(text), (a, b)
        assert not text[a].isspace() and not text[b - 1].isspace(), text[a:b]
        prev = b
        covered.update(range(a, b))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace()), "a character fell out of every token"
    assert tokenize(text, lang) == spans


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@examples(100)
@given(text=any_text)
def test_properties_sentence_spans(lang, text):
    spans = sentence_spans(text, lang)
    prev = 0
    for a, b in spans:
        assert prev <= a < b <= len(text)
        prev = b
    assert sentence_spans(text, lang) == spans


@examples(100)
@given(any_text)
def test_properties_sentences(text):
    a = process(text, source_id="s", stages=("segment",))
    src = a.source.text
    assert src == clean_text(text)
    check_spans(a.sentences, src)
    ids = [s.sent_id for s in a.sentences]
    assert len(ids) == len(set(ids))
    for s in a.sentences:
        assert s.start < s.end and s.lang in ("kk", "ru", "en", "other")
        assert 0 <= s.vstart < s.vend <= len(a.view.text)
        assert a.view.to_source(s.vstart, s.vend) == (s.start, s.end)


def _process_all(text: str):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an extractor not installed yet is skipped with a warning
        return process(text, source_id="p")


@examples(60)
@given(any_text)
def test_properties_process(text):
    from pipeline.export import facts, rows

    a = _process_all(text)
    src = a.source.text
    n = check_spans(a.sentences, src) + check_spans(a.tokens, src) + check_spans(a.documents, src)
    n += check_spans(list(a.tables) + list(a.claims) + list(a.organisations) + list(a.legal_acts)
                     + list(a.recommendations), src)
    check_spans(rows(a), src)
    assert n >= len(a.sentences) + len(a.tokens)
    for t in a.tokens:
        assert t.text and t.lang in ("kk", "ru", "en", "other")
    first = json.dumps(facts(a), ensure_ascii=False, sort_keys=True, default=str)
    again = json.dumps(facts(_process_all(text)), ensure_ascii=False, sort_keys=True, default=str)
    assert first == again, "the same input gave different output"


def test_properties_profile_is_known():
    assert PROFILE in ("ci", "fuzz"), "DEREK_HYPOTHESIS must be ci or fuzz"
