"""Office login: preparers log in with their email; nobody else gets in."""

import datetime
from typing import Any

import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts.models import User
from conftest import PASSWORD
from portal.models import Portal

LOGIN = reverse("office:login")
RETURNS = reverse("office:returns")


def log_in(
    browser: Client, email: str, password: str = PASSWORD, next_url: str = ""
) -> Any:
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    return browser.post(url, {"email": email, "password": password})


def test_a_preparer_logs_in_with_their_email(preparer_a: User) -> None:
    browser = Client()

    response = log_in(browser, "preparer@a.example")

    assert response["Location"] == RETURNS
    assert browser.get(RETURNS).status_code == 200


def test_the_email_is_not_case_sensitive(preparer_a: User) -> None:
    response = log_in(Client(), "Preparer@A.Example")

    assert response["Location"] == RETURNS


def test_a_wrong_password_is_refused(preparer_a: User) -> None:
    browser = Client()

    response = log_in(browser, "preparer@a.example", "Sunny-day-2027!")

    assert "The email or password is not right." in response.content.decode()
    assert SESSION_KEY not in browser.session


def test_a_client_cannot_log_in_to_the_office(portal_a: Portal) -> None:
    browser = Client()

    response = log_in(browser, "ana@example.com")

    assert "The email or password is not right." in response.content.decode()
    assert browser.get(RETURNS)["Location"].startswith(LOGIN)


def test_a_deactivated_preparer_is_refused(preparer_a: User) -> None:
    preparer_a.is_active = False
    preparer_a.save()

    response = log_in(Client(), "preparer@a.example")

    assert "The email or password is not right." in response.content.decode()


def test_login_returns_to_the_office_page_asked_for(preparer_a: User) -> None:
    response = log_in(Client(), "preparer@a.example", next_url="/office/returns/new/")

    assert response["Location"] == "/office/returns/new/"


def test_login_never_sends_the_preparer_to_another_site(preparer_a: User) -> None:
    outside = log_in(Client(), "preparer@a.example", next_url="https://evil.example/")
    portal = log_in(Client(), "preparer@a.example", next_url="/portal/")

    assert outside["Location"] == RETURNS
    assert portal["Location"] == RETURNS


def test_the_office_asks_a_stranger_to_log_in_and_comes_back(preparer_a: User) -> None:
    browser = Client()

    asked = browser.get(RETURNS)
    back = log_in(browser, "preparer@a.example", next_url=RETURNS)

    assert asked["Location"] == f"{LOGIN}?next={RETURNS}"
    assert back["Location"] == RETURNS


def test_logging_out_closes_the_office(office_a: Client) -> None:
    office_a.post(reverse("office:logout"))

    assert office_a.get(RETURNS)["Location"].startswith(LOGIN)


def test_ten_wrong_passwords_lock_the_login_for_fifteen_minutes(
    preparer_a: User,
) -> None:
    for _ in range(10):
        Client().post(LOGIN, {"email": preparer_a.email, "password": "Guess-123!"})

    right = Client().post(LOGIN, {"email": preparer_a.email, "password": PASSWORD})

    assert "Too many failed attempts." in right.content.decode()
    assert SESSION_KEY not in right.client.session

    with time_machine.travel(datetime.timedelta(minutes=16)):
        later = Client().post(LOGIN, {"email": preparer_a.email, "password": PASSWORD})
    assert later.status_code == 302


def test_a_successful_login_forgives_earlier_mistakes(preparer_a: User) -> None:
    for _ in range(9):
        Client().post(LOGIN, {"email": preparer_a.email, "password": "Guess-123!"})
    Client().post(LOGIN, {"email": preparer_a.email, "password": PASSWORD})

    for _ in range(9):
        Client().post(LOGIN, {"email": preparer_a.email, "password": "Guess-123!"})
    right = Client().post(LOGIN, {"email": preparer_a.email, "password": PASSWORD})

    assert right.status_code == 302
