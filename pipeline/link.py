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
from pipeline.link_acts import align_act_versions, mutual_best, title_words
from pipeline.resources import DATA

from pipeline.link_names import (
    _GENERIC_ACT,
    _PLACE_HEADS,
    _QUOTES,
    _REGION_LEVEL,
    _analyse_names,
    _is_national,
    _one_name,
    implied_by_region,
    learned,
    name_key,
    says_which,
    skeleton,
    terms,
)

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
    own: frozenset[str] = frozenset()  # what it means without the body that owns it (own_part)
    n_coord: int = 0  # commas and coordinating conjunctions in its name (the language layer's CCONJ)


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
    ``MIN_NUMBER_OVERLAP`` of all their numbers (a number printed by more than
    ``MAX_NUMBER_SOURCES`` sources counts for neither); short texts with fewer numbers pair by
    ``short_versions``. Read from the run's token table.
    """
    path = out / "tables" / "tokens.parquet"
    if not path.exists():
        return {}
    nums: dict[str, Counter] = defaultdict(Counter)
    langs: dict[str, Counter] = defaultdict(Counter)
    size: Counter = Counter()
    for batch in pq.ParquetFile(path).iter_batches(columns=["source_id", "text", "lang"], batch_size=65536):
        cols = batch.to_pydict()
        for sid, surface, lang in zip(cols["source_id"], cols["text"], cols["lang"]):
            langs[sid][lang] += 1
            size[sid] += 1
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
    # the overlap counts the numbers that can tell texts apart: a number in too many sources (1, 2,
    # a common year) is left out of both sides of the ratio, or a large batch would pair nothing
    common = {n for n, sids in index.items() if len(sids) > MAX_NUMBER_SOURCES}
    overlap = {pair: k / max(1, sum(c for n, c in (nums[pair[0]] | nums[pair[1]]).items() if n not in common))
               for pair, k in shared.items() if k >= MIN_SHARED_SHORT}  # fewer pair under no rule
    paired: set[str] = set()
    shared = Counter({pair: k for pair, k in shared.items() if pair in overlap})
    for (a, b), k in shared.items():
        if k >= MIN_SHARED_NUMBERS and overlap[(a, b)] >= MIN_NUMBER_OVERLAP:
            uf.union(pos[a], pos[b])
            paired.update((a, b))
    for a, b in short_versions(shared, overlap, size, paired):
        uf.union(pos[a], pos[b])
    groups: dict[int, list[str]] = defaultdict(list)
    for sid in ids:
        groups[uf.find(pos[sid])].append(sid)
    return {sid: g[0] for g in groups.values() if len(g) > 1 for sid in g}


MIN_SHARED_SHORT = 4  # numbers a short text and its translation share at least
MAX_LENGTH_RATIO = 1.33  # words of one version over the other's, at most: a translation is about as long


def short_versions(shared: Counter, overlap: dict, size: Counter, paired: set[str]) -> list[tuple[str, str]]:
    """Two short texts, neither paired yet, that are one text in two languages: a short act prints few
    numbers, so fewer than ``MIN_SHARED_NUMBERS`` suffice when each text is the other's closest (the
    largest overlap of numbers among the unpaired texts of the other language), they share at least
    ``MIN_SHARED_SHORT`` numbers, ``MIN_NUMBER_OVERLAP`` of all their numbers, and are about as long.
    """
    best: dict[str, tuple[float, str]] = {}
    for (a, b), k in sorted(shared.items()):
        if a in paired or b in paired or k < MIN_SHARED_SHORT or overlap[(a, b)] < MIN_NUMBER_OVERLAP:
            continue
        if max(size[a], size[b]) > MAX_LENGTH_RATIO * max(1, min(size[a], size[b])):
            continue
        for x, y in ((a, b), (b, a)):
            if (overlap[(a, b)], y) > best.get(x, (0.0, "")):
                best[x] = (overlap[(a, b)], y)
    return sorted((a, b) for a, (_, b) in best.items() if a < b and best.get(b, (0, ""))[1] == a)


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


@lru_cache(maxsize=65536)
def _is_body_word(word: tuple[str, str, str], lang: str) -> bool:
    """The word names a kind of body (``комитет``, ``министрлігінің``)."""
    return bool(name_key([word], lang)[0] & body_kinds())


def own_part(words: list[tuple[str, str, str]], lang: str) -> list[tuple[str, str, str]] | None:
    """The words of a name without the body that owns it, or None when it names no owner: a body
    named with its owner names two body nouns; Russian puts the owner after the body, in the
    genitive (``Комитет административной полиции | Министерства внутренних дел``), Kazakh before it
    (``Ішкі істер министрлігінің | Әкімшілік полиция комитеті``). A translation may name the owner in
    one version and not in the other.

    >>> [w[0] for w in own_part([("Комитет", "комитет", "NOUN"), ("полиции", "полиция", "NOUN"),
    ...                          ("Министерства", "министерство", "NOUN"), ("юстиции", "юстиция", "NOUN")], "ru")]
    ['Комитет', 'полиции']
    """
    at = [i for i, w in enumerate(words) if _is_body_word(w, lang)]
    if len(at) < 2:
        return None
    return words[at[-2] + 1:] if lang == "kk" else words[:at[-1]]


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
                      and (records[j].concepts - a <= where or records[j].n_coord > records[i].n_coord)}
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
    of different kinds (a committee, a department) share too little to pair. Bodies left unpaired are
    then compared without the body that owns them (``own_part``): ``Комитет административной полиции
    Министерства внутренних дел`` (ru) and ``Әкімшілік полиция комитеті`` (kk) of one act pair.

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
        own_a = {ra: frozenset().union(*(records[i].own for i in roots_a[ra])) for ra in only_a}
        own_b = {rb: frozenset().union(*(records[i].own for i in roots_b[rb])) for rb in only_b}
        # first the names as written; then, among the bodies still unpaired, a name without its owner
        # (one version names the owner of a body, the other does not)
        for pass_ in ("whole", "own"):
            score = {}
            for ra in only_a:
                for rb in only_b:
                    if pass_ == "whole":
                        d = one_body_in_two_versions(meaning_a[ra], meaning_b[rb])
                    else:
                        d = max((x for x in (one_body_in_two_versions(own_a[ra], meaning_b[rb]),
                                             one_body_in_two_versions(meaning_a[ra], own_b[rb]))
                                 if x is not None), default=None)
                    if d is not None:
                        score[(ra, rb)] = d
            paired_a, paired_b = set(), set()
            for ra, rb in mutual_best(score):
                pairs.append((min(roots_a[ra]), min(roots_b[rb])))
                paired_a.add(ra)
                paired_b.add(rb)
            only_a = [ra for ra in only_a if ra not in paired_a]
            only_b = [rb for rb in only_b if rb not in paired_b]
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
    act_about: dict[tuple[str, str], frozenset[str]] = {}  # what each act's title is about
    for r, words in zip(records, analysed):
        concepts, proper = name_key(title_words(words) if r.type == "legal_act" else words, r.lang)
        if not concepts:
            continue
        r.concepts = concepts
        r.n_coord = sum(1 for surface, _, upos in words if upos == "CCONJ" or surface == ",")
        if r.type == "organisation":
            own = own_part(words, r.lang)
            r.own = (name_key(own, r.lang)[0] if own else frozenset()) or concepts
        base = "|".join(sorted(concepts))
        if r.type == "legal_act":
            kind = r.kind or "other"
            act_about[(r.source_id, r.record_id)] = frozenset(
                c for c in concepts if not c.startswith("act_") and c not in _GENERIC_ACT)
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
    for i, j in align_act_versions(records, act_about, versions, uf.find):  # link_acts
        uf.union(i, j)
        evidence.setdefault(max(i, j), "aligned")
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
    year_of: dict[int, object] = {}  # id(part) -> its year, for the parts of a group split by year
    for members in groups.values():
        years = {records[i].year for i in members if records[i].type == "legal_act"} - {None}
        if len(years) <= 1:
            final.append(members)
            continue
        # the versions of one text cite one act: they stay together, under the year most of them give
        # (a year misprinted or misread in one version does not split it)
        by_text: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_text[versions.get(records[i].source_id, records[i].source_id)].append(i)
        by_year: dict[object, list[int]] = defaultdict(list)
        undated: list[int] = []
        for text in sorted(by_text):
            ys = Counter(records[i].year for i in by_text[text] if records[i].year is not None)
            if ys:
                by_year[min(ys, key=lambda y: (-ys[y], y))].extend(by_text[text])
            else:
                undated.extend(by_text[text])
        parts = sorted(by_year.values(), key=lambda g: (-len(g), min(records[i].record_id for i in g)))
        if len(parts) == 1:
            final.append(parts[0] + undated)
            continue
        parts[0].extend(undated)  # undated in every version of its text: the act cited most
        for g in parts:
            ys = Counter(records[i].year for i in g if records[i].year is not None)
            year_of[id(g)] = min(ys, key=lambda y: (-ys[y], y))
        final.extend(parts)

    entity_of: dict[tuple[str, str], str] = {}
    entities: list[dict] = []
    links: list[dict] = []
    for members in final:
        rs = [records[i] for i in members]
        ident = min((k for r in rs for _, k in r.keys), default=None) or \
            min(f"{r.type}|{r.scope}|{r.record_id[len(r.source_id):]}" for r in rs)
        if id(members) in year_of:  # one key, two acts of different years: two ids
            ident += f"|{year_of[id(members)]}"
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
            # a source's own file, as derek run writes it: no fsync (export.atomic_write_bytes)
            atomic_write_json(out / "facts" / f"{sid}.json", facts, sync=False)
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
