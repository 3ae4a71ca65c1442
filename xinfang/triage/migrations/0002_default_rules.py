"""Seed the default 依法分类处理清单 (editable afterwards in the admin)."""

from django.db import migrations


def seed(apps, schema_editor):  # noqa: ANN001, ARG001
    from xinfang.triage.default_rules import DEFAULT_RULES

    RoutingRule = apps.get_model("triage", "RoutingRule")
    if RoutingRule.objects.exists():
        return
    for entry in DEFAULT_RULES:
        RoutingRule.objects.create(**entry)


def unseed(apps, schema_editor):  # noqa: ANN001, ARG001
    from xinfang.triage.default_rules import DEFAULT_RULES

    RoutingRule = apps.get_model("triage", "RoutingRule")
    RoutingRule.objects.filter(name__in=[e["name"] for e in DEFAULT_RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
