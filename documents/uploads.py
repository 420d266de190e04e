"""Checking and storing what clients and preparers upload."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Extensions a person may give each kind of file; the content decides the kind.
KINDS = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg", "jpe"},
    "image/png": {"png"},
    "image/heic": {"heic", "heif"},
}
USUAL_EXTENSION = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/heic": "heic",
}
MAX_STEM_LENGTH = 180
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


class UploadRefused(Exception):
    """The file cannot be kept; the message says why, in words for the client."""


@dataclass(frozen=True)
class CheckedFile:
    display_name: str
    content_type: str
    size: int
    sha256: str


def sniff_content_type(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "image/heic"
    return None


def clean_display_name(raw: str, content_type: str) -> str:
    """The client's name without any folder, control characters or odd spacing."""
    name = re.split(r"[\\/]", raw)[-1]
    name = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in name)
    name = " ".join(name.split()).strip(" .")

    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if not any(c.isalnum() for c in stem):
        return f"{_('document')}.{USUAL_EXTENSION[content_type]}"

    # Long names are cut in the middle of the stem, keeping the extension.
    stem = stem[:MAX_STEM_LENGTH].rstrip(" .")
    return f"{stem}.{extension}" if extension else stem


def check_upload(upload: UploadedFile, allowed: set[str] | None = None) -> CheckedFile:
    """Accept the file only if its content is a kind we take and its name agrees.

    The kind is told from the first bytes; a client's damaged PDF or photo is
    still kept (the preparer may ask for it again), and only PDFs sent for
    signature are opened in full, by documents.actions.
    """
    raw_name = upload.name or ""
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        limit_mb = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        raise UploadRefused(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": raw_name, "limit": limit_mb}
        )
    if not upload.size:
        raise UploadRefused(_("%(name)s is empty.") % {"name": raw_name})

    upload.seek(0)
    content_type = sniff_content_type(upload.read(32))
    accepted = allowed or set(KINDS)
    if content_type is None or content_type not in accepted:
        if accepted == {"application/pdf"}:
            raise UploadRefused(_("%(name)s is not a PDF.") % {"name": raw_name})
        raise UploadRefused(
            _("%(name)s is not a file type we accept (PDF, JPEG, PNG or HEIC).")
            % {"name": raw_name}
        )

    extension = raw_name.rsplit(".", 1)[-1].lower() if "." in raw_name else ""
    if extension and extension not in KINDS[content_type]:
        raise UploadRefused(
            _("%(name)s is not what its name says: its content is not a .%(ext)s file.")
            % {"name": raw_name, "ext": extension}
        )

    return CheckedFile(
        display_name=clean_display_name(raw_name, content_type),
        content_type=content_type,
        size=upload.size,
        sha256=_sha256(upload),
    )


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def unique_display_name(name: str, taken: set[str]) -> str:
    """Keep both files with one name: the second becomes 'name (2).pdf'."""
    if name not in taken:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    number = 2
    while True:
        candidate = f"{stem} ({number}){dot}{extension}"
        if candidate not in taken:
            return candidate
        number += 1
