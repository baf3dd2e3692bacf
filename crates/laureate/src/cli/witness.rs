//! `laureate witness serve`: a witness of transparency logs (C2SP tlog-witness), run by a party
//! independent of the office (a university, an embassy) on its own machine, with its own key and
//! its own state. It answers `POST /add-checkpoint`: a checkpoint of a log it follows, signed by
//! that log's key, with the proof that it extends the last checkpoint it cosigned, gets its
//! cosignature; anything else is refused, and the state is kept before the cosignature leaves.

use crate::transparency::{self as tlog, Hash};
use crate::witness::{self, WitnessKey};
use anyhow::Context;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use clap::{Args, Subcommand};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, Subcommand)]
pub enum WitnessCommand {
    /// Serve a witness: cosign the checkpoints of the logs it follows, each only once it is
    /// proved consistent with the last one cosigned.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    bind: std::net::SocketAddr,
    /// The witness's key file (made there, readable by its owner alone, if it does not exist).
    #[arg(long)]
    key: PathBuf,
    /// The witness's name, for a new key: a domain the witness answers for, such as
    /// `witness.example.edu`.
    #[arg(long, default_value = "localhost/witness")]
    name: String,
    /// Where the witness keeps the last checkpoint it cosigned of each log (JSON, made if
    /// missing). Losing it lets a log rewrite its past unseen by this witness: back it up.
    #[arg(long)]
    state: PathBuf,
    /// A log to follow, by its public key (`<origin>+<id>+<key>`, as `/api/v1/log` publishes
    /// it); repeat it for several.
    #[arg(long = "log", required = true)]
    logs: Vec<String>,
}

/// The last tree cosigned of one log.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Cosigned {
    size: u64,
    root: String,
}

struct Witness {
    key: WitnessKey,
    /// The logs followed: origin → public key.
    logs: BTreeMap<String, String>,
    state_file: PathBuf,
    state: tokio::sync::Mutex<BTreeMap<String, Cosigned>>,
}

pub async fn run(cmd: WitnessCommand) -> anyhow::Result<ExitCode> {
    let WitnessCommand::Serve(args) = cmd;
    let key = WitnessKey::load_or_create(&args.key, &args.name)?;
    let mut logs = BTreeMap::new();
    for vkey in &args.logs {
        let origin = vkey.split('+').next().unwrap_or_default().to_owned();
        signed_note::StandardVerifier::new(vkey)
            .map_err(|e| anyhow::anyhow!("--log {vkey}: not a log's public key: {e}"))?;
        logs.insert(origin, vkey.clone());
    }
    let state = match std::fs::read(&args.state) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .with_context(|| format!("the witness state {}", args.state.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => return Err(e).context(format!("cannot read {}", args.state.display())),
    };
    println!("witness {} ({})", key.name(), key.verifier_key());
    let witness = Arc::new(Witness {
        key,
        logs,
        state_file: args.state,
        state: tokio::sync::Mutex::new(state),
    });
    let app = axum::Router::new()
        .route("/add-checkpoint", axum::routing::post(add_checkpoint))
        .layer(DefaultBodyLimit::max(witness::MAX_REQUEST_BYTES))
        .with_state(witness);
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    println!("witness serving on http://{}", args.bind);
    axum::serve(listener, app).await?;
    Ok(ExitCode::SUCCESS)
}

fn plain(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// Writes the state whole: to a file of its own, then renamed over the old one.
fn keep(file: &std::path::Path, state: &BTreeMap<String, Cosigned>) -> std::io::Result<()> {
    let tmp = file.with_extension("tmp");
    std::fs::write(
        &tmp,
        serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?,
    )?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, file)
}

async fn add_checkpoint(State(w): State<Arc<Witness>>, body: Bytes) -> Response {
    let Some(req) = witness::parse_add_checkpoint(&body) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "malformed add-checkpoint request\n".into(),
        );
    };
    let origin =
        String::from_utf8_lossy(req.note.split(|b| *b == b'\n').next().unwrap_or(&[])).into_owned();
    let Some(vkey) = w.logs.get(&origin) else {
        return plain(StatusCode::NOT_FOUND, format!("unknown log {origin}\n"));
    };
    let checkpoint = match tlog::open_checkpoint(&req.note, vkey) {
        Ok(c) => c,
        Err(e) => return plain(StatusCode::FORBIDDEN, format!("{e}\n")),
    };
    let mut state = w.state.lock().await;
    let last = state.get(&origin).cloned().unwrap_or(Cosigned {
        size: 0,
        root: tlog::hash_text(&tlog_tiles::EMPTY_HASH),
    });
    if req.old != last.size {
        return (
            StatusCode::CONFLICT,
            [(header::CONTENT_TYPE, "text/x.tlog.size")],
            format!("{}\n", last.size),
        )
            .into_response();
    }
    if checkpoint.size() < last.size {
        return plain(
            StatusCode::BAD_REQUEST,
            "the checkpoint is older than the last cosigned\n".into(),
        );
    }
    let last_root = tlog::parse_hash(&last.root).unwrap_or(Hash([0; 32]));
    if !witness::extends(last.size, &last_root, &checkpoint, &req.proof) {
        tracing::warn!(log = %origin, size = checkpoint.size(), "refused an inconsistent checkpoint");
        return plain(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "the checkpoint of {} entries does not extend the last cosigned ({} entries)\n",
                checkpoint.size(),
                last.size
            ),
        );
    }
    state.insert(
        origin,
        Cosigned {
            size: checkpoint.size(),
            root: tlog::hash_text(checkpoint.hash()),
        },
    );
    if let Err(e) = keep(&w.state_file, &state) {
        tracing::error!(error = %e, "cannot keep the witness state");
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot keep the state\n".into(),
        );
    }
    let text_end = req
        .note
        .windows(2)
        .position(|p| p == b"\n\n")
        .map_or(0, |i| i + 1);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    plain(StatusCode::OK, w.key.cosign(&req.note[..text_end], now))
}
