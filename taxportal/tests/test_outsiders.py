"""Tenancy: nobody sees anything of another firm, or of another client's portal.

Firm A's data is a return with a registered portal, an upload from the client
and a document the client has signed. Every URL that takes an id is asked for
it by the outsiders (a preparer of firm B, a client of firm B): each gets 404.
The same URLs work for firm A's colleague, so the 404s are not typos.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from chat.models import Message
from documents.models import ClientUpload, SentDocument
from documents.tests.helpers import f1040, jpeg, save_signature, send, sign, upload
from portal.models import Invitation
from returns.models import TaxReturn


@dataclass(frozen=True)
class FirmA:
    tax_return: TaxReturn
    upload: ClientUpload
    document: SentDocument


@dataclass(frozen=True)
class FirmB:
    tax_return: TaxReturn
    upload: ClientUpload
    document: SentDocument


@pytest.fixture(autouse=True)
def quick_password_hashing(settings: object) -> None:
    """Four personas per test: a slow hasher would make this file take minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def a(office_a: Client, client_a: Client, return_a: TaxReturn) -> FirmA:
    upload(client_a, "Ana W-2.jpg", jpeg())
    send(office_a, return_a, ("Ana 1040.pdf", f1040()))
    document = SentDocument.objects.get(portal__tax_return=return_a)
    save_signature(client_a)
    sign(client_a, document)
    document.refresh_from_db()
    assert document.signed_file
    return FirmA(
        return_a, ClientUpload.objects.get(portal__tax_return=return_a), document
    )


@pytest.fixture
def b(office_b: Client, client_b: Client, return_b: TaxReturn) -> FirmB:
    upload(client_b, "Peter W-2.jpg", jpeg())
    send(office_b, return_b, ("Peter 1040.pdf", f1040()))
    save_signature(client_b)
    return FirmB(
        return_b,
        ClientUpload.objects.get(portal__tax_return=return_b),
        SentDocument.objects.get(portal__tax_return=return_b),
    )


# Each office page that takes an id, as a function of firm A's data.
OFFICE_PAGES: dict[str, Callable[[FirmA], str]] = {
    "return_detail": lambda a: reverse("office:return_detail", args=[a.tax_return.pk]),
    "return_edit": lambda a: reverse("office:return_edit", args=[a.tax_return.pk]),
    "portal_link": lambda a: reverse("office:portal_link", args=[a.tax_return.pk]),
    "efile": lambda a: reverse("office:efile", args=[a.tax_return.pk]),
    "send_documents": lambda a: reverse(
        "office:send_documents", args=[a.tax_return.pk]
    ),
    "client_files": lambda a: reverse("office:client_files", args=[a.tax_return.pk]),
    "client_files_table": lambda a: reverse(
        "office:client_files_table", args=[a.tax_return.pk]
    ),
    "download_upload": lambda a: reverse(
        "office:download_upload", args=[a.tax_return.pk, a.upload.pk]
    ),
    "view_document (original)": lambda a: reverse(
        "office:view_document", args=[a.tax_return.pk, a.document.pk, "original"]
    ),
    "view_document (signed)": lambda a: reverse(
        "office:view_document", args=[a.tax_return.pk, a.document.pk, "signed"]
    ),
    "chat": lambda a: reverse("office:chat", args=[a.tax_return.pk]),
    "chat (shown)": lambda a: (
        reverse("office:chat", args=[a.tax_return.pk]) + "?show=1"
    ),
    "chat_history": lambda a: reverse("office:chat_history", args=[a.tax_return.pk]),
    "chat_unread": lambda a: reverse("office:chat_unread", args=[a.tax_return.pk]),
}

PORTAL_PAGES: dict[str, Callable[[FirmA], str]] = {
    "download_upload": lambda a: reverse("portal:download_upload", args=[a.upload.pk]),
    "view_document": lambda a: reverse("portal:view_document", args=[a.document.pk]),
}


def url_names_taking_an_id(namespace: str) -> set[str]:
    resolver = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == namespace
    )
    return {
        p.name
        for p in resolver.url_patterns
        if isinstance(p, URLPattern) and p.name and "_id>" in str(p.pattern)
    }


def test_every_office_url_with_an_id_is_in_the_outsider_list() -> None:
    covered = {name.split(" ")[0] for name in OFFICE_PAGES} | {"resend_invite"}

    assert url_names_taking_an_id("office") <= covered


def test_every_portal_url_with_an_id_is_in_the_outsider_list() -> None:
    covered = set(PORTAL_PAGES) | {"sign"}

    assert url_names_taking_an_id("portal") <= covered


@pytest.mark.parametrize("page", OFFICE_PAGES)
def test_a_colleague_of_the_same_firm_opens_every_office_page(
    page: str, a: FirmA, colleague_a: User
) -> None:
    colleague = Client()
    colleague.force_login(colleague_a)

    assert colleague.get(OFFICE_PAGES[page](a)).status_code == 200


@pytest.mark.parametrize("page", OFFICE_PAGES)
def test_a_preparer_of_another_firm_gets_404_on_every_office_page(
    page: str, a: FirmA, office_b: Client
) -> None:
    assert office_b.get(OFFICE_PAGES[page](a)).status_code == 404


@pytest.mark.parametrize("page", OFFICE_PAGES)
def test_a_preparer_of_another_firm_gets_404_posting_to_every_office_page(
    page: str, a: FirmA, office_b: Client
) -> None:
    data = {
        "body": "Hello from firm B",
        "email": "thief@b.example",
        "phone": "+15559990000",
        "tax_return_file": open_pdf(),
        "tax_return_taxpayer": "on",
    }

    assert office_b.post(OFFICE_PAGES[page](a), data).status_code == 404
    assert not Message.objects.exists()
    assert SentDocument.objects.filter(portal__tax_return=a.tax_return).count() == 1
    assert not Invitation.objects.exists()


def open_pdf() -> object:
    return SimpleUploadedFile("sneaky.pdf", f1040(), content_type="application/pdf")


def test_a_preparer_of_another_firm_cannot_resend_firm_a_invitation(
    office_a: Client, office_b: Client, joint_return_a: TaxReturn
) -> None:
    link = reverse("office:portal_link", args=[joint_return_a.pk])
    office_a.post(link, {"email": "rivera@example.com", "phone": ""})
    assert Invitation.objects.count() == 1
    url = reverse("office:resend_invite", args=[joint_return_a.pk])

    assert office_b.post(url).status_code == 404
    assert Invitation.objects.count() == 1
    assert office_a.post(url).status_code == 302
    assert Invitation.objects.count() == 2


@pytest.mark.parametrize("kind", ["upload", "original", "signed"])
def test_firm_b_pairing_its_own_return_with_firm_a_file_ids_gets_404(
    kind: str, a: FirmA, b: FirmB, office_b: Client
) -> None:
    own = b.tax_return.pk
    url = (
        reverse("office:download_upload", args=[own, a.upload.pk])
        if kind == "upload"
        else reverse("office:view_document", args=[own, a.document.pk, kind])
    )

    assert office_b.get(url).status_code == 404


def test_firm_a_pairing_its_return_with_its_colleagues_ids_works_but_not_firm_bs(
    a: FirmA, b: FirmB, office_a: Client
) -> None:
    mine = reverse("office:download_upload", args=[a.tax_return.pk, a.upload.pk])
    theirs = reverse("office:download_upload", args=[a.tax_return.pk, b.upload.pk])

    assert office_a.get(mine).status_code == 200
    assert office_a.get(theirs).status_code == 404


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_the_client_opens_their_own_files_by_id(
    page: str, a: FirmA, client_a: Client
) -> None:
    assert client_a.get(PORTAL_PAGES[page](a)).status_code == 200


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_another_firms_client_gets_404_for_firm_a_upload_and_document_ids(
    page: str, a: FirmA, b: FirmB, client_b: Client
) -> None:
    assert client_b.get(PORTAL_PAGES[page](a)).status_code == 404


def test_another_firms_client_cannot_sign_firm_a_document(
    a: FirmA, b: FirmB, client_b: Client
) -> None:
    signed_copy = a.document.signed_file.name
    SentDocument.objects.filter(pk=a.document.pk).update(taxpayer_signed_at=None)

    response = client_b.post(reverse("portal:sign", args=[a.document.pk, "taxpayer"]))

    assert response.status_code == 404
    a.document.refresh_from_db()
    assert a.document.taxpayer_signed_at is None
    assert a.document.signed_file.name == signed_copy


def test_another_firms_client_sees_none_of_firm_a_files_in_their_lists(
    a: FirmA, b: FirmB, client_b: Client
) -> None:
    my_files = client_b.get(reverse("portal:my_files")).content.decode()
    preparer_files = client_b.get(reverse("portal:preparer_files")).content.decode()

    assert "Peter W-2.jpg" in my_files
    assert "Ana W-2.jpg" not in my_files
    assert "Peter 1040.pdf" in preparer_files
    assert "Ana 1040.pdf" not in preparer_files


def test_another_firms_preparer_does_not_find_firm_a_return_in_the_list(
    a: FirmA, b: FirmB, office_b: Client
) -> None:
    page = office_b.get(reverse("office:returns")).content.decode()

    assert "Quinn" in page
    assert "García" not in page


@pytest.mark.parametrize("page", [*OFFICE_PAGES, "returns"])
def test_a_client_cannot_open_office_pages(
    page: str, a: FirmA, client_a: Client
) -> None:
    url = reverse("office:returns") if page == "returns" else OFFICE_PAGES[page](a)

    response = client_a.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("office:login"))


def test_a_client_cannot_post_a_message_as_the_office(
    a: FirmA, client_a: Client
) -> None:
    client_a.post(
        reverse("office:chat", args=[a.tax_return.pk]), {"body": "I am the firm"}
    )

    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        lambda a: reverse("portal:home"),
        lambda a: reverse("portal:my_files"),
        lambda a: reverse("portal:preparer_files"),
        lambda a: reverse("portal:messages"),
        lambda a: reverse("portal:signature", args=["taxpayer"]),
        *PORTAL_PAGES.values(),
    ],
)
def test_a_preparer_has_no_portal(
    url: Callable[[FirmA], str], a: FirmA, office_a: Client
) -> None:
    response = office_a.get(url(a))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login")


def test_a_preparer_cannot_upload_or_sign_in_the_portal(
    a: FirmA, office_a: Client
) -> None:
    upload(office_a, "W-2.pdf", f1040())
    office_a.post(reverse("portal:sign", args=[a.document.pk, "taxpayer"]))

    assert ClientUpload.objects.count() == 1
