#include "src/sweep/sweep_spec.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include <fmt/format.h>

#include "src/config/config_error.h"
#include "src/config/run_config.h"
#include "src/report/fnv1a.h"

namespace qscale::sweep {
namespace {

std::string Hex(uint64_t value) { return fmt::format("{:016x}", value); }

// A dimension of the product: one axis, or one zip group (several keys moving together).
struct Dimension {
  std::vector<std::string> keys;
  std::vector<std::vector<config::ConfigNode>> values;  // [key][choice]
  size_t choices = 0;
};

// Reads one key -> list entry of `axes` or a zip group.
std::vector<config::ConfigNode> ListOf(const config::ConfigNode& node, const std::string& key) {
  if (!node.IsSequence() || node.size() == 0) {
    node.Fail(fmt::format("expected a non-empty list of values for {} (got {})", key,
                          node.Describe()));
  }
  std::vector<config::ConfigNode> values;
  for (size_t i = 0; i < node.size(); ++i) values.push_back(node.Element(i));
  return values;
}

// Throws ConfigError at `node`'s line (the key's) when the axis key `key` is not a key path.
void RequireKeyPath(const config::ConfigNode& node, const std::string& key) {
  if (!config::IsKeyPath(key)) {
    node.Fail(fmt::format("\"{}\" is not a key path ({})", key, config::kKeyPathRule));
  }
}

// The run: options as overrides.
std::vector<config::Override> RunOverrides(const config::ConfigNode& run) {
  std::vector<config::Override> out;
  if (!run.IsPresent() || run.IsNull()) return out;
  if (!run.IsMap()) run.Fail("expected a map of run options (images, fidelity, batch, seed)");
  static const std::map<std::string, std::string> kKeys = {{"images", "dataset.images"},
                                                           {"fidelity", "sim.fidelity"},
                                                           {"batch", "sim.batch"},
                                                           {"seed", "sim.seed"}};
  for (const auto& [key, value] : run.Entries()) {
    const auto it = kKeys.find(key);
    if (it == kKeys.end()) {
      value.Fail(fmt::format("unknown run option {} (run takes images, fidelity, batch, seed)",
                             key));
    }
    out.push_back({it->second, value.ToYaml(), value.Location() + ": run." + key});
  }
  return out;
}

}  // namespace

std::string PointId(const std::vector<std::pair<std::string, std::string>>& axes) {
  std::vector<std::string> lines;
  for (const auto& [key, value] : axes) lines.push_back(key + "=" + value + "\n");
  std::sort(lines.begin(), lines.end());
  uint64_t hash = report::kFnv1aOffsetBasis;
  for (const std::string& line : lines) hash = report::Fnv1a(line, hash);
  return Hex(hash);
}

Sweep LoadSweep(const std::string& path) {
  return ParseSweep(config::LoadConfigFile(path), path);
}

Sweep ParseSweep(const config::ConfigNode& root, const std::string& path) {
  Sweep sweep;
  sweep.source = path;
  for (const auto& [key, value] : root.Entries()) {
    if (key != "base" && key != "run" && key != "axes" && key != "zip" && key != "exclude") {
      value.Fail(fmt::format("unknown key {} (a sweep has base, run, axes, zip, exclude)", key));
    }
  }

  // The base: a path, or an inline config.
  const config::ConfigNode base = root.Child("base");
  config::ConfigNode base_root;
  std::string base_text;  // the base config as written: its file's contents, or the inline YAML
  if (!base.IsPresent() || base.IsNull()) {
    throw config::ConfigError(fmt::format(
        "{}: base: missing; give a config path (base: configs/default.yaml) or an inline config",
        path));
  } else if (base.IsScalar()) {
    sweep.base_path = base.Scalar();
    base_text = config::ReadConfigText(sweep.base_path);
    base_root = config::ParseConfigText(base_text, sweep.base_path);
  } else if (base.IsMap()) {
    sweep.base_yaml = base.ToYaml();
    base_text = sweep.base_yaml;
    base_root = base;
  } else {
    base.Fail("expected a config path or an inline config map");
  }
  const std::vector<config::Override> run = RunOverrides(root.Child("run"));

  // Dimensions: axes, then zip groups.
  std::vector<Dimension> dimensions;
  const config::ConfigNode axes = root.Child("axes");
  if (axes.IsPresent() && !axes.IsNull()) {
    if (!axes.IsMap()) axes.Fail("expected a map of key path -> list of values");
    for (const auto& [key, value] : axes.Entries()) {
      RequireKeyPath(value, key);
      Dimension d;
      d.keys = {key};
      d.values = {ListOf(value, key)};
      d.choices = d.values[0].size();
      dimensions.push_back(std::move(d));
    }
  }
  const config::ConfigNode zip = root.Child("zip");
  if (zip.IsPresent() && !zip.IsNull()) {
    if (!zip.IsSequence()) zip.Fail("expected a list of groups (maps of key path -> list)");
    for (size_t g = 0; g < zip.size(); ++g) {
      const config::ConfigNode group = zip.Element(g);
      if (!group.IsMap() || group.Entries().empty()) {
        group.Fail("expected a map of key path -> list of values");
      }
      Dimension d;
      for (const auto& [key, value] : group.Entries()) {
        RequireKeyPath(value, key);
        d.keys.push_back(key);
        d.values.push_back(ListOf(value, key));
        if (d.values.size() > 1 && d.values.back().size() != d.values.front().size()) {
          group.Fail(fmt::format("the lists of {} ({}) and {} ({}) differ in length; zipped "
                                 "lists vary together",
                                 d.keys.front(), d.values.front().size(), key,
                                 d.values.back().size()));
        }
      }
      d.choices = d.values.front().size();
      dimensions.push_back(std::move(d));
    }
  }
  for (const Dimension& d : dimensions) {
    for (const std::string& key : d.keys) {
      if (std::find(sweep.axis_keys.begin(), sweep.axis_keys.end(), key) !=
          sweep.axis_keys.end()) {
        throw config::ConfigError(fmt::format("{}: {}: swept twice", path, key));
      }
      sweep.axis_keys.push_back(key);
    }
  }

  // Exclusions: maps key -> value text.
  std::vector<std::map<std::string, std::string>> excludes;
  const config::ConfigNode exclude = root.Child("exclude");
  if (exclude.IsPresent() && !exclude.IsNull()) {
    if (!exclude.IsSequence()) exclude.Fail("expected a list of partial points (maps)");
    for (size_t e = 0; e < exclude.size(); ++e) {
      const config::ConfigNode entry = exclude.Element(e);
      if (!entry.IsMap()) entry.Fail("expected a map of key path -> value");
      std::map<std::string, std::string> partial;
      for (const auto& [key, value] : entry.Entries()) {
        if (std::find(sweep.axis_keys.begin(), sweep.axis_keys.end(), key) ==
            sweep.axis_keys.end()) {
          value.Fail(fmt::format("{} is not a swept key; an exclusion names swept keys", key));
        }
        partial[key] = value.ToYaml();
      }
      excludes.push_back(std::move(partial));
    }
  }

  // The product, first dimension outermost.
  size_t total = 1;
  for (const Dimension& d : dimensions) {
    if (d.choices > kMaxSweepPoints / total) {
      throw config::ConfigError(fmt::format(
          "{}: the sweep expands to more than {} points; narrow its axes or split it into "
          "several sweeps",
          path, kMaxSweepPoints));
    }
    total *= d.choices;
  }
  std::set<std::string> ids;
  std::string expansion;
  for (size_t n = 0; n < total; ++n) {
    Point point;
    size_t rest = n;
    std::vector<size_t> choice(dimensions.size());
    for (size_t i = dimensions.size(); i-- > 0;) {
      choice[i] = rest % dimensions[i].choices;
      rest /= dimensions[i].choices;
    }
    for (size_t i = 0; i < dimensions.size(); ++i) {
      for (size_t k = 0; k < dimensions[i].keys.size(); ++k) {
        const config::ConfigNode& value = dimensions[i].values[k][choice[i]];
        const std::string text = value.ToYaml();
        point.axes.emplace_back(dimensions[i].keys[k], text);
        point.overrides.push_back({dimensions[i].keys[k], text,
                                   fmt::format("{}: {}={}", value.Location(),
                                               dimensions[i].keys[k], text)});
      }
    }
    const bool excluded = std::any_of(excludes.begin(), excludes.end(), [&](const auto& partial) {
      return std::all_of(partial.begin(), partial.end(), [&](const auto& kv) {
        const std::pair<std::string, std::string> axis(kv.first, kv.second);
        return std::find(point.axes.begin(), point.axes.end(), axis) != point.axes.end();
      });
    });
    if (excluded) continue;
    point.overrides.insert(point.overrides.end(), run.begin(), run.end());
    point.index = static_cast<int>(sweep.points.size());
    point.id = PointId(point.axes);
    if (!ids.insert(point.id).second) {
      std::string values;
      for (const auto& [key, value] : point.axes) {
        values += (values.empty() ? "" : ", ") + key + "=" + value;
      }
      throw config::ConfigError(fmt::format(
          "{}: the point ({}) comes twice; a value is listed twice in one axis or zip group",
          path, values));
    }
    // Checks the point's config now, naming the axis value's line on error.
    config::RunConfig checked = config::ParseRunConfig(base_root.WithOverrides(point.overrides));
    config::CheckInputFiles(checked);
    expansion += point.id + "\n";
    sweep.points.push_back(std::move(point));
  }
  if (sweep.points.empty()) {
    throw config::ConfigError(
        fmt::format("{}: the sweep has no points (every point is excluded)", path));
  }
  // Whatever changes a point's result changes the fingerprint: the points, the run options and
  // the base config's text (a resumed sweep must not mix results of two configs).
  std::string identity = expansion + "base " + sweep.base_path + "\n";
  for (const config::Override& o : run) identity += "run " + o.key + "=" + o.value + "\n";
  sweep.fingerprint = Hex(report::Fnv1a(base_text, report::Fnv1a(identity)));
  return sweep;
}

}  // namespace qscale::sweep
