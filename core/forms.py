from wagtail.admin.forms import WagtailAdminPageForm

# Wagtail's own page fields that come without help text.
PAGE_FIELD_HELP = {
    "go_live_at": "Publish automatically at this time; leave empty to publish on approval.",
    "expire_at": "Unpublish automatically at this date and time; leave empty to keep it live.",
    "comment_notifications": "Email me when someone leaves an editor's comment on this page.",
}


class EditorialPageForm(WagtailAdminPageForm):
    """The admin form of every page on the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, help_text in PAGE_FIELD_HELP.items():
            if name in self.fields and not self.fields[name].help_text:
                self.fields[name].help_text = help_text
