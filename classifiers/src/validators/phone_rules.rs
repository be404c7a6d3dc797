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
//! country code is met, and the crate's own decision is replayed: the region a number
//! belongs to (leading digits, else the first region where it has a type), then whether it
//! has a type there (general descriptor plus one type descriptor, as `number_type` decides).
//! Where the parser could read the digits in more than one way and the readings disagree, or
//! a region has parsing rules not modelled here (a national-prefix transform, an
//! international dialling prefix), the crate decides, after a pre-check that only ever says
//! "no" when the crate would too. A randomized test holds both to the crate's answers.

use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
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
    /// The crate may read the digits in a way these rules do not model.
    opaque: bool,
    /// The region whose rules read numbers written with this country code.
    main: bool,
    international_prefix: Option<regex::Regex>,
    /// Picks this region among those sharing a country code (`source_for` in the crate).
    leading_digits: Option<regex::Regex>,
    general: Desc,
    types: Vec<Desc>,
}

impl Rules {
    fn new(meta: &Metadata) -> Option<Rules> {
        let d = meta.descriptors();
        let national_prefix = meta.national_prefix().map(str::to_string);
        let parsing_is_prefix = match meta.national_prefix_for_parsing() {
            None => true,
            Some(re) => Some(re.as_str()) == national_prefix.as_deref(),
        };
        let opaque = !parsing_is_prefix || meta.national_prefix_transform_rule().is_some();
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
            opaque,
            main: meta.is_main_country_for_code(),
            international_prefix: match meta.international_prefix() {
                Some(re) => Some(anchored(re.as_str())?),
                None => None,
            },
            leading_digits: match meta.leading_digits() {
                Some(re) => Some(anchored(re.as_str())?),
                None => None,
            },
            general: Desc::new(d.general())?,
            types,
        })
    }

    /// Whether `nsn` is a valid national significant number here.
    fn valid_nsn(&self, nsn: &str) -> bool {
        self.general.is_match(nsn) && self.types.iter().any(|t| t.is_match(nsn))
    }

    /// Whether the digits, read after this region's country code, could be valid here. The
    /// parser may drop a national prefix; zeros right after the code (`+43 0…`) it reads in
    /// ways not modelled here, so those are left to the crate.
    fn possible_after_code(&self, rest: &str) -> bool {
        self.opaque
            || rest.starts_with('0')
            || self.valid_nsn(rest)
            || self.without_prefix(rest).is_some_and(|n| self.valid_nsn(n))
    }

    /// Whether the digits, dialled nationally in this region, could be valid.
    fn possible_national(&self, digits: &str) -> bool {
        if self.opaque
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

/// The crate's verdict on a national significant number under a country code: the region it
/// would pick (by leading digits, else the first where the number has a type), then whether
/// the number has a type there.
fn verdict(rules: &[Rules], nsn: &str) -> bool {
    if let [only] = rules {
        return only.valid_nsn(nsn);
    }
    for r in rules {
        match &r.leading_digits {
            Some(ld) if ld.is_match(nsn) => return r.valid_nsn(nsn),
            Some(_) => {}
            None if r.valid_nsn(nsn) => return true,
            None => {}
        }
    }
    false
}

/// One verdict if every reading of the digits the parser might choose agrees, else `None`.
fn agreed(rules: &[Rules], readings: &[&str]) -> Option<bool> {
    let first = verdict(rules, readings.first()?);
    readings[1..]
        .iter()
        .all(|r| verdict(rules, r) == first)
        .then_some(first)
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

/// The crate's answer for `+digits` when the rules can give it exactly; `None` when only the
/// crate can tell (a region with parsing rules not modelled here, zeros after the code, or
/// readings that disagree).
pub(super) fn decide_international(digits: &str) -> Option<bool> {
    let Some((code, rest)) = split_code(digits) else {
        return Some(false);
    };
    let rules = rules_for(code)?;
    // The parser reads the digits after the code with the main region's rules (`+1`: US);
    // the other regions sharing the code only take part in choosing where the number belongs.
    let main = rules.iter().find(|r| r.main).unwrap_or(&rules[0]);
    if rest.starts_with('0') || main.opaque {
        return None;
    }
    let mut readings = vec![rest];
    readings.extend(main.without_prefix(rest));
    agreed(rules, &readings)
}

/// The crate's answer for `digits` dialled nationally in `region`, when the rules can give
/// it exactly (see [`decide_international`]).
pub(super) fn decide_national(region: &str, digits: &str) -> Option<bool> {
    let code = DATABASE.by_id(region)?.country_code();
    let rules = rules_for(code)?;
    let own = rules.iter().find(|r| r.id == region)?;
    // Dialled nationally, the digits are read with this region's rules alone.
    if own.opaque
        || own
            .international_prefix
            .as_ref()
            .is_some_and(|re| re.is_match(digits))
    {
        return None;
    }
    let mut readings = vec![digits];
    readings.extend(own.without_prefix(digits));
    if let Some(rest) = digits.strip_prefix(own.country_code.as_str()) {
        if rest.starts_with('0') {
            return None;
        }
        readings.push(rest);
        readings.extend(own.without_prefix(rest));
    }
    agreed(rules, &readings)
}

/// Whether `+digits` could be a valid number: `false` only when the crate would say so too.
pub(super) fn possible_international(digits: &str) -> bool {
    for len in 1..=3.min(digits.len()) {
        let Ok(code) = digits[..len].parse::<u16>() else {
            return false;
        };
        if by_code().contains_key(&code) {
            let rest = &digits[len..];
            return match rules_for(code) {
                Some(rules) => rules.iter().any(|r| r.possible_after_code(rest)),
                None => true,
            };
        }
    }
    false
}

/// Whether `digits`, dialled nationally in `region`, could be a valid number there: `false`
/// only when the crate would say so too.
pub(super) fn possible_national(region: &str, digits: &str) -> bool {
    let Some(meta) = DATABASE.by_id(region) else {
        return true;
    };
    match rules_for(meta.country_code()) {
        Some(rules) => rules
            .iter()
            .find(|r| r.id == region)
            .is_none_or(|r| r.possible_national(digits)),
        None => true,
    }
}
