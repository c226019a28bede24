// Table-driven tests of ExtractQuantities, one table per form of claim.
// Each sentence is written for this test; each case names the one claim the
// sentence must give (or, for non-claims, that it gives none).
#include "server/extract/numbers.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/number_unit.h"

namespace claimcheck::extract {
namespace {

constexpr double kNone = NAN;  // the field must be unset

struct Case {
  const char* text;
  const char* surface;
  double value, low, high;
  Approx approx;
  const char* qualifier;
  const char* unit;
  const char* unit_key;
};

void ExpectField(const std::optional<double>& got, double want,
                 const char* name) {
  SCOPED_TRACE(name);
  if (std::isnan(want)) {
    EXPECT_FALSE(got.has_value()) << *got;
  } else {
    ASSERT_TRUE(got.has_value());
    EXPECT_NEAR(*got, want, std::fabs(want) * 1e-9 + 1e-9);
  }
}

// Extracts from c.text and checks the single claim against the case.
void CheckOne(const Case& c) {
  SCOPED_TRACE(c.text);
  const std::string text = c.text;
  std::vector<Quantity> got = ExtractQuantities(text, {});
  ASSERT_EQ(got.size(), 1u) << (got.empty() ? "" : got[0].surface);
  const Quantity& q = got[0];
  EXPECT_EQ(q.surface, c.surface);
  EXPECT_EQ(text.substr(q.span.begin, q.span.size()), q.surface);
  ExpectField(q.value, c.value, "value");
  ExpectField(q.low, c.low, "low");
  ExpectField(q.high, c.high, "high");
  EXPECT_EQ(q.approx, c.approx);
  EXPECT_EQ(q.vague, c.approx == Approx::kVague);
  EXPECT_EQ(q.qualifier, c.qualifier);
  EXPECT_EQ(q.unit, c.unit);
  EXPECT_EQ(q.unit_key, c.unit_key);
  EXPECT_EQ(q.quote_index, -1);
}

template <size_t N>
void CheckAll(const Case (&cases)[N]) {
  for (const Case& c : cases) CheckOne(c);
}

constexpr Case kRanges[] = {
    {"The firm sold between 10 and 20 tankers last year.",
     "between 10 and 20 tankers", kNone, 10, 20, Approx::kRange, "between",
     "tankers", "tanker"},
    {"Officials expect 1,500 to 2,000 refugees.", "1,500 to 2,000 refugees",
     kNone, 1500, 2000, Approx::kRange, "", "refugees", "refugee"},
    {"The survey found 10-15% of voters undecided.", "10-15%", kNone, 10, 15,
     Approx::kRange, "", "percent", "percent"},
    {"Prices ranged from $1m to $2m.", "from $1m to $2m", kNone, 1e6, 2e6,
     Approx::kRange, "from", "USD", "usd"},
    {"Storms cut power to 1.5 to 2 million homes.", "1.5 to 2 million homes",
     kNone, 1.5e6, 2e6, Approx::kRange, "", "homes", "home"},
    {"Witnesses saw two or three gunmen.", "two or three gunmen", kNone, 2, 3,
     Approx::kRange, "", "gunmen", "gunman"},
    {"The trip takes 5\xE2\x80\x93"
     "7 days.",
     "5\xE2\x80\x93"
     "7 days",
     kNone, 5, 7, Approx::kRange, "", "days", "day"},
};
TEST(ExtractQuantitiesTest, Ranges) { CheckAll(kRanges); }

constexpr Case kBounds[] = {
    {"About 200 people attended the rally.", "About 200 people", 200, kNone,
     kNone, Approx::kAbout, "About", "people", "person"},
    {"Roughly 40 ships are docked.", "Roughly 40 ships", 40, kNone, kNone,
     Approx::kAbout, "Roughly", "ships", "ship"},
    {"Nearly 90 villages were flooded.", "Nearly 90 villages", 90, kNone, kNone,
     Approx::kAbout, "Nearly", "villages", "village"},
    {"Some 300 troops crossed the border.", "Some 300 troops", 300, kNone,
     kNone, Approx::kAbout, "Some", "troops", "troop"},
    {"More than 5,000 soldiers were deployed.", "More than 5,000 soldiers",
     kNone, 5000, kNone, Approx::kLowerBound, "More than", "soldiers",
     "soldier"},
    {"The ship carries at least 40 aircraft.", "at least 40 aircraft", kNone,
     40, kNone, Approx::kLowerBound, "at least", "aircraft", "aircraft"},
    {"Rescuers freed just over 20 miners.", "just over 20 miners", kNone, 20,
     kNone, Approx::kLowerBound, "just over", "miners", "miner"},
    {"Iran could field up to 60 missiles.", "up to 60 missiles", kNone, kNone,
     60, Approx::kUpperBound, "up to", "missiles", "missile"},
    {"Fewer than 30 students passed.", "Fewer than 30 students", kNone, kNone,
     30, Approx::kUpperBound, "Fewer than", "students", "student"},
    {"The lab employs no more than 12 chemists.", "no more than 12 chemists",
     kNone, kNone, 12, Approx::kUpperBound, "no more than", "chemists",
     "chemist"},
    {"At least one shell landed nearby.", "At least one shell", kNone, 1, kNone,
     Approx::kLowerBound, "At least", "shell", "shell"},
};
TEST(ExtractQuantitiesTest, ApproximationsAndBounds) { CheckAll(kBounds); }

constexpr Case kVague[] = {
    {"Iran killed thousands of demonstrators.", "thousands of demonstrators",
     kNone, kNone, kNone, Approx::kVague, "thousands of", "demonstrators",
     "demonstrator"},
    {"Tens of thousands of protesters marched.",
     "Tens of thousands of protesters", kNone, kNone, kNone, Approx::kVague,
     "Tens of thousands of", "protesters", "protester"},
    {"Dozens of homes were destroyed.", "Dozens of homes", kNone, kNone, kNone,
     Approx::kVague, "Dozens of", "homes", "home"},
    {"Millions of dollars were lost.", "Millions of dollars", kNone, kNone,
     kNone, Approx::kVague, "Millions of", "USD", "usd"},
    {"Several hundred workers went on strike.", "Several hundred workers",
     kNone, kNone, kNone, Approx::kVague, "Several hundred", "workers",
     "worker"},
};
TEST(ExtractQuantitiesTest, Vague) { CheckAll(kVague); }

constexpr Case kNumberWords[] = {
    {"Rebels seized three towns.", "three towns", 3, kNone, kNone,
     Approx::kExact, "", "towns", "town"},
    {"The army sent twenty-eight thousand troops.",
     "twenty-eight thousand troops", 28000, kNone, kNone, Approx::kExact, "",
     "troops", "troop"},
    {"A dozen journalists were detained.", "A dozen journalists", 12, kNone,
     kNone, Approx::kExact, "", "journalists", "journalist"},
    {"Police arrested two hundred and fifty people.",
     "two hundred and fifty people", 250, kNone, kNone, Approx::kExact, "",
     "people", "person"},
    {"The city gained half a million residents.", "half a million residents",
     5e5, kNone, kNone, Approx::kExact, "", "residents", "resident"},
};
TEST(ExtractQuantitiesTest, NumberWords) { CheckAll(kNumberWords); }

constexpr Case kScales[] = {
    {"Over 1 million people signed.", "Over 1 million people", kNone, 1e6,
     kNone, Approx::kLowerBound, "Over", "people", "person"},
    {"The country has 2 billion trees.", "2 billion trees", 2e9, kNone, kNone,
     Approx::kExact, "", "trees", "tree"},
    {"The race drew 25k runners.", "25k runners", 25000, kNone, kNone,
     Approx::kExact, "", "runners", "runner"},
    // An amount per unit of time is a rate (issue 10).
    {"Output hit 1.5 million barrels a day.", "1.5 million barrels a day",
     1.5e6, kNone, kNone, Approx::kExact, "", "barrels per day",
     "barrel per day"},
};
TEST(ExtractQuantitiesTest, ScaleWords) { CheckAll(kScales); }

constexpr Case kNegativesAndFractions[] = {
    {"Temperatures fell to -5 degrees.", "-5 degrees", -5, kNone, kNone,
     Approx::kExact, "", "degrees", "degree"},
    {"The index closed at minus 3 points.", "minus 3 points", -3, kNone, kNone,
     Approx::kExact, "", "points", "point"},
    // Fractions are proportions, parallel to percentages (GUIDELINES.md
    // section 1): unit "fraction"; the surface keeps what they are of.
    {"Two-thirds of voters backed it.", "Two-thirds of voters", 2.0 / 3, kNone,
     kNone, Approx::kExact, "", "fraction", "fraction"},
    {"A quarter of homes lack heating.", "A quarter of homes", 0.25, kNone,
     kNone, Approx::kExact, "", "fraction", "fraction"},
    {"Almost half of the pupils were absent.", "Almost half", 0.5, kNone, kNone,
     Approx::kAbout, "Almost", "fraction", "fraction"},
    {"One in five adults smokes daily.", "One in five adults", 0.2, kNone,
     kNone, Approx::kExact, "", "fraction", "fraction"},
    {"Two out of three doctors agreed.", "Two out of three doctors", 2.0 / 3,
     kNone, kNone, Approx::kExact, "", "fraction", "fraction"},
    {"A bloc larger than a third can block reforms.", "larger than a third",
     kNone, 1.0 / 3, kNone, Approx::kLowerBound, "larger than", "fraction",
     "fraction"},
    {"The drive took nearly half an hour.", "nearly half an hour", 0.5, kNone,
     kNone, Approx::kAbout, "nearly", "hour", "hour"},
    {"Rainfall was 0.75 inches.", "0.75 inches", 0.75, kNone, kNone,
     Approx::kExact, "", "inches", "in"},
};
TEST(ExtractQuantitiesTest, NegativesAndFractions) {
  CheckAll(kNegativesAndFractions);
}

constexpr Case kPercent[] = {
    {"Inflation rose 3.5% in March.", "3.5%", 3.5, kNone, kNone, Approx::kExact,
     "", "percent", "percent"},
    {"Turnout was 60 per cent.", "60 per cent", 60, kNone, kNone,
     Approx::kExact, "", "percent", "percent"},
    {"Support reached 41 percent.", "41 percent", 41, kNone, kNone,
     Approx::kExact, "", "percent", "percent"},
    {"Growth slowed to 1.2pc last year.", "1.2pc", 1.2, kNone, kNone,
     Approx::kExact, "", "percent", "percent"},
    {"Unemployment fell 2 percentage points.", "2 percentage points", 2, kNone,
     kNone, Approx::kExact, "", "percentage points", "percentage point"},
    {"Turnout was less than one percent.", "less than one percent", kNone,
     kNone, 1, Approx::kUpperBound, "less than", "percent", "percent"},
};
TEST(ExtractQuantitiesTest, PercentagesAndPoints) { CheckAll(kPercent); }

constexpr Case kMoney[] = {
    {"The fund lost $2.5bn in the crisis.", "$2.5bn", 2.5e9, kNone, kNone,
     Approx::kExact, "", "USD", "usd"},
    {"The deal is worth $1.5 million.", "$1.5 million", 1.5e6, kNone, kNone,
     Approx::kExact, "", "USD", "usd"},
    {"He earned \xC2\xA3"
     "40,000 a year.",
     "\xC2\xA3"
     "40,000 a year",
     40000, kNone, kNone, Approx::kExact, "", "GBP per year", "gbp per year"},
    {"The project cost \xE2\x82\xAC"
     "3m.",
     "\xE2\x82\xAC"
     "3m",
     3e6, kNone, kNone, Approx::kExact, "", "EUR", "eur"},
    {"The bank raised EUR50m in bonds.", "EUR50m", 5e7, kNone, kNone,
     Approx::kExact, "", "EUR", "eur"},
    {"Tickets cost HK$100 each.", "HK$100", 100, kNone, kNone, Approx::kExact,
     "", "HKD", "hkd"},
    {"It was valued at US$2.5 billion.", "US$2.5 billion", 2.5e9, kNone, kNone,
     Approx::kExact, "", "USD", "usd"},
    {"The fine was 500 euros.", "500 euros", 500, kNone, kNone, Approx::kExact,
     "", "EUR", "eur"},
    {"Aid topped $3 trillion.", "$3 trillion", 3e12, kNone, kNone,
     Approx::kExact, "", "USD", "usd"},
};
TEST(ExtractQuantitiesTest, Money) { CheckAll(kMoney); }

constexpr Case kUnits[] = {
    {"Trump struck three Iranian nuclear sites.", "three Iranian nuclear sites",
     3, kNone, kNone, Approx::kExact, "", "nuclear sites", "nuclear site"},
    {"It has 60 intercontinental ballistic missiles by now.",
     "60 intercontinental ballistic missiles", 60, kNone, kNone, Approx::kExact,
     "", "intercontinental ballistic missiles",
     "intercontinental ballistic missile"},
    {"Floods displaced 400 families in the north.", "400 families", 400, kNone,
     kNone, Approx::kExact, "", "families", "family"},
    {"They housed 12 children there.", "12 children", 12, kNone, kNone,
     Approx::kExact, "", "children", "child"},
    {"The camp holds 500 Americans.", "500 Americans", 500, kNone, kNone,
     Approx::kExact, "", "Americans", "american"},
    {"The cyclone hit with 190 km winds.", "190 km", 190, kNone, kNone,
     Approx::kExact, "", "km", "km"},
};
TEST(ExtractQuantitiesTest, CountedThingAndUnitKey) { CheckAll(kUnits); }

constexpr Case kMoreMoney[] = {
    {"The contract is worth RM2.5 billion.", "RM2.5 billion", 2.5e9, kNone,
     kNone, Approx::kExact, "", "MYR", "myr"},
    {"The grant was NZ $ 26 million.", "NZ $ 26 million", 2.6e7, kNone, kNone,
     Approx::kExact, "", "NZD", "nzd"},
    {"Fares rose to A$4.50 this week.", "A$4.50", 4.5, kNone, kNone,
     Approx::kExact, "", "AUD", "aud"},
    {"The club was fined 300,000 ringgit.", "300,000 ringgit", 3e5, kNone,
     kNone, Approx::kExact, "", "MYR", "myr"},
    {"Bids stayed under $250,000 all day.", "under $250,000", kNone, kNone,
     2.5e5, Approx::kUpperBound, "under", "USD", "usd"},
};
TEST(ExtractQuantitiesTest, MoreMoneyForms) { CheckAll(kMoreMoney); }

// Units of measure: written unit kept, unit_key is the unit's symbol.
constexpr Case kMeasures[] = {
    {"The storm had winds of 190 kilometers per hour.",
     "190 kilometers per hour", 190, kNone, kNone, Approx::kExact, "",
     "kilometers per hour", "km/h"},
    {"Gusts reached 200 km / h near the coast.", "200 km / h", 200, kNone,
     kNone, Approx::kExact, "", "km / h", "km/h"},
    {"The convoy drove 300 miles overnight.", "300 miles", 300, kNone, kNone,
     Approx::kExact, "", "miles", "mi"},
    {"A 15 meter wall now rings the port.", "15 meter", 15, kNone, kNone,
     Approx::kExact, "", "meter", "m"},
    {"The park covers 240,000 square meter grounds.", "240,000 square meter",
     240000, kNone, kNone, Approx::kExact, "", "square meter", "m2"},
    {"The hull weighs 40 tonnes empty.", "40 tonnes", 40, kNone, kNone,
     Approx::kExact, "", "tonnes", "t"},
    {"Ticket sales grew a thousand fold.", "a thousand fold", 1000, kNone,
     kNone, Approx::kExact, "", "fold", "fold"},
};
TEST(ExtractQuantitiesTest, UnitsOfMeasure) { CheckAll(kMeasures); }

TEST(ComparableUnitKeysTest, SameMeasureOrJustTheKey) {
  const std::vector<std::string> lengths = ComparableUnitKeys("km");
  ASSERT_FALSE(lengths.empty());
  EXPECT_EQ(lengths.front(), "km");
  EXPECT_THAT(lengths, ::testing::IsSupersetOf({"m", "mi", "ft"}));
  EXPECT_THAT(lengths, ::testing::Not(::testing::Contains("kg")));
  EXPECT_EQ(ComparableUnitKeys("ballistic missile"),
            std::vector<std::string>{"ballistic missile"});
  EXPECT_EQ(ComparableUnitKeys("usd"), std::vector<std::string>{"usd"});
}

TEST(CanonicalUnitTest, ConvertsMeasuresOnly) {
  struct {
    const char* key;
    const char* canonical;
    double factor;
  } const kCases[] = {{"km", "m", 1000},
                      {"mi", "m", 1609.344},
                      {"m", "m", 1},
                      {"kilometre", "m", 1000},
                      {"km/h", "m/s", 1 / 3.6},
                      {"mph", "m/s", 0.44704},
                      {"kg", "kg", 1},
                      {"lb", "kg", 0.45359237},
                      {"t", "kg", 1000},
                      {"m2", "m2", 1},
                      {"ha", "m2", 1e4},
                      {"hour", "s", 3600},
                      {"day", "s", 86400},
                      {"l", "m3", 1e-3},
                      {"MW", "W", 1e6}};
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.key);
    std::string canonical;
    double factor = 0;
    ASSERT_TRUE(CanonicalUnit(c.key, &canonical, &factor));
    EXPECT_EQ(canonical, c.canonical);
    EXPECT_NEAR(factor, c.factor, c.factor * 1e-12);
  }
  for (const char* key : {"missile", "usd", "percent", "fraction", ""}) {
    std::string canonical;
    double factor = 0;
    EXPECT_FALSE(CanonicalUnit(key, &canonical, &factor)) << key;
  }
  // The same distance written two ways compares equal once converted.
  EXPECT_EQ(UnitKey("kilometres"), UnitKey("km"));
  EXPECT_EQ(UnitKey("Miles per hour"), "mph");
  EXPECT_EQ(UnitKey("ballistic missiles"), "ballistic missile");
}

// Qualifiers written after the number, and bounds named by a verb.
constexpr Case kMoreQualifiers[] = {
    {"The blast killed 40 or more people.", "40 or more people", kNone, 40,
     kNone, Approx::kLowerBound, "or more", "people", "person"},
    {"The forum now has 500 + members.", "500 + members", kNone, 500, kNone,
     Approx::kLowerBound, "+", "members", "member"},
    {"The army will respond within 48 hours.", "within 48 hours", kNone, kNone,
     48, Approx::kUpperBound, "within", "hours", "hour"},
    {"Losses exceeded 10% of output.", "exceeded 10%", kNone, 10, kNone,
     Approx::kLowerBound, "exceeded", "percent", "percent"},
    {"She waited a couple of hours.", "a couple of hours", 2, kNone, kNone,
     Approx::kAbout, "a couple of", "hours", "hour"},
    {"The vote drew only 12 percent.", "only 12 percent", 12, kNone, kNone,
     Approx::kExact, "only", "percent", "percent"},
    {"The quake killed 2,000 and as many as 5,000 people.",
     "2,000 and as many as 5,000 people", kNone, 2000, 5000, Approx::kRange,
     "as many as", "people", "person"},
};
TEST(ExtractQuantitiesTest, MoreQualifiers) { CheckAll(kMoreQualifiers); }

// Counts after determiners, "one", year-like numbers, compound modifiers.
constexpr Case kCounts[] = {
    {"All nine climbers reached the summit.", "nine climbers", 9, kNone, kNone,
     Approx::kExact, "", "climbers", "climber"},
    {"The four remaining bidders debated.", "four remaining bidders", 4, kNone,
     kNone, Approx::kExact, "", "remaining bidders", "remaining bidder"},
    {"He spent the last three months in hiding.", "three months", 3, kNone,
     kNone, Approx::kExact, "", "months", "month"},
    {"The jet fired one missile at the ship.", "one missile", 1, kNone, kNone,
     Approx::kExact, "", "missile", "missile"},
    {"There was just one survivor.", "just one survivor", 1, kNone, kNone,
     Approx::kExact, "just", "survivor", "survivor"},
    {"The study followed 1850 patients closely.", "1850 patients", 1850, kNone,
     kNone, Approx::kExact, "", "patients", "patient"},
    {"The region has 5m people.", "5m people", 5e6, kNone, kNone,
     Approx::kExact, "", "people", "person"},
    {"A 24 hour strike began.", "24 hour", 24, kNone, kNone, Approx::kExact, "",
     "hour", "hour"},
    {"The nine - member board resigned.", "nine - member", 9, kNone, kNone,
     Approx::kExact, "", "member", "member"},
    {"Seventeen years ago the dam burst.", "Seventeen years", 17, kNone, kNone,
     Approx::kExact, "", "years", "year"},
    {"The talks involved two other delegations.", "two other delegations", 2,
     kNone, kNone, Approx::kExact, "", "delegations", "delegation"},
    {"The army fired dozens of rounds of artillery.",
     "dozens of rounds of artillery", kNone, kNone, kNone, Approx::kVague,
     "dozens of", "rounds of artillery", "rounds of artillery"},
    {"She wrote two collections of short stories.",
     "two collections of short stories", 2, kNone, kNone, Approx::kExact, "",
     "collections of short stories", "collections of short story"},
    {"The museum holds 3,000 paintings and other artworks.",
     "3,000 paintings and other artworks", 3000, kNone, kNone, Approx::kExact,
     "", "paintings and other artworks", "paintings and other artwork"},
};
TEST(ExtractQuantitiesTest, CountsInContext) { CheckAll(kCounts); }

// A number whose counted noun is elided: the unit is recovered from the
// verb, the group it belongs to, or the claim before it.
struct ElidedCase {
  const char* text;
  int index;  // which claim of the text
  const char* surface;
  const char* unit;
};

constexpr ElidedCase kElided[] = {
    {"Gunmen attacked the market, killing 12 and wounding 30.", 0, "12",
     "people"},
    {"Gunmen attacked the market, killing 12 and wounding 30.", 1, "30",
     "people"},
    {"The bus crashed, killing all six aboard.", 0, "six", "people"},
    {"Coast guards rescued 300 migrants, and fishermen saved 50 more.", 1, "50",
     "migrants"},
    {"About 5,000 Kurds live in the town. Activists say that number is closer "
     "to 8,000.",
     1, "closer to 8,000", "Kurds"},
    {"The chairman of the inquiry's panel of nine resigned.", 0, "nine",
     "members"},
    {"We met the whole staff, all fifteen of us.", 0, "fifteen", "people"},
    {"The late fees pushed unpaid invoices over 4,000 this spring.", 0,
     "over 4,000", "unpaid invoices"},
    {"The fair drew thousands to the park.", 0, "thousands", "people"},
};

TEST(ExtractQuantitiesTest, ElidedCountedNoun) {
  for (const ElidedCase& c : kElided) {
    SCOPED_TRACE(c.text);
    std::vector<Quantity> got = ExtractQuantities(c.text, {});
    ASSERT_GT(got.size(), static_cast<size_t>(c.index));
    EXPECT_EQ(got[c.index].surface, c.surface);
    EXPECT_EQ(got[c.index].unit, c.unit);
  }
}

// Context fields: subject, time and asserter of the one claim.
struct ContextCase {
  const char* text;
  const char* surface;
  const char* subject;
  const char* time;
  const char* asserted_by;
};

constexpr ContextCase kContext[] = {
    {"Iran was estimated to have had 3,000 missiles last year.",
     "3,000 missiles", "Iran", "last year", ""},
    {"A Defense Intelligence Agency report released last year said that Iran "
     "could field up to 60 missiles by 2035.",
     "up to 60 missiles", "Iran", "by 2035",
     "A Defense Intelligence Agency report"},
    {"President Trump ordered strikes on three sites last June.", "three sites",
     "President Trump", "last June", ""},
    {"In 2019, the firm hired 300 engineers.", "300 engineers", "", "In 2019",
     ""},
    {"The ministry said 40 people died, according to Reuters.", "40 people", "",
     "", "Reuters"},
    {"Officials counted 70 bodies, Mr. Smith's office said.", "70 bodies",
     "Officials", "", "Mr. Smith's office"},
    {"The Pentagon said Russia lost 500 tanks in June 2023.", "500 tanks",
     "Russia", "in June 2023", "The Pentagon"},
};

TEST(ExtractQuantitiesTest, SubjectTimeAndAssertedBy) {
  for (const ContextCase& c : kContext) {
    SCOPED_TRACE(c.text);
    std::vector<Quantity> got = ExtractQuantities(c.text, {});
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].surface, c.surface);
    EXPECT_EQ(got[0].subject, c.subject);
    EXPECT_EQ(got[0].time, c.time);
    EXPECT_EQ(got[0].asserted_by, c.asserted_by);
  }
}

TEST(ExtractQuantitiesTest, InQuote) {
  const std::string text =
      "Troops crossed with 40 tanks. \"We have 500 tanks,\" the general said. "
      "\"No more,\" she said.";
  const size_t open = text.find("We have");
  Quote first;
  first.text = "We have 500 tanks,";
  first.span = {static_cast<uint32_t>(open),
                static_cast<uint32_t>(open + first.text.size())};
  first.speaker = "Ivan Petrov";
  const size_t open2 = text.find("No more");
  Quote second;
  second.text = "No more,";
  second.span = {static_cast<uint32_t>(open2),
                 static_cast<uint32_t>(open2 + second.text.size())};
  std::vector<Quantity> got = ExtractQuantities(text, {first, second});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].surface, "40 tanks");
  EXPECT_EQ(got[0].quote_index, -1);
  EXPECT_EQ(got[1].surface, "500 tanks");
  EXPECT_EQ(got[1].quote_index, 0);
  EXPECT_EQ(got[1].asserted_by, "Ivan Petrov");
}

// Sentences that hold no numeric claim at all.
constexpr const char* kNonClaims[] = {
    "The Washington Times - Sunday, February 8, 2026",
    "The bill passed on February 8, 2026.",
    "Talks resume on 12 March in Oman.",
    "The plan runs until 2035.",
    "In 1999 the treaty was signed.",
    "He finished in third place on the 1st lap.",
    "Section 427 of the law applies, as in Game 6.",
    "Call 555-1234 now.",
    "The 5G network was slowed by COVID-19.",
    "The F-35 jet and the G7 summit.",
    "It is one of the most advanced programs.",
    "No one came. I like the latter one.",
    "The meeting starts at 10:30 and ends at 3 p.m.",
    "The two sides met on Friday.",
    "Spain beat Italy 3-1 in the final.",
    "Version 3.9.1 fixed it.",
    "Traffic grew over 2000 - 2050 in the model.",
    "The 1990s were calm; the attacks of 9/11 were not.",
    "Dial 0800 123 456 for help.",
    "The U.S. and Iran met in Oman.",
    // References, not counts.
    "The two leaders shook hands.",
    "The three were released later.",
    "One morning the rain stopped.",
    "One reader wrote in to complain.",
    "The 2019 elections were close.",
    // Ages are claims of kind kAge now: see number_forms_test.cc.
    // Counterfactuals are not asserted.
    "Had the storm hit an hour later, more than 500 homes would have flooded.",
    "We could've scored two or three goals.",
    "Would you then print two editions?",
};

TEST(ExtractQuantitiesTest, NonClaims) {
  for (const char* text : kNonClaims) {
    SCOPED_TRACE(text);
    std::vector<Quantity> got = ExtractQuantities(text, {});
    EXPECT_TRUE(got.empty()) << got[0].surface;
  }
}

// Changes with a direction give both numbers, not a range.
struct ChangeCase {
  const char* text;
  const char* first_surface;
  double first_value;
  const char* first_unit;
  const char* second_surface;
  double second_value;
};

constexpr ChangeCase kChanges[] = {
    {"Sales rose 60% to 3.9 million units.", "60%", 60, "percent",
     "3.9 million units", 3.9e6},
    {"The population fell from 208 to 193.", "208", 208, "", "193", 193},
    {"Deaths rose from 20 to 35 people.", "20", 20, "", "35 people", 35},
};

TEST(ExtractQuantitiesTest, ChangesWithDirection) {
  for (const ChangeCase& c : kChanges) {
    SCOPED_TRACE(c.text);
    std::vector<Quantity> got = ExtractQuantities(c.text, {});
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].surface, c.first_surface);
    ASSERT_TRUE(got[0].value.has_value());
    EXPECT_DOUBLE_EQ(*got[0].value, c.first_value);
    EXPECT_EQ(got[0].unit, c.first_unit);
    EXPECT_EQ(got[1].surface, c.second_surface);
    ASSERT_TRUE(got[1].value.has_value());
    EXPECT_DOUBLE_EQ(*got[1].value, c.second_value);
    EXPECT_NE(got[0].approx, Approx::kRange);
  }
}

// Any bytes: no crash and every span inside the text.
TEST(ExtractQuantitiesTest, ToleratesAnyBytes) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) {
    junk.push_back(static_cast<char>((i * 131 + 7) % 256));
    if (i % 17 == 0) junk += " 1,5 $ -3 k of thousands of";
  }
  for (const Quantity& q : ExtractQuantities(junk, {})) {
    EXPECT_LE(q.span.end, junk.size());
    EXPECT_LE(q.span.begin, q.span.end);
  }
  EXPECT_TRUE(ExtractQuantities("", {}).empty());
  EXPECT_TRUE(ExtractQuantities("$", {}).empty());
}

// Regression (fuzzer, tests/fuzz/regressions/): a range cut off at the end
// of the text made the "and as many as" look-ahead read past the tokens.
TEST(ExtractQuantitiesTest, RangeAtTheVeryEndOfTheText) {
  for (absl::string_view text :
       {"Iran had between 2,000 and 3,000", "between 2,000 and",
        "between 2,000 and 3", "10,000 and as many", "10,000 and"}) {
    SCOPED_TRACE(text);
    for (const Quantity& q : ExtractQuantities(text, {})) {
      EXPECT_LE(q.span.end, text.size());
    }
  }
  std::vector<Quantity> got =
      ExtractQuantities("Iran had between 2,000 and 3,000", {});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].low, 2000);
  EXPECT_EQ(got[0].high, 3000);
}

}  // namespace
}  // namespace claimcheck::extract
