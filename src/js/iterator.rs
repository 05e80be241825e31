//! `TokenIterator`, what every `listAll` returns: an async iterator (the package entry adds
//! `[Symbol.asyncIterator]`) over a typed client's [`Pages`], each item handed to JS as it is
//! taken.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::op::Op;
use super::options::Options;
use crate::core::pages::{Page, Pages};
use crate::http::{CallOptions, Client};

struct State {
    /// Taken out while a page is fetched; `None` once done.
    pages: RefCell<Option<Pages<JsValue>>>,
    /// Set by `return()` or at the end: no further page is fetched.
    done: Cell<bool>,
    /// The promise of the last `next()`: each waits for the one before, so concurrent calls
    /// get consecutive items, none skipped or repeated.
    tail: RefCell<Option<Promise>>,
    op: Op,
}

/// The async iterator of `listAll`: `for await (const token of client.listAll(...))`. Pages
/// are fetched only as the loop asks; leaving the loop stops the fetching.
#[wasm_bindgen]
pub struct TokenIterator {
    state: Rc<State>,
}

/// One `{ value, done }` result.
fn step(value: &JsValue, done: bool) -> JsValue {
    let result = Object::new();
    let _ = Reflect::set(&result, &"value".into(), value);
    let _ = Reflect::set(&result, &"done".into(), &done.into());
    result.into()
}

impl TokenIterator {
    /// An iterator over `pages` of JS values.
    pub(crate) fn new(pages: Pages<JsValue>, op: Op) -> TokenIterator {
        TokenIterator {
            state: Rc::new(State {
                pages: RefCell::new(Some(pages)),
                done: Cell::new(false),
                tail: RefCell::new(None),
                op,
            }),
        }
    }

    /// What every `listAll` method returns: its query read as `Q` and its options (`dryRun`
    /// included) through `op`, then the items of the pages `list` gives (the engine's objects),
    /// or with `dryRun: true` an iterator whose one item is the request of the first page; bad
    /// arguments reject the first `next()`.
    pub(crate) fn listing<C, Q>(
        client: &C,
        operation: &'static str,
        query: JsValue,
        options: JsValue,
        list: impl FnOnce(&C, &Q, &CallOptions) -> Pages<JsValue>,
    ) -> TokenIterator
    where
        C: Client,
        Q: DeserializeOwned + Default,
    {
        let op = Op::new(client.provider(), operation);
        let read = op.optional::<Q>(query, "query").and_then(|query| {
            let options: Options<()> = op.optional(options, "options")?;
            Ok((list(client, &query, &options.call), options.dry_run))
        });
        let shown = match read {
            Ok((pages, false)) => return TokenIterator::new(pages, op),
            Ok((pages, true)) => pages
                .dry_run()
                .transpose()
                .and_then(|shown| shown.map(|shown| op.out(&shown)).transpose()),
            Err(e) => Err(e),
        };
        let pages = match shown {
            Ok(items) => Pages::new(0, move |_| {
                let page = Page {
                    items: items.clone().into_iter().collect(),
                    next: None,
                };
                Box::pin(std::future::ready(Ok(page)))
            }),
            Err(e) => Pages::failed(e),
        };
        TokenIterator::new(pages, op)
    }
}

#[wasm_bindgen]
impl TokenIterator {
    /// The next item, `{ value, done: false }`, or `{ value: undefined, done: true }` after the
    /// last one. The first failure rejects, and the iteration ends with it.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<unknown, undefined>>")]
    pub fn next(&self) -> Promise {
        let previous = self.state.tail.borrow_mut().take();
        let state = self.state.clone();
        let promise = state.op.run({
            let state = state.clone();
            async move {
                if let Some(previous) = previous {
                    let _ = JsFuture::from(previous).await;
                }
                let taken = state.pages.borrow_mut().take();
                let Some(mut pages) = taken.filter(|_| !state.done.get()) else {
                    return Ok(step(&JsValue::UNDEFINED, true));
                };
                let item = pages.next().await;
                if !state.done.get() {
                    *state.pages.borrow_mut() = Some(pages);
                }
                match item {
                    Some(Ok(value)) => Ok(step(&value, false)),
                    Some(Err(e)) => {
                        state.done.set(true);
                        state.pages.borrow_mut().take();
                        Err(e)
                    }
                    None => {
                        state.done.set(true);
                        state.pages.borrow_mut().take();
                        Ok(step(&JsValue::UNDEFINED, true))
                    }
                }
            }
        });
        *state.tail.borrow_mut() = Some(promise.clone());
        promise
    }

    /// Stops the iteration (called by `break` in `for await`): no further page is fetched.
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<unknown, undefined>>"
    )]
    pub fn return_(&self) -> Promise {
        self.state.done.set(true);
        self.state.pages.borrow_mut().take();
        Promise::resolve(&step(&JsValue::UNDEFINED, true))
    }
}
