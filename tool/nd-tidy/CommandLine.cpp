#include "CommandLine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include <tuple>

namespace nd_tidy {
namespace {

// clang-tidy options whose value may be the next argument (`--checks X`).
const char *const ValueOptions[] = {"checks",
                                    "config",
                                    "config-file",
                                    "exclude-header-filter",
                                    "extra-arg",
                                    "extra-arg-before",
                                    "format-style",
                                    "header-filter",
                                    "line-filter",
                                    "load",
                                    "store-check-profile",
                                    "vfsoverlay",
                                    "warnings-as-errors"};
// Options that print information and exit: they keep plain clang-tidy.
const char *const InfoOptions[] = {"help",         "help-hidden", "help-list",   "help-list-hidden",
                                   "version",      "list-checks", "dump-config", "explain-config",
                                   "verify-config"};

bool contains(llvm::ArrayRef<const char *> List, llvm::StringRef Name) {
  return llvm::any_of(List, [&](const char *S) { return Name == S; });
}

// The argument being read: `--key=value`, `--key value` or `-key`.
class Parser {
public:
  explicit Parser(llvm::ArrayRef<const char *> Argv) : Argv(Argv) {}
  Options O;

  Options run() {
    for (I = 1; I < Argv.size(); ++I)
      read(Argv[I]);
    return std::move(O);
  }

  // The option's value: after '=', or the next argument.
  std::optional<std::string> takeValue() {
    if (HasValue)
      return Value.str();
    if (I + 1 < Argv.size())
      return std::string(Argv[++I]);
    O.Errors.push_back(("option '" + Arg + "' needs a value").str());
    return std::nullopt;
  }
  // A boolean flag: given without a value, or with one other than false.
  bool flag() const { return !HasValue || !(Value == "false" || Value == "0" || Value == "FALSE"); }
  llvm::StringRef key() const { return Key; }

private:
  void read(llvm::StringRef A);
  void passThrough();

  llvm::ArrayRef<const char *> Argv;
  size_t I = 1;
  llvm::StringRef Arg, Key, Value;
  bool HasValue = false;
};

// -j N, --jobs N, -jN.
void readJobs(Parser &P) {
  std::optional<std::string> V;
  if (P.key().size() > 1 && P.key() != "jobs")
    V = P.key().drop_front().str();
  else
    V = P.takeValue();
  unsigned N = 0;
  if (V && (llvm::StringRef(*V).getAsInteger(10, N) || N == 0))
    P.O.Errors.push_back("invalid number of jobs '" + *V + "': expected a positive integer");
  P.O.Jobs = N;
}

void readShard(Parser &P) {
  if (auto V = P.takeValue()) {
    auto [IText, NText] = llvm::StringRef(*V).split('/');
    unsigned Index = 0, Count = 0;
    if (IText.getAsInteger(10, Index) || NText.getAsInteger(10, Count) || Count == 0 ||
        Index == 0 || Index > Count)
      P.O.Errors.push_back("invalid shard '" + *V + "': expected I/N with 1 <= I <= N");
    P.O.Shard = {Index, Count};
  }
}

void readFormat(Parser &P) {
  if (auto V = P.takeValue()) {
    if (*V != "short" && *V != "full")
      P.O.Errors.push_back("invalid --format '" + *V + "': expected short or full");
    P.O.ShortFormat = *V == "short";
    P.O.FormatGiven = true;
  }
}

// nd-tidy's own flags, and the clang-tidy flags it acts on itself, by name (without
// dashes). Every other option is passed through to clang-tidy.
struct FlagDescriptor {
  const char *Name;
  void (*Read)(Parser &);
};
const FlagDescriptor OwnFlags[] = {
    {"p",
     [](Parser &P) {
       if (auto V = P.takeValue())
         P.O.BuildDir = *V;
     }},
    {"j", readJobs},
    {"jobs", readJobs},
    {"diff", [](Parser &P) { P.O.Diff = P.takeValue(); }},
    {"shard", readShard},
    {"sarif", [](Parser &P) { P.O.Sarif = P.takeValue(); }},
    {"format", readFormat},
    {"header-filter", [](Parser &P) { P.O.HeaderFilter = P.takeValue(); }},
    {"exclude-header-filter", [](Parser &P) { P.O.ExcludeHeaderFilter = P.takeValue(); }},
    {"cache-dir", [](Parser &P) { P.O.CacheDir = P.takeValue(); }},
    {"cache-url", [](Parser &P) { P.O.CacheUrl = P.takeValue(); }},
    {"docs-url", [](Parser &P) { P.O.DocsUrl = P.takeValue(); }},
    {"export-fixes", [](Parser &P) { P.O.ExportFixes = P.takeValue(); }},
    {"fix", [](Parser &P) { P.O.Fix = P.flag(); }},
    {"fix-errors",
     [](Parser &P) {
       P.O.FixErrors = P.flag();
       P.O.Fix |= P.O.FixErrors;
     }},
    {"fix-notes", [](Parser &P) { P.O.FixNotes = P.flag(); }},
    {"quiet", [](Parser &P) { P.O.Quiet = P.flag(); }},
};

// Passed-through clang-tidy options whose value nd-tidy also needs.
const struct {
  const char *Name;
  std::optional<std::string> Options::*Field;
} RecordedOptions[] = {
    {"checks", &Options::Checks},
    {"config", &Options::Config},
    {"config-file", &Options::ConfigFile},
    {"warnings-as-errors", &Options::WarningsAsErrors},
};

const FlagDescriptor *ownFlag(llvm::StringRef Key) {
  // -j8: the count written into the flag.
  if (Key.size() > 1 && Key[0] == 'j' && llvm::all_of(Key.drop_front(), llvm::isDigit))
    Key = "j";
  for (const FlagDescriptor &F : OwnFlags)
    if (Key == F.Name)
      return &F;
  return nullptr;
}

void Parser::read(llvm::StringRef A) {
  Arg = A;
  if (O.DashDash)
    return; // compiler arguments; project mode refuses them
  if (Arg == "--") {
    O.DashDash = true;
    return;
  }
  if (Arg.size() < 2 || Arg[0] != '-') {
    O.Files.push_back(Arg.str());
    return;
  }
  llvm::StringRef Name = Arg.drop_front(Arg.starts_with("--") ? 2 : 1);
  std::tie(Key, Value) = Name.split('=');
  HasValue = Name.contains('=');
  if (const FlagDescriptor *F = ownFlag(Key))
    F->Read(*this);
  else
    passThrough();
}

void Parser::passThrough() {
  if (contains(InfoOptions, Key))
    O.Info = true;
  if (Key.starts_with("help") || Key == "version")
    O.HelpOrVersion = true;
  O.PassThrough.push_back(Arg.str());
  std::optional<std::string> OptionValue;
  if (HasValue) {
    OptionValue = Value.str();
  } else if (contains(ValueOptions, Key) && I + 1 < Argv.size()) {
    OptionValue = Argv[++I];
    O.PassThrough.push_back(*OptionValue);
  }
  for (const auto &R : RecordedOptions)
    if (Key == R.Name)
      O.*R.Field = OptionValue;
}

} // namespace

Options parseArgs(llvm::ArrayRef<const char *> Argv) { return Parser(Argv).run(); }

} // namespace nd_tidy
