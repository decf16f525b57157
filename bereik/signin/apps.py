from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "bereik.signin"
    verbose_name = _("Aanmelden en beveiliging")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.core.signals import request_finished, request_started

        from bereik.home import admin_links
        from bereik.signin import checks, receivers, seen  # noqa: F401 - registers the checks

        # The session's "last seen" is written after the response (ADR 0026).
        request_started.connect(seen.start, dispatch_uid="bereik_signin_seen_start")
        request_finished.connect(seen.finish, dispatch_uid="bereik_signin_seen_finish")

        # Sign-in events come from Django and django-axes as signals; the receivers only hand
        # them to the actions (nothing of the domain flow runs on them).
        user_logged_in.connect(receivers.logged_in, dispatch_uid="bereik.signin.logged_in")
        user_login_failed.connect(receivers.login_failed, dispatch_uid="bereik.signin.failed")
        user_logged_out.connect(receivers.logged_out, dispatch_uid="bereik.signin.logged_out")
        user_locked_out.connect(receivers.locked_out, dispatch_uid="bereik.signin.locked_out")
        admin_links.register(
            25,
            _("Aanmelden en beveiliging"),
            "signin:admin",
            _(
                "Geblokkeerde accounts en adressen vrijgeven, de tweestapsverificatie van een "
                "gebruiker resetten."
            ),
        )
