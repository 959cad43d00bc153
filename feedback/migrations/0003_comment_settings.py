"""Comment moderation settings move from the site settings to the feedback app."""

import django.db.models.deletion
from django.db import migrations, models


def copy_from_site_settings(apps, schema_editor):
    """Each site's comment rules, until now kept in its site settings."""
    SiteSettings = apps.get_model("home", "SiteSettings")
    CommentSettings = apps.get_model("feedback", "CommentSettings")
    for old in SiteSettings.objects.all():
        CommentSettings.objects.update_or_create(
            site_id=old.site_id,
            defaults={
                "auto_approve": old.comments_auto_approve,
                "blocked_words": old.comment_blocked_words,
            },
        )


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0002_comment_on_any_page'),
        ('home', '0007_shared_blocks'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='CommentSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('auto_approve', models.BooleanField(default=False, help_text='Publish comments at once from readers whose name and email already have an approved comment. Comments the spam filter holds are still held.', verbose_name='approve returning commenters')),
                ('blocked_words', models.TextField(blank=True, default='casino\nviagra\ncrypto giveaway\npayday loan', help_text='One word or phrase per line; a comment containing one goes to the spam queue.')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'comment settings',
            },
        ),
        migrations.RunPython(copy_from_site_settings, migrations.RunPython.noop),
    ]
