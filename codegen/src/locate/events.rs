//! YAML events with their positions, from libyaml: the same parser serde_yaml runs in the parse
//! stage, so a second YAML library is neither compiled nor needed for positions.
//!
//! This is the crate's only `unsafe` code. The invariants: the parser lives in a `Box` that never
//! moves, is initialised before use and deleted exactly once (in `Drop`); the text it reads is
//! borrowed for the parser's whole life (`'a`) and handed over a chunk at a time by [`read_chunk`]
//! through a cursor freed after the parser; every event is deleted right after it is copied.

use std::mem::MaybeUninit;
use unsafe_libyaml as unsafe_sys;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Scalar(String),
    Alias,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
    DocumentStart,
    /// Stream starts and ends, document ends.
    Boundary,
}

/// One event: what it is, where it starts (1-based line, 0-based character column) and the byte
/// range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: Kind,
    /// The node's tag as libyaml resolved it (`tag:yaml.org,2002:str` for `!!str`), if it has one.
    pub tag: Option<String>,
    /// A scalar written plain (not quoted, not a block scalar).
    pub plain: bool,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
}

pub struct Events<'a> {
    parser: Box<MaybeUninit<unsafe_sys::yaml_parser_t>>,
    /// Where the parser reads from: from `Box::into_raw`, so the pointer libyaml holds stays valid
    /// until `Drop` frees it.
    input: *mut Input,
    initialised: bool,
    finished: bool,
    _input: std::marker::PhantomData<&'a str>,
}

/// The part of the text libyaml has not read yet.
struct Input {
    next: *const u8,
    left: usize,
}

/// libyaml decodes everything a read hands it before it scans a token. Handing it the text a
/// chunk at a time means a walk that stops early (to locate a diagnostic near the top of a file)
/// decodes only what it reads, not the whole file.
const CHUNK: usize = 256;

/// libyaml's read callback over [`Input`].
///
/// # Safety
/// `data` is the `Input` of a live `Events`, whose text outlives it; `buffer` has room for `size`
/// bytes (libyaml's contract for read handlers).
unsafe fn read_chunk(data: *mut core::ffi::c_void, buffer: *mut u8, size: u64, size_read: *mut u64) -> i32 {
    // SAFETY: see the function's contract.
    unsafe {
        let input = &mut *(data as *mut Input);
        let n = input.left.min(CHUNK).min(usize::try_from(size).unwrap_or(usize::MAX));
        std::ptr::copy_nonoverlapping(input.next, buffer, n);
        input.next = input.next.add(n);
        input.left -= n;
        *size_read = n as u64;
    }
    1
}

impl<'a> Events<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut parser = Box::new(MaybeUninit::<unsafe_sys::yaml_parser_t>::uninit());
        let input = Box::into_raw(Box::new(Input { next: text.as_ptr(), left: text.len() }));
        // SAFETY: `parser` points to writable memory for a parser; initialise sets every field.
        // `input` describes `text`, which outlives `self` through `'a`, and is freed only in `Drop`,
        // after the parser.
        let initialised = unsafe {
            let p = parser.as_mut_ptr();
            let ok = unsafe_sys::yaml_parser_initialize(p).ok;
            if ok {
                unsafe_sys::yaml_parser_set_encoding(p, unsafe_sys::YAML_UTF8_ENCODING);
                unsafe_sys::yaml_parser_set_input(p, read_chunk, input.cast());
            }
            ok
        };
        Events { parser, input, initialised, finished: !initialised, _input: std::marker::PhantomData }
    }
}

impl Iterator for Events<'_> {
    type Item = Event;

    /// The next event; `None` at the end of the stream or at the first syntax error.
    fn next(&mut self) -> Option<Event> {
        if self.finished {
            return None;
        }
        let mut raw = MaybeUninit::<unsafe_sys::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new` (`finished` is set otherwise) and is not
        // called again after a failure or the end of the stream. An event is read only after
        // `yaml_parser_parse` succeeded, which fully initialises it; its scalar data is read only
        // for scalar events, and copied before the event is deleted.
        unsafe {
            let p = self.parser.as_mut_ptr();
            if unsafe_sys::yaml_parser_parse(p, raw.as_mut_ptr()).fail {
                self.finished = true;
                return None;
            }
            let e = &*raw.as_ptr();
            if e.type_ == unsafe_sys::YAML_NO_EVENT {
                // libyaml's answer after the end of the stream: nothing more will come.
                self.finished = true;
                unsafe_sys::yaml_event_delete(raw.as_mut_ptr());
                return None;
            }
            let (tag, plain) = match e.type_ {
                unsafe_sys::YAML_SCALAR_EVENT => {
                    (c_text(e.data.scalar.tag), e.data.scalar.style == unsafe_sys::YAML_PLAIN_SCALAR_STYLE)
                }
                unsafe_sys::YAML_SEQUENCE_START_EVENT => (c_text(e.data.sequence_start.tag), false),
                unsafe_sys::YAML_MAPPING_START_EVENT => (c_text(e.data.mapping_start.tag), false),
                _ => (None, false),
            };
            let kind = match e.type_ {
                unsafe_sys::YAML_SCALAR_EVENT => {
                    let bytes = std::slice::from_raw_parts(e.data.scalar.value, e.data.scalar.length as usize);
                    Kind::Scalar(String::from_utf8_lossy(bytes).into_owned())
                }
                unsafe_sys::YAML_ALIAS_EVENT => Kind::Alias,
                unsafe_sys::YAML_SEQUENCE_START_EVENT => Kind::SequenceStart,
                unsafe_sys::YAML_SEQUENCE_END_EVENT => Kind::SequenceEnd,
                unsafe_sys::YAML_MAPPING_START_EVENT => Kind::MappingStart,
                unsafe_sys::YAML_MAPPING_END_EVENT => Kind::MappingEnd,
                unsafe_sys::YAML_DOCUMENT_START_EVENT => Kind::DocumentStart,
                unsafe_sys::YAML_STREAM_END_EVENT => {
                    self.finished = true;
                    Kind::Boundary
                }
                _ => Kind::Boundary,
            };
            let event = Event {
                kind,
                tag,
                plain,
                line: e.start_mark.line as usize + 1,
                column: e.start_mark.column as usize,
                start: e.start_mark.index as usize,
                end: e.end_mark.index as usize,
            };
            unsafe_sys::yaml_event_delete(raw.as_mut_ptr());
            Some(event)
        }
    }
}

/// A NUL-terminated string from libyaml (a tag), copied; `None` for a null pointer.
///
/// # Safety
/// `p` is null or points to a NUL-terminated string that lives for the call.
unsafe fn c_text(p: *const u8) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: see the function's contract.
    let c = unsafe { std::ffi::CStr::from_ptr(p.cast()) };
    Some(c.to_string_lossy().into_owned())
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        if self.initialised {
            // SAFETY: initialised in `new` and deleted only here, once.
            unsafe { unsafe_sys::yaml_parser_delete(self.parser.as_mut_ptr()) }
        }
        // SAFETY: from `Box::into_raw` in `new`, freed only here, once, after the parser is gone.
        drop(unsafe { Box::from_raw(self.input) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_carry_positions() {
        let kinds: Vec<(Kind, usize, usize)> =
            Events::new("a: [x, \"é\"]\n").map(|e| (e.kind, e.line, e.column)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Boundary, 1, 0),
                (Kind::DocumentStart, 1, 0),
                (Kind::MappingStart, 1, 0),
                (Kind::Scalar("a".into()), 1, 0),
                (Kind::SequenceStart, 1, 3),
                (Kind::Scalar("x".into()), 1, 4),
                (Kind::Scalar("é".into()), 1, 7),
                (Kind::SequenceEnd, 1, 10),
                (Kind::MappingEnd, 2, 0),
                (Kind::Boundary, 2, 0),
                (Kind::Boundary, 2, 0),
            ]
        );
    }

    #[test]
    fn text_longer_than_a_chunk_reads_whole() {
        let text: String = (0..400).map(|i| format!("key_{i}: \"é{i}\"\n")).collect();
        assert!(text.len() > 4 * CHUNK);
        let scalars: Vec<String> = Events::new(&text)
            .filter_map(|e| match e.kind {
                Kind::Scalar(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(scalars.len(), 800);
        assert_eq!(scalars[799], "é399");
    }

    #[test]
    fn a_syntax_error_ends_the_events() {
        assert!(Events::new("a: [unclosed\n").count() < 10);
    }
}
