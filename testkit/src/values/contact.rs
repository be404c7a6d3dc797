//! People, contact and network values: e-mails, phone numbers, names, dates of birth, street
//! addresses, postal codes, coordinates, IP and MAC addresses, IMEIs and URLs with embedded
//! credentials.
//!
//! Phone numbers follow the national numbering plans as libphonenumber's metadata encodes
//! them (NANP area codes with N11-free, non-555 exchanges; Ofcom UK mobile 07 ranges and
//! London 020; BNetzA DE mobile 015x/016x/017x; ARCEP FR 06/07; ...), so a phonenumber
//! library accepts them as valid, not merely possible. The fictional 555 exchange is avoided.

use crate::check::luhn_check_digit;
use crate::draw::{
    Rg, capitalise, chance, date, digit_vec, digits, digits_to_string, hex, int, pick, pick_str,
};
use crate::lexicon::{self, handle};

/// An e-mail address: names from many locales (transliterated), plus-addressing, company
/// subdomains and many TLDs.
pub fn email(rng: &mut Rg<'_>, h: bool) -> String {
    let loc = lexicon::locale(rng, h);
    let first = handle(pick_str(rng, loc.given));
    let last = handle(pick_str(rng, loc.family));
    let initial = first.chars().next().unwrap_or('x');
    let local = match int(rng, 0, 9) {
        0 | 1 => format!("{first}.{last}"),
        2 => format!("{initial}{last}"),
        3 => format!("{first}_{last}"),
        4 => {
            let tag = pick_str(
                rng,
                &["news", "shop", "billing", "work", "2024", "github", "promo"],
            );
            format!("{first}.{last}+{tag}")
        }
        5 => format!("{first}{last}{}", int(rng, 1, 99)),
        6 => format!("{first}{}", int(rng, 1960, 2006)),
        7 => format!("{last}.{first}"),
        8 => format!("{first}-{last}"),
        _ => format!("{initial}.{last}"),
    };
    let domain = if chance(rng, 0.45) {
        let pool = if h {
            lexicon::HOLDOUT_FREEMAIL
        } else {
            lexicon::FREEMAIL
        };
        pick_str(rng, pool).to_string()
    } else {
        let company = pick_str(rng, lexicon::COMPANIES);
        let tld = if h {
            pick_str(rng, lexicon::HOLDOUT_TLDS)
        } else {
            pick_str(rng, lexicon::TLDS)
        };
        match int(rng, 0, 4) {
            0 => format!("mail.{company}.{tld}"),
            1 => {
                let sub = pick_str(rng, &["eu", "us", "corp", "it", "sales", "de"]);
                format!("{sub}.{company}.{tld}")
            }
            _ => format!("{company}.{tld}"),
        }
    };
    let addr = format!("{local}@{domain}");
    if h && chance(rng, 0.15) {
        // Some systems keep the case people typed.
        let mut parts = addr.splitn(2, '@');
        let l = parts.next().unwrap_or_default();
        let d = parts.next().unwrap_or_default();
        format!(
            "{}@{}",
            l.split('.').map(capitalise).collect::<Vec<_>>().join("."),
            d.to_uppercase()
        )
    } else {
        addr
    }
}

/// NANP area codes in service (US), per NANPA.
const US_AREA: &[u32] = &[
    201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 224, 225, 234, 239,
    240, 248, 251, 253, 256, 267, 281, 301, 303, 305, 310, 312, 313, 314, 317, 319, 323, 330, 336,
    347, 352, 404, 405, 407, 408, 410, 412, 414, 415, 425, 469, 480, 503, 504, 512, 513, 520, 602,
    612, 615, 617, 619, 646, 650, 702, 703, 704, 713, 718, 720, 732, 773, 786, 801, 813, 818, 832,
    858, 901, 916, 917, 919, 949, 972, 978, 989,
];
/// NANP area codes in service (Canada), per CNAC.
const CA_AREA: &[u32] = &[
    204, 226, 236, 250, 289, 306, 343, 365, 403, 416, 418, 431, 437, 438, 450, 506, 514, 519, 579,
    581, 587, 604, 613, 639, 647, 705, 709, 778, 780, 807, 819, 825, 867, 873, 902, 905,
];

fn nanp(rng: &mut Rg<'_>, areas: &[u32], h: bool) -> String {
    let npa = *pick(rng, areas);
    // Exchange NXX: 2-9 first, not N11, never the fictional 555.
    let nxx = loop {
        let n = int(rng, 200, 999) as u32;
        if n % 100 != 11 && n != 555 && n != 950 && n != 958 && n != 959 && n != 976 {
            break n;
        }
    };
    let line = digits(rng, 4);
    let styles: &[u8] = if h { &[4, 5, 6, 7] } else { &[0, 1, 2, 3, 4] };
    match *pick(rng, styles) {
        0 => format!("+1{npa}{nxx}{line}"),
        1 => format!("({npa}) {nxx}-{line}"),
        2 => format!("+1 {npa} {nxx} {line}"),
        3 => format!("{npa}-{nxx}-{line}"),
        4 => format!("+1-{npa}-{nxx}-{line}"),
        5 => format!("1-{npa}-{nxx}-{line}"),
        6 => format!("{npa}.{nxx}.{line}"),
        _ => format!("+1 ({npa}) {nxx}-{line}"),
    }
}

fn uk(rng: &mut Rg<'_>) -> String {
    // Ofcom 07 mobile blocks that libphonenumber lists as mobile.
    const MOBILE: &[&str] = &[
        "740", "741", "742", "743", "746", "747", "748", "749", "751", "753", "754", "755", "756",
        "757", "758", "759", "771", "772", "773", "774", "775", "776", "777", "780", "781", "784",
        "785", "786", "787", "788", "789", "790", "792", "794", "795", "796", "797", "798", "799",
    ];
    if chance(rng, 0.7) {
        let nsn = format!("{}{}", pick_str(rng, MOBILE), digits(rng, 7));
        match int(rng, 0, 3) {
            0 => format!("+44 {} {}", &nsn[..4], &nsn[4..]),
            1 => format!("0{} {}", &nsn[..4], &nsn[4..]),
            2 => format!("+44{nsn}"),
            _ => format!("+44 (0){} {}", &nsn[..4], &nsn[4..]),
        }
    } else {
        // London 020 3/7/8 + 7 digits.
        let nsn = format!(
            "20{}{}{}",
            pick_str(rng, &["3", "7", "8"]),
            int(rng, 1, 9),
            digits(rng, 6)
        );
        match int(rng, 0, 2) {
            0 => format!("+44 20 {} {}", &nsn[2..6], &nsn[6..]),
            1 => format!("020 {} {}", &nsn[2..6], &nsn[6..]),
            _ => format!("+44{nsn}"),
        }
    }
}

fn de(rng: &mut Rg<'_>) -> String {
    const PFX15: &[&str] = &["151", "152", "157", "159"];
    const PFX16_17: &[&str] = &[
        "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179",
    ];
    let (pfx, rest) = if chance(rng, 0.4) {
        (pick_str(rng, PFX15), digits(rng, 8))
    } else {
        let n = 7 + int(rng, 0, 1) as usize;
        (pick_str(rng, PFX16_17), digits(rng, n))
    };
    match int(rng, 0, 4) {
        0 => format!("+49 {pfx} {rest}"),
        1 => format!("0{pfx} {rest}"),
        2 => format!("+49{pfx}{rest}"),
        3 => format!("0{pfx}/{rest}"),
        _ => format!("+49 (0){pfx} {rest}"),
    }
}

fn fr(rng: &mut Rg<'_>) -> String {
    let nsn = match int(rng, 0, 4) {
        0 | 1 => format!(
            "6{}{}",
            pick_str(rng, &["0", "1", "2", "4", "5", "6", "7", "8"]),
            digits(rng, 7)
        ),
        2 => format!("7{}{}", int(rng, 3, 9), digits(rng, 7)),
        _ => format!("1{}{}", int(rng, 4, 5), digits(rng, 7)),
    };
    let pairs = |s: &str| -> String {
        s.as_bytes()
            .chunks(2)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match int(rng, 0, 3) {
        0 => format!("+33 {} {}", &nsn[..1], pairs(&nsn[1..])),
        1 => format!("0{} {}", &nsn[..1], pairs(&nsn[1..])),
        2 => format!("+33{nsn}"),
        _ => format!("0{}.{}", &nsn[..1], pairs(&nsn[1..]).replace(' ', ".")),
    }
}

fn es(rng: &mut Rg<'_>) -> String {
    let nsn = if chance(rng, 0.8) {
        format!("6{}", digits(rng, 8))
    } else {
        format!("91{}{}", int(rng, 2, 7), digits(rng, 6))
    };
    match int(rng, 0, 3) {
        0 => format!("+34 {} {} {}", &nsn[..3], &nsn[3..6], &nsn[6..]),
        1 => format!("{} {} {} {}", &nsn[..3], &nsn[3..5], &nsn[5..7], &nsn[7..]),
        2 => format!("+34{nsn}"),
        _ => nsn,
    }
}

fn it(rng: &mut Rg<'_>) -> String {
    // TIM's 391-393 are real but left out: a national number starting "39" reads as the
    // country code to some parsers.
    const PFX: &[&str] = &[
        "320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "336", "338", "339",
        "340", "342", "345", "346", "347", "348", "349", "350", "351", "366", "380", "388", "389",
    ];
    if chance(rng, 0.8) {
        let pfx = pick_str(rng, PFX);
        let rest = digits(rng, 7);
        match int(rng, 0, 3) {
            0 => format!("+39 {pfx} {} {}", &rest[..3], &rest[3..]),
            1 => format!("{pfx} {rest}"),
            2 => format!("+39{pfx}{rest}"),
            _ => format!("{pfx}-{rest}"),
        }
    } else {
        // Rome 06 fixed line.
        let rest = format!("{}{}", int(rng, 3, 9), digits(rng, 7));
        match int(rng, 0, 1) {
            0 => format!("+39 06 {} {}", &rest[..4], &rest[4..]),
            _ => format!("06 {} {}", &rest[..4], &rest[4..]),
        }
    }
}

fn nl(rng: &mut Rg<'_>) -> String {
    let nsn = format!("6{}{}", int(rng, 1, 5), digits(rng, 7));
    match int(rng, 0, 3) {
        0 => format!("+31 6 {}", &nsn[1..]),
        1 => format!("06-{}", &nsn[1..]),
        2 => format!("+31{nsn}"),
        _ => format!("06 {} {}", &nsn[1..5], &nsn[5..]),
    }
}

fn br(rng: &mut Rg<'_>) -> String {
    const AREA: &[&str] = &[
        "11", "21", "31", "41", "51", "61", "71", "81", "85", "19", "47", "27",
    ];
    let area = pick_str(rng, AREA);
    let sub = format!("9{}{}", int(rng, 6, 9), digits(rng, 7));
    match int(rng, 0, 3) {
        0 => format!("+55 {area} {}-{}", &sub[..5], &sub[5..]),
        1 => format!("({area}) {}-{}", &sub[..5], &sub[5..]),
        2 => format!("+55{area}{sub}"),
        _ => format!("{area} {}-{}", &sub[..5], &sub[5..]),
    }
}

fn india(rng: &mut Rg<'_>) -> String {
    const PFX: &[&str] = &[
        "98", "99", "97", "96", "94", "93", "91", "90", "88", "87", "85", "81", "80", "78", "77",
        "70", "63", "62",
    ];
    let nsn = format!("{}{}", pick_str(rng, PFX), digits(rng, 8));
    match int(rng, 0, 3) {
        0 => format!("+91 {} {}", &nsn[..5], &nsn[5..]),
        1 => format!("+91-{nsn}"),
        2 => format!("+91{nsn}"),
        _ => format!("0{} {}", &nsn[..5], &nsn[5..]),
    }
}

fn au(rng: &mut Rg<'_>) -> String {
    if chance(rng, 0.75) {
        let nsn = format!("4{}{}", int(rng, 0, 3), digits(rng, 7));
        match int(rng, 0, 2) {
            0 => format!("+61 {} {} {}", &nsn[..3], &nsn[3..6], &nsn[6..]),
            1 => format!("0{} {} {}", &nsn[..3], &nsn[3..6], &nsn[6..]),
            _ => format!("+61{nsn}"),
        }
    } else {
        let area = pick_str(rng, &["2", "3"]);
        let sub = format!("9{}", digits(rng, 7));
        match int(rng, 0, 1) {
            0 => format!("(0{area}) {} {}", &sub[..4], &sub[4..]),
            _ => format!("+61 {area} {} {}", &sub[..4], &sub[4..]),
        }
    }
}

// Holdout-only countries and styles.

fn se(rng: &mut Rg<'_>) -> String {
    let nsn = format!(
        "7{}{}",
        pick_str(rng, &["0", "2", "3", "6"]),
        digits(rng, 7)
    );
    match int(rng, 0, 2) {
        0 => format!(
            "+46 {} {} {} {}",
            &nsn[..2],
            &nsn[2..5],
            &nsn[5..7],
            &nsn[7..]
        ),
        1 => format!("0{}-{} {} {}", &nsn[..2], &nsn[2..5], &nsn[5..7], &nsn[7..]),
        _ => format!("0{nsn}"),
    }
}

fn pl(rng: &mut Rg<'_>) -> String {
    const PFX: &[&str] = &[
        "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88",
    ];
    let nsn = format!("{}{}", pick_str(rng, PFX), digits(rng, 7));
    match int(rng, 0, 2) {
        0 => format!("+48 {} {} {}", &nsn[..3], &nsn[3..6], &nsn[6..]),
        1 => format!("{}-{}-{}", &nsn[..3], &nsn[3..6], &nsn[6..]),
        _ => format!("+48{nsn}"),
    }
}

fn sg(rng: &mut Rg<'_>) -> String {
    let nsn = format!(
        "{}{}{}",
        pick_str(rng, &["8", "9"]),
        int(rng, 1, 8),
        digits(rng, 6)
    );
    match int(rng, 0, 1) {
        0 => format!("+65 {} {}", &nsn[..4], &nsn[4..]),
        _ => format!("+65{nsn}"),
    }
}

fn ch(rng: &mut Rg<'_>) -> String {
    let nsn = format!("7{}{}", int(rng, 6, 9), digits(rng, 7));
    match int(rng, 0, 1) {
        0 => format!(
            "+41 {} {} {} {}",
            &nsn[..2],
            &nsn[2..5],
            &nsn[5..7],
            &nsn[7..]
        ),
        _ => format!("0{} {} {} {}", &nsn[..2], &nsn[2..5], &nsn[5..7], &nsn[7..]),
    }
}

fn jp(rng: &mut Rg<'_>) -> String {
    let pfx = pick_str(rng, &["90", "80", "70"]);
    let rest = format!("{}{}", int(rng, 1, 9), digits(rng, 7));
    match int(rng, 0, 1) {
        0 => format!("+81 {pfx}-{}-{}", &rest[..4], &rest[4..]),
        _ => format!("0{pfx}-{}-{}", &rest[..4], &rest[4..]),
    }
}

fn mx(rng: &mut Rg<'_>) -> String {
    let area = pick_str(rng, &["55", "33", "81"]);
    let rest = format!("{}{}", int(rng, 1, 9), digits(rng, 7));
    format!("+52 {area} {} {}", &rest[..4], &rest[4..])
}

/// A phone number valid under its country's numbering plan, in E.164, international or
/// national style.
pub fn phone(rng: &mut Rg<'_>, h: bool) -> String {
    phone_with_region(rng, h).1
}

/// A phone number and the ISO 3166 region whose numbering plan it follows (national
/// formats only make sense with it).
pub fn phone_with_region(rng: &mut Rg<'_>, h: bool) -> (&'static str, String) {
    if h {
        match int(rng, 0, 9) {
            0 => ("SE", se(rng)),
            1 => ("PL", pl(rng)),
            2 => ("SG", sg(rng)),
            3 => ("CH", ch(rng)),
            4 => ("JP", jp(rng)),
            5 => ("MX", mx(rng)),
            6 => ("US", nanp(rng, US_AREA, true)),
            7 => ("CA", nanp(rng, CA_AREA, true)),
            8 => ("AU", au(rng)),
            _ => ("IN", india(rng)),
        }
    } else {
        match int(rng, 0, 11) {
            0 | 1 => ("US", nanp(rng, US_AREA, false)),
            2 => ("CA", nanp(rng, CA_AREA, false)),
            3 => ("GB", uk(rng)),
            4 => ("DE", de(rng)),
            5 => ("FR", fr(rng)),
            6 => ("ES", es(rng)),
            7 => ("IT", it(rng)),
            8 => ("NL", nl(rng)),
            9 => ("BR", br(rng)),
            10 => ("IN", india(rng)),
            _ => ("AU", au(rng)),
        }
    }
}

fn names(rng: &mut Rg<'_>, h: bool) -> (&'static str, &'static str) {
    let loc = lexicon::locale(rng, h);
    (pick_str(rng, loc.given), pick_str(rng, loc.family))
}

/// A full name, mostly "Given Family", sometimes with a title, a middle initial or
/// "Family, Given".
pub fn person_name(rng: &mut Rg<'_>, h: bool) -> String {
    let (g, f) = names(rng, h);
    if h {
        return match int(rng, 0, 5) {
            0 => format!("{} {g}", f.to_uppercase()),
            1 => format!("{f}, {g}"),
            2 => format!("{g} {f}").to_lowercase(),
            _ => format!("{g} {f}"),
        };
    }
    match int(rng, 0, 9) {
        0 => format!("{f}, {g}"),
        1 => {
            let title = pick_str(
                rng,
                &["Dr.", "Mr.", "Mrs.", "Ms.", "Herr", "Frau", "Mme", "Sr."],
            );
            format!("{title} {g} {f}")
        }
        2 => {
            let mid = char::from(b'A' + int(rng, 0, 25) as u8);
            format!("{g} {mid}. {f}")
        }
        3 => {
            let (g2, _) = names(rng, h);
            if g2 == g {
                format!("{g} {f}")
            } else {
                format!("{g} {g2} {f}")
            }
        }
        _ => format!("{g} {f}"),
    }
}

/// A given name.
pub fn first_name(rng: &mut Rg<'_>, h: bool) -> String {
    names(rng, h).0.to_string()
}

/// A family name.
pub fn last_name(rng: &mut Rg<'_>, h: bool) -> String {
    names(rng, h).1.to_string()
}

const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A birth date between 1935 and 2007 in a common written format.
pub fn date_of_birth(rng: &mut Rg<'_>, h: bool) -> String {
    let (y, m, d) = date(rng, 1935, 2007);
    if h {
        let mon = MONTHS_EN[(m - 1) as usize];
        return match int(rng, 0, 4) {
            0 => format!("{d} {} {y}", &mon[..3]),
            1 => format!("{mon} {d}, {y}"),
            2 => format!("{y}/{m:02}/{d:02}"),
            3 => format!("{d:02}-{m:02}-{y}"),
            _ => format!("{y}{m:02}{d:02}"),
        };
    }
    match int(rng, 0, 3) {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{d:02}/{m:02}/{y}"),
        2 => format!("{m:02}/{d:02}/{y}"),
        _ => format!("{d:02}.{m:02}.{y}"),
    }
}

fn house(rng: &mut Rg<'_>) -> u64 {
    if chance(rng, 0.6) {
        int(rng, 1, 99)
    } else {
        int(rng, 100, 2999)
    }
}

/// A street line (street and number, sometimes a unit), in the local order.
pub fn street_address(rng: &mut Rg<'_>, h: bool) -> String {
    let n = house(rng);
    if h {
        return match int(rng, 0, 7) {
            0 => {
                let s = pick_str(
                    rng,
                    &[
                        "Marszałkowska",
                        "Długa",
                        "Piękna",
                        "Floriańska",
                        "Mickiewicza",
                    ],
                );
                if chance(rng, 0.5) {
                    format!("ul. {s} {n}/{}", int(rng, 1, 40))
                } else {
                    format!("ul. {s} {n}")
                }
            }
            1 => format!(
                "{} {n}",
                pick_str(
                    rng,
                    &[
                        "Drottninggatan",
                        "Storgatan",
                        "Kungsgatan",
                        "Sveavägen",
                        "Götgatan"
                    ]
                )
            ),
            2 => format!(
                "{} {n} {} {}",
                pick_str(
                    rng,
                    &[
                        "Mannerheimintie",
                        "Aleksanterinkatu",
                        "Hämeenkatu",
                        "Runeberginkatu"
                    ]
                ),
                pick_str(rng, &["A", "B", "C"]),
                int(rng, 1, 60)
            ),
            3 => format!(
                "{} {n}",
                pick_str(
                    rng,
                    &["Václavské náměstí", "Národní", "Vinohradská", "Karlova"]
                )
            ),
            4 => format!(
                "{} No: {n}",
                pick_str(
                    rng,
                    &[
                        "Atatürk Cad.",
                        "İstiklal Cad.",
                        "Bağdat Cad.",
                        "Cumhuriyet Cad."
                    ]
                )
            ),
            5 => format!(
                "Unit {}, {n} {}",
                int(rng, 1, 40),
                pick_str(
                    rng,
                    &["George St", "Collins St", "Queen St", "Pitt St", "Hay St"]
                )
            ),
            6 => format!(
                "Flat {}, {n} {}",
                int(rng, 101, 905),
                pick_str(
                    rng,
                    &["MG Road", "Linking Road", "Park Street", "Brigade Road"]
                )
            ),
            _ => format!(
                "{n} {} {}, Suite {}",
                pick_str(
                    rng,
                    &["Market", "Terry A Francois", "Congress", "Peachtree"]
                ),
                pick_str(rng, &["Blvd", "St", "Ave", "Pkwy"]),
                int(rng, 100, 2400)
            ),
        };
    }
    match int(rng, 0, 8) {
        0 => {
            let name = pick_str(
                rng,
                &[
                    "Main",
                    "Oak",
                    "Maple",
                    "Elm",
                    "Washington",
                    "Lake",
                    "Highland",
                    "Cedar",
                    "Sunset",
                    "Amphitheatre",
                    "Mission",
                    "Fifth",
                    "Pine",
                    "Park",
                ],
            );
            let kind = pick_str(
                rng,
                &[
                    "Street",
                    "Avenue",
                    "Road",
                    "Boulevard",
                    "Lane",
                    "Drive",
                    "Court",
                    "Parkway",
                    "St",
                    "Ave",
                ],
            );
            if chance(rng, 0.2) {
                format!(
                    "{n} {name} {kind}, Apt {}{}",
                    int(rng, 1, 30),
                    pick_str(rng, &["A", "B", "C", "D"])
                )
            } else {
                format!("{n} {name} {kind}")
            }
        }
        1 => format!(
            "{n} {} {}",
            pick_str(
                rng,
                &[
                    "Baker", "Downing", "High", "Church", "Victoria", "Station", "Abbey"
                ]
            ),
            pick_str(
                rng,
                &["Street", "Road", "Lane", "Close", "Gardens", "Crescent"]
            )
        ),
        2 => {
            let stem = pick_str(
                rng,
                &[
                    "Haupt",
                    "Bahnhof",
                    "Schul",
                    "Garten",
                    "Goethe",
                    "Schiller",
                    "Linden",
                    "Kirch",
                    "Friedrich",
                    "Berliner ",
                ],
            );
            let kind = pick_str(rng, &["straße", "str.", "weg", "allee", "Straße"]);
            let kind = if stem.ends_with(' ') { "Straße" } else { kind };
            let suffix = if chance(rng, 0.15) { "a" } else { "" };
            format!("{stem}{kind} {n}{suffix}")
        }
        3 => format!(
            "{n}{} {}",
            if chance(rng, 0.1) { " bis" } else { "" },
            pick_str(
                rng,
                &[
                    "rue de la Paix",
                    "rue Victor Hugo",
                    "avenue des Champs-Élysées",
                    "boulevard Haussmann",
                    "rue du Faubourg Saint-Honoré",
                    "rue des Lilas",
                    "place de la République",
                ],
            )
        ),
        4 => {
            let s = pick_str(
                rng,
                &[
                    "Calle Mayor",
                    "Calle de Alcalá",
                    "Gran Vía",
                    "Paseo de la Castellana",
                    "Avenida de la Constitución",
                    "C/ Serrano",
                ],
            );
            if chance(rng, 0.3) {
                format!(
                    "{s} {n}, {}º {}",
                    int(rng, 1, 9),
                    pick_str(rng, &["A", "B", "C", "izq."])
                )
            } else {
                format!("{s} {n}")
            }
        }
        5 => format!(
            "{} {n}",
            pick_str(
                rng,
                &[
                    "Via Roma",
                    "Via Garibaldi",
                    "Via Dante Alighieri",
                    "Corso Vittorio Emanuele II",
                    "Via del Corso",
                    "Piazza Navona",
                    "Via Mazzini"
                ],
            )
        ),
        6 => format!(
            "{} {n}",
            pick_str(
                rng,
                &[
                    "Kerkstraat",
                    "Dorpsstraat",
                    "Prinsengracht",
                    "Keizersgracht",
                    "Molenweg",
                    "Stationsweg",
                    "Herengracht"
                ],
            )
        ),
        7 => format!(
            "{} {n}",
            pick_str(
                rng,
                &[
                    "Rua Augusta",
                    "Rua das Flores",
                    "Avenida Paulista",
                    "Rua Oscar Freire",
                    "Av. Brasil,"
                ]
            )
        ),
        _ => format!(
            "{n} {}",
            pick_str(
                rng,
                &[
                    "Queen Street West",
                    "Rue Sainte-Catherine",
                    "Yonge Street",
                    "Granville Street"
                ]
            )
        ),
    }
}

const UK_OUTWARD: &[&str] = &[
    "SW1A", "EC1A", "W1A", "M1", "B33", "CR2", "DN55", "EH1", "G2", "LS1", "BS1", "NW3", "SE10",
    "E14", "OX1", "CB2", "L1", "N1", "BT1", "CF10",
];
/// Inward-code letters (Royal Mail: never C, I, K, M, O, V).
const UK_INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
/// Canadian FSA first letters (Canada Post) and the letters allowed elsewhere.
const CA_FIRST: &[u8] = b"ABCEGHJKLMNPRSTVXY";
const CA_OTHER: &[u8] = b"ABCEGHJKLMNPRSTVWXYZ";

/// A postal code in its country's format (US ZIP/ZIP+4, UK, DE, FR, NL, CA, BR; holdout: PL,
/// SE, ES, IT, AU, IN, JP, PT).
pub fn postal_code(rng: &mut Rg<'_>, h: bool) -> String {
    let letter = |rng: &mut Rg<'_>, set: &[u8]| char::from(*pick(rng, set));
    if h {
        return match int(rng, 0, 7) {
            0 => format!("{:02}-{:03}", int(rng, 0, 99), int(rng, 1, 999)),
            1 => format!("{} {:02}", int(rng, 100, 984), int(rng, 10, 99)),
            2 => format!("{:02}{:03}", int(rng, 1, 52), int(rng, 1, 999)),
            3 => format!("{:05}", int(rng, 10, 98168)),
            4 => format!("{}", int(rng, 2000, 7999)),
            5 => format!("{}{:05}", int(rng, 1, 8), int(rng, 1, 99999)),
            6 => format!("{:03}-{:04}", int(rng, 100, 999), int(rng, 0, 9999)),
            _ => format!("{}-{:03}", int(rng, 1000, 9999), int(rng, 0, 999)),
        };
    }
    match int(rng, 0, 7) {
        0 => format!("{:05}", int(rng, 1001, 99950)),
        1 => format!("{:05}-{:04}", int(rng, 1001, 99950), int(rng, 1, 9999)),
        2 => format!(
            "{} {}{}{}",
            pick_str(rng, UK_OUTWARD),
            int(rng, 1, 9),
            letter(rng, UK_INWARD),
            letter(rng, UK_INWARD)
        ),
        3 => format!("{:05}", int(rng, 1067, 99998)),
        4 => format!("{:02}{:03}", int(rng, 1, 95), int(rng, 0, 999)),
        5 => {
            // NL: letters never SA, SD or SS.
            let mut l = format!(
                "{}{}",
                letter(rng, b"ABCDEGHJKLMNPRTVWXZ"),
                letter(rng, b"ABCEGHJKLMNPRTVWXZ")
            );
            if l == "SS" {
                l = "ST".to_string();
            }
            format!("{} {l}", int(rng, 1000, 9999))
        }
        6 => format!(
            "{}{}{} {}{}{}",
            letter(rng, CA_FIRST),
            int(rng, 0, 9),
            letter(rng, CA_OTHER),
            int(rng, 0, 9),
            letter(rng, CA_OTHER),
            int(rng, 0, 9)
        ),
        _ => format!("{:05}-{:03}", int(rng, 1000, 99999), int(rng, 0, 999)),
    }
}

/// Coordinates near a real city, 4–6 decimals, "lat, lon" or "lat,lon".
pub fn gps(rng: &mut Rg<'_>, h: bool) -> String {
    let pool = if h {
        lexicon::HOLDOUT_CITIES
    } else {
        lexicon::CITIES
    };
    let (_, lat0, lon0) = *pick(rng, pool);
    let jitter = |rng: &mut Rg<'_>| (int(rng, 0, 200_000) as f64 - 100_000.0) / 1_000_000.0;
    let lat = lat0 + jitter(rng);
    let lon = lon0 + jitter(rng);
    let p = int(rng, 4, 6) as usize;
    match int(rng, 0, if h { 4 } else { 2 }) {
        0 | 1 => format!("{lat:.p$}, {lon:.p$}"),
        2 => format!("{lat:.p$},{lon:.p$}"),
        3 => format!("({lat:.p$}, {lon:.p$})"),
        _ => format!("{lat:.p$} {lon:.p$}"),
    }
}

/// A public-looking IPv4 (no private, loopback, link-local, CGNAT or multicast ranges), or a
/// global-unicast IPv6.
pub fn ip_address(rng: &mut Rg<'_>, h: bool) -> String {
    if chance(rng, if h { 0.45 } else { 0.25 }) {
        let prefix = pick_str(
            rng,
            &[
                "2001:4860",
                "2a00:1450",
                "2606:4700",
                "2a03:2880",
                "2600:1f18",
                "2001:db8",
            ],
        );
        let groups: Vec<String> = (0..6)
            .map(|_| format!("{:x}", int(rng, 0, 0xffff)))
            .collect();
        return if chance(rng, 0.5) {
            format!("{prefix}:{}::{}", groups[0], groups[1])
        } else {
            format!("{prefix}:{}", groups.join(":"))
        };
    }
    if chance(rng, 0.1) {
        // RFC 5737 documentation ranges, common in examples and logs.
        let net = pick_str(rng, &["192.0.2", "198.51.100", "203.0.113"]);
        return format!("{net}.{}", int(rng, 1, 254));
    }
    loop {
        let a = int(rng, 1, 223);
        let b = int(rng, 0, 255);
        let private = a == 10
            || a == 127
            || (a == 169 && b == 254)
            || (a == 172 && (16..=31).contains(&b))
            || (a == 192 && b == 168)
            || (a == 100 && (64..=127).contains(&b))
            || a == 0;
        if !private {
            return format!("{a}.{b}.{}.{}", int(rng, 0, 255), int(rng, 1, 254));
        }
    }
}

/// A unicast MAC address with a real vendor OUI, in colon, dash or Cisco dotted form.
pub fn mac_address(rng: &mut Rg<'_>, h: bool) -> String {
    const OUI: &[[u8; 3]] = &[
        [0x00, 0x1a, 0x2b],
        [0x3c, 0x22, 0xfb],
        [0xa4, 0x83, 0xe7],
        [0x00, 0x50, 0x56],
        [0xb8, 0x27, 0xeb],
        [0xdc, 0xa6, 0x32],
        [0xf0, 0x18, 0x98],
        [0x00, 0x0c, 0x29],
        [0x28, 0xcf, 0xe9],
        [0xac, 0xde, 0x48],
    ];
    let oui = *pick(rng, OUI);
    let mut b = [oui[0], oui[1], oui[2], 0, 0, 0];
    for x in b.iter_mut().skip(3) {
        *x = int(rng, 0, 255) as u8;
    }
    let hexs: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    let style = int(rng, 0, if h { 4 } else { 3 });
    let s = match style {
        0 | 1 => hexs.join(":"),
        2 => hexs.join("-"),
        3 => format!(
            "{}{}.{}{}.{}{}",
            hexs[0], hexs[1], hexs[2], hexs[3], hexs[4], hexs[5]
        ),
        _ => hexs.concat(),
    };
    if chance(rng, 0.5) {
        s.to_uppercase()
    } else {
        s
    }
}

/// An IMEI: an 8-digit TAC from a real reporting body (35, 86, 01, 99), a 6-digit serial
/// and the Luhn check digit (3GPP TS 23.003 §6.2.1).
pub fn imei(rng: &mut Rg<'_>, h: bool) -> String {
    let mut d: Vec<u8> = match int(rng, 0, 3) {
        0 | 1 => vec![3, 5],
        2 => vec![8, 6],
        _ => vec![0, 1],
    };
    d.extend(digit_vec(rng, 12));
    d.push(luhn_check_digit(&d));
    let s = digits_to_string(&d);
    match int(rng, 0, if h { 3 } else { 4 }) {
        0 if h => format!("{} {} {} {}", &s[..2], &s[2..8], &s[8..14], &s[14..]),
        1 => format!("{}-{}-{}-{}", &s[..2], &s[2..8], &s[8..14], &s[14..]),
        _ => s,
    }
}

/// A connection URL with user and password (database DSNs, HTTP basic auth, FTP, AMQP).
pub fn url_with_credentials(rng: &mut Rg<'_>, h: bool) -> String {
    let user = pick_str(
        rng,
        &[
            "app",
            "admin",
            "svc_billing",
            "readonly",
            "etl",
            "deploy",
            "root",
            "jenkins",
            "grafana",
        ],
    );
    let pw = crate::values::secrets::password_in_url(rng);
    let host = pick_str(
        rng,
        &[
            "db.internal",
            "pg-primary.ops.internal",
            "prod-db.cluster-c9x2.eu-west-1.rds.amazonaws.com",
            "mongo-0.mongo.svc.cluster.local",
            "localhost",
            "cache.prod.local",
            "files.acme.com",
            "registry.example.org",
        ],
    );
    let db = pick_str(
        rng,
        &["prod", "orders", "analytics", "users", "app_db", "billing"],
    );
    let kind = int(rng, 0, if h { 9 } else { 7 });
    match kind {
        0 => format!("postgres://{user}:{pw}@{host}:5432/{db}"),
        1 => format!("postgresql://{user}:{pw}@{host}/{db}?sslmode=require"),
        2 => format!("mysql://{user}:{pw}@{host}:3306/{db}"),
        3 => format!("mongodb+srv://{user}:{pw}@{host}/{db}?retryWrites=true&w=majority"),
        4 => format!("redis://{user}:{pw}@{host}:6379/0"),
        5 => format!(
            "https://{user}:{pw}@{host}/{}",
            pick_str(rng, &["api/v1/export", "path", "repo.git", "index.html"])
        ),
        6 => format!("amqp://{user}:{pw}@{host}:5672/%2F"),
        7 => format!("ftp://{user}:{pw}@{host}:21/incoming"),
        8 => format!("sftp://{user}:{pw}@{host}:22/upload/{}", hex(rng, 3)),
        _ => format!("jdbc:postgresql://{host}:5432/{db}?user={user}&password={pw}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use phonenumber::country::Id;
    use rand::SeedableRng;

    fn region(code: &str) -> Id {
        code.parse().unwrap()
    }

    /// libphonenumber (Google's metadata, via the `phonenumber` crate) is the reference for
    /// "valid": every generated number must be valid, not merely possible, in its region.
    #[test]
    fn phone_numbers_are_valid_for_libphonenumber() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let mut regions = std::collections::BTreeSet::new();
        for h in [false, true] {
            for _ in 0..1500 {
                let (code, number) = phone_with_region(&mut rng, h);
                regions.insert(code);
                let parsed = phonenumber::parse(Some(region(code)), &number)
                    .unwrap_or_else(|e| panic!("{code} {number}: {e}"));
                assert!(phonenumber::is_valid(&parsed), "{code} {number}");
            }
        }
        assert!(regions.len() >= 16, "{regions:?}");
    }
}
