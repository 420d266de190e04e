"""Comparing and masking what people type."""

import unicodedata


def fold_name(name: str) -> str:
    """A name without case, accents or surrounding spaces, for comparison."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_accents.casefold().split())


def mask_email(email: str) -> str:
    """Like she****@com: the first three letters and the top-level domain."""
    local, _, domain = email.partition("@")
    top_level = domain.rsplit(".", 1)[-1] if domain else ""
    return f"{local[:3]}****@{top_level}"


def mask_phone(e164: str) -> str:
    """Like 70****97: the first two and last two digits of the national number."""
    digits = "".join(c for c in e164 if c.isdigit())
    if e164.startswith("+1") and len(digits) == 11:
        digits = digits[1:]
    return f"{digits[:2]}****{digits[-2:]}"


def mask_ssn(last_four: str) -> str:
    return f"***-**-{last_four}"
