from django.db import migrations

DEFAULT_LABELS = [
    ("Must See", "positive"),
    ("Worth Seeing", "positive"),
    ("Mixed", "mixed"),
    ("Skip It", "negative"),
]


def create_labels(apps, schema_editor):
    VerdictLabel = apps.get_model("reviews.VerdictLabel")
    for order, (name, tone) in enumerate(DEFAULT_LABELS):
        VerdictLabel.objects.get_or_create(name=name, defaults={"tone": tone, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(create_labels, migrations.RunPython.noop)]
