"""Text messages: one small interface, a development backend and Twilio."""

import base64
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from notifications.models import OutboxChannel, OutboxMessage

logger = logging.getLogger(__name__)


class NotDelivered(Exception):
    """An email or text could not be handed over; the caller tells the user."""


class SmsNotSent(NotDelivered):
    """The provider refused or could not be reached."""


class SmsBackend(Protocol):
    def send(self, to: str, body: str) -> None: ...


def send_sms(to: str, body: str) -> None:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(to, body)


class OutboxSmsBackend:
    """Development texts: kept in the database and listed on the outbox page."""

    def send(self, to: str, body: str) -> None:
        OutboxMessage.objects.create(channel=OutboxChannel.SMS, recipient=to, body=body)


class TwilioSmsBackend:
    """Sends through Twilio's REST API with the account's SID and auth token."""

    api_url = "https://api.twilio.com/2010-04-01/Accounts/{sid}/Messages.json"

    def send(self, to: str, body: str) -> None:
        sid = settings.TWILIO_ACCOUNT_SID
        request = urllib.request.Request(  # noqa: S310
            self.api_url.format(sid=urllib.parse.quote(sid)),
            data=urllib.parse.urlencode(
                {"To": to, "From": settings.TWILIO_FROM_NUMBER, "Body": body}
            ).encode(),
            headers={
                "Authorization": self._basic_auth(sid, settings.TWILIO_AUTH_TOKEN)
            },
            method="POST",
        )
        try:
            # The URL is the fixed https address above, never user input.
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                reply = json.load(response)
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            logger.warning(
                "Twilio did not accept a text message: %s", type(error).__name__
            )
            raise SmsNotSent from error

        if reply.get("error_code"):
            logger.warning(
                "Twilio refused a text message: error %s", reply["error_code"]
            )
            raise SmsNotSent

    @staticmethod
    def _basic_auth(user: str, password: str) -> str:
        pair = base64.b64encode(f"{user}:{password}".encode()).decode()
        return f"Basic {pair}"
