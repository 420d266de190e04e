from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from chat.actions import mark_read, post_message
from chat.forms import MessageForm
from chat.history import chat_history
from chat.unread import unread_for_client, unread_for_office
from firms.decorators import preparer_required
from portal.access import portal_required
from portal.models import Portal
from returns.access import get_return_for_preparer


@portal_required
def client_messages(request: HttpRequest, portal: Portal) -> HttpResponse:
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post_message(request, portal, form.cleaned_data["body"], from_client=True)
        return redirect("portal:messages")

    mark_read(portal, by_client=True)
    return render(
        request,
        "chat/client_messages.html",
        {"active": "messages", "form": form, "lines": chat_history(portal)},
    )


@portal_required
def client_history(request: HttpRequest, portal: Portal) -> HttpResponse:
    mark_read(portal, by_client=True)
    return render(
        request,
        "chat/history.html",
        {"lines": chat_history(portal), "viewer_is_client": True},
    )


@preparer_required
def office_chat(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    portal = getattr(tax_return, "portal", None)
    form = MessageForm(request.POST or None)

    if portal is not None and request.method == "POST" and form.is_valid():
        post_message(request, portal, form.cleaned_data["body"], from_client=False)
        return redirect(reverse("office:chat", args=[tax_return.pk]) + "?show=1")

    show = request.GET.get("show") == "1"
    unread = unread_for_office(portal) if portal else 0
    if portal is not None and show:
        mark_read(portal, by_client=False)
    return render(
        request,
        "chat/office_chat.html",
        {
            "tax_return": tax_return,
            "portal": portal,
            "form": form,
            "show": show,
            "unread": unread,
            "lines": chat_history(portal) if portal and show else [],
            "active": "chat",
        },
    )


@preparer_required
def office_history(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    portal = getattr(tax_return, "portal", None)
    if portal is None:
        return HttpResponse("")
    mark_read(portal, by_client=False)
    return render(
        request,
        "chat/history.html",
        {"lines": chat_history(portal), "viewer_is_client": False},
    )


@portal_required
def client_unread(request: HttpRequest, portal: Portal) -> HttpResponse:
    """The badge beside Messages alone, fetched again by every portal page."""
    context = {"portal_unread": unread_for_client(portal)}
    return render(request, "chat/_unread_badge.html", context)


@preparer_required
def office_unread(request: HttpRequest, return_id: int) -> HttpResponse:
    """The "Show Chat (N Unread Messages)" button alone, fetched again by its page."""
    tax_return = get_return_for_preparer(request, return_id)
    portal = getattr(tax_return, "portal", None)
    unread = unread_for_office(portal) if portal else 0
    return render(request, "chat/_show_chat.html", {"unread": unread})
