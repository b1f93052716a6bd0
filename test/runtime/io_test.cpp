// .npy files: nd::save, nd::load, nd::load_as. Files are written by nd itself or built
// byte by byte here, so every header variant and every malformation is exact; files
// written by NumPy itself are tested in test/npy.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nd/creation.hpp>
#include <nd/io.hpp>

namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class Npy : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("nd_io_test_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path file(const std::string& name) const { return dir_ / name; }

  static std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  fs::path write_bytes(const std::string& name, const std::string& bytes) const {
    fs::path p = file(name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

  // A .npy file: magic, version, little-endian header length, header text as given
  // (no padding added), then data.
  static std::string npy_bytes(int major, const std::string& header, const std::string& data) {
    std::string out = "\x93NUMPY";
    out.push_back(static_cast<char>(major));
    out.push_back('\0');
    const int length_bytes = major == 1 ? 2 : 4;
    for (int k = 0; k < length_bytes; ++k) out.push_back(static_cast<char>((header.size() >> (8 * k)) & 0xFF));
    return out + header + data;
  }
  template <class T>
  static std::string raw(std::initializer_list<T> values) {
    std::string s;
    for (T v : values) s.append(reinterpret_cast<const char*>(&v), sizeof v);
    return s;
  }
  template <class T>
  static std::string big_endian(std::initializer_list<T> values) {
    std::string s;
    for (T v : values) {
      std::string b(reinterpret_cast<const char*>(&v), sizeof v);
      s.append(b.rbegin(), b.rend());
    }
    return s;
  }

  // The io_error message of loading `p` as T, or "" if it loaded.
  template <class T>
  static std::string load_error(const fs::path& p) {
    try {
      nd::load<T>(p);
    } catch (const nd::io_error& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

// Element i (in C order) of the test arrays, for each type.
template <class T>
T pattern(nd::index_t i) {
  if constexpr (std::is_same_v<T, bool>) return i % 3 == 0;
  else if constexpr (std::is_same_v<T, std::int64_t>) return i * 3000000007LL - 5;
  else if constexpr (std::is_integral_v<T>) return static_cast<T>(i * 7 - 20);
  else return static_cast<T>(i) * T(0.25) - T(3);
}

template <class T>
nd::array<T> patterned(const nd::shape_t& shape) {
  nd::array<T> a{shape};
  for (nd::index_t i = 0; i < a.size(); ++i) a.data()[i] = pattern<T>(i);
  return a;
}

template <class T>
void expect_patterned(const nd::array<T>& a, const nd::shape_t& shape) {
  ASSERT_EQ(nd::to_string(a.shape()), nd::to_string(shape));
  ASSERT_TRUE(a.is_contiguous());
  for (nd::index_t i = 0; i < a.size(); ++i) ASSERT_EQ(a.data()[i], pattern<T>(i)) << "element " << i;
}

template <class T>
class NpyRoundTrip : public Npy {};
using ElementTypes = ::testing::Types<bool, std::int32_t, std::int64_t, float, double>;
TYPED_TEST_SUITE(NpyRoundTrip, ElementTypes);

TYPED_TEST(NpyRoundTrip, EveryShapeIncludingZeroDAndEmpty) {
  const nd::shape_t shapes[] = {{}, {0}, {1}, {7}, {3, 4}, {2, 0, 3}, {2, 3, 4, 1}, {1, 1, 1, 1, 5}};
  int k = 0;
  for (const nd::shape_t& shape : shapes) {
    fs::path p = this->file("a" + std::to_string(k++) + ".npy");
    nd::save(p, patterned<TypeParam>(shape));
    expect_patterned(nd::load<TypeParam>(p), shape);
  }
}

TYPED_TEST(NpyRoundTrip, WrongDtypeThrowsNamingExpectedAndFound) {
  fs::path p = this->file("a.npy");
  nd::save(p, patterned<TypeParam>({4}));
  auto check = [&]<class Other>() {
    if constexpr (!std::is_same_v<Other, TypeParam>) {
      std::string message = this->template load_error<Other>(p);
      EXPECT_NE(message.find(std::string("expected dtype ") + nd::dtype_name<Other>()), std::string::npos) << message;
      EXPECT_NE(message.find(std::string("found ") + nd::dtype_name<TypeParam>()), std::string::npos) << message;
      EXPECT_NE(message.find(p.string()), std::string::npos) << message;
    }
  };
  check.template operator()<bool>();
  check.template operator()<std::int32_t>();
  check.template operator()<std::int64_t>();
  check.template operator()<float>();
  check.template operator()<double>();
}

TEST_F(Npy, SavedBytesAreNumPysLayout) {
  nd::array<double> a{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
  nd::save(file("a.npy"), a);
  std::string bytes = read_bytes(file("a.npy"));
  // np.save(f, np.arange(1., 13.).reshape(3, 4)): header length 118, total 128 + data.
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
  header += std::string(118 - 1 - header.size(), ' ') + "\n";
  EXPECT_EQ(bytes.substr(0, 10), std::string("\x93NUMPY\x01\x00\x76\x00", 10));
  EXPECT_EQ(bytes.substr(10, 118), header);
  ASSERT_EQ(bytes.size(), 128u + 12 * 8);
  EXPECT_EQ(std::memcmp(bytes.data() + 128, a.data(), 12 * 8), 0);
}

TEST_F(Npy, SavedHeaderDescrsAndZeroDShape) {
  nd::save(file("b.npy"), nd::array<bool>{true, false});
  nd::save(file("i.npy"), nd::array<std::int32_t>{1});
  nd::save(file("l.npy"), nd::array<std::int64_t>{1});
  nd::save(file("f.npy"), nd::array<float>{1});
  nd::save(file("z.npy"), nd::full<double>(nd::shape_t{}, 2.5));
  EXPECT_NE(read_bytes(file("b.npy")).find("'descr': '|b1'"), std::string::npos);
  EXPECT_NE(read_bytes(file("i.npy")).find("'descr': '<i4'"), std::string::npos);
  EXPECT_NE(read_bytes(file("l.npy")).find("'descr': '<i8'"), std::string::npos);
  EXPECT_NE(read_bytes(file("f.npy")).find("'descr': '<f4'"), std::string::npos);
  std::string zero_d = read_bytes(file("z.npy"));
  EXPECT_NE(zero_d.find("'shape': (), }"), std::string::npos);
  EXPECT_EQ((zero_d.size() - 8) % 64, 0u);  // data starts 64-byte aligned
  EXPECT_EQ(nd::load<double>(file("z.npy")).item(), 2.5);
}

TEST_F(Npy, SaveAppendsNpyExtensionLikeNpSave) {
  nd::save(file("data"), nd::array<int>{1, 2});
  EXPECT_TRUE(fs::exists(file("data.npy")));
  EXPECT_FALSE(fs::exists(file("data")));
  nd::save(file("data.npy"), nd::array<int>{3});
  EXPECT_EQ(nd::load<int>(file("data.npy"))(0), 3);
}

TEST_F(Npy, NonContiguousViewIsWrittenInCOrder) {
  nd::array<int> a = patterned<int>({4, 6});
  // Every other row, columns reversed.
  nd::array<int> view = a(nd::slice(nd::none, nd::none, 2), nd::slice(nd::none, nd::none, -1));
  ASSERT_FALSE(view.is_contiguous());
  nd::save(file("v.npy"), view);
  nd::array<int> b = nd::load<int>(file("v.npy"));
  ASSERT_EQ(nd::to_string(b.shape()), "(2, 6)");
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 6; ++j) EXPECT_EQ(b(i, j), a(2 * i, 5 - j));
}

TEST_F(Npy, SaveToUnwritablePathThrowsIoError) {
  try {
    nd::save(file("no_such_dir") / "a.npy", nd::array<double>{1});
    FAIL() << "expected io_error";
  } catch (const nd::io_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot save"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_dir"), std::string::npos) << e.what();
  }
}

TEST_F(Npy, LoadsVersions2And3) {
  std::string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }\n";
  fs::path v2 = write_bytes("v2.npy", npy_bytes(2, header, raw<std::int32_t>({4, 5, 6})));
  fs::path v3 = write_bytes("v3.npy", npy_bytes(3, header, raw<std::int32_t>({7, 8, 9})));
  nd::array<int> a = nd::load<int>(v2), b = nd::load<int>(v3);
  EXPECT_EQ(a(0), 4);
  EXPECT_EQ(a(2), 6);
  EXPECT_EQ(b(1), 8);
}

TEST_F(Npy, FortranOrderLoadsIntoCContiguousArray) {
  // np.asfortranarray([[0, 1, 2], [3, 4, 5]]) stores 0 3 1 4 2 5.
  fs::path p = write_bytes(
      "f.npy", npy_bytes(1, "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }\n",
                         raw<std::int64_t>({0, 3, 1, 4, 2, 5})));
  nd::array<std::int64_t> a = nd::load<std::int64_t>(p);
  ASSERT_EQ(nd::to_string(a.shape()), "(2, 3)");
  EXPECT_TRUE(a.is_contiguous());
  for (int k = 0; k < 6; ++k) EXPECT_EQ(a.data()[k], k);

  // 3-d: element (i, j, k) of shape (2, 3, 4) sits at i + 2 j + 6 k.
  std::string data;
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 2; ++i) data += raw<float>({float(100 * i + 10 * j + k)});
  fs::path p3 = write_bytes("f3.npy", npy_bytes(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3, 4)}", data));
  nd::array<float> b = nd::load<float>(p3);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k) EXPECT_EQ(b(i, j, k), float(100 * i + 10 * j + k));
}

TEST_F(Npy, BigEndianFilesAreSwappedToNative) {
  auto header = [](const char* descr) {
    return std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (2,), }\n";
  };
  fs::path f8 = write_bytes("f8.npy", npy_bytes(1, header(">f8"), big_endian<double>({1.5, -2.25})));
  fs::path f4 = write_bytes("f4.npy", npy_bytes(1, header(">f4"), big_endian<float>({3.5f, 1e-3f})));
  fs::path i4 = write_bytes("i4.npy", npy_bytes(1, header(">i4"), big_endian<std::int32_t>({-7, 123456789})));
  fs::path i8 = write_bytes("i8.npy", npy_bytes(1, header(">i8"), big_endian<std::int64_t>({-1LL << 40, 42})));
  EXPECT_EQ(nd::load<double>(f8)(1), -2.25);
  EXPECT_EQ(nd::load<float>(f4)(1), 1e-3f);
  EXPECT_EQ(nd::load<int>(i4)(0), -7);
  EXPECT_EQ(nd::load<int>(i4)(1), 123456789);
  EXPECT_EQ(nd::load<std::int64_t>(i8)(0), -1LL << 40);
  // Big-endian and Fortran order together.
  fs::path both = write_bytes(
      "both.npy", npy_bytes(1, "{'descr': '>i4', 'fortran_order': True, 'shape': (2, 2), }\n",
                            big_endian<std::int32_t>({1, 3, 2, 4})));
  nd::array<int> m = nd::load<int>(both);
  EXPECT_EQ(m(0, 1), 2);
  EXPECT_EQ(m(1, 0), 3);
}

TEST_F(Npy, NativeOrderAndBoolDescrs) {
  fs::path native = write_bytes(
      "n.npy", npy_bytes(1, "{'descr': '=f8', 'fortran_order': False, 'shape': (1,), }\n", raw<double>({0.5})));
  EXPECT_EQ(nd::load<double>(native)(0), 0.5);
  // NumPy treats any non-zero byte as True; a C++ bool must read back as exactly true.
  fs::path b = write_bytes("b.npy", npy_bytes(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }\n",
                                              std::string("\x00\x01\x07", 3)));
  nd::array<bool> flags = nd::load<bool>(b);
  EXPECT_FALSE(flags(0));
  EXPECT_TRUE(flags(1));
  EXPECT_TRUE(flags(2));
  EXPECT_EQ(reinterpret_cast<const unsigned char*>(flags.data())[2], 1);
}

TEST_F(Npy, HeaderParserAcceptsAnyKeyOrderQuotesSpacesAndCommas) {
  const char* headers[] = {
      "{'shape': (2, 2), 'fortran_order': False, 'descr': '<i4'}",
      "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (2,2)}\n",
      "  {  'descr' :'<i4' ,\n'fortran_order':False,'shape':( 2 , 2 , ) , }   \n",
      "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2),}",
  };
  int k = 0;
  for (const char* header : headers) {
    fs::path p = write_bytes("h" + std::to_string(k++) + ".npy", npy_bytes(1, header, raw<std::int32_t>({1, 2, 3, 4})));
    nd::array<int> a = nd::load<int>(p);
    EXPECT_EQ(a(1, 0), 3) << header;
  }
  fs::path zero_d = write_bytes("z.npy", npy_bytes(1, "{'descr': '<i4', 'fortran_order': False, 'shape': ()}",
                                                   raw<std::int32_t>({9})));
  EXPECT_EQ(nd::load<int>(zero_d).ndim(), 0);
  EXPECT_EQ(nd::load<int>(zero_d).item(), 9);
}

TEST_F(Npy, MissingFileNamesTheFile) {
  std::string message = load_error<double>(file("absent.npy"));
  EXPECT_NE(message.find("absent.npy"), std::string::npos) << message;
  EXPECT_NE(message.find("No such file"), std::string::npos) << message;
}

TEST_F(Npy, DirectoryIsNotAFile) {
  fs::create_directories(file("dir.npy"));
  std::string message = load_error<double>(file("dir.npy"));
  EXPECT_NE(message.find("dir.npy': it is a directory"), std::string::npos) << message;
  EXPECT_THROW(nd::save(file("dir.npy"), nd::array<double>{1}), nd::io_error);
}

// Each malformed file must throw io_error whose message names the file and contains
// the given words.
struct malformed_case {
  const char* name;
  std::string bytes;
  const char* words;
};

TEST_F(Npy, MalformedFilesThrowIoErrorSayingWhatIsWrong) {
  const std::string ok_header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n";
  const std::string two = raw<double>({1, 2});
  auto with_header = [&](const std::string& header) { return npy_bytes(1, header, two); };
  const malformed_case cases[] = {
      {"empty", "", "only 0 bytes"},
      {"short", "\x93NUM", "only 4 bytes"},
      {"magic", std::string("\x93NUMPZ\x01\x00\x10\x00", 10) + ok_header, "magic"},
      {"version", npy_bytes(4, ok_header, two), "version 4.0"},
      {"minor", [&] { std::string b = npy_bytes(1, ok_header, two); b[7] = 1; return b; }(), "version 1.1"},
      {"length", std::string("\x93NUMPY\x01\x00\xff\x7f", 10) + ok_header, "header length"},
      {"length_cut", std::string("\x93NUMPY\x02\x00\x01\x00\x00", 11), "header length"},
      {"not_dict", with_header("['descr', '<f8']"), "dict"},
      {"unclosed", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)"), "expected"},
      {"garbage_after", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} x"), "after the header"},
      {"missing_key", with_header("{'descr': '<f8', 'shape': (2,)}"), "missing key 'fortran_order'"},
      {"extra_key", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}"), "unsupported value"},
      {"unknown_key", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 'y'}"), "unexpected key 'x'"},
      {"descr_not_string", with_header("{'descr': True, 'fortran_order': False, 'shape': (2,)}"), "'descr' must be"},
      {"structured", with_header("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,)}"), "unsupported value"},
      {"unsupported_dtype", with_header("{'descr': '<u2', 'fortran_order': False, 'shape': (2,)}"), "unsupported dtype '<u2'"},
      {"order_not_bool", with_header("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}"), "unsupported value"},
      {"order_string", with_header("{'descr': '<f8', 'fortran_order': 'False', 'shape': (2,)}"), "'fortran_order' must be"},
      {"shape_int", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}"), "must be a tuple"},
      {"shape_string", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': '2'}"), "'shape' must be"},
      {"shape_negative", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,)}"), "negative"},
      {"shape_float", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,)}"), "expected ',' or ')'"},
      {"shape_digits", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}"), "too large"},
      {"shape_overflow",
       with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 0)}"), "address space"},
      {"unterminated_string", with_header("{'descr: '<f8'}"), "expected ':'"},
      {"escape", with_header("{'de\\scr': '<f8'}"), "escape"},
      {"nul", with_header("{'descr': '<f8'," + std::string(1, '\0') + " 'fortran_order': False, 'shape': (2,)}"), "NUL"},
      {"truncated_data", npy_bytes(1, ok_header, two.substr(0, 12)), "needs 16 bytes of data, the file holds 12"},
      {"lying_shape", npy_bytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,)}", two),
       "needs 8000000000000 bytes"},
      {"lying_fortran", npy_bytes(1, "{'descr': '<i4', 'fortran_order': True, 'shape': (3, 3)}", two), "truncated"},
  };
  for (const malformed_case& c : cases) {
    fs::path p = write_bytes(std::string(c.name) + ".npy", c.bytes);
    std::string message = load_error<double>(p);
    EXPECT_NE(message.find(p.string()), std::string::npos) << c.name << ": " << message;
    EXPECT_NE(message.find(c.words), std::string::npos) << c.name << ": " << message;
  }
}

TEST_F(Npy, LoadAsConvertsSameKindOnly) {
  nd::save(file("i.npy"), nd::array<int>{-3, 4});
  nd::save(file("b.npy"), nd::array<bool>{true, false});
  nd::save(file("d.npy"), nd::array<double>{1.5, 2.5});
  nd::array<double> from_int = nd::load_as<double>(file("i.npy"));
  EXPECT_EQ(from_int(0), -3.0);
  EXPECT_EQ(nd::load_as<std::int64_t>(file("i.npy"))(1), 4);
  EXPECT_EQ(nd::load_as<int>(file("b.npy"))(0), 1);
  EXPECT_EQ(nd::load_as<float>(file("d.npy"))(1), 2.5f);
  EXPECT_EQ(nd::load_as<double>(file("d.npy"))(0), 1.5);
  EXPECT_THROW(nd::load_as<int>(file("d.npy")), nd::io_error);
  EXPECT_THROW(nd::load_as<bool>(file("i.npy")), nd::io_error);
  EXPECT_THROW(nd::load_as<double>(file("absent.npy")), nd::io_error);
}

TEST_F(Npy, ReaderOnAnOpenStream) {
  std::string bytes = npy_bytes(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,)}", raw<std::int32_t>({5, 6}));
  std::FILE* stream = ::fmemopen(bytes.data(), bytes.size(), "rb");
  ASSERT_NE(stream, nullptr);
  {
    nd::detail::npy_reader reader(stream, "memory");
    EXPECT_EQ(reader.type(), nd::dtype::int32);
    EXPECT_EQ(reader.descr(), "<i4");
    nd::array<int> a = reader.read_array<int>();
    EXPECT_EQ(a(1), 6);
  }
  std::fclose(stream);
}

// Header messages name the key whose value is wrong: a tuple given for 'descr' used to
// be reported as a problem in 'shape'.
TEST_F(Npy, HeaderErrorsNameTheRightKey) {
  const std::string two = raw<double>({1, 2});
  fs::path p = write_bytes("descr_tuple.npy",
                           npy_bytes(1, "{'descr': ('<f8',), 'fortran_order': False, 'shape': (2,)}", two));
  std::string message = load_error<double>(p);
  EXPECT_NE(message.find("'descr' must not be a tuple"), std::string::npos) << message;
  EXPECT_EQ(message.find("'shape'"), std::string::npos) << message;
  p = write_bytes("order_tuple.npy", npy_bytes(1, "{'descr': '<f8', 'fortran_order': (1,), 'shape': (2,)}", two));
  message = load_error<double>(p);
  EXPECT_NE(message.find("'fortran_order' must not be a tuple"), std::string::npos) << message;
  p = write_bytes("shape_words.npy", npy_bytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (x,)}", two));
  message = load_error<double>(p);
  EXPECT_NE(message.find("expected an integer in 'shape'"), std::string::npos) << message;
}

// load_as: a file whose shape fits its own element size but not T's (2**61 x 0 bools
// as float64) is an io_error naming the file, like every other load error.
TEST_F(Npy, LoadAsShapeErrorNamesTheFile) {
  const fs::path p = write_bytes(
      "wide.npy", npy_bytes(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2305843009213693952, 0)}", ""));
  EXPECT_EQ(nd::load<bool>(p).size(), 0);
  try {
    nd::load_as<double>(p);
    FAIL() << "loaded a float64 array of 2**61 x 0";
  } catch (const nd::io_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(p.string()), std::string::npos) << message;
    EXPECT_NE(message.find("float64"), std::string::npos) << message;
  }
}

// nd::save replaces a file atomically: when the write fails (here a file-size limit),
// the old file is untouched and no temporary file is left behind.
TEST_F(Npy, FailedSaveLeavesTheOldFileIntact) {
  const fs::path target = file("keep.npy");
  nd::save(target, nd::array<double>{1, 2, 3});
  const std::string before = read_bytes(target);
  ::chmod(target.c_str(), 0640);

  // Over the limit, write() fails with EFBIG instead of raising SIGXFSZ.
  auto* previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit old_limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  rlimit small = old_limit;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    nd::save(target, nd::ones<double>({10000}));
  } catch (const nd::io_error& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, previous_handler);

  EXPECT_NE(message.find("cannot save"), std::string::npos) << message;
  EXPECT_NE(message.find(target.string()), std::string::npos) << message;
  EXPECT_EQ(read_bytes(target), before);
  int entries = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    ++entries;
    EXPECT_EQ(entry.path(), target) << "left behind: " << entry.path();
  }
  EXPECT_EQ(entries, 1);
  const nd::array<double> kept = nd::load<double>(target);
  ASSERT_EQ(kept.size(), 3);
  EXPECT_EQ(kept(2), 3.0);
}

TEST_F(Npy, SaveReplacesKeepingPermissionsAndSymlinks) {
  const fs::path target = file("p.npy");
  nd::save(target, nd::array<double>{1, 2, 3});
  ::chmod(target.c_str(), 0640);
  fs::create_symlink(target, file("link.npy"));
  nd::save(file("link.npy"), nd::array<double>{4, 5});
  EXPECT_TRUE(fs::is_symlink(file("link.npy")));
  EXPECT_EQ(nd::load<double>(target)(1), 5.0);
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 2);
}

TEST_F(Npy, SaveThroughADanglingSymlinkCreatesItsTargetAndKeepsTheLink) {
  // NumPy's np.save opens the path for writing, which follows the link.
  fs::create_symlink("made.npy", file("dangling.npy"));  // relative to the link's directory
  fs::create_symlink(file("dangling.npy"), file("chain.npy"));
  nd::save(file("chain.npy"), nd::array<double>{7, 8});
  EXPECT_TRUE(fs::is_symlink(file("chain.npy")));
  EXPECT_TRUE(fs::is_symlink(file("dangling.npy")));
  ASSERT_TRUE(fs::is_regular_file(file("made.npy")));
  EXPECT_EQ(nd::load<double>(file("made.npy"))(1), 8.0);
}

TEST_F(Npy, SaveThroughASymlinkLoopThrowsAndWritesNothing) {
  fs::create_symlink(file("b.npy"), file("a.npy"));
  fs::create_symlink(file("a.npy"), file("b.npy"));
  EXPECT_THROW(nd::save(file("a.npy"), nd::array<double>{1}), nd::io_error);
  EXPECT_TRUE(fs::is_symlink(file("a.npy")));
  EXPECT_TRUE(fs::is_symlink(file("b.npy")));
}

TEST_F(Npy, LargeArrayRoundTrip) {
  nd::array<double> a = patterned<double>({1000, 1000});
  nd::save(file("big.npy"), a);
  EXPECT_EQ(fs::file_size(file("big.npy")), 128u + 8'000'000u);
  expect_patterned(nd::load<double>(file("big.npy")), {1000, 1000});
}

}  // namespace
