from django.apps import AppConfig


class LacConfig(AppConfig):
    name = "bereik.lac"
