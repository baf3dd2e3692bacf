"""One whole award cycle through a client generated from Laureate's OpenAPI document.

Run by `tests/it/client.rs`, which generates `laureate_api_client` with openapi-python-client,
makes the accounts the office would make on the command line, and starts a server. Every call
below goes through the generated functions and models: no hand-written HTTP. Each step also
checks what the document promises a client: the moves a view offers, the list shape, typed
values, and the error rule.
"""

import base64
import hashlib
import hmac
import json
import os
import struct
import sys
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from laureate_api_client import AuthenticatedClient, Client
from laureate_api_client.api.auth import (
    begin_enrolment, begin_passkey, confirm_enrolment, login, me, my_account, passkey_options,
    recheck, recheck_with_passkey, request_reset, update_profile,
)
from laureate_api_client.api.ballots import (
    cast_vote, close_ballot, declare_for_ballot, get_ballot, open_ballot,
)
from laureate_api_client.api.certificates import (
    certificate_pdf, check_document, compromise_key, get_conferral, issue_certificates, public_keys, verify,
    verify_log,
)
from laureate_api_client.api.archive import list_openings, open_archive
from laureate_api_client.api.committees import appoint, book_pdf, list_books, prepare_books
from laureate_api_client.api.cycles import (
    adopt_resolution, advance_phase, approve, audit_log, candidate_records, complete_reviews, held_decisions, open_cycle,
    package_json, publish_candidates, record_ministry_review, release_decisions, start_review,
)
from laureate_api_client.api.mail import (
    get_message, get_notice, list_messages, preview_message, preview_notice, save_notice,
    send_message, test_notice,
)
from laureate_api_client.api.nominations import (
    act_on_nomination, assign_reviewer, create_nomination, get_nomination, hold_decision,
    list_nominations, my_assignments, submit_review, upload_attachment,
)
from laureate_api_client.api.objections import (
    cycle_objections, file_objection, handle_objection, objection_status, publication, put_report,
)
from laureate_api_client.api.people import (
    deactivate, invite_person, list_invitations, list_people, reactivate, resend_invitation,
    reset_second_factor,
)
from laureate_api_client.api.registry import (
    announcement, get_program, get_rule_set, list_laureates, list_programs,
)
from laureate_api_client.api.review import create_expert, declare
from laureate_api_client.api.transparency import (
    consistency_proof, inclusion_proof, list_checkpoints, log_info,
)
from laureate_api_client.api.roster import accept_invitation, create_body, invite
from laureate_api_client.models import (
    AcceptInvitationRequest, ActionInput, AppointRequest, ApprovalRequest,
    BallotDeclarationRequest, BodyRequest, DeclarationRequest, DossierRequest, EvidenceUpload,
    ExpertRequest, HandleRequest, InvitationRequest, LoginRequest, MinistryReviewRequest,
    NominationAction, NominationState, ObjectionAction, ObjectionFiling, ObjectionGround,
    ObjectionStatus, ObjectorKind, OpenBallotRequest, OpenCycleRequest, Phase, ReportRequest,
    ReviewRequest, Role, VoteRequest,
)
from laureate_api_client.models import (
    CodeRequest, InvitationState, InviteRequest, PasskeySignInRequest, ProfileRequest,
    RecheckRequest, ResetRequest,
)
from laureate_api_client.models import (
    Audience, DeliveryState, HoldRequest, MessageRequest, TemplateRequest, TryRequest,
)
from laureate_api_client.models import ArchiveOpeningInput, BookState, BooksRequest
from laureate_api_client.models.assign_request import AssignRequest
from laureate_api_client.models.ballot_action import BallotAction
from laureate_api_client.models.certificate_status import CertificateStatus
from laureate_api_client.models.compromise_request import CompromiseRequest
from laureate_api_client.models.candidate_decision_request import CandidateDecisionRequest
from laureate_api_client.models.committee_kind import CommitteeKind
from laureate_api_client.models.decision_outcome import DecisionOutcome
from laureate_api_client.models.decision_stage import DecisionStage
from laureate_api_client.models.cycle_operation import CycleOperation
from laureate_api_client.models.error_body import ErrorBody
from laureate_api_client.models.item_result import ItemResult
from laureate_api_client.models.position import Position
from laureate_api_client.types import File

URL = os.environ["LAUREATE_URL"]
PASSWORD = os.environ["LAUREATE_PASSWORD"]
# The authenticator secrets of the accounts the office made, by address: those roles sign in
# with a code, computed here as an authenticator app computes it (RFC 6238: HMAC-SHA-1, 30 s,
# six digits).
SECRETS = json.loads(os.environ["LAUREATE_TOTP_SECRETS"])
YEAR = 2027
# The smallest file the server takes as a PDF: it types evidence by content.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

public = Client(base_url=URL, raise_on_unexpected_status=True)


def ok(response, what):
    """The parsed answer of a call that must succeed."""
    if not 200 <= response.status_code < 300:
        sys.exit(f"{what}: {response.status_code} {response.content!r}")
    return response.parsed


def refused(response, status, what):
    """The error of a call that must be refused with `status`, in the documented envelope."""
    if response.status_code != status or not isinstance(response.parsed, ErrorBody):
        sys.exit(f"{what}: expected {status}, got {response.status_code} {response.content!r}")
    return response.parsed.error


def totp(secret, at):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return f"{(struct.unpack('>I', mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def sign_in(email, password=PASSWORD):
    # The next step's code: the one of this step may have confirmed the enrolment, and a code
    # is accepted once; the server accepts one step either side of now.
    code = totp(SECRETS[email], time.time() + 30) if email in SECRETS else None
    body = LoginRequest(email=email, password=password)
    if code is not None:
        body.code = code
    answer = ok(login.sync_detailed(client=public, body=body), f"sign in {email}")
    return AuthenticatedClient(base_url=URL, token=answer.token), answer.me


def step(text):
    print(f"- {text}", flush=True)


# The office signs in; `me` names its role as the document's enum.
office, office_me = sign_in("office@client.test")
assert office_me.role == Role.ADMIN, office_me.role
assert ok(me.sync_detailed(client=office), "me").csrf_token

step("the office opens the cycle; its view lists every phase and what each allows")
cycle = ok(
    open_cycle.sync_detailed(client=office, body=OpenCycleRequest(award_year=YEAR)),
    "open cycle",
)
assert [p.phase for p in cycle.phases][:3] == [Phase.UPCOMING, Phase.NOMINATION, Phase.FORMAL_REVIEW]
nomination_phase = next(p for p in cycle.phases if p.phase == Phase.NOMINATION)
assert CycleOperation.DRAFT_NOMINATION in nomination_phase.operations
assert NominationAction.SUBMIT in nomination_phase.nomination_actions
assert CycleOperation.ADVANCE in cycle.actions, cycle.actions
rules = ok(get_rule_set.sync_detailed(cycle.rule_set_id, client=public), "rule set")
assert rules.formal_checklist

step("the office adds a nominating body and invites its staff")
body = ok(
    create_body.sync_detailed(
        client=office,
        body=BodyRequest.from_dict({"name_en": "University of Bergen", "class": "university"}),
    ),
    "create body",
)
invitation = ok(
    invite.sync_detailed(body.id, client=office, body=InvitationRequest(email="staff@client.test")),
    "invite",
)
ok(
    accept_invitation.sync_detailed(
        invitation.token,
        client=public,
        body=AcceptInvitationRequest(display_name="Kari Nordmann", password="fjord lantern quietly 1981"),
    ),
    "accept invitation",
)
nominator, nominator_me = sign_in("staff@client.test", "fjord lantern quietly 1981")
assert nominator_me.role == Role.NOMINATOR and nominator_me.body_id == body.id

step("the nominator drafts a dossier, attaches evidence and submits it")
dossier = DossierRequest.from_dict({
    "kind": "individual", "name_en": "Ingrid Larsen", "name_zh": "英格丽·拉森", "country": "NO",
    "field": "Marine biology", "categories": ["joint_research"],
    "citation_en": "For joint research on Arctic fisheries with Chinese institutes.",
    "affiliation": "University of Bergen",
})
bad = DossierRequest.from_dict({**dossier.to_dict(), "country": "Norway"})
error = refused(
    create_nomination.sync_detailed(cycle.id, client=nominator, body=bad), 422, "a bad country",
)
assert [f.field for f in error.fields] == ["country"], error.to_dict()
nomination = ok(
    create_nomination.sync_detailed(cycle.id, client=nominator, body=dossier), "create nomination",
)
assert nomination.state == NominationState.DRAFT
assert (nomination.country, nomination.country_en, nomination.country_zh) == ("NO", "Norway", "挪威")
assert NominationAction.SUBMIT in nomination.actions, nomination.actions
ok(
    upload_attachment.sync_detailed(
        nomination.id,
        client=nominator,
        body=EvidenceUpload(file=File(payload=PDF, file_name="letter.pdf", mime_type="application/pdf")),
    ),
    "upload evidence",
)
submitted = ok(
    act_on_nomination.sync_detailed(
        nomination.id, NominationAction.SUBMIT, client=nominator, body=ActionInput(declaration=True),
    ),
    "submit",
)
assert submitted.state == NominationState.SUBMITTED

step("the office accepts it with the rule set's checklist, and publishes the candidates")
seen = ok(get_nomination.sync_detailed(nomination.id, client=office), "office reads")
assert NominationAction.ACCEPT in seen.actions, seen.actions
held = ok(
    hold_decision.sync_detailed(
        nomination.id, client=office,
        body=HoldRequest(outcome=NominationAction.ACCEPT, checklist=rules.formal_checklist),
    ),
    "hold the acceptance",
)
assert held.outcome == NominationAction.ACCEPT
still = ok(get_nomination.sync_detailed(nomination.id, client=office), "office reads")
assert still.state == NominationState.SUBMITTED, "a held decision moves nothing"
assert [h.nomination_id for h in ok(held_decisions.sync_detailed(cycle.id, client=office), "held")] == [nomination.id]
released = ok(release_decisions.sync_detailed(cycle.id, client=office), "release")
assert released.released == [nomination.id] and released.dropped == [], released.to_dict()
accepted = ok(get_nomination.sync_detailed(nomination.id, client=office), "office reads")
assert accepted.state == NominationState.ACCEPTED

step("the office words the results notice itself, previewed; a broken one is refused at its field")
standard = ok(get_notice.sync_detailed("results", client=office), "notice")
assert "link" in standard.fields and not standard.en.edited
error = refused(
    save_notice.sync_detailed(
        "results", client=office, body=TemplateRequest(subject_en="Results", text_en="{{ candidate }"),
    ),
    422, "a broken template",
)
assert [(f.field, f.code) for f in error.fields] == [("text_en", "template-refused")], error.to_dict()
tried = TryRequest(lang="en", subject="Results of {{ year }}", text="{{ candidate }}: {{ outcome }}\n{{ link }}")
preview = ok(preview_notice.sync_detailed("results", client=office, body=tried), "preview")
assert preview.subject == "Results of {{ year }}" and not preview.real, preview.to_dict()
saved = ok(
    save_notice.sync_detailed(
        "results", client=office,
        body=TemplateRequest(subject_en=tried.subject, text_en=tried.text),
    ),
    "save",
)
assert saved.en.edited and not saved.zh.edited
assert ok(test_notice.sync_detailed("results", client=office, body=tried), "test").to == "office@client.test"

step("the office writes to the nominating bodies of the cycle, previewed, and follows the copies")
message = MessageRequest(
    audience=Audience.NOMINATORS, cycle_id=cycle.id, subject_en="Thank you, {{ body }}",
    text_en="Dear {{ name }},\n\nThank you for your nomination.", per_minute=60,
)
seen = ok(preview_message.sync_detailed(client=office, body=message), "preview message")
assert seen.recipients == 1 and seen.samples[0].subject == "Thank you, University of Bergen", seen.to_dict()
sent = ok(send_message.sync_detailed(client=office, body=message), "send message")
assert sent.recipients == 1 and sent.queued + sent.sent == 1
copies = ok(get_message.sync_detailed(sent.id, client=office), "message").copies
assert [c.to for c in copies] == ["staff@client.test"]
assert copies[0].state in (DeliveryState.QUEUED, DeliveryState.SENT, DeliveryState.RETRYING), copies[0]
assert [m.id for m in ok(list_messages.sync_detailed(client=office), "messages")] == [sent.id]
assert ok(advance_phase.sync_detailed(cycle.id, client=office), "advance").phase == Phase.FORMAL_REVIEW
ok(publish_candidates.sync_detailed(cycle.id, client=office), "publish")
published = ok(publication.sync_detailed(cycle.id, client=public), "publication")
assert [c.nomination_id for c in published.candidates] == [nomination.id]

step("a member of the public objects; the office admits and dismisses the objection")
receipt = ok(
    file_objection.sync_detailed(
        nomination.id,
        client=public,
        body=ObjectionFiling(
            objector_kind=ObjectorKind.PERSON, objector_name="Ola Hansen",
            contact_email="ola@client.test", grounds=[ObjectionGround.AUTHORSHIP_DISPUTE],
            statement="The fisheries results were another team's.", signed=True,
        ),
    ),
    "file objection",
)
assert ok(objection_status.sync_detailed(receipt.receipt, client=public), "status").status == ObjectionStatus.RECEIVED
listed = ok(cycle_objections.sync_detailed(cycle.id, client=office), "objections")
assert listed.total == 1 and listed.page == 1
objection = listed.items[0]
assert objection.actions == [ObjectionAction.ADMIT, ObjectionAction.REFUSE], objection.actions
# A move the status does not allow is a conflict with the current state, not a bad value.
refused(
    handle_objection.sync_detailed(
        objection.id, client=office, body=HandleRequest(action=ObjectionAction.DISMISS, reply="x"),
    ),
    409,
    "dismiss before admitting",
)
ok(
    handle_objection.sync_detailed(objection.id, client=office, body=HandleRequest(action=ObjectionAction.ADMIT)),
    "admit",
)
ok(
    handle_objection.sync_detailed(
        objection.id, client=office,
        body=HandleRequest(action=ObjectionAction.DISMISS, reply="The record names the candidate's own team."),
    ),
    "dismiss",
)

step("experts review: the office assigns one, who declares and scores")
assert ok(advance_phase.sync_detailed(cycle.id, client=office), "advance").phase == Phase.REVIEW
ok(start_review.sync_detailed(cycle.id, client=office), "start review")
expert, expert_me = sign_in("expert@client.test")
ok(
    create_expert.sync_detailed(
        client=office, body=ExpertRequest(name_en="Expert One", email="expert@client.test", nationality="DE"),
    ),
    "add to the pool",
)
ok(
    assign_reviewer.sync_detailed(nomination.id, client=office, body=AssignRequest(reviewer_id=expert_me.user_id)),
    "assign",
)
assignments = ok(my_assignments.sync_detailed(client=expert), "assignments")
assert [a.nomination_id for a in assignments.items] == [nomination.id]
rubric = assignments.items[0].rubric
score = ReviewRequest.from_dict({"criteria": {c: 9 for c in rubric}, "comment": "Sustained cooperation."})
refused(submit_review.sync_detailed(nomination.id, client=expert, body=score), 403, "score before declaring")
ok(declare.sync_detailed(nomination.id, client=expert, body=DeclarationRequest(has_conflict=False)), "declare")
ok(submit_review.sync_detailed(nomination.id, client=expert, body=score), "score")
ok(complete_reviews.sync_detailed(cycle.id, client=office), "complete reviews")

step("the evaluation committee declares and votes by secret ballot")
assert ok(advance_phase.sync_detailed(cycle.id, client=office), "advance").phase == Phase.COMMITTEE
members = []
for i in (1, 2, 3):
    email = f"member{i}@client.test"
    ok(
        appoint.sync_detailed(
            CommitteeKind.EVALUATION, client=office, body=AppointRequest(email=email, position=Position.MEMBER),
        ),
        "appoint",
    )
    members.append(sign_in(email)[0])
ballot = ok(open_ballot.sync_detailed(cycle.id, client=office, body=OpenBallotRequest()), "open ballot")
assert BallotAction.CLOSE in ballot.actions
for member in members:
    seen = ok(get_ballot.sync_detailed(ballot.id, client=member), "ballot")
    assert seen.actions == [BallotAction.DECLARE], seen.actions
    ok(
        declare_for_ballot.sync_detailed(ballot.id, client=member, body=BallotDeclarationRequest(conflicts=[])),
        "declare on the ballot",
    )
    assert ok(get_ballot.sync_detailed(ballot.id, client=member), "ballot").actions == [BallotAction.VOTE]
    ok(
        cast_vote.sync_detailed(ballot.id, client=member, body=VoteRequest.from_dict({"nomination_id": nomination.id, "vote": "yes"})),
        "vote",
    )
step("the office gives its password again before closing: a wrong one is refused at its field")
error = refused(
    recheck.sync_detailed(client=office, body=RecheckRequest(current_password="not it")),
    422, "a wrong password given again",
)
assert [f.field for f in error.fields] == ["current_password"], error.to_dict()
until = ok(
    recheck.sync_detailed(client=office, body=RecheckRequest(current_password=PASSWORD)), "recheck",
).recent_until
assert ok(me.sync_detailed(client=office), "me").recent_until == until
closed = ok(close_ballot.sync_detailed(ballot.id, client=office), "close ballot")
assert closed.items[0].outcome == ItemResult.PASSED, closed.to_dict()

step("supervision reports, the Awards Committee votes and resolves, the ministry reviews, the approver approves")
supervisor, _ = sign_in("supervisor@client.test")
approver, _ = sign_in("approver@client.test")
ok(
    put_report.sync_detailed(cycle.id, client=supervisor, body=ReportRequest(body="The cycle followed the rules.")),
    "supervision report",
)
awards_members = []
for email, position in (("awards@client.test", Position.CHAIR), ("awards2@client.test", Position.MEMBER)):
    ok(
        appoint.sync_detailed(CommitteeKind.AWARDS, client=office, body=AppointRequest(email=email, position=position)),
        "appoint to the Awards Committee",
    )
    awards_members.append(sign_in(email)[0])
awards = awards_members[0]
# The resolution follows the Awards Committee's own vote, never precedes it.
refused(adopt_resolution.sync_detailed(cycle.id, client=awards), 409, "a resolution with no vote")
awards_ballot = ok(
    open_ballot.sync_detailed(cycle.id, client=office, body=OpenBallotRequest(committee=CommitteeKind.AWARDS)),
    "open the Awards Committee's ballot",
)
assert awards_ballot.committee == CommitteeKind.AWARDS and awards_ballot.members == 2
for member in awards_members:
    ok(
        declare_for_ballot.sync_detailed(awards_ballot.id, client=member, body=BallotDeclarationRequest(conflicts=[])),
        "declare on the Awards Committee's ballot",
    )
    ok(
        cast_vote.sync_detailed(
            awards_ballot.id, client=member, body=VoteRequest.from_dict({"nomination_id": nomination.id, "vote": "yes"}),
        ),
        "vote in the Awards Committee",
    )
ok(close_ballot.sync_detailed(awards_ballot.id, client=office), "close the Awards Committee's ballot")
resolution = ok(adopt_resolution.sync_detailed(cycle.id, client=awards), "resolution")
assert resolution.nominations == [nomination.id] and resolution.tallies[0].yes == 2, resolution.to_dict()
step("the ministry package: signed, and checked with a standard Ed25519 library and the published key")
refused(package_json.sync_detailed(cycle.id, client=approver), 403, "the package, by the approver")
signed = ok(package_json.sync_detailed(cycle.id, client=office), "the package")
content = signed.package.to_dict()
assert content["format"] == "laureate-ministry-package/1" and content["candidates"][0]["awards_committee"]["yes"] == 2
keys = ok(public_keys.sync_detailed(client=public), "the published keys")
key = next(k for k in keys.items if k.key_id == signed.signature.key_id)
canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
signature = base64.urlsafe_b64decode(signed.signature.value + "=" * (-len(signed.signature.value) % 4))
Ed25519PublicKey.from_public_bytes(bytes.fromhex(key.public_key)).verify(signature, canonical)
content["candidates"][0]["awards_committee"]["yes"] = 3
forged = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
try:
    Ed25519PublicKey.from_public_bytes(bytes.fromhex(key.public_key)).verify(signature, forged)
    raise AssertionError("a changed tally verified")
except InvalidSignature:
    pass

step("the Awards Committee's books of papers, made off the request path; each member downloads their own")
books_set = ok(
    prepare_books.sync_detailed(cycle.id, client=office, body=BooksRequest.from_dict({"committee": "awards", "agenda": "1. The resolution."})),
    "prepare the books",
)
assert books_set.total == 2, books_set.to_dict()
for _ in range(200):
    listed = ok(list_books.sync_detailed(cycle.id, client=office), "the books' progress")
    if listed[0].ready == listed[0].total:
        break
    time.sleep(0.05)
mine = ok(list_books.sync_detailed(cycle.id, client=awards), "my copy")[0].books
assert len(mine) == 1 and mine[0].state == BookState.READY, [b.to_dict() for b in mine]
copy = ok(book_pdf.sync_detailed(mine[0].id, client=awards), "download my copy")
assert (copy.payload.read() if hasattr(copy, "payload") else copy)[:5] == b"%PDF-"

step("an open cycle is not the archive's to open; the openings are listed for supervision")
refused(
    open_archive.sync_detailed(
        cycle.id, client=office,
        body=ArchiveOpeningInput.from_dict({"basis": "audit", "reference": "A-1", "reason": "An audit."}),
    ),
    409, "opening a cycle that is not sealed",
)
assert ok(list_openings.sync_detailed(client=supervisor), "openings").items == []

assert ok(advance_phase.sync_detailed(cycle.id, client=office), "advance").phase == Phase.APPROVAL
# Approval before the ministry's review is out of order: a conflict with the current state.
refused(
    approve.sync_detailed(cycle.id, client=approver, body=ApprovalRequest(document="国发〔2027〕3号")),
    409,
    "approval before the ministry's review",
)
# A return to the Awards Committee needs its reasons, named at the field.
error = refused(
    record_ministry_review.sync_detailed(
        cycle.id, client=office,
        body=MinistryReviewRequest(
            note="Reviewed.",
            decisions=[CandidateDecisionRequest(nomination_id=nomination.id, outcome=DecisionOutcome.RETURNED)],
        ),
    ),
    422, "a return without reasons",
)
assert [f.field for f in error.fields] == ["decisions"], error.to_dict()
reviewed = ok(
    record_ministry_review.sync_detailed(
        cycle.id, client=office,
        body=MinistryReviewRequest(
            note="Reviewed.", document="国科发奖〔2027〕1号",
            decisions=[CandidateDecisionRequest(nomination_id=nomination.id, outcome=DecisionOutcome.APPROVED)],
        ),
    ),
    "ministry review",
)
assert reviewed.nominations == [nomination.id]
approved = ok(
    approve.sync_detailed(cycle.id, client=approver, body=ApprovalRequest(document="国发〔2027〕3号", decided_on="2026-12-01")),
    "approve",
)
assert approved.nominations == [nomination.id]
records = ok(candidate_records.sync_detailed(cycle.id, client=approver), "the decisions on each candidate")
assert [(d.stage, d.outcome) for d in records.items[0].decisions] == [
    (DecisionStage.MINISTRY, DecisionOutcome.APPROVED), (DecisionStage.APPROVAL, DecisionOutcome.APPROVED),
], records.to_dict()

step("the laureate is in the registry, found by code or by name in either language")
announced = ok(announcement.sync_detailed(YEAR, client=public), "announcement")
laureate = announced.laureates[0]
assert (laureate.name_en, laureate.country_code, laureate.country_zh) == ("Ingrid Larsen", "NO", "挪威")
for country in ("NO", "Norway", "挪威"):
    found = ok(list_laureates.sync_detailed(client=public, country=country, year=YEAR), "registry")
    assert [l.id for l in found.items] == [laureate.id], (country, found.to_dict())
refused(list_laureates.sync_detailed(client=public, per_page=501), 422, "a page too large")

step("the five awards, each with its grades, quota and money; the registry by program")
programs = ok(list_programs.sync_detailed(client=public), "programs")
assert [p.id for p in programs.items] == ["highest", "natural", "invention", "progress", "istc"], programs.to_dict()
assert programs.total == 5
highest = ok(get_program.sync_detailed("highest", client=public), "one program")
assert (highest.quota, highest.prize_yuan, highest.grades) == (2, 8000000, []), highest.to_dict()
progress = programs.items[3]
assert [(g.id, g.max_per_round, g.max_share_percent) for g in progress.grades] == [
    ("special", 3, None), ("first", None, 15), ("second", None, None),
], progress.to_dict()
mine = ok(list_laureates.sync_detailed(client=public, program="istc", year=YEAR), "registry by program")
assert [l.id for l in mine.items] == [laureate.id] and mine.items[0].program == "istc", mine.to_dict()
refused(list_laureates.sync_detailed(client=public, program="nobel"), 422, "an unknown program")
page = ok(list_nominations.sync_detailed(client=office, cycle_id=cycle.id, per_page=1), "list nominations")
assert (page.total, page.per_page, len(page.items)) == (1, 1, 1)

step("the office issues the certificate; anyone verifies it by code and by file")
ok(issue_certificates.sync_detailed(cycle.id, client=office), "issue certificates")
conferral = ok(get_conferral.sync_detailed(laureate.id, client=public), "conferral")
code = conferral.certificate.code
checked = ok(verify.sync_detailed(code, client=public), "verify")
assert checked.status == CertificateStatus.VALID and checked.name_en == "Ingrid Larsen"
pdf = ok(certificate_pdf.sync_detailed(laureate.id, client=office), "certificate PDF")
document = pdf.payload.read() if hasattr(pdf, "payload") else pdf
exact = ok(
    check_document.sync_detailed(code, client=public, body=File(payload=document, mime_type="application/pdf")),
    "check the file",
)
assert exact.exact and exact.sha256 == checked.sha256
step("the certificate's issue is in the transparency log, naming its code and its file's SHA-256")
deadline = time.time() + 20
while True:
    issued_log = verify_log.sync_detailed(code, client=public)
    if issued_log.status_code == 200:
        break
    assert issued_log.status_code == 404 and time.time() < deadline, issued_log.content
    time.sleep(0.3)
entry = issued_log.parsed.entry
assert entry.action == "certificate.issue", entry.to_dict()
logged = json.loads(entry.payload)
assert logged["code"] == code and logged["sha256"] == checked.sha256, logged
assert issued_log.parsed.index < issued_log.parsed.size, issued_log.parsed.to_dict()
assert "\n%d\n" % issued_log.parsed.size in issued_log.parsed.checkpoint, issued_log.parsed.checkpoint
step("the office marks the signing key compromised from today: the certificate is shown as such")
today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
late = refused(
    compromise_key.sync_detailed(checked.key_id, client=office, body=CompromiseRequest(from_="2999-01-01")),
    422,
    "a day after today",
)
assert late.fields[0].field == "from", late.to_dict()
marked = ok(
    compromise_key.sync_detailed(checked.key_id, client=office, body=CompromiseRequest(from_=today)),
    "mark the key compromised",
)
assert marked.compromised_from == today, marked.to_dict()
shown = ok(verify.sync_detailed(code, client=public), "verify after the compromise")
assert shown.status == CertificateStatus.COMPROMISED and shown.key_compromised_from == today, shown.to_dict()

step("the office invites a supervisor by mail, sends it again; the invitee signs in, reads its account")
created = ok(
    invite_person.sync_detailed(
        client=office, body=InviteRequest(email="watch@client.test", role=Role.SUPERVISOR, lang="zh"),
    ),
    "invite a supervisor",
)
pending = ok(list_invitations.sync_detailed(client=office), "list invitations")
assert any(i.id == created.id and i.state == InvitationState.PENDING for i in pending.items), pending.to_dict()
again = ok(resend_invitation.sync_detailed(created.id, client=office), "send again")
ok(
    accept_invitation.sync_detailed(
        again.token,
        client=public,
        body=AcceptInvitationRequest(display_name="Watcher", password="quiet harbour lantern 2027"),
    ),
    "accept the invitation",
)
watcher, watcher_me = sign_in("watch@client.test", "quiet harbour lantern 2027")
assert watcher_me.role == Role.SUPERVISOR, watcher_me.role
step("a supervisor signs in in two steps: it enrols an authenticator app before anything else")
assert watcher_me.needs_second_factor is True
refused(my_account.sync_detailed(client=watcher), 403, "before enrolling")
enrolment = ok(begin_enrolment.sync_detailed(client=watcher), "begin the enrolment")
assert enrolment.uri.startswith("otpauth://totp/"), enrolment.uri
codes = ok(
    confirm_enrolment.sync_detailed(
        client=watcher, body=CodeRequest(code=totp(enrolment.secret, time.time()))
    ),
    "confirm the enrolment",
)
assert len(codes.codes) == 10, codes.to_dict()
account = ok(my_account.sync_detailed(client=watcher), "my account")
assert len(account.sessions) == 1 and account.sessions[0].current, account.to_dict()
ok(update_profile.sync_detailed(client=watcher, body=ProfileRequest(display_name="王监督", lang="zh")), "profile")

step("the office finds the account, deactivates it (its session ends) and reactivates it")
found = ok(list_people.sync_detailed(client=office, q="WATCH", role=Role.SUPERVISOR), "people")
assert [p.email for p in found.items] == ["watch@client.test"], found.to_dict()
off = ok(deactivate.sync_detailed(found.items[0].id, client=office), "deactivate")
assert off.active is False
refused(me.sync_detailed(client=watcher), 401, "a deactivated account's session")
ok(reactivate.sync_detailed(found.items[0].id, client=office), "reactivate")
step("the office resets the supervisor's lost authenticator; the supervisor enrols again")
assert found.items[0].second_factor is True
reset = ok(reset_second_factor.sync_detailed(found.items[0].id, client=office), "reset")
assert reset.sessions_ended == 0, reset.to_dict()
again_in, again_me = sign_in("watch@client.test", "quiet harbour lantern 2027")
assert again_me.needs_second_factor is True
ok(request_reset.sync_detailed(client=public, body=ResetRequest(email="watch@client.test")), "ask for a reset")

step("passkeys: a site served at an IP address offers none, and every passkey call says so")
for call in (
    lambda: passkey_options.sync_detailed(client=public),
    lambda: begin_passkey.sync_detailed(client=office),
    lambda: recheck_with_passkey.sync_detailed(
        client=office, body=PasskeySignInRequest.from_dict({"ceremony": "x", "credential": {}}),
    ),
):
    assert refused(call(), 409, "passkeys at an IP address").code == "passkeys-need-domain"

step("the transparency log: every act above is in a signed checkpoint, with proofs that verify")


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def included(index, size, leaf, proof, root):
    """RFC 9162 2.1.3.2."""
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


audit_entries = ok(audit_log.sync_detailed(client=office), "the audit log").total
deadline = time.time() + 20
while True:
    published = ok(list_checkpoints.sync_detailed(client=public, per_page=500), "checkpoints")
    if published.items and published.items[0].size >= audit_entries:
        break
    assert time.time() < deadline, "no checkpoint of every entry within 20 s"
    time.sleep(0.3)
newest = published.items[0]
info = ok(log_info.sync_detailed(client=public), "the log")
assert newest.note.startswith(info.origin + "\n"), newest.note
assert info.public_key.startswith(info.origin + "+"), info.public_key
for index in (0, newest.size - 1):
    p = ok(inclusion_proof.sync_detailed(client=public, index=index, size=newest.size), "a proof")
    leaf = hashlib.sha256(b"\x00" + base64.b64decode(p.leaf_data)).digest()
    assert included(index, newest.size, leaf, [base64.b64decode(h) for h in p.proof],
                    base64.b64decode(newest.root_hash)), p.to_dict()
oldest = published.items[-1]
c = ok(consistency_proof.sync_detailed(client=public, from_=oldest.size, to=newest.size), "consistency")
assert c.from_root == oldest.root_hash and c.to_root == newest.root_hash, c.to_dict()
assert refused(inclusion_proof.sync_detailed(client=public, index=newest.size + 5), 422, "an entry past the log").fields[0].field == "index"

step("the certificate names its approval's leaf in the log; the proof of that leaf verifies")
approval = checked.approval_log
assert approval and approval.index < approval.size, checked.to_dict()
p = ok(inclusion_proof.sync_detailed(client=public, index=approval.index, size=approval.size), "the approval's proof")
leaf = hashlib.sha256(b"\x00" + base64.b64decode(p.leaf_data)).digest()
assert included(approval.index, approval.size, leaf, [base64.b64decode(h) for h in p.proof],
                base64.b64decode(p.root_hash)), p.to_dict()
assert p.checkpoint and "\n%d\n" % approval.size in p.checkpoint, p.to_dict()

print("cycle complete")
