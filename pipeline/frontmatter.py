"""Front matter of journal articles: codes, DOI, authors, affiliations, titles, abstracts,
keywords, dates, running heads and site furniture, found line by line.

``find_articles(text)`` returns one :class:`Article` per article start found in a source
(a journal issue holds many): the regions of its front matter, each with the section kind
it gives (``title``, ``authors``, ``affiliation``, ``abstract``, ``keywords``, ``metadata``,
``furniture``), and the metadata they state. Every span indexes the source text.

Each line of the head of an article gets one role from an ordered list of named rules
(``line_role``); a line that holds several fields (``DOI: ... EDN: ... Аннотация: ...``)
is cut at the start of each field first (``field_cuts``). Word lists are data files in
``pipeline/data/common``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.frontmatter_act import find_act
from pipeline.frontmatter_lines import (
    AUTHOR_PREFIX, CAP, DOI_RX, EMAIL_RX, MARK, ORCID_RX, REF_ENTRY, REPO_AUTHOR, SENT_END, SIGNALS, UP, WORD, Region,
    _date_fields, _header_rx, _is_affiliation, _is_degree, _iso_date, _keyword_terms, _lang, _Line, _pieces,
    affiliation_text, author_with_rest, clean_doi, find_codes, find_names, is_caps_title, is_heading_line, is_prose,
    is_term_list, is_title_like, label_key, later_starts, line_role, names_line, opens_list,
)
from pipeline.langid import detect_language
from pipeline.morph import analyze, analyze_phrase
from pipeline.morph.tokenize import tokenize


@dataclass
class Article:
    """The front matter of one article: where it starts, its regions and its metadata."""

    start: int
    body_start: int
    regions: list[Region] = field(default_factory=list)
    titles: list[dict] = field(default_factory=list)
    authors: list[dict] = field(default_factory=list)
    affiliations: list[dict] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    orcids: list[str] = field(default_factory=list)
    codes: list[dict] = field(default_factory=list)
    doi: str | None = None
    keywords: list[dict] = field(default_factory=list)
    dates: dict = field(default_factory=lambda: {"received": None, "accepted": None, "published": None})
    funding: list[dict] = field(default_factory=list)
    act: dict | None = None  # {kind, number, date, issuer} of an official act


WEAK = ("other", "title_like", "affiliation", "affiliation_maybe")


INITIALS_ONLY = re.compile(rf"^\s*(?:[{UP}]\.\s*){{1,3}}$")  # И.Ю. , Ж.


def next_line(text: str, end: int, start: int) -> bool:
    """The line (or piece of a line) starting at ``start`` is the one right under the line ending at
    ``end``: one line break between, no blank line."""
    return text.count("\n", end, start) == 1


def _wrapped_sentences(text: str, lines: list[_Line]) -> None:
    """A line read as a journal's issue line that goes on with a sentence on the next line (it ends
    no sentence, the next starts in small letters, no blank line between) is wrapped running text:
    an act's preamble in a PDF, ``Қазақстан Республикасы Үкіметінің 2001 жылғы 15 наурыздағы № 345
    қаулысын`` / ``жүзеге асыру мақсатында ...``."""
    for ln, nx in zip(lines, lines[1:]):
        if ln.role == "running_head" and nx.text[:1].islower() and not SENT_END.search(ln.text) \
                and next_line(text, ln.end, nx.start):
            ln.role = "other"


def _wrapped_authors(text: str, lines: list[_Line]) -> None:
    """A line of authors wrapped inside a name at the page's width (PDF text) is one line of
    authors: ``Сергей Владимирович Бирюков1, ..., Динара`` + ``Адалетовна Рахимжанова4``; the two
    lines, next to each other, read as names only when joined, and the first ends inside a word."""
    k = 0
    while k < len(lines) - 1:
        ln, nx = lines[k], lines[k + 1]
        if ln.role != "authors" and ln.text[-1:].isalpha() and next_line(text, ln.end, nx.start):
            joined = text[ln.start:nx.end]
            names = names_line(joined)
            if names and len(names) >= 2 and line_role(joined) == "authors":
                merged = _Line(ln.start, nx.end, joined)
                merged.role = "authors"
                lines[k:k + 2] = [merged]
        k += 1


def _title_continuations(text: str, lines: list[_Line]) -> None:
    """A title wrapped over two lines: a title-like line, then a short line going on in small
    letters with no sentence in it, then a line that starts anew (a capital, or a field).
    ``Межконфессиональное согласие ... Казахстана: результаты`` + ``социологического исследования``.
    The short line may open with a capital (a name) when it follows right on the line, which
    ends in no mark, and names no institution: ``... межэтнических отношений`` + ``Республики Казахстан``."""
    for k in range(len(lines) - 1):
        ln, nx = lines[k], lines[k + 1]
        if _title_before_subtitle(text, ln, nx):
            ln.role, nx.role = "title_like", "title_cont"
            continue
        if ln.role != "title_like" or nx.role not in WEAK:
            continue
        if not nx.text[:1].islower() and not (next_line(text, ln.end, nx.start) and _capital_wrap(ln, nx)):
            continue
        if k + 2 < len(lines) and _names_author_over(nx, lines[k + 2]):
            continue  # the author's name over the affiliation, not the title's end
        if len(WORD.findall(nx.text)) > 10 or re.search(r"[.!?…;:]", nx.text.rstrip(".*¹²³†")):
            continue
        after = lines[k + 2] if k + 2 < len(lines) else None
        if after is not None and after.text[:1].islower():
            continue
        nx.role = "title_cont"


def _title_before_subtitle(text: str, ln: _Line, nx: _Line) -> bool:
    """A title line that ends in a colon, and its subtitle on the very next line (in capitals or not,
    short, no sentence in it): ``Межэтнические отношения в Казахстане:`` + ``опыт, проблемы и перспективы``.
    A subtitle may use a word that heads an institution's name (``институты и практики``); an
    institution is named with a capital (``әл-Фараби атындағы ҚазҰУ``), a subtitle in small letters has none."""
    if ln.role not in WEAK + ("furniture",) or not ln.text.endswith(":") or not is_title_like(ln.text[:-1]):
        return False
    if not next_line(text, ln.end, nx.start) or nx.role not in WEAK:
        return False
    return len(WORD.findall(nx.text)) <= 12 and not re.search(r"[.!?…;:]", nx.text.rstrip(".*¹²³†")) \
        and not (_is_affiliation(nx.text) and re.search(f"[{UP}]", nx.text)) and not _is_degree(nx.text)


def _capital_wrap(ln: _Line, nx: _Line) -> bool:
    """``nx`` (on the very next line) may be the end of the title line ``ln`` although it opens with a
    capital: it is at most six words with no comma or mark, names no institution, and
    ``ln`` ends in a letter (a finished title line is not cut after a colon or a stop); a label of the
    authors under the title (``Авторы``) is none."""
    words = WORD.findall(nx.text)
    return (nx.text[:1].isupper() and 1 <= len(words) <= 6 and ln.text[-1:].isalpha() and not re.search(r"[,.!?…;:«»()]", nx.text)
            and not _is_affiliation(nx.text) and not _is_degree(nx.text) and not is_caps_title(nx.text)
            and not _is_affiliation(ln.text) and AUTHOR_PREFIX.fullmatch(nx.text) is None)


def _wrapped_prose(lines: list[_Line]) -> None:
    """Lines of running text wrapped at the page width (PDF text) are prose although each is short:
    a line of six words or more, in small letters, whose next line goes on in small letters, and
    the three together read as prose."""
    for k in range(len(lines) - 1):
        ln, nx = lines[k], lines[k + 1]
        if ln.role not in WEAK or nx.role not in WEAK + ("prose",):
            continue  # (a title_like line followed by its title_cont is left alone)
        if len(WORD.findall(ln.text)) < 6 or not nx.text[:1].islower():
            continue
        if _is_degree(" ".join(ln.text.split()[:2])) or (k and lines[k - 1].role in ("authors", "author_rest")):
            continue  # an author's degree and post, wrapped: "кандидат юридических наук, профессор ..."
        letters = [c for c in ln.text if c.isalpha()]
        if not letters or sum(c.islower() for c in letters) / len(letters) < 0.6:
            continue
        if is_prose(" ".join(x.text for x in lines[k:k + 3])):
            ln.role = "prose"


JUNK = ("furniture", "url", "running_head")


def _plain_head_end(lines: list[_Line], body: int) -> int:
    """Where the head ends in a text without front-matter signals (no code, DOI, author, abstract
    header ...): after its title (lines in capitals joined) and the footnotes under it, when only
    furniture stands before the title; else after the furniture that opens it. Nothing that may be
    body text is taken into the head."""
    k = 0
    while k < body and lines[k].role in JUNK:
        k += 1
    site = _site_title(lines, k, body)
    if site is not None:
        j, p = site
        for x in lines[k:j] + [x for x in lines[j + 1:p] if x.role not in ("caps_title",)]:
            x.role = "furniture"
        return p
    if k < len(lines) and lines[k].role not in ("caps_title", "title_like", "footnote") and \
            is_heading_line(lines[k].text, lines[k + 1].text if k + 1 < len(lines) else None) and \
            not ends_open(lines[k].text) and \
            k + 1 < len(lines) and lines[k + 1].start > lines[k].end + 1:  # a paragraph of its own
        lines[k].role = "title_like"
        body = max(body, k + 1)
    # a title wrapped at a page's width (PDF text) is read with the lines that go on with it
    n_cont = 0
    while k + 1 + n_cont < body and lines[k + 1 + n_cont].role == "title_cont":
        n_cont += 1
    title = " ".join(x.text for x in lines[k:k + 1 + n_cont]) if k < body else ""
    after = lines[k + 1 + n_cont].text if k + 1 + n_cont < len(lines) else None
    if k < body and lines[k].role == "title_like" and (not (after is not None and is_heading_line(title, after))
                                                      or ends_in_finite_verb(title) or ends_open(title)):
        return k  # a sentence that opens the text (or is all of it) is body, not a title
    if k < body and lines[k].role in ("caps_title", "title_like"):
        caps = lines[k].role == "caps_title"
        k += 1 + (n_cont if not caps else 0)
        while caps and k < body and lines[k].role == "caps_title":
            k += 1
        while k < body and lines[k].role == "footnote":
            k += 1
    return k


def _site_title(lines: list[_Line], k: int, body: int) -> tuple[int, int] | None:
    """A site's page prints the title right over the text among a few short lines of its own (the
    section, a date): ``Саяси жүйе`` / ``25.11.2020`` / ``САЯСИ ЖҮЙЕ ЖӘНЕ ҚОҒАМ`` / text, or
    ``Мақалалар`` / ``Жергілікті басқару жүйесінің реформасы`` / ``12.03.2021`` / text. The title is a
    line in capitals (with the lines in capitals after it), or a heading line that is no sentence
    (the last of such lines in a row); at most three lines of at most four words, none ending in a stop, stand
    before it and at most two after it, at least one in all, and running text follows. Gives the
    title's first line and where the text starts."""
    def label(x: _Line) -> bool:
        return len(WORD.findall(x.text)) <= 4 and not SENT_END.search(x.text) and x.role not in ("caps_title", "prose")

    for j in range(k, min(k + 4, body)):
        ln = lines[j]
        if ln.role == "caps_title":
            e = j + 1
            while e < len(lines) and lines[e].role == "caps_title":
                e += 1
        elif ln.role == "title_like" and is_heading_line(ln.text, None) and not ends_in_finite_verb(ln.text) \
                and not ends_open(ln.text) \
                and not (j + 1 < len(lines) and lines[j + 1].role in ("title_like", "caps_title")):
            e = j + 1
        elif label(ln):
            continue
        else:
            return None
        p = e
        while p < len(lines) and p - e < 2 and label(lines[p]):
            p += 1
        if (j > k or p > e) and p < len(lines) and lines[p].role == "prose":
            return j, p
        return None
    return None


def ends_in_finite_verb(line: str) -> bool:
    """A Kazakh line that ends in a finite verb or an auxiliary is a sentence (its stop left off), not a title: a
    Kazakh title is a noun phrase, or a question. ``Елдегі партиялар саны өсті`` is a sentence;
    ``Партиялар санының өсуі`` and ``Партиялар саны неге өсті?`` are titles.

    >>> ends_in_finite_verb("Елдегі партиялар саны өсті")
    True
    """
    if _lang(line) != "kk":
        return False
    words = [line[a:b] for a, b in tokenize(line, "kk")]
    if not words or not words[-1][:1].isalpha():
        return False  # a question mark, a quote or a figure ends it
    last = analyze_phrase(words, "kk")[-1]
    return last.upos == "AUX" or "VerbForm=Fin" in (last.feats or "")  # (an auxiliary closes a predicate: болып отыр)


def ends_open(line: str) -> bool:
    """A line that ends in a conjunction (or, in Russian and English, a preposition) breaks off a
    sentence wrapped at the page width: a title neither opens nor closes with one.
    ``СМИ, относящиеся к разряду печатных: газеты и`` goes on; ``Партиялар мен сайлау туралы`` is whole
    (a Kazakh postposition closes its phrase).

    >>> ends_open("Печатные газеты и"), ends_open("Партиялар мен сайлау туралы")
    (True, False)
    """
    words = WORD.findall(line)
    if not words or not line.rstrip()[-1:].isalpha():
        return False
    lang = _lang(line)
    if lang not in ("kk", "ru", "en"):
        return False
    upos = analyze(words[-1:], lang)[0][1]
    return upos == "CCONJ" or (upos == "ADP" and lang != "kk")


def _title_again(lines: list[_Line], k: int) -> bool:
    """A page that prints the title again further down (a repository page: the title, the site's
    summary and fields, then the title with its authors) has its front matter go on to that repeat:
    some line of three words or more before ``k`` that may be a title comes back within 40 lines
    after it, whole or without the label of a word or two the site printed before it the first time
    (``Статья: Партии и выборы`` ... ``Партии и выборы``)."""
    def key(s: str) -> str:
        return " ".join(WORD.findall(s.lower()))

    titles = [key(x.text) for x in lines[:k] if x.role in ("title_like", "caps_title") and len(WORD.findall(x.text)) >= 3]
    return any(len(t.split()) >= 3 and any(t == s or (s.endswith(" " + t) and len(s.split()) - len(t.split()) <= 2)
                                           for s in titles)
               for t in (key(x.text) for x in lines[k + 1:k + 40]))


def parse_head(text: str, start: int, end: int) -> Article:
    """The front matter of the article that starts at ``start`` (the head ends at its body,
    at the latest at ``end``)."""
    lines = _pieces(text, start, end)
    art = Article(start=start, body_start=start)
    if not lines:
        return art
    _wrapped_authors(text, lines)
    _wrapped_sentences(text, lines)
    _title_continuations(text, lines)
    _wrapped_prose(lines)
    # 1. where the body starts: the first prose line that is no abstract and after which no
    #    front-matter signal follows within three lines
    state = "head"
    abs_lang = None
    body = len(lines)
    for k, ln in enumerate(lines):
        r = ln.role
        if state == "keywords" and lines[k - 1].role == "keywords" and r not in ("abstract_header", "keywords") \
                and not _header_rx("common/headers_keywords.txt", inline=False).sub("", lines[k - 1].text).strip() \
                and is_term_list(ln.text):
            ln.role = "keywords_list"  # the list on the line after a bare "Ключевые слова"
            continue
        if r == "references_header" and not opens_list(lines, k):
            ln.role = r = "other"  # a menu item ("Литература" among the subjects of a site)
        if r == "references_header":
            body = k  # the reference list: the head is over at the latest here
            break
        if REF_ENTRY.match(ln.text) and state not in ("abstract", "keywords") and r not in SIGNALS:
            body = k  # a numbered point ("1. Утвердить ...") is body text
            break
        if r == "abstract_header":
            state = "abstract"
            abs_lang = None
            hm = _header_rx("common/headers_abstract.txt", inline=False).match(ln.text)
            after = ln.text[hm.end():] if hm else ""
            if len(WORD.findall(after)) >= 3 and not REPO_AUTHOR.search(ln.text):
                ln.role = "abstract_header+text"  # Аннотация. Анализируются ...
                abs_lang = _lang(after)
            continue
        if r == "keywords":
            state = "keywords"
            continue
        if r in SIGNALS or r in ("caps_title",):
            if state == "keywords" and r not in ("keywords",):
                state = "head"
            if r in ("authors", "author_rest", "caps_title"):
                state = "head"
            continue
        if r == "prose":
            if state == "abstract" and (abs_lang is None or _lang(ln.text) == abs_lang):
                abs_lang = _lang(ln.text)  # an abstract goes on while its language does
                ln.role = "abstract"
                continue
            if state == "keywords" and ln.start == lines[k - 1].end + 1 and len(ln.text) < 400 \
                    and not SENT_END.search(lines[k - 1].text) and is_term_list(ln.text):
                ln.role = "keywords_list"
                continue
            ahead = [x.role for x in lines[k + 1:k + 4]]
            if any(x in ("keywords", "abstract_header") for x in ahead[:2]) or _block_before_keywords(lines, k) or \
                    any(x in ("authors", "author_rest", "code", "doi", "caps_title") for x in ahead) or \
                    _title_again(lines, k):
                ln.role = "abstract"
                continue
            body = k
            break
        if state == "abstract" and r in ("other", "title_like", "affiliation"):
            ln.role = "abstract"
    if not any(x.role in SIGNALS or x.role in ("running_head", "abstract_header+text") for x in lines[:body]):
        body = _plain_head_end(lines, body)
    head = lines[:body]
    art.body_start = lines[body].start if body < len(lines) else end
    _read_head(text, head, art)
    art.act = find_act(text, start, end)
    return art



def _block_before_keywords(lines: list[_Line], k: int) -> bool:
    """The prose line ``lines[k]`` opens a block of prose lines (no blank line between them) right
    under which the keywords follow: an abstract printed without a header, over several lines
    (``В статье рассматриваются ...`` / ``Авторы анализируют ...`` / ``Ключевые слова: ...``), or
    wrapped at a page's width (PDF text: the lines after the first are too short to read as prose
    alone); the block's lines become the abstract's.

    The lines from ``k`` through the block's last are given the role ``abstract`` when it holds."""
    j = k
    while j + 1 < len(lines) and lines[j + 1].start == lines[j].end + 1 and (
            lines[j + 1].role == "prose" or lines[j + 1].role in WEAK and _wrapped_on(lines[j], lines[j + 1])):
        j += 1
    found = j > k and j + 1 < len(lines) and lines[j + 1].role == "keywords" and lines[j + 1].start == lines[j].end + 1
    if found:
        for x in lines[k + 1:j + 1]:
            x.role = "abstract"
    return found


def _wrapped_on(ln: _Line, nx: _Line) -> bool:
    """``nx`` goes on with the sentence of ``ln`` wrapped at the width of a page: ``ln`` does not
    end a sentence and ``nx`` starts in small letters, or ``ln`` ends one and ``nx`` opens the next."""
    if SENT_END.search(ln.text):
        return nx.text[:1].isupper()
    return nx.text[:1].islower()


BARE_NAME = re.compile(rf"^\s*({CAP}\s+{CAP})\s*(?:{MARK})?\s*,?\s*$")


def _names_author_over(ln: _Line, nx: _Line) -> bool:
    """``ln`` is just two capitalised words and ``nx`` an affiliation, a degree or an e-mail under it:
    ``Айгерім Сәрсенова`` over ``Әл-Фараби атындағы ҚазҰУ``."""
    return bool(BARE_NAME.match(ln.text)) and (
        nx.role in ("affiliation", "affiliation_maybe", "email") or _is_affiliation(nx.text)
        or _is_degree(" ".join(nx.text.split()[:2])))


def _bare_names(head: list[_Line]) -> None:
    """A line of just two capitalised words right above an affiliation, a degree or an e-mail
    is an author: ``Айгерім Сәрсенова`` over ``Әл-Фараби атындағы ҚазҰУ``. So is one in Latin letters
    right above a title when the authors were named in Cyrillic before: the byline printed again over
    the English title (``Aigerim Sarsenova`` over ``CIVIL SOCIETY AND THE STATE``)."""
    cyrillic_authors = any(ln.role in ("authors", "author_rest") and _script(ln.text) == "cyrl" for ln in head)
    for k in range(len(head) - 1):
        ln, nx = head[k], head[k + 1]
        if ln.role not in ("other", "affiliation_maybe") or not BARE_NAME.match(ln.text):
            continue
        if _names_author_over(ln, nx):
            ln.role = "bare_author"
        elif cyrillic_authors and _script(ln.text) == "latn" and nx.role in ("caps_title", "title_like") \
                and _script(nx.text) == "latn" and any(x.role in ("authors", "author_rest") for x in head[:k]):
            ln.role = "bare_author"


def _script(s: str) -> str:
    """``latn`` or ``cyrl``: the script of most letters of ``s``.

    >>> _script("Aizhan Nurlanova"), _script("Айжан Нурланова")
    ('latn', 'cyrl')
    """
    letters = [c for c in s if c.isalpha()]
    latin = sum("a" <= c.lower() <= "z" for c in letters)
    return "latn" if letters and latin * 2 > len(letters) else "cyrl"


def _read_head(text: str, head: list[_Line], art: Article) -> None:
    regions: list[Region] = []
    _bare_names(head)

    def add(kind: str, role: str, a: int, b: int) -> None:
        regions.append(Region(kind, role, a, b, _lang(text[a:b])))

    # titles: capitals first (consecutive lines joined, split where the language changes),
    # else the sentence-case line closest to an author line or, without authors, to the first signal
    title_lines: list[list[_Line]] = []
    _caps_between(head)
    _caps_ends(head)
    for k, ln in enumerate(head):
        if ln.role != "caps_title":
            continue
        prev = head[k - 1] if k else None
        if prev is not None and prev.role == "caps_title" and title_lines and title_lines[-1][-1] is prev \
                and _goes_on(prev, ln) and not _repeats(title_lines[-1], ln):
            title_lines[-1].append(ln)
        else:
            title_lines.append([ln])
    near = {k for k, ln in enumerate(head)
            if ln.role in SIGNALS or ln.role in ("prose", "abstract", "abstract_header+text", "bare_author")}
    near.add(len(head))  # the body's first line, right after the head
    title_lines = [g for g in title_lines
                   if any(abs(head.index(g[0]) - k) <= 4 or abs(head.index(g[-1]) - k) <= 4 for k in near)]
    title_lines = _without_rubric(head, title_lines)
    repo = _repository_title(text, head)
    if not title_lines and repo is None:
        title_lines = _sentence_case_titles(head)
    elif repo is None:  # a title in capitals, and one in another language printed in sentence case
        taken = {head.index(x) for g in title_lines for x in g}
        title_lines += _sentence_case_titles(head, titled=taken)
        title_lines.sort(key=lambda g: g[0].start)
    if repo is None:
        title_lines = sorted(title_lines + _titles_over_abstracts(text, head, title_lines), key=lambda g: g[0].start)
    for group in title_lines:
        a, b = group[0].start, group[-1].end
        while b > a and text[b - 1] in "*¹²³⁴⁵⁶⁷⁸⁹† ":
            b -= 1
        for ln in group:
            ln.role = "title"
        add("title", "title", a, b)
    if repo is not None:
        add("title", "title", *repo)
    _keywords(text, head, art)  # first: a wrapped list's lines become keywords_list
    # a line read as a title that goes on with a keywords list is the list's (... / ПРАВО НА /
    # САМООПРЕДЕЛЕНИЕ / НАЦИЯ in capitals)
    listed = [ln.start for ln in head if ln.role == "keywords_list"]
    regions[:] = [g for g in regions if g.kind != "title" or not any(g.start <= x < g.end for x in listed)]
    # the rest, line by line
    pending_affil = False
    seen_title = not any(ln.role == "title" for ln in head) and repo is None
    consumed: set[int] = set()  # lines read with the line before them
    for idx, ln in enumerate(head):
        if idx in consumed:
            continue
        r = ln.role
        a, b = ln.start, ln.end
        if r == "title":
            pending_affil = False
            seen_title = True
            continue
        if r in ("doi", "code", "date", "orcid", "url", "funding"):
            add("metadata", r, a, b)
        elif r == "email":
            add("metadata", "email", a, b)
        elif r in ("abstract_header", "abstract_header+text", "abstract"):
            m = REPO_AUTHOR.search(ln.text)
            if m:
                ms = a + m.start(1)
                nx = head[idx + 1] if idx + 1 < len(head) else None
                if nx is not None and next_line(text, b, nx.start) and INITIALS_ONLY.match(nx.text):
                    b = nx.end  # the last author's initials wrapped onto the next line: Остапович / И.Ю.
                    consumed.add(idx + 1)
                add("abstract", "abstract_header", a, ms)
                for x, y, n in find_names(text[ms:b]):
                    art.authors.append({"name": n, "affiliations": [], "start": ms + x, "end": ms + y})
                add("authors", "author", ms, b)
            else:
                add("abstract", r if r != "abstract_header+text" else "abstract", a, b)
            pending_affil = False
        elif r in ("keywords", "keywords_list"):
            add("keywords", r, a, b)
        elif r == "authors":
            for x, y, n in names_line(ln.text):
                art.authors.append({"name": n, "affiliations": _markers(ln.text, y), "start": a + x, "end": a + y})
            add("authors", "author", a, b)
            pending_affil = True
        elif r == "bare_author":
            m = BARE_NAME.match(ln.text)
            art.authors.append({"name": " ".join(m.group(1).split()), "affiliations": _markers(ln.text, m.end(1)),
                                "start": a + m.start(1), "end": a + m.end(1)})
            add("authors", "author", a, b)
            pending_affil = True
        elif r == "author_rest":
            (x, y, n), rest = author_with_rest(ln.text)
            for x, y, n in [(x, y, n)] + [f for f in find_names(ln.text[:rest]) if f[0] >= y]:
                art.authors.append({"name": n, "affiliations": [], "start": a + x, "end": a + y})
            add("authors", "author", a, a + rest)
            _affiliation(text, a + rest, b, art)
            add("affiliation", "affiliation", a + rest, b)
            pending_affil = True
        elif r in ("affiliation", "affiliation_maybe") or (pending_affil and r in ("other", "title_like")):
            _affiliation(text, a, b, art)
            add("affiliation", "affiliation", a, b)
        elif r == "prose":
            add("abstract", "abstract", a, b)
        elif r == "footnote":
            add("footnote", "footnote", a, b)
        elif r in ("other", "title_like") and seen_title and (
                len(WORD.findall(ln.text)) >= 8 or (len(WORD.findall(ln.text)) >= 4 and SENT_END.search(ln.text))):
            add("other", r, a, b)  # a line of text after the title (a lead, a subtitle, a short first
            # sentence of the body: "В стране действует 7 партий."): not furniture
        else:
            add("furniture", r, a, b)
    # values
    for ln in head:
        seg = text[ln.start:ln.end]
        for c in find_codes(seg):
            art.codes.append({**c, "start": ln.start + c["start"], "end": ln.start + c["end"]})
        for m in DOI_RX.finditer(seg):
            if art.doi is None:
                art.doi = clean_doi(m.group(1))
        for m in EMAIL_RX.finditer(seg):
            if m.group() not in art.emails:
                art.emails.append(m.group())
        for m in ORCID_RX.finditer(seg):
            if m.group(1) not in art.orcids:
                art.orcids.append(m.group(1))
        if ln.role == "date":
            rx, fields = _date_fields()
            m = rx.match(seg)
            fld = fields.get(label_key(m.group(1))) if m else None
            if fld and art.dates.get(fld) is None:
                art.dates[fld] = _iso_date(seg)
        if ln.role == "funding":
            art.funding.append({"text": seg, "start": ln.start, "end": ln.end})
    seen = set()
    for r in regions:
        if r.kind == "title":
            t = " ".join(WORD.findall(text[r.start:r.end].lower()))  # a title printed again with a date is one
            if t in seen:
                continue
            seen.add(t)
            art.titles.append({"lang": r.lang, "text": text[r.start:r.end], "start": r.start, "end": r.end})
    names = set()
    uniq = []
    for au in art.authors:
        if au["name"] not in names:
            names.add(au["name"])
            uniq.append(au)
    art.authors = uniq
    art.regions = sorted(regions, key=lambda r: r.start)


def _markers(line: str, end: int) -> list[int]:
    m = re.match(r"\s*(\d{1,2}(?:\s?,\s?\d{1,2})*)", line[end:])
    return [int(x) for x in re.findall(r"\d+", m.group(1))] if m else []


def _affiliation(text: str, a: int, b: int, art: Article) -> None:
    seg = text[a:b]
    m = re.match(r"^\s*(\d{1,2})\s", seg)
    span = affiliation_text(seg, a)
    if span is None:
        return
    if any(x["start"] == span[0] for x in art.affiliations):
        return
    aid = int(m.group(1)) if m else len(art.affiliations) + 1
    art.affiliations.append({"id": aid, "text": text[span[0]:span[1]], "start": span[0], "end": span[1]})
    # an author without markers belongs to the affiliations that follow it
    for au in art.authors:
        if not au["affiliations"] and au["end"] <= span[0]:
            au["affiliations"].append(aid)


def _without_rubric(head: list[_Line], groups: list[list[_Line]]) -> list[list[_Line]]:
    """A journal prints the section an article stands in under its running head, in capitals as
    the title: a one-line group right under a running-head line is that section when another
    group in its language follows (``ВЕСТНИК ..., № 2 (78), 2021`` / ``ЭКОНОМИЧЕСКАЯ ТЕОРИЯ`` /
    ... / ``ЭКОНОМИЧЕСКАЯ ИНТЕГРАЦИЯ ...``); so is a short one (six words at most) right under the
    article's DOI or code line (``DOI: 10.1234/...`` / ``ПОЛИТИЧЕСКИЕ ИНСТИТУТЫ`` / ``А.Б. ИВАНОВ`` /
    ``УСТОЙЧИВОСТЬ ...``)."""
    out = []
    for n, g in enumerate(groups):
        k = head.index(g[0])
        above = head[k - 1].role if k else None
        if len(g) == 1 and (above == "running_head" or (above in ("doi", "code") and len(WORD.findall(g[0].text)) <= 6)) \
                and any(_lang(h[0].text) == _lang(g[0].text) for h in groups[n + 1:]):
            g[0].role = "running_head"
            continue
        out.append(g)
    return out


def _caps_between(head: list[_Line]) -> None:
    """A short line in capitals between two lines of a title in capitals is a line of that title,
    whatever its form alone suggests (a label ending in a colon, say):
    ``КОНСТИТУЦИОННЫЕ РЕФОРМЫ`` / ``В РЕСПУБЛИКЕ КАЗАХСТАН:`` / ``ИТОГИ И ПЕРСПЕКТИВЫ``."""
    for k in range(1, len(head) - 1):
        ln = head[k]
        if ln.role in ("furniture", "other", "title_like") and head[k - 1].role == "caps_title" \
                and head[k + 1].role == "caps_title" and _in_capitals(ln.text):
            ln.role = "caps_title"


def _caps_ends(head: list[_Line]) -> None:
    """A short line in capitals on the very next line after a title line in capitals ends that title
    (``ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ СЫРТҚЫ`` / ``ПОЛИТИКАСЫ``, ``ЭКОНОМИЧЕСКАЯ ИНТЕГРАЦИЯ`` / ``В ЕАЭС``);
    one of two words or more right before it opens it (``АЛАШ ОРДА`` / ``ҮКІМЕТІНІҢ ҚҰРЫЛУЫ``), unless
    a running head stands over it (a journal's section). Both when the lines go on (``_goes_on``)."""
    for k, ln in enumerate(head):
        if ln.role not in ("furniture", "other", "title_like") or not _in_capitals(ln.text) or len(ln.text) > 40:
            continue
        prev = head[k - 1] if k else None
        nxt = head[k + 1] if k + 1 < len(head) else None
        if prev is not None and prev.role == "caps_title" and ln.start - prev.end <= 2 and _goes_on(prev, ln):
            ln.role = "caps_title"
        elif nxt is not None and nxt.role == "caps_title" and nxt.start - ln.end <= 2 and len(ln.text.split()) >= 2 \
                and (prev is None or prev.role != "running_head") and _goes_on(ln, nxt):
            ln.role = "caps_title"


def _in_capitals(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _goes_on(prev: _Line, ln: _Line) -> bool:
    """A line in capitals goes on with the title line above it: both in one language, or a
    conjunction at the break (a title neither opens nor closes with one), whatever language a
    short line seems to be in alone: ``ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАР`` + ``МЕН ПАРЛАМЕНТАРИЗМ``.

    >>> _goes_on(_Line(0, 29, "ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАР"), _Line(30, 48, "МЕН ПАРЛАМЕНТАРИЗМ"))
    True
    """
    la, lb = _lang(prev.text), _lang(ln.text)
    if la != lb:  # a short Cyrillic line without a Kazakh letter says too little alone (САЯСИ ПАРТИЯЛАР)
        la, lb = detect_language(prev.text, default=lb), detect_language(ln.text, default=la)
    if la == lb:
        return True
    if "en" in (la, lb) or "other" in (la, lb):
        return False  # another script: a title in another language
    first, last = WORD.findall(ln.text)[:1], WORD.findall(prev.text)[-1:]
    if not first or not last:
        return False
    return analyze(last, la)[0][1] == "CCONJ" or analyze(first, la)[0][1] == "CCONJ"


def _repeats(group: list[_Line], ln: _Line) -> bool:
    """A site prints a title again (with a date after it, say): the line repeats the title so far.

    >>> _repeats([_Line(0, 9, "САЯСИ ЖҮЙЕ")], _Line(11, 31, "САЯСИ  ЖҮЙЕ 25.11.2020"))
    True
    """
    def key(s: str) -> str:
        return " ".join(WORD.findall(s.lower()))

    so_far = key(" ".join(x.text for x in group))
    return bool(so_far) and key(ln.text).startswith(so_far)


def _repository_title(text: str, head: list[_Line]) -> tuple[int, int] | None:
    """A repository page names the article in quotes: ``Научная статья на тему 'ТЕМА'`` (on one line,
    or wrapped onto the next at a page's width)."""
    for k, ln in enumerate(head):
        for j in range(k, min(k + 2, len(head))):
            if j > k and (not re.search(r"на\s+тему\s+['\"«]", ln.text) or not next_line(text, ln.end, head[j].start)):
                break
            m = re.search(r"на\s+тему\s+['\"«](.+)['\"»]\s*$", text[ln.start:head[j].end], re.S)
            if m:
                for x in head[k:j + 1]:
                    x.role = "furniture"
                return ln.start + m.start(1), ln.start + m.end(1)
    for ln in head:  # a title printed after a classification code: ӘОК930.323(574) Посткеңестік ...
        codes = find_codes(ln.text)
        if codes and ln.role == "code":
            rest = ln.text[codes[-1]["end"]:].strip()
            if line_role(rest) in ("title_like", "caps_title"):
                k = ln.text.index(rest, codes[-1]["end"])
                return ln.start + k, ln.start + k + len(rest)
    return None


def _sentence_case_titles(head: list[_Line], titled: set[int] | None = None) -> list[list[_Line]]:
    """Titles not in capitals: for every group of author lines, the title-like line closest to it
    (before or after); with no author line, the one closest before the first signal or prose.
    With ``titled`` (the lines of titles in capitals found), only author groups with no such title
    within three lines get one, and nothing else."""
    anchors = [k for k, ln in enumerate(head) if ln.role in ("authors", "author_rest", "bare_author")
               and not (k and head[k - 1].role in ("authors", "author_rest", "bare_author"))]
    if titled is not None:
        anchors = [k for k in anchors if not any(abs(k - t) <= 3 for t in titled)]
        if not anchors:
            return []
    # a line naming an institution after an author is the author's affiliation (or its wrapped end), not a
    # title; when no other title-like line stands near an author, only the line right under the author (or
    # under a degree and post: its wrapped end) is, and one under it may be the title (Роль университетов ...)
    cands = [k for k, ln in enumerate(head) if ln.role == "title_like"
             and not (anchors and k > anchors[0] and _is_affiliation(ln.text))]
    if anchors and not any(abs(c - k) <= 3 for c in cands for k in anchors):
        under = ("authors", "author_rest", "bare_author", "affiliation", "email", "orcid")
        cands = [k for k, ln in enumerate(head) if ln.role == "title_like"
                 and not (k > anchors[0] and _is_affiliation(ln.text) and head[k - 1].role in under)]
    if not cands:
        return []
    out: list[list[_Line]] = []
    if anchors:
        used = set()
        for k in anchors:
            best = min(cands, key=lambda c: (abs(c - k), c > k))
            if abs(best - k) <= 3 and best not in used:
                used.add(best)
                out.append(_with_cont(head, best))
        if out or titled is not None:
            return out
    first = next((k for k, ln in enumerate(head) if ln.role in ("prose", "abstract", "abstract_header", "keywords")), len(head))
    if any(not _is_affiliation(head[c].text) for c in cands):  # a line naming an institution is rather an affiliation
        cands = [c for c in cands if not _is_affiliation(head[c].text)]
    before = [c for c in cands if c < first]
    pick = before[-1] if before else cands[0]
    return [_with_cont(head, pick)]


def _titles_over_abstracts(text: str, head: list[_Line], groups: list[list[_Line]]) -> list[list[_Line]]:
    """A head printed in several languages gives each its title over its abstract: a title-like line
    (with its wrapped end) right over an abstract header, in the language of that abstract, is that
    language's title when no title in it was found (a Kazakh title with authors, then
    ``Political culture and civic activism`` over ``Abstract`` / ``The article considers ...``)."""
    taken = {id(x) for g in groups for x in g}
    langs = {_lang(" ".join(x.text for x in g)) for g in groups}
    out: list[list[_Line]] = []
    for k, ln in enumerate(head):
        if ln.role not in ("abstract_header", "abstract_header+text") or k == 0:
            continue
        if ln.role == "abstract_header+text":
            hm = _header_rx("common/headers_abstract.txt", inline=False).match(ln.text)
            abs_text = ln.text[hm.end():] if hm else ln.text
        elif k + 1 < len(head) and head[k + 1].role in ("abstract", "prose"):
            abs_text = head[k + 1].text
        else:
            continue
        j = k - 1
        group = [head[j]]
        if head[j].role == "title_cont" and j and head[j - 1].role == "title_like":
            group = [head[j - 1], head[j]]
        if group[0].role != "title_like" or any(id(x) in taken for x in group) or _is_affiliation(group[0].text):
            continue
        lang = _lang(" ".join(x.text for x in group))
        if lang in langs or lang != _lang(abs_text):
            continue
        langs.add(lang)
        out.append(group)
    return out


def _with_cont(head: list[_Line], k: int) -> list[_Line]:
    return [head[k]] + ([head[k + 1]] if k + 1 < len(head) and head[k + 1].role == "title_cont" else [])


def keywords_record(text: str, start: int, end: int) -> dict | None:
    """``{lang, terms, start, end}`` of a keywords section ``text[start:end]`` (header included).

    >>> keywords_record("Keywords: state, party.", 0, 23)["terms"]
    ['state', 'party']
    """
    seg = text[start:end]
    m = _header_rx("common/headers_keywords.txt", inline=False).match(seg)
    body = seg[m.end():] if m else seg
    terms = _keyword_terms(body)
    if not terms:
        return None
    return {"lang": _lang(body), "terms": terms, "start": start, "end": end - (len(seg) - len(seg.rstrip()))}


def _list_goes_on(so_far: str, nx: _Line) -> bool:
    """The line ``nx`` goes on with a keywords list not closed yet (``so_far``): it reads as terms,
    and it goes on in small letters (at most 12 words), or the list broke after a comma or semicolon,
    or it is the last term or two with the closing stop, or the list broke inside a term and the line
    closes it with its stop (at most 12 words, no institution named): ``... многовекторность,`` /
    ``Центральная Азия, безопасность.``; ``... интеграция, Центральная`` / ``Азия.``;
    ``... интеграция, Центральная`` / ``Азия, регион, сотрудничество.``; a list between slashes goes
    on with its slashes, whatever the case and length of the line (``... / ПРАВО НА`` /
    ``САМООПРЕДЕЛЕНИЕ / НАЦИЯ / НАРОД``)."""
    if not is_term_list(nx.text):
        return False
    if " / " in nx.text and so_far.count(" / ") >= 2 and nx.role in WEAK + ("other", "prose", "caps_title", "title") \
            and not _is_affiliation(nx.text):
        return True  # a list of terms between slashes wrapped: ... / ПРАВО НА / САМООПРЕДЕЛЕНИЕ / НАЦИЯ
    if nx.role not in WEAK + ("other", "prose"):
        return False
    words = len(WORD.findall(nx.text))
    if nx.text[:1].islower():
        return words <= 12
    if words <= 12 and so_far.rstrip()[-1:].isalpha() and re.search(r"[,;]", nx.text) and SENT_END.search(nx.text) \
            and not _is_affiliation(nx.text):
        return True  # broken inside a term, the rest of the list closed by its stop: ... Центральная / Азия, регион.
    return bool(re.search(r"[,;]$", so_far.rstrip())) or (words <= 3 and bool(SENT_END.search(nx.text)))


def _keywords(text: str, head: list[_Line], art: Article) -> None:
    rx = _header_rx("common/headers_keywords.txt", inline=False)
    k = 0
    while k < len(head):
        ln = head[k]
        if ln.role == "keywords":
            a, b = ln.start, ln.end
            a += len(ln.text) - len(ln.text.lstrip("*_>•–- "))  # the record starts at the header, not its bullet
            m = rx.match(ln.text)
            rest = ln.text[m.end():] if m else ln.text
            j = k + 1
            while j < len(head) and head[j].role == "keywords_list":
                b = head[j].end
                j += 1
            # a list wrapped onto the next line (no sentence so far)
            while j < len(head) and not SENT_END.search(text[a:b]) and _list_goes_on(text[a:b], head[j]):
                head[j].role = "keywords_list"
                b = head[j].end
                j += 1
            body = text[ln.start + (m.end() if m else 0):b]
            terms = _keyword_terms(body) if rest.strip() or j > k + 1 else []
            if terms:
                art.keywords.append({"lang": _lang(body), "terms": terms, "start": a, "end": b})
            k = j
            continue
        k += 1


# --- articles in a source ------------------------------------------------------------------------


def find_articles(text: str, *, skip: frozenset[int] | set[int] = frozenset()) -> list[Article]:
    """One :class:`Article` per article start in ``text``: at the start, and wherever a new
    front matter (a code or DOI line, or a title followed by authors or an abstract header)
    follows body text. A source without front matter gives one article with no regions.
    Lines starting at an offset in ``skip`` (a PDF's page headers and footers) open nothing.
    """
    starts = [0] + later_starts(text, skip)
    out = []
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(text)
        out.append(parse_head(text, s, min(e, s + 20000)))
    return out
