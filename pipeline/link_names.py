"""What a name of an organisation or a legal act means, in any of Kazakh, Russian and English.

A name's key is the set of what its words mean: each word's lemma (from the language layer) is
looked up in ``data/common/link_terms.tsv`` (``министрлік`` = ``министерство`` = ``ministry``) or
in the pairs learned from the parallel acts (``data/common/link_learned.tsv``); a word not listed
is compared by a transliterated consonant skeleton (``Алматы`` / ``Алматинской`` / ``Almaty`` -> ``LMT``).
``pipeline/link.py`` builds the registry from these keys.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from pipeline.extract.legal_numbered import damerau
from pipeline.morph import analyze_many
from pipeline.morph.kk_suffixes import segment
from pipeline.morph.tokenize import tokenize
from pipeline.resources import load_list, load_set

# UPOS that never carry a name's meaning
_FUNCTION_UPOS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "DET", "AUX", "SYM", "NUM", "PRON"})
# concepts left out of a key when something else remains: the country qualifier
_OPTIONAL = frozenset({"republic", "kazakhstan"})
# kinds of body that exist once in the country: a name made only of these and subject words is
# one body wherever it is mentioned (``Үкімет`` = ``Правительство``); other bodies without a
# proper name exist in every region (``Қаржы басқармасы``)
_NATIONAL = frozenset({"ministry", "government", "parliament", "mazhilis", "senate", "agency", "president",
                       "national", "republic", "supreme", "constitutional", "assembly"})
_PLACE_HEADS = frozenset({"oblast", "city", "district"})
# the level of the regions a source may be about (source_regions): ``облыстық`` in its acts adds nothing
_REGION_LEVEL = "oblast"
# words that do not make a kind of act a title: who issued it (Указ Президента, Үкімет қаулысы)
_GENERIC_ACT = frozenset({"president", "government", "akim", "akimat", "maslikhat", "ministry", "republic",
                          "state", "national", "kazakhstan"})


# --- data ----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def terms() -> dict[tuple[str, str], str]:
    """(lang, lemma) -> concept, from ``data/common/link_terms.tsv``."""
    out: dict[tuple[str, str], str] = {}
    for line in load_list("common/link_terms.tsv"):
        concept, *cols = line.split("\t")
        for lang, col in zip(("kk", "ru", "en"), cols):
            for w in col.split(","):
                w = w.strip().lower().replace("ё", "е")
                if w:
                    out.setdefault((lang, w), concept)
    return out


@lru_cache(maxsize=None)
def learned() -> tuple[dict[str, str], frozenset[str]]:
    """Kazakh -> Russian lemma pairs learned from parallel acts (``data/common/link_learned.tsv``),
    and the set of their Russian sides."""
    kk_ru: dict[str, str] = {}
    for line in load_list("common/link_learned.tsv"):
        k, r, *_ = line.split("\t")
        kk_ru[k] = r
    return kk_ru, frozenset(kk_ru.values())


@lru_cache(maxsize=None)
def _learned_ru_kk() -> dict[str, str]:
    """Russian -> Kazakh side of the learned pairs."""
    return {r: k for k, r in learned()[0].items()}


def stop_words() -> frozenset[str]:
    return load_set("common/link_stop.txt")


# --- transliterated skeletons ---------------------------------------------------------------

# consonant classes shared by Cyrillic (Kazakh and Russian) and Latin spellings of one name
_CLASSES = {
    "K": "кқгғхһqkgchх", "S": "зсцzsx", "J": "жшщчj", "B": "бпbp", "T": "дтdt", "V": "вфwvf",
    "L": "лl", "M": "мm", "N": "нңn", "R": "рr",
}
_CLASS_OF = {ch: k for k, chars in _CLASSES.items() for ch in chars}


def skeleton(word: str, *, n: int = 3) -> str:
    """The first ``n`` consonant classes of a word, the same in Kazakh, Russian and Latin spelling.

    >>> skeleton("Алматы"), skeleton("алматинский"), skeleton("Almaty")
    ('LMT', 'LMT', 'LMT')
    >>> skeleton("Қазақстан") == skeleton("Казахстана") == skeleton("Kazakhstan")
    True
    """
    out: list[str] = []
    for ch in word.lower():
        k = _CLASS_OF.get(ch)
        if k is None or (out and out[-1] == k):
            continue
        out.append(k)
        if len(out) == n:
            break
    return "".join(out)


# --- name keys ----------------------------------------------------------------------------

_QUOTES = re.compile(r"[«»\"“”„'’`]")


def _split_compounds(words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A hyphenated compound counts as its parts (``Қылмыстық-процестік`` = ``уголовно-процессуальный``);
    a proper name stays one word, as the tagger tells it or as each part's capital does (``Көк-Терек``)."""
    out = []
    for surface, lemma, upos in words:
        parts = [x for x in surface.split("-") if x]
        if "-" in lemma.strip("-") and upos not in ("PROPN", "NUM") and not (
                len(parts) > 1 and all(x[:1].isupper() for x in parts)):
            for part in lemma.split("-"):
                if part:
                    out.append((part, part, upos))
        else:
            out.append((surface, lemma, upos))
    return out


def _listed(lemma: str, lang: str) -> bool:
    """Whether a lemma has a meaning in the term table or among the pairs learned from parallel acts."""
    return (lang, lemma) in terms() or (lang == "kk" and lemma in learned()[0])


def compound_parts(words: list[tuple[str, str, str]], lang: str) -> list[tuple[str, str, str]]:
    """A name's compounds as the listed words they are made of, so that every spelling of one body
    gets one key. A Kazakh compound is written as one word or as two (``малдәрігерлік`` / ``мал
    дәрігерлік``, ``ауылшаруашылық`` / ``ауыл шаруашылығы``): two neighbouring words whose join is a
    listed word count as that word, and an unlisted word made of two listed ones as those two. A
    Russian stump compound means the words it is cut from (``госимущество``). Proper names stay whole.

    >>> compound_parts([("мал", "мал", "NOUN"), ("дәрігерлік", "дәрігерлік", "ADJ")], "kk")
    [('малдәрігерлік', 'малдәрігерлік', 'ADJ')]
    >>> compound_parts([("ауылшаруашылық", "ауылшаруашылық", "ADJ")], "kk")
    [('ауыл', 'ауыл', 'ADJ'), ('шаруашылық', 'шаруашылық', 'ADJ')]
    >>> compound_parts([("госимущество", "госимущество", "NOUN")], "ru")
    [('государственный', 'государственный', 'NOUN'), ('имущество', 'имущество', 'NOUN')]
    """
    split = _SPLIT_COMPOUND.get(lang)
    if split is None:
        return words
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(words):
        surface, lemma, upos = words[i]
        # a capitalised Russian stump compound is still one (Госсанэпиднадзор): every part must be listed
        parts = split(lemma.lower()) if upos != "PROPN" or lang == "ru" else None
        if parts:
            out.extend((p, p, upos) for p in parts)
            i += 1
            continue
        if lang == "kk" and i + 1 < len(words):
            s2, l2, u2 = words[i + 1]
            joined = (surface + l2).lower()
            if surface.isalpha() and l2.isalpha() and _listed(joined, lang):
                out.append((surface + s2, joined, u2))
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out


def _listed_halves(lemma: str) -> tuple[str, str] | None:
    """The two listed words a listed-nowhere Kazakh lemma is made of (``ауылшаруашылық`` ->
    ``ауыл``, ``шаруашылық``), or None."""
    if len(lemma) < 6 or not lemma.isalpha() or _listed(lemma, "kk"):
        return None
    for k in range(3, len(lemma) - 2):
        if _listed(lemma[:k], "kk") and _listed(lemma[k:], "kk"):
            return lemma[:k], lemma[k:]
    return None


@lru_cache(maxsize=None)
def _stumps() -> dict[str, str]:
    """Russian stump -> the word it stands for (``data/common/link_stumps.tsv``)."""
    return dict(line.split("\t")[:2] for line in load_list("common/link_stumps.tsv"))


def split_stump_compound(lemma: str) -> tuple[str, ...] | None:
    """The words a Russian stump compound stands for, when the rest after its stump is a listed word
    and the compound itself is not listed: ``госимущество`` -> ``государственный``, ``имущество``.

    >>> split_stump_compound("госимущество"), split_stump_compound("соцзащита")
    (('государственный', 'имущество'), ('социальный', 'защита'))
    >>> split_stump_compound("госсанэпиднадзор")
    ('государственный', 'санитарный', 'эпидемиологический', 'надзор')
    >>> split_stump_compound("городской") is None  # a listed word stays whole
    True
    """
    table = terms()
    if ("ru", lemma) in table or len(lemma) < 6:
        return None
    for stump, full in _stumps().items():
        rest = lemma[len(stump):]
        if lemma.startswith(stump) and len(rest) >= 4:
            if ("ru", rest) in table:
                return full, rest
            more = split_stump_compound(rest)  # stumps in a row: госсанэпиднадзор = гос + сан + эпид + надзор
            if more:
                return (full, *more)
    return None


# how an unlisted lemma splits into listed words, per language
_SPLIT_COMPOUND = {"kk": _listed_halves, "ru": split_stump_compound}


def name_key(words: list[tuple[str, str, str]], lang: str) -> tuple[frozenset[str], bool]:
    """The meaning of a name as a set of concepts, and whether it holds a proper name.

    ``words`` are (surface, lemma, upos) of the name as the language layer analysed it.
    """
    table = terms()
    stops = stop_words()
    concepts: set[str] = set()
    proper = False
    after_adp = False
    for surface, lemma, upos in _split_compounds(compound_parts(words, lang)):
        governed, after_adp = after_adp, upos == "ADP"
        lem = _QUOTES.sub("", lemma).lower().replace("ё", "е").strip("-.,;:()")
        if not lem or upos in _FUNCTION_UPOS or lem in stops or surface.lower() in stops:
            continue
        c = table.get((lang, lem)) or table.get((lang, _QUOTES.sub("", surface).lower()))
        if c is None and lang == "ru" and lem in _stumps():
            c = table.get(("ru", _stumps()[lem]))  # a stump written alone with its stop: Обл. суд
        if governed and c in _ACTIVITY:
            c = _ACTIVITY[c]  # "комитет по управлению": the act of managing, not a department
        if c is None:
            for other in ("kk", "ru", "en"):  # a borrowed word keeps its meaning in any language
                c = table.get((other, lem))
                if c:
                    break
        if c is None and lang == "kk":
            c = _kk_stem_concept(surface)
        if c is None and lang != "en" and _LATIN.fullmatch(lem):
            c = latin_concept(lem)  # "ortalygy" in a Kazakh text: орталығы, transliterated
        if c is None:
            c = _learned_concept(lem, lang)
            if c is not None and c.startswith(("L:", "~")) and (upos == "PROPN" or surface[:1].isupper()):
                proper = True  # a place or a name the parallel acts taught (Алматы = Алматинская)
        if c is None and not _ABBR.fullmatch(surface):
            c = misspelt_concept(lem, lang)  # a scanning error: Ресиубликасы, Реопубликасыныц
        if c is None and _ABBR.fullmatch(surface):
            c = "=" + surface.upper()  # an abbreviation is compared as written: ОУЗ, СЭС, ГАСП
        if c is None and _ABBR.fullmatch(_QUOTES.sub("", lemma)):
            c = "=" + _QUOTES.sub("", lemma).upper()  # with a Kazakh case ending after a hyphen: СПИД-ке
        if c is None:
            sk = skeleton(lem)
            if not sk:
                continue
            c = "~" + sk if len(sk) >= 2 else "=" + lem  # one consonant says too little: the word itself
            if c not in _OPTIONAL:
                proper = True
        concepts.add(c)
    core = concepts - _OPTIONAL
    return (frozenset(core) if core else frozenset(concepts)), proper


@lru_cache(maxsize=None)
def _long_terms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Per language, the listed words of ``MISSPELT_MIN`` letters or more with their concept."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (lang, w), c in sorted(terms().items()):
        if len(w) >= MISSPELT_MIN and " " not in w:
            out[lang].append((w, c))
    return {k: tuple(v) for k, v in out.items()}


MISSPELT_MIN = 6  # shorter words are too close to each other to forgive a letter
# the Kazakh letters an old code page or a Russian keyboard writes as Russian ones
_KK_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")


def _fold(word: str) -> str:
    """A Kazakh word with its own letters written as the nearest Russian ones (``халық`` -> ``халык``)."""
    return word.translate(_KK_FOLD).replace("i", "и")


@lru_cache(maxsize=None)
def _kk_terms_folded() -> tuple[tuple[str, str], ...]:
    """Listed Kazakh words holding a Kazakh letter, folded (``_fold``), with their concept."""
    return tuple((_fold(w), c) for (lang, w), c in sorted(terms().items())
                 if lang == "kk" and _fold(w) != w and len(w) >= 4)


@lru_cache(maxsize=65536)
def misspelt_concept(word: str, lang: str) -> str | None:
    """The concept of a listed word that ``word`` misspells by one letter (a scanning error of the
    older acts: ``ресиубликасы``, ``реопубликасыныц`` = ``республика``; Kazakh letters written as Russian
    ones, ``халыкты`` = ``халықты``): in Kazakh a stem the word's
    endings leave (``ресиублика`` + ``сы``), in Russian the word less at most two letters of ending,
    one edit from a listed word with the same first letter; None when no listed word, or words of
    more than one concept, are that close.

    >>> misspelt_concept("ресиубликасы", "kk"), misspelt_concept("халыкты", "kk"), misspelt_concept("жолаушылар", "kk")
    ('republic', 'population', None)
    """
    if len(word) < MISSPELT_MIN:
        return None
    if lang == "kk":
        stems = {c.stem for c in segment(word) if c.kind == "N"}
        folded = {_fold(st) for st in stems}
        found = {c for w, c in _kk_terms_folded() if w in folded}
        if len(found) == 1:
            return found.pop()  # written without Kazakh letters: халыкты = халықты
        stems = {st for st in stems if len(st) >= MISSPELT_MIN}
    else:
        stems = {word[:n] for n in range(max(MISSPELT_MIN, len(word) - 2), len(word) + 1)}
    found = set()
    for w, c in _long_terms().get(lang, ()):
        if any(st[0] == w[0] and st != w and damerau(st, w, limit=1) <= 1 for st in stems):
            found.add(c)
    return found.pop() if len(found) == 1 else None


# a body noun governed by a preposition names the body's activity, not the body: in Russian
# "управление" is both a department and the act of managing ("комитет по управлению имуществом",
# a committee for the management of property); Kazakh, with no prepositions, says "басқару"
_ACTIVITY = {"department": "management"}
_LATIN = re.compile(r"[a-z][a-z'-]*")
# an abbreviation: capitals (and digits) only, at least two capitals (ҚХА, АНК, I-ОС)
_ABBR = re.compile(r"(?=(?:.*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]){2})[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9-]{2,10}")


@lru_cache(maxsize=None)
def _latin_index() -> dict[str, str]:
    """Skeleton (4 classes) of every Kazakh and Russian word of the term table -> its concept,
    where the skeleton names one concept only."""
    seen: dict[str, set[str]] = defaultdict(set)
    for (lang, word), concept in terms().items():
        if lang in ("kk", "ru"):
            sk = skeleton(word, n=4)
            if len(sk) >= 3:
                seen[sk].add(concept)
    return {sk: next(iter(cs)) for sk, cs in seen.items() if len(cs) == 1}


def latin_concept(word: str) -> str | None:
    """The concept of a Kazakh or Russian word written in Latin letters, by its skeleton.

    >>> latin_concept("ortalygy"), latin_concept("mediatsiia")
    ('centre', 'mediation')
    """
    return _latin_index().get(skeleton(word, n=4))


def _kk_stem_concept(surface: str) -> str | None:
    """A Kazakh word whose lemma out of context is not in the term table, by the nominal stems the
    language layer's segmentation allows: ``басқармасы`` is read as the verb ``басқар`` when alone,
    but its stem ``басқарма`` + possessive is a listed body (``department``)."""
    word = _QUOTES.sub("", surface).lower().strip("-.,;:()")
    if not word:
        return None
    table = terms()
    for cand in segment(word)[1:]:
        if cand.kind == "N" and cand.tags:
            c = table.get(("kk", cand.stem))
            if c:
                return c
    return None


def _learned_concept(lemma: str, lang: str) -> str | None:
    """A word the term table lacks, by its Russian side learned from parallel acts (``L:<ru lemma>``).

    A pair whose two sides are one name transliterated (``алматы`` / ``алматинский``) is compared by
    its skeleton, so that the Kazakh form written in a Russian text (``Алматы Пауэр``) matches too.
    """
    kk_ru, ru_side = learned()
    if lang == "kk" and lemma in kk_ru:
        ru = kk_ru[lemma]
        listed = terms().get(("ru", ru))
        if listed:
            return listed
        return _one_name(lemma, ru) or "L:" + ru
    if lang == "ru" and lemma in ru_side:
        return _one_name(lemma, _learned_ru_kk().get(lemma, "")) or "L:" + lemma
    return None


def _one_name(a: str, b: str) -> str | None:
    """``~<skeleton>`` when the two sides of a learned pair are one name transliterated, else None."""
    sk = skeleton(a)
    return "~" + sk if len(sk) >= 2 and sk == skeleton(b) else None


def implied_by_region(concepts: frozenset[str], region: str | None) -> frozenset[str] | None:
    """What is left of a body's name once what its source's region implies is left out, when that
    is a common name: in an act about Almaty oblast, ``Алматы облысы бойынша кеден басқармасы``,
    ``облыстық кеден басқармасы`` and ``Таможенное управление`` are its one customs department.
    None when nothing is implied, nothing is left, or a proper name is left (``Алматы Пауэр``).

    >>> sorted(implied_by_region(frozenset({"~LMT", "oblast", "customs", "department"}), "LMT"))
    ['customs', 'department']
    >>> implied_by_region(frozenset({"~LMT", "oblast"}), "LMT") is None
    True
    >>> implied_by_region(frozenset({"oblast", "department"}), "LMT") is None  # which department?
    True
    >>> implied_by_region(frozenset({"oblast", "maslikhat"}), "LMT")  # an oblast has one
    frozenset({'maslikhat'})
    """
    if not region:
        return None
    rest = concepts - {"~" + region, _REGION_LEVEL}
    if rest == concepts or not rest or any(c.startswith(("~", "L:")) for c in rest):
        return None
    return rest if says_which(rest, region) else None


def says_which(concepts: frozenset[str], region: str) -> bool:
    """Whether a common name says which of its region's bodies it is: a subject besides the kind
    (``облыстық қаржы басқармасы``), or a kind the region has one of (``мәслихат``); ``облыстық
    басқарма`` names no one body (within its source it is the one just spoken of).

    >>> says_which(frozenset({"oblast", "finance", "department"}), "LMT"), says_which(frozenset({"oblast", "department"}), "LMT")
    (True, False)
    """
    rest = concepts - {"~" + region} - _PLACE_HEADS
    return len(rest) >= 2 or bool(rest) and rest <= load_set("common/link_region_bodies.txt")


def _is_national(concepts: frozenset[str]) -> bool:
    return bool(concepts & _NATIONAL)


# a hyphen with a space on one side only, between two words, joins them: the compound was broken
# at a line end or typed so (Мерей- Терек = Мерей-Терек, санитарно- эпидемиологический)
_BROKEN_HYPHEN = re.compile(r"(?<=\w)(?:-\s+|\s+-)(?=\w)")


def _analyse_names(names: list[tuple[str, str]]) -> list[list[tuple[str, str, str]]]:
    """(surface, lemma, upos) of each name's words, through the language layer, batched per language."""
    out: list[list[tuple[str, str, str]]] = [[] for _ in names]
    by_lang: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for i, (lang, name) in enumerate(names):
        name = _BROKEN_HYPHEN.sub("-", name)
        words = [name[a:b] for a, b in tokenize(name, lang)]
        by_lang[lang].append((i, words))
    for lang, items in by_lang.items():
        res = analyze_many([w for _, w in items], lang)
        for (i, words), analysed in zip(items, res):
            out[i] = [(w, lem, upos) for w, (lem, upos) in zip(words, analysed)]
    return out
