"""The scale-data generator (`kb_generate`) makes real, published pages in a valid tree."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from wagtail.models import Page

from kb.demo.scale import PROVINCES, generate
from kb.exemplars.models import ExemplarPage, ExemplarTitleAward
from kb.initiatives.models import InitiativePage
from kb.stories.models import StoryPage
from kb.taxonomy.models import TitleRecipient
from kb.units.models import Unit, UnitLevel

NO_PROBLEMS = ([], [], [], [], [])
SMALL = {"exemplars": 50, "initiatives": 20, "stories": 10}


def _generate(**overrides):
    # A small chunk size so that the run spans several chunks (and several path lookups).
    return generate(**{**SMALL, "units": 5, "seed": 1, "chunk_size": 16, **overrides})


def _assert_tree_is_valid(structure):
    assert Page.find_problems() == NO_PROBLEMS
    for index in (structure.exemplars, structure.initiatives, structure.stories):
        index.refresh_from_db()
        assert index.numchild == index.get_children().count()


def _has_template(page) -> bool:
    try:
        get_template(page.template)
    except TemplateDoesNotExist:
        return False
    return True


def test_generated_pages_are_published_pages_of_a_valid_tree(site_structure, client):
    before = Page.objects.live().count()

    result = _generate()

    assert (result.exemplars, result.initiatives, result.stories) == (50, 20, 10)
    assert Page.objects.live().count() == before + 80
    _assert_tree_is_valid(site_structure)
    for model, parent, count in (
        (ExemplarPage, site_structure.exemplars, 50),
        (InitiativePage, site_structure.initiatives, 20),
        (StoryPage, site_structure.stories, 10),
    ):
        pages = list(model.objects.child_of(parent))
        assert len(pages) == count
        for page in pages:
            assert page.live and not page.has_unpublished_changes
            assert page.first_published_at and page.last_published_at
            assert page.draft_title == page.title
            assert page.latest_revision_id is None
            assert page.url_path == f"{parent.url_path}{page.slug}/"
            assert page.depth == parent.depth + 1 and page.numchild == 0
            assert page.key.startswith(f"{model.key_prefix}-gen-")
            assert type(Page.objects.get(pk=page.pk).specific) is model
        sample = pages[0]
        sample.full_clean()  # unique slug among siblings, required fields, choices
        url = sample.get_url()
        assert url == f"/{parent.slug}/{sample.slug}/"
        if _has_template(sample):
            assert client.get(url).status_code == 200


def test_generated_pages_carry_their_relations(site_structure):
    _generate()

    for exemplar in ExemplarPage.objects.all():
        assert exemplar.unit.name
        assert exemplar.fields_of_work.exists()
        titles = list(exemplar.titles.select_related("title"))
        assert titles
        wanted = "individual" if exemplar.kind == "individual" else "collective"
        assert {t.title.recipient for t in titles} <= {wanted, TitleRecipient.BOTH}
        assert all(t.year <= exemplar.year for t in titles)
    for initiative in InitiativePage.objects.all():
        assert initiative.fields_of_work.exists()
        assert initiative.authors.exists()
    for story in StoryPage.objects.all():
        assert story.exemplars.exists() or story.initiatives.exists()
        assert story.body  # a StreamField of paragraphs
    assert ExemplarTitleAward.objects.count() >= 50


def test_units_are_provinces_with_a_number_when_names_run_out(db):
    generate(units=len(PROVINCES) + 2, chunk_size=10)

    sector = Unit.objects.get(level=UnitLevel.SECTOR)
    provinces = list(Unit.objects.filter(parent=sector).order_by("code"))
    assert len(provinces) == len(PROVINCES) + 2
    names = [unit.name for unit in provinces]
    assert names[0] == "BHXH thành phố Hà Nội"
    assert names[len(PROVINCES)] == "BHXH thành phố Hà Nội 2"
    assert len(set(names)) == len(names)
    for unit in provinces:
        assert unit.path == f"{sector.path}{unit.pk}/" and unit.depth == 2
        assert unit.level == UnitLevel.PROVINCE


def test_a_second_run_appends_without_collisions(site_structure):
    _generate()
    second = _generate()

    assert (second.exemplars, second.initiatives, second.stories) == (50, 20, 10)
    _assert_tree_is_valid(site_structure)
    assert ExemplarPage.objects.count() == 100
    assert ExemplarPage.objects.filter(key="ex-gen-000100").exists()
    assert StoryPage.objects.filter(key="bv-gen-000020").exists()
    assert Unit.objects.filter(code__startswith="gen-u-").count() == 10
    slugs = list(site_structure.exemplars.get_children().values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))


def test_the_same_seed_gives_the_same_content(site_structure):
    def titles():
        return list(Page.objects.filter(depth=4).order_by("path").values_list("title", "slug"))

    with transaction.atomic():
        _generate(seed=7)
        first = titles()
        transaction.set_rollback(True)
    _generate(seed=7)

    assert titles() == first


def test_the_admin_edits_a_generated_page_without_revisions(site_structure, admin_client):
    _generate(exemplars=3, initiatives=1, stories=1)
    for model in (ExemplarPage, InitiativePage, StoryPage):
        page = model.objects.first()
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
    response = admin_client.get(f"/admin/pages/{site_structure.exemplars.pk}/")
    assert response.status_code == 200


def test_the_command_reports_what_it_added(site_structure):
    out = StringIO()

    call_command(
        "kb_generate", "--exemplars", "4", "--initiatives", "2", "--stories", "1",
        "--no-progress", stdout=out,
    )  # fmt: skip

    assert "Added 4 exemplars, 2 initiatives, 1 stories" in out.getvalue()
    assert "kb_reindex" in out.getvalue()
    assert Page.find_problems() == NO_PROBLEMS


def test_the_command_refuses_to_do_nothing(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("kb_generate", "--no-progress")
