// The whole nd runtime: #include <nd/nd.hpp>.
#pragma once

#include "nd/core.hpp"
#include "nd/array.hpp"
#include "nd/creation.hpp"
#include "nd/io.hpp"
#include "nd/memory.hpp"
#include "nd/print.hpp"
#include "nd/random.hpp"
#include "nd/shape.hpp"
#include "nd/indexing.hpp"
#include "nd/ranges.hpp"
#include "nd/linalg.hpp"
#include "nd/promote.hpp"
#include "nd/broadcast.hpp"
#include "nd/ufunc.hpp"
#include "nd/operators.hpp"
#include "nd/reduce.hpp"
