"""Cast rows stored by early versions as bare values get Wagtail's list-item shape.

`ReviewPage.cast()` then reads one shape only. Published pages and every saved revision are
rewritten; a row's text is kept as it is.
"""

import json
import uuid

from django.db import migrations


def as_list_items(body):
    """The body with every cast row as {"type": "item", "value": …, "id": …}; None if unchanged."""
    changed = False
    for block in body:
        if block.get("type") != "cast":
            continue
        rows = block["value"].get("members", [])
        for index, row in enumerate(rows):
            if not (isinstance(row, dict) and row.get("type") == "item" and "value" in row):
                rows[index] = {"type": "item", "value": row, "id": str(uuid.uuid4())}
                changed = True
    return body if changed else None


def forwards(apps, schema_editor):
    ReviewPage = apps.get_model("reviews", "ReviewPage")
    for page in ReviewPage.objects.only("pk", "body").iterator():
        fixed = as_list_items(list(page.body.raw_data))
        if fixed is not None:
            page.body = fixed
            page.save(update_fields=["body"])

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    review_type = ContentType.objects.filter(app_label="reviews", model="reviewpage").first()
    if review_type is None:
        return
    revisions = Revision.objects.filter(content_type=review_type).only("pk", "content")
    for revision in revisions.iterator():
        body = revision.content.get("body")
        if not body:
            continue
        fixed = as_list_items(json.loads(body) if isinstance(body, str) else body)
        if fixed is not None:
            revision.content["body"] = json.dumps(fixed)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_verdict_details_and_shared_blocks"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
