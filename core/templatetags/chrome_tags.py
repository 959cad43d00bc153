"""{% chromefragment %}: a part every page shows around its content (the header, the footer),
drawn from the site chrome, rendered once and kept until a chrome part it reads changes."""

from django import template

from pagecache import keys, tags
from pagecache.templatetags.pagecache_tags import CachedFragmentNode

from ..chrome import chrome_for

register = template.Library()


class ChromeFragmentNode(CachedFragmentNode):
    key_prefix = "chrome-fragment"

    def build(self, context, request):
        with chrome_for(request).tags_read() as read:
            html = self.nodelist.render(context)
        return html, read | {keys.SITE}  # the site's name and addresses

    def record(self, request, fragment_tags):
        # Like the chrome itself, it never makes the response storable.
        tags.also_depends_on(request, *fragment_tags)


# {% chromefragment "name" part… %}…{% endchromefragment %}: the enclosed part may show the
# chrome, the site, and only what its key parts name besides.
register.tag("chromefragment", ChromeFragmentNode.tag("endchromefragment"))
