from django.urls import path

from bereik.privacy import views

app_name = "privacy"

urlpatterns = [
    path("bewaartermijnen/", views.retention, name="retention"),
    path("inzage/", views.access, name="access"),
    path("inzage/<str:kind>/<int:pk>/", views.person, name="person"),
]
