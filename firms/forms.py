from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class OfficeLoginForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email = cleaned.get("email", "")
        password = cleaned.get("password", "")
        if not (email and password):
            return cleaned

        preparer_user = User.objects.filter(
            email__iexact=email, preparer__isnull=False, is_active=True
        ).first()
        if preparer_user is not None:
            user = authenticate(
                self.request, username=preparer_user.username, password=password
            )
            self.user = user if isinstance(user, User) else None
        if self.user is None:
            raise forms.ValidationError(_("The email or password is not right."))
        return cleaned
