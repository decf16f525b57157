from django.urls import path

from bereik.clients import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("nieuw/", views.client_create, name="create"),
    path("<int:pk>/", views.client_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.client_edit, name="edit"),
    path("koppelen/", views.match_all, name="match_all"),
    path("register/", views.register_upload, name="register_upload"),
    path("register/<int:pk>/", views.register_preview, name="register_preview"),
    path("register/<int:pk>/koppeling/", views.register_mapping, name="register_mapping"),
    path("register/<int:pk>/bevestigen/", views.register_confirm, name="register_confirm"),
    path("register/<int:pk>/weggooien/", views.register_discard, name="register_discard"),
    path("dossier/<int:pk>/koppelen/", views.match_dossier, name="match_dossier"),
    path("dossier/<int:pk>/bevestigen/<int:client_pk>/", views.match_confirm, name="match_confirm"),
    path("dossier/<int:pk>/afwijzen/<int:client_pk>/", views.match_reject, name="match_reject"),
    path("dossier/<int:pk>/nieuw/", views.match_new, name="match_new"),
    path("dossier/<int:pk>/ontkoppelen/", views.match_unlink, name="match_unlink"),
    path("dossier/<int:pk>/koppelen-aan/", views.match_manual, name="match_manual"),
    path("dossier/<int:pk>/nieuwe-client/", views.create_from_dossier, name="create_from_dossier"),
]
