from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import PdfJob


class PdfRequestSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=40, help_text=_("roadmap, restitution, retex-synthesis ou ecosystem"))
    object = serializers.CharField(
        max_length=200, required=False, allow_blank=True, allow_null=True, help_text=_("identifiant ou slug")
    )
    territory = serializers.CharField(
        max_length=20, required=False, allow_blank=True, allow_null=True, help_text=_("R27, A03, D25, national")
    )


class PdfJobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = PdfJob
        fields = [
            "id",
            "kind",
            "parameters",
            "title",
            "status",
            "progress",
            "error",
            "page_count",
            "created_at",
            "started_at",
            "finished_at",
            "url",
            "download_url",
        ]
        read_only_fields = fields

    def get_url(self, job) -> str:
        return reverse("jobs:detail", args=[job.pk])

    def get_download_url(self, job) -> str | None:
        return reverse("jobs:download", args=[job.pk]) if job.status == PdfJob.Status.DONE else None
