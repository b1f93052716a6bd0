// nd_diff_driver DIR: runs every case of DIR/cases.txt (written by gen_cases.py)
// through the nd runtime in one process. For each case it writes DIR/<id>_r.npy (the
// result; scalars as 0-d arrays), DIR/<id>_b<k>_after.npy (every base after the op,
// when the case has `out`, so writes outside `out` are seen), and one line of
// DIR/results.txt: "<id> ok", "<id> <nd error class> <message>", "<id> rejected
// <why>" (the call does not compile for these types), "<id> unavailable" (the op is
// not wired) or "<id> harness_error <message>".
#include <fstream>
#include <iostream>
#include <sstream>

#include <nd/io.hpp>

#include "driver.hpp"

namespace {

using diff::any_array;

any_array load_base(const std::string& path, const std::string& code) {
  if (code == "b1") return nd::load<bool>(path);
  if (code == "i4") return nd::load<std::int32_t>(path);
  if (code == "i8") return nd::load<std::int64_t>(path);
  if (code == "f4") return nd::load<float>(path);
  if (code == "f8") return nd::load<double>(path);
  throw diff::case_format_error("unknown dtype code '" + code + "'");
}

diff::test_case parse_case(const std::string& line, const std::string& dir) {
  std::istringstream in(line);
  diff::test_case c;
  std::string token;
  if (!(in >> c.id >> c.op)) throw diff::case_format_error("bad case line: " + line);
  while (in >> token) {
    auto eq = token.find('=');
    if (eq == std::string::npos) throw diff::case_format_error("bad parameter '" + token + "'");
    c.params[token.substr(0, eq)] = token.substr(eq + 1);
  }
  const std::string bases = c.params.count("bases") ? c.params["bases"] : "";
  if (!bases.empty()) {
    int k = 0;
    for (const auto& code : diff::split(bases, ','))
      c.bases.push_back(load_base(dir + "/" + std::to_string(c.id) + "_b" + std::to_string(k++) + ".npy", code));
  }
  return c;
}

void save(const std::string& path, const any_array& a) {
  std::visit([&](const auto& x) { nd::save(path, x); }, a);
}

std::string one_line(std::string s) {
  for (char& ch : s)
    if (ch == '\n') ch = ' ';
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: nd_diff_driver DIR   (DIR holds cases.txt from gen_cases.py)\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::ifstream cases(dir + "/cases.txt");
  if (!cases) {
    std::cerr << "nd_diff_driver: cannot read " << dir << "/cases.txt\n";
    return 2;
  }
  std::ofstream results(dir + "/results.txt");
  diff::registry ops;
  diff::register_unary_ops(ops);
  diff::register_arith_ops(ops);
  diff::register_compare_ops(ops);
  diff::register_minmax_logical_ops(ops);
  diff::register_ternary_ops(ops);
  diff::register_reduce_ops(ops);
  diff::register_indexing_ops(ops);
  diff::register_shape_ops(ops);
  diff::register_scan_ops(ops);
  diff::register_sort_ops(ops);
  diff::register_linalg_ops(ops);
  diff::register_shape_view_ops(ops);
  diff::register_shape_copy_ops(ops);
  diff::register_more_ufunc_ops(ops);
  diff::register_statistics_ops(ops);
  diff::register_fused_ops(ops);

  std::string line;
  while (std::getline(cases, line)) {
    if (line.empty() || line[0] == '#') continue;
    int id = std::atoi(line.c_str());
    std::string status;
    try {
      diff::test_case c = parse_case(line, dir);
      auto h = ops.find(c.op);
      if (h == ops.end()) {
        status = "unavailable";
      } else {
        any_array r;
        try {
          r = h->second(c);
          status = "ok";
        } catch (const nd::shape_error& e) {
          status = std::string("shape_error ") + e.what();
        } catch (const nd::index_error& e) {
          status = std::string("index_error ") + e.what();
        } catch (const nd::type_error& e) {
          status = std::string("type_error ") + e.what();
        } catch (const nd::value_error& e) {
          status = std::string("value_error ") + e.what();
        } catch (const nd::io_error& e) {
          status = std::string("io_error ") + e.what();
        } catch (const nd::error& e) {
          status = std::string("error ") + e.what();
        } catch (const diff::rejected_at_compile_time& e) {
          status = std::string("rejected ") + e.what();
        } catch (const diff::case_format_error&) {
          throw;
        } catch (const std::exception& e) {  // nd let a non-nd exception escape
          status = std::string("std_exception ") + e.what();
        }
        if (status == "ok") {
          save(dir + "/" + std::to_string(id) + "_r.npy", r);
          if (c.has("out"))
            for (std::size_t k = 0; k < c.bases.size(); ++k)
              save(dir + "/" + std::to_string(id) + "_b" + std::to_string(k) + "_after.npy", c.bases[k]);
        }
      }
    } catch (const std::exception& e) {
      status = std::string("harness_error ") + e.what();
    }
    results << id << ' ' << one_line(status) << '\n' << std::flush;  // a crash keeps earlier results
  }
  return 0;
}
