"""The province's cases written as COPY text (issue 17): bench/pages_data.build's data, ~10x cheaper.

bench/pages_data.build makes a model object per row and lets Django and psycopg convert each value;
at ~14 events per case that is most of a millisecond, and the case's search words (jieba) are
another ~6 ms. Here (PostgreSQL only) the same rows are lines of COPY text:

- each table's line is a %-template with every column this builder does not set already rendered
  from the model's default (`Table`: a new column with a default needs no change here);
- a text drawn from the shared messages is escaped, and its search words (`search.text_words`,
  what `SearchTokensField` stores) computed, once per text, not once per case (`TextPool`: 11,000
  texts for 10,000,000 cases; computed in parallel and cached under bench/.cache);
- the steps, clocks and events of each status are planned once (`plan`) and filled in with the
  case's ids and dates; an event's hash is SHA-256 of its canonical JSON written as a string
  (`cases.chain.event_digest`'s exact bytes, checked against `event_hash` in the tests);
- the petitioner's four encrypted fields are Fernet tokens made with one AES context and one
  random read per chunk (`FastFernet`: valid tokens under the current field key, each with its
  own random IV), the blind indexes with the index key's secret derived once;
- the shared duplicate index (triage/dupindex.py): each text's `STORE_KEYS` keys are computed
  once (`TextPool.keys`), and each case gets one posting per key and scope (the county of each
  unit its access rows name, `dupindex._Scopes`) and its `DupIndexed` row (digest, keys, scopes),
  what `dupindex.index_cases` writes for it (`dup=False`: not written).

The statuses, paths, clocks, weights and distributions are bench/pages_data's (`PATHS`, `CLOCKS`,
`WEIGHTS`); `xinfang/core/tests/test_province_data.py` checks the result as production does
(`verify_timeline`, `check_next_due`, encrypted ID numbers, blind indexes).

The bulk load (`drop_indexes` / `restore_indexes`): the secondary indexes, unique and foreign-key
constraints of the tables written here are dropped before the COPY and created after it (a sort
build instead of row-by-row maintenance; every foreign key is validated when it is added back), and
so is the primary key of the duplicate index's postings (its only index).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import pickle
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pages_data import CLOCKS, PATHS, RECENT, STAGE, WEIGHTS, _id_number

CACHE = Path(__file__).resolve().parent / ".cache"
NULL = "\\N"
ROWS_PER_CASE = 64  # more than any case's events, clocks, accesses ... (a worker's id block)


def esc(value: str) -> str:
    """A value in COPY text form (backslash, tab, newline, carriage return escaped)."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    return value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def bulk_models() -> list[Any]:
    """The tables this builder writes, in the order they are flushed."""
    from xinfang.cases.models import (
        Case,
        CaseAccess,
        CaseEvent,
        CasePetitioner,
        Opinion,
        Petitioner,
        Rating,
    )
    from xinfang.deadlines.models import Deadline
    from xinfang.resolution.models import SupervisionOrder

    return [Case, CaseAccess, Deadline, CaseEvent, Petitioner, CasePetitioner, Opinion, Rating,
            SupervisionOrder]


def dup_models() -> list[Any]:
    """The shared duplicate index's tables this builder writes (no id sequence of their own)."""
    from xinfang.triage.models import DupIndexed, DupPosting

    return [DupPosting, DupIndexed]


class Table:
    """One table's COPY lines: `line(values)` takes the columns `cols` (in the model's column
    order, checked) and renders the others from the model's defaults."""

    def __init__(self, model: Any, cols: Sequence[str]) -> None:
        from django.db import connection, models

        fields = list(model._meta.concrete_fields)
        names = [f.column for f in fields]
        unknown = set(cols) - set(names)
        if unknown or [c for c in names if c in cols] != list(cols):
            raise ValueError(f"{model.__name__}: columns {list(cols)} must be among and in the "
                             f"order of {names}")
        parts = []
        for f in fields:
            if f.column in cols:
                parts.append("%s")
                continue
            if f.has_default():
                value = f.get_default()
                if isinstance(f, models.JSONField):
                    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
                elif isinstance(value, bool):
                    text = "t" if value else "f"
                else:
                    value = f.get_db_prep_save(value, connection)
                    text = NULL if value is None else esc(str(getattr(value, "value", value)))
            elif f.null:
                text = NULL
            elif isinstance(f, models.CharField | models.TextField):
                text = ""  # a blank text (Django's empty value for a text column)
            else:
                raise ValueError(f"{model.__name__}.{f.name} has no default: give it")
            parts.append(text.replace("%", "%%"))
        self.model = model
        self.name = model._meta.db_table
        self.columns = names
        self.template = "\t".join(parts) + "\n"
        self.lines: list[str] = []

    def copy_sql(self) -> str:
        columns = ", ".join(f'"{c}"' for c in self.columns)
        return f'COPY "{self.name}" ({columns}) FROM STDIN'

    def flush(self, cursor: Any) -> int:
        if not self.lines:
            return 0
        n = len(self.lines)
        with cursor.copy(self.copy_sql()) as copy:
            copy.write("".join(self.lines))
        self.lines = []
        return n


class FastFernet:
    """Fernet tokens (cryptography.fernet's format: 0x80, timestamp, IV, AES-128-CBC of the
    PKCS7-padded value, HMAC-SHA256; URL-safe base64) under one key, with one AES-ECB context
    chained by hand (CBC) and IVs from one random read per `refill`: the same tokens
    `Fernet.encrypt` makes, without its per-token object set-up."""

    def __init__(self, key: str | bytes) -> None:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        raw = base64.urlsafe_b64decode(key)
        if len(raw) != 32:
            raise ValueError("a Fernet key is 32 bytes, URL-safe base64")
        self.signing = raw[:16]
        self.aes = Cipher(algorithms.AES(raw[16:]), modes.ECB()).encryptor()
        self.ivs = b""
        self.at = 0
        self.stamp = b""

    def refill(self, tokens: int) -> None:
        """Random IVs for the next `tokens` tokens, and the current time as their timestamp."""
        self.ivs, self.at = os.urandom(16 * tokens), 0
        self.stamp = int(time.time()).to_bytes(8, "big")

    def encrypt(self, value: str) -> str:
        data = value.encode()
        pad = 16 - len(data) % 16
        data += bytes((pad,)) * pad
        if self.at + 16 > len(self.ivs):
            self.refill(1024)
        iv = self.ivs[self.at:self.at + 16]
        self.at += 16
        prev = int.from_bytes(iv, "big")
        update = self.aes.update
        blocks = []
        for i in range(0, len(data), 16):
            block = update((int.from_bytes(data[i:i + 16], "big") ^ prev).to_bytes(16, "big"))
            blocks.append(block)
            prev = int.from_bytes(block, "big")
        body = b"\x80" + self.stamp + iv + b"".join(blocks)
        return base64.urlsafe_b64encode(body + hmac.digest(self.signing, body, "sha256")).decode()


class TextPool:
    """The drawn texts, each once: its three columns as COPY text (title, request, facts) and its
    search words as a COPY tsvector (`search.tsvector_text(search.search_words(...))`)."""

    def __init__(self, texts: Sequence[tuple[str, str, str]], workers: int = 1, *,
                 cache: bool = True) -> None:
        self.texts = list(texts)
        self.columns = [tuple(esc(t) for t in text) for text in self.texts]
        self.vectors = [esc(v) for v in search_vectors(self.texts, workers, cache=cache)]
        self.keys = dup_keys([dup_text(t) for t in self.texts])


def dup_text(text: tuple[str, str, str]) -> str:
    """The text the duplicate index keys (title, request, facts: `dupindex.text_of`)."""
    from xinfang.triage import dupindex

    return dupindex.text_of(*text)


def dup_keys(texts: Sequence[str]) -> list[tuple[list[int], str]]:
    """Each text's `dupindex.STORE_KEYS` keys (what `dupindex.index_cases` stores) and the same
    as a COPY bytea (`DupIndexed.keys`)."""
    from xinfang.triage import dupindex

    out = []
    for start in range(0, len(texts), 2000):
        for ks in dupindex._top_keys(texts[start:start + 2000], dupindex.STORE_KEYS):
            out.append((ks.tolist(), "\\\\x" + ks.astype("<i8").tobytes().hex()))
    return out


def _vectors(texts: list[tuple[str, str, str]]) -> list[str]:
    from xinfang.cases.search import case_text, search_words, tsvector_text

    return [tsvector_text(search_words(case_text(*t))) for t in texts]


def search_vectors(texts: Sequence[tuple[str, str, str]], workers: int = 1, *,
                   cache: bool = True) -> list[str]:
    """Each text's search words as `SearchTokensField` computes them, in `workers` processes,
    cached under bench/.cache by the texts' digest and jieba's dictionary."""
    import jieba

    from xinfang.cases import search

    texts = list(texts)
    digest = hashlib.sha256()
    for t in texts:
        digest.update("\x1f".join(t).encode() + b"\x1e")
    for source in (search.__file__, jieba.get_dict_file().name):
        digest.update(Path(source).read_bytes())
    path = CACHE / f"search-vectors-{digest.hexdigest()[:16]}.pickle"
    if cache and path.exists():
        return pickle.loads(path.read_bytes())  # written by this function: trusted
    if workers > 1 and len(texts) > 1000:
        import multiprocessing

        from django.db import connections

        connections.close_all()
        step = -(-len(texts) // (workers * 8))
        parts = [texts[i:i + step] for i in range(0, len(texts), step)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            out = [v for part in pool.map(_vectors, parts) for v in part]
    else:
        out = _vectors(texts)
    if cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(out))
    return out


def plan(path: tuple[tuple[str, str, str], ...]) -> tuple:
    """A path's steps with what each does to the clocks: (action, new status, move, clocks
    stopped, clocks started, stage of its opinion or None)."""
    return tuple((action, new, move, CLOCKS[action][1], CLOCKS[action][0], STAGE.get(action))
                 for action, new, move in path)


# the data of each event type as its canonical JSON (sorted keys, compact): what is stored and hashed
D_REGISTERED = '{"channel":"%s","new":"registered"}'
D_ENDED = '{"deadline":%d,"kind":"%s"}'
D_STARTED = '{"article":"%s","days":%d,"deadline":%d,"kind":"%s","provisional":false,"unit":"calendar"}'
D_ROUTED = '{"from":%d,"to":%d}'
D_STEP = '{"params":{}}'
D_RATED = '{"stage":"%s"}'
D_OVERDUE = '{"article":"%s","days":%d,"deadline":%d,"due_on":"%s","kind":"%s"}'
D_DUE_SOON = '{"days":%d,"deadline":%d,"kind":"%s"}'
# cases.chain.event_digest's payload: {"content": CHAINED_FIELDS_V2 sorted, "prev": ...}
PAYLOAD = ('{"content":{"action":"%s","actor_id":%s,"at":"%s","case_id":%d,"data":%s,"kind":"%s",'
           '"new_value":"%s","note":"","old_value":"%s","type":"%s","unit_id":%s},"prev":"%s"}')


def build(n: int, seed: int, progress: Callable[[int], None] | None = None, *,
          areas: list[dict], days: int, pool: TextPool | None, chunk: int = 5000,
          first: int = 0, id_base: int | None = None, stats: dict | None = None,
          dup: bool = True) -> None:
    """`n` cases received over the last `days` days, dealt round the `areas` (bench/province_data's
    counties), as bench/pages_data.build writes them, in transactions of `chunk` cases. One worker
    of several: cases `first` .. `first + n - 1` (case id = index + 1 on an empty table), the
    other tables' ids from `id_base`. `stats` (if given) gets this process's CPU seconds and its
    PostgreSQL backend's. `dup`: the shared duplicate index's postings and records too."""
    from django.conf import settings
    from django.db import connection, transaction

    from xinfang.cases.chain import CHAIN_VERSION
    from xinfang.cases.models import CaseEvent, Category
    from xinfang.core import clock, crypto
    from xinfang.core.events import event_type
    from xinfang.orgs.models import Unit

    if connection.vendor != "postgresql":
        raise SystemExit("bench/province_copy writes COPY text: PostgreSQL only")
    if CaseEvent._meta.get_field("chain_version").default != CHAIN_VERSION:
        raise SystemExit("CaseEvent.chain_version's default is not cases.chain.CHAIN_VERSION")
    cpu0 = time.process_time()
    with connection.cursor() as cur:
        cur.execute("SET synchronous_commit = off")  # a bench load: rebuilt, not recovered
        cur.execute("SELECT pg_backend_pid()")
        backend = cur.fetchone()[0]
    pg0 = backend_cpu(backend)

    (case_t, access_t, clock_t, event_t, person_t, link_t, opinion_t, rating_t,
     order_t) = tables = _tables()
    rng = random.Random(seed)
    leaves = list(Category.objects.filter(level=3, active=True).values_list("pk", flat=True))
    leaves = [str(x) for x in leaves] or [NULL]
    statuses = list(WEIGHTS)
    recent_w = [WEIGHTS[s][0] for s in statuses]
    old_w = [WEIGHTS[s][1] for s in statuses]
    channels = ["letter", "visit", "online", "phone", "platform", "leader_mailbox"]
    channel_w = [25, 20, 35, 12, 6, 2]
    purposes = ["request", "request", "request", "suggestion", "appeal", "other"]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    now = clock.now()
    today = clock.today()
    now_utc = now.astimezone(dt.UTC).replace(tzinfo=None)
    stamp = now.astimezone(dt.UTC).isoformat()
    soon = 5
    names = dict(Unit.objects.values_list("pk", "name"))
    for name in names.values():
        if json.dumps(name, ensure_ascii=False) != f'"{name}"' or esc(name) != name:
            raise SystemExit(f"unit name {name!r} needs escaping: not for this builder")
    kinds = {code: event_type(code).kind for code in (
        "case.registered", "case.routed", "case.status_changed", "case.rated", "deadlines.started",
        "deadlines.ended", "deadlines.lapsed", "deadlines.overdue", "deadlines.due_soon")}
    plans: dict[tuple, tuple] = {}
    fernet = FastFernet(settings.FIELD_ENCRYPTION_KEYS[0])
    secret = hashlib.sha256(("blind-index:" + crypto.index_key()).encode()).digest()

    def blind(value: str) -> str:
        return hmac.digest(secret, crypto.normalise(value).encode(), "sha256").hex()

    name_index: dict[str, str] = {}
    # per county: (bureau id, bureau code, county id, registrar (id, unit), township ids + names,
    # holders' ids, approver and handler (id, unit) by unit id)
    counties = []
    for k in areas:
        def who(u: Any) -> tuple[int, int] | None:
            return (u.pk, u.unit_id) if u is not None else None

        counties.append((
            k["bureau"].pk, k["bureau"].code, k["county"].pk, who(k["registrar"]),
            [(t.pk, t.name) for t in k["townships"]], [u.pk for u in k["holders"]],
            {pk: who(u) for pk, u in k["approver"].items()},
            {pk: who(u) for pk, u in k["handler"].items()}))
    n_areas = len(counties)
    ids = {t.name: (id_base if id_base is not None else _next_id(t)) for t in tables[1:]}
    nid = {"access": ids[access_t.name], "clock": ids[clock_t.name], "event": ids[event_t.name],
           "person": ids[person_t.name], "link": ids[link_t.name], "opinion": ids[opinion_t.name],
           "rating": ids[rating_t.name], "order": ids[order_t.name]}
    texts = pool.texts if pool else None
    one_day = dt.timedelta(days=1)
    # the duplicate index: each unit's scope, the version the digests are made with
    from xinfang.triage import dupindex

    dup_tables = _dup_tables() if dup else []
    posting_t, indexed_t = dup_tables or (None, None)
    scope_of = dupindex._Scopes().of(names) if dup else {}
    dup_version = dupindex.version()

    for start in range(first, first + n, chunk):
        end = min(first + n, start + chunk)
        fernet.refill(4 * (end - start))
        for i in range(start, end):
            case_id = i + 1
            (bureau, bcode, county_id, registrar, townships, holders, approvers,
             handlers) = counties[i % n_areas]
            age = rng.randint(0, days)
            status = rng.choices(statuses, recent_w if age <= RECENT else old_w)[0]
            received = today - dt.timedelta(days=age)
            holder = bureau if rng.random() < 0.3 else rng.choice(holders)
            path = PATHS[status]
            if path and path[0][0] in ("assign", "transfer") and holder == bureau:
                if len(path) > 1 and path[1][0] in ("accept", "take_up"):
                    path = path[1:]  # the bureau accepts what it handles itself
                else:
                    holder = rng.choice(holders)
            steps = plans.get(path)
            if steps is None:
                steps = plans[path] = plan(path)
            registered_at = now_utc - dt.timedelta(days=age, minutes=rng.randint(0, 600))
            problem, problem_name = (townships[0] if len(townships) == 1
                                     else rng.choice(townships))
            if texts:
                text = rng.randrange(len(texts))
            else:
                text = None
            channel = rng.choices(channels, channel_w)[0]
            purpose = rng.choice(purposes)
            category = rng.choice(leaves)
            first_time = rng.random() < 0.8
            events: list[tuple] = []  # (type, action, old, new, data JSON, actor (id, unit) | None)
            running: dict[str, list] = {}
            clocks: list[list] = []
            reached = {bureau: "registered"}
            holding, sending, current = bureau, None, "registered"
            outcome, merged = "", NULL

            def clocks_at(stops: tuple, starts: tuple, on: dt.date, actor: Any, holding: int, *,
                          running: dict = running, clocks: list = clocks,
                          events: list = events) -> None:
                # a clock: [id, kind, unit, started, days, due, state, ended, breached, article, petitioner]
                for kind in stops:
                    d = running.pop(kind, None)
                    if d is not None:
                        d[6], d[7] = "met", min(on, today)
                        if d[5] < on and not d[10]:
                            d[6], d[8] = "met_late", d[5] + one_day
                        events.append(("deadlines.ended", "", str(d[5]), d[6],
                                       D_ENDED % (d[0], kind), actor))
                for kind, length, article, petitioner in starts:
                    cid = nid["clock"]
                    nid["clock"] = cid + 1
                    due = on + dt.timedelta(days=length)
                    d = [cid, kind, holding, on, length, due, "open", None, None, article, petitioner]
                    running[kind] = d
                    clocks.append(d)
                    events.append(("deadlines.started", "", "", str(due),
                                   D_STARTED % (article, length, cid, kind), actor))

            actor = registrar
            events.append(("case.registered", "", "", "registered", D_REGISTERED % channel,
                           registrar))
            day = received
            starts, stops = CLOCKS["register"]
            clocks_at(stops, starts, day, actor, holding)
            for action, new, move, stops, starts, stage in steps:
                day = min(today, day + dt.timedelta(days=rng.randint(1, 20)))
                if move != "keep":
                    unit = holder if move == "holder" else county_id
                    if unit != holding:
                        events.append(("case.routed", action, names[holding], names[unit],
                                       D_ROUTED % (holding, unit), actor))
                        sending, holding = holding, unit
                        reached.setdefault(unit, "transfer" if move == "holder" else "review")
                actor = (approvers.get(holding) if stage else handlers.get(holding)) or registrar
                events.append(("case.status_changed", action, current, new, D_STEP, actor))
                current = new
                clocks_at(stops, starts, day, actor, holding)
                if stage:
                    oid = nid["opinion"]
                    nid["opinion"] = oid + 1
                    opinion_t.lines.append(opinion_t.template % (
                        oid, case_id, stage, holding, rng.choice(["support", "explain", "reject"]),
                        "经调查核实，答复如下。", "《信访工作条例》第三十二条", day, actor[0]))
                    outcome = "support"
                    if rng.random() < 0.66:
                        sat = rng.choices(["satisfied", "basically", "dissatisfied"], [6, 3, 1])[0]
                        rid = nid["rating"]
                        nid["rating"] = rid + 1
                        rating_t.lines.append(rating_t.template % (
                            rid, case_id, stage, sat,
                            (registered_at + (day - received)).isoformat(timespec="microseconds")
                            + "+00", registrar[0]))
                        events.append(("case.rated", "rate", "", sat, D_RATED % stage, registrar))
                if action == "merge":
                    # 并案 into the county's case generated just before this one (same matter)
                    merged = case_id - n_areas if i - first >= n_areas else NULL
            # what is still running: states as the nightly scan leaves them
            for kind, d in running.items():
                due = d[5]
                if d[10]:
                    if due < today:
                        d[6], d[7] = "cancelled", due + one_day
                        events.append(("deadlines.lapsed", "", str(due), "cancelled",
                                       D_ENDED % (d[0], kind), None))
                elif due < today:
                    d[6], d[8] = "overdue", due + one_day
                    events.append(("deadlines.overdue", "", str(due), "overdue",
                                   D_OVERDUE % (d[9], (today - due).days, d[0], due, kind), None))
                elif (due - today).days <= soon:
                    d[6] = "due_soon"
                    events.append(("deadlines.due_soon", "", str(due), "due_soon",
                                   D_DUE_SOON % ((due - today).days, d[0], kind), None))
            staff_due = [d[5] for d in running.values() if not d[10] and d[6] != "cancelled"]
            officer = NULL
            if current == "accepted" and rng.random() < 0.33:
                h = handlers.get(holding)
                officer = h[0] if h else NULL
            # the case row
            title, request, facts = pool.columns[text] if text is not None else (
                f"楼道漏水（{i}）", "请求维修。", "三号楼楼道漏水。")
            vector = pool.vectors[text] if text is not None else NULL
            case_t.lines.append(case_t.template % (
                case_id, f"{bcode}-{received.year}-{i:06d}", current, channel, purpose, category,
                problem, title, request, facts, "t" if first_time else "f", received,
                registered_at.isoformat(timespec="microseconds") + "+00", bureau, registrar[0],
                holding, NULL if sending is None else sending, outcome, officer, merged,
                min(staff_due) if staff_due else NULL, stamp, vector))
            for unit_id, reason in reached.items():
                aid = nid["access"]
                nid["access"] = aid + 1
                access_t.lines.append(access_t.template % (aid, case_id, unit_id, reason))
            if dup:
                where = sorted({scope_of[u] for u in reached})
                if text is not None:
                    raw, (keys, keys_copy) = pool.texts[text], pool.keys[text]
                else:
                    raw = (f"楼道漏水（{i}）", "请求维修。", "三号楼楼道漏水。")
                    keys, keys_copy = dup_keys([dup_text(raw)])[0]
                lines = posting_t.lines
                for scope in where:
                    tail = f"\t{scope}\t{received}\t{case_id}\n"
                    lines.extend(f"{k}{tail}" for k in keys)
                indexed_t.lines.append(indexed_t.template % (
                    case_id, dupindex._digest(dup_text(raw), received, where, dup_version),
                    keys_copy, json.dumps(where), received))
            for d in clocks:
                clock_t.lines.append(clock_t.template % (
                    d[0], case_id, d[1], d[2], d[3], d[4], "calendar", d[5], d[6],
                    NULL if d[7] is None else d[7], NULL if d[8] is None else d[8], d[9],
                    "t" if d[10] else "f"))
            prev = ""
            eid = nid["event"]
            minute = dt.timedelta(minutes=1)
            at = registered_at
            lines = event_t.lines
            template = event_t.template
            for type_, action, old, new, data, who in events:
                at_text = at.isoformat(timespec="microseconds")
                kind = kinds[type_]
                if who is None:
                    actor_id = unit_id = "null"
                    actor_col = unit_col = NULL
                else:
                    actor_id = actor_col = who[0]
                    unit_id = unit_col = who[1]
                digest = hashlib.sha256((PAYLOAD % (
                    action, actor_id, at_text, case_id, data, kind, new, old, type_, unit_id,
                    prev)).encode()).hexdigest()
                lines.append(template % (eid, case_id, kind, type_, action, actor_col, unit_col,
                                         at_text + "+00", old, new, data, prev, digest))
                prev = digest
                eid += 1
                at += minute
            nid["event"] = eid
            # the petitioner: encrypted fields and blind indexes
            pid = nid["person"]
            nid["person"] = pid + 1
            if texts:
                name = rng.choice(surnames) + rng.choice(given)
                id_number = _id_number(rng, received)
                address = f"{problem_name}{rng.randint(1, 200)}号"
            else:
                name, id_number, address = f"张{case_id}", "11010519491231002X", "城关镇东街1号"
            phone = f"139{case_id:08d}"
            ni = name_index.get(name)
            if ni is None:
                ni = name_index[name] = hmac.digest(
                    secret, crypto.normalise_name(name).encode(), "sha256").hex()
            person_t.lines.append(person_t.template % (
                pid, fernet.encrypt(name), ni, fernet.encrypt(id_number), blind(id_number),
                fernet.encrypt(phone), blind(phone), fernet.encrypt(address), stamp))
            lid = nid["link"]
            nid["link"] = lid + 1
            link_t.lines.append(link_t.template % (lid, case_id, pid))
            if current in ("accepted", "assigned", "duty") and rng.random() < 0.03:
                sid = nid["order"]
                nid["order"] = sid + 1
                order_t.lines.append(order_t.template % (
                    sid, today + dt.timedelta(days=15), case_id, "duban", "open", bureau,
                    approvers[bureau][0], holding, today, "请办结并回复"))
        with transaction.atomic(), connection.cursor() as cur:
            for t in (*tables, *dup_tables):
                t.flush(cur.cursor)
        if progress is not None:
            progress(end - start)
    if stats is not None:
        stats["cpu"] = time.process_time() - cpu0
        stats["pg_cpu"] = backend_cpu(backend) - pg0
    if id_base is None:
        finish()


def _tables() -> list[Table]:
    (Case, CaseAccess, Deadline, CaseEvent, Petitioner, CasePetitioner, Opinion, Rating,
     SupervisionOrder) = bulk_models()
    return [
        Table(Case, ["id", "number", "status", "channel", "purpose", "category_id",
                     "problem_unit_id", "title", "request", "facts_reasons", "is_first_time",
                     "received_on", "registered_at", "registered_unit_id", "registered_by_id",
                     "holding_unit_id", "sending_unit_id", "outcome", "assigned_officer_id",
                     "merged_into_id", "next_due", "updated_at", "search_tokens"]),
        Table(CaseAccess, ["id", "case_id", "unit_id", "reason"]),
        Table(Deadline, ["id", "case_id", "kind", "unit_id", "started_on", "days", "day_unit",
                         "due_on", "state", "ended_on", "breached_on", "article",
                         "for_petitioner"]),
        Table(CaseEvent, ["id", "case_id", "kind", "type", "action", "actor_id", "unit_id", "at",
                          "old_value", "new_value", "data", "prev_hash", "hash"]),
        Table(Petitioner, ["id", "name", "name_index", "id_number", "id_number_index", "phone",
                           "phone_index", "address", "created_at"]),
        Table(CasePetitioner, ["id", "case_id", "petitioner_id"]),
        Table(Opinion, ["id", "case_id", "stage", "unit_id", "outcome", "text", "legal_basis",
                        "issued_on", "issued_by_id"]),
        Table(Rating, ["id", "case_id", "stage", "satisfaction", "recorded_at", "recorded_by_id"]),
        Table(SupervisionOrder, ["id", "due_on", "case_id", "kind", "status", "issuing_unit_id",
                                 "issued_by_id", "target_unit_id", "issued_on", "instructions"]),
    ]


def _dup_tables() -> list[Table]:
    DupPosting, DupIndexed = dup_models()
    return [Table(DupPosting, ["key", "scope", "received_on", "case_id"]),
            Table(DupIndexed, ["case_id", "digest", "keys", "scopes", "received_on"])]


def _next_id(table: Table) -> int:
    from django.db.models import Max

    return (table.model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def finish() -> None:
    """The id sequences continue after the ids given here."""
    import pages_data

    pages_data.Writer().finish(bulk_models())


def backend_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a PostgreSQL backend on this machine (/proc), else 0."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def build_parallel(n: int, seed: int, workers: int, progress: Any = None,
                   **kwargs: Any) -> dict[str, float]:
    """`build` in `workers` forked processes (one connection each) on an empty database: worker k
    writes an equal share of the cases with the seed `seed + k` and its own block of ids, then the
    id sequences continue after the highest. Returns the workers' summed CPU seconds and their
    PostgreSQL backends'."""
    import multiprocessing

    from django.db import connections

    share = -(-n // workers)
    ctx = multiprocessing.get_context("fork")
    done = ctx.Value("q", 0)
    results = ctx.Queue()

    def run(k: int) -> None:
        def count(m: int) -> None:
            with done.get_lock():
                done.value += m

        stats: dict = {}
        build(min(share, n - k * share), seed + k, count, first=k * share,
              id_base=k * share * ROWS_PER_CASE + 1, stats=stats, **kwargs)
        connections.close_all()
        results.put(stats)

    connections.close_all()  # each process opens its own
    procs = [ctx.Process(target=run, args=(k,)) for k in range(workers) if k * share < n]
    for p in procs:
        p.start()
    seen, got = 0, []
    while any(p.is_alive() for p in procs) or seen < done.value:
        time.sleep(1)
        while not results.empty():
            got.append(results.get())
        now = done.value
        if progress is not None and now > seen:
            progress(now - seen)
        seen = now
        if any(p.exitcode not in (None, 0) for p in procs):
            for p in procs:
                p.terminate()
            raise SystemExit("a builder process failed")
    for p in procs:
        p.join()
    while len(got) < len(procs):
        got.append(results.get(timeout=10))
    finish()
    return {"cpu": sum(s["cpu"] for s in got), "pg_cpu": sum(s["pg_cpu"] for s in got)}


# --- the bulk load: secondary indexes and constraints dropped, then built after the COPY ----------


def drop_indexes(cursor: Any) -> list[tuple[str, str]]:
    """Drop the foreign keys, unique constraints and secondary indexes of the bulk tables (the
    primary keys and checks stay); returns the statements that create them again, in order
    (indexes, unique constraints, foreign keys)."""
    tables = [m._meta.db_table for m in (*bulk_models(), *dup_models())]
    postings = dup_models()[0]._meta.db_table
    cursor.execute(
        "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND (c.contype IN ('f', 'u') "
        "OR c.contype = 'p' AND c.conrelid = %s::regclass) "
        "ORDER BY c.contype DESC, c.conname", [tables, postings])
    constraints = cursor.fetchall()
    # foreign keys of other tables that point at these (they would block nothing: kept as they are)
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('u', 'p')) "
        "ORDER BY 1", [tables])
    indexes = cursor.fetchall()
    for table, name, _kind, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    create = [(name, definition) for name, definition in indexes]
    create += [(name, f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
               for table, name, kind, definition in constraints if kind in ("p", "u")]
    create += [(name, f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
               for table, name, kind, definition in constraints if kind == "f"]
    return create


def restore_indexes(create: list[tuple[str, str]], connect: Callable[[], Any], *,
                    workers: int = 2, memory: str = "512MB") -> dict[str, Any]:
    """Run `create` (from `drop_indexes`) on `workers` connections at once (`connect()` gives a
    new psycopg connection), the indexes and unique constraints first, then the foreign keys;
    returns the wall time and the backends' CPU seconds by statement kind."""
    import threading

    out: dict[str, Any] = {"index_s": 0.0, "fk_s": 0.0, "pg_cpu": 0.0, "slowest": []}
    lock = threading.Lock()
    timings: list[tuple[float, str]] = []
    for phase in ("index", "fk"):
        todo = [(name, sql) for name, sql in create
                if ("FOREIGN KEY" in sql) == (phase == "fk")]
        # the largest first (the GIN indexes on the case texts), so the pool ends together
        todo.sort(key=lambda item: ("gin" not in item[1], "dupposting" not in item[1],
                                    "caseevent" not in item[1]))
        t0 = time.perf_counter()

        def work(todo: list = todo) -> None:
            with connect() as conn:
                conn.autocommit = True
                conn.execute(f"SET maintenance_work_mem = '{memory}'")
                conn.execute("SET max_parallel_maintenance_workers = 0")
                conn.execute("SET synchronous_commit = off")
                pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
                cpu = backend_cpu(pid)
                while True:
                    with lock:
                        if not todo:
                            break
                        name, sql = todo.pop(0)
                    s = time.perf_counter()
                    conn.execute(sql)
                    with lock:
                        timings.append((time.perf_counter() - s, name))
                with lock:
                    out["pg_cpu"] += backend_cpu(pid) - cpu

        threads = [threading.Thread(target=work) for _ in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out[f"{phase}_s"] = time.perf_counter() - t0
    out["slowest"] = [(name, round(s, 1)) for s, name in sorted(timings, reverse=True)[:6]]
    out["statements"] = len(timings)
    return out
