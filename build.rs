//! Compiles the capitalization rule's word lists into hash tables (see
//! `src/rules/capitalization/word_table.rs`), so that no process spends time loading them.

use std::path::Path;

#[path = "src/rules/capitalization/word_table.rs"]
#[allow(dead_code)]
mod word_table;

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=src/rules/capitalization/word_table.rs");
    for name in ["words", "proper"] {
        let list = format!("src/rules/capitalization/{name}.txt");
        println!("cargo::rerun-if-changed={list}");
        let text = std::fs::read_to_string(&list).expect("the word list is readable");
        std::fs::write(Path::new(&out).join(format!("{name}.table")), table(&text))
            .expect("OUT_DIR is writable");
    }
}

/// The slots of the table for `list`, as little-endian bytes; at most half of them full.
fn table(list: &str) -> Vec<u8> {
    let entries: Vec<(usize, &str)> = word_table::entries(list).collect();
    let size = (entries.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![[0u64; 2]; size];
    for (at, entry) in entries {
        let mut i = word_table::hash(entry.as_bytes()) as usize & (size - 1);
        while slots[i] != [0, 0] {
            i = (i + 1) & (size - 1);
        }
        slots[i] = word_table::slot(entry.as_bytes(), at);
    }
    slots
        .iter()
        .flat_map(|[a, b]| [a.to_le_bytes(), b.to_le_bytes()])
        .flatten()
        .collect()
}
