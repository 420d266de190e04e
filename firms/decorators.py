from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse

View = Callable[..., HttpResponseBase]


def preparer_required(view: View) -> View:
    """Only a logged-in preparer gets in; anyone else goes to the office login."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not (request.user.is_authenticated and hasattr(request.user, "preparer")):
            return redirect_to_login(request.get_full_path(), reverse("office:login"))
        return view(request, *args, **kwargs)

    return wrapper
