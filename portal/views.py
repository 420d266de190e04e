from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from accounts.passwords import PASSWORD_RULES
from events.models import EventKind
from events.record import record_event
from notifications.sms import NotDelivered
from portal.access import client_portal, portal_required
from portal.forms import CodeForm, PortalLoginForm, RegisterForm, SendCodeForm
from portal.models import Channel, Portal
from portal.registration import (
    ClientDetails,
    DetailsDoNotMatch,
    InvitationUnusable,
    UsernameTaken,
    find_open_invitation,
    register_client,
)
from portal.verification import (
    CodeCheck,
    TooManyCodes,
    check_code,
    code_destinations,
    send_code,
)


def register(request: HttpRequest, token: str) -> HttpResponse:
    # Opening the link only looks it up: mail scanners open links too.
    try:
        invitation = find_open_invitation(token)
    except InvitationUnusable as refusal:
        return _unusable_link(request, refusal)

    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            portal = register_client(request, token, ClientDetails(**form.cleaned_data))
        except DetailsDoNotMatch:
            form.add_error(
                None,
                _(
                    "These details do not match the tax return."
                    " Please check them and try again."
                ),
            )
        except UsernameTaken:
            form.add_error(
                "username", _("That user name is taken. Please choose another.")
            )
        except InvitationUnusable as refusal:
            return _unusable_link(request, refusal)
        else:
            login(
                request,
                portal.user,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            return redirect("portal:verify")

    return render(
        request,
        "portal/register.html",
        {
            "form": form,
            "firm": invitation.portal.tax_return.firm,
            "password_rules": PASSWORD_RULES,
        },
    )


def _unusable_link(request: HttpRequest, refusal: InvitationUnusable) -> HttpResponse:
    return render(
        request, "portal/link_unusable.html", {"state": refusal.state}, status=410
    )


def portal_login(request: HttpRequest) -> HttpResponse:
    form = PortalLoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None
        login(request, form.user)
        portal = Portal.objects.get(user=form.user)
        record_event(
            EventKind.CLIENT_LOGGED_IN,
            request=request,
            portal=portal,
        )
        return redirect("portal:home")
    return render(request, "portal/login.html", {"form": form})


@require_POST
def portal_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:login")


def verify(request: HttpRequest) -> HttpResponse:
    portal = client_portal(request)
    if portal is None:
        return redirect("portal:login")
    if portal.verified_at is not None:
        return redirect("portal:home")

    destinations = code_destinations(portal)
    send_form = SendCodeForm(destinations)
    code_form = CodeForm()

    if request.method == "POST" and "send" in request.POST:
        send_form = SendCodeForm(destinations, request.POST)
        if send_form.is_valid():
            try:
                send_code(request, portal, Channel(send_form.cleaned_data["channel"]))
            except TooManyCodes:
                messages.error(request, TOO_MANY_CODES)
                return redirect("portal:verify")
            except NotDelivered:
                messages.error(request, CODE_NOT_DELIVERED)
                return redirect("portal:verify")
            messages.success(
                request,
                _(
                    "Code sent - please check your account"
                    " for your personalized Security Code."
                ),
            )
            return redirect("portal:verify")

    if request.method == "POST" and "verify" in request.POST:
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            result = check_code(request, portal, code_form.cleaned_data["code"])
            if result == CodeCheck.ACCEPTED:
                messages.success(request, _("Your account is verified. Welcome!"))
                return redirect("portal:home")
            code_form.add_error("code", CODE_REFUSALS[result])

    return render(
        request,
        "portal/verify.html",
        {
            "send_form": send_form,
            "code_form": code_form,
            "has_code": portal.codes.exists(),
        },
    )


CODE_NOT_DELIVERED = gettext_lazy(
    "The code could not be sent. Please try again in a few minutes or choose"
    " the other way."
)
TOO_MANY_CODES = gettext_lazy(
    "Too many codes were sent in the last hour. Please wait and try again later."
)
CODE_REFUSALS: dict[CodeCheck, StrOrPromise] = {
    CodeCheck.WRONG: gettext_lazy("That code is not right. Please try again."),
    CodeCheck.NO_TRIES_LEFT: gettext_lazy(
        "Too many tries. Please send yourself a new code."
    ),
    CodeCheck.EXPIRED: gettext_lazy(
        "That code has expired. Please send yourself a new code."
    ),
    CodeCheck.NO_CODE: gettext_lazy("Please send yourself a code first."),
}


@require_POST
def cancel_verification(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(
        request, _("Verification cancelled. Log in again when you are ready.")
    )
    return redirect("portal:login")


@portal_required
def home(request: HttpRequest, portal: Portal) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "active": "home",
            "upload_count": portal.uploads.count(),
            "sent_count": portal.sent_documents.count(),
        },
    )
