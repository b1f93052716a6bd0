#include "common.hpp"

int main() { return static_cast<int>(every_other_row()); }
