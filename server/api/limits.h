// Size and count limits applied to every request. Plain struct; the server
// fills it from flags, tests build it directly.
#ifndef CLAIMCHECK_SERVER_API_LIMITS_H_
#define CLAIMCHECK_SERVER_API_LIMITS_H_

#include <cstddef>

namespace claimcheck::api {

struct Limits {
  size_t max_text_bytes = 2 << 20;  // article text, ExtractText text
  size_t max_query_bytes = 4096;    // quote text in queries
  size_t max_meta_bytes = 2048;     // url, outlet, title, names
  int default_page_size = 50;
  int max_page_size = 500;
  int default_search_results = 20;
  int max_search_results = 100;
  int candidate_limit = 200;          // store candidates scored per query
  int max_stream_in_flight = 512;     // unacknowledged items per ingest stream
  int max_report_quotes = 2000;       // quotes scanned by a speaker report
  int max_report_claims = 1000;       // claims compared by a quantity report
  int max_report_observations = 200;  // observations a quantity report lists
  // Finished quantity reports kept until the next committed write, bytes
  // (report_cache.h); 0 turns the cache off.
  size_t quantity_report_cache_bytes = 128 << 20;
  int default_report_groups = 50;  // quote groups a speaker report gives
  int max_report_groups = 200;
  // SearchQuotes' approximate matches score at least this when the request
  // gives no min_score. (The grouping and verdict thresholds of verify, e.g.
  // verify::kAlteredScore, are verify's own.)
  float default_min_score = 0.5f;
  int max_claim_kinds = 16;    // SearchClaims kinds filter values
  int max_watches = 1000;      // registered watch quotes
  int max_watch_streams = 64;  // concurrent Watch streams
  int max_watch_ids = 100;     // watch ids one Watch stream names
  // Largest response, bytes: what default gRPC clients accept (4 MiB).
  // Larger ones (GetArticle of an article with ~40,000 quotes) get
  // RESOURCE_EXHAUSTED naming the size.
  size_t max_response_bytes = 4 << 20;
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_LIMITS_H_
