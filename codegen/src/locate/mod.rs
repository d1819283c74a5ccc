//! Positions for diagnostics found after parsing. The plain tree has no spans, so when a file has
//! something to report, a second, span-keeping pass maps each path in the document to its place.

use crate::diagnostics::Location;
mod comments;
mod events;

pub use comments::{with_comment, Comments};

pub use events::Kind;
use events::{Event, Events};
use std::collections::{HashMap, HashSet};

/// One step into a document: a mapping key or a list index.
///
/// Validation makes a path for every place it may have to point at, most of them extending
/// another: a shared key makes copying a path one allocation, not one per key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(std::sync::Arc<str>),
    Index(usize),
}

impl Seg {
    pub fn key(key: &str) -> Seg {
        Seg::Key(key.into())
    }
}

/// A place in a document: a path, and whether the key or the value is meant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Anchor {
    pub path: Vec<Seg>,
    pub target: Target,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Key,
    Value,
}

impl Anchor {
    pub fn key(path: &[Seg]) -> Self {
        Anchor { path: path.to_vec(), target: Target::Key }
    }
    pub fn value(path: &[Seg]) -> Self {
        Anchor { path: path.to_vec(), target: Target::Value }
    }
    /// The key at `path`, taking the path as it is.
    pub fn key_of(path: Vec<Seg>) -> Self {
        Anchor { path, target: Target::Key }
    }
    /// The value at `path`, taking the path as it is.
    pub fn value_of(path: Vec<Seg>) -> Self {
        Anchor { path, target: Target::Value }
    }
}

/// Where the `n`th (from 1) event that `want` accepts starts (for errors serde_yaml gives no
/// position for: a second document, the first alias).
pub fn nth_event(text: &str, n: usize, want: fn(&Kind) -> bool) -> Option<Location> {
    let event = Events::new(text).filter(|e| want(&e.kind)).nth(n.checked_sub(1)?)?;
    Some(Location {
        line: event.line,
        column: event.column + 1,
        len: event.end.saturating_sub(event.start).clamp(1, 3),
    })
}

/// Every node written with a tag (`!!binary x`, `!custom {..}`, `!<tag:...> 1`): where, and the
/// tag as written.
pub fn tags(text: &str) -> Vec<(Location, String)> {
    let mut tags = Vec::new();
    for e in Events::new(text) {
        let Some(resolved) = e.tag.clone() else { continue };
        // The node starts at its properties: an anchor (`&a`) may come before the tag.
        let span = text.get(e.start..e.end.max(e.start)).unwrap_or("");
        let written = span
            .find('!')
            .map(|at| span[at..].chars().take_while(|c| !c.is_whitespace()).collect::<String>())
            .filter(|t| !t.is_empty())
            .unwrap_or(resolved);
        let column =
            e.column + 1 + text[e.start..].find('!').map_or(0, |at| text[e.start..e.start + at].chars().count());
        tags.push((Location { line: e.line, column, len: written.chars().count().max(1) }, written));
    }
    tags
}

/// Where the plain (unquoted, untagged) scalars that are values, not mapping keys, and that
/// `want` accepts are written.
pub fn plain_values(text: &str, want: impl Fn(&str) -> bool) -> Vec<(Location, String)> {
    // For each open collection: whether it is a mapping, and how many nodes it holds so far
    // (in a mapping, the even ones are keys).
    let mut open: Vec<(bool, usize)> = Vec::new();
    let mut found = Vec::new();
    for e in Events::new(text) {
        let is_node = matches!(e.kind, Kind::Scalar(_) | Kind::Alias | Kind::SequenceStart | Kind::MappingStart);
        let is_key = is_node
            && open.last_mut().is_some_and(|(mapping, n)| {
                *n += 1;
                *mapping && *n % 2 == 1
            });
        match &e.kind {
            Kind::Scalar(value) if !is_key && e.plain && e.tag.is_none() && want(value) => {
                let len = value.chars().count().max(1);
                found.push((Location { line: e.line, column: e.column + 1, len }, value.clone()));
            }
            Kind::SequenceStart => open.push((false, 0)),
            Kind::MappingStart => open.push((true, 0)),
            Kind::SequenceEnd | Kind::MappingEnd => {
                open.pop();
            }
            _ => {}
        }
    }
    found
}

/// `event_config.retry_policy`, `actions[2].name`: a path as people read it.
pub fn dotted(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Option<Location>,
    value: Location,
}

/// Path -> position, for one file.
#[derive(Debug, Default)]
pub struct SpanIndex {
    entries: HashMap<Vec<Seg>, Entry>,
}

impl SpanIndex {
    /// Indexes every node of the document.
    pub fn build(text: &str) -> SpanIndex {
        Self::walk(text, None)
    }

    /// Indexes only what finding these anchors needs (their paths and enclosing nodes), and stops
    /// reading as soon as every anchor is found: most diagnostics point near the top of a file.
    pub fn build_for<'a>(text: &str, anchors: impl IntoIterator<Item = &'a Anchor>) -> SpanIndex {
        let mut wanted = Wanted::default();
        for anchor in anchors {
            for len in 0..anchor.path.len() {
                wanted.prefixes.insert(anchor.path[..len].to_vec());
            }
            if wanted.exact.insert(anchor.path.clone()) {
                wanted.prefixes.insert(anchor.path.clone());
            }
        }
        wanted.remaining = wanted.exact.len();
        Self::walk(text, Some(wanted))
    }

    fn walk(text: &str, wanted: Option<Wanted>) -> SpanIndex {
        let mut walker = Walker {
            events: Events::new(text),
            index: SpanIndex::default(),
            lines: text.lines(),
            line_chars: Vec::new(),
            wanted,
        };
        // The first node of the first document.
        if let Some(first) = walker.events.by_ref().find(|e| !matches!(e.kind, Kind::Boundary | Kind::DocumentStart)) {
            if let Some(value) = walker.node(first, &mut Vec::new()) {
                walker.record(&[], Entry { key: None, value });
            }
        }
        walker.index
    }

    /// The position of an anchor, falling back to the nearest enclosing node that has one
    /// (a missing key is reported at the mapping that should hold it).
    pub fn find(&self, anchor: &Anchor) -> Option<Location> {
        let mut path = anchor.path.as_slice();
        let mut target = anchor.target;
        loop {
            if let Some(entry) = self.entries.get(path) {
                return match target {
                    Target::Key => entry.key.or(Some(entry.value)),
                    Target::Value => Some(entry.value),
                };
            }
            if path.is_empty() {
                return None;
            }
            path = &path[..path.len() - 1];
            target = Target::Key;
        }
    }
}

struct Walker<'a> {
    events: Events<'a>,
    index: SpanIndex,
    /// Characters on each line, to keep a marked scalar on its first line.
    /// The lines not yet measured: a walk that stops early measures only the lines it reached.
    lines: std::str::Lines<'a>,
    /// Characters per line, for the lines measured so far.
    line_chars: Vec<usize>,
    /// `None`: index everything.
    wanted: Option<Wanted>,
}

#[derive(Default)]
struct Wanted {
    /// Paths whose position may be needed (anchors and everything enclosing them).
    prefixes: HashSet<Vec<Seg>>,
    /// The anchors' own paths.
    exact: HashSet<Vec<Seg>>,
    /// Anchors not found yet.
    remaining: usize,
}

impl<'a> Walker<'a> {
    fn record(&mut self, path: &[Seg], entry: Entry) {
        match &mut self.wanted {
            None => {}
            Some(w) if !w.prefixes.contains(path) => return,
            Some(w) if w.exact.contains(path) && !self.index.entries.contains_key(path) => w.remaining -= 1,
            Some(_) => {}
        }
        self.index.entries.insert(path.to_vec(), entry);
    }

    fn done(&self) -> bool {
        self.wanted.as_ref().is_some_and(|w| w.remaining == 0)
    }

    fn location(&mut self, event: &Event) -> Location {
        let len = if matches!(event.kind, Kind::Scalar(_) | Kind::Alias) {
            while self.line_chars.len() < event.line {
                let Some(line) = self.lines.next() else { break };
                self.line_chars.push(line.chars().count());
            }
            // A scalar is marked to its end, or to the end of its first line.
            let rest = self.line_chars.get(event.line.saturating_sub(1)).copied().unwrap_or(1);
            let bytes = event.end.saturating_sub(event.start);
            bytes.clamp(1, rest.saturating_sub(event.column).max(1))
        } else {
            1
        };
        Location { line: event.line, column: event.column + 1, len }
    }

    /// Whether anything at or under `path` is wanted (everything is, for a full index).
    fn wanted_within(&self, path: &[Seg]) -> bool {
        self.wanted.as_ref().is_none_or(|w| w.prefixes.contains(path))
    }

    /// Consumes the rest of a node whose first event is given, recording nothing.
    fn skip(&mut self, first: &Event) -> Option<()> {
        let mut depth = usize::from(matches!(first.kind, Kind::SequenceStart | Kind::MappingStart));
        while depth > 0 {
            match self.events.next()?.kind {
                Kind::SequenceStart | Kind::MappingStart => depth += 1,
                Kind::SequenceEnd | Kind::MappingEnd => depth -= 1,
                _ => {}
            }
        }
        Some(())
    }

    /// Consumes one node whose first event is given; records its children; returns its location.
    fn node(&mut self, first: Event, path: &mut Vec<Seg>) -> Option<Location> {
        let here = self.location(&first);
        match first.kind {
            Kind::Scalar(_) | Kind::Alias => Some(here),
            Kind::SequenceStart => {
                let mut i = 0;
                loop {
                    let event = self.events.next()?;
                    if event.kind == Kind::SequenceEnd {
                        break;
                    }
                    path.push(Seg::Index(i));
                    if !self.wanted_within(path) {
                        self.skip(&event)?;
                    } else if let Some(value) = self.node(event, path) {
                        self.record(path, Entry { key: None, value });
                    }
                    path.pop();
                    if self.done() {
                        break;
                    }
                    i += 1;
                }
                Some(here)
            }
            Kind::MappingStart => {
                loop {
                    let key_event = self.events.next()?;
                    if key_event.kind == Kind::MappingEnd {
                        break;
                    }
                    let key_text = match &key_event.kind {
                        Kind::Scalar(text) => Some(text.clone()),
                        _ => None,
                    };
                    let mut scratch = Vec::new();
                    let key = self.node(key_event, &mut scratch);
                    let value_event = self.events.next()?;
                    match key_text {
                        Some(k) => {
                            path.push(Seg::Key(k.into()));
                            if !self.wanted_within(path) {
                                self.skip(&value_event)?;
                            } else if let Some(value) = self.node(value_event, path) {
                                self.record(path, Entry { key, value });
                            }
                            path.pop();
                            if self.done() {
                                break;
                            }
                        }
                        None => {
                            self.node(value_event, &mut scratch);
                        }
                    }
                }
                Some(here)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Seg {
        Seg::Key(s.into())
    }

    #[test]
    fn finds_keys_values_and_flow_items() {
        let text = "a: 1\nb:\n  - x: \"hi\"\n    y: [one, two]\n";
        let index = SpanIndex::build(text);
        assert_eq!(index.find(&Anchor::key(&[k("a")])), Some(Location { line: 1, column: 1, len: 1 }));
        assert_eq!(index.find(&Anchor::value(&[k("a")])), Some(Location { line: 1, column: 4, len: 1 }));
        let y1 = [k("b"), Seg::Index(0), k("y"), Seg::Index(1)];
        assert_eq!(index.find(&Anchor::value(&y1)), Some(Location { line: 4, column: 14, len: 3 }));
        let x = [k("b"), Seg::Index(0), k("x")];
        assert_eq!(index.find(&Anchor::value(&x)), Some(Location { line: 3, column: 8, len: 4 }));
    }

    #[test]
    fn targeted_index_finds_the_same_positions() {
        let text = "a: 1\nb:\n  - x: \"hi\"\n    y: [one, two]\nc: {d: 2}\n";
        let anchors = [
            Anchor::value(&[k("b"), Seg::Index(0), k("y"), Seg::Index(1)]),
            Anchor::key(&[k("c"), k("d")]),
            Anchor::key(&[k("b"), k("missing")]),
        ];
        let full = SpanIndex::build(text);
        let targeted = SpanIndex::build_for(text, &anchors);
        for anchor in &anchors {
            assert_eq!(targeted.find(anchor), full.find(anchor), "{anchor:?}");
        }
    }

    #[test]
    fn missing_path_falls_back_to_enclosing_key() {
        let index = SpanIndex::build("top:\n  inner: 1\n");
        let missing = [k("top"), k("absent")];
        assert_eq!(index.find(&Anchor::key(&missing)), Some(Location { line: 1, column: 1, len: 3 }));
    }
}
