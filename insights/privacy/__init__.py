"""Privacy: PII redaction before anything is shown, cached or written."""

from insights.privacy.redact import redact_attributes, redact_units
from insights.privacy.redactor import Redactor
from insights.privacy.spans import Found, PiiType
from insights.privacy.terms import RedactTerms, TermsError, load_terms, parse_terms

__all__ = [
    "Found",
    "PiiType",
    "RedactTerms",
    "Redactor",
    "TermsError",
    "load_terms",
    "parse_terms",
    "redact_attributes",
    "redact_units",
]
