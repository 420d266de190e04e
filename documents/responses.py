from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest

from documents.models import ClientUpload, SentDocument
from events.models import EventKind
from events.record import record_event


def file_response(
    request: HttpRequest,
    item: ClientUpload | SentDocument,
    field: FieldFile,
    content_type: str,
    *,
    inline: bool,
) -> FileResponse:
    """Serve a stored file to a caller already checked, and note who opened it."""
    record_event(
        EventKind.FILE_DOWNLOADED,
        firm=item.portal.tax_return.firm,
        request=request,
        portal=item.portal,
        subject=item,
        details={"stored_as": str(field.name)},
    )

    filename = item.display_name
    if isinstance(item, SentDocument) and field == item.signed_file:
        filename = item.signed_display_name

    response = FileResponse(
        field.open("rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=filename,
    )
    response["Cache-Control"] = "private, no-store"
    return response
