// The runtime's parallel loop (runtime/src/thread_pool.cpp). Engines cut their work
// into tasks whose boundaries depend only on the operands, never on the thread count,
// so that results are bit-for-bit the same however the tasks are scheduled.
#pragma once

#include <algorithm>
#include <type_traits>

#include "nd/core.hpp"

namespace nd::detail {

// Elements below which a loop is not worth splitting: waking a worker and handing it a
// task costs about as much as streaming this many doubles (measured, docs/runtime.md).
// ND_PARALLEL_GRAIN in the environment lowers it for tests, so that the threaded paths
// run on small arrays; it changes how work is scheduled, never a result.
inline constexpr index_t default_parallel_grain = 32768;
index_t parallel_grain();

// How many threads a loop started now may use: 1 inside a task of a parallel loop,
// inside an active OpenMP region, or when another thread is already using the pool;
// else nd::get_num_threads().
int available_threads();

// Runs body(ctx, t) for every task t in [0, tasks), on up to `available_threads()`
// threads (the caller included); returns when all are done. An exception thrown by a
// task is rethrown here (the one of the lowest task index).
void parallel_for_tasks(index_t tasks, void (*body)(void*, index_t), void* ctx);

template <class F>
void parallel_for(index_t tasks, F&& f) {
  using fn_t = std::remove_reference_t<F>;
  parallel_for_tasks(
      tasks, [](void* ctx, index_t t) { (*static_cast<fn_t*>(ctx))(t); },
      const_cast<void*>(static_cast<const void*>(&f)));
}

// Runs body(first, last) over [0, items) cut into at most `tasks` ranges of consecutive
// items, each of ceil(items / tasks) but the last; with tasks <= 1, one range on the
// calling thread.
template <class F>
void parallel_ranges(index_t items, index_t tasks, F&& body) {
  if (tasks <= 1) return body(index_t{0}, items);
  const index_t per = (items + tasks - 1) / tasks;
  parallel_for((items + per - 1) / per, [&](index_t t) { body(t * per, std::min(items, (t + 1) * per)); });
}

// The number of tasks worth making for `elements` of work: 1 below twice the grain,
// else up to `max_tasks` (a bound given by the operands, not by the thread count).
inline index_t tasks_for(index_t elements, index_t max_tasks) {
  const index_t by_grain = elements / parallel_grain();
  return by_grain < 2 ? 1 : (by_grain < max_tasks ? by_grain : max_tasks);
}

}  // namespace nd::detail
