#include "common.hpp"

// The program's exit status is the sum, truncated.
int main() { return static_cast<int>(every_other_row()); }
