// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from scikit-image, skimage/exposure/exposure.py: histogram (the counts of an
// integer image), cumulative_distribution and equalize_hist's lookup, and
// skimage/color/colorconv.py: rgb2gray (0.2125 R + 0.7154 G + 0.0721 B), as loops over
// nd arrays. The histogram is a scatter, counts(img(i, j)) += 1, which no broadcasting
// expression computes when levels repeat.
#include <nd/nd.hpp>

#include <cstdint>
#include <cstdio>

nd::array<double> rgb2gray(const nd::array<double> &rgb) {
  nd::array<double> gray = nd::zeros<double>({rgb.shape(0), rgb.shape(1)});
  for (nd::index_t i = 0; i < rgb.shape(0); ++i)
    for (nd::index_t j = 0; j < rgb.shape(1); ++j)
      gray(i, j) = 0.2125 * rgb(i, j, 0) + 0.7154 * rgb(i, j, 1) + 0.0721 * rgb(i, j, 2);
  return gray;
}

nd::array<std::int64_t> image_histogram(const nd::array<std::int64_t> &img, nd::index_t levels) {
  nd::array<std::int64_t> counts = nd::zeros<std::int64_t>({levels});
  for (nd::index_t i = 0; i < img.shape(0); ++i)
    for (nd::index_t j = 0; j < img.shape(1); ++j)
      counts(img(i, j)) += 1;
  return counts;
}

nd::array<std::int64_t> cumulative_distribution(const nd::array<std::int64_t> &counts) {
  nd::array<std::int64_t> cdf = nd::empty_like(counts);
  std::int64_t s = 0;
  for (nd::index_t k = 0; k < counts.size(); ++k) {
    s += counts(k);
    cdf(k) = s;
  }
  return cdf;
}

int main() {
  auto rng = nd::random::default_rng(3);
  nd::array<double> rgb = rng.random({4, 5, 3});
  nd::array<double> gray = rgb2gray(rgb);
  std::printf("gray %.9f\n", nd::sum(gray));
  nd::array<std::int64_t> img = rng.integers(0, 8, {6, 7});
  nd::array<std::int64_t> cdf = cumulative_distribution(image_histogram(img, 8));
  for (std::int64_t c : cdf.to_vector())
    std::printf("%lld ", static_cast<long long>(c));
  std::printf("\n");
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :15:3: warning: element-wise loop over 'gray'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :32:3: warning: scan loop over 'cdf'; use nd::cumsum [nd-elementwise-loop]
// CHECK-FIXES: {{^}}  nd::cumsum(counts, 0, cdf);
