"""Personas shared by every app's tests.

Firm A has two preparers (the preparer and a colleague) and a client; firm B
is the outsider, with its own preparer and client. Nobody of firm B may see
anything of firm A, and the other way round.
"""

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.utils import timezone

from accounts.models import User
from firms.models import Firm, Preparer
from portal.models import Portal
from returns.models import FilingStatus, Person, Role, TaxReturn

PASSWORD = "Sunny-day-2026!"
TEST_DATA = Path(__file__).resolve().parent / "documents" / "tests" / "data"


@pytest.fixture(autouse=True)
def files_in_a_temporary_folder(settings: object, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "files"  # type: ignore[attr-defined]
    yield
    shutil.rmtree(tmp_path / "files", ignore_errors=True)


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 still, so tests see real Argon2 hashes, but cheap enough to run often."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


@pytest.fixture(autouse=True)
def cheap_password_hashing(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["conftest.CheapArgon2PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def development_outbox_backends(settings: object) -> None:
    settings.SMS_BACKEND = "notifications.sms.OutboxSmsBackend"  # type: ignore[attr-defined]


def make_preparer(firm: Firm, email: str) -> User:
    user = User.objects.create_user(username=email, email=email, password=PASSWORD)
    Preparer.objects.create(user=user, firm=firm)
    return user


def make_return(
    firm: Firm,
    last_name: str = "García",
    ssn: str = "123450789",
    email: str = "ana@example.com",
    phone: str = "+15551112222",
    joint: bool = False,
) -> TaxReturn:
    status = FilingStatus.MARRIED_JOINT if joint else FilingStatus.SINGLE
    tax_return = TaxReturn.objects.create(
        firm=firm, tax_year=2025, filing_status=status
    )
    add_person(tax_return, Role.TAXPAYER, "Ana", last_name, ssn, email, phone)
    if joint:
        add_person(
            tax_return,
            Role.SPOUSE,
            "Luis",
            last_name,
            "987650123",
            "luis@example.com",
            "+15551113333",
        )
    return tax_return


def add_person(
    tax_return: TaxReturn,
    role: Role,
    first: str,
    last: str,
    ssn: str,
    email: str,
    phone: str,
) -> Person:
    return Person.objects.create_with_ssn(
        ssn,
        tax_return=tax_return,
        role=role,
        first_name=first,
        last_name=last,
        date_of_birth=datetime.date(1985, 3, 9),
        email=email,
        phone=phone,
    )


def make_registered_portal(tax_return: TaxReturn, username: str) -> Portal:
    """A portal whose client has registered and verified, as after the real flow."""
    user = User.objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )
    now = timezone.now()
    return Portal.objects.create(
        tax_return=tax_return, user=user, registered_at=now, verified_at=now
    )


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def firm_a(db: None) -> Firm:
    return Firm.objects.create(name="Firm A", time_zone="America/New_York")


@pytest.fixture
def firm_b(db: None) -> Firm:
    return Firm.objects.create(name="Firm B", time_zone="America/Chicago")


@pytest.fixture
def preparer_a(firm_a: Firm) -> User:
    return make_preparer(firm_a, "preparer@a.example")


@pytest.fixture
def colleague_a(firm_a: Firm) -> User:
    return make_preparer(firm_a, "colleague@a.example")


@pytest.fixture
def preparer_b(firm_b: Firm) -> User:
    return make_preparer(firm_b, "preparer@b.example")


@pytest.fixture
def return_a(firm_a: Firm) -> TaxReturn:
    return make_return(firm_a)


@pytest.fixture
def joint_return_a(firm_a: Firm) -> TaxReturn:
    return make_return(
        firm_a,
        last_name="Rivera",
        ssn="000120034",
        email="rivera@example.com",
        phone="+15554445555",
        joint=True,
    )


@pytest.fixture
def return_b(firm_b: Firm) -> TaxReturn:
    return make_return(
        firm_b,
        last_name="Quinn",
        ssn="111220333",
        email="peter@example.com",
        phone="+15553335555",
    )


@pytest.fixture
def portal_a(return_a: TaxReturn) -> Portal:
    return make_registered_portal(return_a, "ana")


@pytest.fixture
def portal_b(return_b: TaxReturn) -> Portal:
    return make_registered_portal(return_b, "peter")


@pytest.fixture
def office_a(preparer_a: User) -> Client:
    return logged_in(preparer_a)


@pytest.fixture
def office_b(preparer_b: User) -> Client:
    return logged_in(preparer_b)


@pytest.fixture
def client_a(portal_a: Portal) -> Client:
    assert portal_a.user is not None
    return logged_in(portal_a.user)


@pytest.fixture
def client_b(portal_b: Portal) -> Client:
    assert portal_b.user is not None
    return logged_in(portal_b.user)


@pytest.fixture
def f1040_pdf() -> bytes:
    return (TEST_DATA / "f1040.pdf").read_bytes()
