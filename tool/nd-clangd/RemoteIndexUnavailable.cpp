// clangd's remote index client, for a build without it. Debian's
// libclangdRemoteIndex.a needs gRPC, so nd-clangd does what upstream clangd does when
// built without CLANGD_ENABLE_REMOTE: getClient returns no index, and clangd carries on
// with its local index.
//
// The symbol libclangdMain.a needs is
//   std::unique_ptr<clang::clangd::SymbolIndex>
//   clang::clangd::remote::getClient(llvm::StringRef, llvm::StringRef)
// Debian ships no clangd headers, so SymbolIndex cannot be completed here, and GCC
// (unlike Clang) instantiates unique_ptr's deleter, which needs a complete type, for any
// `return nullptr;` of that type. The function is therefore defined with a complete
// stand-in pointee. The Itanium C++ ABI mangles no return type into the name of a
// non-template function, so this defines exactly the symbol clangd calls, and a
// unique_ptr with the default deleter has the same representation (one pointer, returned
// through the caller's slot) whatever it points to. Only a null pointer ever crosses.
#include <memory>

#include "llvm/ADT/StringRef.h"

namespace clang::clangd::remote {

// Stands in for clangd::SymbolIndex in the return type; never instantiated.
struct NoRemoteIndex {};
static_assert(sizeof(std::unique_ptr<NoRemoteIndex>) == sizeof(void *),
              "unique_ptr with the default deleter must be a bare pointer");

std::unique_ptr<NoRemoteIndex> getClient(llvm::StringRef /*Address*/,
                                         llvm::StringRef /*ProjectRoot*/) {
  return nullptr;
}

} // namespace clang::clangd::remote
