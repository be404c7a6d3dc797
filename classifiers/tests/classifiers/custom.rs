//! Custom detectors from TOML: they detect, and a bad one is named in the error.

use piicat_classifiers::{CustomDetector, Engine};

#[derive(serde::Deserialize)]
struct File {
    detectors: Vec<CustomDetector>,
}

fn parse(toml_text: &str) -> Vec<CustomDetector> {
    toml::from_str::<File>(toml_text).unwrap().detectors
}

#[test]
fn custom_regex_detector_finds_values_in_text_and_fields() {
    let d = parse(
        r#"
        [[detectors]]
        id = "EMPLOYEE_ID"
        name = "Employee id"
        category = "person"
        sensitivity = "medium"
        patterns = ['EMP-\d{6}']
        hints = ["employee id", "personalnummer"]
        "#,
    );
    let e = Engine::builder().custom(d).build().unwrap();
    let found = e.find_in_text("assigned to EMP-004211 yesterday");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].class.id, "EMPLOYEE_ID");
    let f = e.classify_field("personalnummer", ["EMP-000001", "EMP-123456"]);
    assert_eq!(f.classes[0].class, "EMPLOYEE_ID");
}

#[test]
fn custom_dictionary_with_validator_and_context() {
    let d = parse(
        r#"
        [[detectors]]
        id = "PROJECT_CODENAME"
        category = "credential"
        sensitivity = "high"
        dictionary = ["Bluebird", "Nightjar"]
        context = ["project"]
        require_context = true
        "#,
    );
    let e = Engine::builder().custom(d).build().unwrap();
    assert_eq!(e.find_in_text("project: Nightjar launches").len(), 1);
    assert!(e.find_in_text("a nightjar sang").is_empty());
}

#[test]
fn bad_definitions_name_the_detector_and_the_problem() {
    let cases = [
        (r#"id = "bad id""#, "id must be"),
        (
            r#"id = "X1"
            category = "person"
            sensitivity = "low"
            patterns = ['(unclosed']"#,
            "does not compile",
        ),
        (
            r#"id = "X2"
            category = "person"
            sensitivity = "low""#,
            "needs at least one",
        ),
        (
            r#"id = "EMAIL"
            category = "person"
            sensitivity = "low"
            patterns = ['x\d']"#,
            "already used",
        ),
        (
            r#"id = "X3"
            category = "person"
            sensitivity = "low"
            patterns = ['a*']"#,
            "empty string",
        ),
    ];
    for (body, expected) in cases {
        let d = parse(&format!("[[detectors]]\n{body}"));
        let err = Engine::builder().custom(d).build().unwrap_err().to_string();
        assert!(err.contains(expected), "{err}");
        assert!(err.starts_with("detector `"), "{err}");
    }
    let unknown = toml::from_str::<File>("[[detectors]]\nid = \"X\"\nregexx = 'a'\n");
    assert!(
        unknown
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
            .contains("regexx")
    );
}
