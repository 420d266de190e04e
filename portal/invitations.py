"""Sending the link that lets a client create their portal."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EventKind
from events.record import record_event
from lib.http import absolute_url, signed_in_user
from lib.secrets import hash_secret, new_link_token
from notifications.sms import NotDelivered, SmsNotSent, send_sms
from portal.models import Invitation, Portal
from returns.models import TaxReturn


@transaction.atomic
def send_invitation(
    request: HttpRequest, tax_return: TaxReturn, *, email: str, phone: str
) -> Invitation:
    """Send a fresh link to the email and/or phone; earlier links stop working."""
    portal, _created = Portal.objects.get_or_create(tax_return=tax_return)
    now = timezone.now()
    portal.invitations.filter(used_at=None, replaced_at=None).update(replaced_at=now)

    token = new_link_token()
    invitation = Invitation.objects.create(
        portal=portal,
        email=email,
        phone=phone,
        token_hash=hash_secret(token),
        sent_by=signed_in_user(request),
        sent_at=now,
        expires_at=now + timedelta(hours=settings.INVITATION_LIFETIME_HOURS),
    )

    link = absolute_url(request, reverse("portal:register", args=[token]))
    # A failure here rolls the new invitation back; earlier links stay as they were.
    try:
        if email:
            _email_invitation(tax_return, email, link)
        if phone:
            send_sms(phone, _text_invitation(tax_return, link))
    except (SmsNotSent, OSError) as error:
        raise NotDelivered from error

    record_event(
        EventKind.INVITATION_SENT,
        firm=tax_return.firm,
        request=request,
        portal=portal,
        subject=invitation,
        details={"by_email": bool(email), "by_text": bool(phone)},
    )
    return invitation


def resend_invitation(request: HttpRequest, tax_return: TaxReturn) -> Invitation | None:
    """SEND INVITE: the last invitation's destinations get a new link."""
    portal = getattr(tax_return, "portal", None)
    last = portal.latest_invitation() if portal else None
    if last is None:
        return None
    return send_invitation(request, tax_return, email=last.email, phone=last.phone)


def _email_invitation(tax_return: TaxReturn, email: str, link: str) -> None:
    context = {
        "firm": tax_return.firm,
        "link": link,
        "person": tax_return.taxpayer,
        "hours": settings.INVITATION_LIFETIME_HOURS,
    }
    message = EmailMultiAlternatives(
        subject=_("Your secure portal has been created"),
        body=render_to_string("portal/email/invitation.txt", context),
        to=[email],
    )
    message.attach_alternative(
        render_to_string("portal/email/invitation.html", context), "text/html"
    )
    message.send()


def _text_invitation(tax_return: TaxReturn, link: str) -> str:
    return _(
        "%(firm)s: your secure tax portal is ready. Create your account: %(link)s"
    ) % {
        "firm": tax_return.firm.name,
        "link": link,
    }
