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
    run.add_argument("--timeout", type=int, default=900,
                     help="seconds one source may take before it becomes an error row (0: no limit)")
    run.add_argument("--only", default=None,
                     help="comma-separated extractors to run (claims,organisations,legal_acts,recommendations)")
    run.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    lem = sub.add_parser("lemmatize", help="fill LEMMA and UPOS of a CoNLL-U file")
    lem.add_argument("--lang", required=True, choices=["kk", "ru", "en"])
    lem.add_argument("--input", help="CoNLL-U file (default: stdin)")
    lem.add_argument("--output", help="CoNLL-U file (default: stdout)")

    rep = sub.add_parser("report", help="HTML review pages, one per source, in OUT/report/")
    rep.add_argument("out", nargs="?", default="out", help="output folder of `derek run` (default: out)")
    rep.add_argument("--dest", default=None, help="where to write the pages (default: OUT/report)")
    rep.add_argument("--source", action="append", default=None, help="only this source id (repeatable)")

    ev = sub.add_parser("evaluate", help="precision/recall/F1 against a gold facts file; verdicts to gold")
    ev.add_argument("pred", nargs="?", help="predicted facts: a facts JSON, a folder of them, or an OUT folder")
    ev.add_argument("--gold", help="gold facts (same formats as PRED)")
    ev.add_argument("--match", choices=["overlap", "exact"], default="overlap", help="how spans pair (default: overlap)")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--verdicts", help="a verdicts file downloaded from a review page")
    ev.add_argument("--facts", help="the facts the verdicts judge (a facts JSON or an OUT folder)")
    ev.add_argument("--to-gold", dest="to_gold", help="write the gold file made from --verdicts here")
    ev.add_argument("--unreviewed", choices=["keep", "drop"], default="keep",
                    help="facts without a verdict: keep them in the gold file or drop them (default: keep)")

    sq = sub.add_parser("sql", help="SQL (DuckDB) over the tables of an output folder")
    sq.add_argument("out", help="output folder of `derek run`")
    sq.add_argument("query", nargs="?", help='e.g. "SELECT unit, count(*) FROM numeric_claims GROUP BY 1"')
    sq.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sq.add_argument("--save", default=None, help="also write the tables into this DuckDB database file")

    cu = sub.add_parser("conllu", help="tokens of a document (or all) as CoNLL-U")
    cu.add_argument("out", help="output folder of `derek run`")
    cu.add_argument("--doc", action="append", default=None, help="document id (repeatable; default: every document)")
    cu.add_argument("--source", default=None, help="only the documents of this source id")
    cu.add_argument("--output", default=None, help="CoNLL-U file (default: stdout)")
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
    if args.command == "report":
        from pipeline.report import main as report_main
        return report_main(args.out, dest=args.dest, sources=args.source)
    if args.command == "evaluate":
        from pipeline.evaluate import main as evaluate_main
        return evaluate_main(gold=args.gold, pred=args.pred, as_json=args.json, match=args.match,
                             verdicts=args.verdicts, facts=args.facts, to_gold_path=args.to_gold,
                             unreviewed=args.unreviewed)
    if args.command == "sql":
        from pipeline.dataset import main_sql
        return main_sql(args.out, args.query, fmt=args.format, save=args.save)
    if args.command == "conllu":
        from pipeline.interop import main as conllu_main
        return conllu_main(args.out, docs=args.doc, source=args.source, output=args.output)
    return 2


def _run(args) -> int:
    from pathlib import Path

    from pipeline.run import OutputBusy, RunConfig, run

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
    config = RunConfig(extractors=extractors, max_mb=args.max_mb, max_pages=args.max_pages, timeout=args.timeout)
    try:
        result = run(paths, args.out, config=config, workers=args.workers, engine=args.engine,
                     scheduler=args.scheduler, resume=args.resume, progress=None if not args.quiet else False)
    except OutputBusy as e:
        print(f"derek: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        ok = len(result.entries) - result.n_errors
        print(f"derek: {ok} source(s) written to {args.out}/, {result.n_errors} error(s)", file=sys.stderr)
        for e in result.entries:
            if e["status"] != "ok":
                print(f"  {e['path']}: [{e['error']}] {e['message']}", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
