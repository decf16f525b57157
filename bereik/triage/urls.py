from django.urls import path

from bereik.triage import line_views, views

app_name = "triage"

urlpatterns = [
    path("koppelen/", views.match_all, name="match_all"),
    path("weekrapportlijnen/", line_views.line_queue, name="line_queue"),
    path(
        "weekrapportlijnen/<int:pk>/koppelen/<int:client_pk>/",
        line_views.line_confirm,
        name="line_confirm",
    ),
    path("weekrapportlijnen/<int:pk>/niemand/", line_views.line_none, name="line_none"),
    path("toewijzen/", views.bulk_assign, name="bulk_assign"),
    path("dossier/<int:pk>/koppelen/", views.match_dossier, name="match_dossier"),
    path("dossier/<int:pk>/bevestigen/<int:client_pk>/", views.match_confirm, name="match_confirm"),
    path("dossier/<int:pk>/afwijzen/<int:client_pk>/", views.match_reject, name="match_reject"),
    path("dossier/<int:pk>/nieuw/", views.match_new, name="match_new"),
    path("dossier/<int:pk>/ontkoppelen/", views.match_unlink, name="match_unlink"),
    path("dossier/<int:pk>/koppelen-aan/", views.match_manual, name="match_manual"),
    path("dossier/<int:pk>/nieuwe-client/", views.create_from_dossier, name="create_from_dossier"),
    path("dossier/<int:pk>/route/", views.change_route, name="change_route"),
    path("dossier/<int:pk>/toewijzen/", views.assign, name="assign"),
    path(
        "dossier/<int:pk>/overleg/<int:consultation_pk>/",
        views.record_consultation,
        name="record_consultation",
    ),
]
