"""The worklists: "Mijn dossiers", "Team", "Te triëren", "Te bevestigen koppelingen", "Niet
toegewezen" and "Alle dossiers", with filters, paging, export, bulk (re)assignment and letters
for the ticked rows (posted to outreach:batch_create).

Every list starts from `access.visible_dossiers(user)`. A page costs the same number of queries
whatever its size: the rows come with their company, client, worker and team in one query, the
candidates of the confirmation queue in one more.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from bereik.accounts import roles
from bereik.accounts.models import Role, User
from bereik.clients.models import Consultation, MatchCandidate, Triage
from bereik.dossiers import access, export
from bereik.dossiers.assignment import dossiers_assign
from bereik.dossiers.filters import ALL, OPEN, WorklistFilterForm
from bereik.dossiers.models import Dossier
from bereik.lib.export import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from bereik.organisation.models import Organisation


def to_triage_q() -> Q:
    """Open dossiers without a route (and not waiting for a link to be confirmed), and route B
    dossiers whose overleg has no outcome yet."""
    waiting = Q(triage__match_status=Triage.MatchStatus.TO_CONFIRM)
    open_consultation = Q(
        pk__in=Consultation.objects.filter(decided_at__isnull=True).values("dossier_id")
    )
    return (Q(route="") & ~waiting) | open_consultation


def to_confirm_q() -> Q:
    return Q(triage__match_status=Triage.MatchStatus.TO_CONFIRM, client__isnull=True)


@dataclass(frozen=True)
class Worklist:
    key: str
    title: str
    allowed: Callable
    select: Callable  # (user, queryset, request) -> queryset
    description: str = ""
    default_status: str = OPEN


def _team_select(user, queryset, request):
    """Without a team chosen in the filter: the user's own teams (all teams for those who have
    none)."""
    if request.GET.get("team"):
        return queryset
    if user.team_ids:
        return queryset.filter(team__in=sorted(user.team_ids))
    return queryset.filter(team__isnull=False)


WORKLISTS: dict[str, Worklist] = {
    wl.key: wl
    for wl in [
        Worklist(
            "mijn",
            gettext_lazy("Mijn dossiers"),
            roles.works_on_dossiers,
            lambda user, qs, request: qs.filter(assigned_to=user),
            gettext_lazy("De dossiers die aan jou zijn toegewezen."),
        ),
        Worklist(
            "team",
            gettext_lazy("Per team"),
            roles.works_on_dossiers,
            _team_select,
            gettext_lazy("De dossiers van een team; kies het team in de filter."),
        ),
        Worklist(
            "te-trieren",
            gettext_lazy("Te triëren"),
            roles.can_triage,
            lambda user, qs, request: qs.filter(to_triage_q()),
            gettext_lazy(
                "Dossiers zonder route, en dossiers in route B waarvan het overleg nog geen "
                "uitkomst heeft."
            ),
        ),
        Worklist(
            "te-bevestigen",
            gettext_lazy("Te bevestigen koppelingen"),
            roles.can_triage,
            lambda user, qs, request: qs.filter(to_confirm_q()),
            gettext_lazy(
                "Huishoudens die op een cliënt uit het register lijken, maar niet zeker genoeg "
                "om automatisch te koppelen. Vergelijk en bevestig of wijs af."
            ),
        ),
        Worklist(
            "niet-toegewezen",
            gettext_lazy("Niet toegewezen"),
            access.can_assign,
            lambda user, qs, request: qs.filter(assigned_to__isnull=True),
            gettext_lazy("Open dossiers die nog niemand opvolgt."),
        ),
        Worklist(
            "alle",
            gettext_lazy("Alle dossiers"),
            roles.works_on_dossiers,
            lambda user, qs, request: qs,
            gettext_lazy("Alle dossiers die je mag zien."),
        ),
    ]
}


def worklists_for(user) -> list[Worklist]:
    return [wl for wl in WORKLISTS.values() if wl.allowed(user)]


def _get_worklist(user, key: str) -> Worklist:
    worklist = WORKLISTS.get(key)
    if worklist is None or not worklist.allowed(user):
        raise Http404
    return worklist


def worklist_queryset(user, worklist: Worklist, form: WorklistFilterForm, request) -> QuerySet:
    queryset = worklist.select(user, access.visible_dossiers(user), request)
    return form.filter(queryset, default_status=worklist.default_status)


class BulkAssignForm(forms.Form):
    dossiers = forms.TypedMultipleChoiceField(coerce=int, label=gettext_lazy("Dossiers"))
    worker = forms.ModelChoiceField(
        label=gettext_lazy("Toewijzen aan"),
        queryset=User.objects.none(),
        empty_label=gettext_lazy("— kies een medewerker —"),
    )
    reason = forms.CharField(label=gettext_lazy("Reden"), max_length=500, widget=forms.TextInput())
    next = forms.CharField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, dossier_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = roles.followers()
        self.fields["worker"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["dossiers"].choices = dossier_choices


def index(request):
    """The Dossiers menu: the preventiewerker starts at triage, everyone else at their own."""
    if roles.can_triage(request.user) and request.user.has_role(Role.Code.PREVENTIEWERKER):
        return redirect("dossiers:worklist", "te-trieren")
    if request.user.has_role(*roles.CASEWORKERS):
        return redirect("dossiers:worklist", "mijn")
    if roles.works_on_dossiers(request.user):
        return redirect("dossiers:worklist", "alle")
    raise Http404


def worklist(request, key: str):
    worklist = _get_worklist(request.user, key)
    form = WorklistFilterForm(request.GET or None, user=request.user)
    queryset = worklist_queryset(request.user, worklist, form, request)
    queryset = queryset.select_related("company", "client", "assigned_to", "team", "triage")
    queryset = queryset.order_by(*form.ordering())
    if key == "te-bevestigen":
        queryset = queryset.prefetch_related(
            Prefetch(
                "triage__candidates",
                queryset=MatchCandidate.objects.filter(rejected_at__isnull=True).select_related(
                    "client__social_worker"
                ),
                to_attr="open_candidates",
            )
        )
    page = Paginator(queryset, form.page_size()).get_page(request.GET.get("pagina"))
    mark_attention(page.object_list)
    query = request.GET.copy()
    query.pop("pagina", None)
    can_assign = access.can_assign(request.user)
    context = {
        "worklist": worklist,
        "worklists": worklists_for(request.user),
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_assign": can_assign,
        "can_triage": roles.can_triage(request.user),
        "can_see_insz": roles.can_see_insz(request.user),
        # Its own ids: the filter form above the list has a "worker" field too.
        "assign_form": BulkAssignForm(initial={"next": request.get_full_path()}, auto_id="bulk_%s")
        if can_assign
        else None,
        "can_make_letters": roles.writes_dossiers(request.user),
        "letter_choices": letter_choices(),
        "status_all": ALL,
    }
    template = "confirm.html" if key == "te-bevestigen" else "list.html"
    return render(request, f"dossiers/worklists/{template}", context)


def mark_attention(dossiers) -> None:
    """Flag the rows that need attention, as bereik.outreach.queries defines it
    (deadline_near_unreached, next_step_overdue), from the loaded fields: no query per row."""
    today = timezone.localdate()
    warning = datetime.timedelta(days=Organisation.warning_days())
    for dossier in dossiers:
        is_open = dossier.status in Dossier.OPEN_STATUSES
        dossier.deadline_near_unreached = (
            is_open
            and dossier.reached_on is None
            and dossier.deadline is not None
            and dossier.deadline <= today + warning
        )
        dossier.next_step_overdue = (
            is_open and dossier.next_step_date is not None and dossier.next_step_date < today
        )


def letter_choices() -> list[tuple[str, str]]:
    """The letters that make sense for a selection of dossiers (outreach:batch_create)."""
    from bereik.outreach import letters, next_step
    from bereik.outreach.letter_types import INVITATION

    choices = [(INVITATION, _("Uitnodiging LAC (water of energie, volgens het dossier)"))]
    for code in (next_step.LAST_LETTER, "vrije_brief"):
        try:
            choices.append((code, str(letters.get_letter_type(code).label)))
        except LookupError:
            continue
    return choices


def worklist_export(request, key: str, fmt: str):
    worklist = _get_worklist(request.user, key)
    if fmt not in export.FORMATS:
        raise Http404
    form = WorklistFilterForm(request.GET or None, user=request.user)
    queryset = worklist_queryset(request.user, worklist, form, request).order_by(*form.ordering())
    rows = queryset.count()
    export.record_export(
        actor=request.user,
        rows=rows,
        fmt=fmt,
        purpose=_("export werklijst %(list)s") % {"list": worklist.title},
        details={"list": key},
    )
    name = export.filename(fmt, f"dossiers-{key}")
    if fmt == "csv":
        response = StreamingHttpResponse(export.csv_stream(queryset), content_type=CSV_CONTENT_TYPE)
    else:
        content, _count = export.xlsx_bytes(queryset)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _safe_next(request, url: str, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


@require_POST
def bulk_assign(request):
    if not access.can_assign(request.user):
        raise Http404
    ids = [int(v) for v in request.POST.getlist("dossiers") if v.isdigit()]
    visible = access.visible_dossiers(request.user).filter(pk__in=ids)
    form = BulkAssignForm(
        request.POST, dossier_choices=[(pk, pk) for pk in visible.values_list("pk", flat=True)]
    )
    back = _safe_next(
        request, request.POST.get("next", ""), reverse("dossiers:worklist", args=["alle"])
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(back)
    dossiers = visible.filter(pk__in=form.cleaned_data["dossiers"]).select_related("assigned_to")
    try:
        count = dossiers_assign(
            list(dossiers),
            form.cleaned_data["worker"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    worker = form.cleaned_data["worker"]
    messages.success(
        request,
        ngettext(
            "%(count)s dossier toegewezen aan %(worker)s.",
            "%(count)s dossiers toegewezen aan %(worker)s.",
            count,
        )
        % {"count": count, "worker": worker.get_full_name() or worker},
    )
    return redirect(back)
