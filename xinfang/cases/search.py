"""Case search at province scale (issue 17): what the query is decides how it is looked up.

- a case number or its prefix (``GA-2026-``, ``GA-2026-000123``): the number's prefix index
  (the ``varchar_pattern_ops`` index Django gives a unique text column on PostgreSQL);
- an imported case's id in its source system: ``external_id``, exact;
- an ID number or a phone number (digits, a final X): the petitioners' blind indexes, exact;
- a whole name: the petitioners' name blind index, exact;
- anything else: words of the text (概况, 诉求, 事实和理由), every whitespace-separated term present.

The words of the text, on PostgreSQL, by the method of ``XINFANG_SEARCH_TEXT``, each term of two
characters or more found through an index, then checked as a substring (``ILIKE``) on the rows found
(a hit always holds the term as typed; the methods differ in what they may miss and in cost):

- ``bigram`` (default): ``Case.search_tokens``, a ``tsvector`` of the case's jieba words and of
  every two consecutive Chinese characters of its three texts, written when a case is saved
  (registration, import, edit) and by ``manage.py backfill_search_tokens``; a Chinese term needs
  all its bigrams (so every case holding it is found), other terms their jieba words; GIN index;
- ``jieba``: the same column, the term's jieba words (precise mode) required: smaller posting
  lists, but a word the text's segmentation splits otherwise is missed (不到 in 找不到);
- ``trigram``: ``ILIKE '%term%'`` on the three columns, served by their ``gin_trgm_ops`` indexes;
  a term of two characters has no trigram, so the index cannot serve it.

A term of one character is matched by ``ILIKE`` alone whatever the method (no index serves it). On
SQLite (development, tests) the text is matched by ``LIKE`` (no index). docs/scaling.md "Search"
has the measurements behind the default.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import Q
from django.utils.functional import cached_property

#: the jieba words kept from a text: those with a letter, digit or CJK character (no punctuation)
_WORD = re.compile(r"[\w]", re.UNICODE)
#: a run of Chinese characters (CJK unified ideographs, extension A, compatibility ideographs)
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: a case number or its prefix: letters and digits, then -year-serial (issued by cases.services)
NUMBER_PREFIX = re.compile(r"[A-Z][A-Z0-9]*-\d{0,4}(?:-\d{0,6})?")
#: an ID number or a phone number as typed (spaces and hyphens dropped): digits, a final X
DIGITS = re.compile(r"\d{5,}X?")

_jieba = None


def _cutter() -> Any:
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(60)
        _jieba = jieba
    return _jieba


def _clean(token: str) -> str:
    return unicodedata.normalize("NFKC", token).strip().lower()


def jieba_words(text: str) -> set[str]:
    """The jieba words of a text: search mode (a long dictionary word gives its sub-words too),
    dictionary only (no HMM: the same text always gives the same words), NFKC, lower case,
    punctuation dropped."""
    words = (_clean(t) for t in _cutter().lcut_for_search(text, HMM=False))
    return {w for w in words if w and _WORD.search(w)}


def bigrams(text: str) -> set[str]:
    """Every two consecutive Chinese characters of the text (within a run of Chinese characters)."""
    return {run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)}


def text_words(text: str) -> set[str]:
    """What the tsvector of a case holds: its jieba words and its Chinese bigrams. A Chinese term
    of two or more characters is in a text only if all its bigrams are: searching by bigrams finds
    every case holding it (the jieba words alone miss a word the text's segmentation splits
    otherwise: 不到 in 找不到, docs/scaling.md "Search")."""
    return jieba_words(text) | bigrams(_clean(text))


#: jieba's block characters (``jieba.re_han_default``): Chinese characters, and the ASCII ones below
_JIEBA_ASCII = "a-zA-Z0-9+#&._%\\-"
#: a run of jieba's ASCII block characters, an ASCII letter/digit run inside it, a character jieba
#: yields on its own (neither a block character nor white space)
_ASCII_RUN = re.compile(f"[{_JIEBA_ASCII}]+")
_ALNUM_RUN = re.compile("[a-zA-Z0-9]+")
_SINGLE = re.compile(f"[^\u4e00-\u9fd5{_JIEBA_ASCII}\\s]")
_mixed: Any = None


def _mixed_words() -> Any:
    """A pattern of jieba's dictionary words that hold an ASCII block character and are longer than
    one character (B超, T恤, 4S店, 卡拉OK…, c++; ~70 words): only such a word can change how jieba
    cuts the ASCII part of a text, so a text holding none needs no jieba for it."""
    global _mixed
    if _mixed is None:
        tokenizer = _cutter().dt
        tokenizer.check_initialized()
        ascii_char = re.compile(f"[{_JIEBA_ASCII}]")
        words = sorted((w for w, n in tokenizer.FREQ.items() if n and len(w) > 1 and ascii_char.search(w)),
                       key=lambda w: (-len(w), w))
        _mixed = re.compile("|".join(map(re.escape, words)) or "(?!)")
    return _mixed


def free_words(text: str) -> set[str]:
    """The jieba words of a text that hold no Chinese character (``jieba_words``, those without a
    character of ``_CJK_RUN``), without running jieba over the Chinese text: with no dictionary word
    mixing ASCII and other characters in the text, jieba (precise mode, no HMM) cuts every run of
    ASCII letters and digits into one word, yields ``_`` and each character outside its blocks (but
    white space) alone, and search mode adds no sub-word to them. A text holding such a word is cut
    by jieba (the same words, slower). Tested against ``jieba_words`` on the shared real messages and
    on made-up texts."""
    if _mixed_words().search(text):
        return {w for w in jieba_words(text) if not _CJK_RUN.search(w)}
    out = set()
    for run in _ASCII_RUN.findall(text):
        out.update(w.lower() for w in _ALNUM_RUN.findall(run))
        if "_" in run:
            out.add("_")
    for char in set(_SINGLE.findall(text)):
        word = _clean(char)
        if word and _WORD.search(word) and not _CJK_RUN.search(word):
            out.add(word)
    return out


def bigram_words(text: str) -> set[str]:
    """What a search by the ``bigram`` method can ask of a text: its Chinese bigrams and its words
    without a Chinese character (a query term's lexemes are its bigrams and the jieba words of what
    is not Chinese in it, ``query_lexemes``). Exactly the lexemes of ``text_words`` that such a
    query can name, so a ``bigram`` search finds the same cases with these as with ``text_words``;
    microseconds a text instead of jieba's milliseconds."""
    return bigrams(_clean(text)) | free_words(text)


def search_words(text: str, method: str | None = None) -> set[str]:
    """The words stored for a case's text: ``text_words`` (jieba words and bigrams) when the search
    method is ``jieba``, which needs the jieba words of the text; ``bigram_words`` otherwise (the
    default ``bigram`` reads nothing else, ``trigram`` reads no words). After changing
    ``XINFANG_SEARCH_TEXT`` to ``jieba``, ``manage.py backfill_search_tokens --all`` rewrites them."""
    if method is None:
        from . import conf

        method = conf.CASES.XINFANG_SEARCH_TEXT
    return text_words(text) if method == "jieba" else bigram_words(text)


def query_words(term: str) -> list[str]:
    """The jieba words of one query term (precise mode: 噪音扰民 → 噪音, 扰民)."""
    words = (_clean(t) for t in _cutter().lcut(term, HMM=False))
    return [w for w in dict.fromkeys(words) if w and _WORD.search(w)]


def query_lexemes(term: str, method: str) -> list[str]:
    """The lexemes all required for `term`: ``bigram``: its Chinese bigrams, and the jieba words
    of what is not Chinese; ``jieba``: its jieba words."""
    if method == "jieba":
        return query_words(term)
    term = _clean(term)
    rest = _CJK_RUN.sub(" ", term)
    other = [w for w in query_words(rest) if not w.isspace()] if rest.strip() else []
    return sorted(bigrams(term)) + other


def _quoted(word: str) -> str:
    """A lexeme for tsvector/tsquery input: quoted, quotes doubled, backslashes escaped."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


#: PostgreSQL refuses a lexeme over 2,047 bytes ("word is too long"); a longer "word" (a run of
#: digits or letters pasted into a form) is left out of the index and of the query's index part,
#: where the ILIKE check still finds it
MAX_LEXEME_BYTES = 2047


def indexable(word: str) -> bool:
    return len(word.encode()) <= MAX_LEXEME_BYTES


def tsvector_text(words: set[str]) -> str:
    """``words`` in tsvector input form (the column is written from Python; no text search
    configuration is involved, so the words are exactly jieba's), those too long for PostgreSQL
    left out."""
    if not words:
        return ""
    plain = "' '".join(words)
    if plain.count("'") > 2 * len(words) - 2 or "\\" in plain or \
            max(map(len, words)) * 4 > MAX_LEXEME_BYTES:
        return " ".join(_quoted(w) for w in sorted(words) if indexable(w))
    # nothing to escape nor to leave out (the usual case): quoted as they come, PostgreSQL sorts them
    return f"'{plain}'"


def case_text(title: str | None, request: str | None, facts: str | None) -> str:
    return "\n".join(t for t in (title, request, facts) if t)


class SearchTokensField(models.TextField):
    """The jieba words of the case's three texts: ``tsvector`` on PostgreSQL (GIN index), filled
    whenever the case is saved with changed texts (every path that writes a case: registration, the
    import's COPY, edits). Other databases store nothing (their search does not use it)."""

    def db_type(self, connection: Any) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        if connections[model_instance._state.db or "default"].vendor != "postgresql":
            return None
        state = model_instance.__dict__
        source = (state.get("title"), state.get("request"), state.get("facts_reasons"))
        current = state.get(self.attname)
        if add or current is None or state.get("_search_source") != source:
            current = tsvector_text(search_words(case_text(*source)))
            state[self.attname] = current
            state["_search_source"] = source
        return current


class ILike(models.Lookup):
    """``column ILIKE '%term%'`` (a trigram GIN index serves it; Django's ``icontains`` is
    ``UPPER(col) LIKE UPPER(…)``, which no index on the column serves)."""

    lookup_name = "xf_ilike"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]

    def get_db_prep_lookup(self, value: str, connection: Any) -> tuple[str, list]:
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "%s", [f"%{escaped}%"]


class Matches(models.Lookup):
    """``search_tokens @@ 'a' & 'b'::tsquery`` (the GIN index on the column serves it)."""

    lookup_name = "xf_matches"
    prepare_rhs = False  # a tuple of words, not a text

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} @@ %s::tsquery", [*lhs_params, " & ".join(_quoted(w) for w in self.rhs)]

    def get_db_prep_lookup(self, value: Any, connection: Any) -> Any:
        return value


SearchTokensField.register_lookup(Matches)
models.CharField.register_lookup(ILike)
models.TextField.register_lookup(ILike)

TEXT_FIELDS = ("title", "request", "facts_reasons")


def _substring(term: str, postgres: bool) -> Q:
    lookup = "xf_ilike" if postgres else "icontains"
    q = Q()
    for f in TEXT_FIELDS:
        q |= Q(**{f"{f}__{lookup}": term})
    return q


def text_q(query: str, *, vendor: str, method: str) -> Q:
    """Every whitespace-separated term of `query` in the case's texts (see the module's doc)."""
    postgres = vendor == "postgresql"
    q = Q()
    for term in query.split():
        q &= _substring(term, postgres)
        if postgres and method in ("bigram", "jieba") and len(term) > 1:
            words = [w for w in query_lexemes(term, method) if indexable(w)]
            if words:
                q &= Q(search_tokens__xf_matches=tuple(words))
    return q


def classify(query: str) -> dict[str, Any]:
    """What `query` may be: {"compact": spaces dropped, upper case; "number": a case-number prefix;
    "digits": an ID/phone number; "text": whether to search the words of the text}."""
    compact = "".join(query.split()).upper()
    digits = bool(DIGITS.fullmatch(compact.replace("-", "")))
    number = bool(NUMBER_PREFIX.fullmatch(compact))
    return {"compact": compact, "number": number, "digits": digits, "text": not (digits or number)}


#: the GIN index of the search words (migration cases 0017) and how it is rebuilt after a large fill
SEARCH_INDEX = "case_search_tokens"
CREATE_SEARCH_INDEX = f"CREATE INDEX {{}} IF NOT EXISTS {SEARCH_INDEX} ON cases_case USING gin (search_tokens)"
#: a fill drops the index and builds it again afterwards (one sorted build instead of one index
#: insertion per case) when at least this many cases lack their words and they are at least this
#: share of the table (docs/benchmarks.md "Importing history": ~0.85 ms of server CPU a case when
#: the index is kept, ~0.1 ms without it plus ~0.4 ms a case of the whole table for the build)
REBUILD_MIN = 50_000
REBUILD_SHARE = 0.5
#: maintenance_work_mem for the build (with the default 64 MB a GIN build took twice the CPU)
BUILD_MEMORY = "512MB"


def _search_index(cursor: Any) -> bool | None:
    """Whether the search words' index is valid (False: left invalid by an interrupted concurrent
    build), None when it does not exist."""
    cursor.execute("SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
                   "WHERE c.relname = %s", [SEARCH_INDEX])
    row = cursor.fetchone()
    return None if row is None else bool(row[0])


def ensure_search_index(connection: Any) -> bool:
    """Build the search words' index if it is missing or invalid (a fill that dropped it was
    interrupted). ``CONCURRENTLY`` outside a transaction (writes go on meanwhile), else a plain
    build. Returns whether it built one."""
    concurrently = not connection.in_atomic_block
    with connection.cursor() as cursor:
        state = _search_index(cursor)
        if state:
            return False
        if state is False:
            cursor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
        cursor.execute(f"SET maintenance_work_mem = '{BUILD_MEMORY}'")
        try:
            cursor.execute(CREATE_SEARCH_INDEX.format("CONCURRENTLY" if concurrently else ""))
        finally:
            cursor.execute("RESET maintenance_work_mem")
    return True


def backfill(connection: Any, *, batch: int = 2000, limit: int | None = None,
             progress: Any = None, everything: bool = False, rebuild: bool | None = None) -> int:
    """Fill ``search_tokens`` of the cases that have none (``everything``: of every case, after
    ``XINFANG_SEARCH_TEXT`` changed to ``jieba``), by id, `batch` at a time (each batch one UPDATE
    from two arrays; resumable: it picks up where it stopped). Returns the cases filled.

    ``rebuild`` (None: when ``REBUILD_MIN`` and ``REBUILD_SHARE`` say so, never with ``limit``):
    the GIN index is dropped before the fill and built again after it, ``CONCURRENTLY`` outside a
    transaction; meanwhile a search by words still works but reads the whole table. An interrupted
    fill leaves it dropped: the next fill (or ``import_finish``) builds it first thing.
    PostgreSQL only (other databases do not use the column)."""
    if connection.vendor != "postgresql":
        return 0
    done, last = 0, 0
    which = "" if everything else "AND search_tokens IS NULL "
    ensure_search_index(connection)
    with connection.cursor() as cursor:
        if rebuild is None and limit is None:
            cursor.execute("SELECT count(*), count(*) FILTER (WHERE search_tokens IS NULL) FROM cases_case")
            total, missing = cursor.fetchone()
            todo = total if everything else missing
            rebuild = todo >= REBUILD_MIN and todo >= REBUILD_SHARE * total
        if rebuild and limit is None:
            cursor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
        try:
            while limit is None or done < limit:
                size = batch if limit is None else min(batch, limit - done)
                cursor.execute(
                    "SELECT id, title, request, facts_reasons FROM cases_case "  # noqa: S608
                    f"WHERE id > %s {which}ORDER BY id LIMIT %s", [last, size])
                rows = cursor.fetchall()
                if not rows:
                    break
                ids = [row[0] for row in rows]
                vectors = [tsvector_text(search_words(case_text(*texts))) for _, *texts in rows]
                cursor.execute(
                    "UPDATE cases_case c SET search_tokens = u.v::tsvector "
                    "FROM unnest(%s::bigint[], %s::text[]) AS u(id, v) WHERE c.id = u.id", [ids, vectors])
                done += len(rows)
                last = ids[-1]
                if progress:
                    progress(len(rows))
        finally:
            if rebuild and limit is None:
                ensure_search_index(connection)
    return done


#: a search lists and counts at most this many cases (the newest): no COUNT over a province
RESULTS_MAX = 1000


class CappedPaginator(Paginator):
    """Django's Paginator over at most `RESULTS_MAX` results: the count is ``COUNT(*)`` of a
    ``LIMIT RESULTS_MAX + 1`` subquery (bounded work whatever the province holds), `capped` says
    that there are more; pages are LIMIT/OFFSET within the cap."""

    capped = False

    @cached_property
    def count(self) -> int:
        # any RESULTS_MAX + 1 of them, in no order: ordered, the LIMIT would make PostgreSQL walk
        # the date index through the whole province for a condition that is not in it
        n = self.object_list.order_by()[:RESULTS_MAX + 1].count()
        self.capped = n > RESULTS_MAX
        return min(n, RESULTS_MAX)
