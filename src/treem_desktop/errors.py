"""Domain errors with stable codes, turned into words in the user's language at the edge.

A :class:`TreemError` is something the user can act on (wrong input, a file in use, a full
disk). Anything else that escapes is a bug and reaches the last-resort handler.
"""

from __future__ import annotations

import math
from typing import Any

from treem_desktop.i18n import N_, _

# Exit codes of the command line (docs/cli.md).
EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_VERIFY = 3
EXIT_INTERRUPTED = 130  # stopped by the user (Ctrl+C), as shells report SIGINT

MESSAGES: dict[str, str] = {
    "PROVINCE_UNKNOWN": N_(
        "There is no province or centrally-run city with code {code} in the official list."
    ),
    "COMMUNE_UNKNOWN": N_("There is no commune, ward or special zone with code {code}."),
    "COMMUNE_NOT_IN_PROVINCE": N_(
        "{commune} (code {code}) belongs to {actual_province}, not to {province}."
    ),
    "CATEGORY_UNKNOWN": N_("Unknown commune category “{value}”. Choose one of: {choices}."),
    "FIELD_REQUIRED": N_("“{label}” must be filled in."),
    "CHOICE_REQUIRED": N_("Choose “{label}”."),
    "FIELD_TOO_LONG": N_("“{label}” is too long: at most {limit} characters."),
    "FIELD_BAD_CHARACTERS": N_("“{label}” contains characters that cannot be printed."),
    "EMAIL_INVALID": N_("“{value}” is not a valid e-mail address (example: phongyte@tinh.gov.vn)."),
    "ABBREVIATION_INVALID": N_(
        "“{value}” is not a valid document-number suffix: use capital letters, digits and "
        "hyphens, such as UBND or BCĐ."
    ),
    "COMMUNE_ALREADY_SET": N_(
        "This data folder already belongs to {commune}. Its commune cannot be replaced; use "
        "another data folder for another commune."
    ),
    "COMMUNE_NOT_SET": N_(
        "The commune has not been set up yet. Open Treem and set up the commune first."
    ),
    "DATA_DIR_IN_USE": N_(
        "The data folder {path} is already open in another Treem window or command. Close it "
        "and try again."
    ),
    "DATA_DIR_UNWRITABLE": N_(
        "Treem cannot write to the data folder {path}. Choose a folder you may write to."
    ),
    "DB_NEWER": N_(
        "The database {path} was made by a newer version of Treem (schema {found}; this "
        "version knows up to {known}). Install the newer version; the file was not changed."
    ),
    "DB_NOT_TREEM": N_("The file {path} is not a Treem database; it was not changed."),
    "DB_CORRUPT": N_("The database {path} is damaged: {detail}. Restore a backup."),
    "DB_MISSING": N_("There is no database in {path}. Set up the commune first."),
    "DB_LOST": N_(
        "The database of {path} is missing or empty, but the folder holds the commune's data "
        "(its key, packets or evidence). Nothing was re-created: restore the newest backup."
    ),
    "BACKUP_NOT_FOUND": N_("There is no backup “{reference}”."),
    "BACKUP_INVALID": N_("The file {path} cannot be restored: {reason}. Nothing was changed."),
    "BACKUP_OTHER_VERSION": N_(
        "The backup {path} was made in a format this version of Treem does not know ({found}). "
        "Install the version that made it; nothing was changed."
    ),
    "BACKUP_NEWER": N_(
        "The backup {path} was made by a newer version of Treem (schema {found}; this version "
        "knows up to {known}). Install the newer version; nothing was changed."
    ),
    "BACKUP_OTHER_COMMUNE": N_(
        "The backup {path} belongs to {other}, but this data folder belongs to {commune}. "
        "Restore it into another data folder; nothing was changed."
    ),
    "BACKUP_UNREADABLE": N_("The backup {path} cannot be read ({detail})."),
    "BACKUP_UNWRITABLE": N_("Treem cannot write a backup into {path} ({detail})."),
    "RESTORE_CANCELLED": N_("Nothing was restored."),
    "JOB_CANCELLED": N_("Stopped as asked; what was already done is kept."),
    "DISK_FULL": N_("The disk is full. Free some space and try again; nothing was lost."),
    "DISK_READ_ONLY": N_("The database cannot be written: the disk or file is read-only."),
    "DB_BUSY": N_("The database is busy in another program. Wait a moment and try again."),
    "LANGUAGE_UNKNOWN": N_("Unknown language “{value}”. Choose vi or en."),
    "FILE_UNREADABLE": N_("The file {path} cannot be read: {detail}."),
    "FILE_UNWRITABLE": N_(
        "The file {path} cannot be written: {detail}. Choose another folder; nothing was changed."
    ),
    "STANDARD_TOO_LARGE": N_("The standard file {path} is larger than {limit} bytes; refused."),
    "STANDARD_NOT_JSON": N_("The standard file {path} is not valid JSON ({detail}); refused."),
    "STANDARD_UNKNOWN_VERSION": N_(
        "The standard file {path} is written in spec version {found}, which this version of "
        "Treem cannot read; refused."
    ),
    "STANDARD_INVALID": N_("The standard file {path} is refused: at {where}, {detail}."),
    "TARGETS_INVALID": N_("The province's targets in {path} are refused. {where}: {detail}."),
    "STANDARD_NOT_AVAILABLE": N_("The standard {standard} is not available on this computer."),
    "STANDARD_VERSION_CONFLICT": N_(
        "The standard file {path} says it is {standard} version {version}, but a different file "
        "with that version is already known; refused."
    ),
    "ROUND_NOT_FOUND": N_("There is no evaluation round for {year}."),
    "ROUND_EXISTS": N_("The evaluation round for {year} already exists."),
    "YEAR_INVALID": N_("{year} is not a valid year for an evaluation round."),
    "IMPORT_NOT_JSON": N_("The file {path} is not valid JSON ({detail}); nothing was imported."),
    "IMPORT_NOT_XLSX": N_(
        "The file {path} is not a workbook Treem can read ({detail}); nothing was imported."
    ),
    "IMPORT_NO_INPUT_SHEET": N_(
        "The workbook {path} has no Treem inputs sheet; export the score sheet from Treem and "
        "fill that sheet. Nothing was imported."
    ),
    "IMPORT_NOT_OBJECT": N_(
        "The import file must hold one JSON object keyed by input id; nothing was imported."
    ),
    "INPUT_UNKNOWN": N_("There is no input {input} in this standard; nothing was imported."),
    "INPUT_NEGATIVE": N_("{input} ({label}) cannot be negative."),
    "INPUT_NOT_WHOLE": N_("{input} ({label}) must be a whole number."),
    "INPUT_NOT_NUMBER": N_("{input} ({label}) must be a number."),
    "INPUT_TOO_LARGE": N_("{input} ({label}) is too large: at most {limit}."),
    "INPUT_PERCENT_RANGE": N_("{input} ({label}) is a percentage: from 0 to 100."),
    "INPUT_NOT_YES_NO": N_("{input} ({label}) must be yes or no (có / không)."),
    "NUMERATOR_ABOVE_DENOMINATOR": N_(
        "{input} ({numerator}) cannot be larger than {denominator_input} ({denominator})."
    ),
    "DENOMINATOR_ZERO": N_("{input} ({label}): the denominator must be greater than 0."),
    "RATE_FROM_PARTS": N_(
        "{input} ({label}) is computed from its numerator and denominator: change those, or "
        "clear them to type the rate itself."
    ),
    "POINTS_ABOVE_MAX": N_("{input}: at most {limit} points can be given here."),
    "POINTS_ABOVE_ITEM_MAX": N_(
        "{item}: {points} points is more than this item's maximum of {limit} points."
    ),
    "POINTS_ABOVE_CRITERION_LEFT": N_(
        "{item}: at most {limit} points are left for this item. Criterion {criterion} has at "
        "most {maximum} points and its other items already have {used}."
    ),
    "POINTS_ABOVE_SHARED_LEFT": N_(
        "{item}: at most {limit} points are left for this item. The criteria without an "
        "official maximum share the {maximum} points the known maxima leave of the total, and "
        "{used} of them are already given."
    ),
    "POINTS_ABOVE_TOTAL": N_(
        "{item}: at most {limit} points are left for this item: the total cannot go above the "
        "standard's {maximum} points ({used} already given)."
    ),
    "PERIOD_INVALID": N_(
        "“{period}” is not a period: write a year (2026) or a half-year (2026-H1, 2026-H2)."
    ),
    "PDF_CONVERTER_MISSING": N_(
        "The PDF could not be made: LibreOffice is not installed or failed. The docx was written."
    ),
    "TEMPLATE_UNKNOWN": N_("There is no document template {template}."),
    "TEMPLATE_INVALID": N_("The document template {path} is refused: {detail}."),
    "INPUT_NOT_DATE": N_("{input} ({label}) must be a date, such as 17/07/2020."),
    "DOCUMENT_ISSUED_LOCKED": N_(
        "Document {reference} has been issued, so its words, recipients and tasks are locked. "
        "To change it, choose “Amend the issued document” (the issued text is kept in its "
        "history) or “Make a new version”."
    ),
    "DOCUMENT_NUMBER_REQUIRED": N_("Type the number the clerk gave the document (1 or more)."),
    "DOCUMENT_NUMBER_TAKEN": N_("The number {reference} is already used in {year}."),
    "DOCUMENT_DEADLINES_PAST": N_(
        "{count} deadlines fall before the issue date {date}: {tasks}. Change them, or confirm "
        "that they stay as they are."
    ),
    "DOCUMENT_UNKNOWN": N_("There is no document number {id} in the register."),
    "DOCUMENT_PERIOD_INVALID": N_("“{value}” is not a period: write a year such as 2027."),
    "INPUT_COMPUTED": N_("{input} ({label}) is computed by Treem and cannot be filled in."),
    "PASSPHRASE_TOO_SHORT": N_("The passphrase is too short: use at least {limit} characters."),
    "PASSPHRASE_REQUIRED": N_(
        "A passphrase is needed: type it when asked, or give --passphrase-file FILE or the "
        "TREEM_PASSPHRASE variable."
    ),
    "PASSPHRASE_MISMATCH": N_("The two passphrases differ. Type the same passphrase twice."),
    "PASSPHRASE_FILE_UNREADABLE": N_("The passphrase file {path} cannot be read: {detail}."),
    "KEY_MISSING": N_(
        "This commune has no signing key yet. Create it in Settings (the commune's signing key)."
    ),
    "KEY_FILES_INCOMPLETE": N_(
        "The key folder {path} holds only part of a key (the key or the certificate is "
        "missing). Restore the key from its backup; Treem did not replace it."
    ),
    "KEY_CERT_UNREADABLE": N_(
        "The certificate {path} is damaged. Restore the key from its backup."
    ),
    "KEY_PASSPHRASE_WRONG": N_(
        "The passphrase of the signing key is wrong (or was not given). Nothing was signed."
    ),
    "KEY_UNREADABLE": N_("The signing key {path} cannot be read. Restore it from its backup."),
    "KEY_CERT_MISMATCH": N_(
        "The signing key {path} does not belong to the commune's certificate. Restore the key "
        "and certificate together from their backup."
    ),
    "KEY_ALREADY_PROTECTED": N_("The signing key is already protected by a passphrase."),
    "KEY_RESTORE_UNPROTECTED": N_(
        "The key in {path} is not protected by a passphrase, so it was not made by Treem's "
        "backup or was changed since; it was not restored and nothing was changed."
    ),
    "KEY_BACKUP_UNPROTECTED": N_(
        "The signing key is not protected by a passphrase, so it is not backed up: a backup must "
        "never hold the key in clear. Add a passphrase to the key first (Settings, the commune's "
        "signing key), then back it up."
    ),
    "KEY_BACKUP_NOT_FOUND": N_(
        "{path} is not a key backup: its folder must hold commune-key.pem and commune-cert.pem. "
        "Nothing was changed."
    ),
    "KEY_BACKUP_DAMAGED": N_(
        "The file {path} of the backup is not what was backed up (damaged on the USB stick?). "
        "Use another backup; nothing was changed."
    ),
    "KEY_COPY_VERIFY_FAILED": N_(
        "The copy {path} does not read back the same as what was written (a faulty disk or USB "
        "stick?). Use another one; the key in use was not changed."
    ),
    "KEY_RESTORE_OTHER_COMMUNE": N_(
        "The backup {path} holds the key of {found}, not of {commune}; nothing was changed."
    ),
    "KEY_RESTORE_REPLACED": N_(
        "This backup holds a key that was replaced on {created} (the new key's fingerprint is "
        "{fingerprint}); the receiving office no longer accepts it. Restore a backup of the new "
        "key; nothing was changed."
    ),
    "KEY_NAMES_OTHER_COMMUNE": N_(
        "The signing key in use names {found}, not {commune}, so it cannot vouch for a new key. "
        "Create this commune's own key in Settings."
    ),
    "KEY_CHANGE_MALFORMED": N_(
        "The key-change statement is not valid: at {where}, {detail}; refused."
    ),
    "KEY_CHANGE_FORMAT_UNKNOWN": N_(
        "The key-change statement is in format version {found}, which this version of Treem "
        "cannot read. Install the newer version; refused."
    ),
    "KEY_CHANGE_SIGNATURE_INVALID": N_(
        "The signature of the key-change statement is damaged or does not match the statement "
        "({detail}); refused."
    ),
    "KEY_CHANGE_UNTRUSTED": N_(
        "The key-change statement was not signed by the trusted old certificate but by another "
        "one (fingerprint {fingerprint}); refused."
    ),
    "KEY_CHANGE_OLD_CERT_EXPIRED": N_(
        "The old certificate was not valid when the key-change statement was signed; refused."
    ),
    "KEY_CHANGE_FINGERPRINT_MISMATCH": N_(
        "The fingerprint {which} in the key-change statement is not that of its certificate; "
        "refused."
    ),
    "KEY_CHANGE_COMMUNE_MISMATCH": N_(
        "The key-change statement passes the key of {old} to a certificate naming {new}: not "
        "the same commune; refused."
    ),
    "PACKET_KIND_NOT_AVAILABLE": N_(
        "There is no packet of kind “{kind}”; choose evaluation, indicators or plan."
    ),
    "PACKET_NO_DOCUMENTS": N_(
        "No official document of {year} has been issued yet, so there is no plan packet to "
        "send. Issue the plan or report first (Documents page)."
    ),
    "PACKET_PREFLIGHT_BLOCKING": N_(
        "The packet cannot be made until the pre-flight problem “{code}” is fixed."
    ),
    "FILE_EXISTS": N_("The file {path} already exists; it was not overwritten."),
    "PACKET_DEMO": N_(
        "{path} is a demo packet (signed with the demo commune's key, marked “DEMO – không có "
        "giá trị”): it holds sample data, not a commune's report, and is refused."
    ),
    "PACKET_UNREADABLE": N_("The packet {path} cannot be read: {detail}."),
    "PACKET_NOT_ZIP": N_("{path} is not a Treem packet (it is not a ZIP file); refused."),
    "PACKET_TRUNCATED": N_(
        "The packet {path} is incomplete: it was cut off while being copied or downloaded. "
        "Ask the commune to send it again; refused."
    ),
    "PACKET_TOO_LARGE": N_("The packet is larger than {limit} MB; refused."),
    "PACKET_TOO_MANY_MEMBERS": N_("The packet holds {count} files, more than {limit}; refused."),
    "PACKET_UNSAFE_PATH": N_(
        "The packet holds a file with an unsafe name “{member}” (a folder, “..” or an absolute "
        "path); refused."
    ),
    "PACKET_LINK": N_("“{member}” in the packet is a link, not a file; refused."),
    "PACKET_DUPLICATE_MEMBER": N_("The packet holds “{member}” twice; refused."),
    "PACKET_ENCRYPTED": N_("“{member}” in the packet is protected by a password; refused."),
    "PACKET_COMPRESSION_UNSUPPORTED": N_(
        "“{member}” in the packet is compressed in a way Treem does not accept; refused."
    ),
    "PACKET_MEMBER_TOO_LARGE": N_(
        "“{member}” in the packet would unpack to more than {limit} MB; refused."
    ),
    "PACKET_COMPRESSION_RATIO": N_(
        "“{member}” in the packet would unpack to {ratio} times its size (a “ZIP bomb”); refused."
    ),
    "PACKET_MEMBER_DAMAGED": N_(
        "The packet is damaged (at “{member}”): a byte changed on the way. Ask for it again; "
        "refused."
    ),
    "PACKET_DAMAGED": N_(
        "The packet is damaged: its table of contents changed on the way. Ask for it again; "
        "refused."
    ),
    "PACKET_MEMBER_MISSING": N_("“{member}” is missing from the packet; refused."),
    "PACKET_MEMBER_UNDECLARED": N_(
        "“{member}” is in the packet but not in its signed list of files (added after "
        "signing?); refused."
    ),
    "PACKET_MANIFEST_INVALID": N_(
        "The packet's list of files (manifest.json) is not valid: at {where}, {detail}; refused."
    ),
    "PACKET_FORMAT_UNKNOWN": N_(
        "The packet is in format version {found}, which this version of Treem cannot read. "
        "Install the newer version; refused."
    ),
    "PACKET_HASH_MISMATCH": N_(
        "“{member}” in the packet is not the file that was signed (changed after signing); refused."
    ),
    "PACKET_SIGNER_UNREADABLE": N_("signer.pem in the packet is not a certificate; refused."),
    "PACKET_SIGNER_MISMATCH": N_(
        "signer.pem in the packet is not the certificate that signed it; refused."
    ),
    "PACKET_SIGNER_COMMUNE_MISMATCH": N_(
        "The packet says it comes from {claimed} ({code}) but was signed by {signer}; refused."
    ),
    "CMS_MALFORMED": N_(
        "The signature {member} is damaged or not a signature Treem can read; refused."
    ),
    "CMS_UNSUPPORTED_ALGORITHM": N_(
        "The signature {member} uses an algorithm Treem does not accept; refused."
    ),
    "CMS_SIGNER_MISSING": N_(
        "The signature {member} does not carry the signer's certificate; refused."
    ),
    "CMS_DIGEST_MISMATCH": N_(
        "The packet's list of files is not what was signed (changed after signing); refused."
    ),
    "CMS_SIGNATURE_INVALID": N_(
        "The signature {member} does not match its certificate (forged or damaged); refused."
    ),
    "CMS_UNTRUSTED": N_(
        "The packet was signed by {signer} (certificate fingerprint {fingerprint}), which is not "
        "among the trusted certificates; refused."
    ),
    "CMS_CERT_EXPIRED": N_(
        "The certificate of {signer} was not valid when the packet was signed; refused."
    ),
    "TOKEN_LIBRARY_MISSING": N_(
        "There is no token library at {path}. Install the token's software from its CA, or "
        "choose the library file (.dll) it installed."
    ),
    "TOKEN_LIBRARY_UNLOADABLE": N_(
        "{path} cannot be loaded as a token library (PKCS#11). Choose the .dll installed by "
        "the token's CA."
    ),
    "TOKEN_ABSENT": N_("The token “{token}” is not plugged in. Plug it in and try again."),
    "TOKEN_NO_CERTIFICATE": N_(
        "No token with a certificate was found through {library}. Is the token plugged in?"
    ),
    "TOKEN_CERTIFICATE_AMBIGUOUS": N_(
        "The token holds several certificates ({ids}); choose one with --token-key."
    ),
    "TOKEN_PIN_WRONG": N_(
        "The PIN of the token “{token}” is wrong (or was not given). Nothing was signed. "
        "Careful: a token locks itself after a few wrong PINs."
    ),
    "TOKEN_PIN_LOCKED": N_(
        "The token “{token}” is locked after too many wrong PINs. Its CA can unlock it; "
        "nothing was signed."
    ),
    "TOKEN_KEY_MISSING": N_(
        "The token “{token}” has no private key for the certificate of {subject}; nothing "
        "was signed."
    ),
    "TOKEN_FAILED": N_("The token refused to sign ({detail}); nothing was signed."),
    "TOKEN_CERT_NOT_COMMUNE": N_(
        "The token's certificate ({subject}) does not name {commune} and its province, so the "
        "receiving office could not tell that the packet comes from the commune. Use the "
        "commune's token or the commune's own key."
    ),
    "FINGERPRINT_MISMATCH": N_(
        "The certificate's fingerprint is {actual}, not {expected}. It was not trusted: ask "
        "its owner for the right file or fingerprint."
    ),
    "TRUST_ONE_CERTIFICATE": N_(
        "{path} holds {count} certificates; give one CA certificate at a time."
    ),
    "TRUST_NOT_CA": N_(
        "{path} is not a CA certificate; only a CA's certificate can be a trust anchor."
    ),
    "USB_NOT_FOUND": N_("The folder {path} is not there: is the USB stick plugged in?"),
    "USB_FULL": N_(
        "The USB stick {path} is full. Free some space or use another stick; the packet is "
        "still in the outbox."
    ),
    "USB_READ_ONLY": N_(
        "The USB stick {path} cannot be written (it is read-only or locked). Unlock it or use "
        "another stick; the packet is still in the outbox."
    ),
    "USB_GONE": N_(
        "The USB stick {path} was removed or stopped working during the copy ({detail}). "
        "Nothing was left half-written; plug it in again and send again."
    ),
    "USB_COPY_MISMATCH": N_(
        "The copy on {path} does not match the packet (the stick may be failing); it was "
        "removed. Try another stick."
    ),
    "USB_IN_USE": N_(
        "Another program is using a file on {path} (an open window or a virus scan). Close "
        "it and send again; the packet is still in the outbox."
    ),
    "USB_BUILD_FOLDER": N_(
        "{path} is the outbox's own folder, not a USB stick. Choose the stick's drive."
    ),
    "USB_INSIDE_DATA_FOLDER": N_(
        "{path} is inside Treem's data folder ({data}), not on a USB stick. Choose the "
        "stick's drive."
    ),
    "USB_NAME_TAKEN": N_("{path} already exists with different contents; it was not overwritten."),
    "MAIL_NOT_CONFIGURED": N_(
        "The e-mail server is not set up. In the outbox, click “Sending settings…” and fill "
        "in the mail server and the sender's address."
    ),
    "MAIL_NO_RECIPIENT": N_(
        "The receiving office's e-mail address is not set. Fill it in on the Settings page."
    ),
    "MAIL_OFFLINE": N_(
        "The e-mail server {host} cannot be reached now ({detail}). The packet stays queued "
        "and goes out when the connection is back."
    ),
    "MAIL_AUTH_FAILED": N_(
        "The e-mail server {host} refused the user name {user} or its password. Check them "
        "in Settings."
    ),
    "PASSWORD_UNENCRYPTED": N_(
        "The connection to {host} is not encrypted, so Treem will not send the password "
        "({key}) over it. Choose ssl or starttls for e-mail, or an https:// address for "
        "upload, in the sending settings."
    ),
    "MAIL_REFUSED": N_("The e-mail server {host} refused the message: {detail}."),
    "MAIL_TOO_LARGE": N_(
        "The e-mail server {host} refused the packet as too large ({detail}). Send it by USB "
        "stick or upload instead."
    ),
    "UPLOAD_NOT_CONFIGURED": N_(
        "The upload server is not set up. In the outbox, click “Sending settings…” and fill in "
        "the WebDAV folder's address."
    ),
    "UPLOAD_OFFLINE": N_(
        "The upload server {url} cannot be reached now ({detail}). The packet stays queued "
        "and goes out when the connection is back."
    ),
    "UPLOAD_AUTH_FAILED": N_(
        "The upload server {url} refused the user name or password. Check them in Settings."
    ),
    "UPLOAD_REFUSED": N_("The upload server {url} refused the packet: {detail}."),
    "OUTBOX_PACKET_UNKNOWN": N_("There is no packet number {sequence} in the outbox."),
    "OUTBOX_FILE_MISSING": N_(
        "The file of packet {name} is not in the outbox folder {path}. If you have a copy "
        "(on a USB stick, in a sent e-mail), click “Add a packet file…” in the outbox; "
        "otherwise build the packet again."
    ),
    "OUTBOX_NOT_A_LOGGED_PACKET": N_(
        "{path} is not a packet this commune built (its hash is not in the packet log)."
    ),
    "OUTBOX_RESEND_OFFLINE": N_(
        "Packet {name} was already sent ({sent}); the server could not be reached to send it "
        "again, so it was not queued. Send it again when the connection is back."
    ),
    "OUTBOX_ROUTE_UNKNOWN": N_("Unknown route “{value}”. Use usb:FOLDER, email or upload."),
    "RECIPIENT_CERT_UNREADABLE": N_(
        "{path} is not a certificate (a PEM or DER file). Ask the receiving office for its "
        "certificate file."
    ),
    "RECIPIENT_NOT_TRUSTED": N_(
        "The receiving office's certificate is not registered. Register it first (the office "
        "sends its certificate file and reads you its fingerprint)."
    ),
    "RECIPIENT_FINGERPRINT_MISMATCH": N_(
        "The certificate in {path} has the fingerprint {actual}, not {expected}; it was not "
        "registered."
    ),
    "RECEIPT_UNREADABLE": N_("The receipt {path} cannot be read: {detail}."),
    "RECEIPT_NONE_FOUND": N_("{path} holds no receipt (no file ending in .receipt.zip)."),
    "RECEIPT_MAIL_TOO_LARGE": N_(
        "{path} is larger than {limit} MB and is not read; a receipt is only a few kilobytes. "
        "Save the e-mail with the receipt alone, or save its attachment."
    ),
    "RECEIPT_DAMAGED": N_("{path} is not a Treem receipt or is damaged; refused."),
    "RECEIPT_INVALID": N_("The receipt {path} is not in a format Treem knows ({detail}); refused."),
    "RECEIPT_SIGNATURE_INVALID": N_(
        "The signature of the receipt {path} is damaged or forged; refused."
    ),
    "RECEIPT_UNTRUSTED": N_(
        "The receipt {path} was not signed by the registered receiving office; refused."
    ),
    "RECEIPT_PACKET_UNKNOWN": N_(
        "The receipt {path} is for a packet this commune never built ({packet_id}); refused."
    ),
    "RECEIPT_HASH_MISMATCH": N_(
        "The receipt {path} names packet {name} with another hash than the one sent; refused."
    ),
    "RECEIPT_COMMUNE_MISMATCH": N_(
        "The receipt {path} is for commune {code}, not this commune; refused."
    ),
    "RECEIPT_FIELD_MISMATCH": N_(
        "The receipt {path} gives {name} as “{found}”, but the packet it acknowledges has "
        "“{expected}”; refused."
    ),
    "SETTING_UNKNOWN": N_("Unknown setting “{key}”. Known settings: {choices}."),
    "SETTING_INVALID": N_("“{value}” is not a valid value for {key}: {expected}."),
    "SECRET_STORE_UNAVAILABLE": N_(
        "The system's credential store cannot be used ({detail}); the password was not saved."
    ),
    "TABLE_ROWS_LIMIT": N_("{table} can hold at most {limit} rows; {input} is beyond that."),
    # The receiving office (office/, h19).
    "OFFICE_NOT_SET": N_(
        "This data folder is not set up as a receiving office. Set up receiving mode first."
    ),
    "COMMUNE_FOLDER_IS_OFFICE": N_(
        "The data folder {path} belongs to a receiving office; a commune needs a data folder of "
        "its own. Open it in receiving mode, or choose another folder. Nothing was changed."
    ),
    "OFFICE_FOLDER_IS_COMMUNE": N_(
        "The data folder {path} holds a commune's data; a receiving office needs a data folder "
        "of its own. Nothing was changed."
    ),
    "OFFICE_ALREADY_SET": N_(
        "This data folder already belongs to {office}, for another province. Use another data "
        "folder; nothing was changed."
    ),
    "OFFICE_LEVEL_UNKNOWN": N_("Unknown office level “{value}”. Choose one of: {choices}."),
    "OFFICE_KEY_MISSING": N_(
        "The office's key or certificate {path} is missing or damaged. Restore it from its backup."
    ),
    "OFFICE_FINGERPRINT_MISMATCH": N_(
        "The certificate in {path} has the fingerprint {actual}, not {expected}; it was not "
        "trusted."
    ),
    "OFFICE_CERT_UNREADABLE": N_(
        "{path} is neither a certificate (PEM or DER) nor a packet; nothing was trusted."
    ),
    "OFFICE_CERT_NO_COMMUNE": N_(
        "The certificate in {path} does not say which commune it belongs to. Trust it from a "
        "packet the commune signed with it."
    ),
    "OFFICE_COMMUNE_OTHER_PROVINCE": N_(
        "The commune with code {code} is not a commune of {province}, the office's area; refused."
    ),
    "OFFICE_COMMUNE_NOT_TRUSTED": N_(
        "{commune} ({code}) has no trusted certificate yet. Confirm the fingerprint {fingerprint} "
        "with the commune (its key card, or by phone), trust the certificate, then import again. "
        "The packet is kept in quarantine."
    ),
    "OFFICE_MAIL_TOO_LARGE": N_("{path} is larger than {limit} MB and is not read."),
    "OFFICE_MAIL_UNREADABLE": N_(
        "The saved e-mail {path} cannot be read; its packets were not found."
    ),
    "OFFICE_PACKET_UNKNOWN": N_("There is no received packet “{reference}”."),
    "OFFICE_NOT_RESUBMISSION": N_(
        "The packet {reference} is not a resubmission waiting to be accepted."
    ),
    "OFFICE_TARGET_INVALID": N_(
        "“{value}” is not a valid target: give a percentage above 0 and at most 100."
    ),
    "OFFICE_DATE_INVALID": N_("“{value}” is not a date (DD/MM/YYYY)."),
    # The enrollment file: a commune's certificate and contact for the office (h34).
    "ENROLLMENT_DAMAGED": N_(
        "{path} is not a Treem enrollment file or is damaged; nothing was trusted."
    ),
    "ENROLLMENT_INVALID": N_(
        "The enrollment file {path} is not in a format Treem knows ({detail}); nothing was trusted."
    ),
    "ENROLLMENT_SIGNATURE_INVALID": N_(
        "The signature of the enrollment file {path} does not match its content: it was changed "
        "after the commune made it. Nothing was trusted; ask the commune for a new file."
    ),
    "ENROLLMENT_CERT_OTHER_COMMUNE": N_(
        "The certificate in the enrollment file {path} does not name the commune with code "
        "{code} that the file names; nothing was trusted."
    ),
    "ENROLLMENT_PHONE_INVALID": N_(
        "“{value}” is not a telephone number: use digits, spaces and + ( ) . - only, at most "
        "{limit} characters."
    ),
    "ENROLLMENT_KEY_OTHER_COMMUNE": N_(
        "The signing key in use names {found}, not {commune}: no enrollment file can be made "
        "with it. Create this commune's own key in Settings."
    ),
    "ENROLLMENT_OFFICER_INVALID": N_(
        "The officer's name “{value}” cannot go into the enrollment file: at most {limit} "
        "printable characters. Correct it in Settings."
    ),
    # Consolidation and DHIS2 exports of the receiving office (h20).
    "CONSOLIDATION_DATA_INVALID": N_(
        "A received packet's data cannot be added up: the value at {place} is missing or of "
        "the wrong kind."
    ),
    "DHIS2_MAPPING_INVALID": N_(
        "The DHIS2 mapping file {path} cannot be used: {detail} (at {place})."
    ),
    "EXPORT_NOTHING_MAPPED": N_(
        "Nothing to export for period {period}: no received value has a place in the mapping "
        "file {path}. Check its commune codes and Treem ids."
    ),
    "STANDARD_VALUES_INVALID": N_("{path} is not a file of a standard's filled values: {detail}."),
    "STANDARD_VALUES_REFUSED": N_("The values in {path} were not signed: {problems}"),
    "STANDARD_PACK_DAMAGED": N_("{path} is not a standard pack or is damaged; refused."),
    "STANDARD_PACK_INVALID": N_("The standard pack {path} is not valid ({detail}); refused."),
    "STANDARD_PACK_SIGNATURE_INVALID": N_(
        "The signature of the standard pack {path} does not match its content: it was "
        "changed after signing. Refused."
    ),
    "STANDARD_PACK_UNTRUSTED": N_(
        "The standard pack {path} was not signed by the receiving office registered here. Refused."
    ),
    "STANDARD_PACK_NOT_FOR_STANDARD": N_(
        "The standard pack {path} is for a standard this application does not hold "
        "({standard}, version {version}). Refused."
    ),
    "STANDARD_PACK_OLDER": N_(
        "The standard pack {path} was signed on {signed}, before the one already in use "
        "({current}). Nothing was changed."
    ),
    # A key card's QR code read from a photo at the office (h37).
    "QR_PHOTO_UNREADABLE": N_(
        "{path} is not a picture Treem can read (PNG, JPEG or BMP), or it is damaged."
    ),
    "QR_PHOTO_TOO_LARGE": N_(
        "The picture {path} is too large to read: at most {limit} megapixels and {megabytes} MB. "
        "Take or scan it again at a lower resolution."
    ),
    "QR_PHOTO_NO_CODE": N_(
        "The picture {path} has no QR code of a Treem key card that can be read. Photograph the "
        "card again: closer, straight on, sharp and evenly lit, with the whole code in the picture."
    ),
    "QR_PHOTO_NOT_KEY_CARD": N_(
        "The QR code in {path} is not the code of a Treem key card; nothing was filled in."
    ),
    "QR_PHOTO_SEVERAL": N_(
        "The picture {path} shows the QR codes of several different key cards. Photograph one "
        "card at a time."
    ),
}


#: What the command line adds to a message: the command that does what the window's button does.
#: The window never shows these (issue 12: no command lines in the officer's window).
COMMAND_HINTS: dict[str, str] = {
    "COMMUNE_NOT_SET": N_("Command line: treem setup"),
    "OFFICE_NOT_SET": N_(
        "Command line: treem setup --receiving --province CODE --office-name NAME"
    ),
    "OFFICE_COMMUNE_NOT_TRUSTED": N_("Command line: treem receive trust FILE --fingerprint SHA256"),
    "KEY_MISSING": N_("Command line: treem setup, again with the same codes"),
    "KEY_BACKUP_UNPROTECTED": N_("Command line: treem key protect"),
    "MAIL_NOT_CONFIGURED": N_("Command line: treem settings set mail.host … and mail.from …"),
    "UPLOAD_NOT_CONFIGURED": N_("Command line: treem settings set upload.url …"),
    "OUTBOX_FILE_MISSING": N_("Command line: treem outbox add FILE"),
    "RECIPIENT_NOT_TRUSTED": N_("Command line: treem recipient trust FILE --fingerprint SHA256"),
}


class TreemError(Exception):
    """An error the user can act on, identified by a stable code.

    Attributes:
        code: the stable identifier (a key of :data:`MESSAGES`), kept in logs and JSON.
        params: the values named in the message.
        field: the input at fault, when there is one (for forms to point at it).
        exit_code: the command line's exit status for this error.
    """

    exit_code = EXIT_USER

    def __init__(self, error_code: str, /, *, field: str | None = None, **params: Any) -> None:
        if error_code not in MESSAGES:
            raise KeyError(f"unknown error code {error_code}")
        super().__init__(error_code)
        self.code = error_code
        self.field = field
        self.params = params

    def message(self) -> str:
        """The message in the current language."""
        return _(MESSAGES[self.code]).format(**self.params)

    def command_hint(self) -> str | None:
        """The command that does what the message's button does (command line only)."""
        hint = COMMAND_HINTS.get(self.code)
        return _(hint) if hint is not None else None

    def __str__(self) -> str:
        return f"{self.code}: {self.message()}"

    def as_json(self) -> dict[str, Any]:
        """For ``--json``: the code, the technical place (``field``), the message, and every
        value kept on the error (``details``: the technical reason, what was expected…), so a
        script loses nothing the officer's words leave out."""
        details = {key: _plain(value) for key, value in self.params.items()}
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message(),
            "details": details,
        }


def _plain(value: object) -> object:
    """``value`` as JSON can hold it: a text, a whole number, a finite number, yes/no or null;
    anything else (a path, a list…) as its text."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return str(value)
