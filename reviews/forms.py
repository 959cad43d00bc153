"""The review's admin form: what a new review starts with."""

from core.block_values import text_section
from core.forms import EditorialPageForm

from .block_values import verdict


class ReviewPageForm(EditorialPageForm):
    """A new review starts with a text section and the verdict that ends it, signed by the
    critic who has the editor's own name, if there is one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding or self.is_bound:
            return
        if "body" in self.fields and not self.instance.body:
            self.initial["body"] = self.instance.body.stream_block.to_python(
                [text_section(""), verdict(label_id=None, summary="")]
            )
        user = getattr(self, "for_user", None)
        if "author" in self.fields and user and not self.instance.author_id:
            name = user.get_full_name()
            critic = self.fields["author"].queryset.filter(name=name).first() if name else None
            if critic:
                self.initial["author"] = critic.pk
