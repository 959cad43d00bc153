import wagtail_factories

from .models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Editorial guidelines"
    slug = "editorial-guidelines"
    intro = "How we work."

    class Meta:
        model = StandardPage
