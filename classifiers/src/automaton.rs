//! The text automaton: every text pattern of every detector, found leftmost-first (earliest
//! start, then the earlier pattern) in one scan of the text, as if they were one regex.
//!
//! One lazy DFA over all ~100 patterns is correct but explodes in states: overlapping counted
//! repetitions over the same character classes multiply, the cache thrashes and the search
//! spends its time building states. So the patterns are split:
//!
//! - context-prefixed patterns (`SSN: 123456789`) are only searched on lines where one of their
//!   keywords occurs, found by one walk of a keyword automaton over the text;
//! - so are free patterns that every match of holds one of a few rare literals (`@` in an
//!   email, `AKIA` in an AWS key id, see [`literals`]): the same walk finds those literals;
//! - the other free patterns (~39) are one lazy DFA with a cache large enough for their
//!   states, searched ahead a window of whole lines at a time: the window's whole stream of
//!   matches is found in one walk (see [`lanes`]), and a search from any position is then a
//!   lookup. A pattern that may match a line break or nothing cannot be walked in lanes and
//!   is searched one match at a time (none of the built-ins).
//!
//! A [`Cursor`] merges the parts: it remembers each part's next match and only asks a part
//! again once the caller has moved past it, so the merged order is exactly that of the
//! single union.
//!
//! [`ValuePatterns`] is the other automaton: every detector's pattern anchored at both ends,
//! one lazy DFA that reports every pattern a whole field value matches.

use crate::lanes::{self, FreeSpare, Hit, KeywordSpare};
use crate::literals;
use aho_corasick::MatchKind;
use aho_corasick::automaton::{Automaton as _, StateID};
use regex_automata::hybrid;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::{Anchored, Input, Match, PatternID, PatternSet, meta};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Patterns per lazy DFA of those searched one match at a time.
const GROUP_SIZE: usize = 16;

/// Lazy-DFA cache of such a group per thread.
const CACHE_CAPACITY: usize = 2 << 20;

/// Lazy-DFA cache of the lane-walked free patterns per thread. Their union builds ~5-7 MiB
/// of states on a day of production-like logs and thrashes below 8 MiB (measured); states
/// beyond the cache are rebuilt, never a fallback to a slower engine.
const FREE_CACHE_CAPACITY: usize = 16 << 20;

/// Bytes of whole lines searched ahead at a time; a longer line is taken whole.
const WINDOW: usize = 64 << 10;

/// Texts shorter than this (field values, single lines) are searched one match at a time:
/// walking ahead costs more than it saves on them.
const AHEAD_FROM: usize = 4 << 10;

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
    fn new(patterns: &[String], capacity: usize) -> Result<Dfa, String> {
        let dfa = hybrid::dfa::Config::new()
            .cache_capacity(capacity)
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
    /// The searches a keyword calls for: the context-prefixed patterns of one set of phrases
    /// (one class) together, each literal-gated pattern alone.
    searches: Vec<KeyedSearch>,
    /// Every spelling of every context phrase and every required literal, ASCII
    /// case-insensitive, as one DFA walked over the whole text.
    keywords: aho_corasick::dfa::DFA,
    /// Its unanchored start state.
    start: StateID,
    /// For each keyword, the searches (indices into `searches`) of the context-prefixed
    /// patterns it belongs to: they count only where the keyword starts a word.
    users: Vec<Vec<usize>>,
    /// For each keyword, the rest of each context phrase it begins (`billing` → `address`):
    /// the words that must follow it, each after an optional `[ _.'-]`. An empty rest means
    /// the keyword is a whole phrase.
    rests: Vec<Vec<Vec<Vec<u8>>>>,
    /// For each keyword, the searches of the patterns that require it as a literal,
    /// wherever it occurs.
    anywhere: Vec<Vec<usize>>,
}

/// One search of the keyed patterns.
struct KeyedSearch {
    /// The patterns, leftmost-first: the leftmost match, on a tie the pattern that comes first.
    re: regex_automata::meta::Regex,
    /// The global index of each of its patterns, in order.
    globals: Vec<usize>,
    /// For a literal-gated pattern, the literal sets every match holds one of: a line lacking
    /// one is not searched.
    conjuncts: Vec<Vec<Vec<u8>>>,
}

impl KeyedSearch {
    /// Whether `line` holds a literal of each conjunct set.
    fn may_match(&self, line: &[u8]) -> bool {
        self.conjuncts.iter().all(|set| {
            set.iter().any(|lit| match lit.as_slice() {
                [b] => memchr::memchr(*b, line).is_some(),
                lit => memchr::memmem::find(line, lit).is_some(),
            })
        })
    }
}

impl Keyed {
    /// Whether a keyword occurrence can lead to a match: a context phrase, starting a word
    /// (or an identifier segment, as context words may be) and spelled out whole, or a
    /// required literal anywhere.
    fn used(&self, text: &[u8], hit: &Hit) -> bool {
        self.starts_phrase(text, hit) || !self.anywhere[hit.keyword].is_empty()
    }

    /// Whether a keyword occurrence begins one of its context phrases.
    fn starts_phrase(&self, text: &[u8], hit: &Hit) -> bool {
        let k = hit.keyword;
        !self.users[k].is_empty()
            && starts_token(text, hit.start)
            && self.rests[k]
                .iter()
                .any(|rest| follows(text, hit.end, rest))
    }
}

/// Whether `words` follow at `at`, each after an optional joiner, ignoring ASCII case: what a
/// context phrase's `word[ _.'-]?word` requires.
fn follows(text: &[u8], at: usize, words: &[Vec<u8>]) -> bool {
    let Some((word, rest)) = words.split_first() else {
        return true;
    };
    let here = |at: usize| {
        text.get(at..at + word.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(word))
            && follows(text, at + word.len(), rest)
    };
    here(at) || (text.get(at).is_some_and(|b| JOINERS.contains(b)) && here(at + 1))
}

fn starts_token(text: &[u8], at: usize) -> bool {
    at == 0 || !text[at - 1].is_ascii_alphanumeric()
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
    /// The free patterns walked ahead in lanes, one lazy DFA.
    free: Option<Group>,
    /// Free patterns searched one match at a time (they may match a line break or nothing).
    direct: Vec<Group>,
    keyed: Option<Keyed>,
}

impl std::fmt::Debug for TextAutomaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextAutomaton")
            .field("free", &self.free.as_ref().map_or(0, |g| g.ids.len()))
            .field(
                "direct",
                &self.direct.iter().map(|g| g.ids.len()).sum::<usize>(),
            )
            .field(
                "keyed",
                &self.keyed.as_ref().map_or(0, |k| {
                    k.searches.iter().map(|s| s.globals.len()).sum::<usize>()
                }),
            )
            .finish()
    }
}

/// A compile error and the pattern (index into the sources) that caused it, when known.
#[derive(Debug)]
pub(crate) struct CompileError {
    pub pattern: Option<usize>,
    pub reason: String,
}

/// How a free pattern is searched.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    /// Only on lines holding one of its keywords or required literals.
    Keyed,
    /// Walked ahead in lanes.
    Lanes,
    /// One match at a time.
    Direct,
}

impl TextAutomaton {
    pub(crate) fn new(sources: &[PatternSource]) -> Result<TextAutomaton, CompileError> {
        TextAutomaton::build(sources, FREE_CACHE_CAPACITY)
    }

    fn build(
        sources: &[PatternSource],
        free_capacity: usize,
    ) -> Result<TextAutomaton, CompileError> {
        let group_of = |ids: Vec<usize>, capacity: usize| -> Result<Group, CompileError> {
            let regexes: Vec<String> = ids.iter().map(|&i| sources[i].regex.clone()).collect();
            let dfa = Dfa::new(&regexes, capacity).map_err(|reason| CompileError {
                pattern: ids.iter().copied().find(|&i| {
                    Dfa::new(std::slice::from_ref(&sources[i].regex), capacity).is_err()
                }),
                reason,
            })?;
            Ok(Group { dfa, ids })
        };
        // Free patterns with rare required literals that keep to one line are searched like
        // keyed ones; the rest are walked in lanes, unless a match may cross a line or be
        // empty.
        let mut literals: Vec<Option<Vec<Vec<u8>>>> = vec![None; sources.len()];
        let ways: Vec<Way> = sources
            .iter()
            .zip(&mut literals)
            .map(|(src, lits)| {
                if src.keywords.is_some() {
                    return Way::Keyed;
                }
                let Ok(hir) = regex_syntax::parse(&src.regex) else {
                    return Way::Direct;
                };
                if literals::may_span_lines(&hir) || hir.properties().minimum_len() == Some(0) {
                    return Way::Direct;
                }
                *lits = literals::required_literals(&hir);
                if lits.is_some() {
                    Way::Keyed
                } else {
                    Way::Lanes
                }
            })
            .collect();
        let of_way =
            |way: Way| -> Vec<usize> { (0..sources.len()).filter(|&i| ways[i] == way).collect() };
        let lane_ids = of_way(Way::Lanes);
        let free = if lane_ids.is_empty() {
            None
        } else {
            Some(group_of(lane_ids, free_capacity)?)
        };
        let direct = of_way(Way::Direct)
            .chunks(GROUP_SIZE)
            .map(|c| group_of(c.to_vec(), CACHE_CAPACITY))
            .collect::<Result<Vec<_>, _>>()?;
        let keyed_ids = of_way(Way::Keyed);
        let keyed = if keyed_ids.is_empty() {
            None
        } else {
            let mut words: Vec<Vec<u8>> = Vec::new();
            let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
            let mut users: Vec<Vec<usize>> = Vec::new();
            let mut rests: Vec<Vec<Vec<Vec<u8>>>> = Vec::new();
            let mut anywhere: Vec<Vec<usize>> = Vec::new();
            // Context-prefixed patterns with the same phrases (one class) are one search.
            let mut members: Vec<Vec<usize>> = Vec::new();
            let mut by_phrases: HashMap<&[String], usize> = HashMap::new();
            for &i in &keyed_ids {
                let fresh = |members: &mut Vec<Vec<usize>>| {
                    members.push(Vec::new());
                    members.len() - 1
                };
                let group = match &sources[i].keywords {
                    Some(phrases) => *by_phrases
                        .entry(phrases.as_slice())
                        .or_insert_with(|| fresh(&mut members)),
                    None => fresh(&mut members),
                };
                members[group].push(i);
            }
            let mut searches: Vec<KeyedSearch> = Vec::new();
            for (local, ids) in members.into_iter().enumerate() {
                let regexes: Vec<&str> = ids.iter().map(|&i| sources[i].regex.as_str()).collect();
                let re =
                    regex_automata::meta::Regex::new_many(&regexes).map_err(|e| CompileError {
                        pattern: ids.iter().copied().find(|&i| {
                            regex_automata::meta::Regex::new(&sources[i].regex).is_err()
                        }),
                        reason: e.to_string(),
                    })?;
                // A group shares its phrases; a literal-gated pattern is a group of its own.
                let first = ids[0];
                let conjuncts = match sources[first].keywords {
                    None => regex_syntax::parse(&sources[first].regex)
                        .map(|hir| literals::required_sets(&hir))
                        .unwrap_or_default(),
                    Some(_) => Vec::new(),
                };
                let phrases = sources[first].keywords.iter().flatten();
                let context = phrases.flat_map(|p| {
                    let (spellings, rest) = keyword_literals(p);
                    spellings
                        .into_iter()
                        .map(move |w| (w.into_bytes(), Some(rest.clone())))
                });
                let required = literals[first].iter().flatten().map(|l| (l.clone(), None));
                for (w, rest) in context.chain(required) {
                    // The search ignores ASCII case, so one keyword per folded spelling.
                    let w = w.to_ascii_lowercase();
                    let k = *index.entry(w.clone()).or_insert_with(|| {
                        words.push(w);
                        users.push(Vec::new());
                        rests.push(Vec::new());
                        anywhere.push(Vec::new());
                        words.len() - 1
                    });
                    let list = match rest {
                        Some(rest) => {
                            if !rests[k].contains(&rest) {
                                rests[k].push(rest);
                            }
                            &mut users[k]
                        }
                        None => &mut anywhere[k],
                    };
                    if !list.contains(&local) {
                        list.push(local);
                    }
                }
                searches.push(KeyedSearch {
                    re,
                    globals: ids,
                    conjuncts,
                });
            }
            let compile_error = |e: String| CompileError {
                pattern: None,
                reason: format!("context keywords: {e}"),
            };
            if words.iter().any(|w| w.contains(&b'\n')) {
                return Err(compile_error("a keyword holds a line break".into()));
            }
            // A full DFA: thousands of spellings, walked over every byte, so transitions
            // must be one table lookup. Unanchored with standard semantics, so it never
            // dies and reports every occurrence.
            let keywords = aho_corasick::dfa::DFA::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(&words)
                .map_err(|e| compile_error(e.to_string()))?;
            let start = keywords
                .start_state(aho_corasick::Anchored::No)
                .map_err(|e| compile_error(e.to_string()))?;
            Some(Keyed {
                searches,
                keywords,
                start,
                users,
                rests,
                anywhere,
            })
        };
        Ok(TextAutomaton {
            free,
            direct,
            keyed,
        })
    }

    /// A cursor over `text` for successive searches at increasing positions.
    pub(crate) fn cursor<'a, 't>(&'a self, text: &'t str) -> Cursor<'a, 't> {
        Cursor {
            automaton: self,
            text,
            next: [Slot::Unknown; 2],
            next_direct: vec![Slot::Unknown; self.direct.len()],
            free_cache: None,
            direct_caches: self.direct.iter().map(|_| None).collect(),
            ahead: Ahead::default(),
            hits: Hits::default(),
            candidates: Vec::new(),
            last: 0,
        }
    }
}

/// What may join two words of a context phrase (`date_of_birth`, `d.o.b`, `e-mail`).
const JOINERS: &[u8] = b" _.'-";

/// The ways two words of a phrase may be spelled together: no joiner, or one of [`JOINERS`].
const SPELLED_JOINERS: [&str; 6] = ["", " ", "_", ".", "'", "-"];

/// The keyword literals of a context phrase and the words after them: the spellings of its
/// first words that every spelling the pattern accepts starts with. The words are joined by
/// nothing or one of [`JOINERS`] (`d o b` → `dob`, `d.o.b`, `d-o-b`…), and only as many
/// words are taken as make four letters (`date of birth` → `date`, `tax id` → `taxid`,
/// `tax_id`…): a short literal set keeps the keyword automaton small enough to stay in
/// cache; the rest of the phrase (`of birth`) is checked where a keyword occurs.
fn keyword_literals(phrase: &str) -> (Vec<String>, Vec<Vec<u8>>) {
    const LETTERS: usize = 4;
    let mut words = phrase.split(' ').map(str::to_ascii_lowercase);
    let first = words.next().unwrap_or_default();
    let mut letters = first.len();
    let mut out = vec![first];
    let mut rest = Vec::new();
    for w in words {
        if letters >= LETTERS {
            rest.push(w.into_bytes());
            continue;
        }
        letters += w.len();
        out = out
            .iter()
            .flat_map(|prefix| SPELLED_JOINERS.map(|j| format!("{prefix}{j}{w}")))
            .collect();
    }
    (out, rest)
}

/// Bytes that may come before a keyword inside its match: the identifier segments before it
/// (`customer_ssn`, `tax-id-de`); the keyword literal itself starts at its phrase's first word.
fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

/// The window of whole lines searched ahead for a search from `from`: from the start of
/// `from`'s line to the end of the line [`WINDOW`] bytes on.
fn window_at(text: &[u8], from: usize) -> std::ops::Range<usize> {
    let start = memchr::memrchr(b'\n', &text[..from]).map_or(0, |i| i + 1);
    let want = (start + WINDOW).max(from);
    let end = if want >= text.len() {
        text.len()
    } else {
        memchr::memchr(b'\n', &text[want..]).map_or(text.len(), |i| want + i + 1)
    };
    start..end
}

#[derive(Clone, Copy, Debug)]
enum Slot {
    /// Not searched yet.
    Unknown,
    /// The part's next match at or after the position it was searched from.
    Found(Match),
    /// No match from the position it was searched from to the end.
    Exhausted,
}

/// The free patterns' matches in one window, found ahead.
#[derive(Default)]
struct Ahead {
    /// The window; empty before the first search.
    span: std::ops::Range<usize>,
    /// Whether `matches` is the window's stream (else the lanes gave up on it).
    exact: bool,
    /// The leftmost-first stream of the window (local pattern ids), in order.
    matches: Vec<Match>,
    spare: FreeSpare,
}

/// The used keyword occurrences of one window.
#[derive(Default)]
struct Hits {
    /// The window; empty before the first search.
    span: std::ops::Range<usize>,
    hits: Vec<Hit>,
    spare: KeywordSpare,
}

/// Successive leftmost-first searches over one text at non-decreasing positions.
pub(crate) struct Cursor<'a, 't> {
    automaton: &'a TextAutomaton,
    text: &'t str,
    /// The next match of the free patterns and of the keyed patterns.
    next: [Slot; 2],
    /// The next match of each direct group.
    next_direct: Vec<Slot>,
    /// Caches taken from their pools on first use and kept while the cursor lives (a
    /// cursor searches its text many times).
    free_cache: Option<PoolGuard<'a, hybrid::regex::Cache, CacheFn>>,
    direct_caches: Vec<Option<PoolGuard<'a, hybrid::regex::Cache, CacheFn>>>,
    ahead: Ahead,
    hits: Hits,
    /// Scratch: the keyed searches a line's keywords call for.
    candidates: Vec<usize>,
    last: usize,
}

impl<'a> Cursor<'a, '_> {
    /// The leftmost-first match of all patterns starting at or after `from`; on a tie, the
    /// pattern that comes first.
    pub(crate) fn find(&mut self, from: usize) -> Option<Match> {
        if from < self.last {
            // Searching backwards would make remembered matches wrong; start afresh.
            self.next = [Slot::Unknown; 2];
            self.next_direct.iter_mut().for_each(|s| *s = Slot::Unknown);
        }
        self.last = from;
        let stale = |slot: &Slot| match slot {
            Slot::Unknown => true,
            Slot::Found(m) => m.start() < from,
            Slot::Exhausted => false,
        };
        let slot = |found: Option<Match>| found.map_or(Slot::Exhausted, Slot::Found);
        if stale(&self.next[0]) {
            self.next[0] = slot(self.next_free(from));
        }
        if stale(&self.next[1]) {
            self.next[1] = slot(self.next_keyed(from));
        }
        for (g, group) in self.automaton.direct.iter().enumerate() {
            if stale(&self.next_direct[g]) {
                let cache = self.direct_caches[g].get_or_insert_with(|| group.dfa.caches.get());
                let found = group.dfa.find(cache, self.text, from..self.text.len());
                self.next_direct[g] = slot(found.map(|m| group.globalize(m)));
            }
        }
        let mut best: Option<Match> = None;
        for s in self.next.iter().chain(&self.next_direct) {
            if let Slot::Found(m) = *s {
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

    /// The leftmost-first match of the lane-walked free patterns starting at or after
    /// `from`. A window's stream answers for any `from` outside its matches: a search from
    /// a position between two matches of the stream finds the second (none starts between
    /// them, and a match depends only on where it starts). From inside a match (a name
    /// retried a word later), the line is searched directly.
    fn next_free(&mut self, mut from: usize) -> Option<Match> {
        let group = self.automaton.free.as_ref()?;
        let text = self.text;
        let bytes = text.as_bytes();
        while from < text.len() {
            if !self.ahead.span.contains(&from) && text.len() >= AHEAD_FROM {
                self.fill_ahead(group, window_at(bytes, from));
            }
            if self.ahead.exact {
                let list = &self.ahead.matches;
                let i = list.partition_point(|m| m.start() < from);
                if i == 0 || list[i - 1].end() <= from {
                    match list.get(i) {
                        Some(&m) => return Some(group.globalize(m)),
                        None => {
                            from = self.ahead.span.end;
                            continue;
                        }
                    }
                }
            }
            // No pattern here matches a line break, so the rest of the line is enough.
            let line_end = memchr::memchr(b'\n', &bytes[from..]).map_or(text.len(), |i| from + i);
            let cache = self
                .free_cache
                .get_or_insert_with(|| group.dfa.caches.get());
            if let Some(m) = group.dfa.find(cache, text, from..line_end) {
                return Some(group.globalize(m));
            }
            from = line_end + 1;
        }
        None
    }

    fn fill_ahead(&mut self, group: &'a Group, span: std::ops::Range<usize>) {
        let cache = self
            .free_cache
            .get_or_insert_with(|| group.dfa.caches.get());
        let ahead = &mut self.ahead;
        ahead.span = span.clone();
        ahead.matches.clear();
        ahead.exact = lanes::free_matches(
            &group.dfa.re,
            cache,
            self.text,
            span,
            &mut ahead.matches,
            &mut ahead.spare,
        )
        .is_ok();
    }

    /// The leftmost-first keyed match starting at or after `from`. A keyed match contains
    /// one of its keywords (a context phrase starting a word, or a required literal anywhere)
    /// and ends on the same line; so only lines with a keyword are searched, only for the
    /// patterns of the keywords there, and a context-prefixed pattern only from at most a run
    /// of identifier bytes before its first keyword.
    fn next_keyed(&mut self, mut from: usize) -> Option<Match> {
        let keyed = self.automaton.keyed.as_ref()?;
        let text = self.text;
        let bytes = text.as_bytes();
        while from < text.len() {
            if !self.hits.span.contains(&from) {
                let span = window_at(bytes, from);
                self.hits.span = span.clone();
                self.hits.hits.clear();
                lanes::keyword_hits(
                    &keyed.keywords,
                    keyed.start,
                    text,
                    span,
                    |h| keyed.used(bytes, h),
                    &mut self.hits.hits,
                    &mut self.hits.spare,
                );
            }
            let hits = &self.hits.hits;
            // Hits are in end order; those starting before `from` are not in the search.
            let mut i = hits.partition_point(|h| h.end <= from);
            while let Some(first) = hits[i..].iter().position(|h| h.start >= from) {
                let first = hits[i + first];
                let line_start = memchr::memrchr(b'\n', &bytes[..first.start]).map_or(0, |i| i + 1);
                let line_end = memchr::memchr(b'\n', &bytes[first.end..])
                    .map_or(bytes.len(), |i| first.end + i);
                let floor = line_start.max(from);
                let walk_back = |mut at: usize| {
                    while at > floor && is_key_byte(bytes[at - 1]) {
                        at -= 1;
                    }
                    at
                };
                let mut start = first.start;
                let candidates = &mut self.candidates;
                candidates.clear();
                while let Some(hit) = hits.get(i).filter(|h| h.start < line_end) {
                    i += 1;
                    if hit.start < from {
                        continue;
                    }
                    let k = hit.keyword;
                    if keyed.starts_phrase(bytes, hit) {
                        start = start.min(walk_back(hit.start));
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
                for &c in candidates.iter() {
                    let search = &keyed.searches[c];
                    if !search.may_match(&bytes[floor..line_end]) {
                        continue;
                    }
                    let Some(m) = search.re.search(&Input::new(text).range(start..line_end)) else {
                        continue;
                    };
                    let global = search.globals[m.pattern().as_usize()];
                    let m = Match::new(PatternID::must(global), m.range());
                    if best
                        .is_none_or(|b| (m.start(), global) < (b.start(), b.pattern().as_usize()))
                    {
                        best = Some(m);
                    }
                }
                if best.is_some() {
                    return best;
                }
            }
            from = self.hits.span.end;
        }
        None
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
    static VALUE_CACHE: RefCell<Option<ValueCache>> = const { RefCell::new(None) };
}

/// A thread's cache of the value patterns.
struct ValueCache {
    /// Which value patterns it belongs to.
    id: u64,
    dfa: hybrid::dfa::Cache,
    /// The last match state read at the end of a value, in which clear of the cache (a clear
    /// renumbers states), and its patterns: a column's values mostly end in the same state,
    /// and reading a state's patterns decodes it.
    last_end: (usize, hybrid::LazyStateID, Vec<usize>),
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
        let walked = self.with_cache(|vc| {
            let sid = self.dfa.start_state_forward(&mut vc.dfa, &input).ok()?;
            self.walk_from(vc, sid, value.as_bytes(), 0, out)
        });
        if walked.is_none() {
            out.clear();
            let mut set = PatternSet::new(self.fallback.pattern_len());
            self.fallback.which_overlapping_matches(&input, &mut set);
            out.extend(set.iter().map(|p| p.as_usize()));
        }
    }

    /// [`Self::matches`] of two values at once: their walks are independent chains of table
    /// lookups, so walking them in lockstep overlaps the two (a column is mostly values of
    /// the same shape and length).
    pub(crate) fn matches_pair(&self, [a, b]: [&str; 2], [out_a, out_b]: [&mut Vec<usize>; 2]) {
        out_a.clear();
        out_b.clear();
        let walked = self.with_cache(|vc| self.walk_pair(vc, [a, b], [out_a, out_b]));
        if walked.is_none() {
            self.matches(a, out_a);
            self.matches(b, out_b);
        }
    }

    /// Runs `walk` with this thread's cache of the value patterns.
    fn with_cache<T>(&self, walk: impl FnOnce(&mut ValueCache) -> Option<T>) -> Option<T> {
        VALUE_CACHE.with(|slot| {
            let mut slot = slot.try_borrow_mut().ok()?;
            if slot.as_ref().is_none_or(|vc| vc.id != self.id) {
                *slot = Some(ValueCache {
                    id: self.id,
                    dfa: self.dfa.create_cache(),
                    last_end: (usize::MAX, hybrid::LazyStateID::default(), Vec::new()),
                });
            }
            walk(slot.as_mut()?)
        })
    }

    /// Walks both values in lockstep while both live, then each alone. `None` when the lazy
    /// DFA cannot answer, or its cache was cleared meanwhile (a clear makes the state of the
    /// other walk meaningless).
    fn walk_pair(
        &self,
        vc: &mut ValueCache,
        [a, b]: [&str; 2],
        [out_a, out_b]: [&mut Vec<usize>; 2],
    ) -> Option<()> {
        let dfa = &self.dfa;
        let cache = &mut vc.dfa;
        let clears = cache.clear_count();
        let anchored = |v| Input::new(v).anchored(Anchored::Yes);
        let mut sa = dfa.start_state_forward(cache, &anchored(a)).ok()?;
        let mut sb = dfa.start_state_forward(cache, &anchored(b)).ok()?;
        let (ha, hb) = (a.as_bytes(), b.as_bytes());
        let n = ha.len().min(hb.len());
        let mut k = 0;
        while k < n && !sa.is_dead() && !sb.is_dead() {
            if !sa.is_tagged() && !sb.is_tagged() {
                k += lanes::lockstep(dfa, cache, [&ha[k..n], &hb[k..n]], [&mut sa, &mut sb]);
                if k == n {
                    break;
                }
            }
            sa = dfa.next_state(cache, sa, ha[k]).ok()?;
            sb = dfa.next_state(cache, sb, hb[k]).ok()?;
            k += 1;
            if cache.clear_count() != clears
                || [sa, sb].iter().any(|s| s.is_quit() || s.is_unknown())
            {
                return None;
            }
        }
        self.walk_from(vc, sa, ha, k, out_a)?;
        if vc.dfa.clear_count() != clears {
            return None;
        }
        self.walk_from(vc, sb, hb, k, out_b)
    }

    /// Walks `value[at..]` from `sid` by hand: every pattern is anchored at both ends, so the
    /// patterns that match are exactly those of the state after the end of input, and no
    /// overlapping search is needed. `None` when the lazy DFA cannot answer (its cache gave
    /// up, or a Unicode word boundary met non-ASCII text).
    fn walk_from(
        &self,
        vc: &mut ValueCache,
        mut sid: hybrid::LazyStateID,
        value: &[u8],
        at: usize,
        out: &mut Vec<usize>,
    ) -> Option<()> {
        let dfa = &self.dfa;
        let cache = &mut vc.dfa;
        if sid.is_dead() {
            return Some(());
        }
        for &b in &value[at..] {
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
            let (clears, last, patterns) = &mut vc.last_end;
            if (*clears, *last) != (cache.clear_count(), sid) {
                patterns.clear();
                patterns.extend(
                    (0..dfa.match_len(cache, sid))
                        .map(|i| dfa.match_pattern(cache, sid, i).as_usize()),
                );
                // In pattern order, each once, as the callers want them: sorted here once
                // per state rather than for every value.
                patterns.sort_unstable();
                patterns.dedup();
                (*clears, *last) = (cache.clear_count(), sid);
            }
            out.extend_from_slice(patterns);
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match of `re` from `from` on, one search after another, as the library finds it.
    fn library_stream(group: &Group, text: &str) -> Vec<Match> {
        let mut cache = group.dfa.re.create_cache();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(m) = group.dfa.find(&mut cache, text, from..text.len()) {
            from = m.end();
            out.push(group.globalize(m));
        }
        out
    }

    /// The free patterns' next match from every position in `positions`, through the
    /// cursor (lanes, windows, direct searches) and straight from the library.
    fn assert_free_agrees(automaton: &TextAutomaton, text: &str, positions: &[usize]) {
        let group = automaton.free.as_ref().expect("free patterns");
        let mut cache = group.dfa.re.create_cache();
        let mut cursor = automaton.cursor(text);
        for &from in positions {
            let want = group
                .dfa
                .find(&mut cache, text, from..text.len())
                .map(|m| group.globalize(m));
            assert_eq!(cursor.next_free(from), want, "from {from}");
        }
    }

    /// Positions worth asking from: every match boundary and its neighbours, the first
    /// bytes of lines, and every 97th byte.
    fn positions(stream: &[Match], text: &str) -> Vec<usize> {
        let mut at: Vec<usize> = stream
            .iter()
            .flat_map(|m| [m.start(), m.start() + 1, m.end() - 1, m.end(), m.end() + 1])
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .chain((0..text.len()).step_by(97))
            .filter(|&p| p <= text.len() && text.is_char_boundary(p))
            .collect();
        at.sort_unstable();
        at.dedup();
        at
    }

    fn engine() -> &'static crate::engine::Engine {
        static ENGINE: std::sync::LazyLock<crate::engine::Engine> =
            std::sync::LazyLock::new(crate::engine::Engine::builtin);
        &ENGINE
    }

    #[test]
    fn free_matches_ahead_are_the_library_stream_on_production_logs() {
        let automaton = &engine().text_re;
        // Several windows, some lines with many matches, decoys of every kind.
        let text = piicat_testkit::log_text_sparse(3, 300 << 10, 200);
        let group = automaton.free.as_ref().expect("free patterns");
        let stream = library_stream(group, &text);
        assert!(stream.len() > 1000, "the text must exercise the patterns");
        assert_free_agrees(automaton, &text, &positions(&stream, &text));
    }

    #[test]
    fn free_matches_ahead_hold_on_dense_and_odd_texts() {
        let automaton = &engine().text_re;
        let dense = piicat_testkit::log_text(5, 200 << 10);
        let long_line = dense.replace('\n', " ");
        let crlf = dense.replace('\n', "\r\n");
        let no_final_break = dense.trim_end().to_string();
        let accents = "Zoë Ångström 0171 5552323 Łukasz Żółć 4111 1111 1111 1111\n".repeat(2000);
        for text in [dense, long_line, crlf, no_final_break, accents] {
            let group = automaton.free.as_ref().expect("free patterns");
            let stream = library_stream(group, &text);
            assert_free_agrees(automaton, &text, &positions(&stream, &text));
        }
    }

    #[test]
    fn a_thrashing_cache_gives_the_same_matches() {
        // A cache too small for the patterns' states clears while lanes walk: the walk gives
        // up and the window is searched match by match, with the same result.
        let sources: Vec<PatternSource> = [
            r"(?-u:\b)[0-9]{13,19}(?-u:\b)",
            r"(?-u:\b)[0-9]{3}-[0-9]{2}-[0-9]{4}(?-u:\b)",
            r"(?:\+|(?-u:\b)00)[1-9][0-9]{0,2}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{1,5})){2,6}(?-u:\b)",
            r"(?:(?-u:\b)[0-9A-Fa-f]{1,4}|::)(?::{1,2}[0-9A-Fa-f]{1,4}){2,7}(?:::)?",
            r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+ [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+",
        ]
        .into_iter()
        .map(|r| PatternSource {
            regex: r.to_string(),
            keywords: None,
        })
        .collect();
        let small = TextAutomaton::build(&sources, 64 << 10).expect("compiles");
        let roomy = TextAutomaton::new(&sources).expect("compiles");
        let text = piicat_testkit::log_text(9, 300 << 10);
        let stream = library_stream(roomy.free.as_ref().expect("free"), &text);
        assert!(stream.len() > 1000);
        let at = positions(&stream, &text);
        assert_free_agrees(&small, &text, &at);
        assert_free_agrees(&roomy, &text, &at);
        let gave_up = {
            let fresh = TextAutomaton::build(&sources, 64 << 10).expect("compiles");
            let mut cursor = fresh.cursor(&text);
            let mut gave_up = false;
            let mut from = 0;
            while let Some(m) = cursor.next_free(from) {
                gave_up |= !cursor.ahead.exact;
                from = m.end();
            }
            gave_up
        };
        assert!(gave_up, "the small cache must have made the lanes give up");
    }

    #[test]
    fn patterns_that_may_span_lines_or_match_nothing_are_searched_directly() {
        let sources: Vec<PatternSource> = [r"[0-9]{3}-[0-9]{4}", r"ab\ncd", r"x*"]
            .into_iter()
            .map(|r| PatternSource {
                regex: r.to_string(),
                keywords: None,
            })
            .collect();
        let a = TextAutomaton::new(&sources).expect("compiles");
        assert_eq!(a.free.as_ref().map(|g| g.ids.clone()), Some(vec![0]));
        assert_eq!(a.direct.len(), 1);
        assert_eq!(a.direct[0].ids, vec![1, 2]);
        let text = "call 555-1234 or ab\ncd now";
        let mut cursor = a.cursor(text);
        let found: Vec<(usize, usize, usize)> = std::iter::successors(cursor.find(0), |m| {
            let from = if m.is_empty() { m.end() + 1 } else { m.end() };
            (from <= text.len()).then(|| cursor.find(from)).flatten()
        })
        .filter(|m| !m.is_empty())
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
        assert_eq!(found, vec![(0, 5, 13), (1, 17, 22)]);
    }

    #[test]
    fn values_matched_in_pairs_match_as_they_do_alone() {
        let whole = &engine().whole;
        let mut values: Vec<String> = piicat_testkit::bench_table(300)
            .into_iter()
            .flat_map(|(_, v)| v)
            .collect();
        values.extend(
            [
                "",
                "x",
                "Zoë Ångström",
                "4111 1111 1111 1111",
                "not a value at all, just words",
            ]
            .map(String::from),
        );
        let (mut alone_a, mut alone_b, mut a, mut b) = (vec![], vec![], vec![], vec![]);
        let mut matched = 0;
        // Each value beside values of other shapes and lengths (dead early, longer, empty).
        for (i, x) in values.iter().enumerate() {
            let y = &values[(i * 7 + 3) % values.len()];
            whole.matches(x, &mut alone_a);
            whole.matches(y, &mut alone_b);
            whole.matches_pair([x, y], [&mut a, &mut b]);
            assert_eq!((&a, &b), (&alone_a, &alone_b), "{i}");
            // And as the library's overlapping search finds them: in order, each once.
            let mut set = PatternSet::new(whole.fallback.pattern_len());
            let input = Input::new(x.as_str()).anchored(Anchored::Yes);
            whole.fallback.which_overlapping_matches(&input, &mut set);
            let library: Vec<usize> = set.iter().map(|p| p.as_usize()).collect();
            assert_eq!(alone_a, library, "{i}");
            matched += usize::from(!a.is_empty());
        }
        assert!(matched > values.len() / 2, "most values match some pattern");
    }

    #[test]
    fn keyed_matches_are_every_keyed_pattern_searched_line_by_line() {
        // The keyword gate (phrase rests, literal sets, walk-back) must never hide a match:
        // from each line start, the cursor's keyed match is the leftmost of every keyed
        // pattern searched over that line without any gate.
        let keyed = engine().text_re.keyed.as_ref().expect("keyed patterns");
        let text = piicat_testkit::log_text(23, 300 << 10);
        let mut cursor = engine().text_re.cursor(&text);
        let mut lines_with_matches = 0;
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let line_end = line_start + line.trim_end_matches('\n').len();
            let input = Input::new(&text).range(line_start..line_end);
            let want = keyed
                .searches
                .iter()
                .filter_map(|s| {
                    s.re.search(&input)
                        .map(|m| (m.start(), s.globals[m.pattern().as_usize()], m.end()))
                })
                .min();
            let got = cursor
                .next_keyed(line_start)
                .filter(|m| m.start() < line_end)
                .map(|m| (m.start(), m.pattern().as_usize(), m.end()));
            assert_eq!(got, want, "line at {line_start}: {line:?}");
            lines_with_matches += usize::from(want.is_some());
            line_start += line.len();
        }
        assert!(lines_with_matches > 500, "{lines_with_matches}");
    }

    #[test]
    fn a_keyword_counts_only_where_the_rest_of_its_phrase_follows() {
        let (spellings, rest) = keyword_literals("date of birth");
        assert_eq!(spellings, vec!["date"]);
        assert_eq!(rest, vec![b"of".to_vec(), b"birth".to_vec()]);
        let (spellings, rest) = keyword_literals("tax id");
        assert_eq!(spellings.len(), 6);
        assert!(spellings.contains(&"tax_id".to_string()) && spellings.contains(&"taxid".into()));
        assert!(rest.is_empty());
        let rest = [b"of".to_vec(), b"birth".to_vec()];
        for yes in [
            "date_of_birth",
            "Date-Of-Birth: 1990",
            "dateofbirth",
            "date of.birth",
        ] {
            assert!(follows(yes.as_bytes(), 4, &rest), "{yes}");
        }
        for no in [
            "date of  birth",
            "date of b",
            "date",
            "date.created",
            "date__of_birth",
        ] {
            assert!(!follows(no.as_bytes(), 4, &rest), "{no}");
        }
        assert!(
            follows(b"ssn", 3, &[]),
            "a whole phrase needs nothing after it"
        );
    }

    #[test]
    fn keyword_hits_are_every_occurrence_an_overlapping_search_reports() {
        let keyed = engine().text_re.keyed.as_ref().expect("keyed patterns");
        let text = piicat_testkit::log_text(11, 256 << 10);
        let mut hits = Vec::new();
        let mut spare = KeywordSpare::default();
        lanes::keyword_hits(
            &keyed.keywords,
            keyed.start,
            &text,
            0..text.len(),
            |_| true,
            &mut hits,
            &mut spare,
        );
        // The same keywords through the automaton's own overlapping search.
        let mut state = aho_corasick::automaton::OverlappingState::start();
        let input = aho_corasick::Input::new(&text);
        let mut want = Vec::new();
        while keyed
            .keywords
            .try_find_overlapping(&input, &mut state)
            .is_ok()
        {
            let Some(m) = state.get_match() else { break };
            want.push(Hit {
                keyword: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            });
        }
        assert!(want.len() > 1000, "the text must hold keywords");
        assert_eq!(hits, want);
    }
}
