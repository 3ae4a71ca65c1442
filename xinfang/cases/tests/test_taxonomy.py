"""The content taxonomy: shipped as initial data, loadable from a file, levels checked against the parent."""

import csv

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from xinfang.cases.models import Category
from xinfang.cases.taxonomy import SHIPPED_TAXONOMY, load_taxonomy, taxonomy_paths

pytestmark = pytest.mark.django_db


def _paths_by_level(path):
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    keys = ("一级分类", "二级分类", "三级分类")
    return [{tuple(r[k] for k in keys[:n]) for r in rows if all(r[k] for k in keys[:n])} for n in (1, 2, 3)]


def test_a_fresh_install_has_the_shipped_three_level_tree():
    # given the migrated database of a fresh install (nothing loaded by hand)
    # then every distinct path of the shipped file is a category at its level
    expected = _paths_by_level(SHIPPED_TAXONOMY)
    counts = [Category.objects.filter(level=level).count() for level in (1, 2, 3)]
    assert counts == [len(p) for p in expected]
    assert counts[0] == 15  # the published first level of the scheme
    leaf = Category.objects.filter(level=3).select_related("parent__parent").first()
    assert leaf.parent.level == 2 and leaf.parent.parent.level == 1


def test_the_shipped_file_is_the_public_scheme_when_shared_data_is_present(settings):
    from pathlib import Path

    shared = Path(settings.XINFANG_SHARED_DATA) / "teddy2020" / "taxonomy.csv"
    if not shared.exists():
        pytest.skip(f"shared taxonomy not found at {shared}: set XINFANG_SHARED_DATA to shared/data")
    assert taxonomy_paths(shared) == taxonomy_paths(SHIPPED_TAXONOMY)


def test_the_intake_form_offers_the_categories_on_a_fresh_install():
    from xinfang.cases.forms import CaseForm

    field = CaseForm().fields["category"]
    assert field.queryset.count() == Category.objects.filter(active=True).count() > 0


def test_loading_a_file_adds_only_new_nodes_and_is_idempotent(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("一级分类,二级分类,三级分类\n城乡建设,安全生产,事故处理\n本地分类,本地二级,本地三级\n"
                    "本地分类,本地二级,另一个三级\n", encoding="utf-8")
    assert load_taxonomy(path) == 4  # 城乡建设/安全生产/事故处理 is shipped already
    assert load_taxonomy(path) == 0
    leaf = Category.objects.get(name="另一个三级")
    assert (leaf.level, str(leaf)) == (3, "本地分类 / 本地二级 / 另一个三级")


def test_load_taxonomy_command_rejects_a_file_without_the_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("名称\n城乡建设\n", encoding="utf-8")
    with pytest.raises(CommandError, match="一级分类"):
        call_command("load_taxonomy", str(path))


@pytest.mark.parametrize(("parent_level", "level", "field"), [
    (None, 2, "level"),   # a top category must be level 1
    (1, 1, "level"),      # a child of a level-1 category is level 2
    (1, 3, "level"),
    (2, 2, "level"),
    (3, 4, "parent"),     # nothing below the third level
])
def test_the_level_is_checked_against_the_parent(parent_level, level, field):
    parent = Category.objects.filter(level=parent_level).first() if parent_level else None
    node = Category(name="新分类", parent=parent, level=level)
    with pytest.raises(ValidationError) as err:
        node.full_clean()
    assert field in err.value.message_dict


def test_a_level_one_category_with_a_parent_is_refused_by_the_database():
    parent = Category.objects.filter(level=1).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(name="越级", parent=parent, level=1)


def test_a_category_cannot_be_its_own_ancestor():
    top = Category.objects.filter(level=1).first()
    child = top.children.first()
    top.parent, top.level = child, 3
    with pytest.raises(ValidationError) as err:
        top.full_clean()
    assert "parent" in err.value.message_dict


def test_the_admin_edits_a_category_and_shows_a_level_error(admin_client):
    parent = Category.objects.filter(level=1).first()
    response = admin_client.post("/admin/cases/category/add/",
                                 {"name": "新二级", "parent": parent.pk, "level": 1, "active": "on"})
    assert response.status_code == 200
    assert "级别应为2" in response.content.decode()
    response = admin_client.post("/admin/cases/category/add/",
                                 {"name": "新二级", "parent": parent.pk, "level": 2, "active": "on"})
    assert response.status_code == 302
    assert Category.objects.get(name="新二级", parent=parent).level == 2
