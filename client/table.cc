#include "client/table.h"

#include <algorithm>
#include <utility>

#include "client/utf8.h"

namespace claimcheck {
namespace {

constexpr int kMinShrinkWidth = 8;
constexpr char kSeparator[] = "  ";
constexpr int kSeparatorWidth = 2;

}  // namespace

std::string OneLine(absl::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return out;
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (std::string& cell : cells) cell = OneLine(cell);
  rows_.push_back(std::move(cells));
}

std::string Table::Render(int total_width) const {
  const size_t n = columns_.size();
  if (n == 0) return "";
  std::vector<int> widths(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int cells = 0;
    for (const std::vector<std::string>& row : rows_) {
      cells = std::max(cells, DisplayWidth(row[i]));
    }
    if (columns_[i].max_width > 0) {
      cells = std::min(cells, columns_[i].max_width);
    }
    widths[i] = std::max(DisplayWidth(columns_[i].header), cells);
  }

  if (total_width > 0) {
    int total = kSeparatorWidth * static_cast<int>(n - 1);
    for (int w : widths) total += w;
    while (total > total_width) {
      size_t widest = n;
      for (size_t i = 0; i < n; ++i) {
        if (columns_[i].align != Align::kLeft) continue;
        if (widths[i] <= kMinShrinkWidth) continue;
        if (widest == n || widths[i] > widths[widest]) widest = i;
      }
      if (widest == n) break;  // Nothing left to shrink.
      --widths[widest];
      --total;
    }
  }

  std::string out;
  const auto append_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) line += kSeparator;
      const std::string cell = TruncateToWidth(cells[i], widths[i]);
      const int pad = widths[i] - DisplayWidth(cell);
      if (columns_[i].align == Align::kRight) line.append(pad, ' ');
      line += cell;
      if (columns_[i].align == Align::kLeft) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  std::vector<std::string> header;
  header.reserve(n);
  for (const Column& column : columns_) header.push_back(column.header);
  append_line(header);
  for (const std::vector<std::string>& row : rows_) append_line(row);
  return out;
}

}  // namespace claimcheck
