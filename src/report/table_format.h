// Result tables (`qscale tables`) rendered as Markdown, CSV and LaTeX, and the Accelergy-shaped
// YAML exports (energy reference table ERT, area reference table ART). Plain text; no YAML
// library (src/config is the only yaml-cpp user).
#ifndef QSCALE_SRC_REPORT_TABLE_FORMAT_H_
#define QSCALE_SRC_REPORT_TABLE_FORMAT_H_

#include <string>
#include <utility>
#include <vector>

namespace qscale::report {

// A titled table. Every column header carries its unit in parentheses where it has one, e.g.
// "area (um^2)"; every row has one cell per column.
struct Table {
  std::string name;                            // file stem, e.g. "units"
  std::string title;                           // one line
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> notes;              // sources and caveats, printed under the table
};

// `cell` as one RFC 4180 CSV field: as it is, or quoted (quotes doubled) when it holds a comma,
// a quote or a newline.
std::string CsvCell(const std::string& cell);

// GitHub Markdown: "### title", the table, notes as a list.
std::string ToMarkdown(const Table& table);
// RFC 4180 CSV: a header row then the rows (title and notes left out).
std::string ToCsv(const Table& table);
// A LaTeX table environment (booktabs rules), special characters escaped, notes as a footnote
// paragraph.
std::string ToLatex(const Table& table);

// One action of an Accelergy energy reference table: component, action, energy in pJ.
struct ErtEntry {
  std::string component;  // e.g. "system.PE[0..255].multiplier"
  std::string action;     // e.g. "mac_random"
  double energy_pj = 0;
};
// One component of an area reference table, um^2.
struct ArtEntry {
  std::string component;
  double area_um2 = 0;
};
// ERT: {ERT: {version: 0.3, tables: [{name, actions: [{name, arguments: null, energy}]}]}};
// ART: {ART: {version: 0.3, tables: [{name, area}]}}. Energies in pJ, areas in um^2, as
// Accelergy expects. `header` becomes leading comment lines.
std::string ToAccelergyErt(const std::vector<ErtEntry>& entries, const std::string& header);
std::string ToAccelergyArt(const std::vector<ArtEntry>& entries, const std::string& header);

}  // namespace qscale::report

#endif  // QSCALE_SRC_REPORT_TABLE_FORMAT_H_
