"""The default disclosure moves from the site settings to the reviews app."""

import django.db.models.deletion
from django.db import migrations, models


def copy_from_site_settings(apps, schema_editor):
    """Each site's default disclosure, until now kept in its site settings."""
    SiteSettings = apps.get_model("home", "SiteSettings")
    ReviewSettings = apps.get_model("reviews", "ReviewSettings")
    for old in SiteSettings.objects.all():
        ReviewSettings.objects.update_or_create(
            site_id=old.site_id, defaults={"default_disclosure_id": old.default_disclosure_id}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0008_cast_rows_as_list_items'),
        ('home', '0007_shared_blocks'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReviewSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('default_disclosure', models.ForeignKey(blank=True, help_text='Shown at the top of every review that does not choose another one.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reviews.affiliatedisclosure')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'review settings',
            },
        ),
        migrations.RunPython(copy_from_site_settings, migrations.RunPython.noop),
    ]
