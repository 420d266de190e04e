"""Login throttling: too many refusals for one login name lock it for a while.

Counted per login name across all servers (in the database), so guessing one
account's password is slow; guessing across many accounts from one address
is left to the rate limits in front of the app.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import FailedLogin
from lib.secrets import hash_secret


def is_locked_out(login_name: str) -> bool:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    recent = FailedLogin.objects.filter(login_hash=_key(login_name), at__gt=since)
    return recent.count() >= settings.LOGIN_MAX_FAILURES


def note_failed_login(login_name: str) -> None:
    FailedLogin.objects.create(login_hash=_key(login_name))


def clear_failed_logins(login_name: str) -> None:
    FailedLogin.objects.filter(login_hash=_key(login_name)).delete()


def _key(login_name: str) -> str:
    return hash_secret("login:" + login_name.strip().casefold())
