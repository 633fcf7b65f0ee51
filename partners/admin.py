from django.contrib import admin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "siren"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "siren"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["territories"]
