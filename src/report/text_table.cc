#include "src/report/text_table.h"

#include <algorithm>
#include <stdexcept>

namespace qscale::report {

TextTable::TextTable(std::vector<std::string> header, std::vector<std::string> right_aligned)
    : header_(std::move(header)), right_(header_.size(), false) {
  for (size_t i = 0; i < header_.size(); ++i) {
    right_[i] = std::find(right_aligned.begin(), right_aligned.end(), header_[i]) !=
                right_aligned.end();
  }
}

void TextTable::AddRow(std::vector<std::string> cells) {
  if (cells.size() != header_.size()) {
    throw std::logic_error("TextTable::AddRow: cell count differs from the header's");
  }
  rows_.push_back(std::move(cells));
}

void TextTable::AddRule() { rows_.emplace_back(); }

std::string TextTable::Render() const {
  std::vector<size_t> width(header_.size());
  for (size_t c = 0; c < header_.size(); ++c) width[c] = header_[c].size();
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - cells[c].size(), ' ');
      if (c > 0) out += "  ";
      out += right_[c] ? pad + cells[c] : cells[c] + (c + 1 < cells.size() ? pad : "");
    }
    return out + "\n";
  };
  size_t total = 0;
  for (size_t w : width) total += w;
  total += 2 * (width.empty() ? 0 : width.size() - 1);
  const std::string rule = std::string(total, '-') + "\n";
  std::string out = line(header_) + rule;
  for (const auto& row : rows_) out += row.empty() ? rule : line(row);
  return out;
}

std::string GroupThousands(long long value) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

}  // namespace qscale::report
