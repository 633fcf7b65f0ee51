from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Territory


@admin.register(Territory)
class TerritoryAdmin(TreeAdmin):
    form = movenodeform_factory(Territory)
    list_display = ["name", "code", "official_code", "level"]
    list_filter = ["level"]
    search_fields = ["name", "code", "official_code"]
