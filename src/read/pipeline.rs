//! One file read on two threads: a producer thread parses the file (calamine's XML or the
//! csv crate, decoding included) into rows, the calling thread maps the rows to records and
//! hands them on, exactly as when one thread does both. Rows travel in batches through a
//! bounded channel and the batches come back to be refilled, so memory stays a few batches
//! and the cells' text buffers are reused.

use super::cells::{Cell, set_text};
use super::source;
use super::types::{InputFile, SheetVisitor};
use crate::error::ReadError;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Rows per batch: large enough that the channel costs nothing per row.
const BATCH_ROWS: usize = 2048;
/// Batches in flight: the producer runs at most this far ahead.
const IN_FLIGHT: usize = 4;

/// A run of rows of one sheet, their cells end to end.
#[derive(Default)]
struct Batch {
    /// (Excel row, first cell, cells).
    rows: Vec<(u32, usize, usize)>,
    cells: Vec<Cell>,
    used: usize,
}

impl Batch {
    fn push(&mut self, row: u32, cells: &[Cell]) {
        let start = self.used;
        for cell in cells {
            if self.used == self.cells.len() {
                self.cells.push(Cell::Empty);
            }
            let slot = &mut self.cells[self.used];
            match cell {
                Cell::Text(text) => set_text(slot, text),
                other => other.clone_into(slot),
            }
            self.used += 1;
        }
        self.rows.push((row, start, cells.len()));
    }

    fn clear(&mut self) {
        self.rows.clear();
        self.used = 0;
    }
}

enum Event {
    Begin(String),
    Rows(Batch),
    End,
}

/// The producer's side: a visitor that batches rows and sends them.
struct Sender<'a> {
    events: SyncSender<Event>,
    spare: Receiver<Batch>,
    batch: Batch,
    /// Sheets begun so far (1-based number of the current one).
    sheet: u32,
    /// The number of a sheet the consumer wants no more rows of.
    skip: &'a AtomicU32,
    /// The consumer stopped listening (an error on its side): read no further.
    gone: bool,
}

impl Sender<'_> {
    fn flush(&mut self) {
        if self.batch.rows.is_empty() || self.gone {
            return;
        }
        let next = self.spare.try_recv().unwrap_or_default();
        let full = std::mem::replace(&mut self.batch, next);
        self.gone = self.events.send(Event::Rows(full)).is_err();
    }
}

impl SheetVisitor for Sender<'_> {
    fn begin_sheet(&mut self, sheet: &str) {
        self.sheet += 1;
        self.gone = self.gone || self.events.send(Event::Begin(sheet.to_string())).is_err();
    }

    fn row(&mut self, row: u32, cells: &[Cell]) -> bool {
        if self.gone || self.skip.load(Ordering::Relaxed) == self.sheet {
            return false;
        }
        self.batch.push(row, cells);
        if self.batch.rows.len() >= BATCH_ROWS {
            self.flush();
        }
        true
    }

    fn end_sheet(&mut self) {
        self.flush();
        self.gone = self.gone || self.events.send(Event::End).is_err();
    }
}

/// `source::read_file` with the parsing on another thread; `visitor` sees the same calls in
/// the same order.
pub fn read_file(input: &InputFile, only_sheet: Option<&str>, visitor: &mut dyn SheetVisitor) -> Result<(), ReadError> {
    let (events, incoming) = sync_channel::<Event>(IN_FLIGHT);
    let (give_back, spare) = sync_channel::<Batch>(IN_FLIGHT + 1);
    let skip = &AtomicU32::new(0);
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            let mut sender = Sender { events, spare, batch: Batch::default(), sheet: 0, skip, gone: false };
            source::read_file(input, only_sheet, &mut sender)
        });
        let mut sheet = 0u32;
        let mut skipping = false;
        for event in incoming {
            match event {
                Event::Begin(name) => {
                    sheet += 1;
                    skipping = false;
                    visitor.begin_sheet(&name);
                }
                Event::Rows(mut batch) => {
                    for &(row, start, len) in &batch.rows {
                        if !skipping && !visitor.row(row, &batch.cells[start..start + len]) {
                            skipping = true;
                            skip.store(sheet, Ordering::Relaxed);
                        }
                    }
                    batch.clear();
                    let _ = give_back.try_send(batch);
                }
                Event::End => visitor.end_sheet(),
            }
        }
        producer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
