"""Profile the districts part of the import's batch step (`imports.services.finish`) without writing:
the batch's rows are read as `finish` reads them and replayed through a `PlaceIndex` (rows that named
their district `learn`, the others `derive`), counting where the CPU goes: the taught rows' key
entities (`dedup.key_entity`, when a derivation first needs the known things), the derived rows'
entities (`dedup.extract_entities`, only for rows naming no place of the tree) and the rest (place
names, reading the rows). Prints one JSON line; with ``OUT=file`` also writes every guess (unit id,
evidence, source, reason, candidates) to compare two versions of the code; ``NO_CACHE=1``: without
the cache of segmented clauses (as if no text repeated).

    BATCH=1 DATABASE_URL=postgres://root@127.0.0.1:5432/xf_district16_100k XINFANG_MODE=demo \\
        .venv/bin/python manage.py shell -c "exec(open('bench/import_places_profile.py').read())"
"""

import json
import os
import time

from xinfang.cases.models import CaseEvent
from xinfang.imports import services
from xinfang.imports.models import ImportBatch
from xinfang.triage import dedup, places

stats = {"learn": [0, 0.0], "derive_extract": [0, 0.0]}
inside = []


def counted(name, fn):  # noqa: ANN001, ANN201
    def inner(*a, **k):  # noqa: ANN002, ANN003, ANN202
        if inside:  # extract_entities inside key_entity: counted as the learning
            return fn(*a, **k)
        inside.append(name)
        t0 = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            stats[name][0] += 1
            stats[name][1] += time.process_time() - t0
            inside.pop()
    return inner


if os.environ.get("NO_CACHE"):  # each clause segmented again (texts that do not repeat)
    dedup._clause_names = dedup._clause_names.__wrapped__
dedup.key_entity = counted("learn", dedup.key_entity)
dedup.extract_entities = counted("derive_extract", dedup.extract_entities)
batch = ImportBatch.objects.select_related("source", "unit").get(pk=int(os.environ["BATCH"]))
w0, c0 = time.perf_counter(), time.process_time()
index = places.PlaceIndex(services.jurisdiction_root(batch.unit), backlog=services.LEARN_BACKLOG)
index.load_units()
rows = (CaseEvent.objects.filter(type="imports.received", case__import_source=batch.source.name,
                                 data__batch=batch.pk)
        .order_by("case_id")
        .values_list("case_id", "data", "case__title", "case__request", "case__handling_unit_id",
                     "case__problem_unit_id"))
taught = derived = 0
guesses = []
for case_id, data, title, request, handling, problem in rows.iterator(chunk_size=2000):
    district = data.get("district", "")
    if not data.get("place_pending"):
        if district:
            index.learn(f"{district} {title} {request}", problem)
            taught += 1
        continue
    g = index.derive(f"{district} {title} {request}", handling_unit=handling)
    derived += 1
    guesses.append([case_id, g.unit.pk if g.unit else None, g.evidence, g.source, g.reason,
                    [u.pk for u in g.candidates]])
cpu = time.process_time() - c0
out = {"batch": batch.pk, "taught": taught, "derived": derived, "wall": round(time.perf_counter() - w0, 1),
       "cpu": round(cpu, 1),
       "learn": {"texts": stats["learn"][0], "cpu": round(stats["learn"][1], 1)},
       "derive_extract": {"texts": stats["derive_extract"][0], "cpu": round(stats["derive_extract"][1], 1)},
       "rest_cpu": round(cpu - stats["learn"][1] - stats["derive_extract"][1], 1),
       "by_source": {s: sum(1 for g in guesses if g[3] == s) for s in ("text", "handling_unit", None)},
       "no_cache": bool(os.environ.get("NO_CACHE")), "load": os.getloadavg()}
print(json.dumps(out, default=str))
if os.environ.get("OUT"):
    with open(os.environ["OUT"], "w", encoding="utf-8") as f:  # noqa: PTH123
        json.dump(guesses, f, ensure_ascii=False)
