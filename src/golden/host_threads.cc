#include "src/golden/host_threads.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace qscale::golden {
namespace {

std::atomic<int> g_threads{0};  // 0: not set

}  // namespace

int HostThreads() {
  const int set = g_threads.load();
  if (set > 0) return set;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void SetHostThreads(int threads) { g_threads.store(std::max(threads, 1)); }

}  // namespace qscale::golden
