//! How fast the core checks copy: a typical story, and a large document.
//!
//! `cargo bench` prints median times; BENCHMARKS.md records them with the machine they ran
//! on. The copy is generated here from the project's own sentence templates (fictional names
//! with deliberate variants, lowercase names, spacing slips, page furniture), so that every
//! rule has work to do.

use copydesk::{Document, Format, HouseStyle, NameIndex, check, check_document};

fn main() {
    // As the command line and the language server do (see the function).
    copydesk::memory::keep_freed_memory();
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

/// Published, professionally edited copy: the 157 article bodies of the shared evaluation kit
/// (`../shared/eval-dev/clean-copy`), read at run time and never stored in this repository.
/// `None` (and the benchmarks below are skipped) where the kit is not beside the checkout.
fn real_bodies() -> Option<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval-dev/clean-copy/bodies.jsonl"
    );
    let Ok(jsonl) = std::fs::read_to_string(path) else {
        eprintln!("{path} not found: real-copy benchmarks skipped");
        return None;
    };
    let bodies = jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            v["body"]
                .as_str()
                .or(v["text"].as_str())
                .map(str::to_string)
        })
        .collect();
    Some(bodies)
}

/// The longest real story (about 3,500 words), alone.
#[divan::bench]
fn real_story_longest(bencher: divan::Bencher) {
    let Some(bodies) = real_bodies() else { return };
    let Some(text) = bodies.into_iter().max_by_key(String::len) else {
        return;
    };
    let style = HouseStyle::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| check(divan::black_box(&text), Format::PlainText, &style));
}

/// Every real story, each checked on its own (a desk's day of copy, about 680 KB).
#[divan::bench(sample_count = 20)]
fn real_stories_each(bencher: divan::Bencher) {
    let Some(bodies) = real_bodies() else { return };
    let style = HouseStyle::default();
    let bytes: usize = bodies.iter().map(String::len).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            bodies
                .iter()
                .map(|b| check(divan::black_box(b), Format::PlainText, &style).len())
                .sum::<usize>()
        });
}

/// A megabyte of real copy as one document: the stories one after another.
#[divan::bench(sample_count = 20)]
fn real_copy_one_megabyte(bencher: divan::Bencher) {
    let Some(bodies) = real_bodies() else { return };
    let mut text = String::new();
    for body in bodies.iter().cycle().take(10 * bodies.len()) {
        if text.len() >= 1 << 20 {
            break;
        }
        text.push_str(body);
        text.push_str("\n\n");
    }
    text.truncate(text.floor_char_boundary(1 << 20));
    let style = HouseStyle::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| check(divan::black_box(&text), Format::PlainText, &style));
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
