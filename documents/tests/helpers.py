"""Builders shared by the documents, chat and outsider tests.

Every file here is a real file of its kind (a PDF that opens, a JPEG Pillow
made), so that the content checks are exercised, not bypassed.
"""

import base64
import io
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageDraw
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from documents.models import ClientUpload, SentDocument
from returns.models import TaxReturn

DATA = Path(__file__).resolve().parent / "data"
# The "Your signature" box on Form 1040 page 2, in PDF points from bottom-left.
F1040_SIGNATURE_BOX = (96, 257, 275, 287)
INK = (10, 30, 150)
# Starts like a HEIC photo from a phone: a file type box with the heic brand.
HEIC_HEAD = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def f1040() -> bytes:
    return (DATA / "f1040.pdf").read_bytes()


def fw9() -> bytes:
    return (DATA / "fw9.pdf").read_bytes()


def plain_pdf(text: str = "Engagement letter") -> bytes:
    """A one-page PDF with no signature line anywhere on it."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(612, 792))
    canvas.drawString(72, 700, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def jpeg(colour: tuple[int, int, int] = (200, 180, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="JPEG")
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def signature_png(stroke: bool = True) -> bytes:
    """A dark zig-zag on a transparent background, or the background alone."""
    image = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    if stroke:
        points = [(20, 90), (110, 25), (200, 95), (290, 25), (380, 70)]
        ImageDraw.Draw(image).line(points, fill=(*INK, 255), width=9)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def data_url(png_bytes: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode()


def upload(client: Client, name: str, content: bytes, content_type: str = "") -> object:
    """One file, one request, as the page's uploader sends them."""
    file = SimpleUploadedFile(
        name, content, content_type=content_type or "application/octet-stream"
    )
    return client.post(reverse("portal:upload_file"), {"file": file})


def send(
    office: Client,
    tax_return: TaxReturn,
    tax_return_pdf: tuple[str, bytes] | None = ("2025 Form 1040.pdf", b""),
    form_8879: tuple[str, bytes] | None = None,
    *,
    taxpayer_signs: bool = True,
    spouse_signs: bool = False,
    follow: bool = True,
) -> object:
    """Post the "Send Tax Return Documents to Customer Portal" form."""
    data: dict[str, object] = {}
    for slot, chosen in (("tax_return", tax_return_pdf), ("form_8879", form_8879)):
        if chosen is None:
            continue
        name, content = chosen
        data[f"{slot}_file"] = SimpleUploadedFile(
            name, content or f1040(), content_type="application/pdf"
        )
        if taxpayer_signs:
            data[f"{slot}_taxpayer"] = "on"
        if spouse_signs:
            data[f"{slot}_spouse"] = "on"
    url = reverse("office:send_documents", args=[tax_return.pk])
    return office.post(url, data, follow=follow)


def stored_bytes(field: object) -> bytes:
    with field.open("rb") as handle:  # type: ignore[attr-defined]
        return bytes(handle.read())


def response_bytes(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def only_upload() -> ClientUpload:
    return ClientUpload.objects.get()


def only_document() -> SentDocument:
    return SentDocument.objects.get()


def save_signature(client: Client, role: str = "taxpayer") -> object:
    url = reverse("portal:signature", args=[role])
    return client.post(url, {"signature": data_url(signature_png())})


def sign(client: Client, document: SentDocument, role: str = "taxpayer") -> object:
    url = reverse("portal:sign", args=[document.pk, role])
    return client.post(url, follow=True)


def shows_time(page: str, day: str, clock: str, zone: str) -> bool:
    """Whether the page shows this local time, written "10:04a.m." or "10:04 AM"."""
    hour, minute = clock.split(":")
    minute, half = minute[:2], minute[2:]
    marker = r"a\.m\.|AM" if half == "am" else r"p\.m\.|PM"
    pattern = rf"{re.escape(day)},? (\d{{4}} )?{hour}:{minute}\s?({marker}) {zone}"
    return re.search(pattern, page) is not None
