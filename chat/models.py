from django.conf import settings
from django.db import models


class Message(models.Model):
    portal = models.ForeignKey(
        "portal.Portal", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_client = models.BooleanField()
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set when the other side (the firm, or the client) first sees it.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Message {self.pk}"
