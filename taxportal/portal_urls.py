from django.urls import path

from chat import views as chat
from documents import views as documents
from portal import views as portal

urlpatterns = [
    path("", portal.home, name="home"),
    path("join/<str:token>/", portal.register, name="register"),
    path("login/", portal.portal_login, name="login"),
    path("logout/", portal.portal_logout, name="logout"),
    path("verify/", portal.verify, name="verify"),
    path("verify/cancel/", portal.cancel_verification, name="cancel_verification"),
    path("files/", documents.my_files, name="my_files"),
    path("files/upload/", documents.upload_file, name="upload_file"),
    path("files/<int:upload_id>/", documents.download_upload, name="download_upload"),
    path("preparer-files/", documents.preparer_files, name="preparer_files"),
    path(
        "preparer-files/table/",
        documents.preparer_files_table,
        name="preparer_files_table",
    ),
    path(
        "preparer-files/<int:document_id>/",
        documents.view_document,
        name="view_document",
    ),
    path(
        "preparer-files/<int:document_id>/sign/<str:role>/",
        documents.sign,
        name="sign",
    ),
    path("signature/<str:role>/", documents.edit_signature, name="signature"),
    path("messages/", chat.client_messages, name="messages"),
    path("messages/history/", chat.client_history, name="messages_history"),
    path("messages/unread/", chat.client_unread, name="messages_unread"),
]
