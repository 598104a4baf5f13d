"""What a figure counts and whom it is about: the measured noun, its phrase, the subject.

Reads the sentence's words as the language layer analysed them (``Word``: text, lemma,
UPOS); ``measured`` is the lemma of the head noun of what is counted, never a verb.
Used by ``pipeline.extract.numeric`` for every number of a sentence (``Ctx``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.extract.numbers import NumberExpr
from pipeline.morph import inflect
from pipeline.morph.kk import endings
from pipeline.extract.numeric_lex import (
    GEN, LOC, PARTICIPLE, VERBAL_NOUN, Word, is_word, kk_stem, lemma_of, match_term, place_name,
    word_role, word_set,
)

# a Kazakh dative, ablative, instrumental or locative ending of two letters or more (`-ға`, `-дан`,
# `-мен`, `-нда`): a word in an oblique case is no head of what is counted
_OBLIQUE = re.compile("(?:" + "|".join(e for e in endings("DAT", "ABL", "INS", "LOC") if len(e) > 1) + ")$")
# a Kazakh adjective made by a derivational ending (`медиациялық`, `соңғы`, `сыртқы`, `заңсыз`)
_DERIVED_ADJ = re.compile("(?:" + "|".join(endings("LYQ", "REL", "SYZ")) + ")$")


def adjective_form(low: str) -> bool:
    """A Kazakh word that is an adjective by its form: a derivational ending (`медиациялық`,
    `ішкі`, `заңсыз`) or the `-и` of adjectives borrowed from Arabic and Persian (`саяси`, `ресми`)."""
    return bool(_DERIVED_ADJ.search(low)) or low.endswith("и")
_ADJ_RU = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ых|их|ого|его|ому|ему|ым|им|ыми|ими|ую|юю|ой)$")


@dataclass
class Ctx:
    text: str  # the sentence in the view
    lang: str
    expr: NumberExpr
    words: list[Word]
    prev: list[Word]  # nearest first
    next: list[Word]
    first_in_line: bool

    @property
    def left(self) -> str:
        return self.text[: self.expr.start]

    @property
    def right(self) -> str:
        return self.text[self.expr.end :]


_NOM_SG_MASC = {"Case": "Nom", "Number": "Sing", "Gender": "Masc"}


def _substantive(w: Word, lang: str) -> str:
    """A Russian participle or adjective used as a noun, named by its nominative singular,
    never by its verb: `опрошенных` → опрошенный (its lemma is the verb опросить)."""
    if lang == "ru" and w.upos == "VERB":
        try:
            form = inflect(w.text.lower(), _NOM_SG_MASC, lang)
        except Exception:  # an unknown form keeps the analyser's lemma
            form = None
        if form:
            return form
    return lemma_of(w, lang)


def measured_after(words: list[Word], lang: str) -> Optional[str]:
    """The counted thing after a number, skipping modifiers.

    kk: `кәсіби емес медиаторлар` → медиатор; `телеарналарға берілген сұхбаттар` → сұхбат;
    ru/en: the first noun after adjectives (`более 154 тысяч человек` → человек).
    """
    if lang == "kk":
        return _measured_kk(words)
    stops = word_set(lang, "numeric_stops.txt")
    for i, w in enumerate(words[:5]):
        if not is_word(w):
            return None
        if w.text.lower() in stops:
            return None
        t = match_term(words[i:], lang)
        if t:
            return t[0]
        if w.upos in ("NOUN", "PROPN"):
            return lemma_of(w, lang)
        adj = w.upos in ("ADJ", "DET") or (w.upos in ("VERB", "X") and _ADJ_RU.search(w.text.lower()))
        if adj:
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is None or not is_word(nxt) or nxt.upos in ("VERB", "AUX", "ADP", "CCONJ"):
                return _substantive(w, lang)  # a participle as the noun: `65 % опрошенных поддержали`
            continue
        if w.upos in ("NUM", "ADV"):
            continue
        return None
    return None


def _measured_kk(words: list[Word]) -> Optional[str]:
    stops = word_set("kk", "numeric_stops.txt")
    mods = word_set("kk", "numeric_modifiers.txt")
    i = 0
    while i < min(len(words), 7):
        w = words[i]
        low = w.text.lower()
        if not is_word(w) or low in stops:
            return None
        t = match_term(words[i:], "kk")
        if t:
            return t[0]
        if word_role(low, "kk") in ("year",) or (word_role(low, "kk") or "").startswith("month"):
            return None
        nxt = words[i + 1].text.lower() if i + 1 < len(words) and is_word(words[i + 1]) else ""
        if low in mods or nxt == "емес" and low != "емес":
            i += 2 if nxt == "емес" else 1
            continue
        if PARTICIPLE.search(low) and nxt:
            i += 1
            continue  # `өткізілген семинарлар`
        nw = words[i + 1] if i + 1 < len(words) else None
        head_next = nw is not None and is_word(nw) and nw.upos not in ("VERB", "AUX", "CCONJ", "ADP") and nxt not in stops
        if (w.upos == "ADJ" or adjective_form(low)) and head_next and not _OBLIQUE.search(low):
            i += 1
            continue  # `медиациялық орталықтар`; an adjective before a verb is the noun itself
        if _OBLIQUE.search(low) and nxt and (PARTICIPLE.search(nxt) or (VERBAL_NOUN.search(nxt) and len(nxt) > 4)):
            i += 1
            continue  # `телеарналарға берілген сұхбаттар`, `халықпен кездесу`
        if w.upos == "VERB" and VERBAL_NOUN.search(low):
            return lemma_of(w, "kk")  # `689 халықпен кездесу`
        if re.search(r"(?:ушы|уші|ушысы|ушісі)(?:лар|лер)?\w{0,4}$", low):
            return kk_stem(w.text, kinds=("case", "loc", "plural")).lower()  # an agent noun: `16 өртсөндіруші`
        if w.upos in ("VERB", "AUX", "CCONJ", "ADP", "PRON"):
            return None
        return lemma_of(w, "kk")
    return None


def measured_before_kk(c: Ctx) -> Optional[str]:
    """For a share, the counted thing often comes first: `бітетін істер Еуропа елдерінде 70-80%-ды` → іс."""
    for k, w in enumerate(c.prev[:6]):
        low = w.text.lower()
        if not is_word(w):
            return None  # a clause boundary
        if low in ("оның", "олардың", "бұның", "соның"):
            return "<inherit>"
        if w.text[0].isupper() or LOC.search(low):
            continue  # a place: `Еуропа елдерінде`, `азаматтың ішіндегі`
        if w.upos not in ("NOUN", "PROPN"):
            continue  # `бар болғаны 14%`: a verb form or a particle counts nothing
        if GEN.search(low):
            return lemma_of(w, "kk")  # `халықтың 70%-ы`
        lemma = lemma_of(w, "kk")
        if lemma != low or k + 1 < len(c.prev) and PARTICIPLE.search(c.prev[k + 1].text.lower()):
            return lemma
    return None


def measured_of_percent_ru(c: Ctx) -> Optional[str]:
    # `65 % опрошенных`, `70% населения`; `из них 30%` → inherit
    prev = " ".join(w.text.lower() for w in reversed(c.prev[:3]))
    if re.search(r"(?:из них|из которых|их|of them|of which)$", prev):
        return "<inherit>"
    nxt = c.next[1:] if c.lang == "en" and c.next and c.next[0].text.lower() == "of" else c.next
    return measured_after(nxt, c.lang)  # `70% of firms`



def subject_of(c: Ctx) -> Optional[str]:
    """The place or body a figure is about, as stated in its clause.

    `Ұлыбританияда 89%` → Ұлыбритания; `в России` → Россия; `Ассамблеяның ... саны 597` → Ассамблея;
    `«Медиацияны дамыту орталығы» РҚҰ құрамы 1700-ге жуық` → Медиацияны дамыту орталығы.
    """
    prev = c.prev[:10]
    clause: list[Word] = []
    for w in prev:
        if w.text in ",;:" or w.text in "–—" and clause:
            break
        if w.text not in "()":
            clause.append(w)
    first_vs = c.words[0].vs if c.words else -1

    def proper(w: Word) -> bool:  # capitalised, and not just because it opens the sentence
        return w.text[:1].isupper() and is_word(w) and (w.vs != first_vs or w.text.isupper() or w.upos == "PROPN")

    for k, w in enumerate(clause):
        if not is_word(w):
            continue
        low = w.text.lower()
        if c.lang == "kk":
            m = LOC.search(low)
            if m and len(low) - len(m.group()) >= 3:
                if proper(w):
                    return place_name(w.text, "kk")
                if k + 1 < len(clause) and proper(clause[k + 1]):
                    return place_name(f"{clause[k + 1].text} {w.text}", "kk")  # `Еуропа елдерінде`
            if proper(w) and GEN.search(low) and k > 0:
                return place_name(w.text, "kk")  # `Ассамблеяның ... медиаторларының саны 597`
        elif c.lang in ("ru", "en"):
            if proper(w) and k + 1 < len(clause) and clause[k + 1].text.lower() in ("в", "во", "in"):
                return w.lemma[:1].upper() + w.lemma[1:] if w.lemma else w.text
    if c.lang == "kk":
        # a quoted name opening the clause: `«Медиацияны дамыту орталығы» РҚҰ құрамы 1700`
        head = c.text[: c.expr.start]
        q = list(re.finditer(r"«([^«»]{3,80})»(\s+[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{2,5}\b)?", head))
        if q and not re.search(r"[,;:]", head[q[-1].end() :]):
            return place_name(q[-1].group(1), "kk")
    return None


def measured_phrase(c: Ctx, nxt: list[Word], measured: Optional[str]) -> Optional[str]:
    """The counted noun as written, with the modifiers between the number and it:
    `3000-ға жуық кәсіби емес медиаторлар` → `кәсіби емес медиаторлар`; `70% населения` → `населения`;
    a noun before the number (`халықтың 70%-ы`) alone."""
    if not measured:
        return None
    first = len(measured.split())
    for k, w in enumerate(nxt[:8]):
        if not is_word(w) and w.text not in ("-", "‑"):
            break
        if measured.split()[-1] in (lemma_of(w, c.lang), _substantive(w, c.lang)) or (first > 1 and match_term(nxt[k:], c.lang)):
            end = w.ve
            if first > 1:
                t = match_term(nxt[k:], c.lang)
                end = nxt[k + t[1] - 1].ve if t else w.ve
            return " ".join(c.text[nxt[0].vs : end].split())
    for w in c.prev[:6]:
        if not is_word(w):
            break
        if lemma_of(w, c.lang) == measured:
            return w.text
    return None


def count_of(c: Ctx) -> Optional[str]:
    """`медиаторларының саны 597 адамды құрайды` → медиатор; `число участников составило 300` → участник."""
    prev = c.prev[:4]
    for k, w in enumerate(prev):
        if not is_word(w):
            return None
        if w.text.lower() in ("саны", "число", "количество", "численность"):
            if c.lang == "kk" and k + 1 < len(prev) and is_word(prev[k + 1]):
                return lemma_of(prev[k + 1], "kk")
            if c.lang != "kk":
                after = [x for x in c.words if x.vs >= w.ve and x.ve <= c.expr.start]
                m = measured_after(after, c.lang) if after else None
                return m
    return None


def measured_other(c: Ctx, nxt: list[Word], lang: str) -> Optional[str]:
    """What a measure counts: its unit word (`21 баллдан` → балл, `десяти рабочих дней` → день)."""
    inside = [w for w in c.words if w.vs >= c.expr.start and w.ve <= c.expr.end and is_word(w) and w.vs > c.expr.start
              and w.upos not in ("ADP", "CCONJ")]  # not the `до` of `106 до 130`
    if inside:
        return lemma_of(inside[-1], lang)
    for w in nxt[:3]:
        if not is_word(w):
            return None
        if w.upos in ("NOUN", "PROPN") or is_time_word(w, lang):
            return lemma_of(w, lang)
    return None


def is_time_word(w: Word, lang: str) -> bool:
    """`жыл`, `күнінен`, `дней`, `месяцев`: a span of time (by the word or its lemma)."""
    return word_role(w.text, lang) in ("duration", "year") or word_role(w.lemma or "", lang) in ("duration", "year")


def measured_of_list_intro(c: Ctx) -> Optional[str]:
    """What the amounts of a list are of, named by the list's lead before a colon.

    `табыс салығы бойынша: Ақсу ауданы 121 мың теңге, ...` → салық; `по подоходному налогу
    с юридических лиц: Аксуского района 121 тыс.тенге, ...` → налог. A lead `X бойынша:` /
    `по X:` says what every figure after it measures; the place before each figure is its subject.
    """
    colon = c.text.rfind(":", 0, c.expr.start)
    if colon < 0:
        return None
    lead = [w for w in c.words if w.ve <= colon]
    if c.lang == "kk":
        if len(lead) < 2 or lead[-1].text.lower() != "бойынша":
            return None
        nouns = [w for w in lead[:-1][-3:] if is_word(w) and w.upos in ("NOUN", "PROPN", "X")]
        return lemma_of(nouns[-1], "kk") if nouns and nouns[-1] is lead[-2] else None
    if c.lang == "ru":
        k = max((i for i, w in enumerate(lead) if w.text.lower() == "по"), default=None)
        if k is None or not all(is_word(w) for w in lead[k + 1 :]):
            return None
        line_start = c.text.rfind("\n", 0, colon) + 1
        if any(is_word(w) and len(w.text) > 1 for w in lead[:k] if w.vs >= line_start):
            return None  # `по X:` opens the lead (after a list mark `а)`); `Расходы по программе:` does not
        noun = next((w for w in lead[k + 1 :] if w.upos == "NOUN"), None)
        return lemma_of(noun, "ru") if noun is not None else None
    return None
