from django.urls import path

from chat import views as chat
from documents import office_views as documents
from firms import views as firms
from notifications import views as notifications
from portal import office_views as portal
from returns import views as returns

urlpatterns = [
    path("login/", firms.office_login, name="login"),
    path("logout/", firms.office_logout, name="logout"),
    path("outbox/", notifications.outbox, name="outbox"),
    path("returns/", returns.return_list, name="returns"),
    path("returns/new/", returns.return_create, name="return_create"),
    path("returns/<int:return_id>/", returns.return_detail, name="return_detail"),
    path("returns/<int:return_id>/edit/", returns.return_edit, name="return_edit"),
    path(
        "returns/<int:return_id>/portal-link/", portal.portal_link, name="portal_link"
    ),
    path("returns/<int:return_id>/invite/", portal.resend_invite, name="resend_invite"),
    path("returns/<int:return_id>/efile/", portal.efile, name="efile"),
    path(
        "returns/<int:return_id>/send-documents/",
        documents.send_tax_return_documents,
        name="send_documents",
    ),
    path("returns/<int:return_id>/files/", documents.client_files, name="client_files"),
    path(
        "returns/<int:return_id>/files/tables/",
        documents.client_files_table,
        name="client_files_table",
    ),
    path(
        "returns/<int:return_id>/uploads/<int:upload_id>/",
        documents.download_client_upload,
        name="download_upload",
    ),
    path(
        "returns/<int:return_id>/documents/<int:document_id>/<str:version>/",
        documents.view_sent_document,
        name="view_document",
    ),
    path("returns/<int:return_id>/chat/", chat.office_chat, name="chat"),
    path(
        "returns/<int:return_id>/chat/history/",
        chat.office_history,
        name="chat_history",
    ),
    path(
        "returns/<int:return_id>/chat/unread/",
        chat.office_unread,
        name="chat_unread",
    ),
]
