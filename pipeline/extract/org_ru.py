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
from pipeline.extract.org_kk import (
    _ABBR, CLOSE_Q, OPEN_Q, _legal_forms, _not_orgs, _quote_groups, legal_form_of, split_suffix,
)
from pipeline.extract.org_ru_complete import PERSON_TITLES, adjective_heads, complete_spans, not_org_head
from pipeline.extract.org_ru_context import context_spans, state_bodies
from pipeline.extract.org_ru_document import document_mentions
from pipeline.extract.org_ru_tidy import quote_depth, tidy_span
from pipeline.extract.org_ru_words import (
    RuSentence, RuWord, as_sentence, known_common, list_start, relational_adj, ru_descriptors,
    ru_generic_heads, ru_lemma,
    sentence_from_tokens,
)
from pipeline.morph import ner_tagger, nominative_phrase, readings
from pipeline.resources import load_map, load_set

# capital letters: legal forms and abbreviations (most sentences have none)
_RU_CAPS = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2}")

# the names the organisations module and its tests use
complete_ru_spans = complete_spans
ru_adjective_heads = adjective_heads
ru_context_spans = context_spans
ru_document_mentions = document_mentions
ru_state_bodies = state_bodies
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
            named = (name_part(sent, *y) for x in done + adds if not heading_word(sent, *x)
                     for y in tidy_span(sent, *x))
            out.append(sorted({y for x in named if x is not None for y in comma_parts(sent.text, *x)}))
    return out


# the word forms of a clause's verb (a participle, ``Объединённых``, can stand in a name)
_CLAUSE_VERB = re.compile(r"VerbForm=(?:Fin|Inf|Conv)")
# a character reference of markup left in the text: ``&quot;``, ``&#171;``
_ENTITY_NAME = re.compile(r"[a-zA-Z]{2,8}|#\d{1,5}")
# a word and a number joined by a hyphen outside quotes designates a model, a series or a
# disease (Covid-19, Су-27, Boeing-737), not an organisation; one letter and a number is a
# group by its number of members (G-20, Г-8), which is one
_DESIGNATION = re.compile(r"[^\W\d_]{2,}-\d+")
# what a name is made of: a noun, a proper noun, a foreign word
_NOUN_LIKE = frozenset({"NOUN", "PROPN", "X"})
_PROPER_MARKS = frozenset(("Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))


# acts that a body issues (a programme or a convention may name a body: Программа развития ООН)
_ISSUED = frozenset(("law", "code", "decree", "resolution"))


def _act_heads() -> frozenset[str]:
    """Nouns of documents that open no name: the heads of issued acts (``ru/legal_heads.txt``)
    and the kinds of document an act speaks of (``ru/org_document_kinds.txt``: решение,
    приложение)."""
    return frozenset(k for k, kind in load_map("ru/legal_heads.txt").items() if kind in _ISSUED) | \
        load_set("ru/org_document_kinds.txt")


def _state_body_nouns() -> frozenset[str]:
    return load_set("ru/org_state_bodies.txt")


def _bare_rest(words: Sequence[RuWord], quoted: set[int]) -> bool:
    """What is left of a span after the document or the office that opened it is written in
    lower-case common words only, none of which heads an organisation (``Акима | области``,
    ``Акимы | районов и городов``): a place or a kind of place, not a name."""
    heads = ru_descriptors() | ru_generic_heads() | _state_body_nouns()
    return bool(words) and not any(w.start in quoted for w in words) and all(
        w.text.islower() and w.lemma.lower() not in heads for w in words)


def clause_verb(w: RuWord) -> bool:
    """A verb that makes a clause (finite, infinitive, converb), as the layer read it in its
    sentence: ``РЕШИЛ``, ``хранятся``, ``Окончил``; not a participle (``Объединённых``)."""
    return w.upos in ("VERB", "AUX") and (not w.feats or bool(_CLAUSE_VERB.search(w.feats)))


def common_in_capitals(word: str) -> bool:
    """A word written in capitals that is a dictionary common word in every reading (``ОХРАНОЙ``,
    ``ТРУДА``, ``ЗА``), not an abbreviation or a name (``МИД``, ``ООН``, ``КАЗАХСТАН``)."""
    rs = readings(word.lower())
    return bool(rs) and all(r.known and not (_PROPER_MARKS & r.grammemes) for r in rs)


def capitals_heading(words: Sequence[RuWord]) -> bool:
    """Two words or more in capitals, each a common word (a letter alone is not read), none an
    organisation's head noun: a heading (``КОНТРОЛЬ ЗА УСЛОВИЯМИ И ОХРАНОЙ ТРУДА``), not a name
    (``МИНИСТЕРСТВО ЮСТИЦИИ``, ``АЛМАТИНСКИЙ ОБЛАСТНОЙ МАСЛИХАТ``: a word the dictionary does not
    know)."""
    heads = ru_descriptors() | ru_generic_heads()
    return sum(len(w.text) > 1 for w in words) >= 2 and all(w.text.isupper() for w in words) and \
        all(len(w.text) == 1 or common_in_capitals(w.text) and w.text.lower() not in heads and
            ru_lemma(w.text.lower()) not in heads for w in words)


def _heading_words(sent: RuSentence) -> set[int]:
    """The starts of the words of every run of capitals in ``sent`` that is a heading."""
    out: set[int] = set()
    run: list[RuWord] = []
    for w in sent.words + [None]:
        if w is not None and w.text.isupper() and (not run or not sent.text[run[-1].end:w.start].strip()):
            run.append(w)
            continue
        if capitals_heading(run):
            out.update(x.start for x in run)
        run = [w] if w is not None and w.text.isupper() else []
    return out


def _name_word(w: RuWord, quoted: set[int]) -> bool:
    """A word that can carry a name: a noun, a proper noun or a foreign word that is not a place
    adjective the layer took for a name (``Алматинского``), an abbreviation, or a quoted word
    with a letter (not ``«15»`` of a date)."""
    if w.start in quoted:
        return any(c.isalpha() for c in w.text)
    return bool(_ABBR.match(w.text)) or w.upos in _NOUN_LIKE and not relational_adj(w.text)


def _adjective_name(words: Sequence[RuWord]) -> bool:
    """Capitalised adjectives standing for a name (``Худрук Большого``), not a place adjective
    (``Алматинского`` of a place, whose head noun the span left out)."""
    return bool(words) and words[0].text[:1].isupper() and \
        all(w.upos == "ADJ" and not relational_adj(w) for w in words)


# a surname with its initials, the last dot left out of the span: Булекбаева Н.Д
_PERSON_INITIALS = re.compile(r"[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё-]+")


def _title_end(words: Sequence[RuWord]) -> int:
    """How many words at the start name persons by their office (adjectives and a title noun:
    ``Генеральных директоров``, ``Председатель``, ``Акимы`` that the layer took for a name
    written with a capital); 0 if none."""
    k = 0
    while k < len(words) and words[k].upos == "ADJ":
        k += 1
    if k < len(words) and words[k].upos in ("NOUN", "PROPN") and (
            words[k].lemma.lower() in PERSON_TITLES or
            words[k].upos == "PROPN" and ru_lemma(words[k].text.lower()) in PERSON_TITLES):
        return k + 1
    return 0


def name_part(sent: RuSentence, s: int, e: int) -> Optional[tuple[int, int]]:
    """The part of an organisation span that can be a name, or None when there is none.

    Outside quotes, a name stops at a clause verb (``Маслихат РЕШИЛ:`` -> ``Маслихат``; a span
    that opens with one starts after it: ``Окончил философский факультет МГУ`` -> ``философский
    факультет МГУ``) and at a character reference of markup (``ППБ&quot;`` -> ``ППБ``); a name
    does not open with the name of an act (``Постановлением Правительства`` -> ``Правительства``)
    nor with an office held by persons (``Генеральных директоров`` ...); a surname with initials
    is a person (``Булекбаева Н.Д``).
    Of the pieces left, the first with a noun, a proper noun or a foreign word is the name (or
    with capitalised adjectives that stand for one: :func:`_adjective_name`); a span of numbers,
    place adjectives or adverbs alone (``15``, ``Алматинского``, ``Ежеквартально``) and a
    heading in capitals (:func:`capitals_heading`) are none.
    """
    toks = [t for t in sent.tokens if s <= t.start and t.end <= e]
    pieces: list[list[RuWord]] = [[]]
    depth = quote_depth(sent, s)
    if not depth and _DESIGNATION.fullmatch(sent.text[s:e]):
        return None  # Covid-19, Су-27, Boeing-737: a model, a series or a disease by its number
    quoted: set[int] = set()  # a quoted name may be any word: «Говорит Москва», «Уральской стали»
    for k, t in enumerate(toks):
        if t.text in OPEN_Q:
            depth += 1
        elif t.text in CLOSE_Q:
            depth = max(0, depth - 1)
        elif t.text == "&" and k + 1 < len(toks) and toks[k + 1].start == t.end and \
                _ENTITY_NAME.fullmatch(toks[k + 1].text):
            break  # ППБ&quot; the markup's quote and all after it
        elif depth == 0 and clause_verb(t):
            pieces.append([])
            continue
        pieces[-1].append(t)
        if depth:
            quoted.add(t.start)
    whole = len(pieces) == 1 and len(pieces[0]) == len(toks)
    for piece in pieces:
        words = [w for w in piece if w.text[:1].isalnum()]
        if len(words) > 1 and words[0].upos == "NOUN" and words[0].lemma.lower() in _act_heads():
            piece = piece[piece.index(words[0]) + 1:]
            words = words[1:]
            whole = False
        k = _title_end(words)
        if k:  # Генеральных директоров Алматинского ...: persons by their office
            piece = piece[piece.index(words[k - 1]) + 1:]
            words = words[k:]
            whole = False
        if not whole and _bare_rest(words, quoted):
            continue  # Решению Акима области: the office's place, no name
        if piece and _PERSON_INITIALS.fullmatch(sent.text[piece[0].start:piece[-1].end]):
            continue  # Булекбаева Н.Д: a person
        if not (any(_name_word(w, quoted) for w in words) or _adjective_name(words)) \
                or capitals_heading(words):
            continue
        if whole or not toks:
            return s, e
        while piece and not (piece[-1].text[:1].isalnum() or piece[-1].text in CLOSE_Q):
            piece = piece[:-1]
        while piece and not (piece[0].text[:1].isalnum() or piece[0].text in OPEN_Q):
            piece = piece[1:]
        if piece:
            return piece[0].start, piece[-1].end
    return (s, e) if not toks else None


def form_candidates(sent: RuSentence) -> list[dict]:
    """The mentions of a Russian sentence that its capitals mark, read off the language layer's
    tokens (offsets in ``sent.text``): a quoted name with a legal form right before or after the
    quotes (``ТОО «Кайнар»``, ``«Кайнар» ЖШС``: name ``Кайнар``, legal form ``ТОО``), and every
    other word of two to six capitals that is neither a legal form, nor a listed non-organisation,
    nor read by the layer as other than a noun (a Roman numeral: ``главе IV``; a verb: ``РЕШИЛ:``),
    nor a word of a heading in capitals (:func:`capitals_heading`) (``МВД``, ``ҚХА-ның``: kind
    ``abbr``). These are written alike in Russian and Kazakh text; no Kazakh rule (head nouns,
    case endings) is run on a Russian sentence.

    >>> s = sentence_of("Директор ТОО «Кайнар» выступил в МВД.")
    >>> [(d["name"], d["legal_form"], d["kind"]) for d in form_candidates(s)]
    [('Кайнар', 'ТОО', 'name'), ('МВД', None, 'abbr')]
    >>> form_candidates(sentence_of("Глава IV."))
    []
    >>> form_candidates(sentence_of("Областной маслихат РЕШИЛ:"))
    []
    >>> form_candidates(sentence_of("III. КОНТРОЛЬ ЗА УСЛОВИЯМИ И ОХРАНОЙ ТРУДА"))
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
    headings: Optional[set[int]] = None
    for k, t in enumerate(toks):
        if taken[k]:
            continue
        base = split_suffix(t.text)[0]
        if t.upos not in _NOUN_LIKE:
            continue  # a number (главе IV, раздел II.1), a verb (РЕШИЛ:), a preposition
        if _ABBR.match(base) and base not in _legal_forms() and base.lower() not in _not_orgs():
            if headings is None:
                headings = _heading_words(sent)
            if t.start in headings:
                continue  # a word of a heading in capitals: ОХРАНОЙ ТРУДА
            out.append({"start": t.start, "end": t.end, "name": base, "legal_form": None, "kind": "abbr",
                        "descriptor": None})
    return out


def heading_word(sent: RuSentence, s: int, e: int) -> bool:
    """The span is the sentence's one word, a dictionary common noun: a heading (``Отчёт``,
    ``Почта`` on a line of their own), not an organisation (but ``Газпром.``)."""
    words = sent.words
    return len(words) == 1 and (words[0].start, words[0].end) == (s, e) and \
        words[0].upos in ("NOUN", "PROPN") and known_common(words[0])


_COMMA_ABBR = re.compile(r",\s+([A-ZА-ЯЁ]{2,6})$")


def comma_parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A name does not run over a comma onto an abbreviation: ``Rassemblement pour le Mali,
    RPM`` is the name and its abbreviation, two mentions."""
    m = _COMMA_ABBR.search(text, s, e)
    if m is None or m.start() == s:
        return [(s, e)]
    return [(s, m.start()), (m.start(1), m.end(1))]


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
           "ru_state_bodies", "sentence_from_tokens"]
