import logging
import re

INVITATION_PATH = re.compile(r"(/portal/join/)[^/\s?\"]+")


class RedactLinkTokens(logging.Filter):
    """Access logs print request paths; an invitation path carries its token."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/portal/join/" in message:
            record.msg = INVITATION_PATH.sub(r"\1[redacted]", message)
            record.args = ()
        return True
