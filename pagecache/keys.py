"""The engine's own tag names: what every Wagtail site has, whatever its apps.

- page:<id>    a page's own content (published, unpublished, moved or deleted)
- image:<id>   an image and its renditions
- menu         the pages near the top of the tree, which menus and routing show
- site         the Site records (host names, site names, root pages) and the view
               restrictions that say who may see which part of a site

Apps name the rest of what their pages show in their own `cache.py`.
"""

MENU = "menu"
SITE = "site"


def page(pk):
    return f"page:{pk}"


def image(pk):
    return f"image:{pk}"
