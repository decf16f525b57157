"""The follow-up's sections of the dossier page (registered from FollowupConfig.ready()).
Each runs a fixed number of queries, whatever the size of the dossier.

Each says in a `caption` what it holds; a help section is open while the help goes on, and
folded before (when still empty) and after closing (`_folded`), so the page first shows what to
do now."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bereik.accounts import roles
from bereik.dossiers import presence, sections
from bereik.followup import forms, queries
from bereik.followup.models import ExternalReferral, InternalReferral, WaterScan
from bereik.followup.rules import limited_to_onthaal_tasks


@sections.register(order=40, key="gesprek", reads=("proposals",))
def proposal_section(request, dossier, ctx):
    proposals = presence.rows(
        dossier, "proposals", dossier.proposals.select_related("author").order_by("-id")[:2]
    )
    latest = proposals[0] if proposals else None
    return {
        "title": _("Gesprek, voorstel en terugkoppeling"),
        "template": "followup/sections/proposal.html",
        "caption": _("laatste gesprek %(date)s") % {"date": _date(latest.conversation_date)}
        if latest
        else _("nog geen"),
        "collapsed": _folded(dossier, latest),
        "proposal": latest,
        "has_history": len(proposals) > 1,
        # Without a conversation, nothing to refer (and no second read of the proposals).
        "referral_missing": latest is not None
        and queries.intensive_help_unreferred(dossier, latest),
        "limited": limited_to_onthaal_tasks(request.user),
    }


@sections.register(order=42, key="verslag", reads=("social_reports",))
def report_section(request, dossier, ctx):
    reports = presence.rows(
        dossier,
        "social_reports",
        dossier.social_reports.select_related("author").order_by("-version")[:1],
    )
    report = reports[0] if reports else None
    return {
        "title": _("Sociaal verslag"),
        "template": "followup/sections/report.html",
        "caption": _("versie %(version)s van %(date)s")
        % {"version": report.version, "date": _date(report.created_at)}
        if report
        else _("nog niet geschreven"),
        "collapsed": _folded(dossier, report),
        "report": report,
    }


@sections.register(order=44, key="rechten", reads=("right_checks",))
def rights_section(request, dossier, ctx):
    summary = queries.rights_summary(dossier)
    if summary:
        caption = _("%(applied)s aangevraagd, %(to_check)s na te gaan") % {
            "applied": len(summary.applied),
            "to_check": len(summary.to_check),
        }
    else:
        caption = _("nog niet gestart")
    return {
        "title": _("Algemeen rechtenonderzoek"),
        "template": "followup/sections/rights.html",
        "caption": caption,
        "collapsed": _folded(dossier, summary),
        "summary": summary,
    }


@sections.register(order=46, key="steun", reads=("support_requests",))
def support_section(request, dossier, ctx):
    requests = presence.rows(dossier, "support_requests", dossier.support_requests.all())
    return {
        "title": _("Steunaanvragen"),
        "template": "followup/sections/support.html",
        "caption": ngettext("%(count)s aanvraag", "%(count)s aanvragen", len(requests))
        % {"count": len(requests)},
        "collapsed": _folded(dossier, requests),
        "requests": requests,
    }


@sections.register(
    order=50, key="doorverwijzingen", reads=("internal_referrals", "external_referrals")
)
def referral_section(request, dossier, ctx):
    internal = presence.rows(
        dossier,
        "internal_referrals",
        dossier.internal_referrals.select_related(
            "to_team", "from_team", "referred_by", "decided_by"
        ),
    )
    external = presence.rows(
        dossier,
        "external_referrals",
        dossier.external_referrals.select_related("organisation", "referred_by"),
    )
    cell_active = any(
        referral.help_kind == InternalReferral.HelpKind.ENERGY
        and referral.status in InternalReferral.ACTIVE_STATUSES
        for referral in internal
    )
    return {
        "title": _("Doorverwijzingen"),
        "template": "followup/sections/referrals.html",
        "caption": _("%(internal)s intern, %(external)s warme overdracht")
        % {"internal": len(internal), "external": len(external)},
        "collapsed": _folded(dossier, internal or external),
        "internal": internal,
        "external": external,
        "cell_active": cell_active,
        "open_handover": ExternalReferral.Status.OPEN,
        "open_referral": InternalReferral.Status.OPEN,
    }


@sections.register(order=90, key="tijdlijn")
def timeline_section(request, dossier, ctx):
    context = queries.timeline_context(request.user, dossier, kind=request.GET.get("soort", ""))
    count = context["events"].paginator.count
    return {
        "title": _("Tijdlijn"),
        "template": "followup/sections/timeline.html",
        "caption": ngettext("%(count)s gebeurtenis", "%(count)s gebeurtenissen", count)
        % {"count": count},
        "note_form": forms.NoteForm(user=request.user) if ctx.get("can_change") else None,
        **context,
    }


# First in the side column: what someone has to do on this dossier.
@sections.register(order=2, key="taken", column="side", reads=("tasks",))
def task_section(request, dossier, ctx):
    tasks = presence.rows(
        dossier,
        "tasks",
        dossier.tasks.select_related("assignee").order_by("done_at", "due_date", "id"),
    )
    open_tasks = [task for task in tasks if task.done_at is None]
    done = [task for task in tasks if task.done_at is not None]
    done.sort(key=lambda task: task.done_at, reverse=True)
    return {
        "title": _("Taken"),
        "template": "followup/sections/tasks.html",
        "caption": ngettext("%(count)s open", "%(count)s open", len(open_tasks))
        % {"count": len(open_tasks)},
        "collapsed": not open_tasks,
        "open_tasks": open_tasks,
        "done_tasks": done[:10],
        "task_form": forms.TaskForm(initial={"assignee": request.user})
        if ctx.get("can_change")
        else None,
    }


@sections.register(order=30, key="documenten", column="side", reads=("documents",))
def document_section(request, dossier, ctx):
    documents = presence.rows(
        dossier,
        "documents",
        dossier.documents.filter(roles.restricted_q(request.user)).select_related(
            "uploaded_by", "restricted_to_team"
        ),
    )
    return {
        "title": _("Documenten"),
        "template": "followup/sections/documents.html",
        "caption": ngettext("%(count)s document", "%(count)s documenten", len(documents))
        % {"count": len(documents)},
        "documents": documents,
        "document_form": forms.DocumentForm(user=request.user) if ctx.get("can_change") else None,
    }


@sections.register(order=40, key="waterscan", column="side", reads=("water_scans",))
def water_scan_section(request, dossier, ctx):
    scans = presence.rows(
        dossier, "water_scans", dossier.water_scans.select_related("requested_by")
    )
    latest = scans[0] if scans else None
    return {
        "title": _("Waterscan"),
        "template": "followup/sections/water_scan.html",
        "caption": latest.get_status_display() if latest else _("niet aangevraagd"),
        "scans": scans,
        "requested": WaterScan.Status.REQUESTED,
        "can_request": not any(scan.status == WaterScan.Status.REQUESTED for scan in scans),
    }


@sections.register(
    order=90, key="afsluiting", column="side", open_in=(sections.CLOSED,), reads=("closures",)
)
def closure_section(request, dossier, ctx):
    closures = presence.rows(
        dossier,
        "closures",
        dossier.closures.select_related("outcome", "closed_by", "reopened_by")[:5],
    )
    return {
        "title": _("Afsluiting"),
        "template": "followup/sections/closure.html",
        "closure": closures[0] if closures and not dossier.is_open else None,
        "earlier": closures if dossier.is_open else closures[1:],
        "reopen_form": forms.ReopenForm()
        if not dossier.is_open and ctx.get("can_change")
        else None,
    }


def _folded(dossier, content) -> bool:
    """A help section is open while the help goes on (the household reached, the dossier open);
    before, it is open only when it already holds something; after closing it folds away."""
    now = sections.phase(dossier)
    return now == sections.CLOSED or (now == sections.CONTACT and not content)


def _date(value) -> str:
    return date_format(value, "d/m/Y") if value else ""
