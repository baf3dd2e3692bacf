//! Sending the log's checkpoints to its witnesses (C2SP tlog-witness) and keeping their
//! cosignatures with the checkpoints, so `/log/checkpoint` serves them to readers who require
//! them.

use super::{Result, Service};
use crate::db;
use crate::transparency as tlog;
use crate::witness::{self, WitnessEndpoint};
use std::time::Duration;

/// How long a witness has to answer.
const WITNESS_TIMEOUT: Duration = Duration::from_secs(5);

impl Service {
    /// The witnesses the log sends its checkpoints to.
    pub fn witnesses(&self) -> &[WitnessEndpoint] {
        &self.witnesses
    }

    /// Asks each witness that has not yet cosigned the newest checkpoint to cosign it, with the
    /// proof that it extends the last one the witness cosigned. Returns how many cosigned now; a
    /// witness that refuses or does not answer is asked again at the next checkpoint.
    pub async fn collect_cosignatures(&self) -> Result<usize> {
        if self.witnesses.is_empty() {
            return Ok(0);
        }
        let mut conn = self.db.conn().await?;
        let Some(latest) = db::tlog::latest(&mut conn).await? else {
            return Ok(0);
        };
        drop(conn);
        let size = u64::try_from(latest.size).unwrap_or(0);
        let client = reqwest::Client::builder()
            .timeout(WITNESS_TIMEOUT)
            .build()
            .map_err(anyhow::Error::from)?;
        let mut cosigned = 0;
        for w in self.witnesses.iter() {
            if w.verifier.cosigned(latest.note.as_bytes()).is_some() {
                continue;
            }
            match self.ask_witness(&client, w, size, &latest.note).await {
                Ok(Some(line)) => {
                    let mut conn = self.db.conn().await?;
                    db::tlog::add_cosignature(&mut conn, &w.verifier.name, size, &line).await?;
                    cosigned += 1;
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(witness = %w.verifier.name, error = %e, "a witness did not cosign");
                }
            }
        }
        Ok(cosigned)
    }

    /// One witness's cosignature line of the checkpoint `note` of `size` leaves, once checked;
    /// `None` if it refused.
    async fn ask_witness(
        &self,
        client: &reqwest::Client,
        w: &WitnessEndpoint,
        size: u64,
        note: &str,
    ) -> anyhow::Result<Option<String>> {
        let mut conn = self.db.conn().await?;
        let mut old = db::tlog::witness_size(&mut conn, &w.verifier.name).await?;
        drop(conn);
        // A witness that lost track (or follows from another start) says which size it holds:
        // one more try from there.
        for _ in 0..2 {
            if old > size {
                anyhow::bail!("the witness holds {old} entries, more than the log's {size}");
            }
            let proof = self
                .log_consistency_proof(old, Some(size))
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?
                .proof
                .iter()
                .filter_map(|h| tlog::parse_hash(h))
                .collect::<Vec<_>>();
            let answer = client
                .post(format!("{}/add-checkpoint", w.url))
                .body(witness::add_checkpoint_body(old, &proof, note))
                .send()
                .await?;
            let status = answer.status();
            let text = answer.text().await?;
            if status == reqwest::StatusCode::CONFLICT {
                old = text.trim().parse()?;
                continue;
            }
            anyhow::ensure!(status.is_success(), "{status}: {}", text.trim());
            let cosigned = format!("{note}{text}");
            let line = text.lines().next().unwrap_or_default();
            if w.verifier.cosigned(cosigned.as_bytes()).is_none() {
                anyhow::bail!("its answer is not a valid cosignature: {line}");
            }
            return Ok(Some(format!("{line}\n")));
        }
        Ok(None)
    }
}
