//! Generates a realistic Amicus site for benchmarks: N cities in many countries, N/2
//! programs and N agreements, with Markdown bodies that link between entries.
//!
//! ```sh
//! cargo run --release --example gen-site -- --cities 10000 [--seed 7] /tmp/site-10k
//! ```
//!
//! Names are built from syllables of the country's language (diacritics included) and
//! ids come from them by the transliteration `amicus new` uses ([`slugify`]); a name
//! taken twice gets a qualifier, as real places do (Frankfurt am Main, Frankfurt an der
//! Oder). The output is the same for the same seed and size, byte for byte, and passes
//! `amicus check` without errors. OUT must not exist or be empty.

// A command-line tool: it reports to stderr, as the commands under src/cmd/ do.
#![allow(clippy::print_stderr)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use amicus::content::id::slugify;

/// Entries are "signed" up to this year, so statuses derived from dates are stable.
const THIS_YEAR: u32 = 2025;

const AREAS: [&str; 6] = [
    "economic-development",
    "cultural-exchange",
    "environmental-cooperation",
    "public-health",
    "urban-planning",
    "migration-and-integration",
];

const AREA_TOPICS: [&str; 6] = [
    "trade fairs and joint ventures of small firms",
    "choirs, museums and school exchanges",
    "river restoration and clean buses",
    "hospital twinning and training of nurses",
    "housing, tram lines and old town renewal",
    "language courses and the welcome of newcomers",
];

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("gen-site: {message}\nusage: gen-site --cities N [--seed S] OUT");
            return ExitCode::from(2);
        }
    };
    match generate(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen-site: {}: {error}", options.out.display());
            ExitCode::FAILURE
        }
    }
}

struct Options {
    cities: usize,
    seed: u64,
    out: PathBuf,
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let (mut cities, mut seed, mut out) = (None, 1, None);
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--cities" => cities = Some(number(&value("--cities")?)?),
                "--seed" => seed = number(&value("--seed")?)? as u64,
                _ if arg.starts_with('-') => return Err(format!("unknown option `{arg}`")),
                _ => out = Some(PathBuf::from(arg)),
            }
        }
        let cities = cities.ok_or("--cities N is required")?;
        if cities < 10 {
            return Err("--cities must be at least 10".into());
        }
        let out = out.ok_or("the output folder is required")?;
        Ok(Self { cities, seed, out })
    }
}

fn number(text: &str) -> Result<usize, String> {
    text.replace('_', "")
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))
}

fn generate(options: &Options) -> std::io::Result<()> {
    let out = &options.out;
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(std::io::Error::other("exists and is not empty"));
    }
    let mut rng = Rng(options.seed);
    let cities = cities(&mut rng, options.cities);
    let programs = programs(&mut rng, &cities, options.cities / 2);
    let agreements = agreements(&mut rng, &cities, &programs, options.cities);
    let site = Site {
        cities,
        programs,
        agreements,
    };
    write_site(&mut rng, &site, out)
}

/// splitmix64: tiny, fast and good enough to make content.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high - low + 1) as usize) as u32
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// How names are made in one language.
struct Language {
    prefixes: &'static [&'static str],
    syllables: &'static [&'static str],
    suffixes: &'static [&'static str],
    /// Added when a name is taken already ("am See").
    qualifiers: &'static [&'static str],
}

const GERMAN: Language = Language {
    prefixes: &[
        "Ober", "Nieder", "Bad ", "Groß", "Klein", "Alt", "Neu", "Sankt ",
    ],
    syllables: &[
        "Bran", "Mün", "Lü", "Kö", "Wei", "Gör", "Zwi", "Fürs", "Hei", "Ro", "Stra", "Tü", "Rü",
        "Dres", "Plau", "Bau", "Bie", "Es", "Gü", "Hö", "Lan", "Mar", "Ra", "Sal", "Wol", "Ka",
    ],
    suffixes: &[
        "burg", "berg", "dorf", "hausen", "stadt", "feld", "heim", "bach", "au", "stein", "brück",
        "rode", "witz", "ingen", "furt", "hagen", "lingen", "weiler", "ßen",
    ],
    qualifiers: &["am See", "an der Oder", "im Tal", "am Main", "ob der Enns"],
};

const FRENCH: Language = Language {
    prefixes: &[
        "Saint-", "Sainte-", "Le ", "La ", "Mont", "Ville", "Beau", "Château",
    ],
    syllables: &[
        "Ro", "Ver", "Lan", "Mar", "Châ", "Bé", "Tou", "Sé", "Mou", "Gre", "Vi", "Cré", "Pé",
        "Don", "Aix", "Ly", "Nî", "Ren", "Col", "Dé",
    ],
    suffixes: &[
        "ville", "court", "mont", "lès", "çon", "ac", "ay", "euil", "ières", "gny", "rolles",
        "bonne", "mes", "nay", "vières",
    ],
    qualifiers: &["-sur-Mer", "-en-Provence", "-les-Bains", "-sur-Loire"],
};

const POLISH: Language = Language {
    prefixes: &["Nowy ", "Stary ", "Wielki ", "Biała ", ""],
    syllables: &[
        "Łó", "Kra", "Wro", "Gdań", "Szcze", "Byd", "Rze", "Zie", "Czę", "Ło", "Tar", "Pło", "Opo",
        "Kiel", "Sie", "Żyr", "Świ", "Gło", "Chełm", "Mła",
    ],
    suffixes: &[
        "dź", "ków", "sław", "sk", "cin", "goszcz", "szów", "lona", "stochowa", "mża", "nów", "ce",
        "wice", "dnica", "gów", "ńsk",
    ],
    qualifiers: &["Śląski", "Mazowiecki", "Wielkopolski", "nad Wisłą"],
};

const CZECH: Language = Language {
    prefixes: &["Nové ", "Staré ", "Horní ", "Dolní ", "Český "],
    syllables: &[
        "Br", "Ús", "Pl", "Ost", "Lib", "Ol", "Hra", "Par", "Zlí", "Jih", "Kar", "Tře", "Pří",
        "Žď", "Kro", "Ře", "Ji", "Tá",
    ],
    suffixes: &[
        "no", "tí", "zeň", "rava", "erec", "omouc", "dec", "dubice", "n", "lava", "bíč", "bram",
        "ár", "čín", "šov", "bor",
    ],
    qualifiers: &["nad Labem", "nad Vltavou", "pod Radhoštěm", "u Brna"],
};

const SPANISH: Language = Language {
    prefixes: &["San ", "Santa ", "Villa", "Puerto ", "Nueva ", "El ", "La "],
    syllables: &[
        "Cór", "Má", "Te", "Al", "Ovi", "Cá", "Jaé", "León", "Le", "Za", "Lo", "Val", "Ga", "Mé",
        "Ba", "Nu", "Cu", "Po", "Bo", "Ca",
    ],
    suffixes: &[
        "doba", "laga", "ruel", "mería", "edo", "ceres", "n", "ón", "mora", "groño", "lencia",
        "ñada", "rida", "dajoz", "ñez", "enca", "payán", "gotá",
    ],
    qualifiers: &["de la Frontera", "del Río", "de los Andes", "del Mar"],
};

const PORTUGUESE: Language = Language {
    prefixes: &["São ", "Santa ", "Vila ", "Porto ", "Nova ", "Campo "],
    syllables: &[
        "Ara", "Bra", "Coim", "É", "Fa", "Guima", "Lei", "Ma", "Para", "Sé", "Tu", "Vi", "Flo",
        "Goi", "Be", "Ca", "Cui", "Ju", "Na",
    ],
    suffixes: &[
        "ção", "ga", "bra", "vora", "ro", "rães", "ria", "naus", "ná", "rão", "seu", "nópolis",
        "lém", "abá", "taí", "ndiaí", "tal",
    ],
    qualifiers: &["do Sul", "da Serra", "do Norte", "dos Campos"],
};

const ITALIAN: Language = Language {
    prefixes: &["San ", "Santa ", "Castel", "Monte", "Borgo ", "Villa"],
    syllables: &[
        "Bo", "Fi", "Ve", "Pa", "Lu", "Pe", "Ra", "Tre", "Ber", "Co", "Cre", "Fo", "Ma", "No",
        "Ri", "Sa", "Ta", "Vi", "Gu", "Ci",
    ],
    suffixes: &[
        "logna", "renze", "rona", "dova", "cca", "rugia", "venna", "viso", "gamo", "mo", "mona",
        "rlì", "ntova", "vara", "mini", "lerno", "ranto", "cenza", "bbio", "tà",
    ],
    qualifiers: &["di Sopra", "al Mare", "in Chianti", "sul Garda"],
};

const NORDIC: Language = Language {
    prefixes: &["Nord", "Sør", "Øster", "Vester", "Stor", "Lille", ""],
    syllables: &[
        "Å", "Fa", "Tron", "Sta", "Bær", "Kø", "Hel", "Ros", "Næs", "Skel", "Øre", "Lu", "Gø",
        "Ha", "Vä", "Sö", "Jön", "Ny", "Tøns",
    ],
    suffixes: &[
        "rhus", "nø", "dheim", "vanger", "um", "ge", "singør", "kilde", "tved", "bro", "sund",
        "köping", "berg", "sted", "fjord", "holm", "vik", "by", "lev",
    ],
    qualifiers: &["Strand", "Havn", "Bruk", "Kirkeby"],
};

const FINNISH: Language = Language {
    prefixes: &["Ylä-", "Ala-", "Iso-", "Vähä-", ""],
    syllables: &[
        "Tam", "Jy", "Kuo", "Lah", "Po", "Va", "Rova", "Seinä", "Joen", "Hä", "Mik", "Sa", "Kok",
        "Lap", "Kerä", "Oulu",
    ],
    suffixes: &[
        "pere",
        "väskylä",
        "pio",
        "ti",
        "ri",
        "asa",
        "niemi",
        "joki",
        "suu",
        "meenlinna",
        "keli",
        "vonlinna",
        "kola",
        "peenranta",
        "vaara",
        "järvi",
    ],
    qualifiers: &["asema", "kylä", "kirkonkylä"],
};

const HUNGARIAN: Language = Language {
    prefixes: &["Nagy", "Kis", "Szent", "Felső", "Alsó", "Új", ""],
    syllables: &[
        "Deb", "Sze", "Mis", "Pé", "Győ", "Nyír", "Kecs", "Szé", "Szom", "Tata", "Ér", "Vesz",
        "Zala", "Eger", "Só", "Bé",
    ],
    suffixes: &[
        "recen",
        "ged",
        "kolc",
        "cs",
        "r",
        "egyháza",
        "kemét",
        "kesfehérvár",
        "bathely",
        "bánya",
        "d",
        "prém",
        "egerszeg",
        "lnok",
        "késcsaba",
        "vár",
    ],
    qualifiers: &["-fürdő", "-puszta", "-hegy"],
};

const TURKISH: Language = Language {
    prefixes: &["Yeni", "Eski", "Büyük", "Küçük", ""],
    syllables: &[
        "İz", "Bur", "An", "Kon", "Gazi", "Di", "Şan", "Eskiş", "Çor", "Muğ", "Tra", "Ağ", "Kü",
        "Uşa", "Ela", "Ay",
    ],
    suffixes: &[
        "mir",
        "sa",
        "talya",
        "ya",
        "antep",
        "yarbakır",
        "lıurfa",
        "ehir",
        "um",
        "la",
        "bzon",
        "rı",
        "tahya",
        "k",
        "zığ",
        "dın",
    ],
    qualifiers: &["Merkez", "Köyü", "Kasabası"],
};

const ROMANIAN: Language = Language {
    prefixes: &["Baia ", "Târgu ", "Câmpu", "Râmnicu ", ""],
    syllables: &[
        "Cluj", "Ti", "Ia", "Con", "Cra", "Bra", "Ga", "Plo", "Ora", "Bră", "Ara", "Pi", "Ba",
        "Sibi", "Su", "Tul",
    ],
    suffixes: &[
        "-Napoca", "mișoara", "și", "stanța", "iova", "șov", "lați", "iești", "dea", "ila", "d",
        "tești", "cău", "u", "ceava", "cea",
    ],
    qualifiers: &["de Sus", "de Jos", "Mare", "Nou"],
};

const JAPANESE: Language = Language {
    prefixes: &["Higashi", "Nishi", "Kita", "Minami", "Shin", ""],
    syllables: &[
        "Ō", "Kō", "Ka", "Ki", "Sa", "Shi", "Ta", "To", "Na", "Ma", "Mi", "Ya", "Ha", "Fu", "Yū",
        "Ji", "Hi", "Mo", "Ku", "Ise",
    ],
    suffixes: &[
        "tsu", "chi", "gawa", "yama", "saki", "hama", "oka", "shima", "mura", "zawa", "ta", "no",
        "ba", "take", "sato", "mae", "ura", "ō",
    ],
    qualifiers: &["-chō", "-mura", "-shi"],
};

const VIETNAMESE: Language = Language {
    prefixes: &["Tân ", "Phú ", "Long ", "Bình ", ""],
    syllables: &[
        "Hòa", "Đà", "Huế", "Cần", "Hải", "Nha", "Vũng", "Quảng", "Thái", "Bắc", "Hà", "Mỹ", "Sơn",
        "Đông",
    ],
    suffixes: &[
        " Nẵng", " Thơ", " Phòng", " Trang", " Tàu", " Ngãi", " Nguyên", " Ninh", " Tĩnh", " Tho",
        " La", " Hà", " Xuyên",
    ],
    qualifiers: &["Thượng", "Hạ", "Tây"],
};

const KOREAN: Language = Language {
    prefixes: &["Dong", "Seo", "Nam", "Buk", ""],
    syllables: &[
        "Jeon", "Gwang", "Dae", "Cheong", "Su", "Pyeong", "Gang", "Chun", "Gim", "Mok", "Yeo",
        "An", "Po", "Ul",
    ],
    suffixes: &[
        "ju", "won", "gu", "san", "cheon", "taek", "neung", "hae", "po", "su", "dong", "yang",
        "hang", "ryeong",
    ],
    qualifiers: &["-eup", "-si", "-gun"],
};

const DUTCH: Language = Language {
    prefixes: &["'s-", "Groot-", "Klein-", "Oud-", "Nieuw-", ""],
    syllables: &[
        "Ap", "Ut", "Zwol", "Ein", "Til", "Gro", "Lei", "Dor", "Haar", "Del", "Brug", "Gen", "Leu",
        "Mech", "Ant", "Kor",
    ],
    suffixes: &[
        "eldoorn", "recht", "le", "dhoven", "burg", "ningen", "den", "drecht", "lem", "ft", "ge",
        "t", "ven", "elen", "werpen", "trijk",
    ],
    qualifiers: &["aan Zee", "aan den Rijn", "op Zoom"],
};

const ENGLISH: Language = Language {
    prefixes: &[
        "North ", "South ", "East ", "West ", "Great ", "Little ", "New ", "",
    ],
    syllables: &[
        "Ash", "Brad", "Chel", "Dun", "Ex", "Glou", "Hamp", "Ips", "Ken", "Lan", "Mid", "Nor",
        "Ox", "Pres", "Read", "Shef", "Tew", "Wolver", "York", "Bright",
    ],
    suffixes: &[
        "ford", "ton", "ham", "chester", "ley", "bury", "field", "wich", "mouth", "pool",
        "borough", "wick", "stead", "ville", "port", "dale", "minster", "caster",
    ],
    qualifiers: &["upon Tyne", "on Sea", "Springs", "Falls", "Heights"],
};

/// A country of the generated world: its code, the language of its place names, its
/// rough centre and extent, what its regions are called, and how many places it gets.
struct Country {
    code: &'static str,
    language: &'static Language,
    lat: f64,
    lon: f64,
    spread: f64,
    region_level: &'static str,
    weight: usize,
}

const fn country(
    code: &'static str,
    language: &'static Language,
    (lat, lon, spread): (f64, f64, f64),
    region_level: &'static str,
    weight: usize,
) -> Country {
    Country {
        code,
        language,
        lat,
        lon,
        spread,
        region_level,
        weight,
    }
}

/// The home country (a German directory) is first and has the most places.
const COUNTRIES: &[Country] = &[
    country("DE", &GERMAN, (51.0, 10.0, 2.5), "state", 30),
    country("AT", &GERMAN, (47.5, 14.0, 1.2), "state", 4),
    country("CH", &GERMAN, (46.8, 8.2, 0.6), "region", 3),
    country("FR", &FRENCH, (46.5, 2.5, 3.0), "region", 8),
    country("BE", &FRENCH, (50.6, 4.6, 0.5), "province", 2),
    country("CA", &FRENCH, (47.0, -72.0, 2.5), "province", 2),
    country("PL", &POLISH, (52.0, 19.4, 2.2), "province", 6),
    country("CZ", &CZECH, (49.8, 15.5, 1.0), "region", 3),
    country("SK", &CZECH, (48.7, 19.5, 0.6), "region", 1),
    country("ES", &SPANISH, (40.2, -3.7, 2.5), "region", 4),
    country("MX", &SPANISH, (22.0, -101.0, 4.0), "state", 2),
    country("AR", &SPANISH, (-34.0, -64.0, 5.0), "province", 1),
    country("CO", &SPANISH, (4.5, -74.0, 2.5), "region", 1),
    country("CL", &SPANISH, (-33.0, -71.0, 1.0), "region", 1),
    country("PT", &PORTUGUESE, (39.6, -8.0, 1.2), "region", 2),
    country("BR", &PORTUGUESE, (-14.0, -50.0, 7.0), "state", 3),
    country("IT", &ITALIAN, (42.8, 12.5, 2.5), "region", 5),
    country("NO", &NORDIC, (61.0, 9.0, 2.5), "county", 1),
    country("SE", &NORDIC, (60.0, 15.5, 3.0), "county", 2),
    country("DK", &NORDIC, (56.0, 10.0, 0.8), "region", 1),
    country("FI", &FINNISH, (62.5, 26.0, 2.5), "region", 1),
    country("HU", &HUNGARIAN, (47.2, 19.4, 1.0), "county", 2),
    country("TR", &TURKISH, (39.0, 35.0, 3.5), "province", 3),
    country("RO", &ROMANIAN, (45.9, 24.9, 1.8), "county", 2),
    country("JP", &JAPANESE, (36.0, 138.0, 3.0), "prefecture", 4),
    country("VN", &VIETNAMESE, (16.0, 106.5, 4.0), "province", 1),
    country("KR", &KOREAN, (36.4, 127.8, 1.2), "province", 2),
    country("NL", &DUTCH, (52.2, 5.3, 0.6), "province", 2),
    country("GB", &ENGLISH, (53.0, -1.8, 2.0), "county", 4),
    country("US", &ENGLISH, (39.0, -96.0, 8.0), "state", 5),
    country("IE", &ENGLISH, (53.3, -8.0, 1.0), "county", 1),
    country("AU", &ENGLISH, (-30.0, 140.0, 7.0), "state", 1),
];

struct Site {
    cities: Vec<City>,
    programs: Vec<Program>,
    agreements: Vec<Agreement>,
}

struct City {
    id: String,
    name: String,
    country: usize,
    level: &'static str,
    parent: Option<usize>,
    lat: f64,
    lon: f64,
    population: u64,
}

/// Ids handed out so far in one collection.
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    /// The id of `base` when free; otherwise `base` with a qualifier ("am See"), and
    /// a number when the qualified names are taken too.
    fn claim(&mut self, rng: &mut Rng, base: String, qualifiers: &[&str]) -> (String, String) {
        let mut name = base.clone();
        for attempt in 1.. {
            let id = slugify(&name);
            if self.0.insert(id.clone()) {
                return (id, name);
            }
            let q = rng.pick(qualifiers);
            let qualified = if q.starts_with('-') {
                format!("{base}{q}")
            } else {
                format!("{base} {q}")
            };
            name = if attempt < 4 {
                qualified
            } else {
                format!("{qualified} {attempt}")
            };
        }
        unreachable!("the loop returns")
    }
}

fn place_name(rng: &mut Rng, language: &Language) -> String {
    let mut name = String::new();
    if rng.chance(20) {
        name.push_str(rng.word(language.prefixes));
    }
    let start = name.len();
    for _ in 0..rng.range(1, 2) {
        name.push_str(rng.word(language.syllables));
    }
    name.push_str(rng.word(language.suffixes));
    capitalise_after(&mut name, start);
    name
}

/// Lowercases the stem's later syllables so "Mün" + "Lü" + "burg" reads "Münlüburg",
/// but keeps the capital a prefix ends in a space or hyphen before.
fn capitalise_after(name: &mut String, start: usize) {
    let stem: String = name[start..]
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 {
                c
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect();
    let stem = match name[..start].chars().last() {
        Some(c) if c != ' ' && c != '-' && c != '\'' => stem.to_lowercase(),
        _ => stem,
    };
    name.truncate(start);
    name.push_str(&stem);
}

/// Picks a country by weight.
fn pick_country(rng: &mut Rng) -> usize {
    let total: usize = COUNTRIES.iter().map(|c| c.weight).sum();
    let mut at = rng.below(total);
    for (i, c) in COUNTRIES.iter().enumerate() {
        if at < c.weight {
            return i;
        }
        at -= c.weight;
    }
    0
}

/// About one place in twenty-five is a state or region; half the others name one of
/// their country's regions as `parent`.
fn cities(rng: &mut Rng, count: usize) -> Vec<City> {
    let mut ids = Ids::default();
    let mut regions: Vec<Vec<usize>> = vec![Vec::new(); COUNTRIES.len()];
    let mut cities = Vec::with_capacity(count);
    for i in 0..count {
        let country = pick_country(rng);
        let c = &COUNTRIES[country];
        let is_region = i % 25 == 0 || regions[country].is_empty() && rng.chance(50);
        let name = place_name(rng, c.language);
        let (id, name) = ids.claim(rng, name, c.language.qualifiers);
        let parent = (!is_region && !regions[country].is_empty() && rng.chance(50))
            .then(|| *rng.pick(&regions[country]));
        let level = if is_region {
            regions[country].push(i);
            c.region_level
        } else {
            rng.word(&[
                "city",
                "city",
                "city",
                "municipality",
                "municipality",
                "district",
            ])
        };
        let population =
            (10f64.powf(3.3 + rng.unit() * 3.2) as u64) * if is_region { 8 } else { 1 };
        cities.push(City {
            id,
            name,
            country,
            level,
            parent,
            lat: (c.lat + (rng.unit() - 0.5) * 2.0 * c.spread).clamp(-89.0, 89.0),
            lon: (c.lon + (rng.unit() - 0.5) * 2.0 * c.spread).clamp(-179.0, 179.0),
            population,
        });
    }
    cities
}

struct Program {
    id: String,
    title: String,
    kind: &'static str,
    lead: usize,
    participants: Vec<usize>,
    target: Option<usize>,
    start: u32,
    end: Option<u32>,
    status: &'static str,
}

const PROGRAM_KINDS: [&str; 8] = [
    "sister-city-program",
    "trade-mission",
    "exchange",
    "education",
    "research",
    "cultural",
    "cross-border",
    "network",
];

fn programs(rng: &mut Rng, cities: &[City], count: usize) -> Vec<Program> {
    let mut ids = Ids::default();
    (0..count)
        .map(|_| {
            let kind = rng.word(&PROGRAM_KINDS);
            let lead = rng.below(cities.len());
            let count = rng_count(rng, 1, 4);
            let participants = distinct(rng, cities.len(), count, lead);
            let target = (kind == "trade-mission").then(|| pick_country(rng));
            let start = rng.range(1995, 2025);
            let end = rng.chance(60).then(|| start + rng.range(1, 6));
            let status = match end {
                Some(end) if end < THIS_YEAR => rng.word(&["completed", "completed", "cancelled"]),
                _ if start > 2024 => "planned",
                _ => rng.word(&["active", "active", "active", "suspended"]),
            };
            let title = program_title(kind, &cities[lead].name, target, start);
            let (id, title) = ids.claim(rng, title, &["(second phase)", "(renewed)"]);
            Program {
                id,
                title,
                kind,
                lead,
                participants,
                target,
                start,
                end,
                status,
            }
        })
        .collect()
}

fn rng_count(rng: &mut Rng, low: u32, high: u32) -> usize {
    rng.range(low, high) as usize
}

fn program_title(kind: &str, lead: &str, target: Option<usize>, start: u32) -> String {
    match kind {
        "trade-mission" => {
            let country = target.map_or("", |t| country_name(COUNTRIES[t].code));
            format!("{lead} trade mission to {country} {start}")
        }
        "sister-city-program" => format!("{lead} sister-city program"),
        "exchange" => format!("{lead} youth exchange {start}"),
        "education" => format!("{lead} school partnership network"),
        "research" => format!("{lead} research partnership {start}"),
        "cultural" => format!("{lead} cultural season {start}"),
        "cross-border" => format!("{lead} cross-border region"),
        _ => format!("{lead} cities network"),
    }
}

fn country_name(code: &str) -> &'static str {
    amicus::content::country::name(code).expect("the generator's countries are ISO codes")
}

/// `count` distinct indexes below `len`, none equal to `except`.
fn distinct(rng: &mut Rng, len: usize, count: usize, except: usize) -> Vec<usize> {
    let mut chosen = Vec::with_capacity(count);
    while chosen.len() < count.min(len - 1) {
        let i = rng.below(len);
        if i != except && !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen
}

struct Agreement {
    id: String,
    title: String,
    kind: &'static str,
    parties: Vec<usize>,
    signed: Option<(u32, u32, u32)>,
    expires: Option<u32>,
    status: &'static str,
    history: Vec<(u32, &'static str, Option<usize>)>,
    program: Option<usize>,
}

const AGREEMENT_KINDS: [(&str, &str); 6] = [
    ("sister-city", "Sister-city agreement"),
    ("sister-city", "Sister-city agreement"),
    ("friendship", "Friendship agreement"),
    ("memorandum", "Memorandum of understanding"),
    ("cooperation", "Cooperation agreement"),
    ("letter-of-intent", "Letter of intent"),
];

/// Every city is the first party of one agreement, so none is left without a partner;
/// the others are drawn at random, half of them from the home country.
fn agreements(
    rng: &mut Rng,
    cities: &[City],
    programs: &[Program],
    count: usize,
) -> Vec<Agreement> {
    let mut ids = Ids::default();
    let home: Vec<usize> = (0..cities.len())
        .filter(|&i| cities[i].country == 0)
        .collect();
    (0..count)
        .map(|i| {
            let first = i % cities.len();
            let mut parties = vec![first];
            let extra = if rng.chance(15) { 2 } else { 1 };
            while parties.len() < 1 + extra {
                let other = if rng.chance(50) && !home.is_empty() {
                    *rng.pick(&home)
                } else {
                    rng.below(cities.len())
                };
                if !parties.contains(&other) {
                    parties.push(other);
                }
            }
            agreement(rng, &mut ids, cities, programs, parties)
        })
        .collect()
}

fn agreement(
    rng: &mut Rng,
    ids: &mut Ids,
    cities: &[City],
    programs: &[Program],
    parties: Vec<usize>,
) -> Agreement {
    let (kind, label) = *rng.pick(&AGREEMENT_KINDS);
    let names: Vec<&str> = parties.iter().map(|&p| cities[p].name.as_str()).collect();
    let title = format!("{label} {}", names.join("–"));
    let (id, title) = ids.claim(rng, title, &["(renewed)", "(second)", "(youth)"]);
    let signed = rng
        .chance(85)
        .then(|| (rng.range(1950, 2024), rng.range(1, 12), rng.range(1, 28)));
    let expires = match (kind, signed) {
        ("memorandum" | "letter-of-intent", Some((year, _, _))) => Some(year + rng.range(3, 10)),
        _ => None,
    };
    let (status, history) = status_and_history(rng, &parties, signed, expires);
    let program = (!programs.is_empty() && rng.chance(20)).then(|| rng.below(programs.len()));
    Agreement {
        id,
        title,
        kind,
        parties,
        signed,
        expires,
        status,
        history,
        program,
    }
}

/// A status and the history that led to it, in date order, after the signature.
type History = Vec<(u32, &'static str, Option<usize>)>;

fn status_and_history(
    rng: &mut Rng,
    parties: &[usize],
    signed: Option<(u32, u32, u32)>,
    expires: Option<u32>,
) -> (&'static str, History) {
    let Some((year, _, _)) = signed else {
        return (rng.word(&["active", "proposed", "dormant"]), Vec::new());
    };
    let mut history = vec![(year, "signed", None)];
    if expires.is_some_and(|e| e < THIS_YEAR) {
        return ("expired", history);
    }
    let later = |rng: &mut Rng| rng.range(year.min(2023) + 1, 2024);
    let status = match rng.below(20) {
        0..=12 => "active",
        13..=14 => "dormant",
        15 => "lapsed",
        16..=17 => {
            history.push((later(rng), "suspended", Some(*rng.pick(parties))));
            "suspended"
        }
        18 => {
            history.push((later(rng), "terminated", Some(*rng.pick(parties))));
            "terminated"
        }
        _ => {
            history.push((later(rng), "renewed", None));
            "active"
        }
    };
    (status, history)
}

fn write_site(rng: &mut Rng, site: &Site, out: &Path) -> std::io::Result<()> {
    for folder in ["cities", "programs", "agreements", "pages"] {
        std::fs::create_dir_all(out.join("content").join(folder))?;
    }
    std::fs::write(out.join("site.yaml"), SITE_YAML)?;
    std::fs::write(out.join("content/pages/about.md"), ABOUT)?;
    let partners = agreements_of(site);
    for (i, city) in site.cities.iter().enumerate() {
        let text = city_file(rng, site, i, &partners[i]);
        std::fs::write(out.join(format!("content/cities/{}.md", city.id)), text)?;
    }
    for program in &site.programs {
        let text = program_file(rng, site, program);
        std::fs::write(
            out.join(format!("content/programs/{}.md", program.id)),
            text,
        )?;
    }
    for agreement in &site.agreements {
        let text = agreement_file(rng, site, agreement);
        std::fs::write(
            out.join(format!("content/agreements/{}.md", agreement.id)),
            text,
        )?;
    }
    Ok(())
}

const SITE_YAML: &str = "title: Partnerships of the Federal Republic (generated)
base_url: https://partners.example.org/
language: en
description: A generated directory for benchmarks; every name in it is made up.
owner: Generated Association of Cities
";

const ABOUT: &str = "---
title: About this directory
menu: true
---
Every city, program and agreement here was made up by `gen-site` for benchmarks.
";

/// For each city, the agreements it is a party to.
fn agreements_of(site: &Site) -> Vec<Vec<usize>> {
    let mut of = vec![Vec::new(); site.cities.len()];
    for (a, agreement) in site.agreements.iter().enumerate() {
        for &p in &agreement.parties {
            of[p].push(a);
        }
    }
    of
}

fn city_file(rng: &mut Rng, site: &Site, i: usize, agreements: &[usize]) -> String {
    let city = &site.cities[i];
    let country = &COUNTRIES[city.country];
    let mut text = String::from("---\n");
    let _ = writeln!(text, "name: {}", yaml_text(&city.name));
    let _ = writeln!(text, "country: {}", country.code);
    let _ = writeln!(text, "level: {}", city.level);
    if let Some(parent) = city.parent {
        let _ = writeln!(text, "parent: {}", site.cities[parent].id);
    }
    let _ = writeln!(text, "summary: {}", city_summary(rng, city));
    let _ = writeln!(
        text,
        "location: {{ lat: {:.4}, lon: {:.4} }}",
        city.lat, city.lon
    );
    let _ = writeln!(text, "population: {}", city.population);
    if rng.chance(40) {
        let _ = writeln!(text, "website: https://www.{}.example.org/", city.id);
    }
    if rng.chance(5) {
        let _ = writeln!(
            text,
            "former_names:\n  - {{ name: {}, until: {} }}",
            yaml_text(&format!("{} Stadt", city.name)),
            rng.range(1900, 1995)
        );
    }
    if rng.chance(30) {
        let _ = writeln!(
            text,
            "ids: {{ wikidata: Q{} }}",
            1000 + rng.below(9_000_000)
        );
    }
    let _ = writeln!(text, "areas: [{}]", areas(rng).join(", "));
    if rng.chance(10) {
        let _ = writeln!(
            text,
            "contact: {{ office: International Relations Office, email: international@{}.example.org }}",
            city.id
        );
    }
    text.push_str("---\n");
    text.push_str(&city_body(rng, site, i, agreements));
    text
}

/// Names are quoted when YAML could misread them (`Nordø: x`, leading `'s-`).
fn yaml_text(text: &str) -> String {
    if text.contains([':', '#', '\'', '"']) || text.starts_with(['-', '?', '&', '*']) {
        format!("\"{}\"", text.replace('"', "\\\""))
    } else {
        text.to_owned()
    }
}

fn city_summary(rng: &mut Rng, city: &City) -> String {
    let country = country_name(COUNTRIES[city.country].code);
    let what = match city.level {
        "city" | "municipality" | "district" => rng.word(&[
            "Market town",
            "Port city",
            "University town",
            "Industrial city",
            "Spa town",
            "River town",
        ]),
        _ => "Region",
    };
    yaml_text(&format!(
        "{what} in {country}, home to {} people.",
        group_digits(city.population)
    ))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One to three distinct engagement areas.
fn areas(rng: &mut Rng) -> Vec<&'static str> {
    let first = rng.below(AREAS.len());
    let count = rng_count(rng, 1, 3);
    (0..count)
        .map(|k| AREAS[(first + k * 2) % AREAS.len()])
        .collect()
}

fn program_file(rng: &mut Rng, site: &Site, program: &Program) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", yaml_text(&program.title));
    let _ = writeln!(text, "kind: {}", program.kind);
    let lead = &site.cities[program.lead].name;
    let summary = format!("{} led by {lead}.", program.kind.replace('-', " "));
    let _ = writeln!(text, "summary: {}", yaml_text(&capitalised(&summary)));
    let _ = writeln!(text, "lead: {}", site.cities[program.lead].id);
    let participants: Vec<&str> = program
        .participants
        .iter()
        .map(|&p| site.cities[p].id.as_str())
        .collect();
    let _ = writeln!(text, "participants: [{}]", participants.join(", "));
    if let Some(target) = program.target {
        let _ = writeln!(text, "countries: [{}]", COUNTRIES[target].code);
    }
    let _ = writeln!(text, "areas: [{}]", areas(rng).join(", "));
    let _ = writeln!(text, "start: {}-{:02}", program.start, rng.range(1, 12));
    if let Some(end) = program.end {
        let _ = writeln!(text, "end: {end}-12-31");
    }
    let _ = writeln!(text, "status: {}", program.status);
    text.push_str("---\n");
    let mut links: Vec<Link> = vec![city_link(site, program.lead)];
    links.extend(program.participants.iter().map(|&p| city_link(site, p)));
    text.push_str(&body(rng, &program.title, &links));
    text
}

fn agreement_file(rng: &mut Rng, site: &Site, agreement: &Agreement) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", yaml_text(&agreement.title));
    let _ = writeln!(text, "kind: {}", agreement.kind);
    let parties: Vec<&str> = agreement
        .parties
        .iter()
        .map(|&p| site.cities[p].id.as_str())
        .collect();
    let _ = writeln!(text, "parties: [{}]", parties.join(", "));
    if let Some((y, m, d)) = agreement.signed {
        let _ = writeln!(text, "signed: {y}-{m:02}-{d:02}");
    }
    if let Some(expires) = agreement.expires {
        let _ = writeln!(text, "expires: {expires}-12-31");
    }
    let _ = writeln!(text, "status: {}", agreement.status);
    if !agreement.history.is_empty() {
        text.push_str("history:\n");
        for (year, event, by) in &agreement.history {
            let by = by.map_or(String::new(), |b| format!(", by: {}", site.cities[b].id));
            let _ = writeln!(text, "  - {{ date: {year}, event: {event}{by} }}");
        }
    }
    let _ = writeln!(text, "areas: [{}]", areas(rng).join(", "));
    if let Some(program) = agreement.program {
        let _ = writeln!(text, "programs: [{}]", site.programs[program].id);
    }
    if rng.chance(30) {
        let _ = writeln!(
            text,
            "sources:\n  - {{ title: City council minutes, url: https://council.example.org/{} }}",
            agreement.id
        );
    }
    text.push_str("---\n");
    let mut links: Vec<Link> = agreement
        .parties
        .iter()
        .map(|&p| city_link(site, p))
        .collect();
    if let Some(program) = agreement.program {
        links.push(Link::new(
            &site.programs[program].title,
            "programs",
            &site.programs[program].id,
        ));
    }
    let names: Vec<&str> = agreement
        .parties
        .iter()
        .map(|&p| site.cities[p].name.as_str())
        .collect();
    text.push_str(&body(rng, &names.join(" and "), &links));
    text
}

fn city_body(rng: &mut Rng, site: &Site, i: usize, agreements: &[usize]) -> String {
    let city = &site.cities[i];
    let mut links: Vec<Link> = agreements
        .iter()
        .take(6)
        .map(|&a| {
            Link::new(
                &site.agreements[a].title,
                "agreements",
                &site.agreements[a].id,
            )
        })
        .collect();
    for &a in agreements.iter().take(6) {
        links.extend(
            site.agreements[a]
                .parties
                .iter()
                .filter(|&&p| p != i)
                .map(|&p| city_link(site, p)),
        );
    }
    if let Some(parent) = city.parent {
        links.push(city_link(site, parent));
    }
    if links.is_empty() {
        links.push(city_link(site, (i + 1) % site.cities.len()));
    }
    body(rng, &city.name, &links)
}

/// A Markdown link to another entry: `[Łódź](@cities/lodz)`.
struct Link(String);

impl Link {
    fn new(text: &str, collection: &str, id: &str) -> Self {
        Self(format!(
            "[{}](@{collection}/{id})",
            text.replace(['[', ']'], "")
        ))
    }
}

fn city_link(site: &Site, i: usize) -> Link {
    Link::new(&site.cities[i].name, "cities", &site.cities[i].id)
}

const OPENINGS: &[&str] = &[
    "The partnership of {name} grew out of school visits in the years after the war.",
    "For {name}, the ties abroad began with a handful of citizens and a town hall that listened.",
    "{name} counts its partners among its **most valued relations**, and says so in every budget.",
    "Few places have kept their links as lively as {name}, where the partnership office sits next to the market.",
];

const SENTENCES: &[&str] = &[
    "Delegations travel each spring, and the exchange of {topic} has become a habit rather than an event.",
    "The city council reviews the work every two years and publishes a short report with its *findings*.",
    "Volunteers carry much of the work: they host guests, translate letters and keep the archive in order.",
    "A joint committee meets twice a year, once in each city, to agree on projects and share the cost.",
    "Work on {topic} started as a pilot and is now part of the ordinary plans of both administrations.",
    "Local firms joined in later, and several now trade with partners they first met on an official visit.",
    "The regional press follows the visits closely, and the yearly festival draws *thousands* of residents.",
    "Young people spend a term abroad, live with host families and return with a second language.",
    "Funding comes partly from the municipal budget and partly from national and European programmes.",
    "Not every project succeeded; the ones that did are described in the annual report of the office.",
    "Museums lend each other works for exhibitions, and the libraries swap books in both languages.",
    "Officials compare notes on {topic}, which both sides count as the most practical part of the tie.",
];

const LIST_ITEMS: &[&str] = &[
    "an annual meeting of mayors",
    "*student exchanges* of two to six weeks",
    "joint applications for project funding",
    "a shared web page in both languages",
    "study visits of **municipal staff**",
    "a yearly report to the councils",
    "cooperation on {topic}",
];

/// 150 to 400 words: paragraphs with emphasis and links, a list, and a closing line.
fn body(rng: &mut Rng, name: &str, links: &[Link]) -> String {
    let target = rng.range(150, 400) as usize;
    let topic = AREA_TOPICS[rng.below(AREA_TOPICS.len())];
    let fill = |s: &str| s.replace("{name}", name).replace("{topic}", topic);
    let mut text = fill(rng.word(OPENINGS));
    let mut words = text.split_whitespace().count();
    let mut links = links.iter().cycle().take(links.len().max(1) * 2);
    let mut listed = false;
    while words < target {
        let list_now = !listed && words > target / 2;
        text.push_str(if list_now || rng.chance(25) {
            "\n\n"
        } else {
            " "
        });
        let sentence = if list_now {
            listed = true;
            list(rng, &fill, &mut links)
        } else if rng.chance(30) {
            let link = links.next().map_or("its partners", |l| l.0.as_str());
            format!(
                "Contacts with {link} are {}.",
                rng.pick(&["close", "*regular*", "growing", "**long-standing**"])
            )
        } else {
            fill(rng.word(SENTENCES))
        };
        words += sentence.split_whitespace().count();
        text.push_str(&sentence);
    }
    text.push('\n');
    text
}

fn list<'a>(
    rng: &mut Rng,
    fill: &dyn Fn(&str) -> String,
    links: &mut impl Iterator<Item = &'a Link>,
) -> String {
    let mut text = String::from("## What the partnership does\n\n");
    let first = rng.below(LIST_ITEMS.len());
    for k in 0..rng.range(3, 5) as usize {
        let _ = writeln!(
            text,
            "- {}",
            fill(LIST_ITEMS[(first + k) % LIST_ITEMS.len()])
        );
    }
    if let Some(link) = links.next() {
        let _ = writeln!(text, "- visits to and from {}", link.0);
    }
    text.push('\n');
    text.push_str("Partners describe the results in their own words:");
    text
}
