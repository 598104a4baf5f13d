"""Throughput of derek's analyser vs pymorphy3's bare MorphAnalyzer().parse() on the same tokens.

Usage: python bench/lemma_speed.py [--lang ru|kk] [--repeat 5] [--max-sentences 3000]

Tokens come from the UD dev files in ../shared/data (ud_ru/ or ud_kk/) when they
exist, else from the repo's corpus/*.txt split on whitespace (sentences = lines).
Both sides are warmed up once (model loading excluded), then timed `--repeat`
times in the same run; median, min and max tokens/second are reported. Caches are
cleared before each timed repeat so the figures are cold-cache per repeat as well
as warm-process (the second line) for derek.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data"


def load_sentences(lang: str, limit: int) -> tuple[list[list[str]], str]:
    from pipeline.conllu import read_conllu

    ud = sorted((SHARED / f"ud_{lang}").glob("*.conllu")) if (SHARED / f"ud_{lang}").is_dir() else []
    sents: list[list[str]] = []
    if ud:
        for f in ud:
            with f.open(encoding="utf-8") as fh:
                sents.extend([r[1] for r in s.word_rows()] for s in read_conllu(fh))
        src = ", ".join(f.name for f in ud)
    else:
        for f in sorted((ROOT / "corpus").glob("*.txt")):
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                toks = line.split()
                if toks:
                    sents.append(toks)
        src = "corpus/*.txt (whitespace split)"
    return sents[:limit], src


def clear_caches(mod) -> None:
    for name in ("_candidates", "_parses"):
        fn = getattr(mod, name, None)
        if fn is not None and hasattr(fn, "cache_clear"):
            fn.cache_clear()
    for name in ("_LEMMA_CACHE", "_TAG_CACHE"):
        d = getattr(mod, name, None)
        if isinstance(d, dict):
            d.clear()


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def report(name: str, n_tokens: int, secs: list[float]) -> None:
    rates = sorted(n_tokens / s for s in secs)
    print(f"{name:<38} median {statistics.median(rates):>10,.0f} tok/s   "
          f"min {rates[0]:>10,.0f}   max {rates[-1]:>10,.0f}   (n={len(rates)})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="ru", choices=["ru", "kk"])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--max-sentences", type=int, default=3000)
    args = ap.parse_args()

    import importlib

    mod = importlib.import_module(f"pipeline.morph.{args.lang}")
    sents, src = load_sentences(args.lang, args.max_sentences)
    tokens = [w for s in sents for w in s]
    n = len(tokens)
    print(f"lang={args.lang} sentences={len(sents)} tokens={n} from {src}")

    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()  # Russian dictionaries (the only ones installed)

    def run_pymorphy():
        parse = morph.parse
        for w in tokens:
            parse(w)

    analyze = mod.analyze
    analyze_many = getattr(mod, "analyze_many", None)

    def run_analyze():
        for s in sents:
            analyze(s)

    def run_many():
        analyze_many(sents)

    # warm-up: loads models, fills nothing we time below (caches cleared per repeat)
    run_pymorphy()
    analyze(sents[0] if sents else ["слово"])

    def cold(fn):
        def go():
            clear_caches(mod)
            fn()
        return go

    report("pymorphy3 MorphAnalyzer().parse", n, timed(run_pymorphy, args.repeat))
    report(f"{args.lang}.analyze per sentence (cold cache)", n, timed(cold(run_analyze), args.repeat))
    report(f"{args.lang}.analyze per sentence (warm)", n, timed(run_analyze, args.repeat))
    if analyze_many is not None:
        report(f"{args.lang}.analyze_many (cold cache)", n, timed(cold(run_many), args.repeat))
        report(f"{args.lang}.analyze_many (warm)", n, timed(run_many, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
