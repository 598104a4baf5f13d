"""The `derek` command line."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="derek", description="Facts from Kazakh and Russian political-science articles.")
    sub = ap.add_subparsers(dest="command", required=True)

    lem = sub.add_parser("lemmatize", help="fill LEMMA and UPOS of a CoNLL-U file")
    lem.add_argument("--lang", required=True, choices=["kk", "ru", "en"])
    lem.add_argument("--input", help="CoNLL-U file (default: stdin)")
    lem.add_argument("--output", help="CoNLL-U file (default: stdout)")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code not in (0, None) else 0
    if args.command == "lemmatize":
        from pipeline.lemmatize import main as lemmatize_main
        return lemmatize_main(args.lang, args.input, args.output)
    return 2


if __name__ == "__main__":
    sys.exit(main())
