"""Later visits: the client logs in with user name and password, no link."""

import logging
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from events.models import Event
from portal.models import Portal
from portal.tests.helpers import (
    ANA_PASSWORD,
    ANA_USERNAME,
    SIX_DIGITS,
    invite,
    last_text_to,
    make_unverified_portal,
    register,
)
from returns.models import TaxReturn

LOGIN = reverse("portal:login")
HOME = reverse("portal:home")


def log_in(browser: Client, username: str, password: str) -> Any:
    return browser.post(LOGIN, {"username": username, "password": password})


def test_the_whole_first_visit_then_a_later_login(
    office_a: Client, return_a: TaxReturn, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = invite(office_a, return_a, email="ana@example.com")
    ana = Client()
    register(ana, token)
    ana.post(reverse("portal:verify"), {"channel": "sms", "send": "1"})
    found = SIX_DIGITS.search(last_text_to("+15551112222").body)
    assert found is not None
    code = found.group(1)
    ana.post(reverse("portal:verify"), {"code": code, "verify": "1"})
    ana.post(reverse("portal:logout"))

    later = Client()
    response = log_in(later, ANA_USERNAME, ANA_PASSWORD)

    assert response["Location"] == HOME
    home = later.get(HOME).content.decode()
    assert "My Files" in home
    assert "Files From My Preparer" in home
    secrets = ["123450789", "0789", ANA_PASSWORD, code, token]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    audit = "\n".join(str(event.details) for event in Event.objects.all())
    for secret in secrets:
        assert secret not in logged
        assert secret not in audit


def test_the_user_name_is_not_case_sensitive(portal_a: Portal) -> None:
    response = log_in(Client(), "ANA", PASSWORD)

    assert response["Location"] == HOME


def test_a_wrong_password_is_refused_without_saying_which_part(
    portal_a: Portal,
) -> None:
    wrong_password = log_in(Client(), "ana", "Sunny-day-2027!")
    no_such_user = log_in(Client(), "nobody", PASSWORD)

    for response in (wrong_password, no_such_user):
        assert response.status_code == 200
        page = response.content.decode()
        assert "The user name or password is not right." in page


def test_a_preparer_cannot_log_in_to_the_portal(preparer_a: object) -> None:
    browser = Client()

    response = log_in(browser, "preparer@a.example", PASSWORD)

    assert "The user name or password is not right." in response.content.decode()
    assert browser.get(HOME)["Location"] == LOGIN


def test_a_client_who_never_verified_is_asked_for_a_code(
    return_a: TaxReturn,
) -> None:
    make_unverified_portal(return_a)
    browser = Client()

    log_in(browser, ANA_USERNAME, ANA_PASSWORD)

    assert browser.get(HOME)["Location"] == reverse("portal:verify")
    assert mail.outbox == []


def test_logging_out_closes_the_portal(client_a: Client) -> None:
    client_a.post(reverse("portal:logout"))

    assert client_a.get(HOME)["Location"] == LOGIN


def test_a_client_login_locks_after_ten_wrong_passwords(portal_a: Portal) -> None:
    assert portal_a.user is not None
    login = reverse("portal:login")
    for _ in range(10):
        Client().post(login, {"username": "ana", "password": "Guess-123!"})

    right = Client().post(login, {"username": "ANA", "password": PASSWORD})

    assert "Too many failed attempts." in right.content.decode()
    assert right.status_code == 200
