#include "server/api/validate.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace claimcheck::api {
namespace {

using ::claimcheck::testing::StatusIs;

using ::testing::HasSubstr;

struct DateCase {
  const char* value;
  bool ok;
};
constexpr DateCase kDates[] = {
    {"", true},
    {"2026-02-08", true},
    {"2024-02-29", true},
    {"2023-02-29", false},
    {"2026-13-01", false},
    {"2026-00-10", false},
    {"2026-04-31", false},
    {"26-02-08", false},
    {"2026/02/08", false},
    {"2026-02-08T00:00", false},
    {"abcd-ef-gh", false},
};

TEST(CheckDateTest, AcceptsOnlyRealCalendarDates) {
  for (const DateCase& c : kDates) {
    SCOPED_TRACE(c.value);
    absl::Status s = CheckDate("published_date", c.value);
    EXPECT_EQ(s.ok(), c.ok) << s;
    if (!c.ok) {
      EXPECT_THAT(s.message(), HasSubstr("published_date"));
    }
  }
}

struct PageCase {
  int requested;
  int want;  // -1: error
};
constexpr PageCase kPages[] = {{0, 50},    {1, 1},        {500, 500},
                               {501, 500}, {100000, 500}, {-1, -1}};

TEST(PageSizeTest, DefaultsClampsAndRejectsNegative) {
  for (const PageCase& c : kPages) {
    SCOPED_TRACE(c.requested);
    absl::StatusOr<int> got = PageSize("page_size", c.requested, 50, 500);
    if (c.want < 0) {
      EXPECT_THAT(got, StatusIs(absl::StatusCode::kInvalidArgument));
      EXPECT_THAT(got.status().message(), HasSubstr("page_size"));
    } else {
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(*got, c.want);
    }
  }
}

TEST(CheckArticleTest, NamesTheBadField) {
  Limits limits;
  limits.max_text_bytes = 100;
  struct Case {
    const char* what;
    void (*mutate)(v1::ArticleInput*);
    absl::StatusCode code;
    const char* field;
  };
  const Case cases[] = {
      {"ok", [](v1::ArticleInput*) {}, absl::StatusCode::kOk, ""},
      {"empty text", [](v1::ArticleInput* a) { a->clear_text(); },
       absl::StatusCode::kInvalidArgument, "article.text"},
      {"blank text", [](v1::ArticleInput* a) { a->set_text(" \n\t "); },
       absl::StatusCode::kInvalidArgument, "article.text"},
      {"huge text",
       [](v1::ArticleInput* a) { a->set_text(std::string(101, 'x')); },
       absl::StatusCode::kResourceExhausted, "article.text"},
      {"bad utf8", [](v1::ArticleInput* a) { a->set_text("a\xff b"); },
       absl::StatusCode::kInvalidArgument, "article.text"},
      {"overlong utf8", [](v1::ArticleInput* a) { a->set_text("\xc0\xaf"); },
       absl::StatusCode::kInvalidArgument, "article.text"},
      {"no outlet", [](v1::ArticleInput* a) { a->clear_outlet(); },
       absl::StatusCode::kInvalidArgument, "article.outlet"},
      {"ftp url", [](v1::ArticleInput* a) { a->set_url("ftp://x/y"); },
       absl::StatusCode::kInvalidArgument, "article.url"},
      {"bad date", [](v1::ArticleInput* a) { a->set_published_date("soon"); },
       absl::StatusCode::kInvalidArgument, "article.published_date"},
      {"bad title", [](v1::ArticleInput* a) { a->set_title("\xed\xa0\x80"); },
       absl::StatusCode::kInvalidArgument, "article.title"},
      {"only no-break spaces",
       [](v1::ArticleInput* a) { a->set_text("\xc2\xa0\xc2\xa0\n\xc2\xa0"); },
       absl::StatusCode::kInvalidArgument, "article.text"},
      {"only ideographic spaces",
       [](v1::ArticleInput* a) { a->set_text("\xe3\x80\x80\xe3\x80\x80"); },
       absl::StatusCode::kInvalidArgument, "article.text"},
      {"only zero-width and thin spaces",
       [](v1::ArticleInput* a) { a->set_text("\xe2\x80\x8b\xe2\x80\x89 "); },
       absl::StatusCode::kInvalidArgument, "article.text"},
      {"no-break space around words is fine",
       [](v1::ArticleInput* a) { a->set_text("\xc2\xa0Hello\xc2\xa0world"); },
       absl::StatusCode::kOk, ""},
      {"scheme only", [](v1::ArticleInput* a) { a->set_url("https://"); },
       absl::StatusCode::kInvalidArgument, "article.url"},
      {"url with a space",
       [](v1::ArticleInput* a) { a->set_url("https://example.com/a b"); },
       absl::StatusCode::kInvalidArgument, "article.url"},
      {"url with a newline",
       [](v1::ArticleInput* a) { a->set_url("https://example.com/a\nb"); },
       absl::StatusCode::kInvalidArgument, "article.url"},
      {"url with a NUL",
       [](v1::ArticleInput* a) {
         a->set_url(std::string("https://ex.com/\0a", 16));
       },
       absl::StatusCode::kInvalidArgument, "article.url"},
      {"url with no host", [](v1::ArticleInput* a) { a->set_url("http:///x"); },
       absl::StatusCode::kInvalidArgument, "article.url"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    v1::ArticleInput a;
    a.set_text("\"Hello,\" she said.");
    a.set_outlet("Example");
    a.set_url("https://example.com/a");
    a.set_published_date("2026-01-02");
    c.mutate(&a);
    absl::Status s = CheckArticle("article", a, limits);
    EXPECT_EQ(s.code(), c.code) << s;
    EXPECT_THAT(s.message(), HasSubstr(c.field));
  }
}

TEST(CheckDateRangeTest, FromAfterToIsInvalidArgument) {
  EXPECT_TRUE(CheckDateRange("", "").ok());
  EXPECT_TRUE(CheckDateRange("2026-01-01", "2026-01-01").ok());
  EXPECT_TRUE(CheckDateRange("2026-01-01", "").ok());
  const absl::Status s = CheckDateRange("2026-02-01", "2026-01-01");
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(s.message(), HasSubstr("from_date is after to_date"));
  EXPECT_THAT(CheckDateRange("soon", "").message(), HasSubstr("from_date"));
  EXPECT_THAT(CheckDateRange("", "later").message(), HasSubstr("to_date"));
}

TEST(CheckQueryTextTest, NeedsWords) {
  Limits limits;
  EXPECT_TRUE(CheckQueryText("text", "very good", limits).ok());
  EXPECT_THAT(CheckQueryText("text", "", limits),
              StatusIs(absl::StatusCode::kInvalidArgument));
  absl::Status s = CheckQueryText("text", " \"...\" ", limits);
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(s.message(), HasSubstr("text"));
}

}  // namespace
}  // namespace claimcheck::api
