"""The preparer's side of documents: send, and see what came back."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from documents.access import get_sent_document_for_preparer, get_upload_for_preparer
from documents.actions import send_documents
from documents.office_forms import SendDocumentsForm
from documents.responses import file_response
from documents.uploads import UploadRefused
from firms.decorators import preparer_required
from returns.access import get_return_for_preparer
from returns.models import TaxReturn


@preparer_required
def send_tax_return_documents(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    portal = getattr(tax_return, "portal", None)
    registered = portal is not None and portal.is_registered
    form = SendDocumentsForm(
        request.POST if registered and request.method == "POST" else None,
        request.FILES or None,
        is_joint=tax_return.is_joint,
    )

    if request.method == "POST" and portal and registered and form.is_valid():
        try:
            send_documents(request, portal, form.documents())
        except UploadRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("Transfer Completed - Documents are now on Customer Portal")
            )
            return redirect("office:efile", return_id=tax_return.pk)

    return render(
        request,
        "documents/office/send.html",
        {
            "tax_return": tax_return,
            "portal": portal,
            "registered": registered,
            "form": form,
            "active": "efile",
        },
    )


@preparer_required
def client_files(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    return render(
        request, "documents/office/client_files.html", _files_context(tax_return)
    )


@preparer_required
def client_files_table(request: HttpRequest, return_id: int) -> HttpResponse:
    """The two tables alone, fetched again every few seconds by the page."""
    tax_return = get_return_for_preparer(request, return_id)
    return render(
        request, "documents/office/files_tables.html", _files_context(tax_return)
    )


def _files_context(tax_return: TaxReturn) -> dict[str, object]:
    portal = getattr(tax_return, "portal", None)
    return {
        "tax_return": tax_return,
        "portal": portal,
        "uploads": portal.uploads.all() if portal else [],
        "sent_documents": portal.sent_documents.all() if portal else [],
        "active": "files",
    }


@preparer_required
def download_client_upload(
    request: HttpRequest, return_id: int, upload_id: int
) -> FileResponse:
    upload = get_upload_for_preparer(request, return_id, upload_id)
    return file_response(
        request, upload, upload.file, upload.content_type, inline=False
    )


@preparer_required
def view_sent_document(
    request: HttpRequest, return_id: int, document_id: int, version: str
) -> FileResponse:
    document = get_sent_document_for_preparer(request, return_id, document_id)
    versions = {"original": document.original_file, "signed": document.signed_file}
    field = versions.get(version)
    if not field:
        raise Http404
    return file_response(request, document, field, "application/pdf", inline=True)
