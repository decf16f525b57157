from django.urls import path

from bereik.followup import config_views, views

app_name = "followup"

urlpatterns = [
    path("dossier/<int:pk>/gesprek/", views.proposal_create, name="proposal_create"),
    path("dossier/<int:pk>/verslag/", views.report_edit, name="report_edit"),
    path("dossier/<int:pk>/rechten/", views.rights_edit, name="rights_edit"),
    path("dossier/<int:pk>/steun/", views.support_create, name="support_create"),
    path("steun/<int:pk>/", views.support_decide, name="support_decide"),
    path("dossier/<int:pk>/doorverwijzen/", views.referral_create, name="referral_create"),
    path("dossier/<int:pk>/energiecel/", views.cell_referral_create, name="cell_referral_create"),
    path("dossier/<int:pk>/overdracht/", views.handover_create, name="handover_create"),
    path("overdracht/<int:pk>/", views.handover_decide, name="handover_decide"),
    path("dossier/<int:pk>/waterscan/", views.water_scan_request, name="water_scan_request"),
    path("waterscan/<int:pk>/", views.water_scan_result, name="water_scan_result"),
    path("dossier/<int:pk>/notitie/", views.note_add, name="note_add"),
    path("dossier/<int:pk>/taak/", views.task_add, name="task_add"),
    path("taak/<int:pk>/afgewerkt/", views.task_done, name="task_done"),
    path("dossier/<int:pk>/document/", views.document_add, name="document_add"),
    path("document/<int:pk>/", views.document_download, name="document_download"),
    path("dossier/<int:pk>/afsluiten/", views.dossier_close, name="dossier_close"),
    path("dossier/<int:pk>/heropenen/", views.dossier_reopen, name="dossier_reopen"),
    path("dossier/<int:pk>/tijdlijn/", views.timeline, name="timeline"),
    path("doorverwijzingen/", views.queue, name="queue"),
    path("doorverwijzing/<int:pk>/aanvaarden/", views.referral_accept, name="referral_accept"),
    path("doorverwijzing/<int:pk>/terugsturen/", views.referral_return, name="referral_return"),
    path("taken/", views.my_tasks, name="my_tasks"),
    path("beheer/", config_views.config_index, name="config_index"),
    path("beheer/<slug:slug>/", config_views.config_list, name="config_list"),
    path("beheer/<slug:slug>/nieuw/", config_views.config_edit, name="config_create"),
    path("beheer/<slug:slug>/<int:pk>/", config_views.config_edit, name="config_edit"),
]
