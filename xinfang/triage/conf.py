"""The triage assistant's settings, declared once (xinfang/core/conf.py). All practice, not law."""

from __future__ import annotations

from pathlib import Path

from xinfang.core.conf import Group, Setting

#: Confidence below which a message should be classified by a person. At 0.5, on the 7-label public
#: data (5-fold CV), 3.8 % of messages are referred and accuracy on the rest is 0.917; 0.8 refers
#: 17 % for 0.952. See the coverage/accuracy table in docs/triage.md (bench/triage_classifier.py);
#: a bureau sets its own with ``settings.XINFANG_TRIAGE_THRESHOLD``.
DEFAULT_THRESHOLD = 0.5
TRIAGE = "[triage.md](triage.md)"

TRIAGE_SETTINGS = Group("triage", "Triage assistant", (
    Setting("XINFANG_TRIAGE_THRESHOLD", float, DEFAULT_THRESHOLD, min=0, max=1,
            doc="Below this confidence the triage assistant asks a human.", more=TRIAGE),
    Setting("XINFANG_TRIAGE_ON_REGISTER", bool, True, shown="on",
            doc="Make the triage proposal as soon as a registration commits (task queue); off: when the "
                "case page is first opened.", more=TRIAGE),
    Setting("XINFANG_TRIAGE_LOOKBACK_DAYS", int, 730, min=1,
            doc="Art. 20 (同一事项): how far back repeats and same-matter cases are searched.", more=TRIAGE),
    Setting("XINFANG_TRIAGE_MODEL_DIR", Path, None,
            shown="`xinfang/triage/model/`",
            doc="Where the trained classifier is read from (`manage.py train_triage --output`).",
            more=TRIAGE),
    Setting("XINFANG_TRIAGE_MIN_CHARS", int, 12, min=0,
            doc="A petition with fewer letters than this is left to a person (too little text to classify).",
            more=TRIAGE),
    Setting("XINFANG_TRIAGE_GROUP_DAYS", int, 30, min=1,
            doc="Petitions about one entity within this many days are proposed as one collective matter.",
            more=TRIAGE),
    Setting("XINFANG_TRIAGE_GROUP_MIN_PETITIONERS", int, 5, min=2,
            doc="Petitions about one entity in that window from which a collective matter is proposed.",
            more=TRIAGE),
))
