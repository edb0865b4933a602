//! `stackviz completions SHELL` and `stackviz man [COMMAND]`: generated from
//! the one command-line definition (clap_complete, clap_mangen), in the
//! reader's language, so they can never disagree with `--help`.

use std::io::Write;

use clap::ValueEnum;

use stackviz::cli::ManPage;
use stackviz::error::Error;
use stackviz::i18n;

/// A completion script for `shell` on `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) {
    let mut command = i18n::help::command();
    clap_complete::generate(shell, &mut command, "stackviz", out);
}

/// The manual page of stackviz, or of one of its commands, as roff.
pub fn man(page: Option<ManPage>, out: &mut impl Write) -> Result<(), Error> {
    let command = i18n::help::command();
    let man = match page {
        None => clap_mangen::Man::new(command),
        Some(page) => {
            let name = page
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default();
            match command.find_subcommand(&name) {
                // A command's page is named as man(1) expects: stackviz-send.
                Some(sub) => clap_mangen::Man::new(sub.clone()).title(format!("stackviz-{name}")),
                None => clap_mangen::Man::new(command),
            }
        }
    };
    man.render(out).map_err(Error::Output)
}
