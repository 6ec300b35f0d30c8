//! The speed floor of docs/performance.md and issue 15: stream every cell of every sheet of a job's inputs
//! and write rows with rust_xlsxwriter's constant-memory mode, doing nothing else.
//!
//! ```sh
//! # the old floor: read orders.xlsx and write the same cells
//! cargo run --release --example floor -- bench-data/orders.xlsx /tmp/floor.xlsx
//! # a job's floor: read all its inputs, write as many rows (and columns) as its largest sheet
//! cargo run --release --example floor -- --out /tmp/floor.xlsx --rows 200001 --cols 14 \
//!     bench-data/chats.csv bench-data/orders.xlsx
//! ```
//!
//! Workbooks are read with calamine's cell reader (every sheet), CSV with the csv crate after
//! the same decoding as cs-tools (BOM, else UTF-8, else GB18030, through encoding_rs_io), and a
//! 千牛 text export line by line after the same decoding. With `--rows`, the cells read are
//! counted, not kept, and the output is ROWS rows of COLS cells (text in the first third of
//! the columns, numbers in the rest: a report's shape). `--read-only` skips the writing.

use calamine::{DataRef, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::io::{BufRead, BufReader, Read};

const USAGE: &str =
    "usage: floor INPUT.xlsx OUTPUT.xlsx | floor --out OUTPUT.xlsx [--rows N] [--cols N] [--read-only] INPUT…";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut out_path, mut rows, mut cols, mut read_only) = (None, None, 12u16, false);
    let mut inputs: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out_path = Some(args.next().ok_or(USAGE)?),
            "--rows" => rows = Some(args.next().ok_or(USAGE)?.parse::<u32>()?),
            "--cols" => cols = args.next().ok_or(USAGE)?.parse::<u16>()?.max(1),
            "--read-only" => read_only = true,
            _ => inputs.push(a),
        }
    }
    // The old form: INPUT OUTPUT.
    let out_path = match out_path {
        Some(p) => p,
        None if inputs.len() == 2 => inputs.pop().unwrap_or_default(),
        None => return Err(USAGE.into()),
    };
    if inputs.is_empty() {
        return Err(USAGE.into());
    }
    let mut out = Workbook::new();
    // The level cs-tools writes with.
    out.set_zip_compression_level(3);
    // Without --rows, each sheet read is written back as it is read (the old floor).
    let copy = rows.is_none() && !read_only;
    let mut cells: u64 = 0;
    for input in &inputs {
        let lower = input.to_ascii_lowercase();
        if lower.ends_with(".xlsx") {
            cells += read_xlsx(input, if copy { Some(&mut out) } else { None })?;
        } else if lower.ends_with(".txt") {
            cells += read_lines(input)?;
        } else {
            cells += read_csv(input)?;
        }
    }
    if let Some(rows) = rows.filter(|_| !read_only) {
        write_rows(out.add_worksheet_with_constant_memory()?, rows, cols)?;
    }
    if !read_only {
        out.save(&out_path)?;
    }
    println!("{cells} cells read; {} rows written", rows.unwrap_or(0));
    Ok(())
}

/// Every cell of every sheet; written to `copy` (one constant-memory sheet each) when given.
fn read_xlsx(path: &str, mut copy: Option<&mut Workbook>) -> Result<u64, Box<dyn std::error::Error>> {
    let mut book: Xlsx<_> = open_workbook(path)?;
    let mut cells: u64 = 0;
    for name in book.sheet_names() {
        let mut sheet = match copy.as_deref_mut() {
            Some(out) => Some(out.add_worksheet_with_constant_memory()?),
            None => None,
        };
        let mut reader = book.worksheet_cells_reader(&name)?;
        while let Some(cell) = reader.next_cell()? {
            let value = cell.get_value();
            if matches!(value, DataRef::Empty) {
                continue;
            }
            cells += 1;
            let Some(sheet) = sheet.as_deref_mut() else { continue };
            let (r, c) = cell.get_position();
            let c = c as u16;
            match value {
                DataRef::SharedString(s) => sheet.write_string(r, c, *s)?,
                DataRef::String(s) => sheet.write_string(r, c, s)?,
                DataRef::Float(f) => sheet.write_number(r, c, *f)?,
                DataRef::Int(i) => sheet.write_number(r, c, *i as f64)?,
                DataRef::DateTime(d) => sheet.write_number(r, c, d.as_f64())?,
                other => sheet.write_string(r, c, format!("{other:?}"))?,
            };
        }
    }
    Ok(cells)
}

/// The file decoded as cs-tools decodes it: BOM, else UTF-8, else GB18030.
fn decoded(path: &str) -> Result<impl Read, Box<dyn std::error::Error>> {
    let mut head = vec![0u8; 64 * 1024];
    let n = std::fs::File::open(path)?.read(&mut head)?;
    let encoding = cs_tools::read::source::sniff_encoding(&head[..n]);
    let file = std::fs::File::open(path)?;
    Ok(encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(BufReader::with_capacity(256 * 1024, file)))
}

fn read_csv(path: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let mut head = vec![0u8; 64 * 1024];
    let n = std::fs::File::open(path)?.read(&mut head)?;
    let sample = String::from_utf8_lossy(&head[..n]);
    let delimiter = cs_tools::read::source::sniff_delimiter(&sample);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(decoded(path)?);
    let mut record = csv::StringRecord::new();
    let mut cells: u64 = 0;
    while reader.read_record(&mut record)? {
        cells += record.iter().filter(|f| !f.is_empty()).count() as u64;
    }
    Ok(cells)
}

/// A 千牛 text export: one cell per non-empty line.
fn read_lines(path: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let mut reader = BufReader::new(decoded(path)?);
    let (mut line, mut cells) = (String::new(), 0u64);
    while reader.read_line(&mut line)? > 0 {
        cells += u64::from(!line.trim().is_empty());
        line.clear();
    }
    Ok(cells)
}

fn write_rows(sheet: &mut Worksheet, rows: u32, cols: u16) -> Result<(), XlsxError> {
    let text_cols = cols.div_ceil(3);
    let mut text = String::new();
    for r in 0..rows {
        for c in 0..cols {
            if c < text_cols {
                use std::fmt::Write;
                text.clear();
                let _ = write!(text, "tb_{:07}-{c}", r);
                sheet.write_string(r, c, &text)?;
            } else {
                sheet.write_number(r, c, f64::from(r) * 0.5 + f64::from(c))?;
            }
        }
    }
    Ok(())
}
