//! Time bounds in tests measure work, not the machine's load: on two cores shared by several
//! builds (CI, engineers in parallel) the wall clock of a test says more about the load than
//! about the code. Shared by tests/diagnostics.rs and tests/robustness.rs.

use std::time::{Duration, Instant};

/// CPU time of the calling thread, where the system tells it (Linux).
fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(text.split_whitespace().next()?.parse().ok()?))
}

/// Runs `f` on this thread and returns what it took: its CPU time where known, else the wall clock.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let (start, cpu) = (Instant::now(), thread_cpu_time());
    let out = f();
    let took = match (cpu, thread_cpu_time()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => start.elapsed(),
    };
    (out, took)
}
