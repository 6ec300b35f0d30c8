//! The orders read, each decided once (docs/orders.md): one order in several exports, unknown statuses, orders without buyers.

use crate::compute::orders::OrderBook;
use crate::compute::receptions::Reception;
use crate::model::{Order, Phrase, RowProblem};
use crate::read::ReadLog;
use crate::read::fields::SheetKind;

/// docs/definitions.md#fields: orders from a sheet without a buyer column (Pinduoduo's export has none) are read
/// and counted; what needs buyers says so on stderr instead of failing.
pub fn note_orders_without_buyers(read: &ReadLog, receptions: &[Reception]) {
    if receptions.is_empty() {
        return;
    }
    for t in read.tables_of(SheetKind::Orders).filter(|t| t.col("buyer").is_none() && t.data_rows > 0) {
        let sheet = if t.sheet.is_empty() { String::new() } else { format!(" [{}]", t.sheet) };
        eprintln!("{}", msg!("reading.note.no_buyer", file = &t.file, sheet = sheet));
    }
}

/// The paid dates of paid orders (any period).
pub fn paid_dates(orders: &[Order]) -> impl Iterator<Item = chrono::NaiveDate> + '_ {
    orders.iter().filter(|o| o.state != crate::model::OrderState::Unpaid).filter_map(|o| o.paid_at.map(|t| t.date()))
}

/// The orders read, each decided (`docs/orders.md`): an order in several exports taken
/// from the later one, the others' rows of it listed once per order and counted per file,
/// and each status text in no list listed once with its orders and money.
pub fn finish_orders(book: OrderBook, read: &mut ReadLog) -> Vec<Order> {
    let (orders, mut settled) = book.settle(&read.after_refund_sheets(), &mut read.problems);
    let header = |file: &str, sheet: &str, field: &str| {
        let table = read.tables_of(SheetKind::Orders).find(|t| *t.file == *file && *t.sheet == *sheet);
        table
            .and_then(|t| t.columns.iter().find(|c| c.field == field))
            .map(|c| c.header.to_string())
            .unwrap_or_default()
    };
    // A month given twice lists every order once: made straight into a list of the right
    // size, each entry freed as its problem is made (a million of each cost a gigabyte).
    let mut problems = Vec::with_capacity(settled.also_in.len() + settled.unknown_statuses.len());
    let mut per_file: Vec<(String, u64)> = read.files.iter().map(|f| (f.name.to_string(), 0)).collect();
    for a in std::mem::take(&mut settled.also_in) {
        let (file, sheet) = (&a.left_out.file, &a.left_out.sheet);
        match per_file.iter_mut().find(|(f, _)| **f == **file) {
            Some((_, n)) => *n += 1,
            None => per_file.push((file.to_string(), 1)),
        }
        let problem = if a.kept.1.is_empty() {
            Phrase::new("problem.also_in_later").with("file", &a.kept.0)
        } else {
            Phrase::new("problem.also_in_later_sheet").with("file", &a.kept.0).with("sheet", &a.kept.1)
        };
        problems.push(RowProblem {
            file: file.to_string(),
            sheet: sheet.to_string(),
            row: a.left_out.row,
            column: header(file, sheet, "order_id"),
            value: a.id.into(),
            problem,
            action: Phrase::new("action.left_out_for_later"),
        });
    }
    for u in &settled.unknown_statuses {
        let (file, sheet) = (&u.first.file, &u.first.sheet);
        problems.push(RowProblem {
            file: file.to_string(),
            sheet: sheet.to_string(),
            row: u.first.row,
            column: header(file, sheet, "status"),
            value: u.text.clone(),
            problem: Phrase::new("problem.unknown_status")
                .with("orders", u.orders)
                .with("money", crate::format::yuan(u.money)),
            action: Phrase::new("action.unknown_status").with("paid", u.paid),
        });
    }
    if !problems.is_empty() {
        // In the order the rows are read, as the reading's own problems are.
        read.problems.reserve_exact(problems.len());
        read.problems.append(&mut problems);
        drop(problems);
        let files: Vec<String> = read.files.iter().map(|f| f.name.to_string()).collect();
        let file_order = |name: &str| files.iter().position(|f| f == name).unwrap_or(usize::MAX);
        read.problems
            .sort_by(|a, b| (file_order(&a.file), &a.sheet, a.row).cmp(&(file_order(&b.file), &b.sheet, b.row)));
    }
    per_file.retain(|(_, n)| *n > 0);
    read.orders_in_later_export = per_file;
    read.unknown_statuses = settled.unknown_statuses;
    orders
}
