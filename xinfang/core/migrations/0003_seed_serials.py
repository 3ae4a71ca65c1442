"""Seed core.Serial from the five numbering schemes it replaces, so an upgraded database never
reissues a number: the old counter rows (case numbers, 文号) are copied; agreement, 建议 and 预警函
numbers, which were counted, are parsed from the numbers already issued (the highest per scope,
kind and year). Scopes and kinds as in core/numbering.py (spelt out here: a migration is frozen).

Backwards: the counters go back to the old sequence tables (re-created by the apps' reverse steps).
"""

import re

from django.db import migrations

SERIAL_OF = re.compile(r"〔(\d{4})〕第?(\d+)号$")


def _parsed(rows, scope_prefix, kind, best):  # noqa: ANN001
    for owner, number in rows:
        m = SERIAL_OF.search(number or "")
        if owner is not None and m:
            key = (f"{scope_prefix}:{owner}", kind, int(m.group(1)))
            best[key] = max(best.get(key, 0), int(m.group(2)))


def seed(apps, schema_editor):  # noqa: ANN001, ARG001
    Serial = apps.get_model("core", "Serial")
    best: dict[tuple[str, str, int], int] = {}

    def note(key, last):  # noqa: ANN001
        best[key] = max(best.get(key, 0), last)

    for unit, year, last in apps.get_model("cases", "CaseNumberSequence").objects.values_list(
            "unit_id", "year", "last"):
        note((f"unit:{unit}", "case", year), last)
    for unit, kind, year, last in apps.get_model(
            "documents", "DocumentNumberSequence").objects.values_list("unit_id", "kind", "year", "last"):
        note((f"unit:{unit}", f"document:{kind}", year), last)
    _parsed(apps.get_model("resolution", "Mediation").objects.exclude(agreement_number="")
            .values_list("organisation_id", "agreement_number"), "mediation_org", "mediation_agreement", best)
    _parsed(apps.get_model("resolution", "Recommendation").objects.values_list("issuing_unit_id", "number"),
            "unit", "recommendation", best)
    _parsed(apps.get_model("warning", "Warning").objects.exclude(letter_number="")
            .values_list("letter_unit_id", "letter_number"), "unit", "warning_letter", best)
    for (scope, kind, year), last in best.items():
        row, created = Serial.objects.get_or_create(scope=scope, kind=kind, year=year,
                                                    defaults={"last": last})
        if not created and row.last < last:  # a restarted migration: never lower a counter
            row.last = last
            row.save(update_fields=["last"])


def unseed(apps, schema_editor):  # noqa: ANN001, ARG001
    Serial = apps.get_model("core", "Serial")
    cases = apps.get_model("cases", "CaseNumberSequence")
    documents = apps.get_model("documents", "DocumentNumberSequence")
    for row in Serial.objects.filter(scope__startswith="unit:"):
        unit = int(row.scope.split(":", 1)[1])
        if row.kind == "case":
            cases.objects.update_or_create(unit_id=unit, year=row.year, defaults={"last": row.last})
        elif row.kind.startswith("document:"):
            documents.objects.update_or_create(unit_id=unit, kind=row.kind.split(":", 1)[1],
                                               year=row.year, defaults={"last": row.last})
    Serial.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_serial"),
        ("cases", "0011_handling_steps"),
        ("documents", "0007_encrypt_addressee_context_text_receipt"),
        ("resolution", "0003_encrypt_mediation_parties"),
        ("warning", "0002_warningevent_type"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
