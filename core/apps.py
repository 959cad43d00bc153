from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared parts"

    def ready(self):
        from . import proxies

        checks.register(proxies.untrusted_proxy_check, checks.Tags.security)
