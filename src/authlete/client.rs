//! `AuthleteTokens`, the JS class for Authlete token operations (v2 and v3), and
//! `AuthleteTokenIterator`, the lazy async iterator of `listAll`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::config::{ApiVersion, AuthleteConfig, CONSTRUCTOR};
use super::requests::{self, read_content_type, ContentType, ListQuery};
use super::shapes;
use crate::core::error::{ApiError, Provider};
use crate::core::fields::Reader;
use crate::core::request::RequestSpec;
use crate::core::shape::{Report, Shape};
use crate::js_call::{object_arg, promise, rejected, string_arg, CallOptions};
use crate::js_caller::{array_field, Caller};
use crate::js_error::{to_js, to_js_value};
use crate::js_fields::{body_to_json, classify};

#[wasm_bindgen(typescript_custom_section)]
const AUTHLETE_TYPES: &str = include_str!("types.d.ts");

/// Upper bound on revoke calls one `revokeAll` makes.
const MAX_REVOKE_CALLS: u32 = 100_000;

struct Inner {
    config: AuthleteConfig,
    caller: Caller,
    prefix: String,
}

impl Inner {
    fn secrets(&self) -> Vec<&str> {
        self.config.credential.secrets()
    }

    /// Sends a create/update/revoke, checks the answer against `shape` and applies the non-OK
    /// action rule ([`requests::check_action`]).
    async fn send_checked(
        &self,
        spec: &RequestSpec,
        options: &CallOptions,
        shape: &'static Shape,
    ) -> Result<(Report, JsValue), ApiError> {
        let answer = self
            .caller
            .send_answer(spec, &self.config.credential, options, &[])
            .await?;
        let secrets = self.secrets();
        let (report, value) = self
            .caller
            .shaped(spec.operation, &answer, &secrets, shape)?;
        if !matches!(report.str("action"), None | Some("OK")) {
            // The rare error path reads the whole body (for `ApiError.body`).
            let body = serde_json::from_str(&answer.raw.body).unwrap_or_default();
            requests::check_action(spec.operation, answer.raw.status, &body, &secrets)?;
        }
        Ok((report, value))
    }

    async fn list(
        &self,
        query: &ListQuery,
        options: &CallOptions,
    ) -> Result<(Report, JsValue), ApiError> {
        let spec = requests::list(&self.prefix, query);
        self.caller
            .send_shaped(&spec, &self.config.credential, options, &shapes::LIST)
            .await
    }
}

/// Reads the call options of a body-carrying call (`contentType` allowed).
fn body_call_options(
    options: Option<JsValue>,
    op: &str,
) -> Result<(CallOptions, ContentType), ApiError> {
    let call = CallOptions::read_with(options.as_ref(), Provider::Authlete, op, &["contentType"])?;
    let content_type = match options.as_ref() {
        Some(v) if v.is_object() => {
            read_content_type(&Reader::new(v, Provider::Authlete, op, "options."))?
        }
        _ => ContentType::Json,
    };
    Ok((call, content_type))
}

/// Reads the call options and the body of a create/update/revoke call and builds its request.
fn prepare_body(
    request: &JsValue,
    options: Option<JsValue>,
    op: &str,
    build: impl FnOnce(&str, ContentType) -> Result<RequestSpec, ApiError>,
) -> Result<(RequestSpec, CallOptions), ApiError> {
    let (call, content_type) = body_call_options(options, op)?;
    let spec = build(&request_json(request, op)?, content_type)?;
    Ok((spec, call))
}

/// A caller body as JSON text.
fn request_json(request: &JsValue, op: &str) -> Result<String, ApiError> {
    object_arg(request, Provider::Authlete, op, "request")?;
    body_to_json(request)
        .map_err(|why| ApiError::invalid_argument(Provider::Authlete, op, "request", &why))
}

/// Client for the token operations of one Authlete service (API v2 or v3).
///
/// int64 values (`clientId`, the `...At` millisecond timestamps, durations) are decoded exactly:
/// one within ±(2^53 - 1) arrives as a `number`, a larger one as a `BigInt`
/// (`9007199254740993n`), so compare with `==` or check `typeof`. Callers may pass a `number` or a
/// `BigInt` wherever an int64 goes; a `BigInt` is sent as the exact JSON number.
///
/// A create, update or revoke answered with a 200 whose `action` is not `OK` rejects with an
/// `ApiError` (kind `http`, status 200, code = `resultCode`, body = the answer).
#[wasm_bindgen]
pub struct AuthleteTokens {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl AuthleteTokens {
    /// Checks the options and creates a client. Throws `ApiError` (`invalid_argument` or
    /// `insecure_url`) on bad options; sends nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AuthleteTokensOptions")] options: JsValue,
    ) -> Result<AuthleteTokens, JsValue> {
        object_arg(&options, Provider::Authlete, CONSTRUCTOR, "options").map_err(|e| to_js(&e))?;
        let config = AuthleteConfig::read(&options).map_err(|e| to_js(&e))?;
        let caller = Caller {
            provider: Provider::Authlete,
            client: config.client.clone(),
            error_fields: requests::error_fields,
        };
        Ok(AuthleteTokens {
            inner: Rc::new(Inner {
                prefix: config.prefix(),
                config,
                caller,
            }),
        })
    }

    /// Creates an access token (`POST .../auth/token/create`). A 200 whose `action` is not `OK`
    /// rejects with an `ApiError` (kind `http`, status 200, code = resultCode).
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenCreateResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TokenCreateRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AuthleteBodyOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::CREATE;
        let v3 = matches!(self.inner.config.version, ApiVersion::V3 { .. });
        let prefix = &self.inner.prefix;
        let prepared = prepare_body(&request, options, op, |json, ct| {
            requests::create(prefix, json, ct, v3)
        });
        let (spec, call) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let (_, answer) = inner.send_checked(&spec, &call, &shapes::CREATE).await?;
            Ok(answer)
        })
    }

    /// Updates an access token (`POST .../auth/token/update`). An unknown token gives a 200 with
    /// action `NOT_FOUND`, which rejects with an `ApiError` (status 200, code = resultCode).
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenUpdateResponse>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TokenUpdateRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AuthleteBodyOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::UPDATE;
        let prefix = &self.inner.prefix;
        let prepared = prepare_body(&request, options, op, |json, ct| {
            requests::update(prefix, json, ct)
        });
        let (spec, call) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let (_, answer) = inner.send_checked(&spec, &call, &shapes::UPDATE).await?;
            Ok(answer)
        })
    }

    /// Revokes tokens (`POST .../auth/token/revoke`): by access token, else refresh token, else
    /// client and/or subject. One call revokes at most a server-set number (see `revokeAll`). A
    /// 200 carrying an `action` other than `OK` rejects like create's.
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenRevokeResponse>")]
    pub fn revoke(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TokenRevokeRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AuthleteBodyOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::REVOKE;
        let prefix = &self.inner.prefix;
        let prepared = prepare_body(&request, options, op, |json, ct| {
            requests::revoke(prefix, &requests::parse_revoke(json)?, ct)
        });
        let (spec, call) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let (_, answer) = inner.send_checked(&spec, &call, &shapes::REVOKE).await?;
            Ok(answer)
        })
    }

    /// Repeats `revoke` until a call revokes nothing more (0, or fewer than an earlier call, since
    /// the service caps each call). Resolves to `{ count }`, the total. Not retried unless asked
    /// (`retry: true`); an abort stops between calls.
    #[wasm_bindgen(js_name = revokeAll, unchecked_return_type = "Promise<{ count: number }>")]
    pub fn revoke_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TokenRevokeRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AuthleteBodyOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::REVOKE;
        let prefix = &self.inner.prefix;
        let prepared = prepare_body(&request, options, op, |json, ct| {
            requests::revoke(prefix, &requests::parse_revoke(json)?, ct)
        });
        let (spec, call) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let mut total: u64 = 0;
            let mut largest: u64 = 0;
            for _ in 0..MAX_REVOKE_CALLS {
                let (report, _) = inner.send_checked(&spec, &call, &shapes::REVOKE).await?;
                // `count` is a checked u64 (absent reads as 0).
                let count = report.num("count").unwrap_or(0.0) as u64;
                total += count;
                let more = requests::revoke_more(count, largest);
                largest = largest.max(count);
                if !more {
                    break;
                }
            }
            inner
                .caller
                .to_js(op, &serde_json::json!({ "count": total }))
        })
    }

    /// Deletes a token by its value or hash (`DELETE .../auth/token/delete/{id}`); resolves to
    /// `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(js_name = accessTokenIdentifier, unchecked_param_type = "string")]
        access_token_identifier: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::DELETE;
        let prepared = (|| {
            let call = CallOptions::read(options, Provider::Authlete, op)?;
            let id = string_arg(
                &access_token_identifier,
                Provider::Authlete,
                op,
                "accessTokenIdentifier",
            )?;
            Ok((requests::delete(&self.inner.prefix, &id)?, call))
        })();
        let (spec, call) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            inner
                .caller
                .send(&spec, &inner.config.credential, &call, &[])
                .await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Lists tokens (`GET .../auth/token/get/list`) with `{ clientIdentifier, subject, start, end,
    /// tokenStatus }`; lists carry hashes, never token values.
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenGetListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AuthleteListQuery | undefined")] query: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::LIST;
        let prepared = (|| {
            let call = CallOptions::read(options, Provider::Authlete, op)?;
            let q = read_query(query.as_ref(), op, &[], true)?;
            Ok((q, call))
        })();
        let (q, call) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let (_, page) = inner.list(&q, &call).await?;
            Ok(page)
        })
    }

    /// Every token matching `{ clientIdentifier, subject, tokenStatus }`, fetched lazily in pages of
    /// `pageSize` (default 100, at most 1000) as an async iterable; breaking out of the loop stops
    /// fetching. Bad arguments reject the first `next()`.
    #[wasm_bindgen(js_name = listAll)]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AuthleteListAllQuery | undefined")] query: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> AuthleteTokenIterator {
        let op = requests::LIST;
        let prepared = (|| {
            let call = CallOptions::read(options, Provider::Authlete, op)?;
            let q = read_query(query.as_ref(), op, &["pageSize"], false)?;
            let page_size = match query.as_ref() {
                Some(v) if v.is_object() => Reader::new(v, Provider::Authlete, op, "query.")
                    .optional_integer("pageSize", 1, requests::MAX_PAGE_SIZE)?,
                _ => None,
            };
            Ok((call, q, page_size.unwrap_or(100)))
        })();
        let (call, query, page_size, error) = match prepared {
            Ok((call, q, size)) => (call, q, size, None),
            Err(e) => (CallOptions::default(), ListQuery::default(), 1, Some(e)),
        };
        AuthleteTokenIterator {
            state: Rc::new(RefCell::new(PageState {
                inner: self.inner.clone(),
                query,
                call: Rc::new(call),
                page_size,
                next_start: 0,
                page: Array::new(),
                index: 0,
                done: false,
                error,
            })),
            tail: Rc::new(RefCell::new(None)),
        }
    }

    /// What `JSON.stringify(client)` shows: the settings, never a credential.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "AuthleteTokensDescription")]
    pub fn to_json(&self) -> JsValue {
        let c = &self.inner.config;
        let service_id = match &c.version {
            ApiVersion::V3 { service_id } => Some(service_id.clone()),
            ApiVersion::V2 => None,
        };
        let desc = serde_json::json!({
            "provider": "authlete",
            "baseUrl": c.client.base_url.as_str(),
            "apiVersion": c.version_name(),
            "serviceId": service_id,
            "timeoutMs": c.client.timeout_ms,
        });
        to_js_value(&desc).unwrap_or(JsValue::NULL)
    }

    /// `AuthleteTokens(<base URL>, v2|v3)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let c = &self.inner.config;
        format!(
            "AuthleteTokens({}, {})",
            c.client.base_url.as_str(),
            c.version_name()
        )
    }
}

/// Reads a list query object (absent means no filter).
fn read_query(
    query: Option<&JsValue>,
    op: &str,
    extra: &[&str],
    paging: bool,
) -> Result<ListQuery, ApiError> {
    match query {
        None => Ok(ListQuery::default()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(ListQuery::default()),
        Some(v) => {
            if !matches!(classify(v), crate::core::fields::Field::Object) {
                return Err(ApiError::invalid_argument(
                    Provider::Authlete,
                    op,
                    "query",
                    "must be an object",
                ));
            }
            ListQuery::read(
                &Reader::new(v, Provider::Authlete, op, "query."),
                extra,
                paging,
            )
        }
    }
}

struct PageState {
    inner: Rc<Inner>,
    query: ListQuery,
    call: Rc<CallOptions>,
    page_size: i64,
    next_start: i64,
    page: Array,
    index: u32,
    done: bool,
    /// An argument error, reported by the first `next()`.
    error: Option<ApiError>,
}

/// One `{ value, done }` result.
fn step(value: &JsValue, done: bool) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str("value"), value);
    let _ = Reflect::set(&o, &JsValue::from_str("done"), &JsValue::from_bool(done));
    o.into()
}

/// The next item, fetching a page when the current one is used up.
async fn advance(state: Rc<RefCell<PageState>>) -> Result<JsValue, ApiError> {
    loop {
        let (inner, query, call) = {
            let mut s = state.borrow_mut();
            if let Some(e) = s.error.take() {
                s.done = true;
                return Err(e);
            }
            if s.index < s.page.length() {
                let item = s.page.get(s.index);
                s.index += 1;
                return Ok(step(&item, false));
            }
            if s.done {
                return Ok(step(&JsValue::UNDEFINED, true));
            }
            let mut q = s.query.clone();
            q.start = Some(s.next_start);
            q.end = Some(s.next_start + s.page_size);
            (s.inner.clone(), q, s.call.clone())
        };
        let (page, value) = inner.list(&query, &call).await?;
        let fetched = page.len("accessTokens") as i64;
        let items = array_field(&value, "accessTokens");
        let mut s = state.borrow_mut();
        if s.done {
            // `return()` was called while the page was in flight.
            return Ok(step(&JsValue::UNDEFINED, true));
        }
        s.next_start += fetched;
        s.page = items;
        s.index = 0;
        let total = page.num("totalCount").map(|t| t as i64);
        if requests::paging_done(s.next_start, fetched, s.page_size, total) {
            s.done = true;
        }
    }
}

/// The async iterator `listAll` returns: `for await (const token of client.listAll(...))`.
#[wasm_bindgen]
pub struct AuthleteTokenIterator {
    state: Rc<RefCell<PageState>>,
    /// The last `next()` promise: each call waits for the previous one, so concurrent calls
    /// neither skip nor repeat tokens.
    tail: Rc<RefCell<Option<Promise>>>,
}

#[wasm_bindgen]
impl AuthleteTokenIterator {
    /// The next token: `{ value: AccessToken, done: false }`, or `{ done: true }` at the end.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<AccessToken, undefined>>")]
    pub fn next(&self) -> Promise {
        let previous = self.tail.borrow_mut().take();
        let state = self.state.clone();
        let p = promise(async move {
            if let Some(prev) = previous {
                let _ = JsFuture::from(prev).await;
            }
            advance(state).await
        });
        // The next call waits for this one; it ignores how this one settled.
        *self.tail.borrow_mut() = Some(p.clone());
        p
    }

    /// Stops the iteration (called by `break` in `for await`); no further page is fetched.
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<AccessToken, undefined>>"
    )]
    pub fn return_(&self) -> Promise {
        let mut s = self.state.borrow_mut();
        s.done = true;
        s.page = Array::new();
        s.index = 0;
        Promise::resolve(&step(&JsValue::UNDEFINED, true))
    }
}
