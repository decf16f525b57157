from django.urls import path

from bereik.intake import signal_views, views, weekly_views

app_name = "intake"

urlpatterns = [
    path("", views.history, name="history"),
    path("opladen/", views.upload, name="upload"),
    path("uithuiszetting/", views.eviction, name="eviction"),
    path("signaal/", signal_views.signal_new, name="signal_new"),
    path("signaal/<int:pk>/bijlage/", signal_views.signal_attachment, name="signal_attachment"),
    path("profielen/", views.profiles, name="profiles"),
    path("weekrapport-acties/", weekly_views.weekly_actions, name="weekly_actions"),
    path("profielen/<int:pk>/verwijderen/", views.profile_delete, name="profile_delete"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/voorbeeld/", views.preview, name="preview"),
    path("<int:pk>/soort/", views.kind, name="kind"),
    path("<int:pk>/koppeling/", views.mapping, name="mapping"),
    path("<int:pk>/bevestigen/", views.confirm, name="confirm"),
    path("<int:pk>/weggooien/", views.discard, name="discard"),
    path("<int:pk>/bestand/", views.download, name="download"),
    path("signaal/<int:pk>/document/", views.signal_document, name="signal_document"),
]
