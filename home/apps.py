from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site"

    def ready(self):
        # What settings changes retire, and this app's parts of the site chrome.
        from . import cache, chrome  # noqa: F401
