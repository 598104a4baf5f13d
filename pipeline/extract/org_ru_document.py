"""Russian organisation mentions that only the whole document shows: a name recurring without
its descriptor, its Latin-script original in brackets, and a descriptor noun referring back
to the organisation it heads. The words are the sentences' (:mod:`pipeline.extract.org_ru_words`).
"""
from __future__ import annotations

import bisect
import re
from typing import Mapping

from pipeline.extract.org_common import _CYR, Candidate
from pipeline.extract.org_kk import OPEN_Q, _not_orgs
from pipeline.extract.org_ru_complete import possessor
from pipeline.extract.org_ru_words import (
    RuSentence, RuWord, is_adjective, known_common, lemma, list_start, name_word, plural_only,
    relational_adj, ru_coref_heads, ru_descriptors, ru_not_descriptors,
)

_LATIN_PAREN = re.compile(r"[»”\"]?(?:\s*\([A-ZА-ЯЁ]{2,8}\))?\s*\(([A-Z][\w&.'’-]*"
                          r"(?: [\w&.'’-]+){0,5})\)")


class _Tok:
    """A word of the document: view offsets, the word, sentence-initial or not."""

    __slots__ = ("s", "e", "w", "first")

    def __init__(self, s: int, e: int, w: RuWord, first: bool):
        self.s, self.e, self.w, self.first = s, e, w, first

    @property
    def text(self) -> str:
        return self.w.text


def _doc_words(units, us, sentences: Mapping[int, RuSentence]) -> list[_Tok]:
    toks = []
    for u in us:
        vs = units[u][2]
        for k, w in enumerate(sentences[u].words):
            toks.append(_Tok(vs + w.start, vs + w.end, w, k == 0))
    return toks


def _words_of(toks: list[_Tok], s: int, e: int) -> list[_Tok]:
    """The document's words within ``s:e`` (``toks`` is in order)."""
    k = bisect.bisect_left(toks, s, key=lambda t: t.s)
    out = []
    while k < len(toks) and toks[k].e <= e:
        out.append(toks[k])
        k += 1
    return out


def _cores(vtext: str, dc: list, toks: list[_Tok], heads) -> dict:
    """The lemma keys of the organisations found: the whole name, and the name without its
    descriptor and adjectives (Немецкий автомобильный концерн «Фольксваген» → Фольксваген)."""
    cores: dict[tuple, Candidate] = {}
    for c in dc:
        words = _words_of(toks, c.vstart, c.vend)
        k = 0
        while k < len(words) - 1 and _CYR.search(words[k].text) and not words[k].text.isupper() \
                and (lemma(words[k].w) in ru_descriptors() or is_adjective(words[k].w)):
            k += 1
        for core in (words, words[k:]):
            if not core or not name_word(core[0].text) or len(core) > 6:
                continue
            key = tuple(lemma(t.w) for t in core)
            if not (len(key) == 1 and (key[0] in heads or key[0] in ru_descriptors())) \
                    and key[0] not in _not_orgs():
                cores.setdefault(key, c)
    return cores


def _not_names(vtext: str, toks: list[_Tok], cores: dict) -> set:
    """Names that the document also gives a descriptor of something else (шаттл
    «Дискавери»; шаттлы «Индевор» и «Атлантис»: «Атлантис» too): no organisation anywhere in
    it. Their keys leave ``cores``."""
    lems = [lemma(t.w) for t in toks]
    not_names: set = set()

    def not_listed(i: int) -> bool:
        s0 = list_start(vtext, toks[i].s)
        if s0 >= toks[i].s:
            return False
        k = bisect.bisect_right(toks, s0, key=lambda t: t.e) - 1
        if k < 0 or s0 - toks[k].s > 40 or vtext[toks[k].e:s0].strip():
            return False
        return lems[k] in ru_not_descriptors()

    for i in range(1, len(toks)):
        if not name_word(toks[i].text):
            continue
        if (not re.search(r"[.!?\n]", vtext[toks[i - 1].e:toks[i].s])
                and lems[i - 1] in ru_not_descriptors()
                and not possessor(toks[i - 1].text, toks[i].text)) or not_listed(i):
            not_names.add((lems[i],))
            for key in [k for k in cores if k[0] == lems[i] and tuple(lems[i:i + len(k)]) == k]:
                del cores[key]
                not_names.add(key)
    return not_names


def _in_address(vtext: str, s: int, e: int) -> bool:
    """The words ``s:e`` are joined by a dot to a letter or digit before or after them:
    a part of a web address or a dotted name (``0.facebook.com``), not a name of its own."""
    return bool(re.match(r"\w\.", vtext[max(0, s - 2):s]) and s >= 2) or \
        bool(re.match(r"\.\w", vtext[e:e + 2]))


def _recurring(vtext, doc_id, toks, cores, free, taken, out) -> None:
    """A name found once is the same organisation where it recurs without its descriptor:
    концерн «Фольксваген» … ``«Фольксваген»`` имеет (capitalised, not inside a longer name,
    not a span natasha gave another type, not a common word opening a sentence, not a person
    with initials: имени А. С. Пушкина)."""
    lems = [lemma(t.w) for t in toks]
    for i, t in enumerate(toks):
        if not name_word(t.text):
            continue
        for key, c in cores.items():
            if key[0] != lems[i] or i + len(key) > len(toks):
                continue
            if tuple(lems[i:i + len(key)]) != key:
                continue
            ts, te = t.s, toks[i + len(key) - 1].e
            if not free(ts, te) or "\n" in vtext[ts:te]:
                continue
            if i > 0 and not t.first and name_word(toks[i - 1].text) and \
                    vtext[toks[i - 1].e:ts].strip() == "":
                continue  # inside a longer name
            j = i + len(key)
            if j < len(toks) and not toks[j].first and name_word(toks[j].text) and \
                    vtext[te:toks[j].s].strip() == "":
                continue
            if t.first and len(key) == 1 and _CYR.search(t.text) and known_common(t.w):
                continue  # a capitalised common word opening a sentence
            if re.search(r"\b[A-ZА-ЯЁ]\.\s*$", vtext[max(0, ts - 4):ts]):
                continue  # a person: имени А. С. Пушкина
            if _in_address(vtext, ts, te):
                continue  # 0.facebook.com: a part of a web address
            out.append(Candidate(ts, te, c.name, "ru", doc_id, c.unit, c.legal_form,
                                 "name", source="doc"))
            taken.append((ts, te))
            break


def _latin_original(vtext, doc_id, cands, free, taken, out) -> None:
    """The original Latin-script name in brackets right after a name: концерн «Фольксваген»
    ``(Volkswagen)``, Комитет защиты журналистов (КЗЖ) ``(Committee …)``."""
    for c in cands:
        m = _LATIN_PAREN.match(vtext, c.vend)
        if m and free(m.start(1), m.end(1)):
            out.append(Candidate(m.start(1), m.end(1), c.name, "ru", doc_id, c.unit,
                                 c.legal_form, "name", source="doc"))
            taken.append((m.start(1), m.end(1)))


def _descriptor_coref(vtext, doc_id, dc, toks, persons, heads, free, taken, out) -> None:
    """A descriptor noun in the singular whose lemma heads a named organisation mentioned
    before it refers to the last such organisation: концерн «Фольксваген» … шеф ``концерна``;
    сборная России … тренер ``сборной`` (with the adjectives before it that are place
    adjectives or that the name also has); not a descriptor of another name (but шеф
    концерна Бернд Пишетсридер)."""
    headed = []
    for c in dc:
        words = _words_of(toks, c.vstart, c.vend)
        lems = [lemma(t.w) for t in words]
        h = next((x for x in lems if x in heads), None)
        if h is not None and any(name_word(t.text) for t in words):
            headed.append((c.vstart, h, set(lems), c))
    if not headed:
        return
    head_pref = {h[:3] for h in heads}
    for i, t in enumerate(toks):
        if t.text[:3].lower() not in head_pref:
            continue
        lem = lemma(t.w)
        if lem not in heads or (name_word(t.text) and not t.first) or not free(t.s, t.e):
            continue
        if plural_only(t.w):
            continue
        prev = [h for h in headed if h[0] < t.s and h[1] == lem]
        if not prev:
            continue
        _, _, lems, c = prev[-1]
        nxt = vtext[t.e:t.e + 2].lstrip()
        if nxt[:1] in OPEN_Q + '"' or (
                i + 1 < len(toks) and name_word(toks[i + 1].text)
                and vtext[t.e:toks[i + 1].s].strip() == ""
                and (toks[i + 1].s, "PER") not in persons):
            continue
        ts = t.s
        k = i - 1
        while k >= 0 and vtext[toks[k].e:ts].strip() == "" and not any(
                toks[k].s < c2.vend and c2.vstart < toks[k].e for c2 in dc):
            pw = toks[k].w
            if not is_adjective(pw) or not (relational_adj(pw) or lemma(pw) in lems):
                break
            ts = toks[k].s
            k -= 1
        out.append(Candidate(ts, t.e, c.name, "ru", doc_id, c.unit, c.legal_form, "name",
                             source="coref"))
        taken.append((ts, t.e))


def document_mentions(vtext: str, units, cands: list, ner_spans: dict,
                      sentences: Mapping[int, RuSentence]) -> tuple[list, set]:
    """Mentions that only the whole document shows (view offsets), each carrying the name of
    the organisation it refers to, so that merging joins it to that organisation; and the
    ids of candidates that are no organisation (a name the document also gives a
    non-organisation descriptor). ``units``: (doc_id, lang, vstart, vend) per sentence;
    ``ner_spans``: natasha's (start, stop, type) per Russian unit; ``sentences``: the
    :class:`RuSentence` of each Russian unit (offsets within the unit)."""
    out: list = []
    drop: set = set()
    by_doc: dict[str, list[int]] = {}
    for u, (doc_id, lang, vs, ve) in enumerate(units):
        if lang == "ru" and u in sentences:
            by_doc.setdefault(doc_id, []).append(u)
    heads = ru_coref_heads()
    for doc_id, us in by_doc.items():
        dc = sorted((c for c in cands if c.doc_id == doc_id and c.lang == "ru"),
                    key=lambda c: c.vstart)
        if not dc:
            continue
        taken = [(c.vstart, c.vend) for c in cands]
        persons: set = set()
        for u in us:
            vs = units[u][2]
            taken += [(vs + s, vs + e) for s, e, _ in ner_spans.get(u, [])]
            persons.update((vs + s, t) for s, e, t in ner_spans.get(u, []) if t == "PER")
        toks = _doc_words(units, us, sentences)

        def free(s: int, e: int) -> bool:
            return not any(s < b and a < e for a, b in taken)

        cores = _cores(vtext, dc, toks, heads)
        not_names = _not_names(vtext, toks, cores)
        if not_names:
            drop.update(id(c) for c in dc if tuple(
                lemma(t.w) for t in _words_of(toks, c.vstart, c.vend)) in not_names)
        _recurring(vtext, doc_id, toks, cores, free, taken, out)
        _latin_original(vtext, doc_id, dc + [o for o in out if o.doc_id == doc_id], free, taken, out)
        _descriptor_coref(vtext, doc_id, dc, toks, persons, heads, free, taken, out)
    return out, drop

