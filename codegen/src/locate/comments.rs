//! YAML comments as docs. The parse stage's tree has none (serde_yaml drops them), so this scans
//! the text once, with libyaml's events to know where every node is and which `#` are inside a
//! scalar (a quoted string or a block scalar holds text, not comments).
//!
//! The rules, for a mapping entry or a list item:
//! - a trailing comment (on the line where the item's value ends, after it: `- "error_info"  # Exception details`,
//!   `status: "string"  # open/closed/half_open`, or after the `key:` of a nested block) is its doc;
//! - a block of comment lines directly above it (no blank line between) is its doc too, unless the
//!   block heads a group: when the entry's next sibling starts on the very next line, the block is a
//!   section header (`# Circuit breaker settings` above four keys) and every entry of the group (up
//!   to a blank or comment line) gets it as a `Group:` line instead.

use super::events::{Event, Events, Kind};
use super::Seg;
use std::collections::HashMap;

/// The doc comments of a document, by path.
#[derive(Debug, Default)]
pub struct Comments {
    /// Trailing comments and comment blocks above items.
    own: HashMap<Vec<Seg>, String>,
    /// Section headers over a group of keys.
    group: HashMap<Vec<Seg>, String>,
}

impl Comments {
    /// Every comment of `text` that documents an item.
    pub fn of(text: &str) -> Comments {
        // Without a `#` there is no comment to look for.
        if !text.contains('#') {
            return Comments::default();
        }
        Scan::new(text).run()
    }

    /// The doc the comments give the item at `path`: its own comments, then its group's header.
    pub fn doc(&self, path: &[Seg]) -> Option<String> {
        match (self.own.get(path), self.group.get(path)) {
            (None, None) => None,
            (Some(own), None) => Some(own.clone()),
            (None, Some(group)) => Some(format!("Group: {group}.")),
            (Some(own), Some(group)) => Some(format!("{own}\n\nGroup: {group}.")),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.group.is_empty()
    }
}

/// `own` and `comments` joined as doc text: the comment first, as the contract's author wrote it.
pub fn with_comment(comment: Option<String>, doc: &str) -> String {
    match comment {
        None => doc.to_string(),
        Some(c) if doc.is_empty() => c,
        Some(c) => format!("{c}\n\n{doc}"),
    }
}

/// One node of the document, where the comments may attach.
struct Node {
    path: Vec<Seg>,
    /// Where the item starts: its key, or its first token in a list.
    first_line: usize,
    /// The byte after which a trailing comment may follow: the end of a scalar or flow value, the
    /// end of the key of a nested block; `None` for a block collection in a list.
    head_end: Option<usize>,
    /// The last line holding any of its text.
    last_line: usize,
    /// Whether it is a mapping entry (groups are made of those).
    entry: bool,
}

struct Scan<'a> {
    text: &'a str,
    events: Events<'a>,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Byte ranges of scalars (a `#` inside one is text).
    scalars: Vec<(usize, usize)>,
    nodes: Vec<Node>,
    /// For each mapping: the indexes in `nodes` of its entries, in order.
    siblings: Vec<Vec<usize>>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Scan {
            text,
            events: Events::new(text),
            line_starts,
            scalars: Vec::new(),
            nodes: Vec::new(),
            siblings: Vec::new(),
        }
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= byte)
    }

    fn run(mut self) -> Comments {
        if let Some(first) = self.events.by_ref().find(|e| !matches!(e.kind, Kind::Boundary | Kind::DocumentStart)) {
            self.node(first, &mut Vec::new());
        }
        let lines = self.comment_lines();
        let mut comments = Comments::default();
        // Trailing comments: each goes to the deepest item it follows directly.
        for node in &self.nodes {
            let Some(end) = node.head_end else { continue };
            let line = self.line_of(end);
            let Some(c) = lines.get(&line).filter(|c| !c.alone) else { continue };
            let between = self.text.get(end..c.at).unwrap_or("x");
            if between.chars().all(|ch| ch.is_whitespace() || ch == ':' || ch == ',') {
                comments.own.insert(node.path.clone(), c.text.clone());
            }
        }
        // Blocks above items: each block documents the first item below it (a list item before its
        // first key), or heads a group.
        let mut used = std::collections::HashSet::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let mut block = Vec::new();
            let mut line = node.first_line;
            while line > 1 {
                match lines.get(&(line - 1)) {
                    Some(c) if c.alone => block.push(c.text.clone()),
                    _ => break,
                }
                line -= 1;
            }
            if block.is_empty() || !used.insert(line) {
                continue;
            }
            block.reverse();
            let text = block.join("\n");
            let group = self.group_of(i);
            if group.len() > 1 {
                let header = text.lines().map(undecorated).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
                for member in group {
                    comments.group.insert(self.nodes[member].path.clone(), header.clone());
                }
            } else {
                let own = comments.own.entry(node.path.clone()).or_default();
                let above = text.lines().map(undecorated).collect::<Vec<_>>().join("\n");
                *own = if own.is_empty() { above } else { format!("{above}\n\n{own}") };
            }
        }
        comments.own.retain(|_, v| !v.trim().is_empty());
        comments
    }

    /// The entries from `nodes[i]` on that follow each other line by line (no blank or comment
    /// line between): the group a header above `nodes[i]` heads.
    fn group_of(&self, i: usize) -> Vec<usize> {
        if !self.nodes[i].entry {
            return vec![i];
        }
        let Some(run) = self.siblings.iter().find_map(|s| s.iter().position(|&n| n == i).map(|at| &s[at..])) else {
            return vec![i];
        };
        let mut group = vec![run[0]];
        for pair in run.windows(2) {
            let (prev, next) = (&self.nodes[pair[0]], &self.nodes[pair[1]]);
            if next.first_line != prev.last_line + 1 {
                break;
            }
            group.push(pair[1]);
        }
        group
    }

    /// Every comment, by line: where its `#` is and whether it is alone on its line.
    fn comment_lines(&self) -> HashMap<usize, Line> {
        let mut out = HashMap::new();
        let bytes = self.text.as_bytes();
        for (n, &start) in self.line_starts.iter().enumerate() {
            let end = self.line_starts.get(n + 1).map_or(bytes.len(), |&e| e - 1);
            let mut at = start;
            while at < end {
                let is_hash = bytes[at] == b'#' && (at == start || matches!(bytes[at - 1], b' ' | b'\t'));
                if is_hash && !self.in_scalar(at) {
                    let alone = self.text[start..at].trim().is_empty();
                    let text = self.text[at + 1..end].trim_end_matches('\r').trim().to_string();
                    out.insert(n + 1, Line { at, alone, text });
                    break;
                }
                at += 1;
            }
        }
        out
    }

    fn in_scalar(&self, byte: usize) -> bool {
        let i = self.scalars.partition_point(|&(s, _)| s <= byte);
        i > 0 && byte < self.scalars[i - 1].1
    }

    /// Consumes one node whose first event is given, recording it and its children; returns the
    /// end of its last text.
    fn node(&mut self, first: Event, path: &mut Vec<Seg>) -> Option<usize> {
        match first.kind {
            Kind::Scalar(_) => {
                self.scalars.push((first.start, first.end));
                Some(first.end)
            }
            Kind::Alias => Some(first.end),
            Kind::SequenceStart => {
                let mut last = first.start;
                let mut i = 0;
                loop {
                    let event = self.events.next()?;
                    if event.kind == Kind::SequenceEnd {
                        last = last.max(event.end);
                        break;
                    }
                    path.push(Seg::Index(i));
                    let block = is_block(self.text, &event);
                    let start = event.start;
                    let slot = self.nodes.len();
                    self.nodes.push(Node {
                        path: path.clone(),
                        first_line: self.line_of(start),
                        head_end: None,
                        last_line: 0,
                        entry: false,
                    });
                    let end = self.node(event, path)?;
                    let last_line = self.line_of(end.saturating_sub(1));
                    let node = &mut self.nodes[slot];
                    node.head_end = (!block).then_some(end);
                    node.last_line = last_line;
                    last = last.max(end);
                    path.pop();
                    i += 1;
                }
                Some(if is_flow(self.text, first.start) { last } else { last.min(self.last_text(last)) })
            }
            Kind::MappingStart => {
                let mut last = first.start;
                let mut entries = Vec::new();
                loop {
                    let key = self.events.next()?;
                    if key.kind == Kind::MappingEnd {
                        last = last.max(key.end);
                        break;
                    }
                    let Kind::Scalar(name) = key.kind.clone() else {
                        self.node(key, &mut Vec::new())?;
                        let value = self.events.next()?;
                        last = last.max(self.node(value, &mut Vec::new())?);
                        continue;
                    };
                    self.scalars.push((key.start, key.end));
                    let value = self.events.next()?;
                    path.push(Seg::Key(name.as_str().into()));
                    let block = is_block(self.text, &value);
                    let slot = self.nodes.len();
                    entries.push(slot);
                    self.nodes.push(Node {
                        path: path.clone(),
                        first_line: self.line_of(key.start),
                        head_end: None,
                        last_line: 0,
                        entry: true,
                    });
                    let end = self.node(value, path)?.max(key.end);
                    let last_line = self.line_of(end.saturating_sub(1));
                    let node = &mut self.nodes[slot];
                    node.head_end = Some(if block { key.end } else { end });
                    node.last_line = last_line;
                    last = last.max(end);
                    path.pop();
                }
                self.siblings.push(entries);
                Some(if is_flow(self.text, first.start) { last } else { last.min(self.last_text(last)) })
            }
            _ => None,
        }
    }

    /// A block collection's end event sits where the next token starts, after any blank and
    /// comment lines: its text ends at the last scalar before that.
    fn last_text(&self, end: usize) -> usize {
        // Scalars are recorded in document order: the last one is this collection's last.
        self.scalars.last().map_or(end, |&(_, e)| e.min(end))
    }
}

/// A comment on a line.
struct Line {
    /// The byte of its `#`.
    at: usize,
    /// Only blanks before it.
    alone: bool,
    text: String,
}

fn is_flow(text: &str, start: usize) -> bool {
    matches!(text.as_bytes().get(start), Some(b'[' | b'{'))
}

/// A block (not flow) collection: its items are on lines of their own.
fn is_block(text: &str, event: &Event) -> bool {
    matches!(event.kind, Kind::SequenceStart | Kind::MappingStart) && !is_flow(text, event.start)
}

/// A header's words without the rulers around them (`=== METRICS ===` -> `METRICS`).
fn undecorated(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '=' | '-' | '*' | '#' | '~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &[&str]) -> Vec<Seg> {
        path.iter().map(|p| p.parse::<usize>().map_or_else(|_| Seg::key(p), Seg::Index)).collect()
    }

    #[test]
    fn trailing_comments_document_the_item_they_follow() {
        let text = "inputs:\n  - \"error_info\"  # Exception details\n  - \"plain\"\nstatus: \"string\"  # open/closed/half_open\nquoted: \"a # b\"\nnested:  # a nested block\n  x: 1\nflow: [a, b]  # the list\n";
        let c = Comments::of(text);
        assert_eq!(c.doc(&key(&["inputs", "0"])).as_deref(), Some("Exception details"));
        assert_eq!(c.doc(&key(&["inputs", "1"])), None);
        assert_eq!(c.doc(&key(&["status"])).as_deref(), Some("open/closed/half_open"));
        assert_eq!(c.doc(&key(&["quoted"])), None, "a `#` inside a quoted string is not a comment");
        assert_eq!(c.doc(&key(&["nested"])).as_deref(), Some("a nested block"));
        assert_eq!(c.doc(&key(&["nested", "x"])), None);
        assert_eq!(c.doc(&key(&["flow"])).as_deref(), Some("the list"));
        assert_eq!(c.doc(&key(&["flow", "1"])), None);
    }

    #[test]
    fn blocks_above_document_an_item_or_head_a_group() {
        let text = "config:\n  # Circuit breaker settings\n  enabled: true\n  threshold: 5\n\n  # How long to wait,\n  # in milliseconds\n  timeout_ms: 100\n\n  # Alone\n  x: 1\n  # Own\n  y: 2\nactions:\n  # The first action\n  - name: \"a\"\n    description: \"d\"  # trailing\n";
        let c = Comments::of(text);
        assert_eq!(c.doc(&key(&["config", "enabled"])).as_deref(), Some("Group: Circuit breaker settings."));
        assert_eq!(c.doc(&key(&["config", "threshold"])).as_deref(), Some("Group: Circuit breaker settings."));
        assert_eq!(c.doc(&key(&["config", "timeout_ms"])).as_deref(), Some("How long to wait,\nin milliseconds"));
        assert_eq!(c.doc(&key(&["config", "x"])).as_deref(), Some("Alone"), "a comment line ends the group");
        assert_eq!(c.doc(&key(&["config", "y"])).as_deref(), Some("Own"));
        assert_eq!(c.doc(&key(&["actions", "0"])).as_deref(), Some("The first action"));
        assert_eq!(c.doc(&key(&["actions", "0", "name"])), None);
        assert_eq!(c.doc(&key(&["actions", "0", "description"])).as_deref(), Some("trailing"));
    }

    #[test]
    fn rulers_and_non_ascii_text() {
        let text = "a: \"é\"  # café\n\n# === METRICS ===\nmetrics:\n  - \"m\"\n";
        let c = Comments::of(text);
        assert_eq!(c.doc(&key(&["a"])).as_deref(), Some("café"));
        assert_eq!(c.doc(&key(&["metrics"])).as_deref(), Some("METRICS"));
        assert!(Comments::of("a: 1\n").is_empty());
    }
}
