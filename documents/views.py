"""The client's side: My Files, Files From My Preparer, signature, signing."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.access import get_sent_document_for_client, get_upload_for_client
from documents.actions import (
    SigningRefused,
    save_signature,
    sign_document,
    store_client_upload,
)
from documents.responses import file_response
from documents.signatures import SignatureRefused
from documents.uploads import UploadRefused
from portal.access import portal_required
from portal.models import Portal
from returns.models import Role


@portal_required
def my_files(request: HttpRequest, portal: Portal) -> HttpResponse:
    if request.method == "POST":
        # The form without JavaScript: several files in one request.
        for upload in request.FILES.getlist("files"):
            try:
                stored = store_client_upload(request, portal, upload)
                messages.success(
                    request, _("%(name)s uploaded.") % {"name": stored.display_name}
                )
            except UploadRefused as refusal:
                messages.error(request, str(refusal))
        return redirect("portal:my_files")

    return render(
        request,
        "documents/my_files.html",
        {
            "active": "my_files",
            "uploads": portal.uploads.all(),
            "max_bytes": settings.UPLOAD_MAX_BYTES,
            "max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
        },
    )


@require_POST
@portal_required
def upload_file(request: HttpRequest, portal: Portal) -> HttpResponse:
    """One file per request, so the page can show a progress bar for each."""
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse(
            {"error": _("No file arrived. Please try again.")}, status=400
        )

    try:
        stored = store_client_upload(request, portal, upload)
    except UploadRefused as refusal:
        return JsonResponse({"error": str(refusal)}, status=400)

    return render(request, "documents/upload_row.html", {"upload": stored})


@portal_required
def download_upload(
    request: HttpRequest, portal: Portal, upload_id: int
) -> FileResponse:
    upload = get_upload_for_client(portal, upload_id)
    return file_response(
        request, upload, upload.file, upload.content_type, inline=False
    )


@portal_required
def preparer_files(request: HttpRequest, portal: Portal) -> HttpResponse:
    return render(
        request, "documents/preparer_files.html", _preparer_files_context(portal)
    )


@portal_required
def preparer_files_table(request: HttpRequest, portal: Portal) -> HttpResponse:
    return render(
        request, "documents/preparer_files_table.html", _preparer_files_context(portal)
    )


def _preparer_files_context(portal: Portal) -> dict[str, object]:
    signatures = {s.role for s in portal.signatures.all()}
    signers = [Role.TAXPAYER] + ([Role.SPOUSE] if portal.tax_return.is_joint else [])
    return {
        "active": "preparer_files",
        "documents": portal.sent_documents.all(),
        "signers": [
            {
                "role": role,
                "on_file": role.value in signatures,
                "person": portal.tax_return.people.get(role=role),
            }
            for role in signers
        ],
    }


@portal_required
def view_document(
    request: HttpRequest, portal: Portal, document_id: int
) -> FileResponse:
    document = get_sent_document_for_client(portal, document_id)
    return file_response(
        request, document, document.current_file, "application/pdf", inline=True
    )


@portal_required
def edit_signature(request: HttpRequest, portal: Portal, role: str) -> HttpResponse:
    signer = _signer_role(portal, role)
    if request.method == "POST":
        try:
            save_signature(request, portal, signer, request.POST.get("signature", ""))
        except SignatureRefused as refusal:
            return JsonResponse({"error": str(refusal)}, status=400)
        return JsonResponse({"saved": True})

    return render(
        request,
        "documents/signature.html",
        {
            "active": "preparer_files",
            "role": signer,
            "person": portal.tax_return.people.get(role=signer),
        },
    )


@require_POST
@portal_required
def sign(
    request: HttpRequest, portal: Portal, document_id: int, role: str
) -> HttpResponse:
    document = get_sent_document_for_client(portal, document_id)
    try:
        sign_document(request, portal, document, _signer_role(portal, role))
    except SigningRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("portal:preparer_files")


def _signer_role(portal: Portal, role: str) -> Role:
    if role == Role.TAXPAYER.value or (
        role == Role.SPOUSE.value and portal.tax_return.is_joint
    ):
        return Role(role)
    raise Http404
