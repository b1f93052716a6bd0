// .npy files exchanged with NumPy itself (numpy_npy_files.py is NumPy's side).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nd/io.hpp>

namespace {

namespace fs = std::filesystem;

// Element i (in C order) of every test array; numpy_npy_files.py uses the same formula.
template <class T>
T pattern(nd::index_t i) {
  if constexpr (std::is_same_v<T, bool>) return i % 3 == 0;
  else if constexpr (std::is_same_v<T, std::int64_t>) return i * 3000000007LL - 5;
  else if constexpr (std::is_integral_v<T>) return static_cast<T>(i * 7 - 20);
  else return static_cast<T>(i) * T(0.25) - T(3);
}

int run_numpy(const std::string& mode, const fs::path& dir) {
  std::string command = std::string("'") + ND_PYTHON + "' '" + ND_NPY_SCRIPT + "' " + mode + " '" + dir.string() + "'";
  return std::system(command.c_str());
}

struct manifest_entry {
  std::string name, dtype;
  nd::shape_t shape;
};

std::vector<manifest_entry> read_manifest(const fs::path& dir) {
  std::ifstream in(dir / "manifest.txt");
  std::vector<manifest_entry> entries;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    manifest_entry e;
    int ndim = 0;
    fields >> e.name >> e.dtype >> ndim;
    for (int k = 0; k < ndim; ++k) {
      nd::index_t d;
      fields >> d;
      e.shape.push_back(d);
    }
    entries.push_back(e);
  }
  return entries;
}

template <class T>
void expect_numpy_file(const fs::path& path, const nd::shape_t& shape) {
  SCOPED_TRACE(path.filename().string());
  nd::array<T> a = nd::load<T>(path);
  ASSERT_EQ(nd::to_string(a.shape()), nd::to_string(shape));
  ASSERT_TRUE(a.is_contiguous());
  for (nd::index_t i = 0; i < a.size(); ++i) ASSERT_EQ(a.data()[i], pattern<T>(i)) << "element " << i;
}

TEST(NumPyFiles, NdLoadsEveryVersionOrderByteOrderAndDtypeNumPyWrites) {
  const fs::path dir = fs::path(ND_NPY_WORKDIR) / "from_numpy";
  fs::remove_all(dir);
  ASSERT_EQ(run_numpy("write", dir), 0);
  std::vector<manifest_entry> entries = read_manifest(dir);
  ASSERT_EQ(entries.size(), 5u * 2 * 2 * 3 * 7);
  int fortran_files = 0, big_endian_files = 0, v3_files = 0;
  for (const manifest_entry& e : entries) {
    const fs::path p = dir / e.name;
    nd::detail::npy_reader reader(p);
    fortran_files += reader.fortran_order();
    big_endian_files += reader.descr()[0] == '>';
    v3_files += e.name.find("_v3_") != std::string::npos;
    if (e.dtype == "bool") expect_numpy_file<bool>(p, e.shape);
    else if (e.dtype == "int32") expect_numpy_file<std::int32_t>(p, e.shape);
    else if (e.dtype == "int64") expect_numpy_file<std::int64_t>(p, e.shape);
    else if (e.dtype == "float32") expect_numpy_file<float>(p, e.shape);
    else if (e.dtype == "float64") expect_numpy_file<double>(p, e.shape);
    else FAIL() << "unknown dtype in manifest: " << e.dtype;
  }
  // The files really cover Fortran order, big-endian data and version 3.0.
  EXPECT_GT(fortran_files, 50);
  EXPECT_GT(big_endian_files, 100);
  EXPECT_EQ(v3_files, 5 * 2 * 2 * 7);
}

TEST(NumPyFiles, NumPyLoadsWhatNdSavesAndTheBytesAreNpSaves) {
  const fs::path dir = fs::path(ND_NPY_WORKDIR) / "from_nd";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream manifest(dir / "manifest.txt");
  const nd::shape_t shapes[] = {{}, {0}, {5}, {2, 3}, {2, 3, 4}, {0, 3}, {3, 1, 2, 2}, {1234567}};
  int k = 0;
  auto save_all = [&]<class T>(const char* dtype) {
    for (const nd::shape_t& shape : shapes) {
      nd::array<T> a{shape};
      for (nd::index_t i = 0; i < a.size(); ++i) a.data()[i] = pattern<T>(i);
      std::string name = std::string(dtype) + "_" + std::to_string(k++) + ".npy";
      nd::save(dir / name, a);
      manifest << name << ' ' << dtype << ' ' << shape.size();
      for (nd::index_t d : shape) manifest << ' ' << d;
      manifest << '\n';
    }
  };
  save_all.operator()<bool>("bool");
  save_all.operator()<std::int32_t>("int32");
  save_all.operator()<std::int64_t>("int64");
  save_all.operator()<float>("float32");
  save_all.operator()<double>("float64");
  manifest.close();
  EXPECT_EQ(run_numpy("check", dir), 0);
}

}  // namespace
