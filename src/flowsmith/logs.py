"""Logging set-up. Tokens never reach a log line: the ``access_token`` query parameter (the
EventSource auth fallback) is redacted from every record, uvicorn's access log included."""

from __future__ import annotations

import logging
import re

_SECRET_QUERY = re.compile(r"((?:access_token|token|apikey|api_key)=)[^&\s\"']+", re.IGNORECASE)
# whatever else a library or an exception message may carry: bearer credentials, JWTs,
# well-known API key formats, passwords in URLs
_BEARER = re.compile(r"\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*", re.IGNORECASE)
_JWT = re.compile(r"\beyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*")
_API_KEY = re.compile(
    r"\b(?:sk-(?:ant-)?[A-Za-z0-9_\-]{16,}|gh[pousr]_[A-Za-z0-9]{30,}"
    r"|xox[abprs]-[A-Za-z0-9\-]{10,})"
)
_URL_PASSWORD = re.compile(r"(://[^/\s:@]+:)[^/\s@]+(@)")


def redact(text: str) -> str:
    text = _SECRET_QUERY.sub(r"\1[redacted]", text)
    text = _BEARER.sub(r"\1[redacted]", text)
    text = _JWT.sub("[redacted-jwt]", text)
    text = _API_KEY.sub("[redacted-key]", text)
    return _URL_PASSWORD.sub(r"\1[redacted]\2", text)


class RedactSecrets(logging.Filter):
    """Formats the message first, then redacts it: a secret may arrive in the template,
    in an argument, or only appear once the two are joined."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        return True


def configure_logging(level: str, fmt: str = "json") -> None:
    """One handler on the root logger: every record passes the redaction filter (a filter
    on a handler sees propagated records too, unlike one on a logger)."""
    from flowsmith.observability import JsonFormatter

    handler = logging.StreamHandler()
    handler.addFilter(RedactSecrets())
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.access", "uvicorn.error"):
        # whatever configured them before, they go through our handler (and its filter)
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        logger.setLevel(logging.NOTSET)
