"""The jurisdiction index (cases/reach.py, issue 17), filled from the access rows there are."""

import django.db.models.deletion
from django.db import migrations, models


# out of handling when this table was made (cases/reach.py ENDED: the ended statuses and 办结)
ENDED = {"routed", "not_accepted", "not_reaccepted", "rechecked", "duty_done", "merged", "closed"}


def fill(apps, schema_editor) -> None:  # noqa: ANN001, ARG001
    """The jurisdiction index of the cases there are: each case with every unit at or above one of
    its access units (cases/reach.py), chunk by chunk."""
    Case = apps.get_model("cases", "Case")
    CaseAccess = apps.get_model("cases", "CaseAccess")
    CaseReach = apps.get_model("cases", "CaseReach")
    Unit = apps.get_model("orgs", "Unit")
    paths = dict(Unit.objects.values_list("pk", "path"))
    last = 0
    while True:
        cases = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list(
            "pk", "status", "next_due", "registered_at", "received_on")[:5000])
        if not cases:
            return
        last = cases[-1][0]
        units: dict[int, set[int]] = {}
        for case_id, unit_id in CaseAccess.objects.filter(
                case_id__gte=cases[0][0], case_id__lte=last).values_list("case_id", "unit_id"):
            units.setdefault(case_id, set()).update(int(p) for p in paths[unit_id].split("/") if p)
        CaseReach.objects.bulk_create([
            CaseReach(case_id=pk, unit_id=unit_id, open=status not in ENDED, next_due=due,
                      registered_at=registered, received_on=received)
            for pk, status, due, registered, received in cases for unit_id in sorted(units.get(pk, ()))
        ], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0019_no_trigram_indexes'),
        ('orgs', '0002_roles'),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseReach',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('open', models.BooleanField()),
                ('next_due', models.DateField(null=True)),
                ('registered_at', models.DateTimeField()),
                ('received_on', models.DateField()),
                ('case', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='reach', to='cases.case')),
                ('unit', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('open', True)), fields=['unit', 'next_due', 'registered_at', 'case'], name='case_reach_open_due'), models.Index(fields=['unit', 'received_on', 'registered_at', 'case'], name='case_reach_received')],
                'constraints': [models.UniqueConstraint(fields=('case', 'unit'), name='case_reach_once')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
