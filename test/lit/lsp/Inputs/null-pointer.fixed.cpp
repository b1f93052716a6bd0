#include <nd/nd.hpp>

int main() {
  int *missing = nullptr;
  auto a = nd::zeros<double>({2, 3});
  return missing == nullptr && a.size() == 6 ? 0 : 1;
}
