from django.urls import path

from bereik.dossiers import triage_views, views, worklists

app_name = "dossiers"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    # Worklists, export and bulk assignment (issue 4).
    path("", worklists.index, name="list"),
    path("lijsten/", worklists.index, name="worklists"),
    path("lijsten/toewijzen/", worklists.bulk_assign, name="bulk_assign"),
    path("lijsten/<slug:key>/", worklists.worklist, name="worklist"),
    path("lijsten/<slug:key>/export.<str:fmt>", worklists.worklist_export, name="worklist_export"),
    path("<int:pk>/route/", triage_views.change_route, name="change_route"),
    path("<int:pk>/toewijzen/", triage_views.assign, name="assign"),
    path(
        "<int:pk>/overleg/<int:consultation_pk>/",
        triage_views.record_consultation,
        name="record_consultation",
    ),
]
