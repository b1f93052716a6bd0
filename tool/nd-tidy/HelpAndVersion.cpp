#include "HelpAndVersion.h"

#include "CheckSelection.h"
#include "Configuration.h"
#include "SarifWriter.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#ifndef ND_VERSION
#define ND_VERSION ""
#endif

namespace nd_tidy {

namespace {

std::string helpText() {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << "\nnd-tidy: clang-tidy with the nd checks built in. Every clang-tidy flag above "
        "works unchanged.\n\n"
        "Default checks: without --checks and without Checks: in a .clang-tidy file, "
        "nd-tidy runs '"
     << DefaultChecks
     << "' (clang-tidy's default is clang-analyzer-*);\n"
        "--checks=X alone means '"
     << DefaultChecks
     << ",X'. A --warnings-as-errors glob that matches no enabled check is an error.\n\n"
        "The nd checks:\n";
  for (const std::string &Check : ndCheckNames())
    OS << "  " << Check << "\n      " << checkDescription(Check) << "\n";
  OS << R"(
Project mode: nd-tidy -p BUILD [options] [files...]
  Lints every translation unit of BUILD/compile_commands.json (or the files given),
  one clang-tidy worker per unit, and reports each finding once (a header's too),
  as soon as its unit is done, then a summary line per check.
  It starts with -p and no file, or with any of the flags below.
  Files without -p (nd-tidy FILE... [-- FLAGS]) take these flags too, with the same
  output: their compile commands are the flags after '--', else the compilation
  database found above each file; --cache-dir and --cache-url need -p.
  -j N, --jobs=N       N workers at a time (default: the number of cores)
  --diff=REF           only the units and the lines changed since the git revision
                       REF; --diff=- reads a unified diff from standard input
  --shard=I/N          the I-th of N parts of the units (CI machines in parallel)
  --sarif=FILE         the findings as SARIF 2.1.0; the nd rules' helpUri is
                       --docs-url, else $ND_DOCS_URL, else the installed
                       ../share/doc/nd/checks/ next to this executable
  --docs-url=BASE      base URI of the nd check pages in SARIF (<BASE><check>.md)
  --format=full|short  full (default): each finding with its source line, caret and
                       fix-it preview; short: the diagnostic lines only
  --cache-dir=DIR      reuse the stored results of units whose compile command,
                       configuration, flags and every file read are unchanged
  --cache-url=URL      the same results shared on an HTTP server (GET/PUT URL/KEY:
                       nginx WebDAV, bazel-remote); with --cache-dir, the directory
                       is read first and both are written
  --export-fixes=FILE  one merged, deduplicated fixes file
  --fix, --fix-errors  apply each fix once
  Files are written whole or not at all (a temporary file, then renamed).
  Exit status: 0 no finding that is an error; 1 --warnings-as-errors findings;
  2 usage or configuration error, a unit that does not compile, a worker that
  failed, or a file that could not be written.
)";
  return Text;
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "nd-tidy " << ND_VERSION << " (clang-tidy with the nd checks)\n"
     << "  built against LLVM " << LLVM_VERSION_STRING << "\n";
}

} // namespace

void installHelpAndVersion() {
  // extrahelp keeps a reference to its text; both live as long as the process.
  static const std::string Text = helpText();
  static llvm::cl::extrahelp Help(Text);
  llvm::cl::SetVersionPrinter(printVersion);
}

} // namespace nd_tidy
