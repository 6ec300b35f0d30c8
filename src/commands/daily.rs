//! `cs-tools daily CHATS… --orders ORDERS… [--day D|yesterday]`: one day's conversion per
//! agent (日报), made for cron: a dated file name, `-q` for silence, exit codes as §2.

use super::inputs::{conversion_for, read_chats_then_orders};
use super::{Outcome, lang, load_config, output_path, print_stdout, read_options};
use crate::cli::{DailyArgs, DayArg, Format};
use crate::compute::agents::AgentDirectory;
use crate::error::Result;
use crate::model::{Period, PeriodKind};
use crate::report::{Report, issues_sheet, text, xlsx};
use chrono::NaiveDate;

pub fn run(args: &DailyArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let directory = AgentDirectory::new(&config.agents);
    let all = read_chats_then_orders(&args.chats, &args.orders, &options, &loaded, &directory, None)?;
    let day = match args.day {
        Some(DayArg::Date(d)) => d,
        Some(DayArg::Yesterday) => today.pred_opt().unwrap_or(today),
        // Without --day: the last day in the chats (by hand, on yesterday's export).
        None => all.receptions.iter().map(|r| r.date).max().unwrap_or(today),
    };
    let (receptions, orders, read) = (&all.receptions, &all.orders, &all.read);
    let agents = all.order_agents();
    let period = Period { from: day, to: day, kind: PeriodKind::Range };
    let (_, result) = conversion_for(receptions, orders, &agents, period, config);

    let lang = lang(&args.output);
    let problems = read.problems.len();
    match args.output.format {
        Format::Json => {
            let mut v = super::conversion::json_summary(&result, period, problems);
            v["command"] = "daily".into();
            for row in v["rows"].as_array_mut().into_iter().flatten() {
                row["date"] = day.to_string().into();
            }
            print_stdout(&format!("{v}\n"));
        }
        Format::Csv | Format::Table => {
            let sheet = super::conversion::summary_sheet(&result, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let files: Vec<_> = args.chats.iter().chain(&args.orders).cloned().collect();
            let path = output_path(&args.output, "daily", &day.format("%Y-%m-%d").to_string(), &files)?;
            let sheets = vec![
                super::conversion::summary_sheet(&result, lang),
                super::conversion::duration_sheet(&result, lang),
                issues_sheet(lang, &read.problems),
            ];
            xlsx::write(&Report { sheets }, &path)?;
            if !args.output.quiet {
                let t = &result.totals;
                print_stdout(&format!(
                    "daily {day}: {} inquiries, {} paid buyers, sales {}\nwrote {}\n",
                    t.inquiries,
                    t.paid_buyers,
                    super::yuan(t.sales),
                    path.display()
                ));
            }
        }
    }
    if problems > 0 && !args.output.quiet {
        eprintln!("{problems} row problem(s): listed in the report's Issues sheet (问题)");
    }
    Ok(Outcome { problems, strict: args.output.strict })
}
