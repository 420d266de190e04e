from portal.models import Portal


def unread_for_client(portal: Portal) -> int:
    return portal.messages.filter(from_client=False, read_at=None).count()


def unread_for_office(portal: Portal) -> int:
    return portal.messages.filter(from_client=True, read_at=None).count()
