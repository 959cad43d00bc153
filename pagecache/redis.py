"""Django's Redis cache: one client per Redis server and process, behind a circuit breaker.

Django's client makes a new `redis.Redis` object for every command, and each one copies the
library's table of response callbacks: on a page served from the cache that was a third of the
time spent. A client is safe to share between threads, as its pool hands out connections.

The clients live as long as the process, not as long as one cache object: the page cache and the
renditions cache on the same server share their connections, and a cache object made again when
settings change (as tests do) reuses them instead of leaving open sockets to the garbage collector.

A Redis that is down or frozen must not take the site with it. Every command has short socket
timeouts (TIMEOUT_SECONDS unless OPTIONS say otherwise), and the first one that fails opens the
breaker of that server in this process: from then on every command answers as a cache miss at
once (a write is dropped, `incr` finds no key), so pages render from the database, uncached. A
thread pings the server every RETRY_SECONDS; when it answers, `recovered` is sent from that
thread (the page cache retires there what changed while Redis was away) and only then is the
breaker closed. So a dead Redis costs each process one timeout per outage, and readers never
wait on it again.

A key read on every request (the page cache's tag generation) can be watched instead
(`Announcements`): whoever changes it announces the change on a channel every process listens
to, so a process trusts the value it last read while nothing was announced, and knowing that
costs a look at a socket, not a round trip.
"""

import collections
import logging
import os
import select
import threading
import time
from urllib.parse import urlsplit

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 0.25  # a healthy Redis answers in well under a millisecond
RETRY_SECONDS = 1.0
# A watched value is read again at least this often: an announcement lost without its
# connection failing (a frozen server, a network fault) leaves it trusted no longer than this.
WATCH_SECONDS = 1.0
CHANGES_CHANNEL = "changed-keys"  # one per server: each message names a key that changed

# Sent from the breaker's thread once a server answers again, before the breaker closes; the
# receivers' own cache commands go through. Arguments: server.
recovered = Signal()

_clients = {}
_breakers = {}
_announcements = {}


class Breaker:
    """Whether this process may talk to one Redis server, and the thread that waits for it."""

    def __init__(self, server, ping, retry_seconds):
        address = urlsplit(server)
        self.server = f"{address.hostname}:{address.port or 6379}"  # never its password
        self.ping = ping
        self.retry_seconds = retry_seconds
        self.is_open = False
        self.opened_at = None
        self.trips = 0  # how often it opened in this process: the metric /healthz reports
        self.lock = threading.Lock()
        self.recovery = threading.local()  # set in the thread that probes and recovers

    def allows(self):
        return not self.is_open or getattr(self.recovery, "active", False)

    def reachable(self):
        return self.allows() and not getattr(self.recovery, "failed", False)

    def run(self, command, *args, otherwise):
        """command(*args), or `otherwise` at once when the server is not to be asked or failed."""
        if not self.allows():
            return otherwise
        try:
            return command(*args)
        except redis.RedisError as error:
            self.failed(error)
            return otherwise

    def failed(self, error):
        if getattr(self.recovery, "active", False):
            self.recovery.failed = True
            return
        with self.lock:
            if self.is_open:
                return
            self.is_open, self.opened_at = True, time.monotonic()
            self.trips += 1
        logger.warning(
            "Redis at %s failed (%s): this process serves uncached pages and retries every %s s",
            self.server,
            error,
            self.retry_seconds,
        )
        threading.Thread(target=self.probe, name="redis-breaker", daemon=True).start()

    def probe(self):
        self.recovery.active = True
        while True:
            time.sleep(self.retry_seconds)
            self.recovery.failed = False
            try:
                self.ping()
            except redis.RedisError:
                continue
            answers = recovered.send_robust(sender=Breaker, server=self.server)
            errors = [answer for _, answer in answers if isinstance(answer, Exception)]
            if errors:
                logger.error("Recovering from a Redis outage failed", exc_info=errors[0])
                continue
            if not self.recovery.failed:
                break
        with self.lock:
            self.is_open = False
        logger.warning(
            "Redis at %s answers again after %.1f s",
            self.server,
            time.monotonic() - self.opened_at,
        )

    def state(self):
        state = {"status": "down" if self.is_open else "ok", "breaker_trips": self.trips}
        if self.is_open:
            state["down_for_seconds"] = round(time.monotonic() - self.opened_at, 1)
        return state


class Announcements:
    """Changes to watched keys, as this process hears of them: one subscription per server.

    `read(key, read)` reads a key's value and remembers it if a change to it would be heard of;
    `remembered(key)` gives it back while no change to that key was announced since (a poll of
    the subscription's socket, with nothing sent) and for at most WATCH_SECONDS. A change is
    announced with `announce(key)`, after the write. Redis hands the announcement to every
    subscriber before it answers the next command, so a request another process starts after a
    change already finds the announcement waiting on its socket.

    Whatever this process cannot be sure of means "not remembered": no subscription (yet, or
    lost: reconnecting waits RETRY_SECONDS), the breaker open, another thread reading the
    socket. The caller then asks Redis, as it would without a watch.
    """

    def __init__(self, client, breaker, retry_seconds):
        self.client = client
        self.breaker = breaker
        self.retry_seconds = retry_seconds
        self.lock = threading.Lock()
        self.subscription = None
        self.epoch = 0  # counts subscriptions: a value read under an earlier one is not vouched for
        self.heard = collections.Counter()  # announcements heard, by the key they name
        self.retry_at = 0.0
        self.values = {}  # key: (value, epoch it was read in, monotonic time to read it again)

    def remembered(self, key):
        found = self.values.get(key)
        if found is None:
            return None
        value, epoch, read_again_at = found
        if time.monotonic() >= read_again_at or not self.heard_all(epoch):
            self.values.pop(key, None)
            return None
        # Announcements of other keys (another site's on a shared Redis) leave this one alone.
        return value if self.values.get(key) is found else None

    def read(self, key, read):
        epoch, heard = self.listening(), self.heard[key]
        value = read()
        # Kept only if no change to it was announced (and heard by another thread) meanwhile.
        if (
            epoch is not None
            and value is not None
            and self.heard_all(epoch)
            and self.heard[key] == heard
        ):
            self.values[key] = (value, epoch, time.monotonic() + WATCH_SECONDS)
        return value

    def announce(self, key):
        self.values.pop(key, None)
        self.breaker.run(self.client.publish, CHANGES_CHANNEL, key, otherwise=0)

    def listening(self):
        """The epoch of this process's subscription, subscribing first if need be; or None."""
        with self.lock:
            if self.subscription is not None and self.subscription.pid == os.getpid():
                return self.epoch
            self.subscription = None  # a subscription made before a fork is the parent's
            if not self.breaker.allows() or time.monotonic() < self.retry_at:
                return None
            try:
                self.subscription = Subscription(self.client, CHANGES_CHANNEL)
            except redis.RedisError:
                self.retry_at = time.monotonic() + self.retry_seconds
                return None
            self.epoch += 1
            return self.epoch

    def heard_all(self, epoch):
        """Take in what was announced since the last look (forgetting the keys it names); True
        if that is everything announced since the subscription `epoch` began."""
        if not self.breaker.allows() or not self.lock.acquire(blocking=False):
            return False
        try:
            subscription = self.subscription
            if subscription is None or self.epoch != epoch or subscription.pid != os.getpid():
                return False
            if not subscription.waiting():
                return True
            try:
                for key in subscription.messages():
                    self.heard[key] += 1
                    self.values.pop(key, None)
            except redis.RedisError:
                subscription.close()
                self.subscription = None
                self.retry_at = time.monotonic() + self.retry_seconds
                return False
            return True
        finally:
            self.lock.release()


class Subscription:
    """One channel's messages on a connection of their own, looked for without blocking."""

    def __init__(self, client, channel):
        self.pid = os.getpid()
        self.pubsub = client.pubsub()
        try:
            self.pubsub.subscribe(channel)
            # Subscribed once Redis confirms: announcements made after that reach us.
            timeout = client.connection_pool.connection_kwargs.get("socket_timeout")
            confirmation = self.pubsub.get_message(timeout=timeout)
            if confirmation is None or confirmation["type"] != "subscribe":
                raise redis.ConnectionError(f"Subscribing to {channel} was not confirmed")
        except redis.RedisError:
            self.pubsub.close()
            raise
        self.socket = self.pubsub.connection._sock
        self.poller = select.poll()
        self.poller.register(self.socket, select.POLLIN)

    def waiting(self):
        """Whether anything arrived (a message, or the connection closing)."""
        return bool(self.poller.poll(0))

    def messages(self):
        """The data of the messages that arrived, decoded."""
        while (message := self.pubsub.get_message(timeout=0)) is not None:
            if message["type"] == "message":
                yield message["data"].decode()
        if self.pubsub.connection is None or self.pubsub.connection._sock is not self.socket:
            # redis-py reconnected on its own: what was sent in between is lost.
            raise redis.ConnectionError("The subscription's connection was made again")

    def close(self):
        self.pubsub.close()


class PooledClient(RedisCacheClient):
    def __init__(self, servers, retry_seconds, **options):
        super().__init__(servers, **options)
        self._by_index = {}  # this cache's view of `_clients`, without building keys per command
        identity = (tuple(servers), repr(sorted(self._pool_options.items())))
        self.breaker = _breakers.get(identity)
        if self.breaker is None:
            writer = self._shared_client(servers[0])
            self.breaker = _breakers.setdefault(
                identity, Breaker(servers[0], writer.ping, retry_seconds)
            )
        self.announcements = _announcements.get(identity)
        if self.announcements is None:
            self.announcements = _announcements.setdefault(
                identity,
                Announcements(self._shared_client(servers[0]), self.breaker, retry_seconds),
            )

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

    # Every command through the breaker, answering as a miss when Redis cannot be asked.

    def add(self, key, value, timeout):
        return self.breaker.run(super().add, key, value, timeout, otherwise=False)

    def get(self, key, default):
        return self.breaker.run(super().get, key, default, otherwise=default)

    def set(self, key, value, timeout):
        self.breaker.run(super().set, key, value, timeout, otherwise=None)

    def touch(self, key, timeout):
        return self.breaker.run(super().touch, key, timeout, otherwise=False)

    def delete(self, key):
        return self.breaker.run(super().delete, key, otherwise=False)

    def get_many(self, keys):
        return self.breaker.run(super().get_many, keys, otherwise={})

    def has_key(self, key):
        return self.breaker.run(super().has_key, key, otherwise=False)

    def incr(self, key, delta):
        value = self.breaker.run(super().incr, key, delta, otherwise=None)
        if value is None:
            raise ValueError(f"Key {key!r} not found: Redis cannot be asked.")
        return value

    def set_many(self, data, timeout):
        self.breaker.run(super().set_many, data, timeout, otherwise=None)

    def delete_many(self, keys):
        self.breaker.run(super().delete_many, keys, otherwise=None)

    def clear(self):
        return self.breaker.run(super().clear, otherwise=False)


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClient
        self._options = {
            "socket_connect_timeout": TIMEOUT_SECONDS,
            "socket_timeout": TIMEOUT_SECONDS,
            **self._options,
            "retry_seconds": params.get("RETRY_SECONDS", RETRY_SECONDS),
        }

    def validate_key(self, key):
        """Any key suits Redis. Django's check for memcached's limits walks every character of
        every key (some forty on a page render) for nothing here; the suite's runs on
        per-process memory still check the keys the code makes."""

    def reachable(self):
        return self._cache.breaker.reachable()

    def health(self):
        """{"status": "ok" | "down", ...}: asks Redis unless its breaker is already open."""
        breaker = self._cache.breaker
        if breaker.allows():
            breaker.run(breaker.ping, otherwise=None)
        return breaker.state()


def announcements(cache):
    """The Announcements of `cache`'s Redis server, or None: other backends have none."""
    return cache._cache.announcements if isinstance(cache, SharedClientRedisCache) else None


def reachable(cache):
    """False while `cache` is a Redis this process cannot ask; other backends are always there."""
    return not isinstance(cache, SharedClientRedisCache) or cache.reachable()
