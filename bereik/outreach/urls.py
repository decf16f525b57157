from django.urls import path

from bereik.outreach.views import attempts, batches, letters, templates, visits

app_name = "outreach"

urlpatterns = [
    path("dossier/<int:pk>/poging/", attempts.attempt_create, name="attempt_create"),
    path("poging/<int:attempt_id>/corrigeren/", attempts.attempt_correct, name="attempt_correct"),
    path("poging/<int:attempt_id>/schrappen/", attempts.attempt_withdraw, name="attempt_withdraw"),
    path("dossier/<int:pk>/huisbezoek/", visits.visit_create, name="visit_create"),
    path("huisbezoek/<int:visit_id>/annuleren/", visits.visit_cancel, name="visit_cancel"),
    path("huisbezoeken/", visits.visits, name="visits"),
    path("huisbezoeken/routeblad/", visits.visits_route_sheet, name="route_sheet"),
    path("dossier/<int:pk>/brief/<slug:code>/", letters.letter_create, name="letter_create"),
    path("brief/<int:letter_id>/download/", letters.letter_download, name="letter_download"),
    path("brief/<int:letter_id>/verstuurd/", letters.letter_mark_sent, name="letter_mark_sent"),
    path("dossier/<int:pk>/brochure/", templates.brochure_handover, name="brochure_handover"),
    path("brieven/reeks/", batches.batch_create, name="batch_create"),
    path("brieven/reeks/<int:batch_id>/", batches.batch_detail, name="batch_detail"),
    path("brieven/reeks/<int:batch_id>/download/", batches.batch_download, name="batch_download"),
    path("sjablonen/", templates.templates, name="templates"),
    path("sjablonen/<slug:code>/opladen/", templates.template_upload, name="template_upload"),
    path("sjablonen/<slug:code>/download/", templates.template_download, name="template_download"),
    path("sjablonen/<slug:code>/standaard/", templates.template_restore, name="template_restore"),
    path("brochure/opladen/", templates.brochure_upload, name="brochure_upload"),
    path("brochure/", templates.brochure_download, name="brochure_download"),
]
