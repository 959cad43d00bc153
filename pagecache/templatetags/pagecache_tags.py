"""{% cachedfragment %}: part of a page rendered once and kept until what it shows changes."""

from django import template
from django.utils.safestring import mark_safe

from pagecache import tags

register = template.Library()

FRAGMENT_SECONDS = 24 * 60 * 60


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        names = [str(part.resolve(context)) for part in self.parts]
        key = f"fragment:{request.scheme}://{request.get_host()}:{':'.join(names)}"

        def build():
            html = self.nodelist.render(context)
            # Everything the page said it shows so far: a superset of what this part shows.
            shown = sorted(tags.shown_by(request))
            return {"html": html, "tags": shown}, set(shown)

        fragment = tags.fetch_or_build(key, build, FRAGMENT_SECONDS)
        tags.depends_on(request, *fragment["tags"])
        return mark_safe(fragment["html"])


@register.tag
def cachedfragment(parser, token):
    """{% cachedfragment "name" part… %}…{% endcachedfragment %}, keyed by name and parts.

    Use it inside a page whose view has already recorded, with `depends_on`, every tag of what
    the enclosed part shows: the fragment is retired with any of them.
    """
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("cachedfragment needs a name")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parts)
