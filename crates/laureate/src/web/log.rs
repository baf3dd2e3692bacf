//! `/log/`: the transparency log in the C2SP formats, for any client of them (witnesses,
//! monitors, the verifier in `docs/TRANSPARENCY.md`): the newest checkpoint at
//! `/log/checkpoint` (a signed note) and the tree's tiles at `/log/tile/<L>/<N>[.p/<W>]` and
//! `/log/tile/entries/<N>[.p/<W>]`. Open to anyone, from any origin.

use super::PublicReads;
use crate::service::ServiceError;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

fn answer(
    body: Result<Vec<u8>, ServiceError>,
    kind: &'static str,
    cache: &'static str,
) -> Response {
    match body {
        Ok(bytes) => {
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            h.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            r
        }
        Err(ServiceError::NotFound(_)) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "not in the published log\n",
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "the transparency log");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "the log cannot be read now\n",
            )
                .into_response()
        }
    }
}

pub async fn checkpoint(PublicReads(reader): PublicReads) -> Response {
    answer(
        reader.log_checkpoint().await.map(String::into_bytes),
        "text/plain; charset=utf-8",
        "no-cache",
    )
}

pub async fn tile(PublicReads(reader): PublicReads, Path(path): Path<String>) -> Response {
    let full = !path.contains(".p/");
    answer(
        reader.log_tile(&format!("tile/{path}")).await,
        "application/octet-stream",
        // A full tile never changes; a partial one is replaced by a wider one as the log grows.
        if full {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=60"
        },
    )
}
