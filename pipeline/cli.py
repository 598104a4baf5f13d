"""The `derek` command line."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="derek", description="Facts from Kazakh and Russian political-science articles.")
    sub = ap.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process files or folders into the dataset (default: corpus/ into out/)")
    run.add_argument("paths", nargs="*", help="files or folders (*.txt, *.pdf, *.docx found recursively)")
    run.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    run.add_argument("--workers", type=int, default=None, help="processes to use (default: all cores)")
    run.add_argument("--engine", choices=["local", "dask"], default="local")
    run.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    run.add_argument("--resume", action="store_true", help="skip sources already complete in OUT")
    run.add_argument("--max-mb", type=int, default=64, help="refuse files larger than this (MB)")
    run.add_argument("--max-pages", type=int, default=2000, help="refuse PDFs with more pages")
    run.add_argument("--only", default=None,
                     help="comma-separated extractors to run (claims,organisations,legal_acts,recommendations)")
    run.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    lem = sub.add_parser("lemmatize", help="fill LEMMA and UPOS of a CoNLL-U file")
    lem.add_argument("--lang", required=True, choices=["kk", "ru", "en"])
    lem.add_argument("--input", help="CoNLL-U file (default: stdin)")
    lem.add_argument("--output", help="CoNLL-U file (default: stdout)")
    lem.add_argument("--backend", choices=["derek", "stanza"], default="derek",
                     help="derek's analysers (default) or stanza with local models (extra)")
    lem.add_argument("--stanza-dir", default=None, help="folder of local stanza models (default: models/stanza)")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code not in (0, None) else 0
    if args.command == "run":
        return _run(args)
    if args.command == "lemmatize":
        from pipeline.lemmatize import main as lemmatize_main
        if args.backend == "stanza":
            from pipeline.morph.stanza_backend import BackendError, check
            try:
                check(args.lang, args.stanza_dir)
            except BackendError as e:
                print(f"derek: error: {e}", file=sys.stderr)
                return 2
        return lemmatize_main(args.lang, args.input, args.output, backend=args.backend, stanza_dir=args.stanza_dir)
    return 2


def _run(args) -> int:
    from pathlib import Path

    from pipeline.run import RunConfig, run

    paths = args.paths or ["corpus"]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"derek: error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    extractors = RunConfig().extractors
    if args.only:
        extractors = tuple(x.strip() for x in args.only.split(",") if x.strip())
        bad = set(extractors) - set(RunConfig().extractors)
        if bad:
            print(f"derek: error: unknown extractor(s): {', '.join(sorted(bad))}", file=sys.stderr)
            return 2
    if args.workers is not None and args.workers < 1:
        print("derek: error: --workers must be at least 1", file=sys.stderr)
        return 2
    config = RunConfig(extractors=extractors, max_mb=args.max_mb, max_pages=args.max_pages)
    result = run(paths, args.out, config=config, workers=args.workers, engine=args.engine,
                 scheduler=args.scheduler, resume=args.resume, progress=None if not args.quiet else False)
    if not args.quiet:
        ok = len(result.entries) - result.n_errors
        print(f"derek: {ok} source(s) written to {args.out}/, {result.n_errors} error(s)", file=sys.stderr)
        for e in result.entries:
            if e["status"] != "ok":
                print(f"  {e['path']}: [{e['error']}] {e['message']}", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
