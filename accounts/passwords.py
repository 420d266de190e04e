"""The portal's password rules, checked on the server and shown live."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SPECIAL_CHARACTERS = "@$!%*?&"
MIN_LENGTH = 8
MAX_LENGTH = 25


@dataclass(frozen=True)
class PasswordRule:
    key: str
    label: Promise
    pattern: str  # Also run by the browser's checklist, so keep it JS-compatible.

    def is_met(self, password: str) -> bool:
        return re.search(self.pattern, password) is not None


PASSWORD_RULES = [
    PasswordRule("lower", _("One lowercase letter"), "[a-z]"),
    PasswordRule("upper", _("One uppercase letter"), "[A-Z]"),
    PasswordRule(
        "special",
        _("One special character (@$!%*?&)"),
        f"[{re.escape(SPECIAL_CHARACTERS)}]",
    ),
    PasswordRule("number", _("One number"), "[0-9]"),
    PasswordRule("min", _("8 characters minimum"), f"^[\\s\\S]{{{MIN_LENGTH},}}$"),
    PasswordRule("max", _("25 characters maximum"), f"^[\\s\\S]{{0,{MAX_LENGTH}}}$"),
]


class PortalPasswordRules:
    def validate(self, password: str, user: Any = None) -> None:
        unmet = [rule for rule in PASSWORD_RULES if not rule.is_met(password)]
        if unmet:
            raise ValidationError(
                [
                    ValidationError(
                        _("Password needs: %(rule)s."), params={"rule": r.label}
                    )
                    for r in unmet
                ],
                code="password_rules",
            )

    def get_help_text(self) -> str:
        return str(
            _(
                "Use 8 to 25 characters with a lowercase and an uppercase letter,"
                " a number and one of @$!%*?&."
            )
        )
