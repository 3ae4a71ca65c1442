from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parent.parent / "default_templates"
KINDS = ("opinion", "review_opinion", "recheck_opinion")


def load(apps, schema_editor):  # noqa: ANN001, ARG001
    """The shipped opinions (issue 15 item 9): heading 信访请求; the remedy names the higher unit
    and the period (Art. 35, 36) without the template note; what was done comes from the case's
    recorded steps (Art. 31 (6)). Templates edited by a bureau are kept."""
    template = apps.get_model("documents", "DocumentTemplate")
    for kind in KINDS:
        template.objects.filter(kind=kind, unit__isnull=True, active=True, is_default=True).update(
            content=(DEFAULTS / f"{kind}.docx").read_bytes())


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0008_delivery_recipient"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
