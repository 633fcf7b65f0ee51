from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue.jsonld", views.catalogue, name="catalogue"),
    path("<slug:key>/", views.dataset_page, name="dataset"),
    path("<slug:key>/export/", views.export, name="export"),
    path("<slug:key>/schema.json", views.schema, name="schema"),
    path("<slug:key>/import/", views.import_page, name="import"),
]
