from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from bereik.accounts import views as account_views
from bereik.signin import views as signin_views

urlpatterns = [
    path("", include("bereik.home.urls")),
    path("login/", signin_views.LoginView.as_view(), name="login"),
    path("logout/", signin_views.logout, name="logout"),
    path("aanmelden/", include("bereik.signin.urls")),
    path(
        "wachtwoord/wijzigen/",
        account_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "wachtwoord/vergeten/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("accounts/", include("bereik.accounts.urls")),
    path("audit/", include("bereik.audit.urls")),
    path("organisatie/", include("bereik.organisation.urls")),
    path("schermen/", include("bereik.screens.urls")),
    path("dossiers/", include("bereik.dossiers.urls")),
    path("intake/", include("bereik.intake.urls")),
    path("clienten/", include("bereik.clients.urls")),
    path("triage/", include("bereik.triage.urls")),
    path("contacten/", include("bereik.outreach.urls")),
    path("opvolging/", include("bereik.followup.urls")),
    path("richtvragen/", include("bereik.checklists.urls")),
    path("uithuiszetting/", include("bereik.eviction.urls")),
    path("energie/", include("bereik.energy.urls")),
    path("lac/", include("bereik.lac.urls")),
    path("ervaringsdeskundige/", include("bereik.experts.urls")),
    path("cijfers/", include("bereik.reports.urls")),
    path("weekrapport/", include("bereik.weekly.urls")),
    path("privacy/", include("bereik.privacy.urls")),
    # One way in, with its throttling, second factor and audit trail: also for the Django admin.
    path(
        "beheer/django/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
    ),
    path("beheer/django/", admin.site.urls),
]

admin.site.site_header = "Bereik: technisch beheer"
