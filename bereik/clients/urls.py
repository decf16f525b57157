from django.urls import path

from bereik.clients import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("nieuw/", views.client_create, name="create"),
    path("<int:pk>/", views.client_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.client_edit, name="edit"),
    path("register/", views.register_upload, name="register_upload"),
    path("register/<int:pk>/", views.register_preview, name="register_preview"),
    path("register/<int:pk>/koppeling/", views.register_mapping, name="register_mapping"),
    path("register/<int:pk>/bevestigen/", views.register_confirm, name="register_confirm"),
    path("register/<int:pk>/weggooien/", views.register_discard, name="register_discard"),
]
