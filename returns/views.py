from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from firms.decorators import preparer_required
from lib.text import fold_name
from returns.access import firm_of_preparer, get_return_for_preparer
from returns.actions import save_return
from returns.forms import PersonForm, ReturnSearchForm, TaxReturnForm
from returns.models import Person, Role, TaxReturn

RETURNS_PER_PAGE = 20


@preparer_required
def return_list(request: HttpRequest) -> HttpResponse:
    search = ReturnSearchForm(request.GET)
    query = search.data.get("q", "").strip()
    returns = _search_returns(
        TaxReturn.objects.filter(firm=firm_of_preparer(request)), query
    ).prefetch_related("people")

    page = Paginator(returns, RETURNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "returns/list.html",
        {"page": page, "search": search, "query": query},
    )


def _search_returns(returns: QuerySet[TaxReturn], query: str) -> QuerySet[TaxReturn]:
    """Match any word of the query to a first or last name, or to the last four."""
    for word in query.split():
        digits = word.replace("-", "")
        if digits.isdigit():
            returns = returns.filter(people__ssn_last_four=digits[-4:])
        else:
            returns = returns.filter(people__search_name__contains=fold_name(word))
    return returns.distinct()


@preparer_required
def return_create(request: HttpRequest) -> HttpResponse:
    return _edit_return(request, TaxReturn())


@preparer_required
def return_edit(request: HttpRequest, return_id: int) -> HttpResponse:
    return _edit_return(request, get_return_for_preparer(request, return_id))


def _edit_return(request: HttpRequest, tax_return: TaxReturn) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    return_form = TaxReturnForm(data, instance=tax_return)
    taxpayer_form = PersonForm(
        data, instance=_person(tax_return, Role.TAXPAYER), prefix="taxpayer"
    )
    spouse_form = PersonForm(
        data, instance=_person(tax_return, Role.SPOUSE), prefix="spouse"
    )

    if data is not None:
        # Validate every form, so that all mistakes show at once.
        return_valid = return_form.is_valid()
        needs_spouse = return_form.instance.is_joint
        people_valid = [taxpayer_form.is_valid()]
        if needs_spouse:
            people_valid.append(spouse_form.is_valid())
        if return_valid and all(people_valid):
            saved = save_return(
                request,
                firm_of_preparer(request),
                return_form,
                taxpayer_form,
                spouse_form if needs_spouse else None,
            )
            return redirect("office:return_detail", return_id=saved.pk)

    return render(
        request,
        "returns/edit.html",
        {
            "tax_return": tax_return if tax_return.pk else None,
            "return_form": return_form,
            "taxpayer_form": taxpayer_form,
            "spouse_form": spouse_form,
        },
    )


def _person(tax_return: TaxReturn, role: Role) -> Person | None:
    if tax_return.pk is None:
        return None
    return tax_return.people.filter(role=role).first()


@preparer_required
def return_detail(request: HttpRequest, return_id: int) -> HttpResponse:
    tax_return = get_return_for_preparer(request, return_id)
    return render(
        request, "returns/detail.html", {"tax_return": tax_return, "active": "return"}
    )
