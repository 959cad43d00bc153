"""Loading what a page shows in a few queries instead of one per image, embed or choice.

- `ImagesShown`: the images a page shows, with all their renditions in one query. Wagtail
  looks renditions up image by image: a query for each image each template tag shows. Nothing
  is loaded until a rendition is first needed, which happens only when a cached part of the
  page has to be rendered again; then every image comes with every rendition at once.
- `objects_known`: chooser blocks (images, snippets) converted within it take the objects a
  page already has (its images from `ImagesShown`, its verdict label) instead of loading them.
- `embeds_shown_together`: the embed blocks of a body find their stored embeds in one query.
"""

import contextlib
import copy
from contextvars import ContextVar

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.timezone import now
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class RenditionsLoadedLater:
    """Stands in for an image's prefetched renditions until Wagtail first reads them."""

    def __init__(self, load):
        self._load = load

    def __iter__(self):
        return iter(self._load())

    def append(self, rendition):  # a rendition made now is kept with the others
        self._load().append(rendition)

    def __reduce__(self):
        # An image kept in a cache (with a rendition) keeps no renditions from this render.
        return type(None), ()


class ImagesShown:
    """The images one page shows; see the module's docstring."""

    def __init__(self, ids=()):
        self.ids = {pk for pk in ids if pk}
        self.loaded = {}

    def images(self):
        """{id: image} for every image shown, each with its renditions prefetched."""
        missing = self.ids - self.loaded.keys()
        if missing:
            self.loaded |= with_renditions(missing)
        return self.loaded

    def attach(self, image):
        """Let an image loaded elsewhere (a poster, loaded with its review) take its
        renditions from here."""
        if image is not None:
            self.ids.add(image.pk)
            image.prefetched_renditions = RenditionsLoadedLater(lambda: self.renditions(image.pk))

    def renditions(self, pk):
        image = self.images().get(pk)
        return image.prefetched_renditions if image else []


def load_renditions_together(images):
    """The first rendition any of these images needs loads those of all of them (a listing's
    posters, say)."""
    shown = ImagesShown()
    for image in images:
        shown.attach(image)
    return shown


def with_renditions(ids):
    """{id: image} with every rendition of each: one query, and one more for images that have
    none yet (they get their first when this page renders)."""
    image_model = get_image_model()
    images = {}
    renditions = image_model.get_rendition_model().objects.filter(image_id__in=ids)
    for rendition in renditions.select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        if image is rendition.image:
            image.prefetched_renditions = []
        rendition.image = image
        image.prefetched_renditions.append(rendition)
    if missing := ids - images.keys():
        for image in image_model.objects.filter(pk__in=missing):
            image.prefetched_renditions = []
            images[image.pk] = image
    return images


_objects_known = ContextVar("objects_known", default=None)


@contextlib.contextmanager
def objects_known(objects):
    """Chooser blocks converted within this block take these objects (images with their
    renditions, say) instead of loading them again."""
    known = {(type(obj), obj.pk): obj for obj in objects if obj is not None}
    token = _objects_known.set({**(_objects_known.get() or {}), **known})
    try:
        yield
    finally:
        _objects_known.reset(token)


class KnownObjectsChooserMixin:
    """A chooser block that takes what `objects_known` holds and loads only the rest."""

    def bulk_to_python(self, values):
        known = _objects_known.get() or {}
        model = self.model_class
        found = {pk: known[model, pk] for pk in values if (model, pk) in known}
        if missing := [pk for pk in values if pk is not None and pk not in found]:
            found |= self.model_class.objects.in_bulk(missing)
        # Like Wagtail's own: an object chosen twice is two objects (alt text is set on each).
        result, seen = [], set()
        for pk in values:
            obj = found.get(pk)
            result.append(copy.copy(obj) if obj is not None and pk in seen else obj)
            seen.add(pk)
        return result


class KnownImageChooserBlock(KnownObjectsChooserMixin, ImageChooserBlock):
    pass


class KnownImageBlock(ImageBlock):
    """Wagtail's image block (an image with alt text), taking images from `objects_known`."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = KnownImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser


class EmbedsShown:
    """The stored embeds of several embed blocks, loaded in one query when the first is shown."""

    def __init__(self, values):
        self.hashes = {get_embed_hash(v.url, v.max_width, v.max_height) for v in values if v}
        self.stored = None

    def find(self, value):
        if self.stored is None:
            found = Embed.objects.filter(hash__in=self.hashes).exclude(cache_until__lte=now())
            self.stored = {embed.hash: embed for embed in found}
        return self.stored.get(get_embed_hash(value.url, value.max_width, value.max_height))


class EmbedShownWithOthers(EmbedValue):
    def __init__(self, value, shown):
        super().__init__(value.url, value.max_width, value.max_height)
        self.shown = shown

    @cached_property
    def html(self):
        embed = self.shown.find(self)
        if embed is None:  # not stored yet: Wagtail finds and stores it, as usual
            return super().html
        # What wagtail.embeds.format.embed_to_frontend_html renders for a stored embed.
        return render_to_string("wagtailembeds/embed_frontend.html", {"embed": embed})


def embeds_shown_together(values):
    """These embed block values (or None), showing their stored embeds from one query."""
    shown = EmbedsShown(values)
    return [value and EmbedShownWithOthers(value, shown) for value in values]
