from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import PhoneNumberField


class PortalLinkForm(forms.Form):
    """Customer Portal Link: a phone number, an email, or both."""

    phone = PhoneNumberField(label=_("Phone Number"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("phone") or cleaned.get("email")) and not self.errors:
            raise forms.ValidationError(_("Enter a phone number or an email address."))
        return cleaned
