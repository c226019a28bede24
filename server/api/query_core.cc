#include "server/api/query_core.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/api/conflict_finder.h"
#include "server/api/convert.h"
#include "server/api/validate.h"
#include "server/base/status_macros.h"
#include "server/extract/extract.h"
#include "server/extract/normalize.h"
#include "server/extract/numbers.h"
#include "server/store/page_token.h"
#include "server/store/sha256.h"
#include "server/verify/conflicts.h"
#include "server/verify/speaker_identity.h"
#include "server/verify/verify.h"

namespace claimcheck::api {
namespace {

std::vector<verify::QuoteOccurrence> Occurrences(
    const std::vector<store::QuoteRecord>& recs) {
  std::vector<verify::QuoteOccurrence> out;
  out.reserve(recs.size());
  for (const store::QuoteRecord& r : recs) out.push_back(ToOccurrence(r));
  return out;
}

void AddTallies(const std::vector<const store::QuoteRecord*>& recs,
                google::protobuf::RepeatedPtrField<v1::SpeakerTally>* out) {
  struct Tally {
    std::string name, id;
    int count = 0;
    size_t first = 0;
  };
  std::vector<Tally> tallies;
  absl::flat_hash_map<std::string, size_t> by_key;
  for (const store::QuoteRecord* r : recs) {
    if (r->quote.speaker.empty()) continue;
    const std::string key = extract::SpeakerKey(r->quote.speaker);
    auto [it, inserted] = by_key.try_emplace(key, tallies.size());
    if (inserted) {
      tallies.push_back({r->quote.speaker, r->speaker_id, 0, tallies.size()});
    }
    ++tallies[it->second].count;
  }
  std::stable_sort(
      tallies.begin(), tallies.end(),
      [](const Tally& a, const Tally& b) { return a.count > b.count; });
  for (const Tally& t : tallies) {
    v1::SpeakerTally* p = out->Add();
    p->set_speaker(t.name);
    p->set_speaker_id(t.id);
    p->set_count(t.count);
  }
}

void ReportToProto(const verify::QuoteReport& report,
                   const std::vector<store::QuoteRecord>& recs,
                   v1::QuoteConsistencyReport* out) {
  if (report.variants.empty()) {
    out->set_agreement(v1::AGREEMENT_UNSPECIFIED);
    out->set_summary("No stored quote matches.");
    return;
  }
  out->set_agreement(ToProto(report.agreement));
  out->set_fullest_text(recs[report.fullest].quote.text);
  std::vector<const store::QuoteRecord*> used;
  for (const verify::QuoteVariant& v : report.variants) {
    v1::QuoteVariant* pv = out->add_variants();
    ToProto(recs[v.index], pv->mutable_occurrence());
    pv->set_score(static_cast<float>(v.score));
    ToProto(v.diff, pv->mutable_diff());
    pv->set_truncated(v.truncated);
    used.push_back(&recs[v.index]);
  }
  for (const verify::SpeakerCount& s : report.speakers) {
    v1::SpeakerTally* t = out->add_speakers();
    t->set_speaker(s.speaker);
    t->set_count(s.count);
    for (const store::QuoteRecord* r : used) {
      if (r->quote.speaker == s.speaker) {
        t->set_speaker_id(r->speaker_id);
        break;
      }
    }
  }
  out->set_wording_agrees(report.wording_agrees);
  out->set_speaker_agrees(report.speaker_agrees);
  out->set_summary(report.summary);
}

}  // namespace

store::SpeakerMergeRule DefaultSpeakerMergeRule() {
  return [](const store::SpeakerProfile& a, const store::SpeakerProfile& b) {
    const auto evidence = [](const store::SpeakerProfile& p) {
      verify::SpeakerEvidence e;
      e.name = p.name;
      e.kind = p.kind;
      e.roles = p.roles;
      e.co_speakers = p.co_speakers;
      e.quote_hashes = p.quote_hashes;
      return e;
    };
    return verify::SpeakerMergeEvidence(evidence(a), evidence(b));
  };
}

absl::StatusOr<std::vector<store::QuoteRecord>> QueryCore::Candidates(
    absl::string_view text, const store::Store::CandidateFilter& keep) const {
  CC_ASSIGN_OR_RETURN(std::vector<store::QuoteRecord> out,
                      store_->FindQuotesByHash(extract::MatchHash(text),
                                               limits_.candidate_limit));
  if (keep) {
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const store::QuoteRecord& r) {
                               return !keep(r.quote.text);
                             }),
              out.end());
  }
  CC_ASSIGN_OR_RETURN(
      std::vector<store::QuoteRecord> fts,
      store_->FindQuoteCandidatesWhere(text, limits_.candidate_limit, keep));
  absl::flat_hash_set<std::string> seen;
  for (const store::QuoteRecord& r : out) seen.insert(r.id);
  for (store::QuoteRecord& r : fts) {
    if (seen.insert(r.id).second) out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<std::vector<store::QuoteRecord>> QueryCore::VariantCandidates(
    absl::string_view text) const {
  constexpr size_t kWordsLeftOut = 4;
  CC_ASSIGN_OR_RETURN(std::vector<store::QuoteRecord> out, Candidates(text));
  const std::vector<std::string> tokens = extract::MatchTokens(text);
  std::vector<std::string> longest;
  for (const std::string& t : tokens) {
    if (t.size() >= 4 &&
        std::find(longest.begin(), longest.end(), t) == longest.end()) {
      longest.push_back(t);
    }
  }
  if (longest.size() < 2) return out;
  std::stable_sort(longest.begin(), longest.end(),
                   [](const std::string& a, const std::string& b) {
                     return a.size() > b.size();
                   });
  if (longest.size() > kWordsLeftOut) longest.resize(kWordsLeftOut);
  absl::flat_hash_set<std::string> seen;
  for (const store::QuoteRecord& r : out) seen.insert(r.id);
  for (const std::string& drop : longest) {
    std::vector<absl::string_view> kept;
    for (const std::string& t : tokens) {
      if (t != drop) kept.push_back(t);
    }
    CC_ASSIGN_OR_RETURN(std::vector<store::QuoteRecord> more,
                        store_->FindQuoteCandidates(absl::StrJoin(kept, " "),
                                                    limits_.candidate_limit));
    for (store::QuoteRecord& r : more) {
      if (seen.insert(r.id).second) out.push_back(std::move(r));
    }
  }
  return out;
}

absl::Status QueryCore::ExtractText(
    const v1::ExtractTextRequest& req, v1::ExtractTextResponse* resp,
    const std::function<bool()>& cancelled) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  extract::ExtractOptions options;
  options.cancelled = cancelled;
  CC_ASSIGN_OR_RETURN(extract::Extraction got,
                      extract::ExtractValidated(req.text(), options));
  extract::ResolveTimes("", &got.quantities);  // no date: explicit years
  ToProto(got, resp);
  return absl::OkStatus();
}

absl::Status QueryCore::GetArticle(const v1::GetArticleRequest& req,
                                   v1::Article* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::ArticleRecord rec,
                      store_->GetArticle(req.article_id(), req.include_text()));
  ToProto(rec, resp);
  return absl::OkStatus();
}

absl::Status QueryCore::DeleteArticle(const v1::DeleteArticleRequest& req,
                                      v1::DeleteArticleResponse* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::DeleteResult res,
                      store_->DeleteArticle(req.article_id()));
  resp->set_deleted_quotes(res.deleted_quotes);
  resp->set_deleted_claims(res.deleted_claims);
  return absl::OkStatus();
}

absl::Status QueryCore::SearchQuotes(const v1::SearchQuotesRequest& req,
                                     v1::SearchQuotesResponse* resp) const {
  CC_ASSIGN_OR_RETURN(const int limit, ValidateRequest(req, limits_));
  struct Hit {
    store::QuoteRecord* rec;  // in `recs`; moved into the response
    verify::MatchScore score;
  };
  std::vector<store::QuoteRecord> recs;
  std::vector<Hit> hits;
  if (req.mode() == v1::MATCH_MODE_EXACT) {
    CC_ASSIGN_OR_RETURN(recs,
                        store_->FindQuotesByHash(extract::MatchHash(req.text()),
                                                 limits_.candidate_limit));
    for (store::QuoteRecord& r : recs) {
      verify::MatchScore m;
      m.score = 1;
      m.exact = true;
      m.matched = {0, static_cast<uint32_t>(r.quote.text.size())};
      hits.push_back({&r, m});
    }
  } else {
    const float min_score =
        req.min_score() > 0 ? req.min_score() : limits_.default_min_score;
    const verify::MatchQuery query(req.text());
    const auto is_hit = [&](const verify::MatchScore& m) {
      return m.score >= min_score || m.query_is_fragment;
    };
    // Records only for the candidates that score as hits (the rest would
    // be dropped below); those few are scored again.
    CC_ASSIGN_OR_RETURN(recs, Candidates(req.text(), [&](absl::string_view t) {
                          return is_hit(verify::ScoreMatch(query, t));
                        }));
    for (store::QuoteRecord& r : recs) {
      verify::MatchScore m = verify::ScoreMatch(query, r.quote.text);
      if (is_hit(m)) hits.push_back({&r, m});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      if (a.score.score != b.score.score) return a.score.score > b.score.score;
      return a.rec->evidence.published_date < b.rec->evidence.published_date;
    });
  }
  std::vector<const store::QuoteRecord*> all;
  for (const Hit& h : hits) all.push_back(h.rec);
  AddTallies(all, resp->mutable_speakers());
  for (size_t i = 0; i < hits.size() && static_cast<int>(i) < limit; ++i) {
    const Hit& h = hits[i];
    v1::QuoteMatch* m = resp->add_matches();
    m->set_score(static_cast<float>(h.score.score));
    const uint32_t base = h.rec->quote.span.begin;
    extract::Span matched = h.score.matched.empty()
                                ? h.rec->quote.span
                                : extract::Span{base + h.score.matched.begin,
                                                base + h.score.matched.end};
    ToProto(matched, m->mutable_matched_span());
    // Last: the record is moved from (tallies above read it first).
    ToProto(std::move(*h.rec), m->mutable_quote(), m->mutable_evidence());
  }
  return absl::OkStatus();
}

absl::Status QueryCore::ListSpeakerQuotes(
    const v1::ListSpeakerQuotesRequest& req,
    v1::ListSpeakerQuotesResponse* resp) const {
  CC_ASSIGN_OR_RETURN(const int limit, ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::SpeakerName speaker,
                      store_->ResolveSpeaker(req.speaker()));
  store::SpeakerQuotesQuery q;
  q.speaker_id = speaker.id;
  q.outlet = req.outlet();
  q.from_date = req.from_date();
  q.to_date = req.to_date();
  q.limit = limit;
  q.page_token = req.page_token();
  CC_ASSIGN_OR_RETURN(store::QuotePage page, store_->ListSpeakerQuotes(q));
  resp->set_speaker(speaker.name);
  resp->set_speaker_id(speaker.id);
  for (store::QuoteRecord& r : page.quotes) {
    ToProto(std::move(r), resp->add_quotes());
  }
  resp->set_next_page_token(page.next_page_token);
  return absl::OkStatus();
}

absl::Status QueryCore::ListSpeakers(const v1::ListSpeakersRequest& req,
                                     v1::ListSpeakersResponse* resp) const {
  CC_ASSIGN_OR_RETURN(const int limit, ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(
      store::SpeakerPage page,
      store_->ListSpeakers(req.name_prefix(), limit, req.page_token()));
  for (const store::SpeakerRecord& s : page.speakers) {
    ToProto(s, resp->add_speakers());
  }
  resp->set_next_page_token(page.next_page_token);
  return absl::OkStatus();
}

absl::Status QueryCore::GetSpeaker(const v1::GetSpeakerRequest& req,
                                   v1::Speaker* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::SpeakerRecord s,
                      store_->GetSpeaker(req.speaker()));
  ToProto(s, resp);
  return absl::OkStatus();
}

absl::Status QueryCore::VerifyQuote(const v1::VerifyQuoteRequest& req,
                                    v1::VerifyQuoteResponse* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(std::vector<store::QuoteRecord> recs,
                      Candidates(req.text()));
  const std::vector<verify::QuoteOccurrence> occ = Occurrences(recs);
  // The record the claimed name resolves to (aliases, merged spellings);
  // none is fine: names are compared too.
  std::string claimed_id;
  if (!req.claimed_speaker().empty()) {
    absl::StatusOr<store::SpeakerName> claimed =
        store_->ResolveSpeaker(req.claimed_speaker());
    if (claimed.ok()) {
      claimed_id = claimed->id;
    } else if (claimed.status().code() != absl::StatusCode::kNotFound) {
      return claimed.status();
    }
  }
  const verify::VerifyResult r = verify::VerifyQuote(
      req.text(), req.claimed_speaker(), req.claimed_date(), occ, claimed_id);
  resp->set_verdict(ToProto(r.verdict));
  resp->set_score(static_cast<float>(r.score));
  if (r.verdict != verify::Verdict::kNotFound && r.best < recs.size()) {
    resp->set_matched_text(recs[r.best].quote.text);
  }
  resp->set_attributed_speaker(r.attributed_speaker);
  ToProto(r.diff, resp->mutable_diff());
  resp->set_meaning_changed(r.meaning.changed);
  for (const std::string& c : r.meaning.reasons) resp->add_changes(c);
  for (size_t i : r.evidence) {
    if (i < recs.size()) ToProto(recs[i], resp->add_evidence());
  }
  resp->set_explanation(r.explanation);
  resp->set_confidence(static_cast<float>(r.confidence));
  resp->set_speaker_check(static_cast<v1::SpeakerCheck>(r.speaker_check));
  return absl::OkStatus();
}

absl::Status QueryCore::GetQuoteConsistency(
    const v1::GetQuoteConsistencyRequest& req,
    v1::QuoteConsistencyReport* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(std::vector<store::QuoteRecord> recs,
                      VariantCandidates(req.text()));
  const std::vector<verify::QuoteOccurrence> occ = Occurrences(recs);
  ReportToProto(verify::QuoteConsistency(req.text(), occ), recs, resp);
  return absl::OkStatus();
}

namespace {

// CANCELLED naming `what` once `cancelled` (may be empty) fires.
// ListConflicts' wait_for_ingested: at most this long without a deadline,
// polling the call's cancellation (and deadline) every slice.
constexpr absl::Duration kMaxConflictWait = absl::Minutes(5);
constexpr absl::Duration kConflictWaitSlice = absl::Milliseconds(50);

absl::Status CheckCancelled(const std::function<bool()>& cancelled,
                            absl::string_view what) {
  if (cancelled && cancelled()) {
    return absl::CancelledError(absl::StrCat(what, " cancelled"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status QueryCore::GetSpeakerConsistency(
    const v1::GetSpeakerConsistencyRequest& req,
    v1::SpeakerConsistencyReport* resp,
    const std::function<bool()>& cancelled) const {
  constexpr absl::string_view kWhat = "speaker consistency report";
  CC_ASSIGN_OR_RETURN(const int max_groups, ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::SpeakerRecord speaker,
                      store_->GetSpeaker(req.speaker()));
  std::vector<store::QuoteRecord> own;
  store::SpeakerQuotesQuery q;
  q.speaker_id = speaker.id;
  q.limit = limits_.max_page_size;
  do {
    CC_RETURN_IF_ERROR(CheckCancelled(cancelled, kWhat));
    CC_ASSIGN_OR_RETURN(store::QuotePage page, store_->ListSpeakerQuotes(q));
    for (store::QuoteRecord& r : page.quotes) own.push_back(std::move(r));
    q.page_token = std::move(page.next_page_token);
  } while (!q.page_token.empty() &&
           static_cast<int>(own.size()) < limits_.max_report_quotes);
  const std::vector<verify::QuoteOccurrence> own_occ = Occurrences(own);
  const std::vector<verify::QuoteReport> groups =
      verify::GroupQuotes(own_occ, verify::kAttributionVariantScore, cancelled);
  CC_RETURN_IF_ERROR(CheckCancelled(cancelled, kWhat));
  resp->set_speaker(speaker.name);
  for (size_t g = 0; g < groups.size() && static_cast<int>(g) < max_groups;
       ++g) {
    CC_RETURN_IF_ERROR(CheckCancelled(cancelled, kWhat));
    // Re-run the group's fullest text against the whole index, so outlets
    // that give the same words to someone else show up as a conflict.
    const std::string& fullest = own[groups[g].fullest].quote.text;
    CC_ASSIGN_OR_RETURN(std::vector<store::QuoteRecord> recs,
                        VariantCandidates(fullest));
    const std::vector<verify::QuoteOccurrence> occ = Occurrences(recs);
    ReportToProto(verify::QuoteConsistency(fullest, occ), recs,
                  resp->add_groups());
  }
  return absl::OkStatus();
}

absl::Status QueryCore::GetQuantityConsistency(
    const v1::GetQuantityConsistencyRequest& req,
    v1::QuantityConsistencyReport* resp,
    const std::function<bool()>& cancelled) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  store::ClaimsQuery q;
  q.unit_key = extract::UnitKey(req.unit());
  q.subject = req.subject();
  // Read before the claims, so a write committed meanwhile makes the entry
  // stale rather than wrongly current.
  const uint64_t generation = store_->DataGeneration();
  const std::string key =
      absl::StrCat(q.unit_key.size(), ":", q.unit_key, q.subject);
  if (auto hit = quantity_reports_->Lookup(key, generation)) {
    *resp = *hit;
    return absl::OkStatus();
  }
  CC_RETURN_IF_ERROR(QuantityReport(q, resp, cancelled));
  quantity_reports_->Insert(key, generation, *resp);
  return absl::OkStatus();
}

absl::Status QueryCore::QuantityReport(
    const store::ClaimsQuery& q, v1::QuantityConsistencyReport* resp,
    const std::function<bool()>& cancelled) const {
  CC_ASSIGN_OR_RETURN(const bool done,
                      QuantityReportFromKeys(q, resp, cancelled));
  if (done) return absl::OkStatus();
  return QuantityReportFromRows(q, resp, cancelled);
}

absl::StatusOr<bool> QueryCore::QuantityReportFromKeys(
    const store::ClaimsQuery& q, v1::QuantityConsistencyReport* resp,
    const std::function<bool()>& cancelled) const {
  constexpr absl::string_view kWhat = "quantity consistency report";
  // The subject filter is applied to rows; the keys do not hold it.
  if (!q.subject.empty()) return false;
  // The same claims, in the same order, and the same `truncated` as
  // QuantityReportFromRows's paging: newest first per comparable key,
  // truncated when any claim (or any further key) is left out.
  std::vector<store::ClaimKeyView> claims;
  bool truncated = false;
  for (const std::string& key : extract::ComparableUnitKeys(q.unit_key)) {
    const int room =
        limits_.max_report_claims - static_cast<int>(claims.size());
    if (room <= 0) {
      truncated = true;
      continue;
    }
    CC_RETURN_IF_ERROR(CheckCancelled(cancelled, kWhat));
    absl::StatusOr<std::vector<store::ClaimKeyView>> keys =
        store_->ClaimKeysByUnit(key, room + 1);
    if (absl::IsUnimplemented(keys.status())) return false;
    CC_RETURN_IF_ERROR(keys.status());
    if (static_cast<int>(keys->size()) > room) {
      truncated = true;
      keys->resize(static_cast<size_t>(room));
    }
    claims.insert(claims.end(), keys->begin(), keys->end());
  }
  // Earliest first (YYYYMMDD orders as the "YYYY-MM-DD" strings do).
  std::stable_sort(
      claims.begin(), claims.end(),
      [](const store::ClaimKeyView& a, const store::ClaimKeyView& b) {
        return a.date < b.date;
      });
  std::vector<verify::QuantityKey> keys;
  keys.reserve(claims.size());
  for (const store::ClaimKeyView& c : claims) {
    keys.push_back({c.interval, c.kind, c.is_delta, true});
  }
  const verify::QuantityPairs pairs =
      verify::CompareQuantityKeys(keys, cancelled);
  CC_RETURN_IF_ERROR(CheckCancelled(cancelled, kWhat));
  // Rows only for what the response spells out: the listed observations
  // and the claims of the listed conflict lines.
  const size_t listed = std::min(
      claims.size(), static_cast<size_t>(limits_.max_report_observations));
  std::vector<size_t> wanted;
  for (size_t i = 0; i < listed; ++i) wanted.push_back(i);
  for (const auto& [i, j] : pairs.conflicts) {
    if (i >= listed) wanted.push_back(i);
    if (j >= listed) wanted.push_back(j);
  }
  std::sort(wanted.begin() + static_cast<std::ptrdiff_t>(listed), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<int64_t> seqs;
  seqs.reserve(wanted.size());
  for (size_t i : wanted) seqs.push_back(claims[i].seq);
  absl::StatusOr<std::vector<std::optional<store::ClaimRecord>>> rows =
      store_->ClaimsBySeq(seqs);
  if (absl::IsUnimplemented(rows.status())) return false;
  CC_RETURN_IF_ERROR(rows.status());
  absl::flat_hash_map<size_t, const store::ClaimRecord*> row_of;
  for (size_t k = 0; k < wanted.size(); ++k) {
    const std::optional<store::ClaimRecord>& r = (*rows)[k];
    const store::ClaimKeyView& c = claims[wanted[k]];
    // Gone or not the claim the keys were read from (a write in between):
    // the row path gives the answer.
    if (!r.has_value()) return false;
    const verify::Interval iv = verify::ComparableInterval(r->quantity);
    const bool same = static_cast<int>(r->quantity.kind) == c.kind &&
                      r->quantity.is_delta == c.is_delta &&
                      (iv.low == c.interval.low ||
                       (std::isnan(iv.low) && std::isnan(c.interval.low))) &&
                      (iv.high == c.interval.high ||
                       (std::isnan(iv.high) && std::isnan(c.interval.high)));
    if (!same) return false;
    row_of[wanted[k]] = &*r;
  }
  resp->set_unit_key(q.unit_key);
  if (claims.empty()) {
    resp->set_agreement(v1::AGREEMENT_UNSPECIFIED);
    resp->set_summary(absl::StrCat("No claims about '", q.unit_key, "'."));
    return true;
  }
  resp->set_agreement(ToProto(pairs.agreement));
  for (size_t i = 0; i < listed; ++i) {
    ToProto(*row_of[i], resp->add_observations());
  }
  std::vector<std::string> lines;
  lines.reserve(pairs.conflicts.size());
  for (const auto& [i, j] : pairs.conflicts) {
    const store::ClaimRecord& a = *row_of[i];
    const store::ClaimRecord& b = *row_of[j];
    lines.push_back(verify::QuantityConflictLine(
        {&a.quantity, a.evidence.outlet, a.evidence.published_date},
        {&b.quantity, b.evidence.outlet, b.evidence.published_date}));
  }
  const std::string summary = verify::QuantitySummary(pairs, lines);
  for (std::string& line : lines) resp->add_conflicts(std::move(line));
  resp->set_conflict_count(pairs.conflict_count);
  resp->set_observation_count(static_cast<int>(claims.size()));
  resp->set_truncated(truncated);
  resp->set_summary(truncated ? absl::StrCat(summary, " (newest ",
                                             claims.size(), " claims compared)")
                              : summary);
  return true;
}

absl::Status QueryCore::QuantityReportFromRows(
    const store::ClaimsQuery& q, v1::QuantityConsistencyReport* resp,
    const std::function<bool()>& cancelled) const {
  constexpr absl::string_view kWhat = "quantity consistency report";
  // The newest max_report_claims claims (the store lists newest first), over
  // every unit key comparable with the asked one (km, mi, ft, ... for a
  // length): the report compares them in the canonical unit.
  std::vector<store::ClaimRecord> claims;
  bool truncated = false;
  for (const std::string& key : extract::ComparableUnitKeys(q.unit_key)) {
    store::ClaimsQuery kq = q;
    kq.unit_key = key;
    do {
      if (static_cast<int>(claims.size()) >= limits_.max_report_claims) {
        truncated = true;
        break;
      }
      CC_RETURN_IF_ERROR(CheckCancelled(cancelled, kWhat));
      kq.limit =
          std::min(limits_.max_page_size,
                   limits_.max_report_claims - static_cast<int>(claims.size()));
      CC_ASSIGN_OR_RETURN(store::ClaimPage page, store_->FindClaims(kq));
      for (store::ClaimRecord& c : page.claims) claims.push_back(std::move(c));
      kq.page_token = std::move(page.next_page_token);
    } while (!kq.page_token.empty());
  }
  // Earliest first.
  std::stable_sort(
      claims.begin(), claims.end(),
      [](const store::ClaimRecord& a, const store::ClaimRecord& b) {
        return a.evidence.published_date < b.evidence.published_date;
      });
  std::vector<verify::QuantityObservation> obs;
  obs.reserve(claims.size());
  for (const store::ClaimRecord& c : claims) {
    obs.push_back({&c.quantity, c.evidence.outlet, c.evidence.published_date});
  }
  const verify::QuantityReport report =
      verify::QuantityConsistency(obs, cancelled);
  CC_RETURN_IF_ERROR(CheckCancelled(cancelled, kWhat));
  resp->set_unit_key(q.unit_key);
  if (claims.empty()) {
    resp->set_agreement(v1::AGREEMENT_UNSPECIFIED);
    resp->set_summary(absl::StrCat("No claims about '", q.unit_key, "'."));
    return absl::OkStatus();
  }
  resp->set_agreement(ToProto(report.agreement));
  const size_t listed = std::min(
      claims.size(), static_cast<size_t>(limits_.max_report_observations));
  for (size_t i = 0; i < listed; ++i) {
    ToProto(claims[i], resp->add_observations());
  }
  for (const std::string& c : report.conflicts) resp->add_conflicts(c);
  resp->set_conflict_count(report.conflict_count);
  resp->set_observation_count(static_cast<int>(claims.size()));
  resp->set_truncated(truncated);
  resp->set_summary(truncated ? absl::StrCat(report.summary, " (newest ",
                                             claims.size(), " claims compared)")
                              : report.summary);
  return absl::OkStatus();
}

absl::Status QueryCore::SearchClaims(const v1::SearchClaimsRequest& req,
                                     v1::SearchClaimsResponse* resp) const {
  CC_ASSIGN_OR_RETURN(const int limit, ValidateRequest(req, limits_));
  store::ClaimsQuery q;
  if (!req.unit().empty()) q.unit_key = extract::UnitKey(req.unit());
  q.subject = req.subject();
  if (req.has_min_value()) q.min_value = req.min_value();
  if (req.has_max_value()) q.max_value = req.max_value();
  for (int k : req.kinds()) {
    q.kinds.push_back(static_cast<extract::QuantityKind>(k));
  }
  q.limit = limit;
  q.page_token = req.page_token();
  CC_ASSIGN_OR_RETURN(store::ClaimPage page, store_->FindClaims(q));
  for (const store::ClaimRecord& c : page.claims)
    ToProto(c, resp->add_claims());
  resp->set_next_page_token(page.next_page_token);
  return absl::OkStatus();
}

absl::Status QueryCore::GetStats(const v1::GetStatsRequest& req,
                                 v1::Stats* resp) const {
  CC_ASSIGN_OR_RETURN(store::StoreStats s, store_->GetStats());
  resp->set_articles(s.articles);
  resp->set_quotes(s.quotes);
  resp->set_speakers(s.speakers);
  resp->set_claims(s.claims);
  resp->set_outlets(s.outlets);
  resp->set_db_bytes(s.db_bytes);
  return absl::OkStatus();
}

absl::Status QueryCore::WaitForConflicts(
    const std::function<bool()>& cancelled) const {
  // For the writes acknowledged before the call only (a steady stream of
  // later ones must not keep it waiting); in slices, so a call cancelled or
  // past its deadline stops waiting.
  const uint64_t generation = store_->DataGeneration();
  const absl::Time give_up = absl::Now() + kMaxConflictWait;
  while (absl::Now() < give_up) {
    if (store_->WaitForConflicts(generation, kConflictWaitSlice)) {
      return absl::OkStatus();
    }
    CC_RETURN_IF_ERROR(CheckCancelled(cancelled, "waiting for conflicts"));
  }
  return absl::OkStatus();  // the page says what is pending
}

absl::Status QueryCore::ListConflicts(
    const v1::ListConflictsRequest& req, v1::ListConflictsResponse* resp,
    const std::function<bool()>& cancelled) const {
  CC_ASSIGN_OR_RETURN(const int limit, ValidateRequest(req, limits_));
  if (req.wait_for_ingested()) CC_RETURN_IF_ERROR(WaitForConflicts(cancelled));
  store::ConflictQuery query;
  query.kind = static_cast<int>(req.kind());
  query.outlet = req.outlet();
  query.from_date = req.from_date();
  query.to_date = req.to_date();
  query.limit = limit;
  query.page_token = req.page_token();
  CC_ASSIGN_OR_RETURN(store::ConflictPage page, store_->ListConflicts(query));
  for (const store::ConflictRecord& c : page.conflicts) {
    CC_RETURN_IF_ERROR(DecodeConflict(c, resp->add_conflicts()));
  }
  resp->set_next_page_token(page.next_page_token);
  resp->set_pending_groups(page.pending_groups);
  return absl::OkStatus();
}

absl::Status QueryCore::ListStories(const v1::ListStoriesRequest& req,
                                    v1::ListStoriesResponse* resp) const {
  CC_ASSIGN_OR_RETURN(const int limit, ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::StoryPage page,
                      store_->ListStories(limit, req.page_token()));
  for (const store::StoryRecord& s : page.stories) {
    ToProto(s, resp->add_stories());
  }
  resp->set_next_page_token(page.next_page_token);
  return absl::OkStatus();
}

absl::Status QueryCore::GetStory(const v1::GetStoryRequest& req,
                                 v1::Story* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::StoryRecord s, store_->GetStory(req.id()));
  ToProto(s, resp);
  return absl::OkStatus();
}

absl::Status QueryCore::ListSpeakerMerges(
    const v1::ListSpeakerMergesRequest& req,
    v1::ListSpeakerMergesResponse* resp) const {
  CC_ASSIGN_OR_RETURN(const int limit, ValidateRequest(req, limits_));
  store::SpeakerMergesQuery q;
  if (!req.speaker().empty()) {
    absl::StatusOr<store::SpeakerRecord> s = store_->GetSpeaker(req.speaker());
    if (s.ok()) {
      q.speaker_id = s->id;
    } else if (s.status().code() == absl::StatusCode::kNotFound &&
               absl::StartsWith(req.speaker(), "s_")) {
      q.speaker_id = req.speaker();  // a merged-away speaker's id
    } else {
      return s.status();
    }
  }
  q.include_undone = req.include_undone();
  q.limit = limit;
  q.page_token = req.page_token();
  CC_ASSIGN_OR_RETURN(store::SpeakerMergePage page,
                      store_->ListSpeakerMerges(q));
  for (const store::SpeakerMergeRecord& m : page.merges) {
    ToProto(m, resp->add_merges());
  }
  resp->set_next_page_token(page.next_page_token);
  return absl::OkStatus();
}

absl::Status QueryCore::UndoSpeakerMerge(const v1::UndoSpeakerMergeRequest& req,
                                         v1::SpeakerMerge* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(store::SpeakerMergeRecord m,
                      store_->UndoSpeakerMerge(req.merge_id()));
  ToProto(m, resp);
  return absl::OkStatus();
}

}  // namespace claimcheck::api
