//! Each example as a crate of its own, the program a reader takes home:
//! its files without the lines marked `// port-only` (the port's extras),
//! a line marked `// copy: CODE` replaced by `CODE`, the asyncio mirrors
//! it includes by `#[path]` copied in beside it, and a `Cargo.toml` that
//! names only published crates.
//!
//! ```text
//! use common::Extras; // port-only                 (dropped)
//! let cli = Cli::parse(); // copy: Cli::parse();  (becomes the comment's code)
//! #[path = "../../../compat/pyrandom.rs"] // port-only
//! mod pyrandom;                          (compat/pyrandom.rs, copied in)
//! ```

use std::path::{Path, PathBuf};

/// What marks a line that only the port has.
pub const PORT_ONLY: &str = "// port-only";
/// What marks a line whose copy is other code.
pub const COPY: &str = "// copy: ";

/// A source file as the standalone copy has it, and the files its
/// `#[path]` modules name (module name, path relative to the file).
pub fn copy_source(text: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut modules = Vec::new();
    let mut path_of_next: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_end();
        let indent = &line[..line.len() - line.trim_start().len()];
        if let Some(code) = trimmed.strip_suffix(PORT_ONLY) {
            let code = code.trim();
            if let Some(rest) = code.strip_prefix("#[path = \"") {
                path_of_next = rest.split('"').next().map(str::to_string);
            }
            continue;
        }
        if let Some(path) = path_of_next.take() {
            let name = trimmed
                .trim_start()
                .trim_start_matches("pub ")
                .strip_prefix("mod ")
                .and_then(|m| m.strip_suffix(';'));
            if let Some(name) = name {
                modules.push((name.to_string(), path));
            }
        }
        match trimmed.find(COPY) {
            Some(at) => {
                out.push_str(indent);
                out.push_str(trimmed[at + COPY.len()..].trim());
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    (tidy(&out), modules)
}

/// `text` without its `// step: NAME` lines, which only cut the program
/// into the page's steps.
pub fn without_step_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !line.trim_start().starts_with("// step:") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A shared module's text without its `#[cfg(test)]` tests, which the
/// project runs and a copied program does not need (they would need
/// tokio's test clock to build).
fn without_tests(text: &str) -> String {
    match text.find("\n#[cfg(test)]") {
        Some(at) => format!("{}\n", text[..at].trim_end()),
        None => text.to_string(),
    }
}

/// Folds what dropping lines leaves behind: a struct whose fields were
/// all the port's becomes `struct Cli {}`, as rustfmt writes it.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.ends_with(" {")
            && lines.get(i + 1).is_some_and(|next| {
                next.trim() == "}"
                    && next.len() - next.trim_start().len()
                        == line.len() - line.trim_start().len()
            })
        {
            out.push_str(line);
            out.push_str("}\n");
            i += 2;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    out
}

/// One standalone crate: its files, paths relative to its folder.
#[derive(Debug, Clone)]
pub struct Crate {
    /// The package name, the example's.
    pub name: String,
    /// `Cargo.toml`, `src/main.rs` and any other sources.
    pub files: Vec<(String, String)>,
    /// The published crates it depends on.
    pub dependencies: Vec<String>,
}

impl Crate {
    /// `src/main.rs` of the copy.
    pub fn main_rs(&self) -> &str {
        self.files
            .iter()
            .find(|(path, _)| path == "src/main.rs")
            .map_or("", |(_, text)| text)
    }

    /// Whether the Rust Playground can run it: one file, and only the
    /// crates the Playground offers, tokio without its test clock.
    pub fn runs_on_playground(&self) -> bool {
        const OFFERED: [&str; 7] = [
            "tokio", "futures", "rand", "clap", "tracing", "chrono", "hex",
        ];
        let sources = self.files.iter().filter(|(p, _)| p.ends_with(".rs"));
        sources.count() == 1
            && self.dependencies.iter().all(|d| OFFERED.contains(&&**d))
            && !uses_the_test_clock(self.main_rs())
    }

    /// The Rust Playground's address with this program in it, if the
    /// Playground can run it.
    pub fn playground_url(&self) -> Option<String> {
        self.runs_on_playground().then(|| {
            format!(
                "https://play.rust-lang.org/?version=stable&mode=debug\
                 &edition=2021&code={}",
                percent_encode(self.main_rs())
            )
        })
    }
}

fn uses_the_test_clock(source: &str) -> bool {
    source.contains("start_paused") || source.contains("time::pause")
}

/// `text` percent-encoded for a URL's query.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The standalone copy of example `name` in the workspace at `root`.
pub fn standalone(root: &Path, name: &str) -> Result<Crate, String> {
    let dir = root.join("examples-crates").join(name);
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut files = Vec::new();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(dir.join("src"))
        .map_err(|e| format!("{name}/src: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    sources.sort();
    let mut all_text = String::new();
    for path in sources {
        let (text, modules) = copy_source(&read(&path)?);
        let text = without_step_markers(&text);
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        all_text.push_str(&text);
        files.push((format!("src/{file}"), text));
        for (module, relative) in modules {
            let from = path.parent().unwrap_or(&dir).join(relative);
            let (text, _) = copy_source(&read(&from)?);
            let text = without_tests(&text);
            all_text.push_str(&text);
            files.push((format!("src/{module}.rs"), text));
        }
    }
    let (manifest, dependencies) = manifest(
        root,
        name,
        &read(&dir.join("Cargo.toml"))?,
        uses_the_test_clock(&all_text),
    )?;
    files.insert(0, ("Cargo.toml".to_string(), manifest));
    Ok(Crate {
        name: name.to_string(),
        files,
        dependencies,
    })
}

/// The copy's `Cargo.toml`: the example's dependencies, each spelled out
/// as the workspace gives it, less the workspace's own crates; tokio's
/// test clock only if the program starts it itself.
fn manifest(
    root: &Path,
    name: &str,
    example: &str,
    test_clock: bool,
) -> Result<(String, Vec<String>), String> {
    let workspace: toml::Table =
        std::fs::read_to_string(root.join("Cargo.toml"))
            .map_err(|e| format!("Cargo.toml: {e}"))?
            .parse()
            .map_err(|e| format!("Cargo.toml: {e}"))?;
    let shared = workspace
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let example: toml::Table = example
        .parse()
        .map_err(|e| format!("{name}/Cargo.toml: {e}"))?;
    let wanted = example
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let mut dependencies = toml::Table::new();
    let mut names = Vec::new();
    for (dep, spec) in wanted {
        let from_workspace = spec.get("workspace").is_some();
        let mut spec = match (from_workspace, shared.get(&dep)) {
            (true, Some(shared)) => shared.clone(),
            (true, None) => {
                return Err(format!("{name}: {dep} is not in the workspace"))
            }
            (false, _) => spec.clone(),
        };
        if spec.get("path").is_some() {
            continue;
        }
        if dep == "tokio" && !test_clock {
            if let Some(features) = spec
                .as_table_mut()
                .and_then(|t| t.get_mut("features"))
                .and_then(toml::Value::as_array_mut)
            {
                features.retain(|f| f.as_str() != Some("test-util"));
            }
        }
        names.push(dep.clone());
        dependencies.insert(dep, spec);
    }
    let mut text = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n\
         edition = \"2021\"\npublish = false\n\n[dependencies]\n"
    );
    for (dep, spec) in &dependencies {
        text.push_str(&format!("{dep} = {}\n", spec_text(spec)));
    }
    Ok((text, names))
}

/// A dependency's spec as a reader writes it: `"0.1"`, or an inline
/// table with its version first (`{ version = "4", features = [..] }`).
fn spec_text(spec: &toml::Value) -> String {
    let toml::Value::Table(table) = spec else {
        return spec.to_string();
    };
    let mut keys: Vec<&String> = table.keys().collect();
    keys.sort_by_key(|k| {
        (k.as_str() != "version", k.as_str() != "default-features")
    });
    let fields: Vec<String> = keys
        .iter()
        .map(|k| format!("{k} = {}", table[k.as_str()]))
        .collect();
    format!("{{ {} }}", fields.join(", "))
}

/// Every example's copy, and the workspace around them that builds them
/// together (`Cargo.toml`, and the project's `Cargo.lock`, so that they
/// build with the versions the examples were tested with). Paths are
/// relative to the `standalone/` folder.
pub fn all(
    root: &Path,
    names: &[String],
) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let mut members = Vec::new();
    for name in names {
        let copy = standalone(root, name)?;
        for (path, text) in copy.files {
            files.push((format!("{name}/{path}"), text));
        }
        members.push(format!("\"{name}\""));
    }
    files.push((
        "Cargo.toml".to_string(),
        format!(
            "# Every example as a crate of its own, built together.\n\
             [workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    ));
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    files.push(("Cargo.lock".to_string(), lock));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_lines_are_dropped_or_replaced() {
        let port = "use common::Extras; // port-only\n\
                    struct Cli {\n    #[command(flatten)] // port-only\n    \
                    extras: Extras, // port-only\n}\n\
                    fn main() {\n    let cli = Cli::parse(); // copy: Cli::parse();\n\
                    \x20   let _x = cli.extras.setup(); // port-only\n}\n";
        let (copy, modules) = copy_source(port);
        assert_eq!(copy, "struct Cli {}\nfn main() {\n    Cli::parse();\n}\n");
        assert!(modules.is_empty());
    }

    #[test]
    fn a_path_module_is_named_for_copying() {
        let port = "#[path = \"../../../compat/pyrandom.rs\"] // port-only\n\
                    mod pyrandom;\n";
        let (copy, modules) = copy_source(port);
        assert_eq!(copy, "mod pyrandom;\n");
        assert_eq!(
            modules,
            [(
                "pyrandom".to_string(),
                "../../../compat/pyrandom.rs".to_string()
            )]
        );
    }

    #[test]
    fn a_spec_reads_version_first() {
        let spec: toml::Table =
            "x = { features = [\"derive\"], version = \"4\" }"
                .parse()
                .unwrap();
        assert_eq!(
            spec_text(&spec["x"]),
            "{ version = \"4\", features = [\"derive\"] }"
        );
        let plain: toml::Table = "x = \"0.1\"".parse().unwrap();
        assert_eq!(spec_text(&plain["x"]), "\"0.1\"");
    }

    #[test]
    fn urls_carry_any_text() {
        assert_eq!(percent_encode("a b&c=\"é\""), "a%20b%26c%3D%22%C3%A9%22");
    }
}
