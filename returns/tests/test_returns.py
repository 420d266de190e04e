"""Returns: the firm's list and search, creating and editing, and SSN safety."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import make_return
from firms.models import Firm
from returns.models import FilingStatus, Person, Role, TaxReturn

RETURNS = reverse("office:returns")
CREATE = reverse("office:return_create")


def return_form(**changes: str) -> dict[str, str]:
    data = {
        "tax_year": "2025",
        "filing_status": FilingStatus.SINGLE,
        "taxpayer-first_name": "Sheila",
        "taxpayer-last_name": "Okafor",
        "taxpayer-ssn": "012-34-5678",
        "taxpayer-date_of_birth": "1979-11-02",
        "taxpayer-phone": "(202) 555-0143",
        "taxpayer-email": "sheila@example.com",
    }
    data.update(changes)
    return data


def spouse_fields() -> dict[str, str]:
    return {
        "filing_status": FilingStatus.MARRIED_JOINT,
        "spouse-first_name": "Tunde",
        "spouse-last_name": "Okafor",
        "spouse-ssn": "987-65-0001",
        "spouse-date_of_birth": "1980-01-20",
        "spouse-phone": "",
        "spouse-email": "tunde@example.com",
    }


def raw_ssn_column(person: Person) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ssn_encrypted FROM returns_person WHERE id = %s", [person.pk]
        )
        return str(cursor.fetchone()[0])


def edit_url(tax_return: TaxReturn) -> str:
    return reverse("office:return_edit", args=[tax_return.pk])


def detail_url(tax_return: TaxReturn) -> str:
    return reverse("office:return_detail", args=[tax_return.pk])


def test_a_preparer_creates_a_return(office_a: Client, firm_a: Firm) -> None:
    response = office_a.post(CREATE, return_form())

    tax_return = TaxReturn.objects.get()
    assert response["Location"] == detail_url(tax_return)
    assert tax_return.firm == firm_a
    assert tax_return.tax_year == 2025
    sheila = tax_return.taxpayer
    assert sheila.full_name == "Sheila Okafor"
    assert sheila.get_ssn() == "012345678"
    assert sheila.phone == "+12025550143"
    assert tax_return.spouse is None


def test_the_ssn_is_encrypted_in_the_database(office_a: Client) -> None:
    office_a.post(CREATE, return_form())

    raw = raw_ssn_column(TaxReturn.objects.get().taxpayer)
    assert "012345678" not in raw
    assert "012-34-5678" not in raw
    assert "345678" not in raw


def test_the_ssn_is_shown_masked_after_entry(office_a: Client) -> None:
    office_a.post(CREATE, return_form())
    tax_return = TaxReturn.objects.get()

    pages = [
        office_a.get(detail_url(tax_return)),
        office_a.get(edit_url(tax_return)),
        office_a.get(RETURNS),
    ]

    for response in pages:
        page = response.content.decode()
        assert "***-**-5678" in page
        assert "012345678" not in page
        assert "012-34-5678" not in page


def test_the_phone_is_shown_formatted(office_a: Client) -> None:
    office_a.post(CREATE, return_form(**{"taxpayer-phone": "+1 202 555 0143"}))

    tax_return = TaxReturn.objects.get()
    page = office_a.get(detail_url(tax_return)).content.decode()
    assert "(202) 555-0143" in page
    assert "+12025550143" not in page


def test_a_joint_return_keeps_the_spouse(office_a: Client) -> None:
    office_a.post(CREATE, return_form(**spouse_fields()))

    tax_return = TaxReturn.objects.get()
    assert tax_return.spouse is not None
    assert tax_return.spouse.first_name == "Tunde"
    assert tax_return.spouse.get_ssn() == "987650001"
    page = office_a.get(detail_url(tax_return)).content.decode()
    assert "***-**-0001" in page


def test_a_joint_return_needs_the_spouse(office_a: Client) -> None:
    response = office_a.post(
        CREATE, return_form(filing_status=FilingStatus.MARRIED_JOINT)
    )

    assert response.status_code == 200
    assert not TaxReturn.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("taxpayer-ssn", "12345678", "Enter the 9 digits of the SSN."),
        ("taxpayer-ssn", "12345678a", "Enter the 9 digits of the SSN."),
        ("taxpayer-phone", "12", "Enter a valid mobile phone number."),
        ("tax_year", "1999", "Enter a tax year from 2000 to this year."),
    ],
)
def test_bad_values_are_refused(
    office_a: Client, field: str, value: str, message: str
) -> None:
    response = office_a.post(CREATE, return_form(**{field: value}))

    assert message in response.content.decode()
    assert not TaxReturn.objects.exists()


def test_editing_without_an_ssn_keeps_the_one_on_file(
    office_a: Client, return_a: TaxReturn
) -> None:
    edit = return_form(
        **{
            "taxpayer-first_name": "Ana María",
            "taxpayer-last_name": "García",
            "taxpayer-ssn": "",
        }
    )

    response = office_a.post(edit_url(return_a), edit)

    assert response["Location"] == detail_url(return_a)
    taxpayer = return_a.taxpayer
    assert taxpayer.first_name == "Ana María"
    assert taxpayer.get_ssn() == "123450789"
    assert return_a.people.count() == 1


def test_editing_with_a_new_ssn_replaces_it(
    office_a: Client, return_a: TaxReturn
) -> None:
    office_a.post(edit_url(return_a), return_form(**{"taxpayer-ssn": "111-22-3333"}))

    taxpayer = return_a.taxpayer
    assert taxpayer.get_ssn() == "111223333"
    assert taxpayer.ssn_last_four == "3333"
    assert "111223333" not in raw_ssn_column(taxpayer)


def test_the_edit_form_shows_the_phone_formatted(
    office_a: Client, firm_a: Firm
) -> None:
    tax_return = make_return(firm_a, phone="+12025550143")

    page = office_a.get(edit_url(tax_return)).content.decode()

    assert 'value="(202) 555-0143"' in page


def test_the_list_pages_twenty_returns_at_a_time(
    office_a: Client, firm_a: Firm
) -> None:
    for number in range(21):
        make_return(firm_a, last_name=f"Person{number:02d}")

    first = office_a.get(RETURNS).content.decode()
    second = office_a.get(RETURNS, {"page": 2}).content.decode()

    assert first.count("***-**-0789") == 20
    assert "Page 1 of 2" in first
    assert second.count("***-**-0789") == 1
    assert "Page 2 of 2" in second


def test_search_finds_a_return_by_name(
    office_a: Client, return_a: TaxReturn, joint_return_a: TaxReturn
) -> None:
    page = office_a.get(RETURNS, {"q": "rivera"}).content.decode()

    assert detail_url(joint_return_a) in page
    assert detail_url(return_a) not in page


def test_search_finds_a_return_by_the_last_four_with_leading_zeros(
    office_a: Client, return_a: TaxReturn, joint_return_a: TaxReturn
) -> None:
    page = office_a.get(RETURNS, {"q": "0034"}).content.decode()

    assert detail_url(joint_return_a) in page
    assert detail_url(return_a) not in page


def test_a_search_without_a_match_says_so(
    office_a: Client, return_a: TaxReturn
) -> None:
    page = office_a.get(RETURNS, {"q": "9999"}).content.decode()

    assert "No return matches your search." in page


def test_the_list_shows_only_the_firms_returns(
    office_a: Client, return_a: TaxReturn, return_b: TaxReturn
) -> None:
    listed = office_a.get(RETURNS).content.decode()
    searched = office_a.get(RETURNS, {"q": "0333"}).content.decode()

    assert detail_url(return_a) in listed
    assert detail_url(return_b) not in listed
    assert "Quinn" not in listed
    assert detail_url(return_b) not in searched


def test_a_colleague_sees_and_edits_the_firms_returns(
    colleague_a: object, return_a: TaxReturn
) -> None:
    colleague = Client()
    colleague.force_login(colleague_a)  # type: ignore[arg-type]

    assert colleague.get(detail_url(return_a)).status_code == 200
    assert colleague.get(edit_url(return_a)).status_code == 200


def test_another_firm_gets_not_found(office_b: Client, return_a: TaxReturn) -> None:
    assert office_b.get(detail_url(return_a)).status_code == 404
    assert office_b.get(edit_url(return_a)).status_code == 404

    response = office_b.post(edit_url(return_a), return_form())

    assert response.status_code == 404
    assert return_a.taxpayer.first_name == "Ana"


def test_a_client_or_a_stranger_is_sent_to_the_office_login(
    client_a: Client, return_a: TaxReturn
) -> None:
    for browser in (client_a, Client()):
        for url in (RETURNS, CREATE, detail_url(return_a)):
            response = browser.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("office:login"))


def test_the_creating_firm_owns_the_return_whatever_the_form_says(
    office_a: Client, firm_a: Firm, firm_b: Firm
) -> None:
    office_a.post(CREATE, {**return_form(), "firm": str(firm_b.pk)})

    assert TaxReturn.objects.get().firm == firm_a
    assert Person.objects.get().role == Role.TAXPAYER


def test_searching_without_accents_finds_a_name_written_with_them(
    office_a: Client, return_a: TaxReturn
) -> None:
    page = office_a.get(reverse("office:returns"), {"q": "garcia"}).content.decode()

    assert reverse("office:return_detail", args=[return_a.pk]) in page


def test_a_refused_return_form_does_not_show_the_typed_ssn_again(
    office_a: Client,
) -> None:
    response = office_a.post(
        reverse("office:return_create"),
        {"tax_year": "1999", "filing_status": "single", "taxpayer-ssn": "123-45-6789"},
    )

    assert response.status_code == 200
    assert "123-45-6789" not in response.content.decode()
    assert "123456789" not in response.content.decode()


def test_a_whole_ssn_typed_with_dashes_searches_by_its_last_four(
    office_a: Client, return_a: TaxReturn
) -> None:
    page = office_a.get(
        reverse("office:returns"), {"q": "123-45-0789"}
    ).content.decode()

    assert reverse("office:return_detail", args=[return_a.pk]) in page


def test_every_mistake_on_the_return_form_shows_at_once(office_a: Client) -> None:
    response = office_a.post(
        reverse("office:return_create"),
        {"tax_year": "1999", "filing_status": "single", "taxpayer-ssn": "12"},
    )

    page = response.content.decode()
    assert "Enter a tax year from 2000 to this year." in page
    assert "Enter the 9 digits of the SSN." in page
