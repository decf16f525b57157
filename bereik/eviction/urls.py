from django.urls import path

from bereik.eviction import views

app_name = "eviction"

urlpatterns = [
    path("dossier/<int:pk>/zitting/", views.hearing, name="hearing"),
    path("dossier/<int:pk>/vonnis/", views.judgment, name="judgment"),
    path("dossier/<int:pk>/datum/", views.eviction_date, name="eviction_date"),
    path("dossier/<int:pk>/actie/", views.action_create, name="action_create"),
]
