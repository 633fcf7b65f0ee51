from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("organisations/nouvelle/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/modifier/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/inviter/", views.organisation_invite, name="organisation_invite"),
    path("organisations/<slug:slug>/contacts/nouveau/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/effacer/", views.contact_erase, name="contact_erase"),
    path("contacts/<int:pk>/donnees.json", views.contact_export, name="contact_export"),
    path("conventions/", views.partnership_list, name="partnership_list"),
    path("conventions/nouvelle/", views.partnership_create, name="partnership_create"),
    path("conventions/<slug:slug>/", views.partnership_detail, name="partnership_detail"),
    path("conventions/<slug:slug>/modifier/", views.partnership_edit, name="partnership_edit"),
    path("conventions/<slug:slug>/parties/", views.partnership_party_add, name="party_add"),
    path("parties/<int:pk>/retirer/", views.partnership_party_remove, name="party_remove"),
    path("conventions/<slug:slug>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("documents/<int:pk>/supprimer/", views.document_delete, name="document_delete"),
    path("communs/", views.commons_list, name="commons_list"),
    path("communs/nouveau/", views.commons_create, name="commons_create"),
    path("communs/<slug:slug>/", views.commons_detail, name="commons_detail"),
    path("communs/<slug:slug>/modifier/", views.commons_edit, name="commons_edit"),
    path("communs/<slug:slug>/adoptions/", views.adoption_create, name="adoption_create"),
    path("carte/", views.ecosystem_map, name="map"),
    path("graphe/", views.ecosystem_graph, name="graph"),
]
