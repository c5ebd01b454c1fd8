//! Work on many threads, results in input order, memory bounded.
//!
//! Workers claim inputs one at a time, but never more than a window ahead of the
//! output: however many inputs there are, at most a window of results (the one
//! being handed back included) is in memory at once. The results are handed to the caller on the calling
//! thread, in input order, as soon as the next one is ready.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread;

/// How many results each worker may run ahead of the output.
pub const WINDOW_PER_JOB: usize = 8;

/// Applies `work` to every item on up to `jobs` threads and passes each result to
/// `emit` in input order, on this thread. The first error `emit` returns stops the
/// run: no new item is started, and it is returned once the items in progress end.
///
/// With one job or one item everything runs on this thread, and no thread is started.
/// A panic in `work` is raised again on this thread, in its turn.
pub fn map_in_order<T, R, E>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        for (i, item) in items.iter().enumerate() {
            emit(i, work(item))?;
        }
        return Ok(());
    }
    let window = jobs * WINDOW_PER_JOB;
    let gate = Gate::new(window, items.len());
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..jobs {
            let tx = tx.clone();
            let (gate, work) = (&gate, &work);
            scope.spawn(move || {
                while let Some(i) = gate.claim() {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| work(&items[i])));
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // A claimed index is always within a window of the next one to emit, so
        // its slot (index modulo the window) is free when it arrives.
        let mut slots: Vec<Option<thread::Result<R>>> = (0..window).map(|_| None).collect();
        let mut emit_all = || {
            for next in 0..items.len() {
                let result = loop {
                    if let Some(r) = slots[next % window].take() {
                        break r;
                    }
                    let (i, r) = rx
                        .recv()
                        .expect("every claimed item is sent before its worker ends");
                    slots[i % window] = Some(r);
                };
                match result {
                    Ok(r) => emit(next, r)?,
                    Err(payload) => {
                        gate.stop();
                        panic::resume_unwind(payload);
                    }
                }
                gate.emitted(next + 1);
            }
            Ok(())
        };
        let outcome = emit_all();
        gate.stop();
        outcome
    })
}

/// Hands out item indices in order, at most `window` ahead of the output.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
    window: usize,
    len: usize,
}

struct GateState {
    /// The next index to hand out.
    next: usize,
    /// How many results the output has taken.
    emitted: usize,
    stopped: bool,
}

impl Gate {
    fn new(window: usize, len: usize) -> Gate {
        Gate {
            state: Mutex::new(GateState {
                next: 0,
                emitted: 0,
                stopped: false,
            }),
            moved: Condvar::new(),
            window,
            len,
        }
    }

    /// The next index to work on, waiting while the window is full; `None` when
    /// every index is handed out or the run stopped.
    fn claim(&self) -> Option<usize> {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if s.stopped || s.next >= self.len {
                return None;
            }
            if s.next < s.emitted + self.window {
                s.next += 1;
                return Some(s.next - 1);
            }
            s = self.moved.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn emitted(&self, count: usize) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .emitted = count;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stopped = true;
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Uneven work: some items take far longer than their neighbours, so workers
    /// finish out of order.
    fn spin(i: usize) -> usize {
        let rounds = if i % 7 == 3 { 200_000 } else { 1_000 };
        std::hint::black_box((0..rounds).fold(i, |a, b| a.wrapping_mul(31).wrapping_add(b)));
        i
    }

    #[test]
    fn results_come_in_input_order_with_any_number_of_jobs() {
        let items: Vec<usize> = (0..300).collect();
        for jobs in [1, 2, 3, 4, 16, 1000] {
            let mut seen = Vec::new();
            map_in_order(
                &items,
                jobs,
                |&i| spin(i),
                |i, r| {
                    seen.push((i, r));
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            let want: Vec<(usize, usize)> = items.iter().map(|&i| (i, i)).collect();
            assert_eq!(seen, want, "{jobs} jobs");
        }
    }

    #[test]
    fn no_more_than_a_window_of_results_waits() {
        let items: Vec<usize> = (0..500).collect();
        let started = AtomicUsize::new(0);
        let mut most_ahead = 0;
        let jobs = 4;
        map_in_order(
            &items,
            jobs,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                spin(i)
            },
            |i, _| {
                // Items started but not yet emitted, this one included.
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - i);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert!(most_ahead >= 2, "the workers ran in parallel: {most_ahead}");
        assert!(
            most_ahead <= jobs * WINDOW_PER_JOB,
            "{most_ahead} results in flight"
        );
    }

    #[test]
    fn an_error_stops_new_work_and_is_returned() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let outcome = map_in_order(
            &items,
            3,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i, _| if i == 5 { Err(i) } else { Ok(()) },
        );
        assert_eq!(outcome, Err(5));
        assert!(started.load(Ordering::SeqCst) <= 6 + 3 * WINDOW_PER_JOB);
    }

    #[test]
    fn a_panic_is_raised_on_the_calling_thread_in_its_turn() {
        let items: Vec<usize> = (0..50).collect();
        let mut emitted = Vec::new();
        let caught = panic::catch_unwind(AssertUnwindSafe(|| {
            map_in_order(
                &items,
                2,
                |&i| {
                    assert!(i != 20, "item twenty");
                    i
                },
                |i, _| {
                    emitted.push(i);
                    Ok::<(), ()>(())
                },
            )
        }));
        assert!(caught.is_err());
        assert_eq!(emitted, (0..20).collect::<Vec<_>>());
    }
}
