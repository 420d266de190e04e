from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import ThrottledLoginForm
from accounts.models import User


class OfficeLoginForm(ThrottledLoginForm):
    email = forms.EmailField(label=_("Email"))
    field_order = ["email", "password"]
    name_field = "email"
    refusal = _("The email or password is not right.")

    def find_account(self, login_name: str) -> User | None:
        return User.objects.filter(
            email__iexact=login_name, preparer__isnull=False, is_active=True
        ).first()
