from django.urls import path

from bereik.screens import views

app_name = "screens"

urlpatterns = [
    # Beheer
    path("", views.screen_list, name="screens"),
    path("nieuw/", views.screen_edit, name="screen_create"),
    path("<int:pk>/", views.screen_edit, name="screen_edit"),
    path("<int:pk>/intrekken/", views.screen_revoke, name="screen_revoke"),
    path("<int:pk>/nieuwe-link/", views.screen_renew, name="screen_renew"),
    path("<int:pk>/verwijderen/", views.screen_delete, name="screen_delete"),
    path("berichten/", views.message_list, name="messages"),
    path("berichten/nieuw/", views.message_edit, name="message_create"),
    path("berichten/<int:pk>/", views.message_edit, name="message_edit"),
    path("berichten/<int:pk>/verwijderen/", views.message_delete, name="message_delete"),
    path("berichten/<int:pk>/afbeelding/", views.message_image, name="message_image"),
    # The public screen, by its secret link
    path("toon/<str:token>/", views.display, name="display"),
    path("toon/<str:token>/berichten/", views.slides, name="slides"),
    path("toon/<str:token>/beeld/<int:pk>/", views.image, name="image"),
]
