import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from firms.models import Firm


class FirmTimeZoneMiddleware:
    """Shows times in the time zone of the firm the user works for or is a client of."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        firm = firm_of_user(request)
        if firm is not None:
            timezone.activate(zoneinfo.ZoneInfo(firm.time_zone))
        else:
            timezone.deactivate()
        return self.get_response(request)


def firm_of_user(request: HttpRequest) -> Firm | None:
    user = request.user
    if not user.is_authenticated:
        return None
    if hasattr(user, "preparer"):
        return user.preparer.firm
    if hasattr(user, "portal"):
        return user.portal.tax_return.firm
    return None
