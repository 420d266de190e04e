import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.test import Client


@contextmanager
def captured(logger_name: str) -> Iterator[io.StringIO]:
    """What the logger's configured handler writes, filters and all."""
    handler = logging.getLogger(logger_name).handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    output = io.StringIO()
    previous = handler.setStream(output)
    try:
        yield output
    finally:
        handler.setStream(previous)


def test_the_server_access_log_hides_the_invitation_token() -> None:
    with captured("django.server") as output:
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /portal/join/a-secret-link-token/ HTTP/1.1", 410, 690
        )

    assert "GET /portal/join/[redacted]/ HTTP/1.1" in output.getvalue()
    assert "a-secret-link-token" not in output.getvalue()


def test_a_refused_invitation_link_is_logged_without_its_token(db: None) -> None:
    with captured("django") as output:
        Client().get("/portal/join/a-secret-link-token/")

    assert "/portal/join/[redacted]/" in output.getvalue()
    assert "a-secret-link-token" not in output.getvalue()


def test_a_whole_ssn_typed_into_the_search_is_not_logged() -> None:
    with captured("django.server") as output:
        for query in ["123456780", "123-45-6780", "123+45+6780"]:
            logging.getLogger("django.server").info(
                '"%s" %s %s', f"GET /office/returns/?q={query} HTTP/1.1", 200, 900
            )

    assert output.getvalue().count("GET /office/returns/?q=[redacted] HTTP/1.1") == 3
    assert "6780" not in output.getvalue()
