"""What the WordPress importer made from each part of an export, so a second run updates it."""

from django.db import models


class ImportedItem(models.Model):
    """One post, page, attachment, comment or uploaded file of a WordPress site, and its result.

    `source_key` names the part in its export ("post:12", "comment:40", "file:2019/05/a.jpg");
    `object_id` is the page, image or comment it became. For pages, `revision_id` is the revision
    the import left: if the page's latest revision differs, an editor has changed it since.
    """

    site_url = models.CharField(max_length=255, help_text="The WordPress site's address.")
    source_key = models.CharField(max_length=255)
    object_id = models.PositiveBigIntegerField()
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site_url", "source_key"], name="unique_wp_source")
        ]

    def __str__(self):
        return f"{self.site_url} {self.source_key} → {self.object_id}"
