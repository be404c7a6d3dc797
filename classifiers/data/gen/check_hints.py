#!/usr/bin/env python3
"""Check classifiers/data/hints.toml (and the name lists) against the rules the engine assumes.

How to run (from the repository root; Python 3.11+, standard library only):
    python3 classifiers/data/gen/check_hints.py
Exits non-zero and names every problem found. It checks that:
  - the TOML parses, every required class id has a section, and sections hold only
    `hints` (non-empty) and `negative` (optional), both lists of strings;
  - every entry is already in tokenized form: tokenize(entry) joined by single spaces
    gives the entry back (lower case, accents stripped, no `_ . - /`, no camelCase,
    letters and digits apart), so the engine can match it token by token;
  - no entry is repeated inside a list, and no entry is both a hint and a negative;
  - given_names.txt, family_names.txt and name_stopwords.txt have a `#` header and no
    blank or duplicate (case-folded) entries.
The tokenizer here mirrors the one described at the top of hints.toml; if the engine's
tokenizer changes, change both.
"""

from __future__ import annotations

import pathlib
import re
import sys
import tomllib
import unicodedata

DATA_DIR = pathlib.Path(__file__).resolve().parent.parent

REQUIRED_CLASSES = """
EMAIL PHONE_NUMBER PERSON_NAME FIRST_NAME LAST_NAME DATE_OF_BIRTH STREET_ADDRESS POSTAL_CODE
GPS_COORDINATES IP_ADDRESS MAC_ADDRESS IMEI URL_WITH_CREDENTIALS CREDIT_CARD IBAN SWIFT_BIC
US_ABA_ROUTING US_BANK_ACCOUNT CRYPTO_WALLET US_SSN US_ITIN US_PASSPORT US_DRIVER_LICENSE
US_NPI US_DEA US_MBI UK_NINO UK_NHS UK_PASSPORT CA_SIN DE_TAX_ID FR_NIR ES_DNI ES_NIE
IT_FISCAL_CODE NL_BSN BE_NATIONAL_NUMBER PL_PESEL SE_PERSONNUMMER FI_HETU IN_AADHAAR IN_PAN
BR_CPF AU_TFN AU_MEDICARE SG_NRIC AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY GITHUB_TOKEN
SLACK_TOKEN STRIPE_KEY GOOGLE_API_KEY PRIVATE_KEY JWT PASSWORD
""".split()

SEPARATORS = re.compile(r"[_.\-\s/]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def split_case_and_digits(part: str) -> list[str]:
    """`emailAddress` -> email Address; `IPAddress` -> IP Address; `ipv4` -> ipv 4."""
    tokens: list[str] = []
    current = ""
    for i, ch in enumerate(part):
        if current:
            prev = current[-1]
            nxt = part[i + 1] if i + 1 < len(part) else ""
            boundary = (
                (prev.islower() and ch.isupper())
                or (prev.isupper() and ch.isupper() and nxt.islower())
                or (prev.isalpha() and ch.isdigit())
                or (prev.isdigit() and ch.isalpha())
            )
            if boundary:
                tokens.append(current)
                current = ""
        current += ch
    if current:
        tokens.append(current)
    return tokens


def tokenize(name: str) -> list[str]:
    tokens: list[str] = []
    for part in SEPARATORS.split(name.strip()):
        if part:
            tokens.extend(strip_accents(t).lower() for t in split_case_and_digits(part))
    return tokens


def self_test() -> list[str]:
    cases = {
        "fechaNacimiento": ["fecha", "nacimiento"],
        "E-Mail": ["e", "mail"],
        "customer.emailAddress": ["customer", "email", "address"],
        "IPAddress": ["ip", "address"],
        "ipv4": ["ipv", "4"],
        "Straße": ["straße"],
        "téléphone_portable": ["telephone", "portable"],
        "AWS_ACCESS_KEY_ID": ["aws", "access", "key", "id"],
    }
    return [
        f"tokenizer self-test: {raw!r} -> {tokenize(raw)} (expected {want})"
        for raw, want in cases.items()
        if tokenize(raw) != want
    ]


def check_hints() -> tuple[list[str], dict[str, tuple[int, int]]]:
    problems: list[str] = []
    counts: dict[str, tuple[int, int]] = {}
    with open(DATA_DIR / "hints.toml", "rb") as fh:
        doc = tomllib.load(fh)
    for cls in REQUIRED_CLASSES:
        if cls not in doc:
            problems.append(f"hints.toml: missing section [{cls}]")
    for cls, section in doc.items():
        if cls not in REQUIRED_CLASSES:
            problems.append(f"hints.toml: [{cls}] is not a known class id")
        if not isinstance(section, dict):
            problems.append(f"hints.toml: [{cls}] is not a table")
            continue
        for key in section:
            if key not in ("hints", "negative"):
                problems.append(f"hints.toml: [{cls}] has unknown key {key!r}")
        lists = {k: section.get(k, []) for k in ("hints", "negative")}
        if not lists["hints"]:
            problems.append(f"hints.toml: [{cls}] has no hints")
        for key, entries in lists.items():
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                problems.append(f"hints.toml: [{cls}].{key} must be a list of strings")
                continue
            seen: set[str] = set()
            for entry in entries:
                if entry in seen:
                    problems.append(f"hints.toml: [{cls}].{key} repeats {entry!r}")
                seen.add(entry)
                if " ".join(tokenize(entry)) != entry:
                    problems.append(
                        f"hints.toml: [{cls}].{key} entry {entry!r} is not in tokenized form "
                        f"(would be {' '.join(tokenize(entry))!r})"
                    )
        both = set(lists["hints"]) & set(lists["negative"])
        if both:
            problems.append(f"hints.toml: [{cls}] has entries both as hint and negative: {sorted(both)}")
        counts[cls] = (len(lists["hints"]), len(lists["negative"]))
    return problems, counts


def check_word_list(file_name: str) -> tuple[list[str], int]:
    problems: list[str] = []
    lines = (DATA_DIR / file_name).read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("#"):
        problems.append(f"{file_name}: must start with a '#' header")
    seen: set[str] = set()
    count = 0
    for number, line in enumerate(lines, start=1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if file_name != "name_stopwords.txt":
                problems.append(f"{file_name}:{number}: blank line")
            continue
        if line != line.strip():
            problems.append(f"{file_name}:{number}: surrounding whitespace")
        # Accent variants ("Aaron", "Aarón") are distinct spellings and may both appear.
        key = line.strip().casefold()
        if key in seen:
            problems.append(f"{file_name}:{number}: duplicate entry {line.strip()!r}")
        seen.add(key)
        count += 1
    return problems, count


def main() -> int:
    problems = self_test()
    hint_problems, counts = check_hints()
    problems += hint_problems
    sizes = {}
    for file_name in ("given_names.txt", "family_names.txt", "name_stopwords.txt"):
        file_problems, sizes[file_name] = check_word_list(file_name)
        problems += file_problems
    for problem in problems:
        print(problem, file=sys.stderr)
    if "-v" in sys.argv:
        for file_name, size in sizes.items():
            print(f"{file_name}: {size}")
        for cls, (hints, negative) in counts.items():
            print(f"{cls}: {hints} hints, {negative} negative")
    print(f"{len(counts)} classes checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
