//! What each reading page shows as the two programs' output: the files
//! `output.python.txt` and `output.rust.txt` beside each example, for the
//! run its page names (its header's first run, without the port's flags).
//! Both come from the virtual clock (in real time where the Rust has
//! none), and each must be what its program prints now, times of day and
//! random bytes masked. `UPDATE_TRANSCRIPTS=1` rewrites them.

use pages::{output_file, page_args, Lang, NETWORK};
use tests::twin::twin;
use tests::{header_transcripts, normalize, root, run, same_but_for_jitter};

/// Whether `kept` still says what `printed` says.
fn same(kept: &str, printed: &str) -> bool {
    let (k, p) = (normalize(kept), normalize(printed));
    k == p || same_but_for_jitter(&p, &k)
}

#[test]
fn each_page_shows_what_both_programs_print() {
    let update =
        std::env::var_os("UPDATE_TRANSCRIPTS").is_some_and(|v| v == "1");
    let names: Vec<String> = pages::example_crates(&root())
        .into_iter()
        .filter(|n| !NETWORK.contains(&n.as_str()) && n != "rules")
        .collect();
    let runs: Vec<_> = names
        .into_iter()
        .map(|name| {
            std::thread::spawn(move || {
                let args = page_args(&header_transcripts(&name));
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let help = run(&name, &["--help"]).success().stdout;
                let mut rust_args = args.clone();
                if help.contains("--virtual-time") {
                    rust_args.push("--virtual-time");
                }
                let rust = run(&name, &rust_args).success().stdout;
                let python = twin(&name, &args);
                assert_eq!(python.code, Some(0), "{name}: {}", python.stderr);
                (name, rust, python.stdout)
            })
        })
        .collect();
    let mut stale = Vec::new();
    for handle in runs {
        let (name, rust, python) = handle.join().expect("a run");
        for (lang, printed) in [(Lang::Rust, rust), (Lang::Python, python)] {
            let path = output_file(&root(), &name, lang);
            let kept = std::fs::read_to_string(&path).unwrap_or_default();
            if same(&kept, &printed) {
                continue;
            }
            if update {
                std::fs::write(&path, &printed).expect("output written");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "not what the program prints (UPDATE_TRANSCRIPTS=1 rewrites):\n{}",
        stale.join("\n")
    );
}
