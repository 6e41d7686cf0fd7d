"""Fetching URLs safely: the ``Fetcher`` interface, a live ``HttpFetcher`` and a ``RecordedFetcher`` for tests.

A fetch either returns a ``FetchResult`` (a 2xx response, or a 304 when a conditional request found the page
unchanged) or raises ``FetchError`` whose ``reason`` is a precise, human-readable sentence: the flow records it
as the quarantine reason, as it does ``flows.inputs.InputError``. HTTP error statuses (404, 410, a 503 that
outlasted the retries) are failures too, with ``FetchError.status`` set.

``HttpFetcher`` is built on the standard library (``http.client``, ``ssl``, ``socket``) so that it can connect
to the very address it checked, and it enforces, from one ``Settings``:

* http and https only, on the first URL and on every redirect (followed by hand, at most ``max_redirects``);
* no loopback, private, link-local, multicast, reserved or unspecified destination (IPv4 and IPv6, with IPv4
  inside IPv4-mapped and 6to4 IPv6 addresses) unless ``allow_private_hosts``: the host name is resolved, every
  address is checked, and the connection goes to one of those checked addresses (see ``_connect``);
* a connect timeout and a read timeout; retries with exponential backoff for timeouts, connection errors, 5xx
  and 429 only, honouring ``Retry-After`` on 429 and 503;
* a size cap (``max_input_bytes``): Content-Length is checked up front and the body is read in chunks, the
  read stopping as soon as it goes over (a gzip or deflate body is decoded as it streams, under the same cap);
* robots.txt (``respect_robots``), fetched once per origin and cached, with its Crawl-delay;
* a least delay between two requests to one host (``host_delay``), and a User-Agent naming newsetl.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from hashlib import sha1
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsetl.settings import Settings

SCHEMES = {"http": 80, "https": 443}  # the schemes fetched, with their default ports
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024
# characters left as they are when a request target is percent-encoded: RFC 3986 reserved, unreserved and '%'
_URL_SAFE = "/:@!$&'()*+,;=-._~%?"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]  # (host name, port) -> IP addresses, as strings
AddressRule = Callable[[IPAddress], "str | None"]  # an address -> why it is refused, or None when allowed


class FetchError(Exception):
    """A URL that could not be fetched. ``reason`` (also the message) is the quarantine reason."""

    def __init__(self, reason: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url  # the URL that failed: the one asked for, or a redirect's target
        self.status = status  # the HTTP status when the server answered with an error


@dataclass(frozen=True)
class FetchResult:
    """A fetched page: a 2xx response, or a 304 (``not_modified``) to a conditional request."""

    url: str  # the final URL, after redirects
    status: int
    headers: Mapping[str, str]  # every response header, names lower-cased (repeated ones joined by ", ")
    body: bytes  # decoded of any gzip/deflate Content-Encoding; empty for a 304
    fetched_at: datetime  # UTC, when the response arrived
    requested_url: str = ""  # the URL asked for, when it redirected elsewhere (else the same as url)

    @property
    def not_modified(self) -> bool:
        """The page is unchanged since the ``etag`` / ``last_modified`` sent with the request."""
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@runtime_checkable
class Fetcher(Protocol):
    """What the flow fetches with: ``HttpFetcher`` live, ``RecordedFetcher`` in tests. The flow calls one fetcher
    from several threads at once, one per host (``flows.sources.fetch_many``)."""

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """The page at ``url``; raises ``FetchError`` with the reason when it cannot be had.

        With ``etag`` or ``last_modified`` (from an earlier result) the request is conditional
        (If-None-Match / If-Modified-Since) and an unchanged page comes back with ``not_modified``.
        """
        ...


# --- where a fetch may go -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A URL checked for its scheme and split into what a request needs."""

    url: str  # without its fragment
    scheme: str  # "http" or "https"
    host: str  # lower-case; an IDN in its ASCII (punycode) form; an IPv6 literal without brackets
    port: int
    request_target: str  # path and query, percent-encoded, e.g. "/news?id=1"

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + ("" if self.port == SCHEMES[self.scheme] else f":{self.port}")

    @property
    def host_header(self) -> str:
        return self.origin.split("://", 1)[1]


def parse_url(url: str) -> Target:
    """``url`` as a ``Target``; raises ``FetchError`` if it is not an http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:  # a bad port or IPv6 literal
        raise FetchError(f"invalid URL: {exc}", url=url) from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"{scheme}:" if scheme else "none"
        raise FetchError(f"unsupported URL scheme ({shown}): newsetl fetches http:// and https:// URLs only", url=url)
    if not parts.hostname:
        raise FetchError("the URL has no host name", url=url)
    host = parts.hostname
    if not _is_ip(host):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise FetchError(f"invalid host name {parts.hostname!r}: {exc}", url=url) from exc
    path = quote(parts.path or "/", safe=_URL_SAFE)
    query = quote(parts.query, safe=_URL_SAFE)
    return Target(
        url=urlunsplit((scheme, parts.netloc, parts.path, parts.query, "")),
        scheme=scheme,
        host=host,
        port=port or SCHEMES[scheme],
        request_target=path + (f"?{query}" if query else ""),
    )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), in the resolver's order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


_ADDRESS_KINDS = (
    ("is_unspecified", "an unspecified address"),
    ("is_loopback", "a loopback address"),
    ("is_link_local", "a link-local address"),
    ("is_multicast", "a multicast address"),
    ("is_private", "a private address"),
    ("is_reserved", "a reserved address"),
)


def address_refusal(address: IPAddress) -> str | None:
    """Why newsetl must not connect to ``address`` ("a loopback address", ...), or None for a public address.

    An IPv4 address inside an IPv6 one (IPv4-mapped ``::ffff:a.b.c.d``, 6to4 ``2002::/16``) is judged as IPv4.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is not None:
            reason = address_refusal(inner)
            if reason:
                return f"{reason} ({inner}) inside an IPv6 address"
    for attribute, kind in _ADDRESS_KINDS:
        if getattr(address, attribute):
            return kind
    if not address.is_global:  # e.g. 100.64.0.0/10, shared between carrier-grade NAT customers
        return "not a public address"
    return None


def check_destination(
    target: Target,
    settings: Settings,
    *,
    resolver: Resolver = resolve,
    address_rule: AddressRule = address_refusal,
) -> list[str]:
    """The addresses to connect to for ``target``: every one checked by ``address_rule``.

    Raises ``FetchError`` when the host does not resolve, or when any address it resolves to is refused (one bad
    address is enough: which address a connection gets is not ours to choose), unless ``allow_private_hosts``.
    """
    if _is_ip(target.host):
        addresses = [target.host]
    else:
        try:
            addresses = resolver(target.host, target.port)
        except (socket.gaierror, UnicodeError) as exc:
            detail = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
            raise FetchError(f"cannot resolve host name {target.host}: {detail}", url=target.url) from exc
        if not addresses:
            raise FetchError(f"cannot resolve host name {target.host}: no address", url=target.url)
    if settings.allow_private_hosts:
        return addresses
    for address in addresses:
        reason = address_rule(ipaddress.ip_address(address.split("%", 1)[0]))  # an IPv6 zone id is no part of it
        if reason:
            where = address if address == target.host else f"{target.host} resolves to {address}"
            raise FetchError(f"refused: {where}, {reason} (NEWSETL_ALLOW_PRIVATE_HOSTS is off)", url=target.url)
    return addresses


# --- the live fetcher -----------------------------------------------------------------------------------------


class _Transient(Exception):
    """A failure worth retrying (timeout, refused or dropped connection); the message is the reason."""


@dataclass
class _Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime


@dataclass
class HttpFetcher:
    """Fetches over the network under the rules in the module docstring; one instance per run.

    The instance keeps the per-host request times (for ``host_delay``) and the robots.txt cache. ``clock`` and
    ``sleep`` (monotonic seconds), ``resolver`` and ``address_rule`` are injectable so tests run without real
    waits, DNS or public servers. Threads may share an instance (``flows.sources.fetch_many`` runs one per host):
    the next request time of a host is reserved under a lock, so the per-host delay holds across threads, and
    each origin's robots.txt is fetched once, by the first thread that needs it.
    """

    settings: Settings
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    resolver: Resolver = resolve
    address_rule: AddressRule = address_refusal
    ssl_context: ssl.SSLContext = field(default_factory=ssl.create_default_context)
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, RobotFileParser | FetchError] = field(default_factory=dict, init=False, repr=False)
    _crawl_delay: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)
    _origin_locks: dict[str, threading.Lock] = field(default_factory=dict, init=False, repr=False, compare=False)

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """The page at ``url``; see ``Fetcher.fetch``."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, check_robots=self.settings.respect_robots)

    def _get(self, url: str, extra_headers: dict[str, str], *, check_robots: bool) -> FetchResult:
        """GET ``url``, following redirects by hand; every hop is checked like the first URL."""
        current = url
        for hop in range(self.settings.max_redirects + 1):
            try:
                target = parse_url(current)
                addresses = check_destination(
                    target, self.settings, resolver=self.resolver, address_rule=self.address_rule
                )
                if check_robots:
                    self._check_robots(target)
                response = self._request_with_retries(target, addresses, extra_headers)
            except FetchError as exc:
                if hop == 0:
                    raise
                raise FetchError(f"{exc.reason}; reached by a redirect from {url} to {current}", url=current,
                                 status=exc.status) from exc
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location header", url=current,
                                     status=response.status)
                current = urljoin(target.url, location.strip())
                continue
            if 200 <= response.status < 300 or response.status == 304:
                return FetchResult(url=target.url, status=response.status, headers=response.headers,
                                   body=response.body, fetched_at=response.fetched_at, requested_url=url)
            raise FetchError(f"HTTP {response.status} {response.reason}".strip(), url=current,
                             status=response.status)
        raise FetchError(f"too many redirects: more than {self.settings.max_redirects} (NEWSETL_MAX_REDIRECTS), "
                         f"the last to {current}", url=url)

    # retries and waits

    def _request_with_retries(self, target: Target, addresses: list[str], headers: dict[str, str]) -> _Response:
        """One request, tried again after timeouts, connection errors, 5xx and 429 (never after other 4xx).

        Try n+1 waits ``fetch_backoff * 2**(n-1)`` seconds, or what a 429's or 503's Retry-After asks; a wait
        over ``fetch_max_wait`` is not made: the fetch fails at once with the reason.
        """
        tries = 1 + max(0, self.settings.fetch_retries)
        for attempt in range(1, tries + 1):
            retry_after = None
            try:
                response = self._request(target, addresses, headers)
            except _Transient as exc:
                failure, status = str(exc), None
            else:
                if response.status < 500 and response.status != 429:
                    return response
                failure, status = f"HTTP {response.status} {response.reason}".strip(), response.status
                if response.status in (429, 503):
                    retry_after = _retry_after(response.headers.get("retry-after"))
            if attempt == tries:
                break
            if retry_after is not None and retry_after > self.settings.fetch_max_wait:
                most = self.settings.fetch_max_wait
                raise FetchError(f"{failure}, Retry-After {retry_after:g} s, over the {most:g} s a fetch waits "
                                 "(NEWSETL_FETCH_MAX_WAIT)", url=target.url, status=status)
            backoff = min(self.settings.fetch_backoff * 2 ** (attempt - 1), self.settings.fetch_max_wait)
            self.sleep(backoff if retry_after is None else retry_after)
        suffix = f" (after {tries} tries)" if tries > 1 else ""
        raise FetchError(failure + suffix, url=target.url, status=status)

    def _wait_for_host(self, host: str) -> None:
        """Sleep until ``host_delay`` (or the host's robots.txt Crawl-delay) has passed since the last request to
        ``host``. The slot is reserved before the sleep, so a thread that comes next waits for the one after."""
        with self._lock:
            delay = max(self.settings.host_delay, self._crawl_delay.get(host, 0.0))
            last = self._last_request.get(host)
            now = self.clock()
            start = now if last is None else max(now, last + delay)
            self._last_request[host] = start
        if start > now:
            self.sleep(start - now)

    # robots.txt

    def _check_robots(self, target: Target) -> None:
        """Raise ``FetchError`` when the origin's robots.txt (fetched once, then cached) disallows ``target``."""
        with self._lock:
            origin_lock = self._origin_locks.setdefault(target.origin, threading.Lock())
        with origin_lock:  # another thread asking the same origin waits for its robots.txt
            rules = self._robots.get(target.origin)
            if rules is None:
                rules = self._robots[target.origin] = self._load_robots(target)
        if isinstance(rules, FetchError):
            raise FetchError(rules.reason, url=target.url)
        if not rules.can_fetch(self.settings.user_agent, target.url):
            raise FetchError("disallowed by robots.txt", url=target.url)

    def _load_robots(self, target: Target) -> RobotFileParser | FetchError:
        """The origin's robots.txt rules, per RFC 9309: a 4xx (but 429) allows all; a robots.txt that cannot be
        had (5xx, 429, network failure, refused redirect) disallows all, as the error kept in the cache."""
        rules = RobotFileParser()
        robots_url = f"{target.origin}/robots.txt"
        try:
            result = self._get(robots_url, {}, check_robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                rules.allow_all = True
                return rules
            return FetchError(f"{robots_url} could not be fetched ({exc.reason}), and without it nothing on "
                              f"{target.origin} is (RFC 9309)", url=robots_url)
        rules.parse(result.body.decode("utf-8", errors="replace").splitlines())
        crawl_delay = rules.crawl_delay(self.settings.user_agent)
        if crawl_delay:
            with self._lock:
                self._crawl_delay[target.host] = min(float(crawl_delay), self.settings.fetch_max_wait)
        return rules

    # one request

    def _request(self, target: Target, addresses: list[str], extra_headers: dict[str, str]) -> _Response:
        """One GET on a fresh connection; raises ``_Transient`` for what may pass, ``FetchError`` for the rest."""
        self._wait_for_host(target.host)
        headers = {
            "Host": target.host_header,
            "User-Agent": self.settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
            "Connection": "close",
            **extra_headers,
        }
        sock = self._connect(target, addresses)
        connection = http.client.HTTPConnection(target.host, target.port, timeout=self.settings.read_timeout)
        connection.sock = sock  # the checked address, connected (and TLS-wrapped) by _connect
        try:
            connection.request("GET", target.request_target, headers=headers)
            response = connection.getresponse()
            fetched_at = datetime.now(UTC)
            response_headers = _headers(response)
            body = b""
            if 200 <= response.status < 300:
                body = self._read_body(response, response_headers, target)
            return _Response(response.status, response.reason, response_headers, body, fetched_at)
        except TimeoutError as exc:
            raise _Transient(f"no data from {target.host} for {self.settings.read_timeout:g} s "
                             "(NEWSETL_READ_TIMEOUT)") from exc
        except ssl.SSLError as exc:
            raise FetchError(_tls_failure(target, exc), url=target.url) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise _Transient(f"connection to {target.host} failed: {_describe(exc)}") from exc
        finally:
            connection.close()

    def _connect(self, target: Target, addresses: list[str]) -> socket.socket:
        """A socket connected to one of ``addresses`` (tried in order), TLS-wrapped for https.

        Connecting to the address that was checked, not to the host name, closes the DNS-rebinding gap (a name
        that resolves to a public address for the check and to a private one for the connection). TLS still
        verifies the certificate against the host name (SNI and hostname checking use ``target.host``).
        Redirects are new hops, resolved and checked again. What is not covered: a public address that forwards
        (a proxy on the path, or a public host that itself redirects at the TCP level) is out of our sight.
        """
        errors = []
        for address in addresses:
            try:
                sock = socket.create_connection((address, target.port), timeout=self.settings.connect_timeout)
                break
            except TimeoutError:
                errors.append(f"timed out after {self.settings.connect_timeout:g} s (NEWSETL_CONNECT_TIMEOUT)")
            except OSError as exc:
                errors.append(_describe(exc))
            if address != target.host:
                errors[-1] = f"{address}: {errors[-1]}"
        else:
            raise _Transient(f"cannot connect to {target.host} port {target.port}: " + "; ".join(errors))
        try:
            if target.scheme == "https":
                sock = self.ssl_context.wrap_socket(sock, server_hostname=target.host)  # handshake, connect timeout
            sock.settimeout(self.settings.read_timeout)
        except ssl.SSLError as exc:
            sock.close()
            raise FetchError(_tls_failure(target, exc), url=target.url) from exc
        except TimeoutError as exc:
            sock.close()
            raise _Transient(f"TLS handshake with {target.host} timed out after "
                             f"{self.settings.connect_timeout:g} s (NEWSETL_CONNECT_TIMEOUT)") from exc
        except OSError as exc:
            sock.close()
            raise _Transient(f"TLS handshake with {target.host} failed: {_describe(exc)}") from exc
        return sock

    def _read_body(self, response: http.client.HTTPResponse, headers: dict[str, str], target: Target) -> bytes:
        """The body, read in chunks and decoded of gzip/deflate; ``FetchError`` once it goes over the cap."""
        cap = self.settings.max_input_bytes
        over = f"over the size cap ({cap} bytes, NEWSETL_MAX_INPUT_BYTES)"
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{over}: Content-Length is {int(declared)}", url=target.url)
        encoding = headers.get("content-encoding", "identity").strip().lower()
        decoder = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)  # 32: a zlib or gzip header, detected
        elif encoding not in ("", "identity"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}", url=target.url)
        parts: list[bytes] = []
        received = size = 0
        while chunk := response.read(CHUNK_BYTES):
            received += len(chunk)
            if decoder is not None:
                try:
                    chunk = decoder.decompress(chunk, cap + 1 - size)  # never more than one byte over the cap
                except zlib.error as exc:
                    raise FetchError(f"cannot decode the {encoding} body: {exc}", url=target.url) from exc
            size += len(chunk)
            if size > cap or received > cap:
                raise FetchError(over + (" once decoded" if size > cap and decoder else ""), url=target.url)
            parts.append(chunk)
        return b"".join(parts)


def _headers(response: http.client.HTTPResponse) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in response.getheaders():
        name = name.lower()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _tls_failure(target: Target, exc: ssl.SSLError) -> str:
    """The reason for a failed TLS handshake; never retried (a bad certificate does not mend in a second)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate of {target.host} not accepted: {exc.verify_message}"
    return f"TLS error with {target.host}: {exc.reason or exc}"


def _describe(exc: BaseException) -> str:
    """A short description of a network error: its strerror ('Connection refused') or its class and message."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


# --- the recorded fetcher -------------------------------------------------------------------------------------

Recording = FetchResult | FetchError


class RecordedFetcher:
    """Replays recorded responses, with no network: for tests and offline runs.

    Built from a mapping {URL: FetchResult or FetchError} or from a directory written by ``save`` (an
    ``index.json`` and one body file per page). A recorded ``FetchError`` is raised; a URL with no recording
    raises ``FetchError("no recorded response for URL")``; an ``etag`` / ``last_modified`` equal to the
    recorded one gives a 304 ``not_modified`` result. ``requests`` lists the URLs asked for, in order (the
    requests of hosts asked at once interleave).
    """

    def __init__(self, recordings: Mapping[str, Recording] | str | Path) -> None:
        if isinstance(recordings, str | Path):
            recordings = load_recordings(Path(recordings))
        self.recordings: dict[str, Recording] = dict(recordings)
        self.requests: list[str] = []

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """The recorded response for ``url``; see ``Fetcher.fetch``."""
        self.requests.append(url)
        recording = self.recordings.get(url)
        if recording is None:
            raise FetchError(f"no recorded response for {url}", url=url)
        if isinstance(recording, FetchError):
            raise FetchError(recording.reason, url=recording.url or url, status=recording.status)
        unchanged = (etag is not None and etag == recording.etag) or (
            last_modified is not None and last_modified == recording.last_modified
        )
        if unchanged:
            return replace(recording, status=304, body=b"")
        return recording

    def save(self, directory: Path) -> None:
        """Write the recordings to ``directory`` in the format ``RecordedFetcher(directory)`` reads."""
        directory.mkdir(parents=True, exist_ok=True)
        index: dict[str, dict[str, object]] = {}
        for url, recording in sorted(self.recordings.items()):
            if isinstance(recording, FetchError):
                index[url] = {"error": recording.reason, "status": recording.status}
                continue
            name = f"{sha1(url.encode()).hexdigest()[:16]}{_suffix(recording.content_type)}"
            (directory / name).write_bytes(recording.body)
            index[url] = {
                "url": recording.url,
                "status": recording.status,
                "headers": dict(recording.headers),
                "body": name,
                "fetched_at": recording.fetched_at.isoformat(),
            }
        (directory / "index.json").write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")


def load_recordings(directory: Path) -> dict[str, Recording]:
    """The recordings in ``directory/index.json``: {URL: {url?, status?, headers?, body?, fetched_at?} or
    {error, status?}}, ``body`` naming a file beside it. A missing ``fetched_at`` is read as now."""
    index = json.loads((directory / "index.json").read_text(encoding="utf-8"))
    recordings: dict[str, Recording] = {}
    for url, entry in index.items():
        if "error" in entry:
            recordings[url] = FetchError(entry["error"], url=url, status=entry.get("status"))
            continue
        fetched_at = datetime.fromisoformat(entry["fetched_at"]) if "fetched_at" in entry else datetime.now(UTC)
        recordings[url] = FetchResult(
            url=entry.get("url", url),
            status=int(entry.get("status", 200)),
            headers={k.lower(): v for k, v in entry.get("headers", {}).items()},
            body=(directory / entry["body"]).read_bytes() if entry.get("body") else b"",
            fetched_at=fetched_at,
            requested_url=url,
        )
    return recordings


def _suffix(content_type: str | None) -> str:
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return ".html"
    if kind.endswith("xml"):
        return ".xml"
    if kind.startswith("text/"):
        return ".txt"
    return ".bin"
