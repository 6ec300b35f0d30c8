//! The buyer messages kept as quotes for `lost`'s Evidence sheet (docs/definitions.md#lost-inquiries), out of the
//! receptions. A big month keeps a quote or more for each of a million receptions, and the
//! sheet shows three per reason: so the texts go to a temporary file as they are read, each
//! reception keeps a 4-byte [`QuoteRef`], and the few that are shown are read back.
//!
//! Without a temporary file (none can be made) the texts stay in memory, in one buffer: the
//! same results, more memory.

use chrono::NaiveDateTime;
use std::fs::File;
use std::io;

/// Where a quote is: its offset in the store, in units of [`ALIGN`] bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuoteRef(pub(crate) u32);

/// A quote read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub at: NaiveDateTime,
    pub text: String,
}

/// Records start on a multiple of this, so that a 4-byte reference reaches 16 GB.
const ALIGN: u64 = 4;

/// Written to the file in blocks of this size.
const BLOCK: usize = 64 * 1024;

/// A record: the time as seconds (8 bytes), the text's length (4 bytes), the text, padding.
const HEADER: usize = 12;

/// The quotes of one run.
#[derive(Debug, Default)]
pub struct Quotes {
    /// The temporary file (deleted when closed), or None: everything is in `pending`.
    file: Option<File>,
    /// Bytes in the file: records are written at this offset (never at the file's cursor,
    /// which reading moves on some systems) and read back from below it.
    written: u64,
    /// A write failed (a full disk): what the file holds stays readable, later quotes stay
    /// in memory.
    file_full: bool,
    /// Nothing is kept: for a run that shows no quote.
    discard: bool,
    /// Bytes after the file's: what is not written yet, or everything without a file.
    pending: Vec<u8>,
}

impl Quotes {
    /// Quotes kept in memory.
    pub fn in_memory() -> Self {
        Quotes::default()
    }

    /// No quote kept (every `add` gives None): for a run that counts the buyers' words but
    /// quotes none of them (`report`'s lost reasons).
    pub fn not_kept() -> Self {
        Quotes { discard: true, ..Quotes::default() }
    }

    /// Quotes kept in a temporary file, or in memory when no temporary file can be made.
    pub fn spilled() -> Self {
        Quotes { file: tempfile::tempfile().ok(), ..Quotes::default() }
    }

    /// Keeps a quote, whole. None past 16 GB of quotes: that message has no quote to show.
    pub fn add(&mut self, at: NaiveDateTime, text: &str) -> Option<QuoteRef> {
        if self.discard {
            return None;
        }
        let offset = self.written + self.pending.len() as u64;
        // u32::MAX is the packed layouts' "no quote".
        let id = u32::try_from(offset / ALIGN).ok().filter(|id| *id != u32::MAX)?;
        let len = u32::try_from(text.len()).ok()?;
        self.pending.extend_from_slice(&at.and_utc().timestamp().to_le_bytes());
        self.pending.extend_from_slice(&len.to_le_bytes());
        self.pending.extend_from_slice(text.as_bytes());
        let padded = self.pending.len().next_multiple_of(ALIGN as usize);
        self.pending.resize(padded, 0);
        if self.pending.len() >= BLOCK
            && !self.file_full
            && let Some(file) = &self.file
        {
            match write_all_at(file, &self.pending, self.written) {
                Ok(()) => {
                    self.written += self.pending.len() as u64;
                    self.pending.clear();
                }
                Err(_) => self.file_full = true,
            }
        }
        Some(QuoteRef(id))
    }

    /// A quote kept by `add`.
    pub fn get(&self, quote: QuoteRef) -> io::Result<Quote> {
        let offset = u64::from(quote.0) * ALIGN;
        let mut header = [0u8; HEADER];
        self.read(offset, &mut header)?;
        let secs = i64::from_le_bytes(header[..8].try_into().expect("8 bytes"));
        let len = u32::from_le_bytes(header[8..12].try_into().expect("4 bytes")) as usize;
        let mut text = vec![0u8; len];
        self.read(offset + HEADER as u64, &mut text)?;
        let at = chrono::DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc()).unwrap_or_default();
        let text = String::from_utf8(text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        Ok(Quote { at, text })
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        if offset >= self.written {
            let from = (offset - self.written) as usize;
            let bytes =
                self.pending.get(from..from + out.len()).ok_or_else(|| io::Error::other("quote past the end"))?;
            out.copy_from_slice(bytes);
            return Ok(());
        }
        let file = self.file.as_ref().ok_or_else(|| io::Error::other("quote file closed"))?;
        read_exact_at(file, out, offset)
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, out: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, out, offset)
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_all_at(file: &File, mut bytes: &[u8], mut offset: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        match std::os::windows::fs::FileExt::seek_write(file, bytes, offset)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => {
                bytes = &bytes[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut out: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !out.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, out, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                out = &mut out[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(9, 0, s).unwrap()
    }

    #[test]
    fn quotes_come_back_from_the_file_and_from_memory() {
        for mut quotes in [Quotes::spilled(), Quotes::in_memory()] {
            // Enough quotes to fill several blocks of the file, then some not yet written.
            let texts: Vec<String> = (0..20_000).map(|i| format!("包邮吗{i}")).collect();
            let refs: Vec<QuoteRef> =
                texts.iter().enumerate().map(|(i, t)| quotes.add(at((i % 60) as u32), t).unwrap()).collect();
            for i in [0, 1, 4_999, 12_345, 19_999] {
                assert_eq!(quotes.get(refs[i]).unwrap(), Quote { at: at((i % 60) as u32), text: texts[i].clone() });
            }
        }
    }

    #[test]
    fn reading_back_between_writes_leaves_the_file_whole() {
        // QA reads a buyer's message back while later ones are still being written.
        let mut quotes = Quotes::spilled();
        let mut refs = Vec::new();
        for i in 0..30_000u32 {
            refs.push(quotes.add(at(i % 60), &format!("在吗{i}")).unwrap());
            if i % 1_000 == 999 {
                assert_eq!(quotes.get(refs[(i / 2) as usize]).unwrap().text, format!("在吗{}", i / 2));
            }
        }
        assert!(quotes.written > 0, "some blocks went to the file");
        for i in [0, 7_777, 29_999] {
            assert_eq!(quotes.get(refs[i]).unwrap().text, format!("在吗{i}"));
        }
    }

    #[test]
    fn a_file_that_cannot_be_written_leaves_the_quotes_in_memory() {
        let path = tempfile::NamedTempFile::new().unwrap();
        let read_only = File::open(path.path()).unwrap();
        let mut quotes = Quotes { file: Some(read_only), ..Quotes::default() };
        let refs: Vec<QuoteRef> = (0..10_000).map(|i| quotes.add(at(0), &format!("包邮吗{i}")).unwrap()).collect();
        assert!(quotes.file_full && quotes.written == 0);
        assert_eq!(quotes.get(refs[9_999]).unwrap().text, "包邮吗9999");
    }

    #[test]
    fn a_run_that_quotes_nothing_keeps_nothing() {
        let mut quotes = Quotes::not_kept();
        assert_eq!(quotes.add(at(0), "在吗"), None);
        assert!(quotes.pending.is_empty() && quotes.file.is_none());
    }

    #[test]
    fn a_quote_is_kept_whole() {
        let mut quotes = Quotes::in_memory();
        let r = quotes.add(at(0), &"贵".repeat(400)).unwrap();
        assert_eq!(quotes.get(r).unwrap().text, "贵".repeat(400));
        let r = quotes.add(at(0), &"贵".repeat(30_000)).unwrap();
        assert_eq!(quotes.get(r).unwrap().text, "贵".repeat(30_000), "90 KB");
        let empty = quotes.add(at(1), "").unwrap();
        assert_eq!(quotes.get(empty).unwrap(), Quote { at: at(1), text: String::new() });
    }
}
