#include "utils/UserCodeMatcher.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::nd_checks {

namespace {

// The file's absolute path, symbolic links resolved when the file system says so.
std::string absolutePath(FileEntryRef File) {
  llvm::StringRef Real = File.getFileEntry().tryGetRealPathName();
  llvm::SmallString<256> Path(Real.empty() ? File.getName() : Real);
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

// The declarations named `array` in a namespace ::nd (inline namespaces and
// extern "C++" blocks make theirs visible there too). Empty when there is none: the
// identifiers alone say little, code without nd has locals named `nd` (abseil's civil
// time does).
llvm::SmallVector<const NamedDecl *, 2> findNdArrays(ASTContext &Context) {
  llvm::SmallVector<const NamedDecl *, 2> Found;
  auto Nd = Context.Idents.find("nd");
  auto Array = Context.Idents.find("array");
  if (Nd == Context.Idents.end() || Array == Context.Idents.end())
    return Found;
  for (const NamedDecl *D : Context.getTranslationUnitDecl()->lookup(Nd->getValue()))
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(D))
      for (const NamedDecl *A : Namespace->lookup(Array->getValue()))
        Found.push_back(A);
  return Found;
}

} // namespace

void UserCodeFilter::startTranslationUnit(ASTContext &NewContext) {
  Context = &NewContext;
  UserFiles.clear();
  LastFile = FileID();
  RuntimeDirectory.clear();
  // Without a declaration of nd::array there is nothing for the nd checks.
  auto Arrays = findNdArrays(NewContext);
  DeclaresNdArray = !Arrays.empty();
  const ClassTemplateDecl *Array = nullptr;
  for (const NamedDecl *D : Arrays)
    if (!Array)
      Array = dyn_cast<ClassTemplateDecl>(D);
  if (!Array)
    return; // declared some other way (not a template): only system headers are skipped
  const SourceManager &SM = NewContext.getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(Array->getCanonicalDecl()->getLocation());
  FileID File = SM.getFileID(Loc);
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  // An nd::array written in the main file is the user's own: nothing to exclude.
  if (!Entry || File == SM.getMainFileID())
    return;
  RuntimeDirectory = llvm::sys::path::parent_path(absolutePath(*Entry)).str();
  RuntimeDirectory += llvm::sys::path::get_separator();
}

bool UserCodeFilter::isUserFile(FileID File, const SourceManager &SM) const {
  bool Invalid = false;
  const SrcMgr::SLocEntry &Entry = SM.getSLocEntry(File, &Invalid);
  if (Invalid || !Entry.isFile() || SrcMgr::isSystem(Entry.getFile().getFileCharacteristic()))
    return false;
  if (RuntimeDirectory.empty())
    return true;
  OptionalFileEntryRef FileEntry = SM.getFileEntryRefForID(File);
  if (!FileEntry)
    return true; // a buffer of the user's (clangd's unsaved file, -include'd text)
  return !llvm::StringRef(absolutePath(*FileEntry)).starts_with(RuntimeDirectory);
}

bool UserCodeFilter::isUserCode(SourceLocation Loc, ASTContext &NewContext) {
  if (&NewContext != Context)
    startTranslationUnit(NewContext);
  if (!DeclaresNdArray || Loc.isInvalid())
    return false;
  const SourceManager &SM = NewContext.getSourceManager();
  FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  if (File == LastFile)
    return LastResult;
  auto [It, New] = UserFiles.try_emplace(File, false);
  if (New)
    It->second = isUserFile(File, SM);
  LastFile = File;
  LastResult = It->second;
  return LastResult;
}

} // namespace clang::tidy::nd_checks
