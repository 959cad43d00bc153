"""Fields now kept by the reviews and feedback apps' own settings (copied there first)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0007_shared_blocks'),
        ('feedback', '0003_comment_settings'),
        ('reviews', '0009_review_settings'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sitesettings',
            name='comment_blocked_words',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='comments_auto_approve',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='default_disclosure',
        ),
    ]
