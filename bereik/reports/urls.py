from django.urls import path

from bereik.reports import expert_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("ervaringsdeskundigen/", expert_views.impact, name="experts"),
    path(
        "jaaroverzicht/<int:year>.<str:fmt>",
        views.yearly_overview,
        name="yearly_overview",
    ),
]
