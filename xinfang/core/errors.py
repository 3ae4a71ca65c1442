"""Domain errors. Each carries a Chinese message meant for the person who tried the action."""

from __future__ import annotations


class DomainError(Exception):
    """Base class for rule violations the user can understand and correct."""

    code = "domain_error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class IllegalTransition(DomainError):
    """The action is not allowed from the case's current state."""

    code = "illegal_transition"


class PermissionDenied(DomainError):
    """The user's unit or role may not perform this action."""

    code = "permission_denied"


class GuardFailed(DomainError):
    """A legal condition of the action is not met (time window, once-only extension...)."""

    code = "guard_failed"


class InvalidParams(DomainError):
    """The data given with the action is incomplete or wrong."""

    code = "invalid_params"


class ConfidentialityViolation(DomainError):
    """The action would pass accusation material to the accused unit (Art. 30)."""

    code = "confidentiality"
