//! How fast the core checks copy: a typical story, and a large document.
//!
//! `cargo bench` prints median times; BENCHMARKS.md records them with the machine they ran
//! on. The copy is generated here from the project's own sentence templates (fictional names
//! with deliberate variants, lowercase names, spacing slips, page furniture), so that every
//! rule has work to do.

use copydesk::{Document, Format, HouseStyle, NameIndex, check, check_document};

fn main() {
    divan::main();
}

const NAMES: &[&str] = &[
    "Mariam Okonjo-Hale",
    "Okonjo Hale",
    "Dana Whitlock",
    "dana whitlock",
    "Ines Barrow",
    "Pieter Aalstrom",
    "Aalstroem",
    "Zelenskyy",
    "Zelensky",
    "Kyiv",
    "Kiev",
];

const TEMPLATES: &[&str] = &[
    "{0} said the crews would return to work once the night allowance was restored .",
    "Talks between {0} and the operator broke down on Monday evening after six hours.",
    "the council will meet again on Thursday, when {0} is expected to speak.",
    "Passengers were told to check Youtube and Wordpress for updates from {0}.",
    "A spokesman for {0} said the offer was fair.  Crews disagreed.",
    "The U.S. embassy and the US consulate both issued travel advice for the island.",
    "Freight sailings continued through the night, {0} told reporters in the harbour office.",
];

const FURNITURE: &str =
    "\nShare this:\nFacebook\nTwitter\nEmail\n\nLeave a Reply\n\nRelated Posts\n\n";

/// About `words` words of copy: paragraphs of four sentences, furniture every ten paragraphs.
fn story(words: usize) -> String {
    let mut out = String::from("Ferry crews walk out as talks stall\n\n");
    let mut i = 0usize;
    while out.split_whitespace().count() < words {
        for _ in 0..4 {
            let template = TEMPLATES[i % TEMPLATES.len()];
            out.push_str(&template.replace("{0}", NAMES[(i * 7) % NAMES.len()]));
            out.push(' ');
            i += 1;
        }
        out.push_str("\n\n");
        if i.is_multiple_of(40) {
            out.push_str(FURNITURE);
        }
    }
    out
}

#[divan::bench(args = [800, 5_000])]
fn story_words(bencher: divan::Bencher, words: usize) {
    let style = HouseStyle::default();
    let text = story(words);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| check(divan::black_box(&text), Format::Markdown, &style));
}

#[divan::bench(sample_count = 20)]
fn one_megabyte(bencher: divan::Bencher) {
    let style = HouseStyle::default();
    let mut text = story(170_000);
    text.truncate(text.floor_char_boundary(1 << 20));
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| check(divan::black_box(&text), Format::Markdown, &style));
}

/// A story among 100 others: what the language server does on a keystroke.
#[divan::bench]
fn story_among_a_hundred(bencher: divan::Bencher) {
    let style = HouseStyle::default();
    let texts: Vec<String> = (0..100).map(|n| story(600 + n * 5)).collect();
    let docs: Vec<Document<'_>> = texts
        .iter()
        .map(|t| Document::new(t, Format::Markdown))
        .collect();
    let mut names = NameIndex::new();
    for (n, doc) in docs.iter().enumerate() {
        names.update(&n.to_string(), doc, &style);
    }
    let edited = story(800);
    bencher.bench_local(|| {
        let doc = Document::new(&edited, Format::Markdown);
        names.update("0", &doc, &style);
        check_document(&doc, &style, &names, "0")
    });
}

/// Parsing alone: lines, Markdown masks, URLs, the prose view.
#[divan::bench]
fn document_5000_words(bencher: divan::Bencher) {
    let text = story(5_000);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| {
            Document::new(divan::black_box(&text), Format::Markdown)
                .lines()
                .len()
        });
}

/// A house style with only `rule` turned on.
fn alone(rule: &str) -> HouseStyle {
    let off: String = copydesk::rules::Rule::ALL
        .iter()
        .map(|r| r.id())
        .filter(|&r| r != rule)
        .map(|r| format!("[rules.{r}]\nenabled = false\n"))
        .collect();
    HouseStyle::from_toml(&off, None).expect("valid house style")
}

const RULES: &[&str] = &[
    "name-consistency",
    "capitalization",
    "boilerplate",
    "punctuation-spacing",
    "abbreviation-consistency",
];

/// One rule alone on a 5,000-word story, the document parsed and its names indexed once
/// beforehand: what the rule itself costs.
#[divan::bench(args = RULES)]
fn rule_alone_5000_words(bencher: divan::Bencher, rule: &str) {
    bench_rule_alone(bencher, rule, story(5_000));
}

/// One rule alone on a megabyte.
#[divan::bench(args = RULES, sample_count = 20)]
fn rule_alone_one_megabyte(bencher: divan::Bencher, rule: &str) {
    let mut text = story(170_000);
    text.truncate(text.floor_char_boundary(1 << 20));
    bench_rule_alone(bencher, rule, text);
}

fn bench_rule_alone(bencher: divan::Bencher, rule: &str, text: String) {
    let style = alone(rule);
    let doc = Document::new(&text, Format::Markdown);
    let mut names = NameIndex::new();
    names.update("", &doc, &style);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| check_document(divan::black_box(&doc), &style, &names, ""));
}
