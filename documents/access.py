"""Loading files by id, only for their own firm or their own portal."""

from django.http import Http404, HttpRequest

from documents.models import ClientUpload, SentDocument
from portal.models import Portal
from returns.access import get_return_for_preparer


def get_upload_for_preparer(
    request: HttpRequest, return_id: int, upload_id: int
) -> ClientUpload:
    tax_return = get_return_for_preparer(request, return_id)
    try:
        return ClientUpload.objects.get(pk=upload_id, portal__tax_return=tax_return)
    except ClientUpload.DoesNotExist:
        raise Http404 from None


def get_sent_document_for_preparer(
    request: HttpRequest, return_id: int, document_id: int
) -> SentDocument:
    tax_return = get_return_for_preparer(request, return_id)
    try:
        return SentDocument.objects.get(pk=document_id, portal__tax_return=tax_return)
    except SentDocument.DoesNotExist:
        raise Http404 from None


def get_upload_for_client(portal: Portal, upload_id: int) -> ClientUpload:
    try:
        return ClientUpload.objects.get(pk=upload_id, portal=portal)
    except ClientUpload.DoesNotExist:
        raise Http404 from None


def get_sent_document_for_client(portal: Portal, document_id: int) -> SentDocument:
    try:
        return SentDocument.objects.get(pk=document_id, portal=portal)
    except SentDocument.DoesNotExist:
        raise Http404 from None
