from django.urls import path

from . import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.roadmap_list, name="list"),
    path("nouvelle/", views.roadmap_create, name="create"),
    path("importer/", views.roadmap_import, name="import"),
    path("importer/modele.md", views.import_model, name="import_model"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("vue-nationale/", views.national_view, name="national"),
    path("<slug:slug>/", views.roadmap_detail, name="detail"),
    path("<slug:slug>/edition/", views.roadmap_edit, name="edit"),
    path("<slug:slug>/supprimer/", views.roadmap_delete, name="delete"),
    path("<slug:slug>/nouvelle-version/", views.roadmap_new_version, name="new_version"),
    path("<slug:slug>/statut/<str:transition>/", views.roadmap_transition, name="transition"),
    path("<slug:slug>/comparer/", views.roadmap_compare, name="compare"),
    path("<slug:slug>/historique/", views.roadmap_history, name="history"),
    path("<slug:slug>/historique/<str:kind>/<int:pk>/", views.roadmap_history, name="object_history"),
    path("<slug:slug>/indicateurs/<int:pk>/", views.indicator_detail, name="indicator"),
    path("<slug:slug>/indicateurs/<int:pk>/valeurs/", views.indicator_value_add, name="indicator_value_add"),
    path(
        "<slug:slug>/indicateurs/<int:pk>/valeurs/<int:value_pk>/supprimer/",
        views.indicator_value_delete,
        name="indicator_value_delete",
    ),
    path("<slug:slug>/<str:kind>/ajouter/", views.object_add, name="object_add"),
    path("<slug:slug>/<str:kind>/<int:pk>/modifier/", views.object_edit, name="object_edit"),
    path("<slug:slug>/<str:kind>/<int:pk>/supprimer/", views.object_delete, name="object_delete"),
    path("<slug:slug>/<str:kind>/<int:pk>/deplacer/", views.object_move, name="object_move"),
]
