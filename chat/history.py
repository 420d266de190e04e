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
    document: str = ""


def chat_history(portal: Portal) -> list[ChatLine]:
    client_name = portal.tax_return.taxpayer.full_name
    messages = portal.messages.select_related("author")
    lines = [_message_line(m, client_name) for m in messages]
    events = portal.events.filter(kind__in=SYSTEM_LINE_KINDS)
    lines += [_event_line(e.created_at, e.kind, e.details) for e in events]
    return sorted(lines, key=lambda line: line.at)


def _message_line(message: Message, client_name: str) -> ChatLine:
    """Clients are named as on the return; preparers by their own name."""
    if message.from_client:
        author = client_name
    elif message.author is not None:
        author = message.author.get_full_name() or message.author.email
    else:
        author = ""
    return ChatLine(
        message.created_at, message.body, message.from_client, False, author
    )


def _event_line(at: datetime, kind: str, details: dict[str, str]) -> ChatLine:
    text = _system_text(kind, details)
    return ChatLine(at, text, True, True, "", document=details.get("document", ""))


def _system_text(kind: str, details: dict[str, str]) -> str:
    if kind == EventKind.DOCUMENT_UPLOADED:
        return _("Taxpayer has uploaded a document.")
    if details.get("signer") == "spouse":
        return _("Spouse has signed the document.")
    return _("Taxpayer has signed the document.")
