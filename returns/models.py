from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.phones import format_phone
from lib.secrets import decrypt_text, encrypt_text
from lib.text import fold_name, mask_ssn


class FilingStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED_JOINT = "married_joint", _("Married filing jointly")
    MARRIED_SEPARATE = "married_separate", _("Married filing separately")
    HEAD_OF_HOUSEHOLD = "head_of_household", _("Head of household")
    SURVIVING_SPOUSE = "surviving_spouse", _("Qualifying surviving spouse")


class TaxReturn(models.Model):
    firm = models.ForeignKey(
        "firms.Firm", on_delete=models.PROTECT, related_name="returns"
    )
    tax_year = models.PositiveSmallIntegerField(_("tax year"))
    filing_status = models.CharField(
        _("filing status"), max_length=30, choices=FilingStatus.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.tax_year} {self.taxpayer}"

    @property
    def is_joint(self) -> bool:
        return self.filing_status == FilingStatus.MARRIED_JOINT

    @property
    def taxpayer(self) -> "Person":
        return self.people.get(role=Role.TAXPAYER)

    @property
    def spouse(self) -> "Person | None":
        if not self.is_joint:
            return None
        return self.people.filter(role=Role.SPOUSE).first()


class Role(models.TextChoices):
    TAXPAYER = "taxpayer", _("Taxpayer")
    SPOUSE = "spouse", _("Spouse")


class PersonManager(models.Manager["Person"]):
    def create_with_ssn(self, ssn: str, **fields: Any) -> "Person":
        """A person saved with their SSN encrypted, as the return form does."""
        person = self.model(**fields)
        person.set_ssn(ssn)
        person.save()
        return person


class Person(models.Model):
    """The taxpayer or the spouse on a return."""

    tax_return = models.ForeignKey(
        TaxReturn, on_delete=models.CASCADE, related_name="people"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    ssn_encrypted = models.TextField(editable=False)
    # The last four digits are shown and searched; the full SSN only decrypted.
    ssn_last_four = models.CharField(max_length=4, db_index=True, editable=False)
    date_of_birth = models.DateField(_("date of birth"))
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # The name without case or accents, so "garcia" finds "García".
    search_name = models.CharField(
        max_length=201, db_index=True, editable=False, default=""
    )

    objects = PersonManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tax_return", "role"], name="one_person_per_role"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold_name(self.full_name)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_ssn(self) -> str:
        return mask_ssn(self.ssn_last_four)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    def set_ssn(self, digits: str) -> None:
        self.ssn_encrypted = encrypt_text(digits)
        self.ssn_last_four = digits[-4:]

    def get_ssn(self) -> str:
        return decrypt_text(self.ssn_encrypted)
