"""Permissions for the editorial roles (the groups home's migrations create), granted by an
app's data migration: `migrations.RunPython(*role_permissions("people", ROLES))`."""

from django.contrib.auth.management import create_permissions


def role_permissions(app_label, roles):
    """(grant, revoke) for RunPython: `roles` maps a group's name to permission codenames of
    `app_label`; a group that does not exist is left alone."""

    def grant(apps, schema_editor):
        # Model permissions are normally made after all migrations; these are needed now.
        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None

        Group = apps.get_model("auth.Group")
        Permission = apps.get_model("auth.Permission")
        for name, codenames in roles.items():
            group = Group.objects.filter(name=name).first()
            if group:
                group.permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )

    def revoke(apps, schema_editor):
        Permission = apps.get_model("auth.Permission")
        for group in apps.get_model("auth.Group").objects.filter(name__in=roles):
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label))

    return grant, revoke
