//! `name-consistency`: one name, one spelling, within a story and across the stories checked
//! together.
//!
//! [`mentions`] finds the names of one document in one pass (`scan.rs` reads the words,
//! `words.rs` works out once what each distinct word is, `mentions.rs` files the spellings); the name index keeps them per document; [`check`]
//! decides, for each name this document shares with the others, which spelling wins
//! (`decide.rs`, with the typo comparison in `decide/typos.rs`). The keys that make two
//! spellings one name are in `keys.rs`, the embedded lists and the house style's names in
//! `lexicon.rs`; `make_lists.py` rebuilds the word lists from SCOWL.

mod decide;
mod keys;
mod lexicon;
mod mentions;
mod scan;
mod words;

pub(crate) use keys::{HashMapU64, Prehashed};
pub use lexicon::Lexicon;
pub use mentions::{Form, Mentions, Occurrence};
pub(crate) use mentions::{Group, NameMemo};

use crate::document::Document;
use crate::finding::Finding;
use crate::memo::Memo;
use crate::rules::Context;
use crate::style::HouseStyle;
use crate::workspace::NameIndex;

pub const DOCS: &str = "\
# name-consistency

## What it does
Finds one name spelt more than one way, within a story and across the stories checked
together (all the files given to `copydesk check`, or the open documents and workspace
files in an editor), and offers the winning spelling.

Spellings are taken as one name when they differ only in:
- case inside the word (`WorldCom` / `Worldcom`), accents (`Erdoğan` / `Erdogan`), hyphens
  and spaces (`Kim Jong Un` / `Kim Jong-un`, `Kilroy-Silk` / `Kilroy Silk`);
- doubled letters and a `-y`/`-yy`/`-iy`/`-yi`/`-i` ending after a long stem
  (`Zelensky` / `Zelenskyy` / `Zelenskiy`, a slip such as `Eurrope` beside `Europe`);
- one typing slip inside a long word (`Ukranian` beside `Ukrainian`), when the slip is used
  once or twice and the other spelling three times or more in the same story, or when the
  other spelling is a name every dictionary has (`American`, `Michigan`, `Kentucky`), used
  at least as often in the story, and the slip is no known word or name and stands in a
  line of copy, not alone on a line such as a menu's (`Amrrican` beside one `American`);
- or when a built-in list of variant families from international news says so:
  transliterations (`Kharkiv` / `Kharkov`, `Gaddafi` / `Qaddafi` / `Kadhafi`, `Mao Zedong` /
  `Mao Tse-tung`) and renamed places (`Kyiv` / `Kiev`, `Mumbai` / `Bombay`, `Myanmar` /
  `Burma`). The house style adds families of its own.

The house style's spelling wins when it names one. Otherwise the spelling used most often
across the stories wins; a tie goes to the family's usual spelling, else to the one spelling
of the tie that dictionaries know as a name (`Chinese` over `Chínese`), or else to the
spelling used first (by file name, then position). Only the losing spellings are flagged, and the
message gives the count of each.

## Why
A desk that writes `Zelensky` in one story and `Zelenskyy` in the next looks careless, and a
reader searching the site finds half the coverage.

## Example
```text
Ukrainian President Volodymyr Zelenskyy met allies on Tuesday. ... Zelensky said ...
```
Checked together with two stories that write `Zelensky` throughout, `Zelenskyy` is flagged:
``Zelenskyy` is spelled `Zelensky` in 9 other places (majority: `Zelensky` 9, `Zelenskyy` 1)``,
with the places where `Zelensky` stands attached.

## What it leaves alone
- Words that are not names: frequent English words, titles, months and days, acronyms in
  capitals (`WHO` / `Who`, `NATO` / `Nato`), and a case difference in the first letter of a
  part (`al-Qaeda` / `Al-Qaeda` at the start of a sentence, `Jong-Un` in a title-case
  headline).
- Related words that are not variants: `Russia` / `Russian`, `Israel` / `Israeli`,
  `Kenya` / `Kenyan`, `Iran` / `Iraq`, `Austria` / `Australia`, `Sudan` / `Sedan`.
- Two known names or words that merely look alike: `Phillips` / `Philips`, `Scott` / `Scot`,
  `Fox` / `Foxx`, `Davis` / `Davies`, `Jon` / `John`, `Martin` / `Marvin`.
- First names on their own: two people may spell one first name two ways (`Sergei Lavrov`,
  `Sergey Brin`); first names are compared only within a full name. Look-alike surnames that
  come with different first names are two people (`Carl Bernstein`, `Harold Bornstein`).
- A slip across stories: look-alike names in two stories are more often two people, so the
  typo comparison looks only within one story.
- Single words seen only at the start of sentences, for the looser comparisons (doubled
  letters, endings, slips): a capital there says nothing about being a name. One exception:
  a word no English dictionary knows, in a story that spells it another way inside a
  sentence, is compared on doubled letters and endings (`Zelenskyy said ...` opening a
  paragraph of a story that writes `aides to Zelensky` is flagged; `Sheriff deputies ...`
  beside `Sherif` is not).
- A family spelling followed by another capitalized word, which makes a name of its own
  (`Peking University`, `Kyiv Post`, `Bombay High Court`).
- Words the house style ignores (`[words] ignore`), `@handles` and `#hashtags`, and anything
  that is not prose. In a compound such as `Kyiv-based` only the name is compared.

## House style keys
```toml
[names]
preferred = [\"Zelenskyy\", \"Kyiv\"]          # these spellings always win
families = [[\"Kharkiv\", \"Kharkov\"]]        # one name; the first spelling is the house's
[words]
ignore = [\"Philips\"]                       # never treated as a name
```

## Fix
Replaces the losing spelling with the winning one, keeping a possessive (`Zelensky's` becomes
`Zelenskyy's`), a capital at the start of a sentence, and capitals in an all-capitals
headline. The fix is safe (applied by `copydesk fix`) only when the house style chose the
spelling; a majority decision is offered in editors, for a person to accept.
";

/// The name mentions of one document, for the name index; with its memo, if it has one.
pub(crate) fn mentions(doc: &Document<'_>, style: &HouseStyle, memo: Option<&Memo>) -> Mentions {
    mentions::mentions(doc, style, memo.map(|m| &m.names))
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let lex = &cx.style.names;
    // A caller that forgot to file this document gets it checked on its own.
    if cx.names.mentions(cx.key).is_none() {
        let mut alone = NameIndex::new();
        alone.update(cx.key, cx.doc, cx.style);
        return decide::findings(&alone, cx.key, lex, out);
    }
    decide::findings(cx.names, cx.key, lex, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::Rule;
    use crate::rules::test_support::{carets, findings, findings_with, fixed};

    const R: Rule = Rule::NameConsistency;

    fn messages(text: &str) -> Vec<String> {
        findings(R, text)
            .into_iter()
            .map(|f| f.message.into())
            .collect()
    }

    fn silent(text: &str) {
        assert_eq!(messages(text), Vec::<String>::new(), "{text}");
    }

    fn style(toml: &str) -> HouseStyle {
        HouseStyle::from_toml(toml, None).expect("valid house style")
    }

    /// The findings of each document when all are checked together.
    fn together(docs: &[&str], style: &HouseStyle) -> Vec<Vec<Finding>> {
        let docs: Vec<Document> = docs
            .iter()
            .map(|t| Document::new(t, Format::PlainText))
            .collect();
        let mut index = NameIndex::new();
        for (i, doc) in docs.iter().enumerate() {
            index.update(&format!("story-{i}.txt"), doc, style);
        }
        docs.iter()
            .enumerate()
            .map(|(i, doc)| {
                crate::check_document(doc, style, &index, &format!("story-{i}.txt"))
                    .into_iter()
                    .filter(|f| f.rule == R)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn doubled_letters_and_endings_within_a_story() {
        let text = "Zelensky met envoys. Later, Zelensky spoke. Aides said Zelenskyy would travel.";
        assert_eq!(
            carets(R, text),
            [format!("{text}\n{}^^^^^^^^^", " ".repeat(55))]
        );
        assert_eq!(
            messages(text),
            [
                "`Zelenskyy` is spelled `Zelensky` in 2 other places (majority: `Zelensky` 2, `Zelenskyy` 1)"
            ]
        );
        let f = &findings(R, text)[0];
        assert!(!f.fixes[0].safe, "a majority decision is not a safe fix");
        assert_eq!(f.fixes[0].title, "Replace with `Zelensky`");
        assert_eq!(f.related.len(), 2);
        assert!(f.related.iter().all(|r| r.document.is_none()));
        assert_eq!(
            fixed(
                R,
                "Officials met Zelenskiy. Zelenskyy said no, and Zelenskyy's aide agreed."
            ),
            "Officials met Zelenskyy. Zelenskyy said no, and Zelenskyy's aide agreed."
        );
    }

    /// A tie (one each) must not suggest a spelling that a majority elsewhere in the story
    /// outvotes: the slip is flagged once, where it stands, with the majority's spelling.
    #[test]
    fn a_tie_defers_to_a_majority_on_the_same_words() {
        let text = "The agency said Patrick Níelsen would lead the review.\n\nOfficials said \
                    Patrick Nielsen had agreed. Aides to Nielsen said so, and critics of Nielsen \
                    did not.\n\nThe talks were led by Nielsen on Monday.\n";
        let flagged = |text: &str| -> Vec<String> {
            findings(R, text)
                .iter()
                .map(|f| f.span.slice(text).to_owned())
                .collect()
        };
        assert_eq!(flagged(text), ["Níelsen"]);
        assert_eq!(
            messages(text),
            [
                "`Níelsen` is spelled `Nielsen` in 4 other places (majority: `Nielsen` 4, `Níelsen` 1)"
            ]
        );
        // With nothing firmer to go on (no dictionary knows `Whitlock`), a tie still flags,
        // and the spelling used first wins.
        assert_eq!(
            flagged("Aides to Dana Whítlock spoke. Dana Whitlock did not."),
            ["Whitlock"]
        );
    }

    /// A slip beside a name every dictionary has is flagged even when the story uses the
    /// name too seldom to outvote it, but not when the slip could be a menu's pun, is used
    /// more often, or is a known name itself.
    #[test]
    fn a_slip_of_a_known_name_needs_no_majority() {
        assert_eq!(
            messages("Fans of the American side cheered. Their Amrrican dream ended."),
            [
                "`Amrrican` is spelled `American` in 1 other place (the spelling dictionaries know wins: `American` 1, `Amrrican` 1)"
            ]
        );
        // The slip first: the known spelling still wins. Not a safe fix: no house style
        // named it.
        let text =
            "In Mississippi, Kenrucky and Louisiana, they voted. Voters in Kentucky did too.";
        let f = &findings(R, text)[0];
        assert_eq!(f.span.slice(text), "Kenrucky");
        assert_eq!(f.fixes[0].title, "Replace with `Kentucky`");
        assert!(!f.fixes[0].safe);
        silent("World\nNewsgeek\nSports\n\nThe study was reported by Newsweek on Monday.\n");
        silent("Their Amrrican dream and our Amrrican plan met the American one.");
        silent("Officials in Johnston and Johnson counties met.");
        // A word in the dictionary is no slip of a name (`algesia`, beside `Algeria`).
        silent("Envoys to Algeria met staff of the Algesia clinic.");
    }

    /// A tie between a name dictionaries know and a spelling they do not goes to the known
    /// one, whichever stands first.
    #[test]
    fn a_tie_goes_to_the_known_name() {
        assert_eq!(
            messages("Critics of the Chínese plan spoke. The Chinese side did not."),
            [
                "`Chínese` is spelled `Chinese` in 1 other place (the spelling dictionaries know wins: `Chinese` 1, `Chínese` 1)"
            ]
        );
    }

    #[test]
    fn accents_case_and_hyphens() {
        assert_eq!(
            fixed(
                R,
                "Talks with Erdoğan ended. Erdoğan left, and Erdogan spoke."
            ),
            "Talks with Erdoğan ended. Erdoğan left, and Erdoğan spoke."
        );
        assert_eq!(
            fixed(
                R,
                "Shares of WorldCom fell. WorldCom said the Worldcom deal was off."
            ),
            "Shares of WorldCom fell. WorldCom said the WorldCom deal was off."
        );
        assert_eq!(
            fixed(
                R,
                "Ex-host Robert Kilroy-Silk ran. Voters liked Kilroy-Silk, not Kilroy Silk."
            ),
            "Ex-host Robert Kilroy-Silk ran. Voters liked Kilroy-Silk, not Kilroy-Silk."
        );
        assert_eq!(
            fixed(
                R,
                "Leader Kim Jong Un smiled. Kim Jong Un waved. Kim Jong-un's aide left."
            ),
            "Leader Kim Jong Un smiled. Kim Jong Un waved. Kim Jong Un's aide left."
        );
    }

    #[test]
    fn a_slip_beside_the_usual_spelling() {
        assert_eq!(
            fixed(
                R,
                "In Europe, talks went on. Europe waits; the Eurrope summit and Europe."
            ),
            "In Europe, talks went on. Europe waits; the Europe summit and Europe."
        );
        let text = "The Ukrainian army held. Ukrainian forces and Ukrainian drones hit the Ukranian border.";
        assert_eq!(
            messages(text),
            [
                "`Ukranian` is spelled `Ukrainian` in 3 other places (majority: `Ukrainian` 3, `Ukranian` 1)"
            ]
        );
    }

    #[test]
    fn families_from_the_built_in_list() {
        assert_eq!(
            fixed(R, "Troops left Kyiv. Shelling hit Kyiv and Kiev overnight."),
            "Troops left Kyiv. Shelling hit Kyiv and Kyiv overnight."
        );
        assert_eq!(
            messages("He met Gaddafi, then Qaddafi."),
            [
                "`Qaddafi` is spelled `Gaddafi` in 1 other place (a tie; the usual spelling wins: `Gaddafi` 1, `Qaddafi` 1)"
            ]
        );
        assert_eq!(
            fixed(
                R,
                "Mao Zedong ruled. Mao Zedong died. Under Mao Tse-tung's rule."
            ),
            "Mao Zedong ruled. Mao Zedong died. Under Mao Zedong's rule."
        );
        // A name of its own: the university keeps its name.
        silent("Students at Peking University protested in Beijing, and Beijing police came.");
    }

    #[test]
    fn house_style_decides_and_its_fix_is_safe() {
        let house = style(
            "[names]\npreferred = [\"Zelenskyy\"]\nfamilies = [[\"Kharkov\", \"Kharkiv\"]]\n",
        );
        let text = "Zelensky met aides in Kharkiv. Zelensky said Kharkiv held.";
        let found = findings_with(R, text, &house);
        let msgs: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "`Zelensky` is spelled `Zelenskyy` in the house style (`Zelensky` 2)",
                "`Kharkiv` is spelled `Kharkov` in the house style (`Kharkiv` 2)",
                "`Zelensky` is spelled `Zelenskyy` in the house style (`Zelensky` 2)",
                "`Kharkiv` is spelled `Kharkov` in the house style (`Kharkiv` 2)",
            ]
        );
        assert!(found.iter().all(|f| f.fixes[0].safe));
        assert_eq!(
            crate::fix(text, Format::PlainText, &house),
            "Zelenskyy met aides in Kharkov. Zelenskyy said Kharkov held."
        );
    }

    #[test]
    fn all_caps_follow_the_winner() {
        assert_eq!(
            fixed(
                R,
                "ZELENSKYY VISITS\n\nZelensky arrived. Then Zelensky spoke."
            ),
            "ZELENSKY VISITS\n\nZelensky arrived. Then Zelensky spoke."
        );
    }

    #[test]
    fn false_friends_stay_silent() {
        for text in [
            "Russia said Russian troops left. Russia and Russian aides agreed.",
            "Austria and Australia played. Austria won; Australia lost.",
            "Coach Scott Smith praised Scott. A Scot cheered. The Scot left.",
            "Sean Fox met Jamie Foxx. Fox laughed; Foxx and Fox left.",
            "Mr Davis met Ms Davies. Davis and Davies spoke, Davis said.",
            "Chris Phillips joined Philips. Phillips said Philips and Phillips agreed.",
            "The WHO said Who cares? The WHO report.",
            "Iran and Iraq talked. Iran said Iraq and Iran agreed.",
            "Sudan sent a Sedan. Sudan, Sedan and Sudan.",
            "Jon Smith and John Brown met. Jon and John spoke. John left.",
            "Israel and Israeli leaders met. Israel said Israeli and Israel.",
            "Ukraine and Ukrainian aides met. Kenya and Kenyan runners. Kenya won.",
            "Tonight Later hopes. Officials, Latter said, and Latter hopes.",
            "Allan Border and Alan Jones met. Border and Jones spoke.",
            "Sergei Lavrov met Sergey Brin. Lavrov and Brin talked.",
            "Al-Qaeda claimed it. Officials blamed al-Qaeda, and al-Qaeda denied it.",
            "ISLAMABAD — Islamabad police said. NATO and Nato met.",
        ] {
            silent(text);
        }
    }

    #[test]
    fn common_words_and_headlines_are_not_names() {
        silent("The Minister met the Ministers. Talks Stall As Allies Meet In Geneva.");
        silent("Hoping for peace, the Hopping crowd waited. Hoping is not a plan.");
    }

    #[test]
    fn a_variant_opening_a_sentence_is_flagged_beside_the_name_inside_one() {
        assert_eq!(
            messages(
                "Aides to Zelensky met the envoys, and Zelensky agreed.\n\n\
                 Zelenskyy later said the talks would go on."
            ),
            [
                "`Zelenskyy` is spelled `Zelensky` in 2 other places (majority: `Zelensky` 2, `Zelenskyy` 1)"
            ]
        );
        // A word the dictionary knows says nothing at a sentence start (`Sheriff` beside
        // `Sherif`).
        silent(
            "Officials said Sherif would stay. Aides to Sherif agreed.\n\n\
             Sheriff deputies closed the road.",
        );
        // Nor does a word a story holds only at sentence starts, with no other spelling of it
        // inside a sentence: beside another story's look-alike it may well be someone else.
        let found = together(
            &[
                "Brannigan: what the vote means.",
                "Officials said Branigan agreed, and Branigan left.",
            ],
            &HouseStyle::default(),
        );
        assert_eq!(found, [vec![], vec![]]);
    }

    #[test]
    fn house_style_ignored_words_are_not_names() {
        let house = style("[words]\nignore = [\"Worldcom\"]\n");
        let text = "Shares of WorldCom fell. WorldCom said the Worldcom deal was off.";
        assert!(findings_with(R, text, &house).is_empty());
    }

    #[test]
    fn across_stories_the_majority_wins() {
        let style = HouseStyle::default();
        let found = together(
            &[
                "Zelenskyy met envoys. Aides to Zelenskyy said more.",
                "Zelensky spoke. Envoys met Zelensky.",
                "Officials said Zelensky would travel.",
                "Zelensky and Zelensky's aides left.",
            ],
            &style,
        );
        assert_eq!(found[1..], [vec![], vec![], vec![]]);
        let msgs: Vec<&str> = found[0].iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            msgs,
            ["`Zelenskyy` is spelled `Zelensky` in 5 other places (majority: `Zelensky` 5, `Zelenskyy` 2)";
                2]
        );
        let related = &found[0][0].related;
        assert_eq!(related.len(), 5);
        assert_eq!(related[0].document.as_deref(), Some("story-1.txt"));
        // Each story on its own is consistent.
        for text in [
            "Zelenskyy met envoys. Aides to Zelenskyy said more.",
            "Zelensky spoke.",
        ] {
            silent(text);
        }
    }

    #[test]
    fn a_tie_across_stories_goes_to_the_first_used() {
        let found = together(
            &["Talks with Zelensky.", "Talks with Zelenskyy."],
            &HouseStyle::default(),
        );
        assert!(found[0].is_empty());
        assert_eq!(
            found[1][0].message,
            "`Zelenskyy` is spelled `Zelensky` in 1 other place (a tie; the spelling used first wins: `Zelensky` 1, `Zelenskyy` 1)"
        );
    }

    #[test]
    fn look_alike_surnames_of_two_people_stay_apart() {
        // Different first names: two people, not a slip.
        silent(
            "Carl Bernstein spoke first. Dr Harold Bornstein wrote the letter; Bornstein \
             said so, and Bornstein later denied it. Bornstein was the physician.",
        );
        // Without first names the slip is flagged.
        assert_eq!(
            messages(
                "Bornstein wrote it. Then Bornstein said so, and Bornstein left, as did Bernstein."
            ),
            [
                "`Bernstein` is spelled `Bornstein` in 3 other places (majority: `Bornstein` 3, `Bernstein` 1)"
            ]
        );
    }

    #[test]
    fn handles_compounds_and_wrapped_lines() {
        // A handle is not copy.
        silent("Arvind Kejriwal (@ArvindKejriwal) posted. Arvind Kejriwal said more.");
        // The name inside a compound counts.
        assert_eq!(
            fixed(
                R,
                "The Kyiv-based group met in Kyiv. Kyiv police and Kiev-based aides came."
            ),
            "The Kyiv-based group met in Kyiv. Kyiv police and Kyiv-based aides came."
        );
        // A slip at the start of a wrapped line is still inside its sentence.
        assert_eq!(
            messages(
                "Ministers in Europe met. Europe waits, and Europe\nagreed on an\nEurrope fund."
            ),
            ["`Eurrope` is spelled `Europe` in 3 other places (majority: `Europe` 3, `Eurrope` 1)"]
        );
    }

    #[test]
    fn name_index_updates_drive_the_cross_story_decision() {
        let style = HouseStyle::default();
        let a = Document::new("Talks with Zelenskyy began.", Format::PlainText);
        let b = Document::new("Zelensky left. Envoys met Zelensky.", Format::PlainText);
        let mut index = NameIndex::new();
        index.update("a", &a, &style);
        let alone = crate::check_document(&a, &style, &index, "a");
        assert!(alone.iter().all(|f| f.rule != R));
        index.update("b", &b, &style);
        let together = crate::check_document(&a, &style, &index, "a");
        let f = together
            .iter()
            .find(|f| f.rule == R)
            .expect("flagged among others");
        assert_eq!(f.related[0].document.as_deref(), Some("b"));
        index.remove("b");
        let again = crate::check_document(&a, &style, &index, "a");
        assert!(again.iter().all(|f| f.rule != R));
    }

    #[test]
    fn an_unfiled_document_is_checked_alone() {
        let doc = Document::new("Kyiv and Kyiv, not Kiev.", Format::PlainText);
        let found: Vec<_> =
            crate::check_document(&doc, &HouseStyle::default(), &NameIndex::new(), "x")
                .into_iter()
                .filter(|f| f.rule == R)
                .collect();
        assert_eq!(found.len(), 1);
    }
}
