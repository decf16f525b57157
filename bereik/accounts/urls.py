from django.urls import path

from bereik.accounts import views

app_name = "accounts"

urlpatterns = [
    path("meldingen/", views.notifications, name="notifications"),
    path("meldingen/<int:pk>/", views.notification_open, name="notification_open"),
    path("beheer/", views.admin_home, name="admin_home"),
    path("beheer/gebruikers/", views.user_list, name="user_list"),
    path("beheer/gebruikers/nieuw/", views.user_create, name="user_create"),
    path("beheer/gebruikers/<int:pk>/", views.user_edit, name="user_edit"),
    path("beheer/gebruikers/<int:pk>/wachtwoord/", views.user_password, name="user_password"),
    path("beheer/gebruikers/<int:pk>/resetmail/", views.user_reset_mail, name="user_reset_mail"),
    path("beheer/teams/", views.team_list, name="team_list"),
    path("beheer/teams/nieuw/", views.team_edit, name="team_create"),
    path("beheer/teams/<int:pk>/", views.team_edit, name="team_edit"),
]
