"""Registering a client from an invitation link."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from events.models import EventKind
from events.record import record_event
from lib.phones import normalise_phone
from lib.secrets import hash_secret
from lib.text import fold_name
from portal.models import Invitation, InvitationState, Portal
from returns.models import Person


class InvitationUnusable(Exception):
    def __init__(self, state: InvitationState | None) -> None:
        self.state = state  # None: no such link at all.


class DetailsDoNotMatch(Exception):
    pass


class UsernameTaken(Exception):
    """Someone took the user name between the form's check and the save."""


@dataclass(frozen=True)
class ClientDetails:
    username: str
    password: str
    email: str
    phone: str
    last_name: str
    ssn_last_four: str


def find_open_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("portal__tax_return__firm")
        .filter(token_hash=hash_secret(token))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable(None)

    state = invitation.state(timezone.now())
    if state != InvitationState.OPEN:
        raise InvitationUnusable(state)
    if invitation.portal.is_registered:
        raise InvitationUnusable(InvitationState.USED)
    return invitation


def details_match(person: Person, details: ClientDetails) -> bool:
    """Last name and last four must match, and the phone or the email too."""
    if fold_name(details.last_name) != fold_name(person.last_name):
        return False
    if details.ssn_last_four.strip() != person.ssn_last_four:
        return False

    phone_matches = (
        bool(person.phone) and normalise_phone(details.phone) == person.phone
    )
    email_matches = bool(person.email) and (
        details.email.strip().casefold() == person.email.casefold()
    )
    return phone_matches or email_matches


def _count_mismatch(request: HttpRequest, invitation: Invitation) -> None:
    """One more wrong guess; the last one allowed locks the link at once."""
    Invitation.objects.filter(pk=invitation.pk).update(
        failed_matches=F("failed_matches") + 1
    )
    record_event(
        EventKind.REGISTRATION_REFUSED, request=request, portal=invitation.portal
    )

    invitation.refresh_from_db(fields=["failed_matches"])
    if invitation.state(timezone.now()) == InvitationState.LOCKED:
        raise InvitationUnusable(InvitationState.LOCKED)


def register_client(request: HttpRequest, token: str, details: ClientDetails) -> Portal:
    """Create the client's login and use up the link, once, even under a race."""
    invitation = find_open_invitation(token)
    portal = invitation.portal
    if not details_match(portal.tax_return.taxpayer, details):
        _count_mismatch(request, invitation)
        raise DetailsDoNotMatch

    try:
        with transaction.atomic():
            now = timezone.now()
            # The conditional update is the lock: of two tabs submitting at
            # once, only one changes the row, and the other is refused.
            claimed = Invitation.objects.filter(
                pk=invitation.pk, used_at=None, replaced_at=None, expires_at__gt=now
            ).update(used_at=now)
            if claimed != 1:
                raise InvitationUnusable(InvitationState.USED)

            user = User.objects.create_user(
                username=details.username.strip(),
                email=details.email.strip(),
                password=details.password,
            )
            Portal.objects.filter(pk=portal.pk).update(user=user, registered_at=now)
            portal.refresh_from_db()
    except IntegrityError:
        raise UsernameTaken from None

    record_event(
        EventKind.CLIENT_REGISTERED,
        request=request,
        portal=portal,
        subject=portal,
    )
    return portal
