//! The speed floor of SPEC §6: read an xlsx with calamine's streaming cell reader and write
//! the same cells with rust_xlsxwriter's constant-memory mode, doing nothing else.
//!
//! ```sh
//! cargo run --release --example floor -- bench-data/orders.xlsx /tmp/floor.xlsx
//! ```

use calamine::{DataRef, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = args.next().ok_or("usage: floor INPUT.xlsx OUTPUT.xlsx")?;
    let output = args.next().ok_or("usage: floor INPUT.xlsx OUTPUT.xlsx")?;
    // `--read-only` measures the reading half alone (not part of the floor).
    let read_only = args.next().as_deref() == Some("--read-only");
    let mut book: Xlsx<_> = open_workbook(&input)?;
    let mut out = Workbook::new();
    let mut cells: u64 = 0;
    for name in book.sheet_names() {
        let sheet = out.add_worksheet_with_constant_memory()?;
        let mut reader = book.worksheet_cells_reader(&name)?;
        while let Some(cell) = reader.next_cell()? {
            let (r, c) = cell.get_position();
            let c = c as u16;
            if read_only {
                cells += 1;
                continue;
            }
            match cell.get_value() {
                DataRef::SharedString(s) => {
                    sheet.write_string(r, c, *s)?;
                }
                DataRef::String(s) => {
                    sheet.write_string(r, c, s)?;
                }
                DataRef::Float(f) => {
                    sheet.write_number(r, c, *f)?;
                }
                DataRef::Int(i) => {
                    sheet.write_number(r, c, *i as f64)?;
                }
                DataRef::DateTime(d) => {
                    sheet.write_number(r, c, d.as_f64())?;
                }
                DataRef::Empty => continue,
                other => {
                    sheet.write_string(r, c, format!("{other:?}"))?;
                }
            }
            cells += 1;
        }
    }
    out.save(&output)?;
    println!("{cells} cells read and written");
    Ok(())
}
