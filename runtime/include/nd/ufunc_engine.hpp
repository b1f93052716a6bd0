// The type-erased interface between the ufunc templates (nd/ufunc.hpp, nd/reduce.hpp)
// and the compiled inner-loop engine and SIMD kernels (runtime/src). Header templates
// only describe operands (pointer, dtype, strides); every loop runs in the library,
// so the kernels are compiled once per (operation, dtype) and per SIMD target.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <span>

#include "nd/core.hpp"

namespace nd::detail {

// Every element-wise operation, in the order of nd/ufuncs.def (which has one row per
// operation and documents the columns expanded here).
enum class ufunc_op : std::uint8_t {
#define ND_UFUNC(name, ...) name,
#include "nd/ufuncs.def"
};

// The kernel families of nd/ufuncs.def: one translation unit of kernels each.
enum class ufunc_family : std::uint8_t {
  arithmetic,
  comparison,
  logical,
  transcendental,
  rounding,
  division,
  bitwise,
  floating,
  selection,
  cast,
};
// How an operation's compute and result types follow from its operands'.
enum class ufunc_result : std::uint8_t { same, same_int, to_float, to_bool };
// Which operand dtypes it accepts (others do not compile).
enum class ufunc_accepts : std::uint8_t { any, integral, numeric };
enum class ufunc_api : std::uint8_t { ufunc, custom, internal };

// One row of nd/ufuncs.def.
struct ufunc_row {
  const char* name;   // nd's
  const char* numpy;  // NumPy's, for messages
  int arity;
  ufunc_family family;
  ufunc_result result;
  ufunc_accepts accepts;
  int ulp32, ulp64;  // largest difference from NumPy in ULP (0: bit-identical)
  ufunc_api api;
  bool commutative;
  const char* op;       // nd's operator spelling, or ""
  const char* c_names;  // the C/C++ math functions it replaces, space-separated
};

inline constexpr ufunc_row ufunc_table[] = {
#define ND_UFUNC(name, numpy, arity, family, result, accepts, ulp32, ulp64, api, commutative, op, c_names) \
  {#name,                                                                                                  \
   numpy,                                                                                                  \
   arity,                                                                                                  \
   ufunc_family::family,                                                                                   \
   ufunc_result::result,                                                                                   \
   ufunc_accepts::accepts,                                                                                 \
   ulp32,                                                                                                  \
   ulp64,                                                                                                  \
   ufunc_api::api,                                                                                         \
   commutative != 0,                                                                                       \
   op,                                                                                                     \
   c_names},
#include "nd/ufuncs.def"
};
inline constexpr int ufunc_count = sizeof(ufunc_table) / sizeof(ufunc_table[0]);

constexpr const ufunc_row& ufunc_info(ufunc_op op) { return ufunc_table[static_cast<int>(op)]; }

// NumPy's name of an operation ("add", "true_divide", ...), for messages.
const char* ufunc_name(ufunc_op op);
// Number of inputs of an operation (1, 2 or 3).
int ufunc_arity(ufunc_op op);
// Whether the operation's result is bool whatever the compute type (comparisons, logic).
bool ufunc_returns_bool(ufunc_op op);

// One operand as the engine sees it: `strides` (in elements of `type`) has one entry per
// axis of the broadcast shape, 0 along broadcast axes. Scalars are stored by the
// caller in the compute type and passed with all-zero strides.
struct operand {
  const void* data;
  dtype type;
  const index_t* strides;
};

// Runs `op` over `shape`: reads the inputs (cast, in buffered chunks, to `compute`;
// the condition of `where` to bool), computes in `compute`, and writes to `out`,
// casting when out's dtype differs. The caller has already checked shapes, casting
// rules and overlap.
void run_ufunc(ufunc_op op, dtype compute, std::span<const index_t> shape, std::span<const operand> inputs,
               const operand& out);

// Whether NumPy's 'same_kind' rule allows casting `from` to `to`.
bool can_cast_same_kind(dtype from, dtype to);

// Reduction operations.
enum class reduce_op : std::uint8_t { sum, prod, min, max, any, all };

// Reduces `in` (of dtype `in_type`) over the axes flagged in `reduced` into `out`, of
// dtype `acc` (bool for any/all), whose strides are given per input axis (ignored
// along reduced axes). The input is converted to `acc` in chunks when they differ.
// Pairwise summation for float sums. With a `center` (of dtype acc, one per output
// element at the output's offsets; sum only), sums (x - center)^2 instead of x.
void run_reduce(reduce_op op, dtype in_type, dtype acc, std::span<const index_t> shape, const void* in,
                std::span<const index_t> in_strides, const bool* reduced, void* out, const index_t* out_strides,
                const void* center = nullptr);

// var's centred sum in one read of the input where its layout allows (float32 or
// float64 `in`, `out` of the same dtype, strides as run_reduce's): each output element
// gets the sum of squared deviations of its elements from their own mean. Returns
// false, having written nothing, for other layouts; the caller then computes the mean
// and calls run_reduce with it as the centre.
bool run_squared_deviations(dtype type, std::span<const index_t> shape, const void* in,
                            std::span<const index_t> in_strides, const bool* reduced, void* out,
                            const index_t* out_strides);

// argmin/argmax along one axis (or of the flattened array when axis < 0 and the
// array is given as 1-D): writes int64 indices into `out` (strides per non-reduced axis).
void run_arg_reduce(bool is_max, dtype type, std::span<const index_t> shape, const void* in,
                    std::span<const index_t> in_strides, int axis, std::int64_t* out, const index_t* out_strides);

}  // namespace nd::detail

namespace nd::detail {

// Broadcasts the inputs' shapes (and out's, when given) as a ufunc does; throws
// shape_error with NumPy's messages ("operands could not be broadcast together with
// shapes (2,3) (4,) ", "non-broadcastable output operand with shape ...").
shape_t ufunc_broadcast(std::span<const shape_t> inputs, const shape_t* out);

// Throws type_error unless the ufunc's result dtype may be cast to out's under
// NumPy's 'same_kind' rule.
void check_output_cast(ufunc_op op, dtype result, dtype out);

// The errors NumPy raises for bool operands of negative and subtract.
[[noreturn]] void throw_bool_negative();
[[noreturn]] void throw_bool_subtract();
[[noreturn]] void throw_negative_integer_power();

}  // namespace nd::detail
