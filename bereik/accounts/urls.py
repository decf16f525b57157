from django.urls import path

from bereik.accounts import notification_views, outbox_views, views

app_name = "accounts"

urlpatterns = [
    path("meldingen/", notification_views.notification_list, name="notifications"),
    path("meldingen/<int:pk>/", notification_views.notification_open, name="notification_open"),
    path(
        "meldingen/<int:pk>/gelezen/",
        notification_views.notification_read,
        name="notification_read",
    ),
    path(
        "meldingen/keuzes/",
        notification_views.notification_settings,
        name="notification_settings",
    ),
    path("meldingen/afmelden/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
    path("beheer/", views.admin_home, name="admin_home"),
    path("beheer/gebruikers/", views.user_list, name="user_list"),
    path("beheer/gebruikers/nieuw/", views.user_create, name="user_create"),
    path("beheer/gebruikers/<int:pk>/", views.user_edit, name="user_edit"),
    path("beheer/gebruikers/<int:pk>/wachtwoord/", views.user_password, name="user_password"),
    path("beheer/gebruikers/<int:pk>/resetmail/", views.user_reset_mail, name="user_reset_mail"),
    path(
        "beheer/meldingen/",
        outbox_views.notification_defaults,
        name="notification_defaults",
    ),
    path("beheer/e-mails/", outbox_views.outbox, name="outbox"),
    path("beheer/e-mails/<int:pk>/", outbox_views.outbox_mail, name="outbox_mail"),
    path("beheer/e-mails/<int:pk>/opnieuw/", outbox_views.outbox_retry, name="outbox_retry"),
    path("beheer/achtergrondtaken/", outbox_views.background_tasks, name="background_tasks"),
    path(
        "beheer/achtergrondtaken/<uuid:pk>/opnieuw/",
        outbox_views.background_task_retry,
        name="background_task_retry",
    ),
    path("beheer/teams/", views.team_list, name="team_list"),
    path("beheer/teams/nieuw/", views.team_edit, name="team_create"),
    path("beheer/teams/<int:pk>/", views.team_edit, name="team_edit"),
]
