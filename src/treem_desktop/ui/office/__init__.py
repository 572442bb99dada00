"""The receiving office's window (receiving mode): follow-up, import, resubmissions, outputs."""
