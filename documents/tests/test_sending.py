"""Send Tax Return Documents to Customer Portal, and what the client then sees."""

import datetime
import hashlib
import io

import pikepdf
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from documents.models import SentDocument
from documents.tests.helpers import (
    f1040,
    fw9,
    jpeg,
    plain_pdf,
    response_bytes,
    save_signature,
    send,
    sign,
    stored_bytes,
)
from notifications.models import OutboxMessage
from portal.models import Portal
from returns.models import TaxReturn

TRANSFER_COMPLETED = "Transfer Completed - Documents are now on Customer Portal"
NOT_YET = "Documents can be sent once the client has created the portal"


def password_protected_pdf() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain_pdf())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return out.getvalue()


def test_preparer_sends_the_return_and_form_8879_to_the_portal(
    office_a: Client, preparer_a: object, portal_a: Portal, return_a: TaxReturn
) -> None:
    response = send(
        office_a,
        return_a,
        ("2025 Form 1040 - García.pdf", f1040()),
        ("Form 8879.pdf", fw9()),
    )

    assert response.redirect_chain[-1][0] == reverse("office:efile", args=[return_a.pk])
    assert TRANSFER_COMPLETED in response.content.decode()
    sent = {d.display_name: d for d in portal_a.sent_documents.all()}
    assert set(sent) == {"2025 Form 1040 - García.pdf", "Form 8879.pdf"}
    assert stored_bytes(sent["Form 8879.pdf"].original_file) == fw9()
    assert sent["Form 8879.pdf"].original_sha256 == hashlib.sha256(fw9()).hexdigest()
    assert all(d.sent_by == preparer_a for d in sent.values())
    assert all(not d.signed_file for d in sent.values())


def test_the_preparer_marks_which_documents_need_the_taxpayers_signature(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    data = {
        "tax_return_file": SimpleUploadedFile("return.pdf", f1040()),
        "form_8879_file": SimpleUploadedFile("8879.pdf", fw9()),
        "form_8879_taxpayer": "on",
    }

    office_a.post(reverse("office:send_documents", args=[return_a.pk]), data)

    needs = dict(
        portal_a.sent_documents.values_list("display_name", "needs_taxpayer_signature")
    )
    assert needs == {"return.pdf": False, "8879.pdf": True}


def test_on_a_joint_return_the_spouse_is_marked_too(
    office_a: Client, joint_return_a: TaxReturn
) -> None:
    from conftest import make_registered_portal

    portal = make_registered_portal(joint_return_a, "rivera")
    page = office_a.get(reverse("office:send_documents", args=[joint_return_a.pk]))
    assert "Spouse signs" in page.content.decode()

    send(office_a, joint_return_a, ("return.pdf", f1040()), spouse_signs=True)

    document = portal.sent_documents.get()
    assert document.needs_taxpayer_signature
    assert document.needs_spouse_signature


def test_on_a_single_return_a_posted_spouse_mark_is_ignored(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    page = office_a.get(reverse("office:send_documents", args=[return_a.pk]))
    assert "Spouse signs" not in page.content.decode()

    send(office_a, return_a, ("return.pdf", f1040()), spouse_signs=True)

    assert not portal_a.sent_documents.get().needs_spouse_signature


def test_before_the_client_has_registered_the_page_says_so_and_sends_nothing(
    office_a: Client, return_a: TaxReturn
) -> None:
    page = office_a.get(reverse("office:send_documents", args=[return_a.pk])).content
    assert NOT_YET in page.decode()

    response = send(office_a, return_a, ("return.pdf", f1040()))

    assert response.status_code == 200
    assert NOT_YET in response.content.decode()
    assert TRANSFER_COMPLETED not in response.content.decode()
    assert not SentDocument.objects.exists()
    assert not Portal.objects.exists()


def test_after_the_invitation_but_before_registering_nothing_is_sent(
    office_a: Client, return_a: TaxReturn
) -> None:
    Portal.objects.create(tax_return=return_a)

    response = send(office_a, return_a, ("return.pdf", f1040()))

    assert NOT_YET in response.content.decode()
    assert not SentDocument.objects.exists()


def test_sending_without_choosing_a_pdf_asks_for_one(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    response = send(office_a, return_a, None)

    assert "Choose at least one PDF to send." in response.content.decode()
    assert not portal_a.sent_documents.exists()


def test_a_broken_pdf_sends_nothing_and_leaves_earlier_documents_and_signatures_intact(
    office_a: Client, client_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    send(office_a, return_a, ("return.pdf", f1040()))
    earlier = portal_a.sent_documents.get()
    save_signature(client_a)
    sign(client_a, earlier)
    earlier.refresh_from_db()
    signed_before = stored_bytes(earlier.signed_file)

    response = send(
        office_a,
        return_a,
        ("return.pdf", f1040()),
        ("8879.pdf", b"%PDF-1.7\nthis is not really a PDF\n%%EOF"),
    )

    assert "8879.pdf could not be opened as a PDF" in response.content.decode()
    assert TRANSFER_COMPLETED not in response.content.decode()
    assert list(portal_a.sent_documents.all()) == [earlier]
    earlier.refresh_from_db()
    assert earlier.taxpayer_signed_at is not None
    assert stored_bytes(earlier.signed_file) == signed_before
    assert stored_bytes(earlier.original_file) == f1040()
    assert portal_a.signatures.count() == 1


def test_a_pdf_locked_with_a_password_is_refused(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    response = send(office_a, return_a, ("locked.pdf", password_protected_pdf()))

    assert (
        "locked.pdf could not be opened as a PDF (damaged, or protected by a password)."
        in (response.content.decode())
    )
    assert not portal_a.sent_documents.exists()


def test_a_picture_chosen_as_the_return_is_refused_as_not_a_pdf(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    response = send(office_a, return_a, ("return.jpg", jpeg()))

    page = response.content.decode()
    assert "return.jpg is not a PDF." in page
    assert not portal_a.sent_documents.exists()


def test_a_pdf_too_large_to_send_is_refused(
    office_a: Client, portal_a: Portal, return_a: TaxReturn, settings: object
) -> None:
    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]

    response = send(
        office_a, return_a, ("return.pdf", f1040().ljust(1024 * 1024 + 1, b"\n"))
    )

    assert "return.pdf is larger than 1 MB." in response.content.decode()
    assert not portal_a.sent_documents.exists()


def test_sending_a_document_with_the_same_name_again_keeps_both(
    office_a: Client, client_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    send(office_a, return_a, ("Form 8879.pdf", f1040()))
    first = portal_a.sent_documents.get()
    save_signature(client_a)
    sign(client_a, first)

    send(office_a, return_a, ("Form 8879.pdf", fw9()), ("Form 8879.pdf", plain_pdf()))

    names = sorted(portal_a.sent_documents.values_list("display_name", flat=True))
    assert names == ["Form 8879 (2).pdf", "Form 8879 (3).pdf", "Form 8879.pdf"]
    first.refresh_from_db()
    assert first.taxpayer_signed_at is not None
    assert stored_bytes(first.original_file) == f1040()


def test_a_pdf_named_only_with_emoji_gets_a_readable_name(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    send(office_a, return_a, ("📄✍️.pdf", f1040()))

    assert portal_a.sent_documents.get().display_name == "document.pdf"


@time_machine.travel(
    datetime.datetime(2026, 4, 1, 21, 30, tzinfo=datetime.UTC), tick=False
)
def test_preparer_files_lists_each_document_with_the_date_sent_and_a_view_link(
    office_a: Client, client_a: Client, return_a: TaxReturn
) -> None:
    send(office_a, return_a, ("2025 Form 1040.pdf", f1040()), ("Form 8879.pdf", fw9()))

    page = client_a.get(reverse("portal:preparer_files")).content.decode()

    assert "2025 Form 1040.pdf" in page
    assert "Form 8879.pdf" in page
    assert "Apr 1, 2026 5:30 PM EDT" in page
    for document in SentDocument.objects.all():
        assert reverse("portal:view_document", args=[document.pk]) in page


def test_the_client_opens_a_sent_pdf_in_the_browser(
    office_a: Client, client_a: Client, return_a: TaxReturn
) -> None:
    send(office_a, return_a, ("Form 8879.pdf", fw9()))
    document = SentDocument.objects.get()

    response = client_a.get(reverse("portal:view_document", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response_bytes(response) == fw9()


def test_the_office_lists_what_was_sent_and_what_waits_for_a_signature(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    data = {
        "tax_return_file": SimpleUploadedFile("return.pdf", f1040()),
        "form_8879_file": SimpleUploadedFile("8879.pdf", fw9()),
        "form_8879_taxpayer": "on",
    }
    office_a.post(reverse("office:send_documents", args=[return_a.pk]), data)

    page = office_a.get(
        reverse("office:client_files", args=[return_a.pk])
    ).content.decode()

    assert "return.pdf" in page
    assert "8879.pdf" in page
    assert page.count("Not needed") == 1
    assert page.count("Waiting") == 1
    original = office_a.get(
        reverse(
            "office:view_document",
            args=[
                return_a.pk,
                portal_a.sent_documents.get(display_name="8879.pdf").pk,
                "original",
            ],
        )
    )
    assert response_bytes(original) == fw9()


def test_there_is_no_signed_pdf_to_open_before_anyone_signs(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    send(office_a, return_a, ("return.pdf", f1040()))
    document = portal_a.sent_documents.get()

    for version in ("signed", "anything-else"):
        url = reverse("office:view_document", args=[return_a.pk, document.pk, version])
        assert office_a.get(url).status_code == 404


def test_the_client_is_emailed_when_documents_arrive(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    send(office_a, return_a)

    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["ana@example.com"]
    assert notice.subject == "News in your secure portal"
    assert "Firm A: Your tax documents are ready to review." in notice.body
    assert "/portal/login/" in notice.body


def test_a_client_without_an_email_is_texted_instead(
    office_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    assert portal_a.user is not None
    portal_a.user.email = ""
    portal_a.user.save()

    send(office_a, return_a)

    text = OutboxMessage.objects.get(channel="sms")
    assert text.recipient == "+15551112222"
    assert "Your tax documents are ready to review." in text.body
    assert not mail.outbox
