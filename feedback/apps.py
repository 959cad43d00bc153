from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Reader feedback"

    def ready(self):
        from . import cache  # noqa: F401  (connects what feedback changes retire)
