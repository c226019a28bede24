#include "client/table.h"

#include <string>

#include "absl/strings/string_view.h"
#include "client/utf8.h"
#include "gtest/gtest.h"

namespace claimcheck {
namespace {

struct WidthCase {
  absl::string_view text;
  int width;
};

constexpr WidthCase kWidthCases[] = {
    {"", 0},
    {"abc", 3},
    {"caf\xC3\xA9", 4},                // café, precomposed
    {"cafe\xCC\x81", 4},               // café, combining acute: 0 wide
    {"\xE2\x80\x9Cq\xE2\x80\x9D", 3},  // “q”
    {"\xE4\xB8\xAD\xE6\x96\x87", 4},   // 中文: wide
    {"\xF0\x9F\x98\x80", 2},           // 😀: wide
    {"a\xE2\x80\x8B"
     "b",
     2},  // zero-width space
    {"\xFF"
     "a",
     2},  // invalid byte counts as 1
};

TEST(Utf8Test, DisplayWidth) {
  for (const WidthCase& c : kWidthCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(DisplayWidth(c.text), c.width);
  }
}

struct TruncateCase {
  absl::string_view text;
  int max_width;
  absl::string_view want;
};

constexpr TruncateCase kTruncateCases[] = {
    {"short", 10, "short"},
    {"exactly10!", 10, "exactly10!"},
    {"hello world", 8, "hello w\xE2\x80\xA6"},
    {"hello world", 7, "hello\xE2\x80\xA6"},  // trailing space dropped
    {"abc", 1, "\xE2\x80\xA6"},
    {"abc", 0, ""},
    // Never inside a multi-byte sequence: "é" (2 bytes) is kept whole or
    // dropped whole.
    {"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3, "\xC3\xA9\xC3\xA9\xE2\x80\xA6"},
    // Curly quotes (3 bytes each).
    {"\xE2\x80\x9Cnever negotiable\xE2\x80\x9D", 8,
     "\xE2\x80\x9Cnever\xE2\x80\xA6"},
    // A wide character that does not fit in the last column is dropped.
    {"\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 4, "\xE4\xB8\xAD\xE2\x80\xA6"},
    // A combining mark stays with its base character.
    {"e\xCC\x81tude longue", 3, "e\xCC\x81t\xE2\x80\xA6"},
};

TEST(Utf8Test, TruncateToWidthCutsOnCodePoints) {
  for (const TruncateCase& c : kTruncateCases) {
    SCOPED_TRACE(c.text);
    const std::string got = TruncateToWidth(c.text, c.max_width);
    EXPECT_EQ(got, c.want);
    EXPECT_TRUE(IsValidUtf8(got));
    EXPECT_LE(DisplayWidth(got), std::max(c.max_width, 0));
  }
}

TEST(Utf8Test, TruncateEveryWidthKeepsValidUtf8) {
  const std::string text =
      "Iran\xE2\x80\x99s \xE2\x80\x9Cnever negotiable\xE2\x80\x9D "
      "\xE4\xB8\xAD\xE6\x96\x87 cafe\xCC\x81 \xF0\x9F\x98\x80!";
  for (int width = 0; width <= DisplayWidth(text) + 1; ++width) {
    SCOPED_TRACE(width);
    const std::string got = TruncateToWidth(text, width);
    EXPECT_TRUE(IsValidUtf8(got));
    EXPECT_LE(DisplayWidth(got), width);
  }
}

struct ValidCase {
  absl::string_view text;
  bool valid;
  size_t bad_offset;
};

constexpr ValidCase kValidCases[] = {
    {"plain", true, 0},
    {"\xE2\x80\x9C", true, 0},
    {"ab\xE2\x80", false, 2},        // truncated sequence
    {"\xC0\xAF", false, 0},          // overlong '/'
    {"x\xED\xA0\x80", false, 1},     // surrogate U+D800
    {"\xF4\x90\x80\x80", false, 0},  // above U+10FFFF
    {"\x80", false, 0},              // lone continuation byte
};

TEST(Utf8Test, IsValidUtf8) {
  for (const ValidCase& c : kValidCases) {
    SCOPED_TRACE(c.text);
    size_t bad = 0;
    EXPECT_EQ(IsValidUtf8(c.text, &bad), c.valid);
    if (!c.valid) {
      EXPECT_EQ(bad, c.bad_offset);
    }
  }
}

TEST(TableTest, AlignsColumnsByDisplayWidth) {
  Table table({{"SCORE", Table::Align::kRight}, "SPEAKER", "QUOTE"});
  table.AddRow(
      {"1.00", "Abbas Araghchi", "\xE2\x80\x9Cnever negotiable\xE2\x80\x9D"});
  table.AddRow({"0.5", "Jos\xC3\xA9", "x"});
  EXPECT_EQ(table.Render(),
            "SCORE  SPEAKER         QUOTE\n"
            " 1.00  Abbas Araghchi  \xE2\x80\x9Cnever negotiable\xE2\x80\x9D\n"
            "  0.5  Jos\xC3\xA9            x\n");
}

TEST(TableTest, TruncatesToMaxWidthWithEllipsis) {
  Table table({"ID", {"QUOTE", 10}});
  table.AddRow({"q1", "There is a long way to go to build trust,"});
  table.AddRow({"q2", "short"});
  EXPECT_EQ(table.Render(),
            "ID  QUOTE\n"
            "q1  There is\xE2\x80\xA6\n"
            "q2  short\n");
}

TEST(TableTest, ControlCharactersBecomeSpacesAndMissingCellsAreEmpty) {
  Table table({"A", "B", "C"});
  table.AddRow({"line\nbreak", "tab\there"});
  table.AddRow({"x", "y", "z", "dropped"});
  EXPECT_EQ(table.Render(),
            "A           B         C\n"
            "line break  tab here\n"
            "x           y         z\n");
}

TEST(TableTest, ShrinksWidestLeftColumnsToFitTotalWidth) {
  Table table({{"N", Table::Align::kRight}, "TEXT"});
  table.AddRow({"1", "abcdefghijklmnopqrstuvwxyz"});
  const std::string got = table.Render(/*total_width=*/15);
  EXPECT_EQ(got,
            "N  TEXT\n"
            "1  abcdefghijk\xE2\x80\xA6\n");
  for (size_t start = 0, end;
       (end = got.find('\n', start)) != std::string::npos; start = end + 1) {
    EXPECT_LE(DisplayWidth(absl::string_view(got).substr(start, end - start)),
              15);
  }
}

TEST(TableTest, NeverShrinksBelowMinimum) {
  Table table({"TEXT"});
  table.AddRow({"abcdefghijklmnop"});
  EXPECT_EQ(table.Render(/*total_width=*/3),
            "TEXT\n"
            "abcdefg\xE2\x80\xA6\n");
}

TEST(TableTest, HeaderOnlyWhenEmpty) {
  Table table({"A", "B"});
  EXPECT_EQ(table.num_rows(), 0u);
  EXPECT_EQ(table.Render(), "A  B\n");
}

}  // namespace
}  // namespace claimcheck
