"""Generate a corpus of realistic kk/ru/en articles of any size from the repo's own files.

Only repository files are read (``corpus/*.txt`` and ``pipeline/data``), so this works
on a fresh clone. The sample articles are segmented by derek itself; their sentences
are pooled by language and recombined into new articles laid out like the PDF
extractions of the corpus:

* a title in the article's language, abstracts in kk/ru/en with their headers
  (``pipeline/data/common/headers_abstract.txt``), a keywords line, a body of
  paragraphs, tables copied from the samples, a references list;
* sentences recombined (whole, or two sentences spliced at a comma), numbers varied
  (years stay years, percentages stay percentages);
* PDF artefacts as in the samples: lines broken at ~90 characters as ``" \\n\\n"``,
  a few words hyphenated across lines, a few Latin homoglyphs in Cyrillic words
  (``pipeline/data/common/homoglyphs.txt``).

Deterministic for a given ``--seed``.

    python bench/generate_corpus.py -n 1000 -o /tmp/gen1000            # ~3 million words
    python bench/generate_corpus.py -n 50 --langs ru --no-abstracts -o /tmp/ru50
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.resources import load_list, load_map  # noqa: E402

WORD = re.compile(r"\w+(?:[-‑]\w+)*")
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:([.,])(\d+))?(\s?%)?")
ABSTRACT_HEADER = {"kk": "Аңдатпа", "ru": "Аннотация", "en": "Annotation"}
KEYWORDS_HEADER = {"kk": "Түйін сөздер", "ru": "Ключевые слова", "en": "Keywords"}
REFERENCES_HEADER = {"kk": "Әдебиеттер", "ru": "Литература", "en": "References"}


@dataclass
class Pool:
    """Material of one language taken from the samples."""

    sentences: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def load_pools(corpus: Path) -> dict[str, Pool]:
    """Sentences, titles and table blocks of every sample under ``corpus``, by language."""
    from pipeline import process

    pools: dict[str, Pool] = {}
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no sample articles (*.txt) in {corpus}")
    for f in files:
        text = f.read_text(encoding="utf-8")
        a = process(text, source_id=f.stem, stages=("segment",))
        for d in a.documents:
            for sec in d.sections:
                if sec.kind == "table":
                    pools.setdefault(sec.lang, Pool()).tables.append(text[sec.start:sec.end])
        for s in a.sentences:
            vtext = _clean(a.view.text[s.vstart:s.vend])
            if s.section == "title":
                pools.setdefault(s.lang, Pool()).titles.append(vtext)
            elif s.section in ("body", "abstract") and len(WORD.findall(vtext)) >= 4:
                pools.setdefault(s.lang, Pool()).sentences.append(vtext)
    # every language gets titles: a sample sentence's opening words, in capitals (as in the journals)
    for lang, p in pools.items():
        if not p.titles and p.sentences:
            p.titles = [" ".join(s.split()[:6]).rstrip(",.:;").upper() for s in p.sentences]
    return pools


class Generator:
    def __init__(self, pools: dict[str, Pool], seed: int = 0):
        self.pools = pools
        self.rng = random.Random(seed)
        self.homoglyphs = {cyr: lat for lat, cyr in load_map("common/homoglyphs.txt").items()}
        self.abstract_headers = load_list("common/headers_abstract.txt")

    # --- sentences --------------------------------------------------------------------------

    def vary_numbers(self, s: str) -> str:
        """Every number replaced by another of the same kind: a year stays a year, a % stays a %."""
        rng = self.rng

        def repl(m: re.Match) -> str:
            whole, sep, frac, pct = m.group(1), m.group(2), m.group(3), m.group(4)
            digits = re.sub(r"\D", "", whole)
            n = int(digits)
            if 1900 <= n <= 2030 and not frac and not pct:
                return str(rng.randint(1991, 2024))
            if pct:
                v = rng.uniform(0.5, 99.5)
                return (f"{v:.1f}".replace(".", sep or ".") if frac else str(int(v))) + pct
            lo, hi = max(1, n // 2), max(2, n * 2)
            v = rng.randint(lo, hi)
            out = f"{v:,}".replace(",", " ") if (" " in whole or "\u00a0" in whole) else str(v)
            if frac:
                out += sep + "".join(rng.choice("0123456789") for _ in frac)
            return out

        return NUMBER.sub(repl, s)

    def sentence(self, lang: str) -> str:
        pool = self.pools[lang].sentences
        rng = self.rng
        s = rng.choice(pool)
        if rng.random() < 0.3:  # splice: the head of one sentence up to a comma, the tail of another after one
            other = rng.choice(pool)
            i, j = s.find(", "), other.rfind(", ")
            if 0 < i and 0 < j and j + 2 < len(other):
                s = s[:i] + other[j:]
        return self.vary_numbers(s)

    def paragraph(self, lang: str) -> str:
        return " ".join(self.sentence(lang) for _ in range(self.rng.randint(2, 7)))

    # --- layout ------------------------------------------------------------------------------

    def noise(self, word: str) -> str:
        """A Latin homoglyph in a Cyrillic word, now and then (as PDF extraction leaves them)."""
        if self.rng.random() < 0.004 and re.search("[а-яА-ЯёәіңғүұқөһӘІҢҒҮҰҚӨҺ]", word):
            idx = [i for i, c in enumerate(word) if c in self.homoglyphs]
            if idx:
                i = self.rng.choice(idx)
                return word[:i] + self.homoglyphs[word[i]] + word[i + 1:]
        return word

    def wrap(self, text: str, width: int = 90) -> str:
        """PDF-style lines: each line ends with `` \\n\\n``; some long words hyphenated across lines."""
        lines, line = [], ""
        for w in text.split():
            w = self.noise(w)
            if line and len(line) + 1 + len(w) > width:
                if len(w) >= 10 and w.isalpha() and self.rng.random() < 0.15:
                    k = self.rng.randint(3, len(w) - 3)
                    lines.append(line + " " + w[:k] + "-")
                    line = w[k:]
                    continue
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        if line:
            lines.append(line)
        return "".join(x + " \n\n" for x in lines)

    def table(self, lang: str) -> str | None:
        tables = self.pools.get(lang, Pool()).tables or [t for p in self.pools.values() for t in p.tables]
        if not tables:
            return None
        return self.vary_numbers(self.rng.choice(tables))

    def article(self, lang: str, words: int, abstracts: bool = True) -> str:
        rng = self.rng
        parts = [" " + rng.choice(self.pools[lang].titles) + " \n\n \n\n"]
        if abstracts:
            for al in ("kk", "ru", "en"):
                if al in self.pools and self.pools[al].sentences:
                    body = " ".join(self.sentence(al) for _ in range(rng.randint(3, 5)))
                    parts.append(self.wrap(f"{ABSTRACT_HEADER[al]}. {body}") + " \n\n")
                    kws = {w.lower() for w in WORD.findall(self.sentence(al)) if len(w) > 5}
                    parts.append(self.wrap(f"{KEYWORDS_HEADER[al]}: " + ", ".join(sorted(kws)[:6]) + ".") + " \n\n")
        n = sum(len(WORD.findall(p)) for p in parts)
        n_tables = 0
        while n < words:
            para = self.paragraph(lang)
            parts.append(self.wrap(para) + " \n\n")
            n += len(WORD.findall(para))
            if rng.random() < 0.12 and n_tables < 4:
                t = self.table(lang)
                if t:
                    n_tables += 1
                    parts.append(" \n\n" + t + " \n\n")
                    n += len(WORD.findall(t))
        if abstracts:
            refs = [f"{i}. " + " ".join(self.sentence(lang).split()[:8]).rstrip(",.") +
                    f". – {rng.choice(['Алматы', 'Астана', 'Москва'])}, {rng.randint(1995, 2024)}. – "
                    f"{rng.randint(80, 400)} б." for i in range(1, rng.randint(4, 9))]
            parts.append(self.wrap(REFERENCES_HEADER[lang]) + "".join(self.wrap(r) for r in refs))
        return "".join(parts)


def generate(out: Path, n: int, *, langs: tuple[str, ...] = ("kk", "ru"), words: int = 3000,
             seed: int = 0, abstracts: bool = True, corpus: Path = ROOT / "corpus") -> list[Path]:
    """Write ``n`` articles into ``out`` (``gen_00000_kk.txt`` ...) and return their paths."""
    pools = load_pools(corpus)
    langs = tuple(lang for lang in langs if lang in pools and pools[lang].sentences)
    if not langs:
        raise SystemExit("none of the requested languages has sentences in the samples")
    g = Generator(pools, seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        lang = langs[i % len(langs)]
        # article length varies around ``words`` as in a journal issue (0.5x .. 1.5x)
        text = g.article(lang, int(words * g.rng.uniform(0.5, 1.5)), abstracts=abstracts)
        p = out / f"gen_{i:05d}_{lang}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def count_words(text: str) -> int:
    """Words as the benchmark counts them (the same count for derek and its peers)."""
    return len(WORD.findall(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=100, help="articles to write (default 100)")
    ap.add_argument("-o", "--out", required=True, help="output folder")
    ap.add_argument("--langs", default="kk,ru", help="main languages, in turn (default kk,ru; en has few samples)")
    ap.add_argument("--words", type=int, default=3000, help="mean words per article (default 3000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-abstracts", action="store_true", help="body only: no abstracts, keywords, references")
    args = ap.parse_args(argv)
    paths = generate(Path(args.out), args.n, langs=tuple(args.langs.split(",")), words=args.words,
                     seed=args.seed, abstracts=not args.no_abstracts)
    total = sum(count_words(p.read_text(encoding="utf-8")) for p in paths)
    print(f"{len(paths)} articles, {total} words in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
