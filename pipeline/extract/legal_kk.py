"""Legal acts in Kazakh: the finder of acts named by a head noun in one sentence, and what the
finders of every language share (:class:`ActSpan`, quotes, years, cleaning).

- ``«Медиация туралы» Заң``, ``Қылмыстық кодекстің``, ``Қазақстан-2050 стратегиясы``,
  ``Қазақстан Республикасының 2010-2020 жылдарға арналған Құқықтық саясат тұжырымдамасы``,
  ``көші-қон туралы заңда`` (a title without quotes before туралы / жөніндегі).

Words come from the language layer: endings from ``kk/suffixes.tsv``
(:func:`pipeline.morph.kk.endings`), parts of speech and features from
:func:`pipeline.morph.analyze_phrase`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pipeline.extract import kk_ner
from pipeline.extract.legal_numbered import NUMBER, _kk_date, _months, damerau, names_force_of_law
from pipeline.extract.org_kk import CLOSE_Q, OPEN_Q
from pipeline.morph import analyze_phrase
from pipeline.morph.kk import ending_pattern, endings
from pipeline.resources import load_map, load_set

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PERIOD = re.compile(r"\d{4}(?:\s*[-–]\s*\d{4})?")
_NUMBER = re.compile(rf"(?:№|N)\s?((?:{NUMBER})(?:-[А-ЯA-Z]{{1,4}})?)")
_KK_ADOPT = re.compile(r"қабылда|бекіт|қол қой")


@dataclass
class ActSpan:
    """One legal act mention found in a sentence (offsets into the sentence text)."""

    start: int
    end: int
    kind: str
    canonical: str
    year: Optional[int] = None
    number: Optional[str] = None
    date: Optional[str] = None  # ISO, when the mention states it
    issuer: Optional[str] = None


@lru_cache(maxsize=None)
def _kk_heads() -> dict[str, str]:
    return load_map("kk/legal_heads.txt")


@lru_cache(maxsize=65536)  # the answer depends on the word alone; asked for every word
def kk_head_kind(word: str) -> Optional[str]:
    """Kind of a Kazakh act head in any case form; a long head tolerates a PDF typo.

    >>> kk_head_kind('Заң'), kk_head_kind('тұжырымдамасында'), kk_head_kind('страгетиясында')
    ('law', 'concept', 'strategy')
    """
    heads = _kk_heads()
    for s in kk_ner.stems(word):
        if s in heads:
            return heads[s]
    # заңы / заңға (the stem chain stops early on very short words)
    low = word.lower()
    for h, kind in heads.items():
        if len(h) >= 8 and low[:3] == h[:3]:
            for s in kk_ner.stems(word):
                if abs(len(s) - len(h)) <= 1 and damerau(s, h) <= 2:
                    return kind
    return None


def _kk_fix_typo(word: str) -> str:
    """A fuzzily matched head spelled as in the lexicon: ``страгетиясы`` → ``стратегиясы``."""
    heads = _kk_heads()
    if any(s in heads for s in kk_ner.stems(word)):
        return word
    low = word.lower()
    for h in heads:
        if len(h) >= 8 and low[:3] == h[:3]:
            for s in kk_ner.stems(word):
                if abs(len(s) - len(h)) <= 1 and damerau(s, h) <= 2 and low.startswith(s):
                    return word[:0] + (h if word[:1].islower() else h.capitalize()) + word[len(s):]
    return word


def _year_in(text: str) -> Optional[int]:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(f"[{OPEN_Q}{CLOSE_Q}\"]", "", text)).strip()


# ---------------------------------------------------------------- Kazakh


@lru_cache(maxsize=1)
def _kk_case() -> tuple[str, ...]:
    """The Kazakh case endings an act's head may carry (``kk/suffixes.tsv``), longest first."""
    return endings("GEN", "ACC", "DAT", "LOC", "ABL", "INS")


def _kk_nominative(word: str) -> str:
    """``Заңға`` → ``Заң``; ``стратегиясында`` → ``стратегиясы``; ``кодексінің`` → ``кодексі``."""
    low = word.lower()
    heads = _kk_heads()
    for suf in _kk_case():
        if not low.endswith(suf) or len(low) - len(suf) < 3:
            continue
        cand = word[: -len(suf)]
        c = cand.lower()
        if c in heads:
            return cand
        if c.endswith(("сы", "сі", "ы", "і")) and kk_head_kind(cand):
            return cand
    return word


@lru_cache(maxsize=1)
def _plural() -> str:
    return ending_pattern("PL")


@lru_cache(maxsize=1)
def _place_case() -> str:
    """Endings of a word that places or dates the act rather than naming it (``жылы``, ``елде``,
    ``заңнан``, ``жылға``): locative, ablative, dative."""
    return ending_pattern("LOC", "ABL", "DAT")


def _upos(words, k: int) -> str:
    """UPOS of one word from the Kazakh analyser (``X`` when it is unavailable)."""
    try:
        from pipeline.morph import analyze
        return analyze([words[k][2]], "kk")[0][1]
    except Exception:  # noqa: BLE001 - the morph backend is optional here
        return "X"


@lru_cache(maxsize=None)
def _kk_about() -> frozenset[str]:
    return load_set("kk/legal_about.txt")


# parts of speech that end a name going left (a name holds no adverb, pronoun, subordinator)
_NOT_IN_NAME = frozenset({"ADV", "PRON", "SCONJ", "PART", "AUX", "DET", "PUNCT", "INTJ"})


# postpositions that tie a phrase to the clause, not to a title: ... бабына сәйкес | еңбекті
# қорғау жөніндегі заң ; ... есептеу үшін | республикалық бюджет туралы Заң
_KK_CLAUSE_POSTPOSITIONS = frozenset({"сәйкес", "бойынша", "арқылы", "үшін", "байланысты"})


def _finite_or_converb(feats: str) -> bool:
    """A verb form that ends a clause: a converb (``деп``, ``араласып``) or a finite verb."""
    return "VerbForm=Conv" in feats or "VerbForm=Fin" in feats or (
        "Tense=" in feats and "VerbForm=Part" not in feats)


def kk_title_start(words, about: int, analysis) -> int:
    """Index of the first word of an unquoted title that ends with the postposition at ``about``
    (``көші-қон туралы заңда`` → ``көші-қон``): going left over at most eight words, up to a
    word that cannot stand in a title (an adverb, a pronoun, a subordinator, a conjunction other
    than және / мен, a verb that ends a clause, a word in the locative or ablative, a number, a
    postposition of the clause such as сәйкес or үшін)."""
    k = about
    while k - 1 >= 0 and about - (k - 1) <= 8:
        w, a = words[k - 1][2], analysis[k - 1]
        low = w.lower()
        if not re.match(r"\w", w) or a.upos in _NOT_IN_NAME or _finite_or_converb(a.feats) \
                or w[:1].isdigit() or low in _KK_CLAUSE_POSTPOSITIONS \
                or (a.upos == "CCONJ" and low not in ("және", "мен")) or low in _kk_about() \
                or (re.search(r"Case=(?:Loc|Abl)", a.feats) and not low.endswith(endings("LREL"))):
            break
        k -= 1
    while k < about and words[k][2].lower() in ("және", "мен"):
        k += 1
    if k > 0 and words[k][2].lower() in ("жылдарға", "жылға") and _PERIOD.fullmatch(words[k - 1][2]):
        k -= 1  # 2003-2005 жылдарға арналған Кедейшілікті азайту жөніндегі бағдарлама
    return k


def _issuer_or_date(word: str) -> bool:
    """A word that may stand between an act's quoted title and its head: a name of its issuer
    (``Қазақстан Республикасының``, ``Үкіметінің``) or a part of its date (``2015``, ``жылғы``,
    ``қарашадағы``)."""
    low = word.lower()
    return word[:1].isupper() or word.isdigit() or low in ("жылғы", "ж", ".") \
        or low.startswith(_months("kk"))


def kk_title_before(words, h: int) -> Optional[int]:
    """Index of the opening quote of a title that stands before the head at ``h`` with the issuer
    and the date between them, as Kazakh acts are named: ``«Адвокаттық қызмет туралы» Қазақстан
    Республикасының Заңы``, ``«...» Қазақстан Республикасының 2015 жылғы 23 қарашадағы Заңы``;
    ``None`` when no such title (one that ends in ``туралы``, ``жөніндегі``) stands there."""
    q = h - 1
    while q >= 0 and h - q <= 8 and words[q][2] not in CLOSE_Q and _issuer_or_date(words[q][2]):
        q -= 1
    if q == h - 1 or q < 1 or words[q][2] not in CLOSE_Q or words[q - 1][2].lower() not in _kk_about():
        return None  # the title of an act ends in туралы / жөніндегі (not «Нұр Отан»)
    j = q - 1
    while j >= 0 and words[j][2] not in OPEN_Q and q - j < 40:
        j -= 1
    return j if j >= 0 and words[j][2] in OPEN_Q else None


def kk_acts(text: str) -> list[ActSpan]:
    """Legal acts in one Kazakh sentence."""
    words = kk_ner.tokenize(text)
    n = len(words)
    out: list[ActSpan] = []
    used = [False] * n
    analysed: list = []

    def ana(k: int):
        if not analysed:
            analysed.extend(analyze_phrase([x[2] for x in words], "kk"))
        return analysed[k]
    for h in range(n):
        w = words[h][2]
        kind = kk_head_kind(w) if re.match(r"\w", w) else None
        if not kind or used[h] or names_force_of_law(text, words[h][0], words[h][1], "kk"):
            continue  # Заң күші бар Жарлық: a decree with the force of law, no law
        if re.search(_plural(), w.lower()[len(w) // 2:]) and kind != "law":
            continue  # бағдарламаларын: a plural names a class of acts
        i = h
        has_p3 = _kk_nominative(_kk_fix_typo(w)).lower().endswith(endings("P3"))
        # «Медиация туралы» Заң ; «Нұрлы жол» мемлекеттік бағдарламасы
        q = h - 1
        while q >= 0 and h - q <= 3 and words[q][2][:1].islower() and words[q][2] not in CLOSE_Q \
                and not words[q][2].lower().endswith(_kk_case()) and ana(q).upos != "VERB":
            q -= 1
        if h > 0 and words[h - 1][2].lower() in _kk_about() \
                and kk_title_start(words, h - 1, [ana(x) for x in range(h)]) < h - 1:
            # көші-қон туралы заңда ; Сайлау туралы заңға (a title without quotes)
            i = kk_title_start(words, h - 1, [ana(x) for x in range(h)])
        elif kk_title_before(words, h) is not None:
            i = kk_title_before(words, h)
        elif q >= 0 and words[q][2] in CLOSE_Q:
            j = q - 1
            while j >= 0 and words[j][2] not in OPEN_Q and h - j < 30:
                j -= 1
            if j >= 0 and words[j][2] in OPEN_Q:
                i = j
        else:
            # an unquoted name: Қазақстан-2050 стратегиясы ; Қылмыстық кодекс ;
            # Қазақстан Республикасының 2010-2020 жылдарға арналған Құқықтық саясат тұжырымдамасы
            k = h
            while k - 1 >= 0 and h - (k - 1) <= 10:
                pw = words[k - 1][2]
                low = pw.lower()
                if low in ("арналған", "жылдарға", "жылға") or re.match(r"^\d{4}(-\d{4})?$", pw) \
                        or re.match(r"^\d{4}$", pw) or pw in "-–—":
                    k -= 1
                    continue
                if not re.match(r"\w", pw) or low in {"және", "мен", "бұл", "осы", "сол",
                                                       "оның", "жаңа", "бойынша", "арқылы"}:
                    break
                if low in _kk_about():  # Кедейшілікті азайту жөніндегі 2003-2005 ... Бағдарлама
                    k = kk_title_start(words, k - 1, [ana(x) for x in range(k)])
                    break
                a = ana(k - 1)
                if (re.fullmatch(r"\d+", pw) and k == h) or a.upos in _NOT_IN_NAME \
                        or _finite_or_converb(a.feats):
                    break  # тағы 2 конституция ; Сүндетов те Президент жарлығымен
                if pw[:1].islower() and "VerbForm=Part" in a.feats:
                    break  # ... Жарлығымен бекітілген | Мемлекеттік қызметшілердің әдеп кодексі
                if not has_p3 and pw[:1].islower() and a.upos not in ("ADJ", "PROPN"):
                    break  # мамандары конвенцияны: a noun modifies a head only through its possessive
                if re.search(rf"(?:{_place_case()})$", low) \
                        and not low.endswith(("туралы",)) and len(low) > 4 \
                        and not pw[:1].isupper():
                    break
                k -= 1
            while k < h and not (words[k][2][:1].isupper() or words[k][2][:1].isdigit()):
                k += 1
            # Ереже Қазақстан Республикасы ...; Біздің заң: a sentence-initial capital is no
            # evidence of a name unless the word is a proper noun (a code is named by any
            # modifier: Салық кодексі)
            if k < h and kind != "code" and (k == 0 or words[k - 1][2] in ".!?•:;") and _upos(words, k) != "PROPN" \
                    and not re.search(r"\d", words[k][2]):
                k += 1
                while k < h and not (words[k][2][:1].isupper() or words[k][2][:1].isdigit()):
                    k += 1
            i = k
            if i == h and not w[:1].isupper():
                # a bare lower-case head: заң, бағдарлама — only 'X туралы заң' and codes count
                if not (kind == "code" and h > 0 and words[h - 1][2][:1].isupper()):
                    continue
        if i == h and h > 0 and words[h - 1][2].lower() in load_set("kk/legal_demonstratives.txt"):
            continue  # осы Кодекс, аталған қаулы: the act in hand, named by a demonstrative
        if i == h and kind in ("law",) and w.lower() in ("заң", "заңы", "заңда", "заңға",
                                                          "заңның", "заңды", "заңмен"):
            continue  # a bare 'Заң' (the law in general)
        if i == h and kind not in ("law",):
            if kind == "code" and w[:1].isupper():
                pass
            else:
                continue
        start, end = words[i][0], words[h][1]
        for k in range(i, h + 1):
            used[k] = True
        surface = text[start:end]
        canonical = _clean(re.sub(rf"{_kk_date()}\s*", "", surface[: len(surface) - len(w)])
                           + _kk_nominative(_kk_fix_typo(w)))
        year = None
        if _KK_ADOPT.search(text):
            years = _YEAR.findall(text[:start])
            if len(years) == 1 or (years and not _YEAR.search(text[end:])):
                year = int(years[-1])
        if year is None:
            year = _year_in(surface)
        out.append(ActSpan(start, end, kind, canonical, year, kk_number_after(text, end)))
    return out


def kk_number_after(text: str, end: int) -> Optional[str]:
    """The number written right after a Kazakh act's head, unless it numbers an annex or a
    part (``pipeline/data/kk/legal_not_number.txt``).

    >>> kk_number_after('Бағдарлама № 12 бекітілсін', 10), kk_number_after('бағдарламасы № 1 қосымшаға', 12)
    ('12', None)
    """
    num = re.compile(r"\s*" + _NUMBER.pattern).match(text, end)
    if num is None:
        return None
    nxt = re.match(r"\s*(\w+)", text[num.end():])
    if nxt and nxt.group(1).lower().startswith(tuple(load_set("kk/legal_not_number.txt"))):
        return None
    return num.group(1)
