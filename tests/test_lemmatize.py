"""`derek lemmatize` keeps every CoNLL-U column but LEMMA and UPOS."""
from __future__ import annotations

import pytest

from tests.conftest import run_derek

CONLLU = """# sent_id = 1
# text = Медиаторлар саны өсті.
1-2\tМедиаторлар саны\t_\t_\t_\t_\t_\t_\t_\t_
1\tМедиаторлар\tGOLD\tX\tn\tCase=Nom\t3\tnsubj\t_\t_
2\tсаны\tGOLD\tX\tn\tCase=Nom\t3\tnsubj\t_\t_
3\tөсті\tGOLD\tX\tv\t_\t0\troot\t_\tSpaceAfter=No
4\t.\tGOLD\tX\tsent\t_\t3\tpunct\t_\t_

"""


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_lemmatize_keeps_other_columns(tmp_path, lang):
    inp = tmp_path / "in.conllu"
    inp.write_text(CONLLU, encoding="utf-8")
    out = tmp_path / "out.conllu"
    r = run_derek("lemmatize", "--lang", lang, "--input", str(inp), "--output", str(out))
    assert r.returncode == 0, r.stderr
    src = [l.split("\t") for l in CONLLU.splitlines() if l and not l.startswith("#")]
    got = [l.split("\t") for l in out.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    assert len(src) == len(got)
    for a, b in zip(src, got):
        if "-" in a[0]:
            assert a == b
            continue
        assert [a[i] for i in (0, 1, 4, 5, 6, 7, 8, 9)] == [b[i] for i in (0, 1, 4, 5, 6, 7, 8, 9)]
        assert b[2] != "GOLD" and b[3] != "X" or b[1] == "."
    assert got[-1][3] == "PUNCT"


def test_lemmatize_kazakh_lemmas(tmp_path):
    inp = tmp_path / "in.conllu"
    inp.write_text(CONLLU, encoding="utf-8")
    out = tmp_path / "out.conllu"
    assert run_derek("lemmatize", "--lang", "kk", "--input", str(inp), "--output", str(out)).returncode == 0
    lemmas = [l.split("\t")[2] for l in out.read_text(encoding="utf-8").splitlines() if l and l[0].isdigit() and "-" not in l.split("\t")[0]]
    assert lemmas[:3] == ["медиатор", "сан", "өс"]


def test_lemmatize_stanza_backend_missing_model_names_the_fix(tmp_path):
    r = run_derek("lemmatize", "--lang", "kk", "--backend", "stanza", "--stanza-dir", str(tmp_path / "none"))
    assert r.returncode == 2
    assert "E120" in r.stderr or ("E121" in r.stderr and "never downloads" in r.stderr)


@pytest.mark.parametrize("bad, code", [
    ("1\tМедиаторлар\t_\t_\n", "E101"),  # four columns
    ("one\tМедиаторлар\t_\t_\t_\t_\t_\t_\t_\t_\n", "E102"),  # an ID that is not a word number
])
def test_lemmatize_malformed_conllu_is_one_line_exit_2(tmp_path, capsys, bad, code):
    from pipeline.cli import main

    inp = tmp_path / "in.conllu"
    inp.write_text(CONLLU + bad, encoding="utf-8")
    out = tmp_path / "out.conllu"
    assert main(["lemmatize", "--lang", "kk", "--input", str(inp), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert code in err and "line 9" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()  # no half-written output
    assert not list(tmp_path.glob(".tmp-*"))


def test_lemmatize_missing_input_is_one_line_exit_2(tmp_path, capsys):
    from pipeline.cli import main

    assert main(["lemmatize", "--lang", "kk", "--input", str(tmp_path / "nope.conllu")]) == 2
    err = capsys.readouterr().err
    assert "nope.conllu" in err and len(err.strip().splitlines()) == 1
