// A one-line progress bar on a terminal ("[#####.....] 12/40 articles"),
// for bulk commands (ingest, export). Draws nothing when disabled (output not
// a terminal) or when there is at most one item. Single-threaded.
#ifndef CLAIMCHECK_CLIENT_CLI_PROGRESS_H_
#define CLAIMCHECK_CLIENT_CLI_PROGRESS_H_

#include <cstddef>
#include <ostream>
#include <string>

namespace claimcheck::cli {

class ProgressBar {
 public:
  ProgressBar(std::ostream& err, size_t total, bool enabled)
      : err_(err), total_(total), enabled_(enabled && total > 1) {}

  void Update(size_t done) {
    if (!enabled_) return;
    done = done > total_ ? total_ : done;
    const int filled = static_cast<int>(kWidth * done / total_);
    err_ << "\r[" << std::string(filled, '#')
         << std::string(kWidth - filled, '.') << "] " << done << "/" << total_
         << " articles" << std::flush;
  }

  // Erases the bar so the next line starts clean.
  void Clear() {
    if (enabled_) err_ << "\r\033[K" << std::flush;
  }

 private:
  static constexpr int kWidth = 30;
  std::ostream& err_;
  const size_t total_;
  const bool enabled_;
};

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLIENT_CLI_PROGRESS_H_
