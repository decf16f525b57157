from django.urls import path

from bereik.clients import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("nieuw/", views.client_create, name="create"),
    path("<int:pk>/", views.client_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.client_edit, name="edit"),
]
