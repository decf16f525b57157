from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik.accounts import actions
from bereik.accounts.forms import (
    SetPasswordForm,
    TeamForm,
    UserCreateForm,
    UserFilterForm,
    UserForm,
)
from bereik.accounts.models import Team, User
from bereik.home import admin_links
from bereik.lib import locking

USERS_PER_PAGE = 50


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view, but the new password is stored through the action (audited, and it
    clears a temporary password)."""

    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        actions.user_change_password(
            form.user, form.cleaned_data["new_password1"], actor=self.request.user
        )
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        actions.user_change_password(form.user, form.cleaned_data["new_password1"], actor=form.user)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


@admin_links.beheerder_required
def admin_home(request):
    return render(
        request, "accounts/admin_home.html", {"links": admin_links.links_for(request.user)}
    )


@admin_links.beheerder_required
def user_list(request):
    form = UserFilterForm(request.GET or None)
    users = User.objects.prefetch_related("roles", "teams").order_by(
        "first_name", "last_name", "pk"
    )
    status = ""
    if form.is_valid():
        data = form.cleaned_data
        status = data["status"]
        if data["q"]:
            q = data["q"].strip()
            users = users.filter(
                Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
                | Q(username__icontains=q)
                | Q(email__icontains=q)
            )
        if data["role"]:
            users = users.filter(roles__code=data["role"])
        if data["team"]:
            users = users.filter(teams=data["team"])
    if status == "inactive":
        users = users.filter(is_active=False)
    elif status == "absent":
        users = users.filter(is_active=True, is_absent=True)
    elif status != "all":
        users = users.filter(is_active=True)
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


def _reset_mail(request, user) -> bool:
    """Send the set-a-password mail; tell the beheerder when the mail server refuses."""
    try:
        actions.user_send_password_reset(
            user, actor=request.user, domain=request.get_host(), use_https=request.is_secure()
        )
    except OSError:
        messages.error(
            request,
            _("De mail naar %(email)s kon niet verstuurd worden. Probeer later opnieuw.")
            % {"email": user.email},
        )
        return False
    messages.success(
        request,
        _("%(email)s kreeg een mail met een link om een wachtwoord te kiezen.")
        % {"email": user.email},
    )
    return True


@admin_links.beheerder_required
def user_create(request):
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        temporary = data["password_method"] == UserCreateForm.TEMPORARY
        user = actions.user_create(
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            job_title=data["job_title"],
            roles=data["roles"],
            teams=list(data["teams"]),
            is_absent=data["is_absent"],
            password=data["temporary_password"] if temporary else None,
            must_change_password=temporary,
            actor=request.user,
        )
        messages.success(request, _("Gebruiker %(user)s is aangemaakt.") % {"user": user})
        if not temporary:
            _reset_mail(request, user)
        return redirect("accounts:user_edit", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "edited": None})


@admin_links.beheerder_required
def user_edit(request, pk):
    edited = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, instance=edited, actor=request.user)
    if request.method == "POST" and form.is_valid():
        changed = set(form.changed_data)
        if not changed:
            messages.info(request, _("Er was niets gewijzigd."))
            return redirect("accounts:user_edit", pk=edited.pk)
        data = form.cleaned_data
        try:
            actions.user_update(
                edited,
                actor=request.user,
                roles=data["roles"] if "roles" in changed else None,
                teams=list(data["teams"]) if "teams" in changed else None,
                version=form.version(),
                **{name: data[name] for name in UserForm.Meta.fields if name in changed},
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(
                request, _("De gegevens van %(user)s zijn opgeslagen.") % {"user": edited}
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "edited": edited})


@admin_links.beheerder_required
def user_password(request, pk):
    edited = get_object_or_404(User, pk=pk)
    form = SetPasswordForm(request.POST or None, user=edited)
    if request.method == "POST" and form.is_valid():
        actions.user_set_password(
            edited, form.cleaned_data["password"], actor=request.user, temporary=True
        )
        messages.success(
            request,
            _(
                "Het tijdelijke wachtwoord van %(user)s is ingesteld. Bezorg het persoonlijk; "
                "bij de volgende aanmelding kiest %(user)s een eigen wachtwoord."
            )
            % {"user": edited},
        )
        return redirect("accounts:user_edit", pk=edited.pk)
    return render(request, "accounts/user_password.html", {"form": form, "edited": edited})


@require_POST
@admin_links.beheerder_required
def user_reset_mail(request, pk):
    edited = get_object_or_404(User, pk=pk)
    if not edited.email:
        messages.error(request, _("Deze gebruiker heeft geen e-mailadres. Vul er eerst een in."))
    else:
        _reset_mail(request, edited)
    return redirect("accounts:user_password", pk=edited.pk)


@admin_links.beheerder_required
def team_list(request):
    members = User.objects.order_by("first_name", "last_name").prefetch_related("roles")
    teams = Team.objects.prefetch_related(Prefetch("members", queryset=members))
    return render(request, "accounts/team_list.html", {"teams": teams})


@admin_links.beheerder_required
def team_edit(request, pk=None):
    team = get_object_or_404(Team, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if team is None:
                    team = actions.team_create(
                        name=data["name"],
                        code=form.code,
                        description=data["description"],
                        actor=request.user,
                    )
                else:
                    fields = {n: data[n] for n in ("name", "description") if n in form.changed_data}
                    actions.team_update(team, actor=request.user, version=form.version(), **fields)
                if "members" in form.changed_data:
                    actions.team_set_members(team, list(data["members"]), actor=request.user)
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("Team %(team)s is opgeslagen.") % {"team": team})
            return redirect("accounts:team_list")
    return render(request, "accounts/team_form.html", {"form": form, "team": team})
