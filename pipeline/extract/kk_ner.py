"""A Kazakh statistical entity tagger (linear-chain CRF) for organisations, laws and projects.

Trained by ``bench/train_kk_org.py`` on KazNERD (CC BY 4.0) with python-crfsuite; the
weights are exported to ``models/kk_org_crf.npz`` + ``models/kk_org_crf.json`` and decoded
here with numpy (Viterbi), so run time needs neither crfsuite nor pickle.

Features: word shape, prefixes, suffixes, a stem from stripping the endings in
``pipeline/data/kk/suffixes.tsv``, flags for org head nouns and legal forms, a
two-word context window, a typed gazetteer, unsupervised word clusters over stems (stored in
the model JSON; learnt by the trainer from unlabelled KazNERD text) and, when the model was
trained with them, where the Kazakh organisation rules
(``pipeline.extract.organisations.kk_rule_candidates``) put a name.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from pipeline.resources import MODELS, load_list, load_set

MODEL_STEM = "kk_org_crf"
# the same tagger trained on KazNERD and on sentences of official acts whose organisations the
# Russian version names (bench/project_kzlaw.py): acts name a body in every sentence, news seldom
ACT_MODEL_STEM = "kk_org_act_crf"
from pipeline.extract.kk_words import (  # noqa: F401 - part of this module's interface
    _WORD, _heads, _legal_forms, _suffixes, is_head, shape, stem, stems, tokenize,
)
from pipeline.extract.org_kk import kk_rule_candidates, kk_state_bodies, roman_numeral  # noqa: F401
from pipeline.extract.kk_tidy import (  # noqa: F401 - part of this module's interface
    cell_words, cells, label_alone, markup_words, spans, tidy_labels,
)
from pipeline.morph import tag_many

@lru_cache(maxsize=8192)  # per word form; the dict is shared, read and never changed
def _token_features(word: str) -> dict[str, float]:
    low = word.lower()
    st = stem(word)
    f = {
        "w=" + low: 1.0,
        "st=" + st: 1.0,
        "sh=" + shape(word): 1.0,
        "s2=" + low[-2:]: 1.0,
        "s3=" + low[-3:]: 1.0,
        "s4=" + low[-4:]: 1.0,
        "s5=" + low[-5:]: 1.0,
        "p3=" + low[:3]: 1.0,
        "p4=" + low[:4]: 1.0,
    }
    f.update(shape_flags(word))
    if is_head(word):
        f["head"] = 1.0
    if word in _legal_forms():
        f["lform"] = 1.0
    return f


def shape_flags(word: str) -> dict[str, float]:
    """Capitalisation, digit and Latin-script flags of a word (features of both NER taggers)."""
    f: dict[str, float] = {}
    if word[:1].isupper():
        f["title"] = 1.0
    if word.isupper() and len(word) > 1:
        f["upper"] = 1.0
    if any(c.isdigit() for c in word):
        f["digit"] = 1.0
    if re.search(r"[A-Za-z]", word):
        f["latin"] = 1.0
    return f


def gazetteer_key(words: Sequence[str]) -> str:
    """The key a name is listed under: stems of its words (case forms agree)."""
    return " ".join(stem(w) for w in words)


def gazetteer_marks(words: Sequence[str], gazetteer) -> list[Optional[str]]:
    """``B-TYPE``/``I-TYPE`` where the longest listed name (up to 6 words) covers a word.

    ``gazetteer`` maps a :func:`gazetteer_key` to the entity type it was seen with most.
    """
    if not gazetteer:
        return [None] * len(words)
    return longest_marks([stem(w) for w in words], gazetteer, max_words=6)


def longest_marks(keys: Sequence[str], gazetteer, *, max_words: int) -> list[Optional[str]]:
    """IOB marks of the longest runs of ``keys`` (up to ``max_words``) that ``gazetteer`` lists,
    left to right: ``['қазақстан', 'халық', 'ассамблея']`` → ``['B-ORG', 'I-ORG', 'I-ORG']``."""
    n = len(keys)
    marks: list[Optional[str]] = [None] * n
    i = 0
    while i < n:
        hit, typ = 0, None
        for L in range(min(max_words, n - i), 0, -1):
            typ = gazetteer.get(" ".join(keys[i:i + L]))
            if typ:
                hit = L
                break
        if hit:
            for k in range(i, i + hit):
                marks[k] = ("B-" if k == i else "I-") + typ
            i += hit
        else:
            i += 1
    return marks


def rule_features(words: Sequence[str]) -> list[list[str]]:
    """``rule=B-<kind>`` / ``rule=I-<kind>`` for the words inside a name the Kazakh rules
    find in the sentence (its words joined by single spaces)."""
    text = " ".join(words)
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    out: list[list[str]] = [[] for _ in words]
    # a body of the state named by grammar (облыстық қаржы басқармасы) is one more cue: the
    # model learns when such a body is an organisation in its training data
    for d in kk_rule_candidates(text) + [dict(b, kind="body") for b in kk_state_bodies(text)]:
        idx = [k for k, st in enumerate(starts) if d["start"] <= st < d["end"]]
        for n_, k in enumerate(idx):
            out[k].append("rule=" + ("B" if n_ == 0 else "I") + "-" + d["kind"])
    return out


def quote_pairs(words: Sequence[str]):
    """(i, j) of each opening quote word and its closing quote at most 19 words later.

    >>> list(quote_pairs(["«", "Бөбек", "»", "қоры"]))
    [(0, 2)]
    """
    n = len(words)
    i = 0
    while i < n:
        if words[i] in "«“„":
            j = i + 1
            while j < n and words[j] not in "»”" and j - i < 20:
                j += 1
            if j < n and words[j] in "»”":
                yield i, j
            i = j
        i += 1


def sentence_features(words: Sequence[str], gazetteer=None, clusters=None,
                      rules: Optional[Sequence[Sequence[str]]] = None) -> list[dict[str, float]]:
    """CRF features for each word of one sentence (own word, ±2 context, quote state, names
    of a gazetteer of organisations seen in training, word clusters of the stems —
    ``clusters`` maps a :func:`stem` to its cluster ids, coarse to fine — and the rule
    features of :func:`rule_features`)."""
    base = [_token_features(w) for w in words]
    n = len(words)
    gaz = gazetteer_marks(words, gazetteer)
    cl = [clusters.get(stem(w)) for w in words] if clusters else None
    inside = []
    depth = 0
    for w in words:
        if w in "«“„":
            depth += 1
        inside.append(depth > 0)
        if w in "»”" and depth:
            depth -= 1
    # for a word inside quotes: the words just outside them (the type of a quoted name
    # shows there: «Бөбек» қорының → ORG, «Қара сөздерінің» аудиодискісін → ART)
    q_before: list[Optional[str]] = [None] * n
    q_after: list[Optional[str]] = [None] * n
    for i, j in quote_pairs(words):
        before = words[i - 1] if i > 0 else "BOS"
        after = words[j + 1] if j + 1 < n else "EOS"
        for k in range(i + 1, j):
            q_before[k], q_after[k] = before, after
    out = []
    for i in range(n):
        f = {"bias": 1.0}
        f.update(base[i])
        if inside[i]:
            f["inq"] = 1.0
        if gaz[i]:
            f["gaz=" + gaz[i]] = 1.0
            f["gaz=" + gaz[i][:1]] = 1.0
        for off in (-1, 1):
            if 0 <= i + off < n and gaz[i + off]:
                f[f"{off}:gaz=" + gaz[i + off]] = 1.0
        if q_after[i] is not None:
            qa, qb = q_after[i], q_before[i]
            f["qa=" + stem(qa)] = 1.0
            f["qa3=" + qa.lower()[-3:]] = 1.0
            f["qb=" + qb.lower()] = 1.0
            if is_head(qa):
                f["qa:head"] = 1.0
            if qa in _legal_forms():
                f["qa:lform"] = 1.0
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                w = words[j]
                low = w.lower()
                f[f"{off}:w={low}"] = 1.0
                f[f"{off}:st={stem(w)}"] = 1.0
                f[f"{off}:sh={shape(w)}"] = 1.0
                if abs(off) == 1:
                    f[f"{off}:s3={low[-3:]}"] = 1.0
                    if "head" in base[j]:
                        f[f"{off}:head"] = 1.0
                    if "lform" in base[j]:
                        f[f"{off}:lform"] = 1.0
            else:
                f[f"{off}:{'BOS' if j < 0 else 'EOS'}"] = 1.0
        if i > 0:
            f["bi=" + words[i - 1].lower() + "|" + words[i].lower()] = 1.0
        # the rest of the phrase ends in a head noun within three words
        for j in range(i, min(n, i + 4)):
            if "head" in base[j]:
                f[f"headin{j - i}"] = 1.0
                f["headst=" + stem(words[j])] = 1.0
                break
        if cl is not None:
            if cl[i]:
                for g, c in enumerate(cl[i]):
                    f[f"c{g}={c}"] = 1.0
            else:
                f["c=none"] = 1.0
            for off in (-2, -1, 1, 2):
                j = i + off
                if 0 <= j < n and cl[j]:
                    f[f"{off}:c1={cl[j][1]}"] = 1.0
                    if abs(off) == 1:
                        f[f"{off}:c2={cl[j][2]}"] = 1.0
        if rules is not None:
            for r in rules[i]:
                f[r] = 1.0
        out.append(f)
    return out


def extra_features(words: Sequence[str]) -> list[list[str]]:
    """More word features (a model trained with ``meta.extra_features`` reads them): the
    ending :func:`stem` strips (``end=ның``), the position inside an enclosing pair of quotes
    (``qpos=first|mid|last|only``) and, for a word followed by an org head noun later in the
    same phrase (words and quotes only in between), how far it is and the head's stem.

    >>> extra_features(['«', 'Бөбек', '»', 'балалар', 'қорының', 'директоры'])[1]
    ['end=', 'qpos=only', 'hd=3', 'hdst=қор']
    """
    n = len(words)
    out: list[list[str]] = [[] for _ in words]
    for i, w in enumerate(words):
        low = w.lower()
        st = stem(w)
        out[i].append("end=" + (low[len(st):] if low.startswith(st) else "~"))
    for i, j in quote_pairs(words):
        for k in range(i + 1, j):
            pos = ("only" if j - i == 2 else "first" if k == i + 1
                   else "last" if k == j - 1 else "mid")
            out[k].append("qpos=" + pos)
    heads = [is_head(w) for w in words]
    for i in range(n):
        for j in range(i + 1, min(n, i + 9)):
            if heads[j]:
                d = j - i
                out[i].append("hd=" + (str(d) if d <= 3 else "4-5" if d <= 5 else "6-8"))
                out[i].append("hdst=" + stem(words[j]))
                break
            if not (words[j][:1].isalnum() or words[j] in "«»“”„\"-"):
                break
    return out


_LAYER_FEATS = ("Case=", "Number=", "Person[psor]=")


def layer_features(words: Sequence[str]) -> list[list[str]]:
    """What the language layer reads in each word of the sentence (``pipeline.morph``, the
    sentence analysed once, in context): its UPOS, lemma, case, number and possessor
    features, the UPOS of the words next to it and the UPOS pair with the word before.
    A model trained with ``meta.layer_features`` reads them.

    >>> f = layer_features(["Үкімет", "шешті"])
    >>> "upos=VERB" in f[1] and "-1:upos=" + f[0][0][5:] in f[1]
    True
    """
    an = tag_many([list(words)], "kk")[0] if words else []
    n = len(an)
    out = []
    for i, w in enumerate(an):
        f = ["upos=" + w.upos, "lem=" + (w.lemma or "").lower(),
             "upos2=" + (an[i - 1].upos if i else "BOS") + "|" + w.upos]
        f += ["ft=" + x for x in (w.feats or "").split("|") if x.startswith(_LAYER_FEATS)]
        for off in (-1, 1):
            if 0 <= i + off < n:
                f.append(f"{off}:upos={an[i + off].upos}")
        out.append(f)
    return out


def _word_class(word: str) -> str:
    """One letter per word for :func:`conj_features`: ``H`` an org head noun, ``L`` a legal
    form, ``Q`` a quote, ``C`` capitalised, ``U`` all capitals, ``d`` a number, ``p`` other
    punctuation, ``x`` a lower-case word."""
    if word in _legal_forms():
        return "L"
    if is_head(word):
        return "H"
    if word in "«»“”„\"":
        return "Q"
    if word.isupper() and len(word) > 1:
        return "U"
    if word[:1].isupper():
        return "C"
    if any(c.isdigit() for c in word):
        return "d"
    return "x" if word[:1].isalpha() else "p"


def conj_features(words: Sequence[str]) -> list[list[str]]:
    """Feature conjunctions (a model trained with ``meta.conj_features`` reads them): stem
    bigrams (``sb-=`` previous|own stem, ``sb+=`` own|next stem), the next word bigram, the
    word-class pattern of the word and its neighbours (:func:`_word_class`: capitalised
    neighbours with org head nouns and legal forms, ``cp=CCH``), that pattern up to two words
    ahead, and for a word inside quotes the length of the quoted span, with and without the
    class of the word after the closing quote.

    >>> conj_features(['«', 'Бөбек', '»', 'қорының', 'директоры'])[1]
    ['sb-=«|бөбек', 'sb+=бөбек|»', 'wb+=бөбек|»', 'cp=QCQ', 'cp+=CQH', 'ql=1', 'ql=1|H']
    """
    n = len(words)
    st = [stem(w) for w in words]
    cls = [_word_class(w) for w in words]
    out: list[list[str]] = [[] for _ in words]
    for i in range(n):
        f = out[i]
        f.append("sb-=" + (st[i - 1] if i else "BOS") + "|" + st[i])
        f.append("sb+=" + st[i] + "|" + (st[i + 1] if i + 1 < n else "EOS"))
        f.append("wb+=" + words[i].lower() + "|" + (words[i + 1].lower() if i + 1 < n else "EOS"))
        f.append("cp=" + (cls[i - 1] if i else "^") + cls[i] + (cls[i + 1] if i + 1 < n else "$"))
        f.append("cp+=" + "".join(cls[j] if j < n else "$" for j in range(i, i + 3)))
    for i, j in quote_pairs(words):
        L = str(min(j - i - 1, 5))
        after = cls[j + 1] if j + 1 < n else "$"
        for k in range(i + 1, j):
            out[k] += ["ql=" + L, "ql=" + L + "|" + after]
    return out


def lower_stems(sent_words: Sequence[Sequence[str]], min_count: int = 2) -> frozenset[str]:
    """Stems of the words written in lower case inside sentences (not first, not after a
    sentence end or an opening quote) at least ``min_count`` times: common words, from
    unlabelled text. ``Ұлттық`` is one (``ұлттық`` occurs in running text), ``Назарбаев``
    is not."""
    from collections import Counter
    cnt: Counter = Counter()
    for ws in sent_words:
        for i, w in enumerate(ws):
            if (i and w[:1].islower() and w[:1].isalpha()
                    and ws[i - 1] not in {".", "!", "?", "«", "\"", "“", "„", ":"}):
                cnt[stem(w)] += 1
    return frozenset(s for s, c in cnt.items() if c >= min_count)


@lru_cache(maxsize=None)
def hand_lexicon() -> frozenset[str]:
    """The hand-written open- and closed-class words of the Kazakh morphology data
    (``verbs``, ``adjectives``, ``adverbs``, ``nouns``, ``closed``; see
    ``pipeline/data/kk/CARD.md``), lower case."""
    out = set()
    for name in ("kk/verbs.txt", "kk/adjectives.txt", "kk/adverbs.txt", "kk/nouns.txt"):
        out.update(w.lower() for w in load_list(name) if " " not in w)
    for line in load_list("kk/closed.txt"):
        parts = line.split("\t")
        out.add(parts[0].strip().lower())
        if len(parts) > 2:
            out.update(x.lower() for x in parts[2].split())
    return frozenset(out)


@lru_cache(maxsize=None)
def hunspell_lexicon() -> frozenset[str]:
    """The lower-case entries of hunspell-kk when installed (GPL; read at run time only,
    never copied into derek's files), else an empty set."""
    from pipeline.morph.kk_lexicon import HUNSPELL_DIC
    try:
        lines = HUNSPELL_DIC.read_text(encoding="utf-8", errors="ignore").splitlines()[1:]
    except OSError:
        return frozenset()
    words = (line.strip().lstrip("\ufeff").partition("/")[0] for line in lines)
    return frozenset(w for w in words if w[:1].islower() and " " not in w)


def named_lexicons(names: Sequence[str], stored: Optional[dict] = None) -> dict:
    """The lexicons of :func:`dict_features` by name: ``h`` :func:`hand_lexicon`, ``u``
    :func:`hunspell_lexicon`, any other from ``stored`` (lists kept in the model JSON)."""
    out = {}
    for n in names:
        if n == "h":
            out[n] = hand_lexicon()
        elif n == "u":
            out[n] = hunspell_lexicon()
        else:
            out[n] = frozenset((stored or {}).get(n, ()))
    return out


def in_lexicon(word: str, lexicon) -> bool:
    """Whether the word or one of its :func:`stems` is in ``lexicon`` (a set of lower-case
    stems): stems are compared both ways, so a lexicon of :func:`stem` keys also works."""
    return stem(word) in lexicon or any(s in lexicon for s in stems(word))


def dict_features(words: Sequence[str], lexicons) -> list[list[str]]:
    """Dictionary membership (a model trained with ``meta.dict_features`` reads them):
    for each named lexicon (``{"t": lower_stems(...), ...}``) ``lx=<name>`` when the word's
    stem is in it; for a capitalised word ``clx=<name>`` (a common word written as a
    name: an organisation's description, ``Ұлттық``) or ``clx=none`` (a proper name), and
    the same for its capitalised neighbours (``-1:clx=…``, ``1:clx=…``).

    >>> dict_features(['Ұлттық', 'банк', 'Назарбаев'], {'t': {'ұлттық', 'банк'}})
    [['lx=t', 'clx=t', '1:lc'], ['lx=t', '-1:clx=t', '1:clx=none'], ['clx=none', '-1:lc']]
    """
    n = len(words)
    hit = [[name for name, lex in lexicons.items() if in_lexicon(w, lex)] for w in words]
    cap = [w[:1].isupper() for w in words]
    out: list[list[str]] = [[] for _ in words]
    for i in range(n):
        f = out[i]
        f += ["lx=" + h for h in hit[i]]
        if cap[i]:
            f += ["clx=" + h for h in hit[i]] or ["clx=none"]
        for off in (-1, 1):
            j = i + off
            if 0 <= j < n and words[j][:1].isalpha():
                if cap[j]:
                    f += [f"{off}:clx=" + h for h in hit[j]] or [f"{off}:clx=none"]
                elif cap[i]:
                    f.append(f"{off}:lc")
    return out


def context_features(doc_words: Sequence[Sequence[str]], doc_labels: Sequence[Sequence[str]],
                     window: int) -> list[list[list[str]]]:
    """Document-context features of a stacked (second-pass) tagger, per sentence and word.

    ``doc_labels`` are first-pass labels of the sentences of one document, in order. For
    sentence ``s`` the names predicted in the *other* sentences within ±``window`` are a
    small gazetteer keyed by :func:`gazetteer_key`: ``dc=B-<type>`` / ``dc=I-<type>`` where
    its longest name covers a word, and ``ds=<type>`` when the word's stem occurs inside a
    name of that type there.

    >>> doc = [['Бөбек', 'қоры', 'ашылды'], ['Бөбекке', 'барды']]
    >>> lab = [['B-ORGANISATION', 'I-ORGANISATION', 'O'], ['O', 'O']]
    >>> context_features(doc, lab, 1)[1][0]
    ['ds=ORGANISATION']
    """
    n = len(doc_words)
    keys = [[stem(w) for w in ws] for ws in doc_words]
    found = []  # per sentence: (key, type, stems)
    for ws, ks, labs in zip(doc_words, keys, doc_labels):
        found.append([(" ".join(ks[i:j]), t, ks[i:j]) for t, i, j in spans(labs)])
    out: list[list[list[str]]] = []
    for s in range(n):
        gaz: dict[str, dict[str, int]] = {}
        st_types: dict[str, set] = {}
        for t in range(max(0, s - window), min(n, s + window + 1)):
            if t == s:
                continue
            for key, typ, ks in found[t]:
                c = gaz.setdefault(key, {})
                c[typ] = c.get(typ, 0) + 1
                for k in ks:
                    st_types.setdefault(k, set()).add(typ)
        best = {k: max(c, key=lambda x: (c[x], x)) for k, c in gaz.items()}
        marks = longest_marks(keys[s], best, max_words=6) if best else [None] * len(keys[s])
        row = []
        for k, m in zip(keys[s], marks):
            f = ["dc=" + m] if m else []
            f += ["ds=" + t for t in sorted(st_types.get(k, ()))]
            row.append(f)
        out.append(row)
    return out


def stack_features(feats: list[dict[str, float]], labels: Sequence[str],
                   context: Optional[Sequence[Sequence[str]]] = None) -> list[dict[str, float]]:
    """First-pass features of one sentence plus what the first pass predicted: ``p1=<label>``
    for the word and its neighbours (±1) and the document context of :func:`context_features`.

    >>> stack_features([{"bias": 1.0}, {"bias": 1.0}], ["B-ORGANISATION", "O"], [["ds=PERSON"], []])[0]
    {'bias': 1.0, 'p1=B-ORGANISATION': 1.0, '1:p1=O': 1.0, 'ds=PERSON': 1.0}
    """
    n = len(feats)
    out = []
    for i, f in enumerate(feats):
        g = dict(f)
        g["p1=" + labels[i]] = 1.0
        if i > 0:
            g["-1:p1=" + labels[i - 1]] = 1.0
        if i + 1 < n:
            g["1:p1=" + labels[i + 1]] = 1.0
        if context is not None:
            for c in context[i]:
                g[c] = 1.0
        out.append(g)
    return out


class KkTagger:
    """A linear-chain CRF decoded with numpy; build with :func:`load_tagger`."""

    def __init__(self, labels: list[str], attrs: dict[str, int], state: np.ndarray,
                 trans: np.ndarray, gazetteer: Optional[dict] = None,
                 clusters: Optional[dict] = None, use_rules: bool = False):
        self.gazetteer = gazetteer or {}
        self.clusters = clusters or None
        self.use_rules = use_rules
        self.use_extra = False  # extra_features (meta.extra_features)
        self.use_conj = False  # conj_features (meta.conj_features)
        self.use_layer = False  # layer_features (meta.layer_features)
        self.lexicons: dict = {}  # dict_features (meta.dict_features names them)
        self.labels = labels
        self.attrs = attrs
        self.state = state  # (n_attrs, n_labels)
        self.trans = trans  # (n_labels, n_labels): from -> to
        self.stack: Optional["KkTagger"] = None  # second pass (see tag_document)
        self.stack_window = 0

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 labels for one sentence (``[]`` for no words)."""
        if not words:
            return []
        if self.stack is not None:
            return self.tag_document([words])[0]
        return tidy_labels(words, self.tag_features(self.features(words)))

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 labels for the sentences of one document, in order. A stacked model tags
        twice: the second pass reads the first pass's labels of the sentence and the names it
        found in the sentences within ±``stack_window`` (:func:`context_features`)."""
        feats = [self.features(ws) if ws else [] for ws in sentences]
        first = [self.tag_features(f) for f in feats]
        if self.stack is None:
            return [tidy_labels(ws, lab) for ws, lab in zip(sentences, first)]
        ctx = context_features(sentences, first, self.stack_window)
        return [tidy_labels(ws, self.stack.tag_features(stack_features(f, lab, c))) if f else []
                for ws, f, lab, c in zip(sentences, feats, first, ctx)]

    def features(self, words: Sequence[str]) -> list[dict[str, float]]:
        """The feature dicts this model was trained with, for one sentence."""
        rules = rule_features(words) if self.use_rules else None
        return model_features(words, self.gazetteer, self.clusters, rules,
                              extra=self.use_extra, conj=self.use_conj, lexicons=self.lexicons,
                              layer=self.use_layer)

    def emissions(self, feats: list[dict[str, float]]) -> np.ndarray:
        """State scores, one row per word and one column per label."""
        emit = np.zeros((len(feats), len(self.labels)))
        get = self.attrs.get
        for i, f in enumerate(feats):
            idx = [j for j in map(get, f) if j is not None]
            if idx:
                emit[i] = self.state[idx].sum(axis=0)
        return emit

    def tag_features(self, feats: list[dict[str, float]]) -> list[str]:
        """IOB2 labels for one sentence given its feature dicts."""
        if not feats:
            return []
        return [self.labels[k] for k in viterbi(self.emissions(feats), self.trans)]


def model_features(words: Sequence[str], gazetteer=None, clusters=None, rules=None, *,
                   extra: bool = False, conj: bool = False, lexicons=None,
                   layer: bool = False) -> list[dict[str, float]]:
    """:func:`sentence_features` with the optional blocks a model's meta switches on
    (:func:`extra_features`, :func:`conj_features`, :func:`dict_features` over ``lexicons``):
    the features of training and of tagging come from here."""
    feats = sentence_features(words, gazetteer, clusters, rules)
    blocks = []
    if extra:
        blocks.append(extra_features(words))
    if conj:
        blocks.append(conj_features(words))
    if lexicons:
        blocks.append(dict_features(words, lexicons))
    if layer:
        blocks.append(layer_features(words))
    for block in blocks:
        for f, ex in zip(feats, block):
            for e in ex:
                f[e] = 1.0
    return feats


def viterbi(emit: np.ndarray, trans: np.ndarray, start: Optional[np.ndarray] = None) -> list[int]:
    """The best label indices of a linear chain: ``emit`` (n, L) scores, ``trans`` (L, L)
    from-to scores, ``start`` (L) scores of the first label (none by default)."""
    n, L = emit.shape
    score = emit[0].copy() if start is None else emit[0] + start
    back = np.zeros((n, L), dtype=np.int32)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + emit[i]
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def _weights(labels, state, trans, suffix=""):
    attrs = sorted({a for a, _ in state})
    a_idx = {a: i for i, a in enumerate(attrs)}
    l_idx = {l: i for i, l in enumerate(labels)}
    rows = np.array([a_idx[a] for a, _ in state], dtype=np.int32)
    cols = np.array([l_idx[l] for _, l in state], dtype=np.int16)
    vals = np.array(list(state.values()), dtype=np.float32)
    tr = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in trans.items():
        tr[l_idx[a], l_idx[b]] = w
    return attrs, {"rows" + suffix: rows, "cols" + suffix: cols, "vals" + suffix: vals,
                   "trans" + suffix: tr}


def save_tagger(path_stem: Path, labels: list[str], state: dict[tuple[str, str], float],
                trans: dict[tuple[str, str], float], meta: dict, gazetteer=(),
                clusters=None, stack: Optional[dict] = None, lexicons: Optional[dict] = None) -> None:
    """Write the CRF weights as ``<stem>.json`` (labels, attributes, meta) + ``<stem>.npz``.

    ``lexicons``: word lists of :func:`dict_features` stored in the JSON (key ``lexicons``;
    ``meta.dict_features`` names the lexicons the model reads, see :func:`named_lexicons`).

    ``stack``: a second-pass CRF, ``{"labels", "state", "trans", "window"}``, stored in the
    same two files (arrays ``rows2``, ``cols2``, ``vals2``, ``trans2``; JSON key ``stack``)."""
    attrs, arrays = _weights(labels, state, trans)
    spec = {"labels": labels, "attrs": attrs, "meta": meta,
            "gazetteer": dict(sorted(dict(gazetteer).items())),
            "clusters": dict(sorted((clusters or {}).items()))}
    if lexicons:
        spec["lexicons"] = {k: sorted(v) for k, v in sorted(lexicons.items())}
    if stack:
        attrs2, arrays2 = _weights(stack["labels"], stack["state"], stack["trans"], "2")
        arrays.update(arrays2)
        spec["stack"] = {"labels": stack["labels"], "attrs": attrs2,
                         "window": int(stack["window"])}
    np.savez_compressed(str(path_stem) + ".npz", **arrays)
    with open(str(path_stem) + ".json", "w", encoding="utf-8") as f:
        json.dump(spec, f, ensure_ascii=False)


def act_tagger() -> Optional[KkTagger]:
    """The tagger of official acts (``models/kk_org_act_crf.*``), else the general one."""
    return load_tagger(str(MODELS / ACT_MODEL_STEM)) or load_tagger()


@lru_cache(maxsize=4)
def load_tagger(path_stem: Optional[str] = None) -> Optional[KkTagger]:
    """The trained tagger, loaded once per process; ``None`` when the model is absent."""
    stem_path = Path(path_stem) if path_stem else MODELS / MODEL_STEM
    try:
        with open(str(stem_path) + ".json", encoding="utf-8") as f:
            spec = json.load(f)
        arr = np.load(str(stem_path) + ".npz", allow_pickle=False)
    except (OSError, ValueError):
        return None
    labels, attrs = spec["labels"], spec["attrs"]
    state = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    state[arr["rows"], arr["cols"]] = arr["vals"]
    tagger = KkTagger(labels, {a: i for i, a in enumerate(attrs)}, state, arr["trans"],
                      dict(spec.get("gazetteer") or {}),
                      {k: tuple(v) for k, v in (spec.get("clusters") or {}).items()},
                      bool((spec.get("meta") or {}).get("rule_features")))
    meta = spec.get("meta") or {}
    tagger.use_extra = bool(meta.get("extra_features"))
    tagger.use_conj = bool(meta.get("conj_features"))
    tagger.use_layer = bool(meta.get("layer_features"))
    if meta.get("dict_features"):
        tagger.lexicons = named_lexicons(meta["dict_features"], spec.get("lexicons"))
    st = spec.get("stack")
    if st:
        labels2, attrs2 = st["labels"], st["attrs"]
        state2 = np.zeros((len(attrs2), len(labels2)), dtype=np.float32)
        state2[arr["rows2"], arr["cols2"]] = arr["vals2"]
        tagger.stack = KkTagger(labels2, {a: i for i, a in enumerate(attrs2)}, state2,
                                arr["trans2"])
        tagger.stack_window = int(st.get("window", 0))
    return tagger
