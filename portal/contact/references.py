"""Reference numbers a person can read out on the phone: `JB-7K3M`.

No 0/O and no 1/I (they are the pairs people confuse when reading or hearing), upper case only.
32 signs in 4 places give about a million numbers; uniqueness is guaranteed by the database
(a unique constraint and a retry), not by luck.
"""
from __future__ import annotations

import re
import secrets

PREFIX = "JB-"
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 4
REFERENCE_MAX = len(PREFIX) + LENGTH
_SHAPE = re.compile(rf"^JB-[{ALPHABET}]{{{LENGTH}}}$")


def new_reference() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_reference(text: str) -> str | None:
    """What a person typed or said ('jb 7k3m', 'JB-7K3M ') as a reference, or None.

    O and I never occur in a reference, so a typed O or I is not silently read as 0 or 1:
    the text is simply not a reference.
    """
    compact = re.sub(r"[\s-]+", "", text or "").upper()
    if compact.startswith("JB"):
        compact = compact[2:]
    candidate = PREFIX + compact
    return candidate if _SHAPE.match(candidate) else None
