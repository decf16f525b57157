from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bereik.accounts"
    verbose_name = _("Gebruikers en teams")

    def ready(self):
        from django_tasks.signals import task_finished

        from bereik.accounts import background, home_panels, roles, tasks  # noqa: F401
        from bereik.home import admin_links, nav

        nav.register(90, _("Beheer"), "accounts:admin_home", allowed=roles.is_beheerder)
        admin_links.register(
            10,
            _("Gebruikers"),
            "accounts:user_list",
            _("Medewerkers toevoegen, rollen en teams geven, afwezig of niet actief zetten."),
        )
        admin_links.register(20, _("Teams"), "accounts:team_list", _("De teams en wie erin zit."))
        admin_links.register(
            70,
            _("Meldingen per rol"),
            "accounts:notification_defaults",
            _(
                "Per rol: welke meldingen meteen per e-mail, in het dagelijkse overzicht of alleen "
                "in Bereik komen."
            ),
        )
        admin_links.register(
            75,
            _("Verstuurde e-mails"),
            "accounts:outbox",
            _(
                "Elke e-mail met een melding, wat erin stond, en wat niet vertrok; mislukte "
                "achtergrondtaken."
            ),
        )
        background.register(tasks.send_mail_task, _("E-mail versturen"))
        task_finished.connect(background.retry_after_failure, dispatch_uid="bereik_task_retry")
        admin_links.register(
            95,
            _("Technisch beheer"),
            "admin:index",
            _("Django-beheer (alleen lezen) voor technische ondersteuning."),
            allowed=lambda user: user.is_staff,
        )
