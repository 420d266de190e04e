from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from accounts.models import User
from accounts.throttle import clear_failed_logins, is_locked_out, note_failed_login


class ThrottledLoginForm(forms.Form):
    """A login by some name and a password, slowed down after repeated refusals.

    Subclasses say which field holds the name and how to find the account.
    """

    name_field = ""
    refusal: StrOrPromise = ""
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def find_account(self, login_name: str) -> User | None:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        login_name = str(cleaned.get(self.name_field, "")).strip()
        password = cleaned.get("password", "")
        if not (login_name and password):
            return cleaned

        if is_locked_out(login_name):
            raise forms.ValidationError(
                _("Too many failed attempts. Please wait 15 minutes and try again.")
            )

        account = self.find_account(login_name)
        if account is not None:
            user = authenticate(
                self.request, username=account.username, password=password
            )
            self.user = user if isinstance(user, User) else None
        if self.user is None:
            note_failed_login(login_name)
            raise forms.ValidationError(self.refusal)

        clear_failed_logins(login_name)
        return cleaned
