//! Reading evidence uploads and serving files back: shared by the pages and the API.

use crate::service::ServiceError;
use crate::service::attachments::Download;
use axum::extract::Multipart;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use laureate_domain::evidence::MAX_FILE_BYTES;
use laureate_domain::values::Invalid;

/// A multipart body may be this large: one file at its limit, plus the form around it.
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;

/// The parts of an upload form: the CSRF token (pages) and the file.
pub struct Upload {
    pub csrf: String,
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// A broken or oversized multipart body, as the service's error.
fn multipart_error(e: axum::extract::multipart::MultipartError) -> ServiceError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ServiceError::TooLarge
    } else {
        ServiceError::from(Invalid::new("file", "file-unreadable"))
    }
}

pub async fn read_upload(mut multipart: Multipart) -> Result<Upload, ServiceError> {
    let bad = multipart_error;
    let mut upload = Upload {
        csrf: String::new(),
        filename: String::new(),
        bytes: Vec::new(),
    };
    let mut seen_file = false;
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => upload.csrf = field.text().await.map_err(bad)?,
            Some("file") => {
                upload.filename = field.file_name().unwrap_or("evidence").to_owned();
                upload.bytes = field.bytes().await.map_err(bad)?.to_vec();
                seen_file = true;
            }
            _ => {}
        }
    }
    if !seen_file {
        return Err(Invalid::new("file", "required").into());
    }
    Ok(upload)
}

/// Serves a stored file as a download with its sniffed type, never rendered inline.
pub fn serve_download(d: Download) -> Response {
    let ascii: String = d
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = d
        .filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, d.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        d.bytes,
    )
        .into_response()
}

/// An objection form may carry several evidence files up to a dossier's total.
pub const OBJECTION_BODY_LIMIT: usize = laureate_domain::evidence::MAX_DOSSIER_BYTES + 64 * 1024;

/// The parts of an objection: its fields, repeated `grounds`, and any number of `file` parts.
pub struct ObjectionUpload {
    pub csrf: String,
    pub form: laureate_domain::objections::ObjectionForm,
    pub files: Vec<(String, Vec<u8>)>,
}

pub async fn read_objection(mut multipart: Multipart) -> Result<ObjectionUpload, ServiceError> {
    let bad = multipart_error;
    let mut out = ObjectionUpload {
        csrf: String::new(),
        form: Default::default(),
        files: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let filename = field.file_name().unwrap_or("evidence").to_owned();
            let bytes = field.bytes().await.map_err(bad)?.to_vec();
            // A file input left empty still sends an empty part.
            if !(filename.is_empty() && bytes.is_empty()) {
                out.files.push((filename, bytes));
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        match name.as_str() {
            "csrf" => out.csrf = text,
            "objector_kind" => out.form.objector_kind = text,
            "objector_name" => out.form.objector_name = text,
            "contact_email" => out.form.contact_email = text,
            "grounds" => out.form.grounds.push(text),
            "statement" => out.form.statement = text,
            // Browsers send `on`; generated clients `true` or `True`.
            "signed" => {
                out.form.signed = matches!(
                    text.trim().to_ascii_lowercase().as_str(),
                    "true" | "on" | "1" | "yes"
                )
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The address a request came from, for throttles and burst limits (behind a trusted proxy, the
/// client it forwarded for); "unknown" when the server was not told (in tests).
pub fn client_addr(extensions: &axum::http::Extensions) -> String {
    match extensions.get::<super::ClientIp>() {
        Some(ip) => ip.0.to_string(),
        None => extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string()),
    }
}

/// The client's address as an extractor; `unknown` when the server was not told (in tests).
pub struct ClientAddr(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_addr(&parts.extensions)))
    }
}

/// The browser's description of itself (`User-Agent`), at most 300 characters; empty when
/// none was sent.
pub struct UserAgent(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for UserAgent {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        let agent = parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(300)
            .collect();
        Ok(UserAgent(agent))
    }
}

/// An evidence file for a dossier, as `multipart/form-data` (the document's schema of
/// `POST /api/v1/nominations/{id}/attachments`).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct EvidenceUpload {
    /// The file: PDF, PNG or JPEG, typed by its content rather than its name; at most 10 MiB,
    /// 20 files and 40 MiB a dossier.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// An objection as filed, as `multipart/form-data` (the document's schema of
/// `POST /api/v1/nominations/{id}/objections`). Objections are signed: anonymous or unsigned
/// ones are refused (Regulation Art. 23).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ObjectionFiling {
    objector_kind: laureate_domain::objections::ObjectorKind,
    /// The person's or the organization's name.
    objector_name: String,
    /// Where the receipt and the office's answer are sent.
    #[schema(format = Email)]
    contact_email: String,
    /// One or more grounds, the field repeated for each.
    grounds: Vec<laureate_domain::objections::ObjectionGround>,
    /// What is objected to, and why.
    statement: String,
    /// The objector signs the objection: `true`.
    signed: bool,
    /// Evidence files (PDF, PNG or JPEG), the field repeated for each; optional.
    #[schema(value_type = Option<Vec<String>>, format = Binary)]
    file: Option<Vec<Vec<u8>>>,
}
