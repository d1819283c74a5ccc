//! Contracts are independent until their results are put together: several threads process
//! them, and the calling thread takes the results in input order, so output and diagnostics are
//! the same whatever the number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, MutexGuard, PoisonError};

/// Results per thread that may wait for their turn: bounds memory when one item is slow while
/// the others run ahead.
const AHEAD_PER_JOB: usize = 16;

/// What workers wait on: how many results were merged, and whether to stop.
struct Gate {
    state: Mutex<GateState>,
    turn: Condvar,
}

struct GateState {
    merged: usize,
    stop: bool,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the state under the lock, then wakes every waiting worker: a worker checks the
    /// state under the same lock before it waits, so no wake-up is lost.
    fn update(&self, change: impl FnOnce(&mut GateState)) {
        change(&mut self.lock());
        self.turn.notify_all();
    }
}

/// Stops the run if the worker holding it unwinds: the item it was working on will never be
/// merged, so the others must not wait for their turn after it.
struct StopOnPanic<'a>(&'a Gate);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.update(|state| state.stop = true);
        }
    }
}

/// Runs `work` on every item on `jobs` threads (each with its own state from `init`) and gives
/// the results to `merge` in item order, on the calling thread. The first error from `merge`
/// stops the workers and is returned. A panic in `work` stops the others and is re-raised.
pub fn in_order<T: Sync, S, R: Send, E>(
    items: &[T],
    jobs: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&S, &T) -> R + Sync,
    mut merge: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let window = jobs.saturating_mul(AHEAD_PER_JOB).max(1);
    let next = AtomicUsize::new(0);
    let gate = Gate { state: Mutex::new(GateState { merged: 0, stop: false }), turn: Condvar::new() };
    std::thread::scope(|scope| {
        let (sender, results) = mpsc::channel::<(usize, R)>();
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, gate, init, work) = (&next, &gate, &init, &work);
            scope.spawn(move || {
                let _guard = StopOnPanic(gate);
                let state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        return;
                    }
                    let mut gate_state = gate.lock();
                    while i >= gate_state.merged + window && !gate_state.stop {
                        gate_state = gate.turn.wait(gate_state).unwrap_or_else(PoisonError::into_inner);
                    }
                    let stop = gate_state.stop;
                    drop(gate_state);
                    if stop || sender.send((i, work(&state, &items[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (i, result) in results {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&wanted) {
                wanted += 1;
                let outcome = merge(result);
                let failed = outcome.is_err();
                gate.update(|state| {
                    state.merged = wanted;
                    state.stop |= failed;
                });
                if failed {
                    return outcome;
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::in_order;

    #[test]
    fn results_arrive_in_item_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            let outcome: Result<(), ()> = in_order(
                &items,
                jobs,
                || (),
                |_, &n| {
                    // Uneven work, so threads finish out of order.
                    std::hint::black_box((0..(n % 7) * 1000).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b)));
                    n * 2
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            );
            assert_eq!(outcome, Ok(()));
            assert_eq!(seen, items.iter().map(|n| n * 2).collect::<Vec<_>>(), "jobs = {jobs}");
        }
    }

    #[test]
    fn the_first_error_stops_the_run() {
        let items: Vec<u32> = (0..10_000).collect();
        for jobs in [2, 3, 8] {
            let mut merged = 0;
            let outcome = in_order(
                &items,
                jobs,
                || (),
                |_, &n| n,
                |n| {
                    if n == 100 {
                        return Err(n);
                    }
                    merged += 1;
                    Ok(())
                },
            );
            assert_eq!(outcome, Err(100));
            assert_eq!(merged, 100);
        }
    }

    #[test]
    fn a_panicking_worker_stops_the_others_and_the_panic_comes_back() {
        let items: Vec<u32> = (0..10_000).collect();
        for jobs in [2, 4] {
            let outcome = std::panic::catch_unwind(|| {
                in_order(
                    &items,
                    jobs,
                    || (),
                    |_, &n| {
                        assert!(n != 50, "worker fails on item 50");
                        n
                    },
                    |_| Ok::<(), ()>(()),
                )
            });
            assert!(outcome.is_err(), "jobs = {jobs}: the panic must reach the caller, not hang or vanish");
        }
    }
}
