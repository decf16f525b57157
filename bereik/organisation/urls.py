from django.urls import path

from bereik.organisation import views

app_name = "organisation"

urlpatterns = [
    path("", views.settings_edit, name="settings"),
    path("logo/", views.logo, name="logo"),
    path("gemeenten/", views.municipalities, name="municipalities"),
    path(
        "gemeenten/<int:pk>/verwijderen/",
        views.municipality_remove,
        name="municipality_remove",
    ),
    path("maatschappijen/", views.companies, name="companies"),
    path("maatschappijen/nieuw/", views.company_edit, name="company_create"),
    path("maatschappijen/<int:pk>/", views.company_edit, name="company_edit"),
    path("maatschappijen/<int:pk>/actief/", views.company_set_active, name="company_set_active"),
]
