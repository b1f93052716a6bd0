// The .npy reader and writer behind nd::save, nd::load and nd::load_as.
//
// Format (numpy/lib/format.py): the magic "\x93NUMPY", a major and a minor version
// byte, the header length (u16 little-endian in 1.0, u32 in 2.0 and 3.0), then the
// header: a Python dict literal {'descr': '<f8', 'fortran_order': False, 'shape': (3,)}
// padded with spaces and ended by '\n' (latin-1 in 1.0 and 2.0, UTF-8 in 3.0), then the
// raw elements.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <string_view>
#include <vector>

#include "nd/io.hpp"

namespace nd::detail {
namespace {

constexpr std::string_view npy_magic = "\x93NUMPY";
constexpr std::size_t magic_and_version_bytes = 8;
// NumPy aligns the data to 64 bytes and leaves room after the header so the first
// axis can grow to 21 digits in place (numpy.lib.format.GROWTH_AXIS_MAX_DIGITS).
constexpr std::size_t npy_alignment = 64;
constexpr std::size_t growth_axis_max_digits = 21;

std::size_t item_size(dtype t) {
  switch (t) {
    case dtype::bool_: return 1;
    case dtype::int32: return 4;
    case dtype::int64: return 8;
    case dtype::float32: return 4;
    case dtype::float64: return 8;
  }
  return 1;
}

const char* little_endian_descr(dtype t) {
  switch (t) {
    case dtype::bool_: return "|b1";
    case dtype::int32: return "<i4";
    case dtype::int64: return "<i8";
    case dtype::float32: return "<f4";
    case dtype::float64: return "<f8";
  }
  return "?";
}

// Python's repr of a tuple of ints: "()", "(5,)", "(3, 4)".
std::string shape_repr(std::span<const index_t> shape) { return nd::to_string(shape); }

// ---------------------------------------------------------------------------------
// The header dict: a small recursive-descent parser for the subset of Python literal
// syntax that .npy headers use: a dict of string keys whose values are strings,
// True/False, or tuples of non-negative integers; spaces anywhere between tokens and
// trailing commas allowed.
struct header_value {
  enum kind_t { string, boolean, tuple } kind = string;
  std::string text;
  bool flag = false;
  shape_t dims;
};

class header_parser {
 public:
  header_parser(std::string_view text, const npy_reader& reader) : text_(text), reader_(reader) {}

  // Parses the whole header; calls `on_entry(key, value)` for each entry.
  template <class F>
  void parse_dict(F&& on_entry) {
    skip_space();
    expect('{', "the header must be a Python dict starting with '{'");
    skip_space();
    while (!at('}')) {
      std::string key = parse_string("a dict key");
      skip_space();
      expect(':', "expected ':' after the key '" + key + "'");
      skip_space();
      header_value value = parse_value(key);
      on_entry(key, value);
      skip_space();
      if (at(',')) {
        ++pos_;
        skip_space();
      } else if (!at('}')) {
        error("expected ',' or '}' after the value of '" + key + "'");
      }
    }
    ++pos_;
    skip_space();
    if (pos_ != text_.size()) error("unexpected text after the header dict");
  }

 private:
  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  void skip_space() {
    while (pos_ < text_.size() && std::strchr(" \t\n\r\f\v", text_[pos_]) && text_[pos_] != '\0') ++pos_;
  }
  void expect(char c, const std::string& message) {
    if (!at(c)) error(message);
    ++pos_;
  }
  [[noreturn]] void error(const std::string& what) const {
    reader_.fail("malformed header at byte " + std::to_string(pos_) + " of the header: " + what);
  }

  std::string parse_string(const char* what) {
    if (!at('\'') && !at('"')) error(std::string("expected ") + what + " (a quoted string)");
    char quote = text_[pos_++];
    std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\') error("escape sequences are not supported in header strings");
      if (text_[pos_] == '\n') error("unterminated string");
      ++pos_;
    }
    if (pos_ == text_.size()) error("unterminated string");
    std::string s(text_.substr(start, pos_ - start));
    ++pos_;
    return s;
  }

  bool parse_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    std::size_t end = pos_ + word.size();
    if (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) return false;
    pos_ = end;
    return true;
  }

  // The messages name `key`: a tuple may be given for any key ('descr': ('<f8',)).
  index_t parse_dimension(const std::string& key) {
    if (at('-')) error("negative dimensions are not allowed in '" + key + "'");
    if (pos_ >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[pos_])))
      error("expected an integer in '" + key + "'");
    index_t value = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      int digit = text_[pos_] - '0';
      if (value > (std::numeric_limits<index_t>::max() - digit) / 10)
        error("a dimension in '" + key + "' is too large");
      value = value * 10 + digit;
      ++pos_;
    }
    return value;
  }

  shape_t parse_tuple(const std::string& key) {
    ++pos_;  // '('
    skip_space();
    shape_t dims;
    bool saw_comma = false;
    while (!at(')')) {
      if (dims.size() == max_dims) error("more than " + std::to_string(max_dims) + " dimensions in '" + key + "'");
      dims.push_back(parse_dimension(key));
      skip_space();
      if (at(',')) {
        ++pos_;
        saw_comma = true;
        skip_space();
      } else if (!at(')')) {
        error("expected ',' or ')' in '" + key + "'");
      }
    }
    ++pos_;
    // In Python "(3)" is the integer 3, not a tuple.
    if (dims.size() == 1 && !saw_comma) error("'" + key + "' must be a tuple; (n) is an integer, write (n,)");
    return dims;
  }

  header_value parse_value(const std::string& key) {
    header_value v;
    if (at('\'') || at('"')) {
      v.kind = header_value::string;
      v.text = parse_string("a string");
    } else if (parse_word("True")) {
      v.kind = header_value::boolean;
      v.flag = true;
    } else if (parse_word("False")) {
      v.kind = header_value::boolean;
      v.flag = false;
    } else if (at('(') && key != "shape") {
      // Only 'shape' holds a tuple; NumPy's structured descrs are tuples or lists.
      error("'" + key + "' must not be a tuple" +
            (key == "descr" ? " (structured dtypes are not supported; expected a string such as '<f8')" : ""));
    } else if (at('(')) {
      v.kind = header_value::tuple;
      v.dims = parse_tuple(key);
    } else {
      error("unsupported value for '" + key + "' (expected a string, True, False or a tuple)");
    }
    return v;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  const npy_reader& reader_;
};

std::uint32_t read_le(const unsigned char* p, int bytes) {
  std::uint32_t v = 0;
  for (int k = bytes - 1; k >= 0; --k) v = (v << 8) | p[k];
  return v;
}

// std::byteswap is C++23; the builtins compile to one bswap instruction each.
void byte_swap_all(std::uint32_t* p, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) p[i] = __builtin_bswap32(p[i]);
}
void byte_swap_all(std::uint64_t* p, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) p[i] = __builtin_bswap64(p[i]);
}

std::string system_error_text() { return std::strerror(errno); }

// Where a save lands: symbolic links are followed, so that the file they name is
// replaced, or created when the link dangles, and the links kept (as NumPy's open(path,
// "wb") does). Each link is read one at a time: canonicalising a dangling link would
// return the link itself, and the rename would replace it.
std::filesystem::path resolved_target(std::filesystem::path path) {
  std::error_code ec;
  for (int hops = 0; std::filesystem::is_symlink(path, ec); ++hops) {
    if (hops == 40) throw io_error("cannot save to " + path.string() + ": too many levels of symbolic links");
    const std::filesystem::path next = std::filesystem::read_symlink(path, ec);
    if (ec) break;
    path = next.is_absolute() ? next : path.parent_path() / next;
  }
  return path;
}

// A file replaced atomically: the bytes go to a new file in the target's directory,
// which is flushed to disk (fsync) and then renamed over the target. Until commit()
// the target is untouched, so a failed write (disk full, a file-size limit) leaves
// the old file as it was; the temporary file is removed on every failure.
class atomic_file {
 public:
  using fail_fn = std::function<void(const std::string&)>;

  atomic_file(const std::filesystem::path& target, fail_fn fail) : target_(target), fail_(std::move(fail)) {
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
    // An existing file keeps its permissions; a new one gets 0666 less the umask.
    struct stat old{};
    const bool replacing = ::stat(target.c_str(), &old) == 0;
    static std::atomic<unsigned> serial{0};
    for (int attempt = 0; fd_ < 0; ++attempt) {
      temp_ = dir / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()) + "-" +
                     std::to_string(serial.fetch_add(1, std::memory_order_relaxed)));
      fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && (errno != EEXIST || attempt > 100)) fail_(system_error_text());
    }
    if (replacing && ::fchmod(fd_, old.st_mode & 07777) != 0) abandon(system_error_text());
  }
  ~atomic_file() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(temp_.c_str());
    }
  }
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  void write(const void* data, std::size_t bytes) {
    const char* p = static_cast<const char*>(data);
    while (bytes > 0) {
      const ssize_t n = ::write(fd_, p, std::min<std::size_t>(bytes, std::size_t{1} << 30));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) abandon("write failed: " + (n < 0 ? system_error_text() : std::string("no progress")));
      p += n;
      bytes -= static_cast<std::size_t>(n);
    }
  }

  void commit() {
    if (::fsync(fd_) != 0) abandon("write failed: " + system_error_text());
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
      const std::string why = system_error_text();
      ::unlink(temp_.c_str());
      fail_("write failed: " + why);
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
      const std::string why = system_error_text();
      ::unlink(temp_.c_str());
      fail_(why);
    }
    // Make the rename itself durable; the file is already complete, so a directory
    // that cannot be synced (some file systems refuse) is not an error.
    const std::filesystem::path dir = target_.has_parent_path() ? target_.parent_path() : ".";
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
  }

 private:
  [[noreturn]] void abandon(const std::string& what) {
    ::close(fd_);
    fd_ = -1;
    ::unlink(temp_.c_str());
    fail_(what);
    std::abort();  // fail_ throws
  }

  std::filesystem::path target_;
  std::filesystem::path temp_;
  fail_fn fail_;
  int fd_ = -1;
};

}  // namespace

// ---------------------------------------------------------------------------------
npy_reader::npy_reader(const std::filesystem::path& path) : name_(path.string()) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) fail("it is a directory, not a .npy file");
  stream_ = std::fopen(path.c_str(), "rb");
  if (!stream_) fail(system_error_text());
  owns_stream_ = true;
  try {
    parse_header();
  } catch (...) {
    std::fclose(stream_);
    throw;
  }
}

npy_reader::npy_reader(std::FILE* stream, std::string name) : stream_(stream), name_(std::move(name)) {
  if (!stream_) fail("no stream");
  parse_header();
}

npy_reader::~npy_reader() {
  if (owns_stream_) std::fclose(stream_);
}

void npy_reader::fail(const std::string& what) const { throw io_error("cannot load '" + name_ + "': " + what); }

void npy_reader::throw_type_mismatch(dtype wanted, const char* hint) const {
  fail(std::string("expected dtype ") + dtype_name(wanted) + ", found " + dtype_name(type_) + " ('" + descr_ + "')" +
       hint);
}

void npy_reader::parse_header() {
  // The file's size bounds everything the header may claim.
  if (std::fseek(stream_, 0, SEEK_END) != 0) fail("cannot seek: " + system_error_text());
  long end = std::ftell(stream_);
  if (end < 0) fail("cannot tell the file size: " + system_error_text());
  if (std::fseek(stream_, 0, SEEK_SET) != 0) fail("cannot seek: " + system_error_text());
  const std::size_t file_size = static_cast<std::size_t>(end);

  unsigned char prefix[12];
  if (file_size < magic_and_version_bytes + 2 ||
      std::fread(prefix, 1, magic_and_version_bytes, stream_) != magic_and_version_bytes)
    fail("not a .npy file: it is only " + std::to_string(file_size) + " bytes long");
  if (std::memcmp(prefix, npy_magic.data(), npy_magic.size()) != 0)
    fail("not a .npy file: the magic string \\x93NUMPY is missing");
  const int major = prefix[6], minor = prefix[7];
  if (minor != 0 || major < 1 || major > 3)
    fail("unsupported .npy format version " + std::to_string(major) + "." + std::to_string(minor) +
         " (1.0, 2.0 and 3.0 are supported)");
  const int length_bytes = major == 1 ? 2 : 4;
  if (std::fread(prefix + magic_and_version_bytes, 1, length_bytes, stream_) != static_cast<std::size_t>(length_bytes))
    fail("truncated: the file ends inside the header length");
  const std::size_t header_length = read_le(prefix + magic_and_version_bytes, length_bytes);
  const std::size_t header_start = magic_and_version_bytes + length_bytes;
  if (header_length > file_size - header_start)
    fail("truncated: the header length is " + std::to_string(header_length) + " bytes but only " +
         std::to_string(file_size - header_start) + " follow");

  std::string header(header_length, '\0');
  if (header_length > 0 && std::fread(header.data(), 1, header_length, stream_) != header_length)
    fail("cannot read the header: " + system_error_text());
  if (header.find('\0') != std::string::npos) fail("malformed header: it contains a NUL byte");

  bool have_descr = false, have_order = false, have_shape = false;
  header_parser parser(header, *this);
  parser.parse_dict([&](const std::string& key, const header_value& value) {
    if (key == "descr") {
      if (value.kind != header_value::string)
        fail("malformed header: 'descr' must be a string such as '<f8' (structured dtypes are not supported)");
      descr_ = value.text;
      have_descr = true;
    } else if (key == "fortran_order") {
      if (value.kind != header_value::boolean) fail("malformed header: 'fortran_order' must be True or False");
      fortran_order_ = value.flag;
      have_order = true;
    } else if (key == "shape") {
      if (value.kind != header_value::tuple) fail("malformed header: 'shape' must be a tuple of integers");
      shape_ = value.dims;
      have_shape = true;
    } else {
      fail("malformed header: unexpected key '" + key + "' (expected 'descr', 'fortran_order' and 'shape')");
    }
  });
  if (!have_descr || !have_order || !have_shape)
    fail(std::string("malformed header: missing key '") +
         (!have_descr   ? "descr"
          : !have_order ? "fortran_order"
                        : "shape") +
         "'");

  // descr: an optional byte-order character, a kind and an item size.
  std::string_view d = descr_;
  char order = '=';
  if (!d.empty() && std::strchr("<>|=", d[0]) && d[0] != '\0') {
    order = d[0];
    d.remove_prefix(1);
  }
  if (d == "b1" || d == "?") type_ = dtype::bool_;
  else if (d == "i4") type_ = dtype::int32;
  else if (d == "i8") type_ = dtype::int64;
  else if (d == "f4") type_ = dtype::float32;
  else if (d == "f8") type_ = dtype::float64;
  else
    fail("unsupported dtype '" + descr_ + "' (nd reads bool '|b1', int32 '<i4', int64 '<i8', float32 '<f4' and " +
         "float64 '<f8', either byte order)");
  const bool file_big_endian = order == '>' || (order != '<' && std::endian::native == std::endian::big);
  swap_bytes_ = item_size(type_) > 1 && file_big_endian != (std::endian::native == std::endian::big);

  // Data size, overflow-safe, against what the file holds.
  const std::size_t available = file_size - header_start - header_length;
  const std::size_t item = item_size(type_);
  // The product of the non-zero extents must be addressable even when another extent
  // is 0 (NumPy refuses such shapes too).
  const std::size_t limit = static_cast<std::size_t>(std::numeric_limits<index_t>::max()) / item;
  std::size_t count = 1;
  bool has_zero = false;
  for (index_t dim : shape_) {
    if (dim == 0) {
      has_zero = true;
      continue;
    }
    if (count > limit / static_cast<std::size_t>(dim))
      fail("lying header: shape " + shape_repr(shape_) + " of " + dtype_name(type_) +
           " is larger than the address space");
    count *= static_cast<std::size_t>(dim);
  }
  if (has_zero) count = 0;
  if (count * item > available)
    fail("truncated: shape " + shape_repr(shape_) + " of " + dtype_name(type_) + " needs " +
         std::to_string(count * item) + " bytes of data, the file holds " + std::to_string(available));
  data_bytes_ = count * item;
}

void npy_reader::read_data(void* dst) {
  if (data_bytes_ == 0) return;
  if (std::fread(dst, 1, data_bytes_, stream_) != data_bytes_) fail("cannot read the data: " + system_error_text());
  const std::size_t count = data_bytes_ / item_size(type_);
  if (type_ == dtype::bool_) {
    // Any non-zero byte is True (as in NumPy); a C++ bool must hold exactly 0 or 1.
    auto* bytes = static_cast<unsigned char*>(dst);
    for (std::size_t i = 0; i < count; ++i) bytes[i] = bytes[i] != 0;
  } else if (swap_bytes_) {
    if (item_size(type_) == 4) byte_swap_all(static_cast<std::uint32_t*>(dst), count);
    else byte_swap_all(static_cast<std::uint64_t*>(dst), count);
  }
}

// ---------------------------------------------------------------------------------
std::filesystem::path npy_save_path(const std::filesystem::path& path) {
  if (path.extension() == ".npy") return path;
  std::filesystem::path with_suffix = path;
  with_suffix += ".npy";
  return with_suffix;
}

void npy_write(const std::filesystem::path& path, dtype t, std::span<const index_t> shape, const void* data) {
  static_assert(std::endian::native == std::endian::little, "the writer stores native little-endian data");
  auto fail = [&](const std::string& what) -> void { throw io_error("cannot save '" + path.string() + "': " + what); };

  // The header exactly as np.save writes it: sorted keys, repr values, spare room for
  // the first axis to grow, padded with spaces to a 64-byte boundary, ended by '\n'.
  std::string header = std::string("{'descr': '") + little_endian_descr(t) +
                       "', 'fortran_order': False, 'shape': " + shape_repr(shape) + ", }";
  if (!shape.empty()) {
    std::size_t first_axis_digits = std::to_string(shape[0]).size();
    if (first_axis_digits < growth_axis_max_digits) header.append(growth_axis_max_digits - first_axis_digits, ' ');
  }
  int major = 1;
  std::size_t length_bytes = 2;
  std::size_t text_length = header.size() + 1;  // + '\n'
  std::size_t padding = npy_alignment - (magic_and_version_bytes + length_bytes + text_length) % npy_alignment;
  if (text_length + padding > 0xFFFF) {
    major = 2;
    length_bytes = 4;
    padding = npy_alignment - (magic_and_version_bytes + length_bytes + text_length) % npy_alignment;
  }
  header.append(padding, ' ');
  header.push_back('\n');

  std::string prefix(npy_magic);
  prefix.push_back(static_cast<char>(major));
  prefix.push_back('\0');
  for (std::size_t k = 0; k < length_bytes; ++k) prefix.push_back(static_cast<char>((header.size() >> (8 * k)) & 0xFF));

  std::size_t count = 1;
  for (index_t d : shape) count *= static_cast<std::size_t>(d);
  const std::size_t data_bytes = count * item_size(t);

  const std::filesystem::path target = resolved_target(path);
  atomic_file out(target, fail);
  out.write(prefix.data(), prefix.size());
  out.write(header.data(), header.size());
  out.write(data, data_bytes);
  out.commit();
}

}  // namespace nd::detail
