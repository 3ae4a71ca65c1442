"""The notifications app's settings, declared once (xinfang/core/conf.py): a sender per channel."""

from __future__ import annotations

from pathlib import Path

from xinfang.core.conf import Group, Setting

CHANNELS = ("sms", "email", "inapp")
DOCS = "[documents.md](documents.md)"

NOTIFICATIONS = Group("notifications", "Notifications", (
    Setting("XINFANG_NOTIFY_BACKENDS", dict, {}, keys=CHANNELS, shown="console/file",
            doc="Backend class per channel (`sms`, `email`, `inapp`) as dotted paths, e.g. "
                "`{\"sms\": \"mybureau.sms.GatewayBackend\"}`.", more=DOCS),
    *(Setting(f"XINFANG_NOTIFY_{channel.upper()}_BACKEND", str, "", setting=False, shown="—",
              doc=f"The `{channel}` backend when `XINFANG_NOTIFY_BACKENDS` names none.", more=DOCS)
      for channel in CHANNELS),
    Setting("XINFANG_NOTIFY_FILE", Path, None,
            shown="`var/sms.jsonl`", doc="Where the file SMS backend writes.", more=DOCS),
))
