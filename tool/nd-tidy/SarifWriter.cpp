#include "SarifWriter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cstring>
#include <map>

namespace nd_tidy {

namespace json = llvm::json;
using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;

std::string checkDescription(llvm::StringRef Check) {
  static const std::map<llvm::StringRef, llvm::StringRef> Nd = {
      {"nd-elementwise-loop",
       "loop that walks arrays element by element; one broadcasting expression is faster"},
      {"nd-chained-temporaries",
       "chained array operators allocate a temporary per operator; use the ufuncs' out forms"},
      {"nd-gather-downsampling",
       "gather with arithmetic-progression indices copies; nd::slice indexing returns a view"},
  };
  if (auto It = Nd.find(Check); It != Nd.end())
    return It->second.str();
  if (Check == "clang-diagnostic-error")
    return "compiler error";
  if (Check.starts_with("clang-diagnostic-"))
    return ("compiler warning -W" + Check.drop_front(strlen("clang-diagnostic-"))).str();
  return ("clang-tidy check " + Check).str();
}

static json::Object region(SourcePositions &Positions, llvm::StringRef File, unsigned Offset,
                           unsigned Length) {
  auto [Line, Column] = Positions.position(File, Offset);
  json::Object Region;
  if (Line == 0) { // unreadable file: bytes only
    Region["charOffset"] = Offset;
    Region["charLength"] = Length;
    return Region;
  }
  auto [EndLine, EndColumn] = Positions.position(File, Offset + Length);
  Region["startLine"] = Line;
  Region["startColumn"] = Column;
  Region["endLine"] = EndLine;
  Region["endColumn"] = EndColumn;
  Region["charOffset"] = Offset;
  Region["charLength"] = Length;
  return Region;
}

static json::Object location(SourcePositions &Positions, const DiagnosticMessage &M) {
  json::Object Physical{{"artifactLocation", json::Object{{"uri", fileUri(M.FilePath)}}}};
  auto [Line, Column] = Positions.position(M.FilePath, M.FileOffset);
  if (Line != 0)
    Physical["region"] = json::Object{{"startLine", Line}, {"startColumn", Column}};
  return json::Object{{"physicalLocation", std::move(Physical)}};
}

void writeSarif(llvm::raw_ostream &OS, llvm::ArrayRef<const Diagnostic *> Diags,
                SourcePositions &Positions, llvm::StringRef NdDocsUrl,
                llvm::StringRef ToolVersion) {
  std::map<std::string, unsigned> RuleIndex;
  for (const Diagnostic *D : Diags)
    RuleIndex.try_emplace(D->DiagnosticName, 0);
  json::Array Rules;
  for (auto &[Check, Index] : RuleIndex) {
    Index = Rules.size();
    json::Object Rule{{"id", Check},
                      {"shortDescription", json::Object{{"text", checkDescription(Check)}}}};
    if (std::string Uri = checkHelpUri(Check, NdDocsUrl); !Uri.empty())
      Rule["helpUri"] = Uri;
    Rules.push_back(std::move(Rule));
  }

  json::Array Results;
  for (const Diagnostic *D : Diags) {
    json::Object Result{{"ruleId", D->DiagnosticName},
                        {"ruleIndex", RuleIndex[D->DiagnosticName]},
                        {"level", D->DiagLevel == Diagnostic::Error ? "error" : "warning"},
                        {"message", json::Object{{"text", D->Message.Message}}}};
    if (!D->Message.FilePath.empty())
      Result["locations"] = json::Array{location(Positions, D->Message)};
    json::Array Related;
    for (const DiagnosticMessage &Note : D->Notes) {
      json::Object Loc = Note.FilePath.empty() ? json::Object{} : location(Positions, Note);
      Loc["message"] = json::Object{{"text", Note.Message}};
      Related.push_back(std::move(Loc));
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    json::Array Changes;
    for (const auto &Entry : D->Message.Fix) {
      json::Array Replacements;
      for (const clang::tooling::Replacement &R : Entry.second)
        Replacements.push_back(json::Object{
            {"deletedRegion", region(Positions, R.getFilePath(), R.getOffset(), R.getLength())},
            {"insertedContent", json::Object{{"text", R.getReplacementText()}}}});
      Changes.push_back(
          json::Object{{"artifactLocation", json::Object{{"uri", fileUri(Entry.first())}}},
                       {"replacements", std::move(Replacements)}});
    }
    if (!Changes.empty())
      Result["fixes"] = json::Array{json::Object{
          {"description", json::Object{{"text", "apply the fix-it of " + D->DiagnosticName}}},
          {"artifactChanges", std::move(Changes)}}};
    Results.push_back(std::move(Result));
  }

  json::Object Driver{{"name", "nd-tidy"}, {"version", ToolVersion}, {"rules", std::move(Rules)}};
  json::Object Run{{"tool", json::Object{{"driver", std::move(Driver)}}},
                   {"columnKind", "utf16CodeUnits"},
                   {"results", std::move(Results)}};
  json::Value Log = json::Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                                 {"version", "2.1.0"},
                                 {"runs", json::Array{std::move(Run)}}};

  OS << llvm::formatv("{0:2}", Log) << "\n";
}

} // namespace nd_tidy
