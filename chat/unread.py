from portal.models import Portal


def unread_for_client(portal: Portal) -> int:
    return portal.messages.filter(from_client=False, read_at=None).count()


def unread_for_office(portal: Portal) -> int:
    # Read state is the firm's, not each preparer's: when one preparer opens
    # the chat, it reads as seen for the colleagues too.
    return portal.messages.filter(from_client=True, read_at=None).count()
