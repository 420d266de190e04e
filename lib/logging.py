import logging
import re

INVITATION_PATH = re.compile(r"(/portal/join/)[^/\s?\"]+")
# Nine digits, with or without dashes or URL-encoded spaces: what an SSN
# looks like when someone types a whole one into a search box.
SSN_LIKE = re.compile(r"(?<!\d)\d{3}(?:-|%20|\+| )?\d{2}(?:-|%20|\+| )?\d{4}(?!\d)")


class RedactSecrets(logging.Filter):
    """Access logs print request paths, which may hold a link token or an SSN."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = INVITATION_PATH.sub(r"\1[redacted]", message)
        redacted = SSN_LIKE.sub("[redacted]", redacted)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True
