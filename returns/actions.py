from django.db import transaction
from django.http import HttpRequest

from events.models import EventKind
from events.record import record_event
from firms.models import Firm
from returns.forms import PersonForm, TaxReturnForm
from returns.models import Person, Role, TaxReturn


@transaction.atomic
def save_return(
    request: HttpRequest,
    firm: Firm,
    return_form: TaxReturnForm,
    taxpayer_form: PersonForm,
    spouse_form: PersonForm | None,
) -> TaxReturn:
    """Create or update a return with its people; forms are already valid."""
    is_new = return_form.instance.pk is None
    tax_return = return_form.save(commit=False)
    tax_return.firm = firm
    tax_return.save()

    _save_person(taxpayer_form, tax_return, Role.TAXPAYER)
    if spouse_form is not None:
        _save_person(spouse_form, tax_return, Role.SPOUSE)

    kind = EventKind.RETURN_CREATED if is_new else EventKind.RETURN_UPDATED
    record_event(kind, firm=firm, request=request, subject=tax_return)
    return tax_return


def _save_person(form: PersonForm, tax_return: TaxReturn, role: Role) -> Person:
    person = form.save(commit=False)
    person.tax_return = tax_return
    person.role = role
    person.save()
    return person
