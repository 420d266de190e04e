from django.db import models


class OutboxMessage(models.Model):
    """An email or text kept by the development backends instead of being sent."""

    channel = models.CharField(max_length=10)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=255, blank=True)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} to {self.recipient}"
