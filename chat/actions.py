from django.http import HttpRequest
from django.utils import timezone

from chat.models import Message
from events.models import EventKind
from events.record import record_event
from lib.http import signed_in_user
from portal.models import Portal

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
