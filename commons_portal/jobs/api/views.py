"""PDF syntheses in the API: ask for one (`POST /api/v1/syntheses/`), follow it, list one's own. The
file itself is downloaded from the page's link, which checks the same permission."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from commons_portal.api.registry import register_viewset

from ..models import PdfJob
from ..registry import PdfInputError
from ..services import pdf_job_may_view, pdf_job_request
from .serializers import PdfJobSerializer, PdfRequestSerializer


class PdfJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """PDF syntheses: roadmap document, session restitution, RETEX synthesis, partner ecosystem report."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PdfJobSerializer

    def get_queryset(self):
        if self.action == "list":
            return PdfJob.objects.requested_by(self.request.user).order_by("-created_at", "-pk")
        return PdfJob.objects.all()

    def get_object(self):
        job = super().get_object()
        if not pdf_job_may_view(job, self.request.user):
            raise Http404
        return job

    def get_serializer_class(self):
        return PdfRequestSerializer if self.action == "create" else PdfJobSerializer

    @extend_schema(request=PdfRequestSerializer, responses={201: PdfJobSerializer, 200: PdfJobSerializer})
    def create(self, request, *args, **kwargs):
        """Answer 201 with a new job, or 200 with the job that already answers this content."""
        incoming = PdfRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            job = pdf_job_request(
                kind=data["kind"],
                object_ref=data.get("object"),
                territory_code=data.get("territory"),
                user=request.user,
            )
        except PdfInputError as error:
            raise ValidationError({error.field or "non_field_errors": [error.message]}) from None
        except PermissionDenied as error:
            raise ApiPermissionDenied(str(error)) from None
        created = job.created_by_this_request
        return Response(PdfJobSerializer(job).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


register_viewset("syntheses", PdfJobViewSet, basename="pdfjob")
