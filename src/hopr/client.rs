//! [`HoprClient`]: the typed Rust client of the HOPR node API v3 token operations (wasm). Its
//! operations are declared with their endpoints in [`super::requests`].

use std::rc::Rc;

use super::config::{AuthScheme, HoprConfig, HoprDescription};
use super::requests;
use crate::core::error::{ApiError, Provider};
use crate::http::call::{Client, Fixed, Sender};
use crate::http::Caller;

/// Client for the token operations of one HOPR node (API v3). Cheap to clone (clones share the
/// settings); many calls may run at once. Each operation returns a [`crate::http::Call`]:
/// awaited, it is sent; its `dry_run()` shows the request instead.
///
/// ```no_run
/// # async fn demo() -> Result<(), tokenops::ApiError> {
/// use tokenops::hopr::{HoprClient, HoprConfig, TokenCapability, TokensCreateRequest};
/// use tokenops::CallOptions;
///
/// let hopr = HoprClient::new(HoprConfig {
///     base_url: "http://127.0.0.1:8787".into(),
///     api_token: "hopr-demo-token".into(),
///     ..Default::default()
/// })?;
/// let request = TokensCreateRequest {
///     capabilities: vec![TokenCapability { endpoint: "tokensGetToken".into(), ..Default::default() }],
///     lifetime: Some(3600),
///     ..Default::default()
/// };
/// let shown = hopr.create_token(&request, &CallOptions::default()).dry_run()?;
/// let created = hopr.create_token(&request, &CallOptions::default()).await?;
/// let mine = hopr.get_token(&CallOptions::default()).await?;
/// hopr.delete_token(&mine.id, &CallOptions::default()).await?;
/// # let _ = (shown, created);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HoprClient {
    sender: Rc<Fixed<()>>,
    auth_scheme: AuthScheme,
}

/// Shows [`HoprClient::describe`]: the settings, never the credential.
impl std::fmt::Debug for HoprClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("HoprClient").field(&self.describe()).finish()
    }
}

impl Client for HoprClient {
    type Context = ();

    fn sender(&self) -> Rc<dyn Sender<()>> {
        self.sender.clone()
    }
}

impl HoprClient {
    /// Checks the config and makes a client; sends nothing.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), tokenops::ApiError> {
    /// use tokenops::hopr::{HoprClient, HoprConfig};
    ///
    /// let hopr = HoprClient::new(HoprConfig {
    ///     base_url: "https://node.example".into(),
    ///     api_token: "hopr-admin-token".into(),
    ///     ..Default::default()
    /// })?;
    /// # let _ = hopr;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` or `InsecureUrl` naming the option, as [`HoprConfig::check`] says.
    pub fn new(config: HoprConfig) -> Result<HoprClient, ApiError> {
        let (settings, auth) = config.check()?;
        let caller = Caller {
            provider: Provider::Hopr,
            settings,
            error_fields: requests::error_fields,
        };
        Ok(HoprClient {
            sender: Rc::new(Fixed {
                caller,
                auth,
                context: (),
            }),
            auth_scheme: config.auth_scheme,
        })
    }

    /// The settings, without the token (what `JSON.stringify` shows of a JS client).
    ///
    /// ```no_run
    /// # fn demo(hopr: tokenops::hopr::HoprClient) {
    /// let shown = hopr.describe();
    /// assert_eq!(shown.provider, "hopr");
    /// println!("{} (timeout {} ms)", shown.base_url, shown.timeout_ms);
    /// # }
    /// ```
    pub fn describe(&self) -> HoprDescription {
        let settings = &self.sender.caller.settings;
        HoprDescription {
            provider: "hopr",
            base_url: settings.base_url.as_str().to_string(),
            auth_scheme: self.auth_scheme,
            timeout_ms: settings.timeout_ms,
        }
    }
}
