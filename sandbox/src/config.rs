//! The sandbox's settings (its command line).

use std::path::PathBuf;

/// Command-line settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Interface to bind.
    pub host: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Extra tokens per provider, for paging and benchmarks.
    pub seed: usize,
    /// Folder served at `/`.
    pub www: PathBuf,
    /// Folder served at `/pkg/`.
    pub pkg: PathBuf,
    /// Lifetime of Knetik access tokens, in seconds.
    pub knetik_token_ttl: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8787,
            seed: 0,
            www: PathBuf::from("www"),
            pkg: PathBuf::from("pkg"),
            knetik_token_ttl: 3600,
        }
    }
}
