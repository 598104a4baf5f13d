"""Tidy the Kazakh tagger's organisation spans to what a name can be (``tidy_labels``).

The tagger learned KazNERD's sentences; official acts add tables, markup and headings that it
never saw. Each rule here states where a name cannot be: across a table cell or markup, after a
free-standing dash, in a heading or a cell of common words.
"""
from __future__ import annotations

import re
from typing import Sequence

from pipeline.extract.kk_words import is_head
from pipeline.extract.org_kk import OPEN_Q, document_word, is_body_head, is_level, qualifier, quoted_thing, roman_numeral
from pipeline.morph import common_word, tag_many
from pipeline.morph.kk import endings


_DASHES = frozenset("-–—")
_CELL = frozenset("|")  # the separator derek writes between the cells of a table row
_QUOTE_WORDS = frozenset('«»"“”„')
_OPEN_QUOTES = frozenset(OPEN_Q + '"')  # a quote that opens a name
# a level adjective (облыс-тық, аудан-дық, қала-лық, поселке-лік): an adjective of place
_ADJ_END = endings("LYQ")
_POSS = endings("P3")  # басқарма-сы, комитет-і
_GEN = endings("GEN")  # басқарма-ның
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
# a piece of a web address: http, www, a host (mpc-info.kz, www.mpc)
_WEB = re.compile(r"https?|www|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}")


def markup_words(words: Sequence[str], *, entities: bool = True) -> list[bool]:
    """Which words belong to markup left in the text: an HTML tag (``<``, ``/``, ``td``, ``>``),
    a table's cell separator (``|``) or (with ``entities``) a character entity (``&``, ``quot``, ``;``).

    >>> markup_words(["Білім", "<", "/", "td", ">", "&", "quot", ";"])
    [False, True, True, True, True, True, True, True]
    """
    out = [False] * len(words)
    for k, w in enumerate(words):
        if w == "<":
            close = next((m for m in range(k + 1, min(len(words), k + 12)) if words[m] == ">"), None)
            if close is not None:
                out[k:close + 1] = [True] * (close + 1 - k)
        elif w in _CELL:
            out[k] = True
        elif entities and w == "&" and k + 2 < len(words) and words[k + 1].isalnum() and words[k + 2] == ";":
            out[k:k + 3] = [True] * 3
    return out


def _layer(words: Sequence[str]):
    return tag_many([list(words)], "kk")[0]


def label_alone(words: Sequence[str], i: int, j: int, tags: Sequence[bool]) -> bool:
    """``words[i:j]`` is everything its sentence or its table cell says (the rest up to the
    HTML tags around it, ``tags``, is punctuation) and holds no proper noun, no organisation head noun and no
    level word (``облыстық``): a label such as ``Іс-шара атауы`` or ``Ескертпе``, not a name.

    >>> label_alone(["Ескертпе", ":"], 0, 1, [False, False])
    True
    >>> label_alone(["Облыстық", "салық", "комитеті"], 0, 3, [False] * 3)
    False
    """
    left = next((k + 1 for k in range(i - 1, -1, -1) if tags[k]), 0)
    right = next((k for k in range(j, len(words)) if tags[k]), len(words))
    if any(any(ch.isalnum() for ch in words[k]) for k in list(range(left, i)) + list(range(j, right))):
        return False
    an = _layer(words)
    return not any(an[k].upos == "PROPN" or is_head(words[k]) or is_level(words[k])
                   for k in range(i, j))


def tidy_labels(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """IOB2 labels with each ORGANISATION span cut to what a name can be:

    - a name follows a free-standing dash, not a person before it (``Иванов Т. - облыстық
      қаржы басқармасының бастығы``: the name, if any, starts after the dash);
    - a section number (Roman numeral) and punctuation do not open a name (``II. ...``);
    - a name does not cross markup (``<td>``, ``&quot;``): it ends where markup starts;
    - a span closed by ``туралы`` ('about') is the title of a text (``«... басқару туралы»
      Заңы``), not an organisation;
    - a label that is all its sentence says (:func:`label_alone`: a table cell ``Ескертпе``)
      is no organisation, nor a quoted name of a thing (``org_kk.quoted_thing``: ``«...» әні``);
    - a word naming a kind of document (``org_kk.document_word``) is no part of a name at its
      edges: ``Осы Ереже облыстық Мәслихаттың``, ``Мәслихаты ШЕШІМ қабылдады``.

    >>> tidy_labels(["II", "."], ["B-ORGANISATION", "I-ORGANISATION"])
    ['O', 'O']
    >>> tidy_labels(["Ахметов", "Т", ".", "-", "Салық", "комитеті"], ["B-ORGANISATION"] + ["I-ORGANISATION"] * 5)
    ['O', 'O', 'O', 'O', 'B-ORGANISATION', 'I-ORGANISATION']
    """
    out = list(labels)
    markup = markup_words(words)
    tags = markup_words(words, entities=False)
    for typ, i0, j0 in spans(labels):
        if typ != "ORGANISATION":
            continue
        out[i0:j0] = ["O"] * (j0 - i0)
        for i, j in cells(words, i0, j0):
            _tidy_span(words, out, typ, i, j, markup, tags)
    return out


def cells(words: Sequence[str], i: int, j: int) -> list[tuple[int, int]]:
    """``words[i:j]`` cut at the cell separators (``|``) of a table row: a name never crosses a
    table cell.

    >>> cells(["Ұдайы", "|", "Облыстық", "білім", "департаменті"], 0, 5)
    [(0, 1), (2, 5)]
    """
    out, start = [], i
    for k in range(i, j + 1):
        if k == j or words[k] in _CELL:
            if start < k:
                out.append((start, k))
            start = k + 1
    return out


def _tidy_span(words: Sequence[str], out: list[str], typ: str, i: int, j: int,
               markup: Sequence[bool], tags: Sequence[bool]) -> None:
    """Write the labels of the name that ``words[i:j]`` (one table cell at most) holds, if any."""
    start = max((k + 1 for k in range(i, j) if words[k] in _DASHES), default=i)
    start = after_web_address(words, start, j)
    while start < j and (roman_numeral(words[start]) or markup[start]
                         or not any(ch.isalnum() for ch in words[start])):
        start += 1
    end = next((k for k in range(start, j) if markup[k]), j)
    while start < end and document_word(words[start]):
        start += 1
    while start < end and document_word(words[end - 1]):
        end -= 1
    if start < end and words[end - 1].lower() == "туралы":
        start = end
    start = closed_bracket(words, start, end)
    end = open_bracket(words, start, end)
    if start < end and (label_alone(words, start, end, tags) or quoted_thing(words, start, end)
                        or cell_words(words, start, end)):
        start = end
    if start < end:
        end = level_end(words, start, end)
        start = level_start(words, start, end)
    if start < end and not any(_TWO_LETTERS.search(words[k]) for k in range(start, end)):
        start = end  # N, I-Т: letters alone name nothing
    if start < end and modifier_end(words, start, end):
        start = end
    for i, j in two_bodies(words, start, end):
        out[i:j] = ["B-" + typ] + ["I-" + typ] * (j - i - 1)


def after_web_address(words: Sequence[str], i: int, j: int) -> int:
    """Where the name of ``words[i:j]`` starts after a web address inside it (with its path) and a
    table row's number before the quote that opens the name: an address is no part of a name,
    and a quoted name starts at its quote (a list of sites printed as a table: ``http://www.mpc-
    info.kz/kk/ | 2 | «Келісім» халықаралық медиация орталығы``).

    >>> after_web_address(["info.kz", "/", "kk", "/", "2", "«", "Келісім", "»"], 0, 8)
    5
    >>> after_web_address(["Ұлттық", "банк"], 0, 2), after_web_address(["5", "арна"], 0, 2)
    (0, 0)
    """
    start = i
    for k in range(i, j):
        if _WEB.fullmatch(words[k]):
            start = k + 1
    if start > i:  # the path: / kk / , : , .
        while start < j and (not any(ch.isalnum() for ch in words[start])
                             or (words[start].isascii() and words[start].islower())):
            start += 1
    if start + 1 < j and words[start].isdigit() and words[start + 1] in _OPEN_QUOTES:
        start += 1
    return start


def open_bracket(words: Sequence[str], i: int, j: int) -> int:
    """Where the name of ``words[i:j]`` ends before a bracket opened and not closed inside it: what
    a bracket after a body holds is said of it, not part of its name (a person in charge, ``Облыстық
    қаржы басқармасы (Ахметов Б.Қ.)``); a bracket closed inside the span stays (``... Ұйымы (БҰҰ)``).

    >>> open_bracket(["Облыстық", "қаржы", "басқармасы", "(", "Ахметов", "Б.Қ"], 0, 6)
    3
    >>> open_bracket(["Біріккен", "Ұлттар", "Ұйымы", "(", "БҰҰ", ")"], 0, 6)
    6
    """
    depth_at = None
    for k in range(i, j):
        if words[k] == "(" and depth_at is None:
            depth_at = k
        elif words[k] == ")" and depth_at is not None:
            depth_at = None
    return j if depth_at is None else depth_at


def closed_bracket(words: Sequence[str], i: int, j: int) -> int:
    """Where the name of ``words[i:j]`` starts after a bracket closed and not opened inside it (the
    span began inside a bracket: ``ӨҚ ) жол қозғалысы``).

    >>> closed_bracket(["ӨҚ", ")", "жол", "қозғалысы"], 0, 4), closed_bracket(["ЖШС", "(", "ТОО", ")"], 0, 4)
    (2, 0)
    """
    depth, start = 0, i
    for k in range(i, j):
        if words[k] == "(":
            depth += 1
        elif words[k] == ")":
            if depth:
                depth -= 1
            else:
                start = k + 1
    return start


def level_start(words: Sequence[str], i: int, j: int) -> int:
    """Where the name of ``words[i:j]`` starts when a level adjective inside it follows only common
    nouns in the nominative: the adjective opens the body's name, the nouns before it belong to the
    sentence (``Жәрдемақы | облыстық ... комиссиясының анықтамасында``: 'the benefit ... by the
    oblast commission's certificate'); a place's name before it stays (``Алматы облыстық ...``), and
    so does any capital but the one opening the sentence (the district ``Бостандық`` is 'freedom').

    >>> level_start(["Жәрдемақы", "облыстық", "сараптама", "комиссиясы"], 0, 4)
    1
    >>> level_start(["Алматы", "облыстық", "сараптама", "комиссиясы"], 0, 4)
    0
    >>> level_start(["Ол", "Бостандық", "аудандық", "сотына", "барды"], 1, 4)
    1
    """
    k = next((m for m in range(i + 1, j) if words[m].lower().endswith(_ADJ_END) and is_level(words[m])), None)
    opens = i == 0 or not any(ch.isalpha() for ch in words[i - 1])
    if k is None or any(words[m][:1].isupper() and not (m == i and opens) for m in range(i, k)):
        return i  # a capital inside a sentence is a name's (Бостандық аудандық полиция басқармасы)
    an = _layer(words)
    # the layer may read a noun before an adjective as one (Жәрдемақы ADJ): any common word with no case
    if all(an[m].upos in ("NOUN", "ADJ") and "Case=" not in (an[m].feats or "").replace("Case=Nom", "")
           and common_word(an[m].lemma, "kk") and not is_level(words[m]) for m in range(i, k)):
        return k
    return i


def level_end(words: Sequence[str], i: int, j: int) -> int:
    """The end of a name whose span stops at a level adjective (``облыстық``), or before one that
    opens what follows it (the span, not in the genitive, qualifies it): an adjective stands before
    the noun it qualifies, so the name goes on to its head noun, if one follows within the phrase
    (``Алматы облыстық | білім басқармасы``), else there is no name (``Алматы облыстық`` cut off
    from ``суда құтқару қызметі``, ``Сарқан Орталық | аудандық ауруханасы``: ``i``, nothing).

    >>> level_end(["Алматы", "облыстық", "білім", "басқармасы", "|"], 0, 2)
    4
    >>> level_end(["Алматы", "облыстық", "суда", "құтқару", "қызметі"], 0, 2)
    0
    """
    last = words[j - 1].lower()
    nxt = words[j].lower() if j < len(words) and words[j].islower() else ""
    if not (is_level(last) and last.endswith(_ADJ_END)) and not (
            nxt and is_level(nxt) and nxt.endswith(_ADJ_END) and not last.endswith(_GEN)):
        return j  # Сарқан Орталық | аудандық ауруханасы: a level adjective opens what follows
    for k in range(j, min(len(words), j + 5)):
        if not words[k].isalpha() or not words[k].islower():
            break
        if is_head(words[k]) or is_body_head(words[k]):
            return k + 1
    return i


def modifier_end(words: Sequence[str], i: int, j: int) -> bool:
    """The span ends in a bare body noun written in lower case that qualifies the nouns after it:
    Kazakh puts the head of a noun phrase last, with the possessive that ties it to the bare nouns
    before it, so a bare body noun followed by nouns up to one with a possessive names no body
    (``Атқарушылық іс жүргізу және сот | орындаушыларының``: the bailiffs; ``лицензиялау және сот |
    сараптама қызметі``: forensic examination).

    >>> modifier_end(["Атқарушылық", "іс", "жүргізу", "және", "сот", "орындаушыларының"], 0, 5)
    True
    >>> modifier_end(["Облыстық", "сот", "шешім", "шығарды"], 0, 2)
    False
    """
    if j >= len(words) or j - i < 2:
        return False
    if not is_body_head(words[j - 1]):
        return False  # a union's countries (Еуропалық одақ елдері) still name the union
    an = _layer(words)
    return qualifier(list(words), [w.upos for w in an], [w.feats or "" for w in an], j - 1)


def two_bodies(words: Sequence[str], i: int, j: int) -> list[tuple[int, int]]:
    """``words[i:j]`` cut after a body noun in the nominative with a possessive that a level word or
    a capital follows: a body that owns another stands in the genitive before it (``министрлігінің
    Заң департаменті``), so a nominative ends one name and the next word opens another (``Облыстық
    қазынашылық басқармасы | облыстық қаржы басқармасы``).

    >>> two_bodies(["Облыстық", "қазынашылық", "басқармасы", "облыстық", "қаржы", "басқармасы"], 0, 6)
    [(0, 3), (3, 6)]
    >>> two_bodies(["Ішкі", "істер", "министрлігінің", "Заң", "департаменті"], 0, 5)
    [(0, 5)]
    """
    if i >= j:
        return []
    out, start = [], i
    for k in range(i, j - 1):
        low = words[k].lower()
        if is_body_head(words[k]) and low.endswith(_POSS) and not low.endswith(_GEN) \
                and (is_level(words[k + 1]) or words[k + 1][:1].isupper()):
            out.append((start, k + 1))
            start = k + 1
    out.append((start, j))
    return out


def cell_words(words: Sequence[str], i: int, j: int) -> bool:
    """``words[i:j]`` stand in a table's row (``|`` in the sentence) and name nothing: no body noun,
    no level word (``облыстық``), no quote and no proper noun but a common word in capitals, which a
    table's headings are (``| ШАРАЛАР | Орындауға жауаптылар |``, ``| Медициналық және мал дәрігерлік
    шаралар |``). A body a table names has its noun (``| Облыстық білім департаменті |``) or is an
    abbreviation (``| СЭС |``).

    >>> cell_words(["|", "ШАРАЛАР", "|", "Орындау", "мерзімі", "|"], 1, 2)
    True
    >>> cell_words(["|", "Облыстық", "білім", "департаменті", "|"], 1, 4)
    False
    >>> cell_words(["|", "ШАРАЛАР", "|", "СЭС", "|"], 3, 4)
    False
    """
    if not any(w in _CELL for w in words) or any(w in _QUOTE_WORDS for w in words[i:j]):
        return False
    an = _layer(words)
    return not any((an[k].upos == "PROPN" and not (words[k].isupper() and common_word(an[k].lemma, "kk")))
                   or is_head(words[k]) or is_level(words[k]) for k in range(i, j))


def spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(type, i, j)`` word spans of IOB2 labels (a stray ``I-`` starts a span).

    >>> spans(['B-ORG', 'I-ORG', 'O', 'I-LAW'])
    [('ORG', 0, 2), ('LAW', 3, 4)]
    """
    out = []
    cur = None
    for i, lab in enumerate(list(labels) + ["O"]):
        if lab == "O" or lab.startswith("B-") or (cur and lab[2:] != cur[0]):
            if cur:
                out.append((cur[0], cur[1], i))
                cur = None
            if lab != "O":
                cur = (lab[2:], i)
        elif cur is None:
            cur = (lab[2:], i)
    return out
