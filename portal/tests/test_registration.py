"""Register Your Account: the invitation link, the matching, and its refusals."""

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.models import User
from portal.models import Invitation, Portal
from portal.tests.helpers import (
    ANA_PASSWORD,
    ANA_USERNAME,
    invite,
    register,
    register_url,
)
from returns.models import TaxReturn

MISMATCH = "These details do not match the tax return."
UTC = datetime.UTC


@pytest.fixture
def token(office_a: Client, return_a: TaxReturn) -> str:
    """Ana's link, emailed by her preparer a moment ago."""
    return invite(office_a, return_a, email="ana@example.com")


def assert_refused_without_naming_a_field(response: Any) -> None:
    page = response.content.decode()
    assert response.status_code == 200
    assert MISMATCH in page
    assert 'class="errorlist' not in page  # no error under any one field
    assert not User.objects.filter(username=ANA_USERNAME).exists()
    assert Invitation.objects.get().used_at is None


def test_the_link_opens_register_your_account(token: str) -> None:
    page = Client().get(register_url(token)).content.decode()

    assert "Register Your Account" in page
    assert "Firm A invited you" in page
    for label in ["User Name", "Password", "Email", "Phone Number", "Last Name"]:
        assert label in page
    assert "Last Four Of your SSN" in page
    assert "One special character (@$!%*?&amp;)" in page
    assert "25 characters maximum" in page


def test_opening_the_link_again_does_not_use_it_up(token: str) -> None:
    browser = Client()
    browser.get(register_url(token))
    browser.get(register_url(token))

    assert browser.get(register_url(token)).status_code == 200
    assert Invitation.objects.get().used_at is None


def test_registration_logs_the_client_in_and_asks_for_a_code(token: str) -> None:
    browser = Client()

    response = register(browser, token)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:verify")
    portal = Portal.objects.get()
    assert portal.user is not None
    assert portal.user.username == ANA_USERNAME
    assert portal.registered_at is not None
    assert portal.verified_at is None
    assert "Verify Account" in browser.get(reverse("portal:verify")).content.decode()


def test_a_used_link_says_so_and_points_to_the_login(token: str) -> None:
    register(Client(), token)

    response = Client().get(register_url(token))

    assert response.status_code == 410
    page = response.content.decode()
    assert "already used to create your account" in page
    assert reverse("portal:login") in page


def test_a_used_link_cannot_register_a_second_account(token: str) -> None:
    register(Client(), token)

    response = register(Client(), token, username="someone.else")

    assert response.status_code == 410
    assert not User.objects.filter(username="someone.else").exists()
    assert Portal.objects.get().user.username == ANA_USERNAME  # type: ignore[union-attr]


def test_an_expired_link_says_to_ask_for_a_new_one(
    office_a: Client, return_a: TaxReturn
) -> None:
    sent = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(sent, tick=False):
        token = invite(office_a, return_a, email="ana@example.com")
    with time_machine.travel(sent + datetime.timedelta(hours=71, minutes=59)):
        still_open = Client().get(register_url(token))
    with time_machine.travel(sent + datetime.timedelta(hours=72)):
        expired = Client().get(register_url(token))
        registering = register(Client(), token)

    assert still_open.status_code == 200
    assert expired.status_code == 410
    assert "This invitation link has expired." in expired.content.decode()
    assert registering.status_code == 410
    assert not User.objects.filter(username=ANA_USERNAME).exists()


def test_a_replaced_link_says_a_newer_one_was_sent(
    office_a: Client, return_a: TaxReturn, token: str
) -> None:
    newer = invite(office_a, return_a, phone="5551112222")

    refused = register(Client(), token)

    assert refused.status_code == 410
    assert "A newer invitation link was sent to you." in refused.content.decode()
    assert not User.objects.filter(username=ANA_USERNAME).exists()
    assert register(Client(), newer).status_code == 302


def test_a_made_up_link_is_not_valid(db: None) -> None:
    response = Client().get(register_url("not-a-real-token"))

    assert response.status_code == 410
    assert "This invitation link is not valid." in response.content.decode()


def test_a_wrong_last_four_is_refused(token: str) -> None:
    assert_refused_without_naming_a_field(
        register(Client(), token, ssn_last_four="0788")
    )


def test_a_wrong_last_name_is_refused(token: str) -> None:
    assert_refused_without_naming_a_field(register(Client(), token, last_name="Garza"))


def test_neither_phone_nor_email_matching_is_refused(token: str) -> None:
    response = register(
        Client(), token, email="someone@example.com", phone="(555) 999-0000"
    )

    assert_refused_without_naming_a_field(response)


def test_the_link_still_works_after_a_mismatch(token: str) -> None:
    register(Client(), token, last_name="Garza")

    assert register(Client(), token).status_code == 302


def test_the_last_name_matches_without_case_accents_or_spaces(token: str) -> None:
    response = register(Client(), token, last_name="  garcia ")

    assert response.status_code == 302


def test_an_email_in_another_case_is_accepted(token: str) -> None:
    response = register(Client(), token, email="ANA@Example.COM")

    assert response.status_code == 302


@pytest.mark.parametrize("typed", ["(555) 111-2222", "+1 555-111-2222"])
def test_a_phone_typed_the_usual_ways_is_accepted(token: str, typed: str) -> None:
    response = register(Client(), token, email="", phone=typed)

    assert response.status_code == 302


def test_the_last_four_keeps_its_leading_zeros(
    office_a: Client, joint_return_a: TaxReturn
) -> None:
    token = invite(office_a, joint_return_a, email="rivera@example.com")
    riveras = {"email": "rivera@example.com", "last_name": "Rivera"}

    short = register(Client(), token, ssn_last_four="34", **riveras)
    full = register(Client(), token, ssn_last_four="0034", **riveras)

    assert "Enter the last four digits of your SSN." in short.content.decode()
    assert full.status_code == 302


def test_the_spouses_details_do_not_open_a_joint_portal(
    office_a: Client, joint_return_a: TaxReturn
) -> None:
    token = invite(office_a, joint_return_a, email="rivera@example.com")

    response = register(
        Client(),
        token,
        last_name="Rivera",
        ssn_last_four="0123",
        email="luis@example.com",
    )

    assert MISMATCH in response.content.decode()


def test_an_email_or_a_phone_is_required(token: str) -> None:
    response = register(Client(), token, email="", phone="")

    assert "Enter your email or your phone number." in response.content.decode()
    assert not User.objects.filter(username=ANA_USERNAME).exists()


def test_a_taken_user_name_is_refused_whatever_its_case(
    token: str, portal_b: Portal
) -> None:
    response = register(Client(), token, username="PETER")

    assert "That user name is taken." in response.content.decode()
    assert Invitation.objects.get().used_at is None


def test_the_password_is_stored_with_argon2(token: str) -> None:
    register(Client(), token)

    user = User.objects.get(username=ANA_USERNAME)
    assert user.password.startswith("argon2$")
    assert ANA_PASSWORD not in user.password
    assert user.check_password(ANA_PASSWORD)


def test_a_weak_password_is_refused_on_the_server(token: str) -> None:
    response = register(Client(), token, password="garden&path7")

    assert "Password needs: One uppercase letter." in response.content.decode()
    assert not User.objects.filter(username=ANA_USERNAME).exists()


def test_the_typed_password_is_not_sent_back(token: str) -> None:
    response = register(Client(), token, last_name="Garza")

    assert ANA_PASSWORD not in response.content.decode()


def test_five_mismatches_lock_the_link_so_the_last_four_cannot_be_guessed(
    token: str,
) -> None:
    for guess in ["0001", "0002", "0003", "0004"]:
        assert_refused_without_naming_a_field(
            register(Client(), token, ssn_last_four=guess)
        )

    fifth = register(Client(), token, ssn_last_four="0005")
    right_details = register(Client(), token)

    assert fifth.status_code == 410
    assert "did not match the tax return too many times" in fifth.content.decode()
    assert right_details.status_code == 410
    assert not User.objects.filter(username=ANA_USERNAME).exists()


def test_a_new_link_after_a_lockout_works(
    office_a: Client, return_a: TaxReturn, token: str
) -> None:
    for guess in ["0001", "0002", "0003", "0004", "0005"]:
        register(Client(), token, ssn_last_four=guess)

    fresh_token = invite(office_a, return_a, email="ana@example.com")

    assert register(Client(), fresh_token).status_code == 302


def test_a_password_over_25_characters_is_refused_not_cut(token: str) -> None:
    response = register(Client(), token, password="Garden&Path7Garden&Path7xy")

    assert "25 characters maximum" in response.content.decode()
    assert 'maxlength="25"' not in response.content.decode()
    assert not User.objects.filter(username=ANA_USERNAME).exists()


def test_the_preparer_is_told_when_a_link_locked(
    office_a: Client, return_a: TaxReturn, token: str
) -> None:
    for guess in ["0001", "0002", "0003", "0004", "0005"]:
        register(Client(), token, ssn_last_four=guess)

    page = office_a.get(reverse("office:efile", args=[return_a.pk])).content.decode()

    assert "The client's link was locked" in page
