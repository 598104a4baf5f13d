"""The language layer: it owns the word. Tokens, lemmas, UPOS and features per language,
through a dict of backends keyed by language code.

What extractors use (nothing else may split words, stem, or call pymorphy3):

* ``a.tokens_of(sent_id)`` (:class:`pipeline.model.Token`): every sentence is tokenized and
  analysed once by the ``tokens`` stage; each token has ``text``, ``norm`` (as read in the
  normalised view), ``lemma``, ``upos`` and ``feats``: UD features of the analysis chosen in
  context (Russian: the pymorphy3 tag of that parse, ``"Case=Gen|Gender=Fem|Number=Sing"``;
  "" where a backend gives none).
* :func:`analyze_phrase` ``(words, lang) -> list[Word]``: the same analysis, in context, of a
  phrase that is not a whole sentence of the text (a name, a table header).
* Russian words out of context (:mod:`pipeline.morph.ru_words`): :func:`readings` (every
  dictionary reading: lemma, OpenCorpora POS and grammemes, UPOS, UD feats, score, known),
  :func:`inflect` (a form with the UD features asked for) and :func:`nominative_phrase`
  (``Министерства юстиции`` -> ``Министерство юстиции``, for an organisation's canonical name).
* :func:`morph_analyzer`, :func:`ner_tagger`: the process's one pymorphy3 analyser and one
  slovnet NER tagger on the shared navec embedding, for what the functions above do not cover.
* :func:`tokenize` (``pipeline.morph.tokenize``): the one word splitter, ``(start, end)`` spans.

Each backend module exposes ``analyze(words) -> list[(lemma, upos)]`` for one sentence, in
context, and may expose ``analyze_many(sentences)`` (batched) and ``tag_many(sentences)`` ->
``list[list[(lemma, upos, feats)]]``.
"""
from __future__ import annotations

import importlib
from collections import OrderedDict
from functools import lru_cache
from typing import NamedTuple, Sequence

from pipeline.morph.tokenize import tokenize

BACKENDS = {"kk": "pipeline.morph.kk", "ru": "pipeline.morph.ru", "en": "pipeline.morph.en"}

__all__ = ["Word", "analyze", "analyze_many", "tag_many", "analyze_phrase", "tokenize",
           "readings", "inflect", "nominative_phrase", "morph_analyzer", "ner_tagger", "backend"]


class Word(NamedTuple):
    """The analysis of one word in context."""

    lemma: str
    upos: str
    feats: str = ""


_new_word = tuple.__new__  # Word from a (lemma, upos, feats) triple without NamedTuple's __new__ frame


@lru_cache(maxsize=None)
def backend(lang: str):
    """The analyser module for ``lang``; unknown languages fall back to a pass-through."""
    name = BACKENDS.get(lang)
    if name is None:
        return importlib.import_module("pipeline.morph.other")
    return importlib.import_module(name)


# The stages ask about the same sentence more than once (tokens, then a phrase an extractor
# analyses): the last sentences' analyses are kept, so a tagger runs once per sentence.
_RECENT: "OrderedDict[tuple, list[Word]]" = OrderedDict()
_RECENT_MAX = 4096


def _remember(key: tuple, value: list[Word]) -> None:
    _RECENT[key] = value
    if len(_RECENT) > _RECENT_MAX:
        _RECENT.popitem(last=False)


def tag_many(sentences: Sequence[Sequence[str]], lang: str) -> list[list[Word]]:
    """:class:`Word` (lemma, upos, feats) for each word of many sentences in language ``lang``;
    batched where the backend can."""
    out: list = [None] * len(sentences)
    todo = []
    for k, s in enumerate(sentences):
        if not s:
            out[k] = []
            continue
        hit = _RECENT.get((lang, tuple(s)))
        if hit is not None:
            out[k] = list(hit)
        else:
            todo.append(k)
    if todo:
        mod = backend(lang)
        words = [list(sentences[k]) for k in todo]
        if hasattr(mod, "tag_many"):
            res = mod.tag_many(words)
        elif hasattr(mod, "analyze_many"):
            res = [[(lem, u, "") for lem, u in row] for row in mod.analyze_many(words)]
        else:
            res = [[(lem, u, "") for lem, u in mod.analyze(w)] for w in words]
        for k, row in zip(todo, res):
            row = [_new_word(Word, w if len(w) == 3 else (w[0], w[1], "")) for w in row]
            _remember((lang, tuple(sentences[k])), row)
            out[k] = list(row)
    return out


def analyze_phrase(words: Sequence[str], lang: str) -> list[Word]:
    """:class:`Word` (lemma, upos, feats) for each word of a phrase, analysed in context."""
    if not words:
        return []
    return tag_many([list(words)], lang)[0]


def analyze(words: Sequence[str], lang: str) -> list[tuple[str, str]]:
    """(lemma, upos) for each word of one sentence in language ``lang``."""
    return [(w.lemma, w.upos) for w in analyze_phrase(words, lang)]


def analyze_many(sentences: Sequence[Sequence[str]], lang: str) -> list[list[tuple[str, str]]]:
    """(lemma, upos) for many sentences at once; batched where the backend can."""
    return [[(w.lemma, w.upos) for w in row] for row in tag_many(sentences, lang)]


def morph_analyzer():
    """The process's one pymorphy3 ``MorphAnalyzer`` (Russian)."""
    return backend("ru").morph_analyzer()


def ner_tagger():
    """The process's one slovnet news NER tagger (natasha ``NewsNERTagger``), sharing the
    navec embedding with the morphology tagger. Cheap to ask for: the model loads when a
    sentence first needs it, and ``map`` skips sentences without a possible name
    (:mod:`pipeline.morph.ru_ner_tagger`)."""
    return importlib.import_module("pipeline.morph.ru_ner_tagger").ner_tagger()


def readings(word: str, lang: str = "ru"):
    """Every dictionary reading of a word form out of context (:class:`ru_words.Reading`)."""
    return _words(lang).readings(word)


def inflect(word: str, feats, lang: str = "ru", **kw):
    """The form of ``word`` with UD features ``feats``; None when it cannot take them."""
    return _words(lang).inflect(word, feats, **kw)


def nominative_phrase(words: Sequence[str], lang: str = "ru") -> list[str]:
    """A name phrase with its head noun and the adjectives before it in the nominative."""
    return _words(lang).nominative_phrase(words)


_WORDS = {"ru": "pipeline.morph.ru_words"}


def common_word(lemma: str, lang: str) -> bool:
    """The lemma is a common word of the language's lexicon (``шара``), not a name or an abbreviation
    (``СЭС``); False for a language without a lexicon of its own."""
    fn = _COMMON.get(lang)
    return bool(fn and getattr(importlib.import_module(fn[0]), fn[1])(lemma))


_COMMON = {"kk": ("pipeline.morph.kk_lexicon", "common_word")}


def _words(lang: str):
    name = _WORDS.get(lang)
    if name is None:
        raise ValueError(f"E111 no out-of-context word functions for language {lang!r}")
    return importlib.import_module(name)
