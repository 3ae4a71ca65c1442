"""The client's address behind the bureau's reverse proxy (docs/security.md, 代理后的真实地址).

Art. 46: the login lockout and the portal's limits protect petitioners' data; behind a proxy they must
count the real client, and a client must not choose the address it is counted under.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from xinfang.core.clientip import client_ip

PROXY = "10.0.0.2"  # the bureau's nginx
BALANCER = "10.0.1.5"  # a load balancer in front of it


def _request(remote: str, forwarded: str | None = None):  # noqa: ANN202
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(("trusted", "remote", "forwarded", "expected"), [
    # no proxy configured: the peer, whatever the header says
    ([], "203.0.113.9", "1.2.3.4", "203.0.113.9"),
    # a forged header from a peer that is not a trusted proxy is ignored
    ([PROXY], "203.0.113.9", "1.2.3.4", "203.0.113.9"),
    ([PROXY], "203.0.113.9", f"1.2.3.4, {PROXY}", "203.0.113.9"),
    # through the trusted proxy: the address the proxy received the request from
    ([PROXY], PROXY, "198.51.100.7", "198.51.100.7"),
    # the client prepended a forged entry; the proxy appended the real one at the right
    ([PROXY], PROXY, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
    # a chain of trusted proxies (balancer → nginx), given as a network and an address
    (["10.0.1.0/24", PROXY], PROXY, "1.2.3.4, 198.51.100.7, 10.0.1.5", "198.51.100.7"),
    # the proxy itself (its own health probe): no header
    ([PROXY], PROXY, None, PROXY),
    # only trusted hops in the header: the farthest of them
    (["10.0.0.0/8"], PROXY, BALANCER, BALANCER),
    # garbage where the trusted proxy should have written an address: counted as that proxy
    ([PROXY], PROXY, "198.51.100.7, not-an-address", PROXY),
    # ports, brackets, IPv6 and IPv4-mapped IPv6 as proxies and dual-stack sockets write them
    ([PROXY], PROXY, "198.51.100.7:51234", "198.51.100.7"),
    (["2001:db8::/64"], "2001:db8::2", "[2001:db8:1::7]:443", "2001:db8:1::7"),
    ([PROXY], f"::ffff:{PROXY}", "198.51.100.7", "198.51.100.7"),
])
def test_art46_the_client_is_the_peer_or_the_right_most_untrusted_forwarded_address(
        settings, trusted, remote, forwarded, expected):  # noqa: ANN001
    settings.XINFANG_TRUSTED_PROXIES = trusted
    assert client_ip(_request(remote, forwarded)) == expected


@pytest.mark.parametrize("remote", ["", "testserver", "999.1.1.1"])
def test_a_request_without_a_valid_peer_address_has_none(settings, remote):  # noqa: ANN001
    settings.XINFANG_TRUSTED_PROXIES = [PROXY]
    assert client_ip(_request(remote, "198.51.100.7")) is None


@pytest.mark.parametrize("entry", ["nginx", "10.0.0.0/33", "10.0.0.300"])
def test_a_malformed_trusted_proxy_is_refused(settings, entry):  # noqa: ANN001
    settings.XINFANG_TRUSTED_PROXIES = [PROXY, entry]
    with pytest.raises(ImproperlyConfigured, match="XINFANG_TRUSTED_PROXIES"):
        client_ip(_request(PROXY, "198.51.100.7"))
