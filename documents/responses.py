from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def file_response(
    field: FieldFile, name: str, content_type: str, *, inline: bool
) -> FileResponse:
    response = FileResponse(
        field.open("rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
