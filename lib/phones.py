"""Phone numbers: stored as E.164, shown in the national format."""

import phonenumbers
from django.conf import settings


def normalise_phone(raw: str) -> str | None:
    """E.164 form of a phone number, or None when it is not a valid number."""
    try:
        number = phonenumbers.parse(raw, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    # A local-only number (seven digits in the US) is "possible" to the
    # library, but no text can reach it: ask for the whole number.
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    if not e164:
        return ""
    number = phonenumbers.parse(e164, None)
    region = phonenumbers.region_code_for_number(number)
    if region == settings.PHONE_DEFAULT_REGION:
        return phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.NATIONAL
        )
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
