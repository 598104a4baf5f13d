"""Legal acts in the registry: what an act's title is about, and the acts of two versions of one text.

An act cited without a number (``Ең төмен әлеуметтік стандарттар және олардың кепілдіктері туралы
Заң`` / ``Закон «О минимальных социальных стандартах и их гарантиях»``) has no key both languages
share but its title, and a title's words are not all in the term tables. Two versions of one text
(a Kazakh act and its Russian translation, ``link.parallel_versions``) cite the same acts, so an
act one version cites and the other does not match by key is paired with the other version's
unmatched act of the same kind whose title is about the most of the same things: the same kind,
years and numbers that do not disagree, and titles that overlap (Dice of their concepts, read
through the term tables and the pairs learned from parallel acts, ``link.name_key``). What is left
then pairs by kind alone: the one act of a kind each version has left unpaired is the same act
(:func:`_last_of_kind`; a title's words may be none the term tables know).

:func:`title_words` leaves the date out of a name (``2015 жылғы 23 қарашадағы``, ``от 20 июня
1997 года``): a date says when an act was adopted, not what it is about, and the Russian name is
cited without it where the Kazakh one carries it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Iterable

from pipeline.resources import load_set

# Dice of two titles' concepts for two acts of two versions of one text to be paired
MIN_TITLE = 0.3
# a year, a day, a number, a date written in figures: 1997, 20-шы, 01.09.2021, № 742
_FIGURES = re.compile(r"[\d№]")


@lru_cache(maxsize=None)
def date_words() -> frozenset[str]:
    """Words that write a date in an act's name: month names (``kk/legal_months.txt``,
    ``ru/legal_months.txt``, their Kazakh stems and Russian genitives) and the words for a year and
    for ``from`` (``kk/legal_date_words.txt``, ``ru/legal_date_words.txt``)."""
    words = set()
    for lang in ("kk", "ru"):
        words |= {w.lower() for w in load_set(f"{lang}/legal_months.txt")}
        words |= {w.lower() for w in load_set(f"{lang}/legal_date_words.txt")}
    return frozenset(words)


def _is_date_word(surface: str, lemma: str) -> bool:
    low, lem = surface.lower().strip("."), (lemma or "").lower().strip(".")
    if _FIGURES.search(low) or low in date_words() or lem in date_words():
        return True
    return low.startswith(_kk_months())  # a Kazakh month with its ending: маусымдағы, қарашаның


@lru_cache(maxsize=None)
def _kk_months() -> tuple[str, ...]:
    return tuple(w.lower() for w in load_set("kk/legal_months.txt"))


def title_words(words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The words of an act's name without its date: ``(surface, lemma, upos)`` as the language layer
    analysed them.

    >>> [w[0] for w in title_words([("Заңы", "заң", "NOUN"), ("1997", "1997", "NUM"),
    ...                             ("жылғы", "жылық", "NOUN"), ("20", "20", "NUM"),
    ...                             ("маусымдағы", "маусым", "NOUN")])]
    ['Заңы']
    >>> [w[0] for w in title_words([("Закон", "закон", "NOUN"), ("от", "от", "ADP"),
    ...                             ("20", "20", "ADJ"), ("июня", "июнь", "NOUN"), ("1997", "1997", "ADJ"),
    ...                             ("года", "год", "NOUN"), ("О", "о", "ADP"), ("пенсиях", "пенсия", "NOUN")])]
    ['Закон', 'О', 'пенсиях']
    """
    return [w for w in words if not (w[2] == "NUM" or _is_date_word(w[0], w[1]))]


def _compatible(a, b) -> bool:
    """Two acts of two versions may be one: the same kind, no two different years, no two different
    numbers."""
    if a.kind != b.kind:
        return False
    if a.year and b.year and a.year != b.year:
        return False
    na = {k for ev, k in a.keys if ev == "act"}
    nb = {k for ev, k in b.keys if ev == "act"}
    return not (na and nb and not na & nb)


def title_dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice of two titles' concepts (0.0 when either says nothing).

    >>> title_dice(frozenset({"social", "~STN", "~KBL"}), frozenset({"social", "~STN", "~KRN", "~MNM"}))
    0.571
    """
    if not a or not b:
        return 0.0
    return round(2 * len(a & b) / (len(a) + len(b)), 3)


def mutual_best(score: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The pairs ``(a, b)`` of ``score`` in which each is the other's best choice (a tie goes to the
    smaller index), in order.

    >>> mutual_best({(1, 7): 0.9, (1, 8): 0.5, (2, 8): 0.6, (2, 7): 0.95})
    [(2, 7)]
    """
    best_a: dict[int, tuple] = {}
    best_b: dict[int, tuple] = {}
    for (a, b), s in score.items():
        best_a[a] = max(best_a.get(a, (-1.0, 0)), (s, -b))
        best_b[b] = max(best_b.get(b, (-1.0, 0)), (s, -a))
    return [(a, b) for (a, b), s in sorted(score.items()) if best_a[a] == (s, -b) and best_b[b] == (s, -a)]


def align_act_versions(records: list, about: dict[tuple[str, str], frozenset[str]], versions: dict[str, str],
                       find: Callable[[int], int]) -> list[tuple[int, int]]:
    """Legal acts of two versions of one text that cite one act: an act of one version matched by no
    key in the other is paired with the other's unmatched act that may be the same
    (:func:`_compatible`) and whose title is the closest (:func:`title_dice` at least
    :data:`MIN_TITLE`), when each is the other's best choice.

    ``records`` are the registry's records (``type``, ``source_id``, ``record_id``, ``kind``, ``year``,
    ``keys``), ``about`` what the title of each act record is about (its concepts without the kind of
    act and its issuer, by ``(source_id, record_id)``), ``find`` the entity a record belongs to so far.
    Returns pairs of record indexes.

    >>> from types import SimpleNamespace as R
    >>> recs = [R(type="legal_act", source_id=s, record_id=f"a{n}", kind="law", year=None, keys=[])
    ...         for s, n in (("kk", 1), ("kk", 2), ("ru", 1), ("ru", 2))]
    >>> about = {("kk", "a1"): frozenset({"social", "~STN", "~KBL"}), ("kk", "a2"): frozenset({"service", "~TVK"}),
    ...          ("ru", "a1"): frozenset({"~TVK", "~TLN"}), ("ru", "a2"): frozenset({"social", "~STN", "~MNM"})}
    >>> align_act_versions(recs, about, {"kk": "kk", "ru": "kk"}, lambda i: i)
    [(0, 3), (1, 2)]
    """
    by_group: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, r in enumerate(records):
        if r.type == "legal_act" and r.source_id in versions:
            by_group[versions[r.source_id]][r.source_id].append(i)
    pairs: list[tuple[int, int]] = []
    for first in sorted(by_group):
        sources = by_group[first]
        if len(sources) != 2:
            continue  # one text in exactly two versions: with more, the best choice is not one
        (_, ia), (_, ib) = sorted(sources.items())
        roots_a, roots_b = _roots(ia, find), _roots(ib, find)
        only_a = [ra for ra in roots_a if ra not in roots_b]
        only_b = [rb for rb in roots_b if rb not in roots_a]
        score: dict[tuple[int, int], float] = {}
        for ra in only_a:
            for rb in only_b:
                if not all(_compatible(records[i], records[j]) for i in roots_a[ra] for j in roots_b[rb]):
                    continue
                d = title_dice(_union(about, records, roots_a[ra]), _union(about, records, roots_b[rb]))
                if d >= MIN_TITLE:
                    score[(ra, rb)] = d
        paired_a, paired_b = set(), set()
        for ra, rb in mutual_best(score):
            pairs.append((min(roots_a[ra]), min(roots_b[rb])))
            paired_a.add(ra)
            paired_b.add(rb)
        pairs += _last_of_kind([ra for ra in only_a if ra not in paired_a],
                               [rb for rb in only_b if rb not in paired_b], roots_a, roots_b, records)
    return sorted(pairs)


def _last_of_kind(left_a: list[int], left_b: list[int], roots_a: dict[int, list[int]],
                  roots_b: dict[int, list[int]], records: list) -> list[tuple[int, int]]:
    """The one act of a kind each version has left unpaired is the act the other cites: two
    translations cite the same acts, and a title may share no concept the term tables know with its
    translation (``Сот-сараптама қызметі туралы Заңы`` / ``Закон О судебно-экспертной
    деятельности``). Paired when they may be one (:func:`_compatible`) and neither version has
    another act of that kind left.

    >>> from types import SimpleNamespace as R
    >>> recs = [R(kind="law", year=2017, keys=[]), R(kind="law", year=None, keys=[]), R(kind="code", year=None, keys=[])]
    >>> _last_of_kind([0], [1, 2], {0: [0]}, {1: [1], 2: [2]}, recs)
    [(0, 1)]
    >>> _last_of_kind([0], [1, 2], {0: [0]}, {1: [1], 2: [2]}, recs[:2] + [R(kind="law", year=None, keys=[])])
    []
    """
    kinds_a: dict[str, list[int]] = defaultdict(list)
    kinds_b: dict[str, list[int]] = defaultdict(list)
    for ra in left_a:
        kinds_a[records[roots_a[ra][0]].kind].append(ra)
    for rb in left_b:
        kinds_b[records[roots_b[rb][0]].kind].append(rb)
    out = []
    for kind, ras in sorted(kinds_a.items(), key=lambda kv: str(kv[0])):
        rbs = kinds_b.get(kind, [])
        if len(ras) == 1 and len(rbs) == 1 and all(
                _compatible(records[i], records[j]) for i in roots_a[ras[0]] for j in roots_b[rbs[0]]):
            out.append((min(roots_a[ras[0]]), min(roots_b[rbs[0]])))
    return out


def _roots(indexes: Iterable[int], find: Callable[[int], int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for i in indexes:
        out[find(i)].append(i)
    return out


def _union(about: dict[tuple[str, str], frozenset[str]], records: list, indexes: list[int]) -> frozenset[str]:
    return frozenset().union(*(about.get((records[i].source_id, records[i].record_id), frozenset())
                               for i in indexes))
