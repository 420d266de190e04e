"""Messages between the client and the firm, with the portal's events in line."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from chat.models import Message
from conftest import make_registered_portal
from documents.tests.helpers import (
    f1040,
    save_signature,
    send,
    shows_time,
    sign,
    upload,
)
from portal.models import Portal
from returns.models import TaxReturn

MESSAGES = "/portal/messages/"
MORNING = datetime.datetime(2026, 3, 2, 15, 4, tzinfo=datetime.UTC)  # 10:04 in New York


def office_chat(return_id: int) -> str:
    return reverse("office:chat", args=[return_id])


def client_says(client: Client, body: str) -> object:
    return client.post(MESSAGES, {"body": body})


def office_says(office: Client, tax_return: TaxReturn, body: str) -> object:
    return office.post(office_chat(tax_return.pk), {"body": body})


def badge(page: str) -> str | None:
    """The unread count beside Messages in the portal's side menu, if shown."""
    found = re.search(r'<span class="badge"[^>]*>(\d+)</span>', page)
    return found.group(1) if found else None


def test_the_office_sees_how_many_client_messages_are_unread(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    client_says(client_a, "Hi, I uploaded my W-2.")
    assert (
        "Show Chat (1 Unread Message)"
        in office_a.get(office_chat(return_a.pk)).content.decode()
    )

    client_says(client_a, "And the 1099 too.")

    assert (
        "Show Chat (2 Unread Messages)"
        in office_a.get(office_chat(return_a.pk)).content.decode()
    )


def test_showing_the_chat_marks_the_clients_messages_read(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    client_says(client_a, "Hi, I uploaded my W-2.")

    shown = office_a.get(office_chat(return_a.pk) + "?show=1").content.decode()

    assert "Chat History" in shown
    assert "Hi, I uploaded my W-2." in shown
    assert (
        "Show Chat (0 Unread Messages)"
        in office_a.get(office_chat(return_a.pk)).content.decode()
    )
    assert Message.objects.get().read_at is not None


def test_a_colleague_reading_the_chat_clears_the_count_for_the_firm(
    client_a: Client, office_a: Client, colleague_a: object, return_a: TaxReturn
) -> None:
    client_says(client_a, "Hello?")
    colleague = Client()
    colleague.force_login(colleague_a)  # type: ignore[arg-type]

    colleague.get(reverse("office:chat_history", args=[return_a.pk]))

    assert (
        "Show Chat (0 Unread Messages)"
        in office_a.get(office_chat(return_a.pk)).content.decode()
    )


def test_the_office_reading_its_own_messages_does_not_mark_the_clients_unread_ones(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    office_says(office_a, return_a, "Your return is ready to sign.")

    assert (
        "Show Chat (0 Unread Messages)"
        in office_a.get(office_chat(return_a.pk)).content.decode()
    )
    assert Message.objects.get().read_at is None


def test_the_client_sees_an_unread_badge_beside_messages_until_reading_them(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    assert badge(client_a.get("/portal/").content.decode()) is None
    office_says(office_a, return_a, "Your return is ready to sign.")
    office_says(office_a, return_a, "Please sign Form 8879 too.")

    assert badge(client_a.get("/portal/").content.decode()) == "2"

    messages_page = client_a.get(MESSAGES).content.decode()
    assert "Please sign Form 8879 too." in messages_page
    assert badge(messages_page) is None
    assert badge(client_a.get("/portal/").content.decode()) is None


def test_the_clients_own_messages_never_count_as_unread_for_the_client(
    client_a: Client,
) -> None:
    client_says(client_a, "Question about my 1099.")

    assert badge(client_a.get("/portal/").content.decode()) is None


def test_the_refreshing_history_marks_read_on_the_portal_side(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    office_says(office_a, return_a, "Got it, thanks!")

    fragment = client_a.get(reverse("portal:messages_history")).content.decode()

    assert "Got it, thanks!" in fragment
    assert Message.objects.get().read_at is not None


@time_machine.travel(MORNING, tick=False)
def test_each_message_shows_its_author_and_time_in_the_firms_time_zone(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    client_says(client_a, "Good morning!")
    office_says(office_a, return_a, "Good morning, Ana.")

    for page in (
        client_a.get(MESSAGES).content.decode(),
        office_a.get(office_chat(return_a.pk) + "?show=1").content.decode(),
    ):
        assert shows_time(page, "Mar 2", "10:04am", "EST")
        assert "preparer@a.example ·" in page
        assert "Ana García ·" in page


@pytest.mark.parametrize(
    "body",
    [
        "¡Hola! ¿Ya firmó el formulario 8879? 🙂",
        "我的W-2表格在这里，谢谢！",
        "مرحبا، هذه وثيقتي الضريبية",
        "Привет! 👋🏽 Всё готово.",
        "👨‍👩‍👧‍👦🧾💸✍️",
        "नमस्ते — धन्यवाद",
    ],
)
def test_emoji_and_any_language_round_trip_both_ways(
    client_a: Client, office_a: Client, return_a: TaxReturn, body: str
) -> None:
    client_says(client_a, body)
    office_says(office_a, return_a, body)

    assert list(Message.objects.values_list("body", flat=True)) == [body, body]
    office_page = office_a.get(office_chat(return_a.pk) + "?show=1").content.decode()
    client_page = client_a.get(MESSAGES).content.decode()
    assert office_page.count(body) == 2
    assert client_page.count(body) == 2


def test_markup_in_a_message_is_shown_as_text_and_line_breaks_are_kept(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    client_says(client_a, "<script>alert('hi')</script>\nsecond line")

    page = office_a.get(office_chat(return_a.pk) + "?show=1").content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;<br>second line" in page


@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_an_empty_message_is_refused_and_earlier_messages_stay(
    client_a: Client, body: str
) -> None:
    client_says(client_a, "First question.")

    response = client_says(client_a, body)

    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page or "Write a message first." in page
    assert list(Message.objects.values_list("body", flat=True)) == ["First question."]


def test_a_message_over_the_length_limit_is_refused_and_earlier_messages_stay(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    office_says(office_a, return_a, "Hello!")

    response = client_says(client_a, "ñ" * 5001)

    assert "Ensure this value has at most 5000 characters (it has 5001)." in (
        response.content.decode()
    )
    assert list(Message.objects.values_list("body", flat=True)) == ["Hello!"]


def test_a_message_of_exactly_the_length_limit_is_kept(client_a: Client) -> None:
    client_says(client_a, "🙂" * 5000)

    assert Message.objects.get().body == "🙂" * 5000


def test_chat_history_shows_uploads_and_signatures_as_system_lines_in_time_order(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    with time_machine.travel(MORNING, tick=False) as clock:
        client_says(client_a, "Here comes my W-2.")
        clock.shift(datetime.timedelta(minutes=1))
        upload(client_a, "W-2.pdf", f1040())
        clock.shift(datetime.timedelta(minutes=1))
        send(office_a, return_a, ("2025 Form 1040.pdf", f1040()))
        save_signature(client_a)
        clock.shift(datetime.timedelta(minutes=1))
        sign(client_a, return_a.portal.sent_documents.get())
        clock.shift(datetime.timedelta(minutes=1))
        office_says(office_a, return_a, "Thank you, all done.")

    for page in (
        office_a.get(office_chat(return_a.pk) + "?show=1").content.decode(),
        client_a.get(MESSAGES).content.decode(),
    ):
        uploaded = page.index("Taxpayer has uploaded a document.")
        signed = page.index("Taxpayer has signed the document.")
        order = [
            page.index("Here comes my W-2."),
            uploaded,
            signed,
            page.index("Thank you, all done."),
        ]
        assert order == sorted(order)
        assert shows_time(page[uploaded - 60 : uploaded], "Mar 2", "10:05am", "EST")
        assert shows_time(page[signed - 60 : signed], "Mar 2", "10:07am", "EST")


def test_the_spouse_signing_reads_spouse_has_signed(
    office_a: Client, joint_return_a: TaxReturn
) -> None:
    portal = make_registered_portal(joint_return_a, "rivera")
    joint_client = Client()
    joint_client.force_login(portal.user)  # type: ignore[arg-type]
    send(office_a, joint_return_a, ("2025 Form 1040.pdf", f1040()), spouse_signs=True)
    save_signature(joint_client, "spouse")

    sign(joint_client, portal.sent_documents.get(), "spouse")

    page = office_a.get(office_chat(joint_return_a.pk) + "?show=1").content.decode()
    assert "Spouse has signed the document." in page
    assert "Taxpayer has signed the document." not in page


def test_a_refused_upload_or_signature_adds_no_system_line(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    upload(client_a, "W-2.pdf", b"not a pdf at all")
    send(office_a, return_a, ("2025 Form 1040.pdf", f1040()))
    sign(client_a, return_a.portal.sent_documents.get())  # no signature on file yet

    page = client_a.get(MESSAGES).content.decode()

    assert "has uploaded a document." not in page
    assert "has signed the document." not in page


def test_before_the_client_has_a_portal_the_office_chat_says_so_and_keeps_nothing(
    office_a: Client, return_a: TaxReturn
) -> None:
    page = office_a.get(office_chat(return_a.pk)).content.decode()
    assert "Chat opens once the client has a customer portal." in page

    office_says(office_a, return_a, "Hello?")

    assert not Message.objects.exists()
    history = office_a.get(reverse("office:chat_history", args=[return_a.pk]))
    assert history.status_code == 200
    assert history.content == b""


def test_messages_stay_within_their_own_portal(
    client_a: Client, client_b: Client, portal_a: Portal, portal_b: Portal
) -> None:
    client_says(client_a, "Only for Firm A.")

    page_b = client_b.get(MESSAGES).content.decode()

    assert "Only for Firm A." not in page_b
    assert portal_b.messages.count() == 0
    assert portal_a.messages.count() == 1


def test_a_message_of_only_invisible_characters_is_refused(
    client_a: Client, portal_a: Portal
) -> None:
    response = client_a.post(
        reverse("portal:messages"), {"body": "\u200b\u200b \u2060"}
    )

    assert "Write a message first." in response.content.decode()
    assert not portal_a.messages.exists()


def test_system_lines_name_the_document(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    upload(client_a, "W-2 from Acme.pdf", f1040())

    page = office_a.get(office_chat(return_a.pk) + "?show=1").content.decode()

    assert "Taxpayer has uploaded a document." in page
    assert "(W-2 from Acme.pdf)" in page


def test_the_client_gets_one_notice_for_a_run_of_unread_replies(
    office_a: Client, client_a: Client, return_a: TaxReturn
) -> None:
    office_says(office_a, return_a, "Your return is ready.")
    office_says(office_a, return_a, "Please sign the 8879 too.")
    assert len(mail.outbox) == 1
    assert "You have a new message." in mail.outbox[0].body

    client_a.get(MESSAGES)
    office_says(office_a, return_a, "Thank you!")

    assert len(mail.outbox) == 2


def test_the_office_is_not_notified_of_client_messages_by_email(
    client_a: Client,
) -> None:
    client_says(client_a, "Here is my W-2.")

    assert not mail.outbox


def test_the_unread_counts_can_be_fetched_alone_for_live_updates(
    office_a: Client, client_a: Client, return_a: TaxReturn
) -> None:
    office_says(office_a, return_a, "Your return is ready.")
    client_says(client_a, "Thanks!")
    client_says(client_a, "Signed.")

    badge_html = client_a.get(reverse("portal:messages_unread")).content.decode()
    button_html = office_a.get(
        reverse("office:chat_unread", args=[return_a.pk])
    ).content.decode()

    assert badge(badge_html) == "1"
    assert "Show Chat (2 Unread Messages)" in button_html
