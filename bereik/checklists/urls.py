from django.urls import path

from bereik.checklists import config_views, views

app_name = "checklists"

urlpatterns = [
    path("dossier/<int:pk>/", views.choose, name="choose"),
    path("dossier/<int:pk>/lijst/<int:checklist_pk>/", views.fill, name="fill"),
    path("ingevuld/<int:pk>/", views.filled, name="filled"),
    path("voorstel/<int:pk>/doorverwijzen/", views.refer, name="refer"),
    path("beheer/", config_views.config_index, name="config_index"),
    path("beheer/lijst/nieuw/", config_views.checklist_edit, name="checklist_create"),
    path("beheer/lijst/<int:pk>/", config_views.checklist_edit, name="checklist_edit"),
    path(
        "beheer/lijst/<int:checklist_pk>/vraag/nieuw/",
        config_views.question_edit,
        name="question_create",
    ),
    path(
        "beheer/lijst/<int:checklist_pk>/vraag/<int:pk>/",
        config_views.question_edit,
        name="question_edit",
    ),
]
