from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.phones import normalise_phone


class PhoneNumberField(forms.CharField):
    """A phone number as typed, cleaned to E.164, or "" when left empty."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    default_error_messages = {"invalid": _("Enter a valid mobile phone number.")}

    def clean(self, value: Any) -> str:
        raw = str(super().clean(value) or "").strip()
        if not raw:
            return ""

        e164 = normalise_phone(raw)
        if e164 is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return e164


class UnechoedTextInput(forms.TextInput):
    """A visible text box that is never filled back in, for an SSN typed once."""

    def format_value(self, value: Any) -> str | None:
        return None
