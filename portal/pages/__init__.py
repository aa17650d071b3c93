"""Start page, accessibility statement with the barrier report, privacy, imprint, support staff page."""
from .routes import bp

__all__ = ["bp"]
