//! Writing fixed copy back: atomically, with the file's permissions, line endings and BOM,
//! and never over a file that changed after it was read.

use std::io::Write;

use anyhow::{Context as _, bail};
use similar::TextDiff;

use super::files::{BOM, Source};

/// The fixed file's bytes: the BOM (if the file had one) and the fixed text.
pub fn fixed_bytes(source: &Source, fixed: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(source.bom + fixed.len());
    if source.bom > 0 {
        bytes.extend_from_slice(BOM.as_bytes());
    }
    bytes.extend_from_slice(fixed.as_bytes());
    bytes
}

/// A unified diff from the file as read to the fixed text, with `a/` and `b/` paths.
pub fn unified_diff(source: &Source, fixed: &str) -> String {
    TextDiff::from_lines(source.text.as_str(), fixed)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("a/{}", source.display),
            &format!("b/{}", source.display),
        )
        .to_string()
}

/// Replaces the file with `bytes`: writes a temporary file in the same folder, gives it the
/// original's permissions, checks that the original still holds what was read, then renames.
/// A failure at any step leaves the original untouched.
pub fn write_atomically(source: &Source, bytes: &[u8]) -> anyhow::Result<()> {
    let path = &source.path;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let permissions = std::fs::metadata(path)
        .with_context(|| format!("{}: cannot read its metadata", source.display))?
        .permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".copydesk-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "{}: cannot create a temporary file beside it",
                source.display
            )
        })?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write the fixed copy", source.display))?;
    std::fs::set_permissions(temp.path(), permissions)
        .with_context(|| format!("{}: cannot copy its permissions", source.display))?;
    let now = std::fs::read(path)
        .with_context(|| format!("{}: cannot read it again before writing", source.display))?;
    if now != source.original {
        bail!(
            "{}: changed since copydesk read it; not written (run `copydesk fix` again)",
            source.display
        );
    }
    temp.persist(path)
        .with_context(|| format!("{}: cannot replace it", source.display))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::Format;

    fn source(path: &std::path::Path, original: &[u8]) -> Source {
        Source {
            path: path.to_path_buf(),
            display: "story.txt".into(),
            original: original.to_vec(),
            text: String::from_utf8(original.to_vec()).expect("UTF-8"),
            bom: 0,
            format: Format::PlainText,
            from_stdin: false,
        }
    }

    #[test]
    fn refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "edited by someone else\n").expect("write");
        let err = write_atomically(&source(&path, b"as read\n"), b"fixed\n")
            .expect_err("a changed file is not overwritten");
        assert!(err.to_string().contains("changed since copydesk read it"));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "edited by someone else\n"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("ls").count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn diff_has_a_and_b_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        let s = source(&dir.path().join("story.txt"), b"one .\n");
        assert_eq!(
            unified_diff(&s, "one.\n"),
            "--- a/story.txt\n+++ b/story.txt\n@@ -1 +1 @@\n-one .\n+one.\n"
        );
    }
}
