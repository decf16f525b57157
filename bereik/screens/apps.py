from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreensConfig(AppConfig):
    name = "bereik.screens"
    verbose_name = _("Wachtzaalschermen")

    def ready(self):
        from bereik.home import admin_links

        admin_links.register(
            170,
            _("Wachtzaalschermen"),
            "screens:screens",
            _("De tv's in de wachtzalen en hun geheime link: aanmaken, intrekken, vernieuwen."),
        )
        admin_links.register(
            175,
            _("Schermberichten"),
            "screens:messages",
            _("De korte berichten die de schermen om beurten tonen, met hun data."),
        )
