"""Handoff: how a packet leaves the commune (USB stick, e-mail, upload) and how its receipt
comes back. Nothing here touches Qt; each route imports its libraries (smtplib, httpx,
cryptography) only when it is used, never at the app's start-up.

- :mod:`.usb`: removable drives, and a checked copy that never leaves half a file;
- :mod:`.mail`: the message to the receiving office, SMTP, ``.eml``;
- :mod:`.webdav`: upload to a WebDAV folder with retries and a duplicate check;
- :mod:`.online`: a light reachability check of the configured servers;
- :mod:`.receipt`: the signed receipt (giấy báo nhận), made and verified.
"""
