from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.phones import format_phone


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class Portal(models.Model):
    """A return's customer portal: created with the first invitation.

    The client's login is attached when they register; one portal serves the
    taxpayer and, on a joint return, the spouse, as in the original product.
    """

    tax_return = models.OneToOneField(
        "returns.TaxReturn", on_delete=models.CASCADE, related_name="portal"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Portal for {self.tax_return}"

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None

    def latest_invitation(self) -> "Invitation | None":
        return self.invitations.order_by("-sent_at", "-id").first()


class InvitationState(models.TextChoices):
    OPEN = "open", _("Open")
    USED = "used", _("Used")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("Expired")
    LOCKED = "locked", _("Locked after too many mismatches")


class Invitation(models.Model):
    """One sent link. Only the keyed hash of its token is kept."""

    portal = models.ForeignKey(
        Portal, on_delete=models.CASCADE, related_name="invitations"
    )
    # The same link goes to each destination the preparer gave.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    failed_matches = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"Invitation {self.pk}"

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    def state(self, now: datetime) -> InvitationState:
        if self.used_at is not None:
            return InvitationState.USED
        if self.replaced_at is not None:
            return InvitationState.REPLACED
        if self.failed_matches >= settings.INVITATION_MAX_FAILED_MATCHES:
            return InvitationState.LOCKED
        if now >= self.expires_at:
            return InvitationState.EXPIRED
        return InvitationState.OPEN


class VerificationCode(models.Model):
    """A six-digit security code; only its keyed hash is kept."""

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="codes")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Code {self.pk} ({self.get_channel_display()})"
