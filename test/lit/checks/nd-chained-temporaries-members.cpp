// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t
// RUN: %check_nd_tidy -check-suffix=OUT %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
//
// Chains whose target is a data member, private or public. The fused form computes
// the chain into a new array and then rebinds the member, as the eager chain does, so
// it keeps behaviour even where an operand is a reference to that same member (step()
// below is called with the model's own weights) and where another handle holds the
// member's old buffer (alias in main). The out forms would write the member's buffer
// step by step, and an operand bound to the member would see the partial result: they
// are offered for variables only.
#include <nd/nd.hpp>

#include <cstdio>

static void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (double v : a.to_vector())
    std::printf(" %.17g", v);
  std::printf("\n");
}

class Model {
public:
  explicit Model(const nd::array<double> &w) : weights_(w.copy()) {}
  void step(const nd::array<double> &x) {
    weights_ = nd::sqrt(2.5 * x + 1.2) * 3.0;
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: chained array expression makes 4 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    weights_ = nd::eval(nd::sqrt(2.5 * nd::lazy(x) + 1.2) * 3.0);
    // CHECK-MESSAGES-OUT: :[[@LINE-3]]:16: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
    // CHECK-MESSAGES-OUT: :[[@LINE-4]]:16: note: no fix-it: the target is not a variable
  }
  const nd::array<double> &weights() const { return weights_; }

private:
  nd::array<double> weights_;
};

struct Layer {
  nd::array<double> bias;
};

void shift(Layer &layer, const nd::array<double> &x) {
  layer.bias = (x - 0.5) * 2.0 + 1.0;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: chained array expression makes 3 passes over memory and allocates 1 array; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: {{^}}  layer.bias = nd::eval((nd::lazy(x) - 0.5) * 2.0 + 1.0);
}

int main() {
  nd::array<double> x = nd::linspace(0.0, 3.0, 7);
  Model m(x);
  nd::array<double> before = m.weights();
  m.step(x);
  print("weights", m.weights());
  print("before", before);
  m.step(m.weights());
  print("own weights", m.weights());
  Layer layer{x.copy()};
  nd::array<double> alias = layer.bias;
  shift(layer, layer.bias);
  print("bias", layer.bias);
  print("alias", alias);
  return 0;
}
