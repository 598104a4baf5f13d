"""Russian organisation mentions: natasha's NER (the language layer's one tagger, and the
optional Russian CRF of :mod:`pipeline.extract.ru_ner`), completed by rules, and the Russian
nominative of a name.

The rules live by family: the completion of news NER's spans
(:mod:`~pipeline.extract.org_ru_complete`), the context rules
(:mod:`~pipeline.extract.org_ru_context`), the document pass
(:mod:`~pipeline.extract.org_ru_document`); all of them read the sentence's words as the
language layer analysed them (:mod:`~pipeline.extract.org_ru_words`).
"""
from __future__ import annotations

import re
from typing import Optional, Sequence, Union

from pipeline.extract import ru_ner
from pipeline.extract.org_kk import _ABBR, _legal_forms, _not_orgs, _quote_groups, legal_form_of, split_suffix
from pipeline.extract.org_ru_complete import adjective_heads, complete_spans, not_org_head
from pipeline.extract.org_ru_context import context_spans
from pipeline.extract.org_ru_document import document_mentions
from pipeline.extract.org_ru_words import (
    RuSentence, as_sentence, known_common, list_start, ru_descriptors, ru_lemma,
    sentence_from_tokens, sentence_of,
)
from pipeline.morph import ner_tagger, nominative_phrase

# capital letters: legal forms and abbreviations (most sentences have none)
_RU_CAPS = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2}")

# the names the organisations module and its tests use
complete_ru_spans = complete_spans
ru_adjective_heads = adjective_heads
ru_context_spans = context_spans
ru_document_mentions = document_mentions
_ru_not_org_head = not_org_head
_ru_list_start = list_start
_ru_lemma = ru_lemma
_ru_descriptors = ru_descriptors


def nominative_ru(name: str) -> str:
    """The head noun and the adjectives before it in the nominative, agreeing in gender:
    ``Министерства юстиции`` → ``Министерство юстиции``; ``Государственной думы`` →
    ``Государственная дума``; ``Уголовному кодексу РФ`` → ``Уголовный кодекс РФ``."""
    return " ".join(nominative_phrase(name.split(" ")))


def load_ru_ner():
    """natasha's news NER tagger: the language layer's one instance (None if unavailable)."""
    try:
        return ner_tagger()
    except ImportError:  # pragma: no cover - natasha is a dependency
        return None


def ru_org_spans(texts: Sequence[Union[str, RuSentence]], *, ner=None, raw: Optional[list] = None
                 ) -> list[list[tuple[int, int]]]:
    """Organisation spans in each Russian sentence of ``texts`` (one batched NER pass); a
    sentence is its text or its :class:`RuSentence` (the analysis's words).

    natasha ORG spans, completed: a following genitive place (``Министерство юстиции``
    ``Республики Казахстан``), a following ORG in the genitive (``Мажилис`` ``Парламента``),
    a legal form before a quote. ``raw``, if given, receives natasha's own (start, stop, type)
    spans of each text.
    """
    ner = ner or load_ru_ner()
    if ner is None or not texts:
        return [[] for _ in texts]
    sents = [as_sentence(t) for t in texts]
    crf = ru_ner.load_tagger()
    out = []
    for sent, markup in zip(sents, _ner_map(ner, [s.text for s in sents])):
        spans = [(s.start, s.stop, s.type) for s in markup.spans]
        if raw is not None:
            raw.append(spans)
        # the CRF (models/ru_org_crf.*, off unless ru_ner.enable()) decides, with natasha and
        # the completions as evidence
        if crf is not None:
            out.append(ru_ner.org_spans(sent.text, spans, ru_rule_spans(sent, spans), crf))
        else:
            done = complete_spans(sent, spans, nested=True, extend=True)
            done += adjective_heads(sent, done)
            adds, blocks = context_spans(sent, spans, done)
            done = [(s, e) for s, e in done if not any(a <= s and e <= b for a, b in blocks)]
            out.append(sorted(x for x in done + adds if not heading_word(sent, *x)))
    return out


# a word of capitals that the language layer reads so is a numeral (II, XIV), not an abbreviation
_NUMERAL_UPOS = frozenset({"NUM", "ADJ"})


def form_candidates(sent: RuSentence) -> list[dict]:
    """The mentions of a Russian sentence that its capitals mark, read off the language layer's
    tokens (offsets in ``sent.text``): a quoted name with a legal form right before or after the
    quotes (``ТОО «Кайнар»``, ``«Кайнар» ЖШС``: name ``Кайнар``, legal form ``ТОО``), and every
    other word of two to six capitals that is neither a legal form, nor a listed non-organisation,
    nor read as a number (a Roman numeral: ``главе IV``) (``МВД``, ``ҚХА-ның``: kind ``abbr``). These are written alike in Russian and Kazakh text;
    no Kazakh rule (head nouns, case endings) is run on a Russian sentence.

    >>> s = sentence_of("Директор ТОО «Кайнар» выступил в МВД.")
    >>> [(d["name"], d["legal_form"], d["kind"]) for d in form_candidates(s)]
    [('Кайнар', 'ТОО', 'name'), ('МВД', None, 'abbr')]
    >>> form_candidates(sentence_of("Глава IV."))
    []
    """
    toks = sent.tokens
    n = len(toks)
    out: list[dict] = []
    taken = [False] * n
    for qi, qj in _quote_groups([(t.start, t.end, t.text) for t in toks]):
        if any(taken[qi:qj + 1]):
            continue
        lf, at = (legal_form_of(toks[qj + 1].text), qj + 1) if qj + 1 < n else (None, qj)
        if lf is None and qi > 0:
            lf, at = legal_form_of(toks[qi - 1].text), qi - 1
        if lf is None:
            continue
        s, e = toks[qi + 1].start, toks[qj - 1].end
        out.append({"start": s, "end": e, "name": re.sub(r"\s+", " ", sent.text[s:e]), "legal_form": lf,
                    "kind": "name", "descriptor": None})
        for k in (*range(qi, qj + 1), at):
            taken[k] = True
    for k, t in enumerate(toks):
        if taken[k]:
            continue
        base = split_suffix(t.text)[0]
        if t.upos in _NUMERAL_UPOS:
            continue  # the layer reads it as a number: главе IV, раздел II.1
        if _ABBR.match(base) and base not in _legal_forms() and base.lower() not in _not_orgs():
            out.append({"start": t.start, "end": t.end, "name": base, "legal_form": None, "kind": "abbr",
                        "descriptor": None})
    return out


def heading_word(sent: RuSentence, s: int, e: int) -> bool:
    """The span is the sentence's one word, a dictionary common noun: a heading (``Отчёт``,
    ``Почта`` on a line of their own), not an organisation (but ``Газпром.``)."""
    words = sent.words
    return len(words) == 1 and (words[0].start, words[0].end) == (s, e) and \
        words[0].upos in ("NOUN", "PROPN") and known_common(words[0])


def ru_rule_spans(text: Union[str, RuSentence], spans: Sequence[tuple[int, int, str]]
                  ) -> list[tuple[int, int]]:
    """The rule spans the Russian CRF reads as a feature: the plain completion of natasha's
    ``spans``, place adjective + generic head, and the context rules (titles cleared)."""
    sent = as_sentence(text)
    done = complete_spans(sent, spans)
    done += adjective_heads(sent, done)
    adds, blocks = context_spans(sent, spans, done)
    return sorted([(s, e) for s, e in done if not any(a <= s and e <= b for a, b in blocks)]
                  + adds)


def _ner_map(ner, texts: Sequence[str]) -> list:
    """natasha's NER markups of ``texts``, in order, computed with the sentences sorted by
    length so that each batch pads little (the spans are the same as in text order: checked
    on the factRuEval devset, about 20 % less CPU)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list = [None] * len(texts)
    for i, markup in zip(order, ner.map([texts[i] for i in order])):
        out[i] = markup
    return out


__all__ = ["RuSentence", "complete_ru_spans", "load_ru_ner", "nominative_ru", "ru_adjective_heads",
           "ru_context_spans", "ru_document_mentions", "ru_org_spans", "form_candidates", "ru_rule_spans",
           "sentence_from_tokens"]
