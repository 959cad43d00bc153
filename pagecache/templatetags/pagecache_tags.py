"""{% cachedfragment %}: part of a page rendered once and kept until what it shows changes."""

from django import template
from django.utils.safestring import mark_safe

from pagecache import tags

register = template.Library()

FRAGMENT_SECONDS = 24 * 60 * 60


class CachedFragmentNode(template.Node):
    """A fragment keyed by its name, its parts and the host; kept until one of its tags changes.

    Subclasses (other fragment tags) say how the enclosed part is rendered and its tags
    collected (`build`) and what the page learns from it (`record`).
    """

    key_prefix = "fragment"

    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        names = [str(part.resolve(context)) for part in self.parts]
        key = f"{self.key_prefix}:{request.scheme}://{request.get_host()}:{':'.join(names)}"

        def build():
            html, shown = self.build(context, request)
            return {"html": html, "tags": sorted(shown)}, shown

        fragment = tags.fetch_or_build(key, build, FRAGMENT_SECONDS)
        self.record(request, fragment["tags"])
        return mark_safe(fragment["html"])

    def build(self, context, request):
        html = self.nodelist.render(context)
        # Everything the page said it shows so far: a superset of what this part shows.
        return html, set(tags.shown_by(request))

    def record(self, request, fragment_tags):
        tags.depends_on(request, *fragment_tags)

    @classmethod
    def tag(cls, end):
        """The compile function of a fragment tag ending with `end`."""

        def compile_fragment(parser, token):
            parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
            if not parts:
                raise template.TemplateSyntaxError(f"{token.contents.split()[0]} needs a name")
            nodelist = parser.parse((end,))
            parser.delete_first_token()
            return cls(nodelist, parts)

        return compile_fragment


# {% cachedfragment "name" part… %}…{% endcachedfragment %}: use it inside a page whose view has
# already recorded, with `depends_on`, every tag of what the enclosed part shows; the fragment
# is retired with any of them.
register.tag("cachedfragment", CachedFragmentNode.tag("endcachedfragment"))
