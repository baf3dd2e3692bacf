//! The transparency log's use cases (see `crate::transparency`): the sequencer that integrates
//! audit entries into the tree and publishes signed checkpoints, the tiles and checkpoints the
//! public reads, proofs, and checking the log against a checkpoint held elsewhere.

use super::paging::{Page, Paging};
use super::{Entity, Result, Service, ServiceError};
use crate::db::{self, Conn};
use crate::transparency::{self as tlog, Hash, Hashes};
use laureate_domain::values::Invalid;
use serde::Serialize;
use utoipa::ToSchema;

/// The most entries one run of the sequencer integrates (one transaction).
pub const SEQUENCE_BATCH: i64 = 4096;

/// A checkpoint the log published.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckpointView {
    /// Leaves in the tree (audit entries).
    pub size: u64,
    /// The tree's RFC 6962 root hash, base64.
    pub root_hash: String,
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// The checkpoint as served: a C2SP signed note.
    pub note: String,
}

/// An entry's inclusion proof (RFC 6962 audit path) against a tree of `size` leaves.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InclusionProofView {
    /// The entry's place in the log (its leaf), which the sequencer gave it.
    pub index: u64,
    pub size: u64,
    /// The leaf's data, base64: the SHA-256 of the entry's canonical content.
    pub leaf_data: String,
    /// The leaf's RFC 6962 hash, base64.
    pub leaf_hash: String,
    /// The root of the tree of `size` leaves, base64.
    pub root_hash: String,
    /// The audit path, base64 hashes from the leaf up.
    pub proof: Vec<String>,
    /// The signed checkpoint of that tree, when one was published at that size.
    pub checkpoint: Option<String>,
}

/// A consistency proof: the tree of `to` leaves extends the tree of `from` leaves.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsistencyProofView {
    pub from: u64,
    pub to: u64,
    pub from_root: String,
    pub to_root: String,
    /// Base64 hashes, as RFC 6962 orders them.
    pub proof: Vec<String>,
}

/// The log's public key and where it stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogInfoView {
    /// The log's origin, the first line of every checkpoint.
    pub origin: String,
    /// The key that signs checkpoints, in the C2SP form `<name>+<id>+<key>`.
    pub public_key: String,
    /// The newest checkpoint, if any was published.
    pub checkpoint: Option<CheckpointView>,
}

/// Where a decision stands in the log: its entry and the first checkpoint that covers it. The
/// entry's inclusion proof is at `GET /api/v1/log/proof?index={index}&size={checkpoint.size}`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogAnchor {
    /// The entry's place in the log (its leaf).
    pub index: u64,
    /// The entry's leaf data, base64: the SHA-256 of its canonical content.
    pub leaf_data: String,
    pub checkpoint: CheckpointView,
}

/// How the log stands against a checkpoint held elsewhere (`laureate audit verify --checkpoint`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointCheck {
    /// The log's first `size` entries, recomputed from their content, make the checkpoint's
    /// tree; the log has `now` entries.
    Extends { size: u64, now: u64 },
    /// The log holds fewer entries than the checkpoint covers.
    Truncated { size: u64, held: u64 },
    /// The recomputed tree differs; `entry`, when the stored tree still remembers it, is the
    /// first entry whose content no longer matches its leaf.
    Rewritten { size: u64, entry: Option<i64> },
}

fn view(row: db::tlog::CheckpointRow) -> Result<CheckpointView> {
    Ok(CheckpointView {
        size: u64::try_from(row.size).unwrap_or(0),
        root_hash: row.root,
        published_at: db::time_from_db(&row.published_at)?,
        note: row.note,
    })
}

/// Runs `f` over hashes read from the database, fetching what it lacked and asking again.
async fn with_hashes<T>(
    conn: &mut Conn,
    f: impl Fn(&Hashes) -> std::result::Result<T, tlog_tiles::Error>,
) -> Result<T> {
    let mut hashes = Hashes::default();
    for _ in 0..8 {
        match f(&hashes) {
            Ok(v) => return Ok(v),
            Err(e) => {
                let lacking = hashes.take_lacking();
                if lacking.is_empty() {
                    return Err(anyhow::anyhow!("the log's tree: {e}").into());
                }
                let found = db::tlog::hashes(conn, &lacking).await?;
                if found.len() < lacking.len() {
                    return Err(anyhow::anyhow!("the log's tree lacks stored hashes").into());
                }
                for (i, h) in found {
                    hashes.insert(i, h);
                }
            }
        }
    }
    Err(anyhow::anyhow!("the log's tree: too many reads for one answer").into())
}

/// The entry an announcement anchors in the log: a round's approval.
const ANCHORED_ACTION: &str = tlog::APPROVAL_ACTION;

/// The lease that makes one server the log's sequencer. (`log-sequencer`, the lease of the
/// versions before migration 43, is held for good by that migration, so a server of an earlier
/// version still running never sequences.)
pub const SEQUENCER_LEASE: &str = "tlog-sequencer";

/// How long a sequencer holds its lease without renewing it: a server that dies hands the log
/// to another after this.
const SEQUENCER_HOLD_SECONDS: i64 = 10;

/// How often the sequencer runs: a checkpoint follows new entries within this.
pub const SEQUENCER_PERIOD: std::time::Duration = std::time::Duration::from_millis(250);

impl Service {
    /// One tick of the sequencer on this server: if it holds (or takes) the lease, one run of
    /// [`Service::sequence_log`]; `None` when another server is the sequencer, or this process
    /// never sequences (see [`Service::without_sequencing`]).
    pub async fn sequencer_tick(&self) -> Result<Option<u64>> {
        if !self.sequences {
            return Ok(None);
        }
        let (now, now_s) = self.now();
        let until = db::time_to_db(now + chrono::Duration::seconds(SEQUENCER_HOLD_SECONDS));
        let mut conn = self.db.conn().await?;
        if !db::jobs::take(&mut conn, SEQUENCER_LEASE, self.instance(), &now_s, &until).await? {
            return Ok(None);
        }
        drop(conn);
        let n = self.sequence_log().await?;
        if n > 0
            && let Err(e) = self.collect_cosignatures().await
        {
            tracing::warn!(error = ?e, "collecting the witnesses' cosignatures");
        }
        Ok(Some(n))
    }

    /// The key that signs the log's checkpoints.
    pub fn log_key(&self) -> &tlog::LogKey {
        &self.log_key
    }

    /// One run of the sequencer: integrates the entries waiting for it (at most
    /// [`SEQUENCE_BATCH`], in the order of their numbers) in one transaction, recording each
    /// one's leaf, and publishes the signed checkpoint of the new tree in it. The first run publishes a checkpoint even of an empty log. Returns how many
    /// entries it integrated. Two runs at once cannot both move the tree (the size moves only
    /// from what was read), so the one that loses integrates nothing.
    pub async fn sequence_log(&self) -> Result<u64> {
        let mut tx = self.db.begin().await?;
        let size = db::tlog::size(&mut tx).await?;
        let entries = db::audit::queued(&mut tx, SEQUENCE_BATCH).await?;
        let published = db::tlog::latest(&mut tx).await?;
        if entries.is_empty() && published.is_some() {
            return Ok(0);
        }
        let mut hashes = Hashes::default();
        let frontier = tlog::frontier(size);
        for (i, h) in db::tlog::hashes(&mut tx, &frontier).await? {
            hashes.insert(i, h);
        }
        let first = tlog_tiles::stored_hash_index(0, size);
        let mut stored = Vec::new();
        for (n, e) in (size..).zip(&entries) {
            let leaf = tlog::leaf_hash(&tlog::leaf_data(e));
            let new = tlog_tiles::stored_hashes_for_record_hash(n, leaf, &hashes)
                .map_err(|e| anyhow::anyhow!("the log's tree at {n}: {e}"))?;
            let at = tlog_tiles::stored_hash_index(0, n);
            for (i, h) in new.into_iter().enumerate() {
                hashes.insert(at + i as u64, h);
                stored.push(h);
            }
        }
        let new_size = size + entries.len() as u64;
        if !entries.is_empty() {
            // The size moves first: a second sequencer waits here, then finds it moved.
            if !db::tlog::advance(&mut tx, size, new_size).await? {
                return Ok(0);
            }
            let seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
            db::audit::integrate(&mut tx, size, &seqs).await?;
            db::tlog::store(&mut tx, first, &stored).await?;
        }
        let root = tree_hash(new_size, &hashes)
            .map_err(|e| anyhow::anyhow!("the log's root at {new_size}: {e}"))?;
        let note = self.log_key.sign_checkpoint(new_size, &root)?;
        let (_, now) = self.now();
        db::tlog::publish(
            &mut tx,
            &db::tlog::CheckpointRow {
                size: new_size as i64,
                root: tlog::hash_text(&root),
                note,
                published_at: now,
            },
        )
        .await?;
        // An announcement shows the checkpoint that first covers its approval: its cached
        // copies end when that checkpoint is published.
        if entries.iter().any(|e| e.action == ANCHORED_ACTION) {
            self.commit_registry(tx).await?;
        } else {
            tx.commit().await?;
        }
        Ok(entries.len() as u64)
    }

    /// Runs the sequencer until it has integrated every entry there is (tests, commands).
    pub async fn sequence_log_fully(&self) -> Result<u64> {
        let mut total = 0;
        loop {
            let n = self.sequence_log().await?;
            total += n;
            if n < SEQUENCE_BATCH as u64 {
                return Ok(total);
            }
        }
    }

    /// The log's key and newest checkpoint (public).
    pub async fn log_info(&self) -> Result<LogInfoView> {
        let mut conn = self.db.conn().await?;
        Ok(LogInfoView {
            origin: self.log_key.origin().to_owned(),
            public_key: self.log_key.verifier_key().to_owned(),
            checkpoint: db::tlog::latest(&mut conn).await?.map(view).transpose()?,
        })
    }

    /// The newest signed checkpoint, as served at `/log/checkpoint`.
    pub async fn log_checkpoint(&self) -> Result<String> {
        let mut conn = self.db.conn().await?;
        db::tlog::latest(&mut conn)
            .await?
            .map(|c| c.note)
            .ok_or(ServiceError::NotFound(Entity::LogTile))
    }

    /// A page of every checkpoint published, newest first (public).
    pub async fn log_checkpoints(&self, paging: Paging) -> Result<Page<CheckpointView>> {
        let mut conn = self.db.conn().await?;
        let (rows, total) = db::tlog::list(
            &mut conn,
            i64::from(paging.per_page),
            paging.offset() as i64,
        )
        .await?;
        let items = rows.into_iter().map(view).collect::<Result<Vec<_>>>()?;
        Ok(paging.with(items, u64::try_from(total).unwrap_or(0)))
    }

    /// The newest checkpoint published before an instant: what a reader could hold then.
    pub async fn log_checkpoint_before(
        &self,
        before: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<CheckpointView>> {
        let mut conn = self.db.conn().await?;
        db::tlog::latest_before(&mut conn, &db::time_to_db(before))
            .await?
            .map(view)
            .transpose()
    }

    /// The newest approval entry of a subject (a cycle) and the first checkpoint covering
    /// it, once one does.
    pub(crate) async fn log_anchor(
        &self,
        conn: &mut Conn,
        subject: (&str, &str),
    ) -> Result<Option<LogAnchor>> {
        let action = ANCHORED_ACTION;
        let Some(entry) = db::audit::for_subject(conn, subject.0, subject.1)
            .await?
            .into_iter()
            .rfind(|e| e.action == action)
        else {
            return Ok(None);
        };
        let Some((index, row)) = leaf_and_checkpoint(conn, entry.seq).await? else {
            return Ok(None);
        };
        Ok(Some(LogAnchor {
            index,
            leaf_data: base64_of(&tlog::leaf_data(&entry)),
            checkpoint: view(row)?,
        }))
    }

    /// The size of the newest published tree: what tiles and proofs are served for.
    async fn published_size(conn: &mut Conn) -> Result<u64> {
        Ok(db::tlog::latest(conn)
            .await?
            .map_or(0, |c| u64::try_from(c.size).unwrap_or(0)))
    }

    /// A tile of the published tree, by its C2SP path under `/log/` (`tile/0/000`,
    /// `tile/entries/001.p/7`): hashes, or an entry bundle of the leaves' data.
    pub async fn log_tile(&self, path: &str) -> Result<Vec<u8>> {
        let tile = tlog::tile_from_path(path).ok_or(ServiceError::NotFound(Entity::LogTile))?;
        let mut conn = self.db.conn().await?;
        let size = Self::published_size(&mut conn).await?;
        let start = tile.level_index() << TILE_SHIFT;
        let end = start + u64::from(tile.width());
        let level_shift = u32::from(tile.level()) * u32::from(tlog::TILE_HEIGHT);
        let covered = end
            .checked_shl(level_shift)
            .filter(|e| e >> level_shift == end);
        if covered.is_none_or(|leaves| leaves > size) {
            return Err(ServiceError::NotFound(Entity::LogTile));
        }
        if tile.is_data() {
            let leaves = db::audit::leaves(&mut conn, start, i64::from(tile.width())).await?;
            let data = leaves
                .iter()
                .zip(start..)
                .filter(|(l, i)| l.index == *i)
                .filter_map(|(l, _)| l.entry.as_ref().map(tlog::leaf_data))
                .collect::<Vec<_>>();
            if data.len() != tile.width() as usize {
                return Err(anyhow::anyhow!("the audit log lacks entries the tree holds").into());
            }
            return Ok(tlog::entry_bundle(&data));
        }
        with_hashes(&mut conn, |h| tile.read_data(h)).await
    }

    /// An entry's inclusion proof in the published tree of `size` leaves (the newest if none
    /// is named). `index` is the entry's place in the log (its leaf).
    pub async fn log_inclusion_proof(
        &self,
        index: u64,
        size: Option<u64>,
    ) -> Result<InclusionProofView> {
        let mut conn = self.db.conn().await?;
        let published = Self::published_size(&mut conn).await?;
        let size = size.unwrap_or(published);
        if size > published || size == 0 {
            return Err(Invalid::new("size", "out-of-range")
                .with_detail(format!("1–{published}"))
                .into());
        }
        if index >= size {
            return Err(Invalid::new("index", "out-of-range")
                .with_detail(format!("0–{}", size - 1))
                .into());
        }
        let entry = db::audit::leaves(&mut conn, index, 1)
            .await?
            .into_iter()
            .find(|l| l.index == index)
            .and_then(|l| l.entry)
            .ok_or(ServiceError::NotFound(Entity::LogTile))?;
        let data = tlog::leaf_data(&entry);
        let (proof, root) = with_hashes(&mut conn, |h| {
            Ok((
                tlog_tiles::prove_record(size, index, h)?,
                tlog_tiles::tree_hash(size, h)?,
            ))
        })
        .await?;
        Ok(InclusionProofView {
            index,
            size,
            leaf_data: base64_of(&data),
            leaf_hash: tlog::hash_text(&tlog::leaf_hash(&data)),
            root_hash: tlog::hash_text(&root),
            proof: proof.iter().map(tlog::hash_text).collect(),
            checkpoint: db::tlog::note_of_size(&mut conn, size).await?,
        })
    }

    /// The proof that the published tree of `to` leaves (the newest if none is named) extends
    /// the tree of `from` leaves.
    pub async fn log_consistency_proof(
        &self,
        from: u64,
        to: Option<u64>,
    ) -> Result<ConsistencyProofView> {
        let mut conn = self.db.conn().await?;
        let published = Self::published_size(&mut conn).await?;
        let to = to.unwrap_or(published);
        if to > published {
            return Err(Invalid::new("to", "out-of-range")
                .with_detail(format!("0–{published}"))
                .into());
        }
        if from > to {
            return Err(Invalid::new("from", "out-of-range")
                .with_detail(format!("0–{to}"))
                .into());
        }
        let (proof, from_root, to_root) = with_hashes(&mut conn, |h| {
            let proof = if from == 0 || from == to {
                Vec::new()
            } else {
                tlog_tiles::prove_tree(to, from, h)?
            };
            Ok((proof, tree_hash(from, h)?, tree_hash(to, h)?))
        })
        .await?;
        Ok(ConsistencyProofView {
            from,
            to,
            from_root: tlog::hash_text(&from_root),
            to_root: tlog::hash_text(&to_root),
            proof: proof.iter().map(tlog::hash_text).collect(),
        })
    }

    /// Checks the log against a signed checkpoint held outside the database: the signature (by
    /// `verifier_key`, or this server's log key), then the tree recomputed from the entries'
    /// content alone, never from the hashes the database stores.
    pub async fn check_log_against(
        &self,
        note: &[u8],
        verifier_key: Option<&str>,
    ) -> anyhow::Result<CheckpointCheck> {
        let key = verifier_key.unwrap_or(self.log_key.verifier_key());
        let checkpoint = tlog::open_checkpoint(note, key)?;
        let size = checkpoint.size();
        let mut conn = self.db.conn().await?;
        let tree = recompute_tree(&mut conn, size, 0).await?;
        let check = match tree.gone {
            Some(Gone::Truncated { index, .. } | Gone::Leaves { index }) => {
                CheckpointCheck::Truncated { size, held: index }
            }
            Some(Gone::Removed { seq }) => CheckpointCheck::Rewritten {
                size,
                entry: Some(seq),
            },
            None if tree.root != Some(*checkpoint.hash()) => CheckpointCheck::Rewritten {
                size,
                entry: tree.first_edited,
            },
            None => CheckpointCheck::Extends {
                size,
                now: db::tlog::size(&mut conn).await?,
            },
        };
        Ok(check)
    }
}

/// The leaf of entry `seq` and the first checkpoint that covers it, once there is one.
pub(crate) async fn leaf_and_checkpoint(
    conn: &mut Conn,
    seq: i64,
) -> Result<Option<(u64, db::tlog::CheckpointRow)>> {
    let Some(index) = db::audit::index_of(conn, seq).await? else {
        return Ok(None);
    };
    Ok(db::tlog::first_covering(conn, index as i64 + 1)
        .await?
        .map(|row| (index, row)))
}

/// Entries the log's leaves record that are no longer in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gone {
    /// Every entry from leaf `index` (entry `seq`) to the end.
    Truncated { index: u64, seq: i64 },
    /// Entry `seq`, with later ones still there.
    Removed { seq: i64 },
    /// The tree's own record of its leaves from `index` on (which entry each holds).
    Leaves { index: u64 },
}

/// The log's tree recomputed from the entries' content alone, in the order its leaves record.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recomputed {
    /// The root of the tree of the size asked for, when every leaf's entry was there.
    pub root: Option<Hash>,
    /// The first entry whose content no longer makes the leaf the tree stored for it.
    pub first_edited: Option<i64>,
    pub gone: Option<Gone>,
    /// Leaves whose entry is after `chain_end` (written since the sequencer took over).
    pub after_chain: u64,
}

/// Recomputes the tree of the first `size` leaves from the entries they record; a leaf the
/// database no longer records counts as an entry gone from there on.
pub(crate) async fn recompute_tree(
    conn: &mut Conn,
    size: u64,
    chain_end: i64,
) -> Result<Recomputed> {
    let mut out = Recomputed::default();
    let mut recomputed = Hashes::default();
    let mut held = 0u64;
    let mut missing: Option<(u64, i64)> = None;
    while held < size {
        let take = (size - held).min(5000) as i64;
        let page = db::audit::leaves(conn, held, take).await?;
        let stored = db::tlog::hashes(
            conn,
            &page
                .iter()
                .map(|l| tlog_tiles::stored_hash_index(0, l.index))
                .collect::<Vec<_>>(),
        )
        .await?;
        for leaf in &page {
            if leaf.index != held {
                break;
            }
            held += 1;
            out.after_chain += u64::from(leaf.seq > chain_end);
            let Some(e) = &leaf.entry else {
                missing.get_or_insert((leaf.index, leaf.seq));
                continue;
            };
            if let Some((_, seq)) = missing {
                out.gone = Some(Gone::Removed { seq });
                return Ok(out);
            }
            let hash = tlog::leaf_hash(&tlog::leaf_data(e));
            let index = tlog_tiles::stored_hash_index(0, leaf.index);
            if out.first_edited.is_none() && stored.get(&index).is_some_and(|h| *h != hash) {
                out.first_edited = Some(e.seq);
            }
            for (i, h) in tlog_tiles::stored_hashes_for_record_hash(leaf.index, hash, &recomputed)
                .map_err(|e| anyhow::anyhow!("the log's tree: {e}"))?
                .into_iter()
                .enumerate()
            {
                recomputed.insert(index + i as u64, h);
            }
        }
        recomputed.keep_only(&tlog::frontier(held));
        if held < size && page.last().is_none_or(|l| l.index + 1 != held) {
            break;
        }
    }
    if let Some((index, seq)) = missing {
        out.gone = Some(Gone::Truncated { index, seq });
    } else if held < size {
        out.gone = Some(Gone::Leaves { index: held });
    } else {
        out.root =
            Some(tree_hash(size, &recomputed).map_err(|e| anyhow::anyhow!("the log's tree: {e}"))?);
    }
    Ok(out)
}

/// Leaves of the level below a tile, per tile: `2^TILE_HEIGHT`.
const TILE_SHIFT: u32 = tlog::TILE_HEIGHT as u32;

/// The root of the tree of `n` leaves (the empty tree's hash for none).
fn tree_hash(n: u64, h: &Hashes) -> std::result::Result<Hash, tlog_tiles::Error> {
    if n == 0 {
        return Ok(tlog_tiles::EMPTY_HASH);
    }
    tlog_tiles::tree_hash(n, h)
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
