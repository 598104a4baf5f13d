"""Russian context rules, names: bynames, adjectives of names, nobiliary particles, appositions
after designators, titles in quotation marks. Each rule is a named function ``rule(words, row, P)`` that corrects ``row``
(lemma, upos) in place, with an example."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from pipeline.morph.ru_base import _CYR, _OC_CASE, _OC_NUMBER, _PROPER_GRAMMEMES, _morph, _no_yo
from pipeline.morph.ru_candidates import _caps_like
from pipeline.morph.ru_choose import _sentence_initial


@lru_cache(maxsize=50_000)
def _first_name_cases(low: str) -> frozenset:
    """(case, number) of the dictionary's first-name readings of a word (Ильи -> Gen/Sing)."""
    return frozenset((_OC_CASE.get(p.tag.case), _OC_NUMBER.get(p.tag.number)) for p in _morph().parse(low)
                     if p.is_known and p.tag.grammemes & {"Name", "Patr"} and p.tag.POS == "NOUN")


@lru_cache(maxsize=50_000)
def _byname_nouns(low: str) -> tuple:
    """(case, number, lemma) of the common-noun readings of a word the dictionary knows only
    as a common word (Муромца -> Gen/Sing муромец); () when it has a name reading."""
    out = []
    for p in _morph().parse(low):
        if not p.is_known:
            continue
        if p.tag.grammemes & _PROPER_GRAMMEMES:
            return ()
        if p.tag.POS == "NOUN" and "Abbr" not in p.tag.grammemes:
            out.append((_OC_CASE.get(p.tag.case), _OC_NUMBER.get(p.tag.number), _no_yo(p.normal_form)))
    return tuple(out)


def _bynames(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
    """A capitalised common noun right after a first name, in the same case, is the person's
    surname or byname (Илья Муромец, Алешей Поповичем, Иисус Христос): PROPN, its noun lemma
    capitalised."""
    for i in range(1, len(words)):
        w = words[i]
        prev = words[i - 1]
        if not (w[:1].isupper() and w[1:].islower() and prev[:1].isupper() and prev[1:].islower()):
            continue
        if row[i][1] == "PROPN" or row[i - 1][1] != "PROPN":
            continue
        names = _first_name_cases(prev.lower())
        if not names:
            continue
        for case, number, lemma in _byname_nouns(w.lower()):
            if (case, number) in names and number == "Sing":
                row[i] = (_caps_like(w, lemma), "PROPN")
                break
        else:
            # after a first name (or patronymic) in the nominative: a word read as a verb or
            # other non-nominal (Сандро Мерло, not мереть), or a noun of surname shape
            # (Тимофей Григорьевич Плужников, not плужник) is the surname itself
            if ("Nom", "Sing") in names and (
                    row[i][1] not in ("NOUN", "ADJ", "DET", "NUM", "PRON")
                    or row[i][1] == "NOUN" and w.lower().endswith(("ов", "ев", "ёв", "ин", "ын"))):
                row[i] = (_caps_like(w, _no_yo(w.lower())), "PROPN")


_ADJ_NAME_SUFFIX = ("ский", "цкий", "ской", "цкой")


@lru_cache(maxsize=20_000)
def _unknown_adjective(low: str) -> tuple:
    """(lemma, {(case, number, gender)}) when a word the dictionary lacks declines as an
    -ский/-цкий adjective (Стаклишкского -> стаклишкский), else ()."""
    m = _morph()
    if m.word_is_known(low):
        return ()
    feats, lemma = set(), None
    for p in m.parse(low):
        if p.tag.POS == "ADJF" and p.normal_form.endswith(_ADJ_NAME_SUFFIX):
            lemma = lemma or p.normal_form
            if p.normal_form == lemma:
                feats.add((p.tag.case, p.tag.number, p.tag.gender))
    return (_no_yo(lemma), frozenset(feats)) if lemma else ()


@lru_cache(maxsize=50_000)
def _noun_feats(low: str) -> frozenset:
    return frozenset((p.tag.case, p.tag.number, p.tag.gender) for p in _morph().parse(low)
                     if p.tag.POS == "NOUN")


def _agrees(adj_feats, noun_feats, coordinated: bool = False) -> bool:
    """Case, number and gender agree; singular adjectives coordinated before a plural noun
    (в Гёттингенском и Лейпцигском университетах) agree in case only."""
    return any(a[0] == n[0] and (a[1] == n[1] and (a[1] == "plur" or a[2] == n[2] or n[2] is None)
                                 or coordinated and n[1] == "plur")
               for a in adj_feats for n in noun_feats)


def _name_adjectives(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
    """A capitalised -ский/-цкий word the dictionary lacks is an adjective (ADJ, lower-case
    lemma: Стаклишкского деканата -> стаклишкский) when it modifies the common noun after it,
    also across a coordinated adjective (Гёттингенском и Лейпцигском университетах); without
    such a noun it stays a name (a surname in -ский)."""
    n = len(words)
    for i, w in enumerate(words):
        if row[i][1] != "PROPN" or not w[:1].isupper() or (len(w) > 1 and w.isupper()):
            continue
        adj = _unknown_adjective(w.lower().replace("\u0301", "").replace("\u0300", ""))
        if not adj:
            continue
        j = i + 1
        coordinated = j + 1 < n and words[j].lower() in ("и", "или") and row[j + 1][1] in ("ADJ", "PROPN")
        if coordinated:
            j += 2  # Гёттингенском и Лейпцигском университетах
        if j < n and row[j][1] == "NOUN" and words[j][:1].islower() and _agrees(
                adj[1], _noun_feats(words[j].lower()), coordinated):
            row[i] = (adj[0], "ADJ")


# particles inside Romance personal names (Жиль де Рэ, Карло Пеллион ди Персано, Жанна д'Арк)
_NOBILIARY = frozenset({"де", "ди", "дю", "д", "да"})


def _nobiliary(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
    """A nobiliary particle before a capitalised name part is part of the name: UD-Russian
    (GSD) writes its lemma with a capital (де -> Де, PART); the capitalised word before it
    is a first name (PROPN) unless the dictionary knows it as a common noun."""
    n = len(words)
    for i, w in enumerate(words):
        if w not in _NOBILIARY or i + 1 >= n:
            continue
        nxt = words[i + 1]
        if nxt in ("'", "’") and i + 2 < n:
            nxt = words[i + 2]
        if not (nxt[:1].isupper() and _CYR.search(nxt[:1])):
            continue
        if w == "да" and not (i > 0 and words[i - 1][:1].isupper()):
            continue  # "да" is mostly a conjunction: only between two name parts
        row[i] = (w[:1].upper() + w[1:], "PART")
        if i > 0:
            prev = words[i - 1]
            if prev[:1].isupper() and prev[1:].islower() and row[i - 1][1] != "PROPN" and not any(
                    p.is_known and p.tag.POS == "NOUN" for p in _morph().parse(prev.lower())):
                row[i - 1] = (prev, "PROPN")


@lru_cache(maxsize=1)
def _designators() -> frozenset:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "ru" / "name_designators.txt"
    if not path.exists():
        return frozenset()
    return frozenset(x.strip() for x in path.read_text(encoding="utf-8").splitlines()
                     if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=20_000)
def _nominative_common_only(low: str) -> bool:
    """The dictionary knows the word only as a common word and it can be a nominative singular noun."""
    parses = [p for p in _morph().parse(low) if p.is_known]
    return bool(parses) and not any(p.tag.grammemes & _PROPER_GRAMMEMES for p in parses) and any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing" for p in parses)


def _appositions(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
    """A name the dictionary lacks right after a generic noun (город, река, партия: see
    pipeline/data/ru/name_designators.txt) stands in apposition in the nominative: its form
    is its lemma (у города Иидзука -> Иидзука, not *Иидзук)."""
    des = _designators()
    # the headword of a definition (Родопы ( ) -- горная система ...) is in the nominative
    k = 0
    while k < len(words) and not any(ch.isalnum() for ch in words[k]):
        k += 1
    if k + 1 < len(words) and words[k + 1] in ("(", "--", "—", "–") and row[k][1] == "PROPN":
        w = words[k].replace("\u0301", "").replace("\u0300", "")
        low = w.lower()
        if low.isalpha() and w[:1].isupper() and not (len(w) > 1 and w.isupper()) and not _morph().word_is_known(low):
            row[k] = (_caps_like(w, _no_yo(low)), "PROPN")
    for i in range(1, len(words)):
        w = words[i]
        if not (w[:1].isupper() and w[1:].islower()):
            continue
        if row[i - 1][1] != "NOUN" or _no_yo(row[i - 1][0]) not in des:
            continue
        low = w.lower()
        if not low.isalpha():
            continue
        if not _morph().word_is_known(low):
            if row[i][1] == "PROPN":
                row[i] = (_caps_like(w, _no_yo(low)), "PROPN")
        elif row[i][1] == "NOUN" and _nominative_common_only(low):
            # a common word capitalised after a generic noun is the place's name (село Гуща)
            row[i] = (_caps_like(w, _no_yo(low)), "PROPN")


@lru_cache(maxsize=50_000)
def _plural_participle(low: str):
    """Masculine nominative singular of a plural long participle (выживших -> выживший), else None."""
    for p in _morph().parse(low):
        if p.tag.POS == "PRTF" and "plur" in p.tag.grammemes and p.is_known:
            f = p.inflect({"masc", "sing", "nomn"})
            return _no_yo(f.word) if f is not None else None
    return None


# ------------------------------------------------------------------ titles in quotation marks

_QUOTE_OPEN = frozenset({"«", "``", "\"", "“", "„"})
_QUOTE_CLOSE = frozenset({"»", "''", "\"", "”", "“"})


def _quoted_titles(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
    """A capitalised common noun standing alone in quotation marks inside a sentence is the
    name of a work, hotel, ship or the like (апартаменты «Сапфир», роман «Воскресение"):
    PROPN, with the noun's lemma capitalised. Sentence-initial words are left alone."""
    n = len(words)
    for i in range(1, n - 1):
        w = words[i]
        if (row[i][1] == "NOUN" and w[:1].isupper() and not w.isupper() and words[i - 1] in _QUOTE_OPEN
                and words[i + 1] in _QUOTE_CLOSE and not _sentence_initial(words, i - 1)):
            row[i] = (_caps_like(w, row[i][0]), "PROPN")
