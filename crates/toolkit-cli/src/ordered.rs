//! Work on many threads, results in input order, memory bounded.
//!
//! Workers claim inputs one at a time, but never more than a window ahead of the
//! output: however many inputs there are, at most a window of results (the one
//! being handed back included) is in memory at once. The results are handed to the caller on the calling
//! thread, in input order, as soon as the next one is ready.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

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
        for _ in 0..jobs {
            let (gate, work) = (&gate, &work);
            scope.spawn(move || {
                while let Some(i) = gate.claim() {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| work(&items[i])));
                    gate.done(i, result);
                }
            });
        }
        let mut emit_all = || {
            let mut next = 0;
            while next < items.len() {
                for result in gate.ready(next) {
                    match result {
                        Ok(r) => emit(next, r)?,
                        Err(payload) => {
                            gate.stop();
                            panic::resume_unwind(payload);
                        }
                    }
                    next += 1;
                }
                gate.emitted(next);
            }
            Ok(())
        };
        let outcome = emit_all();
        gate.stop();
        outcome
    })
}

/// How long the output waits for a full batch before it takes what is ready, so
/// slow items (a progress bar over PDFs) still show up one by one.
const BATCH_WAIT: Duration = Duration::from_millis(20);

/// Hands out item indices in order, at most `window` ahead of the output, and holds
/// the results until the output takes them.
struct Gate<R> {
    state: Mutex<GateState<R>>,
    /// Workers wait here for room in the window.
    moved: Condvar,
    /// The output waits here for results.
    arrived: Condvar,
    window: usize,
    len: usize,
}

struct GateState<R> {
    /// The next index to hand out.
    next: usize,
    /// How many results the output has taken.
    emitted: usize,
    stopped: bool,
    /// Results by index modulo the window: a claimed index is always within a window
    /// of the next one to emit, so its slot is free when it arrives.
    slots: Vec<Option<thread::Result<R>>>,
}

impl<R> Gate<R> {
    fn new(window: usize, len: usize) -> Gate<R> {
        Gate {
            state: Mutex::new(GateState {
                next: 0,
                emitted: 0,
                stopped: false,
                slots: (0..window).map(|_| None).collect(),
            }),
            moved: Condvar::new(),
            arrived: Condvar::new(),
            window,
            len,
        }
    }

    fn lock(&self) -> MutexGuard<'_, GateState<R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next index to work on, waiting while the window is full; `None` when
    /// every index is handed out or the run stopped.
    fn claim(&self) -> Option<usize> {
        let mut s = self.lock();
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

    /// How many results from `from` on are ready, one after another, up to `most`.
    fn run(&self, s: &GateState<R>, from: usize, most: usize) -> usize {
        (from..from + most)
            .take_while(|&i| s.slots[i % self.window].is_some())
            .count()
    }

    /// The output's batch: half a window of results, or fewer at the end.
    fn batch(&self, from: usize) -> usize {
        (self.window / 2).max(1).min(self.len - from)
    }

    /// Stores the result for `i`, and wakes the output once a batch is ready from
    /// the first result it has not taken (waking it for every result costs a
    /// context switch each).
    fn done(&self, i: usize, result: thread::Result<R>) {
        let mut s = self.lock();
        s.slots[i % self.window] = Some(result);
        let from = s.emitted;
        let batch = self.batch(from);
        if self.run(&s, from, batch) == batch {
            self.arrived.notify_one();
        }
    }

    /// The results from `from` on that are ready, in order (at least one): waits
    /// for a batch, or for whatever is ready after a short while.
    fn ready(&self, from: usize) -> Vec<thread::Result<R>> {
        let batch = self.batch(from);
        let mut s = self.lock();
        loop {
            let run = self.run(&s, from, batch);
            if run == batch {
                return self.take(s, from, batch);
            }
            let (guard, timeout) = self
                .arrived
                .wait_timeout(s, BATCH_WAIT)
                .unwrap_or_else(PoisonError::into_inner);
            s = guard;
            if timeout.timed_out() {
                let run = self.run(&s, from, batch);
                if run > 0 {
                    return self.take(s, from, run);
                }
            }
        }
    }

    fn take(
        &self,
        mut s: MutexGuard<'_, GateState<R>>,
        from: usize,
        count: usize,
    ) -> Vec<thread::Result<R>> {
        (from..from + count)
            .filter_map(|i| s.slots[i % self.window].take())
            .collect()
    }

    fn emitted(&self, count: usize) {
        self.lock().emitted = count;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.lock().stopped = true;
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

    /// A result is handed over without waiting for a whole batch behind it: the
    /// items after the first wait until it is emitted (or give up after 5 s, which
    /// fails the test).
    #[test]
    fn a_result_is_handed_over_before_a_full_batch_is_ready() {
        let items: Vec<usize> = (0..6).collect();
        let first_out = (Mutex::new(false), Condvar::new());
        let released = AtomicUsize::new(0);
        map_in_order(
            &items,
            2,
            |&i| {
                if i > 0 {
                    let (lock, cv) = &first_out;
                    let done = lock.lock().unwrap();
                    let (done, _) = cv
                        .wait_timeout_while(done, std::time::Duration::from_secs(5), |d| !*d)
                        .unwrap();
                    if *done {
                        released.fetch_add(1, Ordering::SeqCst);
                    }
                }
                i
            },
            |i, _| {
                if i == 0 {
                    *first_out.0.lock().unwrap() = true;
                    first_out.1.notify_all();
                }
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(released.load(Ordering::SeqCst), 5);
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
