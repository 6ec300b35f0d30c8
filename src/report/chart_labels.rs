//! Every category of a bar or column chart labelled. rust_xlsxwriter writes no
//! `c:tickLblSkip` for an interval of 1, and then Excel and LibreOffice label every second
//! or third bar when they think the labels crowd: the saved workbook's bar-chart parts get
//! `<c:tickLblSkip val="1"/>` on their category axis. The other parts are copied as they
//! are (no recompression), with the same fixed dates, so a rerun gives the same bytes.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

const CATEGORY_OFFSET: &str = r#"<c:lblOffset val="100"/>"#;
const EVERY_LABEL: &str = r#"<c:tickLblSkip val="1"/>"#;

/// A chart part of a bar or column chart, with its category axis told to label every
/// category; None when the part needs no change.
fn every_label(xml: &str) -> Option<String> {
    let bars = xml.contains("<c:barChart>") && !xml.contains("<c:lineChart>");
    if !bars || xml.contains("<c:tickLblSkip") || !xml.contains(CATEGORY_OFFSET) {
        return None;
    }
    Some(xml.replacen(CATEGORY_OFFSET, &format!("{CATEGORY_OFFSET}{EVERY_LABEL}"), 1))
}

/// Rewrite the workbook at `path` in place with every bar chart's categories labelled.
pub fn label_every_category(path: &Path) -> zip::result::ZipResult<()> {
    let mut archive = ZipArchive::new(File::open(path)?)?;
    let mut changed: Vec<(usize, String)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name()?.to_string();
        if name.starts_with("xl/charts/chart") && name.ends_with(".xml") {
            let mut xml = String::new();
            file.read_to_string(&mut xml)?;
            if let Some(new) = every_label(&xml) {
                changed.push((i, new));
            }
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    let rewritten = path.with_extension("labels.tmp");
    let result = (|| {
        let mut out = ZipWriter::new(File::create(&rewritten)?);
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default());
        for i in 0..archive.len() {
            match changed.iter().find(|(j, _)| *j == i) {
                Some((_, xml)) => {
                    let name = archive.by_index_raw(i)?.name()?.to_string();
                    out.start_file(name, options)?;
                    out.write_all(xml.as_bytes())?;
                }
                None => out.raw_copy_file(archive.by_index_raw(i)?)?,
            }
        }
        out.finish()?;
        Ok(())
    })();
    // Windows refuses to replace a file that is still open: the archive over the original
    // is closed before the rewritten file is renamed over it.
    drop(archive);
    let result = result.and_then(|()| std::fs::rename(&rewritten, path).map_err(Into::into));
    if result.is_err() {
        let _ = std::fs::remove_file(&rewritten);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_chart_gets_every_label_once() {
        let xml = r#"<c:barChart></c:barChart><c:catAx><c:lblOffset val="100"/></c:catAx>"#;
        let new = every_label(xml).expect("changed");
        assert_eq!(new.matches(EVERY_LABEL).count(), 1);
        assert_eq!(every_label(&new), None, "already there");
    }

    #[test]
    fn a_line_chart_is_left_as_it_is() {
        let xml = r#"<c:lineChart></c:lineChart><c:catAx><c:lblOffset val="100"/></c:catAx>"#;
        assert_eq!(every_label(xml), None);
    }
}
