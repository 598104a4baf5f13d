"""Bad input: every file of tests/badinput/ gives a correct result or one error row a reader
understands, in bounded time and memory, and the batch that holds them never crashes.

Also: no output path escapes the output folder, and nothing in the package loads pickles.
"""
from __future__ import annotations

import ast
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "badinput"))

import make_badinput as mb  # noqa: E402

from pipeline.ingest import IngestError, Limits, decode_text, docx_text, pdf_text, read_source  # noqa: E402
from pipeline.run import discover, safe_id  # noqa: E402

BAD = {name: code for name, code in mb.EXPECTED.items() if code != "ok"}
GOOD = {name for name, code in mb.EXPECTED.items() if code == "ok"}


@pytest.fixture(scope="module")
def badset(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("badinput")
    mb.make(d)
    mb.make_big(d / mb.BIG)
    return d


@pytest.fixture(scope="module")
def batch(badset, tmp_path_factory):
    """One `derek run` over the whole bad-input set (the 200 MB file included)."""
    out = tmp_path_factory.mktemp("badout")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(badset), "-o", str(out), "--workers", "2",
                        "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - t0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return r, out, manifest, seconds


def _entries(manifest) -> dict[str, dict]:
    return {e["path"]: e for e in manifest["sources"]}


# --- the batch -----------------------------------------------------------------------------------


def test_badinput_batch_exits_1_without_crash(batch):
    r, out, manifest, seconds = batch
    assert r.returncode == 1, r.stderr[-2000:]
    assert "Traceback" not in r.stderr


def test_badinput_batch_sees_every_file_once(batch):
    _, _, manifest, _ = batch
    paths = [e["path"] for e in manifest["sources"]]
    assert len(paths) == len(set(paths))
    assert set(paths) == set(mb.EXPECTED) | {mb.BIG}


@pytest.mark.parametrize("name", sorted(BAD) + [mb.BIG])
def test_badinput_bad_file_is_one_error_row(batch, name):
    import pyarrow.parquet as pq

    _, out, manifest, _ = batch
    code = BAD.get(name, "E003")
    e = _entries(manifest)[name]
    assert (e["status"], e["stage"], e["error"]) == ("error", "ingest", code), e
    errors = pq.read_table(out / "tables" / "errors.parquet").to_pylist()
    rows = [x for x in errors if x["source"] == name]
    assert len(rows) == 1 and rows[0]["error"] == code and rows[0]["message"] == e["message"]
    assert not (out / "text" / f"{e['source_id']}.txt").exists()
    assert not (out / "facts" / f"{e['source_id']}.json").exists()


@pytest.mark.parametrize("name", sorted(BAD) + [mb.BIG])
def test_badinput_message_is_plain_language(batch, name):
    _, _, manifest, _ = batch
    msg = _entries(manifest)[name]["message"]
    assert msg and 20 <= len(msg) <= 300
    # a sentence for people: no Python internals, no stack, no errno numbers
    for internal in ("Traceback", "File \"", "Errno", "Error(", "0x", "<", "None"):
        assert internal not in msg, msg
    assert msg.rstrip().endswith((".", ")", "?")), msg


def test_badinput_errors_table_has_one_row_per_bad_file(batch):
    import pyarrow.parquet as pq

    _, out, _, _ = batch
    errors = pq.read_table(out / "tables" / "errors.parquet").to_pylist()
    assert sorted(x["source"] for x in errors) == sorted(list(BAD) + [mb.BIG])


@pytest.mark.parametrize("name", sorted(GOOD))
def test_badinput_good_file_is_written(batch, name):
    _, out, manifest, _ = batch
    e = _entries(manifest)[name]
    assert e["status"] == "ok", e
    text = (out / "text" / f"{e['source_id']}.txt").read_text(encoding="utf-8")
    facts = json.loads((out / "facts" / f"{e['source_id']}.json").read_text(encoding="utf-8"))
    assert facts["source"]["n_chars"] == len(text) > 0
    assert facts["documents"], name
    for d in facts["documents"]:
        assert 0 <= d["start"] <= d["end"] <= len(text)
    want = mb.DECODED.get(name)
    if want:
        assert want.strip() in " ".join(text.split()), (name, text[:200])
    # control characters and lone surrogates never reach the text the offsets index
    assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff]", text)


def test_badinput_outputs_stay_in_out_folder(batch):
    _, out, manifest, _ = batch
    root = out.resolve()
    for dirpath, dirnames, filenames in os.walk(out):
        for fn in filenames + dirnames:
            p = Path(dirpath) / fn
            assert not p.is_symlink(), p
            assert p.resolve().is_relative_to(root), p
    for e in manifest["sources"]:
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", e["source_id"]), e["source_id"]


def test_badinput_each_source_in_bounded_time(batch):
    _, _, manifest, seconds = batch
    for e in manifest["sources"]:
        limit = 20 if e["status"] == "error" else 240
        assert e["seconds"] is not None and e["seconds"] < limit, e
    assert seconds < 480


# --- the 200 MB file ----------------------------------------------------------------------------

_MEASURE = r"""
import resource, sys, time
from pathlib import Path
from pipeline.ingest import IngestError, Limits, read_source
t0 = time.perf_counter()
try:
    read_source(Path(sys.argv[1]), source_id="big", limits=Limits(max_bytes=int(sys.argv[2])))
    code = "ok"
except IngestError as e:
    code = e.code
print(code, round(time.perf_counter() - t0, 3), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.parametrize("max_bytes, code, seconds", [(64 * 2**20, "E003", 1.0), (300 * 2**20, "E005", 1.0)])
def test_badinput_200mb_refused_fast_under_2gb(badset, max_bytes, code, seconds):
    """By size before reading (default limit); by its least number of characters when --max-mb is raised."""
    r = subprocess.run([sys.executable, "-c", _MEASURE, str(badset / mb.BIG), str(max_bytes)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    got, took, peak_mb = r.stdout.split()
    assert got == code, r.stderr
    assert float(took) < seconds
    assert int(peak_mb) < 2048


# --- ingest units ----------------------------------------------------------------------------------


@pytest.mark.parametrize("data, enc", [
    ("Қазақстан".encode("utf-8") + b"\xed\xa0\x80" + " мәтін ".encode() * 20, "utf-8"),  # a lone surrogate
    ("Сәлем әлем ".encode("utf-16-le") * 10, "utf-16-le"),
    ("Привет мир ".encode("utf-16-be") * 10, "utf-16-be"),
    ("Сәлем".encode("utf-32"), "utf-32"),
    ("Выборы в парламент ".encode("cp1251") * 5, "cp1251"),
    ("Выборы в парламент ".encode("koi8-r") * 5, "koi8-r"),
    ("Қазақстан сайлауы ".encode("kz1048") * 5, "kz1048"),
])
def test_badinput_decode_text_encodings(data, enc):
    text, got = decode_text(data)
    assert got == enc
    assert "\ufffd" not in text


@pytest.mark.parametrize("data, code", [
    (bytes(range(256)) * 10, "E010"),
    (b"%PDF-1.4 not text", "E010"),
    ("日本語のテキスト".encode("shift_jis") * 30, "E011"),
    (b"\xff\xfeA\x00B", "E011"),  # UTF-16 BOM, cut in the middle of a character
])
def test_badinput_decode_text_refuses(data, code):
    with pytest.raises(IngestError) as ei:
        decode_text(data)
    assert ei.value.code == code


def test_badinput_docx_member_bomb_refused():
    """A zip bomb hidden among normal members: the total ratio decides."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/x.bin", b"\0" * (50 * 2**20))
    with pytest.raises(IngestError) as ei:
        docx_text(buf.getvalue(), limits=Limits())
    assert ei.value.code == "E032"


def test_badinput_pdf_bomb_check_bounded():
    t0 = time.perf_counter()
    with pytest.raises(IngestError) as ei:
        pdf_text(mb._pdf_bomb(64 * 2**20), limits=Limits(max_pdf_inflated=16 * 2**20))
    assert ei.value.code == "E026"
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize("max_chars", [1000, 3999])  # refused unread (7000 bytes > 4 x 1000); after decoding
def test_badinput_text_char_limit(tmp_path, max_chars):
    p = tmp_path / "a.txt"
    p.write_text("сөз " * 1000, encoding="utf-8")  # 4000 characters, 7000 bytes
    with pytest.raises(IngestError) as ei:
        read_source(p, source_id="a", limits=Limits(max_chars=max_chars))
    assert ei.value.code == "E005"
    assert read_source(p, source_id="a", limits=Limits(max_chars=4000)).text.startswith("сөз")


@pytest.mark.parametrize("kind", ["fifo", "link_to_dev_zero", "link_to_fifo"])
def test_badinput_not_a_regular_file_is_refused_unread(tmp_path, kind):
    """A pipe or device, also behind a link named *.txt: refused at once (reading would block or never end)."""
    from pipeline.ingest import regular_sha256

    p = tmp_path / "x.txt"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "link_to_dev_zero":
        os.symlink("/dev/zero", p)
    else:
        os.mkfifo(tmp_path / "pipe")
        os.symlink(tmp_path / "pipe", p)
    got = []

    def read():
        try:
            read_source(p, source_id="p")
        except IngestError as e:
            got.append(e.code)
        got.append(regular_sha256(p))

    th = threading.Thread(target=read, daemon=True)
    th.start()
    th.join(60)  # a hang (the failure this guards against), not a speed measurement
    assert got == ["E006", None]


# --- paths ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rel", [
    "../../etc/passwd.txt", "..", "../..txt", "a/../../b.txt", "/abs/path.txt", "журнал/../2019 №1.txt",
    "name with spaces.txt", "Қазақ мақаласы.pdf", "..hidden..txt", "\\..\\win.txt", "a\x00b.txt", "ok.txt",
    "x" * 500 + ".txt", "\udcff.txt",
])
def test_badinput_safe_id_never_escapes(tmp_path, rel):
    sid = safe_id(rel)
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", sid), sid
    assert len(sid) < 100
    for sub, ext in (("text", ".txt"), ("facts", ".json"), ("parts", "")):
        p = (tmp_path / sub / f"{sid}{ext}").resolve()
        assert p.parent == (tmp_path / sub).resolve()


def test_badinput_safe_id_distinct_for_distinct_paths():
    rels = ["a b.txt", "a_b.txt", "a?b.txt", "x/a b.txt", "Ә.txt", "Ө.txt"]
    assert len({safe_id(r) for r in rels}) == len(rels)


def test_badinput_discover_symlink_loop_terminates(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text("мәтін", encoding="utf-8")
    os.symlink(".", d / "self")
    os.symlink("..", d / "up")
    os.symlink("b.txt", d / "a.txt")
    os.symlink("a.txt", d / "b.txt")
    tasks = list(discover([d]))
    assert sorted(t.rel for t in tasks) == ["a.txt", "b.txt", "ok.txt"]


def test_badinput_report_never_writes_outside(tmp_path):
    """The review page's file names come from source ids; a forged manifest cannot escape."""
    report = pytest.importorskip("pipeline.report")
    out = tmp_path / "out"
    (out / "facts").mkdir(parents=True)
    (out / "text").mkdir()
    forged = ["../../escaped", "..", "/tmp/escaped", "a/../../escaped", "..\\escaped"]
    (out / "manifest.json").write_text(json.dumps({"sources": [{"source_id": s, "status": "ok", "path": s}
                                                               for s in forged]}), encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    try:
        report.write_report(out)
    except Exception as e:  # refusing the forged manifest is fine too
        assert not isinstance(e, (OSError, AssertionError)), e
    new = set(tmp_path.rglob("*")) - before
    for p in new:
        assert p.resolve().is_relative_to((out / "report").resolve()), p


# --- no pickles ------------------------------------------------------------------------------------

_UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve", "marshal", "torch"}


def _unsafe_loads(path: Path) -> list[str]:
    """Pickle-style loads in one file: imports of unsafe modules, ``*.load(s)`` on them,
    ``np.load(..., allow_pickle=True)``, ``pd.read_pickle``, ``yaml.load`` without SafeLoader.
    A line may opt out with ``# derek: pickle-ok <reason>`` (saying so, as the rule asks).
    """
    src = path.read_text(encoding="utf-8")
    lines = src.splitlines()
    found = []

    def flag(node, what):
        line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
        if "derek: pickle-ok" not in line:
            found.append(f"{path}:{node.lineno}: {what}")

    for node in ast.walk(ast.parse(src, filename=str(path))):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] in _UNSAFE_MODULES:
                    flag(node, f"import {a.name}")
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in _UNSAFE_MODULES:
                flag(node, f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            owner = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
            kw = {k.arg: k.value for k in node.keywords}
            if name == "read_pickle" or (owner in _UNSAFE_MODULES and name in ("load", "loads", "open", "Unpickler")):
                flag(node, f"{owner}.{name}")
            elif name == "load" and "allow_pickle" in kw and not (
                    isinstance(kw["allow_pickle"], ast.Constant) and kw["allow_pickle"].value is False):
                flag(node, "load(allow_pickle=...)")
            elif owner == "yaml" and name in ("load", "unsafe_load", "full_load") and "SafeLoader" not in ast.dump(node):
                flag(node, "yaml.load")
            elif name in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant) \
                    and str(node.args[0].value).split(".")[0] in _UNSAFE_MODULES:
                flag(node, f"import_module({node.args[0].value!r})")
            elif owner in ("skops", "sio") and name == "load" and "trusted" in kw:
                flag(node, "skops load with trusted types")
    return found


def test_badinput_no_pickle_loads_in_package():
    files = sorted((ROOT / "pipeline").rglob("*.py"))
    assert len(files) > 10
    found = [x for f in files for x in _unsafe_loads(f)]
    assert not found, "loads that can run code from a file (use JSON, skops, safetensors or npz):\n" + "\n".join(found)


def test_badinput_no_pickle_files_in_package_data():
    bad = [p for p in (ROOT / "pipeline").rglob("*")
           if p.suffix.lower() in (".pkl", ".pickle", ".joblib", ".pt", ".pth", ".ckpt", ".sav", ".dill")]
    assert not bad, bad


@pytest.mark.parametrize("snippet, n", [
    ("import pickle\n", 1),
    ("import joblib\nm = joblib.load(p)\n", 2),
    ("import numpy as np\nnp.load(p, allow_pickle=True)\n", 1),
    ("import numpy as np\nnp.load(p, allow_pickle=False)\n", 0),
    ("import pandas as pd\npd.read_pickle(p)\n", 1),
    ("import torch  # derek: pickle-ok our own checkpoint\n", 0),
    ("x = 'pickle is mentioned in a string'\n", 0),
])
def test_badinput_pickle_checker_finds_loads(tmp_path, snippet, n):
    p = tmp_path / "m.py"
    p.write_text(snippet, encoding="utf-8")
    assert len(_unsafe_loads(p)) == n


# --- hostile inputs: pipes, devices, links outside, undecodable names, one huge PDF page ---------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One `derek run` (two workers) over make_hostile()'s folder."""
    d = tmp_path_factory.mktemp("hostile")
    expected = mb.make_hostile(d / "in", d / "elsewhere")
    out = d / "out"
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(d / "in"), "-o", str(out), "--workers", "2",
                        "--only", "claims"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return r, out, manifest, expected


def test_badinput_hostile_run_finishes_with_rows(hostile):
    r, out, manifest, expected = hostile
    assert r.returncode == 1, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    by = {e["path"]: e for e in manifest["sources"]}
    assert set(by) == set(expected)
    for name, want in expected.items():
        e = by[name]
        if want == "ok":
            assert e["status"] == "ok", e
        elif want.startswith("skipped:"):
            assert (e["status"], e["error"]) == ("skipped", want.split(":")[1]), e
        else:
            assert (e["status"], e["error"]) == ("error", want), e
    import pyarrow.parquet as pq

    rows = {x["source"]: x["error"] for x in pq.read_table(out / "tables" / "errors.parquet").to_pylist()}
    assert rows == {n: w.split(":")[-1] for n, w in expected.items() if w != "ok"}


def test_badinput_link_outside_input_is_not_copied(hostile):
    _, out, _, _ = hostile
    for p in out.rglob("*"):
        if p.is_file():
            assert mb.SECRET.encode() not in p.read_bytes(), p


def test_badinput_undecodable_name_is_kept_exactly(hostile):
    """The manifest holds the name's bytes (as a JSON surrogate escape) and a readable path."""
    _, out, manifest, _ = hostile
    raw = (out / "manifest.json").read_bytes()
    raw.decode("utf-8")  # the manifest is valid UTF-8
    assert b"\\udcff" in raw
    (e,) = [e for e in manifest["sources"] if e["path"] == "b\\xff.txt"]
    assert os.fsencode(e["path_raw"]) == b"b\xff.txt"
    facts = json.loads((out / "facts" / f"{e['source_id']}.json").read_text(encoding="utf-8"))
    assert facts["source"]["path"] == "b\\xff.txt"


def test_badinput_follow_links_reads_the_target(tmp_path):
    d = tmp_path / "in"
    mb.make_hostile(d, tmp_path / "elsewhere")
    tasks = {t.rel: t for t in discover([d])}
    assert tasks["outside.txt"].skip and not tasks["ok.txt"].skip
    assert not tasks["zero.txt"].skip  # a link to a device is refused by ingest (E006), not skipped
    assert not {t.rel: t for t in discover([d], follow_links=True)}["outside.txt"].skip
    inside = d / "sub"
    inside.mkdir()
    os.symlink(d / "ok.txt", inside / "link_inside.txt")
    assert not {t.rel: t for t in discover([d])}["sub/link_inside.txt"].skip


def test_badinput_huge_pdf_page_refused_before_layout():
    """One page of 100 000 lines is refused from its content streams, before pdfminer lays it out."""
    with pytest.raises(IngestError) as ei:
        pdf_text(mb.huge_page_pdf(), limits=Limits())
    assert ei.value.code == "E027"
    # the same page under a raised cap is read (the bound counts, it does not guess): a smaller page
    text, _ = pdf_text(mb.huge_page_pdf(200, size=3, leading=3.5), limits=Limits(max_page_chars=20_000))
    assert "Line 199: the number of mediators" in text


def test_badinput_page_chars_bound_counts_string_bytes():
    """(Hello) Tj and <48656c6c6f> Tj show 10 characters; a form XObject's strings count too."""
    import pdfplumber

    from pipeline.ingest import page_chars_bound

    content = b"BT /F1 12 Tf 10 10 Td (Hello) Tj <48656c6c6f> Tj ET /X1 Do"
    form = b"BT /F1 12 Tf (abc\\)d) Tj ET"
    pdf = mb._raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 200 200] /Length %d >>\nstream\n" % len(form) + form
        + b"\nendstream",
    ])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert page_chars_bound(doc.pages[0].page_obj, 1000) == 10 + len("abc\\)d")


def test_badinput_pdf_source_char_limit_checked_while_extracting():
    """Pages stop being read once the text passes the per-source limit."""
    data = mb._pdf_bytes(["Қазақстан Республикасында 2017 жылы медиаторлар саны 30 057 болды."] * 20)
    with pytest.raises(IngestError) as ei:
        pdf_text(data, limits=Limits(max_chars=100))
    assert ei.value.code == "E005" and "by page 1" in ei.value.message


_ADDRESS_SPACE = r"""
import sys
from pipeline.run import limit_memory
limit_memory(int(sys.argv[1]))
try:
    block = bytearray(3 * 1024 ** 3)
    print("allocated")
except MemoryError:
    print("MemoryError")
"""


def test_badinput_worker_address_space_is_capped():
    """A worker's allocation past --max-memory-mb fails with MemoryError instead of taking the machine."""
    r = subprocess.run([sys.executable, "-c", _ADDRESS_SPACE, "1024"], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.stdout.strip() == "MemoryError", r.stderr


def test_badinput_memory_error_is_a_too_large_row(tmp_path, monkeypatch):
    import pipeline.run as prun

    src = tmp_path / "a.txt"
    src.write_text("Мәтін.", encoding="utf-8")

    def greedy(*a, **kw):
        raise MemoryError()

    monkeypatch.setattr(prun, "read_source", greedy)
    (task,) = discover([src])
    e = prun.process_one(task, str(tmp_path / "out"), prun.RunConfig())
    assert (e["status"], e["error"], e["stage"]) == ("error", "E041", "run")
    assert "too large" in e["message"] and e["sha256"]
