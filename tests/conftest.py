import pytest
from wagtail.models import Site

from home.models import HomePage, SiteSettings
from reviews.factories import AffiliateDisclosureFactory, ReviewIndexPageFactory


@pytest.fixture
def home_page(db):
    """The home page the data migration creates as the default site's root."""
    return HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)


@pytest.fixture
def review_index(home_page):
    return ReviewIndexPageFactory(parent=home_page)


@pytest.fixture
def default_disclosure(home_page):
    disclosure = AffiliateDisclosureFactory(text="<p>We earn a commission on shop links.</p>")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.default_disclosure = disclosure
    settings.save()
    return disclosure
