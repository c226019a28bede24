#include "server/store/sqlite_schema.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace claimcheck::store {
namespace {

// v1: articles, quotes (+ two FTS5 indexes kept in sync by triggers),
// speakers with derived aliases and roles, numeric claims, store metadata.
//
// Both FTS5 tables are external-content tables over quotes.norm_text, the
// extract::NormalizeForMatch() form of the quote (accents folded, quote
// marks and punctuation dropped): queries are normalised the same way, so
// "It's" in a quote and "its" in a query meet, and trigram (which in SQLite
// 3.40 cannot fold diacritics) sees folded text. The trigram table is
// detail=none (substring queries go through GLOB, which needs no positions).
//
// No triggers keep the FTS tables in sync: the store writes them itself at
// the end of each write transaction (see sqlite_store_write.cc), because in
// SQLite 3.40 every statement savepoint - which a trigger forces on each
// quote INSERT - flushes FTS5's pending data to a new segment, which made
// ingest about twice as slow. Edit quotes only through the store; after a
// manual edit, INSERT INTO quotes_words(quotes_words) VALUES('rebuild') (and
// the same for quotes_trigram) restores the indexes.
constexpr const char kSchemaV1[] = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY NOT NULL,
  value BLOB NOT NULL
);

CREATE TABLE articles (
  id TEXT PRIMARY KEY NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL,
  published_date TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  ingested_unix_ms INTEGER NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url <> '';
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE speakers (
  id TEXT PRIMARY KEY NOT NULL,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sort_name TEXT NOT NULL,
  kind INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX speakers_sort ON speakers(sort_name, id);

CREATE TABLE quotes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  norm_text TEXT NOT NULL,
  span_begin INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  partial INTEGER NOT NULL DEFAULT 0,
  speaker_id TEXT REFERENCES speakers(id),
  speaker TEXT NOT NULL DEFAULT '',
  speaker_kind INTEGER NOT NULL DEFAULT 0,
  mention TEXT NOT NULL DEFAULT '',
  mention_begin INTEGER NOT NULL DEFAULT 0,
  mention_end INTEGER NOT NULL DEFAULT 0,
  role TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  relayed_by TEXT NOT NULL DEFAULT '',
  cue TEXT NOT NULL DEFAULT '',
  rule TEXT NOT NULL DEFAULT '',
  confidence REAL NOT NULL DEFAULT 0,
  match_hash INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id, ordinal);
CREATE INDEX quotes_match_hash ON quotes(match_hash);
CREATE INDEX quotes_speaker ON quotes(speaker_id) WHERE speaker_id IS NOT NULL;

CREATE VIRTUAL TABLE quotes_words USING fts5(
  norm_text, content='quotes', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quotes_trigram USING fts5(
  norm_text, content='quotes', content_rowid='seq', tokenize='trigram',
  detail='none');

-- Derived from quotes (mentions and roles); rebuilt for the speakers
-- touched when quotes are deleted.
CREATE TABLE speaker_aliases (
  speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  alias_lower TEXT NOT NULL,
  PRIMARY KEY (speaker_id, alias)
) WITHOUT ROWID;
CREATE INDEX speaker_aliases_lower ON speaker_aliases(alias_lower);

CREATE TABLE speaker_roles (
  speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (speaker_id, role)
) WITHOUT ROWID;

CREATE TABLE claims (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  surface TEXT NOT NULL,
  span_begin INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  value REAL,
  low REAL,
  high REAL,
  range_low REAL,
  range_high REAL,
  approx INTEGER NOT NULL DEFAULT 0,
  qualifier TEXT NOT NULL DEFAULT '',
  vague INTEGER NOT NULL DEFAULT 0,
  unit TEXT NOT NULL DEFAULT '',
  unit_key TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  subject_key TEXT NOT NULL DEFAULT '',
  time TEXT NOT NULL DEFAULT '',
  asserted_by TEXT NOT NULL DEFAULT '',
  quote_index INTEGER NOT NULL DEFAULT -1
);
CREATE INDEX claims_article ON claims(article_id, ordinal);
CREATE INDEX claims_unit_key ON claims(unit_key);
CREATE INDEX claims_subject_key ON claims(subject_key);
)sql";

// v2 (speaker identity; sqlite_store_speakers.cc): recorded merges of
// speaker records. A merge points the quotes of `from_id` at `into_id` and
// removes the `from_id` speaker row; the row's values are kept here so the
// merge can be undone. undone_ms = 0 while the merge is active; an undone
// row also stops the pair from being merged automatically again.
constexpr const char kSchemaV2[] = R"sql(
CREATE TABLE speaker_merges (
  seq INTEGER PRIMARY KEY,
  from_id TEXT NOT NULL,
  from_key TEXT NOT NULL,
  from_name TEXT NOT NULL,
  from_kind INTEGER NOT NULL DEFAULT 0,
  into_id TEXT NOT NULL,
  into_name TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  undone_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX speaker_merges_from ON speaker_merges(from_id, undone_ms);
CREATE INDEX speaker_merges_into ON speaker_merges(into_id, undone_ms);
)sql";

// v3 (Watch; sqlite_store_watch.cc): registered quotes and the event log.
// events.seq is the clients' resume cursor: AUTOINCREMENT so that it only
// grows, even past deleted rows. Events are written in the transaction of
// the ingest that caused them; the occurrence is copied in, so an event
// still reads whole after its article is replaced or deleted.
constexpr const char kSchemaV3[] = R"sql(
CREATE TABLE watches (
  seq INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  speaker TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind INTEGER NOT NULL,
  watch_id TEXT NOT NULL DEFAULT '',
  quote_id TEXT NOT NULL DEFAULT '',
  article_id TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  published_date TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  quote_text TEXT NOT NULL DEFAULT '',
  speaker TEXT NOT NULL DEFAULT '',
  span_begin INTEGER NOT NULL DEFAULT 0,
  span_end INTEGER NOT NULL DEFAULT 0,
  verdict INTEGER NOT NULL DEFAULT 0,
  score REAL NOT NULL DEFAULT 0,
  summary TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
);
)sql";

// v4 (numeric kinds; server/extract/types.h Quantity): what sort of
// quantity a claim is (QuantityKind), the direction of a reported change
// (ChangeDirection), whether the number is the size of that change, the base
// it started from, and the claim's time resolved against the article date.
// Existing rows read as kind 0 (unknown) and no change.
constexpr const char kSchemaV4[] = R"sql(
ALTER TABLE claims ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN change INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN is_delta INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN base REAL;
ALTER TABLE claims ADD COLUMN time_resolved TEXT NOT NULL DEFAULT '';
CREATE INDEX claims_kind ON claims(kind, unit_key);
)sql";

// v5 (stories, server/story): each article's story (a small row, as joining
// stories rewrites it) and signature features, and its MinHash bucket keys by
// day, so ingest finds candidates by lookup; an article's keys are derived
// again from its features (story::BucketKeys) to delete them.
// Articles stored before this version have no story until re-ingested.
constexpr const char kSchemaV5[] = R"sql(
CREATE TABLE story_members (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  story_id TEXT NOT NULL,
  day INTEGER NOT NULL
);
CREATE TABLE story_features (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  features BLOB NOT NULL  -- story::EncodeFeatures
);
CREATE INDEX story_members_story ON story_members(story_id, article_id);
-- Keyed by the article's rowid last, so a key's rows of one day append.
CREATE TABLE story_buckets (
  bucket INTEGER NOT NULL,
  day INTEGER NOT NULL,
  article_seq INTEGER NOT NULL,  -- articles.rowid; RemoveFromStoryLocked
  PRIMARY KEY (bucket, day, article_seq)
) WITHOUT ROWID;
)sql";

// v6 (bounded ListConflicts, sqlite_store_conflict_index.cc): conflicts are
// kept per group (ConflictGroup in store.h) and paged from an index. Triggers
// mark the groups a write touches dirty, in the write's own transaction, so
// a crash between the write and the recomputation loses nothing; the writer
// recomputes dirty groups after each commit. Existing rows start dirty.
constexpr const char kSchemaV6[] = R"sql(
CREATE TABLE conflict_dirty (
  key TEXT PRIMARY KEY,          -- 'a' || match_hash, or 'n' || story_id
  -- A deleted quote's norm_text, to find the groups of its variants (a
  -- stored quote's text is read from the memory index instead).
  text TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE conflicts (
  group_key TEXT NOT NULL,
  id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  sort_date TEXT NOT NULL,  -- the later side's date; '' sorts last
  outlet_a TEXT NOT NULL,
  date_a TEXT NOT NULL,
  outlet_b TEXT NOT NULL,
  date_b TEXT NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (group_key, id)
) WITHOUT ROWID;
CREATE INDEX conflicts_listing ON conflicts(sort_date DESC, id, group_key);
CREATE INDEX conflicts_kind ON conflicts(kind, sort_date DESC, id, group_key);
CREATE TRIGGER quotes_conflict_ins AFTER INSERT ON quotes
  WHEN NEW.speaker_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO conflict_dirty VALUES ('a' || NEW.match_hash, '');
END;
CREATE TRIGGER quotes_conflict_del AFTER DELETE ON quotes
  WHEN OLD.speaker_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO conflict_dirty VALUES ('a' || OLD.match_hash,
                                               OLD.norm_text);
END;
CREATE TRIGGER quotes_conflict_upd
  AFTER UPDATE OF speaker_id, speaker, confidence ON quotes BEGIN
  INSERT OR IGNORE INTO conflict_dirty VALUES ('a' || NEW.match_hash, '');
END;
CREATE TRIGGER claims_conflict_ins AFTER INSERT ON claims
  WHEN NEW.unit_key <> '' BEGIN
  INSERT OR IGNORE INTO conflict_dirty
    SELECT 'n' || story_id, '' FROM story_members
    WHERE article_id = NEW.article_id;
END;
CREATE TRIGGER claims_conflict_del AFTER DELETE ON claims
  WHEN OLD.unit_key <> '' BEGIN
  INSERT OR IGNORE INTO conflict_dirty
    SELECT 'n' || story_id, '' FROM story_members
    WHERE article_id = OLD.article_id;
END;
CREATE TRIGGER story_conflict_ins AFTER INSERT ON story_members BEGIN
  INSERT OR IGNORE INTO conflict_dirty VALUES ('n' || NEW.story_id, '');
END;
CREATE TRIGGER story_conflict_del AFTER DELETE ON story_members BEGIN
  INSERT OR IGNORE INTO conflict_dirty VALUES ('n' || OLD.story_id, '');
END;
CREATE TRIGGER story_conflict_upd AFTER UPDATE OF story_id ON story_members
BEGIN
  INSERT OR IGNORE INTO conflict_dirty VALUES ('n' || OLD.story_id, '');
  INSERT OR IGNORE INTO conflict_dirty VALUES ('n' || NEW.story_id, '');
END;
INSERT OR IGNORE INTO conflict_dirty
  SELECT DISTINCT 'a' || match_hash, '' FROM quotes
  WHERE speaker_id IS NOT NULL;
INSERT OR IGNORE INTO conflict_dirty
  SELECT DISTINCT 'n' || story_id, '' FROM story_members;
)sql";

// v7 (ingest cost flat as the database grows, issue 13): story bucket rows
// keyed by period (day / 8, SQLite's integer division: truncating, as C++'s)
// first. News arrives roughly in date order, so one period's rows take the
// inserts of weeks of ingest in a small, cache-resident part of the B-tree;
// keyed by bucket first, every one of an article's 64 keys dirtied its own
// random page of a table that grows with the database. The 8 is part of the
// format (kBucketPeriodDays in sqlite_store_stories.cc); a window of
// 2 * kStoryWindowDays + 1 = 7 days spans at most two periods.
constexpr const char kSchemaV7[] = R"sql(
CREATE TABLE story_buckets_v7 (
  period INTEGER NOT NULL,  -- day / 8
  bucket INTEGER NOT NULL,
  day INTEGER NOT NULL,
  article_seq INTEGER NOT NULL,  -- articles.rowid
  PRIMARY KEY (period, bucket, day, article_seq)
) WITHOUT ROWID;
INSERT INTO story_buckets_v7(period, bucket, day, article_seq)
  SELECT day / 8, bucket, day, article_seq FROM story_buckets;
DROP TABLE story_buckets;
ALTER TABLE story_buckets_v7 RENAME TO story_buckets;
)sql";

// v8 (conflict refresh reads less, issue 13): each kept conflict row has a
// digest of its other columns (RowDigest in sqlite_store_conflict_index.cc),
// placed before the payload, so a recompute tells an unchanged row from
// the digest without reading the payload's overflow pages. Rows carried
// over get 0, which matches no digest: each is rewritten, unchanged, the
// next time its group is recomputed.
constexpr const char kSchemaV8[] = R"sql(
CREATE TABLE conflicts_v8 (
  group_key TEXT NOT NULL,
  id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  sort_date TEXT NOT NULL,
  outlet_a TEXT NOT NULL,
  date_a TEXT NOT NULL,
  outlet_b TEXT NOT NULL,
  date_b TEXT NOT NULL,
  digest INTEGER NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (group_key, id)
) WITHOUT ROWID;
INSERT INTO conflicts_v8
  SELECT group_key, id, kind, sort_date, outlet_a, date_a, outlet_b, date_b,
         0, payload FROM conflicts;
DROP TABLE conflicts;
ALTER TABLE conflicts_v8 RENAME TO conflicts;
CREATE INDEX conflicts_listing ON conflicts(sort_date DESC, id, group_key);
CREATE INDEX conflicts_kind ON conflicts(kind, sort_date DESC, id, group_key);
)sql";

// v9 (conflict rows without the sides, issue 13): a kept row holds the ids
// of its two sides' rows (side_a, side_b: quote ids, or claim ids for
// numeric conflicts) and a payload without the sides' quotes or claims
// (conflict_finder.h), which ListConflicts reads back from their rows; the
// whole v1::Conflict (~4.7 KB) was most of the disk per article. Rows
// carried over keep their whole payload (side ids '', digest 0; listed as
// before) and their groups are marked dirty, so the next refresh rewrites
// them in the new form.
constexpr const char kSchemaV9[] = R"sql(
CREATE TABLE conflicts_v9 (
  group_key TEXT NOT NULL,
  id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  sort_date TEXT NOT NULL,
  outlet_a TEXT NOT NULL,
  date_a TEXT NOT NULL,
  outlet_b TEXT NOT NULL,
  date_b TEXT NOT NULL,
  digest INTEGER NOT NULL,
  side_a TEXT NOT NULL,  -- '': the payload is the whole conflict
  side_b TEXT NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (group_key, id)
) WITHOUT ROWID;
INSERT INTO conflicts_v9
  SELECT group_key, id, kind, sort_date, outlet_a, date_a, outlet_b, date_b,
         0, '', '', payload FROM conflicts;
DROP TABLE conflicts;
ALTER TABLE conflicts_v9 RENAME TO conflicts;
CREATE INDEX conflicts_listing ON conflicts(sort_date DESC, id, group_key);
CREATE INDEX conflicts_kind ON conflicts(kind, sort_date DESC, id, group_key);
INSERT OR IGNORE INTO conflict_dirty
  SELECT DISTINCT group_key, '' FROM conflicts;
)sql";

// v10 (events by reference; sqlite_store_watch.cc): an event whose
// occurrence is a stored quote or claim keeps only its id and article id
// (`by_ref` = 1, copy columns empty) and reads the text, speaker, span and
// article fields back from those rows. Before a quote or claim row goes
// (replace, delete), its events get the copy and `by_ref` = 0, so an event
// still reads whole afterwards. The copied occurrence (~290 B per event)
// was about half of the event log. Existing rows are copies (`by_ref` 0).
constexpr const char kSchemaV10[] = R"sql(
ALTER TABLE events ADD COLUMN by_ref INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_by_ref ON events(article_id) WHERE by_ref = 1;
)sql";

// Index i holds the migration to version i + 1. Append only; never edit a
// migration that has shipped.
constexpr const char* kMigrations[] = {
    kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5,
    kSchemaV6, kSchemaV7, kSchemaV8, kSchemaV9, kSchemaV10};

}  // namespace

int LatestSchemaVersion() {
  return static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));
}

absl::Status MigrateSchema(SqliteConnection* writer) {
  return MigrateSchemaTo(writer, LatestSchemaVersion());
}

absl::Status MigrateSchemaTo(SqliteConnection* writer, int version) {
  CC_ASSIGN_OR_RETURN(const int64_t current,
                      writer->QueryInt("PRAGMA user_version"));
  const int latest = LatestSchemaVersion();
  if (version < 1 || version > latest) {
    return absl::InvalidArgumentError(
        absl::StrCat("no schema version ", version));
  }
  if (current > latest) {
    return absl::FailedPreconditionError(
        absl::StrCat("database schema version ", current,
                     " is newer than this build supports (", latest, ")"));
  }
  for (int v = static_cast<int>(current) + 1; v <= version; ++v) {
    CC_ASSIGN_OR_RETURN(Transaction txn,
                        Transaction::Begin(writer, "BEGIN IMMEDIATE"));
    // Re-check under the write lock: another process may have migrated.
    CC_ASSIGN_OR_RETURN(const int64_t now,
                        writer->QueryInt("PRAGMA user_version"));
    if (now >= v) continue;
    absl::Status status = writer->Exec(kMigrations[v - 1]);
    if (!status.ok()) {
      return absl::Status(status.code(),
                          absl::StrCat("schema migration to v", v,
                                       " failed: ", status.message()));
    }
    CC_RETURN_IF_ERROR(writer->Exec(absl::StrCat("PRAGMA user_version = ", v)));
    CC_RETURN_IF_ERROR(txn.Commit());
  }
  return absl::OkStatus();
}

}  // namespace claimcheck::store
