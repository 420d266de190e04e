from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from events.models import EventKind
from events.record import record_event
from firms.forms import OfficeLoginForm


def office_login(request: HttpRequest) -> HttpResponse:
    form = OfficeLoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None
        login(request, form.user)
        record_event(
            EventKind.PREPARER_LOGGED_IN,
            firm=form.user.preparer.firm,
            request=request,
        )
        return redirect(_safe_next(request) or "office:returns")
    return render(request, "office/login.html", {"form": form})


@require_POST
def office_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("office:login")


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/office/") else ""
