// SPDX-License-Identifier: MIT
#pragma once

// Tuning constants of the sync worker, each with the reason for its value.

namespace posdata::tuning {

/// Pages received but not yet written. A page arrives parsed (on the parser thread) and the next one
/// is requested at once, so one is written while the next is fetched and parsed; the bound keeps
/// memory flat should that ever change.
inline constexpr int kMaxPagesInPipeline = 2;
/// Errors kept per object for the detail page; older ones drop off.
inline constexpr int kMaxErrorsPerObject = 10;
/// Locator restarts in a row without a page applied before it counts as a transient failure.
inline constexpr int kMaxLocatorRestarts = 3;
/// How often the watchdog looks for downloads that make no progress.
inline constexpr int kWatchdogTickMs = 250;
/// A local write is uploaded this long after it (the next writes of the same sale join its batch).
inline constexpr int kUploadAfterWriteMs = 1000;
/// Unsaved records listed per object on the screen (the uploader is not limited by it).
inline constexpr int kMaxUnsavedListed = 1000;

} // namespace posdata::tuning
