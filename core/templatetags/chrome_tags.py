"""{% chromefragment %}: a part every page shows around its content (the header, the footer),
drawn from the site chrome, rendered once and kept until a chrome part it reads changes."""

from django import template
from django.utils.safestring import mark_safe

from pagecache import keys, tags

from ..chrome import chrome_for

register = template.Library()

FRAGMENT_SECONDS = 24 * 60 * 60


class ChromeFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        names = [str(part.resolve(context)) for part in self.parts]
        key = f"chrome-fragment:{request.scheme}://{request.get_host()}:{':'.join(names)}"
        chrome = chrome_for(request)

        def build():
            with chrome.tags_read() as read:
                html = self.nodelist.render(context)
            shown = read | {keys.SITE}  # the site's name and addresses
            return {"html": html, "tags": sorted(shown)}, shown

        fragment = tags.fetch_or_build(key, build, FRAGMENT_SECONDS)
        # Like the chrome itself, it never makes the response storable.
        tags.also_depends_on(request, *fragment["tags"])
        return mark_safe(fragment["html"])


@register.tag
def chromefragment(parser, token):
    """{% chromefragment "name" part… %}…{% endchromefragment %}, keyed by name, parts and host.

    The enclosed part may show the chrome, the site, and only what its key parts name besides.
    """
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("chromefragment needs a name")
    nodelist = parser.parse(("endchromefragment",))
    parser.delete_first_token()
    return ChromeFragmentNode(nodelist, parts)
