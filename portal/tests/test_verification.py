"""Verify Account: the six-digit security code by email or by text."""

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.models import Channel, Portal, VerificationCode
from portal.tests.helpers import SIX_DIGITS, last_text_to, make_unverified_portal
from portal.verification import CodeCheck, check_code
from returns.models import TaxReturn

VERIFY = reverse("portal:verify")
UTC = datetime.UTC
NOW = datetime.datetime(2026, 4, 6, 16, 0, tzinfo=UTC)


@pytest.fixture
def newcomer_portal(return_a: TaxReturn) -> Portal:
    return make_unverified_portal(return_a)


@pytest.fixture
def newcomer(newcomer_portal: Portal) -> Client:
    """Ana, just registered and logged in, not yet verified."""
    browser = Client()
    assert newcomer_portal.user is not None
    browser.force_login(newcomer_portal.user)
    return browser


def send_code_by_email(browser: Client) -> str:
    browser.post(VERIFY, {"channel": "email", "send": "1"})
    found = SIX_DIGITS.search(mail.outbox[-1].body)
    assert found is not None
    return found.group(1)


def enter(browser: Client, code: str) -> Any:
    return browser.post(VERIFY, {"code": code, "verify": "1"})


def another_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def is_verified(portal: Portal) -> bool:
    portal.refresh_from_db()
    return portal.verified_at is not None


def test_verify_account_shows_both_destinations_masked(newcomer: Client) -> None:
    page = newcomer.get(VERIFY).content.decode()

    assert "Verify Account" in page
    assert "ana****@com" in page
    assert "55****22" in page
    assert "ana@example.com" not in page
    assert "111-2222" not in page
    assert "Cancel Verification" in page


def test_a_code_by_email_is_six_digits_and_confirmed_on_screen(
    newcomer: Client,
) -> None:
    response = newcomer.post(VERIFY, {"channel": "email", "send": "1"}, follow=True)

    page = response.content.decode()
    assert "Code sent - please check your account for your personalized" in page
    [email] = mail.outbox
    assert email.to == ["ana@example.com"]
    assert email.subject == "Your security code"
    assert SIX_DIGITS.search(email.body) is not None
    assert "10 minutes" in email.body


def test_a_code_by_text_goes_to_the_returns_phone(newcomer: Client) -> None:
    newcomer.post(VERIFY, {"channel": "sms", "send": "1"})

    text = last_text_to("+15551112222")
    assert SIX_DIGITS.search(text.body) is not None
    assert mail.outbox == []


def test_the_code_is_stored_only_as_a_hash(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    code = send_code_by_email(newcomer)

    stored = VerificationCode.objects.get(portal=newcomer_portal)
    assert stored.channel == Channel.EMAIL
    assert len(stored.code_hash) == 64
    assert code not in stored.code_hash


def test_the_right_code_verifies_the_account(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    code = send_code_by_email(newcomer)

    response = enter(newcomer, code)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert is_verified(newcomer_portal)
    assert newcomer.get(reverse("portal:home")).status_code == 200


def test_a_wrong_code_is_refused(newcomer: Client, newcomer_portal: Portal) -> None:
    code = send_code_by_email(newcomer)

    response = enter(newcomer, another_code(code))

    assert "That code is not right." in response.content.decode()
    assert not is_verified(newcomer_portal)


def test_a_code_expires_after_ten_minutes(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    with time_machine.travel(NOW, tick=False):
        code = send_code_by_email(newcomer)
    with time_machine.travel(NOW + datetime.timedelta(minutes=10), tick=False):
        response = enter(newcomer, code)

    assert "That code has expired." in response.content.decode()
    assert not is_verified(newcomer_portal)


def test_a_code_still_works_just_before_ten_minutes(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    with time_machine.travel(NOW, tick=False):
        code = send_code_by_email(newcomer)
    with time_machine.travel(
        NOW + datetime.timedelta(minutes=9, seconds=59), tick=False
    ):
        enter(newcomer, code)

    assert is_verified(newcomer_portal)


def test_a_sixth_try_is_refused_even_with_the_right_code(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    code = send_code_by_email(newcomer)
    for _try in range(5):
        wrong = enter(newcomer, another_code(code))
        assert "That code is not right." in wrong.content.decode()

    sixth = enter(newcomer, code)

    assert "Too many tries. Please send yourself a new code." in sixth.content.decode()
    assert not is_verified(newcomer_portal)


def test_the_fifth_try_may_still_be_the_right_one(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    code = send_code_by_email(newcomer)
    for _try in range(4):
        enter(newcomer, another_code(code))

    enter(newcomer, code)

    assert is_verified(newcomer_portal)


def test_a_new_code_gets_a_fresh_budget_and_kills_the_old_one(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    old = send_code_by_email(newcomer)
    for _try in range(5):
        enter(newcomer, another_code(old))
    new = send_code_by_email(newcomer)

    if new != old:
        refused = enter(newcomer, old)
        assert "That code is not right." in refused.content.decode()
    enter(newcomer, new)

    assert is_verified(newcomer_portal)


def test_a_used_code_cannot_be_used_again(
    newcomer: Client, newcomer_portal: Portal
) -> None:
    code = send_code_by_email(newcomer)
    enter(newcomer, code)
    request = RequestFactory().post(VERIFY)
    request.user = newcomer_portal.user  # type: ignore[assignment]

    again = check_code(request, newcomer_portal, code)

    assert again == CodeCheck.NO_CODE
    stored = VerificationCode.objects.get(portal=newcomer_portal)
    assert stored.used_at is not None


def test_the_code_box_appears_only_once_a_code_was_sent(newcomer: Client) -> None:
    before = newcomer.get(VERIFY).content.decode()
    send_code_by_email(newcomer)
    after = newcomer.get(VERIFY).content.decode()

    assert 'name="code"' not in before
    assert "Send Code" in before
    assert 'name="code"' in after
    assert "Send a new code" in after


def test_a_code_must_be_six_digits(newcomer: Client) -> None:
    send_code_by_email(newcomer)

    response = enter(newcomer, "12345")

    page = response.content.decode()
    assert "Enter the six digits of your security code." in page
    assert VerificationCode.objects.get().tries == 0


def test_an_unverified_client_is_sent_to_verify_from_the_portal(
    newcomer: Client,
) -> None:
    response = newcomer.get(reverse("portal:home"))

    assert response.status_code == 302
    assert response["Location"] == VERIFY


def test_cancel_verification_logs_the_client_out(newcomer: Client) -> None:
    response = newcomer.post(reverse("portal:cancel_verification"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:login")
    assert "Verification cancelled." in response.content.decode()
    assert newcomer.get(VERIFY)["Location"] == reverse("portal:login")


def test_a_verified_client_is_not_asked_again(client_a: Client) -> None:
    response = client_a.get(VERIFY)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_a_stranger_is_sent_to_the_portal_login(db: None) -> None:
    response = Client().get(VERIFY)

    assert response["Location"] == reverse("portal:login")


def test_a_preparer_gets_no_code_page(office_a: Client) -> None:
    response = office_a.post(VERIFY, {"channel": "email", "send": "1"})

    assert response["Location"] == reverse("portal:login")
    assert mail.outbox == []


def test_no_more_than_five_codes_are_sent_in_an_hour(newcomer: Client) -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(5):
            newcomer.post(VERIFY, {"channel": "email", "send": "1"})
        sixth = newcomer.post(VERIFY, {"channel": "email", "send": "1"}, follow=True)

    assert len(mail.outbox) == 5
    assert "Too many codes were sent in the last hour." in sixth.content.decode()


def test_codes_can_be_sent_again_an_hour_later(newcomer: Client) -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(5):
            newcomer.post(VERIFY, {"channel": "email", "send": "1"})

    with time_machine.travel(NOW + datetime.timedelta(minutes=61), tick=False):
        newcomer.post(VERIFY, {"channel": "email", "send": "1"})

    assert len(mail.outbox) == 6
