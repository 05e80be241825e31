//! [`Op`]: one operation of one provider, so that each JS method reads its arguments, runs the
//! Rust call and hands back the result in one line.

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

use super::convert::{from_js, from_js_or_default, string_from_js, to_js};
use crate::core::dry_run::DryRun;
use crate::core::error::{ApiError, Provider};
use crate::http::CallOptions;

/// A provider and an operationId, for argument errors.
#[derive(Clone, Copy)]
pub struct Op {
    provider: Provider,
    operation: &'static str,
}

/// Every call's future, boxed so that all of them share one instantiation of the promise glue.
type CallFuture = Pin<Box<dyn Future<Output = Result<JsValue, ApiError>>>>;

impl Op {
    /// The operation `operation` of `provider`.
    pub const fn new(provider: Provider, operation: &'static str) -> Op {
        Op {
            provider,
            operation,
        }
    }

    /// An object argument as its model (see [`from_js`]). The argument is typed `Ts<T>` so
    /// that wasm-bindgen declares it with the model's TypeScript name; it is a plain `JsValue`.
    pub fn arg<T: Tsify + DeserializeOwned>(self, value: Ts<T>, name: &str) -> Result<T, ApiError> {
        from_js(value.into(), self.provider, self.operation, name)
    }

    /// An optional object argument (`undefined`/`null`: the default).
    pub fn optional<T: Tsify + DeserializeOwned + Default>(
        self,
        value: Option<Ts<T>>,
        name: &str,
    ) -> Result<T, ApiError> {
        from_js_or_default(
            value.map(JsValue::from),
            self.provider,
            self.operation,
            name,
        )
    }

    /// The trailing call options.
    pub fn options(self, value: Option<Ts<CallOptions>>) -> Result<CallOptions, ApiError> {
        self.optional(value, "options")
    }

    /// A string argument.
    pub fn string(self, value: &JsValue, name: &str) -> Result<String, ApiError> {
        string_from_js(value, self.provider, self.operation, name)
    }

    /// A result as a JS value.
    pub fn out<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, ApiError> {
        to_js(value, self.provider, self.operation)
    }

    /// A dry run's request (`run`, built first, so that its argument errors come first as in a
    /// real call), once the options' bounds are checked too.
    pub fn checked_dry_run(
        self,
        options: &CallOptions,
        run: Result<DryRun, ApiError>,
    ) -> Result<DryRun, ApiError> {
        let run = run?;
        options.check_bounds(self.provider, self.operation)?;
        Ok(run)
    }

    /// What a method resolves to with `dryRun: true` (see [`Op::checked_dry_run`]).
    pub fn dry(
        self,
        options: &CallOptions,
        run: Result<DryRun, ApiError>,
    ) -> Result<JsValue, ApiError> {
        self.out(&self.checked_dry_run(options, run)?)
    }

    /// Runs `fut` as a promise: `Ok` values resolve, `ApiError`s reject as JS `ApiError`s.
    pub fn run<F>(self, fut: F) -> Promise
    where
        F: Future<Output = Result<JsValue, ApiError>> + 'static,
    {
        let fut: CallFuture = Box::pin(fut);
        wasm_bindgen_futures::future_to_promise(async move {
            fut.await.map_err(|e| super::error::to_js(&e))
        })
    }
}
