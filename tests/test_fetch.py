"""flows/fetch.py against a real HTTP server on 127.0.0.1 (a thread per test), with a fake clock for the waits."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from flows.fetch import (
    Fetcher,
    FetchError,
    FetchResult,
    HttpFetcher,
    RecordedFetcher,
    address_refusal,
    check_destination,
    parse_url,
)
from flows.inputs import InputRef
from flows.sources import fetch_pages
from newsetl.settings import Settings
from tests.conftest import local_http_server

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"

Route = Callable[[BaseHTTPRequestHandler], None]


# --- a local server and a fake clock --------------------------------------------------------------------------


@dataclass
class Server:
    """What the test server answers (``routes`` by path) and what it was asked (``requests``)."""

    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (path, headers)

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def count(self, path: str) -> int:
        return sum(1 for seen, _ in self.requests if seen == path)

    def headers(self, path: str) -> dict[str, str]:
        """The headers of the last request for ``path``."""
        return [headers for seen, headers in self.requests if seen == path][-1]


def respond(status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def in_turn(*routes: Route) -> Route:
    """Each request gets the next route; the last one repeats."""
    calls = iter(range(10**6))

    def route(handler: BaseHTTPRequestHandler) -> None:
        routes[min(next(calls), len(routes) - 1)](handler)

    return route


def slow(seconds: float, then: Route) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        then(handler)

    return route


@contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[Server]:
    """A ``Server`` on 127.0.0.1 and a free port, over TLS with ``tls``, stopped on leaving."""
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            state.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            route = state.routes.get(path, respond(404, b"not found"))
            try:
                route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up on purpose (timeouts, size cap)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

    with local_http_server(Handler, tls) as port:
        state.port = port
        yield state


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as state:
        yield state


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, valid for a day, and its key: (cert.pem, key.pem)."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """An https ``Server`` with a self-signed certificate for localhost, and the certificate to trust."""
    cert_path, key_path = self_signed_certificate(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert_path, key_path)
    with serve(tls) as state:
        yield state, cert_path


class FakeClock:
    """A monotonic clock that only moves when slept on (or told to); the sleeps are recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def local_settings(**overrides: object) -> Settings:
    """Settings for the local server: private hosts allowed, tiny timeouts, no host delay, no robots."""
    values: dict[str, object] = dict(allow_private_hosts=True, connect_timeout=1.0, read_timeout=1.0,
                                     fetch_retries=2, fetch_backoff=0.5, host_delay=0.0, respect_robots=False)
    values.update(overrides)
    return replace(Settings(), **values)  # type: ignore[arg-type]


def fetcher(settings: Settings, clock: FakeClock | None = None, **kwargs: object) -> HttpFetcher:
    clock = clock or FakeClock()
    return HttpFetcher(settings, clock=clock, sleep=clock.sleep, **kwargs)  # type: ignore[arg-type]


def fetch_error(fetch: Callable[[], object]) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch()
    return caught.value


# --- plain fetching -------------------------------------------------------------------------------------------


def test_fetches_a_page_with_its_headers_and_user_agent(server: Server) -> None:
    server.routes["/news"] = respond(200, b"<p>hello</p>", {
        "Content-Type": "text/html; charset=utf-8", "ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 08:00:00 GMT"})
    settings = local_settings()
    result = fetcher(settings).fetch(server.url("/news?id=1#top"))
    assert isinstance(result, FetchResult)
    assert (result.status, result.body, result.not_modified) == (200, b"<p>hello</p>", False)
    assert result.url == server.url("/news?id=1")  # the fragment is not sent, nor kept
    assert result.content_type == "text/html; charset=utf-8"
    assert result.etag == '"v1"'
    assert result.last_modified == "Wed, 01 Jan 2025 08:00:00 GMT"
    assert result.fetched_at.tzinfo is UTC and abs((datetime.now(UTC) - result.fetched_at).total_seconds()) < 5
    sent = server.headers("/news")
    assert sent["user-agent"] == settings.user_agent
    assert sent["user-agent"].startswith("newsetl/") and "+http" in sent["user-agent"]
    assert sent["host"] == f"127.0.0.1:{server.port}"
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_both_fetchers_are_fetchers() -> None:
    assert isinstance(HttpFetcher(Settings()), Fetcher)
    assert isinstance(RecordedFetcher({}), Fetcher)


def test_a_gzip_body_is_decoded(server: Server) -> None:
    server.routes["/gz"] = respond(200, gzip.compress(b"<p>zipped</p>"), {"Content-Encoding": "gzip"})
    assert fetcher(local_settings()).fetch(server.url("/gz")).body == b"<p>zipped</p>"


# --- retries and timeouts -------------------------------------------------------------------------------------


def test_5xx_is_retried_with_exponential_backoff_then_succeeds(server: Server) -> None:
    server.routes["/flaky"] = in_turn(respond(500), respond(502), respond(200, b"ok"))
    clock = FakeClock()
    result = fetcher(local_settings(fetch_retries=3, fetch_backoff=0.5), clock).fetch(server.url("/flaky"))
    assert result.body == b"ok"
    assert server.count("/flaky") == 3
    assert clock.sleeps == [0.5, 1.0]


def test_5xx_fails_after_the_retries(server: Server) -> None:
    server.routes["/down"] = respond(502, b"bad gateway")
    clock = FakeClock()
    error = fetch_error(lambda: fetcher(local_settings(fetch_retries=2), clock).fetch(server.url("/down")))
    assert error.reason == "HTTP 502 Bad Gateway (after 3 tries)"
    assert error.status == 502
    assert server.count("/down") == 3
    assert clock.sleeps == [0.5, 1.0]


def test_404_is_not_retried(server: Server) -> None:
    clock = FakeClock()
    error = fetch_error(lambda: fetcher(local_settings(fetch_retries=3), clock).fetch(server.url("/missing")))
    assert error.reason == "HTTP 404 Not Found"
    assert error.status == 404
    assert server.count("/missing") == 1
    assert clock.sleeps == []


def test_retry_after_is_honoured_on_503_and_429(server: Server) -> None:
    server.routes["/busy"] = in_turn(respond(503, headers={"Retry-After": "7"}), respond(429), respond(200, b"ok"))
    clock = FakeClock()
    assert fetcher(local_settings(fetch_retries=3), clock).fetch(server.url("/busy")).body == b"ok"
    assert clock.sleeps == [7.0, 1.0]  # Retry-After, then the backoff for the second retry (429 with none)


def test_a_retry_after_longer_than_the_max_wait_fails_at_once(server: Server) -> None:
    server.routes["/later"] = respond(429, headers={"Retry-After": "3600"})
    clock = FakeClock()
    error = fetch_error(lambda: fetcher(local_settings(fetch_max_wait=60.0), clock).fetch(server.url("/later")))
    assert error.reason.startswith("HTTP 429 Too Many Requests, Retry-After 3600 s, over the 60 s")
    assert server.count("/later") == 1
    assert clock.sleeps == []


def test_a_read_timeout_is_retried_then_fails(server: Server) -> None:
    server.routes["/slow"] = slow(2.0, respond(200, b"too late"))
    clock = FakeClock()
    started = time.monotonic()
    error = fetch_error(lambda: fetcher(local_settings(read_timeout=0.1, fetch_retries=1), clock)
                        .fetch(server.url("/slow")))
    assert time.monotonic() - started < 1.5  # gave up long before the server answered
    assert error.reason == "no data from 127.0.0.1 for 0.1 s (NEWSETL_READ_TIMEOUT) (after 2 tries)"
    assert server.count("/slow") == 2
    assert clock.sleeps == [0.5]


def test_a_timeout_then_an_answer_succeeds(server: Server) -> None:
    server.routes["/once-slow"] = in_turn(slow(0.5, respond(200, b"late")), respond(200, b"fast"))
    result = fetcher(local_settings(read_timeout=0.1)).fetch(server.url("/once-slow"))
    assert result.body == b"fast"
    assert server.count("/once-slow") == 2


def test_a_refused_connection_is_retried() -> None:
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    clock = FakeClock()
    error = fetch_error(lambda: fetcher(local_settings(fetch_retries=2), clock).fetch(f"http://127.0.0.1:{port}/"))
    assert error.reason == f"cannot connect to 127.0.0.1 port {port}: Connection refused (after 3 tries)"
    assert clock.sleeps == [0.5, 1.0]


# --- the size cap ---------------------------------------------------------------------------------------------


def test_a_content_length_over_the_cap_fails_up_front(server: Server) -> None:
    server.routes["/big"] = respond(200, b"x" * 100, {"Content-Length": "5000"})
    error = fetch_error(lambda: fetcher(local_settings(max_input_bytes=1000)).fetch(server.url("/big")))
    assert error.reason == "over the size cap (1000 bytes, NEWSETL_MAX_INPUT_BYTES): Content-Length is 5000"
    assert server.count("/big") == 1  # not retried


def test_a_body_at_the_cap_is_read_whole(server: Server) -> None:
    server.routes["/exact"] = respond(200, b"x" * 1000)
    assert len(fetcher(local_settings(max_input_bytes=1000)).fetch(server.url("/exact")).body) == 1000


def test_an_endless_body_is_cut_at_the_cap(server: Server) -> None:
    """No Content-Length and a body that never ends: only the streamed cap can stop it."""
    sent = []

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        chunk = b"x" * 65536
        for _ in range(16384):  # 1 GiB, far more than the test could read in its time
            handler.wfile.write(chunk)
            sent.append(len(chunk))

    server.routes["/endless"] = endless
    started = time.monotonic()
    error = fetch_error(lambda: fetcher(local_settings(max_input_bytes=200_000)).fetch(server.url("/endless")))
    assert error.reason == "over the size cap (200000 bytes, NEWSETL_MAX_INPUT_BYTES)"
    assert time.monotonic() - started < 3
    assert server.count("/endless") == 1


def test_a_gzip_bomb_is_cut_at_the_cap(server: Server) -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)  # about 5 kB that decode to 5 MB
    server.routes["/bomb"] = respond(200, bomb, {"Content-Encoding": "gzip"})
    error = fetch_error(lambda: fetcher(local_settings(max_input_bytes=100_000)).fetch(server.url("/bomb")))
    assert error.reason == "over the size cap (100000 bytes, NEWSETL_MAX_INPUT_BYTES) once decoded"


# --- schemes and destinations ---------------------------------------------------------------------------------


def _no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"resolved {host}: the URL should have been refused before any look-up")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.html", "data:text/html,<p>hi</p>",
                                 "javascript:alert(1)", "gopher://example.com/", "example.com/news"])
def test_schemes_other_than_http_and_https_are_refused(url: str) -> None:
    error = fetch_error(lambda: fetcher(Settings(), resolver=_no_dns).fetch(url))
    assert error.reason.startswith("unsupported URL scheme (")
    assert error.reason.endswith("newsetl fetches http:// and https:// URLs only")


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1:{port}/", "refused: 127.0.0.1, a loopback address"),
    ("http://localhost:{port}/", "refused: localhost resolves to 127.0.0.1, a loopback address"),
    ("http://[::1]:{port}/", "refused: ::1, a loopback address"),
    ("http://[::ffff:127.0.0.1]:{port}/", "refused: ::ffff:127.0.0.1, a loopback address (127.0.0.1) inside an IPv6"),
    ("http://10.1.2.3/", "refused: 10.1.2.3, a private address"),
    ("http://192.168.0.1/", "refused: 192.168.0.1, a private address"),
    ("http://172.16.5.4/", "refused: 172.16.5.4, a private address"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254, a link-local address"),
    ("http://[fe80::1]/", "refused: fe80::1, a link-local address"),
    ("http://[fc00::1]/", "refused: fc00::1, a private address"),
    ("http://0.0.0.0/", "refused: 0.0.0.0, an unspecified address"),
    ("http://224.0.0.1/", "refused: 224.0.0.1, a multicast address"),
    ("http://100.64.0.1/", "refused: 100.64.0.1, not a public address"),
    ("http://[2002:7f00:1::]/", "refused: 2002:7f00:1::, a loopback address (127.0.0.1) inside an IPv6"),
])
def test_default_settings_refuse_private_destinations(server: Server, url: str, reason: str) -> None:
    settings = Settings()
    assert not settings.allow_private_hosts
    error = fetch_error(lambda: HttpFetcher(settings).fetch(url.format(port=server.port)))
    assert error.reason.startswith(reason)
    assert "NEWSETL_ALLOW_PRIVATE_HOSTS" in error.reason
    assert server.requests == []  # refused before robots.txt or the page was asked for


def test_every_resolved_address_is_checked() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return {"mixed.example": ["93.184.216.34", "10.0.0.5"],
                "public.example": ["93.184.216.34", "2606:4700::1"]}[host]

    error = fetch_error(lambda: check_destination(parse_url("https://mixed.example/"), Settings(), resolver=resolver))
    assert error.reason.startswith("refused: mixed.example resolves to 10.0.0.5, a private address")
    assert check_destination(parse_url("https://public.example/"), Settings(), resolver=resolver) == [
        "93.184.216.34", "2606:4700::1"]
    allowed = replace(Settings(), allow_private_hosts=True)
    assert check_destination(parse_url("https://mixed.example/"), allowed, resolver=resolver) == [
        "93.184.216.34", "10.0.0.5"]


def test_address_refusal() -> None:
    assert address_refusal(ipaddress.ip_address("93.184.216.34")) is None
    assert address_refusal(ipaddress.ip_address("2606:4700::1")) is None
    mapped = ipaddress.ip_address("::ffff:10.0.0.1")
    assert address_refusal(mapped) == "a private address (10.0.0.1) inside an IPv6 address"
    assert address_refusal(ipaddress.ip_address("::")) == "an unspecified address"
    assert address_refusal(ipaddress.ip_address("ff02::1")) == "a multicast address"
    assert address_refusal(ipaddress.ip_address("240.0.0.1")) is not None  # reserved


def test_the_connection_goes_to_the_checked_address(server: Server) -> None:
    """No second look-up between the check and the connection (DNS rebinding): the checked address is used."""
    server.routes["/p"] = respond(200, b"ok")
    looked_up = []

    def resolver(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return ["127.0.0.1"]  # rebind.test exists nowhere else: only this answer can reach the server

    url = f"http://rebind.test:{server.port}/p"
    assert fetcher(local_settings(), resolver=resolver).fetch(url).body == b"ok"
    assert looked_up == ["rebind.test"]
    assert server.headers("/p")["host"] == f"rebind.test:{server.port}"


def test_an_unresolvable_host_fails_with_the_resolver_error() -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    error = fetch_error(lambda: fetcher(Settings(), resolver=resolver).fetch("https://no-such-host.example/"))
    assert error.reason == "cannot resolve host name no-such-host.example: Name or service not known"


# --- redirects ------------------------------------------------------------------------------------------------


def only_the_test_server(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """The default rule, but for 127.0.0.1 itself: the server is allowed, every other private address is not."""
    return None if str(address) == "127.0.0.1" else address_refusal(address)


def test_redirects_are_followed(server: Server) -> None:
    server.routes["/a"] = respond(301, headers={"Location": "/b?x=1"})
    server.routes["/b"] = respond(302, headers={"Location": server.url("/c")})
    server.routes["/c"] = respond(200, b"final")
    result = fetcher(local_settings(max_redirects=2)).fetch(server.url("/a"))
    assert (result.url, result.requested_url, result.body) == (server.url("/c"), server.url("/a"), b"final")
    assert [path for path, _ in server.requests] == ["/a", "/b", "/c"]


def test_too_many_redirects_fail(server: Server) -> None:
    server.routes["/loop"] = respond(307, headers={"Location": "/loop"})
    error = fetch_error(lambda: fetcher(local_settings(max_redirects=3)).fetch(server.url("/loop")))
    assert error.reason == (f"too many redirects: more than 3 (NEWSETL_MAX_REDIRECTS), the last to "
                            f"{server.url('/loop')}")
    assert server.count("/loop") == 4


@pytest.mark.parametrize(("location", "reason"), [
    ("http://10.0.0.1/secret", "refused: 10.0.0.1, a private address"),
    ("http://127.0.0.2:{port}/", "refused: 127.0.0.2, a loopback address"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254, a link-local address"),
    ("file:///etc/passwd", "unsupported URL scheme (file:)"),
])
def test_each_redirect_is_checked_again(server: Server, location: str, reason: str) -> None:
    location = location.format(port=server.port)
    server.routes["/go"] = respond(302, headers={"Location": location})
    settings = local_settings(allow_private_hosts=False)  # the default rule, with the server let through
    error = fetch_error(lambda: fetcher(settings, address_rule=only_the_test_server).fetch(server.url("/go")))
    assert error.reason.startswith(reason)
    assert error.reason.endswith(f"; reached by a redirect from {server.url('/go')} to {location}")
    assert [path for path, _ in server.requests] == ["/go"]


# --- robots.txt -----------------------------------------------------------------------------------------------


def test_robots_txt_disallow_is_honoured_and_cached(server: Server) -> None:
    server.routes["/robots.txt"] = respond(200, b"User-agent: *\nDisallow: /private\n")
    server.routes["/public"] = respond(200, b"ok")
    server.routes["/private/page"] = respond(200, b"secret")
    fetch = fetcher(local_settings(respect_robots=True))
    error = fetch_error(lambda: fetch.fetch(server.url("/private/page")))
    assert error.reason == "disallowed by robots.txt"
    assert fetch.fetch(server.url("/public")).body == b"ok"
    assert server.count("/private/page") == 0
    assert server.count("/robots.txt") == 1  # once per host and port


def test_robots_txt_rules_for_newsetl(server: Server) -> None:
    robots = b"User-agent: otherbot\nDisallow:\n\nUser-agent: newsetl\nDisallow: /\n"
    server.routes["/robots.txt"] = respond(200, robots)
    server.routes["/page"] = respond(200, b"ok")
    error = fetch_error(lambda: fetcher(local_settings(respect_robots=True)).fetch(server.url("/page")))
    assert error.reason == "disallowed by robots.txt"
    assert server.count("/page") == 0


def test_a_missing_robots_txt_allows_all(server: Server) -> None:
    server.routes["/page"] = respond(200, b"ok")
    assert fetcher(local_settings(respect_robots=True)).fetch(server.url("/page")).body == b"ok"
    assert server.count("/robots.txt") == 1


def test_an_unreachable_robots_txt_disallows_all(server: Server) -> None:
    server.routes["/robots.txt"] = respond(500)
    server.routes["/page"] = respond(200, b"ok")
    fetch = fetcher(local_settings(respect_robots=True, fetch_retries=0))
    error = fetch_error(lambda: fetch.fetch(server.url("/page")))
    assert error.reason == (f"{server.url('/robots.txt')} could not be fetched (HTTP 500 Internal Server Error), "
                            f"and without it nothing on http://127.0.0.1:{server.port} is (RFC 9309)")
    assert server.count("/page") == 0


def test_robots_txt_is_not_asked_for_when_not_respected(server: Server) -> None:
    server.routes["/robots.txt"] = respond(200, b"User-agent: *\nDisallow: /\n")
    server.routes["/page"] = respond(200, b"ok")
    assert fetcher(local_settings(respect_robots=False)).fetch(server.url("/page")).body == b"ok"
    assert server.count("/robots.txt") == 0


# --- politeness -----------------------------------------------------------------------------------------------


def test_requests_to_one_host_are_spaced_by_the_host_delay(server: Server) -> None:
    server.routes["/p"] = respond(200, b"ok")
    clock = FakeClock()
    fetch = fetcher(local_settings(host_delay=1.0), clock)
    fetch.fetch(server.url("/p"))
    assert clock.sleeps == []  # the first request to a host waits for nothing
    fetch.fetch(server.url("/p"))
    assert clock.sleeps == [1.0]
    clock.now += 0.4  # time passes between fetches
    fetch.fetch(server.url("/p"))
    assert clock.sleeps == [1.0, pytest.approx(0.6)]
    clock.now += 5.0
    fetch.fetch(server.url("/p"))
    fetch.fetch(server.url("/p", host="localhost"))  # another host name: its own delay
    assert clock.sleeps == [1.0, pytest.approx(0.6)]
    assert server.count("/p") == 5


def test_threads_queueing_for_one_host_get_successive_slots() -> None:
    clock = FakeClock()
    fetch = fetcher(local_settings(host_delay=1.0), clock)
    fetch.sleep = clock.sleeps.append  # the clock stands still: three threads asked at the same moment
    for host in ("a.example", "a.example", "b.example", "a.example"):
        fetch._wait_for_host(host)
    assert clock.sleeps == [1.0, 2.0]  # the second request to a.example one delay later, the third two


def test_fetch_pages_asks_several_hosts_at_once(server: Server) -> None:
    both_asking = threading.Barrier(2, timeout=3)

    def answer_when_both_ask(handler: BaseHTTPRequestHandler) -> None:
        try:
            both_asking.wait()
        except threading.BrokenBarrierError:  # asked one after the other
            respond(503, b"alone")(handler)
            return
        respond(200, b"<p>ok</p>", {"Content-Type": "text/html"})(handler)

    server.routes["/a"] = server.routes["/b"] = answer_when_both_ask
    server.routes["/c"] = respond(404)
    items = [InputRef(server.url("/a"), "page", origin="url"),
             InputRef(server.url("/c", host="localhost"), "page", origin="url"),
             InputRef(server.url("/b", host="localhost"), "page", origin="url"),
             InputRef(server.url("/c"), "page", origin="url")]
    live = fetcher(local_settings(fetch_retries=0, read_timeout=10.0))
    fetched, seen, rejected = fetch_pages(items, {}, {}, live, workers=2)
    assert sorted(fetched) == sorted([items[0].ref, items[2].ref])
    assert {page.status for page in fetched.values()} == {200}
    assert [r.input_ref for r in rejected] == [items[1].ref, items[3].ref]  # in the order given, whatever the host
    assert [s.status for s in seen] == [404, 404]


def test_robots_crawl_delay_lengthens_the_host_delay(server: Server) -> None:
    server.routes["/robots.txt"] = respond(200, b"User-agent: *\nCrawl-delay: 3\n")
    server.routes["/p"] = respond(200, b"ok")
    clock = FakeClock()
    fetch = fetcher(local_settings(host_delay=1.0, respect_robots=True), clock)
    fetch.fetch(server.url("/p"))
    fetch.fetch(server.url("/p"))
    assert clock.sleeps == [3.0, 3.0]  # robots.txt -> page, page -> page


# --- conditional requests -------------------------------------------------------------------------------------


def test_conditional_requests_and_304(server: Server) -> None:
    def page(handler: BaseHTTPRequestHandler) -> None:
        unchanged = (handler.headers.get("If-None-Match") == '"v1"'
                     or handler.headers.get("If-Modified-Since") == "Wed, 01 Jan 2025 08:00:00 GMT")
        headers = {"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 08:00:00 GMT"}
        respond(304, headers=headers)(handler) if unchanged else respond(200, b"<p>v1</p>", headers)(handler)

    server.routes["/page"] = page
    fetch = fetcher(local_settings())
    first = fetch.fetch(server.url("/page"))
    assert (first.status, first.not_modified, first.body) == (200, False, b"<p>v1</p>")
    again = fetch.fetch(server.url("/page"), etag=first.etag)
    assert (again.status, again.not_modified, again.body, again.etag) == (304, True, b"", '"v1"')
    assert server.headers("/page")["if-none-match"] == '"v1"'
    by_date = fetch.fetch(server.url("/page"), last_modified=first.last_modified)
    assert by_date.not_modified
    assert server.headers("/page")["if-modified-since"] == "Wed, 01 Jan 2025 08:00:00 GMT"
    changed = fetch.fetch(server.url("/page"), etag='"v0"')
    assert (changed.status, changed.body) == (200, b"<p>v1</p>")


# --- settings -------------------------------------------------------------------------------------------------


def test_fetch_settings_from_the_environment() -> None:
    settings = Settings.from_env({"NEWSETL_CONNECT_TIMEOUT": "2.5", "NEWSETL_READ_TIMEOUT": "7",
                                  "NEWSETL_FETCH_RETRIES": "1", "NEWSETL_RESPECT_ROBOTS": "0",
                                  "NEWSETL_HOST_DELAY": "0.25", "NEWSETL_USER_AGENT": "newsetl/9 (+mailto:a@b.c)"})
    assert (settings.connect_timeout, settings.read_timeout, settings.fetch_retries) == (2.5, 7.0, 1)
    assert (settings.respect_robots, settings.host_delay, settings.user_agent) == (
        False, 0.25, "newsetl/9 (+mailto:a@b.c)")
    defaults = Settings.from_env({})
    assert defaults.respect_robots and not defaults.allow_private_hosts and defaults.host_delay == 1.0


# --- the recorded fetcher -------------------------------------------------------------------------------------


def test_recorded_fetcher_replays_a_directory() -> None:
    fetch = RecordedFetcher(FIXTURES)
    result = fetch.fetch("https://news.example/2025/01/article")
    assert result.status == 200 and b"Council approves budget" in result.body
    assert result.content_type == "text/html; charset=utf-8"
    assert result.fetched_at == datetime(2025, 1, 2, 9, 30, tzinfo=UTC)
    assert fetch.fetch("https://news.example/old-link").url == "https://news.example/2025/01/article"
    assert fetch.fetch("https://news.example/2025/01/article", etag='"article-v1"').not_modified
    gone = fetch_error(lambda: fetch.fetch("https://news.example/gone"))
    assert (gone.reason, gone.status) == ("HTTP 410 Gone", 410)
    unknown = fetch_error(lambda: fetch.fetch("https://news.example/other"))
    assert unknown.reason == "no recorded response for https://news.example/other"
    assert len(fetch.requests) == 5


def test_recorded_fetcher_saves_what_it_replays(server: Server, tmp_path: Path) -> None:
    server.routes["/live"] = respond(200, b"<p>live</p>", {"Content-Type": "text/html", "ETag": '"x"'})
    live = fetcher(local_settings()).fetch(server.url("/live"))
    RecordedFetcher({live.url: live, "https://gone.example/": FetchError("HTTP 404 Not Found", status=404)}).save(
        tmp_path)
    replayed = RecordedFetcher(tmp_path)
    again = replayed.fetch(live.url)
    assert (again.body, again.etag, again.fetched_at, again.url) == (live.body, '"x"', live.fetched_at, live.url)
    assert fetch_error(lambda: replayed.fetch("https://gone.example/")).status == 404


# --- https ----------------------------------------------------------------------------------------------------


def test_https_connects_to_the_checked_address_and_verifies_the_host_name(tls_server: tuple[Server, Path]) -> None:
    server, cert_path = tls_server
    server.routes["/secure"] = respond(200, b"over tls")
    trusting = ssl.create_default_context(cafile=str(cert_path))
    url = server.url("/secure", host="localhost").replace("http://", "https://")
    result = fetcher(local_settings(), ssl_context=trusting).fetch(url)
    assert (result.url, result.body) == (url, b"over tls")
    assert server.headers("/secure")["host"] == f"localhost:{server.port}"


def test_https_with_an_untrusted_certificate_fails_without_retries(tls_server: tuple[Server, Path]) -> None:
    server, _ = tls_server
    clock = FakeClock()
    url = server.url("/secure", host="localhost").replace("http://", "https://")
    error = fetch_error(lambda: fetcher(local_settings(), clock).fetch(url))
    assert error.reason == "TLS certificate of localhost not accepted: self-signed certificate"
    assert clock.sleeps == []
    assert server.requests == []


def test_https_certificate_must_name_the_host(tls_server: tuple[Server, Path]) -> None:
    """The name in the URL is what the certificate is checked against, not the address connected to."""
    server, cert_path = tls_server
    trusting = ssl.create_default_context(cafile=str(cert_path))

    def resolver(host: str, port: int) -> list[str]:
        return {"elsewhere.test": ["127.0.0.1"]}[host]

    url = f"https://elsewhere.test:{server.port}/secure"
    error = fetch_error(lambda: fetcher(local_settings(), ssl_context=trusting, resolver=resolver).fetch(url))
    assert error.reason == ("TLS certificate of elsewhere.test not accepted: "
                            "Hostname mismatch, certificate is not valid for 'elsewhere.test'.")
