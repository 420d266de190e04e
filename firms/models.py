import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(name)s"), params={"name": name})


class Firm(models.Model):
    name = models.CharField(_("name"), max_length=200)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("Times are shown in this zone, e.g. America/Chicago."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Preparer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preparer"
    )
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="preparers")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.email
