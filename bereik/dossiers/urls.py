from django.urls import path

from bereik.dossiers import views, worklists

app_name = "dossiers"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("", worklists.index, name="list"),
    path("lijsten/", worklists.index, name="worklists"),
    path("lijsten/<slug:key>/", worklists.worklist, name="worklist"),
    path("lijsten/<slug:key>/export.<str:fmt>", worklists.worklist_export, name="worklist_export"),
]
