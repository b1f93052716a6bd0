// nd-tidy project mode, --cache-url URL: the result cache kept on an HTTP server that
// many CI machines share. The protocol is the plain one of bazel-remote, nginx's
// WebDAV module and most artifact stores: GET URL/KEY answers 200 with the entry or
// 404 for none, PUT URL/KEY stores it. The entries are ResultCache's own, checked the
// same way, so a server that returns something else (an error page, a cut body)
// gives a miss, never a result.
//
// A server that is down, slow or answers with an error must not stall or change the
// lint: every request has short, bounded timeouts, the first failure turns the
// server off for the rest of the run with one warning, and the run goes on as if
// there were no server.
#ifndef ND_TIDY_HTTPCACHESTORE_H
#define ND_TIDY_HTTPCACHESTORE_H

#include "ResultCache.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace nd_tidy {

/// The store at \p Url, http:// or https://HOST[:PORT][/PREFIX] (user:password@ and
/// ~/.netrc give basic authentication); an error for any other URL.
llvm::Expected<std::unique_ptr<CacheStore>> makeHttpStore(llvm::StringRef Url,
                                                          llvm::StringRef Version);

/// \p Url with its user and password, if any, replaced by "***" (for messages).
std::string redactUrl(llvm::StringRef Url);

} // namespace nd_tidy

#endif
