//! Lockstep scanning: a window of whole lines is split into a few *lanes* (line ranges) that
//! are walked through the same automaton at once, one byte of each per step.
//!
//! A DFA walk is one chain of dependent table lookups, so one walk waits on memory for
//! every byte (measured: ~575 MB/s for any pattern, ~380 MB/s for the union of the free
//! patterns, whose states spill out of L1). Independent lanes are independent chains the CPU
//! overlaps. Line ranges are independent because no pattern walked here matches a line
//! break, so a match never crosses a lane boundary; the lanes see the whole text for
//! look-around, so every lane finds exactly what one walk over the window would.
//!
//! Two walks live here: the free patterns' lazy DFA, reporting the stream of leftmost-first
//! matches that repeated searches from each match's end would give, and the keyword
//! automaton, reporting every keyword occurrence. Neither may change what is found: in the
//! free walk any surprise (a cache clear, a quit state, a failed search) makes it give up,
//! and the caller searches that window one match at a time instead.

use aho_corasick::automaton::{Automaton as _, StateID};
use regex_automata::hybrid::{self, LazyStateID};
use regex_automata::{Anchored, HalfMatch, Input, Match};

/// Lanes of the free-pattern walk: its states are large, so two lanes is where the gain
/// ends (measured on production-like logs: 1 lane ~380 MB/s, 2 lanes ~650 MB/s).
const FREE_LANES: usize = 2;

/// Lanes of the keyword walk: a small dense automaton with no match bookkeeping, so more
/// lanes keep paying (measured: 1 lane ~330 MB/s, 2 ~600, 4 ~830).
const KEYWORD_LANES: usize = 4;

/// The other lanes' matches while a free-pattern walk runs (kept by the caller for reuse).
pub(crate) type FreeSpare = [Vec<Match>; FREE_LANES - 1];

/// The other lanes' hits while a keyword walk runs (kept by the caller for reuse).
pub(crate) type KeywordSpare = [Vec<Hit>; KEYWORD_LANES - 1];

/// Splits `[start, end)` (both at line starts, or `end` at the text's end) into `N` ranges
/// that end after a line break, the last one at `end`. Ranges may be empty.
fn split_lines<const N: usize>(text: &[u8], start: usize, end: usize) -> [(usize, usize); N] {
    let mut out = [(end, end); N];
    let mut at = start;
    for (i, lane) in out.iter_mut().enumerate() {
        let want = start + (end - start) * (i + 1) / N;
        let stop = if i + 1 == N || want >= end {
            end
        } else {
            memchr::memchr(b'\n', &text[want.max(at)..end]).map_or(end, |nl| want.max(at) + nl + 1)
        };
        *lane = (at, stop.max(at));
        at = stop.max(at);
    }
    out
}

/// The walk gave up; the caller must search the window the ordinary way.
#[derive(Debug)]
pub(crate) struct GaveUp;

/// One lane of the free-pattern walk: a search in progress over `[from, end)`.
#[derive(Clone, Copy)]
struct Lane {
    /// Where the current search started.
    from: usize,
    /// The next byte to walk.
    at: usize,
    /// One past the lane's last byte.
    end: usize,
    sid: LazyStateID,
    /// The latest match state seen in the current search (leftmost-first keeps the last).
    mat: Option<HalfMatch>,
    done: bool,
}

/// Walks the free patterns' lazy DFA over the window `[start, end)` in lanes, appending every
/// match of the leftmost-first stream (each search starting where the previous match ended)
/// to `out`, in order. `spare` holds the other lanes' matches meanwhile.
///
/// The DFA's patterns must neither match a line break nor the empty string.
pub(crate) fn free_matches(
    re: &hybrid::regex::Regex,
    cache: &mut hybrid::regex::Cache,
    text: &str,
    std::ops::Range { start, end }: std::ops::Range<usize>,
    out: &mut Vec<Match>,
    spare: &mut FreeSpare,
) -> Result<(), GaveUp> {
    let hay = text.as_bytes();
    let dfa = re.forward();
    let ranges = split_lines::<FREE_LANES>(hay, start, end);
    spare.iter_mut().for_each(Vec::clear);
    // Any cache clear makes every other lane's state id meaningless.
    let clears = cache.forward().clear_count();
    let mut lanes = [Lane {
        from: 0,
        at: 0,
        end: 0,
        sid: LazyStateID::default(),
        mat: None,
        done: true,
    }; FREE_LANES];
    for (lane, &(s, e)) in lanes.iter_mut().zip(&ranges) {
        lane.end = e;
        lane.done = s >= e;
        if !lane.done {
            begin(dfa, cache.forward_mut(), text, lane, s)?;
        }
    }
    if cache.forward().clear_count() != clears {
        return Err(GaveUp);
    }
    loop {
        let live = lanes.iter().filter(|l| !l.done).count();
        if live == 0 {
            break;
        }
        if live == 1 {
            // A lone lane gains nothing from lockstep: the library's own loop is faster.
            let (j, lane) = lanes
                .iter()
                .enumerate()
                .find(|(_, l)| !l.done)
                .ok_or(GaveUp)?;
            let sink = if j == 0 { &mut *out } else { &mut spare[j - 1] };
            search_rest(re, cache, text, lane.from, lane.end, sink)?;
            break;
        }
        // In lockstep while every lane is live and its state plain (not a match, not yet
        // computed...); then a careful step of each.
        if live == FREE_LANES && lanes.iter().all(|l| !l.sid.is_tagged()) {
            let [a, b] = &mut lanes;
            let steps = (a.end - a.at).min(b.end - b.at);
            let walked = lockstep(
                dfa,
                cache.forward(),
                [&hay[a.at..a.at + steps], &hay[b.at..b.at + steps]],
                [&mut a.sid, &mut b.sid],
            );
            a.at += walked;
            b.at += walked;
        }
        // Then one careful step of each lane: unknown states, matches, ends of searches.
        for (j, lane) in lanes.iter_mut().enumerate() {
            if lane.done {
                continue;
            }
            let sink = if j == 0 { &mut *out } else { &mut spare[j - 1] };
            step(re, cache, text, lane, sink)?;
            if cache.forward().clear_count() != clears {
                return Err(GaveUp);
            }
        }
    }
    for more in spare.iter_mut() {
        out.append(more);
    }
    Ok(())
}

/// Walks both lanes' bytes (of equal length) while neither state needs attention (a match,
/// a state not computed yet, the dead state); returns how many bytes each walked. Also
/// walks two field values at once.
pub(crate) fn lockstep(
    dfa: &hybrid::dfa::DFA,
    fcache: &hybrid::dfa::Cache,
    [a, b]: [&[u8]; FREE_LANES],
    [sa, sb]: [&mut LazyStateID; FREE_LANES],
) -> usize {
    let (mut x, mut y) = (*sa, *sb);
    let mut walked = 0;
    for (&ba, &bb) in a.iter().zip(b) {
        let nx = dfa.next_state_untagged(fcache, x, ba);
        let ny = dfa.next_state_untagged(fcache, y, bb);
        if nx.is_tagged() || ny.is_tagged() {
            break;
        }
        (x, y) = (nx, ny);
        walked += 1;
    }
    (*sa, *sb) = (x, y);
    walked
}

/// Starts a search at `from`.
fn begin(
    dfa: &hybrid::dfa::DFA,
    fcache: &mut hybrid::dfa::Cache,
    text: &str,
    lane: &mut Lane,
    from: usize,
) -> Result<(), GaveUp> {
    let input = Input::new(text).range(from..lane.end);
    lane.sid = dfa
        .start_state_forward(fcache, &input)
        .map_err(|_| GaveUp)?;
    lane.from = from;
    lane.at = from;
    lane.mat = None;
    Ok(())
}

/// Walks one byte of `lane` (or its end of input), as the library's forward search does,
/// and ends the search when the DFA says so: its match (start found by the reverse DFA)
/// goes to `sink` and the next search starts at the match's end.
fn step(
    re: &hybrid::regex::Regex,
    cache: &mut hybrid::regex::Cache,
    text: &str,
    lane: &mut Lane,
    sink: &mut Vec<Match>,
) -> Result<(), GaveUp> {
    let dfa = re.forward();
    let hay = text.as_bytes();
    let fcache = cache.forward_mut();
    let finished = if lane.at < lane.end {
        let at = lane.at;
        lane.sid = dfa
            .next_state(fcache, lane.sid, hay[at])
            .map_err(|_| GaveUp)?;
        lane.at += 1;
        let sid = lane.sid;
        if sid.is_match() {
            // Matches are reported one byte late: the match ends before `at`.
            lane.mat = Some(HalfMatch::new(dfa.match_pattern(fcache, sid, 0), at));
            false
        } else if sid.is_quit() || sid.is_unknown() {
            return Err(GaveUp);
        } else {
            sid.is_dead()
        }
    } else {
        // Past the last byte: the byte after the lane (its look-ahead) or the end of text.
        let sid = match hay.get(lane.end) {
            Some(&b) => dfa.next_state(fcache, lane.sid, b),
            None => dfa.next_eoi_state(fcache, lane.sid),
        }
        .map_err(|_| GaveUp)?;
        if sid.is_match() {
            lane.mat = Some(HalfMatch::new(dfa.match_pattern(fcache, sid, 0), lane.end));
        } else if sid.is_quit() || sid.is_unknown() {
            return Err(GaveUp);
        }
        true
    };
    if !finished {
        return Ok(());
    }
    let Some(end) = lane.mat else {
        lane.done = true;
        return Ok(());
    };
    let start = reverse_start(re, cache, text, lane.from, end)?;
    sink.push(Match::new(end.pattern(), start..end.offset()));
    if end.offset() >= lane.end {
        lane.done = true;
        return Ok(());
    }
    begin(dfa, cache.forward_mut(), text, lane, end.offset())
}

/// Where the match ending at `end`, found by a search from `from`, starts: the reverse DFA
/// anchored at the end, as the library's own search finds it.
fn reverse_start(
    re: &hybrid::regex::Regex,
    cache: &mut hybrid::regex::Cache,
    text: &str,
    from: usize,
    end: HalfMatch,
) -> Result<usize, GaveUp> {
    let input = Input::new(text)
        .span(from..end.offset())
        .anchored(Anchored::Yes)
        .earliest(false);
    let start = re
        .reverse()
        .try_search_rev(cache.reverse_mut(), &input)
        .map_err(|_| GaveUp)?
        .ok_or(GaveUp)?;
    Ok(start.offset())
}

/// The leftmost-first stream over `[from, end)` the ordinary way, one search per match.
fn search_rest(
    re: &hybrid::regex::Regex,
    cache: &mut hybrid::regex::Cache,
    text: &str,
    mut from: usize,
    end: usize,
    sink: &mut Vec<Match>,
) -> Result<(), GaveUp> {
    while from < end {
        let input = Input::new(text).range(from..end);
        match re.try_search(cache, &input).map_err(|_| GaveUp)? {
            Some(m) if m.is_empty() => return Err(GaveUp),
            Some(m) => {
                from = m.end();
                sink.push(m);
            }
            None => break,
        }
    }
    Ok(())
}

/// A keyword occurrence: its keyword and span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub keyword: usize,
    pub start: usize,
    pub end: usize,
}

/// Every occurrence of every keyword of `ac` in `[start, end)` (line-aligned, as for
/// [`free_matches`]) for which `keep` says yes, in the order an overlapping search reports
/// them (by end, then by keyword as the automaton lists them). `spare` holds the other
/// lanes' hits meanwhile. `ac` must be an unanchored automaton with standard match semantics
/// (it never dies) and `first` its start state; keywords must not contain a line break.
pub(crate) fn keyword_hits(
    ac: &aho_corasick::dfa::DFA,
    first: StateID,
    text: &str,
    std::ops::Range { start, end }: std::ops::Range<usize>,
    keep: impl Fn(&Hit) -> bool,
    out: &mut Vec<Hit>,
    spare: &mut KeywordSpare,
) {
    let hay = text.as_bytes();
    let ranges = split_lines::<KEYWORD_LANES>(hay, start, end);
    spare.iter_mut().for_each(Vec::clear);
    let unanchored = aho_corasick::Anchored::No;
    let record = |sid, at: usize, sink: &mut Vec<Hit>| {
        for i in 0..ac.match_len(sid) {
            let keyword = ac.match_pattern(sid, i);
            let hit = Hit {
                keyword: keyword.as_usize(),
                start: at + 1 - ac.pattern_len(keyword),
                end: at + 1,
            };
            if keep(&hit) {
                sink.push(hit);
            }
        }
    };
    // Lockstep over the length every lane has, then each lane's rest alone.
    let steps = ranges.iter().map(|(s, e)| e - s).min().unwrap_or(0);
    let [l0, l1, l2, l3] = ranges.map(|(s, _)| &hay[s..s + steps]);
    let [mut s0, mut s1, mut s2, mut s3] = [first; KEYWORD_LANES];
    for (k, (((&b0, &b1), &b2), &b3)) in l0.iter().zip(l1).zip(l2).zip(l3).enumerate() {
        s0 = ac.next_state(unanchored, s0, b0);
        s1 = ac.next_state(unanchored, s1, b1);
        s2 = ac.next_state(unanchored, s2, b2);
        s3 = ac.next_state(unanchored, s3, b3);
        if ac.is_special(s0) || ac.is_special(s1) || ac.is_special(s2) || ac.is_special(s3) {
            let [r0, r1, r2] = &mut *spare;
            for (sid, (start, _), sink) in [
                (s0, ranges[0], &mut *out),
                (s1, ranges[1], r0),
                (s2, ranges[2], r1),
                (s3, ranges[3], r2),
            ] {
                if ac.is_special(sid) {
                    record(sid, start + k, sink);
                }
            }
        }
    }
    let mut sids = [s0, s1, s2, s3];
    for (j, (sid, &(s, e))) in sids.iter_mut().zip(&ranges).enumerate() {
        let sink = if j == 0 { &mut *out } else { &mut spare[j - 1] };
        for (at, &b) in hay.iter().enumerate().take(e).skip(s + steps) {
            *sid = ac.next_state(unanchored, *sid, b);
            if ac.is_special(*sid) {
                record(*sid, at, sink);
            }
        }
    }
    for more in spare.iter_mut() {
        out.append(more);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_end_after_line_breaks_and_cover_the_range() {
        let text = b"aaaa\nbbbb\ncccc\ndddd\n";
        let r = split_lines::<2>(text, 0, text.len());
        assert_eq!(r, [(0, 15), (15, 20)]);
        let r = split_lines::<4>(text, 5, text.len());
        assert_eq!(r[0].0, 5);
        assert_eq!(r[3].1, text.len());
        for w in r.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert!(w[0].1 == text.len() || text[w[0].1 - 1] == b'\n');
        }
        // One long line: the first lane takes it all.
        let r = split_lines::<2>(b"no breaks here", 0, 14);
        assert_eq!(r, [(0, 14), (14, 14)]);
    }
}
