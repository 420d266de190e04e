from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

urlpatterns = [
    path("", lambda request: redirect("office:returns"), name="root"),
    path("office/", include(("taxportal.office_urls", "office"))),
    path("portal/", include(("taxportal.portal_urls", "portal"))),
    path("admin/", admin.site.urls),
]
