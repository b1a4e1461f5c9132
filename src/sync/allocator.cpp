// SPDX-License-Identifier: MIT
// allocator.h: mallopt and malloc_trim where the C library is glibc.
#include "sync/allocator.h"

#include "sync/synctuning.h"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace posdata::allocator {

void keepFreedMemory()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_TRIM_THRESHOLD, int(tuning::kAllocatorKeepBytes));
        mallopt(M_MMAP_THRESHOLD, int(tuning::kAllocatorHeapBlockBytes));
    });
#endif
}

void giveBackFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace posdata::allocator
