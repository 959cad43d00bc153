from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = "Where to watch"

    def ready(self):
        from . import cache  # noqa: F401  (connects what service changes retire)
