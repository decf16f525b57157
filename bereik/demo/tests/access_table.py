"""Who may open which URL: the access table, one row per URL name (docs/architecture.md, "The
access table"; checked by test_access_table.py, one test per URL name and persona).

A row names the object its URL is opened with (a name of access_objects.OBJECT_NAMES: for most
personas someone else's) and the personas allowed; every other persona must be refused (403 or
404). A new URL without a row fails the build: add it here, in its app's block.

The personas are those of bereik/conftest.py, played by the demo's users (access_objects.PERSONAS):
onthaal (Olga), preventiewerker (Pieter), mw (Nele, Sociale Dienst), mw_other (Tom,
Trajectbegeleiding), voorzitter (Vera, LAC chair and social worker), cel (Céline), the
ervaringsdeskundige (Eddy), the diensthoofd (Dirk) and the beheerder (Bea).
"""

from dataclasses import dataclass

from bereik.demo.tests.access_objects import PERSONAS

EVERYONE = frozenset(PERSONAS)
NOBODY = frozenset()
BEHEERDER = frozenset({"beheerder"})


def only(*personas: str) -> frozenset:
    return frozenset(personas)


@dataclass(frozen=True)
class Row:
    """`object`: a name of access_objects.OBJECT_NAMES; `allowed`: the personas who get the page
    (or, `post_only`, whose empty POST passes the access check); everyone else is refused.
    `absent`: the object does not exist (a URL the demo has nothing for): the allowed personas
    get 404 and the others are refused before it is looked up (403). `get_writes`: why this GET
    may change a row (never add one); empty for every URL but a very few."""

    object: str
    allowed: frozenset
    post_only: bool = False
    absent: bool = False
    get_writes: str = ""


# URL names merged while this table was written, still without their rows: their apps' owners
# write them (and then remove the name here). Only these may lack a row; the list can only shrink
# (test_access_table.py fails on a name here that has a row or no longer exists).
AWAITING_ROWS = frozenset()

ROWS = {
    # the project (bereik/urls.py)
    "home": Row("none", EVERYONE),
    "login": Row("none", EVERYONE),
    "logout": Row("none", EVERYONE, post_only=True),
    "password_change": Row("none", EVERYONE),
    "password_change_done": Row("none", EVERYONE),
    "password_reset": Row("none", EVERYONE),
    "password_reset_complete": Row("none", EVERYONE),
    "password_reset_confirm": Row("reset_token", EVERYONE),
    "password_reset_done": Row("none", EVERYONE),
    # accounts
    "accounts:admin_home": Row("none", BEHEERDER),
    "accounts:background_task_retry": Row("task_uuid", BEHEERDER, post_only=True, absent=True),
    "accounts:background_tasks": Row("none", BEHEERDER),
    "accounts:notification_defaults": Row("none", BEHEERDER),
    "accounts:notification_open": Row(
        "notification",
        only("mw"),
        get_writes="following a notification marks it read (the link of a mail is a GET)",
    ),
    "accounts:notification_read": Row("notification", only("mw"), post_only=True),
    "accounts:notification_settings": Row("none", EVERYONE),
    "accounts:notifications": Row("none", EVERYONE),
    "accounts:outbox": Row("none", BEHEERDER),
    "accounts:outbox_mail": Row("mail", BEHEERDER),
    "accounts:outbox_retry": Row("mail", BEHEERDER, post_only=True),
    "accounts:team_create": Row("none", BEHEERDER),
    "accounts:team_edit": Row("team", BEHEERDER),
    "accounts:team_list": Row("none", BEHEERDER),
    "accounts:unsubscribe": Row("unsubscribe_token", EVERYONE),
    "accounts:user_create": Row("none", BEHEERDER),
    "accounts:user_edit": Row("user", BEHEERDER),
    "accounts:user_list": Row("none", BEHEERDER),
    "accounts:user_password": Row("user", BEHEERDER),
    "accounts:user_reset_mail": Row("user", BEHEERDER, post_only=True),
    # audit
    "audit:export": Row("none", BEHEERDER),
    "audit:list": Row("none", BEHEERDER),
    # checklists
    "checklists:checklist_create": Row("none", BEHEERDER),
    "checklists:checklist_edit": Row("checklist", BEHEERDER),
    "checklists:choose": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "checklists:config_index": Row("none", BEHEERDER),
    "checklists:fill": Row(
        "checklist_fill", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "checklists:filled": Row(
        "filled_checklist", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd")
    ),
    "checklists:question_create": Row("question_new", BEHEERDER),
    "checklists:question_edit": Row("question", BEHEERDER),
    "checklists:refer": Row(
        "checklist_answer", only("onthaal", "preventiewerker", "mw", "voorzitter"), post_only=True
    ),
    # clients
    "clients:create": Row(
        "none", only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "beheerder")
    ),
    "clients:detail": Row(
        "client", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd", "beheerder")
    ),
    "clients:edit": Row(
        "client", only("onthaal", "preventiewerker", "mw", "voorzitter", "beheerder")
    ),
    "clients:list": Row(
        "none",
        only(
            "onthaal",
            "preventiewerker",
            "mw",
            "mw_other",
            "voorzitter",
            "cel",
            "diensthoofd",
            "beheerder",
        ),
    ),
    # dossiers
    "dossiers:detail": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd")
    ),
    "dossiers:list": Row(
        "none",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
    ),
    "dossiers:worklist": Row(
        "worklist",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
    ),
    "dossiers:worklist_export": Row(
        "worklist_export",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
    ),
    "dossiers:worklists": Row(
        "none",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
    ),
    # energy
    "energy:minimum_supply": Row(
        "energy_dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "energy:supply_situation": Row(
        "energy_dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    # eviction
    "eviction:action_create": Row("eviction_dossier", only("onthaal", "preventiewerker")),
    "eviction:eviction_date": Row("eviction_dossier", only("onthaal", "preventiewerker")),
    "eviction:hearing": Row("eviction_dossier", only("onthaal", "preventiewerker")),
    "eviction:judgment": Row("eviction_dossier", only("onthaal", "preventiewerker")),
    # experts: the expert's own pages (the demo's proposals are Eddy's), and the dossier's
    "experts:contact": Row("proposal_followed", only("ervaringsdeskundige")),
    "experts:contact_person": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "experts:end": Row("proposal_of_mine", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "experts:home": Row("none", only("ervaringsdeskundige")),
    "experts:household": Row("proposal_followed", only("ervaringsdeskundige")),
    "experts:lac_companion": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "experts:lac_companion_remove": Row(  # the demo's companion goes along for Tom's dossier
        "lac_companion",
        only("onthaal", "preventiewerker", "mw_other", "voorzitter"),
        post_only=True,
    ),
    "experts:outreach": Row("none", only("ervaringsdeskundige")),
    "experts:proposal": Row("proposal_waiting", only("ervaringsdeskundige")),
    "experts:propose": Row("dossier", only("preventiewerker", "mw", "voorzitter")),
    "experts:stop": Row("proposal_followed", only("ervaringsdeskundige"), post_only=True),
    # experts: the guiding questions on the expert's own pages (his own access check)
    "experts:checklist_choose": Row("expert_list_household", only("ervaringsdeskundige")),
    "experts:checklist_fill": Row("expert_list_fill", only("ervaringsdeskundige")),
    "experts:checklist_filled": Row("expert_list_filled", only("ervaringsdeskundige")),
    "experts:checklist_refer": Row(
        "expert_list_answer", only("ervaringsdeskundige"), post_only=True
    ),
    # followup
    "followup:cell_referral_create": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "followup:config_create": Row("config_list", BEHEERDER),
    "followup:config_edit": Row("config_item", BEHEERDER),
    "followup:config_index": Row("none", BEHEERDER),
    "followup:config_list": Row("config_list", BEHEERDER),
    "followup:document_add": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "followup:document_download": Row(
        "document", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd")
    ),
    "followup:dossier_close": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "followup:dossier_reopen": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "followup:handover_create": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "followup:handover_decide": Row("handover", only("onthaal", "preventiewerker", "mw")),
    "followup:my_tasks": Row("none", EVERYONE),
    "followup:note_add": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "followup:proposal_create": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "followup:queue": Row("none", EVERYONE),
    "followup:referral_accept": Row("referral_open", only("mw_other"), post_only=True),
    "followup:referral_create": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "followup:referral_return": Row("referral_open", only("mw_other"), post_only=True),
    "followup:report_edit": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "followup:rights_edit": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "followup:support_create": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "followup:support_decide": Row("support", only("onthaal", "preventiewerker", "mw")),
    "followup:task_add": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "followup:task_done": Row("task", only("onthaal", "preventiewerker", "mw"), post_only=True),
    "followup:timeline": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd")
    ),
    "followup:water_scan_request": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter"), post_only=True
    ),
    "followup:water_scan_result": Row("water_scan", only("onthaal", "preventiewerker", "mw")),
    # intake
    "intake:confirm": Row("import_preview", only("onthaal", "beheerder"), post_only=True),
    "intake:detail": Row("import_document", only("onthaal")),
    "intake:discard": Row("import_preview", only("onthaal", "beheerder"), post_only=True),
    "intake:download": Row("import_document", only("onthaal", "preventiewerker", "diensthoofd")),
    "intake:eviction": Row("none", only("onthaal", "beheerder")),
    "intake:weekly_actions": Row("none", BEHEERDER),
    "intake:history": Row("none", only("onthaal", "beheerder")),
    "intake:kind": Row("import_preview", only("onthaal", "beheerder")),
    "intake:mapping": Row("import_preview", only("onthaal", "beheerder"), post_only=True),
    "intake:preview": Row("import_preview", only("onthaal", "beheerder")),
    "intake:profile_delete": Row("profile", only("onthaal", "beheerder"), post_only=True),
    "intake:profiles": Row("none", only("onthaal", "beheerder")),
    "intake:signal_attachment": Row(
        "signal_attachment", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd")
    ),
    "intake:signal_document": Row(
        "eviction_signal", only("onthaal", "preventiewerker", "diensthoofd")
    ),
    "intake:signal_new": Row(
        "none", only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel")
    ),
    "intake:upload": Row("none", only("onthaal", "beheerder")),
    # lac
    "lac:add_dossier": Row(
        "session", only("onthaal", "preventiewerker", "voorzitter"), post_only=True
    ),
    "lac:add_from_dossier": Row(
        "dossier_to_agenda", only("onthaal", "preventiewerker", "voorzitter"), post_only=True
    ),
    "lac:close": Row("session", only("onthaal"), post_only=True),
    "lac:fill_agenda": Row("none", only("onthaal", "preventiewerker"), post_only=True),
    "lac:index": Row(
        "none",
        only(
            "onthaal",
            "preventiewerker",
            "mw",
            "mw_other",
            "voorzitter",
            "cel",
            "diensthoofd",
            "beheerder",
        ),
    ),
    "lac:invitations": Row(
        "session", only("onthaal", "preventiewerker", "voorzitter"), post_only=True
    ),
    "lac:item_correct": Row("item", only("onthaal", "voorzitter")),
    "lac:item_letter": Row("item_letter", only("onthaal", "voorzitter"), post_only=True),
    "lac:item_move": Row("item", only("onthaal", "preventiewerker", "voorzitter")),
    "lac:item_preparer": Row("item", only("onthaal", "preventiewerker", "voorzitter")),
    "lac:item_record": Row("item", only("onthaal", "voorzitter")),
    "lac:item_remove": Row("item", only("onthaal", "preventiewerker", "voorzitter")),
    "lac:minutes_pdf": Row(
        "session", only("onthaal", "preventiewerker", "voorzitter", "diensthoofd")
    ),
    "lac:my_items": Row("none", EVERYONE),
    "lac:overview_pdf": Row(
        "session", only("onthaal", "preventiewerker", "voorzitter", "diensthoofd")
    ),
    "lac:people": Row("none", BEHEERDER),
    "lac:person_edit": Row("lac_person", BEHEERDER),
    "lac:person_new": Row("none", BEHEERDER),
    "lac:record": Row("session", only("onthaal", "voorzitter")),
    "lac:refresh_preparers": Row(
        "session", only("onthaal", "preventiewerker", "voorzitter"), post_only=True
    ),
    "lac:session": Row(
        "session", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd")
    ),
    "lac:session_day": Row(
        "none",
        only(
            "onthaal",
            "preventiewerker",
            "mw",
            "mw_other",
            "voorzitter",
            "cel",
            "diensthoofd",
            "beheerder",
        ),
    ),
    "lac:session_edit": Row("session", only("onthaal", "preventiewerker", "voorzitter")),
    "lac:session_letters": Row("session_letters", only("onthaal", "voorzitter"), post_only=True),
    "lac:session_new": Row("none", only("onthaal", "preventiewerker")),
    # organisation
    "organisation:companies": Row("none", BEHEERDER),
    "organisation:company_create": Row("none", BEHEERDER),
    "organisation:company_edit": Row("company", BEHEERDER),
    "organisation:company_set_active": Row("company", BEHEERDER, post_only=True),
    "organisation:logo": Row("none", EVERYONE, absent=True),
    "organisation:municipalities": Row("none", BEHEERDER),
    "organisation:municipality_remove": Row("municipality", BEHEERDER, post_only=True),
    "organisation:settings": Row("none", BEHEERDER),
    # outreach
    "outreach:attempt_correct": Row(
        "attempt", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "outreach:attempt_create": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "outreach:attempt_withdraw": Row(
        "attempt", only("onthaal", "preventiewerker", "mw", "voorzitter"), post_only=True
    ),
    "outreach:batch_create": Row("none", EVERYONE, post_only=True),
    "outreach:batch_detail": Row(
        "letter_batch", only("onthaal", "preventiewerker", "voorzitter", "diensthoofd")
    ),
    "outreach:batch_download": Row(
        "letter_batch", only("onthaal", "preventiewerker", "voorzitter", "diensthoofd")
    ),
    "outreach:brochure_download": Row("none", EVERYONE),
    "outreach:brochure_handover": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter"), post_only=True
    ),
    "outreach:brochure_upload": Row("none", BEHEERDER, post_only=True),
    "outreach:letter_create": Row(
        "letter_type", only("onthaal", "preventiewerker", "mw", "voorzitter")
    ),
    "outreach:letter_download": Row(
        "letter", only("onthaal", "preventiewerker", "mw", "voorzitter", "diensthoofd")
    ),
    "outreach:letter_mark_sent": Row(
        "letter", only("onthaal", "preventiewerker", "mw", "voorzitter"), post_only=True
    ),
    "outreach:route_sheet": Row("none", EVERYONE),
    "outreach:template_download": Row("template", BEHEERDER),
    "outreach:template_restore": Row("template", BEHEERDER, post_only=True),
    "outreach:template_upload": Row("template", BEHEERDER, post_only=True),
    "outreach:templates": Row("none", BEHEERDER),
    "outreach:visit_cancel": Row(
        "visit", only("onthaal", "preventiewerker", "mw", "voorzitter"), post_only=True
    ),
    "outreach:visit_create": Row("dossier", only("onthaal", "preventiewerker", "mw", "voorzitter")),
    "outreach:visits": Row("none", EVERYONE),
    # reports
    "reports:index": Row("none", only("preventiewerker", "voorzitter", "diensthoofd", "beheerder")),
    "reports:experts": Row(  # an expert: their own figures
        "none", only("ervaringsdeskundige", "diensthoofd", "beheerder")
    ),
    "reports:yearly_overview": Row(
        "year", only("preventiewerker", "voorzitter", "diensthoofd", "beheerder")
    ),
    # privacy: the beheerder's pages (a person's export asks a reason)
    "privacy:access": Row("none", BEHEERDER),
    "privacy:person": Row("privacy_person", BEHEERDER),
    "privacy:retention": Row("none", BEHEERDER),
    # screens: the Beheer pages, and what a waiting room's screen shows by its secret link
    "screens:display": Row("screen_token", EVERYONE),
    "screens:image": Row("screen_image", EVERYONE),
    "screens:message_create": Row("none", BEHEERDER),
    "screens:message_delete": Row("screen_message", BEHEERDER, post_only=True),
    "screens:message_edit": Row("screen_message", BEHEERDER),
    "screens:message_image": Row("screen_message", BEHEERDER),
    "screens:messages": Row("none", BEHEERDER),
    "screens:screen_create": Row("none", BEHEERDER),
    "screens:screen_delete": Row("screen", BEHEERDER, post_only=True),
    "screens:screen_edit": Row("screen", BEHEERDER),
    "screens:screen_renew": Row("screen", BEHEERDER, post_only=True),
    "screens:screen_revoke": Row("screen", BEHEERDER, post_only=True),
    "screens:screens": Row("none", BEHEERDER),
    "screens:slides": Row("screen_token", EVERYONE),
    # signin
    "signin:admin": Row("none", BEHEERDER),
    "signin:admin_reset": Row("user", BEHEERDER),
    "signin:admin_unlock": Row("none", BEHEERDER, post_only=True),
    "signin:enrol": Row(
        "none",
        EVERYONE,
        get_writes="the session keeps the new app's secret until a code proves it was set up",
    ),
    "signin:oidc_callback": Row("none", EVERYONE, absent=True),
    "signin:oidc_start": Row("none", EVERYONE, absent=True),
    "signin:recovery_codes": Row("none", EVERYONE),
    "signin:renew_recovery_codes": Row("none", EVERYONE, post_only=True),
    "signin:security": Row("none", EVERYONE),
    "signin:verify": Row("none", EVERYONE),
    # triage
    "triage:assign": Row(
        "dossier", only("onthaal", "preventiewerker", "diensthoofd"), post_only=True
    ),
    "triage:bulk_assign": Row(
        "none", only("onthaal", "preventiewerker", "diensthoofd"), post_only=True
    ),
    "triage:change_route": Row("dossier", only("onthaal", "preventiewerker"), post_only=True),
    "triage:create_from_dossier": Row(
        "dossier", only("onthaal", "preventiewerker"), post_only=True
    ),
    "triage:line_confirm": Row(
        "line_match_client", only("onthaal", "preventiewerker"), post_only=True, absent=True
    ),
    "triage:line_none": Row(
        "line_match", only("onthaal", "preventiewerker"), post_only=True, absent=True
    ),
    "triage:line_queue": Row("none", only("onthaal", "preventiewerker")),
    "triage:match_all": Row("none", only("onthaal", "preventiewerker"), post_only=True),
    "triage:match_confirm": Row("candidate", only("onthaal", "preventiewerker"), post_only=True),
    "triage:match_dossier": Row("dossier", only("onthaal", "preventiewerker"), post_only=True),
    "triage:match_manual": Row("dossier", only("onthaal", "preventiewerker"), post_only=True),
    "triage:match_new": Row("dossier", only("onthaal", "preventiewerker"), post_only=True),
    "triage:match_reject": Row("candidate", only("onthaal", "preventiewerker"), post_only=True),
    "triage:match_unlink": Row("dossier", only("onthaal", "preventiewerker"), post_only=True),
    "triage:record_consultation": Row(
        "consultation", only("onthaal", "preventiewerker"), post_only=True
    ),
    # weekly: the weekly report (its readers: the followers, onthaal and the diensthoofd)
    "weekly:decide": Row(  # the suggestions are one shared list for the report's writers
        "scan_suggestion",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel"),
        post_only=True,
    ),
    "weekly:suggestions": Row(
        "none",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
    ),
    "weekly:water_usage": Row(
        "dossier", only("onthaal", "preventiewerker", "mw", "voorzitter"), post_only=True
    ),
    "weekly:week": Row(
        "week",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
    ),
    "weekly:mark_read": Row(
        "week",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
        post_only=True,
    ),
    "weekly:weeks": Row(
        "none",
        only("onthaal", "preventiewerker", "mw", "mw_other", "voorzitter", "cel", "diensthoofd"),
    ),
}
