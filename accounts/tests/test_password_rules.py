"""The portal's password rules, checked on the server, and how passwords are kept."""

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError

from accounts.passwords import PASSWORD_RULES


def unmet_rules(password: str) -> list[str]:
    try:
        password_validation.validate_password(password)
    except ValidationError as refusal:
        return refusal.messages
    return []


@pytest.mark.parametrize(
    "password", ["Garden&Path7", "aB3@aaaa", "Zz9$" + "x" * 21, "Qq1!Qq1!", "Mm5%?&*a"]
)
def test_a_password_that_meets_every_rule_is_accepted(password: str) -> None:
    assert unmet_rules(password) == []


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("GARDEN&PATH7", "One lowercase letter"),
        ("garden&path7", "One uppercase letter"),
        ("GardenPath77", "One special character (@$!%*?&)"),
        ("Garden#Path7", "One special character (@$!%*?&)"),
        ("Garden&Patho", "One number"),
        ("Ga&7den", "8 characters minimum"),
        ("Garden&Path7" + "x" * 14, "25 characters maximum"),
    ],
)
def test_each_unmet_rule_is_named(password: str, rule: str) -> None:
    assert unmet_rules(password) == [f"Password needs: {rule}."]


def test_twenty_five_characters_are_still_allowed() -> None:
    assert unmet_rules("Garden&Path7" + "x" * 13) == []


def test_every_unmet_rule_is_listed_at_once() -> None:
    assert unmet_rules("qzx") == [
        "Password needs: One uppercase letter.",
        "Password needs: One special character (@$!%*?&).",
        "Password needs: One number.",
        "Password needs: 8 characters minimum.",
    ]


def test_the_checklist_patterns_agree_with_the_server() -> None:
    met = {rule.key for rule in PASSWORD_RULES if rule.is_met("Garden&Path7")}

    assert met == {"lower", "upper", "special", "number", "min", "max"}
    assert not any(rule.is_met("") for rule in PASSWORD_RULES if rule.key != "max")


def test_passwords_are_hashed_with_argon2() -> None:
    hashed = make_password("Garden&Path7")

    assert hashed.startswith("argon2$")
    assert "Garden&Path7" not in hashed
