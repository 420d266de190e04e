from django.http import HttpRequest

from chat.unread import unread_for_client
from portal.access import client_portal


def portal_unread(request: HttpRequest) -> dict[str, object]:
    """The unread count beside Messages in the portal's side menu."""
    if not request.path.startswith("/portal/"):
        return {}
    portal = client_portal(request)
    if portal is None or portal.verified_at is None:
        return {}
    return {"portal_unread": unread_for_client(portal), "client_portal": portal}
