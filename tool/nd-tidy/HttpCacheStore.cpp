#include "HttpCacheStore.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>

namespace nd_tidy {

namespace {

// A dead or unreachable server must cost a lint at most a few seconds in all: the
// first request that fails turns the server off, so these bound the whole run's loss.
constexpr long ConnectTimeoutMs = 1000;
constexpr long RequestTimeoutMs = 5000;
// No entry is this large (a unit's fixes YAML); a server streaming more is not a cache.
constexpr size_t MaxEntryBytes = size_t(256) << 20;

struct Response {
  long Status = 0;
  std::string Body;
  std::optional<std::string> TransportError; // no HTTP answer at all
};

size_t appendBody(char *Data, size_t Size, size_t Count, void *User) {
  std::string &Body = *static_cast<std::string *>(User);
  if (Body.size() + Size * Count > MaxEntryBytes)
    return 0; // aborts the transfer: CURLE_WRITE_ERROR
  Body.append(Data, Size * Count);
  return Size * Count;
}

struct Upload {
  llvm::StringRef Rest;
};

size_t readUpload(char *Buffer, size_t Size, size_t Count, void *User) {
  Upload &U = *static_cast<Upload *>(User);
  size_t N = std::min(Size * Count, U.Rest.size());
  std::memcpy(Buffer, U.Rest.data(), N);
  U.Rest = U.Rest.drop_front(N);
  return N;
}

class HttpStore : public CacheStore {
public:
  HttpStore(std::string Base, std::string Shown, std::string Version)
      : Base(std::move(Base)), Shown(std::move(Shown)), UserAgent("nd-tidy/" + std::move(Version)),
        Handle(curl_easy_init()) {}
  ~HttpStore() override { curl_easy_cleanup(Handle); }

  std::optional<std::string> get(llvm::StringRef Key) override;
  llvm::Error put(llvm::StringRef Key, llvm::StringRef Bytes) override;
  std::string where() const override { return "on '" + Shown + "'"; }

private:
  Response request(llvm::StringRef Key, const llvm::StringRef *Bytes);
  void turnOff(llvm::StringRef Method, const Response &R, bool WritesOnly);

  std::string Base, Shown, UserAgent;
  CURL *Handle; // one handle for the run: its connection is kept alive between requests
  std::mutex Mutex;
  bool Readable = true, Writable = true;
};

// The options of every request: bounded, quiet, http(s) only.
void setCommonOptions(CURL *Handle, const std::string &Url, const std::string &UserAgent,
                      char *Error, std::string *Body) {
  curl_easy_setopt(Handle, CURLOPT_URL, Url.c_str());
  curl_easy_setopt(Handle, CURLOPT_ERRORBUFFER, Error);
  curl_easy_setopt(Handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(Handle, CURLOPT_NOSIGNAL, 1L); // timeouts without SIGALRM: threads
  curl_easy_setopt(Handle, CURLOPT_CONNECTTIMEOUT_MS, ConnectTimeoutMs);
  curl_easy_setopt(Handle, CURLOPT_TIMEOUT_MS, RequestTimeoutMs);
  curl_easy_setopt(Handle, CURLOPT_NETRC, long(CURL_NETRC_OPTIONAL));
  curl_easy_setopt(Handle, CURLOPT_USERAGENT, UserAgent.c_str());
  curl_easy_setopt(Handle, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(Handle, CURLOPT_WRITEDATA, Body);
}

void setUpload(CURL *Handle, Upload &U) {
  curl_easy_setopt(Handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(Handle, CURLOPT_READFUNCTION, readUpload);
  curl_easy_setopt(Handle, CURLOPT_READDATA, &U);
  curl_easy_setopt(Handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(U.Rest.size()));
}

// Artifact stores may answer a GET with a redirect to the blob.
void setRedirects(CURL *Handle) {
  curl_easy_setopt(Handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(Handle, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(Handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
}

// One request on the kept handle (curl_easy_reset keeps its live connection): a PUT
// of *Bytes, or a GET.
Response HttpStore::request(llvm::StringRef Key, const llvm::StringRef *Bytes) {
  Response R;
  if (!Handle) {
    R.TransportError = "cannot create an HTTP client";
    return R;
  }
  curl_easy_reset(Handle);
  char Error[CURL_ERROR_SIZE] = "";
  setCommonOptions(Handle, Base + "/" + Key.str(), UserAgent, Error, &R.Body);
  // Without "Expect: 100-continue" a server that ignores it costs no second's wait.
  curl_slist *Headers = curl_slist_append(nullptr, "Expect:");
  Upload U;
  if (Bytes) {
    U.Rest = *Bytes;
    Headers = curl_slist_append(Headers, "Content-Type: application/octet-stream");
    setUpload(Handle, U);
  } else {
    setRedirects(Handle);
  }
  curl_easy_setopt(Handle, CURLOPT_HTTPHEADER, Headers);
  CURLcode Code = curl_easy_perform(Handle);
  // The handle outlives this frame: it must not keep pointers into it.
  curl_easy_setopt(Handle, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(Handle, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(Headers);
  if (Code != CURLE_OK)
    R.TransportError = *Error ? std::string(Error) : std::string(curl_easy_strerror(Code));
  else
    curl_easy_getinfo(Handle, CURLINFO_RESPONSE_CODE, &R.Status);
  return R;
}

void HttpStore::turnOff(llvm::StringRef Method, const Response &R, bool WritesOnly) {
  std::string Cause = R.TransportError
                          ? *R.TransportError
                          : "HTTP " + std::to_string(R.Status) + " for " + Method.str();
  Writable = false;
  if (WritesOnly) {
    llvm::errs() << "nd-tidy: warning: the cache server '" << Shown << "' does not store results ("
                 << Cause << "); it is only read for the rest of this run\n";
    return;
  }
  Readable = false;
  llvm::errs() << "nd-tidy: warning: the cache server '" << Shown << "' cannot be used (" << Cause
               << "); the run goes on without it\n";
}

std::optional<std::string> HttpStore::get(llvm::StringRef Key) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!Readable)
    return std::nullopt;
  Response R = request(Key, nullptr);
  if (!R.TransportError && R.Status == 200)
    return std::move(R.Body);
  if (!R.TransportError && R.Status == 404)
    return std::nullopt;
  turnOff("GET", R, /*WritesOnly=*/false);
  return std::nullopt;
}

// A result the server does not take is not an error of the lint: it is only not
// shared. The one warning of turnOff says so.
llvm::Error HttpStore::put(llvm::StringRef Key, llvm::StringRef Bytes) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!Writable)
    return llvm::Error::success();
  Response R = request(Key, &Bytes);
  if (!R.TransportError && R.Status >= 200 && R.Status < 300)
    return llvm::Error::success();
  turnOff("PUT", R, /*WritesOnly=*/!R.TransportError);
  return llvm::Error::success();
}

// The URL's parts, or an error saying which is wrong.
struct ParsedUrl {
  std::string Base, Shown;
};

std::optional<std::string> part(CURLU *U, CURLUPart What) {
  char *Text = nullptr;
  if (curl_url_get(U, What, &Text, 0) != CURLUE_OK || !Text)
    return std::nullopt;
  std::string Result(Text);
  curl_free(Text);
  return Result;
}

llvm::Expected<ParsedUrl> parseUrl(llvm::StringRef Url) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "invalid --cache-url '" + redactUrl(Url) + "': " + Why +
                                       "; expected http://HOST[:PORT]/PREFIX or https://...");
  };
  std::unique_ptr<CURLU, void (*)(CURLU *)> U(curl_url(), curl_url_cleanup);
  if (!U)
    return Fail("cannot parse it");
  std::string Text = Url.str();
  if (CURLUcode Code = curl_url_set(U.get(), CURLUPART_URL, Text.c_str(), 0))
    return Fail(llvm::StringRef(curl_url_strerror(Code)).lower());
  std::optional<std::string> Scheme = part(U.get(), CURLUPART_SCHEME);
  if (!Scheme || (*Scheme != "http" && *Scheme != "https"))
    return Fail("not an http or https URL");
  if (part(U.get(), CURLUPART_QUERY) || part(U.get(), CURLUPART_FRAGMENT))
    return Fail("a query or fragment cannot take a key after it");
  std::optional<std::string> Full = part(U.get(), CURLUPART_URL);
  if (!Full)
    return Fail("cannot parse it");
  ParsedUrl P;
  P.Base = llvm::StringRef(*Full).rtrim('/').str();
  P.Shown = redactUrl(P.Base);
  return P;
}

} // namespace

std::string redactUrl(llvm::StringRef Url) {
  size_t Start = Url.find("://");
  if (Start == llvm::StringRef::npos)
    return Url.str();
  Start += 3;
  size_t End = Url.find_first_of("/?#", Start);
  size_t At = Url.substr(0, End).rfind('@');
  if (At == llvm::StringRef::npos || At < Start)
    return Url.str();
  return (Url.substr(0, Start) + "***" + Url.substr(At)).str();
}

llvm::Expected<std::unique_ptr<CacheStore>> makeHttpStore(llvm::StringRef Url,
                                                          llvm::StringRef Version) {
  // Once, before any request; nd-tidy has no thread of its own yet when this runs.
  static const CURLcode Init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (Init != CURLE_OK)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot start the HTTP client for --cache-url: " +
                                       llvm::Twine(curl_easy_strerror(Init)));
  llvm::Expected<ParsedUrl> P = parseUrl(Url);
  if (!P)
    return P.takeError();
  return std::make_unique<HttpStore>(std::move(P->Base), std::move(P->Shown), Version.str());
}

} // namespace nd_tidy
