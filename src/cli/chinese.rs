//! The command line in Chinese: `--help` and the usage errors clap finds, said from the
//! message table (src/messages/cli.rs). The definitions in src/cli.rs stay the one source:
//! their doc comments are the English, as written; here the built command gets the table's
//! Chinese for each text, found by the English it replaces, so a doc comment edited without
//! its table line stays English rather than showing the wrong Chinese (the unit test below
//! finds it).

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// `cmd`, built, with every text a person reads in Chinese. Built first: clap adds `--help`,
/// `--version`, the `help` command and the global `--lang` to each command only when it
/// builds, and decides there whether `--help` has a long form — on the English texts, so the
/// Chinese help has the same layout as the English.
pub(super) fn translate(cmd: &mut Command) {
    cmd.build();
    command(cmd, &[]);
}

/// The Chinese text of the table line `cli.<path>.<name>` whose English is `english`, the
/// most specific first (`cli.history.list.config`, `cli.history.config`, `cli.config`):
/// a text shared by several commands is one line.
fn find(path: &[&str], name: &str, english: &str) -> Option<&'static str> {
    let prefixes = (0..=path.len()).rev().map(|n| path[..n].to_vec());
    // Last, the command by its name alone: the `help` of `history` is the `help` of all.
    let own = path.last().map(|last| vec![*last]);
    prefixes.chain(own).find_map(|p| {
        let key = p.iter().map(|s| format!("{s}.")).collect::<String>() + name;
        entry(&format!("cli.{key}"), english)
    })
}

fn entry(key: &str, english: &str) -> Option<&'static str> {
    // Looked up a few hundred times a run: the table's cli lines by key, once.
    type Lines = std::collections::HashMap<&'static str, (&'static str, &'static str)>;
    static LINES: std::sync::OnceLock<Lines> = std::sync::OnceLock::new();
    let lines = LINES.get_or_init(|| {
        let all = crate::messages::TABLES.iter().flat_map(|t| t.iter());
        all.filter(|(k, ..)| k.starts_with("cli.")).map(|(k, zh, en)| (*k, (*zh, *en))).collect()
    });
    lines.get(key).filter(|(_, en)| *en == english).map(|(zh, _)| *zh)
}

/// A text in Chinese, or as it is when the table has none for it.
fn chinese(path: &[&str], name: &str, english: &StyledStr) -> StyledStr {
    let english = english.to_string();
    find(path, name, &english).map(StyledStr::from).unwrap_or_else(|| english.into())
}

fn command(cmd: &mut Command, path: &[&str]) {
    let mut c = std::mem::take(cmd);
    if let Some(about) = c.get_about().cloned() {
        c = c.about(chinese(path, "about", &about));
    }
    if let Some(about) = c.get_long_about().cloned() {
        c = c.long_about(chinese(path, "long_about", &about));
    }
    if let Some(after) = c.get_after_help().cloned() {
        c = c.after_help(chinese(path, "after_help", &after));
    }
    c = c.mut_args(|a| arg(a, path));
    let layout = template(&c);
    c = c.help_template(layout);
    let is_help = c.get_name() == "help" && !path.is_empty();
    for sub in c.get_subcommands_mut() {
        // The `help` command holds a copy of its siblings: said as they are.
        let mut sub_path: Vec<&str> = if is_help { path[..path.len() - 1].to_vec() } else { path.to_vec() };
        let name = sub.get_name().to_string();
        sub_path.push(&name);
        command(sub, &sub_path);
    }
    *cmd = c;
}

fn arg(a: Arg, path: &[&str]) -> Arg {
    let id = a.get_id().as_str().to_string();
    let help = a.get_help().map(|h| h.to_string());
    let long = a.get_long_help().map(|h| h.to_string());
    // clap's own --help and --version say the same in every command.
    let own = |english: &str| {
        find(path, &id, english).or_else(|| {
            ["flag.help", "flag.help_more", "flag.help_summary", "flag.version"]
                .iter()
                .find_map(|k| entry(&format!("cli.{k}"), english))
        })
    };
    let zh_help = help.as_deref().map(|h| own(h).map(str::to_string).unwrap_or_else(|| h.to_string()));
    let zh_long = long.as_deref().map(|h| own(h).map(str::to_string).unwrap_or_else(|| h.to_string()));

    // `[default: …]` and `[possible values: …]` are clap's words: hidden, and said here.
    let takes_values = a.get_action().takes_values();
    let defaults: Vec<String> = if takes_values && !a.is_hide_default_value_set() {
        a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect()
    } else {
        Vec::new()
    };
    let values: Vec<clap::builder::PossibleValue> = if a.is_hide_possible_values_set() {
        Vec::new()
    } else {
        a.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect()
    };
    let mut a = a;
    if defaults.is_empty() && values.is_empty() {
        if let Some(h) = zh_help {
            a = a.help(h);
        }
        if let Some(h) = zh_long {
            a = a.long_help(h);
        }
        return a;
    }
    let default = (!defaults.is_empty()).then(|| msg!("cli.help.default", value = defaults.join(" ")));
    let names = values.iter().map(|v| v.get_name().to_string()).collect::<Vec<_>>().join(", ");
    let list = (!values.is_empty()).then(|| msg!("cli.help.possible_values", values = names));
    let text = zh_help.unwrap_or_default();
    // Short help: all on one line, as clap does.
    let short = [Some(text.clone()), default.clone(), list.clone()].into_iter().flatten().filter(|s| !s.is_empty());
    a = a.help(short.collect::<Vec<_>>().join(" ")).hide_default_value(true).hide_possible_values(true);
    // Long help (`--help` where a command has one): each value with its help when any has one,
    // else the brackets on lines of their own, as clap does.
    let mut long = zh_long.unwrap_or(text);
    if values.iter().any(|v| v.get_help().is_some()) {
        let width = values.iter().map(|v| v.get_name().chars().count()).max().unwrap_or(0);
        long.push_str("\n\n");
        long.push_str(&msg!("cli.help.possible_values_heading"));
        for v in &values {
            let name = v.get_name();
            long.push_str(&format!("\n- {name}"));
            if let Some(help) = v.get_help() {
                let pad = " ".repeat(width - name.chars().count());
                long.push_str(&format!("：{pad}{}", chinese(path, &format!("{id}.{name}"), help)));
            }
        }
        if let Some(d) = default {
            long.push_str(&format!("\n\n{d}"));
        }
    } else {
        let brackets: Vec<String> = [default, list].into_iter().flatten().collect();
        long.push_str("\n\n");
        long.push_str(&brackets.join("\n"));
    }
    a.long_help(long)
}

/// clap's help layout with Chinese headings (clap writes its own in English); only the
/// sections the command has.
fn template(c: &Command) -> String {
    let styles = c.get_styles();
    let (u, h) = (styles.get_usage(), styles.get_header());
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{u}{}{u:#}{{usage}}", msg!("cli.help.usage"));
    let mut section = |heading: String, tag: &str| {
        t.push_str(&format!("\n\n{h}{heading}{h:#}\n{{{tag}}}"));
    };
    if c.get_subcommands().any(|s| !s.is_hide_set()) {
        section(msg!("cli.help.commands"), "subcommands");
    }
    if c.get_positionals().any(|a| !a.is_hide_set()) {
        section(msg!("cli.help.arguments"), "positionals");
    }
    if c.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        section(msg!("cli.help.options"), "options");
    }
    t.push_str("{after-help}");
    t
}

/// A usage error (exit 2) in Chinese: clap's message from what it found (the kind and its
/// context), then the tip, the usage line and where to read more, laid out as clap does.
pub(super) fn error(e: &clap::Error) -> String {
    let Some(main) = main_line(e) else { return raw(e) };
    let mut out = format!("{}{main}", msg!("cli.err.error"));
    let mut tips = Vec::new();
    if let Some(ContextValue::Strings(names)) = e.get(ContextKind::SuggestedSubcommand) {
        match names.as_slice() {
            [] => {}
            [one] => tips.push(msg!("cli.err.tip_command", name = one)),
            many => tips.push(msg!("cli.err.tip_commands", names = quoted(many))),
        }
    }
    if let Some(ContextValue::String(name)) = e.get(ContextKind::SuggestedArg) {
        tips.push(msg!("cli.err.tip_arg", name = name));
    }
    if let Some(ContextValue::String(value)) = e.get(ContextKind::SuggestedValue) {
        tips.push(msg!("cli.err.tip_value", value = value));
    }
    if let Some(ContextValue::StyledStrs(said)) = e.get(ContextKind::Suggested) {
        tips.extend(said.iter().map(|s| msg!("cli.err.tip", tip = suggestion(&s.to_string()))));
    }
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("\n  {tip}"));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        out.push_str(&format!("\n\n{}", usage_line(&usage.to_string())));
    }
    out.push_str(&format!("\n\n{}\n", msg!("cli.err.more")));
    out
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join("、")
}

fn usage_line(usage: &str) -> String {
    match usage.strip_prefix("Usage: ") {
        Some(rest) => format!("{}{rest}", msg!("cli.help.usage")),
        None => usage.to_string(),
    }
}

/// clap's tips are English sentences of a few shapes; one of another shape is kept as
/// technical detail.
fn suggestion(tip: &str) -> String {
    let between = |s: &str, start: &str, end: &str| s.strip_prefix(start)?.strip_suffix(end).map(str::to_string);
    if let Some(rest) = between(tip, "to pass '", "'")
        && let Some((value, written)) = rest.split_once("' as a value, use '")
    {
        return msg!("cli.err.tip_as_value", value = value, written = written);
    }
    if let Some(rest) = between(tip, "subcommand '", "' before it")
        && let Some((name, _)) = rest.split_once("' exists; to use it, remove the '")
    {
        return msg!("cli.err.tip_double_dash", name = name);
    }
    if let Some(written) = between(tip, "'", "' exists") {
        return msg!("cli.err.tip_exists", written = written);
    }
    crate::messages::technical(tip)
}

/// What went wrong, from the error's context; None for an error clap made without one.
fn main_line(e: &clap::Error) -> Option<String> {
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let strings = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::Strings(s)) => Some(s.clone()),
        _ => None,
    };
    let number = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let list = |key: &str, values: Option<Vec<String>>| match values {
        Some(v) if !v.is_empty() => {
            let values = v.join(", ");
            format!(
                "\n  {}",
                if key == "values" {
                    msg!("cli.err.values", values = values)
                } else {
                    msg!("cli.err.commands", values = values)
                }
            )
        }
        _ => String::new(),
    };
    Some(match e.kind() {
        ErrorKind::UnknownArgument => msg!("cli.err.unknown_arg", arg = text(ContextKind::InvalidArg)?),
        ErrorKind::InvalidSubcommand => msg!("cli.err.unknown_command", name = text(ContextKind::InvalidSubcommand)?),
        ErrorKind::InvalidValue => {
            let (arg, value) = (text(ContextKind::InvalidArg)?, text(ContextKind::InvalidValue)?);
            let line = if value.is_empty() {
                msg!("cli.err.no_value", arg = arg)
            } else {
                msg!("cli.err.bad_value", arg = arg, value = value)
            };
            line + &list("values", strings(ContextKind::ValidValue))
        }
        ErrorKind::ValueValidation => {
            let (arg, value) = (text(ContextKind::InvalidArg)?, text(ContextKind::InvalidValue)?);
            let line = msg!("cli.err.bad_value", arg = arg, value = value);
            match std::error::Error::source(e) {
                // The parsers of src/cli.rs say why in the language of messages; clap's own
                // (a number out of range) in English.
                Some(why) if ours(&why.to_string()) => msg!("cli.err.bad_value_why", line = line, why = why),
                Some(why) => format!("{line}{}", crate::messages::technical(why)),
                None => line,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let args = strings(ContextKind::InvalidArg)?;
            let mut line = msg!("cli.err.missing");
            for a in args {
                line.push_str(&format!("\n  {a}"));
            }
            line
        }
        ErrorKind::MissingSubcommand => {
            let name = text(ContextKind::InvalidSubcommand)?;
            msg!("cli.err.no_command", name = name) + &list("commands", strings(ContextKind::ValidSubcommand))
        }
        ErrorKind::ArgumentConflict => {
            let arg = text(ContextKind::InvalidArg)?;
            match e.get(ContextKind::PriorArg) {
                Some(ContextValue::String(prior)) if *prior == arg => msg!("cli.err.repeated", arg = arg),
                Some(ContextValue::String(prior)) => msg!("cli.err.conflict", arg = arg, other = prior),
                Some(ContextValue::Strings(prior)) => {
                    let mut line = msg!("cli.err.conflict_many", arg = arg);
                    for p in prior {
                        line.push_str(&format!("\n  {p}"));
                    }
                    line
                }
                _ => msg!("cli.err.conflict_other", arg = arg),
            }
        }
        ErrorKind::TooManyValues => msg!(
            "cli.err.too_many_values",
            arg = text(ContextKind::InvalidArg)?,
            value = text(ContextKind::InvalidValue)?
        ),
        ErrorKind::TooFewValues => msg!(
            "cli.err.too_few_values",
            arg = text(ContextKind::InvalidArg)?,
            wanted = number(ContextKind::MinValues)?,
            given = number(ContextKind::ActualNumValues)?
        ),
        ErrorKind::WrongNumberOfValues => msg!(
            "cli.err.too_few_values",
            arg = text(ContextKind::InvalidArg)?,
            wanted = number(ContextKind::ExpectedNumValues)?,
            given = number(ContextKind::ActualNumValues)?
        ),
        ErrorKind::NoEquals => msg!("cli.err.no_equals", arg = text(ContextKind::InvalidArg)?),
        ErrorKind::InvalidUtf8 => msg!("cli.err.utf8"),
        _ => return None,
    })
}

/// A message of the value parsers in src/cli.rs (said in Chinese already), not clap's.
fn ours(why: &str) -> bool {
    !why.is_ascii()
}

/// An error clap made from a message alone (src/cli.rs `check`, `settle_output`: the message
/// is in Chinese already): clap's layout with its English words said in Chinese.
fn raw(e: &clap::Error) -> String {
    let english = e.render().to_string();
    let mut out = String::new();
    for (i, line) in english.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == 0
            && let Some(rest) = line.strip_prefix("error: ")
        {
            out.push_str(&msg!("cli.err.error"));
            out.push_str(rest);
        } else if line.starts_with("Usage: ") {
            out.push_str(&usage_line(line));
        } else if line.starts_with("For more information, try ") {
            out.push_str(&msg!("cli.err.more"));
        } else {
            out.push_str(line);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every text of `--help` (abouts, arguments, values) has its Chinese in the table, the
    /// table's English being the doc comment as written.
    #[test]
    fn every_help_text_has_its_chinese() {
        fn walk(english: &Command, chinese: &Command, path: &str, missing: &mut Vec<String>) {
            let texts = |c: &Command| {
                let mut t: Vec<String> = [c.get_about(), c.get_long_about(), c.get_after_help()]
                    .into_iter()
                    .flatten()
                    .map(|s| s.to_string())
                    .collect();
                for a in c.get_arguments() {
                    t.extend(a.get_help().map(|s| s.to_string()));
                    t.extend(a.get_long_help().map(|s| s.to_string()));
                    // Values said by the argument's help once hidden (src/cli/chinese.rs `arg`).
                    if !a.is_hide_possible_values_set() {
                        t.extend(a.get_possible_values().iter().filter_map(|v| v.get_help()).map(|s| s.to_string()));
                    }
                }
                t
            };
            let zh = texts(chinese).join("\n");
            missing
                .extend(texts(english).into_iter().filter(|t| zh.contains(t.as_str())).map(|t| format!("{path}: {t}")));
            for sub in english.get_subcommands() {
                let other = chinese.find_subcommand(sub.get_name()).expect("the same commands");
                walk(sub, other, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut english = crate::Cli::command();
        english.build();
        let mut chinese = crate::Cli::command();
        translate(&mut chinese);
        let mut missing = Vec::new();
        walk(&english, &chinese, "cs-tools", &mut missing);
        assert!(missing.is_empty(), "no Chinese for:\n{}", missing.join("\n"));
    }
}
