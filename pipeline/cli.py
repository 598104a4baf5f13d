"""The `derek` command line.

Exit codes: 0 success, 1 some sources failed (or nothing to do), 2 a usage error (one line on
stderr, no traceback). The output option is spelled ``-o/--out`` in every command; the older
spellings ``--dest``, ``--output`` and ``--save`` are still accepted (hidden from the help).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

OLD_OUT_SPELLINGS = ("--dest", "--output", "--save")


class UsageError(Exception):
    """A mistake in how derek was called: one line on stderr, exit 2."""


def _out_option(p: argparse.ArgumentParser, help: str, default=None) -> None:
    """``-o/--out`` and, hidden, the older spellings of the same option."""
    p.add_argument("-o", "--out", dest="out_path", metavar="OUT", default=default, help=help)
    for old in OLD_OUT_SPELLINGS:
        p.add_argument(old, dest="out_path", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    from pipeline import __version__

    ap = argparse.ArgumentParser(prog="derek", description="Facts from Kazakh and Russian political-science articles.")
    ap.add_argument("--version", action="version", version=f"derek {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process files or folders into the dataset (default: corpus/ into out/)")
    run.add_argument("paths", nargs="*",
                     help="files or folders (*.txt, *.pdf, *.docx, *.md, *.html found recursively); - reads one source from "
                          "standard input")
    _out_option(run, "output folder (default: out); a new or empty folder, or one derek wrote before", "out")
    run.add_argument("--workers", type=int, default=None, help="processes to use (default: all cores)")
    run.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="local: a process pool on this machine (default); dask: a Dask cluster "
                          "(--scheduler, or a local one)")
    run.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    run.add_argument("--lang", choices=["auto", "kk", "ru", "en"], default="auto",
                     help="language of the sources: auto (default) detects it per paragraph and sentence; "
                          "kk, ru or en reads every sentence in that language")
    run.add_argument("--resume", action="store_true", help="skip sources already complete in OUT")
    run.add_argument("--force", action="store_true",
                     help="write into a non-empty folder derek did not create (its other files are left alone)")
    run.add_argument("--follow-links", action="store_true",
                     help="read symbolic links under an input folder that lead outside it (default: skip them "
                          "with a warning row)")
    run.add_argument("--max-mb", type=int, default=64, help="refuse files larger than this (MB, default 64)")
    run.add_argument("--max-pages", type=int, default=2000, help="refuse PDFs with more pages (default 2000)")
    run.add_argument("--max-memory-mb", type=int, default=4096,
                     help="address space of one worker process (MB, default 4096; 0: no limit); a source that "
                          "needs more becomes an error row")
    run.add_argument("--timeout", type=int, default=900,
                     help="seconds one source may take before it becomes an error row (0: no limit)")
    run.add_argument("--only", default=None,
                     help="comma-separated extractors to run (claims,organisations,legal_acts,recommendations)")
    run.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    lem = sub.add_parser("lemmatize", help="fill LEMMA and UPOS of a CoNLL-U file")
    lem.add_argument("--lang", required=True, choices=["kk", "ru", "en"],
                     help="language of the sentences: kk (Kazakh), ru (Russian) or en (English)")
    lem.add_argument("-i", "--input", help="CoNLL-U file (default: standard input)")
    _out_option(lem, "CoNLL-U file to write (default: standard output)")
    lem.add_argument("--backend", choices=["derek", "stanza"], default="derek",
                     help="derek's analysers (default) or stanza with local models (extra)")
    lem.add_argument("--stanza-dir", default=None, help="folder of local stanza models (default: models/stanza)")

    rep = sub.add_parser("report", help="HTML review pages, one per source, in OUT/report/")
    rep.add_argument("out", nargs="?", default="out", help="output folder of `derek run` (default: out)")
    _out_option(rep, "where to write the pages (default: OUT/report)")
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
    sq.add_argument("--format", choices=["table", "csv", "json"], default="table",
                    help="table: aligned text (default); csv; json: one array of row objects")
    sq.add_argument("--read-only", action="store_true",
                    help="for SQL from someone else: queries only (no ATTACH, INSTALL, COPY ... TO), no file "
                         "outside OUT")
    _out_option(sq, "also write the tables into this DuckDB database file")

    en = sub.add_parser("entities", help="the registry: organisations and acts linked across sources and languages")
    en.add_argument("out", help="output folder of `derek run`")
    en.add_argument("--type", choices=["organisation", "legal_act"], default=None, help="only this type")
    en.add_argument("--limit", type=int, default=50, help="how many, most-mentioned first (0: all; default 50)")
    en.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format")

    cu = sub.add_parser("conllu", help="tokens of a document (or all) as CoNLL-U")
    cu.add_argument("out", help="output folder of `derek run`")
    cu.add_argument("--doc", action="append", default=None, help="document id (repeatable; default: every document)")
    cu.add_argument("--source", default=None, help="only the documents of this source id")
    _out_option(cu, "CoNLL-U file to write (default: standard output)")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code not in (0, None) else 0
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # here, not at exit: a reader gone away is reported like any closed pipe
        return code
    except UsageError as e:
        print(f"derek: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _closed_pipe()
    except KeyboardInterrupt:  # Ctrl-C in a command other than run (run stops its pool itself)
        print("derek: interrupted", file=sys.stderr)
        return 130
    except OSError as e:  # a path that cannot be written or read (-o naming a file where a folder goes, ...)
        where = f" ({e.filename})" if getattr(e, "filename", None) else ""
        print(f"derek: error: {e.strerror or e}{where}", file=sys.stderr)
        return 1 if args.command == "run" else 2  # run: the machine failed, not the call


def _closed_pipe() -> int:
    """The reader of derek's output went away (``derek sql ... | head``): one line, exit 2, and no
    second error when Python flushes standard output at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    print("derek: error: the output was closed before everything was written (a closed pipe)", file=sys.stderr)
    return 2


def _dispatch(args) -> int:
    if args.command == "run":
        return _run(args)
    if args.command == "lemmatize":
        from pipeline.lemmatize import main as lemmatize_main
        if args.input and not Path(args.input).is_file():
            raise UsageError(f"--input {args.input}: no such file")
        if args.backend == "stanza":
            from pipeline.morph.stanza_backend import BackendError, check
            try:
                check(args.lang, args.stanza_dir)
            except BackendError as e:
                raise UsageError(str(e)) from None
        return lemmatize_main(args.lang, args.input, args.out_path, backend=args.backend, stanza_dir=args.stanza_dir)
    if args.command == "report":
        from pipeline.report import main as report_main
        return report_main(args.out, dest=args.out_path, sources=args.source)
    if args.command == "evaluate":
        from pipeline.evaluate import main as evaluate_main
        return evaluate_main(gold=args.gold, pred=args.pred, as_json=args.json, match=args.match,
                             verdicts=args.verdicts, facts=args.facts, to_gold_path=args.to_gold,
                             unreviewed=args.unreviewed)
    if args.command == "sql":
        if args.read_only:
            return _sql_read_only(args)
        from pipeline.dataset import main_sql
        return main_sql(args.out, args.query, fmt=args.format, save=args.out_path)
    if args.command == "entities":
        import pandas as pd

        from pipeline.link import list_entities
        try:
            rows = list_entities(Path(args.out), type=args.type, limit=args.limit or None)
        except FileNotFoundError as e:
            raise UsageError(str(e)) from None
        _print_frame(pd.DataFrame(rows), args.format)
        return 0
    if args.command == "conllu":
        from pipeline.interop import main as conllu_main
        return conllu_main(args.out, docs=args.doc, source=args.source, output=args.out_path)
    return 2


def _sql_read_only(args) -> int:
    from pipeline.dataset import DatasetError, main_sql
    from pipeline.sqlsafe import ReadOnlyRefused, check_statements

    if args.out_path:
        raise UsageError("--read-only writes nothing: -o/--out cannot be used with it")
    if not args.query:
        return main_sql(args.out, None, fmt=args.format)  # lists the tables
    try:
        check_statements(args.query)
        from pipeline.sqlsafe import sql_read_only

        df = sql_read_only(args.out, args.query)
    except (ReadOnlyRefused, DatasetError) as e:
        print(f"derek: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # duckdb.Error: the user's SQL, or a refused file
        print(f"derek: E307 the query failed: {' '.join(str(e).split())[:300]}", file=sys.stderr)
        return 2
    _print_frame(df, args.format)
    return 0


def _print_frame(df, fmt: str, max_rows: int = 200) -> None:
    """A query's result on standard output, as `derek sql` prints it."""
    from pipeline.dataset import print_frame

    print_frame(df, fmt, max_rows)


def _stdin_source(folder: Path) -> Path:
    """Standard input saved as one source file in ``folder``; its format told from its first bytes."""
    data = sys.stdin.buffer.read()
    ext = ".pdf" if data[:1024].lstrip().startswith(b"%PDF") else ".docx" if data.startswith(b"PK\x03\x04") else ".txt"
    p = folder / f"stdin{ext}"
    p.write_bytes(data)
    return p


def _run(args) -> int:
    import tempfile

    from pipeline.run import Interrupted, OutputBusy, OutputRefused, RunConfig, discover, run

    paths = args.paths or ["corpus"]
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if paths.count("-") > 1:
        raise UsageError("- (standard input) can be given once")
    out = Path(args.out_path)
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out} is a file, not a folder; give a folder for the output")
    extractors = RunConfig().extractors
    if args.only:
        extractors = tuple(x.strip() for x in args.only.split(",") if x.strip())
        bad = set(extractors) - set(RunConfig().extractors)
        if bad:
            raise UsageError(f"unknown extractor(s): {', '.join(sorted(bad))}")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.max_memory_mb < 0 or (0 < args.max_memory_mb < 1024):
        raise UsageError("--max-memory-mb must be 0 (no limit) or at least 1024: a worker's models alone take "
                         "most of 1 GB of address space")
    config = RunConfig(extractors=extractors, max_mb=args.max_mb, max_pages=args.max_pages, timeout=args.timeout,
                       lang=args.lang, max_memory_mb=args.max_memory_mb)
    with tempfile.TemporaryDirectory(prefix="derek-stdin-") as tmp:
        if "-" in paths:
            paths = [str(_stdin_source(Path(tmp))) if p == "-" else p for p in paths]
        if next(iter(discover(paths, follow_links=args.follow_links, exclude=[out])), None) is None:
            print(f"derek: warning: no *.txt, *.pdf, *.docx, *.md or *.html file in {', '.join(paths)}; nothing to do",
                  file=sys.stderr)
            return 1
        try:
            result = run(paths, str(out), config=config, workers=args.workers, engine=args.engine,
                         scheduler=args.scheduler, resume=args.resume, progress=None if not args.quiet else False,
                         force=args.force, follow_links=args.follow_links)
        except (OutputBusy, OutputRefused) as e:
            raise UsageError(str(e)) from None
        except Interrupted as e:
            print(f"derek: stopped by signal {e.signum}; the sources finished so far are kept in {out}/ "
                  "(run again with --resume to finish)", file=sys.stderr)
            return 128 + e.signum
    if not args.quiet:
        skipped = result.n_resumed + result.n_skipped
        why = []
        if result.n_resumed:
            why.append(f"{result.n_resumed} unchanged since the last run")
        if result.n_skipped:
            why.append(f"{result.n_skipped} link(s) outside the input")
        print(f"derek: {result.n_written} written, {skipped} skipped{' (' + ', '.join(why) + ')' if why else ''}, "
              f"{result.n_errors} failed; output in {out}/", file=sys.stderr)
        for e in result.entries:
            if e["status"] != "ok":
                print(f"  {e['path']}: [{e['error']}] {e['message']}", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
