from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect

from portal.models import Portal

View = Callable[..., HttpResponseBase]


def client_portal(request: HttpRequest) -> Portal | None:
    """The portal of the logged-in client, or None for anyone else."""
    if not request.user.is_authenticated:
        return None
    return (
        Portal.objects.select_related("tax_return__firm")
        .filter(user=request.user)
        .first()
    )


def portal_required(view: View) -> View:
    """A logged-in client whose account is verified; the portal is passed in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        portal = client_portal(request)
        if portal is None:
            return redirect("portal:login")
        if portal.verified_at is None:
            return redirect("portal:verify")
        return view(request, portal, *args, **kwargs)

    return wrapper
