"""Every field and block an editor fills in explains itself."""

import pytest
from wagtail import blocks
from wagtail.admin.panels import ObjectList
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from core.blocks import StandardBodyBlock
from feedback.models import CommentSettings
from home.models import HomePage, SiteSettings, StandardPage
from offers.models import Offer, Service
from reviews.blocks import ReviewBodyBlock
from reviews.models import (
    AffiliateDisclosure,
    Category,
    Critic,
    ReviewIndexPage,
    ReviewPage,
    ReviewSettings,
    VerdictLabel,
)


def form_fields(model, user, parent):
    """The fields of the admin form as an editor gets it."""
    if issubclass(model, Page):
        form_class = model.get_edit_handler().get_form_class()
        return form_class(instance=model(), parent_page=parent, for_user=user).fields
    return ObjectList(model.panels).bind_to_model(model).get_form_class()().fields


def child_blocks(block, path=""):
    """Every block inside `block`, with a readable path.

    Wagtail's ImageBlock is a leaf here: its own sub-fields come labelled by Wagtail.
    """
    if isinstance(block, ImageBlock):
        return
    if isinstance(block, blocks.ListBlock):
        yield from child_blocks(block.child_block, path)
        return
    for name, child in getattr(block, "child_blocks", {}).items():
        yield f"{path}{name}", child
        yield from child_blocks(child, f"{path}{name}.")


@pytest.mark.parametrize(
    "model",
    [
        ReviewPage,
        ReviewIndexPage,
        HomePage,
        StandardPage,
        Category,
        VerdictLabel,
        AffiliateDisclosure,
        Critic,
        SiteSettings,
        ReviewSettings,
        CommentSettings,
        Service,
        Offer,
    ],
)
def test_every_form_field_has_help_text(admin_user, home_page, model):
    fields = form_fields(model, admin_user, home_page)
    missing = [name for name, field in fields.items() if not field.help_text]
    assert missing == []


def help_text(block):
    """Structural blocks keep help text in Meta, field blocks on their form field."""
    field = getattr(block, "field", None)
    return getattr(block.meta, "help_text", None) or (field and field.help_text)


@pytest.mark.parametrize("stream", [ReviewBodyBlock, StandardBodyBlock])
def test_every_block_and_sub_block_has_help_text(stream):
    missing = [path for path, block in child_blocks(stream()) if not help_text(block)]
    assert missing == []
