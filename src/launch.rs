//! How the program was started, before the command line is parsed: typed in a terminal, or —
//! on Windows — files dropped on `cs-tools.exe` in Explorer, or the exe double-clicked.
//!
//! Dropped files run the month report over them (`report`), as a lead expects: the config is
//! the `cs-tools.toml` beside the first file (else beside the exe), the report is written
//! beside the first file and its whole path printed. When the console window belongs to
//! cs-tools alone (Explorer opened it), it waits for a key before closing, so the lead can
//! read what happened. `docs/decisions.md` says why.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The command line to parse, and how the run was started.
pub struct Launch {
    pub args: Vec<OsString>,
    /// Files were given without a command: they were dropped on the exe.
    pub dropped: bool,
}

/// The arguments as the shell or Explorer gave them (`*`/`?` expanded on Windows, where no
/// shell does it), turned into a `report` command when they are only files.
pub fn prepare(args: Vec<OsString>) -> Launch {
    let names: Vec<String> = {
        use clap::CommandFactory;
        crate::cli::Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect()
    };
    let files: Vec<&OsString> = args.iter().skip(1).collect();
    let only_files = !files.is_empty()
        && files.iter().all(|a| {
            let text = a.to_string_lossy();
            !text.starts_with('-') && !names.iter().any(|n| *n == text) && Path::new(a).is_file()
        });
    if !only_files {
        return Launch { args, dropped: false };
    }
    // Explorer passes whole paths; a terminal may not: made whole before the working folder
    // moves beside the first file.
    let files: Vec<PathBuf> =
        files.iter().map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| PathBuf::from(f))).collect();
    let mut out = vec![args[0].clone(), OsString::from("report")];
    if let Some(folder) = files[0].parent() {
        let beside_exe = exe_folder().map(|d| d.join("cs-tools.toml")).filter(|c| c.is_file());
        if !folder.join("cs-tools.toml").is_file()
            && let Some(config) = beside_exe
        {
            out.push(OsString::from("--config"));
            out.push(config.into_os_string());
        }
        // The report's default place is the working folder: beside the first file.
        let _ = std::env::set_current_dir(folder);
    }
    out.extend(files.into_iter().map(PathBuf::into_os_string));
    Launch { args: out, dropped: true }
}

fn exe_folder() -> Option<PathBuf> {
    std::env::current_exe().ok()?.parent().map(Path::to_path_buf)
}

/// Started from Explorer, with nothing dropped: what to do, in the lead's language.
pub const USAGE_ZH: &str = "cs-tools：客服提成、询单转化与服务报表\n\
\n\
用法：把本月导出的订单表和聊天记录文件一起拖到 cs-tools.exe 上，\n\
报表（report-年-月.xlsx）会写在第一个文件旁边；设置文件 cs-tools.toml 放在同一文件夹。\n\
\n\
也可以在命令行里运行，例如：\n\
  cs-tools report 订单.xlsx 聊天记录.csv --month 2026-10\n\
  cs-tools commission 订单.xlsx --month last\n\
全部命令：cs-tools --help\n";

/// Whether the console window is cs-tools' own: Explorer opened it for this run and closes it
/// when the run ends. Never on Linux or macOS, where a terminal outlives its programs.
pub fn console_is_its_own() -> bool {
    #[cfg(windows)]
    {
        // Only this process is attached: nobody typed the command in a cmd.exe or PowerShell.
        unsafe extern "system" {
            fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        }
        let mut list = [0u32; 4];
        // SAFETY: the buffer holds `list.len()` process ids, as the call is told.
        let attached = unsafe { GetConsoleProcessList(list.as_mut_ptr(), list.len() as u32) };
        attached == 1
    }
    #[cfg(not(windows))]
    {
        false
    }
}

/// 按任意键退出, when the window would close with the run.
pub fn wait_for_a_key() {
    if !console_is_its_own() {
        return;
    }
    eprint!("\n按任意键退出……");
    #[cfg(windows)]
    {
        unsafe extern "C" {
            fn _getch() -> i32;
        }
        // SAFETY: msvcrt's _getch takes nothing and reads one key from the console.
        let _ = unsafe { _getch() };
    }
}

/// `--lang en` (or `--lang=en`) anywhere on the command line: English; else Chinese.
pub fn language_asked(args: &[OsString]) -> crate::Lang {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let english = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en") || args.contains(&"--lang=en");
    if english { crate::Lang::En } else { crate::Lang::Zh }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_or_an_option_is_never_taken_for_dropped_files() {
        let exe = OsString::from("cs-tools");
        for args in [
            vec![exe.clone()],
            vec![exe.clone(), "report".into(), "Cargo.toml".into()],
            vec![exe.clone(), "--help".into()],
            vec![exe.clone(), "no-such-file.xlsx".into()],
            vec![exe.clone(), "Cargo.toml".into(), "--month".into()],
        ] {
            let launch = prepare(args.clone());
            assert!(!launch.dropped, "{args:?}");
            assert_eq!(launch.args, args);
        }
    }
}
