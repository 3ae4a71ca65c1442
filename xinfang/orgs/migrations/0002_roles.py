from django.db import migrations

ROLES = ["registrar", "handler", "approver", "supervisor", "leader", "administrator"]


def create_roles(apps, schema_editor):  # noqa: ANN001, ARG001
    StaffRole = apps.get_model("orgs", "StaffRole")
    for code in ROLES:
        StaffRole.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
