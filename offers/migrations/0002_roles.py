"""Site owners manage services and see the click report; every editorial role sees each
offer's link, to mend the broken ones. See README, "Roles"."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Site owners": [
        "add_service",
        "change_service",
        "delete_service",
        "view_service",
        "view_offer",
        "view_clickcount",
    ],
    "Editors": ["view_offer"],
    "Moderators": ["view_offer"],
}


def grant(apps, schema_editor):
    # Model permissions are normally made after all migrations; these are needed now.
    offers = apps.get_app_config("offers")
    offers.models_module = True
    create_permissions(offers, apps=apps, verbosity=0)
    offers.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="offers", codename__in=codenames)
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="offers"))


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
        ("home", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
