#include "tests/bench/article_gen.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/bench/corpus.h"

namespace claimcheck::bench {
namespace {

// splitmix64: a tiny, fully specified generator (the standard library's
// distributions differ between implementations; this does not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  bool Chance(int num, int den) {
    return Below(den) < static_cast<size_t>(num);
  }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[Below(N)];
  }

 private:
  uint64_t s_;
};

uint64_t Mix(uint64_t a, uint64_t b, uint64_t c = 0) {
  Rng r(a ^ (b * 0x9e3779b97f4a7c15ULL) ^ (c * 0xc2b2ae3d27d4eb4fULL));
  r.Next();
  return r.Next();
}

constexpr const char* kFemale[] = {
    "Anna",   "Maria",  "Elena",     "Sofia",    "Laura",    "Sarah",
    "Emma",   "Olivia", "Grace",     "Hannah",   "Julia",    "Nadia",
    "Amira",  "Leila",  "Yuki",      "Mei",      "Priya",    "Ananya",
    "Fatima", "Zainab", "Ingrid",    "Astrid",   "Claire",   "Chloe",
    "Lucia",  "Carmen", "Rosa",      "Irene",    "Helen",    "Diana",
    "Nora",   "Alice",  "Ruth",      "Esther",   "Miriam",   "Keiko",
    "Aiko",   "Ewa",    "Katarzyna", "Olga",     "Tatiana",  "Ayesha",
    "Grace",  "Ngozi",  "Amara",     "Lerato",   "Thandiwe", "Isabel",
    "Paula",  "Teresa", "Monica",    "Victoria", "Margaret", "Susan",
    "Linda",  "Karen",  "Rebecca",   "Deborah",  "Janet",    "Joanna"};
constexpr const char* kMale[] = {
    "David",   "Michael", "James",  "Robert",  "John",   "Daniel", "Thomas",
    "Peter",   "Paul",    "Mark",   "Victor",  "Ivan",   "Sergei", "Omar",
    "Ahmed",   "Hassan",  "Karim",  "Raj",     "Arjun",  "Vikram", "Kenji",
    "Hiroshi", "Wei",     "Jun",    "Lars",    "Erik",   "Henrik", "Pierre",
    "Louis",   "Marco",   "Luca",   "Carlos",  "Diego",  "Pablo",  "Miguel",
    "Samuel",  "Joseph",  "Andrew", "William", "George", "Edward", "Richard",
    "Kwame",   "Chinedu", "Tunde",  "Sipho",   "Tomasz", "Piotr",  "Jakub",
    "Felix",   "Anton",   "Jonas",  "Stefan",  "Mateo",  "Rafael", "Gabriel",
    "Simon",   "Martin",  "Adrian", "Brian"};
constexpr const char* kLast[] = {
    "Smith",     "Johnson",   "Williams", "Brown",      "Jones",
    "Miller",    "Davis",     "Garcia",   "Rodriguez",  "Martinez",
    "Hernandez", "Lopez",     "Gonzalez", "Wilson",     "Anderson",
    "Taylor",    "Moore",     "Jackson",  "Martin",     "Lee",
    "Thompson",  "White",     "Harris",   "Clark",      "Lewis",
    "Robinson",  "Walker",    "Young",    "Allen",      "King",
    "Wright",    "Scott",     "Green",    "Baker",      "Adams",
    "Nelson",    "Hill",      "Campbell", "Mitchell",   "Roberts",
    "Carter",    "Phillips",  "Evans",    "Turner",     "Torres",
    "Parker",    "Collins",   "Edwards",  "Stewart",    "Morris",
    "Murphy",    "Cook",      "Rogers",   "Morgan",     "Peterson",
    "Cooper",    "Reed",      "Bailey",   "Bell",       "Kelly",
    "Howard",    "Ward",      "Cox",      "Diaz",       "Richardson",
    "Wood",      "Watson",    "Brooks",   "Bennett",    "Gray",
    "James",     "Reyes",     "Cruz",     "Hughes",     "Price",
    "Myers",     "Long",      "Foster",   "Sanders",    "Ross",
    "Morales",   "Powell",    "Sullivan", "Russell",    "Ortiz",
    "Jenkins",   "Gutierrez", "Perry",    "Butler",     "Barnes",
    "Fisher",    "Henderson", "Coleman",  "Simmons",    "Patterson",
    "Jordan",    "Reynolds",  "Hamilton", "Graham",     "Kim",
    "Gonzales",  "Alexander", "Ramos",    "Wallace",    "Griffin",
    "West",      "Cole",      "Hayes",    "Chavez",     "Gibson",
    "Bryant",    "Ellis",     "Stevens",  "Murray",     "Ford",
    "Marshall",  "Owens",     "McDonald", "Harrison",   "Ruiz",
    "Kennedy",   "Wells",     "Alvarez",  "Woods",      "Mendoza",
    "Castillo",  "Olson",     "Webb",     "Washington", "Tucker",
    "Freeman",   "Burns",     "Henry",    "Vasquez",    "Snyder",
    "Simpson",   "Crawford",  "Jimenez",  "Porter",     "Mason",
    "Shaw",      "Gordon",    "Wagner",   "Hunter",     "Romero",
    "Hicks",     "Dixon",     "Hunt",     "Palmer",     "Robertson",
    "Black",     "Holmes",    "Stone",    "Meyer",      "Boyd",
    "Mills",     "Warren",    "Fox",      "Rose",       "Rice",
    "Moreno",    "Schmidt",   "Patel",    "Ferguson",   "Nichols",
    "Herrera",   "Medina",    "Ryan",     "Fernandez",  "Weaver",
    "Daniels",   "Stephens",  "Gardner",  "Payne",      "Kowalski",
    "Nowak",     "Novak",     "Tanaka",   "Suzuki",     "Sato",
    "Nakamura",  "Chen",      "Wang",     "Zhang",      "Liu",
    "Singh",     "Kumar",     "Sharma",   "Okafor",     "Mensah",
    "Haddad",    "Nasser",    "Rahman",   "Larsen",     "Nielsen",
    "Berg",      "Lindqvist", "Dubois",   "Moreau",     "Rossi",
    "Bianchi",   "Romano",    "Costa",    "Silva"};
constexpr const char* kRoles[] = {"Finance Minister",
                                  "Health Minister",
                                  "Transport Secretary",
                                  "Mayor",
                                  "Governor",
                                  "Senator",
                                  "Police Chief",
                                  "Fire Chief",
                                  "Energy Minister",
                                  "Foreign Minister",
                                  "Defense Secretary",
                                  "Education Minister",
                                  "Council Member",
                                  "State Representative",
                                  "Prime Minister",
                                  "Interior Minister",
                                  "Labor Minister",
                                  "Trade Commissioner"};
constexpr const char* kOrgs[] = {"the city council",
                                 "the port authority",
                                 "the central bank",
                                 "the transit agency",
                                 "the health ministry",
                                 "the water board",
                                 "the national rail operator",
                                 "the teachers union",
                                 "the chamber of commerce",
                                 "the civil aviation authority",
                                 "the coast guard",
                                 "the energy regulator",
                                 "the housing agency",
                                 "the statistics office",
                                 "the environment agency",
                                 "the airport operator",
                                 "the farmers association",
                                 "the hospital group"};
constexpr const char* kDescs[] = {
    "a spokesperson for", "the chief executive of", "a senior official at",
    "the director of",    "an economist at",        "the chair of"};
constexpr const char* kOutlets[] = {
    "The Daily Ledger",     "Metro Wire",
    "Coastal Herald",       "The Morning Post",
    "Northern Courier",     "The Evening Standard",
    "Capital Times",        "The Valley Gazette",
    "Harbor News",          "The Plains Observer",
    "River City Journal",   "The Summit Tribune",
    "Lakeside Chronicle",   "The Border Dispatch",
    "Island Weekly",        "The Frontier Press",
    "Union Daily",          "The Atlantic Register",
    "Pacific Bulletin",     "The Midland Star",
    "Eastern Review",       "The Western Sentinel",
    "Bay Area Record",      "The Highland Echo",
    "Delta Times",          "The Commonwealth Mail",
    "Southern Monitor",     "The Civic Voice",
    "Prairie Tribune",      "The Granite Post",
    "Canal Street Journal", "The Lantern",
    "Oak Ridge Ledger",     "The Meridian",
    "Continental Wire",     "The Dispatch Online",
    "Global Affairs Daily", "The Sentinel Herald",
    "Northshore News",      "The Independent Courier"};
constexpr const char* kAdjs[] = {
    "electric", "diesel",  "ballistic", "cruise",   "new",       "used",
    "public",   "private", "rural",     "urban",    "military",  "civilian",
    "solar",    "wind",    "coastal",   "regional", "temporary", "permanent",
    "foreign",  "local",   "small",     "large",    "heavy",     "light"};
constexpr const char* kNouns[] = {
    "buses",           "trucks",         "missiles",  "drones",
    "homes",           "schools",        "hospitals", "jobs",
    "workers",         "students",       "teachers",  "nurses",
    "vehicles",        "bridges",        "trains",    "flights",
    "passengers",      "tourists",       "farms",     "wells",
    "turbines",        "panels",         "beds",      "clinics",
    "shelters",        "refugees",       "soldiers",  "ships",
    "aircraft",        "contracts",      "permits",   "licenses",
    "stations",        "factories",      "shops",     "apartments",
    "tonnes of grain", "barrels of oil", "megawatts", "kilometres of road"};
constexpr const char* kVerbs[] = {
    "were delivered", "were counted", "were affected", "were planned",
    "were approved",  "were lost",    "were built",    "were reported"};
constexpr const char* kTimes[] = {"last year",
                                  "this year",
                                  "by 2030",
                                  "since 2019",
                                  "last month",
                                  "by 2035",
                                  "over the past decade",
                                  "in the first quarter"};
constexpr const char* kCities[] = {
    "SPRINGFIELD", "RIVERTON", "LAKEVIEW", "FAIRHAVEN", "KINGSTON", "MILFORD",
    "ASHFORD",     "BRISTOL",  "CLAYTON",  "DOVER",     "EASTON",   "GLENWOOD"};
constexpr const char* kJoins[] = {
    "and", "but",         "because",          "while",
    "so",  "even though", "and we know that", "and frankly"};

struct Person {
  std::string first, last;
  bool female = false;
  std::string role;  // may be empty
  std::string org;   // "a spokesperson for the port authority" style
};

Person PersonFor(uint64_t seed, uint64_t id) {
  Rng r(Mix(seed, id, 0x5045));
  Person p;
  p.female = r.Chance(1, 2);
  p.first = p.female ? r.Pick(kFemale) : r.Pick(kMale);
  p.last = r.Pick(kLast);
  if (r.Chance(1, 2)) {
    p.role = r.Pick(kRoles);
  } else {
    p.org = absl::StrCat(r.Pick(kDescs), " ", r.Pick(kOrgs));
  }
  return p;
}

// Speakers appear in about 40k people (first x last); an article's speakers
// are four of them.
constexpr uint64_t kPeople = 40000;
constexpr int kSpeakersPerArticle = 4;

uint64_t SpeakerOf(uint64_t seed, uint64_t article, int slot) {
  return Mix(seed, article, 0x5350 + slot) % kPeople;
}

// Re-draws every digit run in `s` (keeps commas and dots), so the same
// Wikinews sentence reads differently in each article.
std::string RedrawDigits(const std::string& s, Rng& r) {
  std::string out;
  out.reserve(s.size());
  bool first_of_run = true;
  for (char c : s) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      char d = static_cast<char>('0' + r.Below(10));
      if (first_of_run && d == '0') d = '1';
      out.push_back(d);
      first_of_run = false;
    } else {
      out.push_back(c);
      first_of_run = c != ',' && c != '.';
    }
  }
  return out;
}

std::string Number(Rng& r) {
  static constexpr int kBases[] = {12,   40,   75,    150,   300,   800,   1200,
                                   2400, 5000, 12000, 40000, 90000, 250000};
  const int base = r.Pick(kBases);
  const int v = base + static_cast<int>(r.Below(base / 2 + 1));
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string ClaimSentence(Rng& r) {
  const std::string unit = absl::StrCat(r.Pick(kAdjs), " ", r.Pick(kNouns));
  std::string amount;
  switch (r.Below(4)) {
    case 0:
      amount = absl::StrCat("about ", Number(r));
      break;
    case 1:
      amount = absl::StrCat("more than ", Number(r));
      break;
    case 2: {
      const std::string a = Number(r);
      amount = absl::StrCat("between ", a, " and ", Number(r));
      break;
    }
    default:
      amount = Number(r);
  }
  std::string org = r.Pick(kOrgs);
  org[0] = absl::ascii_toupper(static_cast<unsigned char>(org[0]));
  return absl::StrCat(org, " said ", amount, " ", unit, " ", r.Pick(kVerbs),
                      " ", r.Pick(kTimes), ".");
}

std::string StripFinalPunct(std::string s) {
  while (!s.empty() &&
         (s.back() == '.' || s.back() == ' ' || s.back() == '!' ||
          s.back() == '?' || s.back() == ';' || s.back() == ':')) {
    s.pop_back();
  }
  return s;
}

// The first `n` words of `s`.
std::string FirstWords(const std::string& s, size_t n) {
  size_t pos = 0;
  for (size_t w = 0; w < n; ++w) {
    const size_t sp = s.find(' ', pos);
    if (sp == std::string::npos) return s;
    pos = sp + 1;
  }
  return s.substr(0, pos > 0 ? pos - 1 : 0);
}

bool CleanSentence(absl::string_view s) {
  if (s.size() < 50 || s.size() > 220) return false;
  if (!absl::ascii_isupper(static_cast<unsigned char>(s[0]))) return false;
  for (absl::string_view bad :
       {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98", "'", "(", ")",
        "\n", "Image:", "http", "said", "told", "says"}) {
    if (s.find(bad) != absl::string_view::npos) return false;
  }
  return true;
}

}  // namespace

ArticleGenerator::ArticleGenerator(uint64_t seed, size_t target_bytes)
    : seed_(seed), target_bytes_(target_bytes) {
  for (const std::string& text : CorpusTexts()) {
    for (absl::string_view para : absl::StrSplit(text, '\n')) {
      for (absl::string_view s : absl::StrSplit(para, ". ")) {
        s = absl::StripAsciiWhitespace(s);
        if (!CleanSentence(s)) continue;
        std::string sentence(s);
        if (sentence.back() != '.') sentence.push_back('.');
        sentences_.push_back(std::move(sentence));
      }
    }
  }
  if (sentences_.size() < 100) {
    std::fprintf(stderr, "article_gen: only %zu clean sentences\n",
                 sentences_.size());
    std::exit(1);
  }
}

std::string ArticleGenerator::FreshQuote(uint64_t index, int k) const {
  Rng r(Mix(seed_, index, 0x5100 + k));
  const std::string& a = sentences_[r.Below(sentences_.size())];
  const std::string& b = sentences_[r.Below(sentences_.size())];
  std::string first = StripFinalPunct(FirstWords(a, 5 + r.Below(10)));
  std::string second = StripFinalPunct(FirstWords(b, 4 + r.Below(8)));
  if (!second.empty() &&
      !(second.size() > 1 &&
        absl::ascii_isupper(static_cast<unsigned char>(second[1])))) {
    second[0] = absl::ascii_tolower(static_cast<unsigned char>(second[0]));
  }
  return RedrawDigits(absl::StrCat(first, " ", r.Pick(kJoins), " ", second), r);
}

GeneratedArticle ArticleGenerator::Article(uint64_t index) const {
  Rng r(Mix(seed_, index, 0xA27));
  GeneratedArticle out;
  out.outlet = r.Pick(kOutlets);
  const int year = 2020 + static_cast<int>(r.Below(7));
  const int month = 1 + static_cast<int>(r.Below(12));
  const int day = 1 + static_cast<int>(r.Below(28));
  char date[16];
  std::snprintf(date, sizeof(date), "%04d-%02d-%02d", year, month, day);
  out.published_date = date;
  std::string slug;
  out.title =
      StripFinalPunct(FirstWords(sentences_[r.Below(sentences_.size())], 8));
  for (char c : out.title) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      slug.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  std::string host;
  for (char c : out.outlet) {
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      host.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    }
  }
  out.url = absl::StrCat("https://www.", host, ".example/", year, "/", index,
                         "/", slug);

  Person people[kSpeakersPerArticle];
  uint64_t ids[kSpeakersPerArticle];
  bool introduced[kSpeakersPerArticle] = {};
  for (int s = 0; s < kSpeakersPerArticle; ++s) {
    ids[s] = SpeakerOf(seed_, index, s);
    people[s] = PersonFor(seed_, ids[s]);
  }

  std::string& text = out.text;
  text = absl::StrCat(
      r.Pick(kCities), " - ",
      RedrawDigits(sentences_[r.Below(sentences_.size())], r), " ",
      RedrawDigits(sentences_[r.Below(sentences_.size())], r), "\n\n");
  int last_speaker = -1;
  for (int k = 0; text.size() < target_bytes_; ++k) {
    // A quote paragraph.
    std::string quote;
    int slot = static_cast<int>(r.Below(kSpeakersPerArticle));
    Person synd;
    bool syndicated = false;
    if (index > 0 && r.Chance(1, 12)) {
      const uint64_t back = 1 + r.Below(index < 5000 ? index : 5000);
      const uint64_t j = index - back;
      const int kk = static_cast<int>(r.Below(4));
      quote = FreshQuote(j, kk);
      syndicated = true;
      // Two times in three the same speaker as the source (slot kk % 4 of
      // the source article); else this article's speaker: a conflict.
      if (r.Chance(2, 3)) synd = PersonFor(seed_, SpeakerOf(seed_, j, kk % 4));
    } else {
      quote = FreshQuote(index, k);
    }
    const bool use_synd = syndicated && !synd.first.empty();
    const Person& p = use_synd ? synd : people[slot];
    const std::string full = absl::StrCat(p.first, " ", p.last);
    const char* open = r.Chance(1, 2) ? "\xe2\x80\x9c" : "\"";
    const char* close = open[0] == '"' ? "\"" : "\xe2\x80\x9d";
    std::string para;
    if (use_synd || !introduced[slot]) {
      if (!p.role.empty() && r.Chance(1, 2)) {
        para = absl::StrCat(open, quote, ",", close, " said ", p.role, " ",
                            full, ".");
      } else if (!p.org.empty()) {
        para = absl::StrCat(full, ", ", p.org, ", said: ", open, quote, ".",
                            close);
      } else {
        para = absl::StrCat(open, quote, ",", close, " ", full, " said.");
      }
      if (!use_synd) introduced[slot] = true;
    } else if (slot == last_speaker && r.Chance(1, 2)) {
      para = absl::StrCat(open, quote, ",", close, " ", p.female ? "she" : "he",
                          " said.");
    } else {
      para = absl::StrCat(open, quote, ",", close, " ",
                          p.female ? "Ms. " : "Mr. ", p.last, " said.");
    }
    last_speaker = use_synd ? -1 : slot;
    absl::StrAppend(&text, para, "\n\n");
    // A filler paragraph, every other time with a numeric claim.
    std::string filler =
        RedrawDigits(sentences_[r.Below(sentences_.size())], r);
    if (r.Chance(1, 2)) absl::StrAppend(&filler, " ", ClaimSentence(r));
    absl::StrAppend(&text, filler, "\n\n");
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return out;
}

GeneratedArticle ArticleGenerator::TinyArticle(uint64_t index) const {
  GeneratedArticle out = Article(index);
  const Person p = PersonFor(seed_, SpeakerOf(seed_, index, 0));
  out.url = absl::StrCat(out.url, "/tiny");
  out.text = absl::StrCat("\"Item ", index, " is ready,\" said ", p.first, " ",
                          p.last, ".");
  return out;
}

}  // namespace claimcheck::bench
