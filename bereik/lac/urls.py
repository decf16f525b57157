from django.urls import path

from bereik.lac import views

app_name = "lac"

urlpatterns = [
    path("", views.index, name="index"),
    path("voorbereiden/", views.my_items, name="my_items"),
    path("agenda-aanvullen/", views.fill_agenda, name="fill_agenda"),
    path("zitting/nieuw/", views.session_new, name="session_new"),
    path("zitting/<int:pk>/", views.session_detail, name="session"),
    path("zitting/<int:pk>/wijzigen/", views.session_edit, name="session_edit"),
    path("zitting/<int:pk>/voorbereiding.pdf", views.session_overview_pdf, name="overview_pdf"),
    path("zitting/<int:pk>/verslag.pdf", views.session_minutes_pdf, name="minutes_pdf"),
    path("zitting/<int:pk>/notuleren/", views.session_record, name="record"),
    path("zitting/<int:pk>/afsluiten/", views.session_close, name="close"),
    path("zitting/<int:pk>/dossier-toevoegen/", views.add_dossier, name="add_dossier"),
    path("zitting/<int:pk>/voorbereiders/", views.refresh_preparers, name="refresh_preparers"),
    path(
        "zitting/<int:pk>/brieven/<str:recipient>/", views.session_letters, name="session_letters"
    ),
    path("zitting/<int:pk>/uitnodigingen/", views.session_invitations, name="invitations"),
    path("punt/<int:pk>/advies/", views.item_record, name="item_record"),
    path("punt/<int:pk>/correctie/", views.item_correct, name="item_correct"),
    path("punt/<int:pk>/verplaatsen/", views.item_move, name="item_move"),
    path("punt/<int:pk>/verwijderen/", views.item_remove, name="item_remove"),
    path("punt/<int:pk>/voorbereider/", views.item_preparer, name="item_preparer"),
    path("punt/<int:pk>/brief/<str:recipient>/", views.item_letter, name="item_letter"),
    path("dossier/<int:pk>/agenda/", views.add_from_dossier, name="add_from_dossier"),
    path("leden/", views.people, name="people"),
    path("leden/nieuw/", views.person_edit, name="person_new"),
    path("leden/<int:pk>/", views.person_edit, name="person_edit"),
]
