from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "bereik.followup"
