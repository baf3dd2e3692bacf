//! The public registry's read models kept in memory: laureate lists and searches, records and
//! statistics, the pages news sites link to on announcement day. Every write to the registry in
//! this process ends the copies at once (a new generation). On PostgreSQL the write also sends a
//! notification with its commit, and every server's [`Follower`] ends its copies when it arrives,
//! so several servers on one database read each other's writes. Copies also expire after a short
//! time, which bounds what a reader can miss of a write whose notice never came (the command line
//! on SQLite, a lost connection).

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a copy may serve readers when nothing in this process changed the registry.
pub const TIME_TO_LIVE: Duration = Duration::from_secs(2);
/// Copies kept at most; past it the cache starts afresh (searches are unbounded in number). With
/// lists of at most 100 records (see `Service::laureates`), a few tens of megabytes at most.
const CAPACITY: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    List(String),
    Record(i64),
    /// A program's statistics, by the program's id.
    Stats(String),
    /// A whole rendered answer to an anonymous request (see `web::public_cache`).
    Response(String),
}

struct Entry {
    generation: u64,
    made: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

/// Turns for making a missing copy, by the key's hash: readers of one key wait for the first to
/// make it instead of all making it at once when it expires (a few shared turns, so two keys
/// rarely wait on each other).
const TURNS: usize = 64;

pub struct RegistryCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<Key, Entry>>,
    turns: [tokio::sync::Mutex<()>; TURNS],
}

impl Default for RegistryCache {
    fn default() -> Self {
        RegistryCache {
            generation: AtomicU64::new(0),
            entries: Mutex::default(),
            turns: std::array::from_fn(|_| tokio::sync::Mutex::new(())),
        }
    }
}

impl RegistryCache {
    /// Ends every copy: called after each committed write to the registry.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The copy under `key` if it is current, else what `load` reads, kept for the next reader.
    /// The generation is taken before the read, so a write committed while it runs leaves the
    /// copy stale rather than kept. Readers share the one copy: a hit costs a reference count,
    /// never a copy of the value.
    pub async fn get_or_load<T, F>(&self, key: Key, load: F) -> super::Result<Arc<T>>
    where
        T: Send + Sync + 'static,
        F: Future<Output = super::Result<T>>,
    {
        let generation = self.generation.load(Ordering::SeqCst);
        if let Some(hit) = self.lookup::<T>(&key, generation) {
            return Ok(hit);
        }
        let value = Arc::new(load.await?);
        self.keep(key, generation, value.clone());
        Ok(value)
    }

    /// The turn for making the copy under `key`: take it, look again, and make the copy only if
    /// it is still missing.
    pub async fn turn(&self, key: &Key) -> tokio::sync::MutexGuard<'_, ()> {
        use std::hash::{BuildHasher, RandomState};
        static HASHER: std::sync::OnceLock<RandomState> = std::sync::OnceLock::new();
        let hash = HASHER.get_or_init(RandomState::new).hash_one(key);
        self.turns[(hash % TURNS as u64) as usize].lock().await
    }

    /// The copy under `key` if it is current.
    pub fn current<T: Send + Sync + 'static>(&self, key: &Key) -> Option<Arc<T>> {
        self.lookup(key, self.generation())
    }

    /// Keeps `value` under `key` as read at `generation` (taken before the read began): if the
    /// registry changed since, the copy is already stale and no reader gets it.
    pub fn keep<T: Send + Sync + 'static>(&self, key: Key, generation: u64, value: Arc<T>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                generation,
                made: Instant::now(),
                value,
            },
        );
    }

    /// How many times the registry changed, as this process heard of it.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn lookup<T: Send + Sync + 'static>(&self, key: &Key, generation: u64) -> Option<Arc<T>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get(key)?;
        if entry.generation != generation || entry.made.elapsed() > TIME_TO_LIVE {
            return None;
        }
        entry.value.clone().downcast::<T>().ok()
    }
}

/// Listens for the registry's change notifications on a PostgreSQL database and ends the copies
/// of the caches it serves.
pub struct Follower {
    listener: sqlx::postgres::PgListener,
}

impl Follower {
    /// Connects and listens; from the moment this returns, no change is missed.
    pub async fn connect(url: &str) -> Result<Follower, sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect(url).await?;
        listener.listen(crate::db::REGISTRY_CHANNEL).await?;
        Ok(Follower { listener })
    }

    /// Runs until the process ends. A lost connection may have lost notices with it, so it ends
    /// every copy too; the listener connects again on the next call and listens again.
    pub async fn run(mut self, caches: Vec<Arc<RegistryCache>>) {
        let end_all = || caches.iter().for_each(|c| c.changed());
        loop {
            match self.listener.try_recv().await {
                Ok(Some(_)) => end_all(),
                Ok(None) => {
                    tracing::warn!("lost the registry notification connection; reconnecting");
                    end_all();
                }
                Err(e) => {
                    tracing::warn!(error = %e, "registry notifications failed; retrying");
                    end_all();
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_copy_serves_until_the_registry_changes() {
        let cache = RegistryCache::default();
        let loads = AtomicU64::new(0);
        let load =
            || async { Ok::<_, super::super::ServiceError>(loads.fetch_add(1, Ordering::SeqCst)) };
        assert_eq!(
            *cache
                .get_or_load(Key::Stats(String::new()), load())
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            *cache
                .get_or_load(Key::Stats(String::new()), load())
                .await
                .unwrap(),
            0
        );
        assert_eq!(*cache.get_or_load(Key::Record(1), load()).await.unwrap(), 1);
        cache.changed();
        assert_eq!(
            *cache
                .get_or_load(Key::Stats(String::new()), load())
                .await
                .unwrap(),
            2
        );
        assert_eq!(*cache.get_or_load(Key::Record(1), load()).await.unwrap(), 3);
    }

    #[tokio::test]
    async fn a_write_during_a_read_leaves_that_read_uncached() {
        let cache = RegistryCache::default();
        let stale = cache
            .get_or_load(Key::Stats(String::new()), async {
                cache.changed();
                Ok::<_, super::super::ServiceError>("read before the write")
            })
            .await
            .unwrap();
        assert_eq!(*stale, "read before the write");
        let fresh = cache
            .get_or_load(Key::Stats(String::new()), async {
                Ok::<_, super::super::ServiceError>("read after")
            })
            .await
            .unwrap();
        assert_eq!(*fresh, "read after");
    }
}
