"""The corpus registry: one entity id per organisation / act across sources and languages."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import run_derek
from pipeline.link import act_number_key
from pipeline.link_names import _analyse_names, latin_concept, name_key, skeleton


def _key(lang: str, name: str) -> frozenset[str]:
    return name_key(_analyse_names([(lang, name)])[0], lang)[0]


@pytest.mark.parametrize("a,b", [
    (("kk", "Қазақстан Халқы Ассамблеясы"), ("ru", "Ассамблея народа Казахстана")),
    (("ru", "Министерство юстиции"), ("kk", "Әділет министрлігі")),
    (("en", "Ministry of Justice"), ("kk", "Әділет министрлігі")),
    (("ru", "Томский государственный университет"), ("en", "Tomsk State University")),
    (("kk", "Орталық сайлау комиссиясы"), ("ru", "Центральная избирательная комиссия")),
    (("kk", "Қазақстан Республикасының Әділет министрлігі"), ("kk", "Әділет министрлігі")),
    (("kk", "Astana zangerlik jane mediatsiia ortalygy"), ("kk", "Астана заңгерлік және медиация орталығы")),
    # a body noun read alone as a verb (басқар-) still means a department through its nominal stem
    (("kk", "Облыстық қаржы басқармасы"), ("ru", "Областное финансовое управление")),
    # a Kazakh place name written as it is in a Russian text: one name in both (invented company)
    (("kk", "Алматы Тау Инвест"), ("ru", "Алматы Тау Инвест")),
    # a Kazakh compound written as one word or as two (invented bodies of one oblast)
    (("kk", "облыстық мал дәрігерлік басқармасы"), ("kk", "облыстық малдәрігерлік басқармасы")),
    (("kk", "облыстың ауылшаруашылық департаменті"), ("kk", "облыстың ауыл шаруашылығы департаменті")),
    (("kk", "облыстың ауылшаруашылық департаменті"), ("ru", "департамент сельского хозяйства области")),
    # a Russian stump compound means its two words (invented bodies)
    (("ru", "городской Комитет по госимуществу"), ("kk", "қалалық мемлекеттік мүлік комитеті")),
    (("ru", "Управление соцзащиты"), ("ru", "Управление социальной защиты")),
    # "управление" after a preposition is managing, not a department (invented committee)
    (("ru", "городской комитет по управлению земельными ресурсами"),
     ("kk", "жер ресурстарын басқару жөніндегі қалалық комитет")),
    # an abbreviation with a Kazakh case ending after a hyphen is the abbreviation (invented centre)
    (("kk", "Облыстық ЖИТС-ке қарсы күрес орталығы"), ("kk", "Облыстық ЖИТС қарсы күрес орталығы")),
    # a listed word misspelt by one letter, as a scan misreads it, keeps its meaning
    (("kk", "Қазақстан Ресиубликасы Үкіметі"), ("ru", "Правительство Республики Казахстан")),
    (("ru", "Депаратамент юстиции"), ("kk", "Әділет департаменті")),
    # a compound broken after its hyphen is one word (invented farm)
    (("kk", "Көк- Терек шаруашылығы"), ("ru", "хозяйство Көк-Терек")),
    # a stump written alone with its stop, and stumps in a row (invented bodies)
    (("ru", "Обл. суд"), ("kk", "облыстық сот")),
    (("ru", "Областное управление Госсанэпиднадзора"),
     ("ru", "областное управление государственного санитарно-эпидемиологического надзора")),
    # Kazakh letters written as Russian ones (an old code page): халыкты = халықты
    (("kk", "облыстық халыкты әлеуметтік қорғау басқармасы"), ("kk", "облыстық халықты әлеуметтік қорғау басқармасы")),
])
def test_link_same_body_same_key(a, b):
    assert _key(*a) == _key(*b)


@pytest.mark.parametrize("a,b", [
    (("kk", "Әділет министрлігі"), ("kk", "Әділет министрлігінің Тіркеу қызметі комитеті")),
    (("kk", "Медиацияны дамыту орталығы"), ("kk", "Медиацияны дамыту орталығы Ассоциациясы")),
    (("ru", "Министерство юстиции"), ("ru", "Министерство финансов")),
    # a department is still a department when it stands first (invented bodies)
    (("ru", "управление водных ресурсов"), ("ru", "комитет по управлению водными ресурсами")),
    # a word one letter from a listed one but not a misspelling of it: a worker is no work
    (("kk", "Жұмысшылар кәсіподағы"), ("kk", "Жұмыс кәсіподағы")),
])
def test_link_different_bodies_different_keys(a, b):
    assert _key(*a) != _key(*b)


@pytest.mark.parametrize("a,b", [("77-р", "77"), ("401-V ҚРЗ", "401-V ЗРК"), ("№ 12-п", "№ 12"),
                                 ("149-ІІ", "149-II")])  # a Roman numeral typed with the Kazakh letter І
def test_link_act_numbers_without_the_kind_mark_of_their_language(a, b):
    assert act_number_key(a) == act_number_key(b) != ""


def test_link_act_numbers_keep_their_digits():
    assert act_number_key("9-96") != act_number_key("9-95")
    assert act_number_key("қаулы") == ""


@pytest.mark.parametrize("words", [("Алматы", "алматинский", "Almaty"), ("Қазақстан", "Казахстана", "Kazakhstan")])
def test_link_skeleton_is_script_independent(words):
    assert len({skeleton(w) for w in words}) == 1


@pytest.mark.parametrize("word,concept", [("ortalygy", "centre"), ("mediatsiia", "mediation")])
def test_link_latin_kazakh_words(word, concept):
    assert latin_concept(word) == concept


KK = ("Қазақстан Халқы Ассамблеясы (ҚХА) 1995 жылы құрылды. Биыл ҚХА 120 жиын өткізді. "
      "Қаржы министрлігі 2019 жылы 30 057 өтініш қабылдады.\n")
RU = ("Ассамблея народа Казахстана (АНК) создана в 1995 году. В этом году АНК провела 120 собраний. "
      "Министерство финансов в 2019 году приняло 30 057 обращений.\n")


def _entities(out):
    by_name = {}
    for fp in sorted((out / "facts").glob("*.json")):
        f = json.loads(fp.read_text(encoding="utf-8"))
        for o in f["organisations"]:
            by_name[o["canonical"]] = o.get("entity_id")
    return by_name


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    (src / "a_kk.txt").write_text(KK, encoding="utf-8")
    (src / "b_ru.txt").write_text(RU, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "o"
    r = run_derek("run", str(src), "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr
    return src, out


def test_link_one_id_across_languages(two_languages):
    _, out = two_languages
    ents = _entities(out)
    kk = {k: v for k, v in ents.items() if "Ассамбле" in k}
    assert len(set(kk.values())) == 1 and len(kk) == 2, ents
    assert ents.get("Қаржы министрлігі") == ents.get("Министерство финансов") is not None, ents
    table = pd.read_parquet(out / "tables" / "entities.parquet")
    row = table[table.entity_id == next(iter(kk.values()))].iloc[0]
    assert row.n_sources == 2 and set(row.abbrs) >= {"ҚХА", "АНК"}
    orgs = pd.read_parquet(out / "tables" / "organisations.parquet")
    assert orgs.entity_id.notna().all()


def test_link_independent_of_order_and_workers(two_languages, tmp_path):
    src, out = two_languages
    out2 = tmp_path / "o2"
    r = run_derek("run", str(src / "b_ru.txt"), str(src / "a_kk.txt"), "-o", str(out2), "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert _entities(out) == _entities(out2)


def test_link_sample_keeps_distinct_organisations_apart(sample_out):
    """Organisations of the sample with different names (or descriptors) never share an entity."""
    orgs = pd.read_parquet(sample_out / "tables" / "organisations.parquet")
    names = orgs.assign(key=orgs.canonical.str.lower() + "|" + orgs.descriptor.fillna(""))
    assert names.groupby("entity_id").key.nunique().max() == 1
    assert orgs.entity_id.nunique() == names.key.nunique()


def test_link_entities_command_lists_most_mentioned_first(two_languages):
    _, out = two_languages
    r = run_derek("entities", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and rows == sorted(rows, key=lambda x: -x["n_mentions"])
    assembly = [x for x in rows if "ҚХА" in x["abbrs"]]
    assert assembly and assembly[0]["name_kk"] and assembly[0]["name_ru"]


def test_link_entities_command_on_a_folder_without_registry(tmp_path):
    r = run_derek("entities", str(tmp_path))
    assert r.returncode == 2 and "entities.parquet" in r.stderr and "Traceback" not in r.stderr


def test_link_review_page_shows_other_names(two_languages):
    _, out = two_languages
    r = run_derek("report", str(out))
    assert r.returncode == 0, r.stderr
    pages = {p.name: p.read_text(encoding="utf-8") for p in (out / "report").glob("a_kk*.html")}
    assert pages and any("other names:" in t and "Ассамблея народа Казахстана (ru)" in t for t in pages.values())


def test_link_evaluate_scores_a_graders_split(two_languages, tmp_path):
    """A grader who splits one entity (a new entity_id on one record) makes derek's link a false positive."""
    from pipeline.evaluate import evaluate, read_facts

    _, out = two_languages
    pred = read_facts(out)
    assert evaluate(pred, pred)["types"]["entity_links"]["precision"] == 1.0
    gold = json.loads(json.dumps(pred))
    for facts in gold.values():
        for o in facts["organisations"]:
            if o["canonical"] == "Ассамблея народа Казахстана":
                o["entity_id"] = "split-by-grader"
    r = evaluate(gold, pred)["types"]["entity_links"]
    assert r["fp"] == 1 and r["precision"] < 1.0


def test_link_body_without_a_name_links_only_within_its_region(tmp_path):
    """Every oblast has an `Областное управление финансов`: one id per region, not one for the country."""
    src = tmp_path / "src"
    src.mkdir()
    for name, text in {
        "a_ru.txt": "Аким Алматинской области утвердил план. Областное управление финансов выделило 500 млн тенге "
                    "на ремонт школ Алматинской области.\n",
        "b_ru.txt": "Аким Жамбылской области утвердил план. Областное управление финансов выделило 300 млн тенге "
                    "на ремонт дорог Жамбылской области.\n",
        "c_ru.txt": "В Алматинской области открыты 12 школ. Областное управление финансов выделило 200 млн тенге.\n",
    }.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = run_derek("run", str(src), "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr
    orgs = pd.read_parquet(out / "tables" / "organisations.parquet")
    ids = {sid.split("-")[0]: eid for sid, eid, name in zip(orgs.source_id, orgs.entity_id, orgs.canonical)
           if name == "Областное управление финансов"}
    assert ids["a_ru"] == ids["c_ru"] != ids["b_ru"], ids


@pytest.mark.parametrize("lang,a,b", [
    ("kk", "1997-1998 жылдарға арналған облыстық бағдарлама", "1998-2000 жылдарға арналған облыстық бағдарлама"),
    ("ru", "Программа занятости на 2001 год", "Программа занятости на 2002 год"),
])
def test_link_programmes_of_different_periods_are_two(lang, a, b):
    from pipeline.link import _period

    wa, wb = _analyse_names([(lang, a), (lang, b)])
    assert name_key(wa, lang)[0] == name_key(wb, lang)[0]  # the words alone say the same
    assert _period(wa) != _period(wb) != ""  # the years keep them apart


def _run_texts(tmp_path, texts: dict[str, str]):
    """``derek run`` over invented texts (``{file name: text}``); the output folder."""
    src = tmp_path / "src"
    src.mkdir()
    for name, text in texts.items():
        (src / name).write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run_derek("run", str(src), "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr
    return out


def test_link_region_of_a_source_is_its_oblast_not_its_town(tmp_path):
    """An act of a town of an oblast, and its translation, are both about the oblast, however often
    each names the town (invented texts); `Управление финансов` and `облыстық қаржы басқармасы` of the
    two are then the oblast's one finance department."""
    out = _run_texts(tmp_path, {
        "t_kk.txt": "Алматы облысы әкімінің шешімі. Текелі қаласы әкімдігі Текелі қаласында 5 мектеп салады. "
                    "Текелі қаласы бойынша жоспар бекітілді. Облыстық қаржы басқармасы 100 млн теңге бөледі.",
        "t_ru.txt": "Решение акима Алматинской области. Акимат города Текели построит в городе 5 школ. "
                    "План по городу утвержден. Управление финансов выделит 100 млн тенге."})
    from pipeline.link import source_regions
    ids = sorted(pd.read_parquet(out / "tables" / "organisations.parquet").source_id.unique())
    regions = source_regions(out, list(ids))
    assert set(regions.values()) == {"LMT"}, regions
    orgs = pd.read_parquet(out / "tables" / "organisations.parquet")
    fin = {eid for eid, name in zip(orgs.entity_id, orgs.canonical) if "қаржы" in name or "финансов" in name}
    assert len(fin) == 1, orgs[["canonical", "entity_id"]]


def test_link_a_kind_alone_says_no_body_of_the_region():
    from pipeline.link_names import implied_by_region, says_which

    assert implied_by_region(frozenset({"~LMT", "oblast", "customs", "department"}), "LMT") == {"customs", "department"}
    assert implied_by_region(frozenset({"oblast", "department"}), "LMT") is None
    assert implied_by_region(frozenset({"~LMT", "~TKL", "company"}), "LMT") is None  # a proper name is left
    assert says_which(frozenset({"oblast", "maslikhat"}), "LMT")
    assert not says_which(frozenset({"district", "department"}), "LMT")


def test_link_two_versions_of_one_text_are_one_scope(tmp_path):
    """A text and its translation print the same numbers (invented texts): they are told one text
    (so their bodies without a proper name are compared in one scope), and a third text naming
    `Управление финансов` with other numbers is not, and keeps its own body."""
    out = _run_texts(tmp_path, {
        "v_kk.txt": "Облыстық қаржы басқармасы 2016 жылы 145 өтінішті қарады, оның 37-сі қанағаттандырылды, 108-і "
                    "қайтарылды. Бағдарламаға 312 млн теңге бөлінді, оның 96 млн теңгесі 2017 жылы игерілді. "
                    "Мектептердің 48-і жөнделді.",
        "v_ru.txt": "Управление финансов в 2016 году рассмотрело 145 заявлений, из них 37 удовлетворено, 108 "
                    "возвращено. На программу выделено 312 млн тенге, из них 96 млн тенге освоено в 2017 году. "
                    "Отремонтировано 48 школ.",
        "w_ru.txt": "Управление финансов в 2019 году рассмотрело 21 заявление, из них 5 удовлетворено. "
                    "На ремонт выделено 64 млн тенге."})
    from pipeline.link import parallel_versions
    orgs = pd.read_parquet(out / "tables" / "organisations.parquet")
    versions = parallel_versions(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_name = {e["path"].split(".")[0]: e["source_id"] for e in manifest["sources"]}
    assert versions.get(by_name["v_kk"]) == versions.get(by_name["v_ru"]) is not None
    assert by_name["w_ru"] not in versions
    fin = {sid: eid for eid, sid, name in zip(orgs.entity_id, orgs.source_id, orgs.canonical) if "финансов" in name}
    assert fin[by_name["v_ru"]] != fin[by_name["w_ru"]]  # one name, two texts: two bodies


def test_link_two_versions_pair_a_body_named_in_other_words(tmp_path):
    """Two versions of one (invented) text name a property committee in different words, and each
    names a department of its own that the other lacks: the committees are one entity ("aligned"),
    the two departments (education, finance) stay two."""
    out = _run_texts(tmp_path, {
        "v_kk.txt": "2016 жылы 145 өтініш қаралды, оның 37-сі қанағаттандырылды, 108-і қайтарылды. Бақылау "
                    "Облыстық мемлекеттік мүлікті басқару жөніндегі комитетке жүктелсін. 2017 жылы Облыстық Білім "
                    "басқармасына 312 млн теңге бөлінді, оның 96 млн теңгесі игерілді. Мектептердің 48-і жөнделді.",
        "v_ru.txt": "В 2016 году рассмотрено 145 заявлений, из них 37 удовлетворено, 108 возвращено. Контроль "
                    "возложить на Областной комитет по госимуществу. В 2017 году Областное управление финансов "
                    "выделило 312 млн тенге, из них 96 млн тенге освоено. Отремонтировано 48 школ."})
    orgs = pd.read_parquet(out / "tables" / "organisations.parquet")
    ent = {name: eid for name, eid in zip(orgs.canonical, orgs.entity_id)}
    kk_committee = next(e for n, e in ent.items() if "мүлікті" in n)
    ru_committee = next(e for n, e in ent.items() if "госимуществу" in n)
    assert kk_committee == ru_committee
    kk_dept = next(e for n, e in ent.items() if "Білім" in n)
    ru_dept = next(e for n, e in ent.items() if "финансов" in n)
    assert kk_dept != ru_dept
    links = pd.read_parquet(out / "tables" / "entity_links.parquet")
    assert "aligned" in set(links[links.entity_id == kk_committee].evidence)


def test_link_two_versions_pair_a_body_named_with_and_without_its_owner(tmp_path):
    """One (invented) text: the Russian version names a committee with the ministry that owns it, the
    Kazakh one without: one entity ("aligned"); the ministry named on its own stays another."""
    out = _run_texts(tmp_path, {
        "w_kk.txt": "2016 жылы 145 өтініш қаралды, оның 37-сі қанағаттандырылды, 108-і қайтарылды. Бақылау "
                    "Әкімшілік полиция комитетіне жүктелсін. 2017 жылы Ішкі істер министрлігі 312 млн теңге "
                    "бөлді, оның 96 млн теңгесі игерілді. Мектептердің 48-і жөнделді.",
        "w_ru.txt": "В 2016 году рассмотрено 145 заявлений, из них 37 удовлетворено, 108 возвращено. Контроль "
                    "возложить на Комитет административной полиции Министерства внутренних дел. В 2017 году "
                    "Министерство внутренних дел выделило 312 млн тенге, из них 96 млн тенге освоено. "
                    "Отремонтировано 48 школ."})
    orgs = pd.read_parquet(out / "tables" / "organisations.parquet")
    ent = {name: eid for name, eid in zip(orgs.canonical, orgs.entity_id)}
    kk_committee = next(e for n, e in ent.items() if "полиция комитеті" in n)
    ru_committee = next(e for n, e in ent.items() if n.startswith("Комитет административной"))
    assert kk_committee == ru_committee
    ministry = {e for n, e in ent.items() if n.startswith(("Ішкі істер министрлігі", "Министерство внутренних"))}
    assert len(ministry) == 1 and kk_committee not in ministry


def test_link_one_body_in_two_versions_needs_one_kind_and_one_level():
    from pipeline.link import one_body_in_two_versions

    committee = frozenset({"committee", "oblast", "land", "resource"})
    assert one_body_in_two_versions(committee, committee | {"management"}) is not None
    assert one_body_in_two_versions(committee, frozenset({"department", "oblast", "land", "resource"})) is None
    assert one_body_in_two_versions(committee, frozenset({"committee", "district", "land", "resource"})) is None
    assert one_body_in_two_versions(frozenset({"fund", "~JBK"}), frozenset({"fund", "centre", "~JBK"})) is None


def test_link_short_form_of_a_name_within_one_source(tmp_path):
    """An invented Russian text names a department in full, then by its first remit only: one entity
    ("short"); a hospital with one adjective more is another hospital."""
    out = _run_texts(tmp_path, {"r.txt":
        "В 2018 году Областное управление труда и социальной защиты населения выплатило 312 млн тенге "
        "пособий. Областное управление труда проверило 48 предприятий. Областная детская клиническая "
        "больница приняла 1200 детей, Областная клиническая больница приняла 3400 больных."})
    orgs = pd.read_parquet(out / "tables" / "organisations.parquet")
    ent = {name: eid for name, eid in zip(orgs.canonical, orgs.entity_id)}
    full = next(e for n, e in ent.items() if "социальной" in n)
    short = next(e for n, e in ent.items() if n.lower() == "областное управление труда")
    assert full == short
    hospitals = {e for n, e in ent.items() if "больница" in n}
    assert len(hospitals) == 2


def _token_table(out, sources):
    """A run's token table with only what ``parallel_versions`` reads: {source_id: (lang, [words])}."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    rows = [(sid, w, lang) for sid, (lang, words) in sources.items() for w in words]
    (out / "tables").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"source_id": [r[0] for r in rows], "text": [r[1] for r in rows],
                             "lang": [r[2] for r in rows]}), out / "tables" / "tokens.parquet")


def test_link_short_versions_pair_on_few_numbers(tmp_path):
    from pipeline.link import parallel_versions
    words = ["сөз"] * 40
    _token_table(tmp_path, {
        "a_kk": ("kk", words + ["17", "245", "1998", "12"]),
        "a_ru": ("ru", words + ["17", "245", "1998", "12"]),
        "b_ru": ("ru", words + ["17", "1998", "7", "8", "9"]),  # a text sharing two of them
        "c_kk": ("kk", words * 3 + ["5", "6", "7", "8"]),  # as many numbers in common with b, three times as long
    })
    v = parallel_versions(tmp_path)
    assert v.get("a_kk") == v.get("a_ru") is not None
    assert "b_ru" not in v and "c_kk" not in v


def test_link_versions_pair_in_a_large_batch(tmp_path):
    """Numbers that every text prints (1, 2, a common year) tell nothing: in a batch of many texts
    they are left out of the overlap, and two versions still pair on the numbers they share."""
    from pipeline.link import MAX_NUMBER_SOURCES, parallel_versions
    common = ["1", "2", "2020"] * 4
    own = ["311", "4470", "58", "1207", "96", "333", "8100", "64"]
    sources = {f"n{i:03d}_{lang}": (lang, ["сөз"] * 30 + common + [str(1000 + 2 * i + (lang == "ru"))])
               for i in range(MAX_NUMBER_SOURCES // 2 + 1) for lang in ("kk", "ru")}
    sources["act_kk"] = ("kk", ["сөз"] * 30 + common + own)
    sources["act_ru"] = ("ru", ["слово"] * 30 + common + own)
    _token_table(tmp_path, sources)
    v = parallel_versions(tmp_path)
    assert v.get("act_kk") == v.get("act_ru") is not None
    assert not any(s.startswith("n") for s in v)


def test_link_acts_of_one_number_and_two_years_are_two(tmp_path):
    """Two (invented) texts cite a decree No 70, of 2003 and of 1999: two acts, two ids; the Kazakh
    version of the first, which gives no year, goes with its Russian version."""
    out = _run_texts(tmp_path, {
        "a_kk.txt": "Қазақстан Республикасы Президентінің N 70 Жарлығына сәйкес 2003 жылы 145 шаруашылыққа 37 млн "
                    "теңге, 108 фермерге 312 млн теңге несие берілді, оның 96 млн теңгесі қайтарылды, 48 техника "
                    "алынды.",
        "a_ru.txt": "Указом Президента Республики Казахстан от 21 января 2003 года № 70 в 2003 году 145 "
                    "хозяйствам выдано 37 млн тенге, 108 фермерам 312 млн тенге кредитов, из них 96 млн тенге "
                    "возвращено, куплено 48 единиц техники.",
        "b_ru.txt": "Указом Президента Республики Казахстан от 28 января 1999 года № 70 в 1999 году 17 "
                    "больницам выдано 5 млн тенге, 9 поликлиникам 11 млн тенге кредитов, из них 4 млн тенге "
                    "возвращено, куплено 6 единиц оборудования и 15 машин скорой помощи."})
    acts = pd.read_parquet(out / "tables" / "legal_acts.parquet")
    ids = {}
    for sid, eid, num in zip(acts.source_id, acts.entity_id, acts.number):
        if num and "70" in str(num):
            ids.setdefault(sid, set()).add(eid)
    assert len(ids) == 3, ids
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_name = {Path(s["path"]).stem: s["source_id"] for s in manifest["sources"]}
    a_kk, a_ru, b_ru = (ids[by_name[n]] for n in ("a_kk", "a_ru", "b_ru"))
    assert a_kk == a_ru and a_ru != b_ru
