from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.phones import normalise_phone


class PortalLinkForm(forms.Form):
    """Customer Portal Link: a phone number, an email, or both."""

    phone = forms.CharField(
        label=_("Phone Number"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)

    def clean_phone(self) -> str:
        raw: str = self.cleaned_data["phone"]
        if not raw.strip():
            return ""
        e164 = normalise_phone(raw)
        if e164 is None:
            raise forms.ValidationError(_("Enter a valid mobile phone number."))
        return e164

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("phone") or cleaned.get("email")) and not self.errors:
            raise forms.ValidationError(_("Enter a phone number or an email address."))
        return cleaned
