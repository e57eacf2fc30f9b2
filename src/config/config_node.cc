#include "src/config/config_node.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "src/config/config_error.h"
#include "src/config/yaml_tree.h"

namespace qscale::config {

ConfigNode MakeConfigNode(std::shared_ptr<const ConfigNode::Rep> rep);

namespace {

const std::string& EmptyString() {
  static const std::string* const kEmpty = new std::string;
  return *kEmpty;
}

// True when `path` is `covering` or lies below it.
bool Covers(const std::string& covering, const std::string& path) {
  if (path.compare(0, covering.size(), covering) != 0) return false;
  return path.size() == covering.size() || path[covering.size()] == '.' ||
         path[covering.size()] == '[';
}

// The latest override origin covering `path`, or nullptr when the node came from the document.
const OverrideOrigin* FindOrigin(const ConfigTree& tree, const std::string& path) {
  for (auto it = tree.origins.rbegin(); it != tree.origins.rend(); ++it) {
    if (Covers(it->path, path)) return &*it;
  }
  return nullptr;
}

// 1-based line of a mark, or `fallback` for the null mark of a node built in memory.
int LineOf(const YAML::Mark& mark, int fallback) {
  return mark.line >= 0 ? mark.line + 1 : fallback;
}

// The fix to suggest for a YAML syntax error reported at 0-based `line` of `text`: yaml-cpp's
// messages for tab indentation ("illegal map value") do not mention tabs.
std::string SyntaxHint(const std::string& text, int line) {
  std::istringstream lines(text);
  std::string current;
  for (int i = 0; std::getline(lines, current) && i <= line; ++i) {
    const std::string::size_type indent = current.find_first_not_of(" \t");
    if (i >= line - 1 && current.substr(0, indent).find('\t') != std::string::npos) {
      return "indent with spaces; YAML does not allow tabs";
    }
  }
  return "check the indentation, quotes and brackets near here";
}

// Records where each YAML document starts and where its first node is, building nothing.
class DocumentMarks : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

  std::vector<YAML::Mark> starts;  // of each document
  std::vector<YAML::Mark> nodes;   // of each document's first node

 private:
  void Node(const YAML::Mark& mark) {
    if (nodes.size() < starts.size()) nodes.push_back(mark);
  }
};

// The first document of `text` (a null node when there is none). Throws ConfigError when a
// second document follows, and YAML::Exception for a syntax error. Unlike YAML::LoadAll it
// cannot hang: yaml-cpp 0.7 meets a token it cannot place at the top level (a stray ',') by
// reporting an empty document there without consuming the token, forever
// (https://github.com/jbeder/yaml-cpp/issues/1040); two documents starting at the same place
// are reported as malformed YAML instead.
YAML::Node LoadOneDocument(const std::string& text, const std::string& source) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentMarks marks;
  while (marks.starts.size() < 2 && parser.HandleNextDocument(marks)) {
  }
  if (marks.starts.empty()) return YAML::Node(YAML::NodeType::Null);
  if (marks.starts.size() == 1) return YAML::Load(text);
  const YAML::Mark& second = marks.starts[1];
  if (second.pos == marks.starts[0].pos) {
    const char token = second.pos >= 0 && static_cast<size_t>(second.pos) < text.size()
                           ? text[static_cast<size_t>(second.pos)]
                           : '?';
    throw ConfigError(fmt::format("{}:{}: malformed YAML: unexpected '{}' at column {} ({})",
                                  source, LineOf(second, 1), token, second.column + 1,
                                  SyntaxHint(text, second.line)));
  }
  throw ConfigError(fmt::format(
      "{}:{}: a config file holds one YAML document; remove the second '---' and what follows",
      source, LineOf(marks.nodes.size() > 1 ? marks.nodes[1] : second, 1)));
}

std::shared_ptr<ConfigTree> BuildTree(const std::string& text, const std::string& source,
                                      const std::vector<Override>& overrides) {
  auto tree = std::make_shared<ConfigTree>();
  tree->source = source;
  tree->text = text;
  try {
    tree->root = LoadOneDocument(text, source);
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("{}:{}: malformed YAML: {} ({})", source, LineOf(e.mark, 1),
                                  e.msg, SyntaxHint(text, e.mark.line)));
  }
  for (const Override& override : overrides) {
    ApplyOverride(override, tree.get());
    tree->overrides.push_back(override);
  }
  return tree;
}

ConfigNode RootOf(std::shared_ptr<const ConfigTree> tree) {
  auto rep = std::make_shared<ConfigNode::Rep>();
  rep->node = tree->root;
  rep->line = LineOf(tree->root.Mark(), 1);
  rep->tree = std::move(tree);
  return MakeConfigNode(std::move(rep));
}

}  // namespace

ConfigNode MakeConfigNode(std::shared_ptr<const ConfigNode::Rep> rep) {
  return ConfigNode(std::move(rep));
}

YAML::Node FindChild(const YAML::Node& map, const std::string& key) {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

bool ConfigNode::IsPresent() const { return rep_ != nullptr && rep_->node.IsDefined(); }
bool ConfigNode::IsNull() const { return IsPresent() && rep_->node.IsNull(); }
bool ConfigNode::IsScalar() const { return IsPresent() && rep_->node.IsScalar(); }
bool ConfigNode::IsMap() const { return IsPresent() && rep_->node.IsMap(); }
bool ConfigNode::IsSequence() const { return IsPresent() && rep_->node.IsSequence(); }

const std::string& ConfigNode::path() const { return rep_ != nullptr ? rep_->path : EmptyString(); }

const std::string& ConfigNode::source_name() const {
  return rep_ != nullptr ? rep_->tree->source : EmptyString();
}

std::string ConfigNode::Location() const {
  if (rep_ == nullptr) return "<no config>";
  if (const auto* origin = FindOrigin(*rep_->tree, rep_->path)) return origin->origin;
  if (rep_->line <= 0) return rep_->tree->source;
  return fmt::format("{}:{}", rep_->tree->source, rep_->line);
}

const std::string& ConfigNode::Scalar() const {
  return IsScalar() ? rep_->node.Scalar() : EmptyString();
}

std::string ConfigNode::Describe() const {
  if (IsScalar()) return fmt::format("\"{}\"", rep_->node.Scalar());
  if (IsMap()) return "a map";
  if (IsSequence()) return "a list";
  return "no value";
}

std::vector<std::pair<std::string, ConfigNode>> ConfigNode::Entries() const {
  std::vector<std::pair<std::string, ConfigNode>> entries;
  if (!IsMap()) return entries;
  for (auto it = rep_->node.begin(); it != rep_->node.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    auto child = std::make_shared<Rep>();
    child->tree = rep_->tree;
    child->node = it->second;
    child->path = rep_->path.empty() ? key : rep_->path + "." + key;
    child->line = LineOf(it->first.Mark(), rep_->line);
    entries.emplace_back(key, ConfigNode(std::move(child)));
  }
  return entries;
}

ConfigNode ConfigNode::Child(std::string_view key) const {
  if (rep_ == nullptr) return ConfigNode();
  for (auto& [name, value] : Entries()) {
    if (name == key) return value;
  }
  auto absent = std::make_shared<Rep>();
  absent->tree = rep_->tree;
  absent->node = YAML::Node(YAML::NodeType::Undefined);
  absent->path = rep_->path.empty() ? std::string(key) : rep_->path + "." + std::string(key);
  absent->line = rep_->line;
  return ConfigNode(std::move(absent));
}

size_t ConfigNode::size() const { return IsSequence() ? rep_->node.size() : 0; }

ConfigNode ConfigNode::Element(size_t index) const {
  if (index >= size()) return ConfigNode();
  auto element = std::make_shared<Rep>();
  element->tree = rep_->tree;
  element->node = rep_->node[index];
  element->path = fmt::format("{}[{}]", rep_->path, index);
  element->line = LineOf(element->node.Mark(), rep_->line);
  return ConfigNode(std::move(element));
}

std::string ConfigNode::ToYaml() const {
  if (!IsPresent()) return "";
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << rep_->node;
  return out.c_str();
}

ConfigNode ConfigNode::WithOverrides(const std::vector<Override>& overrides) const {
  if (rep_ == nullptr) return ConfigNode();
  if (rep_->path.find('[') != std::string::npos) {
    Fail("overrides cannot be applied inside a list");
  }
  std::vector<Override> all = rep_->tree->overrides;
  for (Override override : overrides) {
    if (!rep_->path.empty()) override.key = rep_->path + "." + override.key;
    all.push_back(std::move(override));
  }
  ConfigNode node = RootOf(BuildTree(rep_->tree->text, rep_->tree->source, all));
  std::string::size_type start = 0;
  while (start < rep_->path.size()) {
    std::string::size_type end = rep_->path.find('.', start);
    if (end == std::string::npos) end = rep_->path.size();
    node = node.Child(std::string_view(rep_->path).substr(start, end - start));
    start = end + 1;
  }
  return node;
}

std::string ConfigNode::Compose(std::string_view separator, std::string_view text) const {
  const auto* origin = rep_ != nullptr ? FindOrigin(*rep_->tree, rep_->path) : nullptr;
  // An override's origin already spells out the key it set.
  if ((origin != nullptr && origin->is_key && origin->path == rep_->path) || path().empty()) {
    return fmt::format("{}: {}", Location(), text);
  }
  return fmt::format("{}: {}{}{}", Location(), path(), separator, text);
}

void ConfigNode::Fail(std::string_view problem) const { throw ConfigError(Compose(": ", problem)); }

void ConfigNode::FailRequirement(std::string_view requirement) const {
  throw ConfigError(Compose(" ", requirement));
}

ConfigNode ParseConfigText(const std::string& text, const std::string& source_name,
                           const std::vector<Override>& overrides) {
  return RootOf(BuildTree(text, source_name, overrides));
}

std::string ReadConfigText(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    throw ConfigError(fmt::format("{}: cannot open config file (it is a directory)", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string reason = fs::exists(path, error) ? std::strerror(errno) : "no such file";
    throw ConfigError(fmt::format(
        "{}: cannot open config file ({}; relative paths are resolved against the current "
        "directory, {})",
        path, reason, fs::current_path(error).string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ConfigNode LoadConfigFile(const std::string& path, const std::vector<Override>& overrides) {
  return ParseConfigText(ReadConfigText(path), path, overrides);
}

}  // namespace qscale::config
