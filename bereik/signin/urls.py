from django.contrib.auth.decorators import login_not_required
from django.urls import path

from bereik.signin import oidc, views

app_name = "signin"

urlpatterns = [
    path("code/", views.verify, name="verify"),
    path("tweestap/", views.security, name="security"),
    path("tweestap/instellen/", views.enrol, name="enrol"),
    path("tweestap/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path(
        "tweestap/nieuwe-herstelcodes/",
        views.renew_recovery_codes,
        name="renew_recovery_codes",
    ),
    path("oidc/start/", login_not_required(oidc.start), name="oidc_start"),
    path("oidc/terug/", login_not_required(oidc.callback), name="oidc_callback"),
    path("beheer/", views.admin, name="admin"),
    path("beheer/vrijgeven/", views.admin_unlock, name="admin_unlock"),
    path("beheer/tweestap/<int:pk>/resetten/", views.admin_reset, name="admin_reset"),
]
