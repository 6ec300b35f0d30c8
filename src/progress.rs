//! The progress bar on stderr (indicatif) for long reads and writes, only when stderr is a
//! terminal: never under cron, in a pipe or in the tests, where stderr stays as it was.
//!
//! The loops that read and write do not draw: they bump counters (bytes read of the file
//! in `Counted`, one atomic add per buffer; rows read every 16,384 rows; rows written, one
//! plain store a row) and a thread of the bar's own looks at them every 100 ms. A run
//! shorter than `SHOW_AFTER` shows nothing at all. The bar is cleared when the reading or
//! writing ends (its guard dropped, also on an error) and on Ctrl-C (`clear`); a note
//! printed meanwhile goes through `suspend` so that it does not land inside the bar.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A read or write this short shows no bar.
const SHOW_AFTER: Duration = Duration::from_millis(300);
/// How often the bar looks at its counters.
const TICK: Duration = Duration::from_millis(100);
/// Rows read between two updates of the count the bar shows.
const ROWS_STEP: u64 = 16_384;

/// Bytes read from input files since the start of the process (`Counted`).
static BYTES_READ: AtomicU64 = AtomicU64::new(0);
/// Rows written to workbooks since the start of the process (`row_written`).
static ROWS_WRITTEN: AtomicU64 = AtomicU64::new(0);
/// The bar on screen, for `suspend` and `clear`.
static SHOWN: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// A file being read, its bytes counted for the bar.
pub struct Counted<R>(pub R);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        BYTES_READ.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counted<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.0.seek(pos)
    }
}

/// One more row written to the workbook (the xlsx writer calls it for every data row).
/// Rows are written on one thread: a plain load and store, no locked add.
#[inline]
pub fn row_written() {
    ROWS_WRITTEN.store(ROWS_WRITTEN.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
}

/// Print a note on stderr without tearing the bar: the bar is taken off the screen while
/// `f` runs and drawn again after it.
pub fn suspend<R>(f: impl FnOnce() -> R) -> R {
    let shown = SHOWN.lock().ok().and_then(|s| s.clone());
    match shown {
        Some(bar) => bar.suspend(f),
        None => f(),
    }
}

/// Take the bar off the screen for good (Ctrl-C: the process ends without unwinding).
pub fn clear() {
    if let Ok(mut shown) = SHOWN.lock()
        && let Some(bar) = shown.take()
    {
        bar.finish_and_clear();
    }
}

/// The bar of a file being read: bytes read of its size, and the rows so far (rows alone,
/// by a spinner, when the size is unknown, as for a pipe). Dropped: the bar is cleared.
pub struct Reading {
    rows: u64,
    shared_rows: Arc<AtomicU64>,
    _ticker: Ticker,
}

impl Reading {
    /// `size`: the file's bytes (0: unknown); `passes`: how often it is read through (a
    /// 千牛 text export twice), the bar showing the bytes of both passes as one pass.
    pub fn start(file: &str, size: u64, passes: u64, english: bool) -> Reading {
        let shared_rows = Arc::new(AtomicU64::new(0));
        let rows = Arc::clone(&shared_rows);
        let base = BYTES_READ.load(Ordering::Relaxed);
        let (verb, unit, left) = if english { ("reading", "rows", "left") } else { ("读取", "行", "剩余") };
        let prefix = format!("{verb} {}", short_name(file));
        let ticker = Ticker::start(
            move || {
                let template = if size > 0 {
                    format!(
                        "{{prefix}} [{{wide_bar}}] {{percent:>3}}%  {{binary_bytes}}/{{binary_total_bytes}}  {{msg}}  {left} {{eta}}"
                    )
                } else {
                    "{spinner} {prefix}  {msg}  {elapsed}".to_string()
                };
                let bar = new_bar(&template, (size > 0).then_some(size));
                bar.set_prefix(prefix);
                bar
            },
            move |bar| {
                if size > 0 {
                    let read = BYTES_READ.load(Ordering::Relaxed).wrapping_sub(base) / passes.max(1);
                    bar.set_position(read.min(size));
                } else {
                    bar.tick();
                }
                bar.set_message(format!("{} {unit}", indicatif::HumanCount(rows.load(Ordering::Relaxed))));
            },
        );
        Reading { rows: 0, shared_rows, _ticker: ticker }
    }

    /// One more row read: the count the bar shows moves every `ROWS_STEP` rows.
    #[inline]
    pub fn row(&mut self) {
        self.rows += 1;
        if self.rows.is_multiple_of(ROWS_STEP) {
            self.shared_rows.store(self.rows, Ordering::Relaxed);
        }
    }
}

/// The bar of a workbook being written: its data rows written of `rows`, then its saving.
/// None when stderr is not a terminal. Dropped: the bar is cleared. `english`: `--lang en`.
pub fn writing(path: &Path, rows: usize, english: bool) -> Option<Ticker> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total = rows as u64;
    let base = ROWS_WRITTEN.load(Ordering::Relaxed);
    let name = short_name(&path.display().to_string());
    let (verb, saving, unit, left) =
        if english { ("writing", "saving", "rows", "left") } else { ("写入", "保存", "行", "剩余") };
    let prefix = format!("{verb} {name}");
    let saving = format!("{saving} {name}");
    let mut saving_shown = false;
    Some(Ticker::start(
        move || {
            let template = format!(
                "{{prefix}} [{{wide_bar}}] {{percent:>3}}%  {{human_pos}}/{{human_len}} {unit}  {left} {{eta}}"
            );
            let bar = new_bar(&template, Some(total));
            bar.set_prefix(prefix);
            bar
        },
        move |bar| {
            let written = ROWS_WRITTEN.load(Ordering::Relaxed).wrapping_sub(base).min(total);
            if written < total {
                bar.set_position(written);
            } else if !saving_shown {
                // Every row is written; the workbook is being zipped into its file.
                saving_shown = true;
                bar.set_style(style("{spinner} {prefix}  {elapsed}"));
                bar.set_prefix(saving.clone());
            } else {
                bar.tick();
            }
        },
    ))
}

/// The thread that shows a bar and keeps it up to date until dropped.
pub struct Ticker {
    stop: Option<Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Ticker {
    /// After `SHOW_AFTER`, `make` the bar and `update` it every `TICK` until dropped.
    fn start(
        make: impl FnOnce() -> ProgressBar + Send + 'static,
        mut update: impl FnMut(&ProgressBar) + Send + 'static,
    ) -> Ticker {
        let started = Instant::now();
        let (stop, stopped) = channel::<()>();
        let thread = std::thread::Builder::new().name("progress".into()).spawn(move || {
            if stopped.recv_timeout(SHOW_AFTER) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            // Brought up to date unseen, then shown: the time left is estimated from here on,
            // not from a leap of the whole first `SHOW_AFTER` in one step.
            let bar = make();
            update(&bar);
            bar.reset_eta();
            bar.set_elapsed(started.elapsed());
            bar.set_draw_target(ProgressDrawTarget::stderr());
            if let Ok(mut shown) = SHOWN.lock() {
                *shown = Some(bar.clone());
            }
            while stopped.recv_timeout(TICK) == Err(RecvTimeoutError::Timeout) {
                update(&bar);
            }
            if let Ok(mut shown) = SHOWN.lock() {
                *shown = None;
            }
            bar.finish_and_clear();
        });
        // No thread to be had: no bar, the work goes on.
        Ticker { stop: Some(stop), thread: thread.ok() }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> ")
}

fn new_bar(template: &str, len: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::hidden());
    bar.set_style(style(template));
    bar
}

/// The file's name without its folders: the bar has one line.
fn short_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_read_shows_no_bar_and_waits_for_nothing() {
        let start = Instant::now();
        let mut reading = Reading::start("订单.xlsx", 1_000, 1, false);
        reading.row();
        drop(reading);
        assert!(start.elapsed() < SHOW_AFTER, "took {:?}", start.elapsed());
    }

    #[test]
    fn counted_bytes_are_the_bytes_read() {
        let before = BYTES_READ.load(Ordering::Relaxed);
        let mut text = String::new();
        Counted("读取 a file".as_bytes()).read_to_string(&mut text).unwrap();
        assert_eq!(text, "读取 a file");
        // Other tests may read files meanwhile: at least these bytes.
        assert!(BYTES_READ.load(Ordering::Relaxed) - before >= "读取 a file".len() as u64);
    }
}
