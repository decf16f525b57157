from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.urls import reverse

from bereik.accounts.actions import queue_only
from bereik.accounts.demo import DEMO_PASSWORD
from bereik.accounts.models import User
from bereik.demo.loader import load_all

# The story's follow-up (matching, placing households on an agenda) runs as it is told, whatever
# backend the environment sets for the server: with the database backend it would wait for a
# worker, and the loaders after it read what it made (`make demo` loads with DEBUG on, which
# runs tasks immediately; a demo server's environment with BEREIK_DEMO=1 would not).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "Fill the database with a realistic demo organisation (demo users, teams, dossiers)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users (a second `make demo`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("Database already has data: demo data not loaded again.")
            return
        # The story's notification mails wait in the outbox: `make demo` has the worker send them.
        with queue_only(), override_settings(TASKS=IMMEDIATE_TASKS):
            ctx = load_all()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Demo users (password: {DEMO_PASSWORD}):")
        )
        for user in ctx.users.values():
            self.stdout.write(f"  {user.username:<12} {', '.join(user.role_labels)}")
        self.stdout.write("Waiting-room screens (open the link without signing in):")
        for screen in ctx.data.get("screens", []):
            path = reverse("screens:display", args=[screen.token])
            self.stdout.write(f"  {screen.name:<26} {path}")
