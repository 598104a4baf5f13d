"""natasha's news NER tagger as the language layer hands it out: loaded on the first sentence
it is asked about (a source without Russian sentences never loads it), and not run on a
sentence in which it has nothing to find.

natasha tags names of persons, places and organisations; in Russian these are written with a
capital letter, in quotes or in Latin letters. A sentence whose only capital is its first word,
when that word is a verb, pronoun, preposition, conjunction or adverb the dictionary knows,
gets no span from the tagger (:func:`may_hold_names`), so it is answered with an empty markup
without running the network. On the factRuEval-2016 dev and NEREL dev sentences: 267 of
2,954 Russian sentences skipped, none of them has a span when tagged.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from pipeline.morph.ru_base import ner_tagger as _natasha_ner
from pipeline.morph.ru_words import readings
from pipeline.morph.tokenize import tokenize

_NAME_MARK = re.compile(r"[«»\"“”„A-Za-z]")  # quotes and Latin letters: a name may be there
# OpenCorpora parts of speech a name (or a word of one) can be read as
_NAME_POS = frozenset({"NOUN", "ADJF", "ADJS", "PRTF", "NUMR", "COMP"})


def may_hold_names(text: str) -> bool:
    """Whether natasha's NER could find a name in the Russian sentence ``text``: it has a quote
    or a Latin letter, a capital letter in any word but the first (or inside the first), or a
    capitalised first word that could be a name: one the dictionary lacks, or that it knows as a
    noun, adjective, participle or numeral. ``Он сказал, что вернётся завтра.`` -> False;
    ``Газета сообщила об этом.`` -> True (``газета`` is a noun); ``Он приехал в Москву.`` -> True."""
    if _NAME_MARK.search(text):
        return True
    first = True
    for s, e in tokenize(text, "ru"):
        w = text[s:e]
        if not w[:1].isalnum():
            continue
        if any(c.isupper() for c in w):
            if not first or any(c.isupper() for c in w[1:]):
                return True
            rs = readings(w)
            if not rs or any(not r.known or r.pos in _NAME_POS for r in rs):
                return True
        first = False
    return False


class _Markup:
    """An empty NER markup of one sentence (what natasha returns when it finds nothing)."""

    __slots__ = ("text", "spans")

    def __init__(self, text: str):
        self.text = text
        self.spans = []


class NerTagger:
    """natasha's ``NewsNERTagger`` on the shared navec embedding, loaded on first use;
    :meth:`map` runs it only over the sentences that :func:`may_hold_names`."""

    @property
    def model(self):
        return _natasha_ner()

    def map(self, texts: Iterable[str]) -> Iterator:
        texts = list(texts)
        todo = [k for k, t in enumerate(texts) if may_hold_names(t)]
        found = dict(zip(todo, self.model.map([texts[k] for k in todo]))) if todo else {}
        for k, t in enumerate(texts):
            yield found[k] if k in found else _Markup(t)

    def __call__(self, text: str):
        return next(iter(self.map([text])))


@lru_cache(maxsize=1)
def ner_tagger() -> NerTagger:
    """The process's one NER tagger (cheap: the model loads when a sentence first needs it)."""
    return NerTagger()
