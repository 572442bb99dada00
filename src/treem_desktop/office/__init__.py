"""The receiving office's use cases (cơ quan tiếp nhận): its own data folder and schema.

A provincial office (Sở Y tế, or the office the province names) trusts its communes'
certificates, imports and verifies their packets (refused ones kept in quarantine), follows up
who sent and who is missing, and signs receipts. Nothing here imports Qt or the commune's use
cases; it builds on the shared domain (packets, signing, handoff, storage).
"""
