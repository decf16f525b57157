"""A user's notifications: the list behind the bell, opening one (its dossier at the right
section), marking them read, the choice per kind of how they arrive, and the one-click
unsubscribe link of a mail (public: the signed link is the proof)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import actions, mail, notifications
from bereik.accounts.models import Notification, User
from bereik.accounts.notification_forms import DeliveryChoicesForm
from bereik.lib import locking

PER_PAGE = 25
UNREAD = "ongelezen"


def notification_list(request):
    if request.method == "POST":
        actions.notifications_mark_read(request.user, actor=request.user)
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
        return redirect("accounts:notifications")
    only_unread = request.GET.get("toon") == UNREAD
    items = notifications.visible(request.user)
    if only_unread:
        items = items.filter(read_at=None)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    labels = dict(Notification.Kind.choices)
    for item in page:
        item.kind_label = labels.get(item.kind, "")
    # A notification's text may name the household (of its dossier, or of none).
    audit.record_list_read(
        request.user, Notification, [item.pk for item in page], purpose="meldingen"
    )
    return render(
        request,
        "accounts/notifications.html",
        {"page": page, "only_unread": only_unread, "unread_filter": UNREAD},
    )


def notification_open(request, pk):
    """Follow a notification's link; following it is reading it. A notification about a dossier
    the user may no longer see is gone (404)."""
    notification = get_object_or_404(notifications.visible(request.user), pk=pk)
    actions.notification_mark_read(notification, actor=request.user)
    target = notification.get_absolute_url()
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("accounts:notifications")
    return redirect(target)


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(notifications.visible(request.user), pk=pk)
    actions.notification_mark_read(notification, actor=request.user)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("accounts:notifications")
    return redirect(back)


def notification_settings(request):
    user = request.user
    kinds = notifications.kinds_for_roles(user.role_codes)
    received = set(user.notifications.values_list("kind", flat=True).distinct())
    kinds += [
        info for kind, info in notifications.KINDS.items() if kind in received and info not in kinds
    ]
    current = notifications.choices_for(user)
    defaults = notifications.defaults_for(user)
    form = DeliveryChoicesForm(
        request.POST or None, kinds=kinds, initial_choices=current, defaults=defaults
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.notification_settings_save(
                user, form.choices(), actor=user, version=form.version()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
            return render(request, "accounts/notification_settings.html", {"form": form})
        if changed:
            messages.success(request, _("Je keuzes voor meldingen zijn bewaard."))
        else:
            messages.info(request, _("Er was niets gewijzigd."))
        return redirect("accounts:notification_settings")
    return render(request, "accounts/notification_settings.html", {"form": form})


@login_not_required
@csrf_exempt  # a mail program posts here itself (RFC 8058); the signed token is the proof
def unsubscribe(request, token):
    """The link in every notification mail. Opening it shows what it will change with one button
    (a link checker that opens it changes nothing); a mail program's one-click POST, or the
    button, switches the kind to "in the app only"."""
    found = mail.read_unsubscribe_token(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if user is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    kind = found[1]
    if kind == mail.ALL_DIGEST:
        label = _("het dagelijkse overzicht")
    else:
        label = notifications.info(kind).label
    done = False
    if request.method == "POST":
        actions.notification_unsubscribe(user, kind)
        done = True
    return render(
        request,
        "accounts/unsubscribe.html",
        {"label": label, "done": done, "user_name": user.first_name or user.username},
    )
