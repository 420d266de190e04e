from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.forms import ThrottledLoginForm
from accounts.models import User
from lib.forms import PhoneNumberField, UnechoedTextInput
from portal.models import Channel


class RegisterForm(forms.Form):
    username = forms.CharField(
        label=_("User Name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = PhoneNumberField(label=_("Phone Number"), required=False)
    last_name = forms.CharField(label=_("Last Name"), max_length=100)
    ssn_last_four = forms.RegexField(
        label=_("Last Four Of your SSN"),
        regex=r"^\s*\d{4}\s*$",
        error_messages={"invalid": _("Enter the last four digits of your SSN.")},
        widget=UnechoedTextInput(
            attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}
        ),
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise forms.ValidationError(
                _("Use letters, numbers, dots, dashes or underscores.")
            )
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("That user name is taken. Please choose another.")
            )
        return username

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("email") or cleaned.get("phone")):
            raise forms.ValidationError(_("Enter your email or your phone number."))
        return cleaned


class PortalLoginForm(ThrottledLoginForm):
    username = forms.CharField(
        label=_("User Name"), widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    field_order = ["username", "password"]
    name_field = "username"
    refusal = _("The user name or password is not right.")

    def find_account(self, login_name: str) -> User | None:
        return User.objects.filter(
            username__iexact=login_name, portal__isnull=False
        ).first()


class SendCodeForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices, widget=forms.RadioSelect)

    def __init__(self, destinations: dict[str, str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {Channel.EMAIL.value: _("Email"), Channel.SMS.value: _("Text")}
        channel_field = self.fields["channel"]
        assert isinstance(channel_field, forms.ChoiceField)
        channel_field.choices = [
            (channel, f"{labels[channel]}: {masked}")
            for channel, masked in destinations.items()
        ]
        if destinations:
            self.fields["channel"].initial = next(iter(destinations))


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Security Code"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits of your security code.")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "maxlength": 6,
            }
        ),
    )
