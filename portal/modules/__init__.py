"""The 8 JobBudget modules, their 32 Bausteine, and the dictionary of hard words (Wörterbuch)."""
from .routes import bp

__all__ = ["bp"]
