import csv

import pytest

from xinfang.cases.models import Category
from xinfang.cases.taxonomy import default_taxonomy_path, load_taxonomy

pytestmark = pytest.mark.django_db


def test_loads_a_three_level_tree(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("一级分类,二级分类,三级分类\n城乡建设,安全生产,事故处理\n城乡建设,安全生产,安全隐患\n"
                    "城乡建设,城乡规划,违章建筑\n", encoding="utf-8")
    assert load_taxonomy(path) == 6
    assert load_taxonomy(path) == 0  # idempotent
    leaf = Category.objects.get(name="违章建筑")
    assert (leaf.level, str(leaf)) == (3, "城乡建设 / 城乡规划 / 违章建筑")


def test_the_shared_taxonomy_loads_as_a_tree_of_its_distinct_paths():
    path = default_taxonomy_path()
    if not path.exists():
        pytest.skip(f"shared taxonomy not found at {path}: set XINFANG_SHARED_DATA to shared/data")
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    paths = [{tuple(r[k] for k in ("一级分类", "二级分类", "三级分类")[:n]) for r in rows}
             for n in (1, 2, 3)]
    load_taxonomy(path)
    counts = [Category.objects.filter(level=i).count() for i in (1, 2, 3)]
    assert counts == [len(p) for p in paths]
    assert counts[0] == 15  # the published first level
    # second-level names such as 其他 recur under several first-level categories
    assert Category.objects.filter(level=2).values("name").distinct().count() == 103
