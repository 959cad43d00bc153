"""Addresses: affiliate templates, the sites links go to, and links in review text.

Plain functions of strings, so the models, the review page and the checker share them.
"""

import re
from html import unescape
from urllib.parse import quote, urlsplit, urlunsplit

WEB_SCHEMES = ["http", "https"]
PLACEHOLDERS = ("{url}", "{url_encoded}")
HREF = re.compile(r'\bhref="([^"]*)"')
START_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
REL = re.compile(r'\srel="[^"]*"', re.IGNORECASE)
SPONSORED = "sponsored noopener"


def is_web_address(url):
    parts = urlsplit(url)
    return parts.scheme in WEB_SCHEMES and bool(parts.hostname)


def site_of(url):
    """The host name a link goes to, without a leading "www." ("" for anything else)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def apply_template(template, url):
    """The affiliate address for `url`.

    A template starting with "?" adds its parameters to the address ("?tag=booth-21");
    any other is a whole address with {url} or {url_encoded} where the offer's address goes.
    """
    if not template:
        return url
    if template.startswith("?"):
        parts = urlsplit(url)
        query = "&".join(part for part in (parts.query, template[1:]) if part)
        return urlunsplit(parts._replace(query=query))
    return template.replace("{url_encoded}", quote(url, safe="")).replace("{url}", url)


def template_problem(template):
    """Why an affiliate template cannot work, or "" when it can."""
    if not template or template.startswith("?"):
        return ""
    braces = set(re.findall(r"\{[^}]*\}", template))
    if not braces & set(PLACEHOLDERS):
        return "Put {url} or {url_encoded} where the offer's address goes, or start with '?'."
    if braces - set(PLACEHOLDERS):
        return "Only {url} and {url_encoded} can be filled in."
    if not is_web_address(apply_template(template, "https://example.com/film")):
        return "The template must make an http:// or https:// address."
    return ""


def strings_in(data):
    """Every string in JSON-like data, such as a StreamField's stored blocks."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from strings_in(value)


def linked_urls(data):
    """Every address linked from HTML anywhere in `data`, in order."""
    return [unescape(url) for text in strings_in(data) for url in HREF.findall(text)]


def goes_to(url, sites):
    """Whether `url` links to one of `sites` (host names) or a subdomain of one."""
    site = site_of(url)
    return bool(site) and any(site == other or site.endswith(f".{other}") for other in sites)


def mark_sponsored(html, sites):
    """`html` with rel="sponsored noopener" on every link to one of `sites`."""

    def mark(match):
        tag = match.group(0)
        href = HREF.search(tag)
        if href is None or not goes_to(unescape(href.group(1)), sites):
            return tag
        return f'{REL.sub("", tag)[:-1]} rel="{SPONSORED}">'

    return START_TAG.sub(mark, html)
