from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "bereik.home"

    def ready(self):
        from bereik.lib.choices import cache_choice_labels

        cache_choice_labels()
