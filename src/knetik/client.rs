//! `KnetikTokens`, the JS class for the Knetik Cloud auth token operations, and
//! `KnetikTokenIterator`, what `listAll` returns.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::config::{KnetikConfig, CONSTRUCTOR};
use super::oauth::TokenSource;
use super::requests::{self, is_last_page, DeleteFilter, TokensQuery};
use super::shapes;
use crate::core::error::{ApiError, Provider};
use crate::core::fields::Field;
use crate::core::request::RequestSpec;
use crate::core::shape::{Report, Shape};
use crate::js_call::{object_arg, promise, rejected, string_arg, CallOptions};
use crate::js_caller::{array_field, Caller};
use crate::js_error::{to_js, to_js_value};
use crate::js_fields::classify;

#[wasm_bindgen(typescript_custom_section)]
const KNETIK_TYPES: &str = include_str!("types.d.ts");

/// Every Knetik call's future, boxed so that all of them share one instantiation of the
/// promise glue (a smaller wasm).
type CallFuture = Pin<Box<dyn Future<Output = Result<JsValue, ApiError>>>>;

/// Runs `fut` as a promise (see [`promise`]) through the one shared [`CallFuture`] type.
pub(super) fn boxed_promise<F>(fut: F) -> Promise
where
    F: Future<Output = Result<JsValue, ApiError>> + 'static,
{
    promise(Box::pin(fut) as CallFuture)
}

struct Inner {
    config: KnetikConfig,
    source: Rc<TokenSource>,
}

impl Inner {
    /// Sends `spec` (bearer token, 401 rule) and checks the success body against `shape`.
    async fn call_shaped(
        &self,
        spec: &RequestSpec,
        options: &CallOptions,
        shape: &'static Shape,
    ) -> Result<(Report, JsValue), ApiError> {
        let answer = self.source.send_answer(spec, options).await?;
        let secrets = self.config.grant.secrets();
        self.source
            .caller()
            .shaped(spec.operation, &answer, &secrets, shape)
    }
}

/// Classifies an optional object argument: `undefined`/`null`/absent give `false`, a plain
/// object `true`, anything else is an `invalid_argument` error naming `name`.
fn optional_object(value: Option<&JsValue>, operation: &str, name: &str) -> Result<bool, ApiError> {
    match value.map(classify) {
        None | Some(Field::Missing) | Some(Field::Null) => Ok(false),
        Some(Field::Object) => Ok(true),
        Some(_) => Err(ApiError::invalid_argument(
            Provider::Knetik,
            operation,
            name,
            "must be an object",
        )),
    }
}

/// Reads the optional first argument of getTokens / listAll with `read`.
fn read_query(
    query: Option<&JsValue>,
    read: fn(&JsValue) -> Result<TokensQuery, ApiError>,
) -> Result<TokensQuery, ApiError> {
    match query {
        Some(q) if optional_object(Some(q), requests::GET_TOKENS, "query")? => read(q),
        _ => Ok(TokensQuery::default()),
    }
}

/// Client for the auth token operations of one Knetik Cloud app (`/auth/tokens`), with OAuth2
/// from `/oauth/token`: the token is fetched once, shared by concurrent calls, refreshed before
/// it expires, and replaced once after a 401.
#[wasm_bindgen]
pub struct KnetikTokens {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl KnetikTokens {
    /// Checks the options and creates a client. Throws `ApiError` (`invalid_argument` or
    /// `insecure_url`) on bad options; sends nothing (the first call asks for a token).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "KnetikTokensOptions")] options: JsValue,
    ) -> Result<KnetikTokens, JsValue> {
        object_arg(&options, Provider::Knetik, CONSTRUCTOR, "options").map_err(|e| to_js(&e))?;
        let config = KnetikConfig::read(&options).map_err(|e| to_js(&e))?;
        let caller = Caller {
            provider: Provider::Knetik,
            client: config.client.clone(),
            error_fields: requests::error_fields,
        };
        let source = TokenSource::new(config.grant.clone(), caller);
        Ok(KnetikTokens {
            inner: Rc::new(Inner { config, source }),
        })
    }

    /// Lists one page of issued tokens (`GET /auth/tokens`, operationId getTokens). `page`
    /// counts from 1; `order` is `PROPERTY:ASC|DESC[,...]`. List items carry no `token` value.
    #[wasm_bindgen(js_name = getTokens, unchecked_return_type = "Promise<PageResource>")]
    pub fn get_tokens(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KnetikTokensQuery | undefined")] query: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::GET_TOKENS;
        let prepared = (|| {
            let options = CallOptions::read(options, Provider::Knetik, op)?;
            let q = read_query(query.as_ref(), TokensQuery::read_get_tokens)?;
            Ok((requests::get_tokens(&q), options))
        })();
        let (spec, options) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        boxed_promise(async move {
            let (_, page) = inner.call_shaped(&spec, &options, &shapes::PAGE).await?;
            Ok(page)
        })
    }

    /// Every token matching the filters, page by page (from page 1, `pageSize` per request),
    /// as an async iterator: `for await (const t of k.listAll({ filterUsername }))`. Pages are
    /// fetched only as the loop asks; breaking out stops fetching. Bad arguments reject the
    /// first `next()`.
    #[wasm_bindgen(js_name = listAll)]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KnetikListAllQuery | undefined")] query: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> KnetikTokenIterator {
        let op = requests::GET_TOKENS;
        let prepared = (|| {
            let options = CallOptions::read(options, Provider::Knetik, op)?;
            let q = read_query(query.as_ref(), TokensQuery::read_list_all)?;
            Ok((q, options))
        })();
        let (query, options, error) = match prepared {
            Ok((q, o)) => (q, o, None),
            Err(e) => (
                TokensQuery::default(),
                CallOptions {
                    config: Default::default(),
                    signal: None,
                },
                Some(e),
            ),
        };
        KnetikTokenIterator {
            inner: Rc::new(IterInner {
                client: self.inner.clone(),
                query,
                options,
                pos: RefCell::new(Position {
                    buffer: VecDeque::new(),
                    next_page: 1,
                    done: false,
                    error,
                }),
                tail: RefCell::new(None),
            }),
        }
    }

    /// Reads the token issued to one user for one client (`GET
    /// /auth/tokens/{username}/{client_id}`, operationId getToken), with its `token` value.
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<OauthAccessTokenResource>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] username: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::GET_TOKEN;
        let prepared = (|| {
            let options = CallOptions::read(options, Provider::Knetik, op)?;
            let username = string_arg(&username, Provider::Knetik, op, "username")?;
            let client_id = string_arg(&client_id, Provider::Knetik, op, "clientId")?;
            Ok((requests::get_token(&username, &client_id)?, options))
        })();
        let (spec, options) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        boxed_promise(async move {
            let (_, token) = inner.call_shaped(&spec, &options, &shapes::TOKEN).await?;
            Ok(token)
        })
    }

    /// Deletes the tokens of a user, of a client, or of a user for a client (`DELETE
    /// /auth/tokens`, operationId deleteTokens). At least one of `username` and `clientId` is
    /// required: a call without a filter is refused before anything is sent. Resolves to
    /// `undefined`.
    #[wasm_bindgen(js_name = deleteTokens, unchecked_return_type = "Promise<void>")]
    pub fn delete_tokens(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KnetikDeleteFilter")] filter: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::DELETE_TOKENS;
        let prepared = (|| {
            let options = CallOptions::read(options, Provider::Knetik, op)?;
            if !optional_object(Some(&filter), op, "filter")? {
                return Err(requests::no_delete_filter());
            }
            let filter = DeleteFilter::read(&filter)?;
            Ok((requests::delete_tokens(&filter)?, options))
        })();
        let (spec, options) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        boxed_promise(async move {
            inner.source.send(&spec, &options).await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// What `JSON.stringify(client)` shows: the settings and the grant's name, never a secret.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "KnetikTokensDescription")]
    pub fn to_json(&self) -> JsValue {
        let c = &self.inner.config;
        let desc = serde_json::json!({
            "provider": "knetik",
            "baseUrl": c.client.base_url.as_str(),
            "grant": c.grant.name(),
            "clientId": c.grant.client_id(),
            "timeoutMs": c.client.timeout_ms,
        });
        to_js_value(&desc).unwrap_or(JsValue::NULL)
    }

    /// `KnetikTokens(<base URL>, <grant>)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let c = &self.inner.config;
        format!(
            "KnetikTokens({}, {})",
            c.client.base_url.as_str(),
            c.grant.name()
        )
    }
}

struct Position {
    /// Items of the last page not handed out yet.
    buffer: VecDeque<JsValue>,
    /// The page to ask for next (from 1).
    next_page: u32,
    /// No more pages (the last one was read, or `return()` was called).
    done: bool,
    /// An argument error, reported by the first `next()`.
    error: Option<ApiError>,
}

struct IterInner {
    client: Rc<Inner>,
    query: TokensQuery,
    options: CallOptions,
    pos: RefCell<Position>,
    /// The promise of the last `next()`/`return()`: each step waits for the one before, so
    /// concurrent `next()` calls get consecutive items, none skipped or repeated.
    tail: RefCell<Option<Promise>>,
}

fn iter_result(value: &JsValue, done: bool) -> JsValue {
    let obj = Object::new();
    let _ = Reflect::set(&obj, &JsValue::from_str("value"), value);
    let _ = Reflect::set(&obj, &JsValue::from_str("done"), &JsValue::from_bool(done));
    obj.into()
}

impl IterInner {
    /// Queues a step behind the previous one and returns its promise.
    fn enqueue<F, Fut>(self: &Rc<Self>, step: F) -> Promise
    where
        F: FnOnce(Rc<IterInner>) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<JsValue, ApiError>> + 'static,
    {
        let previous = self.tail.borrow_mut().take();
        let this = self.clone();
        let p = boxed_promise(async move {
            if let Some(prev) = previous {
                let _ = JsFuture::from(prev).await;
            }
            step(this).await
        });
        *self.tail.borrow_mut() = Some(p.clone());
        p
    }

    async fn next_item(&self) -> Result<JsValue, ApiError> {
        loop {
            {
                let mut pos = self.pos.borrow_mut();
                if let Some(e) = pos.error.take() {
                    pos.done = true;
                    return Err(e);
                }
                if let Some(item) = pos.buffer.pop_front() {
                    return Ok(iter_result(&item, false));
                }
                if pos.done {
                    return Ok(iter_result(&JsValue::UNDEFINED, true));
                }
            }
            let page_no = self.pos.borrow().next_page;
            let query = TokensQuery {
                page: Some(page_no),
                ..self.query.clone()
            };
            let spec = requests::get_tokens(&query);
            // A failed page leaves the position as it was: a later next() asks again.
            let (page, value) = self
                .client
                .call_shaped(&spec, &self.options, &shapes::PAGE)
                .await?;
            let content = array_field(&value, "content");
            let mut pos = self.pos.borrow_mut();
            if pos.done {
                continue;
            }
            let last = is_last_page(&page, page_no);
            pos.buffer.extend(content.iter());
            match page_no.checked_add(1) {
                Some(n) if !last => pos.next_page = n,
                _ => pos.done = true,
            }
        }
    }

    fn finish(&self) -> JsValue {
        let mut pos = self.pos.borrow_mut();
        pos.done = true;
        pos.error = None;
        pos.buffer.clear();
        iter_result(&JsValue::UNDEFINED, true)
    }
}

/// The async iterator `KnetikTokens.listAll()` returns: every matching
/// `OauthAccessTokenResource`, fetched a page at a time as `next()` asks.
#[wasm_bindgen]
pub struct KnetikTokenIterator {
    inner: Rc<IterInner>,
}

#[wasm_bindgen]
impl KnetikTokenIterator {
    /// The next token, `{ value, done: false }`, or `{ value: undefined, done: true }` after the
    /// last one. Calls made before the previous one settled are answered in order.
    #[wasm_bindgen(
        unchecked_return_type = "Promise<IteratorResult<OauthAccessTokenResource, undefined>>"
    )]
    pub fn next(&self) -> Promise {
        self.inner.enqueue(|it| async move { it.next_item().await })
    }

    /// Stops the iteration: no further page is fetched and `next()` reports `done`. Called by
    /// `for await` when the loop is left early.
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<OauthAccessTokenResource, undefined>>"
    )]
    pub fn return_(&self) -> Promise {
        self.inner.enqueue(|it| async move { Ok(it.finish()) })
    }
}
