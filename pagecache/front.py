"""Pages from the page cache before Django handles the request at all.

config/wsgi.py wraps Django's WSGI application in this. A page in the cache is sent from here,
with the headers it was stored with: Django builds no request object, sends no request signals
and runs no middleware (sessions, authentication, messages and CSRF have nothing to do for an
anonymous reader's cached page). Anything else goes to Django, with what was looked up passed
on, so the page cache middleware stores the page without looking again. So does a request with
a session cookie: the middleware sends the stored page unless the session is a signed-in one.
"""

from . import pages


class PageCacheFront:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        lookup = environ[pages.LOOKUP] = pages.look_up(environ)
        if lookup is not None and lookup.page is not None and not pages.carries_session(environ):
            headers, body = pages.variant(lookup.page, environ.get("HTTP_ACCEPT_ENCODING", ""))
            start_response(lookup.page["status"], headers)
            return [body]
        return self.application(environ, start_response)
