#include "src/cli/tables_command.h"

#include <fmt/format.h>

#include "src/cli/terminal_progress.h"
#include "src/driver/tables_job.h"
#include "src/report/atomic_file.h"

namespace qscale::cli {

int RunTables(const TablesArgs& args, std::ostream& out) {
  driver::TablesOptions options;
  options.config = args.config;
  options.overrides = args.overrides;
  options.images = args.images;
  if (!args.schemes.empty()) options.schemes = args.schemes;
  options.runs = !args.units_only;
  // Bad output paths are refused before any work.
  if (!args.out.empty()) report::CheckWritablePath(args.out + "/units." + args.format);
  if (!args.accelergy.empty()) report::CheckWritablePath(args.accelergy + "/x/ERT.yaml");
  TerminalProgress progress(!args.quiet);
  const driver::TablesResult result = driver::BuildTables(options, progress);
  for (const report::Table& table : result.tables) {
    const std::string text = args.format == "csv"   ? report::ToCsv(table)
                             : args.format == "tex" ? report::ToLatex(table)
                                                    : report::ToMarkdown(table);
    if (args.out.empty()) {
      out << text << "\n";
    } else {
      const std::string path = fmt::format("{}/{}.{}", args.out, table.name, args.format);
      report::WriteFileAtomically(path, text);
      out << "table      " << path << "\n";
    }
  }
  if (!args.accelergy.empty()) {
    for (const auto& [scheme, files] : result.accelergy) {
      for (const auto& [name, text] : {std::pair{"ERT.yaml", files.ert},
                                       std::pair{"ART.yaml", files.art}}) {
        const std::string path = fmt::format("{}/{}/{}", args.accelergy, scheme, name);
        report::WriteFileAtomically(path, text);
        out << "accelergy  " << path << "\n";
      }
    }
  }
  return 0;
}

}  // namespace qscale::cli
