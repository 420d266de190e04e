"""What registration compares and what the screens mask: names, phones, emails."""

import pytest

from lib.phones import format_phone, normalise_phone
from lib.text import fold_name, mask_email, mask_phone, mask_ssn
from portal.registration import ClientDetails, details_match
from returns.models import TaxReturn


def ana(**changes: str) -> ClientDetails:
    details = {
        "username": "ana.garcia",
        "password": "Garden&Path7",
        "email": "",
        "phone": "",
        "last_name": "García",
        "ssn_last_four": "0789",
    }
    details.update(changes)
    return ClientDetails(**details)


@pytest.mark.parametrize(
    "typed", ["García", "garcia", "  GARCÍA  ", "Garci\u0301a", "GARCIA"]
)
def test_a_name_folds_away_case_accents_and_spaces(typed: str) -> None:
    assert fold_name(typed) == "garcia"


def test_folding_keeps_the_letters_that_differ() -> None:
    assert fold_name("Garza") != fold_name("García")
    assert fold_name("De la  Cruz") == "de la cruz"


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("(555) 111-2222", "+15551112222"),
        ("+1 555-111-2222", "+15551112222"),
        ("555.111.2222", "+15551112222"),
        ("1-555-111-2222", "+15551112222"),
        ("+34 612 34 56 78", "+34612345678"),
    ],
)
def test_a_phone_is_normalised_to_e164_with_the_us_as_default(
    typed: str, e164: str
) -> None:
    assert normalise_phone(typed) == e164


@pytest.mark.parametrize("typed", ["12", "phone", "", "555-1234"])
def test_what_is_not_a_whole_phone_number_is_refused(typed: str) -> None:
    assert normalise_phone(typed) is None


def test_a_us_phone_is_shown_in_the_national_format() -> None:
    assert format_phone("+12025550143") == "(202) 555-0143"
    assert format_phone("+34612345678") == "+34 612 34 56 78"
    assert format_phone("") == ""


def test_masks_show_only_a_little() -> None:
    assert mask_email("sheila@example.com") == "she****@com"
    assert mask_phone("+17035550197") == "70****97"
    assert mask_ssn("0789") == "***-**-0789"


def test_the_returns_details_match(return_a: TaxReturn) -> None:
    taxpayer = return_a.taxpayer

    assert details_match(taxpayer, ana(email="ana@example.com"))
    assert details_match(taxpayer, ana(email=" Ana@Example.com "))
    assert details_match(taxpayer, ana(phone="(555) 111-2222"))
    assert details_match(taxpayer, ana(phone="+1 555-111-2222", last_name=" garcia"))


def test_each_wrong_detail_fails_the_match(return_a: TaxReturn) -> None:
    taxpayer = return_a.taxpayer

    assert not details_match(taxpayer, ana(email="ana@example.com", last_name="Garza"))
    assert not details_match(
        taxpayer, ana(email="ana@example.com", ssn_last_four="0788")
    )
    assert not details_match(taxpayer, ana(email="ana@example.org"))
    assert not details_match(taxpayer, ana(phone="(555) 111-2223"))
    assert not details_match(taxpayer, ana())


def test_an_empty_phone_on_the_return_matches_no_typed_phone(
    return_a: TaxReturn,
) -> None:
    taxpayer = return_a.taxpayer
    taxpayer.phone = ""
    taxpayer.save()

    assert not details_match(taxpayer, ana(phone="garbage"))
    assert details_match(taxpayer, ana(email="ana@example.com"))
