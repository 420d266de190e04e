from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from firms.decorators import preparer_required
from notifications.models import OutboxMessage


@preparer_required
def outbox(request: HttpRequest) -> HttpResponse:
    """Development only: every email and text the app 'sent', newest first.

    It lists the messages of every firm, which is why settings never turn it
    on in production.
    """
    if not settings.DEV_OUTBOX_ENABLED:
        raise Http404
    return render(
        request,
        "notifications/outbox.html",
        {"messages_sent": OutboxMessage.objects.all()[:100]},
    )
