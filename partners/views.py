"""Pages of the partner ecosystem. Thin: reads through QuerySets, writes through services,
permissions through `user.has_perm` (rules in perms.py)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commons_portal import permissions as p
from commons_portal.accounts.models import Role
from commons_portal.accounts.services import invitation_create
from commons_portal.core.caching import cached_page
from commons_portal.territories.models import Territory

from . import services
from .ecosystem import graph_data, map_data
from .forms import (
    AdoptionForm,
    CommonsForm,
    ContactForm,
    DirectoryFilterForm,
    DocumentForm,
    InviteMemberForm,
    OrganisationForm,
    PartnershipForm,
    PartyForm,
)
from .models import Commons, Contact, Organisation, Partnership, PartnershipDocument, PartnershipParty

PAGE_SIZE = 20


def _require(request, permission: str, obj=None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _form_page(request, form, *, title: str, submit: str, intro: str = "", template="partners/form_page.html", **extra):
    return render(
        request,
        template,
        {"form": form, "page_title": title, "submit_label": submit, "intro": intro, **extra},
        status=400 if form.is_bound and form.errors else 200,
    )


def _add_service_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- directory and organisations ----------------------------------------------------------------


@require_GET
@login_not_required
@cached_page("partners:directory")
def directory(request):
    filters = DirectoryFilterForm(request.GET or None)
    organisations = Organisation.objects.with_list_related_data()
    if filters.is_valid():
        data = filters.cleaned_data
        organisations = organisations.search(data["q"])
        if data["kind"]:
            organisations = organisations.filter(kind=data["kind"])
        if data["territory"] and not data["territory"].is_national:
            organisations = organisations.in_territory(data["territory"])
        elif data["territory"]:
            organisations = organisations.filter(territories=data["territory"])
        if data["commons"]:
            organisations = organisations.using_commons(data["commons"])
    page = Paginator(organisations.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "can_add": request.user.has_perm("partners.add_organisation"),
    }
    return render(request, "partners/directory.html", context)


@require_GET
@login_not_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.with_list_related_data(), slug=slug)
    abilities = organisation.get_abilities(request.user)
    parties = (
        PartnershipParty.objects.filter(organisation=organisation)
        .select_related("partnership", "partnership__territory")
        .order_by("-partnership__start_date")
    )
    context = {
        "organisation": organisation,
        "abilities": abilities,
        "parties": parties,
        "stewarded": organisation.stewarded_commons.all(),
        "used": organisation.used_commons.all(),
        "adoptions": organisation.adoptions.select_related("commons", "territory"),
        "led_programmes": _optional_related(organisation, "led_programmes", request.user),
        "contributed_programmes": _optional_related(organisation, "contributed_programmes", request.user),
        "retex_reports": _optional_related(organisation, "retex_reports", request.user),
        "contacts": Contact.objects.visible_to(request.user).filter(organisation=organisation)
        if abilities["view_contacts"]
        else [],
        "members": organisation.memberships.filter(role=Role.PARTNER).select_related("user")
        if abilities["invite"]
        else [],
        "invite_form": InviteMemberForm() if abilities["invite"] else None,
    }
    return render(request, "partners/organisation_detail.html", context)


def _optional_related(obj, name: str, user):
    """Objects other apps link to organisations and commons (programmes, RETEX), when those apps declare
    the relation, restricted to what `user` may see: the model's own `visible_to(user)`, or that of its
    roadmap. None when the relation does not exist."""
    if not hasattr(obj, name):
        return None
    queryset = getattr(obj, name).all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(user)
    else:
        try:
            parent = queryset.model._meta.get_field("roadmap").related_model
        except FieldDoesNotExist:
            return None
        queryset = queryset.filter(roadmap__in=parent.objects.visible_to(user)).select_related("roadmap")
    return list(queryset[:50])


@require_http_methods(["GET", "POST"])
def organisation_create(request):
    _require(request, "partners.add_organisation")
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            organisation = services.organisation_create(user=request.user, **data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("L'organisation « %(name)s » est créée.") % {"name": organisation.name})
            return redirect(organisation)
    return _form_page(request, form, title=_("Créer une organisation"), submit=_("Créer l'organisation"))


@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    _require(request, "partners.change_organisation", organisation)
    restricted = not (
        p.is_national_admin(request.user) or p.administers_any(request.user, organisation.territories.all())
    )
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user, restricted=restricted)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields if name != "version"}
        try:
            organisation = services.organisation_update(
                organisation=organisation,
                user=request.user,
                expected_version=form.cleaned_data.get("version"),
                **data,
            )
        except services.StaleVersionError as error:
            form.mark_stale(error)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("La fiche de l'organisation est enregistrée."))
            return redirect(organisation)
    return _form_page(
        request,
        form,
        title=_("Modifier la fiche « %(name)s »") % {"name": organisation.name},
        submit=_("Enregistrer"),
        cancel_url=organisation.get_absolute_url(),
    )


@require_POST
def organisation_invite(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    _require(request, "partners.invite_member", organisation)
    form = InviteMemberForm(request.POST)
    if form.is_valid():
        invitation_create(
            email=form.cleaned_data["email"],
            role=Role.PARTNER,
            organisation=organisation,
            message=form.cleaned_data["message"],
            invited_by=request.user,
        )
        messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect(organisation)
    return _form_page(
        request,
        form,
        title=_("Inviter un membre de « %(name)s »") % {"name": organisation.name},
        submit=_("Envoyer l'invitation"),
        action=request.path,
        cancel_url=organisation.get_absolute_url(),
    )


# --- contact persons ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contact_create(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    _require(request, "partners.add_contact", organisation)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_create(organisation=organisation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("La personne à contacter est enregistrée."))
            return redirect(organisation)
    return _form_page(
        request,
        form,
        title=_("Ajouter une personne à contacter"),
        submit=_("Enregistrer"),
        intro=_(
            "Ces coordonnées sont des données personnelles : elles ne sont visibles que des équipes connectées, "
            "conservées pour la finalité indiquée, et effacées à la demande de la personne."
        ),
        cancel_url=organisation.get_absolute_url(),
    )


@require_POST
def contact_erase(request, pk):
    contact = get_object_or_404(Contact.objects.select_related("organisation"), pk=pk)
    _require(request, "partners.delete_contact", contact)
    organisation = contact.organisation
    services.contact_erase(contact=contact, user=request.user)
    messages.success(request, _("Les coordonnées de la personne sont effacées, historique compris."))
    return redirect(organisation)


@require_GET
def contact_export(request, pk):
    contact = get_object_or_404(Contact.objects.select_related("organisation"), pk=pk)
    _require(request, "partners.view_contact", contact)
    body = json.dumps(services.contact_export(contact=contact), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


# --- partnerships -------------------------------------------------------------------------------


@require_GET
@login_not_required
@cached_page("partners:partnership_list")
def partnership_list(request):
    partnerships = Partnership.objects.with_list_related_data()
    page = Paginator(partnerships.order_by("-start_date", "title", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/partnership_list.html",
        {"page": page, "can_add": request.user.has_perm("partners.add_partnership")},
    )


@require_GET
@login_not_required
@cached_page("partners:partnership_detail")
def partnership_detail(request, slug):
    partnership = get_object_or_404(
        Partnership.objects.select_related("territory").prefetch_related(
            Prefetch("parties", queryset=PartnershipParty.objects.select_related("organisation")), "ambitions"
        ),
        slug=slug,
    )
    abilities = partnership.get_abilities(request.user)
    abilities["documents"] = request.user.has_perm("partners.view_partnershipdocument", partnership)
    context = {
        "partnership": partnership,
        "abilities": abilities,
        "documents": partnership.documents.all() if abilities["documents"] else [],
        "party_form": PartyForm() if abilities["change"] else None,
        "document_form": DocumentForm() if abilities["change"] else None,
    }
    return render(request, "partners/partnership_detail.html", context)


@require_http_methods(["GET", "POST"])
def partnership_create(request):
    _require(request, "partners.add_partnership")
    form = PartnershipForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PartnershipForm.Meta.fields}
        parties = [(organisation, _("Signataire")) for organisation in form.cleaned_data.get("parties") or []]
        try:
            partnership = services.partnership_create(
                user=request.user, ambitions=form.ambitions, parties=parties, **data
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("La convention est créée."))
            return redirect(partnership)
    return _form_page(request, form, title=_("Créer une convention"), submit=_("Créer la convention"))


@require_http_methods(["GET", "POST"])
def partnership_edit(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    _require(request, "partners.change_partnership", partnership)
    form = PartnershipForm(request.POST or None, instance=partnership, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PartnershipForm.Meta.fields}
        try:
            partnership = services.partnership_update(
                partnership=partnership,
                user=request.user,
                expected_version=form.cleaned_data.get("version"),
                ambitions=form.ambitions,
                **data,
            )
        except services.StaleVersionError as error:
            form.mark_stale(error)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("La convention est enregistrée."))
            return redirect(partnership)
    return _form_page(
        request,
        form,
        title=_("Modifier la convention"),
        submit=_("Enregistrer"),
        cancel_url=partnership.get_absolute_url(),
    )


@require_POST
def partnership_party_add(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    _require(request, "partners.change_partnership", partnership)
    form = PartyForm(request.POST)
    if form.is_valid():
        try:
            services.partnership_party_add(partnership=partnership, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("La partie est ajoutée à la convention."))
            return redirect(partnership)
    return _form_page(
        request,
        form,
        title=_("Ajouter une partie à la convention"),
        submit=_("Ajouter"),
        action=request.path,
        cancel_url=partnership.get_absolute_url(),
    )


@require_POST
def partnership_party_remove(request, pk):
    party = get_object_or_404(PartnershipParty.objects.select_related("partnership"), pk=pk)
    _require(request, "partners.change_partnership", party.partnership)
    services.partnership_party_remove(party=party, user=request.user)
    messages.success(request, _("La partie est retirée de la convention."))
    return redirect(party.partnership)


@require_POST
def document_upload(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    _require(request, "partners.change_partnership", partnership)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.partnership_document_add(
                partnership=partnership,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                user=request.user,
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Le document est ajouté."))
            return redirect(partnership)
    return _form_page(
        request,
        form,
        title=_("Ajouter un document à la convention"),
        submit=_("Déposer le document"),
        action=request.path,
        multipart=True,
        cancel_url=partnership.get_absolute_url(),
    )


@require_GET
def document_download(request, pk):
    document = get_object_or_404(PartnershipDocument.objects.select_related("partnership"), pk=pk)
    _require(request, "partners.view_partnershipdocument", document.partnership)
    # Documents are 10 MB at most: read at once, the file is closed before the response leaves.
    with document.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def document_delete(request, pk):
    document = get_object_or_404(PartnershipDocument.objects.select_related("partnership"), pk=pk)
    _require(request, "partners.change_partnership", document.partnership)
    services.partnership_document_delete(document=document, user=request.user)
    messages.success(request, _("Le document est supprimé."))
    return redirect(document.partnership)


# --- commons ------------------------------------------------------------------------------------


@require_GET
@login_not_required
@cached_page("partners:commons_list")
def commons_list(request):
    commons = Commons.objects.with_list_related_data()
    territory = None
    code = request.GET.get("territory", "")
    if code:
        territory = Territory.objects.filter(code=code).first()
        if territory is not None:
            commons = commons.filter(adoptions__territory__path__startswith=territory.path).distinct()
    commons = commons.search(request.GET.get("q", ""))
    page = Paginator(commons.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/commons_list.html",
        {
            "page": page,
            "territory": territory,
            "q": request.GET.get("q", ""),
            "can_add": request.user.has_perm("partners.add_commons"),
        },
    )


@require_GET
@login_not_required
@cached_page("partners:commons_detail")
def commons_detail(request, slug):
    commons = get_object_or_404(Commons, slug=slug)
    abilities = commons.get_abilities(request.user)
    abilities["adopt"] = request.user.has_perm("partners.adopt_commons")
    context = {
        "commons": commons,
        "abilities": abilities,
        "stewards": commons.steward_organisations.all(),
        "users": commons.user_organisations.all(),
        "adoptions": commons.adoptions.select_related("territory", "organisation"),
        "programmes": _optional_related(commons, "programmes", request.user),
        "retex_reports": _optional_related(commons, "retex_reports", request.user),
    }
    return render(request, "partners/commons_detail.html", context)


@require_http_methods(["GET", "POST"])
def commons_create(request):
    _require(request, "partners.add_commons")
    form = CommonsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CommonsForm.Meta.fields}
        try:
            commons = services.commons_create(user=request.user, **data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Le commun « %(name)s » est ajouté au catalogue.") % {"name": commons.name})
            return redirect(commons)
    return _form_page(request, form, title=_("Ajouter un commun numérique"), submit=_("Ajouter au catalogue"))


@require_http_methods(["GET", "POST"])
def commons_edit(request, slug):
    commons = get_object_or_404(Commons, slug=slug)
    _require(request, "partners.change_commons", commons)
    form = CommonsForm(request.POST or None, instance=commons)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CommonsForm.Meta.fields}
        try:
            commons = services.commons_update(
                commons=commons, user=request.user, expected_version=form.cleaned_data.get("version"), **data
            )
        except services.StaleVersionError as error:
            form.mark_stale(error)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Le commun est enregistré."))
            return redirect(commons)
    return _form_page(
        request, form, title=_("Modifier le commun"), submit=_("Enregistrer"), cancel_url=commons.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
def adoption_create(request, slug):
    commons = get_object_or_404(Commons, slug=slug)
    _require(request, "partners.adopt_commons")
    form = AdoptionForm(request.POST or None, user=request.user, commons=commons)
    if request.method == "POST" and form.is_valid():
        try:
            services.commons_adoption_record(commons=commons, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("L'adoption est enregistrée."))
            return redirect(commons)
    return _form_page(
        request,
        form,
        title=_("Déclarer l'adoption de « %(name)s » par un territoire") % {"name": commons.name},
        submit=_("Enregistrer l'adoption"),
        cancel_url=commons.get_absolute_url(),
    )


# --- map and graph ------------------------------------------------------------------------------


@require_GET
@login_not_required
@cached_page("partners:ecosystem_map")
def ecosystem_map(request):
    data = map_data(request.GET.get("mesure", "organisations"))
    return render(request, "partners/map.html", {"map": data})


@require_GET
@login_not_required
def ecosystem_graph(request):
    territory = Territory.objects.filter(code=request.GET.get("territory", "")).first()
    kind = request.GET.get("kind", "")
    if kind not in Organisation.Kind.values:
        kind = ""
    data = graph_data(territory=territory, kind=kind)
    context = {
        "graph": data,
        "territories": Territory.objects.filter(level__in=[Territory.Level.NATIONAL, Territory.Level.REGION]),
        "selected_territory": territory.code if territory else "",
        "selected_kind": kind,
        "kinds": Organisation.Kind.choices,
    }
    return render(request, "partners/graph.html", context)
