from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "bereik.home"
