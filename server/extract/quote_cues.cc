#include "server/extract/quote_cues.h"

#include "server/extract/word_table.h"

namespace claimcheck::extract {
namespace {

constexpr absl::string_view kSpeechVerbs[] = {
    "said",          "says",         "say",          "told",
    "tells",         "added",        "adds",         "wrote",
    "writes",        "posted",       "posts",        "tweeted",
    "tweets",        "argued",       "argues",       "warned",
    "warns",         "insisted",     "insists",      "stated",
    "states",        "explained",    "explains",     "noted",
    "notes",         "asked",        "asks",         "replied",
    "replies",       "described",    "describes",    "called",
    "calls",         "acknowledged", "acknowledges", "admitted",
    "admits",        "claimed",      "claims",       "declared",
    "declares",      "recalled",     "recalls",      "urged",
    "urges",         "announced",    "announces",    "continued",
    "continues",     "commented",    "comments",     "responded",
    "responds",      "answered",     "answers",      "remarked",
    "remarks",       "observed",     "observes",     "suggested",
    "suggests",      "concluded",    "concludes",    "cautioned",
    "cautions",      "stressed",     "stresses",     "emphasized",
    "emphasizes",    "emphasised",   "emphasises",   "reiterated",
    "reiterates",    "confirmed",    "confirms",     "denied",
    "denies",        "testified",    "testifies",    "shouted",
    "exclaimed",     "whispered",    "joked",        "jokes",
    "quipped",       "pleaded",      "vowed",        "vows",
    "promised",      "promises",     "predicted",    "predicts",
    "conceded",      "concedes",     "complained",   "complains",
    "lamented",      "laments",      "boasted",      "boasts",
    "insisted",      "maintained",   "maintains",    "contended",
    "contends",      "alleged",      "alleges",      "assured",
    "assures",       "blasted",      "slammed",      "charged",
    "countered",     "counters",     "retorted",     "demanded",
    "demands",       "pledged",      "pledges",      "recounted",
    "recounts",      "mused",        "muses",        "opined",
    "affirmed",      "affirms",      "asserted",     "asserts",
    "agreed",        "agrees",       "dubbed",       "dubs",
    "labeled",       "labelled",     "labels",       "termed",
    "terms",         "branded",      "brands",       "characterized",
    "characterised", "summed",       "texted",       "emailed",
    "messaged",      "cried",        "yelled",       "screamed",
    "murmured",      "sighed",       "laughed",      "smiled",
    "interjected",   "interrupted",  "elaborated",   "clarified",
    "disclosed",     "revealed",     "reported",     "reports",
    "informed",      "explained",    "wondered",     "asked",
    "queried",       "inquired",     "speculated",   "hinted",
    "indicated",     "indicates",    "signaled",     "signalled",
    "thundered",     "scoffed",      "conceded",     "admonished",
    "advised",       "advises",      "acknowledged", "proclaimed",
    "proclaims",     "professed",    "protested",    "reasoned",
    "reflected",     "reminded",     "repeated",     "responded",
    "shared",        "spoke",        "stated",       "swore",
    "testified",     "underlined",   "underscored",  "underscores",
    "voiced",        "wrote",        "writing",      "saying",
    "telling",       "adding",       "noting",       "warning",
    "calling",       "describing",   "arguing",      "insisting",
    "explaining",    "stating",      "declaring",    "claiming",
    "posting",       "tweeting",     "accused",      "accuses",
    "accusing",      "praised",      "praises",      "criticized",
    "criticised",    "criticizes",   "criticises",   "hailed",
    "dismissed",     "reads"};

constexpr absl::string_view kPostingVerbs[] = {
    "posted", "posts",   "tweeted",  "tweets",  "wrote",    "writes",
    "texted", "emailed", "messaged", "posting", "tweeting", "writing"};

constexpr absl::string_view kFillers[] = {
    "also",        "later",      "then",       "has",          "had",
    "have",        "again",      "previously", "once",         "further",
    "recently",    "reportedly", "had",        "subsequently", "often",
    "repeatedly",  "publicly",   "privately",  "separately",   "simply",
    "flatly",      "quickly",    "angrily",    "earlier",      "initially",
    "first",       "finally",    "himself",    "herself",      "would",
    "will",        "did",        "does",       "is",           "was",
    "has",         "not",        "never",      "just",         "ultimately",
    "immediately", "openly",     "bluntly",    "emphatically", "explicitly",
    "succinctly",  "tersely",    "famously",   "memorably",    "jokingly",
    "proudly"};

constexpr absl::string_view kChannelNouns[] = {
    "statement",  "interview",  "post",       "letter",     "speech",
    "video",      "message",    "email",      "e-mail",     "tweet",
    "release",    "briefing",   "conference", "address",    "broadcast",
    "podcast",    "op-ed",      "column",     "memo",       "filing",
    "testimony",  "hearing",    "rally",      "appearance", "remarks",
    "blog",       "note",       "thread",     "editorial",  "announcement",
    "communique", "communiqué", "session",    "meeting",    "summit",
    "call",       "phone",      "telephone",  "podium"};

enum : uint64_t {
  kSpeech = 1 << 0,
  kPosting = 1 << 1,
  kFiller = 1 << 2,
  kChannel = 1 << 3,
};

const WordTable& Cues() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kSpeechVerbs, kSpeech);
    t->Add(kPostingVerbs, kPosting);
    t->Add(kFillers, kFiller);
    t->Add(kChannelNouns, kChannel);
    return t;
  }();
  return *table;
}

}  // namespace

bool IsSpeechVerb(absl::string_view word) { return Cues().Has(word, kSpeech); }
bool IsPostingVerb(absl::string_view word) {
  return Cues().Has(word, kPosting);
}
bool IsVerbFiller(absl::string_view word) { return Cues().Has(word, kFiller); }
bool IsChannelNoun(absl::string_view word) {
  return Cues().Has(word, kChannel);
}

}  // namespace claimcheck::extract
