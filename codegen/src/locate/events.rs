//! YAML events with their positions, from libyaml: the same parser serde_yaml runs in the parse
//! stage, so a second YAML library is neither compiled nor needed for positions.
//!
//! This is the crate's only `unsafe` code. The invariants: the parser lives in a `Box` that never
//! moves, is initialised before use and deleted exactly once (in `Drop`); the input it reads is
//! borrowed for the parser's whole life (`'a`); every event is deleted right after it is copied.

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
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
}

pub struct Events<'a> {
    parser: Box<MaybeUninit<unsafe_sys::yaml_parser_t>>,
    initialised: bool,
    finished: bool,
    _input: std::marker::PhantomData<&'a str>,
}

impl<'a> Events<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut parser = Box::new(MaybeUninit::<unsafe_sys::yaml_parser_t>::uninit());
        // SAFETY: `parser` points to writable memory for a parser; initialise sets every field.
        // The input pointer and length describe `text`, which outlives `self` through `'a`.
        let initialised = unsafe {
            let p = parser.as_mut_ptr();
            let ok = unsafe_sys::yaml_parser_initialize(p).ok;
            if ok {
                unsafe_sys::yaml_parser_set_encoding(p, unsafe_sys::YAML_UTF8_ENCODING);
                unsafe_sys::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
            }
            ok
        };
        Events { parser, initialised, finished: !initialised, _input: std::marker::PhantomData }
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

impl Drop for Events<'_> {
    fn drop(&mut self) {
        if self.initialised {
            // SAFETY: initialised in `new` and deleted only here, once.
            unsafe { unsafe_sys::yaml_parser_delete(self.parser.as_mut_ptr()) }
        }
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
    fn a_syntax_error_ends_the_events() {
        assert!(Events::new("a: [unclosed\n").count() < 10);
    }
}
