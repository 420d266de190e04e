"""My Files: what the client uploads, what is refused and why, and Home's counts."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from documents.models import ClientUpload
from documents.tests.helpers import (
    HEIC_HEAD,
    f1040,
    fw9,
    jpeg,
    png,
    response_bytes,
    save_signature,
    send,
    stored_bytes,
    upload,
)
from portal.models import Portal
from returns.models import TaxReturn

MY_FILES = "/portal/files/"
UPLOAD = "/portal/files/upload/"


def raw_multipart_upload(client: Client, filename: str, content: bytes) -> object:
    """A request whose file name is sent exactly as given, path and all.

    Django's test client strips folders from names before sending; browsers and
    scripts do not always, so the server must.
    """
    boundary = "----taxportal-boundary"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        UPLOAD, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def test_home_counts_files_uploaded_and_files_sent(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    page = client_a.get("/portal/").content.decode()
    assert "0 Files Uploaded" in page
    assert "0 Files Sent" in page

    upload(client_a, "W-2.pdf", f1040())
    upload(client_a, "1099-INT.jpg", jpeg())
    send(office_a, return_a)

    page = client_a.get("/portal/").content.decode()
    assert "2 Files Uploaded" in page
    assert "1 File Sent" in page


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("W-2 2025.pdf", f1040(), "application/pdf"),
        ("1099-INT.jpg", jpeg(), "image/jpeg"),
        ("1099-DIV.JPEG", jpeg(), "image/jpeg"),
        ("screenshot.png", png(), "image/png"),
        ("IMG_0042.HEIC", HEIC_HEAD, "image/heic"),
        ("scan without extension", fw9(), "application/pdf"),
    ],
)
def test_client_uploads_a_pdf_a_photo_or_a_picture_and_it_is_kept_as_sent(
    client_a: Client, portal_a: Portal, name: str, content: bytes, content_type: str
) -> None:
    response = upload(client_a, name, content, content_type="application/octet-stream")

    assert response.status_code == 200
    assert name in response.content.decode()
    stored = portal_a.uploads.get()
    assert stored.display_name == name
    assert stored.content_type == content_type
    assert stored.size == len(content)
    assert stored_bytes(stored.file) == content


def test_stored_file_name_is_generated_and_never_the_clients(
    client_a: Client, portal_a: Portal
) -> None:
    upload(client_a, "Ana García W-2.pdf", f1040())

    stored = portal_a.uploads.get()
    assert stored.file.name.startswith("uploads/")
    assert "Garc" not in stored.file.name
    assert stored.file.name.endswith(".pdf")


@time_machine.travel(
    datetime.datetime(2026, 3, 2, 15, 4, tzinfo=datetime.UTC), tick=False
)
def test_my_files_lists_each_upload_with_when_in_the_firms_time_zone(
    client_a: Client,
) -> None:
    upload(client_a, "W-2.pdf", f1040())
    upload(client_a, "receipt.png", png())

    page = client_a.get(MY_FILES).content.decode()

    assert "W-2.pdf" in page
    assert "receipt.png" in page
    assert "Mar 2, 2026 10:04 AM EST" in page


def test_several_files_picked_at_once_keep_the_good_ones_and_say_why_one_was_refused(
    client_a: Client, portal_a: Portal
) -> None:
    files = [
        SimpleUploadedFile("W-2.pdf", f1040()),
        SimpleUploadedFile("holiday.exe", b"MZ\x90\x00 not a document"),
        SimpleUploadedFile("1099.jpg", jpeg()),
    ]

    response = client_a.post(MY_FILES, {"files": files}, follow=True)

    page = response.content.decode()
    assert "holiday.exe is not a file type we accept (PDF, JPEG, PNG or HEIC)." in page
    assert "W-2.pdf uploaded." in page
    assert "1099.jpg uploaded." in page
    assert sorted(portal_a.uploads.values_list("display_name", flat=True)) == [
        "1099.jpg",
        "W-2.pdf",
    ]


def test_a_file_over_the_size_limit_is_refused_saying_the_limit(
    client_a: Client, portal_a: Portal, settings: object
) -> None:
    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    too_big = f1040().ljust(1024 * 1024 + 1, b"\n")

    response = upload(client_a, "big scan.pdf", too_big)

    assert response.status_code == 400
    assert response.json() == {"error": "big scan.pdf is larger than 1 MB."}
    assert not portal_a.uploads.exists()


def test_a_file_exactly_at_the_size_limit_is_kept(
    client_a: Client, portal_a: Portal, settings: object
) -> None:
    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    at_limit = f1040().ljust(1024 * 1024, b"\n")

    response = upload(client_a, "big scan.pdf", at_limit)

    assert response.status_code == 200
    assert portal_a.uploads.get().size == 1024 * 1024


def test_an_empty_file_is_refused(client_a: Client, portal_a: Portal) -> None:
    response = upload(client_a, "W-2.pdf", b"")

    assert response.status_code == 400
    assert response.json() == {"error": "W-2.pdf is empty."}
    assert not portal_a.uploads.exists()


NOT_ACCEPTED = "is not a file type we accept (PDF, JPEG, PNG or HEIC)."


def not_its_name(extension: str) -> str:
    return f"is not what its name says: its content is not a .{extension} file."


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("W-2.pdf", jpeg(), not_its_name("pdf")),
        ("photo.jpg", f1040(), not_its_name("jpg")),
        ("scan.png", HEIC_HEAD, not_its_name("png")),
        ("page.html", f1040(), not_its_name("html")),
        ("invoice.pdf", b"MZ\x90\x00\x03 a Windows program", NOT_ACCEPTED),
        ("notes.txt", "Hola, ¿qué tal?".encode(), NOT_ACCEPTED),
        ("W-2.pdf", b"<html><script>alert(1)</script>", NOT_ACCEPTED),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_by_its_content(
    client_a: Client, portal_a: Portal, name: str, content: bytes, error: str
) -> None:
    response = upload(client_a, name, content, content_type="application/pdf")

    assert response.status_code == 400
    assert response.json() == {"error": f"{name} {error}"}
    assert not portal_a.uploads.exists()


@pytest.mark.parametrize(
    ("sent_name", "shown_name"),
    [
        ("!!!.pdf", "document.pdf"),
        ("😀🧾💸.pdf", "document.pdf"),
        ("....", "document.pdf"),
        ("-_-.pdf", "document.pdf"),
        ("C:\\Users\\ana\\Desktop\\W-2.pdf", "W-2.pdf"),
        ("W-2\u202efdp.exe.pdf", "W-2fdp.exe.pdf"),
        ("tab\tand\nnewline\x00.pdf", "tabandnewline.pdf"),
        ("  spaced   out  .pdf", "spaced out.pdf"),
        ("Résumé 2025 — 税金 ضريبة.pdf", "Résumé 2025 — 税金 ضريبة.pdf"),
    ],
)
def test_a_hostile_file_name_is_cleaned_for_display_and_the_file_kept(
    client_a: Client, portal_a: Portal, sent_name: str, shown_name: str
) -> None:
    response = upload(client_a, sent_name, f1040())

    assert response.status_code == 200
    stored = portal_a.uploads.get()
    assert stored.display_name == shown_name
    assert stored_bytes(stored.file) == f1040()


@pytest.mark.parametrize(
    "sent_name",
    ["../../../etc/W-2.pdf", "/var/lib/taxportal/files/W-2.pdf", "..\\..\\W-2.pdf"],
)
def test_a_path_in_the_file_name_is_dropped_and_nothing_lands_outside_the_files_folder(
    client_a: Client, portal_a: Portal, settings: object, sent_name: str
) -> None:
    response = raw_multipart_upload(client_a, sent_name, f1040())

    assert response.status_code == 200
    stored = portal_a.uploads.get()
    assert stored.display_name == "W-2.pdf"
    media_root = settings.MEDIA_ROOT  # type: ignore[attr-defined]
    path = media_root / stored.file.name
    assert path.resolve().is_relative_to(media_root.resolve())
    assert path.read_bytes() == f1040()


def test_a_script_tag_in_a_file_name_is_shown_as_text(client_a: Client) -> None:
    upload(client_a, '"><img src=x onerror=alert(1)>.jpg', jpeg())

    page = client_a.get(MY_FILES).content.decode()

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.jpg" in page


def test_two_files_with_the_same_name_are_both_kept_and_told_apart(
    client_a: Client, portal_a: Portal
) -> None:
    first, second, third = jpeg((255, 0, 0)), jpeg((0, 0, 255)), jpeg((0, 255, 0))

    upload(client_a, "receipt.jpg", first)
    upload(client_a, "receipt.jpg", second)
    upload(client_a, "receipt.jpg", third)

    by_name = {u.display_name: u for u in portal_a.uploads.all()}
    assert set(by_name) == {"receipt.jpg", "receipt (2).jpg", "receipt (3).jpg"}
    assert stored_bytes(by_name["receipt.jpg"].file) == first
    assert stored_bytes(by_name["receipt (2).jpg"].file) == second
    assert stored_bytes(by_name["receipt (3).jpg"].file) == third


def test_two_names_of_only_emoji_are_both_kept(
    client_a: Client, portal_a: Portal
) -> None:
    upload(client_a, "🧾.pdf", f1040())
    upload(client_a, "💸.pdf", fw9())

    names = sorted(portal_a.uploads.values_list("display_name", flat=True))
    assert names == ["document (2).pdf", "document.pdf"]


def test_a_refused_upload_leaves_earlier_files_signatures_and_messages_intact(
    client_a: Client, portal_a: Portal, settings: object
) -> None:
    upload(client_a, "W-2.pdf", f1040())
    kept = portal_a.uploads.get()
    save_signature(client_a)
    signature = bytes(portal_a.signatures.get().image_png)
    client_a.post("/portal/messages/", {"body": "Here is my W-2 🙂"})
    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]

    upload(client_a, "W-2.pdf", jpeg())
    upload(client_a, "W-2.pdf", b"")
    upload(client_a, "W-2.pdf", f1040().ljust(2 * 1024 * 1024, b"\n"))

    assert list(portal_a.uploads.all()) == [kept]
    assert stored_bytes(portal_a.uploads.get().file) == f1040()
    download = client_a.get(reverse("portal:download_upload", args=[kept.pk]))
    assert response_bytes(download) == f1040()
    assert bytes(portal_a.signatures.get().image_png) == signature
    assert list(portal_a.messages.values_list("body", flat=True)) == [
        "Here is my W-2 🙂"
    ]


def test_a_request_without_a_file_says_so(client_a: Client, portal_a: Portal) -> None:
    response = client_a.post(UPLOAD, {})

    assert response.status_code == 400
    assert response.json() == {"error": "No file arrived. Please try again."}


def test_the_upload_endpoint_takes_only_posts(client_a: Client) -> None:
    assert client_a.get(UPLOAD).status_code == 405


def test_client_downloads_their_upload_under_its_display_name(
    client_a: Client, portal_a: Portal
) -> None:
    upload(client_a, "Ana's W-2 (final).pdf", f1040())
    stored = portal_a.uploads.get()

    response = client_a.get(reverse("portal:download_upload", args=[stored.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "W-2" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response_bytes(response) == f1040()


def test_preparer_and_colleague_see_client_uploads_on_the_return_and_download_them(
    client_a: Client, office_a: Client, colleague_a: object, return_a: TaxReturn
) -> None:
    upload(client_a, "1099-INT.jpg", jpeg())
    stored = ClientUpload.objects.get()
    colleague = Client()
    colleague.force_login(colleague_a)  # type: ignore[arg-type]

    for office in (office_a, colleague):
        page = office.get(reverse("office:client_files", args=[return_a.pk]))
        assert "1099-INT.jpg" in page.content.decode()
        download = office.get(
            reverse("office:download_upload", args=[return_a.pk, stored.pk])
        )
        assert download.status_code == 200
        assert download["Content-Type"] == "image/jpeg"
        assert response_bytes(download) == jpeg()


def test_the_office_files_table_refreshes_with_a_new_upload(
    client_a: Client, office_a: Client, return_a: TaxReturn
) -> None:
    table = reverse("office:client_files_table", args=[return_a.pk])
    assert (
        "The client has not uploaded anything yet."
        in office_a.get(table).content.decode()
    )

    upload(client_a, "W-2.pdf", f1040())

    assert "W-2.pdf" in office_a.get(table).content.decode()


def test_a_very_long_name_is_shortened_but_keeps_its_extension(
    client_a: Client, portal_a: Portal
) -> None:
    upload(client_a, "x" * 300 + ".jpg", jpeg())

    kept = portal_a.uploads.get().display_name
    assert kept == "x" * 180 + ".jpg"
