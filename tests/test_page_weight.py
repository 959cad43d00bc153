"""Pages stay light: small HTML, sized images, nothing render-blocking from other sites."""

from bs4 import BeautifulSoup

HTML_BUDGET = 60 * 1024


def test_review_with_20_blocks_and_50_long_comments_is_under_60_kb(client, site_with_content):
    # Comments of a realistic length: a paragraph or two each.
    for comment in site_with_content.reader_comments.all():
        comment.body = "A thought about the film, with a reason or two behind it. " * 6
        comment.save()
    response = client.get(site_with_content.url)
    assert response.status_code == 200
    assert site_with_content.reader_comments.filter(status="approved").count() == 50
    assert len(response.content) < HTML_BUDGET


def test_review_page_loads_nothing_render_blocking_from_elsewhere(client, site_with_content):
    soup = BeautifulSoup(client.get(site_with_content.url).content, "html.parser")
    stylesheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    scripts = [script["src"] for script in soup.select("script[src]")]
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    assert all(src.startswith("/static/") for src in scripts)
    assert all(
        script.has_attr("defer") or script.has_attr("async")
        for script in soup.select("script[src]")
    )


def test_images_come_as_sized_renditions_in_modern_formats(client, site_with_content):
    soup = BeautifulSoup(client.get(site_with_content.url).content, "html.parser")
    pictures = soup.select("picture")
    assert len(pictures) >= 4  # the poster and three images in the body
    for picture in pictures:
        types = {source["type"] for source in picture.select("source")}
        assert {"image/avif", "image/webp"} <= types
        image = picture.select_one("img")
        assert image.has_attr("width") and image.has_attr("height")
        assert "," in image["srcset"]  # more than one width to choose from
