"""Ask for a synthesis, follow it (htmx polling, or a refresh link without JavaScript), download it."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .forms import PdfRequestForm
from .models import PdfJob
from .registry import PdfInputError, get_kind
from .services import pdf_job_may_view, pdf_job_request, pdf_jobs_fail_stuck

LIST_SIZE = 50


def _kind_label(name: str) -> str:
    try:
        return get_kind(name).label
    except PdfInputError:
        return name


@require_GET
def job_list(request):
    """The syntheses the person asked for, newest first."""
    if not request.user.has_perm("jobs.request_pdf"):
        raise PermissionDenied
    jobs = list(PdfJob.objects.requested_by(request.user).with_list_related_data()[:LIST_SIZE])
    for job in jobs:
        job.kind_label = _kind_label(job.kind)
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@require_http_methods(["GET", "POST"])
def job_request(request):
    """The request form; links elsewhere in the portal prefill it (?kind=roadmap&object=bfc-2017-2020)."""
    if not request.user.has_perm("jobs.request_pdf"):
        raise PermissionDenied
    if request.method == "POST":
        form = PdfRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                job = pdf_job_request(
                    kind=data["kind"],
                    object_ref=data["object_ref"],
                    territory_code=data["territory"],
                    user=request.user,
                )
            except PdfInputError as error:
                form.add_error_from(error)
            else:
                return redirect("jobs:detail", pk=job.pk)
    else:
        initial = {"kind": request.GET.get("kind", ""), "object_ref": request.GET.get("object", "")}
        initial["territory"] = request.GET.get("territory", "")
        form = PdfRequestForm(initial=initial)
    return render(
        request,
        "jobs/job_request.html",
        {"form": form, "page_title": _("Demander une synthèse PDF"), "submit_label": _("Lancer la production")},
    )


def _visible_job(request, pk) -> PdfJob:
    job = get_object_or_404(PdfJob.objects.with_list_related_data(), pk=pk)
    if not pdf_job_may_view(job, request.user):
        raise PermissionDenied
    return job


@require_GET
def job_detail(request, pk):
    """The job page; htmx asks for its status fragment every two seconds until the job is finished."""
    job = _visible_job(request, pk)
    if not job.is_finished and pdf_jobs_fail_stuck():
        job.refresh_from_db()
    job.kind_label = _kind_label(job.kind)
    template = "jobs/job_detail.html#status" if request.htmx else "jobs/job_detail.html"
    return render(request, template, {"job": job})


@require_GET
def job_download(request, pk):
    job = _visible_job(request, pk)
    if job.status != PdfJob.Status.DONE or not job.output:
        raise Http404(_("Ce document n'est pas (ou plus) disponible."))
    try:
        handle = job.output.open("rb")
    except FileNotFoundError:
        raise Http404(_("Ce document n'est pas (ou plus) disponible.")) from None
    return FileResponse(handle, as_attachment=True, filename=job.filename, content_type="application/pdf")
