"""CoNLL-U and spaCy Doc export of any document."""
from __future__ import annotations

import io

import pytest

from pipeline import process
from pipeline.conllu import read_conllu
from pipeline.interop import InteropError, to_conllu, to_spacy
from pipeline.model import Claim, Mention, Organisation, Recommendation
from tests.conftest import run_derek

KK = "Біз «Медиаторлар палатасы» РҚБ-ға 2019 жылы 30 057 теңге бөлдік.\nОлар кеңес берді."
RU = "Необходимо поддержать Совет медиаторов: 45% граждан за медиацию.\nЭто важно."


def _with_facts(text: str, org: str, claim: str, rec: str | None = None):
    """process() the text, then set hand-made facts (independent of the extractors' state)."""
    a = process(text, source_id="t")
    doc = a.documents[0].doc_id
    o, c = text.index(org), text.index(claim)
    a.organisations = [Organisation("t:o1", org, None, None, None, (org,), "kk",
                                    (Mention(doc, o, o + len(org), org),))]
    a.claims = [Claim(f"{doc}:c1", doc, "kk", 1.0, None, "count", None, "exact", None, None, None, None, None,
                      "text", None, None, None, claim, text, c, c + len(claim))]
    if rec:
        r = text.index(rec)
        a.recommendations = [Recommendation(f"{doc}:r1", doc, "kk", rec, "", r, r + len(rec))]
    return a


@pytest.mark.parametrize("text", [KK, RU])
def test_interop_conllu_is_valid_and_keeps_offsets(text):
    a = process(text, source_id="t")
    out = to_conllu(a, a.documents[0].doc_id)
    sents = list(read_conllu(io.StringIO(out)))
    assert len(sents) == len([s for s in a.sentences if a.tokens_of(s.sent_id)])
    assert sents[0].comments[0] == f"# newdoc id = {a.documents[0].doc_id}"
    rows = [r for s in sents for r in s.rows]
    assert len(rows) == len(a.tokens)
    for r, t in zip(rows, a.tokens):
        assert len(r) == 10 and all(r) and "\n" not in "".join(r) and "\t" not in "".join(r)
        misc = dict(x.split("=") for x in r[9].split("|"))
        s, e = map(int, misc["TokenRange"].split(":"))
        assert text[s:e] == t.text and r[2] == (t.lemma or "_")
    for s in sents:
        ids = [int(r[0]) for r in s.rows]
        assert ids == list(range(1, len(ids) + 1))
        assert any(c.startswith("# text = ") for c in s.comments)


@pytest.mark.parametrize("text,word,no_space_after", [(KK, "бөлдік", True), (RU, "медиаторов", True), (RU, "поддержать", False)])
def test_interop_conllu_space_after(text, word, no_space_after):
    a = process(text, source_id="t")
    rows = [r for s in read_conllu(io.StringIO(to_conllu(a))) for r in s.rows]
    row = next(r for r in rows if r[1] == word)
    assert ("SpaceAfter=No" in row[9]) is no_space_after


def test_interop_conllu_unknown_doc():
    a = process(KK, source_id="t")
    with pytest.raises(InteropError):
        to_conllu(a, "t:d99")


@pytest.mark.parametrize("text,org,claim,rec", [
    (KK, "Медиаторлар палатасы", "30 057", "«Медиаторлар палатасы» РҚБ-ға 2019 жылы 30 057 теңге бөлдік"),
    (RU, "Совет медиаторов", "45%", "поддержать Совет медиаторов"),
])
def test_interop_spacy_doc_has_tokens_lemmas_and_facts(text, org, claim, rec):
    a = _with_facts(text, org, claim, rec)
    doc_id = a.documents[0].doc_id
    doc = to_spacy(a, doc_id)
    toks = [t for t in a.tokens if t.doc_id == doc_id]
    assert len(doc) == len(toks)
    assert [t.lemma_ for t in doc] == [t.lemma for t in toks]
    assert [t.pos_ for t in doc] == [t.upos for t in toks]
    assert len(list(doc.sents)) == len({t.sent_id for t in toks})
    assert doc.vocab.lang == "xx"
    ents = {(e.label_, e.text) for e in doc.ents}
    assert ("ORG", org) in ents and ("CLAIM", claim) in ents
    # every fact, overlapping ones included, in doc.spans with its source offsets and id
    group = {(s.label_, s.id_): s for s in doc.spans["derek"]}
    assert set(group) == {("ORG", "t:o1"), ("CLAIM", f"{doc_id}:c1"), ("REC", f"{doc_id}:r1")}
    offsets = doc.user_data["source_offsets"]
    o = group[("ORG", "t:o1")]
    assert text[offsets[o.start][0]:offsets[o.end - 1][1]] == org


def test_interop_spacy_overlapping_entities_are_filtered():
    text = "Біз «Медиаторлар палатасы» 2019 жылы 30 057 теңге бөлдік."
    a = _with_facts(text, "Медиаторлар палатасы", "Медиаторлар")  # a claim inside an organisation
    doc = to_spacy(a, a.documents[0].doc_id)
    assert [(e.label_, e.text) for e in doc.ents] == [("ORG", "Медиаторлар палатасы")]
    assert len(doc.spans["derek"]) == 2


def test_interop_spacy_empty_text():
    a = process("", source_id="t")
    assert to_conllu(a) == ""
    for d in a.documents:  # a document without tokens is an empty Doc, not an error
        assert len(to_spacy(a, d.doc_id)) == 0


def test_interop_conllu_cli(sample_out, tmp_path):
    from pipeline.dataset import load

    ds = load(sample_out)
    doc_id = ds.documents.doc_id.iloc[-1]
    r = run_derek("conllu", str(sample_out), "--doc", doc_id)
    assert r.returncode == 0, r.stderr
    sents = list(read_conllu(io.StringIO(r.stdout)))
    assert sum(len(s.rows) for s in sents) == int((ds.tokens.doc_id == doc_id).sum())
    f = tmp_path / "all.conllu"
    assert run_derek("conllu", str(sample_out), "--output", str(f)).returncode == 0
    assert sum(len(s.rows) for s in read_conllu(f.open(encoding="utf-8"))) == len(ds.tokens)
    assert run_derek("conllu", str(sample_out), "--doc", "nope:d1").returncode == 2


@pytest.mark.parametrize("how", ["dataset", "folder"])
def test_interop_spacy_of_a_dataset_document(sample_out, how):
    """`to_spacy(ds, doc_id)` as the README writes it: the document rebuilt from the output folder."""
    from pipeline.dataset import load

    ds = load(sample_out)
    doc_id = ds.documents.doc_id.iloc[0]
    doc = to_spacy(ds if how == "dataset" else sample_out, doc_id)
    assert len(doc) == int((ds.tokens.doc_id == doc_id).sum())
    assert doc.user_data["doc_id"] == doc_id
    orgs = {m for m in ds.mentions[(ds.mentions.doc_id == doc_id) & (ds.mentions.kind == "organisation")].ref_id}
    assert {s.id_ for s in doc.spans["derek"] if s.label_ == "ORG"} == orgs
    assert to_conllu(ds, doc_id).startswith(f"# newdoc id = {doc_id}")
    with pytest.raises(InteropError):
        to_spacy(ds, doc_id + "9")
