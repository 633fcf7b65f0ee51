import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roadmaps import services
from roadmaps.diff import roadmap_diff
from roadmaps.exceptions import ConflictError, FrozenError, TransitionError
from roadmaps.models import Axis, Indicator, Programme, Roadmap
from roadmaps.progress import average, roll_up
from roadmaps.selectors import with_latest_values
from tests.factories import territory

from .factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgrammeFactory,
    RoadmapFactory,
    roadmap_with_content,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    return make_user("editor")


def numbers(roadmap):
    return list(
        Programme.objects.filter(roadmap=roadmap).order_by("number").values_list("number", "title", "axis__number")
    )


def test_create_from_scratch_gives_a_draft_with_a_slug(editor):
    roadmap = services.roadmap_create(
        territory=territory("R27"), title="Feuille 2024", period_start=2024, period_end=2027, user=editor
    )
    assert roadmap.status == Roadmap.Status.DRAFT
    assert roadmap.edition == 1
    assert roadmap.slug == "r27-2024-2027"
    assert roadmap.history.count() == 1
    assert roadmap.history.first().history_user == editor


def test_create_from_national_copies_and_links_axes(editor):
    national = roadmap_with_content(axes=3, programmes=1, validated=True, national=True)
    roadmap = services.roadmap_create_from_national(
        national=national,
        territory=territory("R27"),
        title="Déclinaison",
        period_start=2024,
        period_end=2027,
        user=editor,
    )
    axes = list(roadmap.axes.order_by("position"))
    assert [axis.title for axis in axes] == [axis.title for axis in national.axes.order_by("position")]
    assert all(axis.national_axis.roadmap == national for axis in axes)
    assert roadmap.parent == national
    assert all(axis.stakes.count() == 1 for axis in axes)
    assert roadmap.programmes.count() == 0


def test_next_version_is_a_deep_copy_and_leaves_v1_alone(editor):
    v1 = roadmap_with_content(axes=2, programmes=2, slug="bfc-2017-2020")
    programme = v1.programmes.get(number=1)
    ActionFactory(programme=programme, what="Former", progress=50)
    indicator = IndicatorFactory(roadmap=v1, programme=programme)
    IndicatorValueFactory(indicator=indicator)
    v1.validate(user=editor)

    v2 = services.roadmap_create_next_version(roadmap=v1, user=editor)

    assert v2.slug == "bfc-2017-2020-v2"
    assert (v2.edition, v2.previous_version, v2.status) == (2, v1, Roadmap.Status.DRAFT)
    assert numbers(v2) == numbers(v1)
    copied = v2.programmes.get(number=1)
    assert copied.pk != programme.pk
    assert list(copied.actions.values_list("what", "progress")) == [("Former", 50)]
    assert copied.objectives.count() == 1
    assert v2.axes.get(number=1).stakes.count() == 1
    copied_indicator = v2.indicators.get()
    assert copied_indicator.programme == copied
    assert copied_indicator.values.count() == 1
    assert v1.programmes.count() == 4 and v1.indicators.get().values.count() == 1
    v3 = services.roadmap_create_next_version(roadmap=v2, user=editor)
    assert v3.slug == "bfc-2017-2020-v3"


def test_programmes_are_renumbered_across_the_roadmap_after_adds_moves_and_removals(editor):
    roadmap = roadmap_with_content(axes=2, programmes=2)
    first_axis, second_axis = roadmap.axes.order_by("position")
    new = services.programme_create(axis=first_axis, title="Nouveau", user=editor)
    assert new.number == 3
    assert new.history.get().number == 3  # its history records the number it really got
    assert [n for n, _t, _a in numbers(roadmap)] == [1, 2, 3, 4, 5]
    assert Programme.objects.get(roadmap=roadmap, number=4).axis == second_axis

    services.object_move(obj=new, direction="up", user=editor)
    assert Programme.objects.get(pk=new.pk).number == 2
    services.object_move(obj=Programme.objects.get(pk=new.pk), position=1, user=editor)
    assert Programme.objects.get(pk=new.pk).number == 1

    services.programme_move(programme=Programme.objects.get(pk=new.pk), to_axis=second_axis, user=editor)
    moved = Programme.objects.get(pk=new.pk)
    assert (moved.number, moved.axis) == (5, second_axis)

    services.object_move(obj=second_axis, direction="up", user=editor)
    assert Axis.objects.get(pk=second_axis.pk).number == 1
    assert Programme.objects.get(pk=new.pk).number == 3  # the moved axis' programmes now come first

    services.object_delete(obj=Programme.objects.get(roadmap=roadmap, number=1), user=editor)
    assert [n for n, _t, _a in numbers(roadmap)] == [1, 2, 3, 4]


def test_axis_numbers_follow_their_kind(editor):
    roadmap = RoadmapFactory()
    services.axis_create(roadmap=roadmap, kind=Axis.Kind.STRUCTURING, title="S1", user=editor)
    operational = services.axis_create(roadmap=roadmap, kind=Axis.Kind.OPERATIONAL, title="O1", user=editor)
    second = services.axis_create(roadmap=roadmap, kind=Axis.Kind.STRUCTURING, title="S2", user=editor)
    assert (operational.number, second.number) == (1, 2)


def test_move_to_a_position_out_of_range_is_refused(editor):
    roadmap = roadmap_with_content(axes=1, programmes=2)
    with pytest.raises(services.RoadmapError, match="entre 1 et 2"):
        services.object_move(obj=roadmap.programmes.first(), position=5, user=editor)


def test_validated_roadmap_is_frozen(editor):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    axis = roadmap.axes.get()
    roadmap.validate(user=editor)
    with pytest.raises(FrozenError, match="validée"):
        services.programme_create(axis=axis, title="Trop tard", user=editor)
    with pytest.raises(FrozenError):
        services.object_update(obj=axis, data={"title": "Nouveau"}, version=axis.version, user=editor)
    with pytest.raises(FrozenError):
        services.object_delete(obj=axis, user=editor)
    with pytest.raises(FrozenError):
        services.action_create(programme=roadmap.programmes.get(), what="Non", user=editor)


def test_workflow_records_who_and_when_and_archives_the_amended_version(editor):
    v1 = RoadmapFactory()
    v1.submit(user=editor)
    assert v1.status == Roadmap.Status.IN_REVIEW
    v1.validate(user=editor)
    assert (v1.status, v1.validated_by, v1.status_changed_by) == (Roadmap.Status.VALIDATED, editor, editor)
    assert v1.validated_at is not None
    with pytest.raises(TransitionError, match="Validée"):
        v1.submit(user=editor)
    v2 = services.roadmap_create_next_version(roadmap=v1, user=editor)
    services.roadmap_transition(roadmap=v2, transition="validate", user=editor)
    v1.refresh_from_db()
    assert v1.status == Roadmap.Status.ARCHIVED
    assert v1.history.filter(history_change_reason="Archivée").exists()


def test_a_stale_write_raises_a_conflict_with_the_current_values(editor, make_user):
    other = make_user("editor")
    programme = ProgrammeFactory(title="Avant")
    read_version = programme.version
    services.object_update(obj=programme, data={"title": "Par l'autre"}, version=read_version, user=other)
    with pytest.raises(ConflictError) as caught:
        services.object_update(obj=programme, data={"title": "Le mien"}, version=read_version, user=editor)
    assert caught.value.current.title == "Par l'autre"
    programme.refresh_from_db()
    assert (programme.title, programme.version) == ("Par l'autre", read_version + 1)
    # Saving again from the current version is a deliberate choice, and goes through.
    saved = services.object_update(
        obj=programme, data={"title": "Le mien"}, version=caught.value.current.version, user=editor
    )
    assert saved.title == "Le mien"
    assert programme.history.first().history_user == editor


def test_update_validates_duplicate_titles(editor):
    first = ProgrammeFactory(title="Gouvernance")
    second = ProgrammeFactory(axis=first.axis, title="Pilotage")
    with pytest.raises(ValidationError) as caught:
        services.object_update(obj=second, data={"title": " gouvernance "}, version=second.version, user=editor)
    assert "title" in caught.value.error_dict


def test_average_weighted_plain_and_empty():
    assert average([]) is None
    assert average([(20, None), (60, None)]) == 40
    assert average([(20, Decimal("3")), (60, Decimal("1"))]) == 30
    assert average([(20, Decimal("0")), (60, Decimal("0"))]) == 40  # all weights zero: plain average
    assert average([(20, Decimal("2")), (80, None)]) == 40  # an unweighted item counts for 1


def test_progress_rolls_up_from_actions_to_the_roadmap():
    roadmap = roadmap_with_content(axes=2, programmes=1)
    first, second = roadmap.programmes.order_by("number")
    ActionFactory(programme=first, progress=100, weight=Decimal("3"))
    ActionFactory(programme=first, progress=0, weight=Decimal("1"))
    Programme.objects.filter(pk=second.pk).update(progress=50)  # no actions: the progress marked by hand
    tree = Roadmap.objects.with_tree().get(pk=roadmap.pk)
    assert roll_up(tree) == round((75 + 50) / 2)
    axes = list(tree.axes.all())
    assert [axis.rolled_progress for axis in axes] == [75, 50]
    assert axes[0].programmes.all()[0].rolled_progress == 75


def test_action_create_keeps_its_origin_for_the_retex_app(editor):
    programme = ProgrammeFactory()
    action = services.action_create(
        programme=programme,
        what="Mutualiser l'ENT",
        how="Groupe de travail",
        who="DRANE, Région",
        when="2025",
        success_indicators="Cahier des charges adopté",
        source_label="Atelier de Corse, plan d'action n° 3",
        user=editor,
    )
    assert action.position == 0 and action.created_by == editor
    assert action.source_label == "Atelier de Corse, plan d'action n° 3"
    assert action.history.first().history_change_reason == "Atelier de Corse, plan d'action n° 3"


def test_indicator_value_by_school_year_is_dated_by_its_last_day(editor):
    indicator = IndicatorFactory()
    value = services.indicator_value_create(indicator=indicator, value=Decimal("42"), school_year=2024, user=editor)
    assert value.measured_on == datetime.date(2025, 6, 30)
    assert (value.period_label, value.entered_by) == ("2024-2025", editor)
    with pytest.raises(services.RoadmapError):
        services.indicator_value_create(indicator=indicator, value=Decimal("1"), user=editor)


def test_indicator_target_date_must_follow_the_baseline(editor):
    with pytest.raises(ValidationError) as caught:
        services.indicator_create(
            roadmap=RoadmapFactory(),
            name="Taux",
            unit=Indicator.Unit.PERCENT,
            baseline_value=Decimal("10"),
            baseline_date=datetime.date(2025, 1, 1),
            target_value=Decimal("50"),
            target_date=datetime.date(2024, 1, 1),
            user=editor,
        )
    assert "target_date" in caught.value.error_dict


def test_off_track_compares_the_latest_value_with_the_trajectory():
    indicator = IndicatorFactory(baseline_value=Decimal("0"), target_value=Decimal("100"))
    halfway = indicator.baseline_date + (indicator.target_date - indicator.baseline_date) / 2
    behind = IndicatorValueFactory(indicator=indicator, measured_on=halfway, value=Decimal("30"))
    assert indicator.is_off_track(behind)
    ahead = IndicatorValueFactory(indicator=indicator, measured_on=halfway, value=Decimal("70"))
    assert not indicator.is_off_track(ahead)
    down = IndicatorFactory(direction=Indicator.Direction.DOWN, baseline_value=Decimal("10"), target_value=Decimal("2"))
    assert down.is_off_track(IndicatorValueFactory(indicator=down, measured_on=down.target_date, value=Decimal("5")))


def test_each_indicator_gets_its_latest_value_whatever_the_order_of_entry(django_assert_num_queries):
    behind = IndicatorFactory(baseline_value=Decimal("0"), target_value=Decimal("100"))
    ahead = IndicatorFactory(roadmap=behind.roadmap, baseline_value=Decimal("0"), target_value=Decimal("100"))
    empty = IndicatorFactory(roadmap=behind.roadmap)
    halfway = behind.baseline_date + (behind.target_date - behind.baseline_date) / 2
    latest = IndicatorValueFactory(indicator=behind, measured_on=halfway, value=Decimal("30"))
    IndicatorValueFactory(indicator=behind, measured_on=halfway - datetime.timedelta(days=300), value=Decimal("90"))
    IndicatorValueFactory(indicator=ahead, measured_on=halfway, value=Decimal("70"))
    IndicatorValueFactory(indicator=ahead, measured_on=halfway - datetime.timedelta(days=1), value=Decimal("5"))
    indicators = list(Indicator.objects.filter(pk__in=[behind.pk, ahead.pk, empty.pk]).order_by("pk"))
    with django_assert_num_queries(1):
        with_latest_values(indicators)
    first, second, third = indicators
    assert first.latest == latest and first.off_track and 49 < first.expected < 51
    assert second.latest.value == Decimal("70") and not second.off_track
    assert third.latest is None and third.expected is None and not third.off_track


def test_diff_between_editions(editor):
    v1 = roadmap_with_content(axes=2, programmes=2)
    ActionFactory(programme=v1.programmes.get(number=1), what="Former")
    IndicatorFactory(roadmap=v1, name="Taux d'équipement")
    v1.validate(user=editor)
    v2 = services.roadmap_create_next_version(roadmap=v1, user=editor)
    first_axis = v2.axes.order_by("position").first()
    services.programme_create(axis=first_axis, title="Communs numériques", user=editor)  # renumbers the rest
    changed = v2.programmes.get(number=1)
    services.object_update(
        obj=changed, data={"description": "Nouvelle description"}, version=changed.version, user=editor
    )
    services.object_delete(obj=v2.indicators.get(), user=editor)
    services.action_create(programme=changed, what="Accompagner", user=editor)

    diff = roadmap_diff(Roadmap.objects.with_tree().get(pk=v1.pk), Roadmap.objects.with_tree().get(pk=v2.pk))
    sections = {section.title: section for section in diff.sections}
    assert (sections["Axes"].added, sections["Axes"].changed, sections["Axes"].removed) == (0, 0, 0)
    programmes = sections["Programmes"]
    assert programmes.added == 1
    assert [entry.title for entry in programmes.entries if entry.kind == "added"] == [
        "Programme 3 — Communs numériques"
    ]
    changed_entries = {entry.title: entry for entry in programmes.entries if entry.kind == "changed"}
    # Programme 3 of v1 became programme 4: matched by title, reported as renumbered, not removed and added.
    third = v1.programmes.get(number=3).title
    renumbered = changed_entries[f"Programme 4 — {third}"]
    assert [(c.label, c.old, c.new) for c in renumbered.changes] == [("numéro", "3", "4")]
    assert programmes.removed == 0
    description_changes = [
        change for entry in changed_entries.values() for change in entry.changes if change.label == "description"
    ]
    assert description_changes and description_changes[0].new == "Nouvelle description"
    assert sections["Indicateurs"].removed == 1
    assert sections["Actions"].added == 1
    assert not diff.is_empty


def test_rolled_progress_of_many_roadmaps_matches_the_tree_roll_up():
    """The list pages' roll-up from bare figures gives what the roadmap page computes from the tree."""
    from roadmaps.selectors import with_rolled_progress

    first = roadmap_with_content(axes=2, programmes=2)
    second = roadmap_with_content(axes=1, programmes=1)
    one, two, three, four = first.programmes.order_by("number")
    ActionFactory(programme=one, progress=100, weight=Decimal("3"))
    ActionFactory(programme=one, progress=0, weight=None)
    ActionFactory(programme=two, progress=40, weight=Decimal("0"))
    Programme.objects.filter(pk=three.pk).update(progress=50, weight=Decimal("2"))
    Programme.objects.filter(pk=four.pk).update(progress=10)
    first.axes.filter(pk=three.axis_id).update(weight=Decimal("5"))
    trees = list(Roadmap.objects.with_tree().filter(pk__in=[first.pk, second.pk]).order_by("pk"))
    expected = [roll_up(tree) for tree in trees]
    expected_axes = {axis.pk: axis.rolled_progress for tree in trees for axis in tree.axes.all()}
    roadmaps = with_rolled_progress(
        list(Roadmap.objects.filter(pk__in=[first.pk, second.pk]).prefetch_related("axes").order_by("pk"))
    )
    assert [roadmap.rolled_progress for roadmap in roadmaps] == expected
    assert {axis.pk: axis.rolled_progress for roadmap in roadmaps for axis in roadmap.axes.all()} == expected_axes
    assert expected[0] is not None
