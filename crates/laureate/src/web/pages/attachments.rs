//! Evidence files of a dossier: upload, download, removal.

use super::PageError;
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn, Submitted};
use crate::web::extract::{AttachmentId, Id};
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/nominations/{id}/attachments",
            post(upload_attachment).layer(axum::extract::DefaultBodyLimit::max(
                crate::web::uploads::UPLOAD_BODY_LIMIT,
            )),
        )
        .route(
            "/nominations/{id}/attachments/{attachment}",
            get(download_attachment),
        )
        .route(
            "/nominations/{id}/attachments/{attachment}/delete",
            post(delete_attachment),
        )
}

async fn upload_attachment(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let upload = crate::web::uploads::read_upload(multipart).await?;
    ctx.check_csrf(&upload.csrf)?;
    state
        .service
        .attach(&actor, id, &upload.filename, &upload.bytes)
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=attached#evidence")).into_response())
}

async fn download_attachment(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    AttachmentId(attachment): AttachmentId,
) -> Result<Response, PageError> {
    let file = state.service.download(&actor, id, attachment).await?;
    Ok(crate::web::uploads::serve_download(file))
}

async fn delete_attachment(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    AttachmentId(attachment): AttachmentId,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state
        .service
        .remove_attachment(&actor, id, attachment)
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=removed#evidence")).into_response())
}
