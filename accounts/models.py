from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Anyone who logs in: a preparer (office side) or a client (portal side).

    Preparers log in with their email; clients with the user name they chose
    when they registered. Which side a user belongs to is told by the related
    Preparer or Portal row, never by a flag that could disagree with it.
    """
