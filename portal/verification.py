"""The six-digit security code that verifies a newly registered account."""

from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EventKind
from events.record import record_event
from lib.secrets import hash_secret, new_six_digit_code, secrets_match
from lib.text import mask_email, mask_phone
from notifications.sms import NotDelivered, SmsNotSent, send_sms
from portal.models import Channel, Portal, VerificationCode


class TooManyCodes(Exception):
    """More codes were asked for in the last hour than settings allow."""


class CodeCheck(Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    NO_TRIES_LEFT = "no_tries_left"
    EXPIRED = "expired"
    NO_CODE = "no_code"


def code_destinations(portal: Portal) -> dict[str, str]:
    """Where a code can go: the taxpayer's email and phone on the return, masked."""
    taxpayer = portal.tax_return.taxpayer
    destinations = {}
    if taxpayer.email:
        destinations[Channel.EMAIL.value] = mask_email(taxpayer.email)
    if taxpayer.phone:
        destinations[Channel.SMS.value] = mask_phone(taxpayer.phone)
    return destinations


@transaction.atomic
def send_code(request: HttpRequest, portal: Portal, channel: Channel) -> None:
    now = timezone.now()
    sent_last_hour = portal.codes.filter(created_at__gt=now - timedelta(hours=1))
    if sent_last_hour.count() >= settings.VERIFICATION_CODES_PER_HOUR:
        raise TooManyCodes
    portal.codes.filter(used_at=None, replaced_at=None).update(replaced_at=now)

    code = new_six_digit_code()
    VerificationCode.objects.create(
        portal=portal,
        channel=channel,
        code_hash=hash_secret(code),
        created_at=now,
        expires_at=now + timedelta(minutes=settings.VERIFICATION_CODE_MINUTES),
    )
    try:
        _deliver(portal, channel, code)
    except (SmsNotSent, OSError) as error:
        raise NotDelivered from error
    record_event(
        EventKind.CODE_SENT,
        request=request,
        portal=portal,
        details={"channel": channel.value},
    )


def _deliver(portal: Portal, channel: Channel, code: str) -> None:
    taxpayer = portal.tax_return.taxpayer
    text = _(
        "Your %(firm)s security code is %(code)s. It expires in %(minutes)s minutes."
    ) % {
        "firm": portal.tax_return.firm.name,
        "code": code,
        "minutes": settings.VERIFICATION_CODE_MINUTES,
    }
    if channel == Channel.EMAIL:
        send_mail(_("Your security code"), text, None, [taxpayer.email])
    else:
        send_sms(taxpayer.phone, text)


def check_code(request: HttpRequest, portal: Portal, code: str) -> CodeCheck:
    """Count the try first, then compare, so parallel guesses share one budget."""
    current = (
        portal.codes.filter(used_at=None, replaced_at=None)
        .order_by("-created_at")
        .first()
    )
    if current is None:
        return CodeCheck.NO_CODE
    if timezone.now() >= current.expires_at:
        return CodeCheck.EXPIRED

    counted = VerificationCode.objects.filter(
        pk=current.pk, tries__lt=settings.VERIFICATION_CODE_MAX_TRIES
    ).update(tries=F("tries") + 1)
    if not counted:
        return CodeCheck.NO_TRIES_LEFT

    if not secrets_match(code.strip(), current.code_hash):
        record_event(
            EventKind.CODE_REFUSED,
            request=request,
            portal=portal,
        )
        return CodeCheck.WRONG

    used = VerificationCode.objects.filter(pk=current.pk, used_at=None).update(
        used_at=timezone.now()
    )
    if not used:
        return CodeCheck.NO_CODE

    Portal.objects.filter(pk=portal.pk, verified_at=None).update(
        verified_at=timezone.now()
    )
    record_event(
        EventKind.ACCOUNT_VERIFIED,
        request=request,
        portal=portal,
    )
    return CodeCheck.ACCEPTED
