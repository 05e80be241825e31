//! The `fetch` option of every client: a function of the caller's that every request of that
//! client goes through instead of the global `fetch` (tests hand in the in-process emulator's
//! `fetch` or an MSW handler; Node scripts a proxy or a custom agent). The request is built as
//! for the global `fetch`; only the sending function changes.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A `fetch` function: called with one `Request`, it resolves to a `Response` (the `fetch`
/// option of every client config; dry runs never call it).
///
/// ```no_run
/// # fn demo(my_fetch: js_sys::Function) -> Result<(), tokenops::ApiError> {
/// // `my_fetch`: an in-process emulator's fetch, an MSW handler, a proxying wrapper.
/// use tokenops::hopr::{HoprClient, HoprConfig};
/// use tokenops::Fetch;
///
/// let hopr = HoprClient::new(HoprConfig {
///     base_url: "https://node.example".into(),
///     api_token: "hopr-admin-token".into(),
///     fetch: Some(Fetch::new(my_fetch)),
///     ..Default::default()
/// })?;
/// # let _ = hopr;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Fetch(Function);

impl Fetch {
    /// Wraps a JS function with `fetch`'s contract (example: [`Fetch`]).
    pub fn new(function: Function) -> Fetch {
        Fetch(function)
    }

    /// The function.
    pub fn function(&self) -> &Function {
        &self.0
    }

    /// Sends `request` through the function; a rejection, a throw or an answer that is not a
    /// `Response` is the engine's error text (the network failure the caller sees).
    pub async fn send(&self, request: &web_sys::Request) -> Result<web_sys::Response, String> {
        let returned = self
            .0
            .call1(&JsValue::UNDEFINED, request)
            .map_err(|e| describe(&e))?;
        let settled = JsFuture::from(Promise::resolve(&returned))
            .await
            .map_err(|e| describe(&e))?;
        settled.dyn_into::<web_sys::Response>().map_err(|_| {
            "the fetch option's function resolved to something that is not a Response".to_string()
        })
    }
}

/// A thrown value's message (an `Error`'s `name: message`), never the value itself.
pub(super) fn describe(thrown: &JsValue) -> String {
    match thrown.dyn_ref::<js_sys::Error>() {
        Some(e) => [String::from(e.name()), String::from(e.message())].join(": "),
        None => "the fetch option's function failed".to_string(),
    }
}

/// Reads `fetch` from JS options: `undefined`/`null`, or a function (anything else is refused
/// without showing it).
pub fn deserialize_fetch<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Fetch>, D::Error> {
    use serde::de::{Error, Unexpected};
    let value: JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .dyn_into::<Function>()
        .map(|f| Some(Fetch(f)))
        .map_err(|_| D::Error::invalid_type(Unexpected::Other("another value"), &"a function"))
}
