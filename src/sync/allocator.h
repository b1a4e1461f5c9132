// SPDX-License-Identifier: MIT
#pragma once

// The C allocator during a bulk download. A page of 2,000 records is a few thousand small blocks made
// on the parser thread and freed after the writer stored them; glibc's malloc hands the freed top of
// its heap back to the kernel as soon as it exceeds 128 KiB, so the next page takes every one of
// those memory pages again through a page fault. On a virtual machine a fault is expensive: on the
// build machine the parse of a page spent 5x longer in faults and malloc than in scanning JSON
// (docs/benchmarks.md, run N). Keeping freed memory while a sync runs, and giving it back when the
// engine is idle, removes that without raising the peak.

namespace posdata::allocator {

/// Freed memory stays with the process up to tuning::kAllocatorKeepBytes, and blocks up to
/// tuning::kAllocatorHeapBlockBytes (a page's body) come from the heap rather than from mmap each time.
/// Process-wide (mallopt), once; nothing where the C library is not glibc.
void keepFreedMemory();

/// Gives freed memory back to the kernel now (malloc_trim): after a sync cycle, so that an idle
/// engine holds no more than it uses.
void giveBackFreedMemory();

} // namespace posdata::allocator
