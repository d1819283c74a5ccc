//! Contracts are independent until their results are put together: several threads process
//! them, and the calling thread takes the results in input order, so output and diagnostics are
//! the same whatever the number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, PoisonError};

/// Results per thread that may wait for their turn: bounds memory when one item is slow while
/// the others run ahead.
const AHEAD_PER_JOB: usize = 16;

/// Runs `work` on every item on `jobs` threads (each with its own state from `init`) and gives
/// the results to `merge` in item order, on the calling thread. The first error from `merge`
/// stops the workers and is returned.
pub fn in_order<T: Sync, S, R: Send, E>(
    items: &[T],
    jobs: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&S, &T) -> R + Sync,
    mut merge: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let window = jobs.saturating_mul(AHEAD_PER_JOB).max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let merged = Mutex::new(0usize);
    let turn = Condvar::new();
    std::thread::scope(|scope| {
        let (sender, results) = mpsc::channel::<(usize, R)>();
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, stop, merged, turn, init, work) = (&next, &stop, &merged, &turn, &init, &work);
            scope.spawn(move || {
                let state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        return;
                    }
                    let mut done = merged.lock().unwrap_or_else(PoisonError::into_inner);
                    while i >= *done + window && !stop.load(Ordering::Relaxed) {
                        done = turn.wait(done).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(done);
                    if stop.load(Ordering::Relaxed) || sender.send((i, work(&state, &items[i]))).is_err() {
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
                *merged.lock().unwrap_or_else(PoisonError::into_inner) = wanted;
                turn.notify_all();
                if outcome.is_err() {
                    stop.store(true, Ordering::Relaxed);
                    turn.notify_all();
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
        let mut merged = 0;
        let outcome = in_order(
            &items,
            2,
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
