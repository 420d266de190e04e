from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from chat.models import Message
from chat.unread import unread_for_client
from events.models import EventKind
from events.record import record_event
from lib.http import signed_in_user
from portal.models import Portal
from portal.notify import notify_client

MAX_MESSAGE_LENGTH = 5000


def post_message(
    request: HttpRequest, portal: Portal, body: str, *, from_client: bool
) -> Message:
    message = Message.objects.create(
        portal=portal,
        author=signed_in_user(request),
        from_client=from_client,
        body=body,
    )
    # One notice per batch of unread replies, not one per message.
    if not from_client and unread_for_client(portal) == 1:
        notify_client(request, portal, _("You have a new message."))

    record_event(
        EventKind.MESSAGE_SENT,
        request=request,
        portal=portal,
        subject=message,
    )
    return message


def mark_read(portal: Portal, *, by_client: bool) -> None:
    """The reader has seen everything the other side wrote so far."""
    portal.messages.filter(from_client=not by_client, read_at=None).update(
        read_at=timezone.now()
    )
