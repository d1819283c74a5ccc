//! mixin-codegen benchmark (issue 5): ours vs the naive pipeline on a synthetic corpus.
//!
//! Every measured generation runs in a child process (this binary re-executed with a
//! hidden subcommand), so that its peak memory (VmHWM) is its own.

use mixin_codegen_bench::{corpus, naive, ours};

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const HELP: &str = "\
mixin-codegen-bench: per-stage time and peak memory of mixin-codegen vs a naive pipeline

USAGE:
    cargo run --manifest-path bench/Cargo.toml --release -- [OPTIONS]
    cargo run --manifest-path bench/Cargo.toml --profile build-script -- [OPTIONS]
    mixin-codegen-bench corpus --n N --dir DIR [--seed S]
    mixin-codegen-bench write-cost [--n N] [--reps K]

The `build-script` profile mirrors what cargo gives build.rs and build-dependencies by
default (opt-level 0, no debug info); `--release` is the optimised case.

For each N the bench writes N synthetic guide-sized contracts (4-8 actions, a 10-20 key
config section, 2-4 output models, 2-4 metrics, dependencies; deterministic) to a temporary
directory, then runs ours (mixin_codegen::Builder) and the naive pipeline (serde_yaml ->
quote! -> syn::parse2 -> prettyplease -> write) on the same files, alternating which goes
first, each run in a fresh child process into an empty output directory. After each run of
ours it also reruns ours on the now up-to-date output directory (nothing changed: no file
should be rewritten). It prints markdown tables of medians: per-contract microseconds per
stage (load, parse, validate, emit, format, write), the total (wall time of the whole
generation / N), peak resident memory of the child (VmHWM) and the ratio ours/naive.
Progress goes to stderr, tables to stdout.

OPTIONS:
    --n LIST       comma-separated corpus sizes [default: 1,100,1000,10000]
    --reps K       repetitions per N [default: 5, or 3 for N >= 10000]
    --warmup K     discarded runs of each pipeline before measuring [default: 1, or 0 for N >= 10000]
    --seed S       corpus seed [default: 0x5EED0F0EC0DE]
    --only WHICH   run only `ours` or `naive`
    --keep         keep the temporary directories (their paths are printed)
    -h, --help     print this help

write-cost subcommand: `write-cost [--n N] [--reps K]` (default 1000 and 5): what writing new
files through temporary files costs (the library with and without flushing, and the file system
alone: in place, temporary file + rename, temporary file + flush + rename), µs per file.

corpus subcommand: writes N contracts mixin_synth_00000.yaml ... into DIR and exits.
";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pipeline {
    Ours,
    OursOneJob,
    OursUnchanged,
    Naive,
}

impl Pipeline {
    fn arg(self) -> &'static str {
        match self {
            Pipeline::Ours => "ours",
            Pipeline::OursOneJob => "ours-1-job",
            Pipeline::OursUnchanged => "ours",
            Pipeline::Naive => "naive",
        }
    }
}

/// One child run, times in nanoseconds (summed over contracts), memory in kB.
#[derive(Default, Clone, Debug)]
struct Sample {
    load: f64,
    parse: f64,
    validate: f64,
    emit: f64,
    format: f64,
    reparse: f64,
    write: f64,
    /// total minus the stages: work outside the per-contract stages (directory listing, the
    /// root file, cleanup of stale files, dropping everything).
    other: f64,
    total: f64,
    /// CPU time (user + system) of the child process, all threads.
    cpu: f64,
    files_written: f64,
    files_unchanged: f64,
    vmhwm_kb: f64,
}

const FIELDS: &[&str] = &[
    "load",
    "parse",
    "validate",
    "emit",
    "format",
    "reparse",
    "write",
    "other",
    "total",
    "cpu",
    "files_written",
    "files_unchanged",
    "vmhwm_kb",
];

impl Sample {
    fn get(&self, k: &str) -> f64 {
        match k {
            "load" => self.load,
            "parse" => self.parse,
            "validate" => self.validate,
            "emit" => self.emit,
            "format" => self.format,
            "reparse" => self.reparse,
            "write" => self.write,
            "other" => self.other,
            "total" => self.total,
            "cpu" => self.cpu,
            "files_written" => self.files_written,
            "files_unchanged" => self.files_unchanged,
            "vmhwm_kb" => self.vmhwm_kb,
            _ => f64::NAN,
        }
    }

    fn set(&mut self, k: &str, v: f64) {
        match k {
            "load" => self.load = v,
            "parse" => self.parse = v,
            "validate" => self.validate = v,
            "emit" => self.emit = v,
            "format" => self.format = v,
            "reparse" => self.reparse = v,
            "write" => self.write = v,
            "other" => self.other = v,
            "total" => self.total = v,
            "cpu" => self.cpu = v,
            "files_written" => self.files_written = v,
            "files_unchanged" => self.files_unchanged = v,
            "vmhwm_kb" => self.vmhwm_kb = v,
            _ => {}
        }
    }

    fn to_line(&self) -> String {
        let mut s = String::from("BENCH-RESULT");
        for k in FIELDS {
            let _ = write!(s, " {k}={}", self.get(k));
        }
        s
    }

    fn from_line(line: &str) -> Option<Sample> {
        let rest = line.strip_prefix("BENCH-RESULT")?;
        let mut s = Sample::default();
        for kv in rest.split_whitespace() {
            let (k, v) = kv.split_once('=')?;
            s.set(k, v.parse().ok()?);
        }
        Some(s)
    }

    /// Field-wise median of several samples.
    fn median(samples: &[Sample]) -> Sample {
        let mut m = Sample::default();
        for k in FIELDS {
            let mut v: Vec<f64> = samples.iter().map(|s| s.get(k)).collect();
            m.set(k, median(&mut v));
        }
        m
    }
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn vmhwm_kb() -> f64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(f64::NAN)
}

/// CPU time (user + system) of this process so far, over all its threads, in nanoseconds.
fn cpu_ns() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc == 0 {
        ts.tv_sec as f64 * 1e9 + ts.tv_nsec as f64
    } else {
        f64::NAN
    }
}

/// The hidden child: one generation, one result line on stdout.
fn child(which: &str, input: &Path, out: &Path) -> Result<(), String> {
    let ns = |d: std::time::Duration| d.as_nanos() as f64;
    let mut s = Sample::default();
    let start = Instant::now();
    match which {
        "ours" | "ours-1-job" => {
            let r = ours::generate(input, out, (which == "ours-1-job").then_some(1))?;
            s.total = ns(start.elapsed());
            let t = r.timings;
            s.load = ns(t.load);
            s.parse = ns(t.parse);
            s.validate = ns(t.validate);
            s.emit = ns(t.emit);
            s.format = ns(t.format);
            s.write = ns(t.write);
            s.files_written = r.files_written as f64;
            s.files_unchanged = r.files_unchanged as f64;
        }
        "naive" => {
            let r = naive::generate(input, out)?;
            s.total = ns(start.elapsed());
            let t = r.timings;
            s.load = ns(t.load);
            s.parse = ns(t.parse);
            s.validate = ns(t.validate);
            s.emit = ns(t.emit);
            s.format = ns(t.format());
            s.reparse = ns(t.reparse);
            s.write = ns(t.write);
            s.files_written = r.files_written as f64;
        }
        other => return Err(format!("unknown pipeline {other:?}")),
    }
    // With several threads the stages overlap and their sum is CPU time, not a part of the wall time.
    s.other = if which == "ours" {
        f64::NAN
    } else {
        (s.total - (s.load + s.parse + s.validate + s.emit + s.format + s.write)).max(0.0)
    };
    s.cpu = cpu_ns();
    s.vmhwm_kb = vmhwm_kb();
    println!("{}", s.to_line());
    Ok(())
}

fn run_child(which: Pipeline, input: &Path, out: &Path) -> Result<Sample, String> {
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let output = Command::new(exe)
        .arg("__child")
        .arg(which.arg())
        .arg(input)
        .arg(out)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("spawning child: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!("{which:?} run failed ({}): {stdout}", output.status));
    }
    stdout.lines().find_map(Sample::from_line).ok_or_else(|| format!("{which:?} run printed no result: {stdout}"))
}

struct Opts {
    ns: Vec<usize>,
    reps: Option<usize>,
    warmup: Option<usize>,
    seed: u64,
    only: Option<Pipeline>,
    keep: bool,
}

fn parse_u64(s: &str) -> Result<u64, String> {
    let r = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16),
        None => s.replace('_', "").parse(),
    };
    r.map_err(|e| format!("{s:?}: {e}"))
}

fn parse_opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        ns: vec![1, 100, 1000, 10000],
        reps: None,
        warmup: None,
        seed: corpus::DEFAULT_SEED,
        only: None,
        keep: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--n" => {
                o.ns = val("--n")?
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| parse_u64(s.trim()).map(|n| n as usize))
                    .collect::<Result<_, _>>()?;
            }
            "--reps" => o.reps = Some(parse_u64(&val("--reps")?)?.max(1) as usize),
            "--warmup" => o.warmup = Some(parse_u64(&val("--warmup")?)? as usize),
            "--seed" => o.seed = parse_u64(&val("--seed")?)?,
            "--only" => {
                o.only = Some(match val("--only")?.as_str() {
                    "ours" => Pipeline::Ours,
                    "naive" => Pipeline::Naive,
                    other => return Err(format!("--only takes ours or naive, not {other:?}")),
                })
            }
            "--keep" => o.keep = true,
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    if o.ns.is_empty() || o.ns.contains(&0) {
        return Err("--n needs sizes >= 1".into());
    }
    Ok(o)
}

/// Removes its directory when dropped (unless kept).
struct TempDir {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if self.keep {
            eprintln!("kept {}", self.path.display());
        } else {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn reset_dir(p: &Path) -> Result<(), String> {
    if p.exists() {
        fs::remove_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))
}

struct Row {
    n: usize,
    reps: usize,
    ours: Option<Sample>,
    one_job: Option<Sample>,
    unchanged: Option<Sample>,
    naive: Option<Sample>,
}

fn bench_n(o: &Opts, n: usize) -> Result<Row, String> {
    let tmp = TempDir {
        path: std::env::temp_dir().join(format!("mixin-codegen-bench-{}-{n}", std::process::id())),
        keep: o.keep,
    };
    let input = tmp.path.join("corpus");
    reset_dir(&tmp.path)?;
    let t = Instant::now();
    corpus::write_corpus_seeded(&input, n, o.seed).map_err(|e| format!("writing corpus: {e}"))?;
    eprintln!("N={n}: corpus written in {:.2?} to {}", t.elapsed(), input.display());

    let out_ours = tmp.path.join("out-ours");
    let out_naive = tmp.path.join("out-naive");
    let reps = o.reps.unwrap_or(if n >= 10_000 { 3 } else { 5 });
    let warmup = o.warmup.unwrap_or(if n >= 10_000 { 0 } else { 1 });
    let want = |p: Pipeline| {
        o.only.is_none() || o.only == Some(p) || (p == Pipeline::OursOneJob && o.only == Some(Pipeline::Ours))
    };

    let mut ours = Vec::new();
    let mut one_job = Vec::new();
    let mut unchanged = Vec::new();
    let mut naive_s = Vec::new();
    for r in 0..warmup + reps {
        let measured = r >= warmup;
        // Alternate which pipeline goes first.
        let order = if r % 2 == 0 {
            [Pipeline::Ours, Pipeline::OursOneJob, Pipeline::Naive]
        } else {
            [Pipeline::Naive, Pipeline::OursOneJob, Pipeline::Ours]
        };
        for p in order {
            if !want(p) {
                continue;
            }
            match p {
                Pipeline::Ours => {
                    reset_dir(&out_ours)?;
                    let s = run_child(Pipeline::Ours, &input, &out_ours)?;
                    // Nothing changed since: a build.rs rerun.
                    let u = run_child(Pipeline::OursUnchanged, &input, &out_ours)?;
                    eprintln!(
                        "N={n} rep {r}{}: ours {:.1} ms (peak {:.1} MB), unchanged rerun {:.1} ms ({} files rewritten)",
                        if measured { "" } else { " (warmup)" },
                        s.total / 1e6,
                        s.vmhwm_kb / 1024.0,
                        u.total / 1e6,
                        u.files_written
                    );
                    if measured {
                        ours.push(s);
                        unchanged.push(u);
                    }
                }
                Pipeline::OursUnchanged => unreachable!("the unchanged rerun runs right after ours"),
                Pipeline::OursOneJob | Pipeline::Naive => {
                    let (out, name, samples) = if p == Pipeline::Naive {
                        (&out_naive, "naive", &mut naive_s)
                    } else {
                        (&out_ours, "ours with 1 job", &mut one_job)
                    };
                    reset_dir(out)?;
                    let s = run_child(p, &input, out)?;
                    eprintln!(
                        "N={n} rep {r}{}: {name} {:.1} ms (peak {:.1} MB)",
                        if measured { "" } else { " (warmup)" },
                        s.total / 1e6,
                        s.vmhwm_kb / 1024.0
                    );
                    if measured {
                        samples.push(s);
                    }
                }
            }
        }
    }
    let med = |v: &Vec<Sample>| (!v.is_empty()).then(|| Sample::median(v));
    Ok(Row { n, reps, ours: med(&ours), one_job: med(&one_job), unchanged: med(&unchanged), naive: med(&naive_s) })
}

fn us(total_ns: f64, n: usize) -> String {
    if total_ns.is_nan() {
        return "-".into();
    }
    format!("{:.1}", total_ns / 1e3 / n as f64)
}

fn mb(kb: f64) -> String {
    format!("{:.1}", kb / 1024.0)
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name").map(|v| v.trim_start_matches([' ', '\t', ':']).to_string()))
        })
        .unwrap_or_else(|| "?".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
        .unwrap_or_else(|| "?".into());
    format!("{cores} cores, {cpu}, {mem} RAM")
}

fn report(rows: &[Row], o: &Opts) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Profile: `{}` (opt-level {}, debug-assertions {}); machine: {}; seed {:#x}\n",
        env!("BENCH_PROFILE_DIR"),
        env!("BENCH_OPT_LEVEL"),
        if cfg!(debug_assertions) { "on" } else { "off" },
        machine(),
        o.seed
    );
    let _ = writeln!(
        s,
        "Per contract, microseconds (median of the runs; each stage's median is taken on its own, \
         so stages need not add up to the total, which is the wall time of the whole generation / N; \
         `other` = total minus the six stages, in each run: work outside the per-contract stages, \
         such as listing inputs, the root `mixins.rs` and removing stale files. `ours` runs with the \
         default jobs (one thread per CPU): its stages are summed over threads, so they measure CPU \
         time and `other` does not apply; `ours, 1 job` is the same on one thread. \
         `cpu` = CPU time of the child, all threads, from its start). \
         Peak = VmHWM of the child process.\n"
    );
    let _ = writeln!(
        s,
        "| N | reps | pipeline | load | parse | validate | emit | format | write | other | total | cpu | peak MB |"
    );
    let _ = writeln!(s, "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        for (name, sample) in [
            ("ours", &r.ours),
            ("ours, 1 job", &r.one_job),
            ("ours, unchanged rerun", &r.unchanged),
            ("naive", &r.naive),
        ] {
            let Some(x) = sample else { continue };
            let validate = if name == "naive" { "n/a".to_string() } else { us(x.validate, r.n) };
            let format = if name == "naive" {
                format!("{} ({} syn::parse2)", us(x.format, r.n), us(x.reparse, r.n))
            } else {
                us(x.format, r.n)
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | **{}** | {} | {} |",
                r.n,
                r.reps,
                name,
                us(x.load, r.n),
                us(x.parse, r.n),
                validate,
                us(x.emit, r.n),
                format,
                us(x.write, r.n),
                us(x.other, r.n),
                us(x.total, r.n),
                us(x.cpu, r.n),
                mb(x.vmhwm_kb)
            );
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "| N | ours µs/contract | naive µs/contract | ours/naive | ours 1 job/naive | ours cpu/naive cpu | ours peak MB | naive peak MB | unchanged rerun µs/contract | files rewritten by the rerun |"
    );
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let cell = |x: &Option<Sample>, f: &dyn Fn(&Sample) -> String| x.as_ref().map(f).unwrap_or_else(|| "-".into());
        let ratio = |a: &Option<Sample>, f: fn(&Sample) -> f64| match (a, &r.naive) {
            (Some(a), Some(b)) if !f(a).is_nan() && !f(b).is_nan() => format!("{:.2}", f(a) / f(b)),
            _ => "-".into(),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | **{}** | {} | {} | {} | {} | {} | {} |",
            r.n,
            cell(&r.ours, &|x| us(x.total, r.n)),
            cell(&r.naive, &|x| us(x.total, r.n)),
            ratio(&r.ours, |x| x.total),
            ratio(&r.one_job, |x| x.total),
            ratio(&r.ours, |x| x.cpu),
            cell(&r.ours, &|x| mb(x.vmhwm_kb)),
            cell(&r.naive, &|x| mb(x.vmhwm_kb)),
            cell(&r.unchanged, &|x| us(x.total, r.n)),
            cell(&r.unchanged, &|x| format!("{}", x.files_written)),
        );
    }
    // Linearity: per-contract time of the largest N against the next largest >= 100.
    let big: Vec<&Row> = rows.iter().filter(|r| r.n >= 100).collect();
    if big.len() >= 2 {
        let _ = writeln!(s);
        for pair in big.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let per = |x: &Option<Sample>, n: usize| x.as_ref().map(|x| x.total / n as f64);
            for (name, xa, xb) in [("ours", &a.ours, &b.ours), ("naive", &a.naive, &b.naive)] {
                if let (Some(pa), Some(pb)) = (per(xa, a.n), per(xb, b.n)) {
                    let _ = writeln!(
                        s,
                        "Linearity, {name}: per-contract time at N={} / at N={} = {:.2}",
                        b.n,
                        a.n,
                        pb / pa
                    );
                }
            }
        }
    }
    s
}

fn real_main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            Ok(())
        }
        Some("__child") => {
            let [_, which, input, out] = &args[..] else {
                return Err("usage: __child ours|naive INPUT OUT".into());
            };
            child(which, Path::new(input), Path::new(out))
        }
        Some("write-cost") => {
            let (mut n, mut reps) = (1000usize, 5usize);
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                match a.as_str() {
                    "--n" => n = parse_u64(v)? as usize,
                    "--reps" => reps = parse_u64(v)?.max(1) as usize,
                    other => return Err(format!("unknown argument {other:?} (see --help)")),
                }
            }
            let scratch = std::env::temp_dir().join(format!("mixin-codegen-write-cost-{}", std::process::id()));
            let input = scratch.join("corpus");
            corpus::write_corpus(&input, n).map_err(|e| e.to_string())?;
            let c = mixin_codegen_bench::write_cost::measure(&input, &scratch, reps);
            let _ = fs::remove_dir_all(&scratch);
            let c = c?;
            println!(
                "{} new files, {:.1} KB each; median of {reps} runs, µs per file",
                c.files,
                c.bytes as f64 / c.files as f64 / 1024.0
            );
            println!();
            println!("| way | µs per file |");
            println!("|---|---|");
            println!("| library, write stage, `.sync(true)` (default) | {:.1} |", c.builder_sync);
            println!("| library, write stage, `.sync(false)` | {:.1} |", c.builder_no_sync);
            println!("| file system: in place (create + write) | {:.1} |", c.in_place);
            println!("| file system: temporary file + rename | {:.1} |", c.temp_rename);
            println!("| file system: temporary file + flush + rename | {:.1} |", c.temp_sync_rename);
            Ok(())
        }
        Some("corpus") => {
            let mut n = None;
            let mut dir = None;
            let mut seed = corpus::DEFAULT_SEED;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                match a.as_str() {
                    "--n" => n = Some(parse_u64(v)? as usize),
                    "--dir" => dir = Some(PathBuf::from(v)),
                    "--seed" => seed = parse_u64(v)?,
                    other => return Err(format!("unknown argument {other:?} (see --help)")),
                }
            }
            let (Some(n), Some(dir)) = (n, dir) else {
                return Err("usage: corpus --n N --dir DIR [--seed S]".into());
            };
            corpus::write_corpus_seeded(&dir, n, seed).map_err(|e| e.to_string())?;
            eprintln!("wrote {n} contracts to {}", dir.display());
            Ok(())
        }
        _ => {
            let o = parse_opts(&args)?;
            let mut rows = Vec::new();
            for &n in &o.ns {
                rows.push(bench_n(&o, n)?);
            }
            print!("{}", report(&rows, &o));
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match real_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
