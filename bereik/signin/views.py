"""Signing in and out, the second factor, and the beheerder's page for lockouts and resets."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik.accounts.forms import LoginForm
from bereik.accounts.models import User
from bereik.home import admin_links
from bereik.organisation.models import Organisation
from bereik.signin import actions, codes, entry, queries, rules, session
from bereik.signin.forms import CodeForm, EnrolForm, UnlockForm, UserSearchForm
from bereik.signin.middleware import second_factor_step
from bereik.signin.throttle import client_address

USERS_PER_PAGE = 50


def _login_context(request) -> dict:
    return {
        "oidc": rules.oidc_enabled(),
        "oidc_label": settings.BEREIK_OIDC_LABEL
        or _("Aanmelden met het account van je organisatie"),
        "demo_without_second_factor": settings.DEMO and not settings.BEREIK_MFA_REQUIRED,
    }


class LoginView(auth_views.LoginView):
    template_name = "signin/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_login_context(self.request)}

    def form_valid(self, form):
        response = super().form_valid(form)
        entry.signed_in(self.request, form.get_user(), method=entry.PASSWORD)
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer while an account or address is locked: the login page, in Dutch."""
    context = {
        "form": LoginForm(request),
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        **_login_context(request),
    }
    return render(request, "signin/login.html", context, status=429)


# Signing out is possible at any step; the `user_logged_out` signal records it.
logout = second_factor_step(auth_views.LogoutView.as_view())


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _asked(request) -> bool:
    state = session.second_factor_state(request)
    if state == session.DONE:
        return False
    return state == session.PENDING or rules.second_factor_required(request.user)


@second_factor_step
def verify(request):
    """The second step of signing in: the app's code or a recovery code."""
    user = request.user
    if not _asked(request):
        return redirect(_next(request))
    if not rules.is_enrolled(user):
        return redirect(f"{reverse('signin:enrol')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = actions.mfa_verify(
            user, code=form.cleaned_data["code"], address=client_address(request), actor=user
        )
        if check.ok:
            request.session.cycle_key()
            session.second_factor_given(request)
            if check.recovery:
                messages.warning(request, _recovery_used_message(check.codes_left))
            return redirect(_next(request))
        if check.wait_seconds:
            form.add_error(
                "code",
                _("Te veel foute codes na elkaar. Wacht %(seconds)s seconden en probeer opnieuw.")
                % {"seconds": check.wait_seconds},
            )
        else:
            form.add_error(
                "code",
                _(
                    "Deze code klopt niet. Kijk of de tijd op je telefoon juist staat, of gebruik "
                    "een herstelcode."
                ),
            )
    return render(request, "signin/verify.html", {"form": form, "next": _next(request)})


def _recovery_used_message(left: int) -> str:
    text = _("Je meldde je aan met een herstelcode; die werkt nu niet meer. Je hebt er nog %(n)s.")
    text %= {"n": left}
    if left <= 3:
        text += " " + _("Maak nieuwe herstelcodes onder Tweestapsverificatie in je menu.")
    return text


def _issuer() -> str:
    name = Organisation.objects.values_list("name", flat=True).first()
    return f"Bereik ({name})" if name else "Bereik"


@second_factor_step
def enrol(request):
    """Setting the authenticator app up: at the first sign-in where a second factor is asked, or
    by choice from the security page."""
    user = request.user
    if rules.is_enrolled(user):
        if session.second_factor_state(request) == session.PENDING:
            return redirect(f"{reverse('signin:verify')}?{request.GET.urlencode()}")
        return redirect("signin:security")
    key = request.session.get(session.NEW_KEY)
    if not key:
        key = request.session[session.NEW_KEY] = codes.new_key()
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = actions.mfa_enrol(user, key=key, code=form.cleaned_data["code"], actor=user)
        if new is not None:
            request.session.cycle_key()
            session.second_factor_given(request)
            request.session[session.NEW_CODES] = new
            messages.success(request, _("Je app is ingesteld. Bewaar nu je herstelcodes."))
            return redirect(f"{reverse('signin:recovery_codes')}?{request.GET.urlencode()}")
        form.add_error(
            "code",
            _(
                "Deze code klopt niet. Controleer of je de code juist hebt overgenomen en of de "
                "tijd op je telefoon juist staat, en probeer de code die de app nu toont."
            ),
        )
    issuer = _issuer()
    uri = codes.otpauth_uri(key, account=user.get_username(), issuer=issuer)
    context = {
        "form": form,
        "qr": codes.qr_svg(uri, title=_("QR-code om Bereik aan je app toe te voegen")),
        "key_text": codes.key_as_text(key),
        "issuer": issuer,
        "account": user.get_username(),
        "required": _asked(request),
        "next": _next(request),
    }
    return render(request, "signin/enrol.html", context)


@second_factor_step
def recovery_codes(request):
    """The recovery codes just made, shown this once."""
    new = request.session.pop(session.NEW_CODES, None)
    if not new:
        return redirect("signin:security")
    shown = [codes.show_recovery_code(code) for code in new]
    return render(request, "signin/recovery_codes.html", {"codes": shown, "next": _next(request)})


def security(request):
    """The user's own second factor: set up or not, recovery codes left, new recovery codes."""
    user = request.user
    enrolled = queries.users_with_second_factor().get(pk=user.pk)
    context = {
        "entry": enrolled,
        "required": rules.second_factor_required(user),
    }
    return render(request, "signin/security.html", context)


@require_POST
def renew_recovery_codes(request):
    if not rules.is_enrolled(request.user):
        return redirect("signin:security")
    new = actions.mfa_recovery_codes_renew(request.user, actor=request.user)
    request.session[session.NEW_CODES] = new
    messages.success(request, _("Je hebt nieuwe herstelcodes. De vorige werken niet meer."))
    return redirect("signin:recovery_codes")


@admin_links.beheerder_required
def admin(request):
    """Beheer → Aanmelden en beveiliging: lockouts, and the users' second factor."""
    accounts, unknown = queries.accounts_with_failures()
    form = UserSearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    users = queries.users_with_second_factor(search).prefetch_related("roles")
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "accounts": accounts,
        "unknown": unknown,
        "addresses": queries.addresses_with_failures(),
        "account_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "mfa_required": settings.BEREIK_MFA_REQUIRED,
        "form": form,
        "page": page,
    }
    return render(request, "signin/admin.html", context)


@require_POST
@admin_links.beheerder_required
def admin_unlock(request):
    form = UnlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een account of een adres om vrij te geven."))
        return redirect("signin:admin")
    user, address = form.cleaned_data["user"], form.cleaned_data["address"]
    if user is not None:
        count = actions.lockout_release(user=user, actor=request.user)
        message = _("%(user)s kan weer aanmelden.") % {"user": user}
    else:
        count = actions.lockout_release(address=address, actor=request.user)
        message = _("Aanmelden vanaf adres %(address)s kan weer.") % {"address": address}
    if count:
        messages.success(request, message)
    else:
        messages.info(request, _("Er was niets meer geblokkeerd."))
    return redirect("signin:admin")


@admin_links.beheerder_required
def admin_reset(request, pk):
    """Reset a user's second factor (a lost or new phone), after a confirmation."""
    edited = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        actions.mfa_reset(edited, actor=request.user)
        messages.success(
            request,
            _(
                "De tweestapsverificatie van %(user)s is gereset. Bij de volgende aanmelding "
                "stelt %(user)s een app opnieuw in."
            )
            % {"user": edited},
        )
        return redirect("signin:admin")
    context = {"edited": edited, "enrolled": rules.is_enrolled(edited)}
    return render(request, "signin/admin_reset.html", context)
