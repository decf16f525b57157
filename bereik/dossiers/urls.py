from django.urls import path

from bereik.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
