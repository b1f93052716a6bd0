#include "DocsLinks.h"

#include "CheckDocs.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace nd_clangd {
namespace {

namespace json = llvm::json;

// Rewrites in place every diagnostic in V (at any depth: publishDiagnostics, and the
// diagnostics a code action repeats) whose code is an nd check and whose link is the
// one clangd made for it; whether there was one.
bool rewriteLinks(json::Value &V, llvm::StringRef NdDocsBase) {
  bool Changed = false;
  if (json::Array *Elements = V.getAsArray()) {
    for (json::Value &E : *Elements)
      Changed |= rewriteLinks(E, NdDocsBase);
    return Changed;
  }
  json::Object *Object = V.getAsObject();
  if (!Object)
    return false;
  std::optional<llvm::StringRef> Code = Object->getString("code");
  json::Object *Description = Object->getObject("codeDescription");
  if (Code && Code->starts_with("nd-") && Description &&
      Description->getString("href") ==
          std::optional<llvm::StringRef>(nd_docs::clangdCheckUri(*Code))) {
    (*Description)["href"] = nd_docs::checkHelpUri(*Code, NdDocsBase);
    Changed = true;
  }
  for (auto &Member : *Object)
    Changed |= rewriteLinks(Member.second, NdDocsBase);
  return Changed;
}

} // namespace

llvm::Expected<std::optional<std::string>> takeDocsUrlOption(int &argc, char *argv[]) {
  std::optional<std::string> Url;
  int Kept = 1;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg = argv[I], Name = Arg;
    bool Dashed = Name.consume_front("--") || Name.consume_front("-");
    if (!Dashed || !Name.consume_front("docs-url") || !(Name.empty() || Name[0] == '=')) {
      argv[Kept++] = argv[I];
      continue;
    }
    if (Name.consume_front("="))
      Url = Name.str();
    else if (I + 1 < argc)
      Url = argv[++I];
    else
      Url = "";
    if (Url->empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "option '%s' needs a value: the base URI of the nd "
                                     "check pages",
                                     Arg.str().c_str());
  }
  argc = Kept;
  argv[argc] = nullptr;
  return Url;
}

std::optional<std::string> withNdDocsLinks(llvm::StringRef Body, llvm::StringRef NdDocsBase) {
  // Most messages have no nd link: they are passed on without being parsed.
  if (!Body.contains("/clang-tidy/checks/nd/"))
    return std::nullopt;
  llvm::Expected<json::Value> Message = json::parse(Body);
  if (!Message) {
    llvm::consumeError(Message.takeError());
    return std::nullopt;
  }
  if (!rewriteLinks(*Message, NdDocsBase))
    return std::nullopt;
  std::string Result;
  llvm::raw_string_ostream OS(Result);
  // clangd --pretty indents its messages (a newline cannot be inside a JSON string).
  if (Body.contains('\n'))
    OS << llvm::formatv("{0:2}", *Message);
  else
    OS << *Message;
  OS.flush();
  return Result;
}

} // namespace nd_clangd
