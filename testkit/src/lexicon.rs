//! Built-in word lists: given and family names per locale, street names, cities with their
//! coordinates, companies and business vocabulary. Standard locales and holdout locales are
//! disjoint so a holdout score measures generalisation, not memory. All names are common
//! names, not people.

use crate::draw::{Rg, pick};

/// Names of one locale.
#[derive(Debug)]
pub(crate) struct Locale {
    /// ISO 639-1 code, for readers.
    #[allow(dead_code)]
    pub code: &'static str,
    pub given: &'static [&'static str],
    pub family: &'static [&'static str],
}

pub(crate) const STANDARD_LOCALES: &[Locale] = &[
    Locale {
        code: "en",
        given: &[
            "James",
            "Mary",
            "John",
            "Patricia",
            "Robert",
            "Jennifer",
            "Michael",
            "Linda",
            "William",
            "Elizabeth",
            "David",
            "Susan",
            "Emily",
            "Oliver",
            "Charlotte",
            "Jane",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
            "Taylor", "Anderson", "Thomas", "Moore", "O'Connor", "Walker", "Doe", "Harris",
        ],
    },
    Locale {
        code: "de",
        given: &[
            "Lukas",
            "Anna",
            "Jürgen",
            "Sabine",
            "Maximilian",
            "Lena",
            "Stefan",
            "Jörg",
            "Ursula",
            "Felix",
            "Katharina",
            "Björn",
            "Anna-Lena",
            "Günther",
        ],
        family: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schäfer",
            "Koch",
            "Bauer",
            "Größer",
            "Hoffmann",
            "Krüger",
        ],
    },
    Locale {
        code: "fr",
        given: &[
            "Jean",
            "Marie",
            "Pierre",
            "Camille",
            "Léa",
            "Hélène",
            "François",
            "Chloé",
            "Théo",
            "Inès",
            "Jérôme",
            "Amélie",
            "Jean-Baptiste",
            "Océane",
        ],
        family: &[
            "Martin",
            "Bernard",
            "Dubois",
            "Thomas",
            "Robert",
            "Petit",
            "Lefèvre",
            "Moreau",
            "Girard",
            "Lemaître",
            "Fournier",
            "Rousseau",
            "Bouchard",
            "Gauthier",
        ],
    },
    Locale {
        code: "es",
        given: &[
            "María",
            "José",
            "Antonio",
            "Carmen",
            "Javier",
            "Lucía",
            "Sofía",
            "Alejandro",
            "Ana",
            "Raúl",
            "Begoña",
            "Íñigo",
            "José Luis",
            "Nuria",
        ],
        family: &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Jiménez",
            "Muñoz",
            "Álvarez",
            "Ibáñez",
            "Castaño",
        ],
    },
    Locale {
        code: "it",
        given: &[
            "Giuseppe",
            "Francesca",
            "Marco",
            "Giulia",
            "Alessandro",
            "Chiara",
            "Luca",
            "Martina",
            "Niccolò",
            "Federica",
            "Matteo",
            "Elena",
            "Lorenzo",
            "Sara",
        ],
        family: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca",
        ],
    },
    Locale {
        code: "nl",
        given: &[
            "Daan", "Sanne", "Bram", "Lotte", "Sem", "Fleur", "Thijs", "Eline", "Joris", "Anouk",
            "Maarten", "Femke", "Ruud", "Ilse",
        ],
        family: &[
            "de Jong",
            "Jansen",
            "de Vries",
            "van den Berg",
            "van Dijk",
            "Bakker",
            "Janssen",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "van der Linden",
            "Dekker",
        ],
    },
    Locale {
        code: "pt",
        given: &[
            "João",
            "Ana",
            "Gonçalo",
            "Beatriz",
            "Tiago",
            "Inês",
            "Rafael",
            "Mariana",
            "Luís",
            "Leonor",
            "Thiago",
            "Letícia",
            "Vinícius",
            "Conceição",
        ],
        family: &[
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Sousa",
            "Gonçalves",
            "Araújo",
            "Magalhães",
            "Simões",
            "Lima",
        ],
    },
    Locale {
        code: "pl",
        given: &[
            "Piotr",
            "Anna",
            "Krzysztof",
            "Małgorzata",
            "Tomasz",
            "Agnieszka",
            "Łukasz",
            "Katarzyna",
            "Paweł",
            "Zofia",
            "Michał",
            "Jolanta",
            "Wojciech",
            "Bożena",
        ],
        family: &[
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kowalczyk",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kozłowski",
            "Jankowska",
            "Mazur",
        ],
    },
    Locale {
        code: "sv",
        given: &[
            "Erik", "Anna", "Lars", "Karin", "Björn", "Ingrid", "Johan", "Åsa", "Oskar", "Linnéa",
            "Gustav", "Elsa", "Måns", "Sofia",
        ],
        family: &[
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
            "Lindström",
            "Åberg",
            "Lindqvist",
            "Berg",
        ],
    },
    Locale {
        code: "fi",
        given: &[
            "Juha", "Anne", "Mikko", "Päivi", "Timo", "Tuula", "Jukka", "Sari", "Väinö", "Aino",
            "Eero", "Kaisa", "Olli", "Sanna",
        ],
        family: &[
            "Korhonen",
            "Virtanen",
            "Mäkinen",
            "Nieminen",
            "Mäkelä",
            "Hämäläinen",
            "Laine",
            "Heikkinen",
            "Koskinen",
            "Järvinen",
            "Lehtonen",
            "Saarinen",
            "Salminen",
            "Heinonen",
        ],
    },
    Locale {
        code: "in",
        given: &[
            "Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rohan",
            "Divya", "Sanjay", "Lakshmi", "Aditya", "Pooja",
        ],
        family: &[
            "Sharma",
            "Patel",
            "Singh",
            "Kumar",
            "Gupta",
            "Reddy",
            "Iyer",
            "Nair",
            "Mehta",
            "Chatterjee",
            "Rao",
            "Joshi",
            "Desai",
            "Banerjee",
        ],
    },
];

pub(crate) const HOLDOUT_LOCALES: &[Locale] = &[
    Locale {
        code: "tr",
        given: &[
            "Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Çağla", "Oğuz",
        ],
        family: &[
            "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
        ],
    },
    Locale {
        code: "el",
        given: &[
            "Giorgos", "Eleni", "Dimitris", "Maria", "Nikos", "Katerina", "Yannis",
        ],
        family: &[
            "Papadopoulos",
            "Papadakis",
            "Georgiou",
            "Nikolaidis",
            "Vlachos",
            "Karagiannis",
            "Oikonomou",
        ],
    },
    Locale {
        code: "ja",
        given: &[
            "Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Takumi", "Sakura",
        ],
        family: &[
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
        ],
    },
    Locale {
        code: "zh",
        given: &[
            "Wei", "Fang", "Jing", "Lei", "Xiuying", "Yang", "Min", "Jun",
        ],
        family: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Huang", "Zhao", "Zhou",
        ],
    },
    Locale {
        code: "vi",
        given: &[
            "Minh", "Lan", "Tuấn", "Hương", "Dũng", "Thảo", "Quang", "Mai",
        ],
        family: &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"],
    },
    Locale {
        code: "ar",
        given: &[
            "Omar", "Fatima", "Youssef", "Layla", "Karim", "Nour", "Hassan", "Amira",
        ],
        family: &[
            "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Farouk", "Al-Amin", "Rahman",
        ],
    },
    Locale {
        code: "cs",
        given: &[
            "Jiří", "Jana", "Petr", "Hana", "Tomáš", "Lucie", "Ondřej", "Tereza",
        ],
        family: &[
            "Novák",
            "Svoboda",
            "Novotný",
            "Dvořák",
            "Černý",
            "Procházka",
            "Kučera",
            "Veselý",
        ],
    },
    Locale {
        code: "hu",
        given: &[
            "László",
            "Katalin",
            "Zoltán",
            "Erzsébet",
            "Gábor",
            "Zsófia",
            "Bence",
        ],
        family: &[
            "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár",
        ],
    },
    Locale {
        code: "ro",
        given: &[
            "Andrei",
            "Ioana",
            "Mihai",
            "Elena",
            "Ștefan",
            "Alexandra",
            "Radu",
        ],
        family: &[
            "Popescu",
            "Ionescu",
            "Popa",
            "Dumitru",
            "Stan",
            "Constantin",
            "Munteanu",
        ],
    },
    Locale {
        code: "ko",
        given: &[
            "Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyun", "Eunji", "Dohyun",
        ],
        family: &["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"],
    },
    Locale {
        code: "da",
        given: &[
            "Søren", "Mette", "Rasmus", "Sofie", "Mads", "Freja", "Jesper",
        ],
        family: &[
            "Jensen",
            "Nielsen",
            "Hansen",
            "Pedersen",
            "Sørensen",
            "Rasmussen",
            "Møller",
        ],
    },
];

/// A locale for the profile (holdout draws mostly from the holdout locales).
pub(crate) fn locale(rng: &mut Rg<'_>, holdout: bool) -> &'static Locale {
    if holdout && crate::draw::chance(rng, 0.8) {
        pick(rng, HOLDOUT_LOCALES)
    } else {
        pick(rng, STANDARD_LOCALES)
    }
}

/// Italian given and family names for the codice fiscale (its letters come from them).
pub(crate) const IT_GIVEN_MALE: &[&str] = &[
    "Mario",
    "Giuseppe",
    "Luca",
    "Marco",
    "Alessandro",
    "Niccolò",
    "Matteo",
    "Andrea",
];
pub(crate) const IT_GIVEN_FEMALE: &[&str] = &[
    "Giulia",
    "Francesca",
    "Chiara",
    "Martina",
    "Federica",
    "Elena",
    "Sara",
    "Anna",
];
pub(crate) const IT_FAMILY: &[&str] = &[
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Fo",
    "Lo Iacono",
];

/// Belfiore cadastral codes of real comuni (and Z-codes of foreign states).
pub(crate) const BELFIORE: &[&str] = &[
    "H501", "F205", "F839", "L219", "G273", "D612", "A944", "L736", "G224", "D969", "L424", "B354",
    "A662", "C351", "Z404", "Z112", "Z114",
];

/// ASCII transliteration for e-mail local parts and codes: umlauts to two letters as German
/// and Scandinavian addresses write them, other diacritics dropped.
pub(crate) fn translit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let rep: &str = match c {
            'ä' | 'æ' => "ae",
            'ö' | 'ø' => "oe",
            'ü' => "ue",
            'Ä' | 'Æ' => "Ae",
            'Ö' | 'Ø' => "Oe",
            'Ü' => "Ue",
            'ß' => "ss",
            'á' | 'à' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => "a",
            'Á' | 'À' | 'Â' | 'Ã' | 'Å' | 'Ą' => "A",
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => "e",
            'É' | 'È' | 'Ê' => "E",
            'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
            'Í' | 'İ' => "I",
            'ó' | 'ò' | 'ô' | 'õ' | 'ő' => "o",
            'Ó' | 'Ò' | 'Ô' => "O",
            'ú' | 'ù' | 'û' | 'ű' | 'ů' => "u",
            'Ú' => "U",
            'ñ' | 'ń' => "n",
            'ç' | 'ć' | 'č' => "c",
            'Ç' | 'Č' => "C",
            'ł' => "l",
            'Ł' => "L",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
            'ż' | 'ź' | 'ž' => "z",
            'Ż' | 'Ž' => "Z",
            'ř' => "r",
            'ý' => "y",
            'ğ' => "g",
            'ț' => "t",
            'đ' => "d",
            'Đ' => "D",
            'ấ' | 'ầ' | 'ạ' => "a",
            'ư' => "u",
            'ơ' | 'ộ' | 'ổ' => "o",
            'ễ' | 'ệ' => "e",
            'ũ' => "u",
            'ả' => "a",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(rep);
    }
    out
}

/// A lower-case e-mail/user token from a name: transliterated, spaces, apostrophes and
/// hyphens dropped.
pub(crate) fn handle(name: &str) -> String {
    translit(name)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

pub(crate) const COMPANIES: &[&str] = &[
    "acme",
    "globex",
    "initech",
    "northwind",
    "contoso",
    "fabrikam",
    "hooli",
    "vandelay",
    "umbrella-corp",
    "stark-industries",
    "wayne-ent",
    "blumenwerk",
    "bergmann-gmbh",
    "lefevre-associes",
    "grupo-iberia",
    "rossi-srl",
    "devries-bv",
    "nordlys",
    "tulipa",
    "soylent",
    "piedpiper",
    "cyberdyne",
    "massive-dynamic",
    "oceanic-air",
    "brightlane",
];

pub(crate) const FREEMAIL: &[&str] = &[
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.co.uk",
    "icloud.com",
    "web.de",
    "gmx.de",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "yahoo.es",
    "libero.it",
    "ziggo.nl",
    "uol.com.br",
    "bol.com.br",
    "wp.pl",
    "telia.se",
    "rediffmail.com",
    "bigpond.com",
    "protonmail.com",
    "hey.com",
];

pub(crate) const TLDS: &[&str] = &[
    "com", "de", "co.uk", "fr", "com.br", "io", "es", "it", "nl", "pl", "se", "fi", "in", "com.au",
    "ca", "ch", "eu", "net", "org", "be",
];

pub(crate) const HOLDOUT_TLDS: &[&str] = &[
    "museum",
    "tech",
    "xyz",
    "app",
    "co.nz",
    "pt",
    "ac.jp",
    "com.tr",
    "gr",
    "cz",
    "hu",
    "ro",
    "co.kr",
    "vn",
    "ae",
    "photography",
    "solutions",
    "travel",
    "co.za",
    "ie",
    "dk",
    "no",
    "com.mx",
    "cloud",
];

pub(crate) const HOLDOUT_FREEMAIL: &[&str] = &[
    "yandex.ru",
    "seznam.cz",
    "naver.com",
    "qq.com",
    "mail.ru",
    "yahoo.co.jp",
    "freemail.hu",
    "gmx.at",
    "bluewin.ch",
    "tutanota.de",
    "zoho.eu",
    "fastmail.fm",
];

/// (city, latitude, longitude) for realistic coordinates.
pub(crate) const CITIES: &[(&str, f64, f64)] = &[
    ("Paris", 48.85837, 2.29448),
    ("London", 51.50735, -0.12776),
    ("Berlin", 52.52000, 13.40495),
    ("Madrid", 40.41678, -3.70379),
    ("Rome", 41.90278, 12.49637),
    ("Amsterdam", 52.36757, 4.90414),
    ("New York", 40.71278, -74.00597),
    ("San Francisco", 37.77493, -122.41942),
    ("Toronto", 43.65107, -79.34702),
    ("São Paulo", -23.55052, -46.63331),
    ("Mumbai", 19.07598, 72.87766),
    ("Sydney", -33.86882, 151.20929),
    ("Singapore", 1.35208, 103.81984),
    ("Stockholm", 59.32932, 18.06858),
    ("Helsinki", 60.16985, 24.93837),
    ("Warsaw", 52.22968, 21.01223),
];

pub(crate) const HOLDOUT_CITIES: &[(&str, f64, f64)] = &[
    ("Tokyo", 35.67620, 139.65031),
    ("Cape Town", -33.92487, 18.42406),
    ("Buenos Aires", -34.60372, -58.38159),
    ("Reykjavík", 64.14660, -21.94260),
    ("Nairobi", -1.29207, 36.82195),
    ("Anchorage", 61.21806, -149.90028),
    ("Auckland", -36.84846, 174.76333),
    ("Istanbul", 41.00824, 28.97836),
    ("Lima", -12.04637, -77.04279),
    ("Seoul", 37.56654, 126.97797),
];

pub(crate) const PRODUCTS: &[&str] = &[
    "Wireless Mouse M185",
    "USB-C Hub 7-in-1",
    "Ergonomic Office Chair",
    "Standing Desk Frame",
    "Noise Cancelling Headphones",
    "4K Monitor 27\"",
    "Mechanical Keyboard TKL",
    "Laptop Sleeve 14\"",
    "Espresso Machine Pro",
    "Stainless Water Bottle",
    "Yoga Mat Deluxe",
    "LED Desk Lamp",
    "Bluetooth Speaker Mini",
    "Cotton T-Shirt (L)",
    "Running Shoes Gel-Kayano",
];

/// Sentences of business text without any personal data, for descriptions and notes.
pub(crate) const BUSINESS_SENTENCES: &[&str] = &[
    "Quarterly revenue exceeded the forecast by a small margin.",
    "Shipment delayed due to customs inspection at the port.",
    "Customer asked about bulk pricing for the enterprise plan.",
    "Replaced the faulty power supply under warranty.",
    "Follow up next week regarding the renewal terms.",
    "Invoice was paid in full, no further action required.",
    "The warehouse inventory count was reconciled on Friday.",
    "Migrated the account to the new billing system.",
    "Requested a product demo for the analytics module.",
    "Package left at the front desk as instructed.",
    "Discount code applied after manager approval.",
    "Order consolidated into a single delivery to save costs.",
    "Return authorised; item to be inspected on arrival.",
    "Contract draft sent to legal for review.",
    "Feature request logged for the mobile app roadmap.",
    "Kunde wünscht Lieferung nach 14 Uhr.",
    "Le client souhaite un devis pour 50 unités.",
    "El pedido se envió con el transportista habitual.",
    "Il cliente ha richiesto la fattura elettronica.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
];

pub(crate) const STATUS_WORDS: &[&str] = &[
    "active",
    "inactive",
    "pending",
    "shipped",
    "delivered",
    "cancelled",
    "refunded",
    "on_hold",
    "processing",
    "failed",
    "COMPLETED",
    "OPEN",
    "CLOSED",
];

pub(crate) const HOSTNAMES: &[&str] = &[
    "api-gateway-7f9c",
    "web-01.prod.internal",
    "db-replica-3.eu-west-1.compute.internal",
    "worker-42",
    "cache.svc.cluster.local",
    "ip-10-0-3-17.ec2.internal",
    "build-agent-ubuntu-22",
    "edge-fra-02.cdn.net",
    "auth.staging.local",
];

pub(crate) const FILE_PATHS: &[&str] = &[
    "/var/log/nginx/access.log",
    "/etc/ssl/certs/ca-bundle.crt",
    "/usr/local/bin/deploy.sh",
    "C:\\Program Files\\App\\config.ini",
    "/home/app/releases/2024-03-15/app.jar",
    "src/main/java/com/acme/billing/InvoiceService.java",
    "./node_modules/.bin/webpack",
    "/srv/data/exports/report_q3.csv",
    "s3://analytics-bucket/raw/2024/06/part-00017.parquet",
];

pub(crate) const CURRENCIES: &[&str] = &[
    "EUR", "USD", "GBP", "CHF", "SEK", "PLN", "BRL", "INR", "AUD", "CAD", "JPY", "SGD",
];

pub(crate) const COUNTRY_CODES: &[&str] = &[
    "DE", "FR", "GB", "ES", "IT", "NL", "BE", "PL", "SE", "FI", "US", "CA", "BR", "IN", "AU", "SG",
    "AT", "CH",
];
