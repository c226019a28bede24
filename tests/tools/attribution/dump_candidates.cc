// attribution_dump: the speaker ranker's candidates, for fitting its model.
// Reads {"id": ..., "text": ...} JSON lines on stdin; writes one header line
// {"features": [names in weight order]} and then, per input line,
// {"id": ..., "quotes": [{"quote", "start", "end", "speaker", "rule",
//  "confidence", "cands": [{"speaker", "mention", "x": [...]}]}]}.
// Candidate 0 of each quote is "nobody" (speaker "", mention -1).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <string>

#include "server/extract/quotes.h"

namespace {

using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;
namespace ex = claimcheck::extract;

Value& Field(Struct& s, const char* key) { return (*s.mutable_fields())[key]; }

void QuoteJson(const ex::ExplainedQuote& e, Struct& s) {
  Field(s, "quote").set_string_value(e.quote.text);
  Field(s, "start").set_number_value(e.quote.span.begin);
  Field(s, "end").set_number_value(e.quote.span.end);
  Field(s, "speaker").set_string_value(e.quote.speaker);
  Field(s, "rule").set_string_value(e.quote.rule);
  Field(s, "confidence").set_number_value(e.quote.confidence);
  ListValue* cands = Field(s, "cands").mutable_list_value();
  for (const ex::SpeakerCandidate& c : e.candidates) {
    Struct& cs = *cands->add_values()->mutable_struct_value();
    Field(cs, "speaker").set_string_value(c.speaker);
    Field(cs, "mention").set_number_value(c.mention);
    ListValue* x = Field(cs, "x").mutable_list_value();
    for (float v : c.x) x->add_values()->set_number_value(v);
  }
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  google::protobuf::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = true;
  std::string line, json;
  {
    Struct header;
    ListValue* names = Field(header, "features").mutable_list_value();
    for (const char* n : ex::kSpeakerFeatureNames) {
      names->add_values()->set_string_value(n);
    }
    google::protobuf::util::MessageToJsonString(header, &json);
    std::cout << json << "\n";
  }
  while (std::getline(std::cin, line)) {
    Struct in, out;
    if (!google::protobuf::util::JsonStringToMessage(line, &in, parse).ok() ||
        !in.fields().count("text")) {
      continue;
    }
    Field(out, "id") = in.fields().at("id");
    ListValue* quotes = Field(out, "quotes").mutable_list_value();
    for (const ex::ExplainedQuote& e :
         ex::ExplainQuotes(in.fields().at("text").string_value())) {
      QuoteJson(e, *quotes->add_values()->mutable_struct_value());
    }
    json.clear();
    google::protobuf::util::MessageToJsonString(out, &json);
    std::cout << json << "\n";
  }
  return 0;
}
