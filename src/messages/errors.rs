//! How an error says where it is and what kind it is (src/error.rs), and what the operating
//! system's errors mean (`io_error`).

pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("technical", "（技术信息：{detail}）", "({detail})"),
    ("error.config", "配置文件 {path}：{message}", "config {path}: {message}"),
    ("error.write", "无法写入 {path}：{message}", "cannot write {path}: {message}"),
    (
        "error.reconcile",
        "内部核对未通过：{detail}；没有写入任何文件。请把输入文件发给 cs-tools 的维护者",
        "internal check failed: {detail}; nothing was written. Please report this with the input files",
    ),
    ("error.at_sheet", "{place}，工作表“{sheet}”", "{place}, sheet \"{sheet}\""),
    ("error.at_row", "{place}，第 {row} 行", "{place}, row {row}"),
    ("error.at_column", "{place}，“{column}”列", "{place}, column \"{column}\""),
    (
        "io.not_found",
        "找不到该文件或文件夹：请检查名称和路径。",
        "no such file or folder: check the name and the path.",
    ),
    (
        "io.permission_denied",
        "没有权限：文件可能正被 Excel/WPS 或其他程序打开，或者没有读写该文件夹的权限。",
        "permission denied: the file may be open in Excel/WPS or another program, or the folder is not yours to read or write.",
    ),
    ("io.already_exists", "该文件已存在。", "the file already exists."),
    ("io.invalid_data", "文件内容不完整或已损坏。", "the file is incomplete or damaged."),
    ("io.storage_full", "磁盘已满：请腾出空间后重试。", "the disk is full: free some space and try again."),
    ("io.is_a_directory", "这是一个文件夹，不是文件。", "this is a folder, not a file."),
    ("io.read_only", "磁盘是只读的：请换一个文件夹。", "the disk is read-only: choose another folder."),
    ("io.other", "读写文件时出错。", "the file could not be read or written."),
];
