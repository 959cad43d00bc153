"""Every editorial role adds and edits people (in the admin, or from a cast row's chooser);
only site owners delete them. See README, "Roles"."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDIT = ["add_person", "change_person", "view_person"]
ROLES = {"Site owners": [*EDIT, "delete_person"], "Editors": EDIT, "Moderators": EDIT}


def grant(apps, schema_editor):
    # Model permissions are normally made after all migrations; these are needed now.
    people = apps.get_app_config("people")
    people.models_module = True
    create_permissions(people, apps=apps, verbosity=0)
    people.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="people", codename__in=codenames)
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="people"))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("home", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
