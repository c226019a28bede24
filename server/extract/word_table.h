// The extractor's name for text::WordTable (server/text/word_table.h, its one
// home), so extract code reads `WordTable` unqualified.
#ifndef CLAIMCHECK_SERVER_EXTRACT_WORD_TABLE_H_
#define CLAIMCHECK_SERVER_EXTRACT_WORD_TABLE_H_

#include "server/text/word_table.h"

namespace claimcheck::extract {

using text::WordTable;

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_WORD_TABLE_H_
