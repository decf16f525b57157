from django.urls import path

from bereik.experts import dossier_views, views

app_name = "experts"

urlpatterns = [
    # The expert's own pages.
    path("", views.home, name="home"),
    path("voorstel/<int:pk>/", views.proposal, name="proposal"),
    path("gezin/<int:pk>/", views.household, name="household"),
    path("gezin/<int:pk>/contact/", views.contact, name="contact"),
    path("gezin/<int:pk>/stoppen/", views.end, name="stop"),
    path("nieuw-gezin/", views.outreach, name="outreach"),
    # From the dossier.
    path("dossier/<int:pk>/voorstellen/", dossier_views.propose, name="propose"),
    path("dossier/<int:pk>/lac/", dossier_views.lac_companion, name="lac_companion"),
    path("dossier/<int:pk>/contactpersoon/", dossier_views.contact_person, name="contact_person"),
    path("voorstel/<int:pk>/beeindigen/", dossier_views.end, name="end"),
    path(
        "lac/<int:pk>/schrappen/", dossier_views.lac_companion_remove, name="lac_companion_remove"
    ),
]
