#include "server/extract/common_words.h"

#include "server/extract/word_table.h"

namespace claimcheck::extract {

bool IsCommonWord(absl::string_view word) {
  static const WordTable* table = [] {
    auto* t = new WordTable();
    for (size_t i = 0; i < common_words_internal::kNumWords; ++i) {
      t->Add(common_words_internal::kWords[i], 1);
    }
    return t;
  }();
  return table->Has(word, 1);
}

}  // namespace claimcheck::extract
