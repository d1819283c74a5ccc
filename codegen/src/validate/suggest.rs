//! "Did you mean" for keys, type names and node types.

/// Edit distance between two strings, in characters; swapping two neighbours (`flaot`) counts as
/// one edit (optimal string alignment).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                cur[j + 1] = cur[j + 1].min(before[j - 1] + 1);
            }
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// How many letters one word has that the other lacks (the larger count; ASCII case ignored, and
/// 0 for non-ASCII words). An edit or a swap changes it by at most one, so it never exceeds
/// [`distance`].
fn bag_distance(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return 0;
    }
    let mut counts = [0i32; 128];
    for &c in a.as_bytes() {
        counts[usize::from(c.to_ascii_lowercase())] += 1;
    }
    for &c in b.as_bytes() {
        counts[usize::from(c.to_ascii_lowercase())] -= 1;
    }
    let (mut extra, mut missing) = (0, 0);
    for n in counts {
        if n > 0 {
            extra += n as usize;
        } else {
            missing += n.unsigned_abs() as usize;
        }
    }
    extra.max(missing)
}

/// The closest candidate, if it is close enough to be a likely typo: a different case, or an edit
/// distance of at most a third of the word (at least 1).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // The search is compiled once, not per kind of candidate list (about 1,300 lines of IR each).
    closest_of(word, &mut candidates.into_iter())
}

fn closest_of<'a>(word: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let word_chars = word.chars().count();
    for candidate in candidates {
        let candidate_chars = candidate.chars().count();
        let limit = (candidate_chars.max(word_chars) / 3).max(1);
        // Both bounds are at most the distance: most candidates stop here, before the full table.
        if candidate_chars.abs_diff(word_chars) > limit || bag_distance(&lower, candidate) > limit {
            continue;
        }
        let d =
            if candidate.eq_ignore_ascii_case(word) { 0 } else { distance(&lower, &candidate.to_ascii_lowercase()) };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let nodes = ["COMPUTE", "EFFECT", "REDUCER", "ORCHESTRATOR"];
        assert_eq!(closest("ORCHESTRATR", nodes), Some("ORCHESTRATOR"));
        assert_eq!(closest("compute", nodes), Some("COMPUTE"));
        assert_eq!(closest("INVALID_TYPE", nodes), None);
        assert_eq!(closest("flaot", ["string", "float", "integer"]), Some("float"));
        assert_eq!(closest("timeout_msec", ["timeout_ms", "name"]), Some("timeout_ms"));
        assert_eq!(distance("kitten", "sitting"), 3);
        for (a, b) in
            [("kitten", "sitting"), ("flaot", "float"), ("synth_00000_config", "applicable_node_types"), ("", "ab")]
        {
            assert!(bag_distance(a, b) <= distance(a, b), "{a} {b}");
        }
    }
}
