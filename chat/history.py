"""The chat history: messages and the portal's events, in time order."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from chat.models import Message
from events.models import EventKind
from portal.models import Portal

SYSTEM_LINE_KINDS = [EventKind.DOCUMENT_UPLOADED, EventKind.DOCUMENT_SIGNED]


@dataclass(frozen=True)
class ChatLine:
    at: datetime
    text: str
    from_client: bool
    is_system: bool
    author: str


def chat_history(portal: Portal) -> list[ChatLine]:
    lines = [_message_line(m) for m in portal.messages.select_related("author")]
    events = portal.events.filter(kind__in=SYSTEM_LINE_KINDS)
    lines += [
        ChatLine(e.created_at, _system_text(e.kind, e.details), True, True, "")
        for e in events
    ]
    return sorted(lines, key=lambda line: line.at)


def _message_line(message: Message) -> ChatLine:
    author = (
        message.author.get_full_name() or message.author.username
        if message.author
        else ""
    )
    return ChatLine(
        message.created_at, message.body, message.from_client, False, author
    )


def _system_text(kind: str, details: dict[str, str]) -> str:
    if kind == EventKind.DOCUMENT_UPLOADED:
        return _("Taxpayer has uploaded a document.")
    if details.get("signer") == "spouse":
        return _("Spouse has signed the document.")
    return _("Taxpayer has signed the document.")
