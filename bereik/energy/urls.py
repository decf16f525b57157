from django.urls import path

from bereik.energy import views

app_name = "energy"

urlpatterns = [
    path("dossier/<int:pk>/minimale-levering/", views.minimum_supply, name="minimum_supply"),
    path("dossier/<int:pk>/levering/", views.supply_situation, name="supply_situation"),
]
