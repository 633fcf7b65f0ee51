"""The partner ecosystem's open datasets: organisations and commons (export and import), conventions
(export). None of them carries personal data (contact persons are never exported here)."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from commons_portal.opendata.registry import Dataset, register_dataset
from commons_portal.opendata.tabular import CodesWidget, PortalResource
from commons_portal.territories.models import Territory

from .models import Commons, Organisation, Partnership


class OrganisationResource(PortalResource):
    territories = fields.Field(
        attribute="territories", column_name="territories", widget=CodesWidget(Territory, field="code")
    )

    class Meta(PortalResource.Meta):
        model = Organisation
        fields = ("slug", "name", "acronym", "kind", "siren", "siret", "website", "description", "territories")
        export_order = fields
        import_id_fields = ("slug",)


class CommonsResource(PortalResource):
    steward_organisations = fields.Field(
        attribute="steward_organisations",
        column_name="steward_organisations",
        widget=CodesWidget(Organisation, field="slug"),
    )

    class Meta(PortalResource.Meta):
        model = Commons
        fields = (
            "slug",
            "name",
            "description",
            "licence",
            "repository_url",
            "website",
            "steward_community",
            "steward_organisations",
            "maturity",
        )
        export_order = fields
        import_id_fields = ("slug",)


class PartnershipResource(PortalResource):
    territory = fields.Field(
        attribute="territory", column_name="territory", widget=widgets.ForeignKeyWidget(Territory, field="code")
    )

    class Meta(PortalResource.Meta):
        model = Partnership
        fields = ("slug", "title", "kind", "status", "territory", "start_date", "end_date", "description")
        export_order = fields
        import_id_fields = ("slug",)


register_dataset(
    Dataset(
        key="organisations",
        title=_("Organisations partenaires"),
        description=_(
            "L'annuaire des partenaires du numérique éducatif : collectivités, opérateurs, associations, "
            "entreprises, avec leurs territoires d'action."
        ),
        resource=OrganisationResource,
        queryset=lambda user: Organisation.objects.with_list_related_data().order_by("slug"),
        import_permission="partners.add_organisation",
        keywords=("partenaires", "collectivités", "numérique éducatif"),
        landing_url_name="partners:directory",
        order=30,
    )
)
register_dataset(
    Dataset(
        key="communs",
        title=_("Communs numériques"),
        description=_("Les communs numériques de l'éducation : description, licence, dépôt, maturité, gardiens."),
        resource=CommonsResource,
        queryset=lambda user: Commons.objects.prefetch_related("steward_organisations").order_by("slug"),
        import_permission="partners.add_commons",
        keywords=("communs numériques", "logiciel libre", "éducation"),
        landing_url_name="partners:commons_list",
        order=40,
    )
)
register_dataset(
    Dataset(
        key="conventions",
        title=_("Partenariats et conventions"),
        description=_("Les conventions et partenariats entre organisations, par territoire, avec leurs dates."),
        resource=PartnershipResource,
        queryset=lambda user: Partnership.objects.select_related("territory").order_by("slug"),
        keywords=("conventions", "partenariats"),
        landing_url_name="partners:partnership_list",
        order=50,
    )
)
