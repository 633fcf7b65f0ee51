from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Commons, CommonsAdoption, Contact, Organisation, Partnership, PartnershipAmbition, PartnershipParty


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "siren"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "siren"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["territories"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    # No history screen: erasure purges the historical rows (services.contact_erase).
    list_display = ["full_name", "organisation", "role_title", "consent_given", "consent_date"]
    search_fields = ["full_name", "email", "organisation__name"]
    list_select_related = ["organisation"]

    def delete_model(self, request, obj):
        from .services import contact_erase

        contact_erase(contact=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        from .services import contact_erase

        for contact in queryset:
            contact_erase(contact=contact, user=request.user)


class PartnershipPartyInline(admin.TabularInline):
    model = PartnershipParty
    extra = 0
    autocomplete_fields = ["organisation"]


class PartnershipAmbitionInline(admin.TabularInline):
    model = PartnershipAmbition
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "status", "territory", "start_date"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnershipPartyInline, PartnershipAmbitionInline]


class CommonsAdoptionInline(admin.TabularInline):
    model = CommonsAdoption
    extra = 0


@admin.register(Commons)
class CommonsAdmin(SimpleHistoryAdmin):
    list_display = ["name", "maturity", "licence"]
    list_filter = ["maturity"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["steward_organisations", "user_organisations"]
    inlines = [CommonsAdoptionInline]
