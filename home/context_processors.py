from django.utils.functional import SimpleLazyObject

from .chrome import chrome_for


def site_chrome(request):
    """Settings, menu, review index and categories for templates; loaded only when used."""
    chrome = SimpleLazyObject(lambda: chrome_for(request))
    return {
        "chrome": chrome,
        "review_index": SimpleLazyObject(lambda: chrome.review_index),
    }
