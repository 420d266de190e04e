from django.test import Client
from django.urls import reverse

from notifications.sms import send_sms


def test_the_outbox_names_each_channel_in_words(
    office_a: Client, settings: object
) -> None:
    settings.DEV_OUTBOX_ENABLED = True  # type: ignore[attr-defined]
    send_sms("+12025550143", "Your code is on its way.")

    page = office_a.get(reverse("office:outbox")).content.decode()

    assert "Text message · To +12025550143" in page
    assert "Your code is on its way." in page


def test_the_outbox_does_not_exist_when_turned_off(
    office_a: Client, settings: object
) -> None:
    settings.DEV_OUTBOX_ENABLED = False  # type: ignore[attr-defined]

    assert office_a.get(reverse("office:outbox")).status_code == 404
