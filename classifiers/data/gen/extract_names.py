#!/usr/bin/env python3
"""Generate piicat's given-name and family-name dictionaries.

What it does
    Reads the per-locale person-name lists shipped inside the Python package
    Faker (MIT licence), adds a small hand-compiled supplement for romanized
    Korean, Vietnamese, Arabic and Turkish names that Faker only has in native
    script or in very short lists, normalizes, dedupes and sorts them, drops
    given names that are ordinary words (see name_stopwords.txt), and writes
        classifiers/data/given_names.txt
        classifiers/data/family_names.txt

How to run (from the repository root)
    python3 -m venv /tmp/fakervenv
    /tmp/fakervenv/bin/pip install 'faker==40.54.0'
    /tmp/fakervenv/bin/python classifiers/data/gen/extract_names.py

    The output is deterministic for a given Faker version: re-running it with
    the pinned version must produce byte-identical files (check with
    `git diff --exit-code classifiers/data`). To move to a newer Faker, change
    the pin above, re-run, and review the diff.

Normalization rules
    - trim; typographic apostrophes become ASCII "'"; accents are kept;
    - an entry must be Latin script only: letters, plus inner "-" or "'";
      anything with a digit, a space, a dot, or a non-Latin letter is dropped;
    - entries shorter than 2 characters are dropped;
    - entries written ALL CAPS or all lower case are re-cased per segment
      ("MARIE-CLAIRE" -> "Marie-Claire"); mixed case ("McDonald", "DeShawn")
      is kept as written;
    - one canonical spelling per case-folded key (the first one seen in
      LOCALES order wins), so "Mcdonald" and "McDonald" never both appear;
    - given names whose lower-case form is in name_stopwords.txt are dropped,
      unless listed in KEEP_GIVEN_DESPITE_STOPLIST (real, very common names
      that the engine should still know but weigh weakly). Family names are
      NOT filtered by the stoplist: Brown, King or Long are among the most
      common surnames; the engine weighs such hits weakly instead.
"""

from __future__ import annotations

import importlib
import pathlib
import sys
import unicodedata

DATA_DIR = pathlib.Path(__file__).resolve().parent.parent

# (Faker locale, what it covers). Order matters only for which spelling of a
# case-folded duplicate wins; the output is sorted anyway. LOCALE_OPTIONS
# below trims lists that would otherwise swamp the dictionaries with rare names.
LOCALES: list[tuple[str, str]] = [
    ("en_US", "English, United States"),
    ("en_GB", "English, United Kingdom"),
    ("en_IE", "English, Ireland"),
    ("en_NZ", "English, New Zealand (stand-in for AU/CA: Faker has no en_AU/en_CA person lists)"),
    ("en_IN", "Indian names in Latin script"),
    ("en_PK", "Pakistani names in Latin script (common Arabic-origin names)"),
    ("de_DE", "German, Germany"),
    ("de_AT", "German, Austria"),
    ("de_CH", "German, Switzerland"),
    ("fr_FR", "French, France"),
    ("fr_BE", "French, Belgium"),
    ("fr_CH", "French, Switzerland"),
    ("fr_CA", "French, Canada"),
    ("es_ES", "Spanish, Spain"),
    ("es_MX", "Spanish, Mexico"),
    ("es_AR", "Spanish, Argentina"),
    ("es_CO", "Spanish, Colombia"),
    ("es_CL", "Spanish, Chile"),
    ("it_IT", "Italian"),
    ("nl_NL", "Dutch, Netherlands"),
    ("nl_BE", "Dutch, Belgium"),
    ("pt_PT", "Portuguese, Portugal"),
    ("pt_BR", "Portuguese, Brazil"),
    ("pl_PL", "Polish"),
    ("sv_SE", "Swedish"),
    ("fi_FI", "Finnish"),
    ("da_DK", "Danish"),
    ("no_NO", "Norwegian"),
    ("tr_TR", "Turkish (family names; given names come from the supplement)"),
    ("vi_VN", "Vietnamese"),
    ("zh_CN", "Chinese, romanized (pinyin)"),
    ("zh_TW", "Chinese, romanized (Taiwan)"),
    ("ja_JP", "Japanese, romanized"),
]

# Per-locale trimming:
#   skip: attributes not read at all;
#   cap:  keep only the first N entries of each given-name list, taken in
#         Faker's order, which for these locales is most frequent first (for
#         weighted dicts: highest weight first). The union list "first_names"
#         is then skipped so the cap is not bypassed.
LOCALE_OPTIONS: dict[str, dict[str, object]] = {
    # de_CH lists ~1,000 names per sex in frequency order; the tail is rare.
    "de_CH": {"cap": 600},
    # tr_TR given names are ~1,500 alphabetical entries, many rare; the
    # supplement below carries the common ones.
    "tr_TR": {"skip": {"first_names", "first_names_male", "first_names_female"}},
    # pl_PL unisex_last_names is ~3,700 surnames in no useful order (it would be
    # a third of the file); male_last_names is the top 200 in frequency order,
    # and derive_polish_feminine() adds their -ska/-cka/-dzka forms.
    "pl_PL": {"skip": {"unisex_last_names", "last_names"}},
}

GIVEN_ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "first_names_unisex",
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
)
FAMILY_ATTRS = (
    "last_names",
    "last_names_male",
    "last_names_female",
    "male_last_names",
    "unisex_last_names",
    "last_romanized_names",
)

# Hand-compiled supplement (piicat contributors, same licence as piicat):
# very common romanized names for locales Faker lists only in native script
# (ko_KR, ar_*) or in short lists (vi_VN, tr_TR family names). Common
# spelling variants are listed because data rarely follows one standard.
SUPPLEMENT_GIVEN: dict[str, str] = {
    "Korean (romanized)": """
        Minjun Seojun Dohyun Yejun Siwoo Hajun Jiho Jihoon Junseo Junwoo Hyunwoo
        Jiwoo Jimin Seoyeon Seoyun Jiwoo Seohyun Minseo Hayoon Jiyoon Chaewon
        Sujin Jiyoung Minji Yuna Soyeon Eunji Hyejin Jiyeon Sooyoung Yoona
        Jisoo Jennie Jaehyun Taehyung Jungkook Seokjin Namjoon Yoongi Hoseok
        Sungmin Minho Donghyun Seungho Sangwoo Youngho Jinwoo Hyunjin Kyungsoo
        Jongin Seungmin Changmin Dongwook Sunghoon Joonho Jaewon Minsu Minseok
        Eunbi Hyuna Seulgi Soojin Haeun Yeji Dahyun Nayeon Jihyo Sana Mina
        Yujin Wonyoung Hyejin Boram Hana Jieun Sohee Eunha Sinbi
    """,
    "Vietnamese (romanized, with and without diacritics)": """
        Anh Bao Binh Chau Cuong Dung Dat Duc Duong Giang Hai Hanh Hieu Hoa Hoang
        Hung Huong Huy Huyen Khanh Khoa Lan Linh Loan Long Mai Minh Nam Nga Ngoc
        Nguyet Nhung Phuong Quang Quyen Son Tam Thanh Thao Thu Thuy Trang Trinh
        Trung Tuan Tung Uyen Viet Vinh Vy Xuan Yen
        Phương Thủy Hương Trâm Thảo Tuấn Dũng Đức Hùng Khánh Quỳnh Tiến Việt
    """,
    "Arabic (romanized)": """
        Mohammed Mohamed Muhammad Mohammad Mohamad Ahmed Ahmad Ali Omar Umar Omer
        Youssef Yousef Yusuf Ibrahim Khalid Khaled Hassan Hasan Hussein Husain
        Hussain Abdullah Abdallah Abdulrahman Abdelrahman Abdelaziz Abdulaziz
        Mustafa Mostafa Mahmoud Mahmud Tariq Tarek Karim Kareem Samir Sameer
        Walid Waleed Nasser Nasir Rashid Rachid Saeed Said Saad Salem Salim
        Sami Faisal Fahad Fahd Hamza Hamid Hamed Bilal Anas Amir Ameer Yasin
        Yassin Yassine Zakaria Zakariya Ismail Idris Adel Adil Jamal Kamal Nabil
        Fatima Fatma Fatemeh Aisha Aicha Ayesha Maryam Mariam Khadija Khadijah
        Zainab Zeinab Layla Leila Laila Amina Aminah Noor Nour Nur Salma Yasmin
        Yasmine Jasmin Rania Rana Hana Huda Hoda Samira Sara Sarah Mona Noura
        Nadia Dalia Lina Reem Rim Farah Hiba Heba Asma Asmaa Malak Mariam Ghada
        Latifa Samar Amal Iman Eman Rasha Suha Nawal Najwa Wafaa Dina Nada
    """,
    "Turkish": """
        Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat
        Ömer Ramazan Halil Süleyman Abdullah Mahmut Salih Kemal Recep Fatih Emre
        Burak Can Cem Deniz Eren Kerem Mert Berk Emir Arda Efe Kaan Onur Serkan
        Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife
        Merve Büşra Esra Özlem Yasemin Derya Ebru Gül Seda Selin Ecem Defne Ela
    """,
}
SUPPLEMENT_FAMILY: dict[str, str] = {
    # Faker's pl_PL male_last_names omits the -ak/-ek names that head the
    # national frequency list.
    "Polish": """
        Nowak Kowalczyk Wójcik Woźniak Mazur Krawczyk Kaczmarek Zając Król
        Wieczorek Wróbel Pawlak Walczak Stępień Dudek Adamczyk Sikora Baran
        Duda Szewczyk Tomaszewski Tomaszewska Pietrzak Marciniak Jasiński
        Jasińska Zalewski Zalewska Sadowski Sadowska Bąk Chmielewski
        Chmielewska Włodarczyk Borkowski Borkowska Czarnecki Czarnecka Sawicki
        Sawicka Sokołowski Sokołowska Urbański Urbańska Kubiak Maciejewski
        Maciejewska Szczepański Szczepańska Kucharski Kucharska Wilk Kalinowski
        Kalinowska Lis Mazurek Wysocki Wysocka Adamski Adamska Kaźmierczak
        Wasilewski Wasilewska Sobczak Czerwiński Czerwińska Andrzejewski
        Andrzejewska Cieślak Głowacki Głowacka Zakrzewski Zakrzewska Kołodziej
        Sikorski Sikorska Krajewski Krajewska Gajewski Gajewska Szymczak
        Szulc Baranowski Baranowska Laskowski Laskowska Brzeziński Brzezińska
        Makowski Makowska Ziółkowski Ziółkowska Przybylski Przybylska
    """,
    "Korean (romanized)": """
        Kim Gim Lee Yi Rhee Park Pak Bak Choi Choe Jung Jeong Chung Kang Cho Jo
        Yoon Yun Jang Chang Lim Im Han Oh Seo Suh Shin Sin Kwon Gwon Hwang Ahn An
        Song Yoo Yu Hong Jeon Jun Chun Ko Go Moon Mun Yang Son Sohn Bae Baek Paik
        Heo Huh Nam Noh Roh Ha Kwak Gwak Sung Seong Cha Joo Ju Woo Min Ryu Yoo
        Na Jin Ji Eom Um Chae Won Cheon Bang Kong Gong Hyun Byun Byeon Yeo Pyo
    """,
    "Vietnamese (romanized, with and without diacritics)": """
        Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
        Truong Dinh Lam Mai Trinh Luong Cao Quach Thai Ta Ton Chau Luu Kieu
        Nguyễn Trần Lê Phạm Hoàng Huỳnh Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý
        Trương Đinh Lâm Trịnh Lương Quách Thái Tạ Tôn Châu Lưu Kiều
    """,
    "Arabic (romanized)": """
        Abdullah Abdallah Ahmed Ali Hassan Hussein Ibrahim Khalil Mahmoud Mansour
        Mansoor Mohammed Mohamed Mustafa Nasser Omar Rahman Saleh Salah Youssef
        Haddad Khoury Khouri Nassar Hamdan Saad Aziz Karim Rashid Qureshi
        Al-Ahmad Al-Ali Al-Hassan Al-Hussein Al-Khalil Al-Masri Al-Najjar
        Al-Rashid Al-Saadi Al-Sayed Al-Shami Al-Zahrani Al-Qahtani Al-Ghamdi
        Al-Harbi Al-Otaibi Al-Dosari Al-Mutairi Al-Shehri Al-Amri Al-Maliki
        El-Sayed Elsayed El-Masri Abdelaziz Abdelrahman Benali Benaissa
        Bouazza Boukhari Belkacem Haddadi Mebarki Cherif Chérif Toumi
    """,
    "Turkish": """
        Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir
        Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz
        Özcan Erdoğan Yavuz Can Acar Şen Aktaş Güler Yalçın Güneş Bozkurt
        Bulut Keskin Ünal Turan Gök Avcı Kaplan Tekin Uçar Ateş Karaca Tunç
        Yilmaz Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Dogan Kilic
        Cetin Koc Ozkan Simsek Ozcan Erdogan Aktas Guler Yalcin Gunes
    """,
}

# Given names that are also in name_stopwords.txt but are too common as
# names to drop: the engine keeps them and weighs a lone hit weakly.
KEEP_GIVEN_DESPITE_STOPLIST = {
    "ada", "allen", "amber", "april", "august", "aurora", "austin", "bella", "ben",
    "carolina", "carter", "cassandra", "chase", "cooper", "crystal", "dale", "dan",
    "elke", "florence", "frank", "georgia", "glen", "grace", "hazel", "hugo", "hunter",
    "india", "israel", "jade", "jasmine", "julia", "lance", "lily", "luz", "mark",
    "mason", "max", "mia", "mira", "nina", "norma", "olive", "parker", "pascal", "paz",
    "pearl", "penny", "rosa", "rose", "ruby", "sage", "sol", "sydney", "travis",
    "victoria", "violet", "virginia",
}


def ranked(value: object) -> list[str]:
    """Entries in Faker's order, or by descending weight for weighted dicts."""
    if isinstance(value, dict):
        order = {k: i for i, k in enumerate(value)}
        return [str(k) for k in sorted(value, key=lambda k: (-float(value[k]), order[k]))]
    return entries(value)


def derive_polish_feminine(names: list[str]) -> list[str]:
    """Kowalski -> Kowalska, Nowicki -> Nowicka, Zawadzki -> Zawadzka."""
    out = []
    for name in names:
        if name.endswith(("ski", "cki", "dzki")):
            out.append(name[:-1] + "a")
    return out


def fold(word: str) -> str:
    """Lower case without accents: how name_stopwords.txt is written and compared."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


FAKER_LICENSE = """\
Copyright (c) 2012 Daniele Faraglia

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE."""


def is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")


def recase(name: str) -> str:
    """Title-case each '-'/''' segment of an entry written all upper or all lower."""
    if not (name.isupper() or name.islower()):
        return name
    out = []
    cap = True
    for ch in name.lower():
        out.append(ch.upper() if cap else ch)
        cap = ch in "-'"
    return "".join(out)


def normalize(raw: str) -> str | None:
    name = unicodedata.normalize("NFC", raw.strip())
    name = name.replace("\u2019", "'").replace("\u02bc", "'").replace("`", "'")
    if len(name) < 2:
        return None
    if not is_latin_letter(name[0]) or not is_latin_letter(name[-1]):
        return None
    for ch in name:
        if not (is_latin_letter(ch) or ch in "-'"):
            return None
    if "--" in name or "''" in name:
        return None
    return recase(name)


def entries(value: object) -> list[str]:
    """Faker stores lists as tuples/lists or as weighted (Ordered)dicts."""
    if isinstance(value, dict):
        return [str(k) for k in value.keys()]
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    return []


class Collector:
    def __init__(self) -> None:
        self.by_key: dict[str, str] = {}

    def add(self, raw: str) -> bool:
        name = normalize(raw)
        if name is None:
            return False
        self.by_key.setdefault(name.casefold(), name)
        return True

    def sorted_names(self) -> list[str]:
        # Folded first, so "Aarón" sits next to "Aaron" rather than after "Z".
        return sorted(self.by_key.values(), key=lambda n: (fold(n), n))


def load_stopwords() -> set[str]:
    words = set()
    for line in (DATA_DIR / "name_stopwords.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(fold(line))
    return words


def header(kind: str, faker_version: str, count: int, dropped_note: str) -> str:
    locales = ", ".join(loc for loc, _ in LOCALES)
    supplements = "; ".join(SUPPLEMENT_GIVEN if kind == "given" else SUPPLEMENT_FAMILY)
    lines = [
        f"piicat {kind}-name dictionary: {count} entries, one per line, sorted case- and accent-insensitively.",
        "Used by the detection engine as evidence for PERSON_NAME / "
        + ("FIRST_NAME." if kind == "given" else "LAST_NAME."),
        "",
        f"Source: the Python package Faker {faker_version} (faker/providers/person/<locale>),",
        f"  locales: {locales};",
        f"  plus a hand-compiled supplement of common romanized names ({supplements})",
        "  in classifiers/data/gen/extract_names.py.",
        "Licence of the Faker lists (MIT), reproduced as it requires:",
        *("  " + line for line in FAKER_LICENSE.splitlines()),
        "Generated by classifiers/data/gen/extract_names.py -- do not edit by hand; re-run it.",
        "Entries keep their accents and may contain inner '-' or \"'\"; match case- and accent-insensitively",
        "  (accented and plain spellings such as Aarón/Aaron may both appear; dedupe after folding).",
        dropped_note,
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def main() -> int:
    try:
        import faker  # noqa: F401
        from importlib.metadata import version
    except ImportError:
        print("faker is not installed; see the docstring of this script", file=sys.stderr)
        return 1
    faker_version = version("faker")

    given, family = Collector(), Collector()
    for locale, _ in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        options = LOCALE_OPTIONS.get(locale, {})
        skip = set(options.get("skip", set()))
        cap = options.get("cap")
        if cap is not None:
            skip.add("first_names")
        for attrs, coll in ((GIVEN_ATTRS, given), (FAMILY_ATTRS, family)):
            for attr in attrs:
                if attr in skip:
                    continue
                # The base Provider defines none of these lists, so getattr
                # only sees what the locale (or its language) ships.
                values = ranked(getattr(provider, attr, ()))
                if cap is not None and coll is given:
                    values = values[: int(cap)]
                for raw in values:
                    coll.add(raw)
                if locale == "pl_PL" and attr == "male_last_names":
                    for raw in derive_polish_feminine(values):
                        coll.add(raw)
    for block in SUPPLEMENT_GIVEN.values():
        for raw in block.split():
            given.add(raw)
    for block in SUPPLEMENT_FAMILY.values():
        for raw in block.split():
            family.add(raw)

    stop = load_stopwords()
    given_names, dropped = [], []
    for name in given.sorted_names():
        key = fold(name)
        if key in stop and key not in KEEP_GIVEN_DESPITE_STOPLIST:
            dropped.append(name)
        else:
            given_names.append(name)
    family_names = family.sorted_names()

    given_note = (
        f"{len(dropped)} given names that are ordinary words (name_stopwords.txt) were dropped; "
        "a few very common ones are kept."
    )
    family_note = "Family names are not filtered by name_stopwords.txt; hits on those are weak evidence."
    (DATA_DIR / "given_names.txt").write_text(
        header("given", faker_version, len(given_names), given_note) + "\n".join(given_names) + "\n",
        encoding="utf-8",
    )
    (DATA_DIR / "family_names.txt").write_text(
        header("family", faker_version, len(family_names), family_note) + "\n".join(family_names) + "\n",
        encoding="utf-8",
    )
    print(f"given_names.txt: {len(given_names)} (dropped as stopwords: {len(dropped)})")
    print(f"family_names.txt: {len(family_names)}")
    if "-v" in sys.argv:
        print("dropped:", " ".join(dropped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
