"""Privacy: PII redaction before anything is shown, cached or written."""

from insights.privacy.redact import Redactor, redact_units

__all__ = ["Redactor", "redact_units"]
