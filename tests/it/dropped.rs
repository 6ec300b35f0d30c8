//! Files dropped on the exe (Explorer starts it with their paths and no command): the month
//! report over them, its config beside the first file, the report written there and its whole
//! path printed — whatever folder the program was started in.

use crate::common::*;
use serde_json::Value;

/// The month fixture's orders and chats, copied into a folder with a Chinese name and a space
/// (as a lead's 客服数据 folder is), with a config beside them.
fn month_folder(root: &std::path::Path) -> std::path::PathBuf {
    let folder = root.join("客服数据").join("10月 报表");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(fx_path("month/orders.xlsx"), folder.join("订单报表.xlsx")).unwrap();
    std::fs::copy(fx_path("month/chats.csv"), folder.join("聊天记录.csv")).unwrap();
    // Flat 5%: the default is 2%, so a config not found would show.
    std::fs::write(folder.join("cs-tools.toml"), "[commission]\nmode = \"flat\"\nrate = 0.05\n").unwrap();
    folder
}

#[test]
fn dropped_files_run_the_report_beside_the_first_file_with_its_config() {
    let root = scratch();
    let folder = month_folder(root.path());
    let (orders, chats) = (folder.join("订单报表.xlsx"), folder.join("聊天记录.csv"));
    let elsewhere = root.path().join("System32");
    std::fs::create_dir_all(&elsewhere).unwrap();

    let r = run_in(&elsewhere, &[orders.as_os_str(), chats.as_os_str()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let report = folder.join("report-2026-10.xlsx");
    assert!(report.is_file(), "the report beside the first file: {:?}", files_in(&folder));
    assert!(files_in(&elsewhere).is_empty(), "nothing written where the program was started");
    assert!(r.stdout.contains(&format!("已写入 {}", report.display())), "its whole path: {}", r.stdout);

    // The same figures as `report` over the same files with that config, typed in a terminal.
    let config = folder.join("cs-tools.toml");
    let typed = run_in(
        &elsewhere,
        &[
            "report".as_ref(),
            orders.as_os_str(),
            chats.as_os_str(),
            "--config".as_ref(),
            config.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ],
    );
    assert_eq!(typed.code, Some(0), "{}", typed.stderr);
    let v: Value = serde_json::from_str(&typed.stdout).unwrap();
    let yuan = |x: f64| {
        let s = format!("{x:.2}");
        let (int, frac) = s.split_once('.').unwrap();
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("¥{grouped}.{frac}")
    };
    let (sales, commission) = (v["totals"]["sales"].as_f64().unwrap(), v["totals"]["commission"].as_f64().unwrap());
    assert!(r.stdout.contains(&format!("销售额 {}，提成 {}", yuan(sales), yuan(commission))), "{}", r.stdout);
    assert_eq!(sales, 171_519.61);
    // The config beside the file was used: 5% is 2.5 times the default 2% (to the cent per agent).
    let default = run_in(
        &elsewhere,
        &["report".as_ref(), orders.as_os_str(), chats.as_os_str(), "--format".as_ref(), "json".as_ref()],
    );
    let at_2 = serde_json::from_str::<Value>(&default.stdout).unwrap()["totals"]["commission"].as_f64().unwrap();
    assert!((commission - 2.5 * at_2).abs() < 0.05, "{commission} at 5% against {at_2} at 2%");
}

#[test]
fn a_file_named_like_nothing_is_still_a_usage_error() {
    let dir = scratch();
    let r = run_in(dir.path(), &["no-such-export.xlsx"]);
    assert_eq!(r.code, Some(2), "not a file and not a command: {}", r.stderr);
    assert!(files_in(dir.path()).is_empty());
}
