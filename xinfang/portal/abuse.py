"""Abuse resistance without outside services: rate limits, lockout, an arithmetic challenge.

Counters live in Django's cache (configure a shared cache such as Redis when several processes
serve the portal; the default local-memory cache counts per process). Limits are read from
``settings.XINFANG_PORTAL_LIMITS`` (see ``LIMITS`` for the keys and defaults).

The challenge (人机验证) is a small sum written in words and digits, e.g. "7 加 5 等于几？": readable
by screen readers and by older people, unlike a distorted image. The expected answer is bound to a
random nonce by an HMAC with the server key, carried in the form, and each nonce is accepted for one
form only (a double click of the same form passes; a replayed challenge with another form does not).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from xinfang.core.clientip import client_ip
from xinfang.core.conf import get

from .conf import LIMITS  # (count, seconds) per limit, declared with XINFANG_PORTAL_LIMITS

CHALLENGE_MAX_AGE = 2 * 3600


def limit(name: str) -> tuple[int, int]:
    """(count, seconds) for `name`, from settings.XINFANG_PORTAL_LIMITS or the default."""
    configured = get("XINFANG_PORTAL_LIMITS") or {}
    count, seconds = configured.get(name, LIMITS[name])
    return int(count), int(seconds)


def address_subject(request: HttpRequest) -> str:
    """What the per-address limits count: the client's address (``xinfang.core.clientip``, the real
    client behind a trusted proxy, never a forged X-Forwarded-For), "unknown" without one."""
    return client_ip(request) or "unknown"


def _key(name: str, subject: str) -> str:
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"xf-portal:{name}:{digest}"


def hit(name: str, subject: str) -> bool:
    """Count one use of `name` by `subject`; False once the limit for the window is passed."""
    count, seconds = limit(name)
    key = _key(name, subject)
    cache.add(key, 0, seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        used = 1
    return used <= count


def hit_once(name: str, subject: str, *, form_id: str) -> bool:
    """Like `hit`, but one form (its token) counts once: a retry of the same form whose first attempt
    died before it was filed (worker killed, connection lost) is the same petition, not another one."""
    count, seconds = limit(name)
    if cache.add(_key(f"{name}-form", f"{subject}\n{form_id}"), 1, seconds):
        return hit(name, subject)
    return (cache.get(_key(name, subject)) or 0) <= count


def failures_exceeded(*subjects: str) -> bool:
    count, _seconds = limit("failures")
    return any((cache.get(_key("failures", s)) or 0) >= count for s in subjects)


def record_failure(*subjects: str) -> None:
    _count, seconds = limit("failures")
    for subject in subjects:
        key = _key("failures", subject)
        cache.add(key, 0, seconds)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, seconds)


def clear_failures(*subjects: str) -> None:
    cache.delete_many([_key("failures", s) for s in subjects])


# --- the arithmetic challenge -------------------------------------------------------------------

@dataclass(frozen=True)
class Challenge:
    question: str  # what is shown and read aloud
    token: str  # signed nonce + answer MAC, goes back with the form


def _answer_mac(nonce: str, answer: int) -> str:
    return salted_hmac("xinfang.portal.challenge", f"{nonce}:{answer}").hexdigest()


def challenge_new() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and a != b:
        a, b = max(a, b), min(a, b)
        answer, word = a - b, _("减")
    else:
        answer, word = a + b, _("加")
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "m": _answer_mac(nonce, answer)},
                          salt="xinfang.portal.challenge")
    question = _("%(a)d %(op)s %(b)d 等于几？") % {"a": a, "b": b, "op": word}
    return Challenge(question=question, token=token)


def challenge_check(token: str, answer: str, *, form_id: str) -> bool:
    """True when `answer` solves the challenge and the challenge was not used by another form."""
    try:
        data = signing.loads(token or "", salt="xinfang.portal.challenge",
                             max_age=CHALLENGE_MAX_AGE)
        value = int(str(answer).strip())
    except (signing.BadSignature, ValueError, TypeError):
        return False
    if not constant_time_compare(_answer_mac(data["n"], value), data["m"]):
        return False
    key = _key("challenge-used", data["n"])
    cache.add(key, form_id, CHALLENGE_MAX_AGE)
    return cache.get(key) == form_id


def guarded_lookup(request: HttpRequest, form: Any,
                   lookup: Callable[..., Any]) -> tuple[Any, str]:
    """A look-up by query code + phone (a petition's, a suggestion's) behind the portal's guards:
    the rate per address, the lockout on the address, the code and the phone after repeated
    failures, the arithmetic challenge, then the form. Returns ``(found, problem)``: problem is
    ``"blocked"`` (answer 429), ``"challenge"`` (wrong answer), ``"not_found"`` (counted as a
    failure; one message for a wrong code and a wrong phone) or ``""`` (found, or the form invalid)."""
    from . import codes

    ip = address_subject(request)
    code = codes.normalise_code(request.POST.get("code", ""))
    phone = codes.normalise_phone(request.POST.get("phone", ""))
    subjects = (f"ip:{ip}", f"code:{codes.code_hash(code)}", f"phone:{phone}")
    if not hit("track_per_ip", ip) or failures_exceeded(*subjects):
        return None, "blocked"
    if not challenge_check(request.POST.get("challenge_token", ""),
                           request.POST.get("challenge_answer", ""), form_id=secrets.token_hex(8)):
        return None, "challenge"
    if not form.is_valid():
        return None, ""
    found = lookup(code=code, phone=phone)
    if found is None:
        record_failure(*subjects)
        return None, "not_found"
    clear_failures(subjects[1], subjects[2])
    return found, ""


def guarded_submit(request: HttpRequest, form: Any,
                   replay: Callable[[], Any] | None = None) -> tuple[Any, str]:
    """A portal form that creates something (a petition, a suggestion) behind the portal's guards,
    in order: the rate per address; a replay of the same form (a double click or a reload: `replay`
    returns what the first attempt created, shown again and not counted); the arithmetic challenge
    and the form; the rate per phone, one form counting once. Returns ``(replayed, problem)``:
    problem is ``"blocked"`` (answer 429), ``"challenge"`` (wrong answer, 400), ``"invalid"`` (the
    form, 400) or ``""`` (go on; or `replayed` is the earlier result). A `replay` that raises a
    DomainError lets it through to the view."""
    from . import codes

    if not hit("submit_per_ip", address_subject(request)):
        return None, "blocked"
    if replay is not None and (found := replay()) is not None:
        return found, ""
    token = request.POST.get("token", "")
    challenge_ok = challenge_check(request.POST.get("challenge_token", ""),
                                   request.POST.get("challenge_answer", ""), form_id=token or "-")
    if not form.is_valid() or not challenge_ok:  # the form is validated either way: its errors show
        return None, "invalid" if challenge_ok else "challenge"
    if not hit_once("submit_per_phone", codes.normalise_phone(request.POST.get("phone", "")),
                    form_id=token):
        return None, "blocked"
    return None, ""


def too_many(request: HttpRequest, template: str, ctx: dict) -> Any:
    """The form page again with 429 and "try again later" (a limit above was passed), with a new
    challenge: the page of a portal form whose guard said "blocked"."""
    from django.shortcuts import render

    ctx["blocked"] = _("操作过于频繁，请稍后再试。")
    ctx["challenge"] = challenge_new()
    return render(request, template, ctx, status=429)


def lookup_page(request: HttpRequest, *, template: str, form_class: type,
                lookup: Callable[..., Any], not_found: str,
                found: Callable[[Any], Any]) -> Any:
    """The page of a look-up by code + phone behind `guarded_lookup` (a suggestion, a reception
    booking, a reception-day booking, a need): the form; 429 when blocked; 400 with a new challenge
    for a wrong answer, an invalid form or `not_found` (one message for a wrong code and a wrong
    phone); `found(record)` is the response for a hit."""
    from django.shortcuts import render

    form = form_class(request.POST or None)
    ctx: dict = {"form": form}
    if request.method == "POST":
        record, problem = guarded_lookup(request, form, lookup)
        if problem == "blocked":
            return too_many(request, template, {"form": form_class()})
        if problem == "challenge":
            ctx["challenge_error"] = _("计算结果不对，请重新计算下面的新题目")
        elif problem == "not_found":
            ctx["error"] = not_found
        elif record is not None:
            return found(record)
    ctx["challenge"] = challenge_new()
    return render(request, template, ctx, status=400 if request.method == "POST" else 200)
