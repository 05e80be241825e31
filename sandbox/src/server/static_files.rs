//! Serves the admin console (`www/` at `/`) and the built package (`pkg/` at `/pkg/`).

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::message::{percent_decode, Request, Response};
use crate::util::{empty, method_not_allowed};

/// The content type of a file name.
pub fn content_type(path: &Path) -> &'static str {
    let name = path.to_string_lossy();
    if name.ends_with(".d.ts") || name.ends_with(".ts") {
        return "text/plain; charset=utf-8";
    }
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" | "cjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `www` or `pkg`; `None` for anything that escapes them.
pub fn resolve(raw_path: &str, config: &Config) -> Option<PathBuf> {
    let decoded = percent_decode(raw_path, false)?;
    let (root, rest) = match decoded.strip_prefix("/pkg/") {
        Some(rest) => (&config.pkg, rest.to_string()),
        None => (&config.www, decoded.trim_start_matches('/').to_string()),
    };
    let rest = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest
    };
    let mut path = root.clone();
    for part in rest.split('/') {
        if part.is_empty()
            || part == "."
            || part == ".."
            || part.contains('\\')
            || part.contains('\0')
        {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

/// Answers GET/HEAD for a static file.
pub fn handle(req: &Request, config: &Config) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return method_not_allowed("GET, HEAD");
    }
    let Some(path) = resolve(&req.raw_path, config) else {
        return empty(404);
    };
    match std::fs::read(&path) {
        Ok(body) => {
            Response::new(200, content_type(&path), body).with_header("cache-control", "no-cache")
        }
        Err(_) => empty(404),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let c = Config::default();
        assert_eq!(resolve("/", &c), Some(PathBuf::from("www/index.html")));
        assert_eq!(
            resolve("/pkg/web/index.js", &c),
            Some(PathBuf::from("pkg/web/index.js"))
        );
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/pkg/../src/lib.rs",
            "/a//b",
            "/x%00",
        ] {
            assert_eq!(resolve(bad, &c), None, "{bad}");
        }
    }

    #[test]
    fn wasm_has_its_type() {
        assert_eq!(
            content_type(Path::new("a/tokenops_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(
            content_type(Path::new("index.d.ts")),
            "text/plain; charset=utf-8"
        );
    }
}
