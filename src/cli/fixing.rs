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
