"""Ship the standard three-level content taxonomy (15 / 103 / 390) as initial data, and check levels."""

from django.db import migrations, models


def seed(apps, schema_editor):  # noqa: ANN001, ARG001
    from xinfang.cases.taxonomy import SHIPPED_TAXONOMY, load_taxonomy

    Category = apps.get_model("cases", "Category")
    if Category.objects.exists():  # a bureau that already loaded its own tree keeps it
        return
    load_taxonomy(SHIPPED_TAXONOMY, model=Category)


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_timeline_hash_chain")]
    operations = [
        migrations.AddConstraint(
            model_name="category",
            constraint=models.CheckConstraint(
                condition=(models.Q(parent__isnull=True, level=1)
                           | models.Q(parent__isnull=False, level__in=[2, 3])),
                name="category_level_follows_parent",
                violation_error_message="一级分类不能有上级分类，二级、三级分类必须有上级分类",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
