"""The site's icons and web app manifest, and /favicon.ico answered rather than a 404."""

import json

from bs4 import BeautifulSoup


def test_favicon_ico_leads_to_the_icon(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/icons/favicon.ico"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    icon.close()


def test_pages_link_the_icons_and_the_manifest(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    icons = {link["href"]: link.get("type") for link in soup.select("link[rel=icon]")}
    assert icons == {
        "/static/icons/icon.svg": "image/svg+xml",
        "/static/icons/icon-32.png": "image/png",
    }
    assert soup.select_one("link[rel=apple-touch-icon]")["href"] == (
        "/static/icons/apple-touch-icon.png"
    )
    assert soup.select_one("link[rel=manifest]")["href"] == "/site.webmanifest"
    assert soup.select_one("meta[name=theme-color]")["content"]


def test_the_manifest_names_the_site_and_its_icons(client, home_page):
    response = client.get("/site.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "The Projection Booth"
    assert manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        served.close()
