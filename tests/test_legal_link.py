"""Legal acts in the registry (pipeline/link_acts.py): titles without their dates, and the acts two
versions of one text cite paired by what their titles are about (invented texts)."""
from __future__ import annotations

import pandas as pd

from conftest import run_derek
from pipeline.link_acts import align_act_versions, title_dice, title_words


def test_legal_link_title_words_leave_the_date_out():
    kk = [("Заңы", "заң", "NOUN"), ("2015", "2015", "NUM"), ("жылғы", "жылық", "NOUN"),
          ("23", "23", "NUM"), ("қарашадағы", "қараша", "NOUN")]
    ru = [("Закон", "закон", "NOUN"), ("от", "от", "ADP"), ("23", "23", "ADJ"), ("ноября", "ноябрь", "NOUN"),
          ("2015", "2015", "ADJ"), ("года", "год", "NOUN"), ("О", "о", "ADP"), ("службе", "служба", "NOUN")]
    assert [w[0] for w in title_words(kk)] == ["Заңы"]
    assert [w[0] for w in title_words(ru)] == ["Закон", "О", "службе"]


def test_legal_link_versions_pair_acts_of_one_kind_by_their_titles():
    from types import SimpleNamespace as R

    def act(sid, n, kind="law", year=None, keys=()):
        return R(type="legal_act", source_id=sid, record_id=f"a{n}", kind=kind, year=year, keys=list(keys))

    recs = [act("kk", 1), act("kk", 2, year=2001), act("kk", 3, kind="code"),
            act("ru", 1, year=2001), act("ru", 2), act("ru", 3, kind="law")]
    about = {("kk", "a1"): frozenset({"social", "~STN"}), ("kk", "a2"): frozenset({"~TVK", "service"}),
             ("kk", "a3"): frozenset({"~TVK", "~TLN"}),
             ("ru", "a1"): frozenset({"~TVK", "~TLN"}), ("ru", "a2"): frozenset({"social", "~STN", "~MNM"}),
             ("ru", "a3"): frozenset({"~TVK", "~TLN"})}
    pairs = align_act_versions(recs, about, {"kk": "kk", "ru": "kk"}, lambda i: i)
    assert pairs == [(0, 4), (1, 3)]  # the code (kk a3) is no law, whatever its title
    # a year or a number each version gives differently keeps two acts apart
    recs[0].year, recs[4].year = 1997, 1999
    recs[1].keys, recs[3].keys = [("act", "act|law|12")], [("act", "act|law|13")]
    pairs = align_act_versions(recs, about, {"kk": "kk", "ru": "kk"}, lambda i: i)
    assert (0, 4) not in pairs and (1, 3) not in pairs
    assert title_dice(frozenset(), frozenset({"social"})) == 0.0


def test_legal_link_two_versions_cite_one_unnumbered_law(tmp_path):
    """A text and its translation (they print the same numbers) each cite two laws by title only:
    each law of one version is one entity with its translation in the other, and the two laws stay two."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "v_kk.txt").write_text(
        "2016 жылы 145 өтініш қаралды, оның 37-сі қанағаттандырылды, 108-і қайтарылды. "
        "Бағдарламаға 312 млн теңге бөлінді, оның 96 млн теңгесі 2017 жылы игерілді. Мектептердің 48-і жөнделді. "
        "Жұмыс «Ең төмен әлеуметтік стандарттар және олардың кепілдіктері туралы» Заңға және "
        "«Адвокаттық қызмет туралы» Заңға сәйкес жүргізіледі.\n", encoding="utf-8")
    (src / "v_ru.txt").write_text(
        "В 2016 году рассмотрено 145 заявлений, из них 37 удовлетворено, 108 возвращено. "
        "На программу выделено 312 млн тенге, из них 96 млн тенге освоено в 2017 году. Отремонтировано 48 школ. "
        "Работа ведется в соответствии с Законом «О минимальных социальных стандартах и их гарантиях» и "
        "Законом «Об адвокатской деятельности».\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run_derek("run", str(src), "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr
    acts = pd.read_parquet(out / "tables" / "legal_acts.parquet")
    ent = dict(zip(acts.canonical, acts.entity_id))
    kk_social = next(e for n, e in ent.items() if "стандарттар" in n)
    ru_social = next(e for n, e in ent.items() if "стандартах" in n)
    kk_lawyers = next(e for n, e in ent.items() if "Адвокаттық" in n)
    ru_lawyers = next(e for n, e in ent.items() if "адвокатской" in n)
    assert kk_social == ru_social and kk_lawyers == ru_lawyers and kk_social != kk_lawyers, acts[["canonical", "entity_id"]]


def test_legal_link_versions_pair_the_last_act_of_a_kind_left():
    """Two versions each left with one law no key and no shared concept pairs (the term tables know
    none of the title's words) cite the same law; with two laws left on one side, none is chosen."""
    from types import SimpleNamespace as R

    def act(sid, n, kind="law", year=None):
        return R(type="legal_act", source_id=sid, record_id=f"a{n}", kind=kind, year=year, keys=[])

    recs = [act("kk", 1, year=2017), act("kk", 2, kind="code"), act("ru", 1), act("ru", 2, kind="code")]
    about = {("kk", "a1"): frozenset({"~KRQ", "~SRB"}), ("kk", "a2"): frozenset({"~ENB"}),
             ("ru", "a1"): frozenset({"~STB", "~KSP"}), ("ru", "a2"): frozenset({"~TRD"})}
    versions = {"kk": "kk", "ru": "kk"}
    assert align_act_versions(recs, about, versions, lambda i: i) == [(0, 2), (1, 3)]
    recs.append(act("ru", 3, year=2001))  # a second law in Russian: which one is the Kazakh law's?
    about[("ru", "a3")] = frozenset({"~ZHR"})
    assert align_act_versions(recs, about, versions, lambda i: i) == [(1, 3)]
    recs[-1].kind, recs[0].year, recs[2].year = "decree", 2017, 2010  # two years: two laws
    assert align_act_versions(recs, about, versions, lambda i: i) == [(1, 3)]
