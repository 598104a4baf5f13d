"""Words around numbers: the lexicons of the numeric extractor and what a word is to it.

Shared by ``pipeline.extract.numeric`` (claims in text) and ``pipeline.extract.tables``
(claims in table cells), so neither imports the other's internals. Word lists live in
``pipeline/data/<lang>/numeric_*.txt``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pipeline.extract.numbers import LANGS
from pipeline.morph import analyze, analyze_phrase, common_word
from pipeline.morph.kk import ending_pattern
from pipeline.morph.kk_suffixes import nominal_endings
from pipeline.resources import load_list, load_set

COUNT_HEADS = {"саны", "сан", "число", "количество", "кол-во", "number", "count"}
PARTICIPLE = re.compile(r"(?:ған|ген|қан|кен|атын|етін|йтын|йтін|итын|итін|лған|лген)$")
VERBAL_NOUN = re.compile(r"(?:у|ю)$")


# ---------------------------------------------------------------- lexicons

def _lex_langs(lang: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([lang] + (["ru"] if lang == "kk" else []) + ["en"])) if lang in LANGS else ("en",)


@lru_cache(maxsize=None)
def _roles_own(lang: str):
    return _roles(lang, own=True)


@lru_cache(maxsize=None)
def _roles(lang: str, own: bool = False) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact: dict[str, str] = {}
    prefix: list[tuple[str, str]] = []
    for lg in (_lex_langs(lang)[:1] if own else _lex_langs(lang)):
        for line in load_list(f"{lg}/numeric_context.txt"):
            key, _, role = line.partition("\t")
            key = key.strip().lower()
            if key.endswith("*"):
                prefix.append((key[:-1], role.strip()))
            else:
                exact.setdefault(key, role.strip())
    prefix.sort(key=lambda p: -len(p[0]))
    return exact, tuple(prefix)


def word_role(word: str, lang: str, *, own: bool = False) -> Optional[str]:
    """What a neighbouring word says about a number: ``жылы`` → ``year``, ``кесте`` → ``label``.

    ``own``: only the language's own list (not the Russian and English words read in Kazakh text).
    """
    w = word.lower().replace("ё", "е")
    exact, prefix = _roles_own(lang) if own else _roles(lang)
    if w in exact:
        return exact[w]
    if w.endswith(".") and w in exact:
        return exact[w]
    for p, role in prefix:
        if w.startswith(p) and len(w) - len(p) <= 7:
            return role
    return None


# a Kazakh letter printed as the Russian letter it looks or sounds like (`караша` for `қараша`)
_KK_AS_RU = str.maketrans("қәөүұіңғһ", "каоууингх")


@lru_cache(maxsize=8192)
def month_role(word: str, lang: str) -> Optional[str]:
    """``word_role``'s month (``month:NN``) of a word; in Kazakh also of a month's name misread by one
    letter in a scanned act (`сүуірдің 20-на дейін` for `сәуірдің`, `12-карашадағы` for
    `қарашадағы`): the word's lemma has the name's length, differs from it in one letter, and is no
    common word of the lexicon (`қазақ` is one, though one letter from `қазан`)."""
    role = word_role(word, lang)
    if role or lang != "kk" or len(word) < 5:
        return role if (role or "").startswith("month") else None
    lemma = analyze_phrase([word], lang)[0].lemma.lower()
    if len(lemma) < 5 or common_word(lemma, lang):
        return None
    for p, r in _roles_own(lang)[1]:
        if r.startswith("month") and len(p) == len(lemma) and p[0].translate(_KK_AS_RU) == lemma[0].translate(_KK_AS_RU) \
                and sum(a != b for a, b in zip(p, lemma)) == 1:
            return r
    return None


@lru_cache(maxsize=None)
def qualifiers(lang: str) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    out = []
    for lg in _lex_langs(lang):
        for line in load_list(f"{lg}/numeric_qualifiers.txt"):
            parts = [p.strip() for p in line.split("\t")]
            if len(parts) >= 3:
                out.append((tuple(parts[0].lower().split()), parts[1], parts[2]))
    out.sort(key=lambda q: -len(q[0]))
    return tuple(out)


@lru_cache(maxsize=None)
def _ordinals(lang: str) -> tuple[tuple[str, int], ...]:
    out = []
    for lg in _lex_langs(lang):
        for line in load_list(f"{lg}/numeric_ordinals.txt"):
            k, _, v = line.partition("\t")
            out.append((k.strip(), int(v)))
    return tuple(out)


def ordinal_of(word: str, lang: str) -> Optional[int]:
    for k, v in _ordinals(lang):
        if k.endswith("*") and word.lower().startswith(k[:-1]):
            return v
        if word == k or word.lower() == k:
            return v
    return None


def word_set(lang: str, name: str) -> frozenset[str]:
    try:
        return load_set(f"{lang}/{name}") if lang in LANGS else frozenset()
    except OSError:
        return frozenset()


# the endings a counted noun sheds, from the language layer's table (kk/suffixes.tsv): case
# (the locatives apart), the 3rd-person and long 1st-person plural possessive, the plural; not
# the 1st/2nd-person singular possessives (`алаң` is not ала + -ң) nor -а/-е after them
_CASE_GROUPS = {"case", "case3"}
_LOC_TAGS = {"LOC", "LREL"}


@lru_cache(maxsize=None)
def _kk_suffixes() -> tuple[tuple[str, str], ...]:
    """``(ending, kind)`` with kind case | loc | poss | plural, longest first within a kind."""
    out: set[tuple[str, str]] = set()
    for e in nominal_endings():
        if e.group in _CASE_GROUPS and e.tag != "SIM":
            out.add((e.surf, "loc" if e.tag in _LOC_TAGS else "case"))
        elif e.group == "poss" and (e.tag == "P3" or e.tag == "P1P" and len(e.surf) == 4):
            out.add((e.surf, "poss"))
        elif e.group == "pl":
            out.add((e.surf, "plural"))
    return tuple(sorted(out, key=lambda x: (x[1], -len(x[0]), x[0])))


_VOWELS = set("аәеёиоөуұүыіэюя")


_VOICELESS = set("птқксшфхцчщ")


def _fits(last: str, suf: str) -> bool:
    """Kazakh ending assimilation: `іс|тер`, `үстел|дер`, `медиатор|лар`, but not `пә|тер` (a vowel takes `лер`)."""
    first = suf[0]
    if first in "тқк":
        return last in _VOICELESS
    if first in "дғг":
        return last not in _VOICELESS
    if first == "л":
        return last in _VOWELS or last in "руй"
    if first == "н" and len(suf) > 1:
        return last not in _VOICELESS
    return True


def kk_stem(word: str, *, kinds=("case", "loc", "poss", "plural")) -> str:
    """Strip Kazakh case, possessive and plural endings (outermost first).

    >>> [kk_stem(w) for w in ('медиаторлардан', 'күнін', 'елдерінде', 'істер', 'ұйым', 'адамды')]
    ['медиатор', 'күн', 'ел', 'іс', 'ұйым', 'адам']
    """
    w = word
    order = [("case", "loc"), ("poss",), ("plural",)]
    for group in order:
        if not any(g in kinds for g in group):
            continue
        for suf, kind in _kk_suffixes():
            if kind not in group or kind not in kinds:
                continue
            if not w.lower().endswith(suf):
                continue
            stem = w[: -len(suf)]
            need = 2 if kind == "plural" or len(suf) >= 2 else 3
            if len(stem) < need or not any(c.lower() in _VOWELS for c in stem):
                continue
            if not _fits(stem[-1].lower(), suf):
                continue
            if suf == "н" and stem[-1].lower() not in "ыі":
                continue  # accusative `-н` follows a possessive vowel: `күнін`
            if kind == "poss" and stem[-1].lower() in _VOWELS - {"у", "ю", "и"} and suf in ("ы", "і"):
                continue
            w = stem
            if suf[0] in _VOWELS and w[-1] in "ғгб":  # `орталығы` → `орталық`
                w = w[:-1] + {"ғ": "қ", "г": "к", "б": "п"}[w[-1]]
            break
    return w



@dataclass
class Word:
    vs: int  # view offsets, relative to the sentence
    ve: int
    text: str
    lemma: str = ""
    upos: str = "X"
    dot: bool = False  # a `.` follows: `Рис.`, `б.`, `с.`
    feats: str = ""  # UD features of the analysis chosen in context
    stem: Optional[str] = None  # ``lemma_of`` of the word, once asked


def role_of(w: Word, lang: str) -> Optional[str]:
    """``word_role`` of a word, trying its abbreviation dot first (`с.` is a page, `с` a preposition)."""
    if w.dot:
        r = word_role(w.text + ".", lang)
        if r:
            return r
    return word_role(w.text, lang)


def lemma_of(w: Word, lang: str) -> str:
    """The lemma of a counted word, as the language layer analysed it (`медиаторлар` → медиатор).

    A Kazakh verbal noun names the thing counted and keeps its form (`кездесу`). The noun
    endings are taken off the word here only where the layer gave no reading of it (lemma equal
    to the word, UPOS X) or read a 1st/2nd-person singular possessive on a noun (`алаң` read as
    ала + -ң): a text that counts things does not count `my` or `your` ones. Computed once per word.
    """
    if w.stem is None:
        w.stem = _lemma_of(w, lang)
    return w.stem


_PSOR_1_2_SING = re.compile(r"Number\[psor\]=Sing\b.*Person\[psor\]=[12]\b|Person\[psor\]=[12]\b.*Number\[psor\]=Sing\b")


def _lemma_of(w: Word, lang: str) -> str:
    low = w.text.lower()
    theirs = (w.lemma or "").lower()
    if lang != "kk":
        return theirs or low
    if VERBAL_NOUN.search(low) and w.upos == "VERB":
        return low  # `кездесу`
    if not theirs or (theirs == low and w.upos in ("X", "")):
        return kk_stem(w.text).lower()
    if w.upos in ("NOUN", "PROPN") and _PSOR_1_2_SING.search(w.feats or ""):
        mine = kk_stem(w.text).lower()
        if len(mine) > len(theirs) and mine.startswith(theirs):
            return mine  # the analyser cut into the stem
    return theirs


def match_term(words: list[Word], lang: str) -> Optional[tuple[str, int]]:
    """A multiword term starting at ``words[0]``: ``дөңгелек үстелдер`` → ``дөңгелек үстел``."""
    if not words:
        return None
    by_first = _terms_by_first(lang)
    w0 = words[0]
    cands = by_first.get(lemma_of(w0, lang), ()) + by_first.get(w0.text.lower(), ())
    for _, term, lemmas in sorted(set(cands)):  # in the order of _terms: the longest first
        n = len(lemmas)
        if len(words) >= n and all(lemma_of(w, lang) == l or w.text.lower() == l for w, l in zip(words, lemmas)):
            return term, n
    return None


@lru_cache(maxsize=None)
def _terms_by_first(lang: str) -> dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]]:
    """The terms by their first word's lemma (a term is tried only where its first word stands),
    each with its place in ``_terms``."""
    out: dict[str, list] = {}
    for k, (term, lemmas) in enumerate(_terms(lang)):
        out.setdefault(lemmas[0], []).append((k, term, lemmas))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _terms(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if lang not in LANGS:
        return ()

    out = []
    for term in load_list(f"{lang}/numeric_terms.txt"):
        ws = term.split()
        try:
            lem = analyze(ws, lang)
        except Exception:  # a morph backend must not break extraction
            lem = [(w, "X") for w in ws]
        lemmas = tuple(
            kk_stem(w).lower() if lang == "kk" and (l == w.lower() or u == "X") else l.lower()
            for w, (l, u) in zip(ws, lem)
        )
        out.append((term, lemmas))
    out.sort(key=lambda t: -len(t[1]))
    return tuple(out)


def is_word(w: Word) -> bool:
    return bool(re.match(r"[^\W\d_]", w.text))


_LEGAL_FORM = re.compile(r"\s+(?:[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{2,5})$")
# a Kazakh locative (`-да`, `-дағы`, after a possessive `-нда`) or genitive (`-ның`) at the end of a word
LOC = re.compile(f"(?:{ending_pattern('LREL', 'LOC')})$")
GEN = re.compile(f"(?:{ending_pattern('GEN')})$")


def place_name(text: str, lang: str) -> str:
    """A place or body as a name: locative and genitive endings off (`Ұлыбританияда` → `Ұлыбритания`,
    `Еуропа елдерінде` → `Еуропа елдері`), quotes and a trailing legal form off (`«Келісім» ҚҰ` → `Келісім`)."""
    t = " ".join(text.replace("«", " ").replace("»", " ").replace('"', " ").split())
    t = _LEGAL_FORM.sub("", t) if " " in t else t
    if lang == "kk" and t:
        words = t.split()
        words[-1] = strip_case(words[-1])
        t = " ".join(words)
    return t


def strip_case(word: str) -> str:
    """`Қазақстанда` → `Қазақстан`, `елдерінде` → `елдері`, `Ассамблеяның` → `Ассамблея`."""
    low = word.lower()
    loc = LOC.search(low)
    m = loc or GEN.search(low)
    if not m:
        return word
    cut = len(m.group())
    if loc and m.group().startswith("н") and cut > 2 and len(low) > cut and low[-cut - 1] not in "ыі":
        cut -= 1  # `Қазақстан|да`: `-нда` only follows a possessive `ы/і` (`елдері|нде`)
    return word[: len(word) - cut] if len(word) - cut >= 3 else word


def without_remark(nxt: list[Word]) -> list[Word]:
    """The words after a number without a remark in brackets among the first of them: a remark of
    words does not part a number from its unit or qualifier (`от 106 до 130 (включительно) баллов`,
    `130 балға (қоса алғанда) дейін`, `5 (бес) адам`)."""
    for k in range(min(3, len(nxt))):
        if nxt[k].text != "(":
            continue
        close = next((j for j in range(k + 1, min(k + 6, len(nxt))) if nxt[j].text == ")"), None)
        if close is None or close == k + 1 or not all(is_word(w) for w in nxt[k + 1 : close]):
            return nxt
        return nxt[:k] + nxt[close + 1 :]
    return nxt
