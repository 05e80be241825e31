//! The JS methods' one generic path: [`Op`] reads a method's arguments for one operation,
//! [`call`] prepares the operation's call on the typed client and resolves to its answer or, with
//! `dryRun: true`, to its `DryRun`; [`js_class!`] declares a class from one line per operation.

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::convert::{from_js, from_js_or_default, string_from_js, to_js};
use super::options::{More, Options};
use crate::core::endpoint::Endpoint;
use crate::core::error::{ApiError, Provider};
use crate::http::Client;

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

    /// An object argument as its model (see [`from_js`]).
    pub fn arg<T: DeserializeOwned>(self, value: JsValue, name: &str) -> Result<T, ApiError> {
        from_js(value, self.provider, self.operation, name)
    }

    /// An optional object argument (`undefined`/`null`: the default).
    pub fn optional<T: DeserializeOwned + Default>(
        self,
        value: JsValue,
        name: &str,
    ) -> Result<T, ApiError> {
        from_js_or_default(Some(value), self.provider, self.operation, name)
    }

    /// A string argument.
    pub fn string(self, value: &JsValue, name: &str) -> Result<String, ApiError> {
        string_from_js(value, self.provider, self.operation, name)
    }

    /// A result as a JS value.
    pub fn out<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, ApiError> {
        to_js(value, self.provider, self.operation)
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

/// The body of every JS method of an operation: `read` reads the method's arguments, then its
/// last argument is read as [`Options`] (`CallOptions`, `dryRun`, the method's own `M`), the
/// endpoint `read` makes of the arguments and `M` is prepared as a call of `client`, and the
/// promise resolves to the call's `DryRun` (with `dryRun: true`) or to its answer: the object
/// the engine parsed, once the model has checked it (see [`crate::http::Call::with_parsed`]).
pub fn call<C, E, M, F, G>(client: &C, options: JsValue, read: F) -> Promise
where
    C: Client + Clone + 'static,
    E: Endpoint<Context = C::Context>,
    M: More,
    F: FnOnce(Op) -> Result<G, ApiError> + 'static,
    G: FnOnce(M) -> E,
{
    let op = Op::new(client.provider(), E::OPERATION);
    let client = client.clone();
    op.run(async move {
        let endpoint = read(op)?;
        let options: Options<M> = op.optional(options, "options")?;
        let call = client.call(endpoint(options.more), &options.call);
        if options.dry_run {
            op.out(&call.dry_run()?)
        } else {
            // The engine's value, checked by the model: handed on as it is.
            call.parsed_reading(true).await.map(|(_, parsed)| parsed)
        }
    })
}

/// Declares a JS class over a typed client: its constructor and one method per line, each
/// `name(arguments; options: Own) -> Answer = endpoint;` over [`call`] (the options part only
/// where the method has options of its own), and the `listAll` methods over
/// `TokenIterator::listing`. Methods are declared to TypeScript as one interface merged into
/// the class, each an `Operation` (`types.d.ts`), whose overloads say once what `dryRun: true`
/// changes. An argument named `query` is optional (`undefined`/`null`: no filter), one named
/// `filter` reads `undefined`/`null` as an empty filter (which its endpoint refuses, naming it),
/// one typed `string` is a string, any other is an object read as its model. The class's own
/// doc is written as `#[doc = "..."]` attributes: a `///` comment becomes a raw string literal
/// inside a macro, which wasm-bindgen 0.2.130 copies to the `.d.ts` with its `r"` prefix.
macro_rules! js_class {
    (
        $(#[$cm:meta])* $class:ident($client:ty, $config:ty, $new:expr) {
            $(
                $(#[doc = $doc:literal])*
                $js:ident($($arg:ident: $ts:ident),* $(; $more:ident: $mty:ident)?) -> $answer:ident
                    = $make:expr;
            )*
        } lists {
            $(
                $(#[doc = $ldoc:literal])*
                $ljs:ident(query: $qts:ident) -> $item:ident = $lop:expr, $list:ident;
            )*
        }
    ) => {
        $(#[$cm])*
        #[wasm_bindgen]
        pub struct $class {
            client: $client,
        }

        #[wasm_bindgen]
        impl $class {
            /// Checks the options and creates a client. Throws `ApiError` (`invalid_argument`
            /// or `insecure_url`) on bad options; sends nothing.
            #[wasm_bindgen(constructor)]
            pub fn new(options: tsify::Ts<$config>) -> Result<$class, JsValue> {
                $new.arg(options.into(), "options")
                    .and_then(<$client>::new)
                    .map(|client| $class { client })
                    .map_err(|e| $crate::js::error::to_js(&e))
            }

            $(
                $(#[doc = $doc])*
                #[allow(non_snake_case)]
                #[wasm_bindgen(skip_typescript)]
                pub fn $js(&self, $($arg: JsValue,)* options: JsValue) -> js_sys::Promise {
                    $crate::js::op::call(&self.client, options, move |#[allow(unused_variables)] op| {
                        $(let $arg = $crate::js::op::js_arg!(op, $arg, $arg, $ts);)*
                        Ok($crate::js::op::js_arg!(closure [$($more: $mty)?] $make))
                    })
                }
            )*

            $(
                $(#[doc = $ldoc])*
                #[allow(non_snake_case)]
                #[wasm_bindgen(skip_typescript)]
                pub fn $ljs(&self, query: JsValue, options: JsValue) -> $crate::js::TokenIterator {
                    $crate::js::TokenIterator::listing(&self.client, $lop, query, options, |c, q, o| {
                        c.$list(q, o)
                    })
                }
            )*
        }

        /// The methods of the class, each an `Operation` (see `types.d.ts`).
        #[wasm_bindgen(typescript_custom_section)]
        const OPERATIONS: &str = concat!(
            "export interface ", stringify!($class), " {\n",
            $(
                "  /**\n", $("   *", $doc, "\n",)* "   */\n  ", stringify!($js), ": Operation<[",
                $($crate::js::op::js_arg!(ts $arg, $ts), ", ",)* "], Promise<", stringify!($answer),
                ">", $(", ", stringify!($mty),)? ">;\n",
            )*
            $(
                "  /**\n", $("   *", $ldoc, "\n",)* "   */\n  ", stringify!($ljs),
                ": Operation<[query?: ", stringify!($qts), " | null], AsyncIterableIterator<",
                stringify!($item), ">>;\n",
            )*
            "}\n"
        );
    };
}

/// The parts of [`js_class!`] that depend on an argument: reading it, declaring it, and the
/// closure that makes the endpoint of the arguments and the method's own options.
macro_rules! js_arg {
    ($op:ident, query, $arg:ident, $ts:ident) => {
        $op.optional($arg, "query")?
    };
    ($op:ident, filter, $arg:ident, $ts:ident) => {
        $op.optional($arg, "filter")?
    };
    ($op:ident, $name:ident, $arg:ident, string) => {
        $op.string(&$arg, stringify!($arg))?
    };
    ($op:ident, $name:ident, $arg:ident, $ts:ident) => {
        $op.arg($arg, stringify!($arg))?
    };
    (ts query, $ts:ident) => {
        concat!("query?: ", stringify!($ts), " | null")
    };
    (ts $arg:ident, $ts:ident) => {
        concat!(stringify!($arg), ": ", stringify!($ts))
    };
    (closure [$more:ident: $mty:ident] $make:expr) => {
        move |$more: $mty| $make
    };
    (closure [] $make:expr) => {
        move |(): ()| $make
    };
}

pub(crate) use {js_arg, js_class};
