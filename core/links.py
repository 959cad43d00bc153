def absolute_url(page, request):
    """The page's full address on the host the reader used (Django has validated it)."""
    return request.build_absolute_uri(page.get_url(request))
