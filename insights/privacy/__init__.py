"""Privacy: PII redaction before anything is shown, cached or written."""

from insights.privacy.redact import Redactor, redact_attributes, redact_units

__all__ = ["Redactor", "redact_attributes", "redact_units"]
