"""Russian organisations in official acts: where a name cannot be (pipeline/extract/org_ru_tidy.py).
Every sentence here is invented."""
from __future__ import annotations

import pytest

from pipeline.extract.org_ru import ru_org_spans
from pipeline.extract.org_ru_context import state_bodies
from pipeline.extract.org_ru_tidy import circumstance_after, class_of_bodies, tidy_span
from pipeline.extract.org_ru_words import sentence_of
from pipeline.extract.organisations import person_with_initials


def _names(text: str) -> list[str]:
    s = sentence_of(text)
    return [text[a:b] for a, b in ru_org_spans([s])[0]]


def _bodies(text: str) -> list[str]:
    return [text[a:b] for a, b in state_bodies(sentence_of(text))]


def test_a_name_never_crosses_a_table_cell():
    text = "| Районная водно-спасательная служба | I | II |"
    s = sentence_of(text)
    got = [text[a:b] for a, b in tidy_span(s, 0, len(text))]
    assert "Районная водно-спасательная служба" in got
    assert not any("|" in g for g in got)


def test_a_legal_form_alone_is_no_name():
    names = _names("Приказ направить в Республиканское государственное предприятие на праве "
                   "хозяйственного ведения «Центр данных» для размещения.")
    assert "Республиканское государственное предприятие" not in names


def test_an_adjective_whose_noun_is_outside_the_span_is_no_name():
    assert "Эталонном" not in _names("Копию разместить в Эталонном контрольном банке актов.")
    assert "Эталонный" not in _names("Копию направить в Эталонный контрольный банк нормативных правовых актов.")


def test_a_month_opens_no_name():
    names = _names("Октябрь Областной совет ветеранов проводит смотр.")
    assert not any(n.startswith("Октябрь") for n in names)
    assert not any(n.startswith("Сентябрь") for n in _names("Сентябрь-октябрь Акимы районов проводят смотр."))


@pytest.mark.parametrize("text, name", [
    ("Средства выделить Управлению образования Акима области по согласованию с финансовым отделом.",
     "Управлению образования Акима области"),
    ("Средства выделить Управлению образования Акима Жамбылской области по представлению больницы.",
     "Управлению образования Акима Жамбылской области"),
    ("Областное управление казначейства при наличии переплаты возвращает средства.",
     "Областное управление казначейства"),
])
def test_a_circumstance_is_no_part_of_a_name(text, name):
    assert name in _names(text)


def test_a_remit_after_po_and_a_body_after_pri_stay():
    assert "Департамент по исполнению судебных актов Министерства юстиции" in _names(
        "Департамент по исполнению судебных актов Министерства юстиции провёл проверку.")


def test_a_state_body_does_not_end_on_a_preposition():
    assert _bodies("Областное управление казначейства при наличии переплаты возвращает средства.") == [
        "Областное управление казначейства"]


def test_a_body_noun_in_the_plural_is_a_class_of_bodies():
    assert _names("Возмещение затрат Министерствам, Государственным комитетам и акиматам.") == []
    assert _bodies("Городские отделы труда представляют отчёт.") == []
    assert _bodies("Районные финансовые отделы при формировании отчёта учитывают изъятия.") == []


def test_a_document_noun_alone_is_no_name():
    assert "Решения" not in _names("Контроль за исполнением Решения Акима возложить на заместителя.")


def test_a_word_in_another_case_after_the_head_ends_the_name():
    assert _names("Решение принимается членами Комиссии открытым голосованием.") == ["Комиссии"]


def test_a_hyphenated_surname_with_initials_is_a_person():
    assert person_with_initials("Ахмет-Оглы Б.Т.")
    assert person_with_initials("Ахметов Б.Т.")
    assert not person_with_initials("Министерство юстиции")


def _words(text: str, first: str, last: str):
    s = sentence_of(text)
    i = next(k for k, w in enumerate(s.words) if w.text == first)
    j = next(k for k, w in enumerate(s.words) if w.text == last and k >= i)
    return s.words[i:j + 1]


def test_plural_bodies_with_names_of_their_own_are_no_class():
    text = "Выступили солисты Большого и Мариинского театров и инженеры компаний Oracle."
    assert not class_of_bodies(_words(text, "Мариинского", "театров"))
    assert not class_of_bodies(_words(text, "компаний", "Oracle"))
    assert class_of_bodies(_words("Отчёт представили городские отделы труда.", "городские", "труда"))


def test_a_body_after_pri_is_attached_not_a_circumstance():
    assert not circumstance_after(_words("Совет при главном архитекторе города.", "главном", "архитекторе"))
    assert circumstance_after(_words("Управление при наличии переплаты.", "наличии", "переплаты"))


def test_a_quoted_name_is_left_as_it_is_and_the_authorities_are_one_body():
    assert "Уральской стали" in _names("Он занимал пост замгендиректора «Уральской стали» до 2010 года.")
    assert not class_of_bodies(_words("Канадские власти закрыли завод.", "Канадские", "власти"))


def test_plural_bodies_of_named_states_are_no_class():
    assert not class_of_bodies(_words("Правительства России и Китая подписали договор.", "Правительства", "Китая"))
    assert class_of_bodies(_words("Отделы аппарата акима области готовят отчёт.", "Отделы", "области"))


def test_an_operative_verb_in_capitals_ends_a_name_after_nested_titles():
    text = ("На основании постановления «О внесении изменений в постановление «О ставках акцизов» "
            "Жамбылский районный маслихат РЕШИЛ: утвердить ставки.")
    assert not any("РЕШИЛ" in n for n in _names(text))
