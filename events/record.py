from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import HttpRequest

from events.models import Event, EventKind
from firms.models import Firm
from lib.http import client_ip, user_agent

if TYPE_CHECKING:
    from portal.models import Portal


def record_event(
    kind: EventKind,
    *,
    firm: Firm | None = None,
    request: HttpRequest | None = None,
    portal: "Portal | None" = None,
    subject: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> Event:
    """Write one audit row. Never put an SSN, password, code or token in details.

    The firm defaults to the portal's firm, for the events of a portal.
    """
    if firm is None:
        assert portal is not None, "an event belongs to a firm"
        firm = portal.tax_return.firm

    actor = None
    if request is not None and request.user.is_authenticated:
        actor = request.user

    return Event.objects.create(
        kind=kind,
        firm=firm,
        portal=portal,
        actor=actor,
        ip_address=(client_ip(request) or None) if request else None,
        user_agent=user_agent(request) if request else "",
        object_type=subject._meta.label if subject is not None else "",
        object_id=str(subject.pk) if subject is not None else "",
        details=details or {},
    )
