//! Finding the header row under title rows, mapping columns to fields, and deciding a
//! sheet's kind (docs/definitions.md#headers), then streaming its data rows to a sink.

use super::cells::Cell;
use super::cells::{clean_text, halfwidth_digits, parse_date_range, parse_datetime};
use super::fields::{SheetKind, TOTAL_ALIASES, normalize_header};
use super::types::SheetVisitor;
use crate::model::Phrase;
use chrono::NaiveTime;
use std::collections::BTreeMap;

pub use super::types::{ColumnMap, ColumnOverrides, TableInfo};

/// How many non-empty rows may stand above the header (titles, export dates).
const HEADER_SEARCH_ROWS: usize = 30;

/// Receives the data rows of sheets whose kind was found.
pub trait TableSink {
    /// Return false to leave this table unread (the command does not need its kind).
    fn begin_table(&mut self, info: &TableInfo) -> bool;
    fn row(&mut self, info: &TableInfo, row: u32, cells: &[Cell]);
    /// The sink may add what it learnt from the rows (the after-refund check).
    fn end_table(&mut self, info: &mut TableInfo);
}

/// A `SheetVisitor` that finds each sheet's header and hands mapped rows to a sink.
pub struct TableReader<'a, S: TableSink> {
    file: String,
    overrides: &'a ColumnOverrides,
    pub sink: S,
    pub tables: Vec<TableInfo>,
    current: Option<TableInfo>,
    pending: Vec<(u32, Vec<Cell>)>,
    /// Header decided and the sink wants the rows.
    streaming: bool,
    track_dates: bool,
    /// See `ReadOptions::count_unwanted_rows`.
    pub count_unwanted_rows: bool,
}

impl<'a, S: TableSink> TableReader<'a, S> {
    pub fn new(file: &str, overrides: &'a ColumnOverrides, sink: S, track_dates: bool) -> Self {
        TableReader {
            file: file.to_string(),
            overrides,
            sink,
            tables: Vec::new(),
            current: None,
            pending: Vec::new(),
            streaming: false,
            track_dates,
            count_unwanted_rows: true,
        }
    }

    /// Decide the header from the buffered rows, then replay the rows below it.
    fn decide(&mut self) {
        let Some(mut info) = self.current.take() else { return };
        let pending = std::mem::take(&mut self.pending);
        let best = pending
            .iter()
            .enumerate()
            .map(|(i, (_, cells))| (i, best_mapping(cells, self.overrides)))
            .max_by(|(ia, a), (ib, b)| a.score.cmp(&b.score).then(ib.cmp(ia)));
        match best {
            Some((index, found)) if found.score > 0 => {
                let header_cells = &pending[index].1;
                info.header_row = pending[index].0;
                info.kind = found.kind;
                info.why_unused = found.why_unused;
                info.columns = found.columns;
                info.unmapped = header_cells
                    .iter()
                    .enumerate()
                    .filter(|(col, c)| !c.is_blank() && !info.columns.iter().any(|m| m.col == *col))
                    .map(|(_, c)| c.display().trim().to_string())
                    .collect();
                let texts: Vec<String> = header_cells.iter().map(|c| c.display().trim().to_string()).collect();
                info.layout = super::layouts::recognise(texts.iter().map(String::as_str));
                self.streaming = info.kind.is_some() && self.sink.begin_table(&info);
                self.current = Some(info);
                if self.streaming {
                    for (row, cells) in &pending[index + 1..] {
                        self.feed(*row, cells);
                    }
                } else if let Some(info) = self.current.as_mut() {
                    info.data_rows = (pending.len() - index - 1) as u64;
                }
            }
            _ => {
                info.why_unused = Some(if pending.is_empty() {
                    Phrase::new("unused.empty_sheet")
                } else {
                    Phrase::new("unused.no_header").with("n", HEADER_SEARCH_ROWS)
                });
                self.current = Some(info);
            }
        }
    }

    fn feed(&mut self, row: u32, cells: &[Cell]) {
        if let Some(info) = self.current.as_mut() {
            info.data_rows += 1;
            if self.track_dates {
                track_date(info, cells);
            }
            self.sink.row(info, row, cells);
        }
    }
}

impl<S: TableSink> SheetVisitor for TableReader<'_, S> {
    fn begin_sheet(&mut self, sheet: &str) {
        self.current = Some(TableInfo::new(&self.file, sheet, None));
        self.pending.clear();
        self.streaming = false;
    }

    fn row(&mut self, row: u32, cells: &[Cell]) -> bool {
        if cells.iter().all(Cell::is_blank) {
            return true;
        }
        let decided = self.current.as_ref().is_some_and(|i| i.header_row > 0 || i.why_unused.is_some());
        if !decided {
            self.pending.push((row, cells.to_vec()));
            if self.pending.len() >= HEADER_SEARCH_ROWS {
                self.decide();
            }
            return true;
        }
        if self.streaming {
            self.feed(row, cells);
            true
        } else {
            // Not needed: count the rows for `inspect` without handing them on.
            if !self.count_unwanted_rows {
                return false;
            }
            if let Some(info) = self.current.as_mut()
                && info.kind.is_some()
            {
                info.data_rows += 1;
            }
            info_is_countable(self.current.as_ref())
        }
    }

    fn end_sheet(&mut self) {
        let decided = self.current.as_ref().is_some_and(|i| i.header_row > 0 || i.why_unused.is_some());
        if !decided {
            self.decide();
        }
        if let Some(mut info) = self.current.take() {
            if self.streaming {
                self.sink.end_table(&mut info);
            }
            self.tables.push(info);
        }
        self.streaming = false;
    }
}

fn track_date(info: &mut TableInfo, cells: &[Cell]) {
    // Orders without a paid time are dated by their creation (docs/definitions.md#fields).
    let field = if info.paid_by_status() { Some("created_at") } else { info.kind.and_then(|k| k.date_field()) };
    let Some(col) = field.and_then(|f| info.col(f)) else { return };
    let (first, last) = match cells.get(col) {
        Some(cell) => match parse_datetime(cell) {
            Ok(Some(t)) => (t, t),
            // A per-agent report's row of a week: `2024-01-01~2024-01-07` (docs/definitions.md#fields).
            Err(_) if info.kind == Some(SheetKind::AgentReport) => match cell {
                Cell::Text(raw) => match parse_date_range(&halfwidth_digits(clean_text(raw))) {
                    Some((a, b)) if a <= b => (a.and_time(NaiveTime::MIN), b.and_time(NaiveTime::MIN)),
                    _ => return,
                },
                _ => return,
            },
            _ => return,
        },
        None => return,
    };
    info.date_range = Some(match info.date_range {
        Some((a, b)) => (a.min(first), b.max(last)),
        None => (first, last),
    });
}

/// Keep reading a sheet nobody needs only to count its rows when its kind is known.
fn info_is_countable(info: Option<&TableInfo>) -> bool {
    info.is_some_and(|i| i.kind.is_some())
}

struct Mapping {
    score: usize,
    kind: Option<SheetKind>,
    why_unused: Option<Phrase>,
    columns: Vec<ColumnMap>,
}

/// The kind of table a row heads, if it heads one (an order sheet's header, a chat log's).
pub(crate) fn table_kind(cells: &[Cell], overrides: &ColumnOverrides) -> Option<SheetKind> {
    best_mapping(cells, overrides).kind
}

/// Map one candidate header row against every kind: the row's score is the most fields
/// any kind maps; its kind is the one kind whose required fields all map.
fn best_mapping(cells: &[Cell], overrides: &ColumnOverrides) -> Mapping {
    let headers: Vec<String> = cells.iter().map(|c| normalize_header(&c.display())).collect();
    let mut score = 0;
    let mut complete: Vec<(SheetKind, Vec<ColumnMap>)> = Vec::new();
    // The closest kind that did not fit: (mapped columns, kind, missing fields); the kind of a
    // layout these headers tell, when known, is closest whatever it maps.
    let mut closest: Option<(usize, SheetKind, Vec<String>)> = None;
    let layout_kind =
        super::layouts::recognise(cells.iter().map(|c| c.display()).collect::<Vec<_>>().iter().map(|s| &**s))
            .map(|l| l.kind);
    for kind in SheetKind::ALL {
        let columns = map_kind(kind, cells, &headers, overrides.get(&kind));
        score = score.max(columns.len());
        let missing = kind.missing(|f| columns.iter().any(|c| c.field == f));
        let excluded = kind.excluded().iter().any(|field| {
            SheetKind::ALL
                .iter()
                .flat_map(|k| k.fields())
                .filter(|f| f.name == *field)
                .any(|f| f.aliases.iter().any(|a| headers.contains(&normalize_header(a))))
        });
        if missing.is_empty() && !excluded {
            complete.push((kind, columns));
        } else if layout_kind == Some(kind) {
            closest = Some((usize::MAX, kind, missing));
        } else if !columns.is_empty() && !excluded && closest.as_ref().is_none_or(|c| c.0 < columns.len()) {
            closest = Some((columns.len(), kind, missing));
        }
    }
    match complete.len() {
        1 => {
            let (kind, columns) = complete.pop().expect("one complete kind");
            Mapping { score, kind: Some(kind), why_unused: None, columns }
        }
        0 => {
            let why = match closest {
                Some((_, kind, missing)) => {
                    let (zh, en): (Vec<String>, Vec<String>) = missing.iter().map(|m| kind.describe_missing(m)).unzip();
                    Phrase::new("unused.missing_columns").with_label("kind", kind.label_key()).with_said(
                        "fields",
                        zh.join("；"),
                        en.join("; "),
                    )
                }
                None => Phrase::new("unused.no_known_columns"),
            };
            Mapping { score, kind: None, why_unused: Some(why), columns: Vec::new() }
        }
        _ => {
            let kinds: Vec<String> = complete.iter().map(|(k, _)| format!("[columns.{}]", k.name())).collect();
            Mapping {
                score,
                kind: None,
                why_unused: Some(Phrase::new("unused.ambiguous").with("kinds", kinds.join(", "))),
                columns: Vec::new(),
            }
        }
    }
}

fn map_kind(
    kind: SheetKind,
    cells: &[Cell],
    headers: &[String],
    overrides: Option<&BTreeMap<String, String>>,
) -> Vec<ColumnMap> {
    let mut out = Vec::new();
    for field in kind.fields() {
        let wanted = overrides.and_then(|o| o.get(field.name));
        // The configured header first; when a file lacks it, the aliases still apply.
        let col = wanted.and_then(|header| headers.iter().position(|h| h == header)).or_else(|| {
            field.aliases.iter().find_map(|a| {
                let a = normalize_header(a);
                headers.iter().position(|h| *h == a)
            })
        });
        if let Some(col) = col
            && !out.iter().any(|m: &ColumnMap| m.col == col)
        {
            out.push(ColumnMap { field: field.name, col, header: cells[col].display().trim().to_string() });
        }
    }
    // docs/definitions.md#fields: total only beside another paid column; when 总金额 or 订单金额 is itself the
    // paid column there is nothing to check against.
    let paid_is_a_total = out
        .iter()
        .find(|m| m.field == "paid_amount")
        .is_some_and(|m| TOTAL_ALIASES.iter().any(|a| normalize_header(a) == headers[m.col]));
    if kind == SheetKind::Orders && paid_is_a_total {
        out.retain(|m| m.field != "total");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect()
    }

    #[test]
    fn taobao_header_maps_aliases_in_priority_order() {
        let cells = row(&["订单编号", "买家会员名", "总金额", "买家实际支付金额", "订单付款时间 ", "商家备注"]);
        let m = best_mapping(&cells, &ColumnOverrides::new());
        assert_eq!(m.kind, Some(SheetKind::Orders));
        let paid = m.columns.iter().find(|c| c.field == "paid_amount").unwrap();
        assert_eq!(paid.col, 3, "买家实际支付金额 comes before 总金额 in the alias list");
    }

    #[test]
    fn session_sheet_is_not_a_message_sheet() {
        let cells = row(&["客服", "买家", "接待时间", "首次响应时间(秒)"]);
        assert_eq!(best_mapping(&cells, &ColumnOverrides::new()).kind, Some(SheetKind::ChatSessions));
        let cells = row(&["客服", "买家", "时间", "发送方", "内容", "开始时间"]);
        assert_eq!(best_mapping(&cells, &ColumnOverrides::new()).kind, Some(SheetKind::ChatMessages));
    }

    #[test]
    fn total_only_beside_another_paid_column() {
        let cells = row(&["订单编号", "总金额", "买家实际支付金额", "退款金额", "订单付款时间"]);
        let m = best_mapping(&cells, &ColumnOverrides::new());
        assert_eq!(m.columns.iter().find(|c| c.field == "total").map(|c| c.col), Some(1));
        let cells = row(&["订单编号", "总金额", "订单金额", "退款金额", "订单付款时间"]);
        let m = best_mapping(&cells, &ColumnOverrides::new());
        assert_eq!(m.columns.iter().find(|c| c.field == "paid_amount").map(|c| c.col), Some(1));
        assert!(m.columns.iter().all(|c| c.field != "total"), "总金额 is the paid column: no total");
    }

    #[test]
    fn order_sheet_without_paid_time_needs_status_and_creation_time() {
        // JD's newer export.
        let cells = row(&["订单号", "下单帐号", "下单时间", "订单状态", "商家应收"]);
        assert_eq!(best_mapping(&cells, &ColumnOverrides::new()).kind, Some(SheetKind::Orders));
        let cells = row(&["订单号", "下单帐号", "下单时间", "商家应收"]);
        let m = best_mapping(&cells, &ColumnOverrides::new());
        assert_eq!(m.kind, None);
        assert!(format!("{:?}", m.why_unused.unwrap()).contains("paid_at"));
    }

    #[test]
    fn config_names_a_column() {
        let mut overrides = ColumnOverrides::new();
        overrides.entry(SheetKind::Orders).or_default().insert("paid_amount".into(), "到手价".into());
        let cells = row(&["订单号", "到手价", "付款时间"]);
        let m = best_mapping(&cells, &overrides);
        assert_eq!(m.kind, Some(SheetKind::Orders));
    }
}
