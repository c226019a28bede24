#include "server/extract/names_lexicon.h"

#include <cstring>
#include <initializer_list>

#include "absl/container/flat_hash_map.h"
#include "server/extract/text_scan.h"
#include "server/extract/word_table.h"

namespace claimcheck::extract {
namespace {

constexpr absl::string_view kHonorifics[] = {
    "mr",   "mrs",  "ms",   "miss",   "dr",   "adm", "gen",  "sen",  "rep",
    "gov",  "lt",   "col",  "sgt",    "capt", "maj", "prof", "rev",  "sir",
    "dame", "pres", "cmdr", "brig",   "atty", "hon", "supt", "insp", "det",
    "cpl",  "pvt",  "amb",  "messrs", "fr",   "del"};

constexpr absl::string_view kRoleWords[] = {"minister",
                                            "president",
                                            "secretary",
                                            "envoy",
                                            "senator",
                                            "governor",
                                            "mayor",
                                            "chancellor",
                                            "king",
                                            "queen",
                                            "prince",
                                            "princess",
                                            "pope",
                                            "judge",
                                            "justice",
                                            "ambassador",
                                            "ceo",
                                            "chairman",
                                            "chairwoman",
                                            "chair",
                                            "leader",
                                            "representative",
                                            "congressman",
                                            "congresswoman",
                                            "commissioner",
                                            "commander",
                                            "general",
                                            "admiral",
                                            "sergeant",
                                            "captain",
                                            "colonel",
                                            "lieutenant",
                                            "major",
                                            "professor",
                                            "director",
                                            "spokesman",
                                            "spokeswoman",
                                            "spokesperson",
                                            "attorney",
                                            "premier",
                                            "chief",
                                            "deputy",
                                            "vice",
                                            "assistant",
                                            "speaker",
                                            "coach",
                                            "manager",
                                            "officer",
                                            "inspector",
                                            "superintendent",
                                            "sheriff",
                                            "bishop",
                                            "archbishop",
                                            "cardinal",
                                            "administrator",
                                            "curator",
                                            "undersecretary",
                                            "editor",
                                            "rabbi",
                                            "imam",
                                            "ayatollah",
                                            "sheikh",
                                            "emir",
                                            "sultan",
                                            "councillor",
                                            "councilman",
                                            "councilwoman",
                                            "lawmaker",
                                            "candidate",
                                            "founder",
                                            "executive",
                                            "economist",
                                            "analyst",
                                            "adviser",
                                            "advisor",
                                            "counsel",
                                            "prosecutor",
                                            "detective",
                                            "constable",
                                            "marshal",
                                            "dean",
                                            "provost",
                                            "rector",
                                            "editor",
                                            "correspondent",
                                            "producer",
                                            "minister-president"};

constexpr absl::string_view kRoleNouns[] = {
    "minister",       "president",     "secretary",     "envoy",
    "senator",        "governor",      "mayor",         "chancellor",
    "king",           "queen",         "pope",          "judge",
    "ambassador",     "chairman",      "chairwoman",    "leader",
    "congressman",    "congresswoman", "commissioner",  "commander",
    "general",        "admiral",       "sergeant",      "captain",
    "colonel",        "professor",     "director",      "spokesman",
    "spokeswoman",    "spokesperson",  "premier",       "chief",
    "coach",          "manager",       "sheriff",       "bishop",
    "prosecutor",     "lawmaker",      "executive",     "ceo",
    "representative", "prince",        "princess",      "doctor",
    "justice",        "candidate",     "founder",       "officer",
    "inspector",      "head",          "administrator", "curator",
    "undersecretary", "editor",        "chairperson",   "official",
    "pollster",       "author",        "co-author",     "researcher",
    "scientist",      "lawyer",        "owner",         "neighbour",
    "neighbor",       "resident",      "organizer",     "organiser",
    "economist",      "analyst",       "activist",      "historian",
    "biologist",      "constable",     "councillor",    "detective",
    "witness",        "nominee",       "businessman",   "businesswoman",
    "strategist",     "adviser",       "advisor",       "aide",
    "attorney",       "consultant"};

constexpr absl::string_view kOrgWords[] = {"ministry",
                                           "department",
                                           "agency",
                                           "office",
                                           "council",
                                           "committee",
                                           "party",
                                           "government",
                                           "police",
                                           "army",
                                           "navy",
                                           "university",
                                           "college",
                                           "association",
                                           "inc",
                                           "corp",
                                           "corporation",
                                           "company",
                                           "bank",
                                           "court",
                                           "commission",
                                           "union",
                                           "organization",
                                           "organisation",
                                           "institute",
                                           "foundation",
                                           "group",
                                           "times",
                                           "news",
                                           "post",
                                           "press",
                                           "network",
                                           "ltd",
                                           "llc",
                                           "co",
                                           "board",
                                           "service",
                                           "authority",
                                           "administration",
                                           "command",
                                           "forces",
                                           "force",
                                           "guard",
                                           "council",
                                           "parliament",
                                           "congress",
                                           "senate",
                                           "assembly",
                                           "federation",
                                           "league",
                                           "club",
                                           "school",
                                           "hospital",
                                           "church",
                                           "diocese",
                                           "archdiocese",
                                           "parish",
                                           "hydro",
                                           "center",
                                           "centre",
                                           "society",
                                           "fund",
                                           "trust",
                                           "airlines",
                                           "airways",
                                           "journal",
                                           "magazine",
                                           "tribune",
                                           "herald",
                                           "guardian",
                                           "telegraph",
                                           "television",
                                           "radio",
                                           "channel",
                                           "coalition",
                                           "movement",
                                           "alliance",
                                           "industries",
                                           "systems",
                                           "technologies",
                                           "labs",
                                           "laboratory",
                                           "program",
                                           "programme",
                                           "project",
                                           "campaign",
                                           "team",
                                           "bureau",
                                           "division",
                                           "unit",
                                           "brigade",
                                           "regiment",
                                           "fleet",
                                           "house",
                                           "cabinet",
                                           "secretariat",
                                           "tribunal",
                                           "embassy",
                                           "consulate",
                                           "mission",
                                           "state",
                                           "states",
                                           "republic",
                                           "kingdom",
                                           "nations",
                                           "museum",
                                           "library",
                                           "zoo",
                                           "sea",
                                           "ocean",
                                           "river",
                                           "street",
                                           "square",
                                           "city",
                                           "county",
                                           "province",
                                           "region",
                                           "east",
                                           "west",
                                           "north",
                                           "south",
                                           "island",
                                           "islands",
                                           "foods",
                                           "motors",
                                           "air",
                                           "holdings",
                                           "partners",
                                           "pharmaceuticals",
                                           "insurance",
                                           "energy",
                                           "resources",
                                           "mining",
                                           "communications",
                                           "entertainment",
                                           "stores",
                                           "markets",
                                           "financial",
                                           "capital",
                                           "services",
                                           "media",
                                           "institution"};

constexpr absl::string_view kOrgNouns[] = {
    "ministry",       "department",   "agency",      "company",
    "government",     "office",       "council",     "committee",
    "party",          "police",       "military",    "army",
    "court",          "commission",   "firm",        "group",
    "organization",   "organisation", "university",  "bank",
    "administration", "campaign",     "board",       "embassy",
    "union",          "spokesman",    "spokeswoman", "spokesperson",
    "statement",      "report",       "airline",     "club",
    "team",           "hospital",     "school",      "regime",
    "cabinet",        "kremlin",      "network",     "newspaper",
    "association",    "federation",   "institute",   "foundation",
    "society",        "coalition",    "alliance",    "service",
    "authority",      "jury",         "panel",       "notice",
    "release",        "automaker",    "chain",       "retailer",
    "carrier",        "utility",      "insurer",     "publisher",
    "ruling",         "decision",     "memo",        "diocese",
    "archdiocese",    "parish",       "church"};

constexpr absl::string_view kKnownOrgs[] = {"pentagon",
                                            "kremlin",
                                            "white house",
                                            "centcom",
                                            "nato",
                                            "un",
                                            "u.n.",
                                            "united nations",
                                            "eu",
                                            "e.u.",
                                            "european union",
                                            "al jazeera",
                                            "reuters",
                                            "associated press",
                                            "ap",
                                            "afp",
                                            "bbc",
                                            "cnn",
                                            "fox news",
                                            "nbc",
                                            "abc",
                                            "cbs",
                                            "npr",
                                            "pbs",
                                            "msnbc",
                                            "new york times",
                                            "washington post",
                                            "wall street journal",
                                            "bloomberg",
                                            "politico",
                                            "axios",
                                            "the guardian",
                                            "guardian",
                                            "xinhua",
                                            "tass",
                                            "irna",
                                            "hamas",
                                            "hezbollah",
                                            "taliban",
                                            "isis",
                                            "al qaeda",
                                            "al-qaeda",
                                            "fbi",
                                            "cia",
                                            "nsa",
                                            "dhs",
                                            "doj",
                                            "fda",
                                            "cdc",
                                            "who",
                                            "imf",
                                            "world bank",
                                            "opec",
                                            "iaea",
                                            "wikinews",
                                            "wikipedia",
                                            "google",
                                            "apple",
                                            "microsoft",
                                            "amazon",
                                            "facebook",
                                            "meta",
                                            "twitter",
                                            "x",
                                            "tesla",
                                            "boeing",
                                            "nasa",
                                            "esa",
                                            "interpol",
                                            "vatican",
                                            "downing street",
                                            "elysee",
                                            "state department",
                                            "congress",
                                            "senate",
                                            "parliament",
                                            "supreme court",
                                            "central command",
                                            "defense department",
                                            "defence ministry",
                                            "foreign ministry",
                                            "idf",
                                            "irgc",
                                            "houthis",
                                            "fifa",
                                            "ioc",
                                            "uefa",
                                            "nfl",
                                            "nba",
                                            "red cross"};

constexpr absl::string_view kPlaces[] = {
    "iran",       "iraq",        "israel",      "syria",       "lebanon",
    "jordan",     "egypt",       "oman",        "qatar",       "yemen",
    "turkey",     "russia",      "ukraine",     "china",       "japan",
    "india",      "pakistan",    "afghanistan", "germany",     "france",
    "britain",    "england",     "scotland",    "wales",       "ireland",
    "spain",      "italy",       "portugal",    "poland",      "greece",
    "canada",     "mexico",      "brazil",      "argentina",   "chile",
    "australia",  "zealand",     "africa",      "nigeria",     "kenya",
    "ethiopia",   "america",     "europe",      "asia",        "korea",
    "taiwan",     "vietnam",     "indonesia",   "philippines", "thailand",
    "gaza",       "palestine",   "saudi",       "arabia",      "emirates",
    "washington", "london",      "paris",       "moscow",      "beijing",
    "tehran",     "jerusalem",   "kyiv",        "kiev",        "brussels",
    "berlin",     "tokyo",       "u.s.",        "us",          "u.k.",
    "uk",         "usa",         "sweden",      "norway",      "finland",
    "denmark",    "netherlands", "belgium",     "austria",     "switzerland",
    "hungary",    "romania",     "serbia",      "croatia",     "cuba",
    "venezuela",  "colombia",    "peru",        "sudan",       "libya",
    "somalia",    "algeria",     "morocco",     "tunisia",     "bahrain",
    "kuwait",     "helsinki",    "geneva",      "baghdad",     "damascus",
    "beirut",     "cairo",       "ankara",      "istanbul",    "delhi",
    "california", "texas",       "florida",     "york",        "ohio"};

constexpr absl::string_view kCapStopwords[] = {
    "the",       "a",         "an",          "but",         "and",
    "or",        "in",        "on",          "at",          "of",
    "for",       "to",        "by",          "with",        "from",
    "as",        "after",     "before",      "he",          "she",
    "it",        "they",      "we",          "i",           "you",
    "his",       "her",       "its",         "their",       "our",
    "this",      "that",      "these",       "those",       "there",
    "here",      "if",        "when",        "while",       "where",
    "what",      "who",       "why",         "how",         "however",
    "meanwhile", "also",      "still",       "yet",         "so",
    "then",      "now",       "since",       "although",    "though",
    "because",   "during",    "despite",     "under",       "over",
    "unlike",    "like",      "without",     "against",     "besides",
    "about",     "according", "earlier",     "later",       "last",
    "next",      "monday",    "tuesday",     "wednesday",   "thursday",
    "friday",    "saturday",  "sunday",      "january",     "february",
    "march",     "april",     "june",        "july",        "august",
    "september", "october",   "november",    "december",    "advertisement",
    "image",     "photo",     "copyright",   "click",       "please",
    "read",      "related",   "sources",     "source",      "share",
    "yes",       "no",        "not",         "all",         "some",
    "many",      "most",      "one",         "two",         "three",
    "several",   "each",      "every",       "both",        "other",
    "another",   "such",      "my",          "your",        "me",
    "him",       "them",      "us",          "is",          "was",
    "are",       "were",      "be",          "has",         "have",
    "had",       "will",      "would",       "can",         "could",
    "should",    "may",       "might",       "must",        "do",
    "does",      "did",       "today",       "yesterday",   "tomorrow",
    "tonight",   "sir",       "dear",        "thank",       "thanks",
    "hello",     "oh",        "well",        "just",        "even",
    "only",      "again",     "once",        "first",       "new",
    "asked",     "speaking",  "perhaps",     "maybe",       "instead",
    "indeed",    "between",   "among",       "amid",        "through",
    "until",     "into",      "upon",        "within",      "toward",
    "towards",   "across",    "behind",      "beyond",      "throughout",
    "following", "whether",   "nonetheless", "nevertheless"};

// Imperatives that open a sentence: "Let me say, ..." names nobody.
constexpr absl::string_view kImperatives[] = {"let", "lets"};

// Number words: "Forty-three percent of voters said ..." names nobody.
// ("one" to "three" are cap stopwords already.)
constexpr absl::string_view kNumberWords[] = {
    "four",    "five",      "six",      "seven",     "eight",    "nine",
    "ten",     "eleven",    "twelve",   "thirteen",  "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen",  "twenty",   "thirty",
    "forty",   "fifty",     "sixty",    "seventy",   "eighty",   "ninety",
    "hundred", "hundreds",  "thousand", "thousands", "million",  "millions",
    "dozens",  "half"};

// Speech verbs that end a capitalised run: a title-case headline's "Clinton
// Says" or "Hillary Clinton Praised" names Clinton. Not the verbs that are
// also name words ("United States", "Terms").
constexpr absl::string_view kNameEndVerbs[] = {
    "said", "says", "told", "tells", "added", "adds", "praised", "praises",
    "joked", "thanked", "warned", "warns", "urged", "urges", "vowed", "tweeted",
    "slammed", "blasted", "saying", "remarks",
    // Headline verbs: "Chris Christie Calls Hillary Clinton 'A Disgrace'".
    "calls", "slams", "rips", "rip", "defends", "flattered", "compares",
    "reveals", "conflates", "accuses", "attacks", "mocks", "denies", "admits",
    "blames", "endorses", "corners", "impedes"};

// Plural nouns for groups of people: "Clinton supporters chanted".
constexpr absl::string_view kPeopleGroupNouns[] = {
    "supporters",    "officials",   "aides",     "advisers",  "advisors",
    "allies",        "critics",     "staffers",  "donors",    "backers",
    "opponents",     "lawyers",     "attorneys", "voters",    "experts",
    "outlets",       "protesters",  "leaders",   "lawmakers", "members",
    "delegates",     "surrogates",  "spokesmen", "analysts",  "economists",
    "researchers",   "scientists",  "activists", "residents", "fans",
    "investigators", "prosecutors", "sources",   "loyalists", "strategists"};

// First words of place names, never first names here: "Lake Cowichan".
constexpr absl::string_view kPlacePrefixes[] = {"lake", "mount", "fort", "port",
                                                "cape"};

// Cap stopwords that are surnames after a first name: "Theresa May".
constexpr absl::string_view kStopwordSurnames[] = {"may",   "june",   "april",
                                                   "march", "august", "every"};

enum : uint64_t {
  kHonorific = 1 << 0,
  kRoleWord = 1 << 1,
  kRoleNoun = 1 << 2,
  kOrgWord = 1 << 3,
  kOrgNoun = 1 << 4,
  kKnownOrg = 1 << 5,
  kPlace = 1 << 6,
  kCapStopword = 1 << 7,
  kNameEndVerb = 1 << 8,
  kNumberWord = 1 << 9,
  kPeopleGroupNoun = 1 << 10,
  kPlacePrefix = 1 << 11,
  kStopwordSurname = 1 << 12,
};

const WordTable& Lexicon() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kHonorifics, kHonorific);
    t->Add(kRoleWords, kRoleWord);
    t->Add(kRoleNouns, kRoleNoun);
    t->Add(kOrgWords, kOrgWord);
    t->Add(kOrgNouns, kOrgNoun);
    t->Add(kKnownOrgs, kKnownOrg);
    t->Add(kPlaces, kPlace);
    t->Add(kCapStopwords, kCapStopword);
    t->Add(kNameEndVerbs, kNameEndVerb);
    t->Add(kImperatives, kCapStopword);
    t->Add(kNumberWords, kNumberWord);
    t->Add(kPeopleGroupNouns, kPeopleGroupNoun);
    t->Add(kPlacePrefixes, kPlacePrefix);
    t->Add(kStopwordSurnames, kStopwordSurname);
    return t;
  }();
  return *table;
}

// Looks `word` up with any trailing period removed.
bool InList(absl::string_view word, uint64_t mask) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  return Lexicon().Has(word, mask);
}

}  // namespace

Gender FirstNameGender(absl::string_view first, bool* known) {
  if (known != nullptr) *known = false;
  char buf[32];
  absl::string_view low = LowerInto(first, buf, sizeof(buf));
  if (low.empty()) return Gender::kUnknown;
  size_t lo = 0;
  size_t hi = names_internal::kNumFirstNames;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const int c = low.compare(names_internal::kFirstNames[mid].name);
    if (c == 0) {
      if (known != nullptr) *known = true;
      const char sex = names_internal::kFirstNames[mid].sex;
      return sex == 'f'   ? Gender::kFemale
             : sex == 'm' ? Gender::kMale
                          : Gender::kUnknown;
    }
    if (c < 0) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  // "Jean-Marc", "Mary-Kate": known when both parts are; a sex only when
  // they agree ("Jean" alone is listed as a woman's name).
  const size_t hyphen = first.find('-');
  if (hyphen != absl::string_view::npos && hyphen > 1 &&
      first.find('-', hyphen + 1) == absl::string_view::npos) {
    bool k1 = false;
    bool k2 = false;
    const Gender g1 = FirstNameGender(first.substr(0, hyphen), &k1);
    const Gender g2 = FirstNameGender(first.substr(hyphen + 1), &k2);
    if (known != nullptr) *known = k1 && k2;
    return k1 && k2 && g1 == g2 ? g1 : Gender::kUnknown;
  }
  return Gender::kUnknown;
}

bool IsHonorific(absl::string_view word) { return InList(word, kHonorific); }

Gender HonorificGender(absl::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (WordEquals(word, "mr") || WordEquals(word, "sir") ||
      WordEquals(word, "messrs")) {
    return Gender::kMale;
  }
  if (WordEquals(word, "mrs") || WordEquals(word, "ms") ||
      WordEquals(word, "miss") || WordEquals(word, "dame")) {
    return Gender::kFemale;
  }
  return Gender::kUnknown;
}

absl::string_view HonorificRole(absl::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  static constexpr struct {
    absl::string_view abbrev, role;
  } kRoles[] = {
      {"adm", "admiral"},        {"gen", "general"},    {"sen", "senator"},
      {"rep", "representative"}, {"gov", "governor"},   {"lt", "lieutenant"},
      {"col", "colonel"},        {"sgt", "sergeant"},   {"capt", "captain"},
      {"maj", "major"},          {"prof", "professor"}, {"dr", "doctor"},
      {"pres", "president"},     {"cmdr", "commander"}, {"amb", "ambassador"},
      {"brig", "general"},       {"del", "delegate"}};
  for (const auto& r : kRoles) {
    if (WordEquals(word, r.abbrev)) return r.role;
  }
  return absl::string_view();
}

bool IsRoleWord(absl::string_view word) { return InList(word, kRoleWord); }
bool IsRoleNoun(absl::string_view word) { return InList(word, kRoleNoun); }
bool IsOrgWord(absl::string_view word) { return InList(word, kOrgWord); }
bool IsOrgNoun(absl::string_view word) { return InList(word, kOrgNoun); }
int NounClass(absl::string_view word) {
  const uint64_t bits = Lexicon().Lookup(word);
  return ((bits & kRoleNoun) != 0 ? 1 : 0) | ((bits & kOrgNoun) != 0 ? 2 : 0);
}
bool IsPlace(absl::string_view word) { return InList(word, kPlace); }
bool IsPeopleGroupNoun(absl::string_view word) {
  return InList(word, kPeopleGroupNoun);
}
bool IsPlacePrefix(absl::string_view word) {
  return InList(word, kPlacePrefix);
}
bool IsStopwordSurname(absl::string_view word) {
  return InList(word, kStopwordSurname);
}
bool IsCapStopword(absl::string_view word) {
  if (Lexicon().Has(word, kCapStopword | kNumberWord)) return true;
  // "Forty-three", "Twenty-one"; "All-Star" is not a number.
  const size_t hyphen = word.find('-');
  return hyphen != absl::string_view::npos &&
         Lexicon().Has(word.substr(0, hyphen), kNumberWord);
}
bool IsNameEndVerb(absl::string_view word) {
  return Lexicon().Has(word, kNameEndVerb);
}

bool IsKnownOrg(absl::string_view phrase) {
  return Lexicon().Has(phrase, kKnownOrg);
}

absl::string_view KnownFullName(absl::string_view surname) {
  using Map = absl::flat_hash_map<absl::string_view, absl::string_view>;
  static const Map* map = new Map{{"trump", "Donald Trump"},
                                  {"biden", "Joe Biden"},
                                  {"obama", "Barack Obama"},
                                  {"putin", "Vladimir Putin"},
                                  {"zelensky", "Volodymyr Zelensky"},
                                  {"zelenskyy", "Volodymyr Zelenskyy"},
                                  {"netanyahu", "Benjamin Netanyahu"},
                                  {"xi", "Xi Jinping"},
                                  {"macron", "Emmanuel Macron"},
                                  {"erdogan", "Recep Tayyip Erdogan"},
                                  {"khamenei", "Ali Khamenei"},
                                  {"modi", "Narendra Modi"},
                                  {"merkel", "Angela Merkel"},
                                  {"scholz", "Olaf Scholz"},
                                  {"starmer", "Keir Starmer"},
                                  {"sunak", "Rishi Sunak"},
                                  {"guterres", "Antonio Guterres"},
                                  {"vance", "JD Vance"},
                                  {"rubio", "Marco Rubio"},
                                  {"pezeshkian", "Masoud Pezeshkian"},
                                  {"araghchi", "Abbas Araghchi"},
                                  {"witkoff", "Steve Witkoff"},
                                  {"hegseth", "Pete Hegseth"}};
  char buf[32];
  absl::string_view low = LowerInto(surname, buf, sizeof(buf));
  if (low.empty()) return absl::string_view();
  auto it = map->find(low);
  return it == map->end() ? absl::string_view() : it->second;
}

}  // namespace claimcheck::extract
