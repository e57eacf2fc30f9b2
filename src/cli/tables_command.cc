#include "src/cli/tables_command.h"

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "src/cli/progress_bar.h"
#include "src/cli/sweep_command.h"
#include "src/config/override.h"
#include "src/driver/tables_job.h"
#include "src/report/atomic_file.h"
#include "src/sweep/runner.h"
#include "src/sweep/sweep_spec.h"

namespace qscale::cli {
namespace {

namespace fs = std::filesystem;

// Runs one `qscale run` per scheme (SystemC elaborates once per process), as a sweep over
// quant.scheme in `dir`, and returns their JSON reports in scheme order.
std::vector<nlohmann::ordered_json> RunSchemes(const driver::TablesOptions& options,
                                       const std::string& dir, bool quiet) {
  sweep::Sweep sweep;
  sweep.source = "qscale tables";
  sweep.base_path = options.config;
  sweep.axis_keys = {"quant.scheme"};
  std::string all;
  for (size_t i = 0; i < options.schemes.size(); ++i) {
    sweep::Point p;
    p.index = static_cast<int>(i);
    p.axes = {{"quant.scheme", options.schemes[i]}};
    p.id = sweep::PointId(p.axes);
    const auto overrides = driver::SchemeRunOverrides(options, options.schemes[i]);
    p.overrides = config::ParseOverrides(overrides);
    for (const std::string& o : overrides) all += o + "\n";
    sweep.points.push_back(p);
  }
  sweep.fingerprint = sweep::PointId({{"tables", options.config + "\n" + all}});
  sweep::RunOptions run;
  run.executable = QscaleExecutable();
  run.out_dir = dir;
  run.jobs = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  ProgressBar bar("tables", static_cast<int64_t>(sweep.points.size()), "scheme runs", !quiet);
  sweep::RunSweep(sweep, run, [&bar](int done, int /*total*/) { bar.Update(done); });
  bar.Finish();
  std::vector<nlohmann::ordered_json> reports;
  for (const sweep::Point& p : sweep.points) {
    std::optional<sweep::PointOutcome> outcome = sweep::ReadPointOutcome(dir, p);
    if (!outcome || !outcome->ok) {
      throw std::runtime_error(fmt::format("tables: the {} run failed: {}", p.axes[0].second,
                                           outcome ? outcome->error : "no report"));
    }
    reports.push_back(std::move(outcome->report));
  }
  return reports;
}

}  // namespace

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
  driver::TablesResult result = driver::BuildUnitTables(options);
  if (options.runs) {
    const fs::path dir = fs::temp_directory_path() / fmt::format("qscale_tables_{}", ::getpid());
    fs::remove_all(dir);
    std::vector<nlohmann::ordered_json> reports;
    try {
      reports = RunSchemes(options, dir.string(), args.quiet);
    } catch (...) {
      fs::remove_all(dir);
      throw;
    }
    fs::remove_all(dir);
    driver::AddSchemeTables(reports, result);
    if (!args.out.empty()) {  // the runs behind the tables, for reference
      for (const nlohmann::ordered_json& r : reports) {
        const std::string path =
            fmt::format("{}/runs/{}.json", args.out, r.at("scheme").get<std::string>());
        report::WriteFileAtomically(path, r.dump(2) + "\n");
        out << "report     " << path << "\n";
      }
    }
  }
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
