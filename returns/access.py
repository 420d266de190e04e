from django.http import Http404, HttpRequest

from firms.models import Firm
from returns.models import TaxReturn


def firm_of_preparer(request: HttpRequest) -> Firm:
    """The caller's firm; views reach this only behind preparer_required."""
    return request.user.preparer.firm  # type: ignore[union-attr]


def get_return_for_preparer(request: HttpRequest, return_id: int) -> TaxReturn:
    """The return with this id if it belongs to the caller's firm, else 404."""
    try:
        return TaxReturn.objects.select_related("firm").get(
            pk=return_id, firm=firm_of_preparer(request)
        )
    except TaxReturn.DoesNotExist:
        raise Http404 from None
