//! How the reports look and print (issue 13 points 5, 6, 10, 11): charts that label every
//! category with whole-number count axes, data bars over the agents only, agents sorted by the
//! sheet's figure, a title row with the period and shop, print setup, a Rules sheet without
//! absolute paths or keyword lists, and a schedule report that opens on the flagged hours.
//! Figures are those of fixtures/EXPECTED.md, fixtures/lost/EXPECTED.md and
//! fixtures/schedule/EXPECTED.md.

use crate::common::{fx, json, run_in, scratch, sheet_names, sheet_text_with_title as rows, xlsx_en};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Runs `cs-tools ARGS --lang en -o out.xlsx` in a scratch dir; it must succeed.
fn xlsx(args: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
    let (dir, out, r) = xlsx_en(args);
    assert_eq!(r.code, Some(0), "cs-tools {args:?}: {}", r.stderr);
    (dir, out, r.stderr)
}

/// One part of the xlsx zip as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name} in {path:?}: {e}")).read_to_string(&mut text).unwrap();
    text
}

/// The value of attribute `attr` of the first `<tag …>` element in `xml`.
fn attr(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag} ")).or_else(|| xml.find(&format!("<{tag}>")))?;
    let element = &xml[start..start + xml[start..].find('>')?];
    let at = element.find(&format!(" {attr}=\""))? + attr.len() + 3;
    Some(element[at..at + element[at..].find('"')?].to_string())
}

fn taobao_commission() -> (tempfile::TempDir, PathBuf, String) {
    xlsx(&["commission", &fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml"), "--month", "2026-10"])
}

fn lost_fixture() -> (tempfile::TempDir, PathBuf, String) {
    xlsx(&["lost", &fx("lost/chats.csv"), "--orders", &fx("lost/orders.csv"), "--config", &fx("lost/lost.toml")])
}

// ---- 5. Charts that read at a glance --------------------------------------------------------

#[test]
fn the_lost_reasons_chart_labels_every_reason_on_a_whole_number_axis() {
    let (_dir, out, _) = lost_fixture();
    let chart = part(&out, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barDir val=\"bar\"/>"), "the reasons as horizontal bars");
    // 13 reasons (fixtures/lost/EXPECTED.md), the most frequent (no_reply, 3) at the top.
    assert!(chart.contains("Reasons!$A$3:$A$15"), "categories: the 13 reason rows below the title and header");
    assert_eq!(attr(&chart, "c:tickLblSkip", "val").as_deref(), Some("1"), "every category labelled");
    assert_eq!(attr(&chart, "c:majorUnit", "val").as_deref(), Some("1"), "count ticks at 0, 1, 2, 3 (max 3)");
    assert_eq!(attr(&chart, "c:numFmt", "formatCode").as_deref(), Some("0"), "whole numbers on the count axis");
}

#[test]
fn the_commission_data_bars_leave_out_unattributed_and_total() {
    let (_dir, out, _) = taobao_commission();
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    // Title row 1, header row 2, the three agents on rows 3–5, 未归属 on 6, the total on 7.
    assert_eq!(attr(&sheet, "conditionalFormatting", "sqref").as_deref(), Some("E3:E5"));
    let summary = rows(&out, "Summary");
    assert_eq!(summary[5][0], "Unattributed");
    assert_eq!(summary[6][0], "Total");
}

#[test]
fn agents_are_sorted_by_the_sheets_figure_and_json_by_name() {
    // Commission (EXPECTED.md 1a): 东东 54.58, 阿杰 19.38, 小王 15.57.
    let (_dir, out, _) = taobao_commission();
    let agents: Vec<String> = rows(&out, "Summary")[2..5].iter().map(|r| r[0].clone()).collect();
    assert_eq!(agents, ["东东", "阿杰", "小王"]);
    let (v, _) = json(&[
        "commission",
        &fx("taobao_orders_gbk.csv"),
        "--config",
        &fx("configs/tiered.toml"),
        "--month",
        "2026-10",
    ]);
    let names: Vec<&str> = v["rows"].as_array().unwrap().iter().map(|r| r["agent"].as_str().unwrap()).collect();
    assert_eq!(names, ["东东", "小王", "阿杰"], "JSON rows by agent name (docs/definitions.md#json)");

    // Conversion: the month's agents by conversion, highest first.
    let month = |f: &str| fx(&format!("month/{f}"));
    let args = ["conversion", &month("chats.xlsx"), "--orders", &month("orders.xlsx"), "--month", "2026-10"];
    let (_dir, out, _) = xlsx(&args);
    let summary = rows(&out, "Summary");
    assert_eq!(summary[1][6], "Conversion");
    // Agents, then the team row (the sum of the agents), 未归属 and the total.
    let body: Vec<&Vec<String>> = summary[2..].iter().take_while(|r| r[0] != "Team").collect();
    assert_eq!(body.len(), 12, "twelve agents");
    let rates: Vec<f64> = body.iter().map(|r| r[6].parse().unwrap()).collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]), "by conversion, highest first: {rates:?}");
    let (v, _) = json(&args);
    let best = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .max_by(|a, b| a["conversion"].as_f64().unwrap().total_cmp(&b["conversion"].as_f64().unwrap()));
    assert_eq!(best.unwrap()["agent"].as_str().unwrap(), body[0][0], "the best converter first");

    // Lost: the agents with most lost inquiries first.
    let (_dir, out, _) = lost_fixture();
    let by_agent = rows(&out, "Reasons by agent");
    let lost: Vec<f64> = by_agent[2..].iter().take_while(|r| r[0] != "Total").map(|r| r[1].parse().unwrap()).collect();
    assert!(lost.len() > 1 && lost.windows(2).all(|w| w[0] >= w[1]), "by lost inquiries: {lost:?}");
}

// ---- 6. Each sheet says what it is -----------------------------------------------------------

#[test]
fn every_sheet_opens_with_a_title_naming_report_sheet_period_and_shop() {
    let (_dir, out, _) = taobao_commission();
    // The orders' 店铺名称 column names 木子家居旗舰店 on every row.
    assert_eq!(rows(&out, "Summary")[0][0], "木子家居旗舰店 · Commission · Summary · 2026-10-01 – 2026-10-31");
    assert_eq!(rows(&out, "Detail")[0][0], "木子家居旗舰店 · Commission · Detail · 2026-10-01 – 2026-10-31");
    assert_eq!(rows(&out, "Summary")[1][0], "Agent", "the header below the title");
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(attr(&sheet, "pane", "topLeftCell").as_deref(), Some("A3"), "title and header frozen");
    assert_eq!(attr(&sheet, "autoFilter", "ref").as_deref(), Some("A2:I6"), "the filter on the header and data rows");

    // The daily report shows its day.
    let ar = |f: &str| fx(&format!("agent_reports/{f}"));
    let (_dir, out, _) = xlsx(&["daily", &ar("service_day1.xlsx"), &ar("service_day2.xlsx"), "--day", "2026-10-01"]);
    assert_eq!(rows(&out, "Summary")[0][0], "Daily report · Summary · 2026-10-01");
}

// ---- 10. Printing ---------------------------------------------------------------------------

#[test]
fn wide_sheets_print_landscape_one_page_wide_with_the_header_on_every_page() {
    let month = |f: &str| fx(&format!("month/{f}"));
    let (_dir, out, _) =
        xlsx(&["scorecard", &month("chats.xlsx"), "--orders", &month("orders.xlsx"), "--month", "2026-10"]);
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(attr(&sheet, "pageSetUpPr", "fitToPage").as_deref(), Some("1"));
    assert_eq!(attr(&sheet, "pageSetup", "orientation").as_deref(), Some("landscape"));
    assert_eq!(attr(&sheet, "pageSetup", "paperSize").as_deref(), Some("9"), "A4");
    // fitToWidth defaults to 1 in OOXML; fitToHeight 0 = as many pages down as needed.
    assert!(matches!(attr(&sheet, "pageSetup", "fitToWidth").as_deref(), None | Some("1")));
    assert_eq!(attr(&sheet, "pageSetup", "fitToHeight").as_deref(), Some("0"));
    let workbook = part(&out, "xl/workbook.xml");
    assert!(workbook.contains(">Scorecard!$1:$2</definedName>"), "title and header repeated: {workbook}");
    // Readable: header labels wrap onto two lines instead of widening the columns, so the
    // sheet's columns add up to less than twice a landscape page (~140 characters).
    let widths: f64 = sheet
        .match_indices("<col ")
        .filter_map(|(i, _)| attr(&sheet[i..], "col", "width"))
        .map(|w| w.parse::<f64>().unwrap())
        .sum();
    assert!(widths < 200.0, "the scorecard's columns are {widths} characters wide");
}

/// A worksheet's XML by its sheet's name.
fn sheet_xml(path: &Path, name: &str) -> String {
    let names = sheet_names(path);
    let i = names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no sheet {name} in {names:?}"));
    part(path, &format!("xl/worksheets/sheet{}.xml", i + 1))
}

/// Each column's width in pixels at 100% (Excel: 7 a character of the stored width), from the
/// sheet's `<col min max width>` elements.
fn column_pixels(sheet: &str) -> Vec<f64> {
    let mut px = Vec::new();
    for (i, _) in sheet.match_indices("<col ") {
        let n = |a| attr(&sheet[i..], "col", a).unwrap().parse::<usize>().unwrap();
        let width: f64 = attr(&sheet[i..], "col", "width").unwrap().parse().unwrap();
        px.extend(std::iter::repeat_n(width * 7.0, n("max") + 1 - n("min")));
    }
    px
}

/// What A4 holds across between the reports' 0.4" margins at 100%, in pixels (96 an inch).
fn page_pixels(sheet: &str) -> f64 {
    let landscape = attr(sheet, "pageSetup", "orientation").as_deref() == Some("landscape");
    (if landscape { 11.69 - 0.8 } else { 8.27 - 0.8 }) * 96.0
}

/// The smallest print scale a sheet needs: fit to its pages across (1 unless given), the
/// columns' width against the page's.
fn print_scale(sheet: &str) -> f64 {
    assert_eq!(attr(sheet, "pageSetUpPr", "fitToPage").as_deref(), Some("1"), "fit to the page's width");
    let across: f64 = attr(sheet, "pageSetup", "fitToWidth").map_or(1.0, |n| n.parse().unwrap());
    (page_pixels(sheet) * across / column_pixels(sheet).iter().sum::<f64>()).min(1.0)
}

/// The attribute `name` of the `<row>` numbered `row` (1-based).
fn row_attr(sheet: &str, row: usize, name: &str) -> Option<String> {
    attr(&sheet[sheet.find(&format!("<row r=\"{row}\""))?..], "row", name)
}

/// Whether the cell `cell` (A1-style) has a style that wraps its text.
fn wraps(path: &Path, sheet: &str, cell: &str) -> bool {
    let at = sheet.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("no cell {cell}"));
    let Some(style) = attr(&sheet[at..], "c", "s") else { return false };
    let styles = part(path, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(style.parse::<usize>().unwrap() + 1).unwrap();
    xf.split("</xf>").next().unwrap().contains("wrapText=\"1\"")
}

#[test]
fn a_long_rules_value_wraps_and_the_sheet_still_prints_at_a_readable_size() {
    // A deep folder as a user's desktop gives it: the command line and the input file's
    // line in Rules run to hundreds of characters.
    let dir = scratch();
    let deep = "客服部 十月 提成 核对 最终版 请勿修改 (team meeting copy) 2026-10".repeat(2);
    let folder = dir.path().join(&deep).join(&deep);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(fx("month/orders.xlsx"), folder.join("orders.xlsx")).unwrap();
    let input = format!("{deep}/{deep}/orders.xlsx");
    let out = format!("{deep}/{deep}/提成.xlsx");
    let r = run_in(dir.path(), &["commission", &input, "--month", "2026-10", "--lang", "en", "-o", &out]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = dir.path().join(&out);
    let rules = rows(&out, "Rules");
    let command = rules.iter().position(|r| r[0] == "Command").expect("the command's row");
    assert!(rules[command][1].chars().count() > 300, "{:?}", rules[command]);

    let sheet = sheet_xml(&out, "Rules");
    // Printed one page wide at 80% or more (before: the command ran on over empty columns and
    // the page shrank to fit it).
    assert!(matches!(attr(&sheet, "pageSetup", "fitToWidth").as_deref(), None | Some("1")), "{sheet}");
    let scale = print_scale(&sheet);
    assert!(scale >= 0.8, "the Rules sheet prints at {:.0}%: {:?}", scale * 100.0, column_pixels(&sheet));
    assert_eq!(attr(&sheet, "pageSetup", "orientation").as_deref(), Some("portrait"));
    // The long values wrap in their columns, in rows tall enough for their lines.
    let row = command + 1;
    assert!(wraps(&out, &sheet, &format!("B{row}")), "the command wraps");
    let input_row = rules.iter().position(|r| r[0].starts_with("Input file")).unwrap() + 1;
    assert!(wraps(&out, &sheet, &format!("A{input_row}")), "the input file's path wraps");
    let height: f64 = row_attr(&sheet, row, "ht").expect("the command's row height").parse().unwrap();
    assert!(height >= 15.0 * 5.0, "{height} points for the command's lines");
    assert_eq!(row_attr(&sheet, row + 1, "ht"), None, "a one-line row keeps the default height");
}

#[test]
fn a_long_note_wraps_in_the_title_row_instead_of_widening_the_page() {
    let dir = scratch();
    for d in ["01", "02", "03"] {
        let (chats, orders) = (fx(&format!("history/chats_10{d}.csv")), fx(&format!("history/orders_10{d}.csv")));
        let day = format!("2026-10-{d}");
        let args = ["daily", &chats, "--orders", &orders, "--day", &day, "--history", "h.db", "--lang", "en"];
        let r = run_in(dir.path(), &[&args[..], &["-o", "d.xlsx"]].concat());
        assert_eq!(r.code, Some(0), "{}", r.stderr);
    }
    let out = dir.path().join("d.xlsx");
    let title = &rows(&out, "Comparison")[0][0];
    assert!(title.contains(" — This period is the report's own figures") && title.chars().count() > 400, "{title}");
    let sheet = sheet_xml(&out, "Comparison");
    let scale = print_scale(&sheet);
    assert!(scale >= 0.8, "the comparison prints at {:.0}%", scale * 100.0);
    // The title merged across the table's width and wrapped there, its row tall enough.
    let merged = attr(&sheet, "mergeCell", "ref").expect("the title merged");
    let last = merged.strip_prefix("A1:").and_then(|r| r.strip_suffix('1')).expect("A1:…1");
    assert_eq!(last.len(), 1, "{merged}");
    let across = usize::from(last.as_bytes()[0] - b'A') + 1;
    let columns = column_pixels(&sheet);
    let px: f64 = (0..across).map(|c| columns.get(c).copied().unwrap_or(64.0)).sum();
    assert!(across >= columns.len() && px <= page_pixels(&sheet), "{merged}: {px} px");
    assert!(wraps(&out, &sheet, "A1"));
    let height: f64 = row_attr(&sheet, 1, "ht").unwrap().parse().unwrap();
    assert!(height >= 21.0 + 18.0 * 3.0, "{height} points for the title's lines");
}

#[test]
fn the_rules_sheet_shows_paths_as_given_and_no_keyword_lists() {
    let dir = scratch();
    std::fs::copy(fx("lost/chats.csv"), dir.path().join("chats.csv")).unwrap();
    std::fs::copy(fx("lost/orders.csv"), dir.path().join("orders.csv")).unwrap();
    let r = run_in(dir.path(), &["lost", "chats.csv", "--orders", "orders.csv", "--lang", "en", "-o", "lost.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = dir.path().join("lost.xlsx");
    let rules = rows(&out, "Rules");
    let cells: Vec<&String> = rules.iter().flatten().collect();
    let here = dir.path().canonicalize().unwrap().to_string_lossy().into_owned();
    assert!(cells.iter().all(|c| !c.contains(&here) && !c.contains(&*dir.path().to_string_lossy())), "{rules:?}");
    assert!(cells.iter().any(|c| c.as_str() == "Input file chats.csv"), "the file as given: {rules:?}");
    // The default categories' keywords (包邮 in 运费/不包邮) are on their own sheet, not in Rules.
    assert!(cells.iter().all(|c| !c.contains("包邮 运费")), "{rules:?}");
    let keywords = rows(&out, "Reason keywords");
    assert!(keywords.iter().any(|r| r[0] == "postage" && r[2].contains("包邮")), "{keywords:?}");

    // Commission's Rules: the settings in force without the lost keywords or scoring table.
    let (_dir, out, _) = taobao_commission();
    let rules = rows(&out, "Rules");
    assert!(rules.iter().flatten().all(|c| !c.contains("keywords") && !c.contains("[scorecard")), "{rules:?}");
    assert!(rules.iter().flatten().any(|c| c.contains("[commission")), "{rules:?}");
}

// ---- 11. Schedule -----------------------------------------------------------------------------

#[test]
fn the_schedule_opens_on_the_flagged_hours_and_shows_who_is_missing() {
    let sch = |f: &str| fx(&format!("schedule/{f}"));
    let (_dir, out, _) = xlsx(&[
        "schedule",
        &sch("schedule.csv"),
        "--chats",
        &sch("chats.csv"),
        "--config",
        &sch("shifts.toml"),
        "--month",
        "2026-10",
    ]);
    assert_eq!(sheet_names(&out)[..4], ["Flagged hours", "Buyers per agent", "Receptions", "On duty"]);
    let flags = rows(&out, "Flagged hours");
    assert!(flags[0][0].starts_with("Schedule coverage · Flagged hours · 2026-10-01 – 2026-10-31 — "));
    assert!(flags[0][0].contains("means over the period's days of that weekday"), "{}", flags[0][0]);
    // EXPECTED.md: Tue 02, 1 reception / 4 Tuesdays = 0.25, nobody on duty → unstaffed.
    assert_eq!(flags[2][..3], ["Tue", "02:00-03:00", "0.25"]);
    let heat = rows(&out, "Buyers per agent");
    assert!(heat[0][0].contains("each cell is the mean over the period's days of that weekday"));
    // Row 3 Mon, row 4 Tue; column A the weekday, B hour 00, D hour 02.
    assert_eq!(heat[3][0], "Tue");
    assert_eq!(heat[3][3], "nobody", "the gap shows, not a blank");
    assert_eq!(heat[3][2], "", "no buyers at 01 on Tuesdays and nobody on duty: blank");
}

#[test]
fn a_schedule_without_shifts_says_to_add_them() {
    let sch = |f: &str| fx(&format!("schedule/{f}"));
    let (_dir, out, stderr) = xlsx(&["schedule", &sch("schedule.csv"), "--chats", &sch("chats.csv")]);
    assert!(stderr.contains("no [shifts] in the config"), "{stderr}");
    assert!(stderr.contains("under [shifts] in cs-tools.toml"), "{stderr}");
    assert!(rows(&out, "Flagged hours")[0][0].contains("no [shifts] in the config"));
    let rules = rows(&out, "Rules");
    assert!(rules.iter().any(|r| r[0] == "Shifts" && r[1].starts_with("no [shifts]")), "{rules:?}");
}
