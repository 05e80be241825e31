//! [`Endpoint`]: one operation of a service, described once: its arguments (the struct), its
//! answer, its operationId, how it builds its request and how it accepts the answer. One generic
//! path (`crate::http::call`, wasm) prepares a call of any endpoint, which then either shows
//! itself (the dry run: the request, nothing sent) or is sent; the JS shell's methods are one
//! line each over the same path.

use serde::de::DeserializeOwned;

use super::decode::{CallContext, RawResponse};
use super::error::ApiError;
use super::json::Parsed;
use super::request::RequestSpec;
use super::wire::Complete;

/// What one answer gives: the call's result, or (`revokeAll`) the same request once more.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<T> {
    /// The call's result.
    Done(T),
    /// Send the request again.
    Again,
}

/// One operation of a service (see the module doc).
pub trait Endpoint: 'static {
    /// What its requests are built from besides its arguments: the checked config of an
    /// Authlete client (path prefix, API version); `()` for the other services.
    type Context: 'static;
    /// What the call resolves to.
    type Answer: 'static;
    /// The provider's operationId (`tokensCreate`), also the name errors about its arguments
    /// carry.
    const OPERATION: &'static str;

    /// The request; arguments the service would refuse are refused here, before anything is
    /// sent (a dry run refuses them too).
    fn request(&self, context: &Self::Context) -> Result<RequestSpec, ApiError>;

    /// The call's result from a 2xx answer, with the engine's value it was read from (what
    /// the JS shell hands on), or another round of the same request.
    fn accept(
        &self,
        call: &CallContext<'_>,
        resp: &RawResponse,
    ) -> Result<Step<(Self::Answer, Parsed)>, ApiError>;
}

/// The answer of an operation that answers with its model: decoded, a `decode` error when it
/// does not match.
pub fn decode<T: DeserializeOwned + Complete + serde::Serialize>(
    call: &CallContext<'_>,
    resp: &RawResponse,
) -> Result<(T, Parsed), ApiError> {
    call.decode_parsed(resp)
}

/// The answer of an operation that answers nothing to read (a delete).
pub fn nothing(_: &CallContext<'_>, _: &RawResponse) -> Result<((), Parsed), ApiError> {
    Ok(((), Parsed::default()))
}

/// Declares endpoints, each in one place: the struct of its arguments, its [`Endpoint`] impl
/// (answer, operationId, how it accepts the answer: a fn such as [`decode`], and how it builds
/// its request from the struct `e` and the context) and the typed client's method that
/// prepares its call (wasm).
///
/// ```ignore
/// endpoint! {
///     /// `tokensDelete`: deletes the token with this id.
///     DeleteToken(String) in () => (): DELETE, nothing, |e, _| delete_token(&e.0);
///     /// Deletes the token with this id (`DELETE /api/v3/tokens/{id}`, tokensDelete).
///     HoprClient::delete_token(id: &str) => DeleteToken(id.to_string());
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! endpoint {
    ($(
        $(#[$m:meta])*
        $name:ident($($field:ty),*) in $ctx:ty => $answer:ty: $op:expr, $accept:path,
            |$e:ident, $c:pat_param| $request:expr;
        $(#[$md:meta])*
        $client:ident::$method:ident($($p:ident: $pt:ty),*) => $make:expr;
    )*) => {$(
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name($(pub $field),*);

        impl $crate::core::endpoint::Endpoint for $name {
            type Context = $ctx;
            type Answer = $answer;
            const OPERATION: &'static str = $op;

            fn request(&self, $c: &$ctx) -> Result<$crate::core::request::RequestSpec, $crate::ApiError> {
                let $e = self;
                $request
            }

            fn accept(
                &self,
                call: &$crate::core::decode::CallContext<'_>,
                resp: &$crate::core::decode::RawResponse,
            ) -> Result<$crate::core::endpoint::Step<($answer, $crate::core::json::Parsed)>, $crate::ApiError> {
                $accept(call, resp).map($crate::core::endpoint::Step::Done)
            }
        }

        #[cfg(target_arch = "wasm32")]
        impl $client {
            $(#[$md])*
            pub fn $method(&self, $($p: $pt,)* options: &$crate::CallOptions) -> $crate::http::Call<$name> {
                $crate::http::Client::call(self, $make, options)
            }
        }
    )*};
}
