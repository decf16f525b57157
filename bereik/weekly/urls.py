from django.urls import path

from bereik.weekly import views

app_name = "weekly"

urlpatterns = [
    path("", views.weeks, name="weeks"),
    path("waterscan/", views.suggestions, name="suggestions"),
    path("waterscan/<int:pk>/beslissen/", views.decide, name="decide"),
    path("dossier/<int:pk>/verbruik/", views.water_usage, name="water_usage"),
    path("<str:week>/", views.week, name="week"),
    path("<str:week>/gelezen/", views.mark_read, name="mark_read"),
]
