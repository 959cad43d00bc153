from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import ReviewIndexPage


def review_index(request):
    """The site's review index, for navigation and category links; looked up only when used."""

    def find():
        site = Site.find_for_request(request)
        return ReviewIndexPage.objects.live().in_site(site).first() if site else None

    return {"review_index": SimpleLazyObject(find)}
