//! The emulator's settings ([`Options`], the same in every shell) and the std server's
//! ([`Config`]: its command line).

use std::path::PathBuf;

/// The longest Knetik access token lifetime, seconds (a year).
pub const MAX_KNETIK_TOKEN_TTL: u64 = 366 * 24 * 3600;
/// The most extra tokens per provider (`seed`).
pub const MAX_SEED: u64 = 100_000;

/// What a fresh emulated world holds; sessions and resets start from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Extra tokens per provider, for paging and benchmarks (at most [`MAX_SEED`]; a world is
    /// made with the most when given more).
    pub seed: usize,
    /// Lifetime of Knetik access tokens, in seconds (1 to [`MAX_KNETIK_TOKEN_TTL`]; a world is
    /// made with the nearest bound when given a value beyond them).
    pub knetik_token_ttl: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 0,
            knetik_token_ttl: 3600,
        }
    }
}

impl Options {
    /// These options within their bounds (what a world is made with, whatever a library caller
    /// set).
    pub fn bounded(&self) -> Options {
        Options {
            seed: self.seed.min(MAX_SEED as usize),
            knetik_token_ttl: self.knetik_token_ttl.clamp(1, MAX_KNETIK_TOKEN_TTL),
        }
    }

    /// Options from their wire form (`{"seed": N, "knetikTokenTtl": S}`, both optional), for
    /// `POST /_sandbox/sessions` (where `max_seed` is lower) and the JS shells; an error text
    /// naming the field.
    pub fn parse(body: &[u8], defaults: &Options, max_seed: u64) -> Result<Options, String> {
        #[derive(serde::Deserialize)]
        #[serde(
            rename_all = "camelCase",
            deny_unknown_fields,
            expecting = "an object such as {\"seed\": 100, \"knetikTokenTtl\": 3600}"
        )]
        struct Wire {
            seed: Option<u64>,
            knetik_token_ttl: Option<u64>,
        }
        let wire: Wire = if body.iter().all(u8::is_ascii_whitespace) {
            Wire {
                seed: None,
                knetik_token_ttl: None,
            }
        } else {
            crate::util::read_json(body)?
        };
        let seed = wire.seed.map_or(Ok(defaults.seed), |s| {
            if s > max_seed {
                Err(format!("seed: must be at most {max_seed}"))
            } else {
                Ok(s as usize)
            }
        })?;
        let knetik_token_ttl =
            wire.knetik_token_ttl
                .map_or(Ok(defaults.knetik_token_ttl), |t| {
                    if t == 0 || t > MAX_KNETIK_TOKEN_TTL {
                        Err(format!(
                            "knetikTokenTtl: must be between 1 and {MAX_KNETIK_TOKEN_TTL} seconds"
                        ))
                    } else {
                        Ok(t)
                    }
                })?;
        Ok(Options {
            seed,
            knetik_token_ttl,
        })
    }
}

/// The std server's command-line settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Interface to bind.
    pub host: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Extra tokens per provider, for paging and benchmarks (at most [`MAX_SEED`]).
    pub seed: usize,
    /// Folder served at `/`.
    pub www: PathBuf,
    /// Folder served at `/pkg/`.
    pub pkg: PathBuf,
    /// Lifetime of Knetik access tokens, in seconds (1 to [`MAX_KNETIK_TOKEN_TTL`]).
    pub knetik_token_ttl: u64,
}

impl Default for Config {
    fn default() -> Self {
        let options = Options::default();
        Config {
            host: "127.0.0.1".into(),
            port: 8787,
            seed: options.seed,
            www: PathBuf::from("www"),
            pkg: PathBuf::from("pkg"),
            knetik_token_ttl: options.knetik_token_ttl,
        }
    }
}

impl Config {
    /// The emulator's part of the settings.
    pub fn options(&self) -> Options {
        Options {
            seed: self.seed,
            knetik_token_ttl: self.knetik_token_ttl,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_world_is_made_within_the_bounds() {
        let wild = Options {
            seed: usize::MAX,
            knetik_token_ttl: u64::MAX,
        };
        assert_eq!(
            wild.bounded(),
            Options {
                seed: MAX_SEED as usize,
                knetik_token_ttl: MAX_KNETIK_TOKEN_TTL
            }
        );
        let zero = Options {
            seed: 0,
            knetik_token_ttl: 0,
        };
        assert_eq!(zero.bounded().knetik_token_ttl, 1);
        let state = crate::state::State::new(
            &Options {
                seed: 0,
                knetik_token_ttl: u64::MAX,
            },
            0,
            fastrand::Rng::with_seed(1),
        );
        assert_eq!(state.options.knetik_token_ttl, MAX_KNETIK_TOKEN_TTL);
    }

    #[test]
    fn options_from_the_wire() {
        let d = Options::default();
        assert_eq!(Options::parse(b"", &d, MAX_SEED).unwrap(), d);
        assert_eq!(Options::parse(b"{}", &d, MAX_SEED).unwrap(), d);
        let o = Options::parse(br#"{"seed":5,"knetikTokenTtl":60}"#, &d, MAX_SEED).unwrap();
        assert_eq!((o.seed, o.knetik_token_ttl), (5, 60));
        let err = |body: &str| Options::parse(body.as_bytes(), &d, MAX_SEED).unwrap_err();
        assert!(
            err(r#"{"seed":-1}"#).starts_with("seed: "),
            "{}",
            err(r#"{"seed":-1}"#)
        );
        assert!(err(r#"{"seed":1000000}"#).starts_with("seed: must be at most"));
        assert!(err(r#"{"knetikTokenTtl":0}"#).starts_with("knetikTokenTtl: "));
        assert!(err(r#"{"bogus":1}"#).contains("bogus"));
        assert!(err("[1]").contains("expected"));
    }
}
