"""The ceiling for any Django page: a one-file app with no middleware and a constant response.

bench/run.py serves it with gunicorn beside the site, with the same options, and measures every
page against it: a page cannot cost less than Django's own handling of a request.
"""

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(64),
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
)


def constant(request):
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("", constant)]

application = get_wsgi_application()
