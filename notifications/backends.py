from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage, EmailMultiAlternatives

from notifications.models import OutboxChannel, OutboxMessage


class OutboxEmailBackend(BaseEmailBackend):
    """Development email: kept in the database and listed on the outbox page."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            html_body = ""
            if isinstance(message, EmailMultiAlternatives):
                html_body = next(
                    (str(c) for c, kind in message.alternatives if kind == "text/html"),
                    "",
                )
            for recipient in message.recipients():
                OutboxMessage.objects.create(
                    channel=OutboxChannel.EMAIL,
                    recipient=recipient,
                    subject=str(message.subject),
                    body=str(message.body),
                    html_body=html_body,
                )
        return len(email_messages)
