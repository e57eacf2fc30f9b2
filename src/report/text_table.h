// Plain-text tables for terminal output: columns sized to their widest cell.
#ifndef QSCALE_SRC_REPORT_TEXT_TABLE_H_
#define QSCALE_SRC_REPORT_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace qscale::report {

class TextTable {
 public:
  // `header` names the columns; a column whose name is listed in `right_aligned` is flushed right
  // (numbers), every other one left.
  TextTable(std::vector<std::string> header, std::vector<std::string> right_aligned = {});

  // Appends one row; it must have as many cells as the header.
  void AddRow(std::vector<std::string> cells);

  // Appends a horizontal rule (e.g. before a totals row).
  void AddRule();

  // The table, one line per row, each ending in '\n', header underlined with '-'.
  std::string Render() const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

// 1234567 -> "1,234,567".
std::string GroupThousands(long long value);

}  // namespace qscale::report

#endif  // QSCALE_SRC_REPORT_TEXT_TABLE_H_
