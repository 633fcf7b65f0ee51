"""Administration of the workshops: themes (editable by administrators), events, sessions and agendas.

Reports are reviewed in the portal's own screens; the admin shows them read-mostly with their history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    Event,
    ExperienceReport,
    ParticipantCount,
    Session,
    Speaker,
    Theme,
    TraceLink,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "hashtags"]
    ordering = ["number"]


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["slug", "title", "date", "start_time", "end_time", "format", "restitution_status"]
    extra = 0
    show_change_link = True


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "territory", "start_date"]
    list_filter = ["kind"]
    search_fields = ["title", "organiser"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    show_change_link = True


class ParticipantCountInline(admin.TabularInline):
    model = ParticipantCount
    extra = 0


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "event", "date", "format", "restitution_status"]
    list_filter = ["format", "restitution_status"]
    search_fields = ["title", "slug"]
    filter_horizontal = ["facilitators"]
    inlines = [AgendaItemInline, ParticipantCountInline]
    list_select_related = ["event"]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "start_time", "end_time", "kind"]
    list_select_related = ["session"]
    inlines = [SpeakerInline]


@admin.register(ExperienceReport)
class ExperienceReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "territory", "organisation", "author", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    list_select_related = ["territory", "organisation", "author"]
    readonly_fields = ["status", "version", "submitted_at", "published_at", "revision_of"]
    filter_horizontal = ["themes", "adopted_in", "commons"]
    raw_id_fields = ["author", "territory", "organisation"]


@admin.register(TraceLink)
class TraceLinkAdmin(admin.ModelAdmin):
    list_display = ["kind", "source_type", "source_id", "target_type", "target_id", "created_at"]
    list_filter = ["kind"]
