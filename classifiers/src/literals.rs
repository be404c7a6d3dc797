//! Required literals of a pattern: a set of byte strings such that every match contains at
//! least one of them (`@` for an email, `AKIA`/`ASIA` for an AWS key id). A pattern with a
//! rare enough set need not be scanned for everywhere: the text automaton looks for the
//! literals in its one keyword pass and searches the pattern only on lines where one occurs.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most literals a set may hold; larger sets are not worth a keyword each.
const MAX_LITERALS: usize = 64;

/// Characters a class may hold and still be expanded into literals (`[Bb]`, `[-_]`).
const MAX_CLASS_CHARS: usize = 6;

/// A set of literals, every match containing at least one.
type Set = Vec<Vec<u8>>;

/// The required literals of `hir` worth a keyword search, if there are any: each at least
/// three bytes long, or a lone byte that ordinary log text rarely holds.
pub(crate) fn required_literals(hir: &Hir) -> Option<Set> {
    let set = required(hir)?;
    let rare = |l: &Vec<u8>| l.len() >= 3 || l.as_slice() == b"@";
    (!set.is_empty() && set.iter().all(rare)).then_some(set)
}

/// Every literal set of which every match of `hir` holds one, read off its top-level
/// concatenation (`://`, `:` and `@` for a URL with credentials). A line that lacks one of
/// them holds no match, so a keyword hit there needs no search.
pub(crate) fn required_sets(hir: &Hir) -> Vec<Set> {
    let useful = |s: &Set| !s.is_empty() && s.iter().all(|l| !l.is_empty());
    match hir.kind() {
        HirKind::Capture(c) => required_sets(&c.sub),
        HirKind::Concat(subs) => subs.iter().filter_map(required).filter(useful).collect(),
        _ => required(hir).into_iter().filter(useful).collect(),
    }
}

/// Whether some match of `hir` may contain a line break.
pub(crate) fn may_span_lines(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(l) => l.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Repetition(r) => may_span_lines(&r.sub),
        HirKind::Capture(c) => may_span_lines(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(may_span_lines),
    }
}

/// The literals every match of `hir` contains one of; `None` when there is no such set.
fn required(hir: &Hir) -> Option<Set> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(_) | HirKind::Class(_) => exact(hir),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Repetition(_) => None,
        HirKind::Alternation(subs) => {
            let mut out: Set = Vec::new();
            for s in subs {
                out.extend(required(s)?);
                if out.len() > MAX_LITERALS {
                    return None;
                }
            }
            Some(dedup(out))
        }
        HirKind::Concat(subs) => {
            // Runs of children with an exact, small language join into longer literals
            // (`gh` `[pousr]` `_` → `ghp_`…); otherwise any one child's set will do.
            let mut best: Option<Set> = None;
            let mut run: Option<Set> = None;
            for s in subs {
                let next = match (exact(s), run.take()) {
                    (Some(e), Some(r)) => product(&r, &e).or(Some(e)),
                    (Some(e), None) => Some(e),
                    (None, _) => None,
                };
                if let Some(r) = &next {
                    best = better(best, r.clone());
                } else if let Some(req) = required(s) {
                    best = better(best, req);
                }
                run = next;
            }
            best
        }
    }
}

/// The whole language of `hir` when it is a small finite set of strings.
fn exact(hir: &Hir) -> Option<Set> {
    match hir.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Class(Class::Unicode(c)) => {
            let chars: Vec<char> = c
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .take(MAX_CLASS_CHARS + 1)
                .collect();
            (chars.len() <= MAX_CLASS_CHARS)
                .then(|| chars.iter().map(|ch| ch.to_string().into_bytes()).collect())
        }
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<u8> = c
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .take(MAX_CLASS_CHARS + 1)
                .collect();
            (bytes.len() <= MAX_CLASS_CHARS).then(|| bytes.iter().map(|b| vec![*b]).collect())
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Concat(subs) => subs
            .iter()
            .try_fold(vec![Vec::new()], |acc, s| product(&acc, &exact(s)?)),
        HirKind::Alternation(subs) => {
            let mut out = Vec::new();
            for s in subs {
                out.extend(exact(s)?);
            }
            (out.len() <= MAX_LITERALS).then(|| dedup(out))
        }
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Look(_) | HirKind::Repetition(_) => None,
    }
}

fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len() * b.len() > MAX_LITERALS {
        return None;
    }
    let out = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y.as_slice()].concat()))
        .collect();
    Some(dedup(out))
}

fn dedup(mut set: Set) -> Set {
    set.sort();
    set.dedup();
    set
}

/// The set worth searching for: the longest shortest literal, then the fewer literals.
fn better(current: Option<Set>, candidate: Set) -> Option<Set> {
    let score = |s: &Set| {
        let shortest = s.iter().map(Vec::len).min().unwrap_or(0);
        (shortest.min(8), usize::MAX - s.len())
    };
    match current {
        Some(c) if score(&c) >= score(&candidate) => Some(c),
        _ if candidate.iter().all(|l| !l.is_empty()) => Some(candidate),
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).expect("pattern");
        required_literals(&hir).map(|s| {
            s.into_iter()
                .map(|l| String::from_utf8(l).expect("utf8"))
                .collect()
        })
    }

    #[test]
    fn finds_the_literals_every_match_holds() {
        assert_eq!(
            lits(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}"),
            Some(vec!["@".into()])
        );
        assert_eq!(
            lits(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
            Some(vec!["AKIA".into(), "ASIA".into()])
        );
        assert_eq!(
            lits(r"\bgh[pousr]_[A-Za-z0-9]{36}\b").map(|s| s.len()),
            Some(5),
            "the class joins the literal around it"
        );
        assert_eq!(
            lits(r"xox[baprs]-[0-9A-Za-z-]{10,}"),
            Some(
                ["xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"]
                    .map(String::from)
                    .to_vec()
            )
        );
    }

    #[test]
    fn no_set_when_some_match_holds_none() {
        assert_eq!(
            lits(r"\b\d{3}-\d{2}-\d{4}\b"),
            None,
            "separators are too common"
        );
        assert_eq!(
            lits(r"(?:AKIA)?[0-9A-Z]{16}"),
            None,
            "an optional literal is not required"
        );
        assert_eq!(
            lits(r"AKIA[0-9]+|[a-z]+"),
            None,
            "one branch without a literal"
        );
        assert_eq!(lits(r"\bSt(?:reet)?\b"), None, "too short to be rare");
    }

    #[test]
    fn every_required_set_of_a_concatenation() {
        let hir = regex_syntax::parse(r"[a-z]+://[^:@/]+:[^@/]+@[a-z.]+").expect("pattern");
        let sets = required_sets(&hir);
        for lit in ["://", ":", "@"] {
            assert!(
                sets.contains(&vec![lit.as_bytes().to_vec()]),
                "{lit} in {sets:?}"
            );
        }
        let hir = regex_syntax::parse(r"(?:AKIA|ASIA)[0-9A-Z]{16}").expect("pattern");
        assert_eq!(
            required_sets(&hir),
            vec![vec![b"AKIA".to_vec(), b"ASIA".to_vec()]]
        );
        let hir = regex_syntax::parse(r"a?[0-9]+").expect("pattern");
        assert!(required_sets(&hir).is_empty(), "nothing is required");
    }

    #[test]
    fn line_breaks() {
        assert!(!may_span_lines(
            &regex_syntax::parse(r"[a-z]+@[a-z]+ \d").expect("p")
        ));
        assert!(may_span_lines(
            &regex_syntax::parse(r"-----BEGIN[\s\S]+?-----END").expect("p")
        ));
        assert!(may_span_lines(&regex_syntax::parse(r"a\sb").expect("p")));
    }
}
