// Golden test over 43 Wikinews articles (CC BY 2.5; see tests/testdata/
// README.md): ExtractUnchecked must give exactly the quotes and quantities of
// tests/testdata/wikinews_golden.jsonl (checked by hand once; notes and known
// wrong entries in wikinews_golden.md). After an intended change, regenerate
// with tests/tools/make_wikinews_golden.sh and review the diff.
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/extract.h"
#include "tests/extract/mini_json.h"

namespace claimcheck::extract {
namespace {

using testing_json::Value;

std::vector<std::string> ReadLines(const std::string& name) {
  std::ifstream f(std::string(CLAIMCHECK_SOURCE_DIR) + "/tests/testdata/" +
                  name);
  std::vector<std::string> lines;
  for (std::string line; std::getline(f, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string Num(std::optional<double> v) {
  if (!v) return "null";
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.17g", *v);
  return buf;
}

std::string QuoteRow(uint32_t b, uint32_t e, const std::string& speaker,
                     const std::string& mention, const std::string& rule,
                     const std::string& text) {
  return "Q " + std::to_string(b) + "-" + std::to_string(e) + " speaker=[" +
         speaker + "] mention=[" + mention + "] rule=" + rule + " text=[" +
         text + "]";
}

std::string NumberRow(uint32_t b, uint32_t e, std::optional<double> value,
                      std::optional<double> low, std::optional<double> high,
                      const std::string& unit, const std::string& key,
                      const std::string& surface) {
  return "N " + std::to_string(b) + "-" + std::to_string(e) +
         " value=" + Num(value) + " low=" + Num(low) + " high=" + Num(high) +
         " unit=[" + unit + "] key=[" + key + "] surface=[" + surface + "]";
}

std::optional<double> OptNum(const Value& v) {
  if (v.kind == Value::kNull) return std::nullopt;
  return v.number;
}

// Golden rows by article id, in file order.
std::map<std::string, std::vector<std::string>> ReadGolden() {
  std::map<std::string, std::vector<std::string>> out;
  for (const std::string& line : ReadLines("wikinews_golden.jsonl")) {
    Value v;
    EXPECT_TRUE(testing_json::ParseJson(line, &v)) << line;
    const std::vector<Value>& a = v.array;
    if (a.size() < 8) {
      ADD_FAILURE() << "short golden line: " << line;
      continue;
    }
    const auto u = [&](size_t i) { return static_cast<uint32_t>(a[i].number); };
    if (a[1].str == "Q") {
      out[a[0].str].push_back(
          QuoteRow(u(2), u(3), a[4].str, a[5].str, a[6].str, a[7].str));
    } else if (a.size() >= 10) {
      out[a[0].str].push_back(NumberRow(u(2), u(3), OptNum(a[4]), OptNum(a[5]),
                                        OptNum(a[6]), a[7].str, a[8].str,
                                        a[9].str));
    }
  }
  return out;
}

std::vector<std::string> ActualRows(const std::string& text) {
  const Extraction e = ExtractUnchecked(text);
  std::vector<std::string> rows;
  for (const Quote& q : e.quotes) {
    rows.push_back(QuoteRow(q.span.begin, q.span.end, q.speaker,
                            q.speaker_mention, q.rule, q.text));
  }
  for (const Quantity& n : e.quantities) {
    rows.push_back(NumberRow(n.span.begin, n.span.end, n.value, n.low, n.high,
                             n.unit, n.unit_key, n.surface));
  }
  return rows;
}

// The first few differences between two row lists, readable.
std::string Diff(const std::vector<std::string>& want,
                 const std::vector<std::string>& got) {
  std::string out;
  int shown = 0;
  size_t i = 0, j = 0;
  while ((i < want.size() || j < got.size()) && shown < 5) {
    if (i < want.size() && j < got.size() && want[i] == got[j]) {
      ++i, ++j;
      continue;
    }
    // Resynchronise: a row only on one side.
    bool want_later = false, got_later = false;
    for (size_t k = j; k < got.size() && !want_later && i < want.size(); ++k)
      want_later = got[k] == want[i];
    for (size_t k = i; k < want.size() && !got_later && j < got.size(); ++k)
      got_later = want[k] == got[j];
    if (i < want.size() && (j >= got.size() || !want_later || got_later)) {
      out += "  - golden: " + want[i++] + "\n";
    }
    if (j < got.size() && (i >= want.size() || !got_later || want_later)) {
      out += "  + actual: " + got[j++] + "\n";
    }
    ++shown;
  }
  if (shown == 5) out += "  ...\n";
  return out;
}

TEST(WikinewsGoldenTest, EveryArticleMatchesTheGolden) {
  const std::map<std::string, std::vector<std::string>> golden = ReadGolden();
  ASSERT_FALSE(golden.empty()) << "tests/testdata/wikinews_golden.jsonl";
  const std::vector<std::string> articles = ReadLines("wikinews.jsonl");
  ASSERT_EQ(articles.size(), 43u);
  size_t rows = 0;
  for (const std::string& line : articles) {
    Value doc;
    ASSERT_TRUE(testing_json::ParseJson(line, &doc));
    const Value* id = doc.Get("id");
    const Value* text = doc.Get("text");
    ASSERT_TRUE(id != nullptr && text != nullptr);
    auto it = golden.find(id->str);
    const std::vector<std::string> want =
        it == golden.end() ? std::vector<std::string>() : it->second;
    const std::vector<std::string> got = ActualRows(text->str);
    rows += got.size();
    EXPECT_TRUE(want == got)
        << id->str << ": " << want.size() << " golden rows, " << got.size()
        << " actual; first differences:\n"
        << Diff(want, got);
  }
  size_t golden_rows = 0;
  for (const auto& [id, r] : golden) golden_rows += r.size();
  EXPECT_EQ(rows, golden_rows);
}

}  // namespace
}  // namespace claimcheck::extract
