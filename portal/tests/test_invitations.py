"""Customer Portal Link, the invitation it sends, and the e-File invitation box."""

import datetime

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from notifications.models import OutboxMessage
from notifications.sms import SmsNotSent
from portal.models import Invitation, Portal
from portal.tests.helpers import (
    efile_url,
    invite,
    last_text_to,
    portal_link_url,
    register,
    register_url,
    token_in,
)
from returns.models import TaxReturn

UTC = datetime.UTC


def test_customer_portal_link_is_prefilled_from_the_return(
    office_a: Client, return_a: TaxReturn
) -> None:
    page = office_a.get(portal_link_url(return_a)).content.decode()

    assert "Customer Portal Link" in page
    assert "either a phone number or email address" in page
    # 555-111-2222 has no real area code, so it is shown in the international form.
    assert 'value="+1 555-111-2222"' in page
    assert 'value="ana@example.com"' in page
    assert "CONTINUE" in page


def test_every_route_to_the_portal_link_is_on_the_return_pages(
    office_a: Client, return_a: TaxReturn
) -> None:
    link = f'href="{portal_link_url(return_a)}"'
    detail = office_a.get(reverse("office:return_detail", args=[return_a.pk]))
    efile = office_a.get(efile_url(return_a))

    assert "Create Customer Portal" in detail.content.decode()
    assert detail.content.decode().count(link) >= 2  # side menu and name drop-down
    assert link in efile.content.decode()


def test_an_emailed_invitation_has_the_subject_and_the_link(
    office_a: Client, return_a: TaxReturn
) -> None:
    response = office_a.post(
        portal_link_url(return_a),
        {"email": "ana@example.com", "phone": ""},
        follow=True,
    )

    assert "The link has successfully been sent!" in response.content.decode()
    [email] = mail.outbox
    assert email.to == ["ana@example.com"]
    assert email.subject == "Your secure portal has been created"
    token = token_in(email.body)
    assert "Hello Ana" in email.body
    html, kind = email.alternatives[0]
    assert kind == "text/html"
    assert register_url(token) in str(html)
    assert not OutboxMessage.objects.filter(channel="sms").exists()


def test_a_texted_invitation_is_short_and_carries_the_link(
    office_a: Client, return_a: TaxReturn
) -> None:
    token = invite(office_a, return_a, phone="(555) 111-2222")

    text = last_text_to("+15551112222")
    assert "Firm A" in text.body
    assert register_url(token) in text.body
    assert "\n" not in text.body
    assert len(text.body) < 200
    assert mail.outbox == []


def test_the_invitation_keeps_the_phone_normalised(
    office_a: Client, return_a: TaxReturn
) -> None:
    invite(office_a, return_a, phone="555.111.2222")

    invitation = Invitation.objects.get()
    assert invitation.phone == "+15551112222"


def test_email_and_phone_together_get_the_same_link(
    office_a: Client, return_a: TaxReturn
) -> None:
    office_a.post(
        portal_link_url(return_a), {"email": "ana@example.com", "phone": "5551112222"}
    )

    assert token_in(mail.outbox[0].body) == token_in(last_text_to("+15551112222").body)
    assert Invitation.objects.count() == 1


def test_the_link_form_needs_a_phone_or_an_email(
    office_a: Client, return_a: TaxReturn
) -> None:
    response = office_a.post(portal_link_url(return_a), {"email": "", "phone": ""})

    assert response.status_code == 200
    assert "Enter a phone number or an email address." in response.content.decode()
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_the_link_form_refuses_a_phone_that_is_not_a_number(
    office_a: Client, return_a: TaxReturn
) -> None:
    response = office_a.post(portal_link_url(return_a), {"email": "", "phone": "12"})

    assert "Enter a valid mobile phone number." in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_only_a_hash_of_the_link_token_is_stored(
    office_a: Client, return_a: TaxReturn
) -> None:
    token = invite(office_a, return_a, email="ana@example.com")

    invitation = Invitation.objects.get()
    assert len(invitation.token_hash) == 64
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_efile_page_shows_last_sent_in_the_firms_time_zone(
    office_a: Client, return_a: TaxReturn
) -> None:
    with time_machine.travel(
        datetime.datetime(2026, 1, 15, 15, 30, tzinfo=UTC), tick=False
    ):
        invite(office_a, return_a, email="ana@example.com")
        page = office_a.get(efile_url(return_a)).content.decode()

    assert "Invite to Customer Portal" in page
    assert "ana@example.com" in page
    assert "SEND INVITE" in page
    assert "Last sent: Jan 15, 2026 10:30 AM EST" in page


def test_efile_page_shows_summer_time_with_its_abbreviation(
    office_b: Client, return_b: TaxReturn
) -> None:
    with time_machine.travel(
        datetime.datetime(2026, 7, 1, 12, 5, tzinfo=UTC), tick=False
    ):
        invite(office_b, return_b, email="peter@example.com")
        page = office_b.get(efile_url(return_b)).content.decode()

    assert "Last sent: Jul 1, 2026 7:05 AM CDT" in page


def test_efile_page_shows_an_invited_phone_formatted(
    office_a: Client, return_a: TaxReturn
) -> None:
    invite(office_a, return_a, phone="202.555.0143")

    page = office_a.get(efile_url(return_a)).content.decode()

    assert "(202) 555-0143" in page
    assert "+12025550143" not in page


def test_efile_page_says_plainly_that_documents_wait_for_registration(
    office_a: Client, return_a: TaxReturn
) -> None:
    page = office_a.get(efile_url(return_a)).content.decode()

    assert "No invitation has been sent yet." in page
    assert "Documents can be sent once the client has created the portal" in page
    assert reverse("office:send_documents", args=[return_a.pk]) not in page


def test_efile_page_offers_send_document_once_the_client_registered(
    office_a: Client, portal_a: Portal
) -> None:
    page = office_a.get(efile_url(portal_a.tax_return)).content.decode()

    assert reverse("office:send_documents", args=[portal_a.tax_return.pk]) in page
    assert "Documents can be sent once" not in page


def test_send_invite_mails_a_new_link_and_kills_the_old_one(
    office_a: Client, return_a: TaxReturn
) -> None:
    with time_machine.travel(
        datetime.datetime(2026, 2, 2, 14, 0, tzinfo=UTC), tick=False
    ):
        old_token = invite(office_a, return_a, email="ana@example.com")
    with time_machine.travel(
        datetime.datetime(2026, 2, 3, 14, 0, tzinfo=UTC), tick=False
    ):
        resend = reverse("office:resend_invite", args=[return_a.pk])
        page = office_a.post(resend, follow=True).content.decode()
        new_token = token_in(mail.outbox[-1].body)
        old_link = Client().get(register_url(old_token))
        new_link = Client().get(register_url(new_token))

    assert "The link has successfully been sent!" in page
    assert "Last sent: Feb 3, 2026 9:00 AM EST" in page
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["ana@example.com"]
    assert new_token != old_token
    assert old_link.status_code == 410
    assert "A newer invitation link was sent to you." in old_link.content.decode()
    assert new_link.status_code == 200


def test_send_invite_without_an_earlier_invitation_leads_to_the_link_page(
    office_a: Client, return_a: TaxReturn
) -> None:
    response = office_a.post(reverse("office:resend_invite", args=[return_a.pk]))

    assert response.status_code == 302
    assert response["Location"] == portal_link_url(return_a)
    assert mail.outbox == []


def test_no_new_invitation_once_the_client_has_registered(
    office_a: Client, return_a: TaxReturn
) -> None:
    token = invite(office_a, return_a, email="ana@example.com")
    register(Client(), token)
    mail.outbox.clear()

    link_page = office_a.get(portal_link_url(return_a)).content.decode()
    office_a.post(portal_link_url(return_a), {"email": "ana@example.com", "phone": ""})
    office_a.post(reverse("office:resend_invite", args=[return_a.pk]))

    assert "The client created the portal on" in link_page
    assert "CONTINUE" not in link_page
    assert mail.outbox == []
    assert Invitation.objects.count() == 1


def test_another_firm_cannot_open_or_send_the_portal_link(
    office_b: Client, return_a: TaxReturn
) -> None:
    pages = [portal_link_url(return_a), efile_url(return_a)]

    for url in pages:
        assert office_b.get(url).status_code == 404
    sent = office_b.post(portal_link_url(return_a), {"email": "evil@example.com"})
    resent = office_b.post(reverse("office:resend_invite", args=[return_a.pk]))

    assert sent.status_code == 404
    assert resent.status_code == 404
    assert mail.outbox == []


def test_a_colleague_of_the_same_firm_can_send_the_link(
    colleague_a: object, return_a: TaxReturn
) -> None:
    colleague = Client()
    colleague.force_login(colleague_a)  # type: ignore[arg-type]

    token = invite(colleague, return_a, email="ana@example.com")

    assert Client().get(register_url(token)).status_code == 200


def test_a_client_is_sent_to_the_office_login_from_the_link_page(
    client_a: Client, return_a: TaxReturn
) -> None:
    response = client_a.get(portal_link_url(return_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("office:login"))


def test_the_plain_text_email_shows_names_as_written(
    office_a: Client, firm_a: object, return_a: TaxReturn
) -> None:
    firm_a.name = "Smith & O'Brien"  # type: ignore[attr-defined]
    firm_a.save()  # type: ignore[attr-defined]

    invite(office_a, return_a, email="ana@example.com")

    body = mail.outbox[-1].body
    assert "Smith & O'Brien has created a secure portal" in body
    assert "&amp;" not in body and "&#x27;" not in body


class UnreachableSmsProvider:
    def send(self, to: str, body: str) -> None:
        raise SmsNotSent


def test_a_text_that_cannot_be_sent_says_so_and_keeps_the_earlier_link(
    office_a: Client, return_a: TaxReturn, settings: object
) -> None:
    earlier = invite(office_a, return_a, email="ana@example.com")
    office_a.get(portal_link_url(return_a))  # shows, and so clears, the earlier notice
    settings.SMS_BACKEND = f"{__name__}.UnreachableSmsProvider"  # type: ignore[attr-defined]

    response = office_a.post(
        portal_link_url(return_a), {"phone": "(202) 555-0143", "email": ""}, follow=True
    )

    assert "The link could not be sent." in response.content.decode()
    assert "successfully been sent" not in response.content.decode()
    assert Invitation.objects.count() == 1
    assert Client().get(register_url(earlier)).status_code == 200
