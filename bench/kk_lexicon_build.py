"""Induce Kazakh stems from KazNERD surface forms -> pipeline/data/kk/stems_kaznerd.txt.

KazNERD (Yeshpanov, Khassanov, Varol 2022, LREC; CC BY 4.0) has no lemmas. A stem is
kept when the suffix grammar of pipeline/morph/kk_suffixes.py explains several distinct
forms of the corpus as that stem plus inflection (or the bare stem occurs and at least one
inflected form does). Verb stems need verbal endings (-ып, -ған, -атын, -ады, -у ...).
POS: PROPN when the stem is capitalised inside sentences; ADJ when it occurs bare and in
front of another word nearly always; else NOUN.

Only the tune half of KazNERD valid is read (sentence ids ``kaznerd:<index>``, bench/common.py):
the entity labels decide PROPN, and the check half's names must not reach the lexicon.

Usage: python bench/kk_lexicon_build.py [KAZNERD_IOB2_FILE ...]
(default: $DEREK_DATA or ../shared/data, kaznerd/IOB2_valid.txt)
"""
from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.morph.kk_suffixes import segment  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from common import data_dir, half  # noqa: E402

OUT = ROOT / "pipeline" / "data" / "kk" / "stems_kaznerd.txt"
WORD = re.compile(r"^[а-яёәіңғүұқөһА-ЯЁӘІҢҒҮҰҚӨҺ]+$")
# entity types whose single words are proper names (not POSITION "Президент", not NORP "қазақ",
# not ORGANISATION heads like "Үкімет")
NAME_TYPES = ("PERSON", "GPE", "LOCATION", "FACILITY", "ART", "EVENT", "PRODUCT", "PROJECT", "LAW",
              "LANGUAGE", "AWARD")
from pipeline.morph.kk import _BAD_FINAL as BAD_FINAL  # noqa: E402

RARE_N = {"P1S", "P2S", "P2F", "P2P", "PRED"}
STRONG_V = {"CONVP", "EVID", "PRES", "PRES1S", "PRES2S", "PRES1P", "PRES2F", "PRES2P", "PART",
            "PARTDYQ", "IMPF", "VN", "AGENT", "GALY", "GANSHA", "INF", "INFSHY", "COND",
            "COND1S", "COND2S", "COND1P", "COND2F", "PARTNEG", "PAST", "PAST1S"}


def sentences(path: Path, *, tune_only: bool = True):
    """The sentences of a KazNERD IOB2 file as [(token, tag)]; by default only those of the tune
    half (``kaznerd:<index>``, bench/common.py), so that nothing of the check half reaches the lexicon."""
    sent: list[tuple[str, str]] = []
    n = 0

    def keep() -> bool:
        return not tune_only or half(f"kaznerd:{n}") == "tune"

    for line in path.open(encoding="utf-8"):
        line = line.strip()
        if not line:
            if sent:
                if keep():
                    yield sent
                n += 1
            sent = []
            continue
        tok, _, tag = line.rpartition(" ")
        sent.append((tok, tag))
    if sent and keep():
        yield sent


def main(paths: list[Path]) -> None:
    form_count: Counter[str] = Counter()
    cap_mid: Counter[str] = Counter()  # capitalised occurrences not sentence-initial
    cap_name: Counter[str] = Counter()  # ... of them inside a name entity
    mid: Counter[str] = Counter()  # all occurrences not sentence-initial
    prenominal: Counter[str] = Counter()  # followed by another word
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    ner: dict[str, Counter[str]] = defaultdict(Counter)  # entity type of each form
    for p in paths:
        for sent in sentences(p):
            for i, (tok, tag) in enumerate(sent):
                if not WORD.match(tok):
                    continue
                low = tok.lower()
                form_count[low] += 1
                spelling[low][tok] += 1
                ner[low][tag[2:] if tag != "O" else "O"] += 1
                if i > 0 and sent[i - 1][0] not in {".", "!", "?", "«", "\"", "–", ":"}:
                    mid[low] += 1
                    if tok[:1].isupper():
                        cap_mid[low] += 1
                        if tag[2:] in NAME_TYPES:
                            cap_name[low] += 1
                if i + 1 < len(sent) and WORD.match(sent[i + 1][0]):
                    prenominal[low] += 1

    forms = set(form_count)
    n_support: dict[str, set[str]] = defaultdict(set)
    v_support: dict[str, set[str]] = defaultdict(set)
    n_tokens: Counter[str] = Counter()
    v_tokens: Counter[str] = Counter()
    n_infl_tokens: Counter[str] = Counter()
    stem_cap: Counter[str] = Counter()
    stem_mid: Counter[str] = Counter()
    stem_spell: dict[str, Counter[str]] = defaultdict(Counter)
    stem_ner: dict[str, Counter[str]] = defaultdict(Counter)
    stem_cap_name: Counter[str] = Counter()
    for f, cnt in form_count.items():
        for c in segment(f):
            if "harm" in c.flags:
                continue
            if "drop" in c.flags and c.stem not in forms and c.stem[-3] + c.stem[-1] not in BAD_FINAL:
                continue
            if c.kind == "N" and len(c.stem) >= 3 and c.stem[-3] in "аәеоөұүыіэюя" and c.stem[-2:] in BAD_FINAL:
                continue  # орн, ауз: a stem whose vowel dropped; its full form gets the credit
            if c.kind == "N":
                if RARE_N & set(c.tags):
                    continue  # 1st/2nd person readings are rare in the corpus and mostly wrong
                if len(c.stem) <= 2 and form_count.get(c.stem, 0) < 5:
                    continue
                if c.tags:
                    n_support[c.stem].add(f)
                    n_infl_tokens[c.stem] += cnt
                n_tokens[c.stem] += cnt
                stem_cap[c.stem] += cap_mid[f]
                stem_mid[c.stem] += mid[f]
                stem_cap_name[c.stem] += cap_name[f]
                stem_ner[c.stem].update(ner[f])
                if f.startswith(c.stem):
                    for sp, k in spelling[f].items():
                        stem_spell[c.stem][sp[: len(c.stem)]] += k
            elif (c.tags and any(t in STRONG_V for t in c.tags) and "CONVA" not in c.tags
                  and "PASS" not in c.tags and "RCP" not in c.tags and "vnvowel" not in c.flags):
                # voice-stripped and vowel-restored readings earn no support: the plain
                # reading of the same form does, and other forms must attest the shorter stem
                v_support[c.stem].add(f)
                v_tokens[c.stem] += cnt

    def keep_n(s: str) -> bool:
        bare = form_count.get(s, 0)
        sup = len(n_support.get(s, ()))
        return (bare >= 1 and sup >= 1) or sup >= 3 or bare >= 3

    kept_n = {s for s in set(n_support) | forms if keep_n(s)}
    # drop stems that are themselves inflected forms of a well-attested deeper stem
    deeper_ok = {s for s in kept_n if form_count.get(s, 0) >= 1 and len(n_support.get(s, ())) >= 2}
    final_n = set()
    for s in kept_n:
        inflected = False
        for c in segment(s):
            if c.kind == "N" and c.tags and c.stem != s and c.stem in deeper_ok and "harm" not in c.flags:
                inflected = True
                break
        if not inflected:
            final_n.add(s)
    # second pass: a form whose verbal readings disagree (болып = бол+ып | болы+п) credits
    # only the reading(s) whose stem the first pass supported best
    v2: dict[str, set[str]] = defaultdict(set)
    v_by_form: dict[str, set[str]] = defaultdict(set)
    for s, fs in v_support.items():
        for f in fs:
            v_by_form[f].add(s)
    for f, stems in v_by_form.items():
        top = max(len(v_support[s]) for s in stems)
        for s in stems:
            if len(v_support[s]) == top:
                v2[s].add(f)
    v_support = v2
    final_v = {s for s, fs in v_support.items() if len(fs) >= (3 if len(s) <= 2 else 2)}
    # nominal 'stems' that are verb forms of a well-attested verb (деп, өткен, болып)
    strong_v = {s for s in final_v if len(v_support[s]) >= 3}
    for s in list(final_n):
        for c in segment(s):
            if (c.kind == "V" and c.tags and c.stem in strong_v and "harm" not in c.flags
                    and all(t in STRONG_V for t in c.tags) and "PASS" not in c.tags):
                final_n.discard(s)
                break

    rows = []
    for s in sorted(final_n):
        tokens = n_tokens[s]
        upos = "NOUN"
        names = sum(stem_ner[s][t] for t in NAME_TYPES)
        if stem_mid[s] >= 2 and stem_cap[s] / stem_mid[s] >= 0.7 and names >= 0.5 * sum(stem_ner[s].values()):
            upos = "PROPN"
            spell = stem_spell[s].most_common(1)
            name = spell[0][0] if spell and spell[0][0][:1].isupper() else s[:1].upper() + s[1:]
            rows.append((name, upos, tokens))
            continue
        bare = form_count.get(s, 0)
        if bare >= 3 and n_infl_tokens[s] <= 0.1 * tokens and prenominal[s] >= 0.85 * bare:
            upos = "ADJ"
        rows.append((s, upos, tokens))
    for s in sorted(final_v):
        rows.append((s, "VERB", v_tokens[s]))
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Stems induced from KazNERD surface forms (CC BY 4.0; Yeshpanov, Khassanov, Varol\n"
                  "# (2022) KazNERD, LREC 2022) by bench/kk_lexicon_build.py. Do not edit by hand.\n"
                  "# STEM<TAB>UPOS<TAB>token count of its forms\n")
        for s, u, t in rows:
            out.write(f"{s}\t{u}\t{t}\n")
    print(f"wrote {len(rows)} stems ({len(final_n)} nominal, {len(final_v)} verbal) to {OUT}")


UD_OUT = ROOT / "pipeline" / "data" / "kk" / "ud_forms.txt"


def build_ud_forms() -> None:
    """Word forms of UD Kazakh-KTB with their lemma and UPOS -> pipeline/data/kk/ud_forms.txt.

    From the **tune half** of the dev file (``half("ud:" + sent_id) == "tune"``) and the whole
    train file; never from the check half. One line per (form, lemma, UPOS) with its count,
    the form lower-cased; gold PUNCT, NUM and ``_`` lemmas are left out. The analyser reads
    a form's majority reading (pipeline/morph/kk_lexicon.py).
    """
    sys.path.insert(0, str(ROOT / "bench"))
    from common import half, require_data

    from pipeline.conllu import read_conllu
    ktb = require_data("ud_kk_ktb")
    counts: Counter = Counter()
    used = {}
    for name, keep in (("kk_ktb-ud-test-dev-half.conllu", lambda sid: half("ud:" + sid) == "tune"),
                       ("kk_ktb-ud-train.conllu", lambda sid: True)):
        n = 0
        for s in read_conllu((ktb / name).open(encoding="utf-8")):
            sid = next((c.split("=", 1)[1].strip() for c in s.comments if c.startswith("# sent_id")), "")
            if not keep(sid):
                continue
            n += 1
            for r in s.word_rows():
                form, lemma, upos = r[1], r[2], r[3]
                if upos in ("PUNCT", "NUM", "SYM") or lemma == "_" or not WORD.match(form.replace("-", "")):
                    continue
                counts[(form.lower(), lemma, upos)] += 1
        used[name] = n
    with UD_OUT.open("w", encoding="utf-8") as out:
        out.write("# form (lower case)\tlemma\tUPOS\tcount, from UD Kazakh-KTB (CC BY-SA 4.0): the tune half\n"
                  "# (bench/common.py: half) of kk_ktb-ud-test-dev-half.conllu and kk_ktb-ud-train.conllu;\n"
                  "# never the check half. Regenerate: python bench/kk_lexicon_build.py --ud\n")
        for (f, l, u), c in sorted(counts.items()):
            out.write(f"{f}\t{l}\t{u}\t{c}\n")
    print(f"wrote {len(counts)} form readings from {used} sentences to {UD_OUT}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--ud"]:
        build_ud_forms()
        sys.exit(0)
    args = [Path(a) for a in sys.argv[1:]] or [(data_dir() or ROOT.parent / "shared" / "data") / "kaznerd" /
                                                "IOB2_valid.txt"]
    main(args)
