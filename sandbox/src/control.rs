//! `/_sandbox/...`: reset, faults, stats and the request log, for tests and benchmarks.

use serde_json::json;

use crate::faults::Fault;
use crate::http::{Action, Request};
use crate::state::{lock, Shared};
use crate::util::{empty, json};

/// Handles a control request.
pub fn handle(req: &Request, shared: &Shared) -> Action {
    let mut state = lock(shared);
    let response = match (req.method.as_str(), req.raw_path.as_str()) {
        ("POST", "/_sandbox/reset") => {
            state.reset();
            empty(204)
        }
        ("POST", "/_sandbox/faults") => match serde_json::from_slice::<Fault>(&req.body) {
            Ok(fault) => {
                state.faults.add(fault);
                empty(204)
            }
            Err(e) => json(400, &json!({ "error": e.to_string() })),
        },
        ("GET", "/_sandbox/stats") => json(
            200,
            &json!({ "requests": state.stats, "total": state.total }),
        ),
        ("GET", "/_sandbox/requests") => json(200, &json!(state.log)),
        ("DELETE", "/_sandbox/requests") => {
            state.log.clear();
            empty(204)
        }
        _ => empty(404),
    };
    Action::Respond(response)
}
