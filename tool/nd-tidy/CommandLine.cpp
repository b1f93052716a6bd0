#include "CommandLine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

namespace nd_tidy {
namespace {

// clang-tidy options whose value may be the next argument (`--checks X`).
const char *const ValueOptions[] = {
    "checks",      "config",        "config-file",   "exclude-header-filter",
    "extra-arg",   "extra-arg-before", "format-style", "header-filter",
    "line-filter", "load",          "store-check-profile", "vfsoverlay",
    "warnings-as-errors"};
// Options that print information and exit: they keep plain clang-tidy.
const char *const InfoOptions[] = {
    "help",       "help-hidden",   "help-list",      "help-list-hidden", "version",
    "list-checks", "dump-config",  "explain-config", "verify-config"};

bool contains(llvm::ArrayRef<const char *> List, llvm::StringRef Name) {
  return llvm::any_of(List, [&](const char *S) { return Name == S; });
}

} // namespace

Options parseArgs(llvm::ArrayRef<const char *> Argv) {
  Options O;
  for (size_t I = 1; I < Argv.size(); ++I) {
    llvm::StringRef Arg = Argv[I];
    if (O.DashDash)
      continue; // compiler arguments; project mode refuses them
    if (Arg == "--") {
      O.DashDash = true;
      continue;
    }
    if (Arg.size() < 2 || Arg[0] != '-') {
      O.Files.push_back(Arg.str());
      continue;
    }
    llvm::StringRef Name = Arg.drop_front(Arg.starts_with("--") ? 2 : 1);
    auto [Key, Value] = Name.split('=');
    bool HasValue = Name.contains('=');
    auto TakeValue = [&, Key = Key, Value = Value]() -> std::optional<std::string> {
      if (HasValue)
        return Value.str();
      if (I + 1 < Argv.size())
        return std::string(Argv[++I]);
      O.Errors.push_back(("option '" + Arg + "' needs a value").str());
      return std::nullopt;
    };
    auto Flag = [&, Value = Value] {
      return !HasValue || !(Value == "false" || Value == "0" || Value == "FALSE");
    };
    if (Key == "p") {
      if (auto V = TakeValue())
        O.BuildDir = *V;
    } else if (Key == "j" || Key == "jobs" ||
               (Key.size() > 1 && Key[0] == 'j' &&
                llvm::all_of(Key.drop_front(), llvm::isDigit))) {
      std::optional<std::string> V;
      if (Key.size() > 1 && Key != "jobs")
        V = Key.drop_front().str();
      else
        V = TakeValue();
      unsigned N = 0;
      if (V && (llvm::StringRef(*V).getAsInteger(10, N) || N == 0))
        O.Errors.push_back("invalid number of jobs '" + *V + "': expected a positive integer");
      O.Jobs = N;
    } else if (Key == "diff") {
      O.Diff = TakeValue();
    } else if (Key == "shard") {
      if (auto V = TakeValue()) {
        auto [IText, NText] = llvm::StringRef(*V).split('/');
        unsigned Index = 0, Count = 0;
        if (IText.getAsInteger(10, Index) || NText.getAsInteger(10, Count) || Count == 0 ||
            Index == 0 || Index > Count)
          O.Errors.push_back("invalid shard '" + *V + "': expected I/N with 1 <= I <= N");
        O.Shard = {Index, Count};
      }
    } else if (Key == "sarif") {
      O.Sarif = TakeValue();
    } else if (Key == "format") {
      if (auto V = TakeValue()) {
        if (*V != "short" && *V != "full")
          O.Errors.push_back("invalid --format '" + *V + "': expected short or full");
        O.ShortFormat = *V == "short";
        O.FormatGiven = true;
      }
    } else if (Key == "header-filter") {
      O.HeaderFilter = TakeValue();
    } else if (Key == "exclude-header-filter") {
      O.ExcludeHeaderFilter = TakeValue();
    } else if (Key == "cache-dir") {
      O.CacheDir = TakeValue();
    } else if (Key == "docs-url") {
      O.DocsUrl = TakeValue();
    } else if (Key == "export-fixes") {
      O.ExportFixes = TakeValue();
    } else if (Key == "fix") {
      O.Fix = Flag();
    } else if (Key == "fix-errors") {
      O.FixErrors = Flag();
      O.Fix |= O.FixErrors;
    } else if (Key == "fix-notes") {
      O.FixNotes = Flag();
    } else if (Key == "quiet") {
      O.Quiet = Flag();
    } else {
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
      if (Key == "checks")
        O.Checks = OptionValue;
      else if (Key == "config")
        O.Config = OptionValue;
      else if (Key == "config-file")
        O.ConfigFile = OptionValue;
      else if (Key == "warnings-as-errors")
        O.WarningsAsErrors = OptionValue;
    }
  }
  return O;
}


} // namespace nd_tidy
