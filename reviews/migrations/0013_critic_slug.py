"""Critics get a stored, unique slug for their page: a name in another script or two names
that slugify alike (Anne-Marie Roy, Anne Marie Roy) each get an address of their own."""

from django.db import migrations, models

from core.slugs import free_slug, slug_for


def fill_slugs(apps, schema_editor):
    Critic = apps.get_model("reviews", "Critic")
    for critic in Critic.objects.order_by("pk"):
        critic.slug = free_slug(
            Critic.objects.exclude(pk=critic.pk), slug_for(critic.name, "critic")
        )
        critic.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("reviews", "0012_people_from_cast_and_directors")]

    operations = [
        migrations.AddField(
            model_name="critic",
            name="slug",
            # No index yet: making it unique below adds the indexes (on PostgreSQL an index here
            # and the unique one would both be named ..._like, and the second would fail).
            field=models.SlugField(
                allow_unicode=True, blank=True, default="", max_length=130, db_index=False
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="critic",
            name="slug",
            field=models.SlugField(
                allow_unicode=True,
                blank=True,
                help_text="The address of the critic's page; made from the name when left empty.",
                max_length=130,
                unique=True,
            ),
        ),
    ]
