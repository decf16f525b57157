from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "bereik.outreach"
    verbose_name = _("Contacten en brieven")

    def ready(self):
        from bereik.accounts import roles
        from bereik.home import admin_links, nav
        from bereik.outreach import dossier_sections, home_panels, letter_types  # noqa: F401

        letter_types.register()
        nav.register(35, _("Huisbezoeken"), "outreach:visits", allowed=home_panels.makes_visits)
        admin_links.register(
            110,
            _("Briefsjablonen en brochure"),
            "outreach:templates",
            _(
                "De Word-sjablonen van de brieven downloaden, vervangen of terugzetten; "
                "de brochure ‘Goed geregeld is geld gespaard’ opladen."
            ),
            allowed=roles.is_beheerder,
        )
