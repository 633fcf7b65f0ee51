"""Open data pages: the datasets under Licence Ouverte 2.0, their exports (column choice), imports
(preview, then all rows or none) and the DCAT catalogue."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import formats
from .catalogue import build_catalogue
from .forms import ExportForm, ImportForm
from .registry import datasets, get_dataset
from .services import dataset_export, dataset_import

SESSION_KEY = "opendata_import"


def _dataset_or_404(key):
    dataset = get_dataset(key)
    if dataset is None:
        raise Http404
    return dataset


def _columns(dataset, user):
    return dataset.resource(user=user).describe_columns()


@require_GET
@login_not_required
def index(request):
    return render(request, "opendata/index.html", {"datasets": datasets(), "licence": formats.LICENCE})


def _dataset_page(request, dataset, form, status=200):
    return render(
        request,
        "opendata/dataset.html",
        {
            "dataset": dataset,
            "columns": _columns(dataset, request.user),
            "form": form,
            "licence": formats.LICENCE,
            "may_import": bool(dataset.import_permission) and request.user.has_perm(dataset.import_permission),
        },
        status=status,
    )


@require_GET
@login_not_required
def dataset_page(request, key):
    dataset = _dataset_or_404(key)
    return _dataset_page(request, dataset, ExportForm(columns=_columns(dataset, request.user)))


@require_GET
@login_not_required
def export(request, key):
    """The file of the rows the visitor may see (anonymous: what is published)."""
    dataset = _dataset_or_404(key)
    form = ExportForm(request.GET, columns=_columns(dataset, request.user))
    if not form.is_valid():
        return _dataset_page(request, dataset, form, status=400)
    exported = dataset_export(
        dataset=dataset,
        user=request.user,
        file_format=form.cleaned_data["format"],
        columns=form.cleaned_data["columns"],
        source_url=request.build_absolute_uri(request.path),
    )
    response = HttpResponse(exported.content, content_type=exported.media_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Link"] = f'<{formats.LICENCE["url"]}>; rel="license"'
    return response


@require_GET
@login_not_required
def schema(request, key):
    """The Table Schema of a dataset's columns (what the catalogue says the files conform to)."""
    dataset = _dataset_or_404(key)
    return JsonResponse(formats.table_schema(str(dataset.title), _columns(dataset, request.user)))


@require_GET
@login_not_required
def catalogue(request):
    body = build_catalogue(absolute=request.build_absolute_uri, anonymous_user=AnonymousUser())
    return JsonResponse(body, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False})


def _storage():
    return FileSystemStorage(location=settings.MEDIA_ROOT / "imports")


@require_http_methods(["GET", "POST"])
def import_page(request, key):
    """Upload a file, see what it would do (new, changed, unchanged rows; errors by line and column),
    then confirm: every row is saved, or none."""
    dataset = _dataset_or_404(key)
    if not dataset.import_permission or not request.user.has_perm(dataset.import_permission):
        raise PermissionDenied
    context = {"dataset": dataset, "columns": _columns(dataset, request.user)}
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, dataset)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = formats.read(upload)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            report = dataset_import(dataset=dataset, user=request.user, table=table, dry_run=True)
            context["report"] = report
            if report.is_valid:
                token = uuid.uuid4().hex
                upload.seek(0)
                extension = upload.name.rsplit(".", 1)[-1].lower()
                storage = _storage()
                previous = request.session.get(SESSION_KEY)
                if previous:  # one pending import per person: the earlier file is no longer needed
                    storage.delete(previous["name"])
                storage.save(f"{token}.{extension}", ContentFile(upload.read()))
                request.session[SESSION_KEY] = {"token": token, "dataset": dataset.key, "name": f"{token}.{extension}"}
                context["token"] = token
    context["form"] = form
    return render(request, "opendata/import.html", context, status=400 if form.errors else 200)


def _confirm(request, dataset):
    pending = request.session.get(SESSION_KEY) or {}
    if pending.get("token") != request.POST.get("token") or pending.get("dataset") != dataset.key:
        messages.error(request, _("Cet import n'est plus en attente : envoyez le fichier à nouveau."))
        return redirect("opendata:import", key=dataset.key)
    storage = _storage()
    with storage.open(pending["name"], "rb") as stored:
        stored.name = pending["name"]
        table = formats.read(stored)
    report = dataset_import(dataset=dataset, user=request.user, table=table, dry_run=False)
    storage.delete(pending["name"])
    del request.session[SESSION_KEY]
    if not report.saved:
        # The data changed since the preview: show the errors, nothing was saved.
        return render(
            request,
            "opendata/import.html",
            {"dataset": dataset, "columns": _columns(dataset, request.user), "form": ImportForm(), "report": report},
            status=400,
        )
    messages.success(
        request,
        _("Import terminé : %(new)d ligne(s) créée(s), %(update)d modifiée(s), %(skip)d inchangée(s).")
        % {key: report.totals.get(key, 0) for key in ("new", "update", "skip")},
    )
    return redirect("opendata:dataset", key=dataset.key)
