from django.urls import path

from . import views

app_name = "retex"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("mes-retex/", views.my_reports, name="my_reports"),
    path("a-relire/", views.review_queue, name="review_queue"),
    path("inviter/", views.invite_partner, name="invite_partner"),
    path("retex/nouveau/", views.report_create, name="report_create"),
    path("retex/<int:pk>/", views.report_detail, name="report_detail"),
    path("retex/<int:pk>/etape/<slug:step>/", views.report_step, name="report_step"),
    path("retex/<int:pk>/nouvelle-version/", views.report_revise, name="report_revise"),
    path("retex/<int:pk>/relecture/", views.report_review, name="report_review"),
    path("retex/<int:pk>/essaimage/", views.report_adoption, name="report_adoption"),
    path("retex/<int:pk>/pieces-jointes/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path(
        "retex/<int:pk>/pieces-jointes/<int:attachment_pk>/retirer/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("evenements/", views.event_list, name="event_list"),
    path("evenements/nouveau/", views.event_create, name="event_create"),
    path("evenements/<slug:slug>/", views.event_detail, name="event_detail"),
    path("evenements/<slug:slug>/nouvelle-session/", views.session_create, name="session_create"),
    path("sessions/<slug:slug>/", views.session_detail, name="session_detail"),
    path("sessions/<slug:slug>/valider/", views.session_approve, name="session_approve"),
    path("sessions/<slug:slug>/compte-rendu/", views.session_record, name="session_record"),
    path("sessions/<slug:slug>/compte-rendu/<slug:section>/", views.record_add, name="record_add"),
    path("sessions/<slug:slug>/compte-rendu/<slug:section>/<int:record_pk>/", views.record_edit, name="record_edit"),
    path(
        "sessions/<slug:slug>/compte-rendu/<slug:section>/<int:record_pk>/supprimer/",
        views.record_delete,
        name="record_delete",
    ),
    path("sessions/<slug:slug>/plan-action/<int:item_pk>/promouvoir/", views.action_promote, name="action_promote"),
]
