import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from chat.actions import MAX_MESSAGE_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Enter Message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("Enter Message")}),
    )

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"].strip()
        if not any(_is_visible(character) for character in body):
            raise forms.ValidationError(_("Write a message first."))
        return body


def _is_visible(character: str) -> bool:
    """Letters, digits, marks, symbols: not spaces nor zero-width formatting."""
    return unicodedata.category(character)[0] not in {"Z", "C"}
