from django.urls import path

from bereik.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path(
        "jaaroverzicht/<int:year>.<str:fmt>",
        views.yearly_overview,
        name="yearly_overview",
    ),
]
