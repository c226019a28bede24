// The index as JSON Lines in the style of Quotebank (Vaucher et al., 2021):
// quotation-centric quote lines with `quoteID`, `quotation`, `speaker`,
// `probas` ([[speaker, probability], ...], best first), `date` (earliest),
// `numOccurrences` and `urls`; plus speaker lines and numeric-claim lines.
// Every line carries `type` ("quote", "speaker", "claim"); keys are in byte
// order and values follow the API's (dates "YYYY-MM-DD", spans in bytes).
//
//   claimcheck::QuoteGroups quotes;
//   for (const v1::Article& a : articles) {
//     for (const std::string& line : ClaimLines(a)) Print(line);
//     quotes.Add(a);
//   }
//   for (const std::string& line : quotes.Lines()) Print(line);
//
// Quotes are grouped by their exact text across articles, so QuoteGroups
// holds one small record per distinct quotation until Lines(). Not
// thread-safe; the free functions are pure.
#ifndef CLAIMCHECK_CLIENT_EXPORT_H_
#define CLAIMCHECK_CLIENT_EXPORT_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "claimcheck/v1/claimcheck.pb.h"

namespace claimcheck {

class QuoteGroups {
 public:
  // Adds every quote of `article` (an occurrence each).
  void Add(const v1::Article& article);

  // One JSON line per distinct quotation, by quoteID (the id of its earliest
  // occurrence): speaker "None" when no source names one, as Quotebank.
  std::vector<std::string> Lines() const;

  size_t size() const { return groups_.size(); }

 private:
  struct Group {
    std::string quote_id;
    std::string date;
    int occurrences = 0;
    std::map<std::string, float> probas;  // speaker -> highest confidence
    std::map<std::string, std::string> speaker_ids;
    std::vector<std::string> urls;
    std::vector<std::string> article_ids;
  };
  std::map<std::string, Group> groups_;  // by quotation text
};

// The numeric claims of `article`, one JSON line each, with where they ran.
std::vector<std::string> ClaimLines(const v1::Article& article);

// One JSON line for a speaker.
std::string SpeakerLine(const v1::Speaker& speaker);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_EXPORT_H_
