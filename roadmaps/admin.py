from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, Axis, GovernanceBody, Indicator, IndicatorValue, Programme, Roadmap


@admin.register(Roadmap)
class RoadmapAdmin(SimpleHistoryAdmin):
    list_display = ["title", "territory", "edition", "status", "period_start", "period_end"]
    list_filter = ["status", "territory__level"]
    search_fields = ["title", "slug"]
    readonly_fields = ["version", "status_changed_at", "status_changed_by", "validated_at", "validated_by"]
    raw_id_fields = ["parent", "previous_version", "created_by"]


@admin.register(Axis)
class AxisAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "roadmap"]
    list_filter = ["kind"]
    raw_id_fields = ["roadmap", "national_axis"]


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "roadmap", "status", "progress"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["roadmap", "axis"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["what", "programme", "progress", "source_label"]
    raw_id_fields = ["programme", "created_by"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "roadmap", "unit", "direction"]
    raw_id_fields = ["roadmap", "programme"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "measured_on", "value", "entered_by"]
    raw_id_fields = ["indicator", "entered_by"]


@admin.register(GovernanceBody)
class GovernanceBodyAdmin(SimpleHistoryAdmin):
    list_display = ["acronym", "name", "roadmap"]
    raw_id_fields = ["roadmap"]
