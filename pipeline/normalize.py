"""A normalised view of the source text with an offset map back to the source.

The source is never rewritten. ``View.text`` is what tokenizers and extractors
read; ``View.src[i]`` is the source offset of view character ``i`` (with one
extra entry for the end). Rules applied, in one left-to-right pass:

- NFC: a base letter followed by a combining mark that composes is one char;
- Latin homoglyphs inside Cyrillic words become Cyrillic (``cанап`` → ``санап``);
- a word hyphenated across a line break is joined (``бас-\\nшы`` → ``басшы``);
- the lines of one paragraph are joined with a space; a paragraph break is ``\\n``;
- a run of lines holding one or two letters each (a table header printed
  vertically) is read as words: letters joined, a blank line as a space;
- runs of spaces collapse to one.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from pipeline.morph.kk import endings
from pipeline.morph.ru_base import morph_analyzer
from pipeline.morph.tokenize import tokenize
from pipeline.resources import load_map

CYR = re.compile(r"[\u0400-\u04FF]")
# a Latin letter touching a Cyrillic one: a text without one has no look-alike to fix
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04FF]|[\u0400-\u04FF][A-Za-z]")
_LETTER_LINE = re.compile(r"^[ \t]*(\S{1,2})[ \t]*$")
_SENT_END = re.compile(r"[.!?:;»\"”)\]]\s*$")
_BULLET = re.compile(r"^\s*(?:[•●▪■◦\-–—*]|\d{1,2}[.)]\S?|[а-яa-zәғқңөұүһі][)])")


@dataclass(frozen=True, slots=True)
class View:
    text: str
    src: tuple[int, ...]  # len(text) + 1 source offsets: where each view char starts
    ends: tuple[int, ...] = ()  # where each view char ends in the source (a composed char spans 2+)

    def to_source(self, vstart: int, vend: int) -> tuple[int, int]:
        """Source span of the view span ``[vstart, vend)``."""
        if vend <= vstart:
            s = self.src[vstart]
            return s, s
        return self.src[vstart], (self.ends[vend - 1] if self.ends else self.src[vend - 1] + 1)

    def from_source(self, start: int) -> int:
        """First view index whose source offset is >= ``start``."""
        return bisect.bisect_left(self.src, start, 0, len(self.src) - 1)


def _homoglyphs() -> dict[str, str]:
    return load_map("common/homoglyphs.txt")


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _fix_homoglyphs(text: str, table: dict[str, str]) -> list[str]:
    """Latin look-alikes inside a word that has Cyrillic letters become Cyrillic.

    >>> ''.join(_fix_homoglyphs('жыл cанап Hello', {'c': 'с', 'H': 'Н'}))
    'жыл санап Hello'
    """
    out = list(text)
    if not _MIXED.search(text):
        return out
    for a, b in (run for t in tokenize(text) for run in _parts(text, *t)):
        w = text[a:b]
        if not CYR.search(w):
            continue
        # only when the Latin letters are all look-alikes (a real Latin word stays)
        latin = [c for c in w if c.isascii() and c.isalpha()]
        if latin and all(c in table for c in latin):
            for i in range(a, b):
                c = text[i]
                if c.isascii() and c in table:
                    out[i] = table[c]
    return out


def _parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The parts of the token ``text[a:b]`` between its inner hyphens, apostrophes and dots:
    each part is read in its own script (``IT-стартаптар``: ``IT`` stays Latin).

    >>> s = "IT-стартап"
    >>> [s[x:y] for x, y in _parts(s, 0, len(s))]
    ['IT', 'стартап']
    """
    out, start = [], None
    for i in range(a, b):
        if text[i].isalnum() or text[i] == "_":
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, b))
    return out


def _line_kind(line: str) -> str:
    s = line.strip()
    if not s:
        return "blank"
    if _LETTER_LINE.match(line) and s.isalpha():
        return "letters"
    return "text"


def normalize(text: str, *, keep_lines: list[tuple[int, int]] = (), blank_breaks: bool = False) -> View:
    """Build the normalised view of ``text``.

    Inside the source spans ``keep_lines`` (tables) every line stays a line. ``blank_breaks``: a
    blank line always ends a paragraph (text rendered from HTML or Markdown, where a blank line
    stands for a block boundary; in PDF text blank lines alone decide nothing).

    >>> normalize("Хатшысы\\n\\nМ. Хасенов", blank_breaks=True).text
    'Хатшысы\\nМ. Хасенов'
    >>> normalize("Хатшысы\\n\\nМ. Хасенов").text  # in PDF text a line that ends no sentence goes on
    'Хатшысы М. Хасенов'
    """
    chars = _fix_homoglyphs(text, _homoglyphs())
    out: list[str] = []
    src: list[int] = []
    ends: list[int] = []

    def emit(s: str, pos: int) -> None:
        out.append(s)
        src.append(pos)
        ends.append(pos + 1)

    # split into lines keeping offsets
    lines: list[tuple[int, int]] = []  # (start, end-excluding-newline)
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(text)))

    kinds = [_line_kind(text[a:b]) for a, b in lines]
    lengths = sorted(len(text[a:b].strip()) for (a, b), k in zip(lines, kinds) if k == "text")
    width = lengths[int(len(lengths) * 0.75)] if lengths else 80  # a full line
    # a vertical run: >= 4 "letters" lines, possibly interleaved with blanks
    vertical = [False] * len(lines)
    i = 0
    while i < len(lines):
        if kinds[i] == "letters":
            j = i
            n_letters = 0
            last_letter = i
            while j < len(lines) and kinds[j] in ("letters", "blank"):
                if kinds[j] == "letters":
                    n_letters += 1
                    last_letter = j
                j += 1
            if n_letters >= 4:
                for k in range(i, last_letter + 1):
                    vertical[k] = True
                i = last_letter + 1
                continue
        i += 1

    prev_nonblank_text = None  # index of previous non-blank line that was emitted
    pending_blank = False
    for li, (a, b) in enumerate(lines):
        kind = kinds[li]
        if vertical[li]:
            if kind == "blank":
                # an empty line joins letters; a line of spaces is a word space
                if b > a and out and out[-1] not in (" ", "\n"):
                    emit(" ", a)
                continue
            seg = text[a:b]
            lead = len(seg) - len(seg.lstrip())
            if prev_nonblank_text is not None and not (li > 0 and vertical[li - 1]):
                emit("\n", lines[prev_nonblank_text][1])  # a vertical block starts its own paragraph
            elif lead and out and out[-1] not in (" ", "\n"):
                emit(" ", a)
            for k in range(a + lead, b):
                if not text[k].isspace():
                    emit(chars[k], k)
            if len(seg.rstrip()) < len(seg):
                emit(" ", a + len(seg.rstrip()))
            prev_nonblank_text = li
            pending_blank = False
            continue
        if kind == "blank":
            pending_blank = True
            continue
        seg_start = a
        if prev_nonblank_text is not None:
            pa, pb = lines[prev_nonblank_text]
            prev = text[pa:pb].rstrip()
            cur = text[a:b].lstrip()
            if vertical[prev_nonblank_text] or _is_numeric_row(prev) or _is_numeric_row(cur) \
                    or any(ka <= a < kb or ka <= pa < kb for ka, kb in keep_lines):
                emit("\n", pb)
            elif out and out[-1] == "-" and re.search(r"\w-$", prev) and cur[:1].isalpha():
                if _joins_hyphen(prev, cur):  # бас-|шы → басшы
                    out.pop()
                    src.pop()
                    ends.pop()
                # else a compound or URL split at its own hyphen: іс-|шара → іс-шара
            elif width > 200 or (blank_breaks and pending_blank) \
                    or _paragraph_break(prev, cur, short=len(prev) < 0.8 * width):
                # (lines far longer than a printed line are paragraphs already: DOCX, plain text)
                emit("\n", pb)
            else:
                emit(" ", pb)
            # a separator maps to the line break it stands for, so that from_source(start of the
            # next line) finds the line's first character, not the separator
        # copy the line, collapsing spaces
        k = seg_start
        while k < b and text[k] in " \t\u00a0":
            k += 1
        end = b
        while end > k and text[end - 1] in " \t\u00a0\f\v":
            end -= 1
        while k < end:
            ch = chars[k]
            if ch in " \t\u00a0\f\v":
                if out and out[-1] != " ":
                    emit(" ", k)
                k += 1
                continue
            if unicodedata.combining(ch) and out:
                composed = unicodedata.normalize("NFC", out[-1] + ch)
                if len(composed) == 1:
                    out[-1] = composed
                    ends[-1] = k + 1
                    k += 1
                    continue
            emit(ch, k)
            k += 1
        prev_nonblank_text = li
        pending_blank = False
    src.append(ends[-1] if ends else 0)
    return View("".join(out), tuple(src), tuple(ends))


def _joins_hyphen(prev: str, cur: str) -> bool:
    """``бас-`` + ``шы`` → join; keep real compounds and URLs apart.

    >>> _joins_hyphen('саяси басқа-', 'рудың'), _joins_hyphen('іс-', 'шараларды'), _joins_hyphen('СПИД-', 'ке')
    (True, False, False)
    """
    if not prev.endswith("-") or prev.endswith("--") or not cur:
        return False
    m = re.search(r"(\w+)-$", prev)
    if not m:
        return False
    left = m.group(1)
    if "://" in prev[-40:] or "www" in prev[-40:] or "." in prev.split()[-1][:-1]:
        return False
    if not cur[0].isalpha() or not cur[0].islower() or not left.isalpha() or left.isupper():
        return False  # ҚХА-|ның, СПИД-|ке: an abbreviation takes its ending after a hyphen
    right = re.match(r"\w+", cur).group(0)
    if re.fullmatch(r"[а-яё]+", (left + right).lower()):  # Russian letters only (no ә, ғ, қ, ...)
        return _ru_joins(left, right)
    if len(left) <= 3:
        return False
    # санитарлық-|эпидемиологиялық, әлеуметтік-|экономикалық: paired adjectives keep their hyphen
    lyq = endings("LYQ")  # the adjective suffix -лық in its six forms
    return not (left.lower().endswith(lyq) and right.lower().endswith(lyq))




def _ru_joins(left: str, right: str) -> bool:
    """A Russian word broken at the line's end is joined when the joined form is a word the
    language layer's dictionary knows (``разви-|тие``, ``по-|этому``); a compound split at its own
    hyphen keeps it when both parts are words and the joined form is none (``социально-|
    экономический``, ``по-|русски``); otherwise as a Kazakh word is (a left part over three letters
    is joined).

    >>> _ru_joins("разви", "тие"), _ru_joins("социально", "экономический"), _ru_joins("по", "русски")
    (True, False, False)
    """
    known = morph_analyzer().word_is_known
    if known((left + right).lower()):
        return True
    if known(left.lower()) and known(right.lower()):
        return False
    return len(left) > 3


def _paragraph_break(prev: str, cur: str, *, short: bool) -> bool:
    """Decide whether ``cur`` starts a new paragraph after ``prev``.

    PDF text often puts a blank line after every line, so blank lines alone
    decide nothing: a break needs the previous line to end a sentence short of
    the full line width (or be a heading) and the next to start like a paragraph.
    """
    if not prev:
        return True
    if _BULLET.match(cur):
        return True
    first = cur[0]
    starts_upper = first.isupper() or first.isdigit() or first in "«\"“[(" or not first.isalpha()
    if _is_heading(prev):
        return True
    if _is_heading(cur) or _is_section_header(cur) or is_annex_header(cur):
        return True
    if (_is_section_header(prev) or is_annex_header(prev)) and len(prev.split()) <= 4:
        return True  # a bare header line stands alone: "Әдебиеттер", "1-қосымша"
    if _SENT_END.search(prev) and starts_upper and short:
        return True
    return False


# Приложение | Приложение 1 к приказу | Приложение № 2 | Қосымша | 1-қосымша | 2 қосымша
ANNEX = re.compile(r"^[\s>*_]*(?:(?:приложение|қосымша)(?:\s*(?:№|N\b)?\s*\d{1,3})?(?:\s+к\s.{0,60})?"
                   r"|\d{1,3}\s*[-–]?\s*қосымша(?:\s.{0,60})?)[\s*_.:]*$", re.IGNORECASE)


def is_annex_header(line: str) -> bool:
    """The line that opens an annex of an act: ``Приложение 1 к приказу``, ``Приложение N 2``, ``2-қосымша``.

    >>> is_annex_header("Приложение N 1"), is_annex_header("Приложение № 2 к решению"), is_annex_header("Приложение")
    (True, True, True)
    """
    return len(line) < 100 and bool(ANNEX.match(line))


_SECTION_HEADER: re.Pattern | None = None


def _is_section_header(line: str) -> bool:
    """A line that is a section's header on its own (``Список литературы``, ``Түйін сөздер:``, ``Abstract``)
    starts a paragraph, whatever the line before it."""
    global _SECTION_HEADER
    if _SECTION_HEADER is None:
        from pipeline.resources import load_list

        words = [w for name in ("headers_abstract", "headers_keywords", "headers_references")
                 for w in load_list(f"common/{name}.txt")]
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        _SECTION_HEADER = re.compile(rf"^\s*(?:{alt})\s*(?:[.:–—-]|$)", re.IGNORECASE)
    return bool(_SECTION_HEADER.match(line))


def _is_numeric_row(line: str) -> bool:
    """A table row printed as a line of numbers: ``2017 4197 7298 1435``."""
    toks = line.split()
    if len(toks) < 2:
        return len(toks) == 1 and bool(re.fullmatch(r"\d[\d.,%]*", toks[0])) and len(line) - len(line.lstrip()) > 3
    nums = sum(bool(re.fullmatch(r"[\d.,%–-]+", t)) for t in toks)
    return nums / len(toks) >= 0.6


def _is_heading(line: str) -> bool:
    s = line.strip()
    if not s.isupper():  # cheap test first: every letter upper implies str.isupper()
        return False
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 8 and all(c.isupper() for c in letters)
