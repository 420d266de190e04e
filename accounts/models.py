from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Anyone who logs in: a preparer (office side) or a client (portal side).

    Preparers log in with their email; clients with the user name they chose
    when they registered. Which side a user belongs to is told by the related
    Preparer or Portal row, never by a flag that could disagree with it.
    """


class FailedLogin(models.Model):
    """One refused login, kept for a while to slow down password guessing.

    The login name is stored only as a keyed hash: people sometimes type
    their password into the name box.
    """

    login_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Failed login at {self.at:%Y-%m-%d %H:%M}"
