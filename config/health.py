"""Health endpoints for load balancers and monitoring.

- /healthz/live: the process answers (touches nothing); restart it if this fails.
- /healthz/ready: it can serve readers, which needs the database; Redis only speeds pages up,
  so without it the site is degraded but ready. Send traffic only while this answers 200.
- /healthz: every dependency and its state, 503 if any is down, for monitoring.
"""

from django.core.cache import caches
from django.db import Error, connection
from django.http import HttpResponse, JsonResponse

from pagecache.redis import SharedClientRedisCache


def live(request):
    return HttpResponse("ok\n", content_type="text/plain")


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error as error:
        connection.close()  # a new connection is tried next time
        return {"status": "down", "error": str(error).strip()}
    return {"status": "ok"}


def cache_state():
    cache = caches["default"]
    if isinstance(cache, SharedClientRedisCache):
        return cache.health()
    return {"status": "ok", "note": "this process's memory (no REDIS_URL)"}


def dependencies():
    return {"database": database_state(), "cache": cache_state()}


def respond(required):
    """The state of every dependency; 503 if one of those required is down."""
    found = dependencies()
    down = sorted(name for name, state in found.items() if state["status"] != "ok")
    serving = "database" not in down
    summary = "ok" if not down else "degraded" if serving else "down"
    return JsonResponse(
        {"status": summary, "down": down, "dependencies": found},
        status=503 if required & set(down) else 200,
    )


def ready(request):
    return respond(required={"database"})


def overview(request):
    return respond(required={"database", "cache"})
