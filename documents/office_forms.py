from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.actions import DocumentToSend

SLOTS = [("tax_return", _("Tax return PDF")), ("form_8879", _("Form 8879 PDF"))]


class SendDocumentsForm(forms.Form):
    """Send Tax Return Documents to Customer Portal: up to two PDFs."""

    def __init__(self, *args: Any, is_joint: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_joint = is_joint
        for slot, label in SLOTS:
            self.fields[f"{slot}_file"] = forms.FileField(
                label=label,
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"accept": "application/pdf,.pdf"}
                ),
            )
            self.fields[f"{slot}_taxpayer"] = forms.BooleanField(
                label=_("Taxpayer signs"), required=False, initial=True
            )
            if is_joint:
                self.fields[f"{slot}_spouse"] = forms.BooleanField(
                    label=_("Spouse signs"), required=False, initial=True
                )

    def slots(self) -> list[dict[str, Any]]:
        """The fields grouped by document, for the template."""
        return [
            {
                "label": label,
                "file": self[f"{slot}_file"],
                "taxpayer": self[f"{slot}_taxpayer"],
                "spouse": self[f"{slot}_spouse"] if self.is_joint else None,
            }
            for slot, label in SLOTS
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f"{slot}_file") for slot, _label in SLOTS):
            raise forms.ValidationError(_("Choose at least one PDF to send."))
        return cleaned

    def documents(self) -> list[DocumentToSend]:
        return [
            DocumentToSend(
                upload=self.cleaned_data[f"{slot}_file"],
                needs_taxpayer_signature=self.cleaned_data[f"{slot}_taxpayer"],
                needs_spouse_signature=bool(self.cleaned_data.get(f"{slot}_spouse")),
            )
            for slot, _label in SLOTS
            if self.cleaned_data.get(f"{slot}_file")
        ]
