"""Which addresses a crawl may reach: the pure policy (no I/O) behind the hardening's address
guard and the registry's checks. Loopback, private, link-local, multicast, reserved and
cloud-metadata addresses are not the public web, in every spelling a resolver accepts."""

from __future__ import annotations

import ipaddress
import re
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Metadata endpoints, named even where another rule already covers them.
METADATA_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "169.254.169.254/32",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
        "169.254.170.2/32",  # AWS ECS task metadata
        "100.100.100.200/32",  # Alibaba Cloud
        "192.0.0.192/32",  # Oracle Cloud
        "168.63.129.16/32",  # Azure WireServer (a public-looking address)
        "fd00:ec2::254/128",  # AWS IMDS over IPv6
    )
)
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")
DEFAULT_PORTS = {"http": 80, "https": 443}


def literal_ip(host: str) -> IPAddress | None:
    """The address a URL host denotes by itself, in any form a resolver accepts
    (``127.0.0.1``, ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``[::ffff:127.0.0.1]``), or None
    for a name."""
    text = host.strip().strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(text) and any(c.isdigit() for c in text):
        try:  # inet_aton takes the legacy decimal, octal, hex and short forms
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(ip: IPAddress) -> str | None:
    """Why a crawl must not connect to ``ip`` unless allowed, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        if ip.ipv4_mapped:  # ::ffff:a.b.c.d is a.b.c.d
            reason = blocked_reason(ip.ipv4_mapped)
            return f"{reason} (as {ip})" if reason else None
        inner = _embedded_ipv4(ip)
        if inner is not None and (reason := blocked_reason(inner)):
            return f"{reason} (embedded in {ip})"
    if any(ip in net for net in METADATA_NETWORKS if net.version == ip.version):
        return "cloud metadata"
    for attr in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(ip, f"is_{attr}"):
            return attr.replace("_", "-")
    if not ip.is_global:
        return "not globally routable"
    return None


def _norm_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    ip = literal_ip(host)
    return str(ip) if ip is not None else host
