//! One diagnostics type that every stage reports through, rendered like rustc.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. Only errors stop generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based line and column (in characters) inside a file, with the length of the marked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

/// A place a diagnostic points at: a file and, where known, a location in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: PathBuf,
    pub location: Option<Location>,
    pub message: String,
}

/// A problem in a contract (or in the generator's own inputs), with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, listed in README (`E0131`, `W0150`, ...).
    pub code: &'static str,
    pub message: String,
    pub primary: Label,
    /// Other places involved (the first definition of a duplicate, the other file...).
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            primary: Label { file: file.to_path_buf(), location: None, message: String::new() },
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn error(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    pub fn warning(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    pub fn note(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, file, message)
    }

    pub fn at(mut self, location: Location) -> Self {
        self.primary.location = Some(location);
        self
    }

    pub fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_secondary(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order of one file's diagnostics: by position, and at one position the most severe
    /// first.
    pub(crate) fn cmp_in_file(&self, other: &Diagnostic) -> std::cmp::Ordering {
        (self.primary.location, std::cmp::Reverse(self.severity))
            .cmp(&(other.primary.location, std::cmp::Reverse(other.severity)))
    }

    /// `path:line:column` of the primary location.
    pub fn position(&self) -> String {
        position(&self.primary)
    }

    /// Renders rustc-style: header, ` --> file:line:col`, the source line, a caret line, then `help:`.
    /// `source_of` gives the text of a file so the offending line can be shown.
    pub fn render(&self, source_of: &dyn Fn(&Path) -> Option<String>, style: Style) -> String {
        let mut out = String::new();
        let (sev, bold, reset) = style.paint(self.severity);
        let _ = writeln!(out, "{sev}{}[{}]{reset}{bold}: {}{reset}", self.severity.label(), self.code, self.message);
        let width = std::iter::once(&self.primary)
            .chain(&self.secondary)
            .filter_map(|l| l.location.map(|loc| loc.line.to_string().len()))
            .max()
            .unwrap_or(1);
        render_label(&mut out, &self.primary, width, source_of, style, true);
        for label in &self.secondary {
            render_label(&mut out, label, width, source_of, style, false);
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{:width$} = {}help{}: {help}", "", style.bold(), style.reset());
        }
        out
    }
}

fn position(label: &Label) -> String {
    match label.location {
        Some(loc) => format!("{}:{}:{}", label.file.display(), loc.line, loc.column),
        None => label.file.display().to_string(),
    }
}

fn render_label(
    out: &mut String,
    label: &Label,
    width: usize,
    source_of: &dyn Fn(&Path) -> Option<String>,
    style: Style,
    primary: bool,
) {
    let blue = style.blue();
    let reset = style.reset();
    let arrow = if primary { "-->" } else { ":::" };
    let _ = writeln!(out, "{:width$}{blue}{arrow}{reset} {}", "", position(label));
    let Some(loc) = label.location else {
        if !label.message.is_empty() {
            let _ = writeln!(out, "{:width$} {blue}={reset} {}", "", label.message);
        }
        return;
    };
    let Some(text) = source_of(&label.file) else { return };
    let Some(line) = text.lines().nth(loc.line.saturating_sub(1)) else { return };
    let shown = printable_line(line);
    let pad: String =
        line.chars().take(loc.column.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    let marker = if primary { '^' } else { '-' };
    let carets: String = std::iter::repeat_n(marker, loc.len.max(1)).collect();
    let _ = writeln!(out, "{:width$} {blue}|{reset}", "");
    let _ = writeln!(out, "{blue}{:>width$} |{reset} {shown}", loc.line);
    let color = if primary { style.primary() } else { blue };
    let sep = if label.message.is_empty() { "" } else { " " };
    let _ = writeln!(out, "{:width$} {blue}|{reset} {pad}{color}{carets}{sep}{}{reset}", "", label.message);
}

/// Control and bidirectional-override characters are shown escaped so that a diagnostic
/// always displays what is really in the file.
fn printable_line(line: &str) -> String {
    line.chars()
        .map(|c| if c != '\t' && is_hidden_char(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() })
        .collect()
}

/// Characters that change how text is displayed without being visible (Trojan Source).
pub fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// Whether rendered diagnostics carry ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
}

impl Style {
    fn paint(self, severity: Severity) -> (&'static str, &'static str, &'static str) {
        match self {
            Style::Plain => ("", "", ""),
            Style::Color => (
                match severity {
                    Severity::Error => "\x1b[1;31m",
                    Severity::Warning => "\x1b[1;33m",
                    Severity::Note => "\x1b[1;32m",
                },
                "\x1b[1m",
                "\x1b[0m",
            ),
        }
    }
    fn pick(self, code: &'static str) -> &'static str {
        if self == Style::Color {
            code
        } else {
            ""
        }
    }
    fn blue(self) -> &'static str {
        self.pick("\x1b[1;34m")
    }
    fn bold(self) -> &'static str {
        self.pick("\x1b[1m")
    }
    fn primary(self) -> &'static str {
        self.pick("\x1b[1;31m")
    }
    fn reset(self) -> &'static str {
        self.pick("\x1b[0m")
    }
}

impl fmt::Display for Diagnostic {
    /// One-line form: `path:line:col: error[CODE]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[{}]: {}", self.position(), self.severity.label(), self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Counts for a summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Tally {
        let mut tally = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Note => {}
            }
        }
        tally
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", plural(self.errors, "error"), plural(self.warnings, "warning"))
    }
}

/// Renders every diagnostic. Diagnostics come grouped by file, so only the last file read is kept:
/// memory stays flat however many files have something to say.
pub fn render_all(diagnostics: &[Diagnostic], style: Style) -> String {
    let mut out = String::new();
    let last: std::cell::RefCell<Option<(PathBuf, Option<String>)>> = std::cell::RefCell::new(None);
    let source_of = |path: &Path| {
        let mut last = last.borrow_mut();
        if last.as_ref().is_none_or(|(p, _)| p != path) {
            *last = Some((path.to_path_buf(), std::fs::read_to_string(path).ok()));
        }
        last.as_ref().and_then(|(_, text)| text.clone())
    };
    for d in diagnostics {
        out.push_str(&d.render(&source_of, style));
        out.push('\n');
    }
    out
}

/// Renders every diagnostic with source lines from `source_of` (for texts that are not files on
/// disk, such as a contract at a git revision).
pub fn render_all_with(
    diagnostics: &[Diagnostic],
    style: Style,
    source_of: &dyn Fn(&Path) -> Option<String>,
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.render(source_of, style));
        out.push('\n');
    }
    out
}
