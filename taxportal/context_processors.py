from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"dev_outbox_enabled": settings.DEV_OUTBOX_ENABLED}
