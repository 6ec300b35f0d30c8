//! Writes a large synthetic month of exports for benchmarks, deterministic by seed:
//!
//! ```sh
//! cargo run --release --example gen_month -- --orders 1000000 --messages 10000000 --out bench-data
//! ```
//!
//! Files, in the fixtures' formats: `orders.xlsx` (千牛 style: title rows, text ids, Excel
//! date cells, 无退款申请), `orders_gbk.csv` (Taobao ExportOrderList style: GBK, `="…"` ids),
//! `chats.csv` (message log, UTF-8) and `chats.xlsx` (the same messages, one sheet per
//! million rows, Excel's limit), `schedule.csv` (a 排班表 of the twelve agents) with `shifts.toml`.
//!
//! With `--split`, each conversation goes to one of `chats.csv`, `chats.xlsx` and a 千牛
//! text export `chats.txt` instead (a month of a shop that exports chats three ways);
//! `--buyers N` sets how many buyers there are (fewer: more of them chat and order).
//! `--shop NAME` names the shop of the agents' sub-accounts (`NAME:小王`; default 木子家居旗舰店):
//! three runs with three shops and seeds make a month of a team serving three shops.

use anyhow::{Context, bail};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const AGENTS: &[&str] =
    &["小王", "东东", "阿杰", "小美", "婷婷", "大刘", "阿May", "晨晨", "小李", "佳佳", "木木", "七七"];
const BUYER_LINES: &[&str] = &[
    "在吗",
    "这个有货吗",
    "能便宜点吗",
    "包邮吗",
    "什么时候发货",
    "身高165体重50穿什么码",
    "有优惠券吗",
    "质量怎么样",
    "颜色和图片一样吗",
    "好的我考虑一下",
    "顺丰可以吗",
    "好的 拍了",
];
const AGENT_LINES: &[&str] = &[
    "亲，在的，有什么可以帮您",
    "有现货的亲",
    "已经是活动价了哦",
    "满99包邮",
    "今天下单明天发货",
    "建议M码",
    "[自动回复]您好，欢迎光临木子家居旗舰店",
    "感谢支持",
];

struct Args {
    orders: u64,
    messages: u64,
    out: PathBuf,
    seed: u64,
    buyers: u64,
    split: bool,
    shop: String,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        orders: 100_000,
        messages: 1_000_000,
        out: PathBuf::from("bench-data"),
        seed: 20261001,
        buyers: 400_000,
        split: false,
        shop: "木子家居旗舰店".to_string(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--split" {
            args.split = true;
            continue;
        }
        let value = it.next().unwrap_or_default();
        let number = |v: &str| v.parse().with_context(|| format!("{flag} takes a whole number, not {v:?}"));
        match flag.as_str() {
            "--orders" => args.orders = number(&value)?,
            "--messages" => args.messages = number(&value)?,
            "--out" => args.out = PathBuf::from(value),
            "--seed" => args.seed = number(&value)?,
            "--buyers" => args.buyers = number(&value)?,
            "--shop" => args.shop = value,
            other => {
                bail!(
                    "unknown option {other}: --orders N --messages N --out DIR --seed N --buyers N --shop NAME --split"
                )
            }
        }
    }
    Ok(args)
}

impl Args {
    /// Where order ids start past the default shop's: 0 for it, else by the shop's name.
    fn id_offset(&self) -> u64 {
        if self.shop == "木子家居旗舰店" {
            return 0;
        }
        let h = self.shop.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
        (1 + h % 89) * 100_000_000_000
    }
}

/// One order, shared by the xlsx and CSV writers.
struct Order {
    id: String,
    buyer: String,
    status: &'static str,
    paid: u64, // fen
    refund: Option<u64>,
    created: u64, // seconds into October 2026
    paid_after: Option<u64>,
    agent: Option<&'static str>,
    memo: String,
    postage: u64,
}

/// The start and buyer of every conversation: a share of the orders follow one.
fn conversation_starts(args: &Args) -> Vec<(u64, String)> {
    let mut starts: Vec<(u64, String)> = Vec::new();
    let mut last_buyer = String::new();
    let mut last_t = u64::MAX;
    messages(args, None, |t, _, buyer, from_agent, _| {
        // A conversation's first message is the buyer's, later than the one before it or
        // from another buyer.
        if !from_agent && (buyer != last_buyer || t < last_t) {
            starts.push((t, buyer.to_string()));
        }
        last_buyer = buyer.to_string();
        last_t = t;
    });
    starts
}

fn order(rng: &mut Rng, i: u64, args: &Args, chats: &[(u64, String)]) -> Order {
    let (buyers, id_offset) = (args.buyers, args.id_offset());
    // About 40% of orders follow a chat within two hours (chat attribution finds them).
    let after_chat = (!chats.is_empty() && rng.below(10) < 4).then(|| &chats[rng.below(chats.len() as u64) as usize]);
    let created = match after_chat {
        Some((t, _)) => (t + 120 + rng.below(7_200)).min(31 * 86_400 - 1),
        None => rng.below(31 * 86_400),
    };
    let roll = rng.below(100);
    let (status, paid_after, refund) = match roll {
        0..=4 => ("等待买家付款", None, None),
        5..=7 => ("交易关闭", Some(60 + rng.below(600)), None),
        8..=12 => ("交易成功", Some(30 + rng.below(300)), Some(1)),
        _ => ("交易成功", Some(30 + rng.below(600)), None),
    };
    let paid = 990 + rng.below(60_000);
    let agent = (after_chat.is_none() && rng.below(3) == 0).then(|| AGENTS[rng.below(AGENTS.len() as u64) as usize]);
    let memo = if agent.is_none() && after_chat.is_none() && rng.below(2) == 0 {
        format!("{} 已核对地址", AGENTS[rng.below(AGENTS.len() as u64) as usize])
    } else {
        String::new()
    };
    Order {
        // Another shop's ids (`--shop`) lie apart from the default shop's: orders of two shops
        // never share an id.
        id: format!("38640{:014}", i * 7 + 1_000_000 + id_offset),
        buyer: match after_chat {
            Some((_, buyer)) => buyer.clone(),
            None => format!("tb_{:07}", rng.below(buyers)),
        },
        status,
        paid,
        refund: refund.map(|_| paid / 2),
        created,
        paid_after,
        agent,
        memo,
        postage: if rng.below(4) == 0 { 1000 } else { 0 },
    }
}

/// Excel serial of a moment in October 2026 (2026-10-01 is serial 46296).
fn serial(secs: u64) -> f64 {
    46296.0 + secs as f64 / 86_400.0
}

fn text_time(secs: u64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    (start + chrono::Duration::seconds(secs as i64)).format("%Y-%m-%d %H:%M:%S").to_string()
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn write_orders_xlsx(args: &Args, chats: &[(u64, String)]) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("订单报表")?;
    sheet.write_string(0, 0, "2026年10月订单报表")?;
    sheet.write_string(1, 0, "导出时间: 2026-11-01 08:00")?;
    let header = [
        "订单编号",
        "买家昵称",
        "订单状态",
        "实付金额(元)",
        "退款状态",
        "退款金额(元)",
        "下单时间",
        "付款时间",
        "客服",
        "商家备注",
        "邮费(元)",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(3, c as u16, *h)?;
    }
    let mut rng = Rng(args.seed);
    for i in 0..args.orders {
        let o = order(&mut rng, i, args, chats);
        let r = (i + 4) as u32;
        sheet.write_string(r, 0, &o.id)?;
        sheet.write_string(r, 1, &o.buyer)?;
        sheet.write_string(r, 2, o.status)?;
        sheet.write_number(r, 3, o.paid as f64 / 100.0)?;
        sheet.write_string(r, 4, if o.refund.is_some() { "退款成功" } else { "无退款申请" })?;
        match o.refund {
            Some(f) => sheet.write_number(r, 5, f as f64 / 100.0)?,
            None => sheet.write_string(r, 5, "无退款申请")?,
        };
        sheet.write_number_with_format(r, 6, serial(o.created), &date)?;
        if let Some(after) = o.paid_after {
            sheet.write_number_with_format(r, 7, serial(o.created + after), &date)?;
        }
        if let Some(a) = o.agent {
            sheet.write_string(r, 8, format!("{}:{a}", args.shop))?;
        }
        if !o.memo.is_empty() {
            sheet.write_string(r, 9, &o.memo)?;
        }
        sheet.write_number(r, 10, o.postage as f64 / 100.0)?;
    }
    book.save(args.out.join("orders.xlsx"))
}

fn write_orders_csv(args: &Args, chats: &[(u64, String)]) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(args.out.join("orders_gbk.csv"))?);
    let mut line = String::from(
        "订单编号,买家会员名,买家应付邮费,总金额,买家实际支付金额,订单状态,订单创建时间,订单付款时间 ,商家备注,退款金额\r\n",
    );
    let mut rng = Rng(args.seed);
    for i in 0..args.orders {
        let o = order(&mut rng, i, args, chats);
        line.push_str(&format!(
            "=\"{}\",{},{},{},{},{},{},{},{},{}\r\n",
            o.id,
            o.buyer,
            yuan(o.postage),
            yuan(o.paid + 500),
            yuan(o.paid),
            o.status,
            text_time(o.created),
            o.paid_after.map(|a| text_time(o.created + a)).unwrap_or_default(),
            o.agent.map(|a| format!("{a} 跟进")).unwrap_or(o.memo),
            o.refund.map(yuan).unwrap_or_else(|| "0.00".into()),
        ));
        if line.len() > 1 << 20 {
            out.write_all(&encoding_rs::GBK.encode(&line).0)?;
            line.clear();
        }
    }
    out.write_all(&encoding_rs::GBK.encode(&line).0)?;
    out.flush()
}

/// Which of the three chat files a conversation goes to: with `--split`, each its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ChatFile {
    Csv,
    Xlsx,
    Txt,
}

/// Messages in conversations: a buyer, an agent, a day; alternating turns. `only` keeps the
/// conversations of one file when splitting.
fn messages(args: &Args, only: Option<ChatFile>, mut emit: impl FnMut(u64, &str, &str, bool, &str)) {
    let mut rng = Rng(args.seed ^ 0x9E37_79B9_7F4A_7C15);
    let mut written = 0;
    let mut conversation: u64 = 0;
    while written < args.messages {
        let file = [ChatFile::Csv, ChatFile::Xlsx, ChatFile::Txt][(conversation % 3) as usize];
        conversation += 1;
        let keep = !args.split || only.is_none_or(|o| o == file);
        let mut emit_kept = |t: u64, agent: &str, buyer: &str, from_agent: bool, text: &str| {
            if keep {
                emit(t, agent, buyer, from_agent, text)
            }
        };
        let agent = AGENTS[rng.below(AGENTS.len() as u64) as usize];
        let buyer = format!("tb_{:07}", rng.below(args.buyers));
        let mut t = rng.below(31 * 86_400 - 7_200);
        let len = 2 + rng.below(14);
        for k in 0..len.min(args.messages - written) {
            let from_agent = k % 2 == 1;
            let text = if from_agent {
                AGENT_LINES[rng.below(AGENT_LINES.len() as u64) as usize]
            } else {
                BUYER_LINES[rng.below(BUYER_LINES.len() as u64) as usize]
            };
            emit_kept(t, agent, &buyer, from_agent, text);
            t += 5 + rng.below(240);
            written += 1;
        }
    }
}

/// `schedule.csv`, a 排班表 as leads keep it (title row, 姓名 then one column per day, a
/// shift code per cell, 休 for a day off), and `shifts.toml` with the codes' hours.
fn write_schedule(args: &Args) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(args.out.join("schedule.csv"))?);
    writeln!(out, "2026年10月客服排班表\n")?;
    write!(out, "姓名")?;
    for day in 1..=31 {
        write!(out, ",10月{day}号")?;
    }
    writeln!(out)?;
    let mut rng = Rng(args.seed ^ 0x5CED);
    for agent in AGENTS {
        write!(out, "{agent}")?;
        for _ in 1..=31 {
            write!(out, ",{}", ["A", "B", "C", "A", "C", "休"][rng.below(6) as usize])?;
        }
        writeln!(out)?;
    }
    std::fs::write(
        args.out.join("shifts.toml"),
        "[shifts]\nA = [\"08:30-17:00\"]\nB = [\"11:30-15:30\", \"19:00-22:00\"]\nC = [\"16:00-24:00\"]\n",
    )
}

fn write_chats_csv(args: &Args) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(args.out.join("chats.csv"))?);
    out.write_all("时间,客服,买家,发送方,内容\n".as_bytes())?;
    let mut result = Ok(());
    messages(args, Some(ChatFile::Csv), |t, agent, buyer, from_agent, text| {
        if result.is_ok() {
            result = writeln!(
                out,
                "{},{}:{agent},{buyer},{},{text}",
                text_time(t),
                args.shop,
                if from_agent { "客服" } else { "买家" }
            );
        }
    });
    result?;
    out.flush()
}

fn write_chats_xlsx(args: &Args) -> Result<(), XlsxError> {
    const ROWS_PER_SHEET: u64 = 1_000_000;
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let header = ["时间", "客服", "买家", "发送方", "内容"];
    let sheets = args.messages.div_ceil(ROWS_PER_SHEET).max(1);
    for s in 0..sheets {
        let sheet = book.add_worksheet_with_constant_memory()?;
        sheet.set_name(format!("聊天记录{}", s + 1))?;
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h)?;
        }
    }
    let mut n: u64 = 0;
    let mut result = Ok(());
    messages(args, Some(ChatFile::Xlsx), |t, agent, buyer, from_agent, text| {
        if result.is_err() {
            return;
        }
        let sheet = match book.worksheet_from_index((n / ROWS_PER_SHEET) as usize) {
            Ok(s) => s,
            Err(e) => {
                result = Err(e);
                return;
            }
        };
        let r = (n % ROWS_PER_SHEET + 1) as u32;
        result = sheet
            .write_number_with_format(r, 0, serial(t), &date)
            .and_then(|s| s.write_string(r, 1, format!("{}:{agent}", args.shop)))
            .and_then(|s| s.write_string(r, 2, buyer))
            .and_then(|s| s.write_string(r, 3, if from_agent { "客服" } else { "买家" }))
            .and_then(|s| s.write_string(r, 4, text))
            .map(|_| ());
        n += 1;
    });
    result?;
    book.save(args.out.join("chats.xlsx"))
}

/// The 千牛 text export: `店铺:客服 time` or `buyer time`, then the message.
fn write_chats_txt(args: &Args) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(args.out.join("chats.txt"))?);
    let mut result = Ok(());
    messages(args, Some(ChatFile::Txt), |t, agent, buyer, from_agent, text| {
        if result.is_ok() {
            let sender = if from_agent { format!("{}:{agent}", args.shop) } else { buyer.to_string() };
            result = writeln!(out, "{sender} {}\n{text}", text_time(t));
        }
    });
    result?;
    out.flush()
}

// A generator for benchmarks: anyhow's chain says which file failed and why, which is all
// its user needs; the product's own errors are typed (src/error.rs).
fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let out = args.out.display();
    std::fs::create_dir_all(&args.out).with_context(|| format!("creating {out}"))?;
    let chats = conversation_starts(&args);
    write_orders_xlsx(&args, &chats).with_context(|| format!("writing the order workbook in {out}"))?;
    write_orders_csv(&args, &chats).with_context(|| format!("writing the order CSV in {out}"))?;
    write_chats_csv(&args).with_context(|| format!("writing the chat CSV in {out}"))?;
    write_chats_xlsx(&args).with_context(|| format!("writing the chat workbook in {out}"))?;
    write_schedule(&args).with_context(|| format!("writing the schedule in {out}"))?;
    if args.split {
        write_chats_txt(&args).with_context(|| format!("writing the 千牛 text export in {out}"))?;
    }
    println!("wrote {} orders and {} messages to {}", args.orders, args.messages, args.out.display());
    Ok(())
}
