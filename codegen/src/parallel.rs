//! Contracts are independent until their results are put together: several threads process
//! them, and the calling thread takes the results in input order, so output and diagnostics are
//! the same whatever the number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Results per thread that may wait for their turn: bounds memory when one item is slow while
/// the others run ahead.
const AHEAD_PER_JOB: usize = 16;

/// What the threads share: one lock and one condition for everything, so a worker waiting for
/// its turn and the caller waiting for the next result are woken by the same changes. (No
/// channel or map of results: their code would be compiled again for every result type, and
/// this is a build-dependency's compile time.)
struct Gate<R> {
    state: Mutex<GateState<R>>,
    turn: Condvar,
}

struct GateState<R> {
    /// How many results were merged.
    merged: usize,
    stop: bool,
    /// Workers that have not returned yet.
    running: usize,
    /// Results waiting for their turn, item `i`'s at `i % ready.len()`: a worker starts item
    /// `i` only once `i < merged + ready.len()`, so the items that can be waiting never share
    /// a slot.
    ready: Vec<Option<R>>,
}

impl<R> Gate<R> {
    fn lock(&self) -> MutexGuard<'_, GateState<R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, GateState<R>>) -> MutexGuard<'a, GateState<R>> {
        self.turn.wait(guard).unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the state under the lock, then wakes every waiting thread: a thread checks the
    /// state under the same lock before it waits, so no wake-up is lost.
    fn update(&self, change: impl FnOnce(&mut GateState<R>)) {
        change(&mut self.lock());
        self.turn.notify_all();
    }
}

/// Counts a worker out when it returns, and stops the run if it unwinds: the item it was
/// working on will never be merged, so the others must not wait for their turn after it.
struct Leave<'a, R>(&'a Gate<R>);

impl<R> Drop for Leave<'_, R> {
    fn drop(&mut self) {
        let panicking = std::thread::panicking();
        self.0.update(|state| {
            state.running -= 1;
            state.stop |= panicking;
        });
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
    let window = jobs.saturating_mul(AHEAD_PER_JOB).clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let gate = Gate {
        state: Mutex::new(GateState {
            merged: 0,
            stop: false,
            running: jobs,
            ready: std::iter::repeat_with(|| None).take(window).collect(),
        }),
        turn: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (next, gate, init, work) = (&next, &gate, &init, &work);
            scope.spawn(move || {
                let _leave = Leave(gate);
                let state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        return;
                    }
                    let mut gate_state = gate.lock();
                    while i >= gate_state.merged + window && !gate_state.stop {
                        gate_state = gate.wait(gate_state);
                    }
                    if gate_state.stop {
                        return;
                    }
                    drop(gate_state);
                    let result = work(&state, &items[i]);
                    let mut gate_state = gate.lock();
                    if gate_state.stop {
                        return;
                    }
                    gate_state.ready[i % window] = Some(result);
                    drop(gate_state);
                    gate.turn.notify_all();
                }
            });
        }
        // The results in order, until the one wanted next will not come: every worker is gone.
        let mut wanted = 0;
        loop {
            let mut gate_state = gate.lock();
            let result = loop {
                if let Some(result) = gate_state.ready[wanted % window].take() {
                    break result;
                }
                if gate_state.running == 0 {
                    return Ok(());
                }
                gate_state = gate.wait(gate_state);
            };
            drop(gate_state);
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
