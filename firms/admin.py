from django.contrib import admin

from firms.models import Firm, Preparer


class PreparerInline(admin.TabularInline[Preparer, Firm]):
    model = Preparer
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin[Firm]):
    list_display = ["name", "time_zone", "created_at"]
    search_fields = ["name"]
    inlines = [PreparerInline]
