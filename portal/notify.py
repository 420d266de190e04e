"""Telling a registered client that something is waiting in their portal."""

import logging

from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from lib.http import absolute_url
from notifications.sms import SmsNotSent, send_sms
from portal.models import Portal

logger = logging.getLogger(__name__)


def notify_client(request: HttpRequest, portal: Portal, news: str) -> None:
    """By email when the client gave one, else by text. Best effort: a failed
    text is logged and the action that caused it still stands."""
    firm = portal.tax_return.firm.name
    login = absolute_url(request, reverse("portal:login"))
    text = _("%(firm)s: %(news)s Log in to your portal: %(link)s") % {
        "firm": firm,
        "news": news,
        "link": login,
    }

    email = portal.user.email if portal.user else ""
    if email:
        send_mail(_("News in your secure portal"), text, None, [email])
        return

    phone = portal.tax_return.taxpayer.phone
    if phone:
        try:
            send_sms(phone, text)
        except SmsNotSent:
            logger.warning("A portal notice could not be texted (portal %s)", portal.pk)
