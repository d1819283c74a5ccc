//! What the write stage's safety costs on a first build (every file new): each file through a
//! temporary file and a rename, with and without a flush to disk, against writing it in place.
//!
//! Two measurements on the same corpus:
//! - the library: `Builder::generate` into an empty folder with `.sync(true)` (the default) and
//!   `.sync(false)`, the `write` stage's time (temporary files, renames, flushes) per file;
//! - the file system alone, on the bytes that run wrote: in place (`create_new` + write: what the
//!   library did for new files before), temporary file + rename, temporary file + flush + rename.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Median microseconds per file of each way, over `reps` runs.
#[derive(Debug)]
pub struct Costs {
    pub files: usize,
    pub bytes: u64,
    pub builder_sync: f64,
    pub builder_no_sync: f64,
    pub in_place: f64,
    pub temp_rename: f64,
    pub temp_sync_rename: f64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn builder_write(input: &Path, out: &Path, sync: bool) -> Result<(f64, usize), String> {
    let _ = fs::remove_dir_all(out);
    let report = mixin_codegen::Builder::new()
        .input(input)
        .out_dir(out)
        .emit_rerun_directives(false)
        .timings(true)
        .sync(sync)
        .generate()
        .map_err(|e| e.to_string())?;
    Ok((report.timings.write.as_secs_f64() * 1e6, report.files_written))
}

/// Writes every `(name, bytes)` into a fresh `out` one way; microseconds in total.
fn raw(files: &[(String, Vec<u8>)], out: &Path, temp: bool, sync: bool) -> Result<f64, String> {
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (i, (name, bytes)) in files.iter().enumerate() {
        let target = out.join(name);
        let path = if temp { out.join(format!(".{i}.tmp")) } else { target.clone() };
        let mut f = fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| e.to_string())?;
        f.write_all(bytes).map_err(|e| e.to_string())?;
        if sync {
            f.sync_data().map_err(|e| e.to_string())?;
        }
        if temp {
            staged.push((path, target));
        }
    }
    for (temp, target) in &staged {
        fs::rename(temp, target).map_err(|e| e.to_string())?;
    }
    if sync {
        fs::File::open(out).and_then(|d| d.sync_all()).map_err(|e| e.to_string())?;
    }
    Ok(start.elapsed().as_secs_f64() * 1e6)
}

pub fn measure(input: &Path, scratch: &Path, reps: usize) -> Result<Costs, String> {
    let out = scratch.join("out");
    let (mut with_sync, mut without, mut in_place, mut temp, mut temp_sync) = (vec![], vec![], vec![], vec![], vec![]);
    let mut files = Vec::new();
    for _ in 0..reps {
        let (us, n) = builder_write(input, &out, true)?;
        with_sync.push(us / n as f64);
        let (us, n) = builder_write(input, &out, false)?;
        without.push(us / n as f64);
        if files.is_empty() {
            for e in fs::read_dir(&out).map_err(|e| e.to_string())? {
                let e = e.map_err(|e| e.to_string())?;
                files.push((
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).map_err(|e| e.to_string())?,
                ));
            }
        }
        let n = files.len() as f64;
        in_place.push(raw(&files, &out, false, false)? / n);
        temp.push(raw(&files, &out, true, false)? / n);
        temp_sync.push(raw(&files, &out, true, true)? / n);
    }
    let _ = fs::remove_dir_all(&out);
    Ok(Costs {
        files: files.len(),
        bytes: files.iter().map(|(_, b)| b.len() as u64).sum(),
        builder_sync: median(with_sync),
        builder_no_sync: median(without),
        in_place: median(in_place),
        temp_rename: median(temp),
        temp_sync_rename: median(temp_sync),
    })
}
