"""Legal acts: laws, codes, constitutions, strategies, concepts, programmes, decrees.

Found per sentence by rules around a head noun (``pipeline/data/<lang>/legal_heads.txt``):

- Kazakh: ``«Медиация туралы» Заң``, ``Қылмыстық кодекстің``, ``Қазақстан-2050 стратегиясы``,
  ``Қазақстан Республикасының 2010-2020 жылдарға арналған Құқықтық саясат тұжырымдамасы``;
- Russian: ``Закон «О медиации»``, ``Федеральный закон от 28 июня 2014 года № 172-ФЗ``,
  ``Уголовный кодекс Российской Федерации``, ``УК РФ``, ``Конституция``, ``указ об отставке``;
- English: ``Law on Mediation``, ``Kazakhstan-2050 Strategy``.

One record per act and document, with every mention. ``year`` is the adoption year when the
sentence states it (``2011 жылы ... Заң қабылданған``, ``от 28 июня 2014 года``), else the
first year written in the name (``Қазақстан-2050`` → 2050, ``2010-2020 жылдарға`` → 2010).
``number`` is the act's number when stated (``№ 172-ФЗ``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.extract import kk_ner
from pipeline.extract.legal_kk import (
    _NUMBER, _YEAR, ActSpan, _clean, _kk_nominative, _year_in, kk_acts, kk_head_kind,
)
from pipeline.extract.legal_numbered import (
    NUMBER, Numbered, damerau, force_of_law, kk_numbered_acts, names_force_of_law, ru_numbered_acts,
)
from pipeline.extract.organisations import _doc_of, _units, nominative_ru
from pipeline.model import FACT_SECTIONS, Analysis, LegalAct, Mention
from pipeline.morph import readings, tokenize
from pipeline.resources import load_map, load_set

_RU_MONTHS = ("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
              "декабря")
# от 28 июня 2014 года ; от 28.06.2014 ; от 2014 г.
_RU_DATE = re.compile(rf"\s*от\s+(?:\d{{1,2}}\s+(?:{_RU_MONTHS})\s+|\d{{1,2}}\.\d{{1,2}}\.)?"
                      r"(\d{4})(?:\s*(?:года|г\.|г\b))?")
# the number ends before a full stop that ends the sentence (№ 374-ФЗ.)
_RU_NUM_AFTER = re.compile(rf"\s*(?:№|N)\s?(?:{NUMBER})(?:-[А-ЯA-Z]{{1,4}})?")
# «...», "...", “...”, „...“ (the German-style pair closes with “)
_QUOTED_AFTER = re.compile(r"\s*[«“„\"][^«»“”„\"\n]{2,250}[»”“\"]")
_RU_ADOPT = re.compile(r"принят|подписа|утвержд|вступ")
# the years a programme, strategy or concept covers: на 1998-2000 годы, на 2002 год, на 2010–2020 гг.
_RU_PERIOD = re.compile(r"\s+на\s+(\d{4})(?:\s*[-–—]\s*\d{4})?\s*(?:годы|год|гг\.|г\.)")
# kinds of act named by the years they cover (Kazakh: 1998-2000 жылдарға арналған бағдарлама)
_PERIOD_KINDS = ("programme", "strategy", "concept")


# ---------------------------------------------------------------- lexicons


# Measured and not kept (python bench/eval_linking.py acts Jaccard tune/check, base 0.582/0.431):
# 'правило' out of ru/legal_heads.txt 0.617/0.455, but NEREL LAW check exact 0.421 -> 0.410;
# 'ереже' in kk/legal_heads.txt 0.572/0.394; 'бұйрық' in kk/legal_heads.txt 0.579/0.429;
# a plural Kazakh law (заңдар) as no act: KazNERD LAW overlap tune 0.889 -> 0.868, check same.
@lru_cache(maxsize=None)
def _ru_heads() -> dict[str, str]:
    return load_map("ru/legal_heads.txt")


@lru_cache(maxsize=None)
def _en_heads() -> dict[str, str]:
    return load_map("en/legal_heads.txt")


@lru_cache(maxsize=None)
def _ru_code_abbr() -> dict[str, tuple[str, str]]:
    """abbreviation → (kind, when): ``УК`` → (code, always), ``СК`` → (code, article)."""
    out = {}
    for k, v in load_map("ru/legal_code_abbr.txt").items():
        kind, _, when = v.partition("\t")
        out[k] = (kind.strip(), when.strip() or "always")
    return out


@lru_cache(maxsize=None)
def _ru_places() -> tuple[str, ...]:
    return tuple(sorted(load_set("ru/legal_places.txt"), key=len, reverse=True))


class _NoReading:
    lemma, pos, grammemes = "", "", frozenset()


def _parse(word: str):
    """The likeliest reading of a Russian word out of context, from the language layer's analyser."""
    rs = readings(word)
    return rs[0] if rs else _NoReading()


def _lemma(word: str) -> str:
    return _parse(word.lower()).lemma or word.lower()


# ---------------------------------------------------------------- Russian


# 105 ; 128.1 ; 34-104 ; №213 и №115 ; 1 и 7
_NUM = r"№?\s*\d+(?:\.\d+)*(?:-\d+)?(?:\s*(?:,|и)\s*№?\s*\d+(?:\.\d+)*(?:-\d+)?)*"
_RU_ARTICLE = re.compile(
    rf"(?:(?:пункт\w*|подпункт\w*|п\.)\s*(?:{_NUM}|[а-я])\.?\s+)?"
    rf"(?:(?:част\w*|ч\.)\s*{_NUM}\s+)?"
    rf"(?:(?:стать\w+|ст\.)\s*{_NUM}|\d+-(?:й|я|ой|ей|ю)\s+стать\w+)(?!\w)", re.I)


# ст. 105 ; статьи 105 ; ч. 2 ст. 159.1 — right before a code abbreviation
_ARTICLE_BEFORE = re.compile(r"(?:стать\w+|ст\.)\s*\d+(?:\.\d+)*\s*(?:(?:ч\.|част\w+)\s*\d+\s*)?$",
                             re.I)


def _ru_words(text: str):
    return kk_ner.tokenize(text)


def _ru_extend_right(text: str, end: int, *, about: bool = True, places: bool = True,
                     quote: bool | str = True, issuer: bool = False, abbr_after: bool = False
                     ) -> tuple[int, Optional[str]]:
    """Extend an act name to the right over its issuer, jurisdiction, date, number and title
    (``quote="about"``: only a quoted title that opens with О / Об / Обо)."""
    number = None
    while True:
        moved = False
        rest = text[end:]
        if places:
            for p in _ru_places():
                m = re.match(rf"\s+{re.escape(p)}(?!\w)", rest)
                if m:
                    end += m.end()
                    moved = True
                    break
            if moved:
                continue
        m = _RU_DATE.match(rest)
        if m:
            end += m.end()
            continue
        m = re.match(rf"\s*,?\s*{force_of_law('ru')}\s*,?", rest)  # Указ ..., имеющий силу закона,
        if m:
            end += m.end()
            continue
        m = _RU_NUM_AFTER.match(rest)
        if m:
            number = _NUMBER.search(m.group()).group(1)
            end += m.end()
            continue
        # Конституции 2004 года ; закону о помиловании от 2006 года
        m = re.match(r"\s+(?:от\s+)?(\d{4})\s*(?:года|г\.)", rest)
        if m:
            end += m.end()
            continue
        # Рамочной конвенции ООН ; договор СНВ
        m = re.match(r"\s+([A-ZА-ЯЁ]{2,6})(?![\w-])", rest)
        if m and m.group(1) not in _ru_code_abbr() and abbr_after:
            end += m.end()
            continue
        # Указ Президента Республики Казахстан ; постановление Правительства РФ
        m = re.match(r"\s+(?:Президента|Правительства|правительства|Министерства|министерства|"
                     r"Министра|министра|Госдумы|Парламента|Мажилиса|Сената|мэра|губернатора)"
                     r"(?!\w)", rest)
        if m and issuer:
            end += m.end()
            issuer = False
            continue
        if quote:
            m = _QUOTED_AFTER.match(rest)
            if m and (quote is True or re.match(r"\s*\W(?:О|Об|Обо)\s", m.group())):
                end += m.end()
                return end, number
        if about:
            m = re.match(r"\s+(?:о|об|по|против)\s+", rest)
            if m:
                k = end + m.end()
                window = text[k:k + 200]
                words = [window[a:b] for a, b in tokenize(window, "ru")]
                ends = [b for _, b in tokenize(window, "ru")]
                last = None
                for idx, t in enumerate(words[:9]):
                    if not re.match(r"\w", t):
                        break
                    p = _parse(t.lower())
                    if p.pos in ("VERB", "INFN", "PRTS", "ADVB", "NPRO", "PRCL") or \
                            (p.pos == "CONJ" and t != "и") or t in ("что", "который"):
                        break
                    if t == "и" and (idx + 1 >= len(words) or
                                     _parse(words[idx + 1].lower()).pos == "VERB"):
                        break
                    nxt = words[idx + 1] if idx + 1 < len(words) else ""
                    if t[:1].isdigit() or (p.pos == "PREP" and t not in (
                            "с", "со", "на", "о", "об", "по", "для", "в", "во")):
                        break
                    if t in ("в", "во") and (nxt[:1].isdigit() or re.match(
                            rf"({_RU_MONTHS}|январе|феврале|марте|апреле|мае|июне|июле|августе|"
                            r"сентябре|октябре|ноябре|декабре|году|ходе|рамках|том|течение|"
                            r"связи|результате|случае|понедельник|вторник|среду|четверг|"
                            r"пятницу|субботу|воскресенье)$", nxt)):
                        break
                    if p.pos not in ("PREP", "CONJ"):
                        last = k + ends[idx]
                if last:
                    return last, number
        return end, number


_RU_WORD = re.compile(r"[А-ЯЁа-яё][а-яё\-]*")


def _ru_genitive_tail(text: str, end: int, *, lower: bool = True, limit: int = 6) -> int:
    """Extend over genitive words after a head: ``Стратегии`` + ``развития информационного
    общества``; ``закон`` + ``Димы Яковлева``; ``Декларации`` + ``независимости``."""
    k = end
    n = 0
    window = text[end:end + 200]
    for a, b in tokenize(window, "ru"):
        w = window[a:b]
        gap = window[k - end:a]
        if n >= limit or not gap or gap.strip() or not _RU_WORD.fullmatch(w):
            break
        if not lower and not w[:1].isupper():
            break
        if any(text[end + a:].startswith(p) for p in _ru_places()):
            break
        if not any("gent" in r.grammemes and r.pos in ("NOUN", "ADJF", "PRTF") for r in readings(w)[:3]):
            break
        if w.lower() in ("года", "лет", "которого", "которой", "этого", "того"):
            break
        k = end + b
        n += 1
    return k


# a demonstrative this long or longer is still read with one letter misprinted (наетоящих Правил)
_FUZZY_DEMONSTRATIVE = 8


def _ru_demonstrative(word: str) -> bool:
    """Whether ``word`` points at an act named before or the act in hand (``указанными``,
    ``настоящих``: ``ru/legal_demonstratives.txt``, by lemma), a scanning error of one letter in a
    long one included (``наетоящих`` for ``настоящих``).

    >>> _ru_demonstrative("указанными"), _ru_demonstrative("наетоящих"), _ru_demonstrative("областными")
    (True, True, False)
    """
    lem = _lemma(word)
    demonstratives = load_set("ru/legal_demonstratives.txt")
    return lem in demonstratives or (len(lem) >= _FUZZY_DEMONSTRATIVE and any(
        len(d) >= _FUZZY_DEMONSTRATIVE and d[:2] == lem[:2] and damerau(lem, d, 1) <= 1 for d in demonstratives))


def _ru_left_adjectives(words, h: int) -> int:
    i = h
    while i - 1 >= 0:
        w = words[i - 1][2]
        if not re.match(r"\w", w) or _ru_demonstrative(w):
            break
        p = _parse(w.lower())
        # an adjective, not a participle: утвержденные приказом, установленных законом
        if p.pos == "ADJF" and "Apro" not in p.grammemes and p.lemma not in (
                "этот", "тот", "такой", "новый", "свой", "который", "весь", "данный", "каждый",
                "нынешний", "настоящий", "действующий", "соответствующий", "соответствовать",
                "действовать", "компромиссный", "последний", "предыдущий", "очередной"):
            i -= 1
            continue
        break
    return i


def ru_acts(text: str, *, articles: bool = False) -> list[ActSpan]:
    """Legal acts in one Russian sentence.

    With ``articles``, the spans follow NEREL's nested convention: article references
    (``части 1 статьи 185``, ``статьи 185``), a code with and without its jurisdiction
    (``УК РФ``, ``УК``), and a law's quoted title on its own (``О полиции``) instead of
    ``закон «О полиции»``."""
    words = _ru_words(text)
    n = len(words)
    out: list[ActSpan] = []
    heads = _ru_heads()
    abbr = _ru_code_abbr()
    for h in range(n):
        s0, e0, w = words[h]
        if w in abbr:
            kind, when = abbr[w]
            if w in ("ФЗ", "ФКЗ") and h > 0 and words[h - 1][2] == "-":
                continue
            if when == "article" and not _ARTICLE_BEFORE.search(text[:s0]):
                continue
            end, number = _ru_extend_right(text, e0, about=False, quote=kind == "law")
            out.append(ActSpan(s0, end, kind, _clean(text[s0:end]), None, number))
            continue
        if not re.match(r"[А-Яа-яЁё]", w):
            continue
        lem = _lemma(w)
        kind = heads.get(lem)
        if not kind or names_force_of_law(text, s0, e0, "ru"):
            continue  # Указ, имеющий силу закона: a decree, no law
        i = _ru_left_adjectives(words, h)
        start = words[i][0]
        tail = e0
        if lem in ("закон", "законопроект"):
            tail = _ru_genitive_tail(text, e0, lower=False, limit=2)  # закон Димы Яковлева
        elif lem in ("договор", "соглашение"):
            tail = _ru_genitive_tail(text, e0, lower=False, limit=3)  # Договор СНГ
        elif kind in ("strategy", "concept", "programme", "other"):
            tail = _ru_genitive_tail(text, e0)  # Стратегия развития ; Декларация независимости
        end, number = _ru_extend_right(text, tail, about=True, places=True,
                                       # a code's quoted title is one 'about' (Кодекс РК «Об
                                       # административных правонарушениях»), not an article's
                                       quote="about" if kind == "code" else True,
                                       issuer=kind in ("decree", "resolution"),
                                       abbr_after=kind == "other")
        # программу озеленения территории области на 1998-2000 годы: the years it covers make a
        # programme one act, in lower case too, as a Kazakh 'жылдарға арналған' programme is
        period = _RU_PERIOD.match(text, end) if kind in _PERIOD_KINDS else None
        if period:
            end = period.end()
        surface = text[start:end]
        initial = i == 0 or words[i - 1][2] in ".!?«\"—–-:"
        capital = any(words[k][2][:1].isupper() for k in range(i + 1 if initial else i, h + 1)) \
            or (not initial and w[:1].isupper())
        extended = end > e0
        if i == h and not extended and kind in ("programme", "strategy", "concept", "other"):
            continue  # Программа, Правила: a head alone names no one act (Конституция, Кодекс do)
        if end <= tail and i > 0 and _ru_demonstrative(words[i - 1][2]):
            continue  # Настоящие Правила, данная Программа: the act in hand or one named before
        if kind == "code":
            if i == h and not extended and not w[:1].isupper():
                continue
        elif lem == "конституция":
            pass
        elif lem in ("закон", "законопроект", "указ", "постановление", "распоряжение", "приказ"):
            if not extended and lem == "указ" and capital:
                # Указом Президента (capitalised mid-sentence); NEREL labels a bare Указа too
                # (dropping it without a modifier: NEREL LAW check exact 0.421 -> 0.410)
                pass
            elif not extended and lem != "распоряжение":
                continue
            if lem == "распоряжение" and not extended:
                m = re.match(r"\s+(правительства|президента|мэра|губернатора)\b", text[e0:], re.I)
                if not m:
                    continue
                end = e0 + m.end()
        elif lem in ("договор", "соглашение"):
            if not capital and not extended:
                continue
        elif lem in ("протокол", "устав", "правило", "программа", "стратегия", "концепция",
                     "доктрина"):
            if not capital and not period:
                continue
        elif not capital and not extended:
            continue

        surface = text[start:end]
        year = None
        m = re.search(r"от\s+(?:\d{1,2}\s+\w+\s+|\d{1,2}\.\d{1,2}\.)?(\d{4})", surface)
        if m:
            year = int(m.group(1))
        elif _RU_ADOPT.search(text):
            years = _YEAR.findall(text)
            if len(years) == 1:
                year = int(years[0])
        if year is None:
            q = re.search(r"[«“\"](.*)[»”\"]", surface)
            if q:
                year = _year_in(q.group(1))
        if year is None and period:
            year = int(period.group(1))  # the first year it covers, as a Kazakh programme's
        out.append(ActSpan(start, end, kind, _ru_canonical(surface, w), year, number))
    if articles:
        out = _nested(text, out)
        out += _ru_article_spans(text, out)
    return out


def _nested(text: str, acts: list[ActSpan]) -> list[ActSpan]:
    out = []
    for a in acts:
        surface = text[a.start:a.end]
        q = re.search(r"[«“\"„]([^«»“”\"„]+)[»”\"“]$", surface)
        if q and a.kind in ("law", "decree", "resolution") and surface[:1].islower() \
                and q.start() <= len(surface.split()[0]) + 2:
            # закон «О полиции»: the title alone
            out.append(ActSpan(a.start + q.start(1), a.start + q.end(1), a.kind, q.group(1)))
            continue
        out.append(a)
        for p in _ru_places():
            if surface.endswith(" " + p) and a.kind in ("code", "law"):
                e = a.end - len(p) - 1
                out.append(ActSpan(a.start, e, a.kind, _clean(text[a.start:e])))
                break
        else:
            # Конституции страны, Конституции 2004 года → also Конституции
            m = re.match(r"((?:[А-ЯЁа-яё\-]+\s+){0,2}?(?:Конституц|конституц)\w*)\s+\S", surface)
            if m:
                out.append(ActSpan(a.start, a.start + m.end(1), a.kind, m.group(1)))
    return out


def _ru_canonical(surface: str, head: str) -> str:
    """Head and the adjectives before it in the nominative, date and number dropped, no quotes:
    ``Уголовному кодексу РФ`` → ``Уголовный кодекс РФ``."""
    s = _RU_NUM_AFTER.sub("", _RU_DATE.sub("", surface))
    return _clean(nominative_ru(_clean(s)))


def _ru_article_spans(text: str, acts: list[ActSpan]) -> list[ActSpan]:
    """Article references with every nested level: ``пункту 6 части 2 статьи 104``,
    ``части 2 статьи 104``, ``статьи 104``; an act right after is part of each level."""
    out = []
    for m in _RU_ARTICLE.finditer(text):
        end = m.end()
        for a in sorted(acts, key=lambda a: -(a.end - a.start)):
            if re.fullmatch(r"\s*", text[end:a.start]) and a.start >= end:
                end = a.end
                break
        q = re.match(r"\s*«[^«»]{2,120}»", text[end:])  # статьи 214 «Вандализм»
        if q:
            end += q.end()
        starts = {m.start()}
        for sub in re.finditer(r"(?:част\w*|ч\.|стать\w+|ст\.)", m.group(), re.I):
            starts.add(m.start() + sub.start())
        for s in starts:
            out.append(ActSpan(s, end, "other", _clean(text[s:end])))
    return out


# ---------------------------------------------------------------- English


def en_acts(text: str) -> list[ActSpan]:
    """``Law on Mediation``, ``the Law of the Republic of Kazakhstan "On Mediation"``,
    ``Kazakhstan-2050 Strategy``, ``Concept of Legal Policy for 2010-2020``."""
    out = []
    heads = _en_heads()
    for m in re.finditer(r"\b(" + "|".join(map(re.escape, heads)) + r")\b", text):
        w = m.group(1)
        start, end = m.start(), m.end()
        left = re.search(r"((?:[A-Z][\w\-]*|\d{4}(?:-\d{4})?)\s+)+$", text[:start])
        if left:
            start = left.start()
            det = re.match(r"(?:The|A|An|This|That|In|By|Under)\s+", text[start:m.start()])
            if det:
                start += det.end()
        right = re.match(r"(?:\s+(?:on|of|for)\s+(?:the\s+)?(?:[A-Z][\w\-]*|\d{4}(?:-\d{4})?)"
                         r"(?:\s+(?:[A-Z][\w\-]*|of|and|for|\d{4}(?:-\d{4})?))*)?"
                         r"(?:\s*[\"“«][^\"”»]{2,120}[\"”»])?", text[end:])
        if right:
            end += right.end()
        if start == m.start() and end == m.end():
            continue
        surface = text[start:end]
        out.append(ActSpan(start, end, heads[w], _clean(surface), _year_in(surface),
                           None))
    return out


# ---------------------------------------------------------------- records

FINDERS = {"kk": kk_acts, "ru": ru_acts, "en": en_acts}


def _numbered_span(text: str, n: Numbered, lang: str) -> ActSpan:
    """An act named by number and date, its canonical name the mention with the head in the
    nominative and the issuer in front: ``облыс әкімінің 1997 жылғы 20 наурыздағы № 3-82а шешімі``."""
    surface = text[n.start:n.end]
    if lang == "kk":
        cut = surface.rfind(n.head)
        canonical = _clean(surface[:cut] + _kk_nominative(n.head) + surface[cut + len(n.head):])
        if n.issuer and not canonical.startswith(n.issuer):
            canonical = f"{n.issuer} {canonical}"
    else:
        canonical = _ru_canonical(surface, n.head)
    return ActSpan(n.start, n.end, n.kind, canonical, n.year, n.number, n.date, n.issuer)


NUMBERED = {"kk": lambda text: kk_numbered_acts(text, kk_head_kind), "ru": ru_numbered_acts}


# Markdown emphasis and block-quote marks and heading signs between the words of one phrase
# (an annex caption set as quoted lines: ``> *облыс әкімінің* > *№ 6-194 шешіміне*``); HTML
# tags are kept, since a cell border does end a name
_MARKUP = re.compile(r"\*+|_{2,}|(?:(?<=\s)|^)[>#]+(?=\s|\*|$)")


def unmarked(text: str) -> str:
    """``text`` with Markdown marks between words blanked, offsets kept.

    >>> unmarked('> *от 11 июня 1997 года* > *№ 6-194*')
    '   от 11 июня 1997 года     № 6-194 '
    """
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def find_acts(text: str, lang: str) -> list[ActSpan]:
    """Legal acts in one sentence of language ``lang`` (``[]`` for other languages).

    Acts named by date and number come first; an act found by its head noun inside one of
    them is the same mention and is dropped. Markdown marks do not part the words of a name."""
    finder = FINDERS.get(lang)
    if finder is None or not text.strip():
        return []
    text = unmarked(text)
    found = NUMBERED.get(lang, lambda t: [])(text)
    generic = finder(text)
    for n in found:  # Федеральный закон от ... № 172-ФЗ: the head's adjectives join the span
        for sp in generic:
            if sp.start < n.end and n.start < sp.end:
                n.start, n.end = min(n.start, sp.start), max(n.end, sp.end)
    numbered = [_numbered_span(text, n, lang) for n in found]
    spans = numbered + [sp for sp in generic
                        if not any(sp.start < m.end and m.start < sp.end for m in numbered)]
    # drop a span inside a longer one (a code named inside a law's title)
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return [s for s in out if not unnamed(text[s.start:s.end], s, lang)]


@lru_cache(maxsize=None)
def _issuer_keys(lang: str) -> frozenset[str]:
    return frozenset(k for w in load_set(f"{lang}/legal_issuers.txt") for k in _key(w, lang))


def unnamed(surface: str, span: ActSpan, lang: str) -> bool:
    """Whether a mention names an act by its kind, issuer and jurisdiction only, with no title,
    number or date: ``Указ Президента Республики Казахстан``, ``законы России``, ``Қазақстан
    Республикасының заңдары`` refer to some act or to a class of acts, not to one; a code and
    the Constitution are one act each (``Кодекс Республики Казахстан``, ``Конституция``).
    Issuers are listed for Kazakh and Russian only: a mention in another language is judged named.

    >>> unnamed("Указ Президента Республики Казахстан", ActSpan(0, 36, "decree", ""), "ru")
    True
    >>> unnamed("Конституция Республики Казахстан", ActSpan(0, 32, "law", ""), "ru")
    False
    """
    if lang not in ("kk", "ru") or span.number or span.date or span.kind == "code" \
            or re.search(r"[\d«»“”„\"]", surface) or "конституц" in surface.lower() or surface.isupper():
        return False
    key = _key(_clean(surface), lang)
    while True:
        bare = _without_place(key)
        if bare is None:
            break
        key = bare
    named = [k for k in key if k not in _issuer_keys(lang)]
    # a head alone (Указом) is left to the finders: only an issuer or a jurisdiction is judged here
    return len(named) <= 1 and len(named) < len(_key(_clean(surface), lang))


def _key(canonical: str, lang: str) -> tuple[str, ...]:
    low = canonical.lower()
    words = [low[a:b] for a, b in tokenize(low, lang) if low[a:b][:1].isalnum()]
    if lang == "ru":
        return tuple(_lemma(w) for w in words)
    return tuple(kk_ner.stem(w) for w in words)


# sections read for legal acts: those that state facts, and titles (a title names the act an
# article or a news item is about)
ACT_SECTIONS = FACT_SECTIONS | {"title"}


def extract_legal_acts(a: Analysis) -> list[LegalAct]:
    """One :class:`LegalAct` per act and document, in order of first mention; never raises."""
    try:
        return _extract(a)
    except Exception:  # noqa: BLE001 - a stage never crashes the run on odd text
        import logging
        logging.getLogger(__name__).exception("legal_acts: extraction failed")
        return []


def _merge_undated(groups: dict, order: list) -> list:
    """A numbered act without a year (its date missing or unreadable: ``01.09.202 № 742``, or a
    mention by number alone: ``Постановления Президента N 1987``) is the act of the same kind and
    number with a year in the same document, when there is exactly one."""
    dated: dict = {}
    for key in order:
        if key[2][:1] == ("#",) and key[2][2] is not None:
            dated.setdefault((key[0], key[1], key[2][1]), []).append(key)
    keep = []
    for key in order:
        doc_id, kind, ident = key
        if ident[:1] == ("#",):
            number, year = ident[1], ident[2]
        else:
            number = next((sp.number.lower() for sp in groups[key]["spans"] if sp.number), None)
            year = next((sp.year for sp in groups[key]["spans"] if sp.year), None)
        same = dated.get((doc_id, kind, number), [])
        if number and year is None and len(same) == 1:
            for part in ("spans", "mentions"):
                groups[same[0]][part].extend(groups[key][part])
            continue
        keep.append(key)
    return keep


@lru_cache(maxsize=1)
def _place_keys() -> tuple[tuple[str, ...], ...]:
    """Keys, as :func:`_key` makes them, of the jurisdictions an act's name may carry
    (``ru/legal_places.txt``, ``kk/legal_places.txt``), longest first."""
    keys = {_key(p, "ru") for p in load_set("ru/legal_places.txt")} | \
        {_key(p, "kk") for p in load_set("kk/legal_places.txt")}
    return tuple(sorted((k for k in keys if k), key=lambda k: (-len(k), k)))


def _without_place(key: tuple[str, ...]) -> Optional[tuple[str, ...]]:
    """A name's key without the jurisdiction it carries (``None`` when it carries none)."""
    for p in _place_keys():
        for i in range(len(key) - len(p) + 1):
            if key[i:i + len(p)] == p:
                return key[:i] + key[i + len(p):]
    return None


def _merge_placeless(groups: dict, order: list) -> list:
    """An act named without its jurisdiction (``Закон «Об адвокатской деятельности»``,
    ``Конституции``) is the act of the same kind and name with one in the same document
    (``Закон Республики Казахстан «Об адвокатской деятельности»``), when there is exactly one."""
    placed: dict = {}
    for key in order:
        if key[2][:1] != ("#",):
            bare = _without_place(key[2])
            if bare is not None:
                placed.setdefault((key[0], key[1], bare), []).append(key)
    keep = []
    for key in order:
        same = placed.get(key, []) if key[2][:1] != ("#",) else []
        if len(same) == 1:
            for part in ("spans", "mentions"):
                groups[same[0]][part].extend(groups[key][part])
            groups[same[0]]["mentions"].sort(key=lambda m: m.start)
            continue
        keep.append(key)
    return keep


def _quoted_line(text: str, pos: int) -> bool:
    """Whether the source line holding ``pos`` is a Markdown block-quote line (``> ...``)."""
    start = text.rfind("\n", 0, pos) + 1
    return text[start:max(pos, start) + 1].lstrip().startswith(">")


def _one_block(vtext: str, a: tuple[str, str, int, int], b: tuple[str, str, int, int]) -> bool:
    """Whether sentence ``b`` follows ``a`` on the next line of one block (same document and
    language, one line break and nothing else between them)."""
    gap = vtext[a[3]:b[2]]
    return a[0] == b[0] and a[1] == b[1] and a[3] <= b[2] and gap.count("\n") == 1 and not gap.strip()


def caption_units(units: list[tuple[str, str, int, int]], vtext: str, text: str, view
                  ) -> list[tuple[str, str, int, int]]:
    r"""Sentences joined where a line break of one block parts them: the lines of an annex
    caption are one phrase (``> *к решению Акима области*`` / ``> *№ 3-47 от 15.03.2002г.*``),
    when they are lines of one block quote or when a numbered act runs over the breaks (a
    rendered Markdown caption keeps its line breaks and loses its quote marks:
    ``к Решению Акима`` / ``Алматинской области № 2-58`` / ``от 12 февраля 1998 года.``).

    >>> from types import SimpleNamespace
    >>> t, vt = "> к решению Акима\n> № 3-47 от 2002 г.", "  к решению Акима\n  № 3-47 от 2002 г."
    >>> same = SimpleNamespace(to_source=lambda s, e: (s, e))
    >>> [vt[s:e] for _, _, s, e in caption_units([("d", "ru", 2, 17), ("d", "ru", 20, 37)], vt, t, same)]
    ['к решению Акима\n  № 3-47 от 2002 г.']
    """
    out: list[tuple[str, str, int, int]] = []
    for u in units:
        if out and _one_block(vtext, out[-1], u) \
                and _quoted_line(text, view.to_source(u[2], u[3])[0]) \
                and _quoted_line(text, view.to_source(out[-1][2], out[-1][3])[0]):
            out[-1] = (u[0], u[1], out[-1][2], u[3])
        else:
            out.append(u)
    return act_lines(out, vtext)


# the lines of one block read together for an act that runs over a line break
_ACT_LINES = 2


def act_lines(units: list[tuple[str, str, int, int]], vtext: str) -> list[tuple[str, str, int, int]]:
    r"""A line and the next one of the same block joined where a numbered act that begins on the
    first runs over onto the second (``к решению Маслихата от «15» июля 2003 г.`` / ``№ 35-205``):
    the line break lies inside the act's name. Lines that make no such act stay apart.

    >>> vt = "Аким области\nк решению акима от 12 февраля 1998 года\n№ 2-58"
    >>> [vt[s:e] for _, _, s, e in act_lines([("d", "ru", 0, 12), ("d", "ru", 13, 52),
    ...                                       ("d", "ru", 53, 59)], vt)]
    ['Аким области', 'к решению акима от 12 февраля 1998 года\n№ 2-58']
    """
    out: list[tuple[str, str, int, int]] = []
    k = 0
    while k < len(units):
        u = units[k]
        run = [u]
        for v in units[k + 1:k + _ACT_LINES]:
            if not _one_block(vtext, run[-1], v):
                break
            run.append(v)
        take = 1
        finder = NUMBERED.get(u[1])
        if len(run) > 1 and finder is not None:
            base = u[2]
            for n in finder(unmarked(vtext[base:run[-1][3]])):
                if n.number and n.start < u[3] - base:
                    take = max([take] + [i + 1 for i, v in enumerate(run) if n.end > v[2] - base])
        out.append((u[0], u[1], u[2], run[take - 1][3]))
        k += take
    return out


def act_units(a: Analysis) -> list[tuple[str, str, int, int]]:
    """The sentences read for legal acts: those of :data:`ACT_SECTIONS`, every title included
    (organisations leave out the title of an article with front matter; an act an article is
    about is named in its title all the same)."""
    units = _units(a, ACT_SECTIONS)
    if a.sentences and a.view is not None:
        seen = {(u[2], u[3]) for u in units}
        units += [(s.doc_id, s.lang, s.vstart, s.vend) for s in a.sentences
                  if s.section == "title" and s.vend > s.vstart and (s.vstart, s.vend) not in seen]
    return sorted(units, key=lambda u: u[2])


def _extract(a: Analysis) -> list[LegalAct]:
    text = a.source.text
    if not text or not text.strip():
        return []
    if a.view is None:
        from pipeline.normalize import normalize
        a.view = normalize(text)
    view = a.view
    vtext = view.text
    groups: dict = {}
    order = []
    for doc_id, lang, vs, ve in caption_units(act_units(a), vtext, text, view):
        for sp in find_acts(vtext[vs:ve], lang):
            s, e = view.to_source(vs + sp.start, vs + sp.end)
            if e <= s:
                continue
            doc_id = _doc_of(a, s) or doc_id
            # a numbered act is the same act wherever its number and year agree; a generic
            # mention (Указов Президента) never joins one
            key = (doc_id, sp.kind, ("#", sp.number.lower(), sp.year)) if sp.number and (
                sp.date or sp.issuer) else (doc_id, sp.kind, _key(sp.canonical, lang))
            if key not in groups:
                groups[key] = {"spans": [], "mentions": []}
                order.append(key)
            g = groups[key]
            g["spans"].append(sp)
            g["mentions"].append(Mention(doc_id, s, e, text[s:e]))
    order = _merge_placeless(groups, _merge_undated(groups, order))
    out = []
    for n, key in enumerate(order, 1):
        g = groups[key]
        best = max(g["spans"], key=lambda sp: len(sp.canonical))
        year = next((sp.year for sp in g["spans"] if sp.year), None)
        number = next((sp.number for sp in g["spans"] if sp.number), None)
        date = max((sp.date for sp in g["spans"] if sp.date), key=len, default=None)
        issuer = next((sp.issuer for sp in g["spans"] if sp.issuer), None)
        out.append(LegalAct(act_id=f"{key[0]}:a{n}", doc_id=key[0], canonical=best.canonical,
                            kind=key[1], year=year, number=number,
                            mentions=tuple(g["mentions"]), date=date, issuer=issuer))
    return out
