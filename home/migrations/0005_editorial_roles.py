"""The three editorial roles. Wagtail's own migrations create Editors and Moderators (and the
"Moderators approval" workflow on the whole tree); this adds what this site needs to them and
creates Site owners. See README, "Roles"."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_ACTIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_ACTIONS = ["add", "change", "choose", "delete"]

# Choosing a verdict label, critic or disclosure in a review needs no permission on it.
MODERATORS = {
    "feedback": ["view_comment", "change_comment", "view_readerrating"],
}
SITE_OWNERS = {
    "reviews": [
        f"{action}_{model}"
        for model in ("category", "affiliatedisclosure", "verdictlabel", "critic")
        for action in ("add", "change", "delete", "view")
    ],
    "feedback": ["view_comment", "change_comment", "delete_comment", "view_readerrating"],
    "home": ["change_sitesettings"],
    "wagtailadmin": ["access_admin"],
}


def permissions(apps, by_app):
    Permission = apps.get_model("auth.Permission")
    wanted = [
        (app_label, codename) for app_label, codenames in by_app.items() for codename in codenames
    ]
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in wanted
    ]


def create_roles(apps, schema_editor):
    # Model permissions are normally made after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    owners, _ = Group.objects.get_or_create(name="Site owners")
    moderators.permissions.add(*permissions(apps, MODERATORS))
    owners.permissions.add(*permissions(apps, SITE_OWNERS))

    root = Page.objects.get(depth=1)
    for codename in PAGE_ACTIONS:
        GroupPagePermission.objects.get_or_create(
            group=owners,
            page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    root_collection = Collection.objects.get(depth=1)
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in COLLECTION_ACTIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=owners,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                ),
            )
    # Site owners may approve reviews that editors submit, like moderators.
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.add(owners)


def remove_site_owners(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name="Site owners").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_sitesettings_comment_blocked_words_and_more"),
        ("reviews", "0003_reviewpage_comments_open"),
        ("feedback", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, remove_site_owners)]
