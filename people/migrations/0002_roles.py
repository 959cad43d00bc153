"""Every editorial role adds and edits people (in the admin, or from a cast row's chooser);
only site owners delete them. See README, "Roles"."""

from django.db import migrations

from core.roles import role_permissions

EDIT = ["add_person", "change_person", "view_person"]
ROLES = {"Site owners": [*EDIT, "delete_person"], "Editors": EDIT, "Moderators": EDIT}


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("home", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(*role_permissions("people", ROLES))]
