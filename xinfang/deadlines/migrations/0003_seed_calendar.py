"""Seed the editable holiday table from the official calendar in `chinesecalendar`."""

from django.db import migrations


def seed(apps, schema_editor):  # noqa: ANN001, ARG001
    from xinfang.deadlines.calendar import official_calendar_rows

    Holiday = apps.get_model("deadlines", "Holiday")
    CalendarYear = apps.get_model("deadlines", "CalendarYear")
    rows, years = official_calendar_rows()
    Holiday.objects.bulk_create(
        [Holiday(date=d, is_workday=w, name=n) for d, w, n in rows], ignore_conflicts=True
    )
    CalendarYear.objects.bulk_create([CalendarYear(year=y) for y in years], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
