from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The peer address. Behind a proxy, the proxy must set REMOTE_ADDR."""
    return str(request.META.get("REMOTE_ADDR", ""))


def user_agent(request: HttpRequest) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:400]
