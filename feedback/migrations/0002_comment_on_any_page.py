"""Comments belong to any page, not only reviews: the review column becomes `page`.

A review's id is its page's id, so every stored comment keeps pointing at the same page.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="comment", name="feedback_co_review__8d30d1_idx"),
        migrations.RenameField(model_name="comment", old_name="review", new_name="page"),
        migrations.AlterField(
            model_name="comment",
            name="page",
            field=models.ForeignKey(
                help_text="The review or other page the comment is about.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reader_comments",
                to="wagtailcore.page",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["page", "status", "created_at"], name="feedback_co_page_id_615293_idx"
            ),
        ),
    ]
