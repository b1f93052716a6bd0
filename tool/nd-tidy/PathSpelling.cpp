#include "PathSpelling.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

namespace nd_tidy {

namespace {
// One mapping, as clang-tidy writes its FilePath fields.
struct Named {
  std::string FilePath;
};
} // namespace
} // namespace nd_tidy

template <> struct llvm::yaml::MappingTraits<nd_tidy::Named> {
  static void mapping(IO &Io, nd_tidy::Named &N) { Io.mapRequired("FilePath", N.FilePath); }
};

namespace nd_tidy {

std::string yamlSpelling(llvm::StringRef Path) {
  if (llvm::json::isUTF8(Path))
    return Path.str();
  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    llvm::yaml::Output Out(OS);
    Named N{Path.str()};
    Out << N;
  }
  llvm::yaml::Input In(Text);
  Named Back;
  In >> Back;
  return In.error() ? std::string() : Back.FilePath;
}

bool mayBeMisspelled(llvm::StringRef Path) { return Path.contains("\xEF\xBF\xBD"); }

std::string displayPath(llvm::StringRef Path) {
  std::string Result;
  while (!Path.empty()) {
    size_t Bad = 0;
    if (llvm::json::isUTF8(Path, &Bad)) {
      Result += Path;
      break;
    }
    Result += Path.take_front(Bad);
    Result += "\\x";
    Result += llvm::hexdigit(static_cast<unsigned char>(Path[Bad]) >> 4, /*LowerCase=*/true);
    Result += llvm::hexdigit(static_cast<unsigned char>(Path[Bad]) & 15, /*LowerCase=*/true);
    Path = Path.drop_front(Bad + 1);
  }
  return Result;
}

} // namespace nd_tidy
