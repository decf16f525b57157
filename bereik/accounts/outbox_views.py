"""The beheerder's pages for notifications: the default per role and kind, the outbox (every
mail, the failed ones first to see, each readable in full), and the background tasks that
failed."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks import default_task_backend

from bereik.accounts import actions, background, notifications
from bereik.accounts.models import Mail, Role
from bereik.accounts.notification_forms import (
    DeliveryChoicesForm,
    OutboxFilterForm,
    RoleChoiceForm,
)
from bereik.home import admin_links
from bereik.lib import locking

MAILS_PER_PAGE = 50
TASKS_PER_PAGE = 25


@admin_links.beheerder_required
def notification_defaults(request):
    """The default per role: one role at a time, each kind its users usually get."""
    role_form = RoleChoiceForm(request.GET or {"role": Role.Code.MAATSCHAPPELIJK_WERKER})
    role = (
        role_form.cleaned_data["role"] if role_form.is_valid() else Role.Code.MAATSCHAPPELIJK_WERKER
    )
    kinds = notifications.kinds_for_roles([role])
    current = notifications.role_choices(role, kinds)
    form = DeliveryChoicesForm(request.POST or None, kinds=kinds, initial_choices=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.notification_defaults_save(
                role, form.choices(), actor=request.user, version=form.version()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
            return render(
                request,
                "accounts/notification_defaults.html",
                {"role_form": role_form, "role": Role.Code(role), "form": form},
            )
        if changed:
            messages.success(
                request,
                _("De standaardkeuzes voor %(role)s zijn bewaard.")
                % {"role": Role.Code(role).label},
            )
        else:
            messages.info(request, _("Er was niets gewijzigd."))
        return redirect(f"{request.path}?role={role}")
    return render(
        request,
        "accounts/notification_defaults.html",
        {"role_form": role_form, "role": Role.Code(role), "form": form},
    )


@admin_links.beheerder_required
def outbox(request):
    form = OutboxFilterForm(request.GET or None)
    mails = Mail.objects.select_related("user")
    status = form.cleaned_data["status"] if form.is_valid() else ""
    if status == OutboxFilterForm.PROBLEMS:
        mails = mails.filter(status__in=(Mail.Status.FAILED, Mail.Status.RETRY))
    elif status:
        mails = mails.filter(status=status)
    counts = dict(Mail.objects.values_list("status").annotate(n=Count("pk")).order_by())
    page = Paginator(mails, MAILS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/outbox.html",
        {
            "form": form,
            "page": page,
            "failed": counts.get(Mail.Status.FAILED, 0),
            "retrying": counts.get(Mail.Status.RETRY, 0),
            "waiting": counts.get(Mail.Status.QUEUED, 0),
            "demo": settings.DEMO,
            "problems": OutboxFilterForm.PROBLEMS,
        },
    )


@admin_links.beheerder_required
def outbox_mail(request, pk):
    """One mail in full: what the user got (or would have got, in the demo)."""
    item = get_object_or_404(Mail.objects.select_related("user"), pk=pk)
    return render(
        request,
        "accounts/outbox_mail.html",
        {"mail": item, "from_email": settings.DEFAULT_FROM_EMAIL, "demo": settings.DEMO},
    )


@require_POST
@admin_links.beheerder_required
def outbox_retry(request, pk):
    item = get_object_or_404(Mail, pk=pk)
    if not item.can_retry:
        messages.info(request, _("Deze e-mail wacht niet op een nieuwe poging."))
    else:
        actions.mail_retry(item, actor=request.user)
        messages.success(
            request, _("De e-mail aan %(to)s wordt opnieuw verstuurd.") % {"to": item.to}
        )
    return redirect("accounts:outbox_mail", pk=item.pk)


@admin_links.beheerder_required
def background_tasks(request):
    page = Paginator(background.failed_results(), TASKS_PER_PAGE).get_page(request.GET.get("page"))
    background.mark_pending(page.object_list)
    return render(
        request,
        "accounts/background_tasks.html",
        {"page": page, "has_worker": default_task_backend.supports_defer},
    )


@require_POST
@admin_links.beheerder_required
def background_task_retry(request, pk):
    result = get_object_or_404(background.failed_results(), pk=pk)
    label = background.label_for(result.task_path)
    actions.background_task_retry(result, actor=request.user)
    messages.success(request, _("'%(task)s' staat opnieuw in de wachtrij.") % {"task": label})
    return redirect("accounts:background_tasks")
