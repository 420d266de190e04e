"""Steps of the portal flow, driven through HTTP as the people would."""

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from lib.phones import normalise_phone
from notifications.models import OutboxMessage
from portal.models import Portal
from returns.models import TaxReturn

# Ana García's answers on "Register Your Account" for return_a.
ANA_USERNAME = "ana.garcia"
ANA_PASSWORD = "Garden&Path7"
LINK = re.compile(r"https?://[^/\s]+/portal/join/([A-Za-z0-9_-]+)/")
SIX_DIGITS = re.compile(r"\b(\d{6})\b")


def portal_link_url(tax_return: TaxReturn) -> str:
    return reverse("office:portal_link", args=[tax_return.pk])


def efile_url(tax_return: TaxReturn) -> str:
    return reverse("office:efile", args=[tax_return.pk])


def register_url(token: str) -> str:
    return reverse("portal:register", args=[token])


def token_in(text: str) -> str:
    found = LINK.search(text)
    assert found is not None, "no invitation link in the message"
    return found.group(1)


def last_text_to(phone: str) -> OutboxMessage:
    text = OutboxMessage.objects.filter(channel="sms", recipient=phone).first()
    assert text is not None, f"no text message to {phone}"
    return text


def invite(
    office: Client, tax_return: TaxReturn, *, email: str = "", phone: str = ""
) -> str:
    """The preparer fills in Customer Portal Link; the token the client receives."""
    response = office.post(
        portal_link_url(tax_return), {"email": email, "phone": phone}
    )
    assert response.status_code == 302, response.content.decode()
    if email:
        return token_in(mail.outbox[-1].body)
    return token_in(last_text_to(normalise_phone(phone) or phone).body)


def ana_details(**changes: str) -> dict[str, str]:
    details = {
        "username": ANA_USERNAME,
        "password": ANA_PASSWORD,
        "email": "ana@example.com",
        "phone": "",
        "last_name": "García",
        "ssn_last_four": "0789",
    }
    details.update(changes)
    return details


def register(browser: Client, token: str, **changes: str) -> Any:
    return browser.post(register_url(token), ana_details(**changes))


def make_unverified_portal(
    tax_return: TaxReturn, username: str = ANA_USERNAME
) -> Portal:
    """A client who registered a moment ago and has not entered a code yet."""
    user = User.objects.create_user(username=username, password=ANA_PASSWORD)
    return Portal.objects.create(
        tax_return=tax_return, user=user, registered_at=timezone.now()
    )
