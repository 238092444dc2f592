//! The `copydesk` command: check and fix copy from the command line, or serve editors.
//!
//! A thin adapter over the core: it finds files and house styles, feeds every file's names
//! into one [`NameIndex`] so that stories checked together are held to one spelling, and
//! prints what the core found. Exit codes: 0 clean, 1 findings, 2 an error (a bad house
//! style, a missing or unreadable file; other files are still checked unless the house style
//! is bad, in which case nothing is checked).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use copydesk::{Document, NameIndex, Rule, check_document};

mod cli {
    pub mod files;
    pub mod fixing;
    pub mod output;
}

use cli::files::{self, FileError, Source, StyleChoice, Styles};
use cli::output::{self, Palette, Report};

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "A copy desk's first pass on news copy: name variants, capitalization, web boilerplate",
    after_help = "Examples:\n  copydesk check stories/\n  copydesk check --format json story.md\n  copydesk fix --diff story.txt\n  copydesk explain boilerplate"
)]
#[command(arg_required_else_help = true)]
struct Cli {
    /// Serve editors over stdio: the same as `copydesk lsp`
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check files and folders (`*.md`, `*.markdown`, `*.txt`) and report findings
    Check {
        /// Files or folders to check; `-` reads the copy from standard input [default: `.`,
        /// or `-` with `--stdin-filename`]
        paths: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Apply safe fixes in place until nothing changes (copy read from standard input is
    /// printed, fixed, on standard output)
    Fix {
        /// Files or folders to fix; `-` reads the copy from standard input [default: `.`, or
        /// `-` with `--stdin-filename`]
        paths: Vec<PathBuf>,
        /// Print a unified diff of the fixes and write nothing
        #[arg(long)]
        diff: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// List the rules
    Rules,
    /// Print a rule's documentation
    Explain {
        /// A rule id, as `copydesk rules` lists them
        rule: String,
    },
    /// Run the language server over stdin and stdout (logs go to stderr; level from
    /// `COPYDESK_LOG`, e.g. `COPYDESK_LOG=debug`)
    Lsp {
        /// Accepted for clients that always pass it; stdio is the only transport
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

/// Where the copy comes from and which house style it is held to.
#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Use this house style file instead of the nearest `copydesk.toml`
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use only the built-in house style
    #[arg(long)]
    no_config: bool,
    /// The file that the copy on standard input stands for: its name in messages, its
    /// format (by extension) and where its `copydesk.toml` is looked for. A file of that name
    /// among the paths is left out: the copy on standard input takes its place.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
}

impl InputArgs {
    /// The paths to read: those given, else standard input when it was named, else `.`.
    fn paths(&self, given: &[PathBuf]) -> Vec<PathBuf> {
        match (given.is_empty(), &self.stdin_filename) {
            (false, _) => given.to_vec(),
            (true, Some(_)) => vec![PathBuf::from("-")],
            (true, None) => vec![PathBuf::from(".")],
        }
    }

    fn choice(&self) -> StyleChoice {
        match (&self.config, self.no_config) {
            (Some(path), _) => StyleChoice::Explicit(path.clone()),
            (None, true) => StyleChoice::BuiltIn,
            (None, false) => StyleChoice::Discover,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    /// Like a compiler: `path:line:col`, the line, a caret, the fix
    Human,
    /// JSON Lines, one finding per line
    Json,
    /// SARIF 2.1.0, for code-scanning tools
    Sarif,
}

const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    copydesk::memory::keep_freed_memory();
    let cli = Cli::parse();
    // `copydesk --stdio` is how some editors and harnesses start a language server.
    let command = match (cli.command, cli.stdio) {
        (Some(command), _) => command,
        (None, stdio) => Command::Lsp { stdio },
    };
    let result = match command {
        Command::Check {
            paths,
            format,
            input,
        } => check(&input.paths(&paths), format, &input),
        Command::Fix { paths, diff, input } => fix(&input.paths(&paths), diff, &input),
        Command::Rules => rules(),
        Command::Explain { rule } => explain(&rule),
        Command::Lsp { stdio: _ } => copydesk::lsp::run_stdio()
            .map(|()| EXIT_CLEAN)
            .map_err(anyhow::Error::from),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`copydesk check | head`) is not an error worth a message.
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::from(EXIT_CLEAN);
            }
            eprintln!("copydesk: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Files read and checked together, with the errors met on the way.
struct Checked {
    reports: Vec<Report>,
    errors: Vec<FileError>,
}

/// Reads every file, resolves every house style (failing whole on a bad one), then checks
/// the files together so that names are compared across them.
fn check_all(paths: &[PathBuf], input: &InputArgs) -> Result<Checked, Vec<String>> {
    let mut errors = Vec::new();
    let mut found = files::collect(paths, &mut errors);
    let mut styles = Styles::new(input.choice());
    let mut style_errors = Vec::new();
    let mut sources = Vec::new();
    if paths.iter().any(|p| files::is_stdin(p)) {
        let name = input.stdin_filename.as_deref();
        if let Some(name) = name {
            found.retain(|(path, _)| !files::same_file(path, name));
        }
        let stands_for = name.unwrap_or(Path::new(files::STDIN_NAME));
        match styles.for_file(stands_for) {
            Ok(style) => match files::read_stdin(name) {
                Ok(source) => sources.push((source, style)),
                Err(e) => errors.push(e),
            },
            Err(e) => style_errors.push(e.to_string()),
        }
    }
    for (path, format) in found {
        match styles.for_file(&path) {
            Ok(style) => match files::read(&path, format) {
                Ok(source) => sources.push((source, style)),
                Err(e) => errors.push(e),
            },
            Err(e) => {
                let message = e.to_string();
                if !style_errors.contains(&message) {
                    style_errors.push(message);
                }
            }
        }
    }
    if !style_errors.is_empty() {
        return Err(style_errors);
    }
    // Files are read and checked on every core; names are filed in one index between.
    let docs = parallel_map(&sources, |(source, style)| {
        let doc = Document::new(&source.text, source.format);
        let mentions = NameIndex::read(&doc, style);
        (doc, mentions)
    });
    let mut names = NameIndex::new();
    let docs: Vec<Document<'_>> = sources
        .iter()
        .zip(docs)
        .map(|((source, _), (doc, mentions))| {
            names.insert(&source.display, mentions);
            doc
        })
        .collect();
    let pairs: Vec<_> = sources.iter().zip(&docs).collect();
    let findings = parallel_map(&pairs, |((source, style), doc)| {
        check_document(doc, style, &names, &source.display)
    });
    drop(pairs);
    drop(docs);
    let reports = sources
        .into_iter()
        .zip(findings)
        .map(|((source, _), findings)| Report::new(source, findings))
        .collect();
    Ok(Checked { reports, errors })
}

/// `f` over `items` on as many threads as the machine has cores (one, for a single item),
/// results in the order of the items.
fn parallel_map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Refuses a standard input read twice, or named but not read.
fn check_stdin_use(paths: &[PathBuf], input: &InputArgs) -> anyhow::Result<()> {
    match paths.iter().filter(|p| files::is_stdin(p)).count() {
        0 if input.stdin_filename.is_some() => anyhow::bail!(
            "error: --stdin-filename names the copy on standard input, but `-` is not among the paths"
        ),
        0 | 1 => Ok(()),
        _ => anyhow::bail!("error: `-` (standard input) is given more than once"),
    }
}

fn report_style_errors(errors: &[String]) -> u8 {
    for e in errors {
        eprintln!("copydesk: error: {e}");
    }
    eprintln!("copydesk: nothing was checked: fix the house style first");
    EXIT_ERROR
}

fn check(paths: &[PathBuf], format: OutputFormat, input: &InputArgs) -> anyhow::Result<u8> {
    check_stdin_use(paths, input)?;
    let checked = match check_all(paths, input) {
        Ok(checked) => checked,
        Err(errors) => return Ok(report_style_errors(&errors)),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        OutputFormat::Human => {
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            output::human(&mut out, &checked.reports, Palette::new(color))?;
            writeln!(out, "{}", output::summary(&checked.reports))?;
        }
        OutputFormat::Json => output::json_lines(&mut out, &checked.reports)?,
        OutputFormat::Sarif => output::sarif(&mut out, &checked.reports)?,
    }
    out.flush()?;
    for e in &checked.errors {
        eprintln!("copydesk: error: {e}");
    }
    let any_findings = checked.reports.iter().any(|r| !r.findings.is_empty());
    Ok(if !checked.errors.is_empty() {
        EXIT_ERROR
    } else if any_findings {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn fix(paths: &[PathBuf], diff: bool, input: &InputArgs) -> anyhow::Result<u8> {
    check_stdin_use(paths, input)?;
    let checked = match check_all(paths, input) {
        Ok(checked) => checked,
        Err(errors) => return Ok(report_style_errors(&errors)),
    };
    let mut errors: Vec<String> = checked.errors.iter().map(ToString::to_string).collect();
    let mut styles = Styles::new(input.choice());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut changed, mut remaining) = (0, 0);
    for report in &checked.reports {
        let source: &Source = &report.source;
        let style = styles
            .for_file(&source.path)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let fixed = copydesk::fix(&source.text, source.format, &style);
        remaining += copydesk::check(&fixed, source.format, &style).len();
        if source.from_stdin && !diff {
            // Whether or not anything changed: the caller takes this output as the copy.
            out.write_all(&cli::fixing::fixed_bytes(source, &fixed))?;
        }
        if fixed == source.text {
            continue;
        }
        changed += 1;
        if diff {
            write!(out, "{}", cli::fixing::unified_diff(source, &fixed))?;
        } else if !source.from_stdin
            && let Err(e) =
                cli::fixing::write_atomically(source, &cli::fixing::fixed_bytes(source, &fixed))
        {
            errors.push(format!("{e:#}"));
            changed -= 1;
        }
    }
    out.flush()?;
    for e in &errors {
        eprintln!("copydesk: error: {e}");
    }
    let verb = if diff { "would fix" } else { "fixed" };
    eprintln!(
        "copydesk: {verb} {changed} of {} files; {remaining} findings need a person (`copydesk check`)",
        checked.reports.len()
    );
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if (diff && changed > 0) || remaining > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn rules() -> anyhow::Result<u8> {
    let mut out = io::stdout().lock();
    let width = Rule::ALL.iter().map(|r| r.id().len()).max().unwrap_or(0);
    for rule in Rule::ALL {
        writeln!(
            out,
            "{:width$}  {:7}  {}",
            rule.id(),
            rule.default_severity().as_str(),
            rule.summary()
        )?;
    }
    Ok(EXIT_CLEAN)
}

fn explain(id: &str) -> anyhow::Result<u8> {
    let Some(rule) = Rule::from_id(id) else {
        let known: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        eprintln!(
            "copydesk: error: no rule `{id}`; the rules are: {}",
            known.join(", ")
        );
        return Ok(EXIT_ERROR);
    };
    print!("{}", rule.docs());
    Ok(EXIT_CLEAN)
}
