"""Right after a sign-in, whichever way (the login form, the identity provider): recorded in the
audit trail, and the second factor asked when it must be."""

from django.conf import settings

from bereik.signin import actions, rules, session
from bereik.signin.throttle import client_address

# How someone signed in, as the audit trail says it.
PASSWORD = "password"  # noqa: S105 - a name, not a password
OIDC = "oidc"


def signed_in(request, user, *, method: str) -> None:
    if method == OIDC and settings.BEREIK_OIDC_PROVIDER_MFA:
        # The provider asked its own second factor (the organisation says so in the settings).
        asked = False
        session.second_factor_given(request)
    else:
        asked = rules.second_factor_asked(user)
        if asked:
            session.ask_second_factor(request)
        else:
            request.session.pop(session.SECOND_FACTOR, None)
    actions.signin_succeeded(
        user, method=method, address=client_address(request), second_factor=asked, actor=user
    )
