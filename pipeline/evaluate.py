"""`derek evaluate`: score facts against a gold file; turn a grader's verdicts into a gold file.

Both sides are in the facts-JSON format of CONTRACT.md (one file, a folder of them,
or a `derek run` output folder), so a grader's corrected file is a gold file.

Facts are paired one-to-one within a source, greedily by overlap: claims and
recommendations by their span, organisations and legal acts by their mentions
(also scored mention by mention). ``match="exact"`` requires identical spans,
``"overlap"`` (the default) any shared character. For each pair, every attribute
is compared (numbers with a small tolerance, strings case- and space-insensitively),
and ``span`` records whether the spans were identical.
"""
from __future__ import annotations

import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

FACT_TYPES = ("numeric_claims", "organisations", "legal_acts", "recommendations")
ID_FIELD = {"numeric_claims": "claim_id", "organisations": "org_id", "legal_acts": "act_id", "recommendations": "rec_id"}
ATTRIBUTES = {
    "numeric_claims": ("value", "value_max", "unit", "currency", "qualifier", "measured", "subject", "year", "period",
                       "cite", "where", "table", "row", "column"),
    "organisations": ("canonical", "abbr", "legal_form", "url", "lang"),
    "legal_acts": ("canonical", "kind", "year", "number"),
    "recommendations": ("cue", "lang", "topic"),
}
MENTION_TYPES = ("organisations", "legal_acts")
ROWS = ("numeric_claims", "organisations", "organisations.mentions", "legal_acts", "legal_acts.mentions",
        "recommendations", "entity_links")


class EvaluateError(Exception):
    """Input that cannot be evaluated (missing file, not facts JSON, no common source)."""


# --- reading -------------------------------------------------------------------------------


def read_facts(path: str | Path) -> dict[str, dict]:
    """Facts documents by source id, from a facts JSON file, a folder of them, or an output folder."""
    p = Path(path)
    if p.is_dir():
        folder = p / "facts" if (p / "facts").is_dir() else p
        files = sorted(folder.glob("*.json"))
        if not files:
            raise EvaluateError(f"E401 no facts JSON files in {str(p)!r}")
    elif p.is_file():
        files = [p]
    else:
        raise EvaluateError(f"E402 {str(p)!r} does not exist")
    out: dict[str, dict] = {}
    for f in files:
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise EvaluateError(f"E403 {str(f)!r} is not JSON: {e}") from e
        docs = doc if isinstance(doc, list) else [doc]
        for d in docs:
            if not isinstance(d, dict) or not any(k in d for k in FACT_TYPES + ("documents", "source")):
                if p.is_dir():
                    continue  # e.g. a verdicts file next to the facts
                raise EvaluateError(f"E404 {str(f)!r} is not a facts file (no {', '.join(FACT_TYPES)})")
            sid = str((d.get("source") or {}).get("source_id") or f.stem)
            out[sid] = d
    return out


def pair_sources(gold: dict[str, dict], pred: dict[str, dict]) -> list[tuple[str, dict, dict]]:
    """(source_id, gold, pred) for every gold source; a source absent from pred is scored as empty."""
    if len(gold) == 1 and len(pred) == 1 and set(gold) != set(pred):
        (gs, g), (_, p) = next(iter(gold.items())), next(iter(pred.items()))
        gh, ph = (g.get("source") or {}).get("sha256"), (p.get("source") or {}).get("sha256")
        if gh and ph and gh != ph:
            raise EvaluateError("E405 the gold and predicted facts are of different sources (sha256 differ)")
        return [(gs, g, p)]
    by_sha = {(d.get("source") or {}).get("sha256"): d for d in pred.values() if (d.get("source") or {}).get("sha256")}
    out = []
    for sid, g in gold.items():
        p = pred.get(sid) or by_sha.get((g.get("source") or {}).get("sha256")) or {}
        out.append((sid, g, p))
    return out


# --- comparing --------------------------------------------------------------------------------


def _num(x: Any) -> float | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    if isinstance(x, str):
        try:
            return float(x.replace(" ", "").replace(",", "."))
        except ValueError:
            return None
    return None


def _norm(x: Any) -> Any:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, str):
        s = " ".join(unicodedata.normalize("NFC", x).split()).casefold()
        return s or None
    return x


def same(a: Any, b: Any) -> bool:
    """Attribute equality: numbers within 1e-6 (relative), strings ignoring case and spacing, None == ''.

    >>> same(30057, "30057.0"), same("Ұлыбритания ", "ұлыбритания"), same(None, ""), same(70, 80)
    (True, True, True, False)
    """
    a, b = _norm(a), _norm(b)
    if a is None or b is None:
        return a is None and b is None
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None and (not isinstance(a, str) or not isinstance(b, str)):
        return abs(na - nb) <= 1e-6 * max(1.0, abs(na), abs(nb))
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return sorted(map(str, a if isinstance(a, (list, tuple)) else [a])) == sorted(map(str, b if isinstance(b, (list, tuple)) else [b]))
    return str(a) == str(b)


def _spans(f: dict, ftype: str) -> list[tuple[int, int]]:
    raw = f.get("mentions") if ftype in MENTION_TYPES else [f]
    out = []
    for m in raw or ():
        try:
            s, e = int(m["start"]), int(m["end"])
        except (KeyError, TypeError, ValueError):
            continue
        out.append((s, e))
    return out


def _span_score(a: tuple[int, int], b: tuple[int, int], match: str) -> float:
    if match == "exact":
        return 1.0 if a == b else 0.0
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 1.0 if a == b else 0.0  # two identical empty spans still match
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]], *, match: str = "overlap") -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), greedily by overlap (Jaccard of the spans).

    >>> match_spans([(0, 5), (10, 20)], [(12, 20), (0, 4), (30, 31)])
    [(0, 1), (1, 0)]
    """
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            sc = _span_score(g, p, match)
            if sc > 0:
                cands.append((-sc, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def match_facts(gold: list[dict], pred: list[dict], ftype: str, *, match: str = "overlap") -> list[tuple[int, int]]:
    """One-to-one pairs of facts; organisations and acts pair by their best-matching mentions."""
    if ftype not in MENTION_TYPES:
        gs = [(_spans(f, ftype) or [(-1, -1)])[0] for f in gold]
        ps = [(_spans(f, ftype) or [(-2, -2)])[0] for f in pred]
        return match_spans(gs, ps, match=match)
    cands = []
    pspans = [_spans(p, ftype) for p in pred]
    for i, g in enumerate(gold):
        gsp = _spans(g, ftype)
        for j, psp in enumerate(pspans):
            n = len(match_spans(gsp, psp, match=match))
            if n:
                cands.append((-n / max(len(gsp), len(psp)), -n, i, j))
            elif not gsp and not psp and same(g.get("canonical"), pred[j].get("canonical")):
                cands.append((-1.0, 0, i, j))  # facts without mentions: by name
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, total]

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"gold": self.tp + self.fn, "pred": self.tp + self.fp, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": _r(self.precision), "recall": _r(self.recall), "f1": _r(self.f1),
                "attributes": {k: {"correct": c, "total": t, "accuracy": _r(c / t if t else None)}
                               for k, (c, t) in self.attributes.items()}}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def evaluate(gold: dict[str, dict] | dict, pred: dict[str, dict] | dict, *, match: str = "overlap") -> dict:
    """Precision, recall, F1 per fact type and attribute accuracy over matched facts.

    ``gold`` / ``pred`` are facts documents, or dicts of them by source id (as
    :func:`read_facts` returns). Returns a JSON-ready dict: ``{"match", "sources",
    "types": {row: {...}}, "micro": {...}}``.
    """
    if match not in ("exact", "overlap"):
        raise EvaluateError(f"E406 match must be 'exact' or 'overlap', not {match!r}")
    if any(k in gold for k in FACT_TYPES + ("source",)):
        gold = {"_": gold}
    if any(k in pred for k in FACT_TYPES + ("source",)):
        pred = {"_": pred}
    scores = {row: Score() for row in ROWS}
    pairs = pair_sources(gold, pred)
    linked: list[tuple[str, str]] = []  # (gold entity, derek's entity) of matched organisations / acts
    for _, g, p in pairs:
        for ftype in FACT_TYPES:
            gf, pf = list(g.get(ftype) or ()), list(p.get(ftype) or ())
            matched = match_facts(gf, pf, ftype, match=match)
            sc = scores[ftype]
            sc.tp += len(matched)
            sc.fp += len(pf) - len(matched)
            sc.fn += len(gf) - len(matched)
            for i, j in matched:
                if ftype in MENTION_TYPES and gf[i].get("entity_id") and pf[j].get("entity_id"):
                    linked.append((ftype + ":" + str(gf[i]["entity_id"]), ftype + ":" + str(pf[j]["entity_id"])))
                for attr in ATTRIBUTES[ftype]:
                    if attr not in gf[i] and attr not in pf[j]:
                        continue
                    c = sc.attributes.setdefault(attr, [0, 0])
                    c[0] += same(gf[i].get(attr), pf[j].get(attr))
                    c[1] += 1
                if ftype not in MENTION_TYPES:
                    c = sc.attributes.setdefault("span", [0, 0])
                    c[0] += _spans(gf[i], ftype) == _spans(pf[j], ftype)
                    c[1] += 1
            if ftype in MENTION_TYPES:
                gm = [s for f in gf for s in _spans(f, ftype)]
                pm = [s for f in pf for s in _spans(f, ftype)]
                mm = match_spans(gm, pm, match=match)
                ms = scores[ftype + ".mentions"]
                ms.tp += len(mm)
                ms.fp += len(pm) - len(mm)
                ms.fn += len(gm) - len(mm)
                c = ms.attributes.setdefault("span", [0, 0])
                c[0] += sum(gm[i] == pm[j] for i, j in mm)
                c[1] += len(mm)
    _score_links(linked, scores["entity_links"])
    if not (scores["entity_links"].tp + scores["entity_links"].fp + scores["entity_links"].fn):
        del scores["entity_links"]  # no two records of one entity on either side: nothing to score
    micro = Score()
    for ftype in FACT_TYPES:
        micro.tp += scores[ftype].tp
        micro.fp += scores[ftype].fp
        micro.fn += scores[ftype].fn
    m = micro.as_dict()
    del m["attributes"]
    return {"match": match, "sources": len(pairs), "types": {row: s.as_dict() for row, s in scores.items()}, "micro": m}


def _score_links(linked: list[tuple[str, str]], sc: "Score") -> None:
    """Linking as pairs: two matched records are one entity in the gold (a grader's merge or split
    sets ``entity_id``) and in derek's registry, or not. Counts pairs of distinct records."""
    from collections import Counter

    gold_n = Counter(g for g, _ in linked)
    pred_n = Counter(p for _, p in linked)
    both_n = Counter(linked)
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    tp = sum(pairs(n) for n in both_n.values())
    sc.tp += tp
    sc.fp += sum(pairs(n) for n in pred_n.values()) - tp
    sc.fn += sum(pairs(n) for n in gold_n.values()) - tp


def format_table(result: dict) -> str:
    """The result of :func:`evaluate` as a plain-text table."""
    def f(x):
        return "    -" if x is None else f"{x:5.3f}"

    lines = [f"derek evaluate: {result['sources']} source(s), match={result['match']}", "",
             f"{'type':24} {'gold':>5} {'pred':>5} {'tp':>5} {'fp':>5} {'fn':>5} {'prec':>6} {'rec':>6} {'f1':>6}"]
    rows = list(result["types"].items()) + [("all facts (micro)", result["micro"])]
    for name, r in rows:
        lines.append(f"{name:24} {r['gold']:>5} {r['pred']:>5} {r['tp']:>5} {r['fp']:>5} {r['fn']:>5} "
                     f"{f(r['precision']):>6} {f(r['recall']):>6} {f(r['f1']):>6}")
    attr_lines = []
    for name, r in result["types"].items():
        for attr, a in (r.get("attributes") or {}).items():
            if a["total"]:
                attr_lines.append(f"{name + '.' + attr:32} {a['correct']:>5} / {a['total']:<5} {f(a['accuracy']):>6}")
    if attr_lines:
        lines += ["", "attribute accuracy over matched facts:"] + attr_lines
    return "\n".join(lines)


# --- verdicts -> gold ---------------------------------------------------------------------------------

LETTER = {"numeric_claims": "c", "organisations": "o", "legal_acts": "a", "recommendations": "r"}
BLANK = {
    "numeric_claims": {"claim_id": None, "doc_id": None, "lang": None, "value": None, "value_max": None, "unit": "other",
                       "currency": None, "qualifier": "exact", "measured": None, "subject": None, "year": None,
                       "period": None, "cite": None, "where": "text", "table": None, "row": None, "column": None,
                       "text": "", "sentence": None, "start": 0, "end": 0},
    "organisations": {"org_id": None, "canonical": "", "abbr": None, "legal_form": None, "url": None, "aliases": [],
                      "lang": None, "mentions": []},
    "legal_acts": {"act_id": None, "doc_id": None, "canonical": "", "kind": "other", "year": None, "number": None,
                   "mentions": []},
    "recommendations": {"rec_id": None, "doc_id": None, "lang": None, "text": "", "cue": "", "start": 0, "end": 0},
}


def read_verdicts(path: str | Path) -> list[dict]:
    """Verdict documents (as the review page downloads them) from a file holding one or a list."""
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise EvaluateError(f"E407 cannot read verdicts {str(p)!r}: {e}") from e
    docs = doc if isinstance(doc, list) else [doc]
    if not all(isinstance(d, dict) and isinstance(d.get("verdicts", []), list) for d in docs):
        raise EvaluateError(f"E408 {str(p)!r} is not a verdicts file (expected {{'verdicts': [...]}})")
    return docs


def _doc_at(facts: dict, pos: int) -> dict:
    for d in facts.get("documents") or ():
        if (d.get("start") or 0) <= pos < (d.get("end") or 0):
            return d
    docs = facts.get("documents") or []
    return docs[0] if docs else {}


def _lang_at(doc: dict, pos: int) -> str | None:
    for s in doc.get("sections") or ():
        if (s.get("start") or 0) <= pos < (s.get("end") or 0):
            return s.get("lang")
    return doc.get("lang")


def verdicts_to_gold(verdicts: dict, facts: dict, *, text: str | None = None, unreviewed: str = "keep") -> dict:
    """A gold facts document from a facts document and a grader's verdicts on it.

    ``correct`` keeps a fact; ``wrong`` without a correction drops it; ``wrong`` with a
    correction keeps it with the corrected fields (a changed ``start``/``end`` re-reads
    ``text`` from ``text`` when given). Facts without a verdict are kept or dropped
    (``unreviewed="keep"|"drop"``). Facts the grader added become new records.
    The result carries a ``review`` block saying what was done.
    """
    if unreviewed not in ("keep", "drop"):
        raise EvaluateError(f"E409 unreviewed must be 'keep' or 'drop', not {unreviewed!r}")
    by_key = {}
    for v in verdicts.get("verdicts") or ():
        if isinstance(v, dict) and v.get("type") in FACT_TYPES:
            by_key[(v["type"], str(v.get("fact_id")))] = v
    gold = {k: v for k, v in facts.items() if k not in FACT_TYPES}
    counts = {"correct": 0, "corrected": 0, "dropped": 0, "unreviewed": 0, "added": 0}
    known = set()
    for ftype in FACT_TYPES:
        kept = []
        for f in facts.get(ftype) or ():
            fid = str(f.get(ID_FIELD[ftype]))
            known.add((ftype, fid))
            v = by_key.get((ftype, fid))
            if v is None or v.get("verdict") not in ("correct", "wrong"):
                counts["unreviewed"] += 1
                if unreviewed == "keep":
                    kept.append(dict(f))
                continue
            if v["verdict"] == "correct":
                counts["correct"] += 1
                kept.append(dict(f))
            elif v.get("correction"):
                counts["corrected"] += 1
                kept.append(_apply(f, v["correction"], ftype, text))
            else:
                counts["dropped"] += 1
        gold[ftype] = kept
    n_added: dict[str, int] = {}
    for a in verdicts.get("added") or ():
        ftype = a.get("type") if isinstance(a, dict) else None
        if ftype not in FACT_TYPES:
            continue
        try:
            s, e = int(a["start"]), int(a["end"])
        except (KeyError, TypeError, ValueError):
            continue
        span_text = text[s:e] if text is not None else str(a.get("text") or "")
        doc = _doc_at(facts, s)
        doc_id = doc.get("doc_id")
        n_added[ftype] = n_added.get(ftype, 0) + 1
        base = (facts.get("source") or {}).get("source_id") if ftype == "organisations" else doc_id
        rec = json.loads(json.dumps(BLANK[ftype]))
        rec[ID_FIELD[ftype]] = f"{base}:{LETTER[ftype]}g{n_added[ftype]}"
        mention = {"doc_id": doc_id, "start": s, "end": e, "text": span_text}
        if "doc_id" in rec:
            rec["doc_id"] = doc_id
        if "lang" in rec:
            rec["lang"] = _lang_at(doc, s)
        if ftype in MENTION_TYPES:
            rec["canonical"] = span_text
            rec["mentions"] = [mention]
            if ftype == "organisations":
                rec["aliases"] = [span_text]
        else:
            rec.update(start=s, end=e, text=span_text)
        for k, val in (a.get("fields") or {}).items():
            if k in rec and k not in (ID_FIELD[ftype], "mentions"):
                rec[k] = val
        gold[ftype].append(rec)
        counts["added"] += 1
    gold["review"] = {"grader": verdicts.get("grader") or None, "verdicts_created": verdicts.get("created"),
                      "made": datetime.now(timezone.utc).isoformat(), "unreviewed": unreviewed, **counts,
                      "unknown_verdicts": sorted(f"{t}:{i}" for t, i in set(by_key) - known)}
    return gold


def _apply(f: dict, correction: dict, ftype: str, text: str | None) -> dict:
    rec = dict(f)
    for k, v in correction.items():
        if k in (ID_FIELD[ftype], "mentions"):
            continue
        rec[k] = v
    if ftype not in MENTION_TYPES and ("start" in correction or "end" in correction) and text is not None:
        try:
            s, e = int(rec["start"]), int(rec["end"])
            if 0 <= s <= e <= len(text):
                if "text" not in correction:  # the record's text is its span, always
                    rec["text"] = text[s:e]
        except (TypeError, ValueError):
            pass
    return rec


def to_gold(verdicts_path: str | Path, facts_path: str | Path, *, unreviewed: str = "keep") -> list[dict]:
    """Gold documents for every verdicts document of ``verdicts_path``; ``facts_path`` is a file or an output folder."""
    all_facts = read_facts(facts_path)
    out = []
    for v in read_verdicts(verdicts_path):
        sid = v.get("source_id")
        facts = all_facts.get(sid) if sid else None
        if facts is None:
            if len(all_facts) == 1:
                facts = next(iter(all_facts.values()))
            else:
                raise EvaluateError(f"E410 no facts for source {sid!r} in {str(facts_path)!r}")
        fsha = (facts.get("source") or {}).get("sha256")
        if v.get("sha256") and fsha and v["sha256"] != fsha:
            raise EvaluateError(f"E411 the verdicts were made on another version of {sid!r} (sha256 differ)")
        text = None
        root = Path(facts_path)
        sid2 = (facts.get("source") or {}).get("source_id")
        for cand in ([root / "text" / f"{sid2}.txt", root.parent.parent / "text" / f"{sid2}.txt",
                      root.parent / "text" / f"{sid2}.txt"] if sid2 else []):
            if cand.is_file():
                text = cand.read_text(encoding="utf-8")
                break
        out.append(verdicts_to_gold(v, facts, text=text, unreviewed=unreviewed))
    return out


# --- command line ------------------------------------------------------------------------------------------------


def main(*, gold: str | None, pred: str | None, as_json: bool = False, match: str = "overlap",
         verdicts: str | None = None, facts: str | None = None, to_gold_path: str | None = None,
         unreviewed: str = "keep") -> int:
    try:
        if verdicts:
            if not facts or not to_gold_path:
                print("derek: --verdicts needs --facts F.json (or OUT) and --to-gold G.json", file=sys.stderr)
                return 2
            docs = to_gold(verdicts, facts, unreviewed=unreviewed)
            from pipeline.export import atomic_write_json

            atomic_write_json(Path(to_gold_path), docs[0] if len(docs) == 1 else docs)
            for d in docs:
                r = d["review"]
                print(f"derek: gold for {(d.get('source') or {}).get('source_id')}: {r['correct']} correct, "
                      f"{r['corrected']} corrected, {r['dropped']} dropped, {r['added']} added, "
                      f"{r['unreviewed']} unreviewed ({'kept' if unreviewed == 'keep' else 'dropped'})", file=sys.stderr)
            print(f"derek: written {to_gold_path}", file=sys.stderr)
            if not (gold or pred):
                return 0
        if not gold or not pred:
            print("derek: usage: derek evaluate --gold GOLD.json PRED.json  |  "
                  "derek evaluate --verdicts V.json --facts F.json --to-gold G.json", file=sys.stderr)
            return 2
        result = evaluate(_read_gold(gold), read_facts(pred), match=match)
    except EvaluateError as e:
        print(f"derek: {e}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(format_table(result))
    return 0


def _read_gold(path: str) -> dict[str, dict]:
    """A gold file may also be a list of gold documents (as ``--to-gold`` writes for several sources)."""
    return read_facts(path)


def iter_rows(result: dict) -> Iterable[dict]:
    """Flat rows of a result (one per type), for a DataFrame."""
    for name, r in result["types"].items():
        yield {"type": name, **{k: v for k, v in r.items() if k != "attributes"}}
