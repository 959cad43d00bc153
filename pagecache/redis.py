"""Django's Redis cache, keeping one client per Redis server and process.

Django's client makes a new `redis.Redis` object for every command, and each one copies the
library's table of response callbacks: on a page served from the cache that was a third of the
time spent. A client is safe to share between threads, as its pool hands out connections.

The clients live as long as the process, not as long as one cache object: the page cache and the
renditions cache on the same server share their connections, and a cache object made again when
settings change (as tests do) reuses them instead of leaving open sockets to the garbage collector.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

_clients = {}


class PooledClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._by_index = {}  # this cache's view of `_clients`, without building keys per command

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._by_index.get(index)
        if client is None:
            client = self._by_index[index] = self._shared_client(self._servers[index])
        return client

    def _shared_client(self, server):
        identity = (server, self._pool_class, repr(sorted(self._pool_options.items())))
        client = _clients.get(identity)
        if client is None:
            pool = self._pool_class.from_url(server, **self._pool_options)
            client = _clients.setdefault(identity, self._client(connection_pool=pool))
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClient
