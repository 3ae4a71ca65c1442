"""Bench set-up only, on a throw-away copy of the demo database: clone the demo's cases (and their
access rows) 260 times, received over the past two years, and redraw the demolition's snapshot, to
time the assessment on ~20,000 cases (docs/riskreview.md).

Run: XINFANG_MODE=demo DATABASE_URL=sqlite:////tmp/copy.sqlite3 .venv/bin/python manage.py shell < bench/riskreview_grow.py
"""

import datetime as dt
import random

from django.db import transaction

from xinfang.cases import reach
from xinfang.cases.models import Case, CaseAccess
from xinfang.core import clock
from xinfang.orgs.models import User
from xinfang.riskreview.models import Decision
from xinfang.riskreview.selectors import draw

rng = random.Random(7)
base = list(Case.objects.all())
access: dict[int, list[CaseAccess]] = {}
for row in CaseAccess.objects.all():
    access.setdefault(row.case_id, []).append(row)
today = clock.today()
fields = [f.attname for f in Case._meta.concrete_fields if f.attname != "id"]
added = 0
with transaction.atomic():
    for k in range(260):
        new = []
        for c in base:
            x = Case(**{f: getattr(c, f) for f in fields})
            x.number = f"{c.number}-B{k}"
            x.received_on = today - dt.timedelta(days=rng.randint(0, 730))
            new.append(x)
        made = Case.objects.bulk_create(new, batch_size=2000)
        CaseAccess.objects.bulk_create(
            [CaseAccess(case_id=m.pk, unit_id=a.unit_id, reason=a.reason)
             for c, m in zip(base, made, strict=True) for a in access.get(c.pk, [])],
            batch_size=2000)
        reach.rebuild([m.pk for m in made])  # the jurisdiction index of the rows written in bulk
        added += len(made)
d = Decision.objects.get(title__contains="东街片区")
d.snapshot = draw(d, User.objects.get(username="qhxf_handler"), today=today, days=365)
d.save(update_fields=["snapshot"])
print(f"added {added} cases; {Case.objects.count()} in all; the snapshot counts {d.snapshot['total']}")
