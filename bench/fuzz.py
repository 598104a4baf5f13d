"""Fuzz the ingest and the segmentation for a bounded time; see bench/FUZZING.md for what it found.

    python bench/fuzz.py                      # every target, 60 s each, atheris when installed
    python bench/fuzz.py --seconds 600 decode segment
    python bench/fuzz.py --engine hypothesis  # no atheris: random inputs from hypothesis at scale
    python bench/fuzz.py scaling              # super-linear time on long repetitive inputs

Targets (each a function of bytes that must return or raise IngestError; anything else is a finding):

- ``decode``  ``decode_text`` + ``clean_text`` on any bytes;
- ``pdf``     ``pdf_text`` on mutations of small real PDFs (limits: 20 s, 64 MB unpacked);
- ``docx``    ``docx_text`` on mutations of a small real DOCX;
- ``segment`` ``segment`` + ``split_sentences`` + ``tokenize`` on any text, every span checked;
- ``process`` the whole ``process`` (every extractor present), every record's span checked;
- ``scaling`` (not atheris) time of segment+tokens on 20 k vs 160 k characters of a repeated
  random unit: linear code takes ~8x, a ratio over 24 is reported as quadratic.

libFuzzer runs each atheris target in its own process (``-max_total_time``, ``-rss_limit_mb=2048``,
``-timeout``: one input taking longer is a finding). Crashing inputs land in
``bench/out/fuzz/crashes/``; the grown corpus in ``bench/out/fuzz/corpus/<target>/``.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "fuzz"
ATHERIS_TARGETS = ("decode", "pdf", "docx", "segment", "process")
ALL = ATHERIS_TARGETS + ("scaling",)


# --- the checks every target applies -----------------------------------------------------------


def check_spans(obj, source: str) -> None:
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        obj = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            s, e = obj["start"], obj["end"]
            if not 0 <= s <= e <= len(source):
                raise AssertionError(f"span {s}:{e} outside 0:{len(source)}")
            if isinstance(obj.get("text"), str) and source[s:e] != obj["text"]:
                raise AssertionError(f"source[{s}:{e}] = {source[s:e]!r} != text {obj['text']!r}")
        for v in obj.values():
            if isinstance(v, (dict, list, tuple)) or dataclasses.is_dataclass(v):
                check_spans(v, source)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            check_spans(v, source)


def run_decode(data: bytes) -> None:
    from pipeline.ingest import IngestError, clean_text, decode_text

    try:
        text, enc = decode_text(data)
    except IngestError:
        return
    t = clean_text(text)
    assert isinstance(enc, str) and clean_text(t) == t


def run_pdf(data: bytes) -> None:
    from pipeline.ingest import IngestError, Limits, pdf_text

    try:
        text, pages = pdf_text(data, limits=Limits(max_seconds=20, max_pdf_inflated=64 * 2**20, max_pages=50))
    except IngestError:
        return
    assert all(0 <= p <= len(text) for p in pages)


_DOCX_TEMPLATE: dict[str, bytes] = {}


def _docx_with(document_xml: bytes) -> bytes:
    """A real DOCX whose word/document.xml is ``document_xml`` (structure-aware mutations)."""
    import zipfile

    if not _DOCX_TEMPLATE:
        import docx

        buf = io.BytesIO()
        docx.Document().save(buf)
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
            _DOCX_TEMPLATE.update({n: z.read(n) for n in z.namelist()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in _DOCX_TEMPLATE.items():
            z.writestr(name, document_xml if name == "word/document.xml" else blob)
    return out.getvalue()


def run_docx(data: bytes) -> None:
    """Odd first byte: the rest is word/document.xml inside a valid package; even: the whole file."""
    from pipeline.ingest import IngestError, Limits, docx_text

    if data[:1] and data[0] % 2:
        data = _docx_with(data[1:])
    try:
        docx_text(data, limits=Limits(max_unzipped_bytes=64 * 2**20))
    except IngestError:
        return


def text_of(data: bytes) -> str:
    """Bytes to any text: UTF-8 where valid, the rest as code points (lone surrogates included)."""
    if not data:
        return ""
    mode = data[0] % 3
    body = data[1:]
    if mode == 0:
        return body.decode("utf-8", "surrogateescape")
    if mode == 1:
        return body.decode("utf-16-le", "surrogatepass") if len(body) % 2 == 0 else body.decode("cp1251", "replace")
    return body.decode("koi8-r")


def run_segment(data: bytes) -> None:
    from pipeline.ingest import clean_text
    from pipeline.morph.tokenize import tokenize
    from pipeline.segment import segment, split_sentences

    raw = text_of(data)
    for text in (raw, clean_text(raw)):
        view, documents, paragraphs = segment(text, source_id="f")
        if len(view.src) != len(view.text) + 1 or any(a > b for a, b in zip(view.src, view.src[1:])):
            raise AssertionError("view offsets are not monotone")
        check_spans(documents, text)
        check_spans(paragraphs, text)
        sentences = split_sentences(view, text, documents, paragraphs)
        check_spans(sentences, text)
        for s in sentences:
            for a, b in tokenize(view.text[s.vstart:s.vend], s.lang):
                x, y = view.to_source(s.vstart + a, s.vstart + b)
                if not s.start <= x <= y <= s.end:
                    raise AssertionError("token outside its sentence")


def run_process(data: bytes) -> None:
    import warnings

    from pipeline.analyze import process
    from pipeline.export import facts, rows

    text = text_of(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = process(text, source_id="f")
    for part in (a.documents, a.sentences, a.tokens, a.tables, a.claims, a.organisations, a.legal_acts,
                 a.recommendations, rows(a)):
        check_spans(part, a.source.text)
    json.dumps(facts(a), ensure_ascii=False)


RUNNERS = {"decode": run_decode, "pdf": run_pdf, "docx": run_docx, "segment": run_segment, "process": run_process}


# --- seeds ---------------------------------------------------------------------------------------


def seeds(target: str, folder: Path) -> Path:
    """Small valid (and invalid) inputs to start from: the bad-input set and pieces of the sample."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return folder
    sys.path.insert(0, str(ROOT / "tests" / "badinput"))
    import make_badinput as mb

    with tempfile.TemporaryDirectory() as tmp:
        mb.make(Path(tmp))
        for p in Path(tmp).rglob("*"):
            if p.is_symlink() or not p.is_file() or p.stat().st_size > 200_000:
                continue
            ext = p.suffix.lower()
            if (target == "pdf") == (ext == ".pdf") and (target == "docx") == (ext == ".docx"):
                (folder / p.name.encode("utf-8").hex()[:40]).write_bytes(p.read_bytes())
    if target == "docx":
        import docx

        d = docx.Document()
        d.add_paragraph("Қазақстан Республикасында 2017 жылы 30 057 өтініш.")
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text = "Жыл"
        t.cell(1, 1).text = "1435"
        buf = io.BytesIO()
        d.save(buf)
        import zipfile

        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
            (folder / "document_xml").write_bytes(b"\x01" + z.read("word/document.xml"))
    if target in ("segment", "process", "decode"):
        sample = (ROOT / "corpus" / "000_c56d3abc32b6f588.txt").read_text(encoding="utf-8")
        for i in range(0, len(sample), 1500):
            (folder / f"sample{i}").write_bytes(b"\0" + sample[i:i + 1500].encode("utf-8"))
    return folder


# --- engines --------------------------------------------------------------------------------------


def atheris_worker(target: str, libfuzzer_args: list[str]) -> None:
    """Runs inside the child: instrument derek, then hand the process to libFuzzer."""
    import atheris

    with atheris.instrument_imports(include=["pipeline"]):
        import pipeline.analyze  # noqa: F401
        import pipeline.export  # noqa: F401
        import pipeline.ingest  # noqa: F401
        import pipeline.morph.tokenize  # noqa: F401
        import pipeline.segment  # noqa: F401
    fn = RUNNERS[target]
    fn(b"\0warm-up")  # load models outside the timed inputs
    atheris.Setup([sys.argv[0]] + libfuzzer_args, fn)
    atheris.Fuzz()


def run_atheris(target: str, seconds: int, timeout: int) -> dict:
    corpus = seeds(target, OUT / "corpus" / target)
    crashes = OUT / "crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    max_len = {"pdf": 65536, "docx": 65536, "process": 8192}.get(target, 65536)
    args = [f"-max_total_time={seconds}", f"-timeout={timeout}", "-rss_limit_mb=2048", f"-max_len={max_len}",
            f"-artifact_prefix={crashes}/{target}-", "-print_final_stats=1", str(corpus)]
    t0 = time.time()
    r = subprocess.run([sys.executable, __file__, "--worker", target, "--", *args], capture_output=True, text=True,
                       cwd=ROOT, timeout=seconds + 600)
    log = OUT / f"{target}.log"
    log.write_text(r.stdout + r.stderr, encoding="utf-8")
    stats = dict(re.findall(r"stat::(\w+):\s*(\d+)", r.stderr))
    cov = re.findall(r"cov: (\d+)", r.stderr)
    finding = None
    if r.returncode != 0:
        m = re.search(r"=== Uncaught Python exception: ===\n(.*?)(?:\n==\d+==|\Z)", r.stderr, re.S)
        kind = "timeout" if "ERROR: libFuzzer: timeout" in r.stderr else \
            "out of memory" if "out-of-memory" in r.stderr else "exception"
        artifact = re.findall(r"Test unit written to (\S+)", r.stderr)
        finding = {"kind": kind, "detail": (m.group(1).strip()[-1500:] if m else r.stderr[-1500:]),
                   "input": artifact[-1] if artifact else None}
    return {"target": target, "engine": "atheris", "seconds": round(time.time() - t0, 1),
            "runs": int(stats.get("number_of_executed_units", 0)), "coverage": int(cov[-1]) if cov else None,
            "peak_rss_mb": int(stats.get("peak_rss_mb", 0)), "corpus": len(list(corpus.iterdir())),
            "finding": finding}


def run_hypothesis(target: str, seconds: int, timeout: int) -> dict:
    """Random inputs from hypothesis until the time is up (no coverage guidance)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    fn = RUNNERS[target]
    corpus = [p.read_bytes() for p in seeds(target, OUT / "corpus" / target).iterdir() if p.is_file()]
    deadline = time.time() + seconds
    count = [0]
    slow = []
    strat = st.one_of(st.binary(max_size=4096),
                      st.builds(lambda s, i, j, b: s[:i] + b + s[i + j:], st.sampled_from(corpus) if corpus else
                                st.just(b""), st.integers(0, 4096), st.integers(0, 64), st.binary(max_size=64)))

    class _TimeUp(BaseException):  # not an Exception: hypothesis lets it through instead of shrinking it
        pass

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strat)
    def prop(data):
        if time.time() > deadline:
            raise _TimeUp()  # returning would leave hypothesis drawing up to max_examples cheap examples
        t = time.time()
        fn(data)
        took = time.time() - t
        if took > timeout:
            slow.append((took, data[:200]))
        count[0] += 1

    finding = None
    t0 = time.time()
    try:
        while time.time() < deadline:
            prop()
    except _TimeUp:
        pass
    except Exception as e:  # hypothesis re-raises the shrunk failure
        finding = {"kind": "exception", "detail": f"{type(e).__name__}: {e}"[-1500:], "input": None}
    if slow and not finding:
        finding = {"kind": "timeout", "detail": f"{len(slow)} inputs over {timeout} s", "input": repr(slow[0][1])}
    return {"target": target, "engine": "hypothesis", "seconds": round(time.time() - t0, 1), "runs": count[0],
            "coverage": None, "peak_rss_mb": None, "corpus": len(corpus), "finding": finding}


# --- scaling --------------------------------------------------------------------------------------

UNITS = ["а", "а.", ". ", "1", "1 ", "1.", "-\n", "\n", "\n\n", " \n", "а\n", "Ә\n\n", "x@", "a.", "[1", "[1]",
         "www.", "http://", "«", "%", "1-", "-", "аа-", "АА", "ҚАЗАҚ ", "1 – кесте\n", "Ескерту\n", "\u0301",
         "cа", "ж.", "т.б. ", "2017 4197\n", "    12\n", "•\n", "a" * 50 + " ", "@", "a-", "\t", "\u00a0"]


_SCALING_STAGES = ("segment", "tokens")


class _TooSlow(BaseException):  # not Exception: extractors catch those
    pass


def _time_once(text: str, limit: int = 0) -> float:
    """Seconds ``process`` takes on ``text``; ``inf`` when it passes ``limit`` (SIGALRM stops it)."""
    import signal

    from pipeline.analyze import process

    def stop(signum, frame):
        raise _TooSlow

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(limit)
    t = time.perf_counter()
    try:
        process(text, stages=_SCALING_STAGES)
    except _TooSlow:
        return float("inf")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return time.perf_counter() - t


def run_scaling(seconds: int, timeout: int, small: int = 10_000, factor: int = 8) -> dict:
    """Repeat random units to ``small`` and ``small * factor`` characters; a time ratio far above
    ``factor`` is super-linear behaviour."""
    import warnings

    warnings.simplefilter("ignore")
    rng = random.Random(0)
    deadline = time.time() + seconds
    worst = []
    runs = 0
    t0 = time.time()
    candidates = [[u] for u in UNITS]
    for lang_text in ("Мәтін. Текст бар.", "Текст. Это текст.", "The text. A text."):
        _time_once(lang_text * 3)  # load every backend's models before timing
    while time.time() < deadline:
        parts = candidates.pop(0) if candidates else rng.choices(UNITS, k=rng.randint(1, 4))
        unit = "".join(parts)
        a = (unit * (small // len(unit) + 1))[:small]
        b = (unit * (small * factor // len(unit) + 1))[:small * factor]
        ta = max(_time_once(a, timeout), 1e-3)
        tb = _time_once(b, timeout) if ta < timeout else float("inf")
        runs += 1
        worst.append((tb / ta, tb, unit))
    worst.sort(key=lambda w: (w[1] == float("inf"), w[0]), reverse=True)
    bad = [w for w in worst if w[1] == float("inf") or (w[0] > 3 * factor and w[1] > 1.0)]
    finding = None
    if bad:
        finding = {"kind": "super-linear", "detail": "; ".join(
            f"{u!r}: x{r:.0f} ({t:.1f} s at {small * factor} chars)" if t < float("inf")
            else f"{u!r}: over {timeout} s at {small * factor} chars" for r, t, u in bad[:8]), "input": None}
    return {"target": "scaling", "engine": "timing", "seconds": round(time.time() - t0, 1), "runs": runs,
            "coverage": None, "peak_rss_mb": None, "corpus": None, "finding": finding,
            "worst": [(round(r, 1), round(t, 2), u) for r, t, u in worst[:8]]}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--worker"]:
        atheris_worker(argv[1], argv[3:] if argv[2:3] == ["--"] else argv[2:])
        return 0
    ap = argparse.ArgumentParser(description="Fuzz derek's ingest and segmentation for a bounded time.")
    ap.add_argument("targets", nargs="*", metavar="TARGET", help=f"some of {', '.join(ALL)} (default: all)")
    ap.add_argument("--seconds", type=int, default=60, help="time per target (default 60)")
    ap.add_argument("--timeout", type=int, default=20, help="one input taking longer is a finding (default 20 s)")
    ap.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    ap.add_argument("--extractors", action="store_true", help="scaling: time the extractors too")
    args = ap.parse_args(argv)
    if args.extractors:
        global _SCALING_STAGES
        _SCALING_STAGES = None  # every stage
    unknown = set(args.targets) - set(ALL)
    if unknown:
        ap.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for target in args.targets or ALL:
        if target == "scaling":
            res = run_scaling(args.seconds, args.timeout)
        elif engine == "atheris":
            res = run_atheris(target, args.seconds, args.timeout)
        else:
            res = run_hypothesis(target, args.seconds, args.timeout)
        results.append(res)
        f = res["finding"]
        print(f"{target:8} {res['engine']:10} {res['seconds']:7.1f} s  runs={res['runs']:<8} "
              f"cov={res['coverage']}  rss={res['peak_rss_mb']}MB  "
              + ("OK" if not f else f"FOUND {f['kind']}: {f['detail'].splitlines()[-1][:200]}"), flush=True)
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(r["finding"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
