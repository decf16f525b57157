from django.urls import path

from bereik.outreach import views

app_name = "outreach"

urlpatterns = [
    path("dossier/<int:pk>/poging/", views.attempt_create, name="attempt_create"),
    path("poging/<int:attempt_id>/corrigeren/", views.attempt_correct, name="attempt_correct"),
    path("poging/<int:attempt_id>/schrappen/", views.attempt_withdraw, name="attempt_withdraw"),
    path("dossier/<int:pk>/huisbezoek/", views.visit_create, name="visit_create"),
    path("huisbezoek/<int:visit_id>/annuleren/", views.visit_cancel, name="visit_cancel"),
    path("huisbezoeken/", views.visits, name="visits"),
    path("huisbezoeken/routeblad/", views.visits_route_sheet, name="route_sheet"),
    path("dossier/<int:pk>/brief/<slug:code>/", views.letter_create, name="letter_create"),
    path("brief/<int:letter_id>/download/", views.letter_download, name="letter_download"),
    path("brief/<int:letter_id>/verstuurd/", views.letter_mark_sent, name="letter_mark_sent"),
    path("dossier/<int:pk>/brochure/", views.brochure_handover, name="brochure_handover"),
    path("brieven/reeks/", views.batch_create, name="batch_create"),
    path("brieven/reeks/<int:batch_id>/", views.batch_detail, name="batch_detail"),
    path("brieven/reeks/<int:batch_id>/download/", views.batch_download, name="batch_download"),
    path("sjablonen/", views.templates, name="templates"),
    path("sjablonen/<slug:code>/opladen/", views.template_upload, name="template_upload"),
    path("sjablonen/<slug:code>/download/", views.template_download, name="template_download"),
    path("sjablonen/<slug:code>/standaard/", views.template_restore, name="template_restore"),
    path("brochure/opladen/", views.brochure_upload, name="brochure_upload"),
    path("brochure/", views.brochure_download, name="brochure_download"),
]
