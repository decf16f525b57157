from django.urls import path

from bereik.experts import checklist_views, dossier_views, views

app_name = "experts"

urlpatterns = [
    # The expert's own pages.
    path("", views.home, name="home"),
    path("voorstel/<int:pk>/", views.proposal, name="proposal"),
    path("gezin/<int:pk>/", views.household, name="household"),
    path("gezin/<int:pk>/contact/", views.contact, name="contact"),
    path("gezin/<int:pk>/stoppen/", views.end, name="stop"),
    path("nieuw-gezin/", views.outreach, name="outreach"),
    # The guiding questions, gone through with a household I follow.
    path("gezin/<int:pk>/richtvragen/", checklist_views.choose, name="checklist_choose"),
    path(
        "gezin/<int:pk>/richtvragen/<int:checklist_pk>/",
        checklist_views.fill,
        name="checklist_fill",
    ),
    path("richtvragen/<int:pk>/", checklist_views.filled, name="checklist_filled"),
    path(
        "richtvragen/voorstel/<int:pk>/doorverwijzen/",
        checklist_views.refer,
        name="checklist_refer",
    ),
    # From the dossier.
    path("dossier/<int:pk>/voorstellen/", dossier_views.propose, name="propose"),
    path("dossier/<int:pk>/lac/", dossier_views.lac_companion, name="lac_companion"),
    path("dossier/<int:pk>/contactpersoon/", dossier_views.contact_person, name="contact_person"),
    path("voorstel/<int:pk>/beeindigen/", dossier_views.end, name="end"),
    path(
        "lac/<int:pk>/schrappen/", dossier_views.lac_companion_remove, name="lac_companion_remove"
    ),
]
