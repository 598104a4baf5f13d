"""Train nltk's Punkt (unsupervised) for Kazakh and Russian; write models/punkt_<lang>.json.

Data (read from ../shared/data when present; nothing of it is copied, only the
learned parameters: abbreviation types, collocations, sentence starters):
- kk: KazNERD validation tokens (CC BY 4.0, Yeshpanov et al. 2022), sentences re-joined as running text.
- ru: the `# text =` lines of UD Russian GSD and Taiga dev, tune half only (CC BY-SA 4.0).
Usage: python bench/train_punkt.py [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kk_text(data: Path) -> str:
    sents, cur = [], []
    for line in (data / "kaznerd" / "IOB2_valid.txt").open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append(" ".join(cur))
            cur = []
            continue
        tok = line.rsplit(" ", 1)[0]
        cur.append(tok)
    return "\n".join(s.replace(" .", ".").replace(" ,", ",") for s in sents)


def ru_text(data: Path) -> str:
    """The text of the UD Russian dev sentences of the tune half (``ud:<sent_id>``, bench/common.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from common import half

    out = []
    for f in sorted((data / "ud_ru").glob("*.conllu")):
        sid = None
        for line in f.open(encoding="utf-8"):
            if line.startswith("# sent_id = "):
                sid = line[len("# sent_id = "):].strip()
            elif line.startswith("# text = ") and sid is not None and half(f"ud:{sid}") == "tune":
                out.append(line[len("# text = "):].strip())
    return " ".join(out)


def train(text: str) -> dict:
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train(text, finalize=True)
    p = trainer.get_params()
    return {"abbrev_types": sorted(p.abbrev_types), "collocations": sorted(" ".join(c) for c in p.collocations),
            "sent_starters": sorted(p.sent_starters)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("DEREK_DATA") or ROOT.parent / "shared" / "data"))
    ap.add_argument("--kk", action="store_true", help="also train Kazakh (not shipped: see the comment)")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"skip: {args.data} absent (the development data is not shipped with derek)")
        return 0
    # Kazakh: Punkt trained on KazNERD (TV transcripts, one sentence per line) learns sentence-final
    # verbs (ашты, өсті) as abbreviations, so derek keeps hand rules for kk; `--kk` shows it.
    langs = [("ru", ru_text, "UD Russian GSD + Taiga dev text, tune half (CC BY-SA 4.0)")]
    if args.kk:
        langs.append(("kk", kk_text, "KazNERD validation (CC BY 4.0)"))
    for lang, fn, source in langs:
        text = fn(args.data)
        params = train(text)
        params["card"] = {"trained_on": source, "chars": len(text), "date": date.today().isoformat(),
                          "trainer": "nltk.tokenize.punkt.PunktTrainer (unsupervised)"}
        out = ROOT / "models" / f"punkt_{lang}.json"
        out.write_text(json.dumps(params, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"{lang}: {len(text)} chars -> {len(params['abbrev_types'])} abbreviations, "
              f"{len(params['sent_starters'])} sentence starters -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
