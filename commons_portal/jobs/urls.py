from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("demander/", views.job_request, name="request"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/telecharger/", views.job_download, name="download"),
]
