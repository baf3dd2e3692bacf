//! How a long use case reports how far it got: the command line draws a progress bar on a
//! terminal; the web and tests pass [`Quiet`].

/// Told the amount of work when it is known, then each unit done.
pub trait Progress: Sync {
    fn start(&self, _total: u64, _what: &str) {}
    fn advance(&self, _done: u64) {}
}

/// Reports nothing.
pub struct Quiet;

impl Progress for Quiet {}
