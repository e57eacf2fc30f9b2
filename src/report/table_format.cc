#include "src/report/table_format.h"

#include <fmt/format.h>

namespace qscale::report {
namespace {

std::string TexEscape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (text.compare(i, 2, "µ") == 0) {
      out += "$\\mu$";
      ++i;
    } else if (text.compare(i, 2, "²") == 0) {
      out += "$^2$";
      ++i;
    } else if (c == '^' && i + 1 < text.size() && text[i + 1] == '2') {
      out += "$^2$";
      ++i;
    } else if (c == '_' || c == '%' || c == '&' || c == '#' || c == '$' || c == '{' ||
               c == '}') {
      out += '\\';
      out += c;
    } else if (c == '~') {
      out += "$\\sim$";
    } else {
      out += c;
    }
  }
  return out;
}

std::string YamlString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

std::string Comment(const std::string& header) {
  std::string out;
  size_t start = 0;
  while (start <= header.size() && !header.empty()) {
    const size_t end = header.find('\n', start);
    out += "# " + header.substr(start, end == std::string::npos ? std::string::npos : end - start) +
           "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string CsvCell(const std::string& cell) {
  if (cell.find_first_of(",\"\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string ToMarkdown(const Table& t) {
  std::string out = fmt::format("### {}\n\n|", t.title);
  for (const std::string& c : t.columns) out += " " + c + " |";
  out += "\n|";
  for (size_t i = 0; i < t.columns.size(); ++i) out += i == 0 ? "---|" : "---:|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + cell + " |";
    out += "\n";
  }
  if (!t.notes.empty()) out += "\n";
  for (const std::string& note : t.notes) out += "- " + note + "\n";
  return out;
}

std::string ToCsv(const Table& t) {
  std::string out;
  for (size_t i = 0; i < t.columns.size(); ++i) out += (i ? "," : "") + CsvCell(t.columns[i]);
  out += "\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + CsvCell(row[i]);
    out += "\n";
  }
  return out;
}

std::string ToLatex(const Table& t) {
  std::string out = "\\begin{table}[ht]\n\\centering\n\\small\n";
  out += fmt::format("\\caption{{{}}}\n\\begin{{tabular}}{{l{}}}\n\\toprule\n", TexEscape(t.title),
                     std::string(t.columns.empty() ? 0 : t.columns.size() - 1, 'r'));
  for (size_t i = 0; i < t.columns.size(); ++i) {
    out += (i ? " & " : "") + TexEscape(t.columns[i]);
  }
  out += " \\\\\n\\midrule\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? " & " : "") + TexEscape(row[i]);
    out += " \\\\\n";
  }
  out += "\\bottomrule\n\\end{tabular}\n";
  if (!t.notes.empty()) {
    out += "\\par\\footnotesize\n";
    for (const std::string& note : t.notes) out += TexEscape(note) + "\\\\\n";
  }
  out += "\\end{table}\n";
  return out;
}

std::string ToAccelergyErt(const std::vector<ErtEntry>& entries, const std::string& header) {
  std::string out = Comment(header) + "ERT:\n  version: 0.3\n  tables:\n";
  std::string current;
  for (const ErtEntry& e : entries) {
    if (e.component != current) {
      current = e.component;
      out += fmt::format("    - name: {}\n      actions:\n", YamlString(e.component));
    }
    out += fmt::format("        - name: {}\n          arguments: null\n          energy: {:.6g}\n",
                       YamlString(e.action), e.energy_pj);
  }
  return out;
}

std::string ToAccelergyArt(const std::vector<ArtEntry>& entries, const std::string& header) {
  std::string out = Comment(header) + "ART:\n  version: 0.3\n  tables:\n";
  for (const ArtEntry& e : entries) {
    out += fmt::format("    - name: {}\n      area: {:.6g}\n", YamlString(e.component), e.area_um2);
  }
  return out;
}

}  // namespace qscale::report
