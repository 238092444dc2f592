//! Finding the files to check, reading them, and finding each one's house style.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::{Format, HouseStyle, StyleError};

/// The byte order mark some editors put at the top of UTF-8 files.
pub const BOM: &str = "\u{feff}";

/// Folders never searched for copy.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

/// A file read and ready to check.
#[derive(Debug)]
pub struct Source {
    /// As the user gave it (or as found under a folder they gave): used in every message.
    pub path: PathBuf,
    pub display: String,
    /// The bytes as read, for the "changed since read" check and for writing back.
    pub original: Vec<u8>,
    /// The text without a leading BOM.
    pub text: String,
    /// 3 when the file starts with a BOM, else 0: added to byte offsets in output.
    pub bom: usize,
    pub format: Format,
    /// Read from standard input (`-`): `path` is the name `--stdin-filename` gave it, or
    /// [`STDIN_NAME`], and the fixed text goes to standard output, never to a file.
    pub from_stdin: bool,
}

/// How copy read from standard input is named when `--stdin-filename` does not name it.
pub const STDIN_NAME: &str = "<stdin>";

/// The path that stands for standard input among the paths to check.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A file that could not be found or read. Reported on stderr; the others are still checked.
#[derive(Debug)]
pub struct FileError {
    pub display: String,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.display, self.message)
    }
}

pub fn display(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Expands folders into their `*.md`, `*.markdown` and `*.txt` files (skipping hidden folders,
/// `target` and `node_modules`), in a stable order. A file named directly is checked whatever
/// its extension: as Markdown or plain text by its extension, plain text otherwise.
pub fn collect(paths: &[PathBuf], errors: &mut Vec<FileError>) -> Vec<(PathBuf, Format)> {
    let mut out = Vec::new();
    for path in paths.iter().filter(|p| !is_stdin(p)) {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut out, errors),
            Ok(_) => out.push((
                path.clone(),
                Format::from_path(path).unwrap_or(Format::PlainText),
            )),
            Err(e) => errors.push(FileError {
                display: display(path),
                message: io_message(&e),
            }),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Format)>, errors: &mut Vec<FileError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(FileError {
                display: display(dir),
                message: io_message(&e),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name) {
                walk(&path, out, errors);
            }
        } else if let Some(format) = Format::from_path(&path) {
            out.push((path, format));
        }
    }
}

/// Reads a file as UTF-8, remembering a BOM.
pub fn read(path: &Path, format: Format) -> Result<Source, FileError> {
    let shown = display(path);
    let original = std::fs::read(path).map_err(|e| FileError {
        display: shown.clone(),
        message: io_message(&e),
    })?;
    decode(path, shown, original, format, false)
}

/// Reads standard input to its end as UTF-8, remembering a BOM. `name` (from
/// `--stdin-filename`) is the file the copy stands for: it names the copy in messages and
/// gives its format (plain text without it, or without a known extension).
pub fn read_stdin(name: Option<&Path>) -> Result<Source, FileError> {
    use std::io::Read as _;
    let path = name.map_or_else(|| PathBuf::from(STDIN_NAME), Path::to_path_buf);
    let shown = display(&path);
    let mut original = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut original)
        .map_err(|e| FileError {
            display: shown.clone(),
            message: format!("cannot read standard input: {}", io_message(&e)),
        })?;
    let format = Format::from_path(&path).unwrap_or(Format::PlainText);
    decode(&path, shown, original, format, true)
}

/// The text of `original`, the bytes read from `path`.
fn decode(
    path: &Path,
    shown: String,
    original: Vec<u8>,
    format: Format,
    from_stdin: bool,
) -> Result<Source, FileError> {
    let text = match std::str::from_utf8(&original) {
        Ok(text) => text,
        Err(e) => {
            return Err(FileError {
                display: shown,
                message: format!(
                    "not valid UTF-8 (first bad byte at offset {}); convert it to UTF-8 to check it",
                    e.valid_up_to()
                ),
            });
        }
    };
    let (bom, text) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest.to_string()),
        None => (0, text.to_string()),
    };
    Ok(Source {
        path: path.to_path_buf(),
        display: shown,
        original,
        text,
        bom,
        format,
        from_stdin,
    })
}

/// Whether `a` and `b` name the same file: the same canonical path when both exist, else
/// the same absolute path.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => absolute(a) == absolute(b),
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Where each file's house style comes from.
#[derive(Debug)]
pub enum StyleChoice {
    /// `--no-config`: the built-in style for every file.
    BuiltIn,
    /// `--config PATH`: one file for every file.
    Explicit(PathBuf),
    /// The nearest `copydesk.toml` from each file's folder upward.
    Discover,
}

/// Loads house styles, each file at most once.
#[derive(Debug)]
pub struct Styles {
    choice: StyleChoice,
    built_in: Arc<HouseStyle>,
    loaded: HashMap<PathBuf, Arc<HouseStyle>>,
    /// Folder -> the config found for it (`None`: none up to the root).
    discovered: HashMap<PathBuf, Option<PathBuf>>,
}

impl Styles {
    pub fn new(choice: StyleChoice) -> Self {
        Styles {
            choice,
            built_in: Arc::new(HouseStyle::default()),
            loaded: HashMap::new(),
            discovered: HashMap::new(),
        }
    }

    /// The house style for a file.
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<HouseStyle>, StyleError> {
        let config = match &self.choice {
            StyleChoice::BuiltIn => None,
            StyleChoice::Explicit(path) => Some(path.clone()),
            StyleChoice::Discover => {
                let dir = absolute(file)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                self.discovered
                    .entry(dir.clone())
                    .or_insert_with(|| HouseStyle::discover(&dir))
                    .clone()
            }
        };
        let Some(config) = config else {
            return Ok(self.built_in.clone());
        };
        if let Some(style) = self.loaded.get(&config) {
            return Ok(style.clone());
        }
        let style = Arc::new(HouseStyle::load(&config)?);
        self.loaded.insert(config, style.clone());
        Ok(style)
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
