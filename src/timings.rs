//! Where a run's time and memory go, phase by phase, on stderr when `CS_TOOLS_TIMINGS` is
//! set (the benchmark's "where the time goes"): seconds since the first phase mark, the
//! resident memory and its peak so far (Linux). Nothing is printed otherwise.

use std::sync::OnceLock;
use std::time::Instant;

/// Marks the end of a phase of the run.
pub fn phase(name: &str) {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    let Some(start) = START.get_or_init(|| std::env::var_os("CS_TOOLS_TIMINGS").map(|_| Instant::now())) else {
        return;
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |key: &str| {
        let kb = status.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.split_whitespace().next());
        kb.and_then(|kb| kb.parse::<u64>().ok()).map_or_else(|| "-".to_string(), |kb| (kb / 1024).to_string())
    };
    crate::progress::suspend(|| {
        eprintln!(
            "timings: {:8.2} s  {:>5} MB (peak {:>5})  {name}",
            start.elapsed().as_secs_f64(),
            mb("VmRSS:"),
            mb("VmHWM:")
        )
    });
}
