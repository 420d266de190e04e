"""Drawing a signature in the portal and signing what the preparer sent.

The PDF stamping itself is tested in test_signing.py; these tests go through
the pages, as the client and the preparer do.
"""

import datetime
import hashlib
import io

import pypdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageDraw

from conftest import make_registered_portal
from documents.models import DocumentSignature, SentDocument, Signature
from documents.tests.helpers import (
    F1040_SIGNATURE_BOX,
    INK,
    data_url,
    f1040,
    fw9,
    jpeg,
    plain_pdf,
    response_bytes,
    save_signature,
    send,
    sign,
    signature_png,
    stored_bytes,
)
from portal.models import Portal
from returns.models import TaxReturn

SCALE = 2.0
# Frozen late in the evening in New York, already the next day in UTC.
EVENING_IN_NEW_YORK = datetime.datetime(2026, 3, 3, 3, 15, tzinfo=datetime.UTC)


def render(pdf: bytes, page_index: int) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        document.init_forms()
        page = document[page_index]
        image: Image.Image = page.render(scale=SCALE, may_draw_forms=True).to_pil()
        return image.convert("RGB")
    finally:
        document.close()


def page_text(pdf: bytes, page_index: int) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        text: str = document[page_index].get_textpage().get_text_range()
        return text
    finally:
        document.close()


def ink_mask(image: Image.Image) -> list[bool]:
    data = image.tobytes()
    return [
        abs(data[i] - INK[0]) < 60
        and abs(data[i + 1] - INK[1]) < 60
        and abs(data[i + 2] - INK[2]) < 60
        for i in range(0, len(data), 3)
    ]


def new_ink(
    signed: Image.Image,
    original: Image.Image | None = None,
    box: tuple[float, float, float, float] | None = None,
) -> int:
    """Pixels of the signature's dark blue that the original page did not have.

    The box, if given, is in PDF points from the bottom-left of the page.
    """
    blank = Image.new("RGB", signed.size, "white")
    if box is not None:
        left, bottom, right, top = box
        height = signed.height / SCALE
        crop = (
            left * SCALE,
            (height - top) * SCALE,
            right * SCALE,
            (height - bottom) * SCALE,
        )
        signed = signed.crop(crop)
        original = (original or blank).crop(crop)
    before = ink_mask(original or blank.crop((0, 0, *signed.size)))
    return sum(
        1 for now, was in zip(ink_mask(signed), before, strict=True) if now and not was
    )


@pytest.fixture
def sent_1040(office_a: Client, portal_a: Portal, return_a: TaxReturn) -> SentDocument:
    send(office_a, return_a, ("2025 Form 1040.pdf", f1040()))
    return portal_a.sent_documents.get()


@pytest.fixture
def joint_portal(joint_return_a: TaxReturn) -> Portal:
    return make_registered_portal(joint_return_a, "rivera")


@pytest.fixture
def joint_client(joint_portal: Portal) -> Client:
    client = Client()
    client.force_login(joint_portal.user)  # type: ignore[arg-type]
    return client


def test_the_signature_page_has_back_clear_save_and_the_saved_message(
    client_a: Client,
) -> None:
    page = client_a.get(reverse("portal:signature", args=["taxpayer"])).content.decode()

    assert "Edit Taxpayer Signature" in page
    for label in ("Back", "Clear", "Save", "Success! Signature Saved!", "OK"):
        assert label in page


def test_a_drawn_signature_is_saved_and_then_shown_on_file(
    client_a: Client, portal_a: Portal, sent_1040: SentDocument
) -> None:
    before = client_a.get(reverse("portal:preparer_files")).content.decode()
    assert "Taxpayer: Click To Add Signature" in before
    assert "On File" not in before

    response = save_signature(client_a)

    assert response.status_code == 200
    assert response.json() == {"saved": True}
    stored = Image.open(
        io.BytesIO(bytes(portal_a.signatures.get(role="taxpayer").image_png))
    )
    assert stored.format == "PNG"
    assert stored.mode == "RGBA"
    assert stored.getpixel((0, 0))[3] == 0
    after = client_a.get(reverse("portal:preparer_files")).content.decode()
    assert "On File" in after
    assert reverse("portal:sign", args=[sent_1040.pk, "taxpayer"]) in after


DRAW_AGAIN = "Please draw it again."


@pytest.mark.parametrize(
    ("posted", "error"),
    [
        (
            data_url(signature_png(stroke=False)),
            "The signature is empty. Please draw your signature first.",
        ),
        ("", f"The signature did not arrive as a picture. {DRAW_AGAIN}"),
        (
            "data:image/png;base64,@@nope@@",
            f"The signature picture is damaged. {DRAW_AGAIN}",
        ),
        (
            "data:image/png;base64,iVBORw0KGgo=",
            f"The signature picture is damaged. {DRAW_AGAIN}",
        ),
        (data_url(jpeg()), "The signature must be a PNG picture."),
        (
            "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
            f"The signature did not arrive as a picture. {DRAW_AGAIN}",
        ),
    ],
)
def test_an_empty_or_broken_signature_is_refused_saying_why(
    client_a: Client, portal_a: Portal, posted: str, error: str
) -> None:
    response = client_a.post(
        reverse("portal:signature", args=["taxpayer"]), {"signature": posted}
    )

    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert not portal_a.signatures.exists()


def test_a_single_click_is_not_a_signature(client_a: Client, portal_a: Portal) -> None:
    dot = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    dot.putpixel((150, 50), (0, 0, 0, 255))
    out = io.BytesIO()
    dot.save(out, format="PNG")

    response = client_a.post(
        reverse("portal:signature", args=["taxpayer"]),
        {"signature": data_url(out.getvalue())},
    )

    assert response.status_code == 400
    assert not portal_a.signatures.exists()


def test_a_refused_signature_keeps_the_one_on_file(
    client_a: Client, portal_a: Portal
) -> None:
    save_signature(client_a)
    kept = bytes(portal_a.signatures.get().image_png)

    client_a.post(
        reverse("portal:signature", args=["taxpayer"]),
        {"signature": data_url(signature_png(stroke=False))},
    )

    assert bytes(portal_a.signatures.get().image_png) == kept


def test_a_single_return_has_no_spouse_signature(
    client_a: Client, portal_a: Portal
) -> None:
    url = reverse("portal:signature", args=["spouse"])

    assert client_a.get(url).status_code == 404
    assert (
        client_a.post(url, {"signature": data_url(signature_png())}).status_code == 404
    )
    assert not portal_a.signatures.exists()


@time_machine.travel(EVENING_IN_NEW_YORK, tick=False)
def test_signing_f1040_puts_the_signature_and_date_on_page_2s_your_signature_line(
    client_a: Client, sent_1040: SentDocument
) -> None:
    save_signature(client_a)

    response = sign(client_a, sent_1040)

    assert "Signed!" in response.content.decode()
    sent_1040.refresh_from_db()
    signed = stored_bytes(sent_1040.signed_file)
    signed_page = render(signed, 1)
    original_page = render(f1040(), 1)
    in_box = new_ink(signed_page, original_page, F1040_SIGNATURE_BOX)
    assert in_box > 200
    assert in_box >= 0.9 * new_ink(signed_page, original_page)
    assert new_ink(render(signed, 0), render(f1040(), 0)) == 0
    # The firm is in New York, where it is still the 2nd of March.
    assert "03/02/2026" in page_text(signed, 1)
    record = DocumentSignature.objects.get()
    assert (record.page_number, record.on_signature_line) == (2, True)


def test_signing_keeps_the_form_fields_and_the_original_unchanged(
    client_a: Client, office_a: Client, return_a: TaxReturn, sent_1040: SentDocument
) -> None:
    original_path = sent_1040.original_file.name
    save_signature(client_a)

    sign(client_a, sent_1040)

    sent_1040.refresh_from_db()
    assert sent_1040.original_file.name == original_path
    original = stored_bytes(sent_1040.original_file)
    assert hashlib.sha256(original).hexdigest() == hashlib.sha256(f1040()).hexdigest()
    assert sent_1040.original_sha256 == hashlib.sha256(f1040()).hexdigest()
    signed = stored_bytes(sent_1040.signed_file)
    assert signed != original
    before_fields = set(pypdf.PdfReader(io.BytesIO(f1040())).get_fields() or {})
    after_fields = set(pypdf.PdfReader(io.BytesIO(signed)).get_fields() or {})
    assert before_fields and after_fields == before_fields
    office_original = office_a.get(
        reverse("office:view_document", args=[return_a.pk, sent_1040.pk, "original"])
    )
    assert response_bytes(office_original) == f1040()


def test_the_audit_record_names_the_signer_and_both_hashes(
    client_a: Client, portal_a: Portal, sent_1040: SentDocument
) -> None:
    save_signature(client_a)

    sign(client_a, sent_1040)

    sent_1040.refresh_from_db()
    record = DocumentSignature.objects.get(document=sent_1040)
    assert record.role == "taxpayer"
    assert record.signed_by == portal_a.user
    assert record.ip_address == "127.0.0.1"
    assert record.sha256_before == hashlib.sha256(f1040()).hexdigest()
    assert (
        record.sha256_after
        == hashlib.sha256(stored_bytes(sent_1040.signed_file)).hexdigest()
    )


def test_a_pdf_without_a_signature_line_gets_a_signature_page(
    office_a: Client, client_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    letter = plain_pdf()
    send(office_a, return_a, ("Engagement letter.pdf", letter))
    document = portal_a.sent_documents.get()
    save_signature(client_a)

    sign(client_a, document)

    document.refresh_from_db()
    signed = stored_bytes(document.signed_file)
    assert len(pypdf.PdfReader(io.BytesIO(signed)).pages) == 2
    assert new_ink(render(signed, 0), render(letter, 0)) == 0
    assert new_ink(render(signed, 1)) > 200
    assert "Signature page" in page_text(signed, 1)
    record = DocumentSignature.objects.get()
    assert (record.page_number, record.on_signature_line) == (2, False)
    assert stored_bytes(document.original_file) == letter


def test_the_preparer_sees_the_signed_pdf_at_once(
    client_a: Client, office_a: Client, return_a: TaxReturn, sent_1040: SentDocument
) -> None:
    table = reverse("office:client_files_table", args=[return_a.pk])
    assert "View signed PDF" not in office_a.get(table).content.decode()
    save_signature(client_a)

    sign(client_a, sent_1040)

    page = office_a.get(table).content.decode()
    assert "Signed!" in page
    signed_url = reverse(
        "office:view_document", args=[return_a.pk, sent_1040.pk, "signed"]
    )
    assert signed_url in page
    sent_1040.refresh_from_db()
    response = office_a.get(signed_url)
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="2025 Form 1040 (signed).pdf"' in response["Content-Disposition"]
    assert response_bytes(response) == stored_bytes(sent_1040.signed_file)


def test_the_client_then_views_the_signed_copy(
    client_a: Client, sent_1040: SentDocument
) -> None:
    save_signature(client_a)
    sign(client_a, sent_1040)

    response = client_a.get(reverse("portal:view_document", args=[sent_1040.pk]))

    sent_1040.refresh_from_db()
    assert response_bytes(response) == stored_bytes(sent_1040.signed_file)
    assert response_bytes(response) != f1040()


def test_signing_without_a_signature_on_file_asks_for_one_first(
    client_a: Client, sent_1040: SentDocument
) -> None:
    response = sign(client_a, sent_1040)

    assert "Please add your signature first." in response.content.decode()
    sent_1040.refresh_from_db()
    assert sent_1040.taxpayer_signed_at is None
    assert not sent_1040.signed_file


def test_signing_twice_is_refused_and_keeps_the_first_signed_copy(
    client_a: Client, sent_1040: SentDocument
) -> None:
    save_signature(client_a)
    sign(client_a, sent_1040)
    sent_1040.refresh_from_db()
    first_copy = stored_bytes(sent_1040.signed_file)

    response = sign(client_a, sent_1040)

    assert "This document is already signed." in response.content.decode()
    sent_1040.refresh_from_db()
    assert stored_bytes(sent_1040.signed_file) == first_copy
    assert DocumentSignature.objects.count() == 1


def test_a_document_that_needs_no_signature_has_no_sign_button_and_cannot_be_signed(
    office_a: Client, client_a: Client, portal_a: Portal, return_a: TaxReturn
) -> None:
    send(office_a, return_a, ("Copy for your records.pdf", fw9()), taxpayer_signs=False)
    document = portal_a.sent_documents.get()
    save_signature(client_a)
    page = client_a.get(reverse("portal:preparer_files")).content.decode()
    assert reverse("portal:sign", args=[document.pk, "taxpayer"]) not in page

    response = sign(client_a, document)

    assert "This document does not need this signature." in response.content.decode()
    document.refresh_from_db()
    assert not document.signed_file


def test_signing_takes_only_posts(client_a: Client, sent_1040: SentDocument) -> None:
    save_signature(client_a)

    response = client_a.get(reverse("portal:sign", args=[sent_1040.pk, "taxpayer"]))

    assert response.status_code == 405
    sent_1040.refresh_from_db()
    assert sent_1040.taxpayer_signed_at is None


def test_on_a_joint_return_taxpayer_and_spouse_each_sign_the_same_copy(
    office_a: Client,
    joint_client: Client,
    joint_portal: Portal,
    joint_return_a: TaxReturn,
) -> None:
    send(office_a, joint_return_a, ("2025 Form 1040.pdf", f1040()), spouse_signs=True)
    document = joint_portal.sent_documents.get()
    page = joint_client.get(reverse("portal:preparer_files")).content.decode()
    assert "Spouse: Click To Add Signature" in page
    assert "Spouse Sign Document" in page
    spouse_page = joint_client.get(reverse("portal:signature", args=["spouse"]))
    assert "Edit Spouse Signature" in spouse_page.content.decode()
    save_signature(joint_client, "taxpayer")
    save_signature(joint_client, "spouse")

    sign(joint_client, document, "taxpayer")
    page = sign(joint_client, document, "spouse").content.decode()

    assert page.count("Signed!") == 2
    document.refresh_from_db()
    assert document.taxpayer_signed_at is not None
    assert document.spouse_signed_at is not None
    signed = stored_bytes(document.signed_file)
    # The spouse signed the taxpayer's signed copy, so both signatures are on it.
    page, original = render(signed, 1), render(f1040(), 1)
    in_taxpayer_box = new_ink(page, original, F1040_SIGNATURE_BOX)
    assert in_taxpayer_box > 200
    assert new_ink(page, original) > 1.5 * in_taxpayer_box
    assert stored_bytes(document.original_file) == f1040()
    assert set(DocumentSignature.objects.values_list("role", flat=True)) == {
        "taxpayer",
        "spouse",
    }


def test_the_spouse_cannot_sign_a_document_on_a_single_return(
    client_a: Client, sent_1040: SentDocument
) -> None:
    save_signature(client_a)

    response = client_a.post(reverse("portal:sign", args=[sent_1040.pk, "spouse"]))

    assert response.status_code == 404
    assert not Signature.objects.filter(role="spouse").exists()


def png_filled_with(colour: tuple[int, int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (300, 100), colour).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("picture", "error"),
    [
        (
            png_filled_with((255, 255, 255, 255)),
            "The signature is empty. Please draw your signature first.",
        ),
        (
            png_filled_with((0, 0, 0, 255)),
            "This does not look like a signature. Please clear it and sign again.",
        ),
    ],
)
def test_a_blank_white_or_solid_black_picture_is_not_a_signature(
    client_a: Client, portal_a: Portal, picture: bytes, error: str
) -> None:
    response = client_a.post(
        reverse("portal:signature", args=["taxpayer"]),
        {"signature": data_url(picture)},
    )

    assert response.json() == {"error": error}
    assert not portal_a.signatures.exists()


def test_a_signature_on_an_opaque_white_pad_is_kept_with_the_pad_made_clear(
    client_a: Client, portal_a: Portal
) -> None:
    pad = Image.new("RGBA", (400, 120), (255, 255, 255, 255))
    ImageDraw.Draw(pad).line([(20, 90), (200, 25), (380, 70)], fill=INK, width=9)
    out = io.BytesIO()
    pad.save(out, format="PNG")

    client_a.post(
        reverse("portal:signature", args=["taxpayer"]),
        {"signature": data_url(out.getvalue())},
    )

    kept = Image.open(io.BytesIO(bytes(portal_a.signatures.get().image_png)))
    corner_alpha = kept.getpixel((0, 0))[3]
    assert corner_alpha == 0
