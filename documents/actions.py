"""What clients and preparers do with files: upload, send, draw, sign."""

import hashlib
import zoneinfo
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import signing
from documents.models import ClientUpload, DocumentSignature, SentDocument, Signature
from documents.signatures import signature_png_from_data_url
from documents.uploads import (
    CheckedFile,
    UploadRefused,
    check_upload,
    unique_display_name,
)
from events.models import EventKind
from events.record import record_event
from lib.http import client_ip, signed_in_user, user_agent
from portal.models import Portal
from portal.notify import notify_client
from returns.models import Role


class SigningRefused(Exception):
    pass


def store_client_upload(
    request: HttpRequest, portal: Portal, upload: UploadedFile
) -> ClientUpload:
    checked = check_upload(upload)
    taken = set(portal.uploads.values_list("display_name", flat=True))

    stored = ClientUpload(
        portal=portal,
        display_name=unique_display_name(checked.display_name, taken),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    stored.file.save(checked.display_name, upload, save=True)

    record_event(
        EventKind.DOCUMENT_UPLOADED,
        request=request,
        portal=portal,
        subject=stored,
        details={"document": stored.display_name},
    )
    return stored


@dataclass(frozen=True)
class DocumentToSend:
    upload: UploadedFile
    needs_taxpayer_signature: bool
    needs_spouse_signature: bool


def send_documents(
    request: HttpRequest, portal: Portal, documents: list[DocumentToSend]
) -> list[SentDocument]:
    """Check every PDF first, so that one bad file sends nothing at all."""
    checked = [(doc, _check_pdf(doc.upload)) for doc in documents]
    taken = set(portal.sent_documents.values_list("display_name", flat=True))

    sent = []
    with transaction.atomic():
        for doc, checked_file in checked:
            name = unique_display_name(checked_file.display_name, taken)
            taken.add(name)
            sent.append(_store_sent_document(request, portal, doc, checked_file, name))

    record_event(
        EventKind.DOCUMENTS_SENT,
        request=request,
        portal=portal,
        details={"documents": [d.pk for d in sent]},
    )
    notify_client(request, portal, _("Your tax documents are ready to review."))
    return sent


def _check_pdf(upload: UploadedFile) -> CheckedFile:
    checked = check_upload(upload, allowed={"application/pdf"})
    try:
        signing.page_count(upload.read())
    except signing.UnreadablePdf:
        raise UploadRefused(
            _(
                "%(name)s could not be opened as a PDF"
                " (damaged, or protected by a password)."
            )
            % {"name": upload.name}
        ) from None
    finally:
        upload.seek(0)
    return checked


def _store_sent_document(
    request: HttpRequest,
    portal: Portal,
    doc: DocumentToSend,
    checked: CheckedFile,
    name: str,
) -> SentDocument:
    sent = SentDocument(
        portal=portal,
        display_name=name,
        original_sha256=checked.sha256,
        needs_taxpayer_signature=doc.needs_taxpayer_signature,
        needs_spouse_signature=doc.needs_spouse_signature
        and portal.tax_return.is_joint,
        sent_by=signed_in_user(request),
    )
    sent.original_file.save(name, doc.upload, save=True)
    return sent


def save_signature(
    request: HttpRequest, portal: Portal, role: Role, data_url: str
) -> Signature:
    png = signature_png_from_data_url(data_url)
    signature, _created = Signature.objects.update_or_create(
        portal=portal, role=role, defaults={"image_png": png}
    )
    record_event(
        EventKind.SIGNATURE_SAVED,
        request=request,
        portal=portal,
        details={"signer": role.value},
    )
    return signature


def sign_document(
    request: HttpRequest, portal: Portal, document: SentDocument, role: Role
) -> DocumentSignature:
    """Stamp the saved signature and today's date; the original stays as sent."""
    signature = portal.signatures.filter(role=role).first()
    if signature is None:
        raise SigningRefused(_("Please add your signature first."))
    if not document.needs_signature_of(role):
        raise SigningRefused(_("This document does not need this signature."))

    with transaction.atomic():
        document = SentDocument.objects.select_for_update().get(pk=document.pk)
        if document.signed_at_by(role) is not None:
            raise SigningRefused(_("This document is already signed."))
        record = _stamp_and_store(
            request, portal, document, role, bytes(signature.image_png)
        )

    record_event(
        EventKind.DOCUMENT_SIGNED,
        request=request,
        portal=portal,
        subject=document,
        details={"signer": role.value, "document": document.display_name},
    )
    return record


def _stamp_and_store(
    request: HttpRequest, portal: Portal, document: SentDocument, role: Role, png: bytes
) -> DocumentSignature:
    with document.current_file.open("rb") as current:
        before = current.read()

    now = timezone.now()
    signer = portal.tax_return.people.get(role=role)
    firm_zone = zoneinfo.ZoneInfo(portal.tax_return.firm.time_zone)
    signed_pdf, placement = signing.stamp_signature(
        before,
        png,
        signing.Signer(role.value),
        timezone.localtime(now, firm_zone).date(),
        signer.full_name,
    )

    document.signed_file.save(
        document.display_name, ContentFile(signed_pdf), save=False
    )
    setattr(document, f"{role.value}_signed_at", now)
    document.save()

    return DocumentSignature.objects.create(
        document=document,
        role=role,
        signed_by=signed_in_user(request),
        signed_at=now,
        ip_address=client_ip(request) or None,
        user_agent=user_agent(request),
        sha256_before=hashlib.sha256(before).hexdigest(),
        sha256_after=hashlib.sha256(signed_pdf).hexdigest(),
        page_number=placement.page_index + 1,
        on_signature_line=not placement.appended_page,
    )
