from django.urls import path

from bereik.accounts import views

app_name = "accounts"

urlpatterns = [
    path("meldingen/", views.notifications, name="notifications"),
    path("beheer/", views.admin_home, name="admin_home"),
]
