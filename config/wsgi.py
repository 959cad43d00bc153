import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from pagecache.front import PageCacheFront  # noqa: E402  (needs Django set up)

application = PageCacheFront(django_application)
