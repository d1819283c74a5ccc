//! Where a change is in a contract file: from a path through the checked model (a field of a
//! type, an item of a list) to the path in the YAML document that wrote it, for the locator.
//!
//! The same field can be written several ways (`field: type`, `properties:`, `items:`), and a list
//! of data merges its items, so the document itself is walked to find the place.

use super::types::Step;
use crate::locate::Seg;
use crate::parse::Yaml;

/// The YAML path of `steps` below `root` (a path into `doc`). Stops at the deepest node it can
/// reach: the locator then points at the nearest enclosing key, which is where the change is.
pub(super) fn resolve(doc: &Yaml, root: &[Seg], steps: &[Step]) -> Vec<Seg> {
    let mut path = root.to_vec();
    let Some(mut node) = at(doc, root) else { return path };
    // A typed input or output (`{name: x, type: ...}`): its type is under `type`.
    if let (Yaml::Map(_), Some(Seg::Index(_))) = (node, root.last()) {
        if let Some(ty) = node.get("type") {
            path.push(Seg::key("type"));
            node = ty;
        }
    }
    descend(node, &mut path, steps);
    path
}

/// The node at a YAML path.
pub(super) fn at<'d>(doc: &'d Yaml, path: &[Seg]) -> Option<&'d Yaml> {
    let mut node = doc;
    for seg in path {
        node = match (seg, node) {
            (Seg::Key(k), Yaml::Map(entries)) => entries.iter().find(|(e, _)| e.as_str() == &**k).map(|(_, v)| v)?,
            (Seg::Index(i), Yaml::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Walks `steps` from `node`, pushing the segments it finds; true when every step was found.
fn descend(node: &Yaml, path: &mut Vec<Seg>, steps: &[Step]) -> bool {
    let Some((step, rest)) = steps.split_first() else { return true };
    match (step, node) {
        (Step::Field(name), Yaml::Map(_)) => {
            if let Some(child) = node.get(name) {
                path.push(Seg::key(name));
                return descend(child, path, rest);
            }
            if let Some(child) = node.get("properties").and_then(|p| p.get(name)) {
                path.push(Seg::key("properties"));
                path.push(Seg::key(name));
                return descend(child, path, rest);
            }
            false
        }
        (Step::Item, Yaml::Seq(items)) => {
            // Data: the first item that has the rest of the path (the items' type merges them all).
            for (i, item) in items.iter().enumerate() {
                let mut trial = path.clone();
                trial.push(Seg::Index(i));
                if descend(item, &mut trial, rest) {
                    *path = trial;
                    return true;
                }
            }
            false
        }
        (Step::Item, Yaml::Map(_)) => match node.get("items") {
            Some(items) => {
                path.push(Seg::key("items"));
                descend(items, path, rest)
            }
            None => false,
        },
        (Step::Entry, Yaml::Map(_)) => match node.get("additionalProperties") {
            Some(values) => {
                path.push(Seg::key("additionalProperties"));
                descend(values, path, rest)
            }
            None => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Source;

    fn doc(text: &str) -> Yaml {
        crate::parse::parse(&Source { path: "t.yaml".into(), text: text.into() }).unwrap()
    }

    fn shown(path: &[Seg]) -> String {
        crate::locate::dotted(path)
    }

    #[test]
    fn fields_are_found_however_they_are_written() {
        let d = doc("m:\n  a: string\n  b:\n    type: object\n    properties:\n      c: integer\n  l:\n    type: array\n    items:\n      x: string\n");
        let root = [Seg::key("m")];
        let f = |s: &str| Step::Field(s.into());
        assert_eq!(shown(&resolve(&d, &root, &[f("a")])), "m.a");
        assert_eq!(shown(&resolve(&d, &root, &[f("b"), f("c")])), "m.b.properties.c");
        assert_eq!(shown(&resolve(&d, &root, &[f("l"), Step::Item, f("x")])), "m.l.items.x");
        // Not there (a removed field, looked up in the new file): as deep as it goes.
        assert_eq!(shown(&resolve(&d, &root, &[f("b"), f("zz")])), "m.b");
    }

    #[test]
    fn list_items_point_at_the_first_item_holding_the_key() {
        let d = doc("s:\n  - name: a\n  - name: b\n    extra: 1\n");
        let path = resolve(&d, &[Seg::key("s")], &[Step::Item, Step::Field("extra".into())]);
        assert_eq!(shown(&path), "s[1].extra");
    }

    #[test]
    fn typed_inputs_look_under_type() {
        let d = doc("actions:\n  - inputs:\n      - name: x\n        type:\n          type: object\n          properties:\n            y: string\n");
        let root = [Seg::key("actions"), Seg::Index(0), Seg::key("inputs"), Seg::Index(0)];
        let path = resolve(&d, &root, &[Step::Field("y".into())]);
        assert_eq!(shown(&path), "actions[0].inputs[0].type.properties.y");
    }
}
