"""Loads a demo firm for `make run`; running it again changes nothing."""

import datetime
import os
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from firms.models import Firm, Preparer
from returns.models import FilingStatus, Person, Role, TaxReturn

# Demo logins only: printed on purpose so a person trying the demo can log in.
DEMO_LOGIN_SECRET = "Demo-2026!"  # noqa: S105
DEMO_FIRMS = [
    {
        "name": "Sunrise Tax Services",
        "time_zone": "America/New_York",
        "preparers": [
            ("maria@sunrise.example", "Maria", "Lopez"),
            ("james@sunrise.example", "James", "Carter"),
        ],
        "returns": [
            (
                FilingStatus.MARRIED_JOINT,
                ("Ana", "García", "123456789", "ana@example.com", "+15551112222"),
                ("Luis", "García", "987650123", "luis@example.com", "+15551113333"),
            ),
            (
                FilingStatus.SINGLE,
                ("Sheila", "Brown", "555443210", "sheila@example.com", "+17045550197"),
                None,
            ),
            (
                FilingStatus.HEAD_OF_HOUSEHOLD,
                ("Tom", "Nguyen", "222330444", "tom@example.com", "+15552224444"),
                None,
            ),
        ],
    },
    {
        "name": "Northside Accounting",
        "time_zone": "America/Chicago",
        "preparers": [("olivia@northside.example", "Olivia", "Park")],
        "returns": [
            (
                FilingStatus.SINGLE,
                ("Peter", "Quinn", "111220333", "peter@example.com", "+15553335555"),
                None,
            ),
        ],
    },
]


class Command(BaseCommand):
    help = "Create the demo firms, preparers and returns, and print the logins."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            for firm_data in DEMO_FIRMS:
                _load_firm(firm_data)
            _load_admin()
        self._print_logins()

    def _print_logins(self) -> None:
        out = self.stdout
        site = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        out.write("")
        out.write(self.style.SUCCESS(f"Demo ready on {site}"))
        out.write(f"Office login:  {site}/office/login/")
        for firm_data in DEMO_FIRMS:
            for email, *_names in firm_data["preparers"]:
                out.write(f"  {email:28} {DEMO_LOGIN_SECRET}   ({firm_data['name']})")
        out.write(f"Django admin:  {site}/admin/   admin / {DEMO_LOGIN_SECRET}")
        out.write(f"Outbox (invitation links and codes): {site}/office/outbox/")
        out.write(
            "Client portal: invite a client from a return,"
            " then open the link in the outbox."
        )
        out.write("")


def _load_firm(firm_data: dict[str, Any]) -> None:
    firm, created = Firm.objects.get_or_create(
        name=firm_data["name"], defaults={"time_zone": firm_data["time_zone"]}
    )
    for email, first, last in firm_data["preparers"]:
        if not User.objects.filter(username=email).exists():
            user = User.objects.create_user(
                username=email,
                email=email,
                password=DEMO_LOGIN_SECRET,
                first_name=first,
                last_name=last,
            )
            Preparer.objects.create(user=user, firm=firm)
    if created:
        for status, taxpayer, spouse in firm_data["returns"]:
            _load_return(firm, status, taxpayer, spouse)


def _load_return(
    firm: Firm, status: str, taxpayer: tuple[str, ...], spouse: tuple[str, ...] | None
) -> None:
    tax_return = TaxReturn.objects.create(
        firm=firm, tax_year=2025, filing_status=status
    )
    _load_person(tax_return, Role.TAXPAYER, taxpayer)
    if spouse is not None:
        _load_person(tax_return, Role.SPOUSE, spouse)


def _load_person(tax_return: TaxReturn, role: Role, data: tuple[str, ...]) -> None:
    first, last, ssn, email, phone = data
    Person.objects.create_with_ssn(
        ssn,
        tax_return=tax_return,
        role=role,
        first_name=first,
        last_name=last,
        date_of_birth=datetime.date(1980, 5, 17),
        email=email,
        phone=phone,
    )


def _load_admin() -> None:
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@localhost", DEMO_LOGIN_SECRET)
