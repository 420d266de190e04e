from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    RETURN_CREATED = "return_created", _("Return created")
    RETURN_UPDATED = "return_updated", _("Return updated")
    INVITATION_SENT = "invitation_sent", _("Portal invitation sent")
    CLIENT_REGISTERED = "client_registered", _("Client registered")
    REGISTRATION_REFUSED = "registration_refused", _("Registration details refused")
    CODE_SENT = "code_sent", _("Security code sent")
    CODE_REFUSED = "code_refused", _("Wrong security code")
    ACCOUNT_VERIFIED = "account_verified", _("Account verified")
    CLIENT_LOGGED_IN = "client_logged_in", _("Client logged in")
    PREPARER_LOGGED_IN = "preparer_logged_in", _("Preparer logged in")
    DOCUMENT_UPLOADED = "document_uploaded", _("Taxpayer has uploaded a document.")
    DOCUMENTS_SENT = "documents_sent", _("Documents sent to the portal")
    SIGNATURE_SAVED = "signature_saved", _("Signature saved")
    DOCUMENT_SIGNED = "document_signed", _("Taxpayer has signed the document.")
    MESSAGE_SENT = "message_sent", _("Message sent")
    FILE_DOWNLOADED = "file_downloaded", _("File downloaded")


class Event(models.Model):
    """One thing somebody did: the audit log, and the chat's system lines."""

    kind = models.CharField(max_length=40, choices=EventKind.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="+")
    portal = models.ForeignKey(
        "portal.Portal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"
