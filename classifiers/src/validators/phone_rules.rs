//! libphonenumber's validity rules, compiled once, as a sound pre-check before the
//! `phonenumber` crate is asked.
//!
//! The crate keeps its metadata patterns in one process-wide cache behind a mutex and looks
//! each up by its source string on every test; a number is checked against up to ten
//! descriptors, and an international `+1` number against every NANPA region, so one
//! validation costs tens of microseconds and threads queue on the lock. Almost every
//! candidate a scan proposes (order numbers, prices, ids) is not a phone number at all.
//!
//! Here every region's descriptors are compiled into plain regexes the first time its
//! country code is met, and the crate's own parse is replayed: an international dialling
//! prefix or the region's own country code written without `+` (dropped only when the digits
//! do not fit the region as written), the national prefix stripped or rewritten, leading
//! zeros kept (the Italian `+39 06…`); then the region a number belongs to (leading digits,
//! else the first region where it has a type) and whether it has a type there (general
//! descriptor plus one type descriptor, as `number_type` decides). Where the replay cannot
//! follow the crate (metadata that did not compile, a transform rule the crate would trip
//! on), the crate decides, after a pre-check that only ever says "no" when the crate would
//! too. A randomized test holds both to the crate's answers.

use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One descriptor: the lengths it allows and its national-number pattern, anchored at the
/// start as the crate matches it.
struct Desc {
    lengths: Vec<u16>,
    re: regex::Regex,
}

impl Desc {
    fn new(d: &Descriptor) -> Option<Desc> {
        Some(Desc {
            lengths: d.possible_length().to_vec(),
            re: anchored(d.national_number().as_str())?,
        })
    }

    fn is_match(&self, nsn: &str) -> bool {
        let fits = self.lengths.is_empty()
            || u16::try_from(nsn.len()).is_ok_and(|n| self.lengths.contains(&n));
        fits && self.re.is_match(nsn)
    }
}

/// A metadata pattern compiled as the crate compiles it (whitespace in the XML source is
/// layout), anchored at the start as the crate matches it.
fn anchored(source: &str) -> Option<regex::Regex> {
    regex::RegexBuilder::new(&format!("^(?:{source})"))
        .ignore_whitespace(true)
        .build()
        .ok()
}

/// The rules of one region.
struct Rules {
    id: String,
    country_code: String,
    national_prefix: Option<String>,
    /// What the parser strips as a national prefix (and carrier code), when the metadata
    /// says more than the prefix itself (`0|180020` in GB).
    prefix_for_parsing: Option<regex::Regex>,
    /// What a stripped prefix is rewritten to (`$2` in BR, `9$1` in AR…).
    transform: Option<String>,
    international_prefix: Option<regex::Regex>,
    /// Picks this region among those sharing a country code (`source_for` in the crate).
    leading_digits: Option<regex::Regex>,
    general: Desc,
    /// Lengths only diallable locally (`possible_local_length` of the general descriptor).
    general_local: Vec<u16>,
    types: Vec<Desc>,
}

impl Rules {
    fn new(meta: &Metadata) -> Option<Rules> {
        let d = meta.descriptors();
        let national_prefix = meta.national_prefix().map(str::to_string);
        let types = [
            d.premium_rate(),
            d.toll_free(),
            d.shared_cost(),
            d.voip(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
            d.fixed_line(),
            d.mobile(),
        ]
        .into_iter()
        .flatten()
        .map(Desc::new)
        .collect::<Option<Vec<_>>>()?;
        Some(Rules {
            id: meta.id().to_string(),
            country_code: meta.country_code().to_string(),
            national_prefix,
            prefix_for_parsing: match meta.national_prefix_for_parsing() {
                Some(re) => Some(anchored(re.as_str())?),
                None => None,
            },
            transform: meta.national_prefix_transform_rule().map(str::to_string),
            international_prefix: match meta.international_prefix() {
                Some(re) => Some(anchored(re.as_str())?),
                None => None,
            },
            leading_digits: match meta.leading_digits() {
                Some(re) => Some(anchored(re.as_str())?),
                None => None,
            },
            general: Desc::new(d.general())?,
            general_local: d.general().possible_local_length().to_vec(),
            types,
        })
    }

    /// Whether `nsn` is a valid national significant number here.
    fn valid_nsn(&self, nsn: &str) -> bool {
        self.general.is_match(nsn) && self.types.iter().any(|t| t.is_match(nsn))
    }

    /// Whether the digits, read after this region's country code, could be valid here. The
    /// parser may drop a national prefix, and may or may not keep leading zeros (`+43 0…`),
    /// so every one of those readings is tried; any region with a transform rule passes.
    fn possible_after_code(&self, rest: &str) -> bool {
        let valid = |n: &str| self.valid_nsn(n) || self.valid_nsn(n.trim_start_matches('0'));
        self.transform.is_some()
            || valid(rest)
            || self.without_prefix(rest).is_some_and(valid)
            || self.read_national(rest).as_deref().is_some_and(valid)
    }

    /// Whether the digits, dialled nationally in this region, could be valid.
    fn possible_national(&self, digits: &str) -> bool {
        if self.transform.is_some()
            || self
                .international_prefix
                .as_ref()
                .is_some_and(|re| re.is_match(digits))
        {
            return true;
        }
        if self.possible_after_code(digits) {
            return true;
        }
        // The parser also accepts the region's own country code written without `+`.
        digits
            .strip_prefix(self.country_code.as_str())
            .is_some_and(|rest| self.possible_after_code(rest))
    }

    /// The national significant number the crate's parser keeps, as it reads digits filed
    /// under this region: the national prefix (by the region's parsing pattern) stripped or
    /// rewritten by the transform rule, then the plain prefix once more, as the parser does,
    /// unless what is left is too short for the region. Leading zeros stay: the crate keeps
    /// them (as a count beside the value) and validates the number with them. `None` only
    /// where the crate would panic (a transform rule applied without a carrier group).
    fn read_national<'d>(&self, digits: &'d str) -> Option<Cow<'d, str>> {
        let mut nsn = match &self.prefix_for_parsing {
            Some(parsing) => match parsing.captures(digits) {
                None => Cow::Borrowed(digits),
                Some(caps) => {
                    let end = caps.get(0).map_or(0, |m| m.end());
                    // The rule applies only when the pattern's last group took part.
                    match (&self.transform, caps.get(caps.len() - 1)) {
                        (Some(rule), Some(_)) => {
                            let transformed = parsing.replace(digits, rule.as_str());
                            if self.general.is_match(digits) && !self.general.is_match(&transformed)
                            {
                                // Kept as written when only that reading fits the region.
                                Cow::Borrowed(digits)
                            } else if caps.get(1).is_none() {
                                // The crate unwraps the first group as the carrier.
                                return None;
                            } else {
                                transformed
                            }
                        }
                        _ => Cow::Borrowed(&digits[end..]),
                    }
                }
            },
            None => Cow::Borrowed(self.without_prefix(digits).unwrap_or(digits)),
        };
        // The parser strips the plain national prefix once more.
        if let Some(len) = self.without_prefix(&nsn).map(|rest| nsn.len() - rest.len()) {
            nsn = match nsn {
                Cow::Borrowed(b) => Cow::Borrowed(&b[len..]),
                Cow::Owned(mut o) => {
                    o.drain(..len);
                    Cow::Owned(o)
                }
            };
        }
        let too_short = u16::try_from(nsn.len()).is_ok_and(|len| {
            self.general.lengths.first().is_some_and(|&min| len < min)
                && !self.general_local.contains(&len)
        });
        Some(if too_short {
            Cow::Borrowed(digits)
        } else {
            nsn
        })
    }

    /// Whether the crate finds a length of the general descriptor possible
    /// (`validator::length(.., Type::Unknown).is_possible()`).
    fn length_possible(&self, len: usize) -> bool {
        let fits = |lengths: &[u16]| u16::try_from(len).is_ok_and(|n| lengths.contains(&n));
        !self.general.lengths.is_empty()
            && (fits(&self.general.lengths) || fits(&self.general_local))
    }

    fn without_prefix<'d>(&self, digits: &'d str) -> Option<&'d str> {
        let prefix = self.national_prefix.as_deref().filter(|p| !p.is_empty())?;
        digits.strip_prefix(prefix)
    }
}

/// Every country code of the metadata, each region's rules compiled on first use.
fn by_code() -> &'static HashMap<u16, OnceLock<Vec<Rules>>> {
    static CODES: OnceLock<HashMap<u16, OnceLock<Vec<Rules>>>> = OnceLock::new();
    // Asked code by code: non-geographic entities (+800, +881…) share the region id `001`,
    // so iterating regions would list only one of them.
    CODES.get_or_init(|| {
        (1..1000u16)
            .filter(|code| DATABASE.by_code(code).is_some_and(|m| !m.is_empty()))
            .map(|code| (code, OnceLock::new()))
            .collect()
    })
}

/// The rules of the regions sharing a country code; `None` for an unknown code, and for a
/// code whose metadata did not compile (then the crate decides).
fn rules_for(code: u16) -> Option<&'static [Rules]> {
    let cell = by_code().get(&code)?;
    let rules = cell.get_or_init(|| {
        // In the crate's order of regions, which decides which region a number belongs to.
        let ids = DATABASE.region(&code).unwrap_or_default();
        let metas: Vec<&Metadata> = if ids.iter().all(|id| *id != "001") {
            ids.iter().filter_map(|id| DATABASE.by_id(*id)).collect()
        } else {
            DATABASE.by_code(&code).unwrap_or_default()
        };
        metas
            .into_iter()
            .map(Rules::new)
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default()
    });
    (!rules.is_empty()).then_some(rules.as_slice())
}

/// The region the crate files a number under among those sharing its country code
/// (`source_for`): the first whose leading digits match, else the first where it has a type.
fn pick<'r>(rules: &'r [Rules], nsn: &str) -> Option<&'r Rules> {
    if let [only] = rules {
        return Some(only);
    }
    rules.iter().find(|r| match &r.leading_digits {
        Some(ld) => ld.is_match(nsn),
        None => r.valid_nsn(nsn),
    })
}

/// The crate's verdict on the national significant number its parser kept under a country
/// code: refused outside 2–17 digits or when all zeros (it keeps leading zeros as a count
/// beside a non-zero value), else valid when it has a type in the region it is filed under.
fn verdict(rules: &[Rules], nsn: &str) -> bool {
    (2..=17).contains(&nsn.len())
        && nsn.bytes().any(|b| b != b'0')
        && pick(rules, nsn).is_some_and(|r| r.valid_nsn(nsn))
}

/// The country code `+digits` starts with and the rest.
fn split_code(digits: &str) -> Option<(u16, &str)> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3.min(digits.len())).find_map(|len| {
        let code = digits[..len].parse::<u16>().ok()?;
        by_code()
            .contains_key(&code)
            .then(|| (code, &digits[len..]))
    })
}

/// The crate's answer for `+digits` when the rules can replay its parse exactly; `None`
/// when only the crate can tell (metadata that did not compile, a transform rule the crate
/// would trip on).
pub(super) fn decide_international(digits: &str) -> Option<bool> {
    let Some((code, rest)) = split_code(digits) else {
        return Some(false);
    };
    let rules = rules_for(code)?;
    // The parser files the number under a region by its digits without leading zeros (the
    // Italian `+39 06…`), strips that region's national prefix from the digits as written,
    // and validates what is left, zeros included, filing it again.
    let nsn = match pick(rules, rest.trim_start_matches('0')) {
        Some(region) => region.read_national(rest)?,
        None => Cow::Borrowed(rest),
    };
    Some(verdict(rules, &nsn))
}

/// The crate's answer for `digits` dialled nationally in `region`, when the rules can replay
/// its parse exactly (see [`decide_international`]).
pub(super) fn decide_national(region: &str, digits: &str) -> Option<bool> {
    let (rules, own) = region_rules(region)?;
    // The region's international dialling prefix (`011`, `0011`…) is stripped when a digit
    // other than 0 follows; a country code must then follow. The national prefix is still
    // stripped by this region's rules, not those of the country dialled.
    if let Some(m) = own
        .international_prefix
        .as_ref()
        .and_then(|re| re.find(digits))
        && !digits[m.end()..].starts_with('0')
    {
        let after = &digits[m.end()..];
        if after.len() <= 2 {
            return Some(false);
        }
        let Some((code, rest)) = split_code(after) else {
            return Some(false);
        };
        let code_rules = rules_for(code)?;
        return Some(verdict(code_rules, &own.read_national(rest)?));
    }
    // The region's own country code written without `+` is dropped only when the digits as
    // written do not fit the region (general pattern, or a possible length). The crate loads
    // no possible lengths for general descriptors, so today it is always dropped; the test
    // is kept as the crate writes it.
    let national = match digits.strip_prefix(own.country_code.as_str()) {
        Some(rest) if !own.general.is_match(digits) || !own.length_possible(digits.len()) => rest,
        _ => digits,
    };
    Some(verdict(rules, &own.read_national(national)?))
}

/// Whether `+digits` could be a valid number: `false` only when the crate would say so too.
pub(super) fn possible_international(digits: &str) -> bool {
    split_code(digits).is_some_and(|(code, rest)| {
        rules_for(code).is_none_or(|rules| rules.iter().any(|r| r.possible_after_code(rest)))
    })
}

/// Whether `digits`, dialled nationally in `region`, could be a valid number there: `false`
/// only when the crate would say so too.
pub(super) fn possible_national(region: &str, digits: &str) -> bool {
    region_rules(region).is_none_or(|(_, own)| own.possible_national(digits))
}

/// The rules of the regions sharing `region`'s country code, and `region`'s own; `None` for
/// an unknown region or metadata that did not compile.
fn region_rules(region: &str) -> Option<(&'static [Rules], &'static Rules)> {
    let rules = rules_for(DATABASE.by_id(region)?.country_code())?;
    Some((rules, rules.iter().find(|r| r.id == region)?))
}
