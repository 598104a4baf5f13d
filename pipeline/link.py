"""One organisation, one act, one id: the corpus-level registry built at the end of a run.

Every organisation and legal act of every source gets an ``entity_id`` that is the same across
sources and languages for the same thing (``ҚХА`` = ``Қазақстан Халқы Ассамблеясы`` =
``Ассамблея народа Казахстана``). The registry is rebuilt from all of ``OUT/facts/*.json`` at the
end of every run (so a ``--resume`` run updates it), and it does not depend on the order of the
sources or the number of workers: an entity's id is a hash of the smallest key of its members.

Linking evidence, each recorded with the link (``tables/entity_links.parquet``):

- ``name``: the same name key. A name's key is the set of what its words mean: each word's lemma
  (from the language layer) is looked up in ``data/common/link_terms.tsv`` (``министрлік`` =
  ``министерство`` = ``ministry``); a word not listed is compared by a transliterated consonant
  skeleton (``Алматы`` / ``Алматинской`` / ``Almaty`` -> ``LMT``). The country qualifier
  (``Қазақстан Республикасының``, ``Республики Казахстан``) is left out when more remains.
- ``abbr``: an abbreviation given with its expansion in one source links a bare abbreviation in
  another source of the same language.
- ``act``: legal acts by kind and number (``Указ № 1805`` = ``№ 1805 Жарлық``), kept apart by year.
- ``aligned``: in two versions of one text, a body each names in other words (``align_versions``).
- ``short``: within one source, a body named by part of the full name the source gives it
  (``short_forms``).

What differs stays apart: a name with one more word is another key (a ministry and its committee;
``«Медиацияны дамыту орталығы» РҚҰ`` and ``... Ассоциациясы``); a name without any proper name
(``Қаржы басқармасы``) links only within the region its source is about, since every region has one.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.export import atomic_path, atomic_write_json, write_parquet
from pipeline.morph import analyze_many
from pipeline.morph.kk_suffixes import segment
from pipeline.morph.tokenize import tokenize
from pipeline.resources import DATA, load_list, load_set

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
    """A hyphenated compound counts as its parts (``Қылмыстық-процестік`` = ``уголовно-процессуальный``)."""
    out = []
    for surface, lemma, upos in words:
        if "-" in lemma.strip("-") and upos not in ("PROPN", "NUM"):
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
        parts = split(lemma.lower()) if upos != "PROPN" else None
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
    >>> split_stump_compound("городской") is None  # a listed word stays whole
    True
    """
    table = terms()
    if ("ru", lemma) in table or len(lemma) < 6:
        return None
    for stump, full in _stumps().items():
        rest = lemma[len(stump):]
        if lemma.startswith(stump) and len(rest) >= 4 and ("ru", rest) in table:
            return full, rest
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


# --- the registry ---------------------------------------------------------------------------

@dataclass
class Record:
    """One organisation or legal act of one source, as read from its facts JSON."""

    type: str  # organisation | legal_act
    source_id: str
    scope: str  # the source's content hash: what "only within this source" means, however it was named
    record_id: str
    lang: str
    name: str
    abbr: str | None
    n_mentions: int
    quoted: bool = False  # written in quotes somewhere: a proper name even when made of common words
    descriptor: str | None = None  # the noun after a quoted name: «X» партиясы and «X» қоры are two bodies
    kind: str | None = None  # a legal act's kind
    year: int | None = None  # a legal act's year (of adoption, or from its date)
    keys: list[tuple[str, str]] = field(default_factory=list)  # (evidence, key)
    concepts: frozenset[str] = frozenset()  # what its name means (name_key)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _analyse_names(names: list[tuple[str, str]]) -> list[list[tuple[str, str, str]]]:
    """(surface, lemma, upos) of each name's words, through the language layer, batched per language."""
    out: list[list[tuple[str, str, str]]] = [[] for _ in names]
    by_lang: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for i, (lang, name) in enumerate(names):
        words = [name[a:b] for a, b in tokenize(name, lang)]
        by_lang[lang].append((i, words))
    for lang, items in by_lang.items():
        res = analyze_many([w for _, w in items], lang)
        for (i, words), analysed in zip(items, res):
            out[i] = [(w, lem, upos) for w, (lem, upos) in zip(words, analysed)]
    return out


def source_regions(out: Path, source_ids: list[str]) -> dict[str, str]:
    """The region each source is about: the capitalised place named most often before ``облыс`` /
    ``область`` (``Алматы облысы``, ``Алматинской области``); before ``аудан`` / ``район`` /
    ``қала`` / ``город`` only when no oblast is named. An act of a town of Almaty oblast and its
    translation are both about Almaty oblast, however often each names the town.

    Read from the run's token table (surface, lemma, UPOS), so no word is split again here.
    """
    path = out / "tables" / "tokens.parquet"
    if not path.exists():
        return {}
    table = terms()
    regions: dict[str, str] = {}
    pf = pq.ParquetFile(path)
    counts: dict[tuple[str, bool], Counter] = defaultdict(Counter)
    prev: tuple[str, str, str, str] | None = None
    for batch in pf.iter_batches(columns=["source_id", "sent_id", "text", "lemma", "upos", "lang"],
                                 batch_size=65536):
        cols = batch.to_pydict()
        for sid, sent, surface, lemma, upos, lang in zip(cols["source_id"], cols["sent_id"], cols["text"],
                                                         cols["lemma"], cols["upos"], cols["lang"]):
            lem = (lemma or "").lower()
            head = table.get((lang, lem))
            if head in _PLACE_HEADS and prev is not None and prev[0] == sent \
                    and prev[2] in ("PROPN", "ADJ", "NOUN") and prev[3][:1].isupper() \
                    and table.get((lang, prev[1])) is None:
                sk = skeleton(prev[1])
                if len(sk) >= 2:
                    counts[(sid, head == _REGION_LEVEL)][sk] += 1
            prev = (sent, lem, upos or "", surface or "")
    for sid in source_ids:
        c = counts.get((sid, True)) or counts.get((sid, False))
        if c:
            regions[sid] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return regions


_DIGITS = re.compile(r"\d")
MIN_SHARED_NUMBERS = 8  # numbers two versions must share (with repeats) to be told one text
MIN_NUMBER_OVERLAP = 0.5  # weighted Jaccard of their numbers
MAX_NUMBER_SOURCES = 50  # a number in more sources than this (a common year) finds no pair


def parallel_versions(out: Path) -> dict[str, str]:
    """Sources that are one text in two languages (an act's Kazakh and Russian versions), found by
    the numbers they print: a translation keeps every figure, date, article and act number, so the
    two versions share nearly all of their numbers, while two texts of one kind share a few years.
    Returns ``{source_id: the first source id of its group}`` for the sources in a group.

    Pairs are only of different languages; two sources pair when the numbers they share (with
    repeats) are at least ``MIN_SHARED_NUMBERS`` and a weighted Jaccard of at least
    ``MIN_NUMBER_OVERLAP`` of all their numbers. Read from the run's token table.
    """
    path = out / "tables" / "tokens.parquet"
    if not path.exists():
        return {}
    nums: dict[str, Counter] = defaultdict(Counter)
    langs: dict[str, Counter] = defaultdict(Counter)
    for batch in pq.ParquetFile(path).iter_batches(columns=["source_id", "text", "lang"], batch_size=65536):
        cols = batch.to_pydict()
        for sid, surface, lang in zip(cols["source_id"], cols["text"], cols["lang"]):
            langs[sid][lang] += 1
            if surface and _DIGITS.search(surface):
                nums[sid]["".join(_DIGITS.findall(surface))] += 1
    lang_of = {sid: c.most_common(1)[0][0] for sid, c in langs.items()}
    index: dict[str, list[str]] = defaultdict(list)
    for sid in sorted(nums):
        for n in nums[sid]:
            index[n].append(sid)
    shared: Counter = Counter()
    for n, sids in index.items():
        if 2 <= len(sids) <= MAX_NUMBER_SOURCES:
            for i, a in enumerate(sids):
                for b in sids[i + 1:]:
                    if lang_of.get(a) != lang_of.get(b):
                        shared[(a, b)] += min(nums[a][n], nums[b][n])
    uf = _UnionFind()
    ids = sorted(nums)
    pos = {sid: i for i, sid in enumerate(ids)}
    for (a, b), k in shared.items():
        if k < MIN_SHARED_NUMBERS:
            continue
        both = nums[a] | nums[b]
        if k / sum(both.values()) >= MIN_NUMBER_OVERLAP:
            uf.union(pos[a], pos[b])
    groups: dict[int, list[str]] = defaultdict(list)
    for sid in ids:
        groups[uf.find(pos[sid])].append(sid)
    return {sid: g[0] for g in groups.values() if len(g) > 1 for sid in g}


@lru_cache(maxsize=64)
def _source_text(out: Path, sid: str) -> str:
    try:
        return (out / "text" / f"{sid}.txt").read_text(encoding="utf-8")
    except OSError:
        return ""


def _quoted_in_text(out: Path, sid: str, org: dict) -> bool:
    """A mention of ``org`` stands in quotes in its source text (``«Медиацияны дамыту орталығы»``)."""
    text = _source_text(out, sid)
    for m in org.get("mentions", []):
        s, e = m.get("start"), m.get("end")
        if isinstance(s, int) and 0 < s <= len(text) and _QUOTES.match(text[s - 1]):
            return True  # an opening quote right before the name (the closing one may follow a case ending)
    return False


_KIND_MARK = re.compile(r"[\s-]*[а-яёәғқңөұүһі]+\.?$")
# a Roman numeral written with the Kazakh letter І (the Latin I's double): after a number and a hyphen
_ROMAN_CYR = re.compile(r"(?<=\d-)[ІIVX]*І[ІIVX]*\b")


def act_number_key(number: str) -> str:
    """An act's number without the kind mark its language appends: ``77-р`` (распоряжение) and
    ``77`` (the Kazakh text's өкім), ``401-V ЗРК`` and ``401-V ҚРЗ`` (the law marks of each language)
    are one number; digits, Roman numerals and separators stay (``9-96``, ``2-1/12``).

    >>> act_number_key("77-р"), act_number_key("401-V ҚРЗ"), act_number_key("401-V ЗРК"), act_number_key("9-96")
    ('77', '401-v', '401-v', '9-96')
    >>> act_number_key("149-ІІ") == act_number_key("149-II") == "149-ii"  # Kazakh І written for Roman I
    True
    """
    key = _ROMAN_CYR.sub(lambda m: m.group().replace("І", "I"), " ".join(number.split())).lower()
    while True:
        stripped = _KIND_MARK.sub("", key)
        if stripped == key:
            break
        key = stripped
    return key if any(ch.isdigit() for ch in key) else ""


def _act_year(act: dict) -> int | None:
    """The year of an act: its ``year``, else the year of its ISO ``date``."""
    if act.get("year"):
        return int(act["year"])
    date = str(act.get("date") or "")
    return int(date[:4]) if date[:4].isdigit() else None


def read_records(out: Path) -> tuple[list[Record], dict[str, dict]]:
    """Organisations and legal acts of every source's facts JSON, and the JSON documents themselves."""
    records: list[Record] = []
    docs: dict[str, dict] = {}
    for fp in sorted((out / "facts").glob("*.json")):
        try:
            facts = json.loads(fp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        sid = facts.get("source", {}).get("source_id") or fp.stem
        scope = (facts.get("source", {}).get("sha256") or sid)[:16]
        docs[sid] = facts
        doc_lang = {d.get("doc_id"): d.get("lang") for d in facts.get("documents", [])}
        for o in facts.get("organisations", []):
            quoted = bool(o.get("legal_form") or o.get("descriptor")) or \
                any(_QUOTES.search(x or "") for x in o.get("aliases", [])) or _quoted_in_text(out, sid, o)
            records.append(Record("organisation", sid, scope, o["org_id"], o.get("lang") or "kk", o.get("canonical") or "",
                                  o.get("abbr"), len(o.get("mentions", [])), quoted, o.get("descriptor")))
        for x in facts.get("legal_acts", []):
            lang = doc_lang.get(x.get("doc_id")) or "kk"
            r = Record("legal_act", sid, scope, x["act_id"], lang, x.get("canonical") or "", None, len(x.get("mentions", [])))
            number = act_number_key(x.get("number") or "")
            if number:
                r.keys.append(("act", f"act|{x.get('kind')}|{number}"))
            r.kind = x.get("kind")
            r.year = _act_year(x)
            records.append(r)
    return records, docs


# kinds of document named by the years they cover: a programme for 1997-1998 and one for
# 1998-2000 are two programmes, whatever else their names share
_PERIOD_KINDS = frozenset({"programme", "strategy", "concept", "plan"})
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _period(words: list[tuple[str, str, str]]) -> str:
    """The years a programme's name covers, in order, as part of its key (``|1997-1998``); empty
    when its name gives none. ``1997-1998 жылдарға арналған бағдарлама`` -> ``|1997-1998``."""
    years = [y for surface, _, _ in words for y in _YEAR.findall(surface)]
    return "|" + "-".join(years) if years else ""


MIN_ALIGNED = 0.5  # Dice of what two names are about, for two versions of one text to pair them
# the level of government a name speaks of: two names of different levels are two bodies
_LEVELS = frozenset({"oblast", "city", "district"})
# words of a name that say where or whose a body is, not what it does
_WHERE = _LEVELS | frozenset({"territorial", "republic", "kazakhstan", "state", "national", "public"})


@lru_cache(maxsize=None)
def body_kinds() -> frozenset[str]:
    """The concepts listed under ``# --- kinds of body`` in ``data/common/link_terms.tsv``."""
    out: set[str] = set()
    inside = False
    with (DATA / "common" / "link_terms.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("# ---"):
                inside = "kinds of body" in line
            elif inside and line.strip() and not line.startswith("#"):
                out.add(line.split("\t", 1)[0].strip())
    return frozenset(out)


def concept_dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice overlap of two sets of concepts (1.0 for two empty sets).

    >>> concept_dice(frozenset({"land", "resource", "management"}),
    ...              frozenset({"land", "resource", "management", "~LMT"}))
    0.857
    """
    if not a and not b:
        return 1.0
    return round(2 * len(a & b) / (len(a) + len(b)), 3)


def one_body_in_two_versions(a: frozenset[str], b: frozenset[str]) -> float | None:
    """How well two names of two versions of one text may name one body, or None when they cannot:
    the same kinds of body (a committee is no department, a fund's centre no fund), the same level
    when both give one (``облыстық`` / ``районный``), and what they are about overlapping by
    ``MIN_ALIGNED`` (Dice). The score is the Dice of what they are about.

    >>> one_body_in_two_versions(frozenset({"committee", "territorial", "price", "monopoly", "policy"}),
    ...                          frozenset({"committee", "territorial", "price", "policy"}))
    0.8
    >>> one_body_in_two_versions(frozenset({"department", "oblast", "finance"}),
    ...                          frozenset({"department", "oblast", "education"})) is None
    True
    """
    kinds = body_kinds()
    if a & kinds != b & kinds:
        return None
    la, lb = a & _LEVELS, b & _LEVELS
    if la and lb and la != lb:
        return None
    about_a, about_b = a - kinds - _WHERE, b - kinds - _WHERE
    if (about_a or about_b) and not about_a & about_b:
        return None
    d = concept_dice(about_a, about_b)
    return d if d >= MIN_ALIGNED else None


@lru_cache(maxsize=None)
def taught_names() -> frozenset[str]:
    """Skeletons of the names (places) the parallel acts taught, one name in both languages
    (``Алматы`` / ``Алматинская``: ``~LMT``)."""
    return frozenset(c for k, r in learned()[0].items() if (c := _one_name(k, r)))


# a coordination in a name: the short form of the name may leave coordinated remits out
_COORDINATION = re.compile(r",|\b(?:и|және|мен|пен|бен|and)\b", re.IGNORECASE)


def short_forms(records: list[Record]) -> list[tuple[int, int]]:
    """A body named in full and then in short within one source: a text names a body in full once
    and later by part of its name. The short form leaves out coordinated remits (``Областное управление
    труда, занятости и социальной защиты населения`` ... ``областное управление труда``) or where the
    body is (``ГУВД Алматинской области`` ... ``ГУВД``), never a word that tells bodies apart
    (``Областная детская клиническая больница`` is not ``Областная клиническая больница``). A name whose
    meaning is part of exactly one such other name of the same source, with the same kinds of body
    and something it is about, is that body. Quoted names and names with a descriptor are proper
    names: left alone.

    Returns pairs of record indexes (short, full).
    """
    kinds = body_kinds()
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.type == "organisation" and r.concepts and not r.quoted and not r.descriptor:
            by_source[r.source_id].append(i)
    pairs: list[tuple[int, int]] = []
    for sid in sorted(by_source):
        idx = by_source[sid]
        for i in idx:
            a = records[i].concepts
            if not a - kinds - _WHERE:
                continue  # "облыстық басқарма": a kind alone says no body
            where = _WHERE | taught_names()
            fuller = {records[j].concepts for j in idx
                      if a < records[j].concepts and records[j].concepts & kinds == a & kinds
                      and (records[j].concepts - a <= where
                           or len(_COORDINATION.findall(records[j].name)) > len(_COORDINATION.findall(records[i].name)))}
            if len(fuller) == 1:
                full = next(iter(fuller))
                j = min(k for k in idx if records[k].concepts == full)
                pairs.append((i, j))
    return pairs


def align_versions(records: list[Record], versions: dict[str, str], uf: _UnionFind) -> list[tuple[int, int]]:
    """Organisations of two versions of one text (``parallel_versions``) that name one body in different
    words: a translation names the same bodies, so a body found in one version and matched by no
    name key in the other is paired with the other version's unmatched body that is closest
    (``one_body_in_two_versions``), when each is the other's best choice. ``Аумақтық баға және монополияға қарсы саясат комитеті`` (kk) and
    ``Территориальный комитет по ценовой и антимонопольной политике`` (ru) of one act pair; two bodies
    of different kinds (a committee, a department) share too little to pair.

    Returns pairs of record indexes; within a version, records already one entity move together.
    """
    by_group: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, r in enumerate(records):
        if r.type == "organisation" and r.concepts and r.source_id in versions:
            by_group[versions[r.source_id]][r.source_id].append(i)
    pairs: list[tuple[int, int]] = []
    for first in sorted(by_group):
        sources = by_group[first]
        if len(sources) != 2:
            continue  # one text in exactly two versions: with more, the best choice is not one
        (sa, ia), (sb, ib) = sorted(sources.items())
        roots_a: dict[int, list[int]] = defaultdict(list)
        roots_b: dict[int, list[int]] = defaultdict(list)
        for i in ia:
            roots_a[uf.find(i)].append(i)
        for i in ib:
            roots_b[uf.find(i)].append(i)
        only_a = [ra for ra in roots_a if ra not in roots_b]
        only_b = [rb for rb in roots_b if rb not in roots_a]
        if not only_a or not only_b:
            continue
        meaning_a = {ra: frozenset().union(*(records[i].concepts for i in roots_a[ra])) for ra in only_a}
        meaning_b = {rb: frozenset().union(*(records[i].concepts for i in roots_b[rb])) for rb in only_b}
        score = {}
        for ra in only_a:
            for rb in only_b:
                d = one_body_in_two_versions(meaning_a[ra], meaning_b[rb])
                if d is not None:
                    score[(ra, rb)] = d
        best_a = {ra: max((s, -rb) for (x, rb), s in score.items() if x == ra) for ra in {x for x, _ in score}}
        best_b = {rb: max((s, -ra) for (ra, y), s in score.items() if y == rb) for rb in {y for _, y in score}}
        for (ra, rb), s in sorted(score.items()):
            if best_a[ra] == (s, -rb) and best_b[rb] == (s, -ra):
                pairs.append((min(roots_a[ra]), min(roots_b[rb])))
    return pairs


def build_registry(out: Path) -> tuple[list[dict], list[dict], dict[tuple[str, str], str]]:
    """Link every record of the run; return (entities rows, link rows, (source_id, record_id) -> entity_id)."""
    records, _ = read_records(out)
    if not records:
        return [], [], {}
    regions = source_regions(out, sorted({r.source_id for r in records}))
    versions = parallel_versions(out)  # one text in two languages: one scope, one region
    group_region: dict[str, str] = {}
    for sid in sorted(versions):  # the group's first source first: its region, else a member's
        if sid in regions:
            group_region.setdefault(versions[sid], regions[sid])
    for sid, first in versions.items():
        if first in group_region:
            regions.setdefault(sid, group_region[first])
    scope_of = {r.source_id: r.scope for r in records}
    for r in records:
        r.scope = scope_of.get(versions.get(r.source_id), r.scope)
    analysed = _analyse_names([(r.lang, f"{r.name} {r.descriptor}" if r.descriptor else r.name) for r in records])
    abbr_names: dict[tuple[str, str], set[str]] = defaultdict(set)  # (lang, ABBR) -> name keys it expands to
    for r, words in zip(records, analysed):
        concepts, proper = name_key(words, r.lang)
        if not concepts:
            continue
        r.concepts = concepts
        base = "|".join(sorted(concepts))
        if r.type == "legal_act":
            kind = r.kind or "other"
            if not any(ev == "act" for ev, _ in r.keys):
                # "Қазақстан Республикасының Заңы", "Указ Президента": a kind without a title names no one act
                generic = all(c.startswith("act_") or c in _GENERIC_ACT for c in concepts)
                scope = f"|@{r.scope}" if generic else ""
                period = _period(words) if kind in _PERIOD_KINDS else ""
                r.keys.append(("name", f"act-name|{kind}|{base}{period}{scope}"))
            continue
        where = regions.get(r.source_id)
        if proper or r.quoted or _is_national(concepts):
            key = f"org|{base}"
        else:
            key = f"org|{base}|@{where if where and says_which(concepts, where) else r.scope}"
        r.keys.append(("name", key))
        local = implied_by_region(concepts, where)
        if local and not r.quoted:
            r.keys.append(("region", f"org|{'|'.join(sorted(local))}|@{where}"))
        if r.abbr:
            abbr_names[(r.lang, r.abbr.upper())].add(key)
    for r in records:  # a bare abbreviation (name == abbr) joins the expansion seen elsewhere
        if r.type != "organisation" or not r.abbr:
            continue
        expansions = abbr_names.get((r.lang, r.abbr.upper()), set())
        if len(expansions) == 1 and r.name.strip().upper() == r.abbr.upper():
            r.keys.append(("abbr", next(iter(expansions))))

    uf = _UnionFind()
    first: dict[str, int] = {}
    evidence: dict[int, str] = {}
    for i, r in enumerate(records):
        uf.find(i)
        for ev, key in r.keys:
            j = first.setdefault(key, i)
            if j != i:
                uf.union(i, j)
                evidence.setdefault(i, ev)
    for i, j in short_forms(records):
        if uf.find(i) != uf.find(j):
            uf.union(i, j)
            evidence.setdefault(i, "short")
    for i, j in align_versions(records, versions, uf):
        uf.union(i, j)
        evidence.setdefault(max(i, j), "aligned")
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[uf.find(i)].append(i)
    # acts with one number but different years are different acts
    final: list[list[int]] = []
    for members in groups.values():
        years = {records[i].year for i in members if records[i].type == "legal_act"} - {None}
        if len(years) <= 1:
            final.append(members)
            continue
        by_year: dict[object, list[int]] = defaultdict(list)
        for i in members:
            by_year[records[i].year].append(i)
        undated = by_year.pop(None, [])
        parts = sorted(by_year.values(), key=lambda g: (-len(g), min(records[i].record_id for i in g)))
        parts[0].extend(undated)
        final.extend(parts)

    entity_of: dict[tuple[str, str], str] = {}
    entities: list[dict] = []
    links: list[dict] = []
    for members in final:
        rs = [records[i] for i in members]
        ident = min((k for r in rs for _, k in r.keys), default=None) or \
            min(f"{r.type}|{r.scope}|{r.record_id[len(r.source_id):]}" for r in rs)
        eid = ("O" if rs[0].type == "organisation" else "A") + hashlib.sha1(ident.encode("utf-8")).hexdigest()[:12]
        names: dict[tuple[str, str], int] = Counter()
        for r in rs:
            names[(r.lang, r.name)] += r.n_mentions or 1
        preferred: dict[str, str] = {}
        for (lang, name), _ in sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0][1]), kv[0])):
            preferred.setdefault(lang, name)
        entities.append({
            "entity_id": eid, "type": rs[0].type,
            "names": [{"lang": lang, "text": name} for lang, name in sorted(names)],
            "preferred": preferred,
            "abbrs": sorted({r.abbr for r in rs if r.abbr}),
            "n_sources": len({r.source_id for r in rs}),
            "n_mentions": sum(r.n_mentions for r in rs),
        })
        for i in members:
            r = records[i]
            entity_of[(r.source_id, r.record_id)] = eid
            links.append({"entity_id": eid, "type": r.type, "source_id": r.source_id, "record_id": r.record_id,
                          "lang": r.lang, "name": r.name, "evidence": evidence.get(i, "self"),
                          "key": r.keys[0][1] if r.keys else None})
    entities.sort(key=lambda e: (-e["n_mentions"], e["entity_id"]))
    links.sort(key=lambda x: (x["entity_id"], x["source_id"], x["record_id"]))
    return entities, links, entity_of


def link_output(out: Path) -> int:
    """Build the registry of ``out``; write ``entity_id`` into every facts JSON and table; return #entities."""
    out = Path(out)
    entities, links, entity_of = build_registry(out)
    _, docs = read_records(out)
    for sid, facts in docs.items():
        changed = False
        org_entity: dict[str, str] = {}
        for key, recs, idf in (("organisations", facts.get("organisations", []), "org_id"),
                               ("legal_acts", facts.get("legal_acts", []), "act_id")):
            for rec in recs:
                eid = entity_of.get((sid, rec[idf]))
                if rec.get("entity_id") != eid:
                    rec["entity_id"] = eid
                    changed = True
                if key == "organisations" and eid:
                    for name in [rec.get("canonical"), rec.get("abbr"), *rec.get("aliases", [])]:
                        if name:
                            org_entity[name.lower()] = eid
        for c in facts.get("numeric_claims", []):
            subj = (c.get("subject") or "").lower()
            eid = org_entity.get(subj) if subj else None
            if c.get("entity_id") != eid:
                c["entity_id"] = eid
                changed = True
        if changed:
            atomic_write_json(out / "facts" / f"{sid}.json", facts)
    write_parquet(out / "tables" / "entities.parquet", entities, name="entities")
    write_parquet(out / "tables" / "entity_links.parquet", links, name="entity_links")
    _add_entity_column(out / "tables" / "organisations.parquet", "org_id", entity_of)
    _add_entity_column(out / "tables" / "legal_acts.parquet", "act_id", entity_of)
    _claims_entity_column(out, docs)
    return len(entities)


def _add_entity_column(path: Path, id_col: str, entity_of: dict[tuple[str, str], str]) -> None:
    """Set the ``entity_id`` column of a table from the registry (rewritten atomically)."""
    if not path.exists():
        return
    t = pq.read_table(path)
    if not len(t) and "entity_id" in t.column_names:
        return
    sids = t.column("source_id").to_pylist() if len(t) else []
    ids = t.column(id_col).to_pylist() if len(t) else []
    col = pa.array([entity_of.get((s, i)) for s, i in zip(sids, ids)], type=pa.string())
    if "entity_id" in t.column_names:
        t = t.set_column(t.column_names.index("entity_id"), "entity_id", col)
    else:
        t = t.append_column("entity_id", col)
    with atomic_path(path, suffix=".parquet") as tmp:
        pq.write_table(t, tmp)


def _claims_entity_column(out: Path, docs: dict[str, dict]) -> None:
    path = out / "tables" / "numeric_claims.parquet"
    entity_of = {(sid, c["claim_id"]): c.get("entity_id") for sid, f in docs.items()
                 for c in f.get("numeric_claims", []) if c.get("entity_id")}
    _add_entity_column(path, "claim_id", entity_of)


def list_entities(out: Path, *, type: str | None = None, limit: int | None = 50) -> list[dict]:
    """The registry of ``out``, most-mentioned first: ``derek entities OUT``.

    Raises FileNotFoundError when ``out`` holds no registry (not a finished ``derek run`` folder).
    """
    import pandas as pd

    path = Path(out) / "tables" / "entities.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{out}: no tables/entities.parquet (is it the output folder of `derek run`?)")
    df = pd.read_parquet(path)
    if type:
        df = df[df["type"] == type]
    df = df.sort_values(["n_mentions", "n_sources", "entity_id"], ascending=[False, False, True])
    rows = []
    for r in df.itertuples(index=False):
        preferred = dict(r.preferred) if r.preferred is not None else {}
        rows.append({"entity_id": r.entity_id, "type": r.type, "n_sources": int(r.n_sources),
                     "n_mentions": int(r.n_mentions), "abbrs": list(r.abbrs),
                     **{f"name_{lang}": preferred.get(lang) for lang in ("kk", "ru", "en")}})
        if limit and len(rows) >= limit:
            break
    return rows
