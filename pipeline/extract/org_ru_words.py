"""The words of a Russian sentence as the organisation rules read them, and what the rules ask
about a word.

A sentence's words come from the language layer (:mod:`pipeline.morph`): the tokens of the
analysed sentence (:class:`pipeline.model.Token`: lemma, UPOS and features of the parse
chosen in context), or, for a text that is not a sentence of an analysis (a test, the
trainer of the Russian CRF), the same layer's tokenizer and tagger run on it. Nothing here
splits words or keeps an analyser of its own.

Two kinds of question are asked about a word:

* what the word *is* in its sentence (its lemma, whether it is an adjective): the reading
  chosen in context, :func:`chosen`;
* what the word *can be* (``Москвы`` can only be a genitive; ``Её`` is a pronoun in every
  reading): every dictionary reading of the form, :func:`pipeline.morph.readings`.

A word is passed either as a :class:`RuWord` of the sentence or as a plain string (a word
out of any sentence, e.g. of a name in the nominative); a string is read by its likeliest
dictionary reading.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache, partial
from typing import NamedTuple, Optional, Sequence, Union

from pipeline.extract.org_common import _CYR, _LAT
from pipeline.extract.org_kk import OPEN_Q
from pipeline.morph import analyze_phrase, readings, tokenize
from pipeline.resources import load_set

# ---------------------------------------------------------------- word lists (pipeline/data/ru)

ru_places = partial(load_set, "ru/org_abbr_places.txt")  # cached by load_set
ru_descriptors = partial(load_set, "ru/org_descriptors.txt")
ru_body_descriptors = partial(load_set, "ru/org_body_descriptors.txt")
ru_not_descriptors = partial(load_set, "ru/org_not_descriptors.txt")
ru_gazetteer = partial(load_set, "ru/org_gazetteer.txt")
ru_generic_heads = partial(load_set, "ru/org_generic_heads.txt")
ru_coref_heads = partial(load_set, "ru/org_coref_heads.txt")


# ---------------------------------------------------------------- the sentence's words


class RuWord(NamedTuple):
    """One word of a sentence (offsets in the sentence's text) as the language layer read it."""

    start: int
    end: int
    text: str
    lemma: str
    upos: str
    feats: str


Word = Union[RuWord, str]
_WORDLIKE = re.compile(r"\w")


class RuSentence:
    """A Russian sentence's text and its words (punctuation left out), in order; ``tokens``:
    every token, punctuation and quotes included."""

    __slots__ = ("text", "words", "tokens", "_starts")

    def __init__(self, text: str, words: Sequence[RuWord]):
        self.text = text
        self.tokens = list(words)
        self.words = [w for w in self.tokens if _WORDLIKE.search(w.text)]
        self._starts = [w.start for w in self.words]

    def at(self, pos: int, text: Optional[str] = None) -> Word:
        """The sentence's word starting at ``pos`` (and written ``text``, if given); failing
        that, ``text`` itself, to be read out of context."""
        k = bisect.bisect_left(self._starts, pos)
        if k < len(self.words) and self.words[k].start == pos and (
                text is None or self.words[k].text == text):
            return self.words[k]
        return text if text is not None else ""

    def words_in(self, lo: int, hi: int) -> list[RuWord]:
        """The words that start at or after ``lo`` and end by ``hi``."""
        k = bisect.bisect_left(self._starts, lo)
        out = []
        while k < len(self.words) and self.words[k].end <= hi:
            out.append(self.words[k])
            k += 1
        return out


@lru_cache(maxsize=512)
def sentence_of(text: str) -> RuSentence:
    """A text read by the language layer (its tokenizer, then its tagger in context)."""
    spans = tokenize(text, "ru")
    words = [text[a:b] for a, b in spans]
    tags = analyze_phrase(words, "ru") if words else []
    return RuSentence(text, [RuWord(a, b, w, t.lemma, t.upos, t.feats)
                             for (a, b), w, t in zip(spans, words, tags)])


def as_sentence(text: Union[str, RuSentence]) -> RuSentence:
    return text if isinstance(text, RuSentence) else sentence_of(text)


def sentence_from_tokens(text: str, offset: int, tokens) -> RuSentence:
    """The sentence ``text`` (starting at ``offset`` of the view) from the analysis's tokens,
    each given as (view start, view end, text, lemma, upos, feats)."""
    return RuSentence(text, [RuWord(s - offset, e - offset, w, lem, u, f)
                             for s, e, w, lem, u, f in tokens])


# ---------------------------------------------------------------- what a word is / can be


def _norm(lemma: str) -> str:
    return lemma.lower().replace("ё", "е")


def chosen(w: Word):
    """The dictionary reading of a word as its sentence reads it (a :class:`RuWord`: the
    reading with the lemma and features chosen in context), or the likeliest one of a plain
    string; None for a word without Cyrillic letters."""
    if isinstance(w, RuWord):
        rs = readings(w.text)
        if not rs:
            return None
        lem = _norm(w.lemma)
        return (next((r for r in rs if _norm(r.lemma) == lem and r.feats == w.feats), None)
                or next((r for r in rs if _norm(r.lemma) == lem and r.upos == w.upos), None)
                or rs[0])
    rs = readings(w)
    return rs[0] if rs else None


def text_of(w: Word) -> str:
    return w.text if isinstance(w, RuWord) else w


def lemma(w: Word) -> str:
    """``министерства`` -> ``министерство`` (ё read as е); a word without Cyrillic letters in
    lower case."""
    if isinstance(w, RuWord):
        return _norm(w.lemma) if _CYR.search(w.text) else w.text.lower()
    return ru_lemma(w)


@lru_cache(maxsize=65536)
def ru_lemma(word: str) -> str:
    """The lemma of a word out of context (its likeliest reading)."""
    if not _CYR.search(word):
        return word.lower()
    rs = readings(word)
    return _norm(rs[0].lemma) if rs else word.lower()


def ru_key(sent: "RuSentence", s: int, e: int) -> str:
    """``Евросоюза`` -> ``евросоюз``: the words of ``s:e`` as lemmas, for the gazetteer."""
    return " ".join(lemma(w) for w in sent.words_in(s, e))


def pos_of(w: Word) -> str:
    """The OpenCorpora POS of the word's reading (``ADJF``, ``NOUN`` ...); "" for none."""
    r = chosen(w)
    return r.pos if r is not None else ""


def grammemes_of(w: Word) -> frozenset:
    r = chosen(w)
    return r.grammemes if r is not None else frozenset()


def is_adjective(w: Word) -> bool:
    """A full adjective: a sentence's word its sentence reads as ``ADJ`` (not a short form),
    a plain string whose likeliest reading is ``ADJF``."""
    if isinstance(w, RuWord):
        return w.upos == "ADJ" and "Variant=Short" not in w.feats and bool(_CYR.search(w.text))
    return pos_of(w) == "ADJF"


def participle(w: Word) -> bool:
    """``действующей``: a full participle."""
    if isinstance(w, RuWord):
        return w.upos in ("VERB", "ADJ") and "VerbForm=Part" in w.feats and "Variant=Short" not in w.feats
    return pos_of(w) == "PRTF"


def plain_adjective(w: Word) -> bool:
    """``немецкий``, ``социальной``: a full adjective, not a pronoun (``этот``) or a
    superlative (``крупнейший``)."""
    return is_adjective(w) and not ({"Apro", "Supr"} & grammemes_of(w))


def is_gent(word: Word) -> bool:
    """A place abbreviation (``РК``) or a form that can be a genitive (``Республики``)."""
    t = text_of(word)
    return t in ru_places() or any("gent" in r.grammemes for r in readings(t))


def only_genitive(word: Word) -> bool:
    """``Совета``, ``Москвы``: a genitive in some reading and a nominative or an
    indeclinable word in none."""
    rs = readings(text_of(word))
    return any("gent" in r.grammemes for r in rs) and not any(
        "nomn" in r.grammemes or "Fixd" in r.grammemes for r in rs)


_REL_ENDING = re.compile(r"(ск|цк)(ий|ый|ой|ая|ое|ие|ого|ому|ом|ой|ую|их|ым|ими|ей)$")


def relational_adj(w: Word) -> bool:
    """``японского``, ``российского``: a place adjective (in -ск-/-цк-), which belongs to the
    name after it."""
    return is_adjective(w) and bool(_REL_ENDING.search(text_of(w).lower()))


# adjectives of time or ownership that say which of a body's states is meant, not its name
_NOT_NAME_ADJ = frozenset(("бывший", "нынешний", "прежний", "собственный", "тогдашний",
                           "будущий", "последний", "настоящий", "данный", "каждый", "следующий"))


def relational_modifier(w: Word) -> bool:
    """``государственной``, ``синодального``: a relational (not qualitative, pronominal or
    superlative) adjective, which can be part of an organisation's name."""
    return (is_adjective(w) and not ({"Qual", "Apro", "Supr", "Anph"} & grammemes_of(w))
            and lemma(w) not in _NOT_NAME_ADJ)


def pronoun(word: Word) -> bool:
    """``Её``, ``Этот``: every reading of the word is a pronoun."""
    rs = readings(text_of(word))
    return bool(rs) and all(r.pos == "NPRO" or "Apro" in r.grammemes for r in rs)


def plural_only(word: Word) -> bool:
    """``концернов``, ``сетях``: no singular reading as a noun (a class of organisations)."""
    nouns = [r for r in readings(text_of(word)) if r.pos == "NOUN"]
    return bool(nouns) and all("plur" in r.grammemes for r in nouns)


_PROPER = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))


def known_common(w: Word) -> bool:
    """``Телевизор``, ``Центр``: a dictionary common word, not a name the dictionary only
    guesses or knows as a name."""
    rs = readings(text_of(w))
    r = chosen(w)
    return r is not None and any(x.known for x in rs) and not (_PROPER & r.grammemes)


def ordinal_word(word: Word) -> bool:
    """``первой``, ``семнадцатой``: an ordinal numeral adjective."""
    return any(r.pos == "ADJF" and "Anum" in r.grammemes for r in readings(text_of(word)))


def person_gent(w: Word) -> bool:
    """A person's name in the genitive (``Обамы``, ``Буша``) or indeclinable (``Нетаньяху``),
    not in the nominative (``Иванов``)."""
    g = grammemes_of(w)
    return "gent" in g or "Fixd" in g


def can_be_org_name(word: Word) -> bool:
    """``Феррари``: a word the dictionary knows as an organisation's name in some reading."""
    return any("Orgn" in r.grammemes for r in readings(text_of(word)))


def known_person_name(word: Word) -> bool:
    """``Фоменко``, ``Джонсона``: the dictionary knows the form as a given name, surname or
    patronymic (a guess by its ending does not count: ``Юнайт``)."""
    return any(r.known and {"Name", "Surn", "Patr"} & r.grammemes for r in readings(text_of(word)))


def name_word(word: str) -> bool:
    """A word that can be part of a name: capitalised, a number or Latin-script."""
    return word[:1].isupper() or word[:1].isdigit() or bool(_LAT.match(word))


# ---------------------------------------------------------------- phrases around a span


def word_before(sent: RuSentence, s: int, *, gap: str = r"\s+") -> Optional[RuWord]:
    """The word of the sentence right before ``s`` with only ``gap`` between them."""
    k = bisect.bisect_left(sent._starts, s) - 1
    if k < 0:
        return None
    w = sent.words[k]
    if w.end <= s and re.fullmatch(gap, sent.text[w.end:s]):
        return w
    return None


def adjectives_before(sent: RuSentence, s: int, ok=plain_adjective) -> int:
    """The start of the run of adjectives (``ok``: plain ones) right before ``s``:
    ``немецкий автомобильный`` концерн, ``субкультурной`` партии."""
    while True:
        w = word_before(sent, s)
        if w is None or not ok(w):
            return s
        s = w.start


def phrase_run(sent: RuSentence, pos: int, persons: Sequence[tuple[int, int]], *, first: tuple,
               then: tuple, pos_tags: tuple, most: int, exclude: tuple = (),
               places: Sequence[tuple[int, int]] = (), places_end: bool = False) -> Optional[int]:
    """The end of a run of nouns and adjectives right after ``pos`` in the cases ``first``
    (its first word) and ``then`` (the others), with ``и`` between them, that ends on a noun;
    None when there is none. Readings with a grammeme of ``exclude`` do not count. An abbreviation after a noun of the run ends it with itself
    (``обороны РФ``); with ``places_end``, so does a genitive place of ``places``
    (``культуры Польши``). The run stops at punctuation, a person of ``persons``, a
    capitalised word and after ``most`` words."""
    text = sent.text
    last = None
    k = 0
    for w in sent.words_in(pos, min(len(text), pos + 120)):
        if text[pos:w.start].strip() or k >= most:
            break
        word = w.text
        if any(a <= w.start < b for a, b in persons):
            break
        if word == "и" and last is not None:
            pos, k = w.end, k + 1
            continue
        if last is not None and word.isupper() and len(word) >= 2:
            if places_end:
                return max(next((b for a, b in places if a <= w.start < b), w.end), w.end)
            last, pos, k = w.end, w.end, k + 1
            continue
        if places_end and last is not None and any(a <= w.start < b for a, b in places) \
                and is_gent(w):
            return max(next(b for a, b in places if a <= w.start < b), w.end)
        if places_end and not word[:1].islower():
            break
        want = first if last is None else then
        ok = [r for r in readings(word) if r.pos in pos_tags and any(c in r.grammemes for c in want)
              and not any(x in r.grammemes for x in exclude)]
        if not ok:
            break
        pos, k = w.end, k + 1
        if any(r.pos == "NOUN" for r in ok):
            last = w.end
    return last


def genitive_run(sent: RuSentence, pos: int, persons: Sequence[tuple[int, int]],
                 places: Sequence[tuple[int, int]] = ()) -> Optional[int]:
    """The end of a run of genitive adjectives and nouns right after ``pos`` that ends on a
    noun, with a genitive place or an abbreviation after it: министерство ``иностранных
    дел``, ``культуры Польши``, ``обороны РФ``."""
    return phrase_run(sent, pos, persons, first=("gent",), then=("gent",),
                      pos_tags=("NOUN", "ADJF"), most=6, exclude=("Abbr", "Fixd"), places=places,
                      places_end=True)


_REMIT_CASE = {"по": "datv", "при": "loct", "против": "gent"}


def remit_end(sent: RuSentence, e: int, persons: Sequence[tuple[int, int]]) -> Optional[int]:
    """The end of ``по`` + a dative / ``при`` + a locative / ``против`` + a genitive phrase
    right after ``e``: комитет ``по развитию информационного общества``, ``по
    Санкт-Петербургу и Ленобласти``, ``при главном архитекторе Москвы``, комитет ООН
    ``против пыток``; after its first word the phrase may go on in the genitive. A phrase that
    opens with a pronoun or an adjective that points within the text (``по следующей
    формуле``, ``по этим вопросам``) is no remit."""
    m = re.match(r"»?\s+(по|при|против)\s+", sent.text[e:e + 10])
    if not m:
        return None
    first = sent.at(e + m.end())
    if first and (pronoun(first) or lemma(first) in _NOT_NAME_ADJ):
        return None  # Комиссия по оценке по следующей формуле: the text's reference, no remit
    case = _REMIT_CASE[m.group(1)]
    return phrase_run(sent, e + m.end(), persons, first=(case,), then=(case, "gent"),
                      pos_tags=("NOUN", "ADJF", "PRTF"), most=7, exclude=("Abbr",))


_LIST_LINK = re.compile(r"[»”\"](?:\s*\([^()]{0,60}\))?\s*(?:,|и|или|а также)\s*$")


def list_start(text: str, s: int) -> int:
    """For a quoted name at ``s`` that is a later item of a list of quoted names (``«A», «B»
    и «C»``, a bracket allowed after an item), the opening quote of the list's first item;
    else ``s`` (also when the name is not quoted)."""
    q = s if text[s:s + 1] in OPEN_Q + '"' else s - 1
    if q < 0 or text[q:q + 1] not in OPEN_Q + '"':
        return s
    first = s
    for _ in range(12):
        m = _LIST_LINK.search(text, max(0, q - 80), q)
        if not m:
            break
        o = max(text.rfind(c, max(0, m.start() - 100), m.start()) for c in OPEN_Q + '"')
        if o < 0:
            break
        q = first = o
    return first


def close_quote(text: str, q: int) -> int:
    """The end of the quoted stretch opening at ``q`` (after its closing quote), or -1."""
    close = "»" if text[q] == "«" else ("”" if text[q] in "“„" else '"')
    e = text.find(close, q + 1, q + 160)
    if text[q] == "„" and e < 0:
        e = text.find("“", q + 1, q + 160)
    return e + 1 if e > q else -1
