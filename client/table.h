// An aligned plain-text table for terminal output.
//
//   Table table({{"SCORE", Table::Align::kRight}, {"QUOTE", 60}});
//   table.AddRow({"0.93", "There is a long way to go to build trust,"});
//   std::cout << table.Render();
//
// prints
//
//   SCORE  QUOTE
//    0.93  There is a long way to go to build trust,
//
// Widths are measured in terminal columns (UTF-8 aware, see utf8.h). A cell
// longer than its column's `max_width` is cut with "…", never inside a UTF-8
// sequence. Control characters in cells (newlines, tabs) become spaces, so
// one row is always one line. Columns are separated by two spaces and lines
// carry no trailing spaces.
//
// A Table is a value; it is not safe to mutate from several threads at once.
#ifndef CLAIMCHECK_CLIENT_TABLE_H_
#define CLAIMCHECK_CLIENT_TABLE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace claimcheck {

class Table {
 public:
  enum class Align { kLeft, kRight };

  struct Column {
    Column(const char* header) : header(header) {}             // NOLINT
    Column(std::string header) : header(std::move(header)) {}  // NOLINT
    Column(std::string header, int max_width)
        : header(std::move(header)), max_width(max_width) {}
    Column(std::string header, Align align)
        : header(std::move(header)), align(align) {}

    std::string header;
    // Widest a cell may be, in columns; 0 means no limit. Cells beyond it are
    // truncated with "…".
    int max_width = 0;
    Align align = Align::kLeft;
  };

  explicit Table(std::vector<Column> columns);

  // Appends a row. Missing trailing cells are empty; extra cells are dropped.
  void AddRow(std::vector<std::string> cells);

  size_t num_rows() const { return rows_.size(); }

  // The table as text, one line per row after the header line, each ending
  // in '\n'. If `total_width` > 0 and the table is wider, the widest
  // left-aligned columns are narrowed (not below 8 columns) until it fits.
  std::string Render(int total_width = 0) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// `text` with control characters replaced by spaces, for one-line display.
std::string OneLine(absl::string_view text);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_TABLE_H_
