"""Linear reranker over the Russian analyser's (pymorphy3 parse, UD UPOS) candidates.

``pipeline.morph.ru`` builds, for every Cyrillic word, candidates (lemma, UPOS,
OpenCorpora tag) from pymorphy3 and a probability distribution over UD tags from
slovnet's tagger. Without a model it scores a candidate by the tagger's mass on
the tags it agrees with plus pymorphy's prior. With ``models/ru_rerank.json`` a
conditional-logit (softmax over the word's candidates) model trained by
``bench/train_ru_rerank.py`` scores them instead, from:

* static features of the candidate (cached per word form and shape): UPOS,
  OpenCorpora POS x UPOS, grammemes x UPOS, proper/known/shape x UPOS, pymorphy's
  prior, whether the lemma is in navec's vocabulary, lemma = form, the last two
  letters of lemma and form x UPOS;
* dynamic features from the tagger in context: log agreeing tag mass and log
  UPOS marginal (global and per UPOS), the neighbours' most likely UPOS x UPOS,
  the mass of short-adjective and passive-voice tags x UPOS.

No word identities: weights are per feature *type*, never per word or lemma.
The model is plain JSON (feature name -> weight); no pickle.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "ru_rerank.json"
ENV_PATH = "DEREK_RU_RERANK"  # override (a path, or "off") for cross-file evaluation

UPOS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X")
UPOS_INDEX = {u: i for i, u in enumerate(UPOS)}
CTX = UPOS + ("BOS", "EOS")
CTX_INDEX = {u: i for i, u in enumerate(CTX)}

# grammemes that may tell readings apart (not case/number/gender: the tagger covers those)
GRAMS = frozenset({
    "Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Supr", "Cmp2", "Infr", "Slng",
    "Arch", "Litr", "Erro", "Dist", "Fixd", "Subx", "Adjx", "Pltm", "Sgtm", "Ms-f", "Qual",
    "Apro", "Anum", "Poss", "V-be", "V-ej", "V-ey", "V-oy", "Prdx", "Coun", "Af-p", "Inmx",
    "Vpre", "Anph", "Init", "Impe", "Impx", "Mult", "Refl", "perf", "impf", "tran", "intr",
    "pssv", "actv", "past", "pres", "futr", "impr", "anim", "inan", "Coll", "Ques", "Dmns",
    "Prnt", "Ord", "Poss",
})


def static_features(low: str, shape: str, cands, prior, in_vocab) -> list[dict[str, float]]:
    """One feature dict per candidate; ``prior`` is pymorphy's log prior per candidate."""
    out = []
    fe = low[-2:]
    for c, pr in zip(cands, prior):
        u = c.upos
        f = {f"u={u}": 1.0, f"oc={c.oc_pos}|{u}": 1.0, f"sh={shape}|{u}": 1.0,
             "prior": float(pr), f"prior|{u}": float(pr), f"fe={fe}|{u}": 1.0}
        if "Guess" in c.grammemes:
            f["guess"] = 1.0
        else:
            lem = c.lemma
            f[f"le={lem[-2:]}|{u}"] = 1.0
            if c.proper:
                f[f"pr|{u}"] = 1.0
            if c.known:
                f[f"kn|{u}"] = 1.0
            if in_vocab(lem):
                f[f"voc|{u}"] = 1.0
            if lem == low:
                f[f"lf|{u}"] = 1.0
            for g in c.grammemes:
                if g in GRAMS:
                    f[f"g={g}|{u}"] = 1.0
        out.append(f)
    return out


def dynamic_features(cands, base, logmass, logupos, prev: str, nxt: str, short: float,
                     passive: float):
    """Training-side twin of :meth:`Reranker.score` (feature dicts). ``_base`` is the
    analyser's own score, a fixed offset: the model learns corrections to it."""
    out = []
    for c, b, lm, lu in zip(cands, base, logmass, logupos):
        u = c.upos
        out.append({"_base": float(b), "lm": float(lm), f"lm|{u}": float(lm), "lu": float(lu), f"lu|{u}": float(lu),
                    f"prev={prev}|{u}": 1.0, f"next={nxt}|{u}": 1.0,
                    f"short|{u}": float(short), f"pass|{u}": float(passive)})
    return out


class Reranker:
    """Scores candidates with weights from JSON; static parts cached per word form."""

    def __init__(self, weights: dict[str, float], np):
        self.np = np
        self.w = weights
        n = len(UPOS)
        self.w_lm = weights.get("lm", 0.0)
        self.w_lu = weights.get("lu", 0.0)
        self.lm_u = np.array([weights.get(f"lm|{u}", 0.0) for u in UPOS], dtype=np.float32)
        self.lu_u = np.array([weights.get(f"lu|{u}", 0.0) for u in UPOS], dtype=np.float32)
        self.short_u = np.array([weights.get(f"short|{u}", 0.0) for u in UPOS], dtype=np.float32)
        self.pass_u = np.array([weights.get(f"pass|{u}", 0.0) for u in UPOS], dtype=np.float32)
        self.prev = np.array([[weights.get(f"prev={p}|{u}", 0.0) for u in UPOS] for p in CTX],
                             dtype=np.float32)
        self.next = np.array([[weights.get(f"next={p}|{u}", 0.0) for u in UPOS] for p in CTX],
                             dtype=np.float32)
        assert self.prev.shape == (len(CTX), n)
        self._static: dict[tuple, tuple] = {}

    def static(self, key, low, shape, cands, prior, in_vocab):
        """(static score vector, candidate UPOS indices), cached per (form, shape)."""
        hit = self._static.get(key)
        if hit is None:
            np = self.np
            w = self.w
            feats = static_features(low, shape, cands, prior, in_vocab)
            s = np.array([sum(w.get(k, 0.0) * v for k, v in f.items()) for f in feats],
                         dtype=np.float32)
            ui = np.array([UPOS_INDEX.get(c.upos, UPOS_INDEX["X"]) for c in cands], dtype=np.intp)
            hit = (s, ui)
            if len(self._static) > 300_000:
                self._static.clear()
            self._static[key] = hit
        return hit

    def score(self, base, static, ui, logmass, logupos, prev: int, nxt: int, short: float,
              passive: float):
        return (base + static + (self.w_lm + self.lm_u[ui]) * logmass + (self.w_lu + self.lu_u[ui]) * logupos
                + self.prev[prev, ui] + self.next[nxt, ui] + short * self.short_u[ui]
                + passive * self.pass_u[ui])


def load(np):
    """The shipped model, the one named by $DEREK_RU_RERANK, or None (off / missing / broken)."""
    env = os.environ.get(ENV_PATH)
    if env and env.lower() in ("off", "none", "0"):
        return None
    path = Path(env) if env else MODEL_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {k: float(v) for k, v in data["weights"].items() if math.isfinite(float(v))}
        return Reranker(weights, np)
    except Exception:
        return None
