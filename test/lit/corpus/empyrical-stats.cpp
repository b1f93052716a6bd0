// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from quantopian/empyrical, empyrical/stats.py: simple_returns, cum_returns
// (starting value 0), max_drawdown and annual_volatility, for one series of prices, as
// loops over nd arrays. The cumulative product and the running maximum are
// recurrences that the checks must leave alone.
#include <nd/nd.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

nd::array<double> simple_returns(const nd::array<double> &prices) {
  nd::array<double> out = nd::zeros<double>({prices.size() - 1});
  for (nd::index_t i = 0; i < out.size(); ++i)
    out(i) = prices(i + 1) / prices(i) - 1.0;
  return out;
}

nd::array<double> cum_returns(const nd::array<double> &returns) {
  nd::array<double> out = nd::empty_like(returns);
  double growth = 1.0;
  for (nd::index_t i = 0; i < returns.size(); ++i) {
    growth = growth * (returns(i) + 1.0);
    out(i) = growth - 1.0;
  }
  return out;
}

double max_drawdown(const nd::array<double> &returns) {
  nd::array<double> cumulative = cum_returns(returns) + 1.0;
  double peak = cumulative(0), worst = 0.0;
  for (nd::index_t i = 0; i < cumulative.size(); ++i) {
    peak = std::max(peak, cumulative(i));
    worst = std::min(worst, (cumulative(i) - peak) / peak);
  }
  return worst;
}

double annual_volatility(const nd::array<double> &returns, double periods) {
  double mean = nd::mean(returns);
  double ss = 0;
  for (nd::index_t i = 0; i < returns.size(); ++i)
    ss += (returns(i) - mean) * (returns(i) - mean);
  return std::sqrt(ss / (returns.size() - 1)) * std::sqrt(periods);
}

int main() {
  auto rng = nd::random::default_rng(252);
  nd::array<double> prices = nd::exp(nd::cumsum(rng.normal(0.0, 0.01, {60}))) * 100.0;
  nd::array<double> r = simple_returns(prices);
  nd::array<double> cum = cum_returns(r);
  std::printf("cum %.9f %.9f\n", cum(0), cum(-1));
  std::printf("max drawdown %.9f\n", max_drawdown(r));
  std::printf("volatility %.9f\n", annual_volatility(r, 252));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :15:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :43:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-FIXES: {{^}}  nd::divide(prices(nd::slice(1, nd::none)), prices(nd::slice(0, -1)), out);
// CHECK-FIXES: {{^}}  nd::subtract(out, 1.0, out);
// CHECK-FIXES: {{^}}  double ss = nd::sum((nd::lazy(returns) - mean) * (nd::lazy(returns) - mean));
