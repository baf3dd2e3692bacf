# Laureate: English catalogue. Every key here must also be in zh/main.ftl (a test checks).

site-name = ISTC Award
site-tagline = International Science and Technology Cooperation Award of the PRC
skip-to-content = Skip to content
nav-label = Main
nav-home = The award
nav-laureates = Laureates
nav-stats = Statistics
nav-history = History
nav-dashboard = My work
nav-login = Sign in
nav-logout = Sign out
lang-switch = 中文
footer-text = The public record of the International Science and Technology Cooperation Award of the People's Republic of China. Every record names its source.
footer-api = API
footer-data = Download the registry (CSV)
message-back = Back
unknown = Not known
list-and = {" "}and{" "}
list-or = {" "}or{" "}

home-eyebrow = One of the five State Science and Technology Awards
home-lead = One of the five State Science and Technology Awards: the one given specifically to foreign individuals and organizations that have made important contributions to China's science and technology. Created in 1994; first awarded for 1995.
home-browse = Browse the laureates
home-history = History of the award
home-criteria-title = Who may receive it
home-criteria-candidates = Foreign individuals and foreign organizations, international organizations included, with at least one of these contributions:
home-criteria-source = Regulations on State Science and Technology Awards, Art. 13. Chinese citizens are not eligible for this award.
home-rules-title = The rules in force
home-cycle-title = The current cycle
home-no-cycle = No cycle is open at present.
home-recent-title = Laureates
home-recent-lead = The latest records of the registry.
rules-max = Recipients per round, at most
rules-grades = Grades
rules-no-grades = None: there are no first or second classes
rules-conferred = Conferred
rules-approval = Approved by
rules-period = Cycle
rules-period-years = { $years ->
    [one] Every year
   *[other] Every { $years } years
}
rules-rule-set = Rule set
conferred-medal = a medal
conferred-certificate = a certificate
conferred-no-money = ; never money

laureates-title = Laureates
laureates-lead = Every laureate since 1995 that public sources name, each with the source of the record.
laureates-count = { $count ->
    [one] One record
   *[other] { $count } records
}
laureates-download-csv = Download these records as CSV
laureates-download-json = as JSON
filter-q = Search
filter-q-placeholder = Name, in English or Chinese, affiliation, field
filter-year = Award year
filter-kind = Kind
filter-country = Country
filter-any = Any
filter-apply = Apply
pager-label = Pages
pager-prev = Previous
pager-next = Next
pager-page = Page { $page } of { $pages }
col-year = Award year
col-name = Name
col-name-en = Name in English
col-name-zh = Name in Chinese
col-kind = Kind
col-country = Country
col-field = Field
col-affiliation = Affiliation
col-ceremony = Ceremony
col-status = Status
col-title = Title
col-next = What to do next
col-nominator = Nominated by
col-reviews = Scores
kind-individual = Individual
kind-international_organization = International organization
kind-foreign_institution = Foreign organization
status-awarded = Awarded
status-revoked = Revoked
laureate-revoked = This award was revoked.
laureate-sources = Source
laureate-source-system = Approval recorded in this system; the record is kept in the audit log.
laureate-permalink = Permanent address

history-title = History of the award
history-lead = How the award and its rules came to be, revision by revision. Each revision created the rule set that cycles opened under it follow.
history-rule-set = Rule set
history-source = Source
history-1992-title = A predecessor award
history-1992-text = The State Science and Technology Commission created an award for foreign experts, the forerunner of this one.
history-1994-title = The award is created
history-1994-text = The State Council created the International Science and Technology Cooperation Award of the People's Republic of China.
history-1996-title = The first laureates
history-1996-text = The first awards, for 1995, were presented in 1996 to six international scientists.
history-1999-title = Five State Science and Technology Awards
history-1999-text = The Regulations on State Science and Technology Awards made this award one of five State prizes. Candidates were recommended by quota-limited bodies; a certificate was conferred.
history-2003-title = First revision of the Regulations
history-2003-text = The Regulations were revised for the first time.
history-2013-title = Second revision
history-2013-text = The Regulations were revised again, with no change specific to this award.
history-2020-title = Third revision: nomination and a medal
history-2020-text = Nomination by accredited bodies and qualified experts replaced recommendation; laureates receive a medal and a certificate; integrity screening and a supervision committee were introduced.
history-2021-title = No awards for 2021 and 2022
history-2021-text = Evaluation was paused; no awards were made for the award years 2021 and 2022.
history-2022-title = The 2020 awards presented abroad
history-2022-text = Laureates of the 2020 award year received their awards at PRC embassies in 2022 (Canberra, Paris, Germany and, according to one source only, the Netherlands).
history-2024-title = Approval by the CPC Central Committee and the State Council
history-2024-text = From 26 May 2024 the awards are approved by the CPC Central Committee and the State Council. In June 2024 ten foreign experts received the 2023 awards.
history-2025-title = The 2025 implementing rules
history-2025-text = Cycles become biennial, with at most 10 recipients per round.
history-prizes-title = The five State Science and Technology Awards
history-prizes-text = The 1999 Regulations on State Science and Technology Awards set up five State awards; this is the one given specifically to foreigners and foreign organizations.
prize-highest = State Preeminent Science and Technology Award
prize-natural = State Natural Science Award
prize-invention = State Technological Invention Award
prize-progress = State Scientific and Technological Progress Award
prize-istc = International Science and Technology Cooperation Award of the People's Republic of China

stats-title = Statistics
stats-totals = The registry holds { $held ->
    [one] { $held } record
   *[other] { $held } records
}; sources report { $reported ->
    [one] { $reported } laureate
   *[other] { $reported } laureates
} for the award years they cover.
stats-per-year = Laureates per award year
stats-per-year-table = Records held and laureates reported, per award year
stats-chart-caption = Grey: laureates that sources report. Red: records the registry holds. A year with a shorter red bar is held only in part.
stats-held = Records held
stats-reported = Reported by sources
stats-completeness = Completeness
stats-note = Note
stats-complete = Complete
stats-partial = Held in part
stats-unknown = Count not known
stats-none-awarded = No awards
stats-by-country = By country
stats-by-kind = By kind
stats-count = Records
stats-json = These figures as JSON

verify-title = Certificate verification
verify-unknown = No certificate carries this verification code. Check the code printed on the certificate.

login-title = Sign in
login-lead = For the awards office, nominators, experts, committee members and the approving body.
login-submit = Sign in
field-email = E-mail address
field-password = Password

dashboard-title = My work
dashboard-cycles = Cycles
dashboard-my-nominations = My nominations
dashboard-my-reviews = Nominations assigned to me
dashboard-none = Nothing here yet.
list-showing = { $from }–{ $to } of { $total }.
list-previous = Previous page
list-next = Next page
next-wait = Nothing to do: waiting for the next stage
cycle-open-title = Open a cycle
cycle-open-submit = Open the cycle
field-title-en = Title in English
field-title-zh = Title in Chinese
cycle-phase = Phase
cycle-schedule = Schedule
cycle-advance = Start the next phase now
cycle-counts = Nominations by state
cycle-nominations = Nominations
cycle-publish = Publish the accepted candidates
cycle-start-review = Send published candidates to preliminary evaluation
cycle-complete-reviews = Close review where scored
cycle-approved-by = Approved by the { $body }, decision { $document }, on { $date }.
ministry-note = MOST review: note
ministry-submit = Record the MOST review
nomination-new = New nomination
nomination-edit = Edit the dossier
nomination-save = Save the draft
nomination-candidate = The candidate
nomination-citation = Citation
nomination-dossier = Dossier
nomination-eligibility = Eligibility
nomination-actions = Actions
nomination-history = History
field-categories = Contribution categories
field-citation-en = Citation in English
field-citation-zh = Citation in Chinese
field-country-code = Nationality or country (ISO code)
field-country-hint = Two letters, for example DE for Germany.
field-reason = Reason
review-assign = Assign an expert
review-expert = Expert
review-assign-submit = Assign
review-yours = Your review
review-score = Score (0–100)
review-comment = Comment
review-submit = Submit the review
review-scores = Reviews
ballot-open = Open a committee ballot
ballot-close = Close the ballot and count
ballot-title = { $committee }: ballot, round { $round }
ballot-summary-open = Secret ballot of { $members ->
    [one] { $members } member
   *[other] { $members } members
}, open. Places left in the quota: { $slots }.
ballot-summary-closed = Secret ballot of { $members ->
    [one] { $members } member
   *[other] { $members } members
}, closed. Places left in the quota: { $slots }.
ballot-cast = Votes cast
ballot-result = Result
ballot-your-vote = Your vote
ballot-in-progress = Counted when the ballot closes
ballot-tally = { $outcome }: { $yes } yes, { $no } no, { $abstain ->
    [one] { $abstain } abstention
   *[other] { $abstain } abstentions
}
vote-yes = Yes
vote-no = No
vote-abstain = Abstain
vote-submit = Vote
vote-recorded = Your vote is recorded
resolution-title = Awards Committee resolution
resolution-lead = The evaluation committee's recommendations. The Awards Committee's members vote on each in a secret ballot; the resolution adopts what the vote decided, with each candidate's tally.
resolution-adopt = Adopt the resolution
approval-title = Approval
approval-lead = The candidates confirmed by the National Science and Technology Awards Committee and passed by the MOST review, for the decision of the { $body }: approve each, return it to the Awards Committee, or refuse it, with reasons.
approval-document = Decision document number
approval-submit = Record the approval
audit-recent = Latest audit entries
audit-at = When
audit-actor = Who
audit-action = Action
audit-subject = Subject

flash-cycle-opened = The cycle is open.
flash-key-compromised = The key is marked compromised. The verification page now shows what it signed from that day on as signed with a compromised key.
flash-phase-advanced = The next phase has started.
flash-published = The accepted candidates are published; the objection period has started.
flash-review-started = The published candidates are under preliminary evaluation.
flash-reviews-completed = Review is closed for the scored nominations.
flash-ballot-opened = The ballot is open.
flash-ballot-closed = The ballot is closed and counted.
flash-resolution-adopted = The resolution is adopted.
flash-ministry-reviewed = The MOST review is recorded.
flash-approved = The approval is recorded; the laureates are in the registry.
flash-saved = Saved.
flash-moved = Done.
flash-assigned = The expert is assigned.
flash-review-saved = Your review is saved.
flash-voted = Your vote is recorded.

role-admin = awards office
role-nominator = nominator
role-reviewer = evaluation expert
role-committee = evaluation committee member
role-awards_committee = Awards Committee member
role-supervisor = supervision committee member
role-approver = approver
role-researcher = researcher

phase-upcoming = announced
phase-nomination = nomination window
phase-formal_review = formal examination
phase-objection = publication for objections
phase-review = preliminary evaluation
phase-committee = evaluation committee
phase-approval = approval
phase-ceremony = ceremony
phase-closed = closed

state-draft = Draft
state-submitted = Submitted
state-returned = Returned for correction
state-rejected = Not accepted
state-accepted = Accepted
state-published = Published for objections
state-under_review = Under preliminary evaluation
state-reviewed = Preliminary evaluation done
state-recommended = Proposed for the award
state-not_recommended = Not proposed
state-resolved = Resolved by the Awards Committee
state-not_confirmed = Not confirmed by the Awards Committee
state-endorsed = Passed by the MOST review
state-refused = Refused
state-approved = Approved
state-conferred = Conferred
state-withdrawn = Withdrawn
state-revoked = Revoked

action-submit = submit
action-accept = accept
action-return = return for correction
action-reject = do not accept
action-publish = publish
action-start_review = send to preliminary evaluation
action-complete_review = close preliminary evaluation
action-recommend = propose for the award
action-not_recommend = do not propose
action-resolve = resolve
action-not_confirm = do not confirm
action-endorse = pass to the approving body
action-return_to_committee = return to the Awards Committee
action-refuse = refuse
action-approve = approve
action-confer = confer
action-withdraw = withdraw
action-revoke = revoke
action-send_back = send back after an objection
action-exclude = cancel eligibility after an objection

category-joint_research = Joint research or development with Chinese citizens or organizations that achieved major scientific and technological results
category-teaching_training = Teaching advanced science and technology to Chinese citizens or organizations and training talent, with particularly remarkable results
category-exchange_cooperation = Important contributions to S&T exchange and cooperation between China and other countries

eligibility-kind = The candidate is a kind this award accepts
eligibility-foreign = The candidate is foreign (Chinese citizens are not eligible)
eligibility-categories = At least one contribution category (Art. 13)
eligibility-no-self-nomination = Not a self-nomination (Regulation Art. 14: self-nominations are not accepted)

outcome-passed = Passed
outcome-failed = Failed
outcome-needs_office_check = The office checks
outcome-no_quorum = No quorum
outcome-over_quota = Passed, beyond the quota
outcome-tied = Tied at the quota: run-off

title-not-found = Not found
title-forbidden = Not allowed
title-conflict = Not possible now
title-invalid = Please check the form
title-error = Something went wrong

error-invalid = Some fields need attention.
error-too-large = This is larger than allowed.
error-unauthenticated = Sign in first.
error-no-signing-key = No key signs certificates on this server. Start it with --signing-key FILE (a key made by “laureate certificates keygen”, kept by the office, readable by its owner alone): a secret key never lives in the database.
error-signing-key-compromised = The signing key { $key } is marked compromised from { $day }: it signs nothing more. Start the server with a new key (--signing-key FILE, made by “laureate certificates keygen”); certificates signed before { $day } stay valid.
error-key-compromised-already = This key is already marked compromised from { $day }. It can only be marked from an earlier day.
error-forbidden = As { $role }, you may not do this.
error-not-found = There is no such { $what }.
error-internal = Something went wrong on our side. It has been logged; please try again.
error-wrong-phase = This is allowed in the { $allowed } phase, but the cycle is in the { $current } phase.
error-not-permitted = As { $role }, you may not { $action } this nomination.
error-objection-move = An objection that is “{ $status }” cannot take the step “{ $action }”.
error-illegal-state = A nomination that is “{ $state }” cannot be given the action “{ $action }”.
error-login-failed = The e-mail address or the password is wrong.
error-csrf = The form expired. Reload the page and try again.
error-no-body = Your account does not act for a nominator.
error-not-editable = The dossier cannot be changed while it is “{ $state }”.
error-stale-version = Someone changed this record since you loaded it. Reload the page to see the latest version.
error-cycle-closed = The cycle is closed.
error-not-under-review = The nomination is not under preliminary evaluation (it is “{ $state }”).
error-already-assigned = This expert is already assigned to this nomination.
error-ballot-open = A ballot is already open in this cycle.
error-ballot-closed = The ballot is closed.
error-not-reviewed = Nomination { $id } has not completed preliminary evaluation.
error-nothing-to-vote = No reviewed nomination is waiting for a vote.
error-no-committee = The evaluation committee has no members.
error-already-voted = You have already voted on this item.
error-no-ministry-review = The MOST review must be recorded before approval.
error-quota = Approving would make { $count ->
    [one] { $count } laureate
   *[other] { $count } laureates
} in this round; the rule set allows at most { $max }.
error-laureate-exists = { $name } is already in the registry for this award year.

invalid-required = This is required.
invalid-too-long = This is too long: at most { $detail ->
    [one] { $detail } character.
   *[other] { $detail } characters.
}
invalid-control-characters = This contains control characters.
invalid-invalid-email = This is not an e-mail address.
invalid-password-too-short = Use at least { $detail ->
    [one] { $detail } character.
   *[other] { $detail } characters.
}
invalid-password-common = This password is too common; choose another.
invalid-password-personal = Do not use your e-mail address or your name in your password.
invalid-password-guessable = This password would be easy to guess (a repeated pattern, a keyboard row, common words or dates). A few unrelated words make a strong one.
invalid-out-of-range = This must be in the range { $detail }.
invalid-invalid-country = Use a two-letter ISO country code, for example DE.
invalid-unknown-kind = Choose a kind of candidate: individual, international organization, foreign organization or project.
invalid-unknown-category = Choose among the three contribution categories.
invalid-email-taken = An account with this e-mail address exists.
invalid-invitation-account-exists = { $detail } already has an account; no invitation is needed.
invalid-cycle-exists = A cycle for this award year exists.
invalid-not-a-number = This must be a number.
invalid-before-opening = The window must close after it opens.
invalid-unknown-role = Unknown role.
invalid-unknown-vote = Vote yes, no or abstain.

fieldname-action = Action
fieldname-award_year = Award year
fieldname-body = Nominator
fieldname-categories = Contribution categories
fieldname-email = E-mail address
fieldname-kind = Kind
fieldname-response = Response
fieldname-name_en = Name in English
fieldname-name_zh = Name in Chinese
fieldname-country = Country
fieldname-field = Field
fieldname-citation_en = Citation in English
fieldname-citation_zh = Citation in Chinese
fieldname-reason = Reason
fieldname-role = Role
fieldname-score = Score
fieldname-comment = Comment
fieldname-vote = Vote
fieldname-nomination_closes_at = Closing of the nomination window
fieldname-title_en = Title in English
fieldname-title_zh = Title in Chinese
fieldname-password = Password
fieldname-display_name = Name
fieldname-note = Note
fieldname-document = Decision document
fieldname-eligibility = Eligibility

# Nominations in depth: roster, dossier, evidence, formal review, integrity.
autosave-saved = Draft saved automatically at { $time }.
cycle-back = Back to the cycle
office-tools = Office tools
nomination-new-individual = Nominate an individual
nomination-new-organization = Nominate an organization
nomination-form-individual = The nomination form for an individual candidate.
nomination-form-organization = The nomination form for a candidate organization (an international or a foreign organization).
nomination-version = Version
nomination-versions = Submitted versions
field-birth-year = Year of birth
field-birth-year-hint = Tells namesakes apart; it is not published.
field-org-country-code = Country of the organization (ISO code)
field-contribution-en = Contribution statement in English
field-contribution-zh = Contribution statement in Chinese
field-partners = Chinese partner institutions
field-partners-hint = Each institution with the years of cooperation; leave the end year empty if it goes on.
field-from-year = From
field-to-year = Until
field-display-name = Your name
field-password-hint = At least 12 characters; a long phrase is best.
declaration-text = As the nominator I declare that this nomination follows the nomination measures and that I am accountable for the truth and accuracy of its materials (Regulation Art. 15).
checklist-title = Formal examination checklist
checklist-dossier-complete = The dossier is complete in both languages where required
checklist-categories-substantiated = The contribution categories are substantiated
checklist-partners-confirmed = The Chinese partner institutions are confirmed
checklist-evidence-attached = The evidence is attached and legible
checklist-declaration-signed = The nominator's declaration is signed
checklist-integrity-screened = Screened against the integrity register
evidence-title = Evidence
evidence-none = No evidence attached yet.
evidence-file = File
evidence-size = Size
evidence-remove = Remove
evidence-add = Add evidence
evidence-hint = PDF, PNG or JPEG, at most 10 MB a file and 40 MB a dossier.
evidence-upload = Upload
flag-duplicate = The same candidate seems to be nominated in nomination { $id } too: check before accepting.
flag-integrity = Integrity register listing { $id } names the candidate or the nominator.
queue-title = Formal examination queue
queue-lead = Submitted dossiers waiting for formal review, the oldest first, with what needs a look.
queue-empty = No dossier is waiting for formal review.
queue-submitted = Submitted
queue-check = To check
roster-title = Roster of nominators
roster-lead = The nominators entitled to nominate, their staff, and any suspension or withdrawal of the right to nominate (Regulation Art. 14 and 31).
roster-link-once = It is mailed; in case the mail goes astray, here it is, shown only now. It works once, for 7 days:
roster-class = Class
roster-members = Staff
roster-right = Right to nominate
roster-entitled = In force
roster-invite = Invite staff
roster-invite-submit = Invite
roster-sanction = Sanction
roster-sanction-submit = Record
roster-until = Until
roster-add = Add a nominating body
roster-add-submit = Add
sanction-suspension = Suspension
sanction-cancellation = Cancellation
sanction-suspension-until = Suspended until { $until }: { $reason }
sanction-cancellation-until = Cancelled: { $reason }
class-central_organ = Department of the central and state organs
class-provincial_government = Province, autonomous region, municipality or sub-provincial city
class-university = University
class-research_institution = Research institution
class-embassy_consulate = PRC embassy or consulate abroad
class-expert_group = Nominating experts (jointly)
class-organization = Organization recognised by MOST
invitation-title = Join as a nominator
invitation-lead = You are invited to nominate on behalf of
invitation-lead-role = You are invited to Laureate as { $role }. Choose your name and password.
invitation-submit = Create my account
integrity-title = Research-integrity listings
integrity-lead = Research-misconduct bans from award activities, serious research-integrity breach records and Party or government disciplinary sanctions, each with its period. Candidates and nominators are checked against them (Regulation Art. 16 and 24).
integrity-kind = Listing
integrity-period = Period
integrity-reference = Reference
integrity-from = From
integrity-to = Until
integrity-add = Add a listing
integrity-add-submit = Add
listing-misconduct_ban = Research-misconduct ban from award activities
listing-serious_dishonesty = Serious research-integrity breach record
listing-disciplinary_sanction = Party or government disciplinary sanction
eligibility-nominator-entitled = The nominator holds the right to nominate (Art. 31)
eligibility-quota = Within the nominator's quota for this cycle
eligibility-window = Inside the nomination window
eligibility-not-laureate = Not already a laureate of this award
eligibility-not-duplicate = Not nominated twice in this cycle
eligibility-integrity = Not listed in the integrity register (Art. 16)
eligibility-nominator-integrity = The nominator is not listed in the integrity register
error-invitation-used = This invitation has been used. Ask the awards office for a new one.
error-invitation-expired = This invitation has expired. Ask the awards office for a new one.
flash-attached = The evidence is attached.
flash-removed = The evidence is removed.
flash-body-created = The body is on the roster.
flash-invited = The invitation is ready.
flash-sanctioned = The sanction is recorded.
flash-listing-added = The listing is recorded.
flash-welcome = Welcome. Your account is ready.
people-title = People and access
people-lead = Every account of the award, and the invitations that create them. An invitation is mailed to the invitee in their language with a link that works once, for 7 days; the link is also shown to you once.
people-invite = Invite someone
people-invite-submit = Send the invitation
people-accounts = Accounts
people-search = Name or e-mail address
people-search-submit = Search
people-any-role = Any role
people-none = No account matches.
people-refine = Search by name, address or role to find the others.
people-no-body = No nominating body
people-body-hint = Only for a nominator's staff: the body they act for.
people-active = Active
people-deactivated = Deactivated
people-change-role = Role
people-new-role = New role for
people-change-role-submit = Change the role
people-access = Access
people-deactivate = Deactivate
people-reactivate = Reactivate
people-you = This is you
people-invitations = Invitations not yet used
people-no-invitations = No invitation is waiting.
people-expires = Link works until
people-resend = Send again
people-revoke = Revoke
experts-invite = Invite to review
account-title = My account
account-profile = Name and language
account-lang = Language of your mail
account-profile-submit = Save
account-password = Password
account-password-hint = Changing it signs you out everywhere else.
account-password-submit = Change the password
account-sessions = Where you are signed in
account-device = Browser
account-address = Address
account-signed-in = Signed in
account-last-use = Last used
account-unknown-device = Not known
account-this-session = This browser
account-end-session = Sign out there
account-end-others = Sign out everywhere else
account-zone = Times in { $zone }.
account-sign-ins = Recent sign-ins
account-no-sign-ins = None yet.
account-known-device = from a browser used before
account-new-device = from a new browser
field-current-password = Current password
entity-session = session
fieldname-current_password = Current password
fieldname-new_password = New password
invalid-wrong-password = This is not your current password.
flash-profile-saved = Saved.
flash-password-changed = Your password is changed; every other session has ended.
flash-session-ended = That session has ended.
flash-sessions-ended = Every other session has ended.
nav-account = My account
account-email = E-mail address
account-email-lead = Your address is { $email }. A new address must confirm itself: a link is mailed to it, valid 24 hours, and your present address is told.
account-email-submit = Send the confirmation link
field-new-email = New e-mail address
fieldname-new_email = New e-mail address
email-confirm-title = Confirm your new e-mail address
email-confirm-lead = Your Laureate account's address becomes { $email }.
email-confirm-submit = Confirm the new address
email-confirmed = Your account's address is now { $email }.
error-email-link = This link has been used or has expired. Ask for a new one on your account page.
flash-email-change-asked = A link to confirm the new address is on its way to it.
mail-email-confirm-subject = Confirm your new Laureate e-mail address
mail-email-confirm-body = Confirm { $new } as the address of your Laureate account (the link works once, for 24 hours):
    { $link }

    If you did not ask for this, ignore this message.
mail-email-change-asked-subject = A change of your Laureate e-mail address was asked
mail-email-change-asked-body = Someone signed in to your Laureate account asked to change its address to { $new }. It changes only when that address confirms it.

    If it was not you, reset your password at once: { $reset }
mail-email-changed-subject = Your Laureate e-mail address was changed
mail-email-changed-body = The address of your Laureate account is now { $new }; this address no longer receives its mail.

    If it was not you, tell the awards office at once and reset your password: { $reset }
field-role = Role
field-invitee-name = Name
field-body-for-nominators = Nominating body
field-invitation-lang = Language of the invitation
field-new-password = New password
col-actions = Actions
invitation-sent-title = Invitation sent
invitation-sent-lead = The invitation is on its way to { $email }. Its link works once, until { $expires } ({ $zone }).
invitation-state-pending = Waiting
invitation-state-expired = Expired
invitation-state-revoked = Revoked
flash-invitation-revoked = The invitation is revoked: its link no longer works.
flash-role-changed = The role is changed.
flash-deactivated = The account is deactivated and all its sessions have ended.
flash-reactivated = The account is active again.
flash-password-reset = Your password is changed. Sign in with it.
forgot-title = Reset your password
forgot-link = Forgotten your password?
forgot-lead = Give the e-mail address of your account. If it has one, a link to choose a new password is mailed to it; the link works once, for one hour.
forgot-submit = Send the link
forgot-sent = If this address has an account, a link to choose a new password is on its way. Check your mail; the link works once, for one hour.
reset-title = Choose a new password
reset-submit = Set the new password
error-reset-link = This link has been used or has expired. Ask for a new one.
error-reset-throttled = Too many requests from here. Try again in an hour.
error-password-checks = Too many password checks for this account. Try again in an hour, or reset the password.
error-invitation-closed = This invitation has been used or revoked already.
error-last-office-account = This is the last active awards office account: the office would be locked out.
error-deactivate-self = You cannot deactivate your own account.
invalid-expert-only-reviewer = Only an evaluation expert is linked to an entry of the pool.
mail-invitation-subject = Your invitation to Laureate
mail-invitation-body = You are invited to Laureate, the administration of the International Science and Technology Cooperation Award of the PRC, as { $role }.

    Choose your name and password here (the link works once, until { $expires }, { $zone }):
    { $link }

    If you did not expect this invitation, ignore this message.
mail-reset-subject = Reset your Laureate password
mail-reset-body = Someone asked to reset the password of your Laureate account. Choose a new password here (the link works once, for one hour):
    { $link }

    If it was not you, ignore this message: your password stays as it is.
mail-password-changed-subject = Your Laureate password was changed
mail-password-changed-body = The password of your Laureate account was changed, and every session of it has ended.

    If it was not you, reset it at once: { $reset }
mail-new-device-subject = New sign-in to your Laureate account
mail-new-device-body = A browser that had not signed in to your Laureate account before did so on { $when } ({ $zone }), from { $client }:
    { $browser }

    If it was you, nothing is needed. If not, reset your password at once, which signs out every session: { $reset }
invalid-unknown-class = Choose one of the classes of nominating bodies.
invalid-body-exists = A body with this name is on the roster.
invalid-unknown-sanction = Choose suspension or cancellation.
invalid-in-the-past = This must be in the future.
invalid-declaration-required = Declare that you are accountable for the truth and accuracy of the dossier before submitting (Regulation Art. 15).
invalid-checklist-missing = Not ticked: { $detail }.
invalid-too-many = At most { $detail }.
invalid-bad-years = The years of cooperation must run from 1949 to 2100, the end after the start.
invalid-file-empty = The file is empty.
invalid-file-too-large = The file is larger than 10 MB.
invalid-file-type = Only PDF, PNG and JPEG files are accepted; this file's content is none of them, whatever its name says.
invalid-dossier-full = The dossier's evidence would exceed 40 MB.
invalid-too-many-files = A dossier holds at most 20 files.
invalid-file-unreadable = The upload could not be read.
invalid-unknown-listing = Choose a kind of listing.
invalid-not-a-date = Use a date in the form YYYY-MM-DD.
fieldname-declaration = Declaration
fieldname-checklist = Checklist
fieldname-file = File
fieldname-partners = Partner institutions
fieldname-birth_year = Year of birth
fieldname-contribution_en = Contribution statement in English
fieldname-contribution_zh = Contribution statement in Chinese
fieldname-ends_at = End of the sanction
fieldname-starts_on = Start
fieldname-ends_on = End
fieldname-class = Class

# The registry in depth: corrections, open data, rule sets, sealed archive.
filter-field = Field
filter-sort = Order
sort-year_desc = Newest award year first
sort-year_asc = Oldest award year first
sort-name = By name
sort-country = By country
laureate-correct = Correct this record
laureate-correct-submit = Record the correction
laureate-correction = correction
laureate-corrections = Corrections
flash-corrected = The correction is recorded and shown below.
fieldname-ceremony_date = Date of the ceremony
fieldname-ceremony_place = Place of the ceremony
fieldname-source_url = Source
fieldname-affiliation = Affiliation
fieldname-purpose = Purpose of the research
invalid-no-change = The record already says this: nothing to correct.
invalid-not-a-url = Give an address starting with http:// or https://.
stats-by-field = By field
stats-csv = These figures as CSV
stats-cumulative = Cumulative laureates
stats-cumulative-caption = Red: records the registry holds, added up year by year. Grey: laureates that sources report, added up the same way.
open-data-title = Open data
open-data-lead = The whole registry for reuse, with the source of every record.
open-data-downloads = Downloads
open-data-json = The registry as JSON, with its licence and the date of the data
open-data-csv = The registry as CSV
open-data-stats = Laureates per award year as CSV
open-data-records = Records
open-data-as-of = Date of the data
open-data-licence = Licence
open-data-note = Facts compiled from the public sources named in each record. Years with fewer records than sources report are incomplete; the statistics say which.
open-data-api = API
open-data-api-text = The same data, filtered and paged, through the JSON API:
rules-title = Rule sets
rules-lead = The rules of the award as each regulation set them. A cycle keeps the rule set that governs its award year, to the end.
rules-effective = In force from
rules-regulation = Regulation
rules-changes = What it changed
rules-intake = How candidates come forward
rules-objection-days = Objection period, days
rules-quorum = Committee quorum
rules-threshold = Passing threshold
rules-secret = Secret ballot
rules-integrity = Integrity screening
rules-supervision = Supervision committee
rules-seal = Records sealed for, years
intake-recommendation = Recommendation by quota-limited bodies
intake-nomination = Nomination by accredited bodies and qualified experts
yes = Yes
no = No
archive-title = Sealed archive
archive-lead = The nominations, reviews, objections and deliberations of a closed cycle are sealed. After the sealing period of the cycle's rule set a researcher may apply for access to some of its records, for a limited time; the awards office decides. The office itself reads a sealed cycle only on a recorded legal basis.
archive-none = No cycle is closed yet.
archive-closed = Closed
archive-opens = Open to applications from
archive-apply = Apply for access
archive-purpose = Purpose of the research
archive-sealed = Sealed
archive-requests = Requests for access
archive-decide = Decision
archive-note = Note (required to refuse)
archive-grant = Grant
archive-refuse = Refuse
flash-archive-requested = Your request is recorded; the awards office will decide.
flash-archive-decided = The decision is recorded.
error-archive-sealed = This cycle's records stay sealed until { $date }.
error-archive-not-closed = This cycle is not closed; its records are not in the archive.
error-already-decided = This request has been decided already.

# Expert review: the pool, conflicts of interest, assignment, declarations, rubric.
experts-title = Evaluation expert database
experts-lead = The experts who may review, with their institutions over time and their collaborations, from which conflicts of interest are found (Regulation Art. 18 and 19).
experts-fields = Fields of expertise
experts-fields-hint = Separate fields with commas.
experts-affiliations = Institutions
experts-account = Has an account
experts-institution = Current institution
experts-add = Add an expert
experts-add-submit = Add
experts-import = Import from CSV
experts-import-csv = CSV text
experts-import-submit = Import
experts-merge = Merge two records of one person
experts-merge-from = Duplicate record (number)
experts-merge-into = Record that remains (number)
experts-merge-submit = Merge
conflicts-title = Conflicts of interest
conflicts-lead = Each conflict says why it was found. A false one may be dismissed, with the reason recorded; the office may add one the rules did not find.
conflicts-detect = Detect conflicts again
conflicts-none = No conflict found.
conflicts-reason = Reason
conflicts-source = Found by
conflicts-dismiss = Dismiss
conflicts-dismissed = Dismissed
conflicts-add = Add a conflict
conflicts-add-submit = Add
conflicts-expert-id = Expert number
conflicts-nomination-id = Nomination number
conflict-source-detected = the rules
conflict-source-office = the office
conflict-source-declared = the expert's declaration
conflict-same-institution = Same institution as the candidate, now or recently
conflict-partner-institution = The candidate's Chinese partner institution is the expert's own
conflict-nominating-body = The expert, or the expert's institution, is the nominator
conflict-collaboration = Worked with the candidate recently
conflict-relation = Family, advisor or student relation with the candidate
conflict-nominated-candidate = The expert nominated this candidate
conflict-office = Recorded by the office
conflict-declared = Declared by the expert
assignment-title = Assignment of experts
assignment-lead = Every nomination under review gets the number of experts asked for, no expert more than the maximum, never a conflicted pair. Optimal: the highest total affinity. Random: a draw reproducible from its seed (Regulation Art. 19). Preview first, then record.
assignment-mode = Mode
assignment-optimal = Optimal affinity
assignment-random = Random draw
assignment-demand = Experts per nomination
assignment-max = Most per expert
assignment-min = Fewest per expert
assignment-seed = Seed
assignment-preview = Preview
assignment-commit = Record this assignment
assignment-previewed = Preview (not recorded)
assignment-committed = Recorded
assignment-objective = Total affinity
assignment-affinity = Affinity
assignment-why = Why
assignment-refused = Pairs refused
affinity-same-field = the expert's field is the nomination's
affinity-related-field = a related field
affinity-other-field = another field
affinity-unknown-field = the nomination names no field
declaration-title = Declaration of interests
declaration-lead = Before you open the dossier, declare any interest in the candidate:
declaration-question = Do you have a major interest in this candidate (Regulation Art. 18)?
declaration-no = No, I have none
declaration-yes = Yes, I must recuse
declaration-note = What it is (required if you recuse)
declaration-final = A declaration cannot be taken back; the office may review a declared conflict.
declaration-submit = Declare
review-rubric = Scores, 0 to 10 each
review-normalized = Normalised (z)
criterion-significance-of-results = Significance of the joint results
criterion-depth-of-cooperation = Depth of the cooperation
criterion-benefit-to-china = Benefit to China's science and technology
criterion-talent-trained = Talent trained
criterion-knowledge-transferred = Knowledge transferred
criterion-breadth-of-exchange = Breadth of the exchange
criterion-lasting-ties = Lasting ties built
cycle-release-reviews = Release the reviews to the experts
cycle-reminders = Remind experts of pending reviews
error-declare-first = Declare your interests before opening the dossier.
error-declared-conflict = You declared a conflict with this candidate; the dossier stays closed to you.
error-already-declared = You have declared on this nomination already; a declaration cannot be taken back.
error-already-dismissed = This conflict has been dismissed already.
flash-expert-added = The expert is in the pool.
flash-experts-imported = The experts are imported.
flash-experts-merged = The records are merged and conflicts found again.
flash-conflicts-detected = Conflicts found again.
flash-conflict-added = The conflict is recorded.
flash-conflict-dismissed = The conflict is dismissed, with its reason.
flash-conflict-declared = Your conflict is recorded; you will not review this nomination.
flash-declared = Your declaration is recorded.
flash-reviews-released = The reviews are released to the experts.
flash-reminders-queued = Reminders are queued.
invalid-expert-exists = An expert with this e-mail address is in the pool.
invalid-unknown-collaboration = Use co_author, joint_project, advisor, student or family.
invalid-rubric-incomplete = Score every criterion from 0 to 10: { $detail }.
invalid-unknown-mode = Choose optimal or random.
invalid-bad-loads = Give at least one expert per nomination and a maximum load of at least the minimum.
invalid-unknown-state = Use one of the states a nomination passes through, for example submitted.
invalid-same-expert = Choose two different records.
invalid-import-not-csv = This is not CSV text: check the quotes and the commas.
invalid-import-header = The first line must be the header { $detail }
invalid-import-affiliation = Write each affiliation as institution:from-to, for example Tsinghua University:2001-2010.
invalid-import-year = Give a year of four digits.
invalid-import-collaboration = Write each collaboration as partner:kind:year, for example Li Wei:co_author:2019.
import-line = Line { $line }, { $column }: { $problem } Nothing was imported.
fieldname-criteria = Scores
fieldname-mode = Mode
fieldname-demand = Experts per nomination
fieldname-nationality = Nationality
fieldname-fields = Fields
fieldname-affiliations = Institutions
fieldname-collaborations = Collaborations
fieldname-orcid = ORCID
fieldname-from = Duplicate record
fieldname-detail = Reason

field-affiliation = The candidate's institution
field-affiliation-hint = Used to find experts with a conflict of interest.

# Objections (Regulation Art. 23) and the supervision committee (Art. 20)
invalid-unknown-value = Unknown value: { $detail }.
invalid-objection-anonymous = Objections are made under a real name: give the name of the person or organization and say which it is. Anonymous objections are not accepted.
invalid-objection-unsigned = Sign the objection (a person) or confirm it is sealed (an organization).
invalid-objection-late = The objection period ended on { $detail }; late objections are not accepted.
invalid-objection-not-published = This nomination is not published for objections.
invalid-objection-unknown-ground = Unknown ground: { $detail }.
invalid-objection-move-not-allowed = This step is not possible now ({ $detail }).
invalid-objection-response-late = The response was due on { $detail }.
error-objection-burst = Too many objections from your address; try again in { $minutes ->
    [one] { $minutes } minute.
   *[other] { $minutes } minutes.
}
error-objection-duplicate = This objection was already received; follow it with the receipt number you were given.
error-objection-open = An objection to { $candidate } is still open; decide it before the resolution.
objections-title = Published candidates
objections-intro = The candidates below are published for objections. Anyone may object in writing under their real name, with evidence, until the deadline. The objector's identity is known only to the awards office and the supervision committee.
objections-deadline = Objections are received until { $deadline } ({ $zone }).
objections-none = No candidates are published for objections at the moment.
objections-object = Object to this nomination
objection-form-title = Objection to the nomination of { $candidate }
objection-kind = You object as
objection-kind-person = a person (you sign)
objection-kind-organization = an organization (it seals)
objection-name = Full name of the person or organization
objection-contact = E-mail address for the receipt and the reply
objection-grounds = Grounds
ground-falsified_material = Falsified material
ground-authorship_dispute = Authorship dispute
ground-integrity = Research integrity
ground-eligibility = Eligibility
ground-other = Other
objection-statement = Statement
objection-evidence = Evidence (PDF, PNG or JPEG; at most 10 MB each)
objection-signed = I make this objection under my real name and sign it (or the organization seals it).
objection-submit = File the objection
objection-received = Your objection was received. Keep this receipt number to follow it:
objection-status-title = Follow an objection
objection-receipt = Receipt number
objection-check = Check
objection-status = Status
objection-reply = Reply
objection-status-received = Received
objection-status-admitted = Admitted for handling
objection-status-inadmissible = Not admissible
objection-status-awaiting_response = Waiting for the nominator's response
objection-status-responded = Nominator has responded
objection-status-dismissed = Dismissed
objection-status-upheld = Upheld
invalid-form-unreadable = The form could not be read ({ $detail }). Go back and send it again.
invalid-multipart-required = Send the objection as multipart/form-data.
nav-candidates = Published candidates
objections-contribution = Contribution
objection-unknown-receipt = No objection has this receipt number.
objections-handling-title = Objections
objections-handling-none = No objections were received.
objection-objector = Objector
objection-request = Request to the nominator
objection-due = Due
objection-response = Nominator's response
objection-effect = Effect on the nomination
objection-effect-return = Returned to the nominator
objection-effect-reject = Eligibility cancelled
objection-effect-withdraw = Withdrawn
objection-notes = Investigation notes
objection-note = Investigation note
objection-add-note = Add the note
objection-admit = Admit for handling
objection-refuse = Refuse as inadmissible
objection-ask = Ask the nominator
objection-decide = Decide
objection-send-response = Send the response
report-title = Supervision committee report
report-none = The supervision committee has not reported on this cycle yet.
report-write = Report to the Awards Committee
report-save = Save the report
cycle-objections = Objections and supervision
flash-objection-admitted = The objection is admitted for handling.
flash-objection-inadmissible = The objection is refused as inadmissible.
flash-objection-awaiting_response = The nominator is asked to respond.
flash-objection-responded = The response is sent.
flash-objection-dismissed = The objection is dismissed; the objector has the reply.
flash-objection-upheld = The objection is upheld; the nomination has changed and the objector has the reply.
flash-objection-noted = The note is added.
flash-report-saved = The report is saved.
error-supervision-report-missing = The supervision committee has not reported on this cycle yet; the Awards Committee resolves after reading its report.
objector-person = a person
objector-organization = an organization
error-recused = You are recused from the vote on this nomination: { $reason } (Regulation Art. 18).
ballot-recused = Recused
ballot-recused-me = You are recused: conflict of interest

# Committees
committees-title = Committees
committees-lead = Members serve terms of { $years ->
    [one] { $years } year
   *[other] { $years } years
}, at most { $terms } in a row; each committee has one chair, any number of vice-chairs and one secretary-general at a time. Only members in office vote, and a member with a conflict of interest is recused from that nomination's vote.
committees-none = No member is in office.
committees-in-office = Members in office
committees-position = Position
committees-term = Term
committees-end = End the term early
committees-end-submit = End term
committees-past = Past and future terms
committees-starts = First day of the term
committees-appoint = Appoint
committee-evaluation = Evaluation committee
committee-awards = National Science and Technology Awards Committee
position-chair = Chair
position-vice_chair = Vice-chair
position-secretary = Secretary-General
position-member = Member
flash-member-appointed = The member is appointed.
flash-term-ended = The term is ended.
error-not-on-ballot = You are not a member of the committee for this ballot: only the members in office when it opened vote.
error-ballot-deadline = The ballot's deadline has passed; it takes no more votes.
error-action-not-direct = { $action } is not a move made by hand: it follows from the ballot, the resolution, the approval or a revocation case.
invalid-unknown-position = Choose chair, vice-chair, secretary-general or member.
invalid-unknown-account = There is no active account with this e-mail address.
invalid-term-wrong-role = This account's role cannot sit on this committee.
invalid-term-overlaps = The member already holds a term from { $detail } at that time.
invalid-term-too-many-in-a-row = A member serves at most { $detail ->
    [one] { $detail } term
   *[other] { $detail } terms
} in a row; this term would be one more.
invalid-term-position-taken = Another member holds this position at that time.
invalid-not-a-date-time = Use a date and time.
fieldname-position = Position
fieldname-closes_at = Deadline
ballot-deadline = Deadline ({ $zone }, optional)
ballot-open-submit = Open the ballot
ballot-closes-at = Closes by itself at { $at } ({ $zone }).
ballot-tie = Nominations are tied at the quota boundary. Nothing was decided for them: hold a run-off ballot.
ballot-run-off = Open a run-off ballot on the tied nominations

# Revocation
revocations-title = Revocations
revocations-lead = An award won by plagiarising or appropriating others' discoveries, inventions or other results, or by other improper means, is revoked by MOST with the approval of the original approving body, and the medal and certificate are recovered (Regulation Art. 30). The record stays in the registry and shows the revocation.
revocations-none = There are no revocation cases.
revocation-title = Revocation case
revocation-heading = Revocation case: { $name } ({ $year })
revocation-ground = Ground
revocation-respond-by = Answers due by
revocation-summary = Summary of the grounds
revocation-summary-en = Summary of the grounds for the registry (English)
revocation-summary-zh = Summary of the grounds for the registry (Chinese)
revocation-opened = Opened
revocation-statement = Statement of the facts
revocation-answers = Answers
revocation-no-answers = No answer yet.
revocation-answer-laureate = The laureate's answer (from their letter)
revocation-answer-nominator = Your answer as the nominator
revocation-answer-submit = Record the answer
revocation-decide = The Awards Committee's opinion
revocation-decide-revoke = Revoke the award
revocation-decide-dismiss = Dismiss the case
revocation-decision-note = Reasons
revocation-decide-submit = Record the opinion
revocation-approve = Approval of the revocation
revocation-approve-submit = Approve the revocation
revocation-submit = The ministry's step
revocation-submit-lead = The Awards Committee's opinion is to revoke. Record what MOST did with it: submitted to the original approving body for approval (Regulation Art. 30), or not submitted, which closes the case without revoking.
revocation-submit-yes = Submitted to the approving body
revocation-submit-no = Not submitted: the award stands
revocation-submit-note = The ministry's letter or reasons
revocation-submit-submit = Record the ministry's step
revocation-record = The registry record
revocation-open = Open a revocation case
revocation-open-lead = The nominator is notified at once and, with the laureate, may answer until the deadline. The Awards Committee then gives its opinion, and MOST submits the revocation to the original approving body for approval.
revocation-open-submit = Open the case and notify
revocation-state-notified = Notified, awaiting answers
revocation-state-decided = Opinion to revoke, awaiting the ministry
revocation-state-submitted = Submitted by the ministry, awaiting approval
revocation-state-revoked = Revoked
revocation-state-dismissed = Dismissed
ground-plagiarism = Plagiarism or taking another's results
ground-fraud = Fraud
ground-improper_means = Other improper means
party-laureate = The laureate
party-nominator = The nominator
laureate-revoked-grounds = Grounds
fieldname-status = Status
fieldname-ground = Ground
fieldname-statement = Statement
fieldname-summary_en = Summary (English)
fieldname-summary_zh = Summary (Chinese)
fieldname-respond_by = Answers due by
fieldname-party = Party
fieldname-revoke = Decision
fieldname-submit = The ministry's step
fieldname-body_id = Nominating body
fieldname-expert_id = Expert
fieldname-lang = Language
invalid-unknown-ground = Choose plagiarism, fraud or improper means.
invalid-unknown-party = Choose the laureate or the nominator.
flash-revocation-opened = The revocation is under way and the nominator is notified.
flash-revocation-answered = The answer is recorded.
flash-revocation-decided = The opinion is recorded.
flash-revocation-submitted = The ministry's step is recorded.
flash-revocation-approved = The revocation is approved: the registry shows it.
error-revocation-not-permitted = Your role cannot take this step of a revocation case.
error-revocation-wrong-state = The case is not at this step.
error-revocation-answer-late = The time to answer has passed.
error-revocation-already-answered = This party has answered already.
error-revocation-answers-pending = The parties may still answer: decide after the deadline or once both have answered.
error-revocation-open = A revocation case on this laureate is open already.
error-laureate-revoked = This award is revoked already.

# Announcement
announcement-eyebrow = Announcement
announcement-title = Laureates of the { $award }, { $year }
announcement-lead = Approved by the { $body } ({ $document }, { $date }): { $count ->
    [one] { $count } laureate.
   *[other] { $count } laureates.
}
announcement-press = For the press

# Conferral and verification
ceremonies-title = Ceremonies
ceremonies-lead = The award year and the day a laureate received the award are different facts: ceremonies are usually held in January in Beijing, and laureates have been honoured at embassies abroad.
ceremonies-none = No ceremony is recorded.
ceremonies-plan = Plan a ceremony
ceremonies-plan-submit = Plan the ceremony
ceremonies-date = Date
ceremonies-kind = Kind of place
ceremonies-place-en = Place (English)
ceremonies-place-zh = Place (Chinese)
ceremonies-presenter = Presented by
ceremonies-laureate = Laureate number
ceremonies-attendance = Attendance
ceremonies-honour = Honour at this ceremony
place-national_conference = National Science and Technology Awards Conference
place-embassy = Embassy
place-consulate = Consulate
place-other = Other
attendance-in_person = In person
attendance-represented = Represented
attendance-presented_later = To be presented later, abroad
item-medal = Medal
item-certificate = Certificate
item-state-issued = Issued
item-state-presented = Presented
item-state-recovered = Recovered
cycle-certificates = Issue the certificates
flash-certificates-issued = The certificates are issued.
flash-ceremony-planned = The ceremony is planned.
flash-laureate-honoured = The laureate is on the ceremony's list.
error-not-approved = The round is not approved yet: certificates follow the approval.
error-already-honoured = This laureate is on this ceremony's list already.
error-item-not-conferred = The rule set of this award does not confer it (no medal before the 2020 revision).
error-item-already-recorded = This is recorded already.
error-item-not-issued = It must be issued before it is presented.
error-item-not-revoked = A medal or certificate is recovered only once the award is revoked.
invalid-not-a-sha256 = A SHA-256 is 64 hexadecimal digits.
invalid-unknown-laureate = There is no laureate with this number.
fieldname-held_on = Date
fieldname-place_kind = Kind of place
fieldname-place_en = Place (English)
fieldname-place_zh = Place (Chinese)
fieldname-presenter = Presented by
fieldname-laureate_id = Laureate number
fieldname-attendance = Attendance
fieldname-item = Item
fieldname-state = State
fieldname-sha256 = SHA-256
fieldname-on = Day
laureate-conferral = Medal, certificate and ceremonies
laureate-verify = verify
laureate-ceremony = Ceremony
verify-check = Check
verify-code = Verification code
verify-number = Certificate number
verify-issued = Issued
verify-key = Signing key
verify-valid = This certificate is valid: it was issued by this system and the award it records has not been revoked.
verify-revoked = This award is revoked; the certificate is no longer valid.
verify-document = Is your file the document issued?
verify-document-lead = Upload the PDF, or give its SHA-256 (for example from sha256sum): it is compared with the document as issued. The file is not kept.
verify-file = Certificate PDF
verify-or-hash = or its SHA-256
verify-exact = The file is exactly the document issued under this code.
verify-not-exact = The file is not the document issued under this code. Its SHA-256:
verify-offline = Checking offline
verify-offline-lead = Every certificate carries its statement and an Ed25519 signature in its metadata. With the public key below, anyone can check a certificate without this site:
verify-no-keys = No certificate has been issued yet.
keys-title = Certificate signing keys
keys-lead = Every key that has signed certificates, as the verification page publishes it. If a key's secret file may have been in other hands, mark the key compromised from the first day it may have been: certificates it signed from that day on are then shown as proving nothing, and it signs nothing more.
keys-in-use = This server signs with the key { $key }.
keys-id = Key
keys-public = Public key
keys-registered = First used
keys-state = State
keys-sound = In use or retired, not compromised
keys-compromised-from = Compromised from { $day }
keys-mark = Mark compromised
keys-earlier = Mark compromised from an earlier day
keys-compromise-title = Mark key { $key } compromised
keys-consequence = This cannot be undone. Every certificate this key signed on or after the day you give is shown to anyone who checks it as signed with a compromised key, and the key signs nothing more: start the server with a new key to issue certificates again. Certificates it signed before that day stay valid.
keys-from = Compromised from
keys-from-hint = The first day on which the key may have been in other hands, in the office's time zone; not after today. For example, 2026-11-30.
verify-compromised = This certificate was signed on or after { $day }, the day from which its signing key is marked compromised: whoever held the key could have made it, so its signature proves nothing. Ask the awards office.
verify-key-compromised-from = compromised from { $day }: what it signed from that day on proves nothing; what it signed before stands.
nav-verify = Verify a certificate
error-login-throttled = Too many failed sign-ins for this account or from this address. Try again in { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
}.

# What was looked for and not found ("There is no such …").
entity-action = action
entity-announcement = announcement
entity-attachment = attachment
entity-ballot = ballot
entity-ballot-item = item on this ballot
entity-body = nominator
entity-ceremony = ceremony
entity-certificate = certificate
entity-committee = committee
entity-committee-term = committee term
entity-conflict = conflict of interest
entity-cycle = award cycle
entity-expert = expert
entity-file = file
entity-invitation = invitation
entity-laureate = laureate
entity-message = message
entity-nomination = nomination
entity-objection = objection
entity-log-tile = part of the transparency log
entity-signing-key = signing key
entity-page = page
entity-publication = publication of candidates
entity-report = report
entity-request = request
entity-opening = opening of the archive
entity-revocation = revocation case
entity-reviewer = reviewer
entity-rule-set = rule set
entity-user = user

# Constraints the database keeps (a value taken, a reference gone, two changes at once).
error-reference-gone = This refers to a record that does not exist, or no longer does.
invalid-not-allowed = This value is not one of those allowed.
invalid-duplicate-entries = The same entry is listed twice.
error-laureate-exists-in-year = A laureate of this name is already in the registry for this award year.
error-report-exists = The supervision committee's report for this cycle is already recorded.
error-item-recorded = This item is already recorded for the laureate.
error-certificate-exists = A certificate has already been issued for this laureate.
error-conflict-exists = This conflict of interest is already recorded.
error-concurrent-change = Someone else changed this at the same moment. Reload the page and try again.

error-declare-before-scoring = Declare your interests on this nomination before scoring it.
error-declare-before-voting = Declare your interests on this ballot before voting.

ballot-declare-legend = Declare your interests before you vote
ballot-declare-hint = Tick each candidate you have a conflict of interest with (Regulation Art. 18): you will be recused from that vote. Leave all unticked if you have none. A declaration cannot be taken back.
ballot-declare-note = What the conflicts are (required if you tick any)
ballot-declare-submit = Declare and go on to vote
ballot-declare-first = Declare your interests first
flash-ballot-declared = Your declaration is recorded. You may now vote.
conflict-declared-ballot = declared by the member

error-nothing-to-assign = There is no nomination under review to assign.
error-no-expert-available = No expert of the pool can be given a dossier: { $unavailable ->
    [one] the one expert has no reviewer's account.
   *[other] all { $unavailable } have no reviewer's account, or an inactive one.
} Invite them to take an account from the expert pool.
error-assignment-infeasible = { $why ->
    [capacity] Too few experts: { $reviewers } experts taking at most { $max_load } dossiers each can take { $capacity } in all, but { $nominations } nominations need { $demand } experts each, { $needed } in all. Allow more dossiers per expert, ask for fewer experts per nomination, or add experts.
    [min-load] The minimum load cannot be met: every expert must take at least { $min_load }, { $mandatory } dossiers in all, but only { $available } are needed. Lower the minimum.
    [paper] { $nomination } can go to only { $candidates } experts without a conflict of interest, and needs { $demand }. Ask for fewer experts per nomination, dismiss a conflict that does not hold, or add experts.
    [group] { $count } nominations ({ $nominations }) can go only to the same { $reviewers } experts, who can take { $capacity } dossiers between them; these nominations need { $needed }. Allow more dossiers per expert, or add experts without a conflict with them.
   *[other] No assignment meets these numbers without a conflicted pair: ask for fewer experts per nomination or allow more per expert.
}{ $unavailable ->
    [0] {""}
   *[other] {" "}{ $unavailable } experts of the pool have no reviewer's account and were left out.
}
expert-no-account = no reviewer's account yet
expert-not-reviewer = the account is not a reviewer's
expert-account-inactive = the account is deactivated
assignment-unavailable = Experts left out
assignment-unavailable-hint = These experts of the pool cannot be given a dossier until they take a reviewer's account; invite them from the expert pool.
outbox-title = Undelivered mail
outbox-lead = Messages the mail relay refused or could not take. A message refused for good is given up after a few tries (an address that cannot receive mail at once); put the address or the relay right, then try it again.
outbox-none = Every message has been delivered or is on its way.
outbox-to = To
outbox-subject = Subject
outbox-attempts = Tries
outbox-answer = The relay's last answer
outbox-state = State
outbox-given-up = Given up
outbox-next-try = Next try
outbox-retry = Try again
flash-mail-queued-again = The message is queued again and goes out with the next delivery.
outbox-given-up-count = { $count ->
    [one] One message could not be delivered and was given up: see why.
   *[other] { $count } messages could not be delivered and were given up: see why.
}

# Labels of values that had none.
archive-request-requested = Requested
archive-request-granted = Granted
archive-request-refused = Refused
operation-advance = Start the next phase
operation-draft_nomination = Draft a nomination
operation-publish_candidates = Publish the candidates for objections
operation-start_review = Send to preliminary evaluation
operation-assign_reviewers = Assign experts
operation-submit_review = Score a nomination
operation-open_ballot = Open a committee ballot
operation-close_ballot = Close a ballot
operation-adopt_resolution = Adopt the Awards Committee's resolution
operation-record_ministry_review = Record the MOST review
operation-approve = Record the approval
operation-write_supervision_report = Write the supervision report
ballot-action-declare = Declare your interests
ballot-action-vote = Vote
ballot-action-close = Close the ballot
ballot-state-open = Open
ballot-state-closed = Closed
certificate-status-valid = Valid
certificate-status-revoked = Revoked
certificate-status-compromised = Signed with a compromised key
objection-action-admit = Admit
objection-action-refuse = Refuse as inadmissible
objection-action-request_response = Ask the nominator to respond
objection-action-respond = Respond
objection-action-dismiss = Dismiss
objection-action-uphold = Uphold
basis-reported = Reported by a source
basis-inferred = Inferred from cumulative totals
basis-unknown = Not known
basis-none = No awards that year
collaboration-co_author = Co-author
collaboration-joint_project = Joint project
collaboration-advisor = Advisor
collaboration-student = Student
collaboration-family = Family
revocation-action-answer_laureate = Record the laureate's letter
revocation-action-answer_nominator = Answer for the nominator
revocation-action-decide = Give the opinion
revocation-action-submit = Record the ministry's step
revocation-action-approve = Approve
invitation-status-valid = Valid
invitation-status-used = Used
invitation-status-expired = Expired
cycle-ballots = Open the ballot
cycle-resolution = Adopt the resolution
cycle-ministry-review = Record the MOST review
cycle-approval = Record the approval
flash-certificates-none-due = Every laureate of the round already has a certificate: none was issued.
autosave-failed = Not saved automatically: save the form to see what needs changing.
laureate-announcement = The announcement of this round
decision-title = Formal review decision
decision-outcome = Decision
decision-reason-hint = Needed to return or not to accept: the nominator reads it.
decision-submit = Record the decision
fieldname-outcome = Decision

# Time zones the office may work in, by IANA name; another zone shows its IANA name.
zone-asia-shanghai = Beijing time

# An expert's assignments, by what each asks now.
dashboard-reviews-none-to-do = Nothing is waiting for you.
dashboard-reviews-done = Done, recused or closed
review-score-title = Score
review-task-declare = Declare your interests
review-task-score = Score the dossier
review-task-submitted = Review submitted
review-task-recused = Recused (conflict declared)
review-task-closed = Preliminary evaluation closed

# A submitted review, shown back to its expert.
review-submitted-at = Submitted at { $at } ({ $zone }).
review-may-change-until = You may change it until the preliminary evaluation closes on { $due } ({ $zone }).
review-may-change = You may change it until the preliminary evaluation closes.
review-final = The preliminary evaluation is closed: this review is final.
review-change = Change my review
review-resubmit = Submit the changed review

# A refused form, shown again with its errors (GOV.UK's error summary).
error-summary-title = There is a problem
error-prefix = Error:{" "}

# Pickers: a record is chosen from a list, never typed by its number.
picker-choose = Choose…
picker-filter = Type to narrow the list
picker-none = Nothing in the list matches.
conflicts-expert = Expert
conflicts-nomination = Nomination

# Steps that cannot be undone ask first, stating what they do.
confirm-title = Are you sure?
confirm-back = Back to the cycle
confirm-cancel = Cancel
confirm-warning = Warning:{" "}
confirm-advance = This moves the cycle from the “{ $current }” phase to “{ $next }”. A phase cannot be reopened.
confirm-advance-early = The “{ $current }” phase is scheduled to run until { $until } ({ $zone }). Moving to “{ $next }” now ends it { $days ->
    [one] { $days } day
   *[other] { $days } days
} early, and nothing more is received for it. A phase cannot be reopened.
confirm-publish = The accepted candidates are published on the public site for objections. Publication cannot be withdrawn.
confirm-start-review = The published candidates go to preliminary evaluation: the objection period's candidates are fixed.
confirm-complete-reviews = Preliminary evaluation closes for every dossier with a score: experts can no longer score or change them.
confirm-release-reviews = The experts see the others' scores and comments on their dossiers. This cannot be taken back.
confirm-resolution = The resolution is adopted for the proposed candidates; it is recorded in the audit log and cannot be changed.
confirm-ministry-review = The MOST review is recorded with this note; it cannot be changed.
confirm-approval = The approval is recorded with this decision number; the laureates enter the public registry.
confirm-certificates = Certificates are issued and signed for every laureate without one; each gets a verification code.

# A record whose sources give the name only in Chinese characters.
laureate-no-latin = (no Latin-script name on record)
laureate-no-latin-long = The sources of this record give the name only in Chinese characters; no Latin-script name is on record.

# A ballot item's expert scores, as the member reads them before voting.
ballot-scores = Expert scores: { $scores } (mean { $mean } / 100)

# Nominator classes of Regulation Art. 14 added by the terminology review.
class-cmc_department = Science and technology department of the Central Military Commission
class-sar_government = Government of the Hong Kong or Macao SAR

# Second factor (authenticator app, recovery codes) and the second step of signing in.
tfa-title = Two-step sign-in
tfa-lead = After your password, Laureate asks for a six-digit code from an authenticator app on your phone (any app for time-based codes, such as FreeOTP, Google Authenticator or Microsoft Authenticator). A stolen password alone then opens nothing.
tfa-must-enrol = Your role decides or oversees the award, so it signs in in two steps. Set up an authenticator app now: until you do, nothing else of the site opens for this account.
tfa-enrolled = Two-step sign-in is on for your account.
tfa-codes-left = Recovery codes not yet used: { $count }.
tfa-renew = New recovery codes
tfa-renew-lead = The codes you have stop working, and ten new ones are shown once.
tfa-renew-submit = Make new recovery codes
tfa-remove = Turn two-step sign-in off
tfa-remove-submit = Turn it off
tfa-required-note = Your role must sign in in two steps, so it cannot be turned off. If you lose your phone, use a recovery code, or ask the awards office to reset it.
tfa-scan = Set up your authenticator app
tfa-step-app = Open the authenticator app on your phone and choose to add an account.
tfa-step-scan = Scan this QR code with it.
tfa-qr-caption = QR code for the authenticator app
tfa-step-type = If you cannot scan it, type this key into the app instead:
tfa-step-code = Type the six-digit code the app now shows.
tfa-confirm-submit = Turn on two-step sign-in
tfa-begin-submit = Set up an authenticator app
tfa-back = Back to my account
tfa-enrolled-title = Two-step sign-in is on
tfa-renewed-title = New recovery codes
tfa-codes-lead = Keep these recovery codes somewhere safe, apart from your phone: print them or write them down. If you lose your phone, each code signs you in once in place of a code from the app.
tfa-codes-once = They are shown this once. You can make new ones at any time on your account page.
tfa-continue = Continue
field-tfa-code = Code from the app
field-tfa-code-hint = Six digits; a new one every 30 seconds.
field-tfa-code-or-recovery = Code from the app, or a recovery code
login-code-title = Enter your code
login-code-lead = Your password was right. Now give the six-digit code your authenticator app shows for Laureate.
login-code-hint = Lost your phone? Type one of your recovery codes instead.
login-code-restart = Start again
flash-sign-in-expired = Your sign-in took too long or was already used. Sign in again.
flash-second-factor-removed = Two-step sign-in is off.
flash-second-factor-reset = The person's two-step sign-in was reset; they were told by mail and set up a new app at their next sign-in.
people-tfa-on = Two-step sign-in on
people-tfa-off = No two-step sign-in
people-tfa-reset = Reset two-step sign-in
account-tfa = Two-step sign-in
account-tfa-link = Set up or manage two-step sign-in
invalid-code-format = Enter the six digits the app shows, or a recovery code.
invalid-code-wrong = This code is not right, or it was used already. Wait for the app's next code and try again.
invalid-second-factor-required = This account signs in in two steps: give the code from its authenticator app, or a recovery code.
error-second-factor-enrolled = An authenticator app is already set up for this account.
error-second-factor-not-begun = Start setting up the authenticator app first.
error-second-factor-required = Your role must sign in in two steps, so this cannot be turned off. Ask the awards office to reset it if you lost your phone.
error-second-factor-none = This account has no two-step sign-in to reset.
error-challenge-expired = Your sign-in took too long or was already used. Sign in again.
mail-second-factor-subject = { $what ->
    [passkey-added] A passkey was added to your Laureate account
    [passkey-removed] A passkey was removed from your Laureate account
    [added] Two-step sign-in was turned on for your Laureate account
    [removed] Two-step sign-in was turned off for your Laureate account
    [reset] The awards office reset your Laureate two-step sign-in
   *[recovery] A recovery code was used to sign in to your Laureate account
}
mail-second-factor-body = { $what ->
    [passkey-added] A passkey was added to your Laureate account: it signs in without the password, on the device that keeps it.
    [passkey-removed] A passkey was removed from your Laureate account: it no longer signs in.
    [added] An authenticator app now gives the second step of every sign-in to your Laureate account. Keep your recovery codes safe.
    [removed] The authenticator app no longer gives a second step to sign-ins to your Laureate account.
    [reset] The awards office reset the two-step sign-in of your Laureate account, and every session of it ended. If your role requires it, you will set up a new authenticator app at your next sign-in.
   *[recovery] Someone signed in to your Laureate account with a recovery code. { $left } codes remain unused.
}

    If this was not you, tell the awards office at once. Your settings: { $account }
error-second-factor-reset-self = You cannot reset your own two-step sign-in: sign in with a recovery code and make new codes, or ask another office account.
fieldname-code = Code
error-code-checks = Too many codes checked for this account in the last hour. Try again in an hour.
error-check-again = To { $act }, give your password again: it was last checked more than ten minutes ago.
recheck-title = Confirm it is you
recheck-lead = To { $act }, enter your password again. We ask for it before such a step when you last gave it more than ten minutes ago.
recheck-submit = Confirm and continue
recheck-cancel = Cancel and go back
fieldname-recheck_password = Your password
recheck-act-any = go on
recheck-act-open-ballot = open the ballot
recheck-act-close-ballot = close the ballot
recheck-act-adopt-resolution = adopt the resolution
recheck-act-approve = record the approval
recheck-act-issue-certificates = issue the certificates
recheck-act-decide-revocation = decide the revocation
recheck-act-change-role = change a role
recheck-act-change-access = deactivate or reactivate an account
recheck-act-reset-second-factor = reset two-step sign-in
recheck-act-remove-passkey = remove a passkey
entity-passkey = passkey
passkeys-title = Passkeys
passkeys-lead = A passkey signs you in without your password: your phone or computer keeps it and asks for its PIN, fingerprint or face. It also counts as your second step.
passkey-name = Name
passkey-name-hint = So you can tell your passkeys apart, for example “Office laptop”.
passkey-added = Added
passkey-last-used = Last used
passkey-never-used = Not yet
passkey-remove = Remove
passkey-add = Add a passkey
passkey-unsupported = This browser cannot use passkeys.
passkey-browser-failed = The passkey was not used: the browser or the device stopped it. Try again, or use another way.
passkey-sign-in-lead = Or sign in without your password, with a passkey on this device or your phone.
passkey-sign-in = Sign in with a passkey
flash-passkey-added = The passkey is added. You can sign in with it now.
flash-passkey-removed = The passkey is removed.
error-passkey-failed = That passkey did not sign you in. Try again, or sign in with your password.
error-passkey-ceremony = The passkey step took too long or was already used. Try again.
error-passkey-ceremonies = Too many passkey sign-ins were started from here in the last minute. Wait a minute and try again.
error-passkeys-need-domain = Passkeys need the site to be served under a domain name, not an IP address.
error-passkeys-too-many = This account has ten passkeys, the most it can keep. Remove one first.
invalid-passkey-unreadable = The browser’s answer could not be read. Try adding the passkey again.
invalid-passkey-refused = The passkey was not accepted. Try adding it again.
fieldname-credential = Passkey
fieldname-ceremony = Passkey step
recheck-or-passkey = Or confirm with a passkey instead of your password.
recheck-passkey = Confirm with a passkey
mail-nomination-subject = { $action ->
    [submit] Received: your nomination of { $candidate }
    [accept] Accepted: your nomination of { $candidate }
    [return] Returned for correction: your nomination of { $candidate }
    [reject] Not accepted: your nomination of { $candidate }
    [publish] Published for objections: { $candidate }
    [send_back] Returned after an objection: your nomination of { $candidate }
    [exclude] Excluded after an objection: your nomination of { $candidate }
   *[withdraw] Withdrawn: your nomination of { $candidate }
}
mail-nomination-body = { $action ->
    [submit] The awards office has received your nomination of { $candidate }. It will now be examined for form; you will be told of the outcome.
    [accept] Your nomination of { $candidate } passed the formal examination and is accepted.
    [return] The awards office returned your nomination of { $candidate } for correction. Correct it and submit it again before the nomination deadline. The office's reasons:

    { $reason }
    [reject] The awards office did not accept your nomination of { $candidate }. The office's reasons:

    { $reason }
    [publish] The accepted candidates, among them { $candidate }, are published for objections. You will be told if an objection concerns your nomination.
    [send_back] After an objection was upheld, your nomination of { $candidate } is returned to you. The reasons:

    { $reason }
    [exclude] After an objection was upheld, your nomination of { $candidate } takes no further part in this round. The reasons:

    { $reason }
   *[withdraw] Your nomination of { $candidate } is withdrawn. The reason given:

    { $reason }
}

    The nomination: { $link }
recheck-act-add-second-factor = add a second step to your sign-in
recheck-act-compromise-key = mark a signing key compromised
mail-review-request-subject = Please review the nomination of { $candidate }
mail-review-request-body = The awards office asks you to review the nomination of { $candidate }. First declare whether you have a conflict of interest with the candidate; if you have none, score the nomination against the rubric. If you cannot review it, decline on the same page, giving your reason, and the office will ask another expert.

    The nomination: { $link }
mail-ballot-open-subject = A committee ballot is open for your vote
mail-ballot-open-body = { $deadline ->
    [no] A ballot of the evaluation committee is open on { $items ->
        [one] one candidate
       *[other] { $items } candidates
    }. Declare any conflict of interest, then vote.
   *[other] A ballot of the evaluation committee is open on { $items ->
        [one] one candidate
       *[other] { $items } candidates
    } until { $closes }. Declare any conflict of interest, then vote before it closes.
}

    Your work: { $link }
mail-certificate-issued-subject = The certificate of { $candidate } is issued
mail-certificate-issued-body = The certificate of the award to { $candidate }, which you nominated, is issued under number { $number }. Anyone can check it is genuine at the address below, or by its code on the certificate.

    Verify it: { $link }

## The planned calendar, deadlines extended, reminders and calendar feeds.
invalid-no-rule-set = No rule set of this award governs this award year.
invalid-rounds-too-close = Rounds under this award year's rules are held further apart: the award year { $detail } already has a round too close to it (the figure in brackets is the number of years between rounds).
invalid-phase-too-short = The phase before this one would be too short: it must last at least { $detail ->
    [one] one day
   *[other] { $detail } days
    }.
invalid-cycle-too-long = The cycle must close within { $detail ->
    [one] one day
   *[other] { $detail } days
    } of the nomination window opening.
invalid-phase-begun = This phase has begun: its start cannot move.
invalid-not-in-future = Enter a time in the future. To start a phase now, use “Start the next phase”.
invalid-phase-out-of-order = Phases run in order: this one cannot start before the phase before it.
invalid-not-after-deadline = Enter a time after the deadline it extends, and in the future.
invalid-extension-past-phase = An extension must end before the phase after next begins.
invalid-not-an-assigned-expert = Choose an expert assigned to review in this cycle.
error-extension-too-late = The { $phase } phase is over: its deadline can no longer be extended.
extension-nomination = Nomination deadline
extension-review = Review deadline
undone-formal-review = { $count ->
    [one] One dossier still awaits formal review.
   *[other] { $count } dossiers still await formal review.
}
undone-objections = { $count ->
    [one] One objection is still open.
   *[other] { $count } objections are still open.
}
undone-reviews = { $count ->
    [one] One nomination under review has no score.
   *[other] { $count } nominations under review have no score.
}
undone-ballots = A ballot of the evaluation committee is still open.
mail-phase-undone-subject = The { $phase } phase has begun with work undone
mail-phase-undone-body = The { $phase } phase has begun, and the phase before it left work undone:

    { $undone }

    The cycle: { $link }
mail-deadline-extended-subject = Your deadline is extended
mail-deadline-extended-body = The awards office has extended your { $kind ->
    [nomination] deadline to submit nominations
   *[other] deadline to submit reviews
    } in { $cycle } until { $until }.

    Reason: { $reason }
mail-draft-reminder-subject = { $days ->
    [one] One day left to submit the nomination of { $candidate }
   *[other] { $days } days left to submit the nomination of { $candidate }
}
mail-draft-reminder-body = Your nomination of { $candidate } is still a draft. The nomination window closes on { $closes }; a draft not submitted by then is not considered.

    The nomination: { $link }
mail-phase-ending-subject = The { $phase } phase ends on { $ends }
mail-phase-ending-body = The { $phase } phase ends on { $ends }, and the { $next } phase starts then by itself. Move the date on the cycle page if the plan has changed.

    The cycle: { $link }
mail-ballot-closing-subject = A ballot closes soon: your vote is still missing
mail-ballot-closing-body = A ballot of the evaluation committee closes on { $closes }, and you have not yet voted on every candidate you may vote on.

    Your work: { $link }
calendar-public-name = International Science and Technology Cooperation Award: public dates
calendar-own-name = Award dates for { $name }
calendar-ceremony = Award ceremony: { $place }
calendar-extended = { $what } (extended for you)
calendar-ballot-closes = A ballot closes: { $cycle }
calendar-objection-response = Response to an objection due
calendar-phase = { $phase }: { $cycle }
calendar-unplanned = Not planned
calendar-title = Calendar
calendar-lead = Subscribe to your calendar from any calendar program (Outlook, Apple Calendar, Google Calendar, Thunderbird): it shows the dates that concern you, and changes when the dates do.
calendar-made = Your calendar address
calendar-address = Address to subscribe to
calendar-address-hint = Copy it now: it is shown only this once. Anyone who has it can read your dates.
calendar-exists = You made a calendar address on { $made }.
calendar-none = You have no calendar address yet.
calendar-reset-warning = A new address stops the old one working: calendars subscribed to it will need the new one.
calendar-reset = Make a new address
calendar-make = Make a calendar address
calendar-public = The award's public dates
calendar-public-lead = The nomination window, the objection periods and the ceremonies, for anyone.
account-calendar-link = Subscribe to your dates in a calendar program
calendar-moves-itself = Each phase starts on its date by itself.
calendar-edit = Change the dates
calendar-edit-lead = Times are in { $zone }. A phase that has begun cannot move.
calendar-begun = Begun
calendar-save = Save the dates
extensions-title = Deadlines extended
extensions-lead = Give one nominating body or one expert more time, with the reason; they are told by mail.
extensions-kind = Deadline
extensions-for = For
field-until = Until
field-body = Nominating body
field-expert = Expert
extensions-body = Extend a nominating body's deadline
extensions-expert = Extend an expert's deadline
extensions-submit = Extend the deadline
flash-calendar-saved = The dates are saved.
flash-deadline-extended = The deadline is extended and they have been told.
jobs-title = Scheduled jobs
jobs-lead = What the server does by itself: phases starting on their dates, ballots closing at their deadline, reminders. A job that fails is tried again at its next run.
jobs-none = No job has run yet.
jobs-name = Job
jobs-last-run = Last run
jobs-last-ok = Last success
jobs-error = Error
jobs-failures = { $count ->
    [one] Failed once:
   *[other] Failed { $count } times in a row:
}
mail-objection-receipt-subject = Objection received: { $receipt }
mail-objection-receipt-body = Your objection to the nomination of { $candidate } was received. Its receipt number is { $receipt }: keep it to follow the objection, which is handled under Article 20 of the Regulations.

    Where it stands: { $link }
mail-objection-received-subject = A new objection: { $candidate }
mail-objection-received-body = An objection to the nomination of { $candidate } was filed (receipt { $receipt }). Decide whether to admit it.

    The objection: { $link }
mail-objection-response-request-subject = Your response is requested on an objection: { $candidate }
mail-objection-response-request-body = An objection was made to your nomination of { $candidate }. The awards office asks you to respond by { $due }:

    { $request }

    Respond here: { $link }
mail-objection-response-reminder-subject = Your response to an objection is due on { $due }
mail-objection-response-reminder-body = Your response to the objection to your nomination of { $candidate } is due on { $due }.

    Respond here: { $link }
mail-objection-answered-subject = A nominating body has responded to an objection: { $candidate }
mail-objection-answered-body = The nominating body of { $candidate } has responded to the objection { $receipt }. It is yours to decide.

    The objection: { $link }
mail-objection-reply-subject = The answer to your objection { $receipt }
mail-objection-reply-body = { $outcome ->
    [refuse] Your objection { $receipt } was not admitted.
    [dismiss] Your objection { $receipt } was examined and dismissed.
   *[other] Your objection { $receipt } was examined and upheld.
} The awards office writes:

    { $answer }

    Where it stands: { $link }
mail-objection-decided-subject = The objection to your nomination of { $candidate } is decided
mail-objection-decided-body = { $outcome ->
    [dismiss] The objection to your nomination of { $candidate } was dismissed.
   *[other] The objection to your nomination of { $candidate } was upheld.
} The awards office writes:

    { $answer }

    The objection: { $link }
mail-review-reminder-subject = A review is waiting for you: { $candidate }
mail-review-reminder-body = Your review of the nomination of { $candidate } is still to be written. The review phase ends on { $due }.

    The nomination: { $link }
mail-revocation-notice-subject = Notice of a revocation case: { $candidate } ({ $year })
mail-revocation-notice-body = The awards office has opened a case to revoke the award of { $candidate } ({ $year }) on the ground of { $ground } (Regulation Art. 30). As the nominator you may answer until { $respond }.

    The case: { $link }
mail-revocation-approved-subject = Award revoked: { $candidate } ({ $year })
mail-revocation-approved-body = The award of { $candidate } ({ $year }) is revoked by decision { $document }. The medal and the certificate are recovered (Regulation Art. 30).
mail-login-guessing-subject = Failed sign-ins to your account
mail-login-guessing-body = Someone has tried to sign in to your Laureate account ({ $email }) with a wrong password several times. Sign-in now slows down for that address; your own browser is not affected. If it was not you, nothing is needed, but choose a strong password you use nowhere else.
review-declined = Declined to review it
error-review-declined = This expert declined to review this nomination; ask another.
error-review-submitted = Your review is in: it can no longer be declined.
decline-title = Decline to review
decline-lead = If you cannot review this nomination (for a reason other than a conflict of interest, which you declare above), decline it: the office will ask another expert.
decline-submit = Decline to review
declines-title = Requests to review declined
declines-lead = Experts who declined, with their reasons. The nomination needs another expert; the same expert is not assigned it again.
declines-when = Declined
flash-review-declined = You have declined to review it. The office has been told.
mail-review-declined-subject = An expert declined to review { $candidate }
mail-review-declined-body = { $expert } declined to review the nomination of { $candidate }, giving this reason:

    { $reason }

    Assign another expert: { $link }
mail-results-subject = The results of the { $year } round: { $candidate }
mail-results-body = { $outcome ->
    [awarded] The approving body has approved the award to { $candidate }, whom you nominated. The office will write about the ceremony.
   *[other] The results of the { $year } round are decided, and { $candidate }, whom you nominated, is not among the laureates. Thank you for the nomination.
}

    The announcement: { $link }
invitation-reply-attending = Attending
invitation-reply-represented = Represented by someone on their behalf
invitation-reply-not_attending = Not attending
ceremony-invite-no-reply = no reply yet
ceremony-invites-title = Invitations
ceremony-invites-none = Nobody has been invited yet.
ceremony-invites-invite = Invite
flash-laureate-invited = The laureate is invited; their nominating body has been told.
ceremony-invite-title = Invitation to the award ceremony
ceremony-invite-lead = { $laureate } is invited to the award ceremony on { $date } at { $place }. Please give their answer.
ceremony-invite-question = Will the laureate attend?
ceremony-invite-submit = Send the reply
flash-reply-recorded = The reply is recorded; the awards office has been told.
error-ceremony-past = This ceremony has taken place.
error-no-nominating-body = This laureate did not come through a nomination here: there is no nominating body to invite them through.
error-already-invited = This laureate is invited to this ceremony already.
mail-ceremony-invitation-subject = Invitation to the award ceremony for { $candidate }
mail-ceremony-invitation-body = { $candidate }, whom you nominated, is invited to the award ceremony on { $date } at { $place }. Please tell the awards office whether the laureate will attend, be represented, or not attend.

    Reply here: { $link }
mail-ceremony-reply-subject = Reply to a ceremony invitation: { $candidate }
mail-ceremony-reply-body = For the ceremony on { $date }, the nominating body of { $candidate } replies: { $reply }.

    The ceremonies: { $link }
extensions-none = No deadline has been extended on this cycle.
extensions-closed = In this phase no deadline can be extended: a nominating body's until formal examination ends, an expert's until the evaluation committee's phase ends.
fieldname-until = Until
fieldname-reply = Reply
fieldname-user_id = Expert
fieldname-start_nomination = Start of the nomination window
fieldname-start_formal_review = Start of the formal examination
fieldname-start_objection = Start of the publication for objections
fieldname-start_review = Start of the preliminary evaluation
fieldname-start_committee = Start of the evaluation committee's phase
fieldname-start_approval = Start of approval
fieldname-start_ceremony = Start of the ceremony phase
fieldname-start_closed = Close of the cycle
held-title = Decision held
held-lead = This decision is recorded but not applied: the dossier stays submitted and the nominating body is not told until the office releases the cycle's held decisions together, or the objection period begins.
held-at = Held on
held-discard = Discard the held decision
held-to-queue = All held decisions of the cycle
decision-hold = Hold to release with the others
decision-hold-hint = Or hold the decision: nothing moves and nobody is told until the held decisions are released together from the formal review queue, or the objection period begins.
flash-held = The decision is held. It will be applied and told when the held decisions are released.
flash-held-discarded = The held decision is discarded. Nothing was applied or told.
flash-released = The held decisions are released: each dossier moved and each nominating body is told.
held-list-title = { $count ->
    [one] One decision held
   *[other] { $count } decisions held
}
held-release-warning = { $count ->
    [one] Releasing applies the held decision and tells its nominating body.
   *[other] Releasing applies all { $count } held decisions together and tells each nominating body.
} This cannot be undone.
held-release = Release { $count ->
    [one] the decision
   *[other] { $count } decisions
}
entity-notice = notice
invalid-template-refused = This template cannot be used: { $detail }.
fieldname-subject = Subject
fieldname-text = Text
fieldname-subject_en = Subject (English)
fieldname-text_en = Text (English)
fieldname-subject_zh = Subject (Chinese)
fieldname-text_zh = Text (Chinese)
notices-title = Wording of notices
notices-lead = Every notice the system sends, in English and in Chinese. Each is written from the standard wording unless the office gives its own; a change applies to the next notice, never to messages already queued.
notices-notice = Notice
notices-fields = Fields it may use
notices-wording = Wording
notices-own-en = Own wording in English
notices-own-zh = Own wording in Chinese
notices-standard = Standard
notice-lead = Write the subject and the text with the fields below, as {"{{"} field {"}}"}; choices as {"{%"} if field == "value" {"%}"} … {"{%"} else {"%}"} … {"{%"} endif {"%}"}. A template that does not render, names another field or leaves out the link its reader acts on is refused when saved. Leave a language empty to use the standard wording in it.
notice-in-en = In English
notice-in-zh = In Chinese
notice-own = Own wording
notice-preview = Preview
notice-preview-real = Written from the newest notice of this kind that was sent.
notice-preview-sample = No notice of this kind was sent yet: each field shows its name.
notice-save = Save
notice-preview-button = Preview
notice-test = Send me a test
notice-standard = Use the standard wording
notice-test-sent = A test in each language was sent to { $email }.
notice-test-subject = [Test] { $subject }
flash-notice-saved = The wording is saved. The next notice of this kind is written with it.
flash-notice-standard = The notice is written with the standard wording again.
outbox-notices = Wording of notices
audience-roster = The nominating bodies on the roster
audience-experts = The experts
audience-committee = A committee's members in office
audience-laureates = The laureates of a year, through their nominating bodies
audience-nominators = The nominating bodies of a cycle
delivery-queued = Queued
delivery-sent = Sent
delivery-retrying = Refused; tried again
delivery-given_up = Given up
fieldname-audience = Audience
fieldname-committee = Committee
fieldname-year = Award year
fieldname-cycle_id = Cycle
fieldname-per_minute = Messages per minute
invalid-per-minute-range = Give a number from 1 to 600.
invalid-audience-empty = Nobody is in this audience.
invalid-audience-too-large = This audience is larger than one message may reach.
outbox-messages = Messages to an audience
messages-title = Messages to an audience
messages-lead = Messages the office wrote to the roster, the experts, a committee, the laureates of a year or the nominating bodies of a cycle, with where each copy stands.
messages-none = No message was sent yet.
messages-sent-at = Sent
messages-recipients = Recipients
messages-delivery = Delivery
messages-copies = Copies and their delivery
messages-when = Sent, or next try
message-new-title = Write a message
message-new-lead = Choose the audience, write the message in English and in Chinese (a language left empty: its readers get the other), and preview it before it is sent. Each recipient gets it in their language.
message-committee-hint = For a committee's members only.
message-year-hint = For the laureates of a year only.
message-cycle-hint = For the nominating bodies of a cycle only.
message-fields = Fields it may use
message-rate-hint = The copies go out at this pace, from 1 to 600 a minute, so that the relay and the recipients' mail providers accept them.
message-preview = Preview
message-preview-title = { $count ->
    [one] It goes to one recipient
   *[other] It goes to { $count } recipients
}
message-preview-to = As { $email } will read it:
message-preview-nobody = Nobody is in this audience: there is nothing to send.
message-send = Send to { $count ->
    [one] one recipient
   *[other] { $count } recipients
}
flash-message-sent = The message is queued: its copies go out at the pace chosen.
notice-name-email-confirm = Confirm a new email address
notice-name-email-change-asked = Email change asked (to the old address)
notice-name-email-changed = Email address changed
notice-name-invitation = Invitation to an account
notice-name-reset = Password reset link
notice-name-password-changed = Password changed
notice-name-new-device = Sign-in from a new device
notice-name-second-factor = Second factor changed
notice-name-nomination = A nomination's step (receipt, return, acceptance, rejection, publication…)
notice-name-review-request = Request to review
notice-name-ballot-open = Ballot open
notice-name-certificate-issued = Certificate issued
notice-name-phase-undone = Phase began with work undone (office)
notice-name-deadline-extended = Deadline extended
notice-name-draft-reminder = Unsubmitted draft reminder
notice-name-phase-ending = Phase ending (office)
notice-name-ballot-closing = Ballot closing
notice-name-objection-receipt = Objection received (objector)
notice-name-objection-received = Objection received (office)
notice-name-objection-response-request = Response to an objection asked
notice-name-objection-response-reminder = Response to an objection due
notice-name-objection-answered = Objection answered (office)
notice-name-objection-reply = Objection's outcome (objector)
notice-name-objection-decided = Objection decided (nominating body)
notice-name-review-reminder = Review due
notice-name-revocation-notice = Revocation case opened
notice-name-revocation-approved = Award revoked
notice-name-login-guessing = Someone is guessing the password
notice-name-review-declined = Review declined (office)
notice-name-results = Results of the round
notice-name-ceremony-invitation = Ceremony invitation
notice-name-ceremony-reply = Ceremony reply (office)

# The Awards Committee's vote and the decisions on each candidate after it
decision-stage-ministry = MOST review
decision-stage-approval = Approval
decision-outcome-approved = Approved
decision-outcome-returned = Returned to the Awards Committee
decision-outcome-refused = Refused
error-not-recommended = Nomination { $id } is not a recommendation awaiting the Awards Committee's vote.
error-awards-vote-needed = The Awards Committee has not voted: open its ballot on the recommendations, and close it, before adopting the resolution.
error-nothing-to-decide = No candidate awaits this decision, or none was decided: choose a decision for at least one candidate.
invalid-decision-not-awaiting = Not awaiting this decision: nomination { $detail }.
invalid-decision-reasons-required = Give the reasons for returning or refusing { $detail }.
invalid-in-the-future = This cannot be later than today.
fieldname-decisions = Decisions on the candidates
fieldname-decided_on = Date of the decision
rules-awards-vote = Awards Committee vote
rules-awards-vote-more-than = { $quorum } of the members vote; a candidate needs more than { $threshold } of the votes cast (a default of this system: the sources give no national figures)
rules-awards-vote-reaching = { $quorum } of the members vote; a candidate needs at least { $threshold } of the votes cast
ballot-committee = Whose ballot
decide-legend = Each candidate
decide-hint = Choose a decision for each candidate. Give the reasons for a return or a refusal. A candidate left for later keeps waiting; the others are decided now.
decide-outcome = Decision
decide-reasons = Reasons
decide-date = Date of the decision
decide-date-hint = Leave it empty for today.
decide-later = Decide later
decide-ministry-approved = Pass to the approving body
decide-ministry-returned = Return to the Awards Committee
decide-ministry-refused = Refuse
decide-approval-approved = Approve
decide-approval-returned = Return to the Awards Committee
decide-approval-refused = Refuse
decide-tally = Awards Committee: { $yes } yes, { $no } no, { $abstain } abstaining, { $recused } recused
decide-history = { $stage } on { $on }: { $outcome }. { $reasons }
ministry-title = MOST review
ministry-lead = The candidates the National Science and Technology Awards Committee confirmed. Record the Ministry of Science and Technology's review of each, before the decision of the { $body }.
ministry-document = MOST document number (if any)
approval-none = No candidate awaits the approving body's decision.
resolution-after-vote = The resolution is adopted once the Awards Committee's ballot is closed.

# The oversight record
oversight-title = Oversight record
oversight-lead = Every step taken in the system, as the audit log keeps it: search by who acted, the action, the record acted on and the days. Entries about a sealed cycle you may not open keep their place but not their content.
oversight-actor-hint = An e-mail address, or user:7, cli, system.
oversight-action-hint = An action such as ballot.close, or a family such as ballot.
oversight-any = Any
oversight-search = Search
oversight-clear = Clear the search
oversight-export = Download as CSV
oversight-found = { $count ->
    [one] One entry found
   *[other] { $count } entries found
}
oversight-none = No entry matches this search.
oversight-details = Details
oversight-details-show = Show
oversight-history = History in the oversight record
fieldname-actor = Who acted
fieldname-since = From (day)
fieldname-subject_type = Kind of record
fieldname-subject_id = Record number
invalid-no-such-account = No account has the address { $detail }.
error-audit-export-too-large = The search finds { $count ->
    [one] one entry
   *[other] { $count } entries
}; an export holds at most { $max }. Narrow the search (days, action or record).
audit-subject-nomination = Nomination
audit-subject-review = Expert review
audit-subject-ballot = Ballot
audit-subject-objection = Objection
audit-subject-cycle = Cycle
audit-subject-archive_request = Archive request
audit-subject-body = Nominating body
audit-subject-ceremony = Ceremony
audit-subject-committee_term = Committee term
audit-subject-expert = Expert
audit-subject-integrity_listing = Integrity listing
audit-subject-invitation = Invitation
audit-subject-laureate = Laureate
audit-subject-bulk_message = Message to an audience
audit-subject-message = Message
audit-subject-notice = Notice wording
audit-subject-registry = Registry
audit-subject-revocation = Revocation
audit-subject-sealed_cycle = Sealed cycle
audit-subject-signing_key = Signing key
audit-subject-system = System
audit-subject-user = Account

# Carrying an unsuccessful nomination over
carry-over-title = Carry over to the next cycle
carry-over-lead = This nomination was not successful. The award's rules let it be carried over: a draft of the { $year } cycle is made with the same dossier, linked to this one, which keeps its history. Attach the evidence files to the draft again, check it and submit it as any other.
carry-over-submit = Carry over to { $year }
carried-from = Carried over from an earlier cycle's nomination
carried-to = Carried over to a later cycle's nomination
flash-carried-over = The nomination is carried over: this is its draft in the new cycle.
error-carry-over-not-allowed = The rules of this cycle do not let a nomination be carried over.
error-carry-over-state = Only an unsuccessful nomination is carried over; this one is { $state }.
error-carried-already = This nomination was carried over already (nomination { $id }).
error-no-cycle-to-carry-to = No later cycle takes nominations now: it can be carried over once the next cycle opens.
error-carry-over-too-early = The round's results are not out yet: a nomination is carried over once its cycle's approval is recorded.

# Committee meetings and minutes
entity-meeting = meeting
error-meeting-no-quorum = Attendance was { $present } of { $members ->
    [one] one member
   *[other] { $members } members
}: without a quorum the meeting decides nothing, so no ballot is linked to it.
error-minutes-approved = The chair has approved these minutes: they do not change.
error-minutes-empty = Write the minutes before the chair approves them.
error-not-the-chair = Only the committee's chair in office approves the minutes.
invalid-not-a-member = Not a member of the committee in office on the day: { $detail }.
invalid-not-this-committee = Not a closed ballot of this committee on this cycle: { $detail }.
fieldname-place = Place
fieldname-agenda = Agenda
fieldname-minutes = Minutes
fieldname-ballots = Ballots decided
meetings-title = Committee meetings
meetings-lead = Each meeting of the evaluation committee and the Awards Committee on this cycle: who attended, checked against the quorum, the agenda, the ballots decided there and the minutes the chair approved.
meetings-none = No meeting is recorded yet.
meetings-record = Record a meeting
meetings-attendance-hint = One e-mail address a line: the members present.
meetings-ballots-hint = The closed ballots decided at the meeting.
meetings-submit = Record the meeting
meeting-title = { $committee }: meeting of { $day }
meeting-quorate = Quorate: { $present } present of { $members ->
    [one] one member
   *[other] { $members } members
}.
meeting-not-quorate = Not quorate: { $present } present of { $members ->
    [one] one member
   *[other] { $members } members
}; the meeting decided nothing.
meeting-minutes-approved = Minutes approved by the chair on { $at }.
meeting-minutes-pending = The minutes await the chair's approval.
meeting-minutes-save = Save the minutes
meeting-minutes-approve = Approve the minutes
flash-meeting-recorded = The meeting is recorded.
flash-minutes-saved = The minutes are saved.
flash-minutes-approved = The minutes are approved.
audit-subject-meeting = Committee meeting

# The archive opened as the law allows: grants with a scope and an expiry, openings on a legal basis.
archive-scope-dossiers = Nominations and dossiers
archive-scope-reviews = Expert reviews and conflicts declared
archive-scope-objections = Objections and their handling
archive-scope-deliberations = Ballots, meetings, decisions and the supervision report
archive-scope-history = The cycle's audit history
legal-basis-revocation_case = A revocation case (Regulations Art. 30)
legal-basis-audit = An audit or inspection
legal-basis-judicial = A request from a court, procuratorate or supervisory commission
fieldname-scope = Records
fieldname-basis = Legal basis
fieldname-reference = Reference
fieldname-expires_on = Last day of access
invalid-expiry-range = Choose a day after today and at most { $detail ->
    [one] { $detail } day
   *[other] { $detail } days
} ahead.
invalid-beyond-request = A grant can cover only the records requested.
archive-apply-for = Apply for access to { $year }
archive-scope-hint = Ask only for the records the research needs; the office may grant fewer.
archive-grant-until = Access until { $at }
archive-grant-expiry-hint = Leave empty for one year; at most three years.
archive-openings = Openings of sealed cycles
archive-openings-lead = The awards office reads a sealed cycle's records only on a recorded legal basis, for a limited time. Every opening and every record read under it is in the audit log, which the supervision committee reads.
archive-openings-none = No sealed cycle has been opened.
archive-opened-by = Opened by { $name } on { $at }
archive-opening-until = Open until { $at }
archive-opening-ended = Ended on { $at }
archive-opening-expired = Expired on { $at }
archive-opening-history = What was read
archive-opening-end = End now
archive-open-title = Open a sealed cycle
archive-open-hint = Record the legal basis and its reference (a revocation case's number, an audit's reference); the opening lasts until the day you choose, at most 90 days.
archive-open-cycle = Award year { $year }
archive-reference-hint = For example, the revocation case's number or the audit's reference.
archive-opening-expiry-hint = Leave empty for 30 days; at most 90 days.
archive-open-submit = Open the records
flash-archive-opened = The cycle's records are open to the office; every read is recorded.
flash-archive-opening-ended = The opening has ended; the cycle's records are sealed again.
error-opening-ended = This opening has ended already.
audit-subject-archive_opening = Archive opening

# The ministry package.
package-title = Package for the ministry
package-lead = After the Awards Committee's resolution: the recommended candidates, the experts' scores, both committees' tallies, the objections and their outcomes, the supervision committee's report and the resolution, signed with the office's key. Each download is recorded in the audit log.
package-pdf = Download for reading (PDF)
package-csv = Download for systems (CSV)
package-json = Download signed data (JSON)
package-verify-hint = Anyone can check a package offline with the published public key: laureate package verify FILE --public-key KEY. The CSV is checked with the signed JSON or PDF (--csv FILE).
error-package-no-resolution = The Awards Committee has adopted no resolution on this cycle yet; the package follows the resolution.

# Committee members' books of papers.
book-state-queued = Queued
book-state-rendering = Being made
book-state-ready = Ready
book-state-failed = Failed
entity-book = book of papers
audit-subject-dossier_book = Book of papers
invalid-no-members = This committee has no members in office today.
error-book-not-ready = This copy is not ready ({ $state }); try again in a moment.
books-title = Members' papers
books-lead = Before a meeting, a book of papers for each member in office: the agenda, each candidate's dossier summary in both languages, the experts' scores and the objections as the member may read them, and the supervision committee's report where the committee reads it. Every page carries the member's name and the copy's number; every download is recorded.
books-prepare = Prepare the members' books
books-agenda-hint = Printed first in every copy.
books-set = Papers for the { $committee }, prepared { $at }
books-progress = { $ready } of { $total ->
    [one] { $total } copy
   *[other] { $total } copies
} ready
books-failed = { $failed ->
    [one] { $failed } copy failed: prepare the books again.
   *[other] { $failed } copies failed: prepare the books again.
}
books-refresh = Refresh to see the progress
books-copy = Copy { $copy }
books-download = Download (PDF, { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
})
books-none = No books prepared yet.
flash-books-queued = The books are being made, one per member; this page shows their progress.

## Programs: the five State Science and Technology Awards
nav-programs = Awards
programs-title = The State Science and Technology Awards
programs-lead = The five awards the office runs under one set of Regulations, each with its own rules: who may be a candidate, how many may be awarded in a round, the grades and what laureates receive. The figures are those of the rules in force today.
programs-kinds = Candidates
programs-prize = Prize money
programs-prize-to = Prize money goes
programs-shared = The { $programs } together award at most { $count ->
    [one] { $count } project
   *[other] { $count } projects
} in a round.
programs-grades = Grades
programs-grade = Grade
programs-limit = Limit in a round
programs-rules-link = Rule sets and their sources
programs-laureates-link = Laureates
grade-limit-count = at most { $count }
grade-limit-share = at most { $percent } % of the award's projects
grade-limit-none = within the round's limit
money-yuan = { $amount } yuan
conferred-prize-money = prize money
prize-none = None
money-to-laureate = to the laureate personally
money-to-completers = to the project's completers
kind-project = Project
entity-program = award
fieldname-grade = Proposed grade
fieldname-program = Award
invalid-unknown-program = Choose one of the awards the office runs.
invalid-unknown-grade = Choose one of this award's grades: { $detail }.
invalid-ungraded-award = This award has no grades: leave the grade empty.
nomination-form-project = The nomination form for a project.
nomination-new-project = Nominate a project
field-project-title-en = Project title in English
field-project-title-zh = Project title in Chinese
field-project-country-code = Country of the project (two-letter code, e.g. CN)
field-grade-hint = The grade the nominator proposes; the committees decide the grade awarded.
filter-program = Award
col-prize = Award
eligibility-nationality = The candidate holds a nationality the award requires (Chinese citizens for the Preeminent Award)
criterion-frontier-breakthrough = Breakthroughs at the frontier of science and technology
criterion-lasting-contribution = Lasting contribution to the development of science and technology
criterion-benefit-to-society = Economic and social benefit
criterion-originality = Originality of the discovery
criterion-significance = Scientific significance
criterion-recognition = Recognition by peers
criterion-novelty = Novelty of the invention
criterion-technical-advance = Technical advance
criterion-innovation = Innovation
error-grade-quota = This would award { $count } at { $grade }; the rule set allows at most { $max }.
error-grade-share = This would award { $count } of { $total } at { $grade }; the rule set allows at most { $percent } % of the award's projects.
error-shared-quota = This would make { $count ->
    [one] { $count } project
   *[other] { $count } projects
} across the awards that share a limit this award year; they may award at most { $max } together.
error-grade-not-in-rules = The grade “{ $grade }” is not a grade of this award's rule set.
field-completers = Completers, in the order of their contribution
field-completers-hint = Each completer's name, nationality (two-letter code) and institution. A foreign completer must be employed by a Chinese legal entity: name it.
field-organizations = Completing organizations, in the order of their contribution
field-organizations-hint = Each organization's name and country (two-letter code).
field-nationality = Nationality
field-employer-in-china = Employer in China
fieldname-completers = Completers
fieldname-organizations = Completing organizations
invalid-not-a-project = Only a project names completers and completing organizations.
eligibility-completers = The project names its completers, each a Chinese citizen or employed by a Chinese legal entity
field-institution = Institution

## Evaluation groups (学科评审组, Regulations Art. 19)
committee-discipline = Evaluation group
fieldname-discipline_group = Evaluation group
invalid-not-a-discipline-group = Only an award with evaluation groups, and only a term or a ballot of an evaluation group, names an evaluation group.
invalid-not-of-the-program = Choose one of this award's evaluation groups.
error-not-in-group = Nomination { $id } is not a reviewed candidate of this evaluation group awaiting its vote.
error-not-through-group = Nomination { $id } has not been passed by its evaluation group: the evaluation committee votes only on candidates the groups passed.
discipline-group-hint = The evaluation group whose members vote on the nomination before the evaluation committee.
discipline-group-of = Evaluation group: { $group }
discipline-groups-title = Evaluation groups
discipline-groups-lead = Each evaluation group votes on the reviewed candidates nominated to it; only those it passes go on to the evaluation committee.
discipline-group-open = Open this group's ballot
eligibility-completers-integrity = No completer or completing organization of the project is listed in the integrity register (Art. 16)
invalid-not-per-program = This committee serves every award: name no program.
committee-evaluation-of = Evaluation committee of the { $award }
contents-title = On this page
stats-awards = Statistics of each award
stats-totals-held = The registry holds { $held ->
    [one] { $held } record
   *[other] { $held } records
} of this award; no source reports its counts per year here.

transparency-title = Transparency log
transparency-lead = Every decision this system records is an entry of its audit log, and every entry is a leaf of a public, append-only Merkle tree. Each checkpoint below is signed with the log's key: whoever keeps one can later prove that the log still holds, unchanged and in order, every entry it covered — without trusting this site or its database. The log shows a digest of each entry, never its content.
transparency-origin = Log
transparency-key = Public key of the log
transparency-newest = Newest checkpoint
transparency-none = No checkpoint has been published yet.
transparency-size = Entries
transparency-root = Root hash
transparency-published = Published
transparency-download = Download the signed checkpoint
transparency-check-title = How to check the log
transparency-check-text = Keep a checkpoint somewhere the office cannot reach. Later, any client of the C2SP formats, or the short verifier in the documentation (docs/TRANSPARENCY.md), checks that the log then served extends it; the office checks it with “laureate audit verify --checkpoint”.
transparency-formats = The log is served in the C2SP formats (tlog-tiles, tlog-checkpoint, signed-note) with RFC 6962 hashing:
transparency-checkpoints = Every checkpoint published
announcement-log-title = In the transparency log
announcement-log-text = The approval is entry { $index } of the transparency log, first covered by the checkpoint of { $size ->
    [one] { $size } entry
   *[other] { $size } entries
} published { $published }, whose root hash is:
announcement-log-proof = The approval's proof of inclusion (JSON)
verify-log-title = In the transparency log
verify-log-text = The issue of this certificate is entry { $index } of the transparency log, covered by the signed checkpoint of { $size ->
    [one] { $size } entry
   *[other] { $size } entries
}, whose root hash is:
verify-log-download = Download the proof of issue (JSON), to check offline
verify-log-pending = The issue of this certificate is not yet in a published checkpoint of the transparency log; it will be within seconds.
verify-log-offline = The public key of the transparency log, with which the proof of issue is checked: a certificate signed with a stolen key is in no log.
verify-approval-title = The approval in the transparency log
verify-approval-text = This certificate carries the round’s approval: entry { $index } of the transparency log, with its inclusion proof against the signed checkpoint of { $size ->
    [one] { $size } entry
   *[other] { $size } entries
}. Its signed statement names both, so “laureate certificates verify” checks the approval offline with the log’s public key.
verify-approval-proof = The same proof, from this site (JSON)
verify-approval-none = This certificate was issued before certificates carried their approval’s proof; its issue in the log is shown above.
error-approval-not-logged = The round’s approval is not yet in the transparency log, and certificates carry its proof. The server’s log sequencer adds it within seconds: check that a server is running for this database, then issue again.
