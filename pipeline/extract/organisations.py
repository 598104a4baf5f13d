"""Organisations: mentions found per sentence, merged into one record per organisation.

Kazakh: quoted names with a legal form or a head noun (``«Медиацияны дамыту орталығы» РҚҰ``,
``«Келісу» кәсіби медиаторлар одағы``), unquoted names ending in a head noun
(``Қазақстан Халқы Ассамблеясы``), abbreviations (``ҚХА``), plus the CRF of
:mod:`pipeline.extract.kk_ner`. Russian: natasha's NER, completed with a following
genitive place (``Министерство юстиции`` + ``Республики Казахстан``). English: capitalised
names around a head noun (``Ministry of Justice``).

Mentions are merged by a key of word stems (case forms, plural, quote variants), with a
legal form kept apart; an abbreviation joins the name it is defined as or whose initials it
spells; a lone head noun (``Ассамблеяның``) joins the one organisation of the document with
that head. A URL in the same sentence or table row goes to the nearest organisation before it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple, Optional, Sequence

from pipeline.extract import kk_ner
from pipeline.extract.org_common import _CYR, _LAT, Candidate
from pipeline.extract.org_ru import (  # noqa: F401 - the Russian rules, part of this module's interface
    _RU_CAPS, _ner_map, _ru_descriptors, _ru_lemma, _ru_list_start, _ru_not_org_head,
    complete_ru_spans, form_candidates as ru_form_candidates, load_ru_ner, nominative_ru, ru_adjective_heads, ru_context_spans,
    ru_document_mentions, ru_org_spans, ru_rule_spans, ru_state_bodies,
)
from pipeline.extract.org_ru_words import RuSentence, as_sentence, pos_of, sentence_from_tokens
from pipeline.extract.org_kk import (  # noqa: F401 - the Kazakh rules, part of this module's interface
    _ABBR, CLOSE_Q, is_latin_head, is_plural, _is_word, _kk_name_text, _kk_not_descriptors, kk_rule_candidates,
    _kk_stop, _legal_forms, legal_form_of, nominative_kk, _not_orgs, OPEN_Q, split_suffix,
    _unit_words, kk_add_state_bodies,
)
from pipeline.model import FACT_SECTIONS, Analysis, Mention, Organisation
from pipeline.morph import tag_many, tokenize
from pipeline.normalize import normalize
from pipeline.resources import load_set

_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# http://mediator-kz.com/ ; www.azjmo.kz ; a PDF line break after a hyphen: http://www.mpc- info.kz
URL = re.compile(r"(?:https?://|www\.)[\w./%~?#=&:+-]+", re.I)
_URL_CONT = re.compile(r"\s+([\w./%~?#=&:+-]*\.[\w./%~?#=&:+-]*)")


@dataclass
class _Org:
    cands: list = field(default_factory=list)
    legal_form: Optional[str] = None
    abbr: Optional[str] = None
    url: Optional[str] = None


# ---------------------------------------------------------------- lexicons


_en_heads = partial(load_set, "en/org_heads.txt")  # cached by load_set


_en_connectors = partial(load_set, "en/org_connectors.txt")  # cached by load_set



# ---------------------------------------------------------------- word helpers


def key_word(word: str) -> str:
    """A stem that case forms, plural and vowel drop agree on: ``Халқы``, ``Халықтар`` → ``халқ``."""
    w = word.lower().replace("ё", "е")
    if _LAT.search(w) and not _CYR.search(w):
        return w.rstrip(".,")
    s = kk_ner.stem(w)
    if s[-1:] in ("ғ", "г"):
        s = s[:-1] + {"ғ": "қ", "г": "к"}[s[-1]]
    reduced = re.sub("[ыі]", "", s)
    return reduced if len(reduced) >= 2 else s


def _name_words(name: str, lang: str) -> list[str]:
    """The words of a name (out of any sentence) by the language layer's tokenizer;
    punctuation and quotes left out."""
    return [name[a:b] for a, b in tokenize(name, lang) if re.search(r"\w", name[a:b])]


@lru_cache(maxsize=65536)
def name_key(name: str, lang: str) -> tuple[str, ...]:
    words = _name_words(name, lang)
    if lang == "ru":
        # the descriptor and its adjectives before a name are left out, so that ``компания
        # Vestas`` and ``Vestas`` are one organisation
        k = 0
        while k < len(words) - 1 and _CYR.search(words[k]) and not words[k].isupper() and (
                _ru_lemma(words[k]) in _ru_descriptors() or pos_of(words[k]) == "ADJF"):
            k += 1
        if 0 < k < len(words) and (words[k][:1].isupper() or _LAT.match(words[k])) and \
                _ru_lemma(words[k - 1]) in _ru_descriptors():
            words = words[k:]
        return tuple(_ru_lemma(w) for w in words)
    return tuple(key_word(w) for w in words)


def initials(name: str) -> str:
    """``Қазақстан Халқы Ассамблеясы`` → ``ҚХА``; connectors (және, и, of) are skipped."""
    skip = {"және", "мен", "и", "of", "and", "the", "for"}
    return "".join(w[0].upper() for w in _name_words(name, "kk") if w.lower() not in skip)


def en_rule_candidates(text: str) -> list[dict]:
    """English names around a head noun: ``Ministry of Justice``, ``Assembly of People of Kazakhstan``."""
    words = _unit_words(text)
    out = []
    n = len(words)
    k = 0
    while k < n:
        if words[k][2] in _en_heads():
            i = k
            while i - 1 >= 0 and words[i - 1][2][:1].isupper() and _is_word(words[i - 1][2]) \
                    and words[i - 1][2] not in ("The", "A", "An", "This", "In", "At", "By"):
                i -= 1
            j = k + 1
            while j + 1 < n and words[j][2] in _en_connectors() and words[j + 1][2][:1].isupper():
                j += 2
                while j < n and words[j][2][:1].isupper() and _is_word(words[j][2]):
                    j += 1
            if i > 0 and words[i - 1][2] == "the" and i == k:
                pass
            if j - i >= 2 or i < k:
                name = re.sub(r"\s+", " ", text[words[i][0]:words[j - 1][1]])
                out.append({"start": words[i][0], "end": words[j - 1][1], "name": name,
                            "legal_form": None, "kind": "name"})
            k = j
            continue
        k += 1
    return out


# ---------------------------------------------------------------- units


def _lang_of(text: str) -> str:
    if _KK_LETTERS.search(text):
        return "kk"
    cyr = len(_CYR.findall(text))
    lat = len(_LAT.findall(text))
    return "ru" if cyr >= lat else "en"


# sections read for organisations: those that state facts, authors' affiliations (kept apart as
# role "affiliation") and titles (a news item's title names its subjects) -- but not the title of
# an article with front matter: there the title is the article's metadata, like its keywords (a
# heading in capitals, САЯСИ МЕДИАЦИЯНЫҢ ПЕРСПЕКТИВАЛАРЫ, is no organisation), and a body it names
# is named again in the abstract or the text
ORG_SECTIONS = FACT_SECTIONS | {"affiliation", "title"}
FRONT_MATTER = frozenset({"authors", "affiliation", "abstract", "keywords", "metadata"})


def _metadata_titles(a: Analysis) -> set[str]:
    """Ids of the documents whose title is front matter: those with authors, an abstract, keywords..."""
    return {d.doc_id for d in a.documents if any(sec.kind in FRONT_MATTER for sec in d.sections)}


def _units(a: Analysis, sections=ORG_SECTIONS) -> list[tuple[str, str, int, int]]:
    """(doc_id, lang, vstart, vend) per sentence of the given section kinds (titles, running
    heads, references and other metadata are no source of facts); a table section is one unit
    (its sentences are cut by line, which would cut names across cells); without sentences,
    paragraphs of the view split at sentence ends."""
    view = a.view
    vtext = view.text if view is not None else a.source.text
    if a.sentences and view is not None:
        articles = _metadata_titles(a)
        out = [(s.doc_id, s.lang, s.vstart, s.vend) for s in a.sentences
               if s.vend > s.vstart and s.section != "table" and s.section in sections
               and not (s.section == "title" and s.doc_id in articles)]
        for d in a.documents:
            for sec in d.sections:
                if sec.kind == "table":
                    vs, ve = view.from_source(sec.start), view.from_source(sec.end)
                    if ve > vs:
                        out.append((d.doc_id, sec.lang or _lang_of(vtext[vs:ve]), vs, ve))
        return sorted(out, key=lambda u: u[2])
    return _split_units(vtext, 0, len(vtext), f"{a.source.source_id}:d1")


def _split_units(vtext: str, vs: int, ve: int, doc_id: str) -> list[tuple[str, str, int, int]]:
    out = []
    pos = vs
    for para in vtext[vs:ve].split("\n"):
        # a rough sentence split, so that each sentence gets its own language
        start = 0
        for m in list(_SENT_BREAK.finditer(para)) + [None]:
            end = m.start() if m else len(para)
            if para[start:end].strip():
                out.append((doc_id, _lang_of(para[start:end]), pos + start, pos + end))
            if m:
                start = m.end()
        pos += len(para) + 1
    return out


# Ол келді. Министерство сообщило — a sentence end before a capital or a quote
# (not after an initial or a short abbreviation before a name: А. С. Пушкина, им. Бойса)
_SENT_BREAK = re.compile(r"(?<=[.!?])(?<!\b[A-ZА-ЯЁ]\.)(?<!\bим\.)(?<!\bул\.)(?<!\bг\.)"
                         r"(?<!\bпр\.)(?<!\bсв\.)\s+(?=[«\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")


def _doc_of(a: Analysis, start: int) -> Optional[str]:
    for d in a.documents:
        if d.start <= start < d.end:
            return d.doc_id
    return None


# ---------------------------------------------------------------- merging


# Агментаев С.А. ; С.Б. Балтабаев ; Ivanov I.I.
# a surname may join two with a hyphen, each capitalised: Асыл-Кеней С.Б.
_PERSON_INITIALS = re.compile(r"^\(?(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+(?:-[A-ZА-ЯЁӘҒҚҢӨҰҮҺІa-zа-яёәғқңөұүһі][a-zа-яёәғқңөұүһі]+)*-?\s+(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s*){1,2}"
                              r"|(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s*){1,2}[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі-]+)\)?$")


_MARKUP = re.compile(r"\s*(?:</?[a-z]|#{1,6}\s|#{2,})")


def _cut_markup(seg: str, d: dict) -> None:
    """A span ends before markup it ran into: ``Управление делами Президента</td``,
    ``Управление Делами ... ### 1``."""
    m = _MARKUP.search(seg, d["start"], d["end"])
    if m and m.start() > d["start"]:
        cut = m.start() - d["start"]
        d["end"] = m.start()
        d["name"] = d["name"][:cut].rstrip() if len(d["name"]) >= cut else d["name"]
        d["name"] = _MARKUP.split(d["name"])[0].rstrip()


def person_with_initials(text: str) -> bool:
    """A surname with initials is a person: ``Агментаев С.А.``, ``С.Б. Балтабаев``."""
    return bool(_PERSON_INITIALS.match(text.strip()))


def _strip_quotes(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(f"[{OPEN_Q}{CLOSE_Q}\"]", "", name)).strip()


def _same_kind(c: Candidate, o: _Org) -> bool:
    """A legal form or a descriptor keeps look-alikes apart: «X» РҚҰ is not «X» Ассоциациясы."""
    o_desc = next((x.descriptor for x in o.cands if x.descriptor), None)
    if c.legal_form and o.legal_form and c.legal_form != o.legal_form:
        return False
    if c.descriptor and o_desc and c.descriptor != o_desc:
        return False
    # one names a legal form, the other a descriptor: two bodies of one name
    return not ((c.descriptor and not c.legal_form and o.legal_form and not o_desc)
                or (c.legal_form and not c.descriptor and o_desc and not o.legal_form))


def _merge(cands: list[Candidate]) -> list[_Org]:
    orgs: list[_Org] = []
    by_key: dict = {}
    full = [c for c in cands if c.kind == "name"]
    # 1. full names by stem key; a legal form keeps look-alikes apart
    for c in full:
        key = name_key(c.name, c.lang)
        if not key:
            continue
        match = None
        for o in by_key.get(key, []):
            if _same_kind(c, o):
                match = o
                break
        if match is None:
            match = _Org()
            orgs.append(match)
            by_key.setdefault(key, []).append(match)
        match.cands.append(c)
        match.legal_form = match.legal_form or c.legal_form
        if c.abbr_def:
            match.abbr = c.abbr_def
    # 2. lone head nouns: Ассамблеяның joins the one organisation whose name ends in it
    for c in cands:
        if not c.kind.startswith("single"):
            continue
        k = name_key(c.name, c.lang)
        hits = [o for o in orgs if len(name_key(o.cands[0].name, o.cands[0].lang)) > 1
                and name_key(o.cands[0].name, o.cands[0].lang)[-1:] == k
                and o.cands[0].doc_id == c.doc_id]
        if len(hits) == 1:
            hits[0].cands.append(c)
        elif not hits and c.kind == "single" and c.name.lower() not in _not_orgs():
            same = [o for o in orgs if name_key(o.cands[0].name, o.cands[0].lang) == k]
            if same:
                same[0].cands.append(c)
            else:
                o = _Org(cands=[c])
                orgs.append(o)
    # 3. abbreviations: defined next to a name, or the initials of a name in the document
    for c in cands:
        if c.kind != "abbr":
            continue
        hits = [o for o in orgs if o.abbr == c.name]
        if not hits:
            hits = [o for o in orgs if any(initials(x.name) == c.name for x in o.cands
                                           if x.kind == "name" and len(x.name.split()) >= 2)]
        if len(hits) >= 1:
            hits[0].cands.append(c)
            hits[0].abbr = c.name
        elif c.source in ("crf", "ner"):
            same = [o for o in orgs if o.abbr == c.name]
            if same:
                same[0].cands.append(c)
            else:
                orgs.append(_Org(cands=[c], abbr=c.name))
    return [o for o in orgs if o.cands]


def _canonical(o: _Org) -> str:
    names = [c for c in o.cands if c.kind == "name"] or [c for c in o.cands if c.kind != "abbr"] \
        or o.cands
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, c in enumerate(names):
        nm = _strip_quotes(c.name)
        counts[nm] = counts.get(nm, 0) + 1
        first.setdefault(nm, k)
    best = max(counts, key=lambda nm: (len(nm.split()), counts[nm], -first[nm]))
    return best.rstrip(" (*:;,-–—").strip() or best  # Областное управление финансов (


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """URLs with their spans; a URL broken after a hyphen is joined.

    >>> find_urls('сайты http://www.mpc- info.kz/kk/ 31')
    [(6, 33, 'http://www.mpc-info.kz/kk/')]
    """
    out = []
    for m in URL.finditer(text):
        end, url = m.end(), m.group()
        if url.endswith("-"):
            c = _URL_CONT.match(text, end)
            if c:
                end, url = c.end(), url + c.group(1)
        out.append((m.start(), end, url.rstrip(".,;:)")))
    return out


def _attach_urls(vtext: str, cands: list[Candidate], orgs: list[_Org]) -> None:
    """A URL goes to the nearest organisation mention before it (same sentence or table row:
    at most 80 characters away, no sentence end and no other URL between); failing that, to
    the nearest one right after it."""
    owner = {}
    for o in orgs:
        for c in o.cands:
            owner[id(c)] = o
    live = sorted((c for c in cands if id(c) in owner), key=lambda c: c.vstart)
    for us, ue, url in find_urls(vtext):
        pick = None
        before = [c for c in live if c.vend <= us]
        if before:
            c = max(before, key=lambda c: c.vend)
            gap = vtext[c.vend:us]
            if len(gap) <= 80 and not URL.search(gap) and not re.search(r"[.!?]\s", gap):
                pick = c
        if pick is None:
            after = [c for c in live if c.vstart >= ue]
            if after:
                c = min(after, key=lambda c: c.vstart)
                gap = vtext[ue:c.vstart]
                if len(gap) <= 40 and not re.search(r"[.!?]\s", gap):
                    pick = c
        if pick is not None and owner[id(pick)].url is None:
            owner[id(pick)].url = url


# ---------------------------------------------------------------- main


def find_candidates(a: Analysis, *, tagger=None, ru_ner=None, use_crf: bool = True
                    ) -> tuple[list[Candidate], list]:
    """Organisation mentions in every sentence (view offsets), and the units they came from."""
    view = a.view
    vtext = view.text if view is not None else a.source.text
    units = _units(a)
    acts = any(d.act for d in a.documents)
    if use_crf and tagger is None:
        # an act names bodies in every sentence and reads them by the acts' convention (its own model)
        tagger = kk_ner.act_tagger() if acts else kk_ner.load_tagger()
    cands: list[Candidate] = []
    # an author's affiliation names an institution: Әл-Фараби атындағы Қазақ ұлттық университеті
    affiliation = {(s.vstart, s.vend) for s in a.sentences if s.section == "affiliation"}
    ru_units = [u for u, (_, lang, vs, ve) in enumerate(units) if lang == "ru" and vtext[vs:ve].strip()]
    ru_sents = _ru_sentences(a, vtext, units, ru_units)
    ru_raw: list = []
    ru_found = dict(zip(ru_units, ru_org_spans([ru_sents[u] for u in ru_units], ner=ru_ner, raw=ru_raw)))
    ru_ner_spans = dict(zip(ru_units, ru_raw))
    for u, (doc_id, lang, vs, ve) in enumerate(units):
        seg = vtext[vs:ve]
        if not seg.strip():
            continue
        role = "affiliation" if (vs, ve) in affiliation else None
        rules = _UNIT_RULES.get(lang)
        found = rules(_Unit(u, seg, role, tagger, acts, ru_found, ru_sents)) if rules is not None else []
        for d in found:
            if d is None or not d["name"].strip():
                continue
            _cut_markup(seg, d)
            if len(re.sub(r"\W", "", d["name"])) < 2:
                continue  # Б: a letter (корпус Б), not a name
            if d["name"].lower() in _not_orgs() or _strip_quotes(d["name"]).lower() in _not_orgs():
                continue
            if person_with_initials(seg[d["start"]:d["end"]]):
                continue  # Агментаев С.А., С.Б. Балтабаев: a person, not an organisation
            if lang == "ru" and _ru_not_org_head(seg[d["start"]:d["end"]]):
                continue  # российских СМИ, СМИ Беларуси
            if _vertical(a, view, vs + d["start"], vs + d["end"]):
                continue  # letters of a table header printed one per line
            c = Candidate(vs + d["start"], vs + d["end"], _strip_quotes(d["name"]), lang, doc_id, u,
                          d.get("legal_form"), d.get("kind", "name"), source=d.get("source", "rule"),
                          descriptor=d.get("descriptor"), role=role)
            # an abbreviation defined right after: Қазақстан халқы Ассамблеясы (ҚХА)
            m = re.match(r"\s*\((?:бұдан әрі\s*[-–—]?\s*|далее\s*[-–—]?\s*|hereinafter\s*)?"
                         r"([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,6})\)", seg[d["end"]:])
            if m and c.kind == "name":
                c.abbr_def = m.group(1)
            cands.append(c)
    if ru_units:
        more, drop = ru_document_mentions(vtext, units, cands, ru_ner_spans, ru_sents)
        cands = [c for c in cands if id(c) not in drop] + more
    return cands, units


class _Unit(NamedTuple):
    """One sentence (or table) as the rules of its language read it."""

    index: int
    text: str
    role: Optional[str]  # "affiliation" in an author's affiliation line
    tagger: object  # the Kazakh CRF (None: rules only)
    acts: bool  # the source holds a legal act
    ru_found: dict  # unit -> the Russian NER's completed spans
    ru_sents: dict  # unit -> the unit's words (:class:`RuSentence`)


def _disjoint(extra: list[dict], found: list[dict]) -> list[dict]:
    return [d for d in extra if not any(d["start"] < f["end"] and f["start"] < d["end"] for f in found)]


def _kk_unit(u: _Unit) -> list[dict]:
    found = kk_candidates(u.text, u.tagger, every_rule=u.role is not None)
    # an act names the bodies it charges; any text names a body by its level and remit
    # (облыстық білім басқармасы, Алматы облысының ... комитеті), the tagger's news seldom do
    found = kk_add_state_bodies(u.text, found, placed=not u.acts)
    return found


def _ru_unit(u: _Unit) -> list[dict]:
    found = [_ru_candidate(u.text, s, e) for s, e in u.ru_found.get(u.index, [])]
    # legal forms and abbreviations are capital letters: most sentences have none
    if _RU_CAPS.search(u.text):
        found += _disjoint(ru_form_candidates(u.ru_sents[u.index]), found)
    if u.acts:  # an act names the bodies it charges
        found += _disjoint([_ru_candidate(u.text, s, e) for s, e in ru_state_bodies(u.ru_sents[u.index])], found)
    return found


def _en_unit(u: _Unit) -> list[dict]:
    found = en_rule_candidates(u.text)
    # a quoted transliterated name: «Astana zangerlik jane mediatsiia ortalygy»
    return found + _disjoint([d for d in kk_rule_candidates(u.text) if u.text[d["start"] - 1:d["start"]] in OPEN_Q],
                             found)


# the rules of each language, over one unit: dicts with start, end, name, legal_form, kind
_UNIT_RULES = {"kk": _kk_unit, "ru": _ru_unit, "en": _en_unit}


def _ru_sentences(a: Analysis, vtext: str, units, ru_units) -> dict[int, RuSentence]:
    """The words of each Russian unit as the language layer analysed them: the analysis's
    tokens (view offsets), or, where it has none for a unit (an analysis made without the
    tokens stage), the layer run on the unit's text."""
    if not ru_units:
        return {}
    view = a.view
    toks = []
    if a.tokens and view is not None:
        for t in a.tokens:
            s = view.from_source(t.start)
            toks.append((s, s + len(t.norm), t.norm, t.lemma, t.upos, t.feats or ""))
        toks.sort()
    starts = [t[0] for t in toks]
    out = {}
    for u in ru_units:
        vs, ve = units[u][2], units[u][3]
        k = bisect.bisect_left(starts, vs)
        inside = []
        while k < len(toks) and toks[k][1] <= ve:
            inside.append(toks[k])
            k += 1
        text = vtext[vs:ve]
        if inside and all(vtext[s:e] == w for s, e, w, *_ in inside):
            out[u] = sentence_from_tokens(text, vs, inside)
        else:
            out[u] = as_sentence(text)
    return out


def kk_candidates(seg: str, tagger, *, every_rule: bool = False) -> list[dict]:
    """Organisation mentions of one Kazakh sentence: the tagger's spans (it reads the rules'
    spans as features and was trained on where they go wrong), then the rules' spans that no
    tagged span overlaps (``every_rule``: all of them, as in an affiliation line, which names
    an institution; else only those with a legal form, and abbreviations)."""
    rules = kk_rule_candidates(seg)
    if tagger is None:
        return rules
    tagged = _kk_crf_candidates(seg, tagger, [])
    for f in tagged:  # the rules see the legal form or descriptor next to the quotes
        for d in rules:
            if (d["start"], d["end"]) == (f["start"], f["end"]):
                f["legal_form"] = f["legal_form"] or d["legal_form"]
                f["descriptor"] = d.get("descriptor")
    # of the rules' own spans, only those with a legal form and abbreviations are precise
    # enough to add (quoted names with a descriptor and head-noun names lower KazNERD tune F1),
    # and a name coordinated with a name the tagger found (the items of one list are of one kind)
    free = [d for d in rules if not any(d["start"] < f["end"] and f["start"] < d["end"] for f in tagged)]
    return tagged + [d for d in free if every_rule or d["legal_form"] or d["kind"] == "abbr"
                     or (d["kind"] == "name" and coordinated(seg, d, tagged))]


def coordinated(seg: str, d: dict, names: list[dict]) -> bool:
    """``d`` is an item of a list with one of ``names``: only commas, semicolons, quotes and
    coordinating conjunctions (the language layer's CCONJ) stand between them, and ``d`` is
    written with a capital, as a name is.

    >>> s = "Алаш орталығы, Халықаралық құқық қорғау орталығы және «Адал» қоры"
    >>> coordinated(s, {"start": 15, "end": 48}, [{"start": 55, "end": 59}])
    True
    >>> coordinated("Ол Ұлттық банкке барды", {"start": 3, "end": 16}, [])
    False
    """
    if not seg[d["start"]:d["start"] + 1].isupper():
        return False
    for f in names:
        a, b = (f["end"], d["start"]) if f["end"] <= d["start"] else (d["end"], f["start"])
        if a > b or not seg[a:b].strip():
            continue
        words = [w for _, _, w in _unit_words(seg[a:b])]
        if not words or len(words) > 4:
            continue
        tags = tag_many([words], "kk")[0]
        links = [w in ",;" or t.upos == "CCONJ" for w, t in zip(words, tags)]
        if any(links) and all(x or w in OPEN_Q or w in CLOSE_Q or w == '"' for x, w in zip(links, words)):
            return True
    return False



def _vertical(a: Analysis, view, vs: int, ve: int) -> bool:
    if view is None:
        return False
    s, e = view.to_source(vs, ve)
    src = a.source.text[s:e]
    words = src.split()
    return src.count("\n") > max(2, len(words) // 2) or (
        len(words) >= 2 and sum(len(w) <= 2 for w in words) > len(words) / 2)


def _quoted_not_org(words, i: int, j: int) -> bool:
    """A quoted span followed by a noun that names a non-organisation (a subject, a work, an
    event): ``«Саясаттану», «Халықаралық қатынастар» мамандықтары``, ``«Медиация» пәнін``.
    Quoted names listed with commas share the noun at the end of the list."""
    k = j
    while k < len(words) and (words[k][2] in CLOSE_Q + '",' or words[k][2] in ("және", "мен")):
        k += 1
        if k < len(words) and words[k][2] in OPEN_Q + '"':  # the next quoted name of a list
            while k < len(words) and words[k][2] not in CLOSE_Q + '"':
                k += 1
    if k == j or k >= len(words) or not (i > 0 and words[i - 1][2] in OPEN_Q + '"'):
        return False
    return any(s in _kk_not_descriptors() for s in kk_ner.stems(words[k][2]))


def _kk_crf_candidates(seg: str, tagger, found: list[dict]) -> list[dict]:
    words = _unit_words(seg)
    labels = tagger.tag([w for _, _, w in words])
    out = []
    for typ, i, j in kk_ner.spans(labels):
        if typ != "ORGANISATION":
            continue
        s, e = words[i][0], words[j - 1][1]
        if any(s < f["end"] and f["start"] < e for f in found):
            continue
        if j - i == 1 and words[i][2].lower() in _not_orgs():
            continue
        if is_plural(words[j - 1][2]) and kk_ner.is_head(words[j - 1][2]):
            continue  # Медиация орталықтарының: a class of organisations
        if _quoted_not_org(words, i, j):
            continue  # «Саясаттану» мамандығы, «Медиация» пәні: a subject, not an organisation
        if j - i == 1 and _ABBR.match(split_suffix(words[i][2])[0]):
            out.append({"start": s, "end": e, "name": split_suffix(words[i][2])[0],
                        "legal_form": None, "kind": "abbr", "source": "crf"})
            continue
        name = _kk_name_text(seg, words, i, j)
        if not name[:1].isupper() and not _LAT.match(name[:1]):
            continue
        out.append({"start": s, "end": e, "name": name, "legal_form": None,
                    "kind": "name", "source": "crf"})
    return out


def _ru_candidate(seg: str, s: int, e: int) -> Optional[dict]:
    text = re.sub(r"\s+", " ", seg[s:e])
    lf = None
    first = text.split(" ")[0]
    if first in _legal_forms():
        lf = first
        text = text[len(first):].strip()
    stripped = _strip_quotes(text)
    if _ABBR.match(stripped):
        return {"start": s, "end": e, "name": stripped, "legal_form": lf, "kind": "abbr",
                "source": "ner"}
    name = nominative_ru(stripped) if not any(q in text for q in OPEN_Q) else stripped
    return {"start": s, "end": e, "name": name, "legal_form": lf, "kind": "name"}


def extract_organisations(a: Analysis, *, tagger=None, ru_ner=None, use_crf: bool = True
                          ) -> list[Organisation]:
    """One :class:`Organisation` per distinct organisation of the source, in order of first mention.

    ``tagger`` is a :class:`pipeline.extract.kk_ner.KkTagger` (default: the shipped model,
    if present); ``ru_ner`` natasha's NER tagger (default: :func:`load_ru_ner`). Returns ``[]``
    when nothing is found. A failure is not hidden here: the organisations stage of
    :mod:`pipeline.analyze` reports it as an error row of the source (E-code of the stage), and
    the other stages' facts are still written.
    """
    text = a.source.text
    if not text or not text.strip():
        return []
    if a.view is None:
        a.view = normalize(text)
    view = a.view
    vtext = view.text
    cands, units = find_candidates(a, tagger=tagger, ru_ner=ru_ner, use_crf=use_crf)
    orgs = _merge(cands)
    _attach_urls(vtext, cands, orgs)
    records = []
    orgs.sort(key=lambda o: min(c.vstart for c in o.cands))
    for n, o in enumerate(orgs, 1):
        mentions = []
        seen = set()
        for c in sorted(o.cands, key=lambda c: c.vstart):
            s, e = view.to_source(c.vstart, c.vend)
            if (s, e) in seen or e <= s:
                continue
            seen.add((s, e))
            doc_id = _doc_of(a, s) or c.doc_id
            mentions.append(Mention(doc_id, s, e, text[s:e]))
        if not mentions:
            continue
        aliases = []
        for m in mentions:
            al = re.sub(r"\s+", " ", m.text)
            if al not in aliases:
                aliases.append(al)
        records.append(Organisation(
            org_id=f"{a.source.source_id}:o{len(records) + 1}",
            canonical=_canonical(o),
            abbr=o.abbr,
            legal_form=o.legal_form,
            url=o.url,
            aliases=tuple(aliases),
            lang=o.cands[0].lang,
            mentions=tuple(mentions),
            descriptor=next((c.descriptor for c in o.cands if c.descriptor), None),
            role="affiliation" if any(c.role == "affiliation" for c in o.cands) else None,
        ))
    return records
