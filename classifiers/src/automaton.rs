//! The text automaton: every text pattern of every detector, found leftmost-first (earliest
//! start, then the earlier pattern) in one scan of the text, as if they were one regex.
//!
//! One lazy DFA over all ~100 patterns is correct but explodes in states: overlapping counted
//! repetitions over the same character classes multiply, the cache thrashes and the search
//! spends its time building states. So the patterns are split:
//!
//! - context-prefixed patterns (`SSN: 123456789`) are only searched on lines where one of their
//!   keywords occurs, found by one Aho-Corasick pass over the text;
//! - so are free patterns that every match of holds one of a few rare literals (`@` in an
//!   email, `AKIA` in an AWS key id, see [`literals`]): the same pass finds those literals;
//! - the other free patterns go into a few lazy DFAs ([`GROUP_SIZE`] patterns each), each
//!   with a small cache of its own.
//!
//! A [`Cursor`] merges the groups: it remembers each group's next match and only searches a
//! group again once the caller has moved past it, so every byte is scanned about once per
//! group, and the merged order is exactly that of the single union.
//!
//! [`ValuePatterns`] is the other automaton: every detector's pattern anchored at both ends,
//! one lazy DFA that reports every pattern a whole field value matches.

use crate::literals;
use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::hybrid;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::{Anchored, Input, Match, PatternID, PatternSet, meta};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Free patterns per lazy DFA: small enough that states do not multiply, large enough that
/// the text is not scanned too many times. Measured on production-like logs: the ~43 free
/// patterns without rare literals run fastest as two groups; as one they need over 4 MiB of
/// states per thread and thrash below that.
const GROUP_SIZE: usize = 22;

/// Lazy-DFA cache per group and thread. States beyond it are rebuilt, never a fallback to a
/// slower engine.
const CACHE_CAPACITY: usize = 2 << 20;

type PoolFn<T> =
    Box<dyn Fn() -> T + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;
type CacheFn = PoolFn<hybrid::regex::Cache>;

/// One lazy DFA with its per-thread caches. It never gives up and falls back to a slower
/// engine: high-entropy text makes many states, and rebuilding them is far cheaper than an
/// NFA simulation. Caches are pooled per thread: no lock on the hot path.
struct Dfa {
    re: Arc<hybrid::regex::Regex>,
    caches: Pool<hybrid::regex::Cache, CacheFn>,
}

impl Dfa {
    fn new(patterns: &[String]) -> Result<Dfa, String> {
        let dfa = hybrid::dfa::Config::new()
            .cache_capacity(CACHE_CAPACITY)
            .minimum_cache_clear_count(None)
            .minimum_bytes_per_state(None);
        let re = hybrid::regex::Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().utf8(true))
            .dfa(dfa)
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        let re = Arc::new(re);
        let for_pool = Arc::clone(&re);
        let create: CacheFn = Box::new(move || for_pool.create_cache());
        Ok(Dfa {
            re,
            caches: Pool::new(create),
        })
    }

    /// The leftmost-first match in `range` (look-around sees the whole text).
    fn find(
        &self,
        cache: &mut hybrid::regex::Cache,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> Option<Match> {
        let input = Input::new(text).range(range);
        // With no give-up limits and only ASCII word boundaries, the lazy DFA cannot fail.
        self.re.try_search(cache, &input).ok().flatten()
    }
}

/// A group of patterns and the index each has in the whole set.
struct Group {
    dfa: Dfa,
    ids: Vec<usize>,
}

impl Group {
    fn globalize(&self, m: Match) -> Match {
        Match::new(PatternID::must(self.ids[m.pattern().as_usize()]), m.range())
    }
}

/// Patterns searched only on lines where a keyword of theirs occurs: context-prefixed
/// patterns (their context phrases, starting a word) and free patterns with rare required
/// literals (`@`, `AKIA`, anywhere in the line).
struct Keyed {
    /// Each pattern alone (global index).
    patterns: Vec<(regex_automata::meta::Regex, usize)>,
    /// Every spelling of every context phrase and every required literal, ASCII
    /// case-insensitive.
    keywords: AhoCorasick,
    /// For each keyword, the context-prefixed patterns (indices into `patterns`) it
    /// belongs to: they count only where the keyword starts a word.
    users: Vec<Vec<usize>>,
    /// For each keyword, the patterns that require it as a literal, wherever it occurs.
    anywhere: Vec<Vec<usize>>,
}

/// A text pattern as the engine hands it over.
pub(crate) struct PatternSource {
    /// The regex.
    pub regex: String,
    /// For a context-prefixed pattern, its context phrases: words separated by one space, as
    /// the pattern writes them with an optional `[ _.'-]` between words. Every match starts
    /// its keyword with one of them, right after a non-alphanumeric byte.
    pub keywords: Option<Vec<String>>,
}

/// Every text pattern, compiled.
pub(crate) struct TextAutomaton {
    free: Vec<Group>,
    keyed: Option<Keyed>,
}

impl std::fmt::Debug for TextAutomaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextAutomaton")
            .field(
                "patterns",
                &(self.free.iter().map(|g| g.ids.len()).sum::<usize>()
                    + self.keyed.as_ref().map_or(0, |k| k.patterns.len())),
            )
            .field("free_groups", &self.free.len())
            .field("keyed", &self.keyed.is_some())
            .finish()
    }
}

/// A compile error and the pattern (index into the sources) that caused it, when known.
pub(crate) struct CompileError {
    pub pattern: Option<usize>,
    pub reason: String,
}

impl TextAutomaton {
    pub(crate) fn new(sources: &[PatternSource]) -> Result<TextAutomaton, CompileError> {
        let group_of = |ids: Vec<usize>| -> Result<Group, CompileError> {
            let regexes: Vec<String> = ids.iter().map(|&i| sources[i].regex.clone()).collect();
            let dfa = Dfa::new(&regexes).map_err(|reason| CompileError {
                pattern: ids
                    .iter()
                    .copied()
                    .find(|&i| Dfa::new(std::slice::from_ref(&sources[i].regex)).is_err()),
                reason,
            })?;
            Ok(Group { dfa, ids })
        };
        // Free patterns with rare required literals that keep to one line are searched like
        // keyed ones; the rest go into the lazy DFAs.
        let literals: Vec<Option<Vec<Vec<u8>>>> = sources
            .iter()
            .map(|src| {
                let hir = regex_syntax::parse(&src.regex).ok()?;
                if src.keywords.is_some() || literals::may_span_lines(&hir) {
                    return None;
                }
                literals::required_literals(&hir)
            })
            .collect();
        let free_ids: Vec<usize> = (0..sources.len())
            .filter(|&i| sources[i].keywords.is_none() && literals[i].is_none())
            .collect();
        let free = free_ids
            .chunks(GROUP_SIZE)
            .map(|c| group_of(c.to_vec()))
            .collect::<Result<Vec<_>, _>>()?;
        let keyed_ids: Vec<usize> = (0..sources.len())
            .filter(|&i| sources[i].keywords.is_some() || literals[i].is_some())
            .collect();
        let keyed = if keyed_ids.is_empty() {
            None
        } else {
            let mut words: Vec<Vec<u8>> = Vec::new();
            let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
            let mut users: Vec<Vec<usize>> = Vec::new();
            let mut anywhere: Vec<Vec<usize>> = Vec::new();
            let mut patterns = Vec::new();
            for (local, &i) in keyed_ids.iter().enumerate() {
                let re = regex_automata::meta::Regex::new(&sources[i].regex).map_err(|e| {
                    CompileError {
                        pattern: Some(i),
                        reason: e.to_string(),
                    }
                })?;
                patterns.push((re, i));
                let phrases = sources[i].keywords.iter().flatten();
                let context = phrases
                    .flat_map(|p| keyword_literals(p))
                    .map(|w| (w.into_bytes(), true));
                let required = literals[i].iter().flatten().map(|l| (l.clone(), false));
                for (w, is_context) in context.chain(required) {
                    // The search ignores ASCII case, so one keyword per folded spelling.
                    let w = w.to_ascii_lowercase();
                    let k = *index.entry(w.clone()).or_insert_with(|| {
                        words.push(w);
                        users.push(Vec::new());
                        anywhere.push(Vec::new());
                        words.len() - 1
                    });
                    let list = if is_context {
                        &mut users[k]
                    } else {
                        &mut anywhere[k]
                    };
                    if !list.contains(&local) {
                        list.push(local);
                    }
                }
            }
            // A full DFA: thousands of spellings, scanned over every byte, so transitions
            // must be one table lookup.
            let keywords = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .match_kind(MatchKind::Standard)
                .build(&words)
                .map_err(|e| CompileError {
                    pattern: None,
                    reason: format!("context keywords: {e}"),
                })?;
            Some(Keyed {
                patterns,
                keywords,
                users,
                anywhere,
            })
        };
        Ok(TextAutomaton { free, keyed })
    }

    /// A cursor over `text` for successive searches at increasing positions.
    pub(crate) fn cursor<'a, 't>(&'a self, text: &'t str) -> Cursor<'a, 't> {
        let groups = self.free.len() + usize::from(self.keyed.is_some());
        Cursor {
            automaton: self,
            text,
            next: vec![Slot::Unknown; groups],
            caches: self.free.iter().map(|_| None).collect(),
            last: 0,
        }
    }

    /// The leftmost-first keyed match starting at or after `from`. A keyed match contains
    /// one of its keywords (a context phrase starting a word, or a required literal anywhere)
    /// and ends on the same line; so only lines with a keyword are searched, only for the
    /// patterns of the keywords there, and a context-prefixed pattern only from at most a run
    /// of identifier bytes before its first keyword.
    fn find_keyed(&self, keyed: &Keyed, text: &str, from: usize) -> Option<Match> {
        let bytes = text.as_bytes();
        let input = aho_corasick::Input::new(text).range(from..);
        // (hit, whether it starts a word or an identifier segment, as context words must).
        let mut hits = keyed
            .keywords
            .find_overlapping_iter(input)
            .filter_map(|h| {
                let k = h.pattern().as_usize();
                let token = h.start() == 0 || !bytes[h.start() - 1].is_ascii_alphanumeric();
                let used = (token && !keyed.users[k].is_empty()) || !keyed.anywhere[k].is_empty();
                used.then_some((h, token))
            })
            .peekable();
        let mut candidates: Vec<usize> = Vec::new();
        while let Some((first, _)) = hits.peek().copied() {
            let line_start = memchr::memrchr(b'\n', &bytes[..first.start()]).map_or(0, |i| i + 1);
            let line_end = memchr::memchr(b'\n', &bytes[first.end()..])
                .map_or(bytes.len(), |i| first.end() + i);
            let floor = line_start.max(from);
            let walk_back = |mut at: usize| {
                while at > floor && is_key_byte(bytes[at - 1]) {
                    at -= 1;
                }
                at
            };
            let mut start = first.start();
            candidates.clear();
            while let Some((hit, token)) = hits.next_if(|(h, _)| h.start() < line_end) {
                let k = hit.pattern().as_usize();
                if token && !keyed.users[k].is_empty() {
                    start = start.min(walk_back(hit.start()));
                    candidates.extend(&keyed.users[k]);
                }
                if !keyed.anywhere[k].is_empty() {
                    start = floor;
                    candidates.extend(&keyed.anywhere[k]);
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let mut best: Option<Match> = None;
            for &p in &candidates {
                let (re, global) = &keyed.patterns[p];
                let Some(m) = re.search(&regex_automata::Input::new(text).range(start..line_end))
                else {
                    continue;
                };
                let m = Match::new(PatternID::must(*global), m.range());
                if best.is_none_or(|b| (m.start(), *global) < (b.start(), b.pattern().as_usize())) {
                    best = Some(m);
                }
            }
            if best.is_some() {
                return best;
            }
        }
        None
    }
}

/// The keyword literals of a context phrase: the spellings of its first words that every
/// spelling the pattern accepts starts with. The words are joined by nothing or one of
/// ` _.'-` (`d o b` → `dob`, `d.o.b`, `d-o-b`…), and only as many words are taken as make
/// four letters (`date of birth` → `date`, `tax id` → `taxid`, `tax_id`…): a short literal
/// set keeps the keyword automaton small enough to stay in cache, and the pattern itself
/// checks the rest of the phrase.
fn keyword_literals(phrase: &str) -> Vec<String> {
    const JOINERS: [&str; 6] = ["", " ", "_", ".", "'", "-"];
    const LETTERS: usize = 4;
    let mut words = phrase.split(' ').map(str::to_ascii_lowercase);
    let first = words.next().unwrap_or_default();
    let mut letters = first.len();
    let mut out = vec![first];
    for w in words {
        if letters >= LETTERS {
            break;
        }
        letters += w.len();
        out = out
            .iter()
            .flat_map(|prefix| JOINERS.map(|j| format!("{prefix}{j}{w}")))
            .collect();
    }
    out
}

/// Bytes that may come before a keyword inside its match: the identifier segments before it
/// (`customer_ssn`, `tax-id-de`); the keyword literal itself starts at its phrase's first word.
fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

#[derive(Clone, Copy, Debug)]
enum Slot {
    /// Not searched yet.
    Unknown,
    /// The group's next match at or after the position it was searched from.
    Found(Match),
    /// No match from the position it was searched from to the end.
    Exhausted,
}

/// Successive leftmost-first searches over one text at non-decreasing positions.
pub(crate) struct Cursor<'a, 't> {
    automaton: &'a TextAutomaton,
    text: &'t str,
    next: Vec<Slot>,
    /// Each free group's cache, taken from its pool on first use and kept while the cursor
    /// lives (a cursor searches its text many times).
    caches: Vec<Option<PoolGuard<'a, hybrid::regex::Cache, CacheFn>>>,
    last: usize,
}

impl Cursor<'_, '_> {
    /// The leftmost-first match of all patterns starting at or after `from`; on a tie, the
    /// pattern that comes first.
    pub(crate) fn find(&mut self, from: usize) -> Option<Match> {
        if from < self.last {
            // Searching backwards would make remembered matches wrong; start afresh.
            self.next.iter_mut().for_each(|s| *s = Slot::Unknown);
        }
        self.last = from;
        let a = self.automaton;
        let mut best: Option<Match> = None;
        for g in 0..self.next.len() {
            let stale = match self.next[g] {
                Slot::Unknown => true,
                Slot::Found(m) => m.start() < from,
                Slot::Exhausted => false,
            };
            if stale {
                let found = if g < a.free.len() {
                    let group = &a.free[g];
                    let cache = self.caches[g].get_or_insert_with(|| group.dfa.caches.get());
                    group
                        .dfa
                        .find(cache, self.text, from..self.text.len())
                        .map(|m| group.globalize(m))
                } else {
                    a.keyed
                        .as_ref()
                        .and_then(|k| a.find_keyed(k, self.text, from))
                };
                self.next[g] = found.map_or(Slot::Exhausted, Slot::Found);
            }
            if let Slot::Found(m) = self.next[g] {
                let better = best.is_none_or(|b| {
                    (m.start(), m.pattern().as_usize()) < (b.start(), b.pattern().as_usize())
                });
                if better {
                    best = Some(m);
                }
            }
        }
        best
    }
}

/// Lazy-DFA cache of the value patterns per thread: values are short and alike, so the
/// states a column needs are few, but the set is large.
const VALUE_CACHE_CAPACITY: usize = 64 << 20;

/// Every detector's pattern anchored at both ends (`^(?:…)$`): which of them a whole field
/// value matches. One lazy DFA reporting all matching patterns straight into a list, since a
/// value matches a handful of the hundreds of patterns; the same set as a meta regex answers
/// when the lazy DFA cannot (a Unicode word boundary in a custom pattern met non-ASCII text).
pub(crate) struct ValuePatterns {
    dfa: hybrid::dfa::DFA,
    /// Which value patterns a thread's cache belongs to.
    id: u64,
    fallback: meta::Regex,
}

thread_local! {
    /// The value patterns' lazy-DFA cache of this thread, for the patterns it was made for.
    /// Per thread, not per field scan: a scan of a wide table or a JSON document holds
    /// thousands of field scans at once. And not from a pool: every thread but the pool's
    /// owner would lock a shared stack for every value.
    static VALUE_CACHE: RefCell<Option<(u64, hybrid::dfa::Cache)>> = const { RefCell::new(None) };
}

impl std::fmt::Debug for ValuePatterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValuePatterns")
            .field("patterns", &self.fallback.pattern_len())
            .finish()
    }
}

impl ValuePatterns {
    /// Compiles the anchored patterns; the error names the first pattern that does not
    /// compile when it can be told.
    pub(crate) fn new(patterns: &[String]) -> Result<ValuePatterns, CompileError> {
        let whole_error = |e: String| CompileError {
            pattern: patterns.iter().position(|p| meta::Regex::new(p).is_err()),
            reason: e,
        };
        let fallback = meta::Regex::builder()
            .configure(
                meta::Config::new()
                    .match_kind(regex_automata::MatchKind::All)
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(256 << 20)),
            )
            .build_many(patterns)
            .map_err(|e| whole_error(e.to_string()))?;
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(256 << 20)),
            )
            .build_many(patterns)
            .map_err(|e| whole_error(e.to_string()))?;
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(regex_automata::MatchKind::All)
                    .cache_capacity(VALUE_CACHE_CAPACITY)
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa)
            .map_err(|e| whole_error(e.to_string()))?;
        static IDS: AtomicU64 = AtomicU64::new(0);
        Ok(ValuePatterns {
            dfa,
            id: IDS.fetch_add(1, Ordering::Relaxed),
            fallback,
        })
    }

    /// The patterns `value` matches as a whole, in pattern order, into `out`.
    pub(crate) fn matches(&self, value: &str, out: &mut Vec<usize>) {
        out.clear();
        let input = Input::new(value).anchored(Anchored::Yes);
        let walked = VALUE_CACHE.with(|slot| {
            let mut slot = slot.try_borrow_mut().ok()?;
            if slot.as_ref().is_none_or(|(id, _)| *id != self.id) {
                *slot = Some((self.id, self.dfa.create_cache()));
            }
            let (_, cache) = slot.as_mut()?;
            self.walk(cache, &input, out)
        });
        if walked.is_none() {
            out.clear();
            let mut set = PatternSet::new(self.fallback.pattern_len());
            self.fallback.which_overlapping_matches(&input, &mut set);
            out.extend(set.iter().map(|p| p.as_usize()));
            return;
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Walks the value through the lazy DFA by hand: every pattern is anchored at both ends,
    /// so the patterns that match are exactly those of the state after the end of input, and
    /// no overlapping search is needed. `None` when the lazy DFA cannot answer (its cache
    /// gave up, or a Unicode word boundary met non-ASCII text).
    fn walk(
        &self,
        cache: &mut hybrid::dfa::Cache,
        input: &Input<'_>,
        out: &mut Vec<usize>,
    ) -> Option<()> {
        let dfa = &self.dfa;
        let mut sid = dfa.start_state_forward(cache, input).ok()?;
        for &b in input.haystack() {
            sid = dfa.next_state(cache, sid, b).ok()?;
            if sid.is_tagged() {
                if sid.is_dead() {
                    return Some(());
                }
                if sid.is_quit() || sid.is_unknown() {
                    return None;
                }
            }
        }
        sid = dfa.next_eoi_state(cache, sid).ok()?;
        if sid.is_quit() || sid.is_unknown() {
            return None;
        }
        if sid.is_match() {
            out.extend(
                (0..dfa.match_len(cache, sid)).map(|i| dfa.match_pattern(cache, sid, i).as_usize()),
            );
        }
        Some(())
    }
}
