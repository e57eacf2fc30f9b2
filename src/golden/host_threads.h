// How many host threads the golden engine uses when its owner does not say: every core of the
// machine, unless `qscale run --threads N` (or a sweep worker, which gets cores / jobs) set it.
// Results never depend on it; only host speed does.
#ifndef QSCALE_SRC_GOLDEN_HOST_THREADS_H_
#define QSCALE_SRC_GOLDEN_HOST_THREADS_H_

namespace qscale::golden {

// The process-wide default thread count, >= 1 (std::thread::hardware_concurrency until set).
int HostThreads();

// Sets HostThreads() to max(threads, 1). Call before building engines (e.g. from main).
void SetHostThreads(int threads);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_HOST_THREADS_H_
