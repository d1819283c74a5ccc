//! Stage 1: find contract files and read them as UTF-8 text.

use crate::diagnostics::{Diagnostic, Location};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A contract file's text, with the path it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// A contract file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractFile {
    /// The path as reached (an input as given, or a listed folder joined with the entry's name):
    /// what diagnostics show and cargo watches.
    pub path: PathBuf,
    /// The name generated code gives the file: the name of the folder that holds it, `/`, its
    /// own name (`mixins/mixin_a.yaml`). The folder is found on the resolved path, so `mixins`,
    /// `./mixins`, `../x/mixins` and an absolute path, from any working folder, give the same
    /// name, and no absolute path reaches the output.
    pub shown: String,
}

/// Files to read, each once, and folders that were listed (both are what cargo must watch).
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    pub files: Vec<ContractFile>,
    pub folders: Vec<PathBuf>,
    /// Resolved paths of `files`: a file reached twice (through its folder and by its own path,
    /// or through a link) is read once.
    seen: HashSet<PathBuf>,
}

impl Inputs {
    /// Adds a contract file named directly (an input, or a file another contract refers to).
    /// `Ok(false)`: it was there already.
    pub fn add_file(&mut self, path: &Path) -> Result<bool, Box<Diagnostic>> {
        let resolved = std::fs::canonicalize(path).map_err(|e| Box::new(cannot_use(path, &e)))?;
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let folder = std::fs::canonicalize(parent).map_err(|e| Box::new(cannot_use(path, &e)))?;
        Ok(self.add(path.to_path_buf(), resolved, &folder))
    }

    fn add(&mut self, path: PathBuf, resolved: PathBuf, resolved_folder: &Path) -> bool {
        if !self.seen.insert(resolved) {
            return false;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let shown = match resolved_folder.file_name() {
            Some(folder) => format!("{}/{name}", folder.to_string_lossy()),
            None => name,
        };
        self.files.push(ContractFile { path, shown });
        true
    }

    /// Every `*.yaml`/`*.yml` entry of `folder` and of its subfolders, in sorted order (a
    /// subfolder's files where its name sorts); an entry with such a name that is not a readable
    /// file (a folder, a link to nothing, a FIFO...) is a problem, not skipped. Subfolders are
    /// entered, so that `nodes/<node>/v1_0_0/contract.yaml` is found from `nodes`; hidden ones
    /// (`.git`) and links to folders are not, so a listing never loops.
    fn add_folder(&mut self, folder: &Path, problems: &mut Vec<Diagnostic>) {
        self.add_folder_under(folder, None, problems);
    }

    /// `shown`: the name of the input folder and the path below it, which files found here are
    /// shown under (`nodes/api_client_effect/v1_0_0`); `None` for the input folder itself.
    fn add_folder_under(&mut self, folder: &Path, shown: Option<&str>, problems: &mut Vec<Diagnostic>) {
        let listed = std::fs::canonicalize(folder).and_then(|resolved| {
            let entries = std::fs::read_dir(folder)?.collect::<std::io::Result<Vec<_>>>()?;
            Ok((resolved, entries))
        });
        let (resolved, mut entries) = match listed {
            Ok(listed) => listed,
            Err(e) => {
                problems.push(Diagnostic::error("E0001", folder, format!("cannot list folder: {e}")));
                return;
            }
        };
        crate::order::sort_by(&mut entries, |a, b| a.file_name().cmp(&b.file_name()));
        self.folders.push(folder.to_path_buf());
        let shown = shown
            .map(str::to_owned)
            .unwrap_or_else(|| resolved.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        for entry in entries {
            let name = entry.file_name();
            let path = folder.join(&name);
            if !is_contract_file(Path::new(&name)) {
                let hidden = name.to_string_lossy().starts_with('.');
                if !hidden && entry.file_type().is_ok_and(|t| t.is_dir()) {
                    let below = format!("{shown}/{}", name.to_string_lossy());
                    self.add_folder_under(&path, Some(&below), problems);
                }
                continue;
            }
            // The entry's own type answers without a stat call; only a link needs one.
            match entry.file_type() {
                Ok(t) if t.is_file() => {
                    self.add_shown(path, resolved.join(&name), &shown);
                }
                Ok(t) if t.is_symlink() => match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => match std::fs::canonicalize(&path) {
                        Ok(target) => {
                            self.add_shown(path, target, &shown);
                        }
                        Err(e) => problems.push(cannot_use(&path, &e)),
                    },
                    Ok(m) => problems.push(not_a_file(&path, describe(&m.file_type()), "a symbolic link to ")),
                    Err(e) => problems.push(cannot_use(&path, &e)),
                },
                Ok(t) => problems.push(not_a_file(&path, describe(&t), "")),
                Err(e) => problems.push(cannot_use(&path, &e)),
            }
        }
    }

    /// A file found in a listed folder, shown under that folder's name.
    fn add_shown(&mut self, path: PathBuf, resolved: PathBuf, folder_shown: &str) -> bool {
        if !self.seen.insert(resolved) {
            return false;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let shown = if folder_shown.is_empty() { name } else { format!("{folder_shown}/{name}") };
        self.files.push(ContractFile { path, shown });
        true
    }
}

pub fn is_contract_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// What a folder entry that is not a regular file is, for messages.
pub(crate) fn describe(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

fn not_a_file(path: &Path, what: &str, via: &str) -> Diagnostic {
    Diagnostic::error("E0001", path, format!("{via}{what}, not a contract file"))
        .with_help("a `*.yaml`/`*.yml` entry of an input folder must be a contract file: rename or move it")
}

/// A path that cannot be followed or read: missing, a link that leads nowhere or in a loop.
fn cannot_use(path: &Path, e: &std::io::Error) -> Diagnostic {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match (is_link, e.kind()) {
        (true, std::io::ErrorKind::NotFound) => {
            let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            Diagnostic::error("E0001", path, format!("a symbolic link to `{target}`, which does not exist"))
                .with_help("fix or remove the link")
        }
        (true, _) => Diagnostic::error("E0001", path, format!("a symbolic link that cannot be followed: {e}"))
            .with_help("fix or remove the link (links that lead to each other never reach a file)"),
        (false, std::io::ErrorKind::NotFound) => Diagnostic::error("E0001", path, "no such file or folder")
            .with_help("pass a contract file (*.yaml, *.yml) or a folder that holds them"),
        (false, _) => Diagnostic::error("E0001", path, format!("cannot use: {e}")),
    }
}

/// Expands each input: a file is taken as is, a folder means every `*.yaml`/`*.yml` in it and in
/// its subfolders, in sorted order. Inputs that do not exist or cannot be listed, and folder entries that are not
/// contract files, are diagnostics. Each file is taken once, however often it is reached.
pub fn discover(inputs: &[PathBuf]) -> (Inputs, Vec<Diagnostic>) {
    let mut found = Inputs::default();
    let mut problems = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => found.add_folder(input, &mut problems),
            Ok(m) if m.is_file() => {
                if let Err(d) = found.add_file(input) {
                    problems.push(*d);
                }
            }
            Ok(m) => problems.push(not_a_file(input, describe(&m.file_type()), "")),
            Err(e) => problems.push(cannot_use(input, &e)),
        }
    }
    (found, problems)
}

/// Reads one contract: it must be readable, UTF-8 and not empty.
pub fn read(path: &Path) -> Result<Source, Box<Diagnostic>> {
    let bytes = std::fs::read(path)
        .map_err(|e| Box::new(Diagnostic::error("E0001", path, format!("cannot read file: {e}"))))?;
    from_bytes(path, bytes)
}

/// A contract's bytes from somewhere else than a file (a git revision), checked as [`read`] checks
/// a file's: UTF-8 and not empty. `path` is what diagnostics name.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Source, Box<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Box::new(
            Diagnostic::error("E0002", path, "file is not valid UTF-8")
                .at(Location { line, column, len: 1 })
                .label("invalid byte here")
                .with_help("save the contract as UTF-8"),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    let has_content = text.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#') && l != "---" && l != "..."
    });
    if !has_content {
        return Err(Box::new(
            Diagnostic::error("E0003", path, "contract file is empty")
                .with_help("a mixin contract starts with `mixin_name:`, `mixin_version:`, `description:`"),
        ));
    }
    Ok(Source { path: path.to_path_buf(), text })
}
