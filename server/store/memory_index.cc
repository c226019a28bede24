#include "server/store/memory_index.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <optional>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/synchronization/mutex.h"
#include "server/store/sqlite_rows.h"
#include "server/text/stopwords.h"

namespace claimcheck::store {
namespace {

// Candidates: at most this many posting lists are merged, the rarest first;
// more than two only while their total length stays within kPostingBudget;
// of each list only its newest kMaxScan ordinals are read. So a query costs
// at most about kMaxLists * kMaxScan steps whatever the size of the index.
constexpr size_t kMaxLists = 8;
constexpr size_t kPostingBudget = 20000;
constexpr size_t kMaxScan = 20000;
// Candidates returned even when they score below half the best.
constexpr size_t kMinCandidates = 20;
// At most this many candidates are returned (when more than kMinCandidates
// score at least half the best): the best by idf-weighted overlap. Every
// candidate costs its caller a record (string copies) and a ScoreMatch
// (tokenising its text); past the first few dozen by rare-word overlap they
// almost never become the best match (tests/bench/README.md).
constexpr size_t kMaxStrongCandidates = 32;

// The article columns the index keeps (but the id), read in one place.
#define CC_INDEXED_ARTICLE_COLUMNS \
  "outlet, url, published_date, title, ingested_unix_ms"

void ReadIndexedArticle(const Stmt& row, int c, IndexedArticle* a) {
  a->outlet = row.Text(c + 0);
  a->url = row.Text(c + 1);
  a->published_date = row.Text(c + 2);
  a->title = row.Text(c + 3);
  a->ingested_unix_ms = row.Int64(c + 4);
}

// First position at or after `from` in ascending `l` whose value is >= q:
// a galloping search from `from`, so a run of ascending probes costs
// O(log distance) each rather than O(log remaining).
size_t SeekFrom(const std::vector<uint32_t>& l, size_t from, uint32_t q) {
  const size_t n = l.size();
  if (from >= n || l[from] >= q) return from;
  size_t lo = from, step = 1;  // l[lo] < q
  size_t hi = from + step;
  while (hi < n && l[hi] < q) {
    lo = hi;
    step <<= 1;
    hi = lo + step;
  }
  if (hi > n) hi = n;
  // l[lo] < q, and hi == n or l[hi] >= q.
  return static_cast<size_t>(
      std::lower_bound(l.begin() + lo + 1, l.begin() + hi, q) - l.begin());
}

// First element of ascending [p, end) that is >= q: galloping from p.
const uint32_t* SeekPtr(const uint32_t* p, const uint32_t* end, uint32_t q) {
  if (p == end || *p >= q) return p;
  size_t step = 1;
  const uint32_t* lo = p;  // *lo < q
  while (static_cast<size_t>(end - lo) > step && lo[step] < q) {
    lo += step;
    step <<= 1;
  }
  const uint32_t* hi = static_cast<size_t>(end - lo) > step ? lo + step : end;
  return std::lower_bound(lo + 1, hi, q);
}

// Sorts `list` by `before` when a write appended a few entries to a sorted
// list: only from the first one out of order, then a merge, linear in the
// list instead of n log n (a much-quoted speaker or a common unit is touched
// by most commits).
template <typename Before>
void SortAppended(std::vector<uint32_t>* list, const Before& before) {
  const auto mid = std::is_sorted_until(list->begin(), list->end(), before);
  if (mid == list->end()) return;
  std::sort(mid, list->end(), before);
  std::inplace_merge(list->begin(), mid, list->end(), before);
}

// The distinct space-separated words of a normalised text.
std::vector<absl::string_view> Words(absl::string_view norm) {
  std::vector<absl::string_view> out;
  size_t pos = 0;
  while (pos < norm.size()) {
    size_t end = norm.find(' ', pos);
    if (end == absl::string_view::npos) end = norm.size();
    if (end > pos) out.push_back(norm.substr(pos, end - pos));
    pos = end + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

uint32_t PackDate(absl::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return 0;
  uint32_t v = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(d[i]))) return 0;
    v = v * 10 + static_cast<uint32_t>(d[i] - '0');
  }
  return v;
}

std::string UnpackDate(uint32_t v) {
  if (v == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04u-%02u-%02u", v / 10000, v / 100 % 100,
                v % 100);
  return buf;
}

// Builds the posting lists on a second thread (about 40% of Build's work),
// fed batches of (ordinal, normalised text), while the caller reads SQLite
// and fills everything else. Only that thread touches postings_ until the
// feeder is destroyed, which hands over the last batch and joins: on every
// way out of Build, errors included.
class MemoryIndex::WordFeeder {
 public:
  explicit WordFeeder(MemoryIndex* index)
      : index_(index), thread_([this] { Run(); }) {
    batch_.reserve(kBatch);
  }
  ~WordFeeder() {
    HandOver(/*last=*/true);
    thread_.join();
  }
  WordFeeder(const WordFeeder&) = delete;
  WordFeeder& operator=(const WordFeeder&) = delete;

  void Add(uint32_t ord, std::string norm) {
    batch_.emplace_back(ord, std::move(norm));
    if (batch_.size() == kBatch) {
      HandOver(/*last=*/false);
      batch_.reserve(kBatch);
    }
  }

 private:
  using Batch = std::vector<std::pair<uint32_t, std::string>>;
  static constexpr size_t kBatch = 1024;
  static constexpr size_t kMaxQueued = 16;

  bool HasWork() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !ready_.empty() || done_;
  }
  bool HasRoom() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return ready_.size() < kMaxQueued;
  }

  void Run() {
    while (true) {
      Batch batch;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(this, &WordFeeder::HasWork));
        if (ready_.empty()) return;
        batch = std::move(ready_.front());
        ready_.pop_front();
      }
      for (const auto& [ord, norm] : batch) index_->AddWords(ord, norm);
    }
  }

  void HandOver(bool last) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &WordFeeder::HasRoom));
    if (!batch_.empty()) ready_.push_back(std::move(batch_));
    batch_ = Batch();
    if (last) done_ = true;
  }

  MemoryIndex* const index_;
  absl::Mutex mu_;
  std::deque<Batch> ready_ ABSL_GUARDED_BY(mu_);
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  Batch batch_;         // filling; the caller's thread only
  std::thread thread_;  // last: starts once the members above exist
};

namespace {

// Interns a row's strings, remembering each field's last value: consecutive
// rows often repeat one (same article, same cue), which saves most pool
// lookups.
template <typename Pool, int kFields>
class LastValueInterner {
 public:
  explicit LastValueInterner(Pool* pool) : pool_(pool) {}
  uint32_t operator()(int field, absl::string_view v) {
    if (v != last_value_[field]) {
      last_value_[field].assign(v.data(), v.size());
      last_id_[field] = pool_->Intern(v);
    }
    return last_id_[field];
  }

 private:
  Pool* const pool_;
  std::string last_value_[kFields];
  uint32_t last_id_[kFields] = {};
};

}  // namespace

absl::StatusOr<std::unique_ptr<MemoryIndex>> MemoryIndex::Build(
    SqliteConnection* db) {
  std::unique_ptr<MemoryIndex> index(new MemoryIndex());
  CC_RETURN_IF_ERROR(index->Reserve(db));
  CC_RETURN_IF_ERROR(index->LoadArticles(db));
  CC_RETURN_IF_ERROR(index->LoadQuotes(db));
  CC_RETURN_IF_ERROR(index->LoadClaims(db));
  for (uint32_t s = 0; s < index->speaker_quotes_.size(); ++s) {
    index->SortSpeaker(s);
  }
  for (uint32_t u = 0; u < index->unit_claims_.size(); ++u) {
    index->SortUnit(u);
  }
  return index;
}

absl::Status MemoryIndex::Reserve(SqliteConnection* db) {
  CC_ASSIGN_OR_RETURN(const int64_t quotes,
                      db->QueryInt("SELECT count(*) FROM quotes"));
  CC_ASSIGN_OR_RETURN(const int64_t articles,
                      db->QueryInt("SELECT count(*) FROM articles"));
  quotes_.reserve(quotes);
  fields_.reserve(quotes);
  CC_ASSIGN_OR_RETURN(const int64_t max_seq,
                      db->QueryInt("SELECT coalesce(max(seq), 0) FROM quotes"));
  by_seq_.assign(static_cast<size_t>(max_seq) + 1, kNone);
  hash_head_.reserve(quotes);
  articles_.reserve(articles);
  article_ids_.reserve(articles);
  return absl::OkStatus();
}

absl::Status MemoryIndex::LoadArticles(SqliteConnection* db) {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT id, " CC_INDEXED_ARTICLE_COLUMNS " FROM articles"));
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return absl::OkStatus();
    IndexedArticle a;
    a.id = stmt.Text(0);
    ReadIndexedArticle(stmt, /*first_column=*/1, &a);
    UpsertArticle(a);
  }
}

absl::Status MemoryIndex::LoadQuotes(SqliteConnection* db) {
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      db->Prepare("SELECT q.seq, q.article_id, q.match_hash, "
                                  "q.norm_text, " CC_QUOTE_FIELDS
                                  " FROM quotes q"));  // rowid order
  constexpr int kFirstField = 4;                       // of CC_QUOTE_FIELDS
  LastValueInterner<StringPool, 7> intern(&pool_);
  WordFeeder words(this);
  IndexedArticle::Quote q;
  std::string article_id;
  uint32_t article = kNone;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return absl::OkStatus();
    const absl::string_view aid = stmt.TextView(1);
    if (article == kNone || aid != article_id) {
      article_id = std::string(aid);
      auto it = article_ids_.find(article_id);
      if (it == article_ids_.end()) continue;  // foreign key broken
      article = it->second;
    }
    const QuoteFieldsView v = ViewQuoteFields(stmt, kFirstField);
    q.seq = stmt.Int64(0);
    q.match_hash = static_cast<uint64_t>(stmt.Int64(2));
    const absl::string_view norm = stmt.TextView(3);
    q.norm_text.assign(norm.data(), norm.size());
    q.speaker_id.assign(v.speaker_id.data(), v.speaker_id.size());
    const uint32_t ord = AddQuote(article, q, nullptr, /*index_words=*/false);
    words.Add(ord, std::move(q.norm_text));
    // The fields straight from the row, low-cardinality ones interned.
    QuoteFields& f = fields_[ord];
    f.id.assign(v.id.data(), v.id.size());
    f.text.assign(v.text.data(), v.text.size());
    f.span = v.span;
    f.partial = v.partial;
    f.speaker_name = intern(0, v.speaker);
    f.kind = static_cast<uint8_t>(v.speaker_kind);
    f.mention = intern(1, v.mention);
    f.mention_span = v.mention_span;
    f.role = intern(2, v.role);
    f.channel = intern(3, v.channel);
    f.relayed_by = intern(4, v.relayed_by);
    f.cue = intern(5, v.cue);
    f.rule = intern(6, v.rule);
    f.confidence = v.confidence;
  }
}

namespace {

// Columns 2.. of a claims row as the index reads it (after seq and one more
// column): what ClaimFromRow needs for the comparable interval.
#define CC_CLAIM_KEY_COLUMNS                                             \
  "unit_key, value, low, high, approx, qualifier, surface, unit, kind, " \
  "is_delta"

// A claim from columns 2.. (CC_CLAIM_KEY_COLUMNS); the quantity fields are
// read as ReadClaimRow reads them, so the interval is the one a report
// computes from the full row.
IndexedArticle::Claim ClaimFromRow(const Stmt& stmt) {
  IndexedArticle::Claim c;
  c.seq = stmt.Int64(0);
  extract::Quantity q;
  q.unit_key = stmt.Text(2);
  q.value = stmt.OptDouble(3);
  q.low = stmt.OptDouble(4);
  q.high = stmt.OptDouble(5);
  q.approx = ApproxFromInt(stmt.Int64(6));
  q.qualifier = stmt.Text(7);
  q.surface = stmt.Text(8);
  q.unit = stmt.Text(9);
  q.kind = static_cast<extract::QuantityKind>(std::clamp<int64_t>(
      stmt.Int64(10), 0, static_cast<int64_t>(extract::QuantityKind::kRank)));
  q.is_delta = stmt.Int64(11) != 0;
  c.interval = extract::ComparableInterval(q);
  c.kind = static_cast<uint8_t>(q.kind);
  c.is_delta = q.is_delta;
  c.unit_key = std::move(q.unit_key);
  return c;
}

}  // namespace

absl::Status MemoryIndex::LoadClaims(SqliteConnection* db) {
  // A table scan (rowid order: an article's claims are adjacent); the
  // unit-less ones are skipped here rather than by an index on unit_key.
  CC_ASSIGN_OR_RETURN(
      Stmt stmt, db->Prepare("SELECT seq, article_id, " CC_CLAIM_KEY_COLUMNS
                             " FROM claims"));
  std::string article_id;
  uint32_t article = kNone;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return absl::OkStatus();
    if (stmt.TextView(2).empty()) continue;
    const absl::string_view aid = stmt.TextView(1);
    if (article == kNone || aid != article_id) {
      article_id = std::string(aid);
      auto it = article_ids_.find(article_id);
      article = it == article_ids_.end() ? kNone : it->second;
      if (article == kNone) continue;  // foreign key broken
    }
    articles_[article].claims.push_back(AddClaim(article, ClaimFromRow(stmt)));
  }
}

namespace {

// The claims with a unit key of article `id` (the writer's current rows).
absl::Status ReadDeltaClaims(SqliteConnection* db, absl::string_view id,
                             std::vector<IndexedArticle::Claim>* out) {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT seq, article_id, " CC_CLAIM_KEY_COLUMNS " FROM claims"
                  " WHERE article_id = ?1 ORDER BY seq"));
  stmt.Bind(1, id);
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return absl::OkStatus();
    if (stmt.TextView(2).empty()) continue;
    out->push_back(ClaimFromRow(stmt));
  }
}

}  // namespace

absl::StatusOr<IndexDelta> MemoryIndex::ReadDelta(
    SqliteConnection* db, const std::vector<std::string>& article_ids,
    const std::vector<std::string>& speaker_ids) {
  IndexDelta delta;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& id : article_ids) {
    if (!seen.insert(id).second) continue;
    CC_ASSIGN_OR_RETURN(Stmt art,
                        db->Prepare("SELECT " CC_INDEXED_ARTICLE_COLUMNS
                                    " FROM articles WHERE id = ?1"));
    art.Bind(1, id);
    CC_ASSIGN_OR_RETURN(bool found, art.Step());
    if (!found) {
      delta.removed_articles.push_back(id);
      continue;
    }
    IndexedArticle a;
    a.id = id;
    ReadIndexedArticle(art, /*first_column=*/0, &a);
    CC_ASSIGN_OR_RETURN(
        Stmt quotes,
        db->Prepare("SELECT q.seq, q.match_hash, q.norm_text, " CC_QUOTE_FIELDS
                    " FROM quotes q WHERE q.article_id = ?1 ORDER BY q.seq"));
    quotes.Bind(1, id);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, quotes.Step());
      if (!row) break;
      IndexedArticle::Quote q;
      q.seq = quotes.Int64(0);
      q.match_hash = static_cast<uint64_t>(quotes.Int64(1));
      q.norm_text = quotes.Text(2);
      q.record = ReadQuoteFields(quotes, /*first_column=*/3);
      q.speaker_id = q.record.speaker_id;
      a.quotes.push_back(std::move(q));
    }
    CC_RETURN_IF_ERROR(ReadDeltaClaims(db, id, &a.claims));
    delta.articles.push_back(std::move(a));
  }
  seen.clear();
  for (const std::string& id : speaker_ids) {
    if (id.empty() || !seen.insert(id).second) continue;
    CC_ASSIGN_OR_RETURN(
        Stmt stmt, db->Prepare("SELECT seq FROM quotes WHERE speaker_id = ?1"));
    stmt.Bind(1, id);
    std::vector<int64_t> seqs;
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      seqs.push_back(stmt.Int64(0));
    }
    delta.speakers.emplace_back(id, std::move(seqs));
  }
  return delta;
}

void MemoryIndex::Apply(const IndexDelta& delta) {
  std::vector<uint32_t> touched, touched_units;
  for (const std::string& id : delta.removed_articles) {
    auto it = article_ids_.find(id);
    if (it == article_ids_.end()) continue;
    const uint32_t a = it->second;
    for (uint32_t q : articles_[a].quotes) {
      if (quotes_[q].speaker != kNone) touched.push_back(quotes_[q].speaker);
    }
    RemoveQuotesOf(a);
    RemoveClaimsOf(a, &touched_units);
    articles_[a] = ArticleEntry();
    article_ids_.erase(it);
  }
  for (const IndexedArticle& in : delta.articles) {
    auto it = article_ids_.find(in.id);
    if (it != article_ids_.end()) {
      RemoveQuotesOf(it->second);
      RemoveClaimsOf(it->second, &touched_units);
    }
    const uint32_t a = UpsertArticle(in);
    for (const IndexedArticle::Quote& q : in.quotes) {
      SetFields(AddQuote(a, q, &touched), q.record);
    }
    AddClaims(a, in.claims, &touched_units);
  }
  // A rewritten article's date moves its claims: their lists are resorted.
  std::sort(touched_units.begin(), touched_units.end());
  touched_units.erase(std::unique(touched_units.begin(), touched_units.end()),
                      touched_units.end());
  for (uint32_t u : touched_units) SortUnit(u);
  // Speakers whose quotes were reassigned (merges): their lists are
  // rebuilt from the rows read in the transaction.
  for (const auto& [id, seqs] : delta.speakers) {
    const uint32_t s = SpeakerOrdinal(id);
    for (uint32_t q : speaker_quotes_[s]) {
      if (quotes_[q].speaker == s) quotes_[q].speaker = kNone;
    }
    speaker_quotes_[s].clear();
    touched.push_back(s);
  }
  for (const auto& [id, seqs] : delta.speakers) {
    const uint32_t s = SpeakerOrdinal(id);
    for (int64_t seq : seqs) {
      const uint32_t ord = OrdinalOfSeq(seq);
      if (ord == kNone) continue;
      QuoteEntry& q = quotes_[ord];
      if (q.speaker == s) continue;
      if (q.speaker != kNone) {
        std::vector<uint32_t>& old = speaker_quotes_[q.speaker];
        old.erase(std::remove(old.begin(), old.end(), ord), old.end());
      }
      q.speaker = s;
      speaker_quotes_[s].push_back(ord);
    }
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (uint32_t s : touched) SortSpeaker(s);
}

uint32_t MemoryIndex::UpsertArticle(const IndexedArticle& a) {
  auto [it, inserted] =
      article_ids_.try_emplace(a.id, static_cast<uint32_t>(articles_.size()));
  if (inserted) articles_.emplace_back();
  ArticleEntry& e = articles_[it->second];
  e.id = a.id;
  e.outlet = a.outlet;
  e.outlet_id = pool_.Intern(a.outlet);
  e.url = a.url;
  e.title = a.title;
  e.date = PackDate(a.published_date);
  e.ingested_unix_ms = a.ingested_unix_ms;
  e.live = true;
  return it->second;
}

void MemoryIndex::RemoveQuotesOf(uint32_t article) {
  // Dead ordinals stay in the hash chains and posting lists and are skipped
  // by readers; speaker lists drop them now.
  for (uint32_t q : articles_[article].quotes) {
    QuoteEntry& e = quotes_[q];
    if (!e.live) continue;
    e.live = false;
    SetLive(q, false);
    fields_[q] = QuoteFields();
    --live_quotes_;
    if (OrdinalOfSeq(e.seq) == q) by_seq_[static_cast<size_t>(e.seq)] = kNone;
    if (e.speaker != kNone) {
      std::vector<uint32_t>& list = speaker_quotes_[e.speaker];
      list.erase(std::remove(list.begin(), list.end(), q), list.end());
      e.speaker = kNone;
    }
  }
  articles_[article].quotes.clear();
}

void MemoryIndex::AddWords(uint32_t ord, absl::string_view norm) {
  // Each word once per quote: ordinals are appended in increasing order, so
  // a repeat finds its own ordinal at the back of the list.
  size_t pos = 0;
  while (pos < norm.size()) {
    size_t end = norm.find(' ', pos);
    if (end == absl::string_view::npos) end = norm.size();
    const absl::string_view w = norm.substr(pos, end - pos);
    if (end > pos && !text::IsStopword(w, text::Stopwords::kSearch)) {
      // The list lives in the map's slot: one cache miss for key and list.
      auto it = postings_.find(w);
      if (it == postings_.end())
        it = postings_.try_emplace(std::string(w)).first;
      std::vector<uint32_t>& list = it->second;
      if (list.empty() || list.back() != ord) list.push_back(ord);
    }
    pos = end + 1;
  }
}

uint32_t MemoryIndex::AddQuote(uint32_t article,
                               const IndexedArticle::Quote& in,
                               std::vector<uint32_t>* touched_speakers,
                               bool index_words) {
  const uint32_t ord = static_cast<uint32_t>(quotes_.size());
  QuoteEntry e;
  e.seq = in.seq;
  e.match_hash = in.match_hash;
  e.article = article;
  e.live = true;
  auto [head, inserted] = hash_head_.try_emplace(in.match_hash, ord);
  if (!inserted) {
    e.next_same_hash = head->second;
    head->second = ord;
  }
  if (!in.speaker_id.empty()) {
    e.speaker = SpeakerOrdinal(in.speaker_id);
    speaker_quotes_[e.speaker].push_back(ord);
    if (touched_speakers != nullptr) touched_speakers->push_back(e.speaker);
  }
  quotes_.push_back(e);
  fields_.emplace_back();
  SetLive(ord, true);
  ++live_quotes_;
  if (in.seq >= 0) {
    const size_t i = static_cast<size_t>(in.seq);
    if (i >= by_seq_.size())
      by_seq_.resize(std::max(i + 1, by_seq_.size() * 5 / 4), kNone);
    by_seq_[i] = ord;
  }
  articles_[article].quotes.push_back(ord);
  if (index_words) AddWords(ord, in.norm_text);
  return ord;
}

void MemoryIndex::SetLive(uint32_t q, bool live) {
  if (live_bits_.size() <= q >> 6) live_bits_.resize((q >> 6) + 1, 0);
  const uint64_t bit = uint64_t{1} << (q & 63);
  live_bits_[q >> 6] =
      live ? (live_bits_[q >> 6] | bit) : (live_bits_[q >> 6] & ~bit);
}

uint32_t MemoryIndex::AddClaim(uint32_t article,
                               const IndexedArticle::Claim& c) {
  auto it = unit_ids_.find(c.unit_key);
  if (it == unit_ids_.end()) {
    it = unit_ids_
             .emplace(c.unit_key, static_cast<uint32_t>(unit_claims_.size()))
             .first;
    unit_claims_.emplace_back();
  }
  const uint32_t slot = static_cast<uint32_t>(claims_.size());
  claims_.push_back(
      {c.seq, article, it->second, c.interval, c.kind, c.is_delta});
  unit_claims_[it->second].push_back(slot);
  return slot;
}

void MemoryIndex::AddClaims(uint32_t article,
                            const std::vector<IndexedArticle::Claim>& claims,
                            std::vector<uint32_t>* touched_units) {
  for (const IndexedArticle::Claim& c : claims) {
    const uint32_t slot = AddClaim(article, c);
    articles_[article].claims.push_back(slot);
    touched_units->push_back(claims_[slot].unit);
  }
}

void MemoryIndex::RemoveClaimsOf(uint32_t article,
                                 std::vector<uint32_t>* touched_units) {
  for (uint32_t slot : articles_[article].claims) {
    std::vector<uint32_t>& list = unit_claims_[claims_[slot].unit];
    list.erase(std::remove(list.begin(), list.end(), slot), list.end());
    touched_units->push_back(claims_[slot].unit);
  }
  articles_[article].claims.clear();
}

bool MemoryIndex::ClaimBefore(uint32_t a, uint32_t b) const {
  const uint32_t da = articles_[claims_[a].article].date;
  const uint32_t db = articles_[claims_[b].article].date;
  if (da != db) return da > db;
  return claims_[a].seq < claims_[b].seq;
}

void MemoryIndex::SortUnit(uint32_t unit) {
  SortAppended(&unit_claims_[unit],
               [this](uint32_t a, uint32_t b) { return ClaimBefore(a, b); });
}

uint32_t MemoryIndex::SpeakerOrdinal(absl::string_view id) {
  auto it = speaker_ids_.find(id);
  if (it != speaker_ids_.end()) return it->second;
  const uint32_t s = static_cast<uint32_t>(speaker_quotes_.size());
  speaker_ids_.emplace(std::string(id), s);
  speaker_quotes_.emplace_back();
  speaker_names_.emplace_back(id);
  return s;
}

bool MemoryIndex::SpeakerBefore(uint32_t a, uint32_t b) const {
  const uint32_t da = articles_[quotes_[a].article].date;
  const uint32_t db = articles_[quotes_[b].article].date;
  if (da != db) return da > db;
  return quotes_[a].seq < quotes_[b].seq;
}

void MemoryIndex::SortSpeaker(uint32_t s) {
  SortAppended(&speaker_quotes_[s],
               [this](uint32_t a, uint32_t b) { return SpeakerBefore(a, b); });
}

std::vector<MemoryIndex::Hit> MemoryIndex::QuotesByHash(uint64_t match_hash,
                                                        size_t limit) const {
  std::vector<uint32_t> ords;
  auto head = hash_head_.find(match_hash);
  if (head != hash_head_.end()) {
    for (uint32_t q = head->second; q != kNone; q = quotes_[q].next_same_hash) {
      if (quotes_[q].live && quotes_[q].match_hash == match_hash) {
        ords.push_back(q);
      }
    }
  }
  const auto key = [this](uint32_t q) {
    const ArticleEntry& a = articles_[quotes_[q].article];
    return std::make_tuple(a.date == 0, a.date, a.ingested_unix_ms,
                           quotes_[q].seq);
  };
  std::sort(ords.begin(), ords.end(),
            [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  if (ords.size() > limit) ords.resize(limit);
  std::vector<Hit> out;
  out.reserve(ords.size());
  for (uint32_t q : ords)
    out.push_back({quotes_[q].seq, quotes_[q].article, q});
  return out;
}

namespace {

// One word of a query: its posting list and its idf weight.
struct PostingList {
  const std::vector<uint32_t>* ords;
  float weight;
};

// Sorts `lists` rarest first and weighs each by idf over `live_quotes`.
void WeighRarestFirst(std::vector<PostingList>* lists, size_t live_quotes) {
  std::sort(lists->begin(), lists->end(),
            [](const PostingList& a, const PostingList& b) {
              return a.ords->size() < b.ords->size();
            });
  const double docs = std::max<size_t>(live_quotes, 1);
  for (PostingList& l : *lists) {
    l.weight = static_cast<float>(
        std::log(1.0 + docs / static_cast<double>(l.ords->size())));
  }
}

// The best `keep` candidates by Better(), in a bounded heap (worst on top)
// instead of every scored posting (up to ~20,000 in step 2 of Candidates)
// with a selection afterwards.
class TopCandidates {
 public:
  using Scored = std::pair<float, uint32_t>;  // (score, ordinal)

  // Higher score first, then lower ordinal.
  static bool Better(const Scored& a, const Scored& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second < b.second;
  }

  explicit TopCandidates(size_t keep) : keep_(keep) {
    scored_.reserve(keep + 1);
  }

  void Offer(float score, uint32_t q) {
    if (scored_.size() < keep_) {
      scored_.emplace_back(score, q);
      std::push_heap(scored_.begin(), scored_.end(), Better);
    } else if (Better({score, q}, scored_.front())) {
      std::pop_heap(scored_.begin(), scored_.end(), Better);
      scored_.back() = {score, q};
      std::push_heap(scored_.begin(), scored_.end(), Better);
    }
  }

  bool full() const { return scored_.size() >= keep_; }
  // The worst kept score; only when full().
  float worst() const { return scored_.front().first; }

  // The kept candidates, best first.
  std::vector<Scored> TakeSorted() {
    std::sort(scored_.begin(), scored_.end(), Better);
    return std::move(scored_);
  }

 private:
  const size_t keep_;
  std::vector<Scored> scored_;
};

// The walk of step 1 below: ordinals, ascending, held by every one of lists
// [0, all_of) and, once Prune() narrowed it, by one of [all_of, essential).
class AllOfWalk {
 public:
  AllOfWalk(const std::vector<PostingList>& lists, size_t all_of,
            size_t scoring)
      : lists_(lists),
        all_of_(all_of),
        scoring_(scoring),
        essential_(scoring + 1),
        cur_(scoring, 0),
        bound_(scoring + 1, 0.f) {
    for (size_t e = all_of; e <= scoring; ++e) {
      // Summed in list order, as Score() sums a score.
      for (size_t i = 0; i < scoring; ++i) {
        if (i < all_of || i >= e) bound_[e] += lists[i].weight;
      }
    }
  }

  // Leaves out the quotes that cannot score above `worst` (a score that
  // never decreases from call to call). False when that is all of them.
  bool Prune(float worst) {
    while (essential_ > all_of_ && bound_[essential_ - 1] <= worst) {
      --essential_;
    }
    return essential_ > all_of_;
  }

  // The score of q, just returned by Next(): the in-order sum of the
  // weights of the scoring lists holding it (lists [0, all_of) hold it;
  // the others are probed from the walk's cursors, which only move on).
  float Score(uint32_t q) {
    float score = 0;
    for (size_t i = 0; i < scoring_; ++i) {
      if (i >= all_of_) {
        const std::vector<uint32_t>& l = *lists_[i].ords;
        cur_[i] = SeekFrom(l, cur_[i], q);
        if (cur_[i] == l.size() || l[cur_[i]] != q) continue;
      }
      score += lists_[i].weight;
    }
    return score;
  }

  // The first ordinal >= x in the walk; nullopt past its end.
  std::optional<uint32_t> Next(uint32_t x) {
    for (;;) {
      bool moved = false;
      for (size_t i = 0; i < all_of_; ++i) {
        if (!SeekTo(i, &x, &moved)) return std::nullopt;
      }
      if (moved) continue;
      if (essential_ > scoring_) return x;
      uint32_t least = UINT32_MAX;
      for (size_t i = all_of_; i < essential_; ++i) {
        const std::vector<uint32_t>& l = *lists_[i].ords;
        cur_[i] = SeekFrom(l, cur_[i], x);
        if (cur_[i] < l.size()) least = std::min(least, l[cur_[i]]);
      }
      if (least == UINT32_MAX) return std::nullopt;
      if (least == x) return x;
      x = least;
    }
  }

 private:
  // Seeks list i to x; raises x (and sets *moved) when the list holds
  // nothing at x. False at its end.
  bool SeekTo(size_t i, uint32_t* x, bool* moved) {
    const std::vector<uint32_t>& l = *lists_[i].ords;
    cur_[i] = SeekFrom(l, cur_[i], *x);
    if (cur_[i] == l.size()) return false;
    if (l[cur_[i]] > *x) {
      *x = l[cur_[i]];
      *moved = true;
    }
    return true;
  }

  const std::vector<PostingList>& lists_;
  const size_t all_of_, scoring_;
  // Lists [all_of_, essential_) of which a quote must hold one; no such
  // rule while essential_ > scoring_.
  size_t essential_;
  std::vector<size_t> cur_;
  // bound_[e]: the most a quote holding none of lists [all_of, e) scores.
  std::vector<float> bound_;
};

// Step 1 of Candidates: quotes holding all of the (up to) 3 rarest words, at
// any age: the quote a query was taken from holds them all. Each is scored
// against the rarest kMaxLists. Their ordinals (ascending) are kept while
// few, in `all_of_ords`, for step 2. Returns how many there were, or some
// number >= kMinCandidates once there are that many (step 2 then does not
// run, so the exact count is not needed).
//
// Work: a leapfrog intersection of the 3 lists (each seeks, galloping, to
// the largest ordinal any of them is at), and a MaxScore cut once `top` is
// full and kMinCandidates were found: quotes come in ascending ordinal, so a
// new one enters `top` only by scoring strictly above its worst kept score
// (a tie goes to the lower ordinal, already kept). A quote's score is the
// in-order float sum of the weights of the lists holding it, which is
// monotone in that set of lists; so once a quote holding none of the
// optional lists [all_of, essential) could score at most the worst kept
// score, only quotes holding one of them are visited, and with essential ==
// all_of none can enter and the walk stops. The cut skips only quotes that
// could not have changed `top`: results are those of a walk over the whole
// rarest list (test CandidatesEqualTheExhaustiveWalk).
template <typename IsLive>
size_t ScoreAllOfRarest(const std::vector<PostingList>& lists,
                        const IsLive& is_live, TopCandidates* top,
                        std::vector<uint32_t>* all_of_ords) {
  const size_t scoring = std::min(lists.size(), kMaxLists);
  const size_t all_of = std::min<size_t>(lists.size(), 3);
  AllOfWalk walk(lists, all_of, scoring);
  size_t all_of_count = 0;
  for (uint32_t from = 0;;) {
    if (all_of_count >= kMinCandidates && top->full() &&
        !walk.Prune(top->worst())) {
      break;  // nothing left can enter `top`
    }
    const std::optional<uint32_t> q = walk.Next(from);
    if (!q) break;
    from = *q + 1;
    if (!is_live(*q)) continue;
    if (++all_of_count <= kMinCandidates) all_of_ords->push_back(*q);
    top->Offer(walk.Score(*q), *q);
  }
  return all_of_count;
}

// Step 2 of Candidates, for too few from step 1 (altered wording, words from
// several quotes): the rarest lists merged, at most 8 of them, more than 2
// only within kPostingBudget postings, the newest kMaxScan of each. Quotes
// step 1 found are skipped (a cursor over its ascending `all_of_ords`).
template <typename IsLive>
void ScoreRarestMerged(const std::vector<PostingList>& lists,
                       const std::vector<uint32_t>& all_of_ords,
                       const IsLive& is_live, TopCandidates* top) {
  size_t total = 0, n = 0;
  for (; n < lists.size() && n < kMaxLists; ++n) {
    const size_t len = std::min(lists[n].ords->size(), kMaxScan);
    if (n >= 2 && total + len > kPostingBudget) break;
    total += len;
  }
  // Cursors as raw [cur, end) pointers with the weights beside them: the
  // merge reads them once per posting per list.
  std::vector<const uint32_t*> cur(n), end(n);
  std::vector<float> weight(n);
  for (size_t i = 0; i < n; ++i) {
    const std::vector<uint32_t>& l = *lists[i].ords;
    cur[i] = l.data() + (l.size() > kMaxScan ? l.size() - kMaxScan : 0);
    end[i] = l.data() + l.size();
    weight[i] = lists[i].weight;
  }
  // MaxScore: lists are rarest first, so weights descend. Once `top` holds
  // `keep` candidates, a quote can only enter by scoring above the worst
  // kept one; quotes held only by the lists from `essential` on (whose
  // weights sum below that) cannot, so only the first `essential` lists
  // drive the merge and the rest are probed (galloping). Scores are summed
  // in the same list order as a full merge, so they are identical.
  std::vector<float> tail(n + 1, 0.f);  // tail[j]: sum of weights j..n-1
  for (size_t i = n; i-- > 0;) tail[i] = tail[i + 1] + weight[i];
  size_t essential = n;
  const auto shrink = [&] {
    if (!top->full()) return;
    const float worst = top->worst();
    // A margin for float rounding: never skip a quote that could tie.
    while (essential > 0 && tail[essential - 1] * 1.001f < worst) {
      --essential;
    }
  };
  shrink();
  size_t have = 0;  // cursor in all_of_ords
  while (essential > 0) {
    uint32_t next = UINT32_MAX;
    for (size_t i = 0; i < essential; ++i) {
      if (cur[i] != end[i]) next = std::min(next, *cur[i]);
    }
    if (next == UINT32_MAX) break;
    float score = 0;
    for (size_t i = 0; i < n; ++i) {
      if (i >= essential) cur[i] = SeekPtr(cur[i], end[i], next);
      if (cur[i] != end[i] && *cur[i] == next) {
        score += weight[i];
        ++cur[i];
      }
    }
    while (have < all_of_ords.size() && all_of_ords[have] < next) ++have;
    const bool seen = have < all_of_ords.size() && all_of_ords[have] == next;
    if (!seen && is_live(next)) {
      top->Offer(score, next);
      shrink();
    }
  }
}

}  // namespace

std::vector<MemoryIndex::Hit> MemoryIndex::Candidates(absl::string_view norm,
                                                      size_t limit) const {
  std::vector<PostingList> lists;
  for (absl::string_view w : Words(norm)) {
    auto it = postings_.find(w);
    if (it == postings_.end() || it->second.empty()) continue;
    lists.push_back({&it->second, 0.f});
  }
  std::vector<Hit> out;
  if (lists.empty() || limit == 0) return out;
  WeighRarestFirst(&lists, live_quotes_);
  // Only the best `keep` candidates (by Better) can be returned, since
  // kMinCandidates <= kMaxStrongCandidates. The best score and the count of
  // strong candidates the cut below needs are read off the kept ones.
  TopCandidates top(
      std::min(limit, std::max(kMaxStrongCandidates, kMinCandidates)));
  const auto is_live = [this](uint32_t q) { return IsLive(q); };
  std::vector<uint32_t> all_of_ords;
  const size_t all_of_count =
      ScoreAllOfRarest(lists, is_live, &top, &all_of_ords);
  if (all_of_count < kMinCandidates) {
    ScoreRarestMerged(lists, all_of_ords, is_live, &top);
  }
  // Quotes with less than half the best score hold too few of the query's
  // rare words to score as a match; past the first kMinCandidates they are
  // left out, and at most kMaxStrongCandidates are returned, which keeps
  // the rows fetched and scored per query small.
  std::vector<TopCandidates::Scored> scored = top.TakeSorted();
  const float best = scored.empty() ? 0.f : scored.front().first;
  // Strong ones are a prefix of `scored`; with `keep` of them kept this is
  // min(strong, keep), which gives the same cut as counting all of them.
  const size_t strong = static_cast<size_t>(std::count_if(
      scored.begin(), scored.end(), [&](const TopCandidates::Scored& e) {
        return !(e.first < 0.5f * best);
      }));
  limit = std::min(
      limit, std::max(std::min(strong, kMaxStrongCandidates), kMinCandidates));
  if (scored.size() > limit) scored.resize(limit);
  out.reserve(scored.size());
  for (const auto& [score, q] : scored) {
    out.push_back({quotes_[q].seq, quotes_[q].article, q});
  }
  return out;
}

std::vector<MemoryIndex::Hit> MemoryIndex::SpeakerQuotes(
    absl::string_view speaker_id, const SpeakerFilter& f, size_t limit) const {
  std::vector<Hit> out;
  auto it = speaker_ids_.find(speaker_id);
  if (it == speaker_ids_.end()) return out;
  const std::vector<uint32_t>& list = speaker_quotes_[it->second];
  size_t i = 0;
  if (f.has_cursor) {
    // First entry after (after_date DESC, after_seq).
    const uint32_t d = PackDate(f.after_date);
    const int64_t seq = f.after_seq;
    i = std::partition_point(list.begin(), list.end(),
                             [&](uint32_t q) {
                               const uint32_t qd =
                                   articles_[quotes_[q].article].date;
                               if (qd != d) return qd > d;
                               return quotes_[q].seq <= seq;
                             }) -
        list.begin();
  }
  const uint32_t from = f.from_date.empty() ? 0 : PackDate(f.from_date);
  const uint32_t to = f.to_date.empty() ? UINT32_MAX : PackDate(f.to_date);
  for (; i < list.size() && out.size() < limit; ++i) {
    const QuoteEntry& q = quotes_[list[i]];
    const ArticleEntry& a = articles_[q.article];
    // As in SQL on the date text: '' is below every date, so undated
    // articles (0, listed last) pass a to_date and fail a from_date.
    if (a.date > to) continue;
    if (!f.from_date.empty() && a.date < from) break;
    if (!f.outlet.empty() && a.outlet != f.outlet) continue;
    out.push_back({q.seq, q.article, list[i]});
  }
  return out;
}

void MemoryIndex::VisitClaimsByUnit(
    absl::string_view unit_key, const ClaimCursor& cursor,
    const std::function<bool(int64_t seq, uint32_t article)>& visit) const {
  auto it = unit_ids_.find(unit_key);
  if (it == unit_ids_.end()) return;
  const std::vector<uint32_t>& list = unit_claims_[it->second];
  size_t i = 0;
  if (cursor.has_cursor) {
    // First entry after (after_date DESC, after_seq).
    const uint32_t d = PackDate(cursor.after_date);
    i = std::partition_point(list.begin(), list.end(),
                             [&](uint32_t c) {
                               const uint32_t cd =
                                   articles_[claims_[c].article].date;
                               if (cd != d) return cd > d;
                               return claims_[c].seq <= cursor.after_seq;
                             }) -
        list.begin();
  }
  for (; i < list.size(); ++i) {
    const ClaimEntry& c = claims_[list[i]];
    if (!visit(c.seq, c.article)) return;
  }
}

std::vector<ClaimKeyView> MemoryIndex::ClaimKeysByUnit(
    absl::string_view unit_key, size_t limit) const {
  std::vector<ClaimKeyView> out;
  auto it = unit_ids_.find(unit_key);
  if (it == unit_ids_.end()) return out;
  const std::vector<uint32_t>& list = unit_claims_[it->second];
  out.reserve(std::min(limit, list.size()));
  for (size_t i = 0; i < list.size() && out.size() < limit; ++i) {
    const ClaimEntry& c = claims_[list[i]];
    out.push_back(
        {c.seq, articles_[c.article].date, c.interval, c.kind, c.is_delta});
  }
  return out;
}

void MemoryIndex::SpeakerStats(absl::string_view speaker_id, int* quote_count,
                               std::vector<std::string>* outlets) const {
  auto it = speaker_ids_.find(speaker_id);
  *quote_count = 0;
  outlets->clear();
  if (it == speaker_ids_.end()) return;
  const std::vector<uint32_t>& list = speaker_quotes_[it->second];
  *quote_count = static_cast<int>(list.size());
  std::vector<uint32_t> ids;
  ids.reserve(list.size());
  for (uint32_t q : list)
    ids.push_back(articles_[quotes_[q].article].outlet_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (uint32_t id : ids) outlets->push_back(pool_.Get(id));
  std::sort(outlets->begin(), outlets->end());
}

uint32_t MemoryIndex::StringPool::Intern(absl::string_view s) {
  if (s.empty()) return 0;
  auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  const uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(s);
  ids_.emplace(strings_.back(), id);
  return id;
}

void MemoryIndex::SetFields(uint32_t q, QuoteRecord r) {
  QuoteFields& f = fields_[q];
  f.id = std::move(r.id);
  f.text = std::move(r.quote.text);
  f.span = r.quote.span;
  f.partial = r.quote.partial;
  f.speaker_name = pool_.Intern(r.quote.speaker);
  f.kind = static_cast<uint8_t>(r.quote.speaker_kind);
  f.mention = pool_.Intern(r.quote.speaker_mention);
  f.mention_span = r.quote.mention_span;
  f.role = pool_.Intern(r.quote.role);
  f.channel = pool_.Intern(r.quote.channel);
  f.relayed_by = pool_.Intern(r.quote.relayed_by);
  f.cue = pool_.Intern(r.quote.cue);
  f.rule = pool_.Intern(r.quote.rule);
  f.confidence = r.quote.confidence;
}

QuoteRecord MemoryIndex::Record(const Hit& hit) const {
  const QuoteEntry& e = quotes_[hit.quote];
  const QuoteFields& f = fields_[hit.quote];
  QuoteRecord r;
  r.id = f.id;
  if (e.speaker != kNone) r.speaker_id = speaker_names_[e.speaker];
  extract::Quote& q = r.quote;
  q.text = f.text;
  q.span = f.span;
  q.partial = f.partial;
  q.speaker = pool_.Get(f.speaker_name);
  q.speaker_kind = static_cast<extract::SpeakerKind>(f.kind);
  q.speaker_mention = pool_.Get(f.mention);
  q.mention_span = f.mention_span;
  q.role = pool_.Get(f.role);
  q.channel = pool_.Get(f.channel);
  q.relayed_by = pool_.Get(f.relayed_by);
  q.cue = pool_.Get(f.cue);
  q.rule = pool_.Get(f.rule);
  q.confidence = f.confidence;
  r.evidence = ArticleEvidence(e.article);
  r.evidence.span = q.span;
  return r;
}

Evidence MemoryIndex::ArticleEvidence(uint32_t article) const {
  const ArticleEntry& a = articles_[article];
  Evidence e;
  e.article_id = a.id;
  e.outlet = a.outlet;
  e.url = a.url;
  e.published_date = UnpackDate(a.date);
  e.title = a.title;
  return e;
}

}  // namespace claimcheck::store
