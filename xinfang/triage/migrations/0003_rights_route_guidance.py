from django.db import migrations

NAME = "请求查处违法行为、保护人身权或者财产权等合法权益的事项"
OLD = "已转有权查处的行政机关依法处理。"
NEW = "由有权查处的机关、单位依法履行职责或者答复（不导出信访程序）。"


def forward(apps, schema_editor):  # noqa: ANN001, ARG001
    """Art. 31 (5): the competent unit performs its duty or replies; it does not pass the item on.
    Only the shipped wording is replaced; a rule edited by legal staff is kept."""
    apps.get_model("triage", "RoutingRule").objects.filter(name=NAME, guidance=OLD).update(
        guidance=NEW)


def backward(apps, schema_editor):  # noqa: ANN001, ARG001
    apps.get_model("triage", "RoutingRule").objects.filter(name=NAME, guidance=NEW).update(
        guidance=OLD)


class Migration(migrations.Migration):

    dependencies = [
        ("triage", "0002_default_rules"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
