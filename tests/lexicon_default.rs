//! The default lexicon (corpus/lexicon.toml): it parses cleanly, meets the size
//! rules, and finds what a reader finds in sentences of the sample articles.

use std::path::Path;

use framelens::analyze::{Analyzer, AnalyzerConfig};
use framelens::lexicon::*;

fn en() -> Analyzer {
    Analyzer::new("en", &AnalyzerConfig::default()).unwrap()
}

fn default_lexicon() -> Lexicon {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_LEXICON);
    let (lex, warnings) = Lexicon::load(&path, &en()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    lex
}

#[test]
fn parses_without_warnings_and_meets_the_rules() {
    let lex = default_lexicon();
    assert_eq!(lex.meta.version, "2.0.1");
    assert!(["CC0-1.0", "CC-BY-4.0"].contains(&lex.meta.license.as_str()));
    assert_eq!(lex.meta.language, "en");
    assert!(lex.categories.len() >= 8);
    for c in &lex.categories {
        assert!(
            c.entries.len() >= 15,
            "{} has {} entries",
            c.id,
            c.entries.len()
        );
        assert!(
            c.entries.iter().any(Entry::is_phrase),
            "{} has no phrase",
            c.id
        );
        assert!(c.entries.iter().any(Entry::is_glob), "{} has no glob", c.id);
        assert!(c.description.len() > 40, "{} needs a description", c.id);
        assert!(!c.label.is_empty());
    }
    for id in [
        "boluarte",
        "castillo",
        "fujimori",
        "congress",
        "security_forces",
        "united_states",
        "protesters",
    ] {
        assert!(lex.actors.iter().any(|a| a.id == id), "actor {id}");
    }
    let boluarte = lex.actors.iter().find(|a| a.id == "boluarte").unwrap();
    assert!(boluarte.aliases.iter().any(|a| a.text == "Boularte"));
    for m in [
        "so-called",
        "alleged",
        "self-proclaimed",
        "supposed",
        "purported",
        "self-styled",
    ] {
        assert!(lex.distancing.iter().any(|d| d.text == m), "marker {m}");
    }
}

/// (category, matched text, voice, target) of every hit.
fn hits(text: &str) -> Vec<(String, String, Voice, Option<String>)> {
    let lex = default_lexicon();
    let a = en().analyze(text);
    find_hits(&lex, "en", text, &a)
        .iter()
        .map(|h| {
            (
                lex.categories[h.category as usize].id.clone(),
                text[h.start..h.end].to_string(),
                h.voice,
                h.target.map(|t| lex.actors[t as usize].id.clone()),
            )
        })
        .collect()
}

fn has(
    hits: &[(String, String, Voice, Option<String>)],
    cat: &str,
    m: &str,
    v: Voice,
    target: Option<&str>,
) -> bool {
    hits.iter()
        .any(|h| h.0 == cat && h.1 == m && h.2 == v && h.3.as_deref() == target)
}

#[test]
fn seed_000_usurper_and_scare_quoted_vandals() {
    // Sentences from the sample article 000 (Telesur, 22 Dec 2022).
    let t = "The Peruvian usurper “president” Dina Boluarte continues with her plans of prolonged permanence in a government that she assaulted as part of a right-wing plan. At the same time, she emphasizes the idea that the best course of action is a brutal repression of what she calls “vandals”, who are none other than the Peruvian people dissatisfied with the Fujimori coup.";
    let h = hits(t);
    assert!(
        has(
            &h,
            "delegitimize_government",
            "usurper",
            Voice::Own,
            Some("boluarte")
        ),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "delegitimize_protesters",
            "vandals",
            Voice::Scare,
            Some("protesters")
        ),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "state_violence",
            "repression",
            Voice::Own,
            Some("protesters")
        ),
        "{h:#?}"
    );
    assert!(
        has(&h, "coup_procedural", "coup", Voice::Own, Some("fujimori")),
        "{h:#?}"
    );
    // "president" in scare quotes is not a loaded term by itself.
    assert!(!h.iter().any(|x| x.1 == "president"));
}

#[test]
fn seed_000_so_called_leftist() {
    let t = "Then there is the corrupt Congress, openly dominated by the right-wing loyal to Keiko Fujimori and with the consent of the so-called “leftist” congressmen, who have had no shame in resigning their posts.";
    let h = hits(t);
    assert!(
        has(
            &h,
            "ideological_labels",
            "leftist",
            Voice::Distanced,
            Some("congress")
        ),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "ideological_labels",
            "right-wing",
            Voice::Own,
            Some("fujimori")
        ),
        "{h:#?}"
    );
}

#[test]
fn seed_001_terrorists_in_scare_quotes_with_a_misspelled_name() {
    let t = "Whatever the politics of the new President Dina Boularte may be, her claim that the rioters are “terrorists” is not without foundation.";
    let h = hits(t);
    assert!(
        has(
            &h,
            "delegitimize_protesters",
            "terrorists",
            Voice::Scare,
            Some("boluarte")
        ),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "delegitimize_protesters",
            "rioters",
            Voice::Own,
            Some("boluarte")
        ),
        "{h:#?}"
    );
}

#[test]
fn seed_003_quoted_speech_and_scare_quoted_coup() {
    let t = "Dina Boluarte, Castillo’s former vice-president, stabbed him in the back, accusing him of ‘perpetrating the breakdown of the constitutional order’ and executing a ‘coup d’état’.";
    let h = hits(t);
    assert!(
        has(
            &h,
            "coup_procedural",
            "breakdown of the constitutional order",
            Voice::Quoted,
            Some("castillo")
        ),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "coup_procedural",
            "coup d’état",
            Voice::Scare,
            Some("castillo")
        ),
        "{h:#?}"
    );
    let t = "16 protesters were massacred in just one day in Juliaca, prompting a day of mourning in the southeastern region of Puno.";
    assert!(has(
        &hits(t),
        "state_violence",
        "massacred",
        Voice::Own,
        Some("protesters")
    ));
}

#[test]
fn seed_004_state_of_emergency_and_soft_coup() {
    let t = "This is part of the current US strategy aimed at managing the ‘back yard’, known as ‘golpe blando’ – a ‘soft’ coup d’etat, as opposed to the heavy military interventions of the past.";
    let h = hits(t);
    assert!(
        has(
            &h,
            "foreign_interference",
            "back yard",
            Voice::Scare,
            Some("united_states")
        ),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "foreign_interference",
            "golpe blando",
            Voice::Scare,
            Some("united_states")
        ),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "foreign_interference",
            "soft’ coup",
            Voice::Scare,
            Some("security_forces")
        ),
        "{h:#?}"
    );
    let t = "On 15 January, the coup regime declared a state of emergency in Puno, Cusco and Lima departments.";
    let h = hits(t);
    assert!(
        has(&h, "state_violence", "state of emergency", Voice::Own, None),
        "{h:#?}"
    );
    assert!(
        has(
            &h,
            "delegitimize_government",
            "coup regime",
            Voice::Own,
            None
        ),
        "{h:#?}"
    );
}
