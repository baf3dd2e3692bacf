//! One shape and one set of rules for every list: `{items, total, page, per_page}`, pages from
//! 1, at most [`MAX_PER_PAGE`] items a page, [`DEFAULT_PER_PAGE`] unless asked. A page or a size
//! outside the rules is refused naming the parameter, never quietly changed; a page past the
//! end is an empty page with the true total.

use super::{Result, ServiceError};
use laureate_domain::values::Invalid;
use serde::Serialize;
use utoipa::ToSchema;

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 500;
/// The last page anyone may ask for (500 million items at the largest size).
pub const MAX_PAGE: u32 = 1_000_000;

/// One page of a list, and how long the whole list is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Items in the whole list, on every page.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    /// Items a page, as asked (or the default).
    pub per_page: u32,
}

/// A page asked for, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub per_page: u32,
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl Paging {
    /// The page a caller asked for, or every problem with it.
    pub fn parse(page: Option<u32>, per_page: Option<u32>) -> Result<Paging> {
        let mut problems = Vec::new();
        if page.is_some_and(|n| n == 0 || n > MAX_PAGE) {
            problems
                .push(Invalid::new("page", "out-of-range").with_detail(format!("1–{MAX_PAGE}")));
        }
        if per_page.is_some_and(|n| n == 0 || n > MAX_PER_PAGE) {
            problems.push(
                Invalid::new("per_page", "out-of-range").with_detail(format!("1–{MAX_PER_PAGE}")),
            );
        }
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        Ok(Paging {
            page: page.unwrap_or(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE),
        })
    }

    /// Items before this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// The page of a list held whole.
    pub fn of<T>(self, all: Vec<T>) -> Page<T> {
        let total = all.len() as u64;
        let start = usize::try_from(self.offset()).unwrap_or(usize::MAX);
        let items = all
            .into_iter()
            .skip(start)
            .take(self.per_page as usize)
            .collect();
        self.with(items, total)
    }

    /// A page whose items were read a page at a time.
    pub fn with<T>(self, items: Vec<T>, total: u64) -> Page<T> {
        Page {
            items,
            total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_start_at_one_and_are_bounded() {
        assert_eq!(Paging::parse(None, None).unwrap(), Paging::default());
        assert!(Paging::parse(Some(0), None).is_err());
        assert!(Paging::parse(Some(MAX_PAGE + 1), None).is_err());
        assert!(Paging::parse(Some(MAX_PAGE), Some(MAX_PER_PAGE)).is_ok());
        assert!(Paging::parse(None, Some(0)).is_err());
        assert!(Paging::parse(None, Some(MAX_PER_PAGE + 1)).is_err());
        let Err(ServiceError::Invalid(both)) = Paging::parse(Some(0), Some(0)) else {
            panic!("both refused");
        };
        let fields: Vec<_> = both.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["page", "per_page"]);
    }

    #[test]
    fn a_page_of_a_whole_list_keeps_the_total() {
        let p = Paging::parse(Some(2), Some(2))
            .unwrap()
            .of(vec![1, 2, 3, 4, 5]);
        assert_eq!(
            (p.items, p.total, p.page, p.per_page),
            (vec![3, 4], 5, 2, 2)
        );
        let past = Paging::parse(Some(9), Some(2)).unwrap().of(vec![1, 2, 3]);
        assert!(past.items.is_empty());
        assert_eq!(past.total, 3);
    }
}
