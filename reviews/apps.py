from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self):
        # What review changes retire, and this app's parts of the site chrome.
        from . import cache, chrome  # noqa: F401
