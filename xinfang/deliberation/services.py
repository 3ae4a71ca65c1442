"""Writes of the deliberation app outside the topic's status: the roster, the portal's phone
verification, the vote and the comment.

Phone verification: a resident gives the phone number on the roster; if it is on the roster of the
topic's place (and eligible), a 6-digit code goes to that phone by SMS (the notifications outbox);
the page says the same whether or not it is (nothing tells who is on the roster). The code is kept
only as a keyed hash in the cache for `CODE_MINUTES`, `CODE_TRIES` wrong answers delete it, and
every wrong answer counts towards the portal's lockout (`portal.abuse`). Codes sent per phone count
against the portal's `submit_per_phone` limit.

One vote per person per topic: the database refuses a second row for the same topic and voter
index (the resident's phone blind index); a second vote is refused, not replaced: a vote, once
cast, is final (docs/deliberation.md). Votes and comments only while the topic is open and inside
its period, under the topic's row lock, so none slips in after the close counted the votes.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xinfang.core import clock
from xinfang.core.crypto import index_key, key_id, mask_name
from xinfang.core.errors import DomainError, InvalidParams
from xinfang.notifications.models import Channel
from xinfang.notifications.services import notify
from xinfang.portal import codes

from .models import Comment, Resident, ResidentSource, Topic, Vote
from .selectors import eligible_residents
from .states import TopicStatus

CODE_MINUTES = 10
CODE_TRIES = 5


class NotTakingPart(DomainError):
    """Voting or commenting refused: the topic is not open, the period is over, not eligible."""

    code = "not_taking_part"


class AlreadyVoted(DomainError):
    code = "already_voted"


def add_resident(*, actor: Any, unit: Any, name: str, phone: str, verified: bool = False,
                 note: str = "") -> Resident:
    """Put a person on the roster of a village or estate (name and phone encrypted)."""
    index = codes.phone_hash(phone)
    if Resident.objects.filter(unit=unit, phone_index=index).exists():
        raise InvalidParams(_("该手机号码已在%(u)s的参与人名册中") % {"u": unit.name}, field="phone")
    try:
        with transaction.atomic():
            return Resident.objects.create(
                unit=unit, name=name.strip(), phone=codes.normalise_phone(phone),
                phone_index=index, key_id=key_id(index_key()),
                source=ResidentSource.VERIFIED if verified else ResidentSource.ROSTER,
                note=note.strip(), added_by=actor if getattr(actor, "pk", None) else None,
                added_at=clock.now())
    except IntegrityError:
        raise InvalidParams(_("该手机号码已在%(u)s的参与人名册中") % {"u": unit.name},
                            field="phone") from None


def _code_key(topic: Topic, phone: str) -> str:
    return f"xf-delib-code:{topic.pk}:{codes.phone_hash(phone)}"


def _code_mac(code: str) -> str:
    return codes.token_hash(f"delib-code:{code}")


def find_participant(topic: Topic, phone: str) -> Resident | None:
    return eligible_residents(topic).filter(phone_index=codes.phone_hash(phone)).first()


def send_code(*, topic: Topic, phone: str) -> str | None:
    """Send a verification code to `phone` when it may take part in `topic`; returns the code (for
    the tests; the page never shows it) or None. The caller answers the same either way."""
    resident = find_participant(topic, phone)
    if resident is None or topic.status != TopicStatus.OPEN:
        return None
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_code_key(topic, phone), {"mac": _code_mac(code), "tries": 0}, CODE_MINUTES * 60)
    notify(channel=Channel.SMS, address=resident.phone, subject=_("议事验证码"),
           body=_("【众人议事厅】您参与议题“%(t)s”的验证码为%(c)s，%(m)s分钟内有效。请勿告诉他人。")
           % {"t": topic.title[:30], "c": code, "m": CODE_MINUTES})
    return code


def check_code(*, topic: Topic, phone: str, code: str) -> Resident | None:
    """The resident when `code` is the one sent to `phone` for `topic` (once), else None."""
    key = _code_key(topic, phone)
    held = cache.get(key)
    if not held:
        return None
    if not hmac.compare_digest(held["mac"], _code_mac(code)):
        held["tries"] += 1
        if held["tries"] >= CODE_TRIES:
            cache.delete(key)
        else:
            cache.set(key, held, CODE_MINUTES * 60)
        return None
    cache.delete(key)
    return find_participant(topic, phone)


def _open_topic(topic_id: int, resident_id: int) -> tuple[Topic, Resident]:
    """The topic, locked, open and inside its period; the resident, still eligible."""
    topic = Topic.objects.select_for_update().select_related("unit").get(pk=topic_id)
    now = clock.now()
    if topic.status != TopicStatus.OPEN or now >= topic.closes_at:
        raise NotTakingPart(_("议事已截止，不能再投票或评论"))
    if now < topic.opens_at:
        raise NotTakingPart(_("议事尚未开始"))
    resident = eligible_residents(topic).filter(pk=resident_id).first()
    if resident is None:
        raise NotTakingPart(_("您不在本议题的参与范围内"))
    return topic, resident


def cast_vote(*, topic_id: int, resident_id: int, option: int) -> Vote:
    """One vote of an eligible resident on an open topic; a second one is refused (AlreadyVoted)."""
    with transaction.atomic():
        topic, resident = _open_topic(topic_id, resident_id)
        if not 0 <= int(option) < len(topic.options):
            raise InvalidParams(_("请选择一个表决选项"), field="option")
        try:
            with transaction.atomic():
                return Vote.objects.create(topic=topic, resident=resident,
                                           voter_index=resident.phone_index, option=int(option),
                                           cast_at=clock.now())
        except IntegrityError:
            raise AlreadyVoted(_("您已经投过票。每人每个议题只能投一次票，投出后不能更改。")) from None


def has_voted(topic: Topic, resident: Resident) -> bool:
    return Vote.objects.filter(topic=topic, voter_index=resident.phone_index).exists()


def post_comment(*, topic_id: int, resident_id: int, text: str) -> Comment:
    """A resident's comment on an open topic, shown with the masked name (张*)."""
    text = (text or "").strip()
    if len(text) < 2:
        raise InvalidParams(_("请填写评论内容"), field="text")
    with transaction.atomic():
        topic, resident = _open_topic(topic_id, resident_id)
        return Comment.objects.create(topic=topic, resident=resident, author=mask_name(resident.name),
                                      text=text[:1000], posted_at=clock.now())
