#include "server/extract/quote_cues.h"

#include "absl/container/flat_hash_set.h"
#include "server/extract/text_scan.h"

namespace claimcheck::extract {
namespace {

using WordSet = absl::flat_hash_set<absl::string_view>;

bool InSet(const WordSet& set, absl::string_view word) {
  char buf[32];
  absl::string_view low = LowerInto(word, buf, sizeof(buf));
  return !low.empty() && set.contains(low);
}

const WordSet& SpeechVerbs() {
  static const WordSet* set = new WordSet{
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
      "posting",       "tweeting"};
  return *set;
}

const WordSet& PostingVerbs() {
  static const WordSet* set = new WordSet{
      "posted", "posts",   "tweeted",  "tweets",  "wrote",    "writes",
      "texted", "emailed", "messaged", "posting", "tweeting", "writing"};
  return *set;
}

const WordSet& Fillers() {
  static const WordSet* set = new WordSet{
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
  return *set;
}

const WordSet& ChannelNouns() {
  static const WordSet* set = new WordSet{
      "statement",  "interview",  "post",       "letter",     "speech",
      "video",      "message",    "email",      "e-mail",     "tweet",
      "release",    "briefing",   "conference", "address",    "broadcast",
      "podcast",    "op-ed",      "column",     "memo",       "filing",
      "testimony",  "hearing",    "rally",      "appearance", "remarks",
      "blog",       "note",       "thread",     "editorial",  "announcement",
      "communique", "communiqué", "session",    "meeting",    "summit",
      "call",       "phone",      "telephone",  "podium"};
  return *set;
}

}  // namespace

bool IsSpeechVerb(absl::string_view word) { return InSet(SpeechVerbs(), word); }
bool IsPostingVerb(absl::string_view word) {
  return InSet(PostingVerbs(), word);
}
bool IsVerbFiller(absl::string_view word) { return InSet(Fillers(), word); }
bool IsChannelNoun(absl::string_view word) {
  return InSet(ChannelNouns(), word);
}

}  // namespace claimcheck::extract
