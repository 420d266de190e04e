"""The preparer's side of the portal: the link, the invitation, e-File page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from firms.decorators import preparer_required
from notifications.sms import NotDelivered
from portal.invitations import resend_invitation, send_invitation
from portal.office_forms import PortalLinkForm
from returns.access import get_return_for_preparer

NOT_DELIVERED = gettext_lazy(
    "The link could not be sent. Check the phone number and email, or try again"
    " in a few minutes. Earlier links are unchanged."
)


@preparer_required
def portal_link(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    taxpayer = tax_return.taxpayer
    form = PortalLinkForm(
        request.POST or None,
        initial={"phone": taxpayer.phone_display, "email": taxpayer.email},
    )
    portal = getattr(tax_return, "portal", None)

    if request.method == "POST" and form.is_valid():
        if portal is not None and portal.is_registered:
            messages.info(request, _("The client has already created the portal."))
            return redirect("office:efile", return_id=tax_return.pk)
        try:
            send_invitation(
                request,
                tax_return,
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
        except NotDelivered:
            messages.error(request, NOT_DELIVERED)
            return redirect("office:portal_link", return_id=tax_return.pk)
        messages.success(request, _("The link has successfully been sent!"))
        return redirect("office:portal_link", return_id=tax_return.pk)

    return render(
        request,
        "portal/office/portal_link.html",
        {"tax_return": tax_return, "form": form, "portal": portal, "active": "portal"},
    )


@require_POST
@preparer_required
def resend_invite(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    portal = getattr(tax_return, "portal", None)
    if portal is not None and portal.is_registered:
        messages.info(request, _("The client has already created the portal."))
        return redirect("office:efile", return_id=tax_return.pk)

    try:
        sent = resend_invitation(request, tax_return)
    except NotDelivered:
        messages.error(request, NOT_DELIVERED)
        return redirect("office:efile", return_id=tax_return.pk)
    if sent is None:
        return redirect("office:portal_link", return_id=tax_return.pk)

    messages.success(request, _("The link has successfully been sent!"))
    return redirect("office:efile", return_id=tax_return.pk)


@preparer_required
def efile(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    portal = getattr(tax_return, "portal", None)
    invitation = portal.latest_invitation() if portal else None
    return render(
        request,
        "portal/office/efile.html",
        {
            "tax_return": tax_return,
            "portal": portal,
            "invitation": invitation,
            "link_state": invitation.state(timezone.now()) if invitation else None,
            "active": "efile",
        },
    )
