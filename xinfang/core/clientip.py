"""The client's address, also behind the bureau's reverse proxy (one function for every use).

Behind nginx or a load balancer every request comes from the proxy (``REMOTE_ADDR``), so a limit per
address would lock out everyone after one attacker's failures; trusting ``X-Forwarded-For`` from
anyone lets a client write any address it likes and so evade the limit. Hence: ``REMOTE_ADDR``, unless
that peer is one of ``settings.XINFANG_TRUSTED_PROXIES`` (IP addresses or CIDR networks, empty by
default); then the right-most ``X-Forwarded-For`` entry that is not itself a trusted proxy. Each
trusted proxy appends the address it received the request from, so the entries right of that one were
written by trusted proxies and everything left of it may be the client's own invention.

Used by the login lockout (django-axes, ``AXES_CLIENT_IP_CALLABLE``), the portal's per-address limits,
the API's throttle and every log line written while a request is served (``client_ip`` field).
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from xinfang.core.conf import get

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# "203.0.113.7:51234" and "[2001:db8::1]:51234": some proxies write the client's port as well
_WITH_PORT = re.compile(r"^\[?(?P<host>[0-9A-Fa-f:.]+?)\]?(?::\d{1,5})?$")


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in configured:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"XINFANG_TRUSTED_PROXIES：“{entry}”不是 IP 地址或网段（如 10.0.0.5、172.18.0.0/16）"
                f" / not an IP address or CIDR network") from exc
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """The parsed ``XINFANG_TRUSTED_PROXIES`` (ImproperlyConfigured on a malformed entry)."""
    return _networks(tuple(get("XINFANG_TRUSTED_PROXIES") or ()))


def parse_address(text: str) -> Address | None:
    """An address as a proxy or the server writes it (optionally with a port), or None."""
    text = (text or "").strip()
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        match = _WITH_PORT.match(text)
        if not match:
            return None
        try:
            address = ipaddress.ip_address(match["host"])
        except ValueError:
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # ::ffff:10.0.0.1 from a dual-stack socket is 10.0.0.1
    return address


def is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The real client's address: the peer, or behind a trusted proxy chain the right-most
    untrusted X-Forwarded-For entry; None when the request carries no valid address (a login made
    in code). A forged X-Forwarded-For from an untrusted peer is ignored."""
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    networks = trusted_proxies()
    if not networks or not is_trusted(peer, networks):
        return str(peer)
    nearest = peer  # the nearest trusted hop seen so far
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if not entry.strip():
            continue
        address = parse_address(entry)
        if address is None:
            # garbage where a trusted proxy should have written an address: count the request
            # against that proxy rather than anything further left (which the client may have written)
            return str(nearest)
        if not is_trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)  # only trusted hops: a request made by a proxy itself (e.g. its health probe)
