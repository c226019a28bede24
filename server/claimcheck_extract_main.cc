// claimcheck-extract: the offline extractor. JSON lines in, JSON lines out,
// no server. Reads {"id": ..., "text": ...} per line on stdin (other fields
// are ignored) and writes one line per input:
//   {"id": ..., "quotes": [{"quote","speaker","speaker_mention","start",
//    "end","mention_start","mention_end","kind","role","channel",
//    "relayed_by","cue","rule","confidence","partial"}],
//    "quantities": [{"surface","start","end","value","low","high","approx",
//    "approximation","vague","qualifier","unit","unit_key","subject","time",
//    "asserted_by","in_quote","kind","change","is_delta","base",
//    "time_resolved"}]}
// An optional "date" ("YYYY-MM-DD", the article's publication date) resolves
// relative times such as "last year" into "time_resolved".
// Offsets are UTF-8 byte offsets into "text". Missing numbers are null.
// A bad line gets {"id": ..., "error": "..."} and processing goes on;
// the exit status is 1 if any line was bad.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "server/extract/extract.h"
#include "server/extract/numbers.h"

namespace {

using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;
namespace ex = claimcheck::extract;

void Set(Struct& s, const char* key, const std::string& v) {
  (*s.mutable_fields())[key].set_string_value(v);
}
void SetNum(Struct& s, const char* key, double v) {
  (*s.mutable_fields())[key].set_number_value(v);
}
void SetBool(Struct& s, const char* key, bool v) {
  (*s.mutable_fields())[key].set_bool_value(v);
}
void SetOpt(Struct& s, const char* key, const std::optional<double>& v) {
  Value& val = (*s.mutable_fields())[key];
  if (v) {
    val.set_number_value(*v);
  } else {
    val.set_null_value(google::protobuf::NULL_VALUE);
  }
}

const char* KindName(ex::SpeakerKind k) {
  switch (k) {
    case ex::SpeakerKind::kPerson:
      return "person";
    case ex::SpeakerKind::kOrganization:
      return "organization";
    default:
      return "unknown";
  }
}

const char* ApproxName(ex::Approx a) {
  switch (a) {
    case ex::Approx::kExact:
      return "exact";
    case ex::Approx::kAbout:
      return "about";
    case ex::Approx::kLowerBound:
      return "lower_bound";
    case ex::Approx::kUpperBound:
      return "upper_bound";
    case ex::Approx::kRange:
      return "range";
    case ex::Approx::kVague:
      return "vague";
  }
  return "exact";
}

void ToJson(const ex::Extraction& e, Struct& out) {
  ListValue* quotes = (*out.mutable_fields())["quotes"].mutable_list_value();
  for (const ex::Quote& q : e.quotes) {
    Struct& s = *quotes->add_values()->mutable_struct_value();
    Set(s, "quote", q.text);
    Set(s, "speaker", q.speaker);
    Set(s, "speaker_mention", q.speaker_mention);
    SetNum(s, "start", q.span.begin);
    SetNum(s, "end", q.span.end);
    SetNum(s, "mention_start", q.mention_span.begin);
    SetNum(s, "mention_end", q.mention_span.end);
    Set(s, "kind", KindName(q.speaker_kind));
    Set(s, "role", q.role);
    Set(s, "channel", q.channel);
    Set(s, "relayed_by", q.relayed_by);
    Set(s, "cue", q.cue);
    Set(s, "rule", q.rule);
    SetNum(s, "confidence", q.confidence);
    SetBool(s, "partial", q.partial);
  }
  ListValue* qs = (*out.mutable_fields())["quantities"].mutable_list_value();
  for (const ex::Quantity& c : e.quantities) {
    Struct& s = *qs->add_values()->mutable_struct_value();
    Set(s, "surface", c.surface);
    SetNum(s, "start", c.span.begin);
    SetNum(s, "end", c.span.end);
    SetOpt(s, "value", c.value);
    SetOpt(s, "low", c.low);
    SetOpt(s, "high", c.high);
    SetBool(s, "approx", c.approx != ex::Approx::kExact);
    Set(s, "approximation", ApproxName(c.approx));
    SetBool(s, "vague", c.vague);
    Set(s, "qualifier", c.qualifier);
    Set(s, "unit", c.unit);
    Set(s, "unit_key", c.unit_key);
    Set(s, "subject", c.subject);
    Set(s, "time", c.time);
    Set(s, "asserted_by", c.asserted_by);
    SetBool(s, "in_quote", c.quote_index >= 0);
    Set(s, "kind", std::string(ex::QuantityKindName(c.kind)));
    Set(s, "change", std::string(ex::ChangeName(c.change)));
    SetBool(s, "is_delta", c.is_delta);
    SetOpt(s, "base", c.base);
    Set(s, "time_resolved", c.time_resolved);
  }
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  google::protobuf::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = true;
  ex::ExtractOptions options;
  options.max_input_bytes = 64 << 20;
  int rc = 0;
  std::string line, json;
  for (long lineno = 1; std::getline(std::cin, line); ++lineno) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Struct in, out;
    Value id;
    auto parsed = google::protobuf::util::JsonStringToMessage(line, &in, parse);
    if (parsed.ok() && in.fields().count("id")) id = in.fields().at("id");
    (*out.mutable_fields())["id"] = id;
    std::string error;
    if (!parsed.ok()) {
      error = "line " + std::to_string(lineno) +
              ": not JSON: " + parsed.message().as_string();
    } else if (!in.fields().count("text") ||
               in.fields().at("text").kind_case() != Value::kStringValue) {
      error = "line " + std::to_string(lineno) + ": \"text\" is missing";
    } else {
      absl::StatusOr<ex::Extraction> got =
          ex::Extract(in.fields().at("text").string_value(), options);
      if (got.ok() && in.fields().count("date") &&
          in.fields().at("date").kind_case() == Value::kStringValue) {
        ex::ResolveTimes(in.fields().at("date").string_value(),
                         &got->quantities);
      } else if (got.ok()) {
        ex::ResolveTimes("", &got->quantities);  // explicit years only
      }
      if (got.ok()) {
        ToJson(*got, out);
      } else {
        error = "line " + std::to_string(lineno) + ": " +
                std::string(got.status().message());
      }
    }
    if (!error.empty()) {
      Set(out, "error", error);
      rc = 1;
    }
    json.clear();
    google::protobuf::util::MessageToJsonString(out, &json);
    json.push_back('\n');
    std::fwrite(json.data(), 1, json.size(), stdout);
  }
  return rc;
}
