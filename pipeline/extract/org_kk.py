"""Kazakh organisation rules: quoted names with a legal form or a descriptor
(``«Медиацияны дамыту орталығы» РҚҰ``, ``«Қазақмыс» корпорациясына``), unquoted names ending
in a head noun (``Қазақстан Халқы Ассамблеясы``), abbreviations (``ҚХА``), and the word
helpers they need (legal forms, plurals, nominatives).

Layers: :mod:`pipeline.extract.kk_words` ← this module ← :mod:`pipeline.extract.kk_ner` (the
tagger reads where these rules put a name) ← :mod:`pipeline.extract.organisations`.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Optional, Sequence

from pipeline.extract import kk_words
from pipeline.morph import analyze, analyze_phrase
from pipeline.morph.kk import ending_pattern, endings
from pipeline.resources import load_set

OPEN_Q = "«“„"
CLOSE_Q = "»”"
_ABBR = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}$")
# Kazakh endings, all from kk/suffixes.tsv (pipeline.morph.kk.endings):
# cases a name word never ends in (the name window stops there): дамуында, Қазақстанда, тізімге
# (one-letter allomorphs left out: -а, -е, -н end too many stems)
_OUTER_CASE = tuple(e for e in endings("LREL", "LOC", "ABL", "DAT", "INS", "ACC") if len(e) > 1)
# case endings stripped to restore a nominative (after a possessive or a bare stem)
_CASE = endings("GEN", "LREL", "LOC", "ABL", "INS", "DAT", "ACC")
_GEN_END = endings("GEN")
_ACC = tuple(e for e in endings("ACC") if len(e) > 1)
_POSS = endings("P3")
# a plural, maybe followed by a possessive and a case: орталықтардың
_PLURAL = re.compile(rf"(?:{ending_pattern('PL')})[а-яәғқңөұүһі]{{0,6}}$")
# a plural in the nominative, maybe with a possessive: ұйымдар, ұйымдары
_PLURAL_NOM = re.compile(rf"(?:{ending_pattern('PL')})(?:{ending_pattern('P3')})?$")


@lru_cache(maxsize=None)
def _legal_forms() -> frozenset[str]:
    return load_set("kk/org_legal_forms.txt") | load_set("ru/org_legal_forms.txt")


@lru_cache(maxsize=None)
def _not_orgs() -> frozenset[str]:
    return frozenset(w.lower() for w in load_set("kk/org_not.txt") | load_set("ru/org_not.txt"))


_kk_stop = partial(load_set, "kk/org_stop.txt")  # cached by load_set
_kk_not_descriptors = partial(load_set, "kk/org_not_descriptors.txt")


@lru_cache(maxsize=None)
def _latin_heads() -> tuple[str, ...]:
    return tuple(load_set("kk/org_heads_latin.txt"))


# ---------------------------------------------------------------- word helpers


def split_suffix(word: str) -> tuple[str, str]:
    """A hyphenated case ending apart: ``ҚХА-ның`` → (``ҚХА``, ``-ның``)."""
    head, sep, tail = word.rpartition("-")
    if sep and head and tail and tail.islower() and len(tail) <= 5 and not head[-1:].islower():
        return head, sep + tail
    return word, ""


def legal_form_of(word: str) -> Optional[str]:
    """``РҚҰ-ның`` → ``РҚҰ``; None for other words."""
    base, _ = split_suffix(word)
    return base if base in _legal_forms() else None


def is_plural(word: str) -> bool:
    """``орталықтардың`` → True (a plural head noun names a class, not one organisation)."""
    return bool(_PLURAL.search(word.lower())) and len(word) > 6


def is_latin_head(word: str) -> bool:
    """``ortalygy`` → True."""
    low = word.lower()
    return any(low.startswith(h) for h in _latin_heads())


def nominative_kk(word: str) -> str:
    """The nominative of a Kazakh name's last word: one case ending off when a head is left.

    >>> nominative_kk('Ассамблеясының'), nominative_kk('орталығымен'), nominative_kk('Үкіметтің')
    ('Ассамблеясы', 'орталығы', 'Үкімет')
    """
    base, suf = split_suffix(word)
    if suf:
        return base
    low = word.lower()
    heads = kk_words._heads()

    def is_head_form(stem_: str) -> bool:
        s = stem_.lower()
        if s in heads:
            return True
        for p in _POSS:
            if s.endswith(p) and len(s) > len(p) + 2:
                b = s[: -len(p)]
                if b in heads or (b[-1:] in "ғг" and b[:-1] + {"ғ": "қ", "г": "к"}[b[-1]] in heads):
                    return True
        return False

    if is_head_form(low):
        return word
    for suf in _CASE:
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            cand = word[: -len(suf)]
            if is_head_form(cand):
                return cand
    return word



def quoted_thing(words: Sequence[str], i: int, j: int) -> bool:
    """``words[i:j]`` is a quoted name, and the noun in apposition after its closing quote says
    it names a thing, not an organisation: a work, an award, an event, a product, a place
    (``pipeline/data/kk/org_not_descriptors.txt``, matched on the language layer's lemma). A
    name inside a longer title is left alone: a product's title may hold its maker's name
    (``«Ақжелкен 200» ұшағы``).
    The noun of the apposition carries the possessive (``«Ақ желкен» әні``); up to two
    lower-case modifiers may stand before it (``«Ақ желкен» ұялы қосымшасы``), and an
    organisation head noun there makes the name an organisation's (``«Ақ желкен» қорының``).

    >>> quoted_thing(["«", "Ақ", "желкен", "»", "әнін", "тыңдадық"], 1, 3)
    True
    >>> quoted_thing(["«", "Ақ", "желкен", "»", "ұялы", "қосымшасын", "ашты"], 1, 3)
    True
    >>> quoted_thing(["«", "Ақ", "желкен", "»", "қорының", "әні"], 1, 3)
    False
    >>> quoted_thing(["«", "Ақжелкен", "200", "»", "ұшағы"], 1, 2)
    False
    """
    n = len(words)
    if not (0 < i < j < n and words[i - 1] in OPEN_Q and words[j] in CLOSE_Q):
        return False
    an = analyze_phrase(words, "kk")
    for k in range(j + 1, min(n, j + 4)):
        w = words[k]
        if not (w[:1].isalpha() and w[:1].islower()):
            return False
        if (an[k].lemma or "").lower() in _kk_not_descriptors() or any(
                s in _kk_not_descriptors() for s in kk_words.stems(w)):
            return True
        if kk_words.is_head(w) or "Person[psor]=3" in (an[k].feats or ""):
            return False
    return False


# ---------------------------------------------------------------- Kazakh rules


_ROMAN = re.compile(r"^(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


def roman_numeral(word: str) -> bool:
    """A Roman numeral (``IV``; ``ІІІ`` with the Kazakh letter І typed for the Latin I) is a
    number: it heads a section or names a quarter (``II тоқсан``), never an organisation.

    >>> roman_numeral("IV"), roman_numeral("ІІІ"), roman_numeral("ІІМ"), roman_numeral("ҚХА")
    (True, True, False, False)
    """
    w = word.replace("І", "I")
    return bool(w) and bool(_ROMAN.match(w))


def _unit_words(text: str) -> list[tuple[int, int, str]]:
    return kk_words.tokenize(text)


def _quote_groups(words) -> list[tuple[int, int]]:
    """(i, j): words[i] opens a quote, words[j] closes it (at most 14 words inside)."""
    out = []
    i = 0
    n = len(words)
    while i < n:
        if words[i][2] in OPEN_Q or (words[i][2] == '"' and i + 1 < n and words[i + 1][2][:1].isupper()):
            close = CLOSE_Q if words[i][2] != '"' else '"'
            for j in range(i + 1, min(n, i + 16)):
                if words[j][2] in close:
                    if j > i + 1:
                        out.append((i, j))
                    i = j
                    break
                if words[j][2] in ".;!?" or words[j][2] in OPEN_Q:
                    break
        i += 1
    return out


# the end of one italic line of a Markdown quote and the start of the next: *  > *
_QUOTE_BREAK = re.compile(r"\**\s*>\s*\**")


def _is_word(w: str) -> bool:
    return bool(re.match(r"\w", w))


def _outer_case(word: str) -> bool:
    low = word.lower()
    return len(low) >= 5 and low.endswith(_OUTER_CASE)


def _kk_name_text(text: str, words, i: int, j: int) -> str:
    """Name of words[i:j] with the last word in the nominative, whitespace collapsed and the
    marks of a quoted block's line break left out (``Ұлттық*  > *банктің`` → ``Ұлттық банк``)."""
    parts = [w for _, _, w in words[i:j]]
    raw = re.sub(r"\s+", " ", _QUOTE_BREAK.sub(" ", text[words[i][0]:words[j - 1][1]]))
    last = parts[-1]
    nom = nominative_kk(last)
    if nom != last and raw.endswith(last):
        raw = raw[: -len(last)] + nom
    return raw


def _case_marked(words) -> tuple[list[bool], list[str]]:
    """Which words carry an outer case ending (the morph lemma tells ``Қазақстан`` from
    ``Қазақстанда``; without it, the ending alone decides), and each word's UPOS."""
    marked, upos, _ = _case_marked_feats(words)
    return marked, upos


def _case_marked_feats(words) -> tuple[list[bool], list[str], list[str]]:
    """:func:`_case_marked` and each word's features as the language layer reads them."""
    ws = [w for _, _, w in words]
    try:
        an = analyze_phrase(ws, "kk")
        lem = [w.lemma for w in an]
        upos = [w.upos for w in an]
        feats = [w.feats or "" for w in an]
    except Exception:  # noqa: BLE001 - the morph backend is optional here
        lem, upos, feats = [""] * len(ws), ["X"] * len(ws), [""] * len(ws)
    return [_outer_case(w) and (l or "").lower() != w.lower() for w, l in zip(ws, lem)], upos, feats


def verbal_noun(word: str, upos: str, feats: str) -> bool:
    """A verbal noun in ``-у`` (``қорғау``, ``қамту``): it names an activity, as nouns do,
    and governs its object in the accusative or instrumental (``халықты әлеуметтік
    қорғау``, ``жұмыспен қамту``), so it is a word of a body's remit, not a verb ending it.

    >>> verbal_noun("қамту", "VERB", "Case=Nom|VerbForm=Ger"), verbal_noun("қорғау", "NOUN", "Case=Nom")
    (True, True)
    >>> verbal_noun("басқарды", "VERB", "Tense=Past|VerbForm=Fin"), verbal_noun("су", "NOUN", "Case=Nom")
    (False, False)
    """
    low = word.lower()
    if "VerbForm=Ger" in feats:
        return True
    return upos in ("NOUN", "VERB") and len(low) >= 5 and low.endswith(("у", "ю")) \
        and "VerbForm=Fin" not in feats


def qualifier(words: Sequence[str], upos: Sequence[str], feats: Sequence[str], k: int) -> bool:
    """``words[k]``, a bare noun in lower case (nominative, no possessive), qualifies the nouns
    after it: Kazakh puts the head of a noun phrase last, with the possessive that ties it to the
    bare nouns before it, so nouns up to one with a possessive follow (``сот | орындаушыларының``,
    ``сот | сараптама қызметі``), not a verb (``сот | шешім шығарды``).

    >>> qualifier(["жеке", "сот", "орындаушылары"], ["ADJ", "NOUN", "NOUN"],
    ...           ["", "Case=Nom", "Case=Nom|Person[psor]=3"], 1)
    True
    >>> qualifier(["сот", "шешім", "шығарды"], ["NOUN", "NOUN", "VERB"], ["Case=Nom", "Case=Nom", "VerbForm=Fin"], 0)
    False
    """
    w = words[k]
    if not (w.isalpha() and w.islower()) or "Case=Nom" not in feats[k] or "psor" in feats[k]:
        return False
    for m in range(k + 1, min(len(words), k + 4)):
        if not (words[m].isalpha() and words[m].islower()) or "VerbForm=Fin" in feats[m] \
                or upos[m] not in ("NOUN", "VERB"):
            return False
        if "psor" in feats[m]:
            return True
    return False


def _object_case(feats: str) -> bool:
    return "Case=Acc" in feats or "Case=Ins" in feats


def _kk_descriptor(words: list[str]) -> str:
    """The descriptor after a quoted name, its last word as a lemma: ``корпорациясына`` →
    ``корпорация``; ``мүгедектердің қайырымдылық қорына`` → ``мүгедектердің қайырымдылық қор``."""
    try:
        last = analyze([words[-1]], "kk")[0][0] or words[-1]
    except Exception:  # noqa: BLE001 - the morph backend is optional here
        last = nominative_kk(words[-1])
    return " ".join([w.lower() for w in words[:-1]] + [last.lower()])


def named_after(word: str) -> bool:
    """``атындағы`` ('named after'): the person's name before it belongs to the organisation's
    name (``Гагарин атындағы академия``)."""
    return word.lower() == "атындағы"


def kk_rule_candidates(text: str, *, lang: str = "kk") -> list[dict]:
    """Organisation mentions found by rules in one Kazakh sentence (offsets into ``text``).

    Returns dicts with start, end, name, legal_form, kind.
    """
    words = _unit_words(text)
    n = len(words)
    out: list[dict] = []
    taken = [False] * n
    marked, upos = _case_marked(words)

    def add(i, j, name, lf=None, kind="name", start=None, end=None, descriptor=None):
        out.append({"start": words[i][0] if start is None else start,
                    "end": words[j - 1][1] if end is None else end,
                    "name": name, "legal_form": lf, "kind": kind, "descriptor": descriptor})
        for k in range(i, j):
            taken[k] = True

    # rule: quoted names — «...» РҚҰ ; РҚҰ «...» ; «...» кәсіби медиаторлар одағы ; «... орталығы»
    for qi, qj in _quote_groups(words):
        inner = words[qi + 1:qj]
        if not inner or any(taken[k] for k in range(qi, qj + 1)):
            continue
        lf_after = legal_form_of(words[qj + 1][2]) if qj + 1 < n else None
        lf_before = legal_form_of(words[qi - 1][2]) if qi > 0 else None
        inner_head = (kk_words.is_head(inner[-1][2]) and not is_plural(inner[-1][2])) or any(
            is_latin_head(w) for _, _, w in inner)
        # a descriptor ending in a head noun after the quote: «Келісу» кәсіби медиаторлар одағы
        ext = None
        for k in range(qj + 1, min(n, qj + 7)):
            w = words[k][2]
            if not _is_word(w) or w.lower() in _kk_stop() - {"және", "мен"} or legal_form_of(w):
                break
            if kk_words.is_head(w) and not is_plural(w):
                ext = k
                break
            if marked[k] and k > qj + 1 and not w.lower().endswith(_GEN_END):
                break
        # the mention is the quoted name as written; a legal form or a descriptor noun
        # next to the quotes goes to its field: «Қазақмыс» корпорациясына -> Қазақмыс, корпорация
        inner_name = _kk_name_text(text, words, qi + 1, qj)
        inner_raw = re.sub(r"\s+", " ", text[words[qi + 1][0]:words[qj - 1][1]])
        if lf_after:
            add(qi + 1, qj, inner_name, lf_after)
            taken[qj + 1] = taken[qj] = taken[qi] = True
        elif lf_before:
            add(qi + 1, qj, inner_name, lf_before)
            taken[qi - 1] = taken[qj] = taken[qi] = True
        elif ext is not None:
            add(qi + 1, qj, inner_raw, descriptor=_kk_descriptor([w for _, _, w in words[qj + 1:ext + 1]]))
            for k in (qi, qj, *range(qj + 1, ext + 1)):
                taken[k] = True
        elif inner_head:
            add(qi + 1, qj, inner_name)
            taken[qi] = taken[qj] = True
    # rule: unquoted names ending in a head noun — Қазақстан Халқы Ассамблеясы, Үкіметтің
    for h in range(n):
        w = words[h][2]
        if taken[h] or not _is_word(w) or not kk_words.is_head(w) or is_plural(w):
            continue
        i = h
        while i - 1 >= 0 and h - (i - 1) <= 7:
            pw = words[i - 1][2]
            if taken[i - 1] or not _is_word(pw) or pw.lower() in _kk_stop() - {"және"}:
                break
            if named_after(pw) and i - 2 >= 0 and words[i - 2][2][:1].isupper():
                i -= 1  # Әл-Фараби атындағы Қазақ ұлттық университеті: 'named after' joins the name
                continue
            if marked[i - 1] or pw.isdigit() or legal_form_of(pw):
                break
            if is_plural(pw) and not _PLURAL_NOM.search(pw.lower()):
                break  # азаматтардың банк: a plural in a case is not part of a name
            i -= 1
        while i < h and not words[i][2][:1].isupper():
            i += 1
        # a sentence-initial capital is no evidence of a name when a later word is capitalised:
        # Зерттеу Назарбаев университетінде
        if (i == 0 or words[i - 1][2] in ".!?•:;") and upos[i] != "PROPN" and any(
                words[k][2][:1].isupper() for k in range(i + 1, h + 1)):
            i += 1
            while i < h and not words[i][2][:1].isupper():
                i += 1
        while i < h and words[i][2].lower() == "және":
            i += 1
        if not w[:1].isupper() and i == h:
            continue  # no capitalised word: a generic noun (медиация кеңестері)
        initial = i == 0 or words[i - 1][2] in ".!?•:;"
        if initial and not w[:1].isupper() and marked[h] and \
                not any(words[k][2][:1].isupper() for k in range(i + 1, h)):
            continue  # Облыс орталығындағы: a sentence-initial capital and a head in a case
        if i == h:
            kind = "single"  # Ассамблеяның, Үкімет
            if h == 0 or (h > 0 and words[h - 1][2] in ".!?•:"):
                kind = "single-initial"
        else:
            kind = "name"
        name = _kk_name_text(text, words, i, h + 1)
        add(i, h + 1, name, None, kind)
    # rule: abbreviations — ҚХА, ҚХА-ның (kept later only when linked or tagged)
    for k in range(n):
        if taken[k]:
            continue
        base, suf = split_suffix(words[k][2])
        if _ABBR.match(base) and base not in _legal_forms() and base.lower() not in _not_orgs() \
                and not roman_numeral(base):
            add(k, k + 1, base, None, "abbr")
    return out


# ---------------------------------------------------------------- bodies of the state


@lru_cache(maxsize=None)
def _body_heads() -> frozenset[str]:
    return load_set("kk/org_body_heads.txt")


@lru_cache(maxsize=None)
def _single_bodies() -> frozenset[str]:
    return load_set("kk/org_body_single.txt")


@lru_cache(maxsize=None)
def _body_levels() -> frozenset[str]:
    return load_set("kk/org_body_levels.txt")


def is_body_head(word: str) -> bool:
    """``басқармасының`` → True: the word is a singular head noun of a state body."""
    return not is_plural(word) and any(s in _body_heads() for s in kk_words.stems(word))


def is_level(word: str) -> bool:
    """``облыстық``, ``облысының``, ``аудан`` → True: the word places a body at a level."""
    return any(s in _body_levels() for s in kk_words.stems(word))


# a postposition that closes a phrase naming a body's field: жер ресурстарын басқару жөніндегі
_ABOUT = ("жөніндегі", "бойынша")


def kk_state_bodies(text: str, *, placed: bool = False) -> list[dict]:
    """Bodies of the state named by grammar in one Kazakh sentence: a chain of nominal words
    ending in a body noun (``pipeline/data/kk/org_body_heads.txt``) that holds a level word
    (``облыстық``, ``облысының``) or a capitalised word. ``placed``: only the chains that a
    level word places (a level adjective or a place's name in the genitive before the remit:
    ``Аудандық мәслихат``, ``Алматы облысының жер ресурстарын басқару комитеті``), which name
    one body in any text; a capital alone (``Әділет министрлігі``) is left to the tagger there.

    >>> [d["name"] for d in kk_state_bodies("Бұл жұмысты облыстық әділет басқармасына тапсырсын.")]
    ['облыстық әділет басқармасы']
    >>> [d["name"] for d in kk_state_bodies("Әділет министрлігі хабарлады.")]
    ['Әділет министрлігі']
    >>> kk_state_bodies("Бөлімнің меңгерушісі келді.")
    []
    >>> [d["name"] for d in kk_state_bodies("Үкіметке хат жолдады.")]
    ['Үкімет']
    """
    words = quote_line_words(_unit_words(text))
    marked, upos, feats = _case_marked_feats(words)
    vnoun = [verbal_noun(w, u, f) for (_, _, w), u, f in zip(words, upos, feats)]
    out: list[dict] = []
    h = len(words) - 1
    while h >= 0:
        w = words[h][2]
        if not _is_word(w) or not is_body_head(w) or qualifier([x for _, _, x in words], upos, feats, h):
            h -= 1  # жеке сот орындаушыларының: the bare сот qualifies the bailiffs
            continue
        i = h
        about = 0  # words still allowed inside a 'жөніндегі' phrase
        past_level = False  # left of a level word only names, genitives and possessives go on
        past_cap = w[:1].isupper()  # left of a capitalised word only names and levels go on
        while i - 1 >= 0 and h - (i - 1) <= 9:
            pw = words[i - 1][2]
            low = pw.lower()
            if pw == "," and remit_comma(words, i, h, vnoun):
                i -= 1  # облыстық еңбек, жұмыспен қамту және ... қорғау басқармасы: a list of its remits
                continue
            if not _is_word(pw) or pw.isdigit() or legal_form_of(pw) or document_word(pw):
                break
            if re.match(r"^[А-ЯӘҒҚҢӨҰҮҺІA-Z]$", pw) or person_initial(text, words[i - 1][0]):
                break  # Т.Ұ. Ұзақов: a person
            if pw[:1].isupper() and _place_of(words[i][2]) and not about:
                i -= 1  # Қарағанды облысының: a place's name, whatever it reads like
                past_cap = True
                continue
            if past_cap and not (pw[:1].isupper() or is_level(pw)):
                break  # бұйрық Әділет министрлігі, нысан бойынша Комиссия: a name starts at its capital
            if low in _ABOUT:
                about = 4
                i -= 1
                continue
            if about:
                if low in _kk_stop() - {"және"} or remit_ends(words, i - 1, feats, vnoun):
                    break
                about -= 1
                i -= 1
                if pw[:1].isupper():
                    break  # Бағалау жөніндегі комиссия: the capital opens the name
                continue
            if low in _kk_stop() - {"және"} or (upos[i - 1] in ("VERB", "AUX") and not vnoun[i - 1]):
                break
            if _object_case(feats[i - 1]) and any(vnoun[i:min(h, i + 2)]):
                # халықты әлеуметтік қорғау, жер ресурстарын басқару: the object of a verbal noun
                # of the remit, in the accusative or instrumental, in the plural too
                i -= 1
                continue
            if is_plural(pw):
                break
            gen = low.endswith(_GEN_END)
            if (marked[i - 1] and not gen) or (gen and not (pw[:1].isupper() or is_level(pw))):
                break  # бөлімнің меңгерушісі: a common noun in the genitive governs the head
            if past_level and not (pw[:1].isupper() or gen or (
                    low.endswith(_POSS) and not low.endswith(_ACC))):
                break  # жұмысты облыстық басқарма: the level adjective opens the name
            past_level = past_level or is_level(pw)
            past_cap = past_cap or pw[:1].isupper()
            i -= 1
        while i < h and (words[i][2].lower() == "және" or words[i][2].lower() in _ABOUT):
            i += 1
        # a sentence-initial capital is no name word when a later word is a name or a level:
        # Ереже облыстық мәслихаттың ...
        if i < h and (i == 0 or words[i - 1][2] in ".!?•:;") and upos[i] != "PROPN" and any(
                words[k][2][:1].isupper() or is_level(words[k][2]) for k in range(i + 1, h + 1)) \
                and not is_level(words[i][2]) and not _place_of(words[i + 1][2]):
            i += 1
            # Сол бойынша қалалық білім бөлімінен: what the dropped word governed goes with it
            while i < h and words[i][2].lower() in _ABOUT:
                i += 1
        chain = [words[k][2] for k in range(i, h + 1)]
        anchored = any(is_level(x) for x in chain[:-1]) or (
            not placed and any(x[:1].isupper() for x in chain))
        single = not placed and len(chain) == 1 and w[:1].isupper() and any(
            s in _single_bodies() for s in kk_words.stems(w))
        if anchored and (len(chain) > 1 or single):
            out.append({"start": words[i][0], "end": words[h][1],
                        "name": re.sub(r"\s*[*>]+\s*(?:[*>]+\s*)*", " ", _kk_name_text(text, words, i, h + 1)),
                        "legal_form": None,
                        "kind": "single" if single else "name", "descriptor": None,
                        "source": "body"})
        h = i - 1
    return out[::-1]


def remit_ends(words, k: int, feats: Sequence[str], vnoun: Sequence[bool]) -> bool:
    """``words[k]`` stands left of the remit that ``words[k+1:]`` open before ``жөніндегі``: a word in
    the accusative is the object of a verbal noun right after it (``мүлікті басқару``), and a verbal
    noun is followed by another, by ``және`` or by the postposition (``басқару және жекешелендіру
    жөніндегі``); else it belongs to the sentence (``ақпаратты | төтенше жағдайлар жөніндегі
    басқармаға берсін``, ``бақылау жасау | төтенше жағдайлар жөніндегі басқармаға жүктелсін``).

    >>> ws = [(0, 0, w) for w in "бақылау жасау төтенше жағдайлар жөніндегі".split()]
    >>> remit_ends(ws, 1, [""] * 5, [True, True, False, False, False])
    True
    >>> ws = [(0, 0, w) for w in "мүлікті басқару жөніндегі".split()]
    >>> remit_ends(ws, 0, ["Case=Acc", "", ""], [False, True, False]), remit_ends(ws, 1, [""] * 3, [False, True, False])
    (False, False)
    """
    nxt = words[k + 1][2].lower() if k + 1 < len(words) else ""
    if "Case=Acc" in feats[k]:
        return not vnoun[k + 1] if k + 1 < len(words) else True
    if vnoun[k]:
        return not (k + 1 < len(words) and (vnoun[k + 1] or nxt in ("және", "мен", ",") or nxt in _ABOUT))
    return False


def remit_comma(words, i: int, h: int, vnoun: Sequence[bool]) -> bool:
    """The comma before ``words[i]`` parts the remits of one body named by ``words[i:h+1]``:
    the words after it hold a ``және`` and no level word or capital yet (the name goes on
    to the left), and the word before it is a lower-case noun of a remit, no body head noun,
    no level word (``облыстық еңбек, жұмыспен қамту және ... қорғау басқармасы``; not
    ``қаржы басқармасы, салық және кеден басқармасы``).

    >>> ws = [(0, 0, w) for w in "облыстық еңбек , жұмыспен қамту және халықты қорғау басқармасы".split()]
    >>> remit_comma(ws, 3, 8, [False] * 4 + [True] + [False] * 2 + [True, False])
    True
    >>> ws = [(0, 0, w) for w in "қаржы басқармасы , салық және кеден басқармасы".split()]
    >>> remit_comma(ws, 3, 6, [False] * 7)
    False
    """
    right = [w for _, _, w in words[i:h + 1]]
    if i < 2 or "және" not in [w.lower() for w in right] or any(
            w[:1].isupper() or is_level(w) for w in right):
        return False
    left = words[i - 2][2]
    return left[:1].islower() and _is_word(left) and not is_level(left) and not is_body_head(left) \
        and not kk_words.is_head(left) and not _outer_case(left) and any(vnoun[i:h])


def _place_of(word: str) -> bool:
    """``облысының``, ``ауданы``: a level noun with a possessive, so the word before it is
    the place's name (Қарағанды облысының әкімдігі)."""
    low = word.lower()
    return is_level(word) and (low.endswith(_GEN_END) or low.endswith(_POSS))


def person_initial(text: str, start: int) -> bool:
    """The word at ``start`` follows an initial (``Т.Ұ. Ұзақов``, ``С.Үмбетов``): a person."""
    return bool(re.search(r"(?:^|[\s(*])[А-ЯӘҒҚҢӨҰҮҺІA-Z]\.\s*$", text[max(0, start - 4):start]))


_QUOTE_MARKS = frozenset({"*", "**", ">"})


def quote_line_words(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words with the marks of a quoted block's line break left out: a run of ``*`` and
    ``>`` holding a ``>`` (``облыстық еңбек*  > *және ... басқармасы``: one italic line
    of a Markdown quote ends, the next begins) goes on with the same phrase; a run of ``*``
    alone (emphasis) still parts words.

    >>> [w for _, _, w in quote_line_words([(0, 0, "еңбек"), (0, 0, "*"), (0, 0, ">"), (0, 0, "*"), (0, 0, "және")])]
    ['еңбек', 'және']
    >>> [w for _, _, w in quote_line_words([(0, 0, "Хасенов"), (0, 0, "**"), (0, 0, "Облыстық")])]
    ['Хасенов', '**', 'Облыстық']
    """
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(words):
        j = k
        while j < len(words) and words[j][2] in _QUOTE_MARKS:
            j += 1
        if j > k:
            if not any(words[m][2] == ">" for m in range(k, j)):
                out.extend(words[k:j])
            k = j
        else:
            out.append(words[k])
            k += 1
    return out


def kk_add_state_bodies(text: str, found: list[dict], *, placed: bool = False) -> list[dict]:
    """``found`` (a sentence's organisation mentions) and the state bodies of
    :func:`kk_state_bodies` (``placed``: only those a level word places) that overlap none of
    them."""
    return found + [d for d in kk_state_bodies(text, placed=placed)
                    if not any(d["start"] < f["end"] and f["start"] < d["end"] for f in found)]


# ---------------------------------------------------------------- words that are no name


_document_kinds = partial(load_set, "kk/org_document_kinds.txt")


def document_word(word: str) -> bool:
    """A noun naming a kind of document (``pipeline/data/kk/org_document_kinds.txt``), in any
    case and in capitals: no part of an organisation's name (``Осы Ереже ... Үкіметінің``,
    ``Мәслихаты ШЕШІМ қабылдады``, a heading ``... іс-шаралар ЖОСПАРЫ``).

    >>> document_word("ШЕШІМ"), document_word("Ережесіне"), document_word("комитеті")
    (True, True, False)
    """
    return any(s in _document_kinds() for s in kk_words.stems(word))
