//! Evidence attachments: the type is read from the content, never trusted from the name, and
//! names are cleaned of paths and control characters.

use serde::Serialize;

/// At most this much per file.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// At most this much per dossier, all files together.
pub const MAX_DOSSIER_BYTES: usize = 40 * 1024 * 1024;
/// At most this many files per dossier.
pub const MAX_FILES: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Png => "png",
            FileType::Jpeg => "jpg",
        }
    }
}

/// The type of a file from its first bytes: PDF, PNG or JPEG; anything else is refused.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileType::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileType::Jpeg)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileProblem {
    Empty,
    TooLarge,
    /// Not a PDF, PNG or JPEG by its content, whatever its name says.
    NotAllowedType,
    DossierFull,
    TooManyFiles,
}

impl FileProblem {
    pub fn code(self) -> &'static str {
        match self {
            FileProblem::Empty => "file-empty",
            FileProblem::TooLarge => "file-too-large",
            FileProblem::NotAllowedType => "file-type",
            FileProblem::DossierFull => "dossier-full",
            FileProblem::TooManyFiles => "too-many-files",
        }
    }
}

/// Checks one upload against the limits, given what the dossier already holds.
pub fn check_upload(
    bytes: &[u8],
    files_so_far: usize,
    bytes_so_far: usize,
) -> Result<FileType, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let kind = sniff(bytes).ok_or(FileProblem::NotAllowedType)?;
    if files_so_far >= MAX_FILES {
        return Err(FileProblem::TooManyFiles);
    }
    if bytes_so_far + bytes.len() > MAX_DOSSIER_BYTES {
        return Err(FileProblem::DossierFull);
    }
    Ok(kind)
}

/// A safe display name: the last path component, without control characters, at most 120
/// characters, with the extension of the sniffed type.
pub fn clean_filename(raw: &str, kind: FileType) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let cleaned: String = stem
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let stem = if cleaned.is_empty() {
        "evidence"
    } else {
        cleaned
    };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileType::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileType::Jpeg));
        assert_eq!(sniff(b"MZ\x90\x00 windows executable"), None);
        assert_eq!(sniff(b"<html><script>"), None);
    }

    #[test]
    fn limits_are_checked_per_file_and_per_dossier() {
        let pdf = b"%PDF-1.4 tiny".to_vec();
        assert_eq!(check_upload(&pdf, 0, 0), Ok(FileType::Pdf));
        assert_eq!(check_upload(b"", 0, 0), Err(FileProblem::Empty));
        assert_eq!(
            check_upload(b"just text", 0, 0),
            Err(FileProblem::NotAllowedType)
        );
        assert_eq!(
            check_upload(&pdf, MAX_FILES, 0),
            Err(FileProblem::TooManyFiles)
        );
        assert_eq!(
            check_upload(&pdf, 1, MAX_DOSSIER_BYTES),
            Err(FileProblem::DossierFull)
        );
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_FILE_BYTES + 1, b'x');
        assert_eq!(check_upload(&big, 0, 0), Err(FileProblem::TooLarge));
    }

    #[test]
    fn path_tricks_and_control_characters_are_removed_from_names() {
        assert_eq!(
            clean_filename("../../etc/passwd.pdf", FileType::Pdf),
            "passwd.pdf"
        );
        assert_eq!(
            clean_filename("C:\\Users\\x\\letter.exe", FileType::Pdf),
            "letter.pdf"
        );
        assert_eq!(clean_filename("a\u{0}b\r\n.png", FileType::Png), "ab.png");
        assert_eq!(clean_filename("..", FileType::Jpeg), "evidence.jpg");
        assert_eq!(clean_filename("photo.PNG", FileType::Jpeg), "photo.jpg");
    }
}
