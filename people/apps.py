from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"

    def ready(self):
        from . import cache  # noqa: F401  (connects what a change to a person retires)
