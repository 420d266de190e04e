"""Encryption of data at rest and hashing of one-time secrets."""

import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet
from django.conf import settings


def encrypt_text(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt_text(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def _fernet() -> Fernet:
    return Fernet(settings.FIELD_ENCRYPTION_KEY.encode())


def new_link_token() -> str:
    """A URL-safe token with 256 bits of randomness, shown once and never stored."""
    return secrets.token_urlsafe(32)


def new_six_digit_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def hash_secret(value: str) -> str:
    """Keyed hash of a link token or code, so a database leak reveals neither."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def secrets_match(value: str, expected_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(value), expected_hash)
