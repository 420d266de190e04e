from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from accounts.models import User


def client_ip(request: HttpRequest) -> str:
    """The peer address. Behind a proxy, the proxy must set REMOTE_ADDR."""
    return str(request.META.get("REMOTE_ADDR", ""))


def user_agent(request: HttpRequest) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:400]


def signed_in_user(request: HttpRequest) -> "User":
    """The logged-in user; only for code reached behind a login check."""
    from accounts.models import User

    assert isinstance(request.user, User)
    return request.user


def absolute_url(request: HttpRequest, path: str) -> str:
    """A link for an email or text: SITE_URL when set, else this request's host."""
    if settings.SITE_URL:
        return str(settings.SITE_URL) + path
    return request.build_absolute_uri(path)
