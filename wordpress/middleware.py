"""Old WordPress addresses by id (/?p=123, /?page_id=45) lead to the page they became."""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

ID_PARAMETERS = ("p", "page_id")


class WordPressIdRedirectMiddleware:
    """The home page answers "/", so Wagtail's redirects, which act on a 404, never see these."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD"):
            name = next((n for n in ID_PARAMETERS if request.GET.get(n, "").isdigit()), None)
            if name and (target := self.target(request, f"/?{name}={request.GET[name]}")):
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)

    @staticmethod
    def target(request, old_path):
        redirects = Redirect.get_for_site(Site.find_for_request(request))
        redirect = redirects.filter(old_path=Redirect.normalise_path(old_path)).first()
        return redirect.link if redirect else None
