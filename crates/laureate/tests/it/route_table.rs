//! Who may call what: every API operation and every page, with the roles allowed, read by roles.rs.

#[derive(Clone, Copy)]
pub(crate) enum Who {
    Anyone,
    SignedIn,
    Roles(&'static [&'static str]),
}

pub(crate) struct Route {
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    pub(crate) who: Who,
    /// Roles for which the object is hidden: they get 404, as for an id that does not exist.
    pub(crate) hidden: &'static [&'static str],
}

pub(crate) const fn r(method: &'static str, path: &'static str, who: Who) -> Route {
    Route {
        method,
        path,
        who,
        hidden: &[],
    }
}

pub(crate) const fn h(
    method: &'static str,
    path: &'static str,
    who: Who,
    hidden: &'static [&'static str],
) -> Route {
    Route {
        method,
        path,
        who,
        hidden,
    }
}

pub(crate) const OFFICE: Who = Who::Roles(&["admin"]);

pub(crate) const OVERSIGHT: Who = Who::Roles(&["admin", "supervisor"]);

pub(crate) const BALLOT_READERS: Who = Who::Roles(&["admin", "supervisor", "committee"]);

/// Who may see the fixture's nomination, which is reviewed and on a ballot.
pub(crate) const NOMINATION_READERS: Who =
    Who::Roles(&["admin", "supervisor", "nominator", "reviewer", "committee"]);

pub(crate) const NOT_AT_THIS_STAGE: &[&str] = &["awards_committee", "approver", "researcher"];

/// A researcher learns nothing of a cycle that is not a sealed one opened to them.
pub(crate) const RESEARCHER: &[&str] = &["researcher"];

/// The fixture's ballot is the evaluation committee's, open: the Awards Committee reads it only
/// once closed, and learns nothing of it before.
pub(crate) const NOT_ITS_BALLOT: &[&str] = &["researcher", "awards_committee"];

/// Who reads a cycle's committee meetings: the office, supervision and the committees' members.
pub(crate) const MEETING_READERS: Who =
    Who::Roles(&["admin", "supervisor", "committee", "awards_committee"]);

/// Who may try to record one: the office, and a committee's secretary (the fixture's member
/// is none, so refused at the role's position, 403).
pub(crate) const MEETING_RECORDERS: Who = Who::Roles(&["admin"]);

/// The fixture's meeting is the evaluation committee's: the Awards Committee and a researcher
/// without a grant find no such meeting.
pub(crate) const MEETING_HIDDEN: &[&str] = &["researcher", "awards_committee"];

/// Who reads the decisions on a cycle's candidates after the evaluation committee.
pub(crate) const DECISION_READERS: Who =
    Who::Roles(&["admin", "supervisor", "awards_committee", "approver"]);

/// Objections are read by the office, the supervision committee and the nominating body only;
/// to anyone else they do not exist.
pub(crate) const OBJECTION_STRANGERS: &[&str] = &[
    "reviewer",
    "committee",
    "awards_committee",
    "approver",
    "researcher",
];

pub(crate) const ARCHIVE_READERS: Who = Who::Roles(&["admin", "supervisor", "researcher"]);

pub(crate) const COMMITTEE_READERS: Who =
    Who::Roles(&["admin", "supervisor", "committee", "awards_committee"]);

/// Revocation cases: the fixture's is on a laureate of the registry without a nomination, so a
/// nominating body lists its own (none) and finds no such case.
pub(crate) const REVOCATION_READERS: Who =
    Who::Roles(&["admin", "supervisor", "awards_committee", "approver"]);

pub(crate) const REVOCATION_LISTERS: Who = Who::Roles(&[
    "admin",
    "supervisor",
    "awards_committee",
    "approver",
    "nominator",
]);

pub(crate) const NOMINATOR: &[&str] = &["nominator"];

/// Routes whose object may not exist yet for anyone: an announcement before any approval.
pub(crate) fn may_be_absent(path: &str) -> bool {
    // No message has been given up in the fixture, so there is none to retry.
    path.contains("/outbox/")
        || path.contains("/verify")
        // The log publishes its first checkpoint when its sequencer first runs.
        || path.starts_with("/log/")
        || path.contains("/announcements/")
        || path.ends_with("certificate.pdf")
        // The fixture issues no certificate, so no signing key is registered.
        || path.contains("/certificates/keys/")
        // A session is named by its hash, which the table cannot know.
        || path.contains("/sessions/1/")
        // Nor one of the caller's passkeys: the fixture enrols none.
        || path.contains("/passkeys/1/")
        // A calendar feed is read at its secret address, which the table cannot know.
        || path.starts_with("/calendar/")
        // The fixture invites nobody to a ceremony.
        || path.contains("/invitations/1")
        // Nor holds a decision, nor writes to an audience.
        || path.contains("held-decision")
        || path.contains("/messages/")
        // Nor prepares members' books.
        || path.starts_with("/api/v1/books/")
}

pub(crate) const API: &[Route] = &[
    r("GET", "/api/v1/committees", COMMITTEE_READERS),
    r("POST", "/api/v1/committees/{committee}/terms", OFFICE),
    r("POST", "/api/v1/committee-terms/{id}/end", OFFICE),
    r("GET", "/api/v1/revocations", REVOCATION_LISTERS),
    r("POST", "/api/v1/laureates/{id}/revocations", OFFICE),
    h(
        "GET",
        "/api/v1/revocations/{id}",
        REVOCATION_READERS,
        NOMINATOR,
    ),
    h(
        "POST",
        "/api/v1/revocations/{id}/answers",
        Who::Roles(&["admin"]),
        NOMINATOR,
    ),
    r(
        "POST",
        "/api/v1/revocations/{id}/decision",
        Who::Roles(&["awards_committee"]),
    ),
    r("POST", "/api/v1/revocations/{id}/submission", OFFICE),
    r(
        "POST",
        "/api/v1/revocations/{id}/approval",
        Who::Roles(&["approver"]),
    ),
    r("GET", "/api/v1/announcements/{year}", Who::Anyone),
    r("GET", "/api/v1/announcements/{year}/csv", Who::Anyone),
    r("GET", "/api/v1/verify/{code}", Who::Anyone),
    r("GET", "/api/v1/verify/{code}/log", Who::Anyone),
    r("POST", "/api/v1/verify/{code}/document", Who::Anyone),
    r("GET", "/api/v1/certificates/keys", Who::Anyone),
    r("POST", "/api/v1/cycles/{id}/certificates", OFFICE),
    r(
        "POST",
        "/api/v1/certificates/keys/{key_id}/compromise",
        OFFICE,
    ),
    r("GET", "/api/v1/laureates/{id}/certificate.pdf", OFFICE),
    r("GET", "/api/v1/ceremonies", Who::Anyone),
    r("POST", "/api/v1/ceremonies", OFFICE),
    r("POST", "/api/v1/ceremonies/{id}/honorees", OFFICE),
    r(
        "GET",
        "/api/v1/ceremonies/{id}/invitations",
        Who::Roles(&["admin", "nominator"]),
    ),
    r("POST", "/api/v1/ceremonies/{id}/invitations", OFFICE),
    r(
        "POST",
        "/api/v1/ceremonies/{id}/invitations/{laureate}/reply",
        Who::Roles(&["nominator"]),
    ),
    r("GET", "/api/v1/laureates/{id}/conferral", Who::Anyone),
    r("POST", "/api/v1/laureates/{id}/conferral", OFFICE),
    r("GET", "/api/v1/laureates", Who::Anyone),
    r("GET", "/api/v1/laureates.csv", Who::Anyone),
    r("GET", "/api/v1/laureates/{id}", Who::Anyone),
    r("GET", "/api/v1/stats", Who::Anyone),
    r("POST", "/api/v1/auth/login", Who::Anyone),
    r("GET", "/api/v1/me", Who::SignedIn),
    r("GET", "/api/v1/me/account", Who::SignedIn),
    r("POST", "/api/v1/me/profile", Who::SignedIn),
    r("POST", "/api/v1/me/password", Who::SignedIn),
    r("POST", "/api/v1/me/email", Who::SignedIn),
    r("POST", "/api/v1/me/email/{token}/confirm", Who::Anyone),
    r("POST", "/api/v1/me/sessions/{id}/end", Who::SignedIn),
    r("POST", "/api/v1/me/sessions/end-others", Who::SignedIn),
    r("GET", "/api/v1/me/two-factor", Who::SignedIn),
    r("POST", "/api/v1/me/two-factor", Who::SignedIn),
    r("GET", "/api/v1/me/calendar", Who::SignedIn),
    r("POST", "/api/v1/me/calendar", Who::SignedIn),
    r("POST", "/api/v1/me/two-factor/confirm", Who::SignedIn),
    r(
        "POST",
        "/api/v1/me/two-factor/recovery-codes",
        Who::SignedIn,
    ),
    r("POST", "/api/v1/me/two-factor/remove", Who::SignedIn),
    r(
        "POST",
        "/api/v1/me/two-factor/passkeys/registration",
        Who::SignedIn,
    ),
    r("POST", "/api/v1/me/two-factor/passkeys", Who::SignedIn),
    r(
        "POST",
        "/api/v1/me/two-factor/passkeys/{id}/remove",
        Who::SignedIn,
    ),
    r("GET", "/api/v1/cycles", Who::Anyone),
    r("POST", "/api/v1/cycles", OFFICE),
    r("GET", "/api/v1/cycles/{id}", Who::Anyone),
    r("POST", "/api/v1/cycles/{id}/advance", OFFICE),
    r("POST", "/api/v1/cycles/{id}/publish", OFFICE),
    r("POST", "/api/v1/cycles/{id}/start-review", OFFICE),
    r("POST", "/api/v1/cycles/{id}/complete-reviews", OFFICE),
    r("POST", "/api/v1/cycles/{id}/calendar", OFFICE),
    r("GET", "/api/v1/cycles/{id}/extensions", OFFICE),
    r("POST", "/api/v1/cycles/{id}/extensions", OFFICE),
    h(
        "GET",
        "/api/v1/cycles/{id}/ballots",
        Who::Roles(&["admin", "supervisor", "committee", "awards_committee"]),
        RESEARCHER,
    ),
    r("POST", "/api/v1/cycles/{id}/ballots", OFFICE),
    r(
        "POST",
        "/api/v1/cycles/{id}/resolution",
        Who::Roles(&["awards_committee"]),
    ),
    r("POST", "/api/v1/cycles/{id}/ministry-review", OFFICE),
    r("GET", "/api/v1/cycles/{id}/decisions", DECISION_READERS),
    h(
        "GET",
        "/api/v1/cycles/{id}/meetings",
        MEETING_READERS,
        RESEARCHER,
    ),
    r("POST", "/api/v1/cycles/{id}/meetings", MEETING_RECORDERS),
    r("GET", "/api/v1/cycles/{id}/books", MEETING_READERS),
    r("POST", "/api/v1/cycles/{id}/books", MEETING_RECORDERS),
    r(
        "GET",
        "/api/v1/books/{id}/pdf",
        Who::Roles(&["admin", "committee", "awards_committee"]),
    ),
    h(
        "GET",
        "/api/v1/meetings/{id}",
        Who::Roles(&["admin", "supervisor", "committee"]),
        MEETING_HIDDEN,
    ),
    h(
        "PUT",
        "/api/v1/meetings/{id}/minutes",
        OFFICE,
        MEETING_HIDDEN,
    ),
    // Only the chair approves, and the fixture's member is not the chair.
    h(
        "POST",
        "/api/v1/meetings/{id}/approval",
        Who::Roles(&[]),
        MEETING_HIDDEN,
    ),
    // The fixture's nomination is reviewed, not unsuccessful: its own body is refused (409).
    r(
        "POST",
        "/api/v1/nominations/{id}/carry-over",
        Who::Roles(&["nominator"]),
    ),
    r(
        "POST",
        "/api/v1/cycles/{id}/approval",
        Who::Roles(&["approver"]),
    ),
    r("GET", "/api/v1/audit", OVERSIGHT),
    r("GET", "/api/v1/nominations", Who::SignedIn),
    r(
        "POST",
        "/api/v1/cycles/{id}/nominations",
        Who::Roles(&["nominator"]),
    ),
    h(
        "GET",
        "/api/v1/nominations/{id}",
        NOMINATION_READERS,
        NOT_AT_THIS_STAGE,
    ),
    h(
        "PUT",
        "/api/v1/nominations/{id}",
        Who::Roles(&["nominator"]),
        NOT_AT_THIS_STAGE,
    ),
    h(
        "POST",
        "/api/v1/nominations/{id}/actions/{action}",
        OFFICE,
        NOT_AT_THIS_STAGE,
    ),
    r("POST", "/api/v1/nominations/{id}/reviewers", OFFICE),
    // The table's reviewer reads them too: the office released the reviews in an earlier row.
    h(
        "GET",
        "/api/v1/nominations/{id}/reviews",
        Who::Roles(&["admin", "supervisor", "committee", "reviewer"]),
        RESEARCHER,
    ),
    r(
        "POST",
        "/api/v1/nominations/{id}/reviews",
        Who::Roles(&["reviewer"]),
    ),
    r("GET", "/api/v1/reviews", Who::Roles(&["reviewer"])),
    h(
        "GET",
        "/api/v1/ballots/{id}",
        BALLOT_READERS,
        NOT_ITS_BALLOT,
    ),
    h(
        "GET",
        "/api/v1/ballots/{id}/check",
        BALLOT_READERS,
        NOT_ITS_BALLOT,
    ),
    r(
        "POST",
        "/api/v1/ballots/{id}/declaration",
        Who::Roles(&["committee"]),
    ),
    r(
        "POST",
        "/api/v1/ballots/{id}/votes",
        Who::Roles(&["committee"]),
    ),
    r("POST", "/api/v1/ballots/{id}/close", OFFICE),
    r("GET", "/api/v1/cycles/{id}/queue", OVERSIGHT),
    h(
        "POST",
        "/api/v1/nominations/{id}/attachments",
        Who::Roles(&["nominator"]),
        NOT_AT_THIS_STAGE,
    ),
    h(
        "GET",
        "/api/v1/nominations/{id}/attachments/{attachment}",
        NOMINATION_READERS,
        NOT_AT_THIS_STAGE,
    ),
    h(
        "DELETE",
        "/api/v1/nominations/{id}/attachments/{attachment}",
        Who::Roles(&["nominator"]),
        NOT_AT_THIS_STAGE,
    ),
    r("GET", "/api/v1/bodies", OFFICE),
    r("POST", "/api/v1/bodies", OFFICE),
    h(
        "GET",
        "/api/v1/me/body",
        Who::Roles(&["nominator"]),
        &[
            "admin",
            "reviewer",
            "committee",
            "awards_committee",
            "supervisor",
            "approver",
            "researcher",
        ],
    ),
    r("POST", "/api/v1/bodies/{id}/sanctions", OFFICE),
    r("POST", "/api/v1/bodies/{id}/invitations", OFFICE),
    r("GET", "/api/v1/invitations/{token}", Who::Anyone),
    r("POST", "/api/v1/invitations/{token}/accept", Who::Anyone),
    r("GET", "/api/v1/people", OFFICE),
    r("GET", "/api/v1/people/invitations", OFFICE),
    r("POST", "/api/v1/people/invitations", OFFICE),
    r("POST", "/api/v1/people/invitations/{id}/resend", OFFICE),
    r("POST", "/api/v1/people/invitations/{id}/revoke", OFFICE),
    r("POST", "/api/v1/people/{id}/role", OFFICE),
    r("POST", "/api/v1/people/{id}/deactivate", OFFICE),
    r("POST", "/api/v1/people/{id}/two-factor/reset", OFFICE),
    r("POST", "/api/v1/people/{id}/reactivate", OFFICE),
    r("POST", "/api/v1/auth/password-reset", Who::Anyone),
    r("POST", "/api/v1/auth/password-reset/{token}", Who::Anyone),
    r("GET", "/api/v1/integrity", OVERSIGHT),
    r("POST", "/api/v1/integrity", OFFICE),
    r("GET", "/api/v1/stats.csv", Who::Anyone),
    r("GET", "/api/v1/log", Who::Anyone),
    r("GET", "/api/v1/log/checkpoints", Who::Anyone),
    r("GET", "/api/v1/log/proof", Who::Anyone),
    r("GET", "/api/v1/log/consistency", Who::Anyone),
    r("PUT", "/api/v1/laureates/{id}", OFFICE),
    r("GET", "/api/v1/laureates/{id}/revisions", Who::Anyone),
    r("GET", "/api/v1/registry.json", Who::Anyone),
    r("GET", "/api/v1/rule-sets", Who::Anyone),
    r("GET", "/api/v1/rule-sets/{id}", Who::Anyone),
    r("GET", "/api/v1/programs", Who::Anyone),
    r("GET", "/api/v1/programs/{id}", Who::Anyone),
    r("GET", "/api/v1/archive", Who::Anyone),
    r("GET", "/api/v1/archive/requests", ARCHIVE_READERS),
    r(
        "POST",
        "/api/v1/cycles/{id}/archive-requests",
        Who::Roles(&["researcher"]),
    ),
    r("POST", "/api/v1/archive/requests/{id}/decision", OFFICE),
    r("GET", "/api/v1/archive/openings", OVERSIGHT),
    r("POST", "/api/v1/cycles/{id}/archive-openings", OFFICE),
    r("POST", "/api/v1/archive/openings/{id}/end", OFFICE),
    r("GET", "/api/v1/cycles/{id}/package.json", OVERSIGHT),
    r("GET", "/api/v1/cycles/{id}/package.csv", OVERSIGHT),
    r("GET", "/api/v1/cycles/{id}/package.pdf", OVERSIGHT),
    r("GET", "/api/v1/experts", OVERSIGHT),
    r("POST", "/api/v1/experts", OFFICE),
    r("POST", "/api/v1/experts/merge", OFFICE),
    r("GET", "/api/v1/cycles/{id}/conflicts", OVERSIGHT),
    r("POST", "/api/v1/cycles/{id}/conflicts", OFFICE),
    r("POST", "/api/v1/cycles/{id}/conflicts/detect", OFFICE),
    r("POST", "/api/v1/conflicts/{id}/dismiss", OFFICE),
    r("POST", "/api/v1/cycles/{id}/assignment/preview", OFFICE),
    r("POST", "/api/v1/cycles/{id}/assignment", OFFICE),
    r("POST", "/api/v1/cycles/{id}/release-reviews", OFFICE),
    r("POST", "/api/v1/cycles/{id}/reminders", OFFICE),
    r(
        "POST",
        "/api/v1/nominations/{id}/declaration",
        Who::Roles(&["reviewer"]),
    ),
    r(
        "POST",
        "/api/v1/nominations/{id}/decline-review",
        Who::Roles(&["reviewer"]),
    ),
    r("GET", "/api/v1/cycles/{id}/review-declines", OFFICE),
    r("POST", "/api/v1/nominations/{id}/held-decision", OFFICE),
    r("DELETE", "/api/v1/nominations/{id}/held-decision", OFFICE),
    r("GET", "/api/v1/cycles/{id}/held-decisions", OFFICE),
    r("POST", "/api/v1/cycles/{id}/held-decisions/release", OFFICE),
    r("GET", "/api/v1/notices", OFFICE),
    r("GET", "/api/v1/notices/{notice}", OFFICE),
    r("PUT", "/api/v1/notices/{notice}", OFFICE),
    r("POST", "/api/v1/notices/{notice}/preview", OFFICE),
    r("POST", "/api/v1/notices/{notice}/test", OFFICE),
    r("GET", "/api/v1/messages", OFFICE),
    r("POST", "/api/v1/messages", OFFICE),
    r("POST", "/api/v1/messages/preview", OFFICE),
    r("GET", "/api/v1/messages/{id}", OFFICE),
    r("GET", "/api/v1/cycles/{id}/publication", Who::Anyone),
    r("POST", "/api/v1/nominations/{id}/objections", Who::Anyone),
    r("GET", "/api/v1/objections/status/{receipt}", Who::Anyone),
    r(
        "GET",
        "/api/v1/cycles/{id}/objections",
        Who::Roles(&["admin", "supervisor", "nominator"]),
    ),
    h(
        "GET",
        "/api/v1/objections/{id}",
        Who::Roles(&["admin", "supervisor", "nominator"]),
        OBJECTION_STRANGERS,
    ),
    h(
        "GET",
        "/api/v1/objection-files/{id}",
        Who::Roles(&["admin", "supervisor", "nominator"]),
        OBJECTION_STRANGERS,
    ),
    r("POST", "/api/v1/objections/{id}/actions", OFFICE),
    r("POST", "/api/v1/objections/{id}/notes", OFFICE),
    r(
        "POST",
        "/api/v1/objections/{id}/response",
        Who::Roles(&["nominator"]),
    ),
    r(
        "GET",
        "/api/v1/cycles/{id}/supervision-report",
        Who::Roles(&["admin", "supervisor", "awards_committee"]),
    ),
    r(
        "PUT",
        "/api/v1/cycles/{id}/supervision-report",
        Who::Roles(&["supervisor"]),
    ),
    r("GET", "/api/v1/outbox", OFFICE),
    r("GET", "/api/v1/jobs", OFFICE),
    r("POST", "/api/v1/outbox/{id}/retry", OFFICE),
    // Last: it ends the session the rows above use.
    r("POST", "/api/v1/auth/recheck", Who::SignedIn),
    r("POST", "/api/v1/auth/recheck/passkey", Who::SignedIn),
    r("POST", "/api/v1/auth/logout", Who::SignedIn),
    r("POST", "/api/v1/auth/passkey/options", Who::Anyone),
    r("POST", "/api/v1/auth/passkey", Who::Anyone),
];

pub(crate) use crate::page_table::PAGES;

pub(crate) fn allowed(who: Who, role: Option<&str>) -> bool {
    match (who, role) {
        (Who::Anyone, _) => true,
        (Who::SignedIn, r) => r.is_some(),
        (Who::Roles(list), Some(r)) => list.contains(&r),
        (Who::Roles(_), None) => false,
    }
}

/// The pages a reader (anonymous, or signed in with a role) may open: the GET routes of the
/// table that answer with a page, not a file, a feed or the API. A path already in `seen` is
/// left out, so several readers can share the pages between them.
pub(crate) fn readable_pages(
    reader: Option<&str>,
    seen: &mut std::collections::BTreeSet<&'static str>,
) -> Vec<&'static Route> {
    const NOT_PAGES: [&str; 9] = [
        ".pdf",
        "/log/",
        ".csv",
        ".json",
        "/healthz",
        "/api/",
        "/download",
        "/file",
        "/evidence",
    ];
    PAGES
        .iter()
        .filter(|r| r.method == "GET" && !NOT_PAGES.iter().any(|s| r.path.contains(s)))
        .filter(|r| allowed(r.who, reader))
        .filter(|r| reader.is_none_or(|role| !r.hidden.contains(&role)))
        .filter(|r| seen.insert(r.path))
        .collect()
}
