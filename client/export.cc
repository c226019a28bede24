#include "client/export.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_format.h"
#include "client/json_text.h"
#include "google/protobuf/struct.pb.h"

namespace claimcheck {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

Value& Field(Struct& object, const std::string& key) {
  return (*object.mutable_fields())[key];
}

void SetStrings(Struct& object, const std::string& key,
                const std::vector<std::string>& items) {
  google::protobuf::ListValue& list = *Field(object, key).mutable_list_value();
  for (const std::string& item : items)
    list.add_values()->set_string_value(item);
}

template <typename Items>
std::vector<std::string> Strings(const Items& items) {
  return std::vector<std::string>(items.begin(), items.end());
}

// The enum value's name without its type's prefix, lower case:
// QUANTITY_KIND_MONEY -> "money".
std::string EnumWord(const std::string& name, const std::string& prefix) {
  std::string word =
      name.substr(name.rfind(prefix, 0) == 0 ? prefix.size() : 0);
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return word;
}

std::string Line(const Struct& object) {
  absl::StatusOr<std::string> json = SortedJson(object);
  return json.ok() ? *json : "{}";  // Struct of strings and numbers prints
}

}  // namespace

void QuoteGroups::Add(const v1::Article& article) {
  for (const v1::Quote& q : article.quotes()) {
    Group& g = groups_[q.text()];
    const bool earlier =
        g.occurrences == 0 ||
        (!article.published_date().empty() &&
         (g.date.empty() || article.published_date() < g.date));
    if (earlier) {
      g.date = article.published_date();
      g.quote_id = q.id();
    }
    ++g.occurrences;
    const v1::Attribution& a = q.attribution();
    if (!a.speaker().empty()) {
      float& p = g.probas[a.speaker()];
      p = std::max(p, a.confidence());
      g.speaker_ids[a.speaker()] = a.speaker_id();
    }
    if (!article.url().empty()) g.urls.push_back(article.url());
    g.article_ids.push_back(article.id());
  }
}

std::vector<std::string> QuoteGroups::Lines() const {
  std::vector<std::pair<std::string, std::string>> lines;  // by quote id
  for (const auto& [text, g] : groups_) {
    std::vector<std::pair<std::string, float>> probas(g.probas.begin(),
                                                      g.probas.end());
    std::stable_sort(
        probas.begin(), probas.end(),
        [](const auto& a, const auto& b) { return a.second > b.second; });
    Struct line;
    Field(line, "type").set_string_value("quote");
    Field(line, "quoteID").set_string_value(g.quote_id);
    Field(line, "quotation").set_string_value(text);
    const std::string speaker = probas.empty() ? "None" : probas[0].first;
    Field(line, "speaker").set_string_value(speaker);
    Field(line, "speakerID")
        .set_string_value(probas.empty() ? "" : g.speaker_ids.at(speaker));
    google::protobuf::ListValue& list =
        *Field(line, "probas").mutable_list_value();
    for (const auto& [name, p] : probas) {
      google::protobuf::ListValue& pair =
          *list.add_values()->mutable_list_value();
      pair.add_values()->set_string_value(name);
      pair.add_values()->set_string_value(absl::StrFormat("%.4f", p));
    }
    Field(line, "date").set_string_value(g.date);
    Field(line, "numOccurrences").set_number_value(g.occurrences);
    SetStrings(line, "urls", g.urls);
    SetStrings(line, "articleIDs", g.article_ids);
    lines.emplace_back(g.quote_id, Line(line));
  }
  std::sort(lines.begin(), lines.end());
  std::vector<std::string> out;
  for (auto& [id, text] : lines) out.push_back(std::move(text));
  return out;
}

std::vector<std::string> ClaimLines(const v1::Article& article) {
  std::vector<std::string> out;
  for (const v1::NumericClaim& c : article.claims()) {
    Struct line;
    Field(line, "type").set_string_value("claim");
    Field(line, "claimID").set_string_value(c.id());
    Field(line, "surface").set_string_value(c.surface());
    if (c.has_value()) Field(line, "value").set_number_value(c.value());
    if (c.has_low()) Field(line, "low").set_number_value(c.low());
    if (c.has_high()) Field(line, "high").set_number_value(c.high());
    Field(line, "approximation")
        .set_string_value(EnumWord(v1::Approximation_Name(c.approximation()),
                                   "APPROXIMATION_"));
    Field(line, "kind")
        .set_string_value(
            EnumWord(v1::QuantityKind_Name(c.kind()), "QUANTITY_KIND_"));
    Field(line, "unit").set_string_value(c.unit());
    Field(line, "subject").set_string_value(c.subject());
    Field(line, "time").set_string_value(c.time());
    Field(line, "timeResolved").set_string_value(c.time_resolved());
    Field(line, "assertedBy").set_string_value(c.asserted_by());
    Field(line, "inQuote").set_bool_value(c.in_quote());
    Field(line, "date").set_string_value(article.published_date());
    Field(line, "outlet").set_string_value(article.outlet());
    Field(line, "url").set_string_value(article.url());
    Field(line, "articleID").set_string_value(article.id());
    google::protobuf::ListValue& span =
        *Field(line, "span").mutable_list_value();
    span.add_values()->set_number_value(c.span().begin());
    span.add_values()->set_number_value(c.span().end());
    out.push_back(Line(line));
  }
  return out;
}

std::string SpeakerLine(const v1::Speaker& speaker) {
  Struct line;
  Field(line, "type").set_string_value("speaker");
  Field(line, "speakerID").set_string_value(speaker.id());
  Field(line, "speaker").set_string_value(speaker.name());
  Field(line, "kind")
      .set_string_value(
          EnumWord(v1::SpeakerKind_Name(speaker.kind()), "SPEAKER_KIND_"));
  SetStrings(line, "aliases", Strings(speaker.aliases()));
  SetStrings(line, "roles", Strings(speaker.roles()));
  SetStrings(line, "outlets", Strings(speaker.outlets()));
  Field(line, "numQuotes").set_number_value(speaker.quote_count());
  return Line(line);
}

}  // namespace claimcheck
