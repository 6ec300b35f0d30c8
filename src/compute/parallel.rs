//! The computing core on every core: independent work (one reception, one day) split into
//! as many contiguous parts as threads, each part on its own thread, the results joined in
//! order, so a result never depends on the thread count. The count is set once by the
//! command (`--threads`); 1, the default, computes on the calling thread.

use std::sync::atomic::{AtomicUsize, Ordering};

static THREADS: AtomicUsize = AtomicUsize::new(1);

/// Below this many items one thread does it all: a thread costs more than it saves.
const MIN_PER_THREAD: usize = 20_000;

pub fn set_threads(n: usize) {
    THREADS.store(n.max(1), Ordering::Relaxed);
}

fn parts(len: usize, min_per_thread: usize) -> usize {
    THREADS.load(Ordering::Relaxed).min(len / min_per_thread).max(1)
}

/// `items.iter().enumerate().map(f).collect()`, in parallel parts.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(usize, &T) -> U + Sync) -> Vec<U> {
    map_parts(items, MIN_PER_THREAD, f)
}

/// `map` for a few heavy items (the days of a month, each a pass over its receptions).
pub fn map_heavy<T: Sync, U: Send>(items: &[T], f: impl Fn(usize, &T) -> U + Sync) -> Vec<U> {
    map_parts(items, 1, f)
}

fn map_parts<T: Sync, U: Send>(items: &[T], min_per_thread: usize, f: impl Fn(usize, &T) -> U + Sync) -> Vec<U> {
    collect_parts(items, min_per_thread, items.len(), |offset, chunk, out: &mut Vec<U>| {
        out.extend(chunk.iter().enumerate().map(|(i, t)| f(offset + i, t)))
    })
}

/// `items.iter().enumerate().filter_map(f).collect()`, in parallel parts. Each part keeps only
/// what it finds: a `Vec<Option<U>>` over every item would cost a slot per item.
pub fn filter_map<T: Sync, U: Send>(items: &[T], f: impl Fn(usize, &T) -> Option<U> + Sync) -> Vec<U> {
    collect_parts(items, MIN_PER_THREAD, 0, |offset, chunk, out: &mut Vec<U>| {
        out.extend(chunk.iter().enumerate().filter_map(|(i, t)| f(offset + i, t)))
    })
}

/// Runs `fill(offset of the part, part, out)` over contiguous parts, one thread each, and joins
/// the parts' outputs in order.
fn collect_parts<T: Sync, U: Send>(
    items: &[T],
    min_per_thread: usize,
    capacity: usize,
    fill: impl Fn(usize, &[T], &mut Vec<U>) + Sync,
) -> Vec<U> {
    let parts = parts(items.len(), min_per_thread);
    if parts == 1 {
        let mut out = Vec::with_capacity(capacity);
        fill(0, items, &mut out);
        return out;
    }
    let size = items.len().div_ceil(parts);
    let fill = &fill;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .enumerate()
            .map(|(p, chunk)| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    fill(p * size, chunk, &mut out);
                    out
                })
            })
            .collect();
        let mut out = Vec::with_capacity(capacity);
        for h in handles {
            out.append(&mut h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_is_the_same_whatever_the_thread_count() {
        let items: Vec<u64> = (0..100_001).collect();
        let one: Vec<u64> = items.iter().enumerate().map(|(i, x)| x * 3 + i as u64).collect();
        for n in [1, 2, 3, 8] {
            set_threads(n);
            assert_eq!(map(&items, |i, x| x * 3 + i as u64), one, "{n} threads");
            let odd = filter_map(&items, |i, x| (i % 2 == 1).then_some(*x));
            assert_eq!(odd.len(), 50_000);
            assert_eq!((odd[0], odd[49_999]), (1, 99_999));
        }
        set_threads(1);
    }
}
