//! [`Pages`]: every item of a paged list as a [`Stream`], fetching a page only when the items
//! before it have been taken (so a consumer that stops early stops the fetching), and ending
//! after the first error.

use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::dry_run::DryRun;
use super::error::ApiError;

/// One fetched page: its items, and the cursor of the next page (`None`: this was the last).
pub struct Page<T> {
    /// The items, in order.
    pub items: Vec<T>,
    /// Where the next page starts (an index or a page number, as the source counts).
    pub next: Option<u32>,
}

/// The future of one page.
pub type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, ApiError>>>>;

/// The request of the first page, as a dry run shows it.
type Shown = std::rc::Rc<dyn Fn() -> Result<DryRun, ApiError>>;

/// Every item of a paged list (see the module doc): what `list_all` of the Authlete and Knetik
/// clients returns. Use it as a [`Stream`] (`futures::StreamExt` and the like), or call
/// [`Pages::next`]; drop it to stop.
///
/// ```no_run
/// # #[cfg(target_arch = "wasm32")]
/// # async fn demo(knetik: tokenops::knetik::KnetikClient) -> Result<(), tokenops::ApiError> {
/// use tokenops::knetik::TokensListAllQuery;
/// use tokenops::CallOptions;
///
/// let query = TokensListAllQuery { filter_username: Some("alice".into()), page_size: Some(100), ..Default::default() };
/// let mut tokens = knetik.list_all(&query, &CallOptions::default());
/// let mut clients = Vec::new();
/// while let Some(token) = tokens.next().await {
///     clients.push(token?.client_id); // an error ends the list
/// }
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// An item is `Err` when a page's call fails (see [`crate::http::Call`]'s errors); it is the
/// last item. Bad arguments of the listing are its first and only item.
pub struct Pages<T> {
    fetch: Box<dyn FnMut(u32) -> PageFuture<T>>,
    buffer: VecDeque<T>,
    next: Option<u32>,
    pending: Option<PageFuture<T>>,
    /// An error to hand out first (bad arguments, found before any request).
    failed: Option<ApiError>,
    /// The request of the first page (see [`Pages::dry_run`]).
    shown: Option<Shown>,
}

// Nothing of `T` is ever pinned: items are moved in and out of the buffer freely.
impl<T> Unpin for Pages<T> {}

impl<T: 'static> Pages<T> {
    /// Pages starting at cursor `first`, each fetched with `fetch(cursor)`.
    pub fn new(first: u32, fetch: impl FnMut(u32) -> PageFuture<T> + 'static) -> Self {
        Pages {
            fetch: Box::new(fetch),
            buffer: VecDeque::new(),
            next: Some(first),
            pending: None,
            failed: None,
            shown: None,
        }
    }

    /// The same pages, with `shown` giving the request of the first page (see
    /// [`Pages::dry_run`]).
    pub fn showing(self, shown: impl Fn() -> Result<DryRun, ApiError> + 'static) -> Self {
        let shown: Shown = std::rc::Rc::new(shown);
        Pages {
            shown: Some(shown),
            ..self
        }
    }

    /// The request of the first page, nothing fetched: a dry run of the listing, or the error
    /// of its bad arguments; `None` for pages not given their request ([`Pages::showing`]).
    ///
    /// ```no_run
    /// # #[cfg(target_arch = "wasm32")]
    /// # fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::TokenListAllQuery;
    /// use tokenops::CallOptions;
    ///
    /// let query = TokenListAllQuery { subject: Some("alice".into()), page_size: Some(50), ..Default::default() };
    /// let first = authlete.list_all(&query, &CallOptions::default()).dry_run();
    /// if let Some(shown) = first {
    ///     assert!(shown?.url.contains("start=0&end=50"));
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn dry_run(&self) -> Option<Result<DryRun, ApiError>> {
        match (&self.failed, &self.shown) {
            (Some(e), _) => Some(Err(e.clone())),
            (None, shown) => shown.as_ref().map(|shown| shown()),
        }
    }

    /// A list whose only item is `err`.
    pub fn failed(err: ApiError) -> Self {
        Pages {
            fetch: Box::new(|_| Box::pin(std::future::pending())),
            buffer: VecDeque::new(),
            next: None,
            pending: None,
            failed: Some(err),
            shown: None,
        }
    }

    /// The next item, `None` after the last one (or after an error). See [`Pages`] for an
    /// example.
    pub async fn next(&mut self) -> Option<Result<T, ApiError>> {
        poll_fn(|cx| self.poll_item(cx)).await
    }

    /// The same list with the items of each page turned into others by `f`, a page at a time as
    /// it arrives (items already buffered count as one page); a page `f` refuses ends the list
    /// with that error.
    pub fn map_pages<U: 'static>(
        self,
        f: impl Fn(Vec<T>) -> Result<Vec<U>, ApiError> + 'static,
    ) -> Pages<U> {
        let Pages {
            mut fetch,
            buffer,
            next,
            pending,
            failed,
            shown,
        } = self;
        let f = std::rc::Rc::new(f);
        let wrap = {
            let f = f.clone();
            move |fut: PageFuture<T>| -> PageFuture<U> {
                let f = f.clone();
                Box::pin(async move {
                    let page = fut.await?;
                    Ok(Page {
                        items: f(page.items)?,
                        next: page.next,
                    })
                })
            }
        };
        let (buffer, failed) = match f(buffer.into_iter().collect()) {
            Ok(items) => (items.into(), failed),
            Err(e) => (VecDeque::new(), Some(e)),
        };
        let pending = pending.map(&wrap);
        Pages {
            fetch: Box::new(move |cursor| wrap(fetch(cursor))),
            buffer,
            next,
            pending,
            failed,
            shown,
        }
    }

    /// Stops: no further page is fetched, and the items not taken yet are dropped.
    pub fn stop(&mut self) {
        self.next = None;
        self.pending = None;
        self.failed = None;
        self.buffer.clear();
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, ApiError>>> {
        if let Some(err) = self.failed.take() {
            self.stop();
            return Poll::Ready(Some(Err(err)));
        }
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if self.pending.is_none() {
                let Some(cursor) = self.next else {
                    return Poll::Ready(None);
                };
                self.pending = Some((self.fetch)(cursor));
            }
            let Some(pending) = self.pending.as_mut() else {
                return Poll::Ready(None);
            };
            let page = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(page) => page,
            };
            self.pending = None;
            match page {
                Ok(page) => {
                    self.buffer.extend(page.items);
                    self.next = page.next;
                }
                Err(err) => {
                    self.stop();
                    return Poll::Ready(Some(Err(err)));
                }
            }
        }
    }
}

impl<T: 'static> Stream for Pages<T> {
    type Item = Result<T, ApiError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::{ErrorKind, Provider};
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::task::Waker;

    /// Runs a future that never waits (every page here is ready at once).
    fn now<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("the future waited"),
        }
    }

    fn pages(total: u32, size: u32, log: Rc<RefCell<Vec<u32>>>) -> Pages<u32> {
        Pages::new(0, move |start| {
            log.borrow_mut().push(start);
            let end = (start + size).min(total);
            let page = Page {
                items: (start..end).collect(),
                next: (end < total).then_some(end),
            };
            Box::pin(std::future::ready(Ok(page)))
        })
    }

    #[test]
    fn yields_every_item_once_and_fetches_lazily() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut p = pages(25, 10, log.clone());
        let mut seen = Vec::new();
        while let Some(item) = now(p.next()) {
            seen.push(item.unwrap());
        }
        assert_eq!(seen, (0..25).collect::<Vec<_>>());
        assert_eq!(*log.borrow(), vec![0, 10, 20]);

        let log = Rc::new(RefCell::new(Vec::new()));
        let mut p = pages(25, 10, log.clone());
        for _ in 0..10 {
            now(p.next());
        }
        p.stop();
        assert!(now(p.next()).is_none());
        assert_eq!(
            *log.borrow(),
            vec![0],
            "no page after the tenth item was asked for"
        );
    }

    #[test]
    fn map_pages_turns_every_item() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut p =
            pages(12, 5, log).map_pages(|items| Ok(items.into_iter().map(|i| i * 2).collect()));
        let mut seen = Vec::new();
        while let Some(item) = now(p.next()) {
            seen.push(item.unwrap());
        }
        assert_eq!(seen, (0..12).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn ends_after_an_error() {
        let err = ApiError::new(ErrorKind::Network, Provider::Knetik, "getTokens", "down");
        let mut p: Pages<u32> = Pages::failed(err.clone());
        assert_eq!(now(p.next()).unwrap().unwrap_err(), err);
        assert!(now(p.next()).is_none());
        let mut p: Pages<u32> =
            Pages::new(1, move |_| Box::pin(std::future::ready(Err(err.clone()))));
        assert!(now(p.next()).unwrap().is_err());
        assert!(now(p.next()).is_none());
    }
}
