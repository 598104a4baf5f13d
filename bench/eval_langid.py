"""Sentence language identification against labelled text in /work/shared/data.

    python bench/langid_eval.py [--limit N]

Every sentence of UD Russian GSD and Taiga dev (ru), KazNERD validation and UD
Kazakh-KTB (kk) goes through ``pipeline.langid.detect_language`` twice: as shipped, and
with the function-word shortcut off (every Cyrillic sentence without a Kazakh letter
asks lingua). Prints accuracy per corpus, the share of sentences that reached lingua,
and CPU time, for both, twice each in alternation (the first pass also loads lingua).
Prints "skip: data absent" without the data.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = Path("/work/shared/data")


def conllu_sentences(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            yield line[9:].strip()


def iob_sentences(path: Path):
    cur = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if cur:
                yield " ".join(cur)
            cur = []
        else:
            cur.append(line.split()[0])
    if cur:
        yield " ".join(cur)


def corpora():
    return [
        ("UD ru GSD dev", "ru", lambda: conllu_sentences(DATA / "ud_ru/ru_gsd-ud-dev.conllu")),
        ("UD ru Taiga dev", "ru", lambda: conllu_sentences(DATA / "ud_ru/ru_taiga-ud-dev.conllu")),
        ("KazNERD valid", "kk", lambda: iob_sentences(DATA / "kaznerd/IOB2_valid.txt")),
        ("UD kk KTB train", "kk", lambda: conllu_sentences(DATA / "ud_kk_ktb/kk_ktb-ud-train.conllu")),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="sentences per corpus (0: all)")
    args = ap.parse_args()
    if not (DATA / "ud_ru").exists():
        print("skip: data absent", DATA)
        return 0
    from pipeline import langid

    shortcut = langid._russian_by_words
    calls = [0]
    real_lingua = langid._lingua

    def counting(text, allowed):
        calls[0] += 1
        return real_lingua(text, allowed)

    langid._lingua = counting
    print(f"{'corpus':18} {'mode':10} {'sentences':>9} {'accuracy':>9} {'to lingua':>9} {'CPU s':>7}")
    for name, gold, read in corpora():
        sents = list(read())
        if args.limit:
            sents = sents[: args.limit]
        langid.detect_language("прогрев")
        for mode in ("no-shortcut", "shipped", "no-shortcut", "shipped"):
            langid._russian_by_words = shortcut if mode == "shipped" else (lambda text: False)
            calls[0] = 0
            t = time.process_time()
            ok = sum(langid.detect_language(s) == gold for s in sents)
            dt = time.process_time() - t
            print(f"{name:18} {mode:10} {len(sents):9d} {ok / len(sents):9.4f} {calls[0] / len(sents):9.3f} {dt:7.2f}")
    langid._russian_by_words = shortcut
    langid._lingua = real_lingua
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
