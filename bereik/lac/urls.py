from django.urls import path

from bereik.lac.views import agenda, documents, people, recording, sessions

app_name = "lac"

urlpatterns = [
    path("", sessions.index, name="index"),
    path("voorbereiden/", agenda.my_items, name="my_items"),
    path("agenda-aanvullen/", agenda.fill_agenda, name="fill_agenda"),
    path("zitting/nieuw/", sessions.session_new, name="session_new"),
    path("zitting/dag/", sessions.session_day, name="session_day"),
    path("zitting/<int:pk>/", sessions.session_detail, name="session"),
    path("zitting/<int:pk>/wijzigen/", sessions.session_edit, name="session_edit"),
    path("zitting/<int:pk>/voorbereiding.pdf", documents.session_overview_pdf, name="overview_pdf"),
    path("zitting/<int:pk>/verslag.pdf", documents.session_minutes_pdf, name="minutes_pdf"),
    path("zitting/<int:pk>/notuleren/", recording.session_record, name="record"),
    path("zitting/<int:pk>/afsluiten/", recording.session_close, name="close"),
    path("zitting/<int:pk>/dossier-toevoegen/", agenda.add_dossier, name="add_dossier"),
    path("zitting/<int:pk>/voorbereiders/", agenda.refresh_preparers, name="refresh_preparers"),
    path(
        "zitting/<int:pk>/brieven/<str:recipient>/",
        documents.session_letters,
        name="session_letters",
    ),
    path("zitting/<int:pk>/uitnodigingen/", documents.session_invitations, name="invitations"),
    path("punt/<int:pk>/advies/", recording.item_record, name="item_record"),
    path("punt/<int:pk>/correctie/", recording.item_correct, name="item_correct"),
    path("punt/<int:pk>/verplaatsen/", agenda.item_move, name="item_move"),
    path("punt/<int:pk>/verwijderen/", agenda.item_remove, name="item_remove"),
    path("punt/<int:pk>/voorbereider/", agenda.item_preparer, name="item_preparer"),
    path("punt/<int:pk>/brief/<str:recipient>/", documents.item_letter, name="item_letter"),
    path("dossier/<int:pk>/agenda/", agenda.add_from_dossier, name="add_from_dossier"),
    path("leden/", people.people, name="people"),
    path("leden/nieuw/", people.person_edit, name="person_new"),
    path("leden/<int:pk>/", people.person_edit, name="person_edit"),
]
