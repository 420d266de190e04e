import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def generated_name(folder: str, filename: str) -> str:
    """A stored name that ignores the client's file name, keeping only the type."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{folder}/{uuid.uuid4().hex}.{extension[:5]}"


def client_upload_path(instance: models.Model, filename: str) -> str:
    return generated_name("uploads", filename)


def sent_original_path(instance: models.Model, filename: str) -> str:
    return generated_name("sent", filename)


def signed_copy_path(instance: models.Model, filename: str) -> str:
    return generated_name("signed", filename)


class ClientUpload(models.Model):
    """A file the client uploaded to My Files."""

    portal = models.ForeignKey(
        "portal.Portal", on_delete=models.CASCADE, related_name="uploads"
    )
    file = models.FileField(upload_to=client_upload_path)
    display_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.display_name


class SentDocument(models.Model):
    """A PDF the preparer sent to the portal, and its signed copy once signed."""

    portal = models.ForeignKey(
        "portal.Portal", on_delete=models.CASCADE, related_name="sent_documents"
    )
    display_name = models.CharField(max_length=255)
    original_file = models.FileField(upload_to=sent_original_path)
    original_sha256 = models.CharField(max_length=64)
    signed_file = models.FileField(upload_to=signed_copy_path, blank=True)
    needs_taxpayer_signature = models.BooleanField(default=False)
    needs_spouse_signature = models.BooleanField(default=False)
    taxpayer_signed_at = models.DateTimeField(null=True, blank=True)
    spouse_signed_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.display_name

    def needs_signature_of(self, role: str) -> bool:
        return bool(getattr(self, f"needs_{role}_signature"))

    def signed_at_by(self, role: str) -> Any:
        return getattr(self, f"{role}_signed_at")

    @property
    def signed_display_name(self) -> str:
        stem, dot, extension = self.display_name.rpartition(".")
        if not dot:
            return f"{self.display_name} (signed)"
        return f"{stem} (signed).{extension}"

    @property
    def current_file(self) -> Any:
        """The latest version: the signed copy once anyone has signed."""
        return self.signed_file if self.signed_file else self.original_file


class DocumentSignature(models.Model):
    """Who signed which document, when, from where, and the file's hashes."""

    document = models.ForeignKey(
        SentDocument, on_delete=models.CASCADE, related_name="signatures"
    )
    role = models.CharField(
        max_length=10, choices=[("taxpayer", _("Taxpayer")), ("spouse", _("Spouse"))]
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    sha256_before = models.CharField(max_length=64)
    sha256_after = models.CharField(max_length=64)
    page_number = models.PositiveIntegerField()
    on_signature_line = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "role"], name="sign_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} signed {self.document}"


class Signature(models.Model):
    """The client's drawn signature, as a PNG with a transparent background."""

    portal = models.ForeignKey(
        "portal.Portal", on_delete=models.CASCADE, related_name="signatures"
    )
    role = models.CharField(
        max_length=10, choices=[("taxpayer", _("Taxpayer")), ("spouse", _("Spouse"))]
    )
    image_png = models.BinaryField()
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "role"], name="one_signature_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} signature"
