#include "MessageFilter.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>

namespace nd_clangd {
namespace {

std::mutex OutputMutex; // whole messages to the real standard output
int RealOutput = -1;

bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t Written = ::write(FD, Data.data(), Data.size());
    if (Written < 0 && errno == EINTR)
      continue;
    if (Written <= 0)
      return false;
    Data = Data.drop_front(Written);
  }
  return true;
}

std::string frame(llvm::StringRef Body) {
  return ("Content-Length: " + llvm::Twine(Body.size()) + "\r\n\r\n" + Body).str();
}

void output(llvm::StringRef Frame) {
  std::lock_guard<std::mutex> Lock(OutputMutex);
  writeAll(RealOutput, Frame);
}

// LSP messages ("Content-Length: N" headers, a blank line, N bytes) read from a file
// descriptor. A header block without a length gives an empty body.
class MessageReader {
public:
  explicit MessageReader(int FD) : FD(FD) {}
  bool next(std::string &Body) {
    size_t End;
    while ((End = Buffer.find("\r\n\r\n")) == std::string::npos)
      if (!read())
        return false;
    llvm::StringRef Headers(Buffer.data(), End);
    std::optional<size_t> Length;
    while (!Headers.empty()) {
      auto [Line, Rest] = Headers.split("\r\n");
      Headers = Rest;
      size_t Value;
      if (Line.consume_front_insensitive("content-length:") && !Line.trim().getAsInteger(10, Value))
        Length = Value;
    }
    Buffer.erase(0, End + 4);
    while (Buffer.size() < Length.value_or(0))
      if (!read())
        return false;
    Body = Buffer.substr(0, Length.value_or(0));
    Buffer.erase(0, Length.value_or(0));
    return true;
  }

private:
  bool read() {
    char Chunk[65536];
    for (;;) {
      ssize_t Got = ::read(FD, Chunk, sizeof Chunk);
      if (Got < 0 && errno == EINTR)
        continue;
      if (Got <= 0)
        return false;
      Buffer.append(Chunk, Got);
      return true;
    }
  }
  int FD;
  std::string Buffer;
};

struct Problem {
  int Code;
  std::string Message;
};

// Why clangd would not take Body (see JSONTransport::handleMessage: it stops on these),
// with the message's id if it has one.
std::optional<Problem> problem(llvm::StringRef Body, llvm::json::Value &Id) {
  llvm::Expected<llvm::json::Value> Message = llvm::json::parse(Body);
  if (!Message)
    return Problem{-32700, "Parse error: " + llvm::toString(Message.takeError())};
  llvm::json::Object *Object = Message->getAsObject();
  if (!Object)
    return Problem{-32600, "Invalid Request: a message must be a JSON object"};
  if (const llvm::json::Value *Given = Object->get("id"))
    Id = *Given;
  if (Object->getString("jsonrpc") != std::optional<llvm::StringRef>("2.0"))
    return Problem{-32600, "Invalid Request: \"jsonrpc\" must be \"2.0\""};
  if (!Object->getString("method") && !Object->get("id"))
    return Problem{-32600, "Invalid Request: a message needs a \"method\" (a request or "
                           "notification) or an \"id\" (a response)"};
  return std::nullopt;
}

void filterInput(int From, int ToServer) {
  MessageReader Reader(From);
  std::string Body;
  while (Reader.next(Body)) {
    llvm::json::Value Id = nullptr;
    if (std::optional<Problem> P = problem(Body, Id)) {
      llvm::json::Object Error{{"code", P->Code}, {"message", P->Message}};
      std::string Reply;
      llvm::raw_string_ostream OS(Reply);
      OS << llvm::json::Value(llvm::json::Object{
          {"jsonrpc", "2.0"}, {"id", std::move(Id)}, {"error", std::move(Error)}});
      output(frame(Reply));
      continue;
    }
    if (!writeAll(ToServer, frame(Body)))
      break;
  }
  ::close(ToServer); // the end of the input: clangd sees it too
}

void forwardOutput(int FromServer, OutputRewrite Rewrite) {
  MessageReader Reader(FromServer);
  std::string Body;
  while (Reader.next(Body)) {
    std::optional<std::string> Changed = Rewrite(Body);
    output(frame(Changed ? *Changed : Body));
  }
}

} // namespace

bool speaksLsp(int argc, char *argv[]) {
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg = llvm::StringRef(argv[I]).ltrim('-');
    if (Arg.starts_with("help") || Arg == "version" || Arg.starts_with("check"))
      return false;
  }
  return true;
}

bool filtersMessages(int argc, char *argv[]) {
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]).ltrim('-').starts_with("input-style"))
      return false;
  return speaksLsp(argc, argv) && !::isatty(STDIN_FILENO);
}

int runWithMessageFilter(llvm::function_ref<int()> Server, bool FilterInput,
                         OutputRewrite Rewrite) {
  int In[2] = {-1, -1}, Out[2];
  if ((FilterInput && ::pipe(In) != 0) || ::pipe(Out) != 0)
    return Server();
  std::signal(SIGPIPE, SIG_IGN); // a write to a server that has ended fails instead
  if (FilterInput) {
    int RealInput = ::dup(STDIN_FILENO);
    ::dup2(In[0], STDIN_FILENO);
    ::close(In[0]);
    // The input thread may be blocked reading when the server ends: it is not joined.
    std::thread(filterInput, RealInput, In[1]).detach();
  }
  RealOutput = ::dup(STDOUT_FILENO);
  ::dup2(Out[1], STDOUT_FILENO);
  ::close(Out[1]);
  std::thread Forwarder(forwardOutput, Out[0], Rewrite);
  int Status = Server();
  llvm::outs().flush();
  ::close(STDOUT_FILENO); // the forwarder reads to the end of the server's output
  Forwarder.join();
  return Status;
}

} // namespace nd_clangd
