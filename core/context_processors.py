from django.utils.functional import SimpleLazyObject

from .chrome import chrome_for


def site_chrome(request):
    """The site-wide parts for templates, as `chrome`; loaded only when a template uses them."""
    return {"chrome": SimpleLazyObject(lambda: chrome_for(request))}
