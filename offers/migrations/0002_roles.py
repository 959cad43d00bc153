"""Site owners manage services and see the click report; every editorial role sees each
offer's link, to mend the broken ones. See README, "Roles"."""

from django.db import migrations

from core.roles import role_permissions

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


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
        ("home", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(*role_permissions("offers", ROLES))]
