import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import PhoneNumberField, UnechoedTextInput
from returns.models import Person, TaxReturn


class TaxReturnForm(forms.ModelForm[TaxReturn]):
    class Meta:
        model = TaxReturn
        fields = ["tax_year", "filing_status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # Returns are prepared in the year after the tax year.
            self.initial["tax_year"] = timezone.now().year - 1

    def clean_tax_year(self) -> int:
        year: int = self.cleaned_data["tax_year"]
        if not 2000 <= year <= timezone.now().year:
            raise forms.ValidationError(_("Enter a tax year from 2000 to this year."))
        return year


class PersonForm(forms.ModelForm[Person]):
    """Taxpayer or spouse. The SSN is typed in full once and never shown again."""

    phone = PhoneNumberField(label=_("Mobile phone"), required=False)
    ssn = forms.CharField(
        label=_("SSN"),
        max_length=11,
        widget=UnechoedTextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "date_of_birth", "phone", "email"]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing: leave the SSN empty to keep the one on file.
            self.fields["ssn"].required = False
            self.fields["ssn"].widget.attrs["placeholder"] = self.instance.masked_ssn
            self.fields["ssn"].help_text = _("Leave empty to keep the SSN on file.")
        if self.instance.phone:
            self.initial["phone"] = self.instance.phone_display

    def clean_ssn(self) -> str:
        raw: str = self.cleaned_data["ssn"]
        if not raw and self.instance.pk:
            return ""
        digits = re.sub(r"[\s-]", "", raw)
        if not re.fullmatch(r"\d{9}", digits):
            raise forms.ValidationError(_("Enter the 9 digits of the SSN."))
        return digits

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip()

    def save(self, commit: bool = True) -> Person:
        person = super().save(commit=False)
        if self.cleaned_data["ssn"]:
            person.set_ssn(self.cleaned_data["ssn"])
        if commit:
            person.save()
        return person


class ReturnSearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
