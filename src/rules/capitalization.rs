//! `capitalization`: names and sentence starts written lowercase, brands in the wrong case.
//!
//! The copy is read once ([`reading`]) to learn which words start sentences, which stand
//! mid-sentence and which lines are headlines; three checks then use it: lowercase names
//! ([`names`]), brands and terms ([`terms`]) and sentences that start lowercase (here).

mod dictionary;
mod names;
pub(crate) mod reading;
mod stray;
mod terms;
mod titles;

use crate::finding::{Edit, Finding, Fix};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::style::Settings;

use reading::{Position, Reading};

pub const DOCS: &str = "\
# capitalization

## What it does
Flags four kinds of capitalization slip:

- a name written lowercase where the story itself shows it capitalized: `Vladimir putin`
  when `Putin` stands mid-sentence elsewhere in the copy;
- a name written lowercase right after a title (`Secretary of State marco rubio`,
  `President Vladimir putin`, `Mr. smith`), when the lowercase words are not ordinary
  English words, or the copy capitalizes them elsewhere;
- a sentence that starts with a lowercase letter, after a full stop or question mark, or
  on a new line after a line that ended a sentence;
- a brand or term in the wrong case, from a built-in list and the house style's own
  (`Wordpress` for `WordPress`, `Youtube` for `YouTube`, `Iphone` for `iPhone`).

## Why
Copy that went through a paraphrasing tool, a scraper or a hurried retype loses its
capitals in places, and a lowercase name or a miscased brand is the kind of slip readers
notice first and trust least.

## Example
```text
On Friday, Secretary of State marco rubio met Vladimir putin. the talks ran late, and
Putin later posted about them on Youtube.
```
is flagged four times: `marco rubio` (fix `Marco Rubio`), `putin` (fix `Putin`, as the
copy writes it later), `the` (fix `The`) and `Youtube` (fix `YouTube`).

## What it leaves alone
- A title followed by ordinary words (`the President said`, `the Queen bee`), and a
  lowercase word the dictionary knows (`trump`, `bill`) unless the copy capitalizes it
  elsewhere mid-sentence; name particles (`de`, `van`, `bin`, `al-`).
- Capitals at a sentence start or in a title-case headline never count as evidence.
- After abbreviations (`U.S.`, `e.g.`, `i.e.`, `Mr.`, `No.`, `vs.`, `a.m.`, `p.m.`,
  initials), after a colon, semicolon, exclamation mark or ellipsis, after a question mark
  that closes a quotation (`“Why?” he asked`), inside a quotation that opened mid-sentence,
  in list items, and at the start of a line that continues the line before (wrapped copy)
  or is not a sentence.
- Brands that start lowercase (`iPhone`, `eBay`), `e-commerce`, handles (`@user`) and
  tags (`#tag`), addresses (`paypal.com`), and words the house style ignores.
- A term in a line set in capitals (`YOUTUBE` in a capitals headline), a term whose
  lowercase form is an ordinary word (`blackberry`), `EBay` or `IPhone` starting a
  sentence, and terms in lines that are not copy (share rows, menus, tag lists).

## House style
- `[capitalization] terms`: the house casing of brands and terms. It replaces the built-in
  spelling of the same letters: the built-in list has `NATO` and `FIFA`; a desk that writes
  `Nato` and `Fifa` lists them, and `NATO` is flagged instead.
- `[words] ignore`: words this rule never flags.

## Fix
Replaces the word with its capitalized form. Safe (applied by `copydesk fix`) for brands
and terms, sentence starts, and names the copy capitalizes elsewhere; a name after a title
that the copy never capitalizes is offered for review only.
";

/// Brand and term spellings, compiled once per house style.
#[derive(Debug, Default)]
pub struct Lexicon {
    terms: terms::Terms,
}

impl Lexicon {
    pub fn new(settings: &Settings) -> Self {
        Lexicon {
            terms: terms::Terms::new(&settings.terms),
        }
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let reading = reading::read(cx.doc);
    terms::check(cx, &reading, out);
    let evidence = names::Evidence::gather(cx.doc.text, &reading);
    // Copy in another language has its own rules for capitals.
    if !evidence.reads_as_english() {
        return;
    }
    let names = names::check(cx, &reading, &evidence, out);
    sentence_starts(cx, &reading, &names, out);
    stray::check(cx, &reading, &evidence, out);
}

/// Sentences that start with a lowercase letter.
fn sentence_starts(cx: &Context<'_>, reading: &Reading, names: &[Span], out: &mut Vec<Finding>) {
    let prose = cx.doc.prose();
    for (i, w) in reading.words.iter().enumerate() {
        if w.position != Position::SentenceStart || w.in_fragment {
            continue;
        }
        let word = w.span.slice(cx.doc.text);
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            continue;
        };
        // Only a lowercase first letter; not `iPhone` or `eBay`, nor `e-commerce`.
        let second = chars.next();
        if !first.is_lowercase()
            || word.chars().skip(1).any(char::is_uppercase)
            || second.is_some_and(crate::text::is_hyphen)
        {
            continue;
        }
        // Only ordinary words: a lowercase word no dictionary knows may be a brand that
        // writes itself so (`ecobee`), and a name is the check for names' business.
        if !dictionary::is_word(word)
            || word.chars().any(|c| c.is_numeric())
            || names.iter().any(|s| s.start == w.span.start)
            || cx.style.capitalization.terms.starts_lowercase(word)
            || cx.style.is_ignored(word)
            || !terms::stands_alone(prose, w.span)
        {
            continue;
        }
        // A sentence of a word or two (`on. it.`) is a slogan or a fragment, not copy.
        if sentence_length(reading, i) < MIN_SENTENCE_WORDS {
            continue;
        }
        let first_letter = Span::new(w.span.start, w.span.start + first.len_utf8());
        let capital: String = first.to_uppercase().collect();
        let replacement = names::capitalize(word);
        out.push(
            Finding::new(
                Rule::Capitalization,
                w.span,
                format!("Sentence starts with lowercase `{word}`"),
            )
            .with_fix(Fix::safe(
                format!("Replace with `{replacement}`"),
                vec![Edit::replace(first_letter, capital)],
            )),
        );
    }
}

/// The fewest words a sentence needs for its lowercase start to be flagged.
const MIN_SENTENCE_WORDS: usize = 3;

/// How many words the sentence starting at word `i` has on its line, counting up to
/// [`MIN_SENTENCE_WORDS`].
fn sentence_length(reading: &Reading, i: usize) -> usize {
    let line = reading.words[i].line;
    1 + reading.words[i + 1..]
        .iter()
        .take(MIN_SENTENCE_WORDS - 1)
        .take_while(|w| w.line == line && w.position != Position::SentenceStart)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{carets, findings, findings_with, fixed};
    use crate::style::HouseStyle;

    const R: Rule = Rule::Capitalization;

    fn flagged(text: &str) -> Vec<String> {
        findings(R, text)
            .iter()
            .map(|f| f.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn lowercase_name_after_a_title() {
        let text = "On Friday, Secretary of State marco rubio spoke. Rubio said more later.";
        assert_eq!(
            carets(R, text),
            [concat!(
                "On Friday, Secretary of State marco rubio spoke. Rubio said more later.\n",
                "                              ^^^^^^^^^^^"
            )]
        );
        let f = &findings(R, text)[0];
        assert_eq!(
            f.message,
            "`marco rubio` after `Secretary of State` is a name written lowercase"
        );
        let fix = f.fix().expect("a fix");
        assert_eq!(fix.title, "Replace with `Marco Rubio`");
        // `Marco` stands nowhere else: the fix is for review.
        assert!(!fix.safe);
    }

    #[test]
    fn title_names_with_particles_and_abbreviations() {
        assert_eq!(
            fixed(
                R,
                "They met Crown Prince Mohammed bin salman and Mr. starmer's aide."
            ),
            "They met Crown Prince Mohammed bin Salman and Mr. starmer's aide."
        );
        assert_eq!(
            fixed(R, "He spoke to President bashar al-assad by phone."),
            "He spoke to President Bashar al-Assad by phone."
        );
    }

    #[test]
    fn a_title_before_ordinary_words_is_left_alone() {
        for text in [
            "The President said the talks went well.",
            "The Queen bee and the General assembly met.",
            "The President livestreamed the speech.",
            "The Prime Minister on Monday said so.",
            "The President trump card was played.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn lowercase_name_the_copy_capitalizes_elsewhere() {
        let text = "Russian President Vladimir putin spoke. Later, Putin said more.";
        assert_eq!(flagged(text), ["putin"]);
        assert_eq!(
            findings(R, text)[0].message,
            "`putin` is written `Putin` in 1 other place"
        );
        assert_eq!(
            fixed(R, text),
            "Russian President Vladimir Putin spoke. Later, Putin said more."
        );
        // Without a title too, and the fix is safe.
        let text = "They called vladimir putin. Then they called Vladimir Putin again.";
        assert_eq!(flagged(text), ["vladimir", "putin"]);
        assert!(findings(R, text).iter().all(|f| f.fix().unwrap().safe));
    }

    #[test]
    fn evidence_must_be_mid_sentence_and_not_a_dictionary_word() {
        // `Putin` only at a sentence start or in a headline proves nothing.
        assert!(flagged("Putin Wins Again\n\nPutin spoke. Then putin left.").is_empty());
        // `bill` is a word: `Bill` elsewhere does not make it a name.
        assert!(flagged("The bill passed, and Bill Gates spoke.").is_empty());
        // Mostly lowercase in the copy: a house choice, not a slip.
        assert!(flagged("The covid wave, the covid rules and the Covid test.").is_empty());
        // Particles stay lowercase.
        assert!(flagged("It was Charles de Gaulle, not De Gaulle, who spoke.").is_empty());
    }

    #[test]
    fn sentence_starting_lowercase() {
        assert_eq!(
            carets(R, "The talks ended. the ministers left."),
            ["The talks ended. the ministers left.\n                 ^^^"]
        );
        assert_eq!(
            fixed(R, "The talks ended. the ministers left."),
            "The talks ended. The ministers left."
        );
        assert_eq!(
            findings(R, "Was it over? no one knew.")[0].message,
            "Sentence starts with lowercase `no`"
        );
        assert_eq!(
            fixed(R, "The talks ended.\nthe ministers left early."),
            "The talks ended.\nThe ministers left early."
        );
    }

    #[test]
    fn sentence_start_exceptions() {
        for text in [
            "Aid from the U.S. reached them. It came at 9 a.m. and left at 5 p.m. on Friday.",
            "Some, e.g. nurses, stayed. Others, i.e. doctors, left.",
            "Mr. smith is not a sentence start, and neither is No. one or Brown vs. jones.",
            "He said J. k. was there.",
            "Prices rose. iPhone sales fell. eBay gained. e-commerce grew.",
            "He called it “a farce. a joke” and left.",
            "He had one goal: peace; nothing else.",
            "“Why?” he asked. “Stop!” she said.",
            "It went on and on... and then stopped.",
            "Follow @nytimes. #breaking news. Visit paypal.com. paypal.com is down.",
            "The ministers met on Monday and\nagreed to meet again.",
            "The talks ended.\n- the first item\n- the second item",
            "Sections:\n1. the first part of it.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn a_line_that_is_not_a_sentence_is_not_flagged() {
        assert!(flagged("The talks ended.\nphoto: reuters").is_empty());
        assert!(flagged("The talks ended.\n\ntags").is_empty());
    }

    #[test]
    fn brands_in_the_wrong_case() {
        assert_eq!(
            carets(R, "The plugin runs on Wordpress sites."),
            ["The plugin runs on Wordpress sites.\n                   ^^^^^^^^^"]
        );
        assert_eq!(
            findings(R, "The plugin runs on Wordpress sites.")[0].message,
            "`Wordpress` is spelled `WordPress`"
        );
        assert_eq!(
            fixed(
                R,
                "He posted on Youtube, Linkedin and Tiktok from his Iphone, bought on Ebay."
            ),
            "He posted on YouTube, LinkedIn and TikTok from his iPhone, bought on eBay."
        );
        assert_eq!(
            fixed(R, "She ate at Mcdonald’s and paid with Paypal."),
            "She ate at McDonald’s and paid with PayPal."
        );
        assert_eq!(
            fixed(R, "Two Iphones and Youtube's rules."),
            "Two iPhones and YouTube's rules."
        );
    }

    #[test]
    fn brands_left_alone() {
        for text in [
            "WORDPRESS AND YOUTUBE ANNOUNCE DEAL",
            "NATO and FIFA met in Geneva.",
            "He ate a blackberry. Blackberry jam is sweet.",
            "EBay said sales rose. IPhone sales fell.",
            "Visit youtube.com or @youtube for more.",
            "She uses WordPress, YouTube and eBay.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
        // Mid-sentence, `EBay` is wrong.
        assert_eq!(flagged("Shares of EBay rose."), ["EBay"]);
    }

    #[test]
    fn house_terms_override_the_built_in_list() {
        let style =
            HouseStyle::from_toml("[capitalization]\nterms = [\"Fifa\", \"Youtube\"]\n", None)
                .expect("valid");
        let house = |text: &str| -> Vec<String> {
            findings_with(R, text, &style)
                .iter()
                .map(|f| f.span.slice(text).to_string())
                .collect()
        };
        assert!(house("The Fifa president posted on Youtube.").is_empty());
        assert_eq!(
            house("The FIFA president spoke, and fifa posted on YouTube."),
            ["FIFA", "fifa", "YouTube"]
        );
        // Without the house style, the built-in spelling stands.
        assert_eq!(flagged("The Fifa president spoke."), ["Fifa"]);
    }

    #[test]
    fn ignored_words_are_left_alone() {
        let style = HouseStyle::from_toml("[words]\nignore = [\"Wordpress\", \"putin\"]\n", None)
            .expect("valid");
        let text = "Vladimir putin uses Wordpress. Putin said so, Putin added.";
        assert!(findings_with(R, text, &style).is_empty());
    }

    #[test]
    fn headlines_are_not_sentences() {
        for text in [
            "Zelenskyy Thanks the U.S. for Support\n\nThe talks went on.",
            "Russia Pushes Forward Militarily\nThe talks went on.",
            "BREAKING: PUTIN MEETS ENVOYS\n\nThe talks went on.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }
}
