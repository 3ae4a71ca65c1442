"""Install the default notice templates shipped in xinfang/documents/default_templates/."""

from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parent.parent / "default_templates"
LABELS = {
    "acceptance": "受理告知书", "non_acceptance": "不予受理告知书", "no_reacceptance": "不再受理告知书",
    "transfer": "转送告知书", "assignment": "交办告知书", "extension": "延期办理告知书",
    "opinion": "信访处理意见书", "review_opinion": "复查意见书", "recheck_opinion": "复核意见书",
    "hearing": "听证通知书", "mediation": "调解协议书", "supervision": "督办函",
    "recommendation": "三项建议函", "warning": "预警提示函",
}


def load(apps, schema_editor):  # noqa: ANN001, ARG001
    template = apps.get_model("documents", "DocumentTemplate")
    for kind, label in LABELS.items():
        if template.objects.filter(kind=kind, unit__isnull=True, active=True).exists():
            continue
        template.objects.create(kind=kind, name=f"{label}（默认）", filename=f"{kind}.docx",
                                content=(DEFAULTS / f"{kind}.docx").read_bytes(),
                                is_default=True, active=True)


def unload(apps, schema_editor):  # noqa: ANN001, ARG001
    apps.get_model("documents", "DocumentTemplate").objects.filter(is_default=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
