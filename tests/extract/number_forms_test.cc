// Table tests of the forms of quantity found in real news text: every
// quantity is extracted with its kind (types.h QuantityKind). The sentences
// are written for this test.
#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/number_time.h"
#include "server/extract/numbers.h"

namespace claimcheck::extract {
namespace {

constexpr double kNone = NAN;  // the field must be unset

struct FormCase {
  const char* text;
  const char* surface;  // must be found as one quantity with this surface
  double value;         // or kNone
  double low, high;
  const char* unit;
  QuantityKind kind;
};

void ExpectNear(const std::optional<double>& got, double want,
                const char* name) {
  SCOPED_TRACE(name);
  if (std::isnan(want)) {
    EXPECT_FALSE(got.has_value()) << *got;
  } else {
    ASSERT_TRUE(got.has_value());
    EXPECT_NEAR(*got, want, std::fabs(want) * 1e-9 + 1e-12);
  }
}

// Finds the quantity with c.surface among all found in c.text.
void CheckForm(const FormCase& c) {
  SCOPED_TRACE(c.text);
  const std::string text = c.text;
  const std::vector<Quantity> got = ExtractQuantities(text, {});
  const Quantity* q = nullptr;
  std::string seen;
  for (const Quantity& g : got) {
    EXPECT_EQ(text.substr(g.span.begin, g.span.size()), g.surface);
    seen += "[" + g.surface + "] ";
    if (g.surface == c.surface) q = &g;
  }
  ASSERT_NE(q, nullptr) << "want [" << c.surface << "], got " << seen;
  ExpectNear(q->value, c.value, "value");
  ExpectNear(q->low, c.low, "low");
  ExpectNear(q->high, c.high, "high");
  EXPECT_EQ(q->unit, c.unit);
  EXPECT_EQ(q->kind, c.kind) << QuantityKindName(q->kind);
}

using K = QuantityKind;

constexpr FormCase kCurrencies[] = {
    {"The house sold for $US17,250,000 last spring.", "$US17,250,000", 17250000,
     kNone, kNone, "USD", K::kMoney},
    {"That is about $A25,400,000 at today's rate.", "about $A25,400,000",
     25400000, kNone, kNone, "AUD", K::kMoney},
    {"exports fell to hk $ 12.5 billion .", "hk $ 12.5 billion", 12.5e9, kNone,
     kNone, "HKD", K::kMoney},
    {"The fee is nzd$40 per visit.", "nzd$40", 40, kNone, kNone, "NZD",
     K::kMoney},
    {"Tickets cost 35 \xE2\x82\xAC at the door.", "35 \xE2\x82\xAC", 35, kNone,
     kNone, "EUR", K::kMoney},
    {"Shares closed at 212 pence on Friday.", "212 pence", 212, kNone, kNone,
     "pence", K::kMoney},
    {"The club paid 40 million pounds for him.", "40 million pounds", 40e6,
     kNone, kNone, "GBP", K::kMoney},
    {"A coffee costs 30 turkish lira there.", "30 turkish lira", 30, kNone,
     kNone, "TRY", K::kMoney},
    {"The range is $12/$15 a share.", "$12/$15", kNone, 12, 15, "USD",
     K::kMoney},
};

constexpr FormCase kGluedUnits[] = {
    {"The base model has 128GB of storage.", "128GB", 128, kNone, kNone, "GB",
     K::kMeasure},
    {"They sell a 50Mbps plan.", "50Mbps", 50, kNone, kNone,
     "megabits per second", K::kRate},
    {"Hearing tops out near 18kHz for adults.", "18kHz", 18, kNone, kNone,
     "kilohertz", K::kMeasure},
    {"The engine makes 400 Nm of torque.", "400 Nm", 400, kNone, kNone,
     "newton metres", K::kMeasure},
    {"It also gives 295 lb-ft at low revs.", "295 lb-ft", 295, kNone, kNone,
     "foot pound-force", K::kMeasure},
    {"The alloy is rated at 12 ksi.", "12 ksi", 12, kNone, kNone,
     "kilopounds per square inch", K::kMeasure},
    {"Lead levels reached 9 ppb last year.", "9 ppb", 9, kNone, kNone,
     "parts per billion", K::kMeasure},
    {"The car offers 310 hp.", "310 hp", 310, kNone, kNone, "hp", K::kMeasure},
    {"The office covers 640 sq m downtown.", "640 sq m", 640, kNone, kNone,
     "m2", K::kMeasure},
    {"Its top speed was about 70 m.p.h. then.", "about 70 m.p.h.", 70, kNone,
     kNone, "mph", K::kRate},
};

constexpr FormCase kTemperatures[] = {
    {"The gas is cooled to minus-250 degrees Fahrenheit.",
     "minus-250 degrees Fahrenheit", -250, kNone, kNone, "degF", K::kMeasure},
    {"It was 3.2degF warmer than usual.", "3.2degF", 3.2, kNone, kNone, "degF",
     K::kMeasure},
    {"Nights fell to -12 \xC2\xB0"
     "C in the hills.",
     "-12 \xC2\xB0"
     "C",
     -12, kNone, kNone, "degC", K::kMeasure},
};

constexpr FormCase kWordFractions[] = {
    {"Only a fifth.", "Only a fifth", 0.2, kNone, kNone, "fraction",
     K::kFraction},
    {"It came to one and a fourth.", "one and a fourth", 1.25, kNone, kNone, "",
     K::kNumber},
    {"The dose is a hundredth.", "a hundredth", 0.01, kNone, kNone, "fraction",
     K::kFraction},
    {"He ate two thirds of the pie.", "two thirds", 2.0 / 3, kNone, kNone,
     "fraction", K::kFraction},
    {"Mix in 1/2 cup of sugar.", "1/2 cup", 0.5, kNone, kNone, "cup",
     K::kCount},
};

constexpr FormCase kScaleWords[] = {
    {"About one point five million people came.",
     "About one point five million people", 1.5e6, kNone, kNone, "people",
     K::kCount},
    {"It measured two point seven five.", "two point seven five", 2.75, kNone,
     kNone, "", K::kNumber},
    {"The city has half million residents.", "half million residents", 5e5,
     kNone, kNone, "residents", K::kCount},
    {"The state spent three lakh crore on roads.", "three lakh crore", 3e12,
     kNone, kNone, "", K::kNumber},
    {"The fund raised 4 crore rupees.", "4 crore rupees", 4e7, kNone, kNone,
     "INR", K::kMoney},
    {"Some five and a half million fish live here.",
     "Some five and a half million fish", 5.5e6, kNone, kNone, "fish",
     K::kCount},
    {"We counted six million and two thirds.", "six million and two thirds",
     6e6 + 2e6 / 3, kNone, kNone, "", K::kNumber},
};

constexpr FormCase kSpaceGroups[] = {
    {"The country has 1 414 021 100 people.", "1 414 021 100 people",
     1414021100, kNone, kNone, "people", K::kCount},
    {"Some 40 000 fans came.", "Some 40 000 fans", 40000, kNone, kNone, "fans",
     K::kCount},
    {"Some 40\xE2\x80\xAF"
     "000 fans came.",
     "Some 40\xE2\x80\xAF"
     "000 fans",
     40000, kNone, kNone, "fans", K::kCount},
    {"The loan is 12,34,567 rupees.", "12,34,567 rupees", 1234567, kNone, kNone,
     "INR", K::kMoney},
};

constexpr FormCase kLists[] = {
    {"Read pages 14,18,22,35 first.", "22", 22, kNone, kNone, "", K::kNumber},
    {"Read pages 14,18,22,35 first.", "35", 35, kNone, kNone, "", K::kNumber},
};

constexpr FormCase kPlainCounts[] = {
    {"The airline grounded two new 737 Max jets.", "two", 2, kNone, kNone, "",
     K::kNumber},
    {"Prices rose during those three months.", "three months", 3, kNone, kNone,
     "months", K::kDuration},
    {"She was one of the founders of the group.", "one of the founders", 1,
     kNone, kNone, "founders", K::kCount},
    {"He admitted one count of fraud.", "one count", 1, kNone, kNone, "count",
     K::kCount},
    {"It is one of four designs on the table.", "one of four designs", 0.25,
     kNone, kNone, "fraction", K::kFraction},
};

constexpr FormCase kAges[] = {
    {"Jenkins, 71, has led the club since then.", "71", 71, kNone, kNone,
     "years", K::kAge},
    {"A 9-year-old girl was hurt.", "9-year-old", 9, kNone, kNone, "years",
     K::kAge},
    {"Smith, who is 44 years old, resigned.", "44 years old", 44, kNone, kNone,
     "years", K::kAge},
    {"She joined the navy aged 14.", "14", 14, kNone, kNone, "years", K::kAge},
    {"Their nine-month-old son was ill.", "nine-month-old", 9, kNone, kNone,
     "months", K::kAge},
};

constexpr FormCase kStatRates[] = {
    {"Lopez averages 18.2 ppg and 5.1 apg.", "18.2 ppg", 18.2, kNone, kNone,
     "points per game", K::kRate},
    {"Lopez averages 18.2 ppg and 5.1 apg.", "5.1 apg", 5.1, kNone, kNone,
     "assists per game", K::kRate},
    {"The hybrid gets 52 mpg on the highway.", "52 mpg", 52, kNone, kNone,
     "miles per gallon", K::kRate},
    {"The team is counting on a .600 record.", ".600 record", 0.6, kNone, kNone,
     "record", K::kCount},
};

constexpr FormCase kBareNumbers[] = {
    {"The answer is minus 7", "minus 7", -7, kNone, kNone, "", K::kNumber},
    {"The answer is negative one", "negative one", -1, kNone, kNone, "",
     K::kNumber},
    {"The constant is 6.02e23 here.", "6.02e23", 6.02e23, kNone, kNone, "",
     K::kNumber},
    {"It is 2.5x10^-3 exactly.", "2.5x10^-3", 2.5e-3, kNone, kNone, "",
     K::kNumber},
    {"The number is sixty five.", "sixty five", 65, kNone, kNone, "",
     K::kNumber},
    {"The grant is 10M.", "10M", 1e7, kNone, kNone, "", K::kNumber},
};

constexpr FormCase kKinds[] = {
    {"He beat the world number two easily.", "two", 2, kNone, kNone, "",
     K::kRank},
    {"They lost nine of their 14 matches.", "nine", 9, kNone, kNone, "",
     K::kNumber},
    {"Jobs grew by 600 or one per cent.", "one per cent", 1, kNone, kNone,
     "percent", K::kPercent},
    {"Turnout was 64 percent.", "64 percent", 64, kNone, kNone, "percent",
     K::kPercent},
    {"The march covered 12 km.", "12 km", 12, kNone, kNone, "km", K::kMeasure},
    {"Police arrested 40 protesters.", "40 protesters", 40, kNone, kNone,
     "protesters", K::kCount},
    {"The talks lasted nine hours.", "nine hours", 9, kNone, kNone, "hours",
     K::kDuration},
};

TEST(NumberFormsTest, CurrencyPrefixesAndTrailingSigns) {
  for (const FormCase& c : kCurrencies) CheckForm(c);
}
TEST(NumberFormsTest, UnitsGluedOrSpaced) {
  for (const FormCase& c : kGluedUnits) CheckForm(c);
}
TEST(NumberFormsTest, NegativeTemperatures) {
  for (const FormCase& c : kTemperatures) CheckForm(c);
}
TEST(NumberFormsTest, FractionsInWords) {
  for (const FormCase& c : kWordFractions) CheckForm(c);
}
TEST(NumberFormsTest, ScaleWords) {
  for (const FormCase& c : kScaleWords) CheckForm(c);
}
TEST(NumberFormsTest, SpaceAndIndianGroupedDigits) {
  for (const FormCase& c : kSpaceGroups) CheckForm(c);
}
TEST(NumberFormsTest, Lists) {
  for (const FormCase& c : kLists) CheckForm(c);
}
TEST(NumberFormsTest, PlainCounts) {
  for (const FormCase& c : kPlainCounts) CheckForm(c);
}
TEST(NumberFormsTest, Ages) {
  for (const FormCase& c : kAges) CheckForm(c);
}
TEST(NumberFormsTest, StatRates) {
  for (const FormCase& c : kStatRates) CheckForm(c);
}
TEST(NumberFormsTest, BareNumbers) {
  for (const FormCase& c : kBareNumbers) CheckForm(c);
}
TEST(NumberFormsTest, Kinds) {
  for (const FormCase& c : kKinds) CheckForm(c);
}

// Not quantities even though every number is now extracted.
constexpr const char* kNotQuantities[] = {
    "The talks begin at 10:30 on March 4, 2025.",
    "Call 0800 123 456 today.",
    "Her office is at 9 E 71st St, Manhattan.",
    "The 787 Dreamliner was grounded.",
    "It was built around A.D. 1000 by the Popolocas.",
    "The COVID -19 tests arrived.",
    "They signed a two-month contract and a five-year lease.",
    "It began with the COVID - 19 pandemic in Texas # 2 city.",
    "Prices are well above 2004's average.",
};

TEST(NumberFormsTest, NotQuantities) {
  for (const char* text : kNotQuantities) {
    SCOPED_TRACE(text);
    std::vector<Quantity> got = ExtractQuantities(text, {});
    EXPECT_TRUE(got.empty()) << got[0].surface;
  }
}

struct ChangeForm {
  const char* text;
  const char* surface;
  ChangeDirection change;
  bool is_delta;
  double base;
};

constexpr ChangeForm kChanges[] = {
    {"Sales rose 5% to $3 billion.", "5%", ChangeDirection::kUp, true, kNone},
    {"Sales rose 5% to $3 billion.", "$3 billion", ChangeDirection::kUp, false,
     kNone},
    {"His weight dropped from 208 pounds to 193.", "193",
     ChangeDirection::kDown, false, 208},
    {"Output was down 3 percent.", "3 percent", ChangeDirection::kDown, true,
     kNone},
    {"Revenue increased by $4 million.", "$4 million", ChangeDirection::kUp,
     true, kNone},
    {"The firm has 300 staff.", "300 staff", ChangeDirection::kNone, false,
     kNone},
};

TEST(NumberFormsTest, Change) {
  for (const ChangeForm& c : kChanges) {
    SCOPED_TRACE(c.text);
    std::vector<Quantity> got = ExtractQuantities(c.text, {});
    const Quantity* q = nullptr;
    for (const Quantity& g : got) {
      if (g.surface == c.surface) q = &g;
    }
    ASSERT_NE(q, nullptr) << c.surface;
    EXPECT_EQ(q->change, c.change);
    EXPECT_EQ(q->is_delta, c.is_delta);
    ExpectNear(q->base, c.base, "base");
  }
}

struct TimeCase {
  const char* time;
  const char* date;
  const char* want;
};

constexpr TimeCase kTimes[] = {
    {"last year", "2024-03-14", "2023"},
    {"next year", "2024-03-14", "2025"},
    {"last month", "2024-01-10", "2023-12"},
    {"in March", "2024-05-02", "2024-03"},
    {"in November", "2024-02-02", "2023-11"},    // the nearest November
    {"on Tuesday", "2024-03-14", "2024-03-12"},  // 2024-03-14 is a Thursday
    {"on Thursday", "2024-03-14", "2024-03-14"},
    {"yesterday", "2024-03-01", "2024-02-29"},
    {"two years ago", "2024-03-14", "2022"},
    {"by 2035", "", "2035"},
    {"in June 2019", "", "2019-06"},
    {"on March 3, 2020", "2024-01-01", "2020-03-03"},
    {"last year", "", ""},  // needs the article date
    {"recently", "2024-03-14", ""},
    {"last year", "not a date", ""},
};

TEST(NumberFormsTest, ResolveTime) {
  for (const TimeCase& c : kTimes) {
    SCOPED_TRACE(std::string(c.time) + " @ " + c.date);
    EXPECT_EQ(ResolveTime(c.time, c.date), c.want);
  }
}

TEST(NumberFormsTest, ResolveTimesKeepsTheRawText) {
  std::vector<Quantity> got =
      ExtractQuantities("Exports grew 4 percent last year.", {});
  ASSERT_EQ(got.size(), 1u);
  ResolveTimes("2021-06-30", &got);
  EXPECT_EQ(got[0].time, "last year");
  EXPECT_EQ(got[0].time_resolved, "2020");
}

}  // namespace
}  // namespace claimcheck::extract
